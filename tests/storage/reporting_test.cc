// The reporting window on both engines: who sees a case (the store's one visibility
// predicate), the phases and their refusals, the clocks and the overdue flag, and the
// anonymised summary with its k-anonymity check.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <set>
#include <thread>

#include "core/time_format.h"
#include "domain/directory/directory_service.h"
#include "domain/reporting/report_mail.h"
#include "domain/reporting/reporting_service.h"
#include "domain/sharing/sharing_service.h"
#include "support/catalogs.h"
#include "world.h"

namespace renkei::testing {
namespace {

using domain::CaseId;
using domain::ReportInput;

class ReportingTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    w_ = SeedWorld(*tx_);
    Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
      nc_ = AddOrg(s, "国家サイバー統括室", "national_centre", {}, {});
      nc_officer_ = AddUser(s, nc_, "officer@nc.example", domain::Role::kNationalCentreOfficer);
      return Status::Ok();
    });
    ASSERT_TRUE(st.ok()) << st.Describe();
    sharing_ = std::make_unique<domain::SharingService>(*tx_, clock_);
    svc_ = std::make_unique<domain::ReportingService>(*tx_, clock_, *sharing_,
                                                      testing::TestCatalogs().reporting, nullptr);
  }
  domain::Principal P(UserId id) { return PrincipalOf(*tx_, id); }

  ReportInput Input(const std::string& cls) {
    ReportInput in;
    in.report_class = cls;
    in.fields = {
        {"title", "制御系ネットワークで不審な通信"},
        {"aware_at", FormatRfc3339Jst(clock_.now_ms())},
        {"summary", "東北発電株式会社の宮城県内の発電所で、192.0.2.10 からの通信を検知した。"},
        {"cause", "undetermined"},
        {"service_disrupted", "no"}};
    return in;
  }
  CaseId File(const ReportInput& in) {
    auto c = svc_->Create({P(w_.member1), "127.0.0.1"}, in);
    EXPECT_TRUE(c.ok()) << c.status().Describe();
    if (!c.ok()) return CaseId();
    auto s = svc_->Submit({P(w_.member1), "127.0.0.1"}, c->c.id, "initial");
    EXPECT_TRUE(s.ok()) << s.status().Describe();
    return c->c.id;
  }
  bool Sees(UserId who, CaseId id) {
    auto r = svc_->Get({P(who), "127.0.0.1"}, id);
    if (!r.ok()) {
      EXPECT_EQ(r.status().kind(), Kind::kNotFound) << r.status().Describe();
    }
    return r.ok();
  }
  bool InQueue(UserId who, CaseId id) {
    domain::CaseFilter f;
    f.scope = "queue";
    std::optional<std::int64_t> next;
    auto list = svc_->List(P(who), f, next);
    EXPECT_TRUE(list.ok());
    for (const auto& e : *list)
      if (e.c.id == id) return true;
    return false;
  }

  // The report mail queued: "kind user" for each row due after `since` and by `until`,
  // claimed in a rehearsal (rolled back, so nothing is taken).
  std::multiset<std::string> Queued(Millis until, Millis since = 0) {
    std::multiset<std::string> out;
    Status st = tx_->Run(domain::TxMode::kRehearse, [&](domain::Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(auto rows, s.outbox.Claim(until, until, 1000,
                                                        {std::begin(domain::kReportMailCodes),
                                                         std::end(domain::kReportMailCodes)}));
      for (const auto& r : rows)
        if (r.not_before > since) out.insert(r.kind + " " + std::to_string(r.user_id.value));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.Describe();
    return out;
  }
  static std::string Row(const char* kind, UserId u) {
    return std::string(kind) + " " + std::to_string(u.value);
  }

  World w_;
  OrgId nc_;
  UserId nc_officer_;
  ManualClock clock_{T0()};
  static Millis T0() { return *ParseRfc3339("2026-11-20T10:00:00+09:00"); }
  std::unique_ptr<domain::SharingService> sharing_;
  std::unique_ptr<domain::ReportingService> svc_;
};

TEST_P(ReportingTest, EachClassReachesExactlyItsRecipients) {
  const CaseId legal = File(Input("legal"));
  const CaseId other = File(Input("other"));
  auto ticked = Input("serious");
  ticked.forward_national_centre = true;
  const CaseId serious = File(ticked);
  auto near = Input("near_miss");
  near.forward_ministry = true;  // ignored: near misses stay with the hub
  const CaseId near_miss = File(near);
  struct Row {
    CaseId id;
    bool officer, nc, analyst_a;
  };
  for (const Row& r : {Row{legal, true, true, false}, Row{other, false, false, true},
                       Row{serious, false, true, true}, Row{near_miss, false, false, true}}) {
    SCOPED_TRACE("case " + std::to_string(r.id.value));
    EXPECT_TRUE(Sees(w_.member1b, r.id)) << "the whole reporting organisation";
    EXPECT_EQ(Sees(w_.officer, r.id), r.officer);
    EXPECT_EQ(InQueue(w_.officer, r.id), r.officer);
    EXPECT_EQ(Sees(nc_officer_, r.id), r.nc);
    EXPECT_EQ(Sees(w_.analyst_a, r.id), r.analyst_a);
    EXPECT_EQ(InQueue(w_.analyst_a, r.id), r.analyst_a);
    EXPECT_FALSE(Sees(w_.analyst_b, r.id)) << "another hub";
    EXPECT_FALSE(Sees(w_.member3, r.id)) << "another operator";
    EXPECT_FALSE(Sees(w_.admin, r.id)) << "administrators are not recipients";
  }
  // A ministry officer who is not a hub analyst does not see hub-only cases even if the
  // ministry ran the hub: capacity is organisation AND role.
  EXPECT_FALSE(InQueue(w_.member1, other)) << "the reporter's own cases are not its queue";
}

// Both scopes page newest first through the cursor, every case once.
TEST_P(ReportingTest, CaseListsPageNewestFirstThroughTheCursor) {
  std::vector<std::int64_t> filed;
  for (int i = 0; i < 5; ++i) filed.insert(filed.begin(), File(Input("other")).value);
  for (auto [who, scope] : {std::pair{w_.member1, "mine"}, std::pair{w_.analyst_a, "queue"}}) {
    SCOPED_TRACE(scope);
    domain::CaseFilter f;
    f.scope = scope;
    f.limit = 2;
    std::vector<std::int64_t> got;
    int pages = 0;
    for (;;) {
      std::optional<std::int64_t> next;
      auto page = svc_->List(P(who), f, next);
      ASSERT_TRUE(page.ok()) << page.status().Describe();
      ++pages;
      EXPECT_LE(page->size(), 2u);
      for (const auto& e : *page) got.push_back(e.c.id.value);
      if (!next) break;
      EXPECT_EQ(*next, got.back());
      f.before_id = *next;
    }
    EXPECT_EQ(got, filed);
    EXPECT_EQ(pages, 3);
  }
}

TEST_P(ReportingTest, PhasesRefusalsAndTheTimeline) {
  auto in = Input("legal");
  in.fields.erase("cause");
  auto draft = svc_->Create({P(w_.member1), "127.0.0.1"}, in);
  ASSERT_TRUE(draft.ok()) << draft.status().Describe();
  const CaseId id = draft->c.id;
  EXPECT_EQ(draft->c.status, "draft");
  EXPECT_FALSE(Sees(w_.officer, id)) << "a draft goes nowhere";
  // The regime requires cause at the initial report: refused, naming it, nothing changes.
  auto missing = svc_->Submit({P(w_.member1), "127.0.0.1"}, id, "initial");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), "missing_fields");
  EXPECT_EQ(missing.status().field(), "fields.cause");
  EXPECT_FALSE(Sees(w_.officer, id));
  EXPECT_EQ(svc_->Submit({P(w_.member1), "127.0.0.1"}, id, "final").status().code(),
            "initial_first");
  // Other people may not write: a recipient-to-be, another operator (not found).
  EXPECT_EQ(svc_->SaveDraft({P(w_.member3), "ip"}, id, Input("legal")).status().kind(),
            Kind::kNotFound);
  ASSERT_TRUE(svc_->SaveDraft({P(w_.member1), "ip"}, id, Input("legal")).ok());
  auto initial = svc_->Submit({P(w_.member1), "127.0.0.1"}, id, "initial");
  ASSERT_TRUE(initial.ok()) << initial.status().Describe();
  EXPECT_EQ(initial->c.status, "open");
  ASSERT_TRUE(initial->next_due);
  EXPECT_EQ(initial->next_due->label_ja, "詳報");
  EXPECT_EQ(FormatRfc3339Jst(initial->next_due->due_at), "2026-12-20T10:00:00+09:00");
  EXPECT_EQ(svc_->Submit({P(w_.member1), "ip"}, id, "followup").status().code(), "no_draft");
  EXPECT_EQ(svc_->Submit({P(w_.member1), "ip"}, id, "initial").status().code(),
            "initial_submitted");
  // The officer asks; the reporter answers in a follow-up draft that the officer never sees.
  ASSERT_TRUE(svc_->Ask({P(w_.officer), "ip"}, id, "停電の有無を確認してください").ok());
  auto followup = Input("legal");
  followup.fields["summary"] += "\n停電は発生していない。";
  ASSERT_TRUE(svc_->SaveDraft({P(w_.member1), "ip"}, id, followup).ok());
  auto seen = svc_->Get({P(w_.officer), "ip"}, id);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->versions.size(), 1u) << "drafts are the reporter's";
  ASSERT_EQ(seen->messages.size(), 1u);
  EXPECT_TRUE(seen->can_triage);
  EXPECT_FALSE(seen->can_edit);
  ASSERT_TRUE(svc_->Submit({P(w_.member1), "ip"}, id, "followup").ok());
  auto final_in = followup;
  final_in.fields["systems"] = "ot";
  final_in.fields["cause_detail"] = "保守用VPN装置の脆弱性";
  ASSERT_TRUE(svc_->SaveDraft({P(w_.member1), "ip"}, id, final_in).ok());
  EXPECT_EQ(svc_->Submit({P(w_.member1), "ip"}, id, "final").status().field(),
            "fields.actions_taken");
  final_in.fields["actions_taken"] = "装置を隔離し、ファームウェアを更新した";
  ASSERT_TRUE(svc_->SaveDraft({P(w_.member1), "ip"}, id, final_in).ok());
  auto done = svc_->Submit({P(w_.member1), "ip"}, id, "final");
  ASSERT_TRUE(done.ok()) << done.status().Describe();
  EXPECT_FALSE(done->next_due) << "nothing is due after the final report";
  EXPECT_EQ(svc_->SaveDraft({P(w_.member1), "ip"}, id, final_in).status().code(),
            "final_submitted");
  auto v = svc_->Get({P(w_.officer), "ip"}, id);
  ASSERT_EQ(v->versions.size(), 3u);
  EXPECT_EQ(v->versions[0].phase, "initial");
  EXPECT_EQ(v->versions[1].phase, "followup");
  EXPECT_EQ(v->versions[2].phase, "final");
  EXPECT_EQ(v->versions[0].fields.at("summary").find("停電は発生していない"), std::string::npos)
      << "earlier versions stay as they were";
  // Triage is for recipients.
  EXPECT_EQ(svc_->SetStatus({P(w_.member1), "ip"}, id, "closed").status().kind(),
            Kind::kPermissionDenied);
  ASSERT_TRUE(svc_->SetStatus({P(w_.officer), "ip"}, id, "triaged").ok());
  ASSERT_TRUE(svc_->SetStatus({P(nc_officer_), "ip"}, id, "closed").ok());
  auto closed = svc_->Get({P(w_.member1), "ip"}, id);
  EXPECT_EQ(closed->c.status, "closed");
  std::vector<std::string> kinds;
  for (const auto& e : closed->events) kinds.push_back(e.kind + ":" + e.detail);
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"submitted:initial:1", "submitted:followup:2",
                                      "submitted:final:3", "status:triaged", "status:closed"}));
}

