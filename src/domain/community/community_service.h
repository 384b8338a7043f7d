// CommunityService: regional security communities (issue 20, docs/community.md).
//
// THE community access rules (written once here, implemented once as the store's SQL
// predicates in sql_community_store.cc with the CommunityViewer of the caller):
//   Communities, their member organisations, practices, events (without who registered),
//   experts and support schemes are public: the public pages read them without sign-in.
//   Who may create a community: an administrator (naming any active organisation as its
//   secretariat), or a person of an organisation of kind local_government (its own
//   prefecture only) or ministry (a regional bureau: any prefecture), whose organisation
//   becomes the secretariat. The secretariat's people manage their community — members,
//   practices, events, attendance — and nobody else does (an administrator neither: the
//   community is the region's, least privilege as in the directory).
//   Community posts (kPostVisible): `public` — everyone, signed in or not; `members` — the
//   people of a member organisation or of the secretariat; `secretariat` — the
//   secretariat's people only. Members post public or members posts; the secretariat any.
//   Anyone else: 404 for the post, and it is in no list.
//   Requests to an expert or a scheme (kRequestVisible): the people of the requesting
//   organisation and of the organisation that listed the expert or scheme (which answers
//   them: accepted, declined, done with its outcome); anyone else 404.
//   Needs and seeds: open ones are listed to signed-in people; a seed names its poster; a
//   need's poster (organisation) and every contact are shown (kPosterShown) only to the
//   poster's own organisation and to the other side of an introduction both sides agreed to.
//   Introductions (kIntroVisible): the people of the need's and of the seed's organisation;
//   asked by either side (that side agrees by asking), accepted or declined by the other;
//   contacts are exchanged once both agreed; outcomes recorded by either side after that.
// Every change runs in one transaction with its audit row; a refused change writes nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/community/community.h"
#include "domain/community/community_store.h"
#include "domain/directory/directory.h"
#include "domain/outbox/mail_kinds.h"
#include "domain/principal.h"
#include "domain/transactor.h"

namespace renkei::domain {

CommunityViewer CommunityViewerOf(const Principal* p);

struct NewCommunity {
  int prefecture = 0;
  std::string name_ja, name_en;
  std::optional<OrgId> secretariat;  // administrators name it; others' is their own
  Practices practices;
};

struct NewEvent {
  std::string title, body, place;
  Millis starts_at = 0, ends_at = 0;
  std::int64_t capacity = 0;
};

// For a prefecture without a community: whom to approach, from the directory, and the
// practices of the nearest communities (same region first, then by JIS code distance).
struct ApproachAdvice {
  int prefecture = 0;
  std::vector<Community> communities_here;
  std::vector<Organisation> bodies;  // active organisations of the prefecture
  std::vector<Community> nearest;    // at most 5
};

// What the caller may start: a community (and for which prefectures), an expert or scheme.
struct CommunityRights {
  bool can_create = false;
  std::vector<int> prefectures;  // where the caller may create one (all 47 or its own)
  bool can_list = false;         // may list experts and support schemes
  bool is_admin = false;         // names the secretariat when creating
};

// outbox.kind of an event's reminder; subject_id = the event. Queued at registration, due a
// day before the start (at once when that is past), dropped at send time when the person is
// no longer registered.
inline constexpr const char* kMailEventReminder = "community_event_reminder";
inline constexpr const char* kEventSubject = "community_event";
inline constexpr Millis kEventReminderLead = 24LL * 3600 * 1000;

// Registers the event reminder mail (RegisterMailKinds in app/platform.cc).
void RegisterCommunityMail(MailKinds& kinds);

struct OfferIn {
  std::string kind, title, body, sector, contact;
  int prefecture = 0;
  std::vector<std::string> tags;
};

// The score of a candidate for `offer` (pure; exposed for tests and the benchmark): shared
// tags 3 each, same sector 2, same prefecture 2 or same region 1, text similarity × 5.
OfferMatch ScoreMatch(const Offer& offer, const Offer& candidate);
// The Dice coefficient of the character bigrams of two folded, space-free texts.
double BigramSimilarity(const std::string& a, const std::string& b);

class CommunityService {
 public:
  CommunityService(Transactor& tx, const Clock& clock) : tx_(tx), clock_(clock) {}

