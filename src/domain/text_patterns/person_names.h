// Person names written in Latin letters, for the pattern scanner: common English given
// names, and Japanese given names and family names in romanisation (Kenji, Tanaka).
// Words that are also common English words or months (May, Will, Amber, Mark) are left
// out. All lookups ignore ASCII case.
#pragma once

#include <string_view>

namespace renkei::domain::text_patterns {

bool IsGivenName(std::string_view word);        // Emily, Kenji, Kazuki
bool IsJapaneseSurname(std::string_view word);  // Tanaka, Sato, Watanabe

}  // namespace renkei::domain::text_patterns
