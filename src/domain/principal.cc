#include "domain/principal.h"

#include <iterator>

namespace renkei::domain {
namespace {

constexpr bool UniqueCodes() {
  for (size_t i = 0; i < std::size(kRoleCodes); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (kRoleCodes[i].role == kRoleCodes[j].role || kRoleCodes[i].bit == kRoleCodes[j].bit ||
          std::string_view(kRoleCodes[i].name) == kRoleCodes[j].name) {
        return false;
      }
    }
    if (kRoleCodes[i].bit < 0 || kRoleCodes[i].bit > 62) return false;
  }
  return true;
}
static_assert(UniqueCodes(), "each role needs its own name and bit in kRoleCodes");

const RoleCode* CodeOf(Role r) {
  for (const RoleCode& c : kRoleCodes) {
    if (c.role == r) return &c;
  }
  return nullptr;
}

}  // namespace

const char* RoleName(Role r) {
  const RoleCode* c = CodeOf(r);
  return c ? c->name : "";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const RoleCode& c : kRoleCodes) {
    if (name == c.name) return c.role;
  }
  return std::nullopt;
}

std::int64_t RoleBit(Role r) {
  const RoleCode* c = CodeOf(r);
  return c ? std::int64_t{1} << c->bit : 0;
}

std::int64_t RoleMask(const std::vector<Role>& roles) {
  std::int64_t mask = 0;
  for (Role r : roles) mask |= RoleBit(r);
  return mask;
}

std::string RoleNameList() {
  std::string out;
  for (const RoleCode& c : kRoleCodes) out += (out.empty() ? "" : ", ") + std::string(c.name);
  return out;
}

}  // namespace renkei::domain
