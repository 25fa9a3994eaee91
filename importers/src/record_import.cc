#include "isvgraph/importers/record_import.h"

#include <chrono>
#include <cmath>
#include <set>
#include <sstream>
#include <unordered_map>

#include "isvgraph/importers/table_file.h"
#include "site_matcher.h"

namespace isvgraph::importers {
namespace {

// Where each canonical column of a kind is in one sheet.
struct ColumnMap {
  std::unordered_map<std::string, int> at;  // canonical name → cell index
  std::vector<std::string> unused;          // headers no column claimed
};

// Canonical names win over synonyms; among synonyms the listed order decides (OS Hub lists
// carry both "iso2" and "country_raw").
ColumnMap MapColumns(const std::vector<ColumnSpec>& specs, const std::vector<std::string>& header) {
  std::vector<std::string> normalised;
  for (const std::string& h : header) normalised.push_back(NormaliseHeader(h));
  ColumnMap map;
  std::vector<bool> claimed(header.size(), false);
  auto claim = [&](const ColumnSpec& spec, const std::string& name) {
    for (size_t i = 0; i < normalised.size(); ++i) {
      if (!claimed[i] && normalised[i] == name) {
        claimed[i] = true;
        map.at[spec.name] = static_cast<int>(i);
        return true;
      }
    }
    return false;
  };
  for (const ColumnSpec& spec : specs) claim(spec, spec.name);
  for (const ColumnSpec& spec : specs) {
    if (map.at.count(spec.name)) continue;
    for (const std::string& synonym : spec.synonyms) {
      if (claim(spec, synonym)) break;
    }
  }
  for (size_t i = 0; i < header.size(); ++i) {
    if (!claimed[i]) map.unused.push_back(header[i]);
  }
  return map;
}

std::string Trim(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

// A number as people write it in spreadsheets: "1250000", "1 250 000", "€ 1,250,000.50",
// "0.6", "60%". Returns false for anything else. A decimal comma ("0,6") is accepted when the
// text has no dot and exactly one comma followed by other than three digits.
bool ParseNumber(std::string text, double* value, bool* percent) {
  *percent = false;
  std::string clean;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t') continue;
    if (text.compare(i, 3, "\xe2\x82\xac") == 0) {  // €
      i += 2;
      continue;
    }
    clean += static_cast<char>(c);
  }
  if (!clean.empty() && clean.back() == '%') {
    *percent = true;
    clean.pop_back();
  }
  // Separators: with both '.' and ',', the last one is the decimal mark ("1.250.000,50" and
  // "1,250,000.50"); several of one kind are thousands separators; a single ',' is a decimal
  // mark unless exactly three digits follow it ("0,6" but "1,250").
  const size_t last_dot = clean.rfind('.'), last_comma = clean.rfind(',');
  const bool dots = last_dot != std::string::npos, commas = last_comma != std::string::npos;
  char decimal = '.';
  if (dots && commas) {
    decimal = last_dot > last_comma ? '.' : ',';
  } else if (commas) {
    decimal = clean.find(',') == last_comma && clean.size() - last_comma - 1 != 3 ? ',' : 'x';
  } else if (dots && clean.find('.') != last_dot) {
    decimal = 'x';  // "1.250.000"
  }
  std::string number;
  for (char c : clean) {
    if (c == decimal) {
      number += '.';
    } else if (c != '.' && c != ',') {
      number += c;
    }
  }
  clean = number;
  if (clean.empty()) return false;
  try {
    size_t used = 0;
    *value = std::stod(clean, &used);
    return used == clean.size() && std::isfinite(*value);
  } catch (const std::exception&) {
    return false;
  }
}

// Sector text → a sector id of the taxonomy: the id itself, a unique prefix of one, or a common
// list label. "" when none fits.
std::string ResolveSector(const riskdata::KnowledgeBase& kb, const std::string& text) {
  // Lists join several sectors with '|' (Open Supply Hub): the first one the taxonomy knows.
  if (text.find('|') != std::string::npos) {
    std::istringstream parts(text);
    for (std::string part; std::getline(parts, part, '|');) {
      if (std::string id = ResolveSector(kb, part); !id.empty()) return id;
    }
    return "";
  }
  const std::string key = NormaliseHeader(text);
  if (key.empty()) return "";
  if (kb.FindSector(key)) return key;
  static const std::map<std::string, std::string> kLabels = {
      {"apparel", "garment_making"},          {"garments", "garment_making"},
      {"textiles", "weaving_dyeing_finishing"}, {"textile", "weaving_dyeing_finishing"},
      {"footwear", "leather"},                {"electronics", "electronics_assembly"},
      {"agriculture", "other_agriculture"},   {"mining", "other_mining"},
      {"natural_stone", "stone_processing"},  {"gloves", "rubber_gloves"}};
  if (auto it = kLabels.find(key); it != kLabels.end()) return it->second;
  std::string found;
  for (const riskdata::Sector& sector : kb.sectors()) {
    if (sector.id.rfind(key, 0) == 0) {
      if (!found.empty()) return "";  // ambiguous
      found = sector.id;
    }
  }
  return found;
}

// One sheet row being turned into a record.
class RowReader {
 public:
  RowReader(const TableSheet& sheet, const TableRow& row, const ColumnMap& columns,
            std::vector<RejectedRow>* rejected)
      : sheet_(sheet), row_(row), columns_(columns), rejected_(rejected),
        start_(rejected->size()) {}

