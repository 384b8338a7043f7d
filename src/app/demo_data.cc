#include "app/demo_data.h"

#include <cstdint>
#include <map>
#include <set>

#include "core/crypto.h"
#include "core/error_codes.h"
#include "core/time_format.h"
#include "domain/directory/directory.h"
#include "domain/directory/directory_store.h"

namespace renkei::app {
namespace {

using domain::Hub;
using domain::Organisation;
using domain::Role;
using domain::User;

// splitmix64: small, fast, deterministic across platforms.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }

 private:
  std::uint64_t s_;
};

struct Kanji {
  const char* ja;
  const char* romaji;
};
constexpr Kanji kStemParts[] = {
    {"東", "higashi"}, {"西", "nishi"},  {"南", "minami"}, {"北", "kita"},  {"中", "naka"},
    {"山", "yama"},    {"川", "kawa"},   {"田", "ta"},     {"大", "o"},     {"小", "ko"},
    {"高", "taka"},    {"松", "matsu"},  {"岡", "oka"},    {"島", "shima"}, {"野", "no"},
    {"原", "hara"},    {"森", "mori"},   {"石", "ishi"},   {"竹", "take"},  {"桜", "sakura"},
    {"青", "ao"},      {"緑", "midori"}, {"朝", "asa"},    {"日", "hi"},    {"星", "hoshi"},
    {"海", "umi"},     {"浜", "hama"},   {"宮", "miya"},   {"富", "tomi"},  {"豊", "toyo"},
    {"福", "fuku"},    {"長", "naga"},   {"若", "waka"},   {"平", "hira"},  {"泉", "izumi"},
    {"白", "shira"},   {"黒", "kuro"},   {"赤", "aka"},    {"金", "kana"},  {"室", "muro"},
};
constexpr const char* kSurnames[] = {"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺",   "山本",
                                     "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口",
                                     "松本", "井上", "木村", "林",   "斎藤", "清水"};
constexpr const char* kGivenNames[] = {"太郎", "花子", "健", "美咲", "翔",   "陽子",
                                       "大輔", "由美", "誠", "直子", "拓也", "恵",
                                       "浩二", "彩",   "隆", "智子"};

constexpr Millis kBaseTime = 1774969200000;  // 2026-04-01T00:00:00+09:00

struct Stem {
  std::string ja;
  std::string en;
};

std::string Capitalise(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 32);
  return s;
}

Stem StemAt(int index) {
  constexpr int n = static_cast<int>(std::size(kStemParts));
  const Kanji& a = kStemParts[(index / n) % n];
  const Kanji& b = kStemParts[index % n];
  return {std::string(a.ja) + b.ja, Capitalise(std::string(a.romaji) + b.romaji)};
}

// How a hub's members are named; `suffixes` rotate (e.g. 銀行 / 信用金庫 / 信用組合).
struct NameStyle {
  std::vector<std::pair<const char*, const char*>> suffixes;  // {ja, en}
};

struct HubSpec {
  const char* code;
  const char* kind;
  const char* name_ja;
  const char* name_en;
  std::vector<const char*> sectors;
  const char* secretariat_ja;
  const char* secretariat_en;
  int members;
  const char* emergency_since;
  const char* rules_since;
  std::vector<const char*> means;
  const char* info_ja;
  NameStyle style;
};

