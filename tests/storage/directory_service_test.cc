// Directory permission rules and validation, through the service, on both engines.
#include <gtest/gtest.h>

#include "world.h"

namespace renkei::testing {
namespace {

using domain::Role;

class DirectoryServiceTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    w_ = SeedWorld(*tx_);
    dir_ = std::make_unique<domain::DirectoryService>(*tx_, clock_);
  }
  domain::Principal P(UserId id) { return PrincipalOf(*tx_, id); }
  int CountOrgs() {
    domain::OrgFilter f;
    f.limit = 200;
    auto page = dir_->ListOrganisations(P(w_.admin), f);
    return page.ok() ? static_cast<int>(page->items.size()) : -1;
  }
  int CountAudit(const std::string& action) {
    auto rows = domain::AuditService(*tx_).List(P(w_.admin), {action, "", "", 0, 0, 200});
    return rows.ok() ? static_cast<int>(rows->size()) : -1;
  }

  ManualClock clock_{1'800'000'000'000};
  World w_;
  std::unique_ptr<domain::DirectoryService> dir_;
};

TEST_P(DirectoryServiceTest, ContactsAreShownOnlyToThoseWhoMaySeeThem) {
  auto own = dir_->GetOrganisation(P(w_.member1), w_.m1);
  ASSERT_TRUE(own.ok());
  ASSERT_TRUE(own->contacts.has_value());
  EXPECT_EQ(own->contacts->at(0).email, "csirt@m1.example");
  EXPECT_FALSE(own->can_edit);
  auto other = dir_->GetOrganisation(P(w_.member3), w_.m1);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->contacts.has_value()) << "another operator must not see the contacts";
  EXPECT_TRUE(dir_->GetOrganisation(P(w_.analyst_a), w_.m1)->contacts.has_value());
  EXPECT_TRUE(dir_->GetOrganisation(P(w_.analyst_a), w_.m1)->can_edit);
  EXPECT_FALSE(dir_->GetOrganisation(P(w_.analyst_b), w_.m1)->contacts.has_value());
  EXPECT_TRUE(dir_->GetOrganisation(P(w_.officer), w_.m1)->contacts.has_value());
}

TEST_P(DirectoryServiceTest, UsersOfOtherOrganisationsDoNotExistForACaller) {
  EXPECT_TRUE(dir_->GetUser(P(w_.member1), w_.member1b).ok());
  EXPECT_EQ(dir_->GetUser(P(w_.member3), w_.member1).status().kind(), Kind::kNotFound);
  EXPECT_EQ(dir_->GetUser(P(w_.analyst_b), w_.member1).status().kind(), Kind::kNotFound);
  EXPECT_TRUE(dir_->GetUser(P(w_.analyst_a), w_.member1).ok());
  EXPECT_TRUE(dir_->GetUser(P(w_.admin), w_.member1).ok());
  EXPECT_EQ(dir_->GetUser(P(w_.admin), UserId(987654)).status().kind(), Kind::kNotFound);
  EXPECT_EQ(dir_->ListUsersOfOrg(P(w_.member3), w_.m1).status().kind(), Kind::kPermissionDenied);
  EXPECT_EQ(dir_->ListUsersOfOrg(P(w_.member1), w_.m1)->size(), 2u);
}

TEST_P(DirectoryServiceTest, HubStaffEditTheirMembersOnly) {
  domain::OrgPatch patch;
  patch.name_en = "Tohoku Generation";
  auto ok = dir_->UpdateOrganisation({P(w_.analyst_a), "10.0.0.1"}, w_.m1, patch);
  ASSERT_TRUE(ok.ok()) << ok.status().Describe();
  EXPECT_EQ(ok->org.name_en, "Tohoku Generation");
  EXPECT_EQ(dir_->UpdateOrganisation({P(w_.analyst_b), ""}, w_.m1, patch).status().kind(),
            Kind::kPermissionDenied);
  EXPECT_EQ(dir_->UpdateOrganisation({P(w_.member1), ""}, w_.m1, patch).status().kind(),
            Kind::kPermissionDenied);
  // Moving a member into a hub the analyst does not run is refused.
  domain::OrgPatch move;
  move.hub_ids = std::vector<HubId>{w_.hub_a, w_.hub_b};
  EXPECT_EQ(dir_->UpdateOrganisation({P(w_.analyst_a), ""}, w_.m1, move).status().kind(),
            Kind::kPermissionDenied);
  EXPECT_TRUE(dir_->UpdateOrganisation({P(w_.admin), ""}, w_.m1, move).ok());
  EXPECT_EQ(CountAudit("organisation.update"), 2);
}

