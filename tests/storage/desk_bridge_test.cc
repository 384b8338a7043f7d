// The desk's bridges (issue 19) on both engines: an SME names the operators it supplies
// (取引先), consents to its desk sharing a ticket on its behalf, and a ticket goes to some
// of those operators as a supply-chain notice — an item that reaches them and nobody else,
// which no other path can send, and whose every refusal writes nothing; and a ticket
// becomes the SME's draft incident report, which the SME submits and its desk receives.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/time_format.h"
#include "domain/desk/desk_service.h"
#include "domain/reporting/reporting_service.h"
#include "domain/sharing/sharing_service.h"
#include "support/catalogs.h"
#include "world.h"

namespace renkei::testing {
namespace {

using domain::Role;
using domain::TicketDetail;
using domain::TicketShare;
using domain::Tlp;

// The world's operators m1, m2 (electricity) and m3 (gas); provider P runs consortium C
// (overseen by METI); SME S is enrolled with C and supplies m1 and m2; SME T, also with C,
// supplies m3.
class DeskBridgeTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    w_ = SeedWorld(*tx_);
    Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
      p_ = AddOrg(s, "神奈川お助け隊事務局", "support_provider", {}, {});
      s_ = AddOrg(s, "湘南精機株式会社", "sme", {}, {}, 14);
      t_ = AddOrg(s, "相模部品工業", "sme", {}, {}, 14);
      agent_ = AddUser(s, p_, "agent@p.example", Role::kDeskAgent);
      owner_ = AddUser(s, s_, "owner@s.example", Role::kMember);
      towner_ = AddUser(s, t_, "owner@t.example", Role::kMember);
      m2member_ = AddUser(s, w_.m2, "one@m2.example", Role::kMember);
      return Status::Ok();
    });
    ASSERT_TRUE(st.ok()) << st.Describe();
    sharing_ = std::make_unique<domain::SharingService>(*tx_, clock_);
    reporting_ = std::make_unique<domain::ReportingService>(
        *tx_, clock_, *sharing_, testing::TestCatalogs().reporting, nullptr);
    svc_ = std::make_unique<domain::DeskService>(*tx_, clock_, nullptr, sharing_.get(),
                                                 reporting_.get());
    domain::Consortium c;
    c.code = "kanagawa";
    c.name_ja = "神奈川お助け隊";
    c.region_ja = "神奈川県";
    c.provider_org_id = p_;
    c.overseer_org_id = w_.meti;
    auto cid = svc_->CreateConsortium(A(w_.admin), c);
    ASSERT_TRUE(cid.ok()) << cid.status().Describe();
    c_ = *cid;
    k_ = Enrol(s_, "FGT60F0001", {w_.m1, w_.m2});
    Enrol(t_, "FGT60F0002", {w_.m3});
    domain::NewTicket in;
    in.channel = "web";
    in.kind = "contact";
    in.category = "security";
    in.subject = "ランサムウェアの疑い";
    in.body = "共有フォルダのファイルが開けなくなりました。";
    auto d = svc_->Open(A(owner_), in);
    ASSERT_TRUE(d.ok()) << d.status().Describe();
    ticket_ = d->ticket.id;
  }
  domain::ContractId Enrol(OrgId sme, std::string serial, std::vector<OrgId> customers) {
    domain::Contract k;
    k.consortium_id = c_;
    k.sme_org_id = sme;
    k.starts_at = clock_.now_ms() - 30LL * 24 * 3600 * 1000;
    domain::Device d;
    d.vendor = "fortigate";
    d.serial = std::move(serial);
    k.devices.push_back(d);
    for (OrgId o : customers) k.customers.push_back({o, "", ""});
    auto id = svc_->Enrol(A(w_.admin), k);
    EXPECT_TRUE(id.ok()) << id.status().Describe();
    return id.ok() ? *id : domain::ContractId();
  }
  domain::Actor A(UserId id) { return {PrincipalOf(*tx_, id), "127.0.0.1"}; }
  TicketShare Share(std::vector<OrgId> to, Tlp tlp = Tlp::kAmber) {
    TicketShare sh;
    sh.operators = std::move(to);
    sh.tlp = tlp;
    sh.title = "取引先からの連絡: ランサムウェア感染の疑い";
    sh.body = "部品の納入に遅れが出る可能性があります。";
    return sh;
  }
  // The supply-chain notices `who` finds in their inbox.
  std::vector<domain::Item> Notices(UserId who) {
    domain::ItemFilter f;
    f.scope = "inbox";
    f.kind = domain::kSupplyChainNotice;
    auto page = sharing_->List(PrincipalOf(*tx_, who), f);
    EXPECT_TRUE(page.ok()) << page.status().Describe();
    return page.ok() ? page->items : std::vector<domain::Item>{};
  }
  std::vector<std::int64_t> Footprint() {
    std::vector<std::int64_t> out;
    for (const char* t :
         {"items", "deliveries", "desk_ticket_entries", "desk_contract_customers", "audit_log"})
      out.push_back(Rows(t));
    return out;
  }
  std::vector<std::string> Events() {
    auto d = svc_->Get(PrincipalOf(*tx_, agent_), ticket_);
    EXPECT_TRUE(d.ok()) << d.status().Describe();
    std::vector<std::string> out;
    if (d.ok())
      for (const auto& e : d->entries)
        if (e.kind == "event") out.push_back(e.body);
    return out;
  }

  ManualClock clock_{*ParseRfc3339("2026-11-02T10:00:00+09:00")};
  World w_;
  OrgId p_, s_, t_;
  UserId agent_, owner_, towner_, m2member_;
  domain::ConsortiumId c_;
  domain::ContractId k_;
  domain::TicketId ticket_;
  std::unique_ptr<domain::SharingService> sharing_;
  std::unique_ptr<domain::ReportingService> reporting_;
  std::unique_ptr<domain::DeskService> svc_;
};

