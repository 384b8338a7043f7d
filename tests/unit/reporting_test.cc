// The reporting window's pure logic: the catalogue, the clocks, the routing table, the
// anonymiser (on realistic Japanese and English incident texts) and the k-anonymity
// detection.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/time_format.h"
#include "domain/reporting/anonymiser.h"
#include "domain/reporting/catalog.h"
#include "domain/reporting/disclosure.h"
#include "domain/reporting/routing.h"
#include "nlp/mecab_tagger.h"
#include "support/catalogs.h"

namespace renkei::domain {
namespace {

Millis T(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

const ReportCatalog& Builtin() { return testing::TestCatalogs().reporting; }

// ---- catalogue -------------------------------------------------------------

TEST(ReportCatalog, BuiltinHasFieldsTaxonomyAndARegimeForEveryClass) {
  const auto& c = Builtin();
  EXPECT_FALSE(c.version().empty());
  for (const char* key : {"title", "aware_at", "summary", "cause", "attack_type", "ransom_note",
                          "ddos_peak", "actions_taken", "help_wanted"})
    EXPECT_NE(c.field(key), nullptr) << key;
  EXPECT_EQ(c.field("cause")->choices,
            (std::vector<std::string>{"cyber_suspected", "undetermined", "not_cyber"}));
  // The attack type choices are the ENISA reference taxonomy's classes.
  const auto& at = c.field("attack_type")->choices;
  EXPECT_NE(std::find(at.begin(), at.end(), "malicious-code"), at.end());
  EXPECT_NE(std::find(at.begin(), at.end(), "availability"), at.end());
  EXPECT_EQ(c.RegimeFor("electricity", "legal")->id, "electricity-accident");
  EXPECT_EQ(c.RegimeFor("gas", "legal")->id, "nis2-like");
  EXPECT_EQ(c.RegimeFor("electricity", "serious")->id, "nis2-like");
  EXPECT_EQ(c.RegimeFor("electricity", "near_miss")->id, "voluntary");
}

// Issue 15: operators in Japan read 初報/続報/最終報 (or the law's 速報/詳報); the
// all-sector regime named its phases with the EU's NIS2 terms (早期警報, インシデント通知)
// and the attack type field as 「ENISA参照分類」.
TEST(ReportCatalog, Issue15_PhasesAndFieldsUseTheTermsJapaneseOperatorsKnow) {
  const ReportCatalog& c = Builtin();
  for (const Regime& r : c.regimes()) {
    if (r.id.find("eu") != std::string::npos) continue;  // an explicitly EU regime may
    for (const Deadline& d : r.deadlines) {
      SCOPED_TRACE(r.id + " " + d.phase);
      for (const char* eu : {"早期警報", "インシデント通知", "Early warning", "notification"}) {
        EXPECT_EQ(d.label_ja.find(eu), std::string::npos) << d.label_ja;
        EXPECT_EQ(d.label_en.find(eu), std::string::npos) << d.label_en;
      }
    }
  }
  const Regime& all = *c.RegimeFor("gas", "serious");
  ASSERT_EQ(all.deadlines.size(), 3u);
  EXPECT_EQ(all.deadlines[0].label_ja, "初報");
  EXPECT_EQ(all.deadlines[1].label_ja, "続報");
  EXPECT_EQ(all.deadlines[2].label_ja, "最終報");
  for (const FieldDef& f : c.fields()) {
    EXPECT_EQ(f.label_ja.find("ENISA"), std::string::npos) << f.key << ": " << f.label_ja;
  }
}

TEST(ReportCatalog, BrokenCataloguesAreRefusedWithTheReason) {
  auto bad = ReportCatalog::Parse("version = \"x\"\n[[fields]]\nkey = \"a\"\ntype = \"blob\"\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().Describe().find("field a"), std::string::npos);
  auto no_regime = ReportCatalog::Parse("version = \"x\"\n");
  ASSERT_FALSE(no_regime.ok());
  EXPECT_NE(no_regime.status().Describe().find("catch-all"), std::string::npos);
  auto unknown_required = ReportCatalog::Parse(
      "version = \"x\"\n[[regimes]]\nid = \"r\"\nsectors = [\"*\"]\nclasses = [\"legal\"]\n"
      "[regimes.required]\ninitial = [\"nope\"]\n");
  ASSERT_FALSE(unknown_required.ok());
  EXPECT_NE(unknown_required.status().Describe().find("nope"), std::string::npos);
}

// A broken catalogue is an error naming what and where; values where tables belong
// (`fields = [1]`) used to dereference a null table and crash start-up.
TEST(ReportCatalog, ValuesWhereTablesBelongAreAnErrorNotACrash) {
  auto fields = ReportCatalog::Parse("version = \"x\"\nfields = [1]\n");
  ASSERT_FALSE(fields.ok());
  EXPECT_EQ(fields.status().note(), "reporting catalogue: fields: must be tables ([[fields]])");
  auto deadlines =
      ReportCatalog::Parse("version = \"x\"\n[[regimes]]\nid = \"r\"\ndeadlines = [\"24h\"]\n");
  ASSERT_FALSE(deadlines.ok());
  EXPECT_NE(deadlines.status().note().find("regime r: deadlines must be tables"), std::string::npos)
      << deadlines.status().note();
}

TEST(ReportCatalog, ASyntaxErrorNamesItsLineAndColumn) {
  auto bad = ReportCatalog::Parse("version = \"x\"\n\n[[fields]\nkey = \"a\"\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().note().find("reporting catalogue: syntax: line 3, column "),
            std::string::npos)
      << bad.status().note();
}

TEST(ReportCatalog, FieldValuesAreChecked) {
  const auto& c = Builtin();
  EXPECT_TRUE(c.CheckFields({{"title", "停電"}, {"customers_affected", "1200"}}).ok());
  auto unknown = c.CheckFields({{"colour", "red"}});
  EXPECT_EQ(unknown.code(), "unknown_field");
  EXPECT_EQ(unknown.field(), "fields.colour");
  EXPECT_EQ(c.CheckFields({{"cause", "aliens"}}).code(), "invalid_value");
  EXPECT_EQ(c.CheckFields({{"aware_at", "yesterday"}}).code(), "invalid_time");
  EXPECT_EQ(c.CheckFields({{"customers_affected", "-3"}}).code(), "invalid_number");
  EXPECT_EQ(c.CheckFields({{"title", std::string(201, 'x')}}).code(), "too_long");
  EXPECT_EQ(c.CheckFields({{"title", "a\nb"}}).code(), "invalid_text");
}

TEST(ReportCatalog, MissingListsTheRequiredFieldsOfThePhase) {
  const auto& c = Builtin();
  const Regime& r = *c.regime("electricity-accident");
  EXPECT_EQ(c.Missing(r, "initial", {{"title", "x"}, {"summary", "y"}}),
            (std::vector<std::string>{"aware_at", "service_disrupted", "cause"}));
  EXPECT_TRUE(c.Missing(r, "initial",
                        {{"title", "x"},
                         {"summary", "y"},
                         {"aware_at", "2026-11-20T10:00:00+09:00"},
                         {"service_disrupted", "no"},
                         {"cause", "undetermined"}})
                  .empty());
  // The final report asks for more: the cause determined and the actions taken.
  auto final_missing = c.Missing(r, "final", {{"title", "x"}, {"summary", "y"}});
  EXPECT_NE(std::find(final_missing.begin(), final_missing.end(), "cause_detail"),
            final_missing.end());
  EXPECT_NE(std::find(final_missing.begin(), final_missing.end(), "actions_taken"),
            final_missing.end());
}

// ---- clocks ----------------------------------------------------------------

TEST(ReportClocks, HoursAndDaysCountFromAwareness) {
  const Regime& r = *Builtin().regime("electricity-accident");
  const Millis aware = T("2026-11-20T23:30:00+09:00");
  auto first = ComputeNextDue(r, aware, "");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->phase, "initial");
  EXPECT_EQ(first->label_ja, "速報");
  EXPECT_EQ(FormatRfc3339Jst(first->due_at), "2026-11-21T23:30:00+09:00");
  auto after_initial = ComputeNextDue(r, aware, "initial");
  ASSERT_TRUE(after_initial);
  EXPECT_EQ(after_initial->label_ja, "詳報");
  EXPECT_EQ(FormatRfc3339Jst(after_initial->due_at), "2026-12-20T23:30:00+09:00");
  // A follow-up does not satisfy the 詳報; the final report does, and then nothing is due.
  EXPECT_EQ(ComputeNextDue(r, aware, "followup")->phase, "final");
  EXPECT_FALSE(ComputeNextDue(r, aware, "final"));
  EXPECT_FALSE(ComputeNextDue(r, std::nullopt, "")) << "no clock without a moment of awareness";
}

TEST(ReportClocks, MonthsAreCalendarMonthsInJstClampedToTheMonthEnd) {
  const Within month{1, Within::Unit::kMonths};
  // 31 January JST + 1 month = 28 February (2027 is not a leap year) at the same JST time.
  EXPECT_EQ(FormatRfc3339Jst(AddWithin(T("2027-01-31T10:00:00+09:00"), month)),
            "2027-02-28T10:00:00+09:00");
  EXPECT_EQ(FormatRfc3339Jst(AddWithin(T("2028-01-31T10:00:00+09:00"), month)),
            "2028-02-29T10:00:00+09:00");
  // 20:00 UTC on 31 January is already 1 February in Japan: the month counts from there.
  EXPECT_EQ(FormatRfc3339Jst(AddWithin(T("2027-01-31T20:00:00Z"), month)),
            "2027-03-01T05:00:00+09:00");
  // Across the year end.
  EXPECT_EQ(FormatRfc3339Jst(AddWithin(T("2026-12-15T09:00:00+09:00"), month)),
            "2027-01-15T09:00:00+09:00");
  const Regime& nis2 = *Builtin().regime("nis2-like");
  const Millis aware = T("2026-11-30T18:00:00+09:00");
  EXPECT_EQ(FormatRfc3339Jst(ComputeNextDue(nis2, aware, "")->due_at), "2026-12-01T18:00:00+09:00");
  EXPECT_EQ(FormatRfc3339Jst(ComputeNextDue(nis2, aware, "initial")->due_at),
            "2026-12-03T18:00:00+09:00");
  EXPECT_EQ(FormatRfc3339Jst(ComputeNextDue(nis2, aware, "followup")->due_at),
            "2026-12-30T18:00:00+09:00");
}

TEST(ReportClocks, WithinParsesItsThreeUnits) {
  EXPECT_EQ(Within::Parse("24h")->amount, 24);
  EXPECT_EQ(Within::Parse("30d")->unit, Within::Unit::kDays);
  EXPECT_EQ(Within::Parse("1mo")->unit, Within::Unit::kMonths);
  EXPECT_FALSE(Within::Parse("1y"));
  EXPECT_FALSE(Within::Parse("0h"));
  EXPECT_FALSE(Within::Parse("h"));
}

// ---- routing ---------------------------------------------------------------

RoutingInput Input(const std::string& cls) {
  RoutingInput in;
  in.report_class = cls;
  in.ministry_org_id = OrgId(10);
  in.national_centre_orgs = {OrgId(20)};
  Hub h;
  h.id = HubId(3);
  h.secretariat_org_id = OrgId(30);
  in.hubs = {h};
  return in;
}

std::vector<std::string> Kinds(const std::vector<Recipient>& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs) out.push_back(r.kind + ":" + std::to_string(r.org_id.value));
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ReportRouting, EachClassGoesWhereTheTableSays) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Kinds(Route(Input("legal")).value()), (V{"ministry:10", "national_centre:20"}));
  EXPECT_EQ(Kinds(Route(Input("serious")).value()), (V{"hub:30"}));
  EXPECT_EQ(Kinds(Route(Input("other")).value()), (V{"hub:30"}));
  EXPECT_EQ(Kinds(Route(Input("near_miss")).value()), (V{"hub:30"}));
  auto ticked = Input("serious");
  ticked.forward_ministry = ticked.forward_national_centre = true;
  EXPECT_EQ(Kinds(Route(ticked).value()), (V{"hub:30", "ministry:10", "national_centre:20"}));
  auto only_nc = Input("other");
  only_nc.forward_national_centre = true;
  EXPECT_EQ(Kinds(Route(only_nc).value()), (V{"hub:30", "national_centre:20"}));
  // A near miss stays with the hub secretariat whatever is ticked.
  auto near = Input("near_miss");
  near.forward_ministry = near.forward_national_centre = true;
  EXPECT_EQ(Kinds(Route(near).value()), (V{"hub:30"}));
  // Capacities map to the staff roles that see the case.
  const auto routed = Route(ticked).value();
  for (const auto& r : routed) {
    const Role want = r.kind == "hub"        ? Role::kHubAnalyst
                      : r.kind == "ministry" ? Role::kMinistryOfficer
                                             : Role::kNationalCentreOfficer;
    EXPECT_EQ(r.role(), want) << r.kind;
  }
}