TEST_P(DirectoryServiceTest, HubStaffAddOrganisationsToTheirOwnHubs) {
  domain::Organisation o;
  o.name_ja = "新電力株式会社";
  o.kind = "operator";
  o.sector_ids = {"electricity"};
  o.business_class = "retail";
  o.hub_ids = {w_.hub_a};
  auto created = dir_->CreateOrganisation({P(w_.analyst_a), ""}, o);
  ASSERT_TRUE(created.ok()) << created.status().Describe();
  EXPECT_EQ(created->org.business_class, "retail");
  o.name_ja = "別ハブ株式会社";
  o.hub_ids = {w_.hub_b};
  EXPECT_EQ(dir_->CreateOrganisation({P(w_.analyst_a), ""}, o).status().kind(),
            Kind::kPermissionDenied);
  o.hub_ids = {};
  EXPECT_EQ(dir_->CreateOrganisation({P(w_.analyst_a), ""}, o).status().field(), "hub_ids");
  EXPECT_EQ(dir_->CreateOrganisation({P(w_.member1), ""}, o).status().kind(),
            Kind::kPermissionDenied);
  EXPECT_EQ(CountAudit("organisation.create"), 1);
}

TEST_P(DirectoryServiceTest, InvalidOrganisationsNameTheFieldAndWriteNothing) {
  const int before = CountOrgs();
  domain::Organisation o;
  o.name_ja = "ガス会社";
  o.kind = "operator";
  o.sector_ids = {"gas"};
  o.business_class = "retail";
  EXPECT_EQ(dir_->CreateOrganisation({P(w_.admin), ""}, o).status().field(), "business_class");
  o.business_class = "";
  o.sector_ids = {"nuclear"};
  EXPECT_EQ(dir_->CreateOrganisation({P(w_.admin), ""}, o).status().field(), "sector_ids");
  o.sector_ids = {};
  o.kind = "bank";
  EXPECT_EQ(dir_->CreateOrganisation({P(w_.admin), ""}, o).status().field(), "kind");
  o.kind = "operator";
  o.name_ja = "";
  EXPECT_EQ(dir_->CreateOrganisation({P(w_.admin), ""}, o).status().field(), "name_ja");
  o.name_ja = std::string(201, 'a');
  EXPECT_EQ(dir_->CreateOrganisation({P(w_.admin), ""}, o).status().code(), "too_long");
  o.name_ja = "ok";
  o.hub_ids = {HubId(4242)};
  EXPECT_EQ(dir_->CreateOrganisation({P(w_.admin), ""}, o).status().code(), "unknown_hub");
  EXPECT_EQ(CountOrgs(), before);
  EXPECT_EQ(CountAudit("organisation.create"), 0);
}

