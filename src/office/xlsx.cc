#include "office/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <pugixml.hpp>
#include <regex>
#include <sstream>

namespace renkei::office {

namespace {

bool LooksNumeric(const std::string& s) {
  static const std::regex kNumber("-?[0-9]{1,9}(\\.[0-9]{1,6})?");
  return std::regex_match(s, kNumber);
}

Status Unreadable(const std::string& why) {
  return Status::Invalid("file", "invalid_xlsx",
                         "the file is not a readable .xlsx workbook: " + why);
}

constexpr zip_uint64_t kMaxPart = 32u << 20;

// One part of the package, or nullopt when absent.
Result<std::optional<std::string>> ReadPart(zip_t* z, const std::string& name) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name.c_str(), 0, &st) != 0) return std::optional<std::string>();
  if (!(st.valid & ZIP_STAT_SIZE) || st.size > kMaxPart) return Unreadable(name + " is too large");
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen(z, name.c_str(), 0), zip_fclose);
  if (!f) return Unreadable("cannot open " + name);
  std::string out(static_cast<size_t>(st.size), '\0');
  zip_int64_t got = zip_fread(f.get(), out.data(), st.size);
  if (got < 0 || static_cast<zip_uint64_t>(got) != st.size)
    return Unreadable("cannot read " + name);
  return std::optional<std::string>(std::move(out));
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

// All text of an <si> or <is>: plain <t> or the runs' <r><t>.
std::string TextOf(const pugi::xml_node& n) {
  std::string out;
  for (auto t : n.select_nodes(".//*[local-name()='t']")) out += t.node().text().get();
  return out;
}

}  // namespace

Result<std::string> WriteXlsx(const domain::Workbook& book) {
  char path[] = "/tmp/renkei-xlsx-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return Status::Internal("cannot create a temporary file for the workbook");
  close(fd);
  struct Unlink {
    const char* p;
    ~Unlink() { std::remove(p); }
  } cleanup{path};

  lxw_workbook* wb = workbook_new(path);
  if (!wb) return Status::Internal("cannot start the workbook");
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
      return Status::Internal("cannot add sheet " + sheet.name);
    }
    const size_t header_row = si == 0 ? 1 : 0;
    size_t cols = 0;
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
      cols = std::max(cols, sheet.rows[r].size());
      for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
        const std::string& v = sheet.rows[r][c];
        lxw_format* fmt = r == header_row ? bold : wrap;
        const auto row = static_cast<lxw_row_t>(r);
        const auto col = static_cast<lxw_col_t>(c);
        if (v.empty()) continue;
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
  if (workbook_close(wb) != LXW_NO_ERROR) return Status::Internal("cannot write the workbook");
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.empty()) return Status::Internal("the workbook came out empty");
  return bytes;
}

Result<domain::Workbook> ReadXlsx(std::string_view bytes) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) return Unreadable("empty");
  zip_t* raw = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!raw) {
    zip_source_free(src);
    zip_error_fini(&err);
    return Unreadable("not a zip package");
  }
  std::unique_ptr<zip_t, void (*)(zip_t*)> z(raw, [](zip_t* p) { zip_discard(p); });

  RENKEI_ASSIGN_OR_RETURN(auto workbook_xml, ReadPart(z.get(), "xl/workbook.xml"));
  if (!workbook_xml) return Unreadable("no workbook part (xl/workbook.xml)");
  RENKEI_ASSIGN_OR_RETURN(auto rels_xml, ReadPart(z.get(), "xl/_rels/workbook.xml.rels"));
  RENKEI_ASSIGN_OR_RETURN(auto strings_xml, ReadPart(z.get(), "xl/sharedStrings.xml"));

  std::vector<std::string> shared;
  if (strings_xml) {
    pugi::xml_document doc;
    if (!doc.load_buffer(strings_xml->data(), strings_xml->size()))
      return Unreadable("broken shared strings");
    for (auto si : doc.select_nodes("//*[local-name()='si']")) shared.push_back(TextOf(si.node()));
  }
  std::unordered_map<std::string, std::string> targets;
  if (rels_xml) {
    pugi::xml_document doc;
    if (!doc.load_buffer(rels_xml->data(), rels_xml->size())) return Unreadable("broken rels");
    for (auto rel : doc.select_nodes("//*[local-name()='Relationship']")) {
      std::string target = rel.node().attribute("Target").value();
      if (target.rfind("/xl/", 0) == 0) target = target.substr(4);
      targets[rel.node().attribute("Id").value()] = "xl/" + target;
    }
  }
  pugi::xml_document wbdoc;
  if (!wbdoc.load_buffer(workbook_xml->data(), workbook_xml->size()))
    return Unreadable("broken workbook part");
  domain::Workbook book;
  for (auto sn : wbdoc.select_nodes("//*[local-name()='sheet']")) {
    domain::SheetTable table;
    table.name = sn.node().attribute("name").value();
    std::string rid;
    for (auto a : sn.node().attributes())
      if (std::string_view(a.name()).ends_with(":id")) rid = a.value();
    auto it = targets.find(rid);
    if (it == targets.end()) return Unreadable("sheet " + table.name + " has no part");
    RENKEI_ASSIGN_OR_RETURN(auto sheet_xml, ReadPart(z.get(), it->second));
    if (!sheet_xml) return Unreadable("missing part " + it->second);
    pugi::xml_document doc;
    if (!doc.load_buffer(sheet_xml->data(), sheet_xml->size()))
      return Unreadable("broken sheet " + table.name);
    for (auto rn : doc.select_nodes("//*[local-name()='sheetData']/*[local-name()='row']")) {
      const int r = rn.node().attribute("r").as_int(static_cast<int>(table.rows.size()) + 1);
      if (r < 1 || r > static_cast<int>(domain::kMaxImportRows) + 10) break;
      table.rows.resize(static_cast<size_t>(r));
      auto& row = table.rows[static_cast<size_t>(r - 1)];
      for (auto c : rn.node().children()) {
        const std::string_view cname = c.name();
        if (cname != "c" && !cname.ends_with(":c")) continue;
        int col = ColumnOf(c.attribute("r").value());
        if (col < 0) col = static_cast<int>(row.size());
        if (col > 64) continue;
        const std::string type = c.attribute("t").value();
        std::string v;
        pugi::xml_node value, inline_str;
        for (auto ch : c.children()) {
          const std::string_view n = ch.name();
          if (n == "v" || n.ends_with(":v")) value = ch;
          if (n == "is" || n.ends_with(":is")) inline_str = ch;
        }
        if (type == "s") {
          const long idx = value.text().as_llong(-1);
          if (idx >= 0 && static_cast<size_t>(idx) < shared.size())
            v = shared[static_cast<size_t>(idx)];
        } else if (type == "inlineStr") {
          v = TextOf(inline_str);
        } else {
          v = value.text().get();
        }
        if (static_cast<size_t>(col) >= row.size()) row.resize(static_cast<size_t>(col) + 1);
        row[static_cast<size_t>(col)] = std::move(v);
      }
    }
    book.sheets.push_back(std::move(table));
  }
  if (book.sheets.empty()) return Unreadable("no sheets");
  return book;
}

}  // namespace renkei::office
