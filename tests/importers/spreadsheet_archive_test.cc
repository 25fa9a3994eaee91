// Spreadsheets are zip archives, and an archive may lie about its sizes: a sheet declared as
// 50 KB can inflate to hundreds of megabytes. The guard inflates every entry itself, counting
// what really comes out, and stops at the limit — before GDAL would read the sheet whole.

#include "spreadsheet_archive.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>
#include <zip.h>
#include <zlib.h>

#include "import_fixture.h"

namespace isvgraph::importers {
namespace {

void Put16(std::string& out, uint16_t v) { out.append({char(v & 0xff), char(v >> 8)}); }
void Put32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(char((v >> (8 * i)) & 0xff));
}

// A zip archive with one deflated entry of `inflated` zero bytes whose headers claim it holds
// `declared` bytes.
std::string LyingArchive(const std::string& name, uint64_t inflated, uint32_t declared) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
  std::string compressed, zeros(1 << 16, '\0'), buffer(1 << 16, '\0');
  uLong crc = crc32(0, nullptr, 0);
  for (uint64_t left = inflated; left > 0 || z.avail_in > 0;) {
    const size_t now = static_cast<size_t>(std::min<uint64_t>(left, zeros.size()));
    left -= now;
    crc = crc32(crc, reinterpret_cast<const Bytef*>(zeros.data()), static_cast<uInt>(now));
    z.next_in = reinterpret_cast<Bytef*>(zeros.data());
    z.avail_in = static_cast<uInt>(now);
    do {
      z.next_out = reinterpret_cast<Bytef*>(buffer.data());
      z.avail_out = static_cast<uInt>(buffer.size());
      deflate(&z, left == 0 ? Z_FINISH : Z_NO_FLUSH);
      compressed.append(buffer.data(), buffer.size() - z.avail_out);
    } while (z.avail_out == 0);
    if (left == 0) break;
  }
  deflateEnd(&z);
  std::string zip;
  auto header = [&](bool central) {
    Put32(zip, central ? 0x02014b50 : 0x04034b50);
    if (central) Put16(zip, 20);
    Put16(zip, 20), Put16(zip, 0), Put16(zip, 8), Put16(zip, 0), Put16(zip, 0);
    Put32(zip, static_cast<uint32_t>(crc));
    Put32(zip, static_cast<uint32_t>(compressed.size()));
    Put32(zip, declared);
    Put16(zip, static_cast<uint16_t>(name.size())), Put16(zip, 0);
    if (central) Put16(zip, 0), Put16(zip, 0), Put16(zip, 0), Put32(zip, 0), Put32(zip, 0);
    zip += name;
  };
  header(false);
  zip += compressed;
  const uint32_t central_at = static_cast<uint32_t>(zip.size());
  header(true);
  const uint32_t central_size = static_cast<uint32_t>(zip.size()) - central_at;
  Put32(zip, 0x06054b50), Put16(zip, 0), Put16(zip, 0), Put16(zip, 1), Put16(zip, 1);
  Put32(zip, central_size), Put32(zip, central_at), Put16(zip, 0);
  return zip;
}

using SpreadsheetArchiveTest = ImportTest;

TEST_F(SpreadsheetArchiveTest, ASheetThatInflatesPastItsDeclaredSizeIsRefused) {
  const std::string bomb = LyingArchive("xl/worksheets/sheet1.xml", 700ull << 20, 50 << 10);
  ASSERT_LT(bomb.size(), 1u << 20);  // a small upload
  const std::string path = Write("bomb.xlsx", bomb);
  Status checked = CheckSpreadsheetArchive(path);
  EXPECT_EQ(checked.code(), StatusCode::kInvalidArgument) << checked.ToString();
  EXPECT_NE(checked.message().find("zip bomb"), std::string::npos) << checked.ToString();
  auto report = Import({path}, {.kind = ImportKind::kSites, .dry_run = true});
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().message().find("zip bomb"), std::string::npos)
      << report.error().ToString();
}

TEST_F(SpreadsheetArchiveTest, AnHonestArchiveAndAFileThatIsNoArchive) {
  EXPECT_TRUE(
      CheckSpreadsheetArchive(Write("ok.xlsx", LyingArchive("a.xml", 1 << 20, 1 << 20))).ok());
  EXPECT_EQ(CheckSpreadsheetArchive(Write("no.xlsx", "not a zip")).code(), StatusCode::kDataLoss);
}

// RMI's CMRT and EMRT workbooks start their archive with docProps/ rather than
// [Content_Types].xml; other tools write the sheets first. A workbook is read whatever the
// order of its entries (GDAL 3.6.2 reads them so; this guards that it stays so).
TEST_F(SpreadsheetArchiveTest, WorkbooksImportWhateverTheOrderOfTheirEntries) {
  const std::string written = dir_.Sub("written.xlsx");
  {
    GDALDatasetUniquePtr workbook = Create("XLSX", written);
    AddSheet(*workbook, "Sites", {{"name", "country"}, {"Dhaka Knit", "Bangladesh"}});
  }
  // The same entries, reversed: the sheets first, [Content_Types].xml last.
  const std::string reversed = dir_.Sub("reversed.xlsx");
  int error = 0;
  zip_t* from = zip_open(written.c_str(), ZIP_RDONLY, &error);
  zip_t* to = zip_open(reversed.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_TRUE(from && to);
  const zip_int64_t entries = zip_get_num_entries(from, 0);
  for (zip_int64_t i = entries - 1; i >= 0; --i) {
    const auto index = static_cast<zip_uint64_t>(i);
    zip_source_t* entry = zip_source_zip(to, from, index, 0, 0, -1);
    ASSERT_NE(entry, nullptr);
    ASSERT_GE(zip_file_add(to, zip_get_name(from, index, 0), entry, 0), 0);
  }
  ASSERT_EQ(zip_close(to), 0);
  zip_discard(from);
  zip_t* check = zip_open(reversed.c_str(), ZIP_RDONLY, &error);
  ASSERT_NE(check, nullptr);
  EXPECT_STRNE(zip_get_name(check, 0, 0), "[Content_Types].xml");
  zip_discard(check);

  auto report = Import({reversed}, {.kind = ImportKind::kSites});
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_TRUE(report->written) << ImportReportText(*report);
  EXPECT_EQ(report->created, 1u);
}

}  // namespace
}  // namespace isvgraph::importers
