// The STIX 2.1 export over real HTTP with the demo data (issue 18): one item and a filtered
// list as bundles of the STIX media type, every object valid against the OASIS schemas, the
// same ids on every export and revision, revoked on withdrawal, the item's TLP marking, the
// list's rule and filter, 404 for what the caller may not see, audited.
#include <gtest/gtest.h>

#include <set>

#include "api/api_env.h"
#include "support/stix_schema.h"

namespace renkei::testing {
namespace {

using nlohmann::json;

constexpr const char* kAnalyst = "analyst@jeisac.example";  // the electricity hub
constexpr const char* kMember = "member@denryoku.example";  // 東北発電, electricity
constexpr const char* kGasMember = "member@gas.example";    // another sector
constexpr const char* kAdmin = "admin@renkei.example";
constexpr const char* kAmber = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";

std::int64_t PublishAdvisory(const Session& analyst, const std::string& title) {
  json in = {{"kind", "advisory"},
             {"tlp", "AMBER"},
             {"title", title},
             {"body", "## 概要\n\n「VPN 装置」の脆弱性。\\ と ' と \" を含む。"},
             {"cve_ids", {"CVE-2024-3400"}},
             {"affected_products", {"PAN-OS 10.2"}},
             {"detection", "ログを確認する。"},
             {"mitigation", "修正版へ更新する。"},
             {"audience", {{"sector_ids", {"electricity"}}}}};
  auto pub = analyst.Send("POST", "/api/v1/items", in);
  EXPECT_EQ(pub.status, 201) << pub.body;
  return pub.json()["id"].get<std::int64_t>();
}

json Bundle(const HttpResult& r) {
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/stix+json;version=2.1");
  const std::string cd = r.header("content-disposition");
  EXPECT_EQ(cd.rfind("attachment; ", 0), 0u) << cd;
  EXPECT_NE(cd.find(".stix.json"), std::string::npos) << cd;
  json j = json::parse(r.body, nullptr, false);
  EXPECT_EQ(StixBundleErrors(j), "");
  return j;
}

std::vector<json> OfType(const json& bundle, const std::string& type) {
  std::vector<json> out;
  for (const auto& o : bundle["objects"])
    if (o["type"] == type) out.push_back(o);
  return out;
}

std::map<std::string, std::string> IdsAndVersions(const json& bundle) {
  std::map<std::string, std::string> out;
  for (const auto& o : bundle["objects"])
    out[o["id"]] = o.contains("modified") ? o["modified"].get<std::string>() : "";
  return out;
}

TEST(Stix, AnItemIsABundleOfValidObjectsWithStableIdsAcrossExportsAndRevisions) {
  Session analyst = As(kAnalyst);
  const auto id = PublishAdvisory(analyst, "STIX 書き出しの確認");
  const std::string path = "/api/v1/items/" + std::to_string(id) + "/stix";
  auto first = analyst.Get(path);
  const json a = Bundle(first);
  const auto reports = OfType(a, "report");
  ASSERT_EQ(reports.size(), 1u) << first.body;
  EXPECT_EQ(reports[0]["name"], "STIX 書き出しの確認");
  EXPECT_EQ(reports[0]["description"], "## 概要\n\n「VPN 装置」の脆弱性。\\ と ' と \" を含む。");
  EXPECT_EQ(reports[0]["lang"], "ja");
  EXPECT_EQ(reports[0]["object_marking_refs"], json::array({kAmber}));
  EXPECT_EQ(OfType(a, "vulnerability").at(0)["name"], "CVE-2024-3400");
  EXPECT_EQ(OfType(a, "course-of-action").size(), 2u);
  EXPECT_EQ(OfType(a, "relationship").at(0)["relationship_type"], "mitigates");
  EXPECT_EQ(OfType(a, "marking-definition").size(), 5u);
  const auto identity = OfType(a, "identity").at(0);
  EXPECT_EQ(identity["name"],
            analyst.Get("/api/v1/items/" + std::to_string(id)).json()["sender_org"]["name_ja"]);
  EXPECT_EQ(reports[0]["created_by_ref"], identity["id"]);
  // The author is a person: never in the bundle.
  const std::string author = analyst.Get("/api/v1/me").json()["display_name"];
  ASSERT_FALSE(author.empty());
  EXPECT_EQ(first.body.find(author), std::string::npos);

  // The same item, the same bytes; a revision keeps every id and moves modified.
  EXPECT_EQ(analyst.Get(path).body, first.body);
  auto rev = analyst.Send("PATCH", "/api/v1/items/" + std::to_string(id),
                          json{{"title", "STIX 書き出しの確認（第2報）"},
                               {"body", "更新"},
                               {"cve_ids", {"CVE-2024-3400"}},
                               {"detection", "ログを確認する。"},
                               {"mitigation", "修正版へ更新する。"},
                               {"note", "第2報"}});
  ASSERT_EQ(rev.status, 200) << rev.body;
  const json b = Bundle(analyst.Get(path));
  const auto before = IdsAndVersions(a), after = IdsAndVersions(b);
  ASSERT_EQ(before.size(), after.size());
  for (const auto& [oid, modified] : before) {
    ASSERT_TRUE(after.count(oid)) << oid << " lost in the revision";
    if (oid.rfind("report--", 0) == 0) {
      EXPECT_LT(modified, after.at(oid)) << "modified moves with the revision";
    }
  }
  EXPECT_EQ(OfType(b, "report")[0]["created"], reports[0]["created"]);
  EXPECT_EQ(OfType(b, "report")[0]["name"], "STIX 書き出しの確認（第2報）");

  // Withdrawn: the same objects, revoked.
  auto wd = analyst.Send("POST", "/api/v1/items/" + std::to_string(id) + "/withdraw",
                         json{{"reason", "誤報"}});
  ASSERT_EQ(wd.status, 200) << wd.body;
  const json c = Bundle(analyst.Get(path));
  EXPECT_EQ(IdsAndVersions(c).size(), before.size());
  for (const auto& o : c["objects"]) {
    const std::string t = o["type"];
    if (t == "report" || t == "vulnerability" || t == "course-of-action" || t == "relationship") {
      EXPECT_EQ(o["revoked"], true) << o["id"];
    }
  }
}

TEST(Stix, WhatTheCallerMayNotSeeIs404AndTheRecipientsDeliveryStaysUnread) {
  Session analyst = As(kAnalyst);
  const auto id = PublishAdvisory(analyst, "STIX 可視性の確認");
  const std::string path = "/api/v1/items/" + std::to_string(id) + "/stix";
  ExpectProblem(As(kGasMember).Get(path), 404, "not_found");
  ExpectProblem(As(kGasMember).Get("/api/v1/items/999999999/stix"), 404, "not_found");
  Session member = As(kMember);
  Bundle(member.Get(path));
  // The file is not a reading: the inbox still shows it unread.
  const json inbox = member.Get("/api/v1/items?unread=true&limit=200").json();
  bool unread = false;
  for (const auto& it : inbox["items"]) unread |= it["id"] == id;
  EXPECT_TRUE(unread);
  // A draft is not exported.
  json draft = {{"kind", "alert"},
                {"tlp", "GREEN"},
                {"title", "下書き"},
                {"body", "未発信"},
                {"draft", true}};
  auto d = analyst.Send("POST", "/api/v1/items", draft);
  ASSERT_EQ(d.status, 201) << d.body;
  ExpectProblem(analyst.Get("/api/v1/items/" + d.json()["id"].dump() + "/stix"), 409,
                "item_is_draft");
}

TEST(Stix, TheListsBundleHoldsTheListsItemsWithItsFilterAndIsAudited) {
  Session analyst = As(kAnalyst);
  const auto id = PublishAdvisory(analyst, "STIX 一覧の確認");
  const std::string filter = "?scope=sent&kind=advisory&q=STIX";
  const json list = analyst.Get("/api/v1/items" + filter + "&limit=200").json();
  const json bundle = Bundle(analyst.Get("/api/v1/items/stix" + filter));
  std::set<std::string> names;
  for (const auto& r : OfType(bundle, "report")) names.insert(r["name"]);
  std::set<std::string> want;
  for (const auto& it : list["items"]) want.insert(it["title"]);
  EXPECT_EQ(names, want);
  EXPECT_TRUE(names.count("STIX 一覧の確認"));
  EXPECT_TRUE(OfType(bundle, "note").empty()) << "only advisories";
  // The member of another sector's bundle of everything holds none of it.
  const json gas = Bundle(As(kGasMember).Get("/api/v1/items/stix?scope=all"));
  for (const auto& r : OfType(gas, "report")) EXPECT_NE(r["name"], "STIX 一覧の確認");
  // Refused like the list, and only the list's parameters.
  ExpectProblem(analyst.Get("/api/v1/items/stix?scope=drafts"), 400, "invalid_value", "scope");
  ExpectProblem(analyst.Get("/api/v1/items/stix?limit=5"), 400, "unknown_parameter", "limit");
  ExpectProblem(analyst.Get("/api/v1/items/stix?tlp=PURPLE"), 400, "invalid_value", "tlp");
  // Audited: who, the format and the filter; the single item's export names the item.
  Bundle(analyst.Get("/api/v1/items/" + std::to_string(id) + "/stix"));
  const json log = As(kAdmin).Get("/api/v1/audit?action=export.stix&limit=10").json()["items"];
  ASSERT_GE(log.size(), 2u);
  EXPECT_EQ(log[0]["actor_label"], kAnalyst);
  EXPECT_EQ(log[0]["detail"]["format"], "stix");
  EXPECT_EQ(log[0]["target_id"], std::to_string(id));
  bool listed = false;
  for (const auto& e : log)
    listed |= e["detail"]["filter"].contains("kind") && e["detail"]["filter"]["kind"] == "advisory";
  EXPECT_TRUE(listed) << log.dump();
}

// The TAXII helper's review: the list's bundle was built from the list query, which leaves
// the body out, so every report of /items/stix came without its text.
TEST(Stix, Issue18_TheListsBundleCarriesEachItemsText) {
  Session analyst = As(kAnalyst);
  const auto id = PublishAdvisory(analyst, "STIX 本文の確認");
  const json one = Bundle(analyst.Get("/api/v1/items/" + std::to_string(id) + "/stix"));
  const auto single = OfType(one, "report");
  ASSERT_EQ(single.size(), 1u);
  ASSERT_TRUE(single[0].contains("description")) << single[0].dump();
  const json bundle =
      Bundle(analyst.Get("/api/v1/items/stix?scope=sent&q=STIX%20%E6%9C%AC%E6%96%87"));
  bool found = false;
  for (const auto& r : OfType(bundle, "report")) {
    if (r["name"] != "STIX 本文の確認") continue;
    found = true;
    EXPECT_EQ(r.value("description", ""), single[0]["description"]) << r.dump();
  }
  EXPECT_TRUE(found) << bundle.dump();
}

}  // namespace
}  // namespace renkei::testing
