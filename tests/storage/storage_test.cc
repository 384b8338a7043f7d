// The storage suite: the same tests on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/crypto.h"
#include "core/text.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth_store.h"
#include "domain/directory/directory_store.h"
#include "storage/migrations/migrations.h"
#include "storage/stores/sql_stores.h"
#include "world.h"

namespace renkei::testing {
namespace {

using domain::Stores;
using domain::TxMode;

class StorageTest : public EngineTest {};

TEST(Migrations, BothEnginesHaveTheSameContiguousNumbers) {
  const auto& a = storage::sqlite_migrations();
  const auto& b = storage::pg_migrations();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].version, static_cast<int>(i + 1)) << a[i].name;
    EXPECT_EQ(b[i].version, a[i].version) << b[i].name;
    EXPECT_STREQ(a[i].name, b[i].name);
  }
}

// The SHA-256 of each applied migration as databases in use have it stored: taken from
// the per-engine files these migrations were written as before they became one source per
// number. Migrate() refuses to start when an applied migration's text hashes differently,
// so a change to a migration or to a token's expansion that breaks existing databases
// fails here first.
TEST(Migrations, AppliedMigrationsKeepTheChecksumsExistingDatabasesHold) {
  struct Pinned {
    int version;
    const char* sqlite;
    const char* postgres;
  };
  constexpr Pinned kPinned[] = {
      {1, "38dd468774b0a301dd294fa57d8176ed1f3ddaa0fe4765e965081a40d2ffd579",
       "eca3740de2de6c07024b9789af823e6026a473cf4fed523b6f7d61c5e87b5dce"},
      {2, "dc2f84fe3e9c0342011085a0f0bcf0638b8f78f69f1ab2c88a72b8d533a362f7",
       "c24f04baf81dd8a7a160c41d5ac53ee2b0fdc64dcc2d851ab12199f77774e3af"},
      {3, "147e1286aeff96cdd1cceb5246fc9e2bd137940cdb94bfd93502baf35af31f1c",
       "168ad3b4af95d618ed5147502aa894e083198cb89f6085862fb4e7e485e0f90f"},
      {4, "eb66aa685a76a94097a413af48f533543a91d92e443a316e444b44f12659f7d1",
       "d9a11cfd87be3a1be2e998fdae8d2733cd2313140393597092733387ce5613b8"},
      {5, "76e7eaaf44ad6eec300b17369380c7ceac8e5723c9e0ffb99f389b7c93a25df1",
       "3216c0844c63397ba12acfd11508d5822628c22c1f74d1b056571c5e02a050fb"},
      {6, "fe459da9f7e02d959c6941d840ac94ab1c1945aade8abafe3418d3a09e22f277",
       "fb7646c9e21ff0b8378215ef785f821f298c278d5a0108ffc2cbaa6b0208559a"},
      {7, "86ae0875d90e539a7bd6486834f010447e9f2a206381ff8bb11b5ac239262249",
       "7456bcac4b72e8dba42c3ad0ffa17001913c434ad5b923e958e892a033b37c27"},
      {8, "eaa35e5922d712cfe403f0d001a3d1b7977714f77e7a9710bc43ba76c2fdbf3d",
       "1cd6bd166ce44fcb8f230970af9deba51b700b901a3a454b192b5d9f41564717"},
      {9, "640417e382f92af25347132b4ca046e7425369ecd62cff0f535f3d8055c5b7a8",
       "7e6c09c2c108005fc986e1a1d9346e974bdc5009790693b980e8b7600d399c2a"},
      {10, "57ada6b02d694de792cd3be27360209ce92491f270b3605dad9834c8a885de21",
       "57ada6b02d694de792cd3be27360209ce92491f270b3605dad9834c8a885de21"},
      {11, "86c888f3a57ea9ceef0ce145c784250fc0d61190015bf55a8d7d6a276655f32f",
       "3dd68d6fccf589d74558809ec8fe9fd2da1ca1f3c5795ef619bd3d3b7fe08615"},
      {12, "c832de26dfe70e05515f0b2234160dcff739d9b7c1dbefed27641c3d96b372fd",
       "c832de26dfe70e05515f0b2234160dcff739d9b7c1dbefed27641c3d96b372fd"},
      {13, "177f95ef7ac9020b1fb113dd2c6541a66433f6c1e4df742f18acdbb73532e82d",
       "177f95ef7ac9020b1fb113dd2c6541a66433f6c1e4df742f18acdbb73532e82d"},
      {14, "312c8b70ac77743e5e5cd3798c975dfc36ee1c867c669a969a8d45e3126aa872",
       "93ad1d2d8caf4870b94488c1785776b3a4ce3e37683fb4c394f9eb854be00074"},
      {15, "08d1087ddeb1637240aab0663e3c963c52f8c82d72789a03c46260a6d4c449bb",
       "08d1087ddeb1637240aab0663e3c963c52f8c82d72789a03c46260a6d4c449bb"},
      {16, "8c71a7f191b6630073884533dd478bf65d416730bf10a2c17c90ddeb7b8a728c",
       "0ca3c0efe109c16dd49a4c39cf0d7d48378199017950a835a6898f560cec6cc1"},
      {17, "8e246cf1f98b6131327e61e4a252a910a9867b3e09239e2291131d57c3c7056e",
       "f42b19da58b1e7cec501f42a4b6131de297c5cc9515d38240895d05ed59377ce"},
      {18, "d46c924b63f98ad73874e2503571f52a11b17c66b82c78512f5a21e4537fc808",
       "d3458915f559643f3e9b53ff16f0b964d3af9cc9e186aee9cd9fa44357ac7f77"},
      {19, "d74bd127701779c6055011fbfe0a3874aee1ca6c8b449605ac26047390e38979",
       "d74bd127701779c6055011fbfe0a3874aee1ca6c8b449605ac26047390e38979"},
      {20, "44f976de2295637fda03295711be42887f71a867c38f7c943d9f4a2df94d13d7",
       "44f976de2295637fda03295711be42887f71a867c38f7c943d9f4a2df94d13d7"},
      {21, "e243b264019490c784cc51b3f650d2fd2b8ddf366693b45956357a3f1de99b38",
       "8b169810172aabf10000b46655ce70568a5cb674559846f4e476a3f6689f8dbc"},
      {22, "f5200e0ecc220b9370417056327d159939447055b2c839e03114c009f85bc0d4",
       "61843be7dd6d008fb46f1abeddbdbf75c7b91c6a469d7a0677cd9505efb5be61"},
      {23, "7a2eb5a4c6ab3e9b0e28a49bf0fe2d4e7a63017d763b732e68ac5e3d876fb9be",
       "7ac41caf898445947900d9bde8cfe4d3eb5b6d283feadb9ec14c12283222cff1"},
      {24, "721f1fbee5fbf9ff4ca4daf980bdd47b113296fe6eb22a39fc9b1dc5609e2693",
       "b994dd9b5f88c861f052eea667d460f037957100de3f938d998697ce3274bf0f"},
  };
  const auto& sqlite = storage::sqlite_migrations();
  const auto& pg = storage::pg_migrations();
  // By number, not position: helpers add migrations in parallel and the lead renumbers.
  auto find = [](const std::vector<storage::Migration>& list, int version) {
    return std::find_if(list.begin(), list.end(),
                        [&](const storage::Migration& m) { return m.version == version; });
  };
  for (const Pinned& p : kPinned) {
    ASSERT_NE(find(sqlite, p.version), sqlite.end()) << p.version;
    ASSERT_NE(find(pg, p.version), pg.end()) << p.version;
    const auto& a = *find(sqlite, p.version);
    const auto& b = *find(pg, p.version);
    EXPECT_EQ(Sha256Hex(a.sql), p.sqlite) << "sqlite " << a.name;
    EXPECT_EQ(Sha256Hex(b.sql), p.postgres) << "postgresql " << b.name;
  }
}

