// Strict reading of JSON request bodies: the body must be one object; each field is
// read with its expected type; a field nobody read is an unknown field. The first
// problem wins and names its field (400 with code invalid_json, expected_object,
// wrong_type, required, unknown_field).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"

namespace renkei::http {

class JsonObject {
 public:
  static Result<JsonObject> Parse(const std::string& body);

  std::optional<std::string> String(const std::string& name, bool required);
  std::optional<std::int64_t> Int(const std::string& name, bool required);
  std::optional<bool> Bool(const std::string& name, bool required);
  std::optional<std::vector<std::string>> Strings(const std::string& name, bool required);
  std::optional<std::vector<std::int64_t>> Ints(const std::string& name, bool required);
  // An array of objects, each read like this one; their errors name the element
  // ("contacts[1].phone"). Call Finish() on each element too.
  std::optional<std::vector<JsonObject>> Objects(const std::string& name, bool required);
  // An object whose values are all strings (a map of free keys the caller checks).
  std::optional<std::map<std::string, std::string>> StringMap(const std::string& name,
                                                              bool required);
  // A nested object, read like this one (errors name "audience.sector_ids").
  std::optional<JsonObject> Object(const std::string& name, bool required);
  // True when the field is present (any type, including null).
  bool Has(const std::string& name) const { return json_.contains(name); }

  // The first error, or unknown_field for a field that was never read.
  Status Finish() const;

 private:
  JsonObject(nlohmann::json j, std::string prefix)
      : json_(std::move(j)), prefix_(std::move(prefix)) {}
  const nlohmann::json* Get(const std::string& name, bool required);
  void Fail(const std::string& field, std::string code, std::string message);

  nlohmann::json json_;
  std::string prefix_;  // "" at the top level, "contacts[1]." inside an array
  std::set<std::string> read_;
  Status first_error_;
};

}  // namespace renkei::http
