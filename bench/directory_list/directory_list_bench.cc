// bench/directory_list: where the time of GET /api/v1/organisations?limit=50 goes, in
// process (no sockets), on the demo dataset in a fresh SQLite file:
//   BM_StoreList      the store query alone (51 rows into Organisation values)
//   BM_ServiceList    the same through DirectoryService (transaction included)
//   BM_ApiHandle      the whole request through Api::Handle (session, query, JSON)
//   BM_ApiMe          GET /api/v1/me through Api::Handle (session resolution only)
// bench/http_api measures the same page over HTTP against nginx.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "app/demo_data.h"
#include "app/platform.h"
#include "core/crypto.h"
#include "domain/directory/directory_store.h"
#include "http/api.h"
#include "storage/migrations/migrations.h"
#include "storage/sql_transactor.h"

namespace {

using namespace renkei;

struct World {
  std::unique_ptr<storage::SqlTransactor> tx;
  SystemClock clock;
  app::Catalogs catalogs;
  std::unique_ptr<app::Platform> platform;  // the services and the API, wired as in serve
  std::string cookie;
  domain::Principal principal;
};

World& Get() {
  static World* w = [] {
    InitCrypto();
    auto* w = new World;
    const auto path = std::filesystem::temp_directory_path() / "renkei-bench-directory.db";
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + s);
    w->tx = std::make_unique<storage::SqlTransactor>(
        std::move(storage::OpenDatabase("sqlite:" + path.string())).value(), 2);
    (void)w->tx->WithConnection(
        [](storage::Connection& c) { return storage::Migrate(c).status(); });
    w->catalogs = app::LoadCatalogs().value();
    (void)app::LoadDemoData(*w->tx, w->catalogs, "bench-password-123");
    app::PlatformOptions options;
    options.auth.ip_attempts = 1000000;
    w->platform = std::make_unique<app::Platform>(*w->tx, w->clock, w->catalogs, options);
    auto in = w->platform->auth.SignIn({"127.0.0.1"}, "member@denryoku.example",
                                       "bench-password-123", "");
    w->cookie = "renkei_session=" + in->session_token;
    w->principal = in->principal;
    return w;
  }();
  return *w;
}

void BM_StoreList(benchmark::State& state) {
  World& w = Get();
  for (auto _ : state) {
    Status st = w.tx->Run(domain::TxMode::kRead, [](domain::Stores& s) -> Status {
      domain::OrgFilter f;
      f.limit = 50;
      f.active = true;
      auto page = s.directory.ListOrganisations(f);
      benchmark::DoNotOptimize(page);
      return page.status();
    });
    if (!st.ok()) state.SkipWithError(st.Describe().c_str());
  }
}
BENCHMARK(BM_StoreList);

void BM_ServiceList(benchmark::State& state) {
  World& w = Get();
  for (auto _ : state) {
    domain::OrgFilter f;
    f.limit = 50;
    auto page = w.platform->directory.ListOrganisations(w.principal, f);
    benchmark::DoNotOptimize(page);
  }
}
BENCHMARK(BM_ServiceList);

void RunRequest(benchmark::State& state, const std::string& path) {
  World& w = Get();
  http::Request req;
  req.method = "GET";
  req.path = path;
  req.query["limit"] = "50";
  req.headers["cookie"] = w.cookie;
  req.remote_ip = "127.0.0.1";
  size_t bytes = 0;
  for (auto _ : state) {
    http::Response r = w.platform->api.Handle(req);
    if (r.status != 200) state.SkipWithError(r.body.c_str());
    bytes += r.body.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_ApiHandle(benchmark::State& state) { RunRequest(state, "/api/v1/organisations"); }
BENCHMARK(BM_ApiHandle);

void BM_ApiMe(benchmark::State& state) {
  World& w = Get();
  http::Request req;
  req.method = "GET";
  req.path = "/api/v1/me";
  req.headers["cookie"] = w.cookie;
  for (auto _ : state) benchmark::DoNotOptimize(w.platform->api.Handle(req));
}
BENCHMARK(BM_ApiMe);

}  // namespace

BENCHMARK_MAIN();
