// Mail over real SMTP (Debian's aiosmtpd on loopback): what each label lets into a
// message, who receives it, digests, and the outbox surviving a crash without losing
// or duplicating mail.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <thread>

#include "app/platform.h"
#include "core/time_format.h"
#include "domain/auth/auth_store.h"
#include "domain/community/community_service.h"
#include "domain/directory/directory_service.h"
#include "domain/directory/directory_store.h"
#include "domain/outbox/mail_worker.h"
#include "domain/reporting/reporting_service.h"
#include "domain/sharing/mail.h"
#include "domain/sharing/sharing_service.h"
#include "mail/smtp_sender.h"
#include "storage/survey_world.h"
#include "storage/world.h"
#include "support/catalogs.h"
#include "support/http_client.h"
#include "support/server_process.h"
#include "support/smtp_server.h"
#include "support/test_db.h"

namespace renkei::testing {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "demo-password-for-mail-tests";

class MailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_url_ = DemoDatabaseUrl(kPassword);
    smtp_ = std::make_unique<SmtpServer>();
    ASSERT_TRUE(smtp_->ready()) << "aiosmtpd did not start (apt-get install python3-aiosmtpd)";
  }
  void StartServer(bool with_smtp, std::vector<std::string> env = {}) {
    for (const char* e : {"RENKEI_SIGNIN_IP_LIMIT=100000",
                          "RENKEI_WEB_ROOT=", "RENKEI_BASE_URL=https://renkei.example.jp",
                          "RENKEI_MAIL_FROM=noreply@renkei.example.jp"})
      env.emplace_back(e);
    if (with_smtp) env.push_back("RENKEI_SMTP_URL=" + smtp_->url());
    server_ = std::make_unique<ServerProcess>(db_url_, env);
    ASSERT_TRUE(server_->ready());
    http_ = std::make_unique<HttpClient>(server_->base_url());
  }
  Session As(const std::string& email) { return SignIn(*http_, email, kPassword); }
  // The member organisation 東北発電 and the e-mail addresses of its people.
  std::pair<std::int64_t, std::set<std::string>> Denryoku(const Session& analyst) {
    auto orgs = analyst.Get("/api/v1/organisations?q=%E6%9D%B1%E5%8C%97%E7%99%BA%E9%9B%BB");
    EXPECT_EQ(orgs.status, 200) << orgs.body;
    const auto id = orgs.json()["items"][0]["id"].get<std::int64_t>();
    std::set<std::string> emails;
    auto users = analyst.Get("/api/v1/organisations/" + std::to_string(id) + "/users");
    EXPECT_EQ(users.status, 200) << users.body;
    const json list = users.json();  // kept alive for the loop
    for (const auto& u : list["items"]) emails.insert(u["email"].get<std::string>());
    return {id, emails};
  }
  json Item(const std::string& tlp, std::int64_t org) {
    return {{"kind", "alert"},
            {"tlp", tlp},
            {"title", "極秘タイトル: 制御系への侵入"},
            {"body", "本文 SECRET-BODY"},
            {"action_requested", "要請 SECRET-ACTION"},
            {"audience", {{"org_ids", {org}}}}};
  }

  std::string db_url_;
  std::unique_ptr<SmtpServer> smtp_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> http_;
};

TEST_F(MailTest, AmberMailCarriesTheLabelAndTheLinkButNoContent) {
  StartServer(true);
  Session analyst = As("analyst@jeisac.example");
  auto [org, emails] = Denryoku(analyst);
  ASSERT_GE(emails.size(), 2u);
  auto pub = analyst.Send("POST", "/api/v1/items", Item("AMBER+STRICT", org));
  ASSERT_EQ(pub.status, 201) << pub.body;
  const std::string link = "https://renkei.example.jp/items/" + pub.json()["id"].dump();
  auto mail = smtp_->WaitFor(emails.size());
  std::set<std::string> to;
  for (const auto& m : mail) {
    to.insert(m.to);
    EXPECT_EQ(m.subject.rfind("[TLP:AMBER+STRICT] ", 0), 0u) << m.subject;
    EXPECT_EQ(m.text.rfind("TLP:AMBER+STRICT\n", 0), 0u) << m.text;
    EXPECT_NE(m.text.find(link), std::string::npos) << m.text;
    for (const char* secret : {"極秘タイトル", "SECRET-BODY", "SECRET-ACTION"}) {
      EXPECT_EQ(m.raw.find(secret), std::string::npos) << secret;
      EXPECT_EQ(m.subject.find(secret), std::string::npos) << secret;
      EXPECT_EQ(m.text.find(secret), std::string::npos) << secret;
    }
  }
  EXPECT_EQ(to, emails);

  // RED to one named person: only that person is mailed, and the mail is sealed too.
  auto users = analyst.Get("/api/v1/organisations/" + std::to_string(org) + "/users");
  const json list = users.json();
  std::int64_t member_id = 0;
  for (const auto& u : list["items"])
    if (u["email"] == "member@denryoku.example") member_id = u["id"].get<std::int64_t>();
  json red = Item("RED", org);
  red["audience"] = {{"user_ids", {member_id}}};
  ASSERT_EQ(analyst.Send("POST", "/api/v1/items", red).status, 201);
  mail = smtp_->WaitFor(emails.size() + 1);
  ASSERT_EQ(mail.size(), emails.size() + 1);
  int red_mails = 0;
  for (const auto& m : mail) {
    if (m.subject.rfind("[TLP:RED] ", 0) != 0) continue;
    ++red_mails;
    EXPECT_EQ(m.to, "member@denryoku.example");
    EXPECT_EQ(m.text.rfind("TLP:RED\n", 0), 0u) << m.text;
    for (const char* secret : {"極秘タイトル", "SECRET-BODY", "SECRET-ACTION"}) {
      EXPECT_EQ(m.text.find(secret), std::string::npos) << secret;
      EXPECT_EQ(m.subject.find(secret), std::string::npos) << secret;
    }
  }
  EXPECT_EQ(red_mails, 1);
}

