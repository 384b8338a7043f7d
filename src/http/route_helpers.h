// Helpers every route file shares: query parameters, path ids, cursors, times, replies,
// and the encoders/readers more than one area uses (items, audiences).
#pragma once

#include <charconv>
#include <initializer_list>
#include <optional>
#include <string>

#include "core/error_codes.h"
#include "core/text.h"
#include "core/time_format.h"
#include "domain/assessment/assessment_service.h"
#include "domain/reporting/reporting_service.h"
#include "domain/sharing/sharing_service.h"
#include "http/api.h"
#include "http/json_input.h"
#include "http/json_output.h"

namespace renkei::http {

// ---- input helpers ---------------------------------------------------------

// Path ids: a malformed id names nothing, so it is "not found" like an unknown one
// (`not_found`: err::ItemNotFound …).
template <typename IdT>
Result<IdT> PathId(const Ctx& c, size_t index, Status (*not_found)()) {
  const std::string& s = c.params.at(index);
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  // One spelling per id: "01" and "+1" name nothing.
  if (s.empty() || s[0] == '0' || ec != std::errc() || ptr != s.data() + s.size() || v <= 0)
    return not_found();
  return IdT(v);
}

inline Result<std::int64_t> QueryInt(const Request& req, const char* name, std::int64_t def,
                                     std::int64_t min, std::int64_t max) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return def;
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || ptr != it->second.data() + it->second.size() || v < min || v > max) {
    return err::OutOfRange({.max = max, .min = min}).with_field(name);
  }
  return v;
}

inline std::string QueryString(const Request& req, const char* name) {
  auto it = req.query.find(name);
  return it == req.query.end() ? std::string() : it->second;
}

// true/false, or absent.
inline Result<std::optional<bool>> QueryBool(const Request& req, const char* name) {
  const std::string v = QueryString(req, name);
  if (v.empty()) return std::optional<bool>();
  if (v != "true" && v != "false") {
    return err::InvalidValue("true, false").with_field(name);
  }
  return std::optional<bool>(v == "true");
}

// The `q` parameter of list searches, folded for matching (core/text.h).
inline Result<std::string> QuerySearch(const Request& req) {
  const std::string q = QueryString(req, "q");
  if (!IsCleanUtf8(q, false)) return err::InvalidText().with_field("q");
  if (CodePointCount(q) > 100) return err::TooLong(100).with_field("q");
  return FoldForSearch(q);
}

// An RFC 3339 time given in `field` (a body field or a query parameter).
inline Result<Millis> TimeValue(const std::string& field, const std::string& text) {
  auto t = ParseRfc3339(text);
  if (!t) {
    return err::InvalidTime().with_field(field);
  }
  return *t;
}

// Routes that take no input accept an empty body or an empty JSON object.
inline Status NoBody(const Request& req) {
  if (req.body.empty()) return Status::Ok();
  RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(req.body));
  return in.Finish();
}

// Opaque cursors: "c" + the last id seen, so clients do not build them by hand.
inline std::string EncodeCursor(std::int64_t id) { return "c" + std::to_string(id); }
inline Result<std::int64_t> DecodeCursor(const std::string& s) {
  if (s.empty()) return std::int64_t{0};
  std::int64_t v = 0;
  if (s.size() < 2 || s[0] != 'c') return err::InvalidCursor().with_field("cursor");
  auto [ptr, ec] = std::from_chars(s.data() + 1, s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v < 0) {
    return err::InvalidCursor().with_field("cursor");
  }
  return v;
}

inline void TimeField(JsonWriter& w, std::string_view key, std::optional<Millis> ms) {
  if (ms) {
    char buf[32];
    w.Field(key, std::string_view(buf, FormatRfc3339UtcTo(*ms, buf)));
  } else {
    w.Key(key).Null();
  }
}

inline Reply JsonReply(JsonWriter& w, int status = 200) {
  Reply r;
  r.status = status;
  r.body = w.Take();
  return r;
}
inline Reply NoContent() {
  Reply r;
  r.status = 204;
  return r;
}

