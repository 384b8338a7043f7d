// The exercises' part of the route table (docs/exercises.md): scenarios, exercises,
// their control (start, pause, resume, end, NO-PLAY, ad-hoc inject), the control room's
// status and the participants' exercise items. Access is ExerciseService's rule.
#include "core/error_codes.h"
#include "domain/exercises/exercise_service.h"
#include "http/route_helpers.h"

namespace renkei::http {
namespace {

using domain::ExerciseView;

const char* AccessName(domain::ExerciseAccess a) {
  switch (a) {
    case domain::ExerciseAccess::kController:
      return "controller";
    case domain::ExerciseAccess::kViewer:
      return "viewer";
    case domain::ExerciseAccess::kPlayer:
      return "player";
    case domain::ExerciseAccess::kNone:
      break;
  }
  return "none";
}

void WriteMinutes(JsonWriter& w, std::string_view key, std::optional<Millis> ms) {
  w.Key(key);
  if (ms) {
    w.Int(*ms / 60000);
  } else {
    w.Null();
  }
}

void WriteSummary(JsonWriter& w, const domain::Exercise& e, domain::ExerciseAccess access,
                  Millis clock_ms) {
  w.Field("id", e.id.value)
      .Field("scenario_id", e.scenario_id)
      .Field("scenario_version", e.scenario_version)
      .Field("name", e.name)
      .Field("status", domain::ExerciseStatusName(e.status))
      .Field("speed", static_cast<std::int64_t>(e.speed))
      .Field("access", AccessName(access))
      .Field("clock_ms", clock_ms);
  TimeField(w, "created_at", e.created_at);
  TimeField(w, "started_at", e.started_at);
  TimeField(w, "ended_at", e.ended_at);
  w.Field("halt_reason", e.halt_reason);
  w.Key("paused").Bool(!e.pauses.empty() && !e.pauses.back().second);
}

void WriteView(JsonWriter& w, const ExerciseView& v) {
  w.BeginObject();
  WriteSummary(w, v.exercise, v.access, v.clock_ms);
  w.Key("participants").BeginArray();
  for (const auto& p : v.exercise.participants) {
    w.BeginObject()
        .Field("kind", domain::ParticipantKindName(p.kind))
        .Field("ref", p.ref)
        .Field("role", domain::ParticipantRoleName(p.role))
        .EndObject();
  }
  w.EndArray().Key("injects").BeginArray();
  for (const auto& x : v.injects) {
    w.BeginObject()
        .Field("id", x.inject.id)
        .Field("kind", domain::InjectKindName(x.inject.kind))
        .Field("title", x.inject.title_ja)
        .Field("state", x.state);
    WriteMinutes(w, "at_minutes", x.inject.offset_ms);
    w.Field("after", x.inject.after);
    WriteMinutes(w, "delay_minutes", x.inject.delay_ms);
    WriteMinutes(w, "deadline_minutes", x.inject.deadline_ms);
    TimeField(w, "fired_at", x.fired_at);
    WriteMinutes(w, "fired_at_minutes", x.fired_at_exercise);
    w.Key("item_id");
    if (x.item_id) {
      w.Int(x.item_id);
    } else {
      w.Null();
    }
    w.Field("adhoc", x.adhoc).Field("controller_notes", x.inject.controller_notes).EndObject();
  }
  w.EndArray().EndObject();
}

void WriteLine(JsonWriter& w, const domain::ExerciseLine& l) {
  w.BeginObject()
      .Field("key", l.key)
      .Field("name_ja", l.name_ja)
      .Field("name_en", l.name_en)
      .Field("targets", l.targets)
      .Field("delivered", l.delivered)
      .Field("read", l.read)
      .Field("acknowledged", l.acknowledged)
      .Field("overdue", l.overdue)
      .Field("people", l.people)
      .Field("people_active", l.people_active)
      .Key("rate_within")
      .BeginObject()
      .Field("h1", l.rate[0])
      .Field("h4", l.rate[1])
      .Field("h24", l.rate[2])
      .EndObject()
      .EndObject();
}

void WriteBoard(JsonWriter& w, const domain::ExerciseStatusBoard& b) {
  w.BeginObject().Key("exercise");
  WriteView(w, b.view);
  w.Key("total");
  WriteLine(w, b.metrics.total);
  w.Key("organisations").BeginArray();
  for (const auto& l : b.metrics.orgs) WriteLine(w, l);
  w.EndArray().Key("sectors").BeginArray();
  for (const auto& l : b.metrics.sectors) WriteLine(w, l);
  w.EndArray()
      .Key("participation")
      .BeginObject()
      .Field("organisations_invited", b.metrics.orgs_invited)
      .Field("organisations_active", b.metrics.orgs_active)
      .Field("people_invited", b.metrics.people_invited)
      .Field("people_active", b.metrics.people_active)
      .EndObject()
      .Key("curve")
      .BeginArray();
  for (const auto& [minutes, share] : b.metrics.curve) {
    w.BeginObject().Field("minutes", minutes).Field("share", share).EndObject();
  }
  w.EndArray().EndObject();
}

Result<domain::NewExercise> ReadNew(const std::string& body) {
  RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(body));
  domain::NewExercise n;
  n.scenario_id = in.String("scenario_id", true).value_or("");
  n.name = in.String("name", false).value_or("");
  if (auto s = in.Int("speed", false))
    n.speed = static_cast<int>(std::clamp<std::int64_t>(*s, -1, 1000));
  auto list = in.Objects("participants", true);
  if (list) {
    for (size_t i = 0; i < list->size(); ++i) {
      auto& o = (*list)[i];
      const std::string at = "participants[" + std::to_string(i) + "]";
      domain::Participant p;
      const auto kind = o.String("kind", true).value_or("");
      const auto ref = o.String("ref", true).value_or("");
      const auto role = o.String("role", true).value_or("");
      RENKEI_RETURN_IF_ERROR(o.Finish());
      auto k = domain::ParseParticipantKind(kind);
      if (!k) return err::InvalidValue("sector, hub, organisation, user").with_field(at + ".kind");
      auto r = domain::ParseParticipantRole(role);
      if (!r)
        return err::InvalidValue("player, controller, evaluator, observer")
            .with_field(at + ".role");
      p.kind = *k;
      p.ref = ref;
      p.role = *r;
      n.participants.push_back(std::move(p));
    }
  }
  RENKEI_RETURN_IF_ERROR(in.Finish());
  return n;
}

using Action = Result<ExerciseView> (domain::ExerciseService::*)(const domain::Actor&,
                                                                 domain::ExerciseId);

Route Control(const char* verb, const char* summary, Action act) {
  return {"POST",
          std::string("/api/v1/exercises/{id}/") + verb,
          Access::kSignedIn,
          {.tag = "exercises",
           .summary = summary,
           .response = "Exercise",
           .errors = {403, 409},
           .description = "the exercise"},
          [act](Ctx& c) -> Result<Reply> {
            RENKEI_RETURN_IF_ERROR(NoBody(c.req));
            RENKEI_ASSIGN_OR_RETURN(auto id,
                                    PathId<domain::ExerciseId>(c, 0, err::ExerciseNotFound));
            RENKEI_ASSIGN_OR_RETURN(auto v, (c.s.exercises.*act)(c.actor(), id));
            return ValueReply(WriteView, v);
          }};
}

}  // namespace

