// Self-assessment's pure logic: the shipped catalogues (exact counts against the METI
// tool's table), the scoring rule with N/A and unanswered items, the improvement plan,
// the sector view's minimum group size, the check sheet's import checks and CSV.
#include <gtest/gtest.h>

#include <map>

#include "core/time_format.h"
#include "domain/assessment/catalog.h"
#include "domain/assessment/scoring.h"
#include "domain/assessment/sheet.h"
#include "support/catalogs.h"

namespace renkei::domain {
namespace {

const AssessmentCatalogs& Builtin() { return testing::TestCatalogs().assessment; }
const AssessmentCatalog& Csf11() { return *Builtin().find("nist-csf-1.1"); }

std::map<std::string, size_t> ItemsPerCategory(const AssessmentCatalog& c) {
  std::map<std::string, size_t> out;
  for (const auto& cat : c.categories()) out[cat.id] = cat.items.size();
  return out;
}

TEST(AssessmentCatalog, CsfOneOneHasTheMetiToolsCountsPerCategory) {
  const auto& c = Csf11();
  EXPECT_EQ(c.functions().size(), 5u);
  EXPECT_EQ(c.categories().size(), 23u);
  EXPECT_EQ(c.items().size(), 108u);
  // The table in seed 001 (its "DE.CP" is DE.DP).
  const std::map<std::string, size_t> expected = {
      {"ID.AM", 6}, {"ID.BE", 5}, {"ID.GV", 4}, {"ID.RA", 6},  {"ID.RM", 3}, {"ID.SC", 5},
      {"PR.AC", 7}, {"PR.AT", 5}, {"PR.DS", 8}, {"PR.IP", 12}, {"PR.MA", 2}, {"PR.PT", 5},
      {"DE.AE", 5}, {"DE.CM", 8}, {"DE.DP", 5}, {"RS.RP", 1},  {"RS.CO", 5}, {"RS.AN", 5},
      {"RS.MI", 3}, {"RS.IM", 2}, {"RC.RP", 1}, {"RC.IM", 2},  {"RC.CO", 3}};
  EXPECT_EQ(ItemsPerCategory(c), expected);
  std::vector<std::string> fns;
  for (const auto& f : c.functions()) fns.push_back(f.id + ":" + std::to_string(f.items.size()));
  EXPECT_EQ(fns, (std::vector<std::string>{"ID:29", "PR:39", "DE:18", "RS:16", "RC:6"}));
  // Identifiers run ID.AM-1 … RC.CO-3 and the METI tool's example reads as in the tool.
  EXPECT_EQ(c.items().front().id, "ID.AM-1");
  EXPECT_EQ(c.items().back().id, "RC.CO-3");
  EXPECT_EQ(c.item("PR.PT-1")->ja, "ログの取得を実施している");
  EXPECT_EQ(c.item("PR.PT-2")->ja, "外部記憶媒体をルールに則って管理している");
  for (const auto& item : c.items()) {
    EXPECT_EQ(item.id.rfind(item.category_id + "-", 0), 0u) << item.id;
    EXPECT_FALSE(item.next_ja.empty() || item.next_en.empty()) << item.id;
  }
  ASSERT_EQ(c.levels().size(), 5u);
  EXPECT_EQ(c.levels()[0].label_ja, "未実施");
}

TEST(AssessmentCatalog, CsfTwoAndTheBroadcastingStandard) {
  const auto& c2 = *Builtin().find("nist-csf-2.0");
  EXPECT_EQ(c2.functions().size(), 6u);
  EXPECT_EQ(c2.categories().size(), 22u);
  EXPECT_EQ(c2.items().size(), 106u);
  EXPECT_EQ(c2.functions()[0].id, "GV");
  EXPECT_EQ(ItemsPerCategory(c2).at("GV.SC"), 10u);
  EXPECT_EQ(c2.item("ID.AM-06"), nullptr);  // withdrawn in 2.0
  const auto& bc = *Builtin().find("broadcasting-standard");
  EXPECT_EQ(bc.items().size(), 13u);
  EXPECT_NE(bc.item("BC-13")->ja.find("サイバーセキュリティ"), std::string::npos);
  EXPECT_EQ(Builtin().find("nope"), nullptr);
}

// SECURITY ACTION (issue 19): ★ is the five basics, ★★ the 25-question self-check in its
// three areas (5 basics, 13 for each employee, 7 for the company), both written by us.
TEST(AssessmentCatalog, SecurityActionOneAndTwoStars) {
  const auto* one = Builtin().find("security-action-1");
  ASSERT_NE(one, nullptr);
  EXPECT_EQ(one->items().size(), 5u);
  EXPECT_NE(one->name_ja().find("★ 一つ星"), std::string::npos);
  const auto* two = Builtin().find("security-action-2");
  ASSERT_NE(two, nullptr);
  EXPECT_NE(two->name_ja().find("★★ 二つ星"), std::string::npos);
  EXPECT_EQ(two->items().size(), 25u);
  std::vector<std::string> fns;
  for (const auto& f : two->functions()) fns.push_back(f.id + ":" + std::to_string(f.items.size()));
  EXPECT_EQ(fns, (std::vector<std::string>{"BA:5", "EM:13", "OR:7"}));
  EXPECT_EQ(two->items().front().id, "SA2-01");
  EXPECT_EQ(two->items().back().id, "SA2-25");
  for (const auto* c : {one, two}) {
    ASSERT_EQ(c->levels().size(), 5u);
    for (const auto& item : c->items()) {
      EXPECT_FALSE(item.ja.empty() || item.en.empty() || item.next_ja.empty() ||
                   item.next_en.empty())
          << item.id;
    }
    // A self-declaration, never a certification: no wording of having been certified.
    for (const auto& text : {c->name_ja(), c->source()}) {
      EXPECT_EQ(text.find("認定"), std::string::npos) << text;
      EXPECT_EQ(text.find("取得"), std::string::npos) << text;
    }
  }
  // The five basics each once: updates, anti-virus, passwords, sharing, knowing the tricks.
  EXPECT_NE(one->item("SA1-01")->ja.find("最新"), std::string::npos);
  EXPECT_NE(one->item("SA1-02")->ja.find("ウイルス対策"), std::string::npos);
  EXPECT_NE(one->item("SA1-03")->ja.find("パスワード"), std::string::npos);
  EXPECT_NE(one->item("SA1-04")->ja.find("共有"), std::string::npos);
  EXPECT_NE(one->item("SA1-05")->ja.find("手口"), std::string::npos);
}

TEST(AssessmentCatalog, ABrokenFileIsRefusedWithTheReason) {
  const char* missing_next = R"(
id = "x"
version = "1"
name_ja = "x"
name_en = "x"
[[levels]]
level = 0
label_ja = "a"
label_en = "a"
description_ja = "a"
description_en = "a"
)";
  auto r = AssessmentCatalog::Parse(missing_next);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().Describe().find("levels 0 to 4"), std::string::npos);
  auto dup = AssessmentCatalogs::Parse({{"a.toml", "id = "}, {"b.toml", "x"}});
  EXPECT_FALSE(dup.ok());
}

