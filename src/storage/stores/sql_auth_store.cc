#include "storage/stores/sql_rows.h"
#include "storage/stores/sql_stores.h"

#include "core/json_writer.h"
#include "storage/stores/sql_text.h"

namespace renkei::storage {

using domain::ApiToken;
using domain::Credentials;
using domain::Session;

namespace {

std::optional<Credentials> CredentialsFrom(const std::vector<Row>& rows) {
  if (rows.empty()) return std::nullopt;
  const Row& r = rows[0];
  return Credentials{UserId(r.i64(0)), r.str(1), r.i64(2) != 0};
}

constexpr const char* kCredentialColumns = "SELECT id, password_hash, active FROM users ";

constexpr Columns kTokenCols{{"id", "user_id", "name", "prefix", "hash", "created_at", "expires_at",
                              "last_used_at", "revoked_at"}};

std::string TokenSelect() { return "SELECT " + kTokenCols.List() + " FROM api_tokens "; }

ApiToken TokenFromRow(Row& r) {
  constexpr const auto& c = kTokenCols;
  ApiToken t;
  t.id = TokenId(r.i64(c("id")));
  t.user_id = UserId(r.i64(c("user_id")));
  t.name = r.take(c("name"));
  t.prefix = r.take(c("prefix"));
  t.hash = r.take(c("hash"));
  t.created_at = r.i64(c("created_at"));
  t.expires_at = r.opt_i64(c("expires_at"));
  t.last_used_at = r.opt_i64(c("last_used_at"));
  t.revoked_at = r.opt_i64(c("revoked_at"));
  return t;
}

constexpr Columns kSessionCols{{"id_hash", "user_id", "csrf_token", "created_at", "last_seen_at",
                                "expires_at", "ip", "user_agent"}};

}  // namespace

Result<std::optional<Credentials>> SqlAuthStore::GetCredentials(const std::string& email) {
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query(std::string(kCredentialColumns) + "WHERE email = $1", {email}));
  return CredentialsFrom(rows);
}

Result<std::optional<Credentials>> SqlAuthStore::GetCredentialsById(UserId id) {
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query(std::string(kCredentialColumns) + "WHERE id = $1", {id.value}));
  return CredentialsFrom(rows);
}

Status SqlAuthStore::RecordSuccess(UserId id, Millis at) {
  return c_.Exec("UPDATE users SET last_sign_in_at = $2 WHERE id = $1", {id.value, at}).status();
}

Status SqlAuthStore::SetPasswordHash(UserId id, const std::string& hash) {
  return c_.Exec("UPDATE users SET password_hash = $2 WHERE id = $1", {id.value, hash}).status();
}

Status SqlAuthStore::CreateSession(const Session& s) {
  return c_
      .Exec(
          "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, "
          "expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
          {s.id_hash, s.user_id.value, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at,
           s.ip, s.user_agent})
      .status();
}

Result<std::optional<Session>> SqlAuthStore::GetSession(const std::string& id_hash) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT " + kSessionCols.List() + " FROM sessions WHERE id_hash = $1", {id_hash}));
  if (rows.empty()) return std::optional<Session>();
  constexpr const auto& c = kSessionCols;
  Row& r = rows[0];
  Session out;
  out.id_hash = r.take(c("id_hash"));
  out.user_id = UserId(r.i64(c("user_id")));
  out.csrf_token = r.take(c("csrf_token"));
  out.created_at = r.i64(c("created_at"));
  out.last_seen_at = r.i64(c("last_seen_at"));
  out.expires_at = r.i64(c("expires_at"));
  out.ip = r.take(c("ip"));
  out.user_agent = r.take(c("user_agent"));
  return std::optional<Session>(std::move(out));
}

Status SqlAuthStore::TouchSession(const std::string& id_hash, Millis at) {
  return c_.Exec("UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1", {id_hash, at})
      .status();
}

Status SqlAuthStore::DeleteSession(const std::string& id_hash) {
  return c_.Exec("DELETE FROM sessions WHERE id_hash = $1", {id_hash}).status();
}

Status SqlAuthStore::DeleteSessionsOfUser(UserId id) {
  return c_.Exec("DELETE FROM sessions WHERE user_id = $1", {id.value}).status();
}

