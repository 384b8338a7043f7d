#include "domain/reporting/anonymiser.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "core/ascii.h"
#include "core/text.h"
#include "domain/directory/directory.h"
#include "domain/reporting/replacement_policy.h"
#include "domain/text_patterns/aho_corasick.h"
#include "domain/text_patterns/ascii.h"
#include "domain/text_patterns/company_patterns.h"
#include "domain/text_patterns/full_width.h"
#include "domain/text_patterns/pattern_scanner.h"
#include "domain/text_patterns/place_patterns.h"
#include "domain/text_patterns/public_sources.h"

namespace renkei::domain {

namespace tp = text_patterns;

namespace {

// A dictionary word: a directory name, one of its variants, or a prefecture.
struct Entry {
  std::string kind;
  std::string key;     // canonical text: variants of one name share it
  std::string region;  // prefectures
  int length = 0;
  bool ascii_start = false, ascii_end = false;  // word boundaries required
};

// Legal forms stripped to make a name variant (関東電力株式会社 → 関東電力).
constexpr const char* kLegalForms[] = {" Co., Inc.",
                                       " Co.,Inc.",
                                       "株式会社",
                                       "有限会社",
                                       "合同会社",
                                       "一般社団法人",
                                       "一般財団法人",
                                       "公益社団法人",
                                       "公益財団法人",
                                       "独立行政法人",
                                       "国立研究開発法人",
                                       "（株）",
                                       "(株)",
                                       "㈱",
                                       ", Inc.",
                                       " Inc.",
                                       " Co., Ltd.",
                                       " Co.,Ltd.",
                                       " Corporation",
                                       " Corp.",
                                       " Ltd.",
                                       " Company",
                                       " K.K.",
                                       " GmbH",
                                       " LLC",
                                       " L.L.C.",
                                       " Limited",
                                       " PLC",
                                       " AG",
                                       "医療法人社団",
                                       "社会福祉法人",
                                       "学校法人",
                                       "特定非営利活動法人"};

// A candidate finding before overlaps are resolved. It refers to the text, the folded
// text, the scanner's matches and the dictionary instead of copying from them: most
// candidates are dropped (overlaps, public sources), so replacements are made only for
// the findings kept.
struct Span {
  size_t begin, end;  // folded offsets (pattern, dictionary) or original (tagger)
  std::string_view kind;
  const char* source;
  std::string_view key;                     // consistency key
  int priority;                             // lower wins on equal spans
  bool form_first = false;                  // a company named legal form first (株式会社…)
  const tp::PatternMatch* match = nullptr;  // the scanner's match, for its fixed replacement
  std::string_view region = {};             // a prefecture's region, replaced by its name
  bool ja = false;                          // … in Japanese
};

const char* FindingKind(tp::PatternKind k) {
  switch (k) {
    case tp::PatternKind::kIpv4:
    case tp::PatternKind::kIpv6:
      return "ip";
    case tp::PatternKind::kHostname:
      return "hostname";
    case tp::PatternKind::kEmail:
      return "email";
    case tp::PatternKind::kPhone:
      return "phone";
    case tp::PatternKind::kUrl:
      return "url";
    case tp::PatternKind::kDate:
      return "date";
    case tp::PatternKind::kQuantity:
      return "number";
    case tp::PatternKind::kPerson:
      return "person";
    case tp::PatternKind::kAccount:
      return "account";
  }
  return "";
}

// What a pattern match is replaced with when it is not a placeholder: dates by their
// week, quantities by their range, in the language they were written in.
std::string FixedReplacement(std::string_view text, const tp::PatternMatch& m) {
  if (m.kind == tp::PatternKind::kDate && m.date_form == tp::DateForm::kTime) {
    const bool ja = JapaneseContext(text, m.begin, m.end) || m.same_day;
    return (m.same_day ? "同日" : "") + HourText(m.hour, ja);
  }
  if (m.kind == tp::PatternKind::kDate && m.date.day == 0) {  // 10月中旬 → 10月
    const bool ja = m.date_form == tp::DateForm::kJapanese || JapaneseContext(text, m.begin, m.end);
    return MonthText(m.date.year, m.date.month, ja);
  }
  if (m.kind == tp::PatternKind::kDate) {
    const bool ja = m.date_form == tp::DateForm::kJapanese ||
                    (m.date_form == tp::DateForm::kIso && JapaneseContext(text, m.begin, m.end));
    return WeekText(m.date.year, m.date.month, m.date.day, ja);
  }
  if (m.kind == tp::PatternKind::kQuantity) {
    const bool ja = JapaneseContext(text, m.begin, m.end) || !m.multiplier.empty();
    return RangeText(m.value, m.multiplier, ja);
  }
  return "";
}

}  // namespace

// The word lists of the one automaton: the dictionary, and the words the place, company
// and public-source detectors start from (one pass over the text finds them all).
enum List { kDictionary, kPlaces, kCompanies, kPublicSources };

struct Anonymiser::Impl {
  tp::AhoCorasick matcher;
  std::vector<Entry> entries;
  const NameTagger* tagger = nullptr;
  size_t names = 0;

