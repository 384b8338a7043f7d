#include "domain/assessment/assessment_service.h"

#include <algorithm>

#include "domain/assessment/assessment_store.h"
#include "domain/audit/audit.h"
#include "domain/directory/directory.h"
#include "domain/directory/directory_store.h"
#include "domain/validation.h"

namespace renkei::domain {

namespace {

Status NotVisible() { return Status::NotFound("assessment"); }

bool SharesSector(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::any_of(a.begin(), a.end(), [&](const std::string& s) { return Contains(b, s); });
}

}  // namespace

Result<const AssessmentCatalog*> AssessmentService::Catalog(const std::string& id) const {
  const AssessmentCatalog* c = catalogs().find(id);
  if (!c) return Status::Invalid("catalog", "unknown_catalog", "no catalogue named " + id);
  return c;
}

// THE access rule of assessments (see the header).
Result<Assessment> AssessmentService::Visible(Stores& s, const Principal& p, AssessmentId id) {
  RENKEI_ASSIGN_OR_RETURN(auto a, s.assessments.Get(id));
  if (!a) return NotVisible();
  if (a->org_id == p.org_id) return std::move(*a);
  if (!a->submitted() || !p.has(Role::kSectorBodyOfficer)) return NotVisible();
  RENKEI_ASSIGN_OR_RETURN(auto mine, s.directory.GetOrganisation(p.org_id));
  RENKEI_ASSIGN_OR_RETURN(auto theirs, s.directory.GetOrganisation(a->org_id));
  if (!mine || !theirs || !SharesSector(mine->sector_ids, theirs->sector_ids)) return NotVisible();
  return std::move(*a);
}

Result<Assessment> AssessmentService::Editable(Stores& s, const Principal& p, AssessmentId id) {
  RENKEI_ASSIGN_OR_RETURN(auto a, Visible(s, p, id));
  if (a.org_id != p.org_id || !p.has(Role::kMember))
    return Status::Denied("only members of the organisation may change its assessment");
  if (a.submitted())
    return Status(Kind::kConflict, "already_submitted",
                  "the assessment was submitted and can no longer change; start a new round");
  return a;
}

Result<std::string> AssessmentService::SectorOf(Stores& s, const Principal& p) {
  if (!p.has(Role::kSectorBodyOfficer))
    return Status::Denied("the sector view is for sector body officers");
  RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(p.org_id));
  if (!org || org->sector_ids.empty())
    return Status::Denied("your organisation is not attached to a sector");
  return org->sector_ids.front();
}

Result<AssessmentView> AssessmentService::ViewOf(Stores& s, const Principal& p, Assessment a) {
  AssessmentView v;
  RENKEI_ASSIGN_OR_RETURN(v.catalog, Catalog(a.catalog_id));
  RENKEI_ASSIGN_OR_RETURN(v.answers, s.assessments.Answers(a.id));
  const std::string codes = a.submitted() && a.level_codes.size() == v.catalog->items().size()
                                ? a.level_codes
                                : LevelCodes(*v.catalog, v.answers);
  std::optional<Scores> stored;
  if (a.submitted()) {
    RENKEI_ASSIGN_OR_RETURN(stored, s.assessments.StoredScores(a.id));
    if (stored) InCatalogOrder(*v.catalog, *stored);
  }
  v.scores = stored ? *stored : ComputeScores(*v.catalog, codes);
  v.plan = ImprovementPlan(*v.catalog, codes, v.scores, kPlanLength);
  v.can_edit = !a.submitted() && a.org_id == p.org_id && p.has(Role::kMember);
  if (a.org_id == p.org_id) {
    RENKEI_ASSIGN_OR_RETURN(auto all, s.assessments.ListForOrg(a.org_id));
    for (auto& e : all) {  // newest first: the first earlier round of the same kind
      if (e.catalog_id != a.catalog_id || e.scope != a.scope || e.fiscal_year >= a.fiscal_year)
        continue;
      std::optional<Scores> prev;
      if (e.submitted()) {
        RENKEI_ASSIGN_OR_RETURN(prev, s.assessments.StoredScores(e.id));
        if (prev) InCatalogOrder(*v.catalog, *prev);
      }
      if (!prev) {
        RENKEI_ASSIGN_OR_RETURN(auto answers, s.assessments.Answers(e.id));
        prev = ComputeScores(*v.catalog, LevelCodes(*v.catalog, answers));
      }
      v.previous = std::move(e);
      v.previous_scores = std::move(prev);
      break;
    }
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(a.org_id));
    if (org && !org->sector_ids.empty()) {
      RENKEI_ASSIGN_OR_RETURN(
          auto subs, s.assessments.SectorSubmissions(org->sector_ids.front(), a.catalog_id));
      std::erase_if(subs,
                    [&](const SectorSubmission& x) { return x.fiscal_year != a.fiscal_year; });
      v.position = PositionInSector(*v.catalog, codes, a.org_id, subs);
    }
  }
  v.a = std::move(a);
  return v;
}

