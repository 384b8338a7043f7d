// The text-pattern components on their own contracts: the full-width fold and its offset
// map, the Aho–Corasick matcher, the token classifiers, the pattern scanner (dates, times,
// contacts, accounts, English names), the place detector (facilities, addresses), the
// company detector (legal forms), the public sources, and the anonymiser's replacement
// policy. Each detector has cases that must match and near misses that must not. (The anonymiser
// that composes them is tested on whole incident texts in reporting_test.cc.)
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "domain/reporting/replacement_policy.h"
#include "domain/text_patterns/aho_corasick.h"
#include "domain/text_patterns/company_patterns.h"
#include "domain/text_patterns/full_width.h"
#include "domain/text_patterns/pattern_scanner.h"
#include "domain/text_patterns/place_patterns.h"
#include "domain/text_patterns/public_sources.h"
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
  EXPECT_TRUE(f.folded.empty());
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

// Several lists in one automaton report what one automaton per list would: the longest
// word of each list at each byte, even where a longer word of another list ends there.
TEST(AhoCorasick, ReportsTheLongestWordOfEachListAtEachByte) {
  AhoCorasick m;
  m.Add("東北第二発電所", 0, 10);  // a dictionary name
  m.Add("発電所", 1, 20);          // a detector's word
  m.Add("所", 1, 21);              // shorter, same list: hidden by 発電所
  m.Add("電所", 2, 30);
  m.Build();
  std::vector<std::tuple<std::string, int, int>> hits;
  const std::string text = "旧東北第二発電所で";
  const std::map<int, size_t> len = {{10, 21}, {20, 9}, {21, 3}, {30, 6}};
  m.ScanLists(text, [&](size_t end, int list, int id) {
    const size_t n = len.at(id);
    hits.emplace_back(text.substr(end - n, n), list, id);
  });
  EXPECT_EQ(hits, (std::vector<std::tuple<std::string, int, int>>{
                      {"東北第二発電所", 0, 10}, {"発電所", 1, 20}, {"電所", 2, 30}}));
}

TEST(AhoCorasick, WideStatesAndFailureLinksAcrossThem) {
  // More than a few edges from one state (every ASCII letter after "x"), and words whose
  // failure links lead through such a state.
  std::vector<std::string> words;
  for (char c = 'a'; c <= 'z'; ++c) words.push_back(std::string("x") + c + "q");
  words.push_back("xaqz");
  words.push_back("qz");
  AhoCorasick m;
  for (size_t i = 0; i < words.size(); ++i) m.Add(words[i], static_cast<int>(i));
  m.Build();
  EXPECT_EQ(
      Hits(m, words, "xxbq xaqz xq qz"),
      (std::vector<std::pair<std::string, int>>{{"xbq", 1}, {"xaq", 0}, {"xaqz", 26}, {"qz", 27}}));
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

// ---- pattern scanner: dates, times, contacts, accounts, names (issue 15) -------

// The texts of the scanner's matches of one kind in `text` (folded first).
std::vector<std::string> Matches(const std::string& text, PatternKind kind) {
  const FoldedText f = FoldFullWidthAscii(text);
  std::vector<std::string> out;
  for (const auto& m : Scan(f.text))
    if (m.kind == kind) {
      const size_t b = f.Original(m.begin), e = f.Original(m.end);
      out.push_back(text.substr(b, e - b));
    }
  return out;
}
using Strings = std::vector<std::string>;

TEST(PatternScanner, DatesInEveryCommonForm) {
  EXPECT_EQ(Matches("令和8年11月3日午後2時5分に検知", PatternKind::kDate),
            Strings{"令和8年11月3日午後2時5分"});
  EXPECT_EQ(Matches("令和８年１２月１日未明", PatternKind::kDate), Strings{"令和８年１２月１日"});
  EXPECT_EQ(Matches("R8.11.3 14:05 に", PatternKind::kDate), Strings{"R8.11.3 14:05"});
  EXPECT_EQ(Matches("On 3 November 2026 and Nov. 3, 2026 and 3rd Nov", PatternKind::kDate),
            (Strings{"3 November 2026", "Nov. 3, 2026", "3rd Nov"}));
  EXPECT_EQ(Matches("2026/11/03 14:05:12 から 11/14のバックアップ、11/28(土)", PatternKind::kDate),
            (Strings{"2026/11/03 14:05:12", "11/14", "11/28(土)"}));
  EXPECT_EQ(Matches("11/21 6:00〜8:30", PatternKind::kDate), (Strings{"11/21 6:00", "8:30"}));
  std::vector<PatternMatch> ms;
  ScanPatterns("R8.11.3", ms);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].date.year, 2026) << "令和8年 is 2026";
  // Near misses: fractions, versions, ratios, ATT&CK ids.
  for (const char* text : {"1/2 of the hosts", "TLS 1.2 and version 2.3.1", "aspect 16:9",
                           "T1566.001 and CVE-2024-3400", "Windows 10/11 devices", "第3版"})
    EXPECT_TRUE(Matches(text, PatternKind::kDate).empty()) << text;
}

