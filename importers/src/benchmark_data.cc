#include "isvgraph/importers/benchmark_data.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <gdal_priv.h>
#include <map>
#include <mutex>
#include <ogrsf_frmts.h>
#include <set>

namespace isvgraph::importers {
namespace {

constexpr size_t kProgressEvery = 1000000;

void RegisterCsvDriverOnce() {
  static std::once_flag once;
  std::call_once(once, []() { RegisterOGRCSV(); });
}

// One CSV file opened through OGR, its columns resolved by name.
size_t FileBytes(const std::string& dir, const std::string& name) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(std::filesystem::path(dir) / name, ec);
  return ec ? 0 : static_cast<size_t>(size);
}

class CsvFile {
 public:
  static Result<CsvFile> Open(const std::string& dir, const std::string& name,
                              const std::vector<std::string>& columns) {
    const std::string path = (std::filesystem::path(dir) / name).string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return Status::NotFound(path + ": not found");
    RegisterCsvDriverOnce();
    const char* drivers[] = {"CSV", nullptr};
    CsvFile file;
    file.name_ = name;
    file.dataset_.reset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers,
                                          nullptr, nullptr));
    if (!file.dataset_ || file.dataset_->GetLayerCount() != 1) {
      return Status::DataLoss(path + ": not a readable CSV file");
    }
    file.layer_ = file.dataset_->GetLayer(0);
    for (const std::string& column : columns) {
      const int field = file.layer_->GetLayerDefn()->GetFieldIndex(column.c_str());
      if (field < 0) return Status::DataLoss(name + ":1: missing column '" + column + "'");
      file.fields_.push_back(field);
    }
    return file;
  }

  // Visits each row as (line, feature); the visitor returns a Status to stop on.
  template <typename Visit>
  Status ForEach(const Progress& progress, const Visit& visit, size_t* rows) {
    size_t count = 0;
    for (const OGRFeatureUniquePtr& feature : *layer_) {
      const int line = static_cast<int>(feature->GetFID()) + 1;  // header is line 1
      ISV_RETURN_IF_ERROR(visit(line, *feature));
      if (++count % kProgressEvery == 0 && progress) {
        progress(name_ + ": " + std::to_string(count) + " rows");
      }
    }
    *rows = count;
    return Status::Ok();
  }

  const char* Text(const OGRFeature& feature, size_t column) const {
    return feature.GetFieldAsString(fields_[column]);
  }
  Status Error(int line, const std::string& column, const std::string& reason) const {
    return Status::DataLoss(name_ + ":" + std::to_string(line) + ": column '" + column +
                            "': " + reason);
  }

 private:
  std::string name_;
  GDALDatasetUniquePtr dataset_;
  OGRLayer* layer_ = nullptr;
  std::vector<int> fields_;
};

bool ParseDouble(const char* text, double* out) {
  const char* end = text + std::strlen(text);
  auto [ptr, ec] = std::from_chars(text, end, *out);
  return ec == std::errc() && ptr == end && std::isfinite(*out);
}

bool ParseInt(const char* text, int64_t* out) {
  const char* end = text + std::strlen(text);
  auto [ptr, ec] = std::from_chars(text, end, *out);
  return ec == std::errc() && ptr == end;
}

}  // namespace

