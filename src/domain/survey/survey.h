// Surveys (調査, issue 21; docs/survey.md): the national centre's or a ministry's
// questionnaire, defined as data (a TOML text, SurveyDefinition::Parse), sent to hubs,
// relayed by each hub to its members in the audience, answered once per organisation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/status.h"

namespace renkei::domain {

using SurveyId = Id<struct SurveyTag>;

// The question types of a definition (stored nowhere but in the definition's text).
inline constexpr const char* kSurveyQuestionTypes[] = {"single", "multiple", "number",
                                                       "date",   "text",     "matrix"};

struct SurveyChoice {
  std::string id, ja, en;
};

struct SurveyQuestion {
  std::string id;
  std::string type;  // one of kSurveyQuestionTypes
  std::string ja, en;
  std::string help_ja, help_en;
  bool required = false;
  std::vector<SurveyChoice> choices;  // single, multiple; a matrix's columns
  std::vector<SurveyChoice> rows;     // a matrix's rows
  std::optional<double> min, max;     // number
  int max_chars = 2000;               // text
  // "Ask only if <when_question> = <when_choice>" (an earlier single or multiple
  // question; for multiple: that choice is among those ticked).
  std::string when_question, when_choice;
  int line = 0;  // where the question starts in the definition (for errors)

  const SurveyChoice* choice(std::string_view id) const;
  const SurveyChoice* row(std::string_view id) const;
};

struct SurveyDefinition {
  std::string series;  // what a repeated survey keeps from year to year ("anzen-kijun")
  std::string title_ja, title_en, description_ja, description_en;
  std::vector<SurveyQuestion> questions;

  const SurveyQuestion* question(std::string_view id) const;
  // Parses and checks a definition: every field named with its line when missing or
  // wrong, unique ids, conditions only on an earlier choice question and an existing
  // choice of it. Errors are invalid_argument with field "definition" (docs/survey.md).
  static Result<SurveyDefinition> Parse(std::string_view toml_text);
};

// A template of data/surveys/ as embedded at build time: its file name and TOML text.
struct SurveyTemplate {
  std::string name;
  std::string_view toml;
};
std::vector<SurveyTemplate> SurveyTemplates();

// Who the survey is for. Empty lists mean "any". Organisation kinds default to operators.
struct SurveyAudience {
  std::vector<std::string> sectors;
  std::vector<HubId> hubs;
  std::vector<std::string> org_kinds;
  std::vector<std::string> size_classes;
};

struct Survey {
  SurveyId id;
  OrgId owner_org_id;
  std::string owner_name_ja, owner_name_en;
  UserId created_by;
  Millis created_at = 0;
  Millis opens_at = 0, closes_at = 0;
  std::string definition_text;  // as the owner wrote it
  SurveyDefinition def;         // parsed from definition_text
  SurveyAudience audience;
};

// One answer to a question: a single choice, ticked choices, a number, a date
// (YYYY-MM-DD), a text, or a matrix's row → column.
struct SurveyAnswer {
  std::string question_id;
  std::vector<std::string> choices;  // single (one), multiple
  std::optional<double> number;
  std::string text;                                         // date, text
  std::vector<std::pair<std::string, std::string>> matrix;  // row id → column choice id
  bool is_date = false;  // text holds a date question's answer (set by the service)
};

inline constexpr const char* kResponseNotStarted = "not_started";
inline constexpr const char* kResponseDraft = "draft";
inline constexpr const char* kResponseSubmitted = "submitted";

// An organisation's answer set.
struct SurveyResponse {
  SurveyId survey_id;
  OrgId org_id;
  std::string state = kResponseNotStarted;  // not_started | draft | submitted
  std::vector<SurveyAnswer> answers;
  std::optional<Millis> updated_at, submitted_at;
  UserId updated_by, submitted_by;
  std::string submitted_by_name;
};

// A survey as a list shows it to the viewer, with what the viewer does with it.
struct SurveySummary {
  Survey survey;
  bool owner = false;          // the caller's organisation owns it
  std::vector<HubId> relays;   // hubs the caller staffs that received it
  std::vector<HubId> relayed;  // of those, the ones that relayed it already
  std::string my_state;        // the caller's organisation's answer set, "" if not a target
  std::int64_t targets = 0, submitted = 0;  // counted for the owner and the hubs' staff
};

// One member organisation's progress, for the staff of the hub that relayed to it.
struct SurveyMemberProgress {
  OrgId org_id;
  HubId hub_id;
  std::string name_ja, name_en;
  std::string state;
  std::optional<Millis> updated_at, submitted_at;
};

struct SurveyRate {
  std::string key;  // a hub's id as text, or a sector id
  std::string name_ja, name_en;
  std::int64_t targets = 0, drafts = 0, submitted = 0;
  std::optional<Millis> relayed_at;  // hubs: when it relayed (none: not yet)
};

struct SurveyProgress {
  std::vector<SurveyRate> hubs, sectors;
  std::vector<SurveyMemberProgress> members;  // the hubs' staff only
};

// Aggregates of one group (the country, or one sector) for one question.
struct SurveyCount {
  std::string row;     // a matrix row ("" otherwise)
  std::string choice;  // the choice (or column) id
  std::int64_t n = 0;
};
struct SurveyQuestionResult {
  std::string question_id;
  std::int64_t answered = 0;  // organisations that answered it
  std::vector<SurveyCount> counts;
  std::optional<double> mean, min, max;  // number
};
struct SurveyGroupResult {
  std::string sector_id;  // "" = the whole audience
  std::string name_ja, name_en;
  std::int64_t submitted = 0;
  bool suppressed = false;  // submitted < kMinGroup: nothing but the count
  std::vector<SurveyQuestionResult> questions;
};
struct SurveyResults {
  std::int64_t targets = 0, submitted = 0;
  std::vector<SurveyGroupResult> groups;  // the whole audience first, then each sector
};

// A free-text answer as the owner reads it: its question and the organisation's sector,
// never the organisation (docs/survey.md).
struct SurveyText {
  std::string question_id;
  std::string sectors;  // the organisation's sector ids, comma-separated
  std::string text;
  Millis submitted_at = 0;
};

}  // namespace renkei::domain
