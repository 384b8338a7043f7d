#include "domain/reporting/reporting_service.h"

#include <algorithm>
#include <set>

#include "core/error_codes.h"
#include "core/time_format.h"
#include "domain/audit/audit.h"
#include "domain/desk/desk_store.h"
#include "domain/directory/directory_store.h"
#include "domain/reporting/report_display.h"
#include "domain/reporting/report_events.h"
#include "domain/reporting/report_mail.h"
#include "domain/reporting/report_pdf.h"
#include "domain/reporting/reporting_store.h"
#include "domain/reporting/routing.h"
#include "domain/sharing/access_policy.h"
#include "domain/sharing/sharing_store.h"
#include "domain/validation.h"

namespace renkei::domain {

namespace {

constexpr const char* kReporterOrgKinds[] = {"operator", "sme"};
constexpr size_t kMaxIndicators = 500;
constexpr const char* kCaseScopes[] = {"mine", "queue"};
// What the recipients may set a case to (SetStatus).
constexpr const char* kSettableStatuses[] = {"open", "triaged", "closed"};

// A case status in Japanese, as the web app shows it (for messages).
std::string StatusJa(const std::string& status) {
  if (status == "open") return "受付";
  if (status == "triaged") return "確認済み";
  if (status == "closed") return "完了";
  if (status == "draft") return "下書き";
  return status;
}

bool IsReporter(const Principal& p, const ReportCase& c) { return p.org_id == c.reporter_org_id; }

// The recipients whose capacity the caller holds.
std::vector<const Recipient*> MyCapacities(const Principal& p, const std::vector<Recipient>& rs) {
  std::vector<const Recipient*> out;
  for (const auto& r : rs)
    if (r.org_id == p.org_id && p.has(r.role())) out.push_back(&r);
  return out;
}

bool StaffsRecipientHub(const Principal& p, const std::vector<Recipient>& rs) {
  return std::any_of(rs.begin(), rs.end(),
                     [&](const Recipient& r) { return r.kind == "hub" && p.staffs(r.hub_id); });
}

Status CheckIndicators(const std::vector<Indicator>& list, const std::string& field) {
  if (list.size() > kMaxIndicators) {
    return err::TooMany(kMaxIndicators).with_field(field);
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string f = field + "[" + std::to_string(i) + "]";
    RENKEI_RETURN_IF_ERROR(CheckOneOf(list[i].kind, f + ".kind", kIndicatorKinds));
    RENKEI_RETURN_IF_ERROR(CheckText(list[i].value, f + ".value", 2000, true));
    RENKEI_RETURN_IF_ERROR(CheckText(list[i].note, f + ".note", 500, false));
    const auto& v = list[i].value;
    const size_t hex_len = list[i].kind == "md5"      ? 32
                           : list[i].kind == "sha1"   ? 40
                           : list[i].kind == "sha256" ? 64
                                                      : 0;
    if (hex_len && (v.size() != hex_len || !std::all_of(v.begin(), v.end(), [](char c) {
                      return std::isxdigit(static_cast<unsigned char>(c));
                    }))) {
      return err::InvalidHash({.digits = hex_len, .kind = list[i].kind}).with_field(f + ".value");
    }
  }
  return Status::Ok();
}

}  // namespace

std::string ReportMarkdown(const ReportCatalog& catalog, const ReportCase& c,
                           const ReportVersion& v) {
  std::string out = "# " + (c.title.empty() ? std::string("（件名なし）") : c.title) + "\n";
  for (const auto& f : ShownFields(catalog, v)) {
    // The title is the heading; instants and the form choice say nothing to summarise.
    const std::string& key = f.def->key;
    if (key == "title" || key == "aware_at" || key == "detected_at" || key == "form") continue;
    out += "\n## " + f.def->label_ja + "\n\n" + f.value + "\n";
  }
  return out;
}

Status ReportingService::CheckInput(const ReportInput& in) const {
  RENKEI_RETURN_IF_ERROR(CheckOneOf(in.report_class, "report_class", kReportClasses));
  RENKEI_RETURN_IF_ERROR(catalog().CheckFields(in.fields));
  return CheckIndicators(in.indicators, "indicators");
}

Result<ReportCase> ReportingService::Visible(Stores& s, const Principal& p, CaseId id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto c, s.reporting.GetVisibleCase(id, AccessPolicy::ViewerOf(p, clock_.now_ms())));
  if (!c) return err::ReportNotFound();
  return std::move(*c);
}

Result<ReportCase> ReportingService::Summarisable(Stores& s, const Principal& p, CaseId id) {
  RENKEI_ASSIGN_OR_RETURN(auto c, Visible(s, p, id));
  RENKEI_ASSIGN_OR_RETURN(auto recipients, s.reporting.ListRecipients(c.id));
  if (!StaffsRecipientHub(p, recipients) || c.status == "draft") {
    return err::NotSummariser();
  }
  return c;
}

