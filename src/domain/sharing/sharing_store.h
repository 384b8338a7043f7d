// SharingStore: persistence of items, audiences, deliveries and attachments, and the
// item mails' outbox rows (written with the outbox table's codes, domain/sharing/mail.h).
// Implemented once over the database seam (storage/stores/).
//
// Visibility lives in the store's one SQL predicate (every method taking a Viewer
// returns only what that viewer may see; see AccessPolicy for the written rule).
// Methods without a Viewer are for callers that already decided access (the service
// after a visible read, the mail worker addressing deliveries).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/sharing/sharing.h"

namespace renkei::domain {

struct FanOutCounts {
  std::int64_t organisations = 0;
  std::int64_t deliveries = 0;
  std::int64_t mails = 0;
};

// Whom a sending reaches: the people who receive it (deliveries, or for a reminder the
// people it mails), their organisations, and the mails queued. What the confirmation
// before sending shows, counted inside a rehearsal of the very write (TxMode::kRehearse).
struct Reach {
  std::int64_t organisations = 0;
  std::int64_t people = 0;
  std::int64_t mails = 0;
  // Set by the service: the publication goes to approval (決裁) first; the counts are
  // whom it reaches once approved.
  bool needs_approval = false;
};

class SharingStore {
 public:
  virtual ~SharingStore() = default;

  // Inserts the item, its audience and version 1.
  virtual Result<ItemId> CreateItem(const Item& item) = 0;
  // Resolves the audience into recipient organisations and people (delivered at
  // `now`) and queues their mail: kMailItemPublished now for immediate readers (and
  // for digest readers too when `urgent`), kMailItemDigest at `digest_at` for digest
  // readers; nothing for those who turned mail off (unless urgent).
  virtual Result<FanOutCounts> FanOut(ItemId id, Millis now, Millis digest_at) = 0;
  // A draft's label, flags, audience and content replaced by `item`'s (as of
  // item.updated_at); not found unless `item.id` is unpublished.
  virtual Status ReplaceDraft(const Item& item) = 0;
  // The draft (or the item awaiting approval) becomes published at `at` (then FanOut
  // reaches its audience); a returned draft's reason goes.
  virtual Status MarkPublished(ItemId id, Millis at) = 0;
  // 決裁: the draft awaits approval (a returned draft's reason goes); not found unless it
  // is a draft.
  virtual Status SubmitForApproval(ItemId id, Millis at) = 0;
  // The item awaiting approval is a draft again: returned (差戻し) with the approver's
  // reason, kept with the time, or taken back by its author (no reason). Not found unless
  // it was awaiting approval.
  virtual Status BackToDraft(ItemId id, Millis at,
                             const std::optional<std::string>& return_reason) = 0;
  // How many items ListVisibleItems lists for `v` under scope "pending" (決裁待ち).
  virtual Result<std::int64_t> CountAwaitingApproval(const Viewer& v) = 0;

  // Relay (no visibility check: the service decides what a viewer is shown of them).
  // The item and the items it relayed, the chain's first item first.
  virtual Result<std::vector<RelayLink>> RelayChain(ItemId id) = 0;
  // The published items of the chain that starts at `root`: it and every relay of it (or of
  // a relay of it), by depth, then publication.
  virtual Result<std::vector<RelayLink>> ListRelayTree(ItemId root) = 0;
  // Each of those items' deliveries, tallied in one grouped query (HopCounts); an item
  // without deliveries has no row.
  virtual Result<std::vector<HopCounts>> CountHops(ItemId root, Millis root_at) = 0;

  virtual Result<std::optional<Item>> GetVisibleItem(ItemId id, const Viewer& v) = 0;
  virtual Result<ItemPage> ListVisibleItems(const ItemFilter& f, const Viewer& v) = 0;
  virtual Result<ItemCounts> CountVisibleItems(const Viewer& v) = 0;
  // For each viewer, whether it sees the item (the same predicate; live events).
  virtual Result<std::vector<bool>> SeenBy(ItemId id, const std::vector<Viewer>& viewers) = 0;
  // Without a visibility check: for the mail renderers and the event rule only.
  virtual Result<std::optional<Item>> LoadItem(ItemId id) = 0;

