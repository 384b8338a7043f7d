#include "domain/sharing/sharing_service.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "core/crypto.h"
#include "core/error_codes.h"
#include "domain/audit/audit.h"
#include "domain/directory/clearance_service.h"
#include "domain/directory/directory.h"
#include "domain/directory/directory_store.h"
#include "domain/export.h"
#include "domain/sharing/mail.h"
#include "domain/sharing/sharing_store.h"
#include "domain/validation.h"

namespace renkei::domain {
namespace {

constexpr const char* kItemScopes[] = {"inbox", "all", "sent", "drafts", "pending"};

constexpr Millis kHour = 3600 * 1000;

// Reads of AMBER, AMBER+STRICT and RED items (and their files) by anyone but the
// author go to the audit trail; of what requires a clearance, every read, the author's too.
bool ReadIsAudited(const Item& item, const Principal& p) {
  if (item.clearance != 0) return true;
  const bool restricted =
      item.tlp == Tlp::kAmber || item.tlp == Tlp::kAmberStrict || item.tlp == Tlp::kRed;
  return restricted && p.user_id != item.author_id;
}

// An audited read's detail: the label, the reader's organisation, the clearance the item
// requires (if any), and what was read besides the item (`extra`).
AuditFields ReadDetail(const Item& item, const Principal& p, AuditFields extra) {
  AuditFields out{{"tlp", TlpName(item.tlp)}, {"org_id", p.org_id.value}};
  if (const ClearanceCode* level = ClearanceOf(item.clearance))
    out.push_back({"clearance", level->name});
  for (auto& f : extra) out.push_back(std::move(f));
  return out;
}

}  // namespace

Millis NextDigestAt(Millis now) {
  constexpr Millis kDay = 24 * kHour;
  constexpr Millis kJst = 9 * kHour;
  const Millis local_midnight = (now + kJst) / kDay * kDay - kJst;
  Millis at = local_midnight + 8 * kHour;
  if (at <= now) at += kDay;
  return at;
}

Status ValidateContent(const ItemContent& c) {
  RENKEI_RETURN_IF_ERROR(CheckText(c.title, "title", 200, true));
  RENKEI_RETURN_IF_ERROR(CheckText(c.body, "body", 50000, true, true));
  RENKEI_RETURN_IF_ERROR(CheckText(c.action_requested, "action_requested", 2000, false, true));
  if (c.action_due_at && c.action_requested.empty()) {
    return err::DueWithoutAction().with_field("action_due_at");
  }
  if (c.cve_ids.size() > 100) return err::TooMany(100).with_field("cve_ids");
  static const std::regex kCve("CVE-[0-9]{4}-[0-9]{4,7}");
  for (size_t i = 0; i < c.cve_ids.size(); ++i) {
    if (!std::regex_match(c.cve_ids[i], kCve)) {
      return err::InvalidCve(c.cve_ids[i]).with_field("cve_ids[" + std::to_string(i) + "]");
    }
  }
  if (c.affected_products.size() > 100) {
    return err::TooMany(100).with_field("affected_products");
  }
  for (size_t i = 0; i < c.affected_products.size(); ++i) {
    RENKEI_RETURN_IF_ERROR(CheckText(c.affected_products[i],
                                     "affected_products[" + std::to_string(i) + "]", 200, true));
  }
  RENKEI_RETURN_IF_ERROR(CheckText(c.detection, "detection", 20000, false, true));
  RENKEI_RETURN_IF_ERROR(CheckText(c.mitigation, "mitigation", 20000, false, true));
  return Status::Ok();
}

void SharingService::Announce(ItemId id, const char* type) const {
  if (events_) events_->Publish(Event{kItemSubject, id.value, type});
}

Result<bool> IsPublisher(Stores& s, const Principal& p) {
  RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(p.org_id));
  return AccessPolicy::IsPublisher(p, org ? org->kind : "");
}

Result<Item> SharingService::Visible(Stores& s, const Principal& p, ItemId id) {
  RENKEI_ASSIGN_OR_RETURN(auto item,
                          s.sharing.GetVisibleItem(id, AccessPolicy::ViewerOf(p, clock_.now_ms())));
  if (!item) return err::ItemNotFound();
  return std::move(*item);
}

Result<Item> SharingService::Managed(Stores& s, const Principal& p, bool publisher, ItemId id) {
  RENKEI_ASSIGN_OR_RETURN(auto item, Visible(s, p, id));
  if (!AccessPolicy::CanManage(p, item, publisher)) {
    return err::NotItemSender();
  }
  return item;
}

Result<Item> SharingService::Changeable(Stores& s, const Principal& p, bool publisher, ItemId id,
                                        Status (*if_withdrawn)()) {
  RENKEI_ASSIGN_OR_RETURN(auto item, Managed(s, p, publisher, id));
  if (item.state == ItemState::kPendingApproval) return err::ItemPendingApproval();
  if (item.state != ItemState::kPublished) return err::ItemIsDraft();
  if (item.withdrawn) return if_withdrawn();
  return item;
}

Result<ItemView> SharingService::ViewOf(Stores& s, const Principal& p, bool publisher, Item item) {
  ItemView v;
  v.can_manage = AccessPolicy::CanManage(p, item, publisher);
  v.can_approve = AccessPolicy::CanApprove(p, item, publisher);
  v.can_see_audience = AccessPolicy::CanSeeAudience(p, item, v.can_manage || v.can_approve);
  v.is_recipient = item.my_delivered_at.has_value();
  v.can_relay = v.is_recipient && item.state == ItemState::kPublished && !item.withdrawn &&
                item.exercise_id == 0 && item.clearance == 0 && item.tlp != Tlp::kRed &&
                item.relay_depth < static_cast<int>(kMaxRelayDepth) &&
                AccessPolicy::CanRelay(p, publisher).ok();
  if (item.relayed_from) {
    // The chain's senders by name to everyone who sees this item; each item's id only to
    // a viewer the visibility rule lets see it.
    RENKEI_ASSIGN_OR_RETURN(auto chain, s.sharing.RelayChain(item.id));
    const std::vector<Viewer> viewer{AccessPolicy::ViewerOf(p, clock_.now_ms())};
    for (const RelayLink& l : chain) {
      ProvenanceLink out{std::nullopt, l.sender_name_ja, l.sender_name_en, l.published_at};
      if (l.item_id == item.id) {
        out.item_id = l.item_id;
      } else {
        RENKEI_ASSIGN_OR_RETURN(auto seen, s.sharing.SeenBy(l.item_id, viewer));
        if (!seen.empty() && seen[0]) out.item_id = l.item_id;
      }
      v.provenance.push_back(std::move(out));
    }
  }
  RENKEI_ASSIGN_OR_RETURN(v.attachments, s.sharing.ListAttachments(item.id));
  RENKEI_ASSIGN_OR_RETURN(v.indicators, s.sharing.ListIndicators(item.id));
  if (!v.can_see_audience) item.audience = Audience{};
  for (OrgId id : item.audience.org_ids) {
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(id));
    if (org) v.audience_orgs.push_back(AudienceName{id.value, org->name_ja, org->name_en});
  }
  if (v.can_manage || v.can_approve) {
    for (UserId id : item.audience.user_ids) {
      RENKEI_ASSIGN_OR_RETURN(auto user, s.directory.GetUser(id));
      if (user) v.audience_users.push_back(AudienceName{id.value, user->display_name, ""});
    }
  }
  v.item = std::move(item);
  return v;
}

