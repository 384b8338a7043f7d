// AssessmentService: self-assessments. People of an organisation (role member) start an
// assessment of a catalogue for a fiscal year (optionally one scope, carrying answers over
// from an earlier round), save answers as they go, import or export the check sheet, and
// submit it to their sector body; a submitted assessment is frozen with its scores.
// Sector body officers see the submitted assessments of their sector's operators and the
// sector view (penetration, distributions for groups of at least five, weakest items,
// trends); operators see their position against the sector, never other organisations.
//
// The access rules, written once here:
//  - Visible: an assessment is visible to the people of its organisation, and — once
//    submitted — to sector body officers of a sector the organisation belongs to.
//    Everyone else gets 404 (a ministry never reads one operator's answers).
//  - SectorOf: the sector view (aggregates, distributions only for groups of kMinGroup)
//    is read by sector body officers for the sectors their organisation belongs to and
//    by ministry officers for the sectors their ministry is competent for
//    (Sector::ministry_org_id); a sector not theirs is 404. The list of who has
//    submitted names operators and stays the sector body's (403 for a ministry).
//  - Penetration: the share of operators with a submission, per sector, for the sectors
//    the caller reads the view of, and for the national centre every sector (counts only).
#pragma once

#include <functional>

#include "core/clock.h"
#include "domain/assessment/assessment_store.h"
#include "domain/assessment/catalog.h"
#include "domain/assessment/scoring.h"
#include "domain/assessment/sheet.h"
#include "domain/export.h"
#include "domain/principal.h"
#include "domain/transactor.h"

namespace renkei::domain {

struct AssessmentView {
  Assessment a;
  const AssessmentCatalog* catalog = nullptr;
  std::vector<Answer> answers;
  Scores scores;  // stored ones once submitted, computed live for drafts
  std::vector<PlanStep> plan;
  // The organisation's latest earlier assessment of the same catalogue and scope.
  std::optional<Assessment> previous;
  std::optional<Scores> previous_scores;
  // Against the sector's submissions of the same fiscal year (groups of five or more).
  std::vector<FunctionPosition> position;
  bool can_edit = false;  // a draft of the caller's own organisation
};

struct NewAssessment {
  std::string catalog_id;
  std::string scope;
  std::optional<int> fiscal_year;          // default: the current one (JST)
  std::optional<AssessmentId> carry_from;  // copy its answers
};

// The submission list as its page narrows it: by submission (true: submitted, false: not
// yet) and by business class and size ("" any).
struct SectorStatusFilter {
  std::optional<bool> submitted;
  std::string business_class, size_class;
};

// One sector's penetration for one catalogue and fiscal year: its active operators and how
// many of them have a submitted assessment (the sector view's total, unfiltered).
struct SectorPenetration {
  std::string sector_id;
  std::string catalog_id;
  int operators = 0;
  int submitted = 0;
};

struct SectorStatusRow {
  SectorOperator org;
  std::optional<AssessmentId> assessment_id;  // the submitted one, if any
  std::optional<Millis> submitted_at;
};

inline constexpr size_t kPlanLength = 10;

// Freezes `a` as submitted at `at` by `by` with the answers' level `codes`: stores the
// scores with their rule and the codes the sector view reads. The service's Submit (after
// its checks), the demo data and bench/sector_view all submit through this.
Result<Scores> FreezeSubmission(AssessmentStore& store, const AssessmentCatalog& catalog,
                                Assessment& a, std::string codes, Millis at, UserId by);

// An import: the row errors (then nothing was written), or the assessment as it now is.
struct ImportResult {
  std::vector<RowError> errors;
  AssessmentView view;
};

class AssessmentService {
 public:
  // `catalogs` (parsed once at start-up) must outlive the service.
  AssessmentService(Transactor& tx, const Clock& clock, const AssessmentCatalogs& catalogs)
      : tx_(tx), clock_(clock), catalogs_(catalogs) {}

