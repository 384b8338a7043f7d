// The UTM alert intake (src/intake): syslog and CEF parsing with each failure's code, TCP
// framing over any chunking, the vendor mappings over our sample lines, the dedupe window,
// and the listener over real UDP and TCP sockets on 127.0.0.1.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>

#include "core/error_codes.h"
#include "domain/desk/alert.h"
#include "intake/deduper.h"
#include "intake/fields.h"
#include "intake/framing.h"
#include "intake/listener.h"
#include "intake/mapping.h"
#include "intake/normalise.h"
#include "intake/syslog.h"
#include "support/intake_samples.h"

namespace renkei::intake {
namespace {

using domain::AlertIn;

Millis Utc(int y, int mo, int d, int h, int mi, int s) {
  return (DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s) * 1000;
}

std::string Code(std::string_view line, SyslogOptions opt = {}) {
  return IntakeErrorCode(ParseSyslog(line, opt).error);
}

TEST(Syslog, Rfc5424EveryHeaderFieldStructuredDataEscapesAndBom) {
  const std::string line =
      "<165>1 2026-05-01T10:00:00.123+09:00 fw1.example.jp utm 1234 ID47 "
      "[exampleSDID@32473 iut=\"3\" eventSource=\"Appl\\\"ica\\\\tion\" eventID=\"1011\\]\"]"
      "[origin ip=\"192.0.2.1\"] \xEF\xBB\xBFログイン失敗";
  const SyslogResult r = ParseSyslog(line);
  ASSERT_TRUE(r.ok()) << IntakeErrorCode(r.error);
  EXPECT_EQ(r.msg.format, SyslogMessage::Format::kRfc5424);
  EXPECT_EQ(r.msg.facility(), 20);
  EXPECT_EQ(r.msg.severity(), 5);
  EXPECT_EQ(r.msg.at, Utc(2026, 5, 1, 1, 0, 0) + 123);
  EXPECT_EQ(r.msg.host, "fw1.example.jp");
  EXPECT_EQ(r.msg.app, "utm");
  EXPECT_EQ(r.msg.procid, "1234");
  EXPECT_EQ(r.msg.msgid, "ID47");
  ASSERT_EQ(r.msg.sd.size(), 2u);
  EXPECT_EQ(r.msg.sd[0].id, "exampleSDID@32473");
  ASSERT_EQ(r.msg.sd[0].params.size(), 3u);
  EXPECT_EQ(r.msg.sd[0].params[1].value, "Appl\"ica\\tion");
  EXPECT_EQ(r.msg.sd[0].params[2].value, "1011]");
  EXPECT_EQ(r.msg.sd[1].params[0].value, "192.0.2.1");
  EXPECT_TRUE(r.msg.bom);
  EXPECT_EQ(r.msg.msg, "ログイン失敗");
}

TEST(Syslog, Rfc5424NilValuesAndUtc) {
  const SyslogResult r = ParseSyslog("<13>1 2026-05-01T01:00:00Z - - - - -");
  ASSERT_TRUE(r.ok()) << IntakeErrorCode(r.error);
  EXPECT_EQ(r.msg.at, Utc(2026, 5, 1, 1, 0, 0));
  EXPECT_EQ(r.msg.host, "");
  EXPECT_TRUE(r.msg.msg.empty());
  const SyslogResult nil = ParseSyslog("<13>1 - host app - - - text");
  ASSERT_TRUE(nil.ok());
  EXPECT_FALSE(nil.msg.has_time);
  EXPECT_EQ(nil.msg.msg, "text");
}

TEST(Syslog, Rfc3164TakesTheCallersYearAndJstByDefault) {
  SyslogOptions opt;
  opt.year = 2026;
  const SyslogResult r =
      ParseSyslog("<34>Oct  1 22:14:15 mymachine su[812]: 'su root' failed", opt);
  ASSERT_TRUE(r.ok()) << IntakeErrorCode(r.error);
  EXPECT_EQ(r.msg.format, SyslogMessage::Format::kRfc3164);
  EXPECT_EQ(r.msg.at, Utc(2026, 10, 1, 13, 14, 15));  // 22:14:15 JST
  EXPECT_EQ(r.msg.host, "mymachine");
  EXPECT_EQ(r.msg.app, "su");
  EXPECT_EQ(r.msg.procid, "812");
  EXPECT_EQ(r.msg.msg, "'su root' failed");
  opt.utc_offset_minutes = 0;
  EXPECT_EQ(ParseSyslog("<34>Oct 11 22:14:15 host x: y", opt).msg.at,
            Utc(2026, 10, 11, 22, 14, 15));
}

TEST(Syslog, Rfc3164DecemberLinesReadInJanuaryAreLastYears) {
  SyslogOptions opt;
  opt.now = Utc(2026, 12, 31, 15, 5, 0);  // 2027-01-01 00:05 JST
  const SyslogResult r = ParseSyslog("<13>Dec 31 23:59:00 host app: late", opt);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.msg.at, Utc(2026, 12, 31, 14, 59, 0));
  const SyslogResult jan = ParseSyslog("<13>Jan  1 00:01:00 host app: early", opt);
  EXPECT_EQ(jan.msg.at, Utc(2026, 12, 31, 15, 1, 0));
}

TEST(Syslog, PriWithoutHeaderKeepsTheWholeMessage) {
  const SyslogResult r = ParseSyslog(test::kFortiGateIps);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.msg.pri, 185);
  EXPECT_FALSE(r.msg.has_time);
  EXPECT_TRUE(r.msg.msg.starts_with("date=2026-05-01 time=10:15:02"));
  // No PRI at all: a bare line (CEF written to a file).
  EXPECT_EQ(ParseSyslog(test::kGenericCef).msg.format, SyslogMessage::Format::kBare);
}

