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
  // Hard cap on a request body read from the socket; RESTinio drops connections beyond
  // it, so it sits far above the API's own limit, which answers 413.
  size_t socket_body_limit = 64 * 1024 * 1024;
};

// Serves until SIGINT or SIGTERM. `on_ready` runs once the socket listens.
Status Serve(Api& api, const ServerConfig& config, const std::function<void()>& on_ready);

}  // namespace renkei::http
