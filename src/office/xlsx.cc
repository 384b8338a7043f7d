#include "office/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <pugixml.hpp>
#include <unordered_map>

#include "core/error_codes.h"
#include "core/text.h"

namespace renkei::office {

namespace {

// "3", "-2", "2.5": up to 9 digits, optionally a point and up to 6 more (what the check
// sheet's numbers look like). Written by hand: no regex over cell text.
bool LooksNumeric(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  const auto digits = [](std::string_view d, size_t max) {
    return !d.empty() && d.size() <= max &&
           std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const size_t dot = s.find('.');
  if (dot == std::string_view::npos) return digits(s, 9);
  return digits(s.substr(0, dot), 9) && digits(s.substr(dot + 1), 6);
}

// At most `max` bytes of `s`, cut at a UTF-8 boundary, for messages that quote the file.
std::string Shorten(std::string_view s, size_t max = 40) {
  if (s.size() <= max) return std::string(s);
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end)) + "…";
}

std::string Kib(size_t bytes) { return std::to_string(bytes >> 10) + " KiB"; }

Status Unreadable(const std::string& why) { return err::InvalidXlsx(why).with_field("file"); }

// 413: the workbook unpacks to more than a check sheet can.
Status OverBudget(const std::string& part, const std::string& detail) {
  return err::XlsxTooLarge(
             {.limit = ByteSizeText(kMaxXlsxUnpackedBytes), .reason = Shorten(part) + " " + detail})
      .with_field("file");
}

// "A" for column 0, "AB" for 27.
std::string ColumnName(int col) {
  std::string out;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) out.insert(out.begin(), char('A' + (c - 1) % 26));
  return out;
}

// "AB12" → column 27 (0-based), or -1.
int ColumnOf(const char* ref) {
  int col = 0;
  bool any = false;
  for (; *ref >= 'A' && *ref <= 'Z'; ++ref) {
    col = col * 26 + (*ref - 'A' + 1);
    any = true;
    if (col > 16384) return -1;
  }
  return any ? col - 1 : -1;
}

// The element's name without its namespace prefix ("x:row" → "row").
std::string_view Local(const pugi::xml_node& n) {
  std::string_view name = n.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& n, std::string_view local) {
  for (auto c : n.children())
    if (c.type() == pugi::node_element && Local(c) == local) return c;
  return {};
}

// The text of an <si> or <is>: its own <t>, or its runs' <r><t>; phonetic guides (<rPh>)
// are not part of the value. Only direct children are visited, so the work is linear
// in the part whatever its nesting.
std::string TextOf(const pugi::xml_node& n) {
  std::string out;
  for (auto c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    const auto name = Local(c);
    if (name == "t") {
      out += c.text().get();
    } else if (name == "r") {
      if (auto t = Child(c, "t")) out += t.text().get();
    }
  }
  return out;
}

// The parts of one package, read against one budget: kMaxXlsxUnpackedBytes across
// every part read. A part's size in the zip directory is checked against what is left
// before anything is inflated, and not trusted: the part is inflated in chunks and reading
// stops as soon as it gives more than that size (so never more than the budget).
class Package {
 public:
  explicit Package(zip_t* z) : z_(z) {}

  // The part's bytes, or nullopt when the package has no such part.
  Result<std::optional<std::string>> Read(const std::string& name) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(z_, name.c_str(), 0, &st) != 0) return std::optional<std::string>();
    if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_INDEX))
      return Unreadable(Shorten(name) + " has no size");
    if (st.size > kMaxXlsxUnpackedBytes - used_)
      return OverBudget(name,
                        (used_ ? "is " + Kib(st.size) + " after " + Kib(used_) + " of other parts"
                               : "alone is " + Kib(st.size)));
    const auto declared = static_cast<size_t>(st.size);
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen_index(z_, st.index, 0),
                                                        zip_fclose);
    if (!f) return Unreadable("cannot open " + Shorten(name));
    std::string out;
    out.reserve(declared);
    char chunk[16384];
    for (;;) {
      // One byte more than declared tells a part that lies about its size.
      const size_t want = std::min(sizeof chunk, declared - out.size() + 1);
      const zip_int64_t got = zip_fread(f.get(), chunk, want);
      if (got < 0) return Unreadable("cannot unpack " + Shorten(name));
      if (got == 0) break;
      if (out.size() + static_cast<size_t>(got) > declared)
        return Unreadable(Shorten(name) + " unpacks to more than its directory entry says");
      out.append(chunk, static_cast<size_t>(got));
    }
    if (out.size() != declared)
      return Unreadable(Shorten(name) + " unpacks to less than its directory entry says");
    used_ += out.size();
    return std::optional<std::string>(std::move(out));
  }

 private:
  zip_t* z_;
  size_t used_ = 0;
};

// Parses a part in place (no second copy; pugixml expands no entities and loads no DTD).
Status Parse(pugi::xml_document& doc, std::string& xml, const std::string& what) {
  if (!doc.load_buffer_inplace(xml.data(), xml.size())) return Unreadable("broken " + what);
  return Status::Ok();
}

