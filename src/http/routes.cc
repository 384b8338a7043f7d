// The whole API in one table (BuildRoutes at the bottom), with the handlers above it.
// Handlers parse and check input, call one domain service, and encode the answer.
#include <cctype>
#include <charconv>

#include "core/text.h"
#include "core/time_format.h"
#include "http/api.h"
#include "http/json_input.h"
#include "http/json_output.h"
#include "http/route_helpers.h"

namespace renkei::http {
namespace {

using domain::Principal;

// ---- encoders --------------------------------------------------------------

void WriteRoles(JsonWriter& w, std::string_view key, const std::vector<domain::Role>& roles) {
  w.Key(key).BeginArray();
  for (auto r : roles) w.String(domain::RoleName(r));
  w.EndArray();
}

Result<std::vector<domain::Role>> ParseRoles(const std::vector<std::string>& names) {
  std::vector<domain::Role> out;
  for (const auto& n : names) {
    auto r = domain::ParseRole(n);
    if (!r) return Status::Invalid("roles", "unknown_role", "unknown role: " + n);
    if (std::find(out.begin(), out.end(), *r) == out.end()) out.push_back(*r);
  }
  return out;
}

template <typename IdT>
void WriteIds(JsonWriter& w, std::string_view key, const std::vector<IdT>& ids) {
  w.Key(key).BeginArray();
  for (IdT id : ids) w.Int(id.value);
  w.EndArray();
}

void WriteSector(JsonWriter& w, const domain::Sector& s) {
  w.BeginObject().Field("id", s.id).Field("name_ja", s.name_ja).Field("name_en", s.name_en);
  w.FieldOrNull("ministry_org_id", s.ministry_org_id
                                       ? std::optional<std::int64_t>(s.ministry_org_id->value)
                                       : std::nullopt);
  w.EndObject();
}

void WriteHub(JsonWriter& w, const domain::Hub& h) {
  w.BeginObject()
      .Field("id", h.id.value)
      .Field("code", h.code)
      .Field("kind", h.kind)
      .Field("name_ja", h.name_ja)
      .Field("name_en", h.name_en)
      .Field("sector_ids", h.sector_ids);
  w.Key("secretariat")
      .BeginObject()
      .Field("id", h.secretariat_org_id.value)
      .Field("name_ja", h.secretariat_name_ja)
      .Field("name_en", h.secretariat_name_en)
      .EndObject();
  w.Field("member_count", h.member_count)
      .FieldOrNull("emergency_contact_since", h.emergency_contact_since)
      .FieldOrNull("handling_rules_since", h.handling_rules_since)
      .Field("communication_means", h.communication_means)
      .Field("info_shared_ja", h.info_shared_ja)
      .EndObject();
}

// Writes the organisation's fields into an object the caller has opened.
void WriteOrgFields(JsonWriter& w, const domain::Organisation& o) {
  w.Field("id", o.id.value)
      .Field("name_ja", o.name_ja)
      .Field("name_en", o.name_en)
      .Field("kind", o.kind)
      .Field("sector_ids", o.sector_ids);
  w.Key("prefecture");
  if (o.prefecture >= 1 && o.prefecture <= 47) {
    const auto& p = domain::kPrefectures[o.prefecture - 1];
    w.BeginObject()
        .Field("code", o.prefecture)
        .Field("name_ja", p.name_ja)
        .Field("name_en", p.name_en)
        .EndObject();
  } else {
    w.Null();
  }
  w.FieldOrNull("size_class", o.size_class).FieldOrNull("business_class", o.business_class);
  WriteIds(w, "hub_ids", o.hub_ids);
  w.Field("active", o.active);
  TimeField(w, "created_at", o.created_at);
  TimeField(w, "updated_at", o.updated_at);
}

void WriteOrgView(JsonWriter& w, const domain::OrgView& v) {
  w.BeginObject();
  WriteOrgFields(w, v.org);
  if (v.contacts) {
    w.Key("contacts").BeginArray();
    for (const auto& c : *v.contacts) {
      w.BeginObject()
          .Field("id", c.id)
          .Field("kind", c.kind)
          .Field("name", c.name)
          .Field("phone", c.phone)
          .Field("email", c.email)
          .Field("hours", c.hours)
          .EndObject();
    }
    w.EndArray();
  }
  w.Field("can_edit", v.can_edit).Field("can_edit_contacts", v.can_edit_contacts).EndObject();
}

// Writes the user's fields into an object the caller has opened.
void WriteUserFields(JsonWriter& w, const domain::User& u) {
  w.Field("id", u.id.value)
      .Field("org_id", u.org_id.value)
      .Field("email", u.email)
      .Field("display_name", u.display_name);
  WriteRoles(w, "roles", u.roles);
  w.Field("active", u.active).Field("locale", u.locale);
  TimeField(w, "created_at", u.created_at);
  TimeField(w, "last_sign_in_at", u.last_sign_in_at);
}

void WritePrincipal(JsonWriter& w, const Principal& p) {
  w.BeginObject()
      .Field("user_id", p.user_id.value)
      .Field("org_id", p.org_id.value)
      .Field("email", p.email)
      .Field("display_name", p.display_name);
  WriteRoles(w, "roles", p.roles);
  WriteIds(w, "secretariat_of_hub_ids", p.secretariat_of);
  const bool session = p.method == domain::AuthMethod::kSession;
  w.Field("auth", session ? "session" : "token");
  if (session) w.Field("csrf_token", p.csrf_token);
  w.EndObject();
}

// Writes the token's fields into an object the caller has opened.
void WriteTokenFields(JsonWriter& w, const domain::ApiToken& t) {
  w.Field("id", t.id.value).Field("name", t.name).Field("prefix", t.prefix);
  TimeField(w, "created_at", t.created_at);
  TimeField(w, "expires_at", t.expires_at);
  TimeField(w, "last_used_at", t.last_used_at);
  TimeField(w, "revoked_at", t.revoked_at);
}

// ---- handlers --------------------------------------------------------------

std::string SessionCookie(const std::string& value, long max_age, bool secure) {
  return "renkei_session=" + value +
         "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age) +
         (secure ? "; Secure" : "");
}

Result<Reply> SignIn(Ctx& c, domain::AuthService& auth, bool secure) {
  RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
  auto email = in.String("email", true);
  auto password = in.String("password", true);
  RENKEI_RETURN_IF_ERROR(in.Finish());
  if (email->size() > 254) return Status::Invalid("email", "too_long", "email is too long");
  if (password->size() > 256)
    return Status::Invalid("password", "too_long", "password is too long");
  const std::string* ua = c.req.header("user-agent");
  RENKEI_ASSIGN_OR_RETURN(auto result,
                          auth.SignIn(*email, *password, c.req.remote_ip, ua ? *ua : ""));
  JsonWriter w;
  w.BeginObject().Key("user");
  WritePrincipal(w, result.principal);
  w.Field("expires_at", FormatRfc3339Utc(result.expires_at)).EndObject();
  Reply r = JsonReply(w);
  r.headers.emplace_back(
      "Set-Cookie", SessionCookie(result.session_token, auth.config().session_ttl / 1000, secure));
  return r;
}

Result<domain::OrgPatch> ReadOrgPatch(JsonObject& in, domain::Organisation* full) {
  // `full` set: creating (name_ja and kind required). Otherwise a partial update.
  const bool create = full != nullptr;
  domain::OrgPatch p;
  p.name_ja = in.String("name_ja", create);
  p.name_en = in.String("name_en", false);
  p.kind = in.String("kind", create);
  p.sector_ids = in.Strings("sector_ids", false);
  auto pref = in.Int("prefecture", false);
  if (pref) {
    if (*pref < 0 || *pref > 47) {
      return Status::Invalid("prefecture", "out_of_range",
                             "prefecture must be a JIS code from 1 to 47, or 0 for nationwide");
    }
    p.prefecture = static_cast<int>(*pref);
  }
  p.size_class = in.String("size_class", false);
  p.business_class = in.String("business_class", false);
  if (auto hubs = in.Ints("hub_ids", false)) {
    p.hub_ids.emplace();
    for (auto h : *hubs) p.hub_ids->emplace_back(h);
  }
  p.active = in.Bool("active", false);
  RENKEI_RETURN_IF_ERROR(in.Finish());
  if (!create && !p.name_ja && !p.name_en && !p.kind && !p.sector_ids && !p.prefecture &&
      !p.size_class && !p.business_class && !p.hub_ids && !p.active) {
    return Status::Invalid("", "empty_patch", "the update names no field to change");
  }
  if (full) {
    full->name_ja = *p.name_ja;
    full->name_en = p.name_en.value_or("");
    full->kind = *p.kind;
    full->sector_ids = p.sector_ids.value_or(std::vector<std::string>{});
    full->prefecture = p.prefecture.value_or(0);
    full->size_class = p.size_class.value_or("");
    full->business_class = p.business_class.value_or("");
    full->hub_ids = p.hub_ids.value_or(std::vector<HubId>{});
    full->active = p.active.value_or(true);
  }
  return p;
}

// ---- sharing ---------------------------------------------------------------

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
      .Field("withdrawn", it.withdrawn)
      .Field("version", static_cast<std::int64_t>(it.version));
  w.Key("author").BeginObject().Field("id", it.author_id.value).Field("name", it.author_name);
  w.EndObject();
  w.Key("sender_org")
      .BeginObject()
      .Field("id", it.sender_org_id.value)
      .Field("name_ja", it.sender_org_name_ja)
      .Field("name_en", it.sender_org_name_en)
      .EndObject();
  w.Field("public", it.is_public).Field("urgent", it.urgent).Field("mail_text", it.mail_text);
  WriteContentFields(w, it.content, full);
  TimeField(w, "published_at", it.published_at);
  TimeField(w, "updated_at", it.updated_at);
  TimeField(w, "withdrawn_at", it.withdrawn_at);
  w.Field("withdrawn_reason", it.withdrawn_reason);
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

Result<domain::NewItem> ReadNewItem(const std::string& body) {
  RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(body));
  domain::NewItem n;
  n.kind = in.String("kind", true).value_or("");
  const std::string tlp = in.String("tlp", true).value_or("");
  RENKEI_ASSIGN_OR_RETURN(n.content, ReadContent(in));
  auto audience = in.Object("audience", false);
  n.is_public = in.Bool("public", false).value_or(false);
  n.urgent = in.Bool("urgent", false).value_or(false);
  n.mail_text = in.Bool("mail_text", false).value_or(false);
  RENKEI_RETURN_IF_ERROR(in.Finish());
  RENKEI_RETURN_IF_ERROR(ReadLabelAndAudience(tlp, audience, n.tlp, n.audience));
  return n;
}

Result<domain::ItemFilter> ReadItemFilter(const Request& req, bool is_public) {
  if (is_public) {
    RENKEI_RETURN_IF_ERROR(AllowQuery(req, {"q", "limit", "cursor"}));
  } else {
    RENKEI_RETURN_IF_ERROR(AllowQuery(req, {"scope", "unread", "action", "kind", "tlp", "sector",
                                            "since", "until", "q", "limit", "cursor"}));
  }
  domain::ItemFilter f;
  if (auto scope = QueryString(req, "scope"); !scope.empty()) f.scope = scope;
  RENKEI_ASSIGN_OR_RETURN(auto unread, QueryBool(req, "unread"));
  f.unread_only = unread.value_or(false);
  RENKEI_ASSIGN_OR_RETURN(auto action, QueryBool(req, "action"));
  f.action_outstanding = action.value_or(false);
  f.kind = QueryString(req, "kind");
  if (auto tlp = QueryString(req, "tlp"); !tlp.empty()) {
    f.tlp = domain::ParseTlp(tlp);
    if (!f.tlp) {
      return Status::Invalid("tlp", "unknown_tlp",
                             "tlp must be CLEAR, GREEN, AMBER, AMBER+STRICT or RED");
    }
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

Reply ItemPageReply(const domain::ItemPage& page) {
  return ItemsReply(page.items, WriteItemSummary, true,
                    page.next_before_id ? EncodeCursor(*page.next_before_id) : "");
}

// Downloads: the stored type for the few types a browser shows safely inline is
// still sent as an attachment, with a sandboxing CSP and no sniffing.

void WriteDeliveryReport(JsonWriter& w, const domain::DeliveryReport& r) {
  w.BeginObject()
      .Field("people", r.people)
      .Field("read", r.read)
      .Field("acknowledged", r.acknowledged)
      .Field("organisations", r.organisations)
      .Field("organisations_acknowledged", r.organisations_acknowledged);
  const char* windows[3] = {"1h", "4h", "24h"};
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
        .Field("org_name_ja", d.org_name_ja);
    TimeField(w, "delivered_at", d.delivered_at);
    TimeField(w, "read_at", d.read_at);
    TimeField(w, "acknowledged_at", d.acknowledged_at);
    w.EndObject();
  }
  w.EndArray().EndObject();
}

}  // namespace

// Shared with the other route files (declared in route_helpers.h).
void WriteAttachment(JsonWriter& w, const domain::Attachment& a) {
  w.BeginObject()
      .Field("id", a.id.value)
      .Field("filename", a.filename)
      .Field("content_type", a.content_type)
      .Field("size", a.size)
      .Field("sha256", a.sha256);
  TimeField(w, "uploaded_at", a.uploaded_at);
  w.EndObject();
}

Reply FileReply(const domain::Attachment& a) {
  return DownloadReply(a.filename, a.content_type, a.data);
}

Reply DownloadReply(const std::string& filename, std::string content_type, std::string data) {
  Reply r;
  r.body = std::move(data);
  r.content_type = std::move(content_type);
  std::string ascii;
  for (unsigned char ch : filename) ascii += (ch < 0x80 && ch != '"' && ch != '\\') ? ch : '_';
  std::string encoded;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char ch : filename) {
    if (std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_') {
      encoded += static_cast<char>(ch);
    } else {
      encoded += '%';
      encoded += hex[ch >> 4];
      encoded += hex[ch & 15];
    }
  }
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded);
  r.headers.emplace_back("Content-Security-Policy", "default-src 'none'; sandbox");
  return r;
}

