// Regression tests for the trust fixes of issue 13 (an outside probe of the landed
// tree), on both engines. Each test is named after its finding: FindingNN_What.
#include <gtest/gtest.h>

#include <future>
#include <thread>
#include <vector>

#include "core/crypto.h"
#include "domain/audit/audit_service.h"
#include "domain/auth/auth_store.h"
#include "domain/auth/reset_mail.h"
#include "domain/outbox/outbox_store.h"
#include "domain/sharing/item_events.h"
#include "domain/sharing/sharing_service.h"
#include "world.h"

namespace renkei::testing {
namespace {

using domain::Audience;
using domain::ItemId;
using domain::NewItem;
using domain::OrgPatch;
using domain::Role;
using domain::Tlp;

class TrustFixes : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    w_ = SeedWorld(*tx_);
    dir_ = std::make_unique<domain::DirectoryService>(*tx_, clock_);
    auth_ = std::make_unique<domain::AuthService>(*tx_, clock_);
    sharing_ = std::make_unique<domain::SharingService>(*tx_, clock_);
  }
  domain::Principal P(UserId id) { return PrincipalOf(*tx_, id); }
  std::vector<domain::AuditRecord> Audit(const std::string& action) {
    auto rows = domain::AuditService(*tx_).List(P(w_.admin), {action, "", "", 0, 0, 200});
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<domain::AuditRecord>{};
  }
  std::vector<std::string> SectorsOf(OrgId id) {
    auto v = dir_->GetOrganisation(P(w_.admin), id);
    return v.ok() ? v->org.sector_ids : std::vector<std::string>{"?"};
  }
  // The secret of the newest unsent reset mail of a user (what the mail will carry).
  std::string PendingResetSecret(UserId user) {
    std::string secret;
    Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(auto rows, s.outbox.Claim(clock_.now_ms(), clock_.now_ms(), 100,
                                                        {domain::kMailPasswordReset}));
      for (auto& r : rows) {
        RENKEI_ASSIGN_OR_RETURN(auto reset, s.auth.GetPasswordResetById(r.subject_id));
        if (reset && r.user_id == user && !reset->mail_secret.empty()) secret = reset->mail_secret;
      }
      static const ErrorMessage kRollback{"rollback",      "rollback",
                                          Kind::kConflict, "leave the rows as they were",
                                          "元に戻す",      "test"};
      return Status(kRollback);
    });
    EXPECT_EQ(st.code(), "rollback");
    return secret;
  }
  ItemId PublishAsAnalyst(const NewItem& in) {
    auto r = sharing_->Publish({P(w_.analyst_a), "127.0.0.1"}, in);
    EXPECT_TRUE(r.ok()) << r.status().Describe();
    return r.ok() ? r->view.item.id : ItemId();
  }

  ManualClock clock_{1'800'000'000'000};
  World w_;
  std::unique_ptr<domain::DirectoryService> dir_;
  std::unique_ptr<domain::AuthService> auth_;
  std::unique_ptr<domain::SharingService> sharing_;
};

NewItem AlertTo(Tlp tlp, Audience a) {
  NewItem in;
  in.kind = "alert";
  in.tlp = tlp;
  in.content.title = "制御系への不審な通信";
  in.content.body = "不審な通信を確認しました。";
  in.content.action_requested = "ログを確認してください";
  in.audience = std::move(a);
  return in;
}

