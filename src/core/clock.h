// Clock: the one source of "now", injectable so tests control time.
// Instants are integer UTC milliseconds since the Unix epoch (invariant 4).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace renkei {

using Millis = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Millis now_ms() const = 0;
};

class SystemClock final : public Clock {
 public:
  Millis now_ms() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock tests move by hand. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Millis start) : now_(start) {}
  Millis now_ms() const override { return now_.load(); }
  void advance(Millis ms) { now_ += ms; }
  void set(Millis at) { now_ = at; }

 private:
  std::atomic<Millis> now_;
};

}  // namespace renkei
