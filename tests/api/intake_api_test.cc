// The UTM alert intake end to end (issue 19): a real `renkei serve` with the intake on a free
// loopback port, on a fresh database with the demo dataset (SQLite by default;
// RENKEI_TEST_API_ENGINE=postgresql for the server in RENKEI_TEST_PG_URL). FortiGate-style
// lines for the demo's 湘南精機 UTM (FGT60FTK23000123, named by its serial from 127.0.0.1,
// which listener.toml gives to the 神奈川 consortium) go over UDP and over TCP, octet-counted
// and LF-framed; the kanagawa agent sees the ticket they raise; after a restart on the same
// database the accepted alerts are still there; malformed lines and a device nobody enrolled
// are counted on the administrators' intake page.
//
// Its own test program (not api_tests): each program has its own PostgreSQL database, and
// this one starts, stops and restarts servers of its own.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "support/http_client.h"
#include "support/server_process.h"
#include "support/test_db.h"

namespace renkei::testing {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "demo-password-for-intake-tests";
constexpr const char* kAgent = "agent@otasuketai.example";
constexpr const char* kAdmin = "admin@renkei.example";
constexpr const char* kSerial = "FGT60FTK23000123";  // demo_desk.cc: 湘南精機's UTM

std::string Engine() {
  const char* e = std::getenv("RENKEI_TEST_API_ENGINE");
  return e ? e : "sqlite";
}

// A fresh database with the demo dataset, made once per program (the tests' tickets do not
// meet: alerts for one SME, mail for others).
std::string DemoDb() {
  static const std::string url = [] {
    if (Engine() == "sqlite") return DemoDatabaseUrl(kPassword);
    const std::string u = FreshDatabaseUrl(Engine());
    std::string out;
    EXPECT_EQ(RunRenkei({"demo-data", "--db", u, "--password", kPassword}, &out), 0) << out;
    return u;
  }();
  return url;
}

bool SkipWithoutPg() {
  if (Engine() == "postgresql" && PgUrl().empty()) {
    if (PgRequired()) ADD_FAILURE() << "RENKEI_TEST_PG_URL is not set but RENKEI_REQUIRE_PG is";
    return true;
  }
  return false;
}

// A UDP port and a TCP port with the same free number (the intake binds both).
int FreeUdpAndTcpPort() {
  for (int i = 0; i < 50; ++i) {
    const int port = FreePort();
    const int u = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = bind(u, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    close(u);
    if (ok) return port;
  }
  return 0;
}

struct Server {
  std::unique_ptr<ServerProcess> process;
  std::unique_ptr<HttpClient> http;
  Server(const std::string& db, int intake_port, const std::string& mail = "off") {
    process = std::make_unique<ServerProcess>(
        db, std::vector<std::string>{"RENKEI_SIGNIN_IP_LIMIT=100000", "RENKEI_WEB_ROOT=",
                                     "RENKEI_INTAKE=127.0.0.1:" + std::to_string(intake_port),
                                     "RENKEI_MAIL_INTAKE=" + mail});
    http = std::make_unique<HttpClient>(process->base_url());
  }
  Session As(const std::string& email) const {
    HttpResult r;
    Session s = SignIn(*http, email, kPassword, &r);
    EXPECT_EQ(r.status, 200) << email << ": " << r.body;
    return s;
  }
};

void SendUdp(int port, const std::string& line) {
  const int fd = socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  EXPECT_EQ(sendto(fd, line.data(), line.size(), 0, reinterpret_cast<sockaddr*>(&a), sizeof a),
            static_cast<ssize_t>(line.size()));
  close(fd);
}

void SendTcp(int port, const std::string& bytes) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    ASSERT_GT(n, 0);
    done += static_cast<size_t>(n);
  }
  close(fd);
}

std::string Octet(const std::string& line) { return std::to_string(line.size()) + " " + line; }

// A FortiGate IPS line for `serial` with its own signature and source.
std::string Forti(const std::string& serial, const std::string& signature, const std::string& src) {
  return "<185>date=2026-12-01 time=10:15:02 devname=\"FGT60F-Shonan\" devid=\"" + serial +
         "\" logid=\"0419016384\" type=\"utm\" subtype=\"ips\" eventtype=\"signature\" "
         "level=\"alert\" severity=\"critical\" srcip=" +
         src + " srcport=51432 dstip=192.0.2.10 dstport=445 attack=\"" + signature +
         "\" action=\"dropped\" count=2";
}

