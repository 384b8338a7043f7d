// The generic outbox on both engines: claims shared by concurrent claimers (several
// `renkei serve` processes on one PostgreSQL), the claim as a lease, the stored kind
// codes, and migration 0008 carrying the mail queued before it.
#include <gtest/gtest.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

#include "app/platform.h"
#include "core/crypto.h"
#include "domain/auth/auth_store.h"
#include "domain/auth/reset_mail.h"
#include "domain/outbox/outbox_service.h"
#include "domain/outbox/outbox_store.h"
#include "domain/sharing/mail.h"
#include "domain/sharing/sharing_store.h"
#include "storage/migrations/migrations.h"
#include "support/catalogs.h"
#include "world.h"

namespace renkei::testing {
namespace {

using domain::OutboxRow;

// Every kind the server sends (the platform's registrations).
domain::MailKinds AllKinds() {
  domain::MailKinds kinds;
  app::RegisterMailKinds(kinds, testing::TestCatalogs());
  return kinds;
}

OutboxRow Row(UserId user, std::int64_t subject, Millis at) {
  OutboxRow r;
  r.subject_kind = domain::kItemSubject;
  r.subject_id = subject;
  r.subject_version = 1;
  r.kind = domain::kMailItemPublished;
  r.user_id = user;
  r.created_at = r.not_before = at;
  return r;
}

class OutboxTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    w_ = SeedWorld(*tx_);
  }
  // Queues `n` rows due at `at`, spread over the world's people.
  void Queue(int n, Millis at) {
    const UserId people[] = {w_.member1, w_.member1b, w_.member3, w_.analyst_a};
    Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
      for (int i = 0; i < n; ++i) {
        RENKEI_RETURN_IF_ERROR(s.outbox.Enqueue(Row(people[i % 4], 1 + i / 4, at)).status());
      }
      return Status::Ok();
    });
    ASSERT_TRUE(st.ok()) << st.Describe();
  }
  // One committed claim.
  std::vector<OutboxRow> Claim(Millis now, Millis stale_before, int limit) {
    std::vector<OutboxRow> rows;
    Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(rows, s.outbox.Claim(now, stale_before, limit, codes_));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.Describe();
    return rows;
  }

  World w_;
  std::vector<std::string> codes_ = AllKinds().codes();
};

// Two workers (threads here; processes in production) drain the same outbox at once:
// every row is claimed, and none twice, so no recipient gets a message twice.
TEST_P(OutboxTest, ConcurrentClaimersNeverTakeTheSameRow) {
  constexpr int kRows = 1200;
  Queue(kRows, 1000);
  std::mutex mu;
  std::map<std::int64_t, int> claims;  // row id -> how often claimed
  auto worker = [&] {
    for (;;) {
      auto rows = Claim(2000, 1000, 25);  // lease: claims before t=1000 are stale (none)
      if (rows.empty()) return;
      std::lock_guard lock(mu);
      for (const auto& r : rows) ++claims[r.id];
    }
  };
  std::thread a(worker), b(worker), c(worker);
  a.join();
  b.join();
  c.join();
  EXPECT_EQ(claims.size(), static_cast<size_t>(kRows));
  for (const auto& [id, n] : claims) EXPECT_EQ(n, 1) << "row " << id << " claimed twice";
}

// On PostgreSQL a claim skips the rows another claimer holds in its open transaction
// instead of waiting for it, and never returns them: two processes work side by side.
TEST_P(OutboxTest, AClaimSkipsTheRowsAnOpenClaimHolds) {
  if (GetParam() == "sqlite") GTEST_SKIP() << "SQLite has one writer at a time";
  Queue(40, 1000);
  std::mutex mu;
  std::condition_variable cv;
  bool first_holds = false, second_done = false, released_by_second = false;
  std::vector<OutboxRow> first, second;
  std::thread holder([&] {
    Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(first, s.outbox.Claim(2000, 1000, 25, codes_));
      std::unique_lock lock(mu);
      first_holds = true;
      cv.notify_all();
      // Keep the rows locked until the other claim returned (or give up after 10 s).
      released_by_second = cv.wait_for(lock, std::chrono::seconds(10), [&] { return second_done; });
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.Describe();
  });
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return first_holds; });
  }
  second = Claim(2000, 1000, 25);
  {
    std::lock_guard lock(mu);
    second_done = true;
  }
  cv.notify_all();
  holder.join();
  EXPECT_TRUE(released_by_second) << "the second claim waited for the first to commit";
  EXPECT_EQ(first.size(), 25u);
  EXPECT_EQ(second.size(), 15u) << "the rows nobody holds, without waiting";
  std::set<std::int64_t> ids;
  for (const auto& r : first) ids.insert(r.id);
  for (const auto& r : second) EXPECT_EQ(ids.count(r.id), 0u) << "row " << r.id << " twice";
}

