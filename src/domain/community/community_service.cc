#include "domain/community/community_service.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <unordered_map>

#include "core/error_codes.h"
#include "core/text.h"
#include "core/time_format.h"
#include "domain/audit/audit.h"
#include "domain/directory/directory_store.h"
#include "domain/validation.h"

namespace renkei::domain {

namespace {

constexpr size_t kMaxTitle = 200;
constexpr size_t kMaxBody = 10000;
constexpr size_t kMaxShort = 500;
constexpr const char* kTargetKinds[] = {"expert", "scheme"};

Status CheckPrefecture(int pref, const std::string& field, bool allow_zero) {
  if ((allow_zero && pref == 0) || (pref >= 1 && pref <= 47)) return Status::Ok();
  return err::OutOfRange({.max = 47, .min = allow_zero ? 0 : 1}).with_field(field);
}

const char* RegionOf(int pref) {
  return pref >= 1 && pref <= 47 ? kPrefectures[pref - 1].region : "";
}

Status CheckPractices(const Practices& p) {
  RENKEI_RETURN_IF_ERROR(CheckText(p.purpose, "purpose", kMaxBody, false, true));
  RENKEI_RETURN_IF_ERROR(CheckText(p.activities, "activities", kMaxBody, false, true));
  RENKEI_RETURN_IF_ERROR(CheckText(p.frequency, "frequency", kMaxShort, false));
  RENKEI_RETURN_IF_ERROR(CheckText(p.what_worked, "what_worked", kMaxBody, false, true));
  return CheckText(p.open_issues, "open_issues", kMaxBody, false, true);
}

// Specialities and prefectures of an expert or scheme.
Status CheckCoverage(const std::vector<std::string>& specialities, const std::vector<int>& prefs) {
  if (specialities.empty()) return err::Required().with_field("specialities");
  if (specialities.size() > 20) return err::TooMany(20).with_field("specialities");
  for (const auto& s : specialities)
    RENKEI_RETURN_IF_ERROR(CheckOneOf(s, "specialities", kSpecialities));
  if (prefs.empty()) return err::Required().with_field("prefectures");
  for (int p : prefs) RENKEI_RETURN_IF_ERROR(CheckPrefecture(p, "prefectures", true));
  return Status::Ok();
}

// The character bigrams of a folded text, spaces left out, each as two code points packed in
// one integer; sorted and unique, so two texts' shared bigrams are one merge.
std::vector<std::uint64_t> BigramKeys(const std::string& folded) {
  std::vector<std::uint64_t> out;
  std::uint64_t prev = 0;
  bool have_prev = false;
  for (size_t i = 0; i < folded.size();) {
    const unsigned char c = static_cast<unsigned char>(folded[i]);
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    std::uint64_t cp = 0;
    for (size_t k = 0; k < n && i + k < folded.size(); ++k)
      cp = (cp << 8) | static_cast<unsigned char>(folded[i + k]);
    i += n;
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xE38080) continue;
    if (have_prev) out.push_back((prev << 32) | cp);
    prev = cp;
    have_prev = true;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double Dice(const std::vector<std::uint64_t>& x, const std::vector<std::uint64_t>& y) {
  if (x.empty() || y.empty()) return 0;
  size_t shared = 0;
  for (size_t i = 0, j = 0; i < x.size() && j < y.size();) {
    if (x[i] < y[j]) {
      ++i;
    } else if (y[j] < x[i]) {
      ++j;
    } else {
      ++shared, ++i, ++j;
    }
  }
  return 2.0 * static_cast<double>(shared) / static_cast<double>(x.size() + y.size());
}

bool Agreed(const Introduction& i) { return i.need_agreed && i.seed_agreed; }

// What a change wrote, read back through the caller's own visible read (as the caller sees
// it): absent would be a bug, since the change just wrote it.
template <typename T>
Status ReadBack(Result<std::optional<T>> got, T& out) {
  if (!got.ok()) return got.status();
  if (!*got) return err::Internal().with_note("a row just written is not visible to its writer");
  out = std::move(**got);
  return Status::Ok();
}

}  // namespace

CommunityViewer CommunityViewerOf(const Principal* p) {
  if (!p) return {};
  return {p->user_id, p->org_id};
}

double BigramSimilarity(const std::string& a, const std::string& b) {
  return Dice(BigramKeys(FoldForSearch(a)), BigramKeys(FoldForSearch(b)));
}

OfferMatch ScoreMatch(const Offer& offer, const Offer& candidate) {
  OfferMatch m;
  m.offer = candidate;
  for (const auto& t : offer.tags) {
    const std::string ft = FoldForSearch(t);
    for (const auto& u : candidate.tags) {
      if (FoldForSearch(u) == ft) {
        m.shared_tags.push_back(t);
        break;
      }
    }
  }
  m.same_sector = !offer.sector.empty() && offer.sector == candidate.sector;
  m.same_prefecture = offer.prefecture != 0 && offer.prefecture == candidate.prefecture;
  m.same_region = !m.same_prefecture && offer.prefecture != 0 && candidate.prefecture != 0 &&
                  std::string(RegionOf(offer.prefecture)) == RegionOf(candidate.prefecture);
  m.text_similarity =
      BigramSimilarity(offer.title + " " + offer.body, candidate.title + " " + candidate.body);
  m.score = 3.0 * static_cast<double>(m.shared_tags.size()) + (m.same_sector ? 2 : 0) +
            (m.same_prefecture ? 2
             : m.same_region   ? 1
                               : 0) +
            5.0 * m.text_similarity;
  return m;
}

// ---- communities ----------------------------------------------------------------------

Result<CommunityDetail> CommunityService::DetailOf(Stores& s, const Principal* p, CommunityId id) {
  RENKEI_ASSIGN_OR_RETURN(auto c, s.community.GetCommunity(id, clock_.now_ms()));
  if (!c) return err::CommunityNotFound();
  CommunityDetail d;
  d.community = std::move(*c);
  RENKEI_ASSIGN_OR_RETURN(d.members, s.community.Members(id));
  if (p && p->org_id.valid()) {
    d.is_secretariat = d.community.secretariat_org_id == p->org_id;
    RENKEI_ASSIGN_OR_RETURN(d.is_member, s.community.IsMemberOrSecretariat(id, p->org_id));
  }
  return d;
}

Status CommunityService::CheckSecretariat(Stores& s, const Principal& p, CommunityId id) {
  RENKEI_ASSIGN_OR_RETURN(auto c, s.community.GetCommunity(id, clock_.now_ms()));
  if (!c) return err::CommunityNotFound();
  if (c->secretariat_org_id != p.org_id) return err::CommunitySecretariatOnly();
  return Status::Ok();
}

Result<std::vector<Community>> CommunityService::List(int prefecture, const std::string& q) {
  RENKEI_RETURN_IF_ERROR(CheckPrefecture(prefecture, "prefecture", true));
  RENKEI_RETURN_IF_ERROR(CheckText(q, "q", kMaxTitle, false));
  std::vector<Community> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(
        out, s.community.ListCommunities(prefecture, FoldForSearch(q), clock_.now_ms()));
    return Status::Ok();
  }));
  return out;
}

