// ExerciseLoop: the exercise clock's ticker inside `renkei serve`. Every second it asks
// ExerciseService::Tick to fire the injects that fell due in every running exercise. Two
// processes on one database may both tick: each inject is claimed by a conditional
// UPDATE in the transaction that publishes it, so it fires once.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "domain/exercises/exercise_service.h"

namespace renkei::app {

class ExerciseLoop {
 public:
  explicit ExerciseLoop(domain::ExerciseService& exercises);
  ~ExerciseLoop();
  void Stop();

 private:
  void Run();

  domain::ExerciseService& exercises_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace renkei::app
