#include "core/pdf_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/crypto.h"
#include "core/time_format.h"

namespace renkei {

namespace {

// Advance widths (1/1000 em) of the printable ASCII characters 0x20–0x7E as Noto Sans CJK
// JP draws them (measured with FreeType from NotoSansCJK-Regular.ttc, face 0): the face
// poppler substitutes for HeiseiKakuGo-W5 through fontconfig.
constexpr int kAsciiWidths[95] = {
    224, 323, 474, 555, 555, 921, 680, 278, 338, 338, 467, 555, 278, 347, 278, 392,  // ' '–'/'
    555, 555, 555, 555, 555, 555, 555, 555, 555, 555, 278, 278, 555, 555, 555, 474,  // '0'–'?'
    946, 608, 657, 638, 688, 589, 552, 689, 728, 293, 535, 646, 543, 812, 723, 742,  // '@'–'O'
    633, 742, 635, 596, 599, 721, 575, 878, 573, 531, 603, 338, 392, 338, 555, 559,  // 'P'–'_'
    606, 563, 618, 510, 620, 554, 325, 564, 607, 275, 275, 552, 284, 926, 610, 606,  // '`'–'o'
    620, 620, 388, 468, 377, 607, 521, 802, 498, 521, 475, 338, 270, 338, 555};      // 'p'–'~'

// Code points outside ASCII that UniJIS-UTF16-H sends to a CID an ASCII character also
// uses: they get that character's width (the font declares widths per CID).
struct Alias {
  char32_t cp;
  char ascii;
};
constexpr Alias kAsciiAliases[] = {{0x00A0, ' '}, {0x2011, '-'}, {0x02CB, '`'},
                                   {0x0300, '`'}, {0x0332, '_'}, {0x223C, '~'}};

// The half-width CIDs 231–632, declared 500 wide: what UniJIS-UTF16-H maps there.
bool HalfWidth(char32_t cp) {
  return (cp >= 0xFF61 && cp <= 0xFF9F) || cp == 0x2002 || cp == 0xFFE8;
}

constexpr double kLeadingHeading = 1.35;

// Line-breaking classes (JIS X 4051, reduced): characters a line may not start with …
constexpr std::u32string_view kNoStart =
    U"、。，．・：；？！゛゜ヽヾゝゞ々〻ー）］｝」』】〕〉》〙〗〟’”｠»‐゠–〜～‼⁇⁈⁉"
    U"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    U"｡｣､･ｰｧｨｩｪｫｬｭｮｯ％℃°′″,.:;?!)]}";
// … and may not end with.
constexpr std::u32string_view kNoEnd = U"（［｛「『【〔〈《〘〖〝‘“｟«｢([{";

bool NoStart(char32_t c) { return kNoStart.find(c) != std::u32string_view::npos; }
bool NoEnd(char32_t c) { return kNoEnd.find(c) != std::u32string_view::npos; }

// Scripts written without spaces: a line may break between any two of their characters.
bool Cjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) || c >= 0x20000;
}

bool BreakBetween(char32_t a, char32_t b) {
  if (b == ' ') return false;  // spaces stay at the end of the line (and are dropped)
  if (a == ' ') return true;
  if (NoStart(b) || NoEnd(a)) return false;
  return Cjk(a) || Cjk(b);
}

// UTF-8 → code points: malformed sequences become U+FFFD, controls other than '\n' are
// dropped (a tab is a space), '\r' vanishes.
std::u32string Decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    char32_t cp = 0xFFFD;
    size_t n = 1;
    if (b < 0x80) {
      cp = b;
    } else if (b >= 0xC2 && b <= 0xF4) {
      const size_t len = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
      char32_t v = b & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
      size_t k = 1;
      for (; k < len && i + k < s.size(); ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) break;
        v = (v << 6) | (c & 0x3F);
      }
      if (k == len) {
        const char32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
        if (v >= min && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF)) cp = v;
        n = len;
      } else {
        n = k;
      }
    }
    i += n;
    if (cp == '\t') cp = ' ';
    if (cp == '\n' || cp >= 0xA0 || (cp >= 0x20 && cp < 0x7F)) out.push_back(cp);
  }
  return out;
}

