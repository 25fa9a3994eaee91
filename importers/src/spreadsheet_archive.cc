#include "spreadsheet_archive.h"

#include <filesystem>
#include <memory>
#include <vector>
#include <zip.h>
#include <zlib.h>

namespace isvgraph::importers {
namespace {

struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct EntryCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

std::string Mib(uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

Status CheckSpreadsheetArchive(const std::string& path, const ArchiveLimits& limits) {
  std::error_code ec;
  const uint64_t packed = std::max<uint64_t>(1, std::filesystem::file_size(path, ec));
  if (ec) return Status::NotFound("no file " + path);
  int error = 0;
  std::unique_ptr<zip_t, ArchiveCloser> archive(zip_open(path.c_str(), ZIP_RDONLY, &error));
  if (!archive) return Status::DataLoss(path + ": not a zip archive, so not an XLSX/ODS file");
  const zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
  auto refuse = [&](uint64_t inflated) {
    return Status::InvalidArgument(
        path + ": refused: the archive inflates to more than " + Mib(inflated) + " from " +
        std::to_string(packed >> 10) + " KiB (limit " + Mib(limits.max_inflated_bytes) +
        ", ratio " + std::to_string(limits.max_ratio) +
        ":1); a spreadsheet like that is likely a zip bomb — save the sheet again, or split it");
  };
  std::vector<unsigned char> in(1 << 16), out(1 << 16);
  uint64_t inflated = 0;
  for (zip_int64_t i = 0; i < entries; ++i) {
    zip_stat_t stat;
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &stat) != 0) {
      return Status::DataLoss(path + ": a zip entry cannot be read");
    }
    // The raw bytes, inflated here: libzip's own reader would trust the declared size.
    std::unique_ptr<zip_file_t, EntryCloser> entry(
        zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), ZIP_FL_COMPRESSED));
    if (!entry)
      return Status::DataLoss(path + ": the zip entry " + stat.name + " cannot be opened");
    const bool deflated = (stat.valid & ZIP_STAT_COMP_METHOD) && stat.comp_method == ZIP_CM_DEFLATE;
    z_stream z{};
    if (deflated && inflateInit2(&z, -15) != Z_OK) return Status::Internal("zlib would not start");
    std::unique_ptr<z_stream, int (*)(z_stream*)> guard(deflated ? &z : nullptr, inflateEnd);
    for (;;) {
      const zip_int64_t n = zip_fread(entry.get(), in.data(), in.size());
      if (n < 0) return Status::DataLoss(path + ": the zip entry " + stat.name + " is corrupt");
      if (n == 0) break;
      if (!deflated) {
        inflated += static_cast<uint64_t>(n);
      } else {
        z.next_in = in.data();
        z.avail_in = static_cast<uInt>(n);
        while (z.avail_in > 0) {
          z.next_out = out.data();
          z.avail_out = static_cast<uInt>(out.size());
          const int result = inflate(&z, Z_NO_FLUSH);
          inflated += out.size() - z.avail_out;
          if (result == Z_STREAM_END) break;
          if (result != Z_OK && result != Z_BUF_ERROR) {
            return Status::DataLoss(path + ": the zip entry " + stat.name + " is corrupt");
          }
          if (result == Z_BUF_ERROR && z.avail_out != 0) break;
        }
      }
      if (inflated > limits.max_inflated_bytes ||
          (inflated > limits.ratio_from_bytes && inflated / packed > limits.max_ratio)) {
        return refuse(inflated);
      }
    }
  }
  return Status::Ok();
}

}  // namespace isvgraph::importers
