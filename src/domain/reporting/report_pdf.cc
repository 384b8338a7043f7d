#include "domain/reporting/report_pdf.h"

#include "core/pdf_writer.h"
#include "core/time_format.h"
#include "domain/reporting/report_display.h"
#include "domain/reporting/reporting_service.h"

namespace renkei::domain {

namespace {

std::string Or(const std::string& value, const char* fallback) {
  return value.empty() ? fallback : value;
}

std::string PhaseJa(const std::string& phase) { return LabelOf(kPhaseLabels, phase, "ja"); }

// Indicator kinds (kIndicatorKinds) as the printed report names them; the web app's
// names.indicators say the same.
constexpr CodeLabel kIndicatorKindLabels[] = {
    {"ipv4", "IPv4アドレス", "IPv4 address"},      {"ipv6", "IPv6アドレス", "IPv6 address"},
    {"domain", "ドメイン名", "Domain name"},       {"url", "URL", "URL"},
    {"email", "メールアドレス", "E-mail address"}, {"md5", "MD5ハッシュ", "MD5 hash"},
    {"sha1", "SHA-1ハッシュ", "SHA-1 hash"},       {"sha256", "SHA-256ハッシュ", "SHA-256 hash"}};

// "初報（第1版）"
std::string PhaseVersion(const ReportVersion& v) {
  return PhaseJa(v.phase) + "（第" + std::to_string(v.version) + "版）";
}

}  // namespace

std::string ReportPdf(const ReportCatalog& catalog, const CaseView& view, Millis printed_at) {
  const ReportCase& c = view.c;
  std::vector<const ReportVersion*> submitted;
  for (const auto& v : view.versions)
    if (!v.draft) submitted.push_back(&v);
  const ReportVersion* latest = submitted.empty() ? nullptr : submitted.back();

  const std::string number = "#" + std::to_string(c.id.value);
  const std::string title = c.title.empty() ? std::string("（件名なし）") : c.title;
  const std::string printed = FormatJstMinutes(printed_at);
  PdfDocument pdf({.title = "インシデント報告 " + number + " " + title,
                   .author = c.reporter_org_name_ja,
                   .created_at = printed_at});
  std::string header = "インシデント報告 " + number;
  if (latest && !latest->receipt_no.empty()) header += "　受付番号 " + latest->receipt_no;
  pdf.SetHeader({.left = header, .center = "", .right = "印刷 " + printed});
  pdf.SetFooter(
      {.left = "Renkei 報告窓口　提出された報告の写し", .center = "", .right = "{page} / {pages}"});

  pdf.Heading(title, 1);
  const Regime* regime = catalog.regime(c.regime_id);
  std::vector<PdfRow> overview = {
      {"報告番号", number},
      {"受付番号",
       latest ? Or(latest->receipt_no, "—") + "（" + PhaseJa(latest->phase) + "）" : "—"},
      {"報告元", Or(c.reporter_org_name_ja, "—")},
      {"報告の種類", LabelOf(kClassLabels, c.report_class, "ja")},
      {"適用される報告ルール", regime ? regime->name_ja : Or(c.regime_id, "—")},
      {"報告段階", c.phase.empty() ? "—" : PhaseJa(c.phase)},
      {"認知日時", c.aware_at ? FormatJstMinutes(*c.aware_at) : "—"},
      {"初回提出", c.submitted_at ? FormatJstMinutes(*c.submitted_at) : "—"},
  };
  pdf.Table(overview);

  pdf.Heading("提出の記録", 2);
  if (submitted.empty()) {
    pdf.Paragraph("提出された版はありません。");
  } else {
    std::vector<PdfRow> phases;
    for (const ReportVersion* v : submitted) {
      phases.push_back({PhaseVersion(*v), "受付番号 " + Or(v->receipt_no, "—") + "\n提出日時 " +
                                              FormatJstMinutes(v->saved_at) + "\n提出者 " +
                                              Or(v->saved_by_name, "—")});
    }
    pdf.Table(phases);
  }

  if (latest) {
    pdf.Heading("報告内容　" + PhaseVersion(*latest), 2);
    std::vector<PdfRow> fields;
    for (auto& f : ShownFields(catalog, *latest)) {
      if (f.def->key == "title") continue;  // the heading
      fields.push_back({f.def->label_ja, std::move(f.value)});
    }
    if (fields.empty()) {
      pdf.Paragraph("記入された項目はありません。");
    } else {
      pdf.Table(fields);
    }
    if (!latest->indicators.empty()) {
      pdf.Heading("侵害の痕跡（IOC）", 2);
      std::vector<PdfRow> rows;
      for (const auto& ind : latest->indicators)
        rows.push_back({LabelOf(kIndicatorKindLabels, ind.kind, "ja"),
                        ind.note.empty() ? ind.value : ind.value + "\n" + ind.note});
      pdf.Table(rows, 90);
    }
  }

  pdf.Heading("報告先", 2);
  if (view.recipients.empty()) {
    pdf.Paragraph("報告先はまだありません。");
  } else {
    std::vector<PdfRow> rows;
    for (const auto& r : view.recipients) {
      rows.push_back({LabelOf(kRecipientKindLabels, r.kind, "ja"),
                      Or(r.org_name_ja, "—") + "（" + FormatJstMinutes(r.added_at) + " から）"});
    }
    pdf.Table(rows);
  }

  pdf.Space(8);
  PdfTextStyle note;
  note.size = 8.5;
  note.gray = 0.35;
  pdf.Paragraph(
      "印刷日時 " + printed +
          "。この文書は Renkei の報告窓口に提出された報告の写しです（下書きは含みません）。",
      note);
  return pdf.Finish();
}

}  // namespace renkei::domain
