// Surveys on both engines (docs/survey.md): the centre defines and sends, the hub relays,
// members draft and submit once, the hub's rate moves, the owner's aggregates keep the
// group-of-five rule, free text stays the owner's; every refused input is a clear 4xx that
// writes nothing.
#include <gtest/gtest.h>

#include "survey_world.h"

namespace renkei::testing {
namespace {

using domain::SurveyAnswer;
using domain::SurveyId;

class SurveyTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    w_ = SeedSurveyWorld(*tx_);
    svc_ = std::make_unique<domain::SurveyService>(*tx_, clock_);
  }
  domain::Actor As(UserId u) { return {PrincipalOf(*tx_, u), "ip"}; }
  domain::NewSurvey Electricity(std::string def = kSmallSurvey) {
    domain::NewSurvey n;
    n.definition = std::move(def);
    n.audience.sectors = {"electricity"};
    n.opens_at = clock_.now_ms() - 1000;
    n.closes_at = clock_.now_ms() + 30LL * 24 * 3600 * 1000;
    return n;
  }
  // Sent by the centre and relayed by hub A.
  SurveyId SentAndRelayed() {
    auto v = svc_->Create(As(w_.nc_officer), Electricity());
    EXPECT_TRUE(v.ok()) << v.status().Describe();
    if (!v.ok()) return SurveyId();
    auto r = svc_->Relay(As(w_.analyst_a), v->survey.id, std::nullopt);
    EXPECT_TRUE(r.ok()) << r.status().Describe();
    return v->survey.id;
  }
  std::vector<SurveyAnswer> Full(const std::string& adopted = "yes") {
    std::vector<SurveyAnswer> a = {
        Choice("adopted", {adopted}), NumberAnswer("staff", 4), TextAnswer("drill", "2026-09-01"),
        MatrixAnswer("measures", {{"mfa", "done"}}), TextAnswer("notes", "人手が足りません")};
    if (adopted == "no") a.push_back(Choice("why_not", {"people", "budget"}));
    return a;
  }

  ManualClock clock_{*ParseRfc3339("2026-07-01T10:00:00+09:00")};
  SurveyWorld w_;
  std::unique_ptr<domain::SurveyService> svc_;
};

