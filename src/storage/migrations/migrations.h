// Embedded, numbered, append-only migrations (invariant 3). One source per number,
// src/storage/migrations/NNNN_name.sql, with the dialect differences written as tokens
// ({{id}}) that embed.cmake fills in per engine; NNNN_name.sqlite.sql / .postgres.sql
// replace it for one engine where the engines really differ. A migration, once applied,
// must never change: Migrate() stores the SHA-256 of the text embedded for its engine and
// refuses to run when an applied migration hashes differently.
#pragma once

#include <limits>
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

// Applies every migration not yet applied (up to version `up_to`: tests build the schema
// an older binary left), each in its own transaction. Returns the number applied.
Result<int> Migrate(Connection& conn, int up_to = std::numeric_limits<int>::max());
// Highest applied version (0 for an empty database).
Result<int> SchemaVersion(Connection& conn);

}  // namespace renkei::storage
