#include "domain/reporting/catalog.h"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>

#include "core/error_codes.h"
#include "core/text.h"
#include "core/time_format.h"
#include "domain/toml_fields.h"
#include "domain/validation.h"

namespace renkei::domain {

extern const char kReportingCatalogToml[];  // generated from data/reporting/reporting.toml

int PhaseRank(const std::string& phase) {
  for (int i = 0; i < 3; ++i)
    if (phase == kPhases[i]) return i;
  return -1;
}

std::string ReceiptNumber(int year, std::int64_t number) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "R-%04d-%06lld", year, static_cast<long long>(number));
  return buf;
}

std::optional<Within> Within::Parse(std::string_view text) {
  Within w;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, w.amount);
  if (ec != std::errc() || w.amount <= 0) return std::nullopt;
  std::string_view unit(p, static_cast<size_t>(end - p));
  if (unit == "h") {
    w.unit = Unit::kHours;
  } else if (unit == "d") {
    w.unit = Unit::kDays;
  } else if (unit == "mo") {
    w.unit = Unit::kMonths;
  } else {
    return std::nullopt;
  }
  return w;
}

Millis AddWithin(Millis from, const Within& w) {
  constexpr Millis kHour = 3'600'000;
  switch (w.unit) {
    case Within::Unit::kHours:
      return from + w.amount * kHour;
    case Within::Unit::kDays:
      return from + w.amount * 24 * kHour;
    case Within::Unit::kMonths:
      break;
  }
  using namespace std::chrono;
  constexpr Millis kJst = 9 * kHour;
  const Millis local = from + kJst;
  const sys_days day = floor<days>(sys_time<milliseconds>(milliseconds(local)));
  const Millis time_of_day = local - duration_cast<milliseconds>(day.time_since_epoch()).count();
  year_month_day ymd(day);
  year_month target = year_month(ymd.year(), ymd.month()) + months(w.amount);
  const auto last = year_month_day_last(target.year(), month_day_last(target.month())).day();
  const year_month_day out(target.year(), target.month(), std::min(ymd.day(), last));
  return duration_cast<milliseconds>(sys_days(out).time_since_epoch()).count() + time_of_day - kJst;
}

std::optional<NextDue> ComputeNextDue(const Regime& r, std::optional<Millis> aware_at,
                                      const std::string& latest_submitted_phase) {
  if (!aware_at) return std::nullopt;
  const int done = PhaseRank(latest_submitted_phase);  // -1 while nothing was submitted
  std::optional<NextDue> best;
  for (const auto& d : r.deadlines) {
    if (PhaseRank(d.phase) <= done) continue;
    const Millis due = AddWithin(*aware_at, d.within);
    if (!best || due < best->due_at) best = NextDue{d.phase, d.label_ja, d.label_en, due};
  }
  return best;
}

namespace {

Status Bad(const std::string& where, const std::string& what) {
  return err::Internal().with_note("reporting catalogue: " + where + ": " + what);
}

}  // namespace

