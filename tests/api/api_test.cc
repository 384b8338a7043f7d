// API tests over real HTTP: a `renkei serve` process on a fresh database loaded with the
// demo dataset (SQLite by default; RENKEI_TEST_API_ENGINE=postgresql for the server in
// RENKEI_TEST_PG_URL). Each test asserts what a client would notice.
#include <gtest/gtest.h>

#include <set>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "api/api_env.h"
#include "http/api.h"
#include "storage/migrations/migrations.h"
#include "support/http_client.h"
#include "support/openapi_check.h"
#include "support/server_process.h"
#include "support/test_db.h"

namespace renkei::testing {

using nlohmann::json;

Shared* g = nullptr;

namespace {
class ApiEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    g = new Shared;
    const char* engine = std::getenv("RENKEI_TEST_API_ENGINE");
    if (engine && std::string(engine) == "postgresql" && PgUrl().empty()) {
      if (PgRequired()) FAIL() << "RENKEI_TEST_PG_URL is not set but RENKEI_REQUIRE_PG is";
      GTEST_SKIP() << "RENKEI_TEST_PG_URL not set";
    }
    g->db_url = FreshDatabaseUrl(engine ? engine : "sqlite");
    std::string out;
    ASSERT_EQ(RunRenkei({"demo-data", "--db", g->db_url, "--password", kDemoPassword}, &out), 0)
        << out;
    g->server = std::make_unique<ServerProcess>(
        g->db_url, std::vector<std::string>{"RENKEI_SIGNIN_IP_LIMIT=100000", "RENKEI_WEB_ROOT="});
    ASSERT_TRUE(g->server->ready()) << "server did not start";
    g->http = std::make_unique<HttpClient>(g->server->base_url());
  }
  void TearDown() override {
    if (g && g->server) {
      EXPECT_TRUE(g->server->Stop()) << "server must stop cleanly on SIGTERM";
    }
    delete g;
    g = nullptr;
  }
};
const auto* const kEnv = ::testing::AddGlobalTestEnvironment(new ApiEnvironment);
}  // namespace

const HttpClient& Http() { return *g->http; }
Session As(const std::string& email) {
  HttpResult r;
  Session s = SignIn(Http(), email, kDemoPassword, &r);
  EXPECT_EQ(r.status, 200) << email << ": " << r.body;
  return s;
}

void ExpectProblem(const HttpResult& r, long status, const std::string& code,
                   const std::string& field) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/problem+json") << r.body;
  auto j = r.json();
  ASSERT_TRUE(j.is_object()) << r.body;
  EXPECT_EQ(j.value("code", ""), code) << r.body;
  EXPECT_EQ(j.value("status", 0), status);
  EXPECT_FALSE(j.value("detail", "").empty());
  if (!field.empty()) {
    EXPECT_EQ(j.value("field", ""), field) << r.body;
  }
}

std::int64_t FindOrg(const Session& s, const std::string& query) {
  auto r = s.Get("/api/v1/organisations?" + query + "&limit=1");
  EXPECT_EQ(r.status, 200) << r.body;
  auto items = r.json()["items"];
  return items.empty() ? 0 : items[0]["id"].get<std::int64_t>();
}

namespace {

TEST(Api, HealthNamesVersionAndEngine) {
  auto r = Http().Send("GET", "/api/v1/health");
  ASSERT_EQ(r.status, 200);
  auto j = r.json();
  EXPECT_EQ(j["status"], "ok");
  EXPECT_FALSE(j["version"].get<std::string>().empty());
  EXPECT_EQ(j["database"], g->db_url.rfind("sqlite:", 0) == 0 ? "sqlite" : "postgresql");
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.header("cache-control"), "no-store");
}

