// ASCII character classes, byte sets, sorted word lists and case-insensitive comparison
// for the text-pattern code.
// Bytes of multi-byte UTF-8 sequences (>= 0x80) belong to none of the classes, so these
// are safe to run over UTF-8 text byte by byte.
#pragma once

#include <algorithm>
#include <span>
#include <string_view>
#include <vector>

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

// A set of ASCII bytes as a table, for tests that run on every byte ("._%+-").
class CharSet {
 public:
  constexpr explicit CharSet(std::string_view chars) {
    for (unsigned char c : chars) in_[c] = true;
  }
  constexpr bool operator()(char c) const { return in_[static_cast<unsigned char>(c)]; }
  // Whether any byte of s is in the set (s.find_first_of(chars) != npos).
  constexpr bool AnyIn(std::string_view s) const {
    return std::any_of(s.begin(), s.end(), [this](char c) { return (*this)(c); });
  }

 private:
  bool in_[256] = {};
};

// A fixed word list, sorted for membership tests by binary search (exact bytes). Most
// words looked up are in no list: the first bytes and the lengths of the words turn
// them away before the search.
class SortedWords {
 public:
  explicit SortedWords(std::span<const std::string_view> words)
      : words_(words.begin(), words.end()) {
    std::sort(words_.begin(), words_.end());
    for (std::string_view w : words_) {
      if (w.empty()) continue;
      first_[static_cast<unsigned char>(w[0])] = true;
      lengths_ |= LengthBit(w.size());
    }
  }
  bool Has(std::string_view w) const {
    if (!w.empty() &&
        (!first_[static_cast<unsigned char>(w[0])] || !(lengths_ & LengthBit(w.size()))))
      return false;
    return std::binary_search(words_.begin(), words_.end(), w);
  }

 private:
  static constexpr unsigned long long LengthBit(size_t n) { return 1ULL << (n < 63 ? n : 63); }
  std::vector<std::string_view> words_;
  bool first_[256] = {};
  unsigned long long lengths_ = 0;  // bit n: a word of n bytes (63: of 63 or more)
};

}  // namespace renkei::domain::text_patterns