TEST_P(StorageTest, MigrationsApplyOnceAndRecordTheVersion) {
  Status st = tx_->WithConnection([](storage::Connection& c) -> Status {
    RENKEI_ASSIGN_OR_RETURN(int again, storage::Migrate(c));
    EXPECT_EQ(again, 0);
    RENKEI_ASSIGN_OR_RETURN(int version, storage::SchemaVersion(c));
    EXPECT_EQ(version, storage::MigrationsFor(c.engine()).back().version);
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
}

TEST_P(StorageTest, AnEditedMigrationIsRefused) {
  Status st = tx_->WithConnection([](storage::Connection& c) -> Status {
    RENKEI_RETURN_IF_ERROR(
        c.Exec("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1", {}).status());
    auto again = storage::Migrate(c);
    EXPECT_FALSE(again.ok());
    EXPECT_NE(again.status().message().find("append-only"), std::string::npos)
        << again.status().Describe();
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
}

TEST_P(StorageTest, OrganisationRoundTripAndLinkReplacement) {
  World w = SeedWorld(*tx_);
  Status st = tx_->Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(w.m1));
    EXPECT_TRUE(org.has_value());
    EXPECT_EQ(org->name_ja, "東北発電株式会社");
    EXPECT_EQ(org->sector_ids, std::vector<std::string>{"electricity"});
    EXPECT_EQ(org->hub_ids, std::vector<HubId>{w.hub_a});
    EXPECT_EQ(org->prefecture, 4);
    org->sector_ids = {"electricity", "gas"};
    org->hub_ids = {w.hub_a, w.hub_b};
    org->name_en = "Tohoku Generation";
    RENKEI_RETURN_IF_ERROR(s.directory.UpdateOrganisation(*org));
    RENKEI_ASSIGN_OR_RETURN(auto again, s.directory.GetOrganisation(w.m1));
    EXPECT_EQ(again->sector_ids, (std::vector<std::string>{"electricity", "gas"}));
    EXPECT_EQ(again->hub_ids, (std::vector<HubId>{w.hub_a, w.hub_b}));
    EXPECT_EQ(again->name_en, "Tohoku Generation");
    RENKEI_ASSIGN_OR_RETURN(auto missing, s.directory.GetOrganisation(OrgId(999999)));
    EXPECT_FALSE(missing.has_value());
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
}

TEST_P(StorageTest, HubsCountMembersAndNameTheirSecretariat) {
  World w = SeedWorld(*tx_);
  Status st = tx_->Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto hubs, s.directory.ListHubs());
    EXPECT_EQ(hubs.size(), 2u);
    EXPECT_EQ(hubs[0].member_count, 2);
    EXPECT_EQ(hubs[0].secretariat_name_ja, "電力ISAC事務局");
    EXPECT_EQ(hubs[0].communication_means, (std::vector<std::string>{"email", "phone"}));
    EXPECT_EQ(hubs[1].member_count, 1);
    RENKEI_ASSIGN_OR_RETURN(auto run, s.directory.HubsRunBy(w.sa));
    EXPECT_EQ(run, std::vector<HubId>{w.hub_a});
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
}

TEST_P(StorageTest, ListingPagesThroughEveryRowOnceWithFilters) {
  World w = SeedWorld(*tx_);
  Status st = tx_->Run(TxMode::kWrite, [&](Stores& s) -> Status {
    for (int i = 0; i < 25; ++i) {
      AddOrg(s, "ページ" + std::to_string(i), i % 2 ? "operator" : "vendor", {"gas"}, {w.hub_b},
             10 + i % 3);
    }
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  st = tx_->Run(TxMode::kRead, [&](Stores& s) -> Status {
    domain::OrgFilter f;
    f.limit = 10;
    std::set<std::int64_t> seen;
    int pages = 0;
    for (;;) {
      RENKEI_ASSIGN_OR_RETURN(auto page, s.directory.ListOrganisations(f));
      ++pages;
      for (const auto& o : page.items) EXPECT_TRUE(seen.insert(o.id.value).second);
      if (!page.next_after_id) break;
      f.after_id = *page.next_after_id;
    }
    EXPECT_EQ(seen.size(), 32u);  // 7 seeded + 25
    EXPECT_EQ(pages, 4);
    domain::OrgFilter by;
    by.limit = 200;
    by.sector_id = "gas";
    RENKEI_ASSIGN_OR_RETURN(auto gas, s.directory.ListOrganisations(by));
    EXPECT_EQ(gas.items.size(), 27u);  // sb, m3 and 25
    by.kind = "vendor";
    RENKEI_ASSIGN_OR_RETURN(auto vendors, s.directory.ListOrganisations(by));
    EXPECT_EQ(vendors.items.size(), 13u);
    domain::OrgFilter pref;
    pref.limit = 200;
    pref.prefecture = 4;
    RENKEI_ASSIGN_OR_RETURN(auto tohoku, s.directory.ListOrganisations(pref));
    EXPECT_EQ(tohoku.items.size(), 1u);
    domain::OrgFilter hub;
    hub.limit = 200;
    hub.hub_id = w.hub_a;
    RENKEI_ASSIGN_OR_RETURN(auto members, s.directory.ListOrganisations(hub));
    EXPECT_EQ(members.items.size(), 2u);
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
}

TEST_P(StorageTest, NameSearchFoldsWidthAndCaseAndTreatsWildcardsLiterally) {
  SeedWorld(*tx_);
  Status st = tx_->Run(TxMode::kWrite, [&](Stores& s) -> Status {
    AddOrg(s, "ＡＢＣエナジー株式会社", "operator", {}, {});
    AddOrg(s, "ﾃﾞﾝｷ保安協会", "operator", {}, {});
    AddOrg(s, "100%再エネ株式会社", "operator", {}, {});
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok());
  auto search = [&](const std::string& q) {
    std::vector<std::string> names;
    Status s2 = tx_->Run(TxMode::kRead, [&](Stores& s) -> Status {
      domain::OrgFilter f;
      f.limit = 200;
      f.query_folded = FoldForSearch(q);
      RENKEI_ASSIGN_OR_RETURN(auto page, s.directory.ListOrganisations(f));
      for (const auto& o : page.items) names.push_back(o.name_ja);
      return Status::Ok();
    });
    EXPECT_TRUE(s2.ok()) << s2.Describe();
    return names;
  };
  EXPECT_EQ(search("abc"), std::vector<std::string>{"ＡＢＣエナジー株式会社"});
  EXPECT_EQ(search("デンキ"), std::vector<std::string>{"ﾃﾞﾝｷ保安協会"});
  EXPECT_EQ(search("発電"), std::vector<std::string>{"東北発電株式会社"});
  EXPECT_EQ(search("100%"), std::vector<std::string>{"100%再エネ株式会社"});
  EXPECT_TRUE(search("_").empty());
}

TEST_P(StorageTest, ADuplicateEmailIsAConflictNamingTheField) {
  World w = SeedWorld(*tx_);
  Status st = tx_->Run(TxMode::kWrite, [&](Stores& s) -> Status {
    domain::User u;
    u.org_id = w.m1;
    u.email = "one@m1.example";
    u.display_name = "重複";
    u.roles = {domain::Role::kMember};
    return s.directory.CreateUser(u, "").status();
  });
  EXPECT_EQ(st.kind(), Kind::kConflict);
  EXPECT_EQ(st.code(), "email_taken");
  EXPECT_EQ(st.field(), "email");
}

TEST_P(StorageTest, AFailedTransactionLeavesNothingBehind) {
  SeedWorld(*tx_);
  Status st = tx_->Run(TxMode::kWrite, [&](Stores& s) -> Status {
    AddOrg(s, "書きかけ組織", "operator", {}, {});
    static const ErrorMessage kBoom{
        "boom", "boom", Kind::kInvalidArgument, "fail after the write", "書き込みの後に失敗",
        "test"};
    return Status(kBoom);
  });
  EXPECT_EQ(st.code(), "boom");
  st = tx_->Run(TxMode::kRead, [&](Stores& s) -> Status {
    domain::OrgFilter f;
    f.query_folded = FoldForSearch("書きかけ");
    RENKEI_ASSIGN_OR_RETURN(auto page, s.directory.ListOrganisations(f));
    EXPECT_TRUE(page.items.empty());
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
}

TEST_P(StorageTest, SessionsAndTokensRoundTrip) {
  World w = SeedWorld(*tx_);
  Status st = tx_->Run(TxMode::kWrite, [&](Stores& s) -> Status {
    domain::Session session{"hash1", w.member1, "csrf", 10, 10, 1000, "127.0.0.1", "test"};
    RENKEI_RETURN_IF_ERROR(s.auth.CreateSession(session));
    RENKEI_ASSIGN_OR_RETURN(auto got, s.auth.GetSession("hash1"));
    EXPECT_TRUE(got && got->user_id == w.member1 && got->csrf_token == "csrf");
    RENKEI_RETURN_IF_ERROR(s.auth.TouchSession("hash1", 500));
    RENKEI_ASSIGN_OR_RETURN(got, s.auth.GetSession("hash1"));
    EXPECT_EQ(got->last_seen_at, 500);
    RENKEI_RETURN_IF_ERROR(s.auth.DeleteSessionsOfUser(w.member1));
    RENKEI_ASSIGN_OR_RETURN(got, s.auth.GetSession("hash1"));
    EXPECT_FALSE(got.has_value());

    domain::ApiToken t;
    t.user_id = w.member1;
    t.name = "監視スクリプト";
    t.prefix = "rk_abc";
    t.hash = "tokenhash";
    t.created_at = 10;
    RENKEI_ASSIGN_OR_RETURN(auto id, s.auth.CreateToken(t));
    RENKEI_ASSIGN_OR_RETURN(auto found, s.auth.GetTokenByHash("tokenhash"));
    EXPECT_TRUE(found && found->id == id && !found->revoked_at && !found->expires_at);
    RENKEI_ASSIGN_OR_RETURN(bool other, s.auth.RevokeToken(id, w.member3, 20));
    EXPECT_FALSE(other) << "another user's token must not be revocable";
    RENKEI_ASSIGN_OR_RETURN(bool revoked, s.auth.RevokeToken(id, w.member1, 20));
    EXPECT_TRUE(revoked);
    RENKEI_ASSIGN_OR_RETURN(bool twice, s.auth.RevokeToken(id, w.member1, 30));
    EXPECT_FALSE(twice);
    RENKEI_ASSIGN_OR_RETURN(auto list, s.auth.ListTokens(w.member1));
    EXPECT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].revoked_at, std::optional<Millis>(20));
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
}

TEST_P(StorageTest, AuditListsNewestFirstWithFiltersAndCursor) {
  SeedWorld(*tx_);
  Status st = tx_->Run(TxMode::kWrite, [&](Stores& s) -> Status {
    for (int i = 0; i < 5; ++i) {
      domain::AuditEntry e;
      e.at = 100 + i;
      e.actor_label = "cli";
      e.action = i % 2 ? "session.failed" : "organisation.update";
      e.target_type = "organisation";
      e.target_id = std::to_string(i);
      e.detail = {{"n", i},
                  {"name", "東北 \"電力\"\\"},
                  {"ids", std::vector<domain::AuditValue>{1, 2}},
                  {"before", domain::AuditValue::Object({{"active", false}})}};
      RENKEI_RETURN_IF_ERROR(s.audit.Append(e));
    }
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok());
  st = tx_->Run(TxMode::kRead, [&](Stores& s) -> Status {
    domain::AuditFilter f;
    f.action_prefix = "organisation.";
    f.limit = 2;
    RENKEI_ASSIGN_OR_RETURN(auto first, s.audit.List(f));
    EXPECT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].target_id, "4");
    EXPECT_EQ(first[1].target_id, "2");
    f.before_id = first[1].id;
    RENKEI_ASSIGN_OR_RETURN(auto rest, s.audit.List(f));
    EXPECT_EQ(rest.size(), 1u);
    EXPECT_EQ(rest[0].target_id, "0");
    // The store writes the structured detail as one JSON object, keys in order.
    EXPECT_EQ(rest[0].detail,
              R"({"n":0,"name":"東北 \"電力\"\\","ids":[1,2],"before":{"active":false}})");
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
}

// The action filter is a prefix, taken literally: `%` and `_` in it were LIKE wildcards, so
// a filter of "50%" also listed "500…" and "item_" also listed "itemX…".
TEST_P(StorageTest, AuditActionFilterTakesPercentAndUnderscoreLiterally) {
  Status st = tx_->Run(TxMode::kWrite, [&](Stores& s) -> Status {
    for (const char* action :
         {"50%.ok", "500.error", "item_publish", "itemXpublish", "back\\slash", "backXslash"}) {
      domain::AuditEntry e;
      e.at = 100;
      e.actor_label = "cli";
      e.action = action;
      RENKEI_RETURN_IF_ERROR(s.audit.Append(e));
    }
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.Describe();
  auto actions = [&](const std::string& prefix) {
    std::vector<std::string> out;
    Status read = tx_->Run(TxMode::kRead, [&](Stores& s) -> Status {
      domain::AuditFilter f;
      f.action_prefix = prefix;
      RENKEI_ASSIGN_OR_RETURN(auto list, s.audit.List(f));
      for (const auto& e : list) out.push_back(e.action);
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.Describe();
    return out;
  };
  EXPECT_EQ(actions("50%"), std::vector<std::string>{"50%.ok"});
  EXPECT_EQ(actions("item_"), std::vector<std::string>{"item_publish"});
  EXPECT_EQ(actions("back\\"), std::vector<std::string>{"back\\slash"});
  EXPECT_EQ(actions("5").size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Engines, StorageTest, RENKEI_ENGINES,
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace renkei::testing