TEST_F(MailTest, GreenMailCarriesTheTextWhenAskedAndDigestReadersWait) {
  StartServer(true);
  Session analyst = As("analyst@jeisac.example");
  auto [org, emails] = Denryoku(analyst);
  Session member = As("member@denryoku.example");
  ASSERT_EQ(member.Send("PUT", "/api/v1/me/notifications", {{"mode", "digest"}}).status, 200);
  json in = Item("GREEN", org);
  in["mail_text"] = true;
  ASSERT_EQ(analyst.Send("POST", "/api/v1/items", in).status, 201);
  auto mail = smtp_->WaitFor(emails.size() - 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  mail = smtp_->Messages();
  ASSERT_EQ(mail.size(), emails.size() - 1);
  for (const auto& m : mail) {
    EXPECT_NE(m.to, "member@denryoku.example") << "digest readers get no immediate mail";
    EXPECT_EQ(m.subject, "[TLP:GREEN] 注意喚起: 極秘タイトル: 制御系への侵入");
    EXPECT_NE(m.text.find("SECRET-BODY"), std::string::npos) << m.text;
    EXPECT_NE(m.text.find("要請事項: 要請 SECRET-ACTION"), std::string::npos) << m.text;
  }
}

TEST_F(MailTest, TheOutboxSurvivesACrashAndSendsEachMessageOnce) {
  // Published while the server has no mail route, then the server dies (SIGKILL).
  StartServer(false);
  Session analyst = As("analyst@jeisac.example");
  auto [org, emails] = Denryoku(analyst);
  ASSERT_EQ(analyst.Send("POST", "/api/v1/items", Item("GREEN", org)).status, 201);
  ASSERT_EQ(analyst.Send("POST", "/api/v1/items", Item("AMBER", org)).status, 201);
  server_->Kill();
  EXPECT_TRUE(smtp_->Messages().empty());
  // Restarted with SMTP: everything queued goes out, once.
  StartServer(true);
  auto mail = smtp_->WaitFor(2 * emails.size());
  std::this_thread::sleep_for(std::chrono::seconds(6));  // longer than a worker tick
  ASSERT_TRUE(server_->Stop());
  StartServer(true);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  mail = smtp_->Messages();
  std::map<std::string, int> per_recipient;
  std::set<std::string> ids;
  for (const auto& m : mail) {
    ++per_recipient[m.to];
    ids.insert(m.message_id);
  }
  EXPECT_EQ(mail.size(), 2 * emails.size());
  EXPECT_EQ(ids.size(), mail.size()) << "no Message-ID twice";
  for (const auto& e : emails) EXPECT_EQ(per_recipient[e], 2) << e;
}

// Killed while its lanes are sending a large alert: after the restart every message
// arrives, the ones the dead server had claimed once its claims went stale (the lease),
// and at most one per lane arrives twice, with the same Message-ID (the one each lane
// had handed to the relay but not yet recorded), so mail clients drop the copy.
TEST_F(MailTest, KilledMidBatchEachMessageArrivesAndCopiesKeepTheirMessageId) {
  const std::vector<std::string> env = {"RENKEI_MAIL_LEASE_SECONDS=3", "RENKEI_MAIL_CONNECTIONS=4"};
  StartServer(true, env);
  Session officer = As("officer@nco.example");
  auto sectors = officer.Get("/api/v1/sectors");
  ASSERT_EQ(sectors.status, 200) << sectors.body;
  const json list = sectors.json();  // kept alive for the loop
  json ids = json::array();
  for (const auto& sector : list["items"]) {
    if (ids.empty()) ids.push_back(sector["id"]);
  }
  json in = Item("GREEN", 0);
  in["audience"] = {{"sector_ids", ids}};
  auto pub = officer.Send("POST", "/api/v1/items", in);
  ASSERT_EQ(pub.status, 201) << pub.body;
  auto deliveries = officer.Get("/api/v1/items/" + pub.json()["id"].dump() + "/deliveries");
  const size_t total = deliveries.json()["people"].get<size_t>();
  ASSERT_GE(total, 200u);
  (void)smtp_->WaitFor(40);
  server_->Kill();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const size_t at_kill = smtp_->Messages().size();
  ASSERT_GE(at_kill, 40u);
  ASSERT_LT(at_kill, total) << "the server finished before it was killed";
  StartServer(true, env);
  auto mail = smtp_->WaitFor(total, 60);
  std::this_thread::sleep_for(std::chrono::seconds(4));  // longer than the lease
  mail = smtp_->Messages();
  std::map<std::string, std::set<std::string>> ids_of;  // recipient -> Message-IDs
  std::map<std::string, int> copies;                    // Message-ID -> deliveries
  for (const auto& m : mail) {
    ids_of[m.to].insert(m.message_id);
    ++copies[m.message_id];
  }
  EXPECT_EQ(copies.size(), total) << "every message, under its own Message-ID";
  EXPECT_EQ(ids_of.size(), total) << "every recipient";
  for (const auto& [to, list] : ids_of) EXPECT_EQ(list.size(), 1u) << to;
  EXPECT_LE(mail.size() - copies.size(), 4u) << "at most one copy per lane";
}

TEST_F(MailTest, MailRefusedByADownServerIsRetried) {
  StartServer(true);
  Session analyst = As("analyst@jeisac.example");
  auto [org, emails] = Denryoku(analyst);
  const int port = smtp_->port();
  smtp_->Stop();
  ASSERT_EQ(analyst.Send("POST", "/api/v1/items", Item("GREEN", org)).status, 201);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  smtp_ = std::make_unique<SmtpServer>(port);
  ASSERT_TRUE(smtp_->ready());
  // The first retry comes 15 s after the failure.
  auto mail = smtp_->WaitFor(emails.size(), 30);
  EXPECT_EQ(mail.size(), emails.size());
}

// A relay that is down shows on the administrator's home page: the mail-errors tile counts the
// rows of its list, each with its error code only (never the relay's or curl's text), and
// the tile falls back when the retry goes through.
TEST_F(MailTest, Issue16_AMailErrorShowsOnTheAdministratorsTileUntilTheRetrySends) {
  StartServer(true);
  Session analyst = As("analyst@jeisac.example");
  Session admin = As("admin@renkei.example");
  auto mail_errors = [&]() -> std::int64_t {
    auto home = admin.Get("/api/v1/home");
    EXPECT_EQ(home.status, 200) << home.body;
    const json body = home.json();
    for (const auto& t : body["tiles"])
      if (t["key"] == "mail_errors") return t["count"].get<std::int64_t>();
    ADD_FAILURE() << "no mail_errors tile";
    return -1;
  };
  const std::int64_t before = mail_errors();
  auto [org, emails] = Denryoku(analyst);
  const int port = smtp_->port();
  smtp_->Stop();
  ASSERT_EQ(analyst.Send("POST", "/api/v1/items", Item("GREEN", org)).status, 201);
  std::int64_t during = before;
  for (int i = 0; i < 50 && during == before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    during = mail_errors();
  }
  // A lane that cannot reach the relay marks the message it tried and leaves the rest queued.
  EXPECT_GT(during, before);
  EXPECT_LE(during, before + static_cast<std::int64_t>(emails.size()));
  auto list = admin.Get("/api/v1/admin/outbox?state=failed&limit=100");
  ASSERT_EQ(list.status, 200) << list.body;
  const json rows = list.json()["items"];
  EXPECT_EQ(static_cast<std::int64_t>(rows.size()), during);
  for (const auto& r : rows) {
    ASSERT_TRUE(r["error_code"].is_string()) << r.dump();
    const std::string code = r["error_code"].get<std::string>();
    EXPECT_TRUE(std::all_of(code.begin(), code.end(), [](char ch) {
      return std::islower(ch) || std::isdigit(ch) || ch == '_';
    })) << code;
    EXPECT_EQ(r.dump().find("127.0.0.1"), std::string::npos) << "no relay address: " << r.dump();
  }
  smtp_ = std::make_unique<SmtpServer>(port);
  ASSERT_TRUE(smtp_->ready());
  EXPECT_EQ(smtp_->WaitFor(emails.size(), 30).size(), emails.size());
  std::int64_t after = during;
  for (int i = 0; i < 50 && after != before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    after = mail_errors();
  }
  EXPECT_EQ(after, before) << "sent mail is no error any more";
}

// ---- the worker with a hand-moved clock: digests and due reminders ---------

// The mail worker as `renkei serve` runs it (every registered kind), sending to `smtp`
// on `clock`'s time.
struct WorkerOf {
  WorkerOf(domain::Transactor& tx, const SmtpServer& smtp, const Clock& clock)
      : sender(Config(smtp)), worker(tx, sender, clock, kinds, {}) {}
  static mail::SmtpConfig Config(const SmtpServer& smtp) {
    mail::SmtpConfig c;
    c.url = smtp.url();
    c.from = "noreply@renkei.example.jp";
    return c;
  }
  static domain::MailKinds AllKinds() {
    domain::MailKinds k;
    app::RegisterMailKinds(k, TestCatalogs());
    return k;
  }
  mail::SmtpSender sender;
  const domain::MailKinds kinds = AllKinds();
  domain::MailWorker worker;
};

TEST(MailWorker, DigestsGoOutAtEightJstAndDueActionsAreReminded) {
  SmtpServer smtp;
  ASSERT_TRUE(smtp.ready());
  auto tx = FreshDatabase("sqlite");
  World w = SeedWorld(*tx);
  // 2027-01-04 10:00 JST.
  ManualClock clock(*ParseRfc3339("2027-01-04T10:00:00+09:00"));
  domain::SharingService sharing(*tx, clock);
  WorkerOf sending(*tx, smtp, clock);
  domain::MailWorker& worker = sending.worker;
  ASSERT_TRUE(sharing.SetNotifyMode({PrincipalOf(*tx, w.member1), ""}, "digest").ok());
  domain::NewItem in;
  in.kind = "alert";
  in.tlp = domain::Tlp::kGreen;
  in.content.title = "一件目";
  in.content.body = "本文";
  in.content.action_requested = "パッチを適用してください";
  in.content.action_due_at = clock.now_ms() + 3600 * 1000;
  in.audience.org_ids = {w.m1};
  const auto analyst = PrincipalOf(*tx, w.analyst_a);
  ASSERT_TRUE(sharing.Publish({analyst, ""}, in).ok());
  in.content.title = "二件目";
  in.content.action_requested.clear();
  in.content.action_due_at.reset();
  ASSERT_TRUE(sharing.Publish({analyst, ""}, in).ok());
  ASSERT_EQ(worker.RunOnce()->sent, 2);  // member1b, immediately, twice
  // Two hours later the first item's action is due; member1b acknowledged, member1 not.
  ASSERT_TRUE(sharing.Acknowledge({PrincipalOf(*tx, w.member1b), ""}, domain::ItemId(1)).ok());
  clock.advance(2 * 3600 * 1000);
  EXPECT_EQ(*sharing.RemindDue(), 1);
  EXPECT_EQ(*sharing.RemindDue(), 0) << "reminded once";
  ASSERT_EQ(worker.RunOnce()->sent, 1);
  auto mail = smtp.WaitFor(3);
  ASSERT_EQ(mail.size(), 3u);
  const auto reminder = std::find_if(mail.begin(), mail.end(), [](const ReceivedMail& m) {
    return m.subject.find("受領確認のお願い") != std::string::npos;
  });
  ASSERT_NE(reminder, mail.end());
  EXPECT_EQ(reminder->to, "one@m1.example");
  EXPECT_EQ(reminder->subject, "[TLP:GREEN] 受領確認のお願い — 注意喚起: 一件目");
  // The digest waits for 08:00 JST the next morning, then comes as one message.
  clock.advance(20 * 3600 * 1000 - 60 * 1000);  // 12:00 + 19:59 = 07:59
  EXPECT_EQ(worker.RunOnce()->sent, 0);
  clock.advance(60 * 1000);
  EXPECT_EQ(worker.RunOnce()->sent, 1);
  mail = smtp.WaitFor(4);
  ASSERT_EQ(mail.size(), 4u);
  const auto digest = std::find_if(mail.begin(), mail.end(), [](const ReceivedMail& m) {
    return m.subject.find("ダイジェスト") != std::string::npos;
  });
  ASSERT_NE(digest, mail.end());
  EXPECT_EQ(digest->to, "one@m1.example");
  EXPECT_EQ(digest->subject, "[TLP:GREEN] Renkei 日次ダイジェスト (2)");
  EXPECT_NE(digest->text.find("一件目"), std::string::npos);
  EXPECT_NE(digest->text.find("二件目"), std::string::npos);
}

// The reset link on the generic outbox: only the newest reset of a user is mailed (a
// superseded one never leaves), a deactivated user gets nothing, and once the mail is
// done no reset keeps its link's secret.
TEST(MailWorker, OnlyTheNewestResetIsMailedAndItsSecretIsForgottenOnceSent) {
  SmtpServer smtp;
  ASSERT_TRUE(smtp.ready());
  auto tx = FreshDatabase("sqlite");
  World w = SeedWorld(*tx);
  ManualClock clock(*ParseRfc3339("2027-01-04T10:00:00+09:00"));
  domain::DirectoryService dir(*tx, clock);
  WorkerOf sending(*tx, smtp, clock);
  domain::MailWorker& worker = sending.worker;
  const auto admin = PrincipalOf(*tx, w.admin);
  ASSERT_TRUE(dir.ResetPassword({admin, "ip"}, w.member1, "一回目").ok());
  ASSERT_TRUE(dir.ResetPassword({admin, "ip"}, w.member1, "二回目").ok());
  ASSERT_TRUE(dir.ResetPassword({admin, "ip"}, w.member3, "退職").ok());
  // member3 leaves before the mail goes out.
  Status st = tx->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto u, s.directory.GetUser(w.member3));
    u->active = false;
    return s.directory.UpdateUser(*u);
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  auto pass = worker.RunOnce();
  ASSERT_TRUE(pass.ok()) << pass.status().Describe();
  EXPECT_EQ(pass->sent, 1);
  EXPECT_EQ(pass->dropped, 2) << "the superseded link and the deactivated user's";
  auto mail = smtp.WaitFor(1);
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].to, "one@m1.example");
  EXPECT_EQ(worker.RunOnce()->sent, 0) << "sent once";
  int kept_secrets = 0;
  st = tx->Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
    for (std::int64_t id = 1; id <= 3; ++id) {
      RENKEI_ASSIGN_OR_RETURN(auto r, s.auth.GetPasswordResetById(id));
      if (r && !r->mail_secret.empty()) ++kept_secrets;
    }
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  EXPECT_EQ(kept_secrets, 0) << "no reset keeps the secret of a link that is done";
}

