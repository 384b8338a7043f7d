#include "domain/assessment/scoring.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <numeric>

namespace renkei::domain {

int FiscalYearOf(Millis at) {
  using namespace std::chrono;
  constexpr Millis kJst = 9LL * 3'600'000;
  const year_month_day ymd(floor<days>(sys_time<milliseconds>(milliseconds(at + kJst))));
  const int y = static_cast<int>(ymd.year());
  return static_cast<unsigned>(ymd.month()) < 4 ? y - 1 : y;
}

namespace {
// a / b rounded half up, in integers (a, b >= 0, b > 0).
int RoundDiv(std::int64_t a, std::int64_t b) { return static_cast<int>((2 * a + b) / (2 * b)); }
}  // namespace

std::string LevelCodes(const AssessmentCatalog& catalog, const std::vector<Answer>& answers) {
  std::string codes(catalog.items().size(), '-');
  for (const auto& a : answers) {
    const CheckItem* item = catalog.item(a.item_id);
    if (!item) continue;
    if (a.not_applicable) {
      codes[item->index] = 'n';
    } else if (a.level && *a.level >= 0 && *a.level <= kMaxLevel) {
      codes[item->index] = static_cast<char>('0' + *a.level);
    }
  }
  return codes;
}

int MeanTenths(std::int64_t sum, std::int64_t count) { return RoundDiv(10 * sum, count); }

namespace {

NodeScore ScoreOf(const std::string& id, const std::string& codes,
                  const std::vector<size_t>& items) {
  NodeScore s{id, 0, 0, std::nullopt, std::nullopt};
  std::int64_t sum = 0;
  int min_level = kMaxLevel;
  for (size_t i : items) {
    const char c = i < codes.size() ? codes[i] : '-';
    if (c == 'n') continue;
    ++s.applicable;
    if (c >= '0' && c <= '4') {
      ++s.answered;
      sum += c - '0';
      min_level = std::min(min_level, c - '0');
    }
  }
  if (s.answered > 0) {
    s.mean_tenths = MeanTenths(sum, s.answered);
    s.floor = s.answered == s.applicable ? min_level : 0;
  }
  return s;
}

// The mean level of `items` in `codes` (sum, count of answered applicable items).
std::pair<int, int> SumCount(const std::string& codes, const std::vector<size_t>& items) {
  int sum = 0, count = 0;
  for (size_t i : items) {
    const char c = codes[i];
    if (c >= '0' && c <= '4') {
      sum += c - '0';
      ++count;
    }
  }
  return {sum, count};
}

}  // namespace

Scores ComputeScores(const AssessmentCatalog& catalog, const std::string& codes) {
  Scores s;
  for (const auto& f : catalog.functions()) s.functions.push_back(ScoreOf(f.id, codes, f.items));
  for (const auto& c : catalog.categories()) s.categories.push_back(ScoreOf(c.id, codes, c.items));
  std::vector<size_t> all(catalog.items().size());
  std::iota(all.begin(), all.end(), size_t{0});
  s.overall = ScoreOf("", codes, all);
  return s;
}

void InCatalogOrder(const AssessmentCatalog& catalog, Scores& s) {
  auto order = [](std::vector<NodeScore>& nodes, auto ids) {
    std::unordered_map<std::string, size_t> rank;
    for (const auto& id : ids) rank.emplace(id, rank.size());
    std::stable_sort(nodes.begin(), nodes.end(), [&](const NodeScore& a, const NodeScore& b) {
      auto ra = rank.find(a.id), rb = rank.find(b.id);
      return (ra == rank.end() ? rank.size() : ra->second) <
             (rb == rank.end() ? rank.size() : rb->second);
    });
  };
  std::vector<std::string> fns, cats;
  for (const auto& f : catalog.functions()) fns.push_back(f.id);
  for (const auto& c : catalog.categories()) cats.push_back(c.id);
  order(s.functions, fns);
  order(s.categories, cats);
}

std::vector<PlanStep> ImprovementPlan(const AssessmentCatalog& catalog, const std::string& codes,
                                      const Scores& scores, size_t limit) {
  std::vector<size_t> order(catalog.functions().size());
  std::iota(order.begin(), order.end(), size_t{0});
  // Unscored functions (nothing answered) count as 0: they are the weakest.
  auto mean = [](const NodeScore& n) { return n.mean_tenths.value_or(0); };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return mean(scores.functions[a]) < mean(scores.functions[b]);
  });
  std::vector<PlanStep> plan;
  for (size_t fi : order) {
    const auto& f = catalog.functions()[fi];
    const int applicable = scores.functions[fi].applicable;
    if (applicable == 0) continue;
    struct Candidate {
      size_t item;
      int level;
      int category_mean;
    };
    std::vector<Candidate> cands;
    for (size_t ci : f.categories) {
      const int cat_mean = mean(scores.categories[ci]);
      for (size_t i : catalog.categories()[ci].items) {
        const char c = codes[i];
        if (c == 'n' || c == '4') continue;
        cands.push_back({i, c >= '0' && c <= '3' ? c - '0' : 0, cat_mean});
      }
    }
    std::stable_sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
      if (a.level != b.level) return a.level < b.level;
      if (a.category_mean != b.category_mean) return a.category_mean < b.category_mean;
      return a.item < b.item;
    });
    for (const auto& c : cands) {
      if (plan.size() >= limit) return plan;
      plan.push_back({catalog.items()[c.item].id, f.id, c.level, c.level + 1,
                      RoundDiv(100, applicable)});  // one level over n items, in hundredths
    }
  }
  return plan;
}

