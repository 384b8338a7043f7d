// AuthStore: credentials, sessions, API tokens and sign-in throttling state.
// Secrets (session ids, tokens) are stored as SHA-256 hashes only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/status.h"

namespace renkei::domain {

struct Credentials {
  UserId user_id;
  std::string password_hash;
  bool active = false;
};

struct Session {
  std::string id_hash;
  UserId user_id;
  std::string csrf_token;
  Millis created_at = 0;
  Millis last_seen_at = 0;
  Millis expires_at = 0;  // absolute expiry
  std::string ip;
  std::string user_agent;
};

struct ApiToken {
  TokenId id;
  UserId user_id;
  std::string name;
  std::string prefix;  // first characters, shown so people can tell tokens apart
  std::string hash;
  Millis created_at = 0;
  std::optional<Millis> expires_at;
  std::optional<Millis> last_used_at;
  std::optional<Millis> revoked_at;
};

// Sign-in attempts counted under one key (an account, or an account with a client
// address) inside a window.
struct AttemptCount {
  int failures = 0;
  Millis locked_until = 0;
};

// A count that holds a lock in force (key as CountAttempt's: "a:<account>" or
// "p:<account>:<address>").
struct AttemptLock {
  std::string key;
  int failures = 0;
  Millis locked_until = 0;
};

// An account as the lockout list names it: `email` is the normalised sign-in address.
struct AccountName {
  UserId user_id;
  std::string email, display_name, org_name_ja, org_name_en;
};

// A password reset: a one-time link mailed to the user (docs/security.md).
struct PasswordReset {
  std::int64_t id = 0;
  UserId user_id;
  std::string token_hash;
  UserId created_by;
  std::string reason;
  Millis created_at = 0;
  Millis expires_at = 0;
  std::optional<Millis> used_at;
  std::string mail_secret;  // until mailed (or superseded, used); then ""
};

class AuthStore {
 public:
  virtual ~AuthStore() = default;
  virtual Result<std::optional<Credentials>> GetCredentials(
      const std::string& normalised_email) = 0;
  virtual Result<std::optional<Credentials>> GetCredentialsById(UserId id) = 0;
  virtual Status RecordSuccess(UserId id, Millis at) = 0;
  virtual Status SetPasswordHash(UserId id, const std::string& hash) = 0;

  virtual Status CreateSession(const Session& s) = 0;
  virtual Result<std::optional<Session>> GetSession(const std::string& id_hash) = 0;
  virtual Status TouchSession(const std::string& id_hash, Millis at) = 0;
  virtual Status DeleteSession(const std::string& id_hash) = 0;
  virtual Status DeleteSessionsOfUser(UserId id) = 0;
  // Ends every session of the user except `keep_hash` (the one making the change).
  virtual Status DeleteOtherSessions(UserId id, const std::string& keep_hash) = 0;

  virtual Result<TokenId> CreateToken(const ApiToken& t) = 0;
  virtual Result<std::vector<ApiToken>> ListTokens(UserId user) = 0;
  virtual Result<std::optional<ApiToken>> GetTokenByHash(const std::string& hash) = 0;
  // Marks the token revoked; false when it does not exist for this user or is already revoked.
  virtual Result<bool> RevokeToken(TokenId id, UserId user, Millis at) = 0;
  virtual Status TouchToken(TokenId id, Millis at) = 0;
  // Revokes every token of the user not yet revoked; returns how many.
  virtual Result<std::int64_t> RevokeTokensOfUser(UserId user, Millis at) = 0;

  // Counts one attempt under `key` atomically: failures since `window_start` plus this
  // one (an older count starts again at 1), with the lock in force.
  virtual Result<AttemptCount> CountAttempt(const std::string& key, Millis now,
                                            Millis window_start) = 0;
  virtual Status LockAttempts(const std::string& key, Millis until) = 0;
  // Removes counts that started before `before` and hold no lock after it.
  virtual Status PurgeAttempts(Millis before) = 0;
  // The counts whose lock is in force at `now`.
  virtual Result<std::vector<AttemptLock>> ListLocks(Millis now) = 0;
  // Every account (active or not) with its organisation's name.
  virtual Result<std::vector<AccountName>> ListAccountNames() = 0;
  // Clears every count of the account ("a:<account>" and "p:<account>:…").
  virtual Status ClearAttempts(const std::string& account) = 0;

  // Creating a reset ends the user's earlier unused ones (their unsent mail with them);
  // returns its id.
  virtual Result<std::int64_t> CreatePasswordReset(const PasswordReset& r) = 0;
  virtual Result<std::optional<PasswordReset>> GetPasswordReset(const std::string& token_hash) = 0;
  virtual Result<std::optional<PasswordReset>> GetPasswordResetById(std::int64_t id) = 0;
  // Marks it used if it is unused and unexpired at `at`; false otherwise (atomic).
  virtual Result<bool> UsePasswordReset(std::int64_t id, Millis at) = 0;
  // Its mail is done (sent at `mailed_at`, or never sendable): the secret is cleared.
  virtual Status CloseResetMail(std::int64_t id, std::optional<Millis> mailed_at) = 0;
};

}  // namespace renkei::domain
