#include "domain/reporting/report_mail.h"

#include <algorithm>

#include "core/error_codes.h"
#include "core/time_format.h"
#include "domain/reporting/reporting_store.h"

namespace renkei::domain {
namespace {

struct Words {
  const char* lang;
  const char* report;  // "報告" — followed by " #12"
  const char* arrived;
  const char* phase;  // %s = the phase
  const char* question;
  const char* answer;
  const char* overdue;  // %s = the phase
  const char* overdue_mark;
  const char* class_word;
  const char* phase_word;
  const char* receipt;
  const char* due;
  const char* sealed;
  const char* open;
  const char* settings;
};

constexpr Words kJa = {
    "ja",
    "報告",
    "報告が届きました",
    "%sが届きました",
    "報告元への問い合わせがあります",
    "問い合わせに回答がありました",
    "%sの期限を過ぎました",
    "【期限超過】",
    "報告の種類",
    "報告段階",
    "受付番号",
    "期限",
    "報告の内容はメールでは送りません。Renkei にサインインして確認してください。",
    "Renkei で開く",
    "メール配信の設定",
};

constexpr Words kEn = {
    "en",
    "Report",
    "a report has reached you",
    "the %s has arrived",
    "a question for the reporter",
    "your question was answered",
    "the %s is overdue",
    "[OVERDUE] ",
    "Class",
    "Phase",
    "Receipt number",
    "Due",
    "Reports are not sent by mail. Sign in to Renkei to read it.",
    "Open in Renkei",
    "Mail settings",
};

const Words& WordsOf(const User& to) { return to.locale == "en" ? kEn : kJa; }

// What one mail says beyond the case's class: its phase line, receipt, deadline.
struct Detail {
  std::string what;  // the subject's tail: 「続報が届きました」
  std::string phase;
  std::string receipt_no;
  std::optional<Millis> due_at;
  bool overdue = false;
};

MailMessage Compose(const User& to, const OutboxRow& row, const ReportCase& c, const Detail& d,
                    const MailContext& ctx) {
  const Words& w = WordsOf(to);
  const std::string number = std::string(w.report) + " #" + std::to_string(c.id.value);
  MailMessage m;
  m.to = to.email;
  m.to_name = to.display_name;
  m.message_id = "<report-" + std::to_string(row.id) + "@" + ctx.id_domain + ">";
  m.subject = std::string("[Renkei] ") + (d.overdue ? w.overdue_mark : "") + number +
              (to.locale == "en" ? ": " : " ") + d.what;
  m.text = number + "\n" + std::string(w.class_word) + ": " +
           LabelOf(kClassLabels, c.report_class, w.lang) + "\n";
  if (!d.phase.empty())
    m.text += std::string(w.phase_word) + ": " + LabelOf(kPhaseLabels, d.phase, w.lang) + "\n";
  if (!d.receipt_no.empty()) m.text += std::string(w.receipt) + ": " + d.receipt_no + "\n";
  if (d.due_at) m.text += std::string(w.due) + ": " + FormatJstMinutes(*d.due_at) + "\n";
  m.text += "\n" + std::string(w.sealed) + "\n" + w.open + ": " + ctx.base_url + "/reports/" +
            std::to_string(c.id.value) + "\n\n" + w.settings + ": " + ctx.base_url + "/settings\n";
  return m;
}

// The case as the recipient of the mail sees it now: not found (never sent) once they
// may not see it.
Result<ReportCase> CaseFor(Stores& s, const User& to, const OutboxRow& row) {
  RENKEI_ASSIGN_OR_RETURN(auto c,
                          s.reporting.GetVisibleCase(CaseId(row.subject_id),
                                                     Viewer{to.id, to.org_id, RoleMask(to.roles)}));
  if (!c || !to.active) return err::ReportNotFound();
  return std::move(*c);
}

// What the kind says about the case (catalog: the deadlines' names).
using Describe = Result<Detail> (*)(Stores&, const Words&, const ReportCatalog&, const ReportCase&,
                                    const OutboxRow&, const MailContext&);

Result<Detail> Submitted(Stores& s, const Words& w, const ReportCase& c, const OutboxRow& row,
                         bool arrived) {
  RENKEI_ASSIGN_OR_RETURN(auto versions, s.reporting.ListVersions(c.id));
  auto v = std::find_if(versions.begin(), versions.end(), [&](const ReportVersion& x) {
    return x.version == row.subject_version && !x.draft;
  });
  if (v == versions.end()) return err::ReportNotFound();
  Detail d;
  d.phase = v->phase;
  d.receipt_no = v->receipt_no;
  d.what = arrived ? w.arrived : FillIn(w.phase, LabelOf(kPhaseLabels, v->phase, w.lang));
  return d;
}

Result<Detail> Message(Stores& s, const ReportCase& c, const OutboxRow& row, const char* what) {
  RENKEI_ASSIGN_OR_RETURN(auto messages, s.reporting.ListMessages(c.id));
  if (std::none_of(messages.begin(), messages.end(),
                   [&](const CaseMessage& m) { return m.id == row.subject_version; })) {
    return err::ReportNotFound();
  }
  Detail d;
  d.what = what;
  return d;
}

struct Kind {
  const char* code;
  Describe describe;
};

constexpr Kind kKinds[] = {
    {kMailReportArrived,
     [](Stores& s, const Words& w, const ReportCatalog&, const ReportCase& c, const OutboxRow& row,
        const MailContext&) { return Submitted(s, w, c, row, true); }},
    {kMailReportPhase,
     [](Stores& s, const Words& w, const ReportCatalog&, const ReportCase& c, const OutboxRow& row,
        const MailContext&) { return Submitted(s, w, c, row, false); }},
    {kMailReportQuestion,
     [](Stores& s, const Words& w, const ReportCatalog&, const ReportCase& c, const OutboxRow& row,
        const MailContext&) { return Message(s, c, row, w.question); }},
    {kMailReportAnswer,
     [](Stores& s, const Words& w, const ReportCatalog&, const ReportCase& c, const OutboxRow& row,
        const MailContext&) { return Message(s, c, row, w.answer); }},
    {kMailReportOverdue,
     [](Stores&, const Words& w, const ReportCatalog& catalog, const ReportCase& c,
        const OutboxRow& row, const MailContext& ctx) -> Result<Detail> {
       // Only the deadline the row was queued for, still unmet and passed.
       const Regime* regime = catalog.regime(c.regime_id);
       const auto due = regime ? ComputeNextDue(*regime, c.aware_at, c.phase) : std::nullopt;
       if (c.status == "closed" || !due || DeadlineMinutes(due->due_at) != row.subject_version ||
           due->due_at > ctx.now) {
         return err::ReportMailOutdated();
       }
       Detail d;
       d.overdue = true;
       d.phase = due->phase;
       d.due_at = due->due_at;
       // The deadline as the regime names it (速報, 詳報, 続報 …).
       d.what = FillIn(w.overdue, w.lang == std::string("en") ? due->label_en : due->label_ja);
       return d;
     }},
};

}  // namespace

void RegisterReportMail(MailKinds& kinds, const ReportCatalog& catalog) {
  for (const Kind& k : kKinds) {
    kinds.Register({k.code,
                    kReportSubject,
                    false,
                    [k, &catalog](Stores& s, const User& to, const std::vector<OutboxRow>& rows,
                                  const MailContext& ctx) -> Result<MailMessage> {
                      const OutboxRow& row = rows.front();
                      RENKEI_ASSIGN_OR_RETURN(auto c, CaseFor(s, to, row));
                      RENKEI_ASSIGN_OR_RETURN(auto d,
                                              k.describe(s, WordsOf(to), catalog, c, row, ctx));
                      return Compose(to, row, c, d, ctx);
                    },
                    {}});
  }
}

}  // namespace renkei::domain
