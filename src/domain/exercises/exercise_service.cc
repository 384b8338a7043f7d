#include "domain/exercises/exercise_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/error_codes.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth_service.h"
#include "domain/directory/directory_store.h"
#include "domain/exercises/exercise_store.h"
#include "domain/sharing/sharing_store.h"
#include "domain/validation.h"

namespace renkei::domain {

namespace {

constexpr size_t kMaxParticipants = 2000;
// The address an inject's publication is recorded from: the exercise clock, not a person.
constexpr const char* kTickerAddress = "exercise-clock";

bool Over(ExerciseStatus s) { return s == ExerciseStatus::kEnded || s == ExerciseStatus::kHalted; }

Status CheckSpeed(int speed) {
  if (speed < kMinSpeed || speed > kMaxSpeed)
    return err::ExerciseSpeed({.max = kMaxSpeed, .min = kMinSpeed, .value = speed})
        .with_field("speed");
  return Status::Ok();
}

std::string Marked(const std::string& title) {
  if (title.starts_with(kExerciseMark)) return title;
  return std::string(kExerciseMark) + title;
}

}  // namespace

ExerciseClock ClockOf(const Exercise& e) {
  ExerciseClock c;
  c.started_at = e.started_at;
  c.ended_at = e.ended_at;
  c.pauses = e.pauses;
  c.speed = e.speed;
  return c;
}

std::string InjectBody(const Inject& in) {
  std::string b = std::string(kExerciseBanner) + "\n\n" + in.body_ja;
  if (!in.body_en.empty()) b += "\n\n" + in.body_en;
  if (in.kind == InjectKind::kCondition) {
    b += "\n\n**想定（状況）: 次の手段が使えません / Down:**\n";
    for (const auto& ch : in.channels_down) {
      static const std::map<std::string, std::string> kWords = {
          {"mail", "電子メール / e-mail"},
          {"phone", "電話 / phone"},
          {"portal", "ポータル / portal"},
          {"power", "電力（一部）/ power (partly)"},
          {"fax", "FAX"}};
      auto it = kWords.find(ch);
      b += "- " + (it == kWords.end() ? ch : it->second) + "\n";
    }
  }
  if (in.kind == InjectKind::kQuestionSet) {
    b += "\n\n**確認事項 / Questions:**\n";
    int n = 0;
    for (const auto& q : in.questions) {
      b += std::to_string(++n) + ". " + q.ja + (q.en.empty() ? "" : " / " + q.en) + "\n";
    }
  }
  if (in.kind == InjectKind::kContactCheck) {
    b += "\n\n疎通確認です。受信したら「確認した」を押してください。 / Contact check: acknowledge "
         "on receipt.";
  }
  if (in.kind == InjectKind::kReportRequest) {
    b += "\n\n報告の要請です（演習）。 / Report requested (exercise).";
  }
  return b;
}

bool ExerciseService::MayRun(const Principal& p) {
  return p.has(Role::kNationalCentreOfficer) || p.has(Role::kHubAnalyst) ||
         p.has(Role::kMinistryOfficer);
}

Result<ExerciseAccess> ExerciseService::AccessOf(Stores& s, const Principal& p, const Exercise& e) {
  if (p.org_id == e.org_id)
    return MayRun(p) ? ExerciseAccess::kController : ExerciseAccess::kViewer;
  RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(p.org_id));
  ExerciseAccess best = ExerciseAccess::kNone;
  for (const Participant& pt : e.participants) {
    bool match = false;
    switch (pt.kind) {
      case ParticipantKind::kUser:
        match = pt.ref == std::to_string(p.user_id.value);
        break;
      case ParticipantKind::kOrganisation:
        match = pt.ref == std::to_string(p.org_id.value);
        break;
      case ParticipantKind::kSector:
        match = org && org->active &&
                std::find(org->sector_ids.begin(), org->sector_ids.end(), pt.ref) !=
                    org->sector_ids.end();
        break;
      case ParticipantKind::kHub: {
        const bool member = org && org->active &&
                            std::any_of(org->hub_ids.begin(), org->hub_ids.end(),
                                        [&](HubId h) { return std::to_string(h.value) == pt.ref; });
        const bool runs = std::any_of(p.secretariat_of.begin(), p.secretariat_of.end(),
                                      [&](HubId h) { return std::to_string(h.value) == pt.ref; });
        match = member || runs;
        break;
      }
    }
    if (!match) continue;
    const ExerciseAccess a = pt.role == ParticipantRole::kController ? ExerciseAccess::kController
                             : pt.role == ParticipantRole::kPlayer   ? ExerciseAccess::kPlayer
                                                                     : ExerciseAccess::kViewer;
    best = std::max(best, a);
  }
  return best;
}

