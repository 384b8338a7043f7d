// The one Status -> HTTP mapping (invariant 5), and the error bodies: RFC 9457
// problem+json for /api/v1 with the stable `code`, the offending `field` and the
// registry's message as `detail`, in the caller's language (Japanese unless
// Accept-Language prefers English; docs/errors.md); a mount of another protocol writes
// its own body (ErrorWriter) from the same facts.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "http/message.h"

namespace renkei::http {

int HttpStatusFor(Kind kind);
// The standard reason phrase ("Not Found"), for status lines and problem titles.
const char* ReasonPhrase(int status);

// The weight of a "q=" parameter of Accept or Accept-Language ("0.5" -> 0.5), read the same
// way in every locale; a malformed one or one outside 0..1 is 0 (the range is refused).
double QValue(std::string_view text);

// The language of an Accept-Language header: English when it ranks English (en, en-US …)
// above Japanese, else Japanese (also when it names neither, or is absent).
Lang PreferredLang(std::string_view accept_language);
// PreferredLang of the request's Accept-Language header.
Lang LangOf(const Request& req);

// What an error body may say: the status answered and the Status's public parts. The
// detail of a server-side failure (500) is already replaced by a fixed sentence (the
// real one goes to the log), so no writer can leak it.
struct ErrorInfo {
  int status = 500;
  const char* title = "";  // ReasonPhrase(status)
  std::string code;        // Status::code(), part of the API
  std::string detail;      // in the caller's language
  std::string field;       // "" none
  std::string location;    // "" none
};
struct ErrorBody {
  std::string content_type;
  std::string body;
};
// A mount's error format (see Mount in api.h).
using ErrorWriter = ErrorBody (*)(const ErrorInfo& error);

// The problem+json body of /api/v1.
ErrorBody ProblemBody(const ErrorInfo& error);
// `status` answered in `writer`'s format and in `lang`, with the headers every refusal
// carries (Retry-After on 429, WWW-Authenticate on 401, Content-Language).
Response ErrorResponse(const Status& status, Lang lang, ErrorWriter writer);
// ErrorResponse(status, lang, ProblemBody).
Response ProblemResponse(const Status& status, Lang lang);

// The problem+json object of `st` in `lang` without the closing brace, for responses
// that add members (the import's "errors" list): `{"type":…,"detail":…`.
std::string ProblemMembers(const Status& st, Lang lang);

}  // namespace renkei::http