namespace {

constexpr std::array<const char*, 5> kBusinessClassOrder = {
    "generation", "retail", "aggregator", "private_facility", "transmission_distribution"};
constexpr std::array<const char*, 3> kSizeOrder = {"small", "medium", "large"};

bool InFilter(const SectorFilter& f, const SectorOperator& o) {
  return (f.business_class.empty() || f.business_class == o.business_class) &&
         (f.size_class.empty() || f.size_class == o.size_class);
}

}  // namespace

SectorView ComputeSectorView(const AssessmentCatalog& catalog, int fiscal_year,
                             const SectorFilter& filter,
                             const std::vector<SectorOperator>& operators,
                             const std::vector<SectorSubmission>& submissions) {
  SectorView v;
  v.fiscal_year = fiscal_year;
  v.filter = filter;
  std::unordered_map<std::int64_t, const SectorOperator*> ops;
  ops.reserve(operators.size());
  for (const auto& o : operators) ops.emplace(o.org_id.value, &o);
  std::unordered_map<std::int64_t, bool> submitted_now;
  for (const auto& s : submissions)
    if (s.fiscal_year == fiscal_year && ops.count(s.org_id.value))
      submitted_now[s.org_id.value] = true;

  // Penetration: every operator of the sector, by business class and by size.
  for (const char* k : kBusinessClassOrder) v.by_business_class.push_back({k, 0, 0});
  for (const char* k : kSizeOrder) v.by_size.push_back({k, 0, 0});
  for (const auto& o : operators) {
    const int done = submitted_now.count(o.org_id.value) ? 1 : 0;
    for (auto* rows : {&v.by_business_class, &v.by_size}) {
      const std::string& key = rows == &v.by_size ? o.size_class : o.business_class;
      for (auto& r : *rows)
        if (r.key == key) r.operators += 1, r.submitted += done;
    }
    if (InFilter(filter, o)) v.total.operators += 1, v.total.submitted += done;
  }

  const size_t n_items = catalog.items().size();
  const size_t n_fns = catalog.functions().size();
  // Trends (and this year's distributions) over the filtered group, per fiscal year.
  std::map<int, std::vector<const SectorSubmission*>> by_year;
  for (const auto& s : submissions) {
    auto it = ops.find(s.org_id.value);
    if (it == ops.end() || !InFilter(filter, *it->second)) continue;
    if (s.catalog_version != catalog.version() || s.level_codes.size() != n_items) continue;
    by_year[s.fiscal_year].push_back(&s);
  }
  for (const auto& [year, subs] : by_year) {
    TrendPoint t{year, static_cast<int>(subs.size()), subs.size() < kMinGroup, {}};
    if (!t.suppressed) {
      for (const auto& f : catalog.functions()) {
        std::int64_t sum = 0, count = 0;
        for (const auto* s : subs) {
          auto [fs, fc] = SumCount(s->level_codes, f.items);
          if (fc == 0) continue;
          sum += MeanTenths(fs, fc);
          ++count;
        }
        t.function_means_tenths.push_back(count ? std::optional<int>(RoundDiv(sum, count))
                                                : std::nullopt);
      }
    }
    v.trends.push_back(std::move(t));
  }

  auto now = by_year.find(fiscal_year);
  v.group_size = now == by_year.end() ? 0 : static_cast<int>(now->second.size());
  v.suppressed = v.group_size < kMinGroup;
  if (v.suppressed) return v;
  const auto& subs = now->second;

  v.items.resize(n_items);
  std::vector<std::int64_t> item_sum(n_items, 0), item_count(n_items, 0);
  for (size_t i = 0; i < n_items; ++i) v.items[i].item_id = catalog.items()[i].id;
  v.functions.resize(n_fns);
  std::vector<std::int64_t> fn_sum(n_fns, 0), fn_count(n_fns, 0);
  for (size_t f = 0; f < n_fns; ++f) v.functions[f].function_id = catalog.functions()[f].id;
  for (const auto* s : subs) {
    const std::string& codes = s->level_codes;
    for (size_t i = 0; i < n_items; ++i) {
      const char c = codes[i];
      if (c == 'n') {
        ++v.items[i].not_applicable;
      } else if (c >= '0' && c <= '4') {
        ++v.items[i].levels[static_cast<size_t>(c - '0')];
        item_sum[i] += c - '0';
        ++item_count[i];
      }
    }
    for (size_t f = 0; f < n_fns; ++f) {
      auto [fs, fc] = SumCount(codes, catalog.functions()[f].items);
      if (fc == 0) continue;
      const int tenths = MeanTenths(fs, fc);
      ++v.functions[f].buckets[static_cast<size_t>(std::min(tenths / 10, kMaxLevel))];
      fn_sum[f] += tenths;
      ++fn_count[f];
    }
  }
  std::vector<size_t> scored;
  for (size_t i = 0; i < n_items; ++i) {
    if (item_count[i] == 0) continue;
    v.items[i].mean_tenths = MeanTenths(item_sum[i], item_count[i]);
    scored.push_back(i);
  }
  for (size_t f = 0; f < n_fns; ++f)
    if (fn_count[f]) v.functions[f].mean_tenths = RoundDiv(fn_sum[f], fn_count[f]);
  // Weakest: the lowest exact mean (sum/count compared by cross-multiplication).
  std::stable_sort(scored.begin(), scored.end(), [&](size_t a, size_t b) {
    return item_sum[a] * item_count[b] < item_sum[b] * item_count[a];
  });
  for (size_t k = 0; k < scored.size() && k < 10; ++k)
    v.weakest_items.push_back(catalog.items()[scored[k]].id);
  return v;
}

