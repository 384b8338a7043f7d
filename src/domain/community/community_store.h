// CommunityStore: communities, their members, board, events; experts, schemes, requests;
// needs, seeds and introductions (migration 0022). The stores never commit; CommunityService
// runs every call in its transaction.
//
// Visibility lives in the store's SQL predicates (kPostVisible, kRequestVisible,
// kIntroVisible, kPosterShown in sql_community_store.cc): every method taking a
// CommunityViewer returns only what that viewer may see (the rule is written in
// community_service.h). Methods without one are public or for callers that already decided
// access (the service after a visible read).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/community/community.h"

namespace renkei::domain {

// Who is asking, as the community rule needs it: the person and their organisation (both
// invalid for an anonymous reader of the public pages).
struct CommunityViewer {
  UserId user_id;
  OrgId org_id;
};

struct ExpertFilter {
  int prefecture = 0;      // 0 any; else experts covering it (or nationwide)
  std::string speciality;  // "" any
  std::string q;           // folded text
  int limit = 50;
};

struct OfferFilter {
  std::string kind;  // "" both
  int prefecture = 0;
  std::string q;
  bool open_only = true;
  bool mine = false;
  int limit = 50;
};

class CommunityStore {
 public:
  virtual ~CommunityStore() = default;

  // Communities (public).
  virtual Result<CommunityId> CreateCommunity(const Community& c, UserId by) = 0;
  virtual Result<std::vector<Community>> ListCommunities(int prefecture, const std::string& q,
                                                         Millis now) = 0;
  virtual Result<std::optional<Community>> GetCommunity(CommunityId id, Millis now) = 0;
  virtual Status UpdatePractices(CommunityId id, const Practices& p, Millis now) = 0;
  virtual Result<std::vector<CommunityMember>> Members(CommunityId id) = 0;
  // false when the organisation was a member already.
  virtual Result<bool> AddMember(CommunityId id, OrgId org, const std::string& kind,
                                 Millis now) = 0;
  virtual Result<bool> RemoveMember(CommunityId id, OrgId org) = 0;
  // The organisation runs the community's secretariat / is a member or runs it.
  virtual Result<bool> IsMemberOrSecretariat(CommunityId id, OrgId org) = 0;

  // The board, under kPostVisible.
  virtual Result<std::int64_t> AddPost(const CommunityPost& p, OrgId author_org) = 0;
  virtual Result<std::vector<CommunityPost>> Posts(const CommunityViewer& v, CommunityId id,
                                                   int limit) = 0;
  virtual Result<std::optional<CommunityPost>> GetPost(const CommunityViewer& v,
                                                       std::int64_t id) = 0;
  // Files on posts: under kPostVisible like their post.
  virtual Result<AttachmentId> AddPostFile(std::int64_t post, const Attachment& a) = 0;
  virtual Result<std::int64_t> CountPostFiles(std::int64_t post) = 0;
  // The files (without bytes) of the posts of a community the viewer sees, by post id.
  virtual Result<std::vector<std::pair<std::int64_t, Attachment>>> PostFiles(
      const CommunityViewer& v, CommunityId community) = 0;
  virtual Result<std::optional<Attachment>> GetPostFile(const CommunityViewer& v,
                                                        AttachmentId id) = 0;

