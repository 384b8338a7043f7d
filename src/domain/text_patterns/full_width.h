// Full-width ASCII (U+FF01–U+FF5E, as Japanese keyboards type it: "１９２．１６８") read as
// ASCII, with a map back to the original byte offsets. Patterns and dictionary words are
// matched on the folded text; what they find is reported in the original's offsets.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace renkei::domain::text_patterns {

struct FoldedText {
  std::string text;  // each full-width ASCII character replaced by its one ASCII byte
  // The offsets in `text` of the folded characters, ascending; empty when the original
  // had no full-width ASCII (then `text` is a copy and offsets are equal). Each stood
  // for three bytes of the original.
  std::vector<std::uint32_t> folded;

  // The original's offset for offset `i` of `text` (0 <= i <= text.size()).
  size_t Original(size_t i) const {
    if (folded.empty()) return i;
    const auto before = std::lower_bound(folded.begin(), folded.end(), i) - folded.begin();
    return i + 2 * static_cast<size_t>(before);
  }
};

// Folds `utf8`; other characters, including malformed bytes, are copied unchanged.
FoldedText FoldFullWidthAscii(std::string_view utf8);

}  // namespace renkei::domain::text_patterns
