#include "storage/stores/sql_stores.h"

#include "domain/reporting/report_mail.h"
#include "storage/stores/attachment_rows.h"
#include "storage/stores/sql_rows.h"

namespace renkei::storage {

using domain::CaseId;
using domain::ReportCase;

namespace {

// Sent to the viewer: a recipient capacity whose role the viewer holds, in the viewer's
// organisation. Binds $1 = the viewer's organisation, $2 = the viewer's role mask.
#define RENKEI_CASE_RECIPIENT                                                               \
  "EXISTS (SELECT 1 FROM report_recipients r WHERE r.case_id = c.id AND r.org_id = $1 AND " \
  "(r.role_bit & $2) <> 0)"

// THE visibility rule of report cases (see domain/reporting/reporting_store.h): the
// reporting organisation, or a recipient; over `report_cases c`, binding $1 and $2 as above.
// Every read of cases ANDs it.
constexpr const char* kCaseVisible = "(c.reporter_org_id = $1 OR " RENKEI_CASE_RECIPIENT ")";
constexpr const char* kCaseRecipient = RENKEI_CASE_RECIPIENT;
#undef RENKEI_CASE_RECIPIENT

constexpr Columns kCaseCols{{"c.id", "c.reporter_org_id", "o.name_ja", "o.name_en", "c.created_by",
                             "c.sector_id", "c.report_class", "c.regime_id", "c.title", "c.status",
                             "c.phase", "c.aware_at", "c.forward_ministry",
                             "c.forward_national_centre", "c.next_due_phase", "c.next_due_at",
                             "c.overdue_to_hub", "c.created_at", "c.updated_at", "c.submitted_at",
                             // Questions no answer names yet.
                             "(SELECT COUNT(*) FROM report_messages q WHERE q.case_id = c.id "
                             "AND q.kind = 'question' AND NOT EXISTS (SELECT 1 FROM "
                             "report_messages a WHERE a.answer_to = q.id)) AS open_questions"}};

std::string CaseSelect() {
  return "SELECT " + kCaseCols.List() +
         " FROM report_cases c JOIN organisations o ON o.id = c.reporter_org_id ";
}

ReportCase CaseFromRow(Row& r) {
  constexpr const auto& k = kCaseCols;
  ReportCase c;
  c.id = CaseId(r.i64(k("id")));
  c.reporter_org_id = OrgId(r.i64(k("reporter_org_id")));
  c.reporter_org_name_ja = r.take(k("name_ja"));
  c.reporter_org_name_en = r.take(k("name_en"));
  c.created_by = UserId(r.i64(k("created_by")));
  c.sector_id = r.take(k("sector_id"));
  c.report_class = r.take(k("report_class"));
  c.regime_id = r.take(k("regime_id"));
  c.title = r.take(k("title"));
  c.status = r.take(k("status"));
  c.phase = r.take(k("phase"));
  c.aware_at = r.opt_i64(k("aware_at"));
  c.forward_ministry = r.i64(k("forward_ministry")) != 0;
  c.forward_national_centre = r.i64(k("forward_national_centre")) != 0;
  c.next_due_phase = r.take(k("next_due_phase"));
  c.next_due_at = r.opt_i64(k("next_due_at"));
  c.overdue_to_hub = r.i64(k("overdue_to_hub")) != 0;
  c.created_at = r.i64(k("created_at"));
  c.updated_at = r.i64(k("updated_at"));
  c.submitted_at = r.opt_i64(k("submitted_at"));
  c.open_questions = static_cast<int>(r.i64(k("open_questions")));
  return c;
}

Value Opt(const std::optional<Millis>& v) { return v ? Value(*v) : Value(nullptr); }

}  // namespace

Result<CaseId> SqlReportingStore::CreateCase(const ReportCase& c) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(
          "INSERT INTO report_cases (reporter_org_id, created_by, sector_id, report_class, "
          "regime_id, title, status, phase, aware_at, forward_ministry, "
          "forward_national_centre, next_due_phase, next_due_at, overdue_to_hub, created_at, "
          "updated_at, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
          "$12, $13, $14, $15, $16, $17) RETURNING id",
          {c.reporter_org_id.value, c.created_by.value, c.sector_id, c.report_class, c.regime_id,
           c.title, c.status, c.phase, Opt(c.aware_at), std::int64_t{c.forward_ministry},
           std::int64_t{c.forward_national_centre}, c.next_due_phase, Opt(c.next_due_at),
           std::int64_t{c.overdue_to_hub}, c.created_at, c.updated_at, Opt(c.submitted_at)}));
  return CaseId(rows.at(0).i64(0));
}

