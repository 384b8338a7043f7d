// Minimal JSON text building for places that must not depend on a JSON library
// (domain audit details). Produces valid JSON string literals from UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace renkei {

std::string JsonQuote(std::string_view s);

}  // namespace renkei
