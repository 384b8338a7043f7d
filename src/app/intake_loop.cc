#include "app/intake_loop.h"

#include <cstdio>

#include "app/config.h"
#include "core/error_codes.h"

namespace renkei::app {

IntakeRunner::IntakeRunner(intake::ListenerConfig config, intake::MappingCatalog catalog,
                           domain::DeskService& desk, const Clock& clock)
    : config_(std::move(config)),
      catalog_(std::move(catalog)),
      listener_(
          config_, catalog_,
          [&desk, policy = config_.policy](const std::vector<domain::AlertIn>& batch,
                                           const std::vector<domain::SenderCount>& counts) {
            return desk.Ingest(batch, counts, policy).status();
          },
          clock) {}

Status IntakeRunner::Start() {
  RENKEI_RETURN_IF_ERROR(listener_.Start());
  std::string ports;
  for (int p : listener_.udp_ports()) ports += " udp/" + std::to_string(p);
  for (int p : listener_.tcp_ports()) ports += " tcp/" + std::to_string(p);
  std::fprintf(stderr, "renkei intake: syslog on %s%s\n", config_.bind.c_str(), ports.c_str());
  return Status::Ok();
}
void IntakeRunner::Stop() { listener_.Stop(); }

Result<std::unique_ptr<IntakeRunner>> StartIntake(const std::string& setting,
                                                  domain::DeskService& desk, const Clock& clock) {
  if (setting.empty() || setting == "off") return std::unique_ptr<IntakeRunner>();
  RENKEI_ASSIGN_OR_RETURN(auto config, intake::EmbeddedListenerConfig());
  RENKEI_ASSIGN_OR_RETURN(auto catalog, intake::MappingCatalog::Embedded());
  if (setting != "on") {
    std::string host;
    unsigned short port = 0;
    RENKEI_RETURN_IF_ERROR(ParseListen(setting, host, port));
    config.bind = host;
    config.udp_ports = {port};
    config.tcp_ports = {port};
  }
  auto runner = std::make_unique<IntakeRunner>(std::move(config), std::move(catalog), desk, clock);
  RENKEI_RETURN_IF_ERROR(runner->Start());
  return runner;
}

MailIntakeRunner::MailIntakeRunner(intake::MailIntakeConfig config, domain::DeskService& desk,
                                   const Clock& clock)
    : config_(config),
      reader_(
          std::move(config), [&desk](const domain::MailIn& m) { return desk.IngestMail(m); },
          [&desk](const std::vector<domain::SenderCount>& counts) {
            return desk.Ingest({}, counts, {}).status();
          },
          clock) {}

Status MailIntakeRunner::Start() {
  RENKEI_RETURN_IF_ERROR(reader_.Start());
  for (const auto& box : config_.mailboxes)
    std::fprintf(stderr, "renkei mail intake: %s (%s) from %s\n", box.address.c_str(),
                 box.consortium.c_str(), box.maildir.c_str());
  return Status::Ok();
}
void MailIntakeRunner::Stop() { reader_.Stop(); }

Result<std::unique_ptr<MailIntakeRunner>> StartMailIntake(const std::string& setting,
                                                          domain::DeskService& desk,
                                                          const Clock& clock) {
  if (setting.empty() || setting == "off") return std::unique_ptr<MailIntakeRunner>();
  RENKEI_ASSIGN_OR_RETURN(auto config, setting == "on" ? intake::EmbeddedMailConfig()
                                                       : intake::LoadMailConfig(setting));
  auto runner = std::make_unique<MailIntakeRunner>(std::move(config), desk, clock);
  RENKEI_RETURN_IF_ERROR(runner->Start());
  return runner;
}

}  // namespace renkei::app