// A claim is a lease: nobody else takes the rows until it is older than the lease; then
// they are claimed again (a worker died), and the late worker can no longer release or
// fail them under the new claimer.
TEST_P(OutboxTest, AClaimIsALeaseThatALateWorkerCannotUndo) {
  Queue(3, 1000);
  const Millis lease = 60'000;
  auto held = Claim(2000, 2000 - lease, 10);
  ASSERT_EQ(held.size(), 3u);
  EXPECT_TRUE(Claim(30'000, 30'000 - lease, 10).empty()) << "held under the lease";
  auto again = Claim(70'000, 70'000 - lease, 10);
  ASSERT_EQ(again.size(), 3u) << "the lease ran out: claimed again";
  EXPECT_EQ(again[0].attempts, 2);
  // The first worker wakes up late: its release and its failure change nothing.
  Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(s.outbox.Release({held[0]}));
    return s.outbox.MarkFailed({held[1]}, "late", 70'001);
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  EXPECT_TRUE(Claim(80'000, 80'000 - lease, 10).empty()) << "still the second claimer's";
  // The second claimer sends one, gives one back untried, and fails one.
  st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(s.outbox.MarkDone({again[0]}, 80'000, ""));
    RENKEI_RETURN_IF_ERROR(s.outbox.Release({again[1]}));
    return s.outbox.MarkFailed({again[2]}, "421 busy", 95'000);
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  auto next = Claim(90'000, 90'000 - lease, 10);
  ASSERT_EQ(next.size(), 1u) << "the released row at once, the failed one at its retry time";
  EXPECT_EQ(next[0].id, again[1].id);
  EXPECT_EQ(next[0].attempts, 2) << "a release does not count as an attempt";
  auto later = Claim(95'000, 95'000 - lease, 10);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].id, again[2].id);
  std::int64_t unsent = 0;
  st = tx_->Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(unsent, s.outbox.CountUnsent());
    return Status::Ok();
  });
  EXPECT_EQ(unsent, 2);
}

// Rows are marked done in chunks (a statement per hundred): every row given is marked,
// across the chunks and the short last one, and no other.
TEST_P(OutboxTest, MarkingManyRowsDoneMarksExactlyThose) {
  Queue(250, 1000);
  auto held = Claim(2000, 2000, 1000);
  ASSERT_EQ(held.size(), 250u);
  const std::vector<OutboxRow> done(held.begin(), held.begin() + 230);
  std::int64_t unsent = 0;
  Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(s.outbox.MarkDone(done, 3000, ""));
    RENKEI_ASSIGN_OR_RETURN(unsent, s.outbox.CountUnsent());
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  EXPECT_EQ(unsent, 20);
  auto left = Claim(200'000, 200'000, 1000);  // the lease long over: what is still unsent
  ASSERT_EQ(left.size(), 20u);
  std::set<std::int64_t> ids;
  for (const auto& r : left) ids.insert(r.id);
  for (size_t i = 230; i < held.size(); ++i) EXPECT_EQ(ids.count(held[i].id), 1u);
}

// A worker claims only the kinds it knows, so a process without a kind's renderer (an
// older binary during an upgrade) leaves those rows to one that has it.
TEST_P(OutboxTest, AWorkerClaimsOnlyTheKindsItKnows) {
  Queue(2, 1000);
  std::vector<OutboxRow> rows;
  Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(rows, s.outbox.Claim(2000, 1000, 10, {domain::kMailPasswordReset}));
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  EXPECT_TRUE(rows.empty());
  EXPECT_EQ(Claim(2000, 1000, 10).size(), 2u);
}

