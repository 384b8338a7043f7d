// The filed report as a PDF (A4, Japanese): what the reporter filed, for printing and
// keeping — the case number, class, regime, every submitted phase with its version,
// receipt number (受付番号), submission time in JST and submitter, then the latest
// submitted version's fields in catalogue order, its indicators, the recipients with their
// capacity, and when it was printed. Drafts never appear. Written with core/pdf_writer.h.
#pragma once

#include <string>

#include "core/clock.h"
#include "domain/reporting/catalog.h"

namespace renkei::domain {

struct CaseView;

// `view` as ReportingService::Get returns it to the caller (its draft, if any, is left
// out here); `printed_at` is printed on every page and is the file's creation date.
std::string ReportPdf(const ReportCatalog& catalog, const CaseView& view, Millis printed_at);

}  // namespace renkei::domain
