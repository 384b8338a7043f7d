// The SME desk's mail intake (issue 19): a Maildir per consortium (data/intake/mail.toml)
// read on one thread. Each file of new/ (oldest name first) is parsed (mail_message.h) and
// handed to the sink — in the app DeskService::IngestMail —; only once the sink returned ok
// is it moved to cur/ (":2,S"), so a crash before the move reads it again and the sink,
// which knows the mail's key (Message-ID, else the file's unique name), writes nothing the
// second time: nothing lost, nothing doubled. A mail that cannot become a ticket (too
// large, no From, broken MIME, unknown charset, no text) is moved to .Quarantine/cur/ and
// counted as malformed with its code for the mailbox ("mail:<address>") on the
// administrators' intake page; a sink that fails leaves the mail in new/ for the next poll.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/status.h"
#include "domain/desk/desk_service.h"
#include "domain/desk/desk_store.h"
#include "intake/listener.h"
#include "intake/mail_message.h"

namespace renkei::intake {

struct MailboxConfig {
  std::string consortium;  // the consortium's code
  std::string address;     // the address delivered into it (its counters' name)
  std::string maildir;     // the Maildir's path
};

struct MailIntakeConfig {
  int poll_ms = 2000;
  size_t max_bytes = kMaxMailBytes;
  std::vector<MailboxConfig> mailboxes;
};

Result<MailIntakeConfig> ParseMailConfig(std::string_view file, std::string_view text);
Result<MailIntakeConfig> EmbeddedMailConfig();  // data/intake/mail.toml as built in
Result<MailIntakeConfig> LoadMailConfig(const std::string& path);  // a file of that form

using MailSink = std::function<Result<domain::MailResult>(const domain::MailIn&)>;
using MailCountSink = std::function<Status(const std::vector<domain::SenderCount>&)>;

struct MailboxTotals {
  std::int64_t tickets = 0, replies = 0, duplicates = 0, quarantined = 0, failed = 0;
};

class MailboxReader {
 public:
  MailboxReader(MailIntakeConfig config, MailSink sink, MailCountSink counts, const Clock& clock);
  ~MailboxReader();
  MailboxReader(const MailboxReader&) = delete;
  MailboxReader& operator=(const MailboxReader&) = delete;

  // Makes each Maildir's new/, cur/, tmp/ where missing; an error if one cannot be made.
  Status Prepare();
  // Reads every mailbox's new/ once (what the thread does each poll).
  void PollOnce();
  Status Start();  // Prepare, then the thread
  void Stop();
  MailboxTotals totals() const;

  // The counter row's name for a mailbox.
  static std::string CounterName(const MailboxConfig& m) { return "mail:" + m.address; }

 private:
  void Run();
  void Read(const MailboxConfig& box);
  void Count(const MailboxConfig& box, bool malformed, const std::string& error,
             const std::string& sample);

  MailIntakeConfig config_;
  MailSink sink_;
  MailCountSink counts_sink_;
  const Clock& clock_;
  std::map<std::string, domain::SenderCount> pending_;  // not yet stored; the reader's
  MailboxTotals totals_;                                // mu_
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // mu_
  std::thread thread_;
};

}  // namespace renkei::intake
