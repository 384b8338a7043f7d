// Exercises: the exercise clock's maths, the scenario files' refusals (with file and
// line), expectation scoring and the transmission rates, and the shipped scenarios.
#include <gtest/gtest.h>

#include "domain/exercises/clock.h"
#include "domain/exercises/metrics.h"
#include "domain/exercises/scenario.h"

namespace renkei {
namespace {

using domain::ExerciseClock;

constexpr Millis kMin = 60 * 1000;
constexpr Millis kT0 = 1'800'000'000'000;

TEST(ExerciseClock, StandsAtZeroBeforeTheStart) {
  ExerciseClock c;
  EXPECT_EQ(c.At(kT0), 0);
  c.started_at = kT0;
  EXPECT_EQ(c.At(kT0 - 5 * kMin), 0);
  EXPECT_EQ(c.At(kT0), 0);
  EXPECT_EQ(c.At(kT0 + 7 * kMin), 7 * kMin);
}

TEST(ExerciseClock, PausesDoNotCount) {
  ExerciseClock c;
  c.started_at = kT0;
  c.pauses = {{kT0 + 10 * kMin, kT0 + 25 * kMin}, {kT0 + 40 * kMin, std::nullopt}};
  EXPECT_EQ(c.At(kT0 + 10 * kMin), 10 * kMin);
  EXPECT_EQ(c.At(kT0 + 20 * kMin), 10 * kMin);  // inside the first pause
  EXPECT_EQ(c.At(kT0 + 30 * kMin), 15 * kMin);  // resumed at 25
  EXPECT_EQ(c.At(kT0 + 40 * kMin), 25 * kMin);
  EXPECT_EQ(c.At(kT0 + 90 * kMin), 25 * kMin);  // still paused: the clock stands
}

TEST(ExerciseClock, AccelerationMultipliesRunningTimeOnly) {
  ExerciseClock c;
  c.started_at = kT0;
  c.speed = 60;
  c.pauses = {{kT0 + 1 * kMin, kT0 + 11 * kMin}};
  EXPECT_EQ(c.At(kT0 + 1 * kMin), 60 * kMin);   // one wall minute = one exercise hour
  EXPECT_EQ(c.At(kT0 + 11 * kMin), 60 * kMin);  // ten paused minutes add nothing
  EXPECT_EQ(c.At(kT0 + 12 * kMin), 120 * kMin);
  // A one-day deadline at 60×: 24 wall minutes of running.
  EXPECT_EQ(c.At(kT0 + 34 * kMin), 24 * 60 * kMin);
}

TEST(ExerciseClock, StopsAtTheEnd) {
  ExerciseClock c;
  c.started_at = kT0;
  c.ended_at = kT0 + 30 * kMin;
  c.pauses = {{kT0 + 20 * kMin, kT0 + 25 * kMin}};
  EXPECT_EQ(c.At(kT0 + 300 * kMin), 25 * kMin);
  EXPECT_EQ(c.WallWhen(40 * kMin, kT0 + 300 * kMin), std::nullopt);
}

TEST(ExerciseClock, WallWhenAfterResumeAccountsForPauseAndSpeed) {
  ExerciseClock c;
  c.started_at = kT0;
  c.speed = 4;
  c.pauses = {{kT0 + 10 * kMin, kT0 + 20 * kMin}};
  // At kT0+20 the clock shows 40 min; 60 min is reached 5 wall minutes later.
  EXPECT_EQ(c.WallWhen(60 * kMin, kT0 + 20 * kMin), kT0 + 25 * kMin);
  EXPECT_EQ(c.At(kT0 + 25 * kMin), 60 * kMin);
  EXPECT_EQ(c.WallWhen(10 * kMin, kT0 + 20 * kMin), kT0 + 20 * kMin);  // already past
  c.pauses.push_back({kT0 + 30 * kMin, std::nullopt});
  EXPECT_EQ(c.WallWhen(200 * kMin, kT0 + 31 * kMin), std::nullopt);  // paused
}

std::string NoteOf(const Result<domain::Scenario>& r) {
  return r.ok() ? std::string("(parsed)") : r.status().note();
}

constexpr const char* kHead = R"(id = "t"
version = "1"
mode = "tabletop"
name_ja = "試験"
name_en = "Test"
)";

TEST(Scenario, RefusesAnUnknownInjectKindWithItsLine) {
  const std::string text = std::string(kHead) + R"([[inject]]
id = "a"
kind = "telepathy"
at_minutes = 0
title_ja = "x"
)";
  auto r = domain::ParseScenario("data/exercises/t.toml", text);
  EXPECT_EQ(NoteOf(r), "data/exercises/t.toml:8: unknown inject kind 'telepathy'");
}

