// libFuzzer target: the intake's syslog parser, TCP framer and CEF / key=value /
// key:"value" / CSV field readers over arbitrary bytes (fuzz/build-syslog.sh). Must never
// crash, read past its input, or produce a frame longer than its limit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "intake/fields.h"
#include "intake/framing.h"
#include "intake/syslog.h"

using namespace renkei::intake;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  SyslogOptions opt;
  opt.now = 1777600000000;
  const SyslogResult r = ParseSyslog(in, opt);
  if (r.ok()) {
    Fields f;
    const size_t cef = FindCef(r.msg.msg);
    CefHeader h;
    if (cef != std::string_view::npos) ParseCef(r.msg.msg.substr(cef), h, f);
    f.Clear();
    ParseKeyValues(r.msg.msg, f);
    f.Clear();
    ParseColonQuoted(r.msg.msg, f);
    f.Clear();
    ParseCsv(r.msg.msg, f);
  }
  // The same bytes as a TCP stream cut at a point the input chooses.
  StreamFramer framer(256);
  const size_t cut = size ? data[0] % (size + 1) : 0;
  auto frame = [](std::string_view v) {
    if (v.size() > 256) std::abort();
    (void)ParseSyslog(v);
  };
  auto error = [](IntakeError, std::string_view) {};
  framer.Feed(in.substr(0, cut), frame, error);
  framer.Feed(in.substr(cut), frame, error);
  framer.Finish(frame, error);
  return 0;
}
