// The sender's follow-up and the exports over real HTTP with the demo data: the delivery table
// filtered (未確認のみ, sector, organisation by name) and sorted by the server, the
// 自組織が発信 list's state and rates, and the three exports — the delivery table, the sector
// body's submission list and the audit log — as CSV parsed here (BOM, CRLF, RFC 4180 quoting,
// formula cells neutralised, the rows of the list with the same filter) and as .xlsx opened by
// LibreOffice headless with the same cells; each export audited and refused like its list.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "api/api_env.h"

namespace renkei::testing {
namespace {

using nlohmann::json;
using Table = std::vector<std::vector<std::string>>;

constexpr const char* kAnalyst = "analyst@jeisac.example";
constexpr const char* kMember = "member@denryoku.example";  // 東北発電
constexpr const char* kAdmin = "admin@renkei.example";
constexpr const char* kOfficer = "officer@occto.example";  // the electricity sector body

// RFC 4180 as Excel reads it: quoted cells with "" for a quote, CRLF between records.
// Fails the test on a bare LF, a stray quote or a missing final CRLF.
Table ParseCsv(std::string text) {
  Table out;
  if (text.size() < 2 || text.substr(text.size() - 2) != "\r\n") {
    ADD_FAILURE() << "the file does not end with CRLF";
    return out;
  }
  std::vector<std::string> row;
  std::string cell;
  size_t i = 0;
  bool fresh = true;
  while (i < text.size()) {
    if (fresh && text[i] == '"') {
      ++i;
      for (;;) {
        if (i >= text.size()) {
          ADD_FAILURE() << "unterminated quoted cell";
          return out;
        }
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            cell += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        cell += text[i++];
      }
      fresh = false;
      continue;
    }
    const char c = text[i];
    if (c == ',') {
      row.push_back(std::move(cell));
      cell.clear();
      fresh = true;
      ++i;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      row.push_back(std::move(cell));
      cell.clear();
      out.push_back(std::move(row));
      row.clear();
      fresh = true;
      i += 2;
    } else if (c == '\n' || c == '\r') {
      ADD_FAILURE() << "a bare line break outside quotes at byte " << i;
      return out;
    } else if (c == '"') {
      ADD_FAILURE() << "a quote inside an unquoted cell at byte " << i;
      return out;
    } else {
      cell += c;
      fresh = false;
      ++i;
    }
  }
  return out;
}

// The CSV reply: UTF-8 BOM first, then the records.
Table CsvOf(const HttpResult& r) {
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r.body.substr(0, 3), "\xEF\xBB\xBF") << "no BOM: Excel in Japan would garble it";
  return ParseCsv(r.body.size() >= 3 ? r.body.substr(3) : "");
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The .xlsx as LibreOffice headless reads it, saved as CSV (UTF-8, comma, quote).
Table XlsxCells(const HttpResult& r, const std::string& name) {
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  const auto dir = std::filesystem::temp_directory_path() /
                   ("renkei-export-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::create_directories(dir);
  const auto file = dir / (name + ".xlsx");
  std::ofstream(file, std::ios::binary) << r.body;
  const std::string cmd =
      "HOME=" + dir.string() + " libreoffice -env:UserInstallation=file://" + dir.string() +
      "/profile --headless --convert-to 'csv:Text - txt - csv "
      "(StarCalc):44,34,76' --outdir " +
      (dir / "out").string() + " " + file.string() + " > " + (dir / "lo.log").string() + " 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << ReadFile(dir / "lo.log");
  std::string csv = ReadFile(dir / "out" / (name + ".csv"));
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv = csv.substr(3);
  // LibreOffice ends records with LF.
  std::string crlf;
  bool quoted = false;
  for (char c : csv) {
    if (c == '"') quoted = !quoted;
    if (c == '\n' && !quoted && (crlf.empty() || crlf.back() != '\r')) crlf += '\r';
    crlf += c;
  }
  std::filesystem::remove_all(dir);
  return ParseCsv(crlf);
}

// The filename* parameter of an attachment, percent-decoded.
std::string FileName(const HttpResult& r) {
  const std::string cd = r.header("content-disposition");
  EXPECT_EQ(cd.rfind("attachment; ", 0), 0u) << cd;
  const auto at = cd.find("filename*=UTF-8''");
  if (at == std::string::npos) return "";
  std::string out;
  for (size_t i = at + 17; i < cd.size() && cd[i] != ';'; ++i) {
    if (cd[i] == '%' && i + 2 < cd.size()) {
      out += static_cast<char>(std::stoi(cd.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += cd[i];
    }
  }
  return out;
}

std::int64_t MyOrg(const Session& s) { return s.Get("/api/v1/me").json()["org_id"].get<int>(); }

// An AMBER alert from the electricity hub to 東北発電 and the electricity sector, with an
// action, and what the table looks like once the demo member acknowledged it.
std::int64_t PublishAlert(const Session& analyst, const std::string& title) {
  json in = {{"kind", "alert"},
             {"tlp", "AMBER"},
             {"title", title},
             {"body", "確認してください"},
             {"action_requested", "受領確認してください"},
             {"action_due_at", "2030-04-01T17:00:00+09:00"},
             {"audience", {{"sector_ids", {"electricity"}}}}};
  auto pub = analyst.Send("POST", "/api/v1/items", in);
  EXPECT_EQ(pub.status, 201) << pub.body;
  return pub.json()["id"].get<std::int64_t>();
}

std::vector<std::string> Emails(const json& report) {
  std::vector<std::string> out;
  for (const auto& p : report["people_detail"]) out.push_back(p["email"].get<std::string>());
  return out;
}

TEST(Export, DeliveryTablePendingOnlySectorAndOrganisationNarrowTheRowsInTheServer) {
  Session analyst = As(kAnalyst);
  const auto id = PublishAlert(analyst, "絞り込みの確認");
  const std::string path = "/api/v1/items/" + std::to_string(id) + "/deliveries";
  Session member = As(kMember);
  ASSERT_EQ(
      member.Send("POST", "/api/v1/items/" + std::to_string(id) + "/acknowledge", json()).status,
      200);
  const json all = analyst.Get(path).json();
  ASSERT_GT(all["people"].get<int>(), 100);
  EXPECT_TRUE(all["action_requested"].get<bool>());
  EXPECT_EQ(all["people_detail"].size(), all["people"].get<size_t>());

  // 未確認のみ: everyone but who acknowledged; the totals stay the whole audience's.
  auto pending = analyst.Get(path + "?pending=true");
  ASSERT_EQ(pending.status, 200) << pending.body;
  const json p = pending.json();
  EXPECT_EQ(p["people_detail"].size(),
            all["people"].get<size_t>() - all["acknowledged"].get<size_t>());
  EXPECT_EQ(p["people"], all["people"]);
  for (const auto& row : p["people_detail"]) EXPECT_TRUE(row["acknowledged_at"].is_null());
  const auto emails = Emails(p);
  EXPECT_EQ(std::count(emails.begin(), emails.end(), kMember), 0);

  // By organisation name (a part of it, not an id): only 東北発電's people.
  auto by_org = analyst.Get(path + "?org=%E6%9D%B1%E5%8C%97%E7%99%BA%E9%9B%BB");  // 東北発電
  ASSERT_EQ(by_org.status, 200);
  ASSERT_FALSE(by_org.json()["people_detail"].empty());  // (a copy: never range over a temporary)
  const json org_rows = by_org.json();
  for (const auto& row : org_rows["people_detail"])
    EXPECT_NE(row["org_name_ja"].get<std::string>().find("東北発電"), std::string::npos);
  for (const auto& o : org_rows["organisations_detail"])
    EXPECT_NE(o["name_ja"].get<std::string>().find("東北発電"), std::string::npos);
  // By sector: the audience is the electricity sector, so gas leaves only those in both.
  EXPECT_EQ(analyst.Get(path + "?sector=electricity").json()["people_detail"].size(),
            all["people_detail"].size());
  EXPECT_LT(analyst.Get(path + "?sector=gas").json()["people_detail"].size(),
            all["people_detail"].size());

  // Sorted by the server: person descending; acknowledgement time with the pending last.
  const json by_person = analyst.Get(path + "?sort=person&order=desc").json();
  for (size_t i = 1; i < by_person["people_detail"].size(); ++i)
    EXPECT_GE(by_person["people_detail"][i - 1]["name"].get<std::string>(),
              by_person["people_detail"][i]["name"].get<std::string>());
  const json by_ack = analyst.Get(path + "?sort=acknowledged_at").json();
  ASSERT_FALSE(by_ack["people_detail"].empty());
  EXPECT_EQ(by_ack["people_detail"][0]["email"], kMember) << "the one who acknowledged first";
  EXPECT_TRUE(by_ack["people_detail"].back()["acknowledged_at"].is_null());

  ExpectProblem(analyst.Get(path + "?sort=colour"), 400, "invalid_value", "sort");
  ExpectProblem(analyst.Get(path + "?order=up"), 400, "invalid_value", "order");
  ExpectProblem(analyst.Get(path + "?pending=yes"), 400, "invalid_value", "pending");
  ExpectProblem(analyst.Get(path + "?colour=red"), 400, "unknown_parameter");
  // Same rule as before: a recipient may not see the table.
  ExpectProblem(member.Get(path + "?pending=true"), 403, "forbidden");
}

TEST(Export, DeliveryCsvIsTheTableWithTheSameFilterQuotedAndNeutralised) {
  Session admin = As(kAdmin);
  Session member = As(kMember);
  const auto org = MyOrg(member);
  // Recipients whose names a spreadsheet would run as formulas, or that need quoting.
  const std::vector<std::string> names = {"=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2",
                                          "-3+4", "@SUM(A1)", "引用\"付き\", カンマ"};
  const std::string tag = std::to_string(::getpid());
  for (size_t i = 0; i < names.size(); ++i) {
    auto u = admin.Send("POST", "/api/v1/users",
                        json{{"org_id", org},
                             {"email", "csv" + std::to_string(i) + "-" + tag + "@denryoku.example"},
                             {"display_name", names[i]},
                             {"roles", {"member"}},
                             {"password", "a-long-enough-password-1"}});
    ASSERT_EQ(u.status, 201) << u.body;
  }
  Session analyst = As(kAnalyst);
  const auto id = PublishAlert(analyst, "書き出しの確認");
  const std::string path = "/api/v1/items/" + std::to_string(id) + "/deliveries";
  ASSERT_EQ(
      member.Send("POST", "/api/v1/items/" + std::to_string(id) + "/acknowledge", json()).status,
      200);

  const std::string filter = "pending=true&org=%E6%9D%B1%E5%8C%97%E7%99%BA%E9%9B%BB&sort=person";
  const json shown = analyst.Get(path + "?" + filter).json();
  auto csv = analyst.Get(path + "/export?format=csv&lang=ja&" + filter);
  const Table t = CsvOf(csv);
  ASSERT_EQ(t.size(), shown["people_detail"].size() + 1) << csv.body.substr(0, 400);
  EXPECT_EQ(t[0][0], "組織");
  EXPECT_EQ(t[0][1], "氏名");
  EXPECT_EQ(t[0][5], "受領確認日時（JST）");
  for (size_t i = 0; i < shown["people_detail"].size(); ++i) {
    const json& row = shown["people_detail"][i];
    ASSERT_EQ(t[i + 1].size(), t[0].size());
    EXPECT_EQ(t[i + 1][0], row["org_name_ja"]) << "the organisation by name, never a number";
    EXPECT_EQ(t[i + 1][2], row["email"]) << "the same rows in the same order";
    EXPECT_EQ(t[i + 1][5], "") << "未確認のみ: nobody acknowledged";
    EXPECT_EQ(t[i + 1][6].find("未確認") != std::string::npos, true) << t[i + 1][6];
    const std::string name = row["name"].get<std::string>();
    const bool formula =
        !name.empty() && std::string("=+-@\t\r").find(name[0]) != std::string::npos;
    EXPECT_EQ(t[i + 1][1], formula ? "'" + name : name) << "formula cells get one leading quote";
  }
  // Each crafted name is there, neutralised, and the one with quote and comma intact.
  std::set<std::string> cells;
  for (const auto& r : t) cells.insert(r[1]);
  EXPECT_TRUE(cells.count("'=HYPERLINK(\"http://evil.example\",\"x\")"));
  EXPECT_TRUE(cells.count("'+1+2"));
  EXPECT_TRUE(cells.count("'-3+4"));
  EXPECT_TRUE(cells.count("'@SUM(A1)"));
  EXPECT_TRUE(cells.count("引用\"付き\", カンマ"));
  EXPECT_NE(csv.body.find("\"引用\"\"付き\"\", カンマ\""), std::string::npos) << "RFC 4180 quoting";
  // A Japanese file name, RFC 5987, and an ASCII one for old clients.
  EXPECT_EQ(FileName(csv).rfind("配信状況_" + std::to_string(id) + "_", 0), 0u) << FileName(csv);
  EXPECT_NE(csv.header("content-disposition").find("filename=\"renkei-deliveries-"),
            std::string::npos);

  // English headers for an English caller.
  const Table en = CsvOf(analyst.Get(path + "/export?format=csv&lang=en&" + filter));
  ASSERT_FALSE(en.empty());
  EXPECT_EQ(en[0][0], "Organisation");

  // Same rule as the table; the export is audited with who, which item and the filter.
  ExpectProblem(member.Get(path + "/export?format=csv"), 403, "forbidden");
  ExpectProblem(analyst.Get(path + "/export?format=pdf"), 400, "invalid_value", "format");
  ExpectProblem(As("member@gas.example").Get(path + "/export?format=csv"), 404, "not_found");
  auto audit = admin.Get("/api/v1/audit?action=export.deliveries&target_type=item&target_id=" +
                         std::to_string(id));
  ASSERT_EQ(audit.status, 200);
  const json entries = audit.json()["items"];
  ASSERT_EQ(entries.size(), 2u) << "ja and en; the refused ones are not exports";
  EXPECT_EQ(entries[0]["actor_label"], kAnalyst);
  EXPECT_EQ(entries[0]["detail"]["format"], "csv");
  EXPECT_EQ(entries[0]["detail"]["rows"], shown["people_detail"].size());
  EXPECT_EQ(entries[0]["detail"]["filter"]["pending"], true);
}

TEST(Export, DeliveryXlsxOpensInLibreOfficeWithTheCellsOfTheTable) {
  Session analyst = As(kAnalyst);
  const auto id = PublishAlert(analyst, "Excelでの確認");
  const std::string path = "/api/v1/items/" + std::to_string(id) + "/deliveries";
  ASSERT_EQ(As(kMember)
                .Send("POST", "/api/v1/items/" + std::to_string(id) + "/acknowledge", json())
                .status,
            200);
  const std::string filter = "org=%E6%9D%B1%E5%8C%97&sort=acknowledged_at";  // 東北
  const json shown = analyst.Get(path + "?" + filter).json();
  const Table csv = CsvOf(analyst.Get(path + "/export?format=csv&" + filter));
  auto xlsx = analyst.Get(path + "/export?format=xlsx&" + filter);
  EXPECT_NE(FileName(xlsx).find(".xlsx"), std::string::npos);
  const Table cells = XlsxCells(xlsx, "deliveries");
  ASSERT_EQ(cells.size(), shown["people_detail"].size() + 1);
  EXPECT_EQ(cells[0][0], "組織");
  EXPECT_EQ(cells[1][2], kMember) << "sorted by acknowledgement: the member first";
  EXPECT_FALSE(cells[1][5].empty()) << "with the acknowledgement time";
  // The same cells as the CSV (which adds only the formula quote).
  ASSERT_EQ(cells.size(), csv.size());
  for (size_t r = 0; r < cells.size(); ++r) {
    for (size_t c = 0; c < csv[r].size(); ++c) {
      std::string want = csv[r][c];
      if (want.size() > 1 && want[0] == '\'' &&
          std::string("=+-@\t\r").find(want[1]) != std::string::npos)
        want = want.substr(1);
      EXPECT_EQ(c < cells[r].size() ? cells[r][c] : "", want) << "row " << r << " column " << c;
    }
  }
}

TEST(Export, SentListShowsEachItemsStateAndAcknowledgementRate) {
  Session analyst = As(kAnalyst);
  const auto id = PublishAlert(analyst, "発信一覧の確認");
  ASSERT_EQ(As(kMember)
                .Send("POST", "/api/v1/items/" + std::to_string(id) + "/acknowledge", json())
                .status,
            200);
  const json table = analyst.Get("/api/v1/items/" + std::to_string(id) + "/deliveries").json();
  auto sent = analyst.Get("/api/v1/items?scope=sent&limit=20");
  ASSERT_EQ(sent.status, 200);
  bool found = false;
  const json sent_page = sent.json();
  for (const auto& it : sent_page["items"]) {
    if (it["id"] != id) continue;
    found = true;
    ASSERT_TRUE(it["follow_up"].is_object()) << it.dump();
    EXPECT_EQ(it["follow_up"]["people"], table["people"]);
    EXPECT_EQ(it["follow_up"]["read"], table["read"]);
    EXPECT_EQ(it["follow_up"]["acknowledged"], table["acknowledged"]);
    EXPECT_EQ(it["follow_up"]["acknowledged"], 1);
    EXPECT_FALSE(it["withdrawn"].get<bool>());
  }
  EXPECT_TRUE(found);
  // The inbox carries no follow-up (a recipient may not see the table).
  const json inbox = As(kMember).Get("/api/v1/items?limit=20").json();
  for (const auto& it : inbox["items"]) EXPECT_TRUE(it["follow_up"].is_null());
}

TEST(Export, SectorStatusExportIsTheOfficersListWithTheSameFilter) {
  Session officer = As(kOfficer);
  const std::string q = "submitted=false&size=small";
  auto list = officer.Get("/api/v1/sector/assessments/status?" + q);
  ASSERT_EQ(list.status, 200) << list.body;
  const json rows = list.json()["items"];
  ASSERT_FALSE(rows.empty());
  for (const auto& r : rows) {
    EXPECT_TRUE(r["assessment_id"].is_null());
    EXPECT_EQ(r["size"], "small");
  }
  const Table t = CsvOf(officer.Get("/api/v1/sector/assessments/status/export?format=csv&" + q));
  ASSERT_EQ(t.size(), rows.size() + 1);
  EXPECT_EQ(t[0][0], "組織");
  EXPECT_EQ(t[0][3], "提出状況");
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(t[i + 1][0], rows[i]["name_ja"]);
    EXPECT_EQ(t[i + 1][2], "小規模") << "the size in words";
    EXPECT_EQ(t[i + 1][3], "未提出");
    EXPECT_NE(t[i + 1][1], rows[i]["business_class"]) << "the business class in words";
  }
  const Table cells =
      XlsxCells(officer.Get("/api/v1/sector/assessments/status/export?format=xlsx&" + q), "sector");
  ASSERT_EQ(cells.size(), t.size());
  for (size_t i = 0; i < t.size(); ++i) EXPECT_EQ(cells[i][0], t[i][0]);
  // Only the sector body's officers, as the list.
  ExpectProblem(As(kMember).Get("/api/v1/sector/assessments/status/export?format=csv"), 403,
                "forbidden");
  auto audit = As(kAdmin).Get("/api/v1/audit?action=export.sector_status");
  ASSERT_EQ(audit.status, 200);
  ASSERT_FALSE(audit.json()["items"].empty());
  EXPECT_EQ(audit.json()["items"][0]["actor_label"], kOfficer);
  EXPECT_EQ(audit.json()["items"][0]["target_type"], "sector");
  // The sector asked for is part of the filter the audit entry records.
  ASSERT_EQ(
      officer.Get("/api/v1/sector/assessments/status/export?format=csv&sector=electricity").status,
      200);
  auto named = As(kAdmin).Get("/api/v1/audit?action=export.sector_status");
  ASSERT_EQ(named.status, 200);
  EXPECT_EQ(named.json()["items"][0]["detail"]["filter"]["sector"], "electricity")
      << named.json()["items"][0].dump();
}

TEST(Export, AuditLogExportIsTheListWithItsFilterInWordsAndIsAudited) {
  Session admin = As(kAdmin);
  Session analyst = As(kAnalyst);
  PublishAlert(analyst, "監査ログの書き出し");
  const json list = admin.Get("/api/v1/audit?action=item.publish&limit=200").json();
  ASSERT_FALSE(list["items"].empty());
  auto csv = admin.Get("/api/v1/audit/export?format=csv&action=item.publish");
  const Table t = CsvOf(csv);
  ASSERT_GE(t.size(), 2u);
  EXPECT_EQ(t[0][0], "日時（JST）");
  EXPECT_EQ(t[0][3], "操作");
  const size_t n = std::min<size_t>(list["items"].size(), 200);
  if (list["next_cursor"].is_null()) {
    EXPECT_EQ(t.size(), n + 1);
  }
  for (size_t i = 0; i + 1 < t.size() && i < n; ++i) {
    EXPECT_EQ(t[i + 1][3], "情報の発信") << "the action in words, as the screen says it";
    EXPECT_EQ(t[i + 1][5], "item.publish");
    EXPECT_EQ(t[i + 1][1], list["items"][i]["actor_label"]);
  }
  EXPECT_EQ(FileName(csv).rfind("監査ログ_", 0), 0u) << FileName(csv);
  const Table cells =
      XlsxCells(admin.Get("/api/v1/audit/export?format=xlsx&action=item.publish"), "audit");
  ASSERT_EQ(cells.size(), t.size());
  EXPECT_EQ(cells[1][3], "情報の発信");
  // Administrators only, like the list; the exports are themselves in the log.
  ExpectProblem(analyst.Get("/api/v1/audit/export?format=csv"), 403, "forbidden");
  const json exports = admin.Get("/api/v1/audit?action=export.audit").json()["items"];
  ASSERT_GE(exports.size(), 2u);
  EXPECT_EQ(exports[0]["actor_label"], kAdmin);
  EXPECT_EQ(exports[0]["detail"]["format"], "xlsx");
  EXPECT_EQ(exports[0]["detail"]["filter"]["action"], "item.publish");
  EXPECT_EQ(exports[0]["detail"]["truncated"], false);
}

}  // namespace
}  // namespace renkei::testing
