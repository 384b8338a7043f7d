#include "domain/assessment/sheet.h"

#include <set>

#include "core/error_codes.h"
#include "core/text.h"
#include "domain/validation.h"

namespace renkei::domain {

namespace {

struct Column {
  const char* key;
  const char* ja;
  const char* en;
};
constexpr Column kColumns[] = {
    {"item_id", "項目ID", "Item ID"},
    {"function", "機能", "Function"},
    {"category", "カテゴリー", "Category"},
    {"check", "点検項目", "Check item"},
    {"level", "成熟度(0-4)", "Maturity (0-4)"},
    {"not_applicable", "該当なし", "Not applicable"},
    {"na_reason", "該当なしの理由", "Reason for N/A"},
    {"comment", "コメント", "Comment"},
    {"evidence", "根拠・証跡", "Evidence"},
};
enum Col { kItem, kFunction, kCategory, kCheck, kLevel, kNa, kNaReason, kComment, kEvidence };

const char* T(const std::string& lang, const char* ja, const char* en) {
  return lang == "en" ? en : ja;
}

std::string Tenths(const std::optional<int>& t) {
  if (!t) return "";
  return std::to_string(*t / 10) + "." + std::to_string(*t % 10);
}

std::string Num(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }

// Values of the N/A column that mean "not applicable" (what people type in Excel).
bool IsYes(const std::string& v) {
  static const char* const kYes[] = {"○",   "〇",   "◯",        "x",   "✓", "1",
                                     "yes", "true", "該当なし", "n/a", "na"};
  return OneOf(FoldForSearch(v), kYes);
}

// "3", "3.0", "３" → 3; nullopt for anything else that is not a whole number.
std::optional<long> ParseLevel(const std::string& raw) {
  std::string v = Trim(FoldForSearch(raw));
  if (v.size() > 2 && v.compare(v.size() - 2, 2, ".0") == 0) v.resize(v.size() - 2);
  if (v.empty() || v.size() > 6) return std::nullopt;
  long out = 0;
  size_t i = v[0] == '-' ? 1 : 0;
  if (i == v.size()) return std::nullopt;
  for (; i < v.size(); ++i) {
    if (v[i] < '0' || v[i] > '9') return std::nullopt;
    out = out * 10 + (v[i] - '0');
  }
  return v[0] == '-' ? -out : out;
}

}  // namespace

Status CheckAnswer(const AssessmentCatalog& catalog, const Answer& a) {
  if (!catalog.item(a.item_id)) return err::UnknownItem(a.item_id).with_field("item_id");
  if (a.level && (*a.level < 0 || *a.level > kMaxLevel))
    return err::LevelOutOfRange().with_field("level");
  if (a.not_applicable && a.level) return err::LevelWithNa().with_field("level");
  if (a.not_applicable && Trim(a.na_reason).empty())
    return err::NaReasonRequired().with_field("na_reason");
  RENKEI_RETURN_IF_ERROR(CheckText(a.na_reason, "na_reason", kMaxNaReason, false, true));
  RENKEI_RETURN_IF_ERROR(CheckText(a.comment, "comment", kMaxComment, false, true));
  return CheckText(a.evidence, "evidence", kMaxEvidence, false, true);
}

Workbook ExportWorkbook(const AssessmentCatalog& catalog, const Assessment& a,
                        const std::vector<Answer>& answers, const std::string& lang) {
  const bool en = lang == "en";
  Workbook book;
  std::unordered_map<std::string, const Answer*> by_item;
  for (const auto& ans : answers) by_item[ans.item_id] = &ans;

  SheetTable sheet{T(lang, "チェックシート", "Check sheet"), {}};
  sheet.rows.push_back({kSheetMarker, catalog.id(), catalog.version(),
                        en ? a.org_name_en : a.org_name_ja, a.scope,
                        std::string(T(lang, "年度 ", "FY ")) + std::to_string(a.fiscal_year)});
  std::vector<std::string> header;
  for (const auto& c : kColumns) header.push_back(T(lang, c.ja, c.en));
  sheet.rows.push_back(std::move(header));
  for (const auto& item : catalog.items()) {
    const auto& fn = *std::find_if(catalog.functions().begin(), catalog.functions().end(),
                                   [&](const FunctionDef& f) { return f.id == item.function_id; });
    const auto& cat = *std::find_if(catalog.categories().begin(), catalog.categories().end(),
                                    [&](const CategoryDef& c) { return c.id == item.category_id; });
    auto it = by_item.find(item.id);
    const Answer* ans = it == by_item.end() ? nullptr : it->second;
    sheet.rows.push_back({item.id, en ? fn.name_en : fn.name_ja, en ? cat.name_en : cat.name_ja,
                          en ? item.en : item.ja, ans ? Num(ans->level) : "",
                          ans && ans->not_applicable ? "○" : "", ans ? ans->na_reason : "",
                          ans ? ans->comment : "", ans ? ans->evidence : ""});
  }
  book.sheets.push_back(std::move(sheet));

  const std::string codes = LevelCodes(catalog, answers);
  const Scores scores = ComputeScores(catalog, codes);
  SheetTable sc{T(lang, "スコア", "Scores"), {}};
  sc.rows.push_back({T(lang, "区分", "Level"), "ID", T(lang, "名称", "Name"),
                     T(lang, "平均", "Mean"), T(lang, "最低水準", "Floor"),
                     T(lang, "回答数", "Answered"), T(lang, "対象項目数", "Applicable"),
                     T(lang, "算出規則", "Rule")});
  auto add = [&](const char* kind, const NodeScore& s, const std::string& name) {
    sc.rows.push_back({kind, s.id, name, Tenths(s.mean_tenths), Num(s.floor),
                       std::to_string(s.answered), std::to_string(s.applicable), scores.rule});
  };
  for (size_t i = 0; i < scores.functions.size(); ++i)
    add(T(lang, "機能", "Function"), scores.functions[i],
        en ? catalog.functions()[i].name_en : catalog.functions()[i].name_ja);
  for (size_t i = 0; i < scores.categories.size(); ++i)
    add(T(lang, "カテゴリー", "Category"), scores.categories[i],
        en ? catalog.categories()[i].name_en : catalog.categories()[i].name_ja);
  add(T(lang, "全体", "Overall"), scores.overall, "");
  book.sheets.push_back(std::move(sc));

  SheetTable plan{T(lang, "改善計画", "Improvement plan"), {}};
  plan.rows.push_back({T(lang, "順位", "Priority"), T(lang, "項目ID", "Item ID"),
                       T(lang, "点検項目", "Check item"), T(lang, "現在", "Now"),
                       T(lang, "目標", "Target"), T(lang, "次にすること", "Next step")});
  int rank = 0;
  for (const auto& step : ImprovementPlan(catalog, codes, scores, 20)) {
    const CheckItem& item = *catalog.item(step.item_id);
    plan.rows.push_back({std::to_string(++rank), item.id, en ? item.en : item.ja,
                         std::to_string(step.current), std::to_string(step.target),
                         en ? item.next_en : item.next_ja});
  }
  book.sheets.push_back(std::move(plan));

  SheetTable levels{T(lang, "成熟度の説明", "Maturity levels"), {}};
  levels.rows.push_back(
      {T(lang, "成熟度", "Level"), T(lang, "名称", "Name"), T(lang, "説明", "Description")});
  for (const auto& l : catalog.levels())
    levels.rows.push_back({std::to_string(l.level), en ? l.label_en : l.label_ja,
                           en ? l.description_en : l.description_ja});
  book.sheets.push_back(std::move(levels));
  return book;
}

SheetImport ImportCheckSheet(const AssessmentCatalog& catalog, const Workbook& book) {
  SheetImport out;
  auto fail = [&](int row, std::string column, Status st) {
    out.errors.push_back({row, std::move(column), std::move(st)});
  };
  if (book.sheets.empty() || book.sheets[0].rows.size() < 2 || book.sheets[0].rows[0].empty() ||
      book.sheets[0].rows[0][0] != kSheetMarker) {
    fail(1, "", err::WrongSheet(kSheetMarker));
    return out;
  }
  const auto& rows = book.sheets[0].rows;
  if (rows[0].size() < 2 || rows[0][1] != catalog.id()) {
    fail(1, "",
         err::SheetCatalogMismatch(
             {.ours = catalog.id(), .sheet = rows[0].size() > 1 ? rows[0][1] : ""}));
    return out;
  }
  if (rows.size() > kMaxSheetRows) {
    fail(static_cast<int>(kMaxSheetRows), "", err::SheetTooManyRows(kMaxSheetRows));
    return out;
  }
  std::set<std::string> seen;
  for (size_t r = 2; r < rows.size(); ++r) {
    const int row = static_cast<int>(r) + 1;
    std::vector<std::string> cells = rows[r];
    cells.resize(std::size(kColumns));
    bool blank = true;
    for (const auto& c : cells) blank = blank && Trim(c).empty();
    if (blank) continue;
    Answer a;
    a.item_id = Trim(cells[kItem]);
    if (!catalog.item(a.item_id)) {
      fail(row, "item_id", err::UnknownItem(a.item_id));
      continue;
    }
    if (!seen.insert(a.item_id).second) {
      fail(row, "item_id", err::DuplicateItem(a.item_id));
      continue;
    }
    a.not_applicable = IsYes(Trim(cells[kNa]));
    if (!Trim(cells[kLevel]).empty()) {
      auto level = ParseLevel(cells[kLevel]);
      if (!level) {
        fail(row, "level", err::InvalidLevel());
        continue;
      }
      if (*level < 0 || *level > kMaxLevel) {
        fail(row, "level", err::LevelOutOfRange());
        continue;
      }
      if (!a.not_applicable) a.level = static_cast<int>(*level);
    }
    a.na_reason = cells[kNaReason];
    a.comment = cells[kComment];
    a.evidence = cells[kEvidence];
    if (Status st = CheckAnswer(catalog, a); !st.ok()) {
      const std::string column = st.field();
      fail(row, column, std::move(st));
      continue;
    }
    // A row with only the item's own text says nothing: the item stays unanswered.
    if (a.answered() || !a.comment.empty() || !a.evidence.empty() || !a.na_reason.empty())
      out.answers.push_back(std::move(a));
  }
  return out;
}

bool StartsFormula(std::string_view cell) {
  const size_t i = cell.find_first_not_of('\'');
  return i != std::string_view::npos &&
         std::string_view("=+-@\t\r").find(cell[i]) != std::string_view::npos;
}

std::string ToCsv(const SheetTable& t) {
  std::string out = "\xEF\xBB\xBF";
  for (const auto& row : t.rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      // A spreadsheet would run "=…", "+…", "-…", "@…" as a formula: one quote makes it text.
      const std::string v = StartsFormula(row[i]) ? "'" + row[i] : row[i];
      if (v.find_first_of(",\"\r\n") == std::string::npos) {
        out += v;
        continue;
      }
      out += '"';
      for (char c : v) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

Result<SheetTable> ParseCsv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!IsCleanUtf8(text, true)) return err::InvalidCsv().with_field("file");
  SheetTable t{"csv", {}};
  std::vector<std::string> row;
  std::string cell;
  size_t cells = 0;
  bool quoted = false, any = false;
  // Ends a cell: the quote ToCsv put before a formula character comes off again.
  auto end_cell = [&]() -> Status {
    if (++cells > kMaxSheetCells)
      return err::TooManyCells({.max = kMaxSheetCells, .row = t.rows.size() + 1})
          .with_field("file");
    if (cell.size() > 1 && cell[0] == '\'' && StartsFormula(std::string_view(cell).substr(1)))
      cell.erase(0, 1);
    row.push_back(std::move(cell));
    cell.clear();
    return Status::Ok();
  };
  auto end_row = [&]() -> Status {
    if (t.rows.size() == kMaxSheetRows) return err::TooManyRows(kMaxSheetRows).with_field("file");
    t.rows.push_back(std::move(row));
    row.clear();
    return Status::Ok();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      RENKEI_RETURN_IF_ERROR(end_cell());
      any = true;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      RENKEI_RETURN_IF_ERROR(end_cell());
      RENKEI_RETURN_IF_ERROR(end_row());
      any = false;
    } else {
      cell += c;
      any = true;
    }
    if (cell.size() > kMaxCellBytes)
      return err::CellTooLong({.cell = row.size() + 1,
                               .max = ByteSizeText(kMaxCellBytes),
                               .row = t.rows.size() + 1})
          .with_field("file");
  }
  if (quoted) return err::CsvOpenQuote().with_field("file");
  if (any || !cell.empty()) {
    RENKEI_RETURN_IF_ERROR(end_cell());
    RENKEI_RETURN_IF_ERROR(end_row());
  }
  return t;
}

}  // namespace renkei::domain
