// Strict reading of JSON request bodies: the body must be one object; each field is
// read with its expected type; a field nobody read is an unknown field. The first
// problem wins and names its field (400 with code invalid_json, too_deep,
// expected_object, wrong_type, required, unknown_field).
//
// Nesting is limited to kMaxJsonDepth levels, checked while parsing (an iterative SAX
// pass, before any tree is built), so no input can drive recursion deeper than that.
// Nested readers (Object, Objects) point into the one parsed document instead of
// copying it.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"

namespace renkei::http {

// Objects and arrays nested deeper than this answer 400 too_deep.
inline constexpr int kMaxJsonDepth = 32;

class JsonObject {
 public:
  static Result<JsonObject> Parse(const std::string& body);

  std::optional<std::string> String(const std::string& name, bool required);
  std::optional<std::int64_t> Int(const std::string& name, bool required);
  std::optional<bool> Bool(const std::string& name, bool required);
  // Any JSON number (integer or not).
  std::optional<double> Number(const std::string& name, bool required);
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
  bool Has(const std::string& name) const { return json_->contains(name); }

  // The first error, or unknown_field for a field that was never read.
  Status Finish() const;

 private:
  JsonObject(std::shared_ptr<const nlohmann::json> root, const nlohmann::json* node,
             std::string prefix)
      : root_(std::move(root)), json_(node), prefix_(std::move(prefix)) {}
  const nlohmann::json* Get(const std::string& name, bool required);
  void Fail(const std::string& field, Status st);

  std::shared_ptr<const nlohmann::json> root_;  // the whole document, shared by nested readers
  const nlohmann::json* json_;                  // this object, inside *root_
  std::string prefix_;  // "" at the top level, "contacts[1]." inside an array
  std::set<std::string> read_;
  Status first_error_;
};

}  // namespace renkei::http
