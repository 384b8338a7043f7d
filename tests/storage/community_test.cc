// Regional security communities (issue 20) on both engines: who creates a community, the
// secretariat's members and practices, whom to approach, the board's visibility labels,
// events (capacity, duplicates, the past, concurrent registrations never over-book),
// experts and schemes searched with Japanese folding, requests tracked to their outcome,
// needs and seeds matched with the reasons, introductions (self, twice, withdrawn, contacts
// only once both agreed), and a randomized leak test over every read path of posts,
// requests, offers and introductions.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "core/time_format.h"
#include "domain/community/community_service.h"
#include "world.h"

namespace renkei::testing {
namespace {

using domain::CommunityId;
using domain::Role;

constexpr Millis kDay = 24LL * 3600 * 1000;

class CommunityTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    w_ = SeedWorld(*tx_);
    Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
      miyagi_ = AddOrg(s, "宮城県庁", "local_government", {}, {}, 4);
      kanagawa_ = AddOrg(s, "神奈川県庁", "local_government", {}, {}, 14);
      police_ = AddOrg(s, "宮城県警察本部", "local_government", {}, {}, 4);
      univ_ = AddOrg(s, "仙台工業高等専門学校", "vendor", {}, {}, 4);
      vendor_ = AddOrg(s, "株式会社杜の都セキュリティ", "vendor", {}, {}, 4);
      outsider_ = AddOrg(s, "関係のない株式会社", "operator", {}, {}, 13);
      iwate_co_ = AddOrg(s, "岩手精密株式会社", "sme", {}, {}, 3);
      pref_ = AddUser(s, miyagi_, "cyber@pref.miyagi.example", Role::kMember);
      pref2_ = AddUser(s, miyagi_, "kikaku@pref.miyagi.example", Role::kMember);
      kana_ = AddUser(s, kanagawa_, "cyber@pref.kanagawa.example", Role::kMember);
      cop_ = AddUser(s, police_, "cyber@police.miyagi.example", Role::kMember);
      prof_ = AddUser(s, univ_, "prof@sendai-nct.example", Role::kMember);
      sales_ = AddUser(s, vendor_, "sales@morinomiyako.example", Role::kMember);
      out_ = AddUser(s, outsider_, "someone@outsider.example", Role::kMember);
      iwate_ = AddUser(s, iwate_co_, "soumu@iwate-seimitsu.example", Role::kMember);
      for (int i = 0; i < 24; ++i)
        crowd_.push_back(AddUser(s, outsider_, "crowd" + std::to_string(i) + "@outsider.example",
                                 Role::kMember));
      return Status::Ok();
    });
    ASSERT_TRUE(st.ok()) << st.Describe();
    svc_ = std::make_unique<domain::CommunityService>(*tx_, clock_);
  }
  domain::Actor A(UserId id) { return {PrincipalOf(*tx_, id), "127.0.0.1"}; }
  domain::Principal P(UserId id) { return PrincipalOf(*tx_, id); }

  CommunityId Miyagi() {
    domain::NewCommunity in;
    in.prefecture = 4;
    in.name_ja = "宮城県サイバーセキュリティ協議会";
    in.name_en = "Miyagi Cyber Security Council";
    in.practices.purpose = "県内の中小企業と自治体のセキュリティ向上";
    auto c = svc_->Create(A(pref_), in);
    EXPECT_TRUE(c.ok()) << c.status().Describe();
    const CommunityId id = c.ok() ? c->community.id : CommunityId();
    EXPECT_TRUE(svc_->AddMember(A(pref_), id, police_, "police").ok());
    EXPECT_TRUE(svc_->AddMember(A(pref_), id, univ_, "academia").ok());
    EXPECT_TRUE(svc_->AddMember(A(pref_), id, vendor_, "vendor").ok());
    return id;
  }

  std::int64_t Event(CommunityId c, std::int64_t capacity, Millis in = 7 * kDay) {
    domain::NewEvent e;
    e.title = "中小企業向けセキュリティセミナー";
    e.place = "仙台市情報・産業プラザ";
    e.starts_at = clock_.now_ms() + in;
    e.ends_at = e.starts_at + 2 * 3600 * 1000;
    e.capacity = capacity;
    auto ev = svc_->CreateEvent(A(pref_), c, e);
    EXPECT_TRUE(ev.ok()) << ev.status().Describe();
    return ev.ok() ? ev->id : 0;
  }

  std::int64_t Offer(UserId who, std::string kind, std::string title, std::string body,
                     std::vector<std::string> tags, int pref, std::string sector = "") {
    domain::OfferIn in;
    in.kind = std::move(kind);
    in.title = std::move(title);
    in.body = std::move(body);
    in.tags = std::move(tags);
    in.prefecture = pref;
    in.sector = std::move(sector);
    in.contact = "窓口 " + std::to_string(who.value) + "@contact.example";
    auto o = svc_->Post(A(who), in);
    EXPECT_TRUE(o.ok()) << o.status().Describe();
    return o.ok() ? o->id : 0;
  }

  ManualClock clock_{*ParseRfc3339("2026-11-02T10:00:00+09:00")};
  World w_;
  OrgId miyagi_, kanagawa_, police_, univ_, vendor_, outsider_, iwate_co_;
  UserId pref_, pref2_, kana_, cop_, prof_, sales_, out_, iwate_;
  std::vector<UserId> crowd_;
  std::unique_ptr<domain::CommunityService> svc_;
};

