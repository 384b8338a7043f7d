// What an exercise measures, as pure functions over its delivery rows and its clock
// (clock.h): the expectation of each (inject, organisation) and the transmission rate
// R(d) = share of targets that acknowledged within d of delivery, on the exercise clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/exercises/clock.h"
#include "domain/sharing/sharing.h"

namespace renkei::domain {

// An expectation's outcome, binary where it can be (OpenAEV's lesson, docs/exercises.md):
// success (acknowledged within the deadline), partial (acknowledged, late), failed (the
// deadline passed without it), pending (time is left).
enum class Outcome { kPending, kSuccess, kPartial, kFailed };
const char* OutcomeName(Outcome o);

// All instants on the exercise clock. No deadline: any acknowledgement succeeds and
// nothing fails.
Outcome ScoreAcknowledgement(std::optional<Millis> deadline, Millis sent,
                             std::optional<Millis> acknowledged, Millis now);

// One recipient's delivery of one exercise item, as stored (wall instants).
struct ExerciseDelivery {
  std::int64_t item_id = 0;
  std::string inject_id;
  std::optional<Millis> deadline_ms;  // the inject's, exercise clock
  std::int64_t user_id = 0, org_id = 0;
  std::string org_name_ja, org_name_en;
  std::vector<std::string> sector_ids;  // the organisation's
  Millis delivered_at = 0;
  std::optional<Millis> read_at, acknowledged_at;
};

// The windows are the sharing module's kRateWindows (1 h, 4 h, 24 h), here on the exercise clock.

// One line of the control room or the report: an organisation or a sector.
struct ExerciseLine {
  std::string key;  // org id in decimal, or the sector id
  std::string name_ja, name_en;
  std::int64_t targets = 0;  // organisations × injects addressed
  std::int64_t delivered = 0, read = 0, acknowledged = 0, overdue = 0;
  std::int64_t people = 0, people_active = 0;
  double rate[3] = {0, 0, 0};  // R(1 h), R(4 h), R(24 h): share of targets acknowledged within
};

struct ExerciseMetrics {
  std::vector<ExerciseLine> orgs;     // by organisation, in name order
  std::vector<ExerciseLine> sectors;  // by sector id
  ExerciseLine total;
  std::int64_t orgs_invited = 0, orgs_active = 0, people_invited = 0, people_active = 0;
  // The full curve: (exercise-clock minutes after delivery, share of targets acknowledged).
  std::vector<std::pair<std::int64_t, double>> curve;
};

// A target is one (inject item, organisation): acknowledged when someone of the
// organisation acknowledged, at the first such instant; active = read or acknowledged.
ExerciseMetrics ComputeMetrics(const std::vector<ExerciseDelivery>& rows,
                               const ExerciseClock& clock, Millis now);

}  // namespace renkei::domain
