// What reaches storage as a code: the values stored rows hold, pinned here so that
// reordering or renaming an enum cannot silently change what existing rows mean
// (items.role_mask and report_recipients.role_bit were enum positions before issue 14).
#include <gtest/gtest.h>

#include <set>

#include "domain/outbox/outbox_service.h"
#include "domain/reporting/reporting.h"
#include "domain/sharing/mail.h"

namespace renkei::domain {
namespace {

TEST(StoredCodes, RolesKeepTheirStoredNamesAndBits) {
  struct Pinned {
    Role role;
    const char* name;
    std::int64_t bit;
  };
  const Pinned pinned[] = {{Role::kMember, "member", 1},
                           {Role::kHubAnalyst, "hub_analyst", 2},
                           {Role::kMinistryOfficer, "ministry_officer", 4},
                           {Role::kNationalCentreOfficer, "national_centre_officer", 8},
                           {Role::kSectorBodyOfficer, "sector_body_officer", 16},
                           {Role::kDeskAgent, "desk_agent", 32},
                           {Role::kAdmin, "admin", 64}};
  ASSERT_EQ(std::size(kRoleCodes), std::size(pinned));
  for (const Pinned& p : pinned) {
    EXPECT_STREQ(RoleName(p.role), p.name);
    EXPECT_EQ(RoleBit(p.role), p.bit) << p.name;
    EXPECT_EQ(ParseRole(p.name), p.role) << p.name;
  }
  EXPECT_EQ(RoleMask({Role::kMember, Role::kAdmin}), 65);
  EXPECT_EQ(ParseRole("Admin"), std::nullopt);
}

TEST(StoredCodes, TlpLabelsKeepTheirStoredNames) {
  const std::pair<Tlp, const char*> pinned[] = {{Tlp::kClear, "CLEAR"},
                                                {Tlp::kGreen, "GREEN"},
                                                {Tlp::kAmber, "AMBER"},
                                                {Tlp::kAmberStrict, "AMBER+STRICT"},
                                                {Tlp::kRed, "RED"}};
  ASSERT_EQ(std::size(kTlpCodes), std::size(pinned));
  for (const auto& [tlp, name] : pinned) {
    EXPECT_STREQ(TlpName(tlp), name);
    EXPECT_EQ(ParseTlp(name), tlp) << name;
  }
  EXPECT_EQ(ParseTlp("AMBER STRICT"), std::nullopt);
}

TEST(StoredCodes, ItemStatesKeepTheirNames) {
  const std::pair<ItemState, const char*> pinned[] = {
      {ItemState::kDraft, "draft"},
      {ItemState::kPendingApproval, "pending_approval"},
      {ItemState::kPublished, "published"}};
  ASSERT_EQ(std::size(kItemStates), std::size(pinned));
  for (const auto& [state, name] : pinned) {
    EXPECT_STREQ(ItemStateName(state), name);
    EXPECT_EQ(ParseItemState(name), state) << name;
  }
  EXPECT_EQ(ParseItemState("Draft"), std::nullopt);
}

TEST(StoredCodes, EachRecipientCapacityIsSeenByItsStaffRole) {
  Recipient r;
  r.kind = "hub";
  EXPECT_EQ(r.role(), Role::kHubAnalyst);
  r.kind = "ministry";
  EXPECT_EQ(r.role(), Role::kMinistryOfficer);
  r.kind = "national_centre";
  EXPECT_EQ(r.role(), Role::kNationalCentreOfficer);
  // An unknown capacity gives no recipient role (it used to fall back to the hub's).
  r.kind = "sector_body";
  EXPECT_EQ(r.role(), Role::kMember);
}

// The mail names each item kind by the kind's code, not by its position in a list: every
// kind has its own word in both languages.
TEST(StoredCodes, EachItemKindHasItsOwnWordInMailInBothLanguages) {
  for (const char* locale : {"ja", "en"}) {
    User to;
    to.email = "to@example.org";
    to.locale = locale;
    std::set<std::string> subjects;
    for (const char* kind : kItemKinds) {
      OutboxRow row;
      row.id = 1;
      Item item;
      item.id = ItemId(7);
      item.kind = kind;
      item.tlp = Tlp::kClear;
      item.content.title = "t";
      auto m = RenderItemMail(kMailItemPublished, to, row, item, {});
      ASSERT_TRUE(m.ok()) << m.status().Describe();
      subjects.insert(m->subject);
    }
    EXPECT_EQ(subjects.size(), std::size(kItemKinds)) << locale;
  }
  User ja;
  ja.locale = "ja";
  Item advisory;
  advisory.kind = "advisory";
  advisory.content.title = "t";
  auto m = RenderItemMail(kMailItemPublished, ja, OutboxRow{}, advisory, {});
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->subject, "[TLP:CLEAR] 脆弱性情報: t");
}

// The administrator's mail list shows a stored error as its registry code only: the text
// after it (curl's message, the relay's reply, an address) never leaves the domain.
TEST(StoredCodes, AMailErrorIsShownAsItsCodeOnly) {
  EXPECT_EQ(OutboxErrorCode(err::SmtpFailed()
                                .with_note("550 5.1.1 <someone@secret.example>: Recipient rejected")
                                .Describe()),
            "smtp_failed");
  EXPECT_EQ(OutboxErrorCode(err::UserInactive().Describe()), "user_inactive");
  EXPECT_EQ(OutboxErrorCode(""), "");
  EXPECT_EQ(OutboxErrorCode("Connection refused by relay.internal:25"), "unknown");
  EXPECT_EQ(OutboxErrorCode("550: user@x.example unknown"), "unknown");
  EXPECT_EQ(OutboxErrorCode("SMTP: <a@b> rejected"), "unknown");
}

}  // namespace
}  // namespace renkei::domain
