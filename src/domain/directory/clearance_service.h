// ClearanceService: security clearances and certified handlers (clearance.h has the rule
// and who manages them). Every change appends an audit row in its transaction; the items
// that require a clearance are sharing's (SharingService, access_policy.h).
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/directory/clearance.h"
#include "domain/principal.h"
#include "domain/transactor.h"

namespace renkei::domain {

// The longest validity a grant or certification may be given: ten years, as the
// suitability assessment (適性評価) lasts.
inline constexpr Millis kMaxClearanceValidity = 10LL * 366 * 24 * 3600 * 1000;

class ClearanceService {
 public:
  ClearanceService(Transactor& tx, const Clock& clock) : tx_(tx), clock_(clock) {}

  // Administrators of the national centre only (403 clearance_admin_only for anyone else).
  Result<std::vector<Clearance>> Clearances(const Principal& p);
  Result<std::vector<Certification>> Certifications(const Principal& p);
  // Grants or renews `user`'s clearance (404 for an unknown user).
  Result<Clearance> Grant(const Actor& actor, UserId user, const std::string& level,
                          Millis valid_until);
  Status Revoke(const Actor& actor, UserId user);
  Result<Certification> Certify(const Actor& actor, OrgId org, Millis valid_until);
  Status Decertify(const Actor& actor, OrgId org);

  // The caller's own standing, and the rank the rule grants now.
  Result<MyClearance> Mine(const Principal& p);
  // Whether `p` manages clearances (the /me flag the web app's menu reads).
  Result<bool> Manages(const Principal& p);

 private:
  Status CheckManager(Stores& s, const Principal& p);
  Status CheckValidity(Millis now, Millis valid_until) const;
  Transactor& tx_;
  const Clock& clock_;
};

// The rank the rule grants: the clearance's level while it and the certification are both
// valid after `now`, else 0. Written once for the service's /me and the tests' oracle; the
// visibility rule itself is SQL (kCleared in sql_sharing_store.cc) over the same columns.
int ClearedLevel(const std::optional<Clearance>& c, const std::optional<Certification>& cert,
                 Millis now);

}  // namespace renkei::domain
