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
  // A request whose Content-Length is over its route's limit is answered 413 as soon as
  // its head arrives, before the body is read (BodyGuard in server.cc). This hard cap of
  // RESTinio's own parser catches what the guard leaves to it (chunked bodies): the
  // largest body any route takes (an attachment) and 1 MiB more.
  size_t socket_body_limit = kMaxUploadBytes + 1024 * 1024;
  // Connections open at once (event streams included).
  size_t max_connections = 1024;
  // Bytes of request bodies announced and not yet received, over all connections; a
  // request that would pass it answers 503 before its body is read.
  size_t pending_body_budget = 256 * 1024 * 1024;
};

// Serves until SIGINT or SIGTERM. `on_ready` runs once the socket listens.
Status Serve(Api& api, const ServerConfig& config, const std::function<void()>& on_ready);

}  // namespace renkei::http
