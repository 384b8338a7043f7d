#include "intake/listener.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/error_codes.h"
#include "intake/deduper.h"
#include "intake/framing.h"
#include "intake/normalise.h"

namespace renkei::intake {

struct Listener::Connection {
  int fd = -1;
  std::string sender, consortium;
  StreamFramer framer;
  std::uint64_t wait_seq = 0;  // not read again until committed_seq_ reaches it
  bool closed = false;
  SSL* ssl = nullptr;  // a TLS port's connection (RFC 5425)
  bool handshaken = false;
  bool want_write = false;  // OpenSSL waits for the socket to take bytes
  explicit Connection(size_t max_frame) : framer(max_frame) {}
  ~Connection() {
    if (ssl) SSL_free(ssl);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
};

std::string SafeSample(std::string_view s) {
  std::string out;
  out.reserve(std::min<size_t>(s.size(), 512));
  size_t i = 0;
  while (i < s.size() && out.size() < 512) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back((c < 0x20 && c != '\t') || c == 0x7f ? '?' : static_cast<char>(c));
      ++i;
      continue;
    }
    const size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
    if (n == 0 || i + n > s.size() || out.size() + n > 512 ||
        CheckText(s.substr(i, n)) != IntakeError::kNone) {
      if (out.size() + 1 > 512) break;
      out.push_back('?');
      ++i;
      continue;
    }
    out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

namespace {

std::string AddressText(const sockaddr_storage& ss) {
  char buf[INET6_ADDRSTRLEN] = {0};
  if (ss.ss_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(ss).sin_addr, buf, sizeof buf);
  } else if (ss.ss_family == AF_INET6) {
    const auto& a6 = reinterpret_cast<const sockaddr_in6&>(ss).sin6_addr;
    if (IN6_IS_ADDR_V4MAPPED(&a6)) {
      inet_ntop(AF_INET, a6.s6_addr + 12, buf, sizeof buf);
    } else {
      inet_ntop(AF_INET6, &a6, buf, sizeof buf);
    }
  }
  return buf;
}

void NonBlocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK); }

Result<int> Bind(const std::string& host, int port, int type, int& bound) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = type;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
  addrinfo* res = nullptr;
  const std::string service = std::to_string(port);
  if (getaddrinfo(host.c_str(), service.c_str(), &hints, &res) != 0 || !res)
    return err::Internal().with_note("intake: bad bind address " + host);
  const int fd = socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    freeaddrinfo(res);
    return err::Internal().with_note(std::string("intake: socket: ") + std::strerror(errno));
  }
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (type == SOCK_DGRAM) {
    const int rcvbuf = 8 << 20;  // absorbs a burst while the reader catches up
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
  }
  if (bind(fd, res->ai_addr, res->ai_addrlen) != 0 ||
      (type == SOCK_STREAM && listen(fd, 128) != 0)) {
    const std::string why = std::strerror(errno);
    freeaddrinfo(res);
    close(fd);
    return err::Internal().with_note("intake: bind " + host + ":" + service + ": " + why);
  }
  freeaddrinfo(res);
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
  bound = ss.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6&>(ss).sin6_port)
                                   : ntohs(reinterpret_cast<sockaddr_in&>(ss).sin_port);
  NonBlocking(fd);
  return fd;
}

constexpr size_t kReadChunk = 64 * 1024;

}  // namespace

Listener::Listener(ListenerConfig config, const MappingCatalog& catalog, BatchSink sink,
                   const Clock& clock)
    : config_(std::move(config)), catalog_(catalog), sink_(std::move(sink)), clock_(clock) {}

Listener::~Listener() { Stop(); }