std::string Encode(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

long Units(std::u32string_view s) {
  long w = 0;
  for (char32_t c : s) w += PdfAdvance(c);
  return w;
}

// The widest a line may be, in 1/1000 em at `size`.
long MaxUnits(double size, double width) {
  return static_cast<long>(std::floor(width * 1000 / size + 1e-9));
}

std::u32string_view TrimSpaces(std::u32string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Wraps one line of text (no '\n').
void WrapLine(std::u32string_view t, long max, std::vector<std::u32string>& out) {
  size_t start = 0;
  while (start < t.size()) {
    long width = 0;
    size_t last_break = 0;  // 0: none on this line yet
    size_t i = start;
    size_t end = t.size();
    for (; i < t.size(); ++i) {
      if (i > start && BreakBetween(t[i - 1], t[i])) last_break = i;
      const long w = PdfAdvance(t[i]);
      if (t[i] != ' ' && width + w > max && i > start) {
        if (last_break > start) {
          end = last_break;
        } else if (NoStart(t[i]) && i - 1 > start) {
          end = i - 1;  // a forced cut still keeps closing punctuation off the line start
        } else {
          end = i;
        }
        break;
      }
      width += w;
    }
    if (i == t.size()) end = t.size();
    out.emplace_back(TrimSpaces(t.substr(start, end - start)));
    start = end;
    while (start < t.size() && t[start] == ' ') ++start;
  }
}

std::vector<std::u32string> Wrap(std::u32string_view text, long max) {
  std::vector<std::u32string> out;
  size_t pos = 0;
  while (true) {
    const size_t nl = text.find(U'\n', pos);
    const auto line = text.substr(pos, nl == std::u32string_view::npos ? nl : nl - pos);
    if (TrimSpaces(line).empty()) {
      out.emplace_back();
    } else {
      WrapLine(line, max, out);
    }
    if (nl == std::u32string_view::npos) break;
    pos = nl + 1;
  }
  return out;
}

// A number as PDF writes it: at most two decimals, no exponent, no locale.
std::string Num(double v) {
  char buf[32];
  auto [p, ec] =
      std::to_chars(buf, buf + sizeof buf, std::round(v * 100) / 100, std::chars_format::fixed, 2);
  std::string s(buf, p);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

void Hex4(std::string& out, unsigned v) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(v >> shift) & 0xF];
}

// The code's UTF-16BE units in hex (the codes of UniJIS-UTF16-H and of our /ToUnicode).
void Utf16Hex(std::string& out, char32_t c) {
  if (c < 0x10000) {
    Hex4(out, c);
  } else {
    Hex4(out, 0xD800 + ((c - 0x10000) >> 10));
    Hex4(out, 0xDC00 + ((c - 0x10000) & 0x3FF));
  }
}

// The text-showing operators for one line. A character beyond the BMP is a 4-byte code
// (a surrogate pair); /ToUnicode maps it, but poppler ignores ToUnicode codes above
// 0xFFFFFF, so it is also marked with its /ActualText (PDF 1.5), which poppler, Acrobat
// and pdf.js all extract.
void ShowText(std::string& ops, std::u32string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] >= 0x10000) {
      std::string code;
      Utf16Hex(code, text[i++]);
      ops += "/Span << /ActualText <FEFF" + code + "> >> BDC <" + code + "> Tj EMC ";
      continue;
    }
    ops += '<';
    for (; i < text.size() && text[i] < 0x10000; ++i) Utf16Hex(ops, text[i]);
    ops += "> Tj ";
  }
}

// A PDF text string: UTF-16BE with its byte-order mark, as a hex string.
std::string TextString(std::string_view utf8) {
  std::string out = "<FEFF";
  for (char32_t c : Decode(utf8)) Utf16Hex(out, c == '\n' ? U' ' : c);
  return out + ">";
}

// "D:20261202111300+09'00'"
std::string PdfDate(Millis ms) {
  const std::string s = FormatRfc3339Jst(ms);  // 2026-12-02T11:13:00+09:00
  std::string d = "D:";
  for (char c : s.substr(0, 19))
    if (c >= '0' && c <= '9') d += c;
  return d + "+09'00'";
}