TEST(PatternScanner, TimesOfDayCarryTheirHour) {
  std::vector<PatternMatch> ms;
  ScanPatterns("遮断は同日6時00分まで、再開は14:05", ms);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].date_form, DateForm::kTime);
  EXPECT_TRUE(ms[0].same_day);
  EXPECT_EQ(ms[0].hour, 6);
  EXPECT_EQ(ms[1].hour, 14);
  EXPECT_FALSE(ms[1].same_day);
}

TEST(PatternScanner, ExtensionsAndPhoneNumbersInTheirWrittenForms) {
  EXPECT_EQ(Matches("（内線4417）、内線５５、ext. 5678, Ext 901", PatternKind::kPhone),
            (Strings{"内線4417", "内線５５", "ext. 5678", "Ext 901"}));
  EXPECT_EQ(
      Matches("電話(03)5555-0142、０３（５５５５）０１４２、+81 3 5555 0142", PatternKind::kPhone),
      (Strings{"(03)5555-0142", "０３（５５５５）０１４２", "+81 3 5555 0142"}));
  for (const char* text : {"内線の番号", "next 5678", "(3)と(4)", "+81 だけ"})
    EXPECT_TRUE(Matches(text, PatternKind::kPhone).empty()) << text;
}

TEST(PatternScanner, AccountsAndHostNamingConventions) {
  EXPECT_EQ(Matches("`CORP\\yamada`、OT\\maint01 と hekikuu\\kaneko_t", PatternKind::kAccount),
            (Strings{"CORP\\yamada", "OT\\maint01", "hekikuu\\kaneko_t"}));
  EXPECT_EQ(Matches("shinonome\\svc_backup と bts_admin", PatternKind::kAccount),
            (Strings{"shinonome\\svc_backup", "bts_admin"}));
  EXPECT_EQ(
      Matches("管理者アカウント`adm-sato`、利用者ID `tsc-jp-yoshida`、端末名はPC-YAMAGUCHI-07",
              PatternKind::kAccount),
      (Strings{"adm-sato", "tsc-jp-yoshida", "PC-YAMAGUCHI-07"}));
  EXPECT_EQ(Matches("作業用サーバogt-work01から", PatternKind::kAccount), Strings{"ogt-work01"});
  for (const char* text :
       {"SSL-VPN と PAN-OS", "SHA-256 と aes-256", "請求書_1103.xlsm", "CVE-2024-3400", "T1569.002",
        "C:\\Windows\\System32", "ファイルサーバはWindows Server 2019", "web-based",
        "the admin account `account-1` and host-2"})
    EXPECT_TRUE(Matches(text, PatternKind::kAccount).empty()) << text;
}

TEST(PatternScanner, EnglishNamesWithoutATitle) {
  EXPECT_EQ(Matches("Contact: Kenji Tanaka (SOC)", PatternKind::kPerson), Strings{"Kenji Tanaka"});
  EXPECT_EQ(Matches("表示は「TANAKA Kenji」で", PatternKind::kPerson), Strings{"TANAKA Kenji"});
  EXPECT_EQ(Matches("Emily Carter and Kazuki Sato氏", PatternKind::kPerson),
            (Strings{"Emily Carter", "Kazuki Sato"}));
  EXPECT_EQ(Matches("Contact: Priya Raman.", PatternKind::kPerson), Strings{"Priya Raman"});
  EXPECT_EQ(Matches("Per J. Smith of ACME and D. Yoshida.", PatternKind::kPerson),
            (Strings{"J. Smith", "D. Yoshida"}));
  EXPECT_EQ(Matches("Sato (night shift) noticed", PatternKind::kPerson), Strings{"Sato"});
  for (const char* text : {"Cobalt Strike beacons", "Microsoft Defender for Endpoint",
                           "Windows Server 2019", "In May Tokyo", "The Citrix Bleed flaw",
                           "at Facility A. Root cause", "Mr. Person A of the SOC", "Plan B. The"})
    EXPECT_TRUE(Matches(text, PatternKind::kPerson).empty()) << text;
}

// ---- places: facilities and addresses ---------------------------------------------

