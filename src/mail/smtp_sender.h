// SmtpSender: MailSender over SMTP with libcurl (smtp:// or smtps://; STARTTLS when
// the URL asks for it). Messages are UTF-8 plain text, base64-encoded, with RFC 2047
// encoded subjects and names so Japanese survives every relay.
#pragma once

#include <string>

#include "domain/outbox/mail.h"

namespace renkei::mail {

struct SmtpConfig {
  std::string url;   // e.g. "smtp://127.0.0.1:2525"
  std::string from;  // e.g. "renkei@example.jp"
  std::string from_name = "Renkei 連携";
  std::string username, password;  // optional AUTH
  long timeout_seconds = 30;
};

class SmtpSender final : public domain::MailSender {
 public:
  explicit SmtpSender(SmtpConfig config) : config_(std::move(config)) {}
  Status Send(const domain::MailMessage& m) override;

 private:
  SmtpConfig config_;
};

// The RFC 5322 message text (headers, blank line, base64 body); `date` is RFC 5322.
std::string FormatMessage(const domain::MailMessage& m, const std::string& from,
                          const std::string& from_name, const std::string& date);

}  // namespace renkei::mail
