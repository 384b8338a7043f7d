// Exercises on both engines: making one (and the refusals that store nothing), the state
// machine with its 409s, the clock firing injects through the real sharing path (marked
// 【演習】, in no real list), chains, pauses, exactly-once claims, NO-PLAY and the control
// room's figures; the access rule (404 outside).
#include <gtest/gtest.h>

#include "domain/exercises/exercise_service.h"
#include "domain/exercises/exercise_store.h"
#include "domain/outbox/mail_kinds.h"
#include "domain/outbox/outbox_store.h"
#include "domain/sharing/mail.h"
#include "domain/sharing/sharing_service.h"
#include "world.h"

namespace renkei::testing {
namespace {

using domain::ExerciseId;
using domain::ExerciseStatus;
using domain::ParticipantKind;
using domain::ParticipantRole;

constexpr Millis kMin = 60 * 1000;

// Three injects: one at the start, one 30 minutes on, one 10 minutes after the second.
constexpr const char* kScenario = R"(
id = "drill3"
version = "1"
mode = "comms_check"
name_ja = "三段訓練"
name_en = "Three-step drill"
[[inject]]
id = "one"
kind = "contact_check"
at_minutes = 0
title_ja = "第一報"
body_ja = "受信を確認してください。"
action_ja = "確認してください。"
deadline_minutes = 60
[[inject]]
id = "two"
kind = "condition"
at_minutes = 30
title_ja = "通信途絶"
body_ja = "メールが使えません。"
channels_down = ["mail"]
[[inject]]
id = "three"
kind = "item"
after = "two"
delay_minutes = 10
title_ja = "続報"
body_ja = "続報です。"
)";

class ExerciseTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    w_ = SeedWorld(*tx_);
    auto c = domain::ScenarioCatalog::Parse({{"drill3.toml", kScenario}});
    ASSERT_TRUE(c.ok()) << c.status().Describe();
    catalog_ = std::move(*c);
    sharing_ = std::make_unique<domain::SharingService>(*tx_, clock_);
    svc_ = std::make_unique<domain::ExerciseService>(*tx_, clock_, catalog_, *sharing_);
  }
  domain::Actor A(UserId id) { return {PrincipalOf(*tx_, id), "127.0.0.1"}; }
  domain::Principal P(UserId id) { return PrincipalOf(*tx_, id); }
  // Hub A's members play; the ministry officer observes.
  domain::NewExercise HubADrill() {
    domain::NewExercise in;
    in.scenario_id = "drill3";
    in.participants = {
        {ParticipantKind::kHub, std::to_string(w_.hub_a.value), ParticipantRole::kPlayer},
        {ParticipantKind::kUser, std::to_string(w_.officer.value), ParticipantRole::kObserver}};
    return in;
  }
  ExerciseId Made() {
    auto e = svc_->Create(A(w_.analyst_a), HubADrill());
    EXPECT_TRUE(e.ok()) << e.status().Describe();
    return e.ok() ? e->exercise.id : ExerciseId();
  }
  std::int64_t Rows(const char* table) {
    std::int64_t n = -1;
    EXPECT_TRUE(tx_->WithConnection([&](storage::Connection& c) -> Status {
                     RENKEI_ASSIGN_OR_RETURN(
                         auto rows, c.Query(std::string("SELECT COUNT(*) FROM ") + table, {}));
                     n = rows.at(0).i64(0);
                     return Status::Ok();
                   })
                    .ok());
    return n;
  }
  std::vector<domain::ExerciseInject> Injects(ExerciseId id) {
    std::vector<domain::ExerciseInject> out;
    EXPECT_TRUE(tx_->Run(domain::TxMode::kRead,
                         [&](domain::Stores& s) -> Status {
                           RENKEI_ASSIGN_OR_RETURN(out, s.exercises.Injects(id));
                           return Status::Ok();
                         })
                    .ok());
    return out;
  }
  std::vector<std::string> States(ExerciseId id) {
    std::vector<std::string> out;
    for (const auto& x : Injects(id)) out.push_back(x.state);
    return out;
  }
  int Tick() {
    auto n = svc_->Tick();
    EXPECT_TRUE(n.ok()) << n.status().Describe();
    return n.ok() ? *n : -1;
  }

  ManualClock clock_{1'800'000'000'000};
  World w_;
  domain::ScenarioCatalog catalog_;
  std::unique_ptr<domain::SharingService> sharing_;
  std::unique_ptr<domain::ExerciseService> svc_;
};

