// Exercise scenarios as data: data/exercises/*.toml, embedded at build time (adding a
// scenario is adding a file). A scenario is a timeline of injects (exercise.h), each at
// an offset on the exercise clock (`at_minutes`) or `after` an earlier inject fired
// (`delay_minutes` later). Parsing refuses, naming the file and line: an unknown inject
// kind, a trigger on a missing inject, a cycle of triggers, an inject with neither or
// both of `at_minutes` and `after`, a duplicate id, a label outside GREEN/AMBER/
// AMBER+STRICT, a question of an unknown theme, an unknown channel.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/exercises/clock.h"
#include "domain/exercises/exercise.h"

namespace renkei::domain {

inline constexpr const char* kQuestionThemes[] = {"related_bodies", "supply_chain",
                                                  "business_continuity"};
inline constexpr const char* kChannels[] = {"mail", "phone", "portal", "power", "fax"};
inline constexpr const char* kExerciseModes[] = {"tabletop", "comms_check", "functional"};

struct Scenario {
  std::string id, version, mode;
  std::string name_ja, name_en, description_ja, description_en;
  int speed = 1;                // the default clock speed
  bool drill = false;           // the one-click sector drill (セプター訓練)
  std::vector<Inject> injects;  // in file order
  std::string file;
};

// Parses one file; `file` names it in errors ("data/exercises/x.toml:12: …", in the note).
Result<Scenario> ParseScenario(std::string_view file, std::string_view toml_text);

class ScenarioCatalog {
 public:
  struct File {
    std::string name;
    std::string_view toml;
  };
  static Result<ScenarioCatalog> Parse(const std::vector<File>& files);
  // data/exercises/*.toml as embedded.
  static Result<ScenarioCatalog> ParseEmbedded();
  const std::vector<Scenario>& scenarios() const { return scenarios_; }
  const Scenario* Find(std::string_view id) const;

 private:
  std::vector<Scenario> scenarios_;
};

}  // namespace renkei::domain