  std::string Text(const std::string& column) const {
    auto it = columns_.at.find(column);
    if (it == columns_.at.end() || it->second >= static_cast<int>(row_.cells.size())) return "";
    return Trim(row_.cells[it->second]);
  }
  std::string Required(const std::string& column) {
    std::string text = Text(column);
    if (text.empty()) Reject(column, "is required");
    return text;
  }
  std::optional<double> Number(const std::string& column, double min, double max,
                               bool percent_allowed = false) {
    const std::string text = Text(column);
    if (text.empty()) return std::nullopt;
    double value = 0;
    bool percent = false;
    if (!ParseNumber(text, &value, &percent) || (percent && !percent_allowed)) {
      Reject(column, "'" + text + "' is not a number");
      return std::nullopt;
    }
    if (percent) value /= 100;
    if (value < min || value > max) {
      std::ostringstream range;
      range << "must be between " << min << " and " << max << "; got '" << text << "'";
      Reject(column, range.str());
      return std::nullopt;
    }
    return value;
  }
  void Reject(const std::string& column, const std::string& reason) {
    rejected_->push_back({sheet_.file, sheet_.name, row_.line, column, reason});
  }
  bool ok() const { return rejected_->size() == start_; }
  int line() const { return row_.line; }

 private:
  const TableSheet& sheet_;
  const TableRow& row_;
  const ColumnMap& columns_;
  std::vector<RejectedRow>* rejected_;
  size_t start_;
};

// Builds and checks records row by row, then writes them as one batch.
class Importer {
 public:
  Importer(graph::ChainGraph& graph, const riskdata::KnowledgeBase& kb,
           const ImportOptions& options, ImportReport* report)
      : graph_(graph), kb_(kb), options_(options), report_(*report),
        matcher_(graph.store()) {}

  void Row(const TableSheet& sheet, const TableRow& row, const ColumnMap& columns) {
    RowReader read(sheet, row, columns, &report_.rejected);
    switch (options_.kind) {
      case ImportKind::kSites:
      case ImportKind::kOpenSupplyHub:
        return SiteRow(read, sheet);
      case ImportKind::kLinks:
        return LinkRow(read);
      case ImportKind::kContracts:
        return ContractRow(read);
    }
  }

  graph::WriteBatch TakeBatch() { return std::move(batch_); }
  // The file links without a source column are attributed to.
  void SetSource(std::string source) { source_ = std::move(source); }

 private:
  // Country text → alpha-2; "" after a rejection.
  std::string Country(RowReader& read) {
    const std::string text = read.Required("country");
    if (text.empty()) return "";
    auto it = countries_.find(text);
    if (it == countries_.end()) {
      auto country = kb_.FindCountry(text);
      it = countries_.emplace(text, country ? country->iso2 : std::string()).first;
    }
    if (it->second.empty()) read.Reject("country", "'" + text + "' is not a known country");
    return it->second;
  }

