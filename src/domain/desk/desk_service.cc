#include "domain/desk/desk_service.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>

#include "core/error_codes.h"
#include "core/text.h"
#include "core/time_format.h"
#include "domain/audit/audit.h"
#include "domain/directory/directory_store.h"
#include "domain/validation.h"

namespace renkei::domain {

namespace {

constexpr Millis kMinute = 60 * 1000;
constexpr size_t kMaxSubject = 200;
constexpr size_t kMaxBody = 10000;
constexpr size_t kMaxCaller = 200;
constexpr size_t kMaxOutcome = 4000;
constexpr size_t kMaxEngineer = 100;
constexpr size_t kMaxNote = 1000;
constexpr std::int64_t kMaxDamageYen = 1'000'000'000'000;  // 1 兆円
constexpr int kRecentAlerts = 50;

// urgent, high, normal, low: the order of Consortium::first_response_min.
int PriorityIndex(const std::string& p) {
  if (p == "urgent") return 0;
  if (p == "high") return 1;
  if (p == "low") return 3;
  return 2;
}

Millis ResponseDue(const Consortium& c, const std::string& priority, Millis opened) {
  return opened + c.first_response_min[PriorityIndex(priority)] * kMinute;
}

Status CheckCategory(const std::string& kind, const std::string& category) {
  RENKEI_RETURN_IF_ERROR(CheckOneOf(kind, "kind", kTicketKinds));
  if (kind == "contact" ? OneOf(category, kContactCategories)
                        : OneOf(category, kIncidentCategories))
    return Status::Ok();
  return err::DeskCategoryKind({.allowed = kind == "contact" ? ListOf(kContactCategories)
                                                             : ListOf(kIncidentCategories),
                                .category = category})
      .with_field("category");
}

// An event entry: what the platform recorded, as "code|argument" for the reader's language
// (the web app words it: status, assign, priority, dispatch, left, arrived, finished,
// merged_into, merged_from, alert, reopened).
TicketEntry EventEntry(Millis at, const Principal* by, std::string code, std::string arg = "") {
  TicketEntry e;
  e.at = at;
  e.kind = "event";
  if (by && by->user_id.valid()) e.author_id = by->user_id;
  e.body = arg.empty() ? std::move(code) : code + "|" + arg;
  return e;
}

// The instant's month in JST, "2026-11".
std::string JstMonth(Millis at) {
  using namespace std::chrono;
  const auto day = floor<days>(sys_time<milliseconds>(milliseconds(at + 9 * 3600 * 1000)));
  const year_month_day ymd(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()));
  return buf;
}

// The instants [start, end) of a JST month "2026-11".
std::pair<Millis, Millis> JstMonthSpan(const std::string& month) {
  using namespace std::chrono;
  const year_month ym{year{std::stoi(month.substr(0, 4))},
                      std::chrono::month{static_cast<unsigned>(std::stoi(month.substr(5, 2)))}};
  auto at = [](sys_days d) {
    return duration_cast<milliseconds>(d.time_since_epoch()).count() - 9 * 3600 * 1000;
  };
  return {at(sys_days{ym / 1}), at(sys_days{(ym + std::chrono::months{1}) / 1})};
}

std::optional<Millis> Median(std::vector<Millis> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

template <size_t N>
int IndexOf(const char* const (&list)[N], const std::string& v) {
  for (size_t i = 0; i < N; ++i)
    if (v == list[i]) return static_cast<int>(i);
  return static_cast<int>(N) - 1;  // "other" is last in both category lists
}

// An alert as the intake may hand it, made safe to store: codes from their lists, texts
// valid UTF-8 and bounded, a severity in 0–10 — so one odd line can never fail its batch.
AlertIn Cleaned(const AlertIn& in, Millis now) {
  AlertIn a = in;
  a.severity = std::clamp(a.severity, 0, 10);
  if (!OneOf(a.category, kAlertCategories)) a.category = "other";
  a.signature = CleanUtf8(a.signature, 500);
  a.src = CleanUtf8(a.src, 100);
  a.dst = CleanUtf8(a.dst, 100);
  a.action = CleanUtf8(a.action, 50);
  a.vendor = CleanUtf8(a.vendor, 50);
  a.device_serial = CleanUtf8(a.device_serial, 100);
  a.sender = CleanUtf8(a.sender, 100);
  a.raw = CleanUtf8(a.raw, kMaxRawBytes);
  if (a.count < 1) a.count = 1;
  if (a.at <= 0) a.at = now;
  return a;
}

}  // namespace

bool TicketIsOpen(const std::string& status) { return status != "resolved" && status != "merged"; }

DeskViewer DeskViewerOf(const Principal& p) { return {p.org_id, p.has(Role::kDeskAgent)}; }

namespace {
// The rule's consortium clauses: its provider's desk agents work it, its overseer's
// government officers see its statistics.
bool WorksOrOversees(const Principal& p, const Consortium& c) {
  return (p.has(Role::kDeskAgent) && c.provider_org_id == p.org_id) ||
         (p.is_government() && c.overseer_org_id == p.org_id);
}
}  // namespace

Result<std::vector<Consortium>> DeskService::Consortia(const Principal& p) {
  std::vector<Consortium> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto all, s.desk.ConsortiaOf(p.org_id));
    for (auto& c : all) {
      const bool works_or_oversees = WorksOrOversees(p, c);
      // An SME's people see the consortia it is enrolled with; the overseer's and the
      // provider's other people none (the rule names only its officers and agents).
      bool enrolled = false;
      if (!works_or_oversees) {
        RENKEI_ASSIGN_OR_RETURN(auto own,
                                s.desk.Contracts(DeskViewer{p.org_id, false}, c.id, "", 1));
        enrolled = !own.empty();
      }
      if (works_or_oversees || enrolled) out.push_back(std::move(c));
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Contract>> DeskService::Contracts(const Principal& p,
                                                     std::optional<ConsortiumId> consortium,
                                                     const std::string& q) {
  RENKEI_RETURN_IF_ERROR(CheckText(q, "q", 200, false));
  std::vector<Contract> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.desk.Contracts(DeskViewerOf(p), consortium, q, 500));
    return Status::Ok();
  }));
  return out;
}

Result<TicketDetail> DeskService::DetailOf(Stores& s, const DeskViewer& v, TicketId id) {
  RENKEI_ASSIGN_OR_RETURN(auto t, s.desk.GetTicket(v, id));
  if (!t) return err::DeskTicketNotFound();
  TicketDetail d;
  d.ticket = std::move(*t);
  if (v.agent) {
    RENKEI_ASSIGN_OR_RETURN(auto c, s.desk.GetConsortium(d.ticket.consortium_id));
    d.desk_view = c && c->provider_org_id == v.org_id;
  }
  RENKEI_ASSIGN_OR_RETURN(d.entries, s.desk.Entries(id, d.desk_view));
  RENKEI_ASSIGN_OR_RETURN(auto files, s.desk.EntryAttachments(v, id));
  for (auto& [entry, file] : files) {
    for (auto& e : d.entries)
      if (e.id == entry) e.attachments.push_back(std::move(file));
  }
  RENKEI_ASSIGN_OR_RETURN(d.dispatches, s.desk.Dispatches(id));
  RENKEI_ASSIGN_OR_RETURN(d.alerts, s.desk.AlertsOf(id));
  if (!d.desk_view) {
    for (auto& a : d.alerts) a.raw.clear();
  }
  RENKEI_ASSIGN_OR_RETURN(d.merged_from, s.desk.MergedFrom(id));
  return d;
}

Result<TicketDetail> DeskService::Get(const Principal& p, TicketId id) {
  TicketDetail d;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(d, DetailOf(s, DeskViewerOf(p), id));
    return Status::Ok();
  }));
  return d;
}