Result<PublishResult> SharingService::Publish(const Actor& actor, const NewItem& in,
                                              const WithinPublish& within) {
  RENKEI_ASSIGN_OR_RETURN(auto out, PublishAs(TxMode::kWrite, actor, &in, within));
  if (out.view.item.state != ItemState::kPublished) return out;  // awaiting approval
  if (out.counts.mails > 0) Notify();
  Announce(out.view.item.id, "published");
  return out;
}

Result<Reach> SharingService::Rehearse(const Actor& actor, const NewItem& in) {
  RENKEI_ASSIGN_OR_RETURN(auto out, PublishAs(TxMode::kRehearse, actor, &in, {}));
  return out.reach;
}

Result<PublishResult> SharingService::PublishDraft(const Actor& actor, ItemId id) {
  RENKEI_ASSIGN_OR_RETURN(auto out, PublishAs(TxMode::kWrite, actor, nullptr, {}, id));
  if (out.view.item.state != ItemState::kPublished) return out;  // awaiting approval
  if (out.counts.mails > 0) Notify();
  Announce(id, "published");
  return out;
}

Result<PublishResult> SharingService::Approve(const Actor& actor, ItemId id) {
  RENKEI_ASSIGN_OR_RETURN(auto out, PublishAs(TxMode::kWrite, actor, nullptr, {}, id, true));
  if (out.counts.mails > 0) Notify();
  Announce(id, "published");
  return out;
}

Result<Reach> SharingService::RehearseApproval(const Actor& actor, ItemId id) {
  RENKEI_ASSIGN_OR_RETURN(auto out, PublishAs(TxMode::kRehearse, actor, nullptr, {}, id, true));
  return out.reach;
}

Result<Item> SharingService::Awaiting(Stores& s, const Principal& p, ItemId id) {
  RENKEI_ASSIGN_OR_RETURN(auto item, Visible(s, p, id));
  if (item.state != ItemState::kPendingApproval) return err::ItemNotPending();
  if (item.author_id == p.user_id) return err::ApproveOwnItem();
  RENKEI_ASSIGN_OR_RETURN(bool publisher, IsPublisher(s, p));
  if (!AccessPolicy::CanApprove(p, item, publisher)) return err::NotApprover();
  return item;
}

Result<ItemView> SharingService::Return(const Actor& actor, ItemId id, const std::string& reason) {
  const Principal& p = actor.principal;
  RENKEI_RETURN_IF_ERROR(CheckText(reason, "reason", 500, true, true));
  const Millis now = clock_.now_ms();
  ItemView out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(Awaiting(s, p, id).status());
    RENKEI_RETURN_IF_ERROR(s.sharing.BackToDraft(id, now, reason));
    // The reason is the author's to read; the audit log keeps only that one was given.
    RENKEI_RETURN_IF_ERROR(s.audit.Append(AuditOf(actor, now, "item.return", "item", id.value)));
    // What the approver just read, as it is now (a RED draft is its author's alone: the
    // approver's next read answers 404).
    RENKEI_ASSIGN_OR_RETURN(auto stored, s.sharing.LoadItem(id));
    if (!stored) return err::ItemNotFound();
    RENKEI_ASSIGN_OR_RETURN(out, ViewOf(s, p, /*publisher=*/true, std::move(*stored)));
    return Status::Ok();
  }));
  return out;
}

Result<ItemView> SharingService::Recall(const Actor& actor, ItemId id) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  ItemView out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto item, Visible(s, p, id));
    if (item.state != ItemState::kPendingApproval) return err::ItemNotPending();
    if (item.author_id != p.user_id) return err::RecallNotAuthor();
    RENKEI_RETURN_IF_ERROR(s.sharing.BackToDraft(id, now, std::nullopt));
    RENKEI_RETURN_IF_ERROR(s.audit.Append(AuditOf(actor, now, "item.recall", "item", id.value)));
    RENKEI_ASSIGN_OR_RETURN(auto stored, Visible(s, p, id));
    RENKEI_ASSIGN_OR_RETURN(bool publisher, IsPublisher(s, p));
    RENKEI_ASSIGN_OR_RETURN(out, ViewOf(s, p, publisher, std::move(stored)));
    return Status::Ok();
  }));
  return out;
}

Result<std::optional<std::int64_t>> SharingService::AwaitingApproval(const Principal& p) {
  std::optional<std::int64_t> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(p.org_id));
    if (!org || !org->requires_approval || !AccessPolicy::IsPublisher(p, org->kind))
      return Status::Ok();
    RENKEI_ASSIGN_OR_RETURN(
        out, s.sharing.CountAwaitingApproval(AccessPolicy::ViewerOf(p, clock_.now_ms())));
    return Status::Ok();
  }));
  return out;
}

Result<Reach> SharingService::RehearseDraft(const Actor& actor, ItemId id) {
  RENKEI_ASSIGN_OR_RETURN(auto out, PublishAs(TxMode::kRehearse, actor, nullptr, {}, id));
  return out.reach;
}

Result<Item> SharingService::Draft(Stores& s, const Principal& p, ItemId id) {
  RENKEI_ASSIGN_OR_RETURN(bool publisher, IsPublisher(s, p));
  RENKEI_ASSIGN_OR_RETURN(auto item, Managed(s, p, publisher, id));
  if (item.state == ItemState::kPublished) return err::ItemNotDraft();
  if (item.state == ItemState::kPendingApproval) return err::ItemPendingApproval();
  return item;
}

namespace {
Item ItemOf(const NewItem& in) {
  Item item;
  item.kind = in.kind;
  item.tlp = in.tlp;
  item.is_public = in.is_public;
  item.urgent = in.urgent;
  item.mail_text = in.mail_text;
  item.clearance = in.clearance;
  item.content = in.content;
  item.audience = in.audience;
  item.exercise_id = in.exercise_id;
  return item;
}
NewItem NewItemOf(const Item& item) {
  NewItem in;
  in.kind = item.kind;
  in.tlp = item.tlp;
  in.is_public = item.is_public;
  in.urgent = item.urgent;
  in.mail_text = item.mail_text;
  in.clearance = item.clearance;
  in.content = item.content;
  in.audience = item.audience;
  in.exercise_id = item.exercise_id;
  return in;
}
}  // namespace

Result<ItemView> SharingService::SaveDraft(const Actor& actor, const NewItem& in) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  ItemView out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(CheckNewItem(s, p, in, /*draft=*/true));
    Item item = ItemOf(in);
    item.state = ItemState::kDraft;
    item.author_id = p.user_id;
    item.sender_org_id = p.org_id;
    item.published_at = item.updated_at = now;
    RENKEI_ASSIGN_OR_RETURN(item.id, s.sharing.CreateItem(item));
    if (!in.indicators.empty())
      RENKEI_RETURN_IF_ERROR(s.sharing.AddIndicators(item.id, in.indicators));
    RENKEI_RETURN_IF_ERROR(s.audit.Append(AuditOf(actor, now, "item.draft", "item", item.id.value,
                                                  {{"tlp", TlpName(in.tlp)}, {"kind", in.kind}})));
    RENKEI_ASSIGN_OR_RETURN(auto stored, Visible(s, p, item.id));
    RENKEI_ASSIGN_OR_RETURN(out, ViewOf(s, p, /*publisher=*/true, std::move(stored)));
    return Status::Ok();
  }));
  return out;
}

