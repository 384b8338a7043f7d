// AuthService: sign-in with Argon2id, sessions (HttpOnly cookie + CSRF token),
// API tokens for machine clients, password changes, throttling and lockout.
//
// Rules (documented in docs/security.md):
// - A session lasts at most `session_ttl` and ends after `idle_timeout` without use.
// - Each client IP may try at most `ip_attempts` sign-ins per `ip_window` (429
//   too_many_attempts): the first line.
// - `max_failures` wrong passwords for one account from one address lock that account
//   for that address for `lockout` (429 signin_locked, even with the right password);
//   `account_max_failures` from all addresses together lock it everywhere for
//   `account_lockout` (the slower second line), so one attacker cannot keep someone
//   else locked out. Attempts are counted before the password is checked, in one
//   statement, so parallel attempts cannot pass the limit; a success clears the counts.
//   Unknown accounts are counted and locked the same way, so a 429 tells nothing.
// - Checking the current password to change it counts the same way.
// - Wrong e-mail and wrong password answer the same 401 in about the same time.
// - Changing one's password ends one's other sessions (and, if asked, one's tokens).
// - Tokens are created only from a signed-in browser session, never by a token.
// - A password reset mails the user a one-time link valid for kPasswordResetTtl
//   (through the outbox: reset_mail.h).
// Thread-safe: the per-IP counters are guarded; everything else is in the database.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "domain/auth/auth_store.h"
#include "domain/directory/directory.h"
#include "domain/principal.h"
#include "domain/transactor.h"

namespace renkei::domain {

struct AuthConfig {
  Millis session_ttl = 12LL * 3600 * 1000;
  Millis idle_timeout = 2LL * 3600 * 1000;
  int max_failures = 5;
  Millis lockout = 15LL * 60 * 1000;
  int account_max_failures = 50;
  Millis account_lockout = 15LL * 60 * 1000;
  int ip_attempts = 30;
  Millis ip_window = 5LL * 60 * 1000;
};

struct SignInResult {
  std::string session_token;  // goes into the HttpOnly cookie; never stored
  Principal principal;
  Millis expires_at = 0;
};

struct NewToken {
  ApiToken token;
  std::string secret;  // shown once
};

// Password rules shared by every place that sets one: at least kMinPasswordChars
// characters, at most kMaxPasswordBytes bytes of clean UTF-8.
inline constexpr size_t kMinPasswordChars = 12, kMaxPasswordBytes = 256;
Status CheckPasswordRules(const std::string& password, const std::string& field);

// How long a mailed password-reset link works.
inline constexpr Millis kPasswordResetTtl = 24LL * 3600 * 1000;

// The reason a reset row carries when it is a new account's first set-password link: its
// mail welcomes the person instead of telling them their password was reset.
inline constexpr char kNewAccountReason[] = "account.created";

// Ends the user's password (replaced by `unusable_hash`, an Argon2id hash of a random
// secret made before the transaction), sessions and API tokens, and queues a mail with
// a one-time link to set a new one (an outbox row in the caller's transaction; the mail
// leaves after commit, reset_mail.h).
Status QueuePasswordReset(Stores& s, const User& user, UserId by, const std::string& reason,
                          Millis now, const std::string& unusable_hash);

// Loads the principal for an active user (roles, organisation, hubs run); nullopt when
// the user does not exist or is deactivated.
Result<std::optional<Principal>> LoadPrincipal(Stores& s, UserId id);

// An account locked out now by the rules above: everywhere (the account's count) and/or
// from `addresses` client addresses (its counts per address); `locked_until` is the
// latest of its locks.
struct LockedAccount {
  AccountName account;
  Millis locked_until = 0;
  bool everywhere = false;
  int addresses = 0;
  int failures = 0;  // the most failures of its locked counts
};

class AuthService {
 public:
  AuthService(Transactor& tx, const Clock& clock, AuthConfig config = {});

  Result<SignInResult> SignIn(const Origin& origin, const std::string& email,
                              const std::string& password, const std::string& user_agent);
  // 401 `session_expired` for an expired or unknown session.
  Result<Principal> ResolveSession(const std::string& session_token);
  Result<Principal> ResolveToken(const std::string& bearer_secret);
  Status SignOut(const Actor& actor);

  Result<NewToken> CreateToken(const Actor& actor, const std::string& name,
                               std::optional<Millis> expires_at);
  Result<std::vector<ApiToken>> ListTokens(const Principal& p);
  Status RevokeToken(const Actor& actor, TokenId id);

  Status ChangePassword(const Actor& actor, const std::string& current, const std::string& next,
                        bool revoke_tokens);
  // Sets a new password with the secret of a mailed reset link; ends every session.
  Status CompletePasswordReset(const Origin& origin, const std::string& secret,
                               const std::string& next);
  // Whether the credential the principal came with (session or token) still works and
  // its user is still active.
  bool CredentialAlive(const Principal& p);
  // The same for many at once, in one transaction (the event hub asks before each
  // event for every subscriber); a database error answers false for all.
  std::vector<bool> CredentialsAlive(const std::vector<const Principal*>& who);

  // The accounts locked out now, latest lock first (administrators; others 403
  // locks_admins_only). Locks of e-mail addresses that are no account are not listed.
  // The home tile counts this very list.
  Result<std::vector<LockedAccount>> LockedAccounts(const Principal& p);

  const AuthConfig& config() const { return config_; }

 private:
  bool AllowIp(const std::string& ip);
  // 429 too_many_attempts ("too many <what> from this address") when AllowIp refuses.
  Status Throttle(const Origin& origin, const char* what);
  // One counted attempt for the account and the address (see the rules above).
  struct Attempt {
    std::string account;  // SHA-256 of the normalised e-mail
    std::string pair_key, account_key;
    AttemptCount pair, all;
  };
  Result<Attempt> BeginAttempt(const std::string& normalised_email, const Origin& origin,
                               Millis now);
  Status FailAttempt(Stores& s, const Attempt& a, Millis now);
  Status ClearAttempt(Stores& s, const Attempt& a);

  Transactor& tx_;
  const Clock& clock_;
  AuthConfig config_;
  std::string dummy_hash_;  // verified against for unknown e-mails, to equalise timing
  std::mutex ip_mu_;
  std::unordered_map<std::string, std::pair<Millis, int>> ip_attempts_;
  Millis last_purge_ = 0;  // of old signin_failures rows; guarded by ip_mu_
};

}  // namespace renkei::domain