Status SqlAuthStore::DeleteOtherSessions(UserId id, const std::string& keep_hash) {
  return c_.Exec("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2", {id.value, keep_hash})
      .status();
}

Result<TokenId> SqlAuthStore::CreateToken(const ApiToken& t) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO api_tokens (user_id, name, prefix, hash, created_at, "
               "expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
               {t.user_id.value, t.name, t.prefix, t.hash, t.created_at, OptMillis(t.expires_at)}));
  return TokenId(rows.at(0).i64(0));
}

Result<std::vector<ApiToken>> SqlAuthStore::ListTokens(UserId user) {
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query(TokenSelect() + "WHERE user_id = $1 ORDER BY id", {user.value}));
  std::vector<ApiToken> out;
  for (Row& r : rows) out.push_back(TokenFromRow(r));
  return out;
}

Result<std::optional<ApiToken>> SqlAuthStore::GetTokenByHash(const std::string& hash) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(TokenSelect() + "WHERE hash = $1", {hash}));
  if (rows.empty()) return std::optional<ApiToken>();
  return std::optional<ApiToken>(TokenFromRow(rows[0]));
}

Result<bool> SqlAuthStore::RevokeToken(TokenId id, UserId user, Millis at) {
  RENKEI_ASSIGN_OR_RETURN(
      auto changed, c_.Exec("UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 "
                            "AND revoked_at IS NULL",
                            {id.value, user.value, at}));
  return changed > 0;
}

Status SqlAuthStore::TouchToken(TokenId id, Millis at) {
  return c_.Exec("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1", {id.value, at}).status();
}

Result<std::int64_t> SqlAuthStore::RevokeTokensOfUser(UserId user, Millis at) {
  return c_.Exec("UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
                 {user.value, at});
}

Result<domain::AttemptCount> SqlAuthStore::CountAttempt(const std::string& key, Millis now,
                                                        Millis window_start) {
  // One statement, so parallel attempts each see their own count.
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("INSERT INTO signin_failures (key, failures, first_at, locked_until) "
                          "VALUES ($1, 1, $2, 0) ON CONFLICT (key) DO UPDATE SET "
                          "failures = CASE WHEN signin_failures.first_at < $3 THEN 1 "
                          "ELSE signin_failures.failures + 1 END, "
                          "first_at = CASE WHEN signin_failures.first_at < $3 THEN $2 "
                          "ELSE signin_failures.first_at END "
                          "RETURNING failures, locked_until",
                          {key, now, window_start}));
  return domain::AttemptCount{static_cast<int>(rows.at(0).i64(0)), rows.at(0).i64(1)};
}

Status SqlAuthStore::LockAttempts(const std::string& key, Millis until) {
  return c_.Exec("UPDATE signin_failures SET locked_until = $2 WHERE key = $1", {key, until})
      .status();
}

Status SqlAuthStore::PurgeAttempts(Millis before) {
  return c_.Exec("DELETE FROM signin_failures WHERE first_at < $1 AND locked_until < $1", {before})
      .status();
}

Status SqlAuthStore::ClearAttempts(const std::string& account) {
  // `account` is hex, so it holds no LIKE wildcard.
  return c_
      .Exec("DELETE FROM signin_failures WHERE key = $1 OR key LIKE $2",
            {"a:" + account, "p:" + account + ":%"})
      .status();
}

Result<std::vector<domain::AttemptLock>> SqlAuthStore::ListLocks(Millis now) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT key, failures, locked_until FROM "
                                              "signin_failures WHERE locked_until > $1",
                                              {now}));
  std::vector<domain::AttemptLock> out;
  for (Row& r : rows) {
    domain::AttemptLock l;
    l.key = r.take(0);
    l.failures = static_cast<int>(r.i64(1));
    l.locked_until = r.i64(2);
    out.push_back(std::move(l));
  }
  return out;
}

Result<std::vector<domain::AccountName>> SqlAuthStore::ListAccountNames() {
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query("SELECT u.id, u.email, u.display_name, o.name_ja, o.name_en "
                                   "FROM users u JOIN organisations o ON o.id = u.org_id",
                                   {}));
  std::vector<domain::AccountName> out;
  out.reserve(rows.size());
  for (Row& r : rows) {
    domain::AccountName a;
    a.user_id = UserId(r.i64(0));
    a.email = r.take(1);
    a.display_name = r.take(2);
    a.org_name_ja = r.take(3);
    a.org_name_en = r.take(4);
    out.push_back(std::move(a));
  }
  return out;
}

