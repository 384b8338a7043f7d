// Small text helpers the stores share: comma-joined id lists (the denormalised link
// columns), role lists as stored and LIKE patterns.
#pragma once

#include <string>
#include <vector>

#include "domain/principal.h"

namespace renkei::storage {

inline std::string Join(const std::vector<std::string>& v, char sep = ',') {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

inline std::vector<std::string> Split(const std::string& s, char sep = ',') {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Roles as the comma-separated copies keep them (users.roles, items.roles): their stored
// names (kRoleCodes). Reading skips a name no role has.
inline std::string RolesText(const std::vector<domain::Role>& roles) {
  std::string out;
  for (size_t i = 0; i < roles.size(); ++i) {
    if (i) out += ',';
    out += domain::RoleName(roles[i]);
  }
  return out;
}

inline std::vector<domain::Role> RolesFromText(const std::string& s) {
  std::vector<domain::Role> out;
  for (const auto& name : Split(s)) {
    if (auto r = domain::ParseRole(name)) out.push_back(*r);
  }
  return out;
}

// `s` as LIKE text that matches itself only: %, _ and \ escaped (use ESCAPE '\').
inline std::string LikeLiteral(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 2);
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// LIKE patterns (with ESCAPE '\') matching `s` anywhere, or as a prefix.
inline std::string ContainsPattern(const std::string& s) { return "%" + LikeLiteral(s) + "%"; }
inline std::string PrefixPattern(const std::string& s) { return LikeLiteral(s) + "%"; }

}  // namespace renkei::storage