TEST_P(CommunityTest, APrefecturesGovernmentCreatesItsOwnCommunityAndNoOneElseUnasked) {
  domain::NewCommunity in;
  in.prefecture = 14;
  in.name_ja = "神奈川県中小企業サイバー連携会議";
  // 宮城県庁 may not create 神奈川県's community; an operator none; nothing is written.
  auto other = svc_->Create(A(pref_), in);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().kind(), Kind::kPermissionDenied);
  EXPECT_EQ(other.status().code(), "community_own_prefecture_only");
  auto op = svc_->Create(A(w_.member1), in);
  EXPECT_EQ(op.status().code(), "community_create_not_allowed");
  EXPECT_EQ(Rows("communities"), 0);
  EXPECT_EQ(Rows("audit_log WHERE action = 'community.create'"), 0);
  // The ministry's bureau may, anywhere; its organisation is the secretariat.
  auto meti = svc_->Create(A(w_.officer), in);
  ASSERT_TRUE(meti.ok()) << meti.status().Describe();
  EXPECT_EQ(meti->community.secretariat_org_id, w_.meti);
  EXPECT_TRUE(meti->is_secretariat);
  // An administrator names the secretariat.
  in.prefecture = 27;
  in.name_ja = "大阪府サイバーセキュリティ連絡会";
  auto unnamed = svc_->Create(A(w_.admin), in);
  EXPECT_EQ(unnamed.status().field(), "secretariat_org_id");
  in.secretariat = kanagawa_;
  auto admin = svc_->Create(A(w_.admin), in);
  ASSERT_TRUE(admin.ok()) << admin.status().Describe();
  EXPECT_EQ(admin->community.secretariat_org_id, kanagawa_);
  EXPECT_FALSE(admin->is_secretariat) << "the administrator does not run it";
  in.prefecture = 48;
  EXPECT_EQ(svc_->Create(A(w_.admin), in).status().code(), "out_of_range");
  EXPECT_EQ(Rows("communities"), 2);
}

TEST_P(CommunityTest, TheSecretariatManagesMembersAndPracticesAndOthersAreRefused) {
  const CommunityId c = Miyagi();
  auto d = svc_->Get(nullptr, c);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->members.size(), 3u);
  EXPECT_EQ(d->community.member_counts[1], 1) << "police";
  EXPECT_EQ(d->community.member_counts[2], 1) << "academia";
  EXPECT_FALSE(d->is_member) << "anonymous";
  // A second time: 409; a member or an outsider may not add: 403; nothing written.
  auto twice = svc_->AddMember(A(pref2_), c, police_, "police");
  EXPECT_EQ(twice.status().code(), "community_member_exists");
  EXPECT_EQ(svc_->AddMember(A(cop_), c, outsider_, "enterprise").status().code(),
            "community_secretariat_only");
  EXPECT_EQ(svc_->AddMember(A(pref_), c, outsider_, "mayor").status().code(), "invalid_value");
  EXPECT_EQ(Rows("community_members"), 3);
  domain::Practices p;
  p.purpose = "県内の中小企業と自治体のセキュリティ向上";
  p.activities = "事例共有会、演習";
  p.frequency = "四半期ごと";
  p.what_worked = "県警と高専の合同勉強会";
  p.open_issues = "参加企業の裾野拡大";
  EXPECT_EQ(svc_->SetPractices(A(sales_), c, p).status().kind(), Kind::kPermissionDenied);
  ASSERT_TRUE(svc_->SetPractices(A(pref2_), c, p).ok());
  // The comparison across communities lists the practices with the members by kind.
  auto all = svc_->List(0, "");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].practices.what_worked, "県警と高専の合同勉強会");
  EXPECT_EQ((*all)[0].member_count, 3);
  // Japanese search over the folded text: half-width katakana and no spaces.
  EXPECT_EQ(svc_->List(0, "ｾｷｭﾘﾃｨ協議会")->size(), 1u);
  EXPECT_EQ(svc_->List(0, "大阪")->size(), 0u);
  ASSERT_TRUE(svc_->RemoveMember(A(pref_), c, vendor_).ok());
  EXPECT_EQ(svc_->RemoveMember(A(pref_), c, vendor_).status().code(), "community_not_member");
}