TEST(Scenario, RefusesATriggerOnAMissingInjectWithItsLine) {
  const std::string text = std::string(kHead) + R"([[inject]]
id = "a"
kind = "item"
at_minutes = 0
title_ja = "x"

[[inject]]
id = "b"
kind = "item"
after = "nowhere"
title_ja = "y"
)";
  auto r = domain::ParseScenario("data/exercises/t.toml", text);
  EXPECT_EQ(NoteOf(r),
            "data/exercises/t.toml:12: inject 'b' is triggered by 'nowhere', which does not exist");
}

TEST(Scenario, RefusesACycleOfTriggersWithItsLine) {
  const std::string text = std::string(kHead) + R"([[inject]]
id = "start"
kind = "item"
at_minutes = 0
title_ja = "s"

[[inject]]
id = "a"
kind = "item"
after = "b"
title_ja = "x"

[[inject]]
id = "b"
kind = "item"
after = "a"
title_ja = "y"
)";
  auto r = domain::ParseScenario("data/exercises/t.toml", text);
  EXPECT_EQ(NoteOf(r), "data/exercises/t.toml:12: inject 'a' is in a cycle of triggers");
}

TEST(Scenario, RefusesOtherMistakesNamingTheLine) {
  struct Case {
    const char* body;
    const char* note;
  };
  const Case cases[] = {
      {"[[inject]]\nid = \"a\"\nkind = \"item\"\ntitle_ja = \"x\"\n",
       "t.toml:6: inject 'a' needs exactly one of at_minutes and after"},
      {"[[inject]]\nid = \"a\"\nkind = \"item\"\nat_minutes = 0\ntitle_ja = \"x\"\ntlp = \"RED\"\n",
       "t.toml:6: inject 'a': tlp must be GREEN, AMBER or AMBER+STRICT"},
      {"[[inject]]\nid = \"a\"\nkind = \"condition\"\nat_minutes = 0\ntitle_ja = \"x\"\n",
       "t.toml:6: condition 'a' names no channel that is down"},
      {"[[inject]]\nid = \"a\"\nkind = \"condition\"\nat_minutes = 0\ntitle_ja = \"x\"\n"
       "channels_down = [\"pigeon\"]\n",
       "t.toml:6: unknown channel 'pigeon'"},
      {"[[inject]]\nid = \"a\"\nkind = \"question_set\"\nat_minutes = 0\ntitle_ja = \"x\"\n"
       "[[inject.question]]\ntheme = \"weather\"\nja = \"q\"\n",
       "t.toml:11: unknown question theme 'weather'"},
      {"[[inject]]\nid = \"a\"\nkind = \"item\"\nat_minutes = 0\ntitle_ja = \"x\"\n"
       "[[inject]]\nid = \"a\"\nkind = \"item\"\nat_minutes = 1\ntitle_ja = \"y\"\n",
       "t.toml:11: inject id 'a' used twice"},
      {"[[inject]]\nid = \"a\"\nkind = \"item\"\nat_minutes = 0\ntitle_ja = \"x\n", "t.toml:10: "},
  };
  for (const Case& c : cases) {
    auto r = domain::ParseScenario("t.toml", std::string(kHead) + c.body);
    EXPECT_TRUE(NoteOf(r).starts_with(c.note)) << NoteOf(r);
  }
  auto speed = domain::ParseScenario("t.toml", std::string(kHead) + "speed = 61\n");
  EXPECT_EQ(NoteOf(speed), "t.toml:1: speed must be 1 to 60");
}