std::vector<std::string> Places(const std::string& text, PlaceKind kind) {
  const FoldedText f = FoldFullWidthAscii(text);
  std::vector<PlaceMatch> ms;
  ScanPlaces(f.text, ms);
  std::vector<std::string> out;
  size_t last_end = 0;
  for (const auto& m : ms) {  // the longest of overlapping matches, as the anonymiser keeps
    if (m.kind != kind) continue;
    const size_t b = f.Original(m.begin), e = f.Original(m.end);
    if (!out.empty() && b < last_end) {
      if (e - b > out.back().size()) out.back() = text.substr(b, e - b);
      continue;
    }
    out.push_back(text.substr(b, e - b));
    last_end = e;
  }
  return out;
}

TEST(PlacePatterns, FacilitiesWithTheirProperNoun) {
  EXPECT_EQ(Places("【初報】東北第二発電所（宮城県仙台市）の端末", PlaceKind::kFacility),
            Strings{"東北第二発電所"});
  EXPECT_EQ(Places("仙台南変電所と青葉浄水場、若林ガス供給センター", PlaceKind::kFacility),
            (Strings{"仙台南変電所", "青葉浄水場", "若林ガス供給センター"}));
  EXPECT_EQ(Places("北九州データセンターの空調、札幌第一データセンター", PlaceKind::kFacility),
            (Strings{"北九州データセンター", "札幌第一データセンター"}));
  EXPECT_EQ(Places("[北星空港第2貨物ターミナル]で", PlaceKind::kFacility),
            Strings{"北星空港第2貨物ターミナル"});
  EXPECT_EQ(Places("場所はみなと第一銀行 港南支店、県立こども病院", PlaceKind::kFacility),
            (Strings{"みなと第一銀行 港南支店", "県立こども病院"}));
  EXPECT_EQ(Places("（あおば総合病院）", PlaceKind::kFacility), Strings{"あおば総合病院"});
}

TEST(PlacePatterns, GenericFacilityWordsStay) {
  for (const char* text :
       {"変電所のRTU", "同工場で", "データセンター", "監視センターのSIEM", "中央給電指令所の運用者",
        "関西支社で", "日本支社から", "旅客ターミナルで", "駅務機器", "その発電所", "各変電所",
        "ネットワーク運用センターです", "ガス供給指令センターの代表電話", "物流倉庫の自動倉庫",
        "港湾の荷役", "被害に遭った事業所"})
    EXPECT_TRUE(Places(text, PlaceKind::kFacility).empty()) << text;
}

TEST(PlacePatterns, MunicipalitiesAndStreetAddresses) {
  EXPECT_EQ(Places("（宮城県仙台市）", PlaceKind::kAddress), Strings{"仙台市"})
      << "the prefecture is the anonymiser's (region)";
  EXPECT_EQ(Places("〒980-0811 仙台市青葉区一番町1-2-3 テストビル5階の", PlaceKind::kAddress),
            (Strings{"〒980-0811", "仙台市青葉区一番町1-2-3 テストビル5階"}));
  EXPECT_EQ(Places("所在地：札幌市中央区北1条西2丁目1番地。", PlaceKind::kAddress),
            Strings{"札幌市中央区北1条西2丁目1番地"});
  EXPECT_EQ(Places("大阪府大阪市北区梅田3丁目4番5号 サンプルタワー21Fの", PlaceKind::kAddress),
            Strings{"大阪市北区梅田3丁目4番5号 サンプルタワー21F"});
  EXPECT_EQ(Places("仙台市泉区泉中央二丁目5番地12号 泉ビジネスプラザ3階です", PlaceKind::kAddress),
            Strings{"仙台市泉区泉中央二丁目5番地12号 泉ビジネスプラザ3階"});
  EXPECT_EQ(Places("千葉県市原市の工場、宮城県名取市内", PlaceKind::kAddress),
            (Strings{"市原市", "名取市"}));
  for (const char* text : {"地方都市の事業者", "市役所の住民情報", "政令市", "地区の配電", "市町村",
                           "卸売市場", "福島県内の3町村", "県庁", "城下町"})
    EXPECT_TRUE(Places(text, PlaceKind::kAddress).empty()) << text;
}

// ---- companies by legal form ----------------------------------------------------------

std::vector<std::string> Companies(const std::string& text) {
  const FoldedText f = FoldFullWidthAscii(text);
  std::vector<CompanyMatch> ms;
  ScanCompanies(f.text, ms);
  std::vector<std::string> out;
  for (const auto& m : ms) {
    const size_t b = f.Original(m.begin), e = f.Original(m.end);
    if (!out.empty() && text.find(out.back()) == b) {  // "Co." then "Co., Ltd.": the longer
      if (e - b > out.back().size()) out.back() = text.substr(b, e - b);
      continue;
    }
    out.push_back(text.substr(b, e - b));
  }
  return out;
}

