// Input checks shared by the domain services: text fields, closed vocabularies.
// Each failure is a 400 Status naming the field.
#pragma once

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "core/error_codes.h"
#include "core/status.h"
#include "core/text.h"

namespace renkei::domain {

// `value` must be clean UTF-8 (no control characters; newlines only when
// `multiline`), non-empty when `required`, and at most `max_chars` code points.
inline Status CheckText(const std::string& value, const std::string& field, size_t max_chars,
                        bool required, bool multiline = false) {
  if (required && value.empty()) return err::Required().with_field(field);
  if (!IsCleanUtf8(value, multiline)) return err::InvalidText().with_field(field);
  if (CodePointCount(value) > max_chars) return err::TooLong(max_chars).with_field(field);
  return Status::Ok();
}

template <size_t N>
bool OneOf(const std::string& v, const char* const (&list)[N]) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* s) { return v == s; });
}

// "a, b, c": a closed vocabulary as an error message lists it.
template <typename List>
std::string ListOf(const List& list) {
  std::string out;
  for (const auto& v : list) out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

// `value` must be one of `list` (400 invalid_value naming the field and the allowed values).
template <typename List>
Status CheckOneOf(const std::string& value, const std::string& field, const List& list) {
  for (const auto& v : list) {
    if (value == v) return Status::Ok();
  }
  return err::InvalidValue(ListOf(list)).with_field(field);
}

template <typename T>
bool Contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace renkei::domain
