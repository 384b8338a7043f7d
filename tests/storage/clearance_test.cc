// Information that requires a security clearance (issue 21): the rule as a table (who is
// cleared, in which organisation, until when), expiry and revocation ending access at
// once, the refusals, the never-relayed/exported/served/searched guarantees, lists
// without titles, audited reads, mail notices without titles, and who manages clearances.
// Both engines. The randomized leak test (sharing_test.cc) covers every read path too.
#include <gtest/gtest.h>

#include <set>

#include "core/text.h"
#include "domain/directory/clearance_service.h"
#include "domain/directory/directory_store.h"
#include "domain/outbox/mail_kinds.h"
#include "domain/outbox/outbox_store.h"
#include "domain/sharing/mail.h"
#include "domain/sharing/sharing_service.h"
#include "domain/sharing/sharing_store.h"
#include "domain/stix/stix_mapping.h"
#include "world.h"

namespace renkei::testing {
namespace {

using domain::ItemId;
using domain::NewItem;
using domain::Role;
using domain::Tlp;

constexpr Millis kStart = 1'800'000'000'000;
constexpr Millis kHour = 3'600'000;
constexpr Millis kYear = 365 * 24 * kHour;

class ClearanceTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    w_ = SeedWorld(*tx_);
    Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
      nco_ = AddOrg(s, "国家サイバー統括室", "national_centre", {}, {});
      nco_admin_ = AddUser(s, nco_, "admin@nco.example", Role::kAdmin);
      nco_officer_ = AddUser(s, nco_, "officer@nco.example", Role::kNationalCentreOfficer);
      nco_officer2_ = AddUser(s, nco_, "officer2@nco.example", Role::kNationalCentreOfficer);
      member2_ = AddUser(s, w_.m2, "two@m2.example", Role::kMember);
      return Status::Ok();
    });
    ASSERT_TRUE(st.ok()) << st.Describe();
    clearances_ = std::make_unique<domain::ClearanceService>(*tx_, clock_);
    sharing_ = std::make_unique<domain::SharingService>(*tx_, clock_);
    // Certified: the national centre, M1 and (for an hour) M3; not M2 nor the hubs.
    Certify(nco_, kStart + kYear);
    Certify(w_.m1, kStart + kYear);
    Certify(w_.m3, kStart + kHour);
    Grant(nco_officer_, "secret", kStart + kYear);
    Grant(w_.member1, "confidential", kStart + kYear);  // member1b: none
    Grant(member2_, "secret", kStart + kYear);          // but M2 is not certified
    Grant(w_.member3, "secret", kStart + kYear);        // M3's certification ends first
    Grant(w_.analyst_a, "secret", kStart + kYear);      // the secretariat is not certified
  }
  domain::Principal P(UserId id) { return PrincipalOf(*tx_, id); }
  domain::Actor A(UserId id) { return {P(id), "127.0.0.1"}; }
  void Grant(UserId who, const std::string& level, Millis until) {
    auto r = clearances_->Grant(A(nco_admin_), who, level, until);
    ASSERT_TRUE(r.ok()) << r.status().Describe();
  }
  void Certify(OrgId org, Millis until) {
    auto r = clearances_->Certify(A(nco_admin_), org, until);
    ASSERT_TRUE(r.ok()) << r.status().Describe();
  }
  NewItem Classified(const std::string& level, Tlp tlp = Tlp::kAmber) {
    NewItem in;
    in.kind = "alert";
    in.tlp = tlp;
    in.clearance = *domain::ParseClearance(level);
    in.content.title = "送電網制御系を狙う国家支援型攻撃の兆候";
    in.content.body = "## 概要\n特定の攻撃グループによる偵察活動を確認。";
    in.content.action_requested = "制御系の外部接続を点検してください。";
    in.audience.sector_ids = {"electricity", "gas"};
    return in;
  }
  ItemId Publish(UserId who, const NewItem& in) {
    auto r = sharing_->Publish(A(who), in);
    EXPECT_TRUE(r.ok()) << r.status().Describe();
    return r.ok() ? r->view.item.id : ItemId();
  }
  bool Sees(UserId who, ItemId id) {
    auto r = sharing_->Get(A(who), id);
    if (!r.ok()) {
      EXPECT_EQ(r.status().kind(), Kind::kNotFound) << r.status().Describe();
    }
    return r.ok();
  }
  std::set<std::int64_t> Delivered(ItemId id) {
    std::set<std::int64_t> out;
    EXPECT_TRUE(tx_->WithConnection([&](storage::Connection& c) -> Status {
                     RENKEI_ASSIGN_OR_RETURN(
                         auto rows,
                         c.Query("SELECT user_id FROM deliveries WHERE item_id = $1", {id.value}));
                     for (auto& r : rows) out.insert(r.i64(0));
                     return Status::Ok();
                   })
                    .ok());
    return out;
  }
  std::int64_t Reads(ItemId id) {
    return Rows("audit_log WHERE action = 'item.read' AND target_id = '" +
                std::to_string(id.value) + "'");
  }

  ManualClock clock_{kStart};
  World w_;
  OrgId nco_;
  UserId nco_admin_, nco_officer_, nco_officer2_, member2_;
  std::unique_ptr<domain::ClearanceService> clearances_;
  std::unique_ptr<domain::SharingService> sharing_;
};

