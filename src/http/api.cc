#include "http/api.h"

#include <cctype>
#include <cstdio>

#include "core/crypto.h"
#include "core/error_codes.h"
#include "core/text.h"
#include "http/problem.h"

namespace renkei::http {
namespace {

constexpr const char* kApiPrefix = "/api/v1";

bool HasBody(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

bool IsUnsafe(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

void SecurityHeaders(Response& r) {
  r.set("X-Content-Type-Options", "nosniff");
  r.set("Referrer-Policy", "no-referrer");
  r.set("X-Frame-Options", "DENY");
}

Response FromReply(Reply reply) {
  Response r;
  r.status = reply.status;
  for (auto& h : reply.headers) r.headers.push_back(std::move(h));
  r.stream = std::move(reply.stream);
  if (!reply.body.empty()) {
    r.body = std::move(reply.body);
    r.set("Content-Type", std::move(reply.content_type));
  }
  return r;
}

// A problem response; server-side failures are also written to the log, since the
// client only gets a generic message.
Response Failure(const Request& req, const Status& st) {
  if (st.kind() == Kind::kInternal || st.kind() == Kind::kUnavailable) {
    std::fprintf(stderr, "renkei: %s %s: %s\n", req.method.c_str(), req.path.c_str(),
                 st.Describe().c_str());
  }
  return ProblemResponse(st, LangOf(req));
}

}  // namespace

bool IsJsonMediaType(std::string_view header) {
  // The media type exactly ("application/json", any case), optionally followed by
  // parameters ("; charset=utf-8"): "application/jsonx" is another type.
  const std::string_view type = header.substr(0, header.find(';'));
  size_t b = 0, e = type.size();
  while (b < e && (type[b] == ' ' || type[b] == '\t')) ++b;
  while (e > b && (type[e - 1] == ' ' || type[e - 1] == '\t')) --e;
  constexpr std::string_view kJson = "application/json";
  if (e - b != kJson.size()) return false;
  for (size_t i = 0; i < kJson.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(type[b + i])) != kJson[i]) return false;
  }
  return true;
}

bool MatchPattern(const std::string& pattern, const std::string& path,
                  std::vector<std::string>* params) {
  size_t pi = 0, si = 0;
  std::vector<std::string> found;
  while (pi < pattern.size() && si <= path.size()) {
    if (pattern[pi] == '{') {
      const size_t close = pattern.find('}', pi);
      size_t end = path.find('/', si);
      if (end == std::string::npos) end = path.size();
      if (end == si) return false;
      found.push_back(path.substr(si, end - si));
      pi = close + 1;
      si = end;
    } else {
      if (si >= path.size() || pattern[pi] != path[si]) return false;
      ++pi;
      ++si;
    }
  }
  if (pi != pattern.size() || si != path.size()) return false;
  if (params) *params = std::move(found);
  return true;
}

Api::Api(Services services, ApiConfig config)
    : s_(services), config_(std::move(config)), static_files_(config_.web_root) {}

size_t Api::BodyLimit(std::string_view method, std::string_view target) const {
  const std::string path(target.substr(0, target.find('?')));
  for (const Route& r : RouteTable()) {
    if (r.body == BodyKind::kUpload && r.method == method && MatchPattern(r.pattern, path, nullptr))
      return kMaxUploadBytes;
  }
  return config_.max_body_bytes;
}

Result<domain::Principal> Api::Authenticate(const Request& req) {
  if (const std::string* auth = req.header("authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (auth->size() <= kBearer.size() || auth->compare(0, kBearer.size(), kBearer) != 0) {
      return err::BadAuthorization();
    }
    return s_.auth.ResolveToken(auth->substr(kBearer.size()));
  }
  auto cookie = req.cookie("renkei_session");
  if (!cookie || cookie->empty()) {
    return err::Unauthenticated();
  }
  RENKEI_ASSIGN_OR_RETURN(auto principal, s_.auth.ResolveSession(*cookie));
  if (IsUnsafe(req.method)) {
    // Cookie-authenticated writes must carry the session's CSRF token.
    const std::string* token = req.header("x-csrf-token");
    if (!token || !ConstantTimeEquals(*token, principal.csrf_token)) {
      return err::CsrfFailed();
    }
  }
  return principal;
}

Response Api::HandleApi(const Request& req) {
  const Route* route = nullptr;
  bool path_known = false;
  std::vector<std::string> params;
  for (const Route& r : RouteTable()) {
    std::vector<std::string> p;
    if (!MatchPattern(r.pattern, req.path, &p)) continue;
    path_known = true;
    if (r.method == req.method || (req.method == "HEAD" && r.method == "GET")) {
      route = &r;
      params = std::move(p);
      break;
    }
  }
  if (!route) {
    if (path_known) {
      return Failure(req, err::MethodNotAllowed(req.method));
    }
    return Failure(req, err::PathNotFound(req.path));
  }
  const bool upload = route->body == BodyKind::kUpload;
  const size_t limit = upload ? kMaxUploadBytes : config_.max_body_bytes;
  if (req.body.size() > limit) {
    return Failure(req, err::BodyTooLarge(ByteSizeText(limit)));
  }
  if (HasBody(req.method) && !req.body.empty() && !upload) {
    const std::string* ct = req.header("content-type");
    if (!ct || !IsJsonMediaType(*ct)) {
      return Failure(req, err::UnsupportedMediaType());
    }
  }
  if (!req.query_keys_repeated.empty()) {
    return Failure(req, err::RepeatedParameter().with_field(req.query_keys_repeated.front()));
  }
  // The route's own list of query parameters (RouteDoc::query), the same list the
  // OpenAPI document shows: anything else is a mistake the caller should hear about.
  for (const auto& [key, value] : req.query) {
    const auto& allowed = route->doc.query;
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return Failure(req, err::UnknownParameter().with_field(key));
    }
  }
  std::optional<domain::Principal> principal;
  if (route->access == Access::kSignedIn) {
    auto p = Authenticate(req);
    if (!p.ok()) return Failure(req, p.status());
    principal = std::move(p).value();
  }
  Ctx ctx{req, principal ? &*principal : nullptr, std::move(params), s_, config_};
  Result<Reply> reply = err::Internal().with_note("handler did not run");
  try {
    reply = route->handler(ctx);
  } catch (const std::exception& e) {
    reply = err::Internal().with_note(e.what());
  }
  if (!reply.ok()) return Failure(req, reply.status());
  return FromReply(std::move(reply).value());
}