Result<Scores> FreezeSubmission(AssessmentStore& store, const AssessmentCatalog& catalog,
                                Assessment& a, std::string codes, Millis at, UserId by) {
  Scores scores = ComputeScores(catalog, codes);
  a.status = "submitted";
  a.submitted_at = at;
  a.submitted_by = by;
  a.updated_at = at;
  a.score_rule = scores.rule;
  a.level_codes = std::move(codes);
  RENKEI_RETURN_IF_ERROR(store.Update(a));
  RENKEI_RETURN_IF_ERROR(store.SaveScores(a.id, scores));
  return scores;
}

Result<AssessmentView> AssessmentService::Change(
    const Principal& p, const std::function<Result<Assessment>(Stores&)>& work) {
  AssessmentView out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto a, work(s));
    RENKEI_ASSIGN_OR_RETURN(out, ViewOf(s, p, std::move(a)));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Assessment>> AssessmentService::List(const Principal& p) {
  std::vector<Assessment> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.assessments.ListForOrg(p.org_id));
    return Status::Ok();
  }));
  return out;
}

Result<AssessmentView> AssessmentService::Create(const Principal& p, const NewAssessment& in,
                                                 const std::string& ip) {
  if (!p.has(Role::kMember)) return Status::Denied("only members of an organisation assess it");
  RENKEI_ASSIGN_OR_RETURN(const AssessmentCatalog* catalog, Catalog(in.catalog_id));
  RENKEI_RETURN_IF_ERROR(CheckText(in.scope, "scope", 100, false));
  const Millis now = clock_.now_ms();
  const int year = in.fiscal_year.value_or(FiscalYearOf(now));
  if (year < 2000 || year > FiscalYearOf(now) + 1)
    return Status::Invalid("fiscal_year", "out_of_range",
                           "fiscal_year must be from 2000 to next year");
  return Change(p, [&](Stores& s) -> Result<Assessment> {
    Assessment a;
    a.org_id = p.org_id;
    a.catalog_id = catalog->id();
    a.catalog_version = catalog->version();
    a.scope = Trim(in.scope);
    a.fiscal_year = year;
    a.created_by = p.user_id;
    a.created_at = a.updated_at = now;
    RENKEI_ASSIGN_OR_RETURN(auto existing, s.assessments.ListForOrg(p.org_id));
    for (const Assessment& e : existing) {
      if (e.catalog_id == a.catalog_id && e.scope == a.scope && e.fiscal_year == a.fiscal_year) {
        return Status(Kind::kConflict, "round_exists",
                      "this round already exists: your organisation's " +
                          std::to_string(a.fiscal_year) +
                          " round of this catalogue and scope; open it instead",
                      "fiscal_year")
            .with_location("/api/v1/assessments/" + std::to_string(e.id.value));
      }
    }
    std::vector<Answer> carried;
    if (in.carry_from) {
      auto from = Visible(s, p, *in.carry_from);
      if (!from.ok() || from.value().org_id != p.org_id)
        return Status::Invalid("carry_from", "unknown_assessment",
                               "carry_from must be one of your organisation's assessments");
      if (from.value().catalog_id != a.catalog_id)
        return Status::Invalid("carry_from", "catalog_mismatch",
                               "answers carry over only within the same catalogue");
      a.carried_from = *in.carry_from;
      RENKEI_ASSIGN_OR_RETURN(carried, s.assessments.Answers(*in.carry_from));
      for (auto& ans : carried) {
        ans.updated_at = now;
        ans.updated_by = p.user_id;
      }
    }
    RENKEI_ASSIGN_OR_RETURN(a.id, s.assessments.Create(a));
    RENKEI_RETURN_IF_ERROR(s.assessments.PutAnswers(a.id, carried));
    RENKEI_RETURN_IF_ERROR(s.audit.Append(
        AuditOf(p, now, ip, "assessment.create", "assessment", a.id.value,
                {{"catalog", a.catalog_id}, {"fiscal_year", year}, {"carried", carried.size()}})));
    return a;
  });
}

