// The reporting catalogue: form fields, the attack taxonomy and the reporting regimes,
// read from data/reporting/reporting.toml (embedded at build time). Regimes are data:
// which deadlines apply to a sector and class, and which fields each phase requires.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "domain/reporting/reporting.h"

namespace renkei::domain {

struct FieldDef {
  std::string key;
  std::string type;  // text | multiline | choice | datetime | integer
  std::vector<std::string> choices;
  std::vector<std::string> choices_ja, choices_en;  // labels, parallel to choices
  size_t max_chars = 200;
  std::string form;  // "" | ransomware | ddos
  std::string label_ja, label_en, help_ja, help_en;
};

struct TaxonomyEntry {
  std::string id, label_ja, label_en;
};

// A span of time after aware_at: hours, days, or calendar months in JST.
struct Within {
  int amount = 0;
  enum class Unit { kHours, kDays, kMonths } unit = Unit::kHours;
  static std::optional<Within> Parse(std::string_view text);  // "24h", "30d", "1mo"
};

struct Deadline {
  std::string phase;
  Within within;
  std::string label_ja, label_en;
};

struct Regime {
  std::string id, name_ja, name_en;
  std::vector<std::string> sectors;  // "*" = every sector
  std::vector<std::string> classes;
  bool overdue_to_hub = false;
  std::vector<Deadline> deadlines;
  std::vector<std::string> required[3];  // by PhaseRank
};

class ReportCatalog {
 public:
  // Parses a catalogue; an error names what is wrong and where.
  static Result<ReportCatalog> Parse(std::string_view toml_text);
  // The catalogue embedded at build time (data/reporting/reporting.toml). The composition
  // root parses it once at start-up and hands it to the services; an error names the file.
  static Result<ReportCatalog> ParseEmbedded();

  const std::string& version() const { return version_; }
  const std::vector<FieldDef>& fields() const { return fields_; }
  const std::vector<TaxonomyEntry>& taxonomy() const { return taxonomy_; }
  const std::vector<Regime>& regimes() const { return regimes_; }
  const FieldDef* field(std::string_view key) const;
  // What people see for a stored value: the Japanese label of a choice, the value otherwise.
  std::string DisplayJa(const FieldDef& f, const std::string& value) const;
  const Regime* regime(std::string_view id) const;
  // The first regime covering the sector and class (every catalogue covers all classes).
  const Regime* RegimeFor(std::string_view sector_id, std::string_view report_class) const;

  // Checks each value against its field (unknown keys, types, lengths, choices).
  Status CheckFields(const ReportFields& fields) const;
  // The required fields of `phase` that are empty, in catalogue order.
  std::vector<std::string> Missing(const Regime& r, const std::string& phase,
                                   const ReportFields& fields) const;

 private:
  std::string version_;
  std::vector<FieldDef> fields_;
  std::vector<TaxonomyEntry> taxonomy_;
  std::vector<Regime> regimes_;
};

// The instant `w` after `from`. Months are calendar months in JST: the same JST
// day-of-month and time, clamped to the last day of a shorter month.
Millis AddWithin(Millis from, const Within& w);

// What is due next for a case: the earliest deadline whose phase (or a later one) has
// not been submitted. None when the regime has no deadlines left or aware_at is unknown.
struct NextDue {
  std::string phase;
  std::string label_ja, label_en;
  Millis due_at = 0;
};
std::optional<NextDue> ComputeNextDue(const Regime& r, std::optional<Millis> aware_at,
                                      const std::string& latest_submitted_phase);

}  // namespace renkei::domain
