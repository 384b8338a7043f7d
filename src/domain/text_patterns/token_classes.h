// Classifiers of one token of (ASCII-folded) text: is it an IP address, a hostname, an
// e-mail address, a Japanese phone number, a date or a time? Shared by the pattern
// scanner and by anything that must judge a single value (an indicator, a log field).
// All of them are pure functions of their argument.
#pragma once

#include <string_view>

namespace renkei::domain::text_patterns {

// Public references that are nobody's internal name (go.jp, jpcert.or.jp, nist.gov, …),
// the host itself or any subdomain.
bool IsPublicHost(std::string_view host);

// At least two dot-separated labels of letters, digits and inner hyphens, one letter
// somewhere, a top-level domain from a fixed list of common and internal suffixes
// (local, corp, internal, jp, com, …), and not a public host.
bool IsHostname(std::string_view token);

// The length of a dotted-quad IPv4 address (each part 0–255), with an optional "/nn"
// prefix length, at the start of t; 0 when there is none or a digit follows it.
size_t Ipv4Length(std::string_view t);

// Two to seven colons between groups of at most four hex digits, and something that
// makes it an address rather than a time or a ratio ("::", a letter or a long group).
bool IsIpv6(std::string_view t);

// local@domain: one '@', a local part of [A-Za-z0-9._%+-], a dotted domain.
bool IsEmail(std::string_view t);

// A Japanese phone number: 0X… with 10 or 11 digits (hyphenated, or digits only), or
// +81 with 11 or 12 digits.
bool IsPhoneJp(std::string_view t);

struct Ymd {
  int year = 0, month = 0, day = 0;  // year 0: not given
};

// "YYYY-MM-DD" or "YYYY/MM/DD" (years 1900–2200) at the start of t: its length, and the
// day in `out`; 0 when there is none.
size_t IsoDateLength(std::string_view t, Ymd& out);

// A time "HH:MM" or "HH:MM:SS", with an optional fraction and zone ("Z", "+09:00"), at
// the start of t: its length, or 0.
size_t TimeLength(std::string_view t);

// The month (1–12) an English month name or abbreviation names ("November", "Nov",
// "Nov."), case-insensitively; 0 for other words.
int EnglishMonth(std::string_view word);
// "january" … "december" for 1–12.
std::string_view EnglishMonthName(int month);

// The value of a run of ASCII digits (the caller checked them; no overflow check).
int ParseDigits(std::string_view digits);

}  // namespace renkei::domain::text_patterns
