// Full-width ASCII (U+FF01–U+FF5E, as Japanese keyboards type it: "１９２．１６８") read as
// ASCII, with a map back to the original byte offsets. Patterns and dictionary words are
// matched on the folded text; what they find is reported in the original's offsets.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace renkei::domain::text_patterns {

struct FoldedText {
  std::string text;  // each full-width ASCII character replaced by its one ASCII byte
  // Original offset of each byte of `text`, plus one entry for its end; empty when the
  // original had no full-width ASCII (then `text` is a copy and offsets are equal).
  std::vector<std::uint32_t> original;

  // The original's offset for offset `i` of `text` (0 <= i <= text.size()).
  size_t Original(size_t i) const { return original.empty() ? i : original[i]; }
};

// Folds `utf8`; other characters, including malformed bytes, are copied unchanged.
FoldedText FoldFullWidthAscii(std::string_view utf8);

}  // namespace renkei::domain::text_patterns