Result<ExerciseView> ExerciseService::ViewOf(Stores& s, const Principal& p, ExerciseId id,
                                             bool control) {
  RENKEI_ASSIGN_OR_RETURN(auto e, s.exercises.Get(id));
  if (!e) return err::ExerciseNotFound();
  RENKEI_ASSIGN_OR_RETURN(auto access, AccessOf(s, p, *e));
  if (access == ExerciseAccess::kNone) return err::ExerciseNotFound();
  if (control && access != ExerciseAccess::kController) return err::ExerciseNotController();
  ExerciseView v;
  v.access = access;
  v.clock_ms = ClockOf(*e).At(clock_.now_ms());
  RENKEI_ASSIGN_OR_RETURN(auto injects, s.exercises.Injects(id));
  for (auto& in : injects) {
    if (access != ExerciseAccess::kController) {
      if (in.state != "fired") continue;
      in.inject.controller_notes.clear();
    }
    v.injects.push_back(std::move(in));
  }
  if (access == ExerciseAccess::kPlayer) {
    // Players see their part: not who else takes part.
    e->participants.clear();
  }
  v.exercise = std::move(*e);
  return v;
}

Result<ExerciseView> ExerciseService::Create(const Actor& actor, const NewExercise& in) {
  const Principal& p = actor.principal;
  if (!MayRun(p)) return err::ExerciseMayNotRun();
  const Scenario* sc = scenarios_.Find(in.scenario_id);
  if (!sc) return err::ExerciseUnknownScenario(in.scenario_id).with_field("scenario_id");
  const int speed = in.speed.value_or(sc->speed);
  RENKEI_RETURN_IF_ERROR(CheckSpeed(speed));
  const std::string name = in.name.empty() ? sc->name_ja : in.name;
  RENKEI_RETURN_IF_ERROR(CheckText(name, "name", 200, /*required=*/true));
  if (in.participants.size() > kMaxParticipants)
    return err::AudienceTooMany().with_field("participants");
  const Millis now = clock_.now_ms();
  ExerciseId id;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    // Every participant exists in the directory; players are sectors, hubs or
    // organisations (what an item's audience names); people take the other roles.
    RENKEI_ASSIGN_OR_RETURN(auto sectors, s.directory.ListSectors());
    bool any_player = false;
    std::set<std::pair<int, std::string>> seen;
    for (size_t i = 0; i < in.participants.size(); ++i) {
      const Participant& pt = in.participants[i];
      const std::string field = "participants[" + std::to_string(i) + "]";
      if (!seen.emplace(static_cast<int>(pt.kind), pt.ref).second)
        return err::Duplicate(pt.ref).with_field(field);
      bool exists = false;
      std::int64_t n = 0;
      if (pt.kind != ParticipantKind::kSector) {
        if (pt.ref.empty() || pt.ref.size() > 18 ||
            !std::all_of(pt.ref.begin(), pt.ref.end(), [](char c) { return c >= '0' && c <= '9'; }))
          return err::ExerciseUnknownParticipant().with_field(field + ".ref");
        n = std::stoll(pt.ref);
      }
      switch (pt.kind) {
        case ParticipantKind::kSector:
          exists = std::any_of(sectors.begin(), sectors.end(),
                               [&](const Sector& x) { return x.id == pt.ref; });
          break;
        case ParticipantKind::kHub: {
          RENKEI_ASSIGN_OR_RETURN(auto h, s.directory.GetHub(HubId(n)));
          exists = h.has_value();
          break;
        }
        case ParticipantKind::kOrganisation: {
          RENKEI_ASSIGN_OR_RETURN(auto o, s.directory.GetOrganisation(OrgId(n)));
          exists = o && o->active;
          break;
        }
        case ParticipantKind::kUser: {
          RENKEI_ASSIGN_OR_RETURN(auto u, s.directory.GetUser(UserId(n)));
          exists = u && u->active;
          if (exists && pt.role == ParticipantRole::kPlayer)
            return err::ExercisePersonAsPlayer().with_field(field + ".role");
          break;
        }
      }
      if (!exists) return err::ExerciseUnknownParticipant().with_field(field + ".ref");
      any_player = any_player || pt.role == ParticipantRole::kPlayer;
    }
    if (!any_player) return err::ExerciseNoPlayers().with_field("participants");
    Exercise e;
    e.scenario_id = sc->id;
    e.scenario_version = sc->version;
    e.name = name;
    e.speed = speed;
    e.created_by = p.user_id;
    e.org_id = p.org_id;
    e.created_at = now;
    e.participants = in.participants;
    RENKEI_ASSIGN_OR_RETURN(id, s.exercises.Create(e));
    int seq = 0;
    for (const Inject& inj : sc->injects) {
      ExerciseInject x;
      x.inject = inj;
      x.seq = ++seq;
      RENKEI_RETURN_IF_ERROR(s.exercises.AddInject(id, x));
    }
    return s.audit.Append(
        AuditOf(actor, now, "exercise.create", "exercise", id.value,
                {{"scenario", sc->id},
                 {"participants", static_cast<std::int64_t>(in.participants.size())},
                 {"speed", static_cast<std::int64_t>(speed)}}));
  }));
  return Get(p, id);
}

