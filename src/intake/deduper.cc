#include "intake/deduper.h"

namespace renkei::intake {

void Deduper::Add(domain::AlertIn a) {
  auto [it, fresh] = index_.try_emplace(domain::DedupeKey(a, window_ms_), alerts_.size());
  if (fresh) {
    alerts_.push_back(std::move(a));
    return;
  }
  domain::AlertIn& kept = alerts_[it->second];
  kept.count += a.count;
  if (a.severity > kept.severity) kept.severity = a.severity;
}

std::vector<domain::AlertIn> Deduper::Take() {
  index_.clear();
  std::vector<domain::AlertIn> out;
  out.swap(alerts_);
  return out;
}

}  // namespace renkei::intake
