// Relay (展開, issue 17): the label rules, the chain rule, the provenance line and its links,
// the per-hop rates with a hand-moved clock, and that a refused relay writes nothing; both
// engines.
#include <gtest/gtest.h>

#include "domain/sharing/sharing_service.h"
#include "world.h"

namespace renkei::testing {
namespace {

using domain::Audience;
using domain::ItemId;
using domain::NewItem;
using domain::RelayInput;
using domain::Role;
using domain::Tlp;

constexpr Millis kMinute = 60 * 1000;
constexpr Millis kHour = 60 * kMinute;

class RelayTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    w_ = SeedWorld(*tx_);
    svc_ = std::make_unique<domain::SharingService>(*tx_, clock_);
  }
  domain::Actor A(UserId id) { return {PrincipalOf(*tx_, id), "127.0.0.1"}; }
  // The ministry's item to the electricity sector's hub analysts (the secretariat SA's
  // analyst), not to the operators: so what the operators see comes only by the relay.
  ItemId MinistryItem(Tlp tlp = Tlp::kAmber) {
    NewItem in;
    in.kind = "alert";
    in.tlp = tlp;
    in.content.title = "制御系への不審な通信";
    in.content.body = "## 概要\n不審な通信を確認しました。";
    in.content.action_requested = "確認してください";
    if (tlp == Tlp::kRed) {
      in.audience.user_ids = {w_.analyst_a};
    } else {
      in.audience.sector_ids = {"electricity"};
      in.audience.roles = {Role::kHubAnalyst};
    }
    in.indicators = {{"ipv4", "198.51.100.7", "C2"}};
    auto r = svc_->Publish(A(w_.officer), in);
    EXPECT_TRUE(r.ok()) << r.status().Describe();
    return r.ok() ? r->view.item.id : ItemId();
  }
  static RelayInput ToHubA(const World& w, Tlp tlp = Tlp::kAmber) {
    RelayInput in;
    in.tlp = tlp;
    in.audience.hub_ids = {w.hub_a};
    in.note = "電力ISACから会員の皆様へ展開します。";
    in.action_requested = "自社設備を確認し、受領確認してください";
    return in;
  }
  // Rows of the tables a relay writes, to prove a refusal wrote none.
  std::vector<std::int64_t> Rows() {
    std::vector<std::int64_t> out;
    Status st = tx_->WithConnection([&](storage::Connection& c) -> Status {
      for (const char* t : {"items", "deliveries", "item_orgs", "outbox", "audit_log",
                            "item_indicators", "item_versions"}) {
        RENKEI_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT COUNT(*) FROM ") + t, {}));
        out.push_back(rows.at(0).i64(0));
      }
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.Describe();
    return out;
  }

  ManualClock clock_{1'800'000'000'000};
  World w_;
  std::unique_ptr<domain::SharingService> svc_;
};

TEST_P(RelayTest, TheLabelOnlyStaysOrTightensAndRedIsNeverRelayed) {
  const ItemId amber = MinistryItem(Tlp::kAmber);
  const auto before = Rows();
  struct Refused {
    const char* name;
    Tlp tlp;
    std::string code;
  };
  for (const Refused& c : {Refused{"GREEN widens AMBER", Tlp::kGreen, "relay_label_widened"},
                           Refused{"CLEAR widens AMBER", Tlp::kClear, "relay_label_widened"},
                           Refused{"relayed as RED", Tlp::kRed, "relay_red_never"}}) {
    SCOPED_TRACE(c.name);
    auto r = svc_->Relay(A(w_.analyst_a), amber, ToHubA(w_, c.tlp));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), c.code);
    EXPECT_EQ(r.status().field(), "tlp");
    auto reach = svc_->RehearseRelay(A(w_.analyst_a), amber, ToHubA(w_, c.tlp));
    ASSERT_FALSE(reach.ok());
    EXPECT_EQ(reach.status().code(), c.code);
  }
  // The stricter label must fit its own caps: AMBER+STRICT names organisations, not hubs.
  auto strict_hub = svc_->Relay(A(w_.analyst_a), amber, ToHubA(w_, Tlp::kAmberStrict));
  ASSERT_FALSE(strict_hub.ok());
  EXPECT_EQ(strict_hub.status().field(), "audience.hub_ids");
  EXPECT_EQ(Rows(), before) << "a refused relay wrote something";