namespace {
// What List and Count refuse alike (one filter, one answer).
Status CheckFilter(const TicketFilter& f) {
  RENKEI_RETURN_IF_ERROR(CheckText(f.q, "q", 200, false));
  if (!f.status.empty() && f.status != "open")
    RENKEI_RETURN_IF_ERROR(CheckOneOf(f.status, "status", kTicketStatuses));
  if (!f.kind.empty()) RENKEI_RETURN_IF_ERROR(CheckOneOf(f.kind, "kind", kTicketKinds));
  return Status::Ok();
}
}  // namespace

Result<TicketPage> DeskService::List(const Principal& p, TicketFilter f) {
  RENKEI_RETURN_IF_ERROR(CheckFilter(f));
  TicketPage page;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(page, s.desk.ListTickets(DeskViewerOf(p), f, clock_.now_ms()));
    return Status::Ok();
  }));
  return page;
}

Result<std::int64_t> DeskService::Count(const Principal& p, TicketFilter f) {
  RENKEI_RETURN_IF_ERROR(CheckFilter(f));
  std::int64_t n = 0;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(n, s.desk.CountTickets(DeskViewerOf(p), f, clock_.now_ms()));
    return Status::Ok();
  }));
  return n;
}

Result<TicketDetail> DeskService::Open(const Actor& actor, const NewTicket& in) {
  const Principal& p = actor.principal;
  // The desk's side: a desk agent of an organisation that provides a consortium. Anyone
  // else — an SME's people whatever their role — sends the form.
  bool agent = false;
  if (p.has(Role::kDeskAgent)) {
    RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(auto all, s.desk.ConsortiaOf(p.org_id));
      agent = std::any_of(all.begin(), all.end(),
                          [&](const Consortium& c) { return c.provider_org_id == p.org_id; });
      return Status::Ok();
    }));
  }
  RENKEI_RETURN_IF_ERROR(CheckText(in.subject, "subject", kMaxSubject, true));
  RENKEI_RETURN_IF_ERROR(CheckText(in.body, "body", kMaxBody, true, true));
  RENKEI_RETURN_IF_ERROR(CheckText(in.caller, "caller", kMaxCaller, false));
  // Spaces alone are no subject and no consultation.
  if (Trim(in.subject).empty()) return err::Required().with_field("subject");
  if (Trim(in.body).empty()) return err::Required().with_field("body");
  RENKEI_RETURN_IF_ERROR(CheckCategory(in.kind, in.category));
  RENKEI_RETURN_IF_ERROR(CheckOneOf(in.priority, "priority", kTicketPriorities));
  if (agent) {
    if (in.channel != "phone" && in.channel != "mail")
      return err::DeskChannelForAgent().with_field("channel");
    if (!in.sme) return err::Required().with_field("sme_org_id");
  } else {
    if (!in.channel.empty() && in.channel != "web")
      return err::DeskChannelForSme().with_field("channel");
    if (in.sme && *in.sme != p.org_id) return err::DeskChannelForSme().with_field("sme_org_id");
  }
  const Millis now = clock_.now_ms();
  TicketId id;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    const OrgId sme = agent ? *in.sme : p.org_id;
    // An agent serves the SME under its own consortia's contract, whatever other
    // consortium the SME is enrolled with as well.
    RENKEI_ASSIGN_OR_RETURN(auto contract,
                            s.desk.ContractInForce(sme, now, agent ? p.org_id : OrgId()));
    std::optional<Consortium> consortium;
    if (contract) {
      RENKEI_ASSIGN_OR_RETURN(consortium, s.desk.GetConsortium(contract->consortium_id));
    }
    if (agent && (!consortium || consortium->provider_org_id != p.org_id))
      return err::DeskNotEnrolled().with_field("sme_org_id");
    if (!agent && !consortium) return err::DeskOwnNotEnrolled();
    Ticket t;
    t.consortium_id = consortium->id;
    t.sme_org_id = sme;
    t.sme_name = contract->sme_name;
    t.channel = agent ? in.channel : "web";
    t.kind = in.kind;
    t.category = in.category;
    t.priority = agent ? in.priority : (in.kind == "incident" ? "high" : "normal");
    t.subject = Trim(in.subject);
    t.caller = Trim(in.caller);
    t.opened_by = p.user_id;
    t.opened_at = t.updated_at = now;
    t.first_response_due = ResponseDue(*consortium, t.priority, now);
    // A call the agent takes is answered as it is taken: the first response is now, and
    // the ticket is the agent's.
    if (agent && in.channel == "phone") {
      t.assignee_id = p.user_id;
      t.first_response_at = now;
      t.status = "triage";
    }
    RENKEI_ASSIGN_OR_RETURN(id, s.desk.CreateTicket(t));
    t.id = id;
    if (t.first_response_at) RENKEI_RETURN_IF_ERROR(s.desk.UpdateTicket(t));
    TicketEntry e;
    e.at = now;
    e.kind = "message";
    e.author_id = p.user_id;
    e.from_sme = !agent;
    e.body = in.body;
    RENKEI_RETURN_IF_ERROR(s.desk.AddEntry(id, e).status());
    return s.audit.Append(AuditOf(actor, now, "desk.ticket_open", "desk_ticket", id.value,
                                  {{"channel", t.channel},
                                   {"kind", t.kind},
                                   {"category", t.category},
                                   {"priority", t.priority},
                                   {"sme_org_id", sme.value}}));
  }));
  Announce(id, "desk_ticket_open");
  return Get(p, id);
}

namespace {
// Customers are active critical-infrastructure operators, each named once.
Status CheckCustomers(Stores& s, const std::vector<OrgId>& orgs) {
  if (orgs.size() > 100) return err::TooMany(100).with_field("customers");
  for (size_t i = 0; i < orgs.size(); ++i) {
    const std::string at = "customers[" + std::to_string(i) + "]";
    if (std::find(orgs.begin(), orgs.begin() + i, orgs[i]) != orgs.begin() + i)
      return err::Duplicate(orgs[i].value).with_field(at);
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(orgs[i]));
    if (!org || !org->active || org->kind != "operator")
      return err::DeskCustomerNotOperator().with_field(at);
  }
  return Status::Ok();
}

// The ticket as its desk agent may change it: visible, the caller works it, not merged.
Result<TicketDetail> Workable(Result<TicketDetail> d) {
  if (!d.ok()) return d;
  if (!d->desk_view) return err::DeskAgentsOnly();
  if (d->ticket.status == "merged") return err::DeskTicketClosed();
  return d;
}
}  // namespace

