#include "support/test_db.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "core/crypto.h"
#include "storage/migrations/migrations.h"

namespace renkei::testing {

const char kTestPassword[] = "correct horse battery staple";

const std::string& TestPasswordHash() {
  static const std::string hash = [] {
    InitCrypto();
    return HashPassword(kTestPassword);
  }();
  return hash;
}

std::string PgUrl() {
  const char* v = std::getenv("RENKEI_TEST_PG_URL");
  return v ? v : "";
}

bool PgRequired() { return std::getenv("RENKEI_REQUIRE_PG") != nullptr; }

std::string FreshDatabaseUrl(const std::string& engine) {
  if (engine == "sqlite") {
    static std::atomic<int> counter{0};
    const auto dir = std::filesystem::temp_directory_path() / "renkei-tests";
    std::filesystem::create_directories(dir);
    const auto path =
        dir / ("db-" + std::to_string(getpid()) + "-" + std::to_string(++counter) + ".db");
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    return "sqlite:" + path.string();
  }
  const std::string url = PgUrl();
  auto db = storage::OpenDatabase(url);
  EXPECT_TRUE(db.ok()) << db.status().Describe();
  auto conn = (*db)->Connect();
  EXPECT_TRUE(conn.ok()) << conn.status().Describe();
  Status st = (*conn)->ExecScript("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  EXPECT_TRUE(st.ok()) << st.Describe();
  return url;
}

std::unique_ptr<storage::SqlTransactor> FreshDatabase(const std::string& engine) {
  auto db = storage::OpenDatabase(FreshDatabaseUrl(engine));
  if (!db.ok()) {
    ADD_FAILURE() << db.status().Describe();
    return nullptr;
  }
  auto tx = std::make_unique<storage::SqlTransactor>(std::move(db).value(), 4);
  Status st =
      tx->WithConnection([](storage::Connection& c) { return storage::Migrate(c).status(); });
  if (!st.ok()) {
    ADD_FAILURE() << st.Describe();
    return nullptr;
  }
  return tx;
}

}  // namespace renkei::testing