TEST_P(SurveyTest, TheCentreSendsTheHubRelaysAndItsMembersProgressMoves) {
  auto v = svc_->Create(As(w_.nc_officer), Electricity());
  ASSERT_TRUE(v.ok()) << v.status().Describe();
  const SurveyId id = v->survey.id;
  EXPECT_TRUE(v->owner);
  ASSERT_EQ(v->survey.def.questions.size(), 6u);
  // Sent to hub A only (it serves electricity); not yet to its members.
  EXPECT_TRUE(svc_->Get(PrincipalOf(*tx_, w_.analyst_a), id).ok());
  EXPECT_EQ(svc_->Get(PrincipalOf(*tx_, w_.analyst_b), id).status().kind(), Kind::kNotFound);
  EXPECT_EQ(svc_->Get(PrincipalOf(*tx_, w_.member1), id).status().kind(), Kind::kNotFound)
      << "not relayed yet";
  // Hub B's analyst cannot relay what it never received.
  EXPECT_EQ(svc_->Relay(As(w_.analyst_b), id, std::nullopt).status().kind(), Kind::kNotFound);
  auto relayed = svc_->Relay(As(w_.analyst_a), id, std::nullopt);
  ASSERT_TRUE(relayed.ok()) << relayed.status().Describe();
  EXPECT_EQ(relayed->added, 6) << "m1, m2 and the four more operators of hub A";
  EXPECT_EQ(svc_->Relay(As(w_.analyst_a), id, std::nullopt)->added, 0) << "again: nobody new";
  // A member opens it: not started; the gas member still cannot.
  auto mine = svc_->Get(PrincipalOf(*tx_, w_.member1), id);
  ASSERT_TRUE(mine.ok()) << mine.status().Describe();
  EXPECT_TRUE(mine->target);
  ASSERT_TRUE(mine->response);
  EXPECT_EQ(mine->response->state, "not_started");
  EXPECT_EQ(svc_->Get(PrincipalOf(*tx_, w_.member3), id).status().kind(), Kind::kNotFound);

  auto progress = [&] {
    auto p = svc_->Progress(PrincipalOf(*tx_, w_.analyst_a), id);
    EXPECT_TRUE(p.ok()) << p.status().Describe();
    return p.ok() ? *p : domain::SurveyProgress{};
  };
  auto p0 = progress();
  ASSERT_EQ(p0.hubs.size(), 1u);
  EXPECT_EQ(p0.hubs[0].targets, 6);
  EXPECT_EQ(p0.hubs[0].submitted, 0);
  EXPECT_TRUE(p0.hubs[0].relayed_at.has_value());
  ASSERT_EQ(p0.members.size(), 6u);
  for (const auto& m : p0.members) EXPECT_EQ(m.state, "not_started");

  // A draft (autosave), then another person of the same organisation submits.
  ASSERT_TRUE(svc_->SaveDraft(As(w_.member1), id, {Choice("adopted", {"no"})}).ok());
  auto p1 = progress();
  EXPECT_EQ(p1.hubs[0].drafts, 1);
  auto saved = svc_->SaveDraft(As(w_.member1b), id, Full("no"));
  ASSERT_TRUE(saved.ok()) << saved.status().Describe();
  EXPECT_EQ(saved->answers.size(), 6u);
  auto sub = svc_->Submit(As(w_.member1b), id);
  ASSERT_TRUE(sub.ok()) << sub.status().Describe();
  EXPECT_EQ(sub->state, "submitted");
  EXPECT_EQ(sub->submitted_by, w_.member1b);
  // Frozen: a second submission and a later save are 409 and change nothing.
  const auto answers = Rows("survey_answers");
  EXPECT_EQ(svc_->Submit(As(w_.member1), id).status().code(), "survey_already_submitted");
  EXPECT_EQ(svc_->Submit(As(w_.member1), id).status().kind(), Kind::kConflict);
  EXPECT_EQ(svc_->SaveDraft(As(w_.member1), id, Full()).status().kind(), Kind::kConflict);
  EXPECT_EQ(Rows("survey_answers"), answers);
  auto p2 = progress();
  EXPECT_EQ(p2.hubs[0].submitted, 1);
  EXPECT_EQ(p2.hubs[0].drafts, 0);
  // The not-yet-answered come first; the one that answered is last.
  EXPECT_EQ(p2.members.back().org_id, w_.m1);
  EXPECT_EQ(p2.members.back().state, "submitted");
  // The owner sees the rates, never the members' names.
  auto owner = svc_->Progress(PrincipalOf(*tx_, w_.nc_officer), id);
  ASSERT_TRUE(owner.ok());
  EXPECT_TRUE(owner->members.empty());
  ASSERT_EQ(owner->sectors.size(), 1u);
  EXPECT_EQ(owner->sectors[0].key, "electricity");
  EXPECT_EQ(owner->sectors[0].submitted, 1);
  // A member sees its own survey but no progress.
  EXPECT_EQ(svc_->Progress(PrincipalOf(*tx_, w_.member1), id).status().kind(),
            Kind::kPermissionDenied);
}