// The stored codes: every registered kind is one the table accepts with its subject
// kind, and the table refuses any other (CHECK), so an enum position or a typo never
// reaches storage.
TEST_P(OutboxTest, EveryRegisteredKindIsAStoredCodeAndNoOtherIs) {
  const domain::MailKinds kinds = AllKinds();
  for (const auto& code : kinds.codes()) {
    OutboxRow r = Row(w_.member1, 1, 1000);
    r.kind = code;
    r.subject_kind = kinds.Find(code)->subject_kind;
    Status st = tx_->Run(domain::TxMode::kWrite,
                         [&](domain::Stores& s) { return s.outbox.Enqueue(r).status(); });
    EXPECT_TRUE(st.ok()) << code << ": " << st.Describe();
  }
  for (auto [subject_kind, kind] : {std::pair{"item", "item"}, std::pair{"item", "digest"},
                                    std::pair{"report_case", "item_published"}}) {
    OutboxRow r = Row(w_.member1, 1, 1000);
    r.subject_kind = subject_kind;
    r.kind = kind;
    Status st = tx_->Run(domain::TxMode::kWrite,
                         [&](domain::Stores& s) { return s.outbox.Enqueue(r).status(); });
    EXPECT_FALSE(st.ok()) << subject_kind << "/" << kind << " was stored";
  }
}

TEST(SqliteSql, DropsTheRowLockingClauseAndNumbersPlaceholders) {
  EXPECT_EQ(
      storage::SqliteSql("SELECT id FROM outbox WHERE a = $1 LIMIT $2 FOR UPDATE SKIP LOCKED"),
      "SELECT id FROM outbox WHERE a = ?1 LIMIT ?2");
  EXPECT_EQ(storage::SqliteSql("SELECT ' FOR UPDATE SKIP LOCKED' WHERE b = $3"),
            "SELECT ' FOR UPDATE SKIP LOCKED' WHERE b = ?3")
      << "quoted text stays";
}