// Issue 15: the reporting window mails the people each step concerns, over real SMTP on
// a hand-moved clock — the reporter when a deadline passes (with mail switched off too),
// the recipients when the report arrives and when a follow-up does, the reporter's members
// when a recipient asks, the asker's organisation when the reporter answers — and no mail
// carries the report's words. A deadline met in time sends nothing.
TEST(MailWorker, Issue15_ArrivalQuestionAnswerAndAMissedDeadlineAreMailed) {
  SmtpServer smtp;
  ASSERT_TRUE(smtp.ready());
  auto tx = FreshDatabase("sqlite");
  World w = SeedWorld(*tx);
  UserId nc_officer;
  Status st = tx->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    const OrgId nc = AddOrg(s, "国家サイバー統括室", "national_centre", {}, {});
    nc_officer = AddUser(s, nc, "officer@nc.example", domain::Role::kNationalCentreOfficer);
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  ManualClock clock(*ParseRfc3339("2027-01-04T10:00:00+09:00"));
  domain::SharingService sharing(*tx, clock);
  domain::ReportingService reporting(*tx, clock, sharing, TestCatalogs().reporting, nullptr);
  WorkerOf sending(*tx, smtp, clock);
  domain::MailWorker& worker = sending.worker;
  const domain::Actor member{PrincipalOf(*tx, w.member1), "ip"};
  // The mail that arrived since the last call, once `total` have arrived in all (the
  // mail directory lists them in no particular order).
  std::set<std::string> seen;
  auto arrived = [&](size_t total) {
    std::vector<ReceivedMail> fresh;
    for (auto& m : smtp.WaitFor(total))
      if (seen.insert(m.message_id).second) fresh.push_back(std::move(m));
    return fresh;
  };
  ASSERT_TRUE(sharing.SetNotifyMode({PrincipalOf(*tx, w.member1b), ""}, "off").ok());
  // An electricity accident noticed 23 hours ago: its 速報 is due in an hour.
  domain::ReportInput in;
  in.report_class = "legal";
  in.fields = {{"title", "変電所の監視端末で不審な通信"},
               {"aware_at", FormatRfc3339Jst(clock.now_ms() - 23 * 3600 * 1000)},
               {"summary", "監視端末から 198.51.100.7 への通信を検知した。"},
               {"cause", "cyber_suspected"},
               {"service_disrupted", "no"}};
  auto draft = reporting.Create(member, in);
  ASSERT_TRUE(draft.ok()) << draft.status().Describe();
  const std::string number = "報告 #" + std::to_string(draft->c.id.value);
  EXPECT_EQ(worker.RunOnce()->sent, 0) << "nothing is due yet";
  clock.advance(3600 * 1000 + 60 * 1000);
  auto pass = worker.RunOnce();
  ASSERT_TRUE(pass.ok()) << pass.status().Describe();
  EXPECT_EQ(pass->sent, 2) << "both members of the reporter, mail switched off or not";
  auto mail = arrived(2);
  ASSERT_EQ(mail.size(), 2u);
  std::set<std::string> to;
  for (const auto& m : mail) {
    to.insert(m.to);
    EXPECT_EQ(m.subject, "[Renkei] 【期限超過】" + number + " 速報の期限を過ぎました");
    EXPECT_NE(m.text.find("期限: 2027-01-04 11:00 JST"), std::string::npos) << m.text;
  }
  EXPECT_EQ(to, (std::set<std::string>{"one@m1.example", "two@m1.example"}));

  // Filed late: the ministry and the centre are told, with the receipt number, no words.
  auto filed = reporting.Submit(member, draft->c.id, "initial");
  ASSERT_TRUE(filed.ok()) << filed.status().Describe();
  const std::string receipt = filed->versions.back().receipt_no;
  EXPECT_EQ(receipt, "R-2027-000001");
  ASSERT_EQ(worker.RunOnce()->sent, 2);
  mail = arrived(4);
  ASSERT_EQ(mail.size(), 2u);
  to.clear();
  for (const auto& m : mail) {
    to.insert(m.to);
    EXPECT_EQ(m.subject, "[Renkei] " + number + " 報告が届きました");
    EXPECT_NE(m.text.find("受付番号: " + receipt), std::string::npos) << m.text;
    EXPECT_NE(m.text.find("報告の種類: (1) 法令に基づく報告"), std::string::npos);
    EXPECT_NE(m.text.find("/reports/" + std::to_string(draft->c.id.value)), std::string::npos);
    EXPECT_EQ(m.text.find("変電所"), std::string::npos) << "no title in mail";
    EXPECT_EQ(m.text.find("198.51.100.7"), std::string::npos) << "no field in mail";
  }
  EXPECT_EQ(to, (std::set<std::string>{"officer@meti.example", "officer@nc.example"}));

  // The ministry asks: the reporter's member with mail on is told, without the question.
  auto asked =
      reporting.Ask({PrincipalOf(*tx, w.officer), "ip"}, draft->c.id, "停電の有無を教えてください");
  ASSERT_TRUE(asked.ok()) << asked.status().Describe();
  ASSERT_EQ(worker.RunOnce()->sent, 1);
  mail = arrived(5);
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].to, "one@m1.example");
  EXPECT_EQ(mail[0].subject, "[Renkei] " + number + " 報告元への問い合わせがあります");
  EXPECT_EQ(mail[0].text.find("停電"), std::string::npos) << "no question text in mail";
  // The reporter answers: the ministry is told, the centre (which did not ask) is not.
  ASSERT_TRUE(reporting.Ask(member, draft->c.id, "停電はありません", asked->messages[0].id).ok());
  ASSERT_EQ(worker.RunOnce()->sent, 1);
  mail = arrived(6);
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].to, "officer@meti.example");
  EXPECT_EQ(mail[0].subject, "[Renkei] " + number + " 問い合わせに回答がありました");

  // The 詳報 is due 30 days after aware_at; filed on day 29, its notice is never sent.
  clock.advance(28LL * 24 * 3600 * 1000);
  in.fields["systems"] = "it";
  in.fields["cause_detail"] = "保守用VPN装置の脆弱性";
  in.fields["actions_taken"] = "装置を隔離した";
  ASSERT_TRUE(reporting.SaveDraft(member, draft->c.id, in).ok());
  ASSERT_TRUE(reporting.Submit(member, draft->c.id, "final").ok());
  ASSERT_EQ(worker.RunOnce()->sent, 2) << "the final report reaches both recipients";
  mail = arrived(8);
  ASSERT_EQ(mail.size(), 2u);
  for (const auto& m : mail) EXPECT_EQ(m.subject, "[Renkei] " + number + " 最終報が届きました");
  clock.advance(3LL * 24 * 3600 * 1000);
  pass = worker.RunOnce();
  ASSERT_TRUE(pass.ok());
  EXPECT_EQ(pass->sent, 0);
  EXPECT_EQ(pass->dropped, 4) << "the met deadline's notices: two members, two recipients";
  EXPECT_EQ(smtp.Messages().size(), 8u);
}