TEST(Syslog, EachMalformedFormHasItsCode) {
  EXPECT_EQ(Code("<>1 2026-05-01T01:00:00Z h a p m - x"), "bad_pri");
  EXPECT_EQ(Code("<192>1 2026-05-01T01:00:00Z h a p m - x"), "bad_pri");
  EXPECT_EQ(Code("<013>hello"), "bad_pri");
  EXPECT_EQ(Code("<1234>hello"), "bad_pri");
  EXPECT_EQ(Code("<a>hello"), "bad_pri");
  EXPECT_EQ(Code("<13"), "truncated");
  EXPECT_EQ(Code("<13>2 2026-05-01T01:00:00Z h a p m - x"), "bad_version");
  EXPECT_EQ(Code("<13>1 2026-13-01T01:00:00Z h a p m - x"), "bad_timestamp");
  EXPECT_EQ(Code("<13>1 2026-02-29T01:00:00Z h a p m - x"), "bad_timestamp");  // not a leap year
  EXPECT_EQ(Code("<13>1 2026-05-01T24:00:00Z h a p m - x"), "bad_timestamp");
  EXPECT_EQ(Code("<13>1 2026-05-01 01:00:00Z h a p m - x"), "bad_timestamp");
  EXPECT_EQ(Code("<13>1 2026-05-01T01:00:00 h a p m - x"), "bad_timestamp");  // no zone
  EXPECT_EQ(Code("<13>Feb 30 10:00:00 host app: x", {.year = 2026}), "bad_timestamp");
  EXPECT_EQ(Code("<13>1 2026-05-01T01:00:00Z host app"), "truncated");
  EXPECT_EQ(Code("<13>1 2026-05-01T01:00:00Z h a p m [id a=\"x"), "truncated");
  EXPECT_EQ(Code("<13>1 2026-05-01T01:00:00Z h a p m [id a=x]"), "bad_sd");
  EXPECT_EQ(Code("<13>1 2026-05-01T01:00:00Z h a p m [id a=\"x\"]junk"), "bad_sd");
  EXPECT_EQ(Code("<13>1 2026-05-01T01:00:00Z h a p m nosd"), "bad_sd");
  EXPECT_EQ(Code("<13>1 2026-05-01T01:00:00Z h " + std::string(49, 'a') + " p m - x"),
            "bad_header");
  EXPECT_EQ(Code("<13>" + std::string(9000, 'x')), "too_long");
  EXPECT_EQ(Code("<13>1 - h a p m - caf\xC3\x28"), "not_utf8");
  EXPECT_EQ(Code("<13>1 - h a p m - \xED\xA0\x80"), "not_utf8");  // a surrogate
  EXPECT_EQ(Code("<13>1 - h a p m - \xC0\xAF"), "not_utf8");      // overlong '/'
  EXPECT_EQ(Code(std::string("<13>abc\0def", 11)), "binary");
  EXPECT_EQ(Code("<13>a\x1b[31mred"), "binary");
  EXPECT_EQ(Code("   "), "empty");
}

TEST(Syslog, EveryPrefixOfEverySampleParsesOrFailsWithoutReadingPastIt) {
  for (const char* s : test::kAllSamples) {
    const std::string line(s);
    for (size_t n = 0; n <= line.size(); ++n) {
      // A copy of exactly n bytes, so a read past it is a heap overflow under ASan.
      const std::unique_ptr<char[]> buf(new char[n ? n : 1]);
      std::memcpy(buf.get(), line.data(), n);
      const SyslogResult r = ParseSyslog(std::string_view(buf.get(), n));
      if (r.ok()) {
        EXPECT_LE(r.msg.msg.data() + r.msg.msg.size(), buf.get() + n);
      }
    }
  }
}

struct Framed {
  std::vector<std::string> frames;
  std::vector<std::string> errors;
};

Framed FeedInChunks(const std::string& stream, size_t chunk, size_t max = 8192) {
  StreamFramer f(max);
  Framed out;
  auto on_frame = [&](std::string_view v) { out.frames.emplace_back(v); };
  auto on_error = [&](IntakeError e, std::string_view) {
    out.errors.push_back(IntakeErrorCode(e));
  };
  for (size_t i = 0; i < stream.size(); i += chunk)
    f.Feed(std::string_view(stream).substr(i, chunk), on_frame, on_error);
  f.Finish(on_frame, on_error);
  return out;
}

TEST(IntakeFraming, OctetCountedFramesSurviveEveryChunkBoundary) {
  const std::vector<std::string> msgs = {"<13>1 - h a p m - first", "<13>second\nwith LF inside",
                                         std::string(test::kSophosIdp)};
  std::string stream;
  for (const auto& m : msgs) stream += std::to_string(m.size()) + " " + m;
  for (size_t chunk = 1; chunk <= stream.size(); ++chunk) {
    const Framed f = FeedInChunks(stream, chunk);
    ASSERT_EQ(f.frames, msgs) << "chunk " << chunk;
    EXPECT_TRUE(f.errors.empty());
  }
}

