#include "domain/reporting/routing.h"

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
    if (in.hubs.empty()) {
      return Status::Invalid("report_class", "no_hub",
                             "your organisation is not a member of a hub in this sector; file a "
                             "legally required report or ask the hub to register you");
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
      return Status::Invalid("forward_ministry", "no_ministry",
                             "this sector has no competent ministry in the directory");
    }
    Recipient r;
    r.org_id = *in.ministry_org_id;
    r.kind = "ministry";
    out.push_back(r);
  }
  if (legal || (!near_miss && in.forward_national_centre)) {
    if (in.national_centre_orgs.empty()) {
      return Status::Invalid("forward_national_centre", "no_national_centre",
                             "the directory has no national centre");
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