Status SqlReportingStore::UpdateCase(const ReportCase& c) {
  return c_
      .Exec(
          "UPDATE report_cases SET report_class = $2, regime_id = $3, title = $4, status = $5, "
          "phase = $6, aware_at = $7, forward_ministry = $8, forward_national_centre = $9, "
          "next_due_phase = $10, next_due_at = $11, overdue_to_hub = $12, updated_at = $13, "
          "submitted_at = $14 WHERE id = $1",
          {c.id.value, c.report_class, c.regime_id, c.title, c.status, c.phase, Opt(c.aware_at),
           std::int64_t{c.forward_ministry}, std::int64_t{c.forward_national_centre},
           c.next_due_phase, Opt(c.next_due_at), std::int64_t{c.overdue_to_hub}, c.updated_at,
           Opt(c.submitted_at)})
      .status();
}

Result<std::optional<ReportCase>> SqlReportingStore::GetVisibleCase(CaseId id,
                                                                    const domain::Viewer& v) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(CaseSelect() + "WHERE c.id = $3 AND " + kCaseVisible,
                                              {v.org_id.value, v.role_mask, id.value}));
  if (rows.empty()) return std::optional<ReportCase>();
  return std::optional<ReportCase>(CaseFromRow(rows[0]));
}

namespace {

// A missed deadline as the viewer is shown it ($1 = the viewer's organisation, `now` the
// parameter holding the instant): the reporting organisation sees every one, a recipient
// only where the regime tells the hub (overdue_to_hub). ReportingService::List sets the
// same flag on the cases it lists.
std::string OverdueSql(const std::string& now) {
  return "(c.status <> 'closed' AND c.next_due_at < " + now +
         " AND (c.reporter_org_id = $1 OR c.overdue_to_hub <> 0))";
}

// The WHERE clause every list, count and tally of cases shares, binding into `p` (which
// holds $1, $2 of the rule): the rule, then the scope — "queue" = sent to me (a recipient
// capacity I hold; drafts have no recipients), "mine" = my organisation's own cases —, then
// the filters.
std::string CaseWhere(const domain::CaseFilter& f, Params& p) {
  auto bind = [&](Value x) {
    p.push_back(std::move(x));
    return "$" + std::to_string(p.size());
  };
  std::string sql = std::string("WHERE ") + kCaseVisible + " AND " +
                    (f.scope == "queue" ? kCaseRecipient : "c.reporter_org_id = $1");
  if (!f.status.empty()) sql += " AND c.status = " + bind(f.status);
  if (f.overdue_only) sql += " AND " + OverdueSql(bind(f.now));
  if (f.due_only) sql += " AND c.status <> 'closed' AND c.next_due_at IS NOT NULL";
  if (f.open_questions_only) {
    sql +=
        " AND EXISTS (SELECT 1 FROM report_messages q WHERE q.case_id = c.id AND q.kind = "
        "'question' AND NOT EXISTS (SELECT 1 FROM report_messages a WHERE a.answer_to = q.id))";
  }
  if (f.before_id > 0) sql += " AND c.id < " + bind(f.before_id);
  return sql;
}

}  // namespace

Result<domain::CasePage> SqlReportingStore::ListVisibleCases(const domain::CaseFilter& f,
                                                             const domain::Viewer& v) {
  Params p{v.org_id.value, v.role_mask};
  std::string sql = CaseSelect() + CaseWhere(f, p);
  p.push_back(std::int64_t{PageLimit(f.limit)});
  sql += " ORDER BY c.id DESC LIMIT $" + std::to_string(p.size());
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, p));
  domain::CasePage page;
  TakePage(rows, f.limit, CaseFromRow, page.items, page.next_before_id);
  return page;
}

Result<std::int64_t> SqlReportingStore::CountVisibleCases(const domain::CaseFilter& f,
                                                          const domain::Viewer& v) {
  Params p{v.org_id.value, v.role_mask};
  domain::CaseFilter all = f;
  all.before_id = 0;
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query("SELECT COUNT(*) FROM report_cases c " + CaseWhere(all, p), p));
  return rows.empty() ? 0 : rows[0].i64(0);
}

