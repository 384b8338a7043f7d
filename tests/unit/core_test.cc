#include <gtest/gtest.h>

#include "core/ascii.h"
#include "core/crypto.h"
#include "core/text.h"
#include "core/time_format.h"

namespace renkei {
namespace {

TEST(TimeFormat, RendersUtcAndJst) {
  const Millis t = 1774969200123;  // 2026-03-31T15:00:00.123Z
  EXPECT_EQ(FormatRfc3339Utc(t), "2026-03-31T15:00:00.123Z");
  EXPECT_EQ(FormatRfc3339Jst(t), "2026-04-01T00:00:00+09:00");
}

TEST(TimeFormat, ParsesOffsetsAndRejectsNonsense) {
  EXPECT_EQ(ParseRfc3339("2026-04-01T00:00:00+09:00"), std::optional<Millis>(1774969200000));
  EXPECT_EQ(ParseRfc3339("2026-03-31T15:00:00.5Z"), std::optional<Millis>(1774969200500));
  EXPECT_EQ(ParseRfc3339("2024-02-29T00:00:00Z"), std::optional<Millis>(1709164800000));
  EXPECT_FALSE(ParseRfc3339("2026-13-01T00:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2026-04-01 00:00:00"));
  EXPECT_FALSE(ParseRfc3339("2026-04-01T00:00:00"));
  EXPECT_FALSE(ParseRfc3339("tomorrow"));
  EXPECT_FALSE(ParseRfc3339("2026-04-01T00:00:00Zjunk"));
}

TEST(Text, FoldsFullAndHalfWidthAndCase) {
  EXPECT_EQ(FoldForSearch("ＡＢＣ１２３"), "abc123");
  EXPECT_EQ(FoldForSearch("ﾃﾞﾝﾘｮｸ"), "デンリョク");
  EXPECT_EQ(FoldForSearch("電力ISAC"), "電力isac");
  EXPECT_EQ(FoldForSearch("㈱東北"), FoldForSearch("(株)東北"));
}

TEST(Text, ChecksUtf8AndCountsCodePoints) {
  EXPECT_TRUE(IsCleanUtf8("連携 Renkei", false));
  EXPECT_FALSE(IsCleanUtf8("bad\xff", false));
  EXPECT_FALSE(IsCleanUtf8("\xc0\xaf", false)) << "overlong form";
  EXPECT_FALSE(IsCleanUtf8("a\x01", false));
  EXPECT_FALSE(IsCleanUtf8("line\nbreak", false));
  EXPECT_TRUE(IsCleanUtf8("line\nbreak", true));
  // Issue 13: bidi controls anywhere, zero-width characters in single-line text.
  EXPECT_FALSE(IsCleanUtf8("請求書\u202Egpj.exe", false));
  EXPECT_FALSE(IsCleanUtf8("本文\u2067隠す\u2069", true));
  EXPECT_FALSE(IsCleanUtf8("見出し\u200B", false));
  EXPECT_FALSE(IsCleanUtf8("\uFEFF件名", false));
  EXPECT_FALSE(IsCleanUtf8("C1\u0085", true));
  EXPECT_TRUE(IsCleanUtf8("家族👨\u200D👩", true)) << "joiners stay possible in bodies";
  EXPECT_EQ(CodePointCount("連携ab"), 4u);
}

TEST(Text, NormalisesAndChecksEmail) {
  EXPECT_EQ(NormaliseEmail("  Taro@Example.JP "), "taro@example.jp");
  EXPECT_TRUE(LooksLikeEmail("taro@example.jp"));
  EXPECT_FALSE(LooksLikeEmail("taro@localhost"));
  EXPECT_FALSE(LooksLikeEmail("taro example.jp"));
  EXPECT_FALSE(LooksLikeEmail("a@b@c.jp"));
  EXPECT_FALSE(LooksLikeEmail("@example.jp"));
}

TEST(Crypto, HashesVerifyAndDiffer) {
  ASSERT_TRUE(InitCrypto());
  const std::string h = HashPassword("correct horse battery staple");
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("correct horse battery staple", h));
  EXPECT_FALSE(VerifyPassword("correct horse battery stapler", h));
  EXPECT_NE(HashPassword("correct horse battery staple"), h) << "salted";
  EXPECT_NE(RandomToken(), RandomToken());
  EXPECT_EQ(RandomToken(32).size(), 43u);
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(ConstantTimeEquals("same", "same"));
  EXPECT_FALSE(ConstantTimeEquals("same", "samf"));
  EXPECT_FALSE(ConstantTimeEquals("same", "sam"));
}

// One ASCII case fold for header names, media types, e-mail addresses, file extensions and
// the text patterns: only A-Z change, so UTF-8 text and non-letters pass through as they are.
TEST(AsciiCase, OnlyAsciiLettersFoldAndUtf8PassesThrough) {
  EXPECT_EQ(ToAsciiLower("Content-Type: Application/TAXII+JSON"),
            "content-type: application/taxii+json");
  EXPECT_EQ(ToAsciiLower("Ｒｅｎｋｅｉ 連携 ÄÖ @[]`{"), "Ｒｅｎｋｅｉ 連携 ÄÖ @[]`{");
  EXPECT_TRUE(EqualsIgnoringAsciiCase("EN", "en"));
  EXPECT_TRUE(EqualsIgnoringAsciiCase("Accept-Language", "accept-language"));
  EXPECT_FALSE(EqualsIgnoringAsciiCase("en", "en-"));
  EXPECT_FALSE(
      EqualsIgnoringAsciiCase("@", "`"));  // 0x40 and 0x60 differ by 32 but are not letters
  EXPECT_EQ(NormaliseEmail("  Sato@Example.JP\t"), "sato@example.jp");
}

}  // namespace
}  // namespace renkei
