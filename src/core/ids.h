// Strong ids: parsed once at the edge, so an OrgId can never be passed as a UserId.
#pragma once

#include <cstdint>
#include <functional>

namespace renkei {

template <typename Tag>
struct Id {
  std::int64_t value = 0;
  constexpr Id() = default;
  constexpr explicit Id(std::int64_t v) : value(v) {}
  constexpr bool valid() const { return value > 0; }
  friend constexpr bool operator==(Id a, Id b) { return a.value == b.value; }
  friend constexpr auto operator<=>(Id a, Id b) { return a.value <=> b.value; }
};

using OrgId = Id<struct OrgTag>;
using UserId = Id<struct UserTag>;
using HubId = Id<struct HubTag>;
using TokenId = Id<struct TokenTag>;

}  // namespace renkei

template <typename Tag>
struct std::hash<renkei::Id<Tag>> {
  size_t operator()(renkei::Id<Tag> id) const noexcept {
    return std::hash<std::int64_t>{}(id.value);
  }
};