Result<ExerciseView> ExerciseService::CreateDrill(const Actor& actor, HubId hub,
                                                  std::optional<int> speed) {
  const Scenario* drill = nullptr;
  for (const auto& sc : scenarios_.scenarios())
    if (sc.drill) drill = &sc;
  if (!drill) return err::ExerciseUnknownScenario("drill");
  NewExercise in;
  in.scenario_id = drill->id;
  in.speed = speed;
  in.participants.push_back(
      {ParticipantKind::kHub, std::to_string(hub.value), ParticipantRole::kPlayer});
  return Create(actor, in);
}

bool ExerciseIsActive(ExerciseStatus s) {
  return s == ExerciseStatus::kScheduled || s == ExerciseStatus::kRunning ||
         s == ExerciseStatus::kPaused;
}

Result<std::vector<ExerciseView>> ExerciseService::List(const Principal& p, bool active_only) {
  std::vector<ExerciseView> out;
  const Millis now = clock_.now_ms();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto all, s.exercises.List());
    for (auto& e : all) {
      if (active_only && !ExerciseIsActive(e.status)) continue;
      RENKEI_ASSIGN_OR_RETURN(auto access, AccessOf(s, p, e));
      if (access == ExerciseAccess::kNone) continue;
      ExerciseView v;
      v.access = access;
      v.clock_ms = ClockOf(e).At(now);
      if (access == ExerciseAccess::kPlayer) e.participants.clear();
      v.exercise = std::move(e);
      out.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  return out;
}

Result<ExerciseView> ExerciseService::Get(const Principal& p, ExerciseId id) {
  ExerciseView v;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(v, ViewOf(s, p, id, false));
    return Status::Ok();
  }));
  return v;
}

