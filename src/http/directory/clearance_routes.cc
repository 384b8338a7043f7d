// Security clearances and certified handlers (domain/directory/clearance.h has the rule):
// the national centre's administrators list, grant, renew and revoke them; everyone reads
// their own standing.
#include "domain/directory/clearance_service.h"
#include "http/route_helpers.h"

namespace renkei::http {

namespace {

void WriteClearanceFields(JsonWriter& w, const domain::Clearance& c) {
  const domain::ClearanceCode* level = domain::ClearanceOf(c.level);
  w.Field("user_id", c.user_id.value)
      .Field("display_name", c.user_name)
      .Field("email", c.user_email)
      .Field("org_id", c.org_id.value)
      .Field("org_name_ja", c.org_name_ja)
      .Field("org_name_en", c.org_name_en)
      .Field("level", level ? level->name : "");
  TimeField(w, "valid_until", c.valid_until);
  w.Field("granted_by", c.granted_by.value);
  TimeField(w, "granted_at", c.granted_at);
}

void WriteCertificationFields(JsonWriter& w, const domain::Certification& c) {
  w.Field("org_id", c.org_id.value)
      .Field("org_name_ja", c.org_name_ja)
      .Field("org_name_en", c.org_name_en);
  TimeField(w, "valid_until", c.valid_until);
  w.Field("certified_by", c.certified_by.value);
  TimeField(w, "certified_at", c.certified_at);
}

// The body of a grant or certification: {"valid_until": RFC 3339[, "level": name]}.
Result<Millis> ReadValidUntil(JsonObject& in) {
  const auto text = in.String("valid_until", true);
  RENKEI_RETURN_IF_ERROR(in.Finish());
  return TimeValue("valid_until", text.value_or(""));
}

}  // namespace

std::vector<Route> ClearanceRoutes() {
  using A = Access;
  return {
      {"GET",
       "/api/v1/me/clearance",
       A::kSignedIn,
       {.tag = "clearance",
        .summary = "My security clearance, my organisation's certification as a handler, and "
                   "the level the rule grants me now",
        .response = "MyClearance"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto mine, c.s.clearances.Mine(*c.principal));
         RENKEI_ASSIGN_OR_RETURN(bool manages, c.s.clearances.Manages(*c.principal));
         JsonWriter w;
         w.BeginObject().Key("clearance");
         if (mine.clearance) {
           w.BeginObject();
           WriteClearanceFields(w, *mine.clearance);
           w.EndObject();
         } else {
           w.Null();
         }
         w.Key("certification");
         if (mine.certification) {
           w.BeginObject();
           WriteCertificationFields(w, *mine.certification);
           w.EndObject();
         } else {
           w.Null();
         }
         w.Key("cleared_level");
         if (const auto* level = domain::ClearanceOf(mine.cleared_level)) {
           w.String(level->name);
         } else {
           w.Null();
         }
         w.Field("manages", manages).EndObject();
         return JsonReply(w);
       }},
      {"GET",
       "/api/v1/admin/clearances",
       A::kSignedIn,
       {.tag = "clearance",
        .summary = "Every security clearance and certified handler, by organisation "
                   "(administrators of the national centre)",
        .response = "ClearanceList",
        .errors = {403}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto people, c.s.clearances.Clearances(*c.principal));
         RENKEI_ASSIGN_OR_RETURN(auto orgs, c.s.clearances.Certifications(*c.principal));
         JsonWriter w;
         w.BeginObject().Key("clearances").BeginArray();
         for (const auto& x : people) {
           w.BeginObject();
           WriteClearanceFields(w, x);
           w.EndObject();
         }
         w.EndArray().Key("certifications").BeginArray();
         for (const auto& x : orgs) {
           w.BeginObject();
           WriteCertificationFields(w, x);
           w.EndObject();
         }
         w.EndArray().EndObject();
         return JsonReply(w);
       }},
      {"PUT",
       "/api/v1/users/{id}/clearance",
       A::kSignedIn,
       {.tag = "clearance",
        .summary = "Grant or renew a person's security clearance (administrators of the "
                   "national centre; audited)",
        .request = "ClearanceInput",
        .response = "Clearance",
        .errors = {400, 403, 404}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<UserId>(c, 0, err::UserNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         const auto level = in.String("level", true);
         RENKEI_ASSIGN_OR_RETURN(Millis until, ReadValidUntil(in));
         RENKEI_ASSIGN_OR_RETURN(auto out,
                                 c.s.clearances.Grant(c.actor(), id, level.value_or(""), until));
         JsonWriter w;
         w.BeginObject();
         WriteClearanceFields(w, out);
         w.EndObject();
         return JsonReply(w);
       }},
      {"DELETE",
       "/api/v1/users/{id}/clearance",
       A::kSignedIn,
       {.tag = "clearance",
        .summary = "Revoke a person's security clearance at once (administrators of the "
                   "national centre; audited)",
        .status = 204,
        .errors = {403, 404},
        .description = "Revoked"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<UserId>(c, 0, err::UserNotFound));
         RENKEI_RETURN_IF_ERROR(NoBody(c.req));
         RENKEI_RETURN_IF_ERROR(c.s.clearances.Revoke(c.actor(), id));
         return NoContent();
       }},
      {"PUT",
       "/api/v1/organisations/{id}/certification",
       A::kSignedIn,
       {.tag = "clearance",
        .summary = "Certify or renew an organisation as a handler (適合事業者) (administrators "
                   "of the national centre; audited)",
        .request = "CertificationInput",
        .response = "Certification",
        .errors = {400, 403, 404}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<OrgId>(c, 0, err::OrganisationNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         RENKEI_ASSIGN_OR_RETURN(Millis until, ReadValidUntil(in));
         RENKEI_ASSIGN_OR_RETURN(auto out, c.s.clearances.Certify(c.actor(), id, until));
         JsonWriter w;
         w.BeginObject();
         WriteCertificationFields(w, out);
         w.EndObject();
         return JsonReply(w);
       }},
      {"DELETE",
       "/api/v1/organisations/{id}/certification",
       A::kSignedIn,
       {.tag = "clearance",
        .summary = "End an organisation's certification as a handler at once (administrators "
                   "of the national centre; audited)",
        .status = 204,
        .errors = {403, 404},
        .description = "Ended"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<OrgId>(c, 0, err::OrganisationNotFound));
         RENKEI_RETURN_IF_ERROR(NoBody(c.req));
         RENKEI_RETURN_IF_ERROR(c.s.clearances.Decertify(c.actor(), id));
         return NoContent();
       }},
  };
}

}  // namespace renkei::http
