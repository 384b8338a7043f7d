// Text helpers for Japanese-first search and validation.
#pragma once

#include <string>
#include <string_view>

namespace renkei {

// NFKC + case folding (ICU): full-width "ＡＢＣ１" and half-width katakana "ﾃﾞﾝﾘｮｸ" fold to
// "abc1" and "デンリョク", so a search key and a query folded the same way match.
// Invalid UTF-8 is replaced, never thrown on.
std::string FoldForSearch(std::string_view utf8);

// True when the bytes are well-formed UTF-8 without control characters other than
// tab/newline (what a name or a message may contain): no C0/C1 controls, no bidi
// controls (U+061C, U+200E/F, U+202A–E, U+2066–9) and, without `allow_newlines`
// (single-line text), no zero-width characters (U+200B–D, U+2060, U+FEFF).
bool IsCleanUtf8(std::string_view s, bool allow_newlines);

// Number of Unicode code points (for length limits that people understand).
size_t CodePointCount(std::string_view utf8);

// Without surrounding ASCII whitespace and ideographic spaces (U+3000).
std::string Trim(std::string_view utf8);

// Lower-cases ASCII letters and trims surrounding whitespace (for e-mail addresses).
std::string NormaliseEmail(std::string_view email);
bool LooksLikeEmail(std::string_view email);

}  // namespace renkei
