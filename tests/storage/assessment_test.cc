// Self-assessment on both engines: who sees an assessment (the service's one access rule),
// saving and freezing answers, carrying a round over, the import that writes all or
// nothing, and the sector view's minimum group through the real store.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "core/time_format.h"
#include "domain/assessment/assessment_service.h"
#include "domain/audit/audit_service.h"
#include "domain/validation.h"
#include "support/catalogs.h"
#include "world.h"

namespace renkei::testing {
namespace {

using domain::Answer;
using domain::AssessmentId;

class AssessmentTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    w_ = SeedWorld(*tx_);
    Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
      body_ = AddOrg(s, "電力広域的運営推進機関", "sector_body", {"electricity"}, {});
      sector_officer_ = AddUser(s, body_, "officer@body.example", domain::Role::kSectorBodyOfficer);
      gas_body_ = AddOrg(s, "ガス機関", "sector_body", {"gas"}, {});
      gas_officer_ =
          AddUser(s, gas_body_, "officer@gasbody.example", domain::Role::kSectorBodyOfficer);
      for (int i = 0; i < 6; ++i) {
        OrgId org = AddOrg(s, "発電所" + std::to_string(i), "operator", {"electricity"}, {});
        extra_orgs_.push_back(org);
        extra_members_.push_back(
            AddUser(s, org, "m" + std::to_string(i) + "@gen.example", domain::Role::kMember));
      }
      return Status::Ok();
    });
    ASSERT_TRUE(st.ok()) << st.Describe();
    svc_ = std::make_unique<domain::AssessmentService>(*tx_, clock_,
                                                       testing::TestCatalogs().assessment);
  }
  domain::Principal P(UserId id) { return PrincipalOf(*tx_, id); }

  AssessmentId Start(UserId who, std::optional<AssessmentId> carry = std::nullopt,
                     std::optional<int> year = std::nullopt) {
    auto v = svc_->Create({P(who), "ip"}, {"nist-csf-1.1", "", year, carry});
    EXPECT_TRUE(v.ok()) << v.status().Describe();
    return v.ok() ? v->a.id : AssessmentId();
  }
  // Every item at `level`, via the API-sized batches.
  void AnswerAll(UserId who, AssessmentId id, int level) {
    const auto& items = svc_->catalogs().find("nist-csf-1.1")->items();
    std::vector<Answer> batch;
    for (const auto& item : items) {
      Answer a;
      a.item_id = item.id;
      a.level = level;
      batch.push_back(a);
    }
    auto v = svc_->SaveAnswers({P(who), "ip"}, id, batch);
    ASSERT_TRUE(v.ok()) << v.status().Describe();
  }
  bool Sees(UserId who, AssessmentId id) {
    auto r = svc_->Get({P(who), "ip"}, id);
    if (!r.ok()) {
      EXPECT_EQ(r.status().kind(), Kind::kNotFound) << r.status().Describe();
    }
    return r.ok();
  }

  ManualClock clock_{*ParseRfc3339("2026-11-20T01:00:00Z")};  // FY2026
  World w_;
  OrgId body_, gas_body_;
  UserId sector_officer_, gas_officer_;
  std::vector<OrgId> extra_orgs_;
  std::vector<UserId> extra_members_;
  std::unique_ptr<domain::AssessmentService> svc_;
};

TEST_P(AssessmentTest, DraftsAreTheOrganisationsOwnSubmittedOnesAlsoTheSectorBodys) {
  const AssessmentId id = Start(w_.member1);
  EXPECT_TRUE(Sees(w_.member1, id));
  EXPECT_TRUE(Sees(w_.member1b, id));  // a colleague
  EXPECT_FALSE(Sees(w_.member3, id));  // another operator
  EXPECT_FALSE(Sees(w_.admin, id));
  EXPECT_FALSE(Sees(w_.analyst_a, id));     // the hub is not the sector body
  EXPECT_FALSE(Sees(sector_officer_, id));  // a draft is not submitted yet
  AnswerAll(w_.member1, id, 2);
  ASSERT_TRUE(svc_->Submit({P(w_.member1), "ip"}, id).ok());
  EXPECT_TRUE(Sees(sector_officer_, id));
  EXPECT_FALSE(Sees(gas_officer_, id));  // another sector's body
  // Others may not write it either: 404 for strangers, 403 for the sector body.
  Answer a;
  a.item_id = "ID.AM-1";
  a.level = 1;
  EXPECT_EQ(svc_->SaveAnswers({P(w_.member3), "ip"}, id, {a}).status().kind(), Kind::kNotFound);
  EXPECT_EQ(svc_->SaveAnswers({P(sector_officer_), "ip"}, id, {a}).status().kind(),
            Kind::kPermissionDenied);
}

