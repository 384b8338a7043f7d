// The anonymiser's replacement policy: what a finding becomes in the shareable summary.
// Exact dates become their week, quantities their order of magnitude, prefectures their
// region, and everything else a placeholder numbered per kind ("組織A", "IP-1"), written
// in the language of the text around the finding.
#pragma once

#include <string>
#include <string_view>

namespace renkei::domain {

// True when the first non-space character before [begin, end) (quotes and brackets
// skipped) — or, at the start of the text, the first one after it — is not ASCII: the
// finding sits in Japanese text.
bool JapaneseContext(std::string_view text, size_t begin, size_t end);

// "2026年11月第2週" / "the 2nd week of November 2026" (year 0: without the year).
std::string WeekText(int year, int month, int day, bool ja);

// A month: "2026年11月" / "November 2026" (year 0: without the year).
std::string MonthText(int year, int month, bool ja);

// A time of day by its hour: "14時台" / "around 14:00".
std::string HourText(int hour, bool ja);

// The order of magnitude of v with its multiplier: 1200 → "1,000〜9,999" (ja) or
// "1,000-9,999"; 3 with "万" → "1万〜9万".
std::string RangeText(long long v, std::string_view multiplier, bool ja);

// The placeholder for the index-th (0-based) distinct original of a finding kind:
// organisations, people, facilities and places get letters (組織A … 組織Z, 組織AA, 施設A,
// 所在地A), addresses and accounts numbers (IP-1, ホスト-2, アカウント-1); an unknown kind
// "[kind]".
std::string Placeholder(std::string_view kind, size_t index, bool ja);

}  // namespace renkei::domain
