// The audit trail (administrators).
#include "http/route_helpers.h"

namespace renkei::http {

std::vector<Route> AuditRoutes() {
  using A = Access;
  return {
      {"GET",
       "/api/v1/audit",
       A::kSignedIn,
       {.tag = "audit",
        .summary = "Audit trail, newest first (administrators)",
        .query = {"action", "target_type", "target_id", "limit", "cursor"},
        .response = "AuditPage",
        .errors = {403}},
       [](Ctx& c) -> Result<Reply> {
         auto& audit = c.s.audit;
         domain::AuditFilter f;
         f.action_prefix = QueryString(c.req, "action");
         f.target_type = QueryString(c.req, "target_type");
         f.target_id = QueryString(c.req, "target_id");
         RENKEI_ASSIGN_OR_RETURN(auto limit, QueryInt(c.req, "limit", 50, 1, 200));
         f.limit = static_cast<int>(limit);
         RENKEI_ASSIGN_OR_RETURN(f.before_id, DecodeCursor(QueryString(c.req, "cursor")));
         RENKEI_ASSIGN_OR_RETURN(auto entries, audit.List(*c.principal, f));
         const bool more = entries.size() == static_cast<size_t>(f.limit) && !entries.empty();
         return ItemsReply(
             entries,
             [](JsonWriter& w, const domain::AuditRecord& e) {
               w.BeginObject().Field("id", e.id);
               TimeField(w, "at", e.at);
               w.FieldOrNull("actor_user_id",
                             e.actor ? std::optional<std::int64_t>(e.actor->value) : std::nullopt)
                   .Field("actor_label", e.actor_label)
                   .Field("ip", e.ip)
                   .Field("action", e.action)
                   .Field("target_type", e.target_type)
                   .Field("target_id", e.target_id)
                   .Field("target_name_ja", e.target_name_ja)
                   .Field("target_name_en", e.target_name_en)
                   .Key("detail")
                   .Raw(e.detail)  // a JSON object, written by the store
                   .EndObject();
             },
             true, more ? EncodeCursor(entries.back().id) : "");
       }},
  };
}

}  // namespace renkei::http
