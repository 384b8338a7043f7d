// MecabTagger: the NameTagger over MeCab with the IPA dictionary. Finds person names
// (名詞,固有名詞,人名; a family name and a given name next to each other, or with one
// space between, are one span: 渡辺 健一) and organisation names (名詞,固有名詞,組織) in
// Japanese text. Which sentences are parsed is the gate: by default every sentence that
// may hold a name — one with a name cue (さん, 氏, 様, 部長, 担当, 株式会社 …) or one of the
// ~200 most common family names that no known finding explains, so bare surnames
// (鈴木が…) are found. kMayHoldName (any two unexplained kanji) and kEverySentence parse
// more and cost 2–3× the throughput (bench/anonymise, docs/benchmarks.md).
// One MeCab model, a lattice per call: thread-safe.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "domain/reporting/anonymiser.h"

namespace MeCab {
class Model;
}

namespace renkei::nlp {

class MecabTagger final : public domain::NameTagger {
 public:
  enum class Gate {
    kCue,            // only sentences with an unexplained name cue (the gate before issue 15)
    kMayHoldName,    // a cue, or two kanji in a row outside every known finding
    kSurname,        // a cue, or a common family name outside every known finding
    kEverySentence,  // every sentence with Japanese text (for measuring the gate)
  };
  // Loads the system dictionary (mecab-ipadic-utf8); an error says what to install.
  static Result<std::unique_ptr<MecabTagger>> Open(Gate gate = Gate::kSurname);
  ~MecabTagger() override;
  void Tag(std::string_view text, const domain::KnownSpans& known,
           std::vector<domain::NameSpan>& out) const override;

 private:
  MecabTagger() = default;
  MeCab::Model* model_ = nullptr;
  Gate gate_ = Gate::kSurname;
};

}  // namespace renkei::nlp
