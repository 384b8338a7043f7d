// Sharing over real HTTP: publish, the TLP refusals, inbox, read/acknowledge, the
// delivery table, revisions, withdrawal, attachments, the public page, mail settings.
#include <gtest/gtest.h>

#include <cctype>
#include <set>

#include "api/api_env.h"

namespace renkei::testing {
namespace {

using nlohmann::json;

constexpr const char* kAnalyst = "analyst@jeisac.example";
constexpr const char* kMember = "member@denryoku.example";
constexpr const char* kGasMember = "member@gas.example";

json AmberToElectricity(const std::string& title) {
  return {{"kind", "alert"},
          {"tlp", "AMBER"},
          {"title", title},
          {"body", "## 概要\n制御系ネットワークで**不審な通信**を確認。"},
          {"action_requested", "ファイアウォールのログを確認し、受領確認してください"},
          {"action_due_at", "2030-04-01T17:00:00+09:00"},
          {"audience", {{"sector_ids", {"electricity"}}}}};
}

bool Contains(const json& page, std::int64_t id) {
  for (const auto& it : page["items"])
    if (it["id"] == id) return true;
  return false;
}

TEST(Sharing, AnAmberAlertReachesTheSectorAndNobodyElse) {
  Session analyst = As(kAnalyst);
  auto pub = analyst.Send("POST", "/api/v1/items", AmberToElectricity("変電所への不審な通信"));
  ASSERT_EQ(pub.status, 201) << pub.body;
  const auto id = pub.json()["id"].get<std::int64_t>();
  EXPECT_EQ(pub.json()["tlp"], "AMBER");
  EXPECT_EQ(pub.json()["audience"]["sector_ids"], json::array({"electricity"}));

  Session member = As(kMember);
  auto inbox = member.Get("/api/v1/items?unread=true");
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  EXPECT_TRUE(Contains(inbox.json(), id));
  EXPECT_GE(member.Get("/api/v1/items/counts").json()["action_outstanding"].get<int>(), 1);
  auto got = member.Get("/api/v1/items/" + std::to_string(id));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_TRUE(got.json()["audience"].is_null()) << "recipients never see the audience";
  EXPECT_FALSE(got.json()["delivery"]["read_at"].is_null());
  EXPECT_NE(got.json()["body"].get<std::string>().find("不審な通信"), std::string::npos);
  EXPECT_FALSE(Contains(member.Get("/api/v1/items?unread=true").json(), id));
  auto ack = member.Send("POST", "/api/v1/items/" + std::to_string(id) + "/acknowledge", json());
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_FALSE(ack.json()["delivery"]["acknowledged_at"].is_null());

  // Another sector: not in any list, search or count; the item itself answers 404.
  Session gas = As(kGasMember);
  ExpectProblem(gas.Get("/api/v1/items/" + std::to_string(id)), 404, "not_found");
  EXPECT_FALSE(Contains(gas.Get("/api/v1/items?scope=all&limit=200").json(), id));
  EXPECT_FALSE(Contains(gas.Get("/api/v1/items?scope=all&q=%E4%B8%8D%E5%AF%A9").json(), id));
  ExpectProblem(gas.Send("POST", "/api/v1/items/" + std::to_string(id) + "/acknowledge", json()),
                404, "not_found");

  // The sender's table: every electricity organisation's people, one acknowledged.
  auto table = analyst.Get("/api/v1/items/" + std::to_string(id) + "/deliveries");
  ASSERT_EQ(table.status, 200) << table.body;
  EXPECT_GT(table.json()["organisations"].get<int>(), 100);
  EXPECT_GE(table.json()["acknowledged"].get<int>(), 1);
  EXPECT_GT(table.json()["acknowledged_within"]["1h"].get<double>(), 0.0);
  ExpectProblem(member.Get("/api/v1/items/" + std::to_string(id) + "/deliveries"), 403,
                "forbidden");
}

// Issue 17: the national centre's item reaches the hubs' analysts; 電力ISAC relays it to its
// members, who see the chain by name but no link to the item they may not see; the
// originator's 展開状況 counts the hop.
TEST(Sharing, Issue17_AHubRelaysToItsMembersAndTheOriginatorSeesTheHop) {
  Session nco = As("officer@nco.example");
  json in = AmberToElectricity("展開の確認（国家サイバー統括室）");
  in["audience"]["roles"] = json::array({"hub_analyst"});
  auto pub = nco.Send("POST", "/api/v1/items", in);
  ASSERT_EQ(pub.status, 201) << pub.body;
  const std::string original = "/api/v1/items/" + pub.json()["id"].dump();

  Session analyst = As(kAnalyst);
  std::int64_t jeisac = 0, gas = 0;
  const json hubs = analyst.Get("/api/v1/hubs").json()["items"];
  for (const auto& h : hubs) {
    if (h["code"] == "jeisac") jeisac = h["id"].get<std::int64_t>();
    if (h["code"] == "gas-ceptoar") gas = h["id"].get<std::int64_t>();
  }
  ASSERT_GT(jeisac, 0);
  ASSERT_GT(gas, 0);
  auto relay = [&](const std::string& tlp, std::int64_t hub) {
    return json{{"tlp", tlp},
                {"audience", {{"hub_ids", {hub}}}},
                {"note", "会員の皆様へ展開します。"},
                {"action_requested", "自社のログを確認してください"}};
  };
  // Refused, each with its code, and nothing written.
  const auto before = analyst.Get("/api/v1/items?scope=sent&limit=200").json()["items"].size();
  ExpectProblem(analyst.Send("POST", original + "/relay", relay("GREEN", jeisac)), 400,
                "relay_label_widened", "tlp");
  ExpectProblem(analyst.Send("POST", original + "/relay", relay("RED", jeisac)), 409,
                "relay_red_never", "tlp");
  ExpectProblem(analyst.Send("POST", original + "/relay", relay("AMBER", gas)), 403, "forbidden",
                "audience.hub_ids[0]");
  EXPECT_EQ(analyst.Get("/api/v1/items?scope=sent&limit=200").json()["items"].size(), before);

  auto reach = analyst.Send("POST", original + "/relay/reach", relay("AMBER", jeisac));
  ASSERT_EQ(reach.status, 200) << reach.body;
  EXPECT_GT(reach.json()["people"].get<int>(), 100);
  auto done = analyst.Send("POST", original + "/relay", relay("AMBER", jeisac));
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(done.json()["relay_depth"], 1);
  EXPECT_EQ(done.json()["relay_note"], "会員の皆様へ展開します。");
  EXPECT_EQ(done.json()["provenance"].size(), 2u);
  EXPECT_EQ(done.json()["provenance"][0]["item_id"], pub.json()["id"]);
  const std::string relayed = "/api/v1/items/" + done.json()["id"].dump();

  Session member = As(kMember);
  auto got = member.Get(relayed);
  ASSERT_EQ(got.status, 200) << got.body;
  const json chain = got.json()["provenance"];
  ASSERT_EQ(chain.size(), 2u);
  EXPECT_EQ(chain[0]["name_ja"], "国家サイバー統括室");
  EXPECT_TRUE(chain[0]["item_id"].is_null()) << "no link to what the member may not see";
  EXPECT_EQ(chain[1]["name_ja"], "一般社団法人電力ISAC");
  EXPECT_TRUE(got.json()["can_relay"].get<bool>());
  EXPECT_EQ(got.json()["title"], "展開の確認（国家サイバー統括室）");
  ExpectProblem(member.Get(original), 404, "not_found");
  ExpectProblem(member.Send("POST", original + "/relay", relay("AMBER", jeisac)), 404, "not_found");
  ASSERT_EQ(member.Send("POST", relayed + "/acknowledge", json()).status, 200);
  ExpectProblem(member.Get(relayed + "/relays"), 403, "forbidden");

  auto hops = nco.Get(original + "/relays");
  ASSERT_EQ(hops.status, 200) << hops.body;
  ASSERT_EQ(hops.json()["hops"].size(), 2u);
  const json hop = hops.json()["hops"][1];
  EXPECT_EQ(hop["depth"], 1);
  EXPECT_EQ(hop["sender_org"]["name_ja"], "一般社団法人電力ISAC");
  EXPECT_GT(hop["people"].get<int>(), 100);
  EXPECT_GE(hop["acknowledged"].get<int>(), 1);
  EXPECT_GT(hop["acknowledged_within"]["1h"].get<double>(), 0.0);
  EXPECT_EQ(hops.json()["hops"][0]["people"].get<int>() > 0, true);
  // The relayer follows its own hop only.
  auto own = analyst.Get(relayed + "/relays");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json()["hops"].size(), 1u);
  ExpectProblem(analyst.Get(original + "/relays"), 403, "forbidden");
}

TEST(Sharing, TheSenderRemindsThoseWhoHaveNotAcknowledged) {
  Session analyst = As(kAnalyst);
  auto pub = analyst.Send("POST", "/api/v1/items", AmberToElectricity("再通知の確認"));
  ASSERT_EQ(pub.status, 201);
  const std::string path = "/api/v1/items/" + pub.json()["id"].dump();
  const auto people = analyst.Get(path + "/deliveries").json()["people"].get<int>();
  ASSERT_EQ(As(kMember).Send("POST", path + "/acknowledge", json()).status, 200);
  auto r = analyst.Send("POST", path + "/reminders", json());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["queued"].get<int>(), people - 1) << "everyone but the one who acknowledged";
  ExpectProblem(As(kMember).Send("POST", path + "/reminders", json()), 403, "forbidden");
  json no_action = AmberToElectricity("要請なし");
  no_action.erase("action_requested");
  no_action.erase("action_due_at");
  auto plain = analyst.Send("POST", "/api/v1/items", no_action);
  ExpectProblem(
      analyst.Send("POST", "/api/v1/items/" + plain.json()["id"].dump() + "/reminders", json()),
      409, "no_action_requested");
}

