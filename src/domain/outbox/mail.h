// Mail: the message the platform sends and the seam that sends it (SMTP in
// production, src/mail/smtp_sender.*). What a message says is decided by the renderer
// of its outbox kind (mail_kinds.h), in the module that owns the subject.
#pragma once

#include <string>

#include "core/status.h"

namespace renkei::domain {

struct MailMessage {
  std::string to;          // address
  std::string to_name;     // display name
  std::string subject;     // UTF-8; the sender encodes it
  std::string text;        // UTF-8 plain text
  std::string message_id;  // "<…@…>", stable per outbox row: a resend is recognisable
};

// A mail text with its one "%s" filled in (the texts renderers keep per language).
inline std::string FillIn(const char* pattern, const std::string& value) {
  std::string s = pattern;
  if (auto at = s.find("%s"); at != std::string::npos) s.replace(at, 2, value);
  return s;
}

class MailSender {
 public:
  virtual ~MailSender() = default;
  // Hands one message to the relay; ok once the relay accepted it. kUnavailable: the
  // relay could not be reached or refused for now (retry later); kConflict: this
  // message can never be sent (an unusable address).
  // Thread safety: called from several of the mail worker's lanes at once.
  virtual Status Send(const MailMessage& m) = 0;
};

}  // namespace renkei::domain