TEST_P(ExerciseTest, RefusedCreationsStoreNothing) {
  const std::int64_t audit = Rows("audit_log");
  auto in = HubADrill();
  // A member does not run exercises.
  EXPECT_EQ(svc_->Create(A(w_.member1), in).status().kind(), Kind::kPermissionDenied);
  in.speed = 0;
  auto slow = svc_->Create(A(w_.analyst_a), in);
  EXPECT_EQ(slow.status().code(), "exercise_speed");
  EXPECT_EQ(slow.status().field(), "speed");
  in.speed = 61;
  EXPECT_EQ(svc_->Create(A(w_.analyst_a), in).status().code(), "exercise_speed");
  in.speed = 60;
  in.scenario_id = "nothing";
  EXPECT_EQ(svc_->Create(A(w_.analyst_a), in).status().code(), "exercise_unknown_scenario");
  in = HubADrill();
  in.participants.push_back(
      {ParticipantKind::kUser, std::to_string(w_.member3.value), ParticipantRole::kPlayer});
  EXPECT_EQ(svc_->Create(A(w_.analyst_a), in).status().code(), "exercise_person_as_player");
  in = HubADrill();
  in.participants.push_back({ParticipantKind::kOrganisation, "999999", ParticipantRole::kPlayer});
  auto unknown = svc_->Create(A(w_.analyst_a), in);
  EXPECT_EQ(unknown.status().code(), "exercise_unknown_participant");
  EXPECT_EQ(unknown.status().field(), "participants[2].ref");
  in = HubADrill();
  in.participants.erase(in.participants.begin());  // only the observer
  EXPECT_EQ(svc_->Create(A(w_.analyst_a), in).status().code(), "exercise_no_players");
  EXPECT_EQ(Rows("exercises"), 0);
  EXPECT_EQ(Rows("exercise_injects"), 0);
  EXPECT_EQ(Rows("audit_log"), audit);
}

TEST_P(ExerciseTest, TheStateMachineRefusesWrongMovesAndChangesNothing) {
  const ExerciseId id = Made();
  ASSERT_TRUE(id.valid());
  const auto a = A(w_.analyst_a);
  EXPECT_EQ(svc_->Pause(a, id).status().code(), "exercise_not_running");
  EXPECT_EQ(svc_->End(a, id).status().code(), "exercise_not_running");
  auto started = svc_->Start(a, id);
  ASSERT_TRUE(started.ok()) << started.status().Describe();
  EXPECT_EQ(started->exercise.status, ExerciseStatus::kRunning);
  const std::int64_t audit = Rows("audit_log");
  auto twice = svc_->Start(a, id);
  EXPECT_EQ(twice.status().code(), "exercise_already_started");
  EXPECT_EQ(twice.status().kind(), Kind::kConflict);
  EXPECT_EQ(svc_->Resume(a, id).status().code(), "exercise_not_paused");
  EXPECT_EQ(Rows("audit_log"), audit);
  ASSERT_TRUE(svc_->Pause(a, id).ok());
  EXPECT_EQ(svc_->Pause(a, id).status().code(), "exercise_not_running");
  ASSERT_TRUE(svc_->Resume(a, id).ok());
  auto ended = svc_->End(a, id);
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(ended->exercise.status, ExerciseStatus::kEnded);
  const std::int64_t after_end = Rows("audit_log");
  EXPECT_EQ(svc_->Pause(a, id).status().code(), "exercise_over");
  EXPECT_EQ(svc_->Start(a, id).status().code(), "exercise_over");
  EXPECT_EQ(svc_->NoPlay(a, id, "").status().code(), "exercise_over");
  EXPECT_EQ(Rows("audit_log"), after_end);
  // Players and observers do not control it.
  EXPECT_EQ(svc_->Start(A(w_.member1), Made()).status().kind(), Kind::kPermissionDenied);
}

