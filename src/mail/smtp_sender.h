// SmtpSender: MailSender over SMTP with libcurl (smtp:// or smtps://; STARTTLS when
// the URL asks for it). Messages are UTF-8 plain text, base64-encoded, with RFC 2047
// encoded subjects and names so Japanese survives every relay.
// Connections are kept open between messages: each concurrent caller borrows a libcurl
// handle from a pool, and a handle keeps its SMTP connection (one MAIL FROM … DATA per
// message over it). The pool holds as many handles as callers ever sent at once (the
// worker's lanes). A handle idle longer than `idle_seconds` or whose last send failed
// connects afresh, so a connection the relay dropped is not reused.
// Thread safety: Send may be called from several threads at once.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "domain/outbox/mail.h"

namespace renkei::mail {

struct SmtpConfig {
  std::string url;   // e.g. "smtp://127.0.0.1:2525"
  std::string from;  // e.g. "renkei@example.jp"
  std::string from_name = "Renkei 連携";
  std::string username, password;  // optional AUTH
  long timeout_seconds = 30;
  long idle_seconds = 10;  // reconnect after this long without a message
};

class SmtpSender final : public domain::MailSender {
 public:
  explicit SmtpSender(SmtpConfig config);
  ~SmtpSender() override;
  SmtpSender(const SmtpSender&) = delete;
  SmtpSender& operator=(const SmtpSender&) = delete;
  Status Send(const domain::MailMessage& m) override;

 private:
  struct Handle {
    void* curl = nullptr;  // CURL*
    std::chrono::steady_clock::time_point last_used;
  };
  Handle Borrow();
  void Return(Handle h, bool healthy);

  SmtpConfig config_;
  std::mutex mu_;
  std::vector<Handle> idle_;
};

// The RFC 5322 message text (headers, blank line, base64 body); `date` is RFC 5322.
std::string FormatMessage(const domain::MailMessage& m, const std::string& from,
                          const std::string& from_name, const std::string& date);

}  // namespace renkei::mail
