// Migration 0007: the database itself refuses a code none of the code tables has (roles,
// labels, item kinds, case statuses, phases, recipient capacities), accepts every code
// they have, and the migration keeps the rows and indexes of a database written before it.
#include <gtest/gtest.h>

#include "domain/directory/directory_store.h"
#include "domain/reporting/reporting.h"
#include "domain/reporting/reporting_store.h"
#include "domain/sharing/sharing_store.h"
#include "storage/migrations/migrations.h"
#include "storage/stores/sql_text.h"
#include "world.h"

namespace renkei::testing {
namespace {

using domain::Stores;
using domain::TxMode;
using storage::Connection;

constexpr int kBeforeCodes = 6;  // the last migration without the checks

struct Written {
  domain::ItemId item;
  domain::CaseId kase;
};

// An item for a role, and a submitted case with a version, a recipient in each capacity
// and a summary: a row in every table 0007 checks, written through the stores — but the
// item and the report version, whose tables later migrations widen, in the columns the
// schema before 0007 had.
Written WriteRows(storage::SqlTransactor& tx, const World& w) {
  Written out;
  Status st = tx.WithConnection([&](Connection& c) -> Status {
    const std::vector<domain::Role> roles = {domain::Role::kMember, domain::Role::kDeskAgent};
    RENKEI_ASSIGN_OR_RETURN(
        auto rows,
        c.Query(
            "INSERT INTO items (kind, tlp, author_user_id, sender_org_id, role_mask, roles, "
            "title, body, search_key, published_at, updated_at) VALUES ('advisory', "
            "'AMBER', $1, $2, $3, $4, '題名', '本文', '題名', 5000, 5000) RETURNING id",
            {w.analyst_a.value, w.sa.value, domain::RoleMask(roles), storage::RolesText(roles)}));
    out.item = domain::ItemId(rows.at(0).i64(0));
    RENKEI_RETURN_IF_ERROR(c.Exec("INSERT INTO item_hubs (item_id, hub_id) VALUES ($1, $2)",
                                  {out.item.value, w.hub_a.value})
                               .status());
    return c
        .Exec(
            "INSERT INTO item_versions (item_id, version, title, body, edited_by, edited_at) "
            "VALUES ($1, 1, '題名', '本文', $2, 5000)",
            {out.item.value, w.analyst_a.value})
        .status();
  });
  EXPECT_TRUE(st.ok()) << st.Describe();
  st = tx.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    domain::ReportCase c;
    c.reporter_org_id = w.m1;
    c.created_by = w.member1;
    c.sector_id = "electricity";
    c.report_class = "serious";
    c.regime_id = "hub";
    c.status = "triaged";
    c.phase = "initial";
    c.next_due_phase = "followup";
    c.created_at = c.updated_at = 6000;
    RENKEI_ASSIGN_OR_RETURN(out.kase, s.reporting.CreateCase(c));
    domain::Recipient hub;
    hub.org_id = w.sa;
    hub.kind = "hub";
    hub.hub_id = w.hub_a;
    domain::Recipient ministry;
    ministry.org_id = w.meti;
    ministry.kind = "ministry";
    domain::Recipient centre;
    centre.org_id = w.ops;
    centre.kind = "national_centre";
    for (const auto& r : {hub, ministry, centre}) {
      RENKEI_RETURN_IF_ERROR(s.reporting.AddRecipient(out.kase, r).status());
    }
    return s.reporting.AddSummary(out.kase, {out.item, "GREEN", "概要", w.analyst_a, 7000});
  });
  EXPECT_TRUE(st.ok()) << st.Describe();
  st = tx.WithConnection([&](Connection& c) -> Status {
    RENKEI_RETURN_IF_ERROR(
        c.Exec("INSERT INTO report_versions (case_id, version, phase, draft, catalog_version, "
               "saved_by, saved_at) VALUES ($1, 1, 'initial', 0, '1', $2, 6000)",
               {out.kase.value, w.member1.value})
            .status());
    return c
        .Exec(
            "INSERT INTO report_fields (case_id, version, field, value) VALUES "
            "($1, 1, 'summary', '停止')",
            {out.kase.value})
        .status();
  });
  EXPECT_TRUE(st.ok()) << st.Describe();
  return out;
}

class StoredCodesTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql" && PgUrl().empty()) {
      if (PgRequired()) FAIL() << "RENKEI_TEST_PG_URL is not set but RENKEI_REQUIRE_PG is";
      GTEST_SKIP() << "RENKEI_TEST_PG_URL not set";
    }
    auto db = storage::OpenDatabase(FreshDatabaseUrl(GetParam()));
    ASSERT_TRUE(db.ok()) << db.status().Describe();
    tx_ = std::make_unique<storage::SqlTransactor>(std::move(db).value(), 2);
  }

  Result<int> MigrateUpTo(int version) {
    Result<int> applied = 0;
    Status st = tx_->WithConnection([&](Connection& c) {
      applied = storage::Migrate(c, version);
      return applied.status();
    });
    if (!st.ok()) return st;
    return applied;
  }

  // One statement in its own transaction (autocommit), as a writer outside the stores would.
  Status Exec(const std::string& sql, storage::Params p = {}) {
    return tx_->WithConnection([&](Connection& c) { return c.Exec(sql, p).status(); });
  }

  std::int64_t One(const std::string& sql, storage::Params p = {}) {
    std::int64_t out = -1;
    Status st = tx_->WithConnection([&](Connection& c) -> Status {
      RENKEI_ASSIGN_OR_RETURN(auto rows, c.Query(sql, p));
      out = rows.at(0).i64(0);
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.Describe();
    return out;
  }

  std::int64_t IndexCount() {
    return One(GetParam() == "sqlite"
                   ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'"
                   : "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = 'public'");
  }

  std::unique_ptr<storage::SqlTransactor> tx_;
};

TEST_P(StoredCodesTest, TheDatabaseRefusesACodeNoTableHas) {
  ASSERT_TRUE(MigrateUpTo(std::numeric_limits<int>::max()).ok());
  const World w = SeedWorld(*tx_);
  const Written rows = WriteRows(*tx_, w);
  const std::int64_t item = rows.item.value, kase = rows.kase.value;
  const struct {
    std::string sql;
    storage::Params params;
  } refused[] = {
      {"INSERT INTO user_roles (user_id, role) VALUES ($1, 'root')", {w.member1.value}},
      {"UPDATE user_roles SET role = 'Admin' WHERE user_id = $1", {w.member1.value}},
      {"UPDATE items SET kind = 'memo' WHERE id = $1", {item}},
      {"UPDATE items SET tlp = 'WHITE' WHERE id = $1", {item}},
      {"UPDATE items SET role_mask = 128 WHERE id = $1", {item}},
      {"UPDATE items SET role_mask = -1 WHERE id = $1", {item}},
      {"UPDATE items SET state = 'Draft' WHERE id = $1", {item}},
      {"UPDATE items SET state = 'approved' WHERE id = $1", {item}},
      {"UPDATE report_summaries SET tlp = 'AMBER STRICT' WHERE case_id = $1", {kase}},
      {"UPDATE report_cases SET status = 'reopened' WHERE id = $1", {kase}},
      {"UPDATE report_cases SET phase = 'interim' WHERE id = $1", {kase}},
      {"UPDATE report_cases SET next_due_phase = 'later' WHERE id = $1", {kase}},
      {"UPDATE report_versions SET phase = 'Initial' WHERE case_id = $1", {kase}},
      {"UPDATE report_recipients SET kind = 'sector_body' WHERE case_id = $1 AND kind = 'hub'",
       {kase}},
      // A known capacity with another role's bit: the ministry's people would not see it.
      {"UPDATE report_recipients SET role_bit = 2 WHERE case_id = $1 AND kind = 'ministry'",
       {kase}},
      {"INSERT INTO report_recipients (case_id, org_id, kind, role_bit, added_at) "
       "VALUES ($1, $2, 'hub', 1, 0)",
       {kase, w.m2.value}},
  };
  for (const auto& r : refused) {
    Status st = Exec(r.sql, r.params);
    EXPECT_FALSE(st.ok()) << r.sql;
    // The engine's text stays in the log: to a caller it is an internal error.
    EXPECT_EQ(st.kind(), Kind::kInternal) << r.sql << ": " << st.Describe();
  }
  EXPECT_EQ(One("SELECT COUNT(*) FROM user_roles WHERE user_id = $1 AND role = 'member'",
                {w.member1.value}),
            1);
  EXPECT_EQ(One("SELECT role_mask FROM items WHERE id = $1", {item}),
            domain::RoleBit(domain::Role::kMember) | domain::RoleBit(domain::Role::kDeskAgent));
  EXPECT_EQ(One("SELECT COUNT(*) FROM report_recipients WHERE case_id = $1", {kase}), 3);

  // Every code the tables have is accepted: the checks and the tables list the same codes.
  ASSERT_TRUE(Exec("DELETE FROM user_roles WHERE user_id = $1", {w.officer.value}).ok());
  for (const auto& c : domain::kRoleCodes) {
    EXPECT_TRUE(Exec("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)",
                     {w.officer.value, std::string(c.name)})
                    .ok())
        << c.name;
    EXPECT_TRUE(
        Exec("UPDATE items SET role_mask = $2 WHERE id = $1", {item, domain::RoleBit(c.role)}).ok())
        << c.name;
  }
  std::vector<domain::Role> all;
  for (const auto& c : domain::kRoleCodes) all.push_back(c.role);
  EXPECT_TRUE(
      Exec("UPDATE items SET role_mask = $2 WHERE id = $1", {item, domain::RoleMask(all)}).ok());
  for (const char* kind : domain::kItemKinds) {
    EXPECT_TRUE(Exec("UPDATE items SET kind = $2 WHERE id = $1", {item, std::string(kind)}).ok())
        << kind;
  }
  for (const auto& st : domain::kItemStates) {
    EXPECT_TRUE(
        Exec("UPDATE items SET state = $2 WHERE id = $1", {item, std::string(st.name)}).ok())
        << st.name;
  }
  for (const auto& t : domain::kTlpCodes) {
    const std::string name = t.name;
    EXPECT_TRUE(Exec("UPDATE items SET tlp = $2 WHERE id = $1", {item, name}).ok()) << name;
    EXPECT_TRUE(Exec("UPDATE report_summaries SET tlp = $2 WHERE case_id = $1", {kase, name}).ok())
        << name;
  }
  for (const char* status : domain::kCaseStatuses) {
    EXPECT_TRUE(
        Exec("UPDATE report_cases SET status = $2 WHERE id = $1", {kase, std::string(status)}).ok())
        << status;
  }
  std::vector<std::string> phases = {""};
  for (const char* p : domain::kPhases) phases.emplace_back(p);
  for (const auto& p : phases) {
    EXPECT_TRUE(
        Exec("UPDATE report_cases SET phase = $2, next_due_phase = $2 WHERE id = $1", {kase, p})
            .ok())
        << p;
    EXPECT_TRUE(Exec("UPDATE report_versions SET phase = $2 WHERE case_id = $1", {kase, p}).ok())
        << p;
  }
  for (const auto& k : domain::kRecipientKinds) {
    EXPECT_TRUE(Exec("INSERT INTO report_recipients (case_id, org_id, kind, role_bit, added_at) "
                     "VALUES ($1, $2, $3, $4, 0)",
                     {kase, w.m3.value, std::string(k.name), domain::RoleBit(k.role)})
                    .ok())
        << k.name;
  }
}

TEST_P(StoredCodesTest, TheMigrationKeepsTheRowsAndIndexesWrittenBeforeIt) {
  auto before = MigrateUpTo(kBeforeCodes);
  ASSERT_TRUE(before.ok()) << before.status().Describe();
  ASSERT_EQ(*before, kBeforeCodes);
  const World w = SeedWorld(*tx_);
  const Written rows = WriteRows(*tx_, w);
  const std::int64_t indexes = IndexCount();

  // 0007 alone: later migrations may add or drop indexes of their own (0008 does).
  auto applied = MigrateUpTo(kBeforeCodes + 1);
  ASSERT_TRUE(applied.ok()) << applied.status().Describe();
  EXPECT_EQ(*applied, 1);
  EXPECT_EQ(IndexCount(), indexes);
  // Then every later migration; the rows read through today's stores.
  ASSERT_TRUE(MigrateUpTo(std::numeric_limits<int>::max()).ok());

  Status st = tx_->Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto it, s.sharing.LoadItem(rows.item));
    EXPECT_TRUE(it.has_value());
    if (it) {
      EXPECT_EQ(it->kind, "advisory");
      EXPECT_EQ(it->tlp, domain::Tlp::kAmber);
      EXPECT_EQ(it->audience.roles,
                (std::vector<domain::Role>{domain::Role::kMember, domain::Role::kDeskAgent}));
    }
    RENKEI_ASSIGN_OR_RETURN(auto user, s.directory.GetUser(w.analyst_a));
    EXPECT_EQ(user->roles, std::vector<domain::Role>{domain::Role::kHubAnalyst});
    // The ministry's officer still sees the case through the recipient row written before.
    const domain::Viewer officer{w.officer, w.meti,
                                 domain::RoleBit(domain::Role::kMinistryOfficer)};
    RENKEI_ASSIGN_OR_RETURN(auto c, s.reporting.GetVisibleCase(rows.kase, officer));
    EXPECT_TRUE(c.has_value());
    if (c) {
      EXPECT_EQ(c->status, "triaged");
      EXPECT_EQ(c->phase, "initial");
      EXPECT_EQ(c->next_due_phase, "followup");
    }
    RENKEI_ASSIGN_OR_RETURN(auto recipients, s.reporting.ListRecipients(rows.kase));
    EXPECT_EQ(recipients.size(), 3u);
    RENKEI_ASSIGN_OR_RETURN(auto versions, s.reporting.ListVersions(rows.kase));
    EXPECT_EQ(versions.size(), 1u);
    if (!versions.empty()) {
      EXPECT_EQ(versions[0].fields.at("summary"), "停止");
    }
    RENKEI_ASSIGN_OR_RETURN(auto summaries, s.reporting.ListSummaries(rows.kase));
    EXPECT_EQ(summaries.size(), 1u);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.Describe();
  EXPECT_FALSE(Exec("UPDATE items SET tlp = 'WHITE' WHERE id = $1", {rows.item.value}).ok());
}