TEST(IntakeFraming, LineFramesWithCrLfSurviveEveryChunkBoundary) {
  const std::string stream =
      std::string("<13>one\r\n<13>two\n\n") + test::kFortiGateIps + "\n<13>last";
  const std::vector<std::string> want = {"<13>one", "<13>two", test::kFortiGateIps, "<13>last"};
  for (size_t chunk = 1; chunk <= stream.size(); ++chunk)
    ASSERT_EQ(FeedInChunks(stream, chunk).frames, want) << "chunk " << chunk;
}

TEST(IntakeFraming, OverLongFramesAreSkippedAndCountedAndTheStreamGoesOn) {
  const std::string big(3000, 'x');
  const std::string lines = "<13>a\n<13>" + big + "\n<13>b\n";
  for (size_t chunk : {1ul, 7ul, 1000ul, 100000ul}) {
    const Framed f = FeedInChunks(lines, chunk, 1024);
    EXPECT_EQ(f.frames, (std::vector<std::string>{"<13>a", "<13>b"})) << chunk;
    EXPECT_EQ(f.errors, std::vector<std::string>{"too_long"}) << chunk;
  }
  const std::string counted = "5 <13>a" + std::to_string(big.size()) + " " + big + "5 <13>b";
  for (size_t chunk : {1ul, 13ul, 100000ul}) {
    const Framed f = FeedInChunks(counted, chunk, 1024);
    EXPECT_EQ(f.frames, (std::vector<std::string>{"<13>a", "<13>b"})) << chunk;
    EXPECT_EQ(f.errors, std::vector<std::string>{"too_long"}) << chunk;
  }
}

TEST(IntakeFraming, ABrokenCountAndACutLastFrameAreCounted) {
  const Framed bad = FeedInChunks("5 <13>a12x garbage\n5 <13>b", 3);
  EXPECT_EQ(bad.frames, (std::vector<std::string>{"<13>a", "<13>b"}));
  EXPECT_EQ(bad.errors, std::vector<std::string>{"bad_frame"});
  const Framed cut = FeedInChunks("5 <13>a20 <13>only part", 4);
  EXPECT_EQ(cut.frames, std::vector<std::string>{"<13>a"});
  EXPECT_EQ(cut.errors, std::vector<std::string>{"truncated"});
}

// Found by fuzz/syslog_fuzz.cc: a last line of max+1 bytes without its LF (room is kept for
// a CR) came out at Finish as a frame over the limit.
TEST(IntakeFraming, FuzzFindingALastLineOneOverTheLimitIsTooLong) {
  const Framed f = FeedInChunks("<13>a\n" + std::string(257, 'y'), 5, 256);
  EXPECT_EQ(f.frames, std::vector<std::string>{"<13>a"});
  EXPECT_EQ(f.errors, std::vector<std::string>{"too_long"});
}

TEST(Cef, HeaderAndExtensionEscapesAndValuesWithSpaces) {
  Fields f;
  CefHeader h;
  ASSERT_EQ(ParseCef(test::kGenericCef, h, f), IntakeError::kNone);
  EXPECT_EQ(h.vendor, "Example Security");
  EXPECT_EQ(h.product, "Edge UTM");
  EXPECT_EQ(h.signature_id, "1002");
  EXPECT_EQ(h.name, "Ransomware beacon | stage 2");
  EXPECT_EQ(h.severity, "9");
  EXPECT_EQ(f.Get("src"), "192.0.2.70");
  EXPECT_EQ(f.Get("cnt"), "4");
  EXPECT_EQ(f.Get("msg"), "first line\nsecond line a=b");
  EXPECT_EQ(f.Get("filePath"), "C:\\Users\\share\\x.exe");

  Fields g;
  ASSERT_EQ(ParseCef("CEF:0|V|P|1|id|n|5|cs1Label=Protection Name cs1=a=b url=http://x/?q=1 "
                     "suser=山田 太郎",
                     h, g),
            IntakeError::kNone);
  EXPECT_EQ(g.Get("cs1Label"), "Protection Name");
  EXPECT_EQ(g.Get("url"), "http://x/?q=1");
  EXPECT_EQ(g.Get("suser"), "山田 太郎");
}

TEST(Cef, MalformedCefHasItsCode) {
  Fields f;
  CefHeader h;
  EXPECT_EQ(ParseCef("CEF:0|V|P|1|id|name", h, f), IntakeError::kBadCef);
  EXPECT_EQ(ParseCef("CEF:x|V|P|1|id|n|5|", h, f), IntakeError::kBadCef);
  EXPECT_EQ(ParseCef("CEF:0|V\\x|P|1|id|n|5|", h, f), IntakeError::kBadEscape);
  EXPECT_EQ(ParseCef("CEF:0|V|P|1|id|n|5|msg=ends in \\", h, f), IntakeError::kBadEscape);
  EXPECT_EQ(ParseCef("CEF:0|V|P|1|id|n|5|msg=ends in \\\\", h, f), IntakeError::kNone);
}

