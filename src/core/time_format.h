// Rendering and parsing of instants at the edge (invariant 4).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace renkei {

// RFC 3339 in UTC with milliseconds, e.g. "2026-11-22T01:02:03.456Z".
std::string FormatRfc3339Utc(Millis ms);
// The same into a caller's buffer (no allocation); returns the length written.
size_t FormatRfc3339UtcTo(Millis ms, char (&buf)[32]);
// RFC 3339 in JST (+09:00), e.g. "2026-11-22T10:02:03+09:00" (for people and mail).
std::string FormatRfc3339Jst(Millis ms);
// What people read on paper and in mail: "2026-11-22 10:02 JST" (to the minute).
std::string FormatJstMinutes(Millis ms);
// Parses RFC 3339 with 'Z' or a numeric offset; fractional seconds optional.
std::optional<Millis> ParseRfc3339(std::string_view text);

}  // namespace renkei
