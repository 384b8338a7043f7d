// The labelled anonymiser corpus (tests/data/anonymiser/, see its README.md) and its
// score: recall per class of the spans that must be replaced, and how many of the spans
// that must stay are left alone. Shared by the corpus test (tests/unit/
// anonymiser_corpus_test.cc) and bench/anonymise, so both count the same way.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/reporting/anonymiser.h"

namespace renkei::testing {

struct CorpusSpan {
  std::string text, kind;
};

struct CorpusText {
  std::string id, lang, text;
  std::vector<CorpusSpan> replace, keep;
};

struct Corpus {
  std::vector<CorpusText> texts;
  std::vector<domain::DictionaryEntry> directory;  // directory.json: what the platform knows
};

// Reads corpus.jsonl and directory.json from `dir`; nullopt and `error` if one is missing
// or malformed.
std::optional<Corpus> LoadCorpus(const std::string& dir, std::string& error);

struct Ratio {
  size_t total = 0, good = 0;
  double value() const { return total ? static_cast<double>(good) / total : 1.0; }
};

struct CorpusScore {
  std::map<std::string, Ratio> recall;  // replace kind → spans recalled
  Ratio keep;                           // keep spans no finding touches
  // "ja-003 contact 「adm-sato」" per missed replace span, and per keep span a finding
  // overlaps ("ja-014 public 「Emotet」 ← organisation 「Emotet」").
  std::vector<std::string> missed, wrongly_replaced;
};

// The counting rule of the corpus README: a replace span is recalled when every
// non-whitespace byte of each of its occurrences lies inside some finding; a keep span
// is kept when no finding overlaps any of its occurrences.
CorpusScore ScoreCorpus(const Corpus& corpus, const domain::Anonymiser& anonymiser);

// What a second pass finds in each redacted text (Propose over ApplyFindings(text,
// Propose(text))) that could identify: every finding of a kind other than date, number,
// ip and prefecture, as "ja-001 person 「…」 in 「…redacted text…」". The publication check
// runs the anonymiser again on the summary, so its own placeholders must pass it.
std::vector<std::string> SecondPassFindings(const Corpus& corpus,
                                            const domain::Anonymiser& anonymiser);

// One line per class: "person 0.987 (150/152)", then "keep precision …".
std::string FormatScore(const CorpusScore& score);

}  // namespace renkei::testing
