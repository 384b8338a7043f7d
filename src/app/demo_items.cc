// Demo shared items (data/demo/items.json): six months of the platform's traffic — alerts,
// advisories and analyses from the national centre, the ministries, IPA, JPCERT/CC, the
// hubs and a vendor — published, revised and withdrawn through SharingService by their
// authors, and read (Get) and acknowledged (Acknowledge) by a seeded share of their
// recipients, each as that person, every step on a clock set to its instant. Requested
// actions falling due are reminded at their due time (RemindDue, as the mail worker does).
//
// Deterministic whatever the time of loading: an item is published `days_ago` days before
// the load day's start (00:00 JST) at a time of day, or `hours_ago` hours before the load;
// its recipients' steps happen only before its horizon (the load day's start, or the
// load), so each step keeps its distance from the item and the same steps happen every
// time. The demo accounts are not drawn: they read and acknowledge what is older than
// `settled_days` (leaving open the actions an item names them in `open_for`) and have read
// nothing newer (but what an item names them in `read_by`), so each of them lands on
// unread items and actions outstanding, some past due.
#include <algorithm>
#include <optional>
#include <queue>
#include <set>

#include "app/demo_load.h"
#include "core/error_codes.h"
#include "domain/auth/auth_service.h"
#include "domain/sharing/sharing_service.h"

