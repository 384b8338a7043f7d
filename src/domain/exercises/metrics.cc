#include "domain/exercises/metrics.h"

#include <algorithm>
#include <map>
#include <set>

namespace renkei::domain {

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kPending:
      return "pending";
    case Outcome::kSuccess:
      return "success";
    case Outcome::kPartial:
      return "partial";
    case Outcome::kFailed:
      return "failed";
  }
  return "pending";
}

Outcome ScoreAcknowledgement(std::optional<Millis> deadline, Millis sent,
                             std::optional<Millis> acknowledged, Millis now) {
  if (acknowledged) {
    if (!deadline || *acknowledged - sent <= *deadline) return Outcome::kSuccess;
    return Outcome::kPartial;
  }
  if (deadline && now - sent > *deadline) return Outcome::kFailed;
  return Outcome::kPending;
}

namespace {

struct Target {
  std::int64_t org_id = 0;
  std::vector<std::string> sectors;
  Millis sent = 0;  // exercise clock
  std::optional<Millis> deadline;
  std::optional<Millis> read, ack;  // exercise clock, first of the organisation
};

void Add(ExerciseLine& l, const Target& t, Millis now) {
  ++l.targets;
  ++l.delivered;
  if (t.read || t.ack) ++l.read;
  if (t.ack) ++l.acknowledged;
  if (ScoreAcknowledgement(t.deadline, t.sent, t.ack, now) == Outcome::kFailed) ++l.overdue;
  for (size_t i = 0; i < 3; ++i)
    if (t.ack && *t.ack - t.sent <= kRateWindows[i]) l.rate[i] += 1;
}

void Finish(ExerciseLine& l) {
  for (double& r : l.rate) r = l.targets ? r / static_cast<double>(l.targets) : 0;
}

}  // namespace

ExerciseMetrics ComputeMetrics(const std::vector<ExerciseDelivery>& rows,
                               const ExerciseClock& clock, Millis now_wall) {
  const Millis now = clock.At(now_wall);
  std::map<std::pair<std::int64_t, std::int64_t>, Target> targets;  // (item, org)
  std::map<std::int64_t, const ExerciseDelivery*> org_row;
  std::map<std::int64_t, std::set<std::int64_t>> people, active;  // org → users
  for (const auto& r : rows) {
    Target& t = targets[{r.item_id, r.org_id}];
    t.org_id = r.org_id;
    t.sectors = r.sector_ids;
    t.sent = clock.At(r.delivered_at);
    t.deadline = r.deadline_ms;
    auto first = [&](std::optional<Millis>& into, std::optional<Millis> wall) {
      if (!wall) return;
      const Millis at = clock.At(*wall);
      if (!into || at < *into) into = at;
    };
    first(t.read, r.read_at);
    first(t.ack, r.acknowledged_at);
    org_row.emplace(r.org_id, &r);
    people[r.org_id].insert(r.user_id);
    if (r.read_at || r.acknowledged_at) active[r.org_id].insert(r.user_id);
  }
  ExerciseMetrics m;
  std::map<std::int64_t, ExerciseLine> by_org;
  std::map<std::string, ExerciseLine> by_sector;
  for (const auto& [key, t] : targets) {
    ExerciseLine& o = by_org[t.org_id];
    Add(o, t, now);
    for (const auto& s : t.sectors) Add(by_sector[s], t, now);
    Add(m.total, t, now);
  }
  for (auto& [org, l] : by_org) {
    const ExerciseDelivery* r = org_row.at(org);
    l.key = std::to_string(org);
    l.name_ja = r->org_name_ja;
    l.name_en = r->org_name_en;
    l.people = static_cast<std::int64_t>(people[org].size());
    l.people_active = static_cast<std::int64_t>(active[org].size());
    for (const auto& s : r->sector_ids) {
      by_sector[s].people += l.people;
      by_sector[s].people_active += l.people_active;
    }
    m.people_invited += l.people;
    m.people_active += l.people_active;
    ++m.orgs_invited;
    if (l.people_active > 0) ++m.orgs_active;
    Finish(l);
    m.orgs.push_back(l);
  }
  std::sort(m.orgs.begin(), m.orgs.end(),
            [](const ExerciseLine& a, const ExerciseLine& b) { return a.name_ja < b.name_ja; });
  for (auto& [sector, l] : by_sector) {
    l.key = l.name_ja = l.name_en = sector;
    Finish(l);
    m.sectors.push_back(l);
  }
  m.total.key = "total";
  m.total.people = m.people_invited;
  m.total.people_active = m.people_active;
  Finish(m.total);
  // The curve: every 15 exercise minutes up to 24 h.
  for (std::int64_t minutes = 0; minutes <= 24 * 60; minutes += 15) {
    std::int64_t n = 0;
    for (const auto& [key, t] : targets)
      if (t.ack && *t.ack - t.sent <= minutes * 60 * 1000) ++n;
    m.curve.emplace_back(
        minutes,
        targets.empty() ? 0.0 : static_cast<double>(n) / static_cast<double>(targets.size()));
  }
  return m;
}

}  // namespace renkei::domain
