#include "app/catalogs.h"

namespace renkei::app {

Result<Catalogs> LoadCatalogs() {
  RENKEI_ASSIGN_OR_RETURN(auto reporting, domain::ReportCatalog::ParseEmbedded());
  RENKEI_ASSIGN_OR_RETURN(auto assessment, domain::AssessmentCatalogs::ParseEmbedded());
  RENKEI_ASSIGN_OR_RETURN(auto exercises, domain::ScenarioCatalog::ParseEmbedded());
  return Catalogs{std::move(reporting), std::move(assessment), std::move(exercises)};
}

}  // namespace renkei::app