Result<std::vector<domain::CaseTally>> SqlReportingStore::TallyVisibleCases(
    const domain::CaseFilter& f, const domain::Viewer& v) {
  Params p{v.org_id.value, v.role_mask};
  domain::CaseFilter all = f;
  all.before_id = 0;
  const std::string where = CaseWhere(all, p);
  p.push_back(f.now);
  const std::string now = "$" + std::to_string(p.size());
  const std::string overdue = "CASE WHEN " + OverdueSql(now) + " THEN 1 ELSE 0 END";
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query("SELECT c.sector_id, c.report_class, c.status, " + overdue +
                                       " AS overdue, COUNT(*) FROM report_cases c " + where +
                                       " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
                                   p));
  std::vector<domain::CaseTally> out;
  for (auto& r : rows) {
    domain::CaseTally t;
    t.sector_id = r.take(0);
    t.report_class = r.take(1);
    t.status = r.take(2);
    t.overdue = r.i64(3) != 0;
    t.count = r.i64(4);
    out.push_back(std::move(t));
  }
  return out;
}

Status SqlReportingStore::SaveVersion(CaseId id, const domain::ReportVersion& v) {
  const Params key{id.value, std::int64_t{v.version}};
  RENKEI_RETURN_IF_ERROR(
      c_.Exec("DELETE FROM report_fields WHERE case_id = $1 AND version = $2", key).status());
  RENKEI_RETURN_IF_ERROR(
      c_.Exec("DELETE FROM report_indicators WHERE case_id = $1 AND version = $2", key).status());
  RENKEI_RETURN_IF_ERROR(
      c_.Exec("DELETE FROM report_versions WHERE case_id = $1 AND version = $2", key).status());
  RENKEI_RETURN_IF_ERROR(
      c_.Exec("INSERT INTO report_versions (case_id, version, phase, draft, catalog_version, "
              "saved_by, saved_at, receipt_no) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
              {id.value, std::int64_t{v.version}, v.phase, std::int64_t{v.draft}, v.catalog_version,
               v.saved_by.value, v.saved_at,
               v.receipt_no.empty() ? Value(nullptr) : Value(v.receipt_no)})
          .status());
  for (const auto& [field, value] : v.fields) {
    RENKEI_RETURN_IF_ERROR(c_.Exec("INSERT INTO report_fields (case_id, version, field, value) "
                                   "VALUES ($1, $2, $3, $4)",
                                   {id.value, std::int64_t{v.version}, field, value})
                               .status());
  }
  for (size_t i = 0; i < v.indicators.size(); ++i) {
    const auto& ind = v.indicators[i];
    RENKEI_RETURN_IF_ERROR(
        c_.Exec("INSERT INTO report_indicators (case_id, version, position, kind, value, note) "
                "VALUES ($1, $2, $3, $4, $5, $6)",
                {id.value, std::int64_t{v.version}, static_cast<std::int64_t>(i), ind.kind,
                 ind.value, ind.note})
            .status());
  }
  return Status::Ok();
}

namespace {
constexpr Columns kVersionCols{{"v.version", "v.phase", "v.draft", "v.catalog_version",
                                "v.saved_by", "u.display_name", "v.saved_at", "v.receipt_no"}};
constexpr Columns kRecipientCols{
    {"r.org_id", "r.kind", "r.hub_id", "o.name_ja", "o.name_en", "r.added_at"}};
constexpr Columns kMessageCols{
    {"m.id", "m.author_user_id", "u.display_name", "m.author_org_id", "o.name_ja", "m.body",
     "m.created_at", "m.kind", "m.answer_to",
     "(SELECT COUNT(*) FROM report_messages a WHERE a.answer_to = m.id) AS answers"}};
}  // namespace