Result<ItemView> SharingService::UpdateDraft(const Actor& actor, ItemId id, const NewItem& in) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  ItemView out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto draft, Draft(s, p, id));
    RENKEI_RETURN_IF_ERROR(CheckNewItem(s, p, in, /*draft=*/true));
    Item item = ItemOf(in);
    item.id = id;
    item.author_id = draft.author_id;
    item.updated_at = now;
    RENKEI_RETURN_IF_ERROR(s.sharing.ReplaceDraft(item));
    RENKEI_RETURN_IF_ERROR(s.audit.Append(
        AuditOf(actor, now, "item.draft_update", "item", id.value, {{"tlp", TlpName(in.tlp)}})));
    RENKEI_ASSIGN_OR_RETURN(auto stored, Visible(s, p, id));
    RENKEI_ASSIGN_OR_RETURN(out, ViewOf(s, p, /*publisher=*/true, std::move(stored)));
    return Status::Ok();
  }));
  return out;
}

Status SharingService::CheckNewItem(Stores& s, const Principal& p, const NewItem& in, bool draft) {
  RENKEI_RETURN_IF_ERROR(CheckOneOf(in.kind, "kind", kItemKinds));
  RENKEI_RETURN_IF_ERROR(ValidateContent(in.content));
  if (in.exercise_id != 0 &&
      (draft || in.is_public || in.urgent || in.tlp == Tlp::kClear || in.tlp == Tlp::kRed ||
       !in.content.title.starts_with(kExerciseMark))) {
    // Only ExerciseService makes exercise items, and always marked and contained.
    return err::Internal().with_note("exercise item not marked or not contained");
  }
  if (in.clearance != 0) {
    // What requires a clearance (access_policy.h): a known level, never CLEAR, public or
    // mailed with its text, never an exercise's or the desk's, and sent only by someone
    // cleared for it now.
    if (!ClearanceOf(in.clearance))
      return err::ClearanceLevelUnknown(ClearanceNameList()).with_field("clearance");
    if (in.tlp == Tlp::kClear || in.is_public)
      return err::ClearanceNeedsLabel().with_field(in.is_public ? "is_public" : "tlp");
    if (in.mail_text) return err::ClearanceNoMailText().with_field("mail_text");
    if (in.exercise_id != 0 || in.kind == kSupplyChainNotice)
      return err::Internal().with_note("exercise or desk item requiring a clearance");
    RENKEI_ASSIGN_OR_RETURN(auto mine, s.directory.GetClearance(p.user_id));
    RENKEI_ASSIGN_OR_RETURN(auto cert, s.directory.GetCertification(p.org_id));
    if (ClearedLevel(mine, cert, clock_.now_ms()) < in.clearance)
      return err::ClearanceSenderNotCleared().with_field("clearance");
  }
  if (!draft || !in.audience.empty() || in.is_public) {
    RENKEI_RETURN_IF_ERROR(
        AccessPolicy::CheckAudience(in.tlp, in.audience, in.is_public, in.mail_text));
  }
  if (in.audience.sector_ids.size() + in.audience.hub_ids.size() + in.audience.org_ids.size() >
          1000 ||
      in.audience.user_ids.size() > 100) {
    return err::AudienceTooMany().with_field("audience");
  }
  if (in.kind == kSupplyChainNotice || in.desk_ticket_id != 0) {
    // Only the desk sends these, after its own rule chose the audience (the SME's customers).
    if (in.kind != kSupplyChainNotice || in.desk_ticket_id == 0 || draft)
      return err::SupplyChainNoticeFromDesk().with_field("kind");
    RENKEI_RETURN_IF_ERROR(
        AccessPolicy::CheckSupplyChainNotice(in.tlp, in.audience, in.is_public, in.urgent));
  } else {
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(p.org_id));
    RENKEI_RETURN_IF_ERROR(AccessPolicy::CheckPublish(p, org ? org->kind : "", in.kind, in.urgent));
  }
  // Every named sector, hub, organisation and person must exist.
  RENKEI_ASSIGN_OR_RETURN(auto sectors, s.directory.ListSectors());
  for (size_t i = 0; i < in.audience.sector_ids.size(); ++i) {
    const auto& id = in.audience.sector_ids[i];
    if (std::find(in.audience.sector_ids.begin(), in.audience.sector_ids.begin() + i, id) !=
        in.audience.sector_ids.begin() + i)
      return err::Duplicate(id).with_field("audience.sector_ids[" + std::to_string(i) + "]");
    if (std::none_of(sectors.begin(), sectors.end(), [&](const Sector& x) { return x.id == id; }))
      return err::UnknownSector(id).with_field("audience.sector_ids[" + std::to_string(i) + "]");
  }
  // Each named hub, organisation and person must exist (and be active).
  // `unknown` is the error for an id that does not exist.
  auto check_all = [](const auto& ids, const char* field, auto unknown, auto exists) -> Status {
    std::set<std::int64_t> seen;
    for (size_t i = 0; i < ids.size(); ++i) {
      const std::string at = std::string(field) + "[" + std::to_string(i) + "]";
      if (!seen.insert(ids[i].value).second) return err::Duplicate(ids[i].value).with_field(at);
      RENKEI_ASSIGN_OR_RETURN(bool ok, exists(ids[i]));
      if (!ok) return unknown(ids[i].value).with_field(at);
    }
    return Status::Ok();
  };
  RENKEI_RETURN_IF_ERROR(check_all(
      in.audience.hub_ids, "audience.hub_ids", [](std::int64_t id) { return err::UnknownHub(id); },
      [&](HubId id) -> Result<bool> {
        RENKEI_ASSIGN_OR_RETURN(auto h, s.directory.GetHub(id));
        return h.has_value();
      }));
  RENKEI_RETURN_IF_ERROR(check_all(
      in.audience.org_ids, "audience.org_ids",
      [](std::int64_t) { return err::UnknownOrganisation(); },
      [&](OrgId id) -> Result<bool> {
        RENKEI_ASSIGN_OR_RETURN(auto o, s.directory.GetOrganisation(id));
        return o && o->active;
      }));
  RENKEI_RETURN_IF_ERROR(check_all(
      in.audience.user_ids, "audience.user_ids", [](std::int64_t) { return err::UnknownUser(); },
      [&](UserId id) -> Result<bool> {
        RENKEI_ASSIGN_OR_RETURN(auto u, s.directory.GetUser(id));
        return u && u->active;
      }));
  return Status::Ok();
}

