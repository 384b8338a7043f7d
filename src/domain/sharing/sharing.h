// Shared items (alerts, advisories, reports), their audiences, versions, deliveries and
// attachments. Plain values, no JSON, no SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "domain/attachments.h"
#include "domain/principal.h"

namespace renkei::domain {

using ItemId = Id<struct ItemTag>;

// Item kinds as stored (items.kind) and named in the API. Pinned: stored rows and migration
// 0007's check hold these names; add a kind with a migration that widens the check.
// supply_chain_notice: an SME's support desk ticket shared with the operators it supplies
// (DeskService::Share only; AccessPolicy's supply-chain clause).
inline constexpr const char* kItemKinds[] = {"alert",
                                             "advisory",
                                             "analysis",
                                             "incident_summary",
                                             "near_miss_summary",
                                             "supply_chain_notice"};
inline constexpr const char* kSupplyChainNotice = "supply_chain_notice";

// Indicators of compromise shared with an item as structured data (from a report's
// anonymised summary; they go out over STIX/TAXII later).
inline constexpr const char* kIndicatorKinds[] = {"ipv4",  "ipv6", "domain", "url",
                                                  "email", "md5",  "sha1",   "sha256"};
struct Indicator {
  std::string kind;  // kIndicatorKinds
  std::string value;
  std::string note;
};

// TLP 2.0 labels, from the widest to the narrowest audience (the order compares labels;
// storage never sees it).
enum class Tlp { kClear, kGreen, kAmber, kAmberStrict, kRed };
// What storage keeps of a label (items.tlp, report_summaries.tlp), in one table used for
// writing and reading; also the API's and the mail's name. Pinned, like kRoleCodes.
struct TlpCode {
  Tlp tlp;
  const char* name;
};
inline constexpr TlpCode kTlpCodes[] = {{Tlp::kClear, "CLEAR"},
                                        {Tlp::kGreen, "GREEN"},
                                        {Tlp::kAmber, "AMBER"},
                                        {Tlp::kAmberStrict, "AMBER+STRICT"},
                                        {Tlp::kRed, "RED"}};
const char* TlpName(Tlp t);
std::optional<Tlp> ParseTlp(std::string_view name);

// Where an item is in its life (items.state, the API's `state`): saved as a draft (reaches
// nobody), waiting for a second publisher's approval (決裁待ち), or published. Pinned:
// migration 0011's check holds these names.
enum class ItemState { kDraft, kPendingApproval, kPublished };
struct ItemStateCode {
  ItemState state;
  const char* name;
};
inline constexpr ItemStateCode kItemStates[] = {{ItemState::kDraft, "draft"},
                                                {ItemState::kPendingApproval, "pending_approval"},
                                                {ItemState::kPublished, "published"}};
const char* ItemStateName(ItemState s);
std::optional<ItemState> ParseItemState(std::string_view name);

// Who an item is addressed to. Organisations are reached through any of sectors, hubs
// (their member organisations) and named organisations; `roles` (if any) narrows the
// people in those organisations; `user_ids` names people (RED only).
struct Audience {
  std::vector<std::string> sector_ids;
  std::vector<HubId> hub_ids;
  std::vector<OrgId> org_ids;
  std::vector<Role> roles;
  std::vector<UserId> user_ids;
  bool empty() const {
    return sector_ids.empty() && hub_ids.empty() && org_ids.empty() && user_ids.empty();
  }
};

// The content of an item that a revision may change (kept per version).
struct ItemContent {
  std::string title;
  std::string body;              // Markdown
  std::string action_requested;  // what the sender asks recipients to do ("" = nothing)
  std::optional<Millis> action_due_at;
  // Vulnerability advisories.
  std::vector<std::string> cve_ids;
  std::vector<std::string> affected_products;  // "product versions", one per entry
  std::string detection;                       // how to check for compromise
  std::string mitigation;
};

// Whether a revision from `before` to `after` asks recipients to acknowledge again: it
// changed the requested action or its due time. Other changes keep acknowledgements.
inline bool ChangesTheRequest(const ItemContent& before, const ItemContent& after) {
  return before.action_requested != after.action_requested ||
         before.action_due_at != after.action_due_at;
}

// The windows every delivery rate is counted in: within 1 h, 4 h and 24 h of the moment
// the item asked (publication, a revision that asked again, a relay's publication).
inline constexpr Millis kRateWindows[3] = {3600LL * 1000, 4 * 3600LL * 1000, 24 * 3600LL * 1000};
inline constexpr const char* kRateWindowNames[3] = {"1h", "4h", "24h"};

struct DeliveryCounts {
  std::int64_t people = 0, read = 0, acknowledged = 0;
};

// Exercise items (architecture invariant 7): the mark every exercise artefact carries in
// its title, mail subject and body, and the banner line of its mail and pages.
inline constexpr std::string_view kExerciseMark = "【演習】";
inline constexpr std::string_view kExerciseBanner =
    "【演習】これは演習です。実際の事案ではありません。 / EXERCISE — not a real incident.";

struct Item {
  ItemId id;
  std::string kind;
  Tlp tlp = Tlp::kClear;
  ItemState state = ItemState::kPublished;
  bool withdrawn = false;
  int version = 1;
  // The version whose acknowledgement counts: the latest that changed the requested
  // action or its due time (ChangesTheRequest); 1 until one does.
  int ack_version = 1;
  // The current version's reason and the file it added (both empty for version 1), and
  // when it was made (none for version 1): what recipients see on top as 更新あり.
  std::string revision_note;
  std::string revision_file;
  std::optional<Millis> revised_at;
  UserId author_id;
  std::string author_name;  // read-only, joined
  OrgId sender_org_id;
  std::string sender_org_name_ja;  // read-only, joined
  std::string sender_org_name_en;  // read-only, joined
  bool is_public = false;          // CLEAR only: readable on the public page without sign-in
  bool urgent = false;             // national centre only: mailed even to users who turned mail off
  bool mail_text = false;          // CLEAR/GREEN only: the mail carries the body text
  // The security clearance a reader must hold (clearance.h rank; 0: none). Fixed at
  // publication; never CLEAR or public, never mailed, relayed, exported or served over TAXII;
  // lists carry no title for it (only the opened, audited item does).
  int clearance = 0;
  ItemContent content;
  Audience audience;
  Millis published_at = 0;
  Millis updated_at = 0;
  // The exercise this item belongs to (0: a real item). Exercise items reach only their
  // exercise's participants and never a real list, count, search or page (access_policy.h).
  std::int64_t exercise_id = 0;
  std::optional<Millis> withdrawn_at;
  std::string withdrawn_reason;
  // A draft an approver returned (差戻し): why and when (empty once submitted again).
  std::string return_reason;
  std::optional<Millis> returned_at;
  // The caller's own delivery, when the item was delivered to them. A revision makes it
  // unread again (my_read_at empty); one that changes the request clears
  // my_acknowledged_at (the earlier acknowledgement stays in the history).
  std::optional<Millis> my_delivered_at, my_read_at, my_acknowledged_at;
  // Relay (展開, docs/relay.md): the item this one relayed and the chain's first item (both
  // none for an item published as such), how many relays lie between (0 for the first),
  // and the relayer's own note. Sent by the relaying organisation; content and indicators
  // are the relayed item's, copied when relayed.
  std::optional<ItemId> relayed_from;
  std::optional<ItemId> relay_root;
  int relay_depth = 0;
  std::string relay_note;
  ItemId root_id() const { return relay_root.value_or(id); }
  // The sender's follow-up in 自組織が発信 (scope "sent"), only for a caller who may manage
  // the item (AccessPolicy::CanManage, the delivery table's rule): how many recipients
  // read the current version and acknowledged the request that counts.
  std::optional<DeliveryCounts> follow_up;
};

struct ItemVersion {
  int version = 0;
  ItemContent content;
  UserId edited_by;
  std::string edited_by_name;
  Millis edited_at = 0;
  std::string note;        // why it was revised
  std::string added_file;  // the file name, for a version made by adding a file
};

// Listing: "inbox" = delivered to me; "all" = everything published I may see; "sent" =
// published by my organisation; "drafts" = the drafts I may see (AccessPolicy) and my own
// items awaiting approval; "pending" = 決裁待ち, my organisation's items awaiting approval
// that someone else wrote (those I may approve).
struct ItemFilter {
  std::string scope = "inbox";
  bool unread_only = false;
  bool action_outstanding = false;  // requested action not yet acknowledged by me
  std::string kind;
  std::optional<Tlp> tlp;
  std::string sector_id;
  std::optional<Millis> since, until;  // published_at range, [since, until)
  std::string query_folded;            // FoldForSearch()ed substring
  bool public_only = false;            // CLEAR items made public (the anonymous page)
  std::int64_t before_id = 0;          // cursor: newest first
  int limit = 50;
  // 0: real items only (every real list, count and search); otherwise only that
  // exercise's items (the exercise's own views; ExerciseService sets it, never a query).
  std::int64_t exercise_id = 0;
  // Lists leave each item's body out; an export that carries the text asks for it (the
  // STIX list: a report's description), and then never lists what requires a clearance.
  // Set by services, never by a query.
  bool with_body = false;
};

// A published item with its indicators, as the TAXII feed reads them (ListFeedItems).
struct FeedItem {
  Item item;
  std::vector<Indicator> indicators;
};

struct ItemPage {
  std::vector<Item> items;
  std::optional<std::int64_t> next_before_id;
};

struct ItemCounts {
  std::int64_t inbox = 0;
  std::int64_t unread = 0;
  std::int64_t action_outstanding = 0;
};

// The facts a visibility check needs about the viewer (see AccessPolicy).
struct Viewer {
  UserId user_id;
  OrgId org_id;
  std::int64_t role_mask = 0;
  // The reading instant: a clearance or certification that ended before it grants nothing.
  Millis now = 0;
};

// An item a sender organisation sent that requests an action, with how many of its
// recipients acknowledged the request that counts now (the home page's follow-up).
struct SentRate {
  Item item;  // id, tlp, author, sender, title, action due, published_at
  std::int64_t people = 0, acknowledged = 0;
};

// The deliveries of one item sent to the organisations of one sector (an organisation in
// several sectors counts in each), as the store tallies them.
struct SentSectorCount {
  ItemId item_id;
  Tlp tlp = Tlp::kRed;  // with the author: whether the caller manages the item
  UserId author_id;
  std::string sector_id;
  std::int64_t people = 0, acknowledged = 0;
};

// One sector's row of the government board: of the items in SentRates (the caller's
// organisation's, last 30 days, requesting an action, managed by the caller), how many
// reached someone in the sector, and their deliveries there and acknowledgements.
struct SectorAckRate {
  std::string sector_id;
  std::int64_t items = 0, people = 0, acknowledged = 0;
};

struct DeliveryRow {
  UserId user_id;
  std::string user_name;
  std::string email;
  OrgId org_id;
  std::string org_name_ja, org_name_en;
  Millis delivered_at = 0;
  // Reading of the current version; the acknowledgement that counts (of ack_version or
  // later).
  std::optional<Millis> read_at, acknowledged_at;
  // The person's latest acknowledgement and the version it was given at, also one that a
  // later change of the request no longer counts (then acknowledged_at is empty).
  std::optional<int> last_acknowledged_version;
  std::optional<Millis> last_acknowledged_at;
};

// The sender's delivery table, narrowed and ordered (GET /items/{id}/deliveries): the
// store joins only the fragments of the set filters (invariant 8).
enum class DeliverySort { kOrganisation, kPerson, kReadAt, kAcknowledgedAt };
inline constexpr const char* kDeliverySorts[] = {"organisation", "person", "read_at",
                                                 "acknowledged_at"};
// 未確認のみ: who has not done what the item asks — acknowledged an item that requests an
// action, read one that requests none. The service decides which from the item.
enum class DeliveryPending { kAny, kUnread, kUnacknowledged };
struct DeliveryFilter {
  bool pending_only = false;  // as the caller asks; the service sets `pending` from it
  DeliveryPending pending = DeliveryPending::kAny;
  std::string sector_id;         // recipients' organisations in this sector
  std::string org_query_folded;  // FoldForSearch()ed part of the organisation's name
  DeliverySort sort = DeliverySort::kOrganisation;
  bool descending = false;
  bool any() const { return pending_only || !sector_id.empty() || !org_query_folded.empty(); }
};

// A relay chain is at most this deep (the national centre, a ministry, a hub, an operator's
// colleagues and some slack); a deeper relay is refused.
inline constexpr size_t kMaxRelayDepth = 8;

// One item of a relay chain as the provenance line names it: its sender organisation.
struct RelayLink {
  ItemId item_id;
  std::optional<ItemId> relayed_from;
  OrgId sender_org_id;
  std::string sender_name_ja, sender_name_en;
  Tlp tlp = Tlp::kRed;
  UserId author_id;
  std::string author_name;
  Millis published_at = 0;
  int depth = 0;
};

// One hop's deliveries as the store tallies them (one grouped query over a chain): its
// recipients, and how many read / acknowledged at all and within each kRateWindows of
// the hop's own publication, and acknowledged within 24 h of the chain's first item.
struct HopCounts {
  ItemId item_id;
  std::int64_t organisations = 0, people = 0, read = 0, acknowledged = 0;
  std::int64_t read_within[3] = {0, 0, 0};
  std::int64_t acknowledged_within[3] = {0, 0, 0};
  std::int64_t acknowledged_within_day_of_root = 0;
  std::optional<Millis> last_acknowledged_at;
};

inline constexpr const char* kNotifyModes[] = {"immediate", "digest", "off"};

}  // namespace renkei::domain
