// The STIX 2.1 JSON codec (docs/stix.md): domain::stix values to the bundle's JSON text,
// written with core/json_writer.h like every response. It sits in the HTTP layer because
// only src/http reads and writes JSON (ARCHITECTURE.md); what an item becomes is decided in
// domain/stix/stix_mapping.h, so this file only spells the objects.
#pragma once

#include <string>

#include "core/json_writer.h"
#include "domain/stix/stix.h"
#include "domain/stix/taxii_feed.h"

namespace renkei::http::stix {

// The media type of a STIX 2.1 bundle (STIX 2.1 §1.6: application/stix+json;version=2.1).
inline constexpr const char* kStixMediaType = "application/stix+json;version=2.1";

// The bundle as JSON: the TLP 2.0 extension-definition and the five marking-definitions
// first (every bundle, so any object_marking_refs resolves), then `b.objects` in order.
// Every object has spec_version "2.1"; empty optional properties are left out.
std::string WriteBundle(const domain::stix::Bundle& b);
// One object into `w` (the TAXII envelope's objects): an item's, or a fixed TLP object.
void WriteObject(JsonWriter& w, const domain::stix::Object& o);
void WriteFeedObject(JsonWriter& w, const domain::stix::FeedEntry& e);

}  // namespace renkei::http::stix