bool Eventually(const std::function<bool()>& ok, int ms = 15000) {
  for (int waited = 0; waited < ms; waited += 100) {
    if (ok()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return ok();
}

// The 湘南精機 alert tickets the agent sees, open ones only if `open`.
std::vector<json> AlertTickets(const Session& agent, bool open) {
  auto r = agent.Get(std::string("/api/v1/desk/tickets?kind=incident&limit=200") +
                     (open ? "&status=open" : ""));
  EXPECT_EQ(r.status, 200) << r.body;
  const json page = r.json();
  std::vector<json> out;
  if (!page.contains("items")) return out;
  for (const auto& t : page["items"])
    if (t["channel"] == "alert" &&
        t["sme_name"].get<std::string>().find("湘南精機") != std::string::npos)
      out.push_back(t);
  return out;
}

// The signatures of the alerts on a ticket.
std::set<std::string> Signatures(const Session& agent, std::int64_t ticket) {
  auto r = agent.Get("/api/v1/desk/tickets/" + std::to_string(ticket));
  std::set<std::string> out;
  if (r.status != 200) return out;
  const json d = r.json();
  for (const auto& a : d["alerts"]) out.insert(a["signature"].get<std::string>());
  return out;
}

json SenderRow(const Session& admin, const std::string& sender) {
  auto r = admin.Get("/api/v1/admin/intake");
  if (r.status != 200) return json();
  const json page = r.json();
  for (const auto& row : page["items"])
    if (row["sender"] == sender) return row;
  return json();
}

TEST(IntakeApi, LinesOverUdpAndTcpRaiseATicketThatSurvivesARestartAndBadLinesAreCounted) {
  if (SkipWithoutPg()) GTEST_SKIP() << "RENKEI_TEST_PG_URL not set";
  const std::string db = DemoDb();
  const int port = FreeUdpAndTcpPort();
  ASSERT_GT(port, 0);
  std::int64_t ticket = 0;
  const std::set<std::string> sent = {"E2E.Udp.Probe", "E2E.TcpOctet.Probe", "E2E.TcpLf.Probe",
                                      "E2E.TcpLf.Second"};
  {
    Server server(db, port);
    ASSERT_TRUE(server.process->ready()) << "server with the intake did not start";
    const Session agent = server.As(kAgent);
    // The demo left an open alert ticket for 湘南精機; close it, so these lines raise a new one.
    for (const auto& t : AlertTickets(agent, true)) {
      auto r = agent.Send("PATCH", "/api/v1/desk/tickets/" + std::to_string(t["id"].get<int>()),
                          {{"status", "resolved"}, {"outcome", "誤検知として終了"}});
      ASSERT_EQ(r.status, 200) << r.body;
    }
    ASSERT_TRUE(AlertTickets(agent, true).empty());

    SendUdp(port, Forti(kSerial, "E2E.Udp.Probe", "203.0.113.11"));
    SendTcp(port, Octet(Forti(kSerial, "E2E.TcpOctet.Probe", "203.0.113.12")) +
                      Octet("<999>not a priority"));
    SendTcp(port, Forti(kSerial, "E2E.TcpLf.Probe", "203.0.113.13") + "\n" +
                      Forti(kSerial, "E2E.TcpLf.Second", "203.0.113.14") + "\r\n" +
                      Forti("FGT-NOBODY-ENROLLED", "E2E.Unknown", "203.0.113.15") + "\n");
    SendUdp(port, "<13>1 2026-13-45T99:00:00Z host app - - - broken time");
    SendUdp(port, std::string("<13>\xff\xfe binary \x01\x02", 17));

    ASSERT_TRUE(Eventually([&] {
      auto open = AlertTickets(agent, true);
      return open.size() == 1 && Signatures(agent, open[0]["id"].get<std::int64_t>()) == sent;
    })) << "the four alerts on one new ticket";
    const auto open = AlertTickets(agent, true);
    ticket = open[0]["id"].get<std::int64_t>();
    EXPECT_EQ(open[0]["status"], "received");
    EXPECT_EQ(open[0]["priority"], "urgent") << "critical is 10";
    EXPECT_EQ(open[0]["subject"].get<std::string>().rfind("UTMアラート: ", 0), 0u)
        << open[0]["subject"];
    EXPECT_EQ(open[0]["alert_count"], 8) << "four alerts, each line saying count=2";

    const Session admin = server.As(kAdmin);
    json row;
    ASSERT_TRUE(Eventually([&] {
      row = SenderRow(admin, "127.0.0.1");
      return row.is_object() && row["malformed"].get<int>() >= 3 && row["unknown"].get<int>() >= 1;
    })) << row.dump();
    EXPECT_EQ(row["malformed"], 3) << row.dump();
    EXPECT_EQ(row["unknown"], 1) << row.dump();
    EXPECT_GE(row["accepted"].get<int>(), 4) << row.dump();
    EXPECT_FALSE(row["sample"].get<std::string>().empty());
    EXPECT_FALSE(row["error"].get<std::string>().empty());
    EXPECT_TRUE(server.process->Stop()) << "stops cleanly with the intake running";
  }
  {
    Server server(db, port);
    ASSERT_TRUE(server.process->ready()) << "restart on the same database";
    const Session agent = server.As(kAgent);
    EXPECT_EQ(Signatures(agent, ticket), sent) << "accepted alerts survive the restart";
    const auto open = AlertTickets(agent, true);
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0]["id"], ticket);
    const json row = SenderRow(server.As(kAdmin), "127.0.0.1");
    ASSERT_TRUE(row.is_object());
    EXPECT_EQ(row["malformed"], 3);
    EXPECT_EQ(row["unknown"], 1);
    // The restarted listener takes lines again: one more onto the same ticket.
    SendTcp(port, Octet(Forti(kSerial, "E2E.AfterRestart", "203.0.113.16")));
    EXPECT_TRUE(Eventually([&] { return Signatures(agent, ticket).count("E2E.AfterRestart"); }));
  }
}

