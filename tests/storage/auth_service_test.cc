// Sign-in, lockout, session expiry and tokens, with a clock the tests move.
#include <gtest/gtest.h>

#include "domain/audit/audit_service.h"
#include "world.h"

namespace renkei::testing {
namespace {

constexpr Millis kMinute = 60'000;

class AuthServiceTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    w_ = SeedWorld(*tx_);
    domain::AuthConfig config;
    config.ip_attempts = 1000;
    auth_ = std::make_unique<domain::AuthService>(*tx_, clock_, config);
  }
  std::vector<domain::AuditRecord> Audit(const std::string& action) {
    auto rows =
        domain::AuditService(*tx_).List(PrincipalOf(*tx_, w_.admin), {action, "", "", 0, 0, 200});
    return rows.ok() ? *rows : std::vector<domain::AuditRecord>{};
  }

  ManualClock clock_{1'800'000'000'000};
  World w_;
  std::unique_ptr<domain::AuthService> auth_;
};

TEST_P(AuthServiceTest, SignInGivesASessionThatResolvesToThePrincipal) {
  auto in = auth_->SignIn({"192.0.2.1"}, " One@M1.example", kTestPassword, "test-agent");
  ASSERT_TRUE(in.ok()) << in.status().Describe();
  EXPECT_EQ(in->principal.user_id, w_.member1);
  auto p = auth_->ResolveSession(in->session_token);
  ASSERT_TRUE(p.ok()) << p.status().Describe();
  EXPECT_EQ(p->org_id, w_.m1);
  EXPECT_EQ(p->csrf_token, in->principal.csrf_token);
  EXPECT_FALSE(p->csrf_token.empty());
  auto rows = Audit("session.create");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].ip, "192.0.2.1");
  ASSERT_TRUE(auth_->SignOut({*p, "192.0.2.1"}).ok());
  EXPECT_EQ(auth_->ResolveSession(in->session_token).status().code(), "session_expired");
}

TEST_P(AuthServiceTest, WrongPasswordAndUnknownEmailLookTheSame) {
  auto wrong = auth_->SignIn({"192.0.2.1"}, "one@m1.example", "not the password", "");
  auto unknown = auth_->SignIn({"192.0.2.1"}, "nobody@m1.example", kTestPassword, "");
  EXPECT_EQ(wrong.status().code(), "invalid_credentials");
  EXPECT_EQ(unknown.status().code(), "invalid_credentials");
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
  EXPECT_EQ(Audit("session.failed").size(), 2u);
}

TEST_P(AuthServiceTest, RepeatedFailuresLockTheAccountForAWhile) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(auth_->SignIn({"ip"}, "one@m1.example", "wrong", "").status().code(),
              "invalid_credentials");
  }
  auto locked = auth_->SignIn({"ip"}, "one@m1.example", kTestPassword, "");
  EXPECT_EQ(locked.status().code(), "signin_locked");
  EXPECT_GT(locked.status().retry_after(), 0);
  clock_.advance(16 * kMinute);
  EXPECT_TRUE(auth_->SignIn({"ip"}, "one@m1.example", kTestPassword, "").ok());
}

// The administrator's list of locked accounts: an account locked from one address is
// listed by name with the lock's end, an address that is no account is not, a lock over
// leaves the list; the audit log counts the failed sign-ins since an instant as it lists
// them. Others may read neither.
TEST_P(AuthServiceTest, TheLockedAccountsAndTheFailuresAreListedAsCounted) {
  const auto admin = PrincipalOf(*tx_, w_.admin);
  const Millis start = clock_.now_ms();
  for (int i = 0; i < 5; ++i) {
    (void)auth_->SignIn({"192.0.2.7"}, "ONE@m1.example", "wrong", "");
    (void)auth_->SignIn({"192.0.2.7"}, "nobody@m1.example", "wrong", "");
  }
  auto locked = auth_->LockedAccounts(admin);
  ASSERT_TRUE(locked.ok()) << locked.status().Describe();
  ASSERT_EQ(locked->size(), 1u) << "an address that is no account is no locked account";
  EXPECT_EQ((*locked)[0].account.user_id, w_.member1);
  EXPECT_EQ((*locked)[0].account.email, "one@m1.example");
  EXPECT_FALSE((*locked)[0].account.display_name.empty());
  EXPECT_FALSE((*locked)[0].account.org_name_ja.empty());
  EXPECT_EQ((*locked)[0].addresses, 1);
  EXPECT_FALSE((*locked)[0].everywhere);
  EXPECT_EQ((*locked)[0].locked_until, start + 15 * kMinute);
  EXPECT_EQ(auth_->LockedAccounts(PrincipalOf(*tx_, w_.member1)).status().code(), "forbidden");

  domain::AuditService audit(*tx_);
  domain::AuditFilter f;
  f.action_prefix = "session.failed";
  f.since = start;
  EXPECT_EQ(audit.Count(admin, f).value(), 10);
  f.limit = 200;
  EXPECT_EQ(audit.List(admin, f)->size(), 10u);
  f.since = start + 1;
  EXPECT_EQ(audit.Count(admin, f).value(), 0);
  EXPECT_EQ(audit.Count(PrincipalOf(*tx_, w_.member1), f).status().code(), "forbidden");

  clock_.advance(16 * kMinute);
  EXPECT_TRUE(auth_->LockedAccounts(admin)->empty()) << "the lock is over";
}