  void SiteRow(RowReader& read, const TableSheet& sheet) {
    graph::Site site{.id = read.Text("id"), .name = read.Required("name")};
    site.country = Country(read);
    site.region = read.Text("region");
    site.role = read.Text("role");
    site.lat = read.Number("lat", -90, 90);
    site.lon = read.Number("lon", -180, 180);
    if (site.lat.has_value() != site.lon.has_value() && read.ok()) {
      read.Reject(site.lat ? "lon" : "lat", "latitude and longitude come together");
    }
    const std::string sector_text = read.Text("sector");
    site.sector = ResolveSector(kb_, sector_text);
    if (!sector_text.empty() && site.sector.empty()) {
      site.sector = NormaliseHeader(sector_text);
      if (unknown_sectors_.insert(site.sector).second) {
        report_.warnings.push_back("sector '" + sector_text +
                                   "' is not in the risk taxonomy; its sites are scored by "
                                   "country alone");
      }
    }
    for (const char* scheme : {"os_id", "rmi_cid", "lei", "duns"}) {
      if (std::string value = read.Text(scheme); !value.empty()) site.external_ids[scheme] = value;
    }
    if (!site.id.empty() && seen_ids_.count(site.id)) {
      read.Reject("id", "the same id as line " + std::to_string(seen_ids_[site.id]));
    }
    if (!read.ok()) return;
    ++report_.accepted;
    SiteMatcher::Match match = matcher_.Find(site);
    SiteMatch out{.file = sheet.file, .sheet = sheet.name, .line = read.line(),
                  .input_name = site.name};
    if (!match.site_id.empty() && match.rule != "id") {
      // The registry already has it: the row adds nothing but its identity.
      out.site_id = match.site_id;
      out.rule = match.rule;
      out.score = match.score;
      ++report_.matched;
    } else {
      if (site.id.empty()) site.id = matcher_.NewId(site);
      out.site_id = site.id;
      out.created = match.site_id.empty();
      out.rule = match.site_id.empty() ? "new" : "id";
      out.score = match.site_id.empty() ? 0 : 1;
      if (out.created) ++report_.created; else ++report_.matched;
      seen_ids_[site.id] = read.line();
      matcher_.Remember(site);
      batch_.PutSite(std::move(site));
    }
    report_.matches.push_back(std::move(out));
  }

  bool SiteKnown(const std::string& id) {
    auto it = known_sites_.find(id);
    if (it == known_sites_.end()) {
      it = known_sites_.emplace(id, graph_.store().GetSite(id).has_value()).first;
    }
    return it->second;
  }

  void LinkRow(RowReader& read) {
    graph::SupplyLink link{.organisation = options_.organisation,
                           .supplier_id = read.Required("supplier_id"),
                           .customer_id = read.Required("customer_id"),
                           .product = read.Text("product")};
    for (const char* column : {"supplier_id", "customer_id"}) {
      const std::string& id = column[0] == 's' ? link.supplier_id : link.customer_id;
      if (!id.empty() && !SiteKnown(id)) {
        read.Reject(column, "'" + id + "' is not a site of the registry; import it first");
      }
    }
    link.share = read.Number("share", 0, 1, /*percent_allowed=*/true).value_or(0);
    if (std::string confidence = read.Text("confidence"); !confidence.empty()) {
      link.confidence = NormaliseHeader(confidence);
      if (link.confidence != "declared" && link.confidence != "verified" &&
          link.confidence != "assumed") {
        read.Reject("confidence", "must be declared, verified or assumed; got '" + confidence +
                                      "'");
      }
    }
    link.source = read.Text("source");
    if (link.source.empty()) link.source = source_;
    if (!read.ok()) return;
    ++report_.accepted;
    ++report_.created;
    batch_.PutLink(link);
  }

  void ContractRow(RowReader& read) {
    graph::Contract contract{.id = read.Required("id"),
                             .organisation = options_.organisation,
                             .buyer_site_id = read.Text("buyer_site_id"),
                             .tier1_site_id = read.Required("tier1_site_id"),
                             .title = read.Text("title"),
                             .chain_type = read.Text("chain_type")};
    for (const char* column : {"tier1_site_id", "buyer_site_id"}) {
      const std::string& id = column[0] == 't' ? contract.tier1_site_id : contract.buyer_site_id;
      if (!id.empty() && !SiteKnown(id)) {
        read.Reject(column, "'" + id + "' is not a site of the registry; import it first");
      }
    }
    if (std::string cpv = read.Text("cpv"); !cpv.empty()) {
      auto resolved = kb_.ResolveCpv(cpv);
      if (resolved) {
        contract.cpv = resolved->entry.code;
      } else {
        read.Reject("cpv", resolved.error().message());
      }
    }
    contract.value_eur = static_cast<int64_t>(
        std::llround(read.Number("value_eur", 0, 1e15).value_or(0)));
    if (!contract.id.empty() && seen_ids_.count(contract.id)) {
      read.Reject("id", "the same id as line " + std::to_string(seen_ids_[contract.id]));
    }
    if (!read.ok()) return;
    seen_ids_[contract.id] = read.line();
    ++report_.accepted;
    ++report_.created;
    batch_.PutContract(std::move(contract));
  }

