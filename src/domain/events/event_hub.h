// EventHub: pushes "something changed" to signed-in browsers (GET /events), the live
// read path of invariant 1, for every kind of subject.
//
// An event names its subject (subject kind + id: an item, later a report case …) and
// what happened, never content; the client fetches the subject through the API. Each
// module registers the access rule of its subject kind (EventRules), and an event goes
// to a subscriber only if that rule lets the subscriber hear of it (items: the store's
// visibility predicate, the one rule). The rule is asked once per event for all
// subscribers, in one read transaction. Checks and sends run on the hub's own thread,
// after the change has committed, so a request never waits for subscribers. A
// subscriber whose sink fails (the browser went away) is dropped. Every `heartbeat_ms`
// each subscriber gets a "ping".
// Before each event and ping the subscribers' credentials are checked (`alive`, all
// subscribers at once: session not ended or expired, token not revoked, user active);
// a subscriber whose credential no longer works gets one "end" event and is dropped, so
// a stream never outlives the sign-in that opened it by more than one heartbeat.
// Events are those committed by this process; the design note in ARCHITECTURE.md says
// how several processes will share them.
// Thread safety: all public methods may be called from any thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "domain/principal.h"
#include "domain/transactor.h"

namespace renkei::domain {

struct Event {
  std::string subject_kind;  // "item", …; empty for the hub's own "ping" and "end"
  std::int64_t subject_id = 0;
  std::string kind;  // what happened, per subject kind ("published", …); "ping", "end"
};

// A subject kind's access rule for its events: sets hears[i] for each of `who` (all
// false on entry) that may hear of `e`. Runs in a read transaction on the hub's thread.
using EventRule = std::function<Status(
    Stores&, const Event& e, const std::vector<const Principal*>& who, std::vector<bool>& hears)>;

class EventRules {
 public:
  // One rule per subject kind; registering a kind twice is a programming error (aborts).
  void Register(std::string subject_kind, EventRule rule);
  const EventRule* Find(std::string_view subject_kind) const;

 private:
  std::map<std::string, EventRule, std::less<>> rules_;
};

class EventHub {
 public:
  // Returns false when the subscriber is gone (then it is dropped).
  using Sink = std::function<bool(const Event&)>;
  // Whether each principal's credential still works (one answer per principal).
  using CredentialCheck = std::function<std::vector<bool>(const std::vector<const Principal*>&)>;

  // Without `alive`, credentials are not checked (tests of the rules alone).
  EventHub(Transactor& tx, EventRules rules, CredentialCheck alive = {},
           Millis heartbeat_ms = 20'000);
  ~EventHub();
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  std::int64_t Subscribe(const Principal& p, Sink sink);
  void Unsubscribe(std::int64_t id);
  size_t subscribers() const;

  // Queues an event for delivery on the hub's thread; call after the change committed.
  // An event of a subject kind without a rule reaches nobody.
  void Publish(Event e);
  // Blocks until every queued event has been handed to the sinks (tests).
  void WaitIdle();

 private:
  struct Subscriber {
    Principal principal;
    Sink sink;
  };
  void Run();
  void Deliver(const Event& e);

  Transactor& tx_;
  const EventRules rules_;
  const CredentialCheck alive_;
  const Millis heartbeat_ms_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable idle_cv_;
  std::deque<Event> queue_;
  std::map<std::int64_t, Subscriber> subscribers_;
  std::int64_t next_id_ = 1;
  bool busy_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace renkei::domain
