// Information that requires a security clearance over real HTTP with the demo data
// (issue 21): the demo's classified item opens for member@denryoku (cleared, certified
// 東北発電) and does not exist for analyst@jeisac until both the analyst's clearance and the
// secretariat's certification exist — and again not once the certification ends; lists
// carry no title; bad input is refused with the field named; only the national centre's
// administrator manages clearances.
#include <gtest/gtest.h>

#include "api/api_env.h"

namespace renkei::testing {
namespace {

using nlohmann::json;

constexpr const char* kMember = "member@denryoku.example";
constexpr const char* kAnalyst = "analyst@jeisac.example";
constexpr const char* kNcoAdmin = "admin@nco.example";
constexpr const char* kOfficer = "officer@nco.example";

// The demo's classified item, from the member's inbox.
std::int64_t ClassifiedItem(const Session& member) {
  auto r = member.Get("/api/v1/items?limit=200");
  EXPECT_EQ(r.status, 200) << r.body;
  const json page = r.json();
  for (const auto& it : page["items"]) {
    if (!it["clearance"].is_null()) {
      EXPECT_EQ(it["clearance"], "confidential");
      EXPECT_EQ(it["title"], "") << "a list carries no title of a classified item";
      return it["id"].get<std::int64_t>();
    }
  }
  ADD_FAILURE() << "no classified item in the member's inbox";
  return 0;
}

TEST(Clearance, Issue21_TheClassifiedItemOpensOnlyWhileClearedAndCertified) {
  Session member = As(kMember);
  const std::int64_t id = ClassifiedItem(member);
  ASSERT_NE(id, 0);
  const std::string item = "/api/v1/items/" + std::to_string(id);
  auto opened = member.Get(item);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json()["clearance"], "confidential");
  EXPECT_NE(opened.json()["title"].get<std::string>(), "");
  const json mine = member.Get("/api/v1/me/clearance").json();
  EXPECT_EQ(mine["cleared_level"], "confidential");
  EXPECT_FALSE(mine["manages"].get<bool>());

  Session analyst = As(kAnalyst);
  ExpectProblem(analyst.Get(item), 404, "not_found");
  const json who = analyst.Get("/api/v1/me").json();
  const std::string user = "/api/v1/users/" + std::to_string(who["user_id"].get<std::int64_t>());
  const std::string org =
      "/api/v1/organisations/" + std::to_string(who["org_id"].get<std::int64_t>());

  Session admin = As(kNcoAdmin);
  EXPECT_TRUE(admin.Get("/api/v1/me/clearance").json()["manages"].get<bool>());
  auto granted = admin.Send("PUT", user + "/clearance",
                            {{"level", "secret"}, {"valid_until", "2036-01-01T00:00:00+09:00"}});
  ASSERT_EQ(granted.status, 200) << granted.body;
  EXPECT_EQ(granted.json()["level"], "secret");
  // Cleared, but the secretariat is no certified handler: still nothing.
  ExpectProblem(analyst.Get(item), 404, "not_found");
  auto certified =
      admin.Send("PUT", org + "/certification", {{"valid_until", "2030-01-01T00:00:00Z"}});
  ASSERT_EQ(certified.status, 200) << certified.body;
  EXPECT_EQ(analyst.Get(item).status, 200);
  // The certification ends: at once, the item does not exist for the analyst again.
  ASSERT_EQ(admin.Send("DELETE", org + "/certification", json()).status, 204);
  ExpectProblem(analyst.Get(item), 404, "not_found");
  ASSERT_EQ(admin.Send("DELETE", user + "/clearance", json()).status, 204);
  ExpectProblem(admin.Send("DELETE", user + "/clearance", json()), 404, "not_found");
  const json held = admin.Get("/api/v1/admin/clearances").json();
  EXPECT_EQ(held["clearances"].size(), 3u);
  EXPECT_EQ(held["certifications"].size(), 2u);
}

TEST(Clearance, Issue21_BadInputAndForbiddenActionsAreRefusedWithTheFieldNamed) {
  Session officer = As(kOfficer);
  json in = {{"kind", "alert"},
             {"tlp", "AMBER"},
             {"title", "確認用"},
             {"body", "本文"},
             {"audience", {{"sector_ids", {"electricity"}}}},
             {"clearance", "top_secret"}};
  ExpectProblem(officer.Send("POST", "/api/v1/items", in), 400, "invalid_value", "clearance");
  in["clearance"] = 7;
  ExpectProblem(officer.Send("POST", "/api/v1/items", in), 400, "wrong_type", "clearance");
  in["clearance"] = "confidential";
  in["tlp"] = "CLEAR";
  ExpectProblem(officer.Send("POST", "/api/v1/items", in), 400, "tlp_audience_mismatch", "tlp");
  in["tlp"] = "GREEN";
  in["mail_text"] = true;
  ExpectProblem(officer.Send("POST", "/api/v1/items", in), 400, "clearance_no_mail_text",
                "mail_text");
  // A publisher without a clearance may not send it.
  in.erase("mail_text");
  ExpectProblem(As("cyber@nco.example").Send("POST", "/api/v1/items", in), 403, "forbidden",
                "clearance");

  Session member = As(kMember);
  const std::int64_t id = ClassifiedItem(member);
  const std::string item = "/api/v1/items/" + std::to_string(id);
  ExpectProblem(
      member.Send("POST", item + "/relay", {{"tlp", "AMBER"}, {"audience", {{"org_ids", {1}}}}}),
      409, "clearance_not_relayable");
  ExpectProblem(member.Get(item + "/stix"), 409, "clearance_not_exported");

  // Clearances are the national centre's administrators' only.
  Session platform = As("admin@renkei.example");
  ExpectProblem(platform.Get("/api/v1/admin/clearances"), 403, "forbidden");
  ExpectProblem(platform.Send("PUT", "/api/v1/users/1/clearance",
                              {{"level", "secret"}, {"valid_until", "2030-01-01T00:00:00Z"}}),
                403, "forbidden");
  Session admin = As(kNcoAdmin);
  ExpectProblem(admin.Send("PUT", "/api/v1/users/99999999/clearance",
                           {{"level", "secret"}, {"valid_until", "2030-01-01T00:00:00Z"}}),
                404, "not_found");
  ExpectProblem(admin.Send("PUT", "/api/v1/users/1/clearance",
                           {{"level", "secret"}, {"valid_until", "2001-01-01T00:00:00Z"}}),
                400, "clearance_valid_until", "valid_until");
  ExpectProblem(admin.Send("PUT", "/api/v1/users/1/clearance", {{"level", "secret"}}), 400,
                "required", "valid_until");
  ExpectProblem(
      admin.Send("PUT", "/api/v1/users/1/clearance",
                 {{"level", "secret"}, {"valid_until", "2030-01-01T00:00:00Z"}, {"x", 1}}),
      400, "unknown_field", "x");
}

}  // namespace
}  // namespace renkei::testing
