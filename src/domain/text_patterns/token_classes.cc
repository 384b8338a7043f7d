#include "domain/text_patterns/token_classes.h"

#include <cstring>

#include "domain/text_patterns/ascii.h"

namespace renkei::domain::text_patterns {
namespace {

constexpr std::string_view kHostSuffixes[] = {
    "local", "lan", "internal", "intranet", "intra", "corp", "localdomain", "home",    "ad",
    "jp",    "com", "net",      "org",      "io",    "info", "biz",         "example", "test",
    "cloud", "dev", "xyz",      "top",      "ru",    "cn",   "kr",          "us",      "uk",
    "de",    "tk",  "site",     "online",   "me",    "co",   "invalid"};
constexpr std::string_view kPublicHosts[] = {
    "go.jp", "jpcert.or.jp", "nist.gov", "cisa.gov", "cve.org", "mitre.org", "enisa.europa.eu"};
constexpr std::string_view kMonthsEn[] = {"january",   "february", "march",    "april",
                                          "may",       "june",     "july",     "august",
                                          "september", "october",  "november", "december"};

}  // namespace

int ParseDigits(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool IsPublicHost(std::string_view host) {
  for (std::string_view s : kPublicHosts) {
    if (EqualsIgnoringAsciiCase(host, s) ||
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
  for (std::string_view s : kHostSuffixes) known = known || EqualsIgnoringAsciiCase(tld, s);
  return known && !IsPublicHost(t);
}

size_t Ipv4Length(std::string_view t) {
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

bool IsPhoneJp(std::string_view t) {
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

size_t IsoDateLength(std::string_view t, Ymd& out) {
  if (t.size() < 8) return 0;
  size_t i = 0;
  while (i < t.size() && IsDigit(static_cast<unsigned char>(t[i]))) ++i;
  if (i != 4 || i >= t.size() || (t[i] != '-' && t[i] != '/')) return 0;
  const char sep = t[i];
  const int y = ParseDigits(t.substr(0, 4));
  size_t j = ++i;
  while (j < t.size() && IsDigit(static_cast<unsigned char>(t[j]))) ++j;
  if (j - i < 1 || j - i > 2 || j >= t.size() || t[j] != sep) return 0;
  const int m = ParseDigits(t.substr(i, j - i));
  size_t k = ++j;
  while (k < t.size() && IsDigit(static_cast<unsigned char>(t[k]))) ++k;
  if (k - j < 1 || k - j > 2) return 0;
  const int d = ParseDigits(t.substr(j, k - j));
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return 0;
  out = Ymd{y, m, d};
  return k;
}

size_t TimeLength(std::string_view t) {
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

int EnglishMonth(std::string_view w) {
  if (w.size() < 3 || w.size() > 9) return 0;  // "may" … "september"
  static constexpr CharSet kFirst("jfmasondJFMASOND");
  if (!kFirst(w[0])) return 0;
  for (int i = 0; i < 12; ++i) {
    std::string_view full(kMonthsEn[i]);
    if (AsciiLower(static_cast<unsigned char>(w[0])) != full[0]) continue;  // every form has it
    if (EqualsIgnoringAsciiCase(w, full) ||
        (w.size() == 3 && EqualsIgnoringAsciiCase(w, full.substr(0, 3))) ||
        (w.size() == 4 && w.back() == '.' &&
         EqualsIgnoringAsciiCase(w.substr(0, 3), full.substr(0, 3))))
      return i + 1;
  }
  return 0;
}

std::string_view EnglishMonthName(int month) {
  return month >= 1 && month <= 12 ? kMonthsEn[month - 1] : "";
}

}  // namespace renkei::domain::text_patterns
