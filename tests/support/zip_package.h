// Small zip packages made in memory (libzip) for the import tests: a hand-written .xlsx
// with chosen parts, and a way to make a part's directory entry lie about its size.
#pragma once

#include <zip.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace renkei::testing {

struct ZipPart {
  std::string name, data;
};

// The parts as a zip package, deflated at level 9 (so repeated text packs to almost
// nothing), or stored as they are with `method` ZIP_CM_STORE.
inline std::string MakeZip(const std::vector<ZipPart>& parts, zip_int32_t method = ZIP_CM_DEFLATE) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buf = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_t* z = zip_open_from_source(buf, ZIP_TRUNCATE, &err);
  zip_source_keep(buf);
  for (const auto& p : parts) {
    zip_source_t* s = zip_source_buffer(z, p.data.data(), p.data.size(), 0);
    const zip_int64_t i = zip_file_add(z, p.name.c_str(), s, ZIP_FL_OVERWRITE);
    zip_set_file_compression(z, static_cast<zip_uint64_t>(i), method,
                             method == ZIP_CM_DEFLATE ? 9 : 0);
  }
  zip_close(z);
  std::string out;
  if (zip_source_open(buf) == 0) {
    char chunk[65536];
    for (zip_int64_t n; (n = zip_source_read(buf, chunk, sizeof chunk)) > 0;)
      out.append(chunk, static_cast<size_t>(n));
    zip_source_close(buf);
  }
  zip_source_free(buf);
  zip_error_fini(&err);
  return out;
}

inline constexpr const char kSheetNs[] =
    R"(xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")";

// A worksheet part around the given <row> elements.
inline std::string SheetXml(const std::string& rows) {
  return std::string("<worksheet ") + kSheetNs + "><sheetData>" + rows + "</sheetData></worksheet>";
}

// An .xlsx package: one sheet per entry of `sheets` (worksheet XML), the shared strings
// part when `shared` is not empty, and any `extra` parts.
inline std::string MakeXlsx(const std::vector<std::string>& sheets, const std::string& shared = "",
                            const std::vector<ZipPart>& extra = {}) {
  std::string list, rels;
  std::vector<ZipPart> parts;
  for (size_t i = 0; i < sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    list += "<sheet name=\"S" + n + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n + "\" Type=\"worksheet\" Target=\"worksheets/sheet" + n +
            ".xml\"/>";
    parts.push_back({"xl/worksheets/sheet" + n + ".xml", sheets[i]});
  }
  parts.push_back({"xl/workbook.xml", std::string("<workbook ") + kSheetNs + "><sheets>" + list +
                                          "</sheets></workbook>"});
  parts.push_back({"xl/_rels/workbook.xml.rels",
                   "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                   "relationships\">" +
                       rels + "</Relationships>"});
  if (!shared.empty()) parts.push_back({"xl/sharedStrings.xml", shared});
  for (const auto& p : extra) parts.push_back(p);
  return MakeZip(parts);
}

// The unpacked bytes of part `name` of a package ("" when it is not there).
inline std::string ReadZipPart(const std::string& zip, const std::string& name) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(zip.data(), zip.size(), 0, &err);
  zip_t* z = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : nullptr;
  zip_error_fini(&err);
  if (!z) {
    if (src) zip_source_free(src);
    return "";
  }
  std::string out;
  if (zip_file_t* f = zip_fopen(z, name.c_str(), 0)) {
    char chunk[65536];
    for (zip_int64_t n; (n = zip_fread(f, chunk, sizeof chunk)) > 0;)
      out.append(chunk, static_cast<size_t>(n));
    zip_fclose(f);
  }
  zip_discard(z);
  return out;
}

// Writes `size` as the uncompressed size of part `name` in both its local header and its
// central directory entry (a package that lies about what it unpacks to).
inline void DeclareSize(std::string& zip, const std::string& name, std::uint32_t size) {
  auto u16 = [&](size_t at) {
    return static_cast<size_t>(static_cast<unsigned char>(zip[at])) |
           static_cast<size_t>(static_cast<unsigned char>(zip[at + 1])) << 8;
  };
  auto put32 = [&](size_t at, std::uint32_t v) {
    for (int k = 0; k < 4; ++k) zip[at + k] = static_cast<char>((v >> (8 * k)) & 0xFF);
  };
  for (size_t i = zip.find("PK\x01\x02"); i != std::string::npos;
       i = zip.find("PK\x01\x02", i + 4)) {
    if (zip.compare(i + 46, u16(i + 28), name) != 0 || u16(i + 28) != name.size()) continue;
    put32(i + 24, size);
    const size_t local = u16(i + 42) | u16(i + 44) << 16;
    put32(local + 22, size);
  }
}

}  // namespace renkei::testing