Result<TicketDetail> DeskService::Change(const Actor& actor, TicketId id, const TicketChange& c) {
  const Principal& p = actor.principal;
  if (c.status) {
    RENKEI_RETURN_IF_ERROR(CheckOneOf(*c.status, "status", kTicketStatuses));
    if (*c.status == "merged") return err::DeskStatusMerged().with_field("status");
  }
  if (c.priority) RENKEI_RETURN_IF_ERROR(CheckOneOf(*c.priority, "priority", kTicketPriorities));
  if (c.outcome) RENKEI_RETURN_IF_ERROR(CheckText(*c.outcome, "outcome", kMaxOutcome, false, true));
  if (c.damage_estimate_yen &&
      (*c.damage_estimate_yen < 0 || *c.damage_estimate_yen > kMaxDamageYen))
    return err::InvalidNumber().with_field("damage_estimate_yen");
  const Millis now = clock_.now_ms();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto d, Workable(DetailOf(s, DeskViewerOf(p), id)));
    Ticket t = d.ticket;
    AuditFields changed;
    std::vector<TicketEntry> events;
    const std::string kind = c.kind.value_or(t.kind);
    // A new kind alone resets the category to the one both kinds have; the same kind
    // restated keeps it.
    const std::string category =
        c.category.value_or(c.kind && *c.kind != t.kind ? "other" : t.category);
    if (c.kind || c.category) {
      RENKEI_RETURN_IF_ERROR(CheckCategory(kind, category));
      if (kind != t.kind) changed.push_back({"kind", kind});
      if (category != t.category) changed.push_back({"category", category});
      t.kind = kind;
      t.category = category;
    }
    if (c.priority && *c.priority != t.priority) {
      t.priority = *c.priority;
      RENKEI_ASSIGN_OR_RETURN(auto con, s.desk.GetConsortium(t.consortium_id));
      if (con && !t.first_response_at)
        t.first_response_due = ResponseDue(*con, t.priority, t.opened_at);
      events.push_back(EventEntry(now, &p, "priority", t.priority));
      changed.push_back({"priority", t.priority});
    }
    if (c.outcome) t.outcome = Trim(*c.outcome);
    if (c.damage_estimate_yen) {
      t.damage_estimate_yen = *c.damage_estimate_yen;
      changed.push_back({"damage_estimate_yen", *c.damage_estimate_yen});
    }
    if (c.assignee || c.clear_assignee) {
      if (c.clear_assignee) {
        t.assignee_id = UserId();
        t.assignee_name.clear();
      } else {
        RENKEI_ASSIGN_OR_RETURN(auto u, s.directory.GetUser(*c.assignee));
        const bool agent_here =
            u && u->active && u->org_id == p.org_id && Contains(u->roles, Role::kDeskAgent);
        if (!agent_here) return err::DeskAssigneeNotAgent().with_field("assignee_id");
        t.assignee_id = u->id;
        t.assignee_name = u->display_name;
      }
      events.push_back(EventEntry(now, &p, "assign", t.assignee_name));
      changed.push_back({"assignee_id", t.assignee_id.value});
    }
    if (c.status && *c.status != t.status) {
      if (*c.status == "resolved") {
        if (t.outcome.empty()) return err::DeskOutcomeRequired().with_field("outcome");
        t.resolved_at = now;
      } else {
        t.resolved_at.reset();
      }
      t.status = *c.status;
      events.push_back(EventEntry(now, &p, "status", t.status));
      changed.push_back({"status", t.status});
    }
    // Taking the ticket up (any change of its status from 受付) is its first response.
    if (!t.first_response_at && t.status != "received") t.first_response_at = now;
    if (t.status == "resolved" && t.outcome.empty())
      return err::DeskOutcomeRequired().with_field("outcome");
    t.updated_at = now;
    RENKEI_RETURN_IF_ERROR(s.desk.UpdateTicket(t));
    for (const auto& e : events) RENKEI_RETURN_IF_ERROR(s.desk.AddEntry(id, e).status());
    return s.audit.Append(
        AuditOf(actor, now, "desk.ticket_change", "desk_ticket", id.value, std::move(changed)));
  }));
  Announce(id, "desk_ticket_change");
  return Get(p, id);
}

Result<TicketDetail> DeskService::AddEntry(const Actor& actor, TicketId id, const std::string& kind,
                                           const std::string& body) {
  const Principal& p = actor.principal;
  if (kind != "note" && kind != "message") {
    return err::InvalidValue("note, message").with_field("kind");
  }
  RENKEI_RETURN_IF_ERROR(CheckText(body, "body", kMaxBody, true, true));
  if (Trim(body).empty()) return err::Required().with_field("body");
  const Millis now = clock_.now_ms();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto d, DetailOf(s, DeskViewerOf(p), id));
    if (kind == "note" && !d.desk_view) return err::DeskNotesAgentsOnly().with_field("kind");
    if (d.ticket.status == "merged") return err::DeskTicketClosed();
    Ticket t = d.ticket;
    TicketEntry e;
    e.at = now;
    e.kind = kind;
    e.author_id = p.user_id;
    e.from_sme = !d.desk_view;
    e.body = body;
    RENKEI_RETURN_IF_ERROR(s.desk.AddEntry(id, e).status());
    // The desk's message is a response; the SME writing on a completed ticket reopens it.
    if (d.desk_view && kind == "message" && !t.first_response_at) t.first_response_at = now;
    if (!d.desk_view && t.status == "resolved") {
      t.status = "triage";
      t.resolved_at.reset();
      RENKEI_RETURN_IF_ERROR(s.desk.AddEntry(id, EventEntry(now, &p, "reopened")).status());
    }
    t.updated_at = now;
    RENKEI_RETURN_IF_ERROR(s.desk.UpdateTicket(t));
    return s.audit.Append(
        AuditOf(actor, now, std::string("desk.ticket_") + kind, "desk_ticket", id.value));
  }));
  Announce(id, kind == "note" ? kTicketNoteEvent : "desk_ticket_entry");
  return Get(p, id);
}

Result<TicketDetail> DeskService::RequestDispatch(const Actor& actor, TicketId id,
                                                  const std::string& engineer,
                                                  const std::string& note) {
  const Principal& p = actor.principal;
  RENKEI_RETURN_IF_ERROR(CheckText(engineer, "engineer", kMaxEngineer, true));
  RENKEI_RETURN_IF_ERROR(CheckText(note, "note", kMaxNote, false, true));
  const Millis now = clock_.now_ms();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto d, Workable(DetailOf(s, DeskViewerOf(p), id)));
    Ticket t = d.ticket;
    RENKEI_ASSIGN_OR_RETURN(auto con, s.desk.GetConsortium(t.consortium_id));
    Dispatch dp;
    dp.engineer = Trim(engineer);
    dp.requested_at = now;
    dp.note = note;
    RENKEI_ASSIGN_OR_RETURN(auto dispatch_id, s.desk.AddDispatch(id, dp));
    // Going on site is an incident handled by a visit (訪問による対応), whatever it began as.
    t.kind = "incident";
    t.category = "onsite";
    t.status = "onsite";
    t.resolved_at.reset();
    if (!t.arrived_at && con) t.arrival_due = now + con->arrival_min * kMinute;
    if (!t.first_response_at) t.first_response_at = now;
    t.updated_at = now;
    RENKEI_RETURN_IF_ERROR(s.desk.UpdateTicket(t));
    RENKEI_RETURN_IF_ERROR(
        s.desk.AddEntry(id, EventEntry(now, &p, "dispatch", dp.engineer)).status());
    return s.audit.Append(AuditOf(actor, now, "desk.dispatch", "desk_ticket", id.value,
                                  {{"dispatch_id", dispatch_id}}));
  }));
  Announce(id, "desk_ticket_change");
  return Get(p, id);
}

Result<TicketDetail> DeskService::StepDispatch(const Actor& actor, TicketId id,
                                               std::int64_t dispatch_id, DispatchStep step) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto d, Workable(DetailOf(s, DeskViewerOf(p), id)));
    auto it = std::find_if(d.dispatches.begin(), d.dispatches.end(),
                           [&](const Dispatch& x) { return x.id == dispatch_id; });
    if (it == d.dispatches.end()) return err::DeskDispatchNotFound();
    Dispatch dp = *it;
    Ticket t = d.ticket;
    const char* code = "";
    switch (step) {
      case DispatchStep::kLeft:
        if (dp.left_at) return err::DeskDispatchOrder();
        dp.left_at = now;
        code = "left";
        break;
      case DispatchStep::kArrived:
        if (!dp.left_at || dp.arrived_at) return err::DeskDispatchOrder();
        dp.arrived_at = now;
        if (!t.arrived_at) t.arrived_at = now;
        code = "arrived";
        break;
      case DispatchStep::kFinished:
        if (!dp.arrived_at || dp.finished_at) return err::DeskDispatchOrder();
        dp.finished_at = now;
        code = "finished";
        break;
    }
    RENKEI_RETURN_IF_ERROR(s.desk.UpdateDispatch(id, dp));
    t.updated_at = now;
    RENKEI_RETURN_IF_ERROR(s.desk.UpdateTicket(t));
    RENKEI_RETURN_IF_ERROR(s.desk.AddEntry(id, EventEntry(now, &p, code, dp.engineer)).status());
    return s.audit.Append(AuditOf(actor, now, std::string("desk.dispatch_") + code, "desk_ticket",
                                  id.value, {{"dispatch_id", dispatch_id}}));
  }));
  Announce(id, "desk_ticket_change");
  return Get(p, id);
}

