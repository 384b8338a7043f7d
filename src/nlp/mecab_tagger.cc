#include "nlp/mecab_tagger.h"

#include <mecab.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/error_codes.h"

namespace renkei::nlp {

Result<std::unique_ptr<MecabTagger>> MecabTagger::Open(Gate gate) {
  std::unique_ptr<MecabTagger> t(new MecabTagger());
  t->gate_ = gate;
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
// `non_ascii`: whether it has a byte outside ASCII (read in the same pass).
size_t SentenceEnd(std::string_view text, size_t start, bool& non_ascii) {
  unsigned char any = 0;
  for (size_t i = start; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    any |= c;
    if (c == '\n') {
      non_ascii = any >= 0x80;
      return i + 1;
    }
    if (c != 0xE3 && c != 0xEF) continue;
    const char32_t cp = CodePointAt(text, i);
    if (cp == U'。' || cp == U'！' || cp == U'？') {
      non_ascii = true;
      return i + 3;
    }
  }
  non_ascii = any >= 0x80;
  return text.size();
}

bool HasNonAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

bool IsKanji(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || c == U'々'; }

bool IsKatakanaWord(std::string_view w) {
  if (w.empty()) return false;
  for (size_t i = 0; i < w.size(); i += 3) {
    const char32_t c = CodePointAt(w, i);
    if (!((c >= 0x30A1 && c <= 0x30FA) || c == U'ー' || c == U'・')) return false;
  }
  return true;
}

// Whether a name cue (さん, 氏, 課長 …) starts at byte i.
bool CueAt(std::string_view text, size_t i) {
  for (std::string_view cue : kCues)
    if (text.compare(i, cue.size(), cue) == 0) return true;
  return false;
}

// Whether the sentence has two kanji in a row that no known finding covers: a Japanese
// name (鈴木, 渡辺) needs them; a sentence without is not parsed.
bool HasUnexplainedKanjiPair(std::string_view sentence, size_t offset,
                             const domain::KnownSpans& known) {
  auto it = known.begin();
  int run = 0;
  for (size_t i = 0; i < sentence.size();) {
    const auto c = static_cast<unsigned char>(sentence[i]);
    if (c < 0x80) {
      run = 0;
      ++i;
      continue;
    }
    const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    const size_t at = offset + i;
    while (it != known.end() && it->second <= at) ++it;
    const bool inside = it != known.end() && it->first <= at;
    if (!inside && len == 3 && IsKanji(CodePointAt(sentence, i))) {
      if (++run == 2) return true;
    } else {
      run = 0;
    }
    i += len;
  }
  return false;
}

// Common family names that MeCab often reads as a place or a word (松本, 清水, 中野,
// 太田): taken as a person where MeCab tags them a proper noun or a common noun that no
// place suffix (市, 町, 駅 …) follows. One-character names (林, 森) are left to MeCab.
constexpr std::string_view kSurnames[] = {
    "佐藤", "鈴木",   "高橋",   "田中", "伊藤", "渡辺", "山本",   "中村", "小林",   "加藤", "吉田",
    "山田", "佐々木", "山口",   "松本", "井上", "木村", "斎藤",   "清水", "山崎",   "池田", "橋本",
    "阿部", "石川",   "山下",   "中島", "石井", "小川", "前田",   "岡田", "長谷川", "藤田", "後藤",
    "近藤", "村上",   "遠藤",   "青木", "坂本", "斉藤", "福田",   "太田", "西村",   "藤井", "金子",
    "岡本", "藤原",   "中野",   "三浦", "原田", "中川", "松田",   "竹内", "小野",   "田村", "中山",
    "和田", "石田",   "森田",   "上田", "内田", "柴田", "酒井",   "横山", "高木",   "安藤", "宮本",
    "大野", "小島",   "谷口",   "今井", "工藤", "高田", "増田",   "丸山", "杉山",   "村田", "大塚",
    "新井", "小山",   "平野",   "藤本", "河野", "上野", "野口",   "武田", "松井",   "岩崎", "菅原",
    "木下", "久保",   "佐野",   "野村", "松尾", "菊地", "杉本",   "市川", "古川",   "大西", "島田",
    "水野", "桜井",   "高野",   "渡部", "吉川", "山内", "西田",   "飯田", "菊池",   "西川", "小松",
    "北村", "安田",   "五十嵐", "川口", "平田", "中田", "久保田", "服部", "岩田",   "土屋", "本田",
    "樋口", "秋山",   "永井",   "中西", "吉村", "川上", "石原",   "松岡", "馬場",   "浅野", "荒木",
    "野田", "田辺",   "川村",   "星野", "黒田", "尾崎", "望月",   "永田", "熊谷",   "内藤", "松村",
    "西山", "大谷",   "平井",   "岩本", "片山", "本間", "早川",   "横田", "岡崎",   "荒井", "大石",
    "鎌田", "成田",   "宮田",   "小田", "石橋", "篠原", "須藤",   "河合", "大森",   "高山", "吉岡",
    "小池", "中尾",   "菅野",   "比嘉", "竹田", "上原", "桑原",   "坂口", "太田",   "小西", "奥村",
    "矢野"};

bool CommonSurname(std::string_view w) {
  if (w.size() != 6 && w.size() != 9) return false;  // two or three kanji
  static const std::vector<std::string_view> sorted = [] {
    std::vector<std::string_view> v(std::begin(kSurnames), std::end(kSurnames));
    std::sort(v.begin(), v.end());
    return v;
  }();
  return std::binary_search(sorted.begin(), sorted.end(), w);
}

// The code point of the three bytes at s[i] as CodePointAt reads them (s[i] a lead byte
// of three, i + 2 < s.size()).
char32_t ThreeByteCodePoint(std::string_view s, size_t i) {
  return ((static_cast<unsigned char>(s[i]) & 0x0Fu) << 12) |
         ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
         (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
}

// Whether the sentence has a common family name outside every known finding. No family
// name ends another (田中, 中田; no 谷川 in 長谷川), so the names found where their first
// kanji is one of those that start a family name are all the names of the sentence; the
// kanji that start none (most) cost a table look-up.
bool HasUnexplainedSurname(std::string_view sentence, size_t offset,
                           const domain::KnownSpans& known) {
  static const std::vector<bool> first = [] {
    std::vector<bool> v(0x10000, false);
    for (std::string_view w : kSurnames) v[ThreeByteCodePoint(w, 0)] = true;
    return v;
  }();
  for (size_t i = 0; i + 6 <= sentence.size(); ++i) {
    const auto c = static_cast<unsigned char>(sentence[i]);
    if (c < 0xE0 || c >= 0xF0 || !first[ThreeByteCodePoint(sentence, i)]) continue;
    for (size_t len : {size_t{6}, size_t{9}}) {
      if (i + len > sentence.size() || !CommonSurname(sentence.substr(i, len))) continue;
      const size_t b = offset + i;
      bool inside = false;
      for (const auto& [kb, ke] : known) {
        if (kb > b) break;
        inside = inside || ke >= b + len;
      }
      if (!inside) return true;
    }
  }
  return false;
}

bool StartsWith(const char* feature, std::string_view prefix) {
  return std::strncmp(feature, prefix.data(), prefix.size()) == 0;
}

// Titles written after a name, which are not part of it (渡辺 部長).
constexpr std::string_view kTitles[] = {"部長", "課長", "係長", "主任", "社長", "所長", "室長",
                                        "次長", "専務", "常務", "担当", "先生", "教授", "代表"};

// The end of a given name written after a family name and a space (渡辺 健一): a run of
// one to three kanji after one ASCII or ideographic space, that is not a title; `end`
// when there is none.
size_t GivenNameAfterSpace(std::string_view text, size_t end) {
  size_t p = end;
  if (p < text.size() && text[p] == ' ') {
    ++p;
  } else if (text.compare(p, 3, "\u3000") == 0) {
    p += 3;
  } else {
    return end;
  }
  size_t q = p;
  int n = 0;
  while (n < 4 && q < text.size() && IsKanji(CodePointAt(text, q))) {
    q += 3;
    ++n;
  }
  if (n == 0 || n > 3) return end;
  const std::string_view run = text.substr(p, q - p);
  for (std::string_view t : kTitles)
    if (run.substr(0, t.size()) == t) return end;
  return q;
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
    bool japanese = false;
    const size_t end = SentenceEnd(text, start, japanese);
    std::string_view line = text.substr(start, end - start);
    const bool cue = japanese && HasUnexplainedCue(line, start, known);
    const bool parse =
        japanese && (cue || gate_ == Gate::kEverySentence ||
                     (gate_ == Gate::kMayHoldName && HasUnexplainedKanjiPair(line, start, known)) ||
                     (gate_ == Gate::kSurname && HasUnexplainedSurname(line, start, known)));
    if (parse) {
      if (!tagger) {
        tagger.reset(model_->createTagger());
        lattice.reset(model_->createLattice());
        if (!tagger || !lattice) return;
      }
      lattice->set_sentence(line.data(), line.size());
      if (tagger->parse(lattice.get())) {
        // A family name and a space before a given name MeCab does not know (渡辺 健一:
        // 健 + 一) are one name.
        size_t morphemes = 0;  // in the person span being extended
        auto push = [&](domain::NameSpan s) {
          if (s.kind == "person") {
            s.end = GivenNameAfterSpace(text, s.end);
            // A spaced name's given part goes on to the end of its kanji (菅原 拓|海).
            const size_t space = text.find_first_of(" ", s.begin);
            const size_t ideo = text.find("\u3000", s.begin);
            const size_t given = std::min(space, ideo);
            if (given < s.end) {
              size_t q = s.end;
              while (q < text.size() && IsKanji(CodePointAt(text, q)) && q - given <= 9 &&
                     !CueAt(text, q))
                q += 3;
              s.end = q;
            }
            // One kanji (務 of 駅務, 装 of 計装) or a katakana word (コール of コール
            // センター) alone is a name only with an honorific or title after it.
            const std::string_view w = text.substr(s.begin, s.end - s.begin);
            const bool katakana = IsKatakanaWord(w);
            if (morphemes == 1 && (w.size() <= 3 || katakana) && !CueAt(text, s.end)) return;
          }
          out.push_back(s);
        };
        domain::NameSpan open;  // a person span being extended (姓 followed by 名)
        bool have = false;
        for (const MeCab::Node* n = lattice->bos_node(); n; n = n->next) {
          if (n->stat != MECAB_NOR_NODE && n->stat != MECAB_UNK_NODE) continue;
          const size_t b = start + static_cast<size_t>(n->surface - line.data());
          const size_t e = b + n->length;
          const std::string_view surface = text.substr(b, e - b);
          const bool place_follows =
              n->next && n->next->feature && StartsWith(n->next->feature, "名詞,接尾,地域");
          const bool person =
              Proper(n->feature, "人名") ||
              (CommonSurname(surface) && !place_follows &&
               (StartsWith(n->feature, "名詞,固有名詞") || StartsWith(n->feature, "名詞,一般")));
          // MeCab's organisations outside a sentence with a cue are mostly generic words
          // (水道局, オートコンプリート): taken only where a cue says a name is near.
          const bool org = cue && Proper(n->feature, "組織");
          // Names written in ASCII are left to the directory: MeCab tags product and
          // vendor words ("Windows") as organisations.
          const bool japanese = HasNonAscii(text.substr(b, e - b));
          if (person && japanese) {
            const bool spaced = (b == open.end + 1 && text[open.end] == ' ') ||
                                (b == open.end + 3 && text.compare(open.end, 3, "\u3000") == 0);
            if (have && open.kind == "person" && (open.end == b || spaced)) {
              open.end = std::max(open.end, e);
              ++morphemes;
            } else {
              if (have) push(open);
              open = {b, e, "person"};
              have = true;
              morphemes = 1;
            }
          } else {
            if (have) push(open);
            have = false;
            if (org && japanese) out.push_back({b, e, "organisation"});
          }
        }
        if (have) push(open);
      }
    }
    start = end;
  }
}

}  // namespace renkei::nlp
