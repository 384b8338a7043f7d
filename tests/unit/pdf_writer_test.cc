// core/pdf_writer.h read back with poppler (pdfinfo, pdftotext, pdftoppm): A4 pages, the
// running header and footer, wrapping inside the margins, 禁則, page breaks, a character
// beyond the BMP, deterministic bytes, and the widths the font declares against the CMap
// the viewers map the text with (poppler-data's UniJIS-UTF16-H).
#include "core/pdf_writer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "support/pdf_tools.h"

namespace renkei {
namespace {

using testing::InfoField;
using testing::ParseBbox;
using testing::PdfFile;
using testing::RunTool;

constexpr double kLeft = 50, kRight = PdfDocument::kA4Width - 50;
constexpr Millis kPrinted = 1796180400000;  // 2026-12-02T03:00:00Z = 12:00 JST

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

const std::string kJapanese =
    "東北第二発電所の制御系ネットワークで不審な通信を検知しました。当社は直ちに該当端末を"
    "切り離し（ネットワークから隔離）、「重要インフラ」の所管省庁へ連絡しました。影響範囲の"
    "特定はまだ終わっていません。ｶﾀｶﾅの半角表記や全角のＡＢＣ、IPアドレス 192.0.2.10 も"
    "含みます。";
const std::string kEnglish =
    "An operator of a regional power grid noticed unusual outbound traffic from an "
    "engineering workstation to an address abroad; the workstation was isolated within the "
    "hour and the ministry was informed the same afternoon. Investigation is ongoing.";

PdfDocument Sample(int paragraphs) {
  PdfDocument d(PdfInfo{"試験文書 Test", "Renkei test", kPrinted});
  d.SetHeader({"報告 #42", "", "受付番号 R-2026-000123"});
  d.SetFooter({"Renkei", "", "{page} / {pages}"});
  d.Heading("見出し Heading");
  for (int i = 1; i <= paragraphs; ++i) {
    char label[32];
    std::snprintf(label, sizeof label, "段落%03d ", i);
    d.Paragraph(label + (i % 2 ? kJapanese : kEnglish));
  }
  d.Table({{"報告の種類", "(2) 重大な影響（自組織の判断）"},
           {"何が起きたか", Repeat(kJapanese, 3)},
           {"A long English label that wraps", kEnglish}});
  return d;
}

TEST(PdfWriter, A4PagesWithTitleProducerAndCreationDate) {
  PdfDocument d = Sample(40);
  const std::string bytes = d.Finish();
  ASSERT_GT(d.page_count(), 1);
  PdfFile f(bytes);
  const auto info = f.Info();
  ASSERT_EQ(info.status, 0) << "pdfinfo failed (scripts/install-deps.sh --test installs it)";
  EXPECT_EQ(InfoField(info.out, "Pages"), std::to_string(d.page_count()));
  EXPECT_EQ(InfoField(info.out, "Page size"), "595.28 x 841.89 pts (A4)");
  EXPECT_EQ(InfoField(info.out, "PDF version"), "1.7");
  EXPECT_EQ(InfoField(info.out, "Title"), "試験文書 Test");
  EXPECT_EQ(InfoField(info.out, "Author"), "Renkei test");
  EXPECT_EQ(InfoField(info.out, "Producer"), "Renkei");
  EXPECT_EQ(InfoField(info.out, "CreationDate"), "2026-12-02T12:00:00+09");  // JST
  // Every page, not only the first, is A4.
  const auto all =
      RunTool("pdfinfo -f 1 -l " + std::to_string(d.page_count()) + " '" + f.path().string() + "'");
  std::istringstream in(all.out);
  std::string line;
  int sized = 0;
  while (std::getline(in, line)) {
    if (line.rfind("Page ", 0) != 0 || line.find(" size:") == std::string::npos) continue;
    ++sized;
    EXPECT_NE(line.find("595.28 x 841.89 pts (A4)"), std::string::npos) << line;
  }
  EXPECT_EQ(sized, d.page_count());
}

TEST(PdfWriter, XrefOffsetsPointAtTheirObjects) {
  const std::string bytes = Sample(30).Finish();
  const size_t startxref = bytes.rfind("startxref\n");
  ASSERT_NE(startxref, std::string::npos);
  const size_t xref = std::stoul(bytes.substr(startxref + 10));
  ASSERT_EQ(bytes.compare(xref, 5, "xref\n"), 0);
  std::istringstream in(bytes.substr(xref + 5));
  int first = -1, count = 0;
  in >> first >> count;
  ASSERT_EQ(first, 0);
  ASSERT_GT(count, 8);
  std::string line;
  std::getline(in, line);
  for (int i = 0; i < count; ++i) {
    char entry[20];
    ASSERT_TRUE(in.read(entry, 20));  // each entry is exactly 20 bytes
    const std::string e(entry, 20);
    if (i == 0) {
      EXPECT_EQ(e, "0000000000 65535 f \n");
      continue;
    }
    const size_t off = std::stoul(e.substr(0, 10));
    EXPECT_EQ(e.substr(10), " 00000 n \n");
    EXPECT_EQ(bytes.compare(off, std::to_string(i).size() + 6, std::to_string(i) + " 0 obj"), 0)
        << "object " << i << " at " << off;
  }
  // And each stream's /Length is the length of its data.
  const std::regex stream_re("/Length (\\d+) >>\nstream\n");
  for (auto it = std::sregex_iterator(bytes.begin(), bytes.end(), stream_re);
       it != std::sregex_iterator(); ++it) {
    const size_t data = static_cast<size_t>(it->position() + it->length());
    const size_t len = std::stoul((*it)[1]);
    EXPECT_EQ(bytes.compare(data + len, 9, "endstream"), 0) << "stream at " << data;
  }
}

TEST(PdfWriter, WrappedTextNeverRunsPastTheMargins) {
  PdfDocument d = Sample(12);
  PdfFile f(d.Finish());
  const auto bbox = f.Bbox();
  ASSERT_EQ(bbox.status, 0);
  const auto words = ParseBbox(bbox.out);
  ASSERT_GT(words.size(), 100u);
  double widest = 0;
  for (const auto& w : words) {
    EXPECT_GE(w.x_min, kLeft - 0.01) << w.text;
    EXPECT_LE(w.x_max, kRight + 0.01) << w.text << " on page " << w.page;
    widest = std::max(widest, w.x_max);
  }
  // The lines are filled, not cut short: the longest comes within a character of the margin.
  EXPECT_GT(widest, kRight - 10);

  // The layout function alone, at sizes and widths that do not divide evenly.
  for (double size : {8.0, 9.5, 10.0, 13.0}) {
    for (double width : {120.5, 300.0, 495.28}) {
      for (const auto& text : {kJapanese, kEnglish, Repeat("x", 200), Repeat("ｱ", 99)}) {
        for (const auto& line : PdfWrap(text, size, width))
          EXPECT_LE(PdfTextWidth(line, size), width + 1e-9) << line;
      }
    }
  }
}

TEST(PdfWriter, KinsokuKeepsPunctuationOffTheLineStartAndOpeningBracketsOffItsEnd) {
  // Ten full-width characters fit a 100 pt line at 10 pt.
  auto wrap = [](const std::string& s) { return PdfWrap(s, 10, 100); };
  // 。 would start line 2: the character before it moves down with it.
  EXPECT_EQ(wrap("あいうえおかきくけこ。さしすせそ"),
            (std::vector<std::string>{"あいうえおかきくけ", "こ。さしすせそ"}));
  // 」 and a small kana likewise.
  EXPECT_EQ(wrap("あいうえおかきくけこ」さ"),
            (std::vector<std::string>{"あいうえおかきくけ", "こ」さ"}));
  EXPECT_EQ(wrap("あいうえおかきくけちょっと"),
            (std::vector<std::string>{"あいうえおかきくけ", "ちょっと"}));
  // 「 may not end a line: it goes to the next one with what it opens.
  EXPECT_EQ(wrap("あいうえおかきくけ「こさ」"),
            (std::vector<std::string>{"あいうえおかきくけ", "「こさ」"}));
  // ー (長音) too.
  EXPECT_EQ(wrap("あいうえおかきくけコー、ド"),
            (std::vector<std::string>{"あいうえおかきくけ", "コー、ド"}));

  // In the PDF as extracted: no line starts with closing punctuation.
  PdfDocument d(PdfInfo{"禁則", "", kPrinted});
  // Shifted by one character each time, so line ends fall on every kind of character.
  for (int i = 0; i < 40; ++i)
    d.Paragraph(Repeat("あ", i) + kJapanese + "「括弧」、（注）ちょっとコード。" + kJapanese);
  PdfFile f(d.Finish());
  const auto text = f.Text();
  ASSERT_EQ(text.status, 0);
  std::istringstream in(text.out);
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) {
    const size_t b = line.find_first_not_of(' ');
    if (b == std::string::npos) continue;
    ++lines;
    for (const char* bad : {"。", "、", "）", "」", "ー", "っ", "ょ"})
      EXPECT_NE(line.compare(b, std::strlen(bad), bad), 0) << line;
    for (const char* bad : {"（", "「"}) {
      EXPECT_FALSE(line.size() >= std::strlen(bad) &&
                   line.compare(line.size() - std::strlen(bad), std::strlen(bad), bad) == 0)
          << line;
    }
  }
  EXPECT_GT(lines, 60);
}

TEST(PdfWriter, EnglishWrapsAtSpacesAndCutsOnlyAWordLongerThanTheLine) {
  const auto lines = PdfWrap(kEnglish, 10, 200);
  ASSERT_GT(lines.size(), 3u);
  std::string joined;
  for (const auto& l : lines) {
    EXPECT_FALSE(l.empty());
    EXPECT_NE(l.front(), ' ');
    EXPECT_NE(l.back(), ' ');
    joined += (joined.empty() ? "" : " ") + l;
  }
  EXPECT_EQ(joined, kEnglish);  // every break was at a space, none inside a word
  // A URL longer than the line is cut, and nothing is lost.
  const std::string url = "https://example.com/" + Repeat("averylongpath/", 12) + "index.html";
  const auto cut = PdfWrap(url, 10, 200);
  ASSERT_GT(cut.size(), 1u);
  std::string whole;
  for (const auto& l : cut) whole += l;
  EXPECT_EQ(whole, url);
  // Hard line breaks stay, and an empty line stays one.
  EXPECT_EQ(PdfWrap("一行目\n\n三行目", 10, 200),
            (std::vector<std::string>{"一行目", "", "三行目"}));
}

TEST(PdfWriter, PageBreaksKeepEveryParagraphAndRepeatHeaderAndFooter) {
  PdfDocument d = Sample(60);
  const std::string bytes = d.Finish();
  const int pages = d.page_count();
  ASSERT_GE(pages, 3);
  PdfFile f(bytes);
  std::string all;
  for (int p = 1; p <= pages; ++p) {
    const auto text = f.Text(p);
    ASSERT_EQ(text.status, 0);
    EXPECT_NE(text.out.find("報告 #42"), std::string::npos) << "header on page " << p;
    EXPECT_NE(text.out.find("受付番号 R-2026-000123"), std::string::npos) << "page " << p;
    // "1 / 3" (pdftotext may drop the narrow spaces)
    EXPECT_TRUE(std::regex_search(
        text.out, std::regex("\\b" + std::to_string(p) + " ?/ ?" + std::to_string(pages) + "\\b")))
        << "footer on page " << p;
    all += text.out;
  }
  // Each paragraph is there once, in order, whichever page it fell on.
  size_t at = 0;
  for (int i = 1; i <= 60; ++i) {
    char label[32];
    std::snprintf(label, sizeof label, "段落%03d", i);
    const size_t found = all.find(label, at);
    ASSERT_NE(found, std::string::npos) << label;
    EXPECT_EQ(all.find(label, found + 1), std::string::npos) << label << " twice";
    at = found;
  }
  EXPECT_NE(all.find("何が起きたか"), std::string::npos);
}

TEST(PdfWriter, ALongTableRowContinuesOnTheNextPage) {
  PdfDocument d(PdfInfo{"表", "", kPrinted});
  std::string value;
  for (int i = 1; i <= 150; ++i) value += "行" + std::to_string(i) + "番目の値です。\n";
  d.Table({{"長い項目", value}, {"次の項目", "最後"}});
  const std::string bytes = d.Finish();
  ASSERT_GE(d.page_count(), 2);
  PdfFile f(bytes);
  const auto text = f.Text();
  size_t at = 0;
  for (int i = 1; i <= 150; ++i) {
    const std::string line = "行" + std::to_string(i) + "番目の値です。";
    const size_t found = text.out.find(line, at);
    ASSERT_NE(found, std::string::npos) << line;
    at = found;
  }
  EXPECT_NE(text.out.find("最後", at), std::string::npos);
}

TEST(PdfWriter, ACharacterBeyondTheBmpIsOneSurrogatePairAndExtractsAsItself) {
  // 𠮷 (U+20BB7, the 吉 of 𠮷野家) and 𠮟 (U+20B9F).
  EXPECT_DOUBLE_EQ(PdfTextWidth("𠮷", 10), 10);  // one full-width character, not two
  PdfDocument d(PdfInfo{"𠮷田", "", kPrinted});
  d.Paragraph("担当 𠮷田さんが𠮟責された件");
  const std::string bytes = d.Finish();
  EXPECT_NE(bytes.find("<D842DFB7> Tj"), std::string::npos);          // UTF-16BE surrogate pair
  EXPECT_NE(bytes.find("<D842DFB7> <D842DFB7>"), std::string::npos);  // in /ToUnicode
  PdfFile f(bytes);
  EXPECT_NE(f.Text().out.find("担当 𠮷田さんが𠮟責された件"), std::string::npos) << f.Text().out;
  EXPECT_EQ(InfoField(f.Info().out, "Title"), "𠮷田");
}

TEST(PdfWriter, SameInputSameBytes) {
  const std::string a = Sample(20).Finish();
  const std::string b = Sample(20).Finish();
  EXPECT_EQ(a, b);
  PdfDocument other = Sample(20);
  other.Paragraph("一文字違い");
  const std::string c = other.Finish();
  EXPECT_NE(a, c);
  // The file identifier follows the content.
  auto id = [](const std::string& s) { return s.substr(s.find("/ID [<"), 40); };
  EXPECT_EQ(id(a), id(b));
  EXPECT_NE(id(a), id(c));
}

// The code → CID mapping of UniJIS-UTF16-H from poppler-data: what every viewer maps our
// text with.
std::map<unsigned, int> ReadUniJisUtf16() {
  std::ifstream in("/usr/share/poppler/cMap/Adobe-Japan1/UniJIS-UTF16-H");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string s = ss.str();
  std::map<unsigned, int> m;
  const std::regex range_re("<([0-9a-f]{4})>\\s*<([0-9a-f]{4})>\\s+(\\d+)");
  const std::regex char_re("<([0-9a-f]{4})>\\s+(\\d+)");
  for (const bool ranges : {true, false}) {
    const char* block = ranges ? "begincidrange" : "begincidchar";
    for (size_t at = s.find(block); at != std::string::npos; at = s.find(block, at + 1)) {
      const std::string body = s.substr(at, s.find("endcid", at) - at);
      if (ranges) {
        for (auto it = std::sregex_iterator(body.begin(), body.end(), range_re);
             it != std::sregex_iterator(); ++it) {
          const unsigned lo = std::stoul((*it)[1], nullptr, 16);
          const unsigned hi = std::stoul((*it)[2], nullptr, 16);
          for (unsigned c = lo; c <= hi; ++c) m.emplace(c, std::stoi((*it)[3]) + (c - lo));
        }
      } else {
        for (auto it = std::sregex_iterator(body.begin(), body.end(), char_re);
             it != std::sregex_iterator(); ++it)
          m.emplace(std::stoul((*it)[1], nullptr, 16), std::stoi((*it)[2]));
      }
    }
  }
  return m;
}

// CID → width from the /W array of our font dictionary.
std::map<int, int> DeclaredWidths(const std::string& pdf) {
  std::map<int, int> w;
  const size_t at = pdf.find("/W [");
  std::istringstream in(pdf.substr(at + 4, pdf.find(" >>", at) - at - 4));
  std::vector<std::string> tokens;
  std::string t;
  while (in >> t) tokens.push_back(t);
  for (size_t i = 0; i < tokens.size();) {
    const int first = std::stoi(tokens[i]);
    if (tokens[i + 1].front() == '[') {
      int cid = first;
      tokens[i + 1].erase(0, 1);
      size_t k = i + 1;
      for (;; ++k) {
        std::string v = tokens[k];
        const bool last = v.back() == ']';
        if (last) v.pop_back();
        if (!v.empty()) w[cid++] = std::stoi(v);
        if (last) break;
      }
      i = k + 1;
    } else {
      std::string v = tokens[i + 2];
      if (v.back() == ']') v.pop_back();
      for (int cid = first; cid <= std::stoi(tokens[i + 1]); ++cid) w[cid] = std::stoi(v);
      i += 3;
    }
  }
  return w;
}

TEST(PdfWriter, LayoutWidthsAreTheWidthsTheViewerDrawsWith) {
  const auto cmap = ReadUniJisUtf16();
  ASSERT_GT(cmap.size(), 10000u)
      << "poppler-data's UniJIS-UTF16-H is missing (scripts/install-deps.sh --test)";
  const auto declared = DeclaredWidths(Sample(1).Finish());
  ASSERT_GT(declared.size(), 95u);
  for (char c = 0x20; c < 0x7F; ++c)
    EXPECT_EQ(PdfAsciiCid(c), cmap.at(static_cast<unsigned char>(c))) << c;
  // For every BMP code the CMap maps, the width layout counts is the width the font
  // declares for the CID the viewer draws (the default 1000 where /W says nothing).
  int checked = 0;
  for (const auto& [code, cid] : cmap) {
    if (code >= 0xD800 && code <= 0xDFFF) continue;
    const auto it = declared.find(cid);
    const int viewer = it == declared.end() ? 1000 : it->second;
    EXPECT_EQ(PdfAdvance(code), viewer) << "U+" << std::hex << code << " CID " << std::dec << cid;
    ++checked;
  }
  EXPECT_GT(checked, 10000);
}

// Dark pixels of a grey-scale rendering (pdftoppm -pgm), in the rows [top, bottom) of
// the page (fractions of its height).
int InkInRows(const PdfFile& f, double top, double bottom) {
  const std::string out = (f.dir() / "render").string();
  const auto r = RunTool("pdftoppm -r 60 -gray -f 1 -l 1 -singlefile '" + f.path().string() +
                         "' '" + out + "'");
  if (r.status != 0) return -1;
  std::ifstream in(out + ".pgm", std::ios::binary);
  std::string magic;
  int w = 0, h = 0, max = 0;
  in >> magic >> w >> h >> max;
  in.get();
  std::string pixels((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (magic != "P5" || pixels.size() < static_cast<size_t>(w * h)) return -1;
  int ink = 0;
  for (int y = static_cast<int>(top * h); y < static_cast<int>(bottom * h); ++y)
    for (int x = 0; x < w; ++x)
      if (static_cast<unsigned char>(pixels[static_cast<size_t>(y * w + x)]) < 128) ++ink;
  return ink;
}

TEST(PdfWriter, JapaneseGlyphsAreDrawn) {
  // Only Japanese text, in the top quarter of the page: poppler finds a Japanese face
  // for HeiseiKakuGo-W5 (fonts-noto-cjk through fontconfig) and draws its glyphs.
  PdfDocument d(PdfInfo{"描画", "", kPrinted});
  d.Heading("重要インフラ事業者の報告");
  d.Paragraph(Repeat("東北第二発電所の制御系で不審な通信を検知。", 4));
  PdfFile f(d.Finish());
  const int ink = InkInRows(f, 0.05, 0.25);
  ASSERT_GE(ink, 0) << "pdftoppm failed";
  EXPECT_GT(ink, 1500);
  EXPECT_EQ(InkInRows(f, 0.5, 0.9), 0);  // nothing below the text
}

}  // namespace
}  // namespace renkei