Result<PublishResult> SharingService::PublishAs(TxMode mode, const Actor& actor, const NewItem* in,
                                                const WithinPublish& within, ItemId draft,
                                                bool approve) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  PublishResult out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(mode, [&](Stores& s) -> Status {
    Item item;
    NewItem stored;
    if (draft.valid()) {
      if (approve) {
        RENKEI_ASSIGN_OR_RETURN(item, Awaiting(s, p, draft));
      } else {
        RENKEI_ASSIGN_OR_RETURN(item, Draft(s, p, draft));
      }
      stored = NewItemOf(item);
      in = &stored;
    }
    RENKEI_RETURN_IF_ERROR(CheckNewItem(s, p, *in, /*draft=*/false));
    // 決裁: an item that needs approval is stored awaiting it and reaches nobody yet; a
    // rehearsal goes on to count whom it will reach once approved.
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(p.org_id));
    const bool needs_approval =
        !approve && AccessPolicy::NeedsApproval(in->tlp, org && org->requires_approval);
    // The request is the author's (起案): a colleague who may publish the draft does not
    // submit it, so that no one both submits and approves.
    if (needs_approval && draft.valid() && item.author_id != p.user_id)
      return err::SubmitNotAuthor();
    const bool to_approval = needs_approval && mode == TxMode::kWrite;
    out.reach.needs_approval = needs_approval;
    if (draft.valid()) {
      RENKEI_RETURN_IF_ERROR(to_approval ? s.sharing.SubmitForApproval(item.id, now)
                                         : s.sharing.MarkPublished(item.id, now));
    } else {
      item = ItemOf(*in);
      item.state = to_approval ? ItemState::kPendingApproval : ItemState::kPublished;
      item.author_id = p.user_id;
      item.sender_org_id = p.org_id;
      item.published_at = item.updated_at = now;
      RENKEI_ASSIGN_OR_RETURN(item.id, s.sharing.CreateItem(item));
      if (!in->indicators.empty())
        RENKEI_RETURN_IF_ERROR(s.sharing.AddIndicators(item.id, in->indicators));
    }
    if (!to_approval) {
      RENKEI_ASSIGN_OR_RETURN(out.counts, s.sharing.FanOut(item.id, now, NextDigestAt(now)));
    }
    if (mode == TxMode::kRehearse) {
      RENKEI_ASSIGN_OR_RETURN(out.reach, s.sharing.CountReach(item.id));
      out.reach.mails = out.counts.mails;
      out.reach.needs_approval = needs_approval;
    }
    if (within) RENKEI_RETURN_IF_ERROR(within(s, item));
    const char* action = to_approval ? "item.submit_for_approval"
                         : approve   ? "item.approve"
                                     : "item.publish";
    AuditFields detail = {{"tlp", TlpName(in->tlp)}, {"kind", in->kind}};
    if (!to_approval) {
      detail.emplace_back("organisations", out.counts.organisations);
      detail.emplace_back("deliveries", out.counts.deliveries);
    }
    if (!approve) detail.emplace_back("from_draft", draft.valid());
    if (approve) detail.emplace_back("author_user_id", item.author_id.value);
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(actor, now, action, "item", item.id.value, std::move(detail))));
    if (approve) {
      // The approver read it to approve it; once published, a RED item is its named
      // people's and its author's (the approver's next read answers 404).
      RENKEI_ASSIGN_OR_RETURN(auto published, s.sharing.LoadItem(item.id));
      if (!published) return err::ItemNotFound();
      RENKEI_ASSIGN_OR_RETURN(out.view, ViewOf(s, p, /*publisher=*/true, std::move(*published)));
      return Status::Ok();
    }
    RENKEI_ASSIGN_OR_RETURN(auto visible, Visible(s, p, item.id));
    RENKEI_ASSIGN_OR_RETURN(out.view, ViewOf(s, p, /*publisher=*/true, std::move(visible)));
    return Status::Ok();
  }));
  return out;
}

Result<ItemView> SharingService::Revise(const Actor& actor, ItemId id, const ItemContent& content,
                                        const std::string& note) {
  std::int64_t queued = 0;
  RENKEI_ASSIGN_OR_RETURN(auto out,
                          ReviseAs(TxMode::kWrite, actor, id, content, note, nullptr, queued));
  if (queued > 0) Notify();
  Announce(id, "revised");
  return out;
}

Result<Reach> SharingService::RehearseRevision(const Actor& actor, ItemId id,
                                               const ItemContent& content,
                                               const std::string& note) {
  Reach reach;
  std::int64_t queued = 0;
  RENKEI_RETURN_IF_ERROR(
      ReviseAs(TxMode::kRehearse, actor, id, content, note, &reach, queued).status());
  return reach;
}

Result<ItemView> SharingService::ReviseAs(TxMode mode, const Actor& actor, ItemId id,
                                          const ItemContent& content, const std::string& note,
                                          Reach* reach, std::int64_t& queued) {
  const Principal& p = actor.principal;
  RENKEI_RETURN_IF_ERROR(ValidateContent(content));
  RENKEI_RETURN_IF_ERROR(CheckText(note, "note", 500, false));
  const Millis now = clock_.now_ms();
  ItemView out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(mode, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(bool publisher, IsPublisher(s, p));
    RENKEI_ASSIGN_OR_RETURN(auto item, Changeable(s, p, publisher, id, err::WithdrawnNoRevision));
    ItemVersion v;
    v.version = item.version + 1;
    v.content = content;
    v.edited_by = p.user_id;
    v.note = note;
    const bool asks_again = ChangesTheRequest(item.content, content);
    RENKEI_ASSIGN_OR_RETURN(queued, AddRevision(s, item, v, asks_again, now));
    if (reach) {
      RENKEI_ASSIGN_OR_RETURN(*reach, s.sharing.CountReach(id));
      reach->mails = queued;
      return Status::Ok();
    }
    RENKEI_RETURN_IF_ERROR(s.audit.Append(
        AuditOf(actor, now, "item.revise", "item", id.value,
                {{"version", v.version}, {"acknowledgement_asked_again", asks_again}})));
    RENKEI_ASSIGN_OR_RETURN(auto stored, Visible(s, p, id));
    RENKEI_ASSIGN_OR_RETURN(out, ViewOf(s, p, publisher, std::move(stored)));
    return Status::Ok();
  }));
  return out;
}

Result<std::int64_t> SharingService::AddRevision(Stores& s, const Item& item, const ItemVersion& v,
                                                 bool asks_again, Millis now) {
  RENKEI_RETURN_IF_ERROR(s.sharing.AddVersion(item.id, v, now));
  RENKEI_RETURN_IF_ERROR(s.sharing.MarkUnread(item.id).status());
  if (asks_again) RENKEI_RETURN_IF_ERROR(s.sharing.AskAcknowledgementAgain(item.id, v.version));
  return s.sharing.EnqueueToRecipients(item.id, kMailItemRevised, now);
}

Result<ItemView> SharingService::Withdraw(const Actor& actor, ItemId id,
                                          const std::string& reason) {
  const Principal& p = actor.principal;
  RENKEI_RETURN_IF_ERROR(CheckText(reason, "reason", 500, true));
  const Millis now = clock_.now_ms();
  ItemView out;
  std::int64_t queued = 0;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(bool publisher, IsPublisher(s, p));
    RENKEI_ASSIGN_OR_RETURN(auto item, Changeable(s, p, publisher, id, err::Withdrawn));
    RENKEI_RETURN_IF_ERROR(s.sharing.Withdraw(id, now, reason));
    RENKEI_ASSIGN_OR_RETURN(queued, s.sharing.EnqueueToRecipients(id, kMailItemWithdrawn, now));
    // The reason is part of the item (its recipients read it); the audit log, which
    // administrators read whatever the label, keeps only that one was given.
    RENKEI_RETURN_IF_ERROR(s.audit.Append(
        AuditOf(actor, now, "item.withdraw", "item", id.value, {{"tlp", TlpName(item.tlp)}})));
    RENKEI_ASSIGN_OR_RETURN(auto stored, Visible(s, p, id));
    RENKEI_ASSIGN_OR_RETURN(out, ViewOf(s, p, publisher, std::move(stored)));
    return Status::Ok();
  }));
  if (queued > 0) Notify();
  Announce(id, "withdrawn");
  return out;
}

