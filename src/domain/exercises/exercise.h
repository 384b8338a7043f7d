// Exercises (演習・訓練): the model. A scenario (scenario.h) is a timeline of injects
// (状況付与); an exercise is one run of a scenario with its participants, its clock
// (clock.h) and the injects copied from the scenario when it was made (plus the ad-hoc
// ones its controllers add). docs/exercises.md tells the whole story.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "domain/sharing/sharing.h"

namespace renkei::domain {

using ExerciseId = Id<struct ExerciseTag>;

// scheduled → running ⇄ paused → ended; running or paused → halted (NO-PLAY: every
// inject stops, everyone is told). Stored as these codes.
enum class ExerciseStatus { kScheduled, kRunning, kPaused, kEnded, kHalted };
const char* ExerciseStatusName(ExerciseStatus s);
std::optional<ExerciseStatus> ParseExerciseStatus(std::string_view s);

// What a participant does in the exercise.
enum class ParticipantRole { kPlayer, kController, kEvaluator, kObserver };
const char* ParticipantRoleName(ParticipantRole r);
std::optional<ParticipantRole> ParseParticipantRole(std::string_view s);

// What a participant entry names in the directory: a sector (its active organisations),
// a hub (its members and secretariat), an organisation (its people) or one person.
enum class ParticipantKind { kSector, kHub, kOrganisation, kUser };
const char* ParticipantKindName(ParticipantKind k);
std::optional<ParticipantKind> ParseParticipantKind(std::string_view s);

struct Participant {
  ParticipantKind kind = ParticipantKind::kOrganisation;
  std::string ref;  // sector id, or the hub's, organisation's or user's id in decimal
  ParticipantRole role = ParticipantRole::kPlayer;
};

// What an inject is. Every kind reaches the players as an exercise item through the real
// sharing path (its body says what is asked); the kind decides that text and what counts
// as its outcome.
enum class InjectKind { kItem, kReportRequest, kContactCheck, kQuestionSet, kCondition };
const char* InjectKindName(InjectKind k);
std::optional<InjectKind> ParseInjectKind(std::string_view s);

// A question set's theme: the three weak points the 2024 all-sector exercise found.
struct Question {
  std::string theme;  // "related_bodies" | "supply_chain" | "business_continuity"
  std::string ja, en;
};

// One inject as a scenario declares it and an exercise keeps it.
struct Inject {
  std::string id;  // unique in its scenario ("first-alert")
  InjectKind kind = InjectKind::kItem;
  // When: at an offset on the exercise clock, or `delay_ms` after `after` fired.
  std::optional<Millis> offset_ms;
  std::string after;
  Millis delay_ms = 0;
  std::string title_ja, body_ja;           // what players read (Japanese first)
  std::string title_en, body_en;           // optional English
  std::string action_ja;                   // what players are asked to do ("" = nothing)
  std::optional<Millis> deadline_ms;       // exercise-clock time allowed to acknowledge
  std::string tlp = "AMBER";               // GREEN, AMBER or AMBER+STRICT
  std::vector<Question> questions;         // question sets
  std::vector<std::string> channels_down;  // conditions: "mail", "phone", "portal", "power"
  std::string controller_notes;            // never shown to players
  int line = 0;                            // where the scenario file declares it
};

// An inject of an exercise: the declaration and what became of it.
struct ExerciseInject {
  Inject inject;
  int seq = 0;
  std::string state = "pending";            // pending | fired | cancelled
  std::optional<Millis> fired_at;           // wall time
  std::optional<Millis> fired_at_exercise;  // exercise clock
  std::int64_t item_id = 0;                 // the exercise item it published (0: none)
  bool adhoc = false;
};

struct Exercise {
  ExerciseId id;
  std::string scenario_id, scenario_version;
  std::string name;
  ExerciseStatus status = ExerciseStatus::kScheduled;
  int speed = 1;
  UserId created_by;
  OrgId org_id;  // the creator's organisation: its runners control the exercise
  Millis created_at = 0;
  std::optional<Millis> started_at, ended_at;
  // Pauses as (from, to); the last one open while paused.
  std::vector<std::pair<Millis, std::optional<Millis>>> pauses;
  std::string halt_reason;
  std::vector<Participant> participants;
};

}  // namespace renkei::domain