TEST_P(ReportingTest, OverdueIsFlaggedToTheReporterAndWhereTheRegimeSaysToTheHub) {
  auto legal = svc_->Create({P(w_.member1), "ip"}, Input("legal"));  // electricity: 24 h
  auto near = File(Input("near_miss"));                              // no deadlines
  ASSERT_TRUE(legal.ok());
  clock_.advance(25 * 3600 * 1000);
  domain::CaseFilter f;
  f.scope = "mine";
  f.overdue_only = true;
  std::optional<std::int64_t> next;
  auto overdue = svc_->List(P(w_.member1), f, next);
  ASSERT_TRUE(overdue.ok());
  ASSERT_EQ(overdue->size(), 1u) << "the unsent 速報 is overdue, the near miss is not";
  EXPECT_EQ(overdue->front().c.id, legal->c.id);
  EXPECT_TRUE(overdue->front().overdue);
  EXPECT_FALSE(svc_->Get({P(w_.member1), "ip"}, near)->overdue);
  // Late is still accepted; then the next deadline (詳報, 30 days) is not yet due.
  auto late = svc_->Submit({P(w_.member1), "ip"}, legal->c.id, "initial");
  ASSERT_TRUE(late.ok());
  EXPECT_FALSE(late->overdue);
  clock_.advance(31LL * 24 * 3600 * 1000);
  EXPECT_TRUE(svc_->Get({P(w_.member1), "ip"}, legal->c.id)->overdue);
  EXPECT_TRUE(svc_->Get({P(w_.officer), "ip"}, legal->c.id)->overdue)
      << "the electricity regime flags overdue cases to recipients";
}

