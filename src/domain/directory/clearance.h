// Security clearances (セキュリティクリアランス, issue 21): a person's clearance and an
// organisation's certification as a handler (適合事業者). Plain values, no JSON, no SQL.
//
// THE rule for information that requires a clearance (written here, for sharing's
// visibility rule, which implements it in its one SQL predicate kVisible — see
// domain/sharing/access_policy.h):
//   a person P "is cleared for level L at instant T" when P holds a clearance of level L
//   or higher whose valid_until is after T, and P's organisation holds a certification
//   whose valid_until is after T.
// Expiry ends it at once: every read compares with its own instant, nothing is cached.
//
// Who manages them (ClearanceService): administrators of a national-centre organisation
// (Role::kAdmin in an organisation of kind national_centre) grant, renew and revoke
// clearances and certifications, each audited; nobody else, administrators of other
// organisations included (403 for what they can see, the list itself is theirs only).
// A person sees their own clearance and whether their organisation is certified
// (GET /me); nobody else sees anyone's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"

namespace renkei::domain {

// The levels as stored (user_clearances.level, items.clearance) and named in the API, from
// the lowest; a higher level covers the lower ones. Pinned like kRoleCodes: migration
// 0020's checks hold the ranks. 0 in items.clearance means "no clearance required".
struct ClearanceCode {
  int rank;
  const char* name;
  const char* name_ja;
  const char* name_en;
};
inline constexpr ClearanceCode kClearanceLevels[] = {
    {1, "confidential", "重要経済安保情報（コンフィデンシャル級）", "Confidential"},
    {2, "secret", "特定秘密（シークレット級以上）", "Secret and above"},
};
// The level's code for a rank (nullptr for 0 or an unknown rank), and the rank of a name.
const ClearanceCode* ClearanceOf(int rank);
std::optional<int> ParseClearance(std::string_view name);
// "confidential, secret" (the message of an unknown level).
std::string ClearanceNameList();

struct Clearance {
  UserId user_id;
  int level = 0;  // rank
  Millis valid_until = 0;
  UserId granted_by;
  Millis granted_at = 0;
  // read-only, joined for the administrators' list
  std::string user_name, user_email;
  OrgId org_id;
  std::string org_name_ja, org_name_en;
};

struct Certification {
  OrgId org_id;
  Millis valid_until = 0;
  UserId certified_by;
  Millis certified_at = 0;
  std::string org_name_ja, org_name_en;  // read-only, joined
};

// The caller's own standing (GET /me): the clearance held and whether it counts now.
struct MyClearance {
  std::optional<Clearance> clearance;
  std::optional<Certification> certification;
  int cleared_level = 0;  // the rank the rule grants at this instant (0: none)
};

}  // namespace renkei::domain