// Issue 16, sending is deliberate: the confirmation's counts are the very fan-out's. For
// audiences of every shape the preview (POST /items/reach, nothing stored) says the
// organisations and people the delivery table then shows.
TEST(Sharing, Issue16_ThePreviewReachesExactlyWhomThePublicationReaches) {
  Session analyst = As(kAnalyst);
  Session member = As(kMember);
  const json me = member.Get("/api/v1/me").json();
  const auto member_id = me["user_id"].get<std::int64_t>();
  const auto gas_id = As(kGasMember).Get("/api/v1/me").json()["user_id"].get<std::int64_t>();
  const auto hub = analyst.Get("/api/v1/me").json()["secretariat_of_hub_ids"][0].get<int>();
  const auto own_org = me["org_id"].get<std::int64_t>();

  json sector = AmberToElectricity("確認: 分野宛");
  json hub_green = AmberToElectricity("確認: ハブ宛");
  hub_green["tlp"] = "GREEN";
  hub_green["audience"] = {{"hub_ids", {hub}}, {"roles", {"hub_analyst"}}};
  json strict = AmberToElectricity("確認: 組織宛");
  strict["tlp"] = "AMBER+STRICT";
  strict["audience"] = {{"org_ids", {own_org}}};
  json red = AmberToElectricity("確認: 個人宛");
  red["tlp"] = "RED";
  red["audience"] = {{"user_ids", {member_id, gas_id}}};
  for (const json& in : {sector, hub_green, strict, red}) {
    const std::string title = in["title"];
    const auto sent_before = analyst.Get("/api/v1/items?scope=sent&limit=200").json();
    auto reach = analyst.Send("POST", "/api/v1/items/reach", in);
    ASSERT_EQ(reach.status, 200) << title << reach.body;
    EXPECT_EQ(analyst.Get("/api/v1/items?scope=sent&limit=200").json()["items"].size(),
              sent_before["items"].size())
        << title << ": the preview stores nothing";
    auto pub = analyst.Send("POST", "/api/v1/items", in);
    ASSERT_EQ(pub.status, 201) << title << pub.body;
    auto table = analyst.Get("/api/v1/items/" + pub.json()["id"].dump() + "/deliveries");
    ASSERT_EQ(table.status, 200) << table.body;
    EXPECT_EQ(reach.json()["people"], table.json()["people"]) << title;
    EXPECT_EQ(reach.json()["organisations"], table.json()["organisations"]) << title;
    EXPECT_GT(reach.json()["people"].get<int>(), 0) << title;
    EXPECT_LE(reach.json()["mails"].get<int>(), reach.json()["people"].get<int>()) << title;
  }
  auto red_reach = analyst.Send("POST", "/api/v1/items/reach", red).json();
  EXPECT_EQ(red_reach["people"], 2);
  EXPECT_EQ(red_reach["organisations"], 2) << "the two named people's organisations";

  // Whoever may not publish gets the publication's own answer, and the bad input its 400.
  ExpectProblem(member.Send("POST", "/api/v1/items/reach", sector), 403, "forbidden");
  json bad = strict;
  bad["audience"] = {{"sector_ids", {"electricity"}}};
  ExpectProblem(analyst.Send("POST", "/api/v1/items/reach", bad), 400, "tlp_audience_mismatch",
                "audience.sector_ids");
}

