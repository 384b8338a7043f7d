// The text-pattern components on their own contracts: the full-width fold and its offset
// map, the Aho–Corasick matcher, the token classifiers, the pattern scanner, and the
// anonymiser's replacement policy. (The anonymiser that composes them is tested on whole
// incident texts in reporting_test.cc.)
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "domain/reporting/replacement_policy.h"
#include "domain/text_patterns/aho_corasick.h"
#include "domain/text_patterns/full_width.h"
#include "domain/text_patterns/pattern_scanner.h"
#include "domain/text_patterns/token_classes.h"

namespace renkei::domain::text_patterns {
namespace {

// ---- full-width fold -----------------------------------------------------------

TEST(FullWidthFold, ReadsFullWidthAsciiAsAsciiAndMapsOffsetsBack) {
  const std::string text = "送信元は１０．２０．３０．４０（全角）";
  const FoldedText f = FoldFullWidthAscii(text);
  const std::string ascii = "10.20.30.40";
  const size_t at = f.text.find(ascii);
  ASSERT_NE(at, std::string::npos) << f.text;
  EXPECT_EQ(f.text.substr(0, at), "送信元は") << "other characters are kept";
  EXPECT_NE(f.text.find("(全角)"), std::string::npos) << "（） are full-width ASCII too";
  const size_t b = f.Original(at), e = f.Original(at + ascii.size());
  EXPECT_EQ(text.substr(b, e - b), "１０．２０．３０．４０");
  EXPECT_EQ(f.Original(f.text.size()), text.size());
}

TEST(FullWidthFold, PlainTextIsCopiedWithIdentityOffsets) {
  const FoldedText f = FoldFullWidthAscii("192.0.2.1 と東京");
  EXPECT_EQ(f.text, "192.0.2.1 と東京");
  EXPECT_TRUE(f.original.empty());
  EXPECT_EQ(f.Original(7), 7u);
}

// ---- Aho–Corasick ------------------------------------------------------------

std::vector<std::pair<std::string, int>> Hits(const AhoCorasick& m,
                                              const std::vector<std::string>& words,
                                              const std::string& text) {
  std::vector<std::pair<std::string, int>> out;
  m.Scan(text, [&](size_t end, int id) {
    const size_t len = words[static_cast<size_t>(id)].size();
    out.emplace_back(text.substr(end - len, len), id);
  });
  return out;
}

TEST(AhoCorasick, FindsOverlappingWordsThatEndAtDifferentPlaces) {
  const std::vector<std::string> words = {"東京電力", "電力会社", "会社"};
  AhoCorasick m;
  for (size_t i = 0; i < words.size(); ++i) m.Add(words[i], static_cast<int>(i));
  m.Build();
  const auto hits = Hits(m, words, "旧東京電力会社の");
  // "東京電力" ends inside "電力会社"; "会社" ends where "電力会社" ends, so only the
  // longer one is reported there.
  EXPECT_EQ(hits, (std::vector<std::pair<std::string, int>>{{"東京電力", 0}, {"電力会社", 1}}));
}

TEST(AhoCorasick, FollowsFailureLinksAndIgnoresAsciiCase) {
  const std::vector<std::string> words = {"he", "she", "hers", "Kanto Electric"};
  AhoCorasick m;
  for (size_t i = 0; i < words.size(); ++i) m.Add(words[i], static_cast<int>(i));
  m.Build();
  EXPECT_EQ(Hits(m, words, "ushers"),
            (std::vector<std::pair<std::string, int>>{{"she", 1}, {"hers", 2}}));
  EXPECT_EQ(Hits(m, words, "KANTO ELECTRIC Power"),
            (std::vector<std::pair<std::string, int>>{{"KANTO ELECTRIC", 3}}));
  EXPECT_TRUE(Hits(m, words, "関東電力").empty());
}

TEST(AhoCorasick, AWordAddedTwiceKeepsItsFirstId) {
  AhoCorasick m;
  m.Add("みなと精機", 7);
  m.Add("みなと精機", 9);
  m.Build();
  std::vector<int> ids;
  m.Scan("みなと精機株式会社", [&](size_t, int id) { ids.push_back(id); });
  EXPECT_EQ(ids, std::vector<int>{7});
}

// ---- token classifiers -----------------------------------------------------

TEST(TokenClasses, AddressesAndHosts) {
  EXPECT_EQ(Ipv4Length("192.168.10.5"), 12u);
  EXPECT_EQ(Ipv4Length("10.0.0.0/8 is"), 10u) << "with its prefix length";
  EXPECT_EQ(Ipv4Length("256.1.1.1"), 0u);
  EXPECT_EQ(Ipv4Length("10.2.3"), 0u);
  EXPECT_EQ(Ipv4Length("1.2.3.4567"), 0u);
  EXPECT_TRUE(IsIpv6("2001:db8:85a3::8a2e:370:7334"));
  EXPECT_TRUE(IsIpv6("fe80::1"));
  EXPECT_FALSE(IsIpv6("10:23:45")) << "a time is not an address";
  EXPECT_TRUE(IsHostname("srv-fs01.corp.local"));
  EXPECT_FALSE(IsHostname("setup.exe")) << "a file name";
  EXPECT_FALSE(IsHostname("www.jpcert.or.jp")) << "a public reference";
  EXPECT_TRUE(IsPublicHost("nvd.nist.gov"));
  EXPECT_FALSE(IsPublicHost("notnist.gov"));
  EXPECT_TRUE(IsEmail("yamada@kanto-denryoku.co.jp"));
  EXPECT_FALSE(IsEmail("a@b@c.jp"));
  EXPECT_TRUE(IsPhoneJp("03-1234-5678"));
  EXPECT_TRUE(IsPhoneJp("09012345678"));
  EXPECT_TRUE(IsPhoneJp("+81-3-5555-0100"));
  EXPECT_FALSE(IsPhoneJp("2024-3400")) << "a CVE number";
}

TEST(TokenClasses, DatesTimesAndMonths) {
  Ymd d;
  EXPECT_EQ(IsoDateLength("2026-11-14T01:23:45Z", d), 10u);
  EXPECT_EQ(d.year, 2026);
  EXPECT_EQ(d.month, 11);
  EXPECT_EQ(d.day, 14);
  EXPECT_EQ(IsoDateLength("2026/1/5", d), 8u);
  EXPECT_EQ(IsoDateLength("2026-13-01", d), 0u);
  EXPECT_EQ(TimeLength("01:23:45Z"), 9u);
  EXPECT_EQ(TimeLength("10:23+09:00 JST"), 11u);
  EXPECT_EQ(TimeLength("1023"), 0u);
  EXPECT_EQ(EnglishMonth("Nov."), 11);
  EXPECT_EQ(EnglishMonth("MARCH"), 3);
  EXPECT_EQ(EnglishMonth("Mayday"), 0);
  EXPECT_EQ(EnglishMonthName(11), "november");
}

// ---- pattern scanner ---------------------------------------------------------

std::vector<PatternMatch> Scan(std::string_view text) {
  std::vector<PatternMatch> out;
  ScanPatterns(text, out);
  return out;
}

TEST(PatternScanner, FindsAnIpv6InFullWidthTextAtTheRightByteOffsets) {
  const std::string text = "接続元：２００１：ｄｂ８：：１（不審）";
  const FoldedText f = FoldFullWidthAscii(text);
  const auto ms = Scan(f.text);
  ASSERT_EQ(ms.size(), 1u) << f.text;
  EXPECT_EQ(ms[0].kind, PatternKind::kIpv6);
  const size_t b = f.Original(ms[0].begin), e = f.Original(ms[0].end);
  EXPECT_EQ(b, std::string("接続元：").size());
  EXPECT_EQ(text.substr(b, e - b), "２００１：ｄｂ８：：１");
}

TEST(PatternScanner, ClassifiesEachKindAndLeavesReferencesAlone) {
  const std::string text =
      "From 192.0.2.7 and ws-0231.kanto.internal, mail soc@kanto-epco.co.jp or "
      "03-1234-5678, see https://portal.example.local/login. CVE-2023-4966 on NetScaler 13.1, "
      "https://nvd.nist.gov/vuln/detail/CVE-2023-4966 and setup.exe.";
  std::vector<std::pair<PatternKind, std::string>> got;
  for (const auto& m : Scan(text)) got.emplace_back(m.kind, text.substr(m.begin, m.end - m.begin));
  EXPECT_EQ(got, (std::vector<std::pair<PatternKind, std::string>>{
                     {PatternKind::kIpv4, "192.0.2.7"},
                     {PatternKind::kHostname, "ws-0231.kanto.internal"},
                     {PatternKind::kEmail, "soc@kanto-epco.co.jp"},
                     {PatternKind::kPhone, "03-1234-5678"},
                     {PatternKind::kUrl, "https://portal.example.local/login"}}));
}

TEST(PatternScanner, DatesCarryTheDayAndTheirForm) {
  const std::string text =
      "2026年11月14日（土）10時23分頃、On November 3rd, 2026 and 2026-11-14 09:00";
  const auto ms = Scan(text);
  ASSERT_EQ(ms.size(), 3u);
  EXPECT_EQ(text.substr(ms[0].begin, ms[0].end - ms[0].begin), "2026年11月14日（土）10時23分");
  EXPECT_EQ(ms[0].date_form, DateForm::kJapanese);
  EXPECT_EQ(ms[0].date.day, 14);
  EXPECT_EQ(text.substr(ms[1].begin, ms[1].end - ms[1].begin), "November 3rd, 2026");
  EXPECT_EQ(ms[1].date_form, DateForm::kEnglish);
  EXPECT_EQ(ms[1].date.month, 11);
  EXPECT_EQ(ms[1].date.day, 3);
  EXPECT_EQ(text.substr(ms[2].begin, ms[2].end - ms[2].begin), "2026-11-14 09:00");
  EXPECT_EQ(ms[2].date_form, DateForm::kIso);
}

TEST(PatternScanner, QuantitiesOnlyBeforeACountingWord) {
  const std::string text = "約3万軒、1,200回、450 customers、TCP 445番ポート、5台";
  const auto ms = Scan(text);
  ASSERT_EQ(ms.size(), 3u);
  EXPECT_EQ(text.substr(ms[0].begin, ms[0].end - ms[0].begin), "3万");
  EXPECT_EQ(ms[0].value, 3);
  EXPECT_EQ(ms[0].multiplier, "万");
  EXPECT_EQ(text.substr(ms[1].begin, ms[1].end - ms[1].begin), "1,200");
  EXPECT_EQ(ms[1].value, 1200);
  EXPECT_EQ(ms[2].value, 450);
  for (const auto& m : ms) EXPECT_EQ(m.kind, PatternKind::kQuantity);
}

// ---- replacement policy ------------------------------------------------------

TEST(ReplacementPolicy, WeeksRangesAndPlaceholders) {
  EXPECT_EQ(WeekText(2026, 11, 14, true), "2026年11月第2週");
  EXPECT_EQ(WeekText(0, 11, 29, true), "11月第5週");
  EXPECT_EQ(WeekText(2026, 11, 1, false), "the 1st week of November 2026");
  EXPECT_EQ(RangeText(1200, "", true), "1,000〜9,999");
  EXPECT_EQ(RangeText(3, "万", true), "1万〜9万");
  EXPECT_EQ(RangeText(95, "", false), "10-99");
  EXPECT_EQ(Placeholder("organisation", 0, true), "組織A");
  EXPECT_EQ(Placeholder("organisation", 26, false), "Organisation AA");
  EXPECT_EQ(Placeholder("ip", 1, true), "IP-2");
  EXPECT_EQ(Placeholder("hostname", 0, true), "ホスト-1");
}

TEST(ReplacementPolicy, TheLanguageIsThatOfTheTextAround) {
  const std::string ja = "送信元は 192.0.2.1 です";
  EXPECT_TRUE(JapaneseContext(ja, ja.find('1'), ja.find(" で")));
  const std::string en = "beaconing to 192.0.2.1";
  EXPECT_FALSE(JapaneseContext(en, en.find('1'), en.size()));
  const std::string lead = "192.0.2.1 から";
  EXPECT_TRUE(JapaneseContext(lead, 0, 9)) << "at the start, the text after decides";
}

}  // namespace
}  // namespace renkei::domain::text_patterns
