// Surveys (調査, issue 21) over real HTTP on the demo data, every answer checked against the
// OpenAPI document: the demo survey as each demo account finds it (the centre owns it with
// aggregates of its 45 submissions, 電力ISAC relayed it and sees its members, 東北発電 has a
// draft), a new survey sent, relayed, answered and submitted; bad input gets a precise 4xx
// with the registry's code and field, and writes nothing; others get 403/404.
#include <gtest/gtest.h>

#include "api/api_env.h"

namespace renkei::testing {
namespace {

using nlohmann::json;

constexpr const char* kCentre = "officer@nco.example";
constexpr const char* kAnalyst = "analyst@jeisac.example";
constexpr const char* kMember = "member@denryoku.example";
constexpr const char* kMinistry = "officer@meti.example";
constexpr const char* kAdmin = "admin@renkei.example";

std::int64_t DemoSurvey(const Session& s) {
  auto r = s.Get("/api/v1/surveys");
  EXPECT_EQ(r.status, 200) << r.body;
  const json list = r.json();
  for (const auto& x : list["items"])
    if (x["title_ja"] == "安全基準等の浸透状況調査") return x["id"].get<std::int64_t>();
  return 0;
}

TEST(SurveyApi, TheDemoSurveyAsEachAccountFindsIt) {
  const Session centre = As(kCentre), analyst = As(kAnalyst), member = As(kMember);
  const std::int64_t id = DemoSurvey(centre);
  ASSERT_GT(id, 0);
  const std::string path = "/api/v1/surveys/" + std::to_string(id);
  // The member: its draft, a few questions answered.
  auto mine = member.Get(path);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.json()["response"]["state"], "draft");
  EXPECT_EQ(mine.json()["target"], true);
  EXPECT_EQ(mine.json()["definition"], "") << "the TOML is the owner's";
  EXPECT_GE(mine.json()["questions"].size(), 15u);
  // The hub: relayed, its members by name.
  auto prog = analyst.Get(path + "/progress");
  ASSERT_EQ(prog.status, 200) << prog.body;
  const json p = prog.json();
  ASSERT_EQ(p["hubs"].size(), 1u);
  EXPECT_EQ(p["hubs"][0]["submitted"], 45);
  EXPECT_EQ(p["hubs"][0]["drafts"], 11);
  EXPECT_GT(p["members"].size(), 100u);
  EXPECT_EQ(p["members"][0]["state"], "not_started") << "the not-yet-answered first";
  // The centre: the aggregates of its 45 submissions, the free text, the export.
  auto res = centre.Get(path + "/results");
  ASSERT_EQ(res.status, 200) << res.body;
  const json r = res.json();
  EXPECT_EQ(r["submitted"], 45);
  EXPECT_EQ(r["min_group"], 5);
  ASSERT_GE(r["groups"].size(), 2u);
  EXPECT_EQ(r["groups"][0]["suppressed"], false);
  EXPECT_EQ(r["groups"][1]["sector_id"], "electricity");
  auto texts = centre.Get(path + "/texts");
  ASSERT_EQ(texts.status, 200) << texts.body;
  EXPECT_GT(texts.json()["items"].size(), 0u);
  auto csv = centre.Get(path + "/results/export?format=csv&lang=ja");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("集計区分"), std::string::npos);
  EXPECT_NE(csv.body.find("安全基準・ガイドラインの内容を把握していますか"), std::string::npos);
  // Others: the results are the owner's; the ministry and the administrator see nothing.
  ExpectProblem(analyst.Get(path + "/results"), 403, "survey_owner_only");
  ExpectProblem(member.Get(path + "/texts"), 403, "survey_owner_only");
  ExpectProblem(member.Get(path + "/progress"), 403, "survey_progress_denied");
  for (const char* who : {kMinistry, kAdmin}) {
    const Session s = As(who);
    ExpectProblem(s.Get(path), 404, "not_found");
    ExpectProblem(s.Get(path + "/results/export?format=csv"), 404, "not_found");
  }
  ExpectProblem(centre.Get("/api/v1/surveys/999999"), 404, "not_found");
}