Result<TicketDetail> DeskService::Merge(const Actor& actor, TicketId id, TicketId into) {
  const Principal& p = actor.principal;
  if (id == into) return err::DeskMergeSelf().with_field("into");
  const Millis now = clock_.now_ms();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    const DeskViewer v = DeskViewerOf(p);
    RENKEI_ASSIGN_OR_RETURN(auto dup, Workable(DetailOf(s, v, id)));
    auto target = DetailOf(s, v, into);
    if (!target.ok()) return Status(target.status()).with_field("into");
    if (!target->desk_view) return err::DeskAgentsOnly();
    const Ticket& to = target->ticket;
    Ticket t = dup.ticket;
    if (!TicketIsOpen(to.status) || !TicketIsOpen(t.status) || to.sme_org_id != t.sme_org_id ||
        to.consortium_id != t.consortium_id)
      return err::DeskMergeMismatch().with_field("into");
    t.status = "merged";
    t.merged_into = into;
    t.updated_at = now;
    RENKEI_RETURN_IF_ERROR(s.desk.UpdateTicket(t));
    RENKEI_RETURN_IF_ERROR(s.desk.MoveAlerts(id, into));
    RENKEI_RETURN_IF_ERROR(
        s.desk.AddEntry(id, EventEntry(now, &p, "merged_into", std::to_string(into.value)))
            .status());
    RENKEI_RETURN_IF_ERROR(
        s.desk.AddEntry(into, EventEntry(now, &p, "merged_from", std::to_string(id.value)))
            .status());
    Ticket keep = to;
    keep.updated_at = now;
    RENKEI_RETURN_IF_ERROR(s.desk.UpdateTicket(keep));
    return s.audit.Append(
        AuditOf(actor, now, "desk.ticket_merge", "desk_ticket", id.value, {{"into", into.value}}));
  }));
  Announce(id, "desk_ticket_change");
  Announce(into, "desk_ticket_change");
  return Get(p, into);
}

Result<std::vector<Alert>> DeskService::RecentAlerts(const Principal& p, std::optional<OrgId> sme) {
  std::vector<Alert> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    const OrgId org = sme.value_or(p.org_id);
    // The SME's own, or an agent's of an SME enrolled with its consortium (the devices of
    // its consortia's contracts only); else nothing to see (404, the SME's existence not
    // told).
    const DeskViewer v = DeskViewerOf(p);
    bool desk_view = false;
    if (org != p.org_id) {
      bool ours = false;
      if (v.agent) {
        RENKEI_ASSIGN_OR_RETURN(ours, s.desk.SeesContractOf(v, org));
      }
      if (!ours) return err::DeskContractNotFound();
      desk_view = true;
    }
    RENKEI_ASSIGN_OR_RETURN(out, s.desk.RecentAlerts(v, org, kRecentAlerts));
    if (!desk_view) {
      for (auto& a : out) a.raw.clear();
    }
    return Status::Ok();
  }));
  return out;
}

Result<DeskStats> DeskService::StatsPeriod(std::optional<Millis> from_in,
                                           std::optional<Millis> to_in) {
  const Millis to = to_in.value_or(clock_.now_ms() + 1);
  const Millis from = from_in.value_or(to - Millis{365} * 24 * 3600 * 1000);
  if (from >= to || to - from > Millis{731} * 24 * 3600 * 1000)
    return err::DeskStatsPeriod().with_field("from");
  DeskStats out;
  out.from = from;
  out.to = to;
  return out;
}

Result<DeskStats> DeskService::Stats(const Principal& p, std::optional<ConsortiumId> consortium,
                                     std::optional<Millis> from_in, std::optional<Millis> to_in) {
  RENKEI_ASSIGN_OR_RETURN(DeskStats out, StatsPeriod(from_in, to_in));
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    out.rows.clear();
    return StatsIn(s, p, consortium, out);
  }));
  return out;
}

Result<DeskStats> DeskService::ExportStats(const Actor& actor,
                                           std::optional<ConsortiumId> consortium,
                                           std::optional<Millis> from_in,
                                           std::optional<Millis> to_in, const ExportRequest& req) {
  RENKEI_ASSIGN_OR_RETURN(DeskStats out, StatsPeriod(from_in, to_in));
  const Millis now = clock_.now_ms();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    out.rows.clear();
    RENKEI_RETURN_IF_ERROR(StatsIn(s, actor.principal, consortium, out));
    // A few rows per consortium and month: never near kMaxExportRows, never cut.
    return s.audit.Append(ExportAuditOf(
        actor, now, "desk_stats", consortium ? "desk_consortium" : "",
        consortium ? std::to_string(consortium->value) : "", req, out.rows.size() + 1, false));
  }));
  return out;
}

Status DeskService::StatsIn(Stores& s, const Principal& p, std::optional<ConsortiumId> consortium,
                            DeskStats& out) {
  const Millis from = out.from, to = out.to;
  {
    RENKEI_ASSIGN_OR_RETURN(auto all, s.desk.ConsortiaOf(p.org_id));
    std::vector<Consortium> mine;
    for (auto& c : all) {
      if (WorksOrOversees(p, c) && (!consortium || c.id == *consortium)) mine.push_back(c);
    }
    if (mine.empty()) {
      if (consortium) return err::DeskConsortiumNotFound();
      return err::DeskStatsNotAllowed();
    }
    std::vector<ConsortiumId> ids;
    for (const auto& c : mine) ids.push_back(c.id);
    RENKEI_ASSIGN_OR_RETURN(auto facts, s.desk.Facts(ids, from, to));
    struct Acc {
      DeskStatsRow row;
      std::vector<Millis> response, arrival;
    };
    auto add = [](Acc& a, const TicketFacts& f) {
      if (f.kind == "contact") {
        ++a.row.contacts;
        ++a.row.contact_by_category[IndexOf(kContactCategories, f.category)];
      } else {
        ++a.row.incidents;
        ++a.row.incident_by_category[IndexOf(kIncidentCategories, f.category)];
      }
      a.row.dispatches += f.dispatches;
      if (f.first_response_at) a.response.push_back(*f.first_response_at - f.opened_at);
      if (f.first_requested_at && f.first_arrived_at)
        a.arrival.push_back(*f.first_arrived_at - *f.first_requested_at);
      a.row.damage_estimate_yen += f.damage_estimate_yen.value_or(0);
    };
    auto finish = [](Acc& a) {
      a.row.median_first_response_ms = Median(a.response);
      a.row.median_arrival_ms = Median(a.arrival);
      return a.row;
    };
    Acc grand;
    for (const auto& c : mine) {
      std::map<std::string, Acc> months;
      Acc total;
      for (const auto& f : facts) {
        if (f.consortium_id != c.id) continue;
        add(months[JstMonth(f.opened_at)], f);
        add(total, f);
        add(grand, f);
      }
      RENKEI_ASSIGN_OR_RETURN(auto participants, s.desk.Participants(c.id, from, to));
      for (auto& [month, acc] : months) {
        acc.row.consortium_id = c.id;
        acc.row.consortium_name = c.name_ja;
        acc.row.region = c.region_ja;
        acc.row.month = month;
        // A month's participants: enrolled at some time in that month (of the period).
        const auto [start, end] = JstMonthSpan(month);
        RENKEI_ASSIGN_OR_RETURN(
            acc.row.participants,
            s.desk.Participants(c.id, std::max(start, from), std::min(end, to)));
        out.rows.push_back(finish(acc));
      }
      total.row.consortium_id = c.id;
      total.row.consortium_name = c.name_ja;
      total.row.region = c.region_ja;
      total.row.participants = participants;
      out.rows.push_back(finish(total));
      grand.row.participants += participants;
    }
    out.total = finish(grand);
  }
  return Status::Ok();
}

