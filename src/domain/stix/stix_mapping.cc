#include "domain/stix/stix_mapping.h"

#include <algorithm>
#include <set>
#include <string_view>

namespace renkei::domain::stix {

const TlpMarking& MarkingOf(Tlp t) {
  for (const auto& m : kTlpMarkings) {
    if (m.tlp == t) return m;
  }
  return kTlpMarkings[4];  // RED: never wider than asked
}

const char* TypeName(Type t) {
  switch (t) {
    case Type::kReport:
      return "report";
    case Type::kNote:
      return "note";
    case Type::kIdentity:
      return "identity";
    case Type::kIndicator:
      return "indicator";
    case Type::kVulnerability:
      return "vulnerability";
    case Type::kCourseOfAction:
      return "course-of-action";
    case Type::kRelationship:
      return "relationship";
  }
  return "report";
}

namespace {

const Uuid& Namespace() {
  static const Uuid ns = *ParseUuid(kNamespace);
  return ns;
}

std::string PatternString(std::string_view v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

// The item's objects share these: created at publication, modified at the latest change,
// revoked once withdrawn, made by the sender, marked with the label.
struct Common {
  Millis created = 0, modified = 0;
  bool revoked = false;
  std::string creator;
  std::string marking;
};

Object Base(Type type, const std::string& name, const Common& c) {
  Object o;
  o.type = type;
  o.id = StixId(type, name);
  o.created = c.created;
  o.modified = c.modified;
  o.created_by_ref = c.creator;
  o.revoked = c.revoked;
  o.lang = "ja";
  o.object_marking_refs = {c.marking};
  return o;
}

void AddItem(const ItemExport& e, const std::string& creator, std::vector<Object>& out) {
  const Item& it = e.item;
  const std::string key = "item/" + std::to_string(it.id.value);
  Common c;
  c.created = it.published_at;
  c.modified = std::max(it.published_at, it.revised_at.value_or(it.published_at));
  if (it.withdrawn) {
    c.revoked = true;
    c.modified = std::max(c.modified, it.withdrawn_at.value_or(c.modified));
  }
  c.creator = creator;
  c.marking = MarkingOf(it.tlp).id;

  std::vector<Object> parts;
  std::vector<std::string> indicator_ids, vulnerability_ids;
  std::set<std::string> seen;
  for (const auto& ind : e.indicators) {
    const std::string pattern = IndicatorPattern(ind);
    if (pattern.empty() || !seen.insert(ind.kind + "\n" + ind.value).second) continue;
    Object o = Base(Type::kIndicator, key + "/indicator/" + ind.kind + "/" + ind.value, c);
    o.name = ind.value;
    o.description = ind.note;
    o.pattern = pattern;
    o.valid_from = it.published_at;
    indicator_ids.push_back(o.id);
    parts.push_back(std::move(o));
  }
  for (const auto& raw : it.content.cve_ids) {
    const std::string cve = Upper(raw);
    if (cve.empty() || !seen.insert("cve\n" + cve).second) continue;
    Object o = Base(Type::kVulnerability, key + "/vulnerability/" + cve, c);
    o.name = cve;
    o.external_references = {{"cve", cve}};
    vulnerability_ids.push_back(o.id);
    parts.push_back(std::move(o));
  }
  std::vector<Object> relationships;
  auto relate = [&](const Object& from, const char* type, const std::string& to) {
    Object r =
        Base(Type::kRelationship, key + "/relationship/" + type + "/" + from.id + "/" + to, c);
    r.relationship_type = type;
    r.source_ref = from.id;
    r.target_ref = to;
    relationships.push_back(std::move(r));
  };
  if (!it.content.mitigation.empty()) {
    Object o = Base(Type::kCourseOfAction, key + "/course-of-action/mitigation", c);
    o.name = "対策: " + it.content.title;
    o.description = it.content.mitigation;
    for (const auto& v : vulnerability_ids) relate(o, "mitigates", v);
    parts.push_back(std::move(o));
  }
  if (!it.content.detection.empty()) {
    Object o = Base(Type::kCourseOfAction, key + "/course-of-action/detection", c);
    o.name = "検知: " + it.content.title;
    o.description = it.content.detection;
    for (const auto& i : indicator_ids) relate(o, "investigates", i);
    parts.push_back(std::move(o));
  }

  const bool note = it.kind == "alert" && indicator_ids.empty();
  Object head = Base(note ? Type::kNote : Type::kReport, key, c);
  head.object_refs.push_back(creator);
  for (const auto& p : parts) head.object_refs.push_back(p.id);
  for (const auto& r : relationships) head.object_refs.push_back(r.id);
  if (note) {
    head.abstract = it.content.title;
    head.content = it.content.body;
  } else {
    head.name = it.content.title;
    head.description = it.content.body;
    head.published = it.published_at;
    head.report_types = {!vulnerability_ids.empty() ? "vulnerability"
                         : !indicator_ids.empty()   ? "indicator"
                                                    : "threat-report"};
  }
  head.x_kind = it.kind;
  head.x_action_requested = it.content.action_requested;
  head.x_action_due = it.content.action_due_at;
  head.x_affected_products = it.content.affected_products;
  out.push_back(std::move(head));
  for (auto& p : parts) out.push_back(std::move(p));
  for (auto& r : relationships) out.push_back(std::move(r));
}

}  // namespace

std::string StixId(Type type, const std::string& name) {
  return std::string(TypeName(type)) + "--" + FormatUuid(UuidV5(Namespace(), name));
}

std::string IndicatorPattern(const Indicator& ind) {
  std::string path;
  if (ind.kind == "ipv4") {
    path = "ipv4-addr:value";
  } else if (ind.kind == "ipv6") {
    path = "ipv6-addr:value";
  } else if (ind.kind == "domain") {
    path = "domain-name:value";
  } else if (ind.kind == "url") {
    path = "url:value";
  } else if (ind.kind == "email") {
    path = "email-addr:value";
  } else if (ind.kind == "md5") {
    path = "file:hashes.MD5";
  } else if (ind.kind == "sha1") {
    path = "file:hashes.'SHA-1'";
  } else if (ind.kind == "sha256") {
    path = "file:hashes.'SHA-256'";
  } else {
    return "";
  }
  return "[" + path + " = " + PatternString(ind.value) + "]";
}

Bundle ToBundle(const std::vector<ItemExport>& items, bool truncated) {
  Bundle b;
  b.truncated = truncated;
  std::set<std::int64_t> senders;
  for (const auto& e : items) {
    const std::string creator =
        StixId(Type::kIdentity, "organisation/" + std::to_string(e.sender.id.value));
    if (senders.insert(e.sender.id.value).second) {
      Object o;
      o.type = Type::kIdentity;
      o.id = creator;
      o.created = e.sender.created_at;
      o.modified = std::max(e.sender.created_at, e.sender.updated_at);
      o.name = e.sender.name_ja;
      o.identity_class = "organization";
      o.lang = "ja";
      // The directory's names are CLEAR: who sent something is what every recipient reads.
      o.object_marking_refs = {MarkingOf(Tlp::kClear).id};
      b.objects.push_back(std::move(o));
    }
    AddItem(e, creator, b.objects);
  }
  // The same objects at the same versions make the same bundle id.
  std::string key = "bundle";
  for (const auto& o : b.objects) key += "\n" + o.id + "@" + std::to_string(o.modified);
  b.id = "bundle--" + FormatUuid(UuidV5(Namespace(), key));
  return b;
}

}  // namespace renkei::domain::stix