Result<ItemView> SharingService::Get(const Actor& actor, ItemId id) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  ItemView out;
  bool first_read = false;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto item, Visible(s, p, id));
    RENKEI_ASSIGN_OR_RETURN(first_read, s.sharing.MarkRead(id, p.user_id, now));
    if (first_read) item.my_read_at = now;
    if (ReadIsAudited(item, p)) {
      RENKEI_RETURN_IF_ERROR(s.audit.Append(
          AuditOf(actor, now, "item.read", "item", id.value, ReadDetail(item, p, {}))));
    }
    RENKEI_ASSIGN_OR_RETURN(bool publisher, IsPublisher(s, p));
    RENKEI_ASSIGN_OR_RETURN(out, ViewOf(s, p, publisher, std::move(item)));
    return Status::Ok();
  }));
  if (first_read) Announce(id, "delivery");
  return out;
}

Result<std::vector<ItemVersion>> SharingService::Versions(const Actor& actor, ItemId id) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  std::vector<ItemVersion> out;
  // A write transaction, as Get's: the read of what requires a clearance is audited in it.
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto item, Visible(s, p, id));
    RENKEI_ASSIGN_OR_RETURN(out, s.sharing.ListVersions(id));
    if (item.clearance == 0) return Status::Ok();
    return s.audit.Append(AuditOf(actor, now, "item.read", "item", id.value,
                                  ReadDetail(item, p, {{"versions", true}})));
  }));
  return out;
}

Result<ItemPage> SharingService::List(const Principal& p, ItemFilter filter) {
  RENKEI_RETURN_IF_ERROR(CheckOneOf(filter.scope, "scope", kItemScopes));
  filter.limit = std::clamp(filter.limit, 1, 200);
  ItemPage out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(
        out, s.sharing.ListVisibleItems(filter, AccessPolicy::ViewerOf(p, clock_.now_ms())));
    if (filter.scope != "sent" || out.items.empty()) return Status::Ok();
    // 自組織が発信: the follow-up of each item the caller may manage (the delivery table's rule).
    RENKEI_ASSIGN_OR_RETURN(bool publisher, IsPublisher(s, p));
    std::vector<ItemId> ids;
    std::vector<Item*> managed;
    for (auto& it : out.items) {
      if (!AccessPolicy::CanManage(p, it, publisher)) continue;
      ids.push_back(it.id);
      managed.push_back(&it);
    }
    RENKEI_ASSIGN_OR_RETURN(auto counts, s.sharing.CountDeliveries(ids));
    for (size_t i = 0; i < managed.size(); ++i) managed[i]->follow_up = counts[i];
    return Status::Ok();
  }));
  return out;
}

Result<ItemCounts> SharingService::Counts(const Principal& p) {
  ItemCounts out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(
        out, s.sharing.CountVisibleItems(AccessPolicy::ViewerOf(p, clock_.now_ms())));
    return Status::Ok();
  }));
  return out;
}

Result<ItemView> SharingService::Acknowledge(const Actor& actor, ItemId id) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  bool acknowledged = false;
  ItemView out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto item, Visible(s, p, id));
    if (!item.my_delivered_at) {
      return err::NotARecipient();
    }
    if (!item.my_acknowledged_at) {
      RENKEI_ASSIGN_OR_RETURN(acknowledged, s.sharing.Acknowledge(id, p.user_id, now));
      if (acknowledged) {
        item.my_acknowledged_at = now;
        if (!item.my_read_at) item.my_read_at = now;
        RENKEI_RETURN_IF_ERROR(
            s.audit.Append(AuditOf(actor, now, "item.acknowledge", "item", id.value)));
      }
    }
    RENKEI_ASSIGN_OR_RETURN(bool publisher, IsPublisher(s, p));
    RENKEI_ASSIGN_OR_RETURN(out, ViewOf(s, p, publisher, std::move(item)));
    return Status::Ok();
  }));
  if (acknowledged) Announce(id, "delivery");
  return out;
}

Result<std::vector<SentRate>> SharingService::SentRates(const Principal& p, Millis since) {
  std::vector<SentRate> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(bool publisher, IsPublisher(s, p));
    if (!publisher) return Status::Ok();
    RENKEI_ASSIGN_OR_RETURN(auto all, s.sharing.ListSentRates(p.org_id, since));
    for (auto& r : all) {
      if (AccessPolicy::CanManage(p, r.item, publisher)) out.push_back(std::move(r));
    }
    return Status::Ok();
  }));
  auto share = [](const SentRate& r) {
    return r.people == 0 ? 1.0
                         : static_cast<double>(r.acknowledged) / static_cast<double>(r.people);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const SentRate& a, const SentRate& b) { return share(a) < share(b); });
  return out;
}

Result<std::vector<SectorAckRate>> SharingService::SentRatesBySector(const Principal& p,
                                                                     Millis since) {
  std::vector<SectorAckRate> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(bool publisher, IsPublisher(s, p));
    if (!publisher) return Status::Ok();
    RENKEI_ASSIGN_OR_RETURN(auto sectors, s.directory.ListSectors());
    const std::vector<std::string> mine = OverseenSectors(p, sectors);
    if (mine.empty()) return Status::Ok();
    // The items of SentRates (the same WHERE, and those the caller manages).
    RENKEI_ASSIGN_OR_RETURN(auto counts, s.sharing.ListSentBySector(p.org_id, since));
    // One row per overseen sector, in directory order; each (item, sector) count the caller
    // manages adds one item to its sector.
    std::vector<SectorAckRate> rows(mine.size());
    for (size_t k = 0; k < mine.size(); ++k) rows[k].sector_id = mine[k];
    for (const auto& c : counts) {
      auto at = std::find(mine.begin(), mine.end(), c.sector_id);
      if (at == mine.end()) continue;
      Item item;
      item.id = c.item_id;
      item.tlp = c.tlp;
      item.author_id = c.author_id;
      item.sender_org_id = p.org_id;
      if (!AccessPolicy::CanManage(p, item, publisher)) continue;
      SectorAckRate& row = rows[static_cast<size_t>(at - mine.begin())];
      ++row.items;
      row.people += c.people;
      row.acknowledged += c.acknowledged;
    }
    for (auto& row : rows)
      if (row.items > 0) out.push_back(std::move(row));
    return Status::Ok();
  }));
  return out;
}

Result<DeliveryReport> SharingService::Deliveries(const Principal& p, ItemId id,
                                                  DeliveryFilter filter) {
  DeliveryReport r;
  RENKEI_RETURN_IF_ERROR(tx_.Run(
      TxMode::kRead, [&](Stores& s) -> Status { return DeliveriesIn(s, p, id, filter, r); }));
  return r;
}

Result<DeliveryReport> SharingService::ExportDeliveries(const Actor& actor, ItemId id,
                                                        DeliveryFilter filter,
                                                        const ExportRequest& req) {
  DeliveryReport r;
  const Millis now = clock_.now_ms();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(DeliveriesIn(s, actor.principal, id, filter, r));
    r.truncated = r.rows.size() > kMaxExportRows;
    if (r.truncated) r.rows.resize(kMaxExportRows);
    return s.audit.Append(ExportAuditOf(actor, now, "deliveries", "item", std::to_string(id.value),
                                        req, r.rows.size(), r.truncated));
  }));
  return r;
}

