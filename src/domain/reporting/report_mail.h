// The reporting window's mail: its outbox codes and renderers, registered by
// RegisterReportMail. ReportingService queues the rows in the transaction of the change
// (EnqueueCaseMail); each is rendered at send time for its recipient, and only while the
// recipient still sees the case.
//
// A report is confidential whatever it says, so its mail carries no title, field,
// question or answer text: only the case number, its class and phase, the receipt number
// or the deadline, and the link. What each kind says and to whom:
//   report_arrived   a case reached a recipient (its first phase there)  recipients
//   report_phase     a follow-up or final report of a case they have     recipients
//   report_question  a recipient asked a question                        the reporter's members
//   report_answer    the reporter answered a question                    the asker's organisation
//   report_overdue   a deadline passed without its phase                 the reporter's members,
//                    (sent even to those who switched mail off)          recipients if the regime
//                    says
// An overdue row is queued when the deadline is set, due at the deadline; it is sent only
// if that deadline still stands unmet then (otherwise closed unsent, report_mail_outdated).
#pragma once

#include "domain/outbox/mail_kinds.h"
#include "domain/reporting/catalog.h"

namespace renkei::domain {

// outbox.subject_kind of report mail (subject_id = the case).
inline constexpr const char* kReportSubject = "report";
// outbox.kind codes (stored; the outbox table's CHECK lists them). subject_version is the
// version submitted (arrived, phase), the message (question, answer), or the deadline in
// minutes since the epoch (overdue).
inline constexpr const char* kMailReportArrived = "report_arrived";
inline constexpr const char* kMailReportPhase = "report_phase";
inline constexpr const char* kMailReportQuestion = "report_question";
inline constexpr const char* kMailReportAnswer = "report_answer";
inline constexpr const char* kMailReportOverdue = "report_overdue";
// Every report mail code, for a claim of all of them (the demo's history, tests).
inline constexpr const char* kReportMailCodes[] = {kMailReportArrived, kMailReportPhase,
                                                   kMailReportQuestion, kMailReportAnswer,
                                                   kMailReportOverdue};

// An overdue row's subject_version for a deadline, and back.
inline std::int64_t DeadlineMinutes(Millis due_at) { return due_at / 60000; }

// `catalog` names the deadlines (速報, 詳報 …); it must outlive `kinds`.
void RegisterReportMail(MailKinds& kinds, const ReportCatalog& catalog);

}  // namespace renkei::domain
