// Plain HTTP request/response values: what the API layer sees. Only server.cc knows
// RESTinio; everything else in src/http works on these, so handlers compile fast and
// can be driven directly.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace renkei::http {

struct Request {
  std::string method;                            // "GET", "POST", …
  std::string path;                              // percent-decoded path, without the query
  std::map<std::string, std::string> query;      // decoded; a repeated key keeps the last value
  std::vector<std::string> query_keys_repeated;  // keys given more than once (refused)
  std::map<std::string, std::string> headers;    // lower-case names
  std::string body;
  std::string remote_ip;
  // Set by the server when the path or query could not be decoded ("path" or "query").
  std::string malformed;

  const std::string* header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? nullptr : &it->second;
  }
  std::optional<std::string> cookie(const std::string& name) const;
};

// A long-lived text/event-stream response: the server keeps the connection and sends
// frames as they come. Send may be called from any thread; it returns false once the
// client has gone.
class EventStream {
 public:
  virtual ~EventStream() = default;
  virtual bool Send(std::string frame) = 0;
  // Ends the response; later sends return false.
  virtual void Close() = 0;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Set: answer 200 text/event-stream, keep the connection open and hand it over.
  std::function<void(std::shared_ptr<EventStream>)> stream;

  void set(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// Splits "a=1&b=%E6%97%A5" into decoded pairs. Returns false on a malformed escape.
bool ParseQuery(std::string_view raw, Request& out);
// Percent-decodes a path; false on a malformed escape or an encoded NUL.
bool PercentDecode(std::string_view in, std::string& out, bool plus_is_space);

}  // namespace renkei::http
