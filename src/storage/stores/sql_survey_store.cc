// The surveys' store (migration 0021). kSurveyVisible, kProgressVisible, kMembersVisible and
// kOwnerOf are THE survey access rule (domain/survey/survey_service.h) in SQL: every read
// taking a SurveyViewer ANDs one of them.
#include <map>

#include "core/error_codes.h"

#include "storage/stores/sql_rows.h"
#include "storage/stores/sql_stores.h"
#include "storage/stores/sql_text.h"

namespace renkei::storage {

using domain::Survey;
using domain::SurveyId;
using domain::SurveyViewer;

namespace {

// The viewer is bound at $1 (its organisation), $2 (1: a national centre or ministry
// officer) and $3 (1: a hub analyst); the survey is alias `s`.
//
// A survey is seen by its owner's officers, by the analysts of a hub it was sent to, and by
// the people of an organisation it was relayed to.
constexpr const char* kSurveyVisible =
    "((s.owner_org_id = $1 AND $2 = 1) OR ($3 = 1 AND s.id IN (SELECT sh.survey_id FROM "
    "survey_hubs sh JOIN hubs h ON h.id = sh.hub_id WHERE h.secretariat_org_id = $1)) OR s.id IN "
    "(SELECT st.survey_id FROM survey_targets st WHERE st.org_id = $1))";
// A target row (alias `t`) counts in the progress the owner's officers see (every target)
// and the relaying hub's analysts see (the hub's targets).
constexpr const char* kProgressVisible =
    "((s.owner_org_id = $1 AND $2 = 1) OR ($3 = 1 AND t.hub_id IN (SELECT id FROM hubs WHERE "
    "secretariat_org_id = $1)))";
// A hub row (alias `sh` with `h` its hub) in the progress: the owner's officers see every
// hub the survey was sent to, a hub's analysts their own hubs.
constexpr const char* kHubRowVisible =
    "((s.owner_org_id = $1 AND $2 = 1) OR ($3 = 1 AND h.secretariat_org_id = $1))";
// A target by name (the not-yet-answered list): only the analysts of the hub that relayed to
// it.
constexpr const char* kMembersVisible =
    "($3 = 1 AND t.hub_id IN (SELECT id FROM hubs WHERE secretariat_org_id = $1))";
// Aggregates and free text: the owner's officers only ($1, $2 as above).
constexpr const char* kOwnerOf = "(s.owner_org_id = $1 AND $2 = 1)";

Params Viewer3(const SurveyViewer& v) {
  return {v.org_id.value, std::int64_t{v.officer ? 1 : 0}, std::int64_t{v.analyst ? 1 : 0}};
}
Params Viewer2(const SurveyViewer& v) { return {v.org_id.value, std::int64_t{v.officer ? 1 : 0}}; }

// "$n, $n+1, …" for `count` values bound from position `first`.
std::string Placeholders(size_t first, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    if (i) out += ", ";
    out += "$" + std::to_string(first + i);
  }
  return out;
}

constexpr Columns kSurveyCols{{"s.id", "s.owner_org_id", "oo.name_ja", "oo.name_en", "s.created_by",
                               "s.created_at", "s.opens_at", "s.closes_at", "s.definition",
                               "s.audience_sectors", "s.audience_hubs", "s.audience_kinds",
                               "s.audience_sizes"}};

std::string SurveySelect() {
  return "SELECT " + kSurveyCols.List() +
         " FROM surveys s JOIN organisations oo ON oo.id = s.owner_org_id ";
}

Survey SurveyFromRow(Row& r) {
  constexpr auto& k = kSurveyCols;
  Survey s;
  s.id = SurveyId(r.i64(k("id")));
  s.owner_org_id = OrgId(r.i64(k("owner_org_id")));
  s.owner_name_ja = r.take(k("oo.name_ja"));
  s.owner_name_en = r.take(k("oo.name_en"));
  s.created_by = UserId(r.i64(k("created_by")));
  s.created_at = r.i64(k("created_at"));
  s.opens_at = r.i64(k("opens_at"));
  s.closes_at = r.i64(k("closes_at"));
  s.definition_text = r.take(k("definition"));
  s.audience.sectors = Split(r.str(k("audience_sectors")));
  for (const auto& h : Split(r.str(k("audience_hubs"))))
    s.audience.hubs.push_back(HubId(std::stoll(h)));
  s.audience.org_kinds = Split(r.str(k("audience_kinds")));
  s.audience.size_classes = Split(r.str(k("audience_sizes")));
  return s;
}

std::optional<Millis> OptMillis(const Row& r, size_t col) { return r.opt_i64(col); }

}  // namespace