Result<ExerciseView> ExerciseService::Change(
    const Actor& actor, ExerciseId id, const char* action,
    const std::function<Status(Stores&, Exercise&, Millis)>& fn) {
  const Millis now = clock_.now_ms();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto v, ViewOf(s, actor.principal, id, true));
    RENKEI_RETURN_IF_ERROR(fn(s, v.exercise, now));
    return s.audit.Append(AuditOf(actor, now, std::string("exercise.") + action, "exercise",
                                  id.value, {{"at_exercise_ms", ClockOf(v.exercise).At(now)}}));
  }));
  Announce(id, action);
  return Get(actor.principal, id);
}

namespace {
// The conditional status move: a concurrent change in between answers the same 409.
Status Move(Stores& s, const Exercise& e, ExerciseStatus from, ExerciseStatus to,
            Status (*wrong)()) {
  if (e.status != from) return wrong();
  RENKEI_ASSIGN_OR_RETURN(bool moved, s.exercises.Transition(e.id, from, to));
  if (!moved) return wrong();
  return Status::Ok();
}
}  // namespace

Result<ExerciseView> ExerciseService::Start(const Actor& actor, ExerciseId id) {
  return Change(actor, id, "start", [](Stores& s, Exercise& e, Millis now) -> Status {
    if (Over(e.status)) return err::ExerciseOver();
    RENKEI_RETURN_IF_ERROR(Move(s, e, ExerciseStatus::kScheduled, ExerciseStatus::kRunning,
                                err::ExerciseAlreadyStarted));
    return s.exercises.SetStarted(e.id, now);
  });
}

Result<ExerciseView> ExerciseService::Pause(const Actor& actor, ExerciseId id) {
  return Change(actor, id, "pause", [](Stores& s, Exercise& e, Millis now) -> Status {
    if (Over(e.status)) return err::ExerciseOver();
    RENKEI_RETURN_IF_ERROR(
        Move(s, e, ExerciseStatus::kRunning, ExerciseStatus::kPaused, err::ExerciseNotRunning));
    return s.exercises.OpenPause(e.id, now);
  });
}

Result<ExerciseView> ExerciseService::Resume(const Actor& actor, ExerciseId id) {
  return Change(actor, id, "resume", [](Stores& s, Exercise& e, Millis now) -> Status {
    if (Over(e.status)) return err::ExerciseOver();
    RENKEI_RETURN_IF_ERROR(
        Move(s, e, ExerciseStatus::kPaused, ExerciseStatus::kRunning, err::ExerciseNotPaused));
    return s.exercises.ClosePause(e.id, now);
  });
}

Result<ExerciseView> ExerciseService::End(const Actor& actor, ExerciseId id) {
  return Change(actor, id, "end", [](Stores& s, Exercise& e, Millis now) -> Status {
    if (Over(e.status)) return err::ExerciseOver();
    if (e.status == ExerciseStatus::kScheduled) return err::ExerciseNotRunning();
    RENKEI_RETURN_IF_ERROR(Move(s, e, e.status, ExerciseStatus::kEnded, err::ExerciseNotRunning));
    if (e.status == ExerciseStatus::kPaused)
      RENKEI_RETURN_IF_ERROR(s.exercises.ClosePause(e.id, now));
    RENKEI_RETURN_IF_ERROR(s.exercises.CancelPending(e.id).status());
    return s.exercises.SetEnded(e.id, now, "");
  });
}

