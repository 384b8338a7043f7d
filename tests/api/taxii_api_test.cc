// The TAXII 2.1 server's read side over real HTTP with the demo data (issue 18): discovery →
// API root → collections → objects paged with `next` until exhausted, added_after, the match
// filters, one object, its versions, the manifest; the TAXII media type both ways (406
// otherwise), 401 with WWW-Authenticate, and 404 for an object the caller may not see
// exactly like an unknown one. Served objects are valid against the OASIS schemas.
#include <gtest/gtest.h>

#include <set>

#include "api/api_env.h"
#include "support/stix_schema.h"

namespace renkei::testing {
namespace {

using nlohmann::json;

constexpr const char* kAnalyst = "analyst@jeisac.example";  // the electricity hub
constexpr const char* kMember = "member@denryoku.example";  // electricity
constexpr const char* kGasMember = "member@gas.example";    // another sector
constexpr const char* kTaxii = "application/taxii+json;version=2.1";
constexpr const char* kReceived =
    "/taxii2/renkei/collections/2b6f2c1e-6a1d-4c5e-9f0a-1c2d3e4f5a60/";
constexpr const char* kSent = "/taxii2/renkei/collections/7c9e4b2a-3d5f-4e6a-8b1c-2d3e4f5a6b70/";

std::string Bearer(const std::string& email) {
  auto created = As(email).Send("POST", "/api/v1/tokens",
                                {{"name", "TAXII"}, {"expires_at", "2099-01-01T00:00:00+09:00"}});
  EXPECT_EQ(created.status, 201) << created.body;
  return "Authorization: Bearer " + created.json()["secret"].get<std::string>();
}

HttpResult Taxii(const std::string& auth, const std::string& path,
                 const std::string& accept = kTaxii) {
  return Http().Send("GET", path, "", {auth, "Accept: " + accept});
}

json Ok(const HttpResult& r) {
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), kTaxii);
  return json::parse(r.body, nullptr, false);
}

void ExpectTaxiiError(const HttpResult& r, int status) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.header("content-type"), kTaxii);
  const json j = json::parse(r.body, nullptr, false);
  EXPECT_TRUE(j.contains("title")) << r.body;
  EXPECT_EQ(j["http_status"], std::to_string(status)) << r.body;
}

// An advisory: a report, a vulnerability, two courses of action and their relationships.
std::int64_t PublishAdvisory(const Session& analyst, const std::string& title,
                             const std::string& cve) {
  json in = {{"kind", "advisory"},
             {"tlp", "GREEN"},
             {"title", title},
             {"body", "脆弱性の注意喚起。"},
             {"cve_ids", {cve}},
             {"detection", "ログを確認する。"},
             {"mitigation", "修正版へ更新する。"},
             {"audience", {{"sector_ids", {"electricity"}}}}};
  auto pub = analyst.Send("POST", "/api/v1/items", in);
  EXPECT_EQ(pub.status, 201) << pub.body;
  return pub.json()["id"].get<std::int64_t>();
}

// Every object of a collection, read page by page with `next`.
std::vector<json> ReadAll(const std::string& auth, const std::string& base, int limit,
                          int* pages = nullptr) {
  std::vector<json> out;
  std::string next;
  for (int guard = 0; guard < 1000; ++guard) {
    std::string path = base + "objects/?limit=" + std::to_string(limit);
    if (!next.empty()) path += "&next=" + next;
    auto r = Taxii(auth, path);
    const json env = Ok(r);
    if (pages) ++*pages;
    if (env.contains("objects")) {
      EXPECT_LE(env["objects"].size(), static_cast<size_t>(limit));
      EXPECT_FALSE(r.header("x-taxii-date-added-first").empty());
      EXPECT_FALSE(r.header("x-taxii-date-added-last").empty());
      for (const auto& o : env["objects"]) out.push_back(o);
    }
    if (!env["more"].get<bool>()) {
      EXPECT_FALSE(env.contains("next"));
      break;
    }
    next = env["next"];
  }
  return out;
}

TEST(Taxii, DiscoveryRootAndCollectionsDescribeTheServer) {
  const std::string auth = Bearer(kMember);
  const json d = Ok(Taxii(auth, "/taxii2/"));
  EXPECT_EQ(d["default"], "/taxii2/renkei/");
  EXPECT_EQ(d["api_roots"], json::array({"/taxii2/renkei/"}));
  const json root = Ok(Taxii(auth, "/taxii2/renkei/"));
  EXPECT_EQ(root["versions"], json::array({kTaxii}));
  EXPECT_GT(root["max_content_length"].get<std::int64_t>(), 0);
  const json cols = Ok(Taxii(auth, "/taxii2/renkei/collections/"));
  ASSERT_EQ(cols["collections"].size(), 2u);
  EXPECT_EQ(cols["collections"][0]["title"], "受信した情報");
  EXPECT_EQ(cols["collections"][0]["can_read"], true);
  EXPECT_EQ(cols["collections"][0]["can_write"], false);
  const json one = Ok(Taxii(auth, kReceived));
  EXPECT_EQ(one["id"], cols["collections"][0]["id"]);
  ExpectTaxiiError(Taxii(auth, "/taxii2/other/collections/"), 404);
  ExpectTaxiiError(Taxii(auth, "/taxii2/renkei/collections/unknown/"), 404);
  // A session works like a token.
  Session s = As(kMember);
  auto viaCookie =
      Http().Send("GET", "/taxii2/", "",
                  {"Cookie: renkei_session=" + s.cookie(), std::string("Accept: ") + kTaxii});
  Ok(viaCookie);
}

