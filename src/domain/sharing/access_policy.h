// AccessPolicy: who may see, publish and manage shared items (architecture invariant 1).
//
// THE visibility rule. A signed-in user U in organisation O sees item I when
//   - U is I's author; or
//   - I is TLP:CLEAR (every signed-in user; anonymous readers too when I is public); or
//   - I is TLP:GREEN, AMBER or AMBER+STRICT and either O is I's sender organisation,
//     or O is one of I's recipient organisations and I names no roles or U holds one
//     of them; or
//   - I is TLP:RED and U is one of its named recipients.
// — all of that for a published I. A draft I (not yet published: saved, or waiting for
// approval) is seen by its author and, unless it is TLP:RED, by the publishers
// (IsPublisher) of its sender organisation, who may publish it; by nobody else, whatever
// its label or audience: it has no recipients yet.
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
// The label caps the audience (CheckAudience; docs/sharing.md has the table):
//   CLEAR         any sectors/hubs/organisations/roles, or none; may be public.
//   GREEN, AMBER  at least one sector, hub or organisation; roles optional.
//   AMBER+STRICT  named organisations only (no sectors, no hubs); roles optional.
//   RED           named people only (no sectors, hubs, organisations or roles).
// Mail carries the body text only for CLEAR and GREEN, and only when the sender asks.
#pragma once

#include <string>

#include "core/status.h"
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
  static Viewer ViewerOf(const Principal& p);
  // Publishers: hub analysts, ministry and national-centre officers, and the staff of
  // analysis centres (IPA, JPCERT/CC); vendors publish advisories only. Only national-
  // centre officers flag items urgent.
  static Status CheckPublish(const Principal& p, const std::string& org_kind,
                             const std::string& item_kind, bool urgent);
  // Publishes anything at all (the condition CanManage needs).
  static bool IsPublisher(const Principal& p, const std::string& org_kind);
  // Revise, withdraw, remind, attach, see deliveries: the author; for labels below RED
  // also the sender organisation's publishers (`can_publish`: IsPublisher).
  static bool CanManage(const Principal& p, const Item& item, bool can_publish);
  // The full audience list: managers and hub analysts; other recipients never see it.
  static bool CanSeeAudience(const Principal& p, const Item& item, bool can_manage);
  static Status CheckAudience(Tlp tlp, const Audience& a, bool is_public, bool mail_text);
};

}  // namespace renkei::domain
