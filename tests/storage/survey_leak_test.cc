// The randomized leak test of surveys, on both engines: a random directory on top of the
// survey world (more operators in hub A, hub B or none, of random sectors and sizes; people
// of every role in random organisations), random surveys by the centre and the ministry with
// random audiences, random relays, random drafts and submissions; then every person reads
// every survey (and an unknown id) by every read path — Get, List, Progress, Results, Texts,
// the results' export — and sees exactly what THE survey rule (survey_service.h) allows,
// computed here from the rule's text and the stored rows, never by asking the service: 404
// for an invisible survey exactly as for an unknown id, the members' names only to their
// hub, aggregates and free text only to the owner. RENKEI_SURVEY_LEAK_SEED replays a
// failing world; the seed is printed with every failure.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <random>
#include <set>

#include "domain/assessment/scoring.h"
#include "survey_world.h"

namespace renkei::testing {
namespace {

using domain::Role;
using domain::SurveyId;

struct Person {
  UserId id;
  OrgId org;
  Role role;
};

std::uint32_t Seed() {
  const char* s = std::getenv("RENKEI_SURVEY_LEAK_SEED");
  return s ? static_cast<std::uint32_t>(std::strtoul(s, nullptr, 10)) : 20261203u;
}

class SurveyLeakTest : public EngineTest {
 protected:
  template <typename F>
  void Sql(const std::string& sql, F each) {
    ASSERT_TRUE(tx_->WithConnection([&](storage::Connection& c) -> Status {
                     RENKEI_ASSIGN_OR_RETURN(auto rows, c.Query(sql, {}));
                     for (auto& r : rows) each(r);
                     return Status::Ok();
                   })
                    .ok());
  }
};

TEST_P(SurveyLeakTest, EveryReadPathShowsExactlyWhatTheSurveyRuleAllows) {
  const std::uint32_t seed = Seed();
  SCOPED_TRACE("seed " + std::to_string(seed) + " (RENKEI_SURVEY_LEAK_SEED replays it)");
  std::mt19937 rng(seed);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  auto coin = [&](int percent) { return static_cast<int>(pick(100)) < percent; };
  SurveyWorld w = SeedSurveyWorld(*tx_);
  ManualClock clock(*ParseRfc3339("2026-07-01T10:00:00+09:00"));
  domain::SurveyService svc(*tx_, clock);
  auto actor = [&](UserId u) { return domain::Actor{PrincipalOf(*tx_, u), "ip"}; };

  // The directory: random operators and people.
  std::vector<Person> people = {{w.admin, w.ops, Role::kAdmin},
                                {w.analyst_a, w.sa, Role::kHubAnalyst},
                                {w.analyst_b, w.sb, Role::kHubAnalyst},
                                {w.member1, w.m1, Role::kMember},
                                {w.member1b, w.m1, Role::kMember},
                                {w.member3, w.m3, Role::kMember},
                                {w.officer, w.meti, Role::kMinistryOfficer},
                                {w.nc_officer, w.nc, Role::kNationalCentreOfficer},
                                {w.member2, w.m2, Role::kMember}};
  for (size_t i = 0; i < w.more.size(); ++i)
    people.push_back({w.people[i], w.more[i], Role::kMember});
  std::vector<OrgId> orgs = {w.m1, w.m2, w.m3, w.sa, w.sb, w.meti, w.nc, w.ops};
  for (auto o : w.more) orgs.push_back(o);
  Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    const char* sizes[] = {"", "small", "medium", "large"};
    for (int i = 0; i < 14; ++i) {
      const bool gas = coin(40);
      std::vector<HubId> hubs;
      if (coin(80)) hubs.push_back(gas ? w.hub_b : w.hub_a);
      if (coin(10)) hubs.push_back(gas ? w.hub_a : w.hub_b);
      domain::Organisation o;
      o.name_ja = "事業者" + std::to_string(i);
      o.kind = coin(85) ? "operator" : "vendor";
      o.sector_ids = {gas ? "gas" : "electricity"};
      o.hub_ids = hubs;
      o.size_class = sizes[pick(4)];
      o.created_at = o.updated_at = 1000;
      RENKEI_ASSIGN_OR_RETURN(auto id, s.directory.CreateOrganisation(o));
      orgs.push_back(id);
      people.push_back({AddUser(s, id, "p" + std::to_string(i) + "@ops.example", Role::kMember), id,
                        Role::kMember});
    }
    // People of every role in random organisations.
    const Role roles[] = {Role::kMember, Role::kHubAnalyst, Role::kMinistryOfficer,
                          Role::kNationalCentreOfficer, Role::kAdmin};
    for (int i = 0; i < 10; ++i) {
      const Role r = roles[pick(5)];
      const OrgId o = orgs[pick(orgs.size())];
      people.push_back({AddUser(s, o, "x" + std::to_string(i) + "@any.example", r), o, r});
    }
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();

  // Surveys with random audiences, relays and answers.
  std::vector<SurveyId> surveys;
  for (int i = 0; i < 5; ++i) {
    const bool centre = coin(60);
    domain::NewSurvey n;
    n.definition = kSmallSurvey;
    n.opens_at = clock.now_ms() - 1000;
    n.closes_at = clock.now_ms() + 10LL * 24 * 3600 * 1000;
    if (!centre || coin(60)) {
      if (coin(70)) n.audience.sectors.push_back("electricity");
      if (n.audience.sectors.empty() || coin(40)) n.audience.sectors.push_back("gas");
    }
    if (coin(30)) n.audience.size_classes = {"small", "large"};
    auto v = svc.Create(actor(centre ? w.nc_officer : w.officer), n);
    ASSERT_TRUE(v.ok()) << v.status().Describe();
    surveys.push_back(v->survey.id);
    for (UserId a : {w.analyst_a, w.analyst_b}) {
      if (!coin(75)) continue;
      auto r = svc.Relay(actor(a), v->survey.id, std::nullopt);
      ASSERT_TRUE(r.ok() || r.status().kind() == Kind::kNotFound) << r.status().Describe();
    }
    for (const auto& p : people) {
      if (p.role != Role::kMember || !coin(60)) continue;
      const std::vector<domain::SurveyAnswer> a = {
          Choice("adopted", {coin(50) ? "yes" : "no"}), NumberAnswer("staff", double(pick(50))),
          TextAnswer("notes", "自由記述" + std::to_string(p.id.value))};
      auto d = svc.SaveDraft(actor(p.id), v->survey.id, a);
      if (!d.ok()) continue;  // not a target, or submitted by a colleague
      if (coin(70)) {
        ASSERT_TRUE(svc.Submit(actor(p.id), v->survey.id).ok());
      }
    }
  }

  // What the rows say.
  std::map<std::int64_t, std::int64_t> owner_of;
  Sql("SELECT id, owner_org_id FROM surveys",
      [&](storage::Row& r) { owner_of[r.i64(0)] = r.i64(1); });
  std::map<std::int64_t, std::int64_t> secretariat;
  Sql("SELECT id, secretariat_org_id FROM hubs",
      [&](storage::Row& r) { secretariat[r.i64(0)] = r.i64(1); });
  std::map<std::int64_t, std::set<std::int64_t>> sent;  // survey → hubs
  Sql("SELECT survey_id, hub_id FROM survey_hubs",
      [&](storage::Row& r) { sent[r.i64(0)].insert(r.i64(1)); });
  struct Target {
    std::int64_t org, hub;
    std::string state;
  };
  std::map<std::int64_t, std::vector<Target>> targets;
  Sql("SELECT t.survey_id, t.org_id, t.hub_id, COALESCE(r.state, 'not_started') FROM "
      "survey_targets t "
      "LEFT JOIN survey_responses r ON r.survey_id = t.survey_id AND r.org_id = t.org_id",
      [&](storage::Row& r) {
        targets[r.i64(0)].push_back({r.i64(1), r.i64(2), r.str(3)});
      });
  std::map<std::int64_t, std::int64_t> texts;
  Sql("SELECT a.survey_id, COUNT(*) FROM survey_answers a JOIN survey_responses r ON r.survey_id = "
      "a.survey_id AND r.org_id = a.org_id WHERE a.kind = 'text' AND r.state = 'submitted' GROUP "
      "BY "
      "a.survey_id",
      [&](storage::Row& r) { texts[r.i64(0)] = r.i64(1); });

  int checked = 0, visible_seen = 0, owner_seen = 0, hub_seen = 0, target_seen = 0;
  for (const auto& p : people) {
    const auto principal = PrincipalOf(*tx_, p.id);
    const bool officer = p.role == Role::kMinistryOfficer || p.role == Role::kNationalCentreOfficer;
    const bool analyst = p.role == Role::kHubAnalyst;
    std::set<std::int64_t> expected_list;
    for (SurveyId s : surveys) {
      const std::int64_t id = s.value;
      const bool owner = officer && owner_of[id] == p.org.value;
      std::set<std::int64_t> my_hubs;
      for (auto h : sent[id])
        if (analyst && secretariat[h] == p.org.value) my_hubs.insert(h);
      const bool hub = !my_hubs.empty();
      const Target* mine = nullptr;
      for (const auto& t : targets[id])
        if (t.org == p.org.value) mine = &t;
      const bool visible = owner || hub || mine;
      if (visible) expected_list.insert(id);
      SCOPED_TRACE(p.id.value);
      SCOPED_TRACE(id);
      // Get
      auto got = svc.Get(principal, s);
      ASSERT_EQ(got.ok(), visible) << got.status().Describe();
      if (!visible) {
        EXPECT_EQ(got.status().kind(), Kind::kNotFound);
      }
      if (got.ok()) {
        ++visible_seen;
        EXPECT_EQ(got->owner, owner);
        EXPECT_EQ(got->target, mine != nullptr);
        EXPECT_EQ(got->response.has_value(), mine != nullptr);
        if (mine) {
          EXPECT_EQ(got->response->state, mine->state);
        }
        EXPECT_EQ(got->relays.size(), my_hubs.size());
        EXPECT_EQ(got->survey.definition_text.empty(), false);
      }
      // Progress
      auto prog = svc.Progress(principal, s);
      if (!visible) {
        EXPECT_EQ(prog.status().kind(), Kind::kNotFound);
      } else if (!owner && !hub) {
        EXPECT_EQ(prog.status().kind(), Kind::kPermissionDenied);
      } else {
        ASSERT_TRUE(prog.ok()) << prog.status().Describe();
        std::set<std::string> hub_keys;
        std::int64_t counted = 0;
        for (const auto& h : prog->hubs) {
          hub_keys.insert(h.key);
          counted += h.targets;
        }
        std::set<std::string> expected_hubs;
        std::int64_t expected_targets = 0;
        std::set<std::int64_t> expected_members;
        for (auto h : sent[id])
          if (owner || my_hubs.count(h)) expected_hubs.insert(std::to_string(h));
        for (const auto& t : targets[id]) {
          if (owner || my_hubs.count(t.hub)) ++expected_targets;
          if (my_hubs.count(t.hub)) expected_members.insert(t.org);
        }
        EXPECT_EQ(hub_keys, expected_hubs);
        EXPECT_EQ(counted, expected_targets);
        std::set<std::int64_t> members;
        for (const auto& m : prog->members) {
          members.insert(m.org_id.value);
          for (const auto& t : targets[id])
            if (t.org == m.org_id.value) {
              EXPECT_EQ(m.state, t.state);
            }
        }
        EXPECT_EQ(members, expected_members) << "names only to the relaying hub";
        if (owner) ++owner_seen;
        if (hub) ++hub_seen;
      }
      if (mine) ++target_seen;
      // Results, free text, the export
      auto res = svc.Results(principal, s);
      auto txt = svc.Texts(principal, s);
      auto exp = svc.ExportResults(actor(p.id), s, {"csv", {}}, nullptr);
      const Kind refused = visible ? Kind::kPermissionDenied : Kind::kNotFound;
      if (!owner) {
        EXPECT_EQ(res.status().kind(), refused);
        EXPECT_EQ(txt.status().kind(), refused);
        EXPECT_EQ(exp.status().kind(), refused);
      } else {
        ASSERT_TRUE(res.ok() && txt.ok() && exp.ok());
        std::int64_t submitted = 0;
        for (const auto& t : targets[id]) submitted += t.state == "submitted" ? 1 : 0;
        EXPECT_EQ(res->submitted, submitted);
        EXPECT_EQ(res->targets, static_cast<std::int64_t>(targets[id].size()));
        for (const auto& g : res->groups) {
          EXPECT_EQ(g.suppressed, g.submitted < domain::kMinGroup);
          if (g.suppressed) {
            EXPECT_TRUE(g.questions.empty());
          }
        }
        EXPECT_EQ(static_cast<std::int64_t>(txt->size()), texts[id]);
      }
      ++checked;
    }
    // List: exactly the visible surveys, with the counts the rule allows.
    auto list = svc.List(principal);
    ASSERT_TRUE(list.ok());
    std::set<std::int64_t> listed;
    for (const auto& x : *list) {
      listed.insert(x.survey.id.value);
      std::int64_t expected_targets = 0;
      std::string my_state;
      for (const auto& t : targets[x.survey.id.value]) {
        const bool via_my_hub = analyst && secretariat[t.hub] == p.org.value;
        if ((officer && owner_of[x.survey.id.value] == p.org.value) || via_my_hub)
          ++expected_targets;
        if (t.org == p.org.value) my_state = t.state;
      }
      EXPECT_EQ(x.targets, expected_targets) << x.survey.id.value;
      EXPECT_EQ(x.my_state, my_state) << x.survey.id.value;
    }
    EXPECT_EQ(listed, expected_list);
    // An unknown survey answers as an invisible one.
    for (auto path : {0, 1, 2, 3}) {
      const SurveyId ghost(999999);
      Kind k = path == 0   ? svc.Get(principal, ghost).status().kind()
               : path == 1 ? svc.Progress(principal, ghost).status().kind()
               : path == 2 ? svc.Results(principal, ghost).status().kind()
                           : svc.Texts(principal, ghost).status().kind();
      EXPECT_EQ(k, Kind::kNotFound);
    }
  }
  // The world exercised every clause.
  EXPECT_GT(checked, 100);
  EXPECT_GT(owner_seen, 0);
  EXPECT_GT(hub_seen, 0);
  EXPECT_GT(target_seen, 0);
  EXPECT_GT(visible_seen, owner_seen);
}

INSTANTIATE_TEST_SUITE_P(Engines, SurveyLeakTest, RENKEI_ENGINES);

}  // namespace
}  // namespace renkei::testing
