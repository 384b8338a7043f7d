// JsonWriter: the project's one JSON writer; streams JSON text straight into a string.
// The HTTP layer writes every response with it (http/json_output.h) instead of building a
// DOM: with nlohmann::json a 50-organisation page spent most of its time in malloc/free
// (perf, bench/http_api; figures in docs/benchmarks.md). Storage writes the audit log's
// detail column with it. It lives in core because both need it and it needs nothing; the
// domain does not use it (the domain knows no JSON: it hands over structured values).
// Strings must be UTF-8 (input is validated at the edge); they are escaped per RFC 8259.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace renkei {

class JsonWriter {
 public:
  JsonWriter() { out_.reserve(1024); }

  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  JsonWriter& Key(std::string_view key);

  JsonWriter& String(std::string_view v);
  JsonWriter& Int(std::int64_t v);
  JsonWriter& Bool(bool v);
  JsonWriter& Number(double v);  // finite values; NaN and infinities become null
  JsonWriter& Null();
  // Inserts already-serialised JSON (e.g. a stored JSON document) as one value.
  JsonWriter& Raw(std::string_view json);

  // Field helpers: Key + value. Optional and empty-as-null variants for the common cases.
  JsonWriter& Field(std::string_view k, std::string_view v) { return Key(k).String(v); }
  JsonWriter& Field(std::string_view k, const char* v) { return Key(k).String(v); }
  JsonWriter& Field(std::string_view k, std::int64_t v) { return Key(k).Int(v); }
  JsonWriter& Field(std::string_view k, int v) { return Key(k).Int(v); }
  JsonWriter& Field(std::string_view k, bool v) { return Key(k).Bool(v); }
  JsonWriter& Field(std::string_view k, double v) { return Key(k).Number(v); }
  JsonWriter& FieldOrNull(std::string_view k, std::string_view v) {
    return v.empty() ? Key(k).Null() : Key(k).String(v);
  }
  JsonWriter& FieldOrNull(std::string_view k, const std::optional<std::int64_t>& v) {
    return v ? Key(k).Int(*v) : Key(k).Null();
  }
  JsonWriter& Field(std::string_view k, const std::vector<std::string>& v);

  std::string Take() { return std::move(out_); }

 private:
  JsonWriter& Open(char c);
  JsonWriter& Close(char c);
  void BeforeValue();
  void WriteEscaped(std::string_view v);

  std::string out_;
  std::vector<bool> has_items_;  // per open container: written an item already?
  bool after_key_ = false;
};

}  // namespace renkei
