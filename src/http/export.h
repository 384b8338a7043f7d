// The one export of lists as files, shared by every list that exports (the delivery table,
// the sector body's submission list, the audit log): a table of text cells whose first row
// is the column headers in the caller's language, written as CSV (domain::ToCsv: UTF-8 with
// a BOM and CRLF for Excel in Japan, RFC 4180 quoting, a cell starting with = + - @ tab or
// CR given a leading ' so no spreadsheet runs it) or as .xlsx (office::WriteTableXlsx:
// every text a string cell, never a formula), with a Content-Disposition naming the file in
// UTF-8 (RFC 5987 filename*). The list's service reads the rows with the list's own access
// rule and audits the export (domain/export.h); a handler only turns rows into cells.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "domain/export.h"
#include "http/api.h"

namespace renkei::http {

struct ExportTable {
  std::string sheet;                           // the .xlsx sheet's name
  std::vector<std::string> header;             // column headers
  std::vector<std::vector<std::string>> rows;  // cells as shown
};

// The query parameters every export takes: `format` (xlsx, the default, or csv; 400 otherwise)
// and `lang` (ja, en; absent: the request's Accept-Language). Declared as
// `<module>.format` and `<module>.lang` in each module's OpenAPI part.
struct ExportOptions {
  std::string format;
  Lang lang = Lang::kJa;
};
Result<ExportOptions> ReadExportOptions(const Request& req);

// The reply: the file `<sheet>_<JST yyyymmdd-hhmm>.<format>` (`<stem>-…` for clients without
// RFC 5987); `truncated` adds
// `X-Export-Truncated: true` (the list had more than domain::kMaxExportRows rows).
Result<Reply> ExportReply(const ExportTable& table, const ExportOptions& o, const std::string& stem,
                          bool truncated);

// The words the web app shows, read from its language files (web/src/i18n/{ja,en}.json,
// embedded at build time), so a file says what the screen says: `key` as the web spells it
// ("exports.audit.at"); the key itself when missing (tests/api/export_api_test.cc reads the
// headers back in both languages).
const std::string& Words(Lang lang, std::string_view key);
// The word for a code of a `names` section, as web/src/labels.ts finds it
// ("auditActions", "item.publish" → 情報の発信); the code itself when there is none.
std::string CodeWord(Lang lang, std::string_view section, std::string_view code);
// An instant as people read it in files: "2026/12/01 09:00" (JST; the header says so);
// "" for none.
std::string JstCell(std::optional<Millis> ms);

}  // namespace renkei::http
