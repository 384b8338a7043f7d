// Mail: the message the platform sends and the seam that sends it (SMTP in
// production, src/mail/smtp_sender.*), and how outbox rows become messages.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/directory/directory.h"
#include "domain/sharing/sharing.h"

namespace renkei::domain {

struct MailMessage {
  std::string to;          // address
  std::string to_name;     // display name
  std::string subject;     // UTF-8; the sender encodes it
  std::string text;        // UTF-8 plain text
  std::string message_id;  // "<…@…>", stable per outbox row: a resend is recognisable
};

class MailSender {
 public:
  virtual ~MailSender() = default;
  // Thread safety: called from the mail worker thread only.
  virtual Status Send(const MailMessage& m) = 0;
};

// One outbox entry with what rendering needs: the item at the version the entry names.
struct MailPart {
  OutboxEntry entry;
  Item item;  // content = that version's content
};

// Renders the mail for one user. `parts` has one entry, or several for a digest.
// The TLP label starts the subject and the body. AMBER, AMBER+STRICT and RED mail
// carries no title, body, requested action or advisory text, only the label, the
// kind, the number, the sender and the link; CLEAR and GREEN mail carries the title
// and requested action, and the body only when the sender set mail_text.
MailMessage RenderMail(const User& to, const std::vector<MailPart>& parts,
                       const std::string& base_url, const std::string& id_domain);

}  // namespace renkei::domain
