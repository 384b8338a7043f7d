// Reading result rows the same way in every store: columns by name, and the limit+1 page.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace renkei::storage {

// A SELECT list written once, as its column expressions, and read by name:
//
//   constexpr Columns kCols{{"i.id", "i.title", "au.display_name"}};
//   sql = "SELECT " + kCols.List() + " FROM …";
//   r.take(kCols("title"))  // the position of i.title
//
// A name is a column's expression, the part after its table alias ("title" for "i.title")
// or its own alias ("n" for "COUNT(*) AS n"); it is looked up at compile time, so a name that is
// not in the list, or that two columns share, does not compile, and a reader never counts columns.
template <size_t N>
class Columns {
 public:
  consteval Columns(const char* const (&exprs)[N]) {
    for (size_t i = 0; i < N; ++i) exprs_[i] = exprs[i];
  }

  consteval size_t operator()(std::string_view name) const {
    size_t found = N;
    for (size_t i = 0; i < N; ++i) {
      if (!Names(exprs_[i], name)) continue;
      if (found != N) throw "two columns answer to this name";
      found = i;
    }
    if (found == N) throw "no column of this name in the select list";
    return found;
  }

  // "a, b, c"; the columns named in `blank` are selected as '' (e.g. a list leaves bodies
  // out but keeps the row's shape).
  std::string List(std::initializer_list<std::string_view> blank = {}) const {
    std::string out;
    for (size_t i = 0; i < N; ++i) {
      if (i) out += ", ";
      const bool blanked = std::find(blank.begin(), blank.end(), exprs_[i]) != blank.end();
      out += blanked ? std::string_view("''") : exprs_[i];
    }
    return out;
  }

 private:
  static constexpr bool Names(std::string_view expr, std::string_view name) {
    if (expr == name) return true;
    const size_t as = expr.rfind(" AS ");
    if (as != std::string_view::npos) return expr.substr(as + 4) == name;
    const size_t dot = expr.find('.');
    return dot != std::string_view::npos && expr.substr(dot + 1) == name;
  }

  std::array<std::string_view, N> exprs_{};
};

// The limit+1 cursor of list queries: the query asks for PageLimit(limit) rows; TakePage
// makes `limit` of them into items with `from_row` and, when the extra row came, sets
// `next` to the id of the last item kept (the next page starts after it).
inline std::int64_t PageLimit(int limit) { return std::int64_t{limit} + 1; }

template <typename T, typename FromRow>
void TakePage(std::vector<Row>& rows, int limit, FromRow&& from_row, std::vector<T>& items,
              std::optional<std::int64_t>& next) {
  const size_t keep = std::min(rows.size(), static_cast<size_t>(std::max(limit, 0)));
  items.reserve(items.size() + keep);
  for (size_t i = 0; i < keep; ++i) items.push_back(from_row(rows[i]));
  if (rows.size() > keep && !items.empty()) next = items.back().id.value;
}

}  // namespace renkei::storage
