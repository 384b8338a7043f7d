#include "domain/auth/auth_service.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/crypto.h"
#include "core/error_codes.h"
#include "core/text.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth_store.h"
#include "domain/auth/reset_mail.h"
#include "domain/directory/directory_store.h"
#include "domain/outbox/outbox_store.h"
#include "domain/validation.h"

namespace renkei::domain {
Status CheckPasswordRules(const std::string& password, const std::string& field) {
  if (password.size() > kMaxPasswordBytes) {
    return err::PasswordTooLong(kMaxPasswordBytes).with_field(field);
  }
  if (!IsCleanUtf8(password, false)) return err::InvalidText().with_field(field);
  if (CodePointCount(password) < kMinPasswordChars) {
    return err::PasswordTooShort(kMinPasswordChars).with_field(field);
  }
  return Status::Ok();
}

Result<std::optional<Principal>> LoadPrincipal(Stores& s, UserId id) {
  RENKEI_ASSIGN_OR_RETURN(auto user, s.directory.GetUser(id));
  if (!user || !user->active) return std::optional<Principal>();
  RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(user->org_id));
  if (!org || !org->active) return std::optional<Principal>();
  Principal p;
  p.user_id = user->id;
  p.org_id = user->org_id;
  p.email = user->email;
  p.display_name = user->display_name;
  p.roles = user->roles;
  RENKEI_ASSIGN_OR_RETURN(p.secretariat_of, s.directory.HubsRunBy(user->org_id));
  return std::optional<Principal>(std::move(p));
}

AuthService::AuthService(Transactor& tx, const Clock& clock, AuthConfig config)
    : tx_(tx), clock_(clock), config_(config), dummy_hash_(HashPassword("renkei-dummy-password")) {}

Status AuthService::Throttle(const Origin& origin, const char* what) {
  if (AllowIp(origin.remote_address)) return Status::Ok();
  return err::TooManyAttempts()
      .with_note(std::string("too many ") + what + " from " + origin.remote_address)
      .with_retry_after(static_cast<int>(config_.ip_window / 1000));
}

bool AuthService::AllowIp(const std::string& ip) {
  const Millis now = clock_.now_ms();
  std::lock_guard lock(ip_mu_);
  if (ip_attempts_.size() > 100000) ip_attempts_.clear();  // bound memory under a flood
  auto& [start, count] = ip_attempts_[ip];
  if (now - start > config_.ip_window) {
    start = now;
    count = 0;
  }
  return ++count <= config_.ip_attempts;
}

Result<AuthService::Attempt> AuthService::BeginAttempt(const std::string& norm,
                                                       const Origin& origin, Millis now) {
  Attempt a;
  bool purge = false;
  {
    std::lock_guard lock(ip_mu_);
    if (now - last_purge_ > 3'600'000) {
      last_purge_ = now;
      purge = true;
    }
  }
  a.account = Sha256Hex(norm);
  a.account_key = "a:" + a.account;
  a.pair_key = "p:" + a.account + ":" + Sha256Hex(origin.remote_address);
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    // Counts of unknown addresses and accounts must not pile up: once an hour the rows
    // whose window and lock are long over go.
    if (purge) RENKEI_RETURN_IF_ERROR(s.auth.PurgeAttempts(now - 24LL * 3600 * 1000));
    RENKEI_ASSIGN_OR_RETURN(a.pair, s.auth.CountAttempt(a.pair_key, now, now - config_.lockout));
    RENKEI_ASSIGN_OR_RETURN(a.all,
                            s.auth.CountAttempt(a.account_key, now, now - config_.account_lockout));
    Millis until = std::max(a.pair.locked_until, a.all.locked_until);
    // Attempts past the limit that raced the one that set the lock are refused too.
    if (until <= now && a.pair.failures > config_.max_failures) {
      until = now + config_.lockout;
      RENKEI_RETURN_IF_ERROR(s.auth.LockAttempts(a.pair_key, until));
    }
    if (until <= now && a.all.failures > config_.account_max_failures) {
      until = now + config_.account_lockout;
      RENKEI_RETURN_IF_ERROR(s.auth.LockAttempts(a.account_key, until));
    }
    if (until <= now) return Status::Ok();
    RENKEI_ASSIGN_OR_RETURN(auto creds, s.auth.GetCredentials(norm));
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(origin, now, creds ? std::optional(creds->user_id) : std::nullopt,
                               norm, "session.locked")));
    return err::SigninLocked().with_retry_after(static_cast<int>((until - now + 999) / 1000));
  }));
  return a;
}

Status AuthService::FailAttempt(Stores& s, const Attempt& a, Millis now) {
  if (a.pair.failures >= config_.max_failures) {
    RENKEI_RETURN_IF_ERROR(s.auth.LockAttempts(a.pair_key, now + config_.lockout));
  }
  if (a.all.failures >= config_.account_max_failures) {
    RENKEI_RETURN_IF_ERROR(s.auth.LockAttempts(a.account_key, now + config_.account_lockout));
  }
  return Status::Ok();
}