TEST_P(CommunityTest, APrefectureWithoutACommunityIsToldWhomToApproachAndItsNeighbours) {
  const CommunityId miyagi = Miyagi();
  domain::NewCommunity in;
  in.prefecture = 14;
  in.name_ja = "神奈川県中小企業サイバー連携会議";
  ASSERT_TRUE(svc_->Create(A(kana_), in).ok());
  auto a = svc_->Approach(3);  // 岩手県: no community
  ASSERT_TRUE(a.ok()) << a.status().Describe();
  EXPECT_TRUE(a->communities_here.empty());
  ASSERT_EQ(a->bodies.size(), 1u);
  EXPECT_EQ(a->bodies[0].name_ja, "岩手精密株式会社");
  ASSERT_EQ(a->nearest.size(), 2u);
  EXPECT_EQ(a->nearest[0].id, miyagi) << "same region (東北) first";
  EXPECT_EQ(svc_->Approach(0).status().code(), "out_of_range");
}

TEST_P(CommunityTest, EachPostIsReadExactlyByWhomItsLabelNames) {
  const CommunityId c = Miyagi();
  ASSERT_TRUE(svc_->Post(A(prof_), c, "public", "公開勉強会のお知らせ", "どなたでも").ok());
  ASSERT_TRUE(svc_->Post(A(cop_), c, "members", "会員向け: 最近の手口", "会員限定").ok());
  auto sec = svc_->Post(A(pref_), c, "secretariat", "事務局メモ", "予算");
  ASSERT_TRUE(sec.ok());
  // A member may not post secretariat-only; an outsider not at all.
  EXPECT_EQ(svc_->Post(A(cop_), c, "secretariat", "x", "y").status().kind(),
            Kind::kPermissionDenied);
  EXPECT_EQ(svc_->Post(A(out_), c, "public", "x", "y").status().code(), "community_members_only");
  EXPECT_EQ(Rows("community_posts"), 3);
  auto count = [&](const domain::Principal* p) { return svc_->Posts(p, c)->size(); };
  const auto member = P(cop_), sec_person = P(pref2_), outsider = P(out_), admin = P(w_.admin);
  EXPECT_EQ(count(nullptr), 1u);
  EXPECT_EQ(count(&outsider), 1u);
  EXPECT_EQ(count(&admin), 1u) << "administrators are no members";
  EXPECT_EQ(count(&member), 2u);
  EXPECT_EQ(count(&sec_person), 3u);
  EXPECT_EQ(svc_->GetPost(&member, sec->id).status().kind(), Kind::kNotFound);
  EXPECT_TRUE(svc_->GetPost(&sec_person, sec->id).ok());
}

TEST_P(CommunityTest, RegistrationRefusesAFullEventATwiceRegistrationAndThePast) {
  const CommunityId c = Miyagi();
  const auto ev = Event(c, 2);
  ASSERT_TRUE(svc_->Register(A(cop_), ev).ok());
  auto again = svc_->Register(A(cop_), ev);
  EXPECT_EQ(again.status().kind(), Kind::kConflict);
  EXPECT_EQ(again.status().code(), "community_already_registered");
  auto second = svc_->Register(A(prof_), ev);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->registered, 2);
  EXPECT_TRUE(second->registered_me);
  auto full = svc_->Register(A(sales_), ev);
  EXPECT_EQ(full.status().code(), "community_event_full");
  EXPECT_EQ(Rows("community_registrations"), 2) << "nothing half-written";
  // Only the secretariat sees who registered.
  EXPECT_EQ(svc_->Registrations(P(cop_), ev).status().kind(), Kind::kPermissionDenied);
  ASSERT_EQ(svc_->Registrations(P(pref2_), ev)->size(), 2u);
  // A seat given back is a seat again.
  ASSERT_TRUE(svc_->Unregister(A(prof_), ev).ok());
  EXPECT_TRUE(svc_->Register(A(sales_), ev).ok());
  // An event in the past: refused to create, and registration closes at its start.
  domain::NewEvent past;
  past.title = "過去";
  past.starts_at = clock_.now_ms() - kDay;
  past.ends_at = clock_.now_ms();
  past.capacity = 10;
  EXPECT_EQ(svc_->CreateEvent(A(pref_), c, past).status().code(), "community_event_times");
  const auto soon = Event(c, 10, 3600 * 1000);
  clock_.advance(2 * 3600 * 1000);
  EXPECT_EQ(svc_->Register(A(cop_), soon).status().code(), "community_event_past");
  // Attendance by the secretariat.
  auto att = svc_->MarkAttended(A(pref_), ev, cop_, true);
  ASSERT_TRUE(att.ok());
  EXPECT_TRUE((*att)[0].attended);
  EXPECT_EQ(svc_->MarkAttended(A(pref_), ev, out_, true).status().code(),
            "community_not_registered");
  // Listing: upcoming and past.
  EXPECT_EQ(svc_->Events(nullptr, c, 0, true)->size(), 1u);
  EXPECT_EQ(svc_->Events(nullptr, c, 0, false)->size(), 1u);
}

