#include "http/message.h"

namespace renkei::http {
namespace {
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

bool PercentDecode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      const char decoded = static_cast<char>(hi * 16 + lo);
      if (decoded == '\0') return false;
      out += decoded;
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return true;
}

bool ParseQuery(std::string_view raw, Request& out) {
  size_t start = 0;
  while (start <= raw.size() && !raw.empty()) {
    size_t end = raw.find('&', start);
    if (end == std::string_view::npos) end = raw.size();
    const std::string_view pair = raw.substr(start, end - start);
    if (!pair.empty()) {
      const size_t eq = pair.find('=');
      std::string key, value;
      if (!PercentDecode(pair.substr(0, eq), key, true)) return false;
      if (eq != std::string_view::npos && !PercentDecode(pair.substr(eq + 1), value, true)) {
        return false;
      }
      if (out.query.count(key)) out.query_keys_repeated.push_back(key);
      out.query[key] = std::move(value);
    }
    if (end == raw.size()) break;
    start = end + 1;
  }
  return true;
}

std::optional<std::string> Request::cookie(const std::string& name) const {
  const std::string* raw = header("cookie");
  if (!raw) return std::nullopt;
  std::string_view s = *raw;
  while (!s.empty()) {
    size_t end = s.find(';');
    std::string_view part = s.substr(0, end);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    const size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
    if (end == std::string_view::npos) break;
    s.remove_prefix(end + 1);
  }
  return std::nullopt;
}

}  // namespace renkei::http
