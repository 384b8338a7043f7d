// Sharing: the TLP access rules as a table, the refusals, delivery tracking, and a
// randomized leak test comparing every read path with the written rules; both engines.
#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <mutex>
#include <random>
#include <set>

#include "core/text.h"
#include "domain/directory/directory_store.h"
#include "domain/exercises/exercise_service.h"
#include "domain/exercises/exercise_store.h"
#include "domain/outbox/outbox_store.h"
#include "domain/sharing/item_events.h"
#include "domain/sharing/mail.h"
#include "domain/sharing/sharing_service.h"
#include "storage/migrations/migrations.h"
#include "world.h"

namespace renkei::testing {
namespace {

using domain::Audience;
using domain::ItemId;
using domain::NewItem;
using domain::Role;
using domain::Tlp;

NewItem Alert(Tlp tlp, Audience a, std::string title = "変電所の制御系への不審な通信") {
  NewItem in;
  in.kind = "alert";
  in.tlp = tlp;
  in.content.title = std::move(title);
  in.content.body = "## 概要\n不審な通信を確認しました。";
  in.audience = std::move(a);
  return in;
}

class SharingTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    w_ = SeedWorld(*tx_);
    svc_ = std::make_unique<domain::SharingService>(*tx_, clock_);
  }
  domain::Principal P(UserId id) { return PrincipalOf(*tx_, id); }
  ItemId Publish(UserId who, const NewItem& in) {
    auto r = svc_->Publish({P(who), "127.0.0.1"}, in);
    EXPECT_TRUE(r.ok()) << r.status().Describe();
    return r.ok() ? r->view.item.id : ItemId();
  }
  bool Sees(UserId who, ItemId id) {
    auto r = svc_->Get({P(who), "127.0.0.1"}, id);
    if (!r.ok()) {
      EXPECT_EQ(r.status().kind(), Kind::kNotFound) << r.status().Describe();
    }
    return r.ok();
  }
  // Every queued mail (any due time), without taking it out of the outbox.
  std::set<std::pair<std::int64_t, std::string>> Queued() {
    std::set<std::pair<std::int64_t, std::string>> out;
    Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
      domain::MailKinds kinds;
      domain::RegisterItemMail(kinds);
      RENKEI_ASSIGN_OR_RETURN(auto rows,
                              s.outbox.Claim(INT64_MAX / 2, INT64_MAX / 2, 100000, kinds.codes()));
      for (auto& e : rows) out.emplace(e.user_id.value, e.kind);
      static const ErrorMessage kRollback{"rollback",      "rollback",
                                          Kind::kConflict, "leave the outbox as it was",
                                          "元に戻す",      "test"};
      return Status(kRollback);
    });
    EXPECT_EQ(st.code(), "rollback");
    return out;
  }
  std::set<std::int64_t> Outbox() {
    std::set<std::int64_t> users;
    for (const auto& [user, kind] : Queued()) users.insert(user);
    return users;
  }

  ManualClock clock_{1'800'000'000'000};
  World w_;
  std::unique_ptr<domain::SharingService> svc_;
};

TEST_P(SharingTest, TheLabelDecidesWhoSeesTheItem) {
  struct Case {
    const char* name;
    Tlp tlp;
    Audience audience;
    std::set<std::int64_t> sees;  // user ids besides the author
  };
  Audience electricity;
  electricity.sector_ids = {"electricity"};
  Audience m1;
  m1.org_ids = {w_.m1};
  Audience named;
  named.user_ids = {w_.member1};
  Audience hub_b;
  hub_b.hub_ids = {w_.hub_b};
  Audience analysts = electricity;
  analysts.roles = {Role::kHubAnalyst};
  const std::vector<Case> cases = {
      {"AMBER to a sector", Tlp::kAmber, electricity, {w_.member1.value, w_.member1b.value}},
      {"AMBER+STRICT to one organisation",
       Tlp::kAmberStrict,
       m1,
       {w_.member1.value, w_.member1b.value}},
      {"RED to one person", Tlp::kRed, named, {w_.member1.value}},
      {"GREEN to a hub reaches members and secretariat",
       Tlp::kGreen,
       hub_b,
       {w_.member3.value, w_.analyst_b.value}},
      {"GREEN to analysts only", Tlp::kGreen, analysts, {}},
      {"CLEAR to nobody in particular",
       Tlp::kClear,
       {},
       {w_.admin.value, w_.analyst_b.value, w_.member1.value, w_.member1b.value, w_.member3.value,
        w_.officer.value}},
  };
  const std::vector<UserId> others = {w_.admin,    w_.analyst_b, w_.member1,
                                      w_.member1b, w_.member3,   w_.officer};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ItemId id = Publish(w_.analyst_a, Alert(c.tlp, c.audience));
    EXPECT_TRUE(Sees(w_.analyst_a, id));
    for (UserId u : others) EXPECT_EQ(Sees(u, id), c.sees.count(u.value) == 1) << u.value;
  }
}

TEST_P(SharingTest, ALabelThatContradictsItsAudienceIsRefusedAndNothingIsWritten) {
  Audience sector;
  sector.sector_ids = {"electricity"};
  Audience red_sector = sector;
  red_sector.user_ids = {w_.member1};
  struct Case {
    Tlp tlp;
    Audience a;
    std::string field;
  };
  const std::vector<Case> cases = {
      {Tlp::kAmberStrict, sector, "audience.sector_ids"},
      {Tlp::kRed, red_sector, "audience"},
      {Tlp::kRed, sector, "audience"},
      {Tlp::kGreen, {}, "audience"},
  };
  for (const auto& c : cases) {
    auto r = svc_->Publish({P(w_.analyst_a), ""}, Alert(c.tlp, c.a));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), "tlp_audience_mismatch");
    EXPECT_EQ(r.status().field(), c.field);
  }
  NewItem pub = Alert(Tlp::kAmber, sector);
  pub.is_public = true;
  EXPECT_EQ(svc_->Publish({P(w_.analyst_a), ""}, pub).status().field(), "public");
  Audience unknown;
  unknown.sector_ids = {"nowhere"};
  EXPECT_EQ(svc_->Publish({P(w_.analyst_a), ""}, Alert(Tlp::kGreen, unknown)).status().code(),
            "unknown_sector");
  Audience ghost_org;
  ghost_org.org_ids = {w_.m1, OrgId(999999)};
  auto r = svc_->Publish({P(w_.analyst_a), ""}, Alert(Tlp::kAmber, ghost_org));
  EXPECT_EQ(r.status().code(), "unknown_organisation");
  EXPECT_EQ(r.status().field(), "audience.org_ids[1]");
  Audience ghost_user;
  ghost_user.user_ids = {UserId(999999)};
  r = svc_->Publish({P(w_.analyst_a), ""}, Alert(Tlp::kRed, ghost_user));
  EXPECT_EQ(r.status().code(), "unknown_user");
  EXPECT_EQ(r.status().field(), "audience.user_ids[0]");
  EXPECT_EQ(svc_->Publish({P(w_.member1), ""}, Alert(Tlp::kGreen, sector)).status().kind(),
            Kind::kPermissionDenied);
  domain::ItemFilter all;
  all.scope = "all";
  EXPECT_TRUE(svc_->List(P(w_.analyst_a), all)->items.empty());
  EXPECT_TRUE(Outbox().empty());
}

TEST_P(SharingTest, RecipientsReadAndAcknowledgeAndTheSenderSeesTheTable) {
  Audience sector;
  sector.sector_ids = {"electricity"};
  NewItem in = Alert(Tlp::kAmber, sector);
  in.content.action_requested = "ファームウェアを更新し、結果を受領確認で報告してください";
  in.content.action_due_at = clock_.now_ms() + 24 * 3600 * 1000;
  ItemId id = Publish(w_.analyst_a, in);
  EXPECT_EQ(svc_->Counts(P(w_.member1))->unread, 1);
  EXPECT_EQ(svc_->Counts(P(w_.member1))->action_outstanding, 1);
  clock_.advance(30 * 60 * 1000);
  ASSERT_TRUE(svc_->Get({P(w_.member1), ""}, id).ok());
  EXPECT_EQ(svc_->Counts(P(w_.member1))->unread, 0);
  clock_.advance(2 * 3600 * 1000);
  auto ack = svc_->Acknowledge({P(w_.member1), ""}, id);
  ASSERT_TRUE(ack.ok());
  EXPECT_TRUE(ack->item.my_acknowledged_at.has_value());
  EXPECT_EQ(svc_->Counts(P(w_.member1))->action_outstanding, 0);
  // Recipients do not see the audience; the sender does.
  EXPECT_TRUE(ack->item.audience.sector_ids.empty());
  EXPECT_EQ(svc_->Get({P(w_.analyst_a), ""}, id)->item.audience.sector_ids.size(), 1u);
  // Not a recipient: officer cannot see it at all; analyst B neither.
  EXPECT_EQ(svc_->Acknowledge({P(w_.officer), ""}, id).status().kind(), Kind::kNotFound);
  auto table = svc_->Deliveries(P(w_.analyst_a), id);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->people, 2);  // member1, member1b (M2 has no users in the world)
  EXPECT_EQ(table->read, 1);
  EXPECT_EQ(table->acknowledged, 1);
  EXPECT_DOUBLE_EQ(table->read_within[0], 0.5);
  EXPECT_DOUBLE_EQ(table->acknowledged_within[0], 0.0);
  EXPECT_DOUBLE_EQ(table->acknowledged_within[1], 0.5);
  EXPECT_EQ(svc_->Deliveries(P(w_.member1), id).status().kind(), Kind::kPermissionDenied);
  // Reads of AMBER items are audited.
  auto reads = domain::AuditService(*tx_).List(P(w_.admin), {"item.read", "", "", 0, 0, 50});
  ASSERT_TRUE(reads.ok());
  ASSERT_EQ(reads->size(), 1u);
  EXPECT_EQ(reads->at(0).actor->value, w_.member1.value);
  // Reminders go to those who have not acknowledged.
  EXPECT_EQ(*svc_->Remind({P(w_.analyst_a), ""}, id), 1);
}

