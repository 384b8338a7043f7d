// bench/fanout: publish one item to every organisation of the demo dataset (all 15
// sectors and all 21 hubs: about 5,000 organisations and 7,500 people) and time it
// until the recipient, delivery and outbox rows are committed. The ceiling, measured
// in the same run on the same connection: a bare bulk insert of the same rows
// (INSERT ... SELECT copies into index-free scratch tables in one transaction).
// Target: under 1 s on SQLite.
//   build/release/bench/fanout/fanout_bench [--runs 3]
// PostgreSQL too when RENKEI_BENCH_PG_URL (or RENKEI_TEST_PG_URL) names a server whose
// public schema may be dropped.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "app/demo_data.h"
#include "bare_fanout.h"
#include "core/crypto.h"
#include "domain/auth/auth_service.h"
#include "domain/directory/directory_store.h"
#include "domain/sharing/sharing_service.h"
#include "storage/migrations/migrations.h"
#include "storage/sql_transactor.h"

using namespace renkei;
using Steady = std::chrono::steady_clock;

namespace {

double Ms(Steady::time_point a, Steady::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

int Fail(const Status& st) {
  std::fprintf(stderr, "fanout_bench: %s\n", st.Describe().c_str());
  return 1;
}

int Run(const std::string& engine, std::string url, int runs) {
  if (engine == "postgresql") {
    auto db = storage::OpenDatabase(url);
    if (!db.ok()) return Fail(db.status());
    auto c = (*db)->Connect();
    if (!c.ok()) return Fail(c.status());
    if (Status st = (*c)->ExecScript("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
        !st.ok())
      return Fail(st);
  }
  auto db = storage::OpenDatabase(url);
  if (!db.ok()) return Fail(db.status());
  storage::SqlTransactor tx(std::move(db).value(), 2);
  if (Status st =
          tx.WithConnection([](storage::Connection& c) { return storage::Migrate(c).status(); });
      !st.ok())
    return Fail(st);
  auto t0 = Steady::now();
  auto catalogs = app::LoadCatalogs();
  if (!catalogs.ok()) return Fail(catalogs.status());
  if (auto st = app::LoadDemoData(tx, *catalogs, "bench-password-123"); !st.ok())
    return Fail(st.status());
  const double load_ms = Ms(t0, Steady::now());

  domain::Principal officer;
  std::vector<std::string> sectors;
  std::vector<HubId> hubs;
  Status st = tx.Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto u, s.directory.FindUserByEmail("officer@nco.example"));
    RENKEI_ASSIGN_OR_RETURN(auto p, domain::LoadPrincipal(s, u->id));
    officer = *p;
    RENKEI_ASSIGN_OR_RETURN(auto all_sectors, s.directory.ListSectors());
    for (auto& x : all_sectors) sectors.push_back(x.id);
    RENKEI_ASSIGN_OR_RETURN(auto all_hubs, s.directory.ListHubs());
    for (auto& h : all_hubs) hubs.push_back(h.id);
    return Status::Ok();
  });
  if (!st.ok()) return Fail(st);

  SystemClock clock;
  domain::SharingService sharing(tx, clock);
  domain::NewItem in;
  in.kind = "alert";
  in.tlp = domain::Tlp::kGreen;
  in.content.title = "全分野への注意喚起: 年末年始の警戒";
  in.content.body = "重要インフラ全分野に向けた注意喚起です。";
  in.content.action_requested = "連絡体制を確認し、受領確認してください";
  in.audience.sector_ids = sectors;
  in.audience.hub_ids = hubs;

  std::vector<double> publish_ms, bare_ms;
  domain::FanOutCounts counts;
  for (int r = 0; r < runs; ++r) {
    t0 = Steady::now();
    auto out = sharing.Publish({officer, "127.0.0.1"}, in);
    const auto t1 = Steady::now();
    if (!out.ok()) return Fail(out.status());
    counts = out->counts;
    publish_ms.push_back(Ms(t0, t1));
    // The ceiling: the same rows copied in bulk into scratch tables without indexes.
    auto bare = bench::BareFanOutMs(tx, out->view.item.id.value);
    if (!bare.ok()) return Fail(bare.status());
    bare_ms.push_back(*bare);
  }
  std::sort(publish_ms.begin(), publish_ms.end());
  std::sort(bare_ms.begin(), bare_ms.end());
  const double pub = publish_ms[publish_ms.size() / 2];
  const double bare = bare_ms[bare_ms.size() / 2];
  const std::int64_t rows = counts.organisations + counts.deliveries + counts.mails;
  std::printf("bench/fanout  engine=%s  demo data loaded in %.0f ms\n", engine.c_str(), load_ms);
  std::printf(
      "  one GREEN item to all %zu sectors and %zu hubs: %lld organisations, %lld "
      "deliveries, %lld outbox rows (%lld rows)\n",
      sectors.size(), hubs.size(), static_cast<long long>(counts.organisations),
      static_cast<long long>(counts.deliveries), static_cast<long long>(counts.mails),
      static_cast<long long>(rows));
  std::printf(
      "  publish until committed: median %.1f ms of %d runs (min %.1f, max %.1f)  "
      "%.0f rows/s   target < 1000 ms: %s\n",
      pub, runs, publish_ms.front(), publish_ms.back(), rows / (pub / 1000.0),
      pub < 1000 ? "met" : "NOT met");
  std::printf("  bare bulk insert of the same rows: median %.1f ms  %.0f rows/s\n", bare,
              rows / (bare / 1000.0));
  std::printf("  ratio publish/bare = %.2f (time; 1.0 = as fast as the bare insert)\n", pub / bare);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 3;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(1, std::atoi(argv[i + 1]));
  }
  InitCrypto();
  const auto dir = std::filesystem::temp_directory_path() / "renkei-fanout-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  int rc = Run("sqlite", "sqlite:" + (dir / "bench.db").string(), runs);
  const char* pg = std::getenv("RENKEI_BENCH_PG_URL");
  if (!pg) pg = std::getenv("RENKEI_TEST_PG_URL");
  if (pg && *pg) rc |= Run("postgresql", pg, runs);
  std::filesystem::remove_all(dir);
  return rc;
}
