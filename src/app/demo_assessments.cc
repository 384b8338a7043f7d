// Demo self-assessments: about half of the electricity operators submitted the NIST CSF
// 1.1 check last fiscal year and a little more this year (larger operators score higher,
// detection and recovery lag, as the sector's reports say), so the sector body's view has
// penetration, distributions and a trend. The demo member (東北発電) submitted last year
// and has this year's round open as a draft carried over from it.
#include "app/demo_data.h"
#include "core/error_codes.h"
#include "domain/assessment/assessment_service.h"
#include "domain/assessment/assessment_store.h"
#include "domain/directory/directory_store.h"

namespace renkei::app {

namespace {

constexpr Millis kDay = 86'400'000;

struct Mix {
  std::uint64_t s;
  std::uint64_t Next() {  // splitmix64
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<std::uint64_t>(n)); }
};

// One organisation's answers: a base by size, weaker detection/recovery, noise per item.
std::vector<domain::Answer> DemoAnswers(const domain::AssessmentCatalog& c, const std::string& size,
                                        int year_shift, Mix& rng, UserId by, Millis at) {
  const int base = size == "large" ? 28 : size == "medium" ? 20 : 12;  // tenths
  std::vector<domain::Answer> out;
  for (const auto& item : c.items()) {
    domain::Answer a;
    a.item_id = item.id;
    a.updated_by = by;
    a.updated_at = at;
    if (rng.Below(40) == 0) {
      a.not_applicable = true;
      a.na_reason = "該当する設備・業務がない";
    } else {
      int t = base + year_shift + rng.Below(21) - 10;
      if (item.function_id == "DE" || item.function_id == "RC") t -= 6;
      a.level = std::clamp((t + 5) / 10, 0, domain::kMaxLevel);
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

Result<int> LoadDemoAssessments(domain::Transactor& tx, const Catalogs& catalogs, Millis now) {
  const auto* found = catalogs.assessment.find("nist-csf-1.1");
  if (!found) return err::UnknownCatalog("nist-csf-1.1");
  const auto& catalog = *found;
  const int this_year = domain::FiscalYearOf(now);
  Mix rng{20261122};
  int created = 0;
  OrgId demo_org;
  domain::AssessmentId demo_last_year;
  RENKEI_RETURN_IF_ERROR(tx.Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto demo_user, s.directory.FindUserByEmail("member@denryoku.example"));
    if (demo_user) demo_org = demo_user->org_id;
    RENKEI_ASSIGN_OR_RETURN(auto ops, s.assessments.SectorOperators("electricity"));
    for (const auto& op : ops) {
      const bool is_demo = op.org_id == demo_org;
      const int roll = rng.Below(100);
      const bool last_year = is_demo || roll < 45;
      const bool this_year_done = !is_demo && roll < 58 && roll >= 3;
      if (!last_year && !this_year_done) continue;
      RENKEI_ASSIGN_OR_RETURN(auto users, s.directory.ListUsersOfOrg(op.org_id));
      if (users.empty()) continue;
      const UserId by = users.front().id;
      for (int year : {this_year - 1, this_year}) {
        if ((year == this_year && !this_year_done) || (year < this_year && !last_year)) continue;
        // Submitted in the autumn of that fiscal year, or in the last weeks for this one.
        const Millis at = year == this_year ? now - (5 + rng.Below(80)) * kDay
                                            : now - (365 + 20 + rng.Below(120)) * kDay;
        domain::Assessment a;
        a.org_id = op.org_id;
        a.catalog_id = catalog.id();
        a.catalog_version = catalog.version();
        a.fiscal_year = year;
        a.created_by = by;
        a.created_at = at - 14 * kDay;
        a.updated_at = at;
        RENKEI_ASSIGN_OR_RETURN(a.id, s.assessments.Create(a));
        const auto answers =
            DemoAnswers(catalog, op.size_class, year == this_year ? 3 : 0, rng, by, at);
        RENKEI_RETURN_IF_ERROR(s.assessments.PutAnswers(a.id, answers));
        RENKEI_RETURN_IF_ERROR(domain::FreezeSubmission(s.assessments, catalog, a,
                                                        domain::LevelCodes(catalog, answers), at,
                                                        by)
                                   .status());
        if (is_demo) demo_last_year = a.id;
        ++created;
      }
    }
    return Status::Ok();
  }));
  if (!demo_last_year.valid()) return created;
  // This year's round for the demo member, carried over through the service.
  ManualClock clock(now - 2 * kDay);
  domain::AssessmentService service(tx, clock, catalogs.assessment);
  RENKEI_ASSIGN_OR_RETURN(auto p, PrincipalByEmail(tx, "member@denryoku.example"));
  RENKEI_ASSIGN_OR_RETURN(
      auto draft, service.Create({p, "127.0.0.1"}, {catalog.id(), "", this_year, demo_last_year}));
  (void)draft;
  return created + 1;
}

}  // namespace renkei::app
