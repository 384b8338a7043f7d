// The audit trail: who did what, when, from where. Rows are written in the same
// transaction as the change they describe, so there is no change without its row.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/status.h"
#include "domain/principal.h"

namespace renkei::domain {

// A value in an audit entry's detail: text, a whole number, a flag, a list of values, or
// an object of named values (in the order given). The domain says what happened with
// these; the store decides how it is written (storage serialises them as a JSON object
// with the one JSON writer), so no service can get an escape wrong.
class AuditValue;
using AuditFields = std::vector<std::pair<std::string, AuditValue>>;

class AuditValue {
 public:
  enum class Type { kText, kInteger, kBool, kList, kObject };

  AuditValue(std::string v) : type_(Type::kText), text_(std::move(v)) {}
  AuditValue(const char* v) : type_(Type::kText), text_(v) {}
  template <typename T,
            std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  AuditValue(T v) : type_(Type::kInteger), integer_(static_cast<std::int64_t>(v)) {}
  AuditValue(bool v) : type_(Type::kBool), integer_(v ? 1 : 0) {}
  AuditValue(std::vector<AuditValue> items) : type_(Type::kList), items_(std::move(items)) {}
  AuditValue(const std::vector<std::string>& texts) : type_(Type::kList) {
    for (const auto& t : texts) items_.emplace_back(t);
  }
  static AuditValue Object(AuditFields fields) {
    AuditValue v(Type::kObject);
    v.fields_ = std::move(fields);
    return v;
  }

  Type type() const { return type_; }
  const std::string& text() const { return text_; }
  std::int64_t integer() const { return integer_; }
  bool flag() const { return integer_ != 0; }
  const std::vector<AuditValue>& items() const { return items_; }
  const AuditFields& fields() const { return fields_; }

 private:
  explicit AuditValue(Type type) : type_(type) {}

  Type type_;
  std::string text_;
  std::int64_t integer_ = 0;
  std::vector<AuditValue> items_;
  AuditFields fields_;
};

// Who did what, when, from where — the part every entry has.
struct AuditHead {
  Millis at = 0;
  std::optional<UserId> actor;  // empty for failed sign-ins of unknown accounts, CLI
  std::string actor_label;      // e-mail, "cli" or "demo-data"
  std::string ip;               // the request's remote address (Actor, Origin); "" from the CLI
  std::string action;           // e.g. "session.create", "organisation.update"
  std::string target_type;      // e.g. "organisation"
  std::string target_id;
};

// An entry to append: what changed, as named values (empty: nothing more to say).
struct AuditEntry : AuditHead {
  AuditFields detail;
};

// An entry as the store lists it. `detail` is the detail as stored — the text of a JSON
// object, written by the store from AuditEntry::detail; the domain passes it through
// untouched and the HTTP layer embeds it in its answer as it is.
struct AuditRecord : AuditHead {
  std::int64_t id = 0;
  std::string detail;
  // The target's name when it is an organisation, a hub or a person ("" otherwise, and for
  // a target since deleted): what the audit log shows instead of its number.
  std::string target_name_ja;
  std::string target_name_en;
};

struct AuditFilter {
  std::string action_prefix;
  std::string target_type;
  std::string target_id;
  Millis since = 0;            // entries at or after this instant (0: all)
  std::int64_t before_id = 0;  // cursor: newest first
  int limit = 50;
};

// An entry for an action `actor` took: who (their user and e-mail) and from where.
inline AuditEntry AuditOf(const Actor& actor, Millis at, std::string action,
                          std::string target_type, std::int64_t target_id,
                          AuditFields detail = {}) {
  AuditEntry e;
  e.at = at;
  // None for a principal that is no account (the demo loader acting as an administrator).
  if (actor.principal.user_id.valid()) e.actor = actor.principal.user_id;
  e.actor_label = actor.principal.email;
  e.ip = actor.remote_address;
  e.action = std::move(action);
  e.target_type = std::move(target_type);
  e.target_id = std::to_string(target_id);
  e.detail = std::move(detail);
  return e;
}

// An entry for what a request from `origin` by nobody signed in did to an account (a
// sign-in, a mailed reset link): `account` is the user the given `email` names, if any;
// it is the actor and the target. No account: neither actor nor target id.
inline AuditEntry AuditOf(const Origin& origin, Millis at, std::optional<UserId> account,
                          std::string email, std::string action) {
  AuditEntry e;
  e.at = at;
  e.actor = account;
  e.actor_label = std::move(email);
  e.ip = origin.remote_address;
  e.action = std::move(action);
  e.target_type = "user";
  e.target_id = account ? std::to_string(account->value) : "";
  return e;
}

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  virtual Status Append(const AuditEntry& e) = 0;
  virtual Result<std::vector<AuditRecord>> List(const AuditFilter& f) = 0;
  // How many entries List would give over all its pages (the same WHERE; no cursor).
  virtual Result<std::int64_t> Count(const AuditFilter& f) = 0;
};

}  // namespace renkei::domain
