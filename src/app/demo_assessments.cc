// Demo self-assessments (data/demo/assessments.json): about half of the sector body's
// operators submitted the catalogue last fiscal year and a little more this year (larger
// operators score higher, detection and recovery lag, as the sector's reports say), so
// the sector body's view has penetration, distributions and a trend. Each round is
// started, answered and submitted through AssessmentService by the operator's first user
// on a clock set to that day. The open-round member submitted last year and has this
// year's round open as a draft carried over from it.
#include <algorithm>

#include "app/demo_load.h"
#include "core/error_codes.h"
#include "domain/assessment/assessment_service.h"

namespace renkei::app::demo {
namespace {

constexpr Millis kDay = 86'400'000;

struct Range {
  int from = 0, to = 0;  // [from, to)
  int Draw(Rng& rng) const { return from + rng.below(std::max(1, to - from)); }
};

struct Plan {
  std::string catalog, sector_body;
  std::uint64_t seed = 0;
  int last_year_percent = 0;
  Range this_year_percent;
  std::map<std::string, int> base_tenths;  // by size class
  int this_year_gain = 0, noise = 0, weaker_by = 0;
  std::vector<std::string> weaker_functions;
  int na_one_in = 0;
  std::string na_reason;
  Range this_year_days_ago, last_year_days_ago;
  int started_days_before = 0;
  std::string open_round_by;
  int open_round_days_ago = 0;
  // An SME's SECURITY ACTION self-declarations: one catalogue each, every item answered at
  // `level` and submitted `days_ago` — or, with `answered` below the catalogue's items, the
  // first ones answered and the round left open.
  struct Declaration {
    std::string by, catalog;
    int level = 0, days_ago = 0, answered = -1;  // -1: every item, then submitted
  };
  std::vector<Declaration> declarations;
};

Result<Plan> ReadPlan(const DemoFile& file) {
  RENKEI_ASSIGN_OR_RETURN(auto top, ParseFile(file));
  Plan p;
  auto range = [](http::JsonObject& parent, const char* name, Range& out) -> Status {
    if (auto r = parent.Object(name, true)) {
      out.from = static_cast<int>(r->Int("from", true).value_or(0));
      out.to = static_cast<int>(r->Int("to", true).value_or(0));
      RENKEI_RETURN_IF_ERROR(r->Finish());
    }
    return Status::Ok();
  };
  auto read = [&]() -> Status {
    (void)top.String("$comment", false);
    p.catalog = top.String("catalog", true).value_or("");
    p.sector_body = top.String("sector_body", true).value_or("");
    p.seed = static_cast<std::uint64_t>(top.Int("seed", true).value_or(0));
    p.last_year_percent = static_cast<int>(top.Int("last_year_percent", true).value_or(0));
    RENKEI_RETURN_IF_ERROR(range(top, "this_year_percent", p.this_year_percent));
    if (auto b = top.Object("base_tenths", true)) {
      for (const char* size : {"small", "medium", "large"})
        p.base_tenths[size] = static_cast<int>(b->Int(size, true).value_or(0));
      RENKEI_RETURN_IF_ERROR(b->Finish());
    }
    p.this_year_gain = static_cast<int>(top.Int("this_year_gain_tenths", true).value_or(0));
    p.noise = static_cast<int>(top.Int("noise_tenths", true).value_or(0));
    p.weaker_functions = top.Strings("weaker_functions", true).value_or(std::vector<std::string>{});
    p.weaker_by = static_cast<int>(top.Int("weaker_by_tenths", true).value_or(0));
    if (auto na = top.Object("not_applicable", true)) {
      p.na_one_in = static_cast<int>(na->Int("one_in", true).value_or(0));
      p.na_reason = na->String("reason", true).value_or("");
      RENKEI_RETURN_IF_ERROR(na->Finish());
    }
    if (auto d = top.Object("submitted_days_ago", true)) {
      RENKEI_RETURN_IF_ERROR(range(*d, "this_year", p.this_year_days_ago));
      RENKEI_RETURN_IF_ERROR(range(*d, "last_year", p.last_year_days_ago));
      RENKEI_RETURN_IF_ERROR(d->Finish());
    }
    p.started_days_before = static_cast<int>(top.Int("started_days_before", true).value_or(0));
    if (auto o = top.Object("open_round", true)) {
      p.open_round_by = o->String("by", true).value_or("");
      p.open_round_days_ago = static_cast<int>(o->Int("days_ago", true).value_or(0));
      RENKEI_RETURN_IF_ERROR(o->Finish());
    }
    if (auto list = top.Objects("declarations", false)) {
      for (auto& d : *list) {
        Plan::Declaration x;
        x.by = d.String("by", true).value_or("");
        x.catalog = d.String("catalog", true).value_or("");
        x.level = static_cast<int>(d.Int("level", true).value_or(0));
        x.days_ago = static_cast<int>(d.Int("days_ago", true).value_or(0));
        x.answered = static_cast<int>(d.Int("answered", false).value_or(-1));
        RENKEI_RETURN_IF_ERROR(d.Finish());
        p.declarations.push_back(std::move(x));
      }
    }
    RENKEI_RETURN_IF_ERROR(top.Finish());
    if (p.na_one_in < 1)
      return err::OutOfRange({.max = 1000, .min = 1}).with_field("not_applicable.one_in");
    return Status::Ok();
  };
  RENKEI_RETURN_IF_ERROR(InRecord(read(), file, ""));
  return p;
}

// One organisation's answers: a base by size, weaker functions, noise per item.
std::vector<domain::Answer> Answers(const Plan& plan, const domain::AssessmentCatalog& c,
                                    const std::string& size, int gain, Rng& rng) {
  auto base = plan.base_tenths.find(size);
  const int from = base == plan.base_tenths.end() ? 0 : base->second;
  std::vector<domain::Answer> out;
  for (const auto& item : c.items()) {
    domain::Answer a;
    a.item_id = item.id;
    if (rng.below(plan.na_one_in) == 0) {
      a.not_applicable = true;
      a.na_reason = plan.na_reason;
    } else {
      int t = from + gain + rng.below(2 * plan.noise + 1) - plan.noise;
      if (std::find(plan.weaker_functions.begin(), plan.weaker_functions.end(), item.function_id) !=
          plan.weaker_functions.end())
        t -= plan.weaker_by;
      a.level = std::clamp((t + 5) / 10, 0, domain::kMaxLevel);
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

Result<int> LoadAssessments(Context& ctx, const DemoFile& file) {
  RENKEI_ASSIGN_OR_RETURN(auto plan, ReadPlan(file));
  const auto* catalog = ctx.catalogs.assessment.find(plan.catalog);
  if (!catalog) return InRecord(err::UnknownCatalog(plan.catalog), file, "catalog");
  domain::AssessmentService service(ctx.tx, ctx.clock, ctx.catalogs.assessment);
  domain::DirectoryService dir(ctx.tx, ctx.clock);
  const int this_year = domain::FiscalYearOf(ctx.now);
  RENKEI_ASSIGN_OR_RETURN(auto officer, ctx.As(plan.sector_body, file, "sector_body"));
  RENKEI_ASSIGN_OR_RETURN(auto open_by, ctx.As(plan.open_round_by, file, "open_round"));
  // The operators of the sector body's sector, as its officer sees them.
  auto ops = service.SectorStatus(officer.principal, catalog->id(), this_year);
  if (!ops.ok()) return InRecord(ops.status(), file, "sector_body");
  Rng rng(plan.seed);
  // Every round is started and answered first, then all are submitted: a round's view
  // reads the sector's submissions (its position in the sector), so answering before any
  // submission exists keeps the load linear. Each call has its own day on the clock.
  struct Round {
    domain::Actor by;
    domain::AssessmentId id;
    Millis at = 0;
    std::string record;
  };
  std::vector<Round> rounds;
  int created = 0;
  std::optional<domain::AssessmentId> open_from;
  for (const auto& row : ops.value()) {
    const auto& op = row.org;
    const bool is_open = op.org_id == open_by.principal.org_id;
    const int roll = rng.below(100);
    const bool last_year = is_open || roll < plan.last_year_percent;
    const bool this_year_done =
        !is_open && roll < plan.this_year_percent.to && roll >= plan.this_year_percent.from;
    if (!last_year && !this_year_done) continue;
    RENKEI_ASSIGN_OR_RETURN(auto users, dir.ListUsersOfOrg(ctx.loader.principal, op.org_id));
    if (users.empty()) continue;
    const std::string record = "operator " + op.name_ja;
    RENKEI_ASSIGN_OR_RETURN(auto p, ctx.As(users.front().email, file, record));
    for (int year : {this_year - 1, this_year}) {
      if ((year == this_year && !this_year_done) || (year < this_year && !last_year)) continue;
      // Submitted in the autumn of that fiscal year, or in the last weeks for this one.
      const Millis at = ctx.now - (year == this_year ? plan.this_year_days_ago.Draw(rng)
                                                     : plan.last_year_days_ago.Draw(rng)) *
                                      kDay;
      const auto answers =
          Answers(plan, *catalog, op.size_class, year == this_year ? plan.this_year_gain : 0, rng);
      Round r{p, {}, at, record + " " + std::to_string(year)};
      ctx.clock.set(at - plan.started_days_before * kDay);
      auto round = service.Create(p, {catalog->id(), "", year, std::nullopt});
      if (!round.ok()) return InRecord(round.status(), file, r.record);
      r.id = round.value().a.id;
      ctx.clock.set(at);
      RENKEI_RETURN_IF_ERROR(
          InRecord(service.SaveAnswers(p, r.id, answers).status(), file, r.record));
      if (is_open) open_from = r.id;
      rounds.push_back(std::move(r));
    }
  }
  for (const Round& r : rounds) {
    ctx.clock.set(r.at);
    RENKEI_RETURN_IF_ERROR(InRecord(service.Submit(r.by, r.id).status(), file, r.record));
    ++created;
  }
  if (open_from) {
    // This year's round of the open-round member, carried over from last year's.
    ctx.clock.set(ctx.now - plan.open_round_days_ago * kDay);
    auto draft = service.Create(open_by, {catalog->id(), "", this_year, open_from});
    if (!draft.ok()) return InRecord(draft.status(), file, "open_round");
    ++created;
  }
  for (size_t i = 0; i < plan.declarations.size(); ++i) {
    const auto& d = plan.declarations[i];
    const std::string record = "declarations[" + std::to_string(i) + "]";
    const auto* c = ctx.catalogs.assessment.find(d.catalog);
    if (!c) return InRecord(err::UnknownCatalog(d.catalog), file, record);
    RENKEI_ASSIGN_OR_RETURN(auto by, ctx.As(d.by, file, record));
    const Millis at = ctx.now - d.days_ago * kDay;
    ctx.clock.set(at - plan.started_days_before * kDay);
    auto round = service.Create(by, {c->id(), "", domain::FiscalYearOf(at), std::nullopt});
    if (!round.ok()) return InRecord(round.status(), file, record);
    const auto id = round.value().a.id;
    std::vector<domain::Answer> answers;
    for (const auto& item : c->items()) {
      if (d.answered >= 0 && answers.size() >= static_cast<size_t>(d.answered)) break;
      domain::Answer a;
      a.item_id = item.id;
      a.level = std::clamp(d.level, 0, domain::kMaxLevel);
      answers.push_back(std::move(a));
    }
    ctx.clock.set(at);
    RENKEI_RETURN_IF_ERROR(InRecord(service.SaveAnswers(by, id, answers).status(), file, record));
    if (d.answered < 0)
      RENKEI_RETURN_IF_ERROR(InRecord(service.Submit(by, id).status(), file, record));
    ++created;
  }
  return created;
}

}  // namespace renkei::app::demo