  // Events (public listing).
  virtual Result<std::int64_t> CreateEvent(const CommunityEvent& e, UserId by, Millis now) = 0;
  virtual Result<std::vector<CommunityEvent>> Events(const CommunityViewer& v,
                                                     std::optional<CommunityId> community,
                                                     int prefecture, bool upcoming, Millis now,
                                                     int limit, const std::string& q = "") = 0;
  virtual Result<std::optional<CommunityEvent>> GetEvent(const CommunityViewer& v,
                                                         std::int64_t id) = 0;
  // Takes a seat: false when the event is full (one conditional UPDATE, so concurrent
  // registrations never over-book).
  virtual Result<bool> TakeSeat(std::int64_t event) = 0;
  virtual Status ReleaseSeat(std::int64_t event) = 0;
  // false when the person holds a registration already.
  virtual Result<bool> AddRegistration(std::int64_t event, UserId user, Millis now) = 0;
  virtual Result<bool> RemoveRegistration(std::int64_t event, UserId user) = 0;
  virtual Result<std::vector<Registration>> Registrations(std::int64_t event) = 0;
  virtual Result<bool> MarkAttended(std::int64_t event, UserId user, bool attended) = 0;
  virtual Status SetMaterials(std::int64_t event, const std::string& materials) = 0;
  // The feedback of an attendee: false unless the person is registered, marked attended
  // and has not given it yet.
  virtual Result<bool> SetFeedback(std::int64_t event, UserId user, int rating,
                                   const std::string& comment, Millis now) = 0;
  // What each prefecture has (the map; public counts, open needs too — the service decides
  // whether the caller sees them).
  virtual Result<CommunityMap> MapCounts(Millis now) = 0;

  // Experts and schemes (public).
  virtual Result<std::int64_t> CreateExpert(const Expert& e) = 0;
  virtual Result<std::int64_t> CreateScheme(const Scheme& s) = 0;
  virtual Result<std::vector<Expert>> SearchExperts(const ExpertFilter& f) = 0;
  virtual Result<std::vector<Scheme>> SearchSchemes(const ExpertFilter& f) = 0;
  virtual Result<std::optional<Expert>> GetExpert(std::int64_t id) = 0;
  virtual Result<std::optional<Scheme>> GetScheme(std::int64_t id) = 0;

  // Requests, under kRequestVisible.
  virtual Result<std::int64_t> CreateRequest(const SupportRequest& r) = 0;
  virtual Result<std::vector<SupportRequest>> Requests(const CommunityViewer& v, int limit) = 0;
  virtual Result<std::optional<SupportRequest>> GetRequest(const CommunityViewer& v,
                                                           std::int64_t id) = 0;
  virtual Status UpdateRequest(std::int64_t id, const std::string& status,
                               const std::string& outcome, Millis now) = 0;

  // Needs and seeds; the poster of a need under kPosterShown, contacts likewise.
  virtual Result<std::int64_t> CreateOffer(const Offer& o, Millis now) = 0;
  virtual Result<std::vector<Offer>> Offers(const CommunityViewer& v, const OfferFilter& f) = 0;
  virtual Result<std::optional<Offer>> GetOffer(const CommunityViewer& v, std::int64_t id) = 0;
  // The poster's organisation of an offer, whatever the caller may see (the service's checks).
  virtual Result<std::optional<Offer>> GetOfferRaw(std::int64_t id) = 0;
  virtual Status WithdrawOffer(std::int64_t id) = 0;
  // Every open offer of a kind (the candidates of a match), as `v` may see them.
  virtual Result<std::vector<Offer>> OpenOffers(const CommunityViewer& v,
                                                const std::string& kind) = 0;

  // Introductions, under kIntroVisible. CreateIntroduction: nullopt when the pair was asked
  // already.
  virtual Result<std::optional<std::int64_t>> CreateIntroduction(const Offer& need,
                                                                 const Offer& seed, UserId by,
                                                                 bool need_agreed, bool seed_agreed,
                                                                 Millis now) = 0;
  virtual Result<std::vector<Introduction>> Introductions(const CommunityViewer& v) = 0;
  virtual Result<std::optional<Introduction>> GetIntroduction(const CommunityViewer& v,
                                                              std::int64_t id) = 0;
  // The organisations of each side (the service's checks after a visible read).
  virtual Result<std::pair<OrgId, OrgId>> IntroductionOrgs(std::int64_t id) = 0;
  virtual Status UpdateIntroduction(std::int64_t id, bool need_agreed, bool seed_agreed,
                                    const std::string& state, const std::string& outcome,
                                    Millis now) = 0;
};

}  // namespace renkei::domain
