// Protocol mounts (api.h): a second mount with its own media type and error format gets
// every guarantee of the request pipeline, each refusal written in its format, while
// /api/v1 answers as before. Driven through Api::Handle over the real services
// (app::Platform) on SQLite.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/catalogs.h"
#include "app/platform.h"
#include "core/clock.h"
#include "core/error_codes.h"
#include "core/json_writer.h"
#include "http/api.h"
#include "storage/world.h"
#include "support/test_db.h"

namespace renkei::testing {
namespace {

using http::Request;
using http::Response;

constexpr char kTaxii[] = "application/taxii+json;version=2.1";

// The error message of TAXII 2.1 (title, description, error_code, http_status): the
// shape a /taxii2/ mount answers in.
http::ErrorBody TaxiiError(const http::ErrorInfo& e) {
  JsonWriter w;
  w.BeginObject()
      .Field("title", e.title)
      .Field("description", e.detail)
      .Field("error_code", e.code)
      .Field("http_status", std::to_string(e.status))
      .EndObject();
  return {kTaxii, w.Take()};
}

Result<http::Reply> Echo(http::Ctx& c) {
  http::Reply r;
  r.body = c.req.body;
  return r;
}

const std::vector<http::Route>& TestRoutes() {
  static const std::vector<http::Route> routes = {
      {"GET",
       "/test2/",
       http::Access::kPublic,
       {.query = {"limit"}},
       [](http::Ctx&) -> Result<http::Reply> {
         http::Reply r;
         r.body = R"({"title":"a test mount"})";
         return r;
       }},
      {"POST", "/test2/echo/", http::Access::kSignedIn, {}, Echo},
      // A handler bug: the actor asked for on a public route.
      {"GET",
       "/test2/who/",
       http::Access::kPublic,
       {},
       [](http::Ctx& c) -> Result<http::Reply> {
         http::Reply r;
         r.body = c.actor().remote_address;
         return r;
       }},
  };
  return routes;
}

http::Mount TestMount() {
  http::Mount m;
  m.prefix = "/test2";
  m.request_types = {kTaxii};
  m.response_type = kTaxii;
  m.negotiate = true;
  m.errors = TaxiiError;
  m.routes = &TestRoutes();
  return m;
}

std::string Header(const Response& r, std::string_view name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return "";
}

class MountTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tx_ = FreshDatabase("sqlite");
    ASSERT_NE(tx_, nullptr);
    w_ = SeedWorld(*tx_);
    auto catalogs = app::LoadCatalogs();
    ASSERT_TRUE(catalogs.ok()) << catalogs.status().message();
    catalogs_ = std::move(catalogs).value();
    app::PlatformOptions options;
    options.api.max_body_bytes = 1024;
    options.mounts = {http::ApiMount(), TestMount()};
    platform_ = std::make_unique<app::Platform>(*tx_, clock_, catalogs_, std::move(options));
    api_ = &platform_->api;
    auth_ = &platform_->auth;
  }

