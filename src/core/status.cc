#include "core/status.h"

namespace renkei {

std::string FillTemplate(std::string_view text, const std::vector<StatusArg>& args, Lang lang) {
  std::string out;
  out.reserve(text.size() + 16);
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find('{', i);
    if (open == std::string_view::npos) break;
    const size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open - i));
    const std::string_view name = text.substr(open + 1, close - open - 1);
    const std::string* value = nullptr;
    for (const auto& a : args) {
      if (a.name == name) value = &a.in(lang);
    }
    if (value) {
      out += *value;
    } else {
      out.append(text.substr(open, close - open + 1));
    }
    i = close + 1;
  }
  out.append(text.substr(i));
  return out;
}

std::string Status::message(Lang lang) const {
  if (!message_) return "";
  return FillTemplate(lang == Lang::kEn ? message_->en : message_->ja, args_, lang);
}

std::string Status::Describe() const {
  if (ok()) return "ok";
  std::string out = std::string(code()) + ": " + message(Lang::kEn);
  if (!field_.empty()) out += " [" + field_ + "]";
  if (!note_.empty()) out += " (" + note_ + ")";
  return out;
}

}  // namespace renkei
