#include "http/api.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "core/ascii.h"
#include "core/crypto.h"
#include "core/error_codes.h"
#include "core/text.h"
#include "http/problem.h"

namespace renkei::http {
namespace {

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

Response FromReply(const Mount& mount, Reply reply) {
  Response r;
  r.status = reply.status;
  for (auto& h : reply.headers) r.headers.push_back(std::move(h));
  r.stream = std::move(reply.stream);
  if (!reply.body.empty()) {
    r.body = std::move(reply.body);
    r.set("Content-Type",
          reply.content_type.empty() ? mount.response_type : std::move(reply.content_type));
  }
  return r;
}

// A refusal in the mount's format; server-side failures are also written to the log,
// since the client only gets a generic message.
Response Failure(ErrorWriter writer, const Request& req, const Status& st) {
  if (st.kind() == Kind::kInternal || st.kind() == Kind::kUnavailable) {
    std::fprintf(stderr, "renkei: %s %s: %s\n", req.method.c_str(), req.path.c_str(),
                 st.Describe().c_str());
  }
  return ErrorResponse(st, LangOf(req), writer);
}

// "type/subtype; name=value; …": type, subtype and parameter names in lower case,
// quotes taken off values.
struct MediaType {
  std::string type;  // "application/json"
  std::vector<std::pair<std::string, std::string>> params;