  void AddName(const std::string& text, const std::string& kind, const std::string& key,
               const std::string& region = "") {
    if (text.size() < 4) return;  // one kanji or three letters: too ambiguous
    Entry e;
    e.kind = kind;
    e.key = key;
    e.region = region;
    e.length = static_cast<int>(text.size());
    e.ascii_start = tp::IsAlnum(static_cast<unsigned char>(text.front()));
    e.ascii_end = tp::IsAlnum(static_cast<unsigned char>(text.back()));
    entries.push_back(std::move(e));
    matcher.Add(text, kDictionary, static_cast<int>(entries.size()) - 1);
  }
};

Anonymiser::Anonymiser(const std::vector<DictionaryEntry>& dictionary, const NameTagger* tagger)
    : impl_(std::make_unique<Impl>()) {
  impl_->tagger = tagger;
  // Prefectures first: where a prefectural government shares the name, the text is
  // generalised to the region like any other place name.
  for (const auto& p : kPrefectures) {
    impl_->AddName(p.name_ja, "prefecture", p.region, p.region);
    impl_->AddName(p.name_en, "prefecture", p.region, p.region);
  }
  for (const auto& d : dictionary) {
    const std::string name = Trim(d.text);
    if (name.empty()) continue;
    const std::string key = d.kind + ":" + name;
    impl_->AddName(name, d.kind, key);
    ++impl_->names;
    if (d.kind == "organisation") {
      // Strip legal forms one after another: each intermediate form is a variant too.
      std::string variant = name;
      for (bool again = true; again;) {
        again = false;
        for (const char* form : kLegalForms) {
          const size_t at = variant.find(form);
          if (at == std::string::npos) continue;
          variant = Trim(variant.substr(0, at) + variant.substr(at + std::strlen(form)));
          impl_->AddName(variant, d.kind, key);
          again = true;
          break;
        }
      }
    } else if (d.kind == "person") {
      std::string joined;  // 山田 太郎 → 山田太郎
      for (size_t i = 0; i < name.size(); ++i) {
        if (name[i] == ' ') continue;
        if (name.compare(i, 3, "\u3000") == 0) {
          i += 2;
          continue;
        }
        joined.push_back(name[i]);
      }
      if (joined != name) impl_->AddName(joined, d.kind, key);
    }
  }
  tp::AddWordList(impl_->matcher, kPlaces, tp::PlaceWords());
  tp::AddWordList(impl_->matcher, kCompanies, tp::LegalForms());
  tp::AddWordList(impl_->matcher, kPublicSources, tp::PublicSourceWords());
  impl_->matcher.Build();
}

Anonymiser::~Anonymiser() = default;

size_t Anonymiser::dictionary_size() const { return impl_->names; }

namespace {

// Placeholder numbers: one per (kind, key), counted per kind in the order of first use.
// A report has a few dozen findings with placeholders: a list searched from the end
// costs less than hashing every key.
struct Placeholders {
  struct Numbered {
    std::string_view kind, key;
    size_t number;
  };
  std::vector<Numbered> numbered;
  std::vector<std::pair<std::string_view, size_t>> counters;  // kind → placeholders so far