// Which file is broken, and how: start-up prints this and exits instead of aborting (or,
// for values where tables belong, crashing on a null table as it did).
TEST(AssessmentCatalog, ABrokenFileIsAnErrorNamingTheFile) {
  auto r = AssessmentCatalogs::Parse(
      {{"data/assessment/broken.toml",
        "id = \"y\"\nversion = \"1\"\nname_ja = \"y\"\nname_en = \"y\"\nlevels = [0, 1]\n"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().note(),
            "data/assessment/broken.toml: assessment catalogue y: levels: must be tables "
            "([[levels]])");
  auto syntax =
      AssessmentCatalogs::Parse({{"data/assessment/typo.toml", "id = \"y\"\nversion 1\n"}});
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.status().note().find("data/assessment/typo.toml: assessment catalogue ?: "
                                        "syntax: line 2"),
            std::string::npos)
      << syntax.status().note();
}

// ---- scoring ---------------------------------------------------------------

std::string Codes(const AssessmentCatalog& c, const std::map<std::string, char>& set,
                  char rest = '-') {
  std::string codes(c.items().size(), rest);
  for (const auto& [id, code] : set) codes[c.item(id)->index] = code;
  return codes;
}

const NodeScore& Node(const std::vector<NodeScore>& v, const std::string& id) {
  return *std::find_if(v.begin(), v.end(), [&](const NodeScore& n) { return n.id == id; });
}

TEST(AssessmentScoring, MeanOfApplicableToOneDecimalWithCoverageAndFloor) {
  const auto& c = Csf11();
  // RS.MI: 2 and 3 answered, the third not applicable → mean 2.5, floor 2, 2/2.
  auto s = ComputeScores(c, Codes(c, {{"RS.MI-1", '2'}, {"RS.MI-2", '3'}, {"RS.MI-3", 'n'}}));
  const auto& mi = Node(s.categories, "RS.MI");
  EXPECT_EQ(mi.applicable, 2);
  EXPECT_EQ(mi.answered, 2);
  EXPECT_EQ(mi.mean_tenths, 25);
  EXPECT_EQ(mi.floor, 2);
  EXPECT_EQ(s.rule, "mean-of-applicable/v1");
  // RS.IM: one of two answered → the mean of what is answered, coverage 1/2, floor 0.
  s = ComputeScores(c, Codes(c, {{"RS.IM-1", '3'}}));
  const auto& im = Node(s.categories, "RS.IM");
  EXPECT_EQ(im.mean_tenths, 30);
  EXPECT_EQ(im.answered, 1);
  EXPECT_EQ(im.applicable, 2);
  EXPECT_EQ(im.floor, 0);
  // Nothing answered: no mean, no floor; all N/A: nothing applicable.
  EXPECT_FALSE(Node(s.categories, "RC.CO").mean_tenths);
  s = ComputeScores(c, Codes(c, {{"RC.RP-1", 'n'}}));
  EXPECT_EQ(Node(s.categories, "RC.RP").applicable, 0);
  EXPECT_FALSE(Node(s.categories, "RC.RP").mean_tenths);
  // Function RC: 1,2,2 over RC.IM and RC.CO → mean 5/3 = 1.67 → 1.7, half up: 1.25 → 1.3.
  s = ComputeScores(c, Codes(c, {{"RC.IM-1", '1'}, {"RC.IM-2", '2'}, {"RC.CO-1", '2'}}));
  EXPECT_EQ(Node(s.functions, "RC").mean_tenths, 17);
  EXPECT_EQ(MeanTenths(5, 4), 13);
  EXPECT_EQ(MeanTenths(8, 2), 40);
  // Everything at 4 → 4.0 everywhere and floor 4.
  s = ComputeScores(c, std::string(c.items().size(), '4'));
  for (const auto& f : s.functions) EXPECT_EQ(f.floor, 4);
  EXPECT_EQ(s.overall.mean_tenths, 40);
}

TEST(AssessmentScoring, LevelCodesFromAnswers) {
  const auto& c = Csf11();
  std::vector<Answer> answers(3);
  answers[0].item_id = "ID.AM-1";
  answers[0].level = 3;
  answers[1].item_id = "ID.AM-2";
  answers[1].not_applicable = true;
  answers[2].item_id = "XX-1";  // unknown: ignored
  answers[2].level = 1;
  const std::string codes = LevelCodes(c, answers);
  EXPECT_EQ(codes.substr(0, 3), "3n-");
  EXPECT_EQ(codes.size(), 108u);
}

TEST(AssessmentPlan, WeakestFunctionFirstLowestItemsFirst) {
  const auto& c = Csf11();
  // Everything at 3, but RC (6 items) has one item at 0 and one at 1: RC is weakest.
  auto codes = Codes(c, {{"RC.CO-2", '0'}, {"RC.IM-1", '1'}, {"RC.RP-1", '4'}}, '3');
  auto plan = ImprovementPlan(c, codes, ComputeScores(c, codes), 4);
  ASSERT_EQ(plan.size(), 4u);
  EXPECT_EQ(plan[0].item_id, "RC.CO-2");
  EXPECT_EQ(plan[0].current, 0);
  EXPECT_EQ(plan[0].target, 1);
  EXPECT_EQ(plan[0].gain_hundredths, 17);  // one level over 6 items
  EXPECT_EQ(plan[1].item_id, "RC.IM-1");
  // Then RC's items at 3 (RC.RP-1 is already at 4 and is skipped), weaker category first.
  EXPECT_EQ(plan[2].function_id, "RC");
  EXPECT_NE(plan[2].item_id, "RC.RP-1");
  EXPECT_NE(plan[3].item_id, "RC.RP-1");
  // Not-applicable items never appear.
  codes = Codes(c, {{"RC.CO-2", 'n'}}, '0');
  for (const auto& step : ImprovementPlan(c, codes, ComputeScores(c, codes), 200))
    EXPECT_NE(step.item_id, "RC.CO-2");
}

// ---- the sector view ---------------------------------------------------------

TEST(SectorView, DistributionsOnlyForGroupsOfFive) {
  const auto& c = Csf11();
  std::vector<SectorOperator> ops;
  std::vector<SectorSubmission> subs;
  for (int i = 1; i <= 9; ++i) {
    ops.push_back({OrgId(i), i <= 6 ? "generation" : "retail", i % 2 ? "small" : "large", "", ""});
    if (i <= 7)  // 6 generators and one retailer submitted for 2026
      subs.push_back(
          {OrgId(i), 2026, c.version(), std::string(108, static_cast<char>('0' + i % 5))});
  }
  subs.push_back({OrgId(1), 2025, c.version(), std::string(108, '1')});
  auto v = ComputeSectorView(c, 2026, {}, ops, subs);
  EXPECT_EQ(v.total.operators, 9);
  EXPECT_EQ(v.total.submitted, 7);
  EXPECT_EQ(v.by_business_class[0].key, "generation");
  EXPECT_EQ(v.by_business_class[0].submitted, 6);
  EXPECT_EQ(v.by_business_class[1].operators, 3);  // retail
  EXPECT_EQ(v.by_business_class[1].submitted, 1);
  EXPECT_FALSE(v.suppressed);
  EXPECT_EQ(v.group_size, 7);
  int total = 0;
  for (int n : v.items[0].levels) total += n;
  EXPECT_EQ(total, 7);
  EXPECT_EQ(v.weakest_items.size(), 10u);
  ASSERT_EQ(v.trends.size(), 2u);
  EXPECT_TRUE(v.trends[0].suppressed);  // 2025: one organisation
  EXPECT_TRUE(v.trends[0].function_means_tenths.empty());
  EXPECT_FALSE(v.trends[1].suppressed);

  // Retailers alone are one organisation: counts yes, distributions no.
  v = ComputeSectorView(c, 2026, {"retail", ""}, ops, subs);
  EXPECT_EQ(v.total.operators, 3);
  EXPECT_EQ(v.group_size, 1);
  EXPECT_TRUE(v.suppressed);
  EXPECT_TRUE(v.items.empty());
  EXPECT_TRUE(v.functions.empty());
  EXPECT_TRUE(v.weakest_items.empty());
}

TEST(SectorView, PositionNeedsFivePeersBesidesTheAsker) {
  const auto& c = Csf11();
  std::vector<SectorSubmission> subs;
  for (int i = 1; i <= 5; ++i) subs.push_back({OrgId(i), 2026, c.version(), std::string(108, '2')});
  const std::string own(108, '3');
  EXPECT_TRUE(PositionInSector(c, own, OrgId(1), subs).empty());  // four peers
  subs.push_back({OrgId(6), 2026, c.version(), std::string(108, '4')});
  auto pos = PositionInSector(c, own, OrgId(1), subs);
  ASSERT_EQ(pos.size(), 5u);
  EXPECT_EQ(pos[0].own_tenths, 30);
  EXPECT_EQ(pos[0].sector_mean_tenths, 24);  // (2*4 + 4) / 5 peers
  EXPECT_EQ(pos[0].percentile, 80);          // four of five peers below
}

// ---- the check sheet -------------------------------------------------------

Workbook SheetFor(const std::vector<std::vector<std::string>>& rows) {
  Workbook b;
  b.sheets.push_back({"チェックシート", {{kSheetMarker, "nist-csf-1.1"}, {"項目ID"}}});
  for (const auto& r : rows) b.sheets[0].rows.push_back(r);
  return b;
}

TEST(CheckSheet, ExportThenImportGivesTheSameAnswers) {
  const auto& c = Csf11();
  Assessment a;
  a.org_name_ja = "東北発電";
  a.fiscal_year = 2026;
  std::vector<Answer> answers(2);
  answers[0].item_id = "PR.PT-1";
  answers[0].level = 2;
  answers[0].comment = "ログは 90 日保存、\n\"週次\"で確認";
  answers[0].evidence = "運用手順書 3.2";
  answers[1].item_id = "RS.RP-1";
  answers[1].not_applicable = true;
  answers[1].na_reason = "対応は親会社が実施";
  for (const char* lang : {"ja", "en"}) {
    Workbook book = ExportWorkbook(c, a, answers, lang);
    ASSERT_EQ(book.sheets.size(), 4u);
    EXPECT_EQ(book.sheets[0].rows.size(), 110u);
    // Through CSV and back.
    auto csv = ParseCsv(ToCsv(book.sheets[0]));
    ASSERT_TRUE(csv.ok());
    Workbook again{{csv.value()}};
    auto imp = ImportCheckSheet(c, again);
    ASSERT_TRUE(imp.errors.empty()) << imp.errors[0].status.Describe();
    ASSERT_EQ(imp.answers.size(), 2u);
    EXPECT_EQ(imp.answers[0].item_id, "PR.PT-1");
    EXPECT_EQ(imp.answers[0].level, 2);
    EXPECT_EQ(imp.answers[0].comment, answers[0].comment);
    EXPECT_EQ(imp.answers[0].evidence, answers[0].evidence);
    EXPECT_TRUE(imp.answers[1].not_applicable);
    EXPECT_EQ(imp.answers[1].na_reason, answers[1].na_reason);
  }
}

TEST(CheckSheet, ImportReportsEveryBadRow) {
  const auto& c = Csf11();
  auto imp = ImportCheckSheet(c, SheetFor({{"ID.AM-1", "", "", "", "３"},
                                           {"XX.YY-9", "", "", "", "2"},
                                           {"ID.AM-2", "", "", "", "5"},
                                           {"ID.AM-3", "", "", "", "たぶん"},
                                           {"ID.AM-1", "", "", "", "1"},
                                           {"ID.AM-4", "", "", "", "", "○", ""},
                                           {"", "", "", "", ""}}));
  ASSERT_EQ(imp.errors.size(), 5u);
  EXPECT_EQ(imp.errors[0].row, 4);
  EXPECT_EQ(imp.errors[0].status.code(), "unknown_item");
  EXPECT_EQ(imp.errors[1].status.code(), "out_of_range");
  EXPECT_EQ(imp.errors[1].column, "level");
  EXPECT_EQ(imp.errors[2].status.code(), "invalid_number");
  EXPECT_EQ(imp.errors[3].status.code(), "duplicate");
  EXPECT_EQ(imp.errors[4].status.code(), "required");
  EXPECT_EQ(imp.answers.size(), 1u);  // the full-width ３ read as 3
  EXPECT_EQ(imp.answers[0].level, 3);

  Workbook wrong;
  wrong.sheets.push_back({"Sheet1", {{"名前", "電話"}, {"a", "b"}}});
  imp = ImportCheckSheet(c, wrong);
  ASSERT_EQ(imp.errors.size(), 1u);
  EXPECT_EQ(imp.errors[0].status.code(), "wrong_sheet");
  Workbook other = SheetFor({});
  other.sheets[0].rows[0][1] = "nist-csf-2.0";
  EXPECT_EQ(ImportCheckSheet(c, other).errors.at(0).status.code(), "catalog_mismatch");
}

TEST(CheckSheet, CsvQuotingAndErrors) {
  SheetTable t{"x", {{"a,b", "say \"hi\"", "行1\r\n行2", ""}}};
  const std::string csv = ToCsv(t);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  auto back = ParseCsv(csv);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value().rows, t.rows);
  EXPECT_EQ(ParseCsv("a,\"b\nc").status().code(), "invalid_csv");
  EXPECT_EQ(ParseCsv("a,\xff").status().code(), "invalid_csv");
}