TEST_P(AssessmentTest, AnswersSaveSubmitFreezesWithTheRuleAndCarriesOver) {
  const AssessmentId id = Start(w_.member1);
  Answer a;
  a.item_id = "PR.PT-1";
  a.level = 3;
  a.comment = "ログは90日保存";
  auto v = svc_->SaveAnswers({P(w_.member1), "ip"}, id, {a});
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(v->answers.size(), 1u);
  EXPECT_EQ(v->answers[0].comment, "ログは90日保存");
  EXPECT_EQ(v->a.fiscal_year, 2026);
  // Bad answers change nothing.
  Answer bad = a;
  bad.level = 7;
  EXPECT_EQ(svc_->SaveAnswers({P(w_.member1), "ip"}, id, {bad}).status().code(), "out_of_range");
  Answer na;
  na.item_id = "PR.PT-2";
  na.not_applicable = true;
  EXPECT_EQ(svc_->SaveAnswers({P(w_.member1), "ip"}, id, {a, na}).status().code(), "required");
  EXPECT_EQ(svc_->Get({P(w_.member1), "ip"}, id)->answers.size(), 1u);
  // Incomplete: refused, naming the count and the first open item.
  auto refused = svc_->Submit({P(w_.member1), "ip"}, id);
  EXPECT_EQ(refused.status().code(), "incomplete");
  EXPECT_NE(refused.status().message().find("107 items"), std::string::npos);
  AnswerAll(w_.member1, id, 2);
  auto done = svc_->Submit({P(w_.member1), "ip"}, id);
  ASSERT_TRUE(done.ok()) << done.status().Describe();
  EXPECT_EQ(done->a.status, "submitted");
  EXPECT_EQ(done->a.score_rule, "mean-of-applicable/v1");
  EXPECT_EQ(done->scores.rule, "mean-of-applicable/v1");
  EXPECT_EQ(done->scores.functions.size(), 5u);
  EXPECT_EQ(done->scores.functions[0].mean_tenths, 20);
  EXPECT_EQ(svc_->SaveAnswers({P(w_.member1), "ip"}, id, {a}).status().code(), "already_submitted");
  EXPECT_EQ(svc_->Submit({P(w_.member1), "ip"}, id).status().code(), "already_submitted");
  // The same round twice: 409; the next round carries the answers and shows the previous.
  EXPECT_EQ(svc_->Create({P(w_.member1), "ip"}, {"nist-csf-1.1", "", 2026, {}}).status().kind(),
            Kind::kConflict);
  clock_.advance(150LL * 24 * 3600 * 1000);  // into FY2027 (April 2027)
  const AssessmentId next = Start(w_.member1, id);
  auto nv = svc_->Get({P(w_.member1), "ip"}, next);
  ASSERT_TRUE(nv.ok());
  EXPECT_EQ(nv->a.fiscal_year, 2027);
  EXPECT_EQ(nv->a.status, "draft");
  EXPECT_EQ(nv->answers.size(), 108u);
  ASSERT_TRUE(nv->previous);
  EXPECT_EQ(nv->previous->id, id);
  EXPECT_EQ(nv->previous_scores->functions[0].mean_tenths, 20);
  // Stored scores come back in catalogue order (ID, PR, DE, RS, RC), as computed ones do.
  std::vector<std::string> order;
  for (const auto& f : nv->previous_scores->functions) order.push_back(f.id);
  EXPECT_EQ(order, (std::vector<std::string>{"ID", "PR", "DE", "RS", "RC"}));
  EXPECT_EQ(nv->previous_scores->categories.front().id, "ID.AM");
  // Carrying from another organisation's assessment is refused.
  EXPECT_EQ(svc_->Create({P(w_.member3), "ip"}, {"nist-csf-1.1", "", {}, id}).status().code(),
            "unknown_assessment");
}