Status ReadLabelAndAudience(const std::string& tlp, std::optional<JsonObject>& audience,
                            domain::Tlp& out_tlp, domain::Audience& out_audience) {
  auto label = domain::ParseTlp(tlp);
  if (!label) {
    return Status::Invalid("tlp", "unknown_tlp",
                           "tlp must be CLEAR, GREEN, AMBER, AMBER+STRICT or RED");
  }
  out_tlp = *label;
  if (audience) {
    RENKEI_ASSIGN_OR_RETURN(out_audience, ReadAudience(*audience));
  }
  return Status::Ok();
}

void WriteIndicators(JsonWriter& w, const std::vector<domain::Indicator>& list) {
  w.Key("indicators").BeginArray();
  for (const auto& i : list)
    w.BeginObject().Field("kind", i.kind).Field("value", i.value).Field("note", i.note).EndObject();
  w.EndArray();
}

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
  w.Key("attachments").BeginArray();
  for (const auto& a : v.attachments) WriteAttachment(w, a);
  w.EndArray();
  WriteIndicators(w, v.indicators);
  w.Field("can_manage", v.can_manage).Field("is_recipient", v.is_recipient).EndObject();
}

Result<domain::Audience> ReadAudience(JsonObject& in) {
  domain::Audience a;
  a.sector_ids = in.Strings("sector_ids", false).value_or(std::vector<std::string>{});
  for (auto id : in.Ints("hub_ids", false).value_or(std::vector<std::int64_t>{}))
    a.hub_ids.emplace_back(id);
  for (auto id : in.Ints("org_ids", false).value_or(std::vector<std::int64_t>{}))
    a.org_ids.emplace_back(id);
  for (auto id : in.Ints("user_ids", false).value_or(std::vector<std::int64_t>{}))
    a.user_ids.emplace_back(id);
  if (auto roles = in.Strings("roles", false)) {
    RENKEI_ASSIGN_OR_RETURN(a.roles, ParseRoles(*roles));
  }
  RENKEI_RETURN_IF_ERROR(in.Finish());
  return a;
}

