#pragma once

// RowImporter: turns rows of canonical columns (a sites, links or contracts sheet, however the
// file spelled its headers) into checked records of one write batch, and the import report.
// Every format ends here: tabular files directly, CMRT workbooks and OCDS documents through
// readers that emit canonical sheets.
//
// Site rows run in two stages on two threads, because matching is the costly part of large
// imports: the calling thread reads and validates rows and prepares their names; a matching
// thread matches them against the registry in row order and adds them to the batch. Link and
// contract rows wait for all earlier site rows (Drain), so that they can refer to sites of the
// same import by their input id or reference ("ref").

#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "isvgraph/base/flat_hash.h"
#include "isvgraph/graph/chain_graph.h"
#include "isvgraph/importers/record_import.h"
#include "isvgraph/importers/table_file.h"
#include "isvgraph/riskdata/knowledge_base.h"
#include "site_matcher.h"

namespace isvgraph::importers {

enum class RecordKind { kSite, kLink, kContract };

// Where each canonical column of a kind is in one sheet.
struct ColumnMap {
  std::unordered_map<std::string, int> at;  // canonical name → cell index
  std::vector<std::string> unused;          // headers no column claimed

  // A canonical column found once per sheet, so that rows need no look-up by name.
  struct Column {
    const char* name;
    int at;  // -1: the sheet has no such column
  };
  Column Find(const char* name) const {
    auto it = at.find(name);
    return {name, it == at.end() ? -1 : it->second};
  }
};

// The columns of sheets that readers build (CMRT, OCDS): a kind's columns plus "ref", an input
// reference that later link and contract rows of the same import may use as a site id.
std::vector<ColumnSpec> ColumnsWithRef(ImportKind kind);

class RowImporter {
 public:
  RowImporter(graph::ChainGraph& graph, const riskdata::KnowledgeBase& kb,
              const ImportOptions& options, ImportReport* report);
  ~RowImporter();  // stops the matching thread
  RowImporter(const RowImporter&) = delete;
  RowImporter& operator=(const RowImporter&) = delete;

  // Starts a sheet whose rows become `kind` records. A sheet with none of the columns is
  // skipped with a warning; a missing required column is InvalidArgument naming the header.
  Status BeginSheet(const TableSheet& sheet, RecordKind kind, const std::vector<ColumnSpec>& specs);
  void Row(const TableSheet& sheet, const TableRow& row);
  // The current sheet has none of its kind's columns: its rows are not read.
  bool skipping() const { return skip_sheet_; }
  // True when `header` names every required column (a point layer's lat and lon standing in
  // for the country) and two or more in all: a header row, not a banner above it.
  bool Recognises(const std::vector<std::string>& header,
                  const std::vector<ColumnSpec>& specs) const;
  // The knowledge base rows are checked against (countries, CPV codes, euro rates).
  const riskdata::KnowledgeBase& kb() const { return kb_; }
  // Room for `rows` more records.
  void Reserve(size_t rows);
  // A row that names no site (a CMRT "smelter not yet identified"): kept in the report.
  void Unknown(UnknownSupplier unknown);
  // Waits for every row so far; returns the batch. Rethrows what the matching thread threw.
  graph::WriteBatch Finish();

 private:
  struct Pending;  // a validated site row on its way to the matching thread
  class RowReader;

  void SiteRow(RowReader& read, const TableSheet& sheet);
  void LinkRow(RowReader& read);
  void ContractRow(RowReader& read);
  std::string Country(RowReader& read, ColumnMap::Column column, ColumnMap::Column address);
  std::string Sector(const std::string& text);
  // A site id as a link or contract row gives it: an id or ref of this import's site rows,
  // then the registry. "" when neither knows it.
  std::string ResolveSite(const std::string& id);
  // Replaces a row's site reference by the site it names, or rejects the row's column.
  void ResolveEnd(RowReader& read, const char* column, std::string* id);

  // Matching thread.
  void Send(bool wait_until_matched);
  void MatchLoop();
  void Match(Pending& pending);
  // Lists what a row matched to a registry site says differently (ImportReport::differences).
  void Differ(const graph::Site& registered, const graph::Site& row, const std::string& rule,
              const Pending& pending);

  graph::ChainGraph& graph_;
  const riskdata::KnowledgeBase& kb_;
  const ImportOptions& options_;
  ImportReport& report_;
  graph::WriteBatch batch_;

  // Reading thread state.
  RecordKind kind_ = RecordKind::kSite;
  bool skip_sheet_ = false;
  ColumnMap columns_;
  struct SiteColumns;  // the site columns of the current sheet
  std::unique_ptr<SiteColumns> site_columns_;
  std::string source_;
  std::shared_ptr<const std::pair<std::string, std::string>> where_;  // file, sheet
  std::unordered_map<std::string, std::string> countries_, sectors_;
  std::unordered_map<std::string, bool> known_sites_;
  FlatStringMap<int> seen_ids_;  // input site or contract id → line
  std::set<std::string> unknown_sectors_;
  size_t conflicts_seen_ = 0;  // location conflicts among the rows this thread located
  std::vector<Pending> outgoing_;

  // Shared with the matching thread, under mutex_.
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::vector<Pending>> queue_;
  size_t sent_ = 0, matched_ = 0;
  bool closing_ = false;
  std::exception_ptr failure_;

  // Matching thread state; the reading thread reads it only after Send(true).
  SiteMatcher matcher_;
  std::unordered_map<std::string, std::string> aliases_;  // input id or ref → site id
  std::thread matching_;
};

// A validated site row on its way from the reading thread to the matching thread.
struct RowImporter::Pending {
  graph::Site site;
  std::optional<SiteLocating> located;  // when the reading thread located it already
  SiteMatcher::Candidate candidate;
  std::string ref;
  int line = 0;
  std::shared_ptr<const std::pair<std::string, std::string>> where;
};

}  // namespace isvgraph::importers