class IntakeVendors : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto c = MappingCatalog::Embedded();
    ASSERT_TRUE(c.ok()) << c.status().note();
    catalog_ = new MappingCatalog(std::move(*c));
  }
  AlertIn Read(std::string_view line, IntakeError want = IntakeError::kNone) {
    SyslogOptions opt;
    opt.year = 2026;
    Normaliser n(*catalog_, opt);
    AlertIn a;
    EXPECT_EQ(IntakeErrorCode(n.Normalise(line, "192.0.2.1", "kanagawa", kNow, a)),
              std::string(IntakeErrorCode(want)))
        << line;
    return a;
  }
  static constexpr Millis kNow = 1777600000000;
  static MappingCatalog* catalog_;
};
MappingCatalog* IntakeVendors::catalog_ = nullptr;

TEST_F(IntakeVendors, FortiGateIps) {
  const AlertIn a = Read(test::kFortiGateIps);
  EXPECT_EQ(a.vendor, "fortigate");
  EXPECT_EQ(a.device_serial, "FGT60FTK21000123");
  EXPECT_EQ(a.severity, 9);
  EXPECT_EQ(a.category, "intrusion");
  EXPECT_EQ(a.signature, "MS.SMB.Server.Trans.Remote.Code.Exec");
  EXPECT_EQ(a.src, "203.0.113.45");
  EXPECT_EQ(a.src_port, 51432);
  EXPECT_EQ(a.dst, "192.0.2.10");
  EXPECT_EQ(a.dst_port, 445);
  EXPECT_EQ(a.action, "blocked");
  EXPECT_EQ(a.count, 3);
  EXPECT_EQ(a.at, Utc(2026, 5, 1, 1, 15, 2));  // eventtime, in nanoseconds
  EXPECT_EQ(a.sender, "192.0.2.1");
  EXPECT_EQ(a.consortium, "kanagawa");
  EXPECT_EQ(a.raw, test::kFortiGateIps);
}

TEST_F(IntakeVendors, FortiGateBotnetIsC2AndVirusIsMalware) {
  const AlertIn c2 = Read(test::kFortiGateBotnet);
  EXPECT_EQ(c2.category, "c2");
  EXPECT_EQ(c2.severity, 7);
  EXPECT_EQ(c2.action, "detected");
  EXPECT_EQ(c2.at, kNow);  // no time in the line: when received
  const AlertIn v = Read(test::kFortiGateVirus);
  EXPECT_EQ(v.category, "malware");
  EXPECT_EQ(v.signature, "W32/Agent.XYZ!tr");
  EXPECT_EQ(v.severity, 5);
  EXPECT_EQ(v.device_serial, "FGT40FTK20004567");
}

TEST_F(IntakeVendors, PaloAltoThreatAndTraffic) {
  const AlertIn t = Read(test::kPaloAltoThreat);
  EXPECT_EQ(t.vendor, "paloalto");
  EXPECT_EQ(t.device_serial, "024101001234");
  EXPECT_EQ(t.signature, "Generic Command and Control Traffic(13235)");
  EXPECT_EQ(t.category, "c2");
  EXPECT_EQ(t.severity, 10);
  EXPECT_EQ(t.src, "192.0.2.60");
  EXPECT_EQ(t.dst, "203.0.113.99");
  EXPECT_EQ(t.dst_port, 443);
  EXPECT_EQ(t.action, "blocked");
  EXPECT_EQ(t.count, 2);
  EXPECT_EQ(t.at, Utc(2026, 5, 1, 1, 20, 33));  // the BSD header's time in JST
  const AlertIn d = Read(test::kPaloAltoTraffic);
  EXPECT_EQ(d.vendor, "paloalto_traffic");
  EXPECT_EQ(d.category, "policy");
  EXPECT_EQ(d.signature, "deny-rdp-inbound");
  EXPECT_EQ(d.dst_port, 3389);
  EXPECT_EQ(d.action, "blocked");
}

TEST_F(IntakeVendors, CheckPointBothForms) {
  const AlertIn s = Read(test::kCheckPointSyslog);
  EXPECT_EQ(s.vendor, "checkpoint");
  EXPECT_EQ(s.device_serial, "");  // tied by sender
  EXPECT_EQ(s.signature, "Apache Log4j Remote Code Execution");
  EXPECT_EQ(s.category, "intrusion");
  EXPECT_EQ(s.severity, 10);
  EXPECT_EQ(s.src, "203.0.113.21");
  EXPECT_EQ(s.dst_port, 443);
  EXPECT_EQ(s.action, "blocked");
  EXPECT_EQ(s.at, Utc(2026, 5, 1, 1, 25, 11));
  const AlertIn c = Read(test::kCheckPointCef);
  EXPECT_EQ(c.vendor, "checkpoint_cef");
  EXPECT_EQ(c.device_serial, "CPGW-OSK-0042");
  EXPECT_EQ(c.signature, "Trojan.Win32.Qakbot.C&C");
  EXPECT_EQ(c.category, "c2");
  EXPECT_EQ(c.severity, 8);
  EXPECT_EQ(c.action, "blocked");
  EXPECT_EQ(c.at, 1777598762000);
}

