#include "core/time_format.h"

#include <cstring>

namespace renkei {
namespace {

// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
long long DaysFromCivil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
void CivilFromDays(long long z, int* y, int* m, int* d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(static_cast<long long>(yoe) + era * 400 + (*m <= 2));
}

void Put(char* p, int value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

// Hand-rolled rather than snprintf/gmtime_r: list responses format hundreds of
// instants, and those two showed up in the profile.
size_t FormatTo(Millis ms, int offset_minutes, bool with_millis, char (&buf)[32]) {
  const Millis shifted = ms + static_cast<Millis>(offset_minutes) * 60'000;
  const long long secs = shifted >= 0 ? shifted / 1000 : (shifted - 999) / 1000;
  const int milli = static_cast<int>(shifted - secs * 1000);
  const long long days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  const int sod = static_cast<int>(secs - days * 86400);
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  std::memcpy(buf, "0000-00-00T00:00:00", 19);
  Put(buf, y, 4);
  Put(buf + 5, m, 2);
  Put(buf + 8, d, 2);
  Put(buf + 11, sod / 3600, 2);
  Put(buf + 14, sod / 60 % 60, 2);
  Put(buf + 17, sod % 60, 2);
  size_t n = 19;
  if (with_millis) {
    buf[n] = '.';
    Put(buf + n + 1, milli, 3);
    n += 4;
  }
  if (offset_minutes == 0) {
    buf[n++] = 'Z';
  } else {
    const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    buf[n] = offset_minutes < 0 ? '-' : '+';
    Put(buf + n + 1, off / 60, 2);
    buf[n + 3] = ':';
    Put(buf + n + 4, off % 60, 2);
    n += 6;
  }
  return n;
}

std::string Format(Millis ms, int offset_minutes, bool with_millis) {
  char buf[32];
  return std::string(buf, FormatTo(ms, offset_minutes, with_millis, buf));
}

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::string FormatRfc3339Utc(Millis ms) { return Format(ms, 0, true); }
size_t FormatRfc3339UtcTo(Millis ms, char (&buf)[32]) { return FormatTo(ms, 0, true, buf); }
std::string FormatRfc3339Jst(Millis ms) { return Format(ms, 9 * 60, false); }

std::string FormatJstMinutes(Millis ms) {
  char buf[32];
  FormatTo(ms, 9 * 60, false, buf);  // 2026-11-22T10:02:03+09:00
  buf[10] = ' ';
  return std::string(buf, 16) + " JST";
}

std::optional<Millis> ParseRfc3339(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (!Digits(s, 0, 4, &y) || s.size() < 20 || s[4] != '-' || !Digits(s, 5, 2, &mo) ||
      s[7] != '-' || !Digits(s, 8, 2, &d) || (s[10] != 'T' && s[10] != 't') ||
      !Digits(s, 11, 2, &h) || s[13] != ':' || !Digits(s, 14, 2, &mi) || s[16] != ':' ||
      !Digits(s, 17, 2, &sec)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  size_t pos = 19;
  int millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 3) millis = millis * 10 + (s[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (int i = digits; i < 3; ++i) millis *= 10;
  }
  int offset = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (!Digits(s, pos + 1, 2, &oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !Digits(s, pos + 4, 2, &om)) {
      return std::nullopt;
    }
    offset = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  const long long days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  const long long secs = days * 86400 + h * 3600 + mi * 60 + sec - offset * 60;
  return secs * 1000 + millis;
}

}  // namespace renkei