TEST_P(CommunityTest, ManyConcurrentRegistrationsNeverOverBook) {
  const CommunityId c = Miyagi();
  const auto ev = Event(c, 5);
  std::vector<domain::Actor> actors;
  for (UserId u : crowd_) actors.push_back(A(u));
  std::atomic<int> ok{0}, full{0}, other{0};
  std::vector<std::thread> threads;
  for (const auto& a : actors) {
    threads.emplace_back([&, a] {
      auto r = svc_->Register(a, ev);
      if (r.ok()) {
        ++ok;
      } else if (r.status().code() == "community_event_full") {
        ++full;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 5);
  EXPECT_EQ(full.load(), static_cast<int>(crowd_.size()) - 5);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(Rows("community_registrations"), 5);
  EXPECT_EQ(svc_->GetEvent(nullptr, ev)->registered, 5);
}

TEST_P(CommunityTest, ExpertsAndSchemesAreFoundByPrefectureSpecialityAndJapaneseText) {
  Miyagi();
  domain::Expert e;
  e.kind = "person";
  e.name = "東北 太郎";
  e.affiliation = "仙台工業高等専門学校";
  e.specialities = {"ot", "training"};
  e.prefectures = {3, 4, 6};
  e.languages = "日本語, English";
  e.availability = "平日";
  e.how_to_request = "事務局経由でメール";
  // Experts are listed by a secretariat (or a government body), not by anyone.
  EXPECT_EQ(svc_->AddExpert(A(out_), e).status().code(), "community_list_not_allowed");
  auto added = svc_->AddExpert(A(pref_), e);
  ASSERT_TRUE(added.ok()) << added.status().Describe();
  domain::Expert nat = e;
  nat.name = "全国 花子";
  nat.specialities = {"forensics"};
  nat.prefectures = {0};
  ASSERT_TRUE(svc_->AddExpert(A(w_.officer), nat).ok());
  domain::ExpertFilter f;
  f.prefecture = 4;
  EXPECT_EQ(svc_->SearchExperts(f)->size(), 2u) << "Miyagi and nationwide";
  f.prefecture = 40;
  EXPECT_EQ(svc_->SearchExperts(f)->size(), 1u) << "nationwide only";
  f.prefecture = 0;
  f.speciality = "ot";
  EXPECT_EQ(svc_->SearchExperts(f)->size(), 1u);
  f.speciality = "";
  f.q = "ｅｎｇｌｉｓｈ";  // full-width
  EXPECT_EQ(svc_->SearchExperts(f)->size(), 2u);
  f.q = "高等 専門";
  EXPECT_EQ(svc_->SearchExperts(f)->size(), 0u) << "a space is a character of the query";
  f.q = "高等専門";
  EXPECT_EQ(svc_->SearchExperts(f)->size(), 2u);
  f.speciality = "magic";
  EXPECT_EQ(svc_->SearchExperts(f).status().code(), "invalid_value");

  domain::Scheme s;
  s.name = "専門家派遣事業";
  s.provider = "宮城県";
  s.specialities = {"incident_response"};
  s.prefectures = {4};
  s.eligibility = "県内の中小企業";
  s.cost = "無料（年3回まで）";
  s.contact = "cyber@pref.miyagi.example";
  auto scheme = svc_->AddScheme(A(pref_), s);
  ASSERT_TRUE(scheme.ok());
  domain::ExpertFilter g;
  g.q = "派遣";
  EXPECT_EQ(svc_->SearchSchemes(g)->size(), 1u);

  // A request tracked to its outcome: the requester and the lister see it, nobody else.
  auto r = svc_->Request(A(iwate_), "scheme", scheme->id, "工場のPCがウイルスに感染しました");
  ASSERT_TRUE(r.ok()) << r.status().Describe();
  EXPECT_EQ(r->target_name, "専門家派遣事業");
  EXPECT_EQ(svc_->GetRequest(P(out_), r->id).status().kind(), Kind::kNotFound);
  EXPECT_EQ(svc_->Requests(P(out_))->size(), 0u);
  EXPECT_EQ(svc_->Answer(A(iwate_), r->id, "accepted", "").status().code(),
            "community_request_not_target");
  EXPECT_EQ(svc_->Answer(A(pref2_), r->id, "done", "").status().field(), "outcome");
  ASSERT_TRUE(svc_->Answer(A(pref2_), r->id, "accepted", "").ok());
  auto done = svc_->Answer(A(pref2_), r->id, "done", "11/10 訪問し初動対応を支援");
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(svc_->GetRequest(P(iwate_), r->id)->outcome, "11/10 訪問し初動対応を支援");
  EXPECT_EQ(svc_->Answer(A(pref2_), r->id, "declined", "").status().code(),
            "community_request_closed");
  EXPECT_EQ(svc_->Request(A(iwate_), "expert", 999999, "x").status().kind(), Kind::kNotFound);
}

TEST_P(CommunityTest, APlantedBestMatchRanksFirstAndItsReasonsNameTagsAndRegion) {
  const auto need =
      Offer(iwate_, "need", "工場の制御システムのセキュリティ診断",
            "生産ラインのPLCとOT ネットワークを診断してほしい", {"OT", "診断"}, 3, "manufacturing");
  // The planted best: shared tags (folded: ｏｔ = OT), same region (宮城県, 東北), same sector.
  const auto best = Offer(prof_, "seed", "制御システムのセキュリティ診断サービス",
                          "高専の研究室がPLCと工場ネットワークを診断します", {"ｏｔ", "診断"}, 4,
                          "manufacturing");
  const auto far =
      Offer(sales_, "seed", "標的型メール訓練", "社員向けの訓練サービス", {"訓練"}, 47);
  const auto half = Offer(kana_, "seed", "OTセキュリティ講座", "工場向けの講座", {"OT"}, 14);
  auto m = svc_->Matches(P(iwate_), need);
  ASSERT_TRUE(m.ok()) << m.status().Describe();
  ASSERT_GE(m->size(), 2u);
  EXPECT_EQ((*m)[0].offer.id, best);
  EXPECT_EQ((*m)[0].shared_tags, (std::vector<std::string>{"OT", "診断"}));
  EXPECT_TRUE((*m)[0].same_region);
  EXPECT_TRUE((*m)[0].same_sector);
  EXPECT_GT((*m)[0].text_similarity, 0.2);
  EXPECT_EQ((*m)[1].offer.id, half);
  for (const auto& x : *m) EXPECT_NE(x.offer.id, far) << "nothing in common";
  // From the seed's side the need is matched, its poster hidden.
  auto back = svc_->Matches(P(prof_), best);
  ASSERT_TRUE(back.ok());
  ASSERT_FALSE(back->empty());
  EXPECT_EQ((*back)[0].offer.id, need);
  EXPECT_EQ((*back)[0].offer.org_name, "");
  EXPECT_FALSE((*back)[0].offer.org_id.valid());
  EXPECT_EQ((*back)[0].offer.contact, "");
  EXPECT_GT(domain::BigramSimilarity("制御システム", "ｾｲｷﾞｮ制御システム"), 0.7);
}

TEST_P(CommunityTest, AnIntroductionExchangesContactsOnlyOnceBothAgree) {
  const auto need = Offer(iwate_, "need", "OT診断", "PLCの診断", {"OT"}, 3);
  const auto seed = Offer(prof_, "seed", "OT診断サービス", "PLCを診断", {"OT"}, 4);
  const auto own_seed = Offer(iwate_, "seed", "自社の技術", "自社", {"OT"}, 3);
  // Self, not a party, wrong kinds: 4xx, nothing written.
  EXPECT_EQ(svc_->Introduce(A(iwate_), need, own_seed).status().code(), "community_intro_self");
  EXPECT_EQ(svc_->Introduce(A(out_), need, seed).status().code(), "community_intro_not_party");
  EXPECT_EQ(svc_->Introduce(A(prof_), seed, need).status().code(), "community_offer_kinds");
  EXPECT_EQ(Rows("community_introductions"), 0);
  // The seed side asks: it agrees by asking.
  auto intro = svc_->Introduce(A(prof_), need, seed);
  ASSERT_TRUE(intro.ok()) << intro.status().Describe();
  EXPECT_TRUE(intro->seed_agreed);
  EXPECT_FALSE(intro->need_agreed);
  EXPECT_EQ(intro->need_org_name, "");
  EXPECT_EQ(intro->need_contact, "");
  EXPECT_EQ(svc_->Introduce(A(iwate_), need, seed).status().code(), "community_intro_twice");
  EXPECT_EQ(svc_->GetOffer(P(prof_), need)->org_name, "") << "the need's poster stays hidden";
  EXPECT_EQ(svc_->AnswerIntroduction(A(prof_), intro->id, true).status().code(),
            "community_intro_other_side");
  EXPECT_EQ(svc_->RecordOutcome(A(prof_), intro->id, "meeting").status().code(),
            "community_intro_not_accepted");
  EXPECT_EQ(svc_->Introductions(P(out_))->size(), 0u);
  // The need side accepts: both see each other's organisation and contact.
  auto accepted = svc_->AnswerIntroduction(A(iwate_), intro->id, true);
  ASSERT_TRUE(accepted.ok());
  EXPECT_EQ(accepted->state, "accepted");
  EXPECT_EQ(accepted->seed_org_name, "仙台工業高等専門学校");
  EXPECT_EQ(accepted->need_org_name, "岩手精密株式会社");
  EXPECT_NE(accepted->seed_contact, "");
  EXPECT_EQ(svc_->GetOffer(P(prof_), need)->org_name, "岩手精密株式会社");
  EXPECT_NE(svc_->GetOffer(P(prof_), need)->contact, "");
  EXPECT_EQ(svc_->GetOffer(P(sales_), need)->org_name, "") << "a third party still not";
  auto outcome = svc_->RecordOutcome(A(prof_), intro->id, "joint_project");
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->outcome, "joint_project");
  // A withdrawn need: no match, no introduction.
  const auto seed2 = Offer(sales_, "seed", "OT診断", "診断", {"OT"}, 4);
  EXPECT_EQ(svc_->Withdraw(A(prof_), need).status().kind(), Kind::kPermissionDenied);
  ASSERT_TRUE(svc_->Withdraw(A(iwate_), need).ok());
  EXPECT_EQ(svc_->Matches(P(iwate_), need).status().code(), "community_offer_withdrawn");
  EXPECT_EQ(svc_->Introduce(A(sales_), need, seed2).status().code(), "community_offer_withdrawn");
  EXPECT_EQ(svc_->GetOffer(P(sales_), need).status().kind(), Kind::kNotFound);
}

// Every person of a random world reads every post, request, offer and introduction by every
// read path, and sees exactly what the rule (written again here, from community_service.h)
// lets them.
TEST_P(CommunityTest, RandomizedLeakTestOverEveryReadPath) {
  std::mt19937 rng(20261102);
  std::vector<OrgId> orgs;
  std::vector<UserId> people;
  std::map<std::int64_t, OrgId> org_of;
  Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    for (int i = 0; i < 8; ++i) {
      orgs.push_back(AddOrg(s, "組織" + std::to_string(i), i < 3 ? "local_government" : "vendor",
                            {}, {}, 1 + i));
      for (int j = 0; j < 2; ++j) {
        people.push_back(AddUser(
            s, orgs.back(), "p" + std::to_string(i) + "_" + std::to_string(j) + "@leak.example",
            Role::kMember));
        org_of[people.back().value] = orgs.back();
      }
    }
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok());
  auto person_of = [&](OrgId o) {
    for (UserId u : people)
      if (org_of[u.value] == o) return u;
    return UserId();
  };
  // Communities run by the three governments, random members.
  struct C {
    CommunityId id;
    OrgId sec;
    std::set<std::int64_t> members;
  };
  std::vector<C> communities;
  for (int i = 0; i < 3; ++i) {
    domain::NewCommunity in;
    in.prefecture = 1 + i;
    in.name_ja = "コミュニティ" + std::to_string(i);
    auto c = svc_->Create(A(person_of(orgs[i])), in);
    ASSERT_TRUE(c.ok()) << c.status().Describe();
    C rec{c->community.id, orgs[i], {}};
    for (size_t k = 3; k < orgs.size(); ++k) {
      if (rng() % 2) continue;
      ASSERT_TRUE(svc_->AddMember(A(person_of(orgs[i])), rec.id, orgs[k], "vendor").ok());
      rec.members.insert(orgs[k].value);
    }
    communities.push_back(rec);
  }
  struct PostRec {
    std::int64_t id;
    size_t community;
    std::string vis;
  };
  std::vector<PostRec> posts;
  const char* vis[] = {"public", "members", "secretariat"};
  for (int i = 0; i < 30; ++i) {
    const size_t ci = rng() % communities.size();
    const auto& c = communities[ci];
    const bool by_sec = c.members.empty() || rng() % 2;
    OrgId author_org = c.sec;
    if (!by_sec) {
      auto it = c.members.begin();
      std::advance(it, static_cast<long>(rng() % c.members.size()));
      author_org = OrgId(*it);
    }
    const std::string v = vis[rng() % (by_sec ? 3 : 2)];
    auto p = svc_->Post(A(person_of(author_org)), c.id, v, "投稿" + std::to_string(i), "本文");
    ASSERT_TRUE(p.ok()) << p.status().Describe();
    posts.push_back({p->id, ci, v});
  }
  // Files on a third of the posts, by their communities' secretariats.
  std::vector<std::pair<domain::AttachmentId, size_t>> files;  // file, index in posts
  for (size_t i = 0; i < posts.size(); i += 3) {
    auto f = svc_->AttachToPost(A(person_of(communities[posts[i].community].sec)), posts[i].id,
                                "資料" + std::to_string(i) + ".txt", "text/plain", "本文");
    ASSERT_TRUE(f.ok()) << f.status().Describe();
    files.push_back({f->id, i});
  }
  // Requests to schemes listed by the governments.
  struct Req {
    std::int64_t id;
    OrgId requester, target;
  };
  std::vector<Req> requests;
  std::vector<std::pair<std::int64_t, OrgId>> schemes;
  for (int i = 0; i < 3; ++i) {
    domain::Scheme s;
    s.name = "制度" + std::to_string(i);
    s.provider = "県";
    s.specialities = {"training"};
    s.prefectures = {0};
    auto sc = svc_->AddScheme(A(person_of(orgs[i])), s);
    ASSERT_TRUE(sc.ok()) << sc.status().Describe();
    schemes.push_back({sc->id, orgs[i]});
  }
  for (int i = 0; i < 15; ++i) {
    const auto& sc = schemes[rng() % schemes.size()];
    const UserId who = people[rng() % people.size()];
    auto r = svc_->Request(A(who), "scheme", sc.first, "依頼");
    ASSERT_TRUE(r.ok());
    requests.push_back({r->id, org_of[who.value], sc.second});
  }
  // Offers and introductions, some accepted.
  struct Off {
    std::int64_t id;
    std::string kind;
    OrgId org;
    bool open = true;
  };
  std::vector<Off> offers;
  for (int i = 0; i < 24; ++i) {
    const UserId who = people[rng() % people.size()];
    const std::string kind = i % 2 ? "seed" : "need";
    offers.push_back({Offer(who, kind, "タイトル" + std::to_string(i % 5), "本文", {"OT"}, 4), kind,
                      org_of[who.value]});
  }
  struct Intro {
    std::int64_t id;
    size_t need, seed;
    bool accepted;
  };
  std::vector<Intro> intros;
  for (size_t n = 0; n < offers.size(); ++n) {
    for (size_t s = 0; s < offers.size(); ++s) {
      if (offers[n].kind != "need" || offers[s].kind != "seed" || offers[n].org == offers[s].org ||
          rng() % 4)
        continue;
      auto in = svc_->Introduce(A(person_of(offers[s].org)), offers[n].id, offers[s].id);
      ASSERT_TRUE(in.ok()) << in.status().Describe();
      bool acc = rng() % 2;
      if (acc) {
        ASSERT_TRUE(svc_->AnswerIntroduction(A(person_of(offers[n].org)), in->id, true).ok());
      }
      intros.push_back({in->id, n, s, acc});
    }
  }
  for (size_t i = 0; i < offers.size(); i += 5) {
    ASSERT_TRUE(svc_->Withdraw(A(person_of(offers[i].org)), offers[i].id).ok());
    offers[i].open = false;
  }
  ASSERT_FALSE(intros.empty());
  // An event per community, held: random registrations, the first marked attended and its
  // feedback given — the feedback and the registrations are the secretariat's only.
  std::vector<std::int64_t> events;
  for (const auto& c : communities) {
    domain::NewEvent ne;
    ne.title = "勉強会";
    ne.starts_at = clock_.now_ms() + 3600 * 1000;
    ne.ends_at = ne.starts_at + 3600 * 1000;
    ne.capacity = 100;
    auto e = svc_->CreateEvent(A(person_of(c.sec)), c.id, ne);
    ASSERT_TRUE(e.ok()) << e.status().Describe();
    events.push_back(e->id);
    for (UserId u : people) {
      if (rng() % 3 == 0) {
        ASSERT_TRUE(svc_->Register(A(u), e->id).ok());
      }
    }
  }
  clock_.advance(2 * 3600 * 1000);
  for (size_t ci = 0; ci < communities.size(); ++ci) {
    auto regs = svc_->Registrations(P(person_of(communities[ci].sec)), events[ci]);
    ASSERT_TRUE(regs.ok());
    if (regs->empty()) continue;
    const UserId first = regs->front().user_id;
    ASSERT_TRUE(
        svc_->MarkAttended(A(person_of(communities[ci].sec)), events[ci], first, true).ok());
    ASSERT_TRUE(svc_->Feedback(A(first), events[ci], 5, "よかった").ok());
  }

  auto sees_post = [&](OrgId o, const PostRec& p) {
    const auto& c = communities[p.community];
    if (p.vis == "public") return true;
    if (!o.valid()) return false;
    if (p.vis == "members") return c.sec == o || c.members.count(o.value) > 0;
    return c.sec == o;
  };
  auto poster_shown = [&](OrgId o, size_t k) {
    if (offers[k].kind == "seed" || offers[k].org == o) return true;
    for (const auto& i : intros)
      if (i.need == k && i.accepted && offers[i.seed].org == o) return true;
    return false;
  };
  auto contact_shown = [&](OrgId o, size_t k) {
    if (offers[k].org == o) return true;
    for (const auto& i : intros) {
      if (!i.accepted) continue;
      if (i.need == k && offers[i.seed].org == o) return true;
      if (i.seed == k && offers[i.need].org == o) return true;
    }
    return false;
  };
  std::vector<std::optional<UserId>> readers{std::nullopt};
  for (UserId u : people) readers.push_back(u);
  readers.push_back(w_.admin);
  int checks = 0;
  for (const auto& reader : readers) {
    std::optional<domain::Principal> pr;
    if (reader) pr = P(*reader);
    const domain::Principal* p = pr ? &*pr : nullptr;
    const OrgId o = pr ? pr->org_id : OrgId();
    // Posts: the list and each one.
    for (size_t ci = 0; ci < communities.size(); ++ci) {
      auto list = svc_->Posts(p, communities[ci].id);
      ASSERT_TRUE(list.ok());
      std::set<std::int64_t> got, want;
      for (const auto& x : *list) got.insert(x.id);
      for (const auto& x : posts)
        if (x.community == ci && sees_post(o, x)) want.insert(x.id);
      EXPECT_EQ(got, want);
      ++checks;
    }
    for (const auto& x : posts) {
      EXPECT_EQ(svc_->GetPost(p, x.id).ok(), sees_post(o, x)) << x.id;
      ++checks;
    }
    for (const auto& [file, k] : files) {
      auto f = svc_->GetPostFile(p, file);
      EXPECT_EQ(f.ok(), sees_post(o, posts[k])) << file.value;
      if (!f.ok()) {
        EXPECT_EQ(f.status().kind(), Kind::kNotFound);
      }
      ++checks;
    }
    // Events: the feedback so far and who registered, for the secretariat only.
    for (size_t ci = 0; ci < communities.size(); ++ci) {
      const bool sec = o.valid() && communities[ci].sec == o;
      auto e = svc_->GetEvent(p, events[ci]);
      ASSERT_TRUE(e.ok());
      EXPECT_EQ(e->feedback_count.has_value(), sec) << events[ci];
      const auto past = svc_->Events(p, communities[ci].id, 0, false);
      ASSERT_TRUE(past.ok());
      for (const auto& listed : *past) EXPECT_EQ(listed.feedback_count.has_value(), sec);
      if (pr) {
        EXPECT_EQ(svc_->Registrations(*pr, events[ci]).ok(), sec);
      }
      ++checks;
    }
    if (!pr) continue;
    // Requests.
    std::set<std::int64_t> got, want;
    const auto reqs = svc_->Requests(*pr);
    ASSERT_TRUE(reqs.ok());
    for (const auto& r : *reqs) got.insert(r.id);
    for (const auto& r : requests) {
      const bool sees = r.requester == o || r.target == o;
      if (sees) want.insert(r.id);
      auto one = svc_->GetRequest(*pr, r.id);
      EXPECT_EQ(one.ok(), sees);
      if (!one.ok()) {
        EXPECT_EQ(one.status().kind(), Kind::kNotFound);
      }
      ++checks;
    }
    EXPECT_EQ(got, want);
    // Introductions.
    std::set<std::int64_t> igot, iwant;
    const auto intro_list = svc_->Introductions(*pr);
    ASSERT_TRUE(intro_list.ok());
    for (const auto& i : *intro_list) {
      igot.insert(i.id);
      for (const auto& rec : intros) {
        if (rec.id != i.id) continue;
        EXPECT_EQ(i.need_mine, offers[rec.need].org == o);
        EXPECT_EQ(i.seed_mine, offers[rec.seed].org == o);
      }
      const bool agreed = i.need_agreed && i.seed_agreed;
      EXPECT_EQ(i.need_org_name.empty(), !agreed);
      EXPECT_EQ(i.seed_contact.empty(), !agreed);
    }
    for (const auto& i : intros)
      if (offers[i.need].org == o || offers[i.seed].org == o) iwant.insert(i.id);
    EXPECT_EQ(igot, iwant);
    // Offers: the list, each one, and every match list.
    domain::OfferFilter f;
    f.limit = 1000;
    f.open_only = false;
    std::map<std::int64_t, domain::Offer> listed;
    auto offer_list = svc_->Offers(*pr, f);
    ASSERT_TRUE(offer_list.ok());
    for (auto& x : *offer_list) listed[x.id] = x;
    for (size_t k = 0; k < offers.size(); ++k) {
      const bool visible = offers[k].open || offers[k].org == o;
      EXPECT_EQ(listed.count(offers[k].id) > 0, visible) << offers[k].id;
      auto one = svc_->GetOffer(*pr, offers[k].id);
      ASSERT_EQ(one.ok(), visible);
      if (visible) {
        ASSERT_TRUE(listed.count(offers[k].id));
        for (const domain::Offer* x : {&*one, &listed[offers[k].id]}) {
          EXPECT_EQ(x->org_id.valid(), poster_shown(o, k)) << offers[k].id;
          EXPECT_EQ(!x->org_name.empty(), poster_shown(o, k));
          EXPECT_EQ(!x->contact.empty(), contact_shown(o, k)) << offers[k].id;
        }
      }
      ++checks;
      if (!visible || !offers[k].open) continue;
      auto m = svc_->Matches(*pr, offers[k].id, 100);
      ASSERT_TRUE(m.ok());
      for (const auto& x : *m) {
        size_t idx = 0;
        while (offers[idx].id != x.offer.id) ++idx;
        EXPECT_TRUE(offers[idx].open);
        EXPECT_EQ(x.offer.org_id.valid(), poster_shown(o, idx));
        EXPECT_EQ(!x.offer.contact.empty(), contact_shown(o, idx));
      }
    }
  }
  EXPECT_GT(checks, 1000);
}

INSTANTIATE_TEST_SUITE_P(Engines, CommunityTest, RENKEI_ENGINES);

}  // namespace
}  // namespace renkei::testing
