#include "domain/assessment/assessment_service.h"

#include "domain/audit/audit.h"
#include "domain/export.h"

#include <algorithm>

#include "core/error_codes.h"
#include "domain/assessment/assessment_store.h"
#include "domain/audit/audit.h"
#include "domain/directory/directory.h"
#include "domain/directory/directory_store.h"
#include "domain/export.h"
#include "domain/validation.h"

namespace renkei::domain {

namespace {

Status NotVisible() { return err::AssessmentNotFound(); }

bool SharesSector(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::any_of(a.begin(), a.end(), [&](const std::string& s) { return Contains(b, s); });
}

}  // namespace

Result<const AssessmentCatalog*> AssessmentService::Catalog(const std::string& id) const {
  const AssessmentCatalog* c = catalogs().find(id);
  if (!c) return err::UnknownCatalog(id).with_field("catalog");
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
  if (a.org_id != p.org_id || !p.has(Role::kMember)) return err::AssessmentMembersOnly();
  if (a.submitted()) return err::AlreadySubmitted();
  return a;
}

// THE rule of the sector view (see the header).
Result<std::vector<std::string>> AssessmentService::ViewSectors(Stores& s, const Principal& p,
                                                                bool with_ministry) {
  const bool body = p.has(Role::kSectorBodyOfficer);
  const bool ministry = with_ministry && p.has(Role::kMinistryOfficer);
  if (!body && !ministry) {
    if (with_ministry) return err::SectorViewOfficersOnly();
    return err::SectorListBodyOnly();
  }
  std::vector<std::string> out;
  if (body) {
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(p.org_id));
    if (org) out = org->sector_ids;
  }
  if (ministry) {
    RENKEI_ASSIGN_OR_RETURN(auto sectors, s.directory.ListSectors());
    for (auto& id : MinistrySectors(p.org_id, sectors))
      if (!Contains(out, id)) out.push_back(std::move(id));
  }
  return out;
}

Result<std::string> AssessmentService::SectorOf(Stores& s, const Principal& p,
                                                const std::string& requested, bool with_ministry) {
  RENKEI_ASSIGN_OR_RETURN(auto mine, ViewSectors(s, p, with_ministry));
  if (mine.empty()) return err::NoSector();
  if (requested.empty()) return mine.front();
  if (!Contains(mine, requested)) return err::SectorNotFound().with_field("sector");
  return requested;
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
      RENKEI_ASSIGN_OR_RETURN(auto subs, s.assessments.SectorSubmissions(
                                             org->sector_ids.front(), a.catalog_id, a.fiscal_year));
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

Result<AssessmentView> AssessmentService::Create(const Actor& actor, const NewAssessment& in) {
  const Principal& p = actor.principal;
  if (!p.has(Role::kMember)) return err::AssessmentMembersOnly();
  RENKEI_ASSIGN_OR_RETURN(const AssessmentCatalog* catalog, Catalog(in.catalog_id));
  RENKEI_RETURN_IF_ERROR(CheckText(in.scope, "scope", 100, false));
  const Millis now = clock_.now_ms();
  const int year = in.fiscal_year.value_or(FiscalYearOf(now));
  if (year < 2000 || year > FiscalYearOf(now) + 1)
    return err::FiscalYearOutOfRange(FiscalYearOf(now) + 1).with_field("fiscal_year");
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
        return err::RoundExists(a.fiscal_year)
            .with_field("fiscal_year")
            .with_location("/api/v1/assessments/" + std::to_string(e.id.value));
      }
    }
    std::vector<Answer> carried;
    if (in.carry_from) {
      auto from = Visible(s, p, *in.carry_from);
      if (!from.ok() || from.value().org_id != p.org_id)
        return err::UnknownAssessment().with_field("carry_from");
      if (from.value().catalog_id != a.catalog_id)
        return err::CatalogMismatch().with_field("carry_from");
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
        AuditOf(actor, now, "assessment.create", "assessment", a.id.value,
                {{"catalog", a.catalog_id}, {"fiscal_year", year}, {"carried", carried.size()}})));
    return a;
  });
}