// One encoded value as the reply.
template <typename T, typename F>
Reply ValueReply(F write, const T& value, int status = 200) {
  JsonWriter w;
  write(w, value);
  return JsonReply(w, status);
}

// {"items": [...]} and, for paged lists, "next_cursor".
template <typename T, typename F>
Reply ItemsReply(const std::vector<T>& items, F write_item, bool paged = false,
                 const std::string& next_cursor = "") {
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& item : items) write_item(w, item);
  w.EndArray();
  if (paged) w.FieldOrNull("next_cursor", next_cursor);
  w.EndObject();
  return JsonReply(w);
}

void WriteAttachment(JsonWriter& w, const domain::Attachment& a);
// The `Reach` schema: whom a send would reach (every …/reach rehearsal answers it).
Reply ReachReply(const domain::Reach& r);
// A downloaded file: its type, a Content-Disposition with the UTF-8 name, a sandbox CSP.
Reply FileReply(const domain::Attachment& a);
// The Content-Type of an upload without its parameters ("text/plain; charset=…").
inline std::string UploadType(const Request& req) {
  const std::string* ct = req.header("content-type");
  const std::string type = ct ? *ct : "";
  return type.substr(0, type.find(';'));
}
void WriteIndicators(JsonWriter& w, const std::vector<domain::Indicator>& list);
// An item with its attachments and indicators, as GET /items/{id} answers it.
void WriteItemView(JsonWriter& w, const domain::ItemView& v);
// A page of items as GET /items answers it (schema ItemPage).
Reply ItemPageReply(const domain::ItemPage& page);
// {"sector_ids", "hub_ids", "org_ids", "roles", "user_ids"}; finishes `in`.
Result<domain::Audience> ReadAudience(JsonObject& in);

// A TLP label ("AMBER+STRICT") and an optional audience object, as items and summaries
// take them.
// A TLP label ("AMBER+STRICT"); 400 invalid_value naming the field "tlp" otherwise.
Result<domain::Tlp> ReadTlp(const std::string& text);
Status ReadLabelAndAudience(const std::string& tlp, std::optional<JsonObject>& audience,
                            domain::Tlp& out_tlp, domain::Audience& out_audience);

// A file to download: its type, a Content-Disposition with the UTF-8 name (RFC 5987
// filename*) and `ascii_name` (default: the name with every other byte as _) for old
// clients, a sandbox CSP.
Reply DownloadReply(const std::string& filename, std::string content_type, std::string data,
                    const std::string& ascii_name = "");

// Role names in and out ("hub_analyst"); unknown names answer 400 invalid_value.
void WriteRoles(JsonWriter& w, std::string_view key, const std::vector<domain::Role>& roles);
Result<std::vector<domain::Role>> ParseRoles(const std::vector<std::string>& names);

template <typename IdT>
void WriteIds(JsonWriter& w, std::string_view key, const std::vector<IdT>& ids) {
  w.Key(key).BeginArray();
  for (IdT id : ids) w.Int(id.value);
  w.EndArray();
}

// Each module's part of the route table (src/http/<module>/<module>_routes.cc), listed
// once in Api::BuildRoutes (routes.cc).
std::vector<Route> SystemRoutes();
std::vector<Route> AuthRoutes();
std::vector<Route> DirectoryRoutes();
std::vector<Route> ClearanceRoutes();
std::vector<Route> AuditRoutes();
std::vector<Route> SharingRoutes();
std::vector<Route> ReportingRoutes();
std::vector<Route> AssessmentRoutes();
std::vector<Route> HomeRoutes();
std::vector<Route> ExerciseRoutes();
std::vector<Route> DeskRoutes();
std::vector<Route> CommunityRoutes();
std::vector<Route> DeskFileRoutes();  // files on entries, the statistics' export
std::vector<Route> AdminRoutes();
std::vector<Route> SurveyRoutes();

}  // namespace renkei::http
