// The whole API in one table (BuildRoutes at the bottom), with the handlers above it.
// Handlers parse and check input, call one domain service, and encode the answer.
#include <charconv>

#include "core/text.h"
#include "core/time_format.h"
#include "http/api.h"
#include "http/json_input.h"

namespace renkei::http {
namespace {

using nlohmann::json;
using domain::Principal;

// ---- input helpers ---------------------------------------------------------

Status AllowQuery(const Request& req, std::initializer_list<const char*> allowed) {
  for (const auto& [key, value] : req.query) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || key == a;
    if (!ok) return Status::Invalid(key, "unknown_parameter", "unknown query parameter: " + key);
  }
  return Status::Ok();
}

// Path ids: a malformed id names nothing, so it is "not found" like an unknown one.
template <typename IdT>
Result<IdT> PathId(const Ctx& c, size_t index, const char* what) {
  const std::string& s = c.params.at(index);
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v <= 0) return Status::NotFound(what);
  return IdT(v);
}

Result<std::int64_t> QueryInt(const Request& req, const char* name, std::int64_t def,
                              std::int64_t min, std::int64_t max) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return def;
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || ptr != it->second.data() + it->second.size() || v < min || v > max) {
    return Status::Invalid(name, "out_of_range",
                           std::string(name) + " must be a whole number from " +
                               std::to_string(min) + " to " + std::to_string(max));
  }
  return v;
}

std::string QueryString(const Request& req, const char* name) {
  auto it = req.query.find(name);
  return it == req.query.end() ? std::string() : it->second;
}

// Opaque cursors: "c" + the last id seen, so clients do not build them by hand.
std::string EncodeCursor(std::int64_t id) { return "c" + std::to_string(id); }
Result<std::int64_t> DecodeCursor(const std::string& s) {
  if (s.empty()) return std::int64_t{0};
  std::int64_t v = 0;
  if (s.size() < 2 || s[0] != 'c') return Status::Invalid("cursor", "invalid_cursor", "cursor is not valid; use next_cursor from the previous page");
  auto [ptr, ec] = std::from_chars(s.data() + 1, s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v < 0) {
    return Status::Invalid("cursor", "invalid_cursor", "cursor is not valid; use next_cursor from the previous page");
  }
  return v;
}

json Rfc(std::optional<Millis> ms) { return ms ? json(FormatRfc3339Utc(*ms)) : json(nullptr); }

Reply Ok(json body, int status = 200) { return Reply{status, std::move(body), {}}; }

// ---- encoders --------------------------------------------------------------

