// The .xlsx codec of the check sheet's tables: writing with libxlsxwriter, reading with
// libzip + pugixml (shared strings, inline strings, numbers; what Excel and LibreOffice
// save). Kept out of the domain so only this library links the office formats.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"
#include "domain/assessment/sheet.h"

namespace renkei::office {

inline constexpr const char kXlsxType[] =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// What reading one workbook may cost (an upload is untrusted: a 2 KB zip can unpack to
// gigabytes). Besides these, the sheet limits of sheet.h hold: rows (kMaxSheetRows), filled
// cells across the workbook (kMaxSheetCells) and bytes per cell (kMaxCellBytes).
inline constexpr size_t kMaxXlsxUnpackedBytes = 8u << 20;  // every part read, unpacked
inline constexpr size_t kMaxXlsxParts = 128;               // files in the zip package
inline constexpr size_t kMaxXlsxSheets = 8;
inline constexpr size_t kMaxXlsxSharedStrings = domain::kMaxSheetCells;
inline constexpr size_t kMaxXlsxTextBytes = 8u << 20;  // all cells' text, as read
inline constexpr size_t kMaxXlsxColumns = 64;          // cells right of column BL are skipped

// The workbook as .xlsx bytes. Cells that read as numbers ("3", "2.5") are written as
// numbers, every other text as a string cell (never a formula, whatever it starts with);
// the first row of every sheet after the first, and the second row of the first (the
// check sheet's headers), are bold.
Result<std::string> WriteXlsx(const domain::Workbook& book);
// One table as a one-sheet workbook, the same cells, its first row the bold header (the
// exports of lists, http/export.h).
Result<std::string> WriteTableXlsx(const domain::SheetTable& table);

// Every sheet's cells as text, in workbook order. A file that is not an .xlsx (not a zip,
// no workbook part, broken XML) is 400 invalid_xlsx; a package over the limits above is
// 413 xlsx_too_large (unpacked size, text) or 400 too_many_parts, too_many_sheets,
// too_many_strings, too_many_rows, too_many_cells, cell_too_long — each naming the field
// "file" and saying what to change. The work is linear in the bytes read, whatever the
// XML's nesting.
Result<domain::Workbook> ReadXlsx(std::string_view bytes);

}  // namespace renkei::office