// Finding 6 of issue 13: a reset reaches the user as a one-time link, never the caller.
TEST_F(MailTest, Finding06_APasswordResetMailsTheUserALinkThatWorksOnce) {
  StartServer(true);
  Session analyst = As("analyst@jeisac.example");
  Session member = As("member@denryoku.example");
  const auto me = member.Get("/api/v1/me").json();
  auto reset = analyst.Send("POST", "/api/v1/users/" + me["user_id"].dump() + "/password-reset",
                            {{"reason", "本人から端末紛失の連絡"}});
  ASSERT_EQ(reset.status, 202) << reset.body;
  auto mail = smtp_->WaitFor(1);
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].to, "member@denryoku.example");
  const std::string prefix = "https://renkei.example.jp/password-reset#token=";
  const auto at = mail[0].text.find(prefix);
  ASSERT_NE(at, std::string::npos) << mail[0].text;
  const auto start = at + prefix.size();
  const std::string token =
      mail[0].text.substr(start, mail[0].text.find_first_of("\r\n", start) - start);
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(reset.body.find(token), std::string::npos) << "the caller never sees the secret";
  auto set =
      http_->Send("POST", "/api/v1/password-reset",
                  json{{"token", token}, {"new_password", "新しいパスワード-2026-12"}}.dump(),
                  {"Content-Type: application/json"});
  ASSERT_EQ(set.status, 204) << set.body;
  HttpResult r;
  SignIn(*http_, "member@denryoku.example", "新しいパスワード-2026-12", &r);
  EXPECT_EQ(r.status, 200);
  auto twice =
      http_->Send("POST", "/api/v1/password-reset",
                  json{{"token", token}, {"new_password", "もう一度のパスワード-2026"}}.dump(),
                  {"Content-Type: application/json"});
  EXPECT_EQ(twice.status, 400) << twice.body;
}