// The delivery table's filters and order are fragments of the store's query: the same rows
// on both engines; 未確認のみ means "not acknowledged" where an action is asked, else "not read".
TEST_P(SharingTest, TheDeliveryTableFiltersAndSortsInTheQuery) {
  Audience sector;
  sector.sector_ids = {"electricity"};
  NewItem in = Alert(Tlp::kAmber, sector);
  in.content.action_requested = "受領確認してください";
  const ItemId id = Publish(w_.analyst_a, in);
  const ItemId plain = Publish(w_.analyst_a, Alert(Tlp::kAmber, sector, "要請なし"));
  clock_.advance(3600 * 1000);
  ASSERT_TRUE(svc_->Acknowledge({P(w_.member1), ""}, id).ok());  // reads it too
  ASSERT_TRUE(svc_->Get({P(w_.member1), ""}, plain).ok());
  const auto emails = [](const domain::DeliveryReport& r) {
    std::vector<std::string> out;
    for (const auto& d : r.rows) out.push_back(d.email);
    return out;
  };
  const auto table = [&](ItemId item, domain::DeliveryFilter f) {
    auto r = svc_->Deliveries(P(w_.analyst_a), item, f);
    EXPECT_TRUE(r.ok()) << r.status().Describe();
    return r.ok() ? *r : domain::DeliveryReport{};
  };
  domain::DeliveryFilter pending;
  pending.pending_only = true;
  auto r = table(id, pending);
  EXPECT_EQ(emails(r), std::vector<std::string>{"two@m1.example"});
  EXPECT_EQ(r.people, 2) << "the totals stay the whole audience's";
  EXPECT_EQ(r.acknowledged, 1);
  ASSERT_EQ(r.orgs.size(), 1u);
  EXPECT_EQ(r.orgs[0].people, 1) << "the organisations of the rows shown";
  EXPECT_EQ(emails(table(plain, pending)), std::vector<std::string>{"two@m1.example"})
      << "no action asked: pending means unread";

  domain::DeliveryFilter by_ack;
  by_ack.sort = domain::DeliverySort::kAcknowledgedAt;
  EXPECT_EQ(emails(table(id, by_ack)),
            (std::vector<std::string>{"one@m1.example", "two@m1.example"}));
  by_ack.descending = true;
  EXPECT_EQ(emails(table(id, by_ack)),
            (std::vector<std::string>{"one@m1.example", "two@m1.example"}))
      << "who has not acknowledged comes last in either direction";

  domain::DeliveryFilter org;
  org.org_query_folded = FoldForSearch("みなと");
  EXPECT_TRUE(table(id, org).rows.empty());
  org.org_query_folded = FoldForSearch("東北");
  EXPECT_EQ(table(id, org).rows.size(), 2u);
  domain::DeliveryFilter gas;
  gas.sector_id = "gas";
  EXPECT_TRUE(table(id, gas).rows.empty());
  gas.sector_id = "electricity";
  EXPECT_EQ(table(id, gas).rows.size(), 2u);

  // The export: the same rule and rows, and its audit entry in the same transaction; a
  // refused export leaves none.
  auto file = svc_->ExportDeliveries({P(w_.analyst_a), "127.0.0.1"}, id, pending,
                                     {"csv", {{"pending", true}}});
  ASSERT_TRUE(file.ok()) << file.status().Describe();
  EXPECT_EQ(emails(*file), std::vector<std::string>{"two@m1.example"});
  EXPECT_FALSE(file->truncated);
  EXPECT_EQ(svc_->ExportDeliveries({P(w_.member1), ""}, id, pending, {"csv", {}}).status().kind(),
            Kind::kPermissionDenied);
  auto audit = domain::AuditService(*tx_).List(P(w_.admin), {"export.", "", "", 0, 0, 50});
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ(audit->at(0).action, "export.deliveries");
  EXPECT_EQ(audit->at(0).actor->value, w_.analyst_a.value);
  EXPECT_EQ(audit->at(0).target_id, std::to_string(id.value));
  EXPECT_NE(audit->at(0).detail.find("\"rows\":1"), std::string::npos) << audit->at(0).detail;
}

TEST_P(SharingTest, MailFollowsEachPersonsSettingExceptForUrgentNationalCentreItems) {
  UserId nco;
  Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    OrgId centre = AddOrg(s, "国家サイバー統括室", "national_centre", {}, {});
    nco = AddUser(s, centre, "officer@nco.test", Role::kNationalCentreOfficer);
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(svc_->SetNotifyMode({P(w_.member1), ""}, "off").ok());
  ASSERT_TRUE(svc_->SetNotifyMode({P(w_.member1b), ""}, "digest").ok());
  Audience m1;
  m1.org_ids = {w_.m1};
  Publish(nco, Alert(Tlp::kGreen, m1));
  using Q = std::set<std::pair<std::int64_t, std::string>>;
  EXPECT_EQ(Queued(), (Q{{w_.member1b.value, "item_digest"}}))
      << "off: nothing; digest: the morning";
  NewItem urgent = Alert(Tlp::kGreen, m1);
  urgent.urgent = true;
  EXPECT_EQ(svc_->Publish({P(w_.analyst_a), ""}, urgent).status().kind(), Kind::kPermissionDenied)
      << "only the national centre flags items urgent";
  Publish(nco, urgent);
  EXPECT_EQ(Queued(), (Q{{w_.member1b.value, "item_digest"},
                         {w_.member1.value, "item_published"},
                         {w_.member1b.value, "item_published"}}))
      << "urgent: now, for everyone";
}

TEST_P(SharingTest, RevisionsKeepVersionsAndWithdrawnItemsStayVisibleAsWithdrawn) {
  Audience sector;
  sector.sector_ids = {"electricity"};
  ItemId id = Publish(w_.analyst_a, Alert(Tlp::kGreen, sector));
  domain::ItemContent next;
  next.title = "変電所の制御系への不審な通信（続報）";
  next.body = "影響範囲を更新しました。";
  auto rev = svc_->Revise({P(w_.analyst_a), ""}, id, next, "影響範囲の追記");
  ASSERT_TRUE(rev.ok()) << rev.status().Describe();
  EXPECT_EQ(rev->item.version, 2);
  auto versions = svc_->Versions({P(w_.member1), ""}, id);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ(versions->at(1).content.title, "変電所の制御系への不審な通信");
  EXPECT_EQ(svc_->Revise({P(w_.member1), ""}, id, next, "").status().kind(),
            Kind::kPermissionDenied);
  ASSERT_TRUE(svc_->Withdraw({P(w_.analyst_a), ""}, id, "誤報のため").ok());
  auto seen = svc_->Get({P(w_.member1), ""}, id);
  ASSERT_TRUE(seen.ok());
  EXPECT_TRUE(seen->item.withdrawn);
  EXPECT_EQ(svc_->Revise({P(w_.analyst_a), ""}, id, next, "").status().code(), "withdrawn");
}

TEST_P(SharingTest, JapaneseSearchFoldsWidthAndNeedsNoSpaces) {
  Audience sector;
  sector.sector_ids = {"electricity"};
  Publish(w_.analyst_a, Alert(Tlp::kGreen, sector, "ＶＰＮ装置の脆弱性ＣＶＥ対応について"));
  Publish(w_.analyst_a, Alert(Tlp::kGreen, sector, "ランサムウェア被害の注意喚起"));
  domain::ItemFilter f;
  f.scope = "all";
  f.query_folded = FoldForSearch("vpn装置");
  EXPECT_EQ(svc_->List(P(w_.member1), f)->items.size(), 1u);
  f.query_folded = FoldForSearch("被害");
  EXPECT_EQ(svc_->List(P(w_.member1), f)->items.size(), 1u);
  EXPECT_EQ(svc_->List(P(w_.member3), f)->items.size(), 0u);  // gas: not in the audience
}

// ---- the randomized leak test ----------------------------------------------

// Issue 16, revisions reach people. The alert asks for an action due in a day, to the
// electricity sector (member1 and member1b of M1).
class RevisionTest : public SharingTest {
 protected:
  NewItem ActionAlert(Tlp tlp = Tlp::kGreen) {
    Audience sector;
    sector.sector_ids = {"electricity"};
    NewItem in = Alert(tlp, sector);
    in.content.action_requested = "ファームウェアを更新してください";
    in.content.action_due_at = clock_.now_ms() + 24 * kHour;
    return in;
  }
  domain::ItemContent ContentOf(ItemId id) {
    auto got = svc_->Get({P(w_.analyst_a), ""}, id);
    EXPECT_TRUE(got.ok()) << got.status().Describe();
    return got.ok() ? got->item.content : domain::ItemContent{};
  }
  bool InList(UserId who, ItemId id, bool unread_only, bool action_outstanding) {
    domain::ItemFilter f;
    f.unread_only = unread_only;
    f.action_outstanding = action_outstanding;
    auto page = svc_->List(P(who), f);
    EXPECT_TRUE(page.ok()) << page.status().Describe();
    for (const auto& it : page->items)
      if (it.id == id) return true;
    return false;
  }
  const domain::DeliveryRow* RowOf(const domain::DeliveryReport& r, UserId who) {
    for (const auto& d : r.rows)
      if (d.user_id == who) return &d;
    return nullptr;
  }
  // Every queued mail rendered as the mail worker would now: (user, kind) -> the text, or
  // "unsendable: <code>" for a row the worker would close unsent. Nothing is taken out.
  std::map<std::pair<std::int64_t, std::string>, std::string> Rendered() {
    std::map<std::pair<std::int64_t, std::string>, std::string> out;
    domain::MailKinds kinds;
    domain::RegisterItemMail(kinds);
    Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(auto rows,
                              s.outbox.Claim(INT64_MAX / 2, INT64_MAX / 2, 100000, kinds.codes()));
      for (auto& row : rows) {
        RENKEI_ASSIGN_OR_RETURN(auto to, s.directory.GetUser(row.user_id));
        auto m = kinds.Find(row.kind)->render(s, *to, {row}, domain::MailContext{});
        out[{row.user_id.value, row.kind}] =
            m.ok() ? m->subject + "\n" + m->text : "unsendable: " + std::string(m.status().code());
      }
      static const ErrorMessage kRollback{"rollback",      "rollback",
                                          Kind::kConflict, "leave the outbox as it was",
                                          "元に戻す",      "test"};
      return Status(kRollback);
    });
    EXPECT_EQ(st.code(), "rollback");
    return out;
  }
  using Mails = std::map<std::pair<std::int64_t, std::string>, std::string>;
  static std::string Of(Mails& m, UserId to, const char* kind) {
    return m[std::make_pair(to.value, std::string(kind))];
  }
  // Sends nothing but empties the outbox, so a test sees only what follows.
  void ForgetMail() {
    ASSERT_TRUE(tx_->Run(domain::TxMode::kWrite,
                         [&](domain::Stores& s) -> Status {
                           domain::MailKinds kinds;
                           domain::RegisterItemMail(kinds);
                           RENKEI_ASSIGN_OR_RETURN(
                               auto rows,
                               s.outbox.Claim(INT64_MAX / 2, INT64_MAX / 2, 100000, kinds.codes()));
                           for (auto& row : rows)
                             RENKEI_RETURN_IF_ERROR(s.outbox.MarkDone({row}, row.claimed_at, ""));
                           return Status::Ok();
                         })
                    .ok());
  }
  static constexpr Millis kHour = 3600 * 1000;
};

