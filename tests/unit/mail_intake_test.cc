// The desk's mail intake (issue 19): RFC 5322 + MIME parsing of mail as Japanese SMEs send
// it (ISO-2022-JP, UTF-8 with quoted-printable and base64, multipart with HTML and
// attachments), the codes of mail that cannot become a ticket, and the Maildir reader's
// moves (new/ → cur/ only after the sink's ok, bad mail to .Quarantine/cur/).
#include <gtest/gtest.h>
#include <iconv.h>

#include <filesystem>
#include <fstream>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/error_codes.h"
#include "intake/mail_message.h"
#include "intake/mailbox.h"
#include "intake/mapping.h"

namespace renkei::intake {
namespace {

namespace fs = std::filesystem;

// UTF-8 text as ISO-2022-JP, as a Japanese mailer writes it.
std::string Jis(const std::string& utf8) {
  iconv_t cd = iconv_open("ISO-2022-JP", "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* o = out.data();
  size_t o_left = out.size();
  EXPECT_NE(iconv(cd, &in, &in_left, &o, &o_left), static_cast<size_t>(-1));
  iconv(cd, nullptr, nullptr, &o, &o_left);
  iconv_close(cd);
  out.resize(out.size() - o_left);
  return out;
}

TEST(MailMessage, Iso2022JpMailWithAnEncodedSubjectAndName) {
  const std::string raw =
      "Return-Path: <soumu@sagami.example>\r\n"
      "From: =?ISO-2022-JP?B?" +
      Base64Encode(Jis("相模 太郎")) +
      "?= <Soumu@Sagami.Example>\r\n"
      "To: soudan-kanagawa@otasuketai-desk.example\r\n"
      "Subject: =?ISO-2022-JP?B?" +
      Base64Encode(Jis("不審なメールが")) + "?=\r\n =?ISO-2022-JP?B?" +
      Base64Encode(Jis("届きました")) +
      "?=\r\n"
      "Message-ID: <20261203.abc@sagami.example>\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=ISO-2022-JP\r\n"
      "Content-Transfer-Encoding: 7bit\r\n"
      "\r\n" +
      Jis("お世話になっております。\r\n請求書を装ったメールが届きました。\r\n") + "\r\n";
  const MailParse p = ParseMail(raw);
  ASSERT_TRUE(p.mail) << p.error;
  EXPECT_EQ(p.mail->from_address, "soumu@sagami.example");
  EXPECT_EQ(p.mail->from_name, "相模 太郎");
  EXPECT_EQ(p.mail->subject, "不審なメールが届きました") << "no space between encoded words";
  EXPECT_EQ(p.mail->text, "お世話になっております。\n請求書を装ったメールが届きました。");
  EXPECT_EQ(p.mail->message_id, "20261203.abc@sagami.example");
}

TEST(MailMessage, MultipartAlternativeTakesThePlainPartQuotedPrintable) {
  const std::string raw =
      "From: \"IT \\\"Shonan\\\"\" <it@shonan.example>\n"
      "Subject: =?utf-8?q?Re=3A_=E7=9B=B8=E8=AB=87_=5B#42=5D?=\n"
      "In-Reply-To: <b@desk>\n"
      "References: <a@desk> <b@desk>\n"
      "Content-Type: multipart/alternative; boundary=\"=_b1\"\n"
      "\n"
      "preamble\n"
      "--=_b1\n"
      "Content-Type: text/plain; charset=\"utf-8\"\n"
      "Content-Transfer-Encoding: quoted-printable\n"
      "\n"
      "=E3=83=91=E3=82=BD=E3=82=B3=E3=83=B3=E3=81=8C=E9=81=85=E3=81=84=\n"
      "=E3=81=A7=E3=81=99=E3=80=82\n"
      "--=_b1\n"
      "Content-Type: text/html; charset=utf-8\n"
      "\n"
      "<p>HTML</p>\n"
      "--=_b1--\n"
      "epilogue\n";
  const MailParse p = ParseMail(raw);
  ASSERT_TRUE(p.mail) << p.error;
  EXPECT_EQ(p.mail->from_name, "IT \"Shonan\"");
  EXPECT_EQ(p.mail->subject, "Re: 相談 [#42]");
  EXPECT_EQ(p.mail->text, "パソコンが遅いです。");
  EXPECT_EQ(p.mail->replies_to, (std::vector<std::string>{"b@desk", "b@desk", "a@desk"}));
}

TEST(MailMessage, MixedWithAttachmentAndBase64Text) {
  const std::string raw =
      "From: info@mikanyu.example (未加入商事)\n"
      "Subject: plain ascii\n"
      "Content-Type: multipart/mixed; boundary=outer\n"
      "\n"
      "--outer\n"
      "Content-Type: application/pdf\n"
      "Content-Disposition: attachment; filename=a.pdf\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "!!!not base64 but never read!!!\n"
      "--outer\n"
      "Content-Type: text/plain; charset=UTF-8\n"
      "Content-Transfer-Encoding: base64\n"
      "\n" +
      Base64Encode("実証に参加したいです。").substr(0, 20) + "\n" +
      Base64Encode("実証に参加したいです。").substr(20) +
      "\n"
      "--outer--\n";
  const MailParse p = ParseMail(raw);
  ASSERT_TRUE(p.mail) << p.error;
  EXPECT_EQ(p.mail->from_address, "info@mikanyu.example");
  EXPECT_EQ(p.mail->from_name, "未加入商事");
  EXPECT_EQ(p.mail->text, "実証に参加したいです。");
}

TEST(MailMessage, HtmlOnlyMailReadsAsText) {
  const MailParse p = ParseMail(
      "From: a@b.example\nContent-Type: text/html; charset=shift_jis\n\n<div>x &amp; y</div><br>z");
  ASSERT_TRUE(p.mail) << p.error;
  EXPECT_EQ(p.mail->text, "x & y\n\nz");
}

TEST(MailMessage, MailThatCannotBecomeATicketSaysWhy) {
  EXPECT_EQ(ParseMail("Subject: x\n\nbody").error, "no_from");
  EXPECT_EQ(ParseMail("From: not an address\n\nbody").error, "no_from");
  EXPECT_EQ(ParseMail("From: a@b.example\n\n" + std::string(3000, 'x'), 1024).error, "too_large");
  EXPECT_EQ(ParseMail("From: a@b.example\nContent-Type: multipart/mixed\n\n--x\n\nbody\n").error,
            "bad_mime")
      << "no boundary";
  EXPECT_EQ(
      ParseMail("From: a@b.example\nContent-Type: multipart/mixed; boundary=x\n\n--x\n\nbody\n")
          .error,
      "bad_mime")
      << "never closed";
  EXPECT_EQ(ParseMail("From: a@b.example\nContent-Transfer-Encoding: base64\n\n@@@@").error,
            "bad_mime");
  EXPECT_EQ(ParseMail("From: a@b.example\nContent-Type: text/plain; charset=x-klingon\n\nx").error,
            "bad_charset");
  EXPECT_EQ(
      ParseMail("From: a@b.example\nContent-Type: text/plain; charset=utf-8\n\n\xff\xfe").error,
      "bad_charset");
  EXPECT_EQ(ParseMail("From: a@b.example\nContent-Type: image/png\n\nxx").error, "no_text");
  std::string deep = "From: a@b.example\n";
  for (int i = 0; i < 12; ++i)
    deep += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\n\n--b" +
            std::to_string(i) + "\n";
  EXPECT_EQ(ParseMail(deep).error, "bad_mime");
}

// A fake desk: tickets by key, failing on demand.
struct FakeDesk {
  std::map<std::string, int> keys;
  bool fail = false;
  std::vector<domain::SenderCount> counted;
  MailSink Sink() {
    return [this](const domain::MailIn& m) -> Result<domain::MailResult> {
      if (fail) return err::Internal();
      domain::MailResult r;
      r.duplicate = keys.count(m.key) > 0;
      ++keys[m.key];
      return r;
    };
  }
  MailCountSink Counts() {
    return [this](const std::vector<domain::SenderCount>& c) {
      counted.insert(counted.end(), c.begin(), c.end());
      return Status::Ok();
    };
  }
};

size_t Files(const fs::path& dir) {
  size_t n = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) ++n;
  return n;
}

TEST(Mailbox, MailMovesToCurOnlyAfterTheSinkAndBadMailToQuarantine) {
  const fs::path dir = fs::temp_directory_path() / ("renkei-maildir-" + std::to_string(getpid()));
  fs::remove_all(dir);
  MailIntakeConfig cfg;
  cfg.max_bytes = 4096;
  cfg.mailboxes.push_back({"kanagawa", "soudan@desk.example", dir.string()});
  FakeDesk desk;
  SystemClock clock;
  MailboxReader reader(cfg, desk.Sink(), desk.Counts(), clock);
  ASSERT_TRUE(reader.Prepare().ok());
  auto put = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / "new" / name, std::ios::binary) << text;
  };
  put("1000.M1.host", "From: a@b.example\nMessage-ID: <m1@b>\nSubject: one\n\nbody");
  put("1001.M2.host", "Subject: no sender\n\nbody");
  put("1002.M3.host", "From: a@b.example\n\n" + std::string(5000, 'x'));
  desk.fail = true;
  reader.PollOnce();
  EXPECT_EQ(Files(dir / "new"), 1u) << "the good mail stays in new/ while the sink fails";
  EXPECT_EQ(Files(dir / ".Quarantine" / "cur"), 2u);
  desk.fail = false;
  reader.PollOnce();
  EXPECT_EQ(Files(dir / "new"), 0u);
  EXPECT_TRUE(fs::exists(dir / "cur" / "1000.M1.host:2,S"));
  EXPECT_EQ(desk.keys["m1@b"], 1);
  // Read again (a crash between the commit and the move): the sink sees the same key.
  fs::rename(dir / "cur" / "1000.M1.host:2,S", dir / "new" / "1000.M1.host");
  reader.PollOnce();
  EXPECT_EQ(desk.keys["m1@b"], 2);
  EXPECT_EQ(reader.totals().duplicates, 1);
  EXPECT_EQ(reader.totals().tickets, 1);
  EXPECT_EQ(reader.totals().quarantined, 2);
  std::int64_t malformed = 0, accepted = 0;
  std::string errors;
  for (const auto& c : desk.counted) {
    EXPECT_EQ(c.sender, "mail:soudan@desk.example");
    malformed += c.malformed;
    accepted += c.accepted;
    errors += c.error + ",";
  }
  EXPECT_EQ(malformed, 2);
  EXPECT_EQ(accepted, 1) << "a duplicate is not counted twice";
  fs::remove_all(dir);
}