std::vector<Route> ExerciseRoutes() {
  using A = Access;
  return {
      {"GET",
       "/api/v1/exercise-scenarios",
       A::kSignedIn,
       {.tag = "exercises",
        .summary = "The scenario catalogue (data/exercises/*.toml): each scenario with its "
                   "injects in order; `may_run` tells whether the caller may make exercises.",
        .response = "ScenarioList",
        .description = "the scenarios"},
       [](Ctx& c) -> Result<Reply> {
         JsonWriter w;
         w.BeginObject()
             .Field("may_run", domain::ExerciseService::MayRun(*c.principal))
             .Key("scenarios")
             .BeginArray();
         for (const auto& sc : c.s.exercises.scenarios().scenarios()) {
           w.BeginObject()
               .Field("id", sc.id)
               .Field("version", sc.version)
               .Field("mode", sc.mode)
               .Field("drill", sc.drill)
               .Field("name_ja", sc.name_ja)
               .Field("name_en", sc.name_en)
               .Field("description_ja", sc.description_ja)
               .Field("description_en", sc.description_en)
               .Field("speed", static_cast<std::int64_t>(sc.speed))
               .Key("injects")
               .BeginArray();
           for (const auto& in : sc.injects) {
             w.BeginObject()
                 .Field("id", in.id)
                 .Field("kind", domain::InjectKindName(in.kind))
                 .Field("title_ja", in.title_ja);
             WriteMinutes(w, "at_minutes", in.offset_ms);
             w.Field("after", in.after);
             WriteMinutes(w, "delay_minutes", in.delay_ms);
             WriteMinutes(w, "deadline_minutes", in.deadline_ms);
             w.EndObject();
           }
           w.EndArray().EndObject();
         }
         w.EndArray().EndObject();
         return JsonReply(w);
       }},
      {"GET",
       "/api/v1/exercises",
       A::kSignedIn,
       {.tag = "exercises",
        .summary = "The exercises I control or take part in, newest first (others are not "
                   "listed); active=true: only those scheduled, running or paused (the home "
                   "page's exercises tile counts this list).",
        .query = {"active"},
        .response = "ExerciseList",
        .description = "the exercises"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto active, QueryBool(c.req, "active"));
         RENKEI_ASSIGN_OR_RETURN(auto list,
                                 c.s.exercises.List(*c.principal, active.value_or(false)));
         JsonWriter w;
         w.BeginObject().Key("exercises").BeginArray();
         for (const auto& v : list) {
           w.BeginObject();
           WriteSummary(w, v.exercise, v.access, v.clock_ms);
           w.EndObject();
         }
         w.EndArray().EndObject();
         return JsonReply(w);
       }},
      {"POST",
       "/api/v1/exercises",
       A::kSignedIn,
       {.tag = "exercises",
        .summary = "Make an exercise from a scenario with participants chosen from the "
                   "directory (players: sectors, hubs, organisations; people as controllers, "
                   "evaluators, observers). National centre officers, hub analysts and "
                   "ministry officers only (403). Speed 1–60 (400).",
        .request = "ExerciseInput",
        .status = 201,
        .response = "Exercise",
        .errors = {403},
        .description = "the exercise"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, ReadNew(c.req.body));
         RENKEI_ASSIGN_OR_RETURN(auto v, c.s.exercises.Create(c.actor(), in));
         return ValueReply(WriteView, v, 201);
       }},
      {"POST",
       "/api/v1/exercises/drill",
       A::kSignedIn,
       {.tag = "exercises",
        .summary = "The one-click sector drill (セプター訓練): the drill scenario with every "
                   "member of one hub as players — one message, acknowledgement expected "
                   "within one day.",
        .request = "DrillInput",
        .status = 201,
        .response = "Exercise",
        .errors = {403},
        .description = "the exercise"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         const auto hub = in.Int("hub_id", true).value_or(0);
         std::optional<int> speed;
         if (auto s = in.Int("speed", false))
           speed = static_cast<int>(std::clamp<std::int64_t>(*s, -1, 1000));
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto v, c.s.exercises.CreateDrill(c.actor(), HubId(hub), speed));
         return ValueReply(WriteView, v, 201);
       }},
      {"GET",
       "/api/v1/exercises/{id}",
       A::kSignedIn,
       {.tag = "exercises",
        .summary = "An exercise: its controllers and participants (players see their part: "
                   "the injects sent, not who else plays); others 404.",
        .response = "Exercise",
        .description = "the exercise"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ExerciseId>(c, 0, err::ExerciseNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto v, c.s.exercises.Get(*c.principal, id));
         return ValueReply(WriteView, v);
       }},
      Control("start", "Start the exercise clock (controllers; 409 when started or over).",
              &domain::ExerciseService::Start),
      Control("pause",
              "Pause the exercise clock: no inject falls due while paused (409 unless "
              "running).",
              &domain::ExerciseService::Pause),
      Control("resume", "Resume a paused exercise (409 unless paused).",
              &domain::ExerciseService::Resume),
      Control("end", "End the exercise: pending injects are cancelled (409 when over).",
              &domain::ExerciseService::End),
      {"POST",
       "/api/v1/exercises/{id}/no-play",
       A::kSignedIn,
       {.tag = "exercises",
        .summary = "NO-PLAY: halt every inject at once and tell every participant (a "
                   "stand-down exercise item, mailed, and a live event). Controllers; 409 "
                   "when not running.",
        .request = "NoPlayInput",
        .request_optional = true,
        .response = "Exercise",
        .errors = {403, 409},
        .description = "the exercise"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ExerciseId>(c, 0, err::ExerciseNotFound));
         std::string reason;
         if (!c.req.body.empty()) {
           RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
           reason = in.String("reason", false).value_or("");
           RENKEI_RETURN_IF_ERROR(in.Finish());
         }
         RENKEI_ASSIGN_OR_RETURN(auto v, c.s.exercises.NoPlay(c.actor(), id, reason));
         return ValueReply(WriteView, v);
       }},
      {"POST",
       "/api/v1/exercises/{id}/injects",
       A::kSignedIn,
       {.tag = "exercises",
        .summary = "An ad-hoc inject, sent now to every player as an exercise item "
                   "(controllers; 409 unless running or paused).",
        .request = "AdhocInjectInput",
        .status = 201,
        .response = "Exercise",
        .errors = {403, 409},
        .description = "the exercise"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ExerciseId>(c, 0, err::ExerciseNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         domain::AdhocInject a;
         a.title = in.String("title", true).value_or("");
         a.body = in.String("body", false).value_or("");
         a.action = in.String("action_requested", false).value_or("");
         if (auto d = in.Int("deadline_minutes", false))
           a.deadline_ms = std::clamp<std::int64_t>(*d, -1, 100000) * 60000;
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto v, c.s.exercises.SendAdhoc(c.actor(), id, a));
         return ValueReply(WriteView, v, 201);
       }},
      {"GET",
       "/api/v1/exercises/{id}/reach",
       A::kSignedIn,
       {.tag = "exercises",
        .summary = "Whom the exercise's items reach (organisations, people, mails), counted by "
                   "rehearsing an inject's publication: the confirmation before starting. "
                   "Controllers.",
        .response = "Reach",
        .errors = {403},
        .description = "the reach"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ExerciseId>(c, 0, err::ExerciseNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto r, c.s.exercises.PlayersReach(*c.principal, id));
         return ReachReply(r);
       }},
      {"GET",
       "/api/v1/exercises/{id}/status",
       A::kSignedIn,
       {.tag = "exercises",
        .summary = "The control room and the after-action figures: per organisation and "
                   "sector delivered, read, acknowledged, overdue; R(1 h / 4 h / 24 h) on the "
                   "exercise clock; participation; the curve. Controllers, evaluators and "
                   "observers; players and others 404.",
        .response = "ExerciseStatus",
        .description = "the status"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ExerciseId>(c, 0, err::ExerciseNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto b, c.s.exercises.Board(*c.principal, id));
         return ValueReply(WriteBoard, b);
       }},
      {"GET",
       "/api/v1/exercises/{id}/items",
       A::kSignedIn,
       {.tag = "exercises",
        .summary = "My items of this exercise (marked 【演習】; they appear in no real list), "
                   "newest first. Participants only; others 404.",
        .response = "ItemPage",
        .description = "the items"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::ExerciseId>(c, 0, err::ExerciseNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto page, c.s.exercises.Items(*c.principal, id));
         return ItemPageReply(page);
       }},
  };
}

}  // namespace renkei::http