TEST_P(AssessmentTest, ImportWritesEverythingOrNothing) {
  const AssessmentId id = Start(w_.member1);
  Answer keep;
  keep.item_id = "ID.AM-1";
  keep.level = 4;
  ASSERT_TRUE(svc_->SaveAnswers({P(w_.member1), "ip"}, id, {keep}).ok());
  auto book = svc_->Export(P(w_.member1), id, "ja");
  ASSERT_TRUE(book.ok());
  auto& rows = book->sheets[0].rows;
  rows[3][4] = "2";  // ID.AM-2
  rows[4][4] = "9";  // ID.AM-3: out of range
  auto imp = svc_->Import({P(w_.member1), "ip"}, id, *book);
  ASSERT_TRUE(imp.ok());
  ASSERT_EQ(imp->errors.size(), 1u);
  EXPECT_EQ(imp->errors[0].row, 5);
  EXPECT_EQ(svc_->Get({P(w_.member1), "ip"}, id)->answers.size(), 1u) << "nothing imported";
  rows[4][4] = "1";
  imp = svc_->Import({P(w_.member1), "ip"}, id, *book);
  ASSERT_TRUE(imp.ok());
  EXPECT_TRUE(imp->errors.empty());
  auto v = svc_->Get({P(w_.member1), "ip"}, id);
  ASSERT_EQ(v->answers.size(), 3u);
  // Another organisation cannot import into it (404).
  EXPECT_EQ(svc_->Import({P(w_.member3), "ip"}, id, *book).status().kind(), Kind::kNotFound);
}

TEST_P(AssessmentTest, SectorViewNeedsFiveAndIsForTheSectorBody) {
  // Four submissions: penetration yes, distributions no.
  for (int i = 0; i < 4; ++i) {
    const AssessmentId id = Start(extra_members_[static_cast<size_t>(i)]);
    AnswerAll(extra_members_[static_cast<size_t>(i)], id, i % 5);
    ASSERT_TRUE(svc_->Submit({P(extra_members_[static_cast<size_t>(i)]), "ip"}, id).ok());
  }
  auto v = svc_->Sector(P(sector_officer_), "nist-csf-1.1", std::nullopt, {});
  ASSERT_TRUE(v.ok()) << v.status().Describe();
  EXPECT_EQ(v->fiscal_year, 2026);
  EXPECT_EQ(v->total.operators, 8);  // m1, m2 and the six plants
  EXPECT_EQ(v->total.submitted, 4);
  EXPECT_TRUE(v->suppressed);
  EXPECT_TRUE(v->items.empty());
  // The operator's own position is hidden below five peers too.
  const AssessmentId own = Start(w_.member1);
  EXPECT_TRUE(svc_->Get({P(w_.member1), "ip"}, own)->position.empty());
  // A fifth: distributions appear; the operator sees the sector mean, not the others.
  const AssessmentId fifth = Start(extra_members_[4]);
  AnswerAll(extra_members_[4], fifth, 4);
  ASSERT_TRUE(svc_->Submit({P(extra_members_[4]), "ip"}, fifth).ok());
  v = svc_->Sector(P(sector_officer_), "nist-csf-1.1", 2026, {});
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->suppressed);
  EXPECT_EQ(v->group_size, 5);
  EXPECT_EQ(v->items.size(), 108u);
  EXPECT_EQ(v->functions[0].mean_tenths, 20);  // (0+1+2+3+4)/5
  auto pos = svc_->Get({P(w_.member1), "ip"}, own)->position;
  ASSERT_EQ(pos.size(), 5u);
  EXPECT_EQ(pos[0].sector_mean_tenths, 20);
  auto status = svc_->SectorStatus(P(sector_officer_), "nist-csf-1.1", 2026);
  ASSERT_TRUE(status.ok());
  int submitted = 0;
  for (const auto& r : *status) submitted += r.assessment_id ? 1 : 0;
  EXPECT_EQ(submitted, 5);
  EXPECT_EQ(status->size(), 8u);
  // Only sector body officers.
  EXPECT_EQ(svc_->Sector(P(w_.member1), "nist-csf-1.1", 2026, {}).status().kind(),
            Kind::kPermissionDenied);
  EXPECT_EQ(svc_->Sector(P(sector_officer_), "nope", 2026, {}).status().code(), "unknown_catalog");
  EXPECT_EQ(svc_->Sector(P(sector_officer_), "nist-csf-1.1", 2026, {"bogus", ""}).status().code(),
            "invalid_value");
}