TEST_P(RevisionTest, Issue16_ARevisionMakesTheItemUnreadAgain) {
  ItemId id = Publish(w_.analyst_a, ActionAlert());
  ASSERT_TRUE(svc_->Get({P(w_.member1), ""}, id).ok());
  ASSERT_TRUE(svc_->Acknowledge({P(w_.member1), ""}, id).ok());
  EXPECT_EQ(svc_->Counts(P(w_.member1))->unread, 0);
  EXPECT_FALSE(InList(w_.member1, id, true, false));
  ForgetMail();

  clock_.advance(kHour);
  domain::ItemContent next = ContentOf(id);
  next.body += "\n\n影響範囲に配電系を追加しました。";
  auto rev = svc_->Revise({P(w_.analyst_a), ""}, id, next, "影響範囲の追記");
  ASSERT_TRUE(rev.ok()) << rev.status().Describe();

  // Unread again in the counts and the unread filter, with the reason on the item.
  EXPECT_EQ(svc_->Counts(P(w_.member1))->unread, 1);
  EXPECT_TRUE(InList(w_.member1, id, true, false));
  domain::ItemFilter inbox;
  auto listed = svc_->List(P(w_.member1), inbox);
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0].version, 2);
  EXPECT_EQ(listed->items[0].revision_note, "影響範囲の追記");
  EXPECT_EQ(listed->items[0].revised_at, clock_.now_ms());
  EXPECT_FALSE(listed->items[0].my_read_at.has_value());
  // Neither the action nor its due time changed: the acknowledgement stands.
  EXPECT_TRUE(listed->items[0].my_acknowledged_at.has_value());
  EXPECT_EQ(listed->items[0].ack_version, 1);
  EXPECT_EQ(svc_->Counts(P(w_.member1))->action_outstanding, 0);
  // The revised mail goes to both recipients, with the reason (GREEN: content may go).
  auto mail = Rendered();
  ASSERT_EQ(mail.size(), 2u);
  const std::string text = Of(mail, w_.member1, "item_revised");
  EXPECT_NE(text.find("更新の理由: 影響範囲の追記"), std::string::npos) << text;
  EXPECT_EQ(text.find("あらためて受領確認"), std::string::npos) << text;
  EXPECT_EQ(mail.count(std::make_pair(w_.member1b.value, std::string("item_revised"))), 1u);

  // Reading it again makes it read.
  auto seen = svc_->Get({P(w_.member1), ""}, id);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->item.revision_note, "影響範囲の追記");
  EXPECT_EQ(svc_->Counts(P(w_.member1))->unread, 0);
  // The sender's table counts reads of the current version from when it was made.
  auto table = svc_->Deliveries(P(w_.analyst_a), id);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->version, 2);
  EXPECT_EQ(table->read, 1);
  EXPECT_EQ(table->acknowledged, 1);
  EXPECT_DOUBLE_EQ(table->read_within[0], 0.5);
}

TEST_P(RevisionTest, Issue16_ChangingTheActionAsksForAcknowledgementAgain) {
  ItemId id = Publish(w_.analyst_a, ActionAlert(Tlp::kAmber));
  ASSERT_TRUE(svc_->Acknowledge({P(w_.member1), ""}, id).ok());
  EXPECT_EQ(svc_->Counts(P(w_.member1))->action_outstanding, 0);
  ForgetMail();

  clock_.advance(30 * kHour);  // past the first due time
  domain::ItemContent next = ContentOf(id);
  next.action_due_at = clock_.now_ms() + 48 * kHour;
  auto rev = svc_->Revise({P(w_.analyst_a), ""}, id, next, "期限の延長");
  ASSERT_TRUE(rev.ok()) << rev.status().Describe();
  EXPECT_EQ(rev->item.ack_version, 2);

  // The earlier acknowledgement no longer counts: outstanding again, everywhere.
  EXPECT_EQ(svc_->Counts(P(w_.member1))->action_outstanding, 1);
  EXPECT_TRUE(InList(w_.member1, id, false, true));
  auto table = svc_->Deliveries(P(w_.analyst_a), id);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->acknowledged, 0);
  EXPECT_EQ(table->organisations_acknowledged, 0);
  EXPECT_EQ(table->ack_version, 2);
  EXPECT_EQ(table->ack_asked_at, clock_.now_ms());
  const auto* row = RowOf(*table, w_.member1);
  ASSERT_NE(row, nullptr);
  EXPECT_FALSE(row->acknowledged_at.has_value());
  // ... but its history is kept: which version was acknowledged, and when.
  EXPECT_EQ(row->last_acknowledged_version, 1);
  EXPECT_EQ(row->last_acknowledged_at, clock_.now_ms() - 30 * kHour);
  // The revised mail says so, without the AMBER item's reason.
  auto mail = Rendered();
  const std::string text = Of(mail, w_.member1, "item_revised");
  EXPECT_NE(text.find("あらためて受領確認をお願いします"), std::string::npos) << text;
  EXPECT_EQ(text.find("期限の延長"), std::string::npos) << "AMBER: no content by mail";

  // Acknowledging again counts for the new version, from when it was asked.
  clock_.advance(kHour / 2);
  auto ack = svc_->Acknowledge({P(w_.member1), ""}, id);
  ASSERT_TRUE(ack.ok()) << ack.status().Describe();
  EXPECT_TRUE(ack->item.my_acknowledged_at.has_value());
  EXPECT_EQ(svc_->Counts(P(w_.member1))->action_outstanding, 0);
  table = svc_->Deliveries(P(w_.analyst_a), id);
  EXPECT_EQ(table->acknowledged, 1);
  EXPECT_DOUBLE_EQ(table->acknowledged_within[0], 0.5);
  EXPECT_EQ(RowOf(*table, w_.member1)->last_acknowledged_version, 2);

  // A changed action text asks again too; the due reminder is owed for the new due time.
  clock_.advance(49 * kHour);
  EXPECT_EQ(*svc_->RemindDue(), 1) << "member1b, who never acknowledged";
  next.action_requested = "ファームウェアを更新し、設定を初期化してください";
  next.action_due_at = clock_.now_ms() + kHour;
  ASSERT_TRUE(svc_->Revise({P(w_.analyst_a), ""}, id, next, "手順の追加").ok());
  EXPECT_EQ(svc_->Counts(P(w_.member1))->action_outstanding, 1);
  EXPECT_EQ(*svc_->RemindDue(), 0) << "not due yet";
  clock_.advance(2 * kHour);
  EXPECT_EQ(*svc_->RemindDue(), 2);
}

TEST_P(RevisionTest, Issue16_ARevisionThatChangesNeitherActionNorDueKeepsAcknowledgements) {
  ItemId id = Publish(w_.analyst_a, ActionAlert());
  ASSERT_TRUE(svc_->Acknowledge({P(w_.member1), ""}, id).ok());
  clock_.advance(30 * kHour);
  EXPECT_EQ(*svc_->RemindDue(), 1);
  domain::ItemContent next = ContentOf(id);
  next.title += "（続報）";
  ASSERT_TRUE(svc_->Revise({P(w_.analyst_a), ""}, id, next, "").ok());
  EXPECT_EQ(svc_->Deliveries(P(w_.analyst_a), id)->acknowledged, 1);
  EXPECT_EQ(svc_->Counts(P(w_.member1))->action_outstanding, 0);
  EXPECT_EQ(*svc_->RemindDue(), 0) << "the due reminder was sent already";
}

TEST_P(RevisionTest, Issue16_AWithdrawnItemsActionIsNotOutstanding) {
  ItemId id = Publish(w_.analyst_a, ActionAlert());
  EXPECT_EQ(svc_->Counts(P(w_.member1))->action_outstanding, 1);
  EXPECT_TRUE(InList(w_.member1, id, false, true));
  ForgetMail();
  ASSERT_TRUE(svc_->Withdraw({P(w_.analyst_a), ""}, id, "誤報のため").ok());

  EXPECT_EQ(svc_->Counts(P(w_.member1))->action_outstanding, 0);
  EXPECT_FALSE(InList(w_.member1, id, false, true));
  EXPECT_TRUE(InList(w_.member1, id, false, false)) << "still in the inbox, as withdrawn";
  clock_.advance(25 * kHour);
  EXPECT_EQ(*svc_->RemindDue(), 0) << "its due time passes without a reminder";
  clock_.advance(kHour);
  EXPECT_EQ(svc_->Remind({P(w_.analyst_a), ""}, id).status().code(), "withdrawn");
  auto mail = Rendered();
  for (const auto& [key, text] : mail) {
    if (key.second == "item_withdrawn") continue;
    ADD_FAILURE() << key.second << " to " << key.first << ": " << text;
  }
}

TEST_P(RevisionTest, Issue16_AReminderQueuedBeforeTheWithdrawalIsNotSent) {
  ItemId id = Publish(w_.analyst_a, ActionAlert());
  ForgetMail();
  ASSERT_EQ(*svc_->Remind({P(w_.analyst_a), ""}, id), 2);
  ASSERT_TRUE(svc_->Withdraw({P(w_.analyst_a), ""}, id, "誤報のため").ok());
  auto mail = Rendered();
  EXPECT_EQ(Of(mail, w_.member1, "item_reminder"), "unsendable: withdrawn");
  EXPECT_EQ(Of(mail, w_.member1b, "item_reminder"), "unsendable: withdrawn");
  EXPECT_EQ(Of(mail, w_.member1, "item_withdrawn").rfind("unsendable", 0), std::string::npos);
}

TEST_P(RevisionTest, Issue16_AddingAFileIsARevision) {
  ItemId id = Publish(w_.analyst_a, ActionAlert());
  ASSERT_TRUE(svc_->Acknowledge({P(w_.member1), ""}, id).ok());
  EXPECT_EQ(svc_->Counts(P(w_.member1))->unread, 0);
  ForgetMail();

  clock_.advance(kHour);
  auto att = svc_->AddAttachment({P(w_.analyst_a), ""}, id, "ioc-list.csv", "text/csv",
                                 "kind,value\nipv4,198.51.100.7\n");
  ASSERT_TRUE(att.ok()) << att.status().Describe();
  auto seen = svc_->Get({P(w_.analyst_a), ""}, id);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->item.version, 2);
  EXPECT_EQ(seen->item.revision_file, "ioc-list.csv");
  auto versions = svc_->Versions({P(w_.member1), ""}, id);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ(versions->at(0).added_file, "ioc-list.csv");
  EXPECT_EQ(versions->at(0).content.body, versions->at(1).content.body) << "content unchanged";
  // Unread again for the recipients; it asks nothing new, so the acknowledgement stands.
  EXPECT_EQ(svc_->Counts(P(w_.member1))->unread, 1);
  EXPECT_EQ(svc_->Counts(P(w_.member1))->action_outstanding, 0);
  EXPECT_EQ(svc_->Counts(P(w_.member1b))->action_outstanding, 1);
  auto mail = Rendered();
  ASSERT_EQ(mail.size(), 2u);
  const std::string text = Of(mail, w_.member1, "item_revised");
  EXPECT_NE(text.find("追加されたファイル: ioc-list.csv"), std::string::npos) << text;
}

