// The SME desk's UTM alert listener inside `renkei serve` (src/intake): the listener file
// data/intake/listener.toml and the vendor mappings as built in, each batch handed to
// DeskService::Ingest with the file's policy.
#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "domain/desk/desk_service.h"
#include "intake/listener.h"
#include "intake/mailbox.h"
#include "intake/mapping.h"

namespace renkei::app {

class IntakeRunner {
 public:
  IntakeRunner(intake::ListenerConfig config, intake::MappingCatalog catalog,
               domain::DeskService& desk, const Clock& clock);
  Status Start();
  void Stop();

 private:
  intake::ListenerConfig config_;
  intake::MappingCatalog catalog_;
  intake::Listener listener_;
};

// `setting`: "off" — none (null); "on" — the listener file's ports; "HOST:PORT" — UDP and
// TCP on that one port (0: any free one). Started and printed; an error when a port cannot
// be bound or a built-in file is broken.
Result<std::unique_ptr<IntakeRunner>> StartIntake(const std::string& setting,
                                                  domain::DeskService& desk, const Clock& clock);

// The desk's mailboxes (src/intake/mailbox.h): each mail to DeskService::IngestMail, the
// mailboxes' counters through DeskService::Ingest.
class MailIntakeRunner {
 public:
  MailIntakeRunner(intake::MailIntakeConfig config, domain::DeskService& desk, const Clock& clock);
  Status Start();
  void Stop();

 private:
  intake::MailIntakeConfig config_;
  intake::MailboxReader reader_;
};

// `setting`: "off" — none (null); "on" — data/intake/mail.toml as built in; else the path of
// a file of that form. Started and printed; an error when a file is broken or a Maildir
// cannot be made.
Result<std::unique_ptr<MailIntakeRunner>> StartMailIntake(const std::string& setting,
                                                          domain::DeskService& desk,
                                                          const Clock& clock);

}  // namespace renkei::app
