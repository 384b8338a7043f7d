// The home page's part of the route table: GET /home, what is waiting for the caller.
#include "domain/home/home_service.h"
#include "http/route_helpers.h"

namespace renkei::http {
namespace {

void WriteLine(JsonWriter& w, const domain::HomeLine& l) {
  w.BeginObject()
      .Field("id", l.id)
      .Field("title", l.title)
      .FieldOrNull("title_en", l.title_en)
      .Field("org_name_ja", l.org_name_ja)
      .Field("org_name_en", l.org_name_en)
      .FieldOrNull("status", l.status)
      .FieldOrNull("tlp", l.tlp);
  TimeField(w, "due_at", l.due_at);
  TimeField(w, "at", l.at);
  w.Field("overdue", l.overdue)
      .Field("people", l.people)
      .Field("acknowledged", l.acknowledged)
      .EndObject();
}

void WriteTile(JsonWriter& w, const domain::HomeTile& t) {
  w.BeginObject().Field("key", t.key).Field("count", t.count).Field("of", t.of);
  w.FieldOrNull("catalog_id", t.catalog_id);
  TimeField(w, "since", t.since);
  w.Key("lines").BeginArray();
  for (const auto& l : t.lines) WriteLine(w, l);
  w.EndArray().EndObject();
}

}  // namespace

std::vector<Route> HomeRoutes() {
  using A = Access;
  return {
      {"GET",
       "/api/v1/home",
       A::kSignedIn,
       {.tag = "home",
        .summary = "What is waiting for me (要対応), by my roles: tiles, each the count and first "
                   "lines of one list I can open with the same filter (the count is that list's "
                   "length); ministry and national centre officers also get the board of their "
                   "report queue by sector, class, status and overdue flag, and the "
                   "acknowledgements of the sent_rates items per sector they oversee; they and "
                   "sector body officers get the self-assessment penetration per sector.",
        .response = "Home",
        .description = "the tiles"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto h, c.s.home.For(*c.principal));
         JsonWriter w;
         w.BeginObject().Key("tiles").BeginArray();
         for (const auto& t : h.tiles) WriteTile(w, t);
         w.EndArray().Key("board");
         if (!h.has_board) {
           w.Null();
         } else {
           w.BeginArray();
           for (const auto& b : h.board) {
             w.BeginObject()
                 .Field("sector_id", b.sector_id)
                 .Field("report_class", b.report_class)
                 .Field("status", b.status)
                 .Field("overdue", b.overdue)
                 .Field("count", b.count)
                 .EndObject();
           }
           w.EndArray();
         }
         w.Key("alert_rates");
         if (!h.has_alert_rates) {
           w.Null();
         } else {
           w.BeginArray();
           for (const auto& r : h.alert_rates) {
             w.BeginObject()
                 .Field("sector_id", r.sector_id)
                 .Field("items", r.items)
                 .Field("people", r.people)
                 .Field("acknowledged", r.acknowledged)
                 .EndObject();
           }
           w.EndArray();
         }
         w.Key("penetration");
         if (!h.penetration) {
           w.Null();
         } else {
           w.BeginObject()
               .Field("catalog_id", h.penetration->catalog_id)
               .Field("fiscal_year", h.penetration->fiscal_year)
               .Key("sectors")
               .BeginArray();
           for (const auto& r : h.penetration->sectors) {
             w.BeginObject()
                 .Field("sector_id", r.sector_id)
                 .Field("operators", r.operators)
                 .Field("submitted", r.submitted)
                 .EndObject();
           }
           w.EndArray().EndObject();
         }
         w.EndObject();
         return JsonReply(w);
       }},
  };
}

}  // namespace renkei::http
