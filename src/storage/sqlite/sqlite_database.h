// SQLite implementation of the database seam: WAL mode, foreign keys on, a busy
// timeout so concurrent writers wait instead of failing, statements cached per connection.
#pragma once

#include <string>

#include "storage/database.h"

namespace renkei::storage {

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(std::string path) : path_(std::move(path)) {}
  Engine engine() const override { return Engine::kSqlite; }
  Result<std::unique_ptr<Connection>> Connect() override;

 private:
  std::string path_;
};

}  // namespace renkei::storage
