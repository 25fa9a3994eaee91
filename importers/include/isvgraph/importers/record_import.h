#pragma once

// Imports of the files users already have: isvgraph's own lists (sites, links, contracts) and
// Open Supply Hub facility lists from CSV, XLSX or ODS; point layers of sites from GeoJSON or
// GeoPackage; RMI CMRT workbooks (smelters upstream of the declaring company); OCDS releases,
// records and packages (buyer, contracts, awarded suppliers). Headers are matched tolerantly (case,
// spacing, punctuation and common synonyms: "Facility Name", "Land", "lng"); countries may be ISO
// alpha-2, alpha-3 or English names. Every row is validated; sites are matched against the registry
// (external id, then id, then normalised name + country, with coordinates when both sides have
// them). One import is one atomic write: with any rejected row nothing is written unless partial
// imports are accepted.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "isvgraph/base/result.h"
#include "isvgraph/graph/chain_graph.h"
#include "isvgraph/i18n/language.h"
#include "isvgraph/i18n/text.h"
#include "isvgraph/riskdata/knowledge_base.h"

namespace isvgraph::importers {

enum class ImportKind { kSites, kLinks, kContracts, kOpenSupplyHub, kCmrt, kOcds, kGeo };

// "sites", "links", "contracts", "osh", "cmrt", "ocds", "geo" ↔ kind.
const char* ImportKindName(ImportKind kind);
Result<ImportKind> ImportKindFromName(const std::string& name);

// A column mapping as users write it: name=Mine Name,country="Country / Area" (a value with a
// comma or an equals sign in double quotes, a quote inside doubled). Column name → header.
// InvalidArgument, saying where, for a part without "=" or a name given twice.
Result<std::map<std::string, std::string>> ParseColumnMapping(std::string_view text);

// The documented columns of a kind, in template order, with what each holds.
struct ColumnSpec {
  std::string name;  // canonical header
  bool required = false;
  std::string description;            // for templates and docs
  std::vector<std::string> synonyms;  // normalised header spellings also accepted
};
// Empty for cmrt and ocds, whose files have a fixed shape of their own.
const std::vector<ColumnSpec>& Columns(ImportKind kind);

// A template users fill in: the header and one example row, as CSV text. InvalidArgument for
// kinds without columns (cmrt, ocds).
Result<std::string> TemplateCsv(ImportKind kind);
// The same template as an XLSX workbook at `path`: a "Template" sheet and a "Columns" sheet
// describing each column.
Status WriteTemplateXlsx(ImportKind kind, const std::string& path);

// What locating one site row found.
struct SiteLocating {
  bool country_from_coordinates = false;  // the country was unknown and now comes from lat/lon
  bool region_from_coordinates = false;   // the region was empty and now comes from lat/lon
  bool disagrees = false;                 // the coordinates contradict the declared country
  i18n::Text disagreement;                // why, when asked to explain; else empty
};

struct ImportOptions {
  ImportKind kind = ImportKind::kSites;
  // Owner of links and contracts; required for links, contracts and cmrt. For ocds, empty means
  // the documents' buyer.
  std::string organisation;
  // cmrt: the registry site that declared (the supplier who sent the workbook). Empty: the
  // Declaration's company, matched or created by name and the country in its address.
  std::string declaring_site;
  // Who imports, for the journal. Default: the organisation, no token, "import of <files>".
  graph::Author author;
  // Which header is which column, where the file's own names are not recognised: column name
  // (as `isvgraph import template` lists them) → header text (case, spaces and punctuation
  // aside). A name that is not a column of the kind, or a header the sheet lacks, is an error.
  std::map<std::string, std::string> columns;
  bool dry_run = false;         // report only; write nothing
  bool accept_partial = false;  // write the good rows even when some are rejected
  // Called every few thousand rows: (rows done, rows in total).
  std::function<void(size_t done, size_t total)> progress;
  // Called for every site row with coordinates, before it is matched (on the matching thread,
  // in row order). The api composes locating here, since importers never call maps: it may
  // fill the site's unknown country and its region from its coordinates, and tells where they
  // contradict the country (or look swapped).
  // `explain` is false once the report holds its last location flag: a conflict is then only
  // counted, and its sentence need not be written.
  std::function<SiteLocating(graph::Site& site, bool explain)> locate;
  // Called once, on the reading thread, when a sheet has coordinate columns: what `locate`
  // needs (the boundaries) can then load while rows are read, rather than stop the matching
  // thread at the first row. Optional.
  std::function<void()> locate_soon;
  // True once `locate` has what it needs and will not wait: from then on the reading thread
  // locates the rows itself, since the matching thread is the busier of the two. Optional:
  // without it the matching thread locates every row.
  std::function<bool()> locate_ready;
};

// A site row whose coordinates lie in another country than the row declares (farther from it
// than the boundaries' tolerance): imported as given, and reported to be checked.
struct LocationFlag {
  std::string file, sheet;
  int line = 0;
  std::string input_name;
  i18n::Text text;
};

struct RejectedRow {
  std::string file, sheet;
  int line = 0;
  std::string column;  // the canonical column, "" for the row as a whole
  i18n::Text reason;
};

// How an input site row was resolved.
struct SiteMatch {
  std::string file, sheet;
  int line = 0;
  std::string input_name;
  std::string site_id;  // the registry site matched, or the new site's id
  bool created = false;
  std::string rule;  // "os_id", "rmi_cid", "lei", "duns", "id", "name+country", "similar
                     // name+country", "new"
  double score = 0;  // 1 for identifiers, below for names
};

// A supplier a file says exists but does not identify (CMRT "smelter not listed" or "smelter
// not yet identified"): no data is not no risk, so these are reported, never dropped.
struct UnknownSupplier {
  std::string file, sheet;
  int line = 0;
  std::string customer_id;  // whose supplier it is
  std::string product;      // e.g. "tin"
  std::string country;      // alpha-2 when the row gave one, else ""
  std::string site_id;      // the placeholder site created for it ("" without a country)
  i18n::Text reason;
};

// A row that matched a registry site but says something else about it (another sector, a
// region…). The import never writes such a change itself, and never drops it silently: the
// report lists it, and the caller (api::Service::Import) makes it a change of the importing
// organisation — written, or a proposal when other organisations' chains use the site.
struct SiteDifference {
  std::string file, sheet;
  int line = 0;
  std::string site_id;
  std::vector<graph::FieldChange> fields;  // registry value → the row's
  graph::Site merged;                      // the registry site with the row's values
  i18n::Text outcome;  // filled by the caller: "written", "proposal 3 waits for umc-north", …
};

struct ImportReport {
  ImportKind kind = ImportKind::kSites;
  std::vector<std::string> files;
  size_t rows = 0;       // data rows read; for cmrt and ocds the records they yield (a smelter
                         // row gives a site and a link), so that accepted <= rows always
  size_t accepted = 0;   // valid rows
  size_t created = 0;    // new sites
  size_t matched = 0;    // site rows matched to existing sites
  size_t links = 0;      // accepted link rows
  size_t contracts = 0;  // accepted contract rows
  std::vector<RejectedRow> rejected;
  std::vector<SiteMatch> matches;  // every accepted site row
  std::vector<SiteDifference> differences;
  std::vector<UnknownSupplier> unknowns;
  // Countries the coordinates contradict: the first kMaxLocationFlags listed, all counted.
  static constexpr size_t kMaxLocationFlags = 1000;
  std::vector<LocationFlag> location_flags;
  size_t location_conflicts = 0;
  size_t regions_from_coordinates = 0;    // site rows whose region came from lat/lon
  size_t countries_from_coordinates = 0;  // site rows whose country came from lat/lon
  size_t countries_from_addresses = 0;    // site rows whose country came from the address
  // Site rows imported with an unknown country (scored as missing data): the first
  // kMaxLocationFlags listed, all counted.
  std::vector<LocationFlag> unknown_countries;
  size_t unknown_country_rows = 0;
  std::vector<i18n::Text> warnings;  // e.g. a sector the risk taxonomy does not know
  bool written = false;              // the write happened
  i18n::Text outcome;                // one sentence: written, dry run, or why nothing was
  double seconds = 0;
};

// Reads the files, validates and matches every row, and writes the result to `graph` as one
// batch (unless a dry run, or rows were rejected without accept_partial). The report says what
// happened. Errors (not rejections): NotFound/DataLoss for unreadable files, InvalidArgument for
// a sheet without the required columns or a missing organisation, and the graph's write errors.
Result<ImportReport> ImportFiles(graph::ChainGraph& graph, const riskdata::KnowledgeBase& kb,
                                 const std::vector<std::string>& files,
                                 const ImportOptions& options);

// How one candidate site matched the registry (POST /v1/sites/match).
struct MatchAnswer {
  std::string site_id;  // "" when nothing matched (or the candidate has a problem)
  std::string rule;     // as SiteMatch::rule; "none" when nothing matched
  double score = 0;
  i18n::Text problem;  // why the candidate could not be matched, e.g. an unknown country
};
// Matches each candidate against the registry alone, by the rules of imports (external ids,
// id, name + country, similar name, distance); candidates do not match one another. A
// candidate's country may be alpha-2, alpha-3 or an English name. Writes nothing.
std::vector<MatchAnswer> MatchSites(const graph::ChainGraph& graph,
                                    const riskdata::KnowledgeBase& kb,
                                    const std::vector<graph::Site>& candidates);

// The report for people, in `language`: counts, then every rejected row as
// "file:sheet:line: column: reason".
std::string ImportReportText(const ImportReport& report,
                             i18n::Language language = i18n::Language::kEnglish);

// Lowercase, trimmed, inner runs of non-alphanumerics as one '_': "Facility Name " →
// "facility_name".
std::string NormaliseHeader(const std::string& header);

}  // namespace isvgraph::importers