Status AuthService::ClearAttempt(Stores& s, const Attempt& a) {
  return s.auth.ClearAttempts(a.account);
}

Result<SignInResult> AuthService::SignIn(const Origin& origin, const std::string& email,
                                         const std::string& password,
                                         const std::string& user_agent) {
  RENKEI_RETURN_IF_ERROR(Throttle(origin, "sign-in attempts"));
  const std::string norm = NormaliseEmail(email);
  const Millis now = clock_.now_ms();
  RENKEI_ASSIGN_OR_RETURN(auto attempt, BeginAttempt(norm, origin, now));
  std::optional<Credentials> creds;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(creds, s.auth.GetCredentials(norm));
    return Status::Ok();
  }));

  // Always run one Argon2id verification so unknown e-mails cost the same time.
  const bool password_ok =
      VerifyPassword(password, creds ? creds->password_hash : dummy_hash_) && creds.has_value();
  if (!password_ok || !creds->active) {
    RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
      RENKEI_RETURN_IF_ERROR(FailAttempt(s, attempt, now));
      return s.audit.Append(AuditOf(origin, now,
                                    creds ? std::optional(creds->user_id) : std::nullopt, norm,
                                    "session.failed"));
    }));
    return err::InvalidCredentials();
  }

  SignInResult out;
  out.session_token = RandomToken(32);
  out.expires_at = now + config_.session_ttl;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto principal, LoadPrincipal(s, creds->user_id));
    if (!principal) return err::InvalidCredentials();
    Session session;
    session.id_hash = Sha256Hex(out.session_token);
    session.user_id = creds->user_id;
    session.csrf_token = RandomToken(24);
    session.created_at = now;
    session.last_seen_at = now;
    session.expires_at = out.expires_at;
    session.ip = origin.remote_address;
    session.user_agent = user_agent.substr(0, 300);
    RENKEI_RETURN_IF_ERROR(s.auth.CreateSession(session));
    RENKEI_RETURN_IF_ERROR(s.auth.RecordSuccess(creds->user_id, now));
    RENKEI_RETURN_IF_ERROR(ClearAttempt(s, attempt));
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(origin, now, creds->user_id, norm, "session.create")));
    principal->csrf_token = session.csrf_token;
    principal->session_hash = session.id_hash;
    out.principal = std::move(*principal);
    return Status::Ok();
  }));
  return out;
}

Result<Principal> AuthService::ResolveSession(const std::string& session_token) {
  const Millis now = clock_.now_ms();
  const std::string hash = Sha256Hex(session_token);
  std::optional<Principal> principal;
  bool touch = false;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto session, s.auth.GetSession(hash));
    if (!session || session->expires_at <= now ||
        now - session->last_seen_at > config_.idle_timeout) {
      return err::SessionExpired();
    }
    RENKEI_ASSIGN_OR_RETURN(principal, LoadPrincipal(s, session->user_id));
    if (!principal) {
      return err::AccountInactive();
    }
    principal->csrf_token = session->csrf_token;
    principal->session_hash = hash;
    touch = now - session->last_seen_at > 60'000;  // write at most once a minute
    return Status::Ok();
  }));
  if (touch) {
    RENKEI_RETURN_IF_ERROR(
        tx_.Run(TxMode::kWrite, [&](Stores& s) { return s.auth.TouchSession(hash, now); }));
  }
  principal->method = AuthMethod::kSession;
  return std::move(*principal);
}

Result<Principal> AuthService::ResolveToken(const std::string& bearer_secret) {
  const Millis now = clock_.now_ms();
  const std::string hash = Sha256Hex(bearer_secret);
  std::optional<Principal> principal;
  TokenId token_id;
  bool touch = false;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto token, s.auth.GetTokenByHash(hash));
    if (!token || token->revoked_at || (token->expires_at && *token->expires_at <= now)) {
      return err::InvalidToken();
    }
    RENKEI_ASSIGN_OR_RETURN(principal, LoadPrincipal(s, token->user_id));
    if (!principal) return err::TokenAccountInactive();
    token_id = token->id;
    principal->token_hash = hash;
    touch = !token->last_used_at || now - *token->last_used_at > 60'000;
    return Status::Ok();
  }));
  if (touch) {
    RENKEI_RETURN_IF_ERROR(
        tx_.Run(TxMode::kWrite, [&](Stores& s) { return s.auth.TouchToken(token_id, now); }));
  }
  principal->method = AuthMethod::kToken;
  return std::move(*principal);
}

Status AuthService::SignOut(const Actor& actor) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  return tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(s.auth.DeleteSession(p.session_hash));
    return s.audit.Append(AuditOf(actor, now, "session.delete", "user", p.user_id.value));
  });
}

