#include "app/catalogs.h"

namespace renkei::app {

Result<Catalogs> LoadCatalogs() {
  RENKEI_ASSIGN_OR_RETURN(auto reporting, domain::ReportCatalog::ParseEmbedded());
  RENKEI_ASSIGN_OR_RETURN(auto assessment, domain::AssessmentCatalogs::ParseEmbedded());
  return Catalogs{std::move(reporting), std::move(assessment)};
}

}  // namespace renkei::app
