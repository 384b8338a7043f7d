#include "http/server.h"

#include <signal.h>

#include <array>
#include <atomic>
#include <mutex>
#include <optional>
#include <restinio/all.hpp>
#include <utility>
#include <vector>

#include "core/ascii.h"
#include "core/error_codes.h"
#include "core/text.h"
#include "http/body_guard.h"
#include "http/problem.h"

namespace renkei::http {
namespace {

// What refuses a body before it is read (see BodyGuard), and what writes the refusal in
// the format of the mount its target falls in; set by Serve.
const BodyGuard::Limit* g_body_limit = nullptr;
BodyBudget* g_body_budget = nullptr;
const Api* g_api = nullptr;

std::string RefusalResponse(BodyGuard::Verdict v, const BodyGuard& guard) {
  const Lang lang = PreferredLang(guard.refused_accept_language());
  const Status st = v == BodyGuard::Verdict::kTooLarge
                        ? err::BodyTooLarge(ByteSizeText(guard.refused_limit()))
                        : err::ServerBusy();
  Response r = g_api ? g_api->Refusal(guard.refused_target(), st, lang) : ProblemResponse(st, lang);
  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + ReasonPhrase(r.status) + "\r\n";
  for (const auto& [name, value] : r.headers) out += name + ": " + value + "\r\n";
  if (v == BodyGuard::Verdict::kBusy) out += "Retry-After: 5\r\n";
  out += "X-Content-Type-Options: nosniff\r\nContent-Length: " + std::to_string(r.body.size()) +
         "\r\nConnection: close\r\n\r\n";
  return out + r.body;
}

// The TCP socket RESTinio reads requests from, with a BodyGuard looking at every read
// before RESTinio's parser sees it: a declared body the route does not take is answered
// 413 (or 503 when the shared budget is spent) and the connection ends, before a byte of
// the body is buffered. Everything else passes through to the plain socket.
class GuardedSocket {
 public:
  using socket_t = restinio::asio_ns::ip::tcp::socket;
  using executor_type = socket_t::executor_type;
  using lowest_layer_type = socket_t;

  explicit GuardedSocket(restinio::asio_ns::io_context& io)
      : socket_(std::make_unique<socket_t>(io)),
        guard_(std::make_unique<BodyGuard>(g_body_limit, g_body_budget)) {}
  // RESTinio moves each accepted socket out of its accept pool and accepts the next
  // connection on what is left: a moved-from GuardedSocket is a closed socket with a
  // fresh guard, like a moved-from asio socket.
  GuardedSocket(GuardedSocket&& o)
      : socket_(std::make_unique<socket_t>(std::move(*o.socket_))),
        guard_(std::exchange(o.guard_, std::make_unique<BodyGuard>(g_body_limit, g_body_budget))) {}
  GuardedSocket& operator=(GuardedSocket&& o) {
    *socket_ = std::move(*o.socket_);
    guard_ = std::exchange(o.guard_, std::make_unique<BodyGuard>(g_body_limit, g_body_budget));
    return *this;
  }

  executor_type get_executor() { return socket_->get_executor(); }
  lowest_layer_type& lowest_layer() { return *socket_; }
  const lowest_layer_type& lowest_layer() const { return *socket_; }
  bool is_open() const { return socket_->is_open(); }
  void cancel(restinio::asio_ns::error_code& ec) { socket_->cancel(ec); }
  void shutdown(socket_t::shutdown_type what, restinio::asio_ns::error_code& ec) {
    socket_->shutdown(what, ec);
  }
  void close() { socket_->close(); }
  void close(restinio::asio_ns::error_code& ec) { socket_->close(ec); }

  template <typename Buffers, typename Handler>
  auto async_write_some(const Buffers& buffers, Handler&& handler) {
    return socket_->async_write_some(buffers, std::forward<Handler>(handler));
  }

