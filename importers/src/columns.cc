// The documented column schema of each import kind, header normalisation and templates.

#include <cctype>

#include "isvgraph/importers/record_import.h"

namespace isvgraph::importers {

const char* ImportKindName(ImportKind kind) {
  switch (kind) {
    case ImportKind::kSites:
      return "sites";
    case ImportKind::kLinks:
      return "links";
    case ImportKind::kContracts:
      return "contracts";
    case ImportKind::kOpenSupplyHub:
      return "osh";
    case ImportKind::kCmrt:
      return "cmrt";
    case ImportKind::kOcds:
      return "ocds";
    case ImportKind::kGeo:
      return "geo";
  }
  return "?";
}

Result<std::map<std::string, std::string>> ParseColumnMapping(std::string_view text) {
  std::map<std::string, std::string> mapping;
  std::string part;
  std::vector<std::string> parts;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"' && quoted && i + 1 < text.size() && text[i + 1] == '"') {
      part += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      parts.push_back(std::move(part));
      part.clear();
    } else {
      part += c;
    }
  }
  if (quoted) return Status::InvalidArgument("column mapping: a quote is not closed");
  parts.push_back(std::move(part));
  for (const std::string& item : parts) {
    const size_t equals = item.find('=');
    auto trim = [](std::string s) {
      s.erase(0, s.find_first_not_of(" \t"));
      s.erase(s.find_last_not_of(" \t") + 1);
      return s;
    };
    if (trim(item).empty()) continue;
    if (equals == std::string::npos) {
      return Status::InvalidArgument("column mapping: '" + item +
                                     "' is not column=header (e.g. name=\"Mine Name\")");
    }
    const std::string name = trim(item.substr(0, equals));
    const std::string header = trim(item.substr(equals + 1));
    if (name.empty() || header.empty()) {
      return Status::InvalidArgument("column mapping: '" + item + "' needs a column and a header");
    }
    if (!mapping.emplace(name, header).second) {
      return Status::InvalidArgument("column mapping: '" + name + "' is given twice");
    }
  }
  return mapping;
}

Result<ImportKind> ImportKindFromName(const std::string& name) {
  for (ImportKind kind :
       {ImportKind::kSites, ImportKind::kLinks, ImportKind::kContracts, ImportKind::kOpenSupplyHub,
        ImportKind::kCmrt, ImportKind::kOcds, ImportKind::kGeo}) {
    if (name == ImportKindName(kind)) return kind;
  }
  return Status::InvalidArgument("unknown import kind '" + name +
                                 "'; one of sites, links, contracts, osh, cmrt, ocds, geo");
}

std::string NormaliseHeader(const std::string& header) {
  std::string out;
  bool gap = false;
  for (unsigned char c : header) {
    if (std::isalnum(c)) {
      if (gap && !out.empty()) out += '_';
      out += static_cast<char>(std::tolower(c));
      gap = false;
    } else {
      gap = true;
    }
  }
  return out;
}

namespace {

// Columns shared by isvgraph's site lists and Open Supply Hub lists. Synonyms are normalised
// (NormaliseHeader) spellings seen in buyers' spreadsheets, OS Hub uploads and Dutch files.
std::vector<ColumnSpec> SiteColumns(bool osh) {
  return {
      {"id",
       false,
       "your id for the site; left empty, the registry's match or a new id from country and name",
       {"site_id", "facility_id", "identifier", "code"}},
      {"name",
       true,
       "company or facility name",
       {"site_name", "facility_name", "company", "company_name", "supplier_name", "naam",
        "bedrijfsnaam"}},
      {"country", true, "ISO 3166-1 alpha-2 or alpha-3 code, or the English name",
       osh ? std::vector<std::string>{"iso2", "country_code", "country_raw", "land"}
           : std::vector<std::string>{"country_code", "iso2", "iso_country", "land",
                                      "country_name"}},
      {"region", false, "ISO 3166-2 region, e.g. CN-XJ", {"province", "state", "admin1"}},
      {"sector",
       false,
       "sector id of the risk taxonomy (e.g. garment_making) or a prefix of one",
       {"industry", "sector_id", "branche"}},
      {"role",
       false,
       "buyer, supplier, manufacturer, processor, raw_material, …",
       {"facility_type", "type", "site_type"}},
      {"lat", false, "latitude, WGS 84 decimal degrees", {"latitude", "y"}},
      {"lon", false, "longitude, WGS 84 decimal degrees", {"lng", "long", "longitude", "x"}},
      {"address", false, "street address (kept for reference, not stored yet)", {"adres"}},
      {"os_id", false, "Open Supply Hub id", {"osid", "os_hub_id", "open_supply_hub_id"}},
      {"rmi_cid", false, "RMI smelter id (CID)", {"cid", "smelter_id", "smelter_identification"}},
      {"lei", false, "Legal Entity Identifier", {"lei_id", "lei_code"}},
      {"duns", false, "D-U-N-S number", {"duns_id", "duns_number"}},
  };
}

}  // namespace

