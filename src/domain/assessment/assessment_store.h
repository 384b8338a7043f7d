// AssessmentStore: persistence of self-assessments, their answers and their stored
// scores, and the reads the sector view needs. Implemented once over the database seam
// (storage/stores/sql_assessment_store.cc). Access decisions are the service's.
#pragma once

#include <optional>
#include <vector>

#include "core/status.h"
#include "domain/assessment/assessment.h"
#include "domain/assessment/scoring.h"

namespace renkei::domain {

class AssessmentStore {
 public:
  virtual ~AssessmentStore() = default;

  // 409 when the organisation already has an assessment of this catalogue, scope and year.
  virtual Result<AssessmentId> Create(const Assessment& a) = 0;
  // Writes status, updated_at, submitted_at/by, score_rule and level_codes.
  virtual Status Update(const Assessment& a) = 0;
  virtual Result<std::optional<Assessment>> Get(AssessmentId id) = 0;
  // Newest first.
  virtual Result<std::vector<Assessment>> ListForOrg(OrgId org) = 0;

  virtual Result<std::vector<Answer>> Answers(AssessmentId id) = 0;
  // Inserts or replaces the answers for their items.
  virtual Status PutAnswers(AssessmentId id, const std::vector<Answer>& answers) = 0;
  virtual Status DeleteAnswers(AssessmentId id) = 0;

  // The scores computed at submission, each row with the rule that made it.
  virtual Status SaveScores(AssessmentId id, const Scores& s) = 0;
  virtual Result<std::optional<Scores>> StoredScores(AssessmentId id) = 0;

  // Active operators of the sector, with business and size class.
  virtual Result<std::vector<SectorOperator>> SectorOperators(const std::string& sector_id) = 0;
  // The latest submission of each operator of the sector, per fiscal year, of a catalogue;
  // of one fiscal year only when it is given (an assessment's position among its peers).
  virtual Result<std::vector<SectorSubmission>> SectorSubmissions(
      const std::string& sector_id, const std::string& catalog_id,
      std::optional<int> fiscal_year) = 0;
  // Every sector's active operators (catalog_id ""), and per sector and catalogue those of
  // them with a submitted assessment in `fiscal_year` (the penetration boards: two
  // aggregate reads instead of the operator lists).
  virtual Result<std::vector<SectorCount>> OperatorCounts() = 0;
  virtual Result<std::vector<SectorCount>> SubmitterCounts(int fiscal_year) = 0;
  // Submitted assessments of the sector's operators in one fiscal year (the sector body's
  // list of who submitted), newest first.
  virtual Result<std::vector<Assessment>> SubmittedInSector(const std::string& sector_id,
                                                            const std::string& catalog_id,
                                                            int fiscal_year) = 0;
};

}  // namespace renkei::domain
