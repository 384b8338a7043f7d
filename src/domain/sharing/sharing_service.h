// SharingService: publishing, reading and tracking shared items.
//
// Every read asks the store with AccessPolicy::ViewerOf(principal), so what a caller
// may not see is "not found" (404). Things the caller can see but not change answer
// 403. Each write runs in one transaction with its audit row and its outbox rows
// (mail leaves after commit, from the outbox; see MailWorker); after the commit it
// rings the mail doorbell and publishes the live event (item_events.h). Reads of AMBER,
// AMBER+STRICT and RED items (and their attachments) by anyone but the author are
// audited ("item.read").
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/attachments.h"
#include "domain/events/event_hub.h"
#include "domain/export.h"
#include "domain/outbox/doorbell.h"
#include "domain/principal.h"
#include "domain/sharing/access_policy.h"
#include "domain/sharing/sharing.h"
#include "domain/sharing/sharing_store.h"
#include "domain/stix/stix_mapping.h"
#include "domain/stix/taxii_feed.h"
#include "domain/transactor.h"

namespace renkei::domain {

struct NewItem {
  std::string kind;
  Tlp tlp = Tlp::kClear;
  ItemContent content;
  Audience audience;
  bool is_public = false;
  bool urgent = false;
  bool mail_text = false;
  int clearance = 0;  // the rank a reader must hold (clearance.h); 0: none
  std::vector<Indicator> indicators;
  // An exercise item (ExerciseService only): its title must carry kExerciseMark, its label
  // be GREEN or AMBER(+STRICT), never public or urgent (CheckNewItem refuses otherwise).
  std::int64_t exercise_id = 0;
  // A supply-chain notice (DeskService::Share only): the desk ticket it shares. Set exactly
  // when kind is supply_chain_notice (CheckNewItem refuses otherwise).
  std::int64_t desk_ticket_id = 0;
};

// A directory entry named in an audience, as the item page shows it (never a bare id).
struct AudienceName {
  std::int64_t id = 0;
  std::string name_ja;
  std::string name_en;  // the organisation's English name; empty for people
};

// One organisation of a relayed item's provenance line (「国家サイバー統括室 → 電力ISAC」), the
// chain's first item first and the item itself last: named to whoever sees the item; the
// item's id only when the viewer may see that item too (kVisible), else none.
struct ProvenanceLink {
  std::optional<ItemId> item_id;
  std::string sender_name_ja, sender_name_en;
  Millis published_at = 0;
};

struct ItemView {
  Item item;  // audience emptied unless can_see_audience
  // The audience's organisations and people by name, for those who see the audience;
  // people's names only for those who manage the item (a hub analyst sees that people were
  // named, not who).
  std::vector<AudienceName> audience_orgs;
  std::vector<AudienceName> audience_users;
  std::vector<Attachment> attachments;
  std::vector<Indicator> indicators;
  bool can_manage = false;
  bool can_approve = false;  // AccessPolicy::CanApprove
  bool can_see_audience = false;
  bool is_recipient = false;
  // Relay: the provenance (empty for an item that relays nothing), and whether the caller
  // may relay this item (AccessPolicy: a recipient with relay rights, below RED, live).
  std::vector<ProvenanceLink> provenance;
  bool can_relay = false;
};

// What a relay says (POST /items/{id}/relay): the label (same or stricter), the audience
// within the relayer's chain, the relayer's own note and requested action.
struct RelayInput {
  Tlp tlp = Tlp::kAmber;
  Audience audience;
  std::string note;
  std::string action_requested;
  std::optional<Millis> action_due_at;
};

// One hop of a relay chain (GET /items/{id}/relays): the item that hop sent (depth 0 = the
// chain's first item, 1 = a relay of it …), who sent it and when, its deliveries, and when
// it started after the chain's first item was published.
struct RelayHop {
  RelayLink link;
  HopCounts counts;
  Millis since_root = 0;
};
struct RelayReport {
  ItemId item_id, root_id;
  Millis root_published_at = 0;
  // The asked item's own hop and every hop below it, by depth, then publication.
  std::vector<RelayHop> hops;
};

struct PublishResult {
  ItemView view;  // state kPendingApproval when it went to approval instead
  FanOutCounts counts;
  Reach reach;  // counted only when rehearsing
};

// The sender's delivery table: per organisation and per person, and the rates.
struct OrgDelivery {
  OrgId org_id;
  std::string org_name_ja, org_name_en;
  std::int64_t people = 0, read = 0, acknowledged = 0;
  std::optional<Millis> first_read_at, first_acknowledged_at;
};
struct DeliveryReport {
  // The current version and when it was made; the version whose acknowledgement counts
  // and when it asked for it. Reads count for the current version, acknowledgements for
  // ack_version (a revision that changed the request asked again).
  int version = 1, ack_version = 1;
  Millis version_at = 0, ack_asked_at = 0;
  // Whether the item asks for an action: then 未確認 is "not acknowledged", else "not read".
  bool action_requested = false;
  std::int64_t people = 0, read = 0, acknowledged = 0;
  std::int64_t organisations = 0, organisations_acknowledged = 0;
  // Share of people who read / acknowledged within 1 h, 4 h and 24 h of version_at /
  // ack_asked_at (publication, until a revision).
  double read_within[3] = {0, 0, 0};
  double acknowledged_within[3] = {0, 0, 0};
  // The rows the filter kept, in its order, and their organisations in that order; the
  // totals and rates above are the whole audience's whatever the filter.
  std::vector<OrgDelivery> orgs;
  std::vector<DeliveryRow> rows;
  bool truncated = false;  // an export's rows were cut at kMaxExportRows
};

class SharingService {
 public:
  // A sender reminds an item's recipients by hand at most once in this interval
  // (each reminder may mail a thousand people); sooner answers 429 with Retry-After.
  static constexpr Millis kMinRemindInterval = 60LL * 60 * 1000;