// What every sheet of one workbook shares: the strings and the cell and text budgets.
struct Budget {
  size_t cells = 0;
  size_t text = 0;
};

Result<domain::SheetTable> ReadSheet(const pugi::xml_document& doc,
                                     const std::vector<std::string>& shared, size_t number,
                                     std::string name, Budget& budget) {
  domain::SheetTable table;
  table.name = std::move(name);
  const std::string sheet = std::to_string(number) + " (\"" + Shorten(table.name) + "\")";
  const std::string where = "sheet " + sheet;
  const auto data = Child(doc.document_element(), "sheetData");
  for (auto rn : data.children()) {
    if (rn.type() != pugi::node_element || Local(rn) != "row") continue;
    const long long r = rn.attribute("r").as_llong(static_cast<long long>(table.rows.size()) + 1);
    if (r < 1 || r > 1048576) return Unreadable("row number " + std::to_string(r) + " in " + where);
    std::vector<std::string>* row = nullptr;
    int next_col = 0;
    for (auto c : rn.children()) {
      if (c.type() != pugi::node_element || Local(c) != "c") continue;
      int col = ColumnOf(c.attribute("r").value());
      if (col < 0) col = next_col;
      next_col = col + 1;
      if (col >= static_cast<int>(kMaxXlsxColumns)) continue;  // far right: not the sheet's
      const std::string_view type = c.attribute("t").value();
      std::string v;
      if (type == "s") {
        const long long idx = Child(c, "v").text().as_llong(-1);
        if (idx >= 0 && static_cast<size_t>(idx) < shared.size())
          v = shared[static_cast<size_t>(idx)];
      } else if (type == "inlineStr") {
        v = TextOf(Child(c, "is"));
      } else {
        v = Child(c, "v").text().get();
      }
      if (v.empty()) continue;  // formatted but empty: nothing to keep
      const auto cell = [&] { return ColumnName(col) + std::to_string(r); };
      if (r > static_cast<long long>(domain::kMaxSheetRows))
        return err::XlsxTooManyRows({.max = domain::kMaxSheetRows, .row = r, .sheet = sheet})
            .with_field("file");
      if (v.size() > domain::kMaxCellBytes)
        return err::XlsxCellTooLong(
                   {.cell = cell(), .max = ByteSizeText(domain::kMaxCellBytes), .sheet = sheet})
            .with_field("file");
      if (++budget.cells > domain::kMaxSheetCells)
        return err::XlsxTooManyCells(
                   {.cell = cell(), .max = domain::kMaxSheetCells, .sheet = sheet})
            .with_field("file");
      budget.text += v.size();
      if (budget.text > kMaxXlsxTextBytes)
        return err::XlsxTextTooLarge(ByteSizeText(kMaxXlsxTextBytes)).with_field("file");
      if (!row) {
        if (static_cast<size_t>(r) > table.rows.size()) table.rows.resize(static_cast<size_t>(r));
        row = &table.rows[static_cast<size_t>(r - 1)];
      }
      if (static_cast<size_t>(col) >= row->size()) row->resize(static_cast<size_t>(col) + 1);
      (*row)[static_cast<size_t>(col)] = std::move(v);
    }
  }
  return table;
}

// `first_header_row`: the header row of the first sheet (every other sheet's is row 0).
Result<std::string> WriteBook(const domain::Workbook& book, size_t first_header_row) {
  char path[] = "/tmp/renkei-xlsx-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return err::Internal().with_note("cannot create a temporary file for the workbook");
  close(fd);
  struct Unlink {
    const char* p;
    ~Unlink() { std::remove(p); }
  } cleanup{path};

  lxw_workbook* wb = workbook_new(path);
  if (!wb) return err::Internal().with_note("cannot start the workbook");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xDDEBF7);
  format_set_text_wrap(bold);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  for (size_t si = 0; si < book.sheets.size(); ++si) {
    const auto& sheet = book.sheets[si];
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    if (!ws) {
      workbook_close(wb);
      return err::Internal().with_note("cannot add sheet " + sheet.name);
    }
    const size_t header_row = si == 0 ? first_header_row : 0;
    size_t cols = 0;
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
      cols = std::max(cols, sheet.rows[r].size());
      for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
        const std::string& v = sheet.rows[r][c];
        lxw_format* fmt = r == header_row ? bold : wrap;
        const auto row = static_cast<lxw_row_t>(r);
        const auto col = static_cast<lxw_col_t>(c);
        if (v.empty()) continue;
        // Text is always a string cell, never a formula: "=…", "+…", "@…" stay text.
        if (r != header_row && LooksNumeric(v)) {
          worksheet_write_number(ws, row, col, std::strtod(v.c_str(), nullptr), fmt);
        } else {
          worksheet_write_string(ws, row, col, v.c_str(), fmt);
        }
      }
    }
    // Widths: ids and numbers narrow, texts wide.
    for (size_t c = 0; c < cols; ++c) {
      size_t longest = 4;
      for (size_t r = 0; r < sheet.rows.size() && r < 50; ++r)
        if (c < sheet.rows[r].size()) longest = std::max(longest, sheet.rows[r][c].size());
      const double width = std::min(60.0, 4.0 + static_cast<double>(longest) * 0.7);
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width,
                           nullptr);
    }
    worksheet_freeze_panes(ws, static_cast<lxw_row_t>(header_row + 1), 1);
  }
  if (workbook_close(wb) != LXW_NO_ERROR)
    return err::Internal().with_note("cannot write the workbook");
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.empty()) return err::Internal().with_note("the workbook came out empty");
  return bytes;
}

}  // namespace

