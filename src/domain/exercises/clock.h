// The exercise clock, as a pure function of what is stored: when the exercise started,
// its pauses, its end, and its speed. Exercise time = (wall time since the start, minus
// the time spent paused, up to the end) × speed. Every metric (R(t), deadlines, overdue)
// is measured on it, so a pause does not make anyone late and a drill run at 60× counts
// a one-day deadline as 24 wall minutes.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "core/clock.h"

namespace renkei::domain {

// 1× to 60×: 60× runs a one-day drill (「１日以内」) in 24 minutes, which is as fast as
// people can still act on a message; faster would only test the machine.
inline constexpr int kMinSpeed = 1;
inline constexpr int kMaxSpeed = 60;

struct ExerciseClock {
  std::optional<Millis> started_at;  // none: not started (exercise time 0)
  std::optional<Millis> ended_at;    // ended or halted: time stops there
  std::vector<std::pair<Millis, std::optional<Millis>>> pauses;  // (from, to), to open while paused
  int speed = 1;

  // Exercise milliseconds elapsed at wall instant `wall` (0 before the start).
  Millis At(Millis wall) const;
  // The wall instant at which exercise time reaches `exercise_ms`, if the clock keeps
  // running from `now` without another pause; none while paused, ended or not started.
  std::optional<Millis> WallWhen(Millis exercise_ms, Millis now) const;
};

}  // namespace renkei::domain