std::string WidthsArray() {
  // CID → width for the CIDs ASCII reaches, in CID order, as runs of consecutive CIDs.
  int widths[101] = {};
  for (char c = 0x20; c < 0x7F; ++c) widths[PdfAsciiCid(c)] = kAsciiWidths[c - 0x20];
  std::string w = "[";
  for (int cid = 1; cid <= 100; ++cid) {
    if (!widths[cid]) continue;
    w += std::to_string(cid) + " [";
    for (; cid <= 100 && widths[cid]; ++cid)
      w += std::to_string(widths[cid]) + (cid < 100 && widths[cid + 1] ? " " : "");
    w += "] ";
  }
  return w + "231 632 500]";
}

std::string ToUnicode(std::vector<char32_t> used) {
  std::sort(used.begin(), used.end());
  used.erase(std::unique(used.begin(), used.end()), used.end());
  std::string s =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Renkei-UTF16-UCS def\n/CMapType 2 def\n"
      "3 begincodespacerange\n<0000> <D7FF>\n<D800DC00> <DBFFDFFF>\n<E000> <FFFF>\n"
      "endcodespacerange\n";
  for (size_t i = 0; i < used.size(); i += 100) {
    const size_t n = std::min<size_t>(100, used.size() - i);
    s += std::to_string(n) + " beginbfchar\n";
    for (size_t k = i; k < i + n; ++k) {
      std::string code;
      Utf16Hex(code, used[k]);
      s += "<" + code + "> <" + code + ">\n";
    }
    s += "endbfchar\n";
  }
  return s + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
}

std::string Substitute(std::string s, int page, int pages) {
  for (auto [key, value] : {std::pair<std::string_view, int>{"{page}", page}, {"{pages}", pages}}) {
    for (size_t at = s.find(key); at != std::string::npos; at = s.find(key, at))
      s.replace(at, key.size(), std::to_string(value));
  }
  return s;
}

}  // namespace

int PdfAsciiCid(char c) {
  // UniJIS-UTF16-H: <0020>–<005b> → 1–60, <005c> → 97, <005d>–<007b> → 62–92,
  // <007c> → 99, <007d> → 94, <007e> → 100.
  if (c == '\\') return 97;
  if (c == '|') return 99;
  if (c == '}') return 94;
  if (c == '~') return 100;
  if (c >= 0x20 && c <= 0x5B) return c - 0x20 + 1;
  if (c >= 0x5D && c <= 0x7B) return c - 0x5D + 62;
  return 0;
}

int PdfAdvance(char32_t cp) {
  if (cp >= 0x20 && cp < 0x7F) return kAsciiWidths[cp - 0x20];
  for (const auto& a : kAsciiAliases)
    if (a.cp == cp) return kAsciiWidths[a.ascii - 0x20];
  if (HalfWidth(cp)) return 500;
  return 1000;
}

double PdfTextWidth(std::string_view utf8, double size) {
  return static_cast<double>(Units(Decode(utf8))) * size / 1000;
}

std::vector<std::string> PdfWrap(std::string_view utf8, double size, double width) {
  std::vector<std::string> out;
  for (const auto& line : Wrap(Decode(utf8), MaxUnits(size, width))) out.push_back(Encode(line));
  return out;
}

PdfDocument::PdfDocument(PdfInfo info) : PdfDocument(std::move(info), Margins{}) {}

PdfDocument::PdfDocument(PdfInfo info, Margins margins)
    : info_(std::move(info)), margins_(margins) {
  NewPage();
}

void PdfDocument::NewPage() {
  pages_.emplace_back();
  cursor_ = kA4Height - margins_.top;
}

void PdfDocument::Ensure(double height) {
  if (cursor_ - height < margins_.bottom - 1e-6 && cursor_ < kA4Height - margins_.top) NewPage();
}

void PdfDocument::PageBreak() {
  if (cursor_ < kA4Height - margins_.top) NewPage();
}

void PdfDocument::Space(double points) {
  if (cursor_ >= kA4Height - margins_.top) return;
  cursor_ -= points;
  if (cursor_ < margins_.bottom) NewPage();
}

