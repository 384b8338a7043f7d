// libFuzzer target: the desk's inbound mail parser (RFC 5322, MIME, RFC 2047, charsets
// through iconv) over arbitrary bytes (fuzz/build-mail.sh). Must never crash or read past
// its input; what it returns is valid UTF-8 (the desk stores it).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "intake/mail_message.h"

using namespace renkei::intake;

namespace {
void Check(bool ok) {
  if (!ok) std::abort();
}
// Valid UTF-8 (controls allowed: the desk cleans them).
bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const MailParse p = ParseMail(in, 1 << 20);
  if (p.mail) {
    Check(!p.mail->from_address.empty());
    Check(ValidUtf8(p.mail->subject) && ValidUtf8(p.mail->text) && ValidUtf8(p.mail->from_name));
  } else {
    Check(!p.error.empty());
  }
  Check(ValidUtf8(DecodeWords(in)));
  (void)DecodeQuotedPrintable(in);
  return 0;
}