Result<std::vector<domain::ReportVersion>> SqlReportingStore::ListVersions(CaseId id) {
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query("SELECT " + kVersionCols.List() +
                                       " FROM report_versions v JOIN users u ON u.id = v.saved_by "
                                       "WHERE v.case_id = $1 ORDER BY v.version",
                                   {id.value}));
  constexpr const auto& k = kVersionCols;
  std::vector<domain::ReportVersion> out;
  for (auto& r : rows) {
    domain::ReportVersion v;
    v.version = static_cast<int>(r.i64(k("version")));
    v.phase = r.take(k("phase"));
    v.draft = r.i64(k("draft")) != 0;
    v.catalog_version = r.take(k("catalog_version"));
    v.saved_by = UserId(r.i64(k("saved_by")));
    v.saved_by_name = r.take(k("display_name"));
    v.saved_at = r.i64(k("saved_at"));
    v.receipt_no = r.take(k("receipt_no"));
    out.push_back(std::move(v));
  }
  RENKEI_ASSIGN_OR_RETURN(auto fields,
                          c_.Query("SELECT version, field, value FROM report_fields WHERE "
                                   "case_id = $1",
                                   {id.value}));
  auto find = [&](std::int64_t version) -> domain::ReportVersion* {
    for (auto& v : out)
      if (v.version == version) return &v;
    return nullptr;
  };
  for (auto& r : fields)
    if (auto* v = find(r.i64(0))) v->fields[r.take(1)] = r.take(2);
  RENKEI_ASSIGN_OR_RETURN(auto inds,
                          c_.Query("SELECT version, kind, value, note FROM report_indicators "
                                   "WHERE case_id = $1 ORDER BY version, position",
                                   {id.value}));
  for (auto& r : inds)
    if (auto* v = find(r.i64(0))) v->indicators.push_back({r.take(1), r.take(2), r.take(3)});
  return out;
}

Result<bool> SqlReportingStore::AddRecipient(CaseId id, const domain::Recipient& r) {
  RENKEI_ASSIGN_OR_RETURN(
      auto n, c_.Exec("INSERT INTO report_recipients (case_id, org_id, kind, hub_id, role_bit, "
                      "added_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                      {id.value, r.org_id.value, r.kind,
                       r.hub_id.valid() ? Value(r.hub_id.value) : Value(nullptr),
                       domain::RoleBit(r.role()), r.added_at}));
  return n > 0;
}

Result<std::vector<domain::Recipient>> SqlReportingStore::ListRecipients(CaseId id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT " + kRecipientCols.List() +
                              " FROM report_recipients r JOIN organisations o ON o.id = r.org_id "
                              "WHERE r.case_id = $1 ORDER BY r.added_at, r.kind, r.org_id",
                          {id.value}));
  constexpr const auto& k = kRecipientCols;
  std::vector<domain::Recipient> out;
  for (auto& r : rows) {
    domain::Recipient x;
    x.org_id = OrgId(r.i64(k("org_id")));
    x.kind = r.take(k("kind"));
    x.hub_id = HubId(r.i64(k("hub_id")));
    x.org_name_ja = r.take(k("name_ja"));
    x.org_name_en = r.take(k("name_en"));
    x.added_at = r.i64(k("added_at"));
    out.push_back(std::move(x));
  }
  return out;
}

Result<std::int64_t> SqlReportingStore::NextReceipt(int year) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("INSERT INTO report_receipt_counters (year, last_no) VALUES ($1, 1) "
                          "ON CONFLICT (year) DO UPDATE SET last_no = "
                          "report_receipt_counters.last_no + 1 RETURNING last_no",
                          {std::int64_t{year}}));
  return rows.at(0).i64(0);
}

namespace {

// The recipient capacity's role by kind, as SQL over `report_recipients r` (kRecipientKinds).
std::string CapacityRole() {
  std::string sql = "CASE r.kind";
  for (const auto& k : domain::kRecipientKinds) {
    sql +=
        std::string(" WHEN '") + k.name + "' THEN '" + std::string(domain::RoleName(k.role)) + "'";
  }
  return sql + " END";
}

}  // namespace

Result<std::int64_t> SqlReportingStore::EnqueueCaseMail(const domain::CaseMail& m) {
  using domain::CaseAudience;
  Params p{m.case_id.value,
           m.subject_version,
           m.kind,
           m.now,
           m.not_before,
           m.except.value,
           std::int64_t{m.urgent},
           std::string(domain::kReportSubject)};
  std::string who;
  if (m.to == CaseAudience::kReporter) {
    who =
        "EXISTS (SELECT 1 FROM report_cases c JOIN user_roles ur ON ur.user_id = u.id AND "
        "ur.role = '" +
        std::string(domain::RoleName(domain::Role::kMember)) +
        "' WHERE c.id = $1 AND c.reporter_org_id = u.org_id)";
  } else {
    std::string which = m.to == CaseAudience::kRecipients          ? "1 = 1"
                        : m.to == CaseAudience::kNewRecipients     ? "r.added_at = $4"
                        : m.to == CaseAudience::kEarlierRecipients ? "r.added_at < $4"
                                                                   : "r.org_id = $9";
    if (m.to == CaseAudience::kRecipientOrg) p.push_back(m.org.value);  // bound only if used
    who =
        "EXISTS (SELECT 1 FROM report_recipients r JOIN user_roles ur ON ur.user_id = u.id "
        "AND ur.role = " +
        CapacityRole() + " WHERE r.case_id = $1 AND r.org_id = u.org_id AND " + which + ")";
  }
  return c_.Exec(
      "INSERT INTO outbox (subject_kind, subject_id, subject_version, kind, user_id, created_at, "
      "not_before) SELECT $8, $1, $2, $3, u.id, $4, $5 FROM users u WHERE u.active = 1 "
      "AND u.id <> $6 AND (u.notify_mode <> 'off' OR $7 = 1) AND " +
          who,
      p);
}

