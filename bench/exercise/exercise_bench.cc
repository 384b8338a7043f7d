// bench/exercise: the 2024 all-sector exercise's size — 869 organisations and 6,981
// participants — on the demo dataset (people added to the chosen organisations until the
// count is reached), then:
//   1. one inject (an ad-hoc inject of the controller) delivered to every player, timed
//      until its item, deliveries and mail rows are committed. Target: under 1 s on SQLite
//      (printed for PostgreSQL). Ceiling in the same run: a bare bulk insert of the same
//      rows into index-free scratch tables (as bench/fanout).
//   2. the control room's board (ExerciseService::Board) computed in process, once the
//      players have read and acknowledged a realistic share — its cost per refresh;
//      bench/exercise/run.sh measures it over HTTP under 500 simultaneous viewers.
//   3. one national-centre item to the 21 hubs' secretariats, relayed by each hub to all
//      its members: the time each hop took inside Renkei.
//   build/release/bench/exercise/exercise_bench [--keep-db PATH]
// PostgreSQL too when RENKEI_BENCH_PG_URL (or RENKEI_TEST_PG_URL) names a server whose
// public schema may be dropped. --keep-db leaves the SQLite database for run.sh and prints
// the exercise's id on a line "exercise_id=N".
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "app/catalogs.h"
#include "app/demo_data.h"
#include "bare_fanout.h"
#include "core/crypto.h"
#include "core/error_codes.h"
#include "domain/auth/auth_service.h"
#include "domain/directory/directory_store.h"
#include "domain/exercises/exercise_service.h"
#include "domain/sharing/sharing_service.h"
#include "storage/migrations/migrations.h"
#include "storage/sql_transactor.h"

using namespace renkei;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int kOrganisations = 869;
constexpr int kParticipants = 6981;
constexpr char kPassword[] = "bench-password-123";

double Ms(Steady::time_point a, Steady::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

int Fail(const char* what, const Status& st) {
  std::fprintf(stderr, "exercise_bench: %s: %s\n", what, st.Describe().c_str());
  return 1;
}

Result<domain::Principal> PrincipalOf(storage::SqlTransactor& tx, const std::string& email) {
  domain::Principal out;
  RENKEI_RETURN_IF_ERROR(tx.Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto u, s.directory.FindUserByEmail(email));
    if (!u) return err::NotFound();
    RENKEI_ASSIGN_OR_RETURN(auto p, domain::LoadPrincipal(s, u->id));
    out = *p;
    return Status::Ok();
  }));
  return out;
}

std::int64_t Count(storage::SqlTransactor& tx, const std::string& sql, std::int64_t arg) {
  std::int64_t n = -1;
  (void)tx.WithConnection([&](storage::Connection& c) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto rows, c.Query(sql, {arg}));
    n = rows.empty() ? 0 : rows[0].i64(0);
    return Status::Ok();
  });
  return n;
}

// 869 operator organisations spread evenly over the directory (every sector), and people
// added to them (members, one password hash for all) until they hold 6,981.
Result<std::vector<OrgId>> ChooseParticipants(storage::SqlTransactor& tx) {
  std::vector<OrgId> chosen;
  RENKEI_RETURN_IF_ERROR(tx.WithConnection([&](storage::Connection& c) -> Status {
    RENKEI_ASSIGN_OR_RETURN(
        auto rows, c.Query("SELECT o.id, (SELECT COUNT(*) FROM users u WHERE u.org_id = o.id) "
                           "FROM organisations o WHERE o.kind = 'operator' ORDER BY o.id",
                           {}));
    if (rows.size() < static_cast<std::size_t>(kOrganisations))
      return err::Internal();  // the demo has too few operators
    for (int i = 0; i < kOrganisations; ++i) {
      chosen.push_back(OrgId{rows[i * rows.size() / kOrganisations].i64(0)});
    }
    return Status::Ok();
  }));
  std::int64_t people = 0;
  for (OrgId o : chosen) {
    people += Count(tx, "SELECT COUNT(*) FROM users WHERE org_id = $1 AND active = 1", o.value);
  }
  const std::string hash = HashPassword(kPassword);
  RENKEI_RETURN_IF_ERROR(tx.Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    for (std::int64_t n = 0; people < kParticipants; ++n, ++people) {
      domain::User u;
      u.org_id = chosen[n % chosen.size()];
      u.email = "player" + std::to_string(n) + "@exercise-bench.example";
      u.display_name = "訓練参加者 " + std::to_string(n);
      u.roles = {domain::Role::kMember};
      RENKEI_RETURN_IF_ERROR(s.directory.CreateUser(u, hash).status());
    }
    return Status::Ok();
  }));
  return chosen;
}