Result<NewToken> AuthService::CreateToken(const Actor& actor, const std::string& name,
                                          std::optional<Millis> expires_at) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  if (p.method != AuthMethod::kSession) {
    return err::TokenNeedsSession();
  }
  RENKEI_RETURN_IF_ERROR(CheckText(name, "name", 100, true));
  if (expires_at && *expires_at <= now) return err::InThePast().with_field("expires_at");
  NewToken out;
  out.secret = "rk_" + RandomToken(32);
  out.token.user_id = p.user_id;
  out.token.name = name;
  out.token.prefix = out.secret.substr(0, 10);
  out.token.hash = Sha256Hex(out.secret);
  out.token.created_at = now;
  out.token.expires_at = expires_at;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out.token.id, s.auth.CreateToken(out.token));
    return s.audit.Append(AuditOf(actor, now, "token.create", "token", out.token.id.value));
  }));
  return out;
}

Result<std::vector<ApiToken>> AuthService::ListTokens(const Principal& p) {
  std::vector<ApiToken> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.auth.ListTokens(p.user_id));
    return Status::Ok();
  }));
  return out;
}

Status AuthService::RevokeToken(const Actor& actor, TokenId id) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  return tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(bool revoked, s.auth.RevokeToken(id, p.user_id, now));
    if (!revoked) return err::TokenNotFound();
    return s.audit.Append(AuditOf(actor, now, "token.revoke", "token", id.value));
  });
}

Status AuthService::ChangePassword(const Actor& actor, const std::string& current,
                                   const std::string& next, bool revoke_tokens) {
  const Principal& p = actor.principal;
  RENKEI_RETURN_IF_ERROR(CheckPasswordRules(next, "new_password"));
  RENKEI_RETURN_IF_ERROR(Throttle(actor.origin(), "password attempts"));
  const Millis now = clock_.now_ms();
  // The current-password check is a sign-in attempt: counted and locked the same way.
  RENKEI_ASSIGN_OR_RETURN(auto attempt, BeginAttempt(NormaliseEmail(p.email), actor.origin(), now));
  std::optional<Credentials> creds;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(creds, s.auth.GetCredentialsById(p.user_id));
    return Status::Ok();
  }));
  if (!creds || !VerifyPassword(current, creds->password_hash)) {
    RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
      RENKEI_RETURN_IF_ERROR(FailAttempt(s, attempt, now));
      return s.audit.Append(AuditOf(actor, now, "user.password_failed", "user", p.user_id.value));
    }));
    return err::WrongPassword().with_field("current_password");
  }
  const std::string hash = HashPassword(next);
  return tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(ClearAttempt(s, attempt));
    RENKEI_RETURN_IF_ERROR(s.auth.SetPasswordHash(p.user_id, hash));
    // Anyone else signed in with the old password is signed out; this session stays.
    RENKEI_RETURN_IF_ERROR(s.auth.DeleteOtherSessions(p.user_id, p.session_hash));
    std::int64_t revoked = 0;
    if (revoke_tokens) {
      RENKEI_ASSIGN_OR_RETURN(revoked, s.auth.RevokeTokensOfUser(p.user_id, now));
    }
    return s.audit.Append(AuditOf(actor, now, "user.password_change", "user", p.user_id.value,
                                  {{"tokens_revoked", revoked}}));
  });
}

Status QueuePasswordReset(Stores& s, const User& user, UserId by, const std::string& reason,
                          Millis now, const std::string& unusable_hash) {
  PasswordReset r;
  const std::string secret = RandomToken(32);
  r.user_id = user.id;
  r.token_hash = Sha256Hex(secret);
  r.created_by = by;
  r.reason = reason;
  r.created_at = now;
  r.expires_at = now + kPasswordResetTtl;
  r.mail_secret = secret;
  // The old password stops working now: nobody who knew it keeps a way in.
  RENKEI_RETURN_IF_ERROR(s.auth.SetPasswordHash(user.id, unusable_hash));
  RENKEI_RETURN_IF_ERROR(s.auth.DeleteSessionsOfUser(user.id));
  RENKEI_RETURN_IF_ERROR(s.auth.RevokeTokensOfUser(user.id, now).status());
  RENKEI_ASSIGN_OR_RETURN(const std::int64_t id, s.auth.CreatePasswordReset(r));
  OutboxRow mail;
  mail.subject_kind = kPasswordResetSubject;
  mail.subject_id = id;
  mail.kind = kMailPasswordReset;
  mail.user_id = user.id;
  mail.created_at = mail.not_before = now;
  return s.outbox.Enqueue(mail).status();
}

