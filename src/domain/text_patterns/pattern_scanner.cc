#include "domain/text_patterns/pattern_scanner.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "domain/text_patterns/ascii.h"

namespace renkei::domain::text_patterns {
namespace {

// Counting words after a quantity (the number before them is generalised).
constexpr std::string_view kUnitsJa[] = {
    "件",   "軒", "戸",   "台",   "人",       "名",         "回",     "分",     "時間", "日間",
    "秒",   "社", "拠点", "箇所", "か所",     "カ所",       "円",     "世帯",   "契約", "口",
    "回線", "個", "通",   "本",   "ファイル", "アカウント", "ユーザ", "需要家", "MW",   "kW",
    "GB",   "TB", "MB",   "Gbps", "Mbps",     "%",          "％"};
constexpr std::string_view kUnitsEn[] = {
    "customers", "households", "users",    "hosts",     "servers", "devices", "machines",
    "accounts",  "files",      "records",  "minutes",   "hours",   "people",  "employees",
    "sites",     "emails",     "requests", "endpoints", "MW",      "kW",      "GB",
    "TB",        "MB",         "Gbps",     "Mbps",      "yen",     "%"};
constexpr std::string_view kMultipliers[] = {"万", "千", "億"};

bool IsOrdinalSuffix(std::string_view two) {
  return two == "st" || two == "nd" || two == "rd" || two == "th";
}

// Characters of a token (addresses, names, numbers), as a table: this runs on every byte.
struct TokenTable {
  bool t[256] = {};
  constexpr TokenTable() {
    for (int c = 0; c < 256; ++c) t[c] = IsAlnum(static_cast<unsigned char>(c));
    for (unsigned char c : std::string_view("._%+-:/@~?=&#")) t[c] = true;
  }
};
constexpr TokenTable kTokenChars;
bool TokenChar(unsigned char c) { return kTokenChars.t[c]; }

class Scanner {
 public:
  Scanner(std::string_view t, std::vector<PatternMatch>& out) : t_(t), out_(out) {}

  void Run() {
    size_t i = 0;
    while (i < t_.size()) {
      const auto c = static_cast<unsigned char>(t_[i]);
      if (c == '\\' && i + 2 < t_.size() && t_[i + 1] == '\\') {  // \\host\share
        size_t j = i + 2;
        while (j < t_.size() &&
               (IsAlnum(static_cast<unsigned char>(t_[j])) || t_[j] == '-' || t_[j] == '.'))
          ++j;
        if (j > i + 2) Add(i + 2, j, PatternKind::kHostname);
        i = j;
        continue;
      }
      const bool plus =
          c == '+' && i + 1 < t_.size() && IsDigit(static_cast<unsigned char>(t_[i + 1]));
      if ((!IsAlnum(c) && !plus) || (i > 0 && IsAlnum(static_cast<unsigned char>(t_[i - 1])))) {
        ++i;
        continue;
      }
      i = Token(i);
    }
  }

 private:
  PatternMatch& Add(size_t b, size_t e, PatternKind kind) {
    PatternMatch& m = out_.emplace_back();
    m.begin = b;
    m.end = e;
    m.kind = kind;
    return m;
  }
  void AddDate(size_t b, size_t e, Ymd date, DateForm form) {
    PatternMatch& m = Add(b, e, PatternKind::kDate);
    m.date = date;
    m.date_form = form;
  }

