// Regional security communities (地方版コラボレーション・プラットフォーム, issue 20,
// docs/community.md): communities per prefecture with their secretariat and members, the
// board, practices in one common format, events; experts and support schemes with requests;
// needs and seeds (ニーズとシーズ) with introductions. Plain values; the rule is in
// community_service.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "domain/attachments.h"

namespace renkei::domain {

using CommunityId = Id<struct CommunityTag>;

// Stored codes (CHECK constraints of migration 0022 list the same).
inline constexpr const char* kCommunityMemberKinds[] = {
    "municipality",  // 自治体
    "police",        // 県警
    "academia",      // 大学・高専
    "vendor",        // 地元ベンダー
    "chamber",       // 商工会議所・民間団体
    "bureau",        // 地方経産局・総通局
    "enterprise",    // 地元企業
};
inline constexpr const char* kPostVisibilities[] = {"public", "members", "secretariat"};
inline constexpr const char* kExpertKinds[] = {"person", "organisation"};
inline constexpr const char* kSpecialities[] = {"ot",       "forensics", "incident_response",
                                                "training", "audit",     "awareness",
                                                "cloud",    "network",   "law"};
inline constexpr const char* kRequestStatuses[] = {"requested", "accepted", "declined", "done"};
inline constexpr const char* kOfferKinds[] = {"need", "seed"};
inline constexpr const char* kIntroOutcomes[] = {"meeting", "joint_project", "contract"};

// The practices in the common format (purpose, members — counted from the member list —,
// activities and frequency, what worked, open issues).
struct Practices {
  std::string purpose, activities, frequency, what_worked, open_issues;
};

struct CommunityMember {
  OrgId org_id;
  std::string org_name_ja, org_name_en;
  std::string kind;
  Millis added_at = 0;
};

struct Community {
  CommunityId id;
  int prefecture = 0;
  std::string name_ja, name_en;
  OrgId secretariat_org_id;
  std::string secretariat_name_ja, secretariat_name_en;
  Practices practices;
  std::int64_t member_count = 0;
  std::int64_t member_counts[7] = {0, 0, 0, 0, 0, 0, 0};  // kCommunityMemberKinds' order
  std::int64_t upcoming_events = 0;
  Millis created_at = 0, updated_at = 0;
};

struct CommunityDetail {
  Community community;
  std::vector<CommunityMember> members;
  bool is_member = false;       // the caller's organisation is a member or the secretariat
  bool is_secretariat = false;  // the caller's organisation runs it
};

struct CommunityPost {
  std::int64_t id = 0;
  CommunityId community_id;
  UserId author_id;
  std::string author_name, author_org_name;
  std::string visibility, title, body;
  Millis created_at = 0;
  std::vector<Attachment> files;  // without their bytes
};

struct CommunityEvent {
  std::int64_t id = 0;
  CommunityId community_id;
  std::string community_name;
  int prefecture = 0;
  std::string title, body, place;
  Millis starts_at = 0, ends_at = 0;
  std::int64_t capacity = 0, registered = 0;
  bool registered_me = false;  // the caller holds a registration
  bool attended_me = false;    // … marked attended by the secretariat
  bool feedback_me = false;    // … and has given the feedback after the event
  std::string materials;       // links and notes the secretariat adds (past events' materials)
  // The feedback so far: only for the secretariat's people (nullopt for anyone else).
  std::optional<std::int64_t> feedback_count;
  std::optional<double> feedback_average;  // of the ratings 1–5; nullopt without any
};

struct Registration {
  UserId user_id;
  std::string display_name, org_name;
  Millis registered_at = 0;
  bool attended = false;
  std::optional<int> rating;  // the feedback after the event, 1–5
  std::string comment;
};

// The map of Japan (a tile per prefecture): what each prefecture has.
struct MapCell {
  int prefecture = 0;
  std::int64_t communities = 0;
  std::int64_t experts = 0;  // experts covering the prefecture by name (nationwide ones apart)
  std::int64_t upcoming_events = 0;
  std::optional<std::int64_t> open_needs;  // only for signed-in callers
};
struct CommunityMap {
  std::vector<MapCell> cells;  // 47, by JIS code
  std::int64_t nationwide_experts = 0;
};

struct Expert {
  std::int64_t id = 0;
  std::string kind, name, affiliation;
  OrgId owner_org_id;
  std::vector<std::string> specialities;
  std::vector<int> prefectures;  // 0 = nationwide
  std::string languages, availability, how_to_request;
  Millis created_at = 0;
};

struct Scheme {
  std::int64_t id = 0;
  std::string name, provider;
  OrgId owner_org_id;
  std::vector<std::string> specialities;
  std::vector<int> prefectures;  // 0 = nationwide
  std::string eligibility, cost, contact;
  std::optional<Millis> deadline;
  Millis created_at = 0;
};

struct SupportRequest {
  std::int64_t id = 0;
  std::string target_kind;  // expert | scheme
  std::int64_t target_id = 0;
  std::string target_name;
  OrgId target_org_id;
  UserId requester_id;
  OrgId requester_org_id;
  std::string requester_name, requester_org_name;
  std::string body, status, outcome;
  Millis created_at = 0, updated_at = 0;
};

struct Offer {
  std::int64_t id = 0;
  std::string kind;  // need | seed
  OrgId org_id;      // invalid when hidden (a need's poster before both agreed)
  std::string org_name;
  UserId user_id;
  std::string title, body, sector;
  int prefecture = 0;
  std::vector<std::string> tags;
  std::string contact;  // "" unless the caller may see it
  std::string state;
  Millis created_at = 0;
  bool mine = false;     // the caller's organisation posted it
  std::string text_key;  // the folded title and body (what matching compares)
};

// Whether the caller's organisation owes the next step: the request is its to answer and not
// closed (asked: accept or decline; accepted: record it done with its outcome); the
// introduction is asked and the caller's side has not agreed yet. The lists'
// `waiting` filter, the home tiles and the `can_answer` / `mine_to_answer` flags use these.
inline bool AwaitsAnswer(const SupportRequest& r, OrgId viewer) {
  return viewer.valid() && r.target_org_id == viewer &&
         (r.status == "requested" || r.status == "accepted");
}

struct OfferMatch {
  Offer offer;
  double score = 0;
  std::vector<std::string> shared_tags;
  bool same_prefecture = false, same_region = false, same_sector = false;
  double text_similarity = 0;  // bigram Dice coefficient over the folded text, 0–1
};

struct Introduction {
  std::int64_t id = 0;
  std::int64_t need_id = 0, seed_id = 0;
  std::string need_title, seed_title;
  bool need_agreed = false, seed_agreed = false;
  std::string state, outcome;
  // Filled only once both agreed: each side's poster and contact.
  std::string need_org_name, need_contact, seed_org_name, seed_contact;
  bool need_mine = false, seed_mine = false;  // which side the caller's organisation is
  Millis created_at = 0, updated_at = 0;
};

inline bool AwaitsAnswer(const Introduction& i) {
  return i.state == "requested" && (i.need_mine ? !i.need_agreed : !i.seed_agreed);
}

}  // namespace renkei::domain
