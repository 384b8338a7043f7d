// bench/sector_view: the sector body's view of 5,000 submitted self-assessments × 108
// NIST CSF items on SQLite — penetration by business class and size, distributions per
// function and item, the weakest items, trends — as GET /sector/assessments computes it
// (AssessmentService::Sector: one read transaction, two queries, the aggregation).
// Also the who-has-submitted list (SectorStatus).
// Ceiling: reading the 5,000 stored level-code rows alone (the view cannot be faster than
// its input). Reference: the same distributions by GROUP BY over the 540,000 answer rows,
// the design the level codes replace. Target: under 100 ms.
//   build/release/bench/sector_view/sector_view_bench [--orgs 5000]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>

#include "core/crypto.h"
#include "domain/assessment/assessment_service.h"
#include "domain/assessment/assessment_store.h"
#include "domain/auth/auth_service.h"
#include "domain/directory/directory_store.h"
#include "storage/migrations/migrations.h"
#include "storage/sql_transactor.h"

using namespace renkei;

namespace {

double Ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since)
      .count();
}

// Median and best of `n` runs, in milliseconds.
template <typename F>
std::pair<double, double> Time(int n, F run) {
  std::vector<double> t;
  for (int i = 0; i < n; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    run();
    t.push_back(Ms(t0));
  }
  std::sort(t.begin(), t.end());
  return {t[t.size() / 2], t.front()};
}

}  // namespace