Response Api::HandleStatic(const Request& req) {
  if (static_files_.available()) return static_files_.Serve(req);
  // No built web app: a small page pointing at the API.
  Response r;
  if (req.method != "GET" && req.method != "HEAD") return Failure(req, err::PathNotFound(req.path));
  r.set("Content-Type", "text/html; charset=utf-8");
  r.set("Cache-Control", "no-cache");
  r.body =
      "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>Renkei 連携</title>"
      "</head><body><h1>Renkei 連携</h1><p>重要インフラ官民連携プラットフォーム。Web "
      "アプリは未ビルドです"
      "（web/ で npm run build）。API: <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a>"
      "</p></body></html>";
  if (req.path != "/") r.status = 404;
  return r;
}

Response Api::Handle(const Request& req) {
  Response r;
  if (!req.malformed.empty()) {
    r = Failure(req, (req.malformed == "path" ? err::InvalidPath() : err::InvalidQuery())
                         .with_field(req.malformed));
  } else if (req.path == kApiPrefix || req.path.rfind(std::string(kApiPrefix) + "/", 0) == 0) {
    r = HandleApi(req);
    r.set("Cache-Control", "no-store");
  } else {
    r = HandleStatic(req);
  }
  SecurityHeaders(r);
  if (req.method == "HEAD") r.body.clear();
  return r;
}

}  // namespace renkei::http
