// The generic event hub on both engines: each subject kind answers for its own events
// with its own rule, and credentials are checked once per event for every subscriber.
#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "domain/sharing/item_events.h"
#include "domain/sharing/sharing_service.h"
#include "world.h"

namespace renkei::testing {
namespace {

using domain::Event;

class EventHubTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    w_ = SeedWorld(*tx_);
  }
  World w_;
  ManualClock clock_{1'800'000'000'000};
};

// An item event reaches those the item rule lets see the item; an event of another
// subject kind is decided by that kind's own rule (here a stand-in for report cases:
// only member3 may hear of case 7); a kind nobody registered reaches nobody.
TEST_P(EventHubTest, EachSubjectKindDecidesWhoHearsOfItsEvents) {
  domain::EventRules rules;
  domain::RegisterItemEvents(rules, clock_);
  const UserId member3 = w_.member3;
  rules.Register(
      "report_case",
      [member3](domain::Stores&, const Event& e, const std::vector<const domain::Principal*>& who,
                std::vector<bool>& hears) -> Status {
        for (size_t i = 0; i < who.size(); ++i)
          hears[i] = e.subject_id == 7 && who[i]->user_id == member3;
        return Status::Ok();
      });
  domain::EventHub hub(*tx_, std::move(rules), {}, 3'600'000);
  domain::SharingService sharing(*tx_, clock_, nullptr, &hub);
  std::mutex mu;
  std::map<std::int64_t, std::vector<std::string>> heard;  // user -> "kind:id:event"
  for (UserId u : {w_.member1, w_.member3, w_.officer}) {
    hub.Subscribe(PrincipalOf(*tx_, u), [&, id = u.value](const Event& e) {
      std::lock_guard lock(mu);
      heard[id].push_back(e.subject_kind + ":" + std::to_string(e.subject_id) + ":" + e.kind);
      return true;
    });
  }
  domain::NewItem in;
  in.kind = "alert";
  in.tlp = domain::Tlp::kAmber;
  in.content.title = "件名";
  in.content.body = "本文";
  in.audience.org_ids = {w_.m1};
  auto item = sharing.Publish({PrincipalOf(*tx_, w_.analyst_a), "ip"}, in);
  ASSERT_TRUE(item.ok()) << item.status().Describe();
  hub.Publish({"report_case", 7, "submitted"});
  hub.Publish({"report_case", 8, "submitted"});
  hub.Publish({"exercise", 1, "started"});
  hub.WaitIdle();
  const std::string published = "item:" + std::to_string(item->view.item.id.value) + ":published";
  EXPECT_EQ(heard[w_.member1.value], std::vector<std::string>{published});
  EXPECT_EQ(heard[w_.member3.value], std::vector<std::string>{"report_case:7:submitted"});
  EXPECT_TRUE(heard[w_.officer.value].empty()) << "AMBER to M1 only; no case 7 for the ministry";
}

// The credential check runs once per event, for all subscribers together (a person
// with three tabs, and two others), not once per subscriber and event.
TEST_P(EventHubTest, CredentialsAreCheckedOncePerEventForEverySubscriber) {
  std::mutex mu;
  std::vector<size_t> checks;  // subscribers asked about, per check
  domain::EventRules rules;
  domain::RegisterItemEvents(rules, clock_);
  domain::EventHub hub(
      *tx_, std::move(rules),
      [&](const std::vector<const domain::Principal*>& who) {
        std::lock_guard lock(mu);
        checks.push_back(who.size());
        return std::vector<bool>(who.size(), true);
      },
      3'600'000);
  for (UserId u : {w_.member1, w_.member1, w_.member1, w_.member1b, w_.member3}) {
    hub.Subscribe(PrincipalOf(*tx_, u), [](const Event&) { return true; });
  }
  for (int i = 0; i < 3; ++i) hub.Publish({"item", 1, "revised"});
  hub.WaitIdle();
  EXPECT_EQ(checks, (std::vector<size_t>{5, 5, 5}));
}

INSTANTIATE_TEST_SUITE_P(Engines, EventHubTest, RENKEI_ENGINES,
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace renkei::testing
