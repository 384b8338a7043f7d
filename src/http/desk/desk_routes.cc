// The SME desk's part of the route table (お助け隊, docs/desk.md): consortia, contracts,
// tickets with their entries, dispatches and merge, the SME's alerts, the statistics and
// the intake's counters. Access is DeskService's rule.
#include "core/error_codes.h"
#include "core/time_format.h"
#include "domain/desk/desk_service.h"
#include "http/export.h"
#include "http/route_helpers.h"

namespace renkei::http {
namespace {

using A = Access;
using domain::TicketDetail;
using domain::TicketId;

void WriteConsortium(JsonWriter& w, const domain::Consortium& c) {
  w.BeginObject()
      .Field("id", c.id.value)
      .Field("code", c.code)
      .Field("name_ja", c.name_ja)
      .Field("name_en", c.name_en)
      .Field("region_ja", c.region_ja)
      .Field("region_en", c.region_en)
      .Field("insurer", c.insurer)
      .Field("mail_address", c.mail_address)
      .Key("first_response_minutes")
      .BeginObject()
      .Field("urgent", c.first_response_min[0])
      .Field("high", c.first_response_min[1])
      .Field("normal", c.first_response_min[2])
      .Field("low", c.first_response_min[3])
      .EndObject()
      .Field("arrival_minutes", c.arrival_min)
      .EndObject();
}

void WriteContract(JsonWriter& w, const domain::Contract& c) {
  w.BeginObject()
      .Field("id", c.id.value)
      .Field("consortium_id", c.consortium_id.value)
      .Field("sme_org_id", c.sme_org_id.value)
      .Field("sme_name", c.sme_name)
      .Field("plan", c.plan);
  TimeField(w, "starts_at", c.starts_at);
  TimeField(w, "ends_at", c.ends_at);
  w.Key("devices").BeginArray();
  for (const auto& d : c.devices) {
    w.BeginObject()
        .Field("id", d.id.value)
        .Field("kind", d.kind)
        .Field("vendor", d.vendor)
        .Field("model", d.model)
        .Field("serial", d.serial)
        .Field("label", d.label)
        .EndObject();
  }
  w.EndArray().Key("customers").BeginArray();
  for (const auto& x : c.customers) {
    w.BeginObject()
        .Field("org_id", x.org_id.value)
        .Field("name_ja", x.name_ja)
        .Field("name_en", x.name_en)
        .EndObject();
  }
  w.EndArray().EndObject();
}

void WriteTicket(JsonWriter& w, const domain::Ticket& t) {
  w.BeginObject()
      .Field("id", t.id.value)
      .Field("consortium_id", t.consortium_id.value)
      .Field("sme_org_id", t.sme_org_id.value)
      .Field("sme_name", t.sme_name)
      .Field("channel", t.channel)
      .Field("kind", t.kind)
      .Field("category", t.category)
      .Field("status", t.status)
      .Field("priority", t.priority)
      .Field("subject", t.subject)
      .Field("caller", t.caller);
  w.FieldOrNull("assignee_id", t.assignee_id.valid()
                                   ? std::optional<std::int64_t>(t.assignee_id.value)
                                   : std::nullopt);
  w.Field("assignee_name", t.assignee_name);
  TimeField(w, "opened_at", t.opened_at);
  TimeField(w, "updated_at", t.updated_at);
  TimeField(w, "first_response_due", t.first_response_due);
  TimeField(w, "first_response_at", t.first_response_at);
  TimeField(w, "arrival_due", t.arrival_due);
  TimeField(w, "arrived_at", t.arrived_at);
  TimeField(w, "resolved_at", t.resolved_at);
  w.Field("outcome", t.outcome);
  w.FieldOrNull("damage_estimate_yen", t.damage_estimate_yen);
  w.FieldOrNull("merged_into",
                t.merged_into ? std::optional<std::int64_t>(t.merged_into->value) : std::nullopt);
  w.Field("alert_count", t.alert_count);
  TimeField(w, "consent_at", t.consent_at);
  w.EndObject();
}

void WriteAlert(JsonWriter& w, const domain::Alert& a) {
  w.BeginObject()
      .Field("id", a.id)
      .Field("device_id", a.device_id.value)
      .Field("device_label", a.device_label);
  w.FieldOrNull("ticket_id",
                a.ticket_id ? std::optional<std::int64_t>(a.ticket_id->value) : std::nullopt);
  w.Field("category", a.category)
      .Field("words_ja", domain::AlertWordsJa(a.category))
      .Field("words_en", domain::AlertWordsEn(a.category))
      .Field("signature", a.signature)
      .Field("src", a.src)
      .Field("dst", a.dst)
      .Field("action", a.action)
      .Field("vendor", a.vendor)
      .Field("severity", a.severity)
      .Field("count", a.count);
  TimeField(w, "first_at", a.first_at);
  TimeField(w, "last_at", a.last_at);
  w.Field("raw", a.raw).EndObject();
}

void WriteDetail(JsonWriter& w, const TicketDetail& d) {
  w.BeginObject().Key("ticket");
  WriteTicket(w, d.ticket);
  w.Field("desk_view", d.desk_view).Key("entries").BeginArray();
  for (const auto& e : d.entries) {
    w.BeginObject().Field("id", e.id);
    TimeField(w, "at", e.at);
    w.Field("kind", e.kind)
        .Field("author_name", e.author_name)
        .Field("from_sme", e.from_sme)
        .Field("body", e.body)
        .Key("attachments")
        .BeginArray();
    for (const auto& a : e.attachments) WriteAttachment(w, a);
    w.EndArray().EndObject();
  }
  w.EndArray().Key("dispatches").BeginArray();
  for (const auto& dp : d.dispatches) {
    w.BeginObject().Field("id", dp.id).Field("engineer", dp.engineer);
    TimeField(w, "requested_at", dp.requested_at);
    TimeField(w, "left_at", dp.left_at);
    TimeField(w, "arrived_at", dp.arrived_at);
    TimeField(w, "finished_at", dp.finished_at);
    w.Field("note", dp.note).EndObject();
  }
  w.EndArray().Key("alerts").BeginArray();
  for (const auto& a : d.alerts) WriteAlert(w, a);
  w.EndArray();
  WriteIds(w, "merged_from", d.merged_from);
  w.EndObject();
}

void WriteStatsRow(JsonWriter& w, const domain::DeskStatsRow& r) {
  w.BeginObject()
      .Field("consortium_id", r.consortium_id.value)
      .Field("consortium_name", r.consortium_name)
      .Field("region", r.region)
      .Field("month", r.month)
      .Field("participants", r.participants)
      .Field("contacts", r.contacts)
      .Field("incidents", r.incidents)
      .Key("contact_by_category")
      .BeginObject();
  for (size_t i = 0; i < 4; ++i) w.Field(domain::kContactCategories[i], r.contact_by_category[i]);
  w.EndObject().Key("incident_by_category").BeginObject();
  for (size_t i = 0; i < 4; ++i) w.Field(domain::kIncidentCategories[i], r.incident_by_category[i]);
  w.EndObject().Field("dispatches", r.dispatches);
  w.FieldOrNull("median_first_response_minutes",
                r.median_first_response_ms
                    ? std::optional<std::int64_t>(*r.median_first_response_ms / 60000)
                    : std::nullopt);
  w.FieldOrNull("median_arrival_minutes",
                r.median_arrival_ms ? std::optional<std::int64_t>(*r.median_arrival_ms / 60000)
                                    : std::nullopt);
  w.Field("damage_estimate_yen", r.damage_estimate_yen).EndObject();
}

Result<std::optional<std::int64_t>> QueryId(const Request& req, const char* name) {
  if (QueryString(req, name).empty()) return std::optional<std::int64_t>();
  RENKEI_ASSIGN_OR_RETURN(auto v, QueryInt(req, name, 0, 1, INT64_MAX));
  return std::optional<std::int64_t>(v);
}

Route Step(const char* name, domain::DispatchStep step, const char* summary) {
  return {
      "POST",
      std::string("/api/v1/desk/tickets/{id}/dispatches/{dispatch}/") + name,
      A::kSignedIn,
      {.tag = "desk",
       .summary = summary,
       .response = "DeskTicket",
       .errors = {403, 409},
       .description = "the ticket"},
      [step](Ctx& c) -> Result<Reply> {
        RENKEI_ASSIGN_OR_RETURN(auto id, PathId<TicketId>(c, 0, err::DeskTicketNotFound));
        RENKEI_ASSIGN_OR_RETURN(auto dispatch, PathId<TicketId>(c, 1, err::DeskDispatchNotFound));
        RENKEI_RETURN_IF_ERROR(NoBody(c.req));
        RENKEI_ASSIGN_OR_RETURN(auto d, c.s.desk.StepDispatch(c.actor(), id, dispatch.value, step));
        return ValueReply(WriteDetail, d);
      }};
}

}  // namespace

std::vector<Route> DeskRoutes() {
  return {
      {"GET",
       "/api/v1/desk/consortia",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "The consortia I work (desk agents), oversee (the programme's ministry) or "
                   "my organisation is enrolled with, with their service terms.",
        .response = "DeskConsortiumList",
        .description = "the consortia"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto list, c.s.desk.Consortia(*c.principal));
         return ItemsReply(list, WriteConsortium);
       }},
      {"POST",
       "/api/v1/desk/consortia",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "Register a consortium (administrators): its code (the intake's files name "
                   "its senders by it), names, region, the provider whose desk agents work it, "
                   "the overseeing ministry, insurer, inbound mail address and service terms "
                   "(minutes to the first response per priority, to arrival on site).",
        .request = "DeskConsortiumInput",
        .status = 201,
        .response = "DeskConsortium",
        .errors = {403, 404, 409},
        .description = "the consortium"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         domain::Consortium con;
         con.code = in.String("code", true).value_or("");
         con.name_ja = in.String("name_ja", true).value_or("");
         con.name_en = in.String("name_en", false).value_or("");
         con.region_ja = in.String("region_ja", true).value_or("");
         con.region_en = in.String("region_en", false).value_or("");
         for (auto p : in.Ints("prefectures", false).value_or(std::vector<std::int64_t>{}))
           con.prefectures.push_back(static_cast<int>(std::clamp<std::int64_t>(p, -1, 99)));
         con.provider_org_id = OrgId(in.Int("provider_org_id", true).value_or(0));
         if (auto o = in.Int("overseer_org_id", false)) con.overseer_org_id = OrgId(*o);
         con.insurer = in.String("insurer", false).value_or("");
         con.mail_address = in.String("mail_address", false).value_or("");
         auto minutes = [](std::optional<std::int64_t> v, int fallback) {
           return v ? static_cast<int>(std::clamp<std::int64_t>(*v, -1, 1'000'000)) : fallback;
         };
         if (auto terms = in.Object("first_response_minutes", false)) {
           const char* names[] = {"urgent", "high", "normal", "low"};
           for (int i = 0; i < 4; ++i)
             con.first_response_min[i] =
                 minutes(terms->Int(names[i], false), con.first_response_min[i]);
           RENKEI_RETURN_IF_ERROR(terms->Finish());
         }
         con.arrival_min = minutes(in.Int("arrival_minutes", false), con.arrival_min);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(con.id, c.s.desk.CreateConsortium(c.actor(), con));
         return ValueReply(WriteConsortium, con, 201);
       }},
      {"GET",
       "/api/v1/desk/contracts",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "SME contracts with their devices: a desk agent's consortia's, or my own "
                   "organisation's. q: part of the SME's name (full/half width alike).",
        .query = {"consortium", "q"},
        .response = "DeskContractList",
        .description = "the contracts"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto consortium, QueryId(c.req, "consortium"));
         std::optional<domain::ConsortiumId> con;
         if (consortium) con = domain::ConsortiumId(*consortium);
         RENKEI_ASSIGN_OR_RETURN(auto list,
                                 c.s.desk.Contracts(*c.principal, con, QueryString(c.req, "q")));
         return ItemsReply(list, WriteContract);
       }},
      {"POST",
       "/api/v1/desk/contracts",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "Enrol an SME organisation with a consortium (administrators and the "
                   "consortium's own desk agents): plan, start and end, and its monitored "
                   "devices with their serials and the address their syslog comes from.",
        .request = "DeskContractInput",
        .status = 201,
        .response = "DeskEnrolment",
        .errors = {403, 404, 409},
        .description = "the contract made"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         domain::Contract k;
         k.consortium_id = domain::ConsortiumId(in.Int("consortium_id", true).value_or(0));
         k.sme_org_id = OrgId(in.Int("sme_org_id", true).value_or(0));
         k.plan = in.String("plan", false).value_or("network");
         const std::string starts = in.String("starts_at", true).value_or("");
         std::optional<std::string> ends = in.String("ends_at", false);
         auto devices = in.Objects("devices", false);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         if (devices) {
           for (auto& o : *devices) {
             domain::Device d;
             d.kind = o.String("kind", false).value_or("utm");
             d.vendor = o.String("vendor", true).value_or("");
             d.model = o.String("model", false).value_or("");
             d.serial = o.String("serial", true).value_or("");
             d.address = o.String("address", false).value_or("");
             d.label = o.String("label", false).value_or("");
             RENKEI_RETURN_IF_ERROR(o.Finish());
             k.devices.push_back(std::move(d));
           }
         }
         RENKEI_ASSIGN_OR_RETURN(k.starts_at, TimeValue("starts_at", starts));
         if (ends) {
           RENKEI_ASSIGN_OR_RETURN(auto e, TimeValue("ends_at", *ends));
           k.ends_at = e;
         }
         RENKEI_ASSIGN_OR_RETURN(auto id, c.s.desk.Enrol(c.actor(), k));
         JsonWriter w;
         w.BeginObject()
             .Field("id", id.value)
             .Field("consortium_id", k.consortium_id.value)
             .Field("sme_org_id", k.sme_org_id.value)
             .Field("devices", static_cast<std::int64_t>(k.devices.size()))
             .EndObject();
         return JsonReply(w, 201);
       }},
      {"GET",
       "/api/v1/desk/tickets",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "Tickets (相談・対応), newest first: a desk agent's consortia's, or my "
                   "organisation's. status: open (every open status) or one status; "
                   "assignee=me; unassigned=true; overdue=true: the first response is late; "
                   "q: part of the subject, caller or SME name. The home tiles count this list.",
        .query = {"status", "kind", "consortium", "sme", "assignee", "unassigned", "overdue", "q",
                  "cursor", "limit"},
        .response = "DeskTicketPage",
        .description = "a page of tickets"},
       [](Ctx& c) -> Result<Reply> {
         domain::TicketFilter f;
         f.status = QueryString(c.req, "status");
         f.kind = QueryString(c.req, "kind");
         RENKEI_ASSIGN_OR_RETURN(auto consortium, QueryId(c.req, "consortium"));
         if (consortium) f.consortium = domain::ConsortiumId(*consortium);
         RENKEI_ASSIGN_OR_RETURN(auto sme, QueryId(c.req, "sme"));
         if (sme) f.sme = OrgId(*sme);
         const std::string assignee = QueryString(c.req, "assignee");
         if (assignee == "me") {
           f.assignee = c.principal->user_id;
         } else if (!assignee.empty()) {
           RENKEI_ASSIGN_OR_RETURN(auto a, QueryId(c.req, "assignee"));
           f.assignee = UserId(*a);
         }
         RENKEI_ASSIGN_OR_RETURN(auto unassigned, QueryBool(c.req, "unassigned"));
         f.unassigned = unassigned.value_or(false);
         RENKEI_ASSIGN_OR_RETURN(auto overdue, QueryBool(c.req, "overdue"));
         f.response_overdue = overdue.value_or(false);
         f.q = QueryString(c.req, "q");
         RENKEI_ASSIGN_OR_RETURN(f.before_id, DecodeCursor(QueryString(c.req, "cursor")));
         RENKEI_ASSIGN_OR_RETURN(auto limit, QueryInt(c.req, "limit", 50, 1, 200));
         f.limit = static_cast<int>(limit);
         RENKEI_ASSIGN_OR_RETURN(auto page, c.s.desk.List(*c.principal, f));
         return ItemsReply(page.tickets, WriteTicket, true,
                           page.next ? EncodeCursor(*page.next) : "");
       }},
      {"POST",
       "/api/v1/desk/tickets",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "Open a ticket: a desk agent records a consultation taken by phone or mail "
                   "for an SME enrolled with its consortium (a phone call is answered as it is "
                   "taken); an SME's person sends the form (channel web) for its own "
                   "organisation. Categories as the pilot counts them.",
        .request = "DeskTicketInput",
        .status = 201,
        .response = "DeskTicket",
        .errors = {403},
        .description = "the ticket"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         domain::NewTicket t;
         if (auto sme = in.Int("sme_org_id", false)) t.sme = OrgId(*sme);
         t.channel = in.String("channel", false).value_or("");
         t.kind = in.String("kind", false).value_or("contact");
         t.category =
             in.String("category", false).value_or(t.kind == "incident" ? "remote" : "security");
         t.priority = in.String("priority", false).value_or("normal");
         t.subject = in.String("subject", true).value_or("");
         t.body = in.String("body", true).value_or("");
         t.caller = in.String("caller", false).value_or("");
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto d, c.s.desk.Open(c.actor(), t));
         return ValueReply(WriteDetail, d, 201);
       }},
      {"GET",
       "/api/v1/desk/tickets/{id}",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "A ticket with its entries (internal notes and raw alert lines only for "
                   "the desk's agents), dispatches, alerts and the tickets merged into it. "
                   "404 unless the caller works its consortium or is of its SME.",
        .response = "DeskTicket",
        .description = "the ticket"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<TicketId>(c, 0, err::DeskTicketNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto d, c.s.desk.Get(*c.principal, id));
         return ValueReply(WriteDetail, d);
       }},
      {"PATCH",
       "/api/v1/desk/tickets/{id}",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "Change a ticket (the desk's agents): status (対応完了 needs the outcome), "
                   "priority (the first-response clock follows it until answered), kind and "
                   "category, assignee (an agent of the consortium; unassign=true), outcome, "
                   "damage estimate (円). Leaving 受付 is the first response.",
        .request = "DeskTicketChange",
        .response = "DeskTicket",
        .errors = {403, 409},
        .description = "the ticket"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<TicketId>(c, 0, err::DeskTicketNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         domain::TicketChange ch;
         ch.status = in.String("status", false);
         ch.priority = in.String("priority", false);
         ch.kind = in.String("kind", false);
         ch.category = in.String("category", false);
         ch.outcome = in.String("outcome", false);
         if (auto a = in.Int("assignee_id", false)) ch.assignee = UserId(*a);
         ch.clear_assignee = in.Bool("unassign", false).value_or(false);
         ch.damage_estimate_yen = in.Int("damage_estimate_yen", false);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto d, c.s.desk.Change(c.actor(), id, ch));
         return ValueReply(WriteDetail, d);
       }},
      {"POST",
       "/api/v1/desk/tickets/{id}/entries",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "Write on a ticket: a message (the desk and the SME read it) or an internal "
                   "note (the desk's agents only). The desk's first message is its first "
                   "response; the SME writing on a completed ticket reopens it.",
        .request = "DeskEntryInput",
        .status = 201,
        .response = "DeskTicket",
        .errors = {403, 409},
        .description = "the ticket"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<TicketId>(c, 0, err::DeskTicketNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         const auto kind = in.String("kind", false).value_or("message");
         const auto body = in.String("body", true).value_or("");
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto d, c.s.desk.AddEntry(c.actor(), id, kind, body));
         return ValueReply(WriteDetail, d, 201);
       }},
      {"POST",
       "/api/v1/desk/tickets/{id}/dispatches",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "Send an engineer on site (駆付け): the ticket becomes an on-site incident "
                   "and its arrival clock starts (the consortium's terms).",
        .request = "DeskDispatchInput",
        .status = 201,
        .response = "DeskTicket",
        .errors = {403, 409},
        .description = "the ticket"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<TicketId>(c, 0, err::DeskTicketNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         const auto engineer = in.String("engineer", true).value_or("");
         const auto note = in.String("note", false).value_or("");
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto d, c.s.desk.RequestDispatch(c.actor(), id, engineer, note));
         return ValueReply(WriteDetail, d, 201);
       }},
      Step("left", domain::DispatchStep::kLeft, "The engineer left for the site (once, first)."),
      Step("arrived", domain::DispatchStep::kArrived,
           "The engineer arrived on site (after leaving; stops the arrival clock)."),
      Step("finished", domain::DispatchStep::kFinished,
           "The engineer finished on site (after arriving)."),
      {"POST",
       "/api/v1/desk/tickets/{id}/merge",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "Fold this ticket (a duplicate) into another open ticket of the same SME and "
                   "consortium: its alerts move there and it is closed as merged. Answers the "
                   "ticket kept.",
        .request = "DeskMergeInput",
        .response = "DeskTicket",
        .errors = {403, 409},
        .description = "the ticket kept"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<TicketId>(c, 0, err::DeskTicketNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         const auto into = in.Int("into", true).value_or(0);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         if (into <= 0) return err::DeskTicketNotFound().with_field("into");
         RENKEI_ASSIGN_OR_RETURN(auto d, c.s.desk.Merge(c.actor(), id, TicketId(into)));
         return ValueReply(WriteDetail, d);
       }},
      {"GET",
       "/api/v1/desk/alerts",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "The newest alerts of my organisation's devices in plain words (the SME's "
                   "own page), or of an SME enrolled with my consortium (sme=, desk agents, "
                   "with the raw lines).",
        .query = {"sme"},
        .response = "DeskAlertList",
        .errors = {404},
        .description = "the alerts"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto sme, QueryId(c.req, "sme"));
         std::optional<OrgId> org;
         if (sme) org = OrgId(*sme);
         RENKEI_ASSIGN_OR_RETURN(auto list, c.s.desk.RecentAlerts(*c.principal, org));
         return ItemsReply(list, WriteAlert);
       }},
      {"GET",
       "/api/v1/desk/stats",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "The statistics like the pilot's table, per consortium and month (JST): "
                   "participants, contacts by category, incidents by kind, dispatches, median "
                   "minutes to the first response and to arrival, the damage estimates; then "
                   "each consortium's total and the grand total. Desk agents (their consortia) "
                   "and the programme's ministry; counts only, no SME named. from/to: RFC 3339 "
                   "(default the last 12 months), at most 24 months.",
        .query = {"consortium", "from", "to"},
        .response = "DeskStats",
        .errors = {403, 404},
        .description = "the statistics"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto consortium, QueryId(c.req, "consortium"));
         std::optional<domain::ConsortiumId> con;
         if (consortium) con = domain::ConsortiumId(*consortium);
         std::optional<Millis> from, to;
         if (auto t = QueryString(c.req, "to"); !t.empty()) {
           RENKEI_ASSIGN_OR_RETURN(to, TimeValue("to", t));
         }
         if (auto f = QueryString(c.req, "from"); !f.empty()) {
           RENKEI_ASSIGN_OR_RETURN(from, TimeValue("from", f));
         }
         RENKEI_ASSIGN_OR_RETURN(auto st, c.s.desk.Stats(*c.principal, con, from, to));
         JsonWriter w;
         w.BeginObject();
         TimeField(w, "from", st.from);
         TimeField(w, "to", st.to);
         w.Key("rows").BeginArray();
         for (const auto& r : st.rows) WriteStatsRow(w, r);
         w.EndArray().Key("total");
         WriteStatsRow(w, st.total);
         w.EndObject();
         return JsonReply(w);
       }},
      {"GET",
       "/api/v1/admin/intake",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "What the UTM alert intake counted per sender address: lines accepted, "
                   "malformed (with the latest sample and why), refused (address not allowed), "
                   "dropped (queue full), from devices not enrolled. Administrators.",
        .response = "IntakeCounts",
        .errors = {403},
        .description = "the counters"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto list, c.s.desk.IntakeCounts(*c.principal));
         return ItemsReply(list, [](JsonWriter& w, const domain::SenderCount& s) {
           w.BeginObject()
               .Field("sender", s.sender)
               .Field("accepted", s.accepted)
               .Field("malformed", s.malformed)
               .Field("refused", s.refused)
               .Field("dropped", s.dropped)
               .Field("unknown", s.unknown);
           TimeField(w, "last_at", s.last_at > 0 ? std::optional<Millis>(s.last_at) : std::nullopt);
           w.Field("sample", s.sample).Field("error", s.error).EndObject();
         });
       }},
      // The bridges (docs/desk.md): the SME's customers, its consent, sharing a ticket.
      {"PUT",
       "/api/v1/desk/contracts/{id}/customers",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "The critical-infrastructure operators the SME supplies (取引先), whom its "
                   "tickets may be shared with: the SME's people or its consortium's desk "
                   "agents name them (active organisations of kind operator); replaces the "
                   "list.",
        .request = "DeskCustomersInput",
        .response = "DeskContract",
        .description = "the contract"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id,
                                 PathId<domain::ContractId>(c, 0, err::DeskContractNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto ids = in.Ints("customers", true).value_or(std::vector<std::int64_t>{});
         RENKEI_RETURN_IF_ERROR(in.Finish());
         std::vector<OrgId> orgs;
         for (auto v : ids) orgs.push_back(OrgId(v));
         RENKEI_ASSIGN_OR_RETURN(auto k, c.s.desk.SetCustomers(c.actor(), id, orgs));
         return ValueReply(WriteContract, k);
       }},
      {"POST",
       "/api/v1/desk/tickets/{id}/consent",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "The SME's consent (同意) to its desk sharing this ticket with its customers "
                   "on its behalf; only the SME's people give it, once.",
        .response = "DeskTicket",
        .errors = {403},
        .description = "the ticket"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<TicketId>(c, 0, err::DeskTicketNotFound));
         RENKEI_RETURN_IF_ERROR(NoBody(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto d, c.s.desk.Consent(c.actor(), id));
         return ValueReply(WriteDetail, d);
       }},
      {"POST",
       "/api/v1/desk/tickets/{id}/share",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "Share the ticket with operators the SME supplies as a supply-chain notice "
                   "(an item, TLP:GREEN, AMBER or AMBER+STRICT, to those organisations only): "
                   "the SME's people, or its desk agents once the SME consented. The text is "
                   "what the sharer reviewed; the ticket records the share.",
        .request = "DeskShareInput",
        .status = 201,
        .response = "Item",
        .errors = {403, 409},
        .description = "the item sent"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<TicketId>(c, 0, err::DeskTicketNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         domain::TicketShare sh;
         for (auto v : in.Ints("operators", true).value_or(std::vector<std::int64_t>{}))
           sh.operators.push_back(OrgId(v));
         const auto tlp = in.String("tlp", true).value_or("");
         sh.title = in.String("title", true).value_or("");
         sh.body = in.String("body", true).value_or("");
         sh.action_requested = in.String("action_requested", false).value_or("");
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(sh.tlp, ReadTlp(tlp));
         RENKEI_ASSIGN_OR_RETURN(auto view, c.s.desk.Share(c.actor(), id, sh));
         return ValueReply(WriteItemView, view, 201);
       }},
      {"POST",
       "/api/v1/desk/tickets/{id}/report",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "Turn the ticket into the SME's draft incident report in the reporting "
                   "window: title, when it was noticed and detected, what happened (the "
                   "messages and alerts, never an internal note), the alerts' public addresses "
                   "as indicators. The SME's people, or its desk agents once the SME consented; "
                   "the SME's people review and submit it, and it reaches the desk.",
        .request = "DeskReportInput",
        .status = 201,
        .response = "DeskReportMade",
        .errors = {403, 409},
        .description = "the draft made"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<TicketId>(c, 0, err::DeskTicketNotFound));
         domain::TicketReport r;
         if (!c.req.body.empty()) {
           RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
           r.report_class = in.String("report_class", false).value_or("other");
           r.forward_ministry = in.Bool("forward_ministry", false).value_or(false);
           r.forward_national_centre = in.Bool("forward_national_centre", false).value_or(false);
           RENKEI_RETURN_IF_ERROR(in.Finish());
         }
         RENKEI_ASSIGN_OR_RETURN(auto made, c.s.desk.DraftReport(c.actor(), id, r));
         JsonWriter w;
         w.BeginObject().Field("case_id", made.value).Field("ticket_id", id.value).EndObject();
         return JsonReply(w, 201);
       }},
  };
}