// From the 2016 CEPTOAR characteristics map (seeds/002_…): secretariats, member
// counts, handling rules dates, communication means. The map's emergency-contact row
// is sparse; dates are given where the map shows one. The airport and port CEPTOARs
// (sectors added after 2016) and the electricity ISAC complete the 21 hubs.
// clang-format off
std::vector<HubSpec> HubSpecs() {
  const std::vector<const char*> mail_phone = {"email", "phone"};
  return {
      {"t-ceptoar", "ceptoar", "T-CEPTOAR", "T-CEPTOAR", {"telecom"},
       "一般財団法人日本データ通信協会 テレコム・アイザック推進会議", "Telecom-ISAC Japan", 26,
       "2007-04", "2007-01", mail_phone, "障害事例情報等", {{{"通信", "Telecom"}, {"ネットワークス", "Networks"}}}},
      {"cabletv-ceptoar", "ceptoar", "ケーブルテレビCEPTOAR", "Cable TV CEPTOAR", {"telecom"},
       "一般社団法人日本ケーブルテレビ連盟", "Japan Cable and Telecommunications Association", 310,
       "2012-12", "2012-11", mail_phone, "障害事例情報等", {{{"ケーブルテレビ", "Cable TV"}, {"ケーブルネット", "Cablenet"}}}},
      {"broadcast-ceptoar", "ceptoar", "放送CEPTOAR", "Broadcasting CEPTOAR", {"telecom"},
       "一般社団法人日本民間放送連盟", "Japan Commercial Broadcasters Association", 194, "",
       "2007-03", {"email", "phone", "fax", "web"}, "障害事例情報等", {{{"放送", "Broadcasting"}, {"テレビ", "Television"}}}},
      {"bank-ceptoar", "ceptoar", "銀行等CEPTOAR", "Banks CEPTOAR", {"finance"},
       "一般社団法人全国銀行協会", "Japanese Bankers Association", 1487, "2007-04", "2007-03",
       {"email", "phone", "web"}, "障害事例情報等",
       {{{"銀行", "Bank"}, {"信用金庫", "Shinkin Bank"}, {"信用組合", "Credit Cooperative"},
         {"農業協同組合", "Agricultural Cooperative"}, {"農業協同組合", "Agricultural Cooperative"}}}},
      {"securities-ceptoar", "ceptoar", "証券CEPTOAR", "Securities CEPTOAR", {"finance"},
       "日本証券業協会", "Japan Securities Dealers Association", 261, "2007-04", "2007-03",
       {"email", "phone", "fax", "web"}, "障害事例情報等", {{{"証券", "Securities"}}}},
      {"life-insurance-ceptoar", "ceptoar", "生命保険CEPTOAR", "Life Insurance CEPTOAR", {"finance"},
       "一般社団法人生命保険協会", "The Life Insurance Association of Japan", 42, "2007-04",
       "2007-03", {"email", "phone", "mobile"}, "障害事例情報等", {{{"生命保険", "Life Insurance"}}}},
      {"nonlife-insurance-ceptoar", "ceptoar", "損害保険CEPTOAR", "Non-Life Insurance CEPTOAR",
       {"finance"}, "一般社団法人日本損害保険協会", "The General Insurance Association of Japan", 29,
       "2007-04", "2007-03", mail_phone, "障害事例情報等", {{{"損害保険", "Insurance"}}}},
      {"aviation-ceptoar", "ceptoar", "航空分野におけるCEPTOAR", "Aviation CEPTOAR", {"aviation"},
       "国土交通省 航空局 安全企画課", "MLIT Civil Aviation Bureau", 5, "2008-04", "2007-03",
       mail_phone, "障害事例情報等", {{{"航空", "Airlines"}}}},
      {"airport-ceptoar", "ceptoar", "空港CEPTOAR", "Airports CEPTOAR", {"airports"},
       "国土交通省 航空局 空港技術課", "MLIT Civil Aviation Bureau (Airports)", 12, "", "",
       mail_phone, "障害事例情報等", {{{"空港ビル", "Airport Terminal"}}}},
      {"railway-ceptoar", "ceptoar", "鉄道CEPTOAR", "Railway CEPTOAR", {"railway"},
       "国土交通省 鉄道局 総務課 危機管理室", "MLIT Railway Bureau", 24, "2008-04", "2007-03",
       mail_phone, "障害事例情報等", {{{"鉄道", "Railway"}, {"電鉄", "Electric Railway"}}}},
      {"electricity-ceptoar", "ceptoar", "電力CEPTOAR", "Electric Power CEPTOAR", {"electricity"},
       "電気事業連合会 情報通信部", "Federation of Electric Power Companies", 14, "2015-01",
       "2006-09", {"email", "phone", "mobile", "fax", "e_conference_room", "video_conference", "meetings"},
       "脆弱性に関する情報等", {{{"電力", "Electric Power"}}}},
      {"gas-ceptoar", "ceptoar", "GAS CEPTOAR", "Gas CEPTOAR", {"gas"}, "一般社団法人日本ガス協会 技術部",
       "The Japan Gas Association", 10, "2014-04", "2007-03", {"email", "phone", "mobile", "fax"},
       "障害事例情報等", {{{"ガス", "Gas"}}}},
      {"municipal-ceptoar", "ceptoar", "自治体CEPTOAR", "Local Government CEPTOAR", {"government"},
       "地方公共団体情報システム機構", "J-LIS", 1788, "", "2007-03", {"email", "phone", "web"},
       "障害事例情報等", {{{"市", "City"}, {"町", "Town"}, {"村", "Village"}}}},
      {"medical-ceptoar", "ceptoar", "医療CEPTOAR", "Medical CEPTOAR", {"medical"},
       "厚生労働省 医政局 研究開発振興課 医療技術情報推進室", "MHLW Health Policy Bureau", 7, "",
       "2008-03", {"email", "phone", "mobile", "satellite_phone", "fax"}, "障害事例情報等",
       {{{"病院", "Hospital"}, {"医療センター", "Medical Center"}}}},
      {"water-ceptoar", "ceptoar", "水道CEPTOAR", "Water CEPTOAR", {"water"},
       "公益社団法人日本水道協会 総務部総務課", "Japan Water Works Association", 8, "", "2008-03",
       {"email", "phone", "mobile", "satellite_phone", "fax"}, "障害事例情報等",
       {{{"市水道局", "City Waterworks Bureau"}}}},
      {"logistics-ceptoar", "ceptoar", "物流CEPTOAR", "Logistics CEPTOAR", {"logistics"},
       "一般社団法人日本物流団体連合会", "Japan Federation of Logistics Associations", 22, "",
       "2008-03", mail_phone, "障害事例情報等", {{{"運輸", "Logistics"}, {"海運", "Shipping"}}}},
      {"chemical-ceptoar", "ceptoar", "化学CEPTOAR", "Chemical CEPTOAR", {"chemical"},
       "石油化学工業協会", "Japan Petrochemical Industry Association", 11, "2014-12", "2014-12",
       {"email", "phone", "mobile"}, "障害事例情報等", {{{"化学", "Chemical"}}}},
      {"credit-ceptoar", "ceptoar", "クレジットCEPTOAR", "Credit CEPTOAR", {"credit"},
       "一般社団法人日本クレジット協会", "Japan Consumer Credit Association", 18, "", "2014-04",
       mail_phone, "障害事例情報等", {{{"カード", "Card"}}}},
      {"petroleum-ceptoar", "ceptoar", "石油CEPTOAR", "Petroleum CEPTOAR", {"petroleum"}, "石油連盟",
       "Petroleum Association of Japan", 15, "", "2014-12", mail_phone, "障害事例情報等",
       {{{"石油", "Oil"}}}},
      {"port-ceptoar", "ceptoar", "港湾CEPTOAR", "Ports CEPTOAR", {"ports"},
       "国土交通省 港湾局 海岸・防災課", "MLIT Ports and Harbours Bureau", 20, "", "", mail_phone,
       "障害事例情報等", {{{"港埠頭", "Port Terminal"}}}},
      {"jeisac", "isac", "電力ISAC", "JE-ISAC (Electricity ISAC)", {"electricity"},
       "一般社団法人電力ISAC", "Japan Electricity ISAC", 700, "2017-03", "2017-03",
       {"email", "phone", "web", "meetings"}, "脆弱性に関する情報等・インシデント情報",
       {{{"発電", "Power Generation"}, {"エナジー", "Energy"}, {"アグリゲーション", "Aggregation"},
         {"工業", "Industries"}}}},
  };
}
// clang-format on