int main(int argc, char** argv) {
  int orgs = 5000;
  for (int i = 1; i + 1 < argc; i += 2)
    if (!std::strcmp(argv[i], "--orgs")) orgs = std::atoi(argv[i + 1]);
  InitCrypto();
  const auto path = std::filesystem::temp_directory_path() / "renkei-bench-sector-view.db";
  for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + s);
  auto db = storage::OpenDatabase("sqlite:" + path.string());
  if (!db.ok()) return std::fprintf(stderr, "%s\n", db.status().Describe().c_str()), 1;
  storage::SqlTransactor tx(std::move(db).value(), 2);
  if (Status st =
          tx.WithConnection([](storage::Connection& c) { return storage::Migrate(c).status(); });
      !st.ok())
    return std::fprintf(stderr, "%s\n", st.Describe().c_str()), 1;

  auto catalogs = domain::AssessmentCatalogs::ParseEmbedded();
  if (!catalogs.ok()) return std::fprintf(stderr, "%s\n", catalogs.status().Describe().c_str()), 1;
  const auto& catalog = *catalogs->find("nist-csf-1.1");
  const Millis now = 1'795'000'000'000;  // 2026-11-18
  const int year = domain::FiscalYearOf(now);
  UserId officer;
  const auto t_seed = std::chrono::steady_clock::now();
  Status seeded = tx.Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    auto org = [&](std::string name, std::string kind, std::string cls,
                   std::string size) -> Result<OrgId> {
      domain::Organisation o;
      o.name_ja = std::move(name);
      o.kind = kind;
      if (kind != "ministry") o.sector_ids = {"electricity"};
      o.business_class = std::move(cls);
      o.size_class = std::move(size);
      o.created_at = o.updated_at = now;
      return s.directory.CreateOrganisation(o);
    };
    auto user = [&](OrgId o, const std::string& email, domain::Role r) -> Result<UserId> {
      domain::User u;
      u.org_id = o;
      u.email = email;
      u.display_name = "bench";
      u.roles = {r};
      u.created_at = u.updated_at = now;
      return s.directory.CreateUser(u, "not-a-real-hash");
    };
    RENKEI_ASSIGN_OR_RETURN(OrgId meti, org("経済産業省", "ministry", "", ""));
    RENKEI_RETURN_IF_ERROR(
        s.directory.UpsertSector({"electricity", "電力", "Electric power", 1, meti}));
    RENKEI_ASSIGN_OR_RETURN(OrgId body, org("電力広域的運営推進機関", "sector_body", "", ""));
    RENKEI_ASSIGN_OR_RETURN(officer,
                            user(body, "officer@body.example", domain::Role::kSectorBodyOfficer));
    std::mt19937 rng(5000);
    static const char* kClasses[] = {"generation", "retail", "aggregator", "private_facility"};
    static const char* kSizes[] = {"small", "medium", "large"};
    for (int i = 0; i < orgs; ++i) {
      RENKEI_ASSIGN_OR_RETURN(OrgId o, org("事業者" + std::to_string(i), "operator",
                                           kClasses[i % 4], kSizes[rng() % 3]));
      RENKEI_ASSIGN_OR_RETURN(
          UserId by, user(o, "m" + std::to_string(i) + "@bench.example", domain::Role::kMember));
      domain::Assessment a;
      a.org_id = o;
      a.catalog_id = catalog.id();
      a.catalog_version = catalog.version();
      a.fiscal_year = year;
      a.created_by = by;
      a.created_at = a.updated_at = now;
      RENKEI_ASSIGN_OR_RETURN(a.id, s.assessments.Create(a));
      std::vector<domain::Answer> answers;
      for (const auto& item : catalog.items()) {
        domain::Answer ans;
        ans.item_id = item.id;
        ans.updated_at = now;
        ans.updated_by = by;
        if (rng() % 40 == 0) {
          ans.not_applicable = true;
          ans.na_reason = "該当なし";
        } else {
          ans.level = static_cast<int>(rng() % 5);
        }
        answers.push_back(std::move(ans));
      }
      RENKEI_RETURN_IF_ERROR(s.assessments.PutAnswers(a.id, answers));
      RENKEI_RETURN_IF_ERROR(domain::FreezeSubmission(s.assessments, catalog, a,
                                                      domain::LevelCodes(catalog, answers), now, by)
                                 .status());
    }
    return Status::Ok();
  });
  if (!seeded.ok()) return std::fprintf(stderr, "%s\n", seeded.Describe().c_str()), 1;
  std::printf("seeded %d submitted assessments x %zu items in %.1f s (SQLite, %s)\n", orgs,
              catalog.items().size(), Ms(t_seed) / 1000, path.c_str());

  ManualClock clock(now);
  domain::AssessmentService svc(tx, clock, *catalogs);
  std::optional<domain::Principal> p;
  (void)tx.Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(p, domain::LoadPrincipal(s, officer));
    return Status::Ok();
  });
  domain::SectorView v;
  auto [view_med, view_best] = Time(11, [&] {
    auto r = svc.Sector(*p, catalog.id(), year, {});
    if (!r.ok()) std::abort();
    v = std::move(r).value();
  });
  auto [cls_med, cls_best] = Time(11, [&] {
    if (!svc.Sector(*p, catalog.id(), year, {"retail", "small"}).ok()) std::abort();
  });
  auto [status_med, status_best] = Time(11, [&] {
    if (!svc.SectorStatus(*p, catalog.id(), year).ok()) std::abort();
  });
  // Ceiling: only reading the level codes the view aggregates.
  auto [read_med, read_best] = Time(11, [&] {
    (void)tx.Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
      return s.assessments.SectorSubmissions("electricity", catalog.id(), {}).status();
    });
  });
  // Reference: the distributions straight from the answer rows.
  auto [group_med, group_best] = Time(3, [&] {
    (void)tx.WithConnection([&](storage::Connection& c) -> Status {
      return c
          .Query(
              "SELECT x.item_id, x.level, COUNT(*) FROM assessment_answers x "
              "JOIN assessments a ON a.id = x.assessment_id "
              "JOIN organisation_sectors s ON s.org_id = a.org_id "
              "WHERE s.sector_id = $1 AND a.status = 'submitted' AND a.fiscal_year = $2 "
              "GROUP BY x.item_id, x.level",
              {std::string("electricity"), std::int64_t{year}})
          .status();
    });
  });
  std::printf(
      "sector view (penetration, distributions, weakest, trends): median %.1f ms, best %.1f ms"
      " — target < 100 ms\n",
      view_med, view_best);
  std::printf("  filtered to retail/small (group %d):               median %.1f ms\n",
              svc.Sector(*p, catalog.id(), year, {"retail", "small"})->group_size, cls_med);
  std::printf("who-has-submitted list (%d operators):               median %.1f ms\n",
              v.total.operators, status_med);
  std::printf(
      "ceiling, reading the %d level-code rows only:        median %.1f ms "
      "(view / ceiling = %.2f)\n",
      v.group_size, read_med, view_med / read_med);
  std::printf("reference, GROUP BY over %d answer rows:         median %.1f ms (%.0fx the view)\n",
              orgs * static_cast<int>(catalog.items().size()), group_med, group_med / view_med);
  std::printf("check: %d of %d submitted, weakest item %s\n", v.total.submitted, v.total.operators,
              v.weakest_items.empty() ? "-" : v.weakest_items[0].c_str());
  for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + s);
  return 0;
}
