#include "storage/stores/sql_rows.h"
#include "storage/stores/sql_stores.h"

namespace renkei::storage {

using domain::Answer;
using domain::Assessment;
using domain::AssessmentId;

namespace {

constexpr Columns kCols{{"a.id", "a.org_id", "o.name_ja", "o.name_en", "a.catalog_id",
                         "a.catalog_version", "a.scope", "a.fiscal_year", "a.status",
                         "a.carried_from", "a.created_by", "a.created_at", "a.updated_at",
                         "a.submitted_at", "a.submitted_by", "a.score_rule", "a.level_codes"}};

std::string Select() {
  return "SELECT " + kCols.List() + " FROM assessments a JOIN organisations o ON o.id = a.org_id ";
}

Assessment FromRow(Row& r) {
  constexpr const auto& c = kCols;
  Assessment a;
  a.id = AssessmentId(r.i64(c("id")));
  a.org_id = OrgId(r.i64(c("org_id")));
  a.org_name_ja = r.take(c("name_ja"));
  a.org_name_en = r.take(c("name_en"));
  a.catalog_id = r.take(c("catalog_id"));
  a.catalog_version = r.take(c("catalog_version"));
  a.scope = r.take(c("scope"));
  a.fiscal_year = static_cast<int>(r.i64(c("fiscal_year")));
  a.status = r.take(c("status"));
  if (auto from = r.opt_i64(c("carried_from"))) a.carried_from = AssessmentId(*from);
  a.created_by = UserId(r.i64(c("created_by")));
  a.created_at = r.i64(c("created_at"));
  a.updated_at = r.i64(c("updated_at"));
  a.submitted_at = r.opt_i64(c("submitted_at"));
  a.submitted_by = UserId(r.i64(c("submitted_by")));
  a.score_rule = r.take(c("score_rule"));
  a.level_codes = r.take(c("level_codes"));
  return a;
}

constexpr Columns kAnswerCols{{"item_id", "level", "not_applicable", "na_reason", "comment",
                               "evidence", "updated_at", "updated_by"}};

Value OptInt(const std::optional<int>& v) { return v ? Value(std::int64_t{*v}) : Value(nullptr); }

}  // namespace

Result<AssessmentId> SqlAssessmentStore::Create(const Assessment& a) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(
          "INSERT INTO assessments (org_id, catalog_id, catalog_version, scope, fiscal_year, "
          "status, carried_from, created_by, created_at, updated_at) VALUES ($1, $2, $3, "
          "$4, $5, $6, $7, $8, $9, $10) RETURNING id",
          {a.org_id.value, a.catalog_id, a.catalog_version, a.scope, std::int64_t{a.fiscal_year},
           a.status, a.carried_from ? Value(a.carried_from->value) : Value(nullptr),
           a.created_by.value, a.created_at, a.updated_at}));
  return AssessmentId(rows.at(0).i64(0));
}

Status SqlAssessmentStore::Update(const Assessment& a) {
  return c_
      .Exec(
          "UPDATE assessments SET status = $2, updated_at = $3, submitted_at = $4, "
          "submitted_by = $5, score_rule = $6, level_codes = $7 WHERE id = $1",
          {a.id.value, a.status, a.updated_at, OptMillis(a.submitted_at),
           a.submitted_by.valid() ? Value(a.submitted_by.value) : Value(nullptr), a.score_rule,
           a.level_codes})
      .status();
}

Result<std::optional<Assessment>> SqlAssessmentStore::Get(AssessmentId id) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(Select() + "WHERE a.id = $1", {id.value}));
  if (rows.empty()) return std::optional<Assessment>();
  return std::optional<Assessment>(FromRow(rows[0]));
}

