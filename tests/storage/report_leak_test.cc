// The randomized leak test of report cases, on both engines: a random directory (operators
// in hubs or not, people holding random roles in random organisations, two national-centre
// people of whom one is no officer) files random cases — every class, forwarding ticked or
// not, drafts, follow-ups with a pending draft, questions, answers, files — and then every
// person reads every case by every read path (the PDF too). What each sees must be exactly what the
// one rule allows: the reporting organisation, or a recipient organisation's people holding the
// role of that recipient's capacity; recipients never see a draft; only the staff of a
// recipient hub may propose or check a summary; the home page's counts and board count
// exactly the cases the lists show; and every report mail queued goes to someone who sees
// its case.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "core/time_format.h"
#include "domain/reporting/report_mail.h"
#include "domain/reporting/reporting_service.h"
#include "domain/sharing/sharing_service.h"
#include "support/catalogs.h"
#include "world.h"

namespace renkei::testing {
namespace {

using domain::CaseId;
using domain::Role;

struct Person {
  UserId id;
  OrgId org;
  Role role;
};

class ReportLeakTest : public EngineTest {};

TEST_P(ReportLeakTest, EveryReadPathShowsExactlyWhatTheRuleAllows) {
  std::mt19937 rng(20261202);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  World w = SeedWorld(*tx_);
  std::vector<Person> people;
  std::vector<OrgId> operators;
  Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    const OrgId nc = AddOrg(s, "国家サイバー統括室", "national_centre", {}, {});
    people.push_back({AddUser(s, nc, "nc-officer@leak.example", Role::kNationalCentreOfficer), nc,
                      Role::kNationalCentreOfficer});
    people.push_back({AddUser(s, nc, "nc-member@leak.example", Role::kMember), nc, Role::kMember});
    const std::string sectors[] = {"electricity", "gas"};
    const HubId hubs[] = {w.hub_a, w.hub_b};
    for (int o = 0; o < 10; ++o) {
      const size_t sector = pick(2);
      std::vector<HubId> in;
      if (pick(3) != 0) in.push_back(hubs[sector]);
      const OrgId id = AddOrg(s, "事業者" + std::to_string(o), "operator", {sectors[sector]}, in);
      operators.push_back(id);
    }
    operators.insert(operators.end(), {w.m1, w.m2, w.m3});
    // People with random roles in random organisations: members who file, and people
    // holding a capacity's role in an organisation that is not that capacity's.
    std::vector<OrgId> anywhere = operators;
    anywhere.insert(anywhere.end(), {w.meti, w.sa, w.sb, w.ops});
    const Role roles[] = {Role::kMember, Role::kMember, Role::kHubAnalyst, Role::kMinistryOfficer,
                          Role::kNationalCentreOfficer};
    for (int u = 0; u < 30; ++u) {
      const OrgId org = anywhere[pick(anywhere.size())];
      const Role role = roles[pick(5)];
      people.push_back(
          {AddUser(s, org, "p" + std::to_string(u) + "@leak.example", role), org, role});
    }
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  // The seeded people too.
  for (auto [id, org, role] : {std::tuple{w.analyst_a, w.sa, Role::kHubAnalyst},
                               {w.analyst_b, w.sb, Role::kHubAnalyst},
                               {w.member1, w.m1, Role::kMember},
                               {w.member1b, w.m1, Role::kMember},
                               {w.member3, w.m3, Role::kMember},
                               {w.officer, w.meti, Role::kMinistryOfficer},
                               {w.admin, w.ops, Role::kAdmin}})
    people.push_back({id, org, role});

  ManualClock clock(*ParseRfc3339("2026-12-02T09:00:00+09:00"));
  domain::SharingService sharing(*tx_, clock);
  domain::ReportingService svc(*tx_, clock, sharing, TestCatalogs().reporting, nullptr);
  auto actor = [&](UserId u) { return domain::Actor{PrincipalOf(*tx_, u), "ip"}; };

  // Filing: random members of operators, random classes and forwarding.
  std::vector<Person> filers;
  for (const auto& p : people)
    if (p.role == Role::kMember &&
        std::find(operators.begin(), operators.end(), p.org) != operators.end())
      filers.push_back(p);
  ASSERT_GE(filers.size(), 3u);
  const char* classes[] = {"legal", "serious", "other", "near_miss"};
  std::vector<CaseId> cases;
  std::map<std::int64_t, bool> has_draft;  // case -> a draft recipients must not see
  for (int i = 0; i < 40; ++i) {
    const Person& by = filers[pick(filers.size())];
    domain::ReportInput in;
    in.report_class = classes[pick(4)];
    in.forward_ministry = pick(2) == 0;
    in.forward_national_centre = pick(2) == 0;
    in.fields = {{"title", "件名" + std::to_string(i)},
                 {"aware_at", FormatRfc3339Jst(clock.now_ms())},
                 {"summary", "不審な通信を検知した。"},
                 {"cause", "undetermined"},
                 {"systems", "it"},
                 {"service_disrupted", "no"}};
    auto c = svc.Create(actor(by.id), in);
    ASSERT_TRUE(c.ok()) << c.status().Describe();
    cases.push_back(c->c.id);
    has_draft[c->c.id.value] = true;
    if (pick(5) == 0) continue;  // stays a draft
    auto filed = svc.Submit(actor(by.id), c->c.id, "initial");
    if (!filed.ok()) {  // an operator in no hub of its sector cannot share class 2-4
      ASSERT_EQ(filed.status().code(), "no_hub") << filed.status().Describe();
      continue;
    }
    has_draft[c->c.id.value] = false;
    if (pick(3) == 0) {
      ASSERT_TRUE(svc.AddAttachment(actor(by.id), c->c.id, "log.txt", "text/plain", "ログ\n").ok());
    }
    if (pick(2) == 0) {
      in.fields["summary"] += "\n続報: 影響なし。";
      ASSERT_TRUE(svc.SaveDraft(actor(by.id), c->c.id, in).ok());
      has_draft[c->c.id.value] = true;
      if (pick(2) == 0) {
        auto followup = svc.Submit(actor(by.id), c->c.id, "followup");
        ASSERT_TRUE(followup.ok()) << followup.status().Describe();
        has_draft[c->c.id.value] = false;
      }
    }
    clock.advance(60'000);
  }

  // The truth the rule is read against: who files each case and where it went, as the
  // reporter's own view lists them.
  struct Truth {
    OrgId reporter;
    std::vector<domain::Recipient> recipients;
    size_t messages = 0;
    domain::AttachmentId attachment;
    std::string status;
    std::string sector;
  };
  std::map<std::int64_t, Truth> truth;
  auto reporter_of = [&](CaseId id) -> UserId {
    for (const auto& p : filers) {
      auto v = svc.Get(actor(p.id), id);
      if (v.ok() && v->is_reporter) return p.id;
    }
    return UserId();
  };
  for (CaseId id : cases) {
    const UserId rep = reporter_of(id);
    ASSERT_TRUE(rep.valid());
    auto v = svc.Get(actor(rep), id);
    ASSERT_TRUE(v.ok());
    // Random questions from the recipients, answered now and then.
    for (const auto& p : people) {
      if (v->c.status == "draft" || pick(8) != 0) continue;
      auto asked = svc.Ask(actor(p.id), id, "確認させてください");
      if (!asked.ok()) continue;  // a person who does not see it (404) asks nothing
      if (asked->is_reporter || pick(2) != 0) continue;
      ASSERT_TRUE(svc.Ask(actor(rep), id, "回答します", asked->messages.back().id).ok());
    }
    v = svc.Get(actor(rep), id);
    Truth t{v->c.reporter_org_id, v->recipients, v->messages.size(), {},
            v->c.status,          v->c.sector_id};
    if (!v->attachments.empty()) t.attachment = v->attachments[0].id;
    truth[id.value] = t;
  }

  auto sees = [&](const Person& p, const Truth& t) {
    if (p.org == t.reporter) return true;
    return std::any_of(t.recipients.begin(), t.recipients.end(), [&](const domain::Recipient& r) {
      return r.org_id == p.org && r.role() == p.role;
    });
  };
  auto in_list = [&](const Person& p, const std::string& scope) {
    std::set<std::int64_t> out;
    domain::CaseFilter f;
    f.scope = scope;
    f.limit = 100;
    std::optional<std::int64_t> next;
    auto list = svc.List(PrincipalOf(*tx_, p.id), f, next);
    EXPECT_TRUE(list.ok()) << list.status().Describe();
    EXPECT_FALSE(next);
    for (const auto& e : *list) out.insert(e.c.id.value);
    return out;
  };
  domain::SummaryInput summary;
  summary.title = "概要";
  summary.body = "不審な通信を検知した。";
  summary.tlp = domain::Tlp::kGreen;
  int seen = 0, hidden = 0;
  for (const auto& p : people) {
    SCOPED_TRACE("person " + std::to_string(p.id.value) + " role " + domain::RoleName(p.role));
    const auto mine = in_list(p, "mine");
    const auto queue = in_list(p, "queue");
    const auto principal = PrincipalOf(*tx_, p.id);
    // The home page's counts and board count exactly the cases of the lists above.
    std::int64_t expect_mine = 0, expect_queue = 0;
    for (CaseId id : cases) {
      const Truth& t = truth[id.value];
      expect_mine += p.org == t.reporter;
      expect_queue += sees(p, t) && p.org != t.reporter;
    }
    for (const auto& [scope, expect_n] :
         {std::pair<std::string, std::int64_t>{"mine", expect_mine}, {"queue", expect_queue}}) {
      domain::CaseFilter f;
      f.scope = scope;
      auto n = svc.Count(principal, f);
      ASSERT_TRUE(n.ok()) << n.status().Describe();
      EXPECT_EQ(*n, expect_n) << scope;
      auto tally = svc.Tally(principal, f);
      ASSERT_TRUE(tally.ok()) << tally.status().Describe();
      std::int64_t sum = 0;
      for (const auto& row : *tally) sum += row.count;
      EXPECT_EQ(sum, expect_n) << scope;
    }
    for (CaseId id : cases) {
      SCOPED_TRACE("case " + std::to_string(id.value));
      const Truth& t = truth[id.value];
      const bool expect = sees(p, t);
      const bool recipient = expect && p.org != t.reporter;
      (expect ? seen : hidden)++;
      auto v = svc.Get(actor(p.id), id);
      ASSERT_EQ(v.ok(), expect) << (v.ok() ? "sees a case the rule hides" : v.status().Describe());
      if (!expect) {
        EXPECT_EQ(v.status().kind(), Kind::kNotFound);
      }
      auto pdf = svc.Pdf(actor(p.id), id);
      EXPECT_EQ(pdf.ok(), expect);
      if (!expect) {
        EXPECT_EQ(pdf.status().kind(), Kind::kNotFound);
      }
      EXPECT_EQ(mine.count(id.value), p.org == t.reporter ? 1u : 0u);
      EXPECT_EQ(queue.count(id.value), recipient ? 1u : 0u);
      if (t.attachment.valid()) {
        auto file = svc.GetAttachment(actor(p.id), id, t.attachment);
        EXPECT_EQ(file.ok(), expect);
        if (!expect) {
          EXPECT_EQ(file.status().kind(), Kind::kNotFound);
        }
      }
      // Summaries: the staff of a recipient hub only; others who see the case get 403,
      // those who do not 404.
      const bool staff =
          t.status != "draft" &&
          std::any_of(t.recipients.begin(), t.recipients.end(), [&](const domain::Recipient& r) {
            return r.kind == "hub" && principal.staffs(r.hub_id) && r.org_id == p.org;
          });
      const Kind refused = expect ? Kind::kPermissionDenied : Kind::kNotFound;
      auto proposal = svc.ProposeSummary(principal, id);
      EXPECT_EQ(proposal.ok(), staff) << proposal.status().Describe();
      if (!staff) {
        EXPECT_EQ(proposal.status().kind(), refused);
      }
      summary.audience.sector_ids = {t.sector};  // the hub's own sector
      auto check = svc.CheckSummary(actor(p.id), id, summary);
      EXPECT_EQ(check.ok(), staff) << check.status().Describe();
      if (!staff) {
        EXPECT_EQ(check.status().kind(), refused);
      }
      if (!v.ok()) continue;
      EXPECT_EQ(v->messages.size(), t.messages);
      if (recipient) {
        for (const auto& ver : v->versions) EXPECT_FALSE(ver.draft) << "a recipient saw a draft";
        EXPECT_FALSE(v->can_edit);
        EXPECT_FALSE(v->can_answer);
      } else {
        EXPECT_EQ(v->versions.back().draft, has_draft[id.value]);
      }
    }
  }
  EXPECT_GT(seen, 100) << "the world must give the rule something to allow";
  EXPECT_GT(hidden, 1000);

  // Every report mail queued (whenever due) goes to someone who sees its case.
  int rows = 0;
  st = tx_->Run(domain::TxMode::kRehearse, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(
        auto queued,
        s.outbox.Claim(clock.now_ms() + 400LL * 24 * 3600 * 1000, 0, 100000,
                       {std::begin(domain::kReportMailCodes), std::end(domain::kReportMailCodes)}));
    for (const auto& r : queued) {
      ++rows;
      auto p = std::find_if(people.begin(), people.end(),
                            [&](const Person& x) { return x.id == r.user_id; });
      EXPECT_NE(p, people.end());
      if (p != people.end()) {
        EXPECT_TRUE(sees(*p, truth[r.subject_id]))
            << r.kind << " to " << r.user_id.value << " about case " << r.subject_id;
      }
    }
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  EXPECT_GT(rows, 40);
}

INSTANTIATE_TEST_SUITE_P(Engines, ReportLeakTest, RENKEI_ENGINES);

}  // namespace
}  // namespace renkei::testing
