#include "http/json_input.h"

#include "core/error_codes.h"

namespace renkei::http {
namespace {

// A SAX pass that builds nothing: it fails as soon as nesting passes kMaxJsonDepth and
// remembers where ("audience.org_ids"), or that the text is not JSON. nlohmann's SAX
// parser keeps its own stack on the heap, so this pass does not recurse either.
class DepthCheck {
 public:
  using json = nlohmann::json;
  bool null() { return Value(); }
  bool boolean(bool) { return Value(); }
  bool number_integer(json::number_integer_t) { return Value(); }
  bool number_unsigned(json::number_unsigned_t) { return Value(); }
  bool number_float(json::number_float_t, const json::string_t&) { return Value(); }
  bool string(json::string_t&) { return Value(); }
  bool binary(json::binary_t&) { return Value(); }
  bool start_object(std::size_t) { return Open(false); }
  bool end_object() { return Close(); }
  bool start_array(std::size_t) { return Open(true); }
  bool end_array() { return Close(); }
  bool key(json::string_t& k) {
    frames_.back().key = k;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    malformed_ = true;
    return false;
  }

  bool too_deep() const { return too_deep_; }
  const std::string& field() const { return field_; }

 private:
  struct Frame {
    bool array = false;
    std::string key;   // objects: the member being read
    size_t index = 0;  // arrays: the element being read
  };
  // A scalar completes one element of the enclosing array.
  bool Value() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
    return true;
  }
  bool Open(bool array) {
    if (static_cast<int>(frames_.size()) >= kMaxJsonDepth) {
      too_deep_ = true;
      // Name the field the way the caller wrote it: the object members down to the first
      // array ("audience.org_ids"), which is where the nesting the caller sent begins.
      for (const Frame& f : frames_) {
        if (f.array) break;
        if (!field_.empty()) field_ += '.';
        field_ += f.key;
      }
      return false;
    }
    frames_.push_back(Frame{array, "", 0});
    return true;
  }
  bool Close() {
    frames_.pop_back();
    return Value();
  }

  std::vector<Frame> frames_;
  bool too_deep_ = false;
  bool malformed_ = false;
  std::string field_;
};

}  // namespace

Result<JsonObject> JsonObject::Parse(const std::string& body) {
  DepthCheck check;
  if (!nlohmann::json::sax_parse(body, &check)) {
    if (check.too_deep()) {
      return err::TooDeep(kMaxJsonDepth).with_field(check.field());
    }
    return err::InvalidJson();
  }
  auto root = std::make_shared<nlohmann::json>(
      nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false));
  if (root->is_discarded()) {
    return err::InvalidJson();
  }
  if (!root->is_object()) {
    return err::ExpectedObject();
  }
  const nlohmann::json* node = root.get();
  return JsonObject(std::move(root), node, "");
}

void JsonObject::Fail(const std::string& field, Status st) {
  if (first_error_.ok()) first_error_ = std::move(st.with_field(prefix_ + field));
}

const nlohmann::json* JsonObject::Get(const std::string& name, bool required) {
  read_.insert(name);
  auto it = json_->find(name);
  if (it == json_->end() || it->is_null()) {
    if (required) Fail(name, err::Required());
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> JsonObject::String(const std::string& name, bool required) {
  const auto* v = Get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    Fail(name, err::ExpectedString());
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::int64_t> JsonObject::Int(const std::string& name, bool required) {
  const auto* v = Get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    Fail(name, err::ExpectedInteger());
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

std::optional<double> JsonObject::Number(const std::string& name, bool required) {
  const auto* v = Get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    Fail(name, err::ExpectedNumber());
    return std::nullopt;
  }
  return v->get<double>();
}

std::optional<bool> JsonObject::Bool(const std::string& name, bool required) {
  const auto* v = Get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    Fail(name, err::ExpectedBoolean());
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
  Fail(name, err::ExpectedStrings());
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
  Fail(name, err::ExpectedIntegers());
  return std::nullopt;
}

std::optional<std::vector<JsonObject>> JsonObject::Objects(const std::string& name, bool required) {
  const auto* v = Get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    Fail(name, err::ExpectedObjects());
    return std::nullopt;
  }
  std::vector<JsonObject> out;
  for (size_t i = 0; i < v->size(); ++i) {
    const std::string element = name + "[" + std::to_string(i) + "]";
    if (!(*v)[i].is_object()) {
      Fail(element, err::ExpectedMemberObject());
      return std::nullopt;
    }
    out.push_back(JsonObject(root_, &(*v)[i], prefix_ + element + "."));
  }
  return out;
}

std::optional<std::map<std::string, std::string>> JsonObject::StringMap(const std::string& name,
                                                                        bool required) {
  const auto* v = Get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    Fail(name, err::ExpectedStringMap());
    return std::nullopt;
  }
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : v->items()) {
    if (!value.is_string()) {
      Fail(name + "." + key, err::ExpectedString());
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
    Fail(name, err::ExpectedMemberObject());
    return std::nullopt;
  }
  return JsonObject(root_, v, prefix_ + name + ".");
}

Status JsonObject::Finish() const {
  if (!first_error_.ok()) return first_error_;
  for (const auto& [key, value] : json_->items()) {
    if (!read_.count(key)) {
      return err::UnknownField().with_field(prefix_ + key);
    }
  }
  return Status::Ok();
}

}  // namespace renkei::http
