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

}  // namespace renkei::app