// Finding 2 and 7: the directory's write rule for what decides who receives what, one
// row per cell of the table in docs/security.md.
TEST_P(TrustFixes, Finding02_07_HubStaffChangeOnlyTheirHubsSectorsAndNeverAKind) {
  struct Cell {
    const char* name;
    UserId who;
    OrgId org;
    OrgPatch patch;
    Kind want;
  };
  auto sectors = [](std::vector<std::string> v) {
    OrgPatch p;
    p.sector_ids = std::move(v);
    return p;
  };
  auto kind = [](std::string k) {
    OrgPatch p;
    p.kind = std::move(k);
    return p;
  };
  auto rename = [] {
    OrgPatch p;
    p.name_ja = "東北発電株式会社（新）";
    return p;
  };
  const std::vector<Cell> cells = {
      {"hub staff rename a member", w_.analyst_a, w_.m1, rename(), Kind::kOk},
      {"hub staff keep their hub's sector", w_.analyst_a, w_.m1, sectors({"electricity"}),
       Kind::kOk},
      {"hub staff add another sector", w_.analyst_a, w_.m1, sectors({"electricity", "gas"}),
       Kind::kPermissionDenied},
      {"hub staff move a member to another sector", w_.analyst_a, w_.m1, sectors({"gas"}),
       Kind::kPermissionDenied},
      {"hub staff make a member a publisher", w_.analyst_a, w_.m1, kind("analysis_centre"),
       Kind::kPermissionDenied},
      {"hub staff make a member the national centre", w_.analyst_a, w_.m1, kind("national_centre"),
       Kind::kPermissionDenied},
      {"hub staff of another hub", w_.analyst_b, w_.m1, rename(), Kind::kPermissionDenied},
      {"a member", w_.member1, w_.m1, rename(), Kind::kPermissionDenied},
      {"a ministry officer", w_.officer, w_.m1, sectors({"gas"}), Kind::kPermissionDenied},
      {"an administrator moves sectors", w_.admin, w_.m2, sectors({"electricity", "gas"}),
       Kind::kOk},
      {"an administrator changes the kind", w_.admin, w_.m2, kind("vendor"), Kind::kOk},
  };
  for (const Cell& c : cells) {
    auto before = SectorsOf(c.org);
    auto r = dir_->UpdateOrganisation({P(c.who), "192.0.2.9"}, c.org, c.patch);
    EXPECT_EQ(r.ok() ? Kind::kOk : r.status().kind(), c.want) << c.name;
    if (c.want != Kind::kOk) {
      EXPECT_EQ(SectorsOf(c.org), before) << c.name << ": nothing changed";
    }
  }
  // Creating: hub staff add operators of their hub's sectors to their own hub only.
  domain::Organisation o;
  o.name_ja = "新規電力株式会社";
  o.kind = "operator";
  o.sector_ids = {"electricity"};
  o.hub_ids = {w_.hub_a};
  EXPECT_TRUE(dir_->CreateOrganisation({P(w_.analyst_a), "ip"}, o).ok());
  o.name_ja = "全分野株式会社";
  o.sector_ids = {"electricity", "gas"};
  EXPECT_EQ(dir_->CreateOrganisation({P(w_.analyst_a), "ip"}, o).status().code(),
            "sector_not_of_your_hub");
  o.sector_ids = {"electricity"};
  o.kind = "analysis_centre";
  EXPECT_EQ(dir_->CreateOrganisation({P(w_.analyst_a), "ip"}, o).status().code(),
            "kind_admin_only");
  // Every change that moves who receives what is audited with what it was before.
  auto rows = Audit("organisation.update");
  ASSERT_FALSE(rows.empty());
  EXPECT_NE(rows.front().detail.find("\"before\":{\"kind\":\"operator\"}"), std::string::npos)
      << rows.front().detail;
}

TEST_P(TrustFixes, Finding02_AMemberMovedByItsHubDoesNotReadAnotherSectorsItems) {
  Audience gas;
  gas.sector_ids = {"gas"};
  auto r = sharing_->Publish({P(w_.analyst_b), "ip"}, AlertTo(Tlp::kAmber, gas));
  ASSERT_TRUE(r.ok()) << r.status().Describe();
  OrgPatch move;
  move.sector_ids = {"electricity", "gas"};
  EXPECT_FALSE(dir_->UpdateOrganisation({P(w_.analyst_a), "ip"}, w_.m1, move).ok());
  EXPECT_EQ(sharing_->Get({P(w_.member1), "ip"}, r->view.item.id).status().kind(), Kind::kNotFound);
}