TEST_P(ClearanceTest, Issue21_OnlyPeopleClearedInACertifiedOrganisationSeeTheItem) {
  const ItemId conf = Publish(nco_officer_, Classified("confidential"));
  const ItemId secret = Publish(nco_officer_, Classified("secret"));
  ASSERT_TRUE(conf.valid() && secret.valid());
  struct Row {
    const char* who;
    UserId id;
    bool sees_confidential, sees_secret;
  } table[] = {
      {"the author (secret, certified)", nco_officer_, true, true},
      {"a colleague without a clearance", nco_officer2_, false, false},
      {"member1: confidential, certified", w_.member1, true, false},
      {"member1b: same organisation, no clearance", w_.member1b, false, false},
      {"member2: secret, organisation not certified", member2_, false, false},
      {"member3: secret, certified for an hour", w_.member3, true, true},
      {"analyst A: secret, secretariat not certified", w_.analyst_a, false, false},
      {"METI officer: not in the audience", w_.officer, false, false},
      {"administrator: no exception", w_.admin, false, false},
  };
  for (const Row& r : table) {
    EXPECT_EQ(Sees(r.id, conf), r.sees_confidential) << r.who;
    EXPECT_EQ(Sees(r.id, secret), r.sees_secret) << r.who;
  }
  // Delivered (and so mailed a notice) only to the recipients cleared when it was sent.
  EXPECT_EQ(Delivered(conf), (std::set<std::int64_t>{w_.member1.value, w_.member3.value}));
  EXPECT_EQ(Delivered(secret), (std::set<std::int64_t>{w_.member3.value}));
  // The item says what it requires.
  auto view = sharing_->Get(A(w_.member1), conf);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->item.clearance, 1);
  EXPECT_EQ(view->item.content.title, "送電網制御系を狙う国家支援型攻撃の兆候");
  EXPECT_FALSE(view->can_relay);
}

TEST_P(ClearanceTest, Issue21_AnExpiryOrRevocationEndsAccessAtOnce) {
  const ItemId id = Publish(nco_officer_, Classified("confidential"));
  ASSERT_TRUE(Sees(w_.member3, id));
  domain::ItemFilter inbox;
  auto before = sharing_->List(P(w_.member3), inbox);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->items.size(), 1u);
  // M3's certification ends at kStart + 1 h: from that instant its people see nothing,
  // whatever their own clearance, and the item leaves their lists and counts.
  clock_.set(kStart + kHour);
  EXPECT_FALSE(Sees(w_.member3, id));
  auto after = sharing_->List(P(w_.member3), inbox);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->items.empty());
  auto counts = sharing_->Counts(P(w_.member3));
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->inbox, 0);
  // Renewing the certification gives it back (the delivery row was kept).
  Certify(w_.m3, kStart + kYear);
  EXPECT_TRUE(Sees(w_.member3, id));
  // Revoking member1's clearance ends member1's access at the next read.
  ASSERT_TRUE(Sees(w_.member1, id));
  ASSERT_TRUE(clearances_->Revoke(A(nco_admin_), w_.member1).ok());
  EXPECT_FALSE(Sees(w_.member1, id));
  // A clearance that lapses: member1 again, granted until a moment that passes.
  Grant(w_.member1, "confidential", clock_.now_ms() + 1000);
  EXPECT_TRUE(Sees(w_.member1, id));
  clock_.advance(1000);
  EXPECT_FALSE(Sees(w_.member1, id));
  // The author too loses it with their clearance.
  ASSERT_TRUE(clearances_->Revoke(A(nco_admin_), nco_officer_).ok());
  EXPECT_FALSE(Sees(nco_officer_, id));
}