Result<ReportCatalog> ReportCatalog::Parse(std::string_view toml_text) {
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    return Bad("syntax", TomlSyntaxError(e));
  }
  const auto fields = Tables(root["fields"]);
  const auto taxonomy = Tables(root["taxonomy"]);
  const auto regimes = Tables(root["regimes"]);
  if (!fields) return Bad("fields", "must be tables ([[fields]])");
  if (!taxonomy) return Bad("taxonomy", "must be tables ([[taxonomy]])");
  if (!regimes) return Bad("regimes", "must be tables ([[regimes]])");
  ReportCatalog c;
  c.version_ = Str(root, "version");
  if (c.version_.empty()) return Bad("version", "missing");
  for (const toml::table* n : *fields) {
    const auto& t = *n;
    FieldDef f;
    f.key = Str(t, "key");
    f.type = Str(t, "type");
    f.max_chars = static_cast<size_t>(t["max"].value_or(200));
    f.form = Str(t, "form");
    f.label_ja = Str(t, "label_ja");
    f.label_en = Str(t, "label_en");
    f.help_ja = Str(t, "help_ja");
    f.help_en = Str(t, "help_en");
    f.choices = Strs(t["choices"]);
    f.choices_ja = Strs(t["choices_ja"]);
    f.choices_en = Strs(t["choices_en"]);
    if ((!f.choices_ja.empty() && f.choices_ja.size() != f.choices.size()) ||
        (!f.choices_en.empty() && f.choices_en.size() != f.choices.size()))
      return Bad("field " + f.key, "choices_ja/choices_en must match choices");
    static const char* const kTypes[] = {"text", "multiline", "choice", "datetime", "integer"};
    if (f.key.empty() || !OneOf(f.type, kTypes)) return Bad("field " + f.key, "key or type");
    if (t["taxonomy"].value_or(false)) f.choices = {"*taxonomy"};
    c.fields_.push_back(std::move(f));
  }
  for (const toml::table* n : *taxonomy) {
    const auto& t = *n;
    c.taxonomy_.push_back({Str(t, "id"), Str(t, "label_ja"), Str(t, "label_en")});
  }
  for (auto& f : c.fields_) {
    if (f.choices.size() == 1 && f.choices[0] == "*taxonomy") {
      f.choices.clear();
      for (const auto& e : c.taxonomy_) {
        f.choices.push_back(e.id);
        f.choices_ja.push_back(e.label_ja);
        f.choices_en.push_back(e.label_en);
      }
    }
    if (f.type == "choice" && f.choices.empty()) return Bad("field " + f.key, "no choices");
  }
  for (const toml::table* n : *regimes) {
    const auto& t = *n;
    Regime r;
    r.id = Str(t, "id");
    r.name_ja = Str(t, "name_ja");
    r.name_en = Str(t, "name_en");
    r.sectors = Strs(t["sectors"]);
    r.classes = Strs(t["classes"]);
    r.overdue_to_hub = t["overdue_to_hub"].value_or(false);
    const auto deadlines = Tables(t["deadlines"]);
    if (!deadlines)
      return Bad("regime " + r.id, "deadlines must be tables ([[regimes.deadlines]])");
    for (const toml::table* dn : *deadlines) {
      const auto& d = *dn;
      Deadline dl;
      dl.phase = Str(d, "phase");
      auto w = Within::Parse(Str(d, "within"));
      if (!w || PhaseRank(dl.phase) < 0) return Bad("regime " + r.id, "deadline");
      dl.within = *w;
      dl.label_ja = Str(d, "label_ja");
      dl.label_en = Str(d, "label_en");
      r.deadlines.push_back(std::move(dl));
    }
    for (int i = 0; i < 3; ++i) {
      r.required[i] = Strs(t["required"][kPhases[i]]);
      for (const auto& k : r.required[i])
        if (!c.field(k)) return Bad("regime " + r.id, "requires unknown field " + k);
    }
    for (const auto& cl : r.classes)
      if (!OneOf(cl, kReportClasses)) return Bad("regime " + r.id, "unknown class " + cl);
    c.regimes_.push_back(std::move(r));
  }
  for (const char* cl : kReportClasses) {
    if (!c.RegimeFor("*", cl)) return Bad("regimes", std::string("no catch-all regime for ") + cl);
  }
  return c;
}

Result<ReportCatalog> ReportCatalog::ParseEmbedded() {
  auto c = Parse(kReportingCatalogToml);
  if (!c.ok())
    return err::Internal().with_note("data/reporting/reporting.toml: " + c.status().note());
  return c;
}

const FieldDef* ReportCatalog::field(std::string_view key) const {
  for (const auto& f : fields_)
    if (f.key == key) return &f;
  return nullptr;
}

std::string ReportCatalog::DisplayJa(const FieldDef& f, const std::string& value) const {
  for (size_t i = 0; i < f.choices.size() && i < f.choices_ja.size(); ++i)
    if (f.choices[i] == value) return f.choices_ja[i];
  return value;
}

const Regime* ReportCatalog::regime(std::string_view id) const {
  for (const auto& r : regimes_)
    if (r.id == id) return &r;
  return nullptr;
}

const Regime* ReportCatalog::RegimeFor(std::string_view sector_id,
                                       std::string_view report_class) const {
  for (const auto& r : regimes_) {
    const bool sector = std::any_of(r.sectors.begin(), r.sectors.end(), [&](const auto& s) {
      return s == "*" || (sector_id != "*" && s == sector_id);
    });
    if (sector && std::find(r.classes.begin(), r.classes.end(), report_class) != r.classes.end())
      return &r;
  }
  return nullptr;
}

Status ReportCatalog::CheckFields(const ReportFields& fields) const {
  for (const auto& [key, value] : fields) {
    const FieldDef* f = field(key);
    const std::string name = "fields." + key;
    if (!f) return err::UnknownField().with_field(name);
    RENKEI_RETURN_IF_ERROR(CheckText(value, name, f->max_chars, false, f->type == "multiline"));
    if (value.empty()) continue;
    if (f->type == "choice") RENKEI_RETURN_IF_ERROR(CheckOneOf(value, name, f->choices));
    if (f->type == "datetime" && !ParseRfc3339(value)) return err::InvalidTime().with_field(name);
    if (f->type == "integer") {
      long long n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || p != value.data() + value.size() || n < 0) {
        return err::InvalidNumber().with_field(name);
      }
    }
  }
  return Status::Ok();
}

std::vector<std::string> ReportCatalog::Missing(const Regime& r, const std::string& phase,
                                                const ReportFields& fields) const {
  std::vector<std::string> out;
  const int rank = PhaseRank(phase);
  if (rank < 0) return out;
  for (const auto& f : fields_) {
    if (!Contains(r.required[rank], f.key)) continue;
    auto it = fields.find(f.key);
    if (it == fields.end() || it->second.empty()) out.push_back(f.key);
  }
  return out;
}

}  // namespace renkei::domain
