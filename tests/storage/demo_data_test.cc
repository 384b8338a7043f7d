// The demo dataset on both engines: loaded from data/demo/*.json through the services
// (the same size as ever, every demo account signs in and has work waiting — unread items
// and actions outstanding among six months of shared items read and acknowledged by most
// of their recipients —, the audit trail shows who created what, no mail of the past left
// to send), the same history on every load, and a data file with a record a service
// refuses stops the load with that service's error, the record named, and nothing
// written. Also the directory skeleton's service rules the loader relies on (sectors and
// hubs).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "app/demo_data.h"
#include "app/demo_load.h"
#include "core/error_codes.h"
#include "domain/assessment/assessment_service.h"
#include "domain/audit/audit_service.h"
#include "domain/auth/auth_service.h"
#include "domain/directory/clearance_service.h"
#include "domain/reporting/report_mail.h"
#include "domain/reporting/reporting_service.h"
#include "domain/sharing/sharing_service.h"
#include "support/catalogs.h"
#include "world.h"

namespace renkei::testing {
namespace {

constexpr const char* kPassword = "demo-password-for-tests";

class DemoDataTest : public EngineTest {
 protected:
  // Nothing of the directory, the reports, the assessments or the audit trail exists.
  void ExpectEmpty() {
    Status st = tx_->Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
      domain::OrgFilter any;
      RENKEI_ASSIGN_OR_RETURN(auto orgs, s.directory.ListOrganisations(any));
      EXPECT_TRUE(orgs.items.empty());
      RENKEI_ASSIGN_OR_RETURN(auto sectors, s.directory.ListSectors());
      EXPECT_TRUE(sectors.empty());
      RENKEI_ASSIGN_OR_RETURN(auto hubs, s.directory.ListHubs());
      EXPECT_TRUE(hubs.empty());
      RENKEI_ASSIGN_OR_RETURN(auto user, s.directory.FindUserByEmail("admin@renkei.example"));
      EXPECT_FALSE(user.has_value());
      RENKEI_ASSIGN_OR_RETURN(auto audit, s.audit.List(domain::AuditFilter{}));
      EXPECT_TRUE(audit.empty()) << audit.size() << " audit rows, first " << audit[0].action;
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.Describe();
  }

  domain::Principal As(const std::string& email) {
    std::optional<domain::Principal> p;
    Status st = tx_->Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(auto u, s.directory.FindUserByEmail(email));
      if (!u) return err::UserNotFound();
      RENKEI_ASSIGN_OR_RETURN(p, domain::LoadPrincipal(s, u->id));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << email << ": " << st.Describe();
    return p.value_or(domain::Principal{});
  }

  // Every stored item (the store's view, whoever may see it) with its deliveries.
  struct StoredItem {
    domain::Item item;
    std::vector<domain::DeliveryRow> deliveries;
  };
  std::vector<StoredItem> StoredItems() {
    std::vector<StoredItem> out;
    Status st = tx_->Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
      for (std::int64_t id = 1, missing = 0; missing < 50; ++id) {
        RENKEI_ASSIGN_OR_RETURN(auto item, s.sharing.LoadItem(domain::ItemId(id)));
        if (!item) {
          ++missing;
          continue;
        }
        missing = 0;
        if (item->exercise_id != 0) continue;  // the demo exercises' items (checked apart)
        // The desk's supply-chain notice (demo_desk.cc; checked with the desk).
        if (item->kind == domain::kSupplyChainNotice) continue;
        // The item that requires a clearance (demo_clearance.cc; checked apart).
        if (item->clearance != 0) continue;
        RENKEI_ASSIGN_OR_RETURN(auto rows, s.sharing.ListDeliveries(item->id, {}));
        out.push_back({std::move(*item), std::move(rows)});
      }
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.Describe();
    return out;
  }

