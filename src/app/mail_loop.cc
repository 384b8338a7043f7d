#include "app/mail_loop.h"

#include <cstdio>

#include "mail/smtp_sender.h"

namespace renkei::app {

MailLoop::MailLoop(domain::Transactor& tx, domain::SharingService& sharing,
                   domain::AuthService& auth, const Clock& clock, const Config& config)
    : sharing_(sharing), auth_(auth) {
  if (config.smtp_url.empty()) {
    std::fprintf(stderr, "renkei: no smtp_url configured; mail stays in the outbox\n");
    return;
  }
  mail::SmtpConfig smtp;
  smtp.url = config.smtp_url;
  smtp.from = config.mail_from;
  sender_ = std::make_unique<mail::SmtpSender>(smtp);
  domain::MailConfig mc;
  mc.base_url = config.base_url;
  const auto at = config.mail_from.find('@');
  if (at != std::string::npos) mc.id_domain = config.mail_from.substr(at + 1);
  mail_config_ = mc;
  worker_ = std::make_unique<domain::MailWorker>(tx, *sender_, clock, mc);
  thread_ = std::thread([this] { Run(); });
}

MailLoop::~MailLoop() { Stop(); }

void MailLoop::Wake() {
  std::lock_guard lock(mu_);
  wake_ = true;
  cv_.notify_one();
}

void MailLoop::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    cv_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

void MailLoop::Run() {
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, std::chrono::seconds(5), [&] { return wake_ || stop_; });
      if (stop_) return;
      wake_ = false;
    }
    if (auto due = sharing_.RemindDue(); !due.ok()) {
      std::fprintf(stderr, "renkei: reminders: %s\n", due.status().message().c_str());
    }
    if (auto resets = auth_.SendResetMails(*sender_, mail_config_.base_url, mail_config_.id_domain);
        !resets.ok()) {
      std::fprintf(stderr, "renkei: password mail: %s\n", resets.status().message().c_str());
    }
    // Drain: keep going while whole batches were sent.
    for (;;) {
      auto pass = worker_->RunOnce();
      if (!pass.ok()) {
        std::fprintf(stderr, "renkei: mail: %s\n", pass.status().message().c_str());
        break;
      }
      if (pass->failed > 0) {
        std::fprintf(stderr, "renkei: mail: %d message(s) failed; retrying later\n", pass->failed);
      }
      if (pass->sent + pass->failed == 0 || pass->failed > 0) break;
    }
  }
}

}  // namespace renkei::app
