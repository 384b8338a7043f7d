#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error_codes.h"
#include "http/api.h"
#include "http/body_guard.h"
#include "http/json_input.h"
#include "http/json_output.h"
#include "http/problem.h"

namespace renkei::http {
namespace {

TEST(PathMatch, MatchesTemplatesSegmentBySegment) {
  std::vector<std::string> params;
  EXPECT_TRUE(MatchPattern("/api/v1/organisations/{id}", "/api/v1/organisations/42", &params));
  EXPECT_EQ(params, std::vector<std::string>{"42"});
  EXPECT_TRUE(
      MatchPattern("/api/v1/organisations/{id}/users", "/api/v1/organisations/7/users", &params));
  EXPECT_FALSE(MatchPattern("/api/v1/organisations/{id}", "/api/v1/organisations/", &params));
  EXPECT_FALSE(MatchPattern("/api/v1/organisations/{id}", "/api/v1/organisations/1/x", &params));
  EXPECT_FALSE(MatchPattern("/api/v1/me", "/api/v1/me/", &params));
}

TEST(Query, DecodesPercentAndPlusAndFlagsRepeats) {
  Request r;
  ASSERT_TRUE(ParseQuery("q=%E9%9B%BB%E5%8A%9B+isac&limit=5&limit=6", r));
  EXPECT_EQ(r.query["q"], "電力 isac");
  EXPECT_EQ(r.query["limit"], "6");
  EXPECT_EQ(r.query_keys_repeated, std::vector<std::string>{"limit"});
  Request bad;
  EXPECT_FALSE(ParseQuery("q=%E9%9", bad));
  EXPECT_FALSE(ParseQuery("q=%00", bad));
}

TEST(Cookies, FindsTheNamedCookie) {
  Request r;
  r.headers["cookie"] = "a=1; renkei_session=abc; b=2";
  EXPECT_EQ(r.cookie("renkei_session"), std::optional<std::string>("abc"));
  EXPECT_EQ(r.cookie("missing"), std::nullopt);
}

TEST(JsonInput, NamesTheFieldOfEachProblem) {
  EXPECT_EQ(JsonObject::Parse("{").status().code(), "invalid_json");
  EXPECT_EQ(JsonObject::Parse("[1]").status().code(), "expected_object");
  auto in = JsonObject::Parse(R"({"email": 5, "extra": true})");
  ASSERT_TRUE(in.ok());
  (void)in->String("email", true);
  (void)in->String("password", true);
  Status st = in->Finish();
  EXPECT_EQ(st.code(), "wrong_type");
  EXPECT_EQ(st.field(), "email");
  auto unknown = JsonObject::Parse(R"({"email": "a@b.jp", "extra": true})");
  (void)unknown->String("email", true);
  EXPECT_EQ(unknown->Finish().field(), "extra");
  auto missing = JsonObject::Parse(R"({})");
  (void)missing->String("email", true);
  EXPECT_EQ(missing->Finish().code(), "required");
  auto arr = JsonObject::Parse(R"({"ids": [1, "2"]})");
  (void)arr->Ints("ids", false);
  EXPECT_EQ(arr->Finish().code(), "wrong_type");
}

TEST(JsonInput, Finding01_NestingIsLimitedWhileParsingAndNamesTheField) {
  auto nest = [](int n) { return std::string(n, '[') + std::string(n, ']'); };
  // The top-level object is level 1: 31 more levels are fine, one more is not.
  EXPECT_TRUE(JsonObject::Parse("{\"a\":" + nest(31) + "}").ok());
  auto deep = JsonObject::Parse("{\"a\":" + nest(32) + "}");
  EXPECT_EQ(deep.status().code(), "too_deep");
  EXPECT_EQ(deep.status().field(), "a");
  // 70,000 levels (the probe's crash) answer the same, without recursion.
  auto probe = JsonObject::Parse(R"({"audience":{"org_ids":)" + nest(70'000) + "}}");
  EXPECT_EQ(probe.status().code(), "too_deep");
  EXPECT_EQ(probe.status().field(), "audience.org_ids");
  auto objects = JsonObject::Parse(R"({"contacts":[{"hours":)" + std::string(40, '{') +
                                   std::string(40, '}') + "}]}");
  EXPECT_EQ(objects.status().code(), "invalid_json") << "keys missing: not JSON at all";
  auto in_array = JsonObject::Parse(R"({"contacts":[{"hours":)" + nest(40) + "}]}");
  EXPECT_EQ(in_array.status().field(), "contacts");
  // Nested readers read the one parsed document.
  auto ok = JsonObject::Parse(R"({"audience":{"org_ids":[1,2]},"list":[{"x":"y"}]})");
  ASSERT_TRUE(ok.ok());
  auto audience = ok->Object("audience", true);
  ASSERT_TRUE(audience.has_value());
  EXPECT_EQ(audience->Ints("org_ids", true), (std::vector<std::int64_t>{1, 2}));
  auto list = ok->Objects("list", true);
  ASSERT_TRUE(list.has_value());
  EXPECT_EQ((*list)[0].String("x", true), std::optional<std::string>("y"));
  EXPECT_TRUE(ok->Finish().ok());
}

TEST(MediaType, Finding13Extra_JsonIsMatchedAsAMediaType) {
  EXPECT_TRUE(IsJsonMediaType("application/json"));
  EXPECT_TRUE(IsJsonMediaType("Application/JSON; charset=utf-8"));
  EXPECT_FALSE(IsJsonMediaType("application/jsonx"));
  EXPECT_FALSE(IsJsonMediaType("application/json-patch+json"));
  EXPECT_FALSE(IsJsonMediaType("text/plain"));
}

TEST(BodyGuard, Finding08_RefusesADeclaredBodyFromTheHeadAlone) {
  const BodyGuard::Limit limit = [](std::string_view, std::string_view target) {
    return target.starts_with("/upload") ? std::uint64_t{1000} : std::uint64_t{10};
  };
  BodyBudget budget(25);
  {
    BodyGuard g(&limit, &budget);
    // Two pipelined requests split across reads, each within its limit.
    EXPECT_EQ(g.Feed("POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r"), BodyGuard::Verdict::kPass);
    EXPECT_EQ(g.Feed("\nhelloGET /b HTTP/1.1\r\nHost: x\r\n\r\n"), BodyGuard::Verdict::kPass);
    EXPECT_EQ(budget.held(), 0u) << "both bodies arrived";
    EXPECT_EQ(g.Feed("POST /upload/1 HTTP/1.1\r\ncontent-length:  20 \r\n\r\n12345"),
              BodyGuard::Verdict::kPass);
    EXPECT_EQ(budget.held(), 20u) << "held until the body has arrived";
    BodyGuard other(&limit, &budget);
    EXPECT_EQ(other.Feed("POST /upload/2 HTTP/1.1\r\nContent-Length: 6\r\n\r\n"),
              BodyGuard::Verdict::kBusy)
        << "20 + 6 is over the shared budget of 25";
    // Over the route's limit: refused before any body byte.
    BodyGuard big(&limit, &budget);
    EXPECT_EQ(big.Feed("POST /a HTTP/1.1\r\nContent-Length: 11\r\n\r\n"),
              BodyGuard::Verdict::kTooLarge);
    EXPECT_EQ(big.refused_limit(), 10u);
  }
  EXPECT_EQ(budget.held(), 0u) << "a connection that ends gives its reservation back";
  // Chunked bodies have no length up front: left to the parser's own hard limit.
  BodyGuard chunked(&limit, &budget);
  EXPECT_EQ(chunked.Feed("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                         "ffffff\r\n"),
            BodyGuard::Verdict::kPass);
}

TEST(JsonOutput, WritesValidEscapedJson) {
  JsonWriter w;
  w.BeginObject()
      .Field("name", "連携 \"quoted\"\n\x01")
      .Field("n", std::int64_t{-42})
      .Field("ok", true)
      .FieldOrNull("empty", "")
      .Field("list", std::vector<std::string>{"a", "b"});
  w.Key("nested").BeginArray().BeginObject().EndObject().Int(1).Null().EndArray();
  w.Key("raw").Raw("{\"x\":1}").EndObject();
  const std::string text = w.Take();
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded()) << text;
  EXPECT_EQ(parsed["name"], "連携 \"quoted\"\n\x01");
  EXPECT_EQ(parsed["n"], -42);
  EXPECT_TRUE(parsed["empty"].is_null());
  EXPECT_EQ(parsed["list"], nlohmann::json::array({"a", "b"}));
  EXPECT_EQ(parsed["nested"].size(), 3u);
  EXPECT_EQ(parsed["raw"]["x"], 1);
}

TEST(Problem, MapsKindsToStatusAndCarriesCodeAndField) {
  Response r = ProblemResponse(err::Required().with_field("email"), Lang::kJa);
  EXPECT_EQ(r.status, 400);
  auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["code"], "required");
  EXPECT_EQ(body["field"], "email");
  EXPECT_EQ(body["status"], 400);
  EXPECT_EQ(ProblemResponse(err::ItemNotFound(), Lang::kJa).status, 404);
  Response locked = ProblemResponse(err::SigninLocked().with_retry_after(30), Lang::kJa);
  EXPECT_EQ(locked.status, 429);
  bool has_retry = false;
  for (auto& [k, v] : locked.headers) has_retry = has_retry || (k == "Retry-After" && v == "30");
  EXPECT_TRUE(has_retry);
}

// The OpenAPI document is generated from the route table: it builds, lists exactly the
// routes, documents each query parameter a route accepts (and only those), and every
// hand-written schema is used by some route (an orphan is a part that drifted away).
TEST(OpenApi, IsGeneratedFromTheRouteTable) {
  ASSERT_TRUE(OpenApiBuild().ok()) << OpenApiBuild().status().Describe();
  auto doc = nlohmann::json::parse(OpenApiDocument());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::string> documented;
  for (auto& [path, ops] : doc["paths"].items()) {
    for (auto& [method, op] : ops.items()) {
      std::string m = method;
      for (auto& ch : m) ch = static_cast<char>(std::toupper(ch));
      documented.insert(m + " " + path);
    }
  }
  std::set<std::string> routed;
  for (const auto& r : RouteTable()) {
    routed.insert(r.method + " " + r.pattern);
    EXPECT_FALSE(r.doc.summary.empty()) << r.pattern;
    std::string m = r.method;
    for (auto& ch : m) ch = static_cast<char>(std::tolower(ch));
    std::set<std::string> names;
    for (const auto& p : doc["paths"][r.pattern][m].value("parameters", nlohmann::json::array())) {
      if (!p.contains("$ref")) continue;
      std::string ref = p["$ref"];
      auto param = doc["components"]["parameters"][ref.substr(ref.rfind('/') + 1)];
      EXPECT_EQ(param["in"], "query") << ref;
      names.insert(param["name"].get<std::string>());
    }
    EXPECT_EQ(names, std::set<std::string>(r.doc.query.begin(), r.doc.query.end())) << r.pattern;
  }
  EXPECT_EQ(documented, routed);
  const std::string text = OpenApiDocument();
  for (auto& [name, schema] : doc["components"]["schemas"].items()) {
    EXPECT_NE(text.find("\"#/components/schemas/" + name + "\""), std::string::npos)
        << "schema " << name << " is used by no route or schema";
  }
  for (auto& [name, param] : doc["components"]["parameters"].items()) {
    EXPECT_NE(text.find("\"#/components/parameters/" + name + "\""), std::string::npos)
        << "parameter " << name << " is used by no route";
  }
}

// The web app's types are generated from web/src/api/openapi.json; that copy must be
// the document the route table makes today (scripts/gen-openapi.sh writes it).
TEST(OpenApi, TheWebCopyIsCurrent) {
  std::ifstream in(RENKEI_SOURCE_DIR "/web/src/api/openapi.json", std::ios::binary);
  ASSERT_TRUE(in) << "web/src/api/openapi.json is missing; run scripts/gen-openapi.sh";
  std::string copy((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(copy == OpenApiDocument() + "\n")
      << "web/src/api/openapi.json is out of date; run scripts/gen-openapi.sh";
}

// The statuses the pipeline answers by itself are documented on every route without
// the route having to list them: 401 on signed-in routes, 404 for a path id, 400 always
// (unknown query parameters), 413/415 for a JSON body.
TEST(OpenApi, PipelineStatusesAreDocumentedOnEveryRoute) {
  auto doc = nlohmann::json::parse(OpenApiDocument());
  for (const auto& r : RouteTable()) {
    std::string m = r.method;
    for (auto& ch : m) ch = static_cast<char>(std::tolower(ch));
    const auto& responses = doc["paths"][r.pattern][m]["responses"];
    EXPECT_TRUE(responses.contains("400")) << r.pattern;
    if (r.access == Access::kSignedIn) {
      EXPECT_TRUE(responses.contains("401")) << r.pattern;
    }
    if (r.pattern.find('{') != std::string::npos) {
      EXPECT_TRUE(responses.contains("404")) << r.pattern;
    }
    if (!r.doc.request.empty()) {
      EXPECT_TRUE(responses.contains("413") && responses.contains("415")) << r.pattern;
    }
    EXPECT_TRUE(responses.contains(std::to_string(r.doc.status))) << r.pattern;
  }
}

}  // namespace
}  // namespace renkei::http