TEST_F(IntakeVendors, SophosAndSonicWall) {
  const AlertIn s = Read(test::kSophosIdp);
  EXPECT_EQ(s.vendor, "sophos");
  EXPECT_EQ(s.device_serial, "C01001ABCD12345");
  EXPECT_EQ(s.signature, "SERVER-WEBAPP Struts remote code execution attempt");
  EXPECT_EQ(s.category, "intrusion");
  EXPECT_EQ(s.severity, 5);
  EXPECT_EQ(s.dst_port, 8080);
  EXPECT_EQ(s.action, "blocked");
  const AlertIn w = Read(test::kSonicWallScan);
  EXPECT_EQ(w.vendor, "sonicwall");
  EXPECT_EQ(w.device_serial, "0040103C1D2E");
  EXPECT_EQ(w.category, "scan");
  EXPECT_EQ(w.severity, 9);
  EXPECT_EQ(w.src, "198.51.100.99");
  EXPECT_EQ(w.src_port, 54012);
  EXPECT_EQ(w.dst, "192.0.2.40");
  EXPECT_EQ(w.dst_port, 22);
  EXPECT_EQ(w.action, "blocked");
}

TEST_F(IntakeVendors, GenericCefBareAndInSyslog) {
  const AlertIn a = Read(test::kGenericCef);
  EXPECT_EQ(a.vendor, "cef");
  EXPECT_EQ(a.signature, "Ransomware beacon | stage 2");
  EXPECT_EQ(a.category, "c2");
  EXPECT_EQ(a.severity, 9);
  EXPECT_EQ(a.count, 4);
  EXPECT_EQ(a.device_serial, "EXU-9001");
  const AlertIn b = Read(std::string("<12>1 2026-05-01T10:00:00+09:00 relay cef - - - ") +
                         "CEF:0|Acme|Box|1|7|Port sweep|Medium|src=198.51.100.3 dst=192.0.2.9");
  EXPECT_EQ(b.category, "scan");
  EXPECT_EQ(b.severity, 5);
  EXPECT_EQ(b.at, Utc(2026, 5, 1, 1, 0, 0));
}

TEST_F(IntakeVendors, UnknownFormatsAndBadLinesAreRefusedWithTheirCode) {
  Read("<13>Oct  1 10:00:00 host app: just some text", IntakeError::kUnknownFormat);
  Read("<13>", IntakeError::kUnknownFormat);
  Read("CEF:0|V|P|1|id|name", IntakeError::kBadCef);
  Read("<999>x", IntakeError::kBadPri);
}

TEST_F(IntakeVendors, TheRawLineIsCutAtACharacterBoundary) {
  std::string line = std::string(test::kGenericCef) + " msg2=";
  while (line.size() < domain::kMaxRawBytes + 10) line += "検知";
  SyslogOptions opt;
  opt.max_length = 20000;
  Normaliser n(*catalog_, opt);
  AlertIn a;
  ASSERT_EQ(n.Normalise(line, "192.0.2.1", "k", kNow, a), IntakeError::kNone);
  EXPECT_LE(a.raw.size(), domain::kMaxRawBytes);
  EXPECT_EQ(CheckText(a.raw), IntakeError::kNone);
}

