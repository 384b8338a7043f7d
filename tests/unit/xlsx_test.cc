// The .xlsx codec against hostile packages (issue 13, finding 3): every limit answers its
// own stable code naming the field "file", a package that lies about its sizes is stopped
// at the budget, nested XML costs linear time; and the writer never makes a formula of
// text (finding 11).
#include <gtest/gtest.h>

#include <chrono>

#include "office/xlsx.h"
#include "support/zip_package.h"

namespace renkei::office {
namespace {

using testing::DeclareSize;
using testing::MakeXlsx;
using testing::MakeZip;
using testing::SheetXml;
using testing::ZipPart;

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::string Shared(const std::string& sis) {
  return std::string("<sst ") + testing::kSheetNs + ">" + sis + "</sst>";
}

void ExpectRefused(const Result<domain::Workbook>& r, Kind kind, const std::string& code) {
  ASSERT_FALSE(r.ok()) << "expected " << code;
  EXPECT_EQ(r.status().kind(), kind) << r.status().Describe();
  EXPECT_EQ(r.status().code(), code) << r.status().Describe();
  EXPECT_EQ(r.status().field(), "file");
  EXPECT_FALSE(r.status().message().empty());
}

// One part for a package, from a tiny workbook with one cell.
std::string OneCellSheet() {
  return SheetXml(R"(<row r="1"><c t="inlineStr"><is><t>x</t></is></c></row>)");
}

TEST(Xlsx, ReadsWhatItWrites) {
  domain::Workbook book;
  book.sheets.push_back({"チェックシート",
                         {{"Renkei self-assessment", "nist-csf-1.1"},
                          {"項目ID", "成熟度(0-4)"},
                          {"ID.AM-1", "3"},
                          {"ID.AM-2", "", "理由, \"引用\"\n改行"}}});
  book.sheets.push_back({"Scores", {{"Mean"}, {"2.5"}}});
  auto bytes = WriteXlsx(book);
  ASSERT_TRUE(bytes.ok()) << bytes.status().Describe();
  auto back = ReadXlsx(bytes.value());
  ASSERT_TRUE(back.ok()) << back.status().Describe();
  ASSERT_EQ(back.value().sheets.size(), 2u);
  EXPECT_EQ(back.value().sheets[0].name, "チェックシート");
  EXPECT_EQ(back.value().sheets[0].rows[3][2], "理由, \"引用\"\n改行");
  EXPECT_EQ(back.value().sheets[0].rows[2][1], "3");
  EXPECT_EQ(back.value().sheets[1].rows[1][0], "2.5");
}

TEST(Xlsx, Finding03_DeclaredSizeOverTheBudgetIsRefusedBeforeInflating) {
  // 30 MiB of blanks pack to ~30 KB; the directory says so, and nothing is inflated.
  const std::string zip =
      MakeXlsx({SheetXml("<row r=\"1\"><c><v>" + std::string(30u << 20, ' ') + "</v></c></row>")});
  ASSERT_LT(zip.size(), 64u * 1024);
  const auto start = std::chrono::steady_clock::now();
  ExpectRefused(ReadXlsx(zip), Kind::kTooLarge, "xlsx_too_large");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
}

TEST(Xlsx, Finding03_APartThatLiesAboutItsSizeIsStoppedAtTheDeclaredSize) {
  // 9 MiB that claim to be 100 bytes: reading stops after 101, far below the budget.
  std::string zip =
      MakeXlsx({SheetXml("<row r=\"1\"><c><v>" + std::string(9u << 20, ' ') + "</v></c></row>")});
  DeclareSize(zip, "xl/worksheets/sheet1.xml", 100);
  auto r = ReadXlsx(zip);
  ExpectRefused(r, Kind::kInvalidArgument, "invalid_xlsx");
  EXPECT_NE(r.status().message().find("sheet1.xml unpacks to more than its directory entry says"),
            std::string::npos)
      << r.status().Describe();
  // And one that claims more than it holds.
  std::string shorter = MakeXlsx({SheetXml("<row r=\"1\"><c><v>1</v></c></row>")});
  DeclareSize(shorter, "xl/worksheets/sheet1.xml", 5000);
  ExpectRefused(ReadXlsx(shorter), Kind::kInvalidArgument, "invalid_xlsx");
}

TEST(Xlsx, Finding03_TheBudgetCoversAllPartsTogether) {
  // Three parts of 3 MiB each: every one fits, together they do not.
  const std::string blanks = std::string(3u << 20, ' ');
  const std::string sheet = SheetXml("<row r=\"1\"><c><v>1</v></c></row>" + blanks);
  ExpectRefused(ReadXlsx(MakeXlsx({sheet, sheet, sheet})), Kind::kTooLarge, "xlsx_too_large");
  EXPECT_TRUE(ReadXlsx(MakeXlsx({sheet, sheet})).ok());
}

TEST(Xlsx, Finding03_TooManyPartsAndSheets) {
  std::vector<ZipPart> extra;
  for (size_t i = 0; i < kMaxXlsxParts; ++i)
    extra.push_back({"xl/media/" + std::to_string(i), "x"});
  ExpectRefused(ReadXlsx(MakeXlsx({OneCellSheet()}, "", extra)), Kind::kInvalidArgument,
                "too_many_parts");
  std::vector<std::string> sheets(kMaxXlsxSheets + 1, OneCellSheet());
  ExpectRefused(ReadXlsx(MakeXlsx(sheets)), Kind::kInvalidArgument, "too_many_sheets");
  sheets.pop_back();
  auto ok = ReadXlsx(MakeXlsx(sheets));
  ASSERT_TRUE(ok.ok()) << ok.status().Describe();
  EXPECT_EQ(ok.value().sheets.size(), kMaxXlsxSheets);
}

TEST(Xlsx, Finding03_RowsCellsStringsAndCellLength) {
  // Text below row 2,000: refused; formatted but empty rows below it are not.
  auto far = ReadXlsx(MakeXlsx({SheetXml(R"(<row r="2001"><c><v>1</v></c></row>)")}));
  ExpectRefused(far, Kind::kInvalidArgument, "too_many_rows");
  EXPECT_NE(far.status().message().find("2001"), std::string::npos);
  EXPECT_TRUE(ReadXlsx(MakeXlsx({SheetXml(
                           R"(<row r="1"><c><v>1</v></c></row><row r="9000"><c s="1"/></row>)")}))
                  .ok());

  // 50,001 filled cells (2,000 rows of 26): refused; 50,000 read.
  std::string rows;
  for (int r = 1; r <= 2000; ++r)
    rows += "<row r=\"" + std::to_string(r) + "\">" + Repeat("<c><v>1</v></c>", 25) +
            (r == 2000 ? "<c><v>1</v></c>" : "") + "</row>";
  ExpectRefused(ReadXlsx(MakeXlsx({SheetXml(rows)})), Kind::kInvalidArgument, "too_many_cells");
  rows = "";
  for (int r = 1; r <= 2000; ++r)
    rows += "<row r=\"" + std::to_string(r) + "\">" + Repeat("<c><v>1</v></c>", 25) + "</row>";
  auto full = ReadXlsx(MakeXlsx({SheetXml(rows)}));
  ASSERT_TRUE(full.ok()) << full.status().Describe();
  EXPECT_EQ(full.value().sheets[0].rows.size(), 2000u);

  ExpectRefused(ReadXlsx(MakeXlsx({OneCellSheet()},
                                  Shared(Repeat("<si><t>a</t></si>", kMaxXlsxSharedStrings + 1)))),
                Kind::kInvalidArgument, "too_many_strings");

  const std::string long_text(domain::kMaxCellBytes + 1, 'a');
  auto inl = ReadXlsx(MakeXlsx({SheetXml("<row r=\"3\"><c r=\"E3\" t=\"inlineStr\"><is><t>" +
                                         long_text + "</t></is></c></row>")}));
  ExpectRefused(inl, Kind::kInvalidArgument, "cell_too_long");
  EXPECT_NE(inl.status().message().find("Cell E3 of sheet 1"), std::string::npos)
      << inl.status().Describe();
  EXPECT_TRUE(ReadXlsx(MakeXlsx({SheetXml("<row r=\"3\"><c t=\"inlineStr\"><is><t>" +
                                          long_text.substr(1) + "</t></is></c></row>")}))
                  .ok());
}

TEST(Xlsx, Finding03_OneSharedStringInEveryCellHitsTheTextBudget) {
  // The 2 KB file of the probe: a 1 MiB string (refused per cell) and, within the cell
  // limit, a 32 KiB string used 300 times (9.6 MB of text from one 32 KiB part).
  const std::string cells = Repeat("<c t=\"s\"><v>0</v></c>", 30);
  std::string rows;
  for (int r = 1; r <= 20; ++r) rows += "<row r=\"" + std::to_string(r) + "\">" + cells + "</row>";
  ExpectRefused(ReadXlsx(MakeXlsx({SheetXml(rows)},
                                  Shared("<si><t>" + std::string(1u << 20, 'a') + "</t></si>"))),
                Kind::kInvalidArgument, "cell_too_long");
  rows.clear();
  for (int r = 1; r <= 300; ++r)
    rows += "<row r=\"" + std::to_string(r) + "\"><c t=\"s\"><v>0</v></c></row>";
  ExpectRefused(
      ReadXlsx(MakeXlsx({SheetXml(rows)},
                        Shared("<si><t>" + std::string(domain::kMaxCellBytes, 'a') + "</t></si>"))),
      Kind::kTooLarge, "xlsx_too_large");
}

TEST(Xlsx, Finding03_NestedXmlCostsLinearTime) {
  // 20,000 nested <si> took 14 s of CPU (each one's text was searched through all below it).
  const auto start = std::chrono::steady_clock::now();
  auto r = ReadXlsx(MakeXlsx({OneCellSheet()},
                             Shared(Repeat("<si>", 20000) + "<t>x</t>" + Repeat("</si>", 20000))));
  ASSERT_TRUE(r.ok()) << r.status().Describe();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST(Xlsx, BrokenPackagesAreInvalidXlsx) {
  for (const std::string& bytes :
       {std::string(), std::string("PK\x03\x04 not a zip"), MakeZip({{"a.txt", "x"}}),
        MakeXlsx({"<worksheet><sheetData><row>"}),
        MakeZip({{"xl/workbook.xml", "<workbook><sheets/></workbook>"}})}) {
    auto r = ReadXlsx(bytes);
    ExpectRefused(r, Kind::kInvalidArgument, "invalid_xlsx");
  }
}

TEST(Xlsx, FormulaLikeTextIsWrittenAsAStringCell) {
  const std::vector<std::string> texts = {"=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1",
                                          "-1+1", "@SUM(A1:A2)", "=cmd|' /C calc'!A0"};
  domain::Workbook book;
  book.sheets.push_back({"S", {{"head"}, {"head"}}});
  for (const auto& t : texts) book.sheets[0].rows.push_back({t, "-1"});
  auto bytes = WriteXlsx(book);
  ASSERT_TRUE(bytes.ok());
  // The sheet part holds no formula at all.
  const std::string xml = testing::ReadZipPart(bytes.value(), "xl/worksheets/sheet1.xml");
  ASSERT_NE(xml.find("<sheetData>"), std::string::npos);
  EXPECT_EQ(xml.find("<f>"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("<f "), std::string::npos) << xml;
  auto back = ReadXlsx(bytes.value());
  ASSERT_TRUE(back.ok());
  for (size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(back.value().sheets[0].rows[i + 2][0], texts[i]);
    EXPECT_EQ(back.value().sheets[0].rows[i + 2][1], "-1") << "a number stays a number";
  }
}

}  // namespace
}  // namespace renkei::office
