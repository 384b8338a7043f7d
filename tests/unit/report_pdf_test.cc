// The filed report as a PDF (domain/reporting/report_pdf.h), read back with pdftotext:
// the Japanese labels, the phases with their versions, receipt numbers and JST times, the
// latest submitted version's fields in catalogue order, recipients — and never the draft.
#include "domain/reporting/report_pdf.h"

#include <gtest/gtest.h>

#include <regex>

#include "core/time_format.h"
#include "domain/reporting/reporting_service.h"
#include "support/catalogs.h"
#include "support/pdf_tools.h"

namespace renkei::domain {
namespace {

using testing::InfoField;
using testing::PdfFile;

constexpr Millis kPrinted = 1796180400000;  // 2026-12-02T03:00:00Z = 12:00 JST

const ReportCatalog& Catalog() { return testing::TestCatalogs().reporting; }

ReportVersion Version(int n, const std::string& phase, bool draft, const std::string& receipt,
                      const std::string& at_utc, const std::string& summary) {
  ReportVersion v;
  v.version = n;
  v.phase = phase;
  v.draft = draft;
  v.receipt_no = receipt;
  v.saved_by_name = n == 1 ? "山田 太郎" : "佐藤 花子";
  v.saved_at = *ParseRfc3339(at_utc);
  v.fields = {{"title", "制御系ネットワークへの不審な通信"},
              {"aware_at", "2026-11-22T01:02:00Z"},
              {"summary", summary},
              {"service_disrupted", "yes"},
              {"systems", "ot"},
              {"cause", "cyber_suspected"}};
  return v;
}

CaseView FiledCase() {
  CaseView view;
  ReportCase& c = view.c;
  c.id = CaseId{12};
  c.reporter_org_name_ja = "東北発電株式会社";
  c.report_class = "serious";
  c.regime_id = "nis2-like";
  c.title = "制御系ネットワークへの不審な通信";
  c.status = "open";
  c.phase = "followup";
  c.aware_at = *ParseRfc3339("2026-11-22T01:02:00Z");
  c.submitted_at = *ParseRfc3339("2026-11-22T01:30:00Z");
  view.versions.push_back(
      Version(1, "initial", false, "R-2026-000123", "2026-11-22T01:30:00Z", "初報の本文です。"));
  ReportVersion v2 = Version(2, "followup", false, "R-2026-000150", "2026-11-24T09:05:00Z",
                             "続報の本文です。端末を隔離しました。");
  v2.indicators = {{"ipv4", "192.0.2.10", "C2サーバ"}};
  view.versions.push_back(v2);
  // The reporter sees their draft in the view; the PDF must not show it.
  ReportVersion draft = Version(3, "", true, "", "2026-11-25T00:00:00Z", "下書きの秘密の本文");
  view.versions.push_back(draft);
  Recipient hub;
  hub.kind = "hub";
  hub.org_name_ja = "電力ISAC";
  hub.added_at = *ParseRfc3339("2026-11-22T01:30:00Z");
  Recipient ministry;
  ministry.kind = "ministry";
  ministry.org_name_ja = "経済産業省";
  ministry.added_at = *ParseRfc3339("2026-11-24T09:05:00Z");
  view.recipients = {hub, ministry};
  view.is_reporter = true;
  return view;
}

TEST(ReportPdf, ShowsTheFiledReportInJapaneseWithReceiptsAndJstTimes) {
  PdfFile f(ReportPdf(Catalog(), FiledCase(), kPrinted));
  const auto text = f.Text();
  ASSERT_EQ(text.status, 0) << "pdftotext failed (scripts/install-deps.sh --test)";
  const std::string& t = text.out;
  auto has = [&](const std::string& s) {
    EXPECT_NE(t.find(s), std::string::npos) << "missing: " << s << "\n" << t;
  };
  // Header: the case number, the latest receipt number, the print time.
  has("インシデント報告 #12");
  has("受付番号 R-2026-000150");
  has("印刷 2026-12-02 12:00 JST");
  has("制御系ネットワークへの不審な通信");
  // Overview: class, regime, reporter, phase, JST instants.
  has("報告の種類");
  has("(2) 重大な影響（自組織の判断）");
  has("重大インシデント報告（24時間・72時間・1か月）");
  has("東北発電株式会社");
  has("2026-11-22 10:02 JST");  // aware_at, 01:02 UTC
  // Every submitted phase with its version, receipt, JST time and submitter.
  has("初報（第1版）");
  has("受付番号 R-2026-000123");
  has("提出日時 2026-11-22 10:30 JST");
  has("提出者 山田 太郎");
  has("続報（第2版）");
  has("提出日時 2026-11-24 18:05 JST");
  has("提出者 佐藤 花子");
  // The latest submitted version's fields by their labels, choices in Japanese.
  has("続報の本文です。端末を隔離しました。");
  has("供給・サービス支障の有無");
  has("制御系（OT）");
  has("サイバー攻撃の疑いあり");
  // Indicators and recipients with their capacity.
  has("IPv4アドレス");  // the kind in words, not "ipv4"
  has("192.0.2.10");
  has("C2サーバ");
  has("セプター/ISAC");
  has("電力ISAC");
  has("所管省庁");
  has("経済産業省");
  // Not the draft, not an older version's text.
  EXPECT_EQ(t.find("下書きの秘密"), std::string::npos);
  EXPECT_EQ(t.find("第3版"), std::string::npos);
  EXPECT_EQ(t.find("初報の本文"), std::string::npos);

  const auto info = f.Info();
  EXPECT_EQ(InfoField(info.out, "Title"), "インシデント報告 #12 制御系ネットワークへの不審な通信");
  EXPECT_EQ(InfoField(info.out, "Page size"), "595.28 x 841.89 pts (A4)");
  EXPECT_EQ(InfoField(info.out, "CreationDate"), "2026-12-02T12:00:00+09");
}

TEST(ReportPdf, FieldsFollowTheCatalogueOrder) {
  PdfFile f(ReportPdf(Catalog(), FiledCase(), kPrinted));
  const std::string t = f.Text().out;
  const size_t fields_at = t.find("報告内容");
  ASSERT_NE(fields_at, std::string::npos) << t;
  std::vector<size_t> positions;
  std::vector<std::string> labels;
  for (const auto& def : Catalog().fields()) {
    for (const char* key : {"aware_at", "summary", "service_disrupted", "systems", "cause"}) {
      if (def.key != key) continue;
      labels.push_back(def.label_ja);
      positions.push_back(t.find(def.label_ja, fields_at));
      EXPECT_NE(positions.back(), std::string::npos) << def.label_ja;
    }
  }
  ASSERT_EQ(labels.size(), 5u);
  for (size_t i = 1; i < positions.size(); ++i)
    EXPECT_LT(positions[i - 1], positions[i]) << labels[i - 1] << " before " << labels[i];
}

TEST(ReportPdf, ALongReportRunsOverPagesWithTheHeaderOnEach) {
  CaseView view = FiledCase();
  std::string summary;
  for (int i = 1; i <= 120; ++i)
    summary += "経過" + std::to_string(i) + "：制御系の端末を確認し、ログを保全した。\n";
  view.versions[1].fields["summary"] = summary;
  const std::string bytes = ReportPdf(Catalog(), view, kPrinted);
  PdfFile f(bytes);
  const int pages = std::stoi(InfoField(f.Info().out, "Pages"));
  ASSERT_GE(pages, 3);
  for (int p = 1; p <= pages; ++p) {
    const std::string t = f.Text(p).out;
    EXPECT_NE(t.find("インシデント報告 #12"), std::string::npos) << "page " << p;
    EXPECT_TRUE(std::regex_search(
        t, std::regex("\\b" + std::to_string(p) + " ?/ ?" + std::to_string(pages) + "\\b")))
        << "page " << p;
  }
  const std::string all = f.Text().out;
  EXPECT_NE(all.find("経過120：制御系の端末を確認し、ログを保全した。"), std::string::npos);
  // The same case printed at the same time gives the same file.
  EXPECT_EQ(bytes, ReportPdf(Catalog(), view, kPrinted));
}

TEST(ReportPdf, ADraftOnlyCaseSaysNothingWasSubmitted) {
  CaseView view = FiledCase();
  view.versions.erase(view.versions.begin(), view.versions.begin() + 2);  // only the draft
  view.recipients.clear();
  PdfFile f(ReportPdf(Catalog(), view, kPrinted));
  const std::string t = f.Text().out;
  EXPECT_NE(t.find("提出された版はありません。"), std::string::npos) << t;
  EXPECT_EQ(t.find("下書きの秘密"), std::string::npos);
}

}  // namespace
}  // namespace renkei::domain