TEST_P(DirectoryServiceTest, OnlyAdministratorsGrantRolesBeyondMember) {
  domain::User u;
  u.org_id = w_.m1;
  u.email = "New@M1.example ";
  u.display_name = "新人";
  u.roles = {Role::kAdmin};
  EXPECT_EQ(dir_->CreateUser({P(w_.analyst_a), ""}, u, "").status().kind(),
            Kind::kPermissionDenied);
  u.roles = {Role::kMember};
  EXPECT_EQ(dir_->CreateUser({P(w_.analyst_b), ""}, u, "").status().kind(),
            Kind::kPermissionDenied);
  auto created = dir_->CreateUser({P(w_.analyst_a), ""}, u, "");
  ASSERT_TRUE(created.ok()) << created.status().Describe();
  EXPECT_EQ(created->user.email, "new@m1.example");
  EXPECT_TRUE(created->password_link_mailed) << "no password given: a set-password link is mailed";
  EXPECT_EQ(dir_->CreateUser({P(w_.analyst_a), ""}, u, "").status().code(), "email_taken");
  domain::UserPatch promote;
  promote.roles = std::vector<Role>{Role::kHubAnalyst};
  EXPECT_EQ(dir_->UpdateUser({P(w_.analyst_a), ""}, created->user.id, promote).status().kind(),
            Kind::kPermissionDenied);
  auto promoted = dir_->UpdateUser({P(w_.admin), ""}, created->user.id, promote);
  ASSERT_TRUE(promoted.ok());
  EXPECT_EQ(promoted->roles, std::vector<Role>{Role::kHubAnalyst});
}

TEST_P(DirectoryServiceTest, PeopleEditTheirOwnNameButNotTheirRoles) {
  domain::UserPatch name;
  name.display_name = "佐藤 花子";
  EXPECT_TRUE(dir_->UpdateUser({P(w_.member1), ""}, w_.member1, name).ok());
  EXPECT_EQ(dir_->UpdateUser({P(w_.member1), ""}, w_.member1b, name).status().kind(),
            Kind::kPermissionDenied);
  domain::UserPatch roles;
  roles.roles = std::vector<Role>{Role::kAdmin};
  EXPECT_EQ(dir_->UpdateUser({P(w_.member1), ""}, w_.member1, roles).status().kind(),
            Kind::kPermissionDenied);
  domain::UserPatch off;
  off.active = false;
  EXPECT_EQ(dir_->UpdateUser({P(w_.admin), ""}, w_.admin, off).status().code(),
            "cannot_deactivate_self");
}

TEST_P(DirectoryServiceTest, ContactsAreKeptByTheOrganisationAndItsHubStaff) {
  std::vector<domain::Contact> next = {
      {0, OrgId(), "emergency", "夜間当番", "03-1234-5678", "SOC@M1.example", "24時間"},
      {0, OrgId(), "primary", "情報システム部", "", "it@m1.example", "平日"}};
  auto own = dir_->ReplaceContacts({P(w_.member1), ""}, w_.m1, next);
  ASSERT_TRUE(own.ok()) << own.status().Describe();
  ASSERT_EQ(own->contacts->size(), 2u);
  EXPECT_EQ(own->contacts->at(0).email, "soc@m1.example");
  EXPECT_TRUE(dir_->ReplaceContacts({P(w_.analyst_a), ""}, w_.m1, next).ok());
  EXPECT_EQ(dir_->ReplaceContacts({P(w_.analyst_b), ""}, w_.m1, next).status().kind(),
            Kind::kPermissionDenied);
  EXPECT_EQ(dir_->ReplaceContacts({P(w_.officer), ""}, w_.m1, next).status().kind(),
            Kind::kPermissionDenied);
  EXPECT_EQ(dir_->ReplaceContacts({P(w_.member3), ""}, OrgId(999999), next).status().kind(),
            Kind::kNotFound);
  auto bad = next;
  bad[1].phone = "call me";
  EXPECT_EQ(dir_->ReplaceContacts({P(w_.member1), ""}, w_.m1, bad).status().field(),
            "contacts[1].phone");
  bad[1] = {0, OrgId(), "emergency", "連絡先なし", "", "", ""};
  EXPECT_EQ(dir_->ReplaceContacts({P(w_.member1), ""}, w_.m1, bad).status().code(), "required");
  EXPECT_EQ(dir_->GetOrganisation(P(w_.member1), w_.m1)->contacts->size(), 2u)
      << "refused changes keep the old list";
  EXPECT_EQ(CountAudit("organisation.contacts"), 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, DirectoryServiceTest, RENKEI_ENGINES,
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace renkei::testing