void PdfDocument::DrawLine(const std::u32string& text, double x, double baseline,
                           const PdfTextStyle& s) {
  if (text.empty()) return;
  std::string& ops = pages_.back();
  ops += "q ";
  if (s.gray > 0) ops += Num(s.gray) + " g " + Num(s.gray) + " G ";
  if (s.bold) ops += Num(s.size * 0.035) + " w 2 Tr ";
  ops += "BT /F1 " + Num(s.size) + " Tf " + Num(x) + " " + Num(baseline) + " Td ";
  ShowText(ops, text);
  ops += "ET Q\n";
  used_.insert(used_.end(), text.begin(), text.end());
}

void PdfDocument::Heading(std::string_view text, int level) {
  PdfTextStyle s;
  s.bold = true;
  s.size = level <= 1 ? 16 : level == 2 ? 12.5 : 11;
  s.leading = kLeadingHeading;
  Space(level <= 1 ? 10 : 8);
  const auto lines = Wrap(Decode(text), MaxUnits(s.size, text_width()));
  const double h = s.size * s.leading;
  // The heading and two body lines after it stay together.
  Ensure(h * static_cast<double>(lines.size()) + 2 * 15);
  Paragraph(text, s);
  if (level <= 2) {
    std::string& ops = pages_.back();
    const double y = cursor_ + 1;
    ops += "q 0.55 G " + Num(level <= 1 ? 1 : 0.6) + " w " + Num(margins_.left) + " " + Num(y) +
           " m " + Num(kA4Width - margins_.right) + " " + Num(y) + " l S Q\n";
  }
  Space(4);
}

void PdfDocument::Paragraph(std::string_view text, const PdfTextStyle& style) {
  const double x = margins_.left + style.indent;
  const double h = style.size * style.leading;
  for (const auto& line : Wrap(Decode(text), MaxUnits(style.size, text_width() - style.indent))) {
    Ensure(h);
    const double baseline = cursor_ - (h - style.size) / 2 - style.size * 0.88;
    DrawLine(line, x, baseline, style);
    cursor_ -= h;
  }
}

void PdfDocument::Rule() {
  Space(4);
  Ensure(1);
  pages_.back() += "q 0.7 G 0.5 w " + Num(margins_.left) + " " + Num(cursor_) + " m " +
                   Num(kA4Width - margins_.right) + " " + Num(cursor_) + " l S Q\n";
  Space(4);
}

void PdfDocument::Table(const std::vector<PdfRow>& rows, double label_width) {
  constexpr double kGap = 10, kPad = 3;
  PdfTextStyle label_style;
  label_style.size = 9;
  label_style.bold = true;
  label_style.gray = 0.25;
  const PdfTextStyle value_style;
  const double value_x = margins_.left + label_width + kGap;
  const double value_width = text_width() - label_width - kGap;
  const double h = value_style.size * value_style.leading;
  auto rule = [&](double y) {
    pages_.back() += "q 0.75 G 0.5 w " + Num(margins_.left) + " " + Num(y) + " m " +
                     Num(kA4Width - margins_.right) + " " + Num(y) + " l S Q\n";
  };
  for (const auto& row : rows) {
    const auto labels = Wrap(Decode(row.label), MaxUnits(label_style.size, label_width));
    auto values = Wrap(Decode(row.value), MaxUnits(value_style.size, value_width));
    if (values.empty()) values.emplace_back();
    const size_t n = std::max(labels.size(), values.size());
    // The row's first two lines (or the whole row when shorter) start on one page.
    Ensure(2 * kPad + h * static_cast<double>(std::min<size_t>(n, 2)));
    rule(cursor_);
    cursor_ -= kPad;
    for (size_t i = 0; i < n; ++i) {
      if (cursor_ - h < margins_.bottom - 1e-6) {
        NewPage();
        rule(cursor_);
        cursor_ -= kPad;
      }
      const double baseline = cursor_ - (h - value_style.size) / 2 - value_style.size * 0.88;
      if (i < labels.size()) DrawLine(labels[i], margins_.left, baseline, label_style);
      if (i < values.size()) DrawLine(values[i], value_x, baseline, value_style);
      cursor_ -= h;
    }
    cursor_ -= kPad;
  }
  if (!rows.empty()) rule(cursor_);
  Space(6);
}

