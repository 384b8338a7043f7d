#include "support/stix_schema.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace renkei::testing {
namespace {

const std::string kRoot = RENKEI_STIX_SCHEMAS_DIR;

// Every schema file by its name (the names are unique across sdos/, sros/, common/,
// observables/); the schemas' "../common/x.json" references are found by that name.
std::string PathOf(const std::string& uri) {
  const std::string name = std::filesystem::path(uri).filename().string();
  for (const char* dir : {"sdos", "sros", "common", "observables"}) {
    const auto p = std::filesystem::path(kRoot) / dir / name;
    if (std::filesystem::exists(p)) return p.string();
  }
  return "";
}

nlohmann::json* Load(const std::string& uri) {
  const std::string path = PathOf(uri);
  if (path.empty()) return nullptr;
  std::ifstream in(path);
  auto* j = new nlohmann::json(nlohmann::json::parse(in));
  // valijson 0.7 takes draft 7's "id" as the scope, not "$id": without one, references
  // stay as written and are found by file name above.
  j->erase("$id");
  return j;
}

struct Schemas {
  std::mutex mu;
  std::map<std::string, std::unique_ptr<valijson::Schema>> by_file;

  const valijson::Schema& For(const std::string& file) {
    auto& slot = by_file[file];
    if (!slot) {
      std::unique_ptr<nlohmann::json> doc(Load(file));
      if (!doc) throw std::runtime_error("no STIX schema " + file);
      slot = std::make_unique<valijson::Schema>();
      valijson::SchemaParser parser;
      valijson::adapters::NlohmannJsonAdapter adapter(*doc);
      parser.populateSchema(
          adapter, *slot, [](const std::string& uri) -> const nlohmann::json* { return Load(uri); },
          [](const nlohmann::json* d) { delete d; });
    }
    return *slot;
  }
};

Schemas& All() {
  static Schemas* s = new Schemas;
  return *s;
}

std::string Check(const std::string& file, const nlohmann::json& value) {
  auto& all = All();
  std::lock_guard lock(all.mu);
  const valijson::Schema* schema = nullptr;
  try {
    schema = &all.For(file);
  } catch (const std::exception& e) {
    return e.what();
  }
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(value);
  if (validator.validate(*schema, target, &results)) return "";
  std::string out = file + ":";
  valijson::ValidationResults::Error e;
  while (results.popError(e)) {
    std::string path;
    for (const auto& p : e.context) path += p;
    out += "\n  " + path + ": " + e.description;
  }
  return out;
}

}  // namespace

std::string StixObjectErrors(const nlohmann::json& object) {
  const std::string type = object.value("type", "");
  std::string file;
  if (type == "relationship" || type == "sighting") {
    file = type + ".json";
  } else if (type == "marking-definition" || type == "extension-definition" ||
             type == "language-content") {
    file = type + ".json";
  } else if (!PathOf("sdos/" + type + ".json").empty() && !type.empty()) {
    file = type + ".json";
  } else {
    return "no schema for type '" + type + "'";
  }
  std::string errors = Check(file, object);
  return errors.empty() ? "" : object.value("id", "?") + ": " + errors;
}

std::string StixBundleErrors(const nlohmann::json& bundle) {
  // The envelope against bundle.json. Its list of object schemas predates some STIX 2.1
  // objects (note, extension-definition, grouping, incident, location, opinion): such an
  // object falls into its "custom object" branch, passes both core.json and
  // cyber-observable-core.json there, and that oneOf refuses it — an upstream gap, not the
  // object's fault. Those objects are left out of the envelope and checked below against
  // their own schemas only.
  static const std::set<std::string> kUnlisted = {
      "note", "extension-definition", "grouping", "incident", "location", "opinion"};
  nlohmann::json envelope = bundle;
  if (envelope.contains("objects") && envelope["objects"].is_array()) {
    nlohmann::json kept = nlohmann::json::array();
    for (const auto& o : envelope["objects"])
      if (!kUnlisted.count(o.value("type", ""))) kept.push_back(o);
    envelope["objects"] = kept;
  }
  std::string out = Check("bundle.json", envelope);
  if (bundle.contains("objects") && bundle["objects"].is_array()) {
    for (const auto& o : bundle["objects"]) {
      const std::string e = StixObjectErrors(o);
      if (!e.empty()) out += (out.empty() ? "" : "\n") + e;
    }
  }
  return out;
}

}  // namespace renkei::testing