TEST(IntakeMappings, AMappingWithAnUnknownCategoryOrStyleIsRefusedWithItsFile) {
  auto bad = MappingCatalog::Parse({{"x.toml",
                                     "id='x'\nname='X'\nstyle='kv'\n[[recognise]]\nfield='a'\n"
                                     "[fields]\nsignature='s'\n[[category]]\ncode='worm'\n"
                                     "field='s'\n"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().note().find("x.toml:"), std::string::npos) << bad.status().note();
  EXPECT_NE(bad.status().note().find("'worm'"), std::string::npos) << bad.status().note();
  auto style = MappingCatalog::Parse({{"y.toml", "id='y'\nname='Y'\nstyle='xml'\n"}});
  ASSERT_FALSE(style.ok());
  EXPECT_NE(style.status().note().find("y.toml:3"), std::string::npos);
}

TEST(IntakeConfig, TheListenerFileGivesPortsPolicyAndSourcesPerConsortium) {
  auto c = EmbeddedListenerConfig();
  ASSERT_TRUE(c.ok()) << c.status().note();
  EXPECT_EQ(c->udp_ports, std::vector<int>{5514});
  EXPECT_EQ(c->policy.ticket_threshold, 7);
  EXPECT_EQ(c->policy.window_ms, 10 * 60 * 1000);
  EXPECT_EQ(*c->ConsortiumOf(*IpAddress::Parse("192.0.2.10")), "kanagawa");
  EXPECT_EQ(*c->ConsortiumOf(*IpAddress::Parse("192.0.2.200")), "kansai");
  EXPECT_EQ(*c->ConsortiumOf(*IpAddress::Parse("2001:db8:100::5")), "kansai");
  EXPECT_EQ(c->ConsortiumOf(*IpAddress::Parse("203.0.113.5")), nullptr);
  EXPECT_FALSE(
      ParseListenerConfig("l.toml", "[[sources]]\nconsortium='a'\ncidrs=['10.0.0.0/33']").ok());
  EXPECT_FALSE(ParseListenerConfig("l.toml", "[policy]\nticket_threshold=11").ok());
  const auto host = Cidr::Parse("192.0.2.7/24");
  ASSERT_TRUE(host);
  EXPECT_TRUE(host->Contains(*IpAddress::Parse("192.0.2.255")));
  EXPECT_FALSE(host->Contains(*IpAddress::Parse("192.0.3.0")));
}

TEST(IntakeDedupe, BucketEdgesAndNegativeTimes) {
  const Millis w = 600000;
  EXPECT_EQ(domain::BucketOf(0, w), 0);
  EXPECT_EQ(domain::BucketOf(599999, w), 0);
  EXPECT_EQ(domain::BucketOf(600000, w), 600000);
  EXPECT_EQ(domain::BucketOf(-1, w), -600000);
  EXPECT_EQ(domain::BucketOf(-600000, w), -600000);
  EXPECT_EQ(domain::BucketOf(-600001, w), -1200000);
  EXPECT_EQ(domain::BucketOf(12345, 0), 12345);
}

TEST(IntakeDedupe, TheKeyIsDeviceSignatureSourceDestinationAndWindow) {
  AlertIn a;
  a.sender = "192.0.2.1";
  a.signature = "sig";
  a.src = "203.0.113.1";
  a.dst = "192.0.2.10";
  a.at = 1200000;
  AlertIn b = a;
  b.at = 1799999;    // same window
  b.src_port = 999;  // ports are not part of the key
  EXPECT_EQ(domain::DedupeKey(a, 600000), domain::DedupeKey(b, 600000));
  b.at = 1800000;  // the next window
  EXPECT_NE(domain::DedupeKey(a, 600000), domain::DedupeKey(b, 600000));
  AlertIn s = a;
  s.device_serial = "FGT1";  // a serial names the device, whatever the sender
  AlertIn s2 = s;
  s2.sender = "192.0.2.2";
  EXPECT_EQ(domain::DedupeKey(s, 600000), domain::DedupeKey(s2, 600000));
  EXPECT_NE(domain::DedupeKey(s, 600000), domain::DedupeKey(a, 600000));
  // Separators in values do not make two different alerts one.
  AlertIn x = a, y = a;
  x.signature = "a|b";
  x.src = "c";
  y.signature = "a";
  y.src = "b|c";
  EXPECT_NE(domain::DedupeKey(x, 600000), domain::DedupeKey(y, 600000));
}

TEST(IntakeDedupe, TheDeduperSumsCountsAndKeepsTheFirstLine) {
  Deduper d(600000);
  AlertIn a;
  a.sender = "192.0.2.1";
  a.signature = "sig";
  a.at = 100;
  a.raw = "first";
  a.severity = 3;
  AlertIn b = a;
  b.raw = "second";
  b.count = 5;
  b.severity = 8;
  AlertIn other = a;
  other.signature = "other";
  d.Add(a);
  d.Add(other);
  d.Add(b);
  const auto out = d.Take();
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].count, 6);
  EXPECT_EQ(out[0].severity, 8);
  EXPECT_EQ(out[0].raw, "first");
  EXPECT_EQ(out[1].signature, "other");
  EXPECT_EQ(d.size(), 0u);
}

TEST(IntakeWords, EveryCategoryHasPlainJapaneseAndEnglish) {
  for (const char* c : domain::kAlertCategories) {
    const std::string ja = domain::AlertWordsJa(c);
    EXPECT_TRUE(ja.ends_with("対応中です。")) << c;
    EXPECT_FALSE(std::string(domain::AlertWordsEn(c)).empty());
  }
  EXPECT_STREQ(domain::AlertWordsJa("c2"), "不審な通信を検知しました。対応中です。");
  EXPECT_STREQ(domain::AlertWordsJa("nonsense"), domain::AlertWordsJa("other"));
}

TEST(IntakeSample, SamplesAreValidUtf8AndBounded) {
  EXPECT_EQ(SafeSample(std::string("a\0b\xC3", 4)), "a?b?");
  EXPECT_EQ(SafeSample(std::string(600, 'x')).size(), 512u);
  const std::string ja =
      SafeSample(std::string(300, 'x') + std::string(100, 'x') + "検知検知検知検知");
  EXPECT_EQ(CheckText(ja), IntakeError::kNone);
}

// ---- The listener over real sockets ----

struct Received {
  std::mutex mu;
  std::vector<AlertIn> alerts;
  std::map<std::string, domain::SenderCount> counts;
  std::int64_t lines() {
    std::lock_guard l(mu);
    std::int64_t n = 0;
    for (const auto& a : alerts) n += a.count;
    return n;
  }
  domain::SenderCount count(const std::string& s) {
    std::lock_guard l(mu);
    return counts[s];
  }
  Status Take(const std::vector<AlertIn>& b, const std::vector<domain::SenderCount>& c) {
    std::lock_guard l(mu);
    alerts.insert(alerts.end(), b.begin(), b.end());
    for (const auto& x : c) {
      auto& t = counts[x.sender];
      t.sender = x.sender;
      t.accepted += x.accepted;
      t.malformed += x.malformed;
      t.refused += x.refused;
      t.dropped += x.dropped;
      if (!x.error.empty()) {
        t.error = x.error;
        t.sample = x.sample;
      }
    }
    return Status();
  }
};

