// The HTTP adapter: a list of mounts (/api/v1 today), each a path prefix with its media
// types, its error format and its route table (routes.cc for /api/v1), served by one
// request pipeline (route match, size limit, content type, accepted response type,
// query parameters, authentication, CSRF); and the handlers' interface. Knows HTTP and
// JSON; asks the domain services for everything else.
#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/assessment/assessment_service.h"
#include "domain/audit/audit_service.h"
#include "domain/auth/auth_service.h"
#include "domain/community/community_service.h"
#include "domain/desk/desk_service.h"
#include "domain/directory/clearance_service.h"
#include "domain/directory/directory_service.h"
#include "domain/exercises/exercise_service.h"
#include "domain/home/home_service.h"
#include "domain/reporting/reporting_service.h"
#include "domain/sharing/sharing_service.h"
#include "domain/survey/survey_service.h"
#include "http/message.h"
#include "http/problem.h"
#include "http/static_files.h"

namespace renkei::http {

struct ApiConfig {
  size_t max_body_bytes = 256 * 1024;  // JSON bodies; larger answers 413
  bool cookie_secure = false;          // set Secure on cookies (behind HTTPS)
  std::string web_root;                // built web app (web/dist); empty = none
};

struct Services {
  domain::AuthService& auth;
  domain::DirectoryService& directory;
  domain::AuditService& audit;
  domain::SharingService& sharing;
  domain::ReportingService& reporting;
  domain::AssessmentService& assessments;
  domain::HomeService& home;
  domain::EventHub& events;
  domain::Transactor& tx;  // health check only
  domain::OutboxService& outbox;
  domain::ExerciseService& exercises;
  domain::DeskService& desk;
  domain::ClearanceService& clearances;
  domain::SurveyService& survey;
  domain::CommunityService& community;
};

// What a handler returns on success.
struct Reply {
  int status = 200;
  std::string body;  // the mount's media type (JSON text); empty -> no body (204)
  std::vector<std::pair<std::string, std::string>> headers;
  std::string content_type{};  // "" = the mount's response type (Mount::response_type)
  std::function<void(std::shared_ptr<EventStream>)> stream;  // see Response::stream
};

struct Ctx {
  const Request& req;
  const domain::Principal* principal;  // null on public routes; else &signed_in->principal
  std::vector<std::string> params;     // path parameters in order
  const Services& s;                   // the domain services the handler calls
  const ApiConfig& config;
  const domain::Actor* signed_in;  // null on public routes