Result<CommunityDetail> CommunityService::Get(const Principal* p, CommunityId id) {
  CommunityDetail d;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(d, DetailOf(s, p, id));
    return Status::Ok();
  }));
  return d;
}

Result<ApproachAdvice> CommunityService::Approach(int prefecture) {
  RENKEI_RETURN_IF_ERROR(CheckPrefecture(prefecture, "prefecture", false));
  ApproachAdvice a;
  a.prefecture = prefecture;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto all, s.community.ListCommunities(0, "", clock_.now_ms()));
    OrgFilter f;
    f.prefecture = prefecture;
    f.active = true;
    f.limit = 200;
    RENKEI_ASSIGN_OR_RETURN(auto page, s.directory.ListOrganisations(f));
    a.bodies = std::move(page.items);
    std::vector<Community> others;
    for (auto& c : all) (c.prefecture == prefecture ? a.communities_here : others).push_back(c);
    const std::string region = RegionOf(prefecture);
    std::stable_sort(others.begin(), others.end(), [&](const Community& x, const Community& y) {
      const bool rx = region == RegionOf(x.prefecture), ry = region == RegionOf(y.prefecture);
      if (rx != ry) return rx;
      return std::abs(x.prefecture - prefecture) < std::abs(y.prefecture - prefecture);
    });
    if (others.size() > 5) others.resize(5);
    a.nearest = std::move(others);
    return Status::Ok();
  }));
  return a;
}

Result<CommunityDetail> CommunityService::Create(const Actor& actor, const NewCommunity& in) {
  const Principal& p = actor.principal;
  RENKEI_RETURN_IF_ERROR(CheckPrefecture(in.prefecture, "prefecture", false));
  RENKEI_RETURN_IF_ERROR(CheckText(in.name_ja, "name_ja", kMaxTitle, true));
  RENKEI_RETURN_IF_ERROR(CheckText(in.name_en, "name_en", kMaxTitle, false));
  RENKEI_RETURN_IF_ERROR(CheckPractices(in.practices));
  CommunityDetail d;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    OrgId secretariat = p.org_id;
    if (p.is_admin()) {
      if (!in.secretariat) return err::Required().with_field("secretariat_org_id");
      secretariat = *in.secretariat;
    } else {
      RENKEI_ASSIGN_OR_RETURN(auto own, s.directory.GetOrganisation(p.org_id));
      if (!own || !own->active || (own->kind != "local_government" && own->kind != "ministry"))
        return err::CommunityCreateNotAllowed();
      if (in.secretariat && *in.secretariat != p.org_id)
        return err::CommunityCreateNotAllowed().with_field("secretariat_org_id");
      if (own->kind == "local_government" && own->prefecture != in.prefecture)
        return err::CommunityOwnPrefectureOnly().with_field("prefecture");
    }
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(secretariat));
    if (!org || !org->active) return err::CommunityOrgNotFound().with_field("secretariat_org_id");
    Community c;
    c.prefecture = in.prefecture;
    c.name_ja = in.name_ja;
    c.name_en = in.name_en;
    c.secretariat_org_id = secretariat;
    c.practices = in.practices;
    c.created_at = c.updated_at = clock_.now_ms();
    RENKEI_ASSIGN_OR_RETURN(auto id, s.community.CreateCommunity(c, p.user_id));
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(actor, c.created_at, "community.create", "community", id.value)));
    RENKEI_ASSIGN_OR_RETURN(d, DetailOf(s, &p, id));
    return Status::Ok();
  }));
  return d;
}

Result<CommunityDetail> CommunityService::SetPractices(const Actor& actor, CommunityId id,
                                                       const Practices& in) {
  RENKEI_RETURN_IF_ERROR(CheckPractices(in));
  CommunityDetail d;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(CheckSecretariat(s, actor.principal, id));
    const Millis now = clock_.now_ms();
    RENKEI_RETURN_IF_ERROR(s.community.UpdatePractices(id, in, now));
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(actor, now, "community.practices", "community", id.value)));
    RENKEI_ASSIGN_OR_RETURN(d, DetailOf(s, &actor.principal, id));
    return Status::Ok();
  }));
  return d;
}

Result<CommunityDetail> CommunityService::AddMember(const Actor& actor, CommunityId id, OrgId org,
                                                    const std::string& kind) {
  RENKEI_RETURN_IF_ERROR(CheckOneOf(kind, "kind", kCommunityMemberKinds));
  CommunityDetail d;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(CheckSecretariat(s, actor.principal, id));
    RENKEI_ASSIGN_OR_RETURN(auto o, s.directory.GetOrganisation(org));
    if (!o || !o->active) return err::CommunityOrgNotFound().with_field("org_id");
    const Millis now = clock_.now_ms();
    RENKEI_ASSIGN_OR_RETURN(bool added, s.community.AddMember(id, org, kind, now));
    if (!added) return err::CommunityMemberExists().with_field("org_id");
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(actor, now, "community.member_add", "community", id.value,
                               AuditFields{{"org_id", org.value}, {"kind", kind}})));
    RENKEI_ASSIGN_OR_RETURN(d, DetailOf(s, &actor.principal, id));
    return Status::Ok();
  }));
  return d;
}

