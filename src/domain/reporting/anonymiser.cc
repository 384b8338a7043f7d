#include "domain/reporting/anonymiser.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <unordered_map>

#include "domain/directory/directory.h"

namespace renkei::domain {

namespace {

constexpr bool IsAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
unsigned char Lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
bool IsHex(unsigned char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (Lower(a[i]) != Lower(b[i])) return false;
  return true;
}

bool EndsWithI(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && IEquals(s.substr(s.size() - suffix.size()), suffix);
}

// ---- Full-width ASCII (U+FF01–U+FF5E) read as ASCII, with a map back to the original.
struct Normalised {
  std::string text;
  std::vector<uint32_t> orig;  // empty: identical to the original
  size_t Orig(size_t i) const { return orig.empty() ? i : orig[i]; }
};

Normalised Normalise(std::string_view in) {
  Normalised n;
  bool any = false;
  for (size_t i = 0; i + 2 < in.size(); ++i) {
    if (static_cast<unsigned char>(in[i]) == 0xEF &&
        (static_cast<unsigned char>(in[i + 1]) == 0xBC ||
         static_cast<unsigned char>(in[i + 1]) == 0xBD)) {
      any = true;
      break;
    }
  }
  if (!any) {
    n.text.assign(in);
    return n;
  }
  n.text.reserve(in.size());
  n.orig.reserve(in.size() + 1);
  for (size_t i = 0; i < in.size();) {
    const auto b0 = static_cast<unsigned char>(in[i]);
    if (b0 == 0xEF && i + 2 < in.size()) {
      const auto b1 = static_cast<unsigned char>(in[i + 1]);
      const auto b2 = static_cast<unsigned char>(in[i + 2]);
      const unsigned cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        n.text.push_back(static_cast<char>(cp - 0xFEE0));
        n.orig.push_back(static_cast<uint32_t>(i));
        i += 3;
        continue;
      }
    }
    n.text.push_back(in[i]);
    n.orig.push_back(static_cast<uint32_t>(i));
    ++i;
  }
  n.orig.push_back(static_cast<uint32_t>(in.size()));
  return n;
}

// ---- Aho–Corasick over bytes (ASCII case-insensitive).
struct Entry {
  std::string kind;
  std::string key;     // canonical text: variants of one name share it
  std::string region;  // prefectures
  int length = 0;
  bool ascii_start = false, ascii_end = false;  // word boundaries required
};

class Matcher {
 public:
  void Add(const std::string& text, int entry) {
    int node = 0;
    for (unsigned char c : text) {
      c = Lower(c);
      auto& kids = build_[static_cast<size_t>(node)];
      auto it = kids.find(c);
      if (it == kids.end()) {
        build_.emplace_back();
        out_.push_back(-1);
        const int next = static_cast<int>(build_.size()) - 1;
        build_[static_cast<size_t>(node)][c] = next;
        node = next;
      } else {
        node = it->second;
      }
    }
    if (out_[static_cast<size_t>(node)] < 0) out_[static_cast<size_t>(node)] = entry;
  }

  void Build() {
    const size_t n = build_.size();
    first_.assign(n + 1, 0);
    for (size_t i = 0; i < n; ++i)
      first_[i + 1] = first_[i] + static_cast<uint32_t>(build_[i].size());
    labels_.resize(first_[n]);
    targets_.resize(first_[n]);
    for (size_t i = 0; i < n; ++i) {
      uint32_t k = first_[i];
      for (auto [c, t] : build_[i]) {
        labels_[k] = c;
        targets_[k++] = t;
      }
    }
    fail_.assign(n, 0);
    dict_.assign(n, -1);
    for (int c = 0; c < 256; ++c) root_[c] = 0;
    std::vector<int> queue;
    for (auto [c, t] : build_[0]) {
      root_[c] = t;
      queue.push_back(t);
    }
    for (size_t qi = 0; qi < queue.size(); ++qi) {
      const int u = queue[qi];
      for (auto [c, v] : build_[static_cast<size_t>(u)]) {
        int f = fail_[static_cast<size_t>(u)];
        int next = Step(f, c, /*building=*/true);
        fail_[static_cast<size_t>(v)] = next;
        dict_[static_cast<size_t>(v)] =
            out_[static_cast<size_t>(next)] >= 0 ? next : dict_[static_cast<size_t>(next)];
        queue.push_back(v);
      }
    }
    build_.clear();
    build_.shrink_to_fit();
  }

