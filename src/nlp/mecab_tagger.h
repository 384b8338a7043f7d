// MecabTagger: the NameTagger over MeCab with the IPA dictionary. Finds person names
// (名詞,固有名詞,人名; a family name and a given name next to each other are one span)
// and organisation names (名詞,固有名詞,組織) in Japanese text. Only sentences with a
// name cue (さん, 氏, 様, 部長, 担当, 株式会社 …) that no known finding explains are
// parsed; see mecab_tagger.cc.
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
  // Loads the system dictionary (mecab-ipadic-utf8); an error says what to install.
  // `every_sentence`: parse every Japanese sentence, cue or not (for measuring the gate).
  static Result<std::unique_ptr<MecabTagger>> Open(bool every_sentence = false);
  ~MecabTagger() override;
  void Tag(std::string_view text, const domain::KnownSpans& known,
           std::vector<domain::NameSpan>& out) const override;

 private:
  MecabTagger() = default;
  MeCab::Model* model_ = nullptr;
  bool every_sentence_ = false;
};

}  // namespace renkei::nlp