TEST_P(AuthServiceTest, TooManyAttemptsFromOneAddressAreThrottled) {
  domain::AuthConfig tight;
  tight.ip_attempts = 3;
  domain::AuthService auth(*tx_, clock_, tight);
  for (int i = 0; i < 3; ++i) (void)auth.SignIn({"198.51.100.7"}, "x@y.example", "wrong", "");
  EXPECT_EQ(auth.SignIn({"198.51.100.7"}, "one@m1.example", kTestPassword, "").status().code(),
            "too_many_attempts");
  EXPECT_TRUE(auth.SignIn({"198.51.100.8"}, "one@m1.example", kTestPassword, "").ok());
}

TEST_P(AuthServiceTest, SessionsEndAfterIdleTimeAndAtTheirAbsoluteExpiry) {
  auto in = auth_->SignIn({"ip"}, "one@m1.example", kTestPassword, "");
  ASSERT_TRUE(in.ok());
  clock_.advance(119 * kMinute);
  EXPECT_TRUE(auth_->ResolveSession(in->session_token).ok()) << "used within the idle window";
  clock_.advance(121 * kMinute);
  EXPECT_EQ(auth_->ResolveSession(in->session_token).status().code(), "session_expired");

  auto again = auth_->SignIn({"ip"}, "one@m1.example", kTestPassword, "");
  ASSERT_TRUE(again.ok());
  for (int i = 0; i < 12; ++i) {  // keep it busy for 12 hours
    clock_.advance(60 * kMinute);
    if (i < 11) {
      EXPECT_TRUE(auth_->ResolveSession(again->session_token).ok()) << i;
    }
  }
  EXPECT_EQ(auth_->ResolveSession(again->session_token).status().code(), "session_expired");
}

TEST_P(AuthServiceTest, DeactivatedUsersCannotSignIn) {
  domain::DirectoryService dir(*tx_, clock_);
  auto in = auth_->SignIn({"ip"}, "one@m1.example", kTestPassword, "");
  ASSERT_TRUE(in.ok());
  domain::UserPatch off;
  off.active = false;
  ASSERT_TRUE(dir.UpdateUser({PrincipalOf(*tx_, w_.admin), ""}, w_.member1, off).ok());
  EXPECT_EQ(auth_->ResolveSession(in->session_token).status().code(), "session_expired");
  EXPECT_EQ(auth_->SignIn({"ip"}, "one@m1.example", kTestPassword, "").status().code(),
            "invalid_credentials");
}

TEST_P(AuthServiceTest, TokensResolveUntilRevokedOrExpired) {
  auto p = PrincipalOf(*tx_, w_.member1);
  auto token = auth_->CreateToken({p, "ip"}, "監視", std::nullopt);
  ASSERT_TRUE(token.ok()) << token.status().Describe();
  EXPECT_EQ(token->secret.rfind("rk_", 0), 0u);
  auto resolved = auth_->ResolveToken(token->secret);
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ(resolved->method, domain::AuthMethod::kToken);
  EXPECT_TRUE(resolved->csrf_token.empty());
  EXPECT_EQ(auth_->RevokeToken({PrincipalOf(*tx_, w_.member3), ""}, token->token.id).kind(),
            Kind::kNotFound);
  ASSERT_TRUE(auth_->RevokeToken({p, "ip"}, token->token.id).ok());
  EXPECT_EQ(auth_->ResolveToken(token->secret).status().code(), "invalid_token");

  auto short_lived = auth_->CreateToken({p, "ip"}, "短期", clock_.now_ms() + kMinute);
  ASSERT_TRUE(short_lived.ok());
  EXPECT_TRUE(auth_->ResolveToken(short_lived->secret).ok());
  clock_.advance(2 * kMinute);
  EXPECT_EQ(auth_->ResolveToken(short_lived->secret).status().code(), "invalid_token");
  EXPECT_EQ(auth_->CreateToken({p, "ip"}, "過去", clock_.now_ms() - 1).status().field(),
            "expires_at");
}

TEST_P(AuthServiceTest, PasswordChangeEndsTheOtherSessionsOnly) {
  auto laptop = auth_->SignIn({"ip"}, "one@m1.example", kTestPassword, "");
  auto phone = auth_->SignIn({"ip"}, "one@m1.example", kTestPassword, "");
  ASSERT_TRUE(laptop.ok() && phone.ok());
  auto p = auth_->ResolveSession(laptop->session_token);
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(auth_->ChangePassword({*p, ""}, kTestPassword, "a much longer password", false).ok());
  EXPECT_TRUE(auth_->ResolveSession(laptop->session_token).ok());
  EXPECT_EQ(auth_->ResolveSession(phone->session_token).status().code(), "session_expired");
}

TEST_P(AuthServiceTest, PasswordChangeNeedsTheCurrentPasswordAndFollowsTheRules) {
  auto p = PrincipalOf(*tx_, w_.member1);
  EXPECT_EQ(auth_->ChangePassword({p, ""}, "wrong", "a much longer password", false).field(),
            "current_password");
  EXPECT_EQ(auth_->ChangePassword({p, ""}, kTestPassword, "short", false).code(),
            "password_too_short");
  ASSERT_TRUE(auth_->ChangePassword({p, ""}, kTestPassword, "a much longer password", false).ok());
  EXPECT_FALSE(auth_->SignIn({"ip"}, "one@m1.example", kTestPassword, "").ok());
  EXPECT_TRUE(auth_->SignIn({"ip"}, "one@m1.example", "a much longer password", "").ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, AuthServiceTest, RENKEI_ENGINES,
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace renkei::testing
