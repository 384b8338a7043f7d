// A received line → an AlertIn: syslog header, then the message's fields in its vendor's
// style, read by the first vendor mapping that recognises it (MappingCatalog's order).
// One Normaliser per thread: it keeps its parse buffers between lines.
#pragma once

#include <string_view>

#include "domain/desk/alert.h"
#include "intake/fields.h"
#include "intake/mapping.h"
#include "intake/syslog.h"

namespace renkei::intake {

class Normaliser {
 public:
  Normaliser(const MappingCatalog& catalog, SyslogOptions opt) : catalog_(catalog), opt_(opt) {}

  // kNone and `out` filled, or why the line was refused (out then unspecified).
  IntakeError Normalise(std::string_view line, std::string_view sender, std::string_view consortium,
                        Millis received_at, domain::AlertIn& out);

  // The last line's syslog header (for tests and the benchmark).
  const SyslogMessage& syslog() const { return syslog_.msg; }

 private:
  bool Recognises(const VendorMapping& m, const Fields& f) const;
  void Fill(const VendorMapping& m, const Fields& f, domain::AlertIn& out) const;

  const MappingCatalog& catalog_;
  SyslogOptions opt_;
  SyslogResult syslog_;
  Fields cef_, kv_, colon_, csv_, named_;
};

// `s` cut to at most `max` bytes without splitting a UTF-8 sequence.
std::string_view CutUtf8(std::string_view s, size_t max);

}  // namespace renkei::intake