Result<SurveyId> SqlSurveyStore::CreateSurvey(const Survey& s) {
  std::vector<std::string> hubs;
  for (const auto& h : s.audience.hubs) hubs.push_back(std::to_string(h.value));
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO surveys (owner_org_id, created_by, created_at, opens_at, closes_at, "
               "series, title_ja, title_en, definition, audience_sectors, audience_hubs, "
               "audience_kinds, audience_sizes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
               "$11, $12, $13) RETURNING id",
               {s.owner_org_id.value, s.created_by.value, s.created_at, s.opens_at, s.closes_at,
                s.def.series, s.def.title_ja, s.def.title_en, s.definition_text,
                Join(s.audience.sectors), Join(hubs), Join(s.audience.org_kinds),
                Join(s.audience.size_classes)}));
  return SurveyId(rows.at(0).i64(0));
}

Status SqlSurveyStore::AddHub(SurveyId id, HubId hub) {
  return c_
      .Exec("INSERT INTO survey_hubs (survey_id, hub_id) VALUES ($1, $2)", {id.value, hub.value})
      .status();
}

Result<std::optional<Survey>> SqlSurveyStore::GetSurvey(const SurveyViewer& v, SurveyId id) {
  Params p = Viewer3(v);
  p.push_back(id.value);
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query(SurveySelect() + "WHERE s.id = $4 AND " + kSurveyVisible, p));
  if (rows.empty()) return std::optional<Survey>();
  return std::optional<Survey>(SurveyFromRow(rows[0]));
}

Result<std::vector<domain::SurveySummary>> SqlSurveyStore::ListSurveys(const SurveyViewer& v,
                                                                       int limit) {
  Params p = Viewer3(v);
  p.push_back(std::int64_t{limit});
  // The caller's own answer set's state, and the targets and submissions it may count.
  const std::string extra =
      ", CASE WHEN mt.org_id IS NULL THEN '' ELSE COALESCE(my.state, 'not_started') END, "
      "(SELECT COUNT(*) FROM survey_targets t WHERE t.survey_id = s.id AND " +
      std::string(kProgressVisible) +
      "), (SELECT COUNT(*) FROM survey_targets t JOIN survey_responses r ON r.survey_id = "
      "t.survey_id AND r.org_id = t.org_id WHERE t.survey_id = s.id AND r.state = 'submitted' "
      "AND " +
      kProgressVisible + ")";
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT " + kSurveyCols.List() + extra +
                   " FROM surveys s JOIN organisations oo ON oo.id = s.owner_org_id LEFT JOIN "
                   "survey_targets mt ON mt.survey_id = s.id AND mt.org_id = $1 LEFT JOIN "
                   "survey_responses my ON my.survey_id = s.id AND my.org_id = $1 WHERE " +
                   kSurveyVisible + " ORDER BY s.id DESC LIMIT $4",
               p));
  std::vector<domain::SurveySummary> out;
  constexpr size_t n = 13;  // the columns after kSurveyCols
  for (auto& r : rows) {
    domain::SurveySummary x;
    x.survey = SurveyFromRow(r);
    x.owner = v.officer && x.survey.owner_org_id == v.org_id;
    x.my_state = r.str(n);
    x.targets = r.i64(n + 1);
    x.submitted = r.i64(n + 2);
    out.push_back(std::move(x));
  }
  if (v.analyst && !out.empty()) {
    RENKEI_ASSIGN_OR_RETURN(
        auto hubs, c_.Query("SELECT sh.survey_id, sh.hub_id, sh.relayed_at FROM survey_hubs sh "
                            "JOIN hubs h ON h.id = sh.hub_id WHERE h.secretariat_org_id = $1",
                            {v.org_id.value}));
    for (auto& x : out) {
      for (const auto& h : hubs) {
        if (h.i64(0) != x.survey.id.value) continue;
        x.relays.push_back(HubId(h.i64(1)));
        if (!h.is_null(2)) x.relayed.push_back(HubId(h.i64(1)));
      }
    }
  }
  return out;
}