Result<ExerciseView> ExerciseService::NoPlay(const Actor& actor, ExerciseId id,
                                             const std::string& reason) {
  RENKEI_RETURN_IF_ERROR(CheckText(reason, "reason", 500, /*required=*/false));
  Exercise halted;
  RENKEI_ASSIGN_OR_RETURN(
      auto v, Change(actor, id, "no_play", [&](Stores& s, Exercise& e, Millis now) -> Status {
        if (Over(e.status)) return err::ExerciseOver();
        if (e.status == ExerciseStatus::kScheduled) return err::ExerciseNotRunning();
        RENKEI_RETURN_IF_ERROR(
            Move(s, e, e.status, ExerciseStatus::kHalted, err::ExerciseNotRunning));
        if (e.status == ExerciseStatus::kPaused)
          RENKEI_RETURN_IF_ERROR(s.exercises.ClosePause(e.id, now));
        RENKEI_RETURN_IF_ERROR(s.exercises.CancelPending(e.id).status());
        RENKEI_RETURN_IF_ERROR(s.exercises.SetEnded(e.id, now, reason));
        halted = e;
        return Status::Ok();
      }));
  // Tell every participant: the stand-down goes to the players as an exercise item
  // (mailed through the outbox like every item), and everyone who sees the exercise hears
  // the live event. Published after the halt committed: injects can no longer fire.
  Inject stand_down;
  stand_down.id = "no-play";
  stand_down.kind = InjectKind::kItem;
  stand_down.title_ja = "NO-PLAY 演習中止 / Exercise stopped: " + halted.name;
  stand_down.body_ja = "この演習は中止されました。演習に関する対応をすべて止めてください。";
  stand_down.body_en = "This exercise has been stopped (NO-PLAY). Stop every exercise action.";
  if (!reason.empty()) stand_down.body_ja += "\n\n理由 / Reason: " + reason;
  halted.status = ExerciseStatus::kHalted;
  auto published = PublishInject(halted, stand_down, v.clock_ms, {});
  if (!published.ok()) return published.status();
  return Get(actor.principal, id);
}

Result<ExerciseView> ExerciseService::SendAdhoc(const Actor& actor, ExerciseId id,
                                                const AdhocInject& in) {
  RENKEI_RETURN_IF_ERROR(CheckText(in.title, "title", 200, /*required=*/true));
  RENKEI_RETURN_IF_ERROR(CheckText(in.body, "body", 20000, /*required=*/false));
  RENKEI_RETURN_IF_ERROR(CheckText(in.action, "action_requested", 500, /*required=*/false));
  if (in.deadline_ms && *in.deadline_ms <= 0)
    return err::ExerciseDeadline().with_field("deadline_minutes");
  ExerciseView v;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(v, ViewOf(s, actor.principal, id, true));
    return Status::Ok();
  }));
  if (v.exercise.status != ExerciseStatus::kRunning && v.exercise.status != ExerciseStatus::kPaused)
    return Over(v.exercise.status) ? err::ExerciseOver() : err::ExerciseNotRunning();
  Inject inj;
  inj.id = "adhoc-" + std::to_string(clock_.now_ms());
  inj.kind = InjectKind::kItem;
  inj.title_ja = in.title;
  inj.body_ja = in.body;
  inj.action_ja = in.action;
  inj.deadline_ms = in.deadline_ms;
  inj.offset_ms = v.clock_ms;
  const Millis now = clock_.now_ms();
  ExerciseInject x;
  x.inject = inj;
  x.seq = static_cast<int>(v.injects.size()) + 1000;
  x.adhoc = true;
  RENKEI_RETURN_IF_ERROR(PublishInject(v.exercise, inj, v.clock_ms, [&](Stores& s) -> Status {
                           RENKEI_RETURN_IF_ERROR(s.exercises.AddInject(id, x));
                           RENKEI_ASSIGN_OR_RETURN(
                               bool claimed, s.exercises.ClaimInject(id, inj.id, now, v.clock_ms));
                           if (!claimed) return err::ExerciseNotRunning();
                           return s.audit.Append(AuditOf(actor, now, "exercise.inject", "exercise",
                                                         id.value, {{"inject", inj.id}}));
                         }).status());
  Announce(id, "inject");
  return Get(actor.principal, id);
}

Result<Actor> ExerciseService::SenderOf(const Exercise& e) {
  std::optional<Principal> sender;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(sender, LoadPrincipal(s, e.created_by));
    return Status::Ok();
  }));
  if (!sender) return err::ExerciseMayNotRun().with_note("exercise creator deactivated");
  return Actor{*sender, kTickerAddress};
}