Result<CommunityDetail> CommunityService::RemoveMember(const Actor& actor, CommunityId id,
                                                       OrgId org) {
  CommunityDetail d;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(CheckSecretariat(s, actor.principal, id));
    RENKEI_ASSIGN_OR_RETURN(bool removed, s.community.RemoveMember(id, org));
    if (!removed) return err::CommunityNotMember().with_field("org_id");
    const Millis now = clock_.now_ms();
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(actor, now, "community.member_remove", "community", id.value,
                               AuditFields{{"org_id", org.value}})));
    RENKEI_ASSIGN_OR_RETURN(d, DetailOf(s, &actor.principal, id));
    return Status::Ok();
  }));
  return d;
}

// ---- the board ------------------------------------------------------------------------

Result<std::vector<CommunityPost>> CommunityService::Posts(const Principal* p, CommunityId id) {
  std::vector<CommunityPost> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto c, s.community.GetCommunity(id, clock_.now_ms()));
    if (!c) return err::CommunityNotFound();
    RENKEI_ASSIGN_OR_RETURN(out, s.community.Posts(CommunityViewerOf(p), id, 200));
    return FillFiles(s, p, id, out);
  }));
  return out;
}

Result<CommunityPost> CommunityService::GetPost(const Principal* p, std::int64_t id) {
  CommunityPost out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto post, s.community.GetPost(CommunityViewerOf(p), id));
    if (!post) return err::CommunityPostNotFound();
    std::vector<CommunityPost> one{std::move(*post)};
    RENKEI_RETURN_IF_ERROR(FillFiles(s, p, one.front().community_id, one));
    out = std::move(one.front());
    return Status::Ok();
  }));
  return out;
}

Status CommunityService::FillFiles(Stores& s, const Principal* p, CommunityId id,
                                   std::vector<CommunityPost>& posts) {
  RENKEI_ASSIGN_OR_RETURN(auto files, s.community.PostFiles(CommunityViewerOf(p), id));
  for (auto& [post, file] : files)
    for (auto& x : posts)
      if (x.id == post) x.files.push_back(file);
  return Status::Ok();
}

Result<Attachment> CommunityService::GetPostFile(const Principal* p, AttachmentId id) {
  std::optional<Attachment> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.community.GetPostFile(CommunityViewerOf(p), id));
    if (!out) return err::AttachmentNotFound();
    return Status::Ok();
  }));
  return std::move(*out);
}

Result<Attachment> CommunityService::AttachToPost(const Actor& actor, std::int64_t post_id,
                                                  std::string filename, std::string content_type,
                                                  std::string data) {
  const Principal& p = actor.principal;
  Attachment a;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto post, s.community.GetPost(CommunityViewerOf(&p), post_id));
    if (!post) return err::CommunityPostNotFound();
    RENKEI_ASSIGN_OR_RETURN(auto c, s.community.GetCommunity(post->community_id, clock_.now_ms()));
    if (!c) return err::CommunityNotFound();
    if (post->author_id != p.user_id && c->secretariat_org_id != p.org_id)
      return err::CommunityPostAuthorOnly();
    const Millis now = clock_.now_ms();
    RENKEI_ASSIGN_OR_RETURN(auto existing, s.community.CountPostFiles(post_id));
    RENKEI_ASSIGN_OR_RETURN(
        a, NewAttachment(std::move(filename), std::move(content_type), std::move(data),
                         static_cast<size_t>(existing), p.user_id, now));
    RENKEI_ASSIGN_OR_RETURN(a.id, s.community.AddPostFile(post_id, a));
    return s.audit.Append(AuditOf(actor, now, "community.post_attach", "community",
                                  post->community_id.value,
                                  {{"post_id", post_id}, {"attachment_id", a.id.value}}));
  }));
  a.data.clear();
  return a;
}

Result<CommunityPost> CommunityService::Post(const Actor& actor, CommunityId id,
                                             const std::string& visibility,
                                             const std::string& title, const std::string& body) {
  const Principal& p = actor.principal;
  RENKEI_RETURN_IF_ERROR(CheckOneOf(visibility, "visibility", kPostVisibilities));
  RENKEI_RETURN_IF_ERROR(CheckText(title, "title", kMaxTitle, true));
  RENKEI_RETURN_IF_ERROR(CheckText(body, "body", kMaxBody, true, true));
  CommunityPost out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto d, DetailOf(s, &p, id));
    if (!d.is_member) return err::CommunityMembersOnly();
    if (visibility == "secretariat" && !d.is_secretariat)
      return err::CommunityMembersOnly().with_field("visibility");
    CommunityPost post;
    post.community_id = id;
    post.author_id = p.user_id;
    post.visibility = visibility;
    post.title = title;
    post.body = body;
    post.created_at = clock_.now_ms();
    RENKEI_ASSIGN_OR_RETURN(auto pid, s.community.AddPost(post, p.org_id));
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(actor, post.created_at, "community.post", "community", id.value,
                               AuditFields{{"post_id", pid}, {"visibility", visibility}})));
    return ReadBack(s.community.GetPost(CommunityViewerOf(&p), pid), out);
  }));
  return out;
}

// ---- events ---------------------------------------------------------------------------