TEST(CheckSheet, Finding03_CsvRowsCellsAndCellLengthAreCapped) {
  auto refused = [](const Result<SheetTable>& r, const std::string& code) {
    ASSERT_FALSE(r.ok()) << code;
    EXPECT_EQ(r.status().code(), code) << r.status().Describe();
    EXPECT_EQ(r.status().field(), "file");
    EXPECT_EQ(r.status().kind(), Kind::kInvalidArgument);
  };
  std::string rows;
  for (size_t i = 0; i < kMaxSheetRows; ++i) rows += "a\r\n";
  ASSERT_TRUE(ParseCsv(rows).ok());
  refused(ParseCsv(rows + "a\r\n"), "too_many_rows");
  refused(ParseCsv(std::string(kMaxSheetRows * 10, '\n')), "too_many_rows");
  // 10 MiB of commas were 10 million cells (320 MB of empty strings).
  refused(ParseCsv(std::string(10u << 20, ',')), "too_many_cells");
  ASSERT_TRUE(ParseCsv(std::string(kMaxSheetCells - 1, ',')).ok());
  refused(ParseCsv(std::string(kMaxSheetCells, ',')), "too_many_cells");
  const std::string longest(kMaxCellBytes, 'x');
  ASSERT_TRUE(ParseCsv("a," + longest + "\r\n").ok());
  auto too_long = ParseCsv("a\r\nb,\"" + longest + "y\"\r\n");
  refused(too_long, "cell_too_long");
  EXPECT_NE(too_long.status().message().find("Cell 2 of row 2"), std::string::npos)
      << too_long.status().Describe();
}