Result<std::string> WriteXlsx(const domain::Workbook& book) { return WriteBook(book, 1); }

Result<std::string> WriteTableXlsx(const domain::SheetTable& table) {
  return WriteBook(domain::Workbook{{table}}, 0);
}

Result<domain::Workbook> ReadXlsx(std::string_view bytes) {
  if (bytes.empty()) return Unreadable("the file is empty");
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) {
    zip_error_fini(&err);
    return Unreadable("empty");
  }
  zip_t* raw = zip_open_from_source(src, ZIP_RDONLY, &err);
  zip_error_fini(&err);
  if (!raw) {
    zip_source_free(src);
    return Unreadable("not a zip package");
  }
  std::unique_ptr<zip_t, void (*)(zip_t*)> z(raw, [](zip_t* p) { zip_discard(p); });
  const zip_int64_t entries = zip_get_num_entries(z.get(), 0);
  if (entries < 0 || static_cast<zip_uint64_t>(entries) > kMaxXlsxParts)
    return err::TooManyParts({.count = entries, .max = kMaxXlsxParts}).with_field("file");
  Package pkg(z.get());

  // The workbook part: the sheets' names and relationship ids, in workbook order.
  struct SheetRef {
    std::string name, rid;
  };
  std::vector<SheetRef> refs;
  {
    RENKEI_ASSIGN_OR_RETURN(auto xml, pkg.Read("xl/workbook.xml"));
    if (!xml) return Unreadable("no workbook part (xl/workbook.xml)");
    pugi::xml_document doc;
    RENKEI_RETURN_IF_ERROR(Parse(doc, *xml, "workbook part"));
    for (auto sn : Child(doc.document_element(), "sheets").children()) {
      if (sn.type() != pugi::node_element || Local(sn) != "sheet") continue;
      if (refs.size() == kMaxXlsxSheets)
        return err::TooManySheets(kMaxXlsxSheets).with_field("file");
      SheetRef ref{sn.attribute("name").value(), ""};
      for (auto a : sn.attributes())
        if (std::string_view(a.name()).ends_with(":id")) ref.rid = a.value();
      refs.push_back(std::move(ref));
    }
  }
  if (refs.empty()) return Unreadable("no sheets");

  // Where each sheet's part is (only the relationships the sheets name are kept).
  std::unordered_map<std::string, std::string> targets;
  {
    RENKEI_ASSIGN_OR_RETURN(auto xml, pkg.Read("xl/_rels/workbook.xml.rels"));
    if (xml) {
      pugi::xml_document doc;
      RENKEI_RETURN_IF_ERROR(Parse(doc, *xml, "relationships part"));
      for (auto rel : doc.document_element().children()) {
        if (rel.type() != pugi::node_element || Local(rel) != "Relationship") continue;
        const std::string id = rel.attribute("Id").value();
        if (std::none_of(refs.begin(), refs.end(), [&](const SheetRef& s) { return s.rid == id; }))
          continue;
        std::string target = rel.attribute("Target").value();
        if (target.rfind("/xl/", 0) == 0) target = target.substr(4);
        targets[id] = "xl/" + target;
      }
    }
  }

  std::vector<std::string> shared;
  {
    RENKEI_ASSIGN_OR_RETURN(auto xml, pkg.Read("xl/sharedStrings.xml"));
    if (xml) {
      pugi::xml_document doc;
      RENKEI_RETURN_IF_ERROR(Parse(doc, *xml, "shared strings"));
      for (auto si : doc.document_element().children()) {
        if (si.type() != pugi::node_element || Local(si) != "si") continue;
        if (shared.size() == kMaxXlsxSharedStrings)
          return err::TooManyStrings(kMaxXlsxSharedStrings).with_field("file");
        shared.push_back(TextOf(si));
      }
    }
  }

  domain::Workbook book;
  Budget budget;
  for (size_t i = 0; i < refs.size(); ++i) {
    const std::string where =
        "sheet " + std::to_string(i + 1) + " (\"" + Shorten(refs[i].name) + "\")";
    auto it = targets.find(refs[i].rid);
    if (it == targets.end()) return Unreadable(where + " has no part");
    RENKEI_ASSIGN_OR_RETURN(auto xml, pkg.Read(it->second));
    if (!xml) return Unreadable("missing part " + Shorten(it->second));
    pugi::xml_document doc;
    RENKEI_RETURN_IF_ERROR(Parse(doc, *xml, where));
    budget.text += refs[i].name.size();
    RENKEI_ASSIGN_OR_RETURN(auto table,
                            ReadSheet(doc, shared, i + 1, std::move(refs[i].name), budget));
    book.sheets.push_back(std::move(table));
  }
  return book;
}

}  // namespace renkei::office