  // Calls fn(end, entry) for the longest entry ending at each byte position.
  template <typename Fn>
  void Scan(std::string_view text, Fn fn) const {
    int node = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      node = Step(node, Lower(static_cast<unsigned char>(text[i])), false);
      if (node == 0) continue;
      int hit = out_[static_cast<size_t>(node)] >= 0 ? node : dict_[static_cast<size_t>(node)];
      if (hit >= 0) fn(i + 1, out_[static_cast<size_t>(hit)]);
    }
  }

  size_t states() const { return out_.size(); }

 private:
  int Child(int node, unsigned char c) const {
    if (node == 0) return root_[c] ? root_[c] : -1;
    const auto* b = labels_.data() + first_[static_cast<size_t>(node)];
    const auto* e = labels_.data() + first_[static_cast<size_t>(node) + 1];
    const auto* it = std::lower_bound(b, e, c);
    if (it == e || *it != c) return -1;
    return targets_[static_cast<size_t>(it - labels_.data())];
  }
  int Step(int node, unsigned char c, bool building) const {
    while (true) {
      int next;
      if (building) {
        const auto& kids = build_[static_cast<size_t>(node)];
        auto it = kids.find(c);
        next = it == kids.end() ? -1 : it->second;
      } else {
        next = Child(node, c);
      }
      if (next >= 0) return next;
      if (node == 0) return 0;
      node = fail_[static_cast<size_t>(node)];
    }
  }

  std::vector<std::map<unsigned char, int>> build_{1};
  std::vector<int> out_{-1};
  std::vector<uint32_t> first_;
  std::vector<unsigned char> labels_;
  std::vector<int> targets_;
  std::vector<int> fail_, dict_;
  int root_[256] = {};
};

// Legal forms stripped to make a name variant (関東電力株式会社 → 関東電力).
constexpr const char* kLegalForms[] = {" Co., Inc.",
                                       " Co.,Inc.",
                                       "株式会社",
                                       "有限会社",
                                       "合同会社",
                                       "一般社団法人",
                                       "一般財団法人",
                                       "公益社団法人",
                                       "公益財団法人",
                                       "独立行政法人",
                                       "国立研究開発法人",
                                       "（株）",
                                       "(株)",
                                       "㈱",
                                       ", Inc.",
                                       " Inc.",
                                       " Co., Ltd.",
                                       " Co.,Ltd.",
                                       " Corporation",
                                       " Corp.",
                                       " Ltd.",
                                       " Company",
                                       " K.K."};

// Without spaces, tabs and ideographic spaces (U+3000) at either end.
std::string Trim(std::string s) {
  for (bool again = true; again;) {
    again = false;
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(0, 1), again = true;
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back(), again = true;
    if (s.rfind("\u3000", 0) == 0) s.erase(0, 3), again = true;
    if (s.size() >= 3 && s.compare(s.size() - 3, 3, "\u3000") == 0)
      s.resize(s.size() - 3), again = true;
  }
  return s;
}

// ---- Pattern classification helpers (on normalised text).
constexpr const char* kHostSuffixes[] = {
    "local", "lan", "internal", "intranet", "intra", "corp", "localdomain", "home",    "ad",
    "jp",    "com", "net",      "org",      "io",    "info", "biz",         "example", "test",
    "cloud", "dev", "xyz",      "top",      "ru",    "cn",   "kr",          "us",      "uk",
    "de",    "tk",  "site",     "online",   "me",    "co",   "invalid"};
// Public references that are not anyone's internal name.
constexpr const char* kPublicHosts[] = {"go.jp",   "jpcert.or.jp", "nist.gov",       "cisa.gov",
                                        "cve.org", "mitre.org",    "enisa.europa.eu"};

bool IsPublicHost(std::string_view host) {
  for (const char* p : kPublicHosts) {
    std::string_view s(p);
    if (IEquals(host, s) ||
        (EndsWithI(host, s) && host.size() > s.size() && host[host.size() - s.size() - 1] == '.'))
      return true;
  }
  return false;
}