// Finding 6 (and 5): a reset never hands the caller a secret, is refused for users
// with roles the caller could not grant, and ends the user's password and tokens.
TEST_P(TrustFixes, Finding06_ResetMailsAOneTimeLinkAndRefusesElevatedUsers) {
  UserId body_officer;
  ASSERT_TRUE(tx_->Run(domain::TxMode::kWrite,
                       [&](domain::Stores& s) -> Status {
                         body_officer =
                             AddUser(s, w_.m1, "body@m1.example", Role::kSectorBodyOfficer);
                         return Status::Ok();
                       })
                  .ok());
  EXPECT_EQ(dir_->ResetPassword({P(w_.analyst_a), "ip"}, body_officer, "").code(),
            "reset_needs_admin");
  EXPECT_TRUE(PendingResetSecret(body_officer).empty());
  EXPECT_EQ(dir_->ResetPassword({P(w_.admin), "ip"}, w_.member1, "").code(), "required")
      << "administrators say why";

  // The member had a token and a session; the reset ends both and the old password.
  auto signed_in = auth_->SignIn({"ip"}, "one@m1.example", kTestPassword, "");
  ASSERT_TRUE(signed_in.ok());
  auto token = auth_->CreateToken({signed_in->principal, "ip"}, "siem", std::nullopt);
  ASSERT_TRUE(token.ok());
  ASSERT_TRUE(dir_->ResetPassword({P(w_.analyst_a), "ip"}, w_.member1, "端末紛失の申告").ok());
  EXPECT_FALSE(auth_->ResolveToken(token->secret).ok()) << "Finding05: tokens end with a reset";
  EXPECT_FALSE(auth_->ResolveSession(signed_in->session_token).ok());
  EXPECT_EQ(auth_->SignIn({"ip"}, "one@m1.example", kTestPassword, "").status().code(),
            "invalid_credentials");

  const std::string secret = PendingResetSecret(w_.member1);
  ASSERT_FALSE(secret.empty()) << "the link waits for the mail worker";
  EXPECT_EQ(auth_->CompletePasswordReset({"ip"}, "guess", "a new long password").code(),
            "invalid_reset_link");
  ASSERT_TRUE(auth_->CompletePasswordReset({"ip"}, secret, "a new long password").ok());
  EXPECT_TRUE(auth_->SignIn({"ip"}, "one@m1.example", "a new long password", "").ok());
  EXPECT_EQ(auth_->CompletePasswordReset({"ip"}, secret, "another long password").code(),
            "invalid_reset_link")
      << "a link works once";
  auto rows = Audit("user.password_reset");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NE(rows[0].detail.find("端末紛失の申告"), std::string::npos) << "who and why";

  // A link expires.
  ASSERT_TRUE(dir_->ResetPassword({P(w_.admin), "ip"}, w_.member1b, "退職者の確認").ok());
  const std::string late = PendingResetSecret(w_.member1b);
  clock_.advance(domain::kPasswordResetTtl + 1);
  EXPECT_EQ(auth_->CompletePasswordReset({"ip"}, late, "a new long password").code(),
            "invalid_reset_link");
}

TEST_P(TrustFixes, Finding05_TokensNeedABrowserSessionAndCanEndWithAPasswordChange) {
  auto in = auth_->SignIn({"ip"}, "one@m1.example", kTestPassword, "");
  ASSERT_TRUE(in.ok());
  auto token = auth_->CreateToken({in->principal, "ip"}, "siem", std::nullopt);
  ASSERT_TRUE(token.ok());
  auto by_token = auth_->ResolveToken(token->secret);
  ASSERT_TRUE(by_token.ok());
  EXPECT_EQ(auth_->CreateToken({*by_token, "ip"}, "minted", std::nullopt).status().code(),
            "token_needs_session");
  ASSERT_TRUE(
      auth_->ChangePassword({in->principal, "ip"}, kTestPassword, "a much longer password", true)
          .ok());
  EXPECT_FALSE(auth_->ResolveToken(token->secret).ok());
}

// Finding 9: the lockout answers the same for unknown accounts, counts parallel
// attempts, and one address cannot lock someone out everywhere.
TEST_P(TrustFixes, Finding09_LockoutTellsNothingCountsInParallelAndStaysWithTheAddress) {
  for (int i = 0; i < 5; ++i)
    (void)auth_->SignIn({"198.51.100.1"}, "nobody@m1.example", "wrong", "");
  EXPECT_EQ(auth_->SignIn({"198.51.100.1"}, "nobody@m1.example", "wrong", "").status().code(),
            "signin_locked")
      << "an unknown account locks like a real one";

  // Twenty attempts at once from one address: at most five get a password check.
  std::vector<std::future<std::string>> tries;
  for (int i = 0; i < 20; ++i) {
    tries.push_back(std::async(std::launch::async, [&] {
      return std::string(
          auth_->SignIn({"198.51.100.2"}, "one@m1.example", "wrong", "").status().code());
    }));
  }
  int checked = 0;
  for (auto& t : tries) checked += t.get() == "invalid_credentials";
  EXPECT_LE(checked, 5);
  EXPECT_EQ(auth_->SignIn({"198.51.100.2"}, "one@m1.example", kTestPassword, "").status().code(),
            "signin_locked");
  // The real user, from their own address, still signs in.
  EXPECT_TRUE(auth_->SignIn({"203.0.113.5"}, "one@m1.example", kTestPassword, "").ok());
}

