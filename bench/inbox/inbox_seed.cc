// Seeds a database for bench/inbox: the demo dataset plus `--items` (default 100,000)
// shared items published over three years, through the sharing store (so audiences,
// recipients and deliveries are what publishing makes). Audiences: 95 % one named
// organisation, 4 % one hub, 1 % one sector; labels mostly GREEN and AMBER.
//   build/release/bench/inbox/inbox_seed --db sqlite:PATH [--items N]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "app/demo_data.h"
#include "core/crypto.h"
#include "domain/auth/auth_service.h"
#include "domain/directory/directory_store.h"
#include "domain/sharing/sharing_store.h"
#include "storage/migrations/migrations.h"
#include "storage/sql_transactor.h"

using namespace renkei;

int main(int argc, char** argv) {
  std::string url;
  long items = 100000;
  std::string password = "bench-password-123";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) url = argv[i + 1];
    if (!std::strcmp(argv[i], "--items")) items = std::atol(argv[i + 1]);
    if (!std::strcmp(argv[i], "--password")) password = argv[i + 1];
  }
  if (url.empty()) {
    std::fprintf(stderr, "usage: inbox_seed --db URL [--items N] [--password P]\n");
    return 2;
  }
  InitCrypto();
  auto db = storage::OpenDatabase(url);
  if (!db.ok()) return std::fprintf(stderr, "%s\n", db.status().Describe().c_str()), 1;
  storage::SqlTransactor tx(std::move(db).value(), 1);
  auto fail = [](const Status& st) {
    std::fprintf(stderr, "inbox_seed: %s\n", st.Describe().c_str());
    return 1;
  };
  if (Status st =
          tx.WithConnection([](storage::Connection& c) { return storage::Migrate(c).status(); });
      !st.ok())
    return fail(st);
  auto catalogs = app::LoadCatalogs();
  if (!catalogs.ok()) return fail(catalogs.status());
  if (auto st = app::LoadDemoData(tx, *catalogs, password); !st.ok()) return fail(st.status());

  // Publishers and targets.
  std::vector<std::pair<UserId, OrgId>> authors;
  std::vector<OrgId> orgs;
  std::vector<HubId> hubs;
  std::vector<std::string> sectors;
  std::vector<UserId> people;
  Status st = tx.Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto hs, s.directory.ListHubs());
    for (auto& h : hs) {
      hubs.push_back(h.id);
      RENKEI_ASSIGN_OR_RETURN(auto staff, s.directory.ListUsersOfOrg(h.secretariat_org_id));
      for (auto& u : staff) authors.emplace_back(u.id, u.org_id);
    }
    RENKEI_ASSIGN_OR_RETURN(auto ss, s.directory.ListSectors());
    for (auto& x : ss) sectors.push_back(x.id);
    domain::OrgFilter f;
    f.limit = 200;
    for (;;) {
      RENKEI_ASSIGN_OR_RETURN(auto page, s.directory.ListOrganisations(f));
      for (auto& o : page.items) orgs.push_back(o.id);
      if (!page.next_after_id) break;
      f.after_id = *page.next_after_id;
    }
    for (const char* e : {"member@denryoku.example", "security@denryoku.example"}) {
      RENKEI_ASSIGN_OR_RETURN(auto u, s.directory.FindUserByEmail(e));
      if (u) people.push_back(u->id);
    }
    return Status::Ok();
  });
  if (!st.ok()) return fail(st);

  std::mt19937_64 rng(42);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  const Millis start = SystemClock().now_ms() - Millis{3} * 365 * 24 * 3600 * 1000;
  const Millis step = Millis{3} * 365 * 24 * 3600 * 1000 / (items > 0 ? items : 1);
  const char* words[] = {"ランサムウェア", "VPN装置", "標的型メール", "DDoS", "制御系", "脆弱性"};
  long done = 0;
  while (done < items) {
    st = tx.Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
      for (int k = 0; k < 1000 && done < items; ++k, ++done) {
        domain::Item it;
        const auto& [author, org] = authors[pick(authors.size())];
        it.author_id = author;
        it.sender_org_id = org;
        it.kind = domain::kItemKinds[pick(5)];
        const size_t roll = pick(100);
        it.tlp = roll < 10   ? domain::Tlp::kClear
                 : roll < 55 ? domain::Tlp::kGreen
                 : roll < 90 ? domain::Tlp::kAmber
                 : roll < 99 ? domain::Tlp::kAmberStrict
                             : domain::Tlp::kRed;
        if (it.tlp == domain::Tlp::kRed) {
          it.audience.user_ids = {people[pick(people.size())]};
        } else {
          const size_t a = pick(100);
          if (a < 95 || it.tlp == domain::Tlp::kAmberStrict) {
            it.audience.org_ids = {orgs[pick(orgs.size())]};
          } else if (a < 99) {
            it.audience.hub_ids = {hubs[pick(hubs.size())]};
          } else {
            it.audience.sector_ids = {sectors[pick(sectors.size())]};
          }
        }
        const std::string word = words[pick(6)];
        it.content.title = word + "に関する情報 #" + std::to_string(done + 1);
        it.content.body = "## 概要\n" + word + "に関する観測情報です。対策を確認してください。";
        if (pick(3) == 0) it.content.action_requested = "受領確認してください";
        it.published_at = it.updated_at = start + done * step;
        RENKEI_ASSIGN_OR_RETURN(it.id, s.sharing.CreateItem(it));
        RENKEI_RETURN_IF_ERROR(s.sharing.FanOut(it.id, it.published_at, it.published_at).status());
      }
      return Status::Ok();
    });
    if (!st.ok()) return fail(st);
  }
  // Old mail is long gone: mark the outbox sent so a server started on this database
  // has nothing to send.
  st = tx.WithConnection([](storage::Connection& c) {
    return c.Exec("UPDATE outbox SET sent_at = created_at WHERE sent_at IS NULL", {}).status();
  });
  if (!st.ok()) return fail(st);
  std::printf("seeded %ld items\n", done);
  return 0;
}
