#include "domain/sharing/live_events.h"

#include <chrono>
#include <vector>

#include "domain/sharing/access_policy.h"
#include "domain/sharing/sharing_service.h"

namespace renkei::domain {

LiveEvents::LiveEvents(Transactor& tx, Millis heartbeat_ms)
    : tx_(tx), heartbeat_ms_(heartbeat_ms), thread_([this] { Run(); }) {}

LiveEvents::~LiveEvents() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

std::int64_t LiveEvents::Subscribe(const Principal& p, Sink sink, Alive alive) {
  Subscriber s{p, false, std::move(sink), std::move(alive)};
  // Whether the subscriber publishes (for delivery events): decided once, here.
  (void)tx_.Run(TxMode::kRead, [&](Stores& st) -> Status {
    RENKEI_ASSIGN_OR_RETURN(s.can_publish, IsPublisher(st, p));
    return Status::Ok();
  });
  std::lock_guard lock(mu_);
  const std::int64_t id = next_id_++;
  subscribers_.emplace(id, std::move(s));
  return id;
}

void LiveEvents::Unsubscribe(std::int64_t id) {
  std::lock_guard lock(mu_);
  subscribers_.erase(id);
}

size_t LiveEvents::subscribers() const {
  std::lock_guard lock(mu_);
  return subscribers_.size();
}

void LiveEvents::ItemChanged(ItemId id, const std::string& type) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back({type, id});
  }
  cv_.notify_all();
}

void LiveEvents::WaitIdle() {
  std::unique_lock lock(mu_);
  idle_cv_.wait(lock, [&] { return queue_.empty() && !busy_; });
}

void LiveEvents::Deliver(const LiveEvent& e) {
  std::vector<std::pair<std::int64_t, Subscriber>> targets;
  {
    std::lock_guard lock(mu_);
    targets.assign(subscribers_.begin(), subscribers_.end());
  }
  std::vector<std::int64_t> gone;
  for (auto& [id, s] : targets) {
    if (s.alive && !s.alive()) {
      (void)s.sink(LiveEvent{"end", ItemId()});
      gone.push_back(id);
      continue;
    }
    bool send = e.type == "ping";
    if (!send) {
      // The one visibility rule, through the store, for this subscriber.
      (void)tx_.Run(TxMode::kRead, [&](Stores& st) -> Status {
        RENKEI_ASSIGN_OR_RETURN(
            auto item, st.sharing.GetVisibleItem(e.item_id, AccessPolicy::ViewerOf(s.principal)));
        if (!item) return Status::Ok();
        send = e.type != "delivery" || AccessPolicy::CanManage(s.principal, *item, s.can_publish);
        return Status::Ok();
      });
    }
    if (send && !s.sink(e)) gone.push_back(id);
  }
  std::lock_guard lock(mu_);
  for (auto id : gone) subscribers_.erase(id);
}

void LiveEvents::Run() {
  auto next_ping = std::chrono::steady_clock::now() + std::chrono::milliseconds(heartbeat_ms_);
  for (;;) {
    LiveEvent e;
    {
      std::unique_lock lock(mu_);
      cv_.wait_until(lock, next_ping, [&] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      if (queue_.empty()) {
        e = LiveEvent{"ping", ItemId()};
        next_ping = std::chrono::steady_clock::now() + std::chrono::milliseconds(heartbeat_ms_);
      } else {
        e = queue_.front();
        queue_.pop_front();
      }
      busy_ = true;
    }
    Deliver(e);
    {
      std::lock_guard lock(mu_);
      busy_ = false;
    }
    idle_cv_.notify_all();
  }
}

}  // namespace renkei::domain
