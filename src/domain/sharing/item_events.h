// The live events of items: subject kind "item" (kItemSubject), kinds "published",
// "revised", "withdrawn" and "delivery" (someone read or acknowledged). Their rule,
// registered with the event hub by RegisterItemEvents: a subscriber hears of an item
// it may see (the store's visibility predicate, the one rule), and of deliveries only
// when it manages the item (AccessPolicy::CanManage).
#pragma once

#include "core/clock.h"

#include "domain/events/event_hub.h"

namespace renkei::domain {

// `clock`: the instant each event is decided at (clearances end at their instant).
void RegisterItemEvents(EventRules& rules, const Clock& clock);

}  // namespace renkei::domain