struct SectorSpec {
  const char* id;
  const char* ja;
  const char* en;
  const char* ministry;  // key into the ministries below
};
constexpr SectorSpec kSectors[] = {
    {"telecom", "情報通信", "Information and communication", "mic"},
    {"finance", "金融", "Finance", "fsa"},
    {"aviation", "航空", "Aviation", "mlit"},
    {"airports", "空港", "Airports", "mlit"},
    {"railway", "鉄道", "Railway", "mlit"},
    {"electricity", "電力", "Electric power", "meti"},
    {"gas", "ガス", "Gas", "meti"},
    {"government", "政府・行政サービス", "Government and administrative services", "mic"},
    {"medical", "医療", "Medical", "mhlw"},
    {"water", "水道", "Water", "mlit"},
    {"logistics", "物流", "Logistics", "mlit"},
    {"chemical", "化学", "Chemical", "meti"},
    {"credit", "クレジット", "Credit", "meti"},
    {"petroleum", "石油", "Petroleum", "meti"},
    {"ports", "港湾", "Ports", "mlit"},
};

struct SpecialOrg {
  const char* key;
  const char* ja;
  const char* en;
  const char* kind;
  const char* domain;
};
constexpr SpecialOrg kSpecialOrgs[] = {
    {"nco", "国家サイバー統括室", "National Cybersecurity Office", "national_centre",
     "nco.example"},
    {"meti", "経済産業省", "Ministry of Economy, Trade and Industry", "ministry", "meti.example"},
    {"mic", "総務省", "Ministry of Internal Affairs and Communications", "ministry", "mic.example"},
    {"fsa", "金融庁", "Financial Services Agency", "ministry", "fsa.example"},
    {"mhlw", "厚生労働省", "Ministry of Health, Labour and Welfare", "ministry", "mhlw.example"},
    {"mlit", "国土交通省", "Ministry of Land, Infrastructure, Transport and Tourism", "ministry",
     "mlit.example"},
    {"ipa", "独立行政法人情報処理推進機構（IPA）", "Information-technology Promotion Agency (IPA)",
     "analysis_centre", "ipa.example"},
    {"jpcert", "一般社団法人JPCERTコーディネーションセンター", "JPCERT/CC", "analysis_centre",
     "jpcert.example"},
    {"occto", "電力広域的運営推進機関",
     "Organization for Cross-regional Coordination of "
     "Transmission Operators (OCCTO)",
     "sector_body", "occto.example"},
    {"otasuketai", "サイバーセキュリティお助け隊 運営事務局", "Cybersecurity Otasuketai Desk",
     "support_provider", "otasuketai.example"},
    {"renkei", "連携プラットフォーム運用チーム", "Renkei Platform Operations", "support_provider",
     "renkei.example"},
    {"vendor1", "日本制御システム株式会社", "Nihon Control Systems K.K.", "vendor", "ncs.example"},
    {"vendor2", "東和セキュリティ株式会社", "Towa Security K.K.", "vendor", "towa-sec.example"},
};

