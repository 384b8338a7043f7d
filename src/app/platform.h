// Platform: the one wiring of the services, used by `renkei serve`, the benchmarks and
// any test that wants the server's object graph without its process. Every service is
// complete when constructed (no setter wires one to another later): the event hub gets
// each subject kind's rule and the credential check, the outbox's worker gets every
// registered mail kind, and the services that queue mail or publish events get the
// doorbell and the hub in their constructors.
//
// Adding a module is one line in each of RegisterMailKinds / RegisterEventRules (if the
// module mails or has live events), one member here, and its route function in
// src/http/routes.cc.
#pragma once

#include "app/catalogs.h"
#include "core/clock.h"
#include "domain/assessment/assessment_service.h"
#include "domain/audit/audit_service.h"
#include "domain/auth/auth_service.h"
#include "domain/community/community_service.h"
#include "domain/desk/desk_service.h"
#include "domain/directory/clearance_service.h"
#include "domain/directory/directory_service.h"
#include "domain/events/event_hub.h"
#include "domain/exercises/exercise_service.h"
#include "domain/home/home_service.h"
#include "domain/outbox/doorbell.h"
#include "domain/outbox/mail_kinds.h"
#include "domain/reporting/reporting_service.h"
#include "domain/sharing/sharing_service.h"
#include "domain/survey/survey_service.h"
#include "http/api.h"
#include "http/taxii/taxii_routes.h"

namespace renkei::app {

// Every message kind the outbox sends, each module's registration (the catalogues say
// what some of them call things; they must outlive the kinds).
void RegisterMailKinds(domain::MailKinds& kinds, const Catalogs& catalogs);
// Every subject kind's rule for who hears of its live events.
void RegisterEventRules(domain::EventRules& rules, const Clock& clock);

struct PlatformOptions {
  domain::AuthConfig auth;
  http::ApiConfig api;
  // What the HTTP adapter serves: /api/v1, and a protocol module's own mount (TAXII at
  // /taxii2) as one more entry.
  std::vector<http::Mount> mounts = {http::ApiMount(), http::TaxiiMount()};
  const domain::NameTagger* tagger = nullptr;  // the anonymiser's (may be null)
  Millis heartbeat_ms = 20'000;                // live events' ping
};

// `tx`, `clock` and `catalogs` must outlive the platform. Not copyable or movable: the
// services hold references to each other.
class Platform {
 public:
  Platform(domain::Transactor& tx, const Clock& clock, const Catalogs& catalogs,
           PlatformOptions options = {});
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  domain::Transactor& tx;
  domain::MailKinds mail_kinds;
  domain::Doorbell doorbell;
  domain::AuthService auth;
  domain::DirectoryService directory;
  domain::AuditService audit;
  domain::EventHub events;
  domain::SharingService sharing;
  domain::ReportingService reporting;
  domain::AssessmentService assessments;
  domain::OutboxService outbox;
  domain::ExerciseService exercises;  // before home, which counts its list
  domain::DeskService desk;
  domain::ClearanceService clearances;
  domain::SurveyService survey;
  domain::CommunityService community;
  domain::HomeService home;
  http::Api api;
};

}  // namespace renkei::app
