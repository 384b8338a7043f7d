// BodyGuard: reads the head of each HTTP/1.1 request on one connection as its bytes
// arrive from the socket, before the HTTP parser buffers the body, and refuses a
// declared body the request's route does not take (413) or that the server cannot hold
// now (503), so neither is read. Bodies are counted against one budget shared by every
// connection (`BodyBudget`): bytes reserved from a request's head until its body has
// arrived. Chunked bodies (no length up front) are left to the parser's own hard limit.
// No Asio here: server.cc feeds it what each read returned.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace renkei::http {

// Bytes of request bodies announced and not yet fully received, across connections.
class BodyBudget {
 public:
  explicit BodyBudget(std::uint64_t limit) : limit_(limit) {}
  bool Reserve(std::uint64_t n);
  void Release(std::uint64_t n) { held_.fetch_sub(n); }
  std::uint64_t held() const { return held_.load(); }

 private:
  const std::uint64_t limit_;
  std::atomic<std::uint64_t> held_{0};
};

class BodyGuard {
 public:
  // The largest body `method target` may send.
  using Limit = std::function<std::uint64_t(std::string_view method, std::string_view target)>;
  enum class Verdict { kPass, kTooLarge, kBusy };

  BodyGuard(const Limit* limit, BodyBudget* budget) : limit_(limit), budget_(budget) {}
  ~BodyGuard() { Release(); }
  BodyGuard(const BodyGuard&) = delete;
  BodyGuard& operator=(const BodyGuard&) = delete;

  // The next bytes read from the connection. Once it answers kTooLarge or kBusy the
  // connection is to be answered and closed; `limit()` says what the route allows.
  Verdict Feed(std::string_view bytes);
  std::uint64_t refused_limit() const { return refused_limit_; }
  // The refused request's Accept-Language header, so the refusal speaks its language.
  const std::string& refused_accept_language() const { return refused_accept_language_; }
  // The target (path and query) of the refused request, so the refusal can be written
  // in the format of the mount it was meant for.
  const std::string& refused_target() const { return refused_target_; }

 private:
  enum class State { kHead, kBody, kOff };
  Verdict EndOfHead();
  void Release();

  const Limit* limit_;
  BodyBudget* budget_;
  State state_ = State::kHead;
  std::string head_;
  std::uint64_t remaining_ = 0;  // body bytes still to come
  std::uint64_t reserved_ = 0;   // held in the budget for this request
  std::uint64_t refused_limit_ = 0;
  std::string refused_accept_language_;
  std::string refused_target_;
};

}  // namespace renkei::http
