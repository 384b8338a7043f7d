#include "http/json_input.h"

namespace renkei::http {

Result<JsonObject> JsonObject::Parse(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    return Status::Invalid("", "invalid_json", "the request body is not valid JSON");
  }
  if (!j.is_object()) {
    return Status::Invalid("", "expected_object", "the request body must be a JSON object");
  }
  return JsonObject(std::move(j), "");
}

void JsonObject::Fail(const std::string& field, std::string code, std::string message) {
  if (first_error_.ok()) {
    first_error_ = Status::Invalid(prefix_ + field, std::move(code), prefix_ + message);
  }
}

const nlohmann::json* JsonObject::Get(const std::string& name, bool required) {
  read_.insert(name);
  auto it = json_.find(name);
  if (it == json_.end() || it->is_null()) {
    if (required) Fail(name, "required", name + " is required");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> JsonObject::String(const std::string& name, bool required) {
  const auto* v = Get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    Fail(name, "wrong_type", name + " must be a string");
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::int64_t> JsonObject::Int(const std::string& name, bool required) {
  const auto* v = Get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    Fail(name, "wrong_type", name + " must be an integer");
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

std::optional<bool> JsonObject::Bool(const std::string& name, bool required) {
  const auto* v = Get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    Fail(name, "wrong_type", name + " must be true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::vector<std::string>> JsonObject::Strings(const std::string& name,
                                                            bool required) {
  const auto* v = Get(name, required);
  if (!v) return std::nullopt;
  std::vector<std::string> out;
  if (v->is_array()) {
    for (const auto& e : *v) {
      if (!e.is_string()) break;
      out.push_back(e.get<std::string>());
    }
    if (out.size() == v->size()) return out;
  }
  Fail(name, "wrong_type", name + " must be an array of strings");
  return std::nullopt;
}

std::optional<std::vector<std::int64_t>> JsonObject::Ints(const std::string& name, bool required) {
  const auto* v = Get(name, required);
  if (!v) return std::nullopt;
  std::vector<std::int64_t> out;
  if (v->is_array()) {
    for (const auto& e : *v) {
      if (!e.is_number_integer()) break;
      out.push_back(e.get<std::int64_t>());
    }
    if (out.size() == v->size()) return out;
  }
  Fail(name, "wrong_type", name + " must be an array of integers");
  return std::nullopt;
}

std::optional<std::vector<JsonObject>> JsonObject::Objects(const std::string& name, bool required) {
  const auto* v = Get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    Fail(name, "wrong_type", name + " must be an array of objects");
    return std::nullopt;
  }
  std::vector<JsonObject> out;
  for (size_t i = 0; i < v->size(); ++i) {
    const std::string element = name + "[" + std::to_string(i) + "]";
    if (!(*v)[i].is_object()) {
      Fail(element, "wrong_type", element + " must be an object");
      return std::nullopt;
    }
    out.push_back(JsonObject((*v)[i], prefix_ + element + "."));
  }
  return out;
}

std::optional<std::map<std::string, std::string>> JsonObject::StringMap(const std::string& name,
                                                                        bool required) {
  const auto* v = Get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    Fail(name, "wrong_type", name + " must be an object of strings");
    return std::nullopt;
  }
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : v->items()) {
    if (!value.is_string()) {
      Fail(name + "." + key, "wrong_type", name + "." + key + " must be a string");
      return std::nullopt;
    }
    out[key] = value.get<std::string>();
  }
  return out;
}

std::optional<JsonObject> JsonObject::Object(const std::string& name, bool required) {
  const auto* v = Get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    Fail(name, "wrong_type", name + " must be an object");
    return std::nullopt;
  }
  return JsonObject(*v, prefix_ + name + ".");
}

Status JsonObject::Finish() const {
  if (!first_error_.ok()) return first_error_;
  for (const auto& [key, value] : json_.items()) {
    if (!read_.count(key)) {
      return Status::Invalid(prefix_ + key, "unknown_field", "unknown field: " + prefix_ + key);
    }
  }
  return Status::Ok();
}

}  // namespace renkei::http