TEST(ReportRouting, MissingRecipientsAreRefusedNotDropped) {
  auto no_hub = Input("serious");
  no_hub.hubs.clear();
  EXPECT_EQ(Route(no_hub).status().code(), "no_hub");
  auto legal_no_hub = Input("legal");
  legal_no_hub.hubs.clear();
  EXPECT_TRUE(Route(legal_no_hub).ok()) << "legal reports do not need a hub";
  auto no_ministry = Input("legal");
  no_ministry.ministry_org_id.reset();
  EXPECT_EQ(Route(no_ministry).status().code(), "no_ministry");
}

// ---- anonymiser --------------------------------------------------------------

const NameTagger* Tagger() {
  static auto t = nlp::MecabTagger::Open();
  return t.ok() ? t.value().get() : nullptr;
}

const std::vector<DictionaryEntry>& Directory() {
  static const std::vector<DictionaryEntry> d = {
      {"関東電力株式会社", "organisation"},
      {"Kanto Electric Power Co., Inc.", "organisation"},
      {"みなと精機株式会社", "organisation"},
      {"山田 太郎", "person"},
      {"Hanako Suzuki", "person"},
  };
  return d;
}

std::string Redact(const Anonymiser& a, const std::string& text,
                   std::vector<Finding>* out = nullptr) {
  auto f = a.Propose(text);
  if (out) *out = f;
  return ApplyFindings(text, f);
}