Result<std::vector<SenderCount>> DeskService::IntakeCounts(const Principal& p) {
  if (!p.is_admin()) return err::DeskIntakeAdminsOnly();
  std::vector<SenderCount> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.desk.SenderCounts());
    return Status::Ok();
  }));
  return out;
}

Result<IngestResult> DeskService::Ingest(const std::vector<AlertIn>& batch,
                                         const std::vector<SenderCount>& counts,
                                         const IngestPolicy& policy) {
  const Millis now = clock_.now_ms();
  IngestResult res;
  std::set<std::int64_t> touched;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    touched.clear();
    res = IngestResult{};
    std::map<std::string, std::int64_t> unknown;
    std::map<std::string, std::optional<Device>> devices;  // serial + '\n' + sender
    // A device's contract and its consortium, read once per contract in the batch (none:
    // the contract or consortium is gone).
    struct Tenancy {
      Contract contract;
      Consortium consortium;
    };
    std::map<std::int64_t, std::optional<Tenancy>> tenancy;
    // By SME and consortium: a device's alerts go onto its own consortium's ticket only.
    std::map<std::pair<std::int64_t, std::int64_t>, std::optional<Ticket>> open_ticket;
    for (const AlertIn& raw : batch) {
      const AlertIn a = Cleaned(raw, now);
      const std::string dev_key = a.device_serial + '\n' + a.sender;
      auto dit = devices.find(dev_key);
      if (dit == devices.end()) {
        RENKEI_ASSIGN_OR_RETURN(auto dev, s.desk.DeviceOf(a.device_serial, a.sender, now));
        dit = devices.emplace(dev_key, std::move(dev)).first;
      }
      if (!dit->second) {
        ++unknown[a.sender];
        ++res.unknown_device;
        continue;
      }
      const Device& dev = *dit->second;
      auto ten = tenancy.find(dev.contract_id.value);
      if (ten == tenancy.end()) {
        std::optional<Tenancy> t;
        RENKEI_ASSIGN_OR_RETURN(auto contract, s.desk.GetContract(dev.contract_id));
        if (contract) {
          RENKEI_ASSIGN_OR_RETURN(auto con, s.desk.GetConsortium(contract->consortium_id));
          if (con) t = Tenancy{std::move(*contract), std::move(*con)};
        }
        ten = tenancy.emplace(dev.contract_id.value, std::move(t)).first;
      }
      // A sender in one consortium's allowed addresses names only that consortium's devices
      // (the listener tells which consortium the sender's address belongs to).
      if (!a.consortium.empty() && (!ten->second || ten->second->consortium.code != a.consortium)) {
        ++unknown[a.sender];
        ++res.unknown_device;
        continue;
      }
      RENKEI_ASSIGN_OR_RETURN(auto up,
                              s.desk.UpsertAlert(dev.id, DedupeKey(a, policy.window_ms), a));
      ++(up.created ? res.alerts_new : res.alerts_updated);
      if (a.severity < policy.ticket_threshold || up.ticket_id) continue;
      if (!ten->second) continue;
      const Contract& contract = ten->second->contract;
      const Consortium& con = ten->second->consortium;
      const OrgId sme = contract.sme_org_id;
      const ConsortiumId consortium_id = con.id;
      auto tit = open_ticket.find({sme.value, consortium_id.value});
      if (tit == open_ticket.end()) {
        RENKEI_ASSIGN_OR_RETURN(auto t, s.desk.OpenAlertTicket(sme, consortium_id));
        tit = open_ticket.emplace(std::pair{sme.value, consortium_id.value}, std::move(t)).first;
      }
      if (!tit->second) {
        Ticket t;
        t.consortium_id = con.id;
        t.sme_org_id = sme;
        t.sme_name = contract.sme_name;
        t.channel = "alert";
        t.kind = "incident";
        t.category = "remote";
        t.priority = a.severity >= 9 ? "urgent" : "high";
        // 「UTMアラート: Botnet C&C communication（本社 1F）」: what the device said, where.
        t.subject = CleanUtf8(
            "UTMアラート: " +
                (a.signature.empty() ? std::string(AlertWordsJa(a.category)) : a.signature) + "（" +
                (dev.label.empty() ? dev.serial : dev.label) + "）",
            kMaxSubject * 3);
        t.opened_at = t.updated_at = now;
        t.first_response_due = ResponseDue(con, t.priority, now);
        RENKEI_ASSIGN_OR_RETURN(t.id, s.desk.CreateTicket(t));
        RENKEI_RETURN_IF_ERROR(
            s.desk.AddEntry(t.id, EventEntry(now, nullptr, "alert", a.category)).status());
        ++res.tickets_opened;
        tit->second = t;
      } else if (!touched.count(tit->second->id.value)) {
        ++res.tickets_updated;
        Ticket t = *tit->second;
        t.updated_at = now;
        RENKEI_RETURN_IF_ERROR(s.desk.UpdateTicket(t));
      }
      touched.insert(tit->second->id.value);
      RENKEI_RETURN_IF_ERROR(s.desk.LinkAlert(up.alert_id, tit->second->id));
    }
    for (const auto& c : counts) {
      SenderCount row = c;
      row.sender = CleanUtf8(row.sender, 100);
      row.sample = CleanUtf8(row.sample, 512);
      row.error = CleanUtf8(row.error, 50);
      if (auto u = unknown.find(c.sender); u != unknown.end()) {
        row.unknown += u->second;
        unknown.erase(u);
      }
      RENKEI_RETURN_IF_ERROR(s.desk.AddSenderCounts(row));
    }
    for (const auto& [sender, n] : unknown) {
      SenderCount row;
      row.sender = sender;
      row.unknown = n;
      row.last_at = now;
      RENKEI_RETURN_IF_ERROR(s.desk.AddSenderCounts(row));
    }
    return Status::Ok();
  }));
  for (std::int64_t id : touched) Announce(TicketId(id), "desk_ticket_alert");
  return res;
}

