// Text helpers for Japanese-first search and validation.
#pragma once

#include <cstdint>
#include <optional>
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

// The first code point a reader cannot see or that steers the text instead of being
// part of it: controls (Cc: C0, DEL, C1), format characters (Cf: the bidirectional
// controls U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C, the zero-width U+200B–
// U+200D, U+FEFF, the soft hyphen …) and line/paragraph separators (U+2028/U+2029).
// nullopt when there is none. Malformed UTF-8 is not judged here (see IsCleanUtf8).
std::optional<char32_t> FirstHiddenCharacter(std::string_view utf8);

// "U+202E".
std::string CodePointName(char32_t cp);

// `s` made safe to keep and show whatever it held (a syslog line, a mail header): every
// malformed sequence, control character (tab kept) and bidirectional control replaced by
// U+FFFD, cut at a code point boundary to at most `max_bytes`.
std::string CleanUtf8(std::string_view s, size_t max_bytes);

// Number of Unicode code points (for length limits that people understand).
size_t CodePointCount(std::string_view utf8);

// Without surrounding ASCII whitespace and ideographic spaces (U+3000).
std::string Trim(std::string_view utf8);

// Lower-cases ASCII letters and trims surrounding whitespace (for e-mail addresses).
std::string NormaliseEmail(std::string_view email);
bool LooksLikeEmail(std::string_view email);

// A size for a message: "10 MiB", "256 KiB", or "1000 bytes" when it is neither.
std::string ByteSizeText(std::uint64_t bytes);

}  // namespace renkei
