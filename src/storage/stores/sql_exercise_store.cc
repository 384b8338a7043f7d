#include <map>

#include "storage/stores/sql_stores.h"
#include "storage/stores/sql_text.h"

namespace renkei::storage {

using domain::Exercise;
using domain::ExerciseId;
using domain::ExerciseInject;

namespace {

constexpr const char* kExerciseCols =
    "SELECT id, scenario_id, scenario_version, name, status, speed, created_by, org_id, "
    "created_at, started_at, ended_at, halt_reason FROM exercises ";

Exercise ExerciseFromRow(Row& r) {
  Exercise e;
  e.id = ExerciseId(r.i64(0));
  e.scenario_id = r.take(1);
  e.scenario_version = r.take(2);
  e.name = r.take(3);
  e.status = domain::ParseExerciseStatus(r.str(4)).value_or(domain::ExerciseStatus::kEnded);
  e.speed = static_cast<int>(r.i64(5));
  e.created_by = UserId(r.i64(6));
  e.org_id = OrgId(r.i64(7));
  e.created_at = r.i64(8);
  e.started_at = r.opt_i64(9);
  e.ended_at = r.opt_i64(10);
  e.halt_reason = r.take(11);
  return e;
}

// An inject's extra fields as lines of `tag<TAB>value…` with \\, \n and \t escaped: the
// question sets' questions, the conditions' channels, English texts, controller notes.
std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else
      out += c;
  }
  return out;
}
std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char n = s[++i];
      out += n == 'n' ? '\n' : n == 't' ? '\t' : n;
    } else {
      out += s[i];
    }
  }
  return out;
}
std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> out;
  size_t at = 0;
  while (true) {
    const size_t tab = line.find('\t', at);
    out.push_back(Unescape(line.substr(at, tab == std::string::npos ? tab : tab - at)));
    if (tab == std::string::npos) break;
    at = tab + 1;
  }
  return out;
}

std::string DetailOf(const domain::Inject& in) {
  std::string d;
  if (!in.title_en.empty()) d += "title_en\t" + Escape(in.title_en) + "\n";
  if (!in.body_en.empty()) d += "body_en\t" + Escape(in.body_en) + "\n";
  if (!in.controller_notes.empty()) d += "notes\t" + Escape(in.controller_notes) + "\n";
  for (const auto& ch : in.channels_down) d += "down\t" + Escape(ch) + "\n";
  for (const auto& q : in.questions)
    d += "q\t" + Escape(q.theme) + "\t" + Escape(q.ja) + "\t" + Escape(q.en) + "\n";
  return d;
}

void ReadDetail(const std::string& d, domain::Inject& in) {
  size_t at = 0;
  while (at < d.size()) {
    size_t nl = d.find('\n', at);
    if (nl == std::string::npos) nl = d.size();
    const auto f = Fields(d.substr(at, nl - at));
    at = nl + 1;
    if (f.size() < 2) continue;
    if (f[0] == "title_en")
      in.title_en = f[1];
    else if (f[0] == "body_en")
      in.body_en = f[1];
    else if (f[0] == "notes")
      in.controller_notes = f[1];
    else if (f[0] == "down")
      in.channels_down.push_back(f[1]);
    else if (f[0] == "q" && f.size() >= 4)
      in.questions.push_back({f[1], f[2], f[3]});
  }
}

Value Opt(const std::optional<Millis>& v) { return v ? Value(*v) : Value(nullptr); }

}  // namespace

Result<ExerciseId> SqlExerciseStore::Create(const Exercise& e) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO exercises (scenario_id, scenario_version, name, status, speed, "
               "created_by, org_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
               "RETURNING id",
               {e.scenario_id, e.scenario_version, e.name,
                std::string(domain::ExerciseStatusName(e.status)), std::int64_t{e.speed},
                e.created_by.value, e.org_id.value, e.created_at}));
  const ExerciseId id(rows.at(0).i64(0));
  for (const auto& p : e.participants) {
    RENKEI_RETURN_IF_ERROR(
        c_.Exec("INSERT INTO exercise_participants (exercise_id, kind, ref, role) VALUES ($1, "
                "$2, $3, $4)",
                {id.value, std::string(domain::ParticipantKindName(p.kind)), p.ref,
                 std::string(domain::ParticipantRoleName(p.role))})
            .status());
  }
  return id;
}