  // Stores a version; from version 2 on it becomes the item's content.
  virtual Status AddVersion(ItemId id, const ItemVersion& v, Millis at) = 0;
  // Every recipient's delivery becomes unread (a revision); returns how many were read.
  virtual Result<std::int64_t> MarkUnread(ItemId id) = 0;
  // Acknowledgements given before `version` stop counting (they stay in the history),
  // the item's ack_version becomes `version`, and the due reminder is owed again.
  virtual Status AskAcknowledgementAgain(ItemId id, int version) = 0;
  virtual Result<std::vector<ItemVersion>> ListVersions(ItemId id) = 0;
  virtual Result<std::optional<ItemVersion>> GetVersion(ItemId id, int version) = 0;
  virtual Status Withdraw(ItemId id, Millis at, const std::string& reason) = 0;

  // Both return whether the delivery row changed (false: not a recipient, or already).
  // An acknowledgement is also kept in the history with the item's current version.
  virtual Result<bool> MarkRead(ItemId id, UserId user, Millis at) = 0;
  virtual Result<bool> Acknowledge(ItemId id, UserId user, Millis at) = 0;
  // Each item's recipients, reads of its current version and acknowledgements that count,
  // in the order of `ids` (an item without deliveries counts zeros).
  virtual Result<std::vector<DeliveryCounts>> CountDeliveries(const std::vector<ItemId>& ids) = 0;
  // The item's deliveries narrowed by `f` (its `pending` as the service set it), in its
  // order; ties by organisation name, then person.
  virtual Result<std::vector<DeliveryRow>> ListDeliveries(ItemId id, const DeliveryFilter& f) = 0;
  // The item's recipients now: people (delivery rows) and their distinct organisations.
  virtual Result<Reach> CountReach(ItemId id) = 0;
  // The item mails of `kind` queued at `at`: people and their distinct organisations
  // (`mails` = people). Inside a rehearsal, what the rehearsed write queued.
  virtual Result<Reach> CountQueued(ItemId id, const std::string& kind, Millis at) = 0;
  // The items `sender` sent since `since` that request an action and are not withdrawn,
  // with their delivery counts, newest first.
  virtual Result<std::vector<SentRate>> ListSentRates(OrgId sender, Millis since) = 0;
  // The same items' deliveries tallied by the recipient organisation's sectors.
  virtual Result<std::vector<SentSectorCount>> ListSentBySector(OrgId sender, Millis since) = 0;

  // Queues `kind` mail (kMailItemRevised, kMailItemWithdrawn, kMailItemReminder) to
  // active recipients who want mail; for reminders only those who have not
  // acknowledged. Returns how many were queued.
  virtual Result<std::int64_t> EnqueueToRecipients(ItemId id, const std::string& kind,
                                                   Millis now) = 0;
  // Items whose requested action fell due by `now` and were not reminded yet; marks them.
  virtual Result<std::vector<ItemId>> TakeDueForReminder(Millis now) = 0;
  // Records a reminder sent by hand at `now` unless one was at or after `earliest`;
  // returns the time of that earlier one when it refuses (atomic).
  virtual Result<std::optional<Millis>> ClaimManualReminder(ItemId id, Millis now,
                                                            Millis earliest) = 0;

  virtual Result<AttachmentId> AddAttachment(const Attachment& a) = 0;
  virtual Result<std::vector<Attachment>> ListAttachments(ItemId id) = 0;
  virtual Result<std::optional<Attachment>> GetAttachment(ItemId id, AttachmentId att) = 0;

  virtual Status AddIndicators(ItemId id, const std::vector<Indicator>& list) = 0;
  virtual Result<std::vector<Indicator>> ListIndicators(ItemId id) = 0;
  // The TAXII feed (docs/taxii.md): every published real item `v` may see (kVisible, the
  // one rule), with its body and its indicators: the newest `limit` + 1 by id, returned
  // oldest first (the caller cuts the oldest); `sent_only`: only those the viewer's organisation
  // sent. Two queries whatever the number of items.
  virtual Result<std::vector<FeedItem>> ListFeedItems(const Viewer& v, bool sent_only,
                                                      int limit) = 0;

  virtual Result<std::string> GetNotifyMode(UserId user) = 0;
  virtual Status SetNotifyMode(UserId user, const std::string& mode) = 0;
};

}  // namespace renkei::domain
