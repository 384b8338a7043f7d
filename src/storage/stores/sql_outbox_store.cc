#include <algorithm>
#include <tuple>

#include "storage/stores/sql_stores.h"

namespace renkei::storage {

using domain::OutboxRow;

namespace {

constexpr const char* kColumns =
    "id, subject_kind, subject_id, subject_version, kind, user_id, created_at, not_before, "
    "attempts, claimed_at";

OutboxRow FromRow(Row& r) {
  OutboxRow o;
  o.id = r.i64(0);
  o.subject_kind = r.take(1);
  o.subject_id = r.i64(2);
  o.subject_version = static_cast<int>(r.i64(3));
  o.kind = r.take(4);
  o.user_id = UserId(r.i64(5));
  o.created_at = r.i64(6);
  o.not_before = r.i64(7);
  o.attempts = static_cast<int>(r.i64(8));
  o.claimed_at = r.i64(9);
  return o;
}

}  // namespace

Result<std::int64_t> SqlOutboxStore::Enqueue(const OutboxRow& o) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO outbox (subject_kind, subject_id, subject_version, kind, user_id, "
               "created_at, not_before) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
               {o.subject_kind, o.subject_id, std::int64_t{o.subject_version}, o.kind,
                o.user_id.value, o.created_at, o.not_before}));
  return rows.at(0).i64(0);
}

Result<std::vector<OutboxRow>> SqlOutboxStore::Claim(Millis now, Millis stale_before, int limit,
                                                     const std::vector<std::string>& kinds) {
  if (kinds.empty()) return std::vector<OutboxRow>();
  Params p{now, stale_before, std::int64_t{limit}};
  std::string in;
  for (const auto& k : kinds) {
    p.push_back(k);
    in += (in.empty() ? "$" : ", $") + std::to_string(p.size());
  }
  // Rows another claimer holds locked are skipped, not waited for (several processes
  // share the table; on SQLite the write transaction is exclusive anyway and the seam
  // drops the locking clause). Oldest due first; a user's rows due at the same time
  // (the morning digest) next to each other.
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("WITH due AS MATERIALIZED (SELECT id FROM outbox WHERE sent_at IS NULL AND "
               "not_before <= $1 AND (claimed_at IS NULL OR claimed_at < $2) AND kind IN (" +
                   in +
                   ") ORDER BY not_before, user_id, id LIMIT $3 FOR UPDATE SKIP LOCKED) "
                   "UPDATE outbox SET claimed_at = $1, attempts = attempts + 1 WHERE id IN "
                   "(SELECT id FROM due) RETURNING " +
                   kColumns,
               p));
  std::vector<OutboxRow> out;
  out.reserve(rows.size());
  for (Row& r : rows) out.push_back(FromRow(r));
  std::sort(out.begin(), out.end(), [](const OutboxRow& a, const OutboxRow& b) {
    return std::tie(a.not_before, a.user_id.value, a.id) <
           std::tie(b.not_before, b.user_id.value, b.id);
  });
  return out;
}

Status SqlOutboxStore::MarkDone(const std::vector<OutboxRow>& rows, Millis at,
                                const std::string& note) {
  // A statement per chunk of ids, not per row (the demo load marks tens of thousands of
  // rows of its past sent); every chunk has the one shape, a short last one repeating its
  // last id.
  constexpr size_t kChunk = 100;
  static const std::string sql = [] {
    std::string s =
        "UPDATE outbox SET sent_at = $1, last_error = $2 WHERE sent_at IS NULL AND id IN (";
    for (size_t i = 0; i < kChunk; ++i) s += (i ? ", $" : "$") + std::to_string(i + 3);
    return s + ")";
  }();
  const std::string text = note.substr(0, 500);
  for (size_t from = 0; from < rows.size(); from += kChunk) {
    Params p{at, text};
    for (size_t i = 0; i < kChunk; ++i) p.push_back(rows[std::min(from + i, rows.size() - 1)].id);
    RENKEI_RETURN_IF_ERROR(c_.Exec(sql, p).status());
  }
  return Status::Ok();
}

Status SqlOutboxStore::MarkFailed(const std::vector<OutboxRow>& rows, const std::string& error,
                                  Millis retry_at) {
  for (const auto& o : rows) {
    RENKEI_RETURN_IF_ERROR(
        c_.Exec("UPDATE outbox SET claimed_at = NULL, not_before = $3, last_error = $2 "
                "WHERE id = $1 AND claimed_at = $4 AND sent_at IS NULL",
                {o.id, error.substr(0, 500), retry_at, o.claimed_at})
            .status());
  }
  return Status::Ok();
}

Status SqlOutboxStore::Release(const std::vector<OutboxRow>& rows) {
  for (const auto& o : rows) {
    RENKEI_RETURN_IF_ERROR(c_.Exec("UPDATE outbox SET claimed_at = NULL, attempts = attempts - 1 "
                                   "WHERE id = $1 AND claimed_at = $2 AND sent_at IS NULL",
                                   {o.id, o.claimed_at})
                               .status());
  }
  return Status::Ok();
}

namespace {
// The filter List and Count share, one fixed fragment per state so that each reads its own
// index instead of the whole outbox (sent rows stay for the record and outnumber the rest):
// due — not sent and its time has come (`outbox_due`); failed — the last try failed and it is
// not yet sent, or it was given up in the last 7 days (`outbox_errors`, migration 0015).
// Its values are appended to `params`.
std::string AdminWhere(const domain::OutboxFilter& f, Params& params) {
  params.push_back(f.state == "due" ? f.now : f.now - domain::kOutboxFailedWindow);
  const std::string at = "$" + std::to_string(params.size());
  if (f.state == "due") return "x.sent_at IS NULL AND x.not_before <= " + at;
  return "x.last_error <> '' AND (x.sent_at IS NULL OR x.sent_at >= " + at + ")";
}
}  // namespace

Result<std::vector<domain::OutboxEntry>> SqlOutboxStore::List(const domain::OutboxFilter& f) {
  Params params;
  std::string sql =
      "SELECT x.id, x.subject_kind, x.subject_id, x.subject_version, x.kind, x.user_id, "
      "x.created_at, x.not_before, x.attempts, COALESCE(x.claimed_at, 0), u.display_name, "
      "u.email, x.sent_at, x.last_error FROM outbox x JOIN users u ON u.id = x.user_id WHERE " +
      AdminWhere(f, params);
  if (f.before_id) {
    params.push_back(f.before_id);
    sql += " AND x.id < $" + std::to_string(params.size());
  }
  params.push_back(std::int64_t{f.limit});
  sql += " ORDER BY x.id DESC LIMIT $" + std::to_string(params.size());
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::vector<domain::OutboxEntry> out;
  out.reserve(rows.size());
  for (Row& r : rows) {
    domain::OutboxEntry e;
    e.row = FromRow(r);
    e.recipient_name = r.take(10);
    e.recipient_email = r.take(11);
    e.sent_at = r.opt_i64(12);
    e.last_error = r.take(13);
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::int64_t> SqlOutboxStore::Count(const domain::OutboxFilter& f) {
  Params params;
  const std::string where = AdminWhere(f, params);
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query("SELECT COUNT(*) FROM outbox x WHERE " + where, params));
  return rows.at(0).i64(0);
}

Result<std::int64_t> SqlOutboxStore::CountUnsent() {
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL", {}));
  return rows.at(0).i64(0);
}

}  // namespace renkei::storage