Result<std::int64_t> SqlReportingStore::CountRecipientStaff(CaseId id, UserId except) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT COUNT(*) FROM users u WHERE u.active = 1 AND u.id <> $2 AND EXISTS "
               "(SELECT 1 FROM report_recipients r JOIN user_roles ur ON ur.user_id = u.id AND "
               "ur.role = " +
                   CapacityRole() + " WHERE r.case_id = $1 AND r.org_id = u.org_id)",
               {id.value, except.value}));
  return rows.at(0).i64(0);
}

Result<std::int64_t> SqlReportingStore::AddMessage(CaseId id, const domain::CaseMessage& m) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("INSERT INTO report_messages (case_id, author_user_id, author_org_id, "
                          "body, created_at, kind, answer_to) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                          "RETURNING id",
                          {id.value, m.author_id.value, m.author_org_id.value, m.body, m.created_at,
                           m.kind, m.answer_to ? Value(m.answer_to) : Value(nullptr)}));
  return rows.at(0).i64(0);
}

Result<std::vector<domain::CaseMessage>> SqlReportingStore::ListMessages(CaseId id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT " + kMessageCols.List() +
                              " FROM report_messages m JOIN users u ON u.id = m.author_user_id "
                              "JOIN organisations o ON o.id = m.author_org_id WHERE m.case_id = $1 "
                              "ORDER BY m.id",
                          {id.value}));
  constexpr const auto& k = kMessageCols;
  std::vector<domain::CaseMessage> out;
  for (auto& r : rows) {
    domain::CaseMessage m;
    m.id = r.i64(k("id"));
    m.author_id = UserId(r.i64(k("author_user_id")));
    m.author_name = r.take(k("display_name"));
    m.author_org_id = OrgId(r.i64(k("author_org_id")));
    m.author_org_name_ja = r.take(k("name_ja"));
    m.body = r.take(k("body"));
    m.created_at = r.i64(k("created_at"));
    m.kind = r.take(k("kind"));
    m.answer_to = r.opt_i64(k("answer_to")).value_or(0);
    m.answered = r.i64(k("answers")) > 0;
    out.push_back(std::move(m));
  }
  return out;
}

Status SqlReportingStore::AddEvent(CaseId id, const domain::CaseEvent& e) {
  return c_
      .Exec(
          "INSERT INTO report_events (case_id, at, actor_user_id, kind, detail) VALUES ($1, $2, "
          "$3, $4, $5)",
          {id.value, e.at, e.actor_id.value, e.kind, e.detail})
      .status();
}

Result<std::vector<domain::CaseEvent>> SqlReportingStore::ListEvents(CaseId id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT e.at, e.actor_user_id, u.display_name, e.kind, e.detail FROM "
                          "report_events e JOIN users u ON u.id = e.actor_user_id WHERE "
                          "e.case_id = $1 ORDER BY e.id",
                          {id.value}));
  std::vector<domain::CaseEvent> out;
  for (auto& r : rows) out.push_back({r.i64(0), UserId(r.i64(1)), r.take(2), r.take(3), r.take(4)});
  return out;
}

Status SqlReportingStore::AddSummary(CaseId id, const domain::CaseSummary& s) {
  return c_
      .Exec(
          "INSERT INTO report_summaries (case_id, item_id, tlp, title, published_by, "
          "published_at) VALUES ($1, $2, $3, $4, $5, $6)",
          {id.value, s.item_id.value, s.tlp, s.title, s.published_by.value, s.published_at})
      .status();
}

