// The API's one route table: each module contributes its routes (one line below per
// module); the handlers live in src/http/<module>/<module>_routes.cc.
#include "http/route_helpers.h"

namespace renkei::http {

std::vector<Route> Api::BuildRoutes() {
  using ModuleRoutes = std::vector<Route> (*)(const Services&, const ApiConfig&);
  static constexpr ModuleRoutes kModules[] = {
      SystemRoutes,     //
      AuthRoutes,       //
      DirectoryRoutes,  //
      AuditRoutes,      //
      SharingRoutes,    //
      ReportingRoutes,  //
      AssessmentRoutes,
  };
  std::vector<Route> routes;
  for (ModuleRoutes module : kModules)
    for (auto& r : module(s_, config_)) routes.push_back(std::move(r));
  return routes;
}

}  // namespace renkei::http