// Issue 16: a user added without a password is never shown one; they are mailed a one-time
// link to set it, which works once, and the mail welcomes them rather than speaking of a reset.
TEST_F(MailTest, ANewUserWithoutAPasswordIsMailedALinkToSetOne) {
  StartServer(true);
  Session admin = As("admin@renkei.example");
  auto orgs = admin.Get("/api/v1/organisations?sector=water&kind=operator&limit=1").json();
  ASSERT_FALSE(orgs["items"].empty());
  auto created = admin.Send("POST", "/api/v1/users",
                            {{"org_id", orgs["items"][0]["id"]},
                             {"email", "first.day@water.example"},
                             {"display_name", "水道 初日"},
                             {"roles", {"member"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["password_link_mailed"], true);
  EXPECT_FALSE(created.json().contains("temporary_password")) << created.body;
  auto mail = smtp_->WaitFor(1);
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].to, "first.day@water.example");
  EXPECT_NE(mail[0].text.find("アカウントが作成されました"), std::string::npos) << mail[0].text;
  EXPECT_EQ(mail[0].text.find("リセット"), std::string::npos) << mail[0].text;
  const std::string prefix = "https://renkei.example.jp/password-reset#token=";
  const auto at = mail[0].text.find(prefix);
  ASSERT_NE(at, std::string::npos) << mail[0].text;
  const auto start = at + prefix.size();
  const std::string token =
      mail[0].text.substr(start, mail[0].text.find_first_of("\r\n", start) - start);
  EXPECT_EQ(created.body.find(token), std::string::npos) << "the creator never sees the secret";
  auto set =
      http_->Send("POST", "/api/v1/password-reset",
                  json{{"token", token}, {"new_password", "初日のパスワード-2026-12"}}.dump(),
                  {"Content-Type: application/json"});
  ASSERT_EQ(set.status, 204) << set.body;
  HttpResult r;
  SignIn(*http_, "first.day@water.example", "初日のパスワード-2026-12", &r);
  EXPECT_EQ(r.status, 200) << r.body;
  auto twice =
      http_->Send("POST", "/api/v1/password-reset",
                  json{{"token", token}, {"new_password", "二度目のパスワード-2026"}}.dump(),
                  {"Content-Type: application/json"});
  EXPECT_EQ(twice.status, 400) << twice.body;
}

}  // namespace
}  // namespace renkei::testing

