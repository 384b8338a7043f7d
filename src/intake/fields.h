// The message part of a UTM's line as named fields, in the styles the vendors write:
//   CEF (ArcSight): CEF:0|Vendor|Product|Version|SignatureID|Name|Severity|k=v k=v …
//     header escapes \| \\, extension escapes \= \\ \n \r; values run to the next " key=".
//   key=value (FortiGate, Sophos, SonicWall): values bare or "quoted" (\" inside quotes).
//   key:"value"; (Check Point's syslog form), in brackets or not.
//   CSV (Palo Alto): fields by column, "quoted" with "" for a quote.
// Views point into the message or into the Fields' own storage; valid until the next Clear.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "intake/syslog.h"

namespace renkei::intake {

struct Fields {
  std::vector<std::pair<std::string_view, std::string_view>> kv;
  std::vector<std::string_view> columns;  // CSV only
  std::deque<std::string> owned;          // unescaped values

  void Clear() {
    kv.clear();
    columns.clear();
    owned.clear();
  }
  // The first value of `key`, "" if absent.
  std::string_view Get(std::string_view key) const {
    for (const auto& [k, v] : kv)
      if (k == key) return v;
    return {};
  }
  bool Has(std::string_view key) const {
    for (const auto& [k, v] : kv)
      if (k == key) return true;
    return false;
  }
  std::string_view Own(std::string s) { return owned.emplace_back(std::move(s)); }
};

struct CefHeader {
  int version = 0;
  std::string_view vendor, product, device_version, signature_id, name, severity;
};

// Where "CEF:" starts in `msg` (at its start or after a space: a relay's own header may
// come first), npos when it is not CEF.
size_t FindCef(std::string_view msg);
// Parses CEF from `cef` (starting at "CEF:"): the header into `h`, the extension into
// `f.kv`; the header's fields also as cef.vendor, cef.product, cef.version,
// cef.signature_id, cef.name, cef.severity.
IntakeError ParseCef(std::string_view cef, CefHeader& h, Fields& f);

// key=value pairs separated by spaces (or commas/semicolons between pairs).
IntakeError ParseKeyValues(std::string_view msg, Fields& f);
// key:"value" pairs separated by ';' or spaces, optionally inside [ ].
IntakeError ParseColonQuoted(std::string_view msg, Fields& f);
// One CSV record into f.columns.
IntakeError ParseCsv(std::string_view msg, Fields& f);

}  // namespace renkei::intake
