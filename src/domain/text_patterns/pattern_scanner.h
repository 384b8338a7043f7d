// The pattern scanner: one pass over a text finds what identifies a system, a place in
// time or a size in incident reports, in Japanese and English — IPv4 and IPv6 addresses,
// hostnames (also the host of a \\host\share path), e-mail addresses, Japanese phone
// numbers and extensions (内線4417, ext. 5678), URLs (not those of public references such
// as jpcert.or.jp), exact dates in every common form ("2026-11-14T01:23:45Z", "2026/11/03",
// "2026年11月14日（土）10時23分", 和暦 "令和8年11月3日" and "R8.11.3", "11/3", "November 14,
// 2026", "3 November 2026", "Nov. 3, 2026") and times of day ("14:05", "同日6時00分"),
// quantities before a counting word ("1,200軒", "3万戸", "450 customers"), account names
// (CORP\yamada, svc_backup, an identifier after アカウント or "user") and host naming
// conventions (PC-YAMAGUCHI-07, ogt-work01), and English names — after a title ("Mr. Taro
// Yamada"), with a known given name ("Kenji Tanaka", "Emily Carter"), a romanised
// Japanese family name in capitals ("TANAKA Kenji") or after "Contact:". CVE ids, version
// numbers, ATT&CK ids, hashes and file names are left alone.
//
// The scanner reads ASCII; fold full-width text first (FoldFullWidthAscii) and map the
// offsets back with FoldedText::Original. It decides what a match is, not what to do
// with it (the anonymiser's replacement policy does).
#pragma once

#include <string_view>
#include <vector>

#include "domain/text_patterns/token_classes.h"

namespace renkei::domain::text_patterns {

enum class PatternKind {
  kIpv4,
  kIpv6,
  kHostname,
  kEmail,
  kPhone,
  kUrl,
  kDate,
  kQuantity,
  kPerson,
  kAccount
};

// How a date was written: the language of "2026-11-14" is that of the text around it.
// kTime: a time of day alone ("14:05", "同日6時00分"), its hour in `hour`.
enum class DateForm { kIso, kJapanese, kEnglish, kTime };

struct PatternMatch {
  size_t begin = 0, end = 0;  // bytes of the scanned text
  PatternKind kind = PatternKind::kIpv4;
  // kDate: the day (year 0 when the text gives none) and its form.
  Ymd date;
  DateForm date_form = DateForm::kIso;
  int hour = -1;          // kTime
  bool same_day = false;  // kTime: "同日…"
  // kQuantity: the number and its Japanese multiplier ("万", "千", "億"; empty if none).
  long long value = 0;
  std::string_view multiplier;  // a static string
};

// Appends the matches of `text` to `out`, in text order, non-overlapping.
void ScanPatterns(std::string_view text, std::vector<PatternMatch>& out);

}  // namespace renkei::domain::text_patterns