Result<stix::ItemExport> SharingService::StixSourceOf(Stores& s, Item item,
                                                      std::vector<stix::Sender>& seen) {
  stix::ItemExport e;
  RENKEI_ASSIGN_OR_RETURN(e.indicators, s.sharing.ListIndicators(item.id));
  auto known = std::find_if(seen.begin(), seen.end(),
                            [&](const stix::Sender& x) { return x.id == item.sender_org_id; });
  if (known == seen.end()) {
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(item.sender_org_id));
    stix::Sender sender;
    sender.id = item.sender_org_id;
    sender.name_ja = item.sender_org_name_ja;
    sender.name_en = item.sender_org_name_en;
    if (org) {
      sender.created_at = org->created_at;
      sender.updated_at = org->updated_at;
    }
    seen.push_back(sender);
    known = seen.end() - 1;
  }
  e.sender = *known;
  e.item = std::move(item);
  return e;
}

Result<stix::Bundle> SharingService::ExportStix(const Actor& actor, ItemId id,
                                                const ExportRequest& req) {
  stix::Bundle b;
  const Millis now = clock_.now_ms();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto item, Visible(s, actor.principal, id));
    if (item.state != ItemState::kPublished) return err::ItemIsDraft();
    // Exercise traffic never leaves its exercise (invariant 7).
    if (item.exercise_id != 0) return err::ExerciseItemNotExported();
    if (item.clearance != 0) return err::ClearanceNotExported();
    std::vector<stix::Sender> senders;
    RENKEI_ASSIGN_OR_RETURN(auto e, StixSourceOf(s, std::move(item), senders));
    b = stix::ToBundle({e});
    return s.audit.Append(
        ExportAuditOf(actor, now, "stix", "item", std::to_string(id.value), req, 1, false));
  }));
  return b;
}

Result<stix::Bundle> SharingService::ExportStixList(const Actor& actor, ItemFilter filter,
                                                    const ExportRequest& req) {
  static constexpr const char* kPublishedScopes[] = {"inbox", "all", "sent"};
  RENKEI_RETURN_IF_ERROR(CheckOneOf(filter.scope, "scope", kPublishedScopes));
  filter.before_id = 0;
  filter.limit = static_cast<int>(kMaxExportRows);
  filter.with_body = true;  // a report's description
  stix::Bundle b;
  const Millis now = clock_.now_ms();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto page,
                            s.sharing.ListVisibleItems(
                                filter, AccessPolicy::ViewerOf(actor.principal, clock_.now_ms())));
    std::vector<stix::ItemExport> items;
    std::vector<stix::Sender> senders;
    items.reserve(page.items.size());
    for (auto& it : page.items) {
      RENKEI_ASSIGN_OR_RETURN(auto e, StixSourceOf(s, std::move(it), senders));
      items.push_back(std::move(e));
    }
    const bool truncated = page.next_before_id.has_value();
    b = stix::ToBundle(items, truncated);
    return s.audit.Append(ExportAuditOf(actor, now, "stix", "", "", req, items.size(), truncated));
  }));
  return b;
}

Result<std::vector<stix::FeedEntry>> SharingService::TaxiiFeed(const Principal& p, bool sent_only) {
  std::vector<stix::ItemExport> items;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(
        auto rows, s.sharing.ListFeedItems(AccessPolicy::ViewerOf(p, clock_.now_ms()), sent_only,
                                           static_cast<int>(kMaxExportRows)));
    if (rows.size() > kMaxExportRows) rows.erase(rows.begin());  // the oldest
    std::vector<stix::Sender> senders;
    items.reserve(rows.size());
    for (auto& r : rows) {
      const OrgId sender = r.item.sender_org_id;
      auto known = std::find_if(senders.begin(), senders.end(),
                                [&](const stix::Sender& x) { return x.id == sender; });
      if (known == senders.end()) {
        RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(sender));
        stix::Sender one{sender, r.item.sender_org_name_ja, r.item.sender_org_name_en, 0, 0};
        if (org) {
          one.created_at = org->created_at;
          one.updated_at = org->updated_at;
        }
        senders.push_back(one);
        known = senders.end() - 1;
      }
      items.push_back({std::move(r.item), std::move(r.indicators), *known});
    }
    return Status::Ok();
  }));
  return stix::FeedOf(items);
}

Status SharingService::DeliveriesIn(Stores& s, const Principal& p, ItemId id,
                                    DeliveryFilter& filter, DeliveryReport& r) {
  RENKEI_ASSIGN_OR_RETURN(bool publisher, IsPublisher(s, p));
  RENKEI_ASSIGN_OR_RETURN(auto item, Managed(s, p, publisher, id));
  r.version = item.version;
  r.ack_version = item.ack_version;
  r.version_at = item.revised_at.value_or(item.published_at);
  r.ack_asked_at = item.published_at;
  r.action_requested = !item.content.action_requested.empty();
  if (item.ack_version > 1) {
    RENKEI_ASSIGN_OR_RETURN(auto asked, s.sharing.GetVersion(id, item.ack_version));
    if (asked) r.ack_asked_at = asked->edited_at;
  }
  // 未確認のみ: not acknowledged where an action is asked, else not read.
  filter.pending = !filter.pending_only ? DeliveryPending::kAny
                   : r.action_requested ? DeliveryPending::kUnacknowledged
                                        : DeliveryPending::kUnread;
  // The totals and rates are the whole audience's; the rows are the filter's.
  RENKEI_ASSIGN_OR_RETURN(auto all, s.sharing.ListDeliveries(id, DeliveryFilter{}));
  std::int64_t read_in[3] = {0, 0, 0}, ack_in[3] = {0, 0, 0};
  std::set<std::int64_t> orgs, orgs_ack;
  for (const auto& d : all) {
    ++r.people;
    orgs.insert(d.org_id.value);
    if (d.read_at) {
      ++r.read;
      for (int w = 0; w < 3; ++w) read_in[w] += *d.read_at - r.version_at <= kRateWindows[w];
    }
    if (d.acknowledged_at) {
      ++r.acknowledged;
      orgs_ack.insert(d.org_id.value);
      for (int w = 0; w < 3; ++w)
        ack_in[w] += *d.acknowledged_at - r.ack_asked_at <= kRateWindows[w];
    }
  }
  r.organisations = static_cast<std::int64_t>(orgs.size());
  r.organisations_acknowledged = static_cast<std::int64_t>(orgs_ack.size());
  for (int w = 0; w < 3 && r.people > 0; ++w) {
    r.read_within[w] = static_cast<double>(read_in[w]) / static_cast<double>(r.people);
    r.acknowledged_within[w] = static_cast<double>(ack_in[w]) / static_cast<double>(r.people);
  }
  if (filter.any() || filter.sort != DeliverySort::kOrganisation || filter.descending) {
    RENKEI_ASSIGN_OR_RETURN(r.rows, s.sharing.ListDeliveries(id, filter));
  } else {
    r.rows = std::move(all);
  }
  // The organisations of the rows shown, in the rows' order (by name unless sorted otherwise).
  std::map<std::int64_t, size_t> org_index;
  for (const auto& d : r.rows) {
    auto [it, added] = org_index.emplace(d.org_id.value, r.orgs.size());
    if (added) {
      OrgDelivery o;
      o.org_id = d.org_id;
      o.org_name_ja = d.org_name_ja;
      o.org_name_en = d.org_name_en;
      r.orgs.push_back(std::move(o));
    }
    OrgDelivery& o = r.orgs[it->second];
    ++o.people;
    auto earliest = [](std::optional<Millis>& slot, Millis t) {
      if (!slot || t < *slot) slot = t;
    };
    if (d.read_at) {
      ++o.read;
      earliest(o.first_read_at, *d.read_at);
    }
    if (d.acknowledged_at) {
      ++o.acknowledged;
      earliest(o.first_acknowledged_at, *d.acknowledged_at);
    }
  }
  return Status::Ok();
}