// The revision's preview counts every recipient (all of them read it again) and stores
// no version; the reminder's preview counts whom the reminder then mails, and does not
// use up the hour a reminder waits for.
TEST(Sharing, Issue16_RevisionAndReminderPreviewsCountWhomTheyReach) {
  Session analyst = As(kAnalyst);
  auto pub = analyst.Send("POST", "/api/v1/items", AmberToElectricity("確認: 再通知"));
  ASSERT_EQ(pub.status, 201) << pub.body;
  const std::string path = "/api/v1/items/" + pub.json()["id"].dump();
  ASSERT_EQ(As(kMember).Send("POST", path + "/acknowledge", json()).status, 200);
  const json table = analyst.Get(path + "/deliveries").json();

  json revision = {{"title", "確認: 再通知（更新）"},
                   {"body", "対象機器を追記。"},
                   {"action_requested", "ファイアウォールのログを確認し、受領確認してください"},
                   {"action_due_at", "2030-04-01T17:00:00+09:00"},
                   {"note", "対象機器を追記"}};
  auto rev = analyst.Send("POST", path + "/reach", revision);
  ASSERT_EQ(rev.status, 200) << rev.body;
  EXPECT_EQ(rev.json()["people"], table["people"]);
  EXPECT_EQ(rev.json()["organisations"], table["organisations"]);
  EXPECT_EQ(analyst.Get(path).json()["version"], 1) << "the preview made no version";
  ExpectProblem(As(kMember).Send("POST", path + "/reach", revision), 403, "forbidden");
  ExpectProblem(As(kGasMember).Send("POST", path + "/reach", revision), 404, "not_found");

  auto preview = analyst.Get(path + "/reminders/reach");
  ASSERT_EQ(preview.status, 200) << preview.body;
  std::set<std::int64_t> outstanding_orgs;
  for (const auto& d : table["people_detail"])
    if (d["acknowledged_at"].is_null()) outstanding_orgs.insert(d["org_id"].get<std::int64_t>());
  EXPECT_EQ(preview.json()["mails"], preview.json()["people"]);
  EXPECT_LT(preview.json()["people"].get<int>(), table["people"].get<int>())
      << "not the member who acknowledged";
  EXPECT_LE(preview.json()["organisations"].get<std::size_t>(), outstanding_orgs.size());
  EXPECT_GT(preview.json()["organisations"].get<int>(), 0);
  EXPECT_EQ(analyst.Get(path + "/reminders/reach").json(), preview.json()) << "nothing changed";
  ExpectProblem(As(kMember).Get(path + "/reminders/reach"), 403, "forbidden");
  ExpectProblem(As(kGasMember).Get(path + "/reminders/reach"), 404, "not_found");
  auto sent = analyst.Send("POST", path + "/reminders", json());
  ASSERT_EQ(sent.status, 200) << sent.body << " (the preview did not take the hour)";
  EXPECT_EQ(sent.json()["queued"], preview.json()["people"]);
  ExpectProblem(analyst.Get(path + "/reminders/reach"), 429, "remind_too_soon");
}

