#include "domain/reporting/replacement_policy.h"

#include "domain/text_patterns/token_classes.h"

namespace renkei::domain {
namespace {

std::string Grouped(long long v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
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

}  // namespace

bool JapaneseContext(std::string_view t, size_t begin, size_t end) {
  for (size_t i = begin; i-- > 0;) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '(' || c == '"' || c == '`' || c == '\'')
      continue;
    return c >= 0x80;
  }
  for (size_t i = end; i < t.size(); ++i) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == ')' || c == '.' || c == ',' || c == '`' ||
        c == '\'')
      continue;
    return c >= 0x80;
  }
  return false;
}

std::string WeekText(int y, int m, int d, bool ja) {
  const int week = (d - 1) / 7 + 1;
  if (ja) {
    std::string s = y > 0 ? std::to_string(y) + "年" : "";
    return s + std::to_string(m) + "月第" + std::to_string(week) + "週";
  }
  static const char* kOrd[] = {"1st", "2nd", "3rd", "4th", "5th"};
  std::string month(text_patterns::EnglishMonthName(m));
  month[0] = static_cast<char>(month[0] - 32);
  return std::string("the ") + kOrd[week - 1] + " week of " + month +
         (y > 0 ? " " + std::to_string(y) : "");
}

std::string MonthText(int y, int m, bool ja) {
  if (ja) return (y > 0 ? std::to_string(y) + "年" : "") + std::to_string(m) + "月";
  std::string month(text_patterns::EnglishMonthName(m));
  month[0] = static_cast<char>(month[0] - 32);
  return month + (y > 0 ? " " + std::to_string(y) : "");
}

std::string HourText(int hour, bool ja) {
  if (ja) return std::to_string(hour) + "時台";
  return "around " + std::to_string(hour) + ":00";
}

std::string RangeText(long long v, std::string_view multiplier, bool ja) {
  long long lo = 1;
  while (lo * 10 <= v) lo *= 10;
  const long long hi = lo * 10 - 1;
  const std::string mult(multiplier);
  return Grouped(lo) + mult + (ja ? "〜" : "-") + Grouped(hi) + mult;
}

std::string Placeholder(std::string_view kind, size_t index, bool ja) {
  const std::string num = std::to_string(index + 1);
  if (kind == "organisation") return (ja ? "組織" : "Organisation ") + Letters(index);
  if (kind == "person") return (ja ? "人物" : "Person ") + Letters(index);
  if (kind == "facility") return (ja ? "施設" : "Facility ") + Letters(index);
  if (kind == "address") return (ja ? "所在地" : "Location ") + Letters(index);
  if (kind == "account") return (ja ? "アカウント-" : "account-") + num;
  if (kind == "ip") return "IP-" + num;
  if (kind == "hostname") return (ja ? "ホスト-" : "host-") + num;
  if (kind == "email") return (ja ? "メール-" : "email-") + num;
  if (kind == "phone") return (ja ? "電話-" : "phone-") + num;
  if (kind == "url") return "URL-" + num;
  return "[" + std::string(kind) + "]";
}

}  // namespace renkei::domain
