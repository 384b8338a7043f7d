// Doorbell: rung after a commit that queued outbox rows, so this process's mail worker
// starts at once instead of at its next tick. Other processes sharing the database
// find the rows at their own tick; nothing is lost when nobody listens.
// Thread safety: all methods may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace renkei::domain {

class Doorbell {
 public:
  void Ring() {
    {
      std::lock_guard lock(mu_);
      rung_ = true;
    }
    cv_.notify_all();
  }
  // Waits until rung (or `timeout` passed, or Close()); clears the ring. False once closed.
  bool Wait(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, timeout, [&] { return rung_ || closed_; });
    rung_ = false;
    return !closed_;
  }
  void Close() {
    {
      std::lock_guard lock(mu_);
      closed_ = true;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool rung_ = true;  // the first wait returns at once: mail left by a previous run
  bool closed_ = false;
};

}  // namespace renkei::domain