  RelayInput strict = ToHubA(w_, Tlp::kAmberStrict);
  strict.audience = Audience{};
  strict.audience.org_ids = {w_.m1};
  auto ok = svc_->Relay(A(w_.analyst_a), amber, strict);
  ASSERT_TRUE(ok.ok()) << ok.status().Describe();
  EXPECT_EQ(ok->view.item.tlp, Tlp::kAmberStrict);
  auto same = svc_->Relay(A(w_.analyst_a), amber, ToHubA(w_, Tlp::kAmber));
  ASSERT_TRUE(same.ok()) << same.status().Describe();

  // A RED item is never relayed, whatever label is asked for.
  const ItemId red = MinistryItem(Tlp::kRed);
  const auto before_red = Rows();
  auto r = svc_->Relay(A(w_.analyst_a), red, ToHubA(w_, Tlp::kAmber));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), "relay_red_never");
  EXPECT_EQ(r.status().kind(), Kind::kConflict);
  EXPECT_EQ(Rows(), before_red);
}

TEST_P(RelayTest, ARelayReachesOnlyTheRelayersOwnChain) {
  const ItemId amber = MinistryItem();
  const auto before = Rows();
  struct Refused {
    const char* name;
    Audience a;
    std::string field;
  };
  Audience hub_b, m3, sector, m1;
  hub_b.hub_ids = {w_.hub_b};
  m3.org_ids = {w_.m3};
  sector.sector_ids = {"electricity"};
  m1.org_ids = {w_.m1};
  // The hub secretariat reaches its own hub's members, not another hub's, nor a sector.
  for (const Refused& c : {Refused{"another hub", hub_b, "audience.hub_ids[0]"},
                           Refused{"another hub's member", m3, "audience.org_ids[0]"},
                           Refused{"a whole sector", sector, "audience.sector_ids[0]"}}) {
    SCOPED_TRACE(c.name);
    RelayInput in = ToHubA(w_);
    in.audience = c.a;
    auto r = svc_->Relay(A(w_.analyst_a), amber, in);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), "forbidden");
    EXPECT_EQ(r.status().field(), c.field);
  }
  // Not a recipient: invisible answers 404, visible but not delivered (the sender) 409.
  auto unseen = svc_->Relay(A(w_.member3), amber, ToHubA(w_));
  ASSERT_FALSE(unseen.ok());
  EXPECT_EQ(unseen.status().kind(), Kind::kNotFound);
  auto sender = svc_->Relay(A(w_.officer), amber, ToHubA(w_));
  ASSERT_FALSE(sender.ok());
  EXPECT_EQ(sender.status().code(), "not_a_recipient");
  EXPECT_EQ(Rows(), before);

  // The relay to hub A reaches its members; an operator's member then passes it on only
  // inside its own organisation (least privilege).
  auto hop = svc_->Relay(A(w_.analyst_a), amber, ToHubA(w_));
  ASSERT_TRUE(hop.ok()) << hop.status().Describe();
  RelayInput colleagues;
  colleagues.tlp = Tlp::kAmber;
  colleagues.audience.org_ids = {w_.m2};
  auto outside = svc_->Relay(A(w_.member1), hop->view.item.id, colleagues);
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.status().field(), "audience.org_ids[0]");
  colleagues.audience = m1;
  auto inside = svc_->Relay(A(w_.member1), hop->view.item.id, colleagues);
  ASSERT_TRUE(inside.ok()) << inside.status().Describe();
  EXPECT_EQ(inside->counts.deliveries, 1);  // member1b; the relayer is the author

  // A role that relays nothing: the administrator, recipient of a CLEAR item.
  NewItem clear;
  clear.kind = "alert";
  clear.tlp = Tlp::kClear;
  clear.content.title = "公開情報";
  clear.content.body = "本文";
  clear.audience.org_ids = {w_.ops};
  auto c = svc_->Publish(A(w_.officer), clear);
  ASSERT_TRUE(c.ok()) << c.status().Describe();
  RelayInput own;
  own.tlp = Tlp::kClear;
  own.audience.org_ids = {w_.ops};
  auto admin = svc_->Relay(A(w_.admin), c->view.item.id, own);
  ASSERT_FALSE(admin.ok());
  EXPECT_EQ(admin.status().kind(), Kind::kPermissionDenied);
}