// Issue 16: a draft (下書き) reaches nobody — not in any recipient's list, count or item —
// until it is published; then it reaches exactly whom the preview said, once.
TEST(Sharing, Issue16_ADraftReachesNobodyUntilItIsPublished) {
  Session analyst = As(kAnalyst);
  Session member = As(kMember);
  const auto counts_before = member.Get("/api/v1/items/counts").json();
  json in = AmberToElectricity("下書き: 変電所の点検依頼");
  in["draft"] = true;
  auto saved = analyst.Send("POST", "/api/v1/items", in);
  ASSERT_EQ(saved.status, 201) << saved.body;
  EXPECT_EQ(saved.json()["state"], "draft");
  const auto id = saved.json()["id"].get<std::int64_t>();
  const std::string path = "/api/v1/items/" + std::to_string(id);
  EXPECT_TRUE(Contains(analyst.Get("/api/v1/items?scope=drafts").json(), id));
  EXPECT_FALSE(Contains(analyst.Get("/api/v1/items?scope=sent&limit=200").json(), id));
  EXPECT_FALSE(Contains(analyst.Get("/api/v1/items?scope=all&limit=200").json(), id));

  // A recipient-to-be and another sector see nothing of it.
  ExpectProblem(member.Get(path), 404, "not_found");
  EXPECT_FALSE(Contains(member.Get("/api/v1/items?scope=drafts").json(), id));
  EXPECT_FALSE(Contains(member.Get("/api/v1/items?scope=all&limit=200").json(), id));
  EXPECT_EQ(member.Get("/api/v1/items/counts").json(), counts_before);
  ExpectProblem(As(kGasMember).Get(path), 404, "not_found");
  ExpectProblem(member.Send("POST", path + "/publish", json()), 404, "not_found");

  // What only a published item does is refused; a draft has no deliveries yet.
  ExpectProblem(analyst.Send("POST", path + "/reminders", json()), 409, "item_is_draft");
  ExpectProblem(analyst.Send("PATCH", path, {{"title", "x"}, {"body", "y"}}), 409, "item_is_draft");
  EXPECT_EQ(analyst.Get(path + "/deliveries").json()["people"], 0);

  // Changed, previewed, published: the reach is the deliveries, and it is published once.
  json changed = AmberToElectricity("下書き: 変電所の点検依頼（確定）");
  auto put = analyst.Send("PUT", path + "/draft", changed);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json()["title"], "下書き: 変電所の点検依頼（確定）");
  auto reach = analyst.Get(path + "/publish/reach");
  ASSERT_EQ(reach.status, 200) << reach.body;
  EXPECT_EQ(analyst.Get(path).json()["state"], "draft") << "the preview published nothing";
  auto pub = analyst.Send("POST", path + "/publish", json());
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(pub.json()["state"], "published");
  auto table = analyst.Get(path + "/deliveries").json();
  EXPECT_EQ(table["people"], reach.json()["people"]);
  EXPECT_EQ(table["organisations"], reach.json()["organisations"]);
  EXPECT_GT(table["people"].get<int>(), 100);
  ExpectProblem(analyst.Send("POST", path + "/publish", json()), 409, "item_not_draft");
  ExpectProblem(analyst.Send("PUT", path + "/draft", changed), 409, "item_not_draft");
  EXPECT_FALSE(Contains(analyst.Get("/api/v1/items?scope=drafts").json(), id));
  EXPECT_TRUE(Contains(analyst.Get("/api/v1/items?scope=sent&limit=200").json(), id));
  EXPECT_EQ(member.Get(path).status, 200) << "now the member has it";
  ExpectProblem(member.Send("PUT", path + "/draft", changed), 403, "forbidden");

  // A draft may wait for its audience; publishing it without one is refused.
  json empty = AmberToElectricity("下書き: 宛先未定");
  empty.erase("audience");
  empty["draft"] = true;
  auto open = analyst.Send("POST", "/api/v1/items", empty);
  ASSERT_EQ(open.status, 201) << open.body;
  ExpectProblem(
      analyst.Send("POST", "/api/v1/items/" + open.json()["id"].dump() + "/publish", json()), 400,
      "tlp_audience_mismatch");
  ExpectProblem(member.Send("POST", "/api/v1/items", empty), 403, "forbidden");
}

// Issue 16, 決裁: the national centre (demo) requires a second officer's approval before
// AMBER+STRICT and RED leave. The item waits, reaching nobody, seen by its author and the
// centre's publishers; another officer approves it (then it reaches its audience) or
// returns it with a reason; the author never approves.
TEST(Sharing, Issue16_ARedItemOfTheNationalCentreWaitsForASecondOfficer) {
  Session author = As("officer@nco.example");
  Session approver = As("cyber@nco.example");
  Session meti = As("officer@meti.example");
  const auto meti_id = meti.Get("/api/v1/me").json()["user_id"].get<std::int64_t>();
  json red = {{"kind", "alert"},
              {"tlp", "RED"},
              {"title", "決裁テスト: 送電網を狙う攻撃計画"},
              {"body", "名前を挙げた方に限って共有します。"},
              {"audience", {{"user_ids", {meti_id}}}}};
  auto reach = author.Send("POST", "/api/v1/items/reach", red);
  ASSERT_EQ(reach.status, 200) << reach.body;
  EXPECT_EQ(reach.json()["needs_approval"], true);
  EXPECT_EQ(reach.json()["people"], 1);
  auto pub = author.Send("POST", "/api/v1/items", red);
  ASSERT_EQ(pub.status, 201) << pub.body;
  EXPECT_EQ(pub.json()["state"], "pending_approval");
  EXPECT_EQ(pub.json()["can_approve"], false);
  const auto id = pub.json()["id"].get<std::int64_t>();
  const std::string path = "/api/v1/items/" + std::to_string(id);

  // Nobody else sees it; the recipient-to-be has nothing yet.
  ExpectProblem(meti.Get(path), 404, "not_found");
  ExpectProblem(As(kAnalyst).Get(path), 404, "not_found");
  ExpectProblem(meti.Send("POST", path + "/approve", json()), 404, "not_found");
  EXPECT_TRUE(Contains(author.Get("/api/v1/items?scope=drafts").json(), id));
  EXPECT_FALSE(Contains(author.Get("/api/v1/items?scope=pending").json(), id));
  EXPECT_TRUE(Contains(approver.Get("/api/v1/items?scope=pending").json(), id));
  auto seen = approver.Get(path);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.json()["can_approve"], true);
  EXPECT_EQ(seen.json()["audience"]["user_ids"], json::array({meti_id}));

  // The author may not approve it, nor change it while it waits.
  ExpectProblem(author.Send("POST", path + "/approve", json()), 403, "approve_own_item");
  ExpectProblem(author.Get(path + "/approve/reach"), 403, "approve_own_item");
  ExpectProblem(author.Send("PUT", path + "/draft", red), 409, "item_pending_approval");
  ExpectProblem(approver.Send("POST", path + "/return", {{"reason", ""}}), 400, "required",
                "reason");

  // The approver's confirmation counts the reach; the approval sends it.
  auto approve_reach = approver.Get(path + "/approve/reach");
  ASSERT_EQ(approve_reach.status, 200) << approve_reach.body;
  EXPECT_EQ(approve_reach.json()["people"], 1);
  EXPECT_EQ(approve_reach.json()["needs_approval"], false);
  ExpectProblem(meti.Get(path), 404, "not_found");
  auto approved = approver.Send("POST", path + "/approve", json());
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["state"], "published");
  auto got = meti.Get(path);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_FALSE(got.json()["delivery"].is_null());
  ExpectProblem(approver.Send("POST", path + "/approve", json()), 404, "not_found");
  ExpectProblem(author.Send("POST", path + "/approve", json()), 409, "item_not_pending");

  // 差戻し: back to the author as a draft, with the reason.
  red["title"] = "決裁テスト: 差し戻される情報";
  auto second = author.Send("POST", "/api/v1/items", red);
  ASSERT_EQ(second.status, 201) << second.body;
  const std::string second_path = "/api/v1/items/" + second.json()["id"].dump();
  auto back =
      approver.Send("POST", second_path + "/return", {{"reason", "宛先を見直してください"}});
  ASSERT_EQ(back.status, 200) << back.body;
  auto mine = author.Get(second_path).json();
  EXPECT_EQ(mine["state"], "draft");
  EXPECT_EQ(mine["return_reason"], "宛先を見直してください");
  EXPECT_FALSE(mine["returned_at"].is_null());
  ExpectProblem(approver.Get(second_path), 404, "not_found");  // a RED draft is the author's
  ExpectProblem(author.Send("POST", second_path + "/recall", json()), 409, "item_not_pending");

  // Only administrators change the setting (hub staff manage their members otherwise).
  Session analyst = As(kAnalyst);
  const auto member_org = As(kMember).Get("/api/v1/me").json()["org_id"].dump();
  ExpectProblem(
      analyst.Send("PATCH", "/api/v1/organisations/" + member_org, {{"requires_approval", true}}),
      403, "approval_setting_admin_only", "requires_approval");
  const auto nco_org = author.Get("/api/v1/me").json()["org_id"].dump();
  EXPECT_EQ(author.Get("/api/v1/organisations/" + nco_org).json()["requires_approval"], true);
}