TEST_P(ExerciseTest, InjectsFireOnTheExerciseClockThroughTheRealSharingPath) {
  const ExerciseId id = Made();
  EXPECT_EQ(Tick(), 0);  // not started
  ASSERT_TRUE(svc_->Start(A(w_.analyst_a), id).ok());
  EXPECT_EQ(Tick(), 1);
  EXPECT_EQ(Tick(), 0);  // fired once
  EXPECT_EQ(States(id), (std::vector<std::string>{"fired", "pending", "pending"}));
  // The item: marked, the exercise's, delivered to hub A's members and no one else.
  const auto first = Injects(id)[0];
  ASSERT_NE(first.item_id, 0);
  auto seen = sharing_->Get(A(w_.member1), domain::ItemId(first.item_id));
  ASSERT_TRUE(seen.ok()) << seen.status().Describe();
  EXPECT_EQ(seen->item.exercise_id, id.value);
  EXPECT_TRUE(seen->item.content.title.starts_with("【演習】第一報"));
  EXPECT_NE(seen->item.content.body.find(domain::kExerciseBanner), std::string::npos);
  EXPECT_EQ(seen->item.tlp, domain::Tlp::kAmber);
  EXPECT_EQ(sharing_->Get(A(w_.member3), domain::ItemId(first.item_id)).status().kind(),
            Kind::kNotFound);
  // …and in no real list or count of its recipients.
  domain::ItemFilter inbox;
  auto list = sharing_->List(P(w_.member1), inbox);
  ASSERT_TRUE(list.ok());
  EXPECT_TRUE(list->items.empty());
  EXPECT_EQ(sharing_->Counts(P(w_.member1))->inbox, 0);
  auto mine = svc_->Items(P(w_.member1), id);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->items.size(), 1u);

  // A pause holds the clock: 30 wall minutes paused do not bring inject two.
  clock_.advance(20 * kMin);
  ASSERT_TRUE(svc_->Pause(A(w_.analyst_a), id).ok());
  clock_.advance(30 * kMin);
  EXPECT_EQ(Tick(), 0);
  ASSERT_TRUE(svc_->Resume(A(w_.analyst_a), id).ok());
  clock_.advance(9 * kMin);
  EXPECT_EQ(Tick(), 0);  // 29 exercise minutes
  clock_.advance(1 * kMin);
  EXPECT_EQ(Tick(), 1);  // 30: inject two; three is 10 minutes after it
  clock_.advance(10 * kMin);
  EXPECT_EQ(Tick(), 1);
  EXPECT_EQ(States(id), (std::vector<std::string>{"fired", "fired", "fired"}));
  const auto injects = Injects(id);
  EXPECT_EQ(injects[1].fired_at_exercise, 30 * kMin);
  EXPECT_EQ(injects[2].fired_at_exercise, 40 * kMin);
  auto condition = sharing_->Get(A(w_.member1), domain::ItemId(injects[1].item_id));
  ASSERT_TRUE(condition.ok());
  EXPECT_NE(condition->item.content.body.find("電子メール"), std::string::npos);

  // The mail of an exercise item says so in its subject and body.
  domain::MailKinds kinds;
  domain::RegisterItemMail(kinds);
  std::string subject, text;
  Status st = tx_->Run(domain::TxMode::kRehearse, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto rows,
                            s.outbox.Claim(INT64_MAX / 2, INT64_MAX / 2, 1000, kinds.codes()));
    for (const auto& row : rows) {
      if (row.subject_id != first.item_id) continue;
      RENKEI_ASSIGN_OR_RETURN(auto to, s.directory.GetUser(row.user_id));
      auto m = kinds.Find(row.kind)->render(s, *to, {row}, domain::MailContext{});
      RENKEI_RETURN_IF_ERROR(m.status());
      subject = m->subject;
      text = m->text;
    }
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  EXPECT_TRUE(subject.starts_with("【演習】")) << subject;
  EXPECT_TRUE(text.starts_with(std::string(domain::kExerciseBanner))) << text;
}