Result<AssessmentView> AssessmentService::Get(const Actor& actor, AssessmentId id) {
  const Principal& p = actor.principal;
  AssessmentView out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto a, Visible(s, p, id));
    if (a.org_id != p.org_id)  // the sector body's reads of an operator's answers are audited
      RENKEI_RETURN_IF_ERROR(s.audit.Append(
          AuditOf(actor, clock_.now_ms(), "assessment.read", "assessment", id.value)));
    RENKEI_ASSIGN_OR_RETURN(out, ViewOf(s, p, std::move(a)));
    return Status::Ok();
  }));
  return out;
}

Result<AssessmentView> AssessmentService::SaveAnswers(const Actor& actor, AssessmentId id,
                                                      const std::vector<Answer>& answers) {
  const Principal& p = actor.principal;
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
    RENKEI_RETURN_IF_ERROR(s.audit.Append(AuditOf(actor, now, "assessment.answer", "assessment",
                                                  id.value, {{"items", rows.size()}})));
    return a;
  });
}

Result<AssessmentView> AssessmentService::Submit(const Actor& actor, AssessmentId id) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  return Change(p, [&](Stores& s) -> Result<Assessment> {
    RENKEI_ASSIGN_OR_RETURN(auto a, Editable(s, p, id));
    RENKEI_ASSIGN_OR_RETURN(const AssessmentCatalog* catalog, Catalog(a.catalog_id));
    RENKEI_ASSIGN_OR_RETURN(auto answers, s.assessments.Answers(id));
    const std::string codes = LevelCodes(*catalog, answers);
    const auto missing = codes.find('-');
    if (missing != std::string::npos) {
      const auto open = std::count(codes.begin(), codes.end(), '-');
      return err::Incomplete({.count = open, .first = catalog->items()[missing].id})
          .with_field("answers");
    }
    RENKEI_ASSIGN_OR_RETURN(auto scores,
                            FreezeSubmission(s.assessments, *catalog, a, codes, now, p.user_id));
    RENKEI_RETURN_IF_ERROR(s.audit.Append(
        AuditOf(actor, now, "assessment.submit", "assessment", id.value, {{"rule", scores.rule}})));
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

Result<ImportResult> AssessmentService::Import(const Actor& actor, AssessmentId id,
                                               const Workbook& book) {
  const Principal& p = actor.principal;
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
    RENKEI_RETURN_IF_ERROR(s.audit.Append(AuditOf(actor, now, "assessment.import", "assessment",
                                                  id.value, {{"items", sheet.answers.size()}})));
    RENKEI_ASSIGN_OR_RETURN(out.view, ViewOf(s, p, std::move(a)));
    return Status::Ok();
  }));
  return out;
}

Result<SectorView> AssessmentService::Sector(const Principal& p, const std::string& catalog_id,
                                             std::optional<int> fiscal_year,
                                             const SectorFilter& filter,
                                             const std::string& sector_id) {
  RENKEI_ASSIGN_OR_RETURN(const AssessmentCatalog* catalog, Catalog(catalog_id));
  if (!filter.business_class.empty())
    RENKEI_RETURN_IF_ERROR(CheckOneOf(filter.business_class, "business_class", kBusinessClasses));
  if (!filter.size_class.empty())
    RENKEI_RETURN_IF_ERROR(CheckOneOf(filter.size_class, "size", kSizeClasses));
  SectorView out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto sector, SectorOf(s, p, sector_id, true));
    RENKEI_ASSIGN_OR_RETURN(auto ops, s.assessments.SectorOperators(sector));
    RENKEI_ASSIGN_OR_RETURN(auto subs, s.assessments.SectorSubmissions(sector, catalog->id(), {}));
    out = ComputeSectorView(*catalog, fiscal_year.value_or(FiscalYearOf(clock_.now_ms())), filter,
                            ops, subs);
    out.sector_id = sector;
    RENKEI_ASSIGN_OR_RETURN(out.sectors, ViewSectors(s, p, true));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<SectorStatusRow>> AssessmentService::SectorStatus(
    const Principal& p, const std::string& catalog_id, std::optional<int> fiscal_year,
    const SectorStatusFilter& filter, const std::string& sector_id) {
  RENKEI_ASSIGN_OR_RETURN(const AssessmentCatalog* catalog, Catalog(catalog_id));
  std::vector<SectorStatusRow> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto sector, SectorOf(s, p, sector_id, false));
    return StatusIn(s, sector, *catalog, fiscal_year, filter, out);
  }));
  return out;
}