// Defect: the audit detail of assessment.create was built as `"{\"catalog\":\"" + id + …`,
// so a catalogue id with a quote wrote invalid JSON into the audit log, and the audit
// page (which passes the stored detail through) answered invalid JSON to everyone.
TEST_P(AssessmentTest, AuditDetailEscapesACatalogueIdWithAQuote) {
  std::string toml =
      "id = 'csf \"lite\" \\ 1'\nversion = \"1\"\nname_ja = \"軽量版\"\n"
      "name_en = \"Lite\"\n";
  for (int level = 0; level <= domain::kMaxLevel; ++level)
    toml += "[[levels]]\nlevel = " + std::to_string(level) +
            "\nlabel_ja = \"l\"\nlabel_en = \"l\"\ndescription_ja = \"d\"\n"
            "description_en = \"d\"\n";
  toml +=
      "[[functions]]\nid = \"ID\"\nname_ja = \"識別\"\nname_en = \"Identify\"\n"
      "[[categories]]\nid = \"ID.AM\"\nfunction = \"ID\"\nname_ja = \"資産\"\n"
      "name_en = \"Assets\"\n[[categories.items]]\nid = \"ID.AM-1\"\nja = \"台帳がある\"\n"
      "en = \"There is an inventory\"\nnext_ja = \"台帳を作る\"\nnext_en = \"Make one\"\n";
  auto catalogs = domain::AssessmentCatalogs::Parse({{"lite.toml", toml}});
  ASSERT_TRUE(catalogs.ok()) << catalogs.status().Describe();
  const std::string id = catalogs->all().front().id();
  ASSERT_EQ(id, "csf \"lite\" \\ 1");
  domain::AssessmentService svc(*tx_, clock_, *catalogs);
  auto created = svc.Create({P(w_.member1), "ip"}, {id, "", std::nullopt, std::nullopt});
  ASSERT_TRUE(created.ok()) << created.status().Describe();
  domain::Answer a;
  a.item_id = "ID.AM-1";
  a.level = 2;
  ASSERT_TRUE(svc.SaveAnswers({P(w_.member1), "ip"}, created->a.id, {a}).ok());
  ASSERT_TRUE(svc.Submit({P(w_.member1), "ip"}, created->a.id).ok());

  auto rows = domain::AuditService(*tx_).List(P(w_.admin), {"assessment.", "", "", 0, 0, 200});
  ASSERT_TRUE(rows.ok()) << rows.status().Describe();
  ASSERT_EQ(rows->size(), 3u);  // create, answer, submit
  for (const auto& e : *rows) {
    SCOPED_TRACE(e.action + " " + e.detail);
    ASSERT_TRUE(nlohmann::json::accept(e.detail));
    const auto detail = nlohmann::json::parse(e.detail);
    if (e.action == "assessment.create") {
      EXPECT_EQ(detail.at("catalog"), id);
    } else if (e.action == "assessment.submit") {
      EXPECT_EQ(detail.at("rule"), "mean-of-applicable/v1");
    }
  }
}