Result<ConsortiumId> DeskService::CreateConsortium(const Actor& actor, const Consortium& c) {
  if (!actor.principal.is_admin()) return err::Forbidden();
  RENKEI_RETURN_IF_ERROR(CheckText(c.code, "code", 50, true));
  RENKEI_RETURN_IF_ERROR(CheckText(c.name_ja, "name_ja", 200, true));
  RENKEI_RETURN_IF_ERROR(CheckText(c.region_ja, "region_ja", 100, true));
  RENKEI_RETURN_IF_ERROR(CheckText(c.name_en, "name_en", 200, false));
  RENKEI_RETURN_IF_ERROR(CheckText(c.region_en, "region_en", 100, false));
  RENKEI_RETURN_IF_ERROR(CheckText(c.insurer, "insurer", 200, false));
  RENKEI_RETURN_IF_ERROR(CheckText(c.mail_address, "mail_address", 254, false));
  // The terms in minutes: the database refuses 0 with its own words; a week at most.
  constexpr int kMaxTermMin = 7 * 24 * 60;
  for (int m : c.first_response_min)
    if (m < 1 || m > kMaxTermMin) return err::DeskTerms().with_field("first_response_minutes");
  if (c.arrival_min < 1 || c.arrival_min > kMaxTermMin)
    return err::DeskTerms().with_field("arrival_minutes");
  for (int pref : c.prefectures)
    if (pref < 1 || pref > 47) return err::InvalidNumber().with_field("prefectures");
  const Millis now = clock_.now_ms();
  ConsortiumId id;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto provider, s.directory.GetOrganisation(c.provider_org_id));
    if (!provider || provider->kind != "support_provider")
      return err::DeskProviderNotFound().with_field("provider_org_id");
    if (c.overseer_org_id.valid()) {
      RENKEI_ASSIGN_OR_RETURN(auto overseer, s.directory.GetOrganisation(c.overseer_org_id));
      if (!overseer) return err::NotFound().with_field("overseer_org_id");
    }
    RENKEI_ASSIGN_OR_RETURN(auto all, s.desk.AllConsortia());
    for (const auto& other : all)
      if (other.code == c.code) return err::DeskConsortiumCodeTaken().with_field("code");
    RENKEI_ASSIGN_OR_RETURN(id, s.desk.CreateConsortium(c));
    return s.audit.Append(AuditOf(actor, now, "desk.consortium_create", "desk_consortium", id.value,
                                  {{"code", c.code}}));
  }));
  return id;
}

Result<ContractId> DeskService::Enrol(const Actor& actor, const Contract& c) {
  const Principal& p = actor.principal;
  RENKEI_RETURN_IF_ERROR(CheckOneOf(c.plan, "plan", kContractPlans));
  if (c.ends_at && *c.ends_at <= c.starts_at)
    return err::DeskContractPeriod().with_field("ends_at");
  std::set<std::string> serials;
  for (const auto& d : c.devices) {
    RENKEI_RETURN_IF_ERROR(CheckText(d.address, "devices.address", 100, false));
    RENKEI_RETURN_IF_ERROR(CheckText(d.model, "devices.model", 100, false));
    if (!serials.insert(d.serial).second)
      return err::DeskSerialTaken().with_field("devices.serial");
    RENKEI_RETURN_IF_ERROR(CheckOneOf(d.kind, "devices.kind", kDeviceKinds));
    RENKEI_RETURN_IF_ERROR(CheckText(d.serial, "devices.serial", 100, true));
    RENKEI_RETURN_IF_ERROR(CheckText(d.vendor, "devices.vendor", 50, true));
    RENKEI_RETURN_IF_ERROR(CheckText(d.label, "devices.label", 100, false));
  }
  const Millis now = clock_.now_ms();
  ContractId id;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto con, s.desk.GetConsortium(c.consortium_id));
    if (!con) return err::DeskConsortiumNotFound().with_field("consortium_id");
    // Administrators, and the consortium's own agents.
    const bool agent_here = p.has(Role::kDeskAgent) && con->provider_org_id == p.org_id;
    if (!p.is_admin() && !agent_here) return err::DeskAgentsOnly();
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(c.sme_org_id));
    if (!org || org->kind != "sme") return err::NotFound().with_field("sme_org_id");
    for (const auto& d : c.devices) {
      RENKEI_ASSIGN_OR_RETURN(auto known, s.desk.DeviceOf(d.serial, "", now));
      if (known && known->serial == d.serial)
        return err::DeskSerialTaken().with_field("devices.serial");
    }
    std::vector<OrgId> customers;
    for (const auto& x : c.customers) customers.push_back(x.org_id);
    RENKEI_RETURN_IF_ERROR(CheckCustomers(s, customers));
    RENKEI_ASSIGN_OR_RETURN(id, s.desk.CreateContract(c));
    if (!customers.empty()) RENKEI_RETURN_IF_ERROR(s.desk.SetCustomers(id, customers));
    for (Device d : c.devices) {
      d.contract_id = id;
      RENKEI_RETURN_IF_ERROR(s.desk.AddDevice(d).status());
    }
    return s.audit.Append(AuditOf(actor, now, "desk.enrol", "organisation", c.sme_org_id.value,
                                  {{"contract_id", id.value},
                                   {"consortium_id", c.consortium_id.value},
                                   {"devices", static_cast<std::int64_t>(c.devices.size())}}));
  }));
  return id;
}

Result<TicketDetail> DeskService::Consent(const Actor& actor, TicketId id) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto d, DetailOf(s, DeskViewerOf(p), id));
    if (d.ticket.sme_org_id != p.org_id) return err::DeskConsentSmeOnly();
    if (d.ticket.consent_at) return Status::Ok();  // given once; asking again changes nothing
    Ticket t = d.ticket;
    t.consent_at = now;
    t.consent_by = p.user_id;
    t.updated_at = now;
    RENKEI_RETURN_IF_ERROR(s.desk.UpdateTicket(t));
    RENKEI_RETURN_IF_ERROR(s.desk.AddEntry(id, EventEntry(now, &p, "consent")).status());
    return s.audit.Append(AuditOf(actor, now, "desk.ticket_consent", "desk_ticket", id.value));
  }));
  Announce(id, "desk_ticket_change");
  return Get(p, id);
}

Result<Contract> DeskService::SetCustomers(const Actor& actor, ContractId id,
                                           const std::vector<OrgId>& orgs) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  Contract out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto c, s.desk.VisibleContract(DeskViewerOf(p), id));
    if (!c) return err::DeskContractNotFound();
    RENKEI_RETURN_IF_ERROR(CheckCustomers(s, orgs));
    RENKEI_RETURN_IF_ERROR(s.desk.SetCustomers(id, orgs));
    RENKEI_RETURN_IF_ERROR(s.audit.Append(AuditOf(
        actor, now, "desk.customers", "organisation", c->sme_org_id.value,
        {{"contract_id", id.value}, {"customers", static_cast<std::int64_t>(orgs.size())}})));
    RENKEI_ASSIGN_OR_RETURN(auto stored, s.desk.VisibleContract(DeskViewerOf(p), id));
    out = std::move(*stored);
    return Status::Ok();
  }));
  return out;
}