TEST_P(SurveyTest, AnswersAreCheckedAgainstTheirQuestionsAndARefusalWritesNothing) {
  const SurveyId id = SentAndRelayed();
  ASSERT_TRUE(svc_->SaveDraft(As(w_.member1), id, {Choice("adopted", {"yes"})}).ok());
  const auto before = Rows("survey_answers");
  auto refused = [&](std::vector<SurveyAnswer> a) {
    return svc_->SaveDraft(As(w_.member1), id, a).status();
  };
  auto st = refused({NumberAnswer("staff", 101)});
  EXPECT_EQ(st.code(), "survey_answer_range");
  EXPECT_EQ(st.field(), "answers.staff");
  EXPECT_EQ(refused({Choice("adopted", {"maybe"})}).code(), "survey_answer_choice");
  EXPECT_EQ(refused({Choice("adopted", {"yes", "no"})}).code(), "survey_answer_type");
  EXPECT_EQ(refused({TextAnswer("staff", "four")}).code(), "survey_answer_type");
  EXPECT_EQ(refused({TextAnswer("drill", "2026-02-30")}).code(), "survey_answer_type");
  EXPECT_EQ(refused({MatrixAnswer("measures", {{"mfa", "half"}})}).code(), "survey_answer_choice");
  EXPECT_EQ(refused({MatrixAnswer("measures", {{"vpn", "done"}})}).code(), "survey_answer_type");
  EXPECT_EQ(refused({TextAnswer("notes", std::string(101, 'a'))}).code(), "too_long");
  EXPECT_EQ(refused({Choice("ghost", {"x"})}).code(), "survey_unknown_question");
  EXPECT_EQ(refused({Choice("adopted", {"no"}), Choice("adopted", {"no"})}).code(),
            "survey_answer_repeated");
  // A question whose condition is not met: refused (the page hides it, the API says why).
  st = refused({Choice("adopted", {"yes"}), Choice("why_not", {"people"})});
  EXPECT_EQ(st.code(), "survey_answer_condition");
  EXPECT_EQ(st.kind(), Kind::kInvalidArgument);
  EXPECT_EQ(refused({Choice("why_not", {"people"})}).code(), "survey_answer_condition");
  EXPECT_EQ(Rows("survey_answers"), before);
  // Submission asks the required questions that are asked.
  ASSERT_TRUE(svc_->SaveDraft(As(w_.member1), id, {NumberAnswer("staff", 3)}).ok());
  st = svc_->Submit(As(w_.member1), id).status();
  EXPECT_EQ(st.code(), "survey_answer_required");
  // Someone not asked: the hub's analyst sees the survey but has no answer set.
  EXPECT_EQ(svc_->SaveDraft(As(w_.analyst_a), id, Full()).status().code(), "survey_not_a_target");
  // After the close nothing is taken.
  clock_.advance(31LL * 24 * 3600 * 1000);
  EXPECT_EQ(svc_->SaveDraft(As(w_.member1), id, Full()).status().code(), "survey_not_open");
  EXPECT_EQ(svc_->Submit(As(w_.member1), id).status().code(), "survey_not_open");
}

TEST_P(SurveyTest, ADefinitionErrorNamesItsLineAndNothingIsCreated) {
  auto create = [&](const std::string& def) {
    return svc_->Create(As(w_.nc_officer), Electricity(def)).status();
  };
  // A condition on a later question, on a missing one, on a text question, on a missing choice.
  const std::string later = R"(title_ja = "t"
title_en = "t"
[[questions]]
id = "a"
type = "text"
ja = "a"
en = "a"
when = { question = "b", choice = "yes" }
[[questions]]
id = "b"
type = "single"
ja = "b"
en = "b"
choices = [{ id = "yes", ja = "はい", en = "Yes" }]
)";
  auto st = create(later);
  EXPECT_EQ(st.code(), "survey_condition_unknown");
  EXPECT_EQ(st.kind(), Kind::kInvalidArgument);
  EXPECT_EQ(st.field(), "definition");
  EXPECT_NE(st.message(Lang::kEn).find("Line 8:"), std::string::npos) << st.Describe();
  EXPECT_NE(st.message(Lang::kJa).find("8行目"), std::string::npos) << st.Describe();
  std::string missing = later;
  missing.replace(missing.find("question = \"b\""), 14, "question = \"z\"");
  EXPECT_EQ(create(missing).code(), "survey_condition_unknown");
  const std::string on_text = R"(title_ja = "t"
