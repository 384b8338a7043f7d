// IPv4/IPv6 addresses and CIDR blocks for the listener's allowed sources.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace renkei::intake {

// An address as 16 bytes (IPv4 as ::ffff:a.b.c.d, so v4 blocks match v4-mapped senders).
struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};
  static std::optional<IpAddress> Parse(std::string_view text);
  bool operator==(const IpAddress&) const = default;
};

struct Cidr {
  IpAddress base;
  int prefix = 0;  // over the 128 bits (an IPv4 /24 is stored as /120)
  // "192.0.2.0/24", "2001:db8::/32", or one address.
  static std::optional<Cidr> Parse(std::string_view text);
  bool Contains(const IpAddress& a) const;
};

}  // namespace renkei::intake