TEST_P(ReportingTest, SummaryIsAnonymisedCheckedForKAndPublishedWithoutTheLink) {
  auto in = Input("near_miss");
  in.indicators = {{"ipv4", "192.0.2.10", "送信元"}};
  const CaseId id = File(in);
  EXPECT_EQ(svc_->ProposeSummary(P(w_.officer), id).status().kind(), Kind::kNotFound);
  EXPECT_EQ(svc_->ProposeSummary(P(w_.member1), id).status().kind(), Kind::kPermissionDenied);
  auto proposal = svc_->ProposeSummary(P(w_.analyst_a), id);
  ASSERT_TRUE(proposal.ok()) << proposal.status().Describe();
  const std::string redacted = domain::ApplyFindings(proposal->source, proposal->findings);
  EXPECT_EQ(redacted.find("東北発電"), std::string::npos) << redacted;
  EXPECT_EQ(redacted.find("192.0.2.10"), std::string::npos) << redacted;
  EXPECT_NE(redacted.find("東北地方"), std::string::npos) << redacted;
  // The redacted text still names the region: one electricity operator in Tohoku (k = 1).
  EXPECT_TRUE(proposal->disclosed.region);
  EXPECT_EQ(proposal->k, 1);
  EXPECT_TRUE(proposal->k_warning);

  domain::SummaryInput s;
  s.title = "発電所での不審な通信（予兆）";
  s.body = redacted;
  s.tlp = domain::Tlp::kGreen;
  s.audience.sector_ids = {"electricity"};
  s.indicators = in.indicators;
  auto refused = svc_->PublishSummary({P(w_.analyst_a), "ip"}, id, s);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), "k_anonymity");
  // Without the region the whole sector matches (k = 2 here, still < 5: the analyst
  // confirms the risk explicitly).
  s.body = "発電所で不審な通信を検知した。";
  s.accept_k_risk = true;
  auto published = svc_->PublishSummary({P(w_.analyst_a), "ip"}, id, s);
  ASSERT_TRUE(published.ok()) << published.status().Describe();
  EXPECT_EQ(published->item.kind, "near_miss_summary");
  ASSERT_EQ(published->indicators.size(), 1u);
  EXPECT_EQ(published->indicators[0].value, "192.0.2.10");
  // The members read it; the item says nothing of the report or the reporter.
  auto read = sharing_->Get({P(w_.member1b), "ip"}, published->item.id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->item.sender_org_id, w_.sa) << "sent by the hub, not the reporter";
  EXPECT_EQ(read->item.content.body.find("東北"), std::string::npos);
  // The reporter and the hub see the link from the case; other recipients of the case
  // would not (there are none for a near miss), and item readers have no way back.
  EXPECT_EQ(svc_->Get({P(w_.member1), "ip"}, id)->summaries.size(), 1u);
  EXPECT_EQ(svc_->Get({P(w_.analyst_a), "ip"}, id)->summaries.size(), 1u);
}

