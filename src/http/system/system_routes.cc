// The system routes: health and this API's OpenAPI document.
#include "http/route_helpers.h"

namespace renkei::http {

std::vector<Route> SystemRoutes(const Services& s, const ApiConfig&) {
  auto& tx = s.tx;
  using A = Access;
  return {
      {"GET", "/api/v1/health", A::kPublic,
       [&tx](Ctx&) -> Result<Reply> {
         Status st = tx.Run(domain::TxMode::kRead,
                            [](domain::Stores& s) { return s.directory.ListSectors().status(); });
         if (!st.ok())
           return Status(Kind::kUnavailable, "database_unavailable",
                         "the database is not reachable");
         JsonWriter w;
         w.BeginObject()
             .Field("status", "ok")
             .Field("version", RENKEI_VERSION)
             .Field("database", tx.engine_name())
             .EndObject();
         return JsonReply(w);
       }},
      {"GET", "/api/v1/openapi.json", A::kPublic,
       [](Ctx&) -> Result<Reply> {
         Reply r;
         r.body = OpenApiDocument();
         return r;
       }},

  };
}

}  // namespace renkei::http