Result<ItemView> DeskService::Share(const Actor& actor, TicketId id, const TicketShare& in) {
  const Principal& p = actor.principal;
  if (!sharing_) return err::Internal().with_note("desk without sharing");
  if (in.tlp != Tlp::kGreen && in.tlp != Tlp::kAmber && in.tlp != Tlp::kAmberStrict)
    return err::DeskShareLabel().with_field("tlp");
  if (in.operators.empty()) return err::DeskShareNeedsOperators().with_field("operators");
  // The rule's bridges clause, read before publishing and checked again inside its
  // transaction (within), so a consent or customer withdrawn meanwhile stops it.
  auto check = [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto d, DetailOf(s, DeskViewerOf(p), id));
    const bool sme = d.ticket.sme_org_id == p.org_id;
    if (!sme && !d.desk_view) return err::DeskTicketNotFound();
    if (!sme && !d.ticket.consent_at) return err::DeskConsentNeeded();
    if (d.ticket.status == "merged") return err::DeskTicketClosed();
    RENKEI_ASSIGN_OR_RETURN(auto con, s.desk.GetConsortium(d.ticket.consortium_id));
    if (!con) return err::DeskTicketNotFound();
    RENKEI_ASSIGN_OR_RETURN(
        auto contract,
        s.desk.ContractInForce(d.ticket.sme_org_id, clock_.now_ms(), con->provider_org_id));
    for (size_t i = 0; i < in.operators.size(); ++i) {
      const bool customer =
          contract && std::any_of(contract->customers.begin(), contract->customers.end(),
                                  [&](const Customer& c) { return c.org_id == in.operators[i]; });
      if (!customer)
        return err::DeskNotACustomer().with_field("operators[" + std::to_string(i) + "]");
    }
    return Status::Ok();
  };
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, check));
  NewItem item;
  item.kind = kSupplyChainNotice;
  item.tlp = in.tlp;
  item.content.title = in.title;
  item.content.body = in.body;
  item.content.action_requested = in.action_requested;
  item.audience.org_ids = in.operators;
  item.desk_ticket_id = id.value;
  RENKEI_ASSIGN_OR_RETURN(
      auto published, sharing_->Publish(actor, item, [&](Stores& s, const Item& it) -> Status {
        RENKEI_RETURN_IF_ERROR(check(s));
        const Millis now = clock_.now_ms();
        RENKEI_RETURN_IF_ERROR(
            s.desk
                .AddEntry(id, EventEntry(now, &p, "shared",
                                         std::to_string(it.id.value) + "|" + TlpName(it.tlp)))
                .status());
        return s.audit.Append(
            AuditOf(actor, now, "desk.ticket_share", "desk_ticket", id.value,
                    {{"item_id", it.id.value},
                     {"tlp", std::string(TlpName(it.tlp))},
                     {"operators", static_cast<std::int64_t>(in.operators.size())}}));
      }));
  Announce(id, "desk_ticket_change");
  return published.view;
}

namespace {
// Whether an address is one a report's recipients can act on (not private, loopback,
// shared or documentation space) — the alerts' other end, as an indicator.
bool PublicIpv4(const std::string& a) {
  unsigned b[4];
  char tail = 0;
  if (std::sscanf(a.c_str(), "%u.%u.%u.%u%c", &b[0], &b[1], &b[2], &b[3], &tail) != 4) return false;
  for (unsigned x : b)
    if (x > 255) return false;
  if (b[0] == 10 || b[0] == 127 || b[0] == 0 || b[0] >= 224) return false;
  if (b[0] == 172 && b[1] >= 16 && b[1] < 32) return false;
  if (b[0] == 192 && b[1] == 168) return false;
  if (b[0] == 169 && b[1] == 254) return false;
  if (b[0] == 100 && b[1] >= 64 && b[1] < 128) return false;
  return true;
}
}  // namespace

Result<CaseId> DeskService::DraftReport(const Actor& actor, TicketId id, const TicketReport& in) {
  const Principal& p = actor.principal;
  if (!reporting_) return err::Internal().with_note("desk without reporting");
  ReportInput report;
  OrgId sme;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto d, DetailOf(s, DeskViewerOf(p), id));
    const bool own = d.ticket.sme_org_id == p.org_id;
    if (!own && !d.desk_view) return err::DeskTicketNotFound();
    if (!own && !d.ticket.consent_at) return err::DeskConsentNeeded();
    if (d.ticket.status == "merged") return err::DeskTicketClosed();
    sme = d.ticket.sme_org_id;
    report.report_class = in.report_class;
    report.forward_ministry = in.forward_ministry;
    report.forward_national_centre = in.forward_national_centre;
    Millis aware = d.ticket.opened_at;
    std::optional<Millis> detected;
    for (const auto& a : d.alerts)
      if (!detected || a.first_at < *detected) detected = a.first_at;
    if (detected && *detected < aware) aware = *detected;
    report.fields["title"] = d.ticket.subject;
    report.fields["aware_at"] = FormatRfc3339Jst(aware);
    if (detected) report.fields["detected_at"] = FormatRfc3339Jst(*detected);
    // What happened: the SME's own words first (its messages; a phone call's as recorded),
    // then the desk's messages and the outcome — never an internal note.
    std::string summary;
    for (const auto& e : d.entries) {
      if (e.kind != "message") continue;
      summary += (e.from_sme ? "【相談内容】" : "【お助け隊の回答】") + e.body + "\n\n";
    }
    for (const auto& a : d.alerts)
      summary += "【検知】" + FormatRfc3339Jst(a.first_at) + " " + AlertWordsJa(a.category) + " (" +
                 a.signature + ", " + a.src + " → " + a.dst + ", " + std::to_string(a.count) +
                 "件)\n";
    if (!d.ticket.outcome.empty()) summary += "\n【対応結果】" + d.ticket.outcome + "\n";
    if (summary.empty()) summary = d.ticket.subject;
    report.fields["summary"] = CleanUtf8(summary, 10000);
    report.fields["cause"] = d.alerts.empty() ? "undetermined" : "cyber_suspected";
    std::set<std::string> seen;
    for (const auto& a : d.alerts) {
      for (const std::string* addr : {&a.src, &a.dst}) {
        if (!PublicIpv4(*addr) || !seen.insert(*addr).second || report.indicators.size() >= 50)
          continue;
        report.indicators.push_back({"ipv4", *addr, a.signature.substr(0, 200)});
      }
    }
    return Status::Ok();
  }));
  const Millis now = clock_.now_ms();
  RENKEI_ASSIGN_OR_RETURN(
      auto case_id,
      reporting_->CreateFromDesk(actor, sme, report, [&](Stores& s, CaseId made) -> Status {
        RENKEI_RETURN_IF_ERROR(
            s.desk.AddEntry(id, EventEntry(now, &p, "reported", std::to_string(made.value)))
                .status());
        return s.audit.Append(AuditOf(actor, now, "desk.ticket_report", "desk_ticket", id.value,
                                      {{"case_id", made.value}}));
      }));
  Announce(id, "desk_ticket_change");
  return case_id;
}

Result<Attachment> DeskService::Attach(const Actor& actor, TicketId id, std::int64_t entry_id,
                                       std::string filename, std::string content_type,
                                       std::string data) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  Attachment a;
  bool note = false;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto d, DetailOf(s, DeskViewerOf(p), id));
    // The entries the caller sees (the SME's read holds no notes).
    auto it = std::find_if(d.entries.begin(), d.entries.end(),
                           [&](const TicketEntry& e) { return e.id == entry_id; });
    if (it == d.entries.end()) return err::DeskEntryNotFound();
    // Each side files on its own side's words: the desk on its notes and messages, the SME
    // on its messages; the platform's events carry none.
    const bool ours = d.desk_view ? (it->kind == "note" || (it->kind == "message" && !it->from_sme))
                                  : (it->kind == "message" && it->from_sme);
    if (!ours) return err::DeskAttachOwnSide();
    if (d.ticket.status == "merged") return err::DeskTicketClosed();
    note = it->kind == "note";
    RENKEI_ASSIGN_OR_RETURN(auto existing, s.desk.CountEntryAttachments(entry_id));
    RENKEI_ASSIGN_OR_RETURN(
        a, NewAttachment(std::move(filename), std::move(content_type), std::move(data),
                         static_cast<size_t>(existing), p.user_id, now));
    RENKEI_ASSIGN_OR_RETURN(a.id, s.desk.AddEntryAttachment(entry_id, a));
    Ticket t = d.ticket;
    t.updated_at = now;
    RENKEI_RETURN_IF_ERROR(s.desk.UpdateTicket(t));
    // Administrators read the audit log but not the ticket: no file name in it.
    return s.audit.Append(AuditOf(actor, now, "desk.ticket_attach", "desk_ticket", id.value,
                                  {{"entry_id", entry_id}, {"attachment_id", a.id.value}}));
  }));
  a.data.clear();
  Announce(id, note ? kTicketNoteEvent : "desk_ticket_entry");
  return a;
}

