// Self-assessment's part of the route table: catalogues, assessments with their answers,
// scores and plan, the check sheet as .xlsx/.csv out and in, submission, and the sector
// body's view.
#include "domain/assessment/assessment_service.h"
#include "http/export.h"
#include "http/problem.h"
#include "http/route_helpers.h"
#include "office/xlsx.h"

namespace renkei::http {
namespace {

constexpr size_t kMaxAnswersPerRequest = 200;

using domain::AssessmentView;

void OptTenths(JsonWriter& w, std::string_view key, const std::optional<int>& v) {
  w.FieldOrNull(key, v ? std::optional<std::int64_t>(*v) : std::nullopt);
}

// The fields a catalogue's summary and its full form share (the object stays open).
JsonWriter& BeginCatalog(JsonWriter& w, const domain::AssessmentCatalog& c) {
  return w.BeginObject()
      .Field("id", c.id())
      .Field("version", c.version())
      .Field("name_ja", c.name_ja())
      .Field("name_en", c.name_en())
      .Field("source", c.source());
}

void WriteCatalogSummary(JsonWriter& w, const domain::AssessmentCatalog& c) {
  BeginCatalog(w, c)
      .Field("function_count", static_cast<std::int64_t>(c.functions().size()))
      .Field("item_count", static_cast<std::int64_t>(c.items().size()))
      .EndObject();
}

void WriteCatalog(JsonWriter& w, const domain::AssessmentCatalog& c) {
  BeginCatalog(w, c).Field("score_rule", domain::kScoreRule).Key("levels").BeginArray();
  for (const auto& l : c.levels()) {
    w.BeginObject()
        .Field("level", l.level)
        .Field("label_ja", l.label_ja)
        .Field("label_en", l.label_en)
        .Field("description_ja", l.description_ja)
        .Field("description_en", l.description_en)
        .EndObject();
  }
  w.EndArray().Key("functions").BeginArray();
  for (const auto& f : c.functions()) {
    w.BeginObject().Field("id", f.id).Field("name_ja", f.name_ja).Field("name_en", f.name_en);
    w.Key("categories").BeginArray();
    for (size_t ci : f.categories) {
      const auto& cat = c.categories()[ci];
      w.BeginObject()
          .Field("id", cat.id)
          .Field("name_ja", cat.name_ja)
          .Field("name_en", cat.name_en)
          .Key("items")
          .BeginArray();
      for (size_t ii : cat.items) {
        const auto& it = c.items()[ii];
        w.BeginObject()
            .Field("id", it.id)
            .Field("ja", it.ja)
            .Field("en", it.en)
            .Field("next_ja", it.next_ja)
            .Field("next_en", it.next_en)
            .EndObject();
      }
      w.EndArray().EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray().EndObject();
}

void WriteAssessmentFields(JsonWriter& w, const domain::Assessment& a) {
  w.Field("id", a.id.value)
      .Field("org_id", a.org_id.value)
      .Field("org_name_ja", a.org_name_ja)
      .Field("org_name_en", a.org_name_en)
      .Field("catalog_id", a.catalog_id)
      .Field("catalog_version", a.catalog_version)
      .Field("scope", a.scope)
      .Field("fiscal_year", a.fiscal_year)
      .Field("status", a.status)
      .FieldOrNull("carried_from", a.carried_from
                                       ? std::optional<std::int64_t>(a.carried_from->value)
                                       : std::nullopt)
      .FieldOrNull("score_rule", a.score_rule);
  TimeField(w, "created_at", a.created_at);
  TimeField(w, "updated_at", a.updated_at);
  TimeField(w, "submitted_at", a.submitted_at);
}

void WriteAssessment(JsonWriter& w, const domain::Assessment& a) {
  w.BeginObject();
  WriteAssessmentFields(w, a);
  w.EndObject();
}

void WriteNodes(JsonWriter& w, std::string_view key, const std::vector<domain::NodeScore>& nodes) {
  w.Key(key).BeginArray();
  for (const auto& n : nodes) {
    w.BeginObject()
        .Field("id", n.id)
        .Field("applicable", n.applicable)
        .Field("answered", n.answered);
    OptTenths(w, "mean_tenths", n.mean_tenths);
    OptTenths(w, "floor", n.floor);
    w.EndObject();
  }
  w.EndArray();
}

void WriteScores(JsonWriter& w, const domain::Scores& s) {
  w.BeginObject().Field("rule", s.rule);
  WriteNodes(w, "functions", s.functions);
  WriteNodes(w, "categories", s.categories);
  WriteNodes(w, "overall", {s.overall});
  w.EndObject();
}

void WriteView(JsonWriter& w, const AssessmentView& v) {
  w.BeginObject();
  WriteAssessmentFields(w, v.a);
  w.Field("can_edit", v.can_edit).Key("answers").BeginArray();
  for (const auto& a : v.answers) {
    w.BeginObject().Field("item_id", a.item_id);
    OptTenths(w, "level", a.level);
    w.Field("not_applicable", a.not_applicable)
        .Field("na_reason", a.na_reason)
        .Field("comment", a.comment)
        .Field("evidence", a.evidence);
    TimeField(w, "updated_at", a.updated_at);
    w.EndObject();
  }
  w.EndArray().Key("scores");
  WriteScores(w, v.scores);
  w.Key("plan").BeginArray();
  for (const auto& p : v.plan) {
    w.BeginObject()
        .Field("item_id", p.item_id)
        .Field("function_id", p.function_id)
        .Field("current", p.current)
        .Field("target", p.target)
        .Field("gain_hundredths", p.gain_hundredths)
        .EndObject();
  }
  w.EndArray().Key("previous");
  if (v.previous) {
    WriteAssessment(w, *v.previous);
    w.Key("previous_scores");
    WriteScores(w, *v.previous_scores);
  } else {
    w.Null().Key("previous_scores").Null();
  }
  w.Key("position").BeginArray();
  for (const auto& p : v.position) {
    w.BeginObject().Field("function_id", p.function_id);
    OptTenths(w, "own_tenths", p.own_tenths);
    OptTenths(w, "sector_mean_tenths", p.sector_mean_tenths);
    OptTenths(w, "percentile", p.percentile);
    w.EndObject();
  }
  w.EndArray().EndObject();
}

void WritePenetration(JsonWriter& w, const domain::PenetrationRow& r) {
  w.BeginObject()
      .Field("key", r.key)
      .Field("operators", r.operators)
      .Field("submitted", r.submitted)
      .EndObject();
}

void WriteSectorView(JsonWriter& w, const domain::SectorView& v) {
  w.BeginObject().Field("sector_id", v.sector_id).Key("sectors").BeginArray();
  for (const auto& id : v.sectors) w.String(id);
  w.EndArray()
      .Field("fiscal_year", v.fiscal_year)
      .Field("business_class", v.filter.business_class)
      .Field("size", v.filter.size_class)
      .Field("min_group", domain::kMinGroup)
      .Key("total");
  WritePenetration(w, v.total);
  w.Key("by_business_class").BeginArray();
  for (const auto& r : v.by_business_class) WritePenetration(w, r);
  w.EndArray().Key("by_size").BeginArray();
  for (const auto& r : v.by_size) WritePenetration(w, r);
  w.EndArray()
      .Field("group_size", v.group_size)
      .Field("suppressed", v.suppressed)
      .Key("functions")
      .BeginArray();
  for (const auto& f : v.functions) {
    w.BeginObject().Field("function_id", f.function_id).Key("buckets").BeginArray();
    for (int n : f.buckets) w.Int(n);
    w.EndArray();
    OptTenths(w, "mean_tenths", f.mean_tenths);
    w.EndObject();
  }
  w.EndArray().Key("items").BeginArray();
  for (const auto& i : v.items) {
    w.BeginObject().Field("item_id", i.item_id).Key("levels").BeginArray();
    for (int n : i.levels) w.Int(n);
    w.EndArray().Field("not_applicable", i.not_applicable);
    OptTenths(w, "mean_tenths", i.mean_tenths);
    w.EndObject();
  }
  w.EndArray().Field("weakest_items", v.weakest_items).Key("trends").BeginArray();
  for (const auto& t : v.trends) {
    w.BeginObject()
        .Field("fiscal_year", t.fiscal_year)
        .Field("submitted", t.submitted)
        .Field("suppressed", t.suppressed)
        .Key("function_means_tenths")
        .BeginArray();
    for (const auto& m : t.function_means_tenths) m ? w.Int(*m) : w.Null();
    w.EndArray().EndObject();
  }
  w.EndArray().EndObject();
}

Result<domain::SectorStatusFilter> ReadStatusFilter(const Request& req) {
  domain::SectorStatusFilter f;
  RENKEI_ASSIGN_OR_RETURN(f.submitted, QueryBool(req, "submitted"));
  f.business_class = QueryString(req, "business_class");
  f.size_class = QueryString(req, "size");
  return f;
}

void WriteStatusRow(JsonWriter& w, const domain::SectorStatusRow& r) {
  w.BeginObject()
      .Field("org_id", r.org.org_id.value)
      .Field("name_ja", r.org.name_ja)
      .Field("name_en", r.org.name_en)
      .Field("business_class", r.org.business_class)
      .Field("size", r.org.size_class)
      .FieldOrNull("assessment_id", r.assessment_id
                                        ? std::optional<std::int64_t>(r.assessment_id->value)
                                        : std::nullopt);
  TimeField(w, "submitted_at", r.submitted_at);
  w.EndObject();
}

Result<domain::NewAssessment> ReadNew(const std::string& body) {
  RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(body));
  domain::NewAssessment n;
  n.catalog_id = in.String("catalog_id", true).value_or("");
  n.scope = in.String("scope", false).value_or("");
  if (auto y = in.Int("fiscal_year", false))
    n.fiscal_year = static_cast<int>(std::clamp<std::int64_t>(*y, 0, 99999));
  if (auto from = in.Int("carry_from", false)) n.carry_from = domain::AssessmentId(*from);
  RENKEI_RETURN_IF_ERROR(in.Finish());
  return n;
}

Result<std::vector<domain::Answer>> ReadAnswers(const std::string& body) {
  RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(body));
  auto list = in.Objects("answers", true);
  RENKEI_RETURN_IF_ERROR(in.Finish());
  if (list->empty() || list->size() > kMaxAnswersPerRequest)
    return err::AnswersBatch(kMaxAnswersPerRequest).with_field("answers");
  std::vector<domain::Answer> out;
  for (auto& o : *list) {
    domain::Answer a;
    a.item_id = o.String("item_id", true).value_or("");
    if (auto l = o.Int("level", false))
      a.level = static_cast<int>(std::clamp<std::int64_t>(*l, -1, 99));
    a.not_applicable = o.Bool("not_applicable", false).value_or(false);
    a.na_reason = o.String("na_reason", false).value_or("");
    a.comment = o.String("comment", false).value_or("");
    a.evidence = o.String("evidence", false).value_or("");
    RENKEI_RETURN_IF_ERROR(o.Finish());
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::optional<int>> QueryYear(const Request& req) {
  if (QueryString(req, "fiscal_year").empty()) return std::optional<int>();
  RENKEI_ASSIGN_OR_RETURN(auto y, QueryInt(req, "fiscal_year", 0, 2000, 2100));
  return std::optional<int>(static_cast<int>(y));
}

std::string QueryCatalog(const Request& req) {
  const std::string c = QueryString(req, "catalog");
  return c.empty() ? "nist-csf-1.1" : c;
}

// The import's row errors as problem+json with an "errors" list (nothing was imported),
// each row's message in the caller's language like the detail.
Reply RowErrorsReply(const Request& req, const std::vector<domain::RowError>& errors) {
  const Lang lang = LangOf(req);
  const Status st = err::ImportRejected(errors.size()).with_field("file");
  JsonWriter w;
  w.BeginArray();
  for (const auto& e : errors) {
    w.BeginObject()
        .Field("row", e.row)
        .Field("column", e.column)
        .Field("code", e.status.code())
        .Field("message", e.status.message(lang))
        .EndObject();
  }
  w.EndArray();
  Reply r;
  r.status = HttpStatusFor(st.kind());
  r.body = ProblemMembers(st, lang) + ",\"errors\":" + w.Take() + "}";
  r.content_type = "application/problem+json";
  r.headers.emplace_back("Content-Language", lang == Lang::kEn ? "en" : "ja");
  return r;
}

}  // namespace

std::vector<Route> AssessmentRoutes() {
  using A = Access;
  return {
      {"GET",
       "/api/v1/assessment/catalogs",
       A::kSignedIn,
       {.tag = "assessment",
        .summary =
            "The self-assessment catalogues (NIST CSF 1.1, CSF 2.0, the broadcasting standard).",
        .response = "AssessmentCatalogList",

        .description = "catalogue summaries"},
       [](Ctx& c) -> Result<Reply> {
         auto& as = c.s.assessments;
         return ItemsReply(as.catalogs().all(), WriteCatalogSummary);
       }},
      {"GET",
       "/api/v1/assessment/catalogs/{catalog}",
       A::kSignedIn,
       {.tag = "assessment",
        .summary = "One catalogue: levels 0–4 with descriptions, functions, categories, check "
                   "items with next steps (JA/EN).",
        .response = "AssessmentCatalog",

        .description = "the catalogue"},
       [](Ctx& c) -> Result<Reply> {
         auto& as = c.s.assessments;
         const auto* cat = as.catalogs().find(c.params.at(0));
         if (!cat) return err::CatalogNotFound();
         return ValueReply(WriteCatalog, *cat);
       }},
      {"GET",
       "/api/v1/assessments",
       A::kSignedIn,
       {.tag = "assessment",
        .summary = "The caller's organisation's assessments, newest round first.",
        .response = "AssessmentList",

        .description = "items"},
       [](Ctx& c) -> Result<Reply> {
         auto& as = c.s.assessments;
         RENKEI_ASSIGN_OR_RETURN(auto list, as.List(*c.principal));
         return ItemsReply(list, WriteAssessment);
       }},
      {"POST",
       "/api/v1/assessments",
       A::kSignedIn,
       {.tag = "assessment",
        .summary = "Start an assessment of a catalogue for a fiscal year (default: the current "
                   "one, JST) and optional scope; carry_from copies an earlier round's answers. "
                   "409 when that round exists.",
        .request = "AssessmentInput",
        .status = 201,
        .response = "Assessment",
        .errors = {409},
        .description = "the assessment"},
       [](Ctx& c) -> Result<Reply> {
         auto& as = c.s.assessments;
         RENKEI_ASSIGN_OR_RETURN(auto in, ReadNew(c.req.body));
         RENKEI_ASSIGN_OR_RETURN(auto v, as.Create(c.actor(), in));
         return ValueReply(WriteView, v, 201);
       }},
      {"GET",
       "/api/v1/assessments/{id}",
       A::kSignedIn,
       {.tag = "assessment",
        .summary = "An assessment: its organisation's people, or (submitted) the sector body of "
                   "its sector; others 404.",
        .response = "Assessment",
        .errors = {403},
        .description = "the assessment"},
       [](Ctx& c) -> Result<Reply> {
         auto& as = c.s.assessments;
         RENKEI_ASSIGN_OR_RETURN(auto id,
                                 PathId<domain::AssessmentId>(c, 0, err::AssessmentNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto v, as.Get(c.actor(), id));
         return ValueReply(WriteView, v);
       }},
      {"PATCH",
       "/api/v1/assessments/{id}/answers",
       A::kSignedIn,
       {.tag = "assessment",
        .summary = "Save 1–200 answers (level 0–4, or not_applicable with na_reason; comment, "
                   "evidence). 409 once submitted.",
        .request = "AnswersInput",
        .response = "Assessment",
        .errors = {409},
        .description = "the assessment"},
       [](Ctx& c) -> Result<Reply> {
         auto& as = c.s.assessments;
         RENKEI_ASSIGN_OR_RETURN(auto id,
                                 PathId<domain::AssessmentId>(c, 0, err::AssessmentNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto answers, ReadAnswers(c.req.body));
         RENKEI_ASSIGN_OR_RETURN(auto v, as.SaveAnswers(c.actor(), id, answers));
         return ValueReply(WriteView, v);
       }},
      {"POST",
       "/api/v1/assessments/{id}/submit",
       A::kSignedIn,
       {.tag = "assessment",
        .summary = "Submit to the sector body: freezes answers, stores scores with the rule's "
                   "name. 400 incomplete while items are unanswered.",
        .response = "Assessment",
        .errors = {409},
        .description = "the assessment"},
       [](Ctx& c) -> Result<Reply> {
         auto& as = c.s.assessments;
         RENKEI_ASSIGN_OR_RETURN(auto id,
                                 PathId<domain::AssessmentId>(c, 0, err::AssessmentNotFound));
         RENKEI_RETURN_IF_ERROR(NoBody(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto v, as.Submit(c.actor(), id));
         return ValueReply(WriteView, v);
       }},
      {"GET",
       "/api/v1/assessments/{id}/export",
       A::kSignedIn,
       {.tag = "assessment",
        .summary = "The check sheet, scores, improvement plan and level descriptions as .xlsx (or "
                   "the check sheet as CSV, UTF-8 with BOM).",
        .query = {"format", "lang"},
        .media = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"},
        .errors = {403},
        .description = "the file"},
       [](Ctx& c) -> Result<Reply> {
         auto& as = c.s.assessments;
         RENKEI_ASSIGN_OR_RETURN(auto id,
                                 PathId<domain::AssessmentId>(c, 0, err::AssessmentNotFound));
         std::string format = QueryString(c.req, "format"), lang = QueryString(c.req, "lang");
         if (format.empty()) format = "xlsx";
         if (lang.empty()) lang = "ja";
         if (format != "xlsx" && format != "csv")
           return err::InvalidValue("xlsx, csv").with_field("format");
         if (lang != "ja" && lang != "en") return err::InvalidValue("ja, en").with_field("lang");
         RENKEI_ASSIGN_OR_RETURN(auto book, as.Export(*c.principal, id, lang));
         const std::string name = "renkei-assessment-" + std::to_string(id.value) + "." + format;
         if (format == "csv")
           return DownloadReply(name, "text/csv; charset=utf-8", domain::ToCsv(book.sheets[0]));
         RENKEI_ASSIGN_OR_RETURN(auto bytes, office::WriteXlsx(book));
         return DownloadReply(name, office::kXlsxType, std::move(bytes));
       }},
      {"POST",
       "/api/v1/assessments/{id}/import",
       A::kSignedIn,
       {.tag = "assessment",
        .summary = "Import a filled check sheet (.xlsx or .csv, raw body, ?filename=). Any wrong "
                   "row → 400 import_rejected with an errors list (row, column, code) and nothing "
                   "imported. Who may import is checked before the file is read (404, 403, 409 "
                   "already_submitted); a file over the limits of docs/security.md answers 413 "
                   "xlsx_too_large or 400 too_many_parts, too_many_sheets, too_many_strings, "
                   "too_many_rows, too_many_cells, cell_too_long (field file).",
        .query = {"filename"},
        .response = "Assessment",
        .errors = {409, 415},
        .description = "the assessment"},
       [](Ctx& c) -> Result<Reply> {
         auto& as = c.s.assessments;
         RENKEI_ASSIGN_OR_RETURN(auto id,
                                 PathId<domain::AssessmentId>(c, 0, err::AssessmentNotFound));
         // Access first: reading the file is the costly part, and only for those who may import.
         RENKEI_RETURN_IF_ERROR(as.CheckImport(*c.principal, id));
         const std::string name = QueryString(c.req, "filename");
         const std::string type = UploadType(c.req);
         domain::Workbook book;
         if (name.ends_with(".csv") || type == "text/csv") {
           RENKEI_ASSIGN_OR_RETURN(auto table, domain::ParseCsv(c.req.body));
           book.sheets.push_back(std::move(table));
         } else if (name.ends_with(".xlsx") || type == office::kXlsxType) {
           RENKEI_ASSIGN_OR_RETURN(book, office::ReadXlsx(c.req.body));
         } else {
           return err::ImportFileType();
         }
         RENKEI_ASSIGN_OR_RETURN(auto result, as.Import(c.actor(), id, book));
         if (!result.errors.empty()) return RowErrorsReply(c.req, result.errors);
         return ValueReply(WriteView, result.view);
       },
       BodyKind::kUpload},
      {"GET",
       "/api/v1/sector/assessments",
       A::kSignedIn,
       {.tag = "assessment",
        .summary =
            "Sector body officers (their sectors) and ministry officers (the sectors of their "
            "ministry; another sector 404): penetration by business class and size, "
            "distributions per function and item (groups of at least 5 only), weakest items, "
            "trends per fiscal year.",
        .query = {"catalog", "fiscal_year", "business_class", "size", "sector"},
        .response = "SectorAssessmentView",
        .errors = {403, 404},
        .description = "the sector view"},
       [](Ctx& c) -> Result<Reply> {
         auto& as = c.s.assessments;
         RENKEI_ASSIGN_OR_RETURN(auto year, QueryYear(c.req));
         domain::SectorFilter f{QueryString(c.req, "business_class"), QueryString(c.req, "size")};
         RENKEI_ASSIGN_OR_RETURN(auto v, as.Sector(*c.principal, QueryCatalog(c.req), year, f,
                                                   QueryString(c.req, "sector")));
         return ValueReply(WriteSectorView, v);
       }},
      {"GET",
       "/api/v1/sector/assessments/status",
       A::kSignedIn,
       {.tag = "assessment",
        .summary = "Sector body officers: every operator of the sector with its submitted "
                   "assessment of the year, if any (it names operators: ministries get 403).",
        .query = {"catalog", "fiscal_year", "submitted", "business_class", "size", "sector"},
        .response = "SectorAssessmentStatus",
        .errors = {403, 404},
        .description = "items"},
       [](Ctx& c) -> Result<Reply> {
         auto& as = c.s.assessments;
         RENKEI_ASSIGN_OR_RETURN(auto year, QueryYear(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto f, ReadStatusFilter(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto rows, as.SectorStatus(*c.principal, QueryCatalog(c.req), year,
                                                            f, QueryString(c.req, "sector")));
         return ItemsReply(rows, WriteStatusRow);
       }},
      {"GET",
       "/api/v1/sector/assessments/status/export",
       A::kSignedIn,
       {.tag = "assessment",
        .summary = "The same list for the same officers as .xlsx or CSV (UTF-8 with BOM), with "
                   "the same filter, at most 50,000 rows; audited",
        .query = {"catalog", "fiscal_year", "submitted", "business_class", "size", "sector",
                  "format", "lang"},
        .media = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"},
        .errors = {403, 404},
        .description = "the file"},
       [](Ctx& c) -> Result<Reply> {
         auto& as = c.s.assessments;
         RENKEI_ASSIGN_OR_RETURN(auto year, QueryYear(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto q, ReadStatusFilter(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto o, ReadExportOptions(c.req));
         domain::AuditFields filter{{"catalog", QueryCatalog(c.req)}};
         if (year) filter.emplace_back("fiscal_year", *year);
         if (q.submitted) filter.emplace_back("submitted", *q.submitted);
         if (!q.business_class.empty()) filter.emplace_back("business_class", q.business_class);
         if (!q.size_class.empty()) filter.emplace_back("size", q.size_class);
         const std::string sector = QueryString(c.req, "sector");
         if (!sector.empty()) filter.emplace_back("sector", sector);
         bool truncated = false;
         RENKEI_ASSIGN_OR_RETURN(
             auto rows, as.ExportSectorStatus(c.actor(), QueryCatalog(c.req), year, q,
                                              {o.format, std::move(filter)}, truncated, sector));
         const Lang l = o.lang;
         ExportTable t;
         t.sheet = Words(l, "exports.sectorStatus.sheet");
         t.header = {Words(l, "exports.sectorStatus.org"),
                     Words(l, "exports.sectorStatus.business"),
                     Words(l, "exports.sectorStatus.size"), Words(l, "exports.sectorStatus.state"),
                     Words(l, "exports.sectorStatus.submittedAt")};
         for (const auto& r : rows) {
           t.rows.push_back(
               {l == Lang::kEn && !r.org.name_en.empty() ? r.org.name_en : r.org.name_ja,
                r.org.business_class.empty() ? "" : Words(l, "business." + r.org.business_class),
                r.org.size_class.empty() ? "" : Words(l, "sizes." + r.org.size_class),
                Words(l, r.assessment_id ? "exports.sectorStatus.submitted"
                                         : "exports.sectorStatus.notSubmitted"),
                JstCell(r.submitted_at)});
         }
         return ExportReply(t, o, "renkei-sector-assessments", truncated);
       }},
  };
}

}  // namespace renkei::http
