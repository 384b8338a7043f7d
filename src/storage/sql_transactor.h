// SqlTransactor: the domain's Transactor over a pool of database connections.
// Each Run() borrows a connection (waiting while all are busy), opens a transaction,
// binds the SQL stores to it, and commits on ok or rolls back on error. A connection
// that failed with `database_unavailable` is dropped and replaced on next use.
// Thread-safe.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "domain/transactor.h"
#include "storage/database.h"

namespace renkei::storage {

class SqlTransactor final : public domain::Transactor {
 public:
  SqlTransactor(std::unique_ptr<Database> db, size_t pool_size);
  ~SqlTransactor() override;

  Status Run(domain::TxMode mode, const std::function<Status(domain::Stores&)>& fn) override;
  const char* engine_name() const override { return EngineName(db_->engine()); }
  Database& database() { return *db_; }

  // Runs `fn` with a raw connection outside any transaction (migrations, bulk tools).
  Status WithConnection(const std::function<Status(Connection&)>& fn);

 private:
  Result<std::unique_ptr<Connection>> Acquire();
  void Release(std::unique_ptr<Connection> conn);

  std::unique_ptr<Database> db_;
  size_t pool_size_;
  size_t open_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace renkei::storage