bool Found(const std::vector<Finding>& fs, const std::string& kind, const std::string& original) {
  return std::any_of(fs.begin(), fs.end(),
                     [&](const Finding& f) { return f.kind == kind && f.original == original; });
}

TEST(Anonymiser, JapaneseIncidentReport) {
  ASSERT_NE(Tagger(), nullptr) << "MeCab with mecab-ipadic-utf8 must be installed";
  Anonymiser a(Directory(), Tagger());
  const std::string text =
      "2026年11月14日（土）10時23分頃、関東電力株式会社の制御系ネットワークで不審な通信を検知した。"
      "情報システム部の山田太郎が対応し、委託先みなと精機の佐藤花子さんにも連絡した。\n"
      "送信元は 192.168.10.5 および １０．２０．３０．４０（全角表記）で、"
      "ファイルサーバ srv-fs01.corp.local と \\\\FS02\\share への接続が約1,200回あった。\n"
      "神奈川県内の変電所で約3万軒に影響、停電は45分間続いた。"
      "連絡先: yamada@kanto-denryoku.co.jp / 03-1234-5678 / ０９０－１２３４－５６７８。\n"
      "社内ポータル https://portal.kanto-denryoku.local/login も改ざんされた。"
      "CVE-2024-3400 の影響を受ける PAN-OS 10.2.9 の VPN 装置が侵入口と推定され、"
      "TCP 445番ポートへの走査も観測した。参考: https://www.jpcert.or.jp/at/2024/at240011.html\n";
  std::vector<Finding> fs;
  const std::string out = Redact(a, text, &fs);
  // Everything planted is found …
  EXPECT_TRUE(Found(fs, "date", "2026年11月14日（土）10時23分"));
  EXPECT_TRUE(Found(fs, "organisation", "関東電力株式会社"));
  EXPECT_TRUE(Found(fs, "organisation", "みなと精機")) << "a name without its legal form";
  EXPECT_TRUE(Found(fs, "person", "山田太郎")) << "a directory name written without the space";
  EXPECT_TRUE(Found(fs, "person", "佐藤花子")) << "a name only MeCab knows";
  EXPECT_TRUE(Found(fs, "ip", "192.168.10.5"));
  EXPECT_TRUE(Found(fs, "ip", "１０．２０．３０．４０"));
  EXPECT_TRUE(Found(fs, "hostname", "srv-fs01.corp.local"));
  EXPECT_TRUE(Found(fs, "hostname", "\\\\FS02\\share")) << "the share names the system too";
  EXPECT_TRUE(Found(fs, "number", "1,200"));
  EXPECT_TRUE(Found(fs, "number", "3万"));
  EXPECT_TRUE(Found(fs, "number", "45"));
  EXPECT_TRUE(Found(fs, "prefecture", "神奈川県"));
  EXPECT_TRUE(Found(fs, "email", "yamada@kanto-denryoku.co.jp"));
  EXPECT_TRUE(Found(fs, "phone", "03-1234-5678"));
  EXPECT_TRUE(Found(fs, "phone", "０９０－１２３４－５６７８"));
  EXPECT_TRUE(Found(fs, "url", "https://portal.kanto-denryoku.local/login"));
  // … replaced as the analyst expects …
  EXPECT_NE(out.find("2026年11月第2週頃"), std::string::npos) << out;
  EXPECT_NE(out.find("組織Aの制御系"), std::string::npos) << out;
  EXPECT_NE(out.find("関東地方内の変電所"), std::string::npos) << out;
  EXPECT_NE(out.find("約1,000〜9,999回"), std::string::npos) << out;
  EXPECT_NE(out.find("約1万〜9万軒"), std::string::npos) << out;
  EXPECT_NE(out.find("IP-1 および IP-2"), std::string::npos) << out;
  EXPECT_NE(out.find("人物Aが対応"), std::string::npos) << out;
  // … and the rest is left alone.
  for (const char* kept : {"CVE-2024-3400", "PAN-OS 10.2.9", "TCP 445番ポート", "VPN 装置",
                           "https://www.jpcert.or.jp/at/2024/at240011.html", "制御系ネットワーク",
                           "情報システム部", "変電所", "改ざん"})
    EXPECT_NE(out.find(kept), std::string::npos) << kept << " was mangled:\n" << out;
  for (const char* gone : {"関東電力", "山田", "佐藤", "192.168", "corp.local", "神奈川", "1234",
                           "kanto-denryoku", "14日"})
    EXPECT_EQ(out.find(gone), std::string::npos) << gone << " survived:\n" << out;
}