std::vector<Route> Api::BuildRoutes() {
  auto& auth = s_.auth;
  auto& dir = s_.directory;
  auto& audit = s_.audit;
  auto& sharing = s_.sharing;
  auto& live = s_.live;
  auto& tx = s_.tx;
  const bool secure = config_.cookie_secure;
  using A = Access;
  std::vector<Route> routes = {
      {"GET", "/api/v1/health", A::kPublic,
       [&tx](Ctx&) -> Result<Reply> {
         Status st = tx.Run(domain::TxMode::kRead,
                            [](domain::Stores& s) { return s.directory.ListSectors().status(); });
         if (!st.ok())
           return Status(Kind::kUnavailable, "database_unavailable",
                         "the database is not reachable");
         JsonWriter w;
         w.BeginObject()
             .Field("status", "ok")
             .Field("version", RENKEI_VERSION)
             .Field("database", tx.engine_name())
             .EndObject();
         return JsonReply(w);
       }},
      {"GET", "/api/v1/openapi.json", A::kPublic,
       [](Ctx&) -> Result<Reply> {
         Reply r;
         r.body = OpenApiDocument();
         return r;
       }},

      // Sessions and the signed-in user.
      {"POST", "/api/v1/session", A::kPublic,
       [&auth, secure](Ctx& c) { return SignIn(c, auth, secure); }},
      {"DELETE", "/api/v1/session", A::kSignedIn,
       [&auth, secure](Ctx& c) -> Result<Reply> {
         if (c.principal->method != domain::AuthMethod::kSession) {
           return Status::Invalid("", "not_a_session", "API tokens are revoked, not signed out");
         }
         RENKEI_RETURN_IF_ERROR(auth.SignOut(*c.principal, c.req.remote_ip));
         Reply r = NoContent();
         r.headers.emplace_back("Set-Cookie", SessionCookie("", 0, secure));
         return r;
       }},
      {"GET", "/api/v1/me", A::kSignedIn,
       [](Ctx& c) -> Result<Reply> { return ValueReply(WritePrincipal, *c.principal); }},
      {"POST", "/api/v1/me/password", A::kSignedIn,
       [&auth](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto current = in.String("current_password", true);
         auto next = in.String("new_password", true);
         auto revoke_tokens = in.Bool("revoke_tokens", false);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_RETURN_IF_ERROR(auth.ChangePassword(
             *c.principal, *current, *next, revoke_tokens.value_or(false), c.req.remote_ip));
         return NoContent();
       }},
      // The page a mailed reset link opens sends its secret here with the new password.
      {"POST", "/api/v1/password-reset", A::kPublic,
       [&auth](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto token = in.String("token", true);
         auto next = in.String("new_password", true);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_RETURN_IF_ERROR(auth.CompletePasswordReset(*token, *next, c.req.remote_ip));
         return NoContent();
       }},

      // API tokens.
      {"GET", "/api/v1/tokens", A::kSignedIn,
       [&auth](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto tokens, auth.ListTokens(*c.principal));
         return ItemsReply(tokens, [](JsonWriter& w, const domain::ApiToken& t) {
           w.BeginObject();
           WriteTokenFields(w, t);
           w.EndObject();
         });
       }},
      {"POST", "/api/v1/tokens", A::kSignedIn,
       [&auth](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto name = in.String("name", true);
         auto expires = in.String("expires_at", false);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         std::optional<Millis> expires_at;
         if (expires) {
           RENKEI_ASSIGN_OR_RETURN(expires_at, TimeValue("expires_at", *expires));
         }
         RENKEI_ASSIGN_OR_RETURN(
             auto created, auth.CreateToken(*c.principal, *name, expires_at, c.req.remote_ip));
         JsonWriter w;
         w.BeginObject();
         WriteTokenFields(w, created.token);
         w.Field("secret", created.secret).EndObject();
         return JsonReply(w, 201);
       }},
      {"DELETE", "/api/v1/tokens/{id}", A::kSignedIn,
       [&auth](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<TokenId>(c, 0, "token"));
         RENKEI_RETURN_IF_ERROR(auth.RevokeToken(*c.principal, id, c.req.remote_ip));
         return NoContent();
       }},

      // Directory reads.
      {"GET", "/api/v1/sectors", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_RETURN_IF_ERROR(AllowQuery(c.req, {}));
         RENKEI_ASSIGN_OR_RETURN(auto sectors, dir.ListSectors(*c.principal));
         return ItemsReply(sectors, WriteSector);
       }},
      {"GET", "/api/v1/prefectures", A::kSignedIn,
       [](Ctx& c) -> Result<Reply> {
         RENKEI_RETURN_IF_ERROR(AllowQuery(c.req, {}));
         JsonWriter w;
         w.BeginObject().Key("items").BeginArray();
         for (int code = 1; code <= 47; ++code) {
           const auto& p = domain::kPrefectures[code - 1];
           w.BeginObject()
               .Field("code", code)
               .Field("name_ja", p.name_ja)
               .Field("name_en", p.name_en)
               .Field("region", p.region)
               .EndObject();
         }
         w.EndArray().EndObject();
         return JsonReply(w);
       }},
      {"GET", "/api/v1/hubs", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_RETURN_IF_ERROR(AllowQuery(c.req, {}));
         RENKEI_ASSIGN_OR_RETURN(auto hubs, dir.ListHubs(*c.principal));
         return ItemsReply(hubs, WriteHub);
       }},
      {"GET", "/api/v1/hubs/{id}", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<HubId>(c, 0, "hub"));
         RENKEI_ASSIGN_OR_RETURN(auto hub, dir.GetHub(*c.principal, id));
         return ValueReply(WriteHub, hub);
       }},
      {"GET", "/api/v1/organisations", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_RETURN_IF_ERROR(AllowQuery(
             c.req, {"q", "sector", "kind", "prefecture", "hub", "active", "limit", "cursor"}));
         domain::OrgFilter f;
         RENKEI_ASSIGN_OR_RETURN(f.query_folded, QuerySearch(c.req));
         f.sector_id = QueryString(c.req, "sector");
         f.kind = QueryString(c.req, "kind");
         RENKEI_ASSIGN_OR_RETURN(auto pref, QueryInt(c.req, "prefecture", 0, 0, 47));
         f.prefecture = static_cast<int>(pref);
         RENKEI_ASSIGN_OR_RETURN(auto hub, QueryInt(c.req, "hub", 0, 0, INT64_MAX));
         f.hub_id = HubId(hub);
         RENKEI_ASSIGN_OR_RETURN(f.active, QueryBool(c.req, "active"));
         RENKEI_ASSIGN_OR_RETURN(auto limit, QueryInt(c.req, "limit", 50, 1, 200));
         f.limit = static_cast<int>(limit);
         RENKEI_ASSIGN_OR_RETURN(f.after_id, DecodeCursor(QueryString(c.req, "cursor")));
         RENKEI_ASSIGN_OR_RETURN(auto page, dir.ListOrganisations(*c.principal, f));
         return ItemsReply(
             page.items,
             [](JsonWriter& w, const domain::Organisation& o) {
               w.BeginObject();
               WriteOrgFields(w, o);
               w.EndObject();
             },
             true, page.next_after_id ? EncodeCursor(*page.next_after_id) : "");
       }},
      {"GET", "/api/v1/organisations/{id}", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<OrgId>(c, 0, "organisation"));
         RENKEI_ASSIGN_OR_RETURN(auto view, dir.GetOrganisation(*c.principal, id));
         return ValueReply(WriteOrgView, view);
       }},
      {"GET", "/api/v1/organisations/{id}/users", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<OrgId>(c, 0, "organisation"));
         RENKEI_ASSIGN_OR_RETURN(auto users, dir.ListUsersOfOrg(*c.principal, id));
         return ItemsReply(users, [](JsonWriter& w, const domain::User& u) {
           w.BeginObject();
           WriteUserFields(w, u);
           w.EndObject();
         });
       }},
      {"PUT", "/api/v1/organisations/{id}/contacts", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<OrgId>(c, 0, "organisation"));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto entries = in.Objects("contacts", true);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         std::vector<domain::Contact> contacts;
         for (auto& e : *entries) {
           domain::Contact ct;
           ct.kind = e.String("kind", false).value_or("emergency");
           ct.name = e.String("name", true).value_or("");
           ct.phone = e.String("phone", false).value_or("");
           ct.email = e.String("email", false).value_or("");
           ct.hours = e.String("hours", false).value_or("");
           RENKEI_RETURN_IF_ERROR(e.Finish());
           contacts.push_back(std::move(ct));
         }
         RENKEI_ASSIGN_OR_RETURN(
             auto view,
             dir.ReplaceContacts(*c.principal, id, std::move(contacts), c.req.remote_ip));
         return ValueReply(WriteOrgView, view);
       }},
      {"GET", "/api/v1/users/{id}", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<UserId>(c, 0, "user"));
         RENKEI_ASSIGN_OR_RETURN(auto user, dir.GetUser(*c.principal, id));
         JsonWriter w;
         w.BeginObject();
         WriteUserFields(w, user);
         w.EndObject();
         return JsonReply(w);
       }},

      // Directory writes.
      {"POST", "/api/v1/organisations", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         domain::Organisation org;
         RENKEI_RETURN_IF_ERROR(ReadOrgPatch(in, &org).status());
         RENKEI_ASSIGN_OR_RETURN(auto view,
                                 dir.CreateOrganisation(*c.principal, org, c.req.remote_ip));
         return ValueReply(WriteOrgView, view, 201);
       }},
      {"PATCH", "/api/v1/organisations/{id}", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<OrgId>(c, 0, "organisation"));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         RENKEI_ASSIGN_OR_RETURN(auto patch, ReadOrgPatch(in, nullptr));
         RENKEI_ASSIGN_OR_RETURN(auto view,
                                 dir.UpdateOrganisation(*c.principal, id, patch, c.req.remote_ip));
         return ValueReply(WriteOrgView, view);
       }},
      {"POST", "/api/v1/users", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto org_id = in.Int("org_id", true);
         auto email = in.String("email", true);
         auto name = in.String("display_name", true);
         auto roles = in.Strings("roles", true);
         auto locale = in.String("locale", false);
         auto password = in.String("password", false);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         domain::User u;
         u.org_id = OrgId(*org_id);
         u.email = *email;
         u.display_name = *name;
         RENKEI_ASSIGN_OR_RETURN(u.roles, ParseRoles(*roles));
         u.locale = locale.value_or("ja");
         RENKEI_ASSIGN_OR_RETURN(
             auto created, dir.CreateUser(*c.principal, u, password.value_or(""), c.req.remote_ip));
         JsonWriter w;
         w.BeginObject();
         WriteUserFields(w, created.user);
         if (!created.temporary_password.empty()) {
           w.Field("temporary_password", created.temporary_password);
         }
         w.EndObject();
         return JsonReply(w, 201);
       }},
      {"PATCH", "/api/v1/users/{id}", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<UserId>(c, 0, "user"));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         domain::UserPatch p;
         p.display_name = in.String("display_name", false);
         p.locale = in.String("locale", false);
         if (auto roles = in.Strings("roles", false)) {
           RENKEI_ASSIGN_OR_RETURN(p.roles, ParseRoles(*roles));
         }
         p.active = in.Bool("active", false);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         if (!p.display_name && !p.locale && !p.roles && !p.active) {
           return Status::Invalid("", "empty_patch", "the update names no field to change");
         }
         RENKEI_ASSIGN_OR_RETURN(auto user, dir.UpdateUser(*c.principal, id, p, c.req.remote_ip));
         JsonWriter w;
         w.BeginObject();
         WriteUserFields(w, user);
         w.EndObject();
         return JsonReply(w);
       }},
      {"POST", "/api/v1/users/{id}/password-reset", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<UserId>(c, 0, "user"));
         std::string reason;
         if (!c.req.body.empty()) {
           RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
           reason = in.String("reason", false).value_or("");
           RENKEI_RETURN_IF_ERROR(in.Finish());
         }
         RENKEI_RETURN_IF_ERROR(dir.ResetPassword(*c.principal, id, reason, c.req.remote_ip));
         // The link goes to the user by mail; the caller learns only that it is on its way.
         JsonWriter w;
         w.BeginObject().Field("mailed", true).EndObject();
         return JsonReply(w, 202);
       }},

      // Audit trail.
      {"GET", "/api/v1/audit", A::kSignedIn,
       [&audit](Ctx& c) -> Result<Reply> {
         RENKEI_RETURN_IF_ERROR(
             AllowQuery(c.req, {"action", "target_type", "target_id", "limit", "cursor"}));
         domain::AuditFilter f;
         f.action_prefix = QueryString(c.req, "action");
         f.target_type = QueryString(c.req, "target_type");
         f.target_id = QueryString(c.req, "target_id");
         RENKEI_ASSIGN_OR_RETURN(auto limit, QueryInt(c.req, "limit", 50, 1, 200));
         f.limit = static_cast<int>(limit);
         RENKEI_ASSIGN_OR_RETURN(f.before_id, DecodeCursor(QueryString(c.req, "cursor")));
         RENKEI_ASSIGN_OR_RETURN(auto entries, audit.List(*c.principal, f));
         const bool more = entries.size() == static_cast<size_t>(f.limit) && !entries.empty();
         return ItemsReply(
             entries,
             [](JsonWriter& w, const domain::AuditEntry& e) {
               w.BeginObject().Field("id", e.id);
               TimeField(w, "at", e.at);
               w.FieldOrNull("actor_user_id",
                             e.actor ? std::optional<std::int64_t>(e.actor->value) : std::nullopt)
                   .Field("actor_label", e.actor_label)
                   .Field("ip", e.ip)
                   .Field("action", e.action)
                   .Field("target_type", e.target_type)
                   .Field("target_id", e.target_id)
                   .Key("detail")
                   .Raw(e.detail)  // written by the domain as JSON text
                   .EndObject();
             },
             true, more ? EncodeCursor(entries.back().id) : "");
       }},
      // Sharing: items, delivery tracking, attachments, notification settings.
      {"GET", "/api/v1/items", A::kSignedIn,
       [&sharing](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto f, ReadItemFilter(c.req, false));
         RENKEI_ASSIGN_OR_RETURN(auto page, sharing.List(*c.principal, f));
         return ItemPageReply(page);
       }},
      {"POST", "/api/v1/items", A::kSignedIn,
       [&sharing](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, ReadNewItem(c.req.body));
         RENKEI_ASSIGN_OR_RETURN(auto out, sharing.Publish(*c.principal, in, c.req.remote_ip));
         return ValueReply(WriteItemView, out.view, 201);
       }},
      {"GET", "/api/v1/items/counts", A::kSignedIn,
       [&sharing](Ctx& c) -> Result<Reply> {
         RENKEI_RETURN_IF_ERROR(AllowQuery(c.req, {}));
         RENKEI_ASSIGN_OR_RETURN(auto n, sharing.Counts(*c.principal));
         JsonWriter w;
         w.BeginObject()
             .Field("inbox", n.inbox)
             .Field("unread", n.unread)
             .Field("action_outstanding", n.action_outstanding)
             .EndObject();
         return JsonReply(w);
       }},
      {"GET", "/api/v1/items/{id}", A::kSignedIn,
       [&sharing](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, "item"));
         RENKEI_ASSIGN_OR_RETURN(auto view, sharing.Get(*c.principal, id, c.req.remote_ip));
         return ValueReply(WriteItemView, view);
       }},
      {"PATCH", "/api/v1/items/{id}", A::kSignedIn,
       [&sharing](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, "item"));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         RENKEI_ASSIGN_OR_RETURN(auto content, ReadContent(in));
         auto note = in.String("note", false);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto view, sharing.Revise(*c.principal, id, content,
                                                           note.value_or(""), c.req.remote_ip));
         return ValueReply(WriteItemView, view);
       }},
      {"POST", "/api/v1/items/{id}/withdraw", A::kSignedIn,
       [&sharing](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, "item"));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto reason = in.String("reason", true);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto view,
                                 sharing.Withdraw(*c.principal, id, *reason, c.req.remote_ip));
         return ValueReply(WriteItemView, view);
       }},
      {"POST", "/api/v1/items/{id}/acknowledge", A::kSignedIn,
       [&sharing](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, "item"));
         RENKEI_RETURN_IF_ERROR(NoBody(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto view, sharing.Acknowledge(*c.principal, id, c.req.remote_ip));
         return ValueReply(WriteItemView, view);
       }},
      {"GET", "/api/v1/items/{id}/versions", A::kSignedIn,
       [&sharing](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, "item"));
         RENKEI_ASSIGN_OR_RETURN(auto versions, sharing.Versions(*c.principal, id));
         return ItemsReply(versions, [](JsonWriter& w, const domain::ItemVersion& v) {
           w.BeginObject().Field("version", static_cast<std::int64_t>(v.version));
           WriteContentFields(w, v.content, true);
           w.Key("edited_by")
               .BeginObject()
               .Field("id", v.edited_by.value)
               .Field("name", v.edited_by_name)
               .EndObject();
           TimeField(w, "edited_at", v.edited_at);
           w.Field("note", v.note).EndObject();
         });
       }},
      {"GET", "/api/v1/items/{id}/deliveries", A::kSignedIn,
       [&sharing](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, "item"));
         RENKEI_ASSIGN_OR_RETURN(auto report, sharing.Deliveries(*c.principal, id));
         return ValueReply(WriteDeliveryReport, report);
       }},
      {"POST", "/api/v1/items/{id}/reminders", A::kSignedIn,
       [&sharing](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, "item"));
         RENKEI_RETURN_IF_ERROR(NoBody(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto queued, sharing.Remind(*c.principal, id, c.req.remote_ip));
         JsonWriter w;
         w.BeginObject().Field("queued", queued).EndObject();
         return JsonReply(w);
       }},
      {"POST", "/api/v1/items/{id}/attachments", A::kSignedIn,
       [&sharing](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, "item"));
         RENKEI_RETURN_IF_ERROR(AllowQuery(c.req, {"filename"}));
         RENKEI_ASSIGN_OR_RETURN(
             auto a, sharing.AddAttachment(*c.principal, id, QueryString(c.req, "filename"),
                                           UploadType(c.req), c.req.body, c.req.remote_ip));
         return ValueReply(WriteAttachment, a, 201);
       },
       BodyKind::kUpload},
      {"GET", "/api/v1/items/{id}/attachments/{attachment_id}", A::kSignedIn,
       [&sharing](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, "item"));
         RENKEI_ASSIGN_OR_RETURN(auto att, PathId<domain::AttachmentId>(c, 1, "attachment"));
         RENKEI_ASSIGN_OR_RETURN(auto a,
                                 sharing.GetAttachment(*c.principal, id, att, c.req.remote_ip));
         return FileReply(a);
       }},
      {"GET", "/api/v1/me/notifications", A::kSignedIn,
       [&sharing](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto mode, sharing.NotifyMode(*c.principal));
         JsonWriter w;
         w.BeginObject().Field("mode", mode).EndObject();
         return JsonReply(w);
       }},
      {"PUT", "/api/v1/me/notifications", A::kSignedIn,
       [&sharing](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto mode = in.String("mode", true);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_RETURN_IF_ERROR(sharing.SetNotifyMode(*c.principal, *mode, c.req.remote_ip));
         JsonWriter w;
         w.BeginObject().Field("mode", *mode).EndObject();
         return JsonReply(w);
       }},
      {"GET", "/api/v1/events", A::kSignedIn,
       [&live, &auth](Ctx& c) -> Result<Reply> {
         RENKEI_RETURN_IF_ERROR(AllowQuery(c.req, {}));
         Reply r;
         r.content_type = "text/event-stream; charset=utf-8";
         // HEAD answers the headers only: no stream, no subscriber.
         if (c.req.method == "HEAD") return r;
         r.stream = [&live, &auth, p = *c.principal](std::shared_ptr<EventStream> out) {
           live.Subscribe(
               p,
               [out](const domain::LiveEvent& e) {
                 if (e.type == "ping") return out->Send(": ping\n\n");
                 if (e.type == "end") {
                   // The sign-in behind the stream ended: say so, then close it.
                   out->Send("event: end\ndata: {\"reason\":\"signed_out\"}\n\n");
                   out->Close();
                   return false;
                 }
                 return out->Send("event: " + e.type + "\ndata: {\"item_id\":" +
                                  std::to_string(e.item_id.value) + "}\n\n");
               },
               [&auth, p] { return auth.CredentialAlive(p); });
         };
         return r;
       }},
      {"GET", "/api/v1/public/items", A::kPublic,
       [&sharing](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto f, ReadItemFilter(c.req, true));
         RENKEI_ASSIGN_OR_RETURN(auto page, sharing.ListPublic(f));
         return ItemPageReply(page);
       }},
      {"GET", "/api/v1/public/items/{id}", A::kPublic,
       [&sharing](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ItemId>(c, 0, "item"));
         RENKEI_ASSIGN_OR_RETURN(auto view, sharing.GetPublic(id));
         return ValueReply(WriteItemView, view);
       }},
  };
  for (auto& r : ReportRoutes(s_.reporting)) routes.push_back(std::move(r));
  for (auto& r : AssessmentRoutes(s_.assessments)) routes.push_back(std::move(r));
  return routes;
}

}  // namespace renkei::http
