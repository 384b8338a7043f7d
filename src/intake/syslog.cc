#include "intake/syslog.h"

#include <cstring>

namespace renkei::intake {

const char* IntakeErrorCode(IntakeError e) {
  switch (e) {
    case IntakeError::kNone:
      return "";
    case IntakeError::kEmpty:
      return "empty";
    case IntakeError::kBadPri:
      return "bad_pri";
    case IntakeError::kBadVersion:
      return "bad_version";
    case IntakeError::kBadTimestamp:
      return "bad_timestamp";
    case IntakeError::kBadHeader:
      return "bad_header";
    case IntakeError::kBadSd:
      return "bad_sd";
    case IntakeError::kTruncated:
      return "truncated";
    case IntakeError::kTooLong:
      return "too_long";
    case IntakeError::kNotUtf8:
      return "not_utf8";
    case IntakeError::kBinary:
      return "binary";
    case IntakeError::kBadFrame:
      return "bad_frame";
    case IntakeError::kBadCef:
      return "bad_cef";
    case IntakeError::kBadEscape:
      return "bad_escape";
    case IntakeError::kUnknownFormat:
      return "unknown_format";
    case IntakeError::kBadTls:
      return "bad_tls";
  }
  return "unknown_format";
}

std::int64_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

IntakeError CheckText(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  bool high = false;
  for (const auto* q = p; q < end; ++q) {
    const unsigned char c = *q;
    if ((c < 0x20 && c != '\t') || c == 0x7f) return IntakeError::kBinary;
    high |= c >= 0x80;
  }
  if (!high) return IntakeError::kNone;
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    std::uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      cp = c & 0x07;
    } else {
      return IntakeError::kNotUtf8;
    }
    if (end - p <= n) return IntakeError::kNotUtf8;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xc0) != 0x80) return IntakeError::kNotUtf8;
      cp = (cp << 6) | (p[i] & 0x3f);
    }
    // Overlong forms, surrogates and beyond U+10FFFF.
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
      return IntakeError::kNotUtf8;
    p += n + 1;
  }
  return IntakeError::kNone;
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A cursor over the line: every read checks the end first.
struct Cursor {
  const char* p;
  const char* end;
  bool done() const { return p >= end; }
  size_t left() const { return static_cast<size_t>(end - p); }
  char peek() const { return p < end ? *p : '\0'; }
  bool eat(char c) {
    if (p < end && *p == c) {
      ++p;
      return true;
    }
    return false;
  }
  // N digits exactly; -1 if not.
  int digits(int n) {
    if (left() < static_cast<size_t>(n)) return -1;
    int v = 0;
    for (int i = 0; i < n; ++i) {
      if (!IsDigit(p[i])) return -1;
      v = v * 10 + (p[i] - '0');
    }
    p += n;
    return v;
  }
  // Up to the next space (or the end): a header field.
  std::string_view word() {
    const char* s = p;
    while (p < end && *p != ' ') ++p;
    return {s, static_cast<size_t>(p - s)};
  }
};

