// Embedded, numbered, append-only migrations (invariant 3). Files live in
// src/storage/migrations/{sqlite,postgres}/NNNN_name.sql; both engines must have the
// same numbers. A migration, once applied, must never change: Migrate() stores each
// one's SHA-256 and refuses to run when an applied file was edited.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "storage/database.h"

namespace renkei::storage {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& pg_migrations();
const std::vector<Migration>& MigrationsFor(Engine e);

// Applies every migration not yet applied, each in its own transaction. Returns the
// number applied.
Result<int> Migrate(Connection& conn);
// Highest applied version (0 for an empty database).
Result<int> SchemaVersion(Connection& conn);

}  // namespace renkei::storage
