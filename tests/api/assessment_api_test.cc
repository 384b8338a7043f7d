// Self-assessment over real HTTP with the demo data: the demo member's open round, answers
// and scores, the .xlsx export opened by LibreOffice (headless) with the Japanese intact and
// read back after LibreOffice saved it, row-level import errors that change nothing,
// submission, and the sector body's view.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/api_env.h"

namespace renkei::testing {
namespace {

using nlohmann::json;

constexpr const char* kMember = "member@denryoku.example";  // 東北発電
constexpr const char* kGasMember = "member@gas.example";
constexpr const char* kOfficer = "officer@occto.example";  // the electricity sector body

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
  ASSERT_EQ(cats.json()["items"].size(), 3u);
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
  ExpectProblem(set({{{"item_id", "PR.PT-1"}, {"level", 5}}}), 400, "level_out_of_range", "level");
  ExpectProblem(set({{{"item_id", "XX.YY-1"}, {"level", 1}}}), 400, "unknown_item", "item_id");
  ExpectProblem(set({{{"item_id", "PR.PT-1"}, {"not_applicable", true}}}), 400,
                "na_reason_required", "na_reason");
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
  ExpectProblem(member.Get(path + "/export?format=pdf"), 400, "unknown_format", "format");
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
  EXPECT_EQ(r.json()["errors"][1]["code"], "level_out_of_range");
  EXPECT_EQ(member.Get(path).json()["answers"], before["answers"]) << "nothing imported";
  // A sheet that is not a check sheet, a file that is not an xlsx, an unknown type.
  ExpectProblem(Upload(member, path + "/import", "x.csv", "text/csv", "名前,電話\r\n佐藤,03\r\n"),
                400, "import_rejected", "file");
  ExpectProblem(Upload(member, path + "/import", "x.xlsx", "application/octet-stream", "PK no zip"),
                400, "invalid_xlsx", "file");
  ExpectProblem(Upload(member, path + "/import", "x.pdf", "application/pdf", "%PDF"), 415,
                "unsupported_file");
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
  ExpectProblem(officer.Get("/api/v1/sector/assessments?size=huge"), 400, "unknown_size", "size");
  ExpectProblem(officer.Get("/api/v1/sector/assessments?fiscal_year=abc"), 400, "out_of_range",
                "fiscal_year");
}

}  // namespace
}  // namespace renkei::testing
