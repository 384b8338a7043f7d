#include "support/test_db.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
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

namespace {
// Each test program gets its own database on the test server (renkei_test_storage_tests, …), so
// ctest may run the storage and API suites side by side without dropping each other's schema.
// Named after the program, not the process, so repeated runs reuse one database per suite.
std::string OwnPgDatabase() {
  static const std::string own = [] {
    const std::string base = PgUrl();
    std::string program = std::filesystem::read_symlink("/proc/self/exe").filename().string();
    std::string name = "renkei_test_";
    for (char c : program) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    auto db = storage::OpenDatabase(base);
    EXPECT_TRUE(db.ok()) << db.status().Describe();
    if (!db.ok()) return base;
    auto conn = (*db)->Connect();
    EXPECT_TRUE(conn.ok()) << conn.status().Describe();
    if (!conn.ok()) return base;
    auto found = (*conn)->Query("SELECT 1 FROM pg_database WHERE datname = $1", {name});
    EXPECT_TRUE(found.ok()) << found.status().Describe();
    if (found.ok() && found->empty()) {
      const Status st = (*conn)->ExecScript("CREATE DATABASE " + name);
      EXPECT_TRUE(st.ok()) << st.Describe();
    }
    // postgresql://user@host:port/dbname[?options]: swap the database name.
    const std::size_t authority = base.find("://");
    const std::size_t slash = base.find('/', authority == std::string::npos ? 0 : authority + 3);
    if (slash == std::string::npos) return base + "/" + name;
    const std::size_t query = base.find('?', slash);
    return base.substr(0, slash + 1) + name +
           (query == std::string::npos ? std::string() : base.substr(query));
  }();
  return own;
}
}  // namespace

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
  const std::string url = OwnPgDatabase();
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
