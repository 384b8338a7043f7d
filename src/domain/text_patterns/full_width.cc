#include "domain/text_patterns/full_width.h"

#include <cstring>

namespace renkei::domain::text_patterns {

FoldedText FoldFullWidthAscii(std::string_view in) {
  FoldedText n;
  n.text.reserve(in.size());
  // Runs without full-width ASCII are copied whole.
  size_t run = 0;
  for (size_t i = 0; i + 2 < in.size(); ++i) {
    // Full-width forms start with the byte EF, which memchr finds fastest.
    const void* ef = std::memchr(in.data() + i, 0xEF, in.size() - 2 - i);
    if (!ef) break;
    i = static_cast<size_t>(static_cast<const char*>(ef) - in.data());
    const auto b0 = static_cast<unsigned char>(in[i]);
    const auto b1 = static_cast<unsigned char>(in[i + 1]);
    const auto b2 = static_cast<unsigned char>(in[i + 2]);
    const unsigned cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
    if (cp < 0xFF01 || cp > 0xFF5E) continue;
    n.text.append(in.substr(run, i - run));
    n.folded.push_back(static_cast<std::uint32_t>(n.text.size()));
    n.text.push_back(static_cast<char>(cp - 0xFEE0));
    run = i + 3;
    i += 2;
  }
  n.text.append(in.substr(run));
  return n;
}

}  // namespace renkei::domain::text_patterns
