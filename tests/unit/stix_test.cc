// The STIX 2.1 export's mapping and codec (domain/stix, http/stix): ids, patterns, markings,
// versions, and every object kind validated against the OASIS JSON schemas.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/time_format.h"
#include "core/uuid.h"
#include "domain/stix/stix_mapping.h"
#include "http/stix/stix_json.h"
#include "support/stix_schema.h"

namespace renkei {
namespace {

using domain::Indicator;
using domain::Tlp;
namespace stix = domain::stix;

constexpr Millis kPublished = 1764547200000;  // 2025-12-01T00:00:00Z

stix::ItemExport Advisory() {
  stix::ItemExport e;
  auto& it = e.item;
  it.id = domain::ItemId(41);
  it.kind = "advisory";
  it.tlp = Tlp::kAmber;
  it.author_id = UserId(7);
  it.author_name = "佐藤 花子";
  it.sender_org_id = OrgId(3);
  it.sender_org_name_ja = "電力ISAC";
  it.sender_org_name_en = "Electricity ISAC";
  it.published_at = kPublished;
  it.updated_at = kPublished;
  it.content.title = "VPN 装置の脆弱性（CVE-2024-3400）への対応";
  it.content.body = "## 概要\n\n「至急」対応してください。\\ バックスラッシュと \"引用符\"。";
  it.content.action_requested = "パッチ適用状況の報告";
  it.content.action_due_at = kPublished + 86400000;
  it.content.cve_ids = {"CVE-2024-3400", "cve-2023-4966"};
  it.content.affected_products = {"PAN-OS 10.2 < 10.2.9-h1"};
  it.content.detection = "ログで /ssl-vpn/hipreport.esp への不審な要求を確認する。";
  it.content.mitigation = "修正版へ更新する。";
  e.indicators = {
      {"ipv4", "192.0.2.10", "C2"},
      {"ipv6", "2001:db8::1", ""},
      {"domain", "evil.example", ""},
      {"url", "http://evil.example/a'b\\c", "quotes"},
      {"email", "attacker@evil.example", ""},
      {"md5", "d41d8cd98f00b204e9800998ecf8427e", ""},
      {"sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709", ""},
      {"sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ""},
      {"ipv4", "192.0.2.10", "the same again"}};
  e.sender = {OrgId(3), "電力ISAC", "Electricity ISAC", kPublished - 1000, kPublished - 10};
  return e;
}

stix::ItemExport Alert() {
  stix::ItemExport e;
  auto& it = e.item;
  it.id = domain::ItemId(42);
  it.kind = "alert";
  it.tlp = Tlp::kGreen;
  it.sender_org_id = OrgId(3);
  it.sender_org_name_ja = "電力ISAC";
  it.published_at = kPublished + 5000;
  it.content.title = "フィッシングメールへの注意";
  it.content.body = "不審なメールが出回っています。";
  it.content.cve_ids = {"CVE-2025-0001"};
  it.content.mitigation = "添付を開かない。";
  e.sender = {OrgId(3), "電力ISAC", "Electricity ISAC", kPublished - 1000, kPublished - 10};
  return e;
}

nlohmann::json Json(const stix::Bundle& b) {
  return nlohmann::json::parse(http::stix::WriteBundle(b));
}

std::vector<nlohmann::json> OfType(const nlohmann::json& bundle, const std::string& type) {
  std::vector<nlohmann::json> out;
  for (const auto& o : bundle["objects"])
    if (o["type"] == type) out.push_back(o);
  return out;
}

TEST(Uuid, V5MatchesTheRfcAndPythonsUuid5) {
  std::string hex;
  for (auto b : Sha1("abc")) {
    static constexpr char kHex[] = "0123456789abcdef";
    hex += kHex[b >> 4];
    hex += kHex[b & 0xF];
  }
  EXPECT_EQ(hex, "a9993e364706816aba3e25717850c26c9cd0d89d");  // FIPS 180 "abc"
  const auto dns = ParseUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
  ASSERT_TRUE(dns);
  // python3 -c 'import uuid; print(uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"))'
  EXPECT_EQ(FormatUuid(UuidV5(*dns, "python.org")), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  EXPECT_FALSE(ParseUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c"));
  EXPECT_FALSE(ParseUuid("6ba7b810x9dad-11d1-80b4-00c04fd430c8"));
}

TEST(Stix, PatternsPerIndicatorKindWithQuotesAndBackslashesEscaped) {
  EXPECT_EQ(stix::IndicatorPattern({"ipv4", "192.0.2.1", ""}), "[ipv4-addr:value = '192.0.2.1']");
  EXPECT_EQ(stix::IndicatorPattern({"ipv6", "2001:db8::1", ""}),
            "[ipv6-addr:value = '2001:db8::1']");
  EXPECT_EQ(stix::IndicatorPattern({"domain", "a.example", ""}),
            "[domain-name:value = 'a.example']");
  EXPECT_EQ(stix::IndicatorPattern({"email", "x@a.example", ""}),
            "[email-addr:value = 'x@a.example']");
  EXPECT_EQ(stix::IndicatorPattern({"md5", "ab", ""}), "[file:hashes.MD5 = 'ab']");
  EXPECT_EQ(stix::IndicatorPattern({"sha1", "ab", ""}), "[file:hashes.'SHA-1' = 'ab']");
  EXPECT_EQ(stix::IndicatorPattern({"sha256", "ab", ""}), "[file:hashes.'SHA-256' = 'ab']");
  EXPECT_EQ(stix::IndicatorPattern({"url", "http://a.example/it's\\x", ""}),
            "[url:value = 'http://a.example/it\\'s\\\\x']");
  EXPECT_EQ(stix::IndicatorPattern({"mutex", "x", ""}), "");
}

TEST(Stix, EveryObjectKindOfAnExportIsValidAgainstTheStixSchemas) {
  const auto withdrawn = [] {
    auto e = Advisory();
    e.item.id = domain::ItemId(43);
    e.item.withdrawn = true;
    e.item.withdrawn_at = kPublished + 99000;
    return e;
  }();
  const auto j = Json(stix::ToBundle({Advisory(), Alert(), withdrawn}));
  EXPECT_EQ(testing::StixBundleErrors(j), "");
  std::set<std::string> kinds;
  for (const auto& o : j["objects"]) kinds.insert(o["type"].get<std::string>());
  EXPECT_EQ(kinds, (std::set<std::string>{"extension-definition", "marking-definition", "identity",
                                          "report", "note", "indicator", "vulnerability",
                                          "course-of-action", "relationship"}));
  // An object the schema refuses is caught (the check is not vacuous).
  auto broken = OfType(j, "indicator")[0];
  broken.erase("pattern");
  EXPECT_NE(testing::StixObjectErrors(broken), "");
  auto bad_id = OfType(j, "report")[0];
  bad_id["id"] = "report--not-a-uuid";
  EXPECT_NE(testing::StixObjectErrors(bad_id), "");
}

TEST(Stix, AReportNamesEverythingOfTheItemAndTheGuidanceIsRelated) {
  const auto j = Json(stix::ToBundle({Advisory()}));
  const auto reports = OfType(j, "report");
  ASSERT_EQ(reports.size(), 1u);
  const auto& r = reports[0];
  EXPECT_EQ(r["name"], Advisory().item.content.title);
  EXPECT_EQ(r["description"], Advisory().item.content.body);  // Japanese, quotes, backslash
  EXPECT_EQ(r["lang"], "ja");
  EXPECT_EQ(r["report_types"], nlohmann::json::array({"vulnerability"}));
  EXPECT_EQ(r["x_renkei_action_requested"], "パッチ適用状況の報告");
  std::set<std::string> refs(r["object_refs"].begin(), r["object_refs"].end());
  for (const auto& o : j["objects"]) {
    const std::string t = o["type"];
    if (t == "report" || t == "marking-definition" || t == "extension-definition") continue;
    EXPECT_TRUE(refs.count(o["id"])) << o["id"];
  }
  EXPECT_EQ(OfType(j, "indicator").size(), 8u);  // the repeated ipv4 once
  const auto vulns = OfType(j, "vulnerability");
  ASSERT_EQ(vulns.size(), 2u);
  EXPECT_EQ(vulns[1]["name"], "CVE-2023-4966");
  EXPECT_EQ(vulns[1]["external_references"][0]["source_name"], "cve");
  EXPECT_EQ(OfType(j, "course-of-action").size(), 2u);
  std::map<std::string, int> rels;
  for (const auto& rel : OfType(j, "relationship")) ++rels[rel["relationship_type"]];
  EXPECT_EQ(rels["mitigates"], 2);     // the mitigation → each CVE
  EXPECT_EQ(rels["investigates"], 8);  // the detection → each indicator
  // The identity is the sender organisation; no person is named anywhere.
  const auto ids = OfType(j, "identity");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(ids[0]["name"], "電力ISAC");
  EXPECT_EQ(ids[0]["identity_class"], "organization");
  for (const auto& o : j["objects"]) {
    if (o["type"] == "identity" || o["type"] == "marking-definition" ||
        o["type"] == "extension-definition")
      continue;
    EXPECT_EQ(o["created_by_ref"], ids[0]["id"]);
  }
  EXPECT_EQ(http::stix::WriteBundle(stix::ToBundle({Advisory()})).find("佐藤"), std::string::npos);
}

TEST(Stix, AnAlertWithoutIndicatorsIsANote) {
  const auto j = Json(stix::ToBundle({Alert()}));
  EXPECT_TRUE(OfType(j, "report").empty());
  const auto notes = OfType(j, "note");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]["abstract"], "フィッシングメールへの注意");
  EXPECT_EQ(notes[0]["content"], "不審なメールが出回っています。");
  EXPECT_EQ(notes[0]["object_refs"].size(), 4u);  // identity, CVE, mitigation, mitigates
}

TEST(Stix, TheSameItemGivesTheSameIdsAndARevisionOnlyANewModified) {
  const std::string once = http::stix::WriteBundle(stix::ToBundle({Advisory()}));
  EXPECT_EQ(http::stix::WriteBundle(stix::ToBundle({Advisory()})), once);  // same bytes
  auto revised = Advisory();
  revised.item.version = 2;
  revised.item.revised_at = kPublished + 3600000;
  revised.item.content.title = "VPN 装置の脆弱性への対応（第2報）";
  const auto a = Json(stix::ToBundle({Advisory()}));
  const auto b = Json(stix::ToBundle({revised}));
  ASSERT_EQ(a["objects"].size(), b["objects"].size());
  EXPECT_NE(a["id"], b["id"]);  // the bundle names the versions it holds
  for (size_t i = 0; i < a["objects"].size(); ++i) {
    const auto &x = a["objects"][i], &y = b["objects"][i];
    EXPECT_EQ(x["id"], y["id"]);
    if (x["type"] == "marking-definition" || x["type"] == "extension-definition" ||
        x["type"] == "identity") {
      EXPECT_EQ(x, y);
      continue;
    }
    EXPECT_EQ(x["created"], FormatRfc3339Utc(kPublished));
    EXPECT_EQ(y["created"], x["created"]);
    EXPECT_EQ(x["modified"], FormatRfc3339Utc(kPublished));
    EXPECT_EQ(y["modified"], FormatRfc3339Utc(kPublished + 3600000));
  }
  // Another item's objects have other ids.
  auto other = Advisory();
  other.item.id = domain::ItemId(99);
  const auto c = Json(stix::ToBundle({other}));
  EXPECT_NE(OfType(c, "report")[0]["id"], OfType(a, "report")[0]["id"]);
  EXPECT_NE(OfType(c, "indicator")[0]["id"], OfType(a, "indicator")[0]["id"]);
  EXPECT_EQ(OfType(c, "identity")[0]["id"], OfType(a, "identity")[0]["id"]);
}

TEST(Stix, AWithdrawnItemsObjectsAreRevokedAtTheWithdrawal) {
  auto e = Advisory();
  e.item.withdrawn = true;
  e.item.withdrawn_at = kPublished + 7200000;
  const auto j = Json(stix::ToBundle({e}));
  EXPECT_EQ(testing::StixBundleErrors(j), "");
  int revoked = 0;
  for (const auto& o : j["objects"]) {
    const std::string t = o["type"];
    if (t == "marking-definition" || t == "extension-definition" || t == "identity") {
      EXPECT_FALSE(o.contains("revoked"));
      continue;
    }
    EXPECT_EQ(o["revoked"], true) << o["id"];
    EXPECT_EQ(o["modified"], FormatRfc3339Utc(kPublished + 7200000));
    ++revoked;
  }
  EXPECT_EQ(revoked, 1 + 8 + 2 + 2 + 10);
  EXPECT_FALSE(Json(stix::ToBundle({Advisory()}))["objects"][6].contains("revoked"));
}

TEST(Stix, EveryObjectCarriesItsLabelsOasisTlp2MarkingAndEveryBundleAllFive) {
  const std::map<Tlp, std::string> ids = {
      {Tlp::kClear, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"},
      {Tlp::kGreen, "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"},
      {Tlp::kAmber, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"},
      {Tlp::kAmberStrict, "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"},
      {Tlp::kRed, "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"}};
  for (const auto& [tlp, id] : ids) {
    auto e = Advisory();
    e.item.tlp = tlp;
    const auto j = Json(stix::ToBundle({e}));
    std::set<std::string> markings;
    for (const auto& m : OfType(j, "marking-definition")) markings.insert(m["id"]);
    EXPECT_EQ(markings.size(), 5u);
    EXPECT_TRUE(markings.count(id));
    for (const auto& o : j["objects"]) {
      const std::string t = o["type"];
      if (t == "marking-definition" || t == "extension-definition") continue;
      ASSERT_TRUE(o.contains("object_marking_refs")) << o["id"];
      const std::string want = t == "identity" ? ids.at(Tlp::kClear) : id;
      EXPECT_EQ(o["object_marking_refs"], nlohmann::json::array({want})) << o["id"];
    }
  }
}

}  // namespace
}  // namespace renkei