// Finding 15: checking the current password counts toward the lockout.
TEST_P(TrustFixes, Finding15_PasswordChangeGuessesAreLockedOut) {
  auto in = auth_->SignIn({"ip"}, "one@m1.example", kTestPassword, "");
  ASSERT_TRUE(in.ok());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(auth_->ChangePassword({in->principal, "ip"}, "guess", "a much longer password", false)
                  .code(),
              "wrong_password");
  }
  EXPECT_EQ(
      auth_->ChangePassword({in->principal, "ip"}, kTestPassword, "a much longer password", false)
          .code(),
      "signin_locked");
}

// Finding 4: an event stream ends when the sign-in behind it ends.
TEST_P(TrustFixes, Finding04_EventsStopWhenTheCredentialDies) {
  auto in = auth_->SignIn({"ip"}, "one@m1.example", kTestPassword, "");
  ASSERT_TRUE(in.ok());
  domain::EventRules rules;
  domain::RegisterItemEvents(rules, clock_);
  domain::EventHub live(
      *tx_, std::move(rules),
      [this](const std::vector<const domain::Principal*>& who) {
        return auth_->CredentialsAlive(who);
      },
      3'600'000);
  sharing_ = std::make_unique<domain::SharingService>(*tx_, clock_, nullptr, &live);
  std::mutex mu;
  std::vector<std::string> heard;
  const domain::Principal p = in->principal;
  live.Subscribe(p, [&](const domain::Event& e) {
    std::lock_guard lock(mu);
    heard.push_back(e.kind);
    return e.kind != "end";
  });
  Audience hub;
  hub.hub_ids = {w_.hub_a};
  PublishAsAnalyst(AlertTo(Tlp::kGreen, hub));
  live.WaitIdle();
  ASSERT_TRUE(auth_->SignOut({p, "ip"}).ok());
  PublishAsAnalyst(AlertTo(Tlp::kGreen, hub));
  live.WaitIdle();
  EXPECT_EQ(heard, (std::vector<std::string>{"published", "end"}));
  EXPECT_EQ(live.subscribers(), 0u);
}

// Finding 10: administrators read the audit log; restricted content stays out of it.
TEST_P(TrustFixes, Finding10_AuditDetailsCarryNoReasonOrFileName) {
  Audience red;
  red.user_ids = {w_.member1};
  const ItemId id = PublishAsAnalyst(AlertTo(Tlp::kRed, red));
  auto att = sharing_->AddAttachment({P(w_.analyst_a), "ip"}, id, "東北第二発電所_被害状況.txt",
                                     "text/plain", "被害状況の詳細");
  ASSERT_TRUE(att.ok()) << att.status().Describe();
  ASSERT_TRUE(
      sharing_->Withdraw({P(w_.analyst_a), "ip"}, id, "誤って東北第二発電所の名前を記載").ok());
  for (const auto& e : Audit("item.")) {
    EXPECT_EQ(e.detail.find("東北第二発電所"), std::string::npos) << e.action << " " << e.detail;
  }
}

// Finding 14: duplicate ids and existing rounds are named clearly; no engine text.
TEST_P(TrustFixes, Finding14_DuplicateAudienceIdsAreABadRequestNamingTheField) {
  Audience twice;
  twice.org_ids = {w_.m1, w_.m1};
  auto r = sharing_->Publish({P(w_.analyst_a), "ip"}, AlertTo(Tlp::kAmber, twice));
  EXPECT_EQ(r.status().code(), "duplicate");
  EXPECT_EQ(r.status().field(), "audience.org_ids[1]");
  EXPECT_EQ(r.status().kind(), Kind::kInvalidArgument);
}

// Finding 16: reminders by hand at most once an hour.
TEST_P(TrustFixes, Finding16_RemindersHaveAMinimumInterval) {
  Audience hub;
  hub.hub_ids = {w_.hub_a};
  const ItemId id = PublishAsAnalyst(AlertTo(Tlp::kGreen, hub));
  ASSERT_TRUE(sharing_->Remind({P(w_.analyst_a), "ip"}, id).ok());
  auto again = sharing_->Remind({P(w_.analyst_a), "ip"}, id);
  EXPECT_EQ(again.status().code(), "remind_too_soon");
  EXPECT_EQ(again.status().kind(), Kind::kRateLimited);
  EXPECT_GT(again.status().retry_after(), 3500);
  clock_.advance(61 * 60 * 1000);
  EXPECT_TRUE(sharing_->Remind({P(w_.analyst_a), "ip"}, id).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, TrustFixes, RENKEI_ENGINES,
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace renkei::testing
