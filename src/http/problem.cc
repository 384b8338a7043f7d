#include "http/problem.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <string>

#include "core/ascii.h"
#include "core/error_codes.h"

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
    case Kind::kNotAcceptable:
      return 406;
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
    case 406:
      return "Not Acceptable";
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

namespace {

// One "language-range;q=…" of Accept-Language: its primary tag and weight.
struct Range {
  std::string_view tag;
  double q = 1.0;
};

Range ParseRange(std::string_view item) {
  Range r;
  const size_t semi = item.find(';');
  r.tag = TrimSpaceTab(item.substr(0, semi));
  r.tag = r.tag.substr(0, r.tag.find('-'));
  if (semi != std::string_view::npos) {
    std::string_view param = TrimSpaceTab(item.substr(semi + 1));
    if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      r.q = QValue(param.substr(2));
    }
  }
  return r;
}

ErrorInfo InfoOf(const Status& st, Lang lang) {
  ErrorInfo info;
  info.status = HttpStatusFor(st.kind());
  info.title = ReasonPhrase(info.status);
  info.code = st.code();
  // Internal details stay in the server log, not in the answer.
  info.detail = info.status == 500 ? err::Internal().message(lang) : st.message(lang);
  info.field = st.field();
  info.location = st.location();
  return info;
}

}  // namespace

double QValue(std::string_view text) {
  text = TrimSpaceTab(text);
  double q = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), q);
  return ec == std::errc() && end == text.data() + text.size() && q >= 0 && q <= 1 ? q : 0;
}

Lang PreferredLang(std::string_view header) {
  double en = -1, ja = -1;
  while (!header.empty()) {
    const size_t comma = header.find(',');
    const Range r = ParseRange(header.substr(0, comma));
    if (EqualsIgnoringAsciiCase(r.tag, "en") && r.q > en) en = r.q;
    if (EqualsIgnoringAsciiCase(r.tag, "ja") && r.q > ja) ja = r.q;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return en > 0 && en > ja ? Lang::kEn : Lang::kJa;
}

Lang LangOf(const Request& req) {
  const std::string* h = req.header("accept-language");
  return h ? PreferredLang(*h) : Lang::kJa;
}

ErrorBody ProblemBody(const ErrorInfo& e) {
  nlohmann::json body = {
      {"type", "urn:renkei:problem:" + e.code},
      {"title", e.title},
      {"status", e.status},
      {"code", e.code},
      {"detail", e.detail},
  };
  if (!e.field.empty()) body["field"] = e.field;
  if (!e.location.empty()) body["location"] = e.location;
  return {"application/problem+json",
          body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

Response ErrorResponse(const Status& st, Lang lang, ErrorWriter writer) {
  Response r;
  const ErrorInfo info = InfoOf(st, lang);
  ErrorBody body = writer(info);
  r.status = info.status;
  r.body = std::move(body.body);
  r.set("Content-Type", std::move(body.content_type));
  r.set("Content-Language", lang == Lang::kEn ? "en" : "ja");
  r.set("Vary", "Accept-Language");
  if (st.kind() == Kind::kRateLimited && st.retry_after() > 0) {
    r.set("Retry-After", std::to_string(st.retry_after()));
  }
  if (st.kind() == Kind::kUnauthenticated) r.set("WWW-Authenticate", "Bearer realm=\"renkei\"");
  return r;
}

Response ProblemResponse(const Status& st, Lang lang) {
  return ErrorResponse(st, lang, ProblemBody);
}

std::string ProblemMembers(const Status& st, Lang lang) {
  std::string out = ProblemBody(InfoOf(st, lang)).body;
  out.pop_back();  // the closing brace
  return out;
}

}  // namespace renkei::http