TEST(Sharing, APublishThatContradictsItsLabelIsRefusedAndWritesNothing) {
  Session analyst = As(kAnalyst);
  const auto before = analyst.Get("/api/v1/items?scope=sent&limit=200").json()["items"].size();
  json strict = AmberToElectricity("x");
  strict["tlp"] = "AMBER+STRICT";
  ExpectProblem(analyst.Send("POST", "/api/v1/items", strict), 400, "tlp_audience_mismatch",
                "audience.sector_ids");
  json red = AmberToElectricity("x");
  red["tlp"] = "RED";
  ExpectProblem(analyst.Send("POST", "/api/v1/items", red), 400, "tlp_audience_mismatch",
                "audience");
  json pub = AmberToElectricity("x");
  pub["public"] = true;
  ExpectProblem(analyst.Send("POST", "/api/v1/items", pub), 400, "tlp_audience_mismatch", "public");
  json bad = AmberToElectricity("x");
  bad["tlp"] = "YELLOW";
  ExpectProblem(analyst.Send("POST", "/api/v1/items", bad), 400, "invalid_value", "tlp");
  bad = AmberToElectricity("x");
  bad["audience"]["hub_ids"] = {"one"};
  ExpectProblem(analyst.Send("POST", "/api/v1/items", bad), 400, "wrong_type", "audience.hub_ids");
  bad = AmberToElectricity("x");
  bad["cve_ids"] = {"CVE-24-1"};
  ExpectProblem(analyst.Send("POST", "/api/v1/items", bad), 400, "invalid_cve", "cve_ids[0]");
  bad = AmberToElectricity("");
  ExpectProblem(analyst.Send("POST", "/api/v1/items", bad), 400, "required", "title");
  bad = AmberToElectricity("x");
  bad["colour"] = "amber";
  ExpectProblem(analyst.Send("POST", "/api/v1/items", bad), 400, "unknown_field", "colour");
  ExpectProblem(As(kMember).Send("POST", "/api/v1/items", AmberToElectricity("x")), 403,
                "forbidden");
  EXPECT_EQ(analyst.Get("/api/v1/items?scope=sent&limit=200").json()["items"].size(), before);
  ExpectProblem(analyst.Get("/api/v1/items/999999999"), 404, "not_found");
  ExpectProblem(analyst.Get("/api/v1/items/abc"), 404, "not_found");
  ExpectProblem(analyst.Get("/api/v1/items?tlp=PINK"), 400, "invalid_value", "tlp");
  ExpectProblem(analyst.Get("/api/v1/items?scope=everything"), 400, "invalid_value", "scope");
  ExpectProblem(analyst.Get("/api/v1/items?since=yesterday"), 400, "invalid_time", "since");
  ExpectProblem(analyst.Get("/api/v1/items?unread=yes"), 400, "invalid_value", "unread");
}

TEST(Sharing, RevisionsAreVersionedAndAWithdrawnItemSaysSo) {
  Session analyst = As(kAnalyst);
  json in = AmberToElectricity("初報: 遠隔監視装置の脆弱性");
  in["kind"] = "advisory";
  in["tlp"] = "GREEN";
  in["cve_ids"] = {"CVE-2026-10001"};
  in["affected_products"] = {"RemoteMon 2.0–2.3"};
  in["detection"] = "ログに /cgi-bin/diag への POST があるか確認";
  in["mitigation"] = "2.4 に更新。更新できない場合は管理画面を閉域に";
  auto pub = analyst.Send("POST", "/api/v1/items", in);
  ASSERT_EQ(pub.status, 201) << pub.body;
  const std::string path = "/api/v1/items/" + pub.json()["id"].dump();
  json rev = {{"title", "続報: 遠隔監視装置の脆弱性"},
              {"body", "修正版 2.4 が公開されました。"},
              {"cve_ids", {"CVE-2026-10001"}},
              {"note", "修正版の公開"}};
  auto r = analyst.Send("PATCH", path, rev);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["version"], 2);
  Session member = As(kMember);
  auto versions = member.Get(path + "/versions");
  ASSERT_EQ(versions.status, 200);
  ASSERT_EQ(versions.json()["items"].size(), 2u);
  EXPECT_EQ(versions.json()["items"][1]["title"], "初報: 遠隔監視装置の脆弱性");
  EXPECT_EQ(versions.json()["items"][1]["mitigation"], in["mitigation"]);
  ExpectProblem(member.Send("PATCH", path, rev), 403, "forbidden");
  ExpectProblem(analyst.Send("POST", path + "/withdraw", json::object()), 400, "required",
                "reason");
  ASSERT_EQ(analyst.Send("POST", path + "/withdraw", {{"reason", "誤報"}}).status, 200);
  auto seen = member.Get(path);
  EXPECT_EQ(seen.json()["withdrawn"], true);
  EXPECT_EQ(seen.json()["withdrawn_reason"], "誤報");
  ExpectProblem(analyst.Send("PATCH", path, rev), 409, "withdrawn");
}