// ---- Files on tickets' entries and the statistics as a file (issue 19, second slice) ----
namespace {

// The statistics' period and consortium as GET /desk/stats reads them.
struct StatsQuery {
  std::optional<domain::ConsortiumId> consortium;
  std::optional<Millis> from, to;
};
Result<StatsQuery> ReadStatsQuery(const Request& req) {
  StatsQuery q;
  RENKEI_ASSIGN_OR_RETURN(auto consortium, QueryId(req, "consortium"));
  if (consortium) q.consortium = domain::ConsortiumId(*consortium);
  if (auto t = QueryString(req, "to"); !t.empty()) {
    RENKEI_ASSIGN_OR_RETURN(q.to, TimeValue("to", t));
  }
  if (auto f = QueryString(req, "from"); !f.empty()) {
    RENKEI_ASSIGN_OR_RETURN(q.from, TimeValue("from", f));
  }
  return q;
}

// The table like the pilot's (seed 000: コールセンター対応 545件 in four categories,
// インシデント等対応 74件 in four): one row per consortium and month, each consortium's total
// over the period, then the grand total.
Result<Reply> StatsExport(const domain::DeskStats& st, const ExportOptions& o) {
  const Lang l = o.lang;
  auto word = [&](const char* key) { return Words(l, std::string("exports.deskStats.") + key); };
  ExportTable t;
  t.sheet = word("sheet");
  t.header = {word("region"),         word("consortium"),    word("month"),
              word("participants"),   word("contacts"),      word("participation"),
              word("installation"),   word("security"),      word("contactOther"),
              word("incidents"),      word("remote"),        word("onsite"),
              word("deviceTrouble"),  word("incidentOther"), word("dispatches"),
              word("medianResponse"), word("medianArrival"), word("damage")};
  auto minutes = [](const std::optional<Millis>& ms) {
    return ms ? std::to_string(*ms / 60000) : std::string();
  };
  auto row = [&](const domain::DeskStatsRow& r, std::string region, std::string consortium,
                 std::string month) {
    std::vector<std::string> cells = {std::move(region), std::move(consortium), std::move(month),
                                      std::to_string(r.participants), std::to_string(r.contacts)};
    for (auto n : r.contact_by_category) cells.push_back(std::to_string(n));
    cells.push_back(std::to_string(r.incidents));
    for (auto n : r.incident_by_category) cells.push_back(std::to_string(n));
    cells.push_back(std::to_string(r.dispatches));
    cells.push_back(minutes(r.median_first_response_ms));
    cells.push_back(minutes(r.median_arrival_ms));
    cells.push_back(std::to_string(r.damage_estimate_yen));
    t.rows.push_back(std::move(cells));
  };
  for (const auto& r : st.rows)
    row(r, r.region, r.consortium_name, r.month.empty() ? word("periodTotal") : r.month);
  row(st.total, word("allRegions"), word("allConsortia"), word("periodTotal"));
  return ExportReply(t, o, "renkei-desk-stats", false);
}

}  // namespace

