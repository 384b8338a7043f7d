#include <string>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/error_codes.h"
#include "storage/migrations/migrations.h"

namespace renkei::storage {

const std::vector<Migration>& MigrationsFor(Engine e) {
  return e == Engine::kSqlite ? sqlite_migrations() : pg_migrations();
}

namespace {
Status EnsureTable(Connection& conn) {
  return conn.ExecScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
      "NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)");
}
}  // namespace

Result<int> SchemaVersion(Connection& conn) {
  RENKEI_RETURN_IF_ERROR(EnsureTable(conn));
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, conn.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {}));
  return static_cast<int>(rows.at(0).i64(0));
}

Result<int> Migrate(Connection& conn, int up_to) {
  RENKEI_RETURN_IF_ERROR(EnsureTable(conn));
  RENKEI_ASSIGN_OR_RETURN(auto applied,
                          conn.Query("SELECT version, checksum FROM schema_migrations", {}));
  const auto& list = MigrationsFor(conn.engine());
  int count = 0;
  for (const Migration& m : list) {
    if (m.version > up_to) break;
    const std::string checksum = Sha256Hex(m.sql);
    bool done = false;
    for (const Row& r : applied) {
      if (r.i64(0) == m.version) {
        if (r.str(1) != checksum) {
          return err::MigrationEdited(m.name);
        }
        done = true;
      }
    }
    if (done) continue;
    RENKEI_RETURN_IF_ERROR(conn.Begin(true));
    Status st = conn.ExecScript(m.sql);
    if (st.ok()) {
      auto ins = conn.Exec(
          "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, "
          "$4)",
          {std::int64_t{m.version}, std::string(m.name), checksum, SystemClock().now_ms()});
      st = ins.status();
    }
    if (!st.ok()) {
      (void)conn.Rollback();
      return err::Internal().with_note("migration " + std::string(m.name) +
                                       " failed: " + st.Describe());
    }
    RENKEI_RETURN_IF_ERROR(conn.Commit());
    ++count;
  }
  return count;
}

}  // namespace renkei::storage
