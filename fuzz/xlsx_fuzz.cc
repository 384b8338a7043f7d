// libFuzzer target for office::ReadXlsx, the reader of uploaded check sheets (issue 13,
// finding 3). Any bytes must come back as a workbook within the limits or as a Status on
// the field "file": no crash, no leak, no undefined behaviour, at most a second and
// ~256 MB per input. Built by fuzz/build-xlsx.sh; seeds in fuzz/corpus/xlsx/.
//
// Two kinds of input. Bytes that start with 0x01 are the parts of a workbook separated by
// NUL bytes — xl/workbook.xml, xl/_rels/workbook.xml.rels, xl/sharedStrings.xml,
// xl/worksheets/sheet1.xml, sheet2.xml … — packed here (stored, with right checksums) so
// that mutations reach the XML reading instead of failing libzip's CRC check. Anything
// else is given to ReadXlsx as it is (the zip layer itself).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "office/xlsx.h"
#include "support/zip_package.h"

namespace {

// Our budget per input, unless the command line says otherwise (libFuzzer reads its flags
// after this hook, and a later flag wins, so these go first).
std::vector<char*> g_args;
char kTimeout[] = "-timeout=1";
char kMallocLimit[] = "-malloc_limit_mb=256";
char kRssLimit[] = "-rss_limit_mb=512";  // the whole process, ASan's shadow and quarantine too

std::string Package(std::string_view parts) {
  std::vector<renkei::testing::ZipPart> zip;
  const char* const kNames[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                "xl/sharedStrings.xml"};
  for (size_t i = 0; i <= renkei::office::kMaxXlsxParts; ++i) {  // one too many is a case too
    const size_t end = parts.find('\0');
    std::string name = i < 3 ? kNames[i] : "xl/worksheets/sheet" + std::to_string(i - 2) + ".xml";
    zip.push_back({std::move(name), std::string(parts.substr(0, end))});
    if (end == std::string_view::npos) break;
    parts.remove_prefix(end + 1);
  }
  return renkei::testing::MakeZip(zip, ZIP_CM_STORE);
}

}  // namespace

// A smaller quarantine of freed memory (ASan's default is 256 MB), so that the process's
// RSS tells about the input rather than about ASan's history.
extern "C" const char* __asan_default_options() { return "quarantine_size_mb=64"; }

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  g_args.assign(*argv, *argv + *argc);
  g_args.insert(g_args.begin() + 1, {kTimeout, kMallocLimit, kRssLimit});
  g_args.push_back(nullptr);
  *argc = static_cast<int>(g_args.size()) - 1;
  *argv = g_args.data();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string packed;
  if (!in.empty() && in[0] == '\x01') {
    packed = Package(in.substr(1));
    in = packed;
  }
  auto book = renkei::office::ReadXlsx(in);
  if (book.ok()) {
    // A workbook within the limits it promises.
    std::size_t cells = 0;
    for (const auto& sheet : book.value().sheets) {
      if (sheet.rows.size() > renkei::domain::kMaxSheetRows) __builtin_trap();
      for (const auto& row : sheet.rows) {
        if (row.size() > renkei::office::kMaxXlsxColumns) __builtin_trap();
        for (const auto& cell : row) {
          if (cell.size() > renkei::domain::kMaxCellBytes) __builtin_trap();
          cells += !cell.empty();
        }
      }
    }
    if (book.value().sheets.empty() ||
        book.value().sheets.size() > renkei::office::kMaxXlsxSheets ||
        cells > renkei::domain::kMaxSheetCells)
      __builtin_trap();
  } else if (book.status().field() != "file" || book.status().message().empty()) {
    __builtin_trap();
  }
  return 0;
}