TEST_P(DeskBridgeTest, TheSmeSharesItsTicketWithOneCustomerAndOnlyThatOperatorReadsIt) {
  auto view = svc_->Share(A(owner_), ticket_, Share({w_.m1}));
  ASSERT_TRUE(view.ok()) << view.status().Describe();
  EXPECT_EQ(view->item.kind, domain::kSupplyChainNotice);
  EXPECT_EQ(view->item.sender_org_id, s_) << "the SME sends its own notice";
  ASSERT_EQ(Notices(w_.member1).size(), 1u);
  EXPECT_EQ(Notices(w_.member1)[0].content.title, "取引先からの連絡: ランサムウェア感染の疑い");
  EXPECT_TRUE(Notices(w_.member3).empty()) << "another sector's operator";
  EXPECT_TRUE(Notices(w_.analyst_a).empty()) << "the operator's hub is not named";
  EXPECT_TRUE(Notices(w_.officer).empty()) << "nor its ministry";
  // Nobody outside the audience can open it by id either (404, as for any item).
  auto other = sharing_->Get(A(w_.member3), view->item.id);
  EXPECT_EQ(other.status().code(), "not_found");
  EXPECT_EQ(sharing_->Get(A(agent_), view->item.id).status().code(), "not_found")
      << "the desk did not send it and is not in its audience";
  // The ticket records it, the SME and the desk see the record.
  const auto events = Events();
  EXPECT_NE(std::find(events.begin(), events.end(),
                      "shared|" + std::to_string(view->item.id.value) + "|AMBER"),
            events.end());
}

TEST_P(DeskBridgeTest, TheDeskSharesOnTheSmesBehalfOnlyOnceItConsented) {
  const auto before = Footprint();
  auto refused = svc_->Share(A(agent_), ticket_, Share({w_.m2}));
  EXPECT_EQ(refused.status().code(), "desk_consent_needed");
  EXPECT_EQ(Footprint(), before) << "a refused share writes nothing";
  // Only the SME consents; the agent cannot consent for it.
  EXPECT_EQ(svc_->Consent(A(agent_), ticket_).status().code(), "desk_consent_sme_only");
  auto consented = svc_->Consent(A(owner_), ticket_);
  ASSERT_TRUE(consented.ok()) << consented.status().Describe();
  EXPECT_TRUE(consented->ticket.consent_at.has_value());
  auto view = svc_->Share(A(agent_), ticket_, Share({w_.m2}, Tlp::kAmberStrict));
  ASSERT_TRUE(view.ok()) << view.status().Describe();
  EXPECT_EQ(view->item.sender_org_id, p_) << "the desk's provider sends it on the SME's behalf";
  ASSERT_EQ(Notices(m2member_).size(), 1u);
  EXPECT_EQ(Notices(m2member_)[0].tlp, Tlp::kAmberStrict);
  EXPECT_TRUE(Notices(w_.member1).empty()) << "m1 was not named";
}