TEST_P(ClearanceTest, Issue21_RefusedClassifiedItemsWriteNothing) {
  const std::int64_t items = Rows("items"), audit = Rows("audit_log");
  struct Case {
    const char* what;
    UserId who;
    NewItem in;
    const char* code;
    const char* field;
  };
  NewItem clear = Classified("confidential", Tlp::kClear);
  clear.audience = {};
  NewItem pub = Classified("confidential");
  pub.is_public = true;
  NewItem text = Classified("confidential", Tlp::kGreen);
  text.mail_text = true;
  NewItem unknown = Classified("confidential");
  unknown.clearance = 3;
  const Case cases[] = {
      {"TLP:CLEAR", nco_officer_, clear, "tlp_audience_mismatch", "tlp"},
      {"public", nco_officer_, pub, "tlp_audience_mismatch", "is_public"},
      {"body in mail", nco_officer_, text, "clearance_no_mail_text", "mail_text"},
      {"no such level", nco_officer_, unknown, "invalid_value", "clearance"},
      {"a sender without a clearance", nco_officer2_, Classified("confidential"), "forbidden",
       "clearance"},
  };
  for (const Case& c : cases) {
    auto r = sharing_->Publish(A(c.who), c.in);
    ASSERT_FALSE(r.ok()) << c.what;
    EXPECT_EQ(r.status().code(), c.code) << c.what;
    EXPECT_EQ(r.status().field(), c.field) << c.what;
    auto d = sharing_->SaveDraft(A(c.who), c.in);
    EXPECT_FALSE(d.ok()) << c.what << " as a draft";
  }
  // A hub analyst who publishes and holds a secret clearance, but whose organisation is
  // not certified, may not send it either.
  auto hub = sharing_->Publish(A(w_.analyst_a), Classified("confidential"));
  EXPECT_EQ(hub.status().code(), "forbidden");
  // A confidential clearance does not send secret information.
  ASSERT_TRUE(clearances_->Revoke(A(nco_admin_), nco_officer_).ok());
  Grant(nco_officer_, "confidential", kStart + kYear);
  const std::int64_t audit_now = Rows("audit_log");
  auto low = sharing_->Publish(A(nco_officer_), Classified("secret"));
  EXPECT_EQ(low.status().code(), "forbidden");
  EXPECT_EQ(Rows("items"), items);
  EXPECT_EQ(Rows("deliveries"), 0);
  EXPECT_EQ(Rows("outbox"), 0);
  EXPECT_EQ(Rows("audit_log"), audit_now);
  EXPECT_EQ(audit_now, audit + 2);  // the revocation and the grant only
}

