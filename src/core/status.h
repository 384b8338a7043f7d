// Status and Result<T>: errors are values (invariant 5).
//
// A Status is either ok or carries a category (`Kind`, which the HTTP layer alone
// maps to a status code), a stable machine-readable `code` (snake_case, part of the
// public API, never reworded), a human message, and optionally the offending field.
// Thread safety: plain values; copy freely.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace renkei {

enum class Kind {
  kOk,
  kInvalidArgument,   // the caller sent something wrong (400)
  kUnauthenticated,   // no valid session or token (401)
  kPermissionDenied,  // signed in, but not allowed (403)
  kNotFound,          // does not exist, or the caller may not see it (404)
  kMethodNotAllowed,  // the path exists, the method does not (405)
  kConflict,          // clashes with existing state, e.g. a duplicate e-mail (409)
  kTooLarge,          // body over its size limit (413)
  kUnsupportedMedia,  // wrong Content-Type (415)
  kRateLimited,       // too many attempts; try later (429)
  kUnavailable,       // a dependency (database) is not reachable (503)
  kInternal,          // a bug or an unexpected failure (500)
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Kind kind, std::string code, std::string message, std::string field = {})
      : kind_(kind),
        code_(std::move(code)),
        message_(std::move(message)),
        field_(std::move(field)) {}

  static Status Ok() { return {}; }
  static Status Invalid(std::string field, std::string code, std::string message) {
    return {Kind::kInvalidArgument, std::move(code), std::move(message), std::move(field)};
  }
  static Status NotFound(std::string what) {
    return {Kind::kNotFound, "not_found", std::move(what) + " was not found"};
  }
  static Status Denied(std::string message) {
    return {Kind::kPermissionDenied, "forbidden", std::move(message)};
  }
  static Status Internal(std::string message) {
    return {Kind::kInternal, "internal", std::move(message)};
  }

  bool ok() const { return kind_ == Kind::kOk; }
  Kind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  // Seconds the caller should wait; only meaningful for kRateLimited.
  int retry_after() const { return retry_after_; }
  Status& with_retry_after(int seconds) {
    retry_after_ = seconds;
    return *this;
  }
  // The API path of the thing the error is about (409: "it exists already, here").
  const std::string& location() const { return location_; }
  Status& with_location(std::string path) {
    location_ = std::move(path);
    return *this;
  }

 private:
  Kind kind_ = Kind::kOk;
  std::string code_;
  std::string message_;
  std::string field_;
  int retry_after_ = 0;
  std::string location_;
};

// Result<T> holds a T or a non-ok Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace renkei

// Propagate a non-ok Status from an expression yielding Status.
#define RENKEI_RETURN_IF_ERROR(expr)         \
  do {                                       \
    ::renkei::Status renkei_st_ = (expr);    \
    if (!renkei_st_.ok()) return renkei_st_; \
  } while (0)

#define RENKEI_CONCAT_INNER(a, b) a##b
#define RENKEI_CONCAT(a, b) RENKEI_CONCAT_INNER(a, b)
// `RENKEI_ASSIGN_OR_RETURN(auto x, expr)`: unwrap a Result or return its Status.
#define RENKEI_ASSIGN_OR_RETURN(lhs, expr) \
  RENKEI_ASSIGN_OR_RETURN_IMPL(RENKEI_CONCAT(renkei_r_, __LINE__), lhs, expr)
#define RENKEI_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()