namespace {
constexpr Columns kResetCols{{"id", "user_id", "token_hash", "created_by", "reason", "created_at",
                              "expires_at", "used_at", "mail_secret"}};

std::string ResetSelect() { return "SELECT " + kResetCols.List() + " FROM password_resets "; }

domain::PasswordReset ResetFromRow(Row& r) {
  constexpr const auto& c = kResetCols;
  domain::PasswordReset out;
  out.id = r.i64(c("id"));
  out.user_id = UserId(r.i64(c("user_id")));
  out.token_hash = r.take(c("token_hash"));
  out.created_by = UserId(r.i64(c("created_by")));
  out.reason = r.take(c("reason"));
  out.created_at = r.i64(c("created_at"));
  out.expires_at = r.i64(c("expires_at"));
  out.used_at = r.opt_i64(c("used_at"));
  out.mail_secret = r.take(c("mail_secret"));
  return out;
}
}  // namespace

Result<std::int64_t> SqlAuthStore::CreatePasswordReset(const domain::PasswordReset& r) {
  // An earlier link that was not used dies with the new one; its unsent mail too.
  RENKEI_RETURN_IF_ERROR(c_.Exec("UPDATE password_resets SET expires_at = $2, mail_secret = '', "
                                 "mailed_at = COALESCE(mailed_at, $2) "
                                 "WHERE user_id = $1 AND used_at IS NULL AND expires_at > $2",
                                 {r.user_id.value, r.created_at})
                             .status());
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO password_resets (user_id, token_hash, created_by, reason, created_at, "
               "expires_at, mail_secret) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
               {r.user_id.value, r.token_hash, r.created_by.value, r.reason, r.created_at,
                r.expires_at, r.mail_secret}));
  return rows.at(0).i64(0);
}

Result<std::optional<domain::PasswordReset>> SqlAuthStore::GetPasswordReset(
    const std::string& token_hash) {
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query(ResetSelect() + "WHERE token_hash = $1", {token_hash}));
  if (rows.empty()) return std::optional<domain::PasswordReset>();
  return std::optional<domain::PasswordReset>(ResetFromRow(rows[0]));
}

Result<std::optional<domain::PasswordReset>> SqlAuthStore::GetPasswordResetById(std::int64_t id) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(ResetSelect() + "WHERE id = $1", {id}));
  if (rows.empty()) return std::optional<domain::PasswordReset>();
  return std::optional<domain::PasswordReset>(ResetFromRow(rows[0]));
}

Result<bool> SqlAuthStore::UsePasswordReset(std::int64_t id, Millis at) {
  RENKEI_ASSIGN_OR_RETURN(auto changed,
                          c_.Exec("UPDATE password_resets SET used_at = $2, mail_secret = '' "
                                  "WHERE id = $1 AND used_at IS NULL AND expires_at > $2",
                                  {id, at}));
  return changed > 0;
}

Status SqlAuthStore::CloseResetMail(std::int64_t id, std::optional<Millis> mailed_at) {
  return c_
      .Exec(
          "UPDATE password_resets SET mailed_at = COALESCE($2, mailed_at), mail_secret = '' "
          "WHERE id = $1",
          {id, OptMillis(mailed_at)})
      .status();
}

namespace {

void WriteAuditFields(JsonWriter& w, const domain::AuditFields& fields);

void WriteAuditValue(JsonWriter& w, const domain::AuditValue& v) {
  using T = domain::AuditValue::Type;
  switch (v.type()) {
    case T::kText:
      w.String(v.text());
      return;
    case T::kInteger:
      w.Int(v.integer());
      return;
    case T::kBool:
      w.Bool(v.flag());
      return;
    case T::kList:
      w.BeginArray();
      for (const auto& item : v.items()) WriteAuditValue(w, item);
      w.EndArray();
      return;
    case T::kObject:
      WriteAuditFields(w, v.fields());
      return;
  }
}

void WriteAuditFields(JsonWriter& w, const domain::AuditFields& fields) {
  w.BeginObject();
  for (const auto& [key, value] : fields) {
    w.Key(key);
    WriteAuditValue(w, value);
  }
  w.EndObject();
}

// The detail column holds a JSON object, which GET /audit passes through as it is.
std::string AuditDetailText(const domain::AuditFields& detail) {
  JsonWriter w;
  WriteAuditFields(w, detail);
  return w.Take();
}

}  // namespace

