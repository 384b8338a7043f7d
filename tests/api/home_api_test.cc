// The home page 要対応 over real HTTP with the demo data: every tile's count is the length
// of the list it opens, for every demo account; a new item, a new report, a question and
// its answer move the counts of the people they concern.
#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <set>

#include "api/api_env.h"

namespace renkei::testing {
namespace {

using nlohmann::json;

constexpr const char* kMember = "member@denryoku.example";
constexpr const char* kAnalyst = "analyst@jeisac.example";
constexpr const char* kMeti = "officer@meti.example";
constexpr const char* kNco = "officer@nco.example";
constexpr const char* kSectorBody = "officer@occto.example";
constexpr const char* kAdmin = "admin@renkei.example";
constexpr const char* kAgent = "agent@otasuketai.example";
constexpr const char* kSmeOwner = "owner@shonan-seiki.example";  // the demo's SME (お助け隊)

// Every entry of a cursor-paged list, all pages (the mail backlog of the whole suite is
// tens of thousands of rows).
json AllPages(const Session& s, const std::string& path, int max_pages = 100) {
  json all = json::array();
  std::string cursor;
  for (int page = 0; page < max_pages; ++page) {
    const std::string sep = path.find('?') == std::string::npos ? "?" : "&";
    auto r = s.Get(path + sep + "limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor));
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    const json body = r.json();
    for (const auto& e : body["items"]) all.push_back(e);
    if (body["next_cursor"].is_null()) return all;
    cursor = body["next_cursor"].get<std::string>();
  }
  ADD_FAILURE() << path << " has more than " << max_pages << " pages";
  return all;
}

// The Japanese fiscal year now (April to March, JST), as the server counts it.
int FiscalYearNow() {
  const std::time_t jst = std::time(nullptr) + 9 * 3600;
  std::tm t{};
  gmtime_r(&jst, &t);
  return t.tm_year + 1900 - (t.tm_mon < 3 ? 1 : 0);
}

std::map<std::string, json> Tiles(const Session& s) {
  auto r = s.Get("/api/v1/home");
  EXPECT_EQ(r.status, 200) << r.body;
  std::map<std::string, json> out;
  const json body = r.json();
  for (const auto& t : body["tiles"]) out[t["key"].get<std::string>()] = t;
  return out;
}

std::int64_t Count(const std::map<std::string, json>& tiles, const std::string& key) {
  auto it = tiles.find(key);
  EXPECT_NE(it, tiles.end()) << "no tile " << key;
  return it == tiles.end() ? -1 : it->second["count"].get<std::int64_t>();
}

// The list a tile opens (what the web app links it to), and whether each entry fits it.
json ListOf(const Session& s, const json& tile) {
  const std::string key = tile["key"].get<std::string>();
  if (key == "unread_items") return AllPages(s, "/api/v1/items?unread=true");
  if (key == "actions_due") return AllPages(s, "/api/v1/items?action=true");
  if (key == "report_questions") return AllPages(s, "/api/v1/reports?scope=mine&questions=true");
  if (key == "report_deadlines") return AllPages(s, "/api/v1/reports?scope=mine&due=true");
  if (key == "queue_new") return AllPages(s, "/api/v1/reports?scope=queue&status=open");
  if (key == "queue_overdue") return AllPages(s, "/api/v1/reports?scope=queue&overdue=true");
  if (key == "queue_awaiting") return AllPages(s, "/api/v1/reports?scope=queue&questions=true");
  if (key == "awaiting_approval") return AllPages(s, "/api/v1/items?scope=pending");
  if (key == "signin_failures") {
    return AllPages(
        s, "/api/v1/audit?action=session.failed&since=" + tile["since"].get<std::string>());
  }
  if (key == "locked_accounts") return AllPages(s, "/api/v1/admin/locked-accounts");
  if (key == "outbox_due") return AllPages(s, "/api/v1/admin/outbox?state=due", 2000);
  if (key == "mail_errors") return AllPages(s, "/api/v1/admin/outbox?state=failed", 2000);
  // The desk's tiles open the queue (/desk?filter=…) and the SME's support page.
  if (key == "desk_unassigned")
    return AllPages(s, "/api/v1/desk/tickets?status=open&unassigned=true");
  if (key == "desk_overdue") return AllPages(s, "/api/v1/desk/tickets?overdue=true");
  if (key == "desk_mine") return AllPages(s, "/api/v1/desk/tickets?status=open&assignee=me");
  if (key == "desk_open") return AllPages(s, "/api/v1/desk/tickets?status=open");
  // The communities' tiles open what the organisation must answer.
  if (key == "community_introductions") {
    return s.Get("/api/v1/community-introductions?waiting=true").json()["items"];
  }
  if (key == "community_requests") {
    return s.Get("/api/v1/support-requests?waiting=true").json()["items"];
  }
  // The surveys' tiles open the list with the same filter (/surveys?filter=…).
  if (key == "surveys_to_answer") return s.Get("/api/v1/surveys?to_answer=true").json()["items"];
  if (key == "surveys_to_relay") return s.Get("/api/v1/surveys?to_relay=true").json()["items"];
  if (key == "exercises") {
    auto r = s.Get("/api/v1/exercises?active=true");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["exercises"];
  }
  json out = json::array();
  if (key == "assessments") {
    const json me = s.Get("/api/v1/me").json();
    const json list = s.Get("/api/v1/assessments").json();
    for (const auto& a : list["items"]) {
      if (a["org_id"] == me["org_id"] && a["status"] != "submitted" &&
          a["fiscal_year"] == FiscalYearNow()) {
        out.push_back(a);
      }
    }
    return out;
  }
  if (key == "sector_not_submitted") {
    const json rows =
        s.Get("/api/v1/sector/assessments/status?fiscal_year=" + std::to_string(FiscalYearNow()) +
              "&catalog=" + tile["catalog_id"].get<std::string>())
            .json();
    for (const auto& r : rows["items"])
      if (r["assessment_id"].is_null()) out.push_back(r);
    return out;
  }
  if (key == "sent_rates") {
    // My organisation's items of the last 30 days that request an action, not withdrawn,
    // whose delivery table I may open.
    char since[32];
    const std::time_t t = std::time(nullptr) - 30 * 24 * 3600 + 60;
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ", &tm);
    for (const auto& it : AllPages(s, std::string("/api/v1/items?scope=sent&since=") + since)) {
      if (it["withdrawn"].get<bool>()) continue;
      auto d = s.Get("/api/v1/items/" + it["id"].dump() + "/deliveries");
      // Whether it requests an action: the delivery table says so even where the list may
      // not (a list carries no content of what requires a clearance).
      if (d.status != 200 || !d.json()["action_requested"].get<bool>()) continue;
      json e = it;
      e["people"] = d.json()["people"];
      e["acknowledged"] = d.json()["acknowledged"];
      out.push_back(e);
    }
    return out;
  }
  ADD_FAILURE() << "a tile the test does not know: " << key;
  return out;
}

void ExpectCountsAreTheirLists(const std::string& email) {
  SCOPED_TRACE(email);
  Session s = As(email);
  for (const auto& [key, tile] : Tiles(s)) {
    SCOPED_TRACE(key);
    const json list = ListOf(s, tile);
    EXPECT_EQ(tile["count"].get<std::int64_t>(), static_cast<std::int64_t>(list.size()));
    EXPECT_LE(tile["lines"].size(), 5u);
    EXPECT_EQ(tile["lines"].size(), std::min<size_t>(5, list.size()));
    // Each line is an entry of the list (sent items: with its delivery table's counts).
    double last_share = -1;
    for (const auto& line : tile["lines"]) {
      bool found = false;
      for (const auto& e : list) {
        const json id = key == "sector_not_submitted" ? e["org_id"]
                        : key == "locked_accounts"    ? e["user_id"]
                                                      : e["id"];
        if (id != line["id"]) continue;
        found = true;
        if (key == "sent_rates") {
          EXPECT_EQ(line["people"], e["people"]);
          EXPECT_EQ(line["acknowledged"], e["acknowledged"]);
        }
      }
      EXPECT_TRUE(found) << line.dump();
      if (key == "sent_rates" && line["people"].get<int>() > 0) {
        const double share = line["acknowledged"].get<double>() / line["people"].get<double>();
        EXPECT_GE(share, last_share) << "lowest share of acknowledgements first";
        last_share = share;
      }
    }
    if (key == "queue_overdue") {
      for (const auto& e : list) EXPECT_TRUE(e["overdue"].get<bool>()) << e.dump();
    }
  }
}

TEST(Home, EveryTilesCountIsTheLengthOfTheListItOpens) {
  for (const char* who :
       {kMember, kAnalyst, kMeti, kNco, kSectorBody, kAdmin, kAgent, kSmeOwner,
        "member@gas.example", "cyber@pref.miyagi.example", "sales@morinomiyako-sec.example"}) {
    ExpectCountsAreTheirLists(who);
  }
}

// The regional communities' tiles (issue 20): 湘南精機 owes the answer to the vendor's
// introduction and 宮城県庁 to 東北発電's request for its expert dispatch, as loaded (this file
// runs before community_api_test.cc, which answers them); the vendor, who asked, owes nothing.
TEST(Home, TheCommunityTilesShowWhatTheOrganisationMustAnswer) {
  const auto owner = Tiles(As(kSmeOwner));
  ASSERT_EQ(owner.count("community_introductions"), 1u);
  EXPECT_EQ(owner.at("community_introductions")["lines"][0]["title"],
            "制御システムのセキュリティ診断サービス");
  const auto pref = Tiles(As("cyber@pref.miyagi.example"));
  ASSERT_EQ(pref.count("community_requests"), 1u);
  EXPECT_EQ(pref.at("community_requests")["lines"][0]["org_name_ja"], "東北発電株式会社");
  const auto vendor = Tiles(As("sales@morinomiyako-sec.example"));
  EXPECT_EQ(vendor.count("community_introductions") + vendor.count("community_requests"), 0u);
}

// Surveys (issue 21): 東北発電's draft of the demo survey is on the demo member's home page;
// a new survey the centre sends is on the relaying hub's page until it relays, then on the
// member's (soonest close first) until 東北発電 submits it; an organisation that is not a
// target (a gas operator) and the ministry, which does not own it, have no survey tile.
TEST(Home, TheSurveyTilesShowWhatToAnswerAndToRelayUntilItIsDone) {
  const Session centre = As(kNco), analyst = As(kAnalyst), member = As(kMember);
  auto lines = [](const std::map<std::string, json>& tiles, const std::string& key) {
    std::set<std::int64_t> ids;
    if (tiles.count(key))
      for (const auto& l : tiles.at(key)["lines"]) ids.insert(l["id"].get<std::int64_t>());
    return ids;
  };
  const auto m0 = Tiles(member);
  ASSERT_EQ(m0.count("surveys_to_answer"), 1u);
  const json demo = m0.at("surveys_to_answer")["lines"][0];
  EXPECT_EQ(demo["title"], "安全基準等の浸透状況調査");
  EXPECT_EQ(demo["title_en"], "Survey of how far the safety standards have spread");
  EXPECT_EQ(demo["org_name_ja"], "国家サイバー統括室");
  EXPECT_FALSE(demo["due_at"].is_null());
  for (const char* who : {"member@gas.example", kMeti, kAdmin}) {
    const auto t = Tiles(As(who));
    EXPECT_EQ(t.count("surveys_to_answer") + t.count("surveys_to_relay"), 0u) << who;
  }
  const std::int64_t relay0 =
      Tiles(analyst).count("surveys_to_relay") ? Count(Tiles(analyst), "surveys_to_relay") : 0;

  const std::string def =
      "title_ja = \"外部サービスへの依存状況調査\"\ntitle_en = \"Dependence on external "
      "services\"\n[[questions]]\nid = \"cloud\"\ntype = \"single\"\nja = "
      "\"クラウドを使っていますか\"\n"
      "en = \"Cloud?\"\nchoices = [{ id = \"yes\", ja = \"はい\", en = \"Yes\" }, { id = \"no\", "
      "ja = "
      "\"いいえ\", en = \"No\" }]\n";
  auto made = centre.Send("POST", "/api/v1/surveys",
                          {{"definition", def},
                           {"opens_at", "2020-01-01T00:00:00Z"},
                           {"closes_at", "2099-01-01T00:00:00Z"},
                           {"audience", {{"sectors", {"electricity"}}}}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::int64_t id = made.json()["id"];
  const std::string path = "/api/v1/surveys/" + std::to_string(id);
  // Sent to 電力ISAC: its analyst must relay it; nobody has it to answer yet.
  const auto a1 = Tiles(analyst);
  ASSERT_EQ(a1.count("surveys_to_relay"), 1u);
  EXPECT_EQ(Count(a1, "surveys_to_relay"), relay0 + 1);
  EXPECT_TRUE(lines(a1, "surveys_to_relay").count(id));
  EXPECT_FALSE(lines(Tiles(member), "surveys_to_answer").count(id));
  ExpectCountsAreTheirLists(kAnalyst);

  ASSERT_EQ(analyst.Send("POST", path + "/relay", json::object()).status, 200);
  const auto a2 = Tiles(analyst);
  EXPECT_FALSE(lines(a2, "surveys_to_relay").count(id));
  EXPECT_EQ(a2.count("surveys_to_relay") ? Count(a2, "surveys_to_relay") : 0, relay0);
  const auto m1 = Tiles(member);
  EXPECT_EQ(Count(m1, "surveys_to_answer"), Count(m0, "surveys_to_answer") + 1);
  const json& ml = m1.at("surveys_to_answer")["lines"];
  ASSERT_GE(ml.size(), 2u);
  EXPECT_EQ(ml[0]["id"], demo["id"]) << "soonest close first";
  EXPECT_EQ(ml[ml.size() - 1]["id"], id) << "it closes last";
  EXPECT_EQ(ml[ml.size() - 1]["title"], "外部サービスへの依存状況調査");
  ExpectCountsAreTheirLists(kMember);

  auto sub = member.Send("POST", path + "/submit", json());
  ASSERT_EQ(sub.status, 200) << sub.body;
  const auto m2 = Tiles(member);
  EXPECT_EQ(Count(m2, "surveys_to_answer"), Count(m0, "surveys_to_answer"));
  EXPECT_FALSE(lines(m2, "surveys_to_answer").count(id));
  ExpectCountsAreTheirLists(kMember);
}

// 予定・実施中の訓練: the demo's paused all-sector tabletop is on the home page of its player
// (the demo member) and of its controller (the national centre officer), and opens the
// exercise; the finished drill is not there (it is over), and someone in no exercise has no
// such tile.
TEST(Home, TheExercisesTileShowsTheDemosPausedTabletopToItsPlayerAndController) {
  for (const char* who : {kMember, kNco}) {
    SCOPED_TRACE(who);
    const auto tiles = Tiles(As(who));
    auto it = tiles.find("exercises");
    ASSERT_NE(it, tiles.end());
    bool tabletop = false;
    for (const auto& l : it->second["lines"]) {
      EXPECT_NE(l["status"], "ended") << l.dump();
      EXPECT_FALSE(l["at"].is_null()) << l.dump();
      if (l["title"] == "全分野一斉演習（電力・ガス・水道）") {
        tabletop = true;
        EXPECT_EQ(l["status"], "paused");
      }
    }
    EXPECT_TRUE(tabletop) << it->second.dump();
  }
  EXPECT_EQ(Tiles(As(kAgent)).count("exercises"), 0u);
}

// お助け隊: the desk agent's queue tiles and the SME's open tickets are the lists they open
// (DeskService's list with the caller's principal); nobody outside the desk gets them. A
// mail the agent records is unassigned and the SME's open ticket; the agent taking it moves
// it to 自分の担当; completing it takes it off both.
TEST(Home, TheDeskTilesAreTheQueuesListsAndMoveWithTheWork) {
  Session agent = As(kAgent), owner = As(kSmeOwner);
  auto keys = [](const std::map<std::string, json>& tiles) {
    std::set<std::string> out;
    for (const auto& [k, t] : tiles)
      if (k.rfind("desk_", 0) == 0) out.insert(k);
    return out;
  };
  const auto a0 = Tiles(agent), o0 = Tiles(owner);
  EXPECT_EQ(keys(a0), (std::set<std::string>{"desk_unassigned", "desk_overdue", "desk_mine"}));
  EXPECT_EQ(keys(o0), (std::set<std::string>{"desk_open"}));
  // The demo's queue: unassigned tickets, one past its first response, the agent's own; the
  // SME's open alert ticket.
  EXPECT_GE(Count(a0, "desk_unassigned"), 1);
  EXPECT_GE(Count(a0, "desk_overdue"), 1);
  EXPECT_GE(Count(a0, "desk_mine"), 1);
  EXPECT_GE(Count(o0, "desk_open"), 1);
  for (const auto& l : a0.at("desk_overdue")["lines"]) {
    EXPECT_TRUE(l["overdue"].get<bool>()) << l.dump();
    EXPECT_FALSE(l["due_at"].is_null()) << l.dump();
  }
  for (const char* who : {kMember, kMeti, kAdmin, kAnalyst})
    EXPECT_TRUE(keys(Tiles(As(who))).empty()) << who;

  const std::int64_t sme = owner.Get("/api/v1/me").json()["org_id"];
  auto made = agent.Send("POST", "/api/v1/desk/tickets",
                         {{"sme_org_id", sme},
                          {"channel", "mail"},
                          {"subject", "ホームの件数の確認"},
                          {"body", "メールで届いた相談です。"}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::int64_t id = made.json()["ticket"]["id"];
  const std::string at = "/api/v1/desk/tickets/" + std::to_string(id);
  auto a1 = Tiles(agent);
  EXPECT_EQ(Count(a1, "desk_unassigned"), Count(a0, "desk_unassigned") + 1);
  EXPECT_EQ(Count(a1, "desk_mine"), Count(a0, "desk_mine"));
  EXPECT_EQ(a1.at("desk_unassigned")["lines"][0]["id"], id) << "newest first";
  EXPECT_EQ(a1.at("desk_unassigned")["lines"][0]["org_name_ja"], "湘南精機株式会社");
  EXPECT_EQ(Count(Tiles(owner), "desk_open"), Count(o0, "desk_open") + 1);

  const std::int64_t me = agent.Get("/api/v1/me").json()["user_id"];
  ASSERT_EQ(agent.Send("PATCH", at, {{"assignee_id", me}}).status, 200);
  auto a2 = Tiles(agent);
  EXPECT_EQ(Count(a2, "desk_unassigned"), Count(a0, "desk_unassigned"));
  EXPECT_EQ(Count(a2, "desk_mine"), Count(a0, "desk_mine") + 1);
  ExpectCountsAreTheirLists(kAgent);

  auto done = agent.Send(
      "PATCH", at,
      {{"status", "resolved"}, {"outcome", "回答して完了。"}, {"damage_estimate_yen", 0}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Count(Tiles(agent), "desk_mine"), Count(a0, "desk_mine"));
  EXPECT_EQ(Count(Tiles(owner), "desk_open"), Count(o0, "desk_open"));
  ExpectCountsAreTheirLists(kSmeOwner);
}

// An account locked out by wrong passwords over HTTP, and a failed sign-in of an address
// that is no account: the administrator's tiles count them and the lists they open show
// them — by name, with the time in words the page formats.
TEST(Home, TheAdministratorsTilesCountTheListsTheyOpen) {
  Session admin = As(kAdmin);
  const auto before = Tiles(admin);
  const auto org = FindOrg(admin, "sector=water&kind=operator");
  auto created = admin.Send("POST", "/api/v1/users",
                            {{"org_id", org},
                             {"email", "home-lock@water.example"},
                             {"display_name", "鍵掛 太郎"},
                             {"roles", {"member"}},
                             {"password", "the right password"}});
  ASSERT_EQ(created.status, 201) << created.body;
  HttpResult r;
  for (int i = 0; i < 5; ++i) {
    SignIn(Http(), "home-lock@water.example", "a wrong password", &r);
    EXPECT_EQ(r.status, 401);
  }
  SignIn(Http(), "home-lock@water.example", "the right password", &r);
  ExpectProblem(r, 429, "signin_locked");
  SignIn(Http(), "nobody-home@water.example", "a wrong password", &r);
  EXPECT_EQ(r.status, 401);

  const auto after = Tiles(admin);
  EXPECT_EQ(Count(after, "signin_failures"), Count(before, "signin_failures") + 6);
  EXPECT_EQ(Count(after, "locked_accounts"), Count(before, "locked_accounts") + 1);
  EXPECT_GE(Count(after, "outbox_due"), 0);
  EXPECT_GE(Count(after, "mail_errors"), 0);
  ASSERT_FALSE(after.at("locked_accounts")["lines"].empty());
  EXPECT_EQ(after.at("locked_accounts")["lines"][0]["title"], "鍵掛 太郎") << "latest lock first";
  EXPECT_FALSE(after.at("locked_accounts")["lines"][0]["at"].is_null()) << "locked until";
  EXPECT_EQ(after.at("signin_failures")["lines"][0]["title"], "nobody-home@water.example");
  ExpectCountsAreTheirLists(kAdmin);

  bool listed = false;
  for (const auto& a : AllPages(admin, "/api/v1/admin/locked-accounts")) {
    if (a["email"] != "home-lock@water.example") continue;
    listed = true;
    EXPECT_EQ(a["display_name"], "鍵掛 太郎");
    EXPECT_EQ(a["addresses"], 1) << "locked from the one address the attempts came from";
    EXPECT_FALSE(a["everywhere"].get<bool>());
    EXPECT_EQ(a["failures"], 5);
  }
  EXPECT_TRUE(listed);
  // The mail lists show an error as its code only, never the relay's text.
  for (const char* state : {"due", "failed"}) {
    for (const auto& e :
         AllPages(admin, std::string("/api/v1/admin/outbox?state=") + state, 2000)) {
      EXPECT_FALSE(e.contains("last_error")) << e.dump();
      if (std::string(state) == "due") {
        EXPECT_TRUE(e["given_up_at"].is_null()) << e.dump();
      }
    }
  }
  // Nobody else gets these tiles.
  EXPECT_FALSE(Tiles(As(kMember)).count("locked_accounts"));
}

TEST(Home, OnlyAdministratorsReadTheLockAndMailLists) {
  for (const char* who : {kMember, kAnalyst, kMeti, kNco}) {
    SCOPED_TRACE(who);
    Session s = As(who);
    ExpectProblem(s.Get("/api/v1/admin/locked-accounts"), 403, "forbidden");
    ExpectProblem(s.Get("/api/v1/admin/outbox?state=due"), 403, "forbidden");
    ExpectProblem(s.Get("/api/v1/admin/outbox?state=failed"), 403, "forbidden");
    ExpectProblem(s.Get("/api/v1/audit?action=session.failed&since=2026-01-01T00:00:00Z"), 403,
                  "forbidden");
    const auto tiles = Tiles(s);
    for (const char* key : {"signin_failures", "locked_accounts", "outbox_due", "mail_errors"})
      EXPECT_FALSE(tiles.count(key)) << key;
  }
  ExpectProblem(Http().Send("GET", "/api/v1/admin/locked-accounts"), 401, "unauthenticated");
  Session admin = As(kAdmin);
  ExpectProblem(admin.Get("/api/v1/admin/outbox?state=sent"), 400, "invalid_value", "state");
  ExpectProblem(admin.Get("/api/v1/admin/outbox?who=me"), 400, "unknown_parameter", "who");
  ExpectProblem(admin.Get("/api/v1/audit?since=yesterday"), 400, "invalid_time", "since");
}

TEST(Home, EachRoleGetsItsTilesAndGovernmentTheBoard) {
  auto keys = [](const std::string& email) {
    std::set<std::string> out;
    for (const auto& [k, t] : Tiles(As(email))) out.insert(k);
    return out;
  };
  // exercises: both play the demo's paused all-sector tabletop (src/app/demo_exercises.cc);
  // surveys_to_answer: 東北発電's draft of the demo survey (src/app/demo_survey.cc), which
  // 電力ISAC has relayed already (no surveys_to_relay).
  EXPECT_EQ(keys(kMember), (std::set<std::string>{"unread_items", "actions_due", "report_questions",
                                                  "report_deadlines", "assessments", "exercises",
                                                  "surveys_to_answer"}));
  EXPECT_EQ(keys(kAnalyst),
            (std::set<std::string>{"unread_items", "actions_due", "queue_new", "queue_overdue",
                                   "queue_awaiting", "sent_rates", "exercises"}));
  EXPECT_TRUE(keys(kSectorBody).count("sector_not_submitted"));
  // 決裁: the national centre requires approval in the demo, and its officer has an item of
  // a colleague's waiting; the ministry does not require it.
  EXPECT_TRUE(keys(kNco).count("awaiting_approval"));
  EXPECT_GE(Count(Tiles(As(kNco)), "awaiting_approval"), 1);
  EXPECT_FALSE(keys(kMeti).count("awaiting_approval"));
  EXPECT_FALSE(keys(kAdmin).count("queue_new"));
  EXPECT_TRUE(As(kAnalyst).Get("/api/v1/home").json()["board"].is_null());

  // The board is the queue tallied: its total is the queue's length, its overdue part
  // the overdue tile's count.
  Session meti = As(kMeti);
  const json home = meti.Get("/api/v1/home").json();
  ASSERT_TRUE(home["board"].is_array());
  std::int64_t total = 0, overdue = 0;
  for (const auto& b : home["board"]) {
    total += b["count"].get<std::int64_t>();
    if (b["overdue"].get<bool>()) overdue += b["count"].get<std::int64_t>();
  }
  EXPECT_EQ(total, static_cast<std::int64_t>(AllPages(meti, "/api/v1/reports?scope=queue").size()));
  EXPECT_GT(total, 0) << "the demo's reports reach the ministry";
  EXPECT_EQ(overdue, Count(Tiles(meti), "queue_overdue"));
}

TEST(Home, ANewItemANewReportAQuestionAndItsAnswerMoveTheCounts) {
  Session member = As(kMember), analyst = As(kAnalyst), meti = As(kMeti);
  const auto m0 = Tiles(member), q0 = Tiles(meti), a0 = Tiles(analyst);

  auto pub = analyst.Send("POST", "/api/v1/items",
                          {{"kind", "alert"},
                           {"tlp", "AMBER"},
                           {"title", "ホーム画面の件数確認"},
                           {"body", "制御系ネットワークの通信ログを確認してください。"},
                           {"action_requested", "確認結果を受領確認で知らせてください"},
                           {"action_due_at", "2030-04-01T17:00:00+09:00"},
                           {"audience", {{"sector_ids", {"electricity"}}}}});
  ASSERT_EQ(pub.status, 201) << pub.body;
  const auto a1 = Tiles(analyst);
  EXPECT_EQ(Count(a1, "sent_rates"), Count(a0, "sent_rates") + 1);
  ASSERT_FALSE(a1.at("sent_rates")["lines"].empty());
  EXPECT_EQ(a1.at("sent_rates")["lines"][0]["acknowledged"], 0) << "nobody acknowledged yet";
  const auto m1 = Tiles(member);
  EXPECT_EQ(Count(m1, "unread_items"), Count(m0, "unread_items") + 1);
  EXPECT_EQ(Count(m1, "actions_due"), Count(m0, "actions_due") + 1);

  // A legal report goes to the ministry: its queue has one more new case.
  auto draft = member.Send("POST", "/api/v1/reports",
                           {{"report_class", "legal"},
                            {"fields",
                             {{"title", "ホーム画面確認用の報告"},
                              {"aware_at", "2026-11-30T08:15:00+09:00"},
                              {"summary", "監視端末で不審なプロセスを検知した。"},
                              {"cause", "cyber_suspected"},
                              {"attack_type", "malicious-code"},
                              {"form", "ransomware"},
                              {"service_disrupted", "no"}}}});
  ASSERT_EQ(draft.status, 201) << draft.body;
  const std::string path = "/api/v1/reports/" + draft.json()["id"].dump();
  ASSERT_EQ(member.Send("POST", path + "/submit", {{"phase", "initial"}}).status, 200);
  const auto q1 = Tiles(meti);
  EXPECT_EQ(Count(q1, "queue_new"), Count(q0, "queue_new") + 1);

  // The ministry asks: one more case awaits the reporter's answer on both sides.
  auto asked = meti.Send("POST", path + "/messages", {{"body", "停止した設備を教えてください"}});
  ASSERT_EQ(asked.status, 201) << asked.body;
  const auto m2 = Tiles(member);
  EXPECT_EQ(Count(m2, "report_questions"), Count(m1, "report_questions") + 1);
  EXPECT_EQ(Count(Tiles(meti), "queue_awaiting"), Count(q1, "queue_awaiting") + 1);
  const json asked_json = asked.json();
  const json question = asked_json["messages"].back();
  auto answered = member.Send("POST", path + "/messages",
                              {{"body", "監視端末1台のみです"}, {"answer_to", question["id"]}});
  ASSERT_EQ(answered.status, 201) << answered.body;
  EXPECT_EQ(Count(Tiles(member), "report_questions"), Count(m1, "report_questions"));
  EXPECT_EQ(Count(Tiles(meti), "queue_awaiting"), Count(q1, "queue_awaiting"));
  ExpectCountsAreTheirLists(kMember);
  ExpectCountsAreTheirLists(kMeti);
}

TEST(Home, AFiledReportIsHeardLiveOnlyByThoseWhoSeeIt) {
  Session member = As(kMember), meti = As(kMeti), analyst = As(kAnalyst);
  Session gas = As("member@gas.example");
  EventStreamReader meti_events(g->server->base_url(), "/api/v1/events", meti.cookie());
  EventStreamReader gas_events(g->server->base_url(), "/api/v1/events", gas.cookie());
  EventStreamReader hub_events(g->server->base_url(), "/api/v1/events", analyst.cookie());
  ASSERT_TRUE(meti_events.WaitFor(": connected"));
  ASSERT_TRUE(gas_events.WaitFor(": connected"));
  ASSERT_TRUE(hub_events.WaitFor(": connected"));
  auto draft = member.Send("POST", "/api/v1/reports",
                           {{"report_class", "legal"},
                            {"fields",
                             {{"title", "ライブ通知の確認"},
                              {"aware_at", "2026-11-30T08:15:00+09:00"},
                              {"summary", "監視端末で不審なプロセスを検知した。"},
                              {"cause", "cyber_suspected"},
                              {"service_disrupted", "no"}}}});
  ASSERT_EQ(draft.status, 201) << draft.body;
  const std::string id = draft.json()["id"].dump();
  const std::string data = "data: {\"report_id\":" + id + "}";
  ASSERT_EQ(member.Send("POST", "/api/v1/reports/" + id + "/submit", {{"phase", "initial"}}).status,
            200);
  EXPECT_TRUE(meti_events.WaitFor("event: report_filed\n" + data)) << meti_events.Text();
  // A public item reaches everyone after the report's event, so the other streams have
  // had every chance to carry it: the gas member and the hub (a legal report goes to the
  // ministry and the national centre) heard nothing of the case, nor of its draft.
  auto clear =
      analyst.Send("POST", "/api/v1/items",
                   {{"kind", "alert"}, {"tlp", "CLEAR"}, {"title", "全員へ"}, {"body", "公開"}});
  ASSERT_EQ(clear.status, 201);
  const std::string marker = "data: {\"item_id\":" + clear.json()["id"].dump() + "}";
  ASSERT_TRUE(gas_events.WaitFor(marker));
  ASSERT_TRUE(hub_events.WaitFor(marker));
  EXPECT_EQ(gas_events.Text().find(data), std::string::npos) << gas_events.Text();
  EXPECT_EQ(hub_events.Text().find(data), std::string::npos) << hub_events.Text();
  EXPECT_EQ(meti_events.Text().find("report_filed"), meti_events.Text().rfind("report_filed"))
      << "the draft made no event";
}

// The sectors `email`'s organisation is the competent ministry of (all for the centre).
std::set<std::string> OverseenSectors(const Session& s) {
  const json me = s.Get("/api/v1/me").json();
  const bool centre = std::find(me["roles"].begin(), me["roles"].end(),
                                json("national_centre_officer")) != me["roles"].end();
  std::set<std::string> out;
  const json sectors = s.Get("/api/v1/sectors").json();
  for (const auto& sec : sectors["items"])
    if (centre || sec["ministry_org_id"] == me["org_id"]) out.insert(sec["id"].get<std::string>());
  return out;
}

// The board's alert rates, recomputed from the lists behind them: the sent_rates tile's
// items (its own list), each item's delivery table, each recipient organisation's sectors.
void ExpectAlertRatesAreTheDeliveryTablesBySector(const std::string& email) {
  SCOPED_TRACE(email);
  Session s = As(email);
  const json home = s.Get("/api/v1/home").json();
  ASSERT_TRUE(home["alert_rates"].is_array()) << home.dump();
  const auto tiles = Tiles(s);
  const json sent = ListOf(s, tiles.at("sent_rates"));
  const auto mine = OverseenSectors(s);
  std::map<std::int64_t, std::vector<std::string>> org_sectors;
  struct Row {
    std::int64_t items = 0, people = 0, acknowledged = 0;
  };
  std::map<std::string, Row> expected;
  for (const auto& it : sent) {
    const json d = s.Get("/api/v1/items/" + it["id"].dump() + "/deliveries").json();
    std::map<std::string, Row> here;
    for (const auto& person : d["people_detail"]) {
      const std::int64_t org = person["org_id"].get<std::int64_t>();
      if (!org_sectors.count(org)) {
        auto o = s.Get("/api/v1/organisations/" + std::to_string(org));
        EXPECT_EQ(o.status, 200) << o.body;
        org_sectors[org] = o.json()["sector_ids"].get<std::vector<std::string>>();
      }
      for (const auto& sector : org_sectors[org]) {
        if (!mine.count(sector)) continue;
        here[sector].people += 1;
        here[sector].acknowledged += person["acknowledged_at"].is_null() ? 0 : 1;
      }
    }
    for (const auto& [sector, r] : here) {
      expected[sector].items += 1;
      expected[sector].people += r.people;
      expected[sector].acknowledged += r.acknowledged;
    }
  }
  std::map<std::string, Row> got;
  for (const auto& r : home["alert_rates"]) {
    EXPECT_TRUE(mine.count(r["sector_id"].get<std::string>())) << "a sector not overseen: " << r;
    got[r["sector_id"].get<std::string>()] = {r["items"].get<std::int64_t>(),
                                              r["people"].get<std::int64_t>(),
                                              r["acknowledged"].get<std::int64_t>()};
  }
  ASSERT_EQ(got.size(), expected.size());
  for (const auto& [sector, e] : expected) {
    SCOPED_TRACE(sector);
    EXPECT_EQ(got[sector].items, e.items);
    EXPECT_EQ(got[sector].people, e.people);
    EXPECT_EQ(got[sector].acknowledged, e.acknowledged);
  }
}

TEST(Home, TheBoardsAlertRatesPerSectorAreTheSentItemsDeliveryTables) {
  for (const char* who : {kNco, kMeti, "cyber@mlit.example"})
    ExpectAlertRatesAreTheDeliveryTablesBySector(who);
  EXPECT_TRUE(As(kAnalyst).Get("/api/v1/home").json()["alert_rates"].is_null());
  EXPECT_TRUE(As(kMember).Get("/api/v1/home").json()["alert_rates"].is_null());

  // An alert from the centre to the electricity sector requesting an action: one more
  // item there, its recipients more people, nobody acknowledged; METI (competent for
  // electricity) does not count the centre's items.
  Session nco = As(kNco);
  auto rates = [](const Session& s, const std::string& sector) {
    const json home = s.Get("/api/v1/home").json();
    for (const auto& r : home["alert_rates"])
      if (r["sector_id"] == sector) return r;
    return json{{"items", 0}, {"people", 0}, {"acknowledged", 0}};
  };
  const json before = rates(nco, "electricity");
  const json meti_before = rates(As(kMeti), "electricity");
  auto pub = nco.Send("POST", "/api/v1/items",
                      {{"kind", "alert"},
                       {"tlp", "GREEN"},
                       {"title", "分野別の受領確認率の確認"},
                       {"body", "VPN装置の設定を確認してください。"},
                       {"action_requested", "確認したら受領確認してください"},
                       {"action_due_at", "2030-04-01T17:00:00+09:00"},
                       {"audience", {{"sector_ids", {"electricity"}}}}});
  ASSERT_EQ(pub.status, 201) << pub.body;
  const json after = rates(nco, "electricity");
  EXPECT_EQ(after["items"], before["items"].get<int>() + 1);
  EXPECT_GT(after["people"].get<int>(), before["people"].get<int>());
  EXPECT_EQ(after["acknowledged"], before["acknowledged"]);
  EXPECT_EQ(rates(As(kMeti), "electricity"), meti_before);
  // A member acknowledges: one more acknowledgement in the sector.
  const std::string item = "/api/v1/items/" + pub.json()["id"].dump();
  ASSERT_EQ(As(kMember).Send("POST", item + "/acknowledge", json::object()).status, 200);
  EXPECT_EQ(rates(nco, "electricity")["acknowledged"], after["acknowledged"].get<int>() + 1);
  ExpectAlertRatesAreTheDeliveryTablesBySector(kNco);
}

TEST(Home, PenetrationPerSectorIsTheSectorViewsTotal) {
  const std::string year = std::to_string(FiscalYearNow());
  auto penetration = [](const Session& s) { return s.Get("/api/v1/home").json()["penetration"]; };
  // METI: each of its sectors, the total of the sector view it opens from the board.
  Session meti = As(kMeti);
  const json pm = penetration(meti);
  ASSERT_TRUE(pm.is_object()) << pm.dump();
  EXPECT_EQ(pm["fiscal_year"].get<int>(), FiscalYearNow());
  std::set<std::string> listed;
  for (const auto& r : pm["sectors"]) {
    const std::string sector = r["sector_id"].get<std::string>();
    listed.insert(sector);
    auto v = meti.Get("/api/v1/sector/assessments?sector=" + sector + "&fiscal_year=" + year +
                      "&catalog=" + pm["catalog_id"].get<std::string>());
    ASSERT_EQ(v.status, 200) << v.body;
    EXPECT_EQ(v.json()["sector_id"], sector);
    EXPECT_EQ(r["operators"], v.json()["total"]["operators"]) << sector;
    EXPECT_EQ(r["submitted"], v.json()["total"]["submitted"]) << sector;
  }
  EXPECT_EQ(listed, OverseenSectors(meti));
  // The centre: every sector; electricity's figures are the sector body's list.
  Session nco = As(kNco);
  const json pn = penetration(nco);
  ASSERT_TRUE(pn.is_object());
  EXPECT_EQ(pn["sectors"].size(), 15u);
  Session body = As(kSectorBody);
  const json status = body.Get("/api/v1/sector/assessments/status?fiscal_year=" + year +
                               "&catalog=" + pn["catalog_id"].get<std::string>())
                          .json();
  std::int64_t submitted = 0;
  for (const auto& r : status["items"]) submitted += r["assessment_id"].is_null() ? 0 : 1;
  bool seen = false;
  for (const auto& r : pn["sectors"]) {
    if (r["sector_id"] != "electricity") continue;
    seen = true;
    EXPECT_EQ(r["operators"].get<std::int64_t>(),
              static_cast<std::int64_t>(status["items"].size()));
    EXPECT_EQ(r["submitted"].get<std::int64_t>(), submitted);
    EXPECT_GT(submitted, 0) << "the demo's electricity operators submitted";
  }
  EXPECT_TRUE(seen);
  EXPECT_TRUE(penetration(As(kMember)).is_null());
  EXPECT_TRUE(penetration(As(kAnalyst)).is_null());
}

TEST(Home, AMinistryReadsItsSectorsViewNotAnotherMinistrysNorWhoSubmitted) {
  Session meti = As(kMeti), mic = As("cyber@mic.example"), body = As(kSectorBody);
  auto view = meti.Get("/api/v1/sector/assessments?sector=electricity");
  ASSERT_EQ(view.status, 200) << view.body;
  const json theirs = body.Get("/api/v1/sector/assessments").json();
  EXPECT_EQ(view.json()["total"], theirs["total"]);
  EXPECT_EQ(view.json()["functions"], theirs["functions"]) << "the same aggregates";
  EXPECT_EQ(view.json()["min_group"], 5);
  // Another ministry: 404, not a hint that the sector exists; its own sector opens.
  ExpectProblem(mic.Get("/api/v1/sector/assessments?sector=electricity"), 404, "not_found",
                "sector");
  EXPECT_EQ(mic.Get("/api/v1/sector/assessments?sector=telecom").status, 200);
  // Aggregates only: the list naming operators is the sector body's; no single assessment.
  EXPECT_EQ(meti.Get("/api/v1/sector/assessments/status").status, 403);
  const json rows =
      body.Get("/api/v1/sector/assessments/status?fiscal_year=" + std::to_string(FiscalYearNow()))
          .json();
  for (const auto& r : rows["items"]) {
    if (r["assessment_id"].is_null()) continue;
    EXPECT_EQ(meti.Get("/api/v1/assessments/" + r["assessment_id"].dump()).status, 404);
    break;
  }
  EXPECT_EQ(As(kMember).Get("/api/v1/sector/assessments").status, 403);
}

TEST(Home, AListFilterItDoesNotKnowIsRefused) {
  Session member = As(kMember);
  ExpectProblem(member.Get("/api/v1/reports?questions=yes"), 400, "invalid_value", "questions");
  ExpectProblem(member.Get("/api/v1/home?role=admin"), 400, "unknown_parameter", "role");
}

}  // namespace
}  // namespace renkei::testing
