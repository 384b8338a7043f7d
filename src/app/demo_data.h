// The demo dataset (data/demo/*.json): the 15 sectors, 21 hubs (the 2016 CEPTOAR map plus
// the airport and port CEPTOARs and the electricity ISAC), ministries, the national
// centre, IPA, JPCERT/CC, a sector body, the SME desk, and about 5,000 member
// organisations sized like the map's member counts, each with an emergency contact and
// one or two users; four report cases, about 700 self-assessments, and six months of shared
// items (alerts, advisories, analyses) read and acknowledged by most of their recipients.
// Deterministic: the same rows every time (fixed seeds; the directory's timestamps are
// fixed, the reports' and assessments' end at the time of loading).
#pragma once

#include <string>
#include <vector>

#include "app/catalogs.h"
#include "core/status.h"
#include "domain/principal.h"
#include "domain/transactor.h"

namespace renkei::app {

struct DemoAccount {
  std::string email;
  std::string role;
  std::string organisation_ja;
};

struct DemoStats {
  int sectors = 0;
  int hubs = 0;
  int organisations = 0;
  int users = 0;
  int reports = 0;
  int assessments = 0;
  int items = 0;
  int exercises = 0;
  int desk_tickets = 0;
  int surveys = 0;
  int communities = 0;
};

// One file of data/demo/: its name as errors cite it ("data/demo/directory.json") and text.
struct DemoFile {
  std::string name;
  std::string text;
};

// The dataset's hand-written content: the directory (naming rules, the fixed
// organisations, sectors, hubs, accounts), the report cases, the self-assessments, the
// shared items.
struct DemoFiles {
  DemoFile directory, reports, assessments, items;
};

// data/demo/*.json as embedded at build time.
DemoFiles EmbeddedDemoFiles();

// One account per role, for trying the platform (all share the demo password): the
// embedded directory file's demo_accounts (empty if that file is broken, which the
// load itself then reports).
std::vector<DemoAccount> DemoAccounts();

// Loads the dataset into an empty directory, all of it in one transaction: every record
// through the domain services (the directory as an administrator that is no account,
// audited as "demo-data"; reports, assessments and items as the demo people), on a clock
// set to each record's instant in the demo's history (the directory from April 2026,
// reports, rounds and items ending now). Every user gets `password` (checked and hashed once). A
// record a service refuses rolls everything back and is the error, its note naming the file and
// record.
Result<DemoStats> LoadDemoData(domain::Transactor& tx, const Catalogs& catalogs,
                               const std::string& password,
                               const DemoFiles& files = EmbeddedDemoFiles());

}  // namespace renkei::app