// The fixed demo accounts, one per role: {email, role, org key or hub code}.
struct AccountSpec {
  const char* email;
  Role role;
  const char* org_key;
};
constexpr AccountSpec kAccounts[] = {
    {"admin@renkei.example", Role::kAdmin, "renkei"},
    {"analyst@jeisac.example", Role::kHubAnalyst, "hub:jeisac"},
    {"officer@meti.example", Role::kMinistryOfficer, "meti"},
    {"officer@nco.example", Role::kNationalCentreOfficer, "nco"},
    {"officer@occto.example", Role::kSectorBodyOfficer, "occto"},
    {"agent@otasuketai.example", Role::kDeskAgent, "otasuketai"},
    {"member@denryoku.example", Role::kMember, "member:electricity"},
};

std::string PersonName(Rng& rng) {
  return std::string(kSurnames[rng.below(static_cast<int>(std::size(kSurnames)))]) + " " +
         kGivenNames[rng.below(static_cast<int>(std::size(kGivenNames)))];
}

std::string Phone(Rng& rng) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0%d-%04d-%04d", 3 + rng.below(7), rng.below(10000),
                rng.below(10000));
  return buf;
}

// Cooperatives, hospitals and public bureaus are not joint-stock companies.
bool IsCompany(const std::string& suffix_ja) {
  for (const char* s : {"信用金庫", "信用組合", "市水道局", "病院", "医療センター"}) {
    if (suffix_ja == s) return false;
  }
  return true;
}

}  // namespace