ListenerConfig LocalConfig(bool allow_local = true) {
  ListenerConfig c;
  c.bind = "127.0.0.1";
  c.udp_ports = {0};
  c.tcp_ports = {0};
  c.retry_ms = 20;
  if (allow_local) c.sources.push_back({"kanagawa", {*Cidr::Parse("127.0.0.0/8")}});
  c.policy.window_ms = 600000;
  return c;
}

const MappingCatalog& Catalog() {
  static const MappingCatalog c = *MappingCatalog::Embedded();
  return c;
}

void SendUdp(int port, const std::string& msg) {
  const int fd = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  sendto(fd, msg.data(), msg.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
  close(fd);
}

int ConnectTcp(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) return -1;
  return fd;
}

void SendAll(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    const ssize_t n = send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return;
    off += static_cast<size_t>(n);
  }
}

template <typename F>
bool WaitFor(F&& f, int ms = 5000) {
  for (int i = 0; i < ms / 10; ++i) {
    if (f()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return f();
}

TEST(IntakeListener, UdpLinesAreCountedAcceptedOrMalformedWithASample) {
  Received got;
  SystemClock clock;
  Listener l(
      LocalConfig(), Catalog(), [&](const auto& b, const auto& c) { return got.Take(b, c); },
      clock);
  ASSERT_TRUE(l.Start().ok());
  SendUdp(l.udp_ports()[0], test::kFortiGateIps);
  SendUdp(l.udp_ports()[0], test::kSonicWallScan);
  SendUdp(l.udp_ports()[0], test::kSonicWallScan);  // the same alert: folded, count 2
  SendUdp(l.udp_ports()[0], "<999>broken");
  ASSERT_TRUE(WaitFor([&] {
    const auto c = got.count("127.0.0.1");
    return c.malformed == 1 && c.accepted == 3;
  }));
  l.Stop();
  const auto c = got.count("127.0.0.1");
  EXPECT_EQ(c.accepted, 3);
  EXPECT_EQ(c.error, "bad_pri");
  EXPECT_EQ(c.sample, "<999>broken");
  std::lock_guard lock(got.mu);
  // Lines of one batch with the same key are folded; across batches the desk's key does it.
  std::map<std::string, std::int64_t> by_vendor;
  for (const auto& a : got.alerts) {
    EXPECT_EQ(a.consortium, "kanagawa");
    by_vendor[a.vendor] += a.count;
  }
  EXPECT_EQ(by_vendor["fortigate"], 3);  // the FortiGate line's own count=3
  EXPECT_EQ(by_vendor["sonicwall"], 2);
}

TEST(IntakeListener, SendersOutsideTheAllowedSourcesAreRefusedNotIngested) {
  Received got;
  SystemClock clock;
  Listener l(
      LocalConfig(false), Catalog(), [&](const auto& b, const auto& c) { return got.Take(b, c); },
      clock);
  ASSERT_TRUE(l.Start().ok());
  SendUdp(l.udp_ports()[0], test::kFortiGateIps);
  const int fd = ConnectTcp(l.tcp_ports()[0]);
  SendAll(fd, std::string(test::kFortiGateIps) + "\n");
  ASSERT_TRUE(WaitFor([&] { return got.count("127.0.0.1").refused == 2; }));
  close(fd);
  l.Stop();
  EXPECT_EQ(got.lines(), 0);
  EXPECT_EQ(l.totals().accepted, 0);
}

TEST(IntakeListener, TcpBatchThatFailsOnceIsRetriedAndNothingIsLost) {
  Received got;
  SystemClock clock;
  std::atomic<int> calls{0};
  Listener l(
      LocalConfig(), Catalog(),
      [&](const auto& b, const auto& c) -> Status {
        if (calls++ == 0) return err::Internal().with_note("the database went away");
        return got.Take(b, c);
      },
      clock);
  ASSERT_TRUE(l.Start().ok());
  const int fd = ConnectTcp(l.tcp_ports()[0]);
  std::string stream;
  const int n = 500;
  for (int i = 0; i < n; ++i) {
    // Distinct signatures so nothing folds: every line is its own alert.
    const std::string m = "CEF:0|Acme|Box|1|7|Sig " + std::to_string(i) + "|5|src=192.0.2.1";
    stream += std::to_string(m.size()) + " " + m;
  }
  SendAll(fd, stream);
  close(fd);
  ASSERT_TRUE(WaitFor([&] { return got.lines() == n; })) << got.lines();
  l.Stop();
  EXPECT_GE(l.totals().failed_batches, 1);
  EXPECT_EQ(got.count("127.0.0.1").accepted, n);
}

TEST(IntakeListener, TcpIsNotReadWhileItsBatchIsNotDurable) {
  Received got;
  SystemClock clock;
  std::atomic<bool> hold{true};
  Listener l(
      LocalConfig(), Catalog(),
      [&](const auto& b, const auto& c) -> Status {
        while (hold) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        return got.Take(b, c);
      },
      clock);
  ASSERT_TRUE(l.Start().ok());
  const int fd = ConnectTcp(l.tcp_ports()[0]);
  const int n = 40000;  // ~4 MB: far more than one read
  std::thread sender([&] {
    std::string stream;
    for (int i = 0; i < n; ++i)
      stream += "CEF:0|Acme|Box|1|7|Sig " + std::to_string(i) + "|5|src=192.0.2.1 dst=192.0.2.2\n";
    SendAll(fd, stream);
    shutdown(fd, SHUT_WR);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  // The writer holds its first batch; the reader took one read of lines and stopped.
  const auto held = l.totals().accepted;
  EXPECT_GT(held, 0);
  EXPECT_LT(held, 2000);
  hold = false;
  ASSERT_TRUE(WaitFor([&] { return got.lines() == n; }, 20000)) << got.lines();
  sender.join();
  close(fd);
  l.Stop();
  EXPECT_EQ(l.totals().dropped, 0);
}

TEST(IntakeListener, AUdpFloodBeyondTheQueueIsCountedAsDroppedAndTheQueueStaysBounded) {
  Received got;
  SystemClock clock;
  ListenerConfig cfg = LocalConfig();
  cfg.queue_capacity = 100;
  cfg.batch_max = 50;
  Listener l(
      cfg, Catalog(),
      [&](const auto& b, const auto& c) -> Status {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return got.Take(b, c);
      },
      clock);
  ASSERT_TRUE(l.Start().ok());
  const int sent = 3000;
  for (int i = 0; i < sent; ++i)
    SendUdp(l.udp_ports()[0], "CEF:0|Acme|Box|1|7|Flood " + std::to_string(i) + "|5|src=192.0.2.1");
  ASSERT_TRUE(WaitFor(
      [&] {
        const auto t = l.totals();
        return t.accepted + t.dropped >= sent * 9 / 10 && got.lines() == t.accepted;
      },
      20000));
  l.Stop();
  const auto t = l.totals();
  EXPECT_GT(t.dropped, 0);
  EXPECT_LE(t.queue_peak, 100);
  EXPECT_EQ(got.lines(), t.accepted);  // what was accepted reached the sink
  EXPECT_EQ(got.count("127.0.0.1").dropped, t.dropped);
}

// Syslog over TLS (RFC 5425): a self-signed certificate made for the test; a client that
// speaks TLS delivers octet-counted lines; one that speaks plain text to the TLS port is
// counted bad_tls and nothing it sent is taken; a missing certificate fails Start().
TEST(IntakeListener, TlsPortTakesOctetCountedLinesAndRefusesPlainText) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("renkei-tls-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
  const std::string make =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
      "-keyout " +
      key + " -out " + cert + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(make.c_str()), 0) << "the openssl command (Debian's openssl)";
  ListenerConfig cfg = LocalConfig();
  cfg.tls_ports = {0};
  cfg.tls_cert = cert;
  cfg.tls_key = key;
  Received got;
  SystemClock clock;
  Listener l(
      cfg, Catalog(), [&](const auto& b, const auto& c) { return got.Take(b, c); }, clock);
  ASSERT_TRUE(l.Start().ok());
  ASSERT_EQ(l.tls_ports().size(), 1u);

  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  ASSERT_NE(ctx, nullptr);
  const int fd = ConnectTcp(l.tls_ports()[0]);
  ASSERT_GE(fd, 0);
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  ASSERT_EQ(SSL_connect(ssl), 1);
  std::string frames;
  for (const char* line : {test::kFortiGateIps, test::kSonicWallScan, test::kPaloAltoThreat})
    frames += std::to_string(std::string_view(line).size()) + " " + line;
  // Larger than one TLS record, so the listener reads several records in one go.
  for (int i = 0; i < 200; ++i)
    frames +=
        std::to_string(std::string_view(test::kSonicWallScan).size()) + " " + test::kSonicWallScan;
  ASSERT_EQ(SSL_write(ssl, frames.data(), static_cast<int>(frames.size())),
            static_cast<int>(frames.size()));
  ASSERT_TRUE(WaitFor([&] { return got.count("127.0.0.1").accepted == 203; }))
      << got.count("127.0.0.1").accepted;
  SSL_shutdown(ssl);
  SSL_free(ssl);
  close(fd);
  SSL_CTX_free(ctx);

  const int plain = ConnectTcp(l.tls_ports()[0]);
  SendAll(plain, std::string("12 <13>1 - - - ") + "\n");
  ASSERT_TRUE(WaitFor([&] { return got.count("127.0.0.1").error == "bad_tls"; }));
  close(plain);
  l.Stop();
  EXPECT_EQ(got.count("127.0.0.1").accepted, 203);
  EXPECT_EQ(got.count("127.0.0.1").malformed, 1);

  ListenerConfig bad = cfg;
  bad.tls_cert = (dir / "missing.pem").string();
  Listener nope(
      bad, Catalog(), [&](const auto& b, const auto& c) { return got.Take(b, c); }, clock);
  EXPECT_FALSE(nope.Start().ok());
  fs::remove_all(dir);
}

TEST(IntakeConfig, TlsPortsNeedACertificateAndAKey) {
  EXPECT_FALSE(ParseListenerConfig("l.toml", "[listener]\ntls_ports=[6514]").ok());
  auto c = ParseListenerConfig("l.toml",
                               "[listener]\ntls_ports=[6514]\ntls_cert='/c.pem'\ntls_key='/k.pem'");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->tls_ports, std::vector<int>{6514});
  EXPECT_EQ(c->tls_key, "/k.pem");
}

}  // namespace
}  // namespace renkei::intake