// As PostgreSQL does when it adds a CHECK, the migration refuses a database holding a code
// no table has, and applies nothing: the operator fixes the row and starts again.
TEST_P(StoredCodesTest, AnUnknownCodeAlreadyStoredStopsTheMigrationAndChangesNothing) {
  auto before = MigrateUpTo(kBeforeCodes);
  ASSERT_TRUE(before.ok()) << before.status().Describe();
  ASSERT_EQ(*before, kBeforeCodes);
  const World w = SeedWorld(*tx_);
  const Written rows = WriteRows(*tx_, w);
  ASSERT_TRUE(
      Exec("UPDATE report_cases SET status = 'reopened' WHERE id = $1", {rows.kase.value}).ok());

  auto refused = MigrateUpTo(std::numeric_limits<int>::max());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().Describe().find("0007_stored_codes"), std::string::npos)
      << refused.status().Describe();
  EXPECT_EQ(One("SELECT MAX(version) FROM schema_migrations"), kBeforeCodes);
  // Nothing of 0007 stayed behind: other unknown codes are still accepted.
  EXPECT_TRUE(Exec("UPDATE items SET tlp = 'WHITE' WHERE id = $1", {rows.item.value}).ok());

  ASSERT_TRUE(Exec("UPDATE items SET tlp = 'AMBER' WHERE id = $1", {rows.item.value}).ok());
  ASSERT_TRUE(
      Exec("UPDATE report_cases SET status = 'open' WHERE id = $1", {rows.kase.value}).ok());
  auto applied = MigrateUpTo(std::numeric_limits<int>::max());
  EXPECT_TRUE(applied.ok()) << applied.status().Describe();
}

INSTANTIATE_TEST_SUITE_P(Engines, StoredCodesTest, RENKEI_ENGINES,
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace renkei::testing