Result<std::vector<CommunityEvent>> CommunityService::Events(const Principal* p,
                                                             std::optional<CommunityId> community,
                                                             int prefecture, bool upcoming,
                                                             const std::string& q) {
  RENKEI_RETURN_IF_ERROR(CheckPrefecture(prefecture, "prefecture", true));
  RENKEI_RETURN_IF_ERROR(CheckText(q, "q", kMaxTitle, false));
  std::vector<CommunityEvent> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(
        out, s.community.Events(CommunityViewerOf(p), community, prefecture, upcoming,
                                clock_.now_ms(), 200, FoldForSearch(q)));
    return Status::Ok();
  }));
  return out;
}

Result<CommunityEvent> CommunityService::GetEvent(const Principal* p, std::int64_t id) {
  CommunityEvent out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto e, s.community.GetEvent(CommunityViewerOf(p), id));
    if (!e) return err::CommunityEventNotFound();
    out = std::move(*e);
    return Status::Ok();
  }));
  return out;
}

Result<CommunityEvent> CommunityService::CreateEvent(const Actor& actor, CommunityId id,
                                                     const NewEvent& in) {
  RENKEI_RETURN_IF_ERROR(CheckText(in.title, "title", kMaxTitle, true));
  RENKEI_RETURN_IF_ERROR(CheckText(in.body, "body", kMaxBody, false, true));
  RENKEI_RETURN_IF_ERROR(CheckText(in.place, "place", kMaxShort, false));
  if (in.capacity < 1 || in.capacity > 100000)
    return err::OutOfRange({.max = 100000, .min = 1}).with_field("capacity");
  const Millis now = clock_.now_ms();
  if (in.starts_at <= now) return err::CommunityEventTimes().with_field("starts_at");
  if (in.ends_at <= in.starts_at) return err::CommunityEventTimes().with_field("ends_at");
  CommunityEvent out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(CheckSecretariat(s, actor.principal, id));
    CommunityEvent e;
    e.community_id = id;
    e.title = in.title;
    e.body = in.body;
    e.place = in.place;
    e.starts_at = in.starts_at;
    e.ends_at = in.ends_at;
    e.capacity = in.capacity;
    RENKEI_ASSIGN_OR_RETURN(auto eid, s.community.CreateEvent(e, actor.principal.user_id, now));
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(actor, now, "community.event_create", "community_event", eid)));
    return ReadBack(s.community.GetEvent(CommunityViewerOf(&actor.principal), eid), out);
  }));
  return out;
}

Result<CommunityEvent> CommunityService::Register(const Actor& actor, std::int64_t event) {
  CommunityEvent out;
  const CommunityViewer v = CommunityViewerOf(&actor.principal);
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto e, s.community.GetEvent(v, event));
    if (!e) return err::CommunityEventNotFound();
    const Millis now = clock_.now_ms();
    if (e->starts_at <= now) return err::CommunityEventPast();
    if (e->registered_me) return err::CommunityAlreadyRegistered();
    // The registration row first (its primary key refuses a second one even under a race),
    // then the seat (a conditional UPDATE that waits for a concurrent taker's commit).
    RENKEI_ASSIGN_OR_RETURN(bool added, s.community.AddRegistration(event, v.user_id, now));
    if (!added) return err::CommunityAlreadyRegistered();
    RENKEI_ASSIGN_OR_RETURN(bool seat, s.community.TakeSeat(event));
    if (!seat) return err::CommunityEventFull();
    // The reminder, a day before the start; dropped at send time if the person cancelled.
    OutboxRow row;
    row.subject_kind = kEventSubject;
    row.subject_id = event;
    row.kind = kMailEventReminder;
    row.user_id = v.user_id;
    row.created_at = now;
    row.not_before = std::max(now, e->starts_at - kEventReminderLead);
    RENKEI_RETURN_IF_ERROR(s.outbox.Enqueue(row).status());
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(actor, now, "community.register", "community_event", event)));
    return ReadBack(s.community.GetEvent(v, event), out);
  }));
  return out;
}

Result<CommunityEvent> CommunityService::Unregister(const Actor& actor, std::int64_t event) {
  CommunityEvent out;
  const CommunityViewer v = CommunityViewerOf(&actor.principal);
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto e, s.community.GetEvent(v, event));
    if (!e) return err::CommunityEventNotFound();
    const Millis now = clock_.now_ms();
    if (e->starts_at <= now) return err::CommunityEventPast();
    RENKEI_ASSIGN_OR_RETURN(bool removed, s.community.RemoveRegistration(event, v.user_id));
    if (!removed) return err::CommunityNotRegistered();
    RENKEI_RETURN_IF_ERROR(s.community.ReleaseSeat(event));
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(actor, now, "community.unregister", "community_event", event)));
    return ReadBack(s.community.GetEvent(v, event), out);
  }));
  return out;
}

Result<std::vector<Registration>> CommunityService::Registrations(const Principal& p,
                                                                  std::int64_t event) {
  std::vector<Registration> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto e, s.community.GetEvent(CommunityViewerOf(&p), event));
    if (!e) return err::CommunityEventNotFound();
    RENKEI_RETURN_IF_ERROR(CheckSecretariat(s, p, e->community_id));
    RENKEI_ASSIGN_OR_RETURN(out, s.community.Registrations(event));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Registration>> CommunityService::MarkAttended(const Actor& actor,
                                                                 std::int64_t event, UserId user,
                                                                 bool attended) {
  std::vector<Registration> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto e,
                            s.community.GetEvent(CommunityViewerOf(&actor.principal), event));
    if (!e) return err::CommunityEventNotFound();
    RENKEI_RETURN_IF_ERROR(CheckSecretariat(s, actor.principal, e->community_id));
    RENKEI_ASSIGN_OR_RETURN(bool found, s.community.MarkAttended(event, user, attended));
    if (!found) return err::CommunityNotRegistered().with_field("user_id");
    RENKEI_RETURN_IF_ERROR(s.audit.Append(
        AuditOf(actor, clock_.now_ms(), "community.attendance", "community_event", event,
                AuditFields{{"user_id", user.value}, {"attended", attended}})));
    RENKEI_ASSIGN_OR_RETURN(out, s.community.Registrations(event));
    return Status::Ok();
  }));
  return out;
}

