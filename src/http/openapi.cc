// The OpenAPI 3.1 document. `paths` come from the route table (RouteTable(): method,
// pattern, access, body kind and RouteDoc); everything else comes from the hand-written
// parts, one per module (src/http/<module>/<module>.openapi.json, embedded at build
// time): components/schemas and components/parameters of that module, and in the
// system module's part the document's head (info, servers, security schemes).
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/ascii.h"
#include "core/error_codes.h"
#include "http/api.h"

namespace renkei::http {

extern const char* const kOpenApiParts[];
extern const size_t kOpenApiPartsCount;

namespace {

using Json = nlohmann::ordered_json;

Json Ref(std::string_view section, const std::string& name) {
  return Json{{"$ref", "#/components/" + std::string(section) + "/" + name}};
}

// The path parameters of a pattern in order: "{id}", "{attachment_id}" are ids
// (positive integers, PathId); any other name is a text segment.
std::vector<std::string> PathParams(const std::string& pattern) {
  std::vector<std::string> out;
  for (size_t open = pattern.find('{'); open != std::string::npos;
       open = pattern.find('{', open + 1)) {
    out.push_back(pattern.substr(open + 1, pattern.find('}', open) - open - 1));
  }
  return out;
}

bool IsIdParam(const std::string& name) {
  return name == "id" || (name.size() > 3 && name.compare(name.size() - 3, 3, "_id") == 0);
}

// The error statuses the pipeline itself can answer for a route, so no route has to
// list them: 401 without a sign-in, 403 for a cookie write without its CSRF token, 404
// for ids in the path, 400 for a query parameter the route does not take (or a bad
// body), 413 and 415 for bodies.
std::set<int> PipelineErrors(const Route& r) {
  std::set<int> e;
  const bool write = r.method != "GET" && r.method != "HEAD";
  if (r.access == Access::kSignedIn) e.insert(401);
  if (r.access == Access::kSignedIn && write) e.insert(403);
  if (r.pattern.find('{') != std::string::npos) e.insert(404);
  e.insert(400);  // any query parameter the route does not list
  if (!r.doc.request.empty()) e.insert({413, 415});
  if (r.body == BodyKind::kUpload) e.insert(413);
  return e;
}

Json Operation(const Route& r) {
  Json op;
  op["summary"] = r.doc.summary;
  op["tags"] = Json::array({r.doc.tag});
  Json params = Json::array();
  for (const auto& name : PathParams(r.pattern)) {
    Json schema =
        IsIdParam(name) ? Json{{"type", "integer"}, {"minimum", 1}} : Json{{"type", "string"}};
    params.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", schema}});
  }
  for (const auto& q : r.doc.query) params.push_back(Ref("parameters", r.module + "." + q));
  if (!params.empty()) op["parameters"] = params;
  if (!r.doc.request.empty()) {
    op["requestBody"] = {
        {"required", !r.doc.request_optional},
        {"content", {{"application/json", {{"schema", Ref("schemas", r.doc.request)}}}}}};
  } else if (r.body == BodyKind::kUpload) {
    Json binary{{"type", "string"}, {"format", "binary"}};
    op["requestBody"]["required"] = true;
    op["requestBody"]["content"]["application/octet-stream"]["schema"] = binary;
  }
  Json ok{{"description", r.doc.description.empty() ? "OK" : r.doc.description}};
  if (!r.doc.response.empty()) {
    ok["content"]["application/json"]["schema"] = Ref("schemas", r.doc.response);
  }
  for (const auto& media : r.doc.media) {
    Json schema{{"type", "string"}};
    if (media.rfind("text/", 0) != 0) schema["format"] = "binary";
    ok["content"][media]["schema"] = schema;
  }
  Json responses;
  responses[std::to_string(r.doc.status)] = ok;
  std::set<int> errors = PipelineErrors(r);
  errors.insert(r.doc.errors.begin(), r.doc.errors.end());
  for (int code : errors) responses[std::to_string(code)] = Ref("responses", "Problem");
  op["responses"] = responses;
  if (r.access == Access::kPublic) op["security"] = Json::array();
  return op;
}

// Every "$ref" inside `j`, for the check that each names a component that exists.
void CollectRefs(const Json& j, std::vector<std::string>& out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "$ref" && it->is_string())
        out.push_back(it->get<std::string>());
      else
        CollectRefs(*it, out);
    }
  } else if (j.is_array()) {
    for (const auto& v : j) CollectRefs(v, out);
  }
}

Result<std::string> Build() {
  Json doc;
  Json components = Json::object();
  for (size_t i = 0; i < kOpenApiPartsCount; ++i) {
    Json part = Json::parse(kOpenApiParts[i], nullptr, false);
    if (part.is_discarded() || !part.is_object())
      return err::Internal().with_note("an OpenAPI part is not a JSON object");
    for (auto it = part.begin(); it != part.end(); ++it) {
      if (it.key() != "components") {
        if (doc.contains(it.key()))
          return err::Internal().with_note("two OpenAPI parts set " + it.key());
        doc[it.key()] = *it;
        continue;
      }
      for (auto sec = it->begin(); sec != it->end(); ++sec) {
        for (auto c = sec->begin(); c != sec->end(); ++c) {
          if (components[sec.key()].contains(c.key()))
            return err::Internal().with_note("two OpenAPI parts define " + sec.key() + "/" +
                                             c.key());
          components[sec.key()][c.key()] = *c;
        }
      }
    }
  }
  Json paths = Json::object();
  for (const Route& r : RouteTable()) {
    if (r.doc.summary.empty() || r.doc.tag.empty())
      return err::Internal().with_note(r.method + " " + r.pattern + " has no summary or tag");
    paths[r.pattern][ToAsciiLower(r.method)] = Operation(r);
  }
  // Keep the head first and components last, as a reader expects.
  Json out;
  for (const char* key : {"openapi", "info", "servers", "security"})
    if (doc.contains(key)) out[key] = doc[key];
  out["paths"] = paths;
  out["components"] = components;
  std::vector<std::string> refs;
  CollectRefs(out, refs);
  for (const auto& ref : refs) {
    const std::string prefix = "#/components/";
    const size_t slash = ref.find('/', prefix.size());
    if (ref.rfind(prefix, 0) != 0 || slash == std::string::npos ||
        !components.contains(ref.substr(prefix.size(), slash - prefix.size())) ||
        !components[ref.substr(prefix.size(), slash - prefix.size())].contains(
            ref.substr(slash + 1))) {
      return err::Internal().with_note("the OpenAPI document refers to a missing " + ref);
    }
  }
  return out.dump(1);
}

}  // namespace

const Result<std::string>& OpenApiBuild() {
  static const Result<std::string> built = Build();
  return built;
}

const std::string& OpenApiDocument() {
  static const std::string empty;
  return OpenApiBuild().ok() ? OpenApiBuild().value() : empty;
}

}  // namespace renkei::http