Status SqlExerciseStore::Load(Exercise& e) {
  RENKEI_ASSIGN_OR_RETURN(
      auto ps, c_.Query("SELECT kind, ref, role FROM exercise_participants WHERE exercise_id = $1 "
                        "ORDER BY kind, ref",
                        {e.id.value}));
  for (Row& r : ps) {
    domain::Participant p;
    p.kind = domain::ParseParticipantKind(r.str(0)).value_or(domain::ParticipantKind::kUser);
    p.ref = r.take(1);
    p.role = domain::ParseParticipantRole(r.str(2)).value_or(domain::ParticipantRole::kObserver);
    e.participants.push_back(std::move(p));
  }
  RENKEI_ASSIGN_OR_RETURN(auto pauses,
                          c_.Query("SELECT paused_at, resumed_at FROM exercise_pauses WHERE "
                                   "exercise_id = $1 ORDER BY paused_at",
                                   {e.id.value}));
  for (Row& r : pauses) e.pauses.emplace_back(r.i64(0), r.opt_i64(1));
  return Status::Ok();
}

Result<std::optional<Exercise>> SqlExerciseStore::Get(ExerciseId id) {
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query(std::string(kExerciseCols) + "WHERE id = $1", {id.value}));
  if (rows.empty()) return std::optional<Exercise>();
  Exercise e = ExerciseFromRow(rows[0]);
  RENKEI_RETURN_IF_ERROR(Load(e));
  return std::optional<Exercise>(std::move(e));
}

Result<std::vector<Exercise>> SqlExerciseStore::List() {
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query(std::string(kExerciseCols) + "ORDER BY id DESC LIMIT 500", {}));
  std::vector<Exercise> out;
  for (Row& r : rows) {
    Exercise e = ExerciseFromRow(r);
    RENKEI_RETURN_IF_ERROR(Load(e));
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<ExerciseId>> SqlExerciseStore::Running() {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT id FROM exercises WHERE status = 'running' ORDER BY id", {}));
  std::vector<ExerciseId> out;
  for (const Row& r : rows) out.emplace_back(r.i64(0));
  return out;
}

Result<bool> SqlExerciseStore::Transition(ExerciseId id, domain::ExerciseStatus from,
                                          domain::ExerciseStatus to) {
  RENKEI_ASSIGN_OR_RETURN(auto n,
                          c_.Exec("UPDATE exercises SET status = $3 WHERE id = $1 AND status = $2",
                                  {id.value, std::string(domain::ExerciseStatusName(from)),
                                   std::string(domain::ExerciseStatusName(to))}));
  return n == 1;
}

Status SqlExerciseStore::SetStarted(ExerciseId id, Millis at) {
  return c_.Exec("UPDATE exercises SET started_at = $2 WHERE id = $1", {id.value, at}).status();
}

Status SqlExerciseStore::SetEnded(ExerciseId id, Millis at, const std::string& reason) {
  return c_
      .Exec("UPDATE exercises SET ended_at = $2, halt_reason = $3 WHERE id = $1",
            {id.value, at, reason})
      .status();
}

Status SqlExerciseStore::OpenPause(ExerciseId id, Millis at) {
  return c_
      .Exec("INSERT INTO exercise_pauses (exercise_id, paused_at) VALUES ($1, $2)", {id.value, at})
      .status();
}

Status SqlExerciseStore::ClosePause(ExerciseId id, Millis at) {
  return c_
      .Exec(
          "UPDATE exercise_pauses SET resumed_at = $2 WHERE exercise_id = $1 AND resumed_at IS "
          "NULL",
          {id.value, at})
      .status();
}

Status SqlExerciseStore::AddInject(ExerciseId id, const ExerciseInject& x) {
  const domain::Inject& in = x.inject;
  return c_
      .Exec(
          "INSERT INTO exercise_injects (exercise_id, inject_id, seq, kind, offset_ms, "
          "after_inject, delay_ms, tlp, title, body, action_requested, deadline_ms, detail, "
          "adhoc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
          {id.value, in.id, std::int64_t{x.seq}, std::string(domain::InjectKindName(in.kind)),
           Opt(in.offset_ms), in.after, in.delay_ms, in.tlp, in.title_ja, in.body_ja, in.action_ja,
           Opt(in.deadline_ms), DetailOf(in), std::int64_t{x.adhoc}})
      .status();
}

Result<std::vector<ExerciseInject>> SqlExerciseStore::Injects(ExerciseId id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT inject_id, seq, kind, offset_ms, after_inject, delay_ms, tlp, title, body, "
               "action_requested, deadline_ms, detail, state, fired_at, fired_at_exercise, "
               "item_id, adhoc FROM exercise_injects WHERE exercise_id = $1 ORDER BY seq",
               {id.value}));
  std::vector<ExerciseInject> out;
  for (Row& r : rows) {
    ExerciseInject x;
    x.inject.id = r.take(0);
    x.seq = static_cast<int>(r.i64(1));
    x.inject.kind = domain::ParseInjectKind(r.str(2)).value_or(domain::InjectKind::kItem);
    x.inject.offset_ms = r.opt_i64(3);
    x.inject.after = r.take(4);
    x.inject.delay_ms = r.i64(5);
    x.inject.tlp = r.take(6);
    x.inject.title_ja = r.take(7);
    x.inject.body_ja = r.take(8);
    x.inject.action_ja = r.take(9);
    x.inject.deadline_ms = r.opt_i64(10);
    ReadDetail(r.str(11), x.inject);
    x.state = r.take(12);
    x.fired_at = r.opt_i64(13);
    x.fired_at_exercise = r.opt_i64(14);
    x.item_id = r.opt_i64(15).value_or(0);
    x.adhoc = r.i64(16) != 0;
    out.push_back(std::move(x));
  }
  return out;
}

