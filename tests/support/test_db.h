// Fresh databases for tests: a new SQLite file, or the PostgreSQL server named by
// RENKEI_TEST_PG_URL with its public schema dropped and recreated. Both migrated.
#pragma once

#include <memory>
#include <string>

#include "storage/sql_transactor.h"

namespace renkei::testing {

// "sqlite" or "postgresql".
std::string PgUrl();  // "" when RENKEI_TEST_PG_URL is not set
// True when RENKEI_REQUIRE_PG is set: a missing PostgreSQL is then a failure, not a skip.
bool PgRequired();
// A fresh, migrated database of the engine; aborts the test on failure.
std::unique_ptr<storage::SqlTransactor> FreshDatabase(const std::string& engine);
// Database URL for a fresh database (the SQLite file is new; PostgreSQL schema reset).
std::string FreshDatabaseUrl(const std::string& engine);
// One Argon2id hash of kTestPassword, computed once (hashing is deliberately slow).
extern const char kTestPassword[];
const std::string& TestPasswordHash();

}  // namespace renkei::testing