TEST(CheckSheet, Finding11_CsvNeutralisesFormulasAndReadsThemBack) {
  const std::vector<std::string> cells = {
      "=HYPERLINK(\"http://evil.example\",\"x\")",
      "+1+1",
      "-1",
      "-",
      "@SUM(A1:A2)",
      "\tx",
      "\rx",
      "'=already quoted",
      "''+two quotes",
      "'plain quote",
      "'",
      "a=b",
      "3",
      "",
  };
  SheetTable t{"x", {cells}};
  const std::string csv = ToCsv(t);
  // What a spreadsheet sees: every formula character behind one more quote.
  EXPECT_EQ(csv,
            "\xEF\xBB\xBF\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",'+1+1,'-1,'-,"
            "'@SUM(A1:A2),'\tx,\"'\rx\",''=already quoted,'''+two quotes,'plain quote,',a=b,3,"
            "\r\n");
  auto back = ParseCsv(csv);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value().rows, t.rows);
  for (const char* c : {"=1", "+1", "-1", "@x", "\tx", "'=1"}) EXPECT_TRUE(StartsFormula(c)) << c;
  for (const char* c : {"", "'", "1", "a=1", "'a", " =1"}) EXPECT_FALSE(StartsFormula(c)) << c;
  // A hand-made CSV: a quote before a formula character comes off, any other stays.
  auto hand = ParseCsv("'=1,'abc,''=2,-1\r\n");
  ASSERT_TRUE(hand.ok());
  EXPECT_EQ(hand.value().rows[0], (std::vector<std::string>{"=1", "'abc", "'=2", "-1"}));
}

