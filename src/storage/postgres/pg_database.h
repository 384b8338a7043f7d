// PostgreSQL implementation of the database seam over libpq: statements are prepared
// once per connection (named by a counter) and executed with typed text parameters.
#pragma once

#include <string>

#include "storage/database.h"

namespace renkei::storage {

class PgDatabase final : public Database {
 public:
  explicit PgDatabase(std::string url) : url_(std::move(url)) {}
  Engine engine() const override { return Engine::kPostgres; }
  Result<std::unique_ptr<Connection>> Connect() override;

 private:
  std::string url_;
};

}  // namespace renkei::storage