Result<std::vector<domain::SurveyHubRow>> SqlSurveyStore::Hubs(SurveyId id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT h.id, h.name_ja, h.name_en, h.secretariat_org_id, sh.relayed_at FROM "
               "survey_hubs sh JOIN hubs h ON h.id = sh.hub_id WHERE sh.survey_id = $1 ORDER BY "
               "h.id",
               {id.value}));
  std::vector<domain::SurveyHubRow> out;
  for (auto& r : rows)
    out.push_back({HubId(r.i64(0)), r.take(1), r.take(2), OrgId(r.i64(3)), OptMillis(r, 4)});
  return out;
}

Result<std::vector<HubId>> SqlSurveyStore::HubsServing(const std::vector<std::string>& sectors) {
  std::vector<Row> rows;
  if (sectors.empty()) {
    RENKEI_ASSIGN_OR_RETURN(rows, c_.Query("SELECT id FROM hubs ORDER BY id", {}));
  } else {
    Params p(sectors.begin(), sectors.end());
    RENKEI_ASSIGN_OR_RETURN(
        rows, c_.Query("SELECT DISTINCT hub_id FROM hub_sectors WHERE sector_id IN (" +
                           Placeholders(1, sectors.size()) + ") ORDER BY hub_id",
                       p));
  }
  std::vector<HubId> out;
  for (const auto& r : rows) out.push_back(HubId(r.i64(0)));
  return out;
}

Result<std::vector<std::string>> SqlSurveyStore::SectorsOverseenBy(OrgId ministry) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT id FROM sectors WHERE ministry_org_id = $1 ORDER BY sort_order",
                          {ministry.value}));
  std::vector<std::string> out;
  for (auto& r : rows) out.push_back(r.take(0));
  return out;
}

Result<std::int64_t> SqlSurveyStore::Relay(SurveyId id, HubId hub, const domain::SurveyAudience& a,
                                           Millis now, UserId by) {
  Params p{id.value, hub.value, now};
  std::string sql =
      "INSERT INTO survey_targets (survey_id, org_id, hub_id, added_at) SELECT $1, o.id, $2, $3 "
      "FROM hub_members hm JOIN organisations o ON o.id = hm.org_id WHERE hm.hub_id = $2 AND "
      "o.active = 1";
  auto in = [&](const std::vector<std::string>& values, const std::string& column) {
    if (values.empty()) return;
    sql += " AND " + column + " IN (" + Placeholders(p.size() + 1, values.size()) + ")";
    for (const auto& x : values) p.push_back(x);
  };
  in(a.org_kinds, "o.kind");
  in(a.size_classes, "o.size_class");
  if (!a.sectors.empty()) {
    sql += " AND o.id IN (SELECT os.org_id FROM organisation_sectors os WHERE os.sector_id IN (" +
           Placeholders(p.size() + 1, a.sectors.size()) + "))";
    for (const auto& x : a.sectors) p.push_back(x);
  }
  sql += " ON CONFLICT (survey_id, org_id) DO NOTHING";
  RENKEI_ASSIGN_OR_RETURN(auto added, c_.Exec(sql, p));
  RENKEI_RETURN_IF_ERROR(
      c_.Exec("UPDATE survey_hubs SET relayed_at = COALESCE(relayed_at, $3), relayed_by = "
              "COALESCE(relayed_by, $4) WHERE survey_id = $1 AND hub_id = $2",
              {id.value, hub.value, now, by.value})
          .status());
  return added;
}