// Migration 0010 keeps the acknowledgements given before it: they count for the version
// the item had, and once a revision asks again they stay in the history.
class RevisionMigrationTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RevisionMigrationTest, Issue16_AcknowledgementsGivenBeforeMigration0010StayInTheHistory) {
  if (GetParam() == "postgresql" && PgUrl().empty()) {
    if (PgRequired()) FAIL() << "RENKEI_TEST_PG_URL is not set but RENKEI_REQUIRE_PG is";
    GTEST_SKIP() << "RENKEI_TEST_PG_URL not set";
  }
  auto db = storage::OpenDatabase(FreshDatabaseUrl(GetParam()));
  ASSERT_TRUE(db.ok()) << db.status().Describe();
  storage::SqlTransactor tx(std::move(db).value(), 2);
  auto migrate = [&](int version) {
    return tx.WithConnection(
        [&](storage::Connection& c) { return storage::Migrate(c, version).status(); });
  };
  ASSERT_TRUE(migrate(9).ok());
  const World w = SeedWorld(tx);
  // An item to M1 with an action, as 0009's schema held it: member1 acknowledged it.
  ItemId id;
  Status st = tx.WithConnection([&](storage::Connection& c) -> Status {
    RENKEI_ASSIGN_OR_RETURN(
        auto rows,
        c.Query("INSERT INTO items (kind, tlp, author_user_id, sender_org_id, title, body, "
                "action_requested, search_key, published_at, updated_at) VALUES ('alert', "
                "'GREEN', $1, $2, '件名', '本文', '更新してください', '件名', 1000, 1000) "
                "RETURNING id",
                {w.analyst_a.value, w.sa.value}));
    id = ItemId(rows.at(0).i64(0));
    RENKEI_RETURN_IF_ERROR(
        c.Exec("INSERT INTO item_versions (item_id, version, title, body, action_requested, "
               "edited_by, edited_at) VALUES ($1, 1, '件名', '本文', '更新してください', $2, 1000)",
               {id.value, w.analyst_a.value})
            .status());
    RENKEI_RETURN_IF_ERROR(c.Exec("INSERT INTO item_target_orgs (item_id, org_id) VALUES ($1, $2)",
                                  {id.value, w.m1.value})
                               .status());
    RENKEI_RETURN_IF_ERROR(
        c.Exec("INSERT INTO item_orgs (item_id, org_id) VALUES ($1, $2)", {id.value, w.m1.value})
            .status());
    return c
        .Exec(
            "INSERT INTO deliveries (item_id, user_id, org_id, delivered_at, read_at, "
            "acknowledged_at) VALUES ($1, $2, $4, 1000, 2000, 2000), ($1, $3, $4, 1000, NULL, "
            "NULL)",
            {id.value, w.member1.value, w.member1b.value, w.m1.value})
        .status();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  ASSERT_TRUE(migrate(std::numeric_limits<int>::max()).ok());

  ManualClock clock{1'800'000'000'000};
  domain::SharingService svc(tx, clock);
  const domain::Principal analyst = PrincipalOf(tx, w.analyst_a);
  auto table = svc.Deliveries(analyst, id);
  ASSERT_TRUE(table.ok()) << table.status().Describe();
  EXPECT_EQ(table->acknowledged, 1);
  auto member1 = [&](const domain::DeliveryReport& r) {
    for (const auto& d : r.rows)
      if (d.user_id == w.member1) return d;
    return domain::DeliveryRow{};
  };
  EXPECT_EQ(member1(*table).last_acknowledged_version, 1);
  // A new due time asks again; the acknowledgement from before 0010 stays in the history.
  domain::ItemContent next;
  next.title = "件名";
  next.body = "本文";
  next.action_requested = "更新してください";
  next.action_due_at = clock.now_ms() + 3600 * 1000;
  ASSERT_TRUE(svc.Revise({analyst, ""}, id, next, "期限の設定").ok());
  table = svc.Deliveries(analyst, id);
  EXPECT_EQ(table->acknowledged, 0);
  EXPECT_FALSE(member1(*table).acknowledged_at.has_value());
  EXPECT_EQ(member1(*table).last_acknowledged_version, 1);
  EXPECT_EQ(member1(*table).last_acknowledged_at, 2000);
}

// 決裁 (issue 16): the hub secretariat SA requires a second publisher's approval before its
// AMBER+STRICT and RED items leave; analyst_a writes, analyst_a2 approves.
class ApprovalTest : public SharingTest {
 protected:
  void SetUp() override {
    SharingTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
      a2_ = AddUser(s, w_.sa, "second@a.example", Role::kHubAnalyst);
      sa_member_ = AddUser(s, w_.sa, "staff@a.example", Role::kMember);
      return Status::Ok();
    });
    ASSERT_TRUE(st.ok()) << st.Describe();
    domain::DirectoryService dir(*tx_, clock_);
    domain::OrgPatch on;
    on.requires_approval = true;
    auto set = dir.UpdateOrganisation({P(w_.admin), ""}, w_.sa, on);
    ASSERT_TRUE(set.ok()) << set.status().Describe();
    ASSERT_TRUE(set->org.requires_approval);
  }
  NewItem Red() {
    Audience named;
    named.user_ids = {w_.member1};
    return Alert(Tlp::kRed, named, "攻撃計画に関する情報");
  }
  domain::ItemState State(ItemId id) {
    std::optional<domain::Item> it;
    Status st = tx_->Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(it, s.sharing.LoadItem(id));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok() && it);
    return it ? it->state : domain::ItemState::kDraft;
  }
  std::set<std::int64_t> ListOf(UserId who, const char* scope) {
    domain::ItemFilter f;
    f.scope = scope;
    auto page = svc_->List(P(who), f);
    EXPECT_TRUE(page.ok()) << page.status().Describe();
    std::set<std::int64_t> out;
    if (page.ok())
      for (const auto& it : page->items) out.insert(it.id.value);
    return out;
  }
  std::vector<std::string> AuditActions() {
    auto list = domain::AuditService(*tx_).List(P(w_.admin), {"item.", "", "", 0, 0, 50});
    EXPECT_TRUE(list.ok());
    std::vector<std::string> out;
    if (list.ok())
      for (const auto& e : *list)
        if (e.action != "item.read") out.insert(out.begin(), e.action);
    return out;
  }
  UserId a2_, sa_member_;
};

TEST_P(ApprovalTest, Issue16_ARedItemWaitsForASecondPublisherAndReachesNobodyUntilApproved) {
  // The rehearsal says it goes to approval, with the reach it will have once approved.
  auto reach = svc_->Rehearse({P(w_.analyst_a), ""}, Red());
  ASSERT_TRUE(reach.ok()) << reach.status().Describe();
  EXPECT_TRUE(reach->needs_approval);
  EXPECT_EQ(reach->people, 1);
  EXPECT_EQ(reach->organisations, 1);

  auto out = svc_->Publish({P(w_.analyst_a), ""}, Red());
  ASSERT_TRUE(out.ok()) << out.status().Describe();
  const ItemId id = out->view.item.id;
  EXPECT_EQ(out->view.item.state, domain::ItemState::kPendingApproval);
  EXPECT_EQ(out->counts.deliveries, 0);
  EXPECT_TRUE(Outbox().empty()) << "no mail before approval";
  // Seen by the author and the organisation's publishers — RED too — and nobody else.
  EXPECT_TRUE(Sees(w_.analyst_a, id));
  EXPECT_TRUE(Sees(a2_, id));
  EXPECT_FALSE(Sees(w_.member1, id)) << "the recipient has nothing yet";
  EXPECT_FALSE(Sees(sa_member_, id)) << "a member of the organisation does not publish";
  EXPECT_FALSE(Sees(w_.analyst_b, id));
  EXPECT_FALSE(Sees(w_.admin, id));
  EXPECT_TRUE(ListOf(w_.member1, "inbox").empty());
  // The author finds it among the drafts; the approver in 決裁待ち, with the audience.
  EXPECT_EQ(ListOf(w_.analyst_a, "drafts"), std::set<std::int64_t>{id.value});
  EXPECT_TRUE(ListOf(w_.analyst_a, "pending").empty());
  EXPECT_EQ(ListOf(a2_, "pending"), std::set<std::int64_t>{id.value});
  EXPECT_TRUE(ListOf(a2_, "drafts").empty());
  EXPECT_TRUE(ListOf(a2_, "all").empty());
  EXPECT_EQ(*svc_->AwaitingApproval(P(a2_)), 1);
  EXPECT_EQ(*svc_->AwaitingApproval(P(w_.analyst_a)), 0);
  EXPECT_FALSE(svc_->AwaitingApproval(P(w_.analyst_b))->has_value()) << "SB needs no approval";
  EXPECT_FALSE(svc_->AwaitingApproval(P(sa_member_))->has_value()) << "not a publisher";
  auto seen = svc_->Get({P(a2_), ""}, id);
  ASSERT_TRUE(seen.ok());
  EXPECT_TRUE(seen->can_approve);
  EXPECT_FALSE(seen->can_manage);
  ASSERT_EQ(seen->audience_users.size(), 1u) << "the approver sees whom it goes to";
  EXPECT_EQ(seen->audience_users[0].id, w_.member1.value);
  EXPECT_FALSE(svc_->Get({P(w_.analyst_a), ""}, id)->can_approve);

  // The approval publishes it at the time of approval, with its mail and deliveries.
  clock_.advance(3'600'000);
  auto rehearsed = svc_->RehearseApproval({P(a2_), ""}, id);
  ASSERT_TRUE(rehearsed.ok()) << rehearsed.status().Describe();
  EXPECT_FALSE(rehearsed->needs_approval);
  EXPECT_EQ(rehearsed->people, 1);
  EXPECT_EQ(State(id), domain::ItemState::kPendingApproval) << "the rehearsal stored nothing";
  auto approved = svc_->Approve({P(a2_), ""}, id);
  ASSERT_TRUE(approved.ok()) << approved.status().Describe();
  EXPECT_EQ(approved->view.item.state, domain::ItemState::kPublished);
  EXPECT_EQ(approved->view.item.published_at, clock_.now_ms());
  EXPECT_EQ(approved->counts.deliveries, 1);
  EXPECT_EQ(Outbox(), std::set<std::int64_t>{w_.member1.value});
  EXPECT_TRUE(Sees(w_.member1, id));
  EXPECT_EQ(ListOf(w_.member1, "inbox"), std::set<std::int64_t>{id.value});
  EXPECT_FALSE(Sees(a2_, id)) << "published RED: named people and the author only";
  EXPECT_EQ(*svc_->AwaitingApproval(P(a2_)), 0);
  EXPECT_EQ(AuditActions(), (std::vector<std::string>{"item.submit_for_approval", "item.approve"}));
}