// The mail tickets the agent sees, newest first, above `after` (the demo has mail tickets
// its agents recorded).
std::vector<json> MailTickets(const Session& agent, std::int64_t after) {
  auto r = agent.Get("/api/v1/desk/tickets?limit=200");
  EXPECT_EQ(r.status, 200) << r.body;
  const json page = r.json();
  std::vector<json> out;
  if (!page.contains("items")) return out;
  for (const auto& t : page["items"])
    if (t["channel"] == "mail" && t["id"].get<std::int64_t>() > after) out.push_back(t);
  return out;
}

std::int64_t NewestTicket(const Session& agent) {
  auto r = agent.Get("/api/v1/desk/tickets?limit=1");
  const json page = r.json();
  return page["items"].empty() ? 0 : page["items"][0]["id"].get<std::int64_t>();
}

std::vector<std::string> Messages(const Session& agent, std::int64_t ticket) {
  auto r = agent.Get("/api/v1/desk/tickets/" + std::to_string(ticket));
  std::vector<std::string> out;
  if (r.status != 200) return out;
  const json d = r.json();
  for (const auto& e : d["entries"])
    if (e["kind"] == "message") out.push_back(e["body"].get<std::string>());
  return out;
}

size_t FilesIn(const std::filesystem::path& dir) {
  size_t n = 0;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    ++n;
  return n;
}

