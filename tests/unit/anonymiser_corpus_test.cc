// The anonymiser over the labelled corpus (tests/data/anonymiser/: several hundred
// Japanese and English incident and near-miss texts with every span that must be
// replaced and every span that must stay), with the corpus's directory as its dictionary
// and MeCab. Prints recall per class and the precision on the must-stay spans, and fails
// below the floors of issue 15, listing what was missed and what was wrongly replaced.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "domain/reporting/anonymiser.h"
#include "nlp/mecab_tagger.h"
#include "support/anonymiser_corpus.h"

namespace renkei::testing {
namespace {

TEST(AnonymiserCorpus, RecallPerClassAndKeepPrecisionMeetTheFloors) {
  std::string error;
  const auto corpus = LoadCorpus(RENKEI_SOURCE_DIR "/tests/data/anonymiser", error);
  ASSERT_TRUE(corpus) << error;
  ASSERT_GE(corpus->texts.size(), 300u) << "issue 15 asks for at least 300 texts";
  auto tagger = nlp::MecabTagger::Open();
  ASSERT_TRUE(tagger.ok()) << "MeCab with mecab-ipadic-utf8 must be installed";
  const domain::Anonymiser anonymiser(corpus->directory, tagger.value().get());
  const CorpusScore score = ScoreCorpus(*corpus, anonymiser);
  std::printf("anonymiser over %zu corpus texts:\n%s", corpus->texts.size(),
              FormatScore(score).c_str());

  const std::map<std::string, double> floors = {
      {"person", 0.98},  {"organisation", 0.98}, {"facility", 0.98}, {"address", 0.98},
      {"contact", 0.98}, {"date", 0.95},         {"network", 0.95}};
  bool below = false;
  for (const auto& [kind, floor] : floors) {
    const auto it = score.recall.find(kind);
    ASSERT_NE(it, score.recall.end()) << "the corpus has no " << kind << " spans";
    EXPECT_GE(it->second.value(), floor) << "recall of " << kind;
    below = below || it->second.value() < floor;
  }
  EXPECT_GE(score.keep.value(), 0.95) << "precision on the spans that must stay";
  below = below || score.keep.value() < 0.95;
  if (below) {
    std::string list;
    for (const auto& m : score.missed) list += "  missed: " + m + "\n";
    for (const auto& w : score.wrongly_replaced) list += "  wrongly replaced: " + w + "\n";
    ADD_FAILURE() << score.missed.size() << " spans missed, " << score.wrongly_replaced.size()
                  << " must-stay spans replaced:\n"
                  << list;
  }
}

// The lead's publication check proposes again on the summary: the placeholders and
// replacements (組織A, 人物A, 施設A, 所在地A, アカウント-1, 2026年11月第2週, 約1,000〜9,999,
// "Person A") must not read as names, places, accounts or contacts themselves.
TEST(AnonymiserCorpus, ASecondPassOverTheRedactedTextFindsNothingIdentifying) {
  std::string error;
  const auto corpus = LoadCorpus(RENKEI_SOURCE_DIR "/tests/data/anonymiser", error);
  ASSERT_TRUE(corpus) << error;
  auto tagger = nlp::MecabTagger::Open();
  ASSERT_TRUE(tagger.ok());
  const domain::Anonymiser anonymiser(corpus->directory, tagger.value().get());
  const auto found = SecondPassFindings(*corpus, anonymiser);
  std::string list;
  for (const auto& f : found) list += "  " + f + "\n";
  EXPECT_TRUE(found.empty()) << found.size() << " findings on the second pass:\n" << list;
}

}  // namespace
}  // namespace renkei::testing
