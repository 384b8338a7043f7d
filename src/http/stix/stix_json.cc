#include "http/stix/stix_json.h"

#include "core/json_writer.h"
#include "core/time_format.h"

namespace renkei::http::stix {
namespace {

using domain::stix::Object;
using domain::stix::Type;

void Time(JsonWriter& w, std::string_view key, Millis ms) { w.Field(key, FormatRfc3339Utc(ms)); }

void WriteExtension(JsonWriter& w) {
  using namespace domain::stix;
  w.BeginObject()
      .Field("type", "extension-definition")
      .Field("spec_version", "2.1")
      .Field("id", kTlpExtensionId)
      .Field("created_by_ref", kTlpExtensionCreator);
  Time(w, "created", kTlpMarkingsCreated);
  Time(w, "modified", kTlpMarkingsCreated);
  w.Field("name", "TLP 2.0")
      .Field("description", "This defines TLP 2.0 as a STIX extension")
      .Field("schema", kTlpExtensionSchema)
      .Field("version", "1.0.0")
      .Field("extension_types", std::vector<std::string>{"property-extension"})
      .EndObject();
}

void WriteMarking(JsonWriter& w, const domain::stix::TlpMarking& m) {
  using namespace domain::stix;
  {
    w.BeginObject()
        .Field("type", "marking-definition")
        .Field("spec_version", "2.1")
        .Field("id", m.id);
    Time(w, "created", kTlpMarkingsCreated);
    w.Field("name", m.name).Key("extensions").BeginObject().Key(kTlpExtensionId).BeginObject();
    w.Field("extension_type", "property-extension").Field("tlp_2_0", m.tlp_2_0);
    w.EndObject().EndObject().EndObject();
  }
}

void WriteMarkings(JsonWriter& w) {
  WriteExtension(w);
  for (const auto& m : domain::stix::kTlpMarkings) WriteMarking(w, m);
}

void NonEmpty(JsonWriter& w, std::string_view key, const std::string& v) {
  if (!v.empty()) w.Field(key, v);
}

}  // namespace

void WriteObject(JsonWriter& w, const Object& o) {
  w.BeginObject()
      .Field("type", domain::stix::TypeName(o.type))
      .Field("spec_version", "2.1")
      .Field("id", o.id);
  NonEmpty(w, "created_by_ref", o.created_by_ref);
  Time(w, "created", o.created);
  Time(w, "modified", o.modified);
  if (o.revoked) w.Field("revoked", true);
  NonEmpty(w, "lang", o.lang);
  if (!o.object_marking_refs.empty()) w.Field("object_marking_refs", o.object_marking_refs);
  if (!o.external_references.empty()) {
    w.Key("external_references").BeginArray();
    for (const auto& r : o.external_references) {
      w.BeginObject()
          .Field("source_name", r.source_name)
          .Field("external_id", r.external_id)
          .EndObject();
    }
    w.EndArray();
  }
  switch (o.type) {
    case Type::kReport:
      w.Field("name", o.name);
      NonEmpty(w, "description", o.description);
      w.Field("report_types", o.report_types);
      Time(w, "published", o.published);
      w.Field("object_refs", o.object_refs);
      break;
    case Type::kNote:
      NonEmpty(w, "abstract", o.abstract);
      w.Field("content", o.content).Field("object_refs", o.object_refs);
      break;
    case Type::kIdentity:
      w.Field("name", o.name);
      NonEmpty(w, "identity_class", o.identity_class);
      break;
    case Type::kIndicator:
      w.Field("name", o.name);
      NonEmpty(w, "description", o.description);
      w.Field("pattern", o.pattern).Field("pattern_type", "stix").Field("pattern_version", "2.1");
      Time(w, "valid_from", o.valid_from);
      break;
    case Type::kVulnerability:
      w.Field("name", o.name);
      NonEmpty(w, "description", o.description);
      break;
    case Type::kCourseOfAction:
      w.Field("name", o.name);
      NonEmpty(w, "description", o.description);
      break;
    case Type::kRelationship:
      w.Field("relationship_type", o.relationship_type)
          .Field("source_ref", o.source_ref)
          .Field("target_ref", o.target_ref);
      break;
  }
  NonEmpty(w, "x_renkei_kind", o.x_kind);
  NonEmpty(w, "x_renkei_action_requested", o.x_action_requested);
  if (o.x_action_due) Time(w, "x_renkei_action_due", *o.x_action_due);
  if (!o.x_affected_products.empty()) {
    w.Field("x_renkei_affected_products", o.x_affected_products);
  }
  w.EndObject();
}

void WriteFeedObject(JsonWriter& w, const domain::stix::FeedEntry& e) {
  if (!e.marking) return WriteObject(w, e.object);
  if (e.marking_id == domain::stix::kTlpExtensionId) return WriteExtension(w);
  for (const auto& m : domain::stix::kTlpMarkings)
    if (e.marking_id == m.id) return WriteMarking(w, m);
}

std::string WriteBundle(const domain::stix::Bundle& b) {
  JsonWriter w;
  w.BeginObject().Field("type", "bundle").Field("id", b.id).Key("objects").BeginArray();
  WriteMarkings(w);
  for (const auto& o : b.objects) WriteObject(w, o);
  w.EndArray().EndObject();
  return w.Take();
}

}  // namespace renkei::http::stix
