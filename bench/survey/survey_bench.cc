// bench/survey: a 60-question survey (40 single choices, 10 multiple, 5 numbers, 5 matrices of
// 4 rows) answered and submitted by 5,000 operators in 10 sectors; the owner's results — the
// aggregates for the whole audience and per sector with the group-of-five rule, as
// GET /surveys/{id}/results computes them (SurveyService::Results: one read transaction, the
// submitted sets' answer codes, the tally) — on SQLite, and on PostgreSQL when
// RENKEI_BENCH_PG_URL (or RENKEI_TEST_PG_URL) names a server whose database may be emptied.
// Ceiling: reading the 5,000 stored answer-code rows alone (the results cannot be faster than
// their input). Reference: one bare GROUP BY over the 425,000 answer rows (no join, no rule,
// no per-sector split), the design the codes replace. Target: under 100 ms.
//   build/release/bench/survey/survey_bench [--orgs 5000]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>

#include "core/crypto.h"
#include "domain/auth/auth_service.h"
#include "domain/directory/directory_store.h"
#include "domain/survey/survey_service.h"
#include "domain/survey/survey_store.h"
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

std::string Definition() {
  std::string d = "title_ja = \"ベンチマーク調査\"\ntitle_en = \"Benchmark survey\"\n";
  auto choices = [](int n) {
    std::string c = "choices = [";
    for (int i = 0; i < n; ++i)
      c += "{ id = \"c" + std::to_string(i) + "\", ja = \"選択肢" + std::to_string(i) +
           "\", en = \"Choice\" },";
    return c + "]\n";
  };
  for (int i = 0; i < 60; ++i) {
    const char* type = i < 40 ? "single" : i < 50 ? "multiple" : i < 55 ? "number" : "matrix";
    d += "[[questions]]\nid = \"q" + std::to_string(i) + "\"\ntype = \"" + type +
         "\"\nja = \"設問" + std::to_string(i) + "\"\nen = \"Question\"\n";
    if (i < 40) d += choices(4);
    if (i >= 40 && i < 50) d += choices(5);
    if (i >= 50 && i < 55) d += "min = 0\nmax = 1000\n";
    if (i >= 55) {
      d += choices(3);
      d += "rows = [";
      for (int r = 0; r < 4; ++r)
        d += "{ id = \"r" + std::to_string(r) + "\", ja = \"行\", en = \"Row\" },";
      d += "]\n";
    }
  }
  return d;
}

