// The database seam: the only place the two engines differ.
//
// SQL is written once, PostgreSQL-style, with numbered placeholders `$1, $2, …`; the
// SQLite connection rewrites them to `?1, ?2, …` and drops ` FOR UPDATE SKIP LOCKED`
// (a queue claim: PostgreSQL skips rows another claimer holds; on SQLite the write
// transaction is already exclusive). Both rewrites are SqliteSql's, nowhere else. Every statement
// is prepared and bound (no string concatenation of values, ever) and cached per connection. A
// Connection is used by one thread at a time; a Database hands out connections and is thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"

namespace renkei::storage {

enum class Engine { kSqlite, kPostgres };
const char* EngineName(Engine e);

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using Params = std::vector<Value>;

// One result row. Cells arrive as native values (SQLite) or text (PostgreSQL); the
// getters convert, so store code reads the same way on both engines.
class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  bool is_null(size_t col) const;
  std::int64_t i64(size_t col) const;  // 0 for NULL
  double f64(size_t col) const;
  std::string str(size_t col) const;  // "" for NULL
  std::string take(size_t col);       // like str(), but moves a text cell out
  std::optional<std::int64_t> opt_i64(size_t col) const;
  std::optional<std::string> opt_str(size_t col) const;
  size_t size() const { return cells_.size(); }

 private:
  std::vector<Value> cells_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Engine engine() const = 0;
  // Runs one statement and returns its rows (also for INSERT … RETURNING).
  virtual Result<std::vector<Row>> Query(std::string_view sql, const Params& params) = 0;
  // Runs one statement; returns the number of rows it changed.
  virtual Result<std::int64_t> Exec(std::string_view sql, const Params& params) = 0;
  // Runs several statements without parameters (migrations only).
  virtual Status ExecScript(std::string_view sql) = 0;
  // `write` takes the write lock up front on SQLite (BEGIN IMMEDIATE) so two writers
  // never deadlock on a lock upgrade.
  virtual Status Begin(bool write) = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Engine engine() const = 0;
  virtual Result<std::unique_ptr<Connection>> Connect() = 0;
};

// "sqlite:PATH" (PATH may be relative; ":memory:" is refused because each connection
// would get its own empty database) or "postgresql://…" / "postgres://…".
Result<std::unique_ptr<Database>> OpenDatabase(const std::string& url);

// An optional instant as a bound value (NULL when empty).
inline Value OptMillis(const std::optional<std::int64_t>& v) {
  return v ? Value(*v) : Value(nullptr);
}

// Helpers shared by the engines.
// $N -> ?N and " FOR UPDATE SKIP LOCKED" dropped, outside quotes.
std::string SqliteSql(std::string_view pg_style_sql);
Status ConflictStatus(std::string message);  // unique/foreign-key violation

}  // namespace renkei::storage
