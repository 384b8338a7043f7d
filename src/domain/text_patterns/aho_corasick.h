// AhoCorasick: a dictionary matcher over bytes, ASCII case-insensitive ("Kanto" matches
// "KANTO"; other bytes, so UTF-8 text, compare exactly). One pass over the text finds, at
// every byte, the longest dictionary word ending there, so words that overlap are all
// found when they end at different places ("東京電力" and "電力会社" in "東京電力会社").
// Add the words, Build() once, then Scan() from any number of threads (Scan is const).
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "core/ascii.h"

namespace renkei::domain::text_patterns {

class AhoCorasick {
 public:
  // Adds `word` with the caller's `id` (>= 0). A word added twice keeps its first id.
  // Only before Build().
  void Add(std::string_view word, int id);
  // Freezes the automaton: failure links, then a compact sorted edge table.
  void Build();

  // Calls fn(end, id) for the longest word ending at each byte: `end` is the offset just
  // after its last byte (the word starts at end - its length). In text order.
  template <typename Fn>
  void Scan(std::string_view text, Fn&& fn) const {
    int node = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      node = Step(node, AsciiLower(static_cast<unsigned char>(text[i])));
      if (node == 0) continue;
      const int hit = out_[Index(node)] >= 0 ? node : dict_[Index(node)];
      if (hit >= 0) fn(i + 1, out_[Index(hit)]);
    }
  }

  size_t states() const { return out_.size(); }

 private:
  static size_t Index(int node) { return static_cast<size_t>(node); }
  // The child of `node` on byte c in the built table, or -1.
  int Child(int node, unsigned char c) const {
    if (node == 0) return root_[c] ? root_[c] : -1;
    const auto* b = labels_.data() + first_[Index(node)];
    const auto* e = labels_.data() + first_[Index(node) + 1];
    const auto* it = std::lower_bound(b, e, c);
    if (it == e || *it != c) return -1;
    return targets_[static_cast<size_t>(it - labels_.data())];
  }
  // The state after reading c in `node`, following failure links.
  int Step(int node, unsigned char c) const {
    while (true) {
      const int next = Child(node, c);
      if (next >= 0) return next;
      if (node == 0) return 0;
      node = fail_[Index(node)];
    }
  }
  // The same while building (the edges are still maps).
  int BuildStep(int node, unsigned char c) const;

  std::vector<std::map<unsigned char, int>> build_{1};  // edges until Build()
  std::vector<int> out_{-1};                            // id of the word ending here, or -1
  std::vector<std::uint32_t> first_;                    // node → first edge in labels_
  std::vector<unsigned char> labels_;                   // edge bytes, sorted per node
  std::vector<int> targets_;                            // edge targets
  std::vector<int> fail_;                               // longest proper suffix that is a state
  std::vector<int> dict_;  // nearest suffix state where a word ends, or -1
  int root_[256] = {};     // the root's edges as a table (0: none)
};

}  // namespace renkei::domain::text_patterns
