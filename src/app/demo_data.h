// The demo dataset: the 15 sectors, 21 hubs (the 2016 CEPTOAR map plus the airport and
// port CEPTOARs and the electricity ISAC), ministries, the national centre, IPA,
// JPCERT/CC, a sector body, the SME desk, and about 5,000 member organisations sized
// like the map's member counts, each with an emergency contact and one or two users.
// Deterministic: the same rows every time (a fixed seed, fixed timestamps).
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
};

// One account per role, for trying the platform (all share the demo password).
std::vector<DemoAccount> DemoAccounts();

// Loads the dataset into an empty directory in one transaction; every user gets
// `password` (hashed once with Argon2id and shared, so loading takes seconds).
// Demo report cases (demo_reports.cc), filed through the services on a clock that ends
// at `now`; called by LoadDemoData after the directory.
Result<int> LoadDemoReports(domain::Transactor& tx, const Catalogs& catalogs, Millis now);

// The demo account's principal, as a signed-in request would carry it.
Result<domain::Principal> PrincipalByEmail(domain::Transactor& tx, const std::string& email);

// Demo self-assessments (demo_assessments.cc): submissions of about half the electricity
// operators for last and this fiscal year, and the demo member's open round.
Result<int> LoadDemoAssessments(domain::Transactor& tx, const Catalogs& catalogs, Millis now);

Result<DemoStats> LoadDemoData(domain::Transactor& tx, const Catalogs& catalogs,
                               const std::string& password);

}  // namespace renkei::app
