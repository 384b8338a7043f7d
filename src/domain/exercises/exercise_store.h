// ExerciseStore: exercises, their participants, pauses and injects (migration 0014).
// The stores never commit; ExerciseService runs every call in its transaction.
#pragma once

#include <optional>
#include <vector>

#include "core/status.h"
#include "domain/exercises/exercise.h"
#include "domain/exercises/metrics.h"

namespace renkei::domain {

class ExerciseStore {
 public:
  virtual ~ExerciseStore() = default;
  // Stores the exercise with its participants (status, speed, creator, name).
  virtual Result<ExerciseId> Create(const Exercise& e) = 0;
  // With participants and pauses; none when there is no such exercise.
  virtual Result<std::optional<Exercise>> Get(ExerciseId id) = 0;
  // Every exercise, newest first, with participants (the service applies its rule).
  virtual Result<std::vector<Exercise>> List() = 0;
  // Exercises whose clock runs (status running): the ticker's work.
  virtual Result<std::vector<ExerciseId>> Running() = 0;
  // Moves the status from `from` to `to` only if it is still `from`; false when not.
  virtual Result<bool> Transition(ExerciseId id, ExerciseStatus from, ExerciseStatus to) = 0;
  virtual Status SetStarted(ExerciseId id, Millis at) = 0;
  virtual Status SetEnded(ExerciseId id, Millis at, const std::string& reason) = 0;
  virtual Status OpenPause(ExerciseId id, Millis at) = 0;
  virtual Status ClosePause(ExerciseId id, Millis at) = 0;

  virtual Status AddInject(ExerciseId id, const ExerciseInject& in) = 0;
  virtual Result<std::vector<ExerciseInject>> Injects(ExerciseId id) = 0;
  // pending → fired if still pending (another process may have fired it): false if not.
  virtual Result<bool> ClaimInject(ExerciseId id, const std::string& inject_id, Millis wall,
                                   Millis exercise) = 0;
  virtual Status SetInjectItem(ExerciseId id, const std::string& inject_id,
                               std::int64_t item_id) = 0;
  // Every pending inject → cancelled (end, NO-PLAY); how many.
  virtual Result<std::int64_t> CancelPending(ExerciseId id) = 0;
  // Every delivery of the exercise's items, with the inject, the organisation and its
  // sectors.
  virtual Result<std::vector<ExerciseDelivery>> Deliveries(ExerciseId id) = 0;
  // What changes whenever Deliveries would: their number, and how many were read and
  // acknowledged when (counts and sums of the instants) — one aggregate row, no rows read
  // out. The control room's shared board is keyed by it.
  virtual Result<std::string> DeliveriesFingerprint(ExerciseId id) = 0;
};

}  // namespace renkei::domain
