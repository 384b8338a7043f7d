#include "domain/sharing/access_policy.h"

#include <algorithm>

#include "core/error_codes.h"
#include "domain/validation.h"

namespace renkei::domain {

const char* TlpName(Tlp t) {
  for (const TlpCode& c : kTlpCodes) {
    if (c.tlp == t) return c.name;
  }
  return "RED";
}

std::optional<Tlp> ParseTlp(std::string_view name) {
  for (const TlpCode& c : kTlpCodes) {
    if (name == c.name) return c.tlp;
  }
  return std::nullopt;
}

Viewer AccessPolicy::ViewerOf(const Principal& p, Millis now) {
  return Viewer{p.user_id, p.org_id, RoleMask(p.roles), now};
}

namespace {
bool PublishesEveryKind(const Principal& p, const std::string& org_kind) {
  return p.has(Role::kHubAnalyst) || p.is_government() || org_kind == "analysis_centre";
}
}  // namespace

bool AccessPolicy::IsPublisher(const Principal& p, const std::string& org_kind) {
  for (Role r : kPublisherRoles)
    if (p.has(r)) return true;
  for (const char* k : kPublisherOrgKinds)
    if (org_kind == k) return true;
  return false;
}

const char* ItemStateName(ItemState s) {
  for (const ItemStateCode& c : kItemStates) {
    if (c.state == s) return c.name;
  }
  return "draft";
}

std::optional<ItemState> ParseItemState(std::string_view name) {
  for (const ItemStateCode& c : kItemStates) {
    if (name == c.name) return c.state;
  }
  return std::nullopt;
}

Status AccessPolicy::CheckPublish(const Principal& p, const std::string& org_kind,
                                  const std::string& item_kind, bool urgent) {
  const bool staff = PublishesEveryKind(p, org_kind);
  if (!IsPublisher(p, org_kind)) {
    return err::PublishForbidden();
  }
  if (!staff && item_kind != "advisory") {
    return err::VendorAdvisoriesOnly().with_field("kind");
  }
  if (urgent && !p.has(Role::kNationalCentreOfficer)) {
    return err::UrgentNationalCentreOnly().with_field("urgent");
  }
  return Status::Ok();
}

Status AccessPolicy::CheckSupplyChainNotice(Tlp tlp, const Audience& a, bool is_public,
                                            bool urgent) {
  if (tlp != Tlp::kGreen && tlp != Tlp::kAmber && tlp != Tlp::kAmberStrict)
    return err::DeskShareLabel().with_field("tlp");
  if (a.org_ids.empty() || !a.sector_ids.empty() || !a.hub_ids.empty() || !a.user_ids.empty() ||
      is_public || urgent)
    return err::DeskShareNeedsOperators().with_field("operators");
  return Status::Ok();
}

bool AccessPolicy::CanManage(const Principal& p, const Item& item, bool can_publish) {
  if (p.user_id == item.author_id) return true;
  return item.tlp != Tlp::kRed && can_publish && p.org_id == item.sender_org_id;
}

bool AccessPolicy::NeedsApproval(Tlp tlp, bool org_requires_approval) {
  return org_requires_approval && (tlp == Tlp::kAmberStrict || tlp == Tlp::kRed);
}

bool AccessPolicy::CanApprove(const Principal& p, const Item& item, bool can_publish) {
  return item.state == ItemState::kPendingApproval && can_publish &&
         p.org_id == item.sender_org_id && p.user_id != item.author_id;
}

bool AccessPolicy::CanSeeAudience(const Principal& p, const Item&, bool can_manage) {
  return can_manage || p.has(Role::kHubAnalyst);
}

Status AccessPolicy::CheckAudience(Tlp tlp, const Audience& a, bool is_public, bool mail_text) {
  const std::string label = std::string("TLP:") + TlpName(tlp);
  auto mismatch = [&](const char* field, Status (*why)(ErrorArg)) {
    return why(label).with_field(field);
  };
  if (is_public && tlp != Tlp::kClear) return mismatch("public", err::PublicNeedsClear);
  if (mail_text && tlp != Tlp::kClear && tlp != Tlp::kGreen) {
    return mismatch("mail_text", err::MailTextNeedsClearOrGreen);
  }
  if (tlp != Tlp::kRed && !a.user_ids.empty()) {
    return mismatch("audience.user_ids", err::PeopleForRedOnly);
  }
  switch (tlp) {
    case Tlp::kClear:
      return Status::Ok();
    case Tlp::kGreen:
    case Tlp::kAmber:
      if (a.sector_ids.empty() && a.hub_ids.empty() && a.org_ids.empty()) {
        return mismatch("audience", err::AudienceEmpty);
      }
      return Status::Ok();
    case Tlp::kAmberStrict:
      if (!a.sector_ids.empty()) {
        return mismatch("audience.sector_ids", err::StrictNoSectors);
      }
      if (!a.hub_ids.empty()) {
        return mismatch("audience.hub_ids", err::StrictNoHubs);
      }
      if (a.org_ids.empty()) return mismatch("audience.org_ids", err::StrictNeedsOrgs);
      return Status::Ok();
    case Tlp::kRed:
      if (!a.sector_ids.empty() || !a.hub_ids.empty() || !a.org_ids.empty()) {
        return mismatch("audience", err::RedPeopleOnly);
      }
      if (!a.roles.empty()) return mismatch("audience.roles", err::RedNoRoles);
      if (a.user_ids.empty()) return mismatch("audience.user_ids", err::RedNeedsPeople);
      return Status::Ok();
  }
  return Status::Ok();
}

Status AccessPolicy::CanRelay(const Principal& p, bool publisher) {
  if (publisher || p.has(Role::kMember)) return Status::Ok();
  return err::RelayForbidden();
}

Status AccessPolicy::CheckRelayLabel(Tlp original, Tlp relayed) {
  if (original == Tlp::kRed) return err::RelayRedNever();
  if (relayed == Tlp::kRed) return err::RelayAsRed().with_field("tlp");
  if (static_cast<int>(relayed) < static_cast<int>(original)) {
    return err::RelayLabelWidened(std::string("TLP:") + TlpName(original)).with_field("tlp");
  }
  return Status::Ok();
}

Status AccessPolicy::CheckRelayAudience(const Principal& p, bool publisher, const Audience& a,
                                        const std::vector<Sector>& sectors,
                                        const std::vector<Hub>& hubs,
                                        const std::vector<Organisation>& orgs) {
  // The relayer's chain: the hubs it staffs, the sectors it oversees (publishers only).
  const std::vector<HubId> staffed =
      publisher && p.has(Role::kHubAnalyst) ? p.secretariat_of : std::vector<HubId>{};
  const std::vector<std::string> overseen =
      publisher ? OverseenSectors(p, sectors) : std::vector<std::string>{};
  auto overseen_any = [&](const std::vector<std::string>& ids) {
    return std::any_of(ids.begin(), ids.end(), [&](const std::string& id) {
      return std::find(overseen.begin(), overseen.end(), id) != overseen.end();
    });
  };
  auto staffed_any = [&](const std::vector<HubId>& ids) {
    return std::any_of(ids.begin(), ids.end(), [&](HubId id) {
      return std::find(staffed.begin(), staffed.end(), id) != staffed.end();
    });
  };
  auto outside = [](const std::string& field, size_t i) {
    return err::RelayOutsideChain().with_field(field + "[" + std::to_string(i) + "]");
  };
  for (size_t i = 0; i < a.sector_ids.size(); ++i) {
    if (!overseen_any({a.sector_ids[i]})) return outside("audience.sector_ids", i);
  }
  for (size_t i = 0; i < hubs.size(); ++i) {
    if (!staffed_any({hubs[i].id}) && !overseen_any(hubs[i].sector_ids)) {
      return outside("audience.hub_ids", i);
    }
  }
  for (size_t i = 0; i < orgs.size(); ++i) {
    const Organisation& o = orgs[i];
    if (o.id != p.org_id && !staffed_any(o.hub_ids) && !overseen_any(o.sector_ids)) {
      return outside("audience.org_ids", i);
    }
  }
  return Status::Ok();
}

}  // namespace renkei::domain
