// Regional communities (issue 20) over real HTTP on the demo data, every answer checked
// against the OpenAPI document: the public pages need no sign-in and carry only public posts;
// whom to approach in a prefecture without a community; experts found with full-width text;
// registration refuses twice and the past; a need's matches name the planted best seed and
// why; an introduction asked twice is 409 and contacts stay hidden until both agree.
#include <gtest/gtest.h>

#include "api/api_env.h"

namespace renkei::testing {
namespace {

using nlohmann::json;

constexpr const char* kOwner = "owner@shonan-seiki.example";
constexpr const char* kVendor = "sales@morinomiyako-sec.example";

json Public(const std::string& path, long status = 200) {
  auto r = Http().Send("GET", path);
  EXPECT_EQ(r.status, status) << path << " " << r.body;
  return r.json();
}

TEST(CommunityApi, ThePublicPagesNeedNoSignInAndShowOnlyPublicPosts) {
  const json list = Public("/api/v1/public/communities");
  ASSERT_EQ(list["items"].size(), 3u);
  const json& miyagi = list["items"][0];
  EXPECT_EQ(miyagi["name_ja"], "宮城県サイバーセキュリティ協議会");
  EXPECT_EQ(miyagi["members_by_kind"]["police"], 1);
  EXPECT_EQ(miyagi["members_by_kind"]["academia"], 1);
  EXPECT_NE(miyagi["practices"]["what_worked"], "");
  const std::int64_t id = miyagi["id"];
  auto r = Http().Send("GET", "/api/v1/public/communities/" + std::to_string(id));
  ASSERT_EQ(r.status, 200);
  const json d = r.json();
  ASSERT_EQ(d["posts"].size(), 1u);
  EXPECT_EQ(d["posts"][0]["visibility"], "public");
  EXPECT_EQ(r.body.find("請求書詐欺"), std::string::npos) << "a members' post";
  EXPECT_EQ(r.body.find("来年度予算"), std::string::npos) << "the secretariat's post";
  ASSERT_EQ(d["events"].size(), 1u) << "the upcoming one";
  const json folded = Public(
      "/api/v1/public/"
      "communities?q=%EF%BD%BE%EF%BD%B7%EF%BD%AD%EF%BE%98%EF%BE%83%EF%BD%A8%E5%8D%94%E8%AD%B0%E4%"
      "BC%9A");
  ASSERT_EQ(folded["items"].size(), 1u) << "half-width katakana, no space";
  EXPECT_EQ(folded["items"][0]["id"], id);
  ExpectProblem(Http().Send("GET", "/api/v1/public/communities/999999"), 404, "not_found");
  ExpectProblem(Http().Send("GET", "/api/v1/public/communities?prefecture=48"), 400, "out_of_range",
                "prefecture");
  ExpectProblem(Http().Send("GET", "/api/v1/public/communities?pref=4"), 400, "unknown_parameter",
                "pref");
}

TEST(CommunityApi, APrefectureWithoutACommunityIsToldWhomToApproach) {
  const json a = Public("/api/v1/public/community-approach?prefecture=3");
  EXPECT_TRUE(a["communities_here"].empty());
  EXPECT_FALSE(a["bodies"].empty());
  ASSERT_FALSE(a["nearest"].empty());
  EXPECT_EQ(a["nearest"][0]["prefecture"], 4) << "宮城県, same region";
  ExpectProblem(Http().Send("GET", "/api/v1/public/community-approach"), 400, "required",
                "prefecture");
}

TEST(CommunityApi, ExpertsAreFoundWithFullWidthText) {
  const json e = Public("/api/v1/public/experts?q=%EF%BC%AF%EF%BC%B4&prefecture=3");
  ASSERT_EQ(e["items"].size(), 1u);
  EXPECT_EQ(e["items"][0]["affiliation"], "杜の都工業高等専門学校");
  EXPECT_EQ(Public("/api/v1/public/experts?speciality=forensics")["items"].size(), 1u);
  ExpectProblem(Http().Send("GET", "/api/v1/public/experts?speciality=magic"), 400, "invalid_value",
                "speciality");
}

TEST(CommunityApi, RegistrationRefusesTwiceAndThePast) {
  const json list = Public("/api/v1/public/communities?prefecture=4");
  const json d = Public("/api/v1/public/communities/" +
                        std::to_string(list["items"][0]["id"].get<std::int64_t>()));
  const std::int64_t upcoming = d["events"][0]["id"];
  const Session owner = As(kOwner);
  const std::string path = "/api/v1/community-events/" + std::to_string(upcoming) + "/registration";
  auto r = owner.Send("POST", path, json::object());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(r.json()["registered_me"].get<bool>());
  ExpectProblem(owner.Send("POST", path, json::object()), 409, "community_already_registered");
  // The past event was made just before the upcoming one.
  ExpectProblem(
      owner.Send("POST",
                 "/api/v1/community-events/" + std::to_string(upcoming - 1) + "/registration",
                 json::object()),
      409, "community_event_past");
  ExpectProblem(owner.Send("POST", "/api/v1/community-events/999999/registration", json::object()),
                404, "not_found");
  ExpectProblem(Http().Send("POST", path, "{}", {"Content-Type: application/json"}), 401,
                "unauthenticated");
}

TEST(CommunityApi, ANeedsBestSeedRanksFirstAndAnIntroductionIsAskedOnce) {
  const Session owner = As(kOwner), vendor = As(kVendor);
  // The demo's offers in order: 湘南精機's need 1, 東北発電's need 2, the vendor's seed 3, the
  // college's seed 4.
  auto m = owner.Get("/api/v1/community-offers/1/matches");
  ASSERT_EQ(m.status, 200) << m.body;
  const json best = m.json()["items"][0];
  EXPECT_EQ(best["offer"]["id"], 3);
  EXPECT_EQ(best["shared_tags"], json({"OT", "診断"}));
  EXPECT_TRUE(best["same_sector"].get<bool>());
  // From the vendor's side the need's poster and contact stay hidden.
  auto back = vendor.Get("/api/v1/community-offers/3/matches");
  ASSERT_EQ(back.status, 200);
  EXPECT_EQ(back.json()["items"][0]["offer"]["org_name"], "");
  EXPECT_TRUE(back.json()["items"][0]["offer"]["org_id"].is_null());
  EXPECT_EQ(back.body.find("湘南精機"), std::string::npos);
  // The demo's introduction (the vendor asked) cannot be asked again, by either side.
  ExpectProblem(
      vendor.Send("POST", "/api/v1/community-introductions", {{"need_id", 1}, {"seed_id", 3}}), 409,
      "community_intro_twice");
  ExpectProblem(
      owner.Send("POST", "/api/v1/community-introductions", {{"need_id", 1}, {"seed_id", 3}}), 409,
      "community_intro_twice");
  ExpectProblem(
      owner.Send("POST", "/api/v1/community-introductions", {{"need_id", 3}, {"seed_id", 1}}), 400,
      "community_offer_kinds", "need_id");
  auto intro =
      owner.Send("POST", "/api/v1/community-introductions", {{"need_id", 1}, {"seed_id", 4}});
  ASSERT_EQ(intro.status, 201) << intro.body;
  EXPECT_TRUE(intro.json()["need_agreed"].get<bool>());
  EXPECT_FALSE(intro.json()["seed_agreed"].get<bool>());
  EXPECT_EQ(intro.json()["seed_contact"], "");
  ExpectProblem(owner.Send("POST", "/api/v1/community-introductions",
                           {{"need_id", 1}, {"seed_id", 4}, {"note", "x"}}),
                400, "unknown_field", "note");
}

}  // namespace
}  // namespace renkei::testing
