// Export: the store's chain data as the files `isvgraph import` reads (the column schema of
// importers::Columns), so that importing them into an empty store gives the same sites, links
// and contracts. The layout is examples/demo's: sites.csv (the whole registry, which all
// organisations share), links-<organisation>.csv and contracts-<organisation>.csv.
//
// Not carried, because no import format has them: organisation profiles, audit groups, audits,
// contract follow-up steps and tokens (a backup keeps everything).

#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>

#include "isvgraph/api/service.h"
#include "isvgraph/base/csv.h"

namespace isvgraph::api {
namespace {

// The shortest text that reads back as the same double (std::to_chars), so that a round trip
// through the files changes no coordinate or share.
std::string Number(double value) {
  char text[32];
  auto [end, error] = std::to_chars(text, text + sizeof text, value);
  return error == std::errc() ? std::string(text, end) : std::string();
}

std::string Optional(const std::optional<double>& value) {
  return value ? Number(*value) : std::string();
}

std::string External(const graph::Site& site, const std::string& scheme) {
  auto it = site.external_ids.find(scheme);
  return it == site.external_ids.end() ? std::string() : it->second;
}

// One CSV file, written row by row; Close() says whether every byte reached the disk.
class CsvFile {
 public:
  CsvFile(const std::string& path, const std::vector<std::string>& header)
      : path_(path), out_(path, std::ios::binary | std::ios::trunc) {
    Row(header);
  }
  void Row(const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out_ << (i ? "," : "") << CsvCell(cells[i]);
    out_ << '\n';
  }
  Status Close() {
    out_.close();
    return out_ ? Status::Ok() : Status::IoError("cannot write " + path_);
  }

 private:
  std::string path_;
  std::ofstream out_;
};

// A file name part for an organisation id (ids are [a-z0-9._-], but a store may be older).
std::string FileSafe(const std::string& id) {
  std::string out;
  for (char c : id)
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
  return out;
}

}  // namespace

const std::vector<std::string>& ExportSiteColumns() {
  static const std::vector<std::string> columns = {"id",     "name",    "country", "region",
                                                   "sector", "role",    "lat",     "lon",
                                                   "os_id",  "rmi_cid", "lei",     "duns"};
  return columns;
}

const std::vector<std::string>& ExportLinkColumns() {
  static const std::vector<std::string> columns = {"supplier_id", "customer_id", "product",
                                                   "share",       "confidence",  "source"};
  return columns;
}

const std::vector<std::string>& ExportContractColumns() {
  static const std::vector<std::string> columns = {"id",         "tier1_site_id", "title",
                                                   "cpv",        "value_eur",     "buyer_site_id",
                                                   "chain_type", "value_note"};
  return columns;
}

Result<ExportReport> Service::Export(const ExportOptions& options) const {
  if (options.out_dir.empty())
    return Status::InvalidArgument("export: an output directory is required");
  const graph::ChainStore& store = chains_->store();
  if (!options.organisation.empty() && !store.GetOrganisation(options.organisation)) {
    return Status::NotFound("no organisation '" + options.organisation + "'");
  }
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec) return Status::IoError("cannot create " + options.out_dir + ": " + ec.message());

  ExportReport report;
  const std::string sites_path = options.out_dir + "/sites.csv";
  CsvFile sites(sites_path, ExportSiteColumns());
  ISV_RETURN_IF_ERROR(store.ScanSites([&](graph::Site&& s) {
    sites.Row({s.id, s.name, s.country, s.region, s.sector, s.role, Optional(s.lat),
               Optional(s.lon), External(s, "os_id"), External(s, "rmi_cid"), External(s, "lei"),
               External(s, "duns")});
    ++report.sites;
  }));
  ISV_RETURN_IF_ERROR(sites.Close());
  report.files.push_back(sites_path);

  // Links and contracts per organisation, each file opened when its first record comes.
  auto wanted = [&](const std::string& organisation) {
    return options.organisation.empty() || organisation == options.organisation;
  };
  std::map<std::string, std::unique_ptr<CsvFile>> files;
  auto file_for = [&](const std::string& kind, const std::string& organisation,
                      const std::vector<std::string>& header) -> CsvFile& {
    const std::string path = options.out_dir + "/" + kind + "-" + FileSafe(organisation) + ".csv";
    auto& file = files[path];
    if (!file) {
      file = std::make_unique<CsvFile>(path, header);
      report.files.push_back(path);
    }
    return *file;
  };
  ISV_RETURN_IF_ERROR(store.ScanLinks([&](graph::SupplyLink&& l) {
    if (!wanted(l.organisation)) return;
    file_for("links", l.organisation, ExportLinkColumns())
        .Row({l.supplier_id, l.customer_id, l.product, Number(l.share), l.confidence, l.source});
    ++report.links;
  }));
  ISV_RETURN_IF_ERROR(store.ScanContracts([&](graph::Contract&& c) {
    if (!wanted(c.organisation)) return;
    file_for("contracts", c.organisation, ExportContractColumns())
        .Row({c.id, c.tier1_site_id, c.title, c.cpv, std::to_string(c.value_eur), c.buyer_site_id,
              c.chain_type, c.value_note});
    ++report.contracts;
  }));
  for (auto& [path, file] : files) ISV_RETURN_IF_ERROR(file->Close());
  return report;
}

}  // namespace isvgraph::api