int Run(const std::string& engine, const std::string& url, int orgs) {
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
  const Millis now = 1'782'900'000'000;  // 2026-07-01
  ManualClock clock(now);
  domain::SurveyService svc(tx, clock);
  const std::string def_text = Definition();
  auto def = domain::SurveyDefinition::Parse(def_text);
  if (!def.ok()) return std::fprintf(stderr, "%s\n", def.status().Describe().c_str()), 1;
  UserId officer;
  domain::SurveyId id;
  const auto t_seed = std::chrono::steady_clock::now();
  Status seeded = tx.Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    auto org = [&](std::string name, std::string kind, std::vector<std::string> sectors,
                   std::vector<HubId> hubs) -> Result<OrgId> {
      domain::Organisation o;
      o.name_ja = std::move(name);
      o.kind = std::move(kind);
      o.sector_ids = std::move(sectors);
      o.hub_ids = std::move(hubs);
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
    RENKEI_ASSIGN_OR_RETURN(OrgId nc, org("国家サイバー統括室", "national_centre", {}, {}));
    RENKEI_ASSIGN_OR_RETURN(officer,
                            user(nc, "officer@nc.example", domain::Role::kNationalCentreOfficer));
    std::vector<HubId> hubs;
    for (int i = 0; i < 10; ++i) {
      const std::string sec = "sector" + std::to_string(i);
      RENKEI_RETURN_IF_ERROR(
          s.directory.UpsertSector({sec, "分野" + std::to_string(i), "Sector", i, std::nullopt}));
      RENKEI_ASSIGN_OR_RETURN(OrgId sa,
                              org("事務局" + std::to_string(i), "hub_secretariat", {sec}, {}));
      domain::Hub h;
      h.code = "hub" + std::to_string(i);
      h.kind = "ceptoar";
      h.name_ja = "セプター" + std::to_string(i);
      h.name_en = "CEPTOAR";
      h.sector_ids = {sec};
      h.secretariat_org_id = sa;
      RENKEI_ASSIGN_OR_RETURN(auto hub, s.directory.CreateHub(h));
      hubs.push_back(hub);
    }
    domain::Survey sv;
    sv.owner_org_id = nc;
    sv.created_by = officer;
    sv.created_at = now;
    sv.opens_at = now - 1000;
    sv.closes_at = now + 30LL * 86400000;
    sv.definition_text = def_text;
    sv.def = *def;
    sv.audience.org_kinds = {"operator"};
    RENKEI_ASSIGN_OR_RETURN(id, s.survey.CreateSurvey(sv));
    for (auto h : hubs) RENKEI_RETURN_IF_ERROR(s.survey.AddHub(id, h));
    std::mt19937 rng(60);
    std::vector<std::pair<OrgId, UserId>> members;
    for (int i = 0; i < orgs; ++i) {
      const int k = i % 10;
      RENKEI_ASSIGN_OR_RETURN(
          OrgId o, org("事業者" + std::to_string(i), "operator", {"sector" + std::to_string(k)},
                       {hubs[static_cast<size_t>(k)]}));
      RENKEI_ASSIGN_OR_RETURN(
          UserId by, user(o, "m" + std::to_string(i) + "@bench.example", domain::Role::kMember));
      members.emplace_back(o, by);
    }
    for (auto h : hubs)
      RENKEI_RETURN_IF_ERROR(s.survey.Relay(id, h, sv.audience, now, officer).status());
    for (const auto& [o, by] : members) {
      std::vector<domain::SurveyAnswer> answers;
      for (const auto& q : def->questions) {
        domain::SurveyAnswer a;
        a.question_id = q.id;
        if (q.type == "single") a.choices = {q.choices[rng() % 4].id};
        if (q.type == "multiple")
          for (const auto& c : q.choices)
            if (rng() % 5 < 2) a.choices.push_back(c.id);
        if (q.type == "multiple" && a.choices.empty()) a.choices = {q.choices[0].id};
        if (q.type == "number") a.number = static_cast<double>(rng() % 1000);
        if (q.type == "matrix")
          for (const auto& r : q.rows) a.matrix.emplace_back(r.id, q.choices[rng() % 3].id);
        answers.push_back(std::move(a));
      }
      RENKEI_RETURN_IF_ERROR(s.survey.SaveDraft(id, o, answers, now, by));
      RENKEI_RETURN_IF_ERROR(
          s.survey.Submit(id, o, now, by, domain::SurveyAnswerCodes(*def, answers)).status());
    }
    return Status::Ok();
  });
  if (!seeded.ok()) return std::fprintf(stderr, "%s\n", seeded.Describe().c_str()), 1;
  std::int64_t rows = 0;
  (void)tx.WithConnection([&](storage::Connection& c) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto r, c.Query("SELECT COUNT(*) FROM survey_answers", {}));
    rows = r.at(0).i64(0);
    return c.ExecScript("ANALYZE");
  });
  std::printf("[%s] seeded %d submitted answer sets x 60 questions (%lld answer rows) in %.1f s\n",
              engine.c_str(), orgs, static_cast<long long>(rows), Ms(t_seed) / 1000);

  std::optional<domain::Principal> p;
  (void)tx.Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(p, domain::LoadPrincipal(s, officer));
    return Status::Ok();
  });
  domain::SurveyResults res;
  auto [res_med, res_best] = Time(11, [&] {
    auto r = svc.Results(*p, id);
    if (!r.ok()) std::fprintf(stderr, "%s\n", r.status().Describe().c_str()), std::abort();
    res = std::move(r).value();
  });
  // Ceiling: reading the 5,000 answer-code rows the results aggregate, nothing else.
  auto [read_med, read_best] = Time(11, [&] {
    (void)tx.Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
      return s.survey.Submissions(domain::SurveyViewerOf(*p), id).status();
    });
  });
  // Reference: one bare GROUP BY over the answer rows, the design the codes replace.
  auto [bare_med, bare_best] = Time(5, [&] {
    (void)tx.WithConnection([&](storage::Connection& c) -> Status {
      return c
          .Query(
              "SELECT question_id, row_id, value_text, COUNT(*), SUM(value_num) FROM "
              "survey_answers WHERE survey_id = $1 GROUP BY question_id, row_id, value_text",
              {id.value})
          .status();
    });
  });
  std::printf(
      "[%s] results (whole audience + %zu sectors, 60 questions): median %.1f ms, best %.1f ms"
      " — target < 100 ms\n",
      engine.c_str(), res.groups.size() - 1, res_med, res_best);
  std::printf(
      "[%s] ceiling, reading the %lld code rows only: median %.1f ms "
      "(results / ceiling = %.2f)\n",
      engine.c_str(), static_cast<long long>(res.submitted), read_med, res_med / read_med);
  std::printf(
      "[%s] reference, one bare GROUP BY over the %lld answer rows: median %.1f ms "
      "(%.0fx the results)\n",
      engine.c_str(), static_cast<long long>(rows), bare_med, bare_med / res_med);
  std::printf(
      "[%s] check: %lld of %lld submitted, %zu groups, a sector suppressed: %s, "
      "q0 counts %zu\n",
      engine.c_str(), static_cast<long long>(res.submitted), static_cast<long long>(res.targets),
      res.groups.size(), res.groups[1].suppressed ? "yes" : "no",
      res.groups[0].questions[0].counts.size());
  if (engine == "sqlite")
    for (const char* s : {"", "-wal", "-shm"})
      std::filesystem::remove(url.substr(std::strlen("sqlite:")) + s);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int orgs = 5000;
  for (int i = 1; i + 1 < argc; i += 2)
    if (!std::strcmp(argv[i], "--orgs")) orgs = std::atoi(argv[i + 1]);
  InitCrypto();
  const auto path = std::filesystem::temp_directory_path() / "renkei-bench-survey.db";
  int rc = Run("sqlite", "sqlite:" + path.string(), orgs);
  const char* pg = std::getenv("RENKEI_BENCH_PG_URL");
  if (!pg) pg = std::getenv("RENKEI_TEST_PG_URL");
  if (pg && *pg) rc |= Run("postgresql", pg, orgs);
  return rc;
}