// Issue 16: a revision reaches the member — unread again with the reason, the
// acknowledgement asked again when the action's due time changes, a file as a revision,
// and a withdrawn item's action no longer outstanding.
TEST(Sharing, Issue16_RevisionsReachTheMemberAndAskForAcknowledgementAgain) {
  Session analyst = As(kAnalyst);
  json in = AmberToElectricity("改版の確認: 制御系への不審な通信");
  in["tlp"] = "GREEN";
  auto pub = analyst.Send("POST", "/api/v1/items", in);
  ASSERT_EQ(pub.status, 201) << pub.body;
  const auto id = pub.json()["id"].get<std::int64_t>();
  const std::string path = "/api/v1/items/" + std::to_string(id);
  EXPECT_EQ(pub.json()["acknowledgement_version"], 1);
  EXPECT_TRUE(pub.json()["revised_at"].is_null());
  Session member = As(kMember);
  ASSERT_EQ(member.Get(path).status, 200);
  ASSERT_EQ(member.Send("POST", path + "/acknowledge", json()).status, 200);
  auto counts = [&] { return member.Get("/api/v1/items/counts").json(); };
  auto listed = [&](const std::string& query) -> json {
    const json page = member.Get("/api/v1/items?limit=200&" + query).json();
    for (const auto& it : page["items"])
      if (it["id"] == id) return it;
    return nullptr;
  };
  EXPECT_TRUE(listed("unread=true").is_null());
  const auto unread_before = counts()["unread"].get<int>();
  const auto outstanding_before = counts()["action_outstanding"].get<int>();

  // A revision of the body only: unread again with its reason; the acknowledgement stands.
  json rev = {{"title", in["title"]},
              {"body", "影響範囲に配電系を追加しました。"},
              {"action_requested", in["action_requested"]},
              {"action_due_at", in["action_due_at"]},
              {"note", "影響範囲の追記"}};
  auto r = analyst.Send("PATCH", path, rev);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["revision_note"], "影響範囲の追記");
  auto row = listed("unread=true");
  ASSERT_FALSE(row.is_null()) << "unread again";
  EXPECT_EQ(row["version"], 2);
  EXPECT_EQ(row["revision_note"], "影響範囲の追記");
  EXPECT_FALSE(row["revised_at"].is_null());
  EXPECT_FALSE(row["delivery"]["acknowledged_at"].is_null());
  EXPECT_EQ(counts()["unread"], unread_before + 1);
  EXPECT_EQ(counts()["action_outstanding"], outstanding_before);

  // A new due time: the acknowledgement is asked again; the history keeps version 1's.
  rev["action_due_at"] = "2030-04-08T17:00:00+09:00";
  rev["note"] = "期限の延長";
  r = analyst.Send("PATCH", path, rev);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["acknowledgement_version"], 3);
  row = listed("action=true");
  ASSERT_FALSE(row.is_null()) << "outstanding again";
  EXPECT_TRUE(row["delivery"]["acknowledged_at"].is_null());
  EXPECT_EQ(counts()["action_outstanding"], outstanding_before + 1);
  auto table = analyst.Get(path + "/deliveries");
  ASSERT_EQ(table.status, 200) << table.body;
  EXPECT_EQ(table.json()["acknowledged"], 0);
  EXPECT_EQ(table.json()["acknowledgement_version"], 3);
  json mine;
  const json people = table.json()["people_detail"];
  for (const auto& p : people)
    if (p["email"] == kMember) mine = p;
  ASSERT_FALSE(mine.is_null());
  EXPECT_TRUE(mine["acknowledged_at"].is_null());
  EXPECT_EQ(mine["last_acknowledged_version"], 1);
  EXPECT_FALSE(mine["last_acknowledged_at"].is_null());
  auto ack = member.Send("POST", path + "/acknowledge", json());
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_FALSE(ack.json()["delivery"]["acknowledged_at"].is_null());
  EXPECT_EQ(analyst.Get(path + "/deliveries").json()["acknowledged"], 1);

  // A file is a revision that names it; it asks nothing new.
  auto up = Http().Send("POST", path + "/attachments?filename=ioc.txt", "203.0.113.9\n",
                        {"Content-Type: text/plain", "Cookie: renkei_session=" + analyst.cookie(),
                         "X-CSRF-Token: " + analyst.csrf()});
  ASSERT_EQ(up.status, 201) << up.body;
  row = listed("unread=true");
  ASSERT_FALSE(row.is_null());
  EXPECT_EQ(row["version"], 4);
  EXPECT_EQ(row["revision_file"], "ioc.txt");
  EXPECT_FALSE(row["delivery"]["acknowledged_at"].is_null());
  EXPECT_EQ(member.Get(path + "/versions").json()["items"][0]["added_file"], "ioc.txt");

  // Withdrawn: still listed, its action not outstanding.
  rev["note"] = "再度の期限変更";
  rev["action_due_at"] = "2030-04-15T17:00:00+09:00";
  ASSERT_EQ(analyst.Send("PATCH", path, rev).status, 200);
  EXPECT_FALSE(listed("action=true").is_null());
  ASSERT_EQ(analyst.Send("POST", path + "/withdraw", {{"reason", "誤報"}}).status, 200);
  EXPECT_TRUE(listed("action=true").is_null());
  EXPECT_EQ(listed("")["withdrawn"], true);
  EXPECT_EQ(counts()["action_outstanding"], outstanding_before);
}