// Issue 16: the sector's competent ministry reads its sectors' view (aggregates, the same
// group of five), never an operator's assessment nor the list naming who submitted;
// another ministry sees nothing of a sector not its own (404).
TEST_P(AssessmentTest, TheSectorsMinistryReadsItsViewAnotherMinistryNothing) {
  OrgId mic;
  UserId mic_officer, nco_officer;
  Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    mic = AddOrg(s, "総務省", "ministry", {}, {});
    mic_officer = AddUser(s, mic, "officer@mic.example", domain::Role::kMinistryOfficer);
    RENKEI_RETURN_IF_ERROR(s.directory.UpsertSector({"telecom", "情報通信", "Telecom", 3, mic}));
    const OrgId nco = AddOrg(s, "国家サイバー統括室", "national_centre", {}, {});
    nco_officer = AddUser(s, nco, "officer@nco.example", domain::Role::kNationalCentreOfficer);
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  std::vector<AssessmentId> submitted;
  for (int i = 0; i < 5; ++i) {
    const UserId who = extra_members_[static_cast<size_t>(i)];
    const AssessmentId id = Start(who);
    AnswerAll(who, id, i % 5);
    ASSERT_TRUE(svc_->Submit({P(who), "ip"}, id).ok());
    submitted.push_back(id);
  }
  const auto body = svc_->Sector(P(sector_officer_), "nist-csf-1.1", 2026, {});
  ASSERT_TRUE(body.ok()) << body.status().Describe();
  // METI is competent for electricity (first by sort order) and gas.
  auto meti = svc_->Sector(P(w_.officer), "nist-csf-1.1", 2026, {});
  ASSERT_TRUE(meti.ok()) << meti.status().Describe();
  EXPECT_EQ(meti->sector_id, "electricity");
  EXPECT_EQ(meti->sectors, (std::vector<std::string>{"electricity", "gas"}));
  EXPECT_EQ(meti->total.operators, body->total.operators);
  EXPECT_EQ(meti->total.submitted, 5);
  EXPECT_EQ(meti->group_size, body->group_size);
  EXPECT_FALSE(meti->suppressed);
  EXPECT_EQ(meti->functions[0].mean_tenths, body->functions[0].mean_tenths);
  auto gas = svc_->Sector(P(w_.officer), "nist-csf-1.1", 2026, {}, "gas");
  ASSERT_TRUE(gas.ok()) << gas.status().Describe();
  EXPECT_EQ(gas->total.operators, 1);  // M3
  EXPECT_TRUE(gas->suppressed);
  // The same group of five for the ministry: a filtered group under five shows no means.
  auto small = svc_->Sector(P(w_.officer), "nist-csf-1.1", 2026, {"", "large"}, "electricity");
  ASSERT_TRUE(small.ok());
  EXPECT_TRUE(small->suppressed);
  EXPECT_TRUE(small->items.empty());
  // Aggregates only: no operator's assessment, no list of who submitted.
  for (const auto& id : submitted) EXPECT_FALSE(Sees(w_.officer, id));
  EXPECT_EQ(svc_->SectorStatus(P(w_.officer), "nist-csf-1.1", 2026).status().kind(),
            Kind::kPermissionDenied);
  // Another ministry: its own sector, nothing of electricity.
  auto own = svc_->Sector(P(mic_officer), "nist-csf-1.1", 2026, {});
  ASSERT_TRUE(own.ok()) << own.status().Describe();
  EXPECT_EQ(own->sector_id, "telecom");
  EXPECT_EQ(svc_->Sector(P(mic_officer), "nist-csf-1.1", 2026, {}, "electricity").status().kind(),
            Kind::kNotFound);
  EXPECT_EQ(svc_->Sector(P(mic_officer), "nist-csf-1.1", 2026, {}, "nope").status().kind(),
            Kind::kNotFound);
  for (const auto& id : submitted) EXPECT_FALSE(Sees(mic_officer, id));
  // The gas body reads gas, not electricity; the national centre no view at all.
  EXPECT_EQ(svc_->Sector(P(gas_officer_), "nist-csf-1.1", 2026, {}, "electricity").status().kind(),
            Kind::kNotFound);
  EXPECT_EQ(svc_->Sector(P(nco_officer), "nist-csf-1.1", 2026, {}).status().kind(),
            Kind::kPermissionDenied);

  // Penetration: counts per sector — the centre every sector, a ministry its own, the
  // sector body its own, a member none; each the sector view's total.
  auto sectors_of = [&](UserId who) {
    auto rows = svc_->Penetration(P(who), 2026);
    EXPECT_TRUE(rows.ok()) << rows.status().Describe();
    std::vector<std::string> out;
    if (!rows.ok()) return out;
    for (const auto& r : *rows) {
      if (r.catalog_id != "nist-csf-1.1") continue;
      out.push_back(r.sector_id);
      if (r.sector_id == "electricity") {
        EXPECT_EQ(r.operators, body->total.operators);
        EXPECT_EQ(r.submitted, body->total.submitted);
      }
    }
    return out;
  };
  EXPECT_EQ(sectors_of(nco_officer), (std::vector<std::string>{"electricity", "gas", "telecom"}));
  EXPECT_EQ(sectors_of(w_.officer), (std::vector<std::string>{"electricity", "gas"}));
  EXPECT_EQ(sectors_of(mic_officer), (std::vector<std::string>{"telecom"}));
  EXPECT_EQ(sectors_of(sector_officer_), (std::vector<std::string>{"electricity"}));
  EXPECT_TRUE(sectors_of(w_.member1).empty());
}

