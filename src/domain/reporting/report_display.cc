#include "domain/reporting/report_display.h"

#include "core/time_format.h"

namespace renkei::domain {

std::vector<ShownField> ShownFields(const ReportCatalog& catalog, const ReportVersion& v) {
  std::vector<ShownField> out;
  const auto form_it = v.fields.find("form");
  const std::string form = form_it == v.fields.end() ? "" : form_it->second;
  for (const auto& f : catalog.fields()) {
    if (!f.form.empty() && f.form != form) continue;
    auto it = v.fields.find(f.key);
    if (it == v.fields.end() || it->second.empty()) continue;
    std::string value = catalog.DisplayJa(f, it->second);
    if (f.type == "datetime") {
      if (auto at = ParseRfc3339(it->second)) value = FormatJstMinutes(*at);
    }
    out.push_back({&f, std::move(value)});
  }
  return out;
}

}  // namespace renkei::domain
