// ASCII character classes and case-insensitive comparison for the text-pattern code.
// Bytes of multi-byte UTF-8 sequences (>= 0x80) belong to none of the classes, so these
// are safe to run over UTF-8 text byte by byte.
#pragma once

#include <string_view>

#include "core/ascii.h"

namespace renkei::domain::text_patterns {

constexpr bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAlpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool IsAlnum(unsigned char c) { return IsDigit(c) || IsAlpha(c); }
constexpr bool IsHex(unsigned char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
// Equal ignoring the case of ASCII letters (core/ascii.h).
using renkei::EqualsIgnoringAsciiCase;

constexpr bool EndsWithI(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         EqualsIgnoringAsciiCase(s.substr(s.size() - suffix.size()), suffix);
}

constexpr bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
constexpr bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace renkei::domain::text_patterns
