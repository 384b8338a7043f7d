// Seeds a database for bench/home: the living demo (renkei demo-data) at ten times its size.
// The demo's items with their audiences, versions, recipients, deliveries, reads and
// acknowledgements, its report cases with versions, fields, recipients, messages and
// events, and its self-assessments are copied nine more times by INSERT … SELECT (ids
// shifted, each copy a minute later, so the last 30 days hold ten times the traffic);
// then items to one named organisation each (FanOut, as bench/inbox does) fill up to
// `--items` (default 60,000) over three years, 70 % of their deliveries read and 40 % of
// those requesting an action acknowledged, chosen by id. Deterministic: the same
// arguments give the same rows.
//   build/release/bench/home/home_seed --db URL [--items N] [--copies 10] [--password P]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "app/catalogs.h"
#include "app/demo_data.h"
#include "core/crypto.h"
#include "domain/directory/directory_store.h"
#include "domain/sharing/sharing_store.h"
#include "storage/migrations/migrations.h"
#include "storage/sql_transactor.h"

using namespace renkei;

namespace {

constexpr std::int64_t kShift = 10'000'000;  // id offset per copy (beyond every demo id)

struct Table {
  const char* name;
  const char* key;  // the column below kShift that marks the demo's own rows
  std::vector<const char*> cols;
  std::vector<const char*> shifted;  // ids moved by k * kShift
  std::vector<const char*> later;    // instants moved by k minutes
};

bool In(const std::vector<const char*>& v, const char* c) {
  for (const char* x : v)
    if (!std::strcmp(x, c)) return true;
  return false;
}

// INSERT INTO t (cols) SELECT cols' FROM t WHERE key < kShift, for copy k.
std::string CloneSql(const Table& t, int k) {
  std::string cols, sel;
  for (const char* c : t.cols) {
    if (!cols.empty()) cols += ", ", sel += ", ";
    cols += c;
    if (In(t.shifted, c)) {
      sel += std::string(c) + " + " + std::to_string(k * kShift);
    } else if (In(t.later, c)) {
      sel += std::string(c) + " + " + std::to_string(k * 60000);
    } else if (!std::strcmp(c, "receipt_no")) {
      sel += "receipt_no || '-" + std::to_string(k) + "'";
    } else if (!std::strcmp(c, "scope")) {
      sel += "scope || '（写し" + std::to_string(k) + "）'";
    } else {
      sel += c;
    }
  }
  return "INSERT INTO " + std::string(t.name) + " (" + cols + ") SELECT " + sel + " FROM " +
         t.name + " WHERE " + t.key + " < " + std::to_string(kShift);
}

const std::vector<Table>& Tables() {
  static const std::vector<Table> t = {
      {"items",
       "id",
       {"id",
        "kind",
        "tlp",
        "withdrawn",
        "version",
        "author_user_id",
        "sender_org_id",
        "is_public",
        "urgent",
        "mail_text",
        "role_mask",
        "roles",
        "title",
        "body",
        "action_requested",
        "action_due_at",
        "cve_ids",
        "affected_products",
        "detection",
        "mitigation",
        "search_key",
        "published_at",
        "updated_at",
        "withdrawn_at",
        "withdrawn_reason",
        "reminded_at",
        "last_reminded_at",
        "ack_version"},
       {"id"},
       {"published_at", "updated_at", "withdrawn_at", "action_due_at", "reminded_at",
        "last_reminded_at"}},
      {"item_versions",
       "item_id",
       {"item_id", "version", "title", "body", "action_requested", "action_due_at", "cve_ids",
        "affected_products", "detection", "mitigation", "edited_by", "edited_at", "note",
        "added_file"},
       {"item_id"},
       {"action_due_at", "edited_at"}},
      {"item_sectors", "item_id", {"item_id", "sector_id"}, {"item_id"}, {}},
      {"item_hubs", "item_id", {"item_id", "hub_id"}, {"item_id"}, {}},
      {"item_target_orgs", "item_id", {"item_id", "org_id"}, {"item_id"}, {}},
      {"item_named_users", "item_id", {"item_id", "user_id"}, {"item_id"}, {}},
      {"item_orgs", "item_id", {"item_id", "org_id"}, {"item_id"}, {}},
      {"item_indicators",
       "item_id",
       {"item_id", "position", "kind", "value", "note"},
       {"item_id"},
       {}},
      {"deliveries",
       "item_id",
       {"item_id", "user_id", "org_id", "delivered_at", "read_at", "acknowledged_at"},
       {"item_id"},
       {"delivered_at", "read_at", "acknowledged_at"}},
      {"item_acknowledgements",
       "item_id",
       {"item_id", "user_id", "version", "acknowledged_at"},
       {"item_id"},
       {"acknowledged_at"}},
      {"report_cases",
       "id",
       {"id", "reporter_org_id", "created_by", "sector_id", "report_class", "regime_id", "title",
        "status", "phase", "aware_at", "forward_ministry", "forward_national_centre",
        "next_due_phase", "next_due_at", "overdue_to_hub", "created_at", "updated_at",
        "submitted_at"},
       {"id"},
       {"aware_at", "created_at", "updated_at", "submitted_at", "next_due_at"}},
      {"report_versions",
       "case_id",
       {"case_id", "version", "phase", "draft", "catalog_version", "saved_by", "saved_at",
        "receipt_no"},
       {"case_id"},
       {"saved_at"}},
      {"report_fields", "case_id", {"case_id", "version", "field", "value"}, {"case_id"}, {}},
      {"report_indicators",
       "case_id",
       {"case_id", "version", "position", "kind", "value", "note"},
       {"case_id"},
       {}},
      {"report_recipients",
       "case_id",
       {"case_id", "org_id", "kind", "hub_id", "role_bit", "added_at"},
       {"case_id"},
       {"added_at"}},
      {"report_messages",
       "id",
       {"id", "case_id", "author_user_id", "author_org_id", "body", "created_at", "kind",
        "answer_to"},
       {"id", "case_id", "answer_to"},
       {"created_at"}},
      {"report_events",
       "id",
       {"id", "case_id", "at", "actor_user_id", "kind", "detail"},
       {"id", "case_id"},
       {"at"}},
      {"assessments",
       "id",
       {"id", "org_id", "catalog_id", "catalog_version", "scope", "fiscal_year", "status",
        "carried_from", "created_by", "created_at", "updated_at", "submitted_at", "submitted_by",
        "score_rule", "level_codes"},
       {"id", "carried_from"},
       {"created_at", "updated_at", "submitted_at"}},
      {"assessment_scores",
       "assessment_id",
       {"assessment_id", "node_kind", "node_id", "rule", "applicable", "answered", "mean_tenths",
        "floor_level"},
       {"assessment_id"},
       {}},
  };
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  std::string url;
  long items = 60000;
  int copies = 10;
  std::string password = "bench-password-123";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) url = argv[i + 1];
    if (!std::strcmp(argv[i], "--items")) items = std::atol(argv[i + 1]);
    if (!std::strcmp(argv[i], "--copies")) copies = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--password")) password = argv[i + 1];
  }
  if (url.empty() || copies < 1) {
    std::fprintf(stderr, "usage: home_seed --db URL [--items N] [--copies 10] [--password P]\n");
    return 2;
  }
  InitCrypto();
  auto db = storage::OpenDatabase(url);
  if (!db.ok()) return std::fprintf(stderr, "%s\n", db.status().Describe().c_str()), 1;
  storage::SqlTransactor tx(std::move(db).value(), 1);
  auto fail = [](const Status& st) {
    std::fprintf(stderr, "home_seed: %s\n", st.Describe().c_str());
    return 1;
  };
  if (Status st =
          tx.WithConnection([](storage::Connection& c) { return storage::Migrate(c).status(); });
      !st.ok())
    return fail(st);
  auto catalogs = app::LoadCatalogs();
  if (!catalogs.ok()) return fail(catalogs.status());
  if (auto st = app::LoadDemoData(tx, *catalogs, password); !st.ok()) return fail(st.status());

  // The demo nine more times, table by table, in one transaction.
  Status st = tx.WithConnection([&](storage::Connection& c) -> Status {
    RENKEI_RETURN_IF_ERROR(c.Exec("BEGIN", {}).status());
    for (int k = 1; k < copies; ++k) {
      for (const auto& t : Tables()) RENKEI_RETURN_IF_ERROR(c.Exec(CloneSql(t, k), {}).status());
    }
    RENKEI_RETURN_IF_ERROR(c.Exec("COMMIT", {}).status());
    // PostgreSQL's identity sequences move past the copies' ids.
    if (url.rfind("postgres", 0) == 0) {
      for (const char* t :
           {"items", "report_cases", "report_messages", "report_events", "assessments"}) {
        RENKEI_RETURN_IF_ERROR(c.Query(std::string("SELECT setval(pg_get_serial_sequence('") + t +
                                           "', 'id'), (SELECT MAX(id) FROM " + t + "))",
                                       {})
                                   .status());
      }
    }
    return Status::Ok();
  });
  if (!st.ok()) return fail(st);

  // Filler items to one named organisation each, like bench/inbox.
  std::vector<std::pair<UserId, OrgId>> authors;
  std::vector<OrgId> orgs;
  long have = 0;
  std::int64_t max_id = 0;  // the filler's ids are above
  st = tx.Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto hs, s.directory.ListHubs());
    for (auto& h : hs) {
      RENKEI_ASSIGN_OR_RETURN(auto staff, s.directory.ListUsersOfOrg(h.secretariat_org_id));
      for (auto& u : staff) authors.emplace_back(u.id, u.org_id);
    }
    domain::OrgFilter f;
    f.limit = 200;
    f.kind = "operator";
    for (;;) {
      RENKEI_ASSIGN_OR_RETURN(auto page, s.directory.ListOrganisations(f));
      for (auto& o : page.items) orgs.push_back(o.id);
      if (!page.next_after_id) break;
      f.after_id = *page.next_after_id;
    }
    return Status::Ok();
  });
  if (!st.ok()) return fail(st);
  st = tx.WithConnection([&](storage::Connection& c) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COUNT(*), MAX(id) FROM items", {}));
    have = static_cast<long>(rows[0].i64(0));
    max_id = rows[0].i64(1);
    return Status::Ok();
  });
  if (!st.ok()) return fail(st);
  std::mt19937_64 rng(16);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  const long filler = items > have ? items - have : 0;
  const Millis now = SystemClock().now_ms();
  const Millis span = Millis{3} * 365 * 24 * 3600 * 1000;
  const Millis start = now - span;
  const Millis step = filler > 0 ? span / filler : 0;
  const char* words[] = {"ランサムウェア", "VPN装置", "標的型メール", "DDoS", "制御系", "脆弱性"};
  long done = 0;
  while (done < filler) {
    st = tx.Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
      for (int k = 0; k < 1000 && done < filler; ++k, ++done) {
        domain::Item it;
        const auto& [author, org] = authors[pick(authors.size())];
        it.author_id = author;
        it.sender_org_id = org;
        it.kind = domain::kItemKinds[pick(5)];
        it.tlp = pick(2) ? domain::Tlp::kGreen : domain::Tlp::kAmber;
        it.audience.org_ids = {orgs[pick(orgs.size())]};
        const std::string word = words[pick(6)];
        it.content.title = word + "に関する情報 #" + std::to_string(done + 1);
        it.content.body = "## 概要\n" + word + "に関する観測情報です。対策を確認してください。";
        it.published_at = it.updated_at = start + done * step;
        if (pick(3) == 0) {
          it.content.action_requested = "受領確認してください";
          it.content.action_due_at = it.published_at + Millis{7} * 24 * 3600 * 1000;
        }
        RENKEI_ASSIGN_OR_RETURN(it.id, s.sharing.CreateItem(it));
        RENKEI_RETURN_IF_ERROR(s.sharing.FanOut(it.id, it.published_at, it.published_at).status());
      }
      return Status::Ok();
    });
    if (!st.ok()) return fail(st);
  }
  // Reads and acknowledgements of the filler by id; the past's mail long sent; statistics.
  st = tx.WithConnection([&](storage::Connection& c) -> Status {
    const std::string filler_ids = std::to_string(max_id);
    RENKEI_RETURN_IF_ERROR(
        c.Exec("UPDATE deliveries SET read_at = delivered_at + 3600000 WHERE item_id > " +
                   filler_ids + " AND (item_id + user_id) % 10 < 7",
               {})
            .status());
    RENKEI_RETURN_IF_ERROR(
        c.Exec("UPDATE deliveries SET acknowledged_at = read_at WHERE item_id > " + filler_ids +
                   " AND read_at IS NOT NULL AND (item_id + user_id) % 10 < 4 AND item_id IN "
                   "(SELECT id FROM items WHERE action_requested <> '')",
               {})
            .status());
    RENKEI_RETURN_IF_ERROR(
        c.Exec("INSERT INTO item_acknowledgements (item_id, user_id, version, acknowledged_at) "
               "SELECT item_id, user_id, 1, acknowledged_at FROM deliveries WHERE item_id > " +
                   filler_ids + " AND acknowledged_at IS NOT NULL",
               {})
            .status());
    RENKEI_RETURN_IF_ERROR(
        c.Exec("UPDATE outbox SET sent_at = created_at WHERE sent_at IS NULL", {}).status());
    return c.Exec("ANALYZE", {}).status();
  });
  if (!st.ok()) return fail(st);
  std::printf("seeded: %ld items (%d copies of the demo, %ld more)\n", have + done, copies, done);
  return 0;
}
