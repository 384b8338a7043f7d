// ExerciseService: making, running and measuring exercises (docs/exercises.md).
//
// THE exercise access rule (AccessOf, written once here): an exercise is controlled by
// the runners (MayRun) of the organisation that made it and by the people or
// organisations named with the role controller; it is seen by that organisation's other
// people (as the sender organisation, they see its items too) and every participant —
// named people, named organisations' people, the organisations of a named sector or
// hub (members and secretariat) — players only their own part (their items); anyone
// else gets 404, whatever their role. Administrators get no exception.
//
// Every change runs in one transaction with its audit row; a refused change (409 wrong
// state, 400 speed) writes nothing. Injects fire from Tick (the ticker in src/app, every
// second): each is claimed by a conditional UPDATE inside the transaction that publishes
// its item through SharingService, so two processes never fire one twice and a failed
// publication leaves it pending. An exercise item carries items.exercise_id and
// 【演習】 in its title, mail subject and body; it reaches only the exercise's players and
// no real list (access_policy.h). NO-PLAY cancels every pending inject, halts the clock
// and tells every participant (a stand-down exercise item, mailed through the one
// outbox, and a live event).
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/events/event_hub.h"
#include "domain/exercises/clock.h"
#include "domain/exercises/exercise.h"
#include "domain/exercises/metrics.h"
#include "domain/exercises/scenario.h"
#include "domain/principal.h"
#include "domain/sharing/sharing_service.h"
#include "domain/transactor.h"

namespace renkei::domain {

inline constexpr const char* kExerciseSubject = "exercise";

enum class ExerciseAccess { kNone, kPlayer, kViewer, kController };

struct NewExercise {
  std::string scenario_id;
  std::string name;          // "" = the scenario's name
  std::optional<int> speed;  // none = the scenario's
  std::vector<Participant> participants;
};

// An ad-hoc inject a controller sends now to every player.
struct AdhocInject {
  std::string title, body, action;
  std::optional<Millis> deadline_ms;  // exercise clock
};

struct ExerciseView {
  Exercise exercise;
  std::vector<ExerciseInject> injects;  // controllers see all; others only fired ones
  ExerciseAccess access = ExerciseAccess::kNone;
  Millis clock_ms = 0;  // exercise time now
};

struct ExerciseStatusBoard {
  ExerciseView view;
  ExerciseMetrics metrics;
};

class ExerciseService {
 public:
  ExerciseService(Transactor& tx, const Clock& clock, const ScenarioCatalog& scenarios,
                  SharingService& sharing, EventHub* events = nullptr)
      : tx_(tx), clock_(clock), scenarios_(scenarios), sharing_(sharing), events_(events) {}

  const ScenarioCatalog& scenarios() const { return scenarios_; }
  // Who may make and run exercises: national centre officers, hub analysts, ministry
  // officers (the menu entry's rule too).
  static bool MayRun(const Principal& p);
  // THE access rule (the header).
  static Result<ExerciseAccess> AccessOf(Stores& s, const Principal& p, const Exercise& e);

  Result<ExerciseView> Create(const Actor& actor, const NewExercise& in);
  // The one-click sector drill (セプター訓練): the drill scenario to every member of `hub`.
  Result<ExerciseView> CreateDrill(const Actor& actor, HubId hub, std::optional<int> speed);
  // The exercises the caller takes part in or controls, newest first; `active_only`: only
  // those scheduled, running or paused (予定・実施中 — the home page's tile counts this list).
  Result<std::vector<ExerciseView>> List(const Principal& p, bool active_only = false);
  Result<ExerciseView> Get(const Principal& p, ExerciseId id);
  Result<ExerciseView> Start(const Actor& actor, ExerciseId id);
  Result<ExerciseView> Pause(const Actor& actor, ExerciseId id);
  Result<ExerciseView> Resume(const Actor& actor, ExerciseId id);
  Result<ExerciseView> End(const Actor& actor, ExerciseId id);
  Result<ExerciseView> NoPlay(const Actor& actor, ExerciseId id, const std::string& reason);
  Result<ExerciseView> SendAdhoc(const Actor& actor, ExerciseId id, const AdhocInject& in);
  // The control room (controllers, evaluators, observers): per organisation and sector.
  Result<ExerciseStatusBoard> Board(const Principal& p, ExerciseId id);
  // Whom the exercise's items reach (organisations, people, mails), counted by the sharing
  // rehearsal of an inject: for the confirmation before starting. Controllers.
  Result<Reach> PlayersReach(const Principal& p, ExerciseId id);
  // The caller's exercise items (every participant), newest first.
  Result<ItemPage> Items(const Principal& p, ExerciseId id);

  // Fires every inject that is due in every running exercise; how many fired.
  Result<int> Tick();

 private:
  Result<ExerciseView> Change(const Actor& actor, ExerciseId id, const char* action,
                              const std::function<Status(Stores&, Exercise&, Millis)>& fn);
  Result<ExerciseView> ViewOf(Stores& s, const Principal& p, ExerciseId id, bool control);
  // The exercise's creator, as whom its injects are published.
  Result<Actor> SenderOf(const Exercise& e);
  // `in` as an exercise item of `e` to its players.
  NewItem ItemOf(const Exercise& e, const Inject& in, Millis exercise_now) const;
  // Publishes `in` as an item of `e` to its players; `within` runs in that transaction.
  Result<std::int64_t> PublishInject(const Exercise& e, const Inject& in, Millis exercise_now,
                                     const std::function<Status(Stores&)>& within);
  void Announce(ExerciseId id, const char* kind);

  Transactor& tx_;
  const Clock& clock_;
  const ScenarioCatalog& scenarios_;
  SharingService& sharing_;
  EventHub* events_;
  // The control room's board is the same for every viewer allowed to see it: computed once
  // and shared while the exercise's deliveries and clock are unchanged (the key) and for at
  // most kBoardMemoMs (overdue moves with time). 500 viewers of a 869-organisation exercise
  // otherwise each read its 6,981 deliveries (bench/exercise).
  struct BoardMemo {
    std::string key;
    Millis at = 0;
    ExerciseMetrics metrics;
  };
  static constexpr Millis kBoardMemoMs = 1000;
  std::mutex memo_mu_;
  std::map<std::int64_t, BoardMemo> memo_;
};

// Scheduled, running or paused: 予定・実施中 (List's `active_only`).
bool ExerciseIsActive(ExerciseStatus s);
// The exercise clock of `e` (clock.h).
ExerciseClock ClockOf(const Exercise& e);
// The body a player reads for `in` (its kind's text: questions, channels down, the ask).
std::string InjectBody(const Inject& in);
// Registers the exercises' live events (subject "exercise"): heard by whoever AccessOf
// lets see the exercise.
void RegisterExerciseEvents(EventRules& rules);

}  // namespace renkei::domain