// Issue 15: a summary went out TLP:GREEN to every member in one click while the banner
// said 94 operators matched although the text named the plant. The check before
// publication lists what is left in the final text and counts the operators it could
// come from with every quasi-identifier it still holds; a directory name stops it; and
// it says whom the item reaches without sending anything.
TEST_P(ReportingTest, Issue15_TheCheckBeforePublishingCountsWhatIsLeftAndWhomItReaches) {
  const CaseId id = File(Input("near_miss"));
  const domain::Actor analyst{P(w_.analyst_a), "ip"};
  domain::SummaryInput s;
  s.title = "発電所での不審な通信（予兆）";
  s.tlp = domain::Tlp::kGreen;
  s.audience.sector_ids = {"electricity"};

  // The prefecture left in, written without 県: one operator of the sector is there.
  s.body = "宮城の発電所で不審な通信を検知した。";
  auto check = svc_->CheckSummary(analyst, id, s);
  ASSERT_TRUE(check.ok()) << check.status().Describe();
  EXPECT_TRUE(check->disclosed.prefecture);
  EXPECT_EQ(check->narrowing, std::vector<std::string>{"宮城"});
  EXPECT_EQ(check->k, 1);
  EXPECT_TRUE(check->k_warning);
  auto refused = svc_->PublishSummary(analyst, id, s);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), "k_anonymity");
  EXPECT_NE(refused.status().message(Lang::kJa).find("宮城"), std::string::npos)
      << "the refusal names the words: " << refused.status().message(Lang::kJa);

  // A directory name in the body is never published, whatever the analyst accepts.
  s.body = "東北発電の発電所で不審な通信を検知した。";
  s.accept_k_risk = true;
  check = svc_->CheckSummary(analyst, id, s);
  ASSERT_TRUE(check.ok()) << check.status().Describe();
  EXPECT_EQ(check->directory_names, std::vector<std::string>{"東北発電"});
  ASSERT_EQ(check->remaining.size(), 1u);
  EXPECT_EQ(check->remaining[0].field, "body");
  EXPECT_EQ(check->k, 1);
  refused = svc_->PublishSummary(analyst, id, s);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), "summary_names_directory");
  EXPECT_EQ(refused.status().field(), "body");
  EXPECT_NE(refused.status().message(Lang::kJa).find("東北発電"), std::string::npos);
  // In an indicator's note as well.
  s.body = "発電所で不審な通信を検知した。";
  s.indicators = {{"ipv4", "192.0.2.10", "東北発電の監視端末宛"}};
  refused = svc_->PublishSummary(analyst, id, s);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "indicators[0].note");

  // The clean text: nothing left; the check reaches whom the publication reaches, and
  // stores nothing (no item, no mail).
  s.indicators = {{"ipv4", "192.0.2.10", "送信元"}};
  check = svc_->CheckSummary(analyst, id, s);
  ASSERT_TRUE(check.ok()) << check.status().Describe();
  EXPECT_TRUE(check->remaining.empty());
  EXPECT_TRUE(check->narrowing.empty());
  EXPECT_EQ(check->k, 2) << "both electricity operators";
  EXPECT_GE(check->reach.organisations, 1)
      << "member1's operator at least (organisations with people)";
  EXPECT_GE(check->reach.people, 2) << "member1 and member1b at least";
  auto before = sharing_->List(P(w_.member1b), {});
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->items.empty()) << "the check published nothing";
  auto published = svc_->PublishSummary(analyst, id, s);
  ASSERT_TRUE(published.ok()) << published.status().Describe();
  auto deliveries = sharing_->Deliveries(P(w_.analyst_a), published->item.id);
  ASSERT_TRUE(deliveries.ok()) << deliveries.status().Describe();
  EXPECT_EQ(deliveries->people, check->reach.people) << "the people it was delivered to";
  EXPECT_EQ(deliveries->organisations, check->reach.organisations)
      << "the organisations of those people (the delivery table's count)";
  // A caller who may not summarise the case learns nothing more than from the proposal.
  EXPECT_EQ(svc_->CheckSummary({P(w_.officer), "ip"}, id, s).status().kind(), Kind::kNotFound);
  EXPECT_EQ(svc_->CheckSummary({P(w_.member1), "ip"}, id, s).status().kind(),
            Kind::kPermissionDenied);
}

