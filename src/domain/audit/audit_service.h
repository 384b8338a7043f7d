// AuditService: reading the audit trail (administrators only; others get 403).
#pragma once

#include <vector>

#include "core/clock.h"
#include "core/error_codes.h"
#include "domain/audit/audit.h"
#include "domain/export.h"
#include "domain/principal.h"
#include "domain/transactor.h"

namespace renkei::domain {

class AuditService {
 public:
  // `clock` stamps the entries of exports (none: the system clock).
  explicit AuditService(Transactor& tx, const Clock* clock = nullptr) : tx_(tx), clock_(clock) {}
  Result<std::vector<AuditRecord>> List(const Principal& p, AuditFilter filter) {
    if (!p.is_admin()) return err::AuditAdminsOnly();
    filter.limit = filter.limit < 1 ? 1 : (filter.limit > 200 ? 200 : filter.limit);
    std::vector<AuditRecord> out;
    RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(out, s.audit.List(filter));
      return Status::Ok();
    }));
    return out;
  }

  // How many entries List gives for `filter` over all its pages (the home tile of sign-in
  // failures counts the list it opens with this).
  Result<std::int64_t> Count(const Principal& p, AuditFilter filter) {
    if (!p.is_admin()) return err::AuditAdminsOnly();
    filter.before_id = 0;
    std::int64_t n = 0;
    RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(n, s.audit.Count(filter));
      return Status::Ok();
    }));
    return n;
  }

  // The entries matching `filter` from its cursor on, newest first, at most kMaxExportRows
  // (`truncated` says there were more), for the same callers as List; the export's own
  // entry is appended in the same transaction (after the rows were read: it is not in them).
  Result<std::vector<AuditRecord>> Export(const Actor& actor, AuditFilter filter,
                                          const ExportRequest& req, bool& truncated) {
    if (!actor.principal.is_admin()) return err::AuditAdminsOnly();
    static const SystemClock system;
    const Millis now = (clock_ ? *clock_ : static_cast<const Clock&>(system)).now_ms();
    std::vector<AuditRecord> out;
    truncated = false;
    RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
      filter.limit = 1000;
      for (;;) {
        RENKEI_ASSIGN_OR_RETURN(auto page, s.audit.List(filter));
        const bool last = page.size() < static_cast<size_t>(filter.limit);
        for (auto& e : page) {
          if (out.size() == kMaxExportRows) {
            truncated = true;
            break;
          }
          out.push_back(std::move(e));
        }
        if (last || truncated || out.empty()) break;
        filter.before_id = out.back().id;
      }
      return s.audit.Append(ExportAuditOf(actor, now, "audit", "", "", req, out.size(), truncated));
    }));
    return out;
  }

 private:
  Transactor& tx_;
  const Clock* clock_;
};

}  // namespace renkei::domain