// The sector view's readers over a random directory: every person asks for every sector;
// the view opens exactly for the sector bodies of the sector and the officers of its
// competent ministry, a reader of other sectors gets 404, anyone else 403; and nobody
// but the operator's own people and its sector body opens a submitted assessment.
TEST_P(AssessmentTest, RandomDirectoryTheSectorViewOpensOnlyForItsBodyAndItsMinistry) {
  std::mt19937 rng(20261202);
  auto roll = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  struct Person {
    UserId id;
    domain::Role role;
    std::vector<std::string> sectors;  // a body's sectors, or a ministry's
  };
  std::vector<Person> people;
  std::vector<std::string> sector_ids;
  std::vector<std::pair<AssessmentId, std::string>> submitted;  // with the operator's sector
  Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    std::vector<OrgId> ministries;
    std::vector<std::vector<std::string>> competent(4);
    for (int m = 0; m < 4; ++m) {
      ministries.push_back(AddOrg(s, "省" + std::to_string(m), "ministry", {}, {}));
    }
    for (int k = 0; k < 6; ++k) {
      const std::string id = "rs" + std::to_string(k);
      sector_ids.push_back(id);
      const int m = roll(5);  // 4: no competent ministry
      std::optional<OrgId> ministry;
      if (m < 4) ministry = ministries[static_cast<size_t>(m)], competent[m].push_back(id);
      RENKEI_RETURN_IF_ERROR(s.directory.UpsertSector({id, id, id, 10 + k, ministry}));
    }
    for (int m = 0; m < 4; ++m) {
      for (int u = 0; u < 2; ++u) {
        people.push_back(
            {AddUser(s, ministries[static_cast<size_t>(m)],
                     "m" + std::to_string(m) + "-" + std::to_string(u) + "@gov.example",
                     domain::Role::kMinistryOfficer),
             domain::Role::kMinistryOfficer, competent[static_cast<size_t>(m)]});
      }
    }
    for (int b = 0; b < 5; ++b) {
      std::vector<std::string> mine{sector_ids[static_cast<size_t>(roll(6))]};
      if (roll(3) == 0) {
        const std::string other = sector_ids[static_cast<size_t>(roll(6))];
        if (other != mine[0]) mine.push_back(other);
      }
      const OrgId org = AddOrg(s, "団体" + std::to_string(b), "sector_body", mine, {});
      people.push_back({AddUser(s, org, "b" + std::to_string(b) + "@body.example",
                                domain::Role::kSectorBodyOfficer),
                        domain::Role::kSectorBodyOfficer, mine});
    }
    const OrgId nco = AddOrg(s, "統括室", "national_centre", {}, {});
    people.push_back({AddUser(s, nco, "n@nco.example", domain::Role::kNationalCentreOfficer),
                      domain::Role::kNationalCentreOfficer,
                      {}});
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  // Operators in random sectors, each submitting.
  for (int i = 0; i < 8; ++i) {
    const std::string sector = sector_ids[static_cast<size_t>(roll(6))];
    UserId member;
    ASSERT_TRUE(tx_->Run(domain::TxMode::kWrite,
                         [&](domain::Stores& s) -> Status {
                           const OrgId org =
                               AddOrg(s, "事業者" + std::to_string(i), "operator", {sector}, {});
                           member = AddUser(s, org, "op" + std::to_string(i) + "@op.example",
                                            domain::Role::kMember);
                           return Status::Ok();
                         })
                    .ok());
    const AssessmentId id = Start(member);
    AnswerAll(member, id, roll(5));
    ASSERT_TRUE(svc_->Submit({P(member), "ip"}, id).ok());
    submitted.emplace_back(id, sector);
  }
  people.push_back({w_.member1, domain::Role::kMember, {}});
  people.push_back({w_.analyst_a, domain::Role::kHubAnalyst, {}});
  int opened = 0, hidden = 0;
  for (const auto& who : people) {
    const domain::Principal p = P(who.id);
    const bool reader = (who.role == domain::Role::kMinistryOfficer ||
                         who.role == domain::Role::kSectorBodyOfficer) &&
                        !who.sectors.empty();
    for (const auto& sector : sector_ids) {
      SCOPED_TRACE(p.email + " asks for " + sector);
      auto v = svc_->Sector(p, "nist-csf-1.1", 2026, {}, sector);
      if (domain::Contains(who.sectors, sector)) {
        ASSERT_TRUE(v.ok()) << v.status().Describe();
        EXPECT_EQ(v->sector_id, sector);
        ++opened;
      } else {
        ASSERT_FALSE(v.ok());
        EXPECT_EQ(v.status().kind(), reader ? Kind::kNotFound : Kind::kPermissionDenied)
            << v.status().Describe();
        ++hidden;
      }
    }
    for (const auto& [id, sector] : submitted) {
      SCOPED_TRACE(p.email + " opens an assessment of " + sector);
      const bool body =
          who.role == domain::Role::kSectorBodyOfficer && domain::Contains(who.sectors, sector);
      EXPECT_EQ(Sees(who.id, id), body);
    }
  }
  EXPECT_GT(opened, 0);
  EXPECT_GT(hidden, 0);
}