int DaysIn(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

bool ValidDate(int y, int mo, int d, int h, int mi, int s) {
  return y >= 1970 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= DaysIn(y, mo) && h >= 0 &&
         h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59;
}

Millis ToMillis(int y, int mo, int d, int h, int mi, int s, int ms, int offset_min) {
  const std::int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  const std::int64_t secs = days * 86400 + h * 3600 + mi * 60 + s - offset_min * 60;
  return secs * 1000 + ms;
}

// RFC 3339 as RFC 5424 restricts it: 2026-05-01T10:00:00.123+09:00 / Z.
IntakeError Rfc5424Time(Cursor& c, SyslogMessage& m) {
  if (c.eat('-')) return IntakeError::kNone;
  const int y = c.digits(4);
  if (y < 0 || !c.eat('-')) return c.done() ? IntakeError::kTruncated : IntakeError::kBadTimestamp;
  const int mo = c.digits(2);
  if (mo < 0 || !c.eat('-')) return IntakeError::kBadTimestamp;
  const int d = c.digits(2);
  if (d < 0 || !c.eat('T')) return IntakeError::kBadTimestamp;
  const int h = c.digits(2);
  if (h < 0 || !c.eat(':')) return IntakeError::kBadTimestamp;
  const int mi = c.digits(2);
  if (mi < 0 || !c.eat(':')) return IntakeError::kBadTimestamp;
  const int s = c.digits(2);
  if (s < 0) return IntakeError::kBadTimestamp;
  int ms = 0;
  if (c.eat('.')) {
    int n = 0, scale = 100;
    while (!c.done() && IsDigit(c.peek())) {
      if (++n > 6) return IntakeError::kBadTimestamp;
      ms += (c.peek() - '0') * scale;
      scale /= 10;
      ++c.p;
    }
    if (n == 0) return IntakeError::kBadTimestamp;
  }
  int offset = 0;
  if (c.eat('Z')) {
  } else if (c.peek() == '+' || c.peek() == '-') {
    const int sign = *c.p++ == '-' ? -1 : 1;
    const int oh = c.digits(2);
    if (oh < 0 || !c.eat(':')) return IntakeError::kBadTimestamp;
    const int om = c.digits(2);
    if (om < 0 || oh > 23 || om > 59) return IntakeError::kBadTimestamp;
    offset = sign * (oh * 60 + om);
  } else {
    return c.done() ? IntakeError::kTruncated : IntakeError::kBadTimestamp;
  }
  if (!ValidDate(y, mo, d, h, mi, s)) return IntakeError::kBadTimestamp;
  m.at = ToMillis(y, mo, d, h, mi, s, ms, offset);
  m.has_time = true;
  return IntakeError::kNone;
}

// A header field of RFC 5424: NILVALUE or 1..max printable US-ASCII.
IntakeError HeaderField(Cursor& c, size_t max, std::string_view& out) {
  if (c.done()) return IntakeError::kTruncated;
  const std::string_view w = c.word();
  if (w.empty()) return IntakeError::kBadHeader;
  if (w.size() > max) return IntakeError::kBadHeader;
  for (char ch : w)
    if (ch < 33 || ch > 126) return IntakeError::kBadHeader;
  out = w == "-" ? std::string_view() : w;
  if (!c.eat(' ')) return IntakeError::kTruncated;
  return IntakeError::kNone;
}

bool SdNameChar(char ch) { return ch > 32 && ch < 127 && ch != '=' && ch != ']' && ch != '"'; }

std::string_view SdName(Cursor& c) {
  const char* s = c.p;
  while (!c.done() && SdNameChar(c.peek()) && c.p - s < 32) ++c.p;
  return {s, static_cast<size_t>(c.p - s)};
}

IntakeError StructuredData(Cursor& c, std::vector<SdElement>& sd) {
  if (c.eat('-')) return IntakeError::kNone;
  if (c.peek() != '[') return c.done() ? IntakeError::kTruncated : IntakeError::kBadSd;
  while (c.eat('[')) {
    SdElement& e = sd.emplace_back();
    e.id = SdName(c);
    if (e.id.empty()) return c.done() ? IntakeError::kTruncated : IntakeError::kBadSd;
    for (;;) {
      if (c.eat(']')) break;
      if (c.done()) return IntakeError::kTruncated;
      if (!c.eat(' ')) return IntakeError::kBadSd;
      SdParam& prm = e.params.emplace_back();
      prm.name = SdName(c);
      if (prm.name.empty()) return c.done() ? IntakeError::kTruncated : IntakeError::kBadSd;
      if (!c.eat('=')) return c.done() ? IntakeError::kTruncated : IntakeError::kBadSd;
      if (!c.eat('"')) return c.done() ? IntakeError::kTruncated : IntakeError::kBadSd;
      for (;;) {
        if (c.done()) return IntakeError::kTruncated;
        const char ch = *c.p++;
        if (ch == '"') break;
        if (ch == '\\' && !c.done() && (c.peek() == '"' || c.peek() == '\\' || c.peek() == ']')) {
          prm.value.push_back(*c.p++);
          continue;
        }
        prm.value.push_back(ch);  // other backslashes stay, as RFC 5424 6.3.3 says
      }
    }
  }
  return IntakeError::kNone;
}

// "[name:\"" — Check Point's fields in brackets, not an SD element (whose names never hold ':').
bool CheckPointBracket(const Cursor& c) {
  if (c.peek() != '[') return false;
  const char* q = c.p + 1;
  while (q < c.end && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '_' ||
                       (*q >= '0' && *q <= '9')))
    ++q;
  return q > c.p + 1 && q + 1 < c.end && q[0] == ':' && q[1] == '"';
}

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// "Mmm dd hh:mm:ss " (dd space-padded); -1 if the line does not start with one.
int BsdMonth(const char* p) {
  for (int i = 0; i < 12; ++i)
    if (std::memcmp(p, kMonths[i], 3) == 0) return i + 1;
  return -1;
}