TEST(CompanyPatterns, JapaneseLegalFormsBeforeAndAfterTheName) {
  EXPECT_EQ(Companies("保守事業者の株式会社東和システム開発にも確認"),
            Strings{"株式会社東和システム開発"});
  EXPECT_EQ(Companies("協力会社マリンクレーン(株)の保守PC"), Strings{"マリンクレーン(株)"});
  EXPECT_EQ(Companies("委託先である㈱ヘルシーフーズ東北のVPN"), Strings{"㈱ヘルシーフーズ東北"});
  EXPECT_EQ(Companies("有限会社 みどり電機（空調保守）"), Strings{"有限会社 みどり電機"});
  EXPECT_EQ(Companies("【初報】医療法人社団緑風会 緑風会中央病院"), Strings{"医療法人社団緑風会"});
  EXPECT_EQ(Companies("（株）北斗エンジニアリングの"), Strings{"（株）北斗エンジニアリング"});
  for (const char* text : {"協力会社の作業員", "株式会社の定款", "合同会社とは"})
    EXPECT_TRUE(Companies(text).empty()) << text;
}

TEST(CompanyPatterns, EnglishLegalForms) {
  EXPECT_EQ(Companies("Contact ACME Grid K.K. for details"), Strings{"ACME Grid K.K."});
  EXPECT_EQ(Companies("by Sakuragawa Water Co., Ltd. and Nordlicht Automation GmbH."),
            (Strings{"Sakuragawa Water Co., Ltd.", "Nordlicht Automation GmbH"}));
  EXPECT_EQ(Companies("The Harborline Systems LLC team"), Strings{"Harborline Systems LLC"});
  // Product vendors are public sources; lower-case words are not a legal form.
  for (const char* text : {"patched by Microsoft Corp. in May", "Cisco Systems, Inc. advisory",
                           "the company said", "an incident at inc", "TAG team"})
    EXPECT_TRUE(Companies(text).empty()) << text;
}

// ---- public sources ---------------------------------------------------------------------

TEST(PublicSources, BodiesAndVendorsAsWholeWords) {
  const std::string text =
      "内閣サイバーセキュリティセンター（NISC）、JPCERT/CC、IPA、経済産業省、Microsoft。IPAMとNCOM";
  std::vector<std::pair<size_t, size_t>> spans;
  FindPublicSources(text, spans);
  Strings got;
  for (auto [b, e] : spans) got.push_back(text.substr(b, e - b));
  EXPECT_EQ(got, (Strings{"内閣サイバーセキュリティセンター", "NISC", "JPCERT/CC", "IPA",
                          "経済産業省", "Microsoft"}));
  EXPECT_TRUE(IsPublicVendor("Microsoft Corp."));
  EXPECT_TRUE(IsPublicVendor("Palo Alto Networks, Inc."));
  EXPECT_FALSE(IsPublicVendor("Microsofty Ltd."));
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
  EXPECT_EQ(Placeholder("facility", 0, true), "施設A");
  EXPECT_EQ(Placeholder("facility", 1, false), "Facility B");
  EXPECT_EQ(Placeholder("address", 0, true), "所在地A");
  EXPECT_EQ(Placeholder("address", 0, false), "Location A");
  EXPECT_EQ(Placeholder("account", 0, true), "アカウント-1");
  EXPECT_EQ(Placeholder("account", 2, false), "account-3");
  EXPECT_EQ(HourText(14, true), "14時台");
  EXPECT_EQ(HourText(9, false), "around 9:00");
}

TEST(ReplacementPolicy, TheLanguageIsThatOfTheTextAround) {
  const std::string ja = "送信元は 192.0.2.1 です";
  EXPECT_TRUE(JapaneseContext(ja, ja.find('1'), ja.find(" で")));
  const std::string en = "beaconing to 192.0.2.1";
  EXPECT_FALSE(JapaneseContext(en, en.find('1'), en.size()));
  const std::string lead = "192.0.2.1 から";
  EXPECT_TRUE(JapaneseContext(lead, 0, 9)) << "at the start, the text after decides";
  const std::string quoted = "アカウント`adm-sato`が";
  EXPECT_TRUE(JapaneseContext(quoted, quoted.find('a'), quoted.find("`が")))
      << "a quote between is skipped";
}

}  // namespace
}  // namespace renkei::domain::text_patterns
