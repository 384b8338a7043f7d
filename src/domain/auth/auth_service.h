// AuthService: sign-in with Argon2id, sessions (HttpOnly cookie + CSRF token),
// API tokens for machine clients, password changes, throttling and lockout.
//
// Rules (documented in docs/security.md):
// - A session lasts at most `session_ttl` and ends after `idle_timeout` without use.
// - `max_failures` consecutive wrong passwords lock the account for `lockout`
//   (429 signin_locked, even with the right password); a success resets the count.
// - Each client IP may try at most `ip_attempts` sign-ins per `ip_window` (429).
// - Wrong e-mail and wrong password answer the same 401 in about the same time.
// - Changing one's password ends one's other sessions.
// Thread-safe: the per-IP counters are guarded; everything else is in the database.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "domain/auth/auth_store.h"
#include "domain/principal.h"
#include "domain/transactor.h"

namespace renkei::domain {

struct AuthConfig {
  Millis session_ttl = 12LL * 3600 * 1000;
  Millis idle_timeout = 2LL * 3600 * 1000;
  int max_failures = 5;
  Millis lockout = 15LL * 60 * 1000;
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

// Password rules shared by every place that sets one.
Status CheckPasswordRules(const std::string& password, const std::string& field);

// Loads the principal for an active user (roles, organisation, hubs run); nullopt when
// the user does not exist or is deactivated.
Result<std::optional<Principal>> LoadPrincipal(Stores& s, UserId id);

class AuthService {
 public:
  AuthService(Transactor& tx, const Clock& clock, AuthConfig config = {});

  Result<SignInResult> SignIn(const std::string& email, const std::string& password,
                              const std::string& ip, const std::string& user_agent);
  // 401 `session_expired` for an expired or unknown session.
  Result<Principal> ResolveSession(const std::string& session_token);
  Result<Principal> ResolveToken(const std::string& bearer_secret);
  Status SignOut(const Principal& p, const std::string& ip);

  Result<NewToken> CreateToken(const Principal& p, const std::string& name,
                               std::optional<Millis> expires_at, const std::string& ip);
  Result<std::vector<ApiToken>> ListTokens(const Principal& p);
  Status RevokeToken(const Principal& p, TokenId id, const std::string& ip);

  Status ChangePassword(const Principal& p, const std::string& current, const std::string& next,
                        const std::string& ip);

  const AuthConfig& config() const { return config_; }

 private:
  bool AllowIp(const std::string& ip);

  Transactor& tx_;
  const Clock& clock_;
  AuthConfig config_;
  std::string dummy_hash_;  // verified against for unknown e-mails, to equalise timing
  std::mutex ip_mu_;
  std::unordered_map<std::string, std::pair<Millis, int>> ip_attempts_;
};

}  // namespace renkei::domain
