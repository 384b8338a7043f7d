// The HTTP layer's name for the project's one JSON writer (core/json_writer.h): every
// response body and problem+json answer is streamed with it.
#pragma once

#include "core/json_writer.h"

namespace renkei::http {

using JsonWriter = ::renkei::JsonWriter;

}  // namespace renkei::http
