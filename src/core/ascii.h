// ASCII letter case, whatever the locale: for protocol tokens (header names, media types,
// methods, language tags), e-mail addresses, file extensions and the text-pattern code.
// Bytes >= 0x80 are never changed, so these are safe on UTF-8 text byte by byte.
#pragma once

#include <string>
#include <string_view>

namespace renkei {

constexpr unsigned char AsciiLower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c;
}

inline std::string ToAsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(AsciiLower(static_cast<unsigned char>(c)));
  return out;
}

// Without leading and trailing spaces and tabs (HTTP's optional whitespace around header
// values and their parts).
constexpr std::string_view TrimSpaceTab(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

constexpr bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(static_cast<unsigned char>(a[i])) !=
        AsciiLower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

}  // namespace renkei