TEST(Taxii, WrongAcceptIs406AndNoCredentialsIs401WithTaxiiBodies) {
  const std::string auth = Bearer(kMember);
  ExpectTaxiiError(Taxii(auth, "/taxii2/", "application/json"), 406);
  ExpectTaxiiError(Taxii(auth, "/taxii2/", "application/taxii+json;version=2.0"), 406);
  Ok(Taxii(auth, "/taxii2/", "application/taxii+json"));
  auto anon =
      Http().Send("GET", "/taxii2/renkei/collections/", "", {std::string("Accept: ") + kTaxii});
  ExpectTaxiiError(anon, 401);
  EXPECT_FALSE(anon.header("www-authenticate").empty());
  ExpectTaxiiError(Taxii(auth, std::string(kReceived) + "objects/?limit=0"), 400);
  ExpectTaxiiError(Taxii(auth, std::string(kReceived) + "objects/?next=garbage"), 400);
  ExpectTaxiiError(Taxii(auth, std::string(kReceived) + "objects/?added_after=yesterday"), 400);
  ExpectTaxiiError(Taxii(auth, std::string(kReceived) + "objects/?colour=red"), 400);
}

TEST(Taxii, ObjectsPageWithNextUntilExhaustedEachOnceAndValid) {
  Session analyst = As(kAnalyst);
  for (int i = 0; i < 3; ++i)
    PublishAdvisory(analyst, "TAXII ページング " + std::to_string(i),
                    "CVE-2026-100" + std::to_string(i));
  const std::string auth = Bearer(kMember);
  int pages = 0;
  const auto paged = ReadAll(auth, kReceived, 5, &pages);
  const auto whole = ReadAll(auth, kReceived, 1000);
  EXPECT_GT(pages, 2);
  ASSERT_EQ(paged.size(), whole.size());
  std::set<std::string> ids;
  for (size_t i = 0; i < paged.size(); ++i) {
    EXPECT_EQ(paged[i]["id"], whole[i]["id"]) << "the same order at any page size";
    EXPECT_TRUE(ids.insert(paged[i]["id"].get<std::string>()).second) << paged[i]["id"];
    EXPECT_EQ(StixObjectErrors(paged[i]), "") << paged[i].dump();
  }
  EXPECT_TRUE(ids.count("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"));
  // The same objects as the STIX list export (the same rule).
  auto bundle = As(kMember).Get("/api/v1/items/stix?scope=all");
  ASSERT_EQ(bundle.status, 200) << bundle.body;
  std::set<std::string> exported;
  const json b = json::parse(bundle.body);
  for (const auto& o : b["objects"]) exported.insert(o["id"]);
  EXPECT_EQ(ids, exported);
  // A limit above the maximum is cut to it, not refused.
  Ok(Taxii(auth, std::string(kReceived) + "objects/?limit=100000"));
}

TEST(Taxii, AddedAfterAndMatchFiltersSelectObjects) {
  Session analyst = As(kAnalyst);
  const std::string auth = Bearer(kMember);
  const auto before = ReadAll(auth, kReceived, 1000);
  ASSERT_FALSE(before.empty());
  auto first = Taxii(auth, std::string(kReceived) + "objects/?limit=1000");
  const std::string last_added = first.header("x-taxii-date-added-last");
  ASSERT_FALSE(last_added.empty());
  PublishAdvisory(analyst, "TAXII 追加分", "CVE-2026-2077");
  const json fresh = Ok(Taxii(auth, std::string(kReceived) + "objects/?added_after=" + last_added));
  ASSERT_TRUE(fresh.contains("objects")) << fresh.dump();
  bool found = false;
  for (const auto& o : fresh["objects"]) {
    if (o["type"] == "vulnerability" && o["name"] == "CVE-2026-2077") found = true;
    EXPECT_NE(o["type"], "marking-definition") << "added long before";
  }
  EXPECT_TRUE(found) << fresh.dump();
  const json inds =
      Ok(Taxii(auth, std::string(kReceived) + "objects/?match[type]=vulnerability,note"));
  ASSERT_TRUE(inds.contains("objects")) << inds.dump();
  for (const auto& o : inds["objects"])
    EXPECT_TRUE(o["type"] == "vulnerability" || o["type"] == "note") << o["type"];
  const std::string id = inds["objects"][0]["id"];
  const json byId = Ok(Taxii(auth, std::string(kReceived) + "objects/?match[id]=" + id));
  ASSERT_EQ(byId["objects"].size(), 1u);
  EXPECT_EQ(byId["objects"][0]["id"], id);
  const json none = Ok(Taxii(auth, std::string(kReceived) + "objects/?match[spec_version]=2.0"));
  EXPECT_FALSE(none.contains("objects"));
  EXPECT_EQ(none["more"], false);
  const std::string version = byId["objects"][0]["modified"];
  EXPECT_EQ(Ok(Taxii(auth, std::string(kReceived) + "objects/?match[id]=" + id +
                               "&match[version]=" + version))["objects"]
                .size(),
            1u);
  EXPECT_FALSE(Ok(Taxii(auth, std::string(kReceived) + "objects/?match[id]=" + id +
                                  "&match[version]=2000-01-01T00:00:00.000Z"))
                   .contains("objects"));
}

