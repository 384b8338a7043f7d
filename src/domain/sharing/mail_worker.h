// MailWorker: turns due outbox rows into mail (architecture invariant 2).
//
// Rows are written in the transaction that causes them (publish, revise, withdraw,
// remind), so a crash never loses one. The worker claims a batch (claimed_at, attempts
// + 1) and commits, sends, and marks each row sent. A row whose send failed is retried
// with back-off (15 s, 30 s, 1 min … at most 1 h). A row claimed by a worker that died before
// marking it is claimed again after `lease_ms`; only a crash in the instant between the
// SMTP server accepting a message and the row being marked sent resends one, and then
// with the same Message-ID, so mail clients and our own tests see it is a duplicate.
// Digest rows of one user that are due together become one message.
// Thread safety: RunOnce is called from one thread at a time.
#pragma once

#include <string>

#include "core/clock.h"
#include "domain/sharing/mail.h"
#include "domain/transactor.h"

namespace renkei::domain {

struct MailConfig {
  std::string base_url = "http://127.0.0.1:8080";  // links in mail
  std::string id_domain = "renkei.invalid";        // Message-ID right-hand side
  Millis lease_ms = 5 * 60 * 1000;
  int batch = 200;
};

class MailWorker {
 public:
  MailWorker(Transactor& tx, MailSender& sender, const Clock& clock, MailConfig config)
      : tx_(tx), sender_(sender), clock_(clock), config_(std::move(config)) {}
  struct Pass {
    int sent = 0;
    int failed = 0;
  };
  // Claims what is due now and sends it.
  Result<Pass> RunOnce();

 private:
  Transactor& tx_;
  MailSender& sender_;
  const Clock& clock_;
  MailConfig config_;
};

}  // namespace renkei::domain