Result<std::vector<Assessment>> SqlAssessmentStore::ListForOrg(OrgId org) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query(Select() + "WHERE a.org_id = $1 ORDER BY a.fiscal_year DESC, a.id DESC",
                          {org.value}));
  std::vector<Assessment> out;
  for (auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<std::vector<Answer>> SqlAssessmentStore::Answers(AssessmentId id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT " + kAnswerCols.List() + " FROM assessment_answers WHERE assessment_id = $1",
               {id.value}));
  constexpr const auto& c = kAnswerCols;
  std::vector<Answer> out;
  out.reserve(rows.size());
  for (auto& r : rows) {
    Answer a;
    a.item_id = r.take(c("item_id"));
    if (auto l = r.opt_i64(c("level"))) a.level = static_cast<int>(*l);
    a.not_applicable = r.i64(c("not_applicable")) != 0;
    a.na_reason = r.take(c("na_reason"));
    a.comment = r.take(c("comment"));
    a.evidence = r.take(c("evidence"));
    a.updated_at = r.i64(c("updated_at"));
    a.updated_by = UserId(r.i64(c("updated_by")));
    out.push_back(std::move(a));
  }
  return out;
}

Status SqlAssessmentStore::PutAnswers(AssessmentId id, const std::vector<Answer>& answers) {
  for (const auto& a : answers) {
    RENKEI_RETURN_IF_ERROR(
        c_.Exec("INSERT INTO assessment_answers (assessment_id, item_id, level, not_applicable, "
                "na_reason, comment, evidence, updated_at, updated_by) VALUES ($1, $2, $3, $4, "
                "$5, $6, $7, $8, $9) ON CONFLICT (assessment_id, item_id) DO UPDATE SET "
                "level = excluded.level, not_applicable = excluded.not_applicable, "
                "na_reason = excluded.na_reason, comment = excluded.comment, "
                "evidence = excluded.evidence, updated_at = excluded.updated_at, "
                "updated_by = excluded.updated_by",
                {id.value, a.item_id, OptInt(a.level), std::int64_t{a.not_applicable}, a.na_reason,
                 a.comment, a.evidence, a.updated_at, a.updated_by.value})
            .status());
  }
  return Status::Ok();
}

Status SqlAssessmentStore::DeleteAnswers(AssessmentId id) {
  return c_.Exec("DELETE FROM assessment_answers WHERE assessment_id = $1", {id.value}).status();
}

Status SqlAssessmentStore::SaveScores(AssessmentId id, const domain::Scores& s) {
  RENKEI_RETURN_IF_ERROR(
      c_.Exec("DELETE FROM assessment_scores WHERE assessment_id = $1", {id.value}).status());
  auto put = [&](const char* kind, const domain::NodeScore& n) {
    return c_
        .Exec(
            "INSERT INTO assessment_scores (assessment_id, node_kind, node_id, rule, "
            "applicable, answered, mean_tenths, floor_level) VALUES ($1, $2, $3, $4, $5, $6, "
            "$7, $8)",
            {id.value, kind, n.id, s.rule, std::int64_t{n.applicable}, std::int64_t{n.answered},
             OptInt(n.mean_tenths), OptInt(n.floor)})
        .status();
  };
  for (const auto& n : s.functions) RENKEI_RETURN_IF_ERROR(put("function", n));
  for (const auto& n : s.categories) RENKEI_RETURN_IF_ERROR(put("category", n));
  return put("overall", s.overall);
}

namespace {
constexpr Columns kScoreCols{
    {"node_kind", "node_id", "rule", "applicable", "answered", "mean_tenths", "floor_level"}};
}  // namespace

Result<std::optional<domain::Scores>> SqlAssessmentStore::StoredScores(AssessmentId id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT " + kScoreCols.List() + " FROM assessment_scores WHERE assessment_id = $1",
               {id.value}));
  if (rows.empty()) return std::optional<domain::Scores>();
  constexpr const auto& c = kScoreCols;
  domain::Scores s;
  s.rule = rows[0].str(c("rule"));
  for (auto& r : rows) {
    domain::NodeScore n{r.take(c("node_id")), static_cast<int>(r.i64(c("applicable"))),
                        static_cast<int>(r.i64(c("answered"))), std::nullopt, std::nullopt};
    if (auto m = r.opt_i64(c("mean_tenths"))) n.mean_tenths = static_cast<int>(*m);
    if (auto f = r.opt_i64(c("floor_level"))) n.floor = static_cast<int>(*f);
    const std::string kind = r.take(c("node_kind"));
    if (kind == "function") {
      s.functions.push_back(std::move(n));
    } else if (kind == "category") {
      s.categories.push_back(std::move(n));
    } else {
      s.overall = std::move(n);
    }
  }
  return std::optional<domain::Scores>(std::move(s));
}

