// The check sheet as a table: what the .xlsx and .csv exports hold and what an import
// reads back. The table is the same for both formats (the xlsx codec lives in src/office,
// the CSV codec here); row 1 names the catalogue, row 2 holds the headers, rows 3… the
// items. An import is checked row by row and either applies every row or none.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/assessment/assessment.h"
#include "domain/assessment/catalog.h"
#include "domain/assessment/scoring.h"

namespace renkei::domain {

struct SheetTable {
  std::string name;
  std::vector<std::vector<std::string>> rows;
};

struct Workbook {
  std::vector<SheetTable> sheets;
};

inline constexpr const char kSheetMarker[] = "Renkei self-assessment";
// Limits of an imported sheet, .xlsx or .csv alike (what one upload may make us hold):
// rows per sheet, cells across the workbook, bytes of one cell's text. An answer's texts
// are far shorter (below); a longer cell is a file that is not a check sheet.
inline constexpr size_t kMaxSheetRows = 2000;
inline constexpr size_t kMaxSheetCells = 50000;
inline constexpr size_t kMaxCellBytes = 32 * 1024;

// Limits of an answer's texts (characters), shared by the API and the import.
inline constexpr size_t kMaxNaReason = 500, kMaxComment = 2000, kMaxEvidence = 1000;

// The check sheet, the scores and the improvement plan, in "ja" or "en".
Workbook ExportWorkbook(const AssessmentCatalog& catalog, const Assessment& a,
                        const std::vector<Answer>& answers, const std::string& lang);

struct RowError {
  int row = 0;         // 1-based, as the spreadsheet numbers rows
  std::string column;  // the header's key: "item_id", "level", … ("" = the whole row)
  Status status;       // what is wrong: wrong_sheet, catalog_mismatch, unknown_item, …
};

struct SheetImport {
  std::vector<Answer> answers;
  std::vector<RowError> errors;  // not empty: nothing may be applied
};

// Reads the check sheet of `book` (the first sheet, which must be the check sheet of
// `catalog`).
SheetImport ImportCheckSheet(const AssessmentCatalog& catalog, const Workbook& book);

// Checks one answer's level, N/A reason and texts (400 naming the field).
Status CheckAnswer(const AssessmentCatalog& catalog, const Answer& a);

// Whether a spreadsheet would read `cell` as a formula once the quotes it starts with are
// off: it begins, after any number of ', with = + - @ tab or CR ("-1" too: one rule, no
// exception for numbers; the check sheet holds no negative numbers).
bool StartsFormula(std::string_view cell);

// CSV (RFC 4180, UTF-8 with a BOM so Excel reads the Japanese, CRLF line ends). A cell
// that StartsFormula gets one ' in front (OWASP's advice against CSV injection): "=1+1"
// is written '=1+1, "'=1" is written ''=1.
std::string ToCsv(const SheetTable& t);
// Reads ToCsv's output back to the same table: a cell of ' followed by a StartsFormula
// cell loses that one quote ('=1+1 → =1+1, ''=1 → '=1; 'abc stays 'abc). Refuses
// unterminated quotes and non-UTF-8 text (400 invalid_csv), more than kMaxSheetRows rows
// (too_many_rows), kMaxSheetCells cells (too_many_cells) or kMaxCellBytes in a cell
// (cell_too_long); each a 400 naming the field "file".
Result<SheetTable> ParseCsv(std::string_view text);

}  // namespace renkei::domain
