// AuditService: reading the audit trail (administrators only; others get 403).
#pragma once

#include <vector>

#include "core/error_codes.h"
#include "domain/audit/audit.h"
#include "domain/principal.h"
#include "domain/transactor.h"

namespace renkei::domain {

class AuditService {
 public:
  explicit AuditService(Transactor& tx) : tx_(tx) {}
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

 private:
  Transactor& tx_;
};

}  // namespace renkei::domain
