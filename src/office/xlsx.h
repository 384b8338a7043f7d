// The .xlsx codec of the check sheet's tables: writing with libxlsxwriter, reading with
// libzip + pugixml (shared strings, inline strings, numbers; what Excel and LibreOffice
// save). Kept out of the domain so only this library links the office formats.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "domain/assessment/sheet.h"

namespace renkei::office {

inline constexpr const char kXlsxType[] =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The workbook as .xlsx bytes. Cells that read as numbers ("3", "2.5") are written as
// numbers; the first row of every sheet after the first, and the second row of the
// first (the check sheet's headers), are bold.
Result<std::string> WriteXlsx(const domain::Workbook& book);

// Every sheet's cells as text, in workbook order. A file that is not an .xlsx (not a zip,
// no workbook part) is a 400 naming the field "file"; parts larger than 32 MiB unpacked
// are refused.
Result<domain::Workbook> ReadXlsx(std::string_view bytes);

}  // namespace renkei::office