Result<bool> SqlSurveyStore::IsTarget(SurveyId id, OrgId org) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT 1 FROM survey_targets WHERE survey_id = $1 AND org_id = $2",
                          {id.value, org.value}));
  return !rows.empty();
}

Result<domain::SurveyResponse> SqlSurveyStore::Response(SurveyId id, OrgId org) {
  domain::SurveyResponse out;
  out.survey_id = id;
  out.org_id = org;
  RENKEI_ASSIGN_OR_RETURN(
      auto head,
      c_.Query("SELECT r.state, r.updated_at, r.updated_by, r.submitted_at, r.submitted_by, "
               "u.display_name FROM survey_responses r LEFT JOIN users u ON u.id = "
               "r.submitted_by WHERE r.survey_id = $1 AND r.org_id = $2",
               {id.value, org.value}));
  if (head.empty()) return out;
  auto& h = head[0];
  out.state = h.take(0);
  out.updated_at = h.opt_i64(1);
  out.updated_by = UserId(h.i64(2));
  out.submitted_at = h.opt_i64(3);
  out.submitted_by = UserId(h.i64(4));
  out.submitted_by_name = h.take(5);
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT question_id, row_id, kind, value_text, value_num FROM "
                          "survey_answers WHERE survey_id = $1 AND org_id = $2 ORDER BY id",
                          {id.value, org.value}));
  std::map<std::string, size_t> at;
  for (auto& r : rows) {
    std::string q = r.take(0);
    auto it = at.find(q);
    if (it == at.end()) {
      it = at.emplace(q, out.answers.size()).first;
      out.answers.push_back({});
      out.answers.back().question_id = q;
    }
    auto& a = out.answers[it->second];
    const std::string row = r.take(1), kind = r.take(2);
    std::string value = r.take(3);
    if (kind == "number") {
      a.number = r.f64(4);
    } else if (kind == "choice" && !row.empty()) {
      a.matrix.emplace_back(row, std::move(value));
    } else if (kind == "choice") {
      a.choices.push_back(std::move(value));
    } else {
      a.text = std::move(value);
    }
  }
  return out;
}

Status SqlSurveyStore::SaveDraft(SurveyId id, OrgId org,
                                 const std::vector<domain::SurveyAnswer>& answers, Millis now,
                                 UserId by) {
  RENKEI_ASSIGN_OR_RETURN(
      auto n,
      c_.Exec("INSERT INTO survey_responses (survey_id, org_id, state, updated_at, updated_by) "
              "VALUES ($1, $2, 'draft', $3, $4) ON CONFLICT (survey_id, org_id) DO UPDATE SET "
              "updated_at = excluded.updated_at, updated_by = excluded.updated_by WHERE "
              "survey_responses.state = 'draft'",
              {id.value, org.value, now, by.value}));
  if (n == 0) return err::SurveyAlreadySubmitted();
  RENKEI_RETURN_IF_ERROR(c_.Exec("DELETE FROM survey_answers WHERE survey_id = $1 AND org_id = $2",
                                 {id.value, org.value})
                             .status());
  constexpr const char* kInsert =
      "INSERT INTO survey_answers (survey_id, org_id, question_id, row_id, kind, value_text, "
      "value_num) VALUES ($1, $2, $3, $4, $5, $6, $7)";
  for (const auto& a : answers) {
    auto put = [&](const std::string& row, const char* kind, const std::string& text,
                   Value num) -> Status {
      return c_
          .Exec(kInsert,
                {id.value, org.value, a.question_id, row, std::string(kind), text, std::move(num)})
          .status();
    };
    for (const auto& c : a.choices) RENKEI_RETURN_IF_ERROR(put("", "choice", c, nullptr));
    for (const auto& [row, col] : a.matrix)
      RENKEI_RETURN_IF_ERROR(put(row, "choice", col, nullptr));
    if (a.number) RENKEI_RETURN_IF_ERROR(put("", "number", "", *a.number));
    if (!a.text.empty())
      RENKEI_RETURN_IF_ERROR(put("", a.is_date ? "date" : "text", a.text, nullptr));
  }
  return Status::Ok();
}

