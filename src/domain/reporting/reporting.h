// The reporting window: incident and near-miss report cases, their phases (each a
// version), recipients, questions, and the catalogue (form fields, taxonomy, regimes)
// they are checked against. Plain values, no JSON, no SQL.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "domain/principal.h"
#include "domain/sharing/sharing.h"

namespace renkei::domain {

using CaseId = Id<struct CaseTag>;

// (1) legally required, (2) serious in the operator's judgement, (3) other incident the
// operator chooses to share, (4) precursor / near miss.
inline constexpr const char* kReportClasses[] = {"legal", "serious", "other", "near_miss"};
// Phases (report_versions.phase, report_cases.phase and next_due_phase; "" = none yet) and
// case statuses (report_cases.status) as stored and named in the API and the catalogue.
// Pinned: stored rows and migration 0007's checks hold these names; the position is the
// phase's rank in memory only.
inline constexpr const char* kPhases[] = {"initial", "followup", "final"};
inline constexpr const char* kCaseStatuses[] = {"draft", "open", "triaged", "closed"};
int PhaseRank(const std::string& phase);  // initial 0, followup 1, final 2; -1 unknown

// The capacities a case is sent to an organisation in (report_recipients.kind) and the
// staff role that sees it there (report_recipients.role_bit = RoleBit(role)); one table,
// pinned like kRoleCodes (migration 0007 checks each pair).
struct RecipientKind {
  const char* name;
  Role role;
};
inline constexpr RecipientKind kRecipientKinds[] = {
    {"hub", Role::kHubAnalyst},
    {"ministry", Role::kMinistryOfficer},
    {"national_centre", Role::kNationalCentreOfficer},
    // An SME's support desk (お助け隊): its consortium's agents triage the SME's reports.
    {"desk", Role::kDeskAgent}};

// What people read for a stored code, in Japanese and English (the web app's i18n files
// say the same): mail, the printed report.
struct CodeLabel {
  const char* code;
  const char* ja;
  const char* en;
};
inline constexpr CodeLabel kClassLabels[] = {
    {"legal", "(1) 法令に基づく報告", "(1) Legally required report"},
    {"serious", "(2) 重大な影響（自組織の判断）", "(2) Serious impact (our judgement)"},
    {"other", "(3) その他のインシデントの共有", "(3) Other incident to share"},
    {"near_miss", "(4) 予兆・ヒヤリハット", "(4) Precursor / near miss"}};
inline constexpr CodeLabel kPhaseLabels[] = {{"initial", "初報", "Initial report"},
                                             {"followup", "続報", "Follow-up"},
                                             {"final", "最終報", "Final report"}};
inline constexpr CodeLabel kRecipientKindLabels[] = {
    {"hub", "セプター/ISAC", "CEPTOAR/ISAC"},
    {"ministry", "所管省庁", "Competent ministry"},
    {"national_centre", "国家サイバー統括室", "National cyber centre"},
    {"desk", "お助け隊（相談窓口）", "Support desk (Otasuketai)"}};
// The label of `code` in `table` in the language ("en" or Japanese); the code itself when
// the table lacks it.
template <size_t N>
std::string LabelOf(const CodeLabel (&table)[N], const std::string& code, const std::string& lang) {
  for (const CodeLabel& l : table)
    if (code == l.code) return lang == "en" ? l.en : l.ja;
  return code;
}

// Field values by key; lists and numbers are text (the catalogue says how to read them).
using ReportFields = std::map<std::string, std::string>;

struct ReportVersion {
  int version = 0;
  std::string phase;            // kPhases
  bool draft = false;           // the working copy (never seen by recipients)
  std::string catalog_version;  // which catalogue checked it
  ReportFields fields;
  std::vector<Indicator> indicators;
  UserId saved_by;
  std::string saved_by_name;  // read-only, joined
  Millis saved_at = 0;
  // 受付番号 of a submitted phase ("R-2026-000123"), "" for the draft: stable, never reused.
  std::string receipt_no;
};

// Receipt numbers are counted per year in JST: "R-<year>-<number, six digits or more>".
std::string ReceiptNumber(int year, std::int64_t number);

// Where a case goes: an organisation, in a capacity whose staff role may see it.
struct Recipient {
  OrgId org_id;
  std::string kind;  // kRecipientKinds: "hub" | "ministry" | "national_centre" | "desk"
  HubId hub_id;      // kind "hub" only
  std::string org_name_ja, org_name_en;  // read-only, joined
  Millis added_at = 0;
  // The staff role that sees the case in this capacity (kRecipientKinds; an unknown kind
  // gives kMember, which no recipient capacity has, and the database refuses the row).
  Role role() const;
};

// What a message on a case is (report_messages.kind): a recipient's question, the
// reporter's answer to one, or the reporter's note answering nothing. Pinned: stored.
inline constexpr const char* kMessageKinds[] = {"question", "answer", "note"};

struct CaseMessage {
  std::int64_t id = 0;
  std::string kind = "question";  // kMessageKinds
  std::int64_t answer_to = 0;     // an answer: the question it answers (0: none)
  bool answered = false;          // a question: an answer names it (read-only, derived)
  UserId author_id;
  std::string author_name;  // read-only, joined
  OrgId author_org_id;
  std::string author_org_name_ja;  // read-only, joined
  std::string body;
  Millis created_at = 0;
};

// Status changes, forwarding, summaries: the events of the timeline besides versions
// and messages.
struct CaseEvent {
  Millis at = 0;
  UserId actor_id;
  std::string actor_name;  // read-only, joined
  std::string kind;        // "submitted" | "status" | "forwarded" | "summary"
  std::string detail;      // phase, status, recipient kind, item id
};

struct ReportCase {
  CaseId id;
  OrgId reporter_org_id;
  std::string reporter_org_name_ja, reporter_org_name_en;  // read-only, joined
  UserId created_by;
  std::string sector_id;
  std::string report_class;
  std::string regime_id;
  std::string title;
  std::string status = "draft";
  std::string phase;  // latest submitted phase ("" while a draft)
  std::optional<Millis> aware_at;
  bool forward_ministry = false;
  bool forward_national_centre = false;
  // Denormalised from the regime and the submitted phases, for lists and the overdue flag.
  std::string next_due_phase;
  std::optional<Millis> next_due_at;
  bool overdue_to_hub = false;
  Millis created_at = 0, updated_at = 0;
  std::optional<Millis> submitted_at;  // first submission
  int open_questions = 0;              // questions no answer names yet (read-only, derived)
};

struct CaseFilter {
  std::string scope = "mine";  // "mine" = my organisation's cases; "queue" = sent to me
  std::string status;          // "" = any
  // A deadline passed, as the viewer is shown it: the reporting organisation sees every
  // missed deadline, a recipient only where the regime tells the hub (overdue_to_hub).
  bool overdue_only = false;
  bool open_questions_only = false;  // a question no answer names yet
  bool due_only = false;             // not closed, with a next deadline
  Millis now = 0;                    // for overdue_only
  std::int64_t before_id = 0;
  int limit = 50;
};

// How many cases a filter finds, by sector, class, status and the overdue flag as the
// viewer is shown it (the home page's board).
struct CaseTally {
  std::string sector_id;
  std::string report_class;
  std::string status;
  bool overdue = false;
  std::int64_t count = 0;
};

struct CasePage {
  std::vector<ReportCase> items;
  std::optional<std::int64_t> next_before_id;
};

// A summary item published from a case (the link recipients of the item never see).
struct CaseSummary {
  ItemId item_id;
  std::string tlp;
  std::string title;
  UserId published_by;
  Millis published_at = 0;
};

}  // namespace renkei::domain