TEST(Anonymiser, EnglishIncidentReport) {
  Anonymiser a(Directory(), Tagger());
  const std::string text =
      "On November 14, 2026 at 10:23 JST, Kanto Electric Power detected beaconing from "
      "10.1.2.3 to 203.0.113.77:8443 (C2). Mr. John Carter of the SOC and Hanako Suzuki "
      "isolated ws-0231.kanto.internal. Ransom notes demanded payment; 2,400 customers in Tokyo "
      "lost service for 95 minutes. IPv6 peer 2001:db8:85a3::8a2e:370:7334 was also seen. "
      "Contact soc@kanto-epco.co.jp or +81-3-5555-0100. Logs: 2026-11-14T01:23:45Z. "
      "Indicators match CVE-2023-4966 (Citrix Bleed) on NetScaler 13.1; see "
      "https://nvd.nist.gov/vuln/detail/CVE-2023-4966. The team followed setup.exe and "
      "config.json through version 2.3.1 of the agent.";
  std::vector<Finding> fs;
  const std::string out = Redact(a, text, &fs);
  EXPECT_TRUE(Found(fs, "date", "November 14, 2026"));
  EXPECT_TRUE(Found(fs, "organisation", "Kanto Electric Power")) << "without \"Co., Inc.\"";
  EXPECT_TRUE(Found(fs, "ip", "10.1.2.3"));
  EXPECT_TRUE(Found(fs, "ip", "203.0.113.77"));
  EXPECT_TRUE(Found(fs, "ip", "2001:db8:85a3::8a2e:370:7334"));
  EXPECT_TRUE(Found(fs, "person", "John Carter"));
  EXPECT_TRUE(Found(fs, "person", "Hanako Suzuki"));
  EXPECT_TRUE(Found(fs, "hostname", "ws-0231.kanto.internal"));
  EXPECT_TRUE(Found(fs, "number", "2,400"));
  EXPECT_TRUE(Found(fs, "number", "95"));
  EXPECT_TRUE(Found(fs, "prefecture", "Tokyo"));
  EXPECT_TRUE(Found(fs, "email", "soc@kanto-epco.co.jp"));
  EXPECT_TRUE(Found(fs, "phone", "+81-3-5555-0100"));
  EXPECT_TRUE(Found(fs, "date", "2026-11-14T01:23:45Z"));
  EXPECT_NE(
      out.find("On the 2nd week of November 2026 at around 10:00 JST, Organisation A detected"),
      std::string::npos)
      << out;
  EXPECT_NE(out.find("IP-2:8443"), std::string::npos) << "the port stays: " << out;
  EXPECT_NE(out.find("1,000-9,999 customers in Kanto region"), std::string::npos) << out;
  for (const char* kept : {"CVE-2023-4966", "NetScaler 13.1", "https://nvd.nist.gov/vuln/detail/",
                           "setup.exe", "config.json", "version 2.3.1", "(C2)", "Citrix Bleed"})
    EXPECT_NE(out.find(kept), std::string::npos) << kept << " was mangled:\n" << out;
}