 private:
  graph::ChainGraph& graph_;
  const riskdata::KnowledgeBase& kb_;
  const ImportOptions& options_;
  ImportReport& report_;
  SiteMatcher matcher_;
  graph::WriteBatch batch_;
  std::string source_;
  std::unordered_map<std::string, std::string> countries_;
  std::unordered_map<std::string, bool> known_sites_;
  std::unordered_map<std::string, int> seen_ids_;
  std::set<std::string> unknown_sectors_;
};

}  // namespace

Result<ImportReport> ImportFiles(graph::ChainGraph& graph, const riskdata::KnowledgeBase& kb,
                                 const std::vector<std::string>& files,
                                 const ImportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const bool owned = options.kind == ImportKind::kLinks || options.kind == ImportKind::kContracts;
  if (owned && (options.organisation.empty() ||
                options.organisation == graph::kPublicOrganisation)) {
    return Status::InvalidArgument(std::string("importing ") + ImportKindName(options.kind) +
                                   " needs the organisation that owns them");
  }
  if (files.empty()) return Status::InvalidArgument("no files to import");
  ImportReport report{.kind = options.kind, .files = files};
  const std::vector<ColumnSpec>& specs = Columns(options.kind);

  // Read everything first: a file that cannot be read fails the import before any work.
  std::vector<TableSheet> sheets;
  for (const std::string& file : files) {
    auto read = ReadTableFile(file);
    if (!read) return read.error();
    for (TableSheet& sheet : *read) sheets.push_back(std::move(sheet));
  }
  size_t total = 0;
  for (const TableSheet& sheet : sheets) total += sheet.rows.size();

  Importer importer(graph, kb, options, &report);
  size_t done = 0;
  for (const TableSheet& sheet : sheets) {
    const ColumnMap columns = MapColumns(specs, sheet.header);
    const std::string where = sheet.file + (sheet.name.empty() ? "" : ":" + sheet.name);
    if (columns.at.empty()) {
      report.warnings.push_back(where + ": no " + ImportKindName(options.kind) +
                                " columns; sheet skipped");
      continue;
    }
    std::vector<std::string> missing;
    for (const ColumnSpec& spec : specs) {
      if (spec.required && !columns.at.count(spec.name)) missing.push_back(spec.name);
    }
    if (!missing.empty()) {
      std::string message = where + ": missing required column(s)";
      for (const std::string& m : missing) message += " '" + m + "'";
      message += "; the header has";
      for (const std::string& h : sheet.header) message += " '" + h + "'";
      return Status::InvalidArgument(message + " (see `isvgraph import template " +
                                     ImportKindName(options.kind) + "`)");
    }
    for (const std::string& header : columns.unused) {
      report.warnings.push_back(where + ": column '" + header + "' is not used");
    }
    importer.SetSource(sheet.file);
    for (const TableRow& row : sheet.rows) {
      importer.Row(sheet, row, columns);
      ++report.rows;
      if (options.progress && (++done % 4096 == 0 || done == total)) {
        options.progress(done, total);
      }
    }
  }

  graph::WriteBatch batch = importer.TakeBatch();
  if (owned && !graph.store().GetOrganisation(options.organisation)) {
    batch.PutOrganisation({.id = options.organisation, .name = options.organisation});
  }
  const size_t records = batch.size();
  if (options.dry_run) {
    report.outcome = "dry run: nothing was written (" + std::to_string(records) +
                     " record(s) would be)";
  } else if (!report.rejected.empty() && !options.accept_partial) {
    report.outcome = "nothing was written: " + std::to_string(report.rejected.size()) +
                     " problem(s); fix them or import with --accept-partial";
  } else if (records == 0) {
    report.outcome = "nothing to write";
  } else {
    ISV_RETURN_IF_ERROR(graph.Apply(std::move(batch)));
    report.written = true;
    report.outcome = "written: " + std::to_string(records) + " record(s) in one batch";
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

std::string ImportReportText(const ImportReport& report) {
  std::ostringstream out;
  out << ImportKindName(report.kind) << " import: " << report.rows << " row(s), "
      << report.accepted << " accepted, " << report.created
      << (report.kind == ImportKind::kSites || report.kind == ImportKind::kOpenSupplyHub
              ? " new site(s), "
              : " record(s), ")
      << report.matched << " matched, " << report.rejected.size() << " problem(s)\n";
  for (const SiteMatch& m : report.matches) {
    if (m.created) continue;
    out << "  matched " << m.file << ":" << m.line << " '" << m.input_name << "' -> " << m.site_id
        << " by " << m.rule << " (score " << m.score << ")\n";
  }
  for (const RejectedRow& r : report.rejected) {
    out << "  rejected " << r.file << (r.sheet.empty() ? "" : ":" + r.sheet) << ":" << r.line
        << ": " << (r.column.empty() ? "" : r.column + ": ") << r.reason << "\n";
  }
  for (const std::string& w : report.warnings) out << "  warning: " << w << "\n";
  out << report.outcome << "\n";
  return out.str();
}

}  // namespace isvgraph::importers
