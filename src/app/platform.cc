#include "app/platform.h"

#include "domain/auth/reset_mail.h"
#include "domain/reporting/report_events.h"
#include "domain/reporting/report_mail.h"
#include "domain/sharing/item_events.h"
#include "domain/sharing/mail.h"

namespace renkei::app {
namespace {

domain::MailKinds AllMailKinds(const Catalogs& catalogs) {
  domain::MailKinds kinds;
  RegisterMailKinds(kinds, catalogs);
  return kinds;
}

domain::EventRules AllEventRules(const Clock& clock) {
  domain::EventRules rules;
  RegisterEventRules(rules, clock);
  return rules;
}

}  // namespace

void RegisterMailKinds(domain::MailKinds& kinds, const Catalogs& catalogs) {
  domain::RegisterItemMail(kinds);
  domain::RegisterPasswordResetMail(kinds);
  domain::RegisterReportMail(kinds, catalogs.reporting);
  domain::RegisterSurveyMail(kinds);
  domain::RegisterCommunityMail(kinds);
}

void RegisterEventRules(domain::EventRules& rules, const Clock& clock) {
  domain::RegisterItemEvents(rules, clock);
  domain::RegisterReportEvents(rules);
  domain::RegisterExerciseEvents(rules);
  domain::RegisterDeskEvents(rules);
}

Platform::Platform(domain::Transactor& tx_in, const Clock& clock, const Catalogs& catalogs,
                   PlatformOptions options)
    : tx(tx_in),
      mail_kinds(AllMailKinds(catalogs)),
      auth(tx, clock, options.auth),
      directory(tx, clock),
      audit(tx, &clock),
      // Each subscriber's credential is checked before each event and ping.
      events(
          tx, AllEventRules(clock),
          [this](const std::vector<const domain::Principal*>& who) {
            return auth.CredentialsAlive(who);
          },
          options.heartbeat_ms),
      sharing(tx, clock, &doorbell, &events),
      reporting(tx, clock, sharing, catalogs.reporting, options.tagger, &doorbell, &events),
      assessments(tx, clock, catalogs.assessment),
      outbox(tx, clock),
      exercises(tx, clock, catalogs.exercises, sharing, &events),
      desk(tx, clock, &events, &sharing, &reporting),
      clearances(tx, clock),
      survey(tx, clock),
      community(tx, clock),
      home(clock, sharing, reporting, assessments, audit, auth, outbox, exercises, desk, community,
           survey),
      api({auth, directory, audit, sharing, reporting, assessments, home, events, tx, outbox,
           exercises, desk, clearances, survey, community},
          options.api, std::move(options.mounts)) {}

}  // namespace renkei::app
