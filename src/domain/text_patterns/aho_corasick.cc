#include "domain/text_patterns/aho_corasick.h"

namespace renkei::domain::text_patterns {

void AhoCorasick::Add(std::string_view word, int id) {
  int node = 0;
  for (unsigned char c : word) {
    c = AsciiLower(c);
    auto& kids = build_[Index(node)];
    auto it = kids.find(c);
    if (it == kids.end()) {
      build_.emplace_back();
      out_.push_back(-1);
      const int next = static_cast<int>(build_.size()) - 1;
      build_[Index(node)][c] = next;
      node = next;
    } else {
      node = it->second;
    }
  }
  if (out_[Index(node)] < 0) out_[Index(node)] = id;
}

int AhoCorasick::BuildStep(int node, unsigned char c) const {
  while (true) {
    const auto& kids = build_[Index(node)];
    auto it = kids.find(c);
    if (it != kids.end()) return it->second;
    if (node == 0) return 0;
    node = fail_[Index(node)];
  }
}

void AhoCorasick::Build() {
  const size_t n = build_.size();
  first_.assign(n + 1, 0);
  for (size_t i = 0; i < n; ++i)
    first_[i + 1] = first_[i] + static_cast<std::uint32_t>(build_[i].size());
  labels_.resize(first_[n]);
  targets_.resize(first_[n]);
  for (size_t i = 0; i < n; ++i) {
    std::uint32_t k = first_[i];
    for (auto [c, t] : build_[i]) {
      labels_[k] = c;
      targets_[k++] = t;
    }
  }
  fail_.assign(n, 0);
  dict_.assign(n, -1);
  for (int c = 0; c < 256; ++c) root_[c] = 0;
  std::vector<int> queue;
  for (auto [c, t] : build_[0]) {
    root_[c] = t;
    queue.push_back(t);
  }
  // Breadth first: a node's failure link is known before its children's.
  for (size_t qi = 0; qi < queue.size(); ++qi) {
    const int u = queue[qi];
    for (auto [c, v] : build_[Index(u)]) {
      const int next = BuildStep(fail_[Index(u)], c);
      fail_[Index(v)] = next;
      dict_[Index(v)] = out_[Index(next)] >= 0 ? next : dict_[Index(next)];
      queue.push_back(v);
    }
  }
  build_.clear();
  build_.shrink_to_fit();
}

}  // namespace renkei::domain::text_patterns
