// The SME desk (お助け隊, issue 19) over real HTTP, every answer checked against the OpenAPI
// document: the administrator registers a consortium for the demo's desk and enrols two SME
// organisations it adds through the directory; the desk agent takes a call, the SME sends the
// form, the agent works the ticket through a dispatch and a merge, the statistics move for the
// agent and the overseeing ministry; bad input gets a precise 4xx with the registry's code and
// writes nothing; others get 403/404.
#include <gtest/gtest.h>

#include "api/api_env.h"

namespace renkei::testing {
namespace {

using nlohmann::json;

constexpr const char* kAdmin = "admin@renkei.example";
constexpr const char* kAgent = "agent@otasuketai.example";
constexpr const char* kOfficer = "officer@meti.example";
constexpr const char* kMember = "member@denryoku.example";
constexpr const char* kSmePassword = "中小企業の初期パスワード-2026";

struct DeskWorld {
  std::int64_t consortium = 0, sme = 0, sme2 = 0, outsider_sme = 0;
  std::string sme_user, sme2_user, outsider_user;
};

std::int64_t MeOrg(const Session& s) { return s.Get("/api/v1/me").json()["org_id"]; }

// Made once per server: the demo has no desk data, so the test brings its own.
const DeskWorld& World() {
  static DeskWorld w = [] {
    DeskWorld d;
    const Session admin = As(kAdmin);
    auto org = [&](const std::string& name) {
      auto r = admin.Send("POST", "/api/v1/organisations",
                          {{"name_ja", name}, {"kind", "sme"}, {"prefecture", 14}});
      EXPECT_EQ(r.status, 201) << r.body;
      return r.json()["id"].get<std::int64_t>();
    };
    auto user = [&](std::int64_t org_id, const std::string& email) {
      auto r = admin.Send("POST", "/api/v1/users",
                          {{"org_id", org_id},
                           {"email", email},
                           {"display_name", "中小 太郎"},
                           {"roles", {"member"}},
                           {"password", kSmePassword}});
      EXPECT_EQ(r.status, 201) << r.body;
      return email;
    };
    d.sme = org("株式会社相模精工");
    d.sme2 = org("湘南電子有限会社");
    d.outsider_sme = org("未加入商事株式会社");
    d.sme_user = user(d.sme, "soumu@sagami.example");
    d.sme2_user = user(d.sme2, "it@shonan.example");
    d.outsider_user = user(d.outsider_sme, "info@mikanyu.example");
    const std::int64_t provider = MeOrg(As(kAgent));
    const std::int64_t meti = MeOrg(As(kOfficer));
    auto c = admin.Send("POST", "/api/v1/desk/consortia",
                        {{"code", "kanagawa-api"},
                         {"name_ja", "神奈川県お助け隊"},
                         {"region_ja", "神奈川県"},
                         {"prefectures", {14}},
                         {"provider_org_id", provider},
                         {"overseer_org_id", meti},
                         {"insurer", "相模損害保険"},
                         {"first_response_minutes", {{"urgent", 30}, {"normal", 120}}},
                         {"arrival_minutes", 180}});
    EXPECT_EQ(c.status, 201) << c.body;
    d.consortium = c.json()["id"].get<std::int64_t>();
    EXPECT_EQ(c.json()["first_response_minutes"]["normal"], 120);
    EXPECT_EQ(c.json()["first_response_minutes"]["high"], 60) << "the default kept";
    for (auto [sme, serial] : {std::pair{d.sme, "FGT-API-1"}, {d.sme2, "FGT-API-2"}}) {
      auto k = admin.Send("POST", "/api/v1/desk/contracts",
                          {{"consortium_id", d.consortium},
                           {"sme_org_id", sme},
                           {"plan", "network"},
                           {"starts_at", "2020-04-01T00:00:00+09:00"},
                           {"devices",
                            {{{"vendor", "fortigate"},
                              {"serial", serial},
                              {"address", "192.0.2.77"},
                              {"label", "本社"}}}}});
      EXPECT_EQ(k.status, 201) << k.body;
      EXPECT_EQ(k.json()["devices"], 1);
    }
    return d;
  }();
  return w;
}

Session AsSme(const std::string& email) {
  HttpResult r;
  Session s = SignIn(Http(), email, kSmePassword, &r);
  EXPECT_EQ(r.status, 200) << r.body;
  return s;
}

std::string At(std::int64_t id) { return "/api/v1/desk/tickets/" + std::to_string(id); }

// What a refused request must leave as it was: the desk's tickets and the audit log.
std::string Written() {
  const json tickets = As(kAgent).Get("/api/v1/desk/tickets?limit=200").json();
  std::string out = std::to_string(tickets["items"].size());
  for (const auto& t : tickets["items"]) out += "|" + t["updated_at"].dump() + t["status"].dump();
  const json audit = As(kAdmin).Get("/api/v1/audit?action=desk.&limit=200").json();
  return out + "#" + std::to_string(audit["items"].size());
}

TEST(DeskApi, AnAgentTakesACallTheSmeWritesAndTheTicketIsWorkedToTheEnd) {
  const auto& w = World();
  const Session agent = As(kAgent);
  const Session sme = AsSme(w.sme_user);
  // The agent's consortia and contracts; the SME's own contract.
  auto consortia = agent.Get("/api/v1/desk/consortia");
  ASSERT_EQ(consortia.status, 200) << consortia.body;
  // The demo's 神奈川 consortium and this test's own.
  EXPECT_EQ(consortia.json()["items"].size(), 2u);
  auto contracts =
      agent.Get("/api/v1/desk/contracts?q=%E7%9B%B8%E6%A8%A1%E7%B2%BE%E5%B7%A5");  // 相模精工
  ASSERT_EQ(contracts.status, 200) << contracts.body;
  ASSERT_EQ(contracts.json()["items"].size(), 1u);
  EXPECT_EQ(contracts.json()["items"][0]["devices"][0]["serial"], "FGT-API-1");
  EXPECT_EQ(sme.Get("/api/v1/desk/contracts").json()["items"].size(), 1u);

  auto call = agent.Send("POST", "/api/v1/desk/tickets",
                         {{"sme_org_id", w.sme},
                          {"channel", "phone"},
                          {"kind", "contact"},
                          {"category", "security"},
                          {"subject", "不審なメールの相談"},
                          {"body", "請求書を装ったメールが届いた。"},
                          {"caller", "総務 相模様"}});
  ASSERT_EQ(call.status, 201) << call.body;
  const json t = call.json()["ticket"];
  EXPECT_EQ(t["status"], "triage");
  EXPECT_FALSE(t["first_response_at"].is_null());
  EXPECT_TRUE(call.json()["desk_view"].get<bool>());
  const std::int64_t id = t["id"];

  auto form = sme.Send("POST", "/api/v1/desk/tickets",
                       {{"kind", "incident"},
                        {"category", "remote"},
                        {"subject", "パソコンが重い"},
                        {"body", "ウイルスかもしれません。"}});
  ASSERT_EQ(form.status, 201) << form.body;
  EXPECT_EQ(form.json()["ticket"]["channel"], "web");
  EXPECT_EQ(form.json()["ticket"]["priority"], "high");
  const std::int64_t dup = form.json()["ticket"]["id"];

  // Note, message, and the SME's view without the note.
  ASSERT_EQ(
      agent.Send("POST", At(id) + "/entries", {{"kind", "note"}, {"body", "社内メモ"}}).status,
      201);
  ASSERT_EQ(
      agent.Send("POST", At(id) + "/entries", {{"body", "お電話ありがとうございました。"}}).status,
      201);
  auto seen = sme.Get(At(id));
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_FALSE(seen.json()["desk_view"].get<bool>());
  // Kept alive while iterated: json() returns a temporary (ASan's heap-use-after-free).
  const json seen_body = seen.json();
  for (const auto& e : seen_body["entries"]) EXPECT_NE(e["kind"], "note");
  auto reply = sme.Send("POST", At(id) + "/entries", {{"body", "よろしくお願いします。"}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_TRUE(reply.json()["entries"].back()["from_sme"].get<bool>());

  // The SME's own list, the agent's filters.
  auto mine = sme.Get("/api/v1/desk/tickets");
  ASSERT_EQ(mine.status, 200);
  EXPECT_GE(mine.json()["items"].size(), 2u);
  auto open = agent.Get("/api/v1/desk/tickets?status=open&assignee=me&limit=1");
  ASSERT_EQ(open.status, 200) << open.body;
  ASSERT_EQ(open.json()["items"].size(), 1u);
  if (!open.json()["next_cursor"].is_null()) {
    auto next = agent.Get("/api/v1/desk/tickets?status=open&assignee=me&limit=1&cursor=" +
                          open.json()["next_cursor"].get<std::string>());
    EXPECT_EQ(next.status, 200) << next.body;
  }

  // Dispatch, steps, merge, resolve.
  auto dp = agent.Send("POST", At(id) + "/dispatches", {{"engineer", "技術 一郎"}});
  ASSERT_EQ(dp.status, 201) << dp.body;
  EXPECT_EQ(dp.json()["ticket"]["category"], "onsite");
  EXPECT_FALSE(dp.json()["ticket"]["arrival_due"].is_null());
  const std::string step = At(id) + "/dispatches/" + dp.json()["dispatches"][0]["id"].dump();
  ExpectProblem(agent.Send("POST", step + "/arrived", json()), 409, "desk_dispatch_order");
  ASSERT_EQ(agent.Send("POST", step + "/left", json()).status, 200);
  ASSERT_EQ(agent.Send("POST", step + "/arrived", json()).status, 200);
  auto finished = agent.Send("POST", step + "/finished", json());
  ASSERT_EQ(finished.status, 200) << finished.body;
  EXPECT_FALSE(finished.json()["dispatches"][0]["finished_at"].is_null());
  auto merged = agent.Send("POST", At(dup) + "/merge", {{"into", id}});
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_EQ(merged.json()["merged_from"], json::array({dup}));
  auto done = agent.Send("PATCH", At(id),
                         {{"status", "resolved"},
                          {"outcome", "端末を隔離し駆除した。"},
                          {"damage_estimate_yen", 120000}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["ticket"]["status"], "resolved");

  // The statistics: the agent and the overseeing ministry; not the SME.
  for (const char* who : {kAgent, kOfficer}) {
    auto st = As(who).Get("/api/v1/desk/stats?consortium=" + std::to_string(w.consortium));
    ASSERT_EQ(st.status, 200) << who << st.body;
    EXPECT_GE(st.json()["total"]["incidents"].get<int>(), 1) << st.body;
    EXPECT_GE(st.json()["total"]["dispatches"].get<int>(), 1);
    EXPECT_EQ(st.json()["total"]["participants"], 2);
  }
  ExpectProblem(sme.Get("/api/v1/desk/stats"), 403, "desk_stats_not_allowed");
  // Alerts: the SME's own page (none yet) and the agent naming it.
  EXPECT_EQ(sme.Get("/api/v1/desk/alerts").status, 200);
  EXPECT_EQ(agent.Get("/api/v1/desk/alerts?sme=" + std::to_string(w.sme)).status, 200);
  ExpectProblem(As(kMember).Get("/api/v1/desk/alerts?sme=" + std::to_string(w.sme)), 404,
                "not_found");
  EXPECT_EQ(As(kAdmin).Get("/api/v1/admin/intake").status, 200);
  ExpectProblem(agent.Get("/api/v1/admin/intake"), 403, "desk_intake_admins_only");
}

TEST(DeskApi, OthersGet404LikeAnUnknownTicket) {
  const auto& w = World();
  const Session agent = As(kAgent);
  auto call = agent.Send(
      "POST", "/api/v1/desk/tickets",
      {{"sme_org_id", w.sme}, {"channel", "mail"}, {"subject", "件名"}, {"body", "本文"}});
  ASSERT_EQ(call.status, 201) << call.body;
  const std::int64_t id = call.json()["ticket"]["id"];
  const json unknown = agent.Get(At(99999999)).json();
  for (const Session& s :
       {AsSme(w.sme2_user), AsSme(w.outsider_user), As(kMember), As(kOfficer), As(kAdmin)}) {
    auto r = s.Get(At(id));
    ExpectProblem(r, 404, "not_found");
    EXPECT_EQ(r.json()["detail"], unknown["detail"]);
    ExpectProblem(s.Send("POST", At(id) + "/entries", {{"body", "x"}}), 404, "not_found");
  }
  // An SME not enrolled sends no form; an agent names no SME of another consortium.
  ExpectProblem(AsSme(w.outsider_user)
                    .Send("POST", "/api/v1/desk/tickets", {{"subject", "相談"}, {"body", "本文"}}),
                403, "desk_own_not_enrolled");
  ExpectProblem(agent.Send("POST", "/api/v1/desk/tickets",
                           {{"sme_org_id", w.outsider_sme},
                            {"channel", "phone"},
                            {"subject", "相談"},
                            {"body", "本文"}}),
                400, "desk_not_enrolled", "sme_org_id");
}

TEST(DeskApi, BadInputGetsAPrecise4xxAndWritesNothing) {
  const auto& w = World();
  const Session agent = As(kAgent);
  const Session sme = AsSme(w.sme_user);
  auto made = agent.Send(
      "POST", "/api/v1/desk/tickets",
      {{"sme_org_id", w.sme}, {"channel", "mail"}, {"subject", "件名"}, {"body", "本文"}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::int64_t id = made.json()["ticket"]["id"];
  const std::string before = Written();
  const json good = {
      {"sme_org_id", w.sme}, {"channel", "phone"}, {"subject", "件名"}, {"body", "本文"}};
  auto with = [&](const std::string& key, json value) {
    json b = good;
    b[key] = std::move(value);
    return b;
  };
  // Wrong JSON, wrong types, unknown fields, missing and too long subject.
  auto raw =
      Http().Send("POST", "/api/v1/desk/tickets", "{\"subject\": ",
                  {"Content-Type: application/json", "Cookie: renkei_session=" + agent.cookie(),
                   "X-CSRF-Token: " + agent.csrf()});
  ExpectProblem(raw, 400, "invalid_json");
  ExpectProblem(agent.Send("POST", "/api/v1/desk/tickets", with("sme_org_id", "12")), 400,
                "wrong_type", "sme_org_id");
  ExpectProblem(agent.Send("POST", "/api/v1/desk/tickets", with("subject", 5)), 400, "wrong_type",
                "subject");
  ExpectProblem(agent.Send("POST", "/api/v1/desk/tickets", with("urgent", true)), 400,
                "unknown_field", "urgent");
  json no_subject = good;
  no_subject.erase("subject");
  ExpectProblem(agent.Send("POST", "/api/v1/desk/tickets", no_subject), 400, "required", "subject");
  ExpectProblem(agent.Send("POST", "/api/v1/desk/tickets", with("subject", "　")), 400, "required",
                "subject");
  ExpectProblem(agent.Send("POST", "/api/v1/desk/tickets", with("subject", std::string(201, 'a'))),
                400, "too_long", "subject");
  ExpectProblem(agent.Send("POST", "/api/v1/desk/tickets", with("category", "onsite")), 400,
                "desk_category_kind", "category");
  ExpectProblem(agent.Send("POST", "/api/v1/desk/tickets", with("channel", "web")), 400,
                "desk_channel_for_agent", "channel");
  // Unknown or malformed ids: 404.
  for (const char* path : {"/api/v1/desk/tickets/99999999", "/api/v1/desk/tickets/abc",
                           "/api/v1/desk/tickets/01", "/api/v1/desk/tickets/-1"})
    ExpectProblem(agent.Get(path), 404, "not_found");
  ExpectProblem(agent.Send("PATCH", "/api/v1/desk/tickets/99999999", {{"priority", "high"}}), 404,
                "not_found");
  ExpectProblem(agent.Send("POST", At(id) + "/merge", {{"into", 0}}), 404, "not_found", "into");
  // The SME changes nothing and writes no note.
  ExpectProblem(sme.Send("PATCH", At(id), {{"priority", "urgent"}}), 403, "desk_agents_only");
  ExpectProblem(sme.Send("POST", At(id) + "/entries", {{"kind", "note"}, {"body", "メモ"}}), 403,
                "desk_notes_agents_only", "kind");
  ExpectProblem(sme.Send("POST", At(id) + "/dispatches", {{"engineer", "私"}}), 403,
                "desk_agents_only");
  // Changes the rules refuse.
  ExpectProblem(agent.Send("PATCH", At(id), {{"status", "resolved"}}), 400, "desk_outcome_required",
                "outcome");
  ExpectProblem(agent.Send("PATCH", At(id), {{"status", "merged"}}), 400, "desk_status_merged",
                "status");
  ExpectProblem(agent.Send("PATCH", At(id), {{"priority", 3}}), 400, "wrong_type", "priority");
  ExpectProblem(agent.Send("PATCH", At(id), {{"colour", "red"}}), 400, "unknown_field", "colour");
  ExpectProblem(agent.Send("POST", At(id) + "/entries", {{"kind", "event"}, {"body", "x"}}), 400,
                "invalid_value", "kind");
  // Bad cursor, bad status filter, a period too long or reversed.
  ExpectProblem(agent.Get("/api/v1/desk/tickets?cursor=zzz"), 400, "invalid_cursor", "cursor");
  ExpectProblem(agent.Get("/api/v1/desk/tickets?status=closed"), 400, "invalid_value", "status");
  ExpectProblem(agent.Get("/api/v1/desk/tickets?limit=0"), 400, "out_of_range", "limit");
  ExpectProblem(agent.Get("/api/v1/desk/tickets?colour=red"), 400, "unknown_parameter", "colour");
  ExpectProblem(agent.Get("/api/v1/desk/stats?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z"),
                400, "desk_stats_period", "from");
  ExpectProblem(agent.Get("/api/v1/desk/stats?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"),
                400, "desk_stats_period", "from");
  ExpectProblem(agent.Get("/api/v1/desk/stats?from=yesterday"), 400, "invalid_time", "from");
  ExpectProblem(agent.Get("/api/v1/desk/stats?consortium=99999999"), 404, "not_found");
  EXPECT_EQ(Written(), before);
}

TEST(DeskApi, ConsortiaAndEnrolmentsAreTheAdministratorsAndTheDesks) {
  const auto& w = World();
  const Session admin = As(kAdmin);
  const Session agent = As(kAgent);
  const std::int64_t provider = MeOrg(agent);
  const std::string before = Written();
  const json good = {{"code", "other-api"},
                     {"name_ja", "別お助け隊"},
                     {"region_ja", "東京都"},
                     {"provider_org_id", provider}};
  ExpectProblem(agent.Send("POST", "/api/v1/desk/consortia", good), 403, "forbidden");
  json dup = good;
  dup["code"] = "kanagawa-api";
  ExpectProblem(admin.Send("POST", "/api/v1/desk/consortia", dup), 409,
                "desk_consortium_code_taken", "code");
  json not_provider = good;
  not_provider["provider_org_id"] = w.sme;
  ExpectProblem(admin.Send("POST", "/api/v1/desk/consortia", not_provider), 400,
                "desk_provider_not_found", "provider_org_id");
  json zero = good;
  zero["arrival_minutes"] = 0;
  ExpectProblem(admin.Send("POST", "/api/v1/desk/consortia", zero), 400, "desk_terms",
                "arrival_minutes");
  json nested = good;
  nested["first_response_minutes"] = {{"soon", 5}};
  ExpectProblem(admin.Send("POST", "/api/v1/desk/consortia", nested), 400, "unknown_field",
                "first_response_minutes.soon");
  const json contract = {{"consortium_id", w.consortium},
                         {"sme_org_id", w.outsider_sme},
                         {"starts_at", "2026-04-01T00:00:00+09:00"},
                         {"devices", {{{"vendor", "fortigate"}, {"serial", "FGT-API-1"}}}}};
  ExpectProblem(admin.Send("POST", "/api/v1/desk/contracts", contract), 409, "desk_serial_taken",
                "devices.serial");
  ExpectProblem(As(kMember).Send("POST", "/api/v1/desk/contracts", contract), 403,
                "desk_agents_only");
  json period = contract;
  period["devices"] = json::array();
  period["ends_at"] = "2026-03-01T00:00:00+09:00";
  ExpectProblem(admin.Send("POST", "/api/v1/desk/contracts", period), 400, "desk_contract_period",
                "ends_at");
  json operator_org = period;
  operator_org.erase("ends_at");
  operator_org["sme_org_id"] = MeOrg(As(kMember));
  ExpectProblem(admin.Send("POST", "/api/v1/desk/contracts", operator_org), 404, "not_found",
                "sme_org_id");
  json device_type = contract;
  device_type["devices"] = {{{"vendor", "fortigate"}, {"serial", 7}}};
  ExpectProblem(admin.Send("POST", "/api/v1/desk/contracts", device_type), 400, "wrong_type",
                "devices[0].serial");
  EXPECT_EQ(Written(), before);
}

// Files on entries: each side attaches to its own words; a note's file is the desk's only;
// a download is 404 to anyone who may not see its entry, exactly as for an unknown file.
TEST(DeskApi, FilesOnMessagesAndNotesReachExactlyThoseWhoSeeTheirEntry) {
  const auto& w = World();
  const Session agent = As(kAgent);
  const Session sme = AsSme(w.sme_user);
  auto call = agent.Send("POST", "/api/v1/desk/tickets",
                         {{"sme_org_id", w.sme},
                          {"channel", "phone"},
                          {"kind", "incident"},
                          {"category", "remote"},
                          {"subject", "UTMの警告画面について"},
                          {"body", "警告が表示された。"}});
  ASSERT_EQ(call.status, 201) << call.body;
  const std::int64_t id = call.json()["ticket"]["id"];
  // The newest entry of a kind on the writer's side, from the detail a write answers.
  auto newest = [](const HttpResult& r, const std::string& kind) {
    const json d = r.json();
    std::int64_t out = 0;
    for (const auto& e : d["entries"])
      if (e["kind"] == kind) out = e["id"];
    return out;
  };
  auto upload = [&](const Session& s, std::int64_t entry, const std::string& name,
                    const std::string& type, const std::string& data) {
    return Http().Send(
        "POST", At(id) + "/entries/" + std::to_string(entry) + "/attachments?filename=" + name,
        data,
        {"Content-Type: " + type, "Cookie: renkei_session=" + s.cookie(),
         "X-CSRF-Token: " + s.csrf()});
  };
  const std::int64_t note = newest(
      agent.Send("POST", At(id) + "/entries", {{"kind", "note"}, {"body", "ログを確認"}}), "note");
  const std::int64_t desk_msg =
      newest(agent.Send("POST", At(id) + "/entries", {{"body", "ログを添付します。"}}), "message");
  const std::int64_t sme_msg =
      newest(sme.Send("POST", At(id) + "/entries", {{"body", "画面の写真です。"}}), "message");
  ASSERT_TRUE(note && desk_msg && sme_msg);
  const std::string log = "date=2026-12-01 time=09:00:01 devname=FGT type=utm action=blocked\n";
  auto on_note = upload(agent, note, "utm.log", "text/plain", log);
  ASSERT_EQ(on_note.status, 201) << on_note.body;
  auto on_msg = upload(agent, desk_msg, "手順.txt", "text/plain", "再起動してください。");
  ASSERT_EQ(on_msg.status, 201) << on_msg.body;
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "picture";
  auto from_sme = upload(sme, sme_msg, "screen.png", "image/png", png);
  ASSERT_EQ(from_sme.status, 201) << from_sme.body;
  EXPECT_EQ(from_sme.json()["size"], png.size());

  const std::string before = Written();
  // Each side its own words; the SME does not see the note at all; the checks every area shares.
  ExpectProblem(upload(sme, desk_msg, "x.txt", "text/plain", "x"), 403, "desk_attach_own_side");
  ExpectProblem(upload(agent, sme_msg, "x.txt", "text/plain", "x"), 403, "desk_attach_own_side");
  ExpectProblem(upload(sme, note, "x.txt", "text/plain", "x"), 404, "not_found");
  ExpectProblem(upload(agent, 99999999, "x.txt", "text/plain", "x"), 404, "not_found");
  ExpectProblem(upload(agent, note, "x.pdf", "application/pdf", "not a pdf"), 400,
                "content_mismatch", "content_type");
  ExpectProblem(upload(agent, note, "x.html", "text/html", "<script>"), 415,
                "unsupported_file_type");
  ExpectProblem(upload(agent, note, "x.exe", "text/plain", "x"), 400, "invalid_filename",
                "filename");
  ExpectProblem(
      upload(agent, note, "big.txt", "text/plain", std::string(10 * 1024 * 1024 + 1, 'a')), 413,
      "body_too_large");
  ExpectProblem(upload(As(kMember), desk_msg, "x.txt", "text/plain", "x"), 404, "not_found");
  ExpectProblem(upload(AsSme(w.sme2_user), sme_msg, "x.txt", "text/plain", "x"), 404, "not_found");
  EXPECT_EQ(Written(), before) << "a refused upload writes nothing";

  // The lists: the desk sees three files, the SME the two on messages.
  auto count = [](const HttpResult& r) {
    const json d = r.json();
    size_t n = 0;
    for (const auto& e : d["entries"]) n += e["attachments"].size();
    return n;
  };
  EXPECT_EQ(count(agent.Get(At(id))), 3u);
  EXPECT_EQ(count(sme.Get(At(id))), 2u);
  auto file = [&](const HttpResult& up) {
    return At(id) + "/attachments/" + up.json()["id"].dump();
  };
  auto got = sme.Get(file(on_msg));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.body, "再起動してください。");
  EXPECT_EQ(got.header("content-security-policy"), "default-src 'none'; sandbox");
  EXPECT_NE(got.header("content-disposition").find("filename*=UTF-8''%E6%89%8B%E9%A0%86.txt"),
            std::string::npos)
      << got.header("content-disposition");
  auto mine = agent.Get(file(from_sme));
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.body, png);
  EXPECT_EQ(agent.Get(file(on_note)).body, log);
  // The note's file: 404 to the SME, like an unknown file; everyone else 404 for all three.
  ExpectProblem(sme.Get(file(on_note)), 404, "not_found");
  ExpectProblem(sme.Get(At(id) + "/attachments/99999999"), 404, "not_found");
  for (const Session& other :
       {AsSme(w.sme2_user), As(kOfficer), As(kMember), As(kAdmin), AsSme(w.outsider_user)}) {
    for (const auto* up : {&on_note, &on_msg, &from_sme})
      ExpectProblem(other.Get(file(*up)), 404, "not_found");
  }
  // On another ticket's path the file is not there.
  auto other = agent.Send(
      "POST", "/api/v1/desk/tickets",
      {{"sme_org_id", w.sme}, {"channel", "phone"}, {"subject", "別件"}, {"body", "別件の相談"}});
  ASSERT_EQ(other.status, 201);
  ExpectProblem(
      agent.Get(At(other.json()["ticket"]["id"]) + "/attachments/" + on_msg.json()["id"].dump()),
      404, "not_found");
  // Audited without the file's name (administrators read the log, not the ticket).
  auto audit = As(kAdmin).Get("/api/v1/audit?action=desk.ticket_attach&limit=10");
  ASSERT_EQ(audit.status, 200);
  const json entries = audit.json()["items"];
  ASSERT_GE(entries.size(), 3u);
  EXPECT_EQ(entries[0]["detail"].dump().find("screen"), std::string::npos);
}

// The statistics as a file: the pilot table's headings, the same rows and callers as the JSON,
// audited.
TEST(DeskApi, TheStatisticsExportAsCsvAndXlsxWithThePilotTablesHeadings) {
  const auto& w = World();
  const Session agent = As(kAgent);
  const std::string q = "consortium=" + std::to_string(w.consortium);
  auto stats = agent.Get("/api/v1/desk/stats?" + q);
  ASSERT_EQ(stats.status, 200) << stats.body;
  const json st = stats.json();
  auto csv = agent.Get("/api/v1/desk/stats/export?format=csv&lang=ja&" + q);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  ASSERT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.header("content-disposition").find("attachment; "), std::string::npos);
  // The records (no cell here holds a comma or a quote).
  std::vector<std::vector<std::string>> rows;
  {
    std::string text = csv.body.substr(3);
    for (size_t at = 0; at < text.size();) {
      const size_t end = text.find("\r\n", at);
      const std::string line = text.substr(at, end - at);
      std::vector<std::string> cells;
      for (size_t c = 0;;) {
        const size_t comma = line.find(',', c);
        cells.push_back(line.substr(c, comma - c));
        if (comma == std::string::npos) break;
        c = comma + 1;
      }
      rows.push_back(std::move(cells));
      if (end == std::string::npos) break;
      at = end + 2;
    }
  }
  ASSERT_EQ(rows.size(), st["rows"].size() + 2) << "the headings, a row each, the grand total";
  const std::vector<std::string> headings = {"地域",
                                             "コンソーシアム",
                                             "月",
                                             "参加中小企業数",
                                             "コールセンター対応（総数）",
                                             "実証参加に関する問い合わせ",
                                             "セキュリティ機器設置等の問い合わせ",
                                             "セキュリティ対応の相談",
                                             "その他（コールセンター対応）",
                                             "インシデント等対応（総数）",
                                             "電話およびリモートによるインシデント対応",
                                             "訪問によるインシデント対応",
                                             "機器設置等のトラブル対応",
                                             "その他（インシデント等対応）",
                                             "駆付け件数",
                                             "初動対応までの時間（中央値・分）",
                                             "現地到着までの時間（中央値・分）",
                                             "被害想定額（円）"};
  EXPECT_EQ(rows[0], headings);
  const json total = st["total"];
  const auto& last = rows.back();
  ASSERT_EQ(last.size(), headings.size());
  EXPECT_EQ(last[0], "全地域");
  EXPECT_EQ(last[2], "期間合計");
  EXPECT_EQ(last[4], std::to_string(total["contacts"].get<std::int64_t>()));
  EXPECT_EQ(last[9], std::to_string(total["incidents"].get<std::int64_t>()));
  EXPECT_EQ(last[7], std::to_string(total["contact_by_category"]["security"].get<std::int64_t>()));
  EXPECT_EQ(last[11], std::to_string(total["incident_by_category"]["onsite"].get<std::int64_t>()));
  EXPECT_EQ(last[14], std::to_string(total["dispatches"].get<std::int64_t>()));
  EXPECT_GT(total["contacts"].get<std::int64_t>() + total["incidents"].get<std::int64_t>(), 0);
  const json first = st["rows"][0];
  EXPECT_EQ(rows[1][1], first["consortium_name"].get<std::string>());
  EXPECT_EQ(rows[1][2], first["month"].get<std::string>());
  auto en = agent.Get("/api/v1/desk/stats/export?format=csv&lang=en&" + q);
  ASSERT_EQ(en.status, 200);
  EXPECT_EQ(en.body.substr(3, 7), "Region,");
  auto xlsx = agent.Get("/api/v1/desk/stats/export?" + q);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.header("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  // The overseeing ministry too; nobody else.
  EXPECT_EQ(As(kOfficer).Get("/api/v1/desk/stats/export?format=csv&" + q).status, 200);
  ExpectProblem(AsSme(w.sme_user).Get("/api/v1/desk/stats/export"), 403, "desk_stats_not_allowed");
  ExpectProblem(As(kMember).Get("/api/v1/desk/stats/export"), 403, "desk_stats_not_allowed");
  ExpectProblem(As(kMember).Get("/api/v1/desk/stats/export?" + q), 404, "not_found");
  ExpectProblem(agent.Get("/api/v1/desk/stats/export?format=pdf"), 400, "invalid_value", "format");
  ExpectProblem(
      agent.Get("/api/v1/desk/stats/export?from=2026-12-01T00:00:00Z&to=2026-01-01T00:00:00Z"), 400,
      "desk_stats_period", "from");
  // Each export is in the audit log with its format and filter.
  auto audit = As(kAdmin).Get("/api/v1/audit?action=export.desk_stats&limit=10");
  ASSERT_EQ(audit.status, 200);
  const json items = audit.json()["items"];
  ASSERT_GE(items.size(), 4u);
  EXPECT_EQ(items[0]["detail"]["format"], "csv");
  EXPECT_EQ(items[0]["detail"]["filter"]["consortium"], w.consortium);
  EXPECT_EQ(items[0]["target_type"], "desk_consortium");
}

}  // namespace
}  // namespace renkei::testing