// The kanagawa consortium's mailbox as a Maildir: an enrolled SME's mail (ISO-2022-JP, as
// Japanese mailers send it) becomes a ticket on its SME, a reply by In-Reply-To and one by
// 「#id」 in the subject become messages on it, a stranger's mail a ticket recording the
// unknown sender, mail without a sender is quarantined and counted; after a restart a mail
// read again (a crash between the commit and the move) is not doubled.
TEST(IntakeApi, MailToTheConsortiumsMaildirBecomesTicketsAndRepliesAndSurvivesARestart) {
  if (SkipWithoutPg()) GTEST_SKIP() << "RENKEI_TEST_PG_URL not set";
  namespace fs = std::filesystem;
  const std::string db = DemoDb();
  const fs::path dir =
      fs::temp_directory_path() / ("renkei-mail-api-" + std::to_string(getpid()) + "-" + Engine());
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path maildir = dir / "kanagawa";
  const std::string config = (dir / "mail.toml").string();
  std::ofstream(config) << "[mail]\npoll_ms = 100\n[[mailboxes]]\nconsortium = \"kanagawa\"\n"
                           "address = \"soudan-kanagawa@otasuketai-desk.example\"\nmaildir = \""
                        << maildir.string() << "\"\n";
  auto deliver = [&](const std::string& name, const std::string& text) {
    fs::create_directories(maildir / "tmp");
    std::ofstream(maildir / "tmp" / name, std::ios::binary) << text;
    fs::rename(maildir / "tmp" / name, maildir / "new" / name);  // as an MDA does
  };
  // 「ウイルス対策の相談」 and 「パソコンが重いです。」 in ISO-2022-JP.
  const std::string subject_jis = "=?ISO-2022-JP?B?GyRCJSYlJCVrJTlCUDp2JE5BakNMGyhC?=";
  const std::string body_jis = "\x1b$B%Q%=%3%s$,=E$$$G$9!#\x1b(B\r\n";
  const int port = FreeUdpAndTcpPort();
  std::int64_t known = 0, stranger = 0, before = 0;
  {
    Server server(db, port, config);
    ASSERT_TRUE(server.process->ready()) << "server with the mail intake did not start";
    ASSERT_TRUE(fs::is_directory(maildir / "new")) << "the Maildir is made";
    const Session agent = server.As(kAgent);
    before = NewestTicket(agent);
    deliver("1764700000.M1P1.host",
            "From: =?UTF-8?B?5rmY5Y2X57K+5qmf?= <Owner@Shonan-Seiki.example>\r\n"
            "To: soudan-kanagawa@otasuketai-desk.example\r\n"
            "Subject: " +
                subject_jis +
                "\r\nMessage-ID: <first@shonan-seiki.example>\r\nMIME-Version: 1.0\r\n"
                "Content-Type: text/plain; charset=ISO-2022-JP\r\n\r\n" +
                body_jis);
    deliver("1764700001.M2P1.host",
            "From: info@mikanyu.example\nSubject: 参加したい\nMessage-ID: <s1@mikanyu.example>\n"
            "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
            "お助け隊に参加するには？\n");
    deliver("1764700002.M3P1.host", "Subject: no sender\n\nlost?\n");
    ASSERT_TRUE(Eventually([&] { return MailTickets(agent, before).size() == 2; }));
    for (const auto& t : MailTickets(agent, before)) {
      if (t["caller"].get<std::string>().find("mikanyu") != std::string::npos)
        stranger = t["id"].get<std::int64_t>();
      else
        known = t["id"].get<std::int64_t>();
    }
    ASSERT_GT(known, 0);
    ASSERT_GT(stranger, 0);
    const json k = agent.Get("/api/v1/desk/tickets/" + std::to_string(known)).json()["ticket"];
    EXPECT_EQ(k["subject"], "ウイルス対策の相談");
    EXPECT_NE(k["sme_name"].get<std::string>().find("湘南精機"), std::string::npos) << k.dump();
    EXPECT_EQ(k["status"], "received");
    EXPECT_EQ(k["kind"], "contact");
    EXPECT_EQ(Messages(agent, known), std::vector<std::string>{"パソコンが重いです。"});
    const json u = agent.Get("/api/v1/desk/tickets/" + std::to_string(stranger)).json()["ticket"];
    EXPECT_EQ(u["caller"], "未登録: info@mikanyu.example");
    EXPECT_EQ(u["subject"], "参加したい");

    // Replies: by In-Reply-To, and by the ticket's number in the subject.
    deliver("1764700003.M4P1.host",
            "From: owner@shonan-seiki.example\nSubject: Re: x\nMessage-ID: <second@shonan>\n"
            "In-Reply-To: <first@shonan-seiki.example>\n\n追記です。\n");
    deliver("1764700004.M5P1.host", "From: owner@shonan-seiki.example\nSubject: [#" +
                                        std::to_string(known) +
                                        "] その後\nMessage-ID: <third@shonan>\n\n直りました。\n");
    // A stranger naming the SME's ticket number opens a ticket of its own.
    deliver("1764700005.M6P1.host", "From: other@elsewhere.example\nSubject: [#" +
                                        std::to_string(known) + "] guess\n\nhello\n");
    ASSERT_TRUE(Eventually([&] { return Messages(agent, known).size() == 3; }))
        << Messages(agent, known).size();
    EXPECT_EQ(Messages(agent, known)[2], "直りました。");
    ASSERT_TRUE(Eventually([&] { return MailTickets(agent, before).size() == 3; }));
    EXPECT_EQ(FilesIn(maildir / "new"), 0u);
    EXPECT_EQ(FilesIn(maildir / "cur"), 5u);
    EXPECT_EQ(FilesIn(maildir / ".Quarantine" / "cur"), 1u);
    const Session admin = server.As(kAdmin);
    json row;
    EXPECT_TRUE(Eventually([&] {
      row = SenderRow(admin, "mail:soudan-kanagawa@otasuketai-desk.example");
      return row.is_object() && row["accepted"] == 5 && row["malformed"] == 1;
    })) << row.dump();
    EXPECT_EQ(row["error"], "no_from") << row.dump();
    EXPECT_TRUE(server.process->Stop());
  }
  // As if the process died after the commit but before the move: the first mail is in new/
  // again when the server comes back.
  for (const auto& e : fs::directory_iterator(maildir / "cur"))
    if (e.path().filename().string().starts_with("1764700000."))
      fs::rename(e.path(), maildir / "new" / "1764700000.M1P1.host");
  {
    Server server(db, port, config);
    ASSERT_TRUE(server.process->ready());
    const Session agent = server.As(kAgent);
    EXPECT_TRUE(Eventually([&] { return FilesIn(maildir / "new") == 0; }));
    EXPECT_EQ(MailTickets(agent, before).size(), 3u) << "not doubled";
    EXPECT_EQ(Messages(agent, known).size(), 3u);
    EXPECT_EQ(Messages(agent, stranger).size(), 1u);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace renkei::testing
