// Regression tests for the trust fixes of issue 13 over real HTTP with the demo data,
// on both engines. Each test is named after its finding: FindingNN_What.
#include <gtest/gtest.h>

#include "api/api_env.h"

namespace renkei::testing {
namespace {

using nlohmann::json;

constexpr const char* kMember = "member@denryoku.example";
constexpr const char* kAnalyst = "analyst@jeisac.example";

// A body whose field `path` holds `depth` nested arrays around a 1.
std::string Nested(int depth) { return std::string(depth, '[') + "1" + std::string(depth, ']'); }

HttpResult Raw(const Session& s, const std::string& method, const std::string& path,
               const std::string& body, const std::string& type = "application/json") {
  return Http().Send(method, path, body,
                     {"Content-Type: " + type, "Cookie: renkei_session=" + s.cookie(),
                      "X-CSRF-Token: " + s.csrf()});
}

void ExpectAlive() {
  auto health = Http().Send("GET", "/api/v1/health");
  ASSERT_EQ(health.status, 200) << "the server must stay up";
}

TEST(TrustFixes, Finding01_DeeplyNestedJsonIsRefusedAndTheServerStaysUp) {
  Session member = As(kMember);
  Session analyst = As(kAnalyst);
  const std::string deep = Nested(70'000);  // ~140 KB, under the body limit
  ExpectProblem(
      Raw(analyst, "POST", "/api/v1/items",
          R"({"kind":"alert","tlp":"GREEN","title":"t","body":"b","audience":{"org_ids":)" + deep +
              "}}"),
      400, "too_deep", "audience.org_ids");
  ExpectAlive();
  auto rounds = member.Get("/api/v1/assessments").json();
  ASSERT_FALSE(rounds["items"].empty());
  const std::string round = "/api/v1/assessments/" + rounds["items"][0]["id"].dump();
  ExpectProblem(Raw(member, "PATCH", round + "/answers",
                    R"({"answers":[{"item_id":"ID.AM-1","comment":)" + deep + "}]}"),
                400, "too_deep", "answers");
  ExpectProblem(Raw(member, "PUT", "/api/v1/organisations/1/contacts",
                    R"({"contacts":[{"name":"x","hours":)" + deep + "}]}"),
                400, "too_deep", "contacts");
  ExpectProblem(Raw(member, "POST", "/api/v1/reports",
                    R"({"report_class":"incident","indicators":[{"note":)" + deep + "}]}"),
                400, "too_deep", "indicators");
  // Thirty-two levels are fine for the reader (the field is then just the wrong type).
  ExpectProblem(Raw(member, "POST", "/api/v1/reports", R"({"report_class":)" + Nested(30) + "}"),
                400, "wrong_type", "report_class");
  ExpectAlive();
}

TEST(TrustFixes, Finding04_AnEventStreamEndsWithItsSession) {
  Session member = As(kMember);
  EventStreamReader events(g->server->base_url(), "/api/v1/events", member.cookie());
  ASSERT_TRUE(events.WaitFor(": connected"));
  ASSERT_EQ(member.Send("DELETE", "/api/v1/session", json::object()).status, 204);
  // The next event anyone publishes finds the session gone and ends the stream.
  Session analyst = As(kAnalyst);
  auto pub = analyst.Send("POST", "/api/v1/items",
                          {{"kind", "alert"},
                           {"tlp", "GREEN"},
                           {"title", "ストリーム終了の確認"},
                           {"body", "本文"},
                           {"audience", {{"sector_ids", {"electricity"}}}}});
  ASSERT_EQ(pub.status, 201) << pub.body;
  EXPECT_TRUE(events.WaitFor("event: end"));
  EXPECT_TRUE(events.WaitForEnd()) << events.Text();
  EXPECT_EQ(events.Text().find("event: published"), std::string::npos) << events.Text();
}

TEST(TrustFixes, Finding06_AResetGivesTheCallerNoPassword) {
  Session analyst = As(kAnalyst);
  const std::int64_t org = As(kMember).Get("/api/v1/me").json()["org_id"];
  auto user = analyst.Send("POST", "/api/v1/users",
                           {{"org_id", org},
                            {"email", "reset-check@denryoku.example"},
                            {"display_name", "東北 花子"},
                            {"roles", {"member"}},
                            {"password", "初期パスワード-tohoku-2026"}});
  ASSERT_EQ(user.status, 201) << user.body;
  Session member = SignIn(Http(), "reset-check@denryoku.example", "初期パスワード-tohoku-2026");
  const std::string reset = "/api/v1/users/" + user.json()["id"].dump() + "/password-reset";
  auto r = analyst.Send("POST", reset, {{"reason", "本人からの依頼（電話で確認）"}});
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_FALSE(r.json().contains("temporary_password")) << r.body;
  ExpectProblem(member.Get("/api/v1/me"), 401, "session_expired");
  // A sector-body officer of an operator cannot be reset by the hub.
  Session officer = As("officer@occto.example");
  const auto off = officer.Get("/api/v1/me").json();
  auto refused = analyst.Send("POST", "/api/v1/users/" + off["user_id"].dump() + "/password-reset",
                              json::object());
  EXPECT_TRUE(refused.status == 403 || refused.status == 404) << refused.body;
  EXPECT_EQ(officer.Get("/api/v1/me").status, 200) << "nothing happened to the officer";
  ExpectProblem(Http().Send("POST", "/api/v1/password-reset",
                            R"({"token":"guess","new_password":"a long new password"})",
                            {"Content-Type: application/json"}),
                400, "invalid_reset_link", "token");
}

TEST(TrustFixes, Finding08_AnOversizedBodyIsRefusedBeforeItIsRead) {
  Session member = As(kMember);
  // A JSON body over the API limit: 413 naming the limit.
  ExpectProblem(Raw(member, "POST", "/api/v1/reports", std::string(300 * 1024, ' ')), 413,
                "body_too_large");
  // Declared bodies over the route's limit are answered from the head alone: only two
  // bytes follow, so a server that waited for the body would never answer in time.
  for (const char* declared : {"67108864", "1048576"}) {
    auto r = Http().Send(
        "POST", "/api/v1/items", "{}",
        {"Content-Type: application/json", std::string("Content-Length: ") + declared,
         "Cookie: renkei_session=" + member.cookie(), "X-CSRF-Token: " + member.csrf()});
    ExpectProblem(r, 413, "body_too_large");
    EXPECT_EQ(r.json()["detail"], "送信データが大きすぎます（上限 256 KiB）。") << r.body;
  }
  // The refusal from the head speaks the language the head asks for.
  auto en =
      Http().Send("POST", "/api/v1/items", "{}",
                  {"Content-Type: application/json", "Content-Length: 1048576",
                   "Accept-Language: en-US,en;q=0.9", "Cookie: renkei_session=" + member.cookie(),
                   "X-CSRF-Token: " + member.csrf()});
  ExpectProblem(en, 413, "body_too_large");
  EXPECT_EQ(en.json()["detail"], "The request body is larger than 256 KiB.") << en.body;
  ExpectAlive();
}

TEST(TrustFixes, Finding13_TheReporterDoesNotSeeTheTitleOfAStrictSummaryNotSentToIt) {
  Session member = As(kMember);
  Session analyst = As(kAnalyst);
  json report = {{"report_class", "near_miss"},
                 {"fields",
                  {{"title", "制御網への不審なログイン試行"},
                   {"aware_at", "2026-11-21T09:00:00+09:00"},
                   {"summary", "不審なログイン試行を検知した。"},
                   {"cause", "cyber_suspected"},
                   {"attack_type", "intrusion-attempts"},
                   {"form", "general"},
                   {"service_disrupted", "no"}}}};
  auto c = member.Send("POST", "/api/v1/reports", report);
  ASSERT_EQ(c.status, 201) << c.body;
  const std::string path = "/api/v1/reports/" + c.json()["id"].dump();
  ASSERT_EQ(member.Send("POST", path + "/submit", {{"phase", "initial"}}).status, 200);
  const std::int64_t hub_org = analyst.Get("/api/v1/me").json()["org_id"];
  json summary = {{"title", "限定共有：制御網へのログイン試行の手口"},
                  {"body", "手口の詳細。"},
                  {"tlp", "AMBER+STRICT"},
                  {"audience", {{"org_ids", {hub_org}}}},
                  {"accept_k_risk", true}};
  auto pub = analyst.Send("POST", path + "/summaries", summary);
  ASSERT_EQ(pub.status, 201) << pub.body;
  auto mine = member.Get(path);
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(mine.json()["summaries"].size(), 1u);
  EXPECT_EQ(mine.json()["summaries"][0]["title"], "") << mine.body;
  EXPECT_EQ(mine.body.find("限定共有"), std::string::npos);
  EXPECT_EQ(analyst.Get(path).json()["summaries"][0]["title"], summary["title"]);
}

TEST(TrustFixes, Finding14_NoEngineTextAndAnExistingRoundIsNamed) {
  Session member = As(kMember);
  auto rounds = member.Get("/api/v1/assessments").json();
  ASSERT_FALSE(rounds["items"].empty());
  const json& existing = rounds["items"][0];
  json again = {{"catalog_id", existing["catalog_id"]},
                {"fiscal_year", existing["fiscal_year"]},
                {"scope", existing["scope"]}};
  auto r = member.Send("POST", "/api/v1/assessments", again);
  ExpectProblem(r, 409, "round_exists", "fiscal_year");
  EXPECT_EQ(r.json()["location"], "/api/v1/assessments/" + existing["id"].dump());
  EXPECT_EQ(r.body.find("UNIQUE"), std::string::npos) << r.body;
  Session analyst = As(kAnalyst);
  const std::int64_t org = analyst.Get("/api/v1/me").json()["org_id"];
  auto dup = analyst.Send("POST", "/api/v1/items",
                          {{"kind", "alert"},
                           {"tlp", "AMBER"},
                           {"title", "重複"},
                           {"body", "本文"},
                           {"audience", {{"org_ids", {org, org}}}}});
  ExpectProblem(dup, 400, "duplicate", "audience.org_ids[1]");
  EXPECT_EQ(dup.body.find("constraint"), std::string::npos) << dup.body;
}

TEST(TrustFixes, Finding16_ASecondReminderWithinTheHourIs429WithRetryAfter) {
  Session analyst = As(kAnalyst);
  auto pub = analyst.Send("POST", "/api/v1/items",
                          {{"kind", "alert"},
                           {"tlp", "GREEN"},
                           {"title", "パッチ適用のお願い"},
                           {"body", "本文"},
                           {"action_requested", "適用状況を報告してください"},
                           {"audience", {{"sector_ids", {"electricity"}}}}});
  ASSERT_EQ(pub.status, 201) << pub.body;
  const std::string reminders = "/api/v1/items/" + pub.json()["id"].dump() + "/reminders";
  ASSERT_EQ(analyst.Send("POST", reminders, json::object()).status, 200);
  auto again = analyst.Send("POST", reminders, json::object());
  ExpectProblem(again, 429, "remind_too_soon");
  EXPECT_GT(std::stoi(again.header("retry-after")), 3000);
}

TEST(TrustFixes, Finding17_HeadOnEventsAnswersHeadersOnly) {
  Session member = As(kMember);
  auto head =
      Http().Send("HEAD", "/api/v1/events", "", {"Cookie: renkei_session=" + member.cookie()});
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  // Still answered at once and repeatedly: no stream was held open.
  EXPECT_EQ(Http()
                .Send("HEAD", "/api/v1/events", "", {"Cookie: renkei_session=" + member.cookie()})
                .status,
            200);
}

TEST(TrustFixes, Extras_LeadingZerosMediaTypesAndInvisibleCharacters) {
  Session member = As(kMember);
  ExpectProblem(member.Get("/api/v1/organisations/01"), 404, "not_found");
  ExpectProblem(member.Get("/api/v1/organisations/+1"), 404, "not_found");
  EXPECT_EQ(member.Get("/api/v1/organisations/1").status, 200);
  ExpectProblem(Raw(member, "POST", "/api/v1/reports", "{}", "application/jsonx"), 415,
                "unsupported_media_type");
  EXPECT_NE(Raw(member, "POST", "/api/v1/reports", "{}", "Application/JSON; charset=utf-8").status,
            415);
  Session analyst = As(kAnalyst);
  for (const char* title : {"請求書\u202Egpj.exe", "見出し\u200B", "改行\nあり"}) {
    ExpectProblem(analyst.Send("POST", "/api/v1/items",
                               {{"kind", "alert"},
                                {"tlp", "GREEN"},
                                {"title", title},
                                {"body", "本文"},
                                {"audience", {{"sector_ids", {"electricity"}}}}}),
                  400, "invalid_text", "title");
  }
}

}  // namespace
}  // namespace renkei::testing
