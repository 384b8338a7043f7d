// AhoCorasick: a dictionary matcher over bytes, ASCII case-insensitive ("Kanto" matches
// "KANTO"; other bytes, so UTF-8 text, compare exactly). One pass over the text finds, at
// every byte, the longest dictionary word ending there, so words that overlap are all
// found when they end at different places ("東京電力" and "電力会社" in "東京電力会社").
// Words belong to word lists (0 by default): one automaton holds the words of several
// components, and one pass reports, at every byte, the longest word of each list ending
// there — exactly what a separate automaton per list would report.
// Add the words, Build() once, then Scan() from any number of threads (Scan is const).
// Below it, the word hits that detectors starting from fixed words take.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string_view>
#include <vector>

#include "core/ascii.h"

namespace renkei::domain::text_patterns {

class AhoCorasick {
 public:
  // Adds `word` to word list `list` (0 to 255) with the caller's `id` (>= 0). A word added
  // twice to one list keeps its first id. Only before Build().
  void Add(std::string_view word, int id) { Add(word, 0, id); }
  void Add(std::string_view word, int list, int id);
  // Freezes the automaton: failure links, each state's words, the edge tables.
  void Build();

  // Calls fn(end, id) for the longest word ending at each byte (with several lists: the
  // longest of each list): `end` is the offset just after its last byte (the word starts
  // at end - its length). In text order.
  template <typename Fn>
  void Scan(std::string_view text, Fn&& fn) const {
    ScanLists(text, [&fn](size_t end, int, int id) { fn(end, id); });
  }
  // Calls fn(end, list, id) for the longest word of each list ending at each byte, in
  // text order (at one byte, lists in increasing order).
  template <typename Fn>
  void ScanLists(std::string_view text, Fn&& fn) const {
    std::uint32_t node = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      node = Step(node, AsciiLower(static_cast<unsigned char>(text[i])));
      const Node& n = nodes_[node];
      for (std::uint32_t k = n.hits, e = n.hits + n.hit_count; k < e; ++k)
        fn(i + 1, hits_[k].list, hits_[k].id);
    }
  }

  size_t states() const { return nodes_.size(); }

 private:
  // A state. States are numbered depth first, so that the bytes of one word are states
  // next to each other in memory; most have one edge, kept in the state itself.
  struct Node {
    std::uint32_t next = 0;      // one edge: its target; more: the first in labels_/targets_;
                                 // a row: its first transition in rows_
    std::uint32_t fail = 0;      // longest proper suffix that is a state
    std::uint32_t hits = 0;      // first of its words in hits_
    std::uint8_t hit_count = 0;  // words ending here, one per list at most
    unsigned char label = 0;     // one edge: its byte
    std::uint16_t degree = 0;    // number of edges, or kRow
  };
  static constexpr std::uint16_t kRow = 0xFFFF;  // a full row of 256 transitions
  struct Hit {
    std::int32_t list, id;
  };

  // The state after reading c in `node`. A state with a row has every transition there
  // (failure links already followed); another has its edges, then its failure link.
  std::uint32_t Step(std::uint32_t node, unsigned char c) const {
    while (true) {
      const Node& n = nodes_[node];
      if (n.degree == 1) {
        if (n.label == c) return n.next;
      } else if (n.degree == kRow) {
        return rows_[n.next + c];
      } else {
        const unsigned char* labels = labels_.data() + n.next;
        for (std::uint32_t k = 0; k < n.degree; ++k)
          if (labels[k] == c) return targets_[n.next + k];
      }
      node = n.fail;
    }
  }

  struct Word {
    int node, list, id;
  };
  std::vector<std::map<unsigned char, int>> build_{1};  // edges until Build()
  std::vector<Word> words_;                             // the words' states until Build()
  std::vector<Node> nodes_;
  std::vector<Hit> hits_;
  std::vector<unsigned char> labels_;   // edge bytes of states with a few edges
  std::vector<std::uint32_t> targets_;  // their targets
  std::vector<std::uint32_t> rows_;     // full rows, 256 transitions each
};

// Word hits: a detector that starts from fixed words (the place words, the legal forms,
// the public sources) takes where they occur rather than finding them itself, so that the
// anonymiser finds the words of every detector and of its dictionary in one pass — one
// AhoCorasick with a word list per detector (AddWordList), whose hits it hands to each.
// WordFinder is that pass for a detector used on its own.

using WordList = std::span<const std::string_view>;

struct WordHit {
  size_t begin = 0, end = 0;  // bytes of the scanned text
  int id = 0;                 // the word's index in its list
};

// Adds `words` to `matcher` as word list `list` (ids: their indices).
void AddWordList(AhoCorasick& matcher, int list, WordList words);

// The hit of word `id` of `words` ending at `end`, as AhoCorasick::ScanLists reports it.
inline WordHit HitOf(WordList words, size_t end, int id) {
  return {end - words[static_cast<size_t>(id)].size(), end, id};
}

// The words of one list on their own.
class WordFinder {
 public:
  explicit WordFinder(WordList words);
  // Appends, at each byte, the longest word ending there, in text order.
  void Find(std::string_view text, std::vector<WordHit>& out) const;

 private:
  WordList words_;
  AhoCorasick matcher_;
};

}  // namespace renkei::domain::text_patterns