Result<std::vector<domain::CaseSummary>> SqlReportingStore::ListSummaries(CaseId id) {
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query("SELECT item_id, tlp, title, published_by, published_at FROM "
                                   "report_summaries WHERE case_id = $1 ORDER BY published_at",
                                   {id.value}));
  std::vector<domain::CaseSummary> out;
  for (auto& r : rows)
    out.push_back({domain::ItemId(r.i64(0)), r.take(1), r.take(2), UserId(r.i64(3)), r.i64(4)});
  return out;
}

constexpr AttachmentTable kCaseFiles{"report_attachments", "case_id"};

Result<domain::AttachmentId> SqlReportingStore::AddAttachment(CaseId id,
                                                              const domain::Attachment& a) {
  return InsertAttachment(c_, kCaseFiles, id.value, a);
}

Result<std::vector<domain::Attachment>> SqlReportingStore::ListAttachments(CaseId id) {
  return ListAttachmentRows(c_, kCaseFiles, id.value);
}

Result<std::optional<domain::Attachment>> SqlReportingStore::GetAttachment(
    CaseId id, domain::AttachmentId att) {
  return GetAttachmentRow(c_, kCaseFiles, id.value, att);
}

Result<std::vector<domain::DictionaryEntry>> SqlReportingStore::DirectoryNames() {
  std::vector<domain::DictionaryEntry> out;
  RENKEI_ASSIGN_OR_RETURN(
      auto orgs, c_.Query("SELECT name_ja, name_en FROM organisations WHERE kind IN ('operator', "
                          "'sme', 'vendor', 'support_provider')",
                          {}));
  for (auto& r : orgs) {
    out.push_back({r.take(0), "organisation"});
    out.push_back({r.take(1), "organisation"});
  }
  RENKEI_ASSIGN_OR_RETURN(
      auto users, c_.Query("SELECT u.display_name FROM users u JOIN organisations o ON o.id = "
                           "u.org_id WHERE o.kind IN ('operator', 'sme', 'vendor', "
                           "'support_provider')",
                           {}));
  for (auto& r : users) out.push_back({r.take(0), "person"});
  return out;
}

Result<std::string> SqlReportingStore::DirectoryVersion() {
  // Every write of an organisation or a user sets its updated_at to the time of the write,
  // so a rename moves the sum even when it leaves the count and the latest time alone.
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT (SELECT COUNT(*) FROM organisations), "
               "(SELECT CAST(COALESCE(SUM(updated_at), 0) AS BIGINT) FROM organisations), "
               "(SELECT COUNT(*) FROM users), "
               "(SELECT CAST(COALESCE(SUM(updated_at), 0) AS BIGINT) FROM users)",
               {}));
  const auto& r = rows.at(0);
  return std::to_string(r.i64(0)) + ":" + std::to_string(r.i64(1)) + ":" +
         std::to_string(r.i64(2)) + ":" + std::to_string(r.i64(3));
}

Result<std::int64_t> SqlReportingStore::CountPeers(const std::string& sector_id,
                                                   const domain::PeerFilter& f) {
  Params p{sector_id};
  std::string sql =
      "SELECT COUNT(*) FROM organisations o JOIN organisation_sectors s ON s.org_id = o.id "
      "WHERE s.sector_id = $1 AND o.kind = 'operator' AND o.active = 1";
  for (const auto& [column, value] :
       {std::pair{"size_class", &f.size_class}, std::pair{"business_class", &f.business_class}}) {
    if (value->empty()) continue;
    p.push_back(*value);
    sql += std::string(" AND o.") + column + " = $" + std::to_string(p.size());
  }
  if (f.prefecture) {
    p.push_back(std::int64_t{f.prefecture});
    sql += " AND o.prefecture = $" + std::to_string(p.size());
  }
  const std::string& region = f.region;
  if (!region.empty()) {
    sql += " AND o.prefecture IN (";
    bool first = true;
    for (int i = 0; i < 47; ++i) {
      if (region != domain::kPrefectures[i].region) continue;
      p.push_back(std::int64_t{i + 1});
      sql += (first ? "$" : ", $") + std::to_string(p.size());
      first = false;
    }
    sql += first ? "NULL)" : ")";
  }
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, p));
  return rows.at(0).i64(0);
}

Result<std::vector<OrgId>> SqlReportingStore::NationalCentreOrgs() {
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query("SELECT id FROM organisations WHERE kind = 'national_centre' "
                                   "AND active = 1 ORDER BY id",
                                   {}));
  std::vector<OrgId> out;
  for (auto& r : rows) out.push_back(OrgId(r.i64(0)));
  return out;
}

}  // namespace renkei::storage
