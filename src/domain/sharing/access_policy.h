// AccessPolicy: who may see, publish and manage shared items (architecture invariant 1).
//
// THE visibility rule. A signed-in user U in organisation O sees item I when
//   - U is I's author; or
//   - I is TLP:CLEAR (every signed-in user; anonymous readers too when I is public); or
//   - I is TLP:GREEN, AMBER or AMBER+STRICT and either O is I's sender organisation,
//     or O is one of I's recipient organisations and I names no roles or U holds one
//     of them; or
//   - I is TLP:RED and U is one of its named recipients.
// — all of that for a published I. A draft I (saved, not published) is seen by its author
// and, unless it is TLP:RED, by the publishers (IsPublisher) of its sender organisation,
// who may publish it. An I awaiting approval (決裁待ち: AMBER+STRICT or RED of an
// organisation that requires approval) is seen by its author and by the publishers of its
// sender organisation, TLP:RED included — they must read it to approve it (CanApprove).
// Neither is seen by anybody else, whatever its label or audience: it has no recipients
// yet.
// Recipient organisations are fixed when I is published: the active organisations in
// its sectors, the members and secretariats of its hubs, and the organisations it
// names. Administrators get no exception. The rule has exactly one implementation,
// the SQL predicate in storage/stores/sql_sharing_store.cc (kVisible), which every read
// path (get, list, search, counts, attachments) goes through with ViewerOf(principal);
// mail goes only to delivery rows, which FanOut creates from the same recipients.
// What a caller may not see answers 404.
//
// Exercise items (items.exercise_id set; architecture invariant 7) follow the same rule
// without "TLP:CLEAR is everyone's": their author, their sender organisation and the
// recipients they were addressed to (the exercise's players), and no one else. They are
// never drafts, public or urgent. And they are never LISTED with real items: every list,
// count, search, home tile and rate, the public page and exports keep to real items
// (kRealItemsOnly beside kVisible); an exercise's items are listed only in its own view
// (ItemFilter::exercise_id, set by ExerciseService alone). docs/exercises.md.
//
// Clearance (セキュリティクリアランス, issue 21; domain/directory/clearance.h): an item may
// require a clearance level on top of its label and audience (Item::clearance). Then, on
// top of everything above — author, drafts and approvals included — U sees I only while
// U is cleared for that level at the reading instant (a valid clearance of that level or
// higher, in an organisation with a valid certification as a handler): the same one
// predicate kVisible, its clause `Cleared`, with the reading instant bound ($4,
// Viewer::now); an expiry or revocation ends access at the next read. Such an item:
//   - is labelled GREEN, AMBER, AMBER+STRICT or RED, never CLEAR or public, never mails
//     its text (the mail is a notice with neither title nor text), and is sent only by a
//     publisher cleared for its level now (CheckNewItem);
//   - is delivered (fan-out, hence its mail notice) only to recipients cleared when it is
//     published; someone cleared later sees it through kVisible without a delivery row;
//   - is never relayed (relay_forbidden: clearance_not_relayable), exported (STIX, the
//     STIX list) or served over TAXII (kUnclassifiedOnly), never found by a search, and
//     lists carry neither its title nor its content: only the opened item does, and every
//     read of it (item, versions, files), its author's too, appends an audit row.
//
// The label caps the audience (CheckAudience; docs/sharing.md has the table):
//   CLEAR         any sectors/hubs/organisations/roles, or none; may be public.
//   GREEN, AMBER  at least one sector, hub or organisation; roles optional.
//   AMBER+STRICT  named organisations only (no sectors, no hubs); roles optional.
//   RED           named people only (no sectors, hubs, organisations or roles).
// Mail carries the body text only for CLEAR and GREEN, and only when the sender asks.
//
// Supply-chain notices (kind supply_chain_notice, docs/desk.md): an SME's support desk
// ticket shared with the critical-infrastructure operators the SME supplies. Only
// DeskService::Share sends them — the desk's rule decides who may (the SME's people, or its
// desk agents with the SME's consent) and to whom (the contract's customers, nobody else);
// here (CheckSupplyChainNotice) the label is GREEN, AMBER or AMBER+STRICT and the audience
// named organisations only, never public, urgent or a draft. The sender organisation is the
// SME, or the desk's provider when an agent shares; neither needs to be a publisher. Any
// other path (POST /items, drafts) naming the kind is refused.
//
// Relay (展開, docs/relay.md): a recipient of a published, not withdrawn item passes it on
// as a new item sent by its own organisation (CanRelay, CheckRelayLabel,
// CheckRelayAudience):
//   - who: a recipient (the item was delivered to them) who publishes (IsPublisher), or a
//     member of an operator (Role::kMember), who relays only within its own organisation;
//   - to whom (least privilege, the relayer's own chain): its own organisation always; a
//     hub analyst also the hubs its organisation runs the secretariat of and their member
//     organisations; a ministry officer (the national centre: every sector) also the
//     sectors it oversees (OverseenSectors), the hubs of those sectors and the
//     organisations in them; nothing else, whatever the label would allow;
//   - the label stays or tightens (CLEAR < GREEN < AMBER < AMBER+STRICT, the order of Tlp);
//     TLP:RED is never relayed nor relayed as; the audience must fit the new label's caps
//     (CheckAudience), and a relay is never public.
// The relayed item is an item like any other for visibility (kVisible, its own audience);
// its provenance names the chain's sender organisations to whoever sees it, and links to
// an item of the chain only for a viewer whom kVisible lets see that item.
// How it was relayed (GET /items/{id}/relays) is for whoever manages the item (CanManage):
// that item and every relay below it.
#pragma once

