// The attachment rules items and reports share (issue 13, finding 12): a file name's
// extension must fit its type, and names with bidirectional controls, zero-width or other
// invisible or control characters are refused, each as 400 invalid_filename on "filename".
#include <gtest/gtest.h>

#include "core/text.h"
#include "domain/attachments.h"

namespace renkei::domain {
namespace {

const std::string kPdf = "%PDF-1.7\n";
const std::string kPng = "\x89PNG\r\n\x1a\n....";
const std::string kJpeg = "\xff\xd8\xff\xe0....";
const std::string kZip = "PK\x03\x04....";
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

void ExpectBadName(const Status& st, const std::string& says) {
  EXPECT_EQ(st.kind(), Kind::kInvalidArgument) << st.Describe();
  EXPECT_EQ(st.code(), "invalid_filename") << st.Describe();
  EXPECT_EQ(st.field(), "filename");
  EXPECT_NE(st.message().find(says), std::string::npos) << st.Describe();
}

TEST(Attachments, Finding12_TheExtensionMustFitTheType) {
  EXPECT_TRUE(CheckAttachment("report.pdf", "application/pdf", kPdf).ok());
  EXPECT_TRUE(CheckAttachment("REPORT.PDF", "application/pdf", kPdf).ok());
  EXPECT_TRUE(CheckAttachment("map.png", "image/png", kPng).ok());
  EXPECT_TRUE(CheckAttachment("photo.jpg", "image/jpeg", kJpeg).ok());
  EXPECT_TRUE(CheckAttachment("photo.jpeg", "image/jpeg", kJpeg).ok());
  EXPECT_TRUE(CheckAttachment("logs.zip", "application/zip", kZip).ok());
  EXPECT_TRUE(CheckAttachment("sheet.xlsx", kXlsx, kZip).ok());
  EXPECT_TRUE(CheckAttachment("ioc.txt", "text/plain", "203.0.113.9\n").ok());
  EXPECT_TRUE(CheckAttachment("fw.log", "text/plain", "x\n").ok());
  EXPECT_TRUE(CheckAttachment("hosts.csv", "text/csv", "a,b\n").ok());
  EXPECT_TRUE(CheckAttachment("iocs.json", "application/json", "{}").ok());
  EXPECT_TRUE(CheckAttachment("報告書.v2.pdf", "application/pdf", kPdf).ok());

  ExpectBadName(CheckAttachment("invoice.exe", "application/pdf", kPdf), "must end in .pdf");
  ExpectBadName(CheckAttachment("invoice.pdf.exe", "application/pdf", kPdf), "ends in .exe");
  ExpectBadName(CheckAttachment("invoice", "application/pdf", kPdf), "no extension");
  ExpectBadName(CheckAttachment("invoice.pdf.", "application/pdf", kPdf), "must end in .pdf");
  ExpectBadName(CheckAttachment("map.jpg", "image/png", kPng), "must end in .png");
  ExpectBadName(CheckAttachment("photo.png", "image/jpeg", kJpeg), "must end in .jpg, .jpeg");
  ExpectBadName(CheckAttachment("sheet.zip", kXlsx, kZip), "must end in .xlsx");
  ExpectBadName(CheckAttachment("run.sh", "text/plain", "echo\n"), ".txt, .log, .text");
  ExpectBadName(CheckAttachment("page.html", "text/plain", "<script>\n"), "ends in .html");
  // The type is judged before the name: an unknown type stays 415, wrong bytes 400.
  EXPECT_EQ(CheckAttachment("tool.exe", "application/x-msdownload", "MZ").code(),
            "unsupported_file_type");
  EXPECT_EQ(CheckAttachment("x.exe", "application/pdf", "MZ").code(), "content_mismatch");
}

TEST(Attachments, Finding12_BidiControlsAndInvisibleCharactersAreRefused) {
  // "invoice" U+202E "fdp.exe" shows as "invoiceexe.pdf".
  for (const char* bidi : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067",
                           "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"}) {
    ExpectBadName(
        CheckAttachment(std::string("invoice") + bidi + "fdp.pdf", "application/pdf", kPdf),
        "bidirectional control character U+");
  }
  ExpectBadName(CheckAttachment("invoice\u202Efdp.exe.pdf", "application/pdf", kPdf), "U+202E");
  for (const char* hidden : {"\u200B", "\u200C", "\u200D", "\uFEFF", "\u00AD", "\u2028", "\u2060"})
    ExpectBadName(CheckAttachment(std::string("re") + hidden + "port.pdf", "application/pdf", kPdf),
                  "invisible or control character U+");
  for (const char* control : {"\t", "\n", "\r", "\x1b", "\x7f", "\u0085", "\u009b"})
    ExpectBadName(
        CheckAttachment(std::string("re") + control + "port.pdf", "application/pdf", kPdf),
        "control character");
  ExpectBadName(CheckAttachment("a\u200Bb.pdf", "application/pdf", kPdf), "U+200B");
  // Other scripts and visible punctuation are fine.
  EXPECT_TRUE(CheckAttachment("تقرير.pdf", "application/pdf", kPdf).ok());
  EXPECT_TRUE(CheckAttachment("インシデント報告（第1報）.pdf", "application/pdf", kPdf).ok());
  EXPECT_TRUE(CheckAttachment("ioc list - 2026.txt", "text/plain", "x").ok());
  // A path stays a path problem; malformed UTF-8 stays invalid_text.
  ExpectBadName(CheckAttachment("../x.txt", "text/plain", "x"), "plain file name");
  EXPECT_EQ(CheckAttachment("x\xff.txt", "text/plain", "x").code(), "invalid_text");
}

TEST(Text, FirstHiddenCharacter) {
  EXPECT_EQ(FirstHiddenCharacter("plain 日本語 text"), std::nullopt);
  EXPECT_EQ(FirstHiddenCharacter("a\u202Eb\u200Bc"), U'\u202E');
  EXPECT_EQ(FirstHiddenCharacter("\xff\xfe a\u200Db"), U'\u200D') << "malformed bytes skipped";
  EXPECT_EQ(CodePointName(0x202E), "U+202E");
  EXPECT_EQ(CodePointName(0x1F600), "U+1F600");
}

}  // namespace
}  // namespace renkei::domain