TEST(CheckSheet, Finding11_AFormulaLikeAnswerSurvivesExportAndImportAsCsv) {
  const auto& c = Csf11();
  Assessment a;
  std::vector<Answer> answers(1);
  answers[0].item_id = "PR.PT-1";
  answers[0].level = 2;
  answers[0].comment = "=HYPERLINK(\"http://evil.example\",\"click\")";
  answers[0].evidence = "-手順書 3.2";
  const std::string csv = ToCsv(ExportWorkbook(c, a, answers, "ja").sheets[0]);
  EXPECT_EQ(csv.find(",\"=HYPERLINK"), std::string::npos);
  EXPECT_NE(csv.find(",\"'=HYPERLINK"), std::string::npos);
  EXPECT_NE(csv.find(",'-手順書 3.2"), std::string::npos);
  auto table = ParseCsv(csv);
  ASSERT_TRUE(table.ok());
  auto imp = ImportCheckSheet(c, Workbook{{table.value()}});
  ASSERT_TRUE(imp.errors.empty()) << imp.errors[0].status.Describe();
  ASSERT_EQ(imp.answers.size(), 1u);
  EXPECT_EQ(imp.answers[0].comment, answers[0].comment);
  EXPECT_EQ(imp.answers[0].evidence, answers[0].evidence);
}

TEST(FiscalYear, StartsOnTheFirstOfAprilInJapan) {
  EXPECT_EQ(FiscalYearOf(*ParseRfc3339("2026-03-31T14:59:59Z")), 2025);  // 23:59 JST
  EXPECT_EQ(FiscalYearOf(*ParseRfc3339("2026-03-31T15:00:00Z")), 2026);  // 00:00 JST, April 1
  EXPECT_EQ(FiscalYearOf(*ParseRfc3339("2027-01-10T00:00:00Z")), 2026);
}

}  // namespace
}  // namespace renkei::domain