TEST(Sharing, AttachmentsAreCheckedAndServedSafelyToThoseWhoSeeTheItem) {
  Session analyst = As(kAnalyst);
  auto pub = analyst.Send("POST", "/api/v1/items", AmberToElectricity("IoC 一覧"));
  ASSERT_EQ(pub.status, 201);
  const std::string path = "/api/v1/items/" + pub.json()["id"].dump() + "/attachments";
  auto upload = [&](const std::string& name, const std::string& type, const std::string& data) {
    return Http().Send("POST", path + "?filename=" + name, data,
                       {"Content-Type: " + type, "Cookie: renkei_session=" + analyst.cookie(),
                        "X-CSRF-Token: " + analyst.csrf()});
  };
  auto ok = upload("ioc.txt", "text/plain", "203.0.113.9\nevil.example\n");
  ASSERT_EQ(ok.status, 201) << ok.body;
  ExpectProblem(upload("report.pdf", "application/pdf", "not a pdf"), 400, "content_mismatch",
                "content_type");
  ExpectProblem(upload("tool.exe", "application/x-msdownload", "MZ"), 415, "unsupported_file_type");
  ExpectProblem(upload("big.txt", "text/plain", std::string(10 * 1024 * 1024 + 1, 'a')), 413,
                "body_too_large");
  ExpectProblem(upload("../x.txt", "text/plain", "x"), 400, "invalid_filename", "filename");
  const std::string file = path + "/" + ok.json()["id"].dump();
  Session member = As(kMember);
  auto got = member.Get(file);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, "203.0.113.9\nevil.example\n");
  EXPECT_NE(got.header("content-disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(got.header("content-security-policy"), "default-src 'none'; sandbox");
  EXPECT_EQ(got.header("x-content-type-options"), "nosniff");
  ExpectProblem(As(kGasMember).Get(file), 404, "not_found");
  EXPECT_EQ(member.Get("/api/v1/items/" + pub.json()["id"].dump()).json()["attachments"].size(),
            1u);
}

TEST(Sharing, PublicClearItemsNeedNoSignInAndNothingElseIsPublic) {
  Session analyst = As(kAnalyst);
  json clear = {{"kind", "alert"},
                {"tlp", "CLEAR"},
                {"title", "フィッシング注意"},
                {"body", "公開情報です。"},
                {"public", true}};
  auto pub = analyst.Send("POST", "/api/v1/items", clear);
  ASSERT_EQ(pub.status, 201) << pub.body;
  auto amber = analyst.Send("POST", "/api/v1/items", AmberToElectricity("非公開"));
  auto list = Http().Send("GET", "/api/v1/public/items");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Contains(list.json(), pub.json()["id"].get<std::int64_t>()));
  EXPECT_FALSE(Contains(list.json(), amber.json()["id"].get<std::int64_t>()));
  EXPECT_EQ(Http().Send("GET", "/api/v1/public/items/" + pub.json()["id"].dump()).status, 200);
  ExpectProblem(Http().Send("GET", "/api/v1/public/items/" + amber.json()["id"].dump()), 404,
                "not_found");
  ExpectProblem(Http().Send("GET", "/api/v1/items/" + pub.json()["id"].dump()), 401,
                "unauthenticated");
  // A CLEAR item with no audience is visible to all, but delivered to nobody.
  ExpectProblem(
      As(kGasMember)
          .Send("POST", "/api/v1/items/" + pub.json()["id"].dump() + "/acknowledge", json()),
      409, "not_a_recipient");
}

TEST(Sharing, LiveEventsReachThoseWhoMaySeeTheItemAndNoOneElse) {
  Session analyst = As(kAnalyst);
  Session member = As(kMember);
  Session gas = As(kGasMember);
  EventStreamReader analyst_events(g->server->base_url(), "/api/v1/events", analyst.cookie());
  EventStreamReader member_events(g->server->base_url(), "/api/v1/events", member.cookie());
  EventStreamReader gas_events(g->server->base_url(), "/api/v1/events", gas.cookie());
  ASSERT_TRUE(member_events.WaitFor(": connected"));
  ASSERT_TRUE(gas_events.WaitFor(": connected"));
  ASSERT_TRUE(analyst_events.WaitFor(": connected"));
  auto pub = analyst.Send("POST", "/api/v1/items", AmberToElectricity("ライブ配信の確認"));
  ASSERT_EQ(pub.status, 201);
  const std::string data = "data: {\"item_id\":" + pub.json()["id"].dump() + "}";
  EXPECT_TRUE(member_events.WaitFor("event: published\n" + data)) << member_events.Text();
  // The member opens it: the sender hears of the delivery; the member does not.
  ASSERT_EQ(member.Get("/api/v1/items/" + pub.json()["id"].dump()).status, 200);
  EXPECT_TRUE(analyst_events.WaitFor("event: delivery\n" + data)) << analyst_events.Text();
  // A clear item reaches everyone, including the gas member, after the AMBER one:
  // so the gas member's stream has had every chance to carry the AMBER event.
  json clear = {{"kind", "alert"}, {"tlp", "CLEAR"}, {"title", "全員へ"}, {"body", "公開"}};
  auto pub2 = analyst.Send("POST", "/api/v1/items", clear);
  ASSERT_EQ(pub2.status, 201);
  EXPECT_TRUE(gas_events.WaitFor("data: {\"item_id\":" + pub2.json()["id"].dump() + "}"));
  EXPECT_EQ(gas_events.Text().find(data), std::string::npos) << gas_events.Text();
  EXPECT_EQ(member_events.Text().find("event: delivery"), std::string::npos);
  ExpectProblem(Http().Send("GET", "/api/v1/events"), 401, "unauthenticated");
}