bool IsHostname(std::string_view t) {
  size_t labels = 0;
  size_t start = 0;
  bool letter = false;
  for (size_t i = 0; i <= t.size(); ++i) {
    if (i == t.size() || t[i] == '.') {
      if (i == start || i - start > 63) return false;
      if (t[start] == '-' || t[i - 1] == '-') return false;
      ++labels;
      start = i + 1;
      continue;
    }
    const auto c = static_cast<unsigned char>(t[i]);
    if (!IsAlnum(c) && c != '-') return false;
    if (IsAlpha(c)) letter = true;
  }
  if (labels < 2 || !letter) return false;
  std::string_view tld = t.substr(t.rfind('.') + 1);
  bool known = false;
  for (const char* s : kHostSuffixes) known = known || IEquals(tld, s);
  return known && !IsPublicHost(t);
}

// Length of an IPv4 address at the start of t (0 if none).
size_t Ipv4Prefix(std::string_view t) {
  size_t i = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (i >= t.size() || t[i] != '.') return 0;
      ++i;
    }
    size_t start = i;
    int v = 0;
    while (i < t.size() && IsDigit(static_cast<unsigned char>(t[i])) && i - start < 3)
      v = v * 10 + (t[i++] - '0');
    if (i == start || v > 255) return 0;
  }
  if (i < t.size() && IsDigit(static_cast<unsigned char>(t[i]))) return 0;
  if (i + 1 < t.size() && t[i] == '/' && IsDigit(static_cast<unsigned char>(t[i + 1]))) {
    size_t j = i + 1;
    while (j < t.size() && IsDigit(static_cast<unsigned char>(t[j])) && j - i <= 2) ++j;
    i = j;
  }
  return i;
}

bool IsIpv6(std::string_view t) {
  int colons = 0;
  bool long_group = false, letter = false, dbl = false;
  size_t group = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c == ':') {
      ++colons;
      if (i > 0 && t[i - 1] == ':') dbl = true;
      group = 0;
    } else if (IsHex(c)) {
      if (++group > 4) return false;
      if (group >= 3) long_group = true;
      if (!IsDigit(c)) letter = true;
    } else {
      return false;
    }
  }
  return colons >= 2 && colons <= 7 && (letter || long_group || dbl);
}

bool IsEmail(std::string_view t) {
  const size_t at = t.find('@');
  if (at == 0 || at == std::string_view::npos || t.find('@', at + 1) != std::string_view::npos)
    return false;
  for (size_t i = 0; i < at; ++i) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (!IsAlnum(c) && !std::strchr("._%+-", c)) return false;
  }
  std::string_view domain = t.substr(at + 1);
  if (domain.find('.') == std::string_view::npos) return false;
  for (unsigned char c : domain)
    if (!IsAlnum(c) && c != '.' && c != '-') return false;
  return true;
}

bool IsPhone(std::string_view t) {
  size_t digits = 0;
  bool hyphen = false;
  for (size_t i = 0; i < t.size(); ++i) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (IsDigit(c)) {
      ++digits;
    } else if (c == '-') {
      hyphen = true;
      if (i == 0 || t[i - 1] == '-') return false;
    } else if (!(c == '+' && i == 0)) {
      return false;
    }
  }
  if (t.substr(0, 3) == "+81") return digits >= 11 && digits <= 12;
  if (t.empty() || t[0] != '0' || t.size() < 2 || t[1] == '0') return false;
  return digits >= 10 && digits <= 11 && (hyphen || t.size() == digits);
}

int ParseInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// "YYYY-MM-DD" or "YYYY/MM/DD" at the start of t: sets y, m, d and returns its length.
size_t IsoDatePrefix(std::string_view t, int& y, int& m, int& d) {
  if (t.size() < 8) return 0;
  size_t i = 0;
  while (i < t.size() && IsDigit(static_cast<unsigned char>(t[i]))) ++i;
  if (i != 4 || i >= t.size() || (t[i] != '-' && t[i] != '/')) return 0;
  const char sep = t[i];
  y = ParseInt(t.substr(0, 4));
  size_t j = ++i;
  while (j < t.size() && IsDigit(static_cast<unsigned char>(t[j]))) ++j;
  if (j - i < 1 || j - i > 2 || j >= t.size() || t[j] != sep) return 0;
  m = ParseInt(t.substr(i, j - i));
  size_t k = ++j;
  while (k < t.size() && IsDigit(static_cast<unsigned char>(t[k]))) ++k;
  if (k - j < 1 || k - j > 2) return 0;
  d = ParseInt(t.substr(j, k - j));
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return 0;
  return k;
}