TEST_P(ExerciseTest, TwoTickersFireEachInjectOnce) {
  const ExerciseId id = Made();
  ASSERT_TRUE(svc_->Start(A(w_.analyst_a), id).ok());
  // A second process: its own services over the same database.
  domain::SharingService other_sharing(*tx_, clock_);
  domain::ExerciseService other(*tx_, clock_, catalog_, other_sharing);
  clock_.advance(45 * kMin);
  auto a = other.Tick();
  auto b = svc_->Tick();
  ASSERT_TRUE(a.ok() && b.ok());
  // One and two were due; three counts its ten minutes from when two was sent.
  EXPECT_EQ(*a + *b, 2);
  clock_.advance(10 * kMin);
  auto c = svc_->Tick();
  auto d = other.Tick();
  ASSERT_TRUE(c.ok() && d.ok());
  EXPECT_EQ(*c + *d, 1);
  EXPECT_EQ(Rows("items"), 3);
  // The claim itself: the second of two claims of one inject loses.
  Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    domain::ExerciseInject x;
    x.inject.id = "extra";
    x.inject.title_ja = "追加";
    x.seq = 9;
    RENKEI_RETURN_IF_ERROR(s.exercises.AddInject(id, x));
    RENKEI_ASSIGN_OR_RETURN(bool first, s.exercises.ClaimInject(id, "extra", 1, 1));
    RENKEI_ASSIGN_OR_RETURN(bool second, s.exercises.ClaimInject(id, "extra", 2, 2));
    EXPECT_TRUE(first);
    EXPECT_FALSE(second);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.Describe();
}

TEST_P(ExerciseTest, NoPlayHaltsEveryInjectAndTellsThePlayers) {
  const ExerciseId id = Made();
  ASSERT_TRUE(svc_->Start(A(w_.analyst_a), id).ok());
  EXPECT_EQ(Tick(), 1);
  auto halted = svc_->NoPlay(A(w_.analyst_a), id, "実事案が発生したため");
  ASSERT_TRUE(halted.ok()) << halted.status().Describe();
  EXPECT_EQ(halted->exercise.status, ExerciseStatus::kHalted);
  EXPECT_EQ(halted->exercise.halt_reason, "実事案が発生したため");
  EXPECT_EQ(States(id), (std::vector<std::string>{"fired", "cancelled", "cancelled"}));
  clock_.advance(120 * kMin);
  EXPECT_EQ(Tick(), 0);
  // Every player got the stand-down, in the exercise's own view.
  auto mine = svc_->Items(P(w_.member1b), id);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->items.size(), 2u);
  EXPECT_NE(mine->items[0].content.title.find("NO-PLAY"), std::string::npos);
  EXPECT_TRUE(mine->items[0].content.title.starts_with("【演習】"));
  EXPECT_EQ(svc_->Resume(A(w_.analyst_a), id).status().code(), "exercise_over");
}

TEST_P(ExerciseTest, OutsidersGet404AndPlayersSeeOnlyTheirPart) {
  const ExerciseId id = Made();
  // Hub B's member and the other hub's analyst are not in it.
  EXPECT_EQ(svc_->Get(P(w_.member3), id).status().kind(), Kind::kNotFound);
  EXPECT_EQ(svc_->Get(P(w_.analyst_b), id).status().kind(), Kind::kNotFound);
  EXPECT_EQ(svc_->Items(P(w_.member3), id).status().kind(), Kind::kNotFound);
  EXPECT_EQ(svc_->Board(P(w_.member3), id).status().kind(), Kind::kNotFound);
  EXPECT_EQ(svc_->Get(P(w_.admin), id).status().kind(), Kind::kNotFound);
  auto listed = svc_->List(P(w_.member3));
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
  // A player: the exercise without its participants; no control room.
  auto player = svc_->Get(P(w_.member1), id);
  ASSERT_TRUE(player.ok());
  EXPECT_EQ(player->access, domain::ExerciseAccess::kPlayer);
  EXPECT_TRUE(player->exercise.participants.empty());
  EXPECT_TRUE(player->injects.empty());  // nothing sent yet
  EXPECT_EQ(svc_->Board(P(w_.member1), id).status().kind(), Kind::kNotFound);
  // The observer sees the control room; the creator controls.
  EXPECT_EQ(svc_->Get(P(w_.officer), id)->access, domain::ExerciseAccess::kViewer);
  EXPECT_TRUE(svc_->Board(P(w_.officer), id).ok());
  EXPECT_EQ(svc_->Get(P(w_.analyst_a), id)->access, domain::ExerciseAccess::kController);
}