Result<bool> SqlSurveyStore::Submit(SurveyId id, OrgId org, Millis now, UserId by,
                                    const std::string& codes) {
  RENKEI_ASSIGN_OR_RETURN(
      auto n, c_.Exec("UPDATE survey_responses SET state = 'submitted', submitted_at = $3, "
                      "submitted_by = $4, updated_at = $3, updated_by = $4, codes = $5 WHERE "
                      "survey_id = $1 AND org_id = $2 AND state = 'draft'",
                      {id.value, org.value, now, by.value, codes}));
  return n == 1;
}

Result<domain::SurveyProgress> SqlSurveyStore::Progress(const SurveyViewer& v, SurveyId id) {
  domain::SurveyProgress out;
  Params p = Viewer3(v);
  p.push_back(id.value);
  constexpr const char* kCounts =
      "COUNT(t.org_id), SUM(CASE WHEN r.state = 'draft' THEN 1 ELSE 0 END), SUM(CASE WHEN "
      "r.state = 'submitted' THEN 1 ELSE 0 END)";
  RENKEI_ASSIGN_OR_RETURN(
      auto hubs,
      c_.Query(std::string("SELECT h.id, h.name_ja, h.name_en, sh.relayed_at, ") + kCounts +
                   " FROM survey_hubs sh JOIN surveys s ON s.id = sh.survey_id JOIN hubs h ON "
                   "h.id = sh.hub_id LEFT JOIN survey_targets t ON t.survey_id = sh.survey_id AND "
                   "t.hub_id = sh.hub_id LEFT JOIN survey_responses r ON r.survey_id = "
                   "t.survey_id AND r.org_id = t.org_id WHERE sh.survey_id = $4 AND " +
                   kHubRowVisible +
                   " GROUP BY h.id, h.name_ja, h.name_en, sh.relayed_at ORDER BY h.id",
               p));
  for (auto& r : hubs) {
    domain::SurveyRate x;
    x.key = std::to_string(r.i64(0));
    x.name_ja = r.take(1);
    x.name_en = r.take(2);
    x.relayed_at = r.opt_i64(3);
    x.targets = r.i64(4);
    x.drafts = r.i64(5);
    x.submitted = r.i64(6);
    out.hubs.push_back(std::move(x));
  }
  RENKEI_ASSIGN_OR_RETURN(
      auto sectors,
      c_.Query(std::string("SELECT sec.id, sec.name_ja, sec.name_en, ") + kCounts +
                   " FROM survey_targets t JOIN surveys s ON s.id = t.survey_id JOIN "
                   "organisation_sectors os ON os.org_id = t.org_id JOIN sectors sec ON sec.id = "
                   "os.sector_id LEFT JOIN survey_responses r ON r.survey_id = t.survey_id AND "
                   "r.org_id = t.org_id WHERE t.survey_id = $4 AND " +
                   kProgressVisible +
                   " GROUP BY sec.id, sec.name_ja, sec.name_en, sec.sort_order ORDER BY "
                   "sec.sort_order",
               p));
  for (auto& r : sectors) {
    domain::SurveyRate x;
    x.key = r.take(0);
    x.name_ja = r.take(1);
    x.name_en = r.take(2);
    x.targets = r.i64(3);
    x.drafts = r.i64(4);
    x.submitted = r.i64(5);
    out.sectors.push_back(std::move(x));
  }
  RENKEI_ASSIGN_OR_RETURN(
      auto members,
      c_.Query(std::string("SELECT t.org_id, t.hub_id, o.name_ja, o.name_en, r.state, "
                           "r.updated_at, r.submitted_at FROM survey_targets t JOIN "
                           "organisations o ON o.id = t.org_id LEFT JOIN survey_responses r ON "
                           "r.survey_id = t.survey_id AND r.org_id = t.org_id WHERE t.survey_id "
                           "= $4 AND ($2 = 0 OR $2 = 1) AND ") +
                   kMembersVisible +
                   " ORDER BY CASE WHEN r.state = 'submitted' THEN 2 WHEN r.state = 'draft' THEN "
                   "1 ELSE 0 END, o.name_ja, t.org_id",
               p));
  for (auto& r : members) {
    domain::SurveyMemberProgress m;
    m.org_id = OrgId(r.i64(0));
    m.hub_id = HubId(r.i64(1));
    m.name_ja = r.take(2);
    m.name_en = r.take(3);
    m.state = r.is_null(4) ? std::string(domain::kResponseNotStarted) : r.take(4);
    m.updated_at = r.opt_i64(5);
    m.submitted_at = r.opt_i64(6);
    out.members.push_back(std::move(m));
  }
  return out;
}