Result<ReportCase> ReportingService::Editable(Stores& s, const Principal& p, CaseId id) {
  RENKEI_ASSIGN_OR_RETURN(auto c, Visible(s, p, id));
  if (!IsReporter(p, c) || !p.has(Role::kMember)) {
    return err::NotReporter();
  }
  if (c.status == "closed") return err::Closed();
  if (c.phase == "final") return err::FinalSubmitted();
  return c;
}

Result<CaseView> ReportingService::ViewOf(Stores& s, const Principal& p, ReportCase c) {
  CaseView v;
  v.is_reporter = IsReporter(p, c);
  RENKEI_ASSIGN_OR_RETURN(v.recipients, s.reporting.ListRecipients(c.id));
  RENKEI_ASSIGN_OR_RETURN(auto versions, s.reporting.ListVersions(c.id));
  for (auto& ver : versions)
    if (v.is_reporter || !ver.draft) v.versions.push_back(std::move(ver));
  RENKEI_ASSIGN_OR_RETURN(v.messages, s.reporting.ListMessages(c.id));
  RENKEI_ASSIGN_OR_RETURN(v.events, s.reporting.ListEvents(c.id));
  RENKEI_ASSIGN_OR_RETURN(v.attachments, s.reporting.ListAttachments(c.id));
  const bool hub_staff = StaffsRecipientHub(p, v.recipients);
  if (v.is_reporter || hub_staff) {
    RENKEI_ASSIGN_OR_RETURN(v.summaries, s.reporting.ListSummaries(c.id));
    // A summary's title is the item's content: shown only to those the item's own
    // access rule lets see it (the reporter is not always among an AMBER+STRICT
    // summary's recipients).
    const Viewer viewer = AccessPolicy::ViewerOf(p, clock_.now_ms());
    for (auto& summary : v.summaries) {
      RENKEI_ASSIGN_OR_RETURN(auto item, s.sharing.GetVisibleItem(summary.item_id, viewer));
      if (!item) summary.title.clear();
    }
  }
  if (const Regime* r = catalog().regime(c.regime_id)) {
    v.next_due = ComputeNextDue(*r, c.aware_at, c.phase);
  }
  const Millis now = clock_.now_ms();
  v.overdue = v.next_due && v.next_due->due_at < now && c.status != "closed" &&
              (v.is_reporter || c.overdue_to_hub);
  v.can_edit = v.is_reporter && p.has(Role::kMember) && c.status != "closed" && c.phase != "final";
  v.can_triage = !MyCapacities(p, v.recipients).empty();
  v.can_anonymise = hub_staff && c.status != "draft";
  v.can_answer = v.is_reporter && c.status != "draft";
  v.c = std::move(c);
  return v;
}

namespace {

// The denormalised next deadline (for lists and the overdue filter).
void SetNextDue(const Regime& r, ReportCase& c) {
  const auto next = ComputeNextDue(r, c.aware_at, c.phase);
  c.next_due_phase = next ? next->phase : "";
  c.next_due_at = next ? std::optional<Millis>(next->due_at) : std::nullopt;
}

// Updates what follows from the version being saved: class, regime, title, aware_at.
Status ApplyInput(const ReportCatalog& cat, ReportCase& c, const ReportInput& in) {
  c.report_class = in.report_class;
  const Regime* r = cat.RegimeFor(c.sector_id, c.report_class);
  c.regime_id = r->id;
  c.overdue_to_hub = r->overdue_to_hub;
  c.forward_ministry = in.forward_ministry;
  c.forward_national_centre = in.forward_national_centre;
  auto title = in.fields.find("title");
  c.title = title == in.fields.end() ? "" : title->second;
  auto aware = in.fields.find("aware_at");
  c.aware_at.reset();
  if (aware != in.fields.end() && !aware->second.empty()) c.aware_at = ParseRfc3339(aware->second);
  SetNextDue(*r, c);
  return Status::Ok();
}

ReportVersion VersionOf(const ReportCatalog& cat, const Principal& p, const ReportInput& in,
                        int number, Millis now) {
  ReportVersion v;
  v.version = number;
  v.draft = true;
  v.catalog_version = cat.version();
  v.fields = in.fields;
  for (auto it = v.fields.begin(); it != v.fields.end();)  // empty values are not stored
    it = it->second.empty() ? v.fields.erase(it) : std::next(it);
  v.indicators = in.indicators;
  v.saved_by = p.user_id;
  v.saved_at = now;
  return v;
}

}  // namespace

Status ReportingService::WriteAndRing(const std::function<Status(Stores&)>& work, const char* event,
                                      CaseId id) {
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, work));
  if (mail_) mail_->Ring();
  if (event && events_) events_->Publish(Event{kReportSubject, id.value, event});
  return Status::Ok();
}

