// STIX 2.1 as Renkei writes it: the objects an item becomes, as plain values. No JSON here
// (the codec is http/stix/stix_json.h); the mapping from items is stix_mapping.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/sharing/sharing.h"

namespace renkei::domain::stix {

// The OASIS TLP 2.0 marking-definitions (cti-stix-common-objects, the TLP 2.0 extension):
// fixed ids, names and `tlp_2_0` values, created 2022-10-01. Every bundle carries all five
// and the extension-definition, so a consumer can resolve every object_marking_refs.
struct TlpMarking {
  Tlp tlp;
  const char* id;
  const char* name;
  const char* tlp_2_0;
};
inline constexpr TlpMarking kTlpMarkings[] = {
    {Tlp::kClear, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "TLP:CLEAR", "clear"},
    {Tlp::kGreen, "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "TLP:GREEN", "green"},
    {Tlp::kAmber, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "TLP:AMBER", "amber"},
    {Tlp::kAmberStrict, "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
     "TLP:AMBER+STRICT", "amber+strict"},
    {Tlp::kRed, "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "TLP:RED", "red"},
};
inline constexpr const char* kTlpExtensionId =
    "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
// CISA, the TLP 2.0 extension's creator (its created_by_ref; not carried in the bundle).
inline constexpr const char* kTlpExtensionCreator =
    "identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01";
inline constexpr const char* kTlpExtensionSchema =
    "https://github.com/oasis-open/cti-stix-common-objects/tree/master/"
    "extension-definition-specifications/tlp-2.0";
// 2022-10-01T00:00:00.000Z: the markings' and the extension-definition's created/modified.
inline constexpr Millis kTlpMarkingsCreated = 1664582400000;
const TlpMarking& MarkingOf(Tlp t);

// The kinds of object an item becomes.
enum class Type {
  kReport,
  kNote,
  kIdentity,
  kIndicator,
  kVulnerability,
  kCourseOfAction,
  kRelationship
};
const char* TypeName(Type t);  // "report", "course-of-action" …

struct ExternalReference {
  std::string source_name;  // "cve"
  std::string external_id;  // "CVE-2024-3400"
};

// One STIX Domain or Relationship Object: the common properties, then those of its type
// (the others stay empty and the codec writes only its type's).
struct Object {
  Type type = Type::kReport;
  std::string id;  // "<type>--<uuid v5>"
  Millis created = 0, modified = 0;
  std::string created_by_ref;  // the sender organisation's identity ("" for an identity)
  bool revoked = false;        // the item was withdrawn
  std::string lang;            // "ja" for the item's objects with text
  std::vector<std::string> object_marking_refs;
  std::vector<ExternalReference> external_references;  // vulnerability: the CVE
  std::string name;         // report, identity, indicator, vulnerability, course-of-action
  std::string description;  // report, indicator, course-of-action
  // report
  Millis published = 0;
  std::vector<std::string> report_types;
  std::vector<std::string> object_refs;  // report, note
  // note
  std::string abstract, content;
  // identity
  std::string identity_class;  // "organization"
  // indicator
  std::string pattern;  // STIX patterning, pattern_type "stix", pattern_version "2.1"
  Millis valid_from = 0;
  // relationship
  std::string relationship_type, source_ref, target_ref;
  // Renkei's own properties on the report or note (x_renkei_…): the item's kind, what the
  // sender asks recipients to do and by when, and an advisory's affected products.
  std::string x_kind;
  std::string x_action_requested;
  std::optional<Millis> x_action_due;
  std::vector<std::string> x_affected_products;
};

struct Bundle {
  std::string id;               // "bundle--<uuid v5>" over its objects' ids and versions
  std::vector<Object> objects;  // besides the TLP markings, which every bundle carries
  bool truncated = false;       // a list's items were cut at kMaxExportRows
};

}  // namespace renkei::domain::stix
