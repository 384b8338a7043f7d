// Services own transactions (invariant 2). A Transactor runs a function against the
// stores bound to one database connection inside one transaction: committed when the
// function returns ok, rolled back otherwise, so an error never leaves a partial write.
#pragma once

#include <functional>

#include "core/status.h"
#include "domain/assessment/assessment_store.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth_store.h"
#include "domain/directory/directory_store.h"
#include "domain/outbox/outbox_store.h"
#include "domain/reporting/reporting_store.h"
#include "domain/sharing/sharing_store.h"

namespace renkei::domain {

struct Stores {
  DirectoryStore& directory;
  AuthStore& auth;
  AuditStore& audit;
  OutboxStore& outbox;
  SharingStore& sharing;
  ReportingStore& reporting;
  AssessmentStore& assessments;
};

enum class TxMode { kRead, kWrite };

class Transactor {
 public:
  virtual ~Transactor() = default;
  virtual Status Run(TxMode mode, const std::function<Status(Stores&)>& fn) = 0;
  virtual const char* engine_name() const = 0;
};

}  // namespace renkei::domain