TEST_P(ApprovalTest, Issue16_RefusedApprovalsWriteNothing) {
  const ItemId id = Publish(w_.analyst_a, Red());
  const auto before = AuditActions();
  // The author never approves; who does not see it gets 404.
  EXPECT_EQ(svc_->Approve({P(w_.analyst_a), ""}, id).status().code(), "approve_own_item");
  EXPECT_EQ(svc_->RehearseApproval({P(w_.analyst_a), ""}, id).status().code(), "approve_own_item");
  EXPECT_EQ(svc_->Return({P(w_.analyst_a), ""}, id, "やり直し").status().code(),
            "approve_own_item");
  for (UserId u : {w_.analyst_b, sa_member_, w_.member1, w_.admin}) {
    EXPECT_EQ(svc_->Approve({P(u), ""}, id).status().kind(), Kind::kNotFound) << u.value;
    EXPECT_EQ(svc_->Return({P(u), ""}, id, "理由").status().kind(), Kind::kNotFound) << u.value;
  }
  // Waiting, it cannot be changed, published again or revised.
  EXPECT_EQ(svc_->UpdateDraft({P(w_.analyst_a), ""}, id, Red()).status().code(),
            "item_pending_approval");
  EXPECT_EQ(svc_->PublishDraft({P(w_.analyst_a), ""}, id).status().code(), "item_pending_approval");
  EXPECT_EQ(svc_->Revise({P(w_.analyst_a), ""}, id, Red().content, "").status().code(),
            "item_pending_approval");
  EXPECT_EQ(svc_->Recall({P(a2_), ""}, id).status().code(), "recall_not_author");
  EXPECT_EQ(svc_->Return({P(a2_), ""}, id, "").status().field(), "reason");
  EXPECT_EQ(State(id), domain::ItemState::kPendingApproval);
  EXPECT_TRUE(Outbox().empty());
  EXPECT_EQ(AuditActions(), before);
  // A published item is not approved again.
  ASSERT_TRUE(svc_->Approve({P(a2_), ""}, id).ok());
  EXPECT_EQ(svc_->Approve({P(w_.analyst_a), ""}, id).status().code(), "item_not_pending");
  Audience m1;
  m1.org_ids = {w_.m1};
  const ItemId amber = Publish(w_.analyst_a, Alert(Tlp::kAmber, m1));
  EXPECT_EQ(svc_->Approve({P(w_.member1), ""}, amber).status().code(), "item_not_pending");
}

TEST_P(ApprovalTest, Issue16_AReturnedItemIsADraftWithTheReasonUntilSubmittedAgain) {
  const ItemId id = Publish(w_.analyst_a, Red());
  clock_.advance(60'000);
  auto returned = svc_->Return({P(a2_), ""}, id, "宛先に経済産業省の担当者を追加してください");
  ASSERT_TRUE(returned.ok()) << returned.status().Describe();
  EXPECT_EQ(returned->item.state, domain::ItemState::kDraft);
  auto mine = svc_->Get({P(w_.analyst_a), ""}, id);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->item.return_reason, "宛先に経済産業省の担当者を追加してください");
  EXPECT_EQ(mine->item.returned_at, clock_.now_ms());
  EXPECT_FALSE(Sees(a2_, id)) << "a RED draft is its author's alone";
  EXPECT_TRUE(Outbox().empty());
  // The author changes it and submits it again: waiting again, the reason gone.
  NewItem fixed = Red();
  fixed.audience.user_ids.push_back(w_.officer);
  ASSERT_TRUE(svc_->UpdateDraft({P(w_.analyst_a), ""}, id, fixed).ok());
  auto again = svc_->PublishDraft({P(w_.analyst_a), ""}, id);
  ASSERT_TRUE(again.ok()) << again.status().Describe();
  EXPECT_EQ(again->view.item.state, domain::ItemState::kPendingApproval);
  EXPECT_EQ(again->view.item.return_reason, "");
  EXPECT_TRUE(Outbox().empty());
  // The author may take the request back.
  auto recalled = svc_->Recall({P(w_.analyst_a), ""}, id);
  ASSERT_TRUE(recalled.ok()) << recalled.status().Describe();
  EXPECT_EQ(recalled->item.state, domain::ItemState::kDraft);
  EXPECT_EQ(recalled->item.return_reason, "");
  EXPECT_EQ(AuditActions(), (std::vector<std::string>{"item.submit_for_approval", "item.return",
                                                      "item.draft_update",
                                                      "item.submit_for_approval", "item.recall"}));
}

TEST_P(ApprovalTest, Issue16_OnlyAmberStrictAndRedOfAnOrganisationThatRequiresItWait) {
  Audience m1;
  m1.org_ids = {w_.m1};
  for (Tlp tlp : {Tlp::kClear, Tlp::kGreen, Tlp::kAmber}) {
    auto out = svc_->Publish({P(w_.analyst_a), ""}, Alert(tlp, m1));
    ASSERT_TRUE(out.ok()) << out.status().Describe();
    EXPECT_EQ(out->view.item.state, domain::ItemState::kPublished) << TlpName(tlp);
  }
  auto strict = svc_->Publish({P(w_.analyst_a), ""}, Alert(Tlp::kAmberStrict, m1));
  ASSERT_TRUE(strict.ok());
  EXPECT_EQ(strict->view.item.state, domain::ItemState::kPendingApproval);
  // A colleague may publish the author's AMBER+STRICT draft, but not submit it: the
  // request is the author's, so no one both submits and approves.
  auto draft = svc_->SaveDraft({P(w_.analyst_a), ""}, Alert(Tlp::kAmberStrict, m1));
  ASSERT_TRUE(draft.ok());
  EXPECT_EQ(svc_->PublishDraft({P(a2_), ""}, draft->item.id).status().code(), "submit_not_author");
  // Another organisation without the setting publishes RED at once.
  Audience named;
  named.user_ids = {w_.member3};
  auto red = svc_->Publish({P(w_.analyst_b), ""}, Alert(Tlp::kRed, named));
  ASSERT_TRUE(red.ok());
  EXPECT_EQ(red->view.item.state, domain::ItemState::kPublished);
}

TEST_P(ApprovalTest, Issue16_OnlyAdministratorsSetTheApprovalRuleAndItIsAudited) {
  domain::DirectoryService dir(*tx_, clock_);
  // Hub staff (analyst_a runs hub A) manage its members, but do not decide how an
  // organisation sends. The administrator's change in SetUp is audited with what it was.
  domain::OrgPatch on;
  on.requires_approval = true;
  auto refused = dir.UpdateOrganisation({P(w_.analyst_a), ""}, w_.m1, on);
  EXPECT_EQ(refused.status().code(), "approval_setting_admin_only");
  EXPECT_EQ(refused.status().field(), "requires_approval");
  auto m1 = dir.GetOrganisation(P(w_.admin), w_.m1);
  ASSERT_TRUE(m1.ok());
  EXPECT_FALSE(m1->org.requires_approval);
  auto audit = domain::AuditService(*tx_).List(P(w_.admin), {"organisation.", "", "", 0, 0, 50});
  ASSERT_TRUE(audit.ok());
  ASSERT_FALSE(audit->empty());
  EXPECT_NE(audit->at(0).detail.find("\"requires_approval\":true"), std::string::npos)
      << audit->at(0).detail;
  EXPECT_NE(audit->at(0).detail.find("\"before\":{\"requires_approval\":false}"), std::string::npos)
      << audit->at(0).detail;
}

struct ModelUser {
  UserId id;
  OrgId org;
  std::vector<Role> roles;
};
struct ModelOrg {
  OrgId id;
  std::vector<std::string> sectors;
  std::vector<HubId> hubs;
};
struct ModelItem {
  ItemId id;
  UserId author;
  OrgId sender;
  Tlp tlp;
  Audience a;
  std::string word;
  domain::AttachmentId attachment;
  bool draft = false;    // saved as a draft and never published (or returned by the approver)
  bool pending = false;  // awaiting approval (決裁待ち), never approved
  int from = -1;         // a relay (展開) of items[from]
  size_t exercise = 0;   // 1 + the index of its exercise in `exercises`; 0 for a real item
  int clearance = 0;     // the clearance a reader must hold (issue 21); 0: none
};
// An exercise of the leak test: its creator, players (as an audience) and the people and
// organisations taking other roles.
struct ModelExercise {
  domain::ExerciseId id;
  UserId creator;
  OrgId org;
  Audience players;
  std::vector<UserId> people;  // controllers / observers named in person
  std::vector<OrgId> observers;
};

// The leak test's scenario: a contact check and a question set after it, titled with a
// search word, so a leak into search would show.
constexpr const char* kLeakScenario = R"(
id = "leak"
version = "1"
mode = "comms_check"
name_ja = "漏えい試験"
name_en = "Leak test"
[[inject]]
id = "first"
kind = "contact_check"
at_minutes = 0
title_ja = "標的型の疎通確認"
body_ja = "受信を確認してください。"
action_ja = "確認してください。"
deadline_minutes = 60
[[inject]]
id = "second"
kind = "question_set"
after = "first"
title_ja = "標的型の振り返り"
body_ja = "振り返り"
tlp = "GREEN"
[[inject.question]]
theme = "supply_chain"
ja = "手順書はあるか"
)";

class LeakTest : public SharingTest {};