Status ReportingService::QueueOverdue(Stores& s, const ReportCase& before, const ReportCase& c,
                                      Millis now) {
  if (!c.next_due_at || c.status == "closed" ||
      (before.next_due_at == c.next_due_at && before.next_due_phase == c.next_due_phase)) {
    return Status::Ok();
  }
  // The reporter's legal clock: told even with mail switched off. Recipients where the
  // regime shows them the overdue flag, with their own settings.
  CaseMail m;
  m.case_id = c.id;
  m.kind = kMailReportOverdue;
  m.subject_version = DeadlineMinutes(*c.next_due_at);
  m.to = CaseAudience::kReporter;
  m.now = now;
  m.not_before = std::max(now, *c.next_due_at);
  m.urgent = true;
  RENKEI_RETURN_IF_ERROR(s.reporting.EnqueueCaseMail(m).status());
  if (!c.overdue_to_hub || c.status == "draft") return Status::Ok();
  m.to = CaseAudience::kRecipients;
  m.urgent = false;
  return s.reporting.EnqueueCaseMail(m).status();
}

Result<CaseView> ReportingService::Create(const Actor& actor, const ReportInput& in) {
  const Principal& p = actor.principal;
  RENKEI_RETURN_IF_ERROR(CheckInput(in));
  const Millis now = clock_.now_ms();
  CaseView out;
  RENKEI_RETURN_IF_ERROR(WriteAndRing([&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(p.org_id));
    if (!org || !p.has(Role::kMember) || !OneOf(org->kind, kReporterOrgKinds)) {
      return err::ReporterKindOnly();
    }
    RENKEI_ASSIGN_OR_RETURN(auto c, CreateIn(s, actor, *org, in, now));
    RENKEI_ASSIGN_OR_RETURN(auto stored, Visible(s, p, c.id));
    RENKEI_ASSIGN_OR_RETURN(out, ViewOf(s, p, std::move(stored)));
    return Status::Ok();
  }));
  return out;
}

Result<CaseId> ReportingService::CreateFromDesk(
    const Actor& actor, OrgId reporter, const ReportInput& in,
    const std::function<Status(Stores&, CaseId)>& within) {
  RENKEI_RETURN_IF_ERROR(CheckInput(in));
  const Millis now = clock_.now_ms();
  CaseId id;
  RENKEI_RETURN_IF_ERROR(WriteAndRing([&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(reporter));
    if (!org || org->kind != "sme") return err::ReporterKindOnly();
    RENKEI_ASSIGN_OR_RETURN(auto c, CreateIn(s, actor, *org, in, now));
    id = c.id;
    return within ? within(s, c.id) : Status::Ok();
  }));
  return id;
}

Result<ReportCase> ReportingService::CreateIn(Stores& s, const Actor& actor,
                                              const Organisation& org, const ReportInput& in,
                                              Millis now) {
  const Principal& p = actor.principal;
  ReportCase c;
  c.reporter_org_id = org.id;
  c.created_by = p.user_id;
  c.sector_id = in.sector_id;
  std::vector<std::string> sectors = org.sector_ids;
  if (org.kind == "sme" && sectors.empty()) {
    // An SME outside every sector reports in the sectors of the operators it supplies (its
    // desk contract's customers, 取引先): the supply chain it is part of.
    RENKEI_ASSIGN_OR_RETURN(auto contract, s.desk.ContractInForce(org.id, now, OrgId()));
    if (contract) {
      for (const auto& customer : contract->customers) {
        RENKEI_ASSIGN_OR_RETURN(auto o, s.directory.GetOrganisation(customer.org_id));
        if (o)
          for (const auto& sec : o->sector_ids)
            if (!Contains(sectors, sec)) sectors.push_back(sec);
      }
    }
    if (sectors.empty()) return err::DeskReportNeedsCustomer().with_field("sector_id");
    if (c.sector_id.empty()) c.sector_id = sectors[0];
  }
  if (c.sector_id.empty() && sectors.size() == 1) c.sector_id = sectors[0];
  if (!Contains(sectors, c.sector_id)) {
    return err::NotYourSector().with_field("sector_id");
  }
  c.status = "draft";
  c.created_at = c.updated_at = now;
  RENKEI_RETURN_IF_ERROR(ApplyInput(catalog(), c, in));
  RENKEI_ASSIGN_OR_RETURN(c.id, s.reporting.CreateCase(c));
  RENKEI_RETURN_IF_ERROR(QueueOverdue(s, ReportCase{}, c, now));
  RENKEI_RETURN_IF_ERROR(s.reporting.SaveVersion(c.id, VersionOf(catalog(), p, in, 1, now)));
  RENKEI_RETURN_IF_ERROR(
      s.audit.Append(AuditOf(actor, now, "report.create", "report", c.id.value,
                             {{"class", c.report_class}, {"sector", c.sector_id}})));
  return c;
}