TEST(Scenario, TheShippedScenariosParse) {
  auto c = domain::ScenarioCatalog::ParseEmbedded();
  ASSERT_TRUE(c.ok()) << c.status().Describe();
  const auto* tabletop = c->Find("all-sector-tabletop");
  ASSERT_NE(tabletop, nullptr);
  EXPECT_EQ(tabletop->mode, "tabletop");
  // Every inject kind but the report request, the outage with the channels it takes down,
  // and the review asking the three questions on each of the three weak themes.
  bool outage = false, review = false;
  for (const auto& in : tabletop->injects) {
    if (in.kind == domain::InjectKind::kCondition) {
      outage = true;
      EXPECT_EQ(in.channels_down, (std::vector<std::string>{"mail", "phone", "power"}));
    }
    if (in.kind == domain::InjectKind::kQuestionSet) {
      review = true;
      ASSERT_EQ(in.questions.size(), 3u);
      EXPECT_EQ(in.questions[0].theme, "related_bodies");
      EXPECT_EQ(in.questions[1].theme, "supply_chain");
      EXPECT_EQ(in.questions[2].theme, "business_continuity");
    }
  }
  EXPECT_TRUE(outage);
  EXPECT_TRUE(review);
  const auto* drill = c->Find("sector-drill");
  ASSERT_NE(drill, nullptr);
  EXPECT_TRUE(drill->drill);
  ASSERT_EQ(drill->injects.size(), 1u);
  EXPECT_EQ(drill->injects[0].deadline_ms, 24 * 60 * kMin);  // 「１日以内」
}

TEST(ExpectationScoring, SuccessPartialFailedPending) {
  using domain::Outcome;
  using domain::ScoreAcknowledgement;
  const Millis hour = 60 * kMin;
  EXPECT_EQ(ScoreAcknowledgement(hour, 0, 30 * kMin, 2 * hour), Outcome::kSuccess);
  EXPECT_EQ(ScoreAcknowledgement(hour, 0, hour, 2 * hour), Outcome::kSuccess);  // on the dot
  EXPECT_EQ(ScoreAcknowledgement(hour, 0, hour + 1, 2 * hour), Outcome::kPartial);
  EXPECT_EQ(ScoreAcknowledgement(hour, 0, std::nullopt, hour + 1), Outcome::kFailed);
  EXPECT_EQ(ScoreAcknowledgement(hour, 0, std::nullopt, hour), Outcome::kPending);
  EXPECT_EQ(ScoreAcknowledgement(std::nullopt, 0, std::nullopt, 100 * hour), Outcome::kPending);
}

domain::ExerciseDelivery Row(std::int64_t org, std::int64_t user, Millis delivered,
                             std::optional<Millis> ack) {
  domain::ExerciseDelivery d;
  d.item_id = 1;
  d.deadline_ms = 24 * 60 * kMin;
  d.org_id = org;
  d.user_id = user;
  d.org_name_ja = "組織" + std::to_string(org);
  d.sector_ids = {"electricity"};
  d.delivered_at = delivered;
  d.acknowledged_at = ack;
  return d;
}

TEST(ExerciseMetrics, RatesCountOrganisationsOnTheExerciseClock) {
  ExerciseClock c;
  c.started_at = kT0;
  c.pauses = {{kT0 + 10 * kMin, kT0 + 70 * kMin}};  // an hour paused
  // Org 1: two people, one acknowledged after 30 min. Org 2: acknowledged 80 wall minutes
  // after delivery, 20 of them running (the pause does not make it late). Org 3: nobody.
  const std::vector<domain::ExerciseDelivery> rows = {
      Row(1, 11, kT0, kT0 + 30 * kMin + 60 * kMin), Row(1, 12, kT0, std::nullopt),
      Row(2, 21, kT0, kT0 + 80 * kMin), Row(3, 31, kT0, std::nullopt)};
  const auto m = domain::ComputeMetrics(rows, c, kT0 + 100 * kMin);
  EXPECT_EQ(m.total.targets, 3);
  EXPECT_EQ(m.total.acknowledged, 2);
  EXPECT_DOUBLE_EQ(m.total.rate[0], 2.0 / 3);  // both within 1 h on the exercise clock
  EXPECT_EQ(m.total.overdue, 0);               // the day is not over
  EXPECT_EQ(m.orgs_invited, 3);
  EXPECT_EQ(m.orgs_active, 2);
  EXPECT_EQ(m.people_invited, 4);
  EXPECT_EQ(m.people_active, 2);
  ASSERT_EQ(m.sectors.size(), 1u);
  EXPECT_EQ(m.sectors[0].targets, 3);
  const auto late = domain::ComputeMetrics(rows, c, kT0 + 26 * 60 * kMin);
  EXPECT_EQ(late.total.overdue, 1);  // org 3, once a day has run on the exercise clock
  EXPECT_DOUBLE_EQ(late.curve.back().second, 2.0 / 3);
}

}  // namespace
}  // namespace renkei
