// The audit trail: who did what, when, from where. Rows are written in the same
// transaction as the change they describe, so there is no change without its row.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/status.h"
#include "domain/principal.h"

namespace renkei::domain {

struct AuditEntry {
  std::int64_t id = 0;
  Millis at = 0;
  std::optional<UserId> actor;  // empty for failed sign-ins of unknown accounts, CLI
  std::string actor_label;      // e-mail or "cli"
  std::string ip;
  std::string action;       // e.g. "session.create", "organisation.update"
  std::string target_type;  // e.g. "organisation"
  std::string target_id;
  std::string detail = "{}";  // short JSON object text describing the change
};

struct AuditFilter {
  std::string action_prefix;
  std::string target_type;
  std::string target_id;
  std::int64_t before_id = 0;  // cursor: newest first
  int limit = 50;
};

// An entry for an action `p` took.
inline AuditEntry AuditOf(const Principal& p, Millis at, const std::string& ip, std::string action,
                          std::string target_type, std::int64_t target_id,
                          std::string detail = "{}") {
  AuditEntry e;
  e.at = at;
  e.actor = p.user_id;
  e.actor_label = p.email;
  e.ip = ip;
  e.action = std::move(action);
  e.target_type = std::move(target_type);
  e.target_id = std::to_string(target_id);
  e.detail = std::move(detail);
  return e;
}

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  virtual Status Append(const AuditEntry& e) = 0;
  virtual Result<std::vector<AuditEntry>> List(const AuditFilter& f) = 0;
};

}  // namespace renkei::domain