Result<CaseView> ReportingService::SaveDraft(const Actor& actor, CaseId id, const ReportInput& in) {
  const Principal& p = actor.principal;
  RENKEI_RETURN_IF_ERROR(CheckInput(in));
  const Millis now = clock_.now_ms();
  CaseView out;
  RENKEI_RETURN_IF_ERROR(WriteAndRing([&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto c, Editable(s, p, id));
    if (c.status != "draft" && in.report_class != c.report_class) {
      return err::ClassFixed().with_field("report_class");
    }
    RENKEI_ASSIGN_OR_RETURN(auto versions, s.reporting.ListVersions(c.id));
    const bool has_draft = !versions.empty() && versions.back().draft;
    const int number = versions.empty() ? 1 : versions.back().version + (has_draft ? 0 : 1);
    const ReportCase before = c;
    RENKEI_RETURN_IF_ERROR(ApplyInput(catalog(), c, in));
    c.updated_at = now;
    RENKEI_RETURN_IF_ERROR(s.reporting.UpdateCase(c));
    RENKEI_RETURN_IF_ERROR(QueueOverdue(s, before, c, now));
    RENKEI_RETURN_IF_ERROR(s.reporting.SaveVersion(c.id, VersionOf(catalog(), p, in, number, now)));
    RENKEI_RETURN_IF_ERROR(s.audit.Append(
        AuditOf(actor, now, "report.save", "report", id.value, {{"version", number}})));
    RENKEI_ASSIGN_OR_RETURN(auto stored, Visible(s, p, c.id));
    RENKEI_ASSIGN_OR_RETURN(out, ViewOf(s, p, std::move(stored)));
    return Status::Ok();
  }));
  return out;
}

Result<CaseView> ReportingService::Submit(const Actor& actor, CaseId id, const std::string& phase) {
  if (PhaseRank(phase) < 0) return err::InvalidValue(ListOf(kPhases)).with_field("phase");
  const Millis now = clock_.now_ms();
  CaseView out;
  RENKEI_RETURN_IF_ERROR(WriteAndRing(
      [&](Stores& s) -> Status { return SubmitIn(s, actor, id, phase, now, out, nullptr); },
      kReportFiled, id));
  return out;
}

Result<SubmitReach> ReportingService::RehearseSubmit(const Actor& actor, CaseId id,
                                                     const std::string& phase) {
  if (PhaseRank(phase) < 0) return err::InvalidValue(ListOf(kPhases)).with_field("phase");
  const Millis now = clock_.now_ms();
  CaseView unused;
  SubmitReach out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRehearse, [&](Stores& s) -> Status {
    return SubmitIn(s, actor, id, phase, now, unused, &out);
  }));
  return out;
}

