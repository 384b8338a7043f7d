// bench/community: the regional communities' search and match at the scale — 47
// prefectures, 200 communities, 20,000 experts, 10,000 needs and seeds — p50/p99 of an
// expert search (prefecture + speciality + folded text), of a need's matches and of the map
// (every prefecture's counts), against the ceiling measured in the same run: one expert read
// by its primary key through a transaction (the least any request costs). SQLite, then
// PostgreSQL when RENKEI_BENCH_PG_URL (or RENKEI_TEST_PG_URL) names a server whose database
// may be emptied.
//   build/release/bench/community/community_bench
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <vector>

#include "core/crypto.h"
#include "domain/community/community_service.h"
#include "domain/community/community_store.h"
#include "domain/directory/directory_store.h"
#include "storage/migrations/migrations.h"
#include "storage/sql_transactor.h"

using namespace renkei;

namespace {

template <typename F>
std::vector<double> Time(int n, F f) {
  std::vector<double> ms;
  for (int i = 0; i < n; ++i) {
    const auto t = std::chrono::steady_clock::now();
    f(i);
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms;
}
double P(const std::vector<double>& v, double q) {
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

int Run(const std::string& engine, const std::string& url) {
  if (engine == "sqlite")
    for (const char* s : {"", "-wal", "-shm"})
      std::filesystem::remove(url.substr(std::strlen("sqlite:")) + s);
  auto db = storage::OpenDatabase(url);
  if (!db.ok()) return std::fprintf(stderr, "%s\n", db.status().Describe().c_str()), 1;
  storage::SqlTransactor tx(std::move(db).value(), 2);
  if (engine == "postgresql") {
    Status wiped = tx.WithConnection([](storage::Connection& c) {
      return c.ExecScript("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
    });
    if (!wiped.ok()) return std::fprintf(stderr, "%s\n", wiped.Describe().c_str()), 1;
  }
  if (Status st =
          tx.WithConnection([](storage::Connection& c) { return storage::Migrate(c).status(); });
      !st.ok())
    return std::fprintf(stderr, "%s\n", st.Describe().c_str()), 1;
  std::mt19937 rng(20);
  const char* words[] = {"制御",     "工場",           "診断", "訓練",
                         "メール",   "ランサムウェア", "初動", "フォレンジック",
                         "クラウド", "ネットワーク",   "教育", "監査"};
  const char* tags[] = {"OT", "診断", "訓練", "IR", "教育", "クラウド", "監査", "法務"};
  std::vector<OrgId> orgs;
  std::vector<UserId> users;
  std::vector<std::int64_t> needs;
  const auto t_seed = std::chrono::steady_clock::now();
  Status seeded = tx.Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    for (int i = 0; i < 200; ++i) {
      domain::Organisation o;
      o.name_ja = "組織" + std::to_string(i);
      o.kind = i % 4 ? "vendor" : "local_government";
      o.prefecture = 1 + i % 47;
      o.created_at = o.updated_at = 1;
      RENKEI_ASSIGN_OR_RETURN(auto id, s.directory.CreateOrganisation(o));
      orgs.push_back(id);
      domain::User u;
      u.org_id = id;
      u.email = "u" + std::to_string(i) + "@bench.example";
      u.display_name = "利用者";
      u.roles = {domain::Role::kMember};
      u.created_at = u.updated_at = 1;
      RENKEI_ASSIGN_OR_RETURN(auto uid, s.directory.CreateUser(u, ""));
      users.push_back(uid);
      domain::Community c;
      c.prefecture = 1 + i % 47;
      c.name_ja = "コミュニティ" + std::to_string(i);
      c.secretariat_org_id = id;
      c.created_at = c.updated_at = 1;
      RENKEI_RETURN_IF_ERROR(s.community.CreateCommunity(c, uid).status());
    }
    for (int i = 0; i < 20000; ++i) {
      domain::Expert e;
      e.kind = i % 3 ? "person" : "organisation";
      e.name = "専門家" + std::to_string(i);
      e.affiliation = std::string(words[rng() % 12]) + "研究所";
      e.owner_org_id = orgs[i % 200];
      e.specialities = {domain::kSpecialities[rng() % 9], domain::kSpecialities[rng() % 9]};
      e.prefectures = {static_cast<int>(1 + rng() % 47), static_cast<int>(1 + rng() % 47)};
      e.how_to_request = std::string(words[rng() % 12]) + "の相談は事務局へ";
      e.created_at = 1;
      RENKEI_RETURN_IF_ERROR(s.community.CreateExpert(e).status());
    }
    for (int i = 0; i < 10000; ++i) {
      domain::Offer o;
      o.kind = i % 2 ? "seed" : "need";
      o.org_id = orgs[i % 200];
      o.user_id = users[i % 200];
      o.title = std::string(words[rng() % 12]) + words[rng() % 12] + "の" +
                (o.kind == "need" ? "相談" : "サービス");
      o.body = std::string(words[rng() % 12]) + "と" + words[rng() % 12] + "について" +
               words[rng() % 12] + "を支援します";
      o.prefecture = static_cast<int>(1 + rng() % 47);
      o.tags = {tags[rng() % 8], tags[rng() % 8]};
      o.contact = "窓口";
      o.state = "open";
      RENKEI_ASSIGN_OR_RETURN(auto id, s.community.CreateOffer(o, 1));
      if (o.kind == "need") needs.push_back(id);
    }
    return Status::Ok();
  });
  if (!seeded.ok()) return std::fprintf(stderr, "%s\n", seeded.Describe().c_str()), 1;
  std::printf("%s: seeded 200 communities, 20000 experts, 10000 needs/seeds in %.1f s\n",
              engine.c_str(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t_seed).count());
  ManualClock clock(1'795'000'000'000);
  domain::CommunityService svc(tx, clock);
  domain::Principal p;
  p.user_id = users[1];
  p.org_id = orgs[1];
  const int n = 200;
  auto ceiling = Time(n, [&](int i) {
    Status st = tx.Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
      return s.community.GetExpert(1 + i).status();
    });
    (void)st;
  });
  auto search = Time(n, [&](int i) {
    domain::ExpertFilter f;
    f.prefecture = 1 + i % 47;
    f.speciality = domain::kSpecialities[i % 9];
    f.q = words[i % 12];
    auto r = svc.SearchExperts(f);
    if (!r.ok()) std::fprintf(stderr, "%s\n", r.status().Describe().c_str());
  });
  auto match = Time(n, [&](int i) {
    auto r = svc.Matches(p, needs[static_cast<size_t>(i) * 7 % needs.size()]);
    if (!r.ok()) std::fprintf(stderr, "%s\n", r.status().Describe().c_str());
  });
  auto map = Time(n, [&](int) {
    auto r = svc.Map(&p);
    if (!r.ok()) std::fprintf(stderr, "%s\n", r.status().Describe().c_str());
  });
  std::printf("%s: ceiling (one expert by id): p50 %.2f ms  p99 %.2f ms\n", engine.c_str(),
              P(ceiling, 0.5), P(ceiling, 0.99));
  auto line = [&](const char* what, const std::vector<double>& v) {
    std::printf("%s: %-15s p50 %.2f ms  p99 %.2f ms  (p99 %.0f x the ceiling) %s\n", engine.c_str(),
                what, P(v, 0.5), P(v, 0.99), P(v, 0.99) / P(ceiling, 0.99),
                P(v, 0.99) < 50 ? "under 50 ms" : "OVER 50 ms");
  };
  line("expert search:", search);
  line("need's matches:", match);
  line("the map:", map);
  return 0;
}

}  // namespace

int main() {
  InitCrypto();
  const auto path = std::filesystem::temp_directory_path() / "renkei-bench-community.db";
  int rc = Run("sqlite", "sqlite:" + path.string());
  const char* pg = std::getenv("RENKEI_BENCH_PG_URL");
  if (!pg) pg = std::getenv("RENKEI_TEST_PG_URL");
  if (pg && *pg) rc |= Run("postgresql", pg);
  return rc;
}
