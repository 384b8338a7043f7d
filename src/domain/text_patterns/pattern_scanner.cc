#include "domain/text_patterns/pattern_scanner.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <string>

#include "domain/text_patterns/ascii.h"
#include "domain/text_patterns/person_names.h"

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
constexpr CharSet kTokenChars(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._%+-:/@~?=&#");
bool TokenChar(unsigned char c) { return kTokenChars(static_cast<char>(c)); }
// What ends a URL, trails one, ends its host; what trails a token; what separates the
// parts of one ("IP:192.0.2.1", "src=10.0.0.5").
constexpr CharSet kUrlStop("<>\"'`"), kUrlTrail(".,;:)!?]"), kHostEnd("/:?#"),
    kTokenTrail(".,:;/?!-=&#~"), kPartSeparators(":/=@?&#"), kNotAccount(":/@?=&#");

bool Upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool Lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
// "Kenji", "O'Brien": a capital, then a small letter or an apostrophe.
bool Capitalised(std::string_view w) {
  return w.size() >= 2 && Upper(static_cast<unsigned char>(w[0])) &&
         (Lower(static_cast<unsigned char>(w[1])) || w[1] == '\'');
}
bool AllCaps(std::string_view w) {
  return w.size() >= 2 && std::all_of(w.begin(), w.end(),
                                      [](char c) { return Upper(static_cast<unsigned char>(c)); });
}

// Words after which an identifier is an account or a host name (アカウント`adm-sato`,
// 端末名はPC-YAMAGUCHI-07, user: jdoe).
constexpr std::string_view kAccountCues[] = {
    "アカウント", "ユーザー名", "ユーザ名", "ユーザーID", "ユーザID", "利用者ID", "ログインID",
    "ID",         "端末名",     "ホスト名", "サーバー",   "サーバ",   "端末",     "PC",
    "account",    "user",       "username", "login",      "hostname", "host",     "user ID"};
// Host names by convention: a role prefix in capitals and a separator (PC-NOC-MORITA).
constexpr std::string_view kHostPrefixes[] = {"PC",  "WS",  "SRV", "SV",  "DC",   "NAS",
                                              "HV",  "VM",  "DB",  "APP", "MAIL", "EWS",
                                              "HMI", "JMP", "BAK", "ADM"};
// Words before a name that say a person follows ("Contact: Priya Raman").
constexpr std::string_view kPersonCues[] = {
    "Contact",     "contact",    "Attn",          "Reporter",  "reporter",   "reported by",
    "Reported by", "Name",       "From",          "Cc",        "handled by", "analyst",
    "Analyst",     "engineer",   "Engineer",      "manager",   "Manager",    "officer",
    "Officer",     "technician", "administrator", "colleague", "employee",   "contractor",
    "CISO",        "CEO",        "CTO",           "director",  "Director"};

// The anonymiser's own placeholders ("account-1", "host-2", "Person A") are nothing to
// find on a second pass over a redacted text.
bool IsPlaceholder(std::string_view tok) {
  static constexpr std::string_view kPrefixes[] = {"account-", "host-", "phone-",
                                                   "email-",   "IP-",   "URL-"};
  for (std::string_view p : kPrefixes)
    if (tok.size() > p.size() && tok.substr(0, p.size()) == p &&
        std::all_of(tok.begin() + static_cast<long>(p.size()), tok.end(),
                    [](char c) { return IsDigit(static_cast<unsigned char>(c)); }))
      return true;
  return false;
}
bool IsPlaceholderWord(std::string_view w) {
  return w == "Person" || w == "Organisation" || w == "Facility" || w == "Location";
}

// Host-like by convention: PC-YAMAGUCHI-07, SRV-FS01; or lower-case words joined by
// hyphens whose last mixes letters and digits (ogt-work01, nichirin-ops11; not sha-256).
bool HostByConvention(std::string_view tok) {
  const auto sep = static_cast<size_t>(
      std::find_if(tok.begin(), tok.end(), [](char c) { return c == '-' || c == '_'; }) -
      tok.begin());  // tok.size() when there is none
  if (sep + 1 < tok.size() && IsAlnum(static_cast<unsigned char>(tok[sep + 1]))) {
    const std::string_view prefix = tok.substr(0, sep);
    for (std::string_view p : kHostPrefixes)
      if (prefix == p) return true;
  }
  size_t segments = 0, start = 0;
  for (size_t k = 0; k <= tok.size(); ++k) {
    if (k < tok.size() && tok[k] != '-') {
      const auto c = static_cast<unsigned char>(tok[k]);
      if (!Lower(c) && !IsDigit(c)) return false;
      continue;
    }
    if (k == start) return false;
    ++segments;
    if (k == tok.size()) {
      const std::string_view last = tok.substr(start);
      return segments >= 2 && Lower(static_cast<unsigned char>(tok[0])) &&
             std::any_of(last.begin(), last.end(), [](char c) { return Lower(c); }) &&
             std::any_of(last.begin(), last.end(), [](char c) { return IsDigit(c); });
    }
    start = k + 1;
  }
  return false;
}

// Bytes where a match may start: letters and digits, "+81", "\\host", "(03)", and the
// lead bytes of 令和, 平成, 同日, 内線 (E4, E5).
constexpr CharSet kMayStart(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+\\(\xE4\xE5");

class Scanner {
 public:
  Scanner(std::string_view t, std::vector<PatternMatch>& out) : t_(t), out_(out) {}

  void Run() {
    size_t i = 0;
    while (i < t_.size()) {
      // Most bytes start nothing (Japanese text, spaces, punctuation): skipped at once.
      while (i < t_.size() && !kMayStart(t_[i])) ++i;
      if (i >= t_.size()) break;
      const auto c = static_cast<unsigned char>(t_[i]);
      if (c == '\\' && i + 2 < t_.size() && t_[i + 1] == '\\') {  // \\host\share\path
        size_t j = i + 2;
        while (j < t_.size() &&
               (IsAlnum(static_cast<unsigned char>(t_[j])) || t_[j] == '-' || t_[j] == '.'))
          ++j;
        if (j > i + 2) {
          // The share and path name the system as much as the host does.
          size_t e = j;
          while (e + 1 < t_.size() && t_[e] == '\\' && PathChar(t_[e + 1])) {
            ++e;
            while (e < t_.size() && PathChar(t_[e])) ++e;
          }
          Add(i, e, PatternKind::kHostname);
          i = e;
        } else {
          i = j;
        }
        continue;
      }
      // 令和 (E4 BB), 平成 (E5 B9), 同日 (E5 90), 内線 (E5 86): the second byte first.
      const auto c1 = i + 1 < t_.size() ? static_cast<unsigned char>(t_[i + 1]) : 0;
      if ((c == 0xE4 && c1 == 0xBB) || (c == 0xE5 && (c1 == 0xB9 || c1 == 0x90 || c1 == 0x86))) {
        if (size_t e = JapaneseLead(i)) {
          i = e;
          continue;
        }
      }
      if (c == '(' && i + 1 < t_.size() && t_[i + 1] == '0') {  // (03)5555-0142
        if (size_t e = ParenPhone(i)) {
          i = e;
          continue;
        }
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

  static bool PathChar(char c) {
    return IsAlnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '$';
  }

  // DOMAIN\user or a word with an underscore (svc_backup, arc_ope02): an account. Its end,
  // or 0.
  size_t AccountWord(size_t i) {
    if (i > 0 && (t_[i - 1] == '\\' || t_[i - 1] == ':' || t_[i - 1] == '/')) return 0;
    size_t j = i;
    bool under = false, slash = false, letter = false, dot = false;
    while (j < t_.size()) {
      const auto c = static_cast<unsigned char>(t_[j]);
      if (IsAlnum(c) || c == '_' || c == '-' || c == '.') {
        under = under || c == '_';
        dot = dot || c == '.';
        letter = letter || IsAlpha(c);
      } else if (c == '\\' && !slash && j > i && j + 1 < t_.size() &&
                 (IsAlnum(static_cast<unsigned char>(t_[j + 1])) || t_[j + 1] == '_')) {
        slash = true;
      } else {
        break;
      }
      ++j;
    }
    while (j > i && (t_[j - 1] == '.' || t_[j - 1] == '-')) --j;
    if (j < t_.size() && (t_[j] == '@' || t_[j] == '\\')) return 0;
    if (!letter || (!slash && !(under && !dot))) return 0;
    Add(i, j, PatternKind::kAccount);
    return j;
  }

  // Whether an account cue (アカウント, 端末名は, user:) ends just before i, with at most
  // three separators (quotes, 「, は, が, a colon, a space) between; `quoted` when one of
  // them was a quote or a colon.
  bool AccountCueBefore(size_t i, bool& quoted) {
    size_t k = i;
    quoted = false;
    for (int skipped = 0; skipped < 3 && k > 0; ++skipped) {
      const char c = t_[k - 1];
      if (c == '`' || c == '\'' || c == '"' || c == ':' || c == '=' || c == '(' || c == '[') {
        quoted = true;
        --k;
      } else if (c == ' ') {
        --k;
      } else if (EndsWith(t_.substr(0, k), "「")) {
        quoted = true;
        k -= 3;
      } else if (EndsWith(t_.substr(0, k), "は") || EndsWith(t_.substr(0, k), "が")) {
        k -= 3;
      } else {
        break;
      }
    }
    const std::string_view before = t_.substr(0, k);
    for (std::string_view cue : kAccountCues)
      if (before.size() >= cue.size() &&
          EqualsIgnoringAsciiCase(before.substr(before.size() - cue.size()), cue) &&
          (IsAlnum(static_cast<unsigned char>(cue[0])) == false || before.size() == cue.size() ||
           !IsAlnum(static_cast<unsigned char>(before[before.size() - cue.size() - 1]))))
        return true;
    return false;
  }

  // Classifies the token at i; returns where scanning continues.
  size_t Token(size_t i) {
    size_t j = i;
    while (j < t_.size() && TokenChar(static_cast<unsigned char>(t_[j]))) ++j;
    // An account word needs an underscore or a backslash: only a token with an underscore
    // or stopping at a backslash (not a token character) can be one.
    if ((j < t_.size() && t_[j] == '\\') || std::memchr(t_.data() + i, '_', j - i))
      if (size_t e = AccountWord(i)) return e;
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
    if ((tok[0] == 'h' || tok[0] == 'f') &&
        (StartsWith(tok, "http://") || StartsWith(tok, "https://") || StartsWith(tok, "hxxp://") ||
         StartsWith(tok, "hxxps://") || StartsWith(tok, "ftp://"))) {
      size_t e = i;
      while (e < t_.size() && static_cast<unsigned char>(t_[e]) > 0x20 &&
             static_cast<unsigned char>(t_[e]) < 0x7F && !kUrlStop(t_[e]))
        ++e;
      while (e > i && kUrlTrail(t_[e - 1])) --e;
      std::string_view url = t_.substr(i, e - i);
      const size_t hs = url.find("://") + 3;
      size_t he = hs;
      while (he < url.size() && !kHostEnd(url[he])) ++he;
      // Defanged URLs (hxxp://, [.]) are shared indicators, public by intent.
      const bool defanged = tok[0] == 'h' && tok[1] == 'x';
      if (!IsPublicHost(url.substr(hs, he - hs)) && !defanged) Add(i, e, PatternKind::kUrl);
      return e;
    }
    // Trailing sentence punctuation is not part of the token.
    while (!tok.empty() && kTokenTrail(tok.back())) tok.remove_suffix(1);
    const size_t e = i + tok.size();
    if (tok.empty()) return j > i ? j : i + 1;
    // What the token holds, read once: each test below needs one of these (an e-mail its
    // @, an IPv6 address its colons, a host name its dots, a date or a phone number its
    // first digit, a host by convention a hyphen or an underscore), so a plain word skips
    // them.
    bool at = false, colon = false, dot = false, dash = false, under = false, digit = false,
         not_account = false;
    for (char ch : tok) {
      at = at || ch == '@';
      colon = colon || ch == ':';
      dot = dot || ch == '.';
      dash = dash || ch == '-';
      under = under || ch == '_';
      digit = digit || IsDigit(static_cast<unsigned char>(ch));
      not_account = not_account || kNotAccount(ch);
    }
    const bool digit0 = IsDigit(static_cast<unsigned char>(tok[0]));
    if (at && IsEmail(tok)) {
      Add(i, e, PatternKind::kEmail);
      return j;
    }
    if (digit0) {
      if (size_t end = DayMonth(i)) return end;
      if (size_t end = MonthDay(i)) return end;
    }
    if (tok[0] == '0' && j < t_.size() && t_[j] == '(') {  // 03(5555)0142
      if (size_t end = ParenPhone(i)) return end;
    }
    if (tok == "+81") {  // +81 3 5555 0142
      if (size_t end = SpacedPhone(i)) return end;
    }
    Ymd date;
    if (size_t n = digit0 ? IsoDateLength(tok, date) : 0) {
      size_t end = i + n;
      if (end < t_.size() && (t_[end] == 'T' || t_[end] == ' ')) {
        if (size_t tl = TimeLength(t_.substr(end + 1))) end = Zone(end + 1 + tl);
      }
      AddDate(i, end, date, DateForm::kIso);
      return end;
    }
    if (size_t n = digit0 ? Ipv4Length(tok) : 0) {
      // "修正版6.3.0.2", "version 1.2.3.4": a version number, not an address.
      const std::string_view before = t_.substr(0, i);
      if (EndsWith(before, "版") || EndsWith(before, "バージョン") ||
          EndsWith(before, "version ") || EndsWith(before, "Version ") ||
          EndsWith(before, "ver.") || EndsWith(before, "v") || EndsWith(before, "V"))
        return i + n;
      Add(i, i + n, PatternKind::kIpv4);
      return i + n;
    }
    if (colon && IsIpv6(tok)) {
      Add(i, e, PatternKind::kIpv6);
      return j;
    }
    if (size_t n = digit0 ? TimeLength(tok) : 0; n > 0 && n == tok.size()) {
      const int h = ParseDigits(tok.substr(0, tok.find(':')));
      if (h <= 23 && ParseDigits(tok.substr(tok.find(':') + 1, 2)) <= 59) {
        AddTime(i, e, h, false);
        return j;
      }
    }
    if ((digit0 || tok[0] == '+') && IsPhoneJp(tok)) {
      Add(i, e, PatternKind::kPhone);
      return j;
    }
    if (dot && IsHostname(tok)) {
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
    if ((dash || under) && IsAlpha(static_cast<unsigned char>(tok[0])) && HostByConvention(tok)) {
      Add(i, e, PatternKind::kAccount);
      return j;
    }
    if (tok.size() >= 3 && IsAlpha(static_cast<unsigned char>(tok[0])) && !not_account &&
        !(dash && IsPlaceholder(tok))) {
      bool quoted = false;
      const bool marked = digit || dash || dot;
      // A plain word can only be an account right after a quote or a colon (`admin`).
      auto quote = [](char q) { return q == '`' || q == '\'' || q == '"' || q == ':' || q == '='; };
      const char before = i > 0 ? t_[i - 1] : ' ';
      const bool may_be_quoted = quote(before) || (before == ' ' && i > 1 && quote(t_[i - 2])) ||
                                 static_cast<unsigned char>(before) >= 0x80;
      if ((marked || may_be_quoted) && AccountCueBefore(i, quoted)) {
        const bool lower = std::none_of(
            tok.begin(), tok.end(), [](char ch) { return Upper(static_cast<unsigned char>(ch)); });
        if (marked || (quoted && lower)) {  // adm-sato, `admin`; not "サーバはWindows"
          Add(i, e, PatternKind::kAccount);
          return j;
        }
      }
    }
    // Not classified as a whole: carry on after the token's first separator, so that
    // "IP:192.0.2.1" and "src=10.0.0.5" still find their parts.
    for (size_t k = i; k < e; ++k)
      if (kPartSeparators(t_[k])) return k + 1;
    return j;
  }

  // "November 14, 2026", "Nov 14", "R8.11.3", "ext. 5678", "Mr. Taro Yamada", "Kenji
  // Tanaka".
  size_t EnglishDateOrPerson(size_t i, std::string_view word) {
    if (size_t end = EraLatin(i)) return end;
    if (Upper(static_cast<unsigned char>(word[0])) &&
        IsWeekday(word)) {  // "Saturday, 7 November 2026", "Tue 3 Nov 2026"
      size_t k = i + word.size();
      if (k < t_.size() && t_[k] == '.') ++k;
      if (k < t_.size() && t_[k] == ',') ++k;
      if (k + 1 < t_.size() && t_[k] == ' ') {
        ++k;
        const size_t before = out_.size();
        size_t end = 0;
        if (IsDigit(static_cast<unsigned char>(t_[k]))) {
          end = DayMonth(k);
        } else {
          size_t we = k;
          while (we < t_.size() && IsAlpha(static_cast<unsigned char>(t_[we]))) ++we;
          if (EnglishMonth(t_.substr(k, we - k)))
            end = EnglishDateOrPerson(k, t_.substr(k, we - k));
        }
        if (end && out_.size() > before && out_.back().kind == PatternKind::kDate) {
          out_.back().begin = i;
          return end;
        }
      }
      return 0;
    }
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
        } else if (y = Year(end + 1); y && t_[end] == ' ') {  // "November 3 2026"
          end += 5;
        }
        end = EnglishTime(end);
        AddDate(i, end, Ymd{y, m, d}, DateForm::kEnglish);
        return end;
      }
      // "Jun Ishikawa", "May Tanaka": a month name may be a given name.
      if (!IsGivenName(word)) return 0;
    }
    if (word == "ext" || word == "Ext" || word == "EXT" || word == "extension" ||
        word == "Extension") {
      size_t k = i + word.size();
      if (k < t_.size() && t_[k] == '.') ++k;
      if (k < t_.size() && t_[k] == ' ') ++k;
      return Extension(i, k);
    }
    static constexpr std::string_view kTitles[] = {"Mr", "Mrs", "Ms", "Dr", "Mx"};
    bool title = false;
    for (std::string_view t : kTitles) title = title || word == t;
    if (!title) return EnglishName(i);
    size_t k = i + word.size();
    if (k < t_.size() && t_[k] == '.') ++k;
    size_t begin = 0, end = 0;
    for (int w = 0; w < 2; ++w) {
      if (k + 1 >= t_.size() || t_[k] != ' ' || !(t_[k + 1] >= 'A' && t_[k + 1] <= 'Z')) break;
      size_t s = k + 1, x = s + 1;
      while (x < t_.size() && IsAlpha(static_cast<unsigned char>(t_[x]))) ++x;
      if (x - s < 2 || IsPlaceholderWord(t_.substr(s, x - s))) break;
      if (begin == 0) begin = s;
      end = k = x;
    }
    if (end == 0) return 0;
    Add(begin, end, PatternKind::kPerson);
    return end;
  }

  static bool IsWeekday(std::string_view w) {
    static constexpr CharSet kFirst("MTWFS");
    if (w.empty() || !kFirst(w[0])) return false;
    static constexpr std::string_view kDays[] = {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mon", "Tue",
        "Tues",   "Wed",     "Thu",       "Thur",     "Thurs",  "Fri",      "Sat",    "Sun"};
    for (std::string_view d : kDays)
      if (w == d) return true;
    return false;
  }

  // A time right after an English date: "…, 14:05", "… 14:05 JST"; its end or `end`.
  size_t EnglishTime(size_t end) const {
    size_t k = end;
    if (t_.substr(k, 2) == ", ")
      k += 2;
    else if (k < t_.size() && t_[k] == ' ')
      k += 1;
    else
      return end;
    if (size_t tl = TimeLength(t_.substr(k)); tl && !(k + tl < t_.size() && t_[k + tl] == '.'))
      return Zone(k + tl);
    return end;
  }

  // " UTC", " JST", " GMT" after a time.
  size_t Zone(size_t end) const {
    for (std::string_view z : {" UTC", " JST", " GMT"})
      if (t_.substr(end, 4) == z &&
          (end + 4 >= t_.size() || !IsAlnum(static_cast<unsigned char>(t_[end + 4]))))
        return end + 4;
    return end;
  }

  // A year 1900–2200 of four digits at k, not followed by a digit; 0 otherwise.
  int Year(size_t k) const {
    if (k + 4 > t_.size()) return 0;
    for (size_t x = k; x < k + 4; ++x)
      if (!IsDigit(static_cast<unsigned char>(t_[x]))) return 0;
    if (k + 4 < t_.size() && IsDigit(static_cast<unsigned char>(t_[k + 4]))) return 0;
    const int y = ParseDigits(t_.substr(k, 4));
    return y >= 1900 && y <= 2200 ? y : 0;
  }

  // Digits at k (at most `max`): their count, the value in v.
  size_t Digits(size_t k, size_t max, int& v) const {
    size_t e = k;
    while (e < t_.size() && e - k < max && IsDigit(static_cast<unsigned char>(t_[e]))) ++e;
    if (e < t_.size() && IsDigit(static_cast<unsigned char>(t_[e]))) return 0;
    v = e > k ? ParseDigits(t_.substr(k, e - k)) : 0;
    return e - k;
  }

  void AddTime(size_t b, size_t e, int hour, bool same_day) {
    PatternMatch& m = Add(b, e, PatternKind::kDate);
    m.date_form = DateForm::kTime;
    m.hour = hour;
    m.same_day = same_day;
  }

  // An optional weekday "(土)" and time " 14:05" after a date ending at `end`.
  size_t WeekdayAndTime(size_t end) const {
    if (end < t_.size() && t_[end] == '(') {
      const size_t close = t_.find(')', end);
      if (close != std::string_view::npos && close - end <= 8) end = close + 1;
    }
    if (end + 1 < t_.size() && t_[end] == ' ')
      if (size_t tl = TimeLength(t_.substr(end + 1))) end += 1 + tl;
    return end;
  }

  // R8.11.3, R8/11/3, H31.4.30 (令和, 平成, 昭和 by their initials).
  size_t EraLatin(size_t i) {
    const char era = t_[i];
    const int base = era == 'R' ? 2018 : era == 'H' ? 1988 : era == 'S' ? 1925 : 0;
    if (!base) return 0;
    int n = 0, m = 0, d = 0;
    size_t k = i + 1;
    size_t len = Digits(k, 2, n);
    if (!len || k + len >= t_.size()) return 0;
    k += len;
    const char sep = t_[k];
    if (sep != '.' && sep != '/') return 0;
    len = Digits(++k, 2, m);
    if (!len || k + len >= t_.size() || t_[k + len] != sep) return 0;
    k += len + 1;
    len = Digits(k, 2, d);
    if (!len || n < 1 || m < 1 || m > 12 || d < 1 || d > 31) return 0;
    k += len;
    if (k < t_.size() &&
        (IsAlpha(static_cast<unsigned char>(t_[k])) ||
         (t_[k] == '.' && k + 1 < t_.size() && IsDigit(static_cast<unsigned char>(t_[k + 1])))))
      return 0;
    const size_t end = WeekdayAndTime(k);
    AddDate(i, end, Ymd{base + n, m, d}, DateForm::kIso);
    return end;
  }

  // "3 November 2026", "3rd Nov. 2026", "14 Nov".
  size_t DayMonth(size_t i) {
    int d = 0;
    size_t k = i;
    const size_t len = Digits(k, 2, d);
    if (!len || d < 1 || d > 31) return 0;
    k += len;
    int d2 = 0;
    if (k + 1 < t_.size() && t_[k] == '-' && IsDigit(static_cast<unsigned char>(t_[k + 1])))
      if (size_t l2 = Digits(k + 1, 2, d2); l2 && d2 >= 1 && d2 <= 31) k += 1 + l2;  // 5-6 Dec
    const bool ordinal = IsOrdinalSuffix(t_.substr(k, 2));
    if (ordinal) k += 2;
    if (t_.substr(k, 4) == " of ") k += 3;
    if (k + 1 >= t_.size() || t_[k] != ' ' || !IsAlpha(static_cast<unsigned char>(t_[k + 1])))
      return 0;
    size_t we = ++k;
    while (we < t_.size() && IsAlpha(static_cast<unsigned char>(t_[we]))) ++we;
    const int m = EnglishMonth(t_.substr(k, we - k));
    if (!m) return 0;
    size_t end = we;
    if (end < t_.size() && t_[end] == '.') ++end;
    int y = 0;
    if (t_.substr(end, 2) == ", " && (y = Year(end + 2)))
      end += 6;
    else if (end < t_.size() && t_[end] == ' ' && (y = Year(end + 1)))
      end += 5;
    else if (end < t_.size() && IsAlnum(static_cast<unsigned char>(t_[end])))
      return 0;
    end = EnglishTime(end);
    const size_t begin = ordinal && EndsWith(t_.substr(0, i), "the ") ? i - 4 : i;  // the 3rd
    AddDate(begin, end, Ymd{y, m, d}, DateForm::kEnglish);
    return end;
  }

  // "11/3", "11/28(土)", "11/21 6:00", "03/11/2026": a month and day where what is
  // around makes it a date, not a fraction ("1/2 of the hosts").
  size_t MonthDay(size_t i) {
    int a = 0, b = 0;
    size_t k = i;
    size_t len = Digits(k, 2, a);
    if (!len || k + len >= t_.size() || t_[k + len] != '/') return 0;
    k += len + 1;
    len = Digits(k, 2, b);
    if (!len) return 0;
    k += len;
    int y = 0;
    if (k < t_.size() && t_[k] == '/') {
      if (!(y = Year(k + 1))) return 0;
      k += 5;
      if (a > 12 && b <= 12) std::swap(a, b);  // day first
    }
    int m = a, d = b;
    if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
    if (k < t_.size() && (IsAlnum(static_cast<unsigned char>(t_[k])) ||
                          ((t_[k] == '.' || t_[k] == '/') && k + 1 < t_.size() &&
                           IsDigit(static_cast<unsigned char>(t_[k + 1])))))
      return 0;
    if (!y) {
      const auto next = k < t_.size() ? static_cast<unsigned char>(t_[k]) : 0;
      const std::string_view before = t_.substr(0, i);
      const bool date_context =
          next == 0 || next >= 0x80 || next == '(' || next == ')' || next == ',' ||
          (next == ' ' && TimeLength(t_.substr(k + 1))) ||
          (next == '.' && (k + 1 >= t_.size() || t_[k + 1] == ' ' || t_[k + 1] == '\n')) ||
          EndsWith(before, "on ") || EndsWith(before, "On ") || EndsWith(before, "since ") ||
          EndsWith(before, "from ") || EndsWith(before, "until ") || EndsWith(before, "by ");
      if (!date_context) return 0;
    }
    const size_t end = WeekdayAndTime(k);
    AddDate(i, end, Ymd{y, m, d}, DateForm::kIso);
    return end;
  }

  // (03)5555-0142 and 03(5555)0142: area code in brackets, 10 or 11 digits in all.
  size_t ParenPhone(size_t i) {
    size_t k = i, digits = 0;
    int parts = 0;
    bool bracket = false;
    while (k < t_.size() && parts < 4) {
      const char c = t_[k];
      if (IsDigit(static_cast<unsigned char>(c))) {
        ++digits;
        ++k;
        if (k >= t_.size() || !IsDigit(static_cast<unsigned char>(t_[k]))) ++parts;
      } else if (c == '(' || c == ')') {
        bracket = true;
        ++k;
      } else if (c == '-' && k + 1 < t_.size() && IsDigit(static_cast<unsigned char>(t_[k + 1]))) {
        ++k;
      } else {
        break;
      }
    }
    if (!bracket || digits < 10 || digits > 11 || parts < 3) return 0;
    if (k < t_.size() && IsAlnum(static_cast<unsigned char>(t_[k]))) return 0;
    Add(i, k, PatternKind::kPhone);
    return k;
  }

  // +81 3 5555 0142, +81 (0)3 5555 0177: groups separated by single spaces, 11 or 12
  // digits in all (the trunk 0 in brackets not counted).
  size_t SpacedPhone(size_t i) {
    size_t k = i + 3, digits = 2;
    int groups = 0;
    if (t_.substr(k, 4) == " (0)" && k + 4 < t_.size() &&
        IsDigit(static_cast<unsigned char>(t_[k + 4])))
      k += 3;  // the group that follows starts after ")", read as if after a space
    while (k + 1 < t_.size() && (t_[k] == ' ' || t_[k] == ')') &&
           IsDigit(static_cast<unsigned char>(t_[k + 1]))) {
      size_t e = k + 1;
      while (e < t_.size() && IsDigit(static_cast<unsigned char>(t_[e]))) ++e;
      if (e - k - 1 > 4) return 0;
      digits += e - k - 1;
      ++groups;
      k = e;
      if (digits >= 11) break;
    }
    if (groups < 2 || digits < 11 || digits > 12) return 0;
    if (k < t_.size() && IsAlnum(static_cast<unsigned char>(t_[k]))) return 0;
    Add(i, k, PatternKind::kPhone);
    return k;
  }

  // Japanese text that starts a match: 令和8年11月3日, 平成31年…, 同日6時00分, 内線4417.
  size_t JapaneseLead(size_t i) {
    const std::string_view at = t_.substr(i);
    for (auto [era, base] :
         {std::pair{std::string_view("令和"), 2018}, std::pair{std::string_view("平成"), 1988}}) {
      if (!StartsWith(at, era)) continue;
      size_t k = i + era.size();
      int n = 0;
      if (StartsWith(t_.substr(k), "元")) {
        n = 1;
        k += 3;
      } else if (size_t len = Digits(k, 2, n)) {
        k += len;
      } else {
        return 0;
      }
      if (!StartsWith(t_.substr(k), "年")) return 0;
      return MonthDayJa(i, k + 3, base + n);
    }
    if (StartsWith(at, "同日")) {
      size_t k = i + 6;
      if (size_t e = TimeJa(k)) {
        int h = 0;
        Digits(k, 2, h);
        AddTime(i, e, h, true);
        return e;
      }
      if (size_t tl = TimeLength(t_.substr(k))) {
        int h = 0;
        Digits(k, 2, h);
        AddTime(i, k + tl, h, true);
        return k + tl;
      }
      return 0;
    }
    if (StartsWith(at, "内線")) {
      size_t k = i + 6;
      if (k < t_.size() && (t_[k] == ':' || t_[k] == ' ')) ++k;
      return Extension(i, k);
    }
    return 0;
  }

  // An extension number of 2 to 6 digits at `k` after its word at `i` ("ext. 5678",
  // 「内線4417」), as a phone finding: the end of the match, or 0.
  size_t Extension(size_t i, size_t k) {
    size_t d = k;
    while (d < t_.size() && IsDigit(static_cast<unsigned char>(t_[d]))) ++d;
    if (d - k < 2 || d - k > 6) return 0;
    Add(i, d, PatternKind::kPhone);
    return d;
  }

  // "14時05分", "午後2時5分", "10時": the end of a Japanese time of day at k, or 0.
  size_t TimeJa(size_t k) const {
    if (StartsWith(t_.substr(k), "午前") || StartsWith(t_.substr(k), "午後")) k += 6;
    int h = 0, m = 0;
    size_t len = 0;
    size_t x = k;
    while (x < t_.size() && IsDigit(static_cast<unsigned char>(t_[x])) && x - k < 2) ++x;
    if (x == k || !StartsWith(t_.substr(x), "時")) return 0;
    h = ParseDigits(t_.substr(k, x - k));
    if (h > 24) return 0;
    size_t end = x + 3;
    x = end;
    while (x < t_.size() && IsDigit(static_cast<unsigned char>(t_[x])) && x - end < 2) ++x;
    if (x > end && StartsWith(t_.substr(x), "分")) {
      m = ParseDigits(t_.substr(end, x - end));
      if (m <= 59) end = x + 3;
    }
    (void)len;
    return end;
  }

  // English names without a title: a known given name and a capitalised word ("Kenji
  // Tanaka", "Emily CARTER"), a romanised family name in capitals and a given name
  // ("TANAKA Kenji", "Tanaka Kenji"), or two capitalised words after "Contact:".
  size_t EnglishName(size_t i) {
    // Every form below starts with a capital (the initial, the capitalised or all-capital
    // first word).
    if (!Upper(static_cast<unsigned char>(t_[i]))) return 0;
    size_t we = i;
    while (we < t_.size() && IsAlpha(static_cast<unsigned char>(t_[we]))) ++we;
    const std::string_view w = t_.substr(i, we - i);
    // An initial and a family name: "J. Smith", "D. Yoshida".
    if (w.size() == 1 && Upper(static_cast<unsigned char>(w[0])) && we + 3 < t_.size() &&
        t_[we] == '.' && t_[we + 1] == ' ' && Upper(static_cast<unsigned char>(t_[we + 2])) &&
        (i == 0 || (!IsAlnum(static_cast<unsigned char>(t_[i - 1])) && t_[i - 1] != '.'))) {
      size_t e = we + 3;
      while (e < t_.size() && IsAlpha(static_cast<unsigned char>(t_[e]))) ++e;
      const std::string_view family = t_.substr(we + 2, e - we - 2);
      // After a capitalised word it ends a sentence ("… Plan A. The", "Facility A. Root").
      size_t pw = i;
      while (pw > 0 && t_[pw - 1] == ' ') --pw;
      size_t ps = pw;
      while (ps > 0 && IsAlpha(static_cast<unsigned char>(t_[ps - 1]))) --ps;
      const std::string_view prev = t_.substr(ps, pw - ps);
      const bool sentence_end = pw < i &&
                                Upper(static_cast<unsigned char>(prev.empty() ? 'a' : prev[0])) &&
                                !(prev == "Per" || prev == "By" || prev == "From" || prev == "To" ||
                                  prev == "Contact" || prev == "Attn" || prev == "Cc" ||
                                  prev == "Dr" || prev == "Mr" || prev == "Ms" || prev == "Mrs");
      if (Capitalised(family) && family.size() >= 3 && !EnglishMonth(family) && !sentence_end) {
        Add(i, e, PatternKind::kPerson);
        return e;
      }
      return 0;
    }
    // A romanised family name alone: "Sato (night shift)", "Dr. Miura" has its title.
    const bool alone = we >= t_.size() || t_[we] != ' ' || we + 1 >= t_.size() ||
                       !Upper(static_cast<unsigned char>(t_[we + 1]));
    if (alone) {
      if (Capitalised(w) && IsJapaneseSurname(w) && (we >= t_.size() || t_[we] != '-')) {
        Add(i, we, PatternKind::kPerson);
        return we;
      }
      return 0;
    }
    if (w.size() < 2) return 0;
    size_t s2 = we + 1, e2 = s2 + 1;
    while (e2 < t_.size() && (IsAlpha(static_cast<unsigned char>(t_[e2])) ||
                              ((t_[e2] == '\'' || t_[e2] == '-') && e2 + 1 < t_.size() &&
                               IsAlpha(static_cast<unsigned char>(t_[e2 + 1])))))
      ++e2;
    const std::string_view w2 = t_.substr(s2, e2 - s2);
    if (w2.size() < 2 || EnglishMonth(w2)) return 0;
    const bool cap1 = Capitalised(w), caps1 = AllCaps(w);
    const bool cap2 = Capitalised(w2), caps2 = AllCaps(w2);
    bool person = (cap1 && IsGivenName(w) && (cap2 || caps2)) ||
                  (caps1 && w.size() >= 3 && IsJapaneseSurname(w) && cap2) ||
                  (cap1 && IsJapaneseSurname(w) && cap2 && IsGivenName(w2));
    if (!person && cap1 && cap2) {
      size_t k = i;
      while (k > 0 && (t_[k - 1] == ' ' || t_[k - 1] == ':')) --k;
      const std::string_view before = t_.substr(0, k);
      for (std::string_view cue : kPersonCues)
        if (EndsWith(before, cue) &&
            (before.size() == cue.size() ||
             !IsAlpha(static_cast<unsigned char>(before[before.size() - cue.size() - 1]))))
          person = k < i;
    }
    if (!person) return 0;
    Add(i, e2, PatternKind::kPerson);
    return e2;
  }

  // A number of ten or more before a counting word ("1,200軒", "3万戸", "450 customers"),
  // or a Japanese date ("2026年11月14日 10時23分", "11月14日").
  size_t NumberFollowedBy(size_t i, size_t e) {
    long long v = 0;
    size_t digits = 0;
    for (size_t k = i; k < e; ++k)
      if (t_[k] != ',') {
        v = v * 10 + (t_[k] - '0');
        if (++digits > 15) return 0;
      }
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
    if (mult.empty() && v < 10) return 0;
    size_t u = k;
    while (u < t_.size() && t_[u] == ' ') ++u;
    std::string_view after = t_.substr(u);
    const bool unit =
        !mult.empty() ||
        (!after.empty() &&
         (std::any_of(
              std::begin(kUnitsJa), std::end(kUnitsJa),
              [&](std::string_view w) { return w[0] == after[0] && StartsWith(after, w); }) ||
          std::any_of(std::begin(kUnitsEn), std::end(kUnitsEn), [&](std::string_view w) {
            const size_t n = w.size();
            return w[0] == after[0] && StartsWith(after, w) &&
                   (after.size() == n || !IsAlpha(static_cast<unsigned char>(after[n])));
          })));
    if (!unit) return 0;
    PatternMatch& m = Add(i, k, PatternKind::kQuantity);
    m.value = v;
    m.multiplier = mult;
    return k;
  }

  size_t JapaneseDate(size_t i) {
    // "2026年11月14日" or, without the year, "11月14日".
    int y = 0;
    size_t k = i;
    while (k < t_.size() && IsDigit(static_cast<unsigned char>(t_[k])) && k - i < 4) ++k;
    if (k > i && StartsWith(t_.substr(k), "年")) {
      y = ParseDigits(t_.substr(i, k - i));
      if (y >= 1900 && y <= 2200) return MonthDayJa(i, k + 3, y);
    }
    return MonthDayJa(i, i, 0);
  }

  // The month and day of a Japanese date starting at `begin`, read from `pos` (after the
  // year, if any), with an optional weekday and time: its end, or 0.
  size_t MonthDayJa(size_t begin, size_t pos, int y) {
    int m = 0, d = 0;
    auto number_then = [&](size_t at, const char* unit, int& out) -> size_t {
      size_t k = at;
      while (k < t_.size() && IsDigit(static_cast<unsigned char>(t_[k])) && k - at < 4) ++k;
      if (k == at || !StartsWith(t_.substr(k), unit)) return 0;
      out = ParseDigits(t_.substr(at, k - at));
      return k + std::strlen(unit);
    };
    size_t km = number_then(pos, "月", m);
    if (!km || m < 1 || m > 12) return 0;
    size_t kd = number_then(km, "日", d);
    if (!kd) {  // part of a month: 10月中旬, 11月末 (the day 0)
      for (std::string_view part : {"上旬", "中旬", "下旬", "初旬", "末", "初め"})
        if (StartsWith(t_.substr(km), part)) {
          AddDate(begin, km + part.size(), Ymd{y, m, 0}, DateForm::kJapanese);
          return km + part.size();
        }
      return 0;
    }
    if (d < 1 || d > 31) return 0;
    size_t end = kd;
    // Optional weekday "（金）" / "(金)" and time "10時23分" / "午後2時5分" / " 10:23".
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
    if (size_t kt = TimeJa(t)) {
      end = kt;
    } else if (size_t tl = TimeLength(t_.substr(t))) {
      end = t + tl;
    }
    AddDate(begin, end, Ymd{y, m, d}, DateForm::kJapanese);
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
