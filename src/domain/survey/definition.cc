// SurveyDefinition::Parse: a survey definition's TOML text, checked (docs/survey.md).
#include <cmath>
#include <set>

#include "core/error_codes.h"
#include "domain/survey/survey.h"
#include "domain/toml_fields.h"

namespace renkei::domain {

// Generated from data/surveys/*.toml (cmake/embed_texts.cmake).
extern const char* const kSurveyTemplates[];
extern const char* const kSurveyTemplatesNames[];
extern const size_t kSurveyTemplatesCount;

std::vector<SurveyTemplate> SurveyTemplates() {
  std::vector<SurveyTemplate> out;
  for (size_t i = 0; i < kSurveyTemplatesCount; ++i)
    out.push_back({kSurveyTemplatesNames[i], kSurveyTemplates[i]});
  return out;
}

namespace {

constexpr const char* kField = "definition";

bool OneOfTypes(const std::string& t) {
  for (const char* k : kSurveyQuestionTypes)
    if (t == k) return true;
  return false;
}

int LineOf(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

Status FieldError(int line, const std::string& field, const std::string& expected) {
  return err::SurveyDefinitionField({.expected = expected, .field = field, .line = line})
      .with_field(kField);
}

// A required string field of table `t` (at `line`), in `out`.
Status Text(const toml::table& t, int line, const std::string& key, std::string& out, bool required,
            size_t max = 2000) {
  const auto* n = t.get(key);
  if (!n) {
    if (required) return FieldError(line, key, "text");
    return Status::Ok();
  }
  const auto v = n->value<std::string>();
  if (!v || (required && v->empty()) || v->size() > max)
    return FieldError(LineOf(*n), key, "text of at most " + std::to_string(max) + " bytes");
  out = *v;
  return Status::Ok();
}

bool IsId(const std::string& s) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

// A list of choices ([{id, ja, en}, …]) under `key`.
Status Choices(const toml::table& t, int line, const std::string& key,
               std::vector<SurveyChoice>& out) {
  const auto* n = t.get(key);
  const auto* a = n ? n->as_array() : nullptr;
  if (!a || a->empty()) return FieldError(n ? LineOf(*n) : line, key, "a list of {id, ja, en}");
  std::set<std::string> ids;
  for (const auto& e : *a) {
    const auto* c = e.as_table();
    const int at = LineOf(e);
    if (!c) return FieldError(at, key, "a list of {id, ja, en}");
    SurveyChoice ch;
    RENKEI_RETURN_IF_ERROR(Text(*c, at, "id", ch.id, true, 40));
    if (!IsId(ch.id)) return FieldError(at, key + ".id", "lower-case letters, digits, _ or -");
    RENKEI_RETURN_IF_ERROR(Text(*c, at, "ja", ch.ja, true, 500));
    RENKEI_RETURN_IF_ERROR(Text(*c, at, "en", ch.en, true, 500));
    if (!ids.insert(ch.id).second)
      return err::SurveyDefinitionDuplicate({.id = ch.id, .line = at}).with_field(kField);
    out.push_back(std::move(ch));
  }
  if (out.size() > 50) return FieldError(line, key, "at most 50 entries");
  return Status::Ok();
}

std::optional<double> Number(const toml::node* n) {
  if (!n) return std::nullopt;
  if (auto i = n->value<std::int64_t>()) return static_cast<double>(*i);
  if (auto d = n->value<double>()) return *d;
  return std::nullopt;
}

}  // namespace

const SurveyChoice* SurveyQuestion::choice(std::string_view id) const {
  for (const auto& c : choices)
    if (c.id == id) return &c;
  return nullptr;
}

const SurveyChoice* SurveyQuestion::row(std::string_view id) const {
  for (const auto& r : rows)
    if (r.id == id) return &r;
  return nullptr;
}

const SurveyQuestion* SurveyDefinition::question(std::string_view id) const {
  for (const auto& q : questions)
    if (q.id == id) return &q;
  return nullptr;
}

Result<SurveyDefinition> SurveyDefinition::Parse(std::string_view toml_text) {
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    return err::SurveyDefinitionSyntax({.detail = std::string(e.description()),
                                        .where = "line " + std::to_string(e.source().begin.line) +
                                                 ", column " +
                                                 std::to_string(e.source().begin.column)})
        .with_field(kField);
  }
  SurveyDefinition d;
  RENKEI_RETURN_IF_ERROR(Text(root, 1, "title_ja", d.title_ja, true, 200));
  RENKEI_RETURN_IF_ERROR(Text(root, 1, "title_en", d.title_en, true, 200));
  RENKEI_RETURN_IF_ERROR(Text(root, 1, "description_ja", d.description_ja, false, 4000));
  RENKEI_RETURN_IF_ERROR(Text(root, 1, "description_en", d.description_en, false, 4000));
  RENKEI_RETURN_IF_ERROR(Text(root, 1, "series", d.series, false, 40));
  if (!d.series.empty() && !IsId(d.series))
    return FieldError(1, "series", "lower-case letters, digits, _ or -");
  const auto* qs = root.get("questions");
  const auto* qa = qs ? qs->as_array() : nullptr;
  if (!qa || qa->empty()) return FieldError(qs ? LineOf(*qs) : 1, "questions", "[[questions]]");
  if (qa->size() > 200) return FieldError(LineOf(*qs), "questions", "at most 200 questions");
  std::set<std::string> ids;
  for (const auto& e : *qa) {
    const auto* t = e.as_table();
    const int line = LineOf(e);
    if (!t) return FieldError(line, "questions", "[[questions]]");
    SurveyQuestion q;
    q.line = line;
    RENKEI_RETURN_IF_ERROR(Text(*t, line, "id", q.id, true, 40));
    if (!IsId(q.id)) return FieldError(line, "id", "lower-case letters, digits, _ or -");
    if (!ids.insert(q.id).second)
      return err::SurveyDefinitionDuplicate({.id = q.id, .line = line}).with_field(kField);
    RENKEI_RETURN_IF_ERROR(Text(*t, line, "type", q.type, true, 20));
    if (!OneOfTypes(q.type))
      return FieldError(LineOf(*t->get("type")), "type",
                        "single, multiple, number, date, text or matrix");
    RENKEI_RETURN_IF_ERROR(Text(*t, line, "ja", q.ja, true));
    RENKEI_RETURN_IF_ERROR(Text(*t, line, "en", q.en, true));
    RENKEI_RETURN_IF_ERROR(Text(*t, line, "help_ja", q.help_ja, false));
    RENKEI_RETURN_IF_ERROR(Text(*t, line, "help_en", q.help_en, false));
    if (const auto* r = t->get("required")) {
      const auto b = r->value<bool>();
      if (!b) return FieldError(LineOf(*r), "required", "true or false");
      q.required = *b;
    }
    if (q.type == "single" || q.type == "multiple" || q.type == "matrix")
      RENKEI_RETURN_IF_ERROR(Choices(*t, line, "choices", q.choices));
    if (q.type == "matrix") RENKEI_RETURN_IF_ERROR(Choices(*t, line, "rows", q.rows));
    if (q.type == "number") {
      for (const char* k : {"min", "max"}) {
        const auto* n = t->get(k);
        if (!n) continue;
        auto v = Number(n);
        if (!v || !std::isfinite(*v)) return FieldError(LineOf(*n), k, "a number");
        (std::string_view(k) == "min" ? q.min : q.max) = v;
      }
      if (q.min && q.max && *q.min > *q.max)
        return FieldError(line, "max", "a number not below min");
    }
    if (q.type == "text") {
      if (const auto* n = t->get("max_chars")) {
        const auto v = n->value<std::int64_t>();
        if (!v || *v < 1 || *v > 20000)
          return FieldError(LineOf(*n), "max_chars", "a whole number from 1 to 20000");
        q.max_chars = static_cast<int>(*v);
      }
    }
    if (const auto* w = t->get("when")) {
      const auto* wt = w->as_table();
      const int at = LineOf(*w);
      if (!wt) return FieldError(at, "when", "{ question = \"…\", choice = \"…\" }");
      RENKEI_RETURN_IF_ERROR(Text(*wt, at, "question", q.when_question, true, 40));
      RENKEI_RETURN_IF_ERROR(Text(*wt, at, "choice", q.when_choice, true, 40));
      // Only a question above: a later or missing one is refused (no cycles, and the
      // answer page reads top to bottom).
      const SurveyQuestion* on = d.question(q.when_question);
      if (!on)
        return err::SurveyConditionUnknown({.line = at, .question = q.when_question})
            .with_field(kField);
      if (on->type != "single" && on->type != "multiple")
        return err::SurveyConditionType({.line = at, .question = q.when_question})
            .with_field(kField);
      if (!on->choice(q.when_choice))
        return err::SurveyConditionChoice(
                   {.choice = q.when_choice, .line = at, .question = q.when_question})
            .with_field(kField);
    }
    d.questions.push_back(std::move(q));
  }
  return d;
}

}  // namespace renkei::domain