Result<PublishResult> SharingService::Relay(const Actor& actor, ItemId id, const RelayInput& in) {
  RENKEI_ASSIGN_OR_RETURN(auto out, RelayAs(TxMode::kWrite, actor, id, in));
  if (out.counts.mails > 0) Notify();
  Announce(out.view.item.id, "published");
  return out;
}

Result<Reach> SharingService::RehearseRelay(const Actor& actor, ItemId id, const RelayInput& in) {
  RENKEI_ASSIGN_OR_RETURN(auto out, RelayAs(TxMode::kRehearse, actor, id, in));
  return out.reach;
}

Result<PublishResult> SharingService::RelayAs(TxMode mode, const Actor& actor, ItemId id,
                                              const RelayInput& in) {
  const Principal& p = actor.principal;
  RENKEI_RETURN_IF_ERROR(CheckText(in.note, "note", 2000, false, true));
  RENKEI_RETURN_IF_ERROR(CheckText(in.action_requested, "action_requested", 2000, false, true));
  if (in.action_due_at && in.action_requested.empty()) {
    return err::DueWithoutAction().with_field("action_due_at");
  }
  const Millis now = clock_.now_ms();
  PublishResult out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(mode, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto original, Visible(s, p, id));
    if (original.state != ItemState::kPublished || !original.my_delivered_at) {
      return err::RelayNotRecipient();
    }
    if (original.withdrawn) return err::RelayWithdrawn();
    // A relay is a real item: an exercise's item never becomes one (invariant 7).
    if (original.exercise_id != 0) return err::RelayExerciseItem();
    if (original.clearance != 0) return err::ClearanceNotRelayable();
    RENKEI_ASSIGN_OR_RETURN(bool publisher, IsPublisher(s, p));
    RENKEI_RETURN_IF_ERROR(AccessPolicy::CanRelay(p, publisher));
    RENKEI_RETURN_IF_ERROR(AccessPolicy::CheckRelayLabel(original.tlp, in.tlp));
    if (original.relay_depth + 1 > static_cast<int>(kMaxRelayDepth)) {
      return err::TooMany(static_cast<std::int64_t>(kMaxRelayDepth)).with_field("relay_depth");
    }
    RENKEI_RETURN_IF_ERROR(AccessPolicy::CheckAudience(in.tlp, in.audience, false, false));
    const Audience& a = in.audience;
    if (a.sector_ids.size() + a.hub_ids.size() + a.org_ids.size() > 1000) {
      return err::AudienceTooMany().with_field("audience");
    }
    // Every named sector, hub and organisation exists (and is active), once each.
    RENKEI_ASSIGN_OR_RETURN(auto sectors, s.directory.ListSectors());
    for (size_t i = 0; i < a.sector_ids.size(); ++i) {
      const std::string at = "audience.sector_ids[" + std::to_string(i) + "]";
      const auto& sid = a.sector_ids[i];
      if (std::count(a.sector_ids.begin(), a.sector_ids.begin() + i, sid) > 0)
        return err::Duplicate(sid).with_field(at);
      if (std::none_of(sectors.begin(), sectors.end(),
                       [&](const Sector& x) { return x.id == sid; }))
        return err::UnknownSector(sid).with_field(at);
    }
    std::vector<Hub> hubs;
    for (size_t i = 0; i < a.hub_ids.size(); ++i) {
      const std::string at = "audience.hub_ids[" + std::to_string(i) + "]";
      if (std::count(a.hub_ids.begin(), a.hub_ids.begin() + i, a.hub_ids[i]) > 0)
        return err::Duplicate(a.hub_ids[i].value).with_field(at);
      RENKEI_ASSIGN_OR_RETURN(auto h, s.directory.GetHub(a.hub_ids[i]));
      if (!h) return err::UnknownHub(a.hub_ids[i].value).with_field(at);
      hubs.push_back(std::move(*h));
    }
    std::vector<Organisation> orgs;
    for (size_t i = 0; i < a.org_ids.size(); ++i) {
      const std::string at = "audience.org_ids[" + std::to_string(i) + "]";
      if (std::count(a.org_ids.begin(), a.org_ids.begin() + i, a.org_ids[i]) > 0)
        return err::Duplicate(a.org_ids[i].value).with_field(at);
      RENKEI_ASSIGN_OR_RETURN(auto o, s.directory.GetOrganisation(a.org_ids[i]));
      if (!o || !o->active) return err::UnknownOrganisation().with_field(at);
      orgs.push_back(std::move(*o));
    }
    RENKEI_RETURN_IF_ERROR(AccessPolicy::CheckRelayAudience(p, publisher, a, sectors, hubs, orgs));

    Item item;
    item.kind = original.kind;
    item.tlp = in.tlp;
    item.content = original.content;
    item.content.action_requested = in.action_requested;
    item.content.action_due_at = in.action_due_at;
    item.audience = a;
    item.author_id = p.user_id;
    item.sender_org_id = p.org_id;
    item.published_at = item.updated_at = now;
    item.relayed_from = original.id;
    item.relay_root = original.root_id();
    item.relay_depth = original.relay_depth + 1;
    item.relay_note = in.note;
    RENKEI_ASSIGN_OR_RETURN(item.id, s.sharing.CreateItem(item));
    RENKEI_ASSIGN_OR_RETURN(auto indicators, s.sharing.ListIndicators(original.id));
    if (!indicators.empty()) RENKEI_RETURN_IF_ERROR(s.sharing.AddIndicators(item.id, indicators));
    RENKEI_ASSIGN_OR_RETURN(out.counts, s.sharing.FanOut(item.id, now, NextDigestAt(now)));
    if (mode == TxMode::kRehearse) {
      RENKEI_ASSIGN_OR_RETURN(out.reach, s.sharing.CountReach(item.id));
      out.reach.mails = out.counts.mails;
      return Status::Ok();
    }
    RENKEI_RETURN_IF_ERROR(s.audit.Append(AuditOf(actor, now, "item.relay", "item", item.id.value,
                                                  {{"from_item_id", original.id.value},
                                                   {"root_item_id", item.relay_root->value},
                                                   {"depth", std::int64_t{item.relay_depth}},
                                                   {"from_tlp", TlpName(original.tlp)},
                                                   {"tlp", TlpName(item.tlp)},
                                                   {"organisations", out.counts.organisations},
                                                   {"deliveries", out.counts.deliveries}})));
    RENKEI_ASSIGN_OR_RETURN(auto visible, Visible(s, p, item.id));
    RENKEI_ASSIGN_OR_RETURN(out.view, ViewOf(s, p, publisher, std::move(visible)));
    return Status::Ok();
  }));
  return out;
}

