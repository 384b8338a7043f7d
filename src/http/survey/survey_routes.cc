// The surveys' part of the route table (調査, docs/survey.md): define and send, relay,
// answer (draft, submit), progress, results and their export, free-text answers. Access is
// SurveyService's rule.
#include "core/error_codes.h"
#include "core/time_format.h"
#include "domain/assessment/scoring.h"
#include "domain/survey/survey_service.h"
#include "http/export.h"
#include "http/route_helpers.h"

namespace renkei::http {
namespace {

using A = Access;
using domain::SurveyId;

void WriteChoices(JsonWriter& w, std::string_view key,
                  const std::vector<domain::SurveyChoice>& list) {
  w.Key(key).BeginArray();
  for (const auto& c : list)
    w.BeginObject().Field("id", c.id).Field("ja", c.ja).Field("en", c.en).EndObject();
  w.EndArray();
}

void OptNumber(JsonWriter& w, std::string_view key, const std::optional<double>& v) {
  w.Key(key);
  if (v)
    w.Number(*v);
  else
    w.Null();
}

void WriteQuestion(JsonWriter& w, const domain::SurveyQuestion& q) {
  w.BeginObject()
      .Field("id", q.id)
      .Field("type", q.type)
      .Field("ja", q.ja)
      .Field("en", q.en)
      .Field("help_ja", q.help_ja)
      .Field("help_en", q.help_en)
      .Field("required", q.required);
  WriteChoices(w, "choices", q.choices);
  WriteChoices(w, "rows", q.rows);
  OptNumber(w, "min", q.min);
  OptNumber(w, "max", q.max);
  w.Field("max_chars", q.max_chars).Key("when");
  if (q.when_question.empty())
    w.Null();
  else
    w.BeginObject().Field("question", q.when_question).Field("choice", q.when_choice).EndObject();
  w.EndObject();
}

void WriteAudience(JsonWriter& w, const domain::SurveyAudience& a) {
  w.Key("audience").BeginObject().Field("sectors", a.sectors);
  WriteIds(w, "hubs", a.hubs);
  w.Field("org_kinds", a.org_kinds).Field("size_classes", a.size_classes).EndObject();
}

void WriteResponse(JsonWriter& w, const domain::SurveyResponse& r) {
  w.BeginObject().Field("state", r.state).Key("answers").BeginArray();
  for (const auto& a : r.answers) {
    w.BeginObject().Field("question", a.question_id).Field("choices", a.choices);
    OptNumber(w, "number", a.number);
    w.Field("text", a.text).Key("matrix").BeginObject();
    for (const auto& [row, col] : a.matrix) w.Field(row, col);
    w.EndObject().EndObject();
  }
  w.EndArray();
  TimeField(w, "updated_at", r.updated_at);
  TimeField(w, "submitted_at", r.submitted_at);
  w.Field("submitted_by_name", r.submitted_by_name).EndObject();
}

void WriteView(JsonWriter& w, const domain::SurveyView& v) {
  const auto& s = v.survey;
  w.BeginObject()
      .Field("id", s.id.value)
      .Field("owner_org_id", s.owner_org_id.value)
      .Field("owner_name_ja", s.owner_name_ja)
      .Field("owner_name_en", s.owner_name_en)
      .Field("series", s.def.series)
      .Field("title_ja", s.def.title_ja)
      .Field("title_en", s.def.title_en)
      .Field("description_ja", s.def.description_ja)
      .Field("description_en", s.def.description_en);
  TimeField(w, "created_at", s.created_at);
  TimeField(w, "opens_at", s.opens_at);
  TimeField(w, "closes_at", s.closes_at);
  WriteAudience(w, s.audience);
  w.Key("questions").BeginArray();
  for (const auto& q : s.def.questions) WriteQuestion(w, q);
  w.EndArray()
      .Field("owner", v.owner)
      .Field("target", v.target)
      .Field("open", v.open)
      .Field("definition", v.owner ? s.definition_text : std::string());
  w.Key("relays").BeginArray();
  for (const auto& h : v.relays) {
    w.BeginObject()
        .Field("hub_id", h.hub_id.value)
        .Field("name_ja", h.name_ja)
        .Field("name_en", h.name_en);
    TimeField(w, "relayed_at", h.relayed_at);
    w.EndObject();
  }
  w.EndArray().Key("response");
  if (v.response)
    WriteResponse(w, *v.response);
  else
    w.Null();
  w.EndObject();
}

void WriteSummary(JsonWriter& w, const domain::SurveySummary& x) {
  const auto& s = x.survey;
  w.BeginObject()
      .Field("id", s.id.value)
      .Field("owner_name_ja", s.owner_name_ja)
      .Field("owner_name_en", s.owner_name_en)
      .Field("title_ja", s.def.title_ja)
      .Field("title_en", s.def.title_en)
      .Field("questions", static_cast<std::int64_t>(s.def.questions.size()));
  TimeField(w, "opens_at", s.opens_at);
  TimeField(w, "closes_at", s.closes_at);
  w.Field("owner", x.owner).Field("my_state", x.my_state);
  WriteIds(w, "relays", x.relays);
  WriteIds(w, "relayed", x.relayed);
  w.Field("targets", x.targets).Field("submitted", x.submitted).EndObject();
}

void WriteRates(JsonWriter& w, std::string_view key, const std::vector<domain::SurveyRate>& list) {
  w.Key(key).BeginArray();
  for (const auto& r : list) {
    w.BeginObject()
        .Field("key", r.key)
        .Field("name_ja", r.name_ja)
        .Field("name_en", r.name_en)
        .Field("targets", r.targets)
        .Field("drafts", r.drafts)
        .Field("submitted", r.submitted);
    TimeField(w, "relayed_at", r.relayed_at);
    w.EndObject();
  }
  w.EndArray();
}

void WriteProgress(JsonWriter& w, const domain::SurveyProgress& p) {
  w.BeginObject();
  WriteRates(w, "hubs", p.hubs);
  WriteRates(w, "sectors", p.sectors);
  w.Key("members").BeginArray();
  for (const auto& m : p.members) {
    w.BeginObject()
        .Field("org_id", m.org_id.value)
        .Field("hub_id", m.hub_id.value)
        .Field("name_ja", m.name_ja)
        .Field("name_en", m.name_en)
        .Field("state", m.state);
    TimeField(w, "updated_at", m.updated_at);
    TimeField(w, "submitted_at", m.submitted_at);
    w.EndObject();
  }
  w.EndArray().EndObject();
}

void WriteResults(JsonWriter& w, const domain::SurveyResults& r) {
  w.BeginObject()
      .Field("targets", r.targets)
      .Field("submitted", r.submitted)
      .Field("min_group", domain::kMinGroup)
      .Key("groups")
      .BeginArray();
  for (const auto& g : r.groups) {
    w.BeginObject()
        .Field("sector_id", g.sector_id)
        .Field("name_ja", g.name_ja)
        .Field("name_en", g.name_en)
        .Field("submitted", g.submitted)
        .Field("suppressed", g.suppressed)
        .Key("questions")
        .BeginArray();
    for (const auto& q : g.questions) {
      w.BeginObject().Field("question", q.question_id).Field("answered", q.answered);
      w.Key("counts").BeginArray();
      for (const auto& c : q.counts)
        w.BeginObject().Field("row", c.row).Field("choice", c.choice).Field("n", c.n).EndObject();
      w.EndArray();
      OptNumber(w, "mean", q.mean);
      OptNumber(w, "min", q.min);
      OptNumber(w, "max", q.max);
      w.EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray().EndObject();
}

Result<domain::SurveyAudience> ReadSurveyAudience(std::optional<JsonObject>& in) {
  domain::SurveyAudience a;
  if (!in) return a;
  a.sectors = in->Strings("sectors", false).value_or(std::vector<std::string>{});
  for (auto v : in->Ints("hubs", false).value_or(std::vector<std::int64_t>{}))
    a.hubs.push_back(HubId(v));
  a.org_kinds = in->Strings("org_kinds", false).value_or(std::vector<std::string>{});
  a.size_classes = in->Strings("size_classes", false).value_or(std::vector<std::string>{});
  RENKEI_RETURN_IF_ERROR(in->Finish());
  return a;
}

Result<std::vector<domain::SurveyAnswer>> ReadAnswers(JsonObject& in) {
  std::vector<domain::SurveyAnswer> out;
  auto list = in.Objects("answers", true);
  RENKEI_RETURN_IF_ERROR(in.Finish());
  for (auto& o : *list) {
    domain::SurveyAnswer a;
    a.question_id = o.String("question", true).value_or("");
    a.choices = o.Strings("choices", false).value_or(std::vector<std::string>{});
    a.number = o.Number("number", false);
    a.text = o.String("text", false).value_or("");
    for (auto& [row, col] :
         o.StringMap("matrix", false).value_or(std::map<std::string, std::string>{}))
      a.matrix.emplace_back(row, col);
    RENKEI_RETURN_IF_ERROR(o.Finish());
    out.push_back(std::move(a));
  }
  return out;
}

// The results as a table: per group (the whole audience, then each sector) and question,
// a line per choice (matrix: per row and column) with its count and share of those who
// answered; numbers with their mean, minimum and maximum; a group below the minimum size
// shows only its count of submissions.
Result<Reply> ResultsExport(const domain::Survey& s, const domain::SurveyResults& r,
                            const ExportOptions& o) {
  const Lang l = o.lang;
  const bool ja = l == Lang::kJa;
  auto word = [&](const char* key) { return Words(l, std::string("exports.survey.") + key); };
  ExportTable t;
  t.sheet = word("sheet");
  t.header = {word("group"), word("submitted"), word("question"), word("text"),
              word("row"),   word("choice"),    word("count"),    word("share"),
              word("mean"),  word("min"),       word("max")};
  auto num = [](const std::optional<double>& v) {
    if (!v) return std::string();
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", *v);
    return std::string(buf);
  };
  for (const auto& g : r.groups) {
    const std::string group = ja ? g.name_ja : g.name_en;
    const std::string n = std::to_string(g.submitted);
    if (g.suppressed) {
      t.rows.push_back({group, n, "", word("suppressed"), "", "", "", "", "", "", ""});
      continue;
    }
    for (const auto& q : g.questions) {
      const auto* def = s.def.question(q.question_id);
      if (!def) continue;
      const std::string text = ja ? def->ja : def->en;
      if (def->type == "number" || def->type == "text" || def->type == "date") {
        t.rows.push_back({group, n, q.question_id, text, "", "", std::to_string(q.answered), "",
                          num(q.mean), num(q.min), num(q.max)});
        continue;
      }
      for (const auto& c : q.counts) {
        const auto* ch = def->choice(c.choice);
        const auto* row = def->row(c.row);
        const std::string share =
            q.answered > 0 ? num(100.0 * static_cast<double>(c.n) / static_cast<double>(q.answered))
                           : std::string();
        t.rows.push_back({group, n, q.question_id, text, row ? (ja ? row->ja : row->en) : "",
                          ch ? (ja ? ch->ja : ch->en) : c.choice, std::to_string(c.n), share, "",
                          "", ""});
      }
    }
  }
  return ExportReply(t, o, "renkei-survey-results", false);
}

}  // namespace

std::vector<Route> SurveyRoutes() {
  return {
      {"GET",
       "/api/v1/surveys",
       A::kSignedIn,
       {.tag = "survey",
        .summary = "The surveys the caller sees (調査): those its organisation owns (officers), "
                   "those sent to a hub it staffs, those relayed to its organisation; newest "
                   "first, with the caller's answer state and, for the owner and the hubs, "
                   "the targets and submissions they may count. to_answer=true: those open "
                   "now that my organisation has not submitted; to_relay=true: those not "
                   "closed that a hub I staff has not relayed (the home tiles count these).",
        .query = {"to_answer", "to_relay"},
        .response = "SurveyList",
        .description = "the surveys"},
       [](Ctx& c) -> Result<Reply> {
         domain::SurveyFilter f;
         RENKEI_ASSIGN_OR_RETURN(auto to_answer, QueryBool(c.req, "to_answer"));
         f.to_answer = to_answer.value_or(false);
         RENKEI_ASSIGN_OR_RETURN(auto to_relay, QueryBool(c.req, "to_relay"));
         f.to_relay = to_relay.value_or(false);
         RENKEI_ASSIGN_OR_RETURN(auto list, c.s.survey.List(*c.principal, f));
         return ItemsReply(list, WriteSummary);
       }},
      {"POST",
       "/api/v1/surveys",
       A::kSignedIn,
       {.tag = "survey",
        .summary = "Define a survey and send it to hubs: the definition as TOML (questions: "
                   "single, multiple, number, date, text, matrix; conditions on an earlier "
                   "choice; ja and en), the audience (sectors, hubs, organisation kinds, size "
                   "classes; empty = any, kinds default to operators) and the period. National "
                   "centre officers for the whole country, ministry officers for the sectors "
                   "they oversee. A definition error names its line and field.",
        .request = "SurveyInput",
        .status = 201,
        .response = "Survey",
        .errors = {403},
        .description = "the survey as sent"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         domain::NewSurvey n;
         n.definition = in.String("definition", true).value_or("");
         const auto opens = in.String("opens_at", true).value_or("");
         const auto closes = in.String("closes_at", true).value_or("");
         auto audience = in.Object("audience", false);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(n.opens_at, TimeValue("opens_at", opens));
         RENKEI_ASSIGN_OR_RETURN(n.closes_at, TimeValue("closes_at", closes));
         RENKEI_ASSIGN_OR_RETURN(n.audience, ReadSurveyAudience(audience));
         RENKEI_ASSIGN_OR_RETURN(auto v, c.s.survey.Create(c.actor(), n));
         return ValueReply(WriteView, v, 201);
       }},
      {"GET",
       "/api/v1/surveys/{id}",
       A::kSignedIn,
       {.tag = "survey",
        .summary = "One survey: its questions and conditions, the caller's organisation's "
                   "answer set when it was asked, the hubs the caller staffs that received it. "
                   "Anyone the survey rule does not let see it gets 404.",
        .response = "Survey",
        .description = "the survey"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<SurveyId>(c, 0, err::SurveyNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto v, c.s.survey.Get(*c.principal, id));
         return ValueReply(WriteView, v);
       }},
      {"POST",
       "/api/v1/surveys/{id}/relay",
       A::kSignedIn,
       {.tag = "survey",
        .summary = "A hub's analysts relay (展開) the survey to the hub's active members in "
                   "its audience (hub_id: which of the caller's hubs, needed when it staffs "
                   "several that received it); again later adds members who joined since. "
                   "Queues each reached member's reminder for three days before the close.",
        .request = "SurveyRelayInput",
        .request_optional = true,
        .response = "SurveyRelayResult",
        .errors = {403, 409},
        .description = "how many organisations were added"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<SurveyId>(c, 0, err::SurveyNotFound));
         std::optional<HubId> hub;
         if (!c.req.body.empty()) {
           RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
           if (auto h = in.Int("hub_id", false)) hub = HubId(*h);
           RENKEI_RETURN_IF_ERROR(in.Finish());
         }
         RENKEI_ASSIGN_OR_RETURN(auto r, c.s.survey.Relay(c.actor(), id, hub));
         JsonWriter w;
         w.BeginObject().Field("hub_id", r.hub_id.value).Field("added", r.added).EndObject();
         return JsonReply(w);
       }},
      {"PUT",
       "/api/v1/surveys/{id}/answers",
       A::kSignedIn,
       {.tag = "survey",
        .summary = "Save the organisation's draft answers (autosave; replaces the draft): each "
                   "checked against its question — type, range, choice, condition (an answer "
                   "to a question whose condition is not met is refused). 409 once submitted "
                   "or outside the period.",
        .request = "SurveyAnswersInput",
        .response = "SurveyResponse",
        .errors = {403, 409},
        .description = "the draft as saved"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<SurveyId>(c, 0, err::SurveyNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         RENKEI_ASSIGN_OR_RETURN(auto answers, ReadAnswers(in));
         RENKEI_ASSIGN_OR_RETURN(auto r, c.s.survey.SaveDraft(c.actor(), id, answers));
         return ValueReply(WriteResponse, r);
       }},
      {"POST",
       "/api/v1/surveys/{id}/submit",
       A::kSignedIn,
       {.tag = "survey",
        .summary = "Submit the organisation's answers: every required question that is asked "
                   "must be answered; the set is frozen and the submitter recorded. A second "
                   "submission is 409.",
        .response = "SurveyResponse",
        .errors = {403, 409},
        .description = "the submitted answers"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<SurveyId>(c, 0, err::SurveyNotFound));
         RENKEI_RETURN_IF_ERROR(NoBody(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto r, c.s.survey.Submit(c.actor(), id));
         return ValueReply(WriteResponse, r);
       }},
      {"GET",
       "/api/v1/surveys/{id}/progress",
       A::kSignedIn,
       {.tag = "survey",
        .summary = "Response rates per hub and per sector (the owner: every target; a hub's "
                   "analysts: their hubs' members) and, for a hub's analysts only, their "
                   "members by name — answered, draft or not started, those not answered "
                   "first.",
        .response = "SurveyProgress",
        .errors = {403},
        .description = "the progress"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<SurveyId>(c, 0, err::SurveyNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto p, c.s.survey.Progress(*c.principal, id));
         return ValueReply(WriteProgress, p);
       }},
      {"GET",
       "/api/v1/surveys/{id}/results",
       A::kSignedIn,
       {.tag = "survey",
        .summary = "The owner's aggregates of the submitted answers per question, for the "
                   "whole audience and per sector: choice counts (matrix: per row and "
                   "column), numbers' mean, minimum and maximum; a group of fewer than "
                   "min_group submissions shows its count only.",
        .response = "SurveyResults",
        .errors = {403},
        .description = "the results"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<SurveyId>(c, 0, err::SurveyNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto r, c.s.survey.Results(*c.principal, id));
         return ValueReply(WriteResults, r);
       }},
      {"GET",
       "/api/v1/surveys/{id}/results/export",
       A::kSignedIn,
       {.tag = "survey",
        .summary = "The results of GET /surveys/{id}/results as CSV (UTF-8 with BOM) or .xlsx: "
                   "a line per group, question and choice with its count and share. The owner "
                   "only; audited.",
        .query = {"format", "lang"},
        .media = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"},
        .errors = {403},
        .description = "the file"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<SurveyId>(c, 0, err::SurveyNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto o, ReadExportOptions(c.req));
         domain::Survey s;
         RENKEI_ASSIGN_OR_RETURN(auto r,
                                 c.s.survey.ExportResults(c.actor(), id, {o.format, {}}, &s));
         return ResultsExport(s, r, o);
       }},
      {"GET",
       "/api/v1/surveys/{id}/texts",
       A::kSignedIn,
       {.tag = "survey",
        .summary = "The free-text answers of the submitted sets, for the survey's owner only: "
                   "the question, the answering organisation's sectors (never its name) and "
                   "the text.",
        .response = "SurveyTextList",
        .errors = {403},
        .description = "the texts"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<SurveyId>(c, 0, err::SurveyNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto list, c.s.survey.Texts(*c.principal, id));
         return ItemsReply(list, [](JsonWriter& w, const domain::SurveyText& t) {
           std::vector<std::string> sectors;
           for (size_t at = 0; at < t.sectors.size();) {
             size_t end = t.sectors.find(',', at);
             if (end == std::string::npos) end = t.sectors.size();
             if (end > at) sectors.push_back(t.sectors.substr(at, end - at));
             at = end + 1;
           }
           w.BeginObject().Field("question", t.question_id).Field("sectors", sectors);
           w.Field("text", t.text);
           TimeField(w, "submitted_at", t.submitted_at);
           w.EndObject();
         });
       }},
  };
}

}  // namespace renkei::http