Status ReportingService::SubmitIn(Stores& s, const Actor& actor, CaseId id,
                                  const std::string& phase, Millis now, CaseView& out,
                                  SubmitReach* reach) {
  const Principal& p = actor.principal;
  RENKEI_ASSIGN_OR_RETURN(auto c, Editable(s, p, id));
  if (c.phase.empty() && phase != "initial") {
    return err::InitialFirst();
  }
  if (!c.phase.empty() && phase == "initial") {
    return err::InitialSubmitted();
  }
  RENKEI_ASSIGN_OR_RETURN(auto versions, s.reporting.ListVersions(c.id));
  if (versions.empty() || !versions.back().draft) {
    return err::NoDraft();
  }
  ReportVersion v = versions.back();
  const Regime* regime = catalog().regime(c.regime_id);
  if (!regime) return err::Internal().with_note("unknown regime " + c.regime_id);
  const auto missing = catalog().Missing(*regime, phase, v.fields);
  if (!missing.empty()) {
    LocalText fields;
    for (const auto& m : missing) {
      const FieldDef* f = catalog().field(m);
      fields.en += (fields.en.empty() ? "" : ", ") + (f ? f->label_en : m);
      fields.ja += (fields.ja.empty() ? "" : "、") + (f ? f->label_ja : m);
    }
    return err::MissingFields(
               {.fields = fields, .regime = LocalText{regime->name_en, regime->name_ja}})
        .with_field("fields." + missing[0]);
  }
  // Route: recipients are added, never taken away (a follow-up may tick forwarding).
  RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(c.reporter_org_id));
  if (!org) return err::Internal().with_note("the reporting organisation is missing");
  RENKEI_ASSIGN_OR_RETURN(auto sectors, s.directory.ListSectors());
  RoutingInput route;
  route.report_class = c.report_class;
  route.forward_ministry = c.forward_ministry;
  route.forward_national_centre = c.forward_national_centre;
  for (const auto& sec : sectors)
    if (sec.id == c.sector_id) route.ministry_org_id = sec.ministry_org_id;
  RENKEI_ASSIGN_OR_RETURN(route.national_centre_orgs, s.reporting.NationalCentreOrgs());
  for (HubId h : org->hub_ids) {
    RENKEI_ASSIGN_OR_RETURN(auto hub, s.directory.GetHub(h));
    if (hub && Contains(hub->sector_ids, c.sector_id)) route.hubs.push_back(*hub);
  }
  if (org->kind == "sme") {
    // An SME's support desk stands where a hub stands.
    RENKEI_ASSIGN_OR_RETURN(auto contract, s.desk.ContractInForce(org->id, now, OrgId()));
    if (contract) {
      RENKEI_ASSIGN_OR_RETURN(auto con, s.desk.GetConsortium(contract->consortium_id));
      if (con) route.desk_org_id = con->provider_org_id;
    }
  }
  RENKEI_ASSIGN_OR_RETURN(auto recipients, Route(route));
  for (auto& r : recipients) {
    r.added_at = now;
    RENKEI_ASSIGN_OR_RETURN(bool added, s.reporting.AddRecipient(c.id, r));
    if (added && !c.phase.empty()) {
      RENKEI_RETURN_IF_ERROR(s.reporting.AddEvent(c.id, {now, p.user_id, "", "forwarded", r.kind}));
    }
  }
  v.draft = false;
  v.phase = phase;
  v.saved_by = p.user_id;
  v.saved_at = now;
  const int year = std::stoi(FormatRfc3339Jst(now).substr(0, 4));  // the receipt's year, JST
  RENKEI_ASSIGN_OR_RETURN(auto receipt, s.reporting.NextReceipt(year));
  v.receipt_no = ReceiptNumber(year, receipt);
  RENKEI_RETURN_IF_ERROR(s.reporting.SaveVersion(c.id, v));
  const ReportCase before = c;
  c.phase = phase;
  if (c.status == "draft") {
    c.status = "open";
    c.submitted_at = now;
  }
  SetNextDue(*regime, c);
  c.updated_at = now;
  RENKEI_RETURN_IF_ERROR(s.reporting.UpdateCase(c));
  // The recipients: the case is new to those added now, a next phase to the others.
  CaseMail m;
  m.case_id = c.id;
  m.kind = kMailReportArrived;
  m.subject_version = v.version;
  m.to = CaseAudience::kNewRecipients;
  m.except = p.user_id;
  m.now = now;
  m.not_before = now;
  RENKEI_ASSIGN_OR_RETURN(auto arrived, s.reporting.EnqueueCaseMail(m));
  m.kind = kMailReportPhase;
  m.to = CaseAudience::kEarlierRecipients;
  RENKEI_ASSIGN_OR_RETURN(auto told, s.reporting.EnqueueCaseMail(m));
  if (reach) {
    RENKEI_ASSIGN_OR_RETURN(reach->recipients, s.reporting.ListRecipients(c.id));
    std::set<std::int64_t> orgs;
    for (const auto& r : reach->recipients) orgs.insert(r.org_id.value);
    reach->reach.organisations = static_cast<std::int64_t>(orgs.size());
    RENKEI_ASSIGN_OR_RETURN(reach->reach.people, s.reporting.CountRecipientStaff(c.id, p.user_id));
    reach->reach.mails = arrived + told;
    reach->at = now;
    return Status::Ok();
  }
  RENKEI_RETURN_IF_ERROR(QueueOverdue(s, before, c, now));
  RENKEI_RETURN_IF_ERROR(s.reporting.AddEvent(
      c.id, {now, p.user_id, "", "submitted", phase + ":" + std::to_string(v.version)}));
  RENKEI_RETURN_IF_ERROR(s.audit.Append(AuditOf(actor, now, "report.submit", "report", id.value,
                                                {{"phase", phase},
                                                 {"version", v.version},
                                                 {"receipt_no", v.receipt_no},
                                                 {"recipients", recipients.size()}})));
  RENKEI_ASSIGN_OR_RETURN(auto stored, Visible(s, p, c.id));
  RENKEI_ASSIGN_OR_RETURN(out, ViewOf(s, p, std::move(stored)));
  return Status::Ok();
}

Result<CaseView> ReportingService::Get(const Actor& actor, CaseId id) {
  const Principal& p = actor.principal;
  CaseView out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto c, Visible(s, p, id));
    RENKEI_ASSIGN_OR_RETURN(out, ViewOf(s, p, std::move(c)));
    if (!out.is_reporter) {  // recipients' reads of a report are audited
      RENKEI_RETURN_IF_ERROR(
          s.audit.Append(AuditOf(actor, clock_.now_ms(), "report.read", "report", id.value)));
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::string> ReportingService::Pdf(const Actor& actor, CaseId id) {
  RENKEI_ASSIGN_OR_RETURN(auto view, Get(actor, id));
  return ReportPdf(catalog(), view, clock_.now_ms());
}

Status ReportingService::CheckFilter(CaseFilter& f) const {
  RENKEI_RETURN_IF_ERROR(CheckOneOf(f.scope, "scope", kCaseScopes));
  if (!f.status.empty()) RENKEI_RETURN_IF_ERROR(CheckOneOf(f.status, "status", kCaseStatuses));
  f.now = clock_.now_ms();
  return Status::Ok();
}

Result<std::int64_t> ReportingService::Count(const Principal& p, CaseFilter f) {
  RENKEI_RETURN_IF_ERROR(CheckFilter(f));
  std::int64_t n = 0;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(
        n, s.reporting.CountVisibleCases(f, AccessPolicy::ViewerOf(p, clock_.now_ms())));
    return Status::Ok();
  }));
  return n;
}

