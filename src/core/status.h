// Status and Result<T>: errors are values (invariant 5).
//
// A Status is either ok or names one entry of the error registry (data/errors/*.json,
// compiled into core/error_codes.h): the entry gives the category (`Kind`, which the HTTP
// layer alone maps to a status code), the stable machine-readable `code` (snake_case,
// part of the public API, never reworded) and the message in English and Japanese, with
// placeholders ("{max}") filled from the Status's arguments. A Status also carries the
// offending field, and a note for the log that never reaches a client.
//
// Statuses are made by the registry's factories, one per entry, so an unregistered code
// or a missing argument does not compile:
//   return err::TooLong(200).with_field("title");
//   return err::OutOfRange({.max = 47, .min = 0}).with_field("prefecture");
// Thread safety: plain values; copy freely.
#pragma once

#include <concepts>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

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
  kNotAcceptable,     // the Accept header admits no type the resource is served as (406)
  kRateLimited,       // too many attempts; try later (429)
  kUnavailable,       // a dependency (database) is not reachable (503)
  kInternal,          // a bug or an unexpected failure (500)
};

// The languages messages are written in. Japanese is the default everywhere.
enum class Lang { kJa, kEn };

// One entry of the error registry. Several entries may answer with the same `code` (the
// entry "password_too_long" answers with the code "too_long" and its own text); the
// entry named like its code defines the code's Kind.
struct ErrorMessage {
  const char* id;    // the entry's name in data/errors/<module>.json
  const char* code;  // the API code it answers with
  Kind kind;
  const char* en;  // template; "{name}" is filled from the Status's arguments
  const char* ja;
  const char* module;  // the registry file it comes from ("auth")
};

// Every registry entry, sorted by name (core/error_codes.cc, generated).
std::span<const ErrorMessage> ErrorRegistry();

// A text given in both languages, for a placeholder whose value is words (a regime's name).
struct LocalText {
  std::string en, ja;
};

// A value for a message placeholder: text, a number, or words in both languages.
class ErrorArg {
 public:
  ErrorArg(std::string s) : en_(std::move(s)) {}  // NOLINT: implicit by design
  ErrorArg(std::string_view s) : en_(s) {}        // NOLINT
  ErrorArg(const char* s) : en_(s) {}             // NOLINT
  template <std::integral T>
  ErrorArg(T n) : en_(std::to_string(n)) {}                              // NOLINT
  ErrorArg(LocalText t) : en_(std::move(t.en)), ja_(std::move(t.ja)) {}  // NOLINT

 private:
  friend struct StatusArg;
  std::string en_;
  std::optional<std::string> ja_;
};

// One filled placeholder of a Status.
struct StatusArg {
  StatusArg(std::string n, ErrorArg v)
      : name(std::move(n)), en(std::move(v.en_)), ja(std::move(v.ja_)) {}
  const std::string& in(Lang lang) const { return lang == Lang::kJa && ja ? *ja : en; }

  std::string name, en;
  std::optional<std::string> ja;  // set when the value is words that differ by language
};

// `text` with every "{name}" replaced by the argument of that name in `lang` (left as it
// is when there is none).
std::string FillTemplate(std::string_view text, const std::vector<StatusArg>& args, Lang lang);

class [[nodiscard]] Status {
 public:
  using Args = std::vector<StatusArg>;

  Status() = default;
  // The registry's factories (err::…) call this; code elsewhere calls them.
  explicit Status(const ErrorMessage& message, Args args = {})
      : message_(&message), args_(std::move(args)) {}

  static Status Ok() { return {}; }

  bool ok() const { return message_ == nullptr; }
  Kind kind() const { return message_ ? message_->kind : Kind::kOk; }
  // The API code ("too_long"); empty when ok.
  std::string_view code() const { return message_ ? message_->code : std::string_view(); }
  // The registry entry; null when ok.
  const ErrorMessage* entry() const { return message_; }
  bool is(const ErrorMessage& m) const { return message_ == &m; }
  // The message for a person, in `lang` (English for logs and the command line).
  std::string message(Lang lang = Lang::kEn) const;
  const Args& args() const { return args_; }
  // The English message with the field and the note: what logs and the command line say.
  std::string Describe() const;

  // The offending field ("title", "contacts[2].phone"), or "".
  const std::string& field() const { return field_; }
  Status& with_field(std::string f) & {
    field_ = std::move(f);
    return *this;
  }
  Status&& with_field(std::string f) && { return std::move(with_field(std::move(f))); }
  // What went wrong in words for the log (a driver's error text, an internal reason);
  // never sent to a client.
  const std::string& note() const { return note_; }
  Status& with_note(std::string n) & {
    note_ = std::move(n);
    return *this;
  }
  Status&& with_note(std::string n) && { return std::move(with_note(std::move(n))); }
  // Seconds the caller should wait; only meaningful for kRateLimited.
  int retry_after() const { return retry_after_; }
  Status& with_retry_after(int seconds) & {
    retry_after_ = seconds;
    return *this;
  }
  Status&& with_retry_after(int seconds) && { return std::move(with_retry_after(seconds)); }
  // The API path of the thing the error is about (409: "it exists already, here").
  const std::string& location() const { return location_; }
  Status& with_location(std::string path) & {
    location_ = std::move(path);
    return *this;
  }
  Status&& with_location(std::string path) && { return std::move(with_location(std::move(path))); }

 private:
  const ErrorMessage* message_ = nullptr;
  Args args_;
  std::string field_;
  std::string note_;
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