  size_t Number(std::string_view kind, std::string_view key) {
    for (auto it = numbered.rbegin(); it != numbered.rend(); ++it)
      if (it->key == key && it->kind == kind) return it->number;
    auto c = std::find_if(counters.begin(), counters.end(),
                          [&](const auto& k) { return k.first == kind; });
    if (c == counters.end()) c = counters.insert(c, {kind, 0});
    numbered.push_back({kind, key, c->second});
    return c->second++;
  }
};

}  // namespace

std::vector<Finding> Anonymiser::Propose(std::string_view text) const {
  const tp::FoldedText n = tp::FoldFullWidthAscii(text);
  const std::string_view folded = n.text;  // the spans' keys are views of it
  // Reserved for about one match and two more candidates per 64 bytes (the bench's
  // reports have one finding per 70): the vectors grow once, if at all.
  std::vector<tp::PatternMatch> matches;
  matches.reserve(folded.size() / 64 + 8);
  tp::ScanPatterns(folded, matches);
  std::vector<Span> spans;
  spans.reserve(matches.size() + folded.size() / 32 + 16);
  for (const auto& m : matches) {
    Span s{m.begin, m.end, FindingKind(m.kind), "pattern", folded.substr(m.begin, m.end - m.begin),
           1};
    s.match = &m;
    spans.push_back(s);
  }
  // One pass for the dictionary and the detectors' words.
  std::vector<tp::WordHit> place_words, legal_forms, source_names;
  place_words.reserve(folded.size() / 128 + 4);
  impl_->matcher.ScanLists(folded, [&](size_t end, int list, int idx) {
    switch (list) {
      case kPlaces:
        place_words.push_back(tp::HitOf(tp::PlaceWords(), end, idx));
        return;
      case kCompanies:
        legal_forms.push_back(tp::HitOf(tp::LegalForms(), end, idx));
        return;
      case kPublicSources:
        source_names.push_back(tp::HitOf(tp::PublicSourceWords(), end, idx));
        return;
    }
    const Entry& e = impl_->entries[static_cast<size_t>(idx)];
    const size_t begin = end - static_cast<size_t>(e.length);
    if (e.ascii_start && begin > 0 && tp::IsAlnum(static_cast<unsigned char>(folded[begin - 1])))
      return;
    if (e.ascii_end && end < folded.size() && tp::IsAlnum(static_cast<unsigned char>(folded[end])))
      return;
    Span s{begin, end, e.kind, "directory", e.key, 0};
    if (e.kind == "prefecture") {
      s.region = e.region;
      s.ja = static_cast<unsigned char>(folded[begin]) >= 0x80;
    }
    spans.push_back(s);
  });
  // Facilities, municipalities and addresses; companies by their legal form.
  std::vector<tp::PlaceMatch> places;
  tp::ScanPlaces(folded, place_words, places);
  for (const auto& p : places) {
    const std::string_view kind = p.kind == tp::PlaceKind::kFacility ? "facility" : "address";
    spans.push_back(
        Span{p.begin, p.end, kind, "pattern", folded.substr(p.begin, p.end - p.begin), 1});
  }
  std::vector<tp::CompanyMatch> companies;
  tp::ScanCompanies(folded, legal_forms, companies);
  for (const auto& c : companies) {
    Span s{c.begin, c.end, "organisation", "pattern", folded.substr(c.begin, c.end - c.begin), 1};
    s.form_first = c.form_first;
    // A directory name inside it is the company: its end is where the name ends
    // (株式会社セキュアブリッジ|インシデント対応チーム), its key the directory's.
    for (const auto& d : spans) {
      if (d.priority != 0 || d.kind != "organisation" || d.begin < s.begin || d.begin >= s.end)
        continue;
      if (s.form_first && d.end < s.end) s.end = d.end;
      if (d.end <= s.end) s.key = d.key;
    }
    spans.push_back(s);
  }
  std::vector<std::pair<size_t, size_t>> public_sources;
  tp::FindPublicSources(folded, source_names, public_sources);
  // Map to original offsets, then add the tagger's names (already original offsets).
  for (auto& s : spans) {
    s.begin = n.Original(s.begin);
    s.end = n.Original(s.end);
  }
  for (auto& p : public_sources) p = {n.Original(p.first), n.Original(p.second)};
  std::vector<NameSpan> names;
  std::vector<std::string> tagger_keys;  // reserved: the spans' keys point into it
  if (impl_->tagger) {
    KnownSpans known;
    known.reserve(spans.size() + public_sources.size());
    for (const auto& s : spans) known.emplace_back(s.begin, s.end);
    known.insert(known.end(), public_sources.begin(), public_sources.end());
    std::sort(known.begin(), known.end());
    impl_->tagger->Tag(text, known, names);
    tagger_keys.reserve(names.size());
    for (const auto& ns : names) {
      tagger_keys.push_back(ns.kind + ":" + std::string(text.substr(ns.begin, ns.end - ns.begin)));
      spans.push_back(Span{ns.begin, ns.end, ns.kind, "tagger", tagger_keys.back(), 2});
    }
  }
  // Public sources stay, whatever a detector made of them (NISC, 内閣サイバーセキュリティ
  // センター, Microsoft Corp.).
  if (!public_sources.empty()) {
    // A name-like finding touching one goes; an address, URL or account only when inside
    // it ("http://198.51.100.77/mlit/" is no ministry).
    std::erase_if(spans, [&](const Span& s) {
      const bool name = s.kind == "organisation" || s.kind == "person" || s.kind == "facility" ||
                        s.kind == "address" || s.kind == "prefecture";
      for (const auto& [b, e] : public_sources)
        if (s.begin < e && b < s.end && (name || (b <= s.begin && s.end <= e))) return true;
      return false;
    });
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return a.priority < b.priority;
  });
  std::vector<Finding> out;
  out.reserve(spans.size());
  Placeholders placeholders;
  size_t last_end = 0;
  for (const auto& s : spans) {
    if (s.begin < last_end || s.end <= s.begin) continue;
    last_end = s.end;
    Finding f;
    f.begin = s.begin;
    f.end = s.end;
    f.kind = s.kind;
    f.source = s.source;
    f.original.assign(text.substr(s.begin, s.end - s.begin));
    if (s.match) f.replacement = FixedReplacement(folded, *s.match);
    if (!s.region.empty()) f.replacement = s.ja ? RegionNameJa(s.region) : RegionNameEn(s.region);
    if (f.replacement.empty())
      f.replacement = Placeholder(s.kind, placeholders.Number(s.kind, s.key),
                                  JapaneseContext(text, s.begin, s.end));
    out.push_back(std::move(f));
  }
  // A prefecture right before the municipality: "宮城県仙台市" → "東北地方の所在地A".
  for (size_t i = 0; i + 1 < out.size(); ++i)
    if (out[i].kind == "prefecture" && out[i + 1].kind == "address" &&
        out[i + 1].begin == out[i].end && JapaneseContext(text, out[i].begin, out[i].end))
      out[i].replacement += "の";
  return out;
}

std::string ApplyFindings(std::string_view text, const std::vector<Finding>& findings) {
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  for (const auto& f : findings) {
    if (f.begin < at || f.end > text.size()) continue;
    out.append(text.substr(at, f.begin - at));
    out.append(f.replacement);
    at = f.end;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace renkei::domain
