// The randomized leak test of the user search, on both engines: a random directory
// (operators in hub A, hub B or none, people with random roles in random organisations,
// secretariat staff among them, names in full- and half-width forms) and then every person
// searches with every query, paging three at a time. What each finds must be exactly the
// users the rule lets them see — administrators everyone, hub staff (hub analysts of a
// secretariat) the users of their hubs' member organisations, everyone their own
// organisation's — among those the query names; and one user by id answers the same.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <random>
#include <set>

#include "core/text.h"
#include "domain/directory/directory_service.h"
#include "world.h"

namespace renkei::testing {
namespace {

using domain::Role;

struct Person {
  UserId id;
  OrgId org;
  Role role;
  int name = -1;  // index into kNames; -1: the seeded 「テスト 利用者」
};

// Display names in the forms people type them: with and without spaces, full-width Latin,
// half-width katakana.
constexpr const char* kNames[] = {"東北 太郎", "みなと 花子", "ＡＢＣ 次郎", "Suzuki Ichiro",
                                  "ｽｽﾞｷ 一郎"};

class UserSearchLeakTest : public EngineTest {};

TEST_P(UserSearchLeakTest, EveryPersonFindsExactlyTheUsersTheRuleLetsThemSee) {
  std::mt19937 rng(20261216);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  World w = SeedWorld(*tx_);
  std::vector<Person> people;
  std::map<std::int64_t, std::vector<HubId>> hubs_of;  // organisation → its hubs
  std::map<std::int64_t, std::string> org_name;
  hubs_of[w.m1.value] = {w.hub_a};
  hubs_of[w.m2.value] = {w.hub_a};
  hubs_of[w.m3.value] = {w.hub_b};
  org_name[w.m2.value] = "株式会社みなと電力";
  Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    std::vector<OrgId> anywhere = {w.meti, w.sa, w.sb, w.ops, w.m1, w.m2, w.m3};
    for (int o = 0; o < 8; ++o) {
      std::vector<HubId> in;
      const size_t which = pick(4);
      if (which == 0 || which == 3) in.push_back(w.hub_a);
      if (which == 1 || which == 3) in.push_back(w.hub_b);
      const std::string name = "事業者" + std::to_string(o);
      const OrgId id = AddOrg(s, name, "operator", {"electricity"}, in);
      hubs_of[id.value] = in;
      org_name[id.value] = name;
      anywhere.push_back(id);
    }
    const Role roles[] = {Role::kMember, Role::kMember, Role::kHubAnalyst, Role::kMinistryOfficer,
                          Role::kAdmin};
    for (int u = 0; u < 40; ++u) {
      // Secretariat organisations often, so hub staff and their colleagues are many.
      const OrgId org = pick(3) == 0 ? (pick(2) ? w.sa : w.sb) : anywhere[pick(anywhere.size())];
      const Role role = u < 36 ? roles[pick(4)] : roles[4];
      domain::User user;
      user.org_id = org;
      user.email = "p" + std::to_string(u) + "@leak.example";
      const int name = static_cast<int>(pick(std::size(kNames)));
      user.display_name = kNames[name];
      user.roles = {role};
      user.created_at = user.updated_at = 1000;
      RENKEI_ASSIGN_OR_RETURN(UserId id, s.directory.CreateUser(user, TestPasswordHash()));
      people.push_back({id, org, role, name});
    }
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  for (auto [id, org, role] : {std::tuple{w.analyst_a, w.sa, Role::kHubAnalyst},
                               {w.analyst_b, w.sb, Role::kHubAnalyst},
                               {w.member1, w.m1, Role::kMember},
                               {w.member1b, w.m1, Role::kMember},
                               {w.member3, w.m3, Role::kMember},
                               {w.officer, w.meti, Role::kMinistryOfficer},
                               {w.admin, w.ops, Role::kAdmin}})
    people.push_back({id, org, role, -1});

  // The rule, written out independently of the service.
  auto runs = [&](OrgId secretariat, HubId hub) {
    return (hub == w.hub_a && secretariat == w.sa) || (hub == w.hub_b && secretariat == w.sb);
  };
  auto sees = [&](const Person& viewer, const Person& target) {
    if (viewer.role == Role::kAdmin || viewer.org == target.org) return true;
    if (viewer.role != Role::kHubAnalyst) return false;
    for (HubId h : hubs_of[target.org.value])
      if (runs(viewer.org, h)) return true;
    return false;
  };
  // Each query with the people it names, by name, e-mail or organisation.
  auto email_of = [&](const Person& p) -> std::string {
    for (size_t i = 0; i + 7 < people.size(); ++i)
      if (people[i].id == p.id) return "p" + std::to_string(i) + "@leak.example";
    return "";
  };
  const std::vector<std::pair<std::string, std::function<bool(const Person&)>>> queries = {
      {"", [](const Person&) { return true; }},
      {"東北太郎", [](const Person& p) { return p.name == 0; }},
      {"東北　太郎", [](const Person& p) { return p.name == 0; }},
      {"abc", [](const Person& p) { return p.name == 2; }},
      {"ＳＵＺＵＫＩ", [](const Person& p) { return p.name == 3; }},
      {"スズキ", [](const Person& p) { return p.name == 4; }},
      {"みなと", [&](const Person& p) { return p.name == 1 || p.org == w.m2; }},
      {"テスト利用者", [](const Person& p) { return p.name == -1; }},
      {"事業者3", [&](const Person& p) { return org_name[p.org.value] == "事業者3"; }},
      {"P17@LEAK", [&](const Person& p) { return email_of(p) == "p17@leak.example"; }},
  };

  ManualClock clock(1000);
  domain::DirectoryService dir(*tx_, clock);
  size_t found_somewhere = 0;
  for (const Person& viewer : people) {
    const domain::Principal p = PrincipalOf(*tx_, viewer.id);
    for (const auto& [text, names] : queries) {
      std::set<std::int64_t> expected;
      for (const Person& t : people)
        if (sees(viewer, t) && names(t)) expected.insert(t.id.value);
      std::set<std::int64_t> got;
      domain::UserSearch q;
      q.query_folded = FoldForSearch(text);
      q.limit = 3;
      for (int page = 0; page < 100; ++page) {
        auto r = dir.SearchUsers(p, q);
        ASSERT_TRUE(r.ok()) << r.status().Describe();
        ASSERT_LE(r->items.size(), 3u);
        for (const auto& hit : r->items) {
          EXPECT_TRUE(got.insert(hit.user.id.value).second) << "a user twice across pages";
          EXPECT_EQ(hit.org.id, hit.user.org_id);
        }
        if (!r->next_after_id) break;
        q.after_id = r->next_after_id;
      }
      EXPECT_EQ(got, expected) << "viewer " << viewer.id.value << " query 「" << text << "」";
      found_somewhere += got.size();
    }
    // One user by id: the same rule (404 for the rest).
    const Person& target = people[pick(people.size())];
    EXPECT_EQ(dir.GetUser(p, target.id).ok(), sees(viewer, target))
        << viewer.id.value << " → " << target.id.value;
  }
  EXPECT_GT(found_somewhere, people.size()) << "the directory is not so sparse nobody finds anyone";
}

INSTANTIATE_TEST_SUITE_P(Engines, UserSearchLeakTest, RENKEI_ENGINES);

}  // namespace
}  // namespace renkei::testing
