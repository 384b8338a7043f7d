// The live events of report cases: subject kind "report" (kReportSubject), kinds
// "report_filed" (a phase was submitted), "report_message" (a question, answer or note)
// and "report_status" (triage). None is published for a draft, so only people who may
// see a filed case hear of it. Their rule, registered with the event hub by
// RegisterReportEvents: a subscriber hears of a case the case rule lets it see (the
// store's kCaseVisible, the one rule).
#pragma once

#include "domain/events/event_hub.h"

namespace renkei::domain {

inline constexpr const char* kReportFiled = "report_filed";
inline constexpr const char* kReportMessage = "report_message";
inline constexpr const char* kReportStatus = "report_status";

void RegisterReportEvents(EventRules& rules);

}  // namespace renkei::domain
