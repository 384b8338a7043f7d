#include "domain/principal.h"

namespace renkei::domain {

const char* RoleName(Role r) {
  switch (r) {
    case Role::kMember:
      return "member";
    case Role::kHubAnalyst:
      return "hub_analyst";
    case Role::kMinistryOfficer:
      return "ministry_officer";
    case Role::kNationalCentreOfficer:
      return "national_centre_officer";
    case Role::kSectorBodyOfficer:
      return "sector_body_officer";
    case Role::kDeskAgent:
      return "desk_agent";
    case Role::kAdmin:
      return "admin";
  }
  return "member";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : kAllRoles) {
    if (name == RoleName(r)) return r;
  }
  return std::nullopt;
}

}  // namespace renkei::domain
