#include "domain/text_patterns/aho_corasick.h"

#include <algorithm>

namespace renkei::domain::text_patterns {
namespace {

// States with more edges than this get a full row of transitions: one load per byte
// instead of a search and failure links. The root and the states of the first bytes of
// UTF-8 characters are the wide ones; most states have one edge.
constexpr size_t kRowDegree = 8;

}  // namespace

void AhoCorasick::Add(std::string_view word, int list, int id) {
  if (word.empty()) return;
  int node = 0;
  for (unsigned char c : word) {
    c = AsciiLower(c);
    auto it = build_[static_cast<size_t>(node)].find(c);
    if (it == build_[static_cast<size_t>(node)].end()) {
      build_.emplace_back();
      const int next = static_cast<int>(build_.size()) - 1;
      build_[static_cast<size_t>(node)][c] = next;
      node = next;
    } else {
      node = it->second;
    }
  }
  words_.push_back({node, list, id});
}

void AhoCorasick::Build() {
  const size_t n = build_.size();
  // Breadth first: order[k] is the k-th trie state; a state's failure link (a shorter
  // string) comes before it, so it is built first.
  std::vector<int> order{0};
  order.reserve(n);
  for (size_t k = 0; k < order.size(); ++k)
    for (auto [c, t] : build_[static_cast<size_t>(order[k])]) order.push_back(t);
  // Depth first: the number each trie state gets.
  std::vector<std::uint32_t> renumbered(n, 0);
  {
    std::vector<int> stack{0};
    std::uint32_t next = 0;
    while (!stack.empty()) {
      const int u = stack.back();
      stack.pop_back();
      renumbered[static_cast<size_t>(u)] = next++;
      const auto& kids = build_[static_cast<size_t>(u)];
      for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(it->second);
    }
  }
  std::vector<int> fail(n, 0);
  auto build_step = [&](int node, unsigned char c) {
    while (true) {
      const auto& kids = build_[static_cast<size_t>(node)];
      auto it = kids.find(c);
      if (it != kids.end()) return it->second;
      if (node == 0) return 0;
      node = fail[static_cast<size_t>(node)];
    }
  };
  for (size_t k = 0; k < n; ++k) {
    const int u = order[k];
    for (auto [c, v] : build_[static_cast<size_t>(u)])
      fail[static_cast<size_t>(v)] = u == 0 ? 0 : build_step(fail[static_cast<size_t>(u)], c);
  }
  // The words of each trie state, in the order they were added.
  std::vector<std::uint32_t> first(n + 1, 0);
  for (const Word& w : words_) ++first[static_cast<size_t>(w.node) + 1];
  for (size_t i = 0; i < n; ++i) first[i + 1] += first[i];
  std::vector<Hit> own(words_.size());
  {
    std::vector<std::uint32_t> at(first.begin(), first.end() - 1);
    for (const Word& w : words_) own[at[static_cast<size_t>(w.node)]++] = {w.list, w.id};
  }
  nodes_.assign(n, Node{});
  hits_.clear();
  labels_.clear();
  targets_.clear();
  rows_.clear();
  std::vector<Hit> here;
  for (size_t k = 0; k < n; ++k) {
    const auto u = static_cast<size_t>(order[k]);
    Node& node = nodes_[renumbered[u]];
    node.fail = renumbered[static_cast<size_t>(fail[u])];
    // Its words: the first one added of each list, then the longest of each other list
    // among its suffixes (its failure link's words).
    here.clear();
    auto add = [&here](Hit h) {
      for (const Hit& x : here)
        if (x.list == h.list) return;
      here.push_back(h);
    };
    for (std::uint32_t i = first[u]; i < first[u + 1]; ++i) add(own[i]);
    if (k > 0) {
      const Node& f = nodes_[node.fail];
      for (std::uint32_t i = f.hits; i < f.hits + f.hit_count; ++i) add(hits_[i]);
    }
    std::sort(here.begin(), here.end(), [](Hit a, Hit b) { return a.list < b.list; });
    node.hits = static_cast<std::uint32_t>(hits_.size());
    node.hit_count = static_cast<std::uint8_t>(here.size());
    hits_.insert(hits_.end(), here.begin(), here.end());
    const auto& kids = build_[u];
    if (k == 0 || kids.size() > kRowDegree) {
      node.degree = kRow;
      node.next = static_cast<std::uint32_t>(rows_.size());
      rows_.resize(rows_.size() + 256, 0);
      // Where each byte leads from its failure link (built already: it comes first).
      if (k > 0)
        for (int c = 0; c < 256; ++c)
          rows_[node.next + static_cast<size_t>(c)] =
              Step(node.fail, static_cast<unsigned char>(c));
      for (auto [c, t] : kids) rows_[node.next + c] = renumbered[static_cast<size_t>(t)];
    } else if (kids.size() == 1) {
      node.degree = 1;
      node.label = kids.begin()->first;
      node.next = renumbered[static_cast<size_t>(kids.begin()->second)];
    } else {
      node.degree = static_cast<std::uint16_t>(kids.size());
      node.next = static_cast<std::uint32_t>(labels_.size());
      for (auto [c, t] : kids) {
        labels_.push_back(c);
        targets_.push_back(renumbered[static_cast<size_t>(t)]);
      }
    }
  }
  build_.clear();
  build_.shrink_to_fit();
  words_.clear();
  words_.shrink_to_fit();
}

void AddWordList(AhoCorasick& matcher, int list, WordList words) {
  for (size_t i = 0; i < words.size(); ++i) matcher.Add(words[i], list, static_cast<int>(i));
}

WordFinder::WordFinder(WordList words) : words_(words) {
  AddWordList(matcher_, 0, words_);
  matcher_.Build();
}

void WordFinder::Find(std::string_view text, std::vector<WordHit>& out) const {
  matcher_.Scan(text, [&](size_t end, int id) { out.push_back(HitOf(words_, end, id)); });
}

}  // namespace renkei::domain::text_patterns