  // `mail`: rung after a commit that queued mail (none: the worker finds it at its
  // tick). `events`: where committed changes are announced (none: not announced).
  SharingService(Transactor& tx, const Clock& clock, Doorbell* mail = nullptr,
                 EventHub* events = nullptr)
      : tx_(tx), clock_(clock), mail_(mail), events_(events) {}

  // `within` (if set) runs in the publishing transaction after the item is stored, so a
  // caller's own rows (a report's link to its summary) commit or roll back with it.
  using WithinPublish = std::function<Status(Stores&, const Item&)>;
  Result<PublishResult> Publish(const Actor& actor, const NewItem& in,
                                const WithinPublish& within = {});
  // Whom `in` would reach if it were published now (organisations, people, mails): the
  // very checks and fan-out of Publish in a transaction that is rolled back — nothing is
  // stored, queued or announced. For the confirmation before sending.
  Result<Reach> Rehearse(const Actor& actor, const NewItem& in);
  // Drafts (下書き): saved, reaching nobody — no recipients, no mail, no live event; seen
  // by the author and, below RED, the sender organisation's publishers (AccessPolicy),
  // who may change and publish it. A draft may have no audience yet; what it names must
  // fit its label. Publishing runs every check of Publish again, then reaches the audience.
  Result<ItemView> SaveDraft(const Actor& actor, const NewItem& in);
  Result<ItemView> UpdateDraft(const Actor& actor, ItemId id, const NewItem& in);
  Result<PublishResult> PublishDraft(const Actor& actor, ItemId id);
  Result<Reach> RehearseDraft(const Actor& actor, ItemId id);
  // 決裁 (approval). Publishing an AMBER+STRICT or RED item (new, or a draft) from an
  // organisation that requires approval (Organisation::requires_approval) stores it
  // awaiting approval instead: no recipients, mail or live event yet; a rehearsal says so
  // (Reach::needs_approval) with the reach it will have once approved. It is seen by its
  // author and its organisation's publishers (AccessPolicy); only the author submits a
  // draft for approval (403 submit_not_author for a colleague). It refuses changes (409
  // item_pending_approval) and is approved or returned by another publisher of the
  // organisation (AccessPolicy::CanApprove; the author 403 approve_own_item, anyone else
  // who sees it 403 not_approver, 409 item_not_pending unless awaiting approval).
  // Approving publishes it exactly as a publication does, with every check of publishing
  // made for the approver, published at the time of approval.
  Result<PublishResult> Approve(const Actor& actor, ItemId id);
  Result<Reach> RehearseApproval(const Actor& actor, ItemId id);
  // 差戻し: back to draft with the approver's reason (1–500 characters), shown to the author.
  Result<ItemView> Return(const Actor& actor, ItemId id, const std::string& reason);
  // The author takes the request back: a draft again (403 recall_not_author for others).
  Result<ItemView> Recall(const Actor& actor, ItemId id);
  // The 決裁待ち tile: for a publisher of an organisation that requires approval, how many
  // items ListVisibleItems gives under scope "pending"; none for anyone else.
  Result<std::optional<std::int64_t>> AwaitingApproval(const Principal& p);
  // A new version: unread again for every recipient (更新あり, with `note`); when it
  // changes the requested action or its due time (ChangesTheRequest) earlier
  // acknowledgements stop counting and the due reminder is owed again.
  Result<ItemView> Revise(const Actor& actor, ItemId id, const ItemContent& content,
                          const std::string& note);
  // Whom that revision would reach (every recipient, unread again; the revised mails),
  // by Revise's own code rolled back; the same errors as Revise.
  Result<Reach> RehearseRevision(const Actor& actor, ItemId id, const ItemContent& content,
                                 const std::string& note);
  Result<ItemView> Withdraw(const Actor& actor, ItemId id, const std::string& reason);
  // Reading marks the caller's delivery read.
  Result<ItemView> Get(const Actor& actor, ItemId id);
  // An item's versions; a read of what requires a clearance is audited.
  Result<std::vector<ItemVersion>> Versions(const Actor& actor, ItemId id);
  Result<ItemPage> List(const Principal& p, ItemFilter filter);
  Result<ItemCounts> Counts(const Principal& p);
  Result<ItemView> Acknowledge(const Actor& actor, ItemId id);
  // The delivery table for whoever may manage the item (AccessPolicy::CanManage).
  Result<DeliveryReport> Deliveries(const Principal& p, ItemId id, DeliveryFilter filter = {});
  // The same table to be exported: the same rule and filter, the rows cut at kMaxExportRows,
  // and the audit entry of the export in the same transaction.
  Result<DeliveryReport> ExportDeliveries(const Actor& actor, ItemId id, DeliveryFilter filter,
                                          const ExportRequest& req);
  // STIX 2.1 (domain/stix/stix_mapping.h). One item as the caller may see it (404
  // otherwise, 409 for a draft) with its indicators and its sender, or the items of a list
  // with the list's own filter and rule — published items only (scope=drafts is refused),
  // at most kMaxExportRows, newest first (`truncated` when cut). Audited as export.stix in
  // the reading transaction; the file is not a reading: the caller's delivery stays unread.
  Result<stix::Bundle> ExportStix(const Actor& actor, ItemId id, const ExportRequest& req);
  Result<stix::Bundle> ExportStixList(const Actor& actor, ItemFilter filter,
                                      const ExportRequest& req);
  // A TAXII collection's objects (docs/taxii.md): every published real item the caller may
  // see (the one rule; drafts, pending and exercise items never), or only those the
  // caller's organisation sent (`sent_only`), as STIX objects with their date_added; at
  // most kMaxExportRows items (the newest). Not audited: a feed is polled.
  Result<std::vector<stix::FeedEntry>> TaxiiFeed(const Principal& p, bool sent_only);
  // The items sent since `since` by the caller's organisation that request an action and
  // that the caller manages (whose deliveries the caller may see), lowest share of
  // acknowledgements first; empty for someone who does not publish.
  Result<std::vector<SentRate>> SentRates(const Principal& p, Millis since);
  // The same items' deliveries and acknowledgements per recipient sector, for the sectors
  // the caller oversees (OverseenSectors: the national centre every sector, a ministry its
  // own), in directory order, sectors nothing reached left out; empty for anyone else.
  Result<std::vector<SectorAckRate>> SentRatesBySector(const Principal& p, Millis since);
  // Relay (展開; AccessPolicy's header has the rule): a new item sent by the caller's
  // organisation with the item's content and indicators copied, the caller's note and
  // requested action, linked to the item and its chain; fanned out, mailed and audited
  // (item.relay) like a publication. Refusals write nothing.
  Result<PublishResult> Relay(const Actor& actor, ItemId id, const RelayInput& in);
  // Whom that relay would reach, by Relay's own code rolled back; the same errors.
  Result<Reach> RehearseRelay(const Actor& actor, ItemId id, const RelayInput& in);
  // The per-hop table of the item's chain below it, for whoever manages the item
  // (CanManage): the originator sees every hop, a relayer its own subtree.
  Result<RelayReport> Relays(const Principal& p, ItemId id);

