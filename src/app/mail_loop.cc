#include "app/mail_loop.h"

#include <cstdio>

#include "mail/smtp_sender.h"

namespace renkei::app {

MailLoop::MailLoop(domain::Transactor& tx, domain::SharingService& sharing,
                   domain::Doorbell& doorbell, const domain::MailKinds& kinds, const Clock& clock,
                   const Config& config)
    : sharing_(sharing), doorbell_(doorbell) {
  if (config.smtp_url.empty()) {
    std::fprintf(stderr, "renkei: no smtp_url configured; mail stays in the outbox\n");
    return;
  }
  mail::SmtpConfig smtp;
  smtp.url = config.smtp_url;
  smtp.from = config.mail_from;
  sender_ = std::make_unique<mail::SmtpSender>(smtp);
  domain::MailConfig mc;
  mc.context.base_url = config.base_url;
  const auto at = config.mail_from.find('@');
  if (at != std::string::npos) mc.context.id_domain = config.mail_from.substr(at + 1);
  mc.connections = static_cast<int>(config.mail_connections);
  mc.lease_ms = config.mail_lease_seconds * 1000;
  worker_ = std::make_unique<domain::MailWorker>(tx, *sender_, clock, kinds, mc);
  thread_ = std::thread([this] { Run(); });
}

MailLoop::~MailLoop() { Stop(); }

void MailLoop::Stop() {
  doorbell_.Close();
  if (thread_.joinable()) thread_.join();
}

void MailLoop::Run() {
  while (doorbell_.Wait(std::chrono::seconds(5))) {
    if (auto due = sharing_.RemindDue(); !due.ok()) {
      std::fprintf(stderr, "renkei: reminders: %s\n", due.status().Describe().c_str());
    }
    auto pass = worker_->RunOnce();
    if (!pass.ok()) {
      std::fprintf(stderr, "renkei: mail: %s\n", pass.status().Describe().c_str());
    } else if (pass->failed > 0) {
      std::fprintf(stderr, "renkei: mail: %d message(s) failed; retrying later\n", pass->failed);
    }
  }
}

}  // namespace renkei::app
