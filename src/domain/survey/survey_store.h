// SurveyStore: surveys, the hubs they were sent to, the organisations they were relayed to
// and their answer sets (migration 0021). The stores never commit; SurveyService runs
// every call in its transaction.
//
// Visibility lives in the store's SQL predicates (kSurveyVisible, kProgressVisible,
// kOwnerOf in sql_survey_store.cc): every method taking a SurveyViewer returns only what
// that viewer may see under the rule written in survey_service.h. Methods without one are
// for callers that already decided access (the service after a visible read).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/survey/survey.h"

namespace renkei::domain {

// Who is asking, as the survey rule needs it (SurveyViewerOf).
struct SurveyViewer {
  OrgId org_id;
  bool officer = false;  // a national centre or ministry officer: owns its organisation's surveys
  bool analyst = false;  // a hub analyst: staffs the hubs its organisation runs
};

struct SurveyHubRow {
  HubId hub_id;
  std::string name_ja, name_en;
  OrgId secretariat_org_id;
  std::optional<Millis> relayed_at;
};

// The submitted answer sets as the results read them: each with its organisation's sectors
// and its answer codes (SurveyAnswerCodes, written once at submission).
struct SurveySubmitted {
  std::vector<std::string> sectors;
  std::string codes;
};
struct SurveySubmissions {
  std::vector<SurveySubmitted> sets;
  std::int64_t targets = 0;
};

class SurveyStore {
 public:
  virtual ~SurveyStore() = default;

  virtual Result<SurveyId> CreateSurvey(const Survey& s) = 0;
  virtual Status AddHub(SurveyId id, HubId hub) = 0;
  // The survey when `v` may see it (kSurveyVisible); definition_text filled, def not parsed.
  virtual Result<std::optional<Survey>> GetSurvey(const SurveyViewer& v, SurveyId id) = 0;
  // Every survey `v` sees, newest first, with the viewer's relation to it.
  virtual Result<std::vector<SurveySummary>> ListSurveys(const SurveyViewer& v, int limit) = 0;
  virtual Result<std::vector<SurveyHubRow>> Hubs(SurveyId id) = 0;
  // Hubs serving any of `sectors` (every hub when empty).
  virtual Result<std::vector<HubId>> HubsServing(const std::vector<std::string>& sectors) = 0;
  // Sectors whose competent ministry is `ministry`.
  virtual Result<std::vector<std::string>> SectorsOverseenBy(OrgId ministry) = 0;

  // Adds as targets the hub's active member organisations matching the audience (not yet
  // targets through another hub); how many were added. Marks the hub's relay.
  virtual Result<std::int64_t> Relay(SurveyId id, HubId hub, const SurveyAudience& a, Millis now,
                                     UserId by) = 0;
  virtual Result<bool> IsTarget(SurveyId id, OrgId org) = 0;

  // The organisation's answer set (state not_started when it has none).
  virtual Result<SurveyResponse> Response(SurveyId id, OrgId org) = 0;
  // Replaces the draft's answers (the row made if needed); never a submitted set.
  virtual Status SaveDraft(SurveyId id, OrgId org, const std::vector<SurveyAnswer>& answers,
                           Millis now, UserId by) = 0;
  // Freezes the draft with its answer codes; false when it was already submitted (nothing
  // changed).
  virtual Result<bool> Submit(SurveyId id, OrgId org, Millis now, UserId by,
                              const std::string& codes) = 0;

  // The progress `v` sees (kProgressVisible): rates per hub and sector over the targets
  // it sees, and the members list of the hubs it staffs.
  virtual Result<SurveyProgress> Progress(const SurveyViewer& v, SurveyId id) = 0;
  // The submitted answer sets' codes and sectors and the number of targets, for the survey's
  // owner only (kOwnerOf; empty for anyone else).
  virtual Result<SurveySubmissions> Submissions(const SurveyViewer& v, SurveyId id) = 0;
  // The free-text answers of submitted sets, for the survey's owner only (kOwnerOf).
  virtual Result<std::vector<SurveyText>> Texts(const SurveyViewer& v, SurveyId id) = 0;

  // Reminders: the active users of the targets that have not submitted and have no
  // reminder queued for this survey yet (with their organisation), and an organisation's
  // state (none: not a target).
  virtual Result<std::vector<std::pair<UserId, OrgId>>> UnremindedUsers(SurveyId id) = 0;
  virtual Result<std::optional<std::string>> StateOf(SurveyId id, OrgId org) = 0;
};

}  // namespace renkei::domain