Result<std::vector<CaseTally>> ReportingService::Tally(const Principal& p, CaseFilter f) {
  RENKEI_RETURN_IF_ERROR(CheckFilter(f));
  std::vector<CaseTally> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(
        out, s.reporting.TallyVisibleCases(f, AccessPolicy::ViewerOf(p, clock_.now_ms())));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<CaseListEntry>> ReportingService::List(
    const Principal& p, CaseFilter f, std::optional<std::int64_t>& next_before_id) {
  RENKEI_RETURN_IF_ERROR(CheckFilter(f));
  std::vector<CaseListEntry> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(
        auto page, s.reporting.ListVisibleCases(f, AccessPolicy::ViewerOf(p, clock_.now_ms())));
    next_before_id = page.next_before_id;
    for (auto& c : page.items) {
      CaseListEntry e;
      e.overdue = c.next_due_at && *c.next_due_at < f.now && c.status != "closed" &&
                  (IsReporter(p, c) || c.overdue_to_hub);
      e.c = std::move(c);
      out.push_back(std::move(e));
    }
    return Status::Ok();
  }));
  return out;
}

Result<CaseView> ReportingService::Ask(const Actor& actor, CaseId id, const std::string& body,
                                       std::int64_t answer_to) {
  const Principal& p = actor.principal;
  RENKEI_RETURN_IF_ERROR(CheckText(body, "body", 5000, true, true));
  const Millis now = clock_.now_ms();
  CaseView out;
  RENKEI_RETURN_IF_ERROR(WriteAndRing(
      [&](Stores& s) -> Status {
        RENKEI_ASSIGN_OR_RETURN(auto c, Visible(s, p, id));
        if (c.status == "draft") {
          return err::Draft();
        }
        CaseMessage m;
        m.author_id = p.user_id;
        m.author_org_id = p.org_id;
        m.body = body;
        m.created_at = now;
        // Who writes decides what it is: recipients ask, the reporting organisation answers.
        CaseMail mail;
        mail.case_id = c.id;
        mail.except = p.user_id;
        mail.now = now;
        mail.not_before = now;
        if (!IsReporter(p, c)) {
          if (answer_to) return err::AnswerReporterOnly();
          m.kind = "question";
          mail.kind = kMailReportQuestion;
          mail.to = CaseAudience::kReporter;
        } else if (answer_to) {
          RENKEI_ASSIGN_OR_RETURN(auto messages, s.reporting.ListMessages(c.id));
          auto q = std::find_if(messages.begin(), messages.end(), [&](const CaseMessage& x) {
            return x.id == answer_to && x.kind == "question";
          });
          if (q == messages.end()) return err::QuestionNotFound().with_field("answer_to");
          m.kind = "answer";
          m.answer_to = answer_to;
          mail.kind = kMailReportAnswer;
          mail.to = CaseAudience::kRecipientOrg;
          mail.org = q->author_org_id;
        } else {
          m.kind = "note";
        }
        RENKEI_ASSIGN_OR_RETURN(auto mid, s.reporting.AddMessage(c.id, m));
        if (!mail.kind.empty()) {
          mail.subject_version = mid;
          RENKEI_RETURN_IF_ERROR(s.reporting.EnqueueCaseMail(mail).status());
        }
        AuditFields detail{{"message", mid}, {"kind", m.kind}};
        if (answer_to) detail.push_back({"answer_to", answer_to});
        RENKEI_RETURN_IF_ERROR(
            s.audit.Append(AuditOf(actor, now, "report.message", "report", id.value, detail)));
        c.updated_at = now;
        RENKEI_RETURN_IF_ERROR(s.reporting.UpdateCase(c));
        RENKEI_ASSIGN_OR_RETURN(auto stored, Visible(s, p, c.id));
        RENKEI_ASSIGN_OR_RETURN(out, ViewOf(s, p, std::move(stored)));
        return Status::Ok();
      },
      kReportMessage, id));
  return out;
}

Result<CaseView> ReportingService::SetStatus(const Actor& actor, CaseId id,
                                             const std::string& status) {
  const Principal& p = actor.principal;
  RENKEI_RETURN_IF_ERROR(CheckOneOf(status, "status", kSettableStatuses));
  const Millis now = clock_.now_ms();
  CaseView out;
  RENKEI_RETURN_IF_ERROR(WriteAndRing(
      [&](Stores& s) -> Status {
        RENKEI_ASSIGN_OR_RETURN(auto c, Visible(s, p, id));
        RENKEI_ASSIGN_OR_RETURN(auto recipients, s.reporting.ListRecipients(c.id));
        if (MyCapacities(p, recipients).empty()) {
          return err::NotRecipientStaff();
        }
        if (c.status == status) {
          return err::Unchanged(LocalText{status, StatusJa(status)});
        }
        c.status = status;
        c.updated_at = now;
        RENKEI_RETURN_IF_ERROR(s.reporting.UpdateCase(c));
        RENKEI_RETURN_IF_ERROR(s.reporting.AddEvent(c.id, {now, p.user_id, "", "status", status}));
        RENKEI_RETURN_IF_ERROR(s.audit.Append(
            AuditOf(actor, now, "report.status", "report", id.value, {{"status", status}})));
        RENKEI_ASSIGN_OR_RETURN(out, ViewOf(s, p, std::move(c)));
        return Status::Ok();
      },
      kReportStatus, id));
  return out;
}