  // What two loads of the same files must agree on: each item's title, version and
  // withdrawal, and how many of its recipients read and acknowledged it.
  std::vector<std::string> ItemHistory() {
    std::vector<std::string> out;
    for (const auto& [item, rows] : StoredItems()) {
      const auto read = std::count_if(rows.begin(), rows.end(), [](auto& d) { return d.read_at; });
      const auto acked =
          std::count_if(rows.begin(), rows.end(), [](auto& d) { return d.acknowledged_at; });
      out.push_back(item.content.title + " v" + std::to_string(item.version) +
                    (item.withdrawn ? " withdrawn" : "") + " " + std::to_string(rows.size()) + "/" +
                    std::to_string(read) + "/" + std::to_string(acked));
    }
    return out;
  }

  // The embedded files with `from` replaced by `to` in one of them (which must contain it),
  // and every hub cut to at most 40 members: a refusal test needs the load to reach the
  // record it breaks with records of every kind before it, not the dataset's full size
  // (thousands of organisations through the services, minutes under ASan).
  static app::DemoFiles With(app::DemoFile app::DemoFiles::*which, const std::string& from,
                             const std::string& to) {
    app::DemoFiles files = app::EmbeddedDemoFiles();
    std::string& dir = files.directory.text;
    const std::string key = "\"members\": ";
    for (size_t at = dir.find(key); at != std::string::npos; at = dir.find(key, at + 1)) {
      const size_t digits = at + key.size();
      size_t end = digits;
      while (end < dir.size() && std::isdigit(static_cast<unsigned char>(dir[end]))) ++end;
      if (end > digits && std::stoi(dir.substr(digits, end - digits)) > 40)
        dir.replace(digits, end - digits, "40");
    }
    std::string& text = (files.*which).text;
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return files;
  }
};

TEST_P(DemoDataTest, LoadsThroughTheServicesWithItsAccountsAndTheirWork) {
  auto stats = app::LoadDemoData(*tx_, TestCatalogs(), kPassword);
  ASSERT_TRUE(stats.ok()) << stats.status().Describe();
  // The size the dataset has always had.
  EXPECT_EQ(stats->sectors, 15);
  EXPECT_EQ(stats->hubs, 21);
  EXPECT_EQ(stats->organisations, 5024);
  EXPECT_EQ(stats->users, 7568);
  EXPECT_EQ(stats->reports, 4);
  EXPECT_EQ(stats->assessments, 700);  // with 湘南精機's ★ and ★★ (SECURITY ACTION)
  // 49 publications (one awaiting approval), 3 relays and one requiring a clearance.
  EXPECT_EQ(stats->items, 53);
  EXPECT_EQ(stats->exercises, 2);  // the finished drill and the paused tabletop

  // Every demo account signs in with the one password and has the role it is listed with.
  ManualClock clock(SystemClock().now_ms());
  domain::AuthService auth(*tx_, clock);
  const auto accounts = app::DemoAccounts();
  ASSERT_EQ(accounts.size(), 7u);
  for (const auto& a : accounts) {
    auto session = auth.SignIn({"127.0.0.1"}, a.email, kPassword, "test");
    EXPECT_TRUE(session.ok()) << a.email << ": " << session.status().Describe();
    EXPECT_TRUE(As(a.email).has(*domain::ParseRole(a.role))) << a.email;
  }

  // Work waiting: the member's open round and questions on its reports, the ISAC's and
  // the ministry's cases, the sector body's submissions.
  const auto& catalogs = TestCatalogs();
  domain::AssessmentService assessments(*tx_, clock, catalogs.assessment);
  auto rounds = assessments.List(As("member@denryoku.example"));
  ASSERT_TRUE(rounds.ok()) << rounds.status().Describe();
  EXPECT_TRUE(std::any_of(rounds->begin(), rounds->end(), [](const domain::Assessment& a) {
    return !a.submitted();
  })) << "the member's round of this year is open";
  // 湘南精機 declared ★ (the five basics) and is part way through ★★'s 25 questions.
  auto declared = assessments.List(As("owner@shonan-seiki.example"));
  ASSERT_TRUE(declared.ok()) << declared.status().Describe();
  std::map<std::string, bool> sa;  // catalogue -> submitted
  for (const auto& a : *declared) sa[a.catalog_id] = a.submitted();
  EXPECT_EQ(
      sa, (std::map<std::string, bool>{{"security-action-1", true}, {"security-action-2", false}}));
  auto sector = assessments.SectorStatus(As("officer@occto.example"), "nist-csf-1.1", {});
  ASSERT_TRUE(sector.ok()) << sector.status().Describe();
  EXPECT_GT(std::count_if(sector->begin(), sector->end(),
                          [](const domain::SectorStatusRow& r) { return r.assessment_id; }),
            300);
  domain::SharingService sharing(*tx_, clock);
  domain::ReportingService reporting(*tx_, clock, sharing, catalogs.reporting, nullptr);
  for (const char* email : {"analyst@jeisac.example", "officer@meti.example"}) {
    domain::CaseFilter queue;
    queue.scope = "queue";
    std::optional<std::int64_t> next;
    auto cases = reporting.List(As(email), queue, next);
    ASSERT_TRUE(cases.ok()) << email << ": " << cases.status().Describe();
    EXPECT_FALSE(cases->empty()) << email << " has reports to read";
  }

  // Every demo account has unread items and actions outstanding, at least one of them
  // past its due time or due within three days.
  const Millis now = clock.now_ms();
  for (const auto& a : accounts) {
    const auto p = As(a.email);
    auto counts = sharing.Counts(p);
    ASSERT_TRUE(counts.ok()) << a.email << ": " << counts.status().Describe();
    EXPECT_GT(counts->unread, 0) << a.email;
    EXPECT_GT(counts->action_outstanding, 0) << a.email;
    domain::ItemFilter open;
    open.action_outstanding = true;
    auto outstanding = sharing.List(p, open);
    ASSERT_TRUE(outstanding.ok()) << outstanding.status().Describe();
    EXPECT_TRUE(std::any_of(outstanding->items.begin(), outstanding->items.end(),
                            [&](const domain::Item& i) {
                              return i.content.action_due_at &&
                                     *i.content.action_due_at < now + 3 * 24 * 3'600'000LL;
                            }))
        << a.email << " has an action past or near its due time";
  }

  // 決裁: the national centre requires approval; its RED items went out once a second
  // officer approved them, and one of cyber@'s waits for officer@ (the 決裁待ち tile).
  auto waiting = sharing.AwaitingApproval(As("officer@nco.example"));
  ASSERT_TRUE(waiting.ok()) << waiting.status().Describe();
  EXPECT_EQ(waiting->value_or(-1), 1);
  EXPECT_EQ(sharing.AwaitingApproval(As("cyber@nco.example"))->value_or(-1), 0);
  EXPECT_FALSE(sharing.AwaitingApproval(As("officer@meti.example"))->has_value());
  // The national centre's item that requires a clearance (demo_clearance.cc): member@denryoku
  // holds a confidential clearance in a certified 東北発電 and reads it; the electricity
  // ISAC's analyst (an uncertified secretariat in the same sector) does not see it at all.
  {
    domain::ItemFilter inbox;
    auto page = sharing.List(As("member@denryoku.example"), inbox);
    ASSERT_TRUE(page.ok()) << page.status().Describe();
    std::optional<domain::ItemId> classified;
    for (const auto& it : page->items)
      if (it.clearance != 0) classified = it.id;
    ASSERT_TRUE(classified.has_value()) << "member@denryoku has the classified item";
    auto opened = sharing.Get({As("member@denryoku.example"), ""}, *classified);
    ASSERT_TRUE(opened.ok()) << opened.status().Describe();
    EXPECT_FALSE(opened->item.content.title.empty());
    EXPECT_EQ(sharing.Get({As("analyst@jeisac.example"), ""}, *classified).status().kind(),
              Kind::kNotFound);
    domain::ClearanceService clearances(*tx_, clock);
    auto nco = clearances.Manages(As("admin@nco.example"));
    auto platform = clearances.Manages(As("admin@renkei.example"));
    ASSERT_TRUE(nco.ok() && platform.ok());
    EXPECT_TRUE(*nco);
    EXPECT_FALSE(*platform);
    auto held = clearances.Clearances(As("admin@nco.example"));
    ASSERT_TRUE(held.ok());
    EXPECT_EQ(held->size(), 3u);  // officer@, member@ and cyber@ (lapsed)
  }
  // The desk warned 湘南精機's customer on its behalf: 東北発電's inbox holds the notice.
  {
    domain::ItemFilter notices;
    notices.kind = domain::kSupplyChainNotice;
    auto page = sharing.List(As("member@denryoku.example"), notices);
    ASSERT_TRUE(page.ok()) << page.status().Describe();
    ASSERT_EQ(page->items.size(), 1u);
    EXPECT_EQ(page->items[0].tlp, domain::Tlp::kAmber);
    auto hub = sharing.List(As("analyst@jeisac.example"), notices);
    ASSERT_TRUE(hub.ok()) << hub.status().Describe();
    EXPECT_TRUE(hub->items.empty()) << "named to the operator only, not its hub";
  }

  // Six months of items under every label, mostly GREEN and AMBER; some revised with a
  // note, one withdrawn with its reason; read and acknowledged by a realistic share of
  // their recipients, some within the hour, some after the due time, some never.
  const auto items = StoredItems();
  ASSERT_EQ(items.size(), 52u);
  std::map<std::string, int> labels;
  std::int64_t people = 0, read = 0, asked = 0, acked = 0, within_hour = 0, late = 0;
  int revised = 0, withdrawn = 0, relays = 0, relays_acked = 0;
  Millis oldest = now;
  for (const auto& [item, rows] : items) {
    ++labels[domain::TlpName(item.tlp)];
    if (item.relayed_from) {
      // The demo relays (展開) of national-centre items: recipients reached, some acknowledged.
      ++relays;
      EXPECT_EQ(item.relay_depth, 1);
      EXPECT_FALSE(rows.empty()) << item.content.title;
      relays_acked += std::any_of(rows.begin(), rows.end(),
                                  [](auto& d) { return d.acknowledged_at.has_value(); });
    }
    oldest = std::min(oldest, item.published_at);
    if (item.version > 1) {
      ++revised;
      // The note of the latest version (the store's rows: nobody sees every item).
      Status st = tx_->Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
        RENKEI_ASSIGN_OR_RETURN(auto v, s.sharing.ListVersions(item.id));
        EXPECT_FALSE(v.front().note.empty()) << item.content.title;
        return Status::Ok();
      });
      EXPECT_TRUE(st.ok()) << st.Describe();
    }
    if (item.withdrawn) {
      ++withdrawn;
      EXPECT_FALSE(item.withdrawn_reason.empty());
    }
    for (const auto& d : rows) {
      ++people;
      read += d.read_at.has_value();
      if (item.content.action_requested.empty() || item.withdrawn) continue;
      ++asked;
      if (!d.acknowledged_at) continue;
      ++acked;
      within_hour += *d.acknowledged_at - item.published_at <= 3'600'000;
      late += item.content.action_due_at && *d.acknowledged_at > *item.content.action_due_at;
    }
  }
  EXPECT_LT(oldest, now - 170LL * 24 * 3'600'000) << "about six months of history";
  for (const char* tlp : {"CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"})
    EXPECT_GT(labels[tlp], 0) << tlp;
  EXPECT_GT(labels["GREEN"] + labels["AMBER"],
            3 * (labels["CLEAR"] + labels["AMBER+STRICT"] + labels["RED"]));
  EXPECT_GE(revised, 3);
  EXPECT_EQ(withdrawn, 1);
  EXPECT_EQ(relays, 3);
  EXPECT_EQ(relays_acked, 3);
  EXPECT_GT(people, 10'000);
  EXPECT_GT(read, people * 6 / 10);
  EXPECT_LT(read, people * 9 / 10);
  EXPECT_GT(acked, asked * 4 / 10);
  EXPECT_LT(acked, asked * 3 / 4);
  EXPECT_GT(within_hour, acked / 20);
  EXPECT_GT(late, acked / 20);

  // The mail of that history went out back then: the worker's first tick reminds nobody
  // of a past due time and finds nothing of the past to send.
  auto reminded = sharing.RemindDue();
  ASSERT_TRUE(reminded.ok()) << reminded.status().Describe();
  EXPECT_EQ(*reminded, 0);
  std::vector<std::string> kinds(std::begin(domain::kReportMailCodes),
                                 std::end(domain::kReportMailCodes));
  kinds.insert(kinds.end(), std::begin(domain::kItemMailCodes), std::end(domain::kItemMailCodes));
  Status mail = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto due, s.outbox.Claim(now, now, 1'000'000, kinds));
    EXPECT_TRUE(due.empty()) << due.size() << " mails of the past to send, first "
                             << due.front().kind;
    RENKEI_RETURN_IF_ERROR(s.outbox.Release(due));
    return Status::Ok();
  });
  EXPECT_TRUE(mail.ok()) << mail.Describe();

  // The directory was created by the loader as an administrator that is no account.
  domain::AuditService audit(*tx_);
  domain::AuditFilter created;
  created.action_prefix = "organisation.create";
  created.limit = 1;
  auto rows = audit.List(As("admin@renkei.example"), created);
  ASSERT_TRUE(rows.ok()) << rows.status().Describe();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].actor_label, "demo-data");
  EXPECT_FALSE((*rows)[0].actor.has_value());

  // A second load is refused: the database is not empty.
  auto again = app::LoadDemoData(*tx_, TestCatalogs(), kPassword);
  EXPECT_NE(again.status().Describe().find("empty database"), std::string::npos)
      << again.status().Describe();
}

