// The UTM alert listener: syslog over UDP and TCP on the configured ports, plain POSIX
// sockets and poll(2) on one reader thread, a bounded queue to one batch writer thread that
// hands each batch (deduplicated) and the per-sender counters to a sink — in the app
// DeskService::Ingest with the configured IngestPolicy.
//
// Durable before acknowledged: a TCP connection is not read again until the batch holding
// the lines of its last read returned ok (the kernel's receive window then pushes back on
// the sender). A batch whose sink fails is retried (from retry_ms, doubling to 5 s) until it
// succeeds, so no accepted line is lost while the process runs. UDP cannot push back: a
// datagram that finds the queue full is counted `dropped` for its sender; memory stays
// bounded by queue_capacity lines (plus, for TCP, one read per connection).
// Lines from addresses outside every allowed source are `refused`; lines that do not parse
// are `malformed` with the latest one kept as a sample and its error code. The TLS ports
// (RFC 5425) are TCP ports whose connections are OpenSSL sessions, handshaken and read
// without blocking in the same poll loop, with the same push-back.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "domain/desk/alert.h"
#include "domain/desk/desk_store.h"
#include "intake/mapping.h"
#include "intake/syslog.h"

struct ssl_ctx_st;  // OpenSSL's SSL_CTX, kept out of this header

namespace renkei::intake {

class Normaliser;

using BatchSink = std::function<Status(const std::vector<domain::AlertIn>&,
                                       const std::vector<domain::SenderCount>&)>;

// What the listener counted since it started (the per-sender counts go to the sink).
struct ListenerTotals {
  std::int64_t accepted = 0, malformed = 0, refused = 0, dropped = 0;
  std::int64_t batches = 0, failed_batches = 0;
  std::int64_t queue_peak = 0;  // the most lines the queue held at once
};

class Listener {
 public:
  Listener(ListenerConfig config, const MappingCatalog& catalog, BatchSink sink,
           const Clock& clock);
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  // Binds every configured port and starts the threads; an error if a port cannot be bound.
  Status Start();
  // Stops reading, hands what is queued to the sink (a few tries), joins the threads.
  void Stop();

  // The ports bound, in the configuration's order (a configured 0 is the port chosen).
  const std::vector<int>& udp_ports() const { return udp_bound_; }
  const std::vector<int>& tcp_ports() const { return tcp_bound_; }
  const std::vector<int>& tls_ports() const { return tls_bound_; }
  ListenerTotals totals() const;

 private:
  struct Connection;
  void ReadLoop();
  void WriteLoop();
  void ReadUdp(int fd);
  void Accept(int fd, bool tls);
  void ReadTcp(Connection& c);
  void ReadTls(Connection& c, std::vector<char>& buf);
  // Parses one line; enqueues its alert (tcp: always, udp: unless full) or counts why not.
  void Take(std::string_view line, const std::string& sender, const std::string& consortium,
            bool tcp, std::uint64_t* tcp_seq);
  void CountMalformed(const std::string& sender, IntakeError e, std::string_view sample);
  domain::SenderCount& CountOf(const std::string& sender);  // mu_ held
  void Wake();

  ListenerConfig config_;
  const MappingCatalog& catalog_;
  BatchSink sink_;
  const Clock& clock_;

  std::vector<int> udp_fds_, tcp_fds_;
  std::vector<int> udp_bound_, tcp_bound_;
  std::vector<int> tls_fds_, tls_bound_;
  ssl_ctx_st* tls_ = nullptr;
  int wake_fd_ = -1;
  std::vector<std::unique_ptr<Connection>> conns_;
  std::unique_ptr<Normaliser> normaliser_;  // the reader thread's
  std::thread reader_, writer_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> reader_done_{false};
  bool started_ = false;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  struct Queued {
    domain::AlertIn alert;
    std::uint64_t seq;
  };
  std::deque<Queued> queue_;                           // mu_
  std::map<std::string, domain::SenderCount> counts_;  // mu_: since the last batch
  std::uint64_t next_seq_ = 1;                         // mu_
  std::atomic<std::uint64_t> committed_seq_{0};
  size_t queue_peak_ = 0;  // mu_

  std::atomic<std::int64_t> accepted_{0}, malformed_{0}, refused_{0}, dropped_{0}, batches_{0},
      failed_batches_{0};
};

// `s` as a counter's sample: at most 512 bytes of valid UTF-8, control bytes and broken
// sequences as '?'.
std::string SafeSample(std::string_view s);

}  // namespace renkei::intake
