#include "domain/exercises/scenario.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "core/error_codes.h"
#include "domain/toml_fields.h"

namespace renkei::domain {

// Generated from data/exercises/*.toml (cmake/embed_texts.cmake).
extern const char* const kExerciseScenarios[];
extern const char* const kExerciseScenariosNames[];
extern const size_t kExerciseScenariosCount;

namespace {

Status Bad(std::string_view file, int line, const std::string& what) {
  return err::Internal().with_note(std::string(file) + ":" + std::to_string(line) + ": " + what);
}

int LineOf(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

template <size_t N>
bool In(const char* const (&list)[N], const std::string& v) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* x) { return v == x; });
}

std::optional<Millis> Minutes(const toml::table& t, std::string_view key) {
  if (auto v = t[key].value<std::int64_t>()) return *v * 60 * 1000;
  return std::nullopt;
}

}  // namespace

Result<Scenario> ParseScenario(std::string_view file, std::string_view toml_text) {
  toml::table root;
  try {
    root = toml::parse(toml_text, file);
  } catch (const toml::parse_error& e) {
    return Bad(file, static_cast<int>(e.source().begin.line), std::string(e.description()));
  }
  Scenario sc;
  sc.file = std::string(file);
  sc.id = Str(root, "id");
  sc.version = Str(root, "version");
  sc.mode = Str(root, "mode");
  sc.name_ja = Str(root, "name_ja");
  sc.name_en = Str(root, "name_en");
  sc.description_ja = Str(root, "description_ja");
  sc.description_en = Str(root, "description_en");
  sc.drill = root["drill"].value_or(false);
  sc.speed = static_cast<int>(root["speed"].value_or(std::int64_t{1}));
  if (sc.id.empty() || sc.version.empty() || sc.name_ja.empty() || sc.name_en.empty())
    return Bad(file, 1, "id, version, name_ja and name_en are required");
  if (!In(kExerciseModes, sc.mode))
    return Bad(file, 1, "mode must be tabletop, comms_check or functional");
  if (sc.speed < kMinSpeed || sc.speed > kMaxSpeed) return Bad(file, 1, "speed must be 1 to 60");
  const auto injects = Tables(root["inject"]);
  if (!injects) return Bad(file, 1, "inject must be an array of tables ([[inject]])");
  if (injects->empty()) return Bad(file, 1, "a scenario needs at least one [[inject]]");
  std::map<std::string, size_t> index;
  for (const toml::table* t : *injects) {
    Inject in;
    in.line = LineOf(*t);
    in.id = Str(*t, "id");
    if (in.id.empty()) return Bad(file, in.line, "inject without id");
    if (index.count(in.id)) return Bad(file, in.line, "inject id '" + in.id + "' used twice");
    const std::string kind = Str(*t, "kind");
    const auto k = ParseInjectKind(kind);
    const int kind_line = (*t)["kind"].node() ? LineOf(*(*t)["kind"].node()) : in.line;
    if (!k) return Bad(file, kind_line, "unknown inject kind '" + kind + "'");
    in.kind = *k;
    in.offset_ms = Minutes(*t, "at_minutes");
    in.after = Str(*t, "after");
    in.delay_ms = Minutes(*t, "delay_minutes").value_or(0);
    if (in.offset_ms.has_value() == !in.after.empty())
      return Bad(file, in.line, "inject '" + in.id + "' needs exactly one of at_minutes and after");
    if ((in.offset_ms && *in.offset_ms < 0) || in.delay_ms < 0)
      return Bad(file, in.line, "inject '" + in.id + "': negative time");
    in.title_ja = Str(*t, "title_ja");
    in.title_en = Str(*t, "title_en");
    in.body_ja = Str(*t, "body_ja");
    in.body_en = Str(*t, "body_en");
    in.action_ja = Str(*t, "action_ja");
    in.controller_notes = Str(*t, "controller_notes");
    in.deadline_ms = Minutes(*t, "deadline_minutes");
    if (in.title_ja.empty()) return Bad(file, in.line, "inject '" + in.id + "' needs title_ja");
    if (auto tlp = (*t)["tlp"].value<std::string>()) in.tlp = *tlp;
    if (in.tlp != "GREEN" && in.tlp != "AMBER" && in.tlp != "AMBER+STRICT")
      return Bad(file, in.line, "inject '" + in.id + "': tlp must be GREEN, AMBER or AMBER+STRICT");
    in.channels_down = Strs((*t)["channels_down"]);
    for (const auto& ch : in.channels_down)
      if (!In(kChannels, ch)) return Bad(file, in.line, "unknown channel '" + ch + "'");
    if (in.kind == InjectKind::kCondition && in.channels_down.empty())
      return Bad(file, in.line, "condition '" + in.id + "' names no channel that is down");
    const auto qs = Tables((*t)["question"]);
    if (!qs) return Bad(file, in.line, "question must be an array of tables");
    for (const toml::table* q : *qs) {
      Question qq{Str(*q, "theme"), Str(*q, "ja"), Str(*q, "en")};
      if (!In(kQuestionThemes, qq.theme))
        return Bad(file, LineOf(*q), "unknown question theme '" + qq.theme + "'");
      if (qq.ja.empty()) return Bad(file, LineOf(*q), "question without ja");
      in.questions.push_back(std::move(qq));
    }
    if (in.kind == InjectKind::kQuestionSet && in.questions.empty())
      return Bad(file, in.line, "question set '" + in.id + "' has no [[inject.question]]");
    index.emplace(in.id, sc.injects.size());
    sc.injects.push_back(std::move(in));
  }
  // Triggers: each names an inject of the file, and following them never comes back.
  for (const Inject& in : sc.injects) {
    if (!in.after.empty() && !index.count(in.after))
      return Bad(file, in.line,
                 "inject '" + in.id + "' is triggered by '" + in.after + "', which does not exist");
  }
  for (const Inject& in : sc.injects) {
    std::set<std::string> seen{in.id};
    const Inject* at = &in;
    while (!at->after.empty()) {
      if (!seen.insert(at->after).second)
        return Bad(file, in.line, "inject '" + in.id + "' is in a cycle of triggers");
      at = &sc.injects[index.at(at->after)];
    }
  }
  return sc;
}

Result<ScenarioCatalog> ScenarioCatalog::Parse(const std::vector<File>& files) {
  ScenarioCatalog c;
  std::set<std::string> ids;
  for (const File& f : files) {
    RENKEI_ASSIGN_OR_RETURN(auto sc, ParseScenario(f.name, f.toml));
    if (!ids.insert(sc.id).second) return Bad(f.name, 1, "scenario id '" + sc.id + "' used twice");
    c.scenarios_.push_back(std::move(sc));
  }
  return c;
}

Result<ScenarioCatalog> ScenarioCatalog::ParseEmbedded() {
  std::vector<File> files;
  for (size_t i = 0; i < kExerciseScenariosCount; ++i)
    files.push_back(
        {std::string("data/exercises/") + kExerciseScenariosNames[i], kExerciseScenarios[i]});
  return Parse(files);
}

const Scenario* ScenarioCatalog::Find(std::string_view id) const {
  for (const auto& s : scenarios_)
    if (s.id == id) return &s;
  return nullptr;
}

}  // namespace renkei::domain