std::vector<FunctionPosition> PositionInSector(const AssessmentCatalog& catalog,
                                               const std::string& own_codes, OrgId own_org,
                                               const std::vector<SectorSubmission>& submissions) {
  std::vector<const SectorSubmission*> peers;
  for (const auto& s : submissions)
    if (s.org_id != own_org && s.catalog_version == catalog.version() &&
        s.level_codes.size() == catalog.items().size())
      peers.push_back(&s);
  std::vector<FunctionPosition> out;
  if (peers.size() < kMinGroup) return out;
  for (const auto& f : catalog.functions()) {
    FunctionPosition p{f.id, std::nullopt, std::nullopt, std::nullopt};
    if (own_codes.size() == catalog.items().size()) {
      auto [s, c] = SumCount(own_codes, f.items);
      if (c) p.own_tenths = MeanTenths(s, c);
    }
    std::int64_t sum = 0, count = 0, below = 0;
    for (const auto* peer : peers) {
      auto [s, c] = SumCount(peer->level_codes, f.items);
      if (c == 0) continue;
      const int tenths = MeanTenths(s, c);
      sum += tenths;
      ++count;
      if (p.own_tenths && tenths < *p.own_tenths) ++below;
    }
    if (count >= kMinGroup) {
      p.sector_mean_tenths = RoundDiv(sum, count);
      if (p.own_tenths) p.percentile = static_cast<int>(below * 100 / count);
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace renkei::domain