  template <typename Buffers, typename Handler>
  void async_read_some(const Buffers& buffers, Handler&& handler) {
    namespace asio = restinio::asio_ns;
    auto executor = asio::get_associated_executor(handler, socket_->get_executor());
    socket_t* socket = socket_.get();
    BodyGuard* guard = guard_.get();
    socket_->async_read_some(
        buffers,
        asio::bind_executor(
            executor, [socket, guard, buffers, executor, h = std::forward<Handler>(handler)](
                          const asio::error_code& ec, std::size_t n) mutable {
              if (!ec && n > 0) {
                const auto first = asio::buffer_sequence_begin(buffers);
                const std::string_view bytes(static_cast<const char*>(asio::buffer(*first).data()),
                                             std::min(n, asio::buffer(*first).size()));
                const BodyGuard::Verdict v = guard->Feed(bytes);
                if (v != BodyGuard::Verdict::kPass) {
                  asio::error_code ignored;
                  asio::write(*socket, asio::buffer(RefusalResponse(v, *guard)), ignored);
                  socket->shutdown(socket_t::shutdown_send, ignored);
                  // Read and drop what the client still sends (up to the parser's hard cap)
                  // before the connection closes: closing with unread bytes sends a reset,
                  // and the client may then lose the answer it has not read yet.
                  Drain(socket, executor, std::make_shared<std::decay_t<Handler>>(std::move(h)), 0);
                  return;
                }
              }
              h(ec, n);
            }));
  }

 private:
  template <typename Executor, typename Handler>
  static void Drain(socket_t* socket, Executor executor, std::shared_ptr<Handler> h,
                    std::size_t drained) {
    namespace asio = restinio::asio_ns;
    constexpr std::size_t kMaxDrain = kMaxUploadBytes + 1024 * 1024;
    auto buffer = std::make_shared<std::array<char, 16 * 1024>>();
    socket->async_read_some(
        asio::buffer(*buffer),
        asio::bind_executor(executor, [socket, executor, h, buffer, drained](
                                          const asio::error_code& ec, std::size_t n) {
          if (ec || drained + n >= kMaxDrain) {
            (*h)(asio::error::eof, 0);  // RESTinio closes the connection
            return;
          }
          Drain(socket, executor, h, drained + n);
        }));
  }