TEST_P(DemoDataTest, TwoLoadsMakeTheSameHistory) {
  // The directory cut down (With), so two loads stay quick; the items and their draws are
  // the dataset's own.
  const auto files = With(&app::DemoFiles::items, R"("seed": 20260601)", R"("seed": 20260601)");
  auto first = app::LoadDemoData(*tx_, TestCatalogs(), kPassword, files);
  ASSERT_TRUE(first.ok()) << first.status().Describe();
  const auto history = ItemHistory();
  ASSERT_EQ(history.size(), 52u);
  tx_.reset();
  tx_ = FreshDatabase(GetParam());
  ASSERT_NE(tx_, nullptr);
  auto second = app::LoadDemoData(*tx_, TestCatalogs(), kPassword, files);
  ASSERT_TRUE(second.ok()) << second.status().Describe();
  EXPECT_EQ(ItemHistory(), history);
}

TEST_P(DemoDataTest, AnItemTheServiceRefusesStopsTheLoadAndLeavesNothing) {
  // AMBER+STRICT names organisations; as RED (people only) the service refuses it.
  auto files = With(&app::DemoFiles::items, R"("tlp": "AMBER+STRICT")", R"("tlp": "RED")");
  auto stats = app::LoadDemoData(*tx_, TestCatalogs(), kPassword, files);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().field(), "audience") << stats.status().Describe();
  EXPECT_NE(stats.status().note().find("data/demo/items.json items["), std::string::npos)
      << stats.status().Describe();
  EXPECT_NE(stats.status().note().find("(jpcert-vpn-credentials-leak)"), std::string::npos)
      << stats.status().Describe();
  ExpectEmpty();
}

