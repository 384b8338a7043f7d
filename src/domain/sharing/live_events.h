// LiveEvents: pushes "something changed" to signed-in browsers (the inbox and the
// sender's delivery table), the live read path of invariant 1.
//
// An event names an item and what happened, never its content; the client fetches
// the item through the API. Each event goes to a subscriber only if the subscriber may
// see the item — checked with the store's visibility predicate (the one rule), or, for
// delivery events (someone read or acknowledged), only if the subscriber manages the
// item. Checks and sends run on the hub's own thread, after the change has committed,
// so a request never waits for subscribers. A subscriber whose sink fails (the browser
// went away) is dropped. Every `heartbeat_ms` each subscriber gets a "ping".
// Before each event and ping the subscriber's credential is asked whether it still
// works (`Alive`: session not ended or expired, token not revoked, user active); once
// it does not, the subscriber gets one "end" event and is dropped, so a stream never
// outlives the sign-in that opened it by more than one heartbeat.
// Thread safety: all public methods may be called from any thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "domain/principal.h"
#include "domain/sharing/sharing.h"
#include "domain/transactor.h"

namespace renkei::domain {

struct LiveEvent {
  std::string type;  // "published" | "revised" | "withdrawn" | "delivery" | "ping" | "end"
  ItemId item_id;
};

class LiveEvents {
 public:
  // Returns false when the subscriber is gone (then it is dropped).
  using Sink = std::function<bool(const LiveEvent&)>;
  // True while the subscriber's credential still works.
  using Alive = std::function<bool()>;

  explicit LiveEvents(Transactor& tx, Millis heartbeat_ms = 20'000);
  ~LiveEvents();
  LiveEvents(const LiveEvents&) = delete;
  LiveEvents& operator=(const LiveEvents&) = delete;

  std::int64_t Subscribe(const Principal& p, Sink sink, Alive alive);
  void Unsubscribe(std::int64_t id);
  size_t subscribers() const;

  // Queue an event ("published", "revised", "withdrawn", "delivery"); delivered on the
  // hub's thread.
  void ItemChanged(ItemId id, const std::string& type);
  // Blocks until every queued event has been handed to the sinks (tests).
  void WaitIdle();

 private:
  struct Subscriber {
    Principal principal;
    bool can_publish = false;
    Sink sink;
    Alive alive;
  };
  void Run();
  void Deliver(const LiveEvent& e);

  Transactor& tx_;
  const Millis heartbeat_ms_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable idle_cv_;
  std::deque<LiveEvent> queue_;
  std::map<std::int64_t, Subscriber> subscribers_;
  std::int64_t next_id_ = 1;
  bool busy_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace renkei::domain
