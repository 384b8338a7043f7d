// Where a report goes, by class (the routing table of the reporting window):
//   legal      → the sector's competent ministry and the national centre
//   serious,   → the hubs the reporter belongs to, and on to the ministry and/or the
//   other        national centre where the reporter ticks it
//   near_miss  → the hubs' secretariats only (they may pass it on anonymised)
// An SME enrolled with a support desk: its desk stands where the hubs stand (an SME outside
// every sector reports in the sector of an operator it supplies, ReportingService).
#pragma once

#include <vector>

#include "core/status.h"
#include "domain/directory/directory.h"
#include "domain/reporting/reporting.h"

namespace renkei::domain {

struct RoutingInput {
  std::string report_class;
  bool forward_ministry = false;
  bool forward_national_centre = false;
  std::optional<OrgId> ministry_org_id;     // the sector's competent ministry
  std::vector<OrgId> national_centre_orgs;  // organisations of kind national_centre
  std::vector<Hub> hubs;                    // hubs the reporter is a member of, in the sector
  std::optional<OrgId> desk_org_id;         // an SME's support desk provider
};

// The recipients, or 400 when the class needs a recipient the directory does not have
// (a sector without a competent ministry, a reporter in no hub).
Result<std::vector<Recipient>> Route(const RoutingInput& in);

}  // namespace renkei::domain
