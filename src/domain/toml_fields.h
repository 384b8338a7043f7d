// Reading fields of a catalogue's TOML table (reporting, assessment): a missing or
// mistyped value reads as empty, and the catalogue's own checks then name what is wrong.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>
#include <vector>

namespace renkei::domain {

inline std::string Str(const toml::table& t, std::string_view key) {
  return t[key].value_or(std::string());
}

inline std::vector<std::string> Strs(const toml::node_view<const toml::node> n) {
  std::vector<std::string> out;
  if (const auto* a = n.as_array()) {
    for (const auto& e : *a)
      if (auto s = e.value<std::string>()) out.push_back(*s);
  }
  return out;
}

}  // namespace renkei::domain