  Result<std::int64_t> Remind(const Actor& actor, ItemId id);
  // Whom a reminder now would mail (the recipients who have not acknowledged and want
  // mail), by Remind's own code rolled back; the same errors as Remind (429 too soon).
  Result<Reach> RehearseReminder(const Actor& actor, ItemId id);

  // Adding a file is a revision (a version naming the file, unread again, mailed as
  // revised) that keeps acknowledgements: it changes nothing that was asked.
  Result<Attachment> AddAttachment(const Actor& actor, ItemId id, std::string filename,
                                   std::string content_type, std::string data);
  Result<Attachment> GetAttachment(const Actor& actor, ItemId id, AttachmentId att);

  Result<std::string> NotifyMode(const Principal& p);
  Status SetNotifyMode(const Actor& actor, const std::string& mode);

  // Anonymous public page: CLEAR items their senders made public.
  Result<ItemPage> ListPublic(ItemFilter filter);
  Result<ItemView> GetPublic(ItemId id);

  // Queues reminders for items whose requested action fell due (the mail worker's tick).
  Result<std::int64_t> RemindDue();

 private:
  // Publish in a transaction of `mode` (kWrite, or kRehearse for Rehearse): `in`, or with
  // `draft` set that draft as stored; `approve`: `draft` is an item awaiting approval that
  // the caller approves (else an item that needs approval goes to approval).
  Result<PublishResult> PublishAs(TxMode mode, const Actor& actor, const NewItem* in,
                                  const WithinPublish& within, ItemId draft = ItemId(),
                                  bool approve = false);
  // An item awaiting approval that the caller may approve or return (404 unseen, 409 not
  // awaiting approval, 403 the author or not an approver).
  Result<Item> Awaiting(Stores& s, const Principal& p, ItemId id);
  // The checks of `in` Publish makes (content, label and audience, the publisher, every
  // named sector, hub, organisation and person); `draft`: an empty audience passes.
  Status CheckNewItem(Stores& s, const Principal& p, const NewItem& in, bool draft);
  // A draft the caller may change (404 unseen, 403 not theirs to manage, 409 published or
  // awaiting approval).
  Result<Item> Draft(Stores& s, const Principal& p, ItemId id);
  // Revise and Remind in a transaction of `mode`; `reach` (if set) is counted inside it.
  Result<ItemView> ReviseAs(TxMode mode, const Actor& actor, ItemId id, const ItemContent& content,
                            const std::string& note, Reach* reach, std::int64_t& queued);
  Result<std::int64_t> RemindAs(TxMode mode, const Actor& actor, ItemId id, Reach* reach);
  Result<PublishResult> RelayAs(TxMode mode, const Actor& actor, ItemId id, const RelayInput& in);
  // `publisher`: IsPublisher(s, p), looked up once per transaction.
  Result<ItemView> ViewOf(Stores& s, const Principal& p, bool publisher, Item item);
  Result<Item> Visible(Stores& s, const Principal& p, ItemId id);
  // An item's indicators and its sender organisation (senders cached by id in `seen`).
  Result<stix::ItemExport> StixSourceOf(Stores& s, Item item, std::vector<stix::Sender>& seen);
  // Fills `r` (sets `filter.pending` from the item).
  Status DeliveriesIn(Stores& s, const Principal& p, ItemId id, DeliveryFilter& filter,
                      DeliveryReport& r);
  Result<Item> Managed(Stores& s, const Principal& p, bool publisher, ItemId id);
  // Managed and not withdrawn; `if_withdrawn` makes the 409 a withdrawn item answers
  // (err::WithdrawnNoRevision …).
  Result<Item> Changeable(Stores& s, const Principal& p, bool publisher, ItemId id,
                          Status (*if_withdrawn)());
  // Stores `v` as `item`'s next version, makes it unread again for every recipient,
  // asks for acknowledgement again if `asks_again`, queues the revised mail; returns how
  // many mails were queued.
  Result<std::int64_t> AddRevision(Stores& s, const Item& item, const ItemVersion& v,
                                   bool asks_again, Millis now);
  void Notify() const {
    if (mail_) mail_->Ring();
  }
  // `type`: "published", "revised", "withdrawn", or "delivery" (read or acknowledged).
  void Announce(ItemId id, const char* type) const;

  Transactor& tx_;
  const Clock& clock_;
  Doorbell* const mail_;
  EventHub* const events_;
};

// Whether `p` publishes at all (AccessPolicy::IsPublisher with their organisation's kind).
Result<bool> IsPublisher(Stores& s, const Principal& p);

// Checks of an item's content (title, body, action, advisory fields).
Status ValidateContent(const ItemContent& c);
// The next daily digest time (08:00 JST) strictly after `now`.
Millis NextDigestAt(Millis now);

}  // namespace renkei::domain