TEST_P(DemoDataTest, AHubTheServiceRefusesStopsTheLoadAndLeavesNothing) {
  // The gas hub is the twelfth: the fixed organisations, the sectors and eleven hubs with
  // their members were created (in the one transaction) when the service refuses it.
  auto files = With(&app::DemoFiles::directory, R"("code": "gas-ceptoar", "kind": "ceptoar")",
                    R"("code": "gas-ceptoar", "kind": "cooperative")");
  auto stats = app::LoadDemoData(*tx_, TestCatalogs(), kPassword, files);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), "invalid_value") << stats.status().Describe();
  EXPECT_EQ(stats.status().field(), "kind");
  EXPECT_NE(stats.status().note().find("data/demo/directory.json hubs[11] (gas-ceptoar)"),
            std::string::npos)
      << stats.status().Describe();
  ExpectEmpty();
}

TEST_P(DemoDataTest, AReportTheServiceRefusesRollsBackTheWholeDirectoryToo) {
  auto files = With(&app::DemoFiles::reports, R"("class": "near_miss")", R"("class": "rumour")");
  auto stats = app::LoadDemoData(*tx_, TestCatalogs(), kPassword, files);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().field(), "report_class") << stats.status().Describe();
  EXPECT_NE(stats.status().note().find("data/demo/reports.json steps[1] (near-miss)"),
            std::string::npos)
      << stats.status().Describe();
  ExpectEmpty();
}