Result<Attachment> DeskService::GetAttachment(const Principal& p, TicketId id, AttachmentId att) {
  std::optional<Attachment> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.desk.GetEntryAttachment(DeskViewerOf(p), id, att));
    if (!out) return err::AttachmentNotFound();
    return Status::Ok();
  }));
  return std::move(*out);
}

void DeskService::Announce(TicketId id, const char* kind) {
  if (events_) events_->Publish({kTicketSubject, id.value, kind});
}

void RegisterDeskEvents(EventRules& rules) {
  rules.Register(kTicketSubject,
                 [](Stores& s, const Event& e, const std::vector<const Principal*>& who,
                    std::vector<bool>& hears) -> Status {
                   const bool note = e.kind == kTicketNoteEvent;
                   std::optional<Consortium> consortium;
                   for (size_t i = 0; i < who.size(); ++i) {
                     const DeskViewer v = DeskViewerOf(*who[i]);
                     RENKEI_ASSIGN_OR_RETURN(auto t, s.desk.GetTicket(v, TicketId(e.subject_id)));
                     hears[i] = t.has_value();
                     // A note's event: the desk view alone (DetailOf's desk_view).
                     if (hears[i] && note) {
                       if (!consortium) {
                         RENKEI_ASSIGN_OR_RETURN(consortium,
                                                 s.desk.GetConsortium(t->consortium_id));
                       }
                       hears[i] = v.agent && consortium && consortium->provider_org_id == v.org_id;
                     }
                   }
                   return Status::Ok();
                 });
}

// ---- Inbound mail (the mail intake, src/intake/mailbox.*) ----

namespace {

// Mail text made storable: valid UTF-8 without controls, line breaks kept, at most `max`
// bytes.
std::string CleanMailText(std::string_view text, size_t max) {
  std::string out;
  size_t pos = 0;
  while (pos <= text.size() && out.size() < max) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (!out.empty() || pos > 0) out += '\n';
    out += CleanUtf8(text.substr(pos, end - pos), max > out.size() ? max - out.size() : 0);
    pos = end + 1;
  }
  return out;
}

// 「#123」 or 「No.123」 in a subject: the ticket it answers.
std::vector<std::int64_t> TicketNumbersIn(std::string_view subject) {
  std::vector<std::int64_t> out;
  for (size_t i = 0; i < subject.size(); ++i) {
    size_t digits = std::string_view::npos;
    if (subject[i] == '#') digits = i + 1;
    if (subject.substr(i).starts_with("No.")) digits = i + 3;
    if (subject.substr(i).starts_with("\xEF\xBC\x83")) digits = i + 3;  // ＃
    if (digits == std::string_view::npos) continue;
    std::int64_t n = 0;
    size_t k = digits;
    while (k < subject.size() && k - digits < 15 && subject[k] >= '0' && subject[k] <= '9')
      n = n * 10 + (subject[k++] - '0');
    if (k > digits && n > 0) out.push_back(n);
  }
  return out;
}

}  // namespace

Result<MailResult> DeskService::IngestMail(const MailIn& in) {
  const Millis now = clock_.now_ms();
  MailResult res;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    res = MailResult{};
    RENKEI_ASSIGN_OR_RETURN(auto all, s.desk.AllConsortia());
    const auto con_it = std::find_if(all.begin(), all.end(),
                                     [&](const Consortium& c) { return c.code == in.consortium; });
    if (con_it == all.end()) return err::DeskConsortiumNotFound();
    const Consortium& con = *con_it;
    const std::string key = CleanUtf8(in.key, 250);
    RENKEI_ASSIGN_OR_RETURN(auto seen, s.desk.MailTicket(con.id, key));
    if (seen) {
      res.ticket = *seen;
      res.duplicate = true;
      return Status::Ok();
    }
    const std::string address = CleanUtf8(in.from_address, 254);
    const std::string name = CleanUtf8(in.from_name, 100);
    // The sender: a user of an SME with a contract in force with this consortium.
    std::optional<User> user;
    std::optional<Contract> contract;
    RENKEI_ASSIGN_OR_RETURN(user, s.directory.FindUserByEmail(address));
    if (user && user->active) {
      RENKEI_ASSIGN_OR_RETURN(contract,
                              s.desk.ContractInForce(user->org_id, now, con.provider_org_id));
      if (contract && contract->consortium_id != con.id) contract.reset();
    }
    res.known = contract.has_value();
    const std::string from_line = name.empty() ? address : name + " <" + address + ">";
    const std::string caller =
        CleanUtf8(res.known ? from_line : "未登録: " + from_line, kMaxCaller);
    const std::string text = CleanMailText(in.text, kMaxBody);

    // A reply: the mail it answers is one of an open ticket of this consortium, from the
    // same SME (or, for an unknown sender, the same address).
    const DeskViewer desk{con.provider_org_id, true};
    std::optional<Ticket> target;
    auto consider = [&](TicketId id) -> Status {
      if (target) return Status::Ok();
      RENKEI_ASSIGN_OR_RETURN(auto t, s.desk.GetTicket(desk, id));
      if (!t || t->consortium_id != con.id || !TicketIsOpen(t->status)) return Status::Ok();
      const bool same = res.known ? t->sme_org_id == contract->sme_org_id
                                  : (t->sme_org_id == con.provider_org_id &&
                                     t->caller.find("<" + address + ">") != std::string::npos) ||
                                        t->caller == caller;
      if (same) target = std::move(t);
      return Status::Ok();
    };
    for (const std::string& id : in.replies_to) {
      RENKEI_ASSIGN_OR_RETURN(auto t, s.desk.MailTicket(con.id, CleanUtf8(id, 250)));
      if (t) RENKEI_RETURN_IF_ERROR(consider(*t));
    }
    for (std::int64_t n : TicketNumbersIn(in.subject))
      RENKEI_RETURN_IF_ERROR(consider(TicketId(n)));

    TicketEntry e;
    e.at = now;
    e.kind = "message";
    if (res.known) e.author_id = user->id;
    e.from_sme = true;
    if (target) {
      e.body = text.empty() ? CleanUtf8(in.subject, kMaxSubject * 3) : text;
      if (e.body.empty()) e.body = "（本文なし）";
      RENKEI_RETURN_IF_ERROR(s.desk.AddEntry(target->id, e).status());
      target->updated_at = now;
      RENKEI_RETURN_IF_ERROR(s.desk.UpdateTicket(*target));
      res.ticket = target->id;
      res.reply = true;
    } else {
      Ticket t;
      t.consortium_id = con.id;
      if (res.known) {
        t.sme_org_id = contract->sme_org_id;
        t.sme_name = contract->sme_name;
      } else {
        // An unknown contact: the ticket is the desk's own until an agent knows whose.
        t.sme_org_id = con.provider_org_id;
        RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(con.provider_org_id));
        if (org) t.sme_name = org->name_ja;
      }
      t.channel = "mail";
      t.kind = "contact";
      t.category = "other";
      t.priority = "normal";
      t.subject = CleanUtf8(Trim(in.subject), kMaxSubject * 3);
      if (t.subject.empty()) t.subject = "（件名なし）";
      t.caller = caller;
      t.opened_at = t.updated_at = now;
      t.first_response_due = ResponseDue(con, t.priority, now);
      RENKEI_ASSIGN_OR_RETURN(t.id, s.desk.CreateTicket(t));
      e.body = text.empty() ? "（本文なし）" : text;
      RENKEI_RETURN_IF_ERROR(s.desk.AddEntry(t.id, e).status());
      res.ticket = t.id;
    }
    return s.desk.AddMailMessage(con.id, key, res.ticket, now);
  }));
  if (!res.duplicate) Announce(res.ticket, res.reply ? "desk_ticket_entry" : "desk_ticket_open");
  return res;
}

}  // namespace renkei::domain
