#include "support/openapi_check.h"

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "core/ascii.h"
#include "http/api.h"

namespace renkei::testing {
namespace {

struct Document {
  nlohmann::json doc;
  std::mutex mu;
  std::map<std::string, std::unique_ptr<valijson::Schema>> schemas;  // by $ref
  valijson::Validator validator;  // one, so its compiled patterns are kept

  // The schema a "$ref" names, parsed once against the whole document (so nested
  // references resolve).
  const valijson::Schema& SchemaFor(const std::string& ref) {
    auto& slot = schemas[ref];
    if (!slot) {
      nlohmann::json root = {{"$ref", ref}, {"components", doc["components"]}};
      slot = std::make_unique<valijson::Schema>();
      valijson::SchemaParser parser;
      valijson::adapters::NlohmannJsonAdapter adapter(root);
      parser.populateSchema(adapter, *slot);
    }
    return *slot;
  }
};

// valijson (Debian 12's 0.7) applies "format" to every type, so a nullable date-time
// refuses null (JSON Schema applies it to strings only), and it compiles its date-time
// std::regex afresh for every value it checks (400 ms for a page of 200 organisations,
// 6 s under ASan). Say the same thing in a form it reads right and fast: "format":
// "date-time" becomes the same RFC 3339 check as a "pattern", which the one validator
// below compiles once; a nullable one becomes anyOf null / string+pattern.
constexpr const char* kDateTimePattern =
    "^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:"
    "([0-5][0-9]|60)(\\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";

void RewriteFormats(nlohmann::json& j) {
  if (j.is_object()) {
    if (j.contains("format") && j["format"] == "date-time") {
      j.erase("format");
      nlohmann::json string_part = {{"type", "string"}, {"pattern", kDateTimePattern}};
      if (j.contains("type") && j["type"].is_array()) {
        j.erase("type");
        j["anyOf"] = {{{"type", "null"}}, string_part};
      } else {
        j["pattern"] = kDateTimePattern;
      }
    }
    for (auto& [k, v] : j.items()) RewriteFormats(v);
  } else if (j.is_array()) {
    for (auto& v : j) RewriteFormats(v);
  }
}

Document& Doc() {
  static Document* d = [] {
    auto* out = new Document;
    out->doc = nlohmann::json::parse(http::OpenApiDocument());
    RewriteFormats(out->doc["components"]);
    return out;
  }();
  return *d;
}

}  // namespace

std::string CheckResponseAgainstOpenApi(const std::string& method, const std::string& target,
                                        long status, const std::string& content_type,
                                        const std::string& body) {
  const std::string path = target.substr(0, target.find('?'));
  if (path.rfind("/api/v1/", 0) != 0 || status == 0) return "";
  Document& d = Doc();
  std::lock_guard lock(d.mu);
  const std::string where = method + " " + target + " answered " + std::to_string(status);
  // The operation: the documented template the path matches, and the method on it.
  const nlohmann::json* op = nullptr;
  bool path_known = false;
  for (auto& [pattern, ops] : d.doc["paths"].items()) {
    if (!http::MatchPattern(pattern, path, nullptr)) continue;
    path_known = true;
    std::string m = ToAsciiLower(method == "HEAD" ? "GET" : method);
    if (ops.contains(m)) op = &ops[m];
    break;
  }
  nlohmann::json response;
  if (op) {
    const auto& responses = (*op)["responses"];
    const std::string code = std::to_string(status);
    if (!responses.contains(code)) return where + ", a status the document does not list";
    response = responses[code];
  } else if ((!path_known && status == 404) || (path_known && status == 405)) {
    response = d.doc["components"]["responses"]["Problem"];  // no such route: a problem
  } else {
    return where + " for a route the document does not describe";
  }
  if (response.contains("$ref")) response = d.doc["components"]["responses"]["Problem"];
  if (method == "HEAD" || body.empty()) return "";
  const std::string media = content_type.substr(0, content_type.find(';'));
  if (!response.contains("content"))
    return where + " with a " + media + " body where the document says there is none";
  const auto& content = response["content"];
  // A media type documented with its parameters (application/stix+json;version=2.1) is
  // matched as sent, without spaces.
  std::string full;
  for (char c : content_type)
    if (c != ' ') full += c;
  if (!content.contains(media) && !content.contains(full) && !content.contains("*/*"))
    return where + " as " + media + ", not as documented";
  if (media != "application/json" && media != "application/problem+json") return "";
  const auto& schema = content[media]["schema"];
  if (!schema.contains("$ref")) return "";
  auto value = nlohmann::json::parse(body, nullptr, false);
  if (value.is_discarded()) return where + " with a body that is not JSON";
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target_adapter(value);
  if (d.validator.validate(d.SchemaFor(schema["$ref"]), target_adapter, &results)) return "";
  std::string why = where + ", body does not match " + schema["$ref"].get<std::string>() + ":";
  valijson::ValidationResults::Error e;
  int shown = 0;
  while (results.popError(e) && shown++ < 5) {
    std::string at;
    for (const auto& c : e.context) at += c;
    why += "\n  " + at + ": " + e.description;
  }
  return why;
}

}  // namespace renkei::testing
