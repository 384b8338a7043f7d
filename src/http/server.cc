#include "http/server.h"

#include <signal.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <restinio/all.hpp>
#include <vector>

#include "http/problem.h"

namespace renkei::http {
namespace {

Request Translate(const restinio::request_handle_t& req) {
  Request out;
  const auto& h = req->header();
  out.method = h.method().c_str();
  std::string path;
  if (!PercentDecode(h.path(), path, false)) out.malformed = "path";
  out.path = std::move(path);
  if (!ParseQuery(h.query(), out)) out.malformed = "query";
  h.for_each_field([&](const restinio::http_header_field_t& f) {
    std::string name(f.name());
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
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

// Connections are counted so that max_connections holds.
struct ServerTraits : restinio::default_traits_t {
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
  try {
    auto server = restinio::run_async<traits>(
        restinio::own_io_context(),
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
  } catch (const std::exception& e) {
    return Status(
        Kind::kUnavailable, "listen_failed",
        "cannot serve on " + config.host + ":" + std::to_string(config.port) + ": " + e.what());
  }
  return Status::Ok();
}

}  // namespace renkei::http