IntakeError Rfc3164(Cursor& c, const SyslogOptions& opt, SyslogMessage& m) {
  m.format = SyslogMessage::Format::kRfc3164;
  // Some devices send the PRI and then their message without a header (FortiGate's
  // "date=… time=…"): a header is there only when the month starts it.
  if (c.left() >= 16 && BsdMonth(c.p) > 0 && c.p[3] == ' ') {
    const int mo = BsdMonth(c.p);
    c.p += 4;
    int d;
    if (c.peek() == ' ') {
      ++c.p;
      d = c.digits(1);
    } else {
      d = c.digits(2);
    }
    if (d < 0 || !c.eat(' ')) return IntakeError::kBadTimestamp;
    const int h = c.digits(2);
    if (h < 0 || !c.eat(':')) return IntakeError::kBadTimestamp;
    const int mi = c.digits(2);
    if (mi < 0 || !c.eat(':')) return IntakeError::kBadTimestamp;
    const int s = c.digits(2);
    if (s < 0) return IntakeError::kBadTimestamp;
    int year = opt.year;
    if (year == 0) {
      const Millis local = opt.now + opt.utc_offset_minutes * 60000LL;
      std::int64_t days = local / 86400000;
      if (local < 0 && local % 86400000) --days;
      // civil_from_days, year only
      days += 719468;
      const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
      const unsigned doe = static_cast<unsigned>(days - era * 146097);
      const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
      const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
      const unsigned mp = (5 * doy + 2) / 153;
      const unsigned month = mp < 10 ? mp + 3 : mp - 9;
      year = static_cast<int>(yoe) + static_cast<int>(era) * 400 + (month <= 2);
    }
    if (!ValidDate(year, mo, d, h, mi, s)) {
      // 29 Feb read in a common year is wrong, not "the year before".
      return IntakeError::kBadTimestamp;
    }
    m.at = ToMillis(year, mo, d, h, mi, s, 0, opt.utc_offset_minutes);
    if (opt.year == 0 && m.at > opt.now + 86400000LL && ValidDate(year - 1, mo, d, h, mi, s))
      m.at = ToMillis(year - 1, mo, d, h, mi, s, 0, opt.utc_offset_minutes);
    m.has_time = true;
    if (!c.eat(' ')) return IntakeError::kTruncated;
    m.host = c.word();
    if (m.host.empty()) return IntakeError::kTruncated;
    if (m.host.size() > 255) return IntakeError::kBadHeader;
    c.eat(' ');
    // TAG: up to 32 alphanumerics (and -_./), then "[pid]" or ':'. Otherwise no tag.
    const char* s0 = c.p;
    const char* q = c.p;
    while (q < c.end && q - s0 <= 48 && *q != ':' && *q != '[' && *q != ' ') ++q;
    // "CEF:0|…" right after the host is the message, not a tag "CEF".
    const bool cef = c.left() >= 4 && std::memcmp(s0, "CEF:", 4) == 0;
    if (!cef && q > s0 && q < c.end && (*q == ':' || *q == '[')) {
      std::string_view tag(s0, static_cast<size_t>(q - s0));
      const char* r = q;
      std::string_view pid;
      bool ok = true;
      if (*r == '[') {
        const char* ps = ++r;
        while (r < c.end && *r != ']' && r - ps < 128) ++r;
        if (r < c.end && *r == ']') {
          pid = {ps, static_cast<size_t>(r - ps)};
          ++r;
        } else {
          ok = false;
        }
      }
      if (ok && r < c.end && *r == ':') {
        ++r;
        m.app = tag;
        m.procid = pid;
        c.p = r;
        c.eat(' ');
      }
    }
  }
  m.msg = {c.p, c.left()};
  return IntakeError::kNone;
}

}  // namespace

