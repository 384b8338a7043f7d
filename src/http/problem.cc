#include "http/problem.h"

#include <nlohmann/json.hpp>

namespace renkei::http {

int HttpStatusFor(Kind kind) {
  switch (kind) {
    case Kind::kOk:
      return 200;
    case Kind::kInvalidArgument:
      return 400;
    case Kind::kUnauthenticated:
      return 401;
    case Kind::kPermissionDenied:
      return 403;
    case Kind::kNotFound:
      return 404;
    case Kind::kMethodNotAllowed:
      return 405;
    case Kind::kConflict:
      return 409;
    case Kind::kTooLarge:
      return 413;
    case Kind::kUnsupportedMedia:
      return 415;
    case Kind::kRateLimited:
      return 429;
    case Kind::kUnavailable:
      return 503;
    case Kind::kInternal:
      return 500;
  }
  return 500;
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return status >= 500 ? "Internal Server Error" : "Unknown";
  }
}

Response ProblemResponse(const Status& st) {
  Response r;
  r.status = HttpStatusFor(st.kind());
  nlohmann::json body = {
      {"type", "urn:renkei:problem:" + st.code()},
      {"title", ReasonPhrase(r.status)},
      {"status", r.status},
      {"code", st.code()},
      // Internal details stay in the server log, not in the answer.
      {"detail", r.status == 500 ? std::string("an internal error occurred") : st.message()},
  };
  if (!st.field().empty()) body["field"] = st.field();
  if (!st.location().empty()) body["location"] = st.location();
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  r.set("Content-Type", "application/problem+json");
  if (st.kind() == Kind::kRateLimited && st.retry_after() > 0) {
    r.set("Retry-After", std::to_string(st.retry_after()));
  }
  if (st.kind() == Kind::kUnauthenticated) r.set("WWW-Authenticate", "Bearer realm=\"renkei\"");
  return r;
}

}  // namespace renkei::http