// Issue 15: an organisation added to the directory was not found by the anonymiser for up
// to ten minutes (its dictionary was rebuilt by age). It is now rebuilt on the next
// proposal after any change to the directory, renames included.
TEST_P(ReportingTest, Issue15_AnOrganisationAddedToTheDirectoryIsFoundAtOnce) {
  auto in = Input("near_miss");
  in.fields["summary"] =
      "委託先のほくと計装から連絡があり、設定の誤りが判明した。のちに南星テックも加わった。";
  const CaseId id = File(in);
  auto from_directory = [&](const std::string& name) {
    auto p = svc_->ProposeSummary(P(w_.analyst_a), id);
    EXPECT_TRUE(p.ok()) << p.status().Describe();
    if (!p.ok()) return false;
    return std::any_of(p->findings.begin(), p->findings.end(), [&](const domain::Finding& f) {
      return f.original == name && f.source == "directory";
    });
  };
  EXPECT_FALSE(from_directory("ほくと計装"));
  domain::DirectoryService dir(*tx_, clock_);
  domain::Organisation o;
  o.name_ja = "ほくと計装株式会社";
  o.kind = "vendor";
  auto created = dir.CreateOrganisation({P(w_.admin), ""}, o);
  ASSERT_TRUE(created.ok()) << created.status().Describe();
  EXPECT_TRUE(from_directory("ほくと計装")) << "found on the next proposal, without waiting";
  clock_.advance(1000);
  domain::OrgPatch rename;
  rename.name_ja = "南星テック株式会社";
  ASSERT_TRUE(dir.UpdateOrganisation({P(w_.admin), ""}, created->org.id, rename).ok());
  EXPECT_TRUE(from_directory("南星テック")) << "a rename is seen as well";
  EXPECT_FALSE(from_directory("ほくと計装")) << "and the old name is no longer the directory's";
}

