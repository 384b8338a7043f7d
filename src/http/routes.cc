// The API's one route table: each module contributes its routes (one line below per
// module); the handlers live in src/http/<module>/<module>_routes.cc.
#include "http/route_helpers.h"

namespace renkei::http {

const std::vector<Route>& RouteTable() {
  static const std::vector<Route> table = [] {
    struct Module {
      const char* name;
      std::vector<Route> (*routes)();
    };
    static constexpr Module kModules[] = {
        {"system", SystemRoutes},          //
        {"auth", AuthRoutes},              //
        {"directory", DirectoryRoutes},    //
        {"clearance", ClearanceRoutes},    //
        {"audit", AuditRoutes},            //
        {"sharing", SharingRoutes},        //
        {"reporting", ReportingRoutes},    //
        {"assessment", AssessmentRoutes},  //
        {"home", HomeRoutes},              //
        {"exercises", ExerciseRoutes},     //
        {"desk", DeskRoutes},              //
        {"desk", DeskFileRoutes},          //
        {"community", CommunityRoutes},    //
        {"admin", AdminRoutes},            //
        {"survey", SurveyRoutes},          //
    };
    std::vector<Route> routes;
    for (const Module& m : kModules) {
      for (auto& r : m.routes()) {
        r.module = m.name;
        routes.push_back(std::move(r));
      }
    }
    return routes;
  }();
  return table;
}

}  // namespace renkei::http
