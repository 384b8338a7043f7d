// The reporting window over real HTTP with the demo data: one report filed by an
// electricity operator, routed, questioned, triaged; the refusals with their codes;
// an anonymised summary published to the sector and read by a member.
#include <gtest/gtest.h>

#include <set>

#include "api/api_env.h"
#include "support/stix_schema.h"

namespace renkei::testing {
namespace {

using nlohmann::json;

constexpr const char* kMember = "member@denryoku.example";  // 東北発電, JE-ISAC member
constexpr const char* kAnalyst = "analyst@jeisac.example";
constexpr const char* kMeti = "officer@meti.example";
constexpr const char* kNco = "officer@nco.example";
constexpr const char* kGasMember = "member@gas.example";

json Report(const std::string& cls) {
  return {{"report_class", cls},
          {"fields",
           {{"title", "発電所の監視端末でランサムウェア感染"},
            {"aware_at", "2026-11-20T08:15:00+09:00"},
            {"summary",
             "東北発電株式会社の宮城県内の発電所で、監視端末 hmi-01.tohoku.local が"
             "暗号化された。送信元 198.51.100.23。"},
            {"cause", "cyber_suspected"},
            {"attack_type", "malicious-code"},
            {"form", "ransomware"},
            {"service_disrupted", "no"}}},
          {"indicators", {{{"kind", "ipv4"}, {"value", "198.51.100.23"}, {"note", "C2"}}}}};
}

bool InList(const json& page, std::int64_t id) {
  for (const auto& c : page["items"])
    if (c["id"] == id) return true;
  return false;
}

TEST(Reporting, FileRouteAskTriageAcrossPhases) {
  Session member = As(kMember);
  json draft_in = Report("legal");
  draft_in["fields"].erase("cause");
  auto draft = member.Send("POST", "/api/v1/reports", draft_in);
  ASSERT_EQ(draft.status, 201) << draft.body;
  const std::string path = "/api/v1/reports/" + draft.json()["id"].dump();
  EXPECT_EQ(draft.json()["status"], "draft");
  EXPECT_EQ(draft.json()["regime_id"], "electricity-accident");
  EXPECT_EQ(draft.json()["next_due"]["label_ja"], "速報");
  EXPECT_EQ(draft.json()["next_due"]["due_at"], "2026-11-20T23:15:00.000Z");

  // Submitting without the cause the electricity rules require: 400 naming it.
  ExpectProblem(member.Send("POST", path + "/submit", {{"phase", "initial"}}), 400,
                "missing_fields", "fields.cause");
  ExpectProblem(As(kMeti).Get(path), 404, "not_found");
  ASSERT_EQ(member.Send("PUT", path + "/draft", Report("legal")).status, 200);
  auto sent = member.Send("POST", path + "/submit", {{"phase", "initial"}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(sent.json()["status"], "open");
  std::set<std::string> kinds;
  const json sent_json = sent.json();
  for (const auto& r : sent_json["recipients"]) kinds.insert(r["kind"].get<std::string>());
  EXPECT_EQ(kinds, (std::set<std::string>{"ministry", "national_centre"}));
  EXPECT_EQ(sent.json()["next_due"]["label_ja"], "詳報");

  // The competent ministry and the national centre have it in their queues; the hub, another
  // sector's operator and the administrator do not see it at all.
  Session meti = As(kMeti);
  const auto id = sent.json()["id"].get<std::int64_t>();
  EXPECT_TRUE(InList(meti.Get("/api/v1/reports?scope=queue").json(), id));
  EXPECT_TRUE(InList(As(kNco).Get("/api/v1/reports?scope=queue").json(), id));
  ExpectProblem(As(kAnalyst).Get(path), 404, "not_found");
  ExpectProblem(As(kGasMember).Get(path), 404, "not_found");
  ExpectProblem(As("admin@renkei.example").Get(path), 404, "not_found");
  EXPECT_FALSE(InList(As(kGasMember).Get("/api/v1/reports?scope=queue").json(), id));

  // A question back, visible to the reporter; the reporter cannot triage.
  auto asked = meti.Send("POST", path + "/messages", {{"body", "供給支障の有無を確認したい"}});
  ASSERT_EQ(asked.status, 201) << asked.body;
  auto mine = member.Get(path);
  ASSERT_EQ(mine.json()["messages"].size(), 1u);
  EXPECT_EQ(mine.json()["messages"][0]["body"], "供給支障の有無を確認したい");
  ExpectProblem(member.Send("POST", path + "/status", {{"status", "triaged"}}), 403, "forbidden");

  // Phases out of order.
  ExpectProblem(member.Send("POST", path + "/submit", {{"phase", "initial"}}), 409,
                "initial_submitted");
  ExpectProblem(member.Send("POST", path + "/submit", {{"phase", "followup"}}), 409, "no_draft");
  json follow = Report("legal");
  follow["fields"]["summary"] = "供給支障なし。端末は隔離済み。";
  ASSERT_EQ(member.Send("PUT", path + "/draft", follow).status, 200);
  ASSERT_EQ(member.Send("POST", path + "/submit", {{"phase", "followup"}}).status, 200);
  ASSERT_EQ(meti.Send("POST", path + "/status", {{"status", "triaged"}}).status, 200);
  ExpectProblem(meti.Send("POST", path + "/status", {{"status", "triaged"}}), 409, "unchanged");
  auto timeline = meti.Get(path);
  ASSERT_EQ(timeline.json()["versions"].size(), 2u);
  EXPECT_EQ(timeline.json()["versions"][0]["phase"], "initial");
  EXPECT_EQ(timeline.json()["versions"][1]["fields"]["summary"], "供給支障なし。端末は隔離済み。");
  EXPECT_EQ(timeline.json()["status"], "triaged");
  EXPECT_TRUE(timeline.json()["can_triage"].get<bool>());
  EXPECT_FALSE(timeline.json()["can_edit"].get<bool>());
}

// Issue 15 over HTTP: every filed phase carries its receipt number; the question stays
// open until the reporter answers it with answer_to (the reporter's list counts it); a
// wrong answer_to is refused naming the field and changes nothing; the filed report
// downloads as a PDF for whoever sees it, and is not found for anyone else.
TEST(Reporting, Issue15_ReceiptsAnsweredQuestionsAndThePdf) {
  Session member = As(kMember);
  auto filed = member.Send("POST", "/api/v1/reports", Report("legal"));
  ASSERT_EQ(filed.status, 201) << filed.body;
  const auto id = filed.json()["id"].get<std::int64_t>();
  const std::string path = "/api/v1/reports/" + std::to_string(id);
  EXPECT_TRUE(filed.json()["versions"][0]["receipt_no"].is_null()) << "a draft has none";
  auto sent = member.Send("POST", path + "/submit", {{"phase", "initial"}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  const std::string receipt = sent.json()["versions"][0]["receipt_no"].get<std::string>();
  EXPECT_EQ(receipt.substr(0, 2), "R-");
  Session meti = As(kMeti);
  EXPECT_EQ(meti.Get(path).json()["versions"][0]["receipt_no"], receipt);

  auto asked = meti.Send("POST", path + "/messages", {{"body", "供給支障の有無を確認したい"}});
  ASSERT_EQ(asked.status, 201) << asked.body;
  const auto question = asked.json()["messages"][0];
  EXPECT_EQ(question["kind"], "question");
  EXPECT_FALSE(question["answered"].get<bool>());
  auto open_in_list = [&] {
    const json list = member.Get("/api/v1/reports?scope=mine").json();  // alive for the loop
    for (const auto& c : list["items"])
      if (c["id"] == id) return c["open_questions"].get<int>();
    return -1;
  };
  EXPECT_EQ(open_in_list(), 1);
  ExpectProblem(meti.Send("POST", path + "/messages",
                          {{"body", "自分で回答"}, {"answer_to", question["id"]}}),
                403, "forbidden");
  ExpectProblem(member.Send("POST", path + "/messages", {{"body", "回答"}, {"answer_to", 999999}}),
                400, "question_not_found", "answer_to");
  ExpectProblem(
      member.Send("POST", path + "/messages", {{"body", "回答"}, {"answer_to", "最初の質問"}}), 400,
      "wrong_type", "answer_to");
  EXPECT_EQ(member.Get(path).json()["messages"].size(), 1u) << "refusals wrote nothing";
  auto answered = member.Send("POST", path + "/messages",
                              {{"body", "供給支障はありません"}, {"answer_to", question["id"]}});
  ASSERT_EQ(answered.status, 201) << answered.body;
  EXPECT_EQ(answered.json()["messages"][1]["kind"], "answer");
  EXPECT_EQ(answered.json()["messages"][1]["answer_to"], question["id"]);
  EXPECT_TRUE(answered.json()["messages"][0]["answered"].get<bool>());
  EXPECT_EQ(answered.json()["open_questions"], 0);
  EXPECT_EQ(open_in_list(), 0);

  auto pdf = member.Get(path + "/pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.header("content-disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(meti.Get(path + "/pdf").status, 200) << "a recipient prints it too";
  ExpectProblem(As(kGasMember).Get(path + "/pdf"), 404, "not_found");
  ExpectProblem(As(kAnalyst).Get(path + "/pdf"), 404, "not_found");
}

// Issue 16: before a phase is filed the reporter sees whom it reaches — the recipients
// routing gives it — and the preview files nothing (no receipt, still a draft).
TEST(Reporting, Issue16_TheSubmissionPreviewNamesTheRecipientsRoutingGives) {
  Session member = As(kMember);
  auto draft = member.Send("POST", "/api/v1/reports", Report("legal"));
  ASSERT_EQ(draft.status, 201) << draft.body;
  const std::string path = "/api/v1/reports/" + draft.json()["id"].dump();
  auto reach = member.Send("POST", path + "/submit/reach", {{"phase", "initial"}});
  ASSERT_EQ(reach.status, 200) << reach.body;
  EXPECT_EQ(member.Get(path).json()["status"], "draft") << "the preview filed nothing";
  ExpectProblem(As(kMeti).Get(path), 404, "not_found");
  std::set<std::pair<std::int64_t, std::string>> previewed, routed;
  const json preview = reach.json();
  for (const auto& r : preview["recipients"]) {
    previewed.insert({r["org_id"].get<std::int64_t>(), r["kind"].get<std::string>()});
    EXPECT_TRUE(r["added"].get<bool>()) << "all new for the first phase";
  }
  EXPECT_EQ(reach.json()["organisations"].get<std::size_t>(), previewed.size()) << reach.body;
  EXPECT_GT(reach.json()["people"].get<int>(), 0);

  auto sent = member.Send("POST", path + "/submit", {{"phase", "initial"}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  const json filed = sent.json();
  for (const auto& r : filed["recipients"])
    routed.insert({r["org_id"].get<std::int64_t>(), r["kind"].get<std::string>()});
  EXPECT_EQ(previewed, routed);

  // The next phase: the same recipients, none new; phase order and access as the action.
  json follow = Report("legal");
  follow["fields"]["summary"] = "供給支障なし。";
  ASSERT_EQ(member.Send("PUT", path + "/draft", follow).status, 200);
  auto next = member.Send("POST", path + "/submit/reach", {{"phase", "followup"}});
  ASSERT_EQ(next.status, 200) << next.body;
  const json again = next.json();
  for (const auto& r : again["recipients"]) EXPECT_FALSE(r["added"].get<bool>());
  ExpectProblem(member.Send("POST", path + "/submit/reach", {{"phase", "initial"}}), 409,
                "initial_submitted");
  ExpectProblem(As(kGasMember).Send("POST", path + "/submit/reach", {{"phase", "followup"}}), 404,
                "not_found");
  ExpectProblem(As(kMeti).Send("POST", path + "/submit/reach", {{"phase", "followup"}}), 403,
                "forbidden");
}

TEST(Reporting, BadInputIsRefusedAndWritesNothing) {
  Session member = As(kMember);
  const auto before = member.Get("/api/v1/reports?limit=200").json()["items"].size();
  ExpectProblem(member.Send("POST", "/api/v1/reports", {{"report_class", "gossip"}}), 400,
                "invalid_value", "report_class");
  ExpectProblem(member.Send("POST", "/api/v1/reports",
                            {{"report_class", "other"}, {"fields", {{"colour", "red"}}}}),
                400, "unknown_field", "fields.colour");
  ExpectProblem(member.Send("POST", "/api/v1/reports",
                            {{"report_class", "other"}, {"fields", {{"customers_affected", 12}}}}),
                400, "wrong_type", "fields.customers_affected");
  ExpectProblem(member.Send("POST", "/api/v1/reports",
                            {{"report_class", "other"}, {"fields", {{"cause", "aliens"}}}}),
                400, "invalid_value", "fields.cause");
  ExpectProblem(member.Send("POST", "/api/v1/reports",
                            {{"report_class", "other"},
                             {"indicators", {{{"kind", "sha256"}, {"value", "not-a-hash"}}}}}),
                400, "invalid_hash", "indicators[0].value");
  ExpectProblem(member.Send("POST", "/api/v1/reports", {{"report_class", "other"}, {"x", 1}}), 400,
                "unknown_field", "x");
  ExpectProblem(
      member.Send("POST", "/api/v1/reports", {{"report_class", "other"}, {"sector_id", "gas"}}),
      400, "unknown_sector", "sector_id");
  EXPECT_EQ(member.Get("/api/v1/reports?limit=200").json()["items"].size(), before);
  // Only operators and SMEs file; unknown ids and other organisations' cases are 404.
  ExpectProblem(As(kAnalyst).Send("POST", "/api/v1/reports", Report("other")), 403, "forbidden");
  ExpectProblem(member.Get("/api/v1/reports/999999"), 404, "not_found");
  ExpectProblem(member.Get("/api/v1/reports/abc"), 404, "not_found");
  ExpectProblem(member.Get("/api/v1/reports?scope=everything"), 400, "invalid_value", "scope");
  ExpectProblem(member.Get("/api/v1/reports?colour=red"), 400, "unknown_parameter", "colour");
}

TEST(Reporting, NearMissIsAnonymisedAndSharedWithTheSector) {
  Session member = As(kMember);
  json in = Report("near_miss");
  in["forward_ministry"] = true;  // near misses stay with the hub secretariat
  auto c = member.Send("POST", "/api/v1/reports", in);
  ASSERT_EQ(c.status, 201) << c.body;
  const std::string path = "/api/v1/reports/" + c.json()["id"].dump();
  auto sent = member.Send("POST", path + "/submit", {{"phase", "initial"}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  ASSERT_EQ(sent.json()["recipients"].size(), 1u);
  EXPECT_EQ(sent.json()["recipients"][0]["kind"], "hub");
  ExpectProblem(As(kMeti).Get(path), 404, "not_found");

  Session analyst = As(kAnalyst);
  auto proposal = analyst.Get(path + "/summary-proposal");
  ASSERT_EQ(proposal.status, 200) << proposal.body;
  ExpectProblem(member.Get(path + "/summary-proposal"), 403, "forbidden");
  std::string redacted;
  std::set<std::string> found;
  const json p = proposal.json();
  for (const auto& seg : p["segments"]) {
    if (seg.contains("finding")) {
      const auto& f = p["findings"][seg["finding"].get<size_t>()];
      found.insert(f["kind"].get<std::string>() + ":" + f["original"].get<std::string>());
      redacted += f["replacement"].get<std::string>();
    } else {
      redacted += seg["text"].get<std::string>();
    }
  }
  EXPECT_TRUE(found.count("organisation:東北発電株式会社")) << proposal.body;
  EXPECT_TRUE(found.count("hostname:hmi-01.tohoku.local"));
  EXPECT_TRUE(found.count("ip:198.51.100.23"));
  EXPECT_TRUE(found.count("prefecture:宮城県"));
  EXPECT_EQ(redacted.find("東北発電"), std::string::npos) << redacted;
  EXPECT_NE(redacted.find("東北地方"), std::string::npos) << redacted;
  EXPECT_NE(redacted.find("ランサムウェア"), std::string::npos) << redacted;

  json summary = {{"title", "発電所の監視端末でのランサムウェア感染（予兆）"},
                  {"body", redacted},
                  {"tlp", "GREEN"},
                  {"audience", {{"sector_ids", {"electricity"}}}},
                  {"indicators", {{{"kind", "ipv4"}, {"value", "198.51.100.23"}}}}};
  if (p["k_warning"].get<bool>()) {
    ExpectProblem(analyst.Send("POST", path + "/summaries", summary), 409, "k_anonymity");
    summary["accept_k_risk"] = true;
  }

  // Issue 15: before anything is sent the analyst sees what the text still holds and whom
  // it reaches. A directory name left in the body is named, and publication refused.
  json leaky = summary;
  leaky["body"] = redacted + "\n連絡先は東北発電の情報システム部。";
  auto leak = analyst.Send("POST", path + "/summary-check", leaky);
  ASSERT_EQ(leak.status, 200) << leak.body;
  ASSERT_EQ(leak.json()["directory_names"].size(), 1u) << leak.body;
  EXPECT_EQ(leak.json()["directory_names"][0], "東北発電");
  EXPECT_EQ(leak.json()["k"], 1) << "a name in the text points at one operator";
  EXPECT_TRUE(leak.json()["k_warning"].get<bool>());
  auto refused = analyst.Send("POST", path + "/summaries", leaky);
  ExpectProblem(refused, 400, "summary_names_directory", "body");
  EXPECT_NE(refused.json()["detail"].get<std::string>().find("東北発電"), std::string::npos)
      << refused.body;
  // The check of the clean text: nothing left, and the reach of the sector.
  auto check = analyst.Send("POST", path + "/summary-check", summary);
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_TRUE(check.json()["remaining"].empty()) << check.body;
  EXPECT_TRUE(check.json()["directory_names"].empty());
  EXPECT_GT(check.json()["reach"]["organisations"].get<int>(), 100) << check.body;
  // Checking stores nothing: no item, no mail; bad input is the publication's error.
  ExpectProblem(member.Send("POST", path + "/summary-check", summary), 403, "forbidden");
  ExpectProblem(analyst.Send("POST", "/api/v1/reports/999999/summary-check", summary), 404,
                "not_found");
  json no_title = summary;
  no_title.erase("title");
  ExpectProblem(analyst.Send("POST", path + "/summary-check", no_title), 400, "required", "title");

  auto pub = analyst.Send("POST", path + "/summaries", summary);
  ASSERT_EQ(pub.status, 201) << pub.body;
  auto deliveries = analyst.Get("/api/v1/items/" + pub.json()["id"].dump() + "/deliveries");
  ASSERT_EQ(deliveries.status, 200) << deliveries.body;
  EXPECT_EQ(deliveries.json()["people"], check.json()["reach"]["people"])
      << "the confirmation counted the people the item was delivered to";
  EXPECT_EQ(check.json()["reach"]["organisations"], deliveries.json()["organisations"])
      << "the confirmation counted the organisations of those people";
  EXPECT_EQ(pub.json()["kind"], "near_miss_summary");
  const std::string item = "/api/v1/items/" + pub.json()["id"].dump();

  // Another electricity member reads the summary with its indicators, and nothing in it
  // leads back to the report or the reporter.
  auto read = As(kMember).Get(item);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json()["indicators"][0]["value"], "198.51.100.23");
  EXPECT_EQ(read.body.find("東北発電"), std::string::npos);
  EXPECT_EQ(read.body.find("reports/"), std::string::npos);
  EXPECT_EQ(read.json()["sender_org"]["id"], analyst.Get("/api/v1/me").json()["org_id"])
      << "sent by the hub, not by the reporter";
  // Issue 18: its STIX bundle too — the hub is the identity and the creator, the indicator
  // a pattern, nothing of the reporter or the report.
  auto bundle = As(kMember).Get(item + "/stix");
  ASSERT_EQ(bundle.status, 200) << bundle.body;
  const json b = bundle.json();
  EXPECT_EQ(StixBundleErrors(b), "");
  EXPECT_EQ(bundle.body.find("東北発電"), std::string::npos);
  EXPECT_EQ(bundle.body.find("reports/"), std::string::npos);
  const std::string hub_name = read.json()["sender_org"]["name_ja"];
  int identities = 0, indicators = 0;
  for (const auto& o : b["objects"]) {
    if (o["type"] == "identity") {
      ++identities;
      EXPECT_EQ(o["name"], hub_name);
    }
    if (o["type"] == "indicator") {
      ++indicators;
      EXPECT_EQ(o["pattern"], "[ipv4-addr:value = '198.51.100.23']");
    }
  }
  EXPECT_EQ(identities, 1);
  EXPECT_EQ(indicators, 1);
  // The case records the summary for the reporter and the hub.
  EXPECT_EQ(member.Get(path).json()["summaries"].size(), 1u);
}

TEST(Reporting, FilesOnAReportAreCheckedAndOnlyThoseWhoSeeTheReportGetThem) {
  Session member = As(kMember);
  auto c = member.Send("POST", "/api/v1/reports", Report("legal"));
  ASSERT_EQ(c.status, 201) << c.body;
  const std::string path = "/api/v1/reports/" + c.json()["id"].dump();
  ASSERT_EQ(member.Send("POST", path + "/submit", {{"phase", "initial"}}).status, 200);
  auto upload = [&](const Session& s, const std::string& name, const std::string& type,
                    const std::string& data) {
    return Http().Send("POST", path + "/attachments?filename=" + name, data,
                       {"Content-Type: " + type, "Cookie: renkei_session=" + s.cookie(),
                        "X-CSRF-Token: " + s.csrf()});
  };
  const std::string log = "2026-11-20T08:01:12+09:00 DENY 198.51.100.23 -> hmi-01\n";
  auto ok = upload(member, "fw.log", "text/plain", log);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json()["size"], log.size());
  ExpectProblem(upload(member, "note.pdf", "application/pdf", "not a pdf"), 400, "content_mismatch",
                "content_type");
  ExpectProblem(upload(member, "x.html", "text/html", "<script>"), 415, "unsupported_file_type");
  ExpectProblem(upload(member, "big.txt", "text/plain", std::string(10 * 1024 * 1024 + 1, 'a')),
                413, "body_too_large");
  // Recipients may read but not add; others do not see the report at all.
  Session meti = As(kMeti);
  ExpectProblem(upload(meti, "q.txt", "text/plain", "x"), 403, "forbidden");
  ExpectProblem(upload(As(kGasMember), "q.txt", "text/plain", "x"), 404, "not_found");
  auto listed = meti.Get(path).json()["attachments"];
  ASSERT_EQ(listed.size(), 1u) << "the refused uploads wrote nothing";
  const std::string file = path + "/attachments/" + ok.json()["id"].dump();
  auto got = meti.Get(file);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, log);
  EXPECT_EQ(got.header("content-security-policy"), "default-src 'none'; sandbox");
  ExpectProblem(As(kAnalyst).Get(file), 404, "not_found");
  ExpectProblem(meti.Get(path + "/attachments/999999"), 404, "not_found");
}

}  // namespace
}  // namespace renkei::testing
