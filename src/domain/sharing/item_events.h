// The live events of items: subject kind "item" (kItemSubject), kinds "published",
// "revised", "withdrawn" and "delivery" (someone read or acknowledged). Their rule,
// registered with the event hub by RegisterItemEvents: a subscriber hears of an item
// it may see (the store's visibility predicate, the one rule), and of deliveries only
// when it manages the item (AccessPolicy::CanManage).
#pragma once

#include "domain/events/event_hub.h"

namespace renkei::domain {

void RegisterItemEvents(EventRules& rules);

}  // namespace renkei::domain
