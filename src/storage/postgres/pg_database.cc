#include "storage/postgres/pg_database.h"

#include <libpq-fe.h>

#include <cstdio>
#include <unordered_map>

#include "core/error_codes.h"

namespace renkei::storage {
namespace {

// Type OIDs from pg_type.h (stable across releases).
constexpr Oid kInt8Oid = 20;
constexpr Oid kTextOid = 25;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kBoolOid = 16;

Status PgResultError(PGresult* res, std::string_view what) {
  const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
  std::string msg = std::string(what) + ": " + PQresultErrorMessage(res);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  const std::string sqlstate = state ? state : "";
  if (sqlstate == "23505" || sqlstate == "23503") return ConflictStatus(msg);
  if (sqlstate.rfind("08", 0) == 0 || sqlstate == "57P01") {
    return err::DatabaseUnavailable().with_note(std::move(msg));
  }
  return err::Internal().with_note(std::move(msg));
}

class PgConnection final : public Connection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override { PQfinish(conn_); }

  Engine engine() const override { return Engine::kPostgres; }

  Result<std::vector<Row>> Query(std::string_view sql, const Params& params) override {
    std::vector<Row> rows;
    RENKEI_RETURN_IF_ERROR(Run(sql, params, &rows, nullptr));
    return rows;
  }

  Result<std::int64_t> Exec(std::string_view sql, const Params& params) override {
    std::int64_t changed = 0;
    RENKEI_RETURN_IF_ERROR(Run(sql, params, nullptr, &changed));
    return changed;
  }

  Status ExecScript(std::string_view sql) override {
    const std::string text(sql);
    PGresult* res = PQexec(conn_, text.c_str());
    const auto st = PQresultStatus(res);
    Status out = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) ? Status::Ok()
                                                                   : PgResultError(res, "script");
    PQclear(res);
    return out;
  }

  // Reads run in autocommit: under READ COMMITTED every statement takes its own snapshot
  // even inside a transaction, so BEGIN/COMMIT around reads would only add two round trips.
  Status Begin(bool write) override {
    in_tx_ = write;
    return write ? ExecScript("BEGIN") : Status::Ok();
  }
  Status Commit() override { return EndTx("COMMIT"); }
  Status Rollback() override { return EndTx("ROLLBACK"); }

 private:
  Status Run(std::string_view sql, const Params& params, std::vector<Row>* rows,
             std::int64_t* changed) {
    std::vector<Oid> types(params.size());
    std::string key(sql);
    key += '\x1f';
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (std::holds_alternative<std::int64_t>(v)) {
        types[i] = kInt8Oid;
      } else if (std::holds_alternative<double>(v)) {
        types[i] = kFloat8Oid;
      } else if (std::holds_alternative<std::string>(v)) {
        types[i] = kTextOid;
      } else {
        types[i] = 0;  // NULL: let the server infer
      }
      key += static_cast<char>('0' + (types[i] % 64));
    }
    auto it = prepared_.find(key);
    if (it == prepared_.end()) {
      const std::string name = "s" + std::to_string(prepared_.size() + 1);
      const std::string text(sql);
      PGresult* res = PQprepare(conn_, name.c_str(), text.c_str(), static_cast<int>(types.size()),
                                types.data());
      if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        Status st = PgResultError(res, "prepare");
        PQclear(res);
        return st;
      }
      PQclear(res);
      it = prepared_.emplace(std::move(key), name).first;
    }
    std::vector<std::string> text_values(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (auto* n = std::get_if<std::int64_t>(&v)) {
        text_values[i] = std::to_string(*n);
      } else if (auto* d = std::get_if<double>(&v)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", *d);
        text_values[i] = buf;
      } else if (auto* s = std::get_if<std::string>(&v)) {
        text_values[i] = *s;
      } else {
        continue;
      }
      values[i] = text_values[i].c_str();
    }
    PGresult* res = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()),
                                   values.data(), nullptr, nullptr, 0);
    const auto st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      Status err = PgResultError(res, "query");
      PQclear(res);
      return err;
    }
    if (changed) {
      const char* tuples = PQcmdTuples(res);
      *changed = (tuples && *tuples) ? std::atoll(tuples) : 0;
    }
    if (rows) {
      const int nrows = PQntuples(res);
      const int ncols = PQnfields(res);
      rows->reserve(static_cast<size_t>(nrows));
      for (int r = 0; r < nrows; ++r) {
        std::vector<Value> cells;
        cells.reserve(static_cast<size_t>(ncols));
        for (int c = 0; c < ncols; ++c) {
          if (PQgetisnull(res, r, c)) {
            cells.emplace_back(nullptr);
          } else if (PQftype(res, c) == kBoolOid) {
            cells.emplace_back(static_cast<std::int64_t>(PQgetvalue(res, r, c)[0] == 't'));
          } else {
            cells.emplace_back(
                std::string(PQgetvalue(res, r, c), static_cast<size_t>(PQgetlength(res, r, c))));
          }
        }
        rows->emplace_back(std::move(cells));
      }
    }
    PQclear(res);
    return Status::Ok();
  }

  Status EndTx(const char* sql) {
    if (!in_tx_) return Status::Ok();
    in_tx_ = false;
    return ExecScript(sql);
  }

  PGconn* conn_;
  bool in_tx_ = false;
  std::unordered_map<std::string, std::string> prepared_;
};

}  // namespace

Result<std::unique_ptr<Connection>> PgDatabase::Connect() {
  PGconn* conn = PQconnectdb(url_.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    PQfinish(conn);
    return err::DatabaseUnavailable().with_note("postgresql connect: " + msg);
  }
  auto c = std::make_unique<PgConnection>(conn);
  RENKEI_RETURN_IF_ERROR(c->ExecScript("SET client_min_messages = warning; SET TIME ZONE 'UTC'"));
  return std::unique_ptr<Connection>(std::move(c));
}

}  // namespace renkei::storage
