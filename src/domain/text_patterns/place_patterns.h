// Places in incident text that locate the reporter: facilities with their proper noun
// (東北第二発電所, 仙台南変電所, 都筑配送センター, みなと第一銀行 港南支店; "Tohoku No.2
// Power Station", "Hokusei Airport Cargo Terminal 2") and municipalities and street
// addresses (仙台市, 宮城県名取市, 仙台市青葉区一番町1-2-3 テストビル5階, 〒980-0811;
// "1-2-3 Ichibancho, Aoba-ku, Sendai 980-0811", "Natori City", "Kawasaki"). A facility word
// on its own or with only generic words before it stays (変電所, 同工場, データセンター,
// 監視センター, 関西支社, "Security Operations Center"), and so does a generic municipality
// word (都市, 市役所, 地区). Japanese prefectures are not matched here (the anonymiser
// generalises them to their region); a municipality right after one starts after it.
//
// Scans ASCII-folded text (FoldFullWidthAscii). It decides what a match is, not what to
// do with it.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "domain/text_patterns/aho_corasick.h"

namespace renkei::domain::text_patterns {

enum class PlaceKind { kFacility, kAddress };

struct PlaceMatch {
  size_t begin = 0, end = 0;  // bytes of the scanned text
  PlaceKind kind = PlaceKind::kFacility;
};

// The words a Japanese place ends in or starts from: facility words (発電所, センター …),
// municipality units (市, 区 …) and the postal mark 〒.
WordList PlaceWords();

// Appends the matches of `text` to `out`, sorted by start; matches may overlap (a facility
// inside a longer one: 北星空港 in 北星空港第2貨物ターミナル), the caller keeps the longest.
// `hits`: where PlaceWords() occur in `text`, as a WordFinder over them reports them.
void ScanPlaces(std::string_view text, std::span<const WordHit> hits, std::vector<PlaceMatch>& out);
// The same, finding the words itself.
void ScanPlaces(std::string_view text, std::vector<PlaceMatch>& out);

// The start of the proper noun that ends at byte `at`: kanji, katakana and digits, and a
// hiragana run that reads as a name (3+ characters, not ending in a particle: あおば, しら
// かし), at most `max_chars` characters back. Shared with the company detector.
size_t NameStartBefore(std::string_view text, size_t at, size_t max_chars);

}  // namespace renkei::domain::text_patterns
