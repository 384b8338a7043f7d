// Sign-in, sessions, the signed-in user, password changes and resets, API tokens.
#include "http/route_helpers.h"

namespace renkei::http {
namespace {

using domain::Principal;

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
  if (email->size() > 254) return err::TooLong(254).with_field("email");
  if (password->size() > domain::kMaxPasswordBytes)
    return err::PasswordTooLong(domain::kMaxPasswordBytes).with_field("password");
  const std::string* ua = c.req.header("user-agent");
  RENKEI_ASSIGN_OR_RETURN(auto result, auth.SignIn(c.origin(), *email, *password, ua ? *ua : ""));
  JsonWriter w;
  w.BeginObject().Key("user");
  WritePrincipal(w, result.principal);
  w.Field("expires_at", FormatRfc3339Utc(result.expires_at)).EndObject();
  Reply r = JsonReply(w);
  r.headers.emplace_back(
      "Set-Cookie", SessionCookie(result.session_token, auth.config().session_ttl / 1000, secure));
  return r;
}

}  // namespace

std::vector<Route> AuthRoutes() {
  using A = Access;
  return {
      // Sessions and the signed-in user.
      {"POST",
       "/api/v1/session",
       A::kPublic,
       {.tag = "session",
        .summary = "Sign in (sets the HttpOnly renkei_session cookie)",
        .request = "SignInRequest",
        .response = "SignIn",
        .errors = {401, 429}},
       [](Ctx& c) { return SignIn(c, c.s.auth, c.config.cookie_secure); }},
      {"DELETE",
       "/api/v1/session",
       A::kSignedIn,
       {.tag = "session",
        .summary = "Sign out",
        .status = 204,
        .description = "Signed out; cookie cleared"},
       [](Ctx& c) -> Result<Reply> {
         auto& auth = c.s.auth;
         const bool secure = c.config.cookie_secure;
         if (c.principal->method != domain::AuthMethod::kSession) {
           return err::NotASession();
         }
         RENKEI_RETURN_IF_ERROR(auth.SignOut(c.actor()));
         Reply r = NoContent();
         r.headers.emplace_back("Set-Cookie", SessionCookie("", 0, secure));
         return r;
       }},
      {"GET",
       "/api/v1/me",
       A::kSignedIn,
       {.tag = "session",
        .summary = "Who is signed in (includes csrf_token for sessions)",
        .response = "Me"},
       [](Ctx& c) -> Result<Reply> { return ValueReply(WritePrincipal, *c.principal); }},
      {"POST",
       "/api/v1/me/password",
       A::kSignedIn,
       {.tag = "session",
        .summary = "Change my password",
        .request = "PasswordChange",
        .status = 204,
        .errors = {429},
        .description = "Changed"},
       [](Ctx& c) -> Result<Reply> {
         auto& auth = c.s.auth;
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto current = in.String("current_password", true);
         auto next = in.String("new_password", true);
         auto revoke_tokens = in.Bool("revoke_tokens", false);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_RETURN_IF_ERROR(
             auth.ChangePassword(c.actor(), *current, *next, revoke_tokens.value_or(false)));
         return NoContent();
       }},
      // The page a mailed reset link opens sends its secret here with the new password.
      {"POST",
       "/api/v1/password-reset",
       A::kPublic,
       {.tag = "session",
        .summary = "Set a new password with the secret of a mailed reset link",
        .request = "PasswordResetInput",
        .status = 204,
        .errors = {429},
        .description = "Set; every session of the user has ended"},
       [](Ctx& c) -> Result<Reply> {
         auto& auth = c.s.auth;
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto token = in.String("token", true);
         auto next = in.String("new_password", true);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_RETURN_IF_ERROR(auth.CompletePasswordReset(c.origin(), *token, *next));
         return NoContent();
       }},

      // API tokens.
      {"GET",
       "/api/v1/tokens",
       A::kSignedIn,
       {.tag = "tokens", .summary = "My API tokens", .response = "TokenList"},
       [](Ctx& c) -> Result<Reply> {
         auto& auth = c.s.auth;
         RENKEI_ASSIGN_OR_RETURN(auto tokens, auth.ListTokens(*c.principal));
         return ItemsReply(tokens, [](JsonWriter& w, const domain::ApiToken& t) {
           w.BeginObject();
           WriteTokenFields(w, t);
           w.EndObject();
         });
       }},
      {"POST",
       "/api/v1/tokens",
       A::kSignedIn,
       {.tag = "tokens",
        .summary = "Create an API token (secret shown once)",
        .request = "TokenRequest",
        .status = 201,
        .response = "NewToken",
        .description = "Created"},
       [](Ctx& c) -> Result<Reply> {
         auto& auth = c.s.auth;
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto name = in.String("name", true);
         auto expires = in.String("expires_at", false);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         std::optional<Millis> expires_at;
         if (expires) {
           RENKEI_ASSIGN_OR_RETURN(expires_at, TimeValue("expires_at", *expires));
         }
         RENKEI_ASSIGN_OR_RETURN(auto created, auth.CreateToken(c.actor(), *name, expires_at));
         JsonWriter w;
         w.BeginObject();
         WriteTokenFields(w, created.token);
         w.Field("secret", created.secret).EndObject();
         return JsonReply(w, 201);
       }},
      {"DELETE",
       "/api/v1/tokens/{id}",
       A::kSignedIn,
       {.tag = "tokens",
        .summary = "Revoke one of my API tokens",
        .status = 204,
        .description = "Revoked"},
       [](Ctx& c) -> Result<Reply> {
         auto& auth = c.s.auth;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<TokenId>(c, 0, err::TokenNotFound));
         RENKEI_RETURN_IF_ERROR(auth.RevokeToken(c.actor(), id));
         return NoContent();
       }},
  };
}

}  // namespace renkei::http