TEST(Api, OpenApiDocumentIsServed) {
  auto r = Http().Send("GET", "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto j = r.json();
  EXPECT_EQ(j["openapi"], "3.1.0");
  EXPECT_TRUE(j["paths"].contains("/api/v1/organisations/{id}"));
}

// ARCHITECTURE invariant 6 on every route, not only on those whose handler remembered to
// check: a query parameter the route does not take answers 400 naming it, before
// anything runs (GET /items/{id}?x=1 used to pass; 42 of 64 routes never checked).
// The response check itself: a real user record passes; the same record with a broken
// timestamp, a wrong type or a missing field does not; a nullable timestamp may be null.
TEST(Api, TheOpenApiCheckRefusesABodyThatDriftsFromTheDocument) {
  Session admin = As("admin@renkei.example");
  const std::string path =
      "/api/v1/users/" + std::to_string(admin.Get("/api/v1/me").json()["user_id"].get<int>());
  auto r = admin.Get(path);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string type = "application/json";
  auto check = [&](const json& body) {
    return CheckResponseAgainstOpenApi("GET", path, 200, type, body.dump());
  };
  json user = r.json();
  EXPECT_EQ(check(user), "");
  json changed = user;
  changed["last_sign_in_at"] = nullptr;
  EXPECT_EQ(check(changed), "") << "last_sign_in_at is nullable";
  changed["created_at"] = "2026-13-01T00:00:00Z";
  EXPECT_NE(check(changed), "") << "month 13";
  changed = user;
  changed["created_at"] = "yesterday";
  EXPECT_NE(check(changed), "");
  changed = user;
  changed["last_sign_in_at"] = "2026-12-01 10:00";
  EXPECT_NE(check(changed), "") << "not RFC 3339";
  changed = user;
  changed["active"] = "yes";
  EXPECT_NE(check(changed), "");
  changed = user;
  changed.erase("email");
  EXPECT_NE(check(changed), "");
  EXPECT_NE(CheckResponseAgainstOpenApi("GET", path, 299, type, user.dump()), "")
      << "an undocumented status";
}

TEST(Api, EveryRouteRefusesAnUnknownQueryParameterAndChangesNothing) {
  Session admin = As("admin@renkei.example");
  auto newest_audit = [&] {
    auto r = admin.Get("/api/v1/audit?limit=1");
    return r.json()["items"][0]["id"].get<std::int64_t>();
  };
  const auto before = newest_audit();
  int checked = 0;
  for (const auto& route : http::RouteTable()) {
    std::string path = route.pattern;
    for (size_t open; (open = path.find('{')) != std::string::npos;) {
      const std::string name = path.substr(open + 1, path.find('}', open) - open - 1);
      path.replace(open, name.size() + 2, name == "catalog" ? "nist-csf-1.1" : "1");
    }
    const std::string target = path + "?surprise=1";
    const bool write = route.method != "GET";
    HttpResult r = write ? admin.Send(route.method, target, json::object()) : admin.Get(target);
    EXPECT_EQ(r.status, 400) << route.method << " " << target << ": " << r.body;
    EXPECT_EQ(r.json().value("code", ""), "unknown_parameter") << route.method << " " << target;
    EXPECT_EQ(r.json().value("field", ""), "surprise") << route.method << " " << target;
    ++checked;
  }
  EXPECT_GT(checked, 60);
  EXPECT_EQ(newest_audit(), before) << "a refused request wrote an audit row";
  // The same parameter on a route that takes query parameters is refused too, and the
  // parameters it does take still work.
  EXPECT_EQ(admin.Get("/api/v1/organisations?limit=2&surprise=1").status, 400);
  EXPECT_EQ(admin.Get("/api/v1/organisations?limit=2").status, 200);
}

TEST(Api, SignInSetsAnHttpOnlyCookieAndMeTellsWhoIsSignedIn) {
  HttpResult r;
  Session s = SignIn(Http(), "Member@Denryoku.example", kDemoPassword, &r);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string cookie = r.header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  auto me = s.Get("/api/v1/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json()["email"], "member@denryoku.example");
  EXPECT_EQ(me.json()["roles"], json::array({"member"}));
  EXPECT_EQ(me.json()["csrf_token"], s.csrf());
}

TEST(Api, WrongCredentialsAnswer401WithoutACookie) {
  HttpResult r;
  SignIn(Http(), "member@denryoku.example", "wrong password!", &r);
  ExpectProblem(r, 401, "invalid_credentials");
  EXPECT_EQ(r.header("set-cookie"), "");
  SignIn(Http(), "nobody@nowhere.example", kDemoPassword, &r);
  ExpectProblem(r, 401, "invalid_credentials");
}

// problem+json `detail` is the registry's text in the caller's language (docs/errors.md):
// Japanese by default, English when Accept-Language prefers it; the code stays the same.
TEST(Api, ErrorDetailsSpeakTheCallersLanguage) {
  const std::string body = R"({"email":"member@denryoku.example","password":"wrong password!"})";
  auto ja = Http().Send("POST", "/api/v1/session", body, {"Content-Type: application/json"});
  ExpectProblem(ja, 401, "invalid_credentials");
  EXPECT_EQ(ja.json()["detail"], "メールアドレスまたはパスワードが正しくありません。");
  EXPECT_EQ(ja.header("content-language"), "ja");
  auto en =
      Http().Send("POST", "/api/v1/session", body,
                  {"Content-Type: application/json", "Accept-Language: en-GB,en;q=0.8,ja;q=0.5"});
  ExpectProblem(en, 401, "invalid_credentials");
  EXPECT_EQ(en.json()["detail"], "The e-mail address or password is wrong.");
  EXPECT_EQ(en.header("content-language"), "en");
  // Both languages for the pipeline's own answers, and a field error beside its field.
  auto path = Http().Send("GET", "/api/v1/nowhere", "", {"Accept-Language: en"});
  ExpectProblem(path, 404, "not_found");
  EXPECT_EQ(path.json()["detail"], "No API path /api/v1/nowhere.");
  Session admin = As("admin@renkei.example");
  const auto id = FindOrg(admin, "sector=gas&kind=operator");
  auto bad = admin.Send("PATCH", "/api/v1/organisations/" + std::to_string(id),
                        {{"name_ja", std::string(201, 'a')}});
  ExpectProblem(bad, 400, "too_long", "name_ja");
  EXPECT_EQ(bad.json()["detail"], "200文字以内で入力してください。");
}

TEST(Api, NoSessionOrAnEndedSessionAnswers401) {
  ExpectProblem(Http().Send("GET", "/api/v1/me"), 401, "unauthenticated");
  ExpectProblem(Http().Send("GET", "/api/v1/organisations", "", {"Cookie: renkei_session=forged"}),
                401, "session_expired");
  ExpectProblem(Http().Send("GET", "/api/v1/me", "", {"Authorization: Basic abc"}), 401,
                "invalid_token");
}

TEST(Api, SignOutEndsTheSessionAndClearsTheCookie) {
  Session s = As("officer@meti.example");
  auto out = s.Send("DELETE", "/api/v1/session", nullptr);
  EXPECT_EQ(out.status, 204) << out.body;
  EXPECT_NE(out.header("set-cookie").find("Max-Age=0"), std::string::npos);
  ExpectProblem(s.Get("/api/v1/me"), 401, "session_expired");
}

TEST(Api, CookieWritesWithoutTheCsrfTokenAreRefusedAndChangeNothing) {
  Session admin = As("admin@renkei.example");
  const auto id = FindOrg(admin, "q=" + std::string("%E6%9D%B1%E5%8C%97%E7%99%BA%E9%9B%BB"));
  ASSERT_GT(id, 0);
  const std::string path = "/api/v1/organisations/" + std::to_string(id);
  ExpectProblem(admin.Send("PATCH", path, {{"name_en", "Hacked"}}, false), 403, "csrf_failed");
  auto wrong = Http().Send("PATCH", path, R"({"name_en":"Hacked"})",
                           {"Cookie: renkei_session=" + admin.cookie(),
                            "Content-Type: application/json", "X-CSRF-Token: not-the-token"});
  ExpectProblem(wrong, 403, "csrf_failed");
  EXPECT_EQ(admin.Get(path).json()["name_en"], "Tohoku Power Generation K.K.");
}

TEST(Api, DirectoryListsTheSectorsAndHubsOfTheMap) {
  Session s = As("member@denryoku.example");
  auto sectors = s.Get("/api/v1/sectors").json()["items"];
  ASSERT_EQ(sectors.size(), 15u);
  EXPECT_EQ(sectors[0]["name_ja"], "情報通信");
  auto hubs = s.Get("/api/v1/hubs").json()["items"];
  ASSERT_EQ(hubs.size(), 21u);
  json banks;
  for (auto& h : hubs) {
    if (h["code"] == "bank-ceptoar") banks = h;
  }
  ASSERT_TRUE(banks.is_object());
  EXPECT_EQ(banks["member_count"], 1487);
  EXPECT_EQ(banks["secretariat"]["name_ja"], "一般社団法人全国銀行協会");
  EXPECT_EQ(banks["handling_rules_since"], "2007-03");
  auto one = s.Get("/api/v1/hubs/" + std::to_string(banks["id"].get<int>()));
  EXPECT_EQ(one.json()["code"], "bank-ceptoar");
  ExpectProblem(s.Get("/api/v1/hubs/99999"), 404, "not_found");
  auto prefectures = s.Get("/api/v1/prefectures").json()["items"];
  ASSERT_EQ(prefectures.size(), 47u);
  EXPECT_EQ(prefectures[12]["code"], 13);
  EXPECT_EQ(prefectures[12]["name_ja"], "東京都");
  EXPECT_EQ(prefectures[46]["name_en"], "Okinawa");
}

TEST(Api, OrganisationsPageThroughThousandsWithCursors) {
  Session s = As("member@denryoku.example");
  std::string cursor;
  size_t total = 0, pages = 0;
  std::set<std::int64_t> ids;
  do {
    auto r = s.Get("/api/v1/organisations?limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(r.status, 200) << r.body;
    auto j = r.json();
    for (auto& o : j["items"]) ids.insert(o["id"].get<std::int64_t>());
    total += j["items"].size();
    cursor = j["next_cursor"].is_null() ? "" : j["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 100);
  // The directory's ~5,000 and the desk's 1,064 SMEs and 7 providers.
  EXPECT_GE(total, 5950u);
  EXPECT_LE(total, 6200u);
  EXPECT_EQ(ids.size(), total) << "no organisation appears twice";
}

TEST(Api, JapaneseSearchFoldsWidthsAndFindsWithoutWordSpaces) {
  Session s = As("member@denryoku.example");
  auto find = [&](const std::string& encoded_query) {
    auto r = s.Get("/api/v1/organisations?limit=200&q=" + encoded_query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["items"];
  };
  // 東北発電 (a substring inside 東北発電株式会社)
  auto exact = find("%E6%9D%B1%E5%8C%97%E7%99%BA%E9%9B%BB");
  ASSERT_FALSE(exact.empty());
  EXPECT_EQ(exact[0]["name_ja"], "東北発電株式会社");
  // ｹｰﾌﾞﾙﾃﾚﾋﾞ in half-width katakana finds the cable operators.
  auto cable =
      find("%EF%BD%B9%EF%BD%B0%EF%BE%8C%EF%BE%9E%EF%BE%99%EF%BE%83%EF%BE%9A%EF%BE%8B%EF%BE%9E");
  EXPECT_GE(cable.size(), 100u);
  for (auto& o : cable) {
    EXPECT_NE(o["name_ja"].get<std::string>().find("ケーブルテレビ"), std::string::npos);
  }
  // Full-width Latin and a different case.
  auto isac = find("%EF%BD%89%EF%BD%93%EF%BD%81%EF%BD%83");  // ｉｓａｃ
  bool found = false;
  for (auto& o : isac) found = found || o["name_ja"] == "一般社団法人電力ISAC";
  EXPECT_TRUE(found);
}

TEST(Api, OrganisationFiltersNarrowTheList) {
  Session s = As("member@denryoku.example");
  auto water = s.Get("/api/v1/organisations?sector=water&kind=operator&limit=200").json()["items"];
  EXPECT_EQ(water.size(), 8u);
  auto tokyo = s.Get("/api/v1/organisations?prefecture=13&limit=5").json()["items"];
  ASSERT_FALSE(tokyo.empty());
  for (auto& o : tokyo) EXPECT_EQ(o["prefecture"]["code"], 13);
  auto retail = s.Get("/api/v1/organisations?sector=electricity&limit=200").json()["items"];
  EXPECT_EQ(retail.size(), 200u);
}

TEST(Api, ContactsAndUsersFollowThePermissionRules) {
  Session member = As("member@denryoku.example");
  Session analyst = As("analyst@jeisac.example");
  Session gas_analyst = As("analyst@gas-ceptoar.example");
  Session admin = As("admin@renkei.example");
  auto me = member.Get("/api/v1/me").json();
  const std::string own = "/api/v1/organisations/" + std::to_string(me["org_id"].get<int>());
  EXPECT_TRUE(member.Get(own).json().contains("contacts"));
  EXPECT_TRUE(analyst.Get(own).json().contains("contacts"));
  EXPECT_TRUE(analyst.Get(own).json()["can_edit"].get<bool>());
  EXPECT_FALSE(gas_analyst.Get(own).json().contains("contacts"));
  const auto gas_org = FindOrg(gas_analyst, "sector=gas&kind=operator");
  const std::string gas = "/api/v1/organisations/" + std::to_string(gas_org);
  EXPECT_FALSE(member.Get(gas).json().contains("contacts"));
  // Users of another organisation do not exist for a member (404), and their list is 403.
  auto gas_users = admin.Get(gas + "/users").json()["items"];
  ASSERT_FALSE(gas_users.empty());
  const std::string gas_user = "/api/v1/users/" + std::to_string(gas_users[0]["id"].get<int>());
  EXPECT_EQ(admin.Get(gas_user).status, 200);
  EXPECT_EQ(gas_analyst.Get(gas_user).status, 200);
  ExpectProblem(member.Get(gas_user), 404, "not_found");
  ExpectProblem(member.Get(gas + "/users"), 403, "forbidden");
  ExpectProblem(member.Get("/api/v1/users/99999999"), 404, "not_found");
  const std::string self = "/api/v1/users/" + std::to_string(me["user_id"].get<int>());
  EXPECT_EQ(member.Get(self).status, 200);
}

TEST(Api, WritesNeedTheRightRole) {
  Session member = As("member@denryoku.example");
  Session analyst = As("analyst@jeisac.example");
  Session gas_analyst = As("analyst@gas-ceptoar.example");
  auto me = member.Get("/api/v1/me").json();
  const std::string own = "/api/v1/organisations/" + std::to_string(me["org_id"].get<int>());
  ExpectProblem(member.Send("PATCH", own, {{"name_en", "Self-edit"}}), 403, "forbidden");
  ExpectProblem(gas_analyst.Send("PATCH", own, {{"name_en", "Other hub"}}), 403, "forbidden");
  auto ok = analyst.Send("PATCH", own, {{"size_class", "large"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["size_class"], "large");
  ExpectProblem(
      member.Send("POST", "/api/v1/organisations", {{"name_ja", "勝手組織"}, {"kind", "operator"}}),
      403, "forbidden");
  ExpectProblem(member.Get("/api/v1/audit"), 403, "forbidden");
  ExpectProblem(analyst.Send("POST", "/api/v1/users",
                             {{"org_id", me["org_id"]},
                              {"email", "boss@denryoku.example"},
                              {"display_name", "管理者志望"},
                              {"roles", {"admin"}}}),
                403, "forbidden");
}

TEST(Api, AnAdministratorAddsAUserWhoCanThenSignIn) {
  Session admin = As("admin@renkei.example");
  const auto org = FindOrg(admin, "sector=water&kind=operator");
  auto created = admin.Send("POST", "/api/v1/users",
                            {{"org_id", org},
                             {"email", "New.Staff@Water.example"},
                             {"display_name", "水道 新人"},
                             {"roles", {"member"}},
                             {"password", "水道の初期パスワード-2026"}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto j = created.json();
  EXPECT_EQ(j["email"], "new.staff@water.example");
  EXPECT_EQ(j["password_link_mailed"], false) << "the creator gave the password";
  const std::string temporary = "水道の初期パスワード-2026";
  HttpResult r;
  Session fresh = SignIn(Http(), "new.staff@water.example", temporary, &r);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(fresh.Get("/api/v1/me").json()["org_id"], org);
  // The same address again is a conflict naming the field.
  ExpectProblem(admin.Send("POST", "/api/v1/users",
                           {{"org_id", org},
                            {"email", "new.staff@water.example"},
                            {"display_name", "二重"},
                            {"roles", {"member"}}}),
                409, "email_taken", "email");
  // They change their password, and the old one stops working.
  auto change =
      fresh.Send("POST", "/api/v1/me/password",
                 {{"current_password", temporary}, {"new_password", "水道の新しいパスワード123"}});
  EXPECT_EQ(change.status, 204) << change.body;
  SignIn(Http(), "new.staff@water.example", temporary, &r);
  EXPECT_EQ(r.status, 401);
  SignIn(Http(), "new.staff@water.example", "水道の新しいパスワード123", &r);
  EXPECT_EQ(r.status, 200);
  // Deactivated: the session ends and sign-in fails.
  auto off = admin.Send("PATCH", "/api/v1/users/" + std::to_string(j["id"].get<int>()),
                        {{"active", false}});
  ASSERT_EQ(off.status, 200) << off.body;
  ExpectProblem(fresh.Get("/api/v1/me"), 401, "session_expired");
}

TEST(Api, HubStaffAddAnOrganisationToTheirHubAndResetPasswords) {
  Session analyst = As("analyst@jeisac.example");
  auto me = analyst.Get("/api/v1/me").json();
  const auto hub = me["secretariat_of_hub_ids"][0].get<int>();
  auto created = analyst.Send("POST", "/api/v1/organisations",
                              {{"name_ja", "みらい新電力株式会社"},
                               {"name_en", "Mirai Shin-Denryoku"},
                               {"kind", "operator"},
                               {"sector_ids", {"electricity"}},
                               {"business_class", "retail"},
                               {"prefecture", 40},
                               {"hub_ids", {hub}}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto org = created.json();
  EXPECT_EQ(org["prefecture"]["name_ja"], "福岡県");
  auto user = analyst.Send("POST", "/api/v1/users",
                           {{"org_id", org["id"]},
                            {"email", "soc@mirai.example"},
                            {"display_name", "九州 一郎"},
                            {"roles", {"member"}},
                            {"password", "初期パスワード-mirai-2026"}});
  ASSERT_EQ(user.status, 201) << user.body;
  EXPECT_FALSE(user.json().contains("temporary_password"));
  auto reset = analyst.Send(
      "POST", "/api/v1/users/" + std::to_string(user.json()["id"].get<int>()) + "/password-reset",
      nullptr);
  // The new password reaches the user by a mailed link (mail_test.cc), never the hub.
  ASSERT_EQ(reset.status, 202) << reset.body;
  EXPECT_FALSE(reset.json().contains("temporary_password"));
  HttpResult r;
  SignIn(Http(), "soc@mirai.example", "初期パスワード-mirai-2026", &r);
  EXPECT_EQ(r.status, 401) << "the old password ended with the reset";
}

TEST(Api, AnOrganisationMaintainsItsEmergencyContacts) {
  Session member = As("member@denryoku.example");
  const auto org = member.Get("/api/v1/me").json()["org_id"].get<int>();
  const std::string path = "/api/v1/organisations/" + std::to_string(org) + "/contacts";
  auto ok = member.Send("PUT", path,
                        {{"contacts",
                          {{{"kind", "emergency"},
                            {"name", "当番 一郎"},
                            {"phone", "022-000-0000"},
                            {"email", "soc@denryoku.example"},
                            {"hours", "24時間"}}}}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["contacts"].size(), 1u);
  EXPECT_EQ(ok.json()["contacts"][0]["name"], "当番 一郎");
  EXPECT_TRUE(ok.json()["can_edit_contacts"].get<bool>());
  ExpectProblem(member.Send("PUT", path, {{"contacts", {{{"name", "x"}, {"phone", "abc"}}}}}), 400,
                "invalid_phone", "contacts[0].phone");
  ExpectProblem(member.Send("PUT", path, {{"contacts", {{{"name", "x"}, {"fax", "1"}}}}}), 400,
                "unknown_field", "contacts[0].fax");
  ExpectProblem(member.Send("PUT", path, {{"contacts", "none"}}), 400, "wrong_type", "contacts");
  Session gas = As("analyst@gas-ceptoar.example");
  ExpectProblem(gas.Send("PUT", path, {{"contacts", json::array()}}), 403, "forbidden");
  EXPECT_EQ(member.Get("/api/v1/organisations/" + std::to_string(org)).json()["contacts"].size(),
            1u);
}

TEST(Api, BadInputGetsAPreciseErrorAndChangesNothing) {
  Session admin = As("admin@renkei.example");
  const auto id = FindOrg(admin, "sector=gas&kind=operator");
  const std::string path = "/api/v1/organisations/" + std::to_string(id);
  const json before = admin.Get(path).json();
  auto raw = [&](const std::string& method, const std::string& p, const std::string& body,
                 const std::string& type = "application/json") {
    return Http().Send(method, p, body,
                       {"Cookie: renkei_session=" + admin.cookie(), "Content-Type: " + type,
                        "X-CSRF-Token: " + admin.csrf()});
  };
  ExpectProblem(raw("PATCH", path, "{\"name_ja\": "), 400, "invalid_json");
  ExpectProblem(raw("PATCH", path, "[]"), 400, "expected_object");
  ExpectProblem(raw("PATCH", path, R"({"name_ja": 42})"), 400, "wrong_type", "name_ja");
  ExpectProblem(raw("PATCH", path, R"({"nmae_ja": "typo"})"), 400, "unknown_field", "nmae_ja");
  ExpectProblem(raw("PATCH", path, R"({})"), 400, "empty_patch");
  ExpectProblem(raw("PATCH", path, R"({"prefecture": 48})"), 400, "out_of_range", "prefecture");
  ExpectProblem(raw("PATCH", path, R"({"sector_ids": ["nuclear"]})"), 400, "unknown_sector",
                "sector_ids");
  ExpectProblem(raw("PATCH", path, R"({"name_ja": ""})"), 400, "required", "name_ja");
  ExpectProblem(raw("PATCH", path, R"({"name_ja": "x"})", "text/plain"), 415,
                "unsupported_media_type");
  ExpectProblem(raw("PATCH", path, "{\"name_ja\": \"" + std::string(300 * 1024, 'a') + "\"}"), 413,
                "body_too_large");
  ExpectProblem(raw("POST", "/api/v1/organisations", R"({"kind": "operator"})"), 400, "required",
                "name_ja");
  ExpectProblem(
      raw("POST", "/api/v1/users",
          R"({"org_id": "1", "email": "a@b.jp", "display_name": "x", "roles": ["member"]})"),
      400, "wrong_type", "org_id");
  ExpectProblem(
      raw("POST", "/api/v1/users",
          R"({"org_id": 1, "email": "not-an-email", "display_name": "x", "roles": ["member"]})"),
      400, "invalid_email", "email");
  ExpectProblem(
      raw("POST", "/api/v1/users",
          R"({"org_id": 1, "email": "a@b.jp", "display_name": "x", "roles": ["emperor"]})"),
      400, "invalid_value", "roles");
  ExpectProblem(raw("PATCH", "/api/v1/organisations/999999", R"({"name_en": "x"})"), 404,
                "not_found");
  ExpectProblem(raw("PATCH", "/api/v1/organisations/abc", R"({"name_en": "x"})"), 404, "not_found");
  ExpectProblem(admin.Get("/api/v1/organisations?colour=red"), 400, "unknown_parameter", "colour");
  ExpectProblem(admin.Get("/api/v1/organisations?limit=0"), 400, "out_of_range", "limit");
  ExpectProblem(admin.Get("/api/v1/organisations?limit=ten"), 400, "out_of_range", "limit");
  ExpectProblem(admin.Get("/api/v1/organisations?cursor=zzz"), 400, "invalid_cursor", "cursor");
  ExpectProblem(admin.Get("/api/v1/organisations?limit=1&limit=2"), 400, "repeated_parameter",
                "limit");
  ExpectProblem(Http().Send("GET", "/api/v1/nothing-here"), 404, "not_found");
  ExpectProblem(Http().Send("GET", "/api/v1/organisations/%zz"), 400, "invalid_path", "path");
  ExpectProblem(Http().Send("GET", "/api/v1/organisations?q=%E9%9"), 400, "invalid_query", "query");
  ExpectProblem(Http().Send("PUT", "/api/v1/sectors", ""), 405, "method_not_allowed");
  ExpectProblem(raw("POST", "/api/v1/session", R"({"email": "a@b.jp"})"), 400, "required",
                "password");
  EXPECT_EQ(admin.Get(path).json(), before) << "nothing was written by any refused request";
}

TEST(Api, ApiTokensAuthenticateMachineClientsUntilRevoked) {
  Session s = As("officer@nco.example");
  auto created = s.Send("POST", "/api/v1/tokens",
                        {{"name", "STIX連携"}, {"expires_at", "2099-01-01T00:00:00+09:00"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string secret = created.json()["secret"];
  const std::string bearer = "Authorization: Bearer " + secret;
  auto me = Http().Send("GET", "/api/v1/me", "", {bearer});
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json()["auth"], "token");
  EXPECT_FALSE(me.json().contains("csrf_token"));
  auto list = s.Get("/api/v1/tokens").json()["items"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_FALSE(list[0].contains("secret")) << "the secret is shown once";
  ExpectProblem(s.Send("POST", "/api/v1/tokens", {{"name", "x"}, {"expires_at", "soon"}}), 400,
                "invalid_time", "expires_at");
  const std::string path = "/api/v1/tokens/" + std::to_string(created.json()["id"].get<int>());
  EXPECT_EQ(s.Send("DELETE", path, nullptr).status, 204);
  ExpectProblem(Http().Send("GET", "/api/v1/me", "", {bearer}), 401, "invalid_token");
  ExpectProblem(s.Send("DELETE", path, nullptr), 404, "not_found");
}

// Issue 16, the settings page: my tokens are mine alone — another person's token id is
// "not found" for me, even to revoke, and stays alive; bad input names its field and
// writes nothing; a used token shows when it was last used.
TEST(Api, MyTokensAreMineAloneAndBadTokenInputChangesNothing) {
  Session mine = As("member@denryoku.example");
  Session other = As("member@gas.example");
  auto theirs = other.Send("POST", "/api/v1/tokens", {{"name", "ガス SIEM"}});
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  const std::string their_path = "/api/v1/tokens/" + theirs.json()["id"].dump();
  const std::string their_bearer =
      "Authorization: Bearer " + theirs.json()["secret"].get<std::string>();
  const auto before = mine.Get("/api/v1/tokens").json();
  ExpectProblem(mine.Send("DELETE", their_path, nullptr), 404, "not_found");
  ExpectProblem(mine.Send("DELETE", "/api/v1/tokens/abc", nullptr), 404, "not_found");
  ExpectProblem(mine.Send("DELETE", "/api/v1/tokens/0", nullptr), 404, "not_found");
  ExpectProblem(mine.Send("POST", "/api/v1/tokens", {{"name", ""}}), 400, "required", "name");
  ExpectProblem(mine.Send("POST", "/api/v1/tokens", {{"name", std::string(101, 'a')}}), 400,
                "too_long", "name");
  ExpectProblem(mine.Send("POST", "/api/v1/tokens", json::object()), 400, "required", "name");
  ExpectProblem(mine.Send("POST", "/api/v1/tokens",
                          {{"name", "昔"}, {"expires_at", "2020-01-01T00:00:00+09:00"}}),
                400, "in_the_past", "expires_at");
  ExpectProblem(mine.Send("POST", "/api/v1/tokens", {{"name", "x"}, {"colour", "red"}}), 400,
                "unknown_field", "colour");
  EXPECT_EQ(mine.Get("/api/v1/tokens").json(), before) << "no refused request made a token";
  // Their token still works and, used, says when.
  auto me = Http().Send("GET", "/api/v1/me", "", {their_bearer});
  ASSERT_EQ(me.status, 200) << me.body;
  auto listed = other.Get("/api/v1/tokens").json()["items"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_FALSE(listed[0]["last_used_at"].is_null()) << listed[0].dump();
  EXPECT_TRUE(listed[0]["revoked_at"].is_null());
  // A token cannot make tokens, nor change the password.
  ExpectProblem(Http().Send("POST", "/api/v1/tokens", R"({"name": "x"})",
                            {their_bearer, "Content-Type: application/json"}),
                403, "token_needs_session");
  // Revoked by its owner, it answers 401 and shows as revoked.
  EXPECT_EQ(other.Send("DELETE", their_path, nullptr).status, 204);
  ExpectProblem(Http().Send("GET", "/api/v1/me", "", {their_bearer}), 401, "invalid_token");
  EXPECT_FALSE(other.Get("/api/v1/tokens").json()["items"][0]["revoked_at"].is_null());
}

// Issue 16, the settings page: a password change names the field at fault and changes
// nothing; done, the old password no longer signs in and (if asked) my tokens are revoked.
TEST(Api, ChangingMyPasswordChecksEachFieldAndCanRevokeMyTokens) {
  Session admin = As("admin@renkei.example");
  const auto org = FindOrg(admin, "sector=railway&kind=operator");
  const std::string first = "鉄道の最初のパスワード-2026";
  auto created = admin.Send("POST", "/api/v1/users",
                            {{"org_id", org},
                             {"email", "settings@rail.example"},
                             {"display_name", "設定 試験"},
                             {"roles", {"member"}},
                             {"password", first}});
  ASSERT_EQ(created.status, 201) << created.body;
  HttpResult r;
  Session s = SignIn(Http(), "settings@rail.example", first, &r);
  ASSERT_EQ(r.status, 200) << r.body;
  auto token = s.Send("POST", "/api/v1/tokens", {{"name", "連携"}});
  ASSERT_EQ(token.status, 201) << token.body;
  const std::string bearer = "Authorization: Bearer " + token.json()["secret"].get<std::string>();
  ExpectProblem(s.Send("POST", "/api/v1/me/password",
                       {{"current_password", "違う-パスワード-です"},
                        {"new_password", "x-new-password-2026"}}),
                400, "wrong_password", "current_password");
  ExpectProblem(s.Send("POST", "/api/v1/me/password",
                       {{"current_password", first}, {"new_password", "短い"}}),
                400, "password_too_short", "new_password");
  ExpectProblem(s.Send("POST", "/api/v1/me/password", {{"current_password", first}}), 400,
                "required", "new_password");
  ExpectProblem(s.Send("POST", "/api/v1/me/password",
                       {{"current_password", first},
                        {"new_password", "x-new-password-2026"},
                        {"revoke_tokens", "yes"}}),
                400, "wrong_type", "revoke_tokens");
  SignIn(Http(), "settings@rail.example", first, &r);
  EXPECT_EQ(r.status, 200) << "no refused change took effect";
  EXPECT_EQ(Http().Send("GET", "/api/v1/me", "", {bearer}).status, 200);
  auto done = s.Send("POST", "/api/v1/me/password",
                     {{"current_password", first},
                      {"new_password", "鉄道の次のパスワード-2026"},
                      {"revoke_tokens", true}});
  ASSERT_EQ(done.status, 204) << done.body;
  SignIn(Http(), "settings@rail.example", first, &r);
  EXPECT_EQ(r.status, 401);
  SignIn(Http(), "settings@rail.example", "鉄道の次のパスワード-2026", &r);
  EXPECT_EQ(r.status, 200);
  ExpectProblem(Http().Send("GET", "/api/v1/me", "", {bearer}), 401, "invalid_token");
  EXPECT_EQ(s.Get("/api/v1/me").status, 200) << "the session that changed it goes on";
}

// Issue 16: administrators and hub staff find users across organisations; everyone else
// finds only their own organisation's; bad parameters are named.
TEST(Api, UserSearchFindsAcrossOrganisationsOnlyWhomTheCallerMaySee) {
  Session admin = As("admin@renkei.example");
  Session analyst = As("analyst@jeisac.example");
  Session member = As("member@denryoku.example");
  auto emails = [](const json& page) {
    std::set<std::string> out;
    for (const auto& u : page["items"]) out.insert(u["email"].get<std::string>());
    return out;
  };
  // Full-width letters find the same person as half-width ones (ＭＥＭＢＥＲ＠ＧＡＳ).
  auto found = admin.Get(
      "/api/v1/"
      "users?q=%EF%BC%AD%EF%BC%A5%EF%BC%AD%EF%BC%A2%EF%BC%A5%EF%BC%B2%EF%BC%A0%EF%BC%A7%EF%BC%A1%"
      "EF%BC%B3");
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(emails(found.json()), std::set<std::string>{"member@gas.example"});
  EXPECT_EQ(found.json()["items"][0]["organisation"]["name_ja"], "北海ガス株式会社");
  EXPECT_TRUE(emails(admin.Get("/api/v1/users?q=%E5%8C%97%E6%B5%B7%E3%82%AC%E3%82%B9").json())
                  .count("member@gas.example"));
  // Hub staff: their hub's members, not the gas company outside it.
  EXPECT_TRUE(emails(analyst.Get("/api/v1/users?q=denryoku.example&limit=200").json())
                  .count("member@denryoku.example"));
  EXPECT_TRUE(emails(analyst.Get("/api/v1/users?q=gas.example").json()).empty());
  // A member: only colleagues.
  auto mine = member.Get("/api/v1/users?limit=200").json();
  ASSERT_FALSE(mine["items"].empty());
  const auto org = member.Get("/api/v1/me").json()["org_id"];
  for (const auto& u : mine["items"]) EXPECT_EQ(u["org_id"], org) << u.dump();
  EXPECT_TRUE(emails(member.Get("/api/v1/users?q=gas").json()).empty());
  // Paging: two at a time gives the same people as one page.
  std::set<std::string> paged;
  std::string cursor;
  for (int i = 0; i < 50; ++i) {
    auto page = analyst
                    .Get("/api/v1/users?q=denryoku&limit=2" +
                         (cursor.empty() ? std::string() : "&cursor=" + cursor))
                    .json();
    for (const auto& e : emails(page)) EXPECT_TRUE(paged.insert(e).second) << e;
    if (page["next_cursor"].is_null()) break;
    cursor = page["next_cursor"];
  }
  EXPECT_EQ(paged, emails(analyst.Get("/api/v1/users?q=denryoku&limit=200").json()));
  ExpectProblem(admin.Get("/api/v1/users?q=" + std::string(101, 'a')), 400, "too_long", "q");
  ExpectProblem(admin.Get("/api/v1/users?limit=0"), 400, "out_of_range", "limit");
  ExpectProblem(admin.Get("/api/v1/users?cursor=zzz"), 400, "invalid_cursor", "cursor");
  ExpectProblem(admin.Get("/api/v1/users?org=1"), 400, "unknown_parameter", "org");
}

TEST(Api, RepeatedWrongPasswordsLockTheAccount) {
  Session admin = As("admin@renkei.example");
  const auto org = FindOrg(admin, "sector=petroleum&kind=operator");
  auto created = admin.Send("POST", "/api/v1/users",
                            {{"org_id", org},
                             {"email", "lock@oil.example"},
                             {"display_name", "施錠 試験"},
                             {"roles", {"member"}},
                             {"password", "the right password"}});
  ASSERT_EQ(created.status, 201) << created.body;
  HttpResult r;
  for (int i = 0; i < 5; ++i) {
    SignIn(Http(), "lock@oil.example", "a wrong password", &r);
    EXPECT_EQ(r.status, 401);
  }
  SignIn(Http(), "lock@oil.example", "the right password", &r);
  ExpectProblem(r, 429, "signin_locked");
  EXPECT_FALSE(r.header("retry-after").empty());
  auto audit = admin.Get("/api/v1/audit?action=session.&limit=50").json()["items"];
  int failed = 0;
  for (auto& e : audit)
    failed += e["action"] == "session.failed" && e["actor_label"] == "lock@oil.example";
  EXPECT_EQ(failed, 5);
}

TEST(Api, SignInsFromOneAddressAreThrottled) {
  ServerProcess tight(g->db_url, {"RENKEI_SIGNIN_IP_LIMIT=3", "RENKEI_WEB_ROOT="});
  ASSERT_TRUE(tight.ready());
  HttpClient http(tight.base_url());
  HttpResult r;
  for (int i = 0; i < 3; ++i) SignIn(http, "nobody@x.example", "wrong", &r);
  SignIn(http, "member@denryoku.example", kDemoPassword, &r);
  ExpectProblem(r, 429, "too_many_attempts");
}

TEST(Api, DirectoryChangesAndSignInsAreAudited) {
  Session admin = As("admin@renkei.example");
  const auto id = FindOrg(admin, "sector=chemical&kind=operator");
  ASSERT_EQ(
      admin.Send("PATCH", "/api/v1/organisations/" + std::to_string(id), {{"size_class", "medium"}})
          .status,
      200);
  auto rows = admin.Get("/api/v1/audit?target_type=organisation&target_id=" + std::to_string(id))
                  .json()["items"];
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0]["action"], "organisation.update");
  EXPECT_EQ(rows[0]["actor_label"], "admin@renkei.example");
  EXPECT_EQ(rows[0]["ip"], "127.0.0.1");
  EXPECT_EQ(rows[0]["detail"]["kind"], "operator");
  auto signins = admin.Get("/api/v1/audit?action=session.create&limit=1").json()["items"];
  ASSERT_EQ(signins.size(), 1u);
  EXPECT_EQ(signins[0]["actor_label"], "admin@renkei.example");
}

// The audit log names what an entry acted on: an organisation and a person by name (the
// admin page shows 「東北発電株式会社」, not 「organisation 4338」); an item only by number,
// so an administrator never reads the title of an item they may not open; a failed sign-in
// of an unknown account has no target and no name.
TEST(Api, AuditEntriesNameTheirOrganisationOrPerson) {
  Session admin = As("admin@renkei.example");
  const auto id = FindOrg(admin, "sector=gas&kind=operator");
  const auto org = admin.Get("/api/v1/organisations/" + std::to_string(id)).json();
  ASSERT_EQ(
      admin.Send("PATCH", "/api/v1/organisations/" + std::to_string(id), {{"size_class", "large"}})
          .status,
      200);
  auto rows = admin.Get("/api/v1/audit?target_type=organisation&target_id=" + std::to_string(id))
                  .json()["items"];
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0]["target_name_ja"], org["name_ja"]);
  EXPECT_EQ(rows[0]["target_name_en"], org["name_en"]);

  const auto me = As("member@denryoku.example").Get("/api/v1/me").json();
  HttpResult r;
  SignIn(Http(), "member@denryoku.example", "not the password", &r);
  SignIn(Http(), "nobody-at-all@x.example", "not the password", &r);
  auto failed = admin.Get("/api/v1/audit?action=session.failed&limit=2").json()["items"];
  ASSERT_EQ(failed.size(), 2u);
  EXPECT_EQ(failed[0]["target_id"], "");
  EXPECT_EQ(failed[0]["target_name_ja"], "");
  EXPECT_EQ(failed[1]["target_name_ja"], me["display_name"]);
  EXPECT_EQ(failed[1]["target_name_en"], me["display_name"]);  // a person has one name

  const json items = admin.Get("/api/v1/audit?target_type=item&limit=20").json();  // kept alive
  for (const auto& e : items["items"]) EXPECT_EQ(e["target_name_ja"], "") << e.dump();
}

TEST(Api, TheRootServesAPageAndUnknownPagesAre404) {
  auto root = Http().Send("GET", "/");
  EXPECT_EQ(root.status, 200);
  EXPECT_NE(root.body.find("連携"), std::string::npos);
  EXPECT_EQ(Http().Send("GET", "/no/such/page").status, 404);
}

TEST(Web, ServesTheBuiltAppWithCacheHeadersAndClientRoutes) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("renkei-web-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir / "assets");
  std::ofstream(dir / "index.html") << "<!doctype html><title>app</title>";
  std::ofstream(dir / "assets" / "index-abc123.js") << "console.log(1)";
  std::ofstream(dir / "favicon.svg") << "<svg/>";
  ServerProcess web(g->db_url, {"RENKEI_WEB_ROOT=" + dir.string()});
  ASSERT_TRUE(web.ready());
  HttpClient http(web.base_url());
  auto index = http.Send("GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html><title>app</title>");
  EXPECT_EQ(index.header("cache-control"), "no-cache");
  EXPECT_NE(index.header("content-security-policy").find("script-src 'self'"), std::string::npos);
  auto route = http.Send("GET", "/organisations/42");
  EXPECT_EQ(route.status, 200) << "client-side routes get the app";
  EXPECT_EQ(route.body, index.body);
  auto js = http.Send("GET", "/assets/index-abc123.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(http.Send("GET", "/favicon.svg").header("content-type"), "image/svg+xml");
  EXPECT_EQ(http.Send("GET", "/assets/missing.js").status, 404);
  EXPECT_EQ(http.Send("GET", "/assets/../../../etc/passwd").status, 404);
  EXPECT_EQ(http.Send("GET", "/%2e%2e/%2e%2e/etc/passwd").status, 404);
  EXPECT_EQ(http.Send("GET", "/.hidden").status, 404);
  EXPECT_EQ(http.Send("GET", "/api/v1/health").status, 200) << "the API stays the API";
  ExpectProblem(http.Send("GET", "/api/v1/unknown"), 404, "not_found");
  std::filesystem::remove_all(dir);
}

TEST(Cli, UserAddReadsThePasswordFromStandardInput) {
  std::string out;
  const auto org = FindOrg(As("admin@renkei.example"), "sector=railway&kind=operator");
  ASSERT_EQ(RunRenkei({"user", "add", "--db", g->db_url, "--email", "cli@rail.example", "--name",
                       "鉄道 太郎", "--org", std::to_string(org), "--roles", "member"},
                      &out, "password-from-stdin\n"),
            0)
      << out;
  HttpResult r;
  SignIn(Http(), "cli@rail.example", "password-from-stdin", &r);
  EXPECT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(RunRenkei({"user", "passwd", "--db", g->db_url, "--email", "cli@rail.example"}, &out,
                      "another-password-123\n"),
            0)
      << out;
  SignIn(Http(), "cli@rail.example", "another-password-123", &r);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(RunRenkei({"user", "passwd", "--db", g->db_url, "--email", "nobody@x.example"}, &out,
                      "another-password-123\n"),
            1);
  EXPECT_EQ(RunRenkei({"user", "add", "--db", g->db_url, "--email", "short@rail.example", "--name",
                       "短い", "--org", std::to_string(org)},
                      &out, "short\n"),
            2);
  EXPECT_NE(out.find("12 characters"), std::string::npos) << out;
}

TEST(Cli, DemoDataRefusesANonEmptyDatabaseAndMigrateReportsTheVersion) {
  std::string out;
  EXPECT_EQ(RunRenkei({"demo-data", "--db", g->db_url, "--password", kDemoPassword}, &out), 2);
  EXPECT_NE(out.find("already has a directory"), std::string::npos) << out;
  EXPECT_EQ(RunRenkei({"migrate", "--db", g->db_url}, &out), 0);
  // The latest migration the binary carries (the same number on both engines).
  const std::string latest =
      "schema version " +
      std::to_string(storage::MigrationsFor(storage::Engine::kSqlite).back().version);
  EXPECT_NE(out.find(latest), std::string::npos) << out;
  EXPECT_EQ(RunRenkei({"demo-data", "accounts", "--json"}, &out), 0);
  auto accounts = json::parse(out);
  ASSERT_EQ(accounts.size(), 7u);
  EXPECT_EQ(accounts[0]["email"], "admin@renkei.example");
  EXPECT_EQ(RunRenkei({"serve", "--db", "mysql://nope"}, &out), 2);
  EXPECT_NE(out.find("sqlite: or postgresql://"), std::string::npos) << out;
}

}  // namespace
}  // namespace renkei::testing
