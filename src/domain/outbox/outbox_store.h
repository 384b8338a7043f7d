// OutboxStore: the durable outbox of mail (architecture invariant 2), one table for
// every module. A row names its subject (subject kind + id, e.g. an item at a version,
// a password reset), its message kind (the stored code of a registered MailKind) and
// its recipient. Rows are written in the transaction of the change that causes them,
// so they commit or roll back with it; a MailWorker sends them after commit.
//
// Several `renkei serve` processes may share one database: a claim takes rows no one
// else holds (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: its one write transaction)
// and stamps them with the claim time, which is the lease: a row whose claim is older
// than the lease belongs to a worker that died and may be claimed again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/status.h"

namespace renkei::domain {

struct OutboxRow {
  std::int64_t id = 0;       // assigned by the store; the Message-ID is made from it
  std::string subject_kind;  // stored code: "item", "password_reset", …
  std::int64_t subject_id = 0;
  int subject_version = 0;  // the subject's version the mail is about (0: none)
  std::string kind;         // stored code of the message kind ("item_published", …)
  UserId user_id;           // the recipient
  Millis created_at = 0;
  Millis not_before = 0;  // due time (digests wait for the morning)
  int attempts = 0;       // claims so far, this one included
  Millis claimed_at = 0;  // the claim this row is held under (0: not claimed)
};

// The administrator's view of the outbox. state "due": not sent and due by `now` (the
// backlog); "failed": the last try failed (waiting for its retry) or the row was given up
// within kOutboxFailedWindow before `now`.
struct OutboxFilter {
  std::string state;
  Millis now = 0;
  std::int64_t before_id = 0;  // cursor: newest first
  int limit = 50;
};
inline constexpr Millis kOutboxFailedWindow = 7LL * 24 * 3600 * 1000;

struct OutboxEntry {
  OutboxRow row;
  std::string recipient_name, recipient_email;
  std::optional<Millis> sent_at;  // given up (failed rows) at
  std::string last_error;         // as stored: "<error code>: <text> (<note>)"
  // What OutboxService shows of it: the registry code alone (the text and its note, which
  // may quote the relay or an address, stay here); "" when none.
  std::string error_code;
};

class OutboxStore {
 public:
  virtual ~OutboxStore() = default;
  // Queues one row (bulk fan-outs write their rows in their own store's SQL).
  virtual Result<std::int64_t> Enqueue(const OutboxRow& row) = 0;
  // Claims up to `limit` unsent rows of the given kinds due by `now` that nobody holds
  // (never claimed, or claimed before `stale_before`): claimed_at = now, attempts + 1.
  // Due rows come oldest first, a user's rows due at the same time together (digests).
  virtual Result<std::vector<OutboxRow>> Claim(Millis now, Millis stale_before, int limit,
                                               const std::vector<std::string>& kinds) = 0;
  // The rows are done: sent, or never sendable (`note` says why, "" when sent).
  virtual Status MarkDone(const std::vector<OutboxRow>& rows, Millis at,
                          const std::string& note) = 0;
  // Not sent this time: released and due again at `retry_at`. Only rows still held under
  // the claim they were read with change (a worker that outlived its lease changes
  // nothing of the next claimer's).
  virtual Status MarkFailed(const std::vector<OutboxRow>& rows, const std::string& error,
                            Millis retry_at) = 0;
  // Claimed but not tried: released as if never claimed (attempts - 1), due at once;
  // under the same condition.
  virtual Status Release(const std::vector<OutboxRow>& rows) = 0;
  virtual Result<std::int64_t> CountUnsent() = 0;
  // The rows of `f`, newest first from its cursor, and how many there are over all pages
  // (the same WHERE).
  virtual Result<std::vector<OutboxEntry>> List(const OutboxFilter& f) = 0;
  virtual Result<std::int64_t> Count(const OutboxFilter& f) = 0;
};

}  // namespace renkei::domain
