// What every export of a list shares in the domain: the bound on its rows and the audit
// entry that says who exported what. The list is read by its own service with the list's
// own access rule, and the entry is appended in that same transaction (invariant 2); the
// file itself is written by the HTTP layer (http/export.h), one writer for every list.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "domain/audit/audit.h"

namespace renkei::domain {

// At most this many rows leave in one file (a national alert reaches ~7,500 people; the
// audit log is cut to its newest rows matching the filter, and the reply says it was cut).
inline constexpr std::size_t kMaxExportRows = 50000;

// How an export was asked for: the file format ("csv", "xlsx") and the filter as the
// caller gave it, to be recorded.
struct ExportRequest {
  std::string format;
  AuditFields filter;
};

// "export.<list>" on the list's subject (an item, a sector; none for the audit log), with
// the format, the rows written, whether they were cut at kMaxExportRows, and the filter.
inline AuditEntry ExportAuditOf(const Actor& actor, Millis at, const std::string& list,
                                std::string target_type, std::string target_id,
                                const ExportRequest& req, std::size_t rows, bool truncated) {
  AuditEntry e;
  e.at = at;
  if (actor.principal.user_id.valid()) e.actor = actor.principal.user_id;
  e.actor_label = actor.principal.email;
  e.ip = actor.remote_address;
  e.action = "export." + list;
  e.target_type = std::move(target_type);
  e.target_id = std::move(target_id);
  e.detail = {{"format", req.format},
              {"rows", static_cast<std::int64_t>(rows)},
              {"truncated", truncated},
              {"filter", AuditValue::Object(req.filter)}};
  return e;
}

}  // namespace renkei::domain