void PdfDocument::Running(std::string& ops, const PdfRunning& r, double baseline, int page) const {
  const int pages = page_count();
  PdfTextStyle s;
  s.size = 8;
  s.gray = 0.35;
  auto draw = [&](const std::string& text, int align) {  // 0 left, 1 centre, 2 right
    if (text.empty()) return;
    const std::u32string t = Decode(Substitute(text, page, pages));
    const double w = static_cast<double>(Units(t)) * s.size / 1000;
    const double x = align == 0   ? margins_.left
                     : align == 1 ? (kA4Width - w) / 2
                                  : kA4Width - margins_.right - w;
    ops += "q " + Num(s.gray) + " g BT /F1 " + Num(s.size) + " Tf " + Num(x) + " " + Num(baseline) +
           " Td ";
    ShowText(ops, t);
    ops += "ET Q\n";
  };
  draw(r.left, 0);
  draw(r.center, 1);
  draw(r.right, 2);
}

std::string PdfDocument::Finish() {
  const int pages = page_count();
  // The running lines' characters count for /ToUnicode too.
  for (int p = 1; p <= pages; ++p)
    for (const auto* r : {&header_, &footer_})
      for (const auto* part : {&r->left, &r->center, &r->right})
        for (char32_t c : Decode(Substitute(*part, p, pages))) used_.push_back(c);

  // Objects: 1 catalog, 2 pages, 3 font, 4 CIDFont, 5 descriptor, 6 ToUnicode, 7 info,
  // then each page and its content stream.
  std::vector<std::string> objects;
  std::string kids;
  for (int p = 0; p < pages; ++p) kids += (p ? " " : "") + std::to_string(8 + 2 * p) + " 0 R";
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>");
  objects.push_back(
      "<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5-UniJIS-UTF16-H"
      " /Encoding /UniJIS-UTF16-H /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>");
  objects.push_back(
      "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5"
      " /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >>"
      " /FontDescriptor 5 0 R /DW 1000 /W " +
      WidthsArray() + " >>");
  objects.push_back(
      "<< /Type /FontDescriptor /FontName /HeiseiKakuGo-W5 /Flags 4"
      " /FontBBox [-92 -250 1010 922] /ItalicAngle 0 /Ascent 880 /Descent -120"
      " /CapHeight 737 /StemV 114 >>");
  const std::string cmap = ToUnicode(used_);
  objects.push_back("<< /Length " + std::to_string(cmap.size()) + " >>\nstream\n" + cmap +
                    "endstream");
  std::string info = "<< /Title " + TextString(info_.title);
  if (!info_.author.empty()) info += " /Author " + TextString(info_.author);
  info += " /Producer (Renkei) /CreationDate (" + PdfDate(info_.created_at) + ") >>";
  objects.push_back(info);
  const std::string media = "[0 0 " + Num(kA4Width) + " " + Num(kA4Height) + "]";
  for (int p = 0; p < pages; ++p) {
    std::string ops;
    Running(ops, header_, kA4Height - margins_.top + 20, p + 1);
    if (!header_.left.empty() || !header_.center.empty() || !header_.right.empty()) {
      const double y = kA4Height - margins_.top + 14;
      ops += "q 0.6 G 0.5 w " + Num(margins_.left) + " " + Num(y) + " m " +
             Num(kA4Width - margins_.right) + " " + Num(y) + " l S Q\n";
    }
    ops += pages_[p];
    Running(ops, footer_, margins_.bottom - 28, p + 1);
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox " + media +
                      " /Resources << /Font << /F1 3 0 R >> >> /Contents " +
                      std::to_string(9 + 2 * p) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(ops.size()) + " >>\nstream\n" + ops +
                      "endstream");
  }

  // A binary comment after the header marks the file as binary for transfer tools.
  std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char entry[21];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
    out += entry;
  }
  // The file identifier: derived from the content, so the same document gives the same bytes.
  const std::string id = Sha256Hex(out).substr(0, 32);
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R /Info 7 0 R /ID [<" + id + "> <" + id + ">] >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

}  // namespace renkei