namespace renkei::testing {
namespace {

// Survey reminders (docs/survey.md) over the real SMTP server: queued when a hub relays,
// due three days before the close, sent only to the people of organisations that have not
// submitted by then (a submission meanwhile closes its rows unsent), once.
TEST(MailWorker, Issue21_SurveyRemindersReachOnlyThoseWhoHaveNotSubmitted) {
  SmtpServer smtp;
  ASSERT_TRUE(smtp.ready());
  auto tx = FreshDatabase("sqlite");
  SurveyWorld w = SeedSurveyWorld(*tx);
  ManualClock clock(*ParseRfc3339("2026-07-01T10:00:00+09:00"));
  domain::SurveyService svc(*tx, clock);
  WorkerOf sending(*tx, smtp, clock);
  domain::MailWorker& worker = sending.worker;
  auto as = [&](UserId u) { return domain::Actor{PrincipalOf(*tx, u), "ip"}; };
  domain::NewSurvey n;
  n.definition = kSmallSurvey;
  n.audience.sectors = {"electricity"};
  n.opens_at = clock.now_ms();
  n.closes_at = clock.now_ms() + 10LL * 24 * 3600 * 1000;
  auto v = svc.Create(as(w.nc_officer), n);
  ASSERT_TRUE(v.ok()) << v.status().Describe();
  const auto id = v->survey.id;
  ASSERT_TRUE(svc.Relay(as(w.analyst_a), id, std::nullopt).ok());
  EXPECT_EQ(worker.RunOnce()->sent, 0) << "nothing before three days ahead of the close";
  // 東北発電 answers in time; everyone else of hub A has not.
  ASSERT_TRUE(svc.SaveDraft(as(w.member1), id, {Choice("adopted", {"yes"})}).ok());
  ASSERT_TRUE(svc.Submit(as(w.member1b), id).ok());
  ASSERT_TRUE(svc.SaveDraft(as(w.member2), id, {Choice("adopted", {"no"})}).ok());
  clock.advance(7LL * 24 * 3600 * 1000 + 60 * 1000);
  auto pass = worker.RunOnce();
  ASSERT_TRUE(pass.ok()) << pass.status().Describe();
  EXPECT_EQ(pass->sent, 5) << "m2's member (a draft is not a submission) and the four others";
  auto mail = smtp.WaitFor(5);
  ASSERT_EQ(mail.size(), 5u);
  std::set<std::string> to;
  for (const auto& m : mail) {
    to.insert(m.to);
    EXPECT_EQ(m.subject, "【Renkei 連携】調査へのご回答のお願い / Survey reminder: 浸透状況調査");
    EXPECT_NE(m.text.find("国家サイバー統括室の調査「浸透状況調査」"), std::string::npos) << m.text;
    EXPECT_NE(m.text.find("2026-07-11 10:00"), std::string::npos) << m.text;
    EXPECT_NE(m.text.find("/surveys/" + std::to_string(id.value)), std::string::npos);
  }
  EXPECT_EQ(to,
            (std::set<std::string>{"member@m2.example", "member@e1.example", "member@e2.example",
                                   "member@e3.example", "member@e4.example"}));
  EXPECT_EQ(to.count("one@m1.example") + to.count("two@m1.example"), 0u);
  EXPECT_EQ(worker.RunOnce()->sent, 0) << "once";
  // Relayed again: nobody new, so nobody is queued twice.
  ASSERT_TRUE(svc.Relay(as(w.analyst_a), id, std::nullopt).ok());
  EXPECT_EQ(worker.RunOnce()->sent, 0);
}

}  // namespace
}  // namespace renkei::testing