TEST_P(DemoDataTest, AFileThatDoesNotReadIsRefusedNamingTheField) {
  auto unknown = With(&app::DemoFiles::directory, R"("code": "t-ceptoar",)",
                      R"("code": "t-ceptoar", "colour": "blue",)");
  auto stats = app::LoadDemoData(*tx_, TestCatalogs(), kPassword, unknown);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), "unknown_field") << stats.status().Describe();
  EXPECT_EQ(stats.status().field(), "hubs[0].colour");
  EXPECT_NE(stats.status().note().find("data/demo/directory.json"), std::string::npos);

  ExpectEmpty();
}

INSTANTIATE_TEST_SUITE_P(Engines, DemoDataTest, RENKEI_ENGINES);

// Sectors and hubs: administrators only, checked like every other directory write.
class DirectorySkeletonTest : public EngineTest {};

TEST_P(DirectorySkeletonTest, OnlyAdministratorsAddSectorsAndHubsAndBadOnesAreRefused) {
  World w = SeedWorld(*tx_);
  ManualClock clock(1000);
  domain::DirectoryService dir(*tx_, clock);
  auto principal = [&](UserId id) {
    std::optional<domain::Principal> p;
    EXPECT_TRUE(tx_->Run(domain::TxMode::kRead,
                         [&](domain::Stores& s) -> Status {
                           RENKEI_ASSIGN_OR_RETURN(p, domain::LoadPrincipal(s, id));
                           return Status::Ok();
                         })
                    .ok());
    return p.value_or(domain::Principal{});
  };
  const domain::Actor admin{principal(w.admin), ""};
  const domain::Actor analyst{principal(w.analyst_a), ""};

  domain::Sector water{"water", "水道", "Water", 3, w.meti};
  EXPECT_EQ(dir.CreateSector(analyst, water).code(), "directory_admin_only");
  EXPECT_EQ(dir.CreateSector(admin, {"Water!", "水道", "", 3, {}}).code(), "invalid_code");
  EXPECT_EQ(dir.CreateSector(admin, {"water", "水道", "", 3, w.sa}).code(), "org_of_wrong_kind");
  ASSERT_TRUE(dir.CreateSector(admin, water).ok());
  EXPECT_EQ(dir.CreateSector(admin, water).code(), "sector_exists");

  domain::Hub hub;
  hub.code = "water-ceptoar";
  hub.kind = "ceptoar";
  hub.name_ja = "水道CEPTOAR";
  hub.sector_ids = {"water"};
  hub.secretariat_org_id = w.sa;
  hub.communication_means = {"email", "fax"};
  hub.handling_rules_since = "2008-03";
  EXPECT_EQ(dir.CreateHub(analyst, hub).status().code(), "directory_admin_only");
  auto bad = hub;
  bad.handling_rules_since = "2008-13";
  EXPECT_EQ(dir.CreateHub(admin, bad).status().field(), "handling_rules_since");
  bad = hub;
  bad.communication_means = {"pigeon"};
  EXPECT_EQ(dir.CreateHub(admin, bad).status().field(), "communication_means");
  bad = hub;
  bad.sector_ids = {"telecom"};
  EXPECT_EQ(dir.CreateHub(admin, bad).status().code(), "unknown_sector");
  bad = hub;
  bad.secretariat_org_id = w.meti;
  EXPECT_EQ(dir.CreateHub(admin, bad).status().code(), "org_of_wrong_kind");
  bad = hub;
  bad.code = "hub-a";
  EXPECT_EQ(dir.CreateHub(admin, bad).status().code(), "hub_code_taken");
  auto created = dir.CreateHub(admin, hub);
  ASSERT_TRUE(created.ok()) << created.status().Describe();
  auto read = dir.GetHub(admin.principal, created->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->code, "water-ceptoar");
  EXPECT_EQ(read->sector_ids, std::vector<std::string>{"water"});
}

INSTANTIATE_TEST_SUITE_P(Engines, DirectorySkeletonTest, RENKEI_ENGINES);

}  // namespace
}  // namespace renkei::testing
