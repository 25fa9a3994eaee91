#include "row_importer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>

#include "address_country.h"
#include "isvgraph/base/csv.h"
#include "isvgraph/base/text.h"
#include "isvgraph/base/utf8.h"
#include "isvgraph/i18n/say.h"

namespace isvgraph::importers {
namespace {

// Canonical names win over synonyms; among synonyms the listed order decides (OS Hub lists
// carry both "iso2" and "country_raw").
// The user's mapping (ImportOptions::columns) comes first: a header named there is that column,
// whatever its text.
ColumnMap MapColumns(const std::vector<ColumnSpec>& specs, const std::vector<std::string>& header,
                     const std::map<std::string, std::string>& given) {
  std::vector<std::string> normalised;
  for (const std::string& h : header) normalised.push_back(NormaliseHeader(h));
  ColumnMap map;
  std::vector<bool> claimed(header.size(), false);
  for (const ColumnSpec& spec : specs) {
    auto mapped = given.find(spec.name);
    if (mapped == given.end()) continue;
    const std::string wanted = NormaliseHeader(mapped->second);
    for (size_t i = 0; i < normalised.size(); ++i) {
      if (!claimed[i] && normalised[i] == wanted) {
        claimed[i] = true;
        map.at[spec.name] = static_cast<int>(i);
        break;
      }
    }
  }
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

// A required column the sheet does not have.
bool Lacks(const ColumnMap& map, const ColumnSpec& spec) {
  return spec.required && !map.at.count(spec.name);
}

// A point layer needs no country column: its points give the country (row_matching.cc).
bool CoordinatesStandIn(const ColumnMap& map, const ColumnSpec& spec) {
  return spec.name == "country" && map.at.count("lat") && map.at.count("lon");
}

std::string Trim(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

// A number as people write it in spreadsheets: "1250000", "1 250 000", "€ 1,250,000.50",
// "0.6", "60%". Returns false for anything else. A decimal comma ("0,6") is accepted when the
// text has no dot and exactly one comma followed by other than three digits.
bool ParseNumber(std::string_view text, double* value, bool* percent) {
  *percent = false;
  // The common case, a plain decimal ("23.8103", "-90.4125", "1250000"), read directly: the
  // general path below copies the text three times (~5 % of the reading thread on a site list).
  if (!text.empty() && text.find_first_not_of("-.0123456789") == std::string_view::npos &&
      text.find('-', 1) == std::string_view::npos && text.find('.') == text.rfind('.')) {
    const char* end = text.data() + text.size();
    const auto [used, error] = std::from_chars(text.data(), end, *value);
    if (error == std::errc() && used == end && std::isfinite(*value)) return true;
  }
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
      {"apparel", "garment_making"},
      {"garments", "garment_making"},
      {"textiles", "weaving_dyeing_finishing"},
      {"textile", "weaving_dyeing_finishing"},
      {"footwear", "leather"},
      {"electronics", "electronics_assembly"},
      {"agriculture", "other_agriculture"},
      {"mining", "other_mining"},
      {"natural_stone", "stone_processing"},
      {"gloves", "rubber_gloves"}};
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

constexpr size_t kMaxCellBytes = kMaxTextBytes;  // base/text.h: one cap everywhere

}  // namespace

std::vector<ColumnSpec> ColumnsWithRef(ImportKind kind) {
  std::vector<ColumnSpec> specs = Columns(kind);
  specs.push_back({"ref", false, "input reference for later rows of the same import", {}});
  return specs;
}

// One sheet row being turned into a record.
class RowImporter::RowReader {
 public:
  RowReader(const TableSheet& sheet, const TableRow& row, const ColumnMap& columns,
            std::vector<RejectedRow>* rejected)
      : sheet_(sheet),
        row_(row),
        columns_(columns),
        rejected_(rejected),
        start_(rejected->size()) {}

  // By name, for the rarer rows (links, contracts); site rows use columns found per sheet.
  std::string Text(const char* column) const { return Text(columns_.Find(column)); }
  std::string Required(const char* column) { return Required(columns_.Find(column)); }
  std::optional<double> Number(const char* column, double min, double max,
                               bool percent_allowed = false) {
    return Number(columns_.Find(column), min, max, percent_allowed);
  }

  std::string Text(ColumnMap::Column column) const {
    if (column.at < 0 || column.at >= static_cast<int>(row_.cells.size())) return "";
    // A cell our own CSV export neutralised ("'=…") reads back as it was stored.
    return UnneutraliseCsvCell(Trim(row_.cells[column.at]));
  }
  std::string Required(ColumnMap::Column column) {
    std::string text = Text(column);
    if (text.empty()) Reject(column.name, i18n::Say(i18n::Msg::kImportRequired));
    return text;
  }
  std::optional<double> Number(ColumnMap::Column column, double min, double max,
                               bool percent_allowed = false) {
    const std::string text = Text(column);
    if (text.empty()) return std::nullopt;
    double value = 0;
    bool percent = false;
    if (!ParseNumber(text, &value, &percent) || (percent && !percent_allowed)) {
      Reject(column.name, i18n::Say(i18n::Msg::kImportNotANumber, {{"text", text}}));
      return std::nullopt;
    }
    if (percent) value /= 100;
    if (value < min || value > max) {
      std::ostringstream low, high;
      low << min;
      high << max;
      Reject(column.name, i18n::Say(i18n::Msg::kImportOutOfRange,
                                    {{"min", low.str()}, {"max", high.str()}, {"text", text}}));
      return std::nullopt;
    }
    return value;
  }
  void Reject(const std::string& column, i18n::Text reason) {
    rejected_->push_back({sheet_.file, sheet_.name, row_.line, column, std::move(reason)});
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

struct RowImporter::SiteColumns {
  explicit SiteColumns(const ColumnMap& map)
      : id(map.Find("id")),
        name(map.Find("name")),
        country(map.Find("country")),
        region(map.Find("region")),
        role(map.Find("role")),
        lat(map.Find("lat")),
        lon(map.Find("lon")),
        sector(map.Find("sector")),
        ref(map.Find("ref")),
        address(map.Find("address")),
        external{map.Find("os_id"), map.Find("rmi_cid"), map.Find("lei"), map.Find("duns")} {}
  ColumnMap::Column id, name, country, region, role, lat, lon, sector, ref, address;
  std::array<ColumnMap::Column, 4> external;  // the schemes SiteMatcher tries, in its order
};

// A validated site row: the record, its prepared name and where it came from.
RowImporter::RowImporter(graph::ChainGraph& graph, const riskdata::KnowledgeBase& kb,
                         const ImportOptions& options, ImportReport* report)
    : graph_(graph),
      kb_(kb),
      options_(options),
      report_(*report),
      site_columns_(std::make_unique<SiteColumns>(columns_)),
      matcher_(graph.store(), graph.site_names()) {
  matching_ = std::thread([this] { MatchLoop(); });
}

RowImporter::~RowImporter() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  matching_.join();
}

bool RowImporter::Recognises(const std::vector<std::string>& header,
                             const std::vector<ColumnSpec>& specs) const {
  const ColumnMap map = MapColumns(specs, header, options_.columns);
  for (const ColumnSpec& spec : specs) {
    if (Lacks(map, spec) && !CoordinatesStandIn(map, spec)) return false;
  }
  return map.at.size() >= 2;
}

Status RowImporter::BeginSheet(const TableSheet& sheet, RecordKind kind,
                               const std::vector<ColumnSpec>& specs) {
  for (const auto& [name, header] : options_.columns) {
    const std::string& column = name;  // (Clang 14 lambdas cannot capture a structured binding)
    const bool known = std::any_of(specs.begin(), specs.end(),
                                   [&](const ColumnSpec& spec) { return spec.name == column; });
    if (!known) {
      std::string names;
      for (const ColumnSpec& spec : specs) names += (names.empty() ? "" : ", ") + spec.name;
      return Status::InvalidArgument("column mapping " + name + "=\"" + header + "\": '" + name +
                                     "' is not a column of this import; its columns are " + names);
    }
  }
  columns_ = MapColumns(specs, sheet.header, options_.columns);
  for (const auto& [name, header] : options_.columns) {
    if (!columns_.at.count(name)) {
      std::string seen;
      for (const std::string& h : sheet.header) seen += " '" + h + "'";
      return Status::InvalidArgument(sheet.file + (sheet.name.empty() ? "" : ":" + sheet.name) +
                                     ": column mapping " + name + "=\"" + header +
                                     "\": no such header; the header has" + seen);
    }
  }
  site_columns_ = std::make_unique<SiteColumns>(columns_);
  kind_ = kind;
  const std::string where = sheet.file + (sheet.name.empty() ? "" : ":" + sheet.name);
  const char* what = kind == RecordKind::kSite   ? "sites"
                     : kind == RecordKind::kLink ? "links"
                                                 : "contracts";
  skip_sheet_ = columns_.at.empty();
  if (skip_sheet_) {
    report_.warnings.push_back(
        i18n::Say(i18n::Msg::kImportNoColumns, {{"where", where}, {"what", what}}));
    return Status::Ok();
  }
  std::vector<std::string> missing;
  for (const ColumnSpec& spec : specs) {
    if (!Lacks(columns_, spec)) continue;
    if (CoordinatesStandIn(columns_, spec)) {
      report_.warnings.push_back(
          i18n::Say(i18n::Msg::kImportCountryFromCoordinates, {{"where", where}}));
      continue;
    }
    missing.push_back(spec.name);
  }
  if (!missing.empty()) {
    std::string message = where + ": missing required column(s)";
    for (const std::string& m : missing) message += " '" + m + "'";
    message += "; the header has";
    for (const std::string& h : sheet.header) message += " '" + h + "'";
    return Status::InvalidArgument(message + " (see `isvgraph import template " + what + "`)");
  }
  for (const std::string& header : columns_.unused) {
    report_.warnings.push_back(
        i18n::Say(i18n::Msg::kImportColumnUnused, {{"where", where}, {"header", header}}));
  }
  if (!sheet.encoding.empty()) {
    report_.warnings.push_back(
        i18n::Say(i18n::Msg::kImportReadAs, {{"where", where}, {"encoding", sheet.encoding}}));
  }
  source_ = sheet.file;
  where_ = std::make_shared<const std::pair<std::string, std::string>>(sheet.file, sheet.name);
  // Links and contracts may name sites of earlier sheets: those must be matched first.
  if (kind != RecordKind::kSite) Send(/*wait_until_matched=*/true);
  if (kind == RecordKind::kSite && options_.locate && options_.locate_soon &&
      columns_.at.count("lat") && columns_.at.count("lon")) {
    options_.locate_soon();
  }
  return Status::Ok();
}

void RowImporter::Reserve(size_t rows) {
  if (kind_ == RecordKind::kSite) {
    Send(/*wait_until_matched=*/true);  // the matching thread fills these
    batch_.ReserveSites(rows);
    report_.matches.reserve(report_.matches.size() + rows);
    matcher_.Reserve(rows);
    seen_ids_.reserve(seen_ids_.size() + rows);
  }
}

void RowImporter::Row(const TableSheet& sheet, const TableRow& row) {
  if (skip_sheet_) return;
  RowReader read(sheet, row, columns_, &report_.rejected);
  // Text that is not UTF-8 (a CSV saved as Latin-1 or Windows-1252) would be stored garbled,
  // and a cell of megabytes is no name or id: the row is refused, naming the column.
  for (const auto& [column, at] : columns_.at) {
    if (at >= static_cast<int>(row.cells.size())) continue;
    const std::string& cell = row.cells[at];
    if (cell.size() > kMaxCellBytes) {
      read.Reject(column, i18n::Say(i18n::Msg::kImportCellTooLong,
                                    {{"bytes", std::to_string(cell.size())},
                                     {"limit", std::to_string(kMaxCellBytes)}}));
    } else if (!IsUtf8(cell)) {
      read.Reject(column, i18n::Say(i18n::Msg::kImportCellNotUtf8));
    }
  }
  if (!read.ok()) return;
  switch (kind_) {
    case RecordKind::kSite:
      return SiteRow(read, sheet);
    case RecordKind::kLink:
      return LinkRow(read);
    case RecordKind::kContract:
      return ContractRow(read);
  }
}

std::string RowImporter::Country(RowReader& read, ColumnMap::Column column,
                                 ColumnMap::Column address) {
  // No country is an unknown one (a value, scored as missing data), unless the address names
  // it; coordinates may still give it when the row is located (row_matching.cc).
  const std::string text = read.Text(column);
  if (text.empty()) {
    const std::string where = read.Text(address);
    if (where.empty()) return "";
    std::string country = CountryOfAddress(kb_, where);
    if (!country.empty()) ++report_.countries_from_addresses;
    return country;
  }
  auto it = countries_.find(text);
  if (it == countries_.end()) {
    auto country = kb_.FindCountry(text);
    it = countries_.emplace(text, country ? country->iso2 : std::string()).first;
  }
  if (it->second.empty())
    read.Reject("country", i18n::Say(i18n::Msg::kImportCountryUnknown, {{"text", text}}));
  return it->second;
}

std::string RowImporter::Sector(const std::string& text) {
  if (text.empty()) return "";
  auto it = sectors_.find(text);
  if (it != sectors_.end()) return it->second;
  std::string sector = ResolveSector(kb_, text);
  if (sector.empty()) {
    sector = NormaliseHeader(text);
    if (unknown_sectors_.insert(sector).second) {
      report_.warnings.push_back(i18n::Say(i18n::Msg::kImportSectorUnknown, {{"sector", text}}));
    }
  }
  return sectors_.emplace(text, sector).first->second;
}

void RowImporter::SiteRow(RowReader& read, const TableSheet&) {
  const SiteColumns& columns = *site_columns_;
  graph::Site site{.id = read.Text(columns.id), .name = read.Required(columns.name)};
  site.country = Country(read, columns.country, columns.address);
  site.region = read.Text(columns.region);
  site.role = read.Text(columns.role);
  site.lat = read.Number(columns.lat, -90, 90);
  site.lon = read.Number(columns.lon, -180, 180);
  if (site.lat.has_value() != site.lon.has_value() && read.ok()) {
    read.Reject(site.lat ? "lon" : "lat", i18n::Say(i18n::Msg::kImportLatLonTogether));
  }
  site.sector = Sector(read.Text(columns.sector));
  for (const ColumnMap::Column& scheme : columns.external) {
    if (std::string value = read.Text(scheme); !value.empty()) {
      site.external_ids[scheme.name] = std::move(value);
    }
  }
  if (!site.id.empty()) {
    auto [seen, added] = seen_ids_.try_emplace(site.id, read.line());
    if (!added) {
      read.Reject("id",
                  i18n::Say(i18n::Msg::kImportDuplicateId, {{"line", std::to_string(*seen)}}));
    }
  }
  if (!read.ok()) return;
  ++report_.accepted;
  // Once the boundaries are loaded this thread locates rows, taking work off the matching
  // thread. It cannot know how many conflicts the rows the matching thread located had, so
  // its own count (never more than the true one) decides whether to write the sentence: a
  // flag within the report's limit always has its text.
  std::optional<SiteLocating> located;
  if (options_.locate && site.lat && site.lon && options_.locate_ready && options_.locate_ready()) {
    located = options_.locate(site, conflicts_seen_ < ImportReport::kMaxLocationFlags);
    if (located->disagrees) ++conflicts_seen_;
  }
  Pending pending{.located = std::move(located),
                  .candidate = matcher_.Prepare(site.name),
                  .ref = read.Text(columns.ref),
                  .line = read.line(),
                  .where = where_};
  pending.site = std::move(site);
  outgoing_.push_back(std::move(pending));
  if (outgoing_.size() == 1024) Send(/*wait_until_matched=*/false);
}

void RowImporter::ResolveEnd(RowReader& read, const char* column, std::string* id) {
  if (id->empty()) return;
  if (std::string resolved = ResolveSite(*id); !resolved.empty()) {
    *id = resolved;
  } else {
    read.Reject(column, i18n::Say(i18n::Msg::kImportNoSuchSite, {{"id", *id}}));
  }
}

void RowImporter::LinkRow(RowReader& read) {
  graph::SupplyLink link{.organisation = options_.organisation,
                         .supplier_id = read.Required("supplier_id"),
                         .customer_id = read.Required("customer_id"),
                         .product = read.Text("product")};
  ResolveEnd(read, "supplier_id", &link.supplier_id);
  ResolveEnd(read, "customer_id", &link.customer_id);
  if (!link.supplier_id.empty() && link.supplier_id == link.customer_id) {
    read.Reject("supplier_id", i18n::Say(i18n::Msg::kImportSuppliesItself));
  }
  link.share = read.Number("share", 0, 1, /*percent_allowed=*/true).value_or(0);
  if (std::string confidence = read.Text("confidence"); !confidence.empty()) {
    link.confidence = NormaliseHeader(confidence);
    if (!graph::kLinkConfidences.FromName(link.confidence)) {
      read.Reject("confidence",
                  i18n::Say(i18n::Msg::kImportConfidence,
                            {{"choices", i18n::Text{graph::kLinkConfidences.Alternatives(),
                                                    graph::kLinkConfidences.Alternatives(" of ")}},
                             {"text", confidence}}));
    }
  }
  link.source = read.Text("source");
  if (link.source.empty()) link.source = source_;
  if (!read.ok()) return;
  ++report_.accepted;
  ++report_.links;
  batch_.PutLink(link);
}

void RowImporter::ContractRow(RowReader& read) {
  graph::Contract contract{.id = read.Required("id"),
                           .organisation = options_.organisation,
                           .buyer_site_id = read.Text("buyer_site_id"),
                           .tier1_site_id = read.Required("tier1_site_id"),
                           .title = read.Text("title"),
                           .chain_type = read.Text("chain_type")};
  ResolveEnd(read, "tier1_site_id", &contract.tier1_site_id);
  ResolveEnd(read, "buyer_site_id", &contract.buyer_site_id);
  if (std::string cpv = read.Text("cpv"); !cpv.empty()) {
    auto resolved = kb_.ResolveCpv(cpv);
    if (resolved) {
      contract.cpv = resolved->entry.code;
    } else {
      read.Reject("cpv", i18n::MessageOf(resolved.error()));
    }
  }
  contract.value_eur =
      static_cast<int64_t>(std::llround(read.Number("value_eur", 0, 1e15).value_or(0)));
  contract.value_note = read.Text("value_note");
  if (!contract.id.empty()) {
    auto [seen, added] = seen_ids_.try_emplace("contract\n" + contract.id, read.line());
    if (!added) {
      read.Reject("id",
                  i18n::Say(i18n::Msg::kImportDuplicateId, {{"line", std::to_string(*seen)}}));
    }
  }
  if (!read.ok()) return;
  ++report_.accepted;
  ++report_.contracts;
  batch_.PutContract(std::move(contract));
}

void RowImporter::Unknown(UnknownSupplier unknown) {
  report_.unknowns.push_back(std::move(unknown));
}

graph::WriteBatch RowImporter::Finish() {
  Send(/*wait_until_matched=*/true);
  {
    std::lock_guard lock(mutex_);
    if (failure_) std::rethrow_exception(failure_);
  }
  // Unknowns named their sites by input reference: say which sites those became.
  for (UnknownSupplier& unknown : report_.unknowns) {
    for (std::string* id : {&unknown.site_id, &unknown.customer_id}) {
      if (!id->empty()) *id = ResolveSite(*id);
    }
  }
  return std::move(batch_);
}

}  // namespace isvgraph::importers
