// Scores, the improvement plan and the sector view, all computed from level codes: one
// character per catalogue item, in catalogue order — '0'…'4' a level, 'n' not applicable,
// '-' not answered. A submitted assessment stores its codes, so the sector view of 5,000
// assessments reads 5,000 short strings instead of 540,000 answer rows.
//
// THE scoring rule (kScoreRule; docs/assessment.md): for a category or a function,
//   applicable = items not marked "not applicable"
//   answered   = applicable items with a level
//   mean       = the mean level of the answered items, rounded half up to one decimal
//                (kept as tenths: 2.5 → 25); none while nothing is answered
//   floor      = the highest level every applicable item reaches; an unanswered item
//                reaches none, so the floor is 0 until coverage is complete
//   coverage   = answered / applicable
// Stored results carry the rule's name, so a changed rule never silently reinterprets
// old numbers.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "domain/assessment/assessment.h"
#include "domain/assessment/catalog.h"

namespace renkei::domain {

inline constexpr char kScoreRule[] = "mean-of-applicable/v1";

// The codes of `answers` (any order; unknown items ignored) for `catalog`.
std::string LevelCodes(const AssessmentCatalog& catalog, const std::vector<Answer>& answers);

struct NodeScore {
  std::string id;  // function or category id
  int applicable = 0;
  int answered = 0;
  std::optional<int> mean_tenths;
  std::optional<int> floor;  // none while nothing applicable is answered
};

struct Scores {
  std::string rule = kScoreRule;
  std::vector<NodeScore> functions;   // catalogue order
  std::vector<NodeScore> categories;  // catalogue order
  NodeScore overall;
};

Scores ComputeScores(const AssessmentCatalog& catalog, const std::string& codes);

// Puts stored scores (read back in any order) into catalogue order.
void InCatalogOrder(const AssessmentCatalog& catalog, Scores& s);

// Rounded half up to one decimal, as tenths: MeanTenths(5, 2) = 25.
int MeanTenths(std::int64_t sum, std::int64_t count);

struct PlanStep {
  std::string item_id;
  std::string function_id;
  int current = 0;  // an unanswered item counts as 0
  int target = 1;   // the next level
  // How much reaching `target` raises the function's mean, in hundredths.
  int gain_hundredths = 0;
};

// The items that raise the weakest function most, in priority order: functions from the
// lowest mean up; within one, the lowest levels first (each level gained there raises
// the mean by the same 1/n, and the lowest items are the cheapest to lift), then the
// weaker category, then catalogue order. Items already at 4 and N/A items are skipped.
// `scores` are ComputeScores(catalog, codes), or the same scores stored at submission.
std::vector<PlanStep> ImprovementPlan(const AssessmentCatalog& catalog, const std::string& codes,
                                      const Scores& scores, size_t limit);

// ---- the sector view -------------------------------------------------------

inline constexpr int kMinGroup = 5;  // distributions only for groups of at least 5

struct SectorOperator {
  OrgId org_id;
  std::string business_class, size_class;
  std::string name_ja, name_en;
};

struct SectorSubmission {
  OrgId org_id;
  int fiscal_year = 0;
  std::string catalog_version;
  std::string level_codes;
};

// A count per sector (and catalogue) that the penetration boards read: the sector's active
// operators (catalog_id ""), or those of them with a submitted assessment of the catalogue
// (any version) in a fiscal year — the sector view's unfiltered total.
struct SectorCount {
  std::string sector_id;
  std::string catalog_id;
  int count = 0;
};

struct SectorFilter {
  std::string business_class;  // "" = all
  std::string size_class;      // "" = all
};

struct PenetrationRow {
  std::string key;  // a business class or a size class; "" = all
  int operators = 0;
  int submitted = 0;
};

struct ItemDistribution {
  std::string item_id;
  std::array<int, kMaxLevel + 1> levels{};
  int not_applicable = 0;
  std::optional<int> mean_tenths;
};

struct FunctionDistribution {
  std::string function_id;
  // Organisations whose function mean falls in [0,1), [1,2), [2,3), [3,4), 4.
  std::array<int, kMaxLevel + 1> buckets{};
  std::optional<int> mean_tenths;  // mean of the organisations' function means
};

struct TrendPoint {
  int fiscal_year = 0;
  int submitted = 0;
  bool suppressed = false;                                // fewer than kMinGroup: no means
  std::vector<std::optional<int>> function_means_tenths;  // catalogue order
};

struct SectorView {
  std::string sector_id;             // the sector shown (set by AssessmentService::Sector)
  std::vector<std::string> sectors;  // every sector the caller may open the view of
  int fiscal_year = 0;
  SectorFilter filter;
  PenetrationRow total;
  std::vector<PenetrationRow> by_business_class;
  std::vector<PenetrationRow> by_size;
  int group_size = 0;       // submissions in the filtered group
  bool suppressed = false;  // group_size < kMinGroup: no distributions
  std::vector<FunctionDistribution> functions;
  std::vector<ItemDistribution> items;
  std::vector<std::string> weakest_items;  // lowest sector mean first, at most 10
  std::vector<TrendPoint> trends;          // every fiscal year with submissions, oldest first
};

// `submissions`: the latest submission per organisation and fiscal year of this catalogue
// (other versions' codes are not comparable and are skipped for distributions).
SectorView ComputeSectorView(const AssessmentCatalog& catalog, int fiscal_year,
                             const SectorFilter& filter,
                             const std::vector<SectorOperator>& operators,
                             const std::vector<SectorSubmission>& submissions);

struct FunctionPosition {
  std::string function_id;
  std::optional<int> own_tenths;
  std::optional<int> sector_mean_tenths;
  // Share of the sector's organisations whose mean is below the own mean, in percent.
  std::optional<int> percentile;
};

// Where one assessment stands in its sector's submissions of the same fiscal year; empty
// when fewer than kMinGroup organisations (other than the asker) have submitted.
std::vector<FunctionPosition> PositionInSector(const AssessmentCatalog& catalog,
                                               const std::string& own_codes, OrgId own_org,
                                               const std::vector<SectorSubmission>& submissions);

}  // namespace renkei::domain
