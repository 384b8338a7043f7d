// Syslog lines as UTM appliances send them: RFC 5424 and RFC 3164 (BSD), parsed without
// copying the header (views into the caller's buffer) and never past its end. A line that
// does not parse names why (IntakeError), so the listener can count it per sender.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"

namespace renkei::intake {

// Why a frame or line was refused. The codes (IntakeErrorCode) are what the desk's
// per-sender counters and the administration page show.
enum class IntakeError {
  kNone,
  kEmpty,          // nothing but whitespace
  kBadPri,         // "<PRI>" missing a digit, over 191, leading zero, unterminated
  kBadVersion,     // RFC 5424 version other than 1
  kBadTimestamp,   // a timestamp that is not a real instant
  kBadHeader,      // a header field over its length or with a forbidden byte
  kBadSd,          // RFC 5424 structured data malformed
  kTruncated,      // the line or frame ends before its header (or its octet count) does
  kTooLong,        // longer than the maximum frame length
  kNotUtf8,        // invalid UTF-8
  kBinary,         // NUL or control bytes
  kBadFrame,       // an octet-counted frame whose length is not a number
  kBadCef,         // "CEF:" without its seven header fields
  kBadEscape,      // an escape CEF does not define, or a trailing backslash
  kUnknownFormat,  // parses as syslog, but no vendor mapping recognises it
  kBadTls,         // a TLS connection whose handshake or record failed (RFC 5425)
};
const char* IntakeErrorCode(IntakeError e);

struct SdParam {
  std::string_view name;
  std::string value;  // unescaped (\" \\ \])
};
struct SdElement {
  std::string_view id;
  std::vector<SdParam> params;
};

struct SyslogMessage {
  enum class Format { kBare, kRfc3164, kRfc5424 } format = Format::kBare;
  int pri = -1;  // -1: none (a bare line)
  int facility() const { return pri < 0 ? -1 : pri / 8; }
  int severity() const { return pri < 0 ? -1 : pri % 8; }
  int version = 0;
  Millis at = 0;  // UTC ms; 0 when the line carries no timestamp ("-", or BSD without one)
  bool has_time = false;
  std::string_view host, app, procid, msgid;  // "" for NILVALUE / absent
  std::vector<SdElement> sd;
  std::string_view msg;  // the rest, BOM removed
  bool bom = false;
};

struct SyslogOptions {
  size_t max_length = 8192;
  // RFC 3164 timestamps have neither year nor zone: the caller's (JST by default). With
  // year 0 the year is the one of `now` in that zone, less one when that would put the line
  // more than a day after `now` (December's lines read in January).
  int year = 0;
  int utc_offset_minutes = 9 * 60;
  Millis now = 0;
};

struct SyslogResult {
  IntakeError error = IntakeError::kNone;
  SyslogMessage msg;
  bool ok() const { return error == IntakeError::kNone; }
};

// A line starting with '<' must be syslog (5424 when a version digit follows the PRI, else
// 3164); any other line is a bare message (CEF written to a file, a relay without PRI).
// Trailing CR/LF are ignored. `msg` is cleared and refilled (its vectors keep capacity).
void ParseSyslog(std::string_view line, const SyslogOptions& opt, SyslogResult& out);
SyslogResult ParseSyslog(std::string_view line, const SyslogOptions& opt = {});

// Checks bytes: NUL and C0 controls other than TAB are binary, then UTF-8 validity.
IntakeError CheckText(std::string_view s);

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t DaysFromCivil(int y, unsigned m, unsigned d);

}  // namespace renkei::intake
