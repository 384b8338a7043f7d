// The surveys' test world on top of World (world.h): the national centre with an officer,
// four more electricity operators in hub A (so the sector reaches a group of five), and a
// small survey definition with every question type and a condition.
#pragma once

#include "core/time_format.h"
#include "domain/survey/survey_service.h"
#include "world.h"

namespace renkei::testing {

struct SurveyWorld : World {
  OrgId nc;
  UserId nc_officer, member2;
  std::vector<OrgId> more;     // electricity operators in hub A, after m1 and m2
  std::vector<UserId> people;  // one member of each of `more`
};

inline SurveyWorld SeedSurveyWorld(domain::Transactor& tx) {
  SurveyWorld w;
  static_cast<World&>(w) = SeedWorld(tx);
  Status st = tx.Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    w.nc = AddOrg(s, "国家サイバー統括室", "national_centre", {}, {});
    w.member2 = AddUser(s, w.m2, "member@m2.example", domain::Role::kMember);
    w.nc_officer = AddUser(s, w.nc, "officer@nc.example", domain::Role::kNationalCentreOfficer);
    for (int i = 0; i < 4; ++i) {
      const std::string n = std::to_string(i + 1);
      const OrgId o = AddOrg(s, "電力" + n + "株式会社", "operator", {"electricity"}, {w.hub_a});
      w.more.push_back(o);
      w.people.push_back(AddUser(s, o, "member@e" + n + ".example", domain::Role::kMember));
    }
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.Describe();
  return w;
}

inline constexpr const char* kSmallSurvey = R"(title_ja = "浸透状況調査"
title_en = "Uptake survey"
series = "uptake"

[[questions]]
id = "adopted"
type = "single"
required = true
ja = "取り入れていますか。"
en = "Adopted?"
choices = [
  { id = "yes", ja = "はい", en = "Yes" },
  { id = "no", ja = "いいえ", en = "No" },
]

[[questions]]
id = "why_not"
type = "multiple"
ja = "理由"
en = "Why not"
when = { question = "adopted", choice = "no" }
choices = [
  { id = "people", ja = "人手", en = "People" },
  { id = "budget", ja = "予算", en = "Budget" },
]

[[questions]]
id = "staff"
type = "number"
ja = "人数"
en = "Staff"
min = 0
max = 100

[[questions]]
id = "drill"
type = "date"
ja = "訓練日"
en = "Drill"

[[questions]]
id = "measures"
type = "matrix"
ja = "対策"
en = "Measures"
rows = [
  { id = "mfa", ja = "多要素認証", en = "MFA" },
  { id = "backup", ja = "バックアップ", en = "Backup" },
]
choices = [
  { id = "done", ja = "済", en = "Done" },
  { id = "not_yet", ja = "未", en = "Not yet" },
]

[[questions]]
id = "notes"
type = "text"
ja = "困りごと"
en = "Difficulties"
max_chars = 100
)";

inline domain::SurveyAnswer Choice(std::string q, std::vector<std::string> c) {
  domain::SurveyAnswer a;
  a.question_id = std::move(q);
  a.choices = std::move(c);
  return a;
}
inline domain::SurveyAnswer NumberAnswer(std::string q, double v) {
  domain::SurveyAnswer a;
  a.question_id = std::move(q);
  a.number = v;
  return a;
}
inline domain::SurveyAnswer TextAnswer(std::string q, std::string t) {
  domain::SurveyAnswer a;
  a.question_id = std::move(q);
  a.text = std::move(t);
  return a;
}
inline domain::SurveyAnswer MatrixAnswer(std::string q,
                                         std::vector<std::pair<std::string, std::string>> m) {
  domain::SurveyAnswer a;
  a.question_id = std::move(q);
  a.matrix = std::move(m);
  return a;
}

}  // namespace renkei::testing
