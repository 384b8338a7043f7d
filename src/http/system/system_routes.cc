// The system routes: health and this API's OpenAPI document.
#include "domain/directory/directory_store.h"
#include "http/route_helpers.h"

namespace renkei::http {

std::vector<Route> SystemRoutes() {
  using A = Access;
  return {
      {"GET",
       "/api/v1/health",
       A::kPublic,
       {.tag = "system",
        .summary = "Liveness and database check",
        .response = "Health",
        .errors = {503}},
       [](Ctx& c) -> Result<Reply> {
         auto& tx = c.s.tx;
         Status st = tx.Run(domain::TxMode::kRead,
                            [](domain::Stores& s) { return s.directory.ListSectors().status(); });
         if (!st.ok()) return err::DatabaseUnavailable().with_note(st.Describe());
         JsonWriter w;
         w.BeginObject()
             .Field("status", "ok")
             .Field("version", RENKEI_VERSION)
             .Field("database", tx.engine_name())
             .EndObject();
         return JsonReply(w);
       }},
      {"GET",
       "/api/v1/openapi.json",
       A::kPublic,
       {.tag = "system",
        .summary = "This document",
        .response = "OpenApiDocument",
        .description = "OpenAPI 3.1 document"},
       [](Ctx&) -> Result<Reply> {
         RENKEI_RETURN_IF_ERROR(OpenApiBuild().status());
         Reply r;
         r.body = OpenApiDocument();
         return r;
       }},
  };
}

}  // namespace renkei::http
