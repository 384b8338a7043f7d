// A real SMTP server for mail tests: Debian's python3-aiosmtpd, started on a free
// loopback port, storing every message it accepts in a Maildir that the test reads.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace renkei::testing {

struct ReceivedMail {
  std::string to;       // the To header's address
  std::string subject;  // decoded (RFC 2047)
  std::string text;     // decoded body (base64 or 8bit)
  std::string message_id;
  std::string raw;
};

class SmtpServer {
 public:
  // `port` 0 picks a free one; a given port lets a test restart the server on it.
  explicit SmtpServer(int port = 0);
  ~SmtpServer();
  bool ready() const { return ready_; }
  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  void Stop();
  // Every message received so far.
  std::vector<ReceivedMail> Messages() const;
  // Waits until at least `n` messages arrived (or `seconds` passed); returns them.
  std::vector<ReceivedMail> WaitFor(size_t n, int seconds = 15) const;

 private:
  int port_ = 0;
  pid_t pid_ = -1;
  bool ready_ = false;
  std::string dir_;
};

}  // namespace renkei::testing