  // Public reads (p may be null: not signed in).
  Result<std::vector<Community>> List(int prefecture, const std::string& q);
  Result<CommunityDetail> Get(const Principal* p, CommunityId id);
  Result<ApproachAdvice> Approach(int prefecture);
  Result<std::vector<CommunityPost>> Posts(const Principal* p, CommunityId id);
  Result<CommunityPost> GetPost(const Principal* p, std::int64_t id);
  // A file of a post, with its bytes: whoever sees the post (p null: public posts' files).
  Result<Attachment> GetPostFile(const Principal* p, AttachmentId id);
  Result<std::vector<CommunityEvent>> Events(const Principal* p,
                                             std::optional<CommunityId> community, int prefecture,
                                             bool upcoming, const std::string& q = "");
  Result<CommunityEvent> GetEvent(const Principal* p, std::int64_t id);
  Result<std::vector<Expert>> SearchExperts(const ExpertFilter& f);
  Result<std::vector<Scheme>> SearchSchemes(const ExpertFilter& f);
  // The map: what each prefecture has; open needs only for a signed-in caller (p non-null).
  Result<CommunityMap> Map(const Principal* p);
  Result<CommunityRights> Rights(const Principal& p);

  // The community's secretariat and creators.
  Result<CommunityDetail> Create(const Actor& actor, const NewCommunity& in);
  Result<CommunityDetail> SetPractices(const Actor& actor, CommunityId id, const Practices& in);
  Result<CommunityDetail> AddMember(const Actor& actor, CommunityId id, OrgId org,
                                    const std::string& kind);
  Result<CommunityDetail> RemoveMember(const Actor& actor, CommunityId id, OrgId org);
  Result<CommunityPost> Post(const Actor& actor, CommunityId id, const std::string& visibility,
                             const std::string& title, const std::string& body);
  // A file on a post (the attachment rules every area shares): its author or the
  // secretariat's people; anyone who does not see the post gets 404.
  Result<Attachment> AttachToPost(const Actor& actor, std::int64_t post, std::string filename,
                                  std::string content_type, std::string data);
  Result<CommunityEvent> CreateEvent(const Actor& actor, CommunityId id, const NewEvent& in);
  Result<std::vector<Registration>> Registrations(const Principal& p, std::int64_t event);
  Result<std::vector<Registration>> MarkAttended(const Actor& actor, std::int64_t event,
                                                 UserId user, bool attended);
  // Links and notes for an event, before or after it is held.
  Result<CommunityEvent> SetMaterials(const Actor& actor, std::int64_t event,
                                      const std::string& materials);

  // Any signed-in person.
  Result<CommunityEvent> Register(const Actor& actor, std::int64_t event);
  Result<CommunityEvent> Unregister(const Actor& actor, std::int64_t event);
  // The short survey after the event: an attendee's rating 1–5 and a comment, once.
  Result<CommunityEvent> Feedback(const Actor& actor, std::int64_t event, int rating,
                                  const std::string& comment);

  // Experts and schemes: listed by administrators, ministries, local governments and the
  // secretariats of communities; owned by the lister's organisation.
  Result<Expert> AddExpert(const Actor& actor, Expert e);
  Result<Scheme> AddScheme(const Actor& actor, Scheme s);
  Result<SupportRequest> Request(const Actor& actor, const std::string& target_kind,
                                 std::int64_t target_id, const std::string& body);
  // waiting: only those the caller's organisation must answer (AwaitsAnswer).
  Result<std::vector<SupportRequest>> Requests(const Principal& p, bool waiting = false);
  Result<SupportRequest> GetRequest(const Principal& p, std::int64_t id);
  // The target's organisation: accepted | declined | done (with the outcome).
  Result<SupportRequest> Answer(const Actor& actor, std::int64_t id, const std::string& status,
                                const std::string& outcome);

  // Needs and seeds.
  Result<Offer> Post(const Actor& actor, const OfferIn& in);
  Result<std::vector<Offer>> Offers(const Principal& p, const OfferFilter& f);
  Result<Offer> GetOffer(const Principal& p, std::int64_t id);
  Result<Offer> Withdraw(const Actor& actor, std::int64_t id);
  // The best candidates of the other kind for an open offer the caller sees, best first.
  Result<std::vector<OfferMatch>> Matches(const Principal& p, std::int64_t id, int limit = 10);
  Result<Introduction> Introduce(const Actor& actor, std::int64_t need, std::int64_t seed);
  Result<std::vector<Introduction>> Introductions(const Principal& p, bool waiting = false);
  // The other side: accept (contacts exchanged) or decline.
  Result<Introduction> AnswerIntroduction(const Actor& actor, std::int64_t id, bool accept);
  Result<Introduction> RecordOutcome(const Actor& actor, std::int64_t id,
                                     const std::string& outcome);

 private:
  Result<CommunityDetail> DetailOf(Stores& s, const Principal* p, CommunityId id);
  Status CheckSecretariat(Stores& s, const Principal& p, CommunityId id);
  Status FillFiles(Stores& s, const Principal* p, CommunityId id,
                   std::vector<CommunityPost>& posts);

  Transactor& tx_;
  const Clock& clock_;
};

}  // namespace renkei::domain