NewItem ExerciseService::ItemOf(const Exercise& e, const Inject& in, Millis exercise_now) const {
  NewItem item;
  item.kind = "alert";
  item.tlp = ParseTlp(in.tlp).value_or(Tlp::kAmber);
  item.content.title = Marked(in.title_ja);
  item.content.body = InjectBody(in);
  item.content.action_requested = in.action_ja;
  if (in.deadline_ms && !in.action_ja.empty()) {
    const ExerciseClock clock = ClockOf(e);
    item.content.action_due_at = clock.WallWhen(exercise_now + *in.deadline_ms, clock_.now_ms());
  }
  item.exercise_id = e.id.value;
  for (const Participant& pt : e.participants) {
    if (pt.role != ParticipantRole::kPlayer) continue;
    switch (pt.kind) {
      case ParticipantKind::kSector:
        item.audience.sector_ids.push_back(pt.ref);
        break;
      case ParticipantKind::kHub:
        item.audience.hub_ids.emplace_back(std::stoll(pt.ref));
        break;
      case ParticipantKind::kOrganisation:
        item.audience.org_ids.emplace_back(std::stoll(pt.ref));
        break;
      case ParticipantKind::kUser:
        break;  // people are never players (Create refuses)
    }
  }
  // AMBER+STRICT names organisations only.
  if (item.tlp == Tlp::kAmberStrict &&
      (!item.audience.sector_ids.empty() || !item.audience.hub_ids.empty()))
    item.tlp = Tlp::kAmber;
  return item;
}

Result<std::int64_t> ExerciseService::PublishInject(const Exercise& e, const Inject& in,
                                                    Millis exercise_now,
                                                    const std::function<Status(Stores&)>& within) {
  RENKEI_ASSIGN_OR_RETURN(auto actor, SenderOf(e));
  const NewItem item = ItemOf(e, in, exercise_now);
  RENKEI_ASSIGN_OR_RETURN(
      auto out, sharing_.Publish(actor, item, [&](Stores& s, const Item& it) -> Status {
        if (within) RENKEI_RETURN_IF_ERROR(within(s));
        if (in.id != "no-play")
          RENKEI_RETURN_IF_ERROR(s.exercises.SetInjectItem(e.id, in.id, it.id.value));
        return Status::Ok();
      }));
  return out.view.item.id.value;
}

Result<Reach> ExerciseService::PlayersReach(const Principal& p, ExerciseId id) {
  RENKEI_ASSIGN_OR_RETURN(auto v, Get(p, id));
  if (v.access != ExerciseAccess::kController) return err::ExerciseNotController();
  RENKEI_ASSIGN_OR_RETURN(auto actor, SenderOf(v.exercise));
  Inject probe;
  probe.title_ja = "reach";
  return sharing_.Rehearse(actor, ItemOf(v.exercise, probe, v.clock_ms));
}

Result<int> ExerciseService::Tick() {
  std::vector<ExerciseId> running;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(running, s.exercises.Running());
    return Status::Ok();
  }));
  int fired = 0;
  for (ExerciseId id : running) {
    std::optional<Exercise> e;
    std::vector<ExerciseInject> injects;
    RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(e, s.exercises.Get(id));
      if (!e) return Status::Ok();
      RENKEI_ASSIGN_OR_RETURN(injects, s.exercises.Injects(id));
      return Status::Ok();
    }));
    if (!e || e->status != ExerciseStatus::kRunning) continue;
    const Millis now = clock_.now_ms();
    const Millis at = ClockOf(*e).At(now);
    std::map<std::string, Millis> fired_at;
    for (const auto& x : injects)
      if (x.fired_at_exercise) fired_at[x.inject.id] = *x.fired_at_exercise;
    // Chains fire within one tick when their delays are already over.
    for (bool more = true; more;) {
      more = false;
      for (const auto& x : injects) {
        if (x.state != "pending" || fired_at.count(x.inject.id)) continue;
        std::optional<Millis> due = x.inject.offset_ms;
        if (!x.inject.after.empty()) {
          auto it = fired_at.find(x.inject.after);
          if (it != fired_at.end()) due = it->second + x.inject.delay_ms;
        }
        if (!due || *due > at) continue;
        auto r = PublishInject(*e, x.inject, at, [&](Stores& s) -> Status {
          RENKEI_ASSIGN_OR_RETURN(bool claimed, s.exercises.ClaimInject(id, x.inject.id, now, at));
          // Another process fired it, or the exercise stopped: publish nothing.
          if (!claimed) return err::ExerciseInjectTaken();
          RENKEI_ASSIGN_OR_RETURN(auto still, s.exercises.Get(id));
          if (!still || still->status != ExerciseStatus::kRunning)
            return err::ExerciseInjectTaken();
          return Status::Ok();
        });
        fired_at[x.inject.id] = at;  // fired here or elsewhere: its followers may go
        if (r.ok()) {
          ++fired;
          more = true;
          Announce(id, "inject");
        } else if (r.status().code() != err::ExerciseInjectTaken().code()) {
          return r.status();
        }
      }
    }
  }
  return fired;
}

