// A small blocking HTTP client for API tests (libcurl): real requests over loopback.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace renkei::testing {

struct HttpResult {
  long status = 0;
  std::string body;
  std::multimap<std::string, std::string> headers;  // lower-case names
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
  std::string header(const std::string& lower) const {
    auto it = headers.find(lower);
    return it == headers.end() ? "" : it->second;
  }
};

class HttpClient {
 public:
  explicit HttpClient(std::string base) : base_(std::move(base)) {}
  // `headers` like {"Content-Type: application/json"}.
  HttpResult Send(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::vector<std::string>& headers = {}) const;

 private:
  std::string base_;
};

// A signed-in browser-like client: keeps the session cookie and sends the CSRF token.
class Session {
 public:
  Session(const HttpClient& http, std::string cookie, std::string csrf)
      : http_(http), cookie_(std::move(cookie)), csrf_(std::move(csrf)) {}
  HttpResult Get(const std::string& path) const;
  HttpResult Send(const std::string& method, const std::string& path, const nlohmann::json& body,
                  bool with_csrf = true) const;
  const std::string& cookie() const { return cookie_; }
  const std::string& csrf() const { return csrf_; }

 private:
  const HttpClient& http_;
  std::string cookie_;
  std::string csrf_;
};

// Reads a text/event-stream in the background until destroyed.
class EventStreamReader {
 public:
  EventStreamReader(const std::string& base, const std::string& path, const std::string& cookie);
  ~EventStreamReader();
  std::string Text() const;
  // Waits until the text contains `needle` (or `ms` passed).
  bool WaitFor(const std::string& needle, int ms = 5000) const;
  // Waits until the server has ended the response (or `ms` passed).
  bool WaitForEnd(int ms = 5000) const;

 private:
  struct State;
  std::shared_ptr<State> state_;
  std::thread thread_;
};

// Signs in; returns an empty cookie on failure.
Session SignIn(const HttpClient& http, const std::string& email, const std::string& password,
               HttpResult* out = nullptr);

}  // namespace renkei::testing