const std::vector<ColumnSpec>& Columns(ImportKind kind) {
  static const std::vector<ColumnSpec> sites = SiteColumns(false);
  static const std::vector<ColumnSpec> osh = SiteColumns(true);
  static const std::vector<ColumnSpec> links = {
      {"supplier_id",
       true,
       "the supplying site's id (upstream)",
       {"supplier", "from", "from_site", "leverancier"}},
      {"customer_id",
       true,
       "the buying site's id (downstream)",
       {"customer", "to", "to_site", "buyer", "klant", "afnemer"}},
      {"product", false, "what is supplied", {"goods", "material", "item", "product_name"}},
      {"share",
       false,
       "the supplier's share of the customer's supply, 0..1 (or a percentage)",
       {"percentage", "share_pct", "aandeel"}},
      {"confidence", false, "declared, verified or assumed (default declared)", {"status"}},
      {"source", false, "document the link comes from", {"document", "bron", "reference"}},
  };
  static const std::vector<ColumnSpec> contracts = {
      {"id", true, "contract reference", {"contract_id", "contract", "reference", "kenmerk"}},
      {"tier1_site_id",
       true,
       "the contractor's site id (tier 1)",
       {"tier1", "supplier_id", "contractor", "contractor_id", "leverancier", "opdrachtnemer"}},
      {"title", false, "what the contract is for", {"name", "description", "omschrijving"}},
      {"cpv", false, "CPV 2008 code, e.g. 18100000-0", {"cpv_code", "cpv_codes"}},
      {"value_eur",
       false,
       "contract value in euro (whole euros)",
       {"value", "amount", "waarde", "contract_value"}},
      {"buyer_site_id", false, "the contracting authority as a site", {"buyer", "buyer_site"}},
      {"chain_type", false, "product group, e.g. natural_stone", {"product_group"}},
      {"value_note",
       false,
       "how the value in euro was found, e.g. converted from another currency at a rate",
       {}},
  };
  static const std::vector<ColumnSpec> none;
  switch (kind) {
    case ImportKind::kSites:
    case ImportKind::kGeo:  // attributes; lat and lon come from the geometry
      return sites;
    case ImportKind::kOpenSupplyHub:
      return osh;
    case ImportKind::kLinks:
      return links;
    case ImportKind::kContracts:
      return contracts;
    case ImportKind::kCmrt:
    case ImportKind::kOcds:
      return none;
  }
  return none;
}

namespace {

// The example row of a kind's template; empty for kinds without columns.
std::vector<std::string> ExampleRow(ImportKind kind) {
  switch (kind) {
    case ImportKind::kSites:
    case ImportKind::kGeo:
    case ImportKind::kOpenSupplyHub:
      return {"Q-001",
              "Sri Ganesh Granites",
              "IN",
              "IN-KA",
              "quarrying_stone",
              "raw_material",
              "12.9716",
              "77.5946",
              "Hosur Road, Bengaluru",
              "",
              "",
              "",
              ""};
    case ImportKind::kLinks:
      return {"Q-001", "P-001", "granite blocks", "0.6", "declared", "supplier list 2026"};
    case ImportKind::kContracts:
      return {"2026-001", "T-001", "Kerbstones for the N7", "44912400-0",
              "1250000",  "",      "natural_stone",         ""};
    case ImportKind::kCmrt:
    case ImportKind::kOcds:
      return {};
  }
  return {};
}

}  // namespace

Result<std::string> TemplateCsv(ImportKind kind) {
  const std::vector<ColumnSpec>& columns = Columns(kind);
  if (columns.empty()) {
    return Status::InvalidArgument(std::string(ImportKindName(kind)) +
                                   " files have a shape of their own; there is no template");
  }
  const std::vector<std::string> examples = ExampleRow(kind);
  std::string header, example;
  for (size_t i = 0; i < columns.size(); ++i) {
    header += (i ? "," : "") + columns[i].name;
    std::string value = i < examples.size() ? examples[i] : "";
    if (value.find(',') != std::string::npos) value = "\"" + value + "\"";
    example += (i ? "," : "") + value;
  }
  return header + "\n" + example + "\n";
}

}  // namespace isvgraph::importers
