#include "domain/exercises/clock.h"

#include <algorithm>

namespace renkei::domain {

Millis ExerciseClock::At(Millis wall) const {
  if (!started_at || wall <= *started_at) return 0;
  Millis until = ended_at ? std::min(wall, *ended_at) : wall;
  if (until <= *started_at) return 0;
  Millis paused = 0;
  for (const auto& [from, to] : pauses) {
    const Millis a = std::max(from, *started_at);
    const Millis b = std::min(to.value_or(until), until);
    if (b > a) paused += b - a;
  }
  const Millis running = until - *started_at - paused;
  return running <= 0 ? 0 : running * speed;
}

std::optional<Millis> ExerciseClock::WallWhen(Millis exercise_ms, Millis now) const {
  if (!started_at || ended_at) return std::nullopt;
  if (!pauses.empty() && !pauses.back().second) return std::nullopt;
  const Millis at = At(now);
  if (exercise_ms <= at) return now;
  const Millis left = exercise_ms - at;
  return now + (left + speed - 1) / speed;  // the first wall millisecond it is reached
}

}  // namespace renkei::domain