// Migration 0008 moves the old item outbox and the password resets' own queue into
// the generic outbox: an upgrade loses no queued mail, keeps each item mail's id (its
// Message-ID) and claim, and queues no mail that had left or was superseded.
TEST_P(OutboxTest, Migration0008KeepsEveryQueuedMail) {
  auto db = storage::OpenDatabase(FreshDatabaseUrl(GetParam()));
  ASSERT_TRUE(db.ok()) << db.status().Describe();
  storage::SqlTransactor tx(std::move(db).value(), 2);
  // The schema as it was before 0008.
  Status st = tx.WithConnection([](storage::Connection& c) -> Status {
    RENKEI_RETURN_IF_ERROR(c.ExecScript(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
    for (const auto& m : storage::MigrationsFor(c.engine())) {
      if (m.version >= 8) break;
      RENKEI_RETURN_IF_ERROR(c.ExecScript(m.sql));
      RENKEI_RETURN_IF_ERROR(
          c.Exec("INSERT INTO schema_migrations VALUES ($1, $2, $3, 0)",
                 {std::int64_t{m.version}, std::string(m.name), Sha256Hex(m.sql)})
              .status());
    }
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  World w = SeedWorld(tx);
  domain::ItemId item;
  // The item in the columns it had then (later migrations widen its tables).
  st = tx.WithConnection([&](storage::Connection& c) -> Status {
    RENKEI_ASSIGN_OR_RETURN(
        auto rows,
        c.Query("INSERT INTO items (kind, tlp, author_user_id, sender_org_id, title, body, "
                "search_key, published_at, updated_at) VALUES ('alert', 'GREEN', $1, $2, "
                "'件名', '本文', '件名', 1000, 1000) RETURNING id",
                {w.analyst_a.value, w.sa.value}));
    item = domain::ItemId(rows.at(0).i64(0));
    return c
        .Exec(
            "INSERT INTO item_versions (item_id, version, title, body, edited_by, edited_at) "
            "VALUES ($1, 1, '件名', '本文', $2, 1000)",
            {item.value, w.analyst_a.value})
        .status();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  // Old rows: mail due, a digest waiting, one claimed by a worker (held), one sent;
  // resets: one waiting (after two failed attempts), one mailed, one superseded.
  std::map<std::string, std::int64_t> old_id;  // old kind -> its row id
  st = tx.WithConnection([&](storage::Connection& c) -> Status {
    const std::int64_t i = item.value;
    for (auto [kind, user, not_before, claimed, sent] :
         {std::tuple{"item", w.member1.value, 1000, 0, 0},
          std::tuple{"digest", w.member1b.value, 90'000, 0, 0},
          std::tuple{"revised", w.member3.value, 1000, 1500, 0},
          std::tuple{"withdrawn", w.member1.value, 1000, 0, 1200}}) {
      RENKEI_ASSIGN_OR_RETURN(
          auto rows,
          c.Query("INSERT INTO outbox (kind, item_id, item_version, user_id, created_at, "
                  "not_before, claimed_at, sent_at, attempts) VALUES ($1, $2, 1, $3, 1000, $4, "
                  "$5, $6, $7) RETURNING id",
                  {std::string(kind), i, user, std::int64_t{not_before},
                   claimed ? storage::Value(std::int64_t{claimed}) : storage::Value(nullptr),
                   sent ? storage::Value(std::int64_t{sent}) : storage::Value(nullptr),
                   std::int64_t{claimed || sent ? 1 : 0}}));
      old_id[kind] = rows.at(0).i64(0);
    }
    for (auto [id, secret, mailed, not_before, attempts] :
         {std::tuple{21, "waiting-secret", 0, 45'000, 2}, std::tuple{22, "", 1100, 0, 1},
          std::tuple{23, "", 0, 0, 0}}) {
      RENKEI_RETURN_IF_ERROR(
          c.Exec("INSERT INTO password_resets (id, user_id, token_hash, created_by, reason, "
                 "created_at, expires_at, mail_secret, mailed_at, mail_attempts, "
                 "mail_not_before, last_error) VALUES ($1, $2, $3, $4, '', 1000, $5, $6, $7, "
                 "$8, $9, 'smtp down')",
                 {std::int64_t{id}, w.member1b.value, "hash-" + std::to_string(id), w.admin.value,
                  std::int64_t{1000 + domain::kPasswordResetTtl}, std::string(secret),
                  mailed ? storage::Value(std::int64_t{mailed}) : storage::Value(nullptr),
                  std::int64_t{attempts}, std::int64_t{not_before}})
              .status());
    }
    int newer = 0;
    for (const auto& m : storage::MigrationsFor(c.engine())) newer += m.version >= 8;
    RENKEI_ASSIGN_OR_RETURN(int applied, storage::Migrate(c));
    EXPECT_EQ(applied, newer);
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();

  auto claim = [&](Millis now) {
    std::vector<OutboxRow> rows;
    Status s2 = tx.Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(rows, s.outbox.Claim(now, now - 60'000, 100, codes_));
      return Status::Ok();
    });
    EXPECT_TRUE(s2.ok()) << s2.Describe();
    return rows;
  };
  auto due = claim(50'000);
  ASSERT_EQ(due.size(), 2u) << "the item mail due, and the reset once its back-off passed";
  EXPECT_EQ(due[0].id, old_id["item"]) << "same id, same Message-ID";
  EXPECT_EQ(due[0].kind, domain::kMailItemPublished);
  EXPECT_EQ(due[0].subject_kind, domain::kItemSubject);
  EXPECT_EQ(due[0].subject_id, item.value);
  EXPECT_EQ(due[0].subject_version, 1);
  EXPECT_EQ(due[0].user_id, w.member1);
  EXPECT_EQ(due[1].kind, domain::kMailPasswordReset);
  EXPECT_EQ(due[1].subject_kind, domain::kPasswordResetSubject);
  EXPECT_EQ(due[1].subject_id, 21);
  EXPECT_EQ(due[1].user_id, w.member1b);
  EXPECT_EQ(due[1].attempts, 3) << "its two failed attempts count";
  auto later = claim(100'000);
  std::set<std::pair<std::int64_t, std::string>> got;
  for (const auto& r : later) got.emplace(r.id, r.kind);
  EXPECT_EQ(got, (std::set<std::pair<std::int64_t, std::string>>{
                     {old_id["digest"], domain::kMailItemDigest},
                     {old_id["revised"], domain::kMailItemRevised}}))
      << "the digest in the morning, the held row once its claim went stale";
  // The reset's secret is where the renderer reads it; the old queue's columns are gone.
  std::optional<domain::PasswordReset> reset;
  st = tx.Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(reset, s.auth.GetPasswordResetById(21));
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  ASSERT_TRUE(reset.has_value());
  EXPECT_EQ(reset->mail_secret, "waiting-secret");
  // New rows after the migrated ones get new ids.
  std::int64_t next = 0;
  st = tx.Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(next, s.outbox.Enqueue(Row(w.member1, item.value, 200'000)));
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  EXPECT_GT(next, old_id["withdrawn"]);
}

INSTANTIATE_TEST_SUITE_P(Engines, OutboxTest, RENKEI_ENGINES,
                         [](const auto& info) { return info.param; });

// The administrator's lists: the backlog is the rows due and not sent, the errors the rows
// whose last try failed or that were given up in the last 7 days; each count is the length
// of its list over all pages, an error is its code only, and no one else reads them.
TEST_P(OutboxTest, TheAdministratorsListsAreWhatTheyCount) {
  const Millis now = 30LL * 24 * 3600 * 1000;
  Queue(6, now - 1000);
  Queue(2, now + 3600 * 1000);  // a digest for the morning: not due yet
  const auto claimed = Claim(now, now - 60'000, 3);
  ASSERT_EQ(claimed.size(), 3u);
  Status st = tx_->Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(s.outbox.MarkFailed(
        {claimed[0]}, "smtp_failed: The mail could not be sent (SMTP). (550 <x@secret.example>)",
        now + 60'000));
    RENKEI_RETURN_IF_ERROR(s.outbox.MarkDone({claimed[1]}, now - 500, "user_inactive: gone"));
    return s.outbox.MarkDone({claimed[2]}, now - 500, "");
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  ManualClock clock(now);
  domain::OutboxService outbox(*tx_, clock);
  const auto admin = PrincipalOf(*tx_, w_.admin);
  auto all = [&](const char* state) {
    std::vector<domain::OutboxEntry> out;
    domain::OutboxFilter f;
    f.state = state;
    f.limit = 2;
    for (;;) {
      auto page = outbox.List(admin, f);
      EXPECT_TRUE(page.ok()) << page.status().Describe();
      if (!page.ok() || page->empty()) break;
      for (auto& e : *page) out.push_back(e);
      f.before_id = out.back().row.id;
    }
    return out;
  };
  domain::OutboxFilter due;
  due.state = "due";
  domain::OutboxFilter failed;
  failed.state = "failed";
  const auto due_rows = all("due");
  // 6 due, 2 of them done, 1 failed and waiting for its retry in a minute.
  EXPECT_EQ(due_rows.size(), 3u);
  EXPECT_EQ(outbox.Count(admin, due).value(), 3);
  const auto failed_rows = all("failed");
  ASSERT_EQ(failed_rows.size(), 2u);
  EXPECT_EQ(outbox.Count(admin, failed).value(), 2);
  std::set<std::string> codes;
  for (const auto& e : failed_rows) {
    codes.insert(e.error_code);
    EXPECT_EQ(e.last_error, "") << "the stored text stays in the domain";
    EXPECT_EQ(e.sent_at.has_value(), e.error_code == "user_inactive");
    EXPECT_FALSE(e.recipient_name.empty());
  }
  EXPECT_EQ(codes, (std::set<std::string>{"smtp_failed", "user_inactive"}));
  // Eight days on, the given-up row has left the errors; the failed one waits still.
  clock.set(now + domain::kOutboxFailedWindow + 60'000);
  EXPECT_EQ(outbox.Count(admin, failed).value(), 1);
  const auto member = PrincipalOf(*tx_, w_.member1);
  EXPECT_EQ(outbox.List(member, due).status().code(), std::string_view("forbidden"));
  EXPECT_EQ(outbox.Count(member, failed).status().code(), std::string_view("forbidden"));
}

}  // namespace
}  // namespace renkei::testing
