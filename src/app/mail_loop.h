// MailLoop: the thread that runs the mail worker inside `renkei serve`: queues
// reminders for requested actions that fell due, then sends what the outbox holds (every
// registered kind: item mail, password-reset links). It runs when the doorbell rings
// (a commit queued mail) and every few seconds (digests, retries, mail queued by
// another process sharing the database).
// Without an SMTP URL it does not start, and the outbox keeps every message until a
// server with one runs.
#pragma once

#include <memory>
#include <thread>

#include "app/config.h"
#include "domain/outbox/doorbell.h"
#include "domain/outbox/mail_worker.h"
#include "domain/sharing/sharing_service.h"

namespace renkei::app {

class MailLoop {
 public:
  MailLoop(domain::Transactor& tx, domain::SharingService& sharing, domain::Doorbell& doorbell,
           const domain::MailKinds& kinds, const Clock& clock, const Config& config);
  ~MailLoop();
  void Stop();

 private:
  void Run();

  domain::SharingService& sharing_;
  domain::Doorbell& doorbell_;
  std::unique_ptr<domain::MailSender> sender_;
  std::unique_ptr<domain::MailWorker> worker_;
  std::thread thread_;
};

}  // namespace renkei::app
