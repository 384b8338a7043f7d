// Directory entities: sectors, hubs (CEPTOARs/ISACs), organisations, contacts, users.
// Plain values, no JSON, no SQL.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "domain/principal.h"

namespace renkei::domain {

// One of the 15 critical-infrastructure sectors; `id` is a stable code ("electricity").
struct Sector {
  std::string id;
  std::string name_ja;
  std::string name_en;
  int sort_order = 0;
  std::optional<OrgId> ministry_org_id;  // competent ministry
};

struct Hub {
  HubId id;
  std::string code;  // stable short code, e.g. "denryoku-ceptoar"
  std::string kind;  // "ceptoar" | "isac"
  std::string name_ja;
  std::string name_en;
  std::vector<std::string> sector_ids;
  OrgId secretariat_org_id;
  std::string secretariat_name_ja;               // read-only, joined
  std::string secretariat_name_en;               // read-only, joined
  std::string emergency_contact_since;           // "YYYY-MM" or "" (not yet in operation)
  std::string handling_rules_since;              // "YYYY-MM" or ""
  std::vector<std::string> communication_means;  // "email", "phone", "fax", "web", …
  std::string info_shared_ja;                    // e.g. 障害事例情報等
  std::int64_t member_count = 0;                 // read-only, counted
};

inline constexpr const char* kOrgKinds[] = {
    "operator", "hub_secretariat",  "ministry",    "national_centre", "analysis_centre", "vendor",
    "sme",      "support_provider", "sector_body", "local_government"};
inline constexpr const char* kHubKinds[] = {"ceptoar", "isac"};
// How a hub reaches its members (the web app names each: web/src/i18n, "means").
inline constexpr const char* kCommunicationMeans[] = {"email",
                                                      "phone",
                                                      "mobile",
                                                      "fax",
                                                      "web",
                                                      "satellite_phone",
                                                      "e_conference_room",
                                                      "video_conference",
                                                      "meetings"};
inline constexpr const char* kSizeClasses[] = {"small", "medium", "large"};
// Business classes for the electricity sector (発電, 小売, アグリゲーター, 自家用電気工作物設置者),
// plus the traditional ones (送配電, 一般電気事業者).
inline constexpr const char* kBusinessClasses[] = {"generation", "retail", "aggregator",
                                                   "private_facility", "transmission_distribution"};

struct Organisation {
  OrgId id;
  std::string name_ja;
  std::string name_en;
  std::string kind;
  std::vector<std::string> sector_ids;
  int prefecture = 0;          // JIS X 0401 code 1–47; 0 = nationwide / not applicable
  std::string size_class;      // "" | small | medium | large
  std::string business_class;  // electricity only; "" otherwise
  std::vector<HubId> hub_ids;  // hubs it is a member of
  bool active = true;
  // 決裁: its AMBER+STRICT and RED items leave only once another of its publishers approves
  // them (SharingService::Approve). Administrators set it (CheckOrgWrite).
  bool requires_approval = false;
  Millis created_at = 0;
  Millis updated_at = 0;
};

struct Contact {
  std::int64_t id = 0;
  OrgId org_id;
  std::string kind;  // "emergency" | "primary"
  std::string name;
  std::string phone;
  std::string email;
  std::string hours;  // e.g. "24時間" / "平日9-17時"
};

struct User {
  UserId id;
  OrgId org_id;
  std::string email;
  std::string display_name;
  std::vector<Role> roles;
  bool active = true;
  std::string locale = "ja";
  Millis created_at = 0;
  Millis updated_at = 0;
  std::optional<Millis> last_sign_in_at;
};

struct OrgFilter {
  std::string query_folded;  // FoldForSearch()ed substring of the Japanese or English name
  std::string sector_id;
  std::string kind;
  int prefecture = 0;
  HubId hub_id;
  std::optional<bool> active;
  std::int64_t after_id = 0;  // cursor: ids greater than this
  int limit = 50;
};

struct OrgPage {
  std::vector<Organisation> items;
  std::optional<std::int64_t> next_after_id;  // set when more rows follow
};

// The sectors whose figures a government officer follows (the home page's board): a
// national centre officer every sector, a ministry officer the sectors whose competent
// ministry (Sector::ministry_org_id) is the officer's organisation; nobody else any. In
// `all`'s order. Written once for every module that tallies by sector.
inline std::vector<std::string> MinistrySectors(OrgId ministry, const std::vector<Sector>& all) {
  std::vector<std::string> out;
  for (const auto& s : all)
    if (s.ministry_org_id && *s.ministry_org_id == ministry) out.push_back(s.id);
  return out;
}
inline std::vector<std::string> OverseenSectors(const Principal& p,
                                                const std::vector<Sector>& all) {
  if (p.has(Role::kNationalCentreOfficer)) {
    std::vector<std::string> out;
    for (const auto& s : all) out.push_back(s.id);
    return out;
  }
  if (p.has(Role::kMinistryOfficer)) return MinistrySectors(p.org_id, all);
  return {};
}

// Prefectures by JIS code (index = code - 1).
struct Prefecture {
  const char* name_ja;
  const char* name_en;
  const char* region;  // a region code, see RegionNameJa
};
extern const Prefecture kPrefectures[47];

// The names of a region code of kPrefectures ("kanto" → 関東地方 / Kanto region); "" for
// anything else.
const char* RegionNameJa(std::string_view region);
const char* RegionNameEn(std::string_view region);

}  // namespace renkei::domain