Result<bool> SqlExerciseStore::ClaimInject(ExerciseId id, const std::string& inject_id, Millis wall,
                                           Millis exercise) {
  // The claim: only one transaction moves a pending inject to fired (the row lock on
  // PostgreSQL, the database lock on SQLite); the loser sees 0 rows.
  RENKEI_ASSIGN_OR_RETURN(
      auto n, c_.Exec("UPDATE exercise_injects SET state = 'fired', fired_at = $3, "
                      "fired_at_exercise = $4 WHERE exercise_id = $1 AND inject_id = $2 AND "
                      "state = 'pending'",
                      {id.value, inject_id, wall, exercise}));
  return n == 1;
}

Status SqlExerciseStore::SetInjectItem(ExerciseId id, const std::string& inject_id,
                                       std::int64_t item_id) {
  return c_
      .Exec("UPDATE exercise_injects SET item_id = $3 WHERE exercise_id = $1 AND inject_id = $2",
            {id.value, inject_id, item_id})
      .status();
}

Result<std::int64_t> SqlExerciseStore::CancelPending(ExerciseId id) {
  return c_.Exec(
      "UPDATE exercise_injects SET state = 'cancelled' WHERE exercise_id = $1 AND state = "
      "'pending'",
      {id.value});
}

Result<std::vector<domain::ExerciseDelivery>> SqlExerciseStore::Deliveries(ExerciseId id) {
  // Every delivery of the exercise's inject items (the stand-down is no inject).
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT d.item_id, x.inject_id, x.deadline_ms, d.user_id, d.org_id, o.name_ja, "
               "o.name_en, o.sector_ids, d.delivered_at, d.read_at, d.acknowledged_at "
               "FROM exercise_injects x JOIN items i ON i.id = x.item_id AND i.exercise_id = $1 "
               "JOIN deliveries d ON d.item_id = x.item_id "
               "JOIN organisations o ON o.id = d.org_id "
               "WHERE x.exercise_id = $1 AND x.action_requested <> '' "
               "ORDER BY d.item_id, d.org_id, d.user_id",
               {id.value}));
  std::vector<domain::ExerciseDelivery> out;
  for (Row& r : rows) {
    domain::ExerciseDelivery d;
    d.item_id = r.i64(0);
    d.inject_id = r.take(1);
    d.deadline_ms = r.opt_i64(2);
    d.user_id = r.i64(3);
    d.org_id = r.i64(4);
    d.org_name_ja = r.take(5);
    d.org_name_en = r.take(6);
    d.sector_ids = Split(r.str(7));
    d.delivered_at = r.i64(8);
    d.read_at = r.opt_i64(9);
    d.acknowledged_at = r.opt_i64(10);
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::string> SqlExerciseStore::DeliveriesFingerprint(ExerciseId id) {
  // The same deliveries as Deliveries (inject items that ask for an action).
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT COUNT(*), COUNT(d.read_at), COUNT(d.acknowledged_at), "
               "CAST(COALESCE(SUM(d.read_at), 0) AS BIGINT), "
               "CAST(COALESCE(SUM(d.acknowledged_at), 0) AS BIGINT), "
               "CAST(COALESCE(MAX(d.delivered_at), 0) AS BIGINT) "
               "FROM exercise_injects x JOIN items i ON i.id = x.item_id AND i.exercise_id = $1 "
               "JOIN deliveries d ON d.item_id = x.item_id "
               "WHERE x.exercise_id = $1 AND x.action_requested <> ''",
               {id.value}));
  std::string out;
  if (!rows.empty()) {
    for (size_t i = 0; i < 6; ++i) out += std::to_string(rows[0].i64(i)) + ",";
  }
  return out;
}

}  // namespace renkei::storage
