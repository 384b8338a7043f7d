// The HTTP server: RESTinio on a thread pool, translating to and from http::Request /
// http::Response. The only translation unit that includes RESTinio and Asio.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "http/api.h"

namespace renkei::http {

struct ServerConfig {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  size_t threads = 2;
  // Hard cap on a request body read from the socket: the largest body any route takes
  // (an attachment) and 1 MiB more, so a file just over the limit still gets a clear
  // 413 from the API. A Content-Length above it is refused when the headers arrive,
  // before a byte of the body is read or memory is set aside for it (RESTinio 0.6 can
  // only close the connection there).
  size_t socket_body_limit = kMaxUploadBytes + 1024 * 1024;
  // Connections open at once (event streams included): with socket_body_limit this
  // bounds the memory unfinished bodies can hold.
  size_t max_connections = 1024;
};

// Serves until SIGINT or SIGTERM. `on_ready` runs once the socket listens.
Status Serve(Api& api, const ServerConfig& config, const std::function<void()>& on_ready);

}  // namespace renkei::http
