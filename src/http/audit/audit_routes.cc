// The audit trail (administrators).
#include "core/time_format.h"
#include "http/export.h"
#include "http/route_helpers.h"

namespace renkei::http {
namespace {

Result<domain::AuditFilter> ReadAuditFilter(const Request& req) {
  domain::AuditFilter f;
  f.action_prefix = QueryString(req, "action");
  f.target_type = QueryString(req, "target_type");
  f.target_id = QueryString(req, "target_id");
  if (const std::string since = QueryString(req, "since"); !since.empty()) {
    RENKEI_ASSIGN_OR_RETURN(f.since, TimeValue("since", since));
  }
  return f;
}

// What an entry acted on, as AuditLog.vue shows it: the name, else 「情報 No.12」, else the kind.
std::string TargetCell(Lang l, const domain::AuditRecord& e) {
  const std::string& name =
      l == Lang::kEn && !e.target_name_en.empty() ? e.target_name_en : e.target_name_ja;
  if (!name.empty()) return name;
  if (e.target_type.empty()) return "";
  const std::string what = CodeWord(l, "targets", e.target_type);
  if (e.target_id.empty() || e.target_id == "0") return what;
  std::string out = Words(l, "names.numbered");
  auto put = [&](const std::string& key, const std::string& v) {
    if (auto at = out.find(key); at != std::string::npos) out.replace(at, key.size(), v);
  };
  put("{what}", what);
  put("{n}", e.target_id);
  return out;
}

}  // namespace

std::vector<Route> AuditRoutes() {
  using A = Access;
  return {
      {"GET",
       "/api/v1/audit",
       A::kSignedIn,
       {.tag = "audit",
        .summary = "Audit trail, newest first (administrators)",
        .query = {"action", "target_type", "target_id", "since", "limit", "cursor"},
        .response = "AuditPage",
        .errors = {403}},
       [](Ctx& c) -> Result<Reply> {
         auto& audit = c.s.audit;
         RENKEI_ASSIGN_OR_RETURN(domain::AuditFilter f, ReadAuditFilter(c.req));
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
      {"GET",
       "/api/v1/audit/export",
       A::kSignedIn,
       {.tag = "audit",
        .summary = "The audit trail with the same filter as .xlsx or CSV (UTF-8 with BOM), newest "
                   "first, at most the newest 50,000 entries (X-Export-Truncated: true when cut); "
                   "the export is itself audited (administrators)",
        .query = {"action", "target_type", "target_id", "since", "format", "lang"},
        .media = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"},
        .errors = {403},
        .description = "the file"},
       [](Ctx& c) -> Result<Reply> {
         auto& audit = c.s.audit;
         RENKEI_ASSIGN_OR_RETURN(const domain::AuditFilter f, ReadAuditFilter(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto o, ReadExportOptions(c.req));
         domain::AuditFields given;
         if (!f.action_prefix.empty()) given.emplace_back("action", f.action_prefix);
         if (!f.target_type.empty()) given.emplace_back("target_type", f.target_type);
         if (!f.target_id.empty()) given.emplace_back("target_id", f.target_id);
         if (f.since) given.emplace_back("since", FormatRfc3339Utc(f.since));
         bool truncated = false;
         RENKEI_ASSIGN_OR_RETURN(
             auto entries, audit.Export(c.actor(), f, {o.format, std::move(given)}, truncated));
         const Lang l = o.lang;
         ExportTable t;
         t.sheet = Words(l, "exports.audit.sheet");
         t.header = {Words(l, "exports.audit.at"),     Words(l, "exports.audit.actor"),
                     Words(l, "exports.audit.ip"),     Words(l, "exports.audit.action"),
                     Words(l, "exports.audit.target"), Words(l, "exports.audit.code"),
                     Words(l, "exports.audit.detail")};
         t.rows.reserve(entries.size());
         for (const auto& e : entries) {
           t.rows.push_back({JstCell(e.at), CodeWord(l, "actors", e.actor_label), e.ip,
                             CodeWord(l, "auditActions", e.action), TargetCell(l, e), e.action,
                             e.detail == "{}" ? "" : e.detail});
         }
         return ExportReply(t, o, "renkei-audit", truncated);
       }},
  };
}

}  // namespace renkei::http
