// Exercises over real HTTP with the demo data and the server's own ticker: an analyst makes
// an exercise with one organisation as players, bad input gets its 400/409 and changes
// nothing, the clock fires the inject within seconds, the player sees it only in the
// exercise's view (never in /items, counts or search), acknowledges it, and the control
// room counts it; outsiders get 404.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "api/api_env.h"

namespace renkei::testing {
namespace {

using nlohmann::json;

constexpr const char* kMember = "member@denryoku.example";
constexpr const char* kAnalyst = "analyst@jeisac.example";
constexpr const char* kAgent = "agent@otasuketai.example";
constexpr const char* kNco = "officer@nco.example";
constexpr const char* kDrillName = "セプター訓練（情報伝達）";
constexpr const char* kTabletopName = "全分野一斉演習（電力・ガス・水道）";

// The demo exercise named `name` in the caller's list (null when not listed): the oldest of
// that name (the list is newest first; other tests make drills of the scenario's name).
json Listed(const Session& s, const std::string& name, bool expected = true) {
  auto r = s.Get("/api/v1/exercises");
  EXPECT_EQ(r.status, 200) << r.body;
  json found = nullptr;
  const json body = r.json();  // kept alive for the loop
  for (const auto& e : body["exercises"])
    if (e["name"] == name) found = e;
  if (expected) {
    EXPECT_FALSE(found.is_null()) << name << " not in " << r.body;
  }
  return found;
}

TEST(ExerciseApi, ADrillRunsEndToEndAndStaysInsideItsExercise) {
  const Session analyst = As(kAnalyst);
  const Session member = As(kMember);
  const std::int64_t org = FindOrg(analyst, "q=%E6%9D%B1%E5%8C%97%E7%99%BA%E9%9B%BB");  // 東北発電
  ASSERT_GT(org, 0);
  json body = {
      {"scenario_id", "sector-drill"},
      {"speed", 61},
      {"participants",
       json::array(
           {{{"kind", "organisation"}, {"ref", std::to_string(org)}, {"role", "player"}}})}};
  ExpectProblem(analyst.Send("POST", "/api/v1/exercises", body), 400, "exercise_speed", "speed");
  body["speed"] = 1;
  // A member does not make exercises.
  EXPECT_EQ(member.Send("POST", "/api/v1/exercises", body).status, 403);
  auto made = analyst.Send("POST", "/api/v1/exercises", body);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::int64_t id = made.json()["id"].get<std::int64_t>();
  const std::string at = "/api/v1/exercises/" + std::to_string(id);
  EXPECT_EQ(made.json()["status"], "scheduled");
  EXPECT_EQ(As(kAgent).Get(at).status, 404);
  EXPECT_EQ(member.Get(at).json()["access"], "player");
  EXPECT_EQ(member.Get(at + "/status").status, 404);
  auto reach = analyst.Get(at + "/reach");
  ASSERT_EQ(reach.status, 200) << reach.body;
  EXPECT_GE(reach.json()["people"].get<int>(), 1);

  const auto inbox_before = member.Get("/api/v1/items/counts").json();
  ASSERT_EQ(analyst.Send("POST", at + "/start", json()).status, 200);
  ExpectProblem(analyst.Send("POST", at + "/start", json()), 409, "exercise_already_started");
  ExpectProblem(analyst.Send("POST", at + "/resume", json()), 409, "exercise_not_paused");
  EXPECT_EQ(member.Send("POST", at + "/pause", json()).status, 403);

  // The server's ticker fires the drill's message within a few seconds.
  json items;
  for (int i = 0; i < 50; ++i) {
    items = member.Get(at + "/items").json()["items"];
    if (!items.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_EQ(items.size(), 1u);
  const std::int64_t item = items[0]["id"].get<std::int64_t>();
  EXPECT_EQ(items[0]["exercise_id"], id);
  EXPECT_EQ(items[0]["title"].get<std::string>().rfind("【演習】", 0), 0u) << items[0]["title"];
  // Never in a real list, count or search.
  for (const char* path : {"/api/v1/items", "/api/v1/items?scope=all",
                           "/api/v1/items?scope=all&q=%E8%A8%93%E7%B7%B4"}) {
    const json page = member.Get(path).json();  // kept alive for the loop
    for (const auto& it : page["items"]) {
      EXPECT_NE(it["id"].get<std::int64_t>(), item) << path;
    }
  }
  EXPECT_EQ(member.Get("/api/v1/items/counts").json(), inbox_before);
  const json public_page = Http().Send("GET", "/api/v1/public/items").json();
  for (const auto& it : public_page["items"]) {
    EXPECT_NE(it["id"].get<std::int64_t>(), item);
  }
  // An outsider cannot open it; the player opens and acknowledges it.
  EXPECT_EQ(As(kAgent).Get("/api/v1/items/" + std::to_string(item)).status, 404);
  ASSERT_EQ(
      member.Send("POST", "/api/v1/items/" + std::to_string(item) + "/acknowledge", json()).status,
      200);
  auto status = analyst.Get(at + "/status");
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_EQ(status.json()["total"]["acknowledged"], 1);
  EXPECT_EQ(status.json()["total"]["rate_within"]["h1"], 1.0);

  auto halted = analyst.Send("POST", at + "/no-play", json{{"reason", "訓練終了"}});
  ASSERT_EQ(halted.status, 200) << halted.body;
  EXPECT_EQ(halted.json()["status"], "halted");
  ExpectProblem(analyst.Send("POST", at + "/pause", json()), 409, "exercise_over");
}

// Stop 31's review: an exercise's live events were named start, pause, …, end — and the
// stream's own "end" means "your sign-in ended": a controller watching the control room was
// signed out when the exercise ended. The player's and the controller's streams must carry
// the exercise's events under their own names and stay open.
TEST(ExerciseApi, Issue17_AnExerciseEndingDoesNotEndTheViewersSession) {
  const Session analyst = As(kAnalyst);
  const Session member = As(kMember);
  const std::int64_t org = FindOrg(analyst, "q=%E6%9D%B1%E5%8C%97%E7%99%BA%E9%9B%BB");  // 東北発電
  ASSERT_GT(org, 0);
  const json body = {
      {"scenario_id", "sector-drill"},
      {"participants",
       json::array(
           {{{"kind", "organisation"}, {"ref", std::to_string(org)}, {"role", "player"}}})}};
  auto made = analyst.Send("POST", "/api/v1/exercises", body);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string at =
      "/api/v1/exercises/" + std::to_string(made.json()["id"].get<std::int64_t>());
  EventStreamReader controller(g->server->base_url(), "/api/v1/events", analyst.cookie());
  EventStreamReader player(g->server->base_url(), "/api/v1/events", member.cookie());
  ASSERT_TRUE(controller.WaitFor(": connected"));
  ASSERT_TRUE(player.WaitFor(": connected"));
  ASSERT_EQ(analyst.Send("POST", at + "/start", json()).status, 200);
  ASSERT_EQ(analyst.Send("POST", at + "/end", json()).status, 200);
  EXPECT_TRUE(controller.WaitFor("event: exercise_end")) << controller.Text();
  EXPECT_TRUE(player.WaitFor("event: exercise_end")) << player.Text();
  EXPECT_NE(controller.Text().find("event: exercise_start"), std::string::npos);
  for (const EventStreamReader* s : {&controller, &player}) {
    EXPECT_EQ(s->Text().find("event: end\n"), std::string::npos) << s->Text();
  }
  // Both still signed in.
  EXPECT_EQ(analyst.Get("/api/v1/me").status, 200);
  EXPECT_EQ(member.Get("/api/v1/me").status, 200);
}

// The living demo's exercises (src/app/demo_exercises.cc). The finished 電力ISAC drill of
// some weeks ago: its analyst controls it, its report has real figures (most members
// acknowledged within 24 h, fewer within 4 h, fewer still within 1 h, some never), the demo
// member took part; the national centre and an outsider do not see it.
TEST(ExerciseApi, TheDemosFinishedDrillHasRealFiguresForItsControllerOnly) {
  const Session analyst = As(kAnalyst);
  const json drill = Listed(analyst, kDrillName);
  ASSERT_FALSE(drill.is_null());
  EXPECT_EQ(drill["status"], "ended");
  EXPECT_EQ(drill["access"], "controller");
  const std::string at = "/api/v1/exercises/" + drill["id"].dump();
  auto board = analyst.Get(at + "/status");
  ASSERT_EQ(board.status, 200) << board.body;
  const json total = board.json()["total"];
  const double targets = total["targets"].get<double>();
  EXPECT_GT(targets, 500) << "every member of 電力ISAC";
  const json r = total["rate_within"];
  EXPECT_GT(r["h1"].get<double>(), 0.1);
  EXPECT_LT(r["h1"].get<double>(), r["h4"].get<double>());
  EXPECT_LT(r["h4"].get<double>(), r["h24"].get<double>());
  EXPECT_GT(r["h24"].get<double>(), 0.7);
  EXPECT_LT(total["acknowledged"].get<double>(), targets) << "a few never acknowledged";
  EXPECT_GT(total["overdue"].get<int>(), 0) << total.dump();
  // The demo member played it and acknowledged it.
  const Session member = As(kMember);
  const json mine = Listed(member, kDrillName);
  ASSERT_FALSE(mine.is_null());
  EXPECT_EQ(mine["access"], "player");
  EXPECT_EQ(member.Get(at + "/status").status, 404);
  // Not the national centre's, nor an outsider's.
  EXPECT_TRUE(Listed(As(kNco), kDrillName, false).is_null());
  EXPECT_EQ(As(kNco).Get(at).status, 404);
  EXPECT_EQ(As(kAgent).Get(at).status, 404);
}

// The paused all-sector tabletop: the national centre officer controls it, nothing is
// overdue while it is paused, the demo member has its two injects open, as exercise items
// that no real list or count shows, and the ticker leaves it as it is.
TEST(ExerciseApi, TheDemosTabletopIsPausedWithInjectsWaitingForTheMember) {
  const Session nco = As(kNco);
  const json tabletop = Listed(nco, kTabletopName);
  ASSERT_FALSE(tabletop.is_null());
  EXPECT_EQ(tabletop["status"], "paused");
  EXPECT_EQ(tabletop["access"], "controller");
  const std::string at = "/api/v1/exercises/" + tabletop["id"].dump();
  auto board = nco.Get(at + "/status");
  ASSERT_EQ(board.status, 200) << board.body;
  const json total = board.json()["total"];
  EXPECT_GT(total["acknowledged"].get<int>(), 0);
  EXPECT_LT(total["acknowledged"].get<int>(), total["targets"].get<int>());
  EXPECT_EQ(total["overdue"].get<int>(), 0) << "paused: no deadline runs";
  auto view = nco.Get(at).json();
  int fired = 0;
  for (const auto& x : view["injects"]) fired += x["state"] == "fired";
  EXPECT_EQ(fired, 2) << view["injects"].dump();

  const Session member = As(kMember);
  const json mine = Listed(member, kTabletopName);
  ASSERT_FALSE(mine.is_null());
  EXPECT_EQ(mine["access"], "player");
  const json items = member.Get(at + "/items").json()["items"];
  ASSERT_EQ(items.size(), 2u);
  std::set<std::int64_t> ids;
  for (const auto& it : items) {
    EXPECT_EQ(it["title"].get<std::string>().rfind("【演習】", 0), 0u) << it["title"];
    EXPECT_TRUE(it["delivery"]["acknowledged_at"].is_null()) << it.dump();
    ids.insert(it["id"].get<std::int64_t>());
  }
  for (const char* path : {"/api/v1/items?limit=200", "/api/v1/items?scope=all&limit=200",
                           "/api/v1/items?action=true&limit=200"}) {
    const json page = member.Get(path).json();
    for (const auto& it : page["items"]) EXPECT_EQ(ids.count(it["id"].get<std::int64_t>()), 0u);
  }
  EXPECT_EQ(As(kAgent).Get(at).status, 404);
  EXPECT_EQ(As(kAgent).Get("/api/v1/items/" + std::to_string(*ids.begin())).status, 404);
  // The ticker runs every second: two seconds later it is still paused with two injects.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_EQ(nco.Get(at).json()["status"], "paused");
  EXPECT_EQ(member.Get(at + "/items").json()["items"].size(), 2u);
}

}  // namespace
}  // namespace renkei::testing
