// Services own transactions (invariant 2). A Transactor runs a function against the
// stores bound to one database connection inside one transaction: committed when the
// function returns ok, rolled back otherwise, so an error never leaves a partial write.
#pragma once

#include <functional>

#include "core/status.h"

namespace renkei::domain {

// Each module's store interface, declared in its own header (<module>/<module>_store.h);
// a file that calls a store includes that store's header. Adding a module's store is one
// declaration and one member here.
class DirectoryStore;
class AuthStore;
class AuditStore;
class OutboxStore;
class SharingStore;
class ReportingStore;
class AssessmentStore;
class ExerciseStore;
class DeskStore;
class SurveyStore;
class CommunityStore;

struct Stores {
  DirectoryStore& directory;
  AuthStore& auth;
  AuditStore& audit;
  OutboxStore& outbox;
  SharingStore& sharing;
  ReportingStore& reporting;
  AssessmentStore& assessments;
  ExerciseStore& exercises;
  DeskStore& desk;
  SurveyStore& survey;
  CommunityStore& community;
};

// kRehearse: a write transaction that is rolled back however it ends, so a service can
// tell what a write would do (whom a publication reaches) by doing it and undoing it.
enum class TxMode { kRead, kWrite, kRehearse };

class Transactor {
 public:
  virtual ~Transactor() = default;
  virtual Status Run(TxMode mode, const std::function<Status(Stores&)>& fn) = 0;
  virtual const char* engine_name() const = 0;
};

}  // namespace renkei::domain