  // Who acts and from where, built once by the pipeline: what a handler hands to a
  // service that acts or audits. Signed-in routes only.
  const domain::Actor& actor() const {
    // Only signed-in routes have one; asking on a public route is a bug (answered 500).
    if (!signed_in) throw std::logic_error("Ctx::actor() on a public route");
    return *signed_in;
  }
  // Where the request comes from, for the public routes that act (sign-in, reset link).
  domain::Origin origin() const { return {req.remote_ip}; }
};

enum class Access { kPublic, kSignedIn };
// kJson: application/json up to ApiConfig::max_body_bytes. kUpload: a file of any
// Content-Type (the handler checks it) up to kMaxUploadBytes.
enum class BodyKind { kJson, kUpload };
inline constexpr size_t kMaxUploadBytes = 10 * 1024 * 1024;

// What the OpenAPI document says of a route, and the query parameters it accepts. The
// pipeline refuses any other query parameter (400 unknown_parameter) before the handler
// runs; the document's `paths` are generated from these (openapi.cc).
struct RouteDoc {
  std::string tag{};                 // the document's tag ("sharing", "session" …)
  std::string summary{};             // one line; what the route does and for whom
  std::vector<std::string> query{};  // accepted query parameters, documented in the
                                     // module's components/parameters ("<module>.<name>",
                                     // else the shared "<name>")
  std::string request{};             // components/schemas name of the JSON body; "" none
  bool request_optional = false;     // the body may be left out
  int status = 200;                  // the success status
  std::string response{};            // components/schemas name of the success body; ""
                                     // none (204) or a non-JSON body (see `media`)
  std::vector<std::string> media{};  // non-JSON success media types ("text/csv" …;
                                     // "*/*" for a file served with its own type)
  std::vector<int> errors{};         // statuses beyond those the pipeline derives
  std::string description{};         // success response description; "" = "OK"
};

struct Route {
  std::string method{};
  std::string pattern{};  // "/api/v1/organisations/{id}"
  Access access;
  RouteDoc doc;
  std::function<Result<Reply>(Ctx&)> handler{};
  BodyKind body = BodyKind::kJson;
  std::string module{};  // set by the route table: the module whose file declares it
};

// A protocol served under one path prefix: the API (/api/v1) is one, a TAXII 2.1
// server (/taxii2, application/taxii+json;version=2.1, TAXII error bodies) would be
// another. Every mount gets the same pipeline: its routes' body limits and query
// parameters, authentication and CSRF, 404 for an unknown path and 405 for an unknown
// method inside it, each refusal written by its `errors`.
struct Mount {
  std::string prefix;  // "/api/v1": serves the prefix and every path below it
  // Media types a JSON body may be sent as (compared as media types: the declared
  // parameters must be present, others such as charset may be added); else 415.
  std::vector<std::string> request_types;
  std::string response_type;  // the Content-Type of its bodies (Reply's default)
  // Refuse (406) a request whose Accept header admits no `response_type`. Off for
  // /api/v1, which also serves CSV, files and event streams.
  bool negotiate = false;
  ErrorWriter errors = ProblemBody;
  const std::vector<Route>* routes = nullptr;  // full paths, starting with `prefix`
};

// /api/v1: application/json both ways, problem+json errors, RouteTable().
Mount ApiMount();

class Api {
 public:
  Api(Services services, ApiConfig config, std::vector<Mount> mounts = {ApiMount()});
  Response Handle(const Request& req);
  // The largest body the request `method target` may send (its route's limit); the
  // server refuses a larger Content-Length before reading the body. `target` is the
  // raw request target (path and query, not yet decoded).
  size_t BodyLimit(std::string_view method, std::string_view target) const;
  // `status` as the server answers it for `target` when it refuses a request before
  // the pipeline runs: in the error format of the mount `target` falls in (problem+json
  // elsewhere) and in `lang`.
  Response Refusal(std::string_view target, const Status& status, Lang lang) const;

 private:
  Result<domain::Principal> Authenticate(const Request& req);
  Response HandleMount(const Mount& mount, const Request& req);
  Response HandleStatic(const Request& req);
  const Mount* MountOf(std::string_view path) const;

  Services s_;
  ApiConfig config_;
  std::vector<Mount> mounts_;
  StaticFiles static_files_;
};

// `header` (a Content-Type) is the media type `declared`: type and subtype compared
// without case, every parameter of `declared` present with its value ("version=2.1");
// more parameters ("; charset=utf-8") are allowed.
bool MediaTypeMatches(std::string_view header, std::string_view declared);
// "application/json" with optional parameters, compared as a media type.
bool IsJsonMediaType(std::string_view header);
// An Accept header admits `produced`: one of its ranges with q > 0 is "*/*", the type
// with "/*", or the media type itself with no parameter that `produced` contradicts
// ("application/taxii+json" admits "application/taxii+json;version=2.1", ";version=2.0"
// does not). An absent or empty header admits anything.
bool AcceptAdmits(std::string_view accept, std::string_view produced);

// Path template matching: "{name}" matches one non-empty segment.
bool MatchPattern(const std::string& pattern, const std::string& path,
                  std::vector<std::string>* params);

// The one route table (routes.cc): every module's routes, built once. Handlers reach
// the services through Ctx, so the table needs no running server (the OpenAPI
// document and its tests read it directly).
const std::vector<Route>& RouteTable();

// The OpenAPI 3.1 document: `paths` generated from RouteTable(), the rest from the
// hand-written parts embedded at build time (openapi.cc). Built once.
// OpenApiBuild() says why it could not be built (a part that is not JSON, a reference
// to a component no part defines); a unit test keeps it ok.
const std::string& OpenApiDocument();
const Result<std::string>& OpenApiBuild();

}  // namespace renkei::http
