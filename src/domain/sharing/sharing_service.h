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
  std::vector<Indicator> indicators;
  // An exercise item (ExerciseService only): its title must carry kExerciseMark, its label
  // be GREEN or AMBER(+STRICT), never public or urgent (CheckNewItem refuses otherwise).
  std::int64_t exercise_id = 0;
};

// A directory entry named in an audience, as the item page shows it (never a bare id).
struct AudienceName {
  std::int64_t id = 0;
  std::string name_ja;
  std::string name_en;  // the organisation's English name; empty for people
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
  bool can_see_audience = false;
  bool is_recipient = false;
};

struct PublishResult {
  ItemView view;
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
  Result<std::vector<ItemVersion>> Versions(const Principal& p, ItemId id);
  Result<ItemPage> List(const Principal& p, ItemFilter filter);
  Result<ItemCounts> Counts(const Principal& p);
  Result<ItemView> Acknowledge(const Actor& actor, ItemId id);
  // The delivery table for whoever may manage the item (AccessPolicy::CanManage).
  Result<DeliveryReport> Deliveries(const Principal& p, ItemId id, DeliveryFilter filter = {});
  // The same table to be exported: the same rule and filter, the rows cut at kMaxExportRows,
  // and the audit entry of the export in the same transaction.
  Result<DeliveryReport> ExportDeliveries(const Actor& actor, ItemId id, DeliveryFilter filter,
                                          const ExportRequest& req);
  // The items sent since `since` by the caller's organisation that request an action and
  // that the caller manages (whose deliveries the caller may see), lowest share of
  // acknowledgements first; empty for someone who does not publish.
  Result<std::vector<SentRate>> SentRates(const Principal& p, Millis since);
  // The same items' deliveries and acknowledgements per recipient sector, for the sectors
  // the caller oversees (OverseenSectors: the national centre every sector, a ministry its
  // own), in directory order, sectors nothing reached left out; empty for anyone else.
  Result<std::vector<SectorAckRate>> SentRatesBySector(const Principal& p, Millis since);
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
  // `draft` set that draft as stored.
  Result<PublishResult> PublishAs(TxMode mode, const Actor& actor, const NewItem* in,
                                  const WithinPublish& within, ItemId draft = ItemId());
  // The checks of `in` Publish makes (content, label and audience, the publisher, every
  // named sector, hub, organisation and person); `draft`: an empty audience passes.
  Status CheckNewItem(Stores& s, const Principal& p, const NewItem& in, bool draft);
  // A draft the caller may change (404 unseen, 403 not theirs to manage, 409 published).
  Result<Item> Draft(Stores& s, const Principal& p, ItemId id);
  // Revise and Remind in a transaction of `mode`; `reach` (if set) is counted inside it.
  Result<ItemView> ReviseAs(TxMode mode, const Actor& actor, ItemId id, const ItemContent& content,
                            const std::string& note, Reach* reach, std::int64_t& queued);
  Result<std::int64_t> RemindAs(TxMode mode, const Actor& actor, ItemId id, Reach* reach);
  // `publisher`: IsPublisher(s, p), looked up once per transaction.
  Result<ItemView> ViewOf(Stores& s, const Principal& p, bool publisher, Item item);
  Result<Item> Visible(Stores& s, const Principal& p, ItemId id);
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
