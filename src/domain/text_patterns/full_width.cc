#include "domain/text_patterns/full_width.h"

namespace renkei::domain::text_patterns {

FoldedText FoldFullWidthAscii(std::string_view in) {
  FoldedText n;
  bool any = false;
  for (size_t i = 0; i + 2 < in.size(); ++i) {
    if (static_cast<unsigned char>(in[i]) == 0xEF &&
        (static_cast<unsigned char>(in[i + 1]) == 0xBC ||
         static_cast<unsigned char>(in[i + 1]) == 0xBD)) {
      any = true;
      break;
    }
  }
  if (!any) {
    n.text.assign(in);
    return n;
  }
  n.text.reserve(in.size());
  n.original.reserve(in.size() + 1);
  for (size_t i = 0; i < in.size();) {
    const auto b0 = static_cast<unsigned char>(in[i]);
    if (b0 == 0xEF && i + 2 < in.size()) {
      const auto b1 = static_cast<unsigned char>(in[i + 1]);
      const auto b2 = static_cast<unsigned char>(in[i + 2]);
      const unsigned cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        n.text.push_back(static_cast<char>(cp - 0xFEE0));
        n.original.push_back(static_cast<std::uint32_t>(i));
        i += 3;
        continue;
      }
    }
    n.text.push_back(in[i]);
    n.original.push_back(static_cast<std::uint32_t>(i));
    ++i;
  }
  n.original.push_back(static_cast<std::uint32_t>(in.size()));
  return n;
}

}  // namespace renkei::domain::text_patterns