Result<std::vector<SectorStatusRow>> AssessmentService::ExportSectorStatus(
    const Actor& actor, const std::string& catalog_id, std::optional<int> fiscal_year,
    const SectorStatusFilter& filter, const ExportRequest& req, bool& truncated,
    const std::string& sector_id) {
  RENKEI_ASSIGN_OR_RETURN(const AssessmentCatalog* catalog, Catalog(catalog_id));
  std::vector<SectorStatusRow> out;
  const Millis now = clock_.now_ms();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto sector, SectorOf(s, actor.principal, sector_id, false));
    RENKEI_RETURN_IF_ERROR(StatusIn(s, sector, *catalog, fiscal_year, filter, out));
    truncated = out.size() > kMaxExportRows;
    if (truncated) out.resize(kMaxExportRows);
    return s.audit.Append(
        ExportAuditOf(actor, now, "sector_status", "sector", sector, req, out.size(), truncated));
  }));
  return out;
}

Result<std::vector<SectorPenetration>> AssessmentService::Penetration(const Principal& p,
                                                                      int fiscal_year) {
  std::vector<SectorPenetration> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto all, s.directory.ListSectors());
    std::vector<std::string> sectors = OverseenSectors(p, all);
    if (p.has(Role::kSectorBodyOfficer) || p.has(Role::kMinistryOfficer)) {
      RENKEI_ASSIGN_OR_RETURN(auto mine, ViewSectors(s, p, true));
      for (auto& id : mine)
        if (!Contains(sectors, id)) sectors.push_back(std::move(id));
    }
    if (sectors.empty()) return Status::Ok();
    RENKEI_ASSIGN_OR_RETURN(auto ops, s.assessments.OperatorCounts());
    RENKEI_ASSIGN_OR_RETURN(auto subs, s.assessments.SubmitterCounts(fiscal_year));
    for (const auto& sector : sectors) {
      int operators = 0;
      for (const auto& o : ops)
        if (o.sector_id == sector) operators = o.count;
      for (const auto& c : catalogs_.all()) {
        SectorPenetration row{sector, c.id(), operators, 0};
        for (const auto& x : subs)
          if (x.sector_id == sector && x.catalog_id == c.id()) row.submitted = x.count;
        out.push_back(std::move(row));
      }
    }
    return Status::Ok();
  }));
  return out;
}

Status AssessmentService::StatusIn(Stores& s, const std::string& sector,
                                   const AssessmentCatalog& catalog, std::optional<int> fiscal_year,
                                   const SectorStatusFilter& filter,
                                   std::vector<SectorStatusRow>& out) {
  RENKEI_ASSIGN_OR_RETURN(auto ops, s.assessments.SectorOperators(sector));
  RENKEI_ASSIGN_OR_RETURN(
      auto subs, s.assessments.SubmittedInSector(
                     sector, catalog.id(), fiscal_year.value_or(FiscalYearOf(clock_.now_ms()))));
  std::unordered_map<std::int64_t, const Assessment*> by_org;
  for (const auto& a : subs) by_org.emplace(a.org_id.value, &a);  // newest first wins
  for (auto& o : ops) {
    SectorStatusRow row{std::move(o), std::nullopt, std::nullopt};
    if (auto it = by_org.find(row.org.org_id.value); it != by_org.end()) {
      row.assessment_id = it->second->id;
      row.submitted_at = it->second->submitted_at;
    }
    if (filter.submitted && *filter.submitted != row.assessment_id.has_value()) continue;
    if (!filter.business_class.empty() && row.org.business_class != filter.business_class) continue;
    if (!filter.size_class.empty() && row.org.size_class != filter.size_class) continue;
    out.push_back(std::move(row));
  }
  return Status::Ok();
}

}  // namespace renkei::domain
