// A version's fields as people read them: catalogue order, only the fields of the
// version's form, choices by their Japanese label, instants in JST. One rule for every
// place that shows a filed report (its PDF; the Markdown an analyst starts a summary from
// shows the same, without the instants).
#pragma once

#include <string>
#include <vector>

#include "domain/reporting/catalog.h"
#include "domain/reporting/reporting.h"

namespace renkei::domain {

struct ShownField {
  const FieldDef* def;
  std::string value;  // as people read it
};
// The version's non-empty fields in catalogue order, skipping the fields of a form the
// version does not use. Datetime values read "2026-11-22 10:02 JST".
std::vector<ShownField> ShownFields(const ReportCatalog& catalog, const ReportVersion& v);

}  // namespace renkei::domain