Result<ExerciseStatusBoard> ExerciseService::Board(const Principal& p, ExerciseId id) {
  ExerciseStatusBoard b;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(b.view, ViewOf(s, p, id, false));
    if (b.view.access == ExerciseAccess::kPlayer) return err::ExerciseNotFound();
    // Access is decided above for this caller; only the figures are shared.
    const Exercise& e = b.view.exercise;
    RENKEI_ASSIGN_OR_RETURN(std::string key, s.exercises.DeliveriesFingerprint(id));
    key += std::to_string(static_cast<int>(e.status)) + "," + std::to_string(e.speed) + "," +
           std::to_string(e.started_at.value_or(0)) + "," + std::to_string(e.ended_at.value_or(0));
    for (const auto& [from, to] : e.pauses) {
      key += "," + std::to_string(from) + "-" + std::to_string(to.value_or(0));
    }
    const Millis now = clock_.now_ms();
    {
      std::lock_guard lock(memo_mu_);
      auto it = memo_.find(id.value);
      if (it != memo_.end() && it->second.key == key && now >= it->second.at &&
          now - it->second.at < kBoardMemoMs) {
        b.metrics = it->second.metrics;
        return Status::Ok();
      }
    }
    RENKEI_ASSIGN_OR_RETURN(auto rows, s.exercises.Deliveries(id));
    b.metrics = ComputeMetrics(rows, ClockOf(e), now);
    std::lock_guard lock(memo_mu_);
    std::erase_if(memo_, [&](const auto& m) { return now - m.second.at >= kBoardMemoMs; });
    memo_[id.value] = BoardMemo{std::move(key), now, b.metrics};
    return Status::Ok();
  }));
  return b;
}

Result<ItemPage> ExerciseService::Items(const Principal& p, ExerciseId id) {
  RENKEI_RETURN_IF_ERROR(Get(p, id).status());
  ItemFilter f;
  f.scope = "all";
  f.exercise_id = id.value;
  f.limit = 200;
  return sharing_.List(p, f);
}

void ExerciseService::Announce(ExerciseId id, const char* kind) {
  // "exercise_start", "exercise_end", …: the stream's own "end" (the sign-in ended) and the
  // items' kinds must never be mistaken for an exercise's.
  if (events_) events_->Publish({kExerciseSubject, id.value, std::string("exercise_") + kind});
}

void RegisterExerciseEvents(EventRules& rules) {
  rules.Register(kExerciseSubject,
                 [](Stores& s, const Event& e, const std::vector<const Principal*>& who,
                    std::vector<bool>& hears) -> Status {
                   RENKEI_ASSIGN_OR_RETURN(auto ex, s.exercises.Get(ExerciseId(e.subject_id)));
                   if (!ex) return Status::Ok();
                   for (size_t i = 0; i < who.size(); ++i) {
                     RENKEI_ASSIGN_OR_RETURN(auto a, ExerciseService::AccessOf(s, *who[i], *ex));
                     hears[i] = a != ExerciseAccess::kNone;
                   }
                   return Status::Ok();
                 });
}

}  // namespace renkei::domain