namespace renkei::testing {
namespace {

// Event reminders (issue 20, docs/community.md) over the real SMTP server: queued at
// registration, due a day before the start, sent once to those still registered — a
// cancellation meanwhile closes the row unsent.
TEST(MailWorker, Issue20_AnEventReminderReachesThoseStillRegisteredADayBefore) {
  SmtpServer smtp;
  ASSERT_TRUE(smtp.ready());
  auto tx = FreshDatabase("sqlite");
  SeedWorld(*tx);
  UserId pref, stays, leaves;
  Status st = tx->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    const OrgId miyagi = AddOrg(s, "宮城県庁", "local_government", {}, {}, 4);
    const OrgId vendor = AddOrg(s, "株式会社杜の都セキュリティ", "vendor", {}, {}, 4);
    pref = AddUser(s, miyagi, "cyber@pref.miyagi.example", domain::Role::kMember);
    stays = AddUser(s, vendor, "sales@morinomiyako.example", domain::Role::kMember);
    leaves = AddUser(s, vendor, "eigyo@morinomiyako.example", domain::Role::kMember);
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  ManualClock clock(*ParseRfc3339("2026-12-01T10:00:00+09:00"));
  domain::CommunityService svc(*tx, clock);
  WorkerOf sending(*tx, smtp, clock);
  domain::MailWorker& worker = sending.worker;
  auto as = [&](UserId u) { return domain::Actor{PrincipalOf(*tx, u), "ip"}; };
  domain::NewCommunity nc;
  nc.prefecture = 4;
  nc.name_ja = "宮城県サイバーセキュリティ協議会";
  auto c = svc.Create(as(pref), nc);
  ASSERT_TRUE(c.ok()) << c.status().Describe();
  domain::NewEvent ne;
  ne.title = "ランサムウェア対策セミナー";
  ne.place = "仙台市情報・産業プラザ";
  ne.starts_at = *ParseRfc3339("2026-12-10T13:30:00+09:00");
  ne.ends_at = ne.starts_at + 2 * 3600 * 1000;
  ne.capacity = 10;
  auto e = svc.CreateEvent(as(pref), c->community.id, ne);
  ASSERT_TRUE(e.ok()) << e.status().Describe();
  ASSERT_TRUE(svc.Register(as(stays), e->id).ok());
  ASSERT_TRUE(svc.Register(as(leaves), e->id).ok());
  EXPECT_EQ(worker.RunOnce()->sent, 0) << "nothing nine days ahead";
  ASSERT_TRUE(svc.Unregister(as(leaves), e->id).ok());
  clock.set(*ParseRfc3339("2026-12-09T13:31:00+09:00"));
  auto pass = worker.RunOnce();
  ASSERT_TRUE(pass.ok()) << pass.status().Describe();
  EXPECT_EQ(pass->sent, 1);
  auto mail = smtp.WaitFor(1);
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].to, "sales@morinomiyako.example");
  EXPECT_EQ(mail[0].subject,
            "【Renkei 連携】イベントのご案内 / Event reminder: ランサムウェア対策セミナー");
  EXPECT_NE(mail[0].text.find("宮城県サイバーセキュリティ協議会の「ランサムウェア対策セミナー」"),
            std::string::npos)
      << mail[0].text;
  EXPECT_NE(mail[0].text.find("2026-12-10 13:30"), std::string::npos) << mail[0].text;
  EXPECT_NE(mail[0].text.find("/community/events?event=" + std::to_string(e->id)),
            std::string::npos);
  EXPECT_EQ(worker.RunOnce()->sent, 0) << "once; the cancelled registration's row closed unsent";
  EXPECT_EQ(smtp.WaitFor(2, 1).size(), 1u);
}

}  // namespace
}  // namespace renkei::testing
