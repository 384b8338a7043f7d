// The one Status -> HTTP mapping (invariant 5): RFC 9457 problem+json responses with
// the stable `code`, the offending `field` and the registry's message as `detail`, in
// the caller's language (Japanese unless Accept-Language prefers English; docs/errors.md).
#pragma once

#include <string_view>

#include "core/status.h"
#include "http/message.h"

namespace renkei::http {

int HttpStatusFor(Kind kind);
// The standard reason phrase ("Not Found"), for status lines and problem titles.
const char* ReasonPhrase(int status);

// The language of an Accept-Language header: English when it ranks English (en, en-US …)
// above Japanese, else Japanese (also when it names neither, or is absent).
Lang PreferredLang(std::string_view accept_language);
// PreferredLang of the request's Accept-Language header.
Lang LangOf(const Request& req);

// `st` as problem+json in `lang`. A 500 says only that an internal error occurred.
Response ProblemResponse(const Status& st, Lang lang);

// The problem+json object of `st` in `lang` without the closing brace, for responses
// that add members (the import's "errors" list): `{"type":…,"detail":…`.
std::string ProblemMembers(const Status& st, Lang lang);

}  // namespace renkei::http
