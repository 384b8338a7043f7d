#include "domain/reporting/report_events.h"

#include "domain/reporting/report_mail.h"
#include "domain/reporting/reporting_store.h"
#include "domain/sharing/access_policy.h"

namespace renkei::domain {

void RegisterReportEvents(EventRules& rules) {
  rules.Register(kReportSubject,
                 [](Stores& s, const Event& e, const std::vector<const Principal*>& who,
                    std::vector<bool>& hears) -> Status {
                   const CaseId id(e.subject_id);
                   for (size_t i = 0; i < who.size(); ++i) {
                     RENKEI_ASSIGN_OR_RETURN(auto c, s.reporting.GetVisibleCase(
                                                         id, AccessPolicy::ViewerOf(*who[i], 0)));
                     hears[i] = c.has_value();
                   }
                   return Status::Ok();
                 });
}

}  // namespace renkei::domain
