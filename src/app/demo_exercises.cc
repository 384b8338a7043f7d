// Demo exercises (演習・訓練), made through ExerciseService on the demo clock so the
// exercises, their items, deliveries, acknowledgements and audit rows are what real use
// produces (docs/exercises.md, "Demo"):
//  - a finished セプター訓練 of 電力ISAC (analyst@jeisac.example, the one-click drill to every
//    member) kDrillDaysAgo days before the load day at 10:00 JST: its members read and
//    acknowledge at delays drawn from kDrillSeed (some within 1 h, more within 4 h, most
//    within 24 h, a few late, a few never), and it is ended three days later, so its
//    after-action report has real figures and a curve;
//  - the all-sector tabletop (officer@nco.example controls it) for the electricity, gas and
//    water sectors, started kTabletopStartedMinutesAgo before the load and paused
//    kTabletopPausedMinutesAgo before it, after its first two injects: paused, the ticker
//    fires nothing and no deadline runs, so it stays as loaded until its controller resumes
//    it. member@denryoku.example has both injects open for acknowledgement.
// The demo accounts are not drawn: member@denryoku.example acknowledged the drill within the
// hour and has acknowledged nothing of the tabletop.
#include <algorithm>
#include <optional>
#include <tuple>

#include "app/demo_load.h"
#include "core/error_codes.h"
#include "domain/auth/auth_service.h"
#include "domain/exercises/exercise_service.h"
#include "domain/sharing/sharing_service.h"

namespace renkei::app::demo {
namespace {

constexpr Millis kMinute = 60'000;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;
constexpr Millis kJst = 9 * kHour;

constexpr std::uint64_t kDrillSeed = 20261110;
constexpr int kDrillDaysAgo = 20;
constexpr int kTabletopStartedMinutesAgo = 25;
constexpr int kTabletopPausedMinutesAgo = 5;
constexpr const char* kDrillBy = "analyst@jeisac.example";
constexpr const char* kTabletopBy = "officer@nco.example";
constexpr const char* kPlayer = "member@denryoku.example";

struct Step {
  Millis at = 0;
  enum class Kind { kRead, kAcknowledge } kind = Kind::kRead;
  domain::ItemId item;
  UserId user;
  bool operator<(const Step& o) const {
    return std::tie(at, user.value, kind) < std::tie(o.at, o.user.value, o.kind);
  }
};

class ExercisesLoader {
 public:
  ExercisesLoader(Context& ctx, const DemoFile& file)
      : ctx_(ctx),
        file_(file),
        sharing_(ctx.tx, ctx.clock),
        exercises_(ctx.tx, ctx.clock, ctx.catalogs.exercises, sharing_) {}

  Result<int> Run() {
    RENKEI_RETURN_IF_ERROR(Drill());
    RENKEI_RETURN_IF_ERROR(Tabletop());
    return 2;
  }

 private:
  // A delay in [lo, hi) minutes.
  static Millis Between(Rng& rng, int lo, int hi) {
    return (lo + rng.below(hi - lo)) * kMinute + rng.below(60) * 1000;
  }

  Status Drill() {
    const std::string record = "drill (electricity ISAC)";
    RENKEI_ASSIGN_OR_RETURN(auto by, ctx_.As(kDrillBy, file_, record));
    RENKEI_ASSIGN_OR_RETURN(auto player, ctx_.As(kPlayer, file_, record));
    auto hub = ctx_.hubs.find("jeisac");
    if (hub == ctx_.hubs.end()) return InRecord(err::DemoReference("jeisac"), file_, record);
    const Millis day = (ctx_.now + kJst) / kDay * kDay - kJst;
    const Millis start = day - kDrillDaysAgo * kDay + 10 * kHour;
    ctx_.clock.set(start - 30 * kMinute);
    auto made = exercises_.CreateDrill(by, hub->second, 1);
    if (!made.ok()) return InRecord(made.status(), file_, record);
    const domain::ExerciseId id = made->exercise.id;
    ctx_.clock.set(start);
    RENKEI_RETURN_IF_ERROR(InRecord(exercises_.Start(by, id).status(), file_, record));
    RENKEI_RETURN_IF_ERROR(InRecord(exercises_.Tick().status(), file_, record));
    RENKEI_ASSIGN_OR_RETURN(auto items, ItemsOf(by, id));
    std::vector<Step> steps;
    Rng rng(kDrillSeed);
    for (const auto& [item, recipients] : items) {
      for (UserId user : recipients) {
        const int roll = rng.below(100);
        Millis ack;
        if (roll < 22) {
          ack = Between(rng, 4, 60);
        } else if (roll < 52) {
          ack = Between(rng, 60, 240);
        } else if (roll < 82) {
          ack = Between(rng, 240, 1440);
        } else if (roll < 89) {
          ack = Between(rng, 1440, 2880);  // late: after the one-day deadline
        } else {
          ack = -1;  // never acknowledged; half of them read it
        }
        const Millis read =
            ack > 0 ? std::max<Millis>(kMinute, ack - Between(rng, 1, 20)) : Between(rng, 30, 2880);
        if (user == player.principal.user_id) {
          steps.push_back({start + 12 * kMinute, Step::Kind::kRead, item, user});
          steps.push_back({start + 38 * kMinute, Step::Kind::kAcknowledge, item, user});
          continue;
        }
        if (ack > 0 || roll % 2 == 0)
          steps.push_back({start + read, Step::Kind::kRead, item, user});
        if (ack > 0) steps.push_back({start + ack, Step::Kind::kAcknowledge, item, user});
      }
    }
    // The one-day deadline's reminder went to those who had not acknowledged by then, as
    // the mail worker sends it (RemindDue at the due time, between the steps before and after).
    std::sort(steps.begin(), steps.end());
    const Millis due = start + kDay;
    auto later =
        std::find_if(steps.begin(), steps.end(), [&](const Step& s) { return s.at >= due; });
    std::vector<Step> after(later, steps.end());
    steps.erase(later, steps.end());
    RENKEI_RETURN_IF_ERROR(Play(steps, record));
    ctx_.clock.set(due);
    RENKEI_RETURN_IF_ERROR(InRecord(sharing_.RemindDue().status(), file_, record));
    RENKEI_RETURN_IF_ERROR(Play(after, record));
    ctx_.clock.set(start + 3 * kDay);
    return InRecord(exercises_.End(by, id).status(), file_, record);
  }

