#include "domain/stix/taxii_feed.h"

#include <algorithm>
#include <map>

#include "core/time_format.h"

namespace renkei::domain::stix {

Millis VersionOf(const FeedEntry& e) {
  if (e.marking) return kTlpMarkingsCreated;
  return e.object.modified ? e.object.modified : e.object.created;
}

namespace {
const std::string& IdOf(const FeedEntry& e) { return e.marking ? e.marking_id : e.object.id; }
std::string TypeOf(const FeedEntry& e) {
  if (!e.marking) return TypeName(e.object.type);
  return e.marking_id.substr(0, e.marking_id.find("--"));
}
bool AnyOrIn(const std::vector<std::string>& list, const std::string& v) {
  return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
}
}  // namespace

std::vector<FeedEntry> FeedOf(const std::vector<ItemExport>& items) {
  std::vector<FeedEntry> out;
  FeedEntry ext;
  ext.date_added = kTlpMarkingsCreated;
  ext.marking = true;
  ext.marking_id = kTlpExtensionId;
  out.push_back(ext);
  for (const auto& m : kTlpMarkings) {
    FeedEntry e = ext;
    e.marking_id = m.id;
    out.push_back(e);
  }
  std::map<std::string, size_t> seen;
  for (const auto& it : items) {
    const Item& i = it.item;
    Millis added = std::max(i.published_at, i.revised_at.value_or(0));
    if (i.withdrawn_at) added = std::max(added, *i.withdrawn_at);
    for (auto& o : ToBundle({it}).objects) {
      auto known = seen.find(o.id);
      if (known != seen.end()) {
        FeedEntry& k = out[known->second];
        if (added < k.date_added) k.date_added = added;
        continue;
      }
      seen.emplace(o.id, out.size());
      out.push_back({added, std::move(o), false, ""});
    }
  }
  std::sort(out.begin(), out.end(), [](const FeedEntry& a, const FeedEntry& b) {
    if (a.date_added != b.date_added) return a.date_added < b.date_added;
    return IdOf(a) < IdOf(b);
  });
  return out;
}

FeedPage SelectPage(const std::vector<FeedEntry>& feed, const FeedQuery& q) {
  FeedPage page;
  std::vector<Millis> at;  // the versions asked for as timestamps
  for (const auto& v : q.versions) {
    if (v == "first" || v == "last" || v == "all") continue;
    auto t = ParseRfc3339(v);
    at.push_back(t ? *t : -1);
  }
  const bool only_at =
      !at.empty() && std::all_of(q.versions.begin(), q.versions.end(), [](const std::string& v) {
        return v != "first" && v != "last" && v != "all";
      });
  const bool spec_ok = AnyOrIn(q.spec_versions, "2.1");
  if (!spec_ok) return page;
  for (const auto& e : feed) {
    if (q.added_after && e.date_added <= *q.added_after) continue;
    if (q.after && std::make_pair(e.date_added, IdOf(e)) <= *q.after) continue;
    if (!AnyOrIn(q.ids, IdOf(e)) || !AnyOrIn(q.types, TypeOf(e))) continue;
    if (only_at && std::find(at.begin(), at.end(), VersionOf(e)) == at.end()) continue;
    if (static_cast<int>(page.entries.size()) == q.limit) {
      page.more = true;
      const FeedEntry& last = *page.entries.back();
      page.next = std::make_pair(last.date_added, IdOf(last));
      break;
    }
    page.entries.push_back(&e);
  }
  return page;
}

}  // namespace renkei::domain::stix