title_en = "t"
[[questions]]
id = "a"
type = "text"
ja = "a"
en = "a"
[[questions]]
id = "b"
type = "text"
ja = "b"
en = "b"
when = { question = "a", choice = "yes" }
)";
  EXPECT_EQ(create(on_text).code(), "survey_condition_type");
  std::string no_choice = std::string(kSmallSurvey);
  no_choice.replace(no_choice.find("choice = \"no\""), 13, "choice = \"nah\"");
  EXPECT_EQ(create(no_choice).code(), "survey_condition_choice");
  EXPECT_EQ(create("title_ja = \"t\"\ntitle_en = \"t\"\n[[questions]]\nid = \"a\"\ntype = "
                   "\"slider\"\nja = \"a\"\nen = \"a\"\n")
                .code(),
            "survey_definition_field");
  EXPECT_EQ(create("title_ja = \"t\"\n[[questions]\n").code(), "survey_definition_syntax");
  EXPECT_EQ(create(std::string(kSmallSurvey) + "\n[[questions]]\nid = \"staff\"\ntype = "
                                               "\"text\"\nja = \"x\"\nen = \"x\"\n")
                .code(),
            "survey_definition_duplicate");
  // The period and the audience.
  auto n = Electricity();
  n.closes_at = n.opens_at;
  EXPECT_EQ(svc_->Create(As(w_.nc_officer), n).status().code(), "survey_period_invalid");
  n = Electricity();
  n.audience.sectors = {"water"};
  EXPECT_EQ(svc_->Create(As(w_.nc_officer), n).status().code(), "unknown_sector");
  n = Electricity();
  n.audience.hubs = {w_.hub_b};
  EXPECT_EQ(svc_->Create(As(w_.nc_officer), n).status().code(), "survey_unknown_hub")
      << "hub B does not serve electricity";
  n = Electricity();
  n.audience.size_classes = {"huge"};
  EXPECT_EQ(svc_->Create(As(w_.nc_officer), n).status().code(), "survey_unknown_size_class");
  // Who may create.
  EXPECT_EQ(svc_->Create(As(w_.member1), Electricity()).status().code(), "survey_create_denied");
  EXPECT_EQ(svc_->Create(As(w_.analyst_a), Electricity()).status().code(), "survey_create_denied");
  EXPECT_EQ(Rows("surveys"), 0);
  EXPECT_EQ(Rows("survey_hubs"), 0);
}

TEST_P(SurveyTest, AMinistrySurveysOnlyTheSectorsItOversees) {
  auto n = Electricity();
  n.audience.sectors = {};
  EXPECT_EQ(svc_->Create(As(w_.officer), n).status().code(), "survey_ministry_needs_sectors");
  Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    return s.directory.UpsertSector({"water", "水道", "Water", 3, w_.nc});
  });
  ASSERT_TRUE(st.ok());
  n.audience.sectors = {"water"};
  EXPECT_EQ(svc_->Create(As(w_.officer), n).status().code(), "survey_sector_not_overseen");
  n.audience.sectors = {"electricity", "gas"};
  auto v = svc_->Create(As(w_.officer), n);
  ASSERT_TRUE(v.ok()) << v.status().Describe();
  // Sent to both hubs; the centre's officer is not its owner and sees nothing of it.
  EXPECT_TRUE(svc_->Get(PrincipalOf(*tx_, w_.analyst_b), v->survey.id).ok());
  EXPECT_EQ(svc_->Get(PrincipalOf(*tx_, w_.nc_officer), v->survey.id).status().kind(),
            Kind::kNotFound);
  auto hub_b = svc_->Relay(As(w_.analyst_b), v->survey.id, w_.hub_b);
  ASSERT_TRUE(hub_b.ok()) << hub_b.status().Describe();
  EXPECT_EQ(hub_b->added, 1) << "m3";
}

