// Items → STIX 2.1 (docs/stix.md has the table). Pure: the same item, version and
// indicators always give the same objects, ids and bytes.
//
// - An alert without structured indicators becomes a `note` (a short word from the
//   sender about the vulnerabilities and guidance it names, or about the sender); every
//   other item a `report` whose object_refs name everything else of the item.
// - Each indicator becomes an `indicator` with a STIX pattern (IndicatorPattern), each CVE a
//   `vulnerability`, the mitigation and the detection guidance a `course-of-action` each;
//   the mitigation `mitigates` every vulnerability, the detection `investigates` every
//   indicator (relationships).
// - The sender organisation is an `identity` (for a report's anonymised summary that is the
//   hub that published it: the reporter is never named, the link to the report is not read),
//   the created_by_ref of all the item's objects.
// - Ids are UUID v5 over kNamespace and the thing's identity (the item's id, the
//   indicator's kind and value, the CVE …), so two exports and every revision name the same
//   objects; created is the publication, modified the latest revision (the withdrawal for a
//   withdrawn item, whose objects are all revoked). Every object carries the item's TLP
//   marking; texts are as written, lang "ja".
#pragma once

#include <string>
#include <vector>

#include "core/uuid.h"
#include "domain/stix/stix.h"

namespace renkei::domain::stix {

// Renkei's namespace for its STIX ids (fixed: changing it renames every exported object).
inline constexpr const char* kNamespace = "4d1b8a3e-2f6c-4e0a-9b57-6c3e8f1a2d90";

// The organisation that sent an item, as its identity shows it.
struct Sender {
  OrgId id;
  std::string name_ja, name_en;
  Millis created_at = 0, updated_at = 0;
};

// What one item exports: the item as the caller may see it, its indicators and its sender.
struct ItemExport {
  Item item;
  std::vector<Indicator> indicators;
  Sender sender;
};

// "<type>--<UuidV5(kNamespace, name)>".
std::string StixId(Type type, const std::string& name);

// The STIX pattern of one indicator, e.g. [ipv4-addr:value = '192.0.2.1'],
// [file:hashes.'SHA-256' = '…']; quotes and backslashes in the value escaped (\' and \\).
// "" for a kind outside kIndicatorKinds.
std::string IndicatorPattern(const Indicator& ind);

// The bundle of `items`, in their order; one identity per sender.
Bundle ToBundle(const std::vector<ItemExport>& items, bool truncated = false);

}  // namespace renkei::domain::stix
