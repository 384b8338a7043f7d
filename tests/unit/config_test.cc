#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "app/config.h"
#include "app/demo_data.h"

namespace renkei::app {
namespace {

TEST(Config, FileThenEnvironmentApply) {
  const std::string path = ::testing::TempDir() + "/renkei-test.toml";
  std::ofstream(path) << "db = \"sqlite:/tmp/x.db\"\nlisten = \"0.0.0.0:9000\"\nthreads = 4\n";
  ::setenv("RENKEI_LISTEN", "127.0.0.1:9100", 1);
  Config c;
  ASSERT_TRUE(LoadConfig(path, c).ok());
  ::unsetenv("RENKEI_LISTEN");
  EXPECT_EQ(c.db, "sqlite:/tmp/x.db");
  EXPECT_EQ(c.listen, "127.0.0.1:9100");
  EXPECT_EQ(c.threads, 4);
}

TEST(Config, UnknownKeysAndBadValuesAreNamed) {
  const std::string path = ::testing::TempDir() + "/renkei-bad.toml";
  std::ofstream(path) << "databse = \"sqlite:x\"\n";
  Config c;
  Status st = LoadConfig(path, c);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.field(), "databse");
  ::setenv("RENKEI_THREADS", "lots", 1);
  Config d;
  EXPECT_EQ(LoadConfig("", d).field(), "RENKEI_THREADS");
  ::unsetenv("RENKEI_THREADS");
  EXPECT_FALSE(LoadConfig("/nonexistent/renkei.toml", d).ok());
}

TEST(Config, Finding13Extra_CookiesAreSecureWheneverThePublicUrlIsHttps) {
  app::Config c;
  EXPECT_FALSE(app::CookieSecure(c)) << "plain http on loopback (the demo)";
  c.base_url = "https://renkei.example.jp";
  EXPECT_TRUE(app::CookieSecure(c));
  c.base_url = "http://127.0.0.1:8080";
  c.cookie_secure = true;
  EXPECT_TRUE(app::CookieSecure(c));
}

TEST(Config, ParsesListenAddresses) {
  std::string host;
  unsigned short port = 0;
  ASSERT_TRUE(ParseListen("127.0.0.1:8080", host, port).ok());
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 8080);
  ASSERT_TRUE(ParseListen("[::1]:8081", host, port).ok());
  EXPECT_EQ(host, "::1");
  EXPECT_FALSE(ParseListen("8080", host, port).ok());
  EXPECT_FALSE(ParseListen("host:99999", host, port).ok());
}

TEST(DemoData, OffersOneAccountPerRole) {
  auto accounts = DemoAccounts();
  std::set<std::string> roles;
  for (const auto& a : accounts) roles.insert(a.role);
  EXPECT_EQ(roles.size(), 7u);
  EXPECT_EQ(roles.size(), accounts.size());
  for (const auto& a : accounts) EXPECT_FALSE(a.organisation_ja.empty()) << a.email;
}

}  // namespace
}  // namespace renkei::app