// Issue 15: every submitted phase gets a receipt number (受付番号), the year's next in
// JST, stable and never reused; a refused submission takes none.
TEST_P(ReportingTest, Issue15_EveryPhaseGetsTheYearsNextReceiptNumber) {
  clock_.set(*ParseRfc3339("2026-12-31T20:00:00+09:00"));
  const CaseId first = File(Input("legal"));
  auto in = Input("legal");
  in.fields.erase("cause");
  auto draft = svc_->Create({P(w_.member1), "ip"}, in);
  ASSERT_TRUE(draft.ok());
  EXPECT_EQ(svc_->Submit({P(w_.member1), "ip"}, draft->c.id, "initial").status().code(),
            "missing_fields");
  const CaseId second = File(Input("other"));
  ASSERT_TRUE(svc_->SaveDraft({P(w_.member1), "ip"}, first, Input("legal")).ok());
  auto followup = svc_->Submit({P(w_.member1), "ip"}, first, "followup");
  ASSERT_TRUE(followup.ok()) << followup.status().Describe();
  // 2027-01-01 00:30 JST (still 2026 in UTC): the count starts again.
  clock_.set(*ParseRfc3339("2027-01-01T00:30:00+09:00"));
  const CaseId third = File(Input("other"));
  ASSERT_TRUE(svc_->SaveDraft({P(w_.member1), "ip"}, second, Input("other")).ok());
  ASSERT_TRUE(svc_->Submit({P(w_.member1), "ip"}, second, "final").ok());
  auto receipts = [&](CaseId id, UserId who) {
    std::vector<std::string> out;
    const auto view = svc_->Get({P(who), "ip"}, id);  // alive for the loop
    for (const auto& v : view->versions) out.push_back(v.draft ? "draft" : v.receipt_no);
    return out;
  };
  EXPECT_EQ(receipts(first, w_.member1),
            (std::vector<std::string>{"R-2026-000001", "R-2026-000003"}));
  EXPECT_EQ(receipts(second, w_.member1),
            (std::vector<std::string>{"R-2026-000002", "R-2027-000002"}));
  EXPECT_EQ(receipts(third, w_.member1), (std::vector<std::string>{"R-2027-000001"}));
  EXPECT_EQ(receipts(first, w_.officer), receipts(first, w_.member1))
      << "the recipients see the same numbers";
  EXPECT_EQ(receipts(draft->c.id, w_.member1), (std::vector<std::string>{"draft"}));
  // A new draft of a filed case keeps the filed phases' numbers.
  ASSERT_TRUE(svc_->SaveDraft({P(w_.member1), "ip"}, first, Input("legal")).ok());
  EXPECT_EQ(receipts(first, w_.member1),
            (std::vector<std::string>{"R-2026-000001", "R-2026-000003", "draft"}));
}