Result<AssessmentView> AssessmentService::Get(const Principal& p, AssessmentId id,
                                              const std::string& ip) {
  AssessmentView out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto a, Visible(s, p, id));
    if (a.org_id != p.org_id)  // the sector body's reads of an operator's answers are audited
      RENKEI_RETURN_IF_ERROR(s.audit.Append(
          AuditOf(p, clock_.now_ms(), ip, "assessment.read", "assessment", id.value)));
    RENKEI_ASSIGN_OR_RETURN(out, ViewOf(s, p, std::move(a)));
    return Status::Ok();
  }));
  return out;
}

Result<AssessmentView> AssessmentService::SaveAnswers(const Principal& p, AssessmentId id,
                                                      const std::vector<Answer>& answers,
                                                      const std::string& ip) {
  const Millis now = clock_.now_ms();
  return Change(p, [&](Stores& s) -> Result<Assessment> {
    RENKEI_ASSIGN_OR_RETURN(auto a, Editable(s, p, id));
    RENKEI_ASSIGN_OR_RETURN(const AssessmentCatalog* catalog, Catalog(a.catalog_id));
    std::vector<Answer> rows = answers;
    for (auto& ans : rows) {
      RENKEI_RETURN_IF_ERROR(CheckAnswer(*catalog, ans));
      ans.updated_at = now;
      ans.updated_by = p.user_id;
    }
    RENKEI_RETURN_IF_ERROR(s.assessments.PutAnswers(id, rows));
    a.updated_at = now;
    RENKEI_RETURN_IF_ERROR(s.assessments.Update(a));
    RENKEI_RETURN_IF_ERROR(s.audit.Append(AuditOf(p, now, ip, "assessment.answer", "assessment",
                                                  id.value, {{"items", rows.size()}})));
    return a;
  });
}

Result<AssessmentView> AssessmentService::Submit(const Principal& p, AssessmentId id,
                                                 const std::string& ip) {
  const Millis now = clock_.now_ms();
  return Change(p, [&](Stores& s) -> Result<Assessment> {
    RENKEI_ASSIGN_OR_RETURN(auto a, Editable(s, p, id));
    RENKEI_ASSIGN_OR_RETURN(const AssessmentCatalog* catalog, Catalog(a.catalog_id));
    RENKEI_ASSIGN_OR_RETURN(auto answers, s.assessments.Answers(id));
    const std::string codes = LevelCodes(*catalog, answers);
    const auto missing = codes.find('-');
    if (missing != std::string::npos) {
      const auto open = std::count(codes.begin(), codes.end(), '-');
      return Status::Invalid("answers", "incomplete",
                             std::to_string(open) + " items are not answered yet, the first is " +
                                 catalog->items()[missing].id);
    }
    RENKEI_ASSIGN_OR_RETURN(auto scores,
                            FreezeSubmission(s.assessments, *catalog, a, codes, now, p.user_id));
    RENKEI_RETURN_IF_ERROR(s.audit.Append(
        AuditOf(p, now, ip, "assessment.submit", "assessment", id.value, {{"rule", scores.rule}})));
    return a;
  });
}

Result<Workbook> AssessmentService::Export(const Principal& p, AssessmentId id,
                                           const std::string& lang) {
  Workbook out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto a, Visible(s, p, id));
    RENKEI_ASSIGN_OR_RETURN(const AssessmentCatalog* catalog, Catalog(a.catalog_id));
    RENKEI_ASSIGN_OR_RETURN(auto answers, s.assessments.Answers(id));
    out = ExportWorkbook(*catalog, a, answers, lang);
    return Status::Ok();
  }));
  return out;
}