Status AuthService::CompletePasswordReset(const Origin& origin, const std::string& secret,
                                          const std::string& next) {
  RENKEI_RETURN_IF_ERROR(Throttle(origin, "attempts"));
  RENKEI_RETURN_IF_ERROR(CheckPasswordRules(next, "new_password"));
  const Millis now = clock_.now_ms();
  const Status invalid = err::InvalidResetLink().with_field("token");
  std::optional<PasswordReset> reset;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(reset, s.auth.GetPasswordReset(Sha256Hex(secret)));
    return Status::Ok();
  }));
  if (!reset || reset->used_at || reset->expires_at <= now) return invalid;
  const std::string hash = HashPassword(next);
  return tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(bool used, s.auth.UsePasswordReset(reset->id, now));
    if (!used) return invalid;
    RENKEI_ASSIGN_OR_RETURN(auto user, s.directory.GetUser(reset->user_id));
    if (!user || !user->active) return invalid;
    RENKEI_RETURN_IF_ERROR(s.auth.SetPasswordHash(user->id, hash));
    RENKEI_RETURN_IF_ERROR(s.auth.DeleteSessionsOfUser(user->id));
    RENKEI_RETURN_IF_ERROR(s.auth.ClearAttempts(Sha256Hex(user->email)));
    return s.audit.Append(AuditOf(origin, now, user->id, user->email, "user.password_set"));
  });
}

bool AuthService::CredentialAlive(const Principal& p) { return CredentialsAlive({&p}).front(); }

std::vector<bool> AuthService::CredentialsAlive(const std::vector<const Principal*>& who) {
  const Millis now = clock_.now_ms();
  std::vector<bool> alive(who.size(), false);
  // One transaction for all; each session, token and user looked up once.
  std::map<std::string, bool> credential;  // "s:<hash>" / "t:<hash>" -> works
  std::map<std::int64_t, bool> user;       // user id -> active
  Status st = tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    for (size_t i = 0; i < who.size(); ++i) {
      const Principal& p = *who[i];
      const bool session = p.method == AuthMethod::kSession;
      const std::string key = (session ? "s:" : "t:") + (session ? p.session_hash : p.token_hash);
      auto c = credential.find(key);
      if (c == credential.end()) {
        bool works = false;
        if (session) {
          RENKEI_ASSIGN_OR_RETURN(auto row, s.auth.GetSession(p.session_hash));
          works = row && row->expires_at > now && now - row->last_seen_at <= config_.idle_timeout;
        } else {
          RENKEI_ASSIGN_OR_RETURN(auto row, s.auth.GetTokenByHash(p.token_hash));
          works = row && !row->revoked_at && (!row->expires_at || *row->expires_at > now);
        }
        c = credential.emplace(key, works).first;
      }
      if (!c->second) continue;
      auto u = user.find(p.user_id.value);
      if (u == user.end()) {
        RENKEI_ASSIGN_OR_RETURN(auto principal, LoadPrincipal(s, p.user_id));
        u = user.emplace(p.user_id.value, principal.has_value()).first;
      }
      alive[i] = u->second;
    }
    return Status::Ok();
  });
  if (!st.ok()) alive.assign(who.size(), false);
  return alive;
}

Result<std::vector<LockedAccount>> AuthService::LockedAccounts(const Principal& p) {
  if (!p.is_admin()) return err::LocksAdminsOnly();
  const Millis now = clock_.now_ms();
  std::vector<LockedAccount> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto locks, s.auth.ListLocks(now));
    if (locks.empty()) return Status::Ok();
    // The counts are keyed by the SHA-256 of the normalised e-mail, never the address.
    std::unordered_map<std::string, LockedAccount> by_account;
    for (const auto& l : locks) {
      const bool everywhere = l.key.rfind("a:", 0) == 0;
      if (!everywhere && l.key.rfind("p:", 0) != 0) continue;
      const size_t end = everywhere ? std::string::npos : l.key.find(':', 2);
      LockedAccount& a = by_account[l.key.substr(2, end == std::string::npos ? end : end - 2)];
      a.everywhere = a.everywhere || everywhere;
      a.addresses += everywhere ? 0 : 1;
      a.locked_until = std::max(a.locked_until, l.locked_until);
      a.failures = std::max(a.failures, l.failures);
    }
    RENKEI_ASSIGN_OR_RETURN(auto accounts, s.auth.ListAccountNames());
    for (auto& acc : accounts) {
      auto it = by_account.find(Sha256Hex(NormaliseEmail(acc.email)));
      if (it == by_account.end()) continue;
      it->second.account = std::move(acc);
      out.push_back(std::move(it->second));
    }
    return Status::Ok();
  }));
  std::sort(out.begin(), out.end(), [](const LockedAccount& a, const LockedAccount& b) {
    return std::tie(b.locked_until, a.account.user_id.value) <
           std::tie(a.locked_until, b.account.user_id.value);
  });
  return out;
}

}  // namespace renkei::domain
