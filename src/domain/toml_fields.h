// Reading fields of a catalogue's TOML table (reporting, assessment): a missing or
// mistyped value reads as empty, and the catalogue's own checks then name what is wrong.
#pragma once

#include <toml++/toml.h>

#include <optional>
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

// What a TOML syntax error says, with where: "line 3, column 7: expected …".
inline std::string TomlSyntaxError(const toml::parse_error& e) {
  return "line " + std::to_string(e.source().begin.line) + ", column " +
         std::to_string(e.source().begin.column) + ": " + std::string(e.description());
}

// The tables of an array of tables (`[[key]]`): none when the key is absent, nullopt when
// it holds anything else (`key = 3`, `key = [1]`), for the caller to name the key.
template <typename NodeView>
std::optional<std::vector<const toml::table*>> Tables(NodeView n) {
  std::vector<const toml::table*> out;
  if (!n) return out;
  const auto* a = n.as_array();
  if (!a) return std::nullopt;
  for (const auto& e : *a) {
    const auto* t = e.as_table();
    if (!t) return std::nullopt;
    out.push_back(t);
  }
  return out;
}

}  // namespace renkei::domain