#include <string>

#include "core/status.h"
#include "domain/directory/directory.h"
#include "domain/principal.h"
#include "domain/sharing/sharing.h"

namespace renkei::domain {

// Who publishes (IsPublisher): holders of these roles, and everyone in an organisation of
// these kinds; written once here for the service and the draft clause of kVisible.
inline constexpr Role kPublisherRoles[] = {Role::kHubAnalyst, Role::kMinistryOfficer,
                                           Role::kNationalCentreOfficer};
inline constexpr const char* kPublisherOrgKinds[] = {"analysis_centre", "vendor"};

class AccessPolicy {
 public:
  // `now`: the reading instant, against which clearances are valid (clearance.h).
  static Viewer ViewerOf(const Principal& p, Millis now);
  // Publishers: hub analysts, ministry and national-centre officers, and the staff of
  // analysis centres (IPA, JPCERT/CC); vendors publish advisories only. Only national-
  // centre officers flag items urgent.
  static Status CheckPublish(const Principal& p, const std::string& org_kind,
                             const std::string& item_kind, bool urgent);
  // The label and audience a supply-chain notice may have (the clause above).
  static Status CheckSupplyChainNotice(Tlp tlp, const Audience& a, bool is_public, bool urgent);
  // Publishes anything at all (the condition CanManage needs).
  static bool IsPublisher(const Principal& p, const std::string& org_kind);
  // Revise, withdraw, remind, attach, see deliveries: the author; for labels below RED
  // also the sender organisation's publishers (`can_publish`: IsPublisher).
  static bool CanManage(const Principal& p, const Item& item, bool can_publish);
  // 決裁: whether an item of this label from an organisation that requires approval waits
  // for a second publisher before it leaves (AMBER+STRICT and RED).
  static bool NeedsApproval(Tlp tlp, bool org_requires_approval);
  // Approve or return an item awaiting approval: a publisher of its sender organisation
  // other than its author (never the author).
  static bool CanApprove(const Principal& p, const Item& item, bool can_publish);
  // The full audience list: managers (`can_manage`: CanManage, or CanApprove — an approver
  // sees whom it approves sending to) and hub analysts; other recipients never see it.
  static bool CanSeeAudience(const Principal& p, const Item& item, bool can_manage);
  static Status CheckAudience(Tlp tlp, const Audience& a, bool is_public, bool mail_text);

  // Relay. Whether `p` may relay at all (`publisher`: IsPublisher); 403 relay_forbidden.
  static Status CanRelay(const Principal& p, bool publisher);
  // `relayed` keeps or tightens `original`; neither is RED.
  static Status CheckRelayLabel(Tlp original, Tlp relayed);
  // Every sector, hub and organisation `a` names is within `p`'s own chain (above).
  // `sectors`: the directory's sectors; `hubs` / `orgs`: the named hubs and organisations,
  // in the audience's order.
  static Status CheckRelayAudience(const Principal& p, bool publisher, const Audience& a,
                                   const std::vector<Sector>& sectors, const std::vector<Hub>& hubs,
                                   const std::vector<Organisation>& orgs);
};

}  // namespace renkei::domain