Result<domain::SurveySubmissions> SqlSurveyStore::Submissions(const SurveyViewer& v, SurveyId id) {
  domain::SurveySubmissions out;
  Params p = Viewer2(v);
  p.push_back(id.value);
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT o.sector_ids, r.codes FROM survey_responses r JOIN surveys s ON s.id = "
               "r.survey_id JOIN organisations o ON o.id = r.org_id WHERE r.survey_id = $3 AND "
               "r.state = 'submitted' AND " +
                   std::string(kOwnerOf),
               p));
  out.sets.reserve(rows.size());
  for (auto& r : rows) out.sets.push_back({Split(r.str(0)), r.take(1)});
  RENKEI_ASSIGN_OR_RETURN(auto targets,
                          c_.Query("SELECT COUNT(*) FROM survey_targets t JOIN surveys s ON s.id = "
                                   "t.survey_id WHERE t.survey_id = $3 AND " +
                                       std::string(kOwnerOf),
                                   p));
  out.targets = targets.at(0).i64(0);
  return out;
}

Result<std::vector<domain::SurveyText>> SqlSurveyStore::Texts(const SurveyViewer& v, SurveyId id) {
  Params p = Viewer2(v);
  p.push_back(id.value);
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT a.question_id, o.sector_ids, a.value_text, r.submitted_at FROM "
               "survey_answers a JOIN survey_responses r ON r.survey_id = a.survey_id AND "
               "r.org_id = a.org_id JOIN surveys s ON s.id = a.survey_id JOIN organisations o ON "
               "o.id = a.org_id WHERE a.survey_id = $3 AND a.kind = 'text' AND r.state = "
               "'submitted' AND " +
                   std::string(kOwnerOf) + " ORDER BY a.question_id, r.submitted_at, a.id",
               p));
  std::vector<domain::SurveyText> out;
  for (auto& r : rows) out.push_back({r.take(0), r.take(1), r.take(2), r.i64(3)});
  return out;
}

Result<std::vector<std::pair<UserId, OrgId>>> SqlSurveyStore::UnremindedUsers(SurveyId id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT u.id, u.org_id FROM survey_targets t JOIN users u ON u.org_id = t.org_id "
               "JOIN organisations o ON o.id = t.org_id WHERE t.survey_id = $1 AND u.active = 1 "
               "AND o.active = 1 AND NOT EXISTS (SELECT 1 FROM survey_responses r WHERE "
               "r.survey_id = t.survey_id AND r.org_id = t.org_id AND r.state = 'submitted') AND "
               "NOT EXISTS (SELECT 1 FROM outbox x WHERE x.subject_kind = 'survey' AND "
               "x.subject_id = $1 AND x.kind = 'survey_reminder' AND x.user_id = u.id) ORDER BY "
               "u.id",
               {id.value}));
  std::vector<std::pair<UserId, OrgId>> out;
  for (const auto& r : rows) out.emplace_back(UserId(r.i64(0)), OrgId(r.i64(1)));
  return out;
}

Result<std::optional<std::string>> SqlSurveyStore::StateOf(SurveyId id, OrgId org) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT r.state FROM survey_targets t LEFT JOIN survey_responses r ON "
               "r.survey_id = t.survey_id AND r.org_id = t.org_id WHERE t.survey_id = $1 AND "
               "t.org_id = $2",
               {id.value, org.value}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].is_null(0) ? std::string(domain::kResponseNotStarted)
                                                       : rows[0].take(0));
}

}  // namespace renkei::storage