TEST_P(ClearanceTest, Issue21_AClassifiedItemIsNeverRelayedExportedServedOverTaxiiOrFound) {
  const ItemId id = Publish(nco_officer_, Classified("confidential"));
  NewItem plain = Classified("confidential");
  plain.clearance = 0;
  plain.content.title = "送電網制御系の一般的な注意喚起";
  const ItemId open = Publish(nco_officer_, plain);
  const std::int64_t items = Rows("items");
  domain::RelayInput relay;
  relay.tlp = Tlp::kAmber;
  relay.audience.org_ids = {w_.m1};
  auto r = sharing_->Relay(A(w_.member1), id, relay);
  EXPECT_EQ(r.status().code(), "clearance_not_relayable");
  EXPECT_EQ(Rows("items"), items);
  auto stix = sharing_->ExportStix(A(w_.member1), id, {"stix", {}});
  EXPECT_EQ(stix.status().code(), "clearance_not_exported");
  // The STIX list and the TAXII feed hold the plain item, never the classified one.
  domain::ItemFilter all;
  all.scope = "all";
  auto list = sharing_->ExportStixList(A(w_.member1), all, {"stix", {}});
  ASSERT_TRUE(list.ok()) << list.status().Describe();
  auto ids_of = [](ItemId item) {
    std::set<std::string> out;
    for (auto t : {domain::stix::Type::kNote, domain::stix::Type::kReport})
      out.insert(domain::stix::StixId(t, "item/" + std::to_string(item.value)));
    return out;
  };
  auto holds = [&](const std::set<std::string>& got, ItemId item) {
    for (const auto& x : ids_of(item))
      if (got.count(x)) return true;
    return false;
  };
  std::set<std::string> exported, served;
  for (const auto& o : list->objects) exported.insert(o.id);
  auto feed = sharing_->TaxiiFeed(P(w_.member1), false);
  ASSERT_TRUE(feed.ok());
  for (const auto& e : *feed) served.insert(e.object.id);
  EXPECT_TRUE(holds(exported, open));
  EXPECT_FALSE(holds(exported, id));
  EXPECT_TRUE(holds(served, open));
  EXPECT_FALSE(holds(served, id));
  // A search never matches inside it, even for someone cleared.
  domain::ItemFilter search = all;
  search.query_folded = FoldForSearch("送電網制御系");
  auto found = sharing_->List(P(w_.member1), search);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].id, open);
}

TEST_P(ClearanceTest, Issue21_ListsCarryNoTitleAndEveryReadIsAudited) {
  const ItemId id = Publish(nco_officer_, Classified("confidential"));
  domain::ItemFilter inbox;
  auto list = sharing_->List(P(w_.member1), inbox);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->items.size(), 1u);
  EXPECT_EQ(list->items[0].id, id);
  EXPECT_EQ(list->items[0].clearance, 1);
  EXPECT_EQ(list->items[0].content.title, "");
  EXPECT_EQ(list->items[0].content.action_requested, "");
  // Nor does the home page's follow-up of the sender's items (its tile's lines).
  auto rates = sharing_->SentRates(P(nco_officer_), 0);
  ASSERT_TRUE(rates.ok());
  ASSERT_EQ(rates->size(), 1u);
  EXPECT_EQ((*rates)[0].item.id, id);
  EXPECT_EQ((*rates)[0].item.content.title, "");
  // Opening it, its versions and — the author's own reads included — are audited.
  EXPECT_EQ(Reads(id), 0);
  ASSERT_TRUE(Sees(w_.member1, id));
  ASSERT_TRUE(Sees(w_.member1, id));
  ASSERT_TRUE(Sees(nco_officer_, id));
  ASSERT_TRUE(sharing_->Versions(A(w_.member1), id).ok());
  EXPECT_EQ(Reads(id), 4);
  // A refused read writes nothing.
  EXPECT_FALSE(Sees(w_.member1b, id));
  EXPECT_EQ(Reads(id), 4);
}

TEST_P(ClearanceTest, Issue21_TheMailIsANoticeWithoutTitle) {
  const ItemId id = Publish(nco_officer_, Classified("confidential", Tlp::kGreen));
  domain::MailKinds kinds;
  domain::RegisterItemMail(kinds);
  std::vector<domain::MailMessage> mails;
  Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto rows, s.outbox.Claim(kStart + kYear, kStart, 100, kinds.codes()));
    for (const auto& row : rows) {
      EXPECT_EQ(row.subject_id, id.value);
      RENKEI_ASSIGN_OR_RETURN(auto to, s.directory.GetUser(row.user_id));
      RENKEI_ASSIGN_OR_RETURN(auto m, kinds.Find(row.kind)->render(s, *to, {row}, {}));
      mails.push_back(std::move(m));
    }
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  std::set<std::string> to;
  for (const auto& m : mails) {
    to.insert(m.to);
    EXPECT_EQ(m.subject.find("送電網"), std::string::npos) << m.subject;
    EXPECT_EQ(m.text.find("送電網"), std::string::npos) << m.text;
    EXPECT_EQ(m.text.find("偵察"), std::string::npos) << m.text;
    EXPECT_EQ(m.text.find("外部接続"), std::string::npos) << m.text;
    EXPECT_NE(m.subject.find("【要クリアランス】"), std::string::npos) << m.subject;
    EXPECT_NE(m.text.find("セキュリティクリアランス（重要経済安保情報"), std::string::npos)
        << m.text;
    EXPECT_NE(m.text.find("/items/" + std::to_string(id.value)), std::string::npos);
  }
  EXPECT_EQ(to, (std::set<std::string>{"one@m1.example", "three@m3.example"}));
  // A reminder after member1's clearance was revoked: only to the recipient still cleared.
  ASSERT_TRUE(clearances_->Revoke(A(nco_admin_), w_.member1).ok());
  auto reminded = sharing_->Remind(A(nco_officer_), id);
  ASSERT_TRUE(reminded.ok()) << reminded.status().Describe();
  EXPECT_EQ(*reminded, 1);
  EXPECT_EQ(
      Rows("outbox WHERE kind = 'item_reminder' AND user_id = " + std::to_string(w_.member3.value)),
      1);
}

