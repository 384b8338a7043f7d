// The demo survey (調査, issue 21), made through SurveyService on the demo clock: the
// national centre (officer@nco.example) sends 安全基準等の浸透状況調査 (data/surveys/
// anzen-kijun.toml) to the electricity sector ten days before the load; 電力ISAC's analyst
// (analyst@jeisac.example) relays it to its members nine days before; then 45 of those
// members answer and submit (so the sector's aggregates show, far above the group of five)
// and 10 more keep a draft — 東北発電 (member@denryoku.example) among the drafts, its answer
// page open with a few questions answered. The survey closes twenty days after the load; the
// reminders wait in the outbox for three days before that.
#include <algorithm>
#include <iterator>
#include <set>

#include "app/demo_load.h"
#include "core/error_codes.h"
#include "domain/auth/auth_service.h"
#include "domain/directory/directory_store.h"
#include "domain/survey/survey_service.h"

namespace renkei::app::demo {
namespace {

constexpr Millis kDay = 24LL * 3600 * 1000;
constexpr std::uint64_t kSeed = 20260701;

const char* const kTexts[] = {
    "担当者が兼務で、ガイドラインを読み込む時間が取れません。",
    "制御系の更新は停止計画に合わせる必要があり、対策の時期が限られます。",
    "中小規模の事業者向けに、優先して取り組む項目を示していただけると助かります。",
    "保守事業者の遠隔接続の管理方法について、具体的な例がほしいです。",
    "演習のシナリオを業界で共有できる仕組みがあるとありがたいです。",
};

// Answers to every question that is asked, each valid for its type; `all` false answers
// only the first few (a draft in progress).
std::vector<domain::SurveyAnswer> AnswersFor(const domain::SurveyDefinition& def, Rng& rng,
                                             bool all) {
  std::vector<domain::SurveyAnswer> out;
  auto picked = [&](const std::string& q, const std::string& c) {
    for (const auto& a : out)
      if (a.question_id == q)
        return std::find(a.choices.begin(), a.choices.end(), c) != a.choices.end();
    return false;
  };
  size_t asked = 0;
  for (const auto& q : def.questions) {
    if (!q.when_question.empty() && !picked(q.when_question, q.when_choice)) continue;
    if (!all && ++asked > 4) break;
    domain::SurveyAnswer a;
    a.question_id = q.id;
    const int n = static_cast<int>(q.choices.size());
    if (q.type == "single") {
      // Earlier choices are the likelier ones (the sector mostly follows the standards).
      const int i = std::min(rng.below(n), rng.below(n));
      a.choices = {q.choices[static_cast<size_t>(i)].id};
    } else if (q.type == "multiple") {
      for (const auto& c : q.choices)
        if (rng.below(3) == 0 && c.id != "none") a.choices.push_back(c.id);
      if (a.choices.empty()) a.choices = {q.choices[0].id};
    } else if (q.type == "number") {
      const double lo = q.min.value_or(0), hi = std::min(q.max.value_or(100), lo + 30);
      a.number = lo + rng.below(static_cast<int>(hi - lo) + 1);
    } else if (q.type == "date") {
      a.text = "2026-0" + std::to_string(1 + rng.below(6)) + "-1" + std::to_string(rng.below(9));
    } else if (q.type == "text") {
      if (rng.below(3) != 0) continue;
      a.text = kTexts[rng.below(static_cast<int>(std::size(kTexts)))];
    } else if (q.type == "matrix") {
      for (const auto& r : q.rows)
        a.matrix.emplace_back(
            r.id, q.choices[static_cast<size_t>(std::min(rng.below(n), rng.below(n)))].id);
    }
    out.push_back(std::move(a));
  }
  return out;
}

// A member of `org` acting, as a signed-in request would carry them.
Result<std::optional<domain::Actor>> MemberOf(Context& ctx, OrgId org) {
  std::optional<domain::Actor> out;
  RENKEI_RETURN_IF_ERROR(ctx.tx.Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto users, s.directory.ListUsersOfOrg(org));
    for (const auto& u : users) {
      if (!u.active) continue;
      RENKEI_ASSIGN_OR_RETURN(auto p, domain::LoadPrincipal(s, u.id));
      if (p) out = domain::Actor{std::move(*p), ""};
      break;
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace

Result<int> LoadSurveys(Context& ctx, const DemoFile& file) {
  const auto templates = domain::SurveyTemplates();
  if (templates.empty()) return InRecord(err::Internal(), file, "data/surveys");
  domain::SurveyService svc(ctx.tx, ctx.clock);
  Rng rng(kSeed);
  ctx.clock.set(ctx.now - 10 * kDay);
  RENKEI_ASSIGN_OR_RETURN(auto centre, ctx.As("officer@nco.example", file, "owner"));
  domain::NewSurvey n;
  n.definition = std::string(templates.front().toml);
  n.audience.sectors = {"electricity"};
  n.opens_at = ctx.now - 10 * kDay;
  n.closes_at = ctx.now + 20 * kDay;
  auto made = svc.Create(centre, n);
  if (!made.ok()) return InRecord(made.status(), file, templates.front().name);
  const domain::SurveyId id = made->survey.id;
  ctx.clock.set(ctx.now - 9 * kDay);
  RENKEI_ASSIGN_OR_RETURN(auto analyst, ctx.As("analyst@jeisac.example", file, "relay"));
  auto relayed = svc.Relay(analyst, id, std::nullopt);
  if (!relayed.ok()) return InRecord(relayed.status(), file, "relay");
  RENKEI_ASSIGN_OR_RETURN(auto member, ctx.As("member@denryoku.example", file, "draft"));
  auto progress = svc.Progress(analyst.principal, id);
  if (!progress.ok()) return InRecord(progress.status(), file, "progress");
  // Over the following days: 45 submissions and 10 drafts among the members, in a
  // deterministic order; 東北発電 keeps its draft.
  int submitted = 0, drafts = 0;
  const auto& members = progress->members;
  std::set<std::int64_t> done;
  for (size_t i = 0; i < members.size() && (submitted < 45 || drafts < 10); ++i) {
    const auto& m = members[(i * 7) % members.size()];
    if (m.org_id == member.principal.org_id || !done.insert(m.org_id.value).second) continue;
    RENKEI_ASSIGN_OR_RETURN(auto who, MemberOf(ctx, m.org_id));
    if (!who) continue;
    const bool submit = submitted < 45 && (drafts >= 10 || rng.below(5) != 0);
    ctx.clock.set(ctx.now - 8 * kDay + static_cast<Millis>((i * 37) % (7 * 24)) * 3600 * 1000);
    auto saved = svc.SaveDraft(*who, id, AnswersFor(made->survey.def, rng, submit));
    if (!saved.ok()) return InRecord(saved.status(), file, m.name_ja);
    if (submit) {
      auto sub = svc.Submit(*who, id);
      if (!sub.ok()) return InRecord(sub.status(), file, m.name_ja);
      ++submitted;
    } else {
      ++drafts;
    }
  }
  ctx.clock.set(ctx.now - 3600 * 1000);
  auto mine = svc.SaveDraft(member, id, AnswersFor(made->survey.def, rng, false));
  if (!mine.ok()) return InRecord(mine.status(), file, "member@denryoku.example");
  ctx.clock.set(ctx.now);
  return 1;
}

}  // namespace renkei::app::demo
