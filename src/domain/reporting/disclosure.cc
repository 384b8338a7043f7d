#include "domain/reporting/disclosure.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <utility>
#include <vector>

#include "core/ascii.h"
#include "domain/directory/directory.h"

namespace renkei::domain {

namespace {

// Where `needle` first occurs in `text` (ASCII letters compared without case), or npos.
size_t Find(std::string_view text, std::string_view needle) {
  if (needle.empty() || needle.size() > text.size()) return std::string_view::npos;
  for (size_t i = 0; i + needle.size() <= text.size(); ++i)
    if (EqualsIgnoringAsciiCase(text.substr(i, needle.size()), needle)) return i;
  return std::string_view::npos;
}

// A prefecture's name as people also write it: 宮城 for 宮城県, 大阪 for 大阪府, 東京 for
// 東京都 (北海道 stays whole).
std::string ShortName(const char* name_ja) {
  std::string s(name_ja);
  for (const char* suffix : {"県", "府", "都"}) {
    const size_t n = std::strlen(suffix);
    if (s.size() > n + 3 && s.compare(s.size() - n, n, suffix) == 0)
      return s.substr(0, s.size() - n);
  }
  return "";
}

const std::map<std::string, std::vector<const char*>>& SizeWords() {
  static const std::map<std::string, std::vector<const char*>> kWords = {
      {"large", {"大手", "大規模", "大企業", "large"}},
      {"medium", {"中規模", "中堅", "medium-sized", "mid-sized"}},
      {"small", {"小規模", "中小", "零細", "small"}}};
  return kWords;
}

const std::map<std::string, std::vector<const char*>>& BusinessWords() {
  static const std::map<std::string, std::vector<const char*>> kWords = {
      {"generation", {"発電事業者", "発電会社", "power producer", "generation company"}},
      {"retail", {"小売電気事業者", "小売事業者", "新電力", "electricity retailer"}},
      {"transmission_distribution",
       {"一般送配電事業者", "送配電事業者", "送配電会社", "transmission and distribution"}},
      {"aggregator", {"アグリゲーター", "aggregator"}},
      {"private_facility", {"自家発", "自家用発電", "private power"}}};
  return kWords;
}

}  // namespace

Disclosed DetectDisclosed(std::string_view text, const ReporterProfile& reporter) {
  Disclosed d;
  std::vector<std::pair<size_t, std::string>> found;  // position, word as written
  auto look = [&](std::string_view needle) {
    const size_t at = Find(text, needle);
    if (at == std::string_view::npos) return false;
    found.emplace_back(at, std::string(text.substr(at, needle.size())));
    return true;
  };
  auto look_any = [&](const std::vector<const char*>& needles) {
    bool any = false;
    for (const char* n : needles) any = look(n) || any;
    return any;
  };
  if (*RegionNameJa(reporter.region)) {
    std::string ja(RegionNameJa(reporter.region));
    ja = ja.substr(0, ja.size() - std::strlen("地方"));
    std::string en(RegionNameEn(reporter.region));
    en = en.substr(0, en.find(' '));
    d.region = look(ja);
    d.region = look(en) || d.region;
    for (int i = 0; i < 47; ++i) {
      const Prefecture& p = kPrefectures[i];
      if (p.region != reporter.region) continue;
      bool named = look(p.name_ja);
      named = look(p.name_en) || named;
      named = look(ShortName(p.name_ja)) || named;
      d.region = d.region || named;
      if (named && i + 1 == reporter.prefecture) d.prefecture = true;
    }
  }
  if (auto it = SizeWords().find(reporter.size_class); it != SizeWords().end())
    d.size = look_any(it->second);
  if (auto it = BusinessWords().find(reporter.business_class); it != BusinessWords().end())
    d.business_class = look_any(it->second);
  // In text order, the longer of two words at one place first (宮城県 before 宮城).
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second.size() > b.second.size();
  });
  for (auto& [at, word] : found) {
    // One place written twice (宮城 and 宮城県) is listed once, as first written.
    if (std::none_of(d.words.begin(), d.words.end(), [&](const std::string& w) {
          return w.find(word) != std::string::npos || word.find(w) != std::string::npos;
        }))
      d.words.push_back(std::move(word));
  }
  return d;
}

bool Identifies(const Finding& f) {
  return f.kind != "date" && f.kind != "number" && f.kind != "ip" && f.kind != "prefecture";
}

}  // namespace renkei::domain
