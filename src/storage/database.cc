#include "storage/database.h"

#include <charconv>
#include <cstdio>

#include "core/error_codes.h"
#include "storage/postgres/pg_database.h"
#include "storage/sqlite/sqlite_database.h"

namespace renkei::storage {

const char* EngineName(Engine e) { return e == Engine::kSqlite ? "sqlite" : "postgresql"; }

bool Row::is_null(size_t col) const { return std::holds_alternative<std::nullptr_t>(cells_[col]); }

std::int64_t Row::i64(size_t col) const {
  const Value& v = cells_[col];
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    if (*s == "t") return 1;  // PostgreSQL boolean text form
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

double Row::f64(size_t col) const {
  const Value& v = cells_[col];
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (auto* s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  return 0;
}

std::string Row::str(size_t col) const {
  const Value& v = cells_[col];
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return {};
}

std::string Row::take(size_t col) {
  if (auto* s = std::get_if<std::string>(&cells_[col])) return std::move(*s);
  return str(col);
}

std::optional<std::int64_t> Row::opt_i64(size_t col) const {
  if (is_null(col)) return std::nullopt;
  return i64(col);
}

std::optional<std::string> Row::opt_str(size_t col) const {
  if (is_null(col)) return std::nullopt;
  return str(col);
}

std::string SqliteSql(std::string_view sql) {
  // SQLite has no row locks: its write transaction (BEGIN IMMEDIATE) already holds the
  // database's only write lock, so a claim inside one is exclusive without the clause.
  static constexpr std::string_view kSkipLocked = " FOR UPDATE SKIP LOCKED";
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out += '?';
      continue;
    } else if (c == ' ' && sql.substr(i, kSkipLocked.size()) == kSkipLocked) {
      i += kSkipLocked.size() - 1;
      continue;
    }
    out += c;
  }
  return out;
}

Status ConflictStatus(std::string message) {
  // The engine's text names tables and columns: it goes to the log, never to a client.
  std::fprintf(stderr, "renkei: constraint: %s\n", message.c_str());
  return err::Conflict().with_note(std::move(message));
}

Result<std::unique_ptr<Database>> OpenDatabase(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);
    if (path.empty() || path == ":memory:") {
      return err::SqliteNeedsPath().with_field("db");
    }
    return std::unique_ptr<Database>(new SqliteDatabase(path));
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return std::unique_ptr<Database>(new PgDatabase(url));
  }
  return err::InvalidDbUrl().with_field("db");
}

}  // namespace renkei::storage