TEST(MailConfig, TheBuiltInFileNamesTheDemosMailboxAndBadFilesAreRefused) {
  auto c = EmbeddedMailConfig();
  ASSERT_TRUE(c.ok()) << c.status().Describe();
  ASSERT_FALSE(c->mailboxes.empty());
  EXPECT_EQ(c->mailboxes[0].consortium, "kanagawa");
  EXPECT_EQ(c->mailboxes[0].address, "soudan-kanagawa@otasuketai-desk.example");
  EXPECT_FALSE(ParseMailConfig("m.toml", "[[mailboxes]]\nconsortium='a'").ok()) << "no maildir";
  EXPECT_FALSE(ParseMailConfig("m.toml",
                               "[[mailboxes]]\nconsortium='a'\nmaildir='/x'\n"
                               "[[mailboxes]]\nconsortium='b'\nmaildir='/x'")
                   .ok())
      << "one Maildir twice";
  EXPECT_FALSE(ParseMailConfig("m.toml", "[mail]\npoll_ms=1").ok());
  EXPECT_FALSE(ParseMailConfig("m.toml", "[mail\n").ok());
  // The vendor catalogue does not take mail.toml for a vendor mapping.
  EXPECT_TRUE(MappingCatalog::Embedded().ok());
}

}  // namespace
}  // namespace renkei::intake