TEST_P(SurveyTest, AggregatesShowOnlyForGroupsOfFiveAndFreeTextOnlyToTheOwner) {
  const SurveyId id = SentAndRelayed();
  const auto centre = PrincipalOf(*tx_, w_.nc_officer);
  std::vector<UserId> answerers = {w_.member1};
  for (auto u : w_.people) answerers.push_back(u);
  // Four submissions: the sector and the whole audience are below five.
  for (size_t i = 0; i < 4; ++i) {
    ASSERT_TRUE(svc_->SaveDraft(As(answerers[i]), id, Full(i == 0 ? "no" : "yes")).ok());
    ASSERT_TRUE(svc_->Submit(As(answerers[i]), id).ok());
  }
  auto r = svc_->Results(centre, id);
  ASSERT_TRUE(r.ok()) << r.status().Describe();
  EXPECT_EQ(r->submitted, 4);
  EXPECT_EQ(r->targets, 6);
  for (const auto& g : r->groups) {
    EXPECT_TRUE(g.suppressed) << g.sector_id;
    EXPECT_TRUE(g.questions.empty()) << "nothing but the count below five";
  }
  // The fifth: both groups show.
  ASSERT_TRUE(svc_->SaveDraft(As(answerers[4]), id, Full("yes")).ok());
  ASSERT_TRUE(svc_->Submit(As(answerers[4]), id).ok());
  // A draft never counts.
  ASSERT_TRUE(svc_->SaveDraft(As(w_.member2), id, Full("no")).ok());
  r = svc_->Results(centre, id);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->groups.size(), 2u);
  EXPECT_EQ(r->groups[0].sector_id, "");
  EXPECT_EQ(r->groups[1].sector_id, "electricity");
  for (const auto& g : r->groups) {
    ASSERT_FALSE(g.suppressed);
    EXPECT_EQ(g.submitted, 5);
    std::map<std::string, std::int64_t> adopted;
    for (const auto& q : g.questions) {
      if (q.question_id == "adopted") {
        EXPECT_EQ(q.answered, 5);
        for (const auto& c : q.counts) adopted[c.choice] = c.n;
      }
      if (q.question_id == "staff") {
        ASSERT_TRUE(q.mean.has_value());
        EXPECT_DOUBLE_EQ(*q.mean, 4.0);
      }
      if (q.question_id == "measures") {
        ASSERT_EQ(q.counts.size(), 1u);
        EXPECT_EQ(q.counts[0].row, "mfa");
        EXPECT_EQ(q.counts[0].n, 5);
      }
    }
    EXPECT_EQ(adopted, (std::map<std::string, std::int64_t>{{"no", 1}, {"yes", 4}}));
  }
  // Free text: the owner's, with the sector, never the organisation.
  auto texts = svc_->Texts(centre, id);
  ASSERT_TRUE(texts.ok());
  ASSERT_EQ(texts->size(), 5u);
  EXPECT_EQ((*texts)[0].text, "人手が足りません");
  EXPECT_EQ((*texts)[0].sectors, "electricity");
  for (UserId u : {w_.analyst_a, w_.member1}) {
    EXPECT_EQ(svc_->Results(PrincipalOf(*tx_, u), id).status().kind(), Kind::kPermissionDenied);
    EXPECT_EQ(svc_->Texts(PrincipalOf(*tx_, u), id).status().kind(), Kind::kPermissionDenied);
  }
  for (UserId u : {w_.officer, w_.analyst_b, w_.member3, w_.admin}) {
    EXPECT_EQ(svc_->Results(PrincipalOf(*tx_, u), id).status().kind(), Kind::kNotFound);
    EXPECT_EQ(svc_->Texts(PrincipalOf(*tx_, u), id).status().kind(), Kind::kNotFound);
  }
  // The export: the same rule, audited.
  domain::Survey s;
  auto ex = svc_->ExportResults(As(w_.nc_officer), id, {"csv", {}}, &s);
  ASSERT_TRUE(ex.ok());
  EXPECT_EQ(s.def.title_ja, "浸透状況調査");
  EXPECT_EQ(svc_->ExportResults(As(w_.analyst_a), id, {"csv", {}}, nullptr).status().kind(),
            Kind::kPermissionDenied);
}

TEST_P(SurveyTest, TheDemoSurveyParsesWithItsConditions) {
  const auto templates = domain::SurveyTemplates();
  ASSERT_FALSE(templates.empty());
  for (const auto& t : templates) {
    auto d = domain::SurveyDefinition::Parse(t.toml);
    ASSERT_TRUE(d.ok()) << t.name << ": " << d.status().Describe();
    EXPECT_GE(d->questions.size(), 15u) << t.name;
    int conditions = 0;
    for (const auto& q : d->questions) conditions += q.when_question.empty() ? 0 : 1;
    EXPECT_GE(conditions, 2) << t.name;
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, SurveyTest, RENKEI_ENGINES);

}  // namespace
}  // namespace renkei::testing
