// The one Status -> HTTP mapping (invariant 5): RFC 9457 problem+json responses with
// the stable `code` and the offending `field`.
#pragma once

#include "core/status.h"
#include "http/message.h"

namespace renkei::http {

int HttpStatusFor(Kind kind);
// The standard reason phrase ("Not Found"), for status lines and problem titles.
const char* ReasonPhrase(int status);
Response ProblemResponse(const Status& status);

}  // namespace renkei::http