Result<CommunityEvent> CommunityService::SetMaterials(const Actor& actor, std::int64_t event,
                                                      const std::string& materials) {
  RENKEI_RETURN_IF_ERROR(CheckText(materials, "materials", kMaxBody, false, true));
  CommunityEvent out;
  const CommunityViewer v = CommunityViewerOf(&actor.principal);
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto e, s.community.GetEvent(v, event));
    if (!e) return err::CommunityEventNotFound();
    RENKEI_RETURN_IF_ERROR(CheckSecretariat(s, actor.principal, e->community_id));
    RENKEI_RETURN_IF_ERROR(s.community.SetMaterials(event, materials));
    RENKEI_RETURN_IF_ERROR(s.audit.Append(
        AuditOf(actor, clock_.now_ms(), "community.materials", "community_event", event)));
    return ReadBack(s.community.GetEvent(v, event), out);
  }));
  return out;
}

Result<CommunityEvent> CommunityService::Feedback(const Actor& actor, std::int64_t event,
                                                  int rating, const std::string& comment) {
  if (rating < 1 || rating > 5) return err::OutOfRange({.max = 5, .min = 1}).with_field("rating");
  RENKEI_RETURN_IF_ERROR(CheckText(comment, "comment", kMaxBody, false, true));
  CommunityEvent out;
  const CommunityViewer v = CommunityViewerOf(&actor.principal);
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto e, s.community.GetEvent(v, event));
    if (!e) return err::CommunityEventNotFound();
    const Millis now = clock_.now_ms();
    if (e->starts_at > now) return err::CommunityEventNotHeld();
    if (!e->attended_me) return err::CommunityNotAttended();
    if (e->feedback_me) return err::CommunityFeedbackTwice();
    RENKEI_ASSIGN_OR_RETURN(bool saved,
                            s.community.SetFeedback(event, v.user_id, rating, Trim(comment), now));
    if (!saved) return err::CommunityFeedbackTwice();
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(actor, now, "community.feedback", "community_event", event,
                               AuditFields{{"rating", std::int64_t{rating}}})));
    return ReadBack(s.community.GetEvent(v, event), out);
  }));
  return out;
}

// ---- the map and what the caller may start ---------------------------------------------

Result<CommunityMap> CommunityService::Map(const Principal* p) {
  CommunityMap out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.community.MapCounts(clock_.now_ms()));
    return Status::Ok();
  }));
  // Needs are for signed-in people (kOfferVisible): the anonymous map has no count of them.
  if (!p)
    for (auto& c : out.cells) c.open_needs.reset();
  return out;
}

// ---- experts, schemes, requests -------------------------------------------------------

namespace {
Status CheckLister(Stores& s, const Principal& p) {
  if (p.is_admin()) return Status::Ok();
  RENKEI_ASSIGN_OR_RETURN(auto own, s.directory.GetOrganisation(p.org_id));
  if (own && own->active && (own->kind == "ministry" || own->kind == "local_government"))
    return Status::Ok();
  RENKEI_ASSIGN_OR_RETURN(auto all, s.community.ListCommunities(0, "", 0));
  for (const auto& c : all)
    if (c.secretariat_org_id == p.org_id) return Status::Ok();
  return err::CommunityListNotAllowed();
}

Status CheckFilter(const ExpertFilter& f) {
  RENKEI_RETURN_IF_ERROR(CheckPrefecture(f.prefecture, "prefecture", true));
  if (!f.speciality.empty())
    RENKEI_RETURN_IF_ERROR(CheckOneOf(f.speciality, "speciality", kSpecialities));
  return CheckText(f.q, "q", kMaxTitle, false);
}
}  // namespace

Result<CommunityRights> CommunityService::Rights(const Principal& p) {
  CommunityRights r;
  r.is_admin = p.is_admin();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto own, s.directory.GetOrganisation(p.org_id));
    // The same conditions as Create.
    if (p.is_admin() || (own && own->active && own->kind == "ministry")) {
      for (int i = 1; i <= 47; ++i) r.prefectures.push_back(i);
    } else if (own && own->active && own->kind == "local_government" && own->prefecture >= 1 &&
               own->prefecture <= 47) {
      r.prefectures.push_back(own->prefecture);
    }
    r.can_create = !r.prefectures.empty();
    r.can_list = CheckLister(s, p).ok();
    return Status::Ok();
  }));
  return r;
}

Result<std::vector<Expert>> CommunityService::SearchExperts(const ExpertFilter& in) {
  RENKEI_RETURN_IF_ERROR(CheckFilter(in));
  ExpertFilter f = in;
  f.q = FoldForSearch(in.q);
  std::vector<Expert> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.community.SearchExperts(f));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Scheme>> CommunityService::SearchSchemes(const ExpertFilter& in) {
  RENKEI_RETURN_IF_ERROR(CheckFilter(in));
  ExpertFilter f = in;
  f.q = FoldForSearch(in.q);
  std::vector<Scheme> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.community.SearchSchemes(f));
    return Status::Ok();
  }));
  return out;
}

Result<Expert> CommunityService::AddExpert(const Actor& actor, Expert e) {
  RENKEI_RETURN_IF_ERROR(CheckOneOf(e.kind, "kind", kExpertKinds));
  RENKEI_RETURN_IF_ERROR(CheckText(e.name, "name", kMaxTitle, true));
  RENKEI_RETURN_IF_ERROR(CheckText(e.affiliation, "affiliation", kMaxTitle, false));
  RENKEI_RETURN_IF_ERROR(CheckText(e.languages, "languages", kMaxShort, false));
  RENKEI_RETURN_IF_ERROR(CheckText(e.availability, "availability", kMaxShort, false));
  RENKEI_RETURN_IF_ERROR(CheckText(e.how_to_request, "how_to_request", kMaxBody, false, true));
  RENKEI_RETURN_IF_ERROR(CheckCoverage(e.specialities, e.prefectures));
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(CheckLister(s, actor.principal));
    e.owner_org_id = actor.principal.org_id;
    e.created_at = clock_.now_ms();
    RENKEI_ASSIGN_OR_RETURN(e.id, s.community.CreateExpert(e));
    return s.audit.Append(
        AuditOf(actor, e.created_at, "community.expert_add", "community_expert", e.id));
  }));
  return e;
}

