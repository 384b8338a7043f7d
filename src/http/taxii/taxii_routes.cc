#include "http/taxii/taxii_routes.h"

#include <charconv>

#include "core/ascii.h"
#include "core/error_codes.h"
#include "core/json_writer.h"
#include "core/text.h"
#include "core/time_format.h"
#include "domain/stix/taxii_feed.h"
#include "http/stix/stix_json.h"

namespace renkei::http {
namespace {

namespace ds = domain::stix;

constexpr const char* kRoot = "renkei";

Reply JsonReply(std::string body) {
  Reply r;
  r.body = std::move(body);
  return r;
}
constexpr const char* kStixMedia = "application/stix+json;version=2.1";

struct Collection {
  const char* id;
  const char* title;
  const char* description;
  bool sent_only;
};
// Fixed ids: clients keep them in their configuration.
constexpr Collection kCollections[] = {
    {"2b6f2c1e-6a1d-4c5e-9f0a-1c2d3e4f5a60", "受信した情報",
     "公開済みの情報のうち、あなたが閲覧できるものすべて（演習・下書き・決裁待ちを除く）。"
     " Every published item you may see (no exercise items, drafts or items awaiting approval).",
     false},
    {"7c9e4b2a-3d5f-4e6a-8b1c-2d3e4f5a6b70", "自組織が発信",
     "あなたの組織が発信した公開済みの情報のうち、あなたが閲覧できるもの。"
     " Published items your organisation sent that you may see.",
     true},
};

// The TAXII timestamp: RFC 3339 with microseconds (the server keeps milliseconds).
std::string Micros(Millis ms) {
  std::string t = FormatRfc3339Utc(ms);  // …T01:02:03.456Z
  t.insert(t.size() - 1, "000");
  return t;
}

Status CheckRoot(const Ctx& c) {
  return c.params.at(0) == kRoot ? Status::Ok() : err::TaxiiNotFound();
}

Result<const Collection*> CollectionOf(const Ctx& c) {
  RENKEI_RETURN_IF_ERROR(CheckRoot(c));
  for (const auto& col : kCollections)
    if (c.params.at(1) == col.id) return &col;
  return err::TaxiiNotFound();
}

void WriteCollection(JsonWriter& w, const Collection& col) {
  w.BeginObject()
      .Field("id", col.id)
      .Field("title", col.title)
      .Field("description", col.description)
      .Field("can_read", true)
      .Field("can_write", false)
      .Field("media_types", std::vector<std::string>{kStixMedia})
      .EndObject();
}

std::vector<std::string> CommaList(const Request& req, const char* name) {
  std::vector<std::string> out;
  auto it = req.query.find(name);
  if (it == req.query.end()) return out;
  std::string_view s = it->second;
  while (true) {
    const size_t comma = s.find(',');
    std::string part(TrimSpaceTab(s.substr(0, comma)));
    if (!part.empty()) out.push_back(std::move(part));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

// "<date_added ms>_<object id>": opaque to clients; re-authorised on every use since the
// page is selected again from what the caller may see now.
std::string NextToken(const std::pair<Millis, std::string>& k) {
  return std::to_string(k.first) + "_" + k.second;
}

Result<ds::FeedQuery> QueryOf(const Request& req) {
  ds::FeedQuery q;
  if (auto it = req.query.find("added_after"); it != req.query.end()) {
    auto t = ParseRfc3339(it->second);
    if (!t) return err::TaxiiInvalidFilter(it->second).with_field("added_after");
    q.added_after = *t;
  }
  if (auto it = req.query.find("limit"); it != req.query.end()) {
    int v = 0;
    const std::string& s = it->second;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size() || v < 1)
      return err::TaxiiInvalidFilter(s).with_field("limit");
    q.limit = std::min(v, ds::kMaxTaxiiPage);
  }
  if (auto it = req.query.find("next"); it != req.query.end()) {
    const std::string& s = it->second;
    const size_t us = s.find('_');
    Millis ms = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + (us == std::string::npos ? 0 : us), ms);
    if (us == std::string::npos || us == 0 || ec != std::errc() || p != s.data() + us ||
        s.find("--", us) == std::string::npos)
      return err::TaxiiInvalidNext().with_field("next");
    q.after = std::make_pair(ms, s.substr(us + 1));
  }
  q.ids = CommaList(req, "match[id]");
  q.types = CommaList(req, "match[type]");
  q.versions = CommaList(req, "match[version]");
  for (const auto& v : q.versions) {
    if (v != "first" && v != "last" && v != "all" && !ParseRfc3339(v))
      return err::TaxiiInvalidFilter(v).with_field("match[version]");
  }
  q.spec_versions = CommaList(req, "match[spec_version]");
  return q;
}

void PageHeaders(Reply& r, const ds::FeedPage& page) {
  if (page.entries.empty()) return;
  r.headers.emplace_back("X-TAXII-Date-Added-First", Micros(page.entries.front()->date_added));
  r.headers.emplace_back("X-TAXII-Date-Added-Last", Micros(page.entries.back()->date_added));
}

void MoreAndNext(JsonWriter& w, const ds::FeedPage& page) {
  w.Field("more", page.more);
  if (page.next) w.Field("next", NextToken(*page.next));
}

// The page of the collection the route names, for `q`.
struct Selected {
  std::vector<ds::FeedEntry> feed;
  ds::FeedPage page;
};
Result<Selected> Select(Ctx& c, ds::FeedQuery q) {
  RENKEI_ASSIGN_OR_RETURN(const Collection* col, CollectionOf(c));
  Selected s;
  RENKEI_ASSIGN_OR_RETURN(s.feed, c.s.sharing.TaxiiFeed(*c.principal, col->sent_only));
  s.page = ds::SelectPage(s.feed, q);
  return s;
}

Result<Reply> Discovery(Ctx&) {
  JsonWriter w;
  w.BeginObject()
      .Field("title", "Renkei 連携 TAXII 2.1")
      .Field("description", "重要インフラ官民連携プラットフォームの TAXII 2.1 サーバ（読み取り）。")
      .Field("default", std::string("/taxii2/") + kRoot + "/")
      .Field("api_roots", std::vector<std::string>{std::string("/taxii2/") + kRoot + "/"})
      .EndObject();
  return JsonReply(w.Take());
}

Result<Reply> ApiRoot(Ctx& c) {
  RENKEI_RETURN_IF_ERROR(CheckRoot(c));
  JsonWriter w;
  w.BeginObject()
      .Field("title", "Renkei 連携")
      .Field("versions", std::vector<std::string>{kTaxiiMediaType})
      .Field("max_content_length", static_cast<std::int64_t>(c.config.max_body_bytes))
      .EndObject();
  return JsonReply(w.Take());
}

Result<Reply> Collections(Ctx& c) {
  RENKEI_RETURN_IF_ERROR(CheckRoot(c));
  JsonWriter w;
  w.BeginObject().Key("collections").BeginArray();
  for (const auto& col : kCollections) WriteCollection(w, col);
  w.EndArray().EndObject();
  return JsonReply(w.Take());
}

Result<Reply> OneCollection(Ctx& c) {
  RENKEI_ASSIGN_OR_RETURN(const Collection* col, CollectionOf(c));
  JsonWriter w;
  WriteCollection(w, *col);
  return JsonReply(w.Take());
}

Result<Reply> Envelope(const ds::FeedPage& page) {
  JsonWriter w;
  w.BeginObject();
  MoreAndNext(w, page);
  if (!page.entries.empty()) {
    w.Key("objects").BeginArray();
    for (const auto* e : page.entries) http::stix::WriteFeedObject(w, *e);
    w.EndArray();
  }
  w.EndObject();
  Reply r = JsonReply(w.Take());
  PageHeaders(r, page);
  return r;
}

Result<Reply> Objects(Ctx& c) {
  RENKEI_ASSIGN_OR_RETURN(auto q, QueryOf(c.req));
  RENKEI_ASSIGN_OR_RETURN(auto s, Select(c, std::move(q)));
  return Envelope(s.page);
}

// One object: what the caller may not see is not in the feed, so it answers 404 exactly
// like an id nobody knows.
Result<Reply> Object(Ctx& c) {
  RENKEI_ASSIGN_OR_RETURN(auto q, QueryOf(c.req));
  q.ids = {c.params.at(2)};
  RENKEI_ASSIGN_OR_RETURN(auto s, Select(c, std::move(q)));
  if (s.page.entries.empty() && !s.page.more) {
    ds::FeedQuery any;
    any.ids = {c.params.at(2)};
    if (ds::SelectPage(s.feed, any).entries.empty()) return err::TaxiiNotFound();
  }
  return Envelope(s.page);
}

Result<Reply> Versions(Ctx& c) {
  RENKEI_ASSIGN_OR_RETURN(auto q, QueryOf(c.req));
  q.ids = {c.params.at(2)};
  RENKEI_ASSIGN_OR_RETURN(auto s, Select(c, std::move(q)));
  ds::FeedQuery any;
  any.ids = {c.params.at(2)};
  if (ds::SelectPage(s.feed, any).entries.empty()) return err::TaxiiNotFound();
  JsonWriter w;
  w.BeginObject();
  MoreAndNext(w, s.page);
  if (!s.page.entries.empty()) {
    w.Key("versions").BeginArray();
    for (const auto* e : s.page.entries) w.String(Micros(ds::VersionOf(*e)));
    w.EndArray();
  }
  w.EndObject();
  Reply r = JsonReply(w.Take());
  PageHeaders(r, s.page);
  return r;
}

Result<Reply> Manifest(Ctx& c) {
  RENKEI_ASSIGN_OR_RETURN(auto q, QueryOf(c.req));
  RENKEI_ASSIGN_OR_RETURN(auto s, Select(c, std::move(q)));
  JsonWriter w;
  w.BeginObject();
  MoreAndNext(w, s.page);
  if (!s.page.entries.empty()) {
    w.Key("objects").BeginArray();
    for (const auto* e : s.page.entries) {
      w.BeginObject()
          .Field("id", e->marking ? e->marking_id : e->object.id)
          .Field("date_added", Micros(e->date_added))
          .Field("version", Micros(ds::VersionOf(*e)))
          .Field("media_type", kStixMedia)
          .EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  Reply r = JsonReply(w.Take());
  PageHeaders(r, s.page);
  return r;
}

const std::vector<std::string> kObjectFilters = {
    "added_after",        "limit", "next", "match[id]", "match[type]", "match[version]",
    "match[spec_version]"};
const std::vector<std::string> kOneObjectFilters = {"added_after", "limit", "next",
                                                    "match[version]", "match[spec_version]"};

}  // namespace

ErrorBody TaxiiErrorBody(const ErrorInfo& e) {
  JsonWriter w;
  w.BeginObject()
      .Field("title", e.title)
      .Field("description", e.detail)
      .Field("error_code", e.code)
      .Field("http_status", std::to_string(e.status));
  if (!e.field.empty()) w.Field("details", e.field);
  w.EndObject();
  return {kTaxiiMediaType, w.Take()};
}

const std::vector<Route>& TaxiiRoutes() {
  static const std::vector<Route> routes = {
      {"GET",
       "/taxii2/",
       Access::kSignedIn,
       {.tag = "taxii", .summary = "TAXII discovery"},
       Discovery},
      {"GET",
       "/taxii2/{root}/",
       Access::kSignedIn,
       {.tag = "taxii", .summary = "API root"},
       ApiRoot},
      {"GET",
       "/taxii2/{root}/collections/",
       Access::kSignedIn,
       {.tag = "taxii", .summary = "Collections"},
       Collections},
      {"GET",
       "/taxii2/{root}/collections/{id}/",
       Access::kSignedIn,
       {.tag = "taxii", .summary = "One collection"},
       OneCollection},
      {"GET",
       "/taxii2/{root}/collections/{id}/objects/",
       Access::kSignedIn,
       {.tag = "taxii", .summary = "Objects", .query = kObjectFilters},
       Objects},
      {"GET",
       "/taxii2/{root}/collections/{id}/objects/{object}/",
       Access::kSignedIn,
       {.tag = "taxii", .summary = "One object", .query = kOneObjectFilters},
       Object},
      {"GET",
       "/taxii2/{root}/collections/{id}/objects/{object}/versions/",
       Access::kSignedIn,
       {.tag = "taxii", .summary = "Object versions", .query = kOneObjectFilters},
       Versions},
      {"GET",
       "/taxii2/{root}/collections/{id}/manifest/",
       Access::kSignedIn,
       {.tag = "taxii", .summary = "Manifest", .query = kObjectFilters},
       Manifest},
  };
  return routes;
}

Mount TaxiiMount() {
  Mount m;
  m.prefix = "/taxii2";
  m.request_types = {kTaxiiMediaType};
  m.response_type = kTaxiiMediaType;
  m.negotiate = true;
  m.errors = TaxiiErrorBody;
  m.routes = &TaxiiRoutes();
  return m;
}

}  // namespace renkei::http