  Request Get(std::string path, std::string accept = kTaxii) {
    Request r;
    r.method = "GET";
    r.path = std::move(path);
    if (!accept.empty()) r.headers["accept"] = std::move(accept);
    r.remote_ip = "127.0.0.1";
    return r;
  }
  Request Post(std::string path, std::string body, std::string content_type = kTaxii) {
    Request r = Get(std::move(path));
    r.method = "POST";
    r.body = std::move(body);
    r.headers["content-type"] = std::move(content_type);
    return r;
  }
  // The response is a TAXII error with this status and code.
  void ExpectTaxiiError(const Response& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(Header(r, "Content-Type"), kTaxii);
    auto body = nlohmann::json::parse(r.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << r.body;
    EXPECT_EQ(body.value("http_status", ""), std::to_string(status));
    EXPECT_EQ(body.value("error_code", ""), code);
    EXPECT_EQ(body.value("title", ""), http::ReasonPhrase(status));
    EXPECT_FALSE(body.value("description", "").empty());
    EXPECT_FALSE(body.contains("type")) << "not problem+json";
  }
  void ExpectProblem(const Response& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(Header(r, "Content-Type"), "application/problem+json");
    auto body = nlohmann::json::parse(r.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << r.body;
    EXPECT_EQ(body.value("code", ""), code);
    EXPECT_EQ(body.value("status", 0), status);
  }

  ManualClock clock_{1'800'000'000'000};
  std::unique_ptr<storage::SqlTransactor> tx_;
  World w_;
  app::Catalogs catalogs_;
  std::unique_ptr<app::Platform> platform_;
  http::Api* api_ = nullptr;
  domain::AuthService* auth_ = nullptr;
};

TEST_F(MountTest, AnswersInItsOwnMediaType) {
  for (const char* accept : {kTaxii, "application/taxii+json", "application/*", "*/*",
                             "text/html, application/taxii+json;version=2.1;q=0.5", ""}) {
    Response r = api_->Handle(Get("/test2/", accept));
    EXPECT_EQ(r.status, 200) << accept << ": " << r.body;
    EXPECT_EQ(Header(r, "Content-Type"), kTaxii) << accept;
    EXPECT_EQ(Header(r, "Cache-Control"), "no-store");
    EXPECT_EQ(Header(r, "X-Content-Type-Options"), "nosniff");
  }
}

TEST_F(MountTest, AnAcceptWithoutItsMediaTypeIs406InItsFormat) {
  for (const char* accept : {"application/json", "application/taxii+json;version=2.0",
                             "application/taxii+json;version=2.1;q=0", "text/*"}) {
    SCOPED_TRACE(accept);
    ExpectTaxiiError(api_->Handle(Get("/test2/", accept)), 406, "not_acceptable");
  }
}

TEST_F(MountTest, TheMostSpecificAcceptRangeDecides) {
  // RFC 9110 12.5.1: the weight of the most specific matching range counts.
  for (const char* refused : {"application/taxii+json;q=0, */*", "application/*;q=0, */*;q=1",
                              "application/taxii+json;version=2.1;q=0, application/*"}) {
    SCOPED_TRACE(refused);
    ExpectTaxiiError(api_->Handle(Get("/test2/", refused)), 406, "not_acceptable");
  }
  for (const char* admitted : {"*/*;q=0, application/taxii+json;version=2.1;q=0.5",
                               "text/*;q=0, application/*", "application/taxii+json;q=0.1"}) {
    SCOPED_TRACE(admitted);
    Response r = api_->Handle(Get("/test2/", admitted));
    EXPECT_EQ(r.status, 200) << r.body;
    // A cache must not hand this answer to a client with another Accept.
    bool varies = false;
    for (const auto& [n, v] : r.headers) varies = varies || (n == "Vary" && v == "Accept");
    EXPECT_TRUE(varies);
  }
}

TEST_F(MountTest, AHandlerAskingForTheActorOnAPublicRouteIsA500NotACrash) {
  ExpectTaxiiError(api_->Handle(Get("/test2/who/")), 500, "internal");
  EXPECT_EQ(api_->Handle(Get("/test2/")).status, 200);
}

TEST_F(MountTest, AMountWithoutARouteTableIsRefusedWhenTheApiIsBuilt) {
  http::Mount broken = TestMount();
  broken.routes = nullptr;
  app::Platform& p = *platform_;
  const http::Services services{p.auth,        p.directory, p.audit,      p.sharing, p.reporting,
                                p.assessments, p.home,      p.events,     p.tx,      p.outbox,
                                p.exercises,   p.desk,      p.clearances, p.survey,  p.community};
  EXPECT_THROW(http::Api(services, {}, {http::ApiMount(), broken}), std::logic_error);
}

TEST_F(MountTest, ItsRefusalsSayWhatToSendInTheCallersLanguage) {
  Request get = Get("/test2/", "application/json");
  Response ja = api_->Handle(get);
  EXPECT_EQ(Header(ja, "Content-Language"), "ja");
  const std::string ja_text = nlohmann::json::parse(ja.body)["description"];
  EXPECT_NE(ja_text.find(kTaxii), std::string::npos) << ja_text;
  EXPECT_NE(ja_text.find("Accept"), std::string::npos) << ja_text;
  get.headers["accept-language"] = "en";
  Response en = api_->Handle(get);
  EXPECT_EQ(Header(en, "Content-Language"), "en");
  EXPECT_EQ(nlohmann::json::parse(en.body)["description"],
            "This resource is served as application/taxii+json;version=2.1; the Accept header "
            "does not admit it.");
  // 415 names the mount's type, not application/json.
  Request post = Post("/test2/echo/", "{}", "application/json");
  post.headers["accept-language"] = "en";
  EXPECT_EQ(nlohmann::json::parse(api_->Handle(post).body)["description"],
            "Send the body as application/taxii+json;version=2.1.");
}

TEST_F(MountTest, AWrongContentTypeIs415InItsFormat) {
  ExpectTaxiiError(api_->Handle(Post("/test2/echo/", "{}", "application/json")), 415,
                   "unsupported_media_type");
  ExpectTaxiiError(api_->Handle(Post("/test2/echo/", "{}", "application/taxii+json;version=2.0")),
                   415, "unsupported_media_type");
  // The declared type with more parameters is still the type.
  Response r = api_->Handle(
      Post("/test2/echo/", "{}", "application/taxii+json; version=2.1; charset=utf-8"));
  ExpectTaxiiError(r, 401, "unauthenticated");  // past the media type check: who is asking?
}

TEST_F(MountTest, UnknownPathsAndMethodsInsideItAre404And405InItsFormat) {
  ExpectTaxiiError(api_->Handle(Get("/test2/nothing/")), 404, "not_found");
  ExpectTaxiiError(api_->Handle(Get("/test2")), 404, "not_found");
  Request del = Get("/test2/");
  del.method = "DELETE";
  ExpectTaxiiError(api_->Handle(del), 405, "method_not_allowed");
  // A path that only starts with the prefix is not inside the mount.
  Response outside = api_->Handle(Get("/test2x", ""));
  EXPECT_EQ(outside.status, 404);
  EXPECT_NE(Header(outside, "Content-Type"), kTaxii);
}

TEST_F(MountTest, QueryParametersAreCheckedAgainstItsRoutes) {
  Request ok = Get("/test2/");
  ok.query["limit"] = "5";
  EXPECT_EQ(api_->Handle(ok).status, 200);
  Request unknown = Get("/test2/");
  unknown.query["x"] = "1";
  ExpectTaxiiError(api_->Handle(unknown), 400, "unknown_parameter");
  Request repeated = ok;
  repeated.query_keys_repeated = {"limit"};
  ExpectTaxiiError(api_->Handle(repeated), 400, "repeated_parameter");
}

TEST_F(MountTest, BodyLimitsHoldAndRefusalsBeforeThePipelineUseItsFormat) {
  ExpectTaxiiError(api_->Handle(Post("/test2/echo/", std::string(1025, 'x'))), 413,
                   "body_too_large");
  EXPECT_EQ(api_->BodyLimit("POST", "/test2/echo/?a=b"), 1024u);
  // What the server answers before reading a body (BodyGuard) for a target in the mount.
  const Status busy = err::ServerBusy();
  ExpectTaxiiError(api_->Refusal("/test2/echo/?a=b", busy, Lang::kJa), 503, "server_busy");
  ExpectProblem(api_->Refusal("/api/v1/items", busy, Lang::kJa), 503, "server_busy");
  // ... in the language of the refused request.
  const Response en = api_->Refusal("/test2/echo/", busy, Lang::kEn);
  EXPECT_EQ(Header(en, "Content-Language"), "en");
  EXPECT_EQ(nlohmann::json::parse(en.body)["description"], busy.message(Lang::kEn));
}

TEST_F(MountTest, SignedInRoutesNeedCredentialsAndCookieWritesTheCsrfToken) {
  Response anonymous = api_->Handle(Post("/test2/echo/", "{}"));
  ExpectTaxiiError(anonymous, 401, "unauthenticated");
  EXPECT_FALSE(Header(anonymous, "WWW-Authenticate").empty());
  auto in = auth_->SignIn(domain::Origin{"127.0.0.1"}, "one@m1.example", kTestPassword, "");
  ASSERT_TRUE(in.ok()) << in.status().message();
  Request post = Post("/test2/echo/", R"({"a":1})");
  post.headers["cookie"] = "renkei_session=" + in->session_token;
  ExpectTaxiiError(api_->Handle(post), 403, "csrf_failed");
  post.headers["x-csrf-token"] = in->principal.csrf_token;
  Response r = api_->Handle(post);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Header(r, "Content-Type"), kTaxii);
  EXPECT_EQ(r.body, R"({"a":1})");
}

TEST_F(MountTest, TheApiBesideItAnswersAsBefore) {
  ExpectProblem(api_->Handle(Get("/api/v1/nothing", "")), 404, "not_found");
  Request post = Post("/api/v1/session", "{}", "text/plain");
  ExpectProblem(api_->Handle(post), 415, "unsupported_media_type");
  // /api/v1 does not negotiate: it serves CSV, files and event streams too.
  Response health = api_->Handle(Get("/api/v1/health", "text/html"));
  EXPECT_EQ(health.status, 200) << health.body;
  EXPECT_EQ(Header(health, "Content-Type"), "application/json; charset=utf-8");
}

TEST(MediaType, QValuesReadTheSameInEveryLocale) {
  EXPECT_DOUBLE_EQ(http::QValue("0.5"), 0.5);
  EXPECT_DOUBLE_EQ(http::QValue(" 1 "), 1.0);
  EXPECT_DOUBLE_EQ(http::QValue("0"), 0.0);
  EXPECT_DOUBLE_EQ(http::QValue("1.5"), 0.0);   // outside 0..1: refused
  EXPECT_DOUBLE_EQ(http::QValue("0.5x"), 0.0);  // malformed: refused
  EXPECT_DOUBLE_EQ(http::QValue(""), 0.0);
}

TEST(MediaType, DeclaredParametersMustBePresent) {
  EXPECT_TRUE(http::MediaTypeMatches("Application/TAXII+json; Version=2.1", kTaxii));
  EXPECT_TRUE(
      http::MediaTypeMatches("application/taxii+json;version=\"2.1\";charset=utf-8", kTaxii));
  EXPECT_FALSE(http::MediaTypeMatches("application/taxii+json", kTaxii));
  EXPECT_FALSE(http::MediaTypeMatches("application/taxii+json;version=2.0", kTaxii));
  EXPECT_FALSE(http::MediaTypeMatches("application/json", kTaxii));
  EXPECT_TRUE(http::AcceptAdmits("", kTaxii));
  EXPECT_TRUE(http::AcceptAdmits("application/taxii+json", kTaxii));
  EXPECT_FALSE(http::AcceptAdmits("application/json, text/html", kTaxii));
  EXPECT_TRUE(http::AcceptAdmits("application/json, application/taxii+json;version=2.1", kTaxii));
}

}  // namespace
}  // namespace renkei::testing
