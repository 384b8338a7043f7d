// Sharing: items, delivery tracking, attachments, notification settings, live events,
// the public page's items.
#include "core/time_format.h"
#include "http/export.h"
#include "http/route_helpers.h"
#include "http/stix/stix_json.h"

namespace renkei::http {
namespace {

void WriteContentFields(JsonWriter& w, const domain::ItemContent& c, bool full) {
  w.Field("title", c.title);
  if (full) w.Field("body", c.body);
  w.Field("action_requested", c.action_requested);
  TimeField(w, "action_due_at", c.action_due_at);
  w.Field("cve_ids", c.cve_ids).Field("affected_products", c.affected_products);
  if (full) w.Field("detection", c.detection).Field("mitigation", c.mitigation);
}

// Writes the item's fields into an object the caller has opened; `full` adds the
// body and advisory texts (single item), lists carry titles only.
void WriteItemFields(JsonWriter& w, const domain::Item& it, bool full) {
  w.Field("id", it.id.value)
      .Field("kind", it.kind)
      .Field("tlp", domain::TlpName(it.tlp))
      .Field("state", domain::ItemStateName(it.state))
      .Field("withdrawn", it.withdrawn)
      .Field("version", static_cast<std::int64_t>(it.version))
      .Field("acknowledgement_version", static_cast<std::int64_t>(it.ack_version))
      .Field("revision_note", it.revision_note)
      .Field("revision_file", it.revision_file);
  TimeField(w, "revised_at", it.revised_at);
  w.Key("author").BeginObject().Field("id", it.author_id.value).Field("name", it.author_name);
  w.EndObject();
  w.Key("sender_org")
      .BeginObject()
      .Field("id", it.sender_org_id.value)
      .Field("name_ja", it.sender_org_name_ja)
      .Field("name_en", it.sender_org_name_en)
      .EndObject();
  w.Field("public", it.is_public).Field("urgent", it.urgent).Field("mail_text", it.mail_text);
  w.Key("clearance");
  if (const domain::ClearanceCode* level = domain::ClearanceOf(it.clearance)) {
    w.String(level->name);
  } else {
    w.Null();
  }
  WriteContentFields(w, it.content, full);
  TimeField(w, "published_at", it.published_at);
  TimeField(w, "updated_at", it.updated_at);
  TimeField(w, "withdrawn_at", it.withdrawn_at);
  w.Field("withdrawn_reason", it.withdrawn_reason).Field("return_reason", it.return_reason);
  TimeField(w, "returned_at", it.returned_at);
  w.Field("relay_depth", static_cast<std::int64_t>(it.relay_depth))
      .Field("relay_note", it.relay_note);
  w.Key("exercise_id");
  if (it.exercise_id != 0) {
    w.Int(it.exercise_id);
  } else {
    w.Null();
  }
  w.Key("delivery");
  if (it.my_delivered_at) {
    w.BeginObject();
    TimeField(w, "delivered_at", it.my_delivered_at);
    TimeField(w, "read_at", it.my_read_at);
    TimeField(w, "acknowledged_at", it.my_acknowledged_at);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("follow_up");
  if (it.follow_up) {
    w.BeginObject()
        .Field("people", it.follow_up->people)
        .Field("read", it.follow_up->read)
        .Field("acknowledged", it.follow_up->acknowledged)
        .EndObject();
  } else {
    w.Null();
  }
}

void WriteItemSummary(JsonWriter& w, const domain::Item& it) {
  w.BeginObject();
  WriteItemFields(w, it, false);
  w.EndObject();
}

Result<domain::ItemContent> ReadContent(JsonObject& in) {
  domain::ItemContent c;
  c.title = in.String("title", true).value_or("");
  c.body = in.String("body", true).value_or("");
  c.action_requested = in.String("action_requested", false).value_or("");
  if (auto due = in.String("action_due_at", false)) {
    RENKEI_ASSIGN_OR_RETURN(c.action_due_at, TimeValue("action_due_at", *due));
  }
  c.cve_ids = in.Strings("cve_ids", false).value_or(std::vector<std::string>{});
  c.affected_products = in.Strings("affected_products", false).value_or(std::vector<std::string>{});
  c.detection = in.String("detection", false).value_or("");
  c.mitigation = in.String("mitigation", false).value_or("");
  return c;
}

// PATCH /items/{id} and its rehearsal read the same: the item, its new content and a note.
struct Revision {
  domain::ItemId id;
  domain::ItemContent content;
  std::string note;
};
Result<Revision> ReadRevision(Ctx& c) {
  Revision r;
  RENKEI_ASSIGN_OR_RETURN(r.id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
  RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
  RENKEI_ASSIGN_OR_RETURN(r.content, ReadContent(in));
  r.note = in.String("note", false).value_or("");
  RENKEI_RETURN_IF_ERROR(in.Finish());
  return r;
}

// `draft` (if given) reads the optional "draft" flag of POST /items; elsewhere it is an
// unknown field.
Result<domain::NewItem> ReadNewItem(const std::string& body, bool* draft = nullptr) {
  RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(body));
  domain::NewItem n;
  if (draft) *draft = in.Bool("draft", false).value_or(false);
  n.kind = in.String("kind", true).value_or("");
  const std::string tlp = in.String("tlp", true).value_or("");
  RENKEI_ASSIGN_OR_RETURN(n.content, ReadContent(in));
  auto audience = in.Object("audience", false);
  n.is_public = in.Bool("public", false).value_or(false);
  n.urgent = in.Bool("urgent", false).value_or(false);
  n.mail_text = in.Bool("mail_text", false).value_or(false);
  const auto clearance = in.String("clearance", false);
  RENKEI_RETURN_IF_ERROR(in.Finish());
  if (clearance && !clearance->empty()) {
    const auto rank = domain::ParseClearance(*clearance);
    if (!rank)
      return err::ClearanceLevelUnknown(domain::ClearanceNameList()).with_field("clearance");
    n.clearance = *rank;
  }
  RENKEI_RETURN_IF_ERROR(ReadLabelAndAudience(tlp, audience, n.tlp, n.audience));
  return n;
}

Result<domain::ItemFilter> ReadItemFilter(const Request& req) {
  domain::ItemFilter f;
  if (auto scope = QueryString(req, "scope"); !scope.empty()) f.scope = scope;
  RENKEI_ASSIGN_OR_RETURN(auto unread, QueryBool(req, "unread"));
  f.unread_only = unread.value_or(false);
  RENKEI_ASSIGN_OR_RETURN(auto action, QueryBool(req, "action"));
  f.action_outstanding = action.value_or(false);
  f.kind = QueryString(req, "kind");
  if (auto tlp = QueryString(req, "tlp"); !tlp.empty()) {
    RENKEI_ASSIGN_OR_RETURN(f.tlp, ReadTlp(tlp));
  }
  f.sector_id = QueryString(req, "sector");
  if (auto v = QueryString(req, "since"); !v.empty()) {
    RENKEI_ASSIGN_OR_RETURN(f.since, TimeValue("since", v));
  }
  if (auto v = QueryString(req, "until"); !v.empty()) {
    RENKEI_ASSIGN_OR_RETURN(f.until, TimeValue("until", v));
  }
  RENKEI_ASSIGN_OR_RETURN(f.query_folded, QuerySearch(req));
  RENKEI_ASSIGN_OR_RETURN(auto limit, QueryInt(req, "limit", 50, 1, 200));
  f.limit = static_cast<int>(limit);
  RENKEI_ASSIGN_OR_RETURN(f.before_id, DecodeCursor(QueryString(req, "cursor")));
  return f;
}

}  // namespace

Reply ItemPageReply(const domain::ItemPage& page) {
  return ItemsReply(page.items, WriteItemSummary, true,
                    page.next_before_id ? EncodeCursor(*page.next_before_id) : "");
}

namespace {

Result<domain::DeliveryFilter> ReadDeliveryFilter(const Request& req) {
  domain::DeliveryFilter f;
  RENKEI_ASSIGN_OR_RETURN(auto pending, QueryBool(req, "pending"));
  f.pending_only = pending.value_or(false);
  f.sector_id = QueryString(req, "sector");
  const std::string org = QueryString(req, "org");
  if (!IsCleanUtf8(org, false)) return err::InvalidText().with_field("org");
  if (CodePointCount(org) > 100) return err::TooLong(100).with_field("org");
  f.org_query_folded = FoldForSearch(org);
  if (auto sort = QueryString(req, "sort"); !sort.empty()) {
    bool known = false;
    for (size_t i = 0; i < std::size(domain::kDeliverySorts); ++i) {
      if (sort == domain::kDeliverySorts[i]) {
        f.sort = static_cast<domain::DeliverySort>(i);
        known = true;
      }
    }
    if (!known)
      return err::InvalidValue("organisation, person, read_at, acknowledged_at").with_field("sort");
  }
  if (auto order = QueryString(req, "order"); !order.empty()) {
    if (order != "asc" && order != "desc")
      return err::InvalidValue("asc, desc").with_field("order");
    f.descending = order == "desc";
  }
  return f;
}

// The filter as the export's audit entry records it.
domain::AuditFields DeliveryFilterFields(const domain::DeliveryFilter& f) {
  domain::AuditFields out;
  if (f.pending_only) out.emplace_back("pending", true);
  if (!f.sector_id.empty()) out.emplace_back("sector", f.sector_id);
  if (!f.org_query_folded.empty()) out.emplace_back("org", f.org_query_folded);
  out.emplace_back("sort", domain::kDeliverySorts[static_cast<size_t>(f.sort)]);
  out.emplace_back("order", f.descending ? "desc" : "asc");
  return out;
}

// The item list's filter as the STIX export's audit entry records it.
domain::AuditFields ItemFilterFields(const domain::ItemFilter& f) {
  domain::AuditFields out;
  out.emplace_back("scope", f.scope);
  if (f.unread_only) out.emplace_back("unread", true);
  if (f.action_outstanding) out.emplace_back("action", true);
  if (!f.kind.empty()) out.emplace_back("kind", f.kind);
  if (f.tlp) out.emplace_back("tlp", domain::TlpName(*f.tlp));
  if (!f.sector_id.empty()) out.emplace_back("sector", f.sector_id);
  if (f.since) out.emplace_back("since", FormatRfc3339Utc(*f.since));
  if (f.until) out.emplace_back("until", FormatRfc3339Utc(*f.until));
  if (!f.query_folded.empty()) out.emplace_back("q", f.query_folded);
  return out;
}

// A STIX bundle as a download: `<stem>_<JST yyyymmdd-hhmm>.stix.json`, the STIX media
// type, X-Export-Truncated when a list was cut.
Reply StixReply(const domain::stix::Bundle& b, const std::string& stem) {
  std::string stamp;
  for (char ch : JstCell(SystemClock().now_ms()))
    if (ch >= '0' && ch <= '9') stamp += ch;
  if (stamp.size() == 12) stamp.insert(8, "-");
  const std::string name = stem + "_" + stamp + ".stix.json";
  Reply r = DownloadReply(name, stix::kStixMediaType, stix::WriteBundle(b), name);
  if (b.truncated) r.headers.emplace_back("X-Export-Truncated", "true");
  return r;
}

// One row per person, in the table's order: the organisation by name, the person, and
// what they did, in the caller's language.
Result<Reply> DeliveryExport(const domain::DeliveryReport& r, domain::ItemId id,
                             const ExportOptions& o) {
  const Lang l = o.lang;
  ExportTable t;
  t.sheet = Words(l, "exports.deliveries.sheet") + "_" + std::to_string(id.value);
  t.header = {Words(l, "exports.deliveries.org"),    Words(l, "exports.deliveries.person"),
              Words(l, "exports.deliveries.email"),  Words(l, "exports.deliveries.delivered"),
              Words(l, "exports.deliveries.readAt"), Words(l, "exports.deliveries.ackAt"),
              Words(l, "exports.deliveries.state"),  Words(l, "exports.deliveries.lastAck")};
  t.rows.reserve(r.rows.size());
  for (const auto& d : r.rows) {
    const bool done = r.action_requested ? d.acknowledged_at.has_value() : d.read_at.has_value();
    std::string state = d.acknowledged_at ? Words(l, "exports.deliveries.stateAck")
                        : d.read_at       ? Words(l, "exports.deliveries.stateRead")
                                          : Words(l, "exports.deliveries.stateUnread");
    if (!done) state += " (" + Words(l, "exports.deliveries.pending") + ")";
    std::string last;
    if (d.last_acknowledged_version && !d.acknowledged_at) {
      last = JstCell(d.last_acknowledged_at) + " (v" +
             std::to_string(*d.last_acknowledged_version) + ")";
    }
    t.rows.push_back({l == Lang::kEn && !d.org_name_en.empty() ? d.org_name_en : d.org_name_ja,
                      d.user_name, d.email, JstCell(d.delivered_at), JstCell(d.read_at),
                      JstCell(d.acknowledged_at), state, last});
  }
  return ExportReply(t, o, "renkei-deliveries-" + std::to_string(id.value), r.truncated);
}

void WriteDeliveryReport(JsonWriter& w, const domain::DeliveryReport& r) {
  w.BeginObject()
      .Field("version", static_cast<std::int64_t>(r.version))
      .Field("acknowledgement_version", static_cast<std::int64_t>(r.ack_version));
  TimeField(w, "version_at", r.version_at);
  TimeField(w, "acknowledgement_asked_at", r.ack_asked_at);
  w.Field("people", r.people)
      .Field("read", r.read)
      .Field("acknowledged", r.acknowledged)
      .Field("organisations", r.organisations)
      .Field("organisations_acknowledged", r.organisations_acknowledged)
      .Field("action_requested", r.action_requested);
  const auto& windows = domain::kRateWindowNames;
  w.Key("read_within").BeginObject();
  for (int i = 0; i < 3; ++i) w.Field(windows[i], r.read_within[i]);
  w.EndObject();
  w.Key("acknowledged_within").BeginObject();
  for (int i = 0; i < 3; ++i) w.Field(windows[i], r.acknowledged_within[i]);
  w.EndObject();
  w.Key("organisations_detail").BeginArray();
  for (const auto& o : r.orgs) {
    w.BeginObject()
        .Field("org_id", o.org_id.value)
        .Field("name_ja", o.org_name_ja)
        .Field("name_en", o.org_name_en)
        .Field("people", o.people)
        .Field("read", o.read)
        .Field("acknowledged", o.acknowledged);
    TimeField(w, "first_read_at", o.first_read_at);
    TimeField(w, "first_acknowledged_at", o.first_acknowledged_at);
    w.EndObject();
  }
  w.EndArray();
  w.Key("people_detail").BeginArray();
  for (const auto& d : r.rows) {
    w.BeginObject()
        .Field("user_id", d.user_id.value)
        .Field("name", d.user_name)
        .Field("email", d.email)
        .Field("org_id", d.org_id.value)
        .Field("org_name_ja", d.org_name_ja)
        .Field("org_name_en", d.org_name_en);
    TimeField(w, "delivered_at", d.delivered_at);
    TimeField(w, "read_at", d.read_at);
    TimeField(w, "acknowledged_at", d.acknowledged_at);
    w.FieldOrNull("last_acknowledged_version",
                  d.last_acknowledged_version
                      ? std::optional<std::int64_t>(*d.last_acknowledged_version)
                      : std::nullopt);
    TimeField(w, "last_acknowledged_at", d.last_acknowledged_at);
    w.EndObject();
  }
  w.EndArray().EndObject();
}

// POST /items/{id}/relay and its rehearsal read the same body.
struct RelayRequest {
  domain::ItemId id;
  domain::RelayInput in;
};
Result<RelayRequest> ReadRelay(Ctx& c) {
  RelayRequest r;
  RENKEI_ASSIGN_OR_RETURN(r.id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
  RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
  const std::string tlp = in.String("tlp", true).value_or("");
  auto audience = in.Object("audience", true);
  r.in.note = in.String("note", false).value_or("");
  r.in.action_requested = in.String("action_requested", false).value_or("");
  if (auto due = in.String("action_due_at", false)) {
    RENKEI_ASSIGN_OR_RETURN(r.in.action_due_at, TimeValue("action_due_at", *due));
  }
  RENKEI_RETURN_IF_ERROR(in.Finish());
  RENKEI_RETURN_IF_ERROR(ReadLabelAndAudience(tlp, audience, r.in.tlp, r.in.audience));
  return r;
}

void WriteRelayReport(JsonWriter& w, const domain::RelayReport& r) {
  const auto share = [](std::int64_t n, std::int64_t of) {
    return of == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(of);
  };
  w.BeginObject().Field("item_id", r.item_id.value).Field("root_id", r.root_id.value);
  TimeField(w, "root_published_at", r.root_published_at);
  w.Key("hops").BeginArray();
  for (const auto& h : r.hops) {
    const auto& c = h.counts;
    w.BeginObject()
        .Field("item_id", h.link.item_id.value)
        .FieldOrNull("relayed_from_id",
                     h.link.relayed_from ? std::optional<std::int64_t>(h.link.relayed_from->value)
                                         : std::nullopt)
        .Field("depth", static_cast<std::int64_t>(h.link.depth))
        .Field("tlp", domain::TlpName(h.link.tlp));
    w.Key("sender_org")
        .BeginObject()
        .Field("id", h.link.sender_org_id.value)
        .Field("name_ja", h.link.sender_name_ja)
        .Field("name_en", h.link.sender_name_en)
        .EndObject();
    w.Key("author")
        .BeginObject()
        .Field("id", h.link.author_id.value)
        .Field("name", h.link.author_name)
        .EndObject();
    TimeField(w, "published_at", h.link.published_at);
    w.Field("since_root_ms", h.since_root)
        .Field("organisations", c.organisations)
        .Field("people", c.people)
        .Field("read", c.read)
        .Field("acknowledged", c.acknowledged);
    w.Key("read_within").BeginObject();
    for (int i = 0; i < 3; ++i)
      w.Field(domain::kRateWindowNames[i], share(c.read_within[i], c.people));
    w.EndObject();
    w.Key("acknowledged_within").BeginObject();
    for (int i = 0; i < 3; ++i)
      w.Field(domain::kRateWindowNames[i], share(c.acknowledged_within[i], c.people));
    w.EndObject();
    w.Field("acknowledged_within_day_of_root", share(c.acknowledged_within_day_of_root, c.people));
    TimeField(w, "last_acknowledged_at", c.last_acknowledged_at);
    w.EndObject();
  }
  w.EndArray().EndObject();
}

}  // namespace

// Shared with the reporting routes (declared in route_helpers.h).
void WriteItemView(JsonWriter& w, const domain::ItemView& v) {
  w.BeginObject();
  WriteItemFields(w, v.item, true);
  w.Key("audience");
  if (v.can_see_audience) {
    const auto& a = v.item.audience;
    w.BeginObject().Field("sector_ids", a.sector_ids);
    WriteIds(w, "hub_ids", a.hub_ids);
    WriteIds(w, "org_ids", a.org_ids);
    WriteRoles(w, "roles", a.roles);
    WriteIds(w, "user_ids", a.user_ids);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("audience_names");
  if (v.can_see_audience) {
    w.BeginObject().Key("orgs").BeginArray();
    for (const auto& o : v.audience_orgs) {
      w.BeginObject()
          .Field("id", o.id)
          .Field("name_ja", o.name_ja)
          .Field("name_en", o.name_en)
          .EndObject();
    }
    w.EndArray().Key("users").BeginArray();
    for (const auto& u : v.audience_users) {
      w.BeginObject().Field("id", u.id).Field("name", u.name_ja).EndObject();
    }
    w.EndArray().EndObject();
  } else {
    w.Null();
  }
  w.Key("attachments").BeginArray();
  for (const auto& a : v.attachments) WriteAttachment(w, a);
  w.EndArray();
  WriteIndicators(w, v.indicators);
  w.Key("provenance").BeginArray();
  for (const auto& l : v.provenance) {
    w.BeginObject().FieldOrNull(
        "item_id", l.item_id ? std::optional<std::int64_t>(l.item_id->value) : std::nullopt);
    w.Field("name_ja", l.sender_name_ja).Field("name_en", l.sender_name_en);
    TimeField(w, "published_at", l.published_at);
    w.EndObject();
  }
  w.EndArray();
  w.Field("can_manage", v.can_manage)
      .Field("can_approve", v.can_approve)
      .Field("is_recipient", v.is_recipient)
      .Field("can_relay", v.can_relay)
      .EndObject();
}

std::vector<Route> SharingRoutes() {
  using A = Access;
  return {
      {"GET",
       "/api/v1/items",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Items I may see: my inbox, everything, or what my organisation sent",
        .query = {"scope", "unread", "action", "kind", "tlp", "sector", "since", "until", "q",
                  "limit", "cursor"},
        .response = "ItemPage"},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto f, ReadItemFilter(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto page, sharing.List(*c.principal, f));
         return ItemPageReply(page);
       }},
      {"POST",
       "/api/v1/items",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Publish an item to an audience under a TLP label; with \"draft\": true save "
                   "it as a draft (下書き) instead, which reaches nobody until published (its "
                   "audience may still be empty)",
        .request = "ItemInput",
        .status = 201,
        .response = "ItemDetail"},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         bool draft = false;
         RENKEI_ASSIGN_OR_RETURN(auto in, ReadNewItem(c.req.body, &draft));
         if (draft) {
           RENKEI_ASSIGN_OR_RETURN(auto view, sharing.SaveDraft(c.actor(), in));
           return ValueReply(WriteItemView, view, 201);
         }
         RENKEI_ASSIGN_OR_RETURN(auto out, sharing.Publish(c.actor(), in));
         return ValueReply(WriteItemView, out.view, 201);
       }},
      {"POST",
       "/api/v1/items/reach",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Whom publishing this item would reach (for the confirmation before sending): "
                   "the body of POST /items, the publication's own checks and fan-out rolled "
                   "back; nothing is stored, mailed or announced. The same errors as publishing.",
        .request = "ItemInput",
        .response = "Reach"},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto in, ReadNewItem(c.req.body));
         RENKEI_ASSIGN_OR_RETURN(auto reach, sharing.Rehearse(c.actor(), in));
         return ReachReply(reach);
       }},
      {"GET",
       "/api/v1/items/stix",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "The list's items as one STIX 2.1 bundle (docs/stix.md): the same filter and "
                   "rule as GET /items, published items only (scope drafts is 400), at most "
                   "50,000 items newest first (X-Export-Truncated when cut); audited",
        .query = {"scope", "unread", "action", "kind", "tlp", "sector", "since", "until", "q"},
        .media = {"application/stix+json;version=2.1"},
        .description = "the bundle"},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto f, ReadItemFilter(c.req));
         RENKEI_ASSIGN_OR_RETURN(
             auto bundle, sharing.ExportStixList(c.actor(), f, {"stix", ItemFilterFields(f)}));
         return StixReply(bundle, "renkei-items");
       }},
      {"GET",
       "/api/v1/items/counts",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "My inbox counts: delivered, unread, actions outstanding",
        .response = "ItemCounts"},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto n, sharing.Counts(*c.principal));
         JsonWriter w;
         w.BeginObject()
             .Field("inbox", n.inbox)
             .Field("unread", n.unread)
             .Field("action_outstanding", n.action_outstanding)
             .EndObject();
         return JsonReply(w);
       }},
      {"GET",
       "/api/v1/items/{id}",
       A::kSignedIn,
       {.tag = "sharing",
        .summary =
            "One item; opening it marks my delivery read (reads of AMBER and RED are audited)",
        .response = "ItemDetail"},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto view, sharing.Get(c.actor(), id));
         return ValueReply(WriteItemView, view);
       }},
      {"GET",
       "/api/v1/items/{id}/stix",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "The item as a STIX 2.1 bundle (docs/stix.md): the same ids on every export "
                   "and revision, modified per revision, revoked once withdrawn, the TLP 2.0 "
                   "markings; audited. Not a reading: my delivery stays as it is. A draft is 409.",
        .media = {"application/stix+json;version=2.1"},
        .errors = {409},
        .description = "the bundle"},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto bundle, sharing.ExportStix(c.actor(), id, {"stix", {}}));
         return StixReply(bundle, "renkei-item-" + std::to_string(id.value));
       }},
      {"PATCH",
       "/api/v1/items/{id}",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Revise the content (a new version; earlier versions stay visible)",
        .request = "ItemRevision",
        .response = "ItemDetail",
        .errors = {409}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto r, ReadRevision(c));
         RENKEI_ASSIGN_OR_RETURN(auto view, sharing.Revise(c.actor(), r.id, r.content, r.note));
         return ValueReply(WriteItemView, view);
       }},
      {"POST",
       "/api/v1/items/{id}/reach",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Whom this revision would reach (every recipient, unread again; the revised "
                   "mails): the body of PATCH /items/{id}, the revision rolled back. The same "
                   "errors as revising.",
        .request = "ItemRevision",
        .response = "Reach",
        .errors = {403, 409}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto r, ReadRevision(c));
         RENKEI_ASSIGN_OR_RETURN(auto reach,
                                 sharing.RehearseRevision(c.actor(), r.id, r.content, r.note));
         return ReachReply(reach);
       }},
      {"PUT",
       "/api/v1/items/{id}/draft",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Change a draft: its label, audience, flags and content, as POST /items takes "
                   "them (without \"draft\"); the author and, below RED, the organisation's "
                   "publishers. 409 once published.",
        .request = "ItemInput",
        .response = "ItemDetail",
        .errors = {403, 409}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, ReadNewItem(c.req.body));
         RENKEI_ASSIGN_OR_RETURN(auto view, sharing.UpdateDraft(c.actor(), id, in));
         return ValueReply(WriteItemView, view);
       }},
      {"POST",
       "/api/v1/items/{id}/publish",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Publish a draft as it is stored: every check of publishing, then it reaches "
                   "its audience (mail, live events). 409 once published.",
        .response = "ItemDetail",
        .errors = {403, 409}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_RETURN_IF_ERROR(NoBody(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto out, sharing.PublishDraft(c.actor(), id));
         return ValueReply(WriteItemView, out.view);
       }},
      {"GET",
       "/api/v1/items/{id}/publish/reach",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Whom publishing this draft would reach, by the publication rolled back; the "
                   "same errors as publishing it.",
        .response = "Reach",
        .errors = {403, 409}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto reach, sharing.RehearseDraft(c.actor(), id));
         return ReachReply(reach);
       }},
      {"POST",
       "/api/v1/items/{id}/approve",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "決裁: approve an item awaiting approval — another publisher of its "
                   "organisation, never its author; it is then published as a publication is "
                   "(every check made for the approver), at the time of approval.",
        .response = "ItemDetail",
        .errors = {403, 409}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_RETURN_IF_ERROR(NoBody(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto out, sharing.Approve(c.actor(), id));
         return ValueReply(WriteItemView, out.view);
       }},
      {"GET",
       "/api/v1/items/{id}/approve/reach",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Whom approving this item would reach, by the approval rolled back; the same "
                   "errors as approving it.",
        .response = "Reach",
        .errors = {403, 409}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto reach, sharing.RehearseApproval(c.actor(), id));
         return ReachReply(reach);
       }},
      {"POST",
       "/api/v1/items/{id}/return",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "差戻し: return an item awaiting approval to its author as a draft, with the "
                   "reason the author reads; who may approve it.",
        .request = "Reason",
        .response = "ItemDetail",
        .errors = {403, 409}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto reason = in.String("reason", true);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto view, sharing.Return(c.actor(), id, *reason));
         return ValueReply(WriteItemView, view);
       }},
      {"POST",
       "/api/v1/items/{id}/recall",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "The author takes back a request for approval: the item is a draft again.",
        .response = "ItemDetail",
        .errors = {403, 409}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_RETURN_IF_ERROR(NoBody(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto view, sharing.Recall(c.actor(), id));
         return ValueReply(WriteItemView, view);
       }},
      {"POST",
       "/api/v1/items/{id}/withdraw",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Withdraw an item (recipients see it as withdrawn)",
        .request = "Reason",
        .response = "ItemDetail",
        .errors = {409}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto reason = in.String("reason", true);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto view, sharing.Withdraw(c.actor(), id, *reason));
         return ValueReply(WriteItemView, view);
       }},
      {"POST",
       "/api/v1/items/{id}/acknowledge",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Acknowledge receipt (受領確認); recipients only",
        .response = "ItemDetail",
        .errors = {409}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_RETURN_IF_ERROR(NoBody(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto view, sharing.Acknowledge(c.actor(), id));
         return ValueReply(WriteItemView, view);
       }},
      {"GET",
       "/api/v1/items/{id}/versions",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Every version of the item, newest first",
        .response = "ItemVersionList"},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto versions, sharing.Versions(c.actor(), id));
         return ItemsReply(versions, [](JsonWriter& w, const domain::ItemVersion& v) {
           w.BeginObject().Field("version", static_cast<std::int64_t>(v.version));
           WriteContentFields(w, v.content, true);
           w.Key("edited_by")
               .BeginObject()
               .Field("id", v.edited_by.value)
               .Field("name", v.edited_by_name)
               .EndObject();
           TimeField(w, "edited_at", v.edited_at);
           w.Field("note", v.note).Field("added_file", v.added_file).EndObject();
         });
       }},
      {"GET",
       "/api/v1/items/{id}/deliveries",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Delivery table for the sender: per organisation and person, read and "
                   "acknowledged, rates within 1/4/24 h; the rows narrowed and sorted by the "
                   "query (the totals and rates are the whole audience's)",
        .query = {"pending", "sector", "org", "sort", "order"},
        .response = "DeliveryReport",
        .errors = {403}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto filter, ReadDeliveryFilter(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto report, sharing.Deliveries(*c.principal, id, filter));
         return ValueReply(WriteDeliveryReport, report);
       }},
      {"GET",
       "/api/v1/items/{id}/deliveries/export",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "The delivery table's person rows as CSV (UTF-8 with BOM) or .xlsx, with the "
                   "same filter and order as the table, at most 50,000 rows; audited",
        .query = {"pending", "sector", "org", "sort", "order", "format", "lang"},
        .media = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"},
        .errors = {403},
        .description = "the file"},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto filter, ReadDeliveryFilter(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto o, ReadExportOptions(c.req));
         RENKEI_ASSIGN_OR_RETURN(
             auto report, sharing.ExportDeliveries(c.actor(), id, filter,
                                                   {o.format, DeliveryFilterFields(filter)}));
         return DeliveryExport(report, id, o);
       }},
      {"POST",
       "/api/v1/items/{id}/relay",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Relay (展開) an item I received down my own chain: a new item sent by my "
                   "organisation with the item's content and indicators, my note and requested "
                   "action, under the same label or a stricter one (never RED), to an audience "
                   "within my chain (a hub secretariat its hubs' members, a ministry its sectors' "
                   "hubs and organisations, anyone else its own organisation); audited",
        .request = "RelayInput",
        .status = 201,
        .response = "ItemDetail",
        .errors = {403, 409}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto r, ReadRelay(c));
         RENKEI_ASSIGN_OR_RETURN(auto out, sharing.Relay(c.actor(), r.id, r.in));
         return ValueReply(WriteItemView, out.view, 201);
       }},
      {"POST",
       "/api/v1/items/{id}/relay/reach",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Whom this relay would reach: the body of POST /items/{id}/relay, the relay "
                   "rolled back; the same errors as relaying",
        .request = "RelayInput",
        .response = "Reach",
        .errors = {403, 409}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto r, ReadRelay(c));
         RENKEI_ASSIGN_OR_RETURN(auto reach, sharing.RehearseRelay(c.actor(), r.id, r.in));
         return ReachReply(reach);
       }},
      {"GET",
       "/api/v1/items/{id}/relays",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "展開状況: per hop of the item's relay chain below it (depth 0 = the item's own "
                   "recipients, 1 = each relay of it …) who relayed and when, the hop's recipients "
                   "and the shares that read and acknowledged within 1/4/24 h of that hop's "
                   "publication, and within a day of the chain's first item; for whoever manages "
                   "the item (the originator sees every hop, a relayer its own subtree)",
        .response = "RelayReport",
        .errors = {403, 409}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto report, sharing.Relays(*c.principal, id));
         return ValueReply(WriteRelayReport, report);
       }},
      {"POST",
       "/api/v1/items/{id}/reminders",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Mail a reminder to recipients who have not acknowledged",
        .response = "ReminderResult",
        .errors = {409, 429}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_RETURN_IF_ERROR(NoBody(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto queued, sharing.Remind(c.actor(), id));
         JsonWriter w;
         w.BeginObject().Field("queued", queued).EndObject();
         return JsonReply(w);
       }},
      {"GET",
       "/api/v1/items/{id}/reminders/reach",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Whom a reminder now would mail: the recipients who have not acknowledged and "
                   "want mail, by the reminder's own code rolled back. The same errors as "
                   "reminding (429 while the last reminder is under an hour old).",
        .response = "Reach",
        .errors = {403, 409, 429}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto reach, sharing.RehearseReminder(c.actor(), id));
         return ReachReply(reach);
       }},
      {"POST",
       "/api/v1/items/{id}/attachments",
       A::kSignedIn,
       {.tag = "sharing",
        .summary =
            "Attach a file (raw body, its Content-Type; PDF, PNG, JPEG, ZIP, XLSX, DOCX, text, "
            "CSV, JSON; at most 10 MiB). The ?filename= must end in an extension of the type and "
            "hold no control, bidi or zero-width characters (400 invalid_filename).",
        .query = {"filename"},
        .status = 201,
        .response = "Attachment",
        .errors = {409, 415}},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_ASSIGN_OR_RETURN(
             auto a, sharing.AddAttachment(c.actor(), id, QueryString(c.req, "filename"),
                                           UploadType(c.req), c.req.body));
         return ValueReply(WriteAttachment, a, 201);
       },
       BodyKind::kUpload},
      {"GET",
       "/api/v1/items/{id}/attachments/{attachment_id}",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Download an attachment (as a download, sandboxed)",
        .media = {"*/*"},
        .description = "the file"},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto att,
                                 PathId<domain::AttachmentId>(c, 1, err::AttachmentNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto a, sharing.GetAttachment(c.actor(), id, att));
         return FileReply(a);
       }},
      {"GET",
       "/api/v1/me/notifications",
       A::kSignedIn,
       {.tag = "sharing", .summary = "My mail setting", .response = "NotifySettings"},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto mode, sharing.NotifyMode(*c.principal));
         JsonWriter w;
         w.BeginObject().Field("mode", mode).EndObject();
         return JsonReply(w);
       }},
      {"PUT",
       "/api/v1/me/notifications",
       A::kSignedIn,
       {.tag = "sharing",
        .summary = "Change my mail setting",
        .request = "NotifySettings",
        .response = "NotifySettings"},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto mode = in.String("mode", true);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_RETURN_IF_ERROR(sharing.SetNotifyMode(c.actor(), *mode));
         JsonWriter w;
         w.BeginObject().Field("mode", *mode).EndObject();
         return JsonReply(w);
       }},
      {"GET",
       "/api/v1/events",
       A::kSignedIn,
       {.tag = "sharing",
        .summary =
            "Live events (Server-Sent Events): which items I may see were published, revised or "
            "withdrawn, and (for items I manage) that someone read or acknowledged; which report "
            "cases I may see had a phase filed, a message or a status change. Events carry the "
            "subject's id only; fetch it through the API. A comment line ': ping' every 20 s.",
        .media = {"text/event-stream"},
        .description = "text/event-stream; events 'published', 'revised', 'withdrawn', 'delivery' "
                       "with data {\"item_id\": N}; 'report_filed', 'report_message', "
                       "'report_status' with data {\"report_id\": N}"},
       [](Ctx& c) -> Result<Reply> {
         auto& events = c.s.events;
         Reply r;
         r.content_type = "text/event-stream; charset=utf-8";
         // HEAD answers the headers only: no stream, no subscriber.
         if (c.req.method == "HEAD") return r;
         r.stream = [&events, p = *c.principal](std::shared_ptr<EventStream> out) {
           events.Subscribe(p, [out](const domain::Event& e) {
             if (e.kind == "ping") return out->Send(": ping\n\n");
             if (e.kind == "end") {
               // The sign-in behind the stream ended: say so, then close it.
               out->Send("event: end\ndata: {\"reason\":\"signed_out\"}\n\n");
               out->Close();
               return false;
             }
             // {"item_id": 12} for an item; "<subject kind>_id" for every kind.
             return out->Send("event: " + e.kind + "\ndata: {\"" + e.subject_kind +
                              "_id\":" + std::to_string(e.subject_id) + "}\n\n");
           });
         };
         return r;
       }},
      {"GET",
       "/api/v1/public/items",
       A::kPublic,
       {.tag = "sharing",
        .summary = "Public TLP:CLEAR items (no sign-in)",
        .query = {"q", "limit", "cursor"},
        .response = "ItemPage"},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto f, ReadItemFilter(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto page, sharing.ListPublic(f));
         return ItemPageReply(page);
       }},
      {"GET",
       "/api/v1/public/items/{id}",
       A::kPublic,
       {.tag = "sharing",
        .summary = "One public TLP:CLEAR item (no sign-in)",
        .response = "ItemDetail"},
       [](Ctx& c) -> Result<Reply> {
         auto& sharing = c.s.sharing;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, err::ItemNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto view, sharing.GetPublic(id));
         return ValueReply(WriteItemView, view);
       }},
  };
}

}  // namespace renkei::http