// A time "HH:MM" or "HH:MM:SS" (with fraction and zone) at the start of t: its length.
size_t TimePrefix(std::string_view t) {
  size_t i = 0;
  auto two = [&](size_t at) {
    return at + 1 < t.size() && IsDigit(static_cast<unsigned char>(t[at])) &&
           IsDigit(static_cast<unsigned char>(t[at + 1]));
  };
  size_t h = 0;
  while (h < t.size() && h < 2 && IsDigit(static_cast<unsigned char>(t[h]))) ++h;
  if (h == 0 || h >= t.size() || t[h] != ':' || !two(h + 1)) return 0;
  i = h + 3;
  if (i < t.size() && t[i] == ':' && two(i + 1)) i += 3;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && IsDigit(static_cast<unsigned char>(t[i]))) ++i;
  }
  if (i < t.size() && t[i] == 'Z') {
    ++i;
  } else if (i < t.size() && (t[i] == '+' || t[i] == '-') && two(i + 1) && i + 3 < t.size() &&
             t[i + 3] == ':' && two(i + 4)) {
    i += 6;
  }
  return i;
}

constexpr const char* kMonthsEn[] = {"january",   "february", "march",    "april",
                                     "may",       "june",     "july",     "august",
                                     "september", "october",  "november", "december"};
int MonthEn(std::string_view w) {
  for (int i = 0; i < 12; ++i) {
    std::string_view full(kMonthsEn[i]);
    if (IEquals(w, full) || (w.size() == 3 && IEquals(w, full.substr(0, 3))) ||
        (w.size() == 4 && w.back() == '.' && IEquals(w.substr(0, 3), full.substr(0, 3))))
      return i + 1;
  }
  return 0;
}

std::string WeekText(int y, int m, int d, bool ja) {
  const int week = (d - 1) / 7 + 1;
  if (ja) {
    std::string s = y > 0 ? std::to_string(y) + "年" : "";
    return s + std::to_string(m) + "月第" + std::to_string(week) + "週";
  }
  static const char* kOrd[] = {"1st", "2nd", "3rd", "4th", "5th"};
  std::string month(kMonthsEn[m - 1]);
  month[0] = static_cast<char>(month[0] - 32);
  return std::string("the ") + kOrd[week - 1] + " week of " + month +
         (y > 0 ? " " + std::to_string(y) : "");
}

std::string Grouped(long long v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

std::string RangeText(long long v, const std::string& mult, bool ja) {
  long long lo = 1;
  while (lo * 10 <= v) lo *= 10;
  const long long hi = lo * 10 - 1;
  return Grouped(lo) + mult + (ja ? "〜" : "-") + Grouped(hi) + mult;
}

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

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool IsOrdinalSuffix(std::string_view two) {
  return two == "st" || two == "nd" || two == "rd" || two == "th";
}

struct Span {
  size_t begin, end;  // normalised offsets (pattern, dictionary) or original (tagger)
  std::string kind;
  const char* source;
  std::string key;          // consistency key
  std::string replacement;  // fixed text (dates, numbers, prefectures); "" = placeholder
  int priority;             // lower wins on equal spans
};

bool JaContext(std::string_view t, size_t begin, size_t end) {
  for (size_t i = begin; i-- > 0;) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '(' || c == '"') continue;
    return c >= 0x80;
  }
  for (size_t i = end; i < t.size(); ++i) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == ')' || c == '.' || c == ',') continue;
    return c >= 0x80;
  }
  return false;
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

class PatternScanner {
 public:
  explicit PatternScanner(std::string_view t, std::vector<Span>& out) : t_(t), out_(out) {}