  Status Tabletop() {
    const std::string record = "tabletop (all-sector)";
    RENKEI_ASSIGN_OR_RETURN(auto by, ctx_.As(kTabletopBy, file_, record));
    RENKEI_ASSIGN_OR_RETURN(auto player, ctx_.As(kPlayer, file_, record));
    const Millis start = ctx_.now - kTabletopStartedMinutesAgo * kMinute;
    ctx_.clock.set(start - 2 * kDay);
    domain::NewExercise in;
    in.scenario_id = "all-sector-tabletop";
    in.name = "全分野一斉演習（電力・ガス・水道）";
    for (const char* sector : {"electricity", "gas", "water"})
      in.participants.push_back(
          {domain::ParticipantKind::kSector, sector, domain::ParticipantRole::kPlayer});
    auto made = exercises_.Create(by, in);
    if (!made.ok()) return InRecord(made.status(), file_, record);
    const domain::ExerciseId id = made->exercise.id;
    ctx_.clock.set(start);
    RENKEI_RETURN_IF_ERROR(InRecord(exercises_.Start(by, id).status(), file_, record));
    // The opening contact check fires at 0, the intrusion at 15 exercise minutes.
    RENKEI_RETURN_IF_ERROR(InRecord(exercises_.Tick().status(), file_, record));
    ctx_.clock.set(start + 15 * kMinute);
    RENKEI_RETURN_IF_ERROR(InRecord(exercises_.Tick().status(), file_, record));
    const Millis paused = ctx_.now - kTabletopPausedMinutesAgo * kMinute;
    RENKEI_ASSIGN_OR_RETURN(auto items, ItemsOf(by, id));
    std::vector<Step> steps;
    Rng rng(kDrillSeed ^ 0x7AB1E7);
    for (size_t k = 0; k < items.size(); ++k) {
      const auto& [item, recipients] = items[k];
      const Millis fired = start + (k == 0 ? 0 : 15 * kMinute);
      const int share = k == 0 ? 65 : 25;  // the contact check, the intrusion
      for (UserId user : recipients) {
        const int roll = rng.below(100);
        const Millis read = fired + Between(rng, 1, 4);
        const Millis ack = read + Between(rng, 1, k == 0 ? 14 : 3);
        if (user == player.principal.user_id) continue;  // open for the demo account
        if (roll < share + 15 && read < paused)
          steps.push_back({read, Step::Kind::kRead, item, user});
        if (roll < share && ack < paused)
          steps.push_back({ack, Step::Kind::kAcknowledge, item, user});
      }
    }
    RENKEI_RETURN_IF_ERROR(Play(steps, record));
    ctx_.clock.set(paused);
    return InRecord(exercises_.Pause(by, id).status(), file_, record);
  }

  // The exercise's items (in firing order) with their recipients, by user id.
  Result<std::vector<std::pair<domain::ItemId, std::vector<UserId>>>> ItemsOf(
      const domain::Actor& by, domain::ExerciseId id) {
    auto view = exercises_.Get(by.principal, id);
    if (!view.ok()) return view.status();
    std::vector<std::pair<domain::ItemId, std::vector<UserId>>> out;
    for (const auto& inj : view->injects) {
      if (inj.item_id == 0) continue;
      const domain::ItemId item(inj.item_id);
      auto deliveries = sharing_.Deliveries(by.principal, item);
      if (!deliveries.ok()) return deliveries.status();
      std::vector<UserId> users;
      for (const auto& d : deliveries->rows) users.push_back(d.user_id);
      std::sort(users.begin(), users.end(), [](UserId a, UserId b) { return a.value < b.value; });
      out.emplace_back(item, std::move(users));
    }
    return out;
  }

  Status Play(std::vector<Step>& steps, const std::string& record) {
    std::sort(steps.begin(), steps.end());
    for (const auto& st : steps) {
      ctx_.clock.set(st.at);
      RENKEI_ASSIGN_OR_RETURN(auto who, Person(st.user));
      const Status done = st.kind == Step::Kind::kRead
                              ? sharing_.Get(*who, st.item).status()
                              : sharing_.Acknowledge(*who, st.item).status();
      RENKEI_RETURN_IF_ERROR(InRecord(done, file_, record));
    }
    return Status::Ok();
  }

  Result<const domain::Actor*> Person(UserId id) {
    auto it = people_.find(id.value);
    if (it != people_.end()) return &it->second;
    std::optional<domain::Principal> p;
    RENKEI_RETURN_IF_ERROR(ctx_.tx.Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(p, domain::LoadPrincipal(s, id));
      return Status::Ok();
    }));
    if (!p) return err::UserNotFound();
    return &people_.emplace(id.value, domain::Actor{std::move(*p), ""}).first->second;
  }

  Context& ctx_;
  const DemoFile& file_;
  domain::SharingService sharing_;
  domain::ExerciseService exercises_;
  std::map<std::int64_t, domain::Actor> people_;
};

}  // namespace

Result<int> LoadExercises(Context& ctx, const DemoFile& file) {
  return ExercisesLoader(ctx, file).Run();
}

}  // namespace renkei::app::demo