TEST_P(ClearanceTest, Issue21_OnlyNationalCentreAdministratorsManageClearancesAndItIsAudited) {
  const std::int64_t audit = Rows("audit_log"), held = Rows("user_clearances");
  // The platform's own administrator is not the national centre's.
  for (UserId who : {w_.admin, nco_officer_, w_.analyst_a}) {
    auto g = clearances_->Grant(A(who), w_.member1b, "confidential", kStart + kYear);
    EXPECT_EQ(g.status().code(), "forbidden") << who.value;
    EXPECT_EQ(clearances_->Revoke(A(who), w_.member1).code(), "forbidden");
    EXPECT_EQ(clearances_->Certify(A(who), w_.m2, kStart + kYear).status().code(), "forbidden");
    EXPECT_EQ(clearances_->Clearances(P(who)).status().code(), "forbidden");
  }
  auto unknown = clearances_->Grant(A(nco_admin_), UserId(999999), "secret", kStart + kYear);
  EXPECT_EQ(unknown.status().code(), "not_found");
  auto level = clearances_->Grant(A(nco_admin_), w_.member1b, "top", kStart + kYear);
  EXPECT_EQ(level.status().code(), "invalid_value");
  EXPECT_EQ(level.status().field(), "level");
  auto past = clearances_->Grant(A(nco_admin_), w_.member1b, "secret", kStart - 1);
  EXPECT_EQ(past.status().code(), "clearance_valid_until");
  auto far = clearances_->Grant(A(nco_admin_), w_.member1b, "secret", kStart + 11 * kYear);
  EXPECT_EQ(far.status().code(), "clearance_valid_until");
  EXPECT_EQ(clearances_->Revoke(A(nco_admin_), w_.member1b).code(), "not_found");
  EXPECT_EQ(Rows("audit_log"), audit);
  EXPECT_EQ(Rows("user_clearances"), held);
  // Granted, renewed and revoked by the centre's administrator: each audited.
  Grant(w_.member1b, "confidential", kStart + kYear);
  Grant(w_.member1b, "secret", kStart + 2 * kYear);
  ASSERT_TRUE(clearances_->Revoke(A(nco_admin_), w_.member1b).ok());
  EXPECT_EQ(Rows("audit_log WHERE action = 'clearance.grant' AND target_id = '" +
                 std::to_string(w_.member1b.value) + "'"),
            1);
  EXPECT_EQ(Rows("audit_log WHERE action IN ('clearance.renew', 'clearance.revoke')"), 2);
  // Everyone reads their own standing.
  auto mine = clearances_->Mine(P(w_.member1));
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->cleared_level, 1);
  auto none = clearances_->Mine(P(member2_));
  ASSERT_TRUE(none.ok());
  ASSERT_TRUE(none->clearance.has_value());
  EXPECT_EQ(none->cleared_level, 0);  // its organisation is not certified
  auto list = clearances_->Clearances(P(nco_admin_));
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 5u);
}

INSTANTIATE_TEST_SUITE_P(Engines, ClearanceTest, RENKEI_ENGINES);

}  // namespace
}  // namespace renkei::testing