Result<Scheme> CommunityService::AddScheme(const Actor& actor, Scheme sc) {
  RENKEI_RETURN_IF_ERROR(CheckText(sc.name, "name", kMaxTitle, true));
  RENKEI_RETURN_IF_ERROR(CheckText(sc.provider, "provider", kMaxTitle, true));
  RENKEI_RETURN_IF_ERROR(CheckText(sc.eligibility, "eligibility", kMaxBody, false, true));
  RENKEI_RETURN_IF_ERROR(CheckText(sc.cost, "cost", kMaxShort, false));
  RENKEI_RETURN_IF_ERROR(CheckText(sc.contact, "contact", kMaxShort, false));
  RENKEI_RETURN_IF_ERROR(CheckCoverage(sc.specialities, sc.prefectures));
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(CheckLister(s, actor.principal));
    sc.owner_org_id = actor.principal.org_id;
    sc.created_at = clock_.now_ms();
    RENKEI_ASSIGN_OR_RETURN(sc.id, s.community.CreateScheme(sc));
    return s.audit.Append(
        AuditOf(actor, sc.created_at, "community.scheme_add", "community_scheme", sc.id));
  }));
  return sc;
}

Result<SupportRequest> CommunityService::Request(const Actor& actor, const std::string& target_kind,
                                                 std::int64_t target_id, const std::string& body) {
  RENKEI_RETURN_IF_ERROR(CheckOneOf(target_kind, "target_kind", kTargetKinds));
  RENKEI_RETURN_IF_ERROR(CheckText(body, "body", kMaxBody, true, true));
  SupportRequest out;
  const CommunityViewer v = CommunityViewerOf(&actor.principal);
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    SupportRequest r;
    r.target_kind = target_kind;
    r.target_id = target_id;
    if (target_kind == "expert") {
      RENKEI_ASSIGN_OR_RETURN(auto e, s.community.GetExpert(target_id));
      if (!e) return err::CommunityExpertNotFound().with_field("target_id");
      r.target_org_id = e->owner_org_id;
    } else {
      RENKEI_ASSIGN_OR_RETURN(auto sc, s.community.GetScheme(target_id));
      if (!sc) return err::CommunitySchemeNotFound().with_field("target_id");
      r.target_org_id = sc->owner_org_id;
    }
    r.requester_id = v.user_id;
    r.requester_org_id = v.org_id;
    r.body = body;
    r.status = "requested";
    r.created_at = r.updated_at = clock_.now_ms();
    RENKEI_ASSIGN_OR_RETURN(auto id, s.community.CreateRequest(r));
    RENKEI_RETURN_IF_ERROR(s.audit.Append(
        AuditOf(actor, r.created_at, "community.request", "community_request", id,
                AuditFields{{"target_kind", target_kind}, {"target_id", target_id}})));
    return ReadBack(s.community.GetRequest(v, id), out);
  }));
  return out;
}

Result<std::vector<SupportRequest>> CommunityService::Requests(const Principal& p, bool waiting) {
  std::vector<SupportRequest> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.community.Requests(CommunityViewerOf(&p), 200));
    return Status::Ok();
  }));
  if (waiting)
    std::erase_if(out, [&](const SupportRequest& r) { return !AwaitsAnswer(r, p.org_id); });
  return out;
}

Result<SupportRequest> CommunityService::GetRequest(const Principal& p, std::int64_t id) {
  SupportRequest out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto r, s.community.GetRequest(CommunityViewerOf(&p), id));
    if (!r) return err::CommunityRequestNotFound();
    out = std::move(*r);
    return Status::Ok();
  }));
  return out;
}

Result<SupportRequest> CommunityService::Answer(const Actor& actor, std::int64_t id,
                                                const std::string& status,
                                                const std::string& outcome) {
  if (status != "accepted" && status != "declined" && status != "done")
    return err::CommunityRequestStatus().with_field("status");
  RENKEI_RETURN_IF_ERROR(CheckText(outcome, "outcome", kMaxBody, false, true));
  if (status == "done" && Trim(outcome).empty())
    return err::CommunityRequestStatus().with_field("outcome");
  SupportRequest out;
  const CommunityViewer v = CommunityViewerOf(&actor.principal);
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto r, s.community.GetRequest(v, id));
    if (!r) return err::CommunityRequestNotFound();
    if (r->target_org_id != v.org_id) return err::CommunityRequestNotTarget();
    if (r->status == "declined" || r->status == "done") return err::CommunityRequestClosed();
    const Millis now = clock_.now_ms();
    RENKEI_RETURN_IF_ERROR(s.community.UpdateRequest(id, status, outcome, now));
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(actor, now, "community.request_answer", "community_request", id,
                               AuditFields{{"status", status}})));
    return ReadBack(s.community.GetRequest(v, id), out);
  }));
  return out;
}

// ---- needs and seeds ------------------------------------------------------------------

