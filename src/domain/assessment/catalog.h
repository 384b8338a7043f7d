// Self-assessment catalogues: NIST CSF 1.1, CSF 2.0, the broadcasting standard — read from
// the TOML files in data/assessment/ (embedded at build time; adding a catalogue is adding
// a file). A catalogue has maturity levels 0–4 with plain-language descriptions, functions
// (the radar's axes), categories and check items, each item with a plain-language check
// and a next step, in Japanese and English.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace renkei::domain {

inline constexpr int kMaxLevel = 4;

struct LevelDef {
  int level = 0;
  std::string label_ja, label_en, description_ja, description_en;
};

struct CheckItem {
  std::string id;  // "PR.PT-1"
  std::string category_id;
  std::string function_id;
  std::string ja, en;            // the check, in plain language
  std::string next_ja, next_en;  // what to do next when the level is low
  size_t index = 0;              // position in the catalogue (the level code's position)
};

struct CategoryDef {
  std::string id, function_id, name_ja, name_en;
  std::vector<size_t> items;  // indexes into items()
};

struct FunctionDef {
  std::string id, name_ja, name_en;
  std::vector<size_t> categories;  // indexes into categories()
  std::vector<size_t> items;       // indexes into items()
};

class AssessmentCatalog {
 public:
  // Parses and checks one catalogue file: unique ids, every category in a declared
  // function, levels exactly 0–4, every item with both languages and a next step.
  static Result<AssessmentCatalog> Parse(std::string_view toml_text);

  const std::string& id() const { return id_; }
  const std::string& version() const { return version_; }
  const std::string& name_ja() const { return name_ja_; }
  const std::string& name_en() const { return name_en_; }
  const std::string& source() const { return source_; }
  const std::vector<LevelDef>& levels() const { return levels_; }
  const std::vector<FunctionDef>& functions() const { return functions_; }
  const std::vector<CategoryDef>& categories() const { return categories_; }
  const std::vector<CheckItem>& items() const { return items_; }
  // nullptr when the catalogue has no such item.
  const CheckItem* item(std::string_view id) const;

 private:
  std::string id_, version_, name_ja_, name_en_, source_;
  std::vector<LevelDef> levels_;
  std::vector<FunctionDef> functions_;
  std::vector<CategoryDef> categories_;
  std::vector<CheckItem> items_;
  std::unordered_map<std::string, size_t> item_index_;
};

// One catalogue file: its name (for errors) and its TOML text.
struct CatalogFile {
  std::string name;
  std::string_view toml;
};

class AssessmentCatalogs {
 public:
  // Parses every file; an error names the file and what is wrong in it, and two files
  // with one id are refused.
  static Result<AssessmentCatalogs> Parse(const std::vector<CatalogFile>& files);
  // Every file of data/assessment/ as embedded at build time. The composition root parses
  // them once at start-up and hands them to the services.
  static Result<AssessmentCatalogs> ParseEmbedded();

  const std::vector<AssessmentCatalog>& all() const { return catalogs_; }
  const AssessmentCatalog* find(std::string_view id) const;

 private:
  std::vector<AssessmentCatalog> catalogs_;
};

}  // namespace renkei::domain
