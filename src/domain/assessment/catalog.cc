#include "domain/assessment/catalog.h"

#include <set>

#include "core/error_codes.h"
#include "domain/toml_fields.h"

namespace renkei::domain {

// Generated from data/assessment/*.toml (cmake/embed_texts.cmake).
extern const char* const kAssessmentCatalogs[];
extern const char* const kAssessmentCatalogsNames[];
extern const size_t kAssessmentCatalogsCount;

namespace {

Status Bad(const std::string& catalog, const std::string& where, const std::string& what) {
  return err::Internal().with_note("assessment catalogue " + catalog + ": " + where + ": " + what);
}

}  // namespace

const CheckItem* AssessmentCatalog::item(std::string_view id) const {
  auto it = item_index_.find(std::string(id));
  return it == item_index_.end() ? nullptr : &items_[it->second];
}

Result<AssessmentCatalog> AssessmentCatalog::Parse(std::string_view toml_text) {
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    return Bad("?", "syntax", TomlSyntaxError(e));
  }
  const auto levels = Tables(root["levels"]);
  const auto functions = Tables(root["functions"]);
  const auto categories = Tables(root["categories"]);
  AssessmentCatalog c;
  c.id_ = Str(root, "id");
  c.version_ = Str(root, "version");
  c.name_ja_ = Str(root, "name_ja");
  c.name_en_ = Str(root, "name_en");
  c.source_ = Str(root, "source");
  if (c.id_.empty() || c.version_.empty() || c.name_ja_.empty() || c.name_en_.empty())
    return Bad(c.id_, "header", "id, version, name_ja and name_en are required");
  if (!levels) return Bad(c.id_, "levels", "must be tables ([[levels]])");
  if (!functions) return Bad(c.id_, "functions", "must be tables ([[functions]])");
  if (!categories) return Bad(c.id_, "categories", "must be tables ([[categories]])");
  for (const toml::table* n : *levels) {
    const auto& t = *n;
    LevelDef l{t["level"].value_or(-1), Str(t, "label_ja"), Str(t, "label_en"),
               Str(t, "description_ja"), Str(t, "description_en")};
    if (l.level != static_cast<int>(c.levels_.size()) || l.label_ja.empty() || l.label_en.empty() ||
        l.description_ja.empty() || l.description_en.empty())
      return Bad(c.id_, "levels", "levels must be 0, 1, … in order, each with labels");
    c.levels_.push_back(std::move(l));
  }
  if (c.levels_.size() != kMaxLevel + 1) return Bad(c.id_, "levels", "levels 0 to 4 are required");
  for (const toml::table* n : *functions) {
    const auto& t = *n;
    c.functions_.push_back({Str(t, "id"), Str(t, "name_ja"), Str(t, "name_en"), {}, {}});
  }
  if (c.functions_.empty()) return Bad(c.id_, "functions", "at least one function");
  std::set<std::string> ids;
  for (const auto& f : c.functions_)
    if (f.id.empty() || f.name_ja.empty() || !ids.insert(f.id).second)
      return Bad(c.id_, "function " + f.id, "missing or repeated id or name");
  for (const toml::table* n : *categories) {
    const auto& t = *n;
    CategoryDef cat{Str(t, "id"), Str(t, "function"), Str(t, "name_ja"), Str(t, "name_en"), {}};
    size_t fn = c.functions_.size();
    for (size_t i = 0; i < c.functions_.size(); ++i)
      if (c.functions_[i].id == cat.function_id) fn = i;
    if (fn == c.functions_.size())
      return Bad(c.id_, "category " + cat.id, "unknown function " + cat.function_id);
    if (cat.id.empty() || cat.name_ja.empty() || cat.name_en.empty() || !ids.insert(cat.id).second)
      return Bad(c.id_, "category " + cat.id, "missing or repeated id or name");
    const size_t cat_index = c.categories_.size();
    if (const auto* items = t["items"].as_array()) {
      for (const auto& in : *items) {
        const auto* it = in.as_table();
        if (!it) return Bad(c.id_, "category " + cat.id, "items must be tables");
        CheckItem item{Str(*it, "id"),      cat.id,         cat.function_id,
                       Str(*it, "ja"),      Str(*it, "en"), Str(*it, "next_ja"),
                       Str(*it, "next_en"), c.items_.size()};
        if (item.id.empty() || item.ja.empty() || item.en.empty() || item.next_ja.empty() ||
            item.next_en.empty())
          return Bad(c.id_, "item " + item.id, "id, ja, en, next_ja and next_en are required");
        if (!ids.insert(item.id).second) return Bad(c.id_, "item " + item.id, "repeated id");
        cat.items.push_back(item.index);
        c.functions_[fn].items.push_back(item.index);
        c.item_index_.emplace(item.id, item.index);
        c.items_.push_back(std::move(item));
      }
    }
    if (cat.items.empty()) return Bad(c.id_, "category " + cat.id, "no items");
    c.functions_[fn].categories.push_back(cat_index);
    c.categories_.push_back(std::move(cat));
  }
  for (const auto& f : c.functions_)
    if (f.items.empty()) return Bad(c.id_, "function " + f.id, "no categories");
  return c;
}

Result<AssessmentCatalogs> AssessmentCatalogs::Parse(const std::vector<CatalogFile>& files) {
  AssessmentCatalogs out;
  for (const auto& f : files) {
    auto c = AssessmentCatalog::Parse(f.toml);
    if (!c.ok()) return err::Internal().with_note(std::string(f.name) + ": " + c.status().note());
    if (out.find(c->id()))
      return err::Internal().with_note(
          std::string(f.name) + ": " +
          Bad(c->id(), "id", "two catalogue files with this id").note());
    out.catalogs_.push_back(std::move(c).value());
  }
  return out;
}

const AssessmentCatalog* AssessmentCatalogs::find(std::string_view id) const {
  for (const auto& c : catalogs_)
    if (c.id() == id) return &c;
  return nullptr;
}

Result<AssessmentCatalogs> AssessmentCatalogs::ParseEmbedded() {
  std::vector<CatalogFile> files;
  for (size_t i = 0; i < kAssessmentCatalogsCount; ++i)
    files.push_back(
        {std::string("data/assessment/") + kAssessmentCatalogsNames[i], kAssessmentCatalogs[i]});
  return Parse(files);
}

}  // namespace renkei::domain