int Run(const std::string& engine, const std::string& url, bool keep) {
  if (engine == "postgresql") {
    auto db = storage::OpenDatabase(url);
    if (!db.ok()) return Fail("open", db.status());
    auto c = (*db)->Connect();
    if (!c.ok()) return Fail("connect", c.status());
    if (Status st = (*c)->ExecScript("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
        !st.ok())
      return Fail("reset", st);
  }
  auto db = storage::OpenDatabase(url);
  if (!db.ok()) return Fail("open", db.status());
  storage::SqlTransactor tx(std::move(db).value(), 2);
  if (Status st =
          tx.WithConnection([](storage::Connection& c) { return storage::Migrate(c).status(); });
      !st.ok())
    return Fail("migrate", st);
  auto catalogs = app::LoadCatalogs();
  if (!catalogs.ok()) return Fail("catalogs", catalogs.status());
  auto t0 = Steady::now();
  if (auto st = app::LoadDemoData(tx, *catalogs, kPassword); !st.ok())
    return Fail("demo data", st.status());
  auto orgs = ChooseParticipants(tx);
  if (!orgs.ok()) return Fail("participants", orgs.status());
  const double load_ms = Ms(t0, Steady::now());

  auto officer = PrincipalOf(tx, "officer@nco.example");
  if (!officer.ok()) return Fail("officer", officer.status());
  const domain::Actor actor{*officer, "127.0.0.1"};
  SystemClock clock;
  domain::SharingService sharing(tx, clock);
  domain::ExerciseService exercises(tx, clock, catalogs->exercises, sharing);

  // 1. One inject to every player.
  domain::NewExercise ne;
  ne.scenario_id = "all-sector-tabletop";
  ne.name = "分野横断的演習（ベンチマーク）";
  for (OrgId o : *orgs) {
    ne.participants.push_back({domain::ParticipantKind::kOrganisation, std::to_string(o.value),
                               domain::ParticipantRole::kPlayer});
  }
  auto ex = exercises.Create(actor, ne);
  if (!ex.ok()) return Fail("create", ex.status());
  const domain::ExerciseId id = ex->exercise.id;
  if (auto st = exercises.Start(actor, id); !st.ok()) return Fail("start", st.status());
  domain::AdhocInject inject;
  inject.title = "状況付与: 広域での通信障害";
  inject.body =
      "複数の分野で通信障害が発生しています。自組織の状況を確認し、所管へ報告してください。";
  inject.action = "受領確認し、状況を報告してください";
  t0 = Steady::now();
  if (auto st = exercises.SendAdhoc(actor, id, inject); !st.ok())
    return Fail("inject", st.status());
  const double inject_ms = Ms(t0, Steady::now());
  const std::int64_t item = Count(tx, "SELECT MAX(id) FROM items WHERE exercise_id = $1", id.value);
  const std::int64_t deliveries =
      Count(tx, "SELECT COUNT(*) FROM deliveries WHERE item_id = $1", item);
  const std::int64_t item_orgs =
      Count(tx, "SELECT COUNT(*) FROM item_orgs WHERE item_id = $1", item);
  const std::int64_t mails = Count(
      tx, "SELECT COUNT(*) FROM outbox WHERE subject_kind = 'item' AND subject_id = $1", item);
  auto bare = bench::BareFanOutMs(tx, item);
  if (!bare.ok()) return Fail("ceiling", bare.status());
  const double bare_ms = *bare;
  const std::int64_t rows = item_orgs + deliveries + mails;
  std::printf("bench/exercise  engine=%s  demo data and %d participants ready in %.0f ms\n",
              engine.c_str(), kParticipants, load_ms);
  std::printf(
      "  1. one inject to every player: %lld organisations, %lld deliveries, %lld mails "
      "(%lld rows): %.1f ms until committed   target < 1000 ms: %s\n",
      static_cast<long long>(item_orgs), static_cast<long long>(deliveries),
      static_cast<long long>(mails), static_cast<long long>(rows), inject_ms,
      inject_ms < 1000 ? "met" : "NOT met");
  std::printf("     bare bulk insert of the same rows: %.1f ms   ratio inject/bare = %.2f\n",
              bare_ms, inject_ms / bare_ms);

  // 2. The board once players have answered: by organisation (stable, by id), 70 % of
  // organisations have someone who read it, 55 % acknowledged, at 1–300 minutes.
  Status st = tx.WithConnection([&](storage::Connection& c) -> Status {
    RENKEI_RETURN_IF_ERROR(c.Exec("UPDATE deliveries SET read_at = delivered_at + 60000 * "
                                  "(1 + (org_id * 7919) % 300) WHERE item_id = $1 AND "
                                  "(org_id * 31) % 100 < 70",
                                  {item})
                               .status());
    return c
        .Exec(
            "UPDATE deliveries SET acknowledged_at = read_at + 60000 * (org_id % 45) "
            "WHERE item_id = $1 AND (org_id * 31) % 100 < 55",
            {item})
        .status();
  });
  if (!st.ok()) return Fail("answers", st);
  std::vector<double> board_ms;
  std::size_t board_orgs = 0;
  for (int r = 0; r < 15; ++r) {
    t0 = Steady::now();
    auto b = exercises.Board(*officer, id);
    board_ms.push_back(Ms(t0, Steady::now()));
    if (!b.ok()) return Fail("board", b.status());
    board_orgs = b->metrics.orgs.size();
  }
  std::sort(board_ms.begin(), board_ms.end());
  std::printf(
      "  2. the control room's board in process (%zu organisations): median %.1f ms, max %.1f "
      "ms of %zu\n",
      board_orgs, board_ms[board_ms.size() / 2], board_ms.back(), board_ms.size());

  // 3. The national centre to the 21 hubs' secretariats, each hub on to its members.
  std::vector<domain::Hub> hubs;
  st = tx.Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(hubs, s.directory.ListHubs());
    return Status::Ok();
  });
  if (!st.ok()) return Fail("hubs", st);
  domain::NewItem in;
  in.kind = "alert";
  in.tlp = domain::Tlp::kAmber;
  in.content.title = "重要インフラ事業者を狙う偵察活動について";
  in.content.body = "各セプター事務局は、構成員へ速やかに展開してください。";
  in.content.action_requested = "構成員へ展開し、受領確認してください";
  for (const auto& h : hubs) in.audience.org_ids.push_back(h.secretariat_org_id);
  t0 = Steady::now();
  auto root = sharing.Publish(actor, in);
  const double root_ms = Ms(t0, Steady::now());
  if (!root.ok()) return Fail("publish", root.status());
  std::printf(
      "  3. relay: the national centre to %zu hub secretariats: %.1f ms (%lld deliveries)\n",
      hubs.size(), root_ms, static_cast<long long>(root->counts.deliveries));
  std::vector<double> hop_ms;
  std::int64_t relayed = 0;
  for (const auto& h : hubs) {
    std::vector<domain::User> staff;
    st = tx.Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(staff, s.directory.ListUsersOfOrg(h.secretariat_org_id));
      return Status::Ok();
    });
    if (!st.ok() || staff.empty()) return Fail(("hub staff of " + h.code).c_str(), st);
    auto analyst = PrincipalOf(tx, staff.front().email);
    if (!analyst.ok()) return Fail("analyst", analyst.status());
    domain::RelayInput r;
    r.tlp = domain::Tlp::kAmber;
    r.audience.hub_ids = {h.id};
    r.note = h.name_ja + "事務局より展開します。";
    r.action_requested = "受領確認してください";
    t0 = Steady::now();
    auto out = sharing.Relay({*analyst, "127.0.0.1"}, root->view.item.id, r);
    const double ms = Ms(t0, Steady::now());
    if (!out.ok()) return Fail(("relay by " + h.code).c_str(), out.status());
    hop_ms.push_back(ms);
    relayed += out->counts.deliveries;
    std::printf("     %5lld people: %6.1f ms  %s\n", static_cast<long long>(out->counts.deliveries),
                ms, h.name_ja.c_str());
  }
  double sum = 0;
  for (double v : hop_ms) sum += v;
  std::sort(hop_ms.begin(), hop_ms.end());
  std::printf(
      "     %zu hops, %lld deliveries: median %.1f ms, max %.1f ms, all hops %.0f ms inside "
      "Renkei\n",
      hop_ms.size(), static_cast<long long>(relayed), hop_ms[hop_ms.size() / 2], hop_ms.back(),
      sum);
  if (keep) std::printf("exercise_id=%lld\n", static_cast<long long>(id.value));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string keep;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--keep-db") == 0) keep = argv[i + 1];
  }
  InitCrypto();
  const auto dir = std::filesystem::temp_directory_path() / "renkei-exercise-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string file = keep.empty() ? (dir / "bench.db").string() : keep;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file + suffix);
  int rc = Run("sqlite", "sqlite:" + file, !keep.empty());
  if (keep.empty()) {
    const char* pg = std::getenv("RENKEI_BENCH_PG_URL");
    if (!pg) pg = std::getenv("RENKEI_TEST_PG_URL");
    if (pg && *pg) rc |= Run("postgresql", pg, false);
  }
  std::filesystem::remove_all(dir);
  return rc;
}
