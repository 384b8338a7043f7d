// Name-based UUIDs (RFC 9562 version 5: SHA-1 over a namespace UUID and a name), for ids
// that must come out the same every time from the same thing (the STIX ids of an item).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace renkei {

using Uuid = std::array<std::uint8_t, 16>;

// "6ba7b811-9dad-11d1-80b4-00c04fd430c8" → bytes; nullopt unless 36 characters of the
// canonical 8-4-4-4-12 hex form.
std::optional<Uuid> ParseUuid(std::string_view text);
// Lower-case canonical form.
std::string FormatUuid(const Uuid& u);
// Version 5, variant RFC 4122: SHA-1(namespace bytes ‖ name), first 16 bytes, with the
// version and variant bits set.
Uuid UuidV5(const Uuid& ns, std::string_view name);

// SHA-1 (FIPS 180-4) of `data`: only for UUIDv5, which the RFC defines over SHA-1; never for
// anything that needs a secure hash (core/crypto.h has SHA-256).
std::array<std::uint8_t, 20> Sha1(std::string_view data);

}  // namespace renkei
