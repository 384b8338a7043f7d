// MailKinds: the registry of message kinds the outbox can send. Each module registers
// its own kinds with a renderer (sharing: the item mails; auth: the password-reset
// link), so adding a mail is writing a renderer and registering it — no list of kinds
// or switch here. Each kind's code is stored in outbox.kind and is part of the schema
// (the table's CHECK constraint lists the codes; a new kind widens it in a migration).
// A worker claims only the kinds it has registered, so a process that does not know a
// kind (an older binary during an upgrade) leaves those rows to one that does.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/directory/directory.h"
#include "domain/outbox/mail.h"
#include "domain/outbox/outbox_store.h"
#include "domain/transactor.h"

namespace renkei::domain {

// What every rendered message may link to and how Message-IDs end, and when it is sent.
struct MailContext {
  std::string base_url = "http://127.0.0.1:8080";  // links in mail
  std::string id_domain = "renkei.invalid";        // Message-ID right-hand side
  Millis now = 0;                                  // set by the worker for each claim
};

struct MailKind {
  std::string code;          // outbox.kind, stable
  std::string subject_kind;  // outbox.subject_kind of its rows
  // True: a user's rows of this kind claimed together go out as one message (digests).
  bool grouped = false;
  // Renders the message to `to` from `rows` (one row; several for a grouped kind, oldest
  // first), in a read transaction, at send time: the subject's own rules apply to what
  // it says. kNotFound or kConflict: it can never be sent (the subject is gone, the link
  // expired); its rows are closed unsent.
  std::function<Result<MailMessage>(Stores&, const User& to, const std::vector<OutboxRow>& rows,
                                    const MailContext&)>
      render;
  // Optional: runs in the transaction that closes the rows, `sent` or never sendable
  // (the reset mail forgets its secret there).
  std::function<Status(Stores&, const std::vector<OutboxRow>& rows, bool sent, Millis at)> done;
};

class MailKinds {
 public:
  // Registers a kind; a code registered twice is a programming error (aborts).
  void Register(MailKind kind);
  const MailKind* Find(std::string_view code) const;
  // Every registered code, sorted.
  std::vector<std::string> codes() const;

 private:
  std::map<std::string, MailKind, std::less<>> kinds_;
};

}  // namespace renkei::domain