TEST(Anonymiser, PlaceholdersAreConsistentWithinOneText) {
  Anonymiser a(Directory(), Tagger());
  const std::string out =
      Redact(a,
             "関東電力株式会社と関東電力は同じ会社。192.0.2.1 から 192.0.2.2、再び 192.0.2.1。"
             "みなと精機株式会社も。");
  EXPECT_EQ(out, "組織Aと組織Aは同じ会社。IP-1 から IP-2、再び IP-1。組織Bも。");
}

TEST(Anonymiser, PlainTextIsNotTouched) {
  Anonymiser a(Directory(), Tagger());
  for (const std::string& text :
       {std::string("ランサムウェアの感染を確認したため、ネットワークを遮断した。"),
        std::string("Backups were restored from tape; no data was exfiltrated."),
        std::string("手順書の第3版に従い、5台の端末を初期化した。"), std::string("")}) {
    EXPECT_TRUE(a.Propose(text).empty()) << text;
  }
}

// What issue 15 found kept or half replaced, each in the sentence it was found in.
TEST(Anonymiser, PlacesCompaniesNamesAndDatesOutsideTheDirectory) {
  ASSERT_NE(Tagger(), nullptr);
  Anonymiser a(Directory(), Tagger());
  std::vector<Finding> fs;
  std::string out = Redact(a, "【初報】東北第二発電所（宮城県仙台市）の中央監視端末で検知。", &fs);
  EXPECT_TRUE(Found(fs, "facility", "東北第二発電所"));
  EXPECT_TRUE(Found(fs, "address", "仙台市"));
  EXPECT_EQ(out, "【初報】施設A（東北地方の所在地A）の中央監視端末で検知。");

  out = Redact(a, "鈴木が端末を切り離した。", &fs);
  EXPECT_TRUE(Found(fs, "person", "鈴木")) << "a bare surname, no cue";
  EXPECT_EQ(out, "人物Aが端末を切り離した。");

  out = Redact(a, "情報システム部の渡辺 健一が対応した。", &fs);
  EXPECT_TRUE(Found(fs, "person", "渡辺 健一")) << "one finding for the spaced full name";
  EXPECT_EQ(out, "情報システム部の人物Aが対応した。");

  out = Redact(a, "所在地は仙台市青葉区一番町1-2-3 テストビル5階（内線4417）です。", &fs);
  EXPECT_TRUE(Found(fs, "address", "仙台市青葉区一番町1-2-3 テストビル5階"));
  EXPECT_TRUE(Found(fs, "phone", "内線4417"));
  EXPECT_EQ(out, "所在地は所在地A（電話-1）です。");

  out = Redact(a, "Contact: Kenji Tanaka of ACME Grid K.K. on 3 November 2026, ext. 5678.", &fs);
  EXPECT_TRUE(Found(fs, "person", "Kenji Tanaka"));
  EXPECT_TRUE(Found(fs, "organisation", "ACME Grid K.K."));
  EXPECT_TRUE(Found(fs, "date", "3 November 2026"));
  EXPECT_EQ(out, "Contact: Person A of Organisation A on the 1st week of November 2026, phone-1.");

  out = Redact(a, "管理者アカウント`adm-sato`とCORP\\yamadaが令和8年11月3日に使われた。", &fs);
  EXPECT_TRUE(Found(fs, "account", "adm-sato"));
  EXPECT_TRUE(Found(fs, "account", "CORP\\yamada"));
  EXPECT_EQ(out, "管理者アカウント`アカウント-1`とアカウント-2が2026年11月第1週に使われた。");
}