Status Listener::Start() {
  if (started_) return Status();
  SyslogOptions opt;
  opt.max_length = config_.max_frame;
  opt.utc_offset_minutes = config_.utc_offset_minutes;
  normaliser_ = std::make_unique<Normaliser>(catalog_, opt);
  auto fail = [&](Status s) {
    for (int fd : udp_fds_) close(fd);
    for (int fd : tcp_fds_) close(fd);
    for (int fd : tls_fds_) close(fd);
    udp_fds_.clear();
    tcp_fds_.clear();
    tls_fds_.clear();
    if (tls_) SSL_CTX_free(tls_);
    tls_ = nullptr;
    return s;
  };
  if (!config_.tls_ports.empty()) {
    tls_ = SSL_CTX_new(TLS_server_method());
    if (!tls_) return fail(err::Internal().with_note("intake: TLS context"));
    SSL_CTX_set_min_proto_version(tls_, TLS1_2_VERSION);
    SSL_CTX_set_mode(tls_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    if (SSL_CTX_use_certificate_chain_file(tls_, config_.tls_cert.c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(tls_, config_.tls_key.c_str(), SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(tls_) != 1) {
      char why[256];
      ERR_error_string_n(ERR_get_error(), why, sizeof why);
      ERR_clear_error();
      return fail(err::Internal().with_note("intake: TLS certificate " + config_.tls_cert +
                                            " / key " + config_.tls_key + ": " + why));
    }
  }
  for (int port : config_.udp_ports) {
    int bound = 0;
    auto fd = Bind(config_.bind, port, SOCK_DGRAM, bound);
    if (!fd.ok()) return fail(fd.status());
    udp_fds_.push_back(*fd);
    udp_bound_.push_back(bound);
  }
  for (int port : config_.tcp_ports) {
    int bound = 0;
    auto fd = Bind(config_.bind, port, SOCK_STREAM, bound);
    if (!fd.ok()) return fail(fd.status());
    tcp_fds_.push_back(*fd);
    tcp_bound_.push_back(bound);
  }
  for (int port : config_.tls_ports) {
    int bound = 0;
    auto fd = Bind(config_.bind, port, SOCK_STREAM, bound);
    if (!fd.ok()) return fail(fd.status());
    tls_fds_.push_back(*fd);
    tls_bound_.push_back(bound);
  }
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0) return fail(err::Internal().with_note("intake: eventfd failed"));
  started_ = true;
  stopping_ = false;
  reader_done_ = false;
  writer_ = std::thread([this] { WriteLoop(); });
  reader_ = std::thread([this] { ReadLoop(); });
  return Status();
}

void Listener::Stop() {
  if (!started_) return;
  stopping_ = true;
  Wake();
  if (reader_.joinable()) reader_.join();
  reader_done_ = true;
  cv_.notify_all();
  if (writer_.joinable()) writer_.join();
  for (auto& c : conns_)
    if (c->fd >= 0) close(c->fd);
  conns_.clear();
  for (int fd : udp_fds_) close(fd);
  for (int fd : tcp_fds_) close(fd);
  for (int fd : tls_fds_) close(fd);
  udp_fds_.clear();
  tcp_fds_.clear();
  tls_fds_.clear();
  if (tls_) SSL_CTX_free(tls_);
  tls_ = nullptr;
  close(wake_fd_);
  wake_fd_ = -1;
  started_ = false;
}

ListenerTotals Listener::totals() const {
  ListenerTotals t;
  t.accepted = accepted_;
  t.malformed = malformed_;
  t.refused = refused_;
  t.dropped = dropped_;
  t.batches = batches_;
  t.failed_batches = failed_batches_;
  std::lock_guard lock(mu_);
  t.queue_peak = static_cast<std::int64_t>(queue_peak_);
  return t;
}

void Listener::Wake() {
  if (wake_fd_ < 0) return;
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = write(wake_fd_, &one, sizeof one);
}

domain::SenderCount& Listener::CountOf(const std::string& sender) {
  domain::SenderCount& c = counts_[sender];
  if (c.sender.empty()) c.sender = sender;
  c.last_at = clock_.now_ms();
  return c;
}

void Listener::CountMalformed(const std::string& sender, IntakeError e, std::string_view sample) {
  ++malformed_;
  std::lock_guard lock(mu_);
  domain::SenderCount& c = CountOf(sender);
  ++c.malformed;
  c.sample = SafeSample(sample);
  c.error = IntakeErrorCode(e);
}

void Listener::Take(std::string_view line, const std::string& sender, const std::string& consortium,
                    bool tcp, std::uint64_t* tcp_seq) {
  domain::AlertIn a;
  const IntakeError e = normaliser_->Normalise(line, sender, consortium, clock_.now_ms(), a);
  if (e != IntakeError::kNone) {
    CountMalformed(sender, e, line);
    return;
  }
  {
    std::lock_guard lock(mu_);
    if (!tcp && queue_.size() >= config_.queue_capacity) {
      ++dropped_;
      ++CountOf(sender).dropped;
      return;
    }
    const std::uint64_t seq = next_seq_++;
    queue_.push_back({std::move(a), seq});
    queue_peak_ = std::max(queue_peak_, queue_.size());
    ++CountOf(sender).accepted;
    if (tcp_seq) *tcp_seq = seq;
  }
  ++accepted_;
}

void Listener::ReadUdp(int fd) {
  static thread_local std::vector<char> buf(65536);
  for (int i = 0; i < 256; ++i) {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    const ssize_t n =
        recvfrom(fd, buf.data(), buf.size(), MSG_TRUNC, reinterpret_cast<sockaddr*>(&ss), &len);
    if (n < 0) return;  // EAGAIN: drained
    const std::string sender = AddressText(ss);
    const auto addr = IpAddress::Parse(sender);
    const std::string* consortium = addr ? config_.ConsortiumOf(*addr) : nullptr;
    if (!consortium) {
      ++refused_;
      std::lock_guard lock(mu_);
      ++CountOf(sender).refused;
      continue;
    }
    const size_t size = static_cast<size_t>(n);
    if (size > config_.max_frame || size > buf.size()) {
      CountMalformed(sender, IntakeError::kTooLong,
                     std::string_view(buf.data(), std::min(size, buf.size())));
      continue;
    }
    Take(std::string_view(buf.data(), size), sender, *consortium, false, nullptr);
    if (i % 32 == 31) cv_.notify_one();
  }
  cv_.notify_one();
}

void Listener::Accept(int fd, bool tls) {
  for (;;) {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    const int c = accept4(fd, reinterpret_cast<sockaddr*>(&ss), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (c < 0) return;
    const std::string sender = AddressText(ss);
    const auto addr = IpAddress::Parse(sender);
    const std::string* consortium = addr ? config_.ConsortiumOf(*addr) : nullptr;
    if (!consortium || conns_.size() >= static_cast<size_t>(config_.max_connections)) {
      close(c);
      ++refused_;
      std::lock_guard lock(mu_);
      ++CountOf(sender).refused;
      continue;
    }
    auto conn = std::make_unique<Connection>(config_.max_frame);
    conn->fd = c;
    conn->sender = sender;
    conn->consortium = *consortium;
    if (tls) {
      conn->ssl = SSL_new(tls_);
      if (!conn->ssl || SSL_set_fd(conn->ssl, c) != 1) {
        close(c);
        continue;
      }
      SSL_set_accept_state(conn->ssl);
    }
    conns_.push_back(std::move(conn));
  }
}

void Listener::ReadTcp(Connection& c) {
  static thread_local std::vector<char> buf(kReadChunk);
  if (c.ssl) {
    ReadTls(c, buf);
    return;
  }
  // One read, then wait for its lines' batch: the window fills and the sender slows down.
  const ssize_t n = read(c.fd, buf.data(), buf.size());
  auto frame = [&](std::string_view f) { Take(f, c.sender, c.consortium, true, &c.wait_seq); };
  auto error = [&](IntakeError e, std::string_view sample) { CountMalformed(c.sender, e, sample); };
  if (n > 0) {
    c.framer.Feed(std::string_view(buf.data(), static_cast<size_t>(n)), frame, error);
    cv_.notify_one();  // the whole read's lines in one batch (one transaction)
    return;
  }
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
  c.framer.Finish(frame, error);
  cv_.notify_one();
  close(c.fd);
  c.fd = -1;
  c.closed = true;
}

// A TLS connection: the handshake, then the records that are there (one read's worth at most:
// OpenSSL takes one record from the socket per SSL_read and keeps nothing back when the
// buffer holds a whole record, so poll tells again when more arrives).
void Listener::ReadTls(Connection& c, std::vector<char>& buf) {
  auto frame = [&](std::string_view f) { Take(f, c.sender, c.consortium, true, &c.wait_seq); };
  auto error = [&](IntakeError e, std::string_view sample) { CountMalformed(c.sender, e, sample); };
  auto end = [&](bool bad) {
    if (bad) CountMalformed(c.sender, IntakeError::kBadTls, "TLS handshake or record failed");
    c.framer.Finish(frame, error);
    cv_.notify_one();
    ERR_clear_error();
    SSL_free(c.ssl);
    c.ssl = nullptr;
    close(c.fd);
    c.fd = -1;
    c.closed = true;
  };
  c.want_write = false;
  if (!c.handshaken) {
    const int r = SSL_accept(c.ssl);
    if (r != 1) {
      const int e = SSL_get_error(c.ssl, r);
      if (e == SSL_ERROR_WANT_READ) return;
      if (e == SSL_ERROR_WANT_WRITE) {
        c.want_write = true;
        return;
      }
      end(true);
      return;
    }
    c.handshaken = true;
  }
  size_t total = 0;
  bool eof = false, bad = false;
  constexpr size_t kRecord = 16 * 1024 + 256;
  while (total + kRecord <= buf.size()) {
    const int r = SSL_read(c.ssl, buf.data() + total, static_cast<int>(buf.size() - total));
    if (r > 0) {
      total += static_cast<size_t>(r);
      continue;
    }
    const int e = SSL_get_error(c.ssl, r);
    if (e == SSL_ERROR_WANT_READ) break;
    if (e == SSL_ERROR_WANT_WRITE) {
      c.want_write = true;
      break;
    }
    eof = true;
    bad = e != SSL_ERROR_ZERO_RETURN && !(e == SSL_ERROR_SYSCALL && ERR_peek_error() == 0);
    break;
  }
  if (total > 0) {
    c.framer.Feed(std::string_view(buf.data(), total), frame, error);
    cv_.notify_one();
  }
  if (eof) end(bad);
}

void Listener::ReadLoop() {
  std::vector<pollfd> fds;
  std::vector<Connection*> polled;
  while (!stopping_) {
    fds.clear();
    polled.clear();
    fds.push_back({wake_fd_, POLLIN, 0});
    for (int fd : udp_fds_) fds.push_back({fd, POLLIN, 0});
    for (int fd : tcp_fds_) fds.push_back({fd, POLLIN, 0});
    for (int fd : tls_fds_) fds.push_back({fd, POLLIN, 0});
    const std::uint64_t committed = committed_seq_.load();
    for (auto& c : conns_) {
      if (c->wait_seq > committed) continue;  // its last lines are not durable yet
      fds.push_back({c->fd, static_cast<short>(POLLIN | (c->want_write ? POLLOUT : 0)), 0});
      polled.push_back(c.get());
    }
    const int r = poll(fds.data(), fds.size(), 500);
    if (r < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[0].revents) {
      std::uint64_t v;
      [[maybe_unused]] const ssize_t n = read(wake_fd_, &v, sizeof v);
    }
    size_t i = 1;
    for (int fd : udp_fds_) {
      if (fds[i++].revents & POLLIN) ReadUdp(fd);
    }
    for (int fd : tcp_fds_) {
      if (fds[i++].revents & POLLIN) Accept(fd, false);
    }
    for (int fd : tls_fds_) {
      if (fds[i++].revents & POLLIN) Accept(fd, true);
    }
    for (Connection* c : polled) {
      if (fds[i++].revents & (POLLIN | POLLOUT | POLLHUP | POLLERR)) ReadTcp(*c);
    }
    std::erase_if(conns_, [](const std::unique_ptr<Connection>& c) { return c->closed; });
  }
}

void Listener::WriteLoop() {
  Deduper deduper(config_.policy.window_ms);
  for (;;) {
    std::vector<domain::SenderCount> counts;
    std::uint64_t last_seq = 0;
    bool have_lines = false;
    {
      std::unique_lock lock(mu_);
      // Counters alone wait a little so they go in groups; lines go at once.
      cv_.wait_for(lock, std::chrono::milliseconds(100),
                   [&] { return !queue_.empty() || stopping_; });
      if (queue_.empty() && counts_.empty()) {
        if (reader_done_) return;
        continue;
      }
      const size_t n = std::min(queue_.size(), config_.batch_max);
      for (size_t k = 0; k < n; ++k) {
        last_seq = queue_.front().seq;
        deduper.Add(std::move(queue_.front().alert));
        queue_.pop_front();
        have_lines = true;
      }
      // The counters go with the batch; the counters of lines still queued go with theirs.
      for (auto& [sender, c] : counts_) counts.push_back(std::move(c));
      counts_.clear();
    }
    const std::vector<domain::AlertIn> batch = deduper.Take();
    int wait_ms = config_.retry_ms;
    int tries_after_stop = 0;
    for (;;) {
      const Status st = sink_(batch, counts);
      if (st.ok()) break;
      ++failed_batches_;
      if (stopping_ && ++tries_after_stop >= 3) break;  // shutting down: give up, lines lost
      for (int slept = 0; slept < wait_ms && !(stopping_ && tries_after_stop > 0); slept += 10)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      wait_ms = std::min(wait_ms * 2, 5000);
    }
    ++batches_;
    if (have_lines) {
      committed_seq_ = last_seq;
      Wake();
    }
  }
}

}  // namespace renkei::intake
