#pragma once

// Spreadsheets (XLSX, ODS) are zip archives, and an archive may lie about what it holds: GDAL
// inflates a sheet whole, so a small upload can claim 50 KB and inflate to gigabytes (a zip
// bomb). The guard inflates every entry itself — streaming, keeping nothing — and counts the
// bytes that really come out, whatever the archive declares, stopping at the first limit.

#include <cstdint>
#include <string>

#include "isvgraph/base/status.h"

namespace isvgraph::importers {

struct ArchiveLimits {
  uint64_t max_inflated_bytes = 256ull << 20;  // all entries together
  uint64_t max_ratio = 100;                    // inflated / file size; real sheets: 5-30
  uint64_t ratio_from_bytes = 8ull << 20;      // the ratio applies past this much
};

// Ok for an archive within the limits. InvalidArgument (naming the sizes) once the inflated
// bytes pass a limit; DataLoss for a file that is not a zip archive or whose data is corrupt.
Status CheckSpreadsheetArchive(const std::string& path, const ArchiveLimits& limits = {});

}  // namespace isvgraph::importers