Status SqlAuditStore::Append(const domain::AuditEntry& e) {
  Value actor = e.actor ? Value(e.actor->value) : Value(nullptr);
  return c_
      .Exec(
          "INSERT INTO audit_log (at, actor_user_id, actor_label, ip, action, target_type, "
          "target_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
          {e.at, actor, e.actor_label, e.ip, e.action, e.target_type, e.target_id,
           AuditDetailText(e.detail)})
      .status();
}

namespace {
// The target's name where it has one a reader knows it by (an organisation, a hub, a
// person); items, reports and assessments are shown by number only, so the audit log
// never shows an administrator the title of something they may not read.
constexpr Columns kAuditCols{{"a.id", "a.at", "a.actor_user_id", "a.actor_label", "a.ip",
                              "a.action", "a.target_type", "a.target_id", "a.detail",
                              "COALESCE(o.name_ja, h.name_ja, u.display_name, '') AS name_ja",
                              "COALESCE(o.name_en, h.name_en, u.display_name, '') AS name_en"}};

// The target's id as a number for one target type (NULL for other types and for the empty
// id of a failed sign-in by an unknown account).
// The filter List and Count share: fixed fragments for the filters that are set, every value
// bound (invariant 8), so that a time window reads `audit_log_at` and a target its index
// instead of the whole log.
std::string AuditWhere(const domain::AuditFilter& f, Params& params) {
  auto bind = [&](Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  std::string sql = "TRUE";
  if (f.before_id) sql += " AND a.id < " + bind(f.before_id);
  if (!f.action_prefix.empty()) {
    sql += " AND a.action LIKE " + bind(PrefixPattern(f.action_prefix)) + " ESCAPE '\\'";
  }
  if (!f.target_type.empty()) sql += " AND a.target_type = " + bind(f.target_type);
  if (!f.target_id.empty()) sql += " AND a.target_id = " + bind(f.target_id);
  if (f.since) sql += " AND a.at >= " + bind(f.since);
  return sql;
}

std::string TargetIdOf(std::string_view type) {
  return "CASE WHEN a.target_type = '" + std::string(type) +
         "' AND a.target_id <> '' THEN CAST(a.target_id AS BIGINT) END";
}
}  // namespace

Result<std::vector<domain::AuditRecord>> SqlAuditStore::List(const domain::AuditFilter& f) {
  Params params;
  const std::string where = AuditWhere(f, params);
  params.push_back(std::int64_t{f.limit});
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT " + kAuditCols.List() +
                   " FROM audit_log a LEFT JOIN organisations o ON o.id = " +
                   TargetIdOf("organisation") + " LEFT JOIN hubs h ON h.id = " + TargetIdOf("hub") +
                   " LEFT JOIN users u ON u.id = " + TargetIdOf("user") + " WHERE " + where +
                   " ORDER BY a.id DESC LIMIT $" + std::to_string(params.size()),
               params));
  constexpr const auto& c = kAuditCols;
  std::vector<domain::AuditRecord> out;
  for (Row& r : rows) {
    domain::AuditRecord e;
    e.id = r.i64(c("id"));
    e.at = r.i64(c("at"));
    if (auto a = r.opt_i64(c("actor_user_id"))) e.actor = UserId(*a);
    e.actor_label = r.take(c("actor_label"));
    e.ip = r.take(c("ip"));
    e.action = r.take(c("action"));
    e.target_type = r.take(c("target_type"));
    e.target_id = r.take(c("target_id"));
    e.detail = r.take(c("detail"));
    e.target_name_ja = r.take(c("name_ja"));
    e.target_name_en = r.take(c("name_en"));
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace renkei::storage

namespace renkei::storage {

Result<std::int64_t> SqlAuditStore::Count(const domain::AuditFilter& f) {
  domain::AuditFilter counted = f;
  counted.before_id = 0;  // a count is of the whole filter, not of one page
  Params params;
  const std::string where = AuditWhere(counted, params);
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query("SELECT COUNT(*) FROM audit_log a WHERE " + where, params));
  return rows.at(0).i64(0);
}

}  // namespace renkei::storage