Result<Offer> CommunityService::Post(const Actor& actor, const OfferIn& in) {
  RENKEI_RETURN_IF_ERROR(CheckOneOf(in.kind, "kind", kOfferKinds));
  RENKEI_RETURN_IF_ERROR(CheckText(in.title, "title", kMaxTitle, true));
  RENKEI_RETURN_IF_ERROR(CheckText(in.body, "body", kMaxBody, true, true));
  RENKEI_RETURN_IF_ERROR(CheckText(in.sector, "sector", 50, false));
  RENKEI_RETURN_IF_ERROR(CheckText(in.contact, "contact", kMaxShort, true));
  RENKEI_RETURN_IF_ERROR(CheckPrefecture(in.prefecture, "prefecture", true));
  if (in.tags.size() > 20) return err::TooMany(20).with_field("tags");
  for (const auto& t : in.tags) {
    RENKEI_RETURN_IF_ERROR(CheckText(t, "tags", 40, true));
    if (t.find(',') != std::string::npos) return err::InvalidText().with_field("tags");
  }
  Offer out;
  const CommunityViewer v = CommunityViewerOf(&actor.principal);
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    Offer o;
    o.kind = in.kind;
    o.org_id = v.org_id;
    o.user_id = v.user_id;
    o.title = in.title;
    o.body = in.body;
    o.sector = in.sector;
    o.prefecture = in.prefecture;
    for (const auto& t : in.tags) o.tags.push_back(Trim(t));
    o.contact = in.contact;
    o.state = "open";
    const Millis now = clock_.now_ms();
    RENKEI_ASSIGN_OR_RETURN(auto id, s.community.CreateOffer(o, now));
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(actor, now, "community.offer_post", "community_offer", id,
                               AuditFields{{"kind", in.kind}})));
    return ReadBack(s.community.GetOffer(v, id), out);
  }));
  return out;
}

Result<std::vector<Offer>> CommunityService::Offers(const Principal& p, const OfferFilter& in) {
  if (!in.kind.empty()) RENKEI_RETURN_IF_ERROR(CheckOneOf(in.kind, "kind", kOfferKinds));
  RENKEI_RETURN_IF_ERROR(CheckPrefecture(in.prefecture, "prefecture", true));
  RENKEI_RETURN_IF_ERROR(CheckText(in.q, "q", kMaxTitle, false));
  OfferFilter f = in;
  f.q = FoldForSearch(in.q);
  std::vector<Offer> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.community.Offers(CommunityViewerOf(&p), f));
    return Status::Ok();
  }));
  return out;
}

Result<Offer> CommunityService::GetOffer(const Principal& p, std::int64_t id) {
  Offer out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto o, s.community.GetOffer(CommunityViewerOf(&p), id));
    if (!o) return err::CommunityOfferNotFound();
    out = std::move(*o);
    return Status::Ok();
  }));
  return out;
}

Result<Offer> CommunityService::Withdraw(const Actor& actor, std::int64_t id) {
  Offer out;
  const CommunityViewer v = CommunityViewerOf(&actor.principal);
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto o, s.community.GetOffer(v, id));
    if (!o) return err::CommunityOfferNotFound();
    if (!o->mine) return err::CommunityOfferNotOwn();
    if (o->state == "withdrawn") return err::CommunityOfferWithdrawn();
    RENKEI_RETURN_IF_ERROR(s.community.WithdrawOffer(id));
    RENKEI_RETURN_IF_ERROR(s.audit.Append(
        AuditOf(actor, clock_.now_ms(), "community.offer_withdraw", "community_offer", id)));
    return ReadBack(s.community.GetOffer(v, id), out);
  }));
  return out;
}

Result<std::vector<OfferMatch>> CommunityService::Matches(const Principal& p, std::int64_t id,
                                                          int limit) {
  std::vector<OfferMatch> out;
  const CommunityViewer v = CommunityViewerOf(&p);
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto o, s.community.GetOffer(v, id));
    if (!o) return err::CommunityOfferNotFound();
    if (o->state != "open") return err::CommunityOfferWithdrawn();
    RENKEI_ASSIGN_OR_RETURN(auto candidates,
                            s.community.OpenOffers(v, o->kind == "need" ? "seed" : "need"));
    const auto own = BigramKeys(FoldForSearch(o->title + " " + o->body));
    // Tags repeat across offers: each distinct one is folded once.
    std::unordered_map<std::string, std::string> folded;
    auto fold = [&](const std::string& t) -> const std::string& {
      auto it = folded.find(t);
      if (it == folded.end()) it = folded.emplace(t, FoldForSearch(t)).first;
      return it->second;
    };
    std::vector<std::string> own_tags;
    for (const auto& t : o->tags) own_tags.push_back(fold(t));
    const std::string region = RegionOf(o->prefecture);
    for (auto& c : candidates) {
      if (c.mine) continue;  // one's own organisation's offers are no match
      OfferMatch m;
      for (size_t i = 0; i < o->tags.size(); ++i) {
        for (const auto& u : c.tags) {
          if (fold(u) == own_tags[i]) {
            m.shared_tags.push_back(o->tags[i]);
            break;
          }
        }
      }
      m.same_sector = !o->sector.empty() && o->sector == c.sector;
      m.same_prefecture = o->prefecture != 0 && o->prefecture == c.prefecture;
      m.same_region = !m.same_prefecture && o->prefecture != 0 && c.prefecture != 0 &&
                      region == RegionOf(c.prefecture);
      m.text_similarity = Dice(own, BigramKeys(c.text_key));
      m.score = 3.0 * static_cast<double>(m.shared_tags.size()) + (m.same_sector ? 2 : 0) +
                (m.same_prefecture ? 2
                 : m.same_region   ? 1
                                   : 0) +
                5.0 * m.text_similarity;
      if (m.score <= 0) continue;
      m.offer = std::move(c);
      out.push_back(std::move(m));
    }
    std::stable_sort(out.begin(), out.end(), [](const OfferMatch& a, const OfferMatch& b) {
      return a.score != b.score ? a.score > b.score : a.offer.id < b.offer.id;
    });
    if (out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
    return Status::Ok();
  }));
  return out;
}