TEST_P(DeskBridgeTest, OnlyTheSmesCustomersCanBeNamedAndOnlyGreenToAmberStrict) {
  ASSERT_TRUE(svc_->Consent(A(owner_), ticket_).ok());
  const auto before = Footprint();
  // m3 is a customer of the other SME, not of this one.
  auto r = svc_->Share(A(owner_), ticket_, Share({w_.m1, w_.m3}));
  EXPECT_EQ(r.status().code(), "desk_not_a_customer");
  EXPECT_EQ(r.status().field(), "operators[1]");
  EXPECT_EQ(svc_->Share(A(owner_), ticket_, Share({w_.m1}, Tlp::kClear)).status().code(),
            "desk_share_label");
  EXPECT_EQ(svc_->Share(A(owner_), ticket_, Share({w_.m1}, Tlp::kRed)).status().code(),
            "desk_share_label");
  EXPECT_EQ(svc_->Share(A(owner_), ticket_, Share({})).status().code(),
            "desk_share_needs_operators");
  EXPECT_EQ(svc_->Share(A(w_.member1), ticket_, Share({w_.m1})).status().code(), "not_found")
      << "the operator itself cannot see the ticket";
  EXPECT_EQ(svc_->Share(A(towner_), ticket_, Share({w_.m3})).status().code(), "not_found")
      << "another SME of the same consortium";
  EXPECT_EQ(Footprint(), before);
}

TEST_P(DeskBridgeTest, Issue19_ASupplyChainNoticeCannotBeSentAsAnItemOfItsOwn) {
  // A publisher (a hub analyst) and a member of the SME try the generic path with the kind.
  domain::NewItem in;
  in.kind = domain::kSupplyChainNotice;
  in.tlp = Tlp::kAmber;
  in.content.title = "偽の取引先通知";
  in.content.body = "本文";
  in.audience.org_ids = {w_.m1};
  const auto before = Footprint();
  EXPECT_EQ(sharing_->Publish(A(w_.analyst_a), in).status().code(),
            "supply_chain_notice_from_desk");
  EXPECT_EQ(sharing_->Publish(A(owner_), in).status().code(), "supply_chain_notice_from_desk");
  EXPECT_EQ(sharing_->SaveDraft(A(w_.analyst_a), in).status().code(),
            "supply_chain_notice_from_desk");
  EXPECT_EQ(Footprint(), before);
}

TEST_P(DeskBridgeTest, CustomersAreOperatorsNamedByTheSmeOrItsDesk) {
  auto k = svc_->SetCustomers(A(owner_), k_, {w_.m3});
  ASSERT_TRUE(k.ok()) << k.status().Describe();
  ASSERT_EQ(k->customers.size(), 1u);
  EXPECT_EQ(k->customers[0].org_id, w_.m3);
  EXPECT_EQ(k->customers[0].name_ja, "北ガス株式会社");
  EXPECT_TRUE(svc_->SetCustomers(A(agent_), k_, {w_.m1, w_.m2}).ok());
  const auto before = Footprint();
  auto not_operator = svc_->SetCustomers(A(owner_), k_, {w_.m1, w_.meti});
  EXPECT_EQ(not_operator.status().code(), "desk_customer_not_operator");
  EXPECT_EQ(not_operator.status().field(), "customers[1]");
  EXPECT_EQ(svc_->SetCustomers(A(owner_), k_, {w_.m1, w_.m1}).status().code(), "duplicate");
  EXPECT_EQ(svc_->SetCustomers(A(towner_), k_, {w_.m3}).status().code(), "not_found")
      << "another SME's contract is not seen";
  EXPECT_EQ(svc_->SetCustomers(A(w_.member1), k_, {w_.m1}).status().code(), "not_found");
  EXPECT_EQ(Footprint(), before);
  // After m1 stops being a customer, the SME can no longer share with it.
  ASSERT_TRUE(svc_->SetCustomers(A(owner_), k_, {w_.m2}).ok());
  EXPECT_EQ(svc_->Share(A(owner_), ticket_, Share({w_.m1})).status().code(), "desk_not_a_customer");
}