  // Classifies the token at i; returns where scanning continues.
  size_t Token(size_t i) {
    size_t j = i;
    while (j < t_.size() && TokenChar(static_cast<unsigned char>(t_[j]))) ++j;
    // Digit groups: 1,200 and 12,345,678 are one number.
    if (std::all_of(t_.begin() + static_cast<long>(i), t_.begin() + static_cast<long>(j),
                    [](char ch) { return IsDigit(static_cast<unsigned char>(ch)); })) {
      while (j + 3 < t_.size() && t_[j] == ',' && IsDigit(static_cast<unsigned char>(t_[j + 1])) &&
             IsDigit(static_cast<unsigned char>(t_[j + 2])) &&
             IsDigit(static_cast<unsigned char>(t_[j + 3])) &&
             (j + 4 >= t_.size() || !IsDigit(static_cast<unsigned char>(t_[j + 4]))))
        j += 4;
    }
    std::string_view tok = t_.substr(i, j - i);
    if (StartsWith(tok, "http://") || StartsWith(tok, "https://") || StartsWith(tok, "hxxp://") ||
        StartsWith(tok, "hxxps://") || StartsWith(tok, "ftp://")) {
      size_t e = i;
      while (e < t_.size() && static_cast<unsigned char>(t_[e]) > 0x20 &&
             static_cast<unsigned char>(t_[e]) < 0x7F && !std::strchr("<>\"'`", t_[e]))
        ++e;
      while (e > i && std::strchr(".,;:)!?]", t_[e - 1])) --e;
      std::string_view url = t_.substr(i, e - i);
      const size_t hs = url.find("://") + 3;
      size_t he = hs;
      while (he < url.size() && !std::strchr("/:?#", url[he])) ++he;
      if (!IsPublicHost(url.substr(hs, he - hs))) Add(i, e, PatternKind::kUrl);
      return e;
    }
    // Trailing sentence punctuation is not part of the token.
    while (!tok.empty() && std::strchr(".,:;/?!-=&#~", tok.back())) tok.remove_suffix(1);
    const size_t e = i + tok.size();
    if (tok.empty()) return j > i ? j : i + 1;
    if (IsEmail(tok)) {
      Add(i, e, PatternKind::kEmail);
      return j;
    }
    Ymd date;
    if (size_t n = IsoDateLength(tok, date)) {
      size_t end = i + n;
      if (end < t_.size() && (t_[end] == 'T' || t_[end] == ' ')) {
        if (size_t tl = TimeLength(t_.substr(end + 1))) end += 1 + tl;
      }
      AddDate(i, end, date, DateForm::kIso);
      return end;
    }
    if (size_t n = Ipv4Length(tok)) {
      Add(i, i + n, PatternKind::kIpv4);
      return i + n;
    }
    if (IsIpv6(tok)) {
      Add(i, e, PatternKind::kIpv6);
      return j;
    }
    if (IsPhoneJp(tok)) {
      Add(i, e, PatternKind::kPhone);
      return j;
    }
    if (IsHostname(tok)) {
      Add(i, e, PatternKind::kHostname);
      return j;
    }
    if (IsAlpha(static_cast<unsigned char>(tok[0]))) {
      if (size_t end = EnglishDateOrPerson(i, tok)) return end;
    } else if (std::all_of(tok.begin(), tok.end(), [](char ch) {
                 return IsDigit(static_cast<unsigned char>(ch)) || ch == ',';
               })) {
      if (size_t end = NumberFollowedBy(i, e)) return end;
    }
    // Not classified as a whole: carry on after the token's first separator, so that
    // "IP:192.0.2.1" and "src=10.0.0.5" still find their parts.
    for (size_t k = i; k < e; ++k)
      if (std::strchr(":/=@?&#", t_[k])) return k + 1;
    return j;
  }

  // "November 14, 2026", "Nov 14", "Mr. Taro Yamada".
  size_t EnglishDateOrPerson(size_t i, std::string_view word) {
    if (int m = EnglishMonth(word)) {
      size_t k = i + word.size();
      if (k < t_.size() && t_[k] == '.') ++k;
      if (k + 1 < t_.size() && t_[k] == ' ' && IsDigit(static_cast<unsigned char>(t_[k + 1]))) {
        size_t ds = k + 1, de = ds;
        while (de < t_.size() && IsDigit(static_cast<unsigned char>(t_[de])) && de - ds < 2) ++de;
        const bool ordinal = IsOrdinalSuffix(t_.substr(de, 2));  // "14th"
        if (de < t_.size() && IsAlnum(static_cast<unsigned char>(t_[de])) && !ordinal) return 0;
        const int d = ParseDigits(t_.substr(ds, de - ds));
        if (d < 1 || d > 31) return 0;
        size_t end = de;
        if (ordinal) end += 2;
        int y = 0;
        if (t_.substr(end, 2) == ", " && end + 6 <= t_.size() &&
            std::all_of(t_.begin() + static_cast<long>(end) + 2,
                        t_.begin() + static_cast<long>(end) + 6,
                        [](char ch) { return IsDigit(static_cast<unsigned char>(ch)); })) {
          y = ParseDigits(t_.substr(end + 2, 4));
          end += 6;
        }
        AddDate(i, end, Ymd{y, m, d}, DateForm::kEnglish);
        return end;
      }
      return 0;
    }
    static const char* kTitles[] = {"Mr", "Mrs", "Ms", "Dr", "Mx"};
    bool title = false;
    for (const char* t : kTitles) title = title || word == t;
    if (!title) return 0;
    size_t k = i + word.size();
    if (k < t_.size() && t_[k] == '.') ++k;
    size_t begin = 0, end = 0;
    for (int w = 0; w < 2; ++w) {
      if (k + 1 >= t_.size() || t_[k] != ' ' || !(t_[k + 1] >= 'A' && t_[k + 1] <= 'Z')) break;
      size_t s = k + 1, x = s + 1;
      while (x < t_.size() && IsAlpha(static_cast<unsigned char>(t_[x]))) ++x;
      if (x - s < 2) break;
      if (begin == 0) begin = s;
      end = k = x;
    }
    if (end == 0) return 0;
    Add(begin, end, PatternKind::kPerson);
    return end;
  }

