// Self-assessment over real HTTP with the demo data: the demo member's open round, answers
// and scores, the .xlsx export opened by LibreOffice (headless) with the Japanese intact and
// read back after LibreOffice saved it, row-level import errors that change nothing,
// submission, and the sector body's view.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "api/api_env.h"
#include "support/zip_package.h"

namespace renkei::testing {
namespace {

using nlohmann::json;

constexpr const char* kMember = "member@denryoku.example";  // 東北発電
constexpr const char* kGasMember = "member@gas.example";
constexpr const char* kOfficer = "officer@occto.example";  // the electricity sector body
constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::int64_t OpenRound(const Session& s) {
  auto list = s.Get("/api/v1/assessments");
  EXPECT_EQ(list.status, 200);
  const json page = list.json();
  for (const auto& a : page["items"])
    if (a["status"] == "draft") return a["id"].get<std::int64_t>();
  ADD_FAILURE() << "the demo member has no open round: " << list.body;
  return 0;
}

json AnswerOf(const json& view, const std::string& item) {
  for (const auto& a : view["answers"])
    if (a["item_id"] == item) return a;
  return json();
}

HttpResult Upload(const Session& s, const std::string& path, const std::string& name,
                  const std::string& type, const std::string& data) {
  return Http().Send("POST", path + "?filename=" + name, data,
                     {"Content-Type: " + type, "Cookie: renkei_session=" + s.cookie(),
                      "X-CSRF-Token: " + s.csrf()});
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// LibreOffice headless converts `file` to `format` in `dir`; returns the output's bytes.
std::string Convert(const std::filesystem::path& file, const std::string& format,
                    const std::filesystem::path& dir) {
  const std::string cmd = "HOME=" + dir.string() + " libreoffice -env:UserInstallation=file://" +
                          dir.string() + "/profile --headless --convert-to '" + format +
                          "' --outdir " + (dir / "out").string() + " " + file.string() + " > " +
                          (dir / "lo.log").string() + " 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << ReadFile(dir / "lo.log");
  const std::string ext = format.substr(0, format.find(':'));
  return ReadFile(dir / "out" / (file.stem().string() + "." + ext));
}

TEST(Assessment, CatalogsAndTheOpenRound) {
  Session member = As(kMember);
  auto cats = member.Get("/api/v1/assessment/catalogs");
  ASSERT_EQ(cats.status, 200);
  ASSERT_EQ(cats.json()["items"].size(), 5u);  // with SECURITY ACTION ★ and ★★
  auto csf = member.Get("/api/v1/assessment/catalogs/nist-csf-1.1");
  ASSERT_EQ(csf.status, 200);
  EXPECT_EQ(csf.json()["functions"].size(), 5u);
  EXPECT_EQ(csf.json()["levels"][0]["label_ja"], "未実施");
  ExpectProblem(member.Get("/api/v1/assessment/catalogs/iso-27001"), 404, "not_found");

  const std::int64_t id = OpenRound(member);
  const std::string path = "/api/v1/assessments/" + std::to_string(id);
  auto v = member.Get(path);
  ASSERT_EQ(v.status, 200) << v.body;
  EXPECT_EQ(v.json()["answers"].size(), 108u) << "carried over from last year";
  EXPECT_FALSE(v.json()["previous"].is_null());
  EXPECT_EQ(v.json()["position"].size(), 5u) << "the sector has enough submissions";
  EXPECT_TRUE(v.json()["can_edit"].get<bool>());
  // Nobody else sees a draft: another operator, the sector body.
  ExpectProblem(As(kGasMember).Get(path), 404, "not_found");
  ExpectProblem(As(kOfficer).Get(path), 404, "not_found");
  ExpectProblem(member.Get("/api/v1/assessments/999999"), 404, "not_found");
}

TEST(Assessment, AnswersChangeTheScoresAndBadAnswersChangeNothing) {
  Session member = As(kMember);
  const std::string path = "/api/v1/assessments/" + std::to_string(OpenRound(member));
  auto before = member.Get(path).json();
  auto set = [&](json answers) {
    return member.Send("PATCH", path + "/answers", {{"answers", answers}});
  };
  // Everything in Recover at 4: the function's mean becomes 4.0.
  json all_rc = json::array();
  for (const char* id : {"RC.RP-1", "RC.IM-1", "RC.IM-2", "RC.CO-1", "RC.CO-2", "RC.CO-3"})
    all_rc.push_back({{"item_id", id}, {"level", 4}, {"comment", "復旧手順書 第2版"}});
  auto r = set(all_rc);
  ASSERT_EQ(r.status, 200) << r.body;
  const json view = r.json();
  for (const auto& f : view["scores"]["functions"])
    if (f["id"] == "RC") {
      EXPECT_EQ(f["mean_tenths"], 40);
    }
  EXPECT_EQ(AnswerOf(r.json(), "RC.RP-1")["comment"], "復旧手順書 第2版");
  ExpectProblem(set({{{"item_id", "PR.PT-1"}, {"level", 5}}}), 400, "out_of_range", "level");
  ExpectProblem(set({{{"item_id", "XX.YY-1"}, {"level", 1}}}), 400, "unknown_item", "item_id");
  ExpectProblem(set({{{"item_id", "PR.PT-1"}, {"not_applicable", true}}}), 400, "required",
                "na_reason");
  ExpectProblem(set({{{"item_id", "PR.PT-1"}, {"level", "3"}}}), 400, "wrong_type",
                "answers[0].level");
  ExpectProblem(set(json::array()), 400, "out_of_range", "answers");
  EXPECT_EQ(AnswerOf(member.Get(path).json(), "PR.PT-1"), AnswerOf(before, "PR.PT-1"));
  // Someone else's assessment: 404.
  ExpectProblem(As(kGasMember)
                    .Send("PATCH", path + "/answers",
                          {{"answers", {{{"item_id", "PR.PT-1"}, {"level", 1}}}}}),
                404, "not_found");
}

TEST(Assessment, ExcelOpensInLibreOfficeAndComesBackTheSame) {
  Session member = As(kMember);
  const std::string path = "/api/v1/assessments/" + std::to_string(OpenRound(member));
  ASSERT_EQ(member
                .Send("PATCH", path + "/answers",
                      {{"answers",
                        {{{"item_id", "PR.PT-1"}, {"level", 3}, {"evidence", "ログ管理規程"}},
                         {{"item_id", "PR.PT-2"},
                          {"not_applicable", true},
                          {"na_reason", "外部記憶媒体を使わない"}}}}})
                .status,
            200);
  const json exported_view = member.Get(path).json();
  auto xlsx = member.Get(path + "/export?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.header("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(xlsx.header("content-disposition").find(".xlsx"), std::string::npos);
  ASSERT_EQ(xlsx.body.substr(0, 2), "PK");

  const auto dir =
      std::filesystem::temp_directory_path() / ("renkei-lo-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "check.xlsx";
  std::ofstream(file, std::ios::binary) << xlsx.body;
  // LibreOffice reads it: the first sheet as CSV, Japanese intact.
  const std::string csv = Convert(file, "csv:Text - txt - csv (StarCalc):44,34,76", dir);
  EXPECT_NE(csv.find("Renkei self-assessment"), std::string::npos) << csv.substr(0, 300);
  EXPECT_NE(csv.find("ログの取得を実施している"), std::string::npos);
  EXPECT_NE(csv.find("外部記憶媒体をルールに則って管理している"), std::string::npos);
  EXPECT_NE(csv.find("東北発電"), std::string::npos);
  EXPECT_NE(csv.find("ログ管理規程"), std::string::npos);

  // Change answers here, then import the file LibreOffice saved: back to the exported state.
  ASSERT_EQ(
      member
          .Send(
              "PATCH", path + "/answers",
              {{"answers",
                {{{"item_id", "PR.PT-1"}, {"level", 0}}, {{"item_id", "ID.AM-1"}, {"level", 0}}}}})
          .status,
      200);
  std::filesystem::rename(file, dir / "original.xlsx");
  std::filesystem::create_directories(dir / "resaved");
  const std::string resaved = Convert(dir / "original.xlsx", "xlsx", dir);
  ASSERT_FALSE(resaved.empty());
  auto imported =
      Upload(member, path + "/import", "original.xlsx",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", resaved);
  ASSERT_EQ(imported.status, 200) << imported.body;
  for (const char* item : {"PR.PT-1", "PR.PT-2", "ID.AM-1", "RS.RP-1"}) {
    json a = AnswerOf(imported.json(), item), b = AnswerOf(exported_view, item);
    for (const char* k : {"level", "not_applicable", "na_reason", "comment", "evidence"})
      EXPECT_EQ(a[k], b[k]) << item << " " << k;
  }
  EXPECT_EQ(imported.json()["answers"].size(), exported_view["answers"].size());
  std::filesystem::remove_all(dir);

  // CSV too: export, import unchanged.
  auto csv_out = member.Get(path + "/export?format=csv&lang=en");
  ASSERT_EQ(csv_out.status, 200);
  EXPECT_NE(csv_out.body.find("Check item"), std::string::npos);
  EXPECT_EQ(Upload(member, path + "/import", "sheet.csv", "text/csv", csv_out.body).status, 200);
  ExpectProblem(member.Get(path + "/export?format=pdf"), 400, "invalid_value", "format");
}

TEST(Assessment, ImportErrorsNameTheRowsAndImportNothing) {
  Session member = As(kMember);
  const std::string path = "/api/v1/assessments/" + std::to_string(OpenRound(member));
  const json before = member.Get(path).json();
  const std::string bad =
      "Renkei self-assessment,nist-csf-1.1\r\n"
      "項目ID,機能,カテゴリー,点検項目,成熟度(0-4)\r\n"
      "ID.AM-1,,,,1\r\n"
      "ID.ZZ-9,,,,2\r\n"
      "ID.AM-2,,,,7\r\n";
  auto r = Upload(member, path + "/import", "sheet.csv", "text/csv", bad);
  ExpectProblem(r, 400, "import_rejected", "file");
  ASSERT_EQ(r.json()["errors"].size(), 2u) << r.body;
  EXPECT_EQ(r.json()["errors"][0]["row"], 4);
  EXPECT_EQ(r.json()["errors"][0]["code"], "unknown_item");
  EXPECT_EQ(r.json()["errors"][1]["row"], 5);
  EXPECT_EQ(r.json()["errors"][1]["code"], "out_of_range");
  // Each row's message is in the caller's language, like the detail.
  EXPECT_EQ(r.json()["errors"][0]["message"], "点検項目集に項目 ID.ZZ-9 はありません。");
  auto en = Http().Send("POST", path + "/import?filename=sheet.csv", bad,
                        {"Content-Type: text/csv", "Cookie: renkei_session=" + member.cookie(),
                         "X-CSRF-Token: " + member.csrf(), "Accept-Language: en"});
  EXPECT_EQ(en.json()["errors"][0]["message"], "No item ID.ZZ-9 in the catalogue.") << en.body;
  EXPECT_EQ(en.json()["detail"],
            "2 rows are wrong; nothing was imported. Correct them and import again.");
  EXPECT_EQ(member.Get(path).json()["answers"], before["answers"]) << "nothing imported";
  // A sheet that is not a check sheet, a file that is not an xlsx, an unknown type.
  ExpectProblem(Upload(member, path + "/import", "x.csv", "text/csv", "名前,電話\r\n佐藤,03\r\n"),
                400, "import_rejected", "file");
  ExpectProblem(Upload(member, path + "/import", "x.xlsx", "application/octet-stream", "PK no zip"),
                400, "invalid_xlsx", "file");
  ExpectProblem(Upload(member, path + "/import", "x.pdf", "application/pdf", "%PDF"), 415,
                "unsupported_file_type");
}

TEST(Assessment, SubmitAndTheSectorBodySeesIt) {
  Session member = As(kMember);
  Session officer = As(kOfficer);
  const std::int64_t id = OpenRound(member);
  const std::string path = "/api/v1/assessments/" + std::to_string(id);
  auto before = officer.Get("/api/v1/sector/assessments");
  ASSERT_EQ(before.status, 200) << before.body;
  const int submitted_before = before.json()["total"]["submitted"].get<int>();
  EXPECT_FALSE(before.json()["suppressed"].get<bool>());
  EXPECT_EQ(before.json()["items"].size(), 108u);
  EXPECT_EQ(before.json()["weakest_items"].size(), 10u);
  EXPECT_GE(before.json()["trends"].size(), 2u);
  // A business class with its distributions; penetration by class and size.
  EXPECT_EQ(before.json()["by_business_class"].size(), 5u);
  EXPECT_EQ(before.json()["by_size"].size(), 3u);

  auto done = member.Send("POST", path + "/submit", json::object());
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["status"], "submitted");
  EXPECT_EQ(done.json()["score_rule"], "mean-of-applicable/v1");
  ExpectProblem(member.Send("POST", path + "/submit", json::object()), 409, "already_submitted");
  auto after = officer.Get("/api/v1/sector/assessments");
  EXPECT_EQ(after.json()["total"]["submitted"].get<int>(), submitted_before + 1);
  auto status = officer.Get("/api/v1/sector/assessments/status");
  ASSERT_EQ(status.status, 200);
  bool found = false;
  const json rows = status.json();
  for (const auto& row : rows["items"])
    if (row["assessment_id"] == id)
      found = row["name_ja"].get<std::string>().find("東北") != std::string::npos;
  EXPECT_TRUE(found);
  EXPECT_EQ(officer.Get(path).status, 200) << "submitted: the sector body reads it";
  ExpectProblem(member.Get("/api/v1/sector/assessments"), 403, "forbidden");
  ExpectProblem(officer.Get("/api/v1/sector/assessments?size=huge"), 400, "invalid_value", "size");
  ExpectProblem(officer.Get("/api/v1/sector/assessments?fiscal_year=abc"), 400, "out_of_range",
                "fiscal_year");
}

// A fresh draft of the demo member's organisation, for one test (its own scope).
std::string NewRound(const Session& member, const std::string& scope) {
  auto r = member.Send("POST", "/api/v1/assessments",
                       {{"catalog_id", "nist-csf-1.1"}, {"scope", scope}});
  EXPECT_EQ(r.status, 201) << r.body;
  return "/api/v1/assessments/" + r.json()["id"].dump();
}

// The probe's 2 KB workbook that held 600 MB: a 1 MiB shared string in 600 cells.
std::string SharedStringBomb() {
  std::string rows;
  for (int r = 1; r <= 20; ++r) {
    rows += "<row r=\"" + std::to_string(r) + "\">";
    for (int c = 0; c < 30; ++c) rows += "<c t=\"s\"><v>0</v></c>";
    rows += "</row>";
  }
  return MakeXlsx({SheetXml(rows)}, std::string("<sst ") + kSheetNs + "><si><t>" +
                                        std::string(1u << 20, 'a') + "</t></si></sst>");
}

TEST(Assessment, Finding03_ImportChecksAccessBeforeReadingTheFile) {
  Session member = As(kMember);
  std::string submitted;
  const json list = member.Get("/api/v1/assessments").json();
  for (const auto& a : list["items"])
    if (a["status"] == "submitted") submitted = "/api/v1/assessments/" + a["id"].dump();
  ASSERT_FALSE(submitted.empty()) << "the demo member has an earlier, submitted round";
  const std::string draft = NewRound(member, "finding03-access");
  ASSERT_EQ(As(kOfficer).Get(submitted).status, 200) << "the sector body sees it";
  // Whatever the file (broken, a bomb, bad CSV), who may import is answered first.
  const std::vector<std::pair<std::string, std::string>> files = {
      {"x.xlsx", "PK no zip"}, {"x.xlsx", SharedStringBomb()}, {"x.csv", "\xff\xfe"}};
  for (const auto& [name, data] : files) {
    const std::string type = name.ends_with(".csv") ? "text/csv" : kXlsxType;
    SCOPED_TRACE(name + " " + std::to_string(data.size()) + " bytes");
    ExpectProblem(Upload(member, "/api/v1/assessments/999999/import", name, type, data), 404,
                  "not_found");
    ExpectProblem(Upload(As(kGasMember), draft + "/import", name, type, data), 404, "not_found");
    ExpectProblem(Upload(As(kOfficer), draft + "/import", name, type, data), 404, "not_found");
    ExpectProblem(Upload(As(kOfficer), submitted + "/import", name, type, data), 403, "forbidden");
    ExpectProblem(Upload(member, submitted + "/import", name, type, data), 409,
                  "already_submitted");
  }
  // An unknown type still needs access first; for its own draft the member hears about the type.
  ExpectProblem(Upload(As(kGasMember), draft + "/import", "x.pdf", "application/pdf", "%PDF"), 404,
                "not_found");
  ExpectProblem(Upload(member, draft + "/import", "x.pdf", "application/pdf", "%PDF"), 415,
                "unsupported_file_type");
}

TEST(Assessment, Finding03_ImportLimitsAnswerClearProblemsAndChangeNothing) {
  Session member = As(kMember);
  const std::string path = NewRound(member, "finding03-limits");
  ASSERT_EQ(member
                .Send("PATCH", path + "/answers",
                      {{"answers", {{{"item_id", "PR.PT-1"}, {"level", 2}, {"comment", "前"}}}}})
                .status,
            200);
  const json before = member.Get(path).json()["answers"];
  auto xlsx = [&](const std::string& data) {
    return Upload(member, path + "/import", "x.xlsx", kXlsxType, data);
  };
  auto csv = [&](const std::string& data) {
    return Upload(member, path + "/import", "x.csv", "text/csv", data);
  };

  ExpectProblem(xlsx(SharedStringBomb()), 400, "cell_too_long", "file");
  // 30 MiB of blanks in one part (~30 KB packed): refused from the zip directory.
  ExpectProblem(xlsx(MakeXlsx({SheetXml("<row r=\"1\"><c><v>" + std::string(30u << 20, ' ') +
                                        "</v></c></row>")})),
                413, "xlsx_too_large", "file");
  // The same part claiming to be 100 bytes: reading stops after 101.
  std::string lying =
      MakeXlsx({SheetXml("<row r=\"1\"><c><v>" + std::string(9u << 20, ' ') + "</v></c></row>")});
  DeclareSize(lying, "xl/worksheets/sheet1.xml", 100);
  ExpectProblem(xlsx(lying), 400, "invalid_xlsx", "file");
  ExpectProblem(xlsx(MakeXlsx(std::vector<std::string>(9, SheetXml("")))), 400, "too_many_sheets",
                "file");
  auto far = xlsx(MakeXlsx({SheetXml(R"(<row r="5000"><c><v>1</v></c></row>)")}));
  ExpectProblem(far, 400, "too_many_rows", "file");
  EXPECT_NE(far.json()["detail"].get<std::string>().find("5000"), std::string::npos) << far.body;
  std::string rows = "Renkei self-assessment,nist-csf-1.1\r\n";
  for (int i = 0; i < 2000; ++i) rows += "\r\n";
  ExpectProblem(csv(rows), 400, "too_many_rows", "file");
  ExpectProblem(csv(std::string(60000, ',')), 400, "too_many_cells", "file");
  ExpectProblem(csv("Renkei self-assessment,nist-csf-1.1\r\nPR.PT-1,,,,2,,," +
                    std::string(40000, 'x') + "\r\n"),
                400, "cell_too_long", "file");
  EXPECT_EQ(member.Get(path).json()["answers"], before) << "nothing imported";
}

TEST(Assessment, Finding11_CsvExportNeutralisesFormulasAndImportsThemBack) {
  Session member = As(kMember);
  const std::string path = NewRound(member, "finding11");
  const std::string formula = "=HYPERLINK(\"http://evil.example\",\"詳細\")";
  auto saved = member.Send(
      "PATCH", path + "/answers",
      {{"answers",
        {{{"item_id", "PR.PT-1"}, {"level", 2}, {"comment", formula}, {"evidence", "@SUM(1+1)"}},
         {{"item_id", "PR.PT-2"}, {"not_applicable", true}, {"na_reason", "-使わない"}},
         {{"item_id", "ID.AM-1"}, {"level", 1}, {"comment", "'=already quoted"}}}}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  const json exported = saved.json()["answers"];

  auto out = member.Get(path + "/export?format=csv");
  ASSERT_EQ(out.status, 200);
  EXPECT_EQ(out.body.find(",\"=HYPERLINK"), std::string::npos) << "no cell starts with =";
  EXPECT_NE(out.body.find(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"詳細\"\")\""),
            std::string::npos);
  EXPECT_NE(out.body.find(",'@SUM(1+1)"), std::string::npos);
  EXPECT_NE(out.body.find(",'-使わない"), std::string::npos);
  EXPECT_NE(out.body.find(",''=already quoted"), std::string::npos);

  auto change = [&] {
    ASSERT_EQ(member
                  .Send("PATCH", path + "/answers",
                        {{"answers", {{{"item_id", "PR.PT-1"}, {"level", 0}, {"comment", "x"}}}}})
                  .status,
              200);
  };
  change();
  auto back = Upload(member, path + "/import", "sheet.csv", "text/csv", out.body);
  ASSERT_EQ(back.status, 200) << back.body;
  for (const char* item : {"PR.PT-1", "PR.PT-2", "ID.AM-1"})
    for (const char* k : {"level", "not_applicable", "na_reason", "comment", "evidence"})
      EXPECT_EQ(AnswerOf(back.json(), item)[k], AnswerOf(saved.json(), item)[k])
          << item << " " << k;
  EXPECT_EQ(AnswerOf(back.json(), "PR.PT-1")["comment"], formula);

  // The .xlsx: the same texts as string cells, no formula, and back the same.
  auto book = member.Get(path + "/export?format=xlsx");
  ASSERT_EQ(book.status, 200);
  const std::string sheet = ReadZipPart(book.body, "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty());
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);
  EXPECT_EQ(sheet.find("<f "), std::string::npos);
  change();
  auto again = Upload(member, path + "/import", "sheet.xlsx", kXlsxType, book.body);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(AnswerOf(again.json(), "PR.PT-1")["comment"], formula);
  EXPECT_EQ(AnswerOf(again.json(), "PR.PT-1")["evidence"], "@SUM(1+1)");
  EXPECT_EQ(AnswerOf(again.json(), "ID.AM-1")["comment"], "'=already quoted");
}

// SECURITY ACTION (issue 19): the demo's SME 湘南精機 has declared ★ and has ★★ open; its
// owner takes ★ over HTTP — here for last fiscal year — answers the five basics and submits.
TEST(Assessment, AnSmeOwnerDeclaresSecurityActionOneStar) {
  const Session owner = As("owner@shonan-seiki.example");
  auto catalogs = owner.Get("/api/v1/assessment/catalogs");
  ASSERT_EQ(catalogs.status, 200) << catalogs.body;
  const json list = catalogs.json()["items"];
  std::set<std::string> ids;
  for (const auto& c : list) ids.insert(c["id"].get<std::string>());
  EXPECT_TRUE(ids.count("security-action-1") && ids.count("security-action-2"));
  auto mine = owner.Get("/api/v1/assessments");
  ASSERT_EQ(mine.status, 200) << mine.body;
  const json rounds = mine.json()["items"];
  std::map<std::string, std::string> state;
  int year = 0;
  for (const auto& a : rounds) {
    state[a["catalog_id"].get<std::string>()] = a["status"].get<std::string>();
    if (a["catalog_id"] == "security-action-1") year = a["fiscal_year"].get<int>();
  }
  EXPECT_EQ(state["security-action-1"], "submitted");
  EXPECT_EQ(state["security-action-2"], "draft");
  auto made = owner.Send("POST", "/api/v1/assessments",
                         {{"catalog_id", "security-action-1"}, {"fiscal_year", year - 1}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string path = "/api/v1/assessments/" + made.json()["id"].dump();
  json answers = json::array();
  for (int i = 1; i <= 5; ++i)
    answers.push_back({{"item_id", "SA1-0" + std::to_string(i)}, {"level", 3}});
  auto saved = owner.Send("PATCH", path + "/answers", {{"answers", answers}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto done = owner.Send("POST", path + "/submit", json::object());
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["status"], "submitted");
  // The SME's own: nobody else reads it.
  ExpectProblem(As(kOfficer).Get(path), 404, "not_found");
  ExpectProblem(As("agent@otasuketai.example").Get(path), 404, "not_found");
}

}  // namespace
}  // namespace renkei::testing