void ParseSyslog(std::string_view line, const SyslogOptions& opt, SyslogResult& out) {
  SyslogMessage& m = out.msg;
  m.format = SyslogMessage::Format::kBare;
  m.pri = -1;
  m.version = 0;
  m.at = 0;
  m.has_time = false;
  m.host = m.app = m.procid = m.msgid = m.msg = {};
  m.sd.clear();
  m.bom = false;
  out.error = IntakeError::kNone;
  auto fail = [&](IntakeError e) { out.error = e; };

  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.size() > opt.max_length) return fail(IntakeError::kTooLong);
  // A BOM is allowed only where RFC 5424 puts it (before MSG); elsewhere it is text.
  if (const IntakeError e = CheckText(line); e != IntakeError::kNone) return fail(e);
  size_t first = 0;
  while (first < line.size() && (line[first] == ' ' || line[first] == '\t')) ++first;
  if (first == line.size()) return fail(IntakeError::kEmpty);

  Cursor c{line.data(), line.data() + line.size()};
  if (!c.eat('<')) {
    m.msg = line.substr(first);
    return;
  }
  int pri = 0, n = 0;
  while (!c.done() && IsDigit(c.peek())) {
    if (++n > 3) return fail(IntakeError::kBadPri);
    pri = pri * 10 + (*c.p++ - '0');
  }
  if (c.done()) return fail(n == 0 ? IntakeError::kBadPri : IntakeError::kTruncated);
  if (n == 0 || !c.eat('>') || pri > 191 || (n > 1 && line[1] == '0'))
    return fail(IntakeError::kBadPri);
  m.pri = pri;

  // RFC 5424: VERSION SP right after the PRI.
  if (c.left() >= 2 && IsDigit(c.p[0]) && (c.p[1] == ' ' || IsDigit(c.p[1]))) {
    const char* v = c.p;
    int version = 0, vn = 0;
    while (!c.done() && IsDigit(c.peek()) && vn < 3) {
      version = version * 10 + (*c.p++ - '0');
      ++vn;
    }
    if (c.eat(' ')) {
      if (version != 1) return fail(IntakeError::kBadVersion);
      m.format = SyslogMessage::Format::kRfc5424;
      m.version = 1;
      if (IntakeError e = Rfc5424Time(c, m); e != IntakeError::kNone) return fail(e);
      if (!c.eat(' ')) return fail(c.done() ? IntakeError::kTruncated : IntakeError::kBadTimestamp);
      if (IntakeError e = HeaderField(c, 255, m.host); e != IntakeError::kNone) return fail(e);
      if (IntakeError e = HeaderField(c, 48, m.app); e != IntakeError::kNone) return fail(e);
      if (IntakeError e = HeaderField(c, 128, m.procid); e != IntakeError::kNone) return fail(e);
      if (IntakeError e = HeaderField(c, 32, m.msgid); e != IntakeError::kNone) return fail(e);
      if (c.done()) return fail(IntakeError::kTruncated);
      if (CheckPointBracket(c)) {
        // Check Point's exporter writes its fields where structured data goes,
        // [key:"value"; …]: not SD, its message.
        m.msg = {c.p, c.left()};
        return;
      }
      if (IntakeError e = StructuredData(c, m.sd); e != IntakeError::kNone) return fail(e);
      if (!c.done()) {
        if (!c.eat(' ')) return fail(IntakeError::kBadSd);
        if (c.left() >= 3 && std::memcmp(c.p, "\xEF\xBB\xBF", 3) == 0) {
          m.bom = true;
          c.p += 3;
        }
        m.msg = {c.p, c.left()};
      }
      return;
    }
    c.p = v;  // digits that are the message (FortiGate-style lines never start so, but BSD can)
  }
  if (IntakeError e = Rfc3164(c, opt, m); e != IntakeError::kNone) return fail(e);
}

SyslogResult ParseSyslog(std::string_view line, const SyslogOptions& opt) {
  SyslogResult r;
  ParseSyslog(line, opt, r);
  return r;
}

}  // namespace renkei::intake
