#include "domain/text_patterns/company_patterns.h"

#include <iterator>
#include <string>

#include "domain/text_patterns/aho_corasick.h"
#include "domain/text_patterns/ascii.h"
#include "domain/text_patterns/japanese_chars.h"
#include "domain/text_patterns/place_patterns.h"
#include "domain/text_patterns/public_sources.h"

namespace renkei::domain::text_patterns {
namespace {

constexpr std::string_view kFormsJa[] = {"株式会社",
                                         "有限会社",
                                         "合同会社",
                                         "合資会社",
                                         "合名会社",
                                         "一般社団法人",
                                         "一般財団法人",
                                         "公益社団法人",
                                         "公益財団法人",
                                         "医療法人社団",
                                         "医療法人財団",
                                         "医療法人",
                                         "社会福祉法人",
                                         "学校法人",
                                         "特定非営利活動法人",
                                         "NPO法人",
                                         "独立行政法人",
                                         "国立研究開発法人",
                                         "(株)",
                                         "(有)",
                                         "(同)",
                                         "㈱",
                                         "㈲"};
constexpr std::string_view kFormsEn[] = {
    "Co., Ltd.", "Co.,Ltd.", "Co. Ltd.", "Co., Inc.",    "Co.,Inc.", "Ltd.",   "Ltd",
    "Limited",   "Inc.",     "Inc",      "Incorporated", "Corp.",    "Corp",   "Corporation",
    "K.K.",      "KK",       "GmbH",     "AG",           "LLC",      "L.L.C.", "LLP",
    "PLC",       "plc",      "Pty Ltd",  "S.A.",         "N.V.",     "B.V.",   "Co."};

// Role words before a company's name that are not part of it.
constexpr std::string_view kRolesJa[] = {
    "協力会社", "委託先",   "委託業者", "保守業者", "廃棄業者",     "販売店",   "代理店",
    "取引先",   "子会社",   "親会社",   "関連会社", "グループ会社", "ベンダー", "メーカー",
    "業者",     "委託",     "協力",     "元請",     "下請",         "当社",     "弊社",
    "同社",     "保険会社", "会社",     "旧"};
// Department words after a name that are not part of it (株式会社セキュアブリッジ
// インシデント対応チーム).
constexpr std::string_view kTailsJa[] = {"インシデント対応チーム",
                                         "インシデント対応",
                                         "情報システム部",
                                         "情報セキュリティ室",
                                         "情報セキュリティ部",
                                         "システム部",
                                         "総務部",
                                         "総務課",
                                         "営業部",
                                         "技術部",
                                         "開発部",
                                         "担当者",
                                         "担当",
                                         "社員",
                                         "職員",
                                         "作業員",
                                         "保守員",
                                         "関係者"};
constexpr std::string_view kLeadWordsEn[] = {"The",
                                             "A",
                                             "An",
                                             "Our",
                                             "Their",
                                             "Contact",
                                             "Attn",
                                             "From",
                                             "To",
                                             "By",
                                             "At",
                                             "For",
                                             "With",
                                             "Vendor",
                                             "Supplier",
                                             "Contractor",
                                             "Subcontractor",
                                             "Partner",
                                             "Customer",
                                             "Client",
                                             "Subsidiary",
                                             "Maintenance",
                                             "Integrator",
                                             "Provider",
                                             "Operator",
                                             "Via",
                                             "And",
                                             "Of",
                                             "Both",
                                             "Also",
                                             "Then",
                                             "When",
                                             "While",
                                             "If",
                                             "As",
                                             "In",
                                             "On"};

// The words of LegalForms(): Japanese forms, then English ones.
struct Table {
  std::vector<std::string_view> words;
  Table() {
    for (std::string_view w : kFormsJa) words.push_back(w);
    for (std::string_view w : kFormsEn) words.push_back(w);
  }
};

const Table& Forms() {
  static const Table t;
  return t;
}

bool IsEnglishForm(int id) { return static_cast<size_t>(id) >= std::size(kFormsJa); }

bool NameChar(char32_t c) {
  return IsKanji(c) || IsKatakana(c) || c == U'・' || (c < 0x80 && IsAlnum(c)) || c == '&';
}

// The name after a legal form: a leading hiragana run (みやび交通サービス, あけぼの会), then
// kanji, katakana and ASCII letters up to the first hiragana or other character.
size_t NameAfter(std::string_view t, size_t p) {
  size_t i = p;
  int n = 0;
  while (IsHiragana(CharAt(t, i).cp) && n < 8) {
    i += CharAt(t, i).len;
    ++n;
  }
  if (n > 0 && !NameChar(CharAt(t, i).cp) && (n < 3 || IsParticleEnd(CharBefore(t, i).cp)))
    return p;
  if (n > 0 && IsParticleEnd(CharBefore(t, i).cp) && n < 3) return p;
  for (int k = 0; k < 20; ++k) {
    const Char c = CharAt(t, i);
    if (!NameChar(c.cp)) break;
    i += c.len;
  }
  std::string_view name = t.substr(p, i - p);
  for (bool again = true; again;) {
    again = false;
    for (std::string_view w : kTailsJa)
      if (name.size() > w.size() && EndsWith(name, w)) {
        name.remove_suffix(w.size());
        again = true;
      }
  }
  return p + name.size();
}

// The start of a Latin name before a Japanese legal form: "ACME Grid株式会社".
size_t LatinNameBefore(std::string_view t, size_t at) {
  size_t i = at;
  while (i > 0 && (IsAlnum(static_cast<unsigned char>(t[i - 1])) || t[i - 1] == ' ' ||
                   t[i - 1] == '&' || t[i - 1] == '-' || t[i - 1] == '.'))
    --i;
  while (i < at && !IsAlnum(static_cast<unsigned char>(t[i]))) ++i;
  return i;
}

void Japanese(std::string_view t, size_t fb, size_t fe, std::vector<CompanyMatch>& out) {
  // The name before the form (マリンクレーン(株), 東北発電株式会社, ACME Grid株式会社) …
  size_t nb = fb > 0 && IsAlnum(static_cast<unsigned char>(t[fb - 1])) ? LatinNameBefore(t, fb)
                                                                       : NameStartBefore(t, fb, 20);
  // … without the role words before it (協力会社マリンクレーン(株), 装置メーカーアナリテック…):
  // the name starts after the last one.
  for (std::string_view r : kRolesJa) {
    const std::string_view name = t.substr(nb, fb - nb);
    const size_t at = name.rfind(r);
    if (at != std::string_view::npos) nb += at + r.size();
  }
  bool hiragana = false;
  for (size_t i = nb; i < fb; i += CharAt(t, i).len)
    hiragana = hiragana || IsHiragana(CharAt(t, i).cp);
  // … or after it (株式会社東和システム開発, 有限会社 みどり電機).
  size_t p = fe;
  if (IsSpace(CharAt(t, p).cp)) p += CharAt(t, p).len;
  const size_t ne = NameAfter(t, p);
  const bool after =
      ne - p >= 6 || (ne > p && static_cast<unsigned char>(t[p]) < 0x80 && ne - p >= 2);
  if (fb - nb >= 6 && !(hiragana && after)) {  // two characters at least
    out.push_back({nb, fe, false});
  } else if (after) {
    out.push_back({fb, ne, true});
  }
}

bool UpperStart(std::string_view w) {
  return !w.empty() && ((w[0] >= 'A' && w[0] <= 'Z') || IsDigit(static_cast<unsigned char>(w[0])));
}

void English(std::string_view t, size_t fb, size_t fe, std::string_view form,
             std::vector<CompanyMatch>& out) {
  // The form as written (case matters here: "Inc." not "inc"), a whole word.
  if (!(t[fb] >= 'A' && t[fb] <= 'Z') && form != "plc") return;
  if (fe < t.size() && IsAlnum(static_cast<unsigned char>(t[fe]))) return;
  if (form.back() != '.' && fe < t.size() && t[fe] == '.' && fe + 1 < t.size() &&
      IsAlnum(static_cast<unsigned char>(t[fe + 1])))
    return;
  size_t p = fb;
  if (p >= 2 && t[p - 1] == ' ' && t[p - 2] == ',')
    p -= 2;
  else if (p >= 1 && t[p - 1] == ' ')
    p -= 1;
  else
    return;
  // Capitalised words back from there: "ACME Grid", "Pacific Rim Logistics".
  size_t begin = std::string_view::npos;
  for (int words = 0; words < 6; ++words) {
    size_t s = p;
    while (s > 0 && (IsAlnum(static_cast<unsigned char>(t[s - 1])) ||
                     std::string_view("&'-.").find(t[s - 1]) != std::string_view::npos))
      --s;
    const std::string_view w = t.substr(s, p - s);
    if (w.empty()) break;
    // Only "&" joins words of one name: "Kenji Tanaka of ACME Grid K.K." is two names.
    const bool connector = w == "&";
    // A word ending in a full stop ends another company or a sentence ("Co., Ltd. and").
    if ((!UpperStart(w) && !connector) || (w.size() > 2 && w.back() == '.')) break;
    if (!connector) begin = s;
    if (s == 0 || t[s - 1] != ' ') break;
    p = s - 1;
  }
  if (begin == std::string_view::npos) return;
  // Leading words that introduce the name rather than belong to it.
  for (bool again = true; again;) {
    again = false;
    for (std::string_view lead : kLeadWordsEn) {
      if (t.substr(begin, lead.size()) == lead && begin + lead.size() < fb &&
          t[begin + lead.size()] == ' ') {
        begin += lead.size() + 1;
        again = true;
        break;
      }
    }
  }
  if (begin >= fb) return;
  const std::string_view name = t.substr(begin, fe - begin);
  if (IsPublicVendor(name)) return;
  out.push_back({begin, fe, false});
}

}  // namespace

WordList LegalForms() { return Forms().words; }

void ScanCompanies(std::string_view text, std::span<const WordHit> hits,
                   std::vector<CompanyMatch>& out) {
  const Table& f = Forms();
  for (const WordHit& h : hits) {
    if (IsEnglishForm(h.id)) {
      English(text, h.begin, h.end, f.words[static_cast<size_t>(h.id)], out);
    } else {
      Japanese(text, h.begin, h.end, out);
    }
  }
}

void ScanCompanies(std::string_view text, std::vector<CompanyMatch>& out) {
  static const WordFinder finder(LegalForms());
  std::vector<WordHit> hits;
  finder.Find(text, hits);
  ScanCompanies(text, hits, out);
}

}  // namespace renkei::domain::text_patterns