Status AssessmentService::CheckImport(const Principal& p, AssessmentId id) {
  return tx_.Run(TxMode::kRead, [&](Stores& s) -> Status { return Editable(s, p, id).status(); });
}

Result<ImportResult> AssessmentService::Import(const Principal& p, AssessmentId id,
                                               const Workbook& book, const std::string& ip) {
  const Millis now = clock_.now_ms();
  ImportResult out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto a, Editable(s, p, id));
    RENKEI_ASSIGN_OR_RETURN(const AssessmentCatalog* catalog, Catalog(a.catalog_id));
    SheetImport sheet = ImportCheckSheet(*catalog, book);
    out.errors = std::move(sheet.errors);
    if (!out.errors.empty()) return Status::Ok();  // nothing written
    for (auto& ans : sheet.answers) {
      ans.updated_at = now;
      ans.updated_by = p.user_id;
    }
    RENKEI_RETURN_IF_ERROR(s.assessments.DeleteAnswers(id));
    RENKEI_RETURN_IF_ERROR(s.assessments.PutAnswers(id, sheet.answers));
    a.updated_at = now;
    RENKEI_RETURN_IF_ERROR(s.assessments.Update(a));
    RENKEI_RETURN_IF_ERROR(s.audit.Append(AuditOf(p, now, ip, "assessment.import", "assessment",
                                                  id.value, {{"items", sheet.answers.size()}})));
    RENKEI_ASSIGN_OR_RETURN(out.view, ViewOf(s, p, std::move(a)));
    return Status::Ok();
  }));
  return out;
}

Result<SectorView> AssessmentService::Sector(const Principal& p, const std::string& catalog_id,
                                             std::optional<int> fiscal_year,
                                             const SectorFilter& filter) {
  RENKEI_ASSIGN_OR_RETURN(const AssessmentCatalog* catalog, Catalog(catalog_id));
  if (!filter.business_class.empty() && !OneOf(filter.business_class, kBusinessClasses))
    return Status::Invalid("business_class", "unknown_business_class", "unknown business class");
  if (!filter.size_class.empty() && !OneOf(filter.size_class, kSizeClasses))
    return Status::Invalid("size", "unknown_size", "size must be small, medium or large");
  SectorView out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto sector, SectorOf(s, p));
    RENKEI_ASSIGN_OR_RETURN(auto ops, s.assessments.SectorOperators(sector));
    RENKEI_ASSIGN_OR_RETURN(auto subs, s.assessments.SectorSubmissions(sector, catalog->id()));
    out = ComputeSectorView(*catalog, fiscal_year.value_or(FiscalYearOf(clock_.now_ms())), filter,
                            ops, subs);
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<SectorStatusRow>> AssessmentService::SectorStatus(
    const Principal& p, const std::string& catalog_id, std::optional<int> fiscal_year) {
  RENKEI_ASSIGN_OR_RETURN(const AssessmentCatalog* catalog, Catalog(catalog_id));
  std::vector<SectorStatusRow> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto sector, SectorOf(s, p));
    RENKEI_ASSIGN_OR_RETURN(auto ops, s.assessments.SectorOperators(sector));
    RENKEI_ASSIGN_OR_RETURN(
        auto subs, s.assessments.SubmittedInSector(
                       sector, catalog->id(), fiscal_year.value_or(FiscalYearOf(clock_.now_ms()))));
    std::unordered_map<std::int64_t, const Assessment*> by_org;
    for (const auto& a : subs) by_org.emplace(a.org_id.value, &a);  // newest first wins
    for (auto& o : ops) {
      SectorStatusRow row{std::move(o), std::nullopt, std::nullopt};
      if (auto it = by_org.find(row.org.org_id.value); it != by_org.end()) {
        row.assessment_id = it->second->id;
        row.submitted_at = it->second->submitted_at;
      }
      out.push_back(std::move(row));
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace renkei::domain