Result<Attachment> ReportingService::AddAttachment(const Actor& actor, CaseId id,
                                                   std::string filename, std::string content_type,
                                                   std::string data) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  Attachment a;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto c, Visible(s, p, id));
    if (!IsReporter(p, c) || !p.has(Role::kMember)) {
      return err::AttachReporterOnly();
    }
    if (c.status == "closed") return err::Closed();
    RENKEI_ASSIGN_OR_RETURN(auto existing, s.reporting.ListAttachments(id));
    RENKEI_ASSIGN_OR_RETURN(a, NewAttachment(std::move(filename), std::move(content_type),
                                             std::move(data), existing.size(), p.user_id, now));
    RENKEI_ASSIGN_OR_RETURN(a.id, s.reporting.AddAttachment(id, a));
    // Administrators read the audit log but not the case: no file name in it.
    return s.audit.Append(
        AuditOf(actor, now, "report.attach", "report", id.value, {{"attachment_id", a.id.value}}));
  }));
  a.data.clear();
  return a;
}

Result<Attachment> ReportingService::GetAttachment(const Actor& actor, CaseId id,
                                                   AttachmentId att) {
  const Principal& p = actor.principal;
  std::optional<Attachment> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto c, Visible(s, p, id));
    RENKEI_ASSIGN_OR_RETURN(out, s.reporting.GetAttachment(id, att));
    if (!out) return err::AttachmentNotFound();
    if (IsReporter(p, c)) return Status::Ok();
    return s.audit.Append(AuditOf(actor, clock_.now_ms(), "report.read", "report", id.value,
                                  {{"attachment_id", att.value}}));
  }));
  return std::move(*out);
}

Result<std::shared_ptr<const Anonymiser>> ReportingService::anonymiser() {
  std::string version;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(version, s.reporting.DirectoryVersion());
    return Status::Ok();
  }));
  {
    std::lock_guard lock(mu_);
    if (anonymiser_ && anonymiser_version_ == version) return anonymiser_;
  }
  // The names and their version are read together, so a change in between is not lost:
  // the next call sees a version that differs from the one stored here.
  std::vector<DictionaryEntry> names;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(version, s.reporting.DirectoryVersion());
    RENKEI_ASSIGN_OR_RETURN(names, s.reporting.DirectoryNames());
    return Status::Ok();
  }));
  auto built = std::make_shared<const Anonymiser>(names, tagger_);
  std::lock_guard lock(mu_);
  anonymiser_ = built;
  anonymiser_version_ = version;
  return built;
}

Result<SummaryCheck> ReportingService::Disclosure(
    Stores& s, const ReportCase& c, const Anonymiser& anon,
    const std::vector<std::pair<std::string, std::string>>& fields) {
  SummaryCheck out;
  std::string all;
  for (const auto& [field, text] : fields) {
    for (auto& f : anon.Propose(text)) {
      if (!Identifies(f)) continue;
      if (f.source == "directory" &&
          std::find(out.directory_names.begin(), out.directory_names.end(), f.original) ==
              out.directory_names.end())
        out.directory_names.push_back(f.original);
      out.remaining.push_back({field, std::move(f)});
    }
    all += text;
    all += '\n';
  }
  RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(c.reporter_org_id));
  ReporterProfile reporter;
  if (org) {
    if (org->prefecture >= 1 && org->prefecture <= 47) {
      reporter.prefecture = org->prefecture;
      reporter.region = kPrefectures[org->prefecture - 1].region;
    }
    reporter.size_class = org->size_class;
    reporter.business_class = org->business_class;
  }
  out.disclosed = DetectDisclosed(all, reporter);
  out.narrowing = out.disclosed.words;
  if (!out.remaining.empty()) {
    // A name left in the text points at one operator, whatever the sector's size.
    out.k = 1;
    for (const auto& r : out.remaining)
      if (std::find(out.narrowing.begin(), out.narrowing.end(), r.finding.original) ==
          out.narrowing.end())
        out.narrowing.push_back(r.finding.original);
  } else {
    PeerFilter peers;
    if (out.disclosed.size) peers.size_class = reporter.size_class;
    if (out.disclosed.business_class) peers.business_class = reporter.business_class;
    if (out.disclosed.prefecture)
      peers.prefecture = reporter.prefecture;
    else if (out.disclosed.region)
      peers.region = reporter.region;
    RENKEI_ASSIGN_OR_RETURN(out.k, s.reporting.CountPeers(c.sector_id, peers));
  }
  out.k_warning = out.k < kAnonymityK;
  return out;
}