TEST(Taxii, OneObjectVersionsAndManifestAndInvisibleObjectsAre404) {
  Session analyst = As(kAnalyst);
  const auto item = PublishAdvisory(analyst, "TAXII 版の確認", "CVE-2026-3055");
  const std::string auth = Bearer(kMember);
  const json notes = Ok(Taxii(auth, std::string(kReceived) + "objects/?match[type]=report"));
  std::string report;
  for (const auto& o : notes["objects"])
    if (o["name"] == "TAXII 版の確認") report = o["id"];
  ASSERT_FALSE(report.empty()) << notes.dump();
  const std::string obj = std::string(kReceived) + "objects/" + report + "/";
  const json one = Ok(Taxii(auth, obj));
  ASSERT_EQ(one["objects"].size(), 1u);
  const std::string v1 = one["objects"][0]["modified"];
  // A revision moves the version and date_added; the same id.
  auto rev = analyst.Send("PATCH", "/api/v1/items/" + std::to_string(item),
                          json{{"title", "TAXII 版の確認（第2報）"},
                               {"body", "更新"},
                               {"cve_ids", {"CVE-2026-3055"}},
                               {"note", "第2報"}});
  ASSERT_EQ(rev.status, 200) << rev.body;
  const json versions = Ok(Taxii(auth, obj + "versions/"));
  ASSERT_EQ(versions["versions"].size(), 1u) << "the current version is served";
  EXPECT_GT(versions["versions"][0].get<std::string>(), v1);
  const json manifest = Ok(Taxii(auth, std::string(kReceived) + "manifest/?match[id]=" + report));
  ASSERT_EQ(manifest["objects"].size(), 1u);
  EXPECT_EQ(manifest["objects"][0]["id"], report);
  EXPECT_EQ(manifest["objects"][0]["version"], versions["versions"][0]);
  EXPECT_EQ(manifest["objects"][0]["media_type"], "application/stix+json;version=2.1");
  // Another sector's member: the same 404 as an id nobody knows.
  const std::string gas = Bearer(kGasMember);
  auto hidden = Taxii(gas, obj);
  auto unknown =
      Taxii(gas, std::string(kReceived) + "objects/report--00000000-0000-5000-8000-000000000000/");
  ExpectTaxiiError(hidden, 404);
  ExpectTaxiiError(unknown, 404);
  EXPECT_EQ(hidden.body, unknown.body);
  ExpectTaxiiError(Taxii(gas, obj + "versions/"), 404);
  EXPECT_FALSE(
      Ok(Taxii(gas, std::string(kReceived) + "manifest/?match[id]=" + report)).contains("objects"));
  // 自組織が発信: the analyst's hub sent it; the member's organisation did not.
  const std::string mine = Bearer(kAnalyst);
  EXPECT_EQ(Ok(Taxii(mine, std::string(kSent) + "objects/" + report + "/"))["objects"].size(), 1u);
  ExpectTaxiiError(Taxii(auth, std::string(kSent) + "objects/" + report + "/"), 404);
}

TEST(Taxii, DraftsAndExerciseItemsAreNeverServed) {
  Session analyst = As(kAnalyst);
  json draft = {{"kind", "alert"},         {"tlp", "GREEN"},
                {"title", "TAXII 下書き"}, {"body", "まだ"},
                {"draft", true},           {"audience", {{"sector_ids", {"electricity"}}}}};
  auto d = analyst.Send("POST", "/api/v1/items", draft);
  ASSERT_TRUE(d.status == 201 || d.status == 200) << d.body;
  for (const auto& o : ReadAll(Bearer(kAnalyst), kSent, 1000)) {
    EXPECT_NE(o.value("name", ""), "TAXII 下書き");
    EXPECT_NE(o.value("abstract", ""), "TAXII 下書き");
  }
}

}  // namespace
}  // namespace renkei::testing