// Issue 15: submissions at the same time from several connections never share a receipt
// number, and none is skipped.
TEST_P(ReportingTest, Issue15_ConcurrentSubmissionsGetDistinctConsecutiveReceipts) {
  constexpr int kThreads = 4, kEach = 3;
  std::vector<CaseId> drafts;
  for (int i = 0; i < kThreads * kEach; ++i) {
    auto c = svc_->Create({P(w_.member1), "ip"}, Input("other"));
    ASSERT_TRUE(c.ok()) << c.status().Describe();
    drafts.push_back(c->c.id);
  }
  std::mutex mu;
  std::vector<std::string> receipts;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < kEach; ++k) {
        auto filed = svc_->Submit({P(t % 2 ? w_.member1 : w_.member1b), "ip"},
                                  drafts[t * kEach + k], "initial");
        std::lock_guard lock(mu);
        EXPECT_TRUE(filed.ok()) << filed.status().Describe();
        if (filed.ok()) receipts.push_back(filed->versions.back().receipt_no);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::sort(receipts.begin(), receipts.end());
  std::vector<std::string> expected;
  for (int n = 1; n <= kThreads * kEach; ++n) expected.push_back(domain::ReceiptNumber(2026, n));
  EXPECT_EQ(receipts, expected);
}

// Issue 15: a recipient's question stays open until the reporting organisation answers
// it; only the reporter answers, only questions of the case are answered; each posts the
// mail of its kind to the people it concerns.
TEST_P(ReportingTest, Issue15_QuestionsStayOpenUntilTheReporterAnswersThem) {
  const CaseId id = File(Input("legal"));  // to the ministry (officer) and the centre
  const Millis now = clock_.now_ms();
  EXPECT_EQ(Queued(now), (std::multiset<std::string>{Row(domain::kMailReportArrived, w_.officer),
                                                     Row(domain::kMailReportArrived, nc_officer_)}))
      << "the recipients' capacity holders are told, not the reporter";
  auto asked = svc_->Ask({P(w_.officer), "ip"}, id, "制御系への影響を教えてください");
  ASSERT_TRUE(asked.ok()) << asked.status().Describe();
  ASSERT_EQ(asked->messages.size(), 1u);
  const auto question = asked->messages[0];
  EXPECT_EQ(question.kind, "question");
  EXPECT_FALSE(question.answered);
  EXPECT_EQ(asked->c.open_questions, 1);
  EXPECT_FALSE(asked->can_answer);
  auto mine = [&] {
    domain::CaseFilter f;
    std::optional<std::int64_t> next;
    auto list = svc_->List(P(w_.member1b), f, next);
    EXPECT_TRUE(list.ok());
    return list->at(0).c.open_questions;
  };
  EXPECT_EQ(mine(), 1) << "the reporter's list shows the open question";
  // Refusals change nothing.
  EXPECT_EQ(svc_->Ask({P(nc_officer_), "ip"}, id, "回答", question.id).status().kind(),
            Kind::kPermissionDenied)
      << "only the reporter answers";
  EXPECT_EQ(svc_->Ask({P(w_.member1), "ip"}, id, "回答", question.id + 100).status().field(),
            "answer_to");
  auto note = svc_->Ask({P(w_.member1), "ip"}, id, "調査中です");
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(note->messages.back().kind, "note");
  EXPECT_EQ(svc_->Ask({P(w_.member1), "ip"}, id, "回答", note->messages.back().id).status().code(),
            "question_not_found")
      << "a note is not a question";
  EXPECT_EQ(mine(), 1);
  auto answered = svc_->Ask({P(w_.member1), "ip"}, id, "影響はありません", question.id);
  ASSERT_TRUE(answered.ok()) << answered.status().Describe();
  ASSERT_EQ(answered->messages.size(), 3u);
  EXPECT_TRUE(answered->messages[0].answered);
  EXPECT_EQ(answered->messages[2].kind, "answer");
  EXPECT_EQ(answered->messages[2].answer_to, question.id);
  EXPECT_EQ(answered->c.open_questions, 0);
  EXPECT_TRUE(answered->can_answer);
  EXPECT_EQ(mine(), 0);
  // The question went to the reporter's members (not the asker), the answer to the
  // asker's organisation only; the note to nobody.
  const auto queued = Queued(clock_.now_ms());
  EXPECT_EQ(queued.count(Row(domain::kMailReportQuestion, w_.member1)), 1u);
  EXPECT_EQ(queued.count(Row(domain::kMailReportQuestion, w_.member1b)), 1u);
  EXPECT_EQ(queued.count(Row(domain::kMailReportAnswer, w_.officer)), 1u);
  EXPECT_EQ(queued.count(Row(domain::kMailReportAnswer, nc_officer_)), 0u);
  EXPECT_EQ(queued.size(), 5u) << "two arrivals, two questions, one answer";
}