Result<std::vector<domain::SectorOperator>> SqlAssessmentStore::SectorOperators(
    const std::string& sector_id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT o.id, o.business_class, o.size_class, o.name_ja, o.name_en "
               "FROM organisations o JOIN organisation_sectors s ON s.org_id = o.id "
               "WHERE s.sector_id = $1 AND o.kind = 'operator' AND o.active = 1 ORDER BY o.id",
               {sector_id}));
  std::vector<domain::SectorOperator> out;
  out.reserve(rows.size());
  for (auto& r : rows) out.push_back({OrgId(r.i64(0)), r.take(1), r.take(2), r.take(3), r.take(4)});
  return out;
}

Result<std::vector<domain::SectorSubmission>> SqlAssessmentStore::SectorSubmissions(
    const std::string& sector_id, const std::string& catalog_id, std::optional<int> fiscal_year) {
  // Rows arrive per organisation and year with the latest submission last; the loop keeps it.
  std::vector<Value> params{sector_id, catalog_id};
  if (fiscal_year) params.emplace_back(static_cast<std::int64_t>(*fiscal_year));
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(std::string("SELECT a.org_id, a.fiscal_year, a.catalog_version, a.level_codes "
                           "FROM assessments a JOIN organisation_sectors s ON s.org_id = a.org_id "
                           "WHERE s.sector_id = $1 AND a.catalog_id = $2 "
                           "AND a.status = 'submitted' ") +
                   (fiscal_year ? "AND a.fiscal_year = $3 " : "") +
                   "ORDER BY a.org_id, a.fiscal_year, a.submitted_at, a.id",
               params));
  std::vector<domain::SectorSubmission> out;
  out.reserve(rows.size());
  for (auto& r : rows) {
    domain::SectorSubmission s{OrgId(r.i64(0)), static_cast<int>(r.i64(1)), r.take(2), r.take(3)};
    if (!out.empty() && out.back().org_id == s.org_id && out.back().fiscal_year == s.fiscal_year)
      out.back() = std::move(s);
    else
      out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<domain::SectorCount>> SqlAssessmentStore::OperatorCounts() {
  // The operators SectorOperators lists, counted per sector.
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT s.sector_id, COUNT(*) FROM organisation_sectors s "
                          "JOIN organisations o ON o.id = s.org_id "
                          "WHERE o.kind = 'operator' AND o.active = 1 GROUP BY s.sector_id",
                          {}));
  std::vector<domain::SectorCount> out;
  for (auto& r : rows) out.push_back({r.take(0), "", static_cast<int>(r.i64(1))});
  return out;
}

Result<std::vector<domain::SectorCount>> SqlAssessmentStore::SubmitterCounts(int fiscal_year) {
  // Of those operators, the ones with a submission of each catalogue in the year.
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT s.sector_id, a.catalog_id, COUNT(DISTINCT a.org_id) FROM assessments a "
               "JOIN organisations o ON o.id = a.org_id "
               "JOIN organisation_sectors s ON s.org_id = a.org_id "
               "WHERE a.fiscal_year = $1 AND a.status = 'submitted' AND o.kind = 'operator' "
               "AND o.active = 1 GROUP BY s.sector_id, a.catalog_id",
               {std::int64_t{fiscal_year}}));
  std::vector<domain::SectorCount> out;
  for (auto& r : rows) out.push_back({r.take(0), r.take(1), static_cast<int>(r.i64(2))});
  return out;
}

Result<std::vector<Assessment>> SqlAssessmentStore::SubmittedInSector(const std::string& sector_id,
                                                                      const std::string& catalog_id,
                                                                      int fiscal_year) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(Select() +
                   "JOIN organisation_sectors s ON s.org_id = a.org_id WHERE s.sector_id = $1 "
                   "AND a.catalog_id = $2 AND a.fiscal_year = $3 AND a.status = 'submitted' "
                   "ORDER BY a.submitted_at DESC, a.id DESC",
               {sector_id, catalog_id, std::int64_t{fiscal_year}}));
  std::vector<Assessment> out;
  for (auto& r : rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace renkei::storage