// SECURITY ACTION (issue 19): an SME's member — an organisation in no sector — declares ★
// (the five basics) and submits it; ★★ is refused while questions are open; nobody outside
// the SME reads either (no sector body shares a sector with it).
TEST_P(AssessmentTest, AnSmeMemberSubmitsItsSecurityActionDeclaration) {
  OrgId sme;
  UserId owner, other;
  ASSERT_TRUE(tx_->Run(domain::TxMode::kWrite,
                       [&](domain::Stores& s) -> Status {
                         sme = AddOrg(s, "湘南精機株式会社", "sme", {}, {});
                         owner = AddUser(s, sme, "owner@shonan.example", domain::Role::kMember);
                         const OrgId sme2 = AddOrg(s, "相模工業株式会社", "sme", {}, {});
                         other = AddUser(s, sme2, "owner@sagami.example", domain::Role::kMember);
                         return Status::Ok();
                       })
                  .ok());
  const domain::Actor actor{P(owner), "ip"};
  auto one = svc_->Create(actor, {"security-action-1", "", std::nullopt, std::nullopt});
  ASSERT_TRUE(one.ok()) << one.status().Describe();
  EXPECT_TRUE(one->can_edit);
  std::vector<Answer> answers;
  for (const auto& item : svc_->catalogs().find("security-action-1")->items()) {
    Answer a;
    a.item_id = item.id;
    a.level = 3;
    answers.push_back(a);
  }
  ASSERT_EQ(answers.size(), 5u);
  ASSERT_TRUE(svc_->SaveAnswers(actor, one->a.id, answers).ok());
  auto done = svc_->Submit(actor, one->a.id);
  ASSERT_TRUE(done.ok()) << done.status().Describe();
  EXPECT_TRUE(done->a.submitted());
  EXPECT_FALSE(done->can_edit);
  // ★★ with a question open is not submitted.
  auto two = svc_->Create(actor, {"security-action-2", "", std::nullopt, std::nullopt});
  ASSERT_TRUE(two.ok()) << two.status().Describe();
  ASSERT_TRUE(svc_->SaveAnswers(actor, two->a.id, {answers[0]}).ok() == false)
      << "a ★ item is not a ★★ question";
  Answer first;
  first.item_id = "SA2-01";
  first.level = 2;
  ASSERT_TRUE(svc_->SaveAnswers(actor, two->a.id, {first}).ok());
  auto open = svc_->Submit(actor, two->a.id);
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.status().code(), "incomplete");
  // The SME's own list holds both; nobody else reads them.
  auto mine = svc_->List(P(owner));
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->size(), 2u);
  for (UserId u : {other, sector_officer_, w_.officer, w_.member1}) {
    auto seen = svc_->Get({P(u), "ip"}, one->a.id);
    EXPECT_EQ(seen.status().code(), "not_found") << u.value;
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, AssessmentTest, RENKEI_ENGINES);

}  // namespace
}  // namespace renkei::testing