Result<SummaryProposal> ReportingService::ProposeSummary(const Principal& p, CaseId id) {
  RENKEI_ASSIGN_OR_RETURN(auto anon, anonymiser());
  SummaryProposal out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto c, Summarisable(s, p, id));
    RENKEI_ASSIGN_OR_RETURN(auto versions, s.reporting.ListVersions(c.id));
    const ReportVersion* latest = nullptr;
    for (const auto& v : versions)
      if (!v.draft) latest = &v;
    out.source = ReportMarkdown(catalog(), c, *latest);
    out.findings = anon->Propose(out.source);
    const std::string redacted = ApplyFindings(out.source, out.findings);
    RENKEI_ASSIGN_OR_RETURN(auto check, Disclosure(s, c, *anon, {{"body", redacted}}));
    out.disclosed = std::move(check.disclosed);
    out.k = check.k;
    out.k_warning = check.k_warning;
    out.narrowing = std::move(check.narrowing);
    return Status::Ok();
  }));
  return out;
}

namespace {

// The fields of a summary as the anonymiser reads them, named as the input names them.
std::vector<std::pair<std::string, std::string>> SummaryFields(const SummaryInput& in) {
  std::vector<std::pair<std::string, std::string>> fields{{"title", in.title}, {"body", in.body}};
  for (size_t i = 0; i < in.indicators.size(); ++i)
    if (!in.indicators[i].note.empty())
      fields.emplace_back("indicators[" + std::to_string(i) + "].note", in.indicators[i].note);
  return fields;
}

// What stops a summary from being published: a directory name left in it, or a group
// smaller than k the analyst did not accept.
Status Refusal(const SummaryCheck& check, bool accept_k_risk) {
  if (!check.directory_names.empty()) {
    for (const auto& r : check.remaining)
      if (r.finding.original == check.directory_names.front())
        return err::SummaryNamesDirectory(r.finding.original).with_field(r.field);
  }
  if (check.k_warning && !accept_k_risk) {
    std::string words;
    for (const auto& w : check.narrowing) words += (words.empty() ? "" : "、") + w;
    if (words.empty())
      return err::KAnonymity({.k = check.k, .words = LocalText{"the sector alone", "分野のみ"}});
    return err::KAnonymity({.k = check.k, .words = words});
  }
  return Status::Ok();
}

}  // namespace

NewItem ReportingService::SummaryItem(const ReportCase& c, const SummaryInput& in) const {
  NewItem item;
  item.kind = c.report_class == "near_miss" ? "near_miss_summary" : "incident_summary";
  item.tlp = in.tlp;
  item.content.title = in.title;
  item.content.body = in.body;
  item.audience = in.audience;
  item.indicators = in.indicators;
  return item;
}

Result<SummaryCheck> ReportingService::CheckSummary(const Actor& actor, CaseId id,
                                                    const SummaryInput& in) {
  RENKEI_RETURN_IF_ERROR(CheckIndicators(in.indicators, "indicators"));
  RENKEI_ASSIGN_OR_RETURN(auto anon, anonymiser());
  SummaryCheck out;
  ReportCase c;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(c, Summarisable(s, actor.principal, id));
    RENKEI_ASSIGN_OR_RETURN(out, Disclosure(s, c, *anon, SummaryFields(in)));
    return Status::Ok();
  }));
  RENKEI_ASSIGN_OR_RETURN(out.reach, sharing_.Rehearse(actor, SummaryItem(c, in)));
  return out;
}

Result<ItemView> ReportingService::PublishSummary(const Actor& actor, CaseId id,
                                                  const SummaryInput& in) {
  const Principal& p = actor.principal;
  RENKEI_RETURN_IF_ERROR(CheckIndicators(in.indicators, "indicators"));
  RENKEI_ASSIGN_OR_RETURN(auto anon, anonymiser());
  ReportCase c;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(c, Summarisable(s, p, id));
    RENKEI_ASSIGN_OR_RETURN(auto check, Disclosure(s, c, *anon, SummaryFields(in)));
    return Refusal(check, in.accept_k_risk);
  }));
  RENKEI_ASSIGN_OR_RETURN(
      auto published,
      sharing_.Publish(actor, SummaryItem(c, in), [&](Stores& s, const Item& it) -> Status {
        const Millis now = it.published_at;
        RENKEI_RETURN_IF_ERROR(s.reporting.AddSummary(
            c.id, {it.id, TlpName(it.tlp), it.content.title, p.user_id, now}));
        RENKEI_RETURN_IF_ERROR(s.reporting.AddEvent(
            c.id, {now, p.user_id, "", "summary", std::to_string(it.id.value)}));
        return s.audit.Append(
            AuditOf(actor, now, "report.summary", "report", id.value, {{"item", it.id.value}}));
      }));
  return published.view;
}

}  // namespace renkei::domain
