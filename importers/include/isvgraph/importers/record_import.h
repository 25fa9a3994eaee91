#pragma once

// Imports of isvgraph's own lists (sites, links, contracts) and Open Supply Hub facility lists
// from CSV, XLSX or ODS. Headers are matched tolerantly (case, spacing, punctuation and common
// synonyms: "Facility Name", "Land", "lng"); countries may be ISO alpha-2, alpha-3 or English
// names. Every row is validated; sites are matched against the registry (external id, then id,
// then normalised name + country, with coordinates when both sides have them). One import is one
// atomic write: with any rejected row nothing is written unless partial imports are accepted.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "isvgraph/base/result.h"
#include "isvgraph/graph/chain_graph.h"
#include "isvgraph/riskdata/knowledge_base.h"

namespace isvgraph::importers {

enum class ImportKind { kSites, kLinks, kContracts, kOpenSupplyHub };

// "sites", "links", "contracts", "osh" ↔ kind.
const char* ImportKindName(ImportKind kind);
Result<ImportKind> ImportKindFromName(const std::string& name);

// The documented columns of a kind, in template order, with what each holds.
struct ColumnSpec {
  std::string name;         // canonical header
  bool required = false;
  std::string description;  // for templates and docs
  std::vector<std::string> synonyms;  // normalised header spellings also accepted
};
const std::vector<ColumnSpec>& Columns(ImportKind kind);

// A template users fill in: the header and one example row, as CSV text.
std::string TemplateCsv(ImportKind kind);

struct ImportOptions {
  ImportKind kind = ImportKind::kSites;
  std::string organisation;    // owner of links and contracts; required for those kinds
  bool dry_run = false;        // report only; write nothing
  bool accept_partial = false; // write the good rows even when some are rejected
  // Called every few thousand rows: (rows done, rows in total).
  std::function<void(size_t done, size_t total)> progress;
};

struct RejectedRow {
  std::string file, sheet;
  int line = 0;
  std::string column;  // the canonical column, "" for the row as a whole
  std::string reason;
};

// How an input site row was resolved.
struct SiteMatch {
  std::string file, sheet;
  int line = 0;
  std::string input_name;
  std::string site_id;  // the registry site matched, or the new site's id
  bool created = false;
  std::string rule;     // "os_id", "rmi_cid", "lei", "duns", "id", "name+country", "similar name+country", "new"
  double score = 0;     // 1 for identifiers, below for names
};

struct ImportReport {
  ImportKind kind = ImportKind::kSites;
  std::vector<std::string> files;
  size_t rows = 0;      // data rows read
  size_t accepted = 0;  // valid rows
  size_t created = 0;   // sites created (site kinds), records written otherwise
  size_t matched = 0;   // rows matched to existing sites
  std::vector<RejectedRow> rejected;
  std::vector<SiteMatch> matches;     // site kinds, every accepted row
  std::vector<std::string> warnings;  // e.g. a sector the risk taxonomy does not know
  bool written = false;               // the write happened
  std::string outcome;                // one sentence: written, dry run, or why nothing was
  double seconds = 0;
};

// Reads the files, validates and matches every row, and writes the result to `graph` as one
// batch (unless a dry run, or rows were rejected without accept_partial). The report says what
// happened. Errors (not rejections): NotFound/DataLoss for unreadable files, InvalidArgument for
// a sheet without the required columns or a missing organisation, and the graph's write errors.
Result<ImportReport> ImportFiles(graph::ChainGraph& graph, const riskdata::KnowledgeBase& kb,
                                 const std::vector<std::string>& files,
                                 const ImportOptions& options);

// The report for people: counts, then every rejected row as "file:sheet:line: column: reason".
std::string ImportReportText(const ImportReport& report);

// Lowercase, trimmed, inner runs of non-alphanumerics as one '_': "Facility Name " → "facility_name".
std::string NormaliseHeader(const std::string& header);

// A company name for matching: lowercase words without punctuation and legal forms
// ("Indigo Garments FZE" and "INDIGO GARMENTS F.Z.E." both give "indigo garments").
std::string NormaliseCompanyName(const std::string& name);

}  // namespace isvgraph::importers
