// What the demo loader's parts share (demo_data.cc: the directory and the load as a whole;
// demo_reports.cc; demo_assessments.cc; demo_items.cc; demo_exercises.cc). Each part reads one file
// of data/demo/ into plain records first (a wrong type or an unknown field is refused with the file
// and the field named), then creates every record through the domain services, so the demo gets the
// validation a person's request gets: a record a service refuses stops the load with the
// service's error and the record it came from (`InRecord`).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "app/catalogs.h"
#include "app/demo_data.h"
#include "core/clock.h"
#include "core/status.h"
#include "domain/directory/directory_service.h"
#include "domain/principal.h"
#include "domain/sharing/mail.h"
#include "domain/transactor.h"
#include "http/json_input.h"

namespace renkei::app::demo {

// splitmix64: small, fast, deterministic across platforms.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }

 private:
  std::uint64_t s_;
};

// `st` (a service's or the reader's error) with the record it came from in its note:
// "data/demo/directory.json hubs[3] (bank-ceptoar)". Ok stays ok.
Status InRecord(Status st, const DemoFile& file, const std::string& record);

// The file's top-level object, or its JSON error naming the file.
Result<http::JsonObject> ParseFile(const DemoFile& file);

// What every part works with: the services' one open transaction, the clock they read
// (moved by the loader to the instant each record has in the demo's history), the
// administrator that is no account the directory is created by, and the people by e-mail.
struct Context {
  domain::Transactor& tx;
  ManualClock& clock;
  const Catalogs& catalogs;
  domain::Actor loader;  // no remote address: the command line
  Millis now;            // the wall clock when the load started; reports and rounds end there
  // What the directory part created, for the parts after it to name: the fixed
  // organisations by their key in directory.json, the hubs by code, and the demo
  // accounts' e-mails.
  std::map<std::string, OrgId> orgs;
  std::map<std::string, HubId> hubs;
  std::vector<std::string> demo_accounts;

  // A demo account acting, its principal as a signed-in request would carry it; an e-mail
  // the directory does not have is the file's error (`record` names where it was written).
  Result<domain::Actor> As(const std::string& email, const DemoFile& file,
                           const std::string& record);
};

Status LoadDirectory(Context& ctx, const DemoFile& file, const domain::CheckedPassword& password,
                     DemoStats& stats);
Result<int> LoadReports(Context& ctx, const DemoFile& file);
Result<int> LoadAssessments(Context& ctx, const DemoFile& file);
Result<int> LoadItems(Context& ctx, const DemoFile& file);
// The demo exercises (demo_exercises.cc); `file` names the records in errors.
Result<int> LoadExercises(Context& ctx, const DemoFile& file);
// The demo SME desk (demo_desk.cc): consortia, SMEs, contracts, tickets and alerts.
Result<int> LoadDesk(Context& ctx, const DemoFile& file, const domain::CheckedPassword& password);
// The demo security clearances and one item that requires one (demo_clearance.cc).
Result<int> LoadClearances(Context& ctx, const DemoFile& file);
// The demo survey (demo_survey.cc): sent by the centre, relayed by 電力ISAC, answered in part.
Result<int> LoadSurveys(Context& ctx, const DemoFile& file);
// The demo regional communities (demo_community.cc): communities, board, events, experts,
// schemes, needs and seeds.
Result<int> LoadCommunities(Context& ctx, const DemoFile& file,
                            const domain::CheckedPassword& password);

}  // namespace renkei::app::demo