  // On the heap so that a pending read keeps valid pointers when RESTinio moves the
  // socket from its accept pool into the connection.
  std::unique_ptr<socket_t> socket_;
  std::unique_ptr<BodyGuard> guard_;
};

// What RESTinio asks of a socket type through argument-dependent lookup: like a plain
// TCP socket, no preparation (no TLS handshake) before reading.
template <typename Connection, typename StartRead, typename Failed>
void prepare_connection_and_start_read(GuardedSocket&, Connection&, StartRead start_read, Failed) {
  start_read();
}
restinio::tls_socket_t* make_tls_socket_pointer_for_state_listener(GuardedSocket&) noexcept {
  return nullptr;
}

Request Translate(const restinio::request_handle_t& req) {
  Request out;
  const auto& h = req->header();
  out.method = h.method().c_str();
  std::string path;
  if (!PercentDecode(h.path(), path, false)) out.malformed = "path";
  out.path = std::move(path);
  if (!ParseQuery(h.query(), out)) out.malformed = "query";
  h.for_each_field([&](const restinio::http_header_field_t& f) {
    std::string name = ToAsciiLower(f.name());
    auto [it, inserted] = out.headers.emplace(name, std::string(f.value()));
    if (!inserted) it->second += (name == "cookie" ? "; " : ", ") + std::string(f.value());
  });
  out.body = req->body();
  out.remote_ip = req->remote_endpoint().address().to_string();
  return out;
}

// An event stream over RESTinio's chunked output. The builder is not thread-safe, so
// sends are serialised here; RESTinio posts the write to the connection's own strand.
// The builder holds the connection, whose timers belong to the server's io_context:
// Close() lets go of it, and Serve() closes every stream before the server is destroyed
// (a subscriber may otherwise outlive it).
class ChunkedEventStream final : public EventStream,
                                 public std::enable_shared_from_this<ChunkedEventStream> {
 public:
  explicit ChunkedEventStream(restinio::response_builder_t<restinio::chunked_output_t> b)
      : builder_(std::move(b)) {}
  bool Send(std::string frame) override {
    std::lock_guard lock(mu_);
    if (!open_ || !builder_) return false;
    std::weak_ptr<ChunkedEventStream> self = weak_from_this();
    try {
      builder_->append_chunk(std::move(frame));
      builder_->flush([self](const restinio::asio_ns::error_code& ec) {
        if (!ec) return;
        if (auto s = self.lock()) s->open_ = false;
      });
    } catch (const std::exception&) {
      open_ = false;
    }
    return open_;
  }
  void Close() override {
    std::lock_guard lock(mu_);
    if (open_ && builder_) {
      try {
        builder_->done();  // the last chunk: the client sees the stream end
      } catch (const std::exception&) {
      }
    }
    open_ = false;
    builder_.reset();
  }

 private:
  std::mutex mu_;
  std::atomic<bool> open_{true};
  std::optional<restinio::response_builder_t<restinio::chunked_output_t>> builder_;
};

// Every stream handed out, so Serve can close them before the server goes away.
std::mutex g_streams_mu;
std::vector<std::weak_ptr<ChunkedEventStream>> g_streams;

void RegisterStream(const std::shared_ptr<ChunkedEventStream>& s) {
  std::lock_guard lock(g_streams_mu);
  std::erase_if(g_streams, [](const auto& w) { return w.expired(); });
  g_streams.push_back(s);
}

void CloseAllStreams() {
  std::vector<std::weak_ptr<ChunkedEventStream>> all;
  {
    std::lock_guard lock(g_streams_mu);
    all.swap(g_streams);
  }
  for (auto& w : all) {
    if (auto s = w.lock()) s->Close();
  }
}

}  // namespace

// Connections are counted so that max_connections holds; requests arrive through
// GuardedSocket.
struct ServerTraits : restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t,
                                         restinio::default_request_handler_t,
                                         restinio::default_strand_t, GuardedSocket> {
  static constexpr bool use_connection_count_limiter = true;
};

Status Serve(Api& api, const ServerConfig& config, const std::function<void()>& on_ready) {
  // Block the stop signals in every thread; this thread waits for them below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  using traits = ServerTraits;
  const BodyGuard::Limit limit = [&api](std::string_view method, std::string_view target) {
    return static_cast<std::uint64_t>(api.BodyLimit(method, target));
  };
  BodyBudget budget(config.pending_body_budget);
  g_body_limit = &limit;
  g_body_budget = &budget;
  g_api = &api;
  // The io_context is ours, not the server's, so that what is left in its queue when the
  // server stops can be run while the server still exists (below).
  restinio::asio_ns::io_context io;
  try {
    auto server = restinio::run_async<traits>(
        restinio::external_io_context(io),
        restinio::server_settings_t<traits>{}
            .address(config.host)
            .port(config.port)
            .incoming_http_msg_limits(
                restinio::incoming_http_msg_limits_t{}.max_body_size(config.socket_body_limit))
            .max_parallel_connections(config.max_connections)
            .read_next_http_message_timelimit(std::chrono::seconds(60))
            .handle_request_timeout(std::chrono::seconds(60))
            .request_handler([&api](const restinio::request_handle_t& req) {
              Request in = Translate(req);
              Response out = api.Handle(in);
              if (out.stream) {
                auto resp = req->create_response<restinio::chunked_output_t>();
                for (auto& [name, value] : out.headers) resp.append_header(name, value);
                resp.append_header("Content-Type", "text/event-stream; charset=utf-8");
                resp.append_header("X-Accel-Buffering", "no");
                auto stream = std::make_shared<ChunkedEventStream>(std::move(resp));
                RegisterStream(stream);
                stream->Send(": connected\n\n");
                out.stream(stream);
                return restinio::request_accepted();
              }
              auto resp = req->create_response(restinio::http_status_line_t{
                  restinio::http_status_code_t{static_cast<std::uint16_t>(out.status)},
                  ReasonPhrase(out.status)});
              for (auto& [name, value] : out.headers) resp.append_header(name, value);
              resp.set_body(std::move(out.body));
              return resp.done();
            }),
        config.threads);
    if (on_ready) on_ready();
    int sig = 0;
    sigwait(&signals, &sig);
    server->stop();
    server->wait();
    CloseAllStreams();  // while the io_context still exists
    // Handlers still queued (a write that completed as the server stopped, a read
    // cancelled by the stop) hold connections whose destructors count down the server's
    // connection limiter. Run them now, while the server and its limiter exist: left to
    // ~io_context they ran after the server was gone (a use-after-free ASan caught).
    io.restart();
    io.run_for(std::chrono::milliseconds(500));
    server.reset();
  } catch (const std::exception& e) {
    return err::ListenFailed(config.host + ":" + std::to_string(config.port)).with_note(e.what());
  }
  return Status::Ok();
}

}  // namespace renkei::http
