// MailLoop: the thread that runs the mail worker inside `renkei serve`: queues
// reminders for requested actions that fell due, then sends what the outbox holds and
// the password-reset links waiting.
// Without an SMTP URL it does not start, and the outbox keeps every message until a
// server with one runs.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "app/config.h"
#include "domain/auth/auth_service.h"
#include "domain/sharing/mail_worker.h"
#include "domain/sharing/sharing_service.h"

namespace renkei::app {

class MailLoop {
 public:
  MailLoop(domain::Transactor& tx, domain::SharingService& sharing, domain::AuthService& auth,
           const Clock& clock, const Config& config);
  ~MailLoop();
  void Wake();
  void Stop();

 private:
  void Run();

  domain::SharingService& sharing_;
  domain::AuthService& auth_;
  domain::MailConfig mail_config_;
  std::unique_ptr<domain::MailSender> sender_;
  std::unique_ptr<domain::MailWorker> worker_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool wake_ = true;  // first pass at start: mail left by a previous run
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace renkei::app
