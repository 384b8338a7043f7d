#include "nlp/mecab_tagger.h"

#include <mecab.h>

#include <cstring>

namespace renkei::nlp {

Result<std::unique_ptr<MecabTagger>> MecabTagger::Open() {
  std::unique_ptr<MecabTagger> t(new MecabTagger());
  t->model_ = MeCab::createModel("");
  if (!t->model_) {
    return Status(Kind::kUnavailable, "mecab_unavailable",
                  std::string("MeCab could not load its dictionary (install mecab-ipadic-utf8): ") +
                      MeCab::getLastError());
  }
  return t;
}

MecabTagger::~MecabTagger() { delete model_; }

namespace {

// The third and fourth features of "名詞,固有名詞,人名,姓,…".
bool Proper(const char* feature, const char* what) {
  static const char kPrefix[] = "名詞,固有名詞,";
  if (std::strncmp(feature, kPrefix, sizeof(kPrefix) - 1) != 0) return false;
  const char* rest = feature + sizeof(kPrefix) - 1;
  const size_t n = std::strlen(what);
  return std::strncmp(rest, what, n) == 0 && rest[n] == ',';
}

bool HasNonAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

}  // namespace

void MecabTagger::Tag(std::string_view text, std::vector<domain::NameSpan>& out) const {
  std::unique_ptr<MeCab::Tagger> tagger(model_->createTagger());
  std::unique_ptr<MeCab::Lattice> lattice(model_->createLattice());
  if (!tagger || !lattice) return;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (HasNonAscii(line)) {
      lattice->set_sentence(line.data(), line.size());
      if (tagger->parse(lattice.get())) {
        domain::NameSpan open;  // a person span being extended (姓 followed by 名)
        bool have = false;
        for (const MeCab::Node* n = lattice->bos_node(); n; n = n->next) {
          if (n->stat != MECAB_NOR_NODE && n->stat != MECAB_UNK_NODE) continue;
          const size_t b = start + static_cast<size_t>(n->surface - line.data());
          const size_t e = b + n->length;
          const bool person = Proper(n->feature, "人名");
          const bool org = Proper(n->feature, "組織");
          // Names written in ASCII are left to the directory: MeCab tags product and
          // vendor words ("Windows") as organisations.
          const bool japanese = HasNonAscii(text.substr(b, e - b));
          if (person && japanese) {
            if (have && open.kind == "person" && open.end == b) {
              open.end = e;
            } else {
              if (have) out.push_back(open);
              open = {b, e, "person"};
              have = true;
            }
          } else {
            if (have) out.push_back(open);
            have = false;
            if (org && japanese) out.push_back({b, e, "organisation"});
          }
        }
        if (have) out.push_back(open);
      }
    }
    start = end + 1;
  }
}

}  // namespace renkei::nlp