Result<RelayReport> SharingService::Relays(const Principal& p, ItemId id) {
  RelayReport r;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(bool publisher, IsPublisher(s, p));
    RENKEI_ASSIGN_OR_RETURN(auto item, Visible(s, p, id));
    if (!AccessPolicy::CanManage(p, item, publisher)) return err::RelaysNotManaged();
    if (item.state != ItemState::kPublished) return err::ItemIsDraft();
    r.item_id = item.id;
    r.root_id = item.root_id();
    RENKEI_ASSIGN_OR_RETURN(auto tree, s.sharing.ListRelayTree(r.root_id));
    r.root_published_at = item.published_at;
    for (const auto& l : tree)
      if (l.item_id == r.root_id) r.root_published_at = l.published_at;
    RENKEI_ASSIGN_OR_RETURN(auto counts, s.sharing.CountHops(r.root_id, r.root_published_at));
    std::map<std::int64_t, HopCounts> by_item;
    for (const auto& c : counts) by_item.emplace(c.item_id.value, c);
    // The asked item's subtree: the tree comes by depth, so a relay follows its source.
    std::set<std::int64_t> below{item.id.value};
    for (const auto& l : tree) {
      if (l.item_id != item.id && !(l.relayed_from && below.count(l.relayed_from->value))) {
        continue;
      }
      below.insert(l.item_id.value);
      RelayHop h;
      h.link = l;
      if (auto c = by_item.find(l.item_id.value); c != by_item.end()) h.counts = c->second;
      h.counts.item_id = l.item_id;
      h.since_root = l.published_at - r.root_published_at;
      r.hops.push_back(std::move(h));
    }
    return Status::Ok();
  }));
  return r;
}

Result<std::int64_t> SharingService::Remind(const Actor& actor, ItemId id) {
  RENKEI_ASSIGN_OR_RETURN(auto queued, RemindAs(TxMode::kWrite, actor, id, nullptr));
  if (queued > 0) Notify();
  return queued;
}

Result<Reach> SharingService::RehearseReminder(const Actor& actor, ItemId id) {
  Reach reach;
  RENKEI_RETURN_IF_ERROR(RemindAs(TxMode::kRehearse, actor, id, &reach).status());
  return reach;
}

Result<std::int64_t> SharingService::RemindAs(TxMode mode, const Actor& actor, ItemId id,
                                              Reach* reach) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  std::int64_t queued = 0;
  RENKEI_RETURN_IF_ERROR(tx_.Run(mode, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(bool publisher, IsPublisher(s, p));
    RENKEI_ASSIGN_OR_RETURN(auto item, Changeable(s, p, publisher, id, err::WithdrawnNoReminder));
    if (item.content.action_requested.empty()) {
      return err::NoActionRequested();
    }
    RENKEI_ASSIGN_OR_RETURN(auto last,
                            s.sharing.ClaimManualReminder(id, now, now - kMinRemindInterval));
    if (last) {
      const Millis wait = *last + kMinRemindInterval - now;
      return err::RemindTooSoon().with_retry_after(
          static_cast<int>(std::max<Millis>(1, (wait + 999) / 1000)));
    }
    RENKEI_ASSIGN_OR_RETURN(queued, s.sharing.EnqueueToRecipients(id, kMailItemReminder, now));
    if (reach) {
      RENKEI_ASSIGN_OR_RETURN(*reach, s.sharing.CountQueued(id, kMailItemReminder, now));
      return Status::Ok();
    }
    return s.audit.Append(
        AuditOf(actor, now, "item.remind", "item", id.value, {{"queued", queued}}));
  }));
  return queued;
}

Result<std::int64_t> SharingService::RemindDue() {
  const Millis now = clock_.now_ms();
  std::int64_t queued = 0;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto due, s.sharing.TakeDueForReminder(now));
    for (ItemId id : due) {
      RENKEI_ASSIGN_OR_RETURN(auto n, s.sharing.EnqueueToRecipients(id, kMailItemReminder, now));
      queued += n;
    }
    return Status::Ok();
  }));
  return queued;
}

Result<Attachment> SharingService::AddAttachment(const Actor& actor, ItemId id,
                                                 std::string filename, std::string content_type,
                                                 std::string data) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  Attachment a;
  std::int64_t queued = 0;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(bool publisher, IsPublisher(s, p));
    RENKEI_ASSIGN_OR_RETURN(auto item,
                            Changeable(s, p, publisher, id, err::WithdrawnNoAttachments));
    RENKEI_ASSIGN_OR_RETURN(auto existing, s.sharing.ListAttachments(id));
    RENKEI_ASSIGN_OR_RETURN(a, NewAttachment(std::move(filename), std::move(content_type),
                                             std::move(data), existing.size(), p.user_id, now));
    a.item_id = id;
    RENKEI_ASSIGN_OR_RETURN(a.id, s.sharing.AddAttachment(a));
    // A new file is a revision: recipients see the item updated, naming the file. It
    // asks nothing new of them, so their acknowledgements stand.
    ItemVersion v;
    v.version = item.version + 1;
    v.content = item.content;
    v.edited_by = p.user_id;
    v.added_file = a.filename;
    RENKEI_ASSIGN_OR_RETURN(queued, AddRevision(s, item, v, /*asks_again=*/false, now));
    // File names can say what an item is about: the audit log keeps the file's id only.
    return s.audit.Append(
        AuditOf(actor, now, "item.attach", "item", id.value,
                {{"attachment_id", a.id.value}, {"bytes", a.size}, {"version", v.version}}));
  }));
  if (queued > 0) Notify();
  Announce(id, "revised");
  a.data.clear();
  return a;
}

Result<Attachment> SharingService::GetAttachment(const Actor& actor, ItemId id, AttachmentId att) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  std::optional<Attachment> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto item, Visible(s, p, id));
    RENKEI_ASSIGN_OR_RETURN(out, s.sharing.GetAttachment(id, att));
    if (!out) return err::AttachmentNotFound();
    if (ReadIsAudited(item, p)) {
      return s.audit.Append(AuditOf(actor, now, "item.read", "item", id.value,
                                    ReadDetail(item, p, {{"attachment_id", att.value}})));
    }
    return Status::Ok();
  }));
  return std::move(*out);
}

Result<std::string> SharingService::NotifyMode(const Principal& p) {
  std::string mode;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(mode, s.sharing.GetNotifyMode(p.user_id));
    return Status::Ok();
  }));
  return mode;
}

Status SharingService::SetNotifyMode(const Actor& actor, const std::string& mode) {
  const Principal& p = actor.principal;
  RENKEI_RETURN_IF_ERROR(CheckOneOf(mode, "mode", kNotifyModes));
  const Millis now = clock_.now_ms();
  return tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(s.sharing.SetNotifyMode(p.user_id, mode));
    return s.audit.Append(
        AuditOf(actor, now, "user.notify_mode", "user", p.user_id.value, {{"mode", mode}}));
  });
}

Result<ItemPage> SharingService::ListPublic(ItemFilter filter) {
  filter.scope = "all";
  filter.public_only = true;
  filter.unread_only = filter.action_outstanding = false;
  filter.limit = std::clamp(filter.limit, 1, 200);
  ItemPage out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.sharing.ListVisibleItems(filter, Viewer{}));
    return Status::Ok();
  }));
  return out;
}

Result<ItemView> SharingService::GetPublic(ItemId id) {
  ItemView out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto item, s.sharing.GetVisibleItem(id, Viewer{}));
    if (!item || !item->is_public) return err::ItemNotFound();
    item->audience = Audience{};
    out.item = std::move(*item);
    RENKEI_ASSIGN_OR_RETURN(out.attachments, s.sharing.ListAttachments(id));
    return Status::Ok();
  }));
  return out;
}

}  // namespace renkei::domain
