// Reading Japanese text character by character: the code point at or before a byte of
// UTF-8 text, and the scripts the detectors of names, places and companies look at
// (kanji, hiragana, katakana). Malformed bytes read as 0 and belong to no script.
#pragma once

#include <string_view>

namespace renkei::domain::text_patterns {

struct Char {
  char32_t cp = 0;
  size_t len = 0;  // bytes; 0 at the end of the text
};

// The character starting at byte i (a lead byte).
inline Char CharAt(std::string_view s, size_t i) {
  if (i >= s.size()) return {};
  const auto c = static_cast<unsigned char>(s[i]);
  auto cont = [&](size_t k) { return static_cast<unsigned char>(s[i + k]) & 0x3Fu; };
  if (c < 0x80) return {c, 1};
  if (c >= 0xC0 && c < 0xE0 && i + 1 < s.size()) return {((c & 0x1Fu) << 6) | cont(1), 2};
  if (c >= 0xE0 && c < 0xF0 && i + 2 < s.size())
    return {((c & 0x0Fu) << 12) | (cont(1) << 6) | cont(2), 3};
  if (c >= 0xF0 && i + 3 < s.size())
    return {((c & 0x07u) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3), 4};
  return {0, 1};
}

// The character ending just before byte i.
inline Char CharBefore(std::string_view s, size_t i) {
  if (i == 0) return {};
  size_t b = i - 1;
  while (b > 0 && i - b < 4 && (static_cast<unsigned char>(s[b]) & 0xC0u) == 0x80) --b;
  Char c = CharAt(s, b);
  if (b + c.len != i) return {0, 1};
  return c;
}

constexpr bool IsKanji(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == U'々' || c == U'〆' ||
         c == U'ヶ';
}
constexpr bool IsHiragana(char32_t c) { return c >= 0x3041 && c <= 0x309F; }
constexpr bool IsKatakana(char32_t c) { return (c >= 0x30A1 && c <= 0x30FA) || c == U'ー'; }
// A space between words: ASCII or the ideographic space.
constexpr bool IsSpace(char32_t c) { return c == ' ' || c == U'\u3000'; }
// Kanji numerals as written in addresses (二丁目) and facility names (第二).
constexpr bool IsKanjiNumeral(char32_t c) {
  return c == U'一' || c == U'二' || c == U'三' || c == U'四' || c == U'五' || c == U'六' ||
         c == U'七' || c == U'八' || c == U'九' || c == U'十' || c == U'〇';
}
// Hiragana that end a particle (の, が, は …): a hiragana run ending in one is not taken
// as the start of a name (あおば総合病院 is a name, その病院 is not).
constexpr bool IsParticleEnd(char32_t c) {
  return c == U'の' || c == U'が' || c == U'は' || c == U'を' || c == U'に' || c == U'へ' ||
         c == U'で';
}

}  // namespace renkei::domain::text_patterns
