// Input checks shared by the domain services: text fields, closed vocabularies.
// Each failure is a 400 Status naming the field.
#pragma once

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/text.h"

namespace renkei::domain {

// `value` must be clean UTF-8 (no control characters; newlines only when
// `multiline`), non-empty when `required`, and at most `max_chars` code points.
inline Status CheckText(const std::string& value, const std::string& field, size_t max_chars,
                        bool required, bool multiline = false) {
  if (required && value.empty()) {
    return Status::Invalid(field, "required", field + " is required");
  }
  if (!IsCleanUtf8(value, multiline)) {
    return Status::Invalid(field, "invalid_text",
                           field + " must be UTF-8 text without control characters");
  }
  if (CodePointCount(value) > max_chars) {
    return Status::Invalid(field, "too_long",
                           field + " must be at most " + std::to_string(max_chars) + " characters");
  }
  return Status::Ok();
}

template <size_t N>
bool OneOf(const std::string& v, const char* const (&list)[N]) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* s) { return v == s; });
}

template <typename T>
bool Contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace renkei::domain