  const AssessmentCatalogs& catalogs() const { return catalogs_; }

  Result<std::vector<Assessment>> List(const Principal& p);
  Result<AssessmentView> Create(const Actor& actor, const NewAssessment& in);
  Result<AssessmentView> Get(const Actor& actor, AssessmentId id);
  // Saves the given answers (others unchanged); 409 once submitted.
  Result<AssessmentView> SaveAnswers(const Actor& actor, AssessmentId id,
                                     const std::vector<Answer>& answers);
  // 400 `incomplete` (naming the first unanswered item) unless every item is answered.
  Result<AssessmentView> Submit(const Actor& actor, AssessmentId id);
  Result<Workbook> Export(const Principal& p, AssessmentId id, const std::string& lang);
  // Whether `p` may import into `id`, checked before the upload is read (reading it is the
  // costly part): the checks Import makes, 404 unknown or not visible, 403 visible but not
  // the caller's organisation's (or not a member), 409 already submitted. Writes nothing.
  Status CheckImport(const Principal& p, AssessmentId id);
  // Replaces every answer with the sheet's, or — when any row is wrong — changes nothing
  // and returns the row errors.
  Result<ImportResult> Import(const Actor& actor, AssessmentId id, const Workbook& book);

  // Sector body officers and ministry officers (403 otherwise); `sector` "" is the first
  // sector the caller reads (SectorOf), another one not theirs 404.
  Result<SectorView> Sector(const Principal& p, const std::string& catalog_id,
                            std::optional<int> fiscal_year, const SectorFilter& filter,
                            const std::string& sector = "");
  // Sector body officers only (403 otherwise): it names the operators; narrowed by `filter`
  // (none: all of them).
  Result<std::vector<SectorStatusRow>> SectorStatus(const Principal& p,
                                                    const std::string& catalog_id,
                                                    std::optional<int> fiscal_year,
                                                    const SectorStatusFilter& filter = {},
                                                    const std::string& sector = "");
  // The same list for the same callers, to be exported: cut at kMaxExportRows, and the
  // export's audit entry in the same transaction.
  Result<std::vector<SectorStatusRow>> ExportSectorStatus(const Actor& actor,
                                                          const std::string& catalog_id,
                                                          std::optional<int> fiscal_year,
                                                          const SectorStatusFilter& filter,
                                                          const ExportRequest& req, bool& truncated,
                                                          const std::string& sector = "");
  // Every catalogue's penetration in `fiscal_year` for each sector the caller may count
  // (see the header); sectors in directory order, catalogues in catalogue order. Empty
  // for someone who reads no sector.
  Result<std::vector<SectorPenetration>> Penetration(const Principal& p, int fiscal_year);

 private:
  // One write transaction: `work` changes an assessment and returns it; the answer is its view.
  Result<AssessmentView> Change(const Principal& p,
                                const std::function<Result<Assessment>(Stores&)>& work);
  Result<Assessment> Visible(Stores& s, const Principal& p, AssessmentId id);
  Result<Assessment> Editable(Stores& s, const Principal& p, AssessmentId id);
  Result<AssessmentView> ViewOf(Stores& s, const Principal& p, Assessment a);
  // The sectors whose view `p` reads; `with_ministry` false: the sector body's only.
  Result<std::vector<std::string>> ViewSectors(Stores& s, const Principal& p, bool with_ministry);
  Result<std::string> SectorOf(Stores& s, const Principal& p, const std::string& requested,
                               bool with_ministry);
  Status StatusIn(Stores& s, const std::string& sector, const AssessmentCatalog& catalog,
                  std::optional<int> fiscal_year, const SectorStatusFilter& filter,
                  std::vector<SectorStatusRow>& out);
  Result<const AssessmentCatalog*> Catalog(const std::string& id) const;

  Transactor& tx_;
  const Clock& clock_;
  const AssessmentCatalogs& catalogs_;
};

}  // namespace renkei::domain
