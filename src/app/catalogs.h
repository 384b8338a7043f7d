// The catalogues the services read (data/**/*.toml, embedded at build time), parsed once
// at start-up by the composition root and passed to the services that need them. A
// broken file is an error naming the file and what is wrong, so `renkei serve` says so
// and exits non-zero instead of starting half-configured.
#pragma once

#include "core/status.h"
#include "domain/assessment/catalog.h"
#include "domain/exercises/scenario.h"
#include "domain/reporting/catalog.h"

namespace renkei::app {

struct Catalogs {
  domain::ReportCatalog reporting;
  domain::AssessmentCatalogs assessment;
  domain::ScenarioCatalog exercises;
};

Result<Catalogs> LoadCatalogs();

}  // namespace renkei::app
