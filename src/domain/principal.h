// Who is asking: the signed-in user with their organisation, roles and the hubs whose
// secretariat their organisation runs. Built once per request by the auth service and
// passed (by const reference) to every domain service that decides access.
// An Actor is that principal and the address its request came from: what a service takes
// when it acts on their behalf and audits it. An Origin is the address alone, for the
// calls made before anyone is signed in (sign-in, a mailed password-reset link).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"

namespace renkei::domain {

enum class Role {
  kMember,                 // staff of an operator or other member organisation
  kHubAnalyst,             // staff of a hub (CEPTOAR/ISAC) secretariat
  kMinistryOfficer,        // competent ministry
  kNationalCentreOfficer,  // national cyber centre
  kSectorBodyOfficer,      // sector body (e.g. OCCTO) collecting self-assessments
  kDeskAgent,              // SME support desk
  kAdmin,                  // platform administrator
};

// What storage keeps of each role, in one table used for writing and reading: its name
// (user_roles.role and the comma-separated copies users.roles and items.roles) and its bit
// in a role mask (items.role_mask, report_recipients.role_bit). Pinned: an entry's name and
// bit never change and are never reused, whatever the enum's order; migration 0007's
// checks list them. A new role takes a new name and the next free bit, and a migration
// that widens those checks.
struct RoleCode {
  Role role;
  int bit;
  const char* name;
};
inline constexpr RoleCode kRoleCodes[] = {
    {Role::kMember, 0, "member"},
    {Role::kHubAnalyst, 1, "hub_analyst"},
    {Role::kMinistryOfficer, 2, "ministry_officer"},
    {Role::kNationalCentreOfficer, 3, "national_centre_officer"},
    {Role::kSectorBodyOfficer, 4, "sector_body_officer"},
    {Role::kDeskAgent, 5, "desk_agent"},
    {Role::kAdmin, 6, "admin"},
};

const char* RoleName(Role r);
// Every role's name, "member, hub_analyst, …" (for the message of an unknown role).
std::string RoleNameList();
std::optional<Role> ParseRole(std::string_view name);
// The role's bit, and the mask of a list of roles (items.role_mask: 0 = every role).
std::int64_t RoleBit(Role r);
std::int64_t RoleMask(const std::vector<Role>& roles);

enum class AuthMethod { kSession, kToken };

struct Principal {
  UserId user_id;
  OrgId org_id;
  std::string email;
  std::string display_name;
  std::vector<Role> roles;
  // Hubs whose secretariat is the principal's organisation.
  std::vector<HubId> secretariat_of;
  AuthMethod method = AuthMethod::kSession;
  std::string csrf_token;    // sessions only
  std::string session_hash;  // sessions only: identifies the session for sign-out
  std::string token_hash;    // tokens only: identifies the token

  bool has(Role r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }
  bool is_admin() const { return has(Role::kAdmin); }
  // Hub staff: a hub analyst whose organisation runs the secretariat of `hub`.
  bool staffs(HubId hub) const {
    return has(Role::kHubAnalyst) &&
           std::find(secretariat_of.begin(), secretariat_of.end(), hub) != secretariat_of.end();
  }
  bool is_government() const {
    return has(Role::kMinistryOfficer) || has(Role::kNationalCentreOfficer);
  }
};

// Where a request comes from: the client's address as the server saw it ("" for none).
struct Origin {
  std::string remote_address;
};

// Who acts and from where: a signed-in principal and the address of their request. The
// HTTP pipeline builds one per signed-in request (Ctx::actor()); services that change
// something or audit a read take it, and the audit entry records both (AuditOf).
struct Actor {
  Principal principal;
  std::string remote_address;

  Origin origin() const { return {remote_address}; }
};

}  // namespace renkei::domain