TEST(Anonymiser, PublicSourcesStayWhateverRuleFires) {
  Anonymiser a(Directory(), Tagger());
  for (const std::string& text :
       {std::string(
            "内閣サイバーセキュリティセンター（NISC）および国家サイバー統括室からの情報提供。"),
        std::string("JPCERT/CCとIPA、経済産業省、総務省に報告した。"),
        std::string("The flaw was patched by Microsoft Corp. and reported to CISA.")}) {
    EXPECT_TRUE(a.Propose(text).empty()) << text << " → " << ApplyFindings(text, a.Propose(text));
  }
}

TEST(Disclosure, QuasiIdentifiersOfTheReporterWithTheWordsThatNarrow) {
  // A large generation company in Miyagi (04, Tohoku).
  const ReporterProfile miyagi{"tohoku", 4, "large", "generation"};
  auto d = DetectDisclosed("東北地方の大手発電事業者で発生", miyagi);
  EXPECT_TRUE(d.region);
  EXPECT_FALSE(d.prefecture);
  EXPECT_TRUE(d.size);
  EXPECT_TRUE(d.business_class);
  EXPECT_EQ(d.words, (std::vector<std::string>{"東北", "大手", "発電事業者"}));
  d = DetectDisclosed("宮城の事業者で発生。宮城県内では初めて。", miyagi);
  EXPECT_TRUE(d.region) << "a prefecture of the region names the region too";
  EXPECT_TRUE(d.prefecture) << "written without 県";
  EXPECT_EQ(d.words, (std::vector<std::string>{"宮城"})) << "宮城県 holds the word already listed";
  d = DetectDisclosed("関東地方の事業者で発生", {"kinki", 27, "large", ""});
  EXPECT_FALSE(d.region) << "another region does not narrow the reporter down";
  EXPECT_FALSE(d.size);
  EXPECT_TRUE(d.words.empty());
  d = DetectDisclosed("A small operator in Osaka", {"kinki", 27, "small", ""});
  EXPECT_TRUE(d.region);
  EXPECT_TRUE(d.prefecture);
  EXPECT_TRUE(d.size);
  EXPECT_EQ(d.words, (std::vector<std::string>{"small", "Osaka"}));
  d = DetectDisclosed("新電力の小売電気事業者", {"", 0, "", "generation"});
  EXPECT_FALSE(d.business_class) << "retail words do not disclose a generation company";
}

}  // namespace
}  // namespace renkei::domain