// Issue 15: a follow-up tells the recipients who had the case of the next phase and those
// it reaches for the first time (a newly ticked forwarding) of its arrival; the deadline's
// notice is queued for its instant.
TEST_P(ReportingTest, Issue15_AFollowUpTellsEarlierRecipientsAndNewOnesApart) {
  auto in = Input("serious");  // the hub only, until the reporter forwards it
  const CaseId id = File(in);
  const Millis filed = clock_.now_ms();
  EXPECT_EQ(Queued(filed),
            (std::multiset<std::string>{Row(domain::kMailReportArrived, w_.analyst_a)}));
  clock_.advance(3600 * 1000);
  in.forward_national_centre = true;
  in.fields["systems"] = "it";  // the follow-up's required field
  ASSERT_TRUE(svc_->SaveDraft({P(w_.member1), "ip"}, id, in).ok());
  auto followup = svc_->Submit({P(w_.member1), "ip"}, id, "followup");
  ASSERT_TRUE(followup.ok()) << followup.status().Describe();
  const auto queued = Queued(clock_.now_ms());
  EXPECT_EQ(queued.count(Row(domain::kMailReportPhase, w_.analyst_a)), 1u);
  EXPECT_EQ(queued.count(Row(domain::kMailReportArrived, nc_officer_)), 1u);
  EXPECT_EQ(queued.count(Row(domain::kMailReportPhase, nc_officer_)), 0u);
  // The next deadline (final, one month after aware_at) has its notice queued for then:
  // the reporter's members, and the recipients (the regime flags overdue to the hub).
  const auto due = svc_->Get({P(w_.member1), "ip"}, id)->next_due;
  ASSERT_TRUE(due);
  EXPECT_EQ(due->phase, "final");
  const auto at_due = Queued(due->due_at, due->due_at - 1);
  for (UserId u : {w_.member1, w_.member1b, w_.analyst_a, nc_officer_})
    EXPECT_EQ(at_due.count(Row(domain::kMailReportOverdue, u)), 1u) << u.value;
  EXPECT_EQ(at_due.size(), 4u);
}

INSTANTIATE_TEST_SUITE_P(Engines, ReportingTest, RENKEI_ENGINES);

}  // namespace
}  // namespace renkei::testing
