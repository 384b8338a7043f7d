// MailWorker: turns due outbox rows into mail (architecture invariant 2), for every
// registered message kind.
//
// It sends over `connections` lanes in parallel, each with its own connection to the
// relay (the sender keeps connections open between messages). A lane claims a batch of
// rows (claimed_at, attempts + 1) and commits, renders them in one read transaction
// (each kind's renderer, at send time, with the recipient loaded and required active),
// and sends them one by one, recording each message done right after the relay
// accepted it. A message the relay refused for now is retried with back-off (15 s,
// 30 s, 1 min … at most 1 h) and stops the pass: the rest of the claim is released and
// tried at the next pass. A row claimed by a worker that died before recording it is
// claimed again once its claim is older than `lease_ms`; a lane sends nothing whose
// claim is older than half the lease, so a live worker never races the next claimer.
// Only a crash in the instant between the relay accepting a message and the row being
// recorded resends one (at most one per lane), and then with the same Message-ID, so
// mail clients see it is a duplicate. Rows of a grouped kind (digests) of one user
// claimed together become one message.
// Several workers, in one process or several sharing the database, may run at once:
// claims never overlap (OutboxStore). Thread safety: RunOnce from one thread at a time.
#pragma once

#include "core/clock.h"
#include "domain/outbox/mail_kinds.h"
#include "domain/transactor.h"

namespace renkei::domain {

struct MailConfig {
  MailContext context;
  Millis lease_ms = 5 * 60 * 1000;
  int batch = 50;       // rows per claim, per lane
  int connections = 4;  // lanes, i.e. parallel connections to the relay
};

class MailWorker {
 public:
  MailWorker(Transactor& tx, MailSender& sender, const Clock& clock, const MailKinds& kinds,
             MailConfig config)
      : tx_(tx), sender_(sender), clock_(clock), kinds_(kinds), config_(std::move(config)) {}
  struct Pass {
    int sent = 0;     // messages the relay accepted
    int failed = 0;   // messages to retry later
    int dropped = 0;  // messages that can never be sent (recipient inactive, subject gone)
  };
  // Sends everything due now and returns when nothing due is left, or after the relay
  // refused a message.
  Result<Pass> RunOnce();

 private:
  struct Shared;
  Status Lane(Shared& shared);

  Transactor& tx_;
  MailSender& sender_;
  const Clock& clock_;
  const MailKinds& kinds_;
  MailConfig config_;
};

}  // namespace renkei::domain