  // A number of ten or more before a counting word ("1,200軒", "3万戸", "450 customers"),
  // or a Japanese date ("2026年11月14日 10時23分", "11月14日").
  size_t NumberFollowedBy(size_t i, size_t e) {
    std::string digits;
    for (size_t k = i; k < e; ++k)
      if (t_[k] != ',') digits.push_back(t_[k]);
    if (digits.size() > 15) return 0;
    std::string_view rest = t_.substr(e);
    if (size_t n = JapaneseDate(i)) return n;
    std::string_view mult;
    size_t k = e;
    for (std::string_view m : kMultipliers) {
      if (StartsWith(rest, m)) {
        mult = m;
        k += mult.size();
        break;
      }
    }
    const long long v = std::stoll(digits);
    if (mult.empty() && v < 10) return 0;
    size_t u = k;
    while (u < t_.size() && t_[u] == ' ') ++u;
    std::string_view after = t_.substr(u);
    bool unit = !mult.empty();
    for (std::string_view w : kUnitsJa) unit = unit || StartsWith(after, w);
    for (std::string_view w : kUnitsEn) {
      const size_t n = w.size();
      unit = unit || (StartsWith(after, w) &&
                      (after.size() == n || !IsAlpha(static_cast<unsigned char>(after[n]))));
    }
    if (!unit) return 0;
    PatternMatch& m = Add(i, k, PatternKind::kQuantity);
    m.value = v;
    m.multiplier = mult;
    return k;
  }

  size_t JapaneseDate(size_t i) {
    int y = 0, m = 0, d = 0;
    auto number_then = [&](size_t at, const char* unit, int& out) -> size_t {
      size_t k = at;
      while (k < t_.size() && IsDigit(static_cast<unsigned char>(t_[k])) && k - at < 4) ++k;
      if (k == at || !StartsWith(t_.substr(k), unit)) return 0;
      out = ParseDigits(t_.substr(at, k - at));
      return k + std::strlen(unit);
    };
    // "2026年11月14日" or, without the year, "11月14日".
    size_t pos = number_then(i, "年", y);
    if (!pos || y < 1900 || y > 2200) {
      y = 0;
      pos = i;
    }
    size_t km = number_then(pos, "月", m);
    if (!km || m < 1 || m > 12) return 0;
    size_t kd = number_then(km, "日", d);
    if (!kd || d < 1 || d > 31) return 0;
    size_t end = kd;
    // Optional weekday "（金）" / "(金)" and time "10時23分" / " 10:23".
    for (const char* open : {"（", "("}) {
      if (StartsWith(t_.substr(end), open)) {
        size_t close = t_.find(std::string_view(std::strcmp(open, "(") == 0 ? ")" : "）"), end);
        if (close != std::string_view::npos && close - end <= 8)
          end = close + (std::strcmp(open, "(") == 0 ? 1 : 3);
        break;
      }
    }
    size_t t = end;
    while (t < t_.size() && t_[t] == ' ') ++t;
    int hh = 0, mm = 0;
    if (size_t kh = number_then(t, "時", hh); kh && hh <= 24) {
      end = kh;
      if (size_t kmin = number_then(kh, "分", mm)) end = kmin;
    } else if (size_t tl = TimeLength(t_.substr(t))) {
      end = t + tl;
    }
    AddDate(i, end, Ymd{y, m, d}, DateForm::kJapanese);
    return end;
  }

  std::string_view t_;
  std::vector<PatternMatch>& out_;
};

}  // namespace

void ScanPatterns(std::string_view text, std::vector<PatternMatch>& out) {
  Scanner(text, out).Run();
}

}  // namespace renkei::domain::text_patterns