TEST_P(RelayTest, TheMinistryRelaysToItsSectorsHubsAndOperators) {
  // The national-centre-like path: hub B's analyst publishes to the ministry, which relays.
  NewItem in;
  in.kind = "alert";
  in.tlp = Tlp::kGreen;
  in.content.title = "ガス分野の情報";
  in.content.body = "本文";
  in.audience.org_ids = {w_.meti};
  auto up = svc_->Publish(A(w_.analyst_b), in);
  ASSERT_TRUE(up.ok()) << up.status().Describe();
  RelayInput down;
  down.tlp = Tlp::kGreen;
  down.audience.sector_ids = {"gas"};
  down.audience.hub_ids = {w_.hub_a};
  down.audience.org_ids = {w_.m1};
  auto r = svc_->Relay(A(w_.officer), up->view.item.id, down);
  ASSERT_TRUE(r.ok()) << r.status().Describe();
  EXPECT_EQ(r->view.item.sender_org_id, w_.meti);
  EXPECT_EQ(r->view.item.relay_depth, 1);
}

TEST_P(RelayTest, TheProvenanceNamesTheChainAndLinksOnlyWhatTheViewerMaySee) {
  const ItemId original = MinistryItem();
  auto hop = svc_->Relay(A(w_.analyst_a), original, ToHubA(w_));
  ASSERT_TRUE(hop.ok()) << hop.status().Describe();
  const ItemId relayed = hop->view.item.id;
  // Kept: content and indicators; the relayer's own note and request.
  EXPECT_EQ(hop->view.item.content.title, "制御系への不審な通信");
  EXPECT_EQ(hop->view.item.content.action_requested, "自社設備を確認し、受領確認してください");
  EXPECT_EQ(hop->view.item.relay_note, "電力ISACから会員の皆様へ展開します。");
  ASSERT_EQ(hop->view.indicators.size(), 1u);
  EXPECT_EQ(hop->view.indicators[0].value, "198.51.100.7");

  // The member sees the chain by name, but no link to the ministry's item it may not see.
  auto seen = svc_->Get(A(w_.member1), relayed);
  ASSERT_TRUE(seen.ok()) << seen.status().Describe();
  ASSERT_EQ(seen->provenance.size(), 2u);
  EXPECT_EQ(seen->provenance[0].sender_name_ja, "経済産業省");
  EXPECT_FALSE(seen->provenance[0].item_id.has_value());
  EXPECT_EQ(seen->provenance[1].sender_name_ja, "電力ISAC事務局");
  EXPECT_EQ(seen->provenance[1].item_id, relayed);
  EXPECT_FALSE(svc_->Get(A(w_.member1), original).ok());
  EXPECT_TRUE(seen->can_relay);
  // The relayer, who received the original, gets the link.
  auto own = svc_->Get(A(w_.analyst_a), relayed);
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->provenance[0].item_id, original);

  // Relaying the relay extends the chain.
  RelayInput colleagues;
  colleagues.tlp = Tlp::kAmberStrict;
  colleagues.audience.org_ids = {w_.m1};
  auto second = svc_->Relay(A(w_.member1), relayed, colleagues);
  ASSERT_TRUE(second.ok()) << second.status().Describe();
  auto third = svc_->Get(A(w_.member1b), second->view.item.id);
  ASSERT_TRUE(third.ok());
  ASSERT_EQ(third->provenance.size(), 3u);
  EXPECT_EQ(third->provenance[2].sender_name_ja, "東北発電株式会社");
  EXPECT_FALSE(third->provenance[0].item_id.has_value());
  EXPECT_EQ(third->provenance[1].item_id, relayed);  // member1b got the hub's relay too
  EXPECT_EQ(third->item.relay_depth, 2);
  EXPECT_EQ(third->item.relay_root, original);
  // An item that relays nothing has no provenance.
  auto plain = svc_->Get(A(w_.analyst_a), original);
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain->provenance.empty());
}