TEST_P(DeskBridgeTest, TheSmeTurnsItsTicketIntoAReportThatReachesItsDeskAndTheMinistry) {
  // The desk answers first: its message goes into the report, its internal note never.
  ASSERT_TRUE(
      svc_->AddEntry(A(agent_), ticket_, "note", "社内メモ: 担当者の携帯 090-0000-0000").ok());
  ASSERT_TRUE(
      svc_->AddEntry(A(agent_), ticket_, "message", "ネットワークから切り離してください。").ok());
  domain::TicketReport r;
  r.report_class = "serious";
  r.forward_ministry = true;
  auto made = svc_->DraftReport(A(owner_), ticket_, r);
  ASSERT_TRUE(made.ok()) << made.status().Describe();
  auto view = reporting_->Get(A(owner_), *made);
  ASSERT_TRUE(view.ok()) << view.status().Describe();
  EXPECT_EQ(view->c.status, "draft");
  EXPECT_EQ(view->c.reporter_org_id, s_);
  EXPECT_EQ(view->c.sector_id, "electricity") << "the sector of the operators it supplies";
  ASSERT_FALSE(view->versions.empty());
  const auto& fields = view->versions.back().fields;
  EXPECT_EQ(fields.at("title"), "ランサムウェアの疑い");
  EXPECT_NE(fields.at("summary").find("共有フォルダのファイルが開けなくなりました。"),
            std::string::npos);
  EXPECT_NE(fields.at("summary").find("ネットワークから切り離してください。"), std::string::npos);
  EXPECT_EQ(fields.at("summary").find("090-0000-0000"), std::string::npos)
      << "an internal note never leaves the desk";
  // The desk does not see the SME's draft; once submitted, it and METI (the sector's
  // ministry, forwarded) receive it, and the desk's agents may triage it.
  EXPECT_EQ(reporting_->Get(A(agent_), *made).status().code(), "not_found");
  auto sent = reporting_->Submit(A(owner_), *made, "initial");
  ASSERT_TRUE(sent.ok()) << sent.status().Describe();
  std::vector<std::string> kinds;
  for (const auto& rc : sent->recipients)
    kinds.push_back(rc.kind + ":" + std::to_string(rc.org_id.value));
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "desk:" + std::to_string(p_.value)), kinds.end());
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "ministry:" + std::to_string(w_.meti.value)),
            kinds.end());
  auto at_desk = reporting_->Get(A(agent_), *made);
  ASSERT_TRUE(at_desk.ok()) << at_desk.status().Describe();
  EXPECT_TRUE(at_desk->can_triage);
  EXPECT_TRUE(reporting_->Get(A(w_.officer), *made).ok());
  EXPECT_EQ(reporting_->Get(A(w_.analyst_a), *made).status().code(), "not_found");
  EXPECT_EQ(reporting_->Get(A(towner_), *made).status().code(), "not_found");
  const auto events = Events();
  EXPECT_NE(std::find(events.begin(), events.end(), "reported|" + std::to_string(made->value)),
            events.end());
}

TEST_P(DeskBridgeTest, TheDeskDraftsTheSmesReportOnlyWithItsConsentAndTheSmeSubmitsIt) {
  const auto before = Footprint();
  const std::int64_t cases = Rows("report_cases");
  EXPECT_EQ(svc_->DraftReport(A(agent_), ticket_, {}).status().code(), "desk_consent_needed");
  EXPECT_EQ(svc_->DraftReport(A(towner_), ticket_, {}).status().code(), "not_found");
  EXPECT_EQ(svc_->DraftReport(A(w_.member1), ticket_, {}).status().code(), "not_found");
  EXPECT_EQ(Footprint(), before);
  EXPECT_EQ(Rows("report_cases"), cases);
  ASSERT_TRUE(svc_->Consent(A(owner_), ticket_).ok());
  auto made = svc_->DraftReport(A(agent_), ticket_, {});
  ASSERT_TRUE(made.ok()) << made.status().Describe();
  auto view = reporting_->Get(A(owner_), *made);
  ASSERT_TRUE(view.ok()) << view.status().Describe();
  EXPECT_EQ(view->c.reporter_org_id, s_) << "the report is the SME's";
  EXPECT_EQ(view->c.created_by, agent_) << "written by its desk";
  EXPECT_TRUE(view->can_edit) << "the SME reviews and submits it";
  EXPECT_EQ(reporting_->Submit(A(agent_), *made, "initial").status().code(), "not_found")
      << "the desk does not submit for the SME";
  ASSERT_TRUE(reporting_->Submit(A(owner_), *made, "initial").ok());
}

TEST_P(DeskBridgeTest, AnSmeWithoutCustomersHasNoSectorToReportIn) {
  ASSERT_TRUE(svc_->SetCustomers(A(owner_), k_, {}).ok());
  const std::int64_t cases = Rows("report_cases");
  auto r = svc_->DraftReport(A(owner_), ticket_, {});
  EXPECT_EQ(r.status().code(), "desk_report_needs_customer");
  EXPECT_EQ(Rows("report_cases"), cases);
}

INSTANTIATE_TEST_SUITE_P(Engines, DeskBridgeTest, RENKEI_ENGINES);

}  // namespace
}  // namespace renkei::testing