TEST_P(LeakTest, EveryReadPathShowsExactlyWhatTheRulesAllow) {
  std::mt19937 rng(20261122);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  // Sectors of their own, so the world's organisations are never in an audience.
  const std::vector<std::string> sectors = {"water", "rail", "port"};
  const std::vector<std::string> words = {"停電", "ランサム", "標的型", "脆弱性", "ＤＤｏＳ"};
  std::vector<ModelOrg> orgs;
  std::vector<ModelUser> users;
  std::map<std::int64_t, OrgId> secretariat;  // hub -> secretariat org
  std::vector<HubId> hubs;
  // Clearances: user -> (level, valid until); organisation -> certified until.
  constexpr Millis kHour = 3'600'000, kYear = 365 * 24 * kHour;
  const Millis t0 = clock_.now_ms(), t1 = t0 + 2 * kHour;
  std::map<std::int64_t, std::pair<int, Millis>> clr;
  std::map<std::int64_t, Millis> cert;
  auto cleared_level = [&](UserId user, OrgId org, Millis at) {
    auto c = clr.find(user.value);
    auto h = cert.find(org.value);
    if (c == clr.end() || h == cert.end() || c->second.second <= at || h->second <= at) return 0;
    return c->second.first;
  };
  Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(s.directory.UpsertSector({"water", "水道", "Water", 3, w_.meti}));
    RENKEI_RETURN_IF_ERROR(s.directory.UpsertSector({"rail", "鉄道", "Railway", 4, w_.meti}));
    RENKEI_RETURN_IF_ERROR(s.directory.UpsertSector({"port", "港湾", "Ports", 5, w_.meti}));
    for (int h = 0; h < 3; ++h) {
      ModelOrg sec{AddOrg(s, "事務局" + std::to_string(h), "hub_secretariat", {sectors[h]}, {}),
                   {sectors[h]},
                   {}};
      domain::Hub hub;
      hub.code = "leak-hub-" + std::to_string(h);
      hub.kind = "ceptoar";
      hub.name_ja = hub.name_en = hub.code;
      hub.sector_ids = {sectors[h]};
      hub.secretariat_org_id = sec.id;
      RENKEI_ASSIGN_OR_RETURN(HubId id, s.directory.CreateHub(hub));
      hubs.push_back(id);
      secretariat[id.value] = sec.id;
      orgs.push_back(sec);
    }
    for (int o = 0; o < 24; ++o) {
      ModelOrg m;
      m.sectors = {sectors[pick(3)]};
      if (pick(4) == 0) m.sectors.push_back(sectors[pick(3)]);
      std::sort(m.sectors.begin(), m.sectors.end());
      m.sectors.erase(std::unique(m.sectors.begin(), m.sectors.end()), m.sectors.end());
      if (pick(2) == 0) m.hubs.push_back(hubs[pick(3)]);
      m.id = AddOrg(s, "事業者" + std::to_string(o), "operator", m.sectors, m.hubs);
      orgs.push_back(m);
    }
    const Role roles[] = {Role::kMember, Role::kMember, Role::kHubAnalyst, Role::kMinistryOfficer};
    for (size_t o = 0; o < orgs.size(); ++o) {
      // The secretariats: two analysts (publishers) and a member, who sees no draft.
      const int n = o < 3 ? 3 : 1 + static_cast<int>(pick(3));
      for (int k = 0; k < n; ++k) {
        ModelUser u;
        u.org = orgs[o].id;
        u.roles = {o < 3 ? (k < 2 ? Role::kHubAnalyst : Role::kMember) : roles[pick(4)]};
        u.id =
            AddUser(s, u.org, "u" + std::to_string(o) + "-" + std::to_string(k) + "@leak.example",
                    u.roles[0]);
        users.push_back(u);
      }
    }
    // Clearances (issue 21): certified organisations and cleared people, some of whose
    // validity ends between the publications (at t0) and the reads (at t1).
    for (const auto& o : orgs) {
      if (pick(3) == 0) continue;
      const Millis until = pick(4) == 0 ? t0 + kHour : t0 + kYear;
      cert[o.id.value] = until;
      domain::Certification h;
      h.org_id = o.id;
      h.valid_until = until;
      h.certified_by = users.front().id;
      h.certified_at = t0;
      RENKEI_RETURN_IF_ERROR(s.directory.PutCertification(h));
    }
    for (const auto& u : users) {
      if (pick(u.roles[0] == Role::kHubAnalyst ? 4 : 2) == 0) continue;
      const int level = 1 + static_cast<int>(pick(2));
      const Millis until = pick(4) == 0 ? t0 + kHour : t0 + kYear;
      clr[u.id.value] = {level, until};
      domain::Clearance c;
      c.user_id = u.id;
      c.level = level;
      c.valid_until = until;
      c.granted_by = u.id;
      c.granted_at = t0;
      RENKEI_RETURN_IF_ERROR(s.directory.PutClearance(c));
    }
    // 決裁: the second secretariat's AMBER+STRICT and RED items wait for approval.
    RENKEI_ASSIGN_OR_RETURN(auto approving, s.directory.GetOrganisation(orgs[1].id));
    approving->requires_approval = true;
    return s.directory.UpdateOrganisation(*approving);
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  // Publishers: the secretariats' analysts.
  std::vector<ModelUser> publishers;
  for (const auto& u : users)
    if ((u.org == orgs[0].id || u.org == orgs[1].id || u.org == orgs[2].id) &&
        u.roles[0] == Role::kHubAnalyst)
      publishers.push_back(u);

  // Live events: every person subscribes before anything is published.
  domain::EventRules rules;
  domain::RegisterItemEvents(rules, clock_);
  domain::EventHub live(*tx_, std::move(rules), {}, 3'600'000);
  svc_ = std::make_unique<domain::SharingService>(*tx_, clock_, nullptr, &live);
  std::mutex heard_mu;
  std::map<std::int64_t, std::set<std::int64_t>> heard;  // user -> items announced to them
  for (const auto& u : users) {
    live.Subscribe(P(u.id), [&heard_mu, &heard, id = u.id.value](const domain::Event& e) {
      std::lock_guard lock(heard_mu);
      if (e.subject_kind == "item" && e.kind == "published") heard[id].insert(e.subject_id);
      return true;
    });
  }

  const Tlp labels[] = {Tlp::kClear, Tlp::kGreen, Tlp::kAmber, Tlp::kAmberStrict, Tlp::kRed};
  std::vector<ModelItem> items;
  for (int i = 0; i < 300; ++i) {
    ModelItem m;
    const ModelUser& author = publishers[pick(publishers.size())];
    m.author = author.id;
    m.sender = author.org;
    m.tlp = labels[pick(5)];
    m.word = words[pick(words.size())];
    const bool strict = m.tlp == Tlp::kAmberStrict;
    if (m.tlp == Tlp::kRed) {
      for (int k = 0, n = 1 + static_cast<int>(pick(3)); k < n; ++k)
        m.a.user_ids.push_back(users[pick(users.size())].id);
    } else {
      if (!strict && pick(2) == 0) m.a.sector_ids.push_back(sectors[pick(3)]);
      if (!strict && pick(3) == 0) m.a.hub_ids.push_back(hubs[pick(3)]);
      if (strict || pick(3) == 0 ||
          (m.tlp != Tlp::kClear && m.a.sector_ids.empty() && m.a.hub_ids.empty())) {
        for (int k = 0, n = 1 + static_cast<int>(pick(3)); k < n; ++k)
          m.a.org_ids.push_back(orgs[pick(orgs.size())].id);
      }
      if (pick(4) == 0) {
        m.a.roles.push_back(pick(2) ? Role::kMember : Role::kHubAnalyst);
        // Sometimes two roles: deliveries go to holders of either.
        if (pick(3) == 0) m.a.roles.push_back(Role::kMinistryOfficer);
      }
    }
    auto dedupe = [](auto& v) {
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
    };
    dedupe(m.a.user_ids);
    dedupe(m.a.org_ids);
    // Some require a clearance their author holds now (issue 21).
    if (const int mine = cleared_level(m.author, m.sender, t0);
        mine > 0 && m.tlp != Tlp::kClear && pick(3) == 0)
      m.clearance = 1 + static_cast<int>(pick(static_cast<size_t>(mine)));
    NewItem in = Alert(m.tlp, m.a, "件名" + std::to_string(i) + m.word + "について");
    in.clearance = m.clearance;
    // 決裁 (issue 16): what needs approval waits after publishing; then it stays waiting,
    // the organisation's other publisher approves it, or returns it (a draft again).
    const bool needs_approval = m.sender == orgs[1].id && (strict || m.tlp == Tlp::kRed);
    UserId colleague = m.author;
    for (const auto& u : publishers)
      if (u.org == m.sender && u.id != m.author) colleague = u.id;
    auto decide = [&]() {
      if (!needs_approval) return;
      size_t how = pick(3);
      // Only someone cleared for it may approve (and so see) what requires a clearance.
      if (how == 1 && cleared_level(colleague, m.sender, t0) < m.clearance) how = 0;
      if (how == 0) {
        m.pending = true;
      } else if (how == 1) {
        auto ok = svc_->Approve({P(colleague), ""}, m.id);
        ASSERT_TRUE(ok.ok()) << ok.status().Describe();
      } else {
        auto back = svc_->Return({P(colleague), ""}, m.id, "差戻し");
        ASSERT_TRUE(back.ok()) << back.status().Describe();
        m.draft = true;
      }
    };
    // Drafts (issue 16): some stay drafts, some are published later — by the author or,
    // below RED, the organisation's other publisher (not what needs approval: its author
    // submits it).
    const size_t way = pick(8);
    if (way < 2) {
      auto d = svc_->SaveDraft({P(m.author), ""}, in);
      ASSERT_TRUE(d.ok()) << d.status().Describe();
      m.id = d->item.id;
      m.draft = way == 0;
      if (!m.draft) {
        const UserId by = m.tlp != Tlp::kRed && !needs_approval &&
                                  cleared_level(colleague, m.sender, t0) >= m.clearance
                              ? colleague
                              : m.author;
        auto pub = svc_->PublishDraft({P(by), ""}, m.id);
        ASSERT_TRUE(pub.ok()) << pub.status().Describe();
        decide();
      }
      items.push_back(m);
      continue;
    }
    m.id = Publish(m.author, in);
    ASSERT_TRUE(m.id.valid());
    decide();
    if (!m.pending && !m.draft && pick(4) == 0) {
      auto att =
          svc_->AddAttachment({P(m.author), ""}, m.id, "ioc.txt", "text/plain", "198.51.100.7\n");
      ASSERT_TRUE(att.ok()) << att.status().Describe();
      m.attachment = att->id;
    }
    items.push_back(m);
  }

  // Exercises (invariant 7): a few, each with random players, firing both injects at once;
  // their items must show in no real list, count, search or rate, only in the exercise's
  // own view, and only to the exercise's people.
  auto catalog = domain::ScenarioCatalog::Parse({{"leak.toml", kLeakScenario}});
  ASSERT_TRUE(catalog.ok()) << catalog.status().Describe();
  // Its own sharing service: svc_ is replaced below, and this one must outlive the checks.
  domain::SharingService exercise_sharing(*tx_, clock_, nullptr, &live);
  domain::ExerciseService exercise_svc(*tx_, clock_, *catalog, exercise_sharing, &live);
  std::vector<ModelExercise> exercises;
  for (int e = 0; e < 5; ++e) {
    ModelExercise x;
    const ModelUser& creator = publishers[pick(publishers.size())];
    x.creator = creator.id;
    x.org = creator.org;
    domain::NewExercise in;
    in.scenario_id = "leak";
    const std::string sector = sectors[pick(3)];
    if (pick(2) == 0) {
      x.players.sector_ids.push_back(sector);
      in.participants.push_back(
          {domain::ParticipantKind::kSector, sector, domain::ParticipantRole::kPlayer});
    }
    const HubId hub = hubs[pick(3)];
    if (pick(2) == 0 || x.players.sector_ids.empty()) {
      x.players.hub_ids.push_back(hub);
      in.participants.push_back({domain::ParticipantKind::kHub, std::to_string(hub.value),
                                 domain::ParticipantRole::kPlayer});
    }
    const OrgId player = orgs[3 + pick(orgs.size() - 3)].id;
    x.players.org_ids.push_back(player);
    in.participants.push_back({domain::ParticipantKind::kOrganisation, std::to_string(player.value),
                               domain::ParticipantRole::kPlayer});
    const OrgId observer = orgs[3 + pick(orgs.size() - 3)].id;
    if (observer != player) {
      x.observers.push_back(observer);
      in.participants.push_back({domain::ParticipantKind::kOrganisation,
                                 std::to_string(observer.value),
                                 domain::ParticipantRole::kObserver});
    }
    const UserId person = users[pick(users.size())].id;
    x.people.push_back(person);
    in.participants.push_back({domain::ParticipantKind::kUser, std::to_string(person.value),
                               domain::ParticipantRole::kController});
    auto made = exercise_svc.Create({P(x.creator), ""}, in);
    ASSERT_TRUE(made.ok()) << made.status().Describe();
    x.id = made->exercise.id;
    ASSERT_TRUE(exercise_svc.Start({P(x.creator), ""}, x.id).ok());
    exercises.push_back(x);
  }
  auto fired = exercise_svc.Tick();
  ASSERT_TRUE(fired.ok()) << fired.status().Describe();
  EXPECT_EQ(*fired, 10);  // both injects of each, the second triggered by the first
  for (size_t e = 0; e < exercises.size(); ++e) {
    std::vector<domain::ExerciseInject> injects;
    ASSERT_TRUE(tx_->Run(domain::TxMode::kRead,
                         [&](domain::Stores& s) -> Status {
                           RENKEI_ASSIGN_OR_RETURN(injects, s.exercises.Injects(exercises[e].id));
                           return Status::Ok();
                         })
                    .ok());
    for (const auto& inj : injects) {
      ASSERT_EQ(inj.state, "fired");
      ModelItem m;
      m.id = ItemId(inj.item_id);
      m.author = exercises[e].creator;
      m.sender = exercises[e].org;
      m.tlp = inj.inject.id == "first" ? Tlp::kAmber : Tlp::kGreen;
      m.a = exercises[e].players;
      m.word = "標的型";
      m.exercise = e + 1;
      items.push_back(m);
    }
  }

  // The written rules (AccessPolicy's header), implemented independently here.
  auto recipient_org = [&](const ModelItem& m, const ModelOrg& o) {
    for (const auto& s : m.a.sector_ids)
      if (std::count(o.sectors.begin(), o.sectors.end(), s)) return true;
    for (HubId h : m.a.hub_ids)
      if (std::count(o.hubs.begin(), o.hubs.end(), h) || secretariat[h.value] == o.id) return true;
    return std::count(m.a.org_ids.begin(), m.a.org_ids.end(), o.id) > 0;
  };
  auto role_ok = [](const ModelItem& m, const ModelUser& u) {
    if (m.a.roles.empty()) return true;
    for (Role r : u.roles)
      if (std::count(m.a.roles.begin(), m.a.roles.end(), r)) return true;
    return false;
  };
  auto org_of = [&](OrgId id) -> const ModelOrg& {
    return *std::find_if(orgs.begin(), orgs.end(), [&](const ModelOrg& o) { return o.id == id; });
  };
  auto publisher = [](const ModelUser& u) {
    return std::count(u.roles.begin(), u.roles.end(), Role::kHubAnalyst) +
               std::count(u.roles.begin(), u.roles.end(), Role::kMinistryOfficer) >
           0;
  };
  // The clearance clause (issue 21), at the instant of the read: what requires a
  // clearance only to people cleared for it then, the author included.
  auto cleared = [&](const ModelItem& m, const ModelUser& u, Millis at) {
    return m.clearance == 0 || cleared_level(u.id, u.org, at) >= m.clearance;
  };
  // Deliveries are made at publication (t0), to people cleared then.
  auto delivered = [&](const ModelItem& m, const ModelUser& u) {
    if (m.draft || m.pending || u.id == m.author || !cleared(m, u, t0)) return false;
    if (m.tlp == Tlp::kRed) return std::count(m.a.user_ids.begin(), m.a.user_ids.end(), u.id) > 0;
    return recipient_org(m, org_of(u.org)) && role_ok(m, u);
  };
  // ExerciseService's rule: the creator organisation's runners, and every participant.
  auto in_exercise = [&](const ModelExercise& x, const ModelUser& u) {
    if (u.org == x.org) return true;  // the creator's organisation (its runners control)
    ModelItem as_audience;
    as_audience.a = x.players;
    if (recipient_org(as_audience, org_of(u.org))) return true;
    return std::count(x.people.begin(), x.people.end(), u.id) > 0 ||
           std::count(x.observers.begin(), x.observers.end(), u.org) > 0;
  };
  auto visible_without_clearance = [&](const ModelItem& m, const ModelUser& u) {
    // A draft: its author, and below RED its organisation's publishers; nobody else.
    if (m.draft)
      return u.id == m.author || (m.tlp != Tlp::kRed && u.org == m.sender && publisher(u));
    // Awaiting approval: its author and its organisation's publishers, RED too.
    if (m.pending) return u.id == m.author || (u.org == m.sender && publisher(u));
    if (u.id == m.author || m.tlp == Tlp::kClear) return true;
    if (m.tlp == Tlp::kRed) return std::count(m.a.user_ids.begin(), m.a.user_ids.end(), u.id) > 0;
    return u.org == m.sender || (recipient_org(m, org_of(u.org)) && role_ok(m, u));
  };
  // Reads happen at t1 (after some clearances and certifications ended); live events were
  // decided when they happened, at t0.
  auto visible_at = [&](const ModelItem& m, const ModelUser& u, Millis at) {
    return visible_without_clearance(m, u) && cleared(m, u, at);
  };
  auto visible = [&](const ModelItem& m, const ModelUser& u) { return visible_at(m, u, t1); };

  // Relays (展開, issue 17): recipients pass items on down their own chain — a hub
  // secretariat's analyst to its hub or the hub's members, anyone else to their own
  // organisation — under the same label or a stricter one; some relays of relays; and
  // attempts outside the chain, refused with nothing written. Relayed items then go
  // through every read path below like any other.
  auto staffed_hub = [&](const ModelUser& u) -> std::optional<HubId> {
    for (int h = 0; h < 3; ++h)
      if (u.org == orgs[static_cast<size_t>(h)].id && u.roles[0] == Role::kHubAnalyst)
        return hubs[static_cast<size_t>(h)];
    return std::nullopt;
  };
  size_t relays = 0, refused_outside = 0, refused_classified = 0;
  for (int attempt = 0; attempt < 400 && relays < 80; ++attempt) {
    const size_t from = pick(items.size());
    const ModelItem& src = items[from];
    if (src.draft || src.pending || src.tlp == Tlp::kRed) continue;
    std::vector<const ModelUser*> got;
    for (const auto& u : users)
      if (delivered(src, u)) got.push_back(&u);
    if (got.empty()) continue;
    const ModelUser& u = *got[pick(got.size())];
    if (src.clearance != 0) {
      // What requires a clearance is never relayed (issue 21).
      domain::RelayInput in;
      in.tlp = src.tlp;
      in.audience.org_ids = {u.org};
      auto r = svc_->Relay({P(u.id), ""}, src.id, in);
      EXPECT_EQ(r.status().code(), "clearance_not_relayable") << "relay of " << src.id.value;
      ++refused_classified;
      continue;
    }
    if (src.exercise) {
      // An exercise's item never becomes a real one (invariant 7): refused, nothing written.
      domain::RelayInput in;
      in.tlp = src.tlp;
      in.audience.org_ids = {u.org};
      auto r = svc_->Relay({P(u.id), ""}, src.id, in);
      EXPECT_EQ(r.status().code(), "relay_exercise_item")
          << "relay of exercise item " << src.id.value;
      continue;
    }
    ModelItem m;
    m.author = u.id;
    m.sender = u.org;
    m.from = static_cast<int>(from);
    m.word = src.word;
    m.tlp = static_cast<Tlp>(static_cast<int>(src.tlp) +
                             static_cast<int>(pick(4 - static_cast<size_t>(src.tlp))));
    const auto hub = staffed_hub(u);
    if (hub && m.tlp != Tlp::kAmberStrict && pick(2) == 0) {
      m.a.hub_ids = {*hub};
    } else {
      m.a.org_ids = {u.org};
      if (hub)
        for (const auto& o : orgs)
          if (std::count(o.hubs.begin(), o.hubs.end(), *hub) && pick(3) == 0)
            m.a.org_ids.push_back(o.id);
    }
    if (pick(4) == 0) m.a.roles = {Role::kMember};
    domain::RelayInput in;
    in.tlp = m.tlp;
    in.audience = m.a;
    in.note = "展開" + std::to_string(attempt);
    if (pick(5) == 0) {
      // Outside the chain: an organisation neither its own nor a member of its hub.
      for (const auto& o : orgs) {
        if (o.id == u.org || (hub && std::count(o.hubs.begin(), o.hubs.end(), *hub))) continue;
        domain::RelayInput bad = in;
        bad.audience.hub_ids.clear();
        bad.audience.org_ids = {o.id};
        auto r = svc_->Relay({P(u.id), ""}, src.id, bad);
        EXPECT_FALSE(r.ok()) << "relay outside the chain by user " << u.id.value;
        if (!r.ok()) {
          EXPECT_EQ(r.status().kind(), Kind::kPermissionDenied);
        }
        ++refused_outside;
        break;
      }
    }
    auto r = svc_->Relay({P(u.id), ""}, src.id, in);
    ASSERT_TRUE(r.ok()) << r.status().Describe();
    m.id = r->view.item.id;
    items.push_back(m);
    ++relays;
  }
  EXPECT_GT(relays, 40u);
  EXPECT_GT(refused_outside, 3u);
  EXPECT_GT(refused_classified, 3u);

  live.WaitIdle();
  svc_ = std::make_unique<domain::SharingService>(*tx_, clock_);
  // The reads: after the short clearances and certifications ended.
  clock_.set(t1);

  // The public page: never an exercise item (nor anything not made public).
  auto pub = svc_->ListPublic(domain::ItemFilter{});
  ASSERT_TRUE(pub.ok());
  for (const auto& it : pub->items) EXPECT_EQ(it.exercise_id, 0);

  // Mail goes exactly to the delivered people (everyone wants immediate mail here).
  std::set<std::int64_t> expected_mail;
  for (const auto& m : items)
    for (const auto& u : users)
      if (delivered(m, u)) expected_mail.insert(u.id.value);
  EXPECT_EQ(Outbox(), expected_mail);

  // The STIX ids of the items' reports or notes and of the organisations' identities.
  std::map<std::string, std::int64_t> stix_item, stix_org;
  for (const auto& m : items) {
    for (auto t : {domain::stix::Type::kNote, domain::stix::Type::kReport})
      stix_item[domain::stix::StixId(t, "item/" + std::to_string(m.id.value))] = m.id.value;
  }
  for (const auto& o : orgs)
    stix_org[domain::stix::StixId(domain::stix::Type::kIdentity,
                                  "organisation/" + std::to_string(o.id.value))] = o.id.value;

  size_t visible_pairs = 0;
  for (const auto& u : users) {
    const domain::Principal p = P(u.id);
    std::set<std::int64_t> want_all, want_inbox, want_word, want_drafts, want_get, want_pending,
        want_heard, want_exported, want_exported_inbox;
    std::map<size_t, std::set<std::int64_t>> want_exercise;  // exercise index -> its items
    for (const auto& m : items) {
      if (!m.draft && !m.pending && visible_at(m, u, t0)) want_heard.insert(m.id.value);
      if (!visible(m, u)) continue;
      want_get.insert(m.id.value);
      if (m.exercise) {  // only in the exercise's own view
        want_exercise[m.exercise - 1].insert(m.id.value);
        continue;
      }
      if (m.draft || (m.pending && m.author == u.id)) {
        want_drafts.insert(m.id.value);
        continue;
      }
      if (m.pending) {
        want_pending.insert(m.id.value);
        continue;
      }
      want_all.insert(m.id.value);
      if (delivered(m, u)) want_inbox.insert(m.id.value);
      // What requires a clearance is never found by a search, exported or served (issue 21).
      if (m.clearance != 0) continue;
      if (m.word == "標的型") want_word.insert(m.id.value);
      want_exported.insert(m.id.value);
      if (delivered(m, u)) want_exported_inbox.insert(m.id.value);
    }
    visible_pairs += want_all.size();
    auto list = [&](domain::ItemFilter f) {
      std::set<std::int64_t> got;
      f.limit = 37;  // several pages
      for (;;) {
        auto page = svc_->List(p, f);
        EXPECT_TRUE(page.ok());
        if (!page.ok()) break;
        for (const auto& it : page->items) {
          got.insert(it.id.value);
          // Lists never carry the title of what requires a clearance.
          if (it.clearance != 0) {
            EXPECT_EQ(it.content.title, "") << "title listed, item " << it.id.value;
          }
        }
        if (!page->next_before_id) break;
        f.before_id = *page->next_before_id;
      }
      return got;
    };
    domain::ItemFilter all;
    all.scope = "all";
    EXPECT_EQ(list(all), want_all) << "list, user " << u.id.value;
    EXPECT_EQ(heard[u.id.value], want_heard) << "live events, user " << u.id.value;
    EXPECT_EQ(list(domain::ItemFilter{}), want_inbox) << "inbox, user " << u.id.value;
    domain::ItemFilter search = all;
    search.query_folded = FoldForSearch("標的型");
    EXPECT_EQ(list(search), want_word) << "search, user " << u.id.value;
    domain::ItemFilter drafts;
    drafts.scope = "drafts";
    EXPECT_EQ(list(drafts), want_drafts) << "drafts, user " << u.id.value;
    domain::ItemFilter pending;
    pending.scope = "pending";
    EXPECT_EQ(list(pending), want_pending) << "決裁待ち, user " << u.id.value;
    auto awaiting = svc_->AwaitingApproval(p);
    ASSERT_TRUE(awaiting.ok());
    if (u.org == orgs[1].id && publisher(u)) {
      EXPECT_EQ(awaiting->value_or(-1), static_cast<std::int64_t>(want_pending.size()))
          << "決裁待ち tile, user " << u.id.value;
    } else {
      EXPECT_FALSE(awaiting->has_value()) << "no 決裁待ち tile, user " << u.id.value;
    }
    auto counts = svc_->Counts(p);
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->inbox, static_cast<std::int64_t>(want_inbox.size()));
    // STIX 2.1 (issue 18): the list's bundle holds exactly the list's items, each made by
    // its sender's identity and no other organisation named.
    auto stix_items = [&](const domain::stix::Bundle& b, std::set<std::int64_t>* senders) {
      std::set<std::int64_t> got;
      for (const auto& o : b.objects) {
        if (o.type == domain::stix::Type::kIdentity) {
          if (senders) senders->insert(stix_org.at(o.id));
          continue;
        }
        if (o.type != domain::stix::Type::kNote && o.type != domain::stix::Type::kReport) continue;
        EXPECT_TRUE(stix_item.count(o.id)) << o.id;
        if (stix_item.count(o.id)) got.insert(stix_item.at(o.id));
      }
      return got;
    };
    {
      std::set<std::int64_t> senders, want_senders;
      for (const auto& m : items)
        if (want_exported.count(m.id.value)) want_senders.insert(m.sender.value);
      auto b = svc_->ExportStixList({p, ""}, all, {"stix", {}});
      ASSERT_TRUE(b.ok()) << b.status().Describe();
      EXPECT_EQ(stix_items(*b, &senders), want_exported) << "STIX list, user " << u.id.value;
      EXPECT_EQ(senders, want_senders) << "STIX identities, user " << u.id.value;
      auto inbox = svc_->ExportStixList({p, ""}, domain::ItemFilter{}, {"stix", {}});
      ASSERT_TRUE(inbox.ok());
      EXPECT_EQ(stix_items(*inbox, nullptr), want_exported_inbox)
          << "STIX inbox, user " << u.id.value;
      auto refused = svc_->ExportStixList({p, ""}, drafts, {"stix", {}});
      EXPECT_EQ(refused.status().kind(), Kind::kInvalidArgument);
    }
    // TAXII 2.1 (issue 18): both collections, read page by page with the cursor, hold
    // exactly the objects of the STIX list export (the same rule, the same indicators read in
    // one query), and 自組織が発信 only the caller's organisation's items.
    {
      auto taxii_objects = [&](bool sent_only) {
        std::map<std::string, Millis> got;
        auto feed = svc_->TaxiiFeed(p, sent_only);
        EXPECT_TRUE(feed.ok()) << feed.status().Describe();
        if (!feed.ok()) return got;
        domain::stix::FeedQuery q;
        q.limit = 7;  // several pages
        for (int guard = 0; guard < 10000; ++guard) {
          auto page = domain::stix::SelectPage(*feed, q);
          for (const auto* e : page.entries) {
            if (e->marking) continue;
            EXPECT_TRUE(got.emplace(e->object.id, e->date_added).second)
                << "served twice: " << e->object.id;
          }
          if (!page.more) break;
          q.after = page.next;
        }
        return got;
      };
      auto b = svc_->ExportStixList({p, ""}, all, {"stix", {}});
      ASSERT_TRUE(b.ok());
      std::set<std::string> want_ids, got_ids;
      for (const auto& o : b->objects) want_ids.insert(o.id);
      for (const auto& [id, added] : taxii_objects(false)) got_ids.insert(id);
      EXPECT_EQ(got_ids, want_ids) << "TAXII 受信した情報, user " << u.id.value;
      std::set<std::int64_t> want_sent, got_sent;
      for (const auto& m : items)
        if (want_exported.count(m.id.value) && m.sender == u.org) want_sent.insert(m.id.value);
      for (const auto& [id, added] : taxii_objects(true))
        if (stix_item.count(id)) got_sent.insert(stix_item.at(id));
      EXPECT_EQ(got_sent, want_sent) << "TAXII 自組織が発信, user " << u.id.value;
    }
    // The home page's rates: real items only.
    auto rates = svc_->SentRates(p, 0);
    ASSERT_TRUE(rates.ok());
    for (const auto& r : *rates) {
      EXPECT_TRUE(want_all.count(r.item.id.value)) << "sent rates, item " << r.item.id.value;
    }
    auto by_sector = svc_->SentRatesBySector(p, 0);
    ASSERT_TRUE(by_sector.ok());
    // The exercises' own views: the exercise's items the person may see, and 404 for
    // anyone outside the exercise.
    for (size_t e = 0; e < exercises.size(); ++e) {
      auto mine = exercise_svc.Items(p, exercises[e].id);
      if (!in_exercise(exercises[e], u)) {
        EXPECT_EQ(mine.status().kind(), Kind::kNotFound)
            << "exercise " << e << " user " << u.id.value;
        EXPECT_EQ(want_exercise[e].size(), 0u) << "an outsider sees an exercise item";
        continue;
      }
      ASSERT_TRUE(mine.ok()) << mine.status().Describe();
      std::set<std::int64_t> got;
      for (const auto& it : mine->items) {
        got.insert(it.id.value);
        EXPECT_TRUE(it.content.title.starts_with(domain::kExerciseMark));
      }
      EXPECT_EQ(got, want_exercise[e]) << "exercise " << e << " items, user " << u.id.value;
    }
    for (const auto& m : items) {
      const bool may = want_get.count(m.id.value) == 1;
      auto stix = svc_->ExportStix({p, ""}, m.id, {"stix", {}});
      if (!may) {
        EXPECT_EQ(stix.status().kind(), Kind::kNotFound) << "STIX of item " << m.id.value;
      } else if (m.draft || m.pending || m.exercise || m.clearance != 0) {
        EXPECT_EQ(stix.status().kind(), Kind::kConflict) << "STIX of draft " << m.id.value;
      } else {
        ASSERT_TRUE(stix.ok()) << stix.status().Describe();
        EXPECT_EQ(stix_items(*stix, nullptr), std::set<std::int64_t>{m.id.value});
      }
      auto got = svc_->Get({p, ""}, m.id);
      EXPECT_EQ(got.ok(), may) << "get item " << m.id.value << " user " << u.id.value;
      if (!got.ok()) {
        EXPECT_EQ(got.status().kind(), Kind::kNotFound);
      }
      if (got.ok() && m.from >= 0) {
        // The provenance: one entry per item of the chain, each linked only if visible.
        std::vector<const ModelItem*> chain{&m};
        while (chain.back()->from >= 0) chain.push_back(&items[chain.back()->from]);
        std::reverse(chain.begin(), chain.end());
        ASSERT_EQ(got->provenance.size(), chain.size()) << "provenance of " << m.id.value;
        for (size_t k = 0; k < chain.size(); ++k) {
          EXPECT_EQ(got->provenance[k].item_id.has_value(), visible(*chain[k], u))
              << "provenance link " << k << " of item " << m.id.value << " for user " << u.id.value;
          if (got->provenance[k].item_id) {
            EXPECT_EQ(*got->provenance[k].item_id, chain[k]->id);
          }
        }
      }
      if (!m.draft && !m.pending && (m.from >= 0 || pick(8) == 0)) {
        // 展開状況: the item's managers, with exactly its subtree; 404 unseen, else 403.
        const bool manages =
            u.id == m.author || (m.tlp != Tlp::kRed && u.org == m.sender && publisher(u));
        auto hops = svc_->Relays(p, m.id);
        EXPECT_EQ(hops.ok(), may && manages)
            << "relays of " << m.id.value << " user " << u.id.value;
        if (!hops.ok()) {
          EXPECT_EQ(hops.status().kind(), may ? Kind::kPermissionDenied : Kind::kNotFound);
        } else {
          std::set<std::int64_t> want{m.id.value}, have;
          for (size_t k = 0; k < items.size(); ++k) {
            for (const ModelItem* at = &items[k]; at->from >= 0; at = &items[at->from]) {
              if (items[at->from].id == m.id) want.insert(items[k].id.value);
            }
          }
          for (const auto& h : hops->hops) have.insert(h.link.item_id.value);
          EXPECT_EQ(have, want) << "subtree of " << m.id.value;
        }
      }
      if (m.attachment.valid()) {
        auto att = svc_->GetAttachment({p, ""}, m.id, m.attachment);
        EXPECT_EQ(att.ok(), may) << "attachment of item " << m.id.value;
        if (att.ok()) {
          EXPECT_EQ(att->data, "198.51.100.7\n");
        }
      }
    }
  }
  // The test is only meaningful when both outcomes occur often, and items wait for approval.
  EXPECT_GE(std::count_if(items.begin(), items.end(), [](const ModelItem& m) { return m.pending; }),
            5);
  // And items requiring a clearance are common (issue 21).
  EXPECT_GE(std::count_if(items.begin(), items.end(),
                          [](const ModelItem& m) { return m.clearance != 0; }),
            20);
  EXPECT_GT(visible_pairs, items.size() * 5);
  EXPECT_LT(visible_pairs, items.size() * users.size() * 3 / 4);
}

INSTANTIATE_TEST_SUITE_P(Engines, SharingTest, RENKEI_ENGINES);
INSTANTIATE_TEST_SUITE_P(Engines, LeakTest, RENKEI_ENGINES);
INSTANTIATE_TEST_SUITE_P(Engines, ApprovalTest, RENKEI_ENGINES);
INSTANTIATE_TEST_SUITE_P(Engines, RevisionTest, RENKEI_ENGINES);
INSTANTIATE_TEST_SUITE_P(Engines, RevisionMigrationTest, RENKEI_ENGINES);

}  // namespace
}  // namespace renkei::testing