json RolesJson(const std::vector<domain::Role>& roles) {
  json out = json::array();
  for (auto r : roles) out.push_back(domain::RoleName(r));
  return out;
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

json SectorJson(const domain::Sector& s) {
  return {{"id", s.id},
          {"name_ja", s.name_ja},
          {"name_en", s.name_en},
          {"ministry_org_id", s.ministry_org_id ? json(s.ministry_org_id->value) : json(nullptr)}};
}

json HubJson(const domain::Hub& h) {
  return {{"id", h.id.value},
          {"code", h.code},
          {"kind", h.kind},
          {"name_ja", h.name_ja},
          {"name_en", h.name_en},
          {"sector_ids", h.sector_ids},
          {"secretariat", {{"id", h.secretariat_org_id.value}, {"name_ja", h.secretariat_name_ja}}},
          {"member_count", h.member_count},
          {"emergency_contact_since",
           h.emergency_contact_since.empty() ? json(nullptr) : json(h.emergency_contact_since)},
          {"handling_rules_since",
           h.handling_rules_since.empty() ? json(nullptr) : json(h.handling_rules_since)},
          {"communication_means", h.communication_means},
          {"info_shared_ja", h.info_shared_ja}};
}

json OrgJson(const domain::Organisation& o) {
  json hubs = json::array();
  for (HubId h : o.hub_ids) hubs.push_back(h.value);
  json pref = nullptr;
  if (o.prefecture >= 1 && o.prefecture <= 47) {
    const auto& p = domain::kPrefectures[o.prefecture - 1];
    pref = {{"code", o.prefecture}, {"name_ja", p.name_ja}, {"name_en", p.name_en}};
  }
  return {{"id", o.id.value},
          {"name_ja", o.name_ja},
          {"name_en", o.name_en},
          {"kind", o.kind},
          {"sector_ids", o.sector_ids},
          {"prefecture", pref},
          {"size_class", o.size_class.empty() ? json(nullptr) : json(o.size_class)},
          {"business_class", o.business_class.empty() ? json(nullptr) : json(o.business_class)},
          {"hub_ids", hubs},
          {"active", o.active},
          {"created_at", FormatRfc3339Utc(o.created_at)},
          {"updated_at", FormatRfc3339Utc(o.updated_at)}};
}

json OrgViewJson(const domain::OrgView& v) {
  json out = OrgJson(v.org);
  if (v.contacts) {
    json contacts = json::array();
    for (const auto& c : *v.contacts) {
      contacts.push_back({{"id", c.id},
                          {"kind", c.kind},
                          {"name", c.name},
                          {"phone", c.phone},
                          {"email", c.email},
                          {"hours", c.hours}});
    }
    out["contacts"] = contacts;
  }
  out["can_edit"] = v.can_edit;
  return out;
}

json UserJson(const domain::User& u) {
  return {{"id", u.id.value},
          {"org_id", u.org_id.value},
          {"email", u.email},
          {"display_name", u.display_name},
          {"roles", RolesJson(u.roles)},
          {"active", u.active},
          {"locale", u.locale},
          {"created_at", FormatRfc3339Utc(u.created_at)},
          {"last_sign_in_at", Rfc(u.last_sign_in_at)}};
}

json PrincipalJson(const Principal& p) {
  json hubs = json::array();
  for (HubId h : p.secretariat_of) hubs.push_back(h.value);
  json out = {{"user_id", p.user_id.value},
              {"org_id", p.org_id.value},
              {"email", p.email},
              {"display_name", p.display_name},
              {"roles", RolesJson(p.roles)},
              {"secretariat_of_hub_ids", hubs},
              {"auth", p.method == domain::AuthMethod::kSession ? "session" : "token"}};
  if (p.method == domain::AuthMethod::kSession) out["csrf_token"] = p.csrf_token;
  return out;
}

json TokenJson(const domain::ApiToken& t) {
  return {{"id", t.id.value},
          {"name", t.name},
          {"prefix", t.prefix},
          {"created_at", FormatRfc3339Utc(t.created_at)},
          {"expires_at", Rfc(t.expires_at)},
          {"last_used_at", Rfc(t.last_used_at)},
          {"revoked_at", Rfc(t.revoked_at)}};
}

// ---- handlers --------------------------------------------------------------

std::string SessionCookie(const std::string& value, long max_age, bool secure) {
  return "renkei_session=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
         std::to_string(max_age) + (secure ? "; Secure" : "");
}

Result<Reply> SignIn(Ctx& c, domain::AuthService& auth, bool secure) {
  RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
  auto email = in.String("email", true);
  auto password = in.String("password", true);
  RENKEI_RETURN_IF_ERROR(in.Finish());
  if (email->size() > 254) return Status::Invalid("email", "too_long", "email is too long");
  if (password->size() > 256) return Status::Invalid("password", "too_long", "password is too long");
  const std::string* ua = c.req.header("user-agent");
  RENKEI_ASSIGN_OR_RETURN(auto result,
                          auth.SignIn(*email, *password, c.req.remote_ip, ua ? *ua : ""));
  Reply r = Ok({{"user", PrincipalJson(result.principal)},
                {"expires_at", FormatRfc3339Utc(result.expires_at)}});
  r.headers.emplace_back("Set-Cookie",
                         SessionCookie(result.session_token, auth.config().session_ttl / 1000, secure));
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

}  // namespace

std::vector<Route> Api::BuildRoutes() {
  auto& auth = s_.auth;
  auto& dir = s_.directory;
  auto& audit = s_.audit;
  auto& tx = s_.tx;
  const bool secure = config_.cookie_secure;
  using A = Access;
  return {
      {"GET", "/api/v1/health", A::kPublic,
       [&tx](Ctx&) -> Result<Reply> {
         Status st = tx.Run(domain::TxMode::kRead, [](domain::Stores& s) {
           return s.directory.ListSectors().status();
         });
         if (!st.ok()) return Status(Kind::kUnavailable, "database_unavailable", "the database is not reachable");
         return Ok({{"status", "ok"}, {"version", RENKEI_VERSION}, {"database", tx.engine_name()}});
       }},
      {"GET", "/api/v1/openapi.json", A::kPublic,
       [](Ctx&) -> Result<Reply> { return Ok(json::parse(OpenApiDocument())); }},

      // Sessions and the signed-in user.
      {"POST", "/api/v1/session", A::kPublic,
       [&auth, secure](Ctx& c) { return SignIn(c, auth, secure); }},
      {"DELETE", "/api/v1/session", A::kSignedIn,
       [&auth, secure](Ctx& c) -> Result<Reply> {
         if (c.principal->method != domain::AuthMethod::kSession) {
           return Status::Invalid("", "not_a_session", "API tokens are revoked, not signed out");
         }
         RENKEI_RETURN_IF_ERROR(auth.SignOut(*c.principal, c.req.remote_ip));
         Reply r{204, nullptr, {}};
         r.headers.emplace_back("Set-Cookie", SessionCookie("", 0, secure));
         return r;
       }},
      {"GET", "/api/v1/me", A::kSignedIn,
       [](Ctx& c) -> Result<Reply> { return Ok(PrincipalJson(*c.principal)); }},
      {"POST", "/api/v1/me/password", A::kSignedIn,
       [&auth](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto current = in.String("current_password", true);
         auto next = in.String("new_password", true);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_RETURN_IF_ERROR(auth.ChangePassword(*c.principal, *current, *next, c.req.remote_ip));
         return Reply{204, nullptr, {}};
       }},

      // API tokens.
      {"GET", "/api/v1/tokens", A::kSignedIn,
       [&auth](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto tokens, auth.ListTokens(*c.principal));
         json items = json::array();
         for (const auto& t : tokens) items.push_back(TokenJson(t));
         return Ok({{"items", items}});
       }},
      {"POST", "/api/v1/tokens", A::kSignedIn,
       [&auth](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto name = in.String("name", true);
         auto expires = in.String("expires_at", false);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         std::optional<Millis> expires_at;
         if (expires) {
           expires_at = ParseRfc3339(*expires);
           if (!expires_at) {
             return Status::Invalid("expires_at", "invalid_time",
                                    "expires_at must be an RFC 3339 time, e.g. 2027-04-01T00:00:00+09:00");
           }
         }
         RENKEI_ASSIGN_OR_RETURN(auto created,
                                 auth.CreateToken(*c.principal, *name, expires_at, c.req.remote_ip));
         json body = TokenJson(created.token);
         body["secret"] = created.secret;
         return Ok(body, 201);
       }},
      {"DELETE", "/api/v1/tokens/{id}", A::kSignedIn,
       [&auth](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<TokenId>(c, 0, "token"));
         RENKEI_RETURN_IF_ERROR(auth.RevokeToken(*c.principal, id, c.req.remote_ip));
         return Reply{204, nullptr, {}};
       }},

      // Directory reads.
      {"GET", "/api/v1/sectors", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_RETURN_IF_ERROR(AllowQuery(c.req, {}));
         RENKEI_ASSIGN_OR_RETURN(auto sectors, dir.ListSectors(*c.principal));
         json items = json::array();
         for (const auto& s : sectors) items.push_back(SectorJson(s));
         return Ok({{"items", items}});
       }},
      {"GET", "/api/v1/hubs", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_RETURN_IF_ERROR(AllowQuery(c.req, {}));
         RENKEI_ASSIGN_OR_RETURN(auto hubs, dir.ListHubs(*c.principal));
         json items = json::array();
         for (const auto& h : hubs) items.push_back(HubJson(h));
         return Ok({{"items", items}});
       }},
      {"GET", "/api/v1/hubs/{id}", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<HubId>(c, 0, "hub"));
         RENKEI_ASSIGN_OR_RETURN(auto hub, dir.GetHub(*c.principal, id));
         return Ok(HubJson(hub));
       }},
      {"GET", "/api/v1/organisations", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_RETURN_IF_ERROR(AllowQuery(
             c.req, {"q", "sector", "kind", "prefecture", "hub", "active", "limit", "cursor"}));
         domain::OrgFilter f;
         const std::string q = QueryString(c.req, "q");
         if (CodePointCount(q) > 100 || !IsCleanUtf8(q, false)) {
           return Status::Invalid("q", "invalid_query", "q must be text of at most 100 characters");
         }
         f.query_folded = FoldForSearch(q);
         f.sector_id = QueryString(c.req, "sector");
         f.kind = QueryString(c.req, "kind");
         RENKEI_ASSIGN_OR_RETURN(auto pref, QueryInt(c.req, "prefecture", 0, 0, 47));
         f.prefecture = static_cast<int>(pref);
         RENKEI_ASSIGN_OR_RETURN(auto hub, QueryInt(c.req, "hub", 0, 0, INT64_MAX));
         f.hub_id = HubId(hub);
         const std::string active = QueryString(c.req, "active");
         if (active == "true") f.active = true;
         else if (active == "false") f.active = false;
         else if (!active.empty()) return Status::Invalid("active", "invalid_value", "active must be true or false");
         RENKEI_ASSIGN_OR_RETURN(auto limit, QueryInt(c.req, "limit", 50, 1, 200));
         f.limit = static_cast<int>(limit);
         RENKEI_ASSIGN_OR_RETURN(f.after_id, DecodeCursor(QueryString(c.req, "cursor")));
         RENKEI_ASSIGN_OR_RETURN(auto page, dir.ListOrganisations(*c.principal, f));
         json items = json::array();
         for (const auto& o : page.items) items.push_back(OrgJson(o));
         return Ok({{"items", items},
                    {"next_cursor", page.next_after_id ? json(EncodeCursor(*page.next_after_id))
                                                       : json(nullptr)}});
       }},
      {"GET", "/api/v1/organisations/{id}", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<OrgId>(c, 0, "organisation"));
         RENKEI_ASSIGN_OR_RETURN(auto view, dir.GetOrganisation(*c.principal, id));
         return Ok(OrgViewJson(view));
       }},
      {"GET", "/api/v1/organisations/{id}/users", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<OrgId>(c, 0, "organisation"));
         RENKEI_ASSIGN_OR_RETURN(auto users, dir.ListUsersOfOrg(*c.principal, id));
         json items = json::array();
         for (const auto& u : users) items.push_back(UserJson(u));
         return Ok({{"items", items}});
       }},
      {"GET", "/api/v1/users/{id}", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<UserId>(c, 0, "user"));
         RENKEI_ASSIGN_OR_RETURN(auto user, dir.GetUser(*c.principal, id));
         return Ok(UserJson(user));
       }},

      // Directory writes.
      {"POST", "/api/v1/organisations", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         domain::Organisation org;
         RENKEI_RETURN_IF_ERROR(ReadOrgPatch(in, &org).status());
         RENKEI_ASSIGN_OR_RETURN(auto view, dir.CreateOrganisation(*c.principal, org, c.req.remote_ip));
         return Ok(OrgViewJson(view), 201);
       }},
      {"PATCH", "/api/v1/organisations/{id}", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<OrgId>(c, 0, "organisation"));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         RENKEI_ASSIGN_OR_RETURN(auto patch, ReadOrgPatch(in, nullptr));
         RENKEI_ASSIGN_OR_RETURN(auto view,
                                 dir.UpdateOrganisation(*c.principal, id, patch, c.req.remote_ip));
         return Ok(OrgViewJson(view));
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
         json body = UserJson(created.user);
         if (!created.temporary_password.empty()) {
           body["temporary_password"] = created.temporary_password;
         }
         return Ok(body, 201);
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
         return Ok(UserJson(user));
       }},
      {"POST", "/api/v1/users/{id}/password-reset", A::kSignedIn,
       [&dir](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<UserId>(c, 0, "user"));
         if (!c.req.body.empty()) {
           RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
           RENKEI_RETURN_IF_ERROR(in.Finish());
         }
         RENKEI_ASSIGN_OR_RETURN(auto password, dir.ResetPassword(*c.principal, id, c.req.remote_ip));
         return Ok({{"temporary_password", password}});
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
         json items = json::array();
         for (const auto& e : entries) {
           items.push_back({{"id", e.id},
                            {"at", FormatRfc3339Utc(e.at)},
                            {"actor_user_id", e.actor ? json(e.actor->value) : json(nullptr)},
                            {"actor_label", e.actor_label},
                            {"ip", e.ip},
                            {"action", e.action},
                            {"target_type", e.target_type},
                            {"target_id", e.target_id},
                            {"detail", json::parse(e.detail, nullptr, false)}});
         }
         json next = entries.size() == static_cast<size_t>(f.limit) && !entries.empty()
                         ? json(EncodeCursor(entries.back().id))
                         : json(nullptr);
         return Ok({{"items", items}, {"next_cursor", next}});
       }},
  };
}

}  // namespace renkei::http