std::vector<Route> DeskFileRoutes() {
  return {
      {"POST",
       "/api/v1/desk/tickets/{id}/entries/{entry_id}/attachments",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "Attach a file to an entry of a ticket: the desk's agents to an internal note "
                   "or one of the desk's messages, the SME's people to one of the SME's "
                   "messages (raw body with its Content-Type, ?filename=; PDF, PNG, JPEG, ZIP, "
                   "XLSX, DOCX, text, CSV, JSON up to 10 MiB, content checked against the type, "
                   "the name's extension fitting it, no control, bidi or zero-width characters "
                   "in it; at most 20 per entry). A note's files are the desk's only. An entry "
                   "the caller does not see is 404.",
        .query = {"filename"},
        .status = 201,
        .response = "Attachment",
        .errors = {403, 409, 413, 415}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<TicketId>(c, 0, err::DeskTicketNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto entry, PathId<TicketId>(c, 1, err::DeskEntryNotFound));
         RENKEI_ASSIGN_OR_RETURN(
             auto a, c.s.desk.Attach(c.actor(), id, entry.value, QueryString(c.req, "filename"),
                                     UploadType(c.req), c.req.body));
         return ValueReply(WriteAttachment, a, 201);
       },
       BodyKind::kUpload},
      {"GET",
       "/api/v1/desk/tickets/{id}/attachments/{attachment_id}",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "Download a file of a ticket's entry (whoever sees the entry under the desk "
                   "rule: a message's files the desk's agents and the SME, a note's the desk's "
                   "agents only; anyone else 404).",
        .media = {"*/*"},
        .description = "the file"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<TicketId>(c, 0, err::DeskTicketNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto att,
                                 PathId<domain::AttachmentId>(c, 1, err::AttachmentNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto a, c.s.desk.GetAttachment(*c.principal, id, att));
         return FileReply(a);
       }},
      {"GET",
       "/api/v1/desk/stats/export",
       A::kSignedIn,
       {.tag = "desk",
        .summary = "The statistics of GET /desk/stats as CSV (UTF-8 with BOM) or .xlsx with the "
                   "pilot table's headings (コールセンター対応 by its four categories, "
                   "インシデント等対応 by its four kinds): a row per consortium and month, each "
                   "consortium's period total, the grand total. The same callers as the JSON; "
                   "audited.",
        .query = {"consortium", "from", "to", "format", "lang"},
        .media = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"},
        .errors = {403, 404},
        .description = "the file"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto q, ReadStatsQuery(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto o, ReadExportOptions(c.req));
         // The filter recorded is the period as asked (the service fills the defaults).
         domain::AuditFields filter;
         if (q.consortium) filter.emplace_back("consortium", q.consortium->value);
         if (q.from) filter.emplace_back("from", FormatRfc3339Utc(*q.from));
         if (q.to) filter.emplace_back("to", FormatRfc3339Utc(*q.to));
         RENKEI_ASSIGN_OR_RETURN(auto st, c.s.desk.ExportStats(c.actor(), q.consortium, q.from,
                                                               q.to, {o.format, filter}));
         return StatsExport(st, o);
       }},
  };
}

}  // namespace renkei::http
