#include "app/exercise_loop.h"

#include <chrono>
#include <cstdio>

namespace renkei::app {

ExerciseLoop::ExerciseLoop(domain::ExerciseService& exercises)
    : exercises_(exercises), thread_([this] { Run(); }) {}

ExerciseLoop::~ExerciseLoop() { Stop(); }

void ExerciseLoop::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ExerciseLoop::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; })) {
    lock.unlock();
    if (auto fired = exercises_.Tick(); !fired.ok()) {
      std::fprintf(stderr, "renkei: exercises: %s\n", fired.status().Describe().c_str());
    }
    lock.lock();
  }
}

}  // namespace renkei::app