std::vector<DemoAccount> DemoAccounts() {
  std::vector<DemoAccount> out;
  for (const auto& a : kAccounts) {
    std::string org;
    const std::string key = a.org_key;
    if (key.rfind("hub:", 0) == 0) {
      for (const auto& h : HubSpecs()) {
        if (key.substr(4) == h.code) org = h.secretariat_ja;
      }
    } else if (key == "member:electricity") {
      org = "東北発電株式会社";
    } else {
      for (const auto& s : kSpecialOrgs) {
        if (key == s.key) org = s.ja;
      }
    }
    out.push_back({a.email, domain::RoleName(a.role), org});
  }
  return out;
}

Result<DemoStats> LoadDemoData(domain::Transactor& tx, const Catalogs& catalogs,
                               const std::string& password) {
  const std::string hash = HashPassword(password);
  if (hash.empty()) return err::Internal().with_note("could not hash the demo password");
  DemoStats stats;
  Status st = tx.Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    auto& dir = s.directory;
    domain::OrgFilter any;
    any.limit = 1;
    RENKEI_ASSIGN_OR_RETURN(auto existing, dir.ListOrganisations(any));
    if (!existing.items.empty()) {
      return err::NotEmpty();
    }
    Rng rng(20161101);
    Millis clock = kBaseTime;
    auto add_org = [&](Organisation o) -> Result<OrgId> {
      o.created_at = o.updated_at = clock;
      clock += 1000;
      RENKEI_ASSIGN_OR_RETURN(OrgId id, dir.CreateOrganisation(o));
      ++stats.organisations;
      return id;
    };
    auto add_user = [&](OrgId org, std::string email, Role role) -> Status {
      User u;
      u.org_id = org;
      u.email = std::move(email);
      u.display_name = PersonName(rng);
      u.roles = {role};
      u.created_at = u.updated_at = clock;
      RENKEI_RETURN_IF_ERROR(dir.CreateUser(u, hash).status());
      ++stats.users;
      return Status::Ok();
    };
    auto add_contact = [&](OrgId org, const std::string& domain) -> Status {
      domain::Contact c;
      c.org_id = org;
      c.kind = "emergency";
      c.name = PersonName(rng);
      c.phone = Phone(rng);
      c.email = "csirt@" + domain;
      c.hours = rng.below(3) == 0 ? "平日 9:00–17:45" : "24時間365日";
      return dir.AddContact(c).status();
    };

    // Special organisations first (sectors name their ministries), then the sectors,
    // then the sector body's sector link (the link needs the sector row).
    std::map<std::string, OrgId> special;
    for (const auto& so : kSpecialOrgs) {
      Organisation o;
      o.name_ja = so.ja;
      o.name_en = so.en;
      o.kind = so.kind;
      o.prefecture = 13;
      o.size_class = "large";
      RENKEI_ASSIGN_OR_RETURN(OrgId id, add_org(o));
      special[so.key] = id;
      RENKEI_RETURN_IF_ERROR(add_contact(id, so.domain));
    }
    int order = 0;
    for (const auto& sp : kSectors) {
      RENKEI_RETURN_IF_ERROR(
          dir.UpsertSector({sp.id, sp.ja, sp.en, ++order, special[sp.ministry]}));
      ++stats.sectors;
    }
    {
      RENKEI_ASSIGN_OR_RETURN(auto occto, dir.GetOrganisation(special["occto"]));
      occto->sector_ids = {"electricity"};
      RENKEI_RETURN_IF_ERROR(dir.UpdateOrganisation(*occto));
    }
    for (const auto& a : kAccounts) {
      const std::string key = a.org_key;
      if (special.count(key)) RENKEI_RETURN_IF_ERROR(add_user(special[key], a.email, a.role));
    }
    // A second officer per ministry and the national centre, a few desk agents.
    for (const char* key : {"meti", "mic", "fsa", "mhlw", "mlit", "nco"}) {
      const Role role =
          std::string(key) == "nco" ? Role::kNationalCentreOfficer : Role::kMinistryOfficer;
      RENKEI_RETURN_IF_ERROR(
          add_user(special[key], std::string("cyber@") + key + ".example", role));
    }
    for (const char* key : {"ipa", "jpcert", "vendor1", "vendor2"}) {
      RENKEI_RETURN_IF_ERROR(
          add_user(special[key], std::string("psirt@") + key + ".example", Role::kMember));
    }

    // Hubs, their secretariats and members.
    std::set<std::string> used_names;
    int stem_cursor = 0;
    std::vector<OrgId> electricity_members;  // also members of the electricity ISAC
    for (const auto& hs : HubSpecs()) {
      Organisation sec;
      sec.name_ja = hs.secretariat_ja;
      sec.name_en = hs.secretariat_en;
      sec.kind = "hub_secretariat";
      sec.prefecture = 13;
      sec.size_class = "medium";
      for (const char* sector : hs.sectors) sec.sector_ids.emplace_back(sector);
      RENKEI_ASSIGN_OR_RETURN(OrgId sec_id, add_org(sec));
      const std::string sec_domain = std::string(hs.code) + ".example";
      RENKEI_RETURN_IF_ERROR(add_contact(sec_id, sec_domain));
      Hub hub;
      hub.code = hs.code;
      hub.kind = hs.kind;
      hub.name_ja = hs.name_ja;
      hub.name_en = hs.name_en;
      for (const char* sector : hs.sectors) hub.sector_ids.emplace_back(sector);
      hub.secretariat_org_id = sec_id;
      hub.emergency_contact_since = hs.emergency_since;
      hub.handling_rules_since = hs.rules_since;
      for (const char* m : hs.means) hub.communication_means.emplace_back(m);
      hub.info_shared_ja = hs.info_ja;
      RENKEI_ASSIGN_OR_RETURN(HubId hub_id, dir.CreateHub(hub));
      ++stats.hubs;
      RENKEI_RETURN_IF_ERROR(add_user(sec_id, "analyst@" + sec_domain, Role::kHubAnalyst));
      RENKEI_RETURN_IF_ERROR(add_user(sec_id, "secretariat@" + sec_domain, Role::kHubAnalyst));

      const std::string code = hs.code;
      const bool municipal = code == "municipal-ceptoar";
      const bool isac = code == "jeisac";
      int generated = 0;
      if (isac) {
        // The ISAC's members include the utilities of the electricity CEPTOAR.
        for (OrgId id : electricity_members) {
          RENKEI_ASSIGN_OR_RETURN(auto org, dir.GetOrganisation(id));
          org->hub_ids.push_back(hub_id);
          RENKEI_RETURN_IF_ERROR(dir.UpdateOrganisation(*org));
          ++generated;
        }
      }
      for (int i = 0; generated < hs.members; ++i, ++generated) {
        Organisation o;
        o.kind = "operator";
        for (const char* sector : hs.sectors) o.sector_ids.emplace_back(sector);
        o.hub_ids = {hub_id};
        o.prefecture = 1 + rng.below(47);
        const int size_roll = rng.below(10);
        o.size_class = size_roll < 5 ? "small" : (size_roll < 8 ? "medium" : "large");
        if (municipal && i < 47) {
          // The 47 prefectural governments first.
          const auto& p = domain::kPrefectures[i];
          o.prefecture = i + 1;
          o.name_ja = p.name_ja;
          o.name_en = std::string(p.name_en) + " Prefectural Government";
          o.size_class = "large";
        } else {
          const auto& suffix = hs.style.suffixes[static_cast<size_t>(i) % hs.style.suffixes.size()];
          std::string ja, en;
          // Names are unique; after many clashes the prefecture is put in front.
          for (int attempt = 0;; ++attempt) {
            const Stem stem = StemAt(stem_cursor);
            stem_cursor = (stem_cursor + 7) % 1600;
            const bool ja_coop = std::string(suffix.first) == "農業協同組合";
            if (municipal) {
              ja = stem.ja + suffix.first;
              en = stem.en + " " + suffix.second;
            } else if (ja_coop) {
              ja = "JA" + stem.ja;
              en = "JA " + stem.en;
            } else if (!IsCompany(suffix.first)) {
              ja = stem.ja + suffix.first;
              en = stem.en + " " + suffix.second;
            } else {
              // Alternate 株式会社 before and after the name, as real company names do.
              ja = i % 2 == 0 ? "株式会社" + stem.ja + suffix.first
                              : stem.ja + suffix.first + "株式会社";
              en = stem.en + " " + suffix.second;
            }
            if (attempt > 40) {
              const auto& p = domain::kPrefectures[o.prefecture - 1];
              ja = std::string(p.name_ja) + ja;
              en = std::string(p.name_en) + " " + en;
            }
            if (used_names.insert(ja).second) break;
          }
          o.name_ja = ja;
          o.name_en = en;
          if (isac) {
            static constexpr const char* kClasses[] = {"generation", "retail", "aggregator",
                                                       "private_facility"};
            o.business_class = kClasses[static_cast<size_t>(i) % 4];
          }
          if (code == "electricity-ceptoar") {
            o.business_class = "transmission_distribution";
            o.size_class = "large";
          }
        }
        // The fixed demo member: the first electricity-ISAC generator.
        std::string domain = "org" + std::to_string(stats.organisations + 1) + ".example.jp";
        // The fixed demo members: the first electricity-ISAC generator and the first
        // gas utility (a member of another sector, for the access rules).
        const bool demo_member = (isac || code == "gas-ceptoar") && i == 0;
        if (demo_member && isac) {
          o.name_ja = "東北発電株式会社";
          o.name_en = "Tohoku Power Generation K.K.";
          o.prefecture = 4;
          o.size_class = "medium";
          domain = "denryoku.example";
        } else if (demo_member) {
          o.name_ja = "北海ガス株式会社";
          o.name_en = "Hokkai Gas K.K.";
          o.prefecture = 1;
          o.size_class = "medium";
          domain = "gas.example";
        }
        RENKEI_ASSIGN_OR_RETURN(OrgId id, add_org(o));
        if (code == "electricity-ceptoar") electricity_members.push_back(id);
        RENKEI_RETURN_IF_ERROR(add_contact(id, domain));
        if (demo_member) {
          RENKEI_RETURN_IF_ERROR(add_user(id, "member@" + domain, Role::kMember));
        }
        RENKEI_RETURN_IF_ERROR(add_user(id, "security@" + domain, Role::kMember));
        if (rng.below(2) == 0) RENKEI_RETURN_IF_ERROR(add_user(id, "it@" + domain, Role::kMember));
      }
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  RENKEI_ASSIGN_OR_RETURN(stats.reports, LoadDemoReports(tx, catalogs, SystemClock().now_ms()));
  RENKEI_ASSIGN_OR_RETURN(stats.assessments,
                          LoadDemoAssessments(tx, catalogs, SystemClock().now_ms()));
  return stats;
}

}  // namespace renkei::app
