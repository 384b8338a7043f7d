#include "domain/events/event_hub.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace renkei::domain {

void EventRules::Register(std::string subject_kind, EventRule rule) {
  if (subject_kind.empty() || !rule || rules_.count(subject_kind) > 0) {
    std::fprintf(stderr, "renkei: event rule for '%s' registered twice or empty\n",
                 subject_kind.c_str());
    std::abort();
  }
  rules_.emplace(std::move(subject_kind), std::move(rule));
}

const EventRule* EventRules::Find(std::string_view subject_kind) const {
  auto it = rules_.find(subject_kind);
  return it == rules_.end() ? nullptr : &it->second;
}

EventHub::EventHub(Transactor& tx, EventRules rules, CredentialCheck alive, Millis heartbeat_ms)
    : tx_(tx),
      rules_(std::move(rules)),
      alive_(std::move(alive)),
      heartbeat_ms_(heartbeat_ms),
      thread_([this] { Run(); }) {}

EventHub::~EventHub() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

std::int64_t EventHub::Subscribe(const Principal& p, Sink sink) {
  std::lock_guard lock(mu_);
  const std::int64_t id = next_id_++;
  subscribers_.emplace(id, Subscriber{p, std::move(sink)});
  return id;
}

void EventHub::Unsubscribe(std::int64_t id) {
  std::lock_guard lock(mu_);
  subscribers_.erase(id);
}

size_t EventHub::subscribers() const {
  std::lock_guard lock(mu_);
  return subscribers_.size();
}

void EventHub::Publish(Event e) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(e));
  }
  cv_.notify_all();
}

void EventHub::WaitIdle() {
  std::unique_lock lock(mu_);
  idle_cv_.wait(lock, [&] { return queue_.empty() && !busy_; });
}

void EventHub::Deliver(const Event& e) {
  std::vector<std::pair<std::int64_t, Subscriber>> targets;
  {
    std::lock_guard lock(mu_);
    targets.assign(subscribers_.begin(), subscribers_.end());
  }
  if (targets.empty()) return;
  std::vector<const Principal*> who;
  who.reserve(targets.size());
  for (const auto& [id, s] : targets) who.push_back(&s.principal);
  // Credentials first, for every subscriber at once.
  std::vector<bool> alive(targets.size(), true);
  if (alive_) {
    alive = alive_(who);
    alive.resize(targets.size(), false);
  }
  // The subject's own rule, once for this event.
  std::vector<bool> hears(targets.size(), e.kind == "ping");
  if (e.kind != "ping") {
    if (const EventRule* rule = rules_.Find(e.subject_kind)) {
      Status st = tx_.Run(TxMode::kRead, [&](Stores& s) { return (*rule)(s, e, who, hears); });
      if (!st.ok()) hears.assign(targets.size(), false);  // in doubt, nobody hears
      hears.resize(targets.size(), false);
    }
  }
  std::vector<std::int64_t> gone;
  for (size_t i = 0; i < targets.size(); ++i) {
    auto& [id, s] = targets[i];
    if (!alive[i]) {
      (void)s.sink(Event{"", 0, "end"});
      gone.push_back(id);
    } else if (hears[i] && !s.sink(e)) {
      gone.push_back(id);
    }
  }
  std::lock_guard lock(mu_);
  for (auto id : gone) subscribers_.erase(id);
}

void EventHub::Run() {
  auto next_ping = std::chrono::steady_clock::now() + std::chrono::milliseconds(heartbeat_ms_);
  for (;;) {
    Event e;
    {
      std::unique_lock lock(mu_);
      cv_.wait_until(lock, next_ping, [&] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      if (queue_.empty()) {
        e = Event{"", 0, "ping"};
        next_ping = std::chrono::steady_clock::now() + std::chrono::milliseconds(heartbeat_ms_);
      } else {
        e = std::move(queue_.front());
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