TEST(Sharing, MailSettingsAreTheUsersOwn) {
  Session member = As(kMember);
  EXPECT_EQ(member.Get("/api/v1/me/notifications").json()["mode"], "immediate");
  ASSERT_EQ(member.Send("PUT", "/api/v1/me/notifications", {{"mode", "digest"}}).status, 200);
  EXPECT_EQ(member.Get("/api/v1/me/notifications").json()["mode"], "digest");
  ExpectProblem(member.Send("PUT", "/api/v1/me/notifications", {{"mode", "sometimes"}}), 400,
                "invalid_value", "mode");
  ASSERT_EQ(member.Send("PUT", "/api/v1/me/notifications", {{"mode", "immediate"}}).status, 200);
}

// %-encoding for a query value (the names below are UTF-8).
std::string QueryEscape(const std::string& s) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

TEST(Sharing, Finding12_AttachmentNamesMustFitTheTypeAndShowNoHiddenCharacters) {
  Session analyst = As(kAnalyst);
  auto pub = analyst.Send("POST", "/api/v1/items", AmberToElectricity("添付ファイル名の確認"));
  ASSERT_EQ(pub.status, 201) << pub.body;
  const std::string path = "/api/v1/items/" + pub.json()["id"].dump();
  auto upload = [&](const std::string& name, const std::string& type, const std::string& data) {
    return Http().Send("POST", path + "/attachments?filename=" + QueryEscape(name), data,
                       {"Content-Type: " + type, "Cookie: renkei_session=" + analyst.cookie(),
                        "X-CSRF-Token: " + analyst.csrf(), "Accept-Language: en"});
  };
  const std::string pdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  auto refused = [&](const std::string& name, const std::string& type, const std::string& says) {
    auto r = upload(name, type, type == "application/pdf" ? pdf : std::string("x\n"));
    ExpectProblem(r, 400, "invalid_filename", "filename");
    EXPECT_NE(r.json()["detail"].get<std::string>().find(says), std::string::npos) << r.body;
  };
  // "invoice\u202Efdp.exe" shows as "invoiceexe.pdf": refused for the control, before its type.
  refused("invoice\u202Efdp.exe", "application/pdf", "bidirectional control character U+202E");
  refused("report\u2066.pdf", "application/pdf", "U+2066");
  refused("report\u200F.pdf", "application/pdf", "U+200F");
  refused("report\u061C.pdf", "application/pdf", "U+061C");
  refused("re\u200Bport.pdf", "application/pdf", "invisible or control character U+200B");
  refused("\uFEFFreport.pdf", "application/pdf", "U+FEFF");
  refused("report\t.pdf", "application/pdf", "U+0009");
  refused("invoice.exe", "application/pdf", "must end in .pdf");
  refused("report.pdf", "text/plain", "must end in .txt, .log, .text");
  refused("report", "application/pdf", "no extension");
  EXPECT_EQ(analyst.Get(path).json()["attachments"].size(), 0u) << "nothing was stored";
  auto ok = upload("インシデント報告（第1報）.PDF", "application/pdf", pdf);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json()["filename"], "インシデント報告（第1報）.PDF");
  EXPECT_EQ(analyst.Get(path).json()["attachments"].size(), 1u);
}

// The item page named the audience's organisations and people by bare id (「#4338」). The sender
// now sees them by name; a hub analyst who sees the audience sees organisations by name but only
// that people were named; recipients see no audience at all.
TEST(Sharing, Issue16_TheAudienceIsShownByNameNotById) {
  Session analyst = As(kAnalyst);
  auto orgs =
      analyst.Get("/api/v1/organisations?q=%E6%9D%B1%E5%8C%97%E7%99%BA%E9%9B%BB");  // 東北発電
  ASSERT_EQ(orgs.status, 200) << orgs.body;
  const json org = orgs.json()["items"][0];
  const auto org_id = org["id"].get<std::int64_t>();
  auto users = analyst.Get("/api/v1/organisations/" + std::to_string(org_id) + "/users");
  ASSERT_EQ(users.status, 200) << users.body;
  const json people = users.json();
  std::int64_t member_id = 0;
  std::string member_name;
  for (const auto& u : people["items"]) {
    if (u["email"] == kMember) {
      member_id = u["id"].get<std::int64_t>();
      member_name = u["display_name"].get<std::string>();
    }
  }
  ASSERT_NE(member_id, 0);

  json amber = AmberToElectricity("組織名で示す宛先");
  amber["audience"] = {{"org_ids", {org_id}}};
  auto pub = analyst.Send("POST", "/api/v1/items", amber);
  ASSERT_EQ(pub.status, 201) << pub.body;
  const std::string path = "/api/v1/items/" + pub.json()["id"].dump();
  auto mine = analyst.Get(path);
  ASSERT_EQ(mine.status, 200) << mine.body;
  const json names = mine.json()["audience_names"];
  ASSERT_EQ(names["orgs"].size(), 1u) << names.dump();
  EXPECT_EQ(names["orgs"][0]["id"], org_id);
  EXPECT_EQ(names["orgs"][0]["name_ja"], org["name_ja"]);
  EXPECT_EQ(names["users"].size(), 0u);
  auto theirs = As(kMember).Get(path);
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  EXPECT_TRUE(theirs.json()["audience_names"].is_null()) << "recipients never see the audience";

  json red = AmberToElectricity("人名で示す宛先");
  red["tlp"] = "RED";
  red["audience"] = {{"user_ids", {member_id}}};
  auto red_pub = analyst.Send("POST", "/api/v1/items", red);
  ASSERT_EQ(red_pub.status, 201) << red_pub.body;
  auto red_item = analyst.Get("/api/v1/items/" + red_pub.json()["id"].dump());
  ASSERT_EQ(red_item.status, 200) << red_item.body;
  const json red_names = red_item.json()["audience_names"];
  ASSERT_EQ(red_names["users"].size(), 1u) << red_names.dump();
  EXPECT_EQ(red_names["users"][0]["id"], member_id);
  EXPECT_EQ(red_names["users"][0]["name"], member_name);
}

}  // namespace
}  // namespace renkei::testing