Result<BenchmarkData> ReadBenchmarkData(const std::string& dir, const Progress& progress) {
  BenchmarkData data;

  auto sites = CsvFile::Open(dir, "sites.csv",
                             {"site_id", "name", "country", "lat", "lon", "sector", "role"});
  if (!sites) return sites.error();
  // Generator rows are at least 40 bytes (sites) and 30 bytes (edges); a link packs to its row's
  // text plus at most about 56 bytes (share, length prefixes, organisation, confidence, source).
  // Estimating high is free (see WriteBatch::ReserveLinks); growing by doubling was the reading
  // phase's peak.
  data.batch.ReserveSites(FileBytes(dir, "sites.csv") / 40);
  ISV_RETURN_IF_ERROR(sites->ForEach(
      progress,
      [&](int line, const OGRFeature& f) {
        graph::Site site{.id = sites->Text(f, 0),
                         .name = sites->Text(f, 1),
                         .country = sites->Text(f, 2),
                         .sector = sites->Text(f, 5),
                         .role = sites->Text(f, 6)};
        if (site.id.empty()) return sites->Error(line, "site_id", "empty id");
        double lat = 0, lon = 0;
        if (*sites->Text(f, 3) != '\0') {
          if (!ParseDouble(sites->Text(f, 3), &lat))
            return sites->Error(line, "lat", "not a number");
          site.lat = lat;
        }
        if (*sites->Text(f, 4) != '\0') {
          if (!ParseDouble(sites->Text(f, 4), &lon))
            return sites->Error(line, "lon", "not a number");
          site.lon = lon;
        }
        data.batch.PutSite(std::move(site));
        return Status::Ok();
      },
      &data.site_rows));

  auto edges = CsvFile::Open(dir, "edges.csv", {"supplier_id", "customer_id", "product", "share"});
  if (!edges) return edges.error();
  const size_t edge_bytes = FileBytes(dir, "edges.csv");
  data.batch.ReserveLinks(edge_bytes / 30, edge_bytes + edge_bytes / 30 * 56);
  graph::SupplyLink link{.organisation = graph::kPublicOrganisation, .source = "edges.csv"};
  ISV_RETURN_IF_ERROR(edges->ForEach(
      progress,
      [&](int line, const OGRFeature& f) {
        link.supplier_id = edges->Text(f, 0);
        link.customer_id = edges->Text(f, 1);
        link.product = edges->Text(f, 2);
        if (!ParseDouble(edges->Text(f, 3), &link.share)) {
          return edges->Error(line, "share", "not a number");
        }
        data.batch.PutLink(link);
        return Status::Ok();
      },
      &data.edge_rows));

  auto contracts =
      CsvFile::Open(dir, "contracts.csv",
                    {"contract_id", "buyer_id", "tier1_id", "cpv", "value_eur", "chain_type"});
  if (!contracts) return contracts.error();
  std::set<std::string> buyers;
  ISV_RETURN_IF_ERROR(contracts->ForEach(
      progress,
      [&](int line, const OGRFeature& f) {
        graph::Contract contract{.id = contracts->Text(f, 0),
                                 .organisation = contracts->Text(f, 1),
                                 .buyer_site_id = contracts->Text(f, 1),
                                 .tier1_site_id = contracts->Text(f, 2),
                                 .cpv = contracts->Text(f, 3),
                                 .chain_type = contracts->Text(f, 5)};
        if (!ParseInt(contracts->Text(f, 4), &contract.value_eur)) {
          return contracts->Error(line, "value_eur", "not a whole number");
        }
        buyers.insert(contract.organisation);
        data.batch.PutContract(std::move(contract));
        return Status::Ok();
      },
      &data.contract_rows));
  for (const std::string& buyer : buyers) {
    data.batch.PutOrganisation({.id = buyer, .name = "Buyer " + buyer});
  }

  auto risk = CsvFile::Open(dir, "risk.csv", {"country", "sector", "theme", "score"});
  if (!risk) return risk.error();
  size_t risk_rows = 0;
  ISV_RETURN_IF_ERROR(risk->ForEach(
      progress,
      [&](int line, const OGRFeature& f) {
        double score = 0;
        if (!ParseDouble(risk->Text(f, 3), &score) || score < 0 || score > 1) {
          return risk->Error(line, "score", "not a number in 0..1");
        }
        data.risk.push_back({.country = risk->Text(f, 0),
                             .sector = risk->Text(f, 1),
                             .theme = risk->Text(f, 2),
                             .milli = static_cast<uint16_t>(std::lround(score * 1000))});
        return Status::Ok();
      },
      &risk_rows));

  // GDAL's CSV driver will not open a file with a single column, so q1_sample.csv — one column
  // of ids, which never need quoting — is read line by line.
  const std::string sample_path = (std::filesystem::path(dir) / "q1_sample.csv").string();
  std::ifstream sample(sample_path);
  if (!sample) return Status::NotFound(sample_path + ": not found");
  std::string line;
  for (int number = 1; std::getline(sample, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1) {
      if (line != "contract_id") {
        return Status::DataLoss("q1_sample.csv:1: missing column 'contract_id'");
      }
      continue;
    }
    if (line.empty() || line.find_first_of(",\"") != std::string::npos) {
      return Status::DataLoss("q1_sample.csv:" + std::to_string(number) +
                              ": column 'contract_id': not a plain id");
    }
    data.q1_sample.push_back(line);
  }
  return data;
}

}  // namespace isvgraph::importers
