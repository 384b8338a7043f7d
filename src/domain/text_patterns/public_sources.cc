#include "domain/text_patterns/public_sources.h"

#include <iterator>
#include <string>

#include "domain/text_patterns/aho_corasick.h"
#include "domain/text_patterns/ascii.h"

namespace renkei::domain::text_patterns {
namespace {

// Government bodies and public references that warn, advise or regulate.
constexpr std::string_view kBodies[] = {"NISC",
                                        "NCO",
                                        "国家サイバー統括室",
                                        "内閣サイバーセキュリティセンター",
                                        "内閣官房",
                                        "内閣府",
                                        "IPA",
                                        "情報処理推進機構",
                                        "JPCERT/CC",
                                        "JPCERT",
                                        "JPCERTコーディネーションセンター",
                                        "NICT",
                                        "情報通信研究機構",
                                        "警察庁",
                                        "警視庁",
                                        "総務省",
                                        "経済産業省",
                                        "経産省",
                                        "国土交通省",
                                        "国交省",
                                        "厚生労働省",
                                        "厚労省",
                                        "金融庁",
                                        "デジタル庁",
                                        "防衛省",
                                        "文部科学省",
                                        "文科省",
                                        "環境省",
                                        "農林水産省",
                                        "農水省",
                                        "法務省",
                                        "外務省",
                                        "財務省",
                                        "消費者庁",
                                        "原子力規制委員会",
                                        "原子力規制庁",
                                        "個人情報保護委員会",
                                        "資源エネルギー庁",
                                        "サイバー警察局",
                                        "NVD",
                                        "NIST",
                                        "CISA",
                                        "US-CERT",
                                        "MITRE",
                                        "ENISA",
                                        "Information-technology Promotion Agency",
                                        "National Police Agency",
                                        "Digital Agency",
                                        "Financial Services Agency",
                                        "Ministry of Economy, Trade and Industry",
                                        "Ministry of Internal Affairs and Communications",
                                        "Ministry of Land, Infrastructure, Transport and Tourism",
                                        "Ministry of Health, Labour and Welfare",
                                        "METI",
                                        "MIC",
                                        "MLIT",
                                        "MHLW",
                                        "National Cybersecurity Office",
                                        "National center of Incident readiness and Strategy for "
                                        "Cybersecurity"};

// Product vendors: named as the maker of what was attacked or used, never the reporter.
constexpr std::string_view kVendors[] = {"Microsoft",
                                         "Cisco",
                                         "Fortinet",
                                         "Palo Alto Networks",
                                         "Citrix",
                                         "Ivanti",
                                         "Apple",
                                         "Google",
                                         "Amazon",
                                         "Oracle",
                                         "VMware",
                                         "Broadcom",
                                         "Siemens",
                                         "Schneider Electric",
                                         "Rockwell Automation",
                                         "Honeywell",
                                         "Emerson",
                                         "Yokogawa",
                                         "Mitsubishi Electric",
                                         "Hitachi",
                                         "Fujitsu",
                                         "NEC",
                                         "Toshiba",
                                         "Juniper",
                                         "F5",
                                         "SonicWall",
                                         "Check Point",
                                         "Trend Micro",
                                         "CrowdStrike",
                                         "SentinelOne",
                                         "Sophos",
                                         "Kaspersky",
                                         "ESET",
                                         "Adobe",
                                         "IBM",
                                         "Intel",
                                         "Atlassian",
                                         "SAP",
                                         "Red Hat",
                                         "Zoom",
                                         "Okta",
                                         "Cloudflare",
                                         "GitHub",
                                         "Qualcomm",
                                         "Samsung",
                                         "Lenovo",
                                         "Dell",
                                         "HP",
                                         "Zyxel",
                                         "QNAP",
                                         "Synology",
                                         "Moxa",
                                         "ABB",
                                         "GE"};

// The words of PublicSourceWords(): bodies, then vendors.
struct Table {
  std::vector<std::string_view> words;
  Table() {
    for (std::string_view w : kBodies) words.push_back(w);
    for (std::string_view w : kVendors) words.push_back(w);
  }
};

const Table& Sources() {
  static const Table t;
  return t;
}

bool WordAt(std::string_view text, size_t b, size_t e) {
  const bool ascii_start = IsAlnum(static_cast<unsigned char>(text[b]));
  const bool ascii_end = IsAlnum(static_cast<unsigned char>(text[e - 1]));
  if (ascii_start && b > 0 && IsAlnum(static_cast<unsigned char>(text[b - 1]))) return false;
  if (ascii_end && e < text.size() && IsAlnum(static_cast<unsigned char>(text[e]))) return false;
  return true;
}

}  // namespace

WordList PublicSourceWords() { return Sources().words; }

void FindPublicSources(std::string_view text, std::span<const WordHit> hits,
                       std::vector<std::pair<size_t, size_t>>& out) {
  for (const WordHit& h : hits) {
    if (!WordAt(text, h.begin, h.end)) continue;
    // A word inside the longer one that ends here (JPCERT in JPCERT/CC) is dropped.
    while (!out.empty() && out.back().first >= h.begin) out.pop_back();
    out.emplace_back(h.begin, h.end);
  }
}

void FindPublicSources(std::string_view text, std::vector<std::pair<size_t, size_t>>& out) {
  static const WordFinder finder(PublicSourceWords());
  std::vector<WordHit> hits;
  finder.Find(text, hits);
  FindPublicSources(text, hits, out);
}

bool IsPublicVendor(std::string_view company) {
  for (std::string_view v : kVendors) {
    if (company.size() < v.size() || !EqualsIgnoringAsciiCase(company.substr(0, v.size()), v))
      continue;
    if (company.size() == v.size() || !IsAlnum(static_cast<unsigned char>(company[v.size()])))
      return true;
  }
  return false;
}

}  // namespace renkei::domain::text_patterns