namespace renkei::app::demo {
namespace {

constexpr Millis kMinute = 60'000;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;
constexpr Millis kJst = 9 * kHour;

// A delay drawn by weight from [from, to) minutes.
struct Delay {
  int weight = 0, from = 0, to = 0;
};

Millis Draw(const std::vector<Delay>& delays, Rng& rng) {
  int total = 0;
  for (const auto& d : delays) total += d.weight;
  int roll = rng.below(std::max(1, total));
  const std::uint64_t spread = rng.next();
  for (const auto& d : delays) {
    if (roll < d.weight)
      return (d.from +
              static_cast<int>(spread % static_cast<std::uint64_t>(std::max(1, d.to - d.from)))) *
             kMinute;
    roll -= d.weight;
  }
  return 0;
}

// How the recipients behave (the file's "recipients").
struct Behaviour {
  std::uint64_t seed = 0;
  int read_percent = 0, ack_percent = 0, reread_percent = 0;
  std::vector<Delay> read_after, ack_after;  // after publication; after reading
  int settled_days = 0;
};

// What a revision changes (absent: as before) and why.
struct Change {
  int after_hours = 0;
  std::string note;
  std::optional<std::string> title, body, action, detection, mitigation;
  std::optional<int> due_hours;
  std::optional<std::vector<std::string>> cve_ids, affected_products;
};

struct AudienceRefs {
  std::vector<std::string> sectors, hubs, organisations, organisations_of, roles, people;
};

struct ItemRecord {
  std::string key, by;
  Millis age = 0;          // before the horizon
  bool from_load = false;  // hours_ago: the horizon is the load, else the load day's start
  domain::NewItem item;    // without the audience's ids
  std::optional<int> due_hours;
  AudienceRefs audience;
  int read_percent = 0, ack_percent = 0;
  std::vector<std::string> open_for, read_by;
  // 決裁: who approved it (an organisation that requires approval, AMBER+STRICT or RED), at
  // its publication instant; none leaves it awaiting approval.
  std::string approved_by;
  std::vector<Change> revisions;
  std::optional<std::pair<int, std::string>> withdrawal;  // after hours, reason
  // A relay (展開) of the item keyed `relay_of`, `after_hours` after its publication, by
  // `by`, under the record's label to its audience, with `note` and its own action (the
  // content is the relayed item's).
  std::string relay_of, relay_note;
  int relay_after = 0;
};

struct ItemsFile {
  Behaviour behaviour;
  std::vector<ItemRecord> items;
};

std::vector<std::string> Strs(http::JsonObject& o, const char* name) {
  return o.Strings(name, false).value_or(std::vector<std::string>{});
}

Result<std::vector<Delay>> Delays(http::JsonObject& o, const char* name) {
  std::vector<Delay> out;
  for (auto& d : o.Objects(name, true).value_or(std::vector<http::JsonObject>{})) {
    Delay x;
    x.weight = static_cast<int>(d.Int("weight", true).value_or(0));
    auto minutes = d.Ints("minutes", true).value_or(std::vector<std::int64_t>{});
    RENKEI_RETURN_IF_ERROR(d.Finish());
    if (minutes.size() != 2 || minutes[0] < 0 || minutes[1] <= minutes[0])
      return err::InvalidValue("[from, to)").with_field(std::string(name) + ".minutes");
    x.from = static_cast<int>(minutes[0]);
    x.to = static_cast<int>(minutes[1]);
    out.push_back(x);
  }
  if (out.empty()) return err::Required().with_field(name);
  return out;
}

Status CheckPercent(int p, const std::string& field) {
  if (p < 0 || p > 100) return err::OutOfRange({.max = 100, .min = 0}).with_field(field);
  return Status::Ok();
}

// "HH:MM" as minutes after midnight.
std::optional<int> TimeOfDay(const std::string& s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

// Fills `c` from the content fields of `o` that are present (the publication's or a
// revision's).
void ReadContent(http::JsonObject& o, Change& c) {
  c.title = o.String("title", false);
  c.body = o.String("body", false);
  c.action = o.String("action", false);
  c.detection = o.String("detection", false);
  c.mitigation = o.String("mitigation", false);
  if (auto h = o.Int("due_hours", false)) c.due_hours = static_cast<int>(*h);
  c.cve_ids = o.Strings("cve_ids", false);
  c.affected_products = o.Strings("affected_products", false);
}

// `c` applied over `content`; a due time counts from the publication at `published`.
void Apply(const Change& c, Millis published, domain::ItemContent& content) {
  if (c.title) content.title = *c.title;
  if (c.body) content.body = *c.body;
  if (c.action) content.action_requested = *c.action;
  if (c.detection) content.detection = *c.detection;
  if (c.mitigation) content.mitigation = *c.mitigation;
  if (c.due_hours) content.action_due_at = published + *c.due_hours * kHour;
  if (c.cve_ids) content.cve_ids = *c.cve_ids;
  if (c.affected_products) content.affected_products = *c.affected_products;
}

Result<ItemRecord> ReadItem(http::JsonObject& o) {
  ItemRecord r;
  r.key = o.String("key", true).value_or("");
  r.by = o.String("by", true).value_or("");
  auto days = o.Int("days_ago", false);
  auto time = o.String("time", false);
  auto hours = o.Int("hours_ago", false);
  r.relay_of = o.String("relay_of", false).value_or("");
  const bool relay = !r.relay_of.empty();
  auto relay_after = o.Int("after_hours", false);
  r.relay_note = o.String("note", false).value_or("");
  r.item.kind = o.String("kind", !relay).value_or("");
  const std::string tlp = o.String("tlp", true).value_or("");
  r.item.is_public = o.Bool("public", false).value_or(false);
  r.item.urgent = o.Bool("urgent", false).value_or(false);
  r.item.mail_text = o.Bool("mail_text", false).value_or(false);
  Change first;
  ReadContent(o, first);
  r.due_hours = first.due_hours;
  if (auto a = o.Object("audience", true)) {
    r.audience = {Strs(*a, "sectors"),          Strs(*a, "hubs"),  Strs(*a, "organisations"),
                  Strs(*a, "organisations_of"), Strs(*a, "roles"), Strs(*a, "people")};
    RENKEI_RETURN_IF_ERROR(a->Finish());
  }
  auto read_percent = o.Int("read_percent", false);
  auto ack_percent = o.Int("ack_percent", false);
  r.read_percent = static_cast<int>(read_percent.value_or(-1));
  r.ack_percent = static_cast<int>(ack_percent.value_or(-1));
  r.open_for = Strs(o, "open_for");
  r.read_by = Strs(o, "read_by");
  r.approved_by = o.String("approved_by", false).value_or("");
  auto revisions = o.Objects("revisions", false).value_or(std::vector<http::JsonObject>{});
  for (auto& v : revisions) {
    Change c;
    c.after_hours = static_cast<int>(v.Int("after_hours", true).value_or(0));
    c.note = v.String("note", true).value_or("");
    ReadContent(v, c);
    RENKEI_RETURN_IF_ERROR(v.Finish());
    r.revisions.push_back(std::move(c));
  }
  if (auto w = o.Object("withdraw", false)) {
    r.withdrawal.emplace(static_cast<int>(w->Int("after_hours", true).value_or(0)),
                         w->String("reason", true).value_or(""));
    RENKEI_RETURN_IF_ERROR(w->Finish());
  }
  RENKEI_RETURN_IF_ERROR(o.Finish());

  auto parsed = domain::ParseTlp(tlp);
  if (!parsed) return err::InvalidValue("CLEAR, GREEN, AMBER, AMBER+STRICT, RED").with_field("tlp");
  r.item.tlp = *parsed;
  // The instant: days before the load day's start at a time of day, or hours before the load;
  // a relay's, hours after the item it relays (ReadItems, once that one is read).
  if (relay) {
    if (days || time || hours || !relay_after || *relay_after < 1)
      return err::InvalidValue("after_hours (at least 1) alone").with_field("after_hours");
    r.relay_after = static_cast<int>(*relay_after);
  } else if (relay_after) {
    return err::InvalidValue("relay_of with after_hours").with_field("after_hours");
  } else if (hours && !days && !time) {
    if (*hours < 0) return err::OutOfRange({.max = 24 * 366, .min = 0}).with_field("hours_ago");
    r.from_load = true;
    r.age = *hours * kHour;
  } else if (days && time && !hours) {
    auto minutes = TimeOfDay(*time);
    if (!minutes) return err::InvalidTime().with_field("time");
    if (*days < 1) return err::OutOfRange({.max = 366, .min = 1}).with_field("days_ago");
    r.age = *days * kDay - *minutes * kMinute;
  } else {
    return err::InvalidValue("days_ago and time, or hours_ago").with_field("days_ago");
  }
  Apply(first, 0, r.item.content);
  r.item.content.action_due_at.reset();  // set when the instant is known
  for (size_t i = 0; i < r.revisions.size(); ++i) {
    const int after = r.revisions[i].after_hours;
    if (after < 1 || after * kHour >= r.age || (i > 0 && after <= r.revisions[i - 1].after_hours))
      return err::OutOfRange({.max = r.age / kHour, .min = 1})
          .with_field("revisions[" + std::to_string(i) + "].after_hours");
  }
  if (r.withdrawal) {
    const int after = r.withdrawal->first;
    const int last = r.revisions.empty() ? 0 : r.revisions.back().after_hours;
    if (after <= last || after * kHour >= r.age)
      return err::OutOfRange({.max = r.age / kHour, .min = last + 1})
          .with_field("withdraw.after_hours");
  }
  // Absent (-1): the file's shares.
  if (r.read_percent != -1) RENKEI_RETURN_IF_ERROR(CheckPercent(r.read_percent, "read_percent"));
  if (r.ack_percent != -1) RENKEI_RETURN_IF_ERROR(CheckPercent(r.ack_percent, "ack_percent"));
  return r;
}

Result<ItemsFile> ReadItems(const DemoFile& file) {
  RENKEI_ASSIGN_OR_RETURN(auto top, ParseFile(file));
  ItemsFile f;
  std::string record;
  auto read = [&]() -> Status {
    (void)top.String("$comment", false);
    Behaviour& b = f.behaviour;
    if (auto r = top.Object("recipients", true)) {
      b.seed = static_cast<std::uint64_t>(r->Int("seed", true).value_or(0));
      b.read_percent = static_cast<int>(r->Int("read_percent", true).value_or(0));
      b.ack_percent = static_cast<int>(r->Int("ack_percent", true).value_or(0));
      b.reread_percent = static_cast<int>(r->Int("reread_percent", true).value_or(0));
      b.settled_days = static_cast<int>(r->Int("settled_days", true).value_or(0));
      RENKEI_ASSIGN_OR_RETURN(b.read_after, Delays(*r, "read_after"));
      RENKEI_ASSIGN_OR_RETURN(b.ack_after, Delays(*r, "ack_after"));
      RENKEI_RETURN_IF_ERROR(r->Finish());
      RENKEI_RETURN_IF_ERROR(CheckPercent(b.read_percent, "recipients.read_percent"));
      RENKEI_RETURN_IF_ERROR(CheckPercent(b.ack_percent, "recipients.ack_percent"));
      RENKEI_RETURN_IF_ERROR(CheckPercent(b.reread_percent, "recipients.reread_percent"));
    }
    auto items = top.Objects("items", true).value_or(std::vector<http::JsonObject>{});
    std::set<std::string> keys;
    for (size_t i = 0; i < items.size(); ++i) {
      record = "items[" + std::to_string(i) + "]";
      RENKEI_ASSIGN_OR_RETURN(auto r, ReadItem(items[i]));
      record += " (" + r.key + ")";
      if (!keys.insert(r.key).second) return err::Duplicate(r.key).with_field("key");
      if (!r.relay_of.empty()) {
        // Relays come after the item they relay, within its horizon.
        auto of = std::find_if(f.items.begin(), f.items.end(),
                               [&](const ItemRecord& x) { return x.key == r.relay_of; });
        if (of == f.items.end()) return err::DemoReference(r.relay_of).with_field("relay_of");
        r.from_load = of->from_load;
        r.age = of->age - r.relay_after * kHour;
        if (r.age <= 0)
          return err::OutOfRange({.max = of->age / kHour - 1, .min = 1}).with_field("after_hours");
      }
      if (r.read_percent < 0) r.read_percent = b.read_percent;
      if (r.ack_percent < 0) r.ack_percent = std::min(b.ack_percent, r.read_percent);
      // The acknowledging are some of the readers (a recipient's one draw decides both).
      if (r.ack_percent > r.read_percent)
        return err::OutOfRange({.max = r.read_percent, .min = 0}).with_field("ack_percent");
      f.items.push_back(std::move(r));
    }
    record.clear();
    return top.Finish();
  };
  RENKEI_RETURN_IF_ERROR(InRecord(read(), file, record));
  return f;
}

// FNV-1a: an item's own seed from its key, so one item's draws do not depend on the others.
std::uint64_t Fnv(const std::string& s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

// Loads the file's items in the order of their instants, with every recipient's step
// queued and run in time order between them.
class ItemsLoader {
 public:
  ItemsLoader(Context& ctx, const DemoFile& file, ItemsFile f)
      : ctx_(ctx), file_(file), f_(std::move(f)), sharing_(ctx.tx, ctx.clock) {
    const Millis day_start = (ctx.now + kJst) / kDay * kDay - kJst;
    for (auto& r : f_.items) {
      const Millis horizon = r.from_load ? ctx.now : day_start;
      State st;
      st.at = horizon - r.age;
      st.horizon = horizon;
      states_.push_back(std::move(st));
    }
  }

  Result<int> Run() {
    for (const auto& email : ctx_.demo_accounts) {
      RENKEI_ASSIGN_OR_RETURN(auto a, ctx_.As(email, file_, "demo account " + email));
      demo_ids_.insert(a.principal.user_id.value);
    }
    std::vector<size_t> order(f_.items.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return states_[a].at < states_[b].at; });
    for (size_t i : order) {
      RENKEI_RETURN_IF_ERROR(RunUntil(states_[i].at));
      RENKEI_RETURN_IF_ERROR(Publish(i));
    }
    RENKEI_RETURN_IF_ERROR(RunUntil(ctx_.now));
    // Actions that fell due by now were reminded back then.
    ctx_.clock.set(ctx_.now);
    RENKEI_RETURN_IF_ERROR(InRecord(sharing_.RemindDue().status(), file_, "reminders"));
    return static_cast<int>(f_.items.size());
  }

 private:
  struct State {
    Millis at = 0, horizon = 0;
    domain::ItemId id;
    domain::Actor author;
    domain::ItemContent content;  // as last published or revised
    bool withdrawn = false;
  };
  struct Step {
    enum class Kind { kRead, kAcknowledge, kRevise, kWithdraw };
    Millis at = 0;
    std::int64_t seq = 0;
    Kind kind = Kind::kRead;
    size_t item = 0;
    UserId user;
    size_t revision = 0;
    bool operator>(const Step& o) const { return std::tie(at, seq) > std::tie(o.at, o.seq); }
  };

  std::string Record(size_t i) const {
    return "items[" + std::to_string(i) + "] (" + f_.items[i].key + ")";
  }

  void Queue(Millis at, Step::Kind kind, size_t item, UserId user = {}, size_t revision = 0) {
    Step s;
    s.at = at;
    s.seq = ++seq_;
    s.kind = kind;
    s.item = item;
    s.user = user;
    s.revision = revision;
    steps_.push(s);
  }

  // Runs the queued steps and the reminders due up to `until`, oldest first.
  Status RunUntil(Millis until) {
    for (;;) {
      const bool step = !steps_.empty() && steps_.top().at <= until;
      const bool due = !dues_.empty() && dues_.top() <= until;
      if (!step && !due) return Status::Ok();
      if (due && (!step || dues_.top() <= steps_.top().at)) {
        ctx_.clock.set(dues_.top());
        dues_.pop();
        RENKEI_RETURN_IF_ERROR(InRecord(sharing_.RemindDue().status(), file_, "reminders"));
        continue;
      }
      Step s = steps_.top();
      steps_.pop();
      ctx_.clock.set(s.at);
      RENKEI_RETURN_IF_ERROR(InRecord(Execute(s), file_, Record(s.item)));
    }
  }

  Status Execute(const Step& s) {
    State& st = states_[s.item];
    switch (s.kind) {
      case Step::Kind::kRead: {
        RENKEI_ASSIGN_OR_RETURN(const domain::Actor* a, Person(s.user));
        return sharing_.Get(*a, st.id).status();
      }
      case Step::Kind::kAcknowledge: {
        if (st.withdrawn) return Status::Ok();  // nothing to do about a withdrawn item
        RENKEI_ASSIGN_OR_RETURN(const domain::Actor* a, Person(s.user));
        return sharing_.Acknowledge(*a, st.id).status();
      }
      case Step::Kind::kRevise: {
        const Change& c = f_.items[s.item].revisions[s.revision];
        Apply(c, st.at, st.content);
        if (st.content.action_due_at) Due(*st.content.action_due_at);
        return sharing_.Revise(st.author, st.id, st.content, c.note).status();
      }
      case Step::Kind::kWithdraw:
        st.withdrawn = true;
        return sharing_.Withdraw(st.author, st.id, f_.items[s.item].withdrawal->second).status();
    }
    return Status::Ok();
  }

  void Due(Millis at) {
    if (at <= ctx_.now) dues_.push(at);
  }

  // A recipient as a signed-in request would carry them (looked up once).
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

  Result<domain::Actor> ByEmail(const std::string& email, size_t i) {
    auto it = authors_.find(email);
    if (it != authors_.end()) return it->second;
    RENKEI_ASSIGN_OR_RETURN(auto a, ctx_.As(email, file_, Record(i)));
    return authors_.emplace(email, std::move(a)).first->second;
  }

  Result<domain::Audience> Resolve(const AudienceRefs& refs, size_t i) {
    domain::Audience a;
    a.sector_ids = refs.sectors;
    auto ref = [&](const auto& map, const std::string& key, auto& out) -> Status {
      auto it = map.find(key);
      if (it == map.end()) return InRecord(err::DemoReference(key), file_, Record(i));
      out.push_back(it->second);
      return Status::Ok();
    };
    for (const auto& code : refs.hubs) RENKEI_RETURN_IF_ERROR(ref(ctx_.hubs, code, a.hub_ids));
    for (const auto& key : refs.organisations)
      RENKEI_RETURN_IF_ERROR(ref(ctx_.orgs, key, a.org_ids));
    for (const auto& email : refs.organisations_of) {
      RENKEI_ASSIGN_OR_RETURN(auto p, ByEmail(email, i));
      a.org_ids.push_back(p.principal.org_id);
    }
    for (const auto& email : refs.people) {
      RENKEI_ASSIGN_OR_RETURN(auto p, ByEmail(email, i));
      a.user_ids.push_back(p.principal.user_id);
    }
    for (size_t r = 0; r < refs.roles.size(); ++r) {
      auto role = domain::ParseRole(refs.roles[r]);
      if (!role)
        return InRecord(err::InvalidValue(domain::RoleNameList())
                            .with_field("audience.roles[" + std::to_string(r) + "]"),
                        file_, Record(i));
      a.roles.push_back(*role);
    }
    return a;
  }

  // Publishes item `i` as its author, then queues its revisions, its withdrawal and its
  // recipients' reads and acknowledgements.
  Status Publish(size_t i) {
    const ItemRecord& r = f_.items[i];
    State& st = states_[i];
    ctx_.clock.set(st.at);
    RENKEI_ASSIGN_OR_RETURN(st.author, ByEmail(r.by, i));
    domain::NewItem in = r.item;
    RENKEI_ASSIGN_OR_RETURN(in.audience, Resolve(r.audience, i));
    if (r.due_hours) in.content.action_due_at = st.at + *r.due_hours * kHour;
    if (!r.relay_of.empty()) {
      size_t of = 0;
      while (f_.items[of].key != r.relay_of) ++of;
      domain::RelayInput relay;
      relay.tlp = in.tlp;
      relay.audience = in.audience;
      relay.note = r.relay_note;
      relay.action_requested = in.content.action_requested;
      relay.action_due_at = in.content.action_due_at;
      auto relayed = sharing_.Relay(st.author, states_[of].id, relay);
      if (!relayed.ok()) return InRecord(relayed.status(), file_, Record(i));
      st.id = relayed->view.item.id;
      st.content = relayed->view.item.content;
    } else {
      auto published = sharing_.Publish(st.author, in);
      if (!published.ok()) return InRecord(published.status(), file_, Record(i));
      st.id = published->view.item.id;
      if (published->view.item.state == domain::ItemState::kPendingApproval) {
        // 決裁待ち: it waits for its approver, or stays waiting (and reaches nobody).
        if (r.approved_by.empty()) return Status::Ok();
        RENKEI_ASSIGN_OR_RETURN(auto approver, ByEmail(r.approved_by, i));
        auto approved = sharing_.Approve(approver, st.id);
        if (!approved.ok()) return InRecord(approved.status(), file_, Record(i));
      }
      st.content = in.content;
    }
    if (st.content.action_due_at) Due(*st.content.action_due_at);
    for (size_t v = 0; v < r.revisions.size(); ++v) {
      Queue(st.at + r.revisions[v].after_hours * kHour, Step::Kind::kRevise, i, UserId(), v);
    }
    if (r.withdrawal) Queue(st.at + r.withdrawal->first * kHour, Step::Kind::kWithdraw, i);

    auto deliveries = sharing_.Deliveries(st.author.principal, st.id);
    if (!deliveries.ok()) return InRecord(deliveries.status(), file_, Record(i));
    std::vector<UserId> recipients;
    for (const auto& d : deliveries->rows) recipients.push_back(d.user_id);
    std::sort(recipients.begin(), recipients.end(),
              [](UserId a, UserId b) { return a.value < b.value; });
    std::set<std::int64_t> open_for, read_by;
    for (const auto* list : {&r.open_for, &r.read_by}) {
      for (const auto& email : *list) {
        RENKEI_ASSIGN_OR_RETURN(auto p, ByEmail(email, i));
        (list == &r.open_for ? open_for : read_by).insert(p.principal.user_id.value);
      }
    }
    const bool action = !in.content.action_requested.empty();
    const bool settled = r.age > f_.behaviour.settled_days * kDay;
    Rng rng(f_.behaviour.seed ^ Fnv(r.key));
    for (UserId user : recipients) {
      // The same draws for everyone, so a demo account's rule changes no one else's.
      const int roll = rng.below(100);
      Millis read_at = st.at + Draw(f_.behaviour.read_after, rng);
      const Millis ack_at = read_at + Draw(f_.behaviour.ack_after, rng);
      const int reread = rng.below(100);
      bool reads = roll < r.read_percent, acks = action && roll < r.ack_percent;
      if (demo_ids_.count(user.value)) {
        reads = settled || read_by.count(user.value);
        acks = action && settled && !open_for.count(user.value);
        if (reads && read_at >= st.horizon) read_at = st.at + (st.horizon - st.at) / 2;
      }
      if (!reads || read_at >= st.horizon) continue;
      Queue(read_at, Step::Kind::kRead, i, user);
      const Millis acked_at = std::max(read_at + kMinute, ack_at);
      if (acks && acked_at < st.horizon) Queue(acked_at, Step::Kind::kAcknowledge, i, user);
      // Readers of an item that was revised after they read it come back to it (the demo
      // accounts do not: they find it updated).
      if (demo_ids_.count(user.value) || reread >= f_.behaviour.reread_percent) continue;
      for (const auto& c : r.revisions) {
        const Millis revised = st.at + c.after_hours * kHour;
        const Millis back = revised + (read_at - st.at);
        if (read_at >= revised || back >= st.horizon) continue;
        Queue(back, Step::Kind::kRead, i, user);
        const bool asked_again = c.action || c.due_hours;
        if (acks && asked_again && back + (ack_at - read_at) < st.horizon)
          Queue(back + (ack_at - read_at), Step::Kind::kAcknowledge, i, user);
      }
    }
    return Status::Ok();
  }

  Context& ctx_;
  const DemoFile& file_;
  ItemsFile f_;
  domain::SharingService sharing_;
  std::vector<State> states_;
  std::set<std::int64_t> demo_ids_;
  std::map<std::int64_t, domain::Actor> people_;
  std::map<std::string, domain::Actor> authors_;
  std::priority_queue<Step, std::vector<Step>, std::greater<Step>> steps_;
  std::priority_queue<Millis, std::vector<Millis>, std::greater<Millis>> dues_;
  std::int64_t seq_ = 0;
};

}  // namespace

Result<int> LoadItems(Context& ctx, const DemoFile& file) {
  RENKEI_ASSIGN_OR_RETURN(auto f, ReadItems(file));
  return ItemsLoader(ctx, file, std::move(f)).Run();
}

}  // namespace renkei::app::demo
