#include "storage/sql_transactor.h"

#include "storage/stores/sql_stores.h"

namespace renkei::storage {

SqlTransactor::SqlTransactor(std::unique_ptr<Database> db, size_t pool_size)
    : db_(std::move(db)), pool_size_(pool_size == 0 ? 1 : pool_size) {}

SqlTransactor::~SqlTransactor() = default;

Result<std::unique_ptr<Connection>> SqlTransactor::Acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !idle_.empty() || open_ < pool_size_; });
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return conn;
  }
  ++open_;
  lock.unlock();
  auto conn = db_->Connect();
  if (!conn.ok()) {
    std::lock_guard relock(mu_);
    --open_;
    cv_.notify_one();
  }
  return conn;
}

void SqlTransactor::Release(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mu_);
  if (conn) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
  cv_.notify_one();
}

Status SqlTransactor::WithConnection(const std::function<Status(Connection&)>& fn) {
  RENKEI_ASSIGN_OR_RETURN(auto conn, Acquire());
  Status st = fn(*conn);
  Release(st.kind() == Kind::kUnavailable ? nullptr : std::move(conn));
  return st;
}

Status SqlTransactor::Run(domain::TxMode mode, const std::function<Status(domain::Stores&)>& fn) {
  return WithConnection([&](Connection& conn) -> Status {
    RENKEI_RETURN_IF_ERROR(conn.Begin(mode != domain::TxMode::kRead));
    SqlDirectoryStore directory(conn);
    SqlAuthStore auth(conn);
    SqlAuditStore audit(conn);
    SqlOutboxStore outbox(conn);
    SqlSharingStore sharing(conn);
    SqlReportingStore reporting(conn);
    SqlAssessmentStore assessments(conn);
    SqlExerciseStore exercises(conn);
    SqlDeskStore desk(conn);
    SqlSurveyStore survey(conn);
    SqlCommunityStore community(conn);
    domain::Stores stores{directory,   auth,      audit, outbox, sharing,  reporting,
                          assessments, exercises, desk,  survey, community};
    Status st = fn(stores);
    if (st.ok() && mode != domain::TxMode::kRehearse) st = conn.Commit();
    if (!st.ok() || mode == domain::TxMode::kRehearse) {
      const Status rolled_back = conn.Rollback();
      if (st.ok()) st = rolled_back;
    }
    return st;
  });
}

}  // namespace renkei::storage
