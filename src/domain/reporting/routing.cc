#include "domain/reporting/routing.h"

#include "core/error_codes.h"

namespace renkei::domain {

Role Recipient::role() const {
  for (const RecipientKind& k : kRecipientKinds) {
    if (kind == k.name) return k.role;
  }
  return Role::kMember;
}

Result<std::vector<Recipient>> Route(const RoutingInput& in) {
  std::vector<Recipient> out;
  const bool legal = in.report_class == "legal";
  const bool near_miss = in.report_class == "near_miss";
  if (!legal) {
    if (in.hubs.empty() && !in.desk_org_id) {
      return err::NoHub().with_field("report_class");
    }
    if (in.desk_org_id) {
      Recipient r;
      r.org_id = *in.desk_org_id;
      r.kind = "desk";
      out.push_back(r);
    }
    for (const auto& h : in.hubs) {
      Recipient r;
      r.org_id = h.secretariat_org_id;
      r.kind = "hub";
      r.hub_id = h.id;
      out.push_back(r);
    }
  }
  if (legal || (!near_miss && in.forward_ministry)) {
    if (!in.ministry_org_id) {
      return err::NoMinistry().with_field("forward_ministry");
    }
    Recipient r;
    r.org_id = *in.ministry_org_id;
    r.kind = "ministry";
    out.push_back(r);
  }
  if (legal || (!near_miss && in.forward_national_centre)) {
    if (in.national_centre_orgs.empty()) {
      return err::NoNationalCentre().with_field("forward_national_centre");
    }
    for (OrgId org : in.national_centre_orgs) {
      Recipient r;
      r.org_id = org;
      r.kind = "national_centre";
      out.push_back(r);
    }
  }
  return out;
}

}  // namespace renkei::domain
