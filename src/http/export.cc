#include "http/export.h"

#include <map>
#include <nlohmann/json.hpp>

#include "core/error_codes.h"
#include "core/time_format.h"
#include "domain/assessment/sheet.h"
#include "http/problem.h"
#include "http/route_helpers.h"
#include "office/xlsx.h"

namespace renkei::http {

// web/src/i18n/*.json, embedded by src/http/CMakeLists.txt.
extern const char* const kWebLanguageFiles[];
extern const char* const kWebLanguageFilesNames[];
extern const size_t kWebLanguageFilesCount;

namespace {

using Words_ = std::map<std::string, std::string, std::less<>>;

void Flatten(const nlohmann::json& j, const std::string& prefix, Words_& out) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (it->is_object()) {
      Flatten(*it, key, out);
    } else if (it->is_string()) {
      out.emplace(key, it->get<std::string>());
    }
  }
}

// The web's words per language, read once (a broken file is a build's mistake: the web's
// own tests parse the same files; here it only leaves the keys as they are).
const Words_& Table(Lang lang) {
  static const auto tables = [] {
    std::map<std::string, Words_> t;
    for (size_t i = 0; i < kWebLanguageFilesCount; ++i) {
      std::string name = kWebLanguageFilesNames[i];
      name = name.substr(0, name.find('.'));
      auto j = nlohmann::json::parse(kWebLanguageFiles[i], nullptr, false);
      if (j.is_object()) Flatten(j, "", t[name]);
    }
    return t;
  }();
  static const Words_ none;
  auto it = tables.find(lang == Lang::kEn ? "en" : "ja");
  return it == tables.end() ? none : it->second;
}

// A sheet name Excel accepts: at most 31 characters, none of []:*?/\.
std::string SheetName(const std::string& s) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < s.size() && chars < 31;) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    const std::string ch = s.substr(i, len);
    out += ch.find_first_of("[]:*?/\\") == std::string::npos ? ch : "_";
    i += len;
    ++chars;
  }
  return out.empty() ? "Sheet1" : out;
}

}  // namespace

const std::string& Words(Lang lang, std::string_view key) {
  const auto& t = Table(lang);
  if (auto it = t.find(key); it != t.end()) return it->second;
  static thread_local std::string missing;
  missing = std::string(key);
  return missing;
}

std::string CodeWord(Lang lang, std::string_view section, std::string_view code) {
  // labels.ts: names.<section>.<code with every non-alphanumeric as _>
  std::string key = "names." + std::string(section) + ".";
  for (char c : code) {
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    key += alnum ? c : '_';
  }
  const auto& t = Table(lang);
  if (auto it = t.find(key); it != t.end()) return it->second;
  return std::string(code);
}

std::string JstCell(std::optional<Millis> ms) {
  if (!ms) return "";
  // "2026-12-01 09:00 JST" → "2026/12/01 09:00"
  std::string s = FormatJstMinutes(*ms);
  if (s.size() >= 16) {
    s = s.substr(0, 16);
    if (s[4] == '-') s[4] = '/';
    if (s[7] == '-') s[7] = '/';
  }
  return s;
}

Result<ExportOptions> ReadExportOptions(const Request& req) {
  ExportOptions o;
  o.format = QueryString(req, "format");
  if (o.format.empty()) o.format = "xlsx";
  if (o.format != "csv" && o.format != "xlsx") {
    return err::InvalidValue("csv, xlsx").with_field("format");
  }
  const std::string lang = QueryString(req, "lang");
  if (lang.empty()) {
    o.lang = LangOf(req);
  } else if (lang == "ja" || lang == "en") {
    o.lang = lang == "en" ? Lang::kEn : Lang::kJa;
  } else {
    return err::InvalidValue("ja, en").with_field("lang");
  }
  return o;
}

Result<Reply> ExportReply(const ExportTable& table, const ExportOptions& o, const std::string& stem,
                          bool truncated) {
  const Millis now = SystemClock().now_ms();
  domain::SheetTable t;
  t.name = SheetName(table.sheet);
  t.rows.reserve(table.rows.size() + 1);
  t.rows.push_back(table.header);
  for (const auto& r : table.rows) t.rows.push_back(r);
  // 20261202-0915 in JST: the time the file was made, so two exports do not collide.
  std::string when = JstCell(now);
  std::string stamp;
  for (char c : when)
    if (c >= '0' && c <= '9') stamp += c;
  if (stamp.size() == 12) stamp.insert(8, "-");
  const std::string name = table.sheet + "_" + stamp + "." + o.format;
  const std::string ascii = stem + "-" + stamp + "." + o.format;
  Reply r;
  if (o.format == "csv") {
    r = DownloadReply(name, "text/csv; charset=utf-8", domain::ToCsv(t), ascii);
  } else {
    RENKEI_ASSIGN_OR_RETURN(auto bytes, office::WriteTableXlsx(t));
    r = DownloadReply(name, office::kXlsxType, std::move(bytes), ascii);
  }
  if (truncated) r.headers.emplace_back("X-Export-Truncated", "true");
  return r;
}

}  // namespace renkei::http