Result<Introduction> CommunityService::Introduce(const Actor& actor, std::int64_t need_id,
                                                 std::int64_t seed_id) {
  Introduction out;
  const CommunityViewer v = CommunityViewerOf(&actor.principal);
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto need, s.community.GetOfferRaw(need_id));
    if (!need) return err::CommunityOfferNotFound().with_field("need_id");
    RENKEI_ASSIGN_OR_RETURN(auto seed, s.community.GetOfferRaw(seed_id));
    if (!seed) return err::CommunityOfferNotFound().with_field("seed_id");
    if (need->kind != "need") return err::CommunityOfferKinds().with_field("need_id");
    if (seed->kind != "seed") return err::CommunityOfferKinds().with_field("seed_id");
    if (need->org_id == seed->org_id) return err::CommunityIntroSelf();
    const bool need_side = need->org_id == v.org_id, seed_side = seed->org_id == v.org_id;
    if (!need_side && !seed_side) return err::CommunityIntroNotParty();
    if (need->state != "open") return err::CommunityOfferWithdrawn().with_field("need_id");
    if (seed->state != "open") return err::CommunityOfferWithdrawn().with_field("seed_id");
    const Millis now = clock_.now_ms();
    RENKEI_ASSIGN_OR_RETURN(auto id, s.community.CreateIntroduction(*need, *seed, v.user_id,
                                                                    need_side, seed_side, now));
    if (!id) return err::CommunityIntroTwice();
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(actor, now, "community.introduce", "community_introduction", *id,
                               AuditFields{{"need_id", need_id}, {"seed_id", seed_id}})));
    return ReadBack(s.community.GetIntroduction(v, *id), out);
  }));
  return out;
}

Result<std::vector<Introduction>> CommunityService::Introductions(const Principal& p,
                                                                  bool waiting) {
  std::vector<Introduction> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.community.Introductions(CommunityViewerOf(&p)));
    return Status::Ok();
  }));
  if (waiting) std::erase_if(out, [](const Introduction& i) { return !AwaitsAnswer(i); });
  return out;
}

Result<Introduction> CommunityService::AnswerIntroduction(const Actor& actor, std::int64_t id,
                                                          bool accept) {
  Introduction out;
  const CommunityViewer v = CommunityViewerOf(&actor.principal);
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto i, s.community.GetIntroduction(v, id));
    if (!i) return err::CommunityIntroNotFound();
    RENKEI_ASSIGN_OR_RETURN(auto orgs, s.community.IntroductionOrgs(id));
    const bool need_side = orgs.first == v.org_id;
    if (i->state != "requested") return err::CommunityIntroAnswered();
    if (need_side ? i->need_agreed : i->seed_agreed) return err::CommunityIntroOtherSide();
    if (accept) {
      RENKEI_ASSIGN_OR_RETURN(auto need, s.community.GetOfferRaw(i->need_id));
      if (!need || need->state != "open") return err::CommunityOfferWithdrawn();
    }
    const Millis now = clock_.now_ms();
    RENKEI_RETURN_IF_ERROR(s.community.UpdateIntroduction(
        id, need_side ? accept : i->need_agreed, need_side ? i->seed_agreed : accept,
        accept ? "accepted" : "declined", "", now));
    RENKEI_RETURN_IF_ERROR(s.audit.Append(
        AuditOf(actor, now, accept ? "community.intro_accept" : "community.intro_decline",
                "community_introduction", id)));
    return ReadBack(s.community.GetIntroduction(v, id), out);
  }));
  return out;
}

Result<Introduction> CommunityService::RecordOutcome(const Actor& actor, std::int64_t id,
                                                     const std::string& outcome) {
  RENKEI_RETURN_IF_ERROR(CheckOneOf(outcome, "outcome", kIntroOutcomes));
  Introduction out;
  const CommunityViewer v = CommunityViewerOf(&actor.principal);
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto i, s.community.GetIntroduction(v, id));
    if (!i) return err::CommunityIntroNotFound();
    if (!Agreed(*i)) return err::CommunityIntroNotAccepted();
    const Millis now = clock_.now_ms();
    RENKEI_RETURN_IF_ERROR(
        s.community.UpdateIntroduction(id, true, true, "accepted", outcome, now));
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(actor, now, "community.intro_outcome", "community_introduction", id,
                               AuditFields{{"outcome", outcome}})));
    return ReadBack(s.community.GetIntroduction(v, id), out);
  }));
  return out;
}

// ---- the event reminder mail -----------------------------------------------------------

void RegisterCommunityMail(MailKinds& kinds) {
  kinds.Register(
      {kMailEventReminder,
       kEventSubject,
       false,
       [](Stores& s, const User& to, const std::vector<OutboxRow>& rows,
          const MailContext& ctx) -> Result<MailMessage> {
         const OutboxRow& row = rows.front();
         // Only while the person still holds a registration and the event has not started:
         // otherwise closed unsent.
         RENKEI_ASSIGN_OR_RETURN(auto e, s.community.GetEvent({to.id, to.org_id}, row.subject_id));
         if (!e) return err::CommunityEventNotFound();
         if (!e->registered_me) return err::CommunityNotRegistered();
         if (ctx.now >= e->starts_at) return err::CommunityEventPast();
         const std::string link = ctx.base_url + "/community/events?event=" + std::to_string(e->id);
         MailMessage m;
         m.to = to.email;
         m.to_name = to.display_name;
         m.subject = "【Renkei 連携】イベントのご案内 / Event reminder: " + e->title;
         m.text = to.display_name + " 様\n\n" + e->community_name + "の「" + e->title +
                  "」にお申し込みいただいています。\n日時: " + FormatJstMinutes(e->starts_at) +
                  " 〜 " + FormatJstMinutes(e->ends_at) + "\n会場: " + e->place +
                  "\n\nご都合が悪くなった場合は、次のページから申し込みを取り消してください。\n" +
                  link + "\n\n---\nYou are registered for \"" + e->title + "\" (" +
                  e->community_name + "), " + FormatJstMinutes(e->starts_at) + " to " +
                  FormatJstMinutes(e->ends_at) + ", at " + e->place +
                  ". If you can no longer attend, please cancel your registration:\n" + link + "\n";
         m.message_id = "<community-event-" + std::to_string(row.id) + "@" + ctx.id_domain + ">";
         return m;
       },
       {}});
}

}  // namespace renkei::domain
