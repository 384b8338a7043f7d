// SurveyService: surveys of operators through their hubs (調査, issue 21; docs/survey.md).
//
// THE survey access rule (written once here, implemented once as the store's SQL
// predicates kSurveyVisible / kProgressVisible / kOwnerOf with SurveyViewerOf(principal)):
//   - the owner: officers (national centre or ministry) of the organisation that created
//     the survey see it, the response rates per hub and sector, the aggregates per question
//     for the whole audience and per sector — a group of fewer than kMinGroup (5)
//     submissions shows its count only —, and the free-text answers with the answering
//     organisation's sectors, never its name; never one organisation's answer set;
//   - a hub: analysts of the secretariat of a hub the survey was sent to see the survey,
//     relay it to the hub's members in the audience, and see those members' progress by
//     name (answered / draft / not started) and the hub's rate; never their answers;
//   - a target: the people of an organisation the survey was relayed to see it and their
//     own organisation's answer set; they draft it (any of them, replaced as they go) and
//     one of them submits it, which freezes it;
//   - anyone else — administrators included —: 404 for the survey and everything of it.
// Creating: a national centre officer for the whole country, a ministry officer for the
// sectors its ministry oversees (and the hubs serving them). The survey goes to the hubs
// the audience names, else to every hub serving its sectors (every hub when none); the
// owner never sends to operators directly — the hub relays, as the seed's chain does.
// Answers are checked when saved (type, range, choice, the question's condition: an
// answer to a question whose condition is not met is refused, 400) and completeness when
// submitted. Every change runs in one transaction with its audit row; a refused change
// writes nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/export.h"
#include "domain/outbox/mail_kinds.h"
#include "domain/principal.h"
#include "domain/survey/survey.h"
#include "domain/survey/survey_store.h"
#include "domain/transactor.h"

namespace renkei::domain {

inline constexpr const char* kSurveySubject = "survey";
// outbox.kind of a reminder; subject_id = the survey, subject_version = the organisation.
inline constexpr const char* kMailSurveyReminder = "survey_reminder";
// How long before the close the reminder goes out.
inline constexpr Millis kSurveyReminderLead = 3LL * 24 * 3600 * 1000;

SurveyViewer SurveyViewerOf(const Principal& p);

struct NewSurvey {
  std::string definition;  // TOML text (SurveyDefinition::Parse)
  SurveyAudience audience;
  Millis opens_at = 0, closes_at = 0;
};

// A survey as its viewer opens it: the definition, the viewer's answer set when its
// organisation is a target, and what the viewer may do.
struct SurveyView {
  Survey survey;
  bool owner = false;
  bool target = false;
  bool open = false;                 // within the period now
  std::vector<SurveyHubRow> relays;  // the hubs the viewer staffs that received it
  std::optional<SurveyResponse> response;
};

// What the list shows (GET /surveys?to_answer=true | to_relay=true; the home tiles
// surveys_to_answer and surveys_to_relay count this list). Both set: either.
struct SurveyFilter {
  bool to_answer = false;  // SurveyToAnswer
  bool to_relay = false;   // SurveyToRelay
};

// THE predicates of the filter, written once (the list and the home tiles use them):
// to answer — open now (opened, not closed), the caller's organisation a target that has
// not submitted (anyone of a target organisation answers, by the rule above);
// to relay — not closed yet, sent to a hub the caller staffs that has not relayed it.
bool SurveyToAnswer(const SurveySummary& s, Millis now);
bool SurveyToRelay(const SurveySummary& s, Millis now);

struct RelayResult {
  HubId hub_id;
  std::int64_t added = 0;
};

class SurveyService {
 public:
  SurveyService(Transactor& tx, const Clock& clock) : tx_(tx), clock_(clock) {}

  Result<SurveyView> Create(const Actor& actor, const NewSurvey& in);
  // Newest first (at most 200), those the filter keeps.
  Result<std::vector<SurveySummary>> List(const Principal& p, const SurveyFilter& f = {});
  Result<SurveyView> Get(const Principal& p, SurveyId id);
  // Hub staff: relays to the hub's members in the audience (the hub named, or the one hub
  // of the caller's that received it). Again later: adds members who joined since.
  Result<RelayResult> Relay(const Actor& actor, SurveyId id, std::optional<HubId> hub);
  // A target's people: replaces the draft (autosave), checked; 409 once submitted.
  Result<SurveyResponse> SaveDraft(const Actor& actor, SurveyId id,
                                   const std::vector<SurveyAnswer>& answers);
  // Freezes the draft when every required question asked is answered; 409 a second time.
  Result<SurveyResponse> Submit(const Actor& actor, SurveyId id);
  Result<SurveyProgress> Progress(const Principal& p, SurveyId id);
  Result<SurveyResults> Results(const Principal& p, SurveyId id);
  Result<std::vector<SurveyText>> Texts(const Principal& p, SurveyId id);
  // The results to be exported (CSV, .xlsx): the same rule, audited as export.survey_results.
  Result<SurveyResults> ExportResults(const Actor& actor, SurveyId id, const ExportRequest& req,
                                      Survey* survey_out);

 private:
  Result<Survey> Visible(Stores& s, const SurveyViewer& v, SurveyId id);
  Result<SurveyResults> ResultsIn(Stores& s, const SurveyViewer& v, const Survey& sv);

  Transactor& tx_;
  const Clock& clock_;
};

// Checks one answer set against the definition (types, ranges, choices, conditions);
// `complete` also asks every required question whose condition holds.
Status CheckAnswers(const SurveyDefinition& def, const std::vector<SurveyAnswer>& answers,
                    bool complete);

// An answer set as the results read it, one token per question in the definition's order,
// joined by ';': "" unanswered; a single choice its index; a multiple choice its indexes
// joined by '.'; a number as written (%.17g); a matrix one column index per row ('-' for a
// row not answered) joined by '.'; a date or a text "1" (answered; never its words).
// Written once at submission (the definition never changes), so it cannot drift from the
// answers — the assessments' level codes, for surveys.
std::string SurveyAnswerCodes(const SurveyDefinition& def,
                              const std::vector<SurveyAnswer>& answers);

// Registers the reminder mail (survey_reminder): rendered at send time, dropped when the
// organisation has submitted meanwhile or the recipient no longer sees the survey.
void RegisterSurveyMail(MailKinds& kinds);

}  // namespace renkei::domain
