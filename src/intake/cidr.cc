#include "intake/cidr.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace renkei::intake {

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  char buf[64];
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  IpAddress a;
  in_addr v4;
  if (inet_pton(AF_INET, buf, &v4) == 1) {
    a.bytes[10] = a.bytes[11] = 0xff;
    std::memcpy(a.bytes.data() + 12, &v4, 4);
    return a;
  }
  in6_addr v6;
  if (inet_pton(AF_INET6, buf, &v6) == 1) {
    std::memcpy(a.bytes.data(), &v6, 16);
    return a;
  }
  return std::nullopt;
}

std::optional<Cidr> Cidr::Parse(std::string_view text) {
  const size_t slash = text.find('/');
  const auto addr = IpAddress::Parse(text.substr(0, slash));
  if (!addr) return std::nullopt;
  const bool v4 = text.substr(0, slash).find(':') == std::string_view::npos;
  const int max = v4 ? 32 : 128;
  int prefix = max;
  if (slash != std::string_view::npos) {
    const std::string_view p = text.substr(slash + 1);
    const auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
    if (ec != std::errc() || end != p.data() + p.size() || prefix < 0 || prefix > max)
      return std::nullopt;
  }
  Cidr c;
  c.base = *addr;
  c.prefix = v4 ? prefix + 96 : prefix;
  // The base with its host bits cleared, so "192.0.2.7/24" is the /24.
  for (int i = 0; i < 16; ++i) {
    const int bits = c.prefix - i * 8;
    if (bits >= 8) continue;
    c.base.bytes[i] &= bits <= 0 ? 0 : static_cast<std::uint8_t>(0xff << (8 - bits));
  }
  return c;
}

bool Cidr::Contains(const IpAddress& a) const {
  for (int i = 0; i < 16; ++i) {
    const int bits = prefix - i * 8;
    if (bits <= 0) return true;
    const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((a.bytes[i] & mask) != base.bytes[i]) return false;
  }
  return true;
}

}  // namespace renkei::intake
