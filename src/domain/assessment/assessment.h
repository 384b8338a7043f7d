// Self-assessments: an organisation's answers to one catalogue for one fiscal year (and
// optionally one scope, such as a plant), a draft until submitted to the sector body.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"

namespace renkei::domain {

using AssessmentId = Id<struct AssessmentTag>;

inline constexpr const char* kAssessmentStatuses[] = {"draft", "submitted"};

struct Answer {
  std::string item_id;
  std::optional<int> level;     // 0–4; empty = not answered (or not applicable)
  bool not_applicable = false;  // then `na_reason` says why
  std::string na_reason;
  std::string comment;
  std::string evidence;  // where the proof is (document, record)
  Millis updated_at = 0;
  UserId updated_by;
  bool answered() const { return not_applicable || level.has_value(); }
};

struct Assessment {
  AssessmentId id;
  OrgId org_id;
  std::string org_name_ja, org_name_en;
  std::string catalog_id, catalog_version;
  std::string scope;  // "" = the whole organisation
  int fiscal_year = 0;
  std::string status = "draft";
  std::optional<AssessmentId> carried_from;  // answers were carried over from this one
  UserId created_by;
  Millis created_at = 0, updated_at = 0;
  std::optional<Millis> submitted_at;
  UserId submitted_by;
  // Frozen at submission: the scoring rule that made the stored scores, and one level
  // code per catalogue item (level_codes.h) for the sector view.
  std::string score_rule;
  std::string level_codes;
  bool submitted() const { return status == "submitted"; }
};

// The Japanese fiscal year (April to March, JST) of an instant: 2026-04-01 → 2026.
int FiscalYearOf(Millis at);

}  // namespace renkei::domain
