#include "domain/sharing/item_events.h"

#include <map>
#include <tuple>

#include "domain/sharing/access_policy.h"
#include "domain/sharing/mail.h"
#include "domain/sharing/sharing_service.h"
#include "domain/sharing/sharing_store.h"

namespace renkei::domain {

void RegisterItemEvents(EventRules& rules, const Clock& clock) {
  rules.Register(kItemSubject,
                 [&clock](Stores& s, const Event& e, const std::vector<const Principal*>& who,
                          std::vector<bool>& hears) -> Status {
                   const ItemId id(e.subject_id);
                   // One visibility question per distinct viewer (a person's tabs share one).
                   std::vector<Viewer> viewers;
                   std::vector<size_t> viewer_of(who.size());
                   std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, size_t> index;
                   for (size_t i = 0; i < who.size(); ++i) {
                     const Viewer v = AccessPolicy::ViewerOf(*who[i], clock.now_ms());
                     auto [it, added] = index.emplace(
                         std::make_tuple(v.user_id.value, v.org_id.value, v.role_mask),
                         viewers.size());
                     if (added) viewers.push_back(v);
                     viewer_of[i] = it->second;
                   }
                   RENKEI_ASSIGN_OR_RETURN(auto seen, s.sharing.SeenBy(id, viewers));
                   std::optional<Item> item;
                   if (e.kind == "delivery") {
                     RENKEI_ASSIGN_OR_RETURN(item, s.sharing.LoadItem(id));
                     if (!item) return Status::Ok();
                   }
                   for (size_t i = 0; i < who.size(); ++i) {
                     if (!seen[viewer_of[i]]) continue;
                     if (item) {
                       RENKEI_ASSIGN_OR_RETURN(bool publisher, IsPublisher(s, *who[i]));
                       if (!AccessPolicy::CanManage(*who[i], *item, publisher)) continue;
                     }
                     hears[i] = true;
                   }
                   return Status::Ok();
                 });
}

}  // namespace renkei::domain
