#include "nlp/mecab_tagger.h"

#include <mecab.h>

#include <algorithm>
#include <cstring>

#include "core/error_codes.h"

namespace renkei::nlp {

Result<std::unique_ptr<MecabTagger>> MecabTagger::Open(bool every_sentence) {
  std::unique_ptr<MecabTagger> t(new MecabTagger());
  t->every_sentence_ = every_sentence;
  t->model_ = MeCab::createModel("");
  if (!t->model_) {
    return err::MecabUnavailable().with_note(MeCab::getLastError());
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

// Words that come with a name in Japanese business writing: honorifics and titles after a
// person's name, legal forms around a company's. Only sentences with a cue that no known
// finding explains (a directory name just before さん, a company name containing 株式会社)
// are parsed: names outside the directory come with one, and skipping the rest keeps
// the anonymiser above 20 MB/s (bench/anonymise).
constexpr std::string_view kCues[] = {
    "さん",   "氏",   "様",   "殿",       "君",       "部長",     "課長",   "係長", "主任",
    "担当",   "社長", "所長", "室長",     "取締役",   "理事",     "委員",   "代表", "記者",
    "弁護士", "先生", "教授", "株式会社", "有限会社", "合同会社", "（株）", "(株)", "㈱"};

// Whether a known finding lies within `slack` bytes of [b, e).
bool Explained(const domain::KnownSpans& known, size_t b, size_t e, size_t slack) {
  auto it = std::lower_bound(known.begin(), known.end(),
                             std::make_pair(e + slack, size_t{0}));  // first starting after
  while (it != known.begin()) {
    --it;
    if (it->second + slack >= b) return true;
    if (it->second + 64 < b) break;  // spans are short; far enough back
  }
  return false;
}

// The code point of the UTF-8 sequence at s[i] (a lead byte), or 0.
char32_t CodePointAt(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c >= 0xE0 && c < 0xF0 && i + 2 < s.size()) {
    return ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
  }
  return c < 0x80 ? c : 0;
}

// The first characters of the cues, for a cheap test before comparing whole cues.
bool MayStartCue(char32_t cp) {
  switch (cp) {
    case U'さ':
    case U'氏':
    case U'様':
    case U'殿':
    case U'君':
    case U'部':
    case U'課':
    case U'係':
    case U'主':
    case U'担':
    case U'社':
    case U'所':
    case U'室':
    case U'取':
    case U'理':
    case U'委':
    case U'代':
    case U'記':
    case U'弁':
    case U'先':
    case U'教':
    case U'株':
    case U'有':
    case U'合':
    case U'（':
    case U'(':
    case U'㈱':
      return true;
    default:
      return false;
  }
}

// `offset`: where the sentence starts in the text `known` refers to.
bool HasUnexplainedCue(std::string_view sentence, size_t offset, const domain::KnownSpans& known) {
  for (size_t i = 0; i < sentence.size(); ++i) {
    const auto c = static_cast<unsigned char>(sentence[i]);
    if ((c < 0xC0 && c != '(') || !MayStartCue(CodePointAt(sentence, i))) continue;
    for (std::string_view cue : kCues) {
      if (sentence.compare(i, cue.size(), cue) != 0) continue;
      // Two characters either side: "山田さん", "担当の山田".
      if (!Explained(known, offset + i, offset + i + cue.size(), 6)) return true;
    }
  }
  return false;
}

// The end of the sentence starting at `start`: after 。！？ or at a line end.
size_t SentenceEnd(std::string_view text, size_t start) {
  for (size_t i = start; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') return i + 1;
    if (c != 0xE3 && c != 0xEF) continue;
    const char32_t cp = CodePointAt(text, i);
    if (cp == U'。' || cp == U'！' || cp == U'？') return i + 3;
  }
  return text.size();
}

bool HasNonAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

}  // namespace

void MecabTagger::Tag(std::string_view text, const domain::KnownSpans& known,
                      std::vector<domain::NameSpan>& out) const {
  // Created on the first sentence that needs parsing (creating them costs more than
  // parsing a short report).
  std::unique_ptr<MeCab::Tagger> tagger;
  std::unique_ptr<MeCab::Lattice> lattice;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = SentenceEnd(text, start);
    std::string_view line = text.substr(start, end - start);
    if (HasNonAscii(line) && (every_sentence_ || HasUnexplainedCue(line, start, known))) {
      if (!tagger) {
        tagger.reset(model_->createTagger());
        lattice.reset(model_->createLattice());
        if (!tagger || !lattice) return;
      }
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
    start = end;
  }
}

}  // namespace renkei::nlp