TEST(SurveyApi, SentRelayedAnsweredAndSubmittedOnceWithPreciseRefusals) {
  const Session centre = As(kCentre), analyst = As(kAnalyst), member = As(kMember);
  const std::string def =
      "title_ja = \"依存状況調査\"\ntitle_en = \"Dependence\"\n[[questions]]\nid = \"cloud\"\n"
      "type = \"single\"\nrequired = true\nja = \"クラウド\"\nen = \"Cloud\"\nchoices = [{ id = "
      "\"yes\", ja = \"はい\", en = \"Yes\" }, { id = \"no\", ja = \"いいえ\", en = \"No\" }]\n"
      "[[questions]]\nid = \"which\"\ntype = \"text\"\nja = \"どれ\"\nen = \"Which\"\nwhen = { "
      "question = \"cloud\", choice = \"yes\" }\n[[questions]]\nid = \"n\"\ntype = \"number\"\n"
      "ja = \"数\"\nen = \"N\"\nmin = 0\nmax = 9\n";
  json in = {{"definition", def},
             {"opens_at", "2020-01-01T00:00:00Z"},
             {"closes_at", "2099-01-01T00:00:00Z"},
             {"audience", {{"sectors", {"electricity"}}}}};
  // Bad input first: nothing is created.
  const auto before = centre.Get("/api/v1/surveys").json()["items"].size();
  json bad = in;
  bad["definition"] =
      std::string(def).replace(def.find("question = \"cloud\""), 18, "question = \"n\"");
  ExpectProblem(centre.Send("POST", "/api/v1/surveys", bad), 400, "survey_condition_unknown",
                "definition");
  bad = in;
  bad["closes_at"] = "2019-01-01T00:00:00Z";
  ExpectProblem(centre.Send("POST", "/api/v1/surveys", bad), 400, "survey_period_invalid",
                "closes_at");
  bad = in;
  bad["audience"]["org_kinds"] = {"pirate"};
  ExpectProblem(centre.Send("POST", "/api/v1/surveys", bad), 400, "survey_unknown_org_kind",
                "audience.org_kinds");
  bad = in;
  bad["audience"]["colour"] = "blue";
  ExpectProblem(centre.Send("POST", "/api/v1/surveys", bad), 400, "unknown_field",
                "audience.colour");
  ExpectProblem(member.Send("POST", "/api/v1/surveys", in), 403, "survey_create_denied");
  EXPECT_EQ(centre.Get("/api/v1/surveys").json()["items"].size(), before);

  auto made = centre.Send("POST", "/api/v1/surveys", in);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string path = "/api/v1/surveys/" + std::to_string(made.json()["id"].get<int>());
  EXPECT_EQ(made.json()["owner"], true);
  EXPECT_EQ(made.json()["definition"], def);
  ExpectProblem(member.Get(path), 404, "not_found");
  ExpectProblem(member.Send("POST", path + "/relay", json::object()), 404, "not_found");
  auto relayed = analyst.Send("POST", path + "/relay", json::object());
  ASSERT_EQ(relayed.status, 200) << relayed.body;
  EXPECT_GT(relayed.json()["added"].get<int>(), 100);
  // Answers: each refusal names the question's field; the draft stays as it was.
  auto put = [&](json answers) {
    return member.Send("PUT", path + "/answers", {{"answers", answers}});
  };
  ExpectProblem(put({{{"question", "n"}, {"number", 10}}}), 400, "survey_answer_range",
                "answers.n");
  ExpectProblem(put({{{"question", "n"}, {"number", "three"}}}), 400, "wrong_type",
                "answers[0].number");
  ExpectProblem(put({{{"question", "cloud"}, {"choices", {"maybe"}}}}), 400, "survey_answer_choice",
                "answers.cloud");
  ExpectProblem(
      put({{{"question", "cloud"}, {"choices", {"no"}}}, {{"question", "which"}, {"text", "AWS"}}}),
      400, "survey_answer_condition", "answers.which");
  ExpectProblem(put({{{"question", "ghost"}, {"text", "x"}}}), 400, "survey_unknown_question",
                "answers.ghost");
  EXPECT_EQ(member.Get(path).json()["response"]["state"], "not_started");
  ExpectProblem(member.Send("POST", path + "/submit", json()), 400, "survey_answer_required",
                "answers");
  auto saved = put({{{"question", "cloud"}, {"choices", {"yes"}}},
                    {{"question", "which"}, {"text", "AWS"}},
                    {{"question", "n"}, {"number", 2}}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["state"], "draft");
  auto sub = member.Send("POST", path + "/submit", json());
  ASSERT_EQ(sub.status, 200) << sub.body;
  EXPECT_EQ(sub.json()["state"], "submitted");
  ExpectProblem(member.Send("POST", path + "/submit", json()), 409, "survey_already_submitted");
  ExpectProblem(put({{{"question", "n"}, {"number", 3}}}), 409, "survey_already_submitted");
  // One submission: the whole audience is below five, so only its count shows.
  auto res = centre.Get(path + "/results");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json()["submitted"], 1);
  EXPECT_EQ(res.json()["groups"][0]["suppressed"], true);
  EXPECT_TRUE(res.json()["groups"][0]["questions"].empty());
  auto prog = analyst.Get(path + "/progress");
  ASSERT_EQ(prog.status, 200);
  EXPECT_EQ(prog.json()["hubs"][0]["submitted"], 1);
  auto list = analyst.Get("/api/v1/surveys");
  ASSERT_EQ(list.status, 200);
}

}  // namespace
}  // namespace renkei::testing
