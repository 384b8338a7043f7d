// PdfDocument: a small PDF 1.7 writer for A4 text documents in Japanese and English
// (nothing but the standard library). The filed report's download is written with it.
//
// One font, never embedded: the Type0 font "HeiseiKakuGo-W5" over a CIDFontType0 of the
// Adobe-Japan1 collection with the encoding CMap UniJIS-UTF16-H, which every
// Japanese-capable viewer has (Acrobat ships it; poppler and pdf.js substitute a Japanese
// system font such as Noto Sans CJK JP). Text is written as UTF-16BE code units (surrogate
// pairs beyond the BMP); a /ToUnicode CMap makes it extractable and searchable.
//
// Widths: UniJIS-UTF16-H maps ASCII to the proportional Latin CIDs 1–100 (not to the
// half-width ones), so the font declares their proportional widths in /W (those of Noto
// Sans CJK JP, the face poppler draws them with); the half-width CIDs 231–632 (half-width
// katakana …) are 500, everything else the default 1000. Layout measures each code point
// with the width of the CID the CMap sends it to, so a line never runs past the margin in
// a viewer (tests/unit/pdf_writer_test.cc checks this against poppler-data's CMap).
//
// Output is deterministic: the same calls give the same bytes (/ID is a hash of the file).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace renkei {

struct PdfInfo {
  std::string title;
  std::string author;     // optional
  Millis created_at = 0;  // /CreationDate (written in JST)
};

struct PdfTextStyle {
  double size = 10;      // points
  bool bold = false;     // drawn as fill + stroke (the font has one weight)
  double gray = 0;       // 0 black … 1 white
  double indent = 0;     // points from the left margin
  double leading = 1.5;  // line height as a multiple of the size
};

// A key–value table row: the label column and the value column, each wrapped.
struct PdfRow {
  std::string label;
  std::string value;
};

// A running header or footer line. "{page}" and "{pages}" in any part become the page
// number and the page count.
struct PdfRunning {
  std::string left, center, right;
};

class PdfDocument {
 public:
  static constexpr double kA4Width = 595.28;
  static constexpr double kA4Height = 841.89;
  struct Margins {
    double top = 64, right = 50, bottom = 58, left = 50;
  };

  explicit PdfDocument(PdfInfo info);
  PdfDocument(PdfInfo info, Margins margins);

  // Drawn on every page, above the top and below the bottom margin.
  void SetHeader(PdfRunning header) { header_ = std::move(header); }
  void SetFooter(PdfRunning footer) { footer_ = std::move(footer); }

  // Level 1, 2 or 3; kept on the page with at least the first lines after it.
  void Heading(std::string_view text, int level = 1);
  // Wrapped text; '\n' breaks a line, an empty line leaves one blank line.
  void Paragraph(std::string_view text, const PdfTextStyle& style = {});
  // Label column `label_width` points wide, the value column the rest; a row longer than
  // the page continues on the next one.
  void Table(const std::vector<PdfRow>& rows, double label_width = 150);
  void Rule();                // a thin line across the text width
  void Space(double points);  // vertical space (none at the top of a page)
  void PageBreak();

  int page_count() const { return static_cast<int>(pages_.size()); }
  double text_width() const { return kA4Width - margins_.left - margins_.right; }

  // The PDF file. Call once.
  std::string Finish();

 private:
  struct Line;
  void NewPage();
  // Room for `height` points below the cursor, on a new page if need be.
  void Ensure(double height);
  void DrawLine(const std::u32string& text, double x, double baseline, const PdfTextStyle& s);
  void Running(std::string& ops, const PdfRunning& r, double baseline, int page) const;

  PdfInfo info_;
  Margins margins_;
  PdfRunning header_, footer_;
  std::vector<std::string> pages_;  // each page's body operators
  double cursor_ = 0;               // top of the next line box, in points from the bottom
  std::vector<char32_t> used_;      // code points drawn (for /ToUnicode)
};

// Width in points of UTF-8 text at `size`, as a viewer advances it.
double PdfTextWidth(std::string_view utf8, double size);
// The lines `utf8` wraps into within `width` points at `size`: Japanese breaks between
// any two characters except before closing punctuation and small kana (。、）」ー っ …)
// and after opening brackets (basic 禁則, the character moves to the next line with its
// neighbour), Latin text at spaces (a word longer than the line is cut). '\n' is a hard
// break; spaces at a break are dropped.
std::vector<std::string> PdfWrap(std::string_view utf8, double size, double width);

// The CID UniJIS-UTF16-H gives a printable ASCII character, and the width (1/1000 em) the
// font dictionary declares for a code point; exposed for the test against the CMap file.
int PdfAsciiCid(char c);
int PdfAdvance(char32_t cp);

}  // namespace renkei
