// A small directory for storage and service tests, run on each engine:
// two sectors, ministry METI, hub A (secretariat SA; members M1, M2) and hub B
// (secretariat SB; member M3), and users of each kind. All users share kTestPassword.
#pragma once

#include <gtest/gtest.h>

#include "core/clock.h"
#include "domain/audit/audit_service.h"
#include "domain/auth/auth_service.h"
#include "domain/directory/directory_service.h"
#include "domain/directory/directory_store.h"
#include "support/test_db.h"

namespace renkei::testing {

struct World {
  OrgId meti, sa, sb, m1, m2, m3, ops;
  HubId hub_a, hub_b;
  UserId admin, analyst_a, analyst_b, member1, member1b, member3, officer;
};

inline OrgId AddOrg(domain::Stores& s, std::string name, std::string kind,
                    std::vector<std::string> sectors, std::vector<HubId> hubs, int pref = 13) {
  domain::Organisation o;
  o.name_ja = std::move(name);
  o.kind = std::move(kind);
  o.sector_ids = std::move(sectors);
  o.hub_ids = std::move(hubs);
  o.prefecture = pref;
  o.created_at = o.updated_at = 1000;
  auto id = s.directory.CreateOrganisation(o);
  EXPECT_TRUE(id.ok()) << id.status().Describe();
  return id.ok() ? *id : OrgId();
}

inline UserId AddUser(domain::Stores& s, OrgId org, std::string email, domain::Role role) {
  domain::User u;
  u.org_id = org;
  u.email = std::move(email);
  u.display_name = "テスト 利用者";
  u.roles = {role};
  u.created_at = u.updated_at = 1000;
  auto id = s.directory.CreateUser(u, TestPasswordHash());
  EXPECT_TRUE(id.ok()) << id.status().Describe();
  return id.ok() ? *id : UserId();
}

inline World SeedWorld(domain::Transactor& tx) {
  World w;
  using domain::Role;
  Status st = tx.Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    w.meti = AddOrg(s, "経済産業省", "ministry", {}, {});
    w.ops = AddOrg(s, "運用チーム", "support_provider", {}, {});
    RENKEI_RETURN_IF_ERROR(
        s.directory.UpsertSector({"electricity", "電力", "Electric power", 1, w.meti}));
    RENKEI_RETURN_IF_ERROR(s.directory.UpsertSector({"gas", "ガス", "Gas", 2, w.meti}));
    w.sa = AddOrg(s, "電力ISAC事務局", "hub_secretariat", {"electricity"}, {});
    w.sb = AddOrg(s, "ガス協会", "hub_secretariat", {"gas"}, {});
    domain::Hub a;
    a.code = "hub-a";
    a.kind = "isac";
    a.name_ja = "電力ISAC";
    a.name_en = "Electricity ISAC";
    a.sector_ids = {"electricity"};
    a.secretariat_org_id = w.sa;
    a.communication_means = {"email", "phone"};
    RENKEI_ASSIGN_OR_RETURN(w.hub_a, s.directory.CreateHub(a));
    domain::Hub b = a;
    b.code = "hub-b";
    b.kind = "ceptoar";
    b.name_ja = "GAS CEPTOAR";
    b.sector_ids = {"gas"};
    b.secretariat_org_id = w.sb;
    RENKEI_ASSIGN_OR_RETURN(w.hub_b, s.directory.CreateHub(b));
    w.m1 = AddOrg(s, "東北発電株式会社", "operator", {"electricity"}, {w.hub_a}, 4);
    w.m2 = AddOrg(s, "株式会社みなと電力", "operator", {"electricity"}, {w.hub_a}, 27);
    w.m3 = AddOrg(s, "北ガス株式会社", "operator", {"gas"}, {w.hub_b}, 1);
    domain::Contact c{0,       w.m1, "emergency", "佐藤 太郎", "03-0000-0000", "csirt@m1.example",
                      "24時間"};
    RENKEI_RETURN_IF_ERROR(s.directory.AddContact(c).status());
    w.admin = AddUser(s, w.ops, "admin@test.example", Role::kAdmin);
    w.analyst_a = AddUser(s, w.sa, "analyst@a.example", Role::kHubAnalyst);
    w.analyst_b = AddUser(s, w.sb, "analyst@b.example", Role::kHubAnalyst);
    w.member1 = AddUser(s, w.m1, "one@m1.example", Role::kMember);
    w.member1b = AddUser(s, w.m1, "two@m1.example", Role::kMember);
    w.member3 = AddUser(s, w.m3, "three@m3.example", Role::kMember);
    w.officer = AddUser(s, w.meti, "officer@meti.example", Role::kMinistryOfficer);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.Describe();
  return w;
}

inline domain::Principal PrincipalOf(domain::Transactor& tx, UserId id) {
  std::optional<domain::Principal> p;
  Status st = tx.Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(p, domain::LoadPrincipal(s, id));
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok() && p) << st.Describe();
  return p.value_or(domain::Principal{});
}

// Parameterised over the engines; skips PostgreSQL when no server is configured
// (unless RENKEI_REQUIRE_PG is set, as in CI, where that is a failure).
class EngineTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql" && PgUrl().empty()) {
      if (PgRequired()) FAIL() << "RENKEI_TEST_PG_URL is not set but RENKEI_REQUIRE_PG is";
      GTEST_SKIP() << "RENKEI_TEST_PG_URL not set";
    }
    tx_ = FreshDatabase(GetParam());
    ASSERT_NE(tx_, nullptr);
  }
  // The rows a table holds now (what a refused change must leave alone).
  std::int64_t Rows(const std::string& table) {
    std::int64_t n = -1;
    EXPECT_TRUE(tx_->WithConnection([&](storage::Connection& c) -> Status {
                     RENKEI_ASSIGN_OR_RETURN(auto rows,
                                             c.Query("SELECT COUNT(*) FROM " + table, {}));
                     n = rows.at(0).i64(0);
                     return Status::Ok();
                   })
                    .ok());
    return n;
  }
  std::unique_ptr<storage::SqlTransactor> tx_;
};

#define RENKEI_ENGINES ::testing::Values(std::string("sqlite"), std::string("postgresql"))

}  // namespace renkei::testing