  const std::string* param(const std::string& name) const {
    for (const auto& [n, v] : params)
      if (n == name) return &v;
    return nullptr;
  }
};

MediaType ParseMediaType(std::string_view text) {
  MediaType m;
  size_t semi = text.find(';');
  m.type = ToAsciiLower(TrimSpaceTab(text.substr(0, semi)));
  while (semi != std::string_view::npos) {
    text.remove_prefix(semi + 1);
    semi = text.find(';');
    const std::string_view part = text.substr(0, semi);
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view value = TrimSpaceTab(part.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    m.params.emplace_back(ToAsciiLower(TrimSpaceTab(part.substr(0, eq))), std::string(value));
  }
  return m;
}

// Every parameter `declared` names (but `skip`) is in `given` with the same value.
bool ParamsAgree(const MediaType& given, const MediaType& declared, std::string_view skip = "") {
  for (const auto& [name, value] : declared.params) {
    if (name == skip) continue;
    const std::string* v = given.param(name);
    if (!v || *v != value) return false;
  }
  return true;
}

}  // namespace

bool MediaTypeMatches(std::string_view header, std::string_view declared) {
  // The media type exactly ("application/json", any case): "application/jsonx" is
  // another type.
  const MediaType given = ParseMediaType(header);
  const MediaType want = ParseMediaType(declared);
  return given.type == want.type && ParamsAgree(given, want);
}

bool IsJsonMediaType(std::string_view header) {
  return MediaTypeMatches(header, "application/json");
}

bool AcceptAdmits(std::string_view accept, std::string_view produced) {
  if (TrimSpaceTab(accept).empty()) return true;
  const MediaType out = ParseMediaType(produced);
  const std::string out_major = out.type.substr(0, out.type.find('/'));
  // RFC 9110 12.5.1: of the ranges that match, the most specific one gives the weight
  // ("application/taxii+json;q=0, */*" refuses the type).
  int best = -1;
  double weight = 0;
  while (!accept.empty()) {
    const size_t comma = accept.find(',');
    const MediaType range = ParseMediaType(accept.substr(0, comma));
    accept.remove_prefix(comma == std::string_view::npos ? accept.size() : comma + 1);
    int specificity = -1;
    if (range.type == "*/*") {
      specificity = 0;
    } else if (range.type == out_major + "/*") {
      specificity = 1;
    } else if (range.type == out.type && ParamsAgree(out, range, "q")) {
      // The range's own parameters (q aside) must not contradict the produced type's.
      specificity = 2 + static_cast<int>(range.params.size()) - (range.param("q") ? 1 : 0);
    }
    if (specificity > best) {
      best = specificity;
      const std::string* q = range.param("q");
      weight = q ? QValue(*q) : 1.0;
    }
  }
  return best >= 0 && weight > 0;
}

Mount ApiMount() {
  Mount m;
  m.prefix = "/api/v1";
  m.request_types = {"application/json"};
  m.response_type = "application/json; charset=utf-8";
  m.errors = ProblemBody;
  m.routes = &RouteTable();
  return m;
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

Api::Api(Services services, ApiConfig config, std::vector<Mount> mounts)
    : s_(services),
      config_(std::move(config)),
      mounts_(std::move(mounts)),
      static_files_(config_.web_root) {
  for (const Mount& m : mounts_) {
    // A programming error in the wiring, found when the server starts.
    if (!m.routes || m.request_types.empty() || m.response_type.empty() || !m.errors)
      throw std::logic_error("mount " + m.prefix +
                             " needs routes, media types and an error format");
  }
}

const Mount* Api::MountOf(std::string_view path) const {
  for (const Mount& m : mounts_) {
    if (path.substr(0, m.prefix.size()) == m.prefix &&
        (path.size() == m.prefix.size() || path[m.prefix.size()] == '/'))
      return &m;
  }
  return nullptr;
}

size_t Api::BodyLimit(std::string_view method, std::string_view target) const {
  const std::string path(target.substr(0, target.find('?')));
  if (const Mount* m = MountOf(path)) {
    for (const Route& r : *m->routes) {
      if (r.body == BodyKind::kUpload && r.method == method &&
          MatchPattern(r.pattern, path, nullptr))
        return kMaxUploadBytes;
    }
  }
  return config_.max_body_bytes;
}

Response Api::Refusal(std::string_view target, const Status& status, Lang lang) const {
  const Mount* m = MountOf(target.substr(0, target.find('?')));
  return ErrorResponse(status, lang, m ? m->errors : ProblemBody);
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

Response Api::HandleMount(const Mount& mount, const Request& req) {
  const Route* route = nullptr;
  bool path_known = false;
  std::vector<std::string> params;
  for (const Route& r : *mount.routes) {
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
      return Failure(mount.errors, req, err::MethodNotAllowed(req.method));
    }
    return Failure(mount.errors, req, err::PathNotFound(req.path));
  }
  const bool upload = route->body == BodyKind::kUpload;
  const size_t limit = upload ? kMaxUploadBytes : config_.max_body_bytes;
  if (req.body.size() > limit) {
    return Failure(mount.errors, req, err::BodyTooLarge(ByteSizeText(limit)));
  }
  if (HasBody(req.method) && !req.body.empty() && !upload) {
    const std::string* ct = req.header("content-type");
    const auto& types = mount.request_types;
    if (!ct || std::none_of(types.begin(), types.end(),
                            [ct](const std::string& t) { return MediaTypeMatches(*ct, t); })) {
      return Failure(mount.errors, req,
                     err::UnsupportedMediaType(types.empty() ? "application/json" : types.front()));
    }
  }
  if (mount.negotiate) {
    const std::string* accept = req.header("accept");
    if (accept && !AcceptAdmits(*accept, mount.response_type)) {
      return Failure(mount.errors, req, err::NotAcceptable(mount.response_type));
    }
  }
  if (!req.query_keys_repeated.empty()) {
    return Failure(mount.errors, req,
                   err::RepeatedParameter().with_field(req.query_keys_repeated.front()));
  }
  // The route's own list of query parameters (RouteDoc::query), the same list the
  // OpenAPI document shows: anything else is a mistake the caller should hear about.
  for (const auto& [key, value] : req.query) {
    const auto& allowed = route->doc.query;
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return Failure(mount.errors, req, err::UnknownParameter().with_field(key));
    }
  }
  std::optional<domain::Actor> actor;
  if (route->access == Access::kSignedIn) {
    auto p = Authenticate(req);
    if (!p.ok()) return Failure(mount.errors, req, p.status());
    actor = domain::Actor{std::move(p).value(), req.remote_ip};
  }
  Ctx ctx{req,
          actor ? &actor->principal : nullptr,
          std::move(params),
          s_,
          config_,
          actor ? &*actor : nullptr};
  Result<Reply> reply = err::Internal().with_note("handler did not run");
  try {
    reply = route->handler(ctx);
  } catch (const std::exception& e) {
    reply = err::Internal().with_note(e.what());
  }
  if (!reply.ok()) return Failure(mount.errors, req, reply.status());
  return FromReply(mount, std::move(reply).value());
}

Response Api::HandleStatic(const Request& req) {
  if (static_files_.available()) return static_files_.Serve(req);
  // No built web app: a small page pointing at the API.
  Response r;
  if (req.method != "GET" && req.method != "HEAD")
    return Failure(ProblemBody, req, err::PathNotFound(req.path));
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
  const Mount* mount = MountOf(req.path);
  if (!req.malformed.empty()) {
    r = Failure(mount ? mount->errors : ProblemBody, req,
                (req.malformed == "path" ? err::InvalidPath() : err::InvalidQuery())
                    .with_field(req.malformed));
  } else if (mount) {
    r = HandleMount(*mount, req);
    r.set("Cache-Control", "no-store");
    if (mount->negotiate) r.set("Vary", "Accept");  // a 406 is the other answer
  } else {
    r = HandleStatic(req);
  }
  SecurityHeaders(r);
  if (req.method == "HEAD") r.body.clear();
  return r;
}

}  // namespace renkei::http