TEST_P(ExerciseTest, TheControlRoomCountsAcknowledgementsPerOrganisationOnTheClock) {
  const ExerciseId id = Made();
  ASSERT_TRUE(svc_->Start(A(w_.analyst_a), id).ok());
  EXPECT_EQ(Tick(), 1);
  const domain::ItemId item(Injects(id)[0].item_id);
  clock_.advance(20 * kMin);
  ASSERT_TRUE(sharing_->Acknowledge(A(w_.member1), item).ok());  // M1 within the hour
  clock_.advance(120 * kMin);
  ASSERT_TRUE(sharing_->Get(A(w_.member1b), item).ok());  // read only
  auto b = svc_->Board(P(w_.analyst_a), id);
  ASSERT_TRUE(b.ok()) << b.status().Describe();
  // Hub A: members M1 and M2 and its secretariat SA (whose analyst sent it: not a target).
  std::map<std::int64_t, domain::ExerciseLine> by_org;
  for (const auto& l : b->metrics.orgs) by_org[std::stoll(l.key)] = l;
  ASSERT_TRUE(by_org.count(w_.m1.value));
  EXPECT_EQ(by_org[w_.m1.value].acknowledged, 1);
  EXPECT_EQ(by_org[w_.m1.value].people, 2);
  EXPECT_EQ(by_org[w_.m1.value].people_active, 2);
  EXPECT_DOUBLE_EQ(by_org[w_.m1.value].rate[0], 1.0);
  // M2 has no people, so no delivery: not a target. The first inject is past its hour.
  EXPECT_FALSE(by_org.count(w_.m2.value));
  EXPECT_EQ(b->metrics.total.acknowledged, 1);
  EXPECT_EQ(b->metrics.total.overdue, b->metrics.total.targets - 1);
}

// The board is computed once and shared by the viewers (bench/exercise: 500 of them); what a
// controller sees must still change with every acknowledgement and with the time.
TEST_P(ExerciseTest, Issue17_TheSharedBoardShowsEveryAcknowledgementAtOnce) {
  const ExerciseId id = Made();
  ASSERT_TRUE(svc_->Start(A(w_.analyst_a), id).ok());
  EXPECT_EQ(Tick(), 1);
  const domain::ItemId item(Injects(id)[0].item_id);
  auto before = svc_->Board(P(w_.analyst_a), id);
  ASSERT_TRUE(before.ok()) << before.status().Describe();
  EXPECT_EQ(before->metrics.total.acknowledged, 0);
  EXPECT_EQ(before->metrics.total.overdue, 0);
  // Same instant: only the acknowledgement changed.
  ASSERT_TRUE(sharing_->Acknowledge(A(w_.member1), item).ok());
  std::int64_t active = 0;
  for (UserId viewer : {w_.analyst_a, w_.officer}) {
    auto b = svc_->Board(P(viewer), id);
    ASSERT_TRUE(b.ok()) << b.status().Describe();
    EXPECT_EQ(b->metrics.total.acknowledged, 1) << viewer.value;
    EXPECT_EQ(b->metrics.total.targets, before->metrics.total.targets);
    active = b->metrics.total.people_active;
  }
  // A read is a change too.
  ASSERT_TRUE(sharing_->Get(A(w_.member1b), item).ok());
  auto read = svc_->Board(P(w_.analyst_a), id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->metrics.total.people_active, active + 1);
  // Past the inject's hour the rest are overdue, with no delivery changed.
  clock_.advance(61 * kMin);
  auto later = svc_->Board(P(w_.analyst_a), id);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->metrics.total.overdue, later->metrics.total.targets - 1);
  // A player still gets 404: the figures are shared, the access rule is not.
  EXPECT_EQ(svc_->Board(P(w_.member1), id).status().kind(), Kind::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Engines, ExerciseTest, RENKEI_ENGINES);

}  // namespace
}  // namespace renkei::testing