  void Run() {
    size_t i = 0;
    while (i < t_.size()) {
      const auto c = static_cast<unsigned char>(t_[i]);
      if (c == '\\' && i + 2 < t_.size() && t_[i + 1] == '\\') {  // \\host\share
        size_t j = i + 2;
        while (j < t_.size() &&
               (IsAlnum(static_cast<unsigned char>(t_[j])) || t_[j] == '-' || t_[j] == '.'))
          ++j;
        if (j > i + 2) Add(i + 2, j, "hostname", "");
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
  void Add(size_t b, size_t e, const char* kind, std::string replacement) {
    out_.push_back(
        Span{b, e, kind, "pattern", std::string(t_.substr(b, e - b)), std::move(replacement), 1});
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
      if (!IsPublicHost(url.substr(hs, he - hs))) Add(i, e, "url", "");
      return e;
    }
    // Trailing sentence punctuation is not part of the token.
    while (!tok.empty() && std::strchr(".,:;/?!-=&#~", tok.back())) tok.remove_suffix(1);
    const size_t e = i + tok.size();
    if (tok.empty()) return j > i ? j : i + 1;
    if (IsEmail(tok)) {
      Add(i, e, "email", "");
      return j;
    }
    int y = 0, m = 0, d = 0;
    if (size_t n = IsoDatePrefix(tok, y, m, d)) {
      size_t end = i + n;
      if (end < t_.size() && (t_[end] == 'T' || t_[end] == ' ')) {
        if (size_t tl = TimePrefix(t_.substr(end + 1))) end += 1 + tl;
      }
      Add(i, end, "date", WeekText(y, m, d, JaContext(t_, i, end)));
      return end;
    }
    if (size_t n = Ipv4Prefix(tok)) {
      Add(i, i + n, "ip", "");
      return i + n;
    }
    if (IsIpv6(tok)) {
      Add(i, e, "ip", "");
      return j;
    }
    if (IsPhone(tok)) {
      Add(i, e, "phone", "");
      return j;
    }
    if (IsHostname(tok)) {
      Add(i, e, "hostname", "");
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
    if (int m = MonthEn(word)) {
      size_t k = i + word.size();
      if (k < t_.size() && t_[k] == '.') ++k;
      if (k + 1 < t_.size() && t_[k] == ' ' && IsDigit(static_cast<unsigned char>(t_[k + 1]))) {
        size_t ds = k + 1, de = ds;
        while (de < t_.size() && IsDigit(static_cast<unsigned char>(t_[de])) && de - ds < 2) ++de;
        const bool ordinal = IsOrdinalSuffix(t_.substr(de, 2));  // "14th"
        if (de < t_.size() && IsAlnum(static_cast<unsigned char>(t_[de])) && !ordinal) return 0;
        const int d = ParseInt(t_.substr(ds, de - ds));
        if (d < 1 || d > 31) return 0;
        size_t end = de;
        if (ordinal) end += 2;
        int y = 0;
        if (t_.substr(end, 2) == ", " && end + 6 <= t_.size() &&
            std::all_of(t_.begin() + static_cast<long>(end) + 2,
                        t_.begin() + static_cast<long>(end) + 6,
                        [](char ch) { return IsDigit(static_cast<unsigned char>(ch)); })) {
          y = ParseInt(t_.substr(end + 2, 4));
          end += 6;
        }
        Add(i, end, "date", WeekText(y, m, d, false));
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
    Add(begin, end, "person", "");
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
    std::string mult;
    size_t k = e;
    for (std::string_view m : kMultipliers) {
      if (StartsWith(rest, m)) {
        mult = std::string(m);
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
    Add(i, k, "number", RangeText(v, mult, JaContext(t_, i, k) || !mult.empty()));
    return k;
  }

  size_t JapaneseDate(size_t i) {
    int y = 0, m = 0, d = 0;
    auto number_then = [&](size_t at, const char* unit, int& out) -> size_t {
      size_t k = at;
      while (k < t_.size() && IsDigit(static_cast<unsigned char>(t_[k])) && k - at < 4) ++k;
      if (k == at || !StartsWith(t_.substr(k), unit)) return 0;
      out = ParseInt(t_.substr(at, k - at));
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
    } else if (size_t tl = TimePrefix(t_.substr(t))) {
      end = t + tl;
    }
    Add(i, end, "date", WeekText(y, m, d, true));
    return end;
  }

  std::string_view t_;
  std::vector<Span>& out_;
};

const char* kRegionCodes[] = {"hokkaido", "tohoku",  "kanto",  "chubu",  "kinki",
                              "chugoku",  "shikoku", "kyushu", "okinawa"};
const char* kRegionJa[] = {"北海道地方", "東北地方", "関東地方", "中部地方", "近畿地方",
                           "中国地方",   "四国地方", "九州地方", "沖縄地方"};
const char* kRegionEn[] = {"Hokkaido region", "Tohoku region", "Kanto region",
                           "Chubu region",    "Kinki region",  "Chugoku region",
                           "Shikoku region",  "Kyushu region", "Okinawa region"};

int RegionIndex(const std::string& code) {
  for (int i = 0; i < 9; ++i)
    if (code == kRegionCodes[i]) return i;
  return -1;
}

std::string Letters(size_t n) {  // 0 → A, 25 → Z, 26 → AA
  std::string s;
  ++n;
  while (n > 0) {
    --n;
    s.insert(s.begin(), static_cast<char>('A' + n % 26));
    n /= 26;
  }
  return s;
}

std::string Placeholder(const std::string& kind, size_t index, bool ja) {
  const std::string num = std::to_string(index + 1);
  if (kind == "organisation") return (ja ? "組織" : "Organisation ") + Letters(index);
  if (kind == "person") return (ja ? "人物" : "Person ") + Letters(index);
  if (kind == "ip") return "IP-" + num;
  if (kind == "hostname") return (ja ? "ホスト-" : "host-") + num;
  if (kind == "email") return (ja ? "メール-" : "email-") + num;
  if (kind == "phone") return (ja ? "電話-" : "phone-") + num;
  if (kind == "url") return "URL-" + num;
  return "[" + kind + "]";
}

}  // namespace

const char* RegionNameJa(const std::string& region) {
  const int i = RegionIndex(region);
  return i < 0 ? "" : kRegionJa[i];
}
const char* RegionNameEn(const std::string& region) {
  const int i = RegionIndex(region);
  return i < 0 ? "" : kRegionEn[i];
}

struct Anonymiser::Impl {
  Matcher matcher;
  std::vector<Entry> entries;
  const NameTagger* tagger = nullptr;
  size_t names = 0;

  void AddName(const std::string& text, const std::string& kind, const std::string& key,
               const std::string& region = "") {
    if (text.size() < 4) return;  // one kanji or three letters: too ambiguous
    Entry e;
    e.kind = kind;
    e.key = key;
    e.region = region;
    e.length = static_cast<int>(text.size());
    e.ascii_start = IsAlnum(static_cast<unsigned char>(text.front()));
    e.ascii_end = IsAlnum(static_cast<unsigned char>(text.back()));
    entries.push_back(std::move(e));
    matcher.Add(text, static_cast<int>(entries.size()) - 1);
  }
};

Anonymiser::Anonymiser(const std::vector<DictionaryEntry>& dictionary, const NameTagger* tagger)
    : impl_(std::make_unique<Impl>()) {
  impl_->tagger = tagger;
  // Prefectures first: where a prefectural government shares the name, the text is
  // generalised to the region like any other place name.
  for (const auto& p : kPrefectures) {
    impl_->AddName(p.name_ja, "prefecture", p.region, p.region);
    impl_->AddName(p.name_en, "prefecture", p.region, p.region);
  }
  for (const auto& d : dictionary) {
    const std::string name = Trim(d.text);
    if (name.empty()) continue;
    const std::string key = d.kind + ":" + name;
    impl_->AddName(name, d.kind, key);
    ++impl_->names;
    if (d.kind == "organisation") {
      // Strip legal forms one after another: each intermediate form is a variant too.
      std::string variant = name;
      for (bool again = true; again;) {
        again = false;
        for (const char* form : kLegalForms) {
          const size_t at = variant.find(form);
          if (at == std::string::npos) continue;
          variant = Trim(variant.substr(0, at) + variant.substr(at + std::strlen(form)));
          impl_->AddName(variant, d.kind, key);
          again = true;
          break;
        }
      }
    } else if (d.kind == "person") {
      std::string joined;  // 山田 太郎 → 山田太郎
      for (size_t i = 0; i < name.size(); ++i) {
        if (name[i] == ' ') continue;
        if (name.compare(i, 3, "\u3000") == 0) {
          i += 2;
          continue;
        }
        joined.push_back(name[i]);
      }
      if (joined != name) impl_->AddName(joined, d.kind, key);
    }
  }
  impl_->matcher.Build();
}

Anonymiser::~Anonymiser() = default;

size_t Anonymiser::dictionary_size() const { return impl_->names; }

std::vector<Finding> Anonymiser::Propose(std::string_view text) const {
  const Normalised n = Normalise(text);
  std::vector<Span> spans;
  PatternScanner(n.text, spans).Run();
  impl_->matcher.Scan(n.text, [&](size_t end, int idx) {
    const Entry& e = impl_->entries[static_cast<size_t>(idx)];
    const size_t begin = end - static_cast<size_t>(e.length);
    if (e.ascii_start && begin > 0 && IsAlnum(static_cast<unsigned char>(n.text[begin - 1])))
      return;
    if (e.ascii_end && end < n.text.size() && IsAlnum(static_cast<unsigned char>(n.text[end])))
      return;
    std::string replacement;
    if (e.kind == "prefecture") {
      const bool ja = static_cast<unsigned char>(n.text[begin]) >= 0x80;
      replacement = ja ? RegionNameJa(e.region) : RegionNameEn(e.region);
    }
    spans.push_back(Span{begin, end, e.kind, "directory", e.key, replacement, 0});
  });
  // Map to original offsets, then add the tagger's names (already original offsets).
  for (auto& s : spans) {
    s.begin = n.Orig(s.begin);
    s.end = n.Orig(s.end);
  }
  if (impl_->tagger) {
    KnownSpans known;
    known.reserve(spans.size());
    for (const auto& s : spans) known.emplace_back(s.begin, s.end);
    std::sort(known.begin(), known.end());
    std::vector<NameSpan> names;
    impl_->tagger->Tag(text, known, names);
    for (auto& ns : names) {
      std::string original(text.substr(ns.begin, ns.end - ns.begin));
      spans.push_back(Span{ns.begin, ns.end, ns.kind, "tagger", ns.kind + ":" + original, "", 2});
    }
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return a.priority < b.priority;
  });
  std::vector<Finding> out;
  std::unordered_map<std::string, size_t> index;  // key → placeholder number per kind
  std::map<std::string, size_t> counters;
  size_t last_end = 0;
  for (auto& s : spans) {
    if (s.begin < last_end || s.end <= s.begin) continue;
    last_end = s.end;
    Finding f;
    f.begin = s.begin;
    f.end = s.end;
    f.kind = s.kind;
    f.source = s.source;
    f.original.assign(text.substr(s.begin, s.end - s.begin));
    if (!s.replacement.empty()) {
      f.replacement = std::move(s.replacement);
    } else {
      const std::string key = s.kind + "\n" + s.key;
      auto it = index.find(key);
      if (it == index.end()) it = index.emplace(key, counters[s.kind]++).first;
      f.replacement = Placeholder(s.kind, it->second, JaContext(text, s.begin, s.end));
    }
    out.push_back(std::move(f));
  }
  return out;
}

std::string ApplyFindings(std::string_view text, const std::vector<Finding>& findings) {
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  for (const auto& f : findings) {
    if (f.begin < at || f.end > text.size()) continue;
    out.append(text.substr(at, f.begin - at));
    out.append(f.replacement);
    at = f.end;
  }
  out.append(text.substr(at));
  return out;
}

Disclosed DetectDisclosed(std::string_view text, const std::string& region,
                          const std::string& size_class) {
  Disclosed d;
  auto has = [&](std::string_view needle) {
    if (needle.empty()) return false;
    for (size_t i = 0; i + needle.size() <= text.size(); ++i)
      if (IEquals(text.substr(i, needle.size()), needle)) return true;
    return false;
  };
  const int ri = RegionIndex(region);
  if (ri >= 0) {
    std::string ja(kRegionJa[ri]);
    ja = ja.substr(0, ja.size() - std::strlen("地方"));
    std::string en(kRegionEn[ri]);
    en = en.substr(0, en.find(' '));
    d.region = has(ja) || has(en);
    for (const auto& p : kPrefectures)
      if (p.region == region) d.region = d.region || has(p.name_ja) || has(p.name_en);
  }
  static const std::map<std::string, std::vector<const char*>> kSizeWords = {
      {"large", {"大手", "大規模", "大企業", "large"}},
      {"medium", {"中規模", "中堅", "medium-sized", "mid-sized"}},
      {"small", {"小規模", "中小", "零細", "small"}}};
  auto it = kSizeWords.find(size_class);
  if (it != kSizeWords.end())
    for (const char* w : it->second) d.size = d.size || has(w);
  return d;
}

}  // namespace renkei::domain