TEST_P(RelayTest, EachHopCountsFromItsOwnStartAndTheOriginatorSeesEveryHop) {
  const Millis t0 = clock_.now_ms();
  const ItemId original = MinistryItem();
  clock_.advance(30 * kMinute);
  ASSERT_TRUE(svc_->Acknowledge(A(w_.analyst_a), original).ok());
  clock_.advance(90 * kMinute);  // the hub relays 2 h after the ministry published
  auto hop = svc_->Relay(A(w_.analyst_a), original, ToHubA(w_));
  ASSERT_TRUE(hop.ok()) << hop.status().Describe();
  const ItemId relayed = hop->view.item.id;
  clock_.advance(30 * kMinute);  // member1: within 1 h of the hop
  ASSERT_TRUE(svc_->Acknowledge(A(w_.member1), relayed).ok());
  clock_.advance(5 * kHour);  // member1b: within 24 h of the hop, 7.5 h after the ministry
  ASSERT_TRUE(svc_->Get(A(w_.member1b), relayed).ok());
  ASSERT_TRUE(svc_->Acknowledge(A(w_.member1b), relayed).ok());

  auto report = svc_->Relays(A(w_.officer).principal, original);
  ASSERT_TRUE(report.ok()) << report.status().Describe();
  EXPECT_EQ(report->root_id, original);
  EXPECT_EQ(report->root_published_at, t0);
  ASSERT_EQ(report->hops.size(), 2u);
  const auto& root = report->hops[0];
  EXPECT_EQ(root.link.depth, 0);
  EXPECT_EQ(root.counts.people, 1);
  EXPECT_EQ(root.counts.acknowledged_within[0], 1);
  const auto& h = report->hops[1];
  EXPECT_EQ(h.link.depth, 1);
  EXPECT_EQ(h.link.sender_name_ja, "電力ISAC事務局");
  EXPECT_EQ(h.link.relayed_from, original);
  EXPECT_EQ(h.since_root, 2 * kHour);
  EXPECT_EQ(h.counts.people, 2);
  EXPECT_EQ(h.counts.organisations, 1);
  EXPECT_EQ(h.counts.read, 2);
  EXPECT_EQ(h.counts.acknowledged_within[0], 1);  // 1 h: member1 only
  EXPECT_EQ(h.counts.acknowledged_within[1], 1);  // 4 h: member1b took 5.5 h
  EXPECT_EQ(h.counts.acknowledged_within[2], 2);  // 24 h: both
  EXPECT_EQ(h.counts.acknowledged_within_day_of_root, 2);
  EXPECT_EQ(h.counts.last_acknowledged_at, t0 + 2 * kHour + 5 * kHour + 30 * kMinute);

  // A day later than the ministry's publication does not count toward its day.
  clock_.advance(24 * kHour);
  RelayInput colleagues;
  colleagues.tlp = Tlp::kAmber;
  colleagues.audience.org_ids = {w_.m1};
  auto late = svc_->Relay(A(w_.member1), relayed, colleagues);
  ASSERT_TRUE(late.ok()) << late.status().Describe();
  ASSERT_TRUE(svc_->Acknowledge(A(w_.member1b), late->view.item.id).ok());
  report = svc_->Relays(A(w_.officer).principal, original);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->hops.size(), 3u);
  EXPECT_EQ(report->hops[2].link.depth, 2);
  EXPECT_EQ(report->hops[2].counts.acknowledged_within[0], 1);
  EXPECT_EQ(report->hops[2].counts.acknowledged_within_day_of_root, 0);

  // The relayer sees its own subtree; the original is not its to follow.
  auto sub = svc_->Relays(A(w_.analyst_a).principal, relayed);
  ASSERT_TRUE(sub.ok()) << sub.status().Describe();
  ASSERT_EQ(sub->hops.size(), 2u);
  EXPECT_EQ(sub->hops[0].link.item_id, relayed);
  auto not_theirs = svc_->Relays(A(w_.analyst_a).principal, original);
  ASSERT_FALSE(not_theirs.ok());
  EXPECT_EQ(not_theirs.status().kind(), Kind::kPermissionDenied);
  auto unseen = svc_->Relays(A(w_.member3).principal, original);
  ASSERT_FALSE(unseen.ok());
  EXPECT_EQ(unseen.status().kind(), Kind::kNotFound);
}

TEST_P(RelayTest, TheRehearsalCountsTheReachAndWritesNothing) {
  const ItemId original = MinistryItem();
  const auto before = Rows();
  auto reach = svc_->RehearseRelay(A(w_.analyst_a), original, ToHubA(w_));
  ASSERT_TRUE(reach.ok()) << reach.status().Describe();
  EXPECT_EQ(reach->people, 2);         // member1, member1b (M2 has nobody)
  EXPECT_EQ(reach->organisations, 1);  // M1 (the relayer, SA's analyst, is the author)
  EXPECT_EQ(Rows(), before);
  auto done = svc_->Relay(A(w_.analyst_a), original, ToHubA(w_));
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->counts.deliveries, reach->people);
}

INSTANTIATE_TEST_SUITE_P(Engines, RelayTest, RENKEI_ENGINES);

}  // namespace
}  // namespace renkei::testing
