#include "isvgraph/importers/record_import.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <sstream>
#include <thread>

#include "cmrt_reader.h"
#include "isvgraph/importers/table_file.h"
#include "ocds_reader.h"
#include "row_importer.h"
#include "site_matcher.h"

namespace isvgraph::importers {
namespace {

// A tabular file (CSV, TSV, XLSX, ODS, GeoJSON, GeoPackage): every sheet holds `kind` rows.
// Rows above the header that may be a banner (a title, a date, an empty line).
constexpr int kBannerRows = 30;

// A file whose first row names none of the kind's columns may have its header further down:
// read it raw, take the first of its first kBannerRows rows that names the required columns as
// the header (RowImporter::Recognises), and the rows below it as data. *found: sheets whose header
// was found so.
Status ReadBelowBanner(const std::string& file, const ImportOptions& options, RowImporter& importer,
                       ImportReport& report, RecordKind kind, int* found) {
  TableSheet sheet;
  int looked = 0;
  bool reading = false;
  Status failed;
  ISV_RETURN_IF_ERROR(ForEachTableRow(
      file,
      [&](const TableSheet& raw) -> Status {
        sheet = raw;
        looked = 0;
        reading = false;
        return Status::Ok();
      },
      [&](const TableSheet&, const TableRow& row) {
        if (!failed.ok()) return;
        if (reading) {
          importer.Row(sheet, row);
          ++report.rows;
          return;
        }
        if (++looked > kBannerRows || !importer.Recognises(row.cells, Columns(options.kind))) {
          return;
        }
        sheet.header = row.cells;
        failed = importer.BeginSheet(sheet, kind, Columns(options.kind));
        reading = failed.ok() && !importer.skipping();
        if (reading) {
          ++*found;
          report.warnings.push_back(file + (sheet.name.empty() ? "" : ":" + sheet.name) +
                                    ": the header is on line " + std::to_string(row.line) +
                                    "; the " + std::to_string(looked - 1) +
                                    " line(s) above it were taken as a banner and skipped");
        }
      },
      {.raw = true}));
  return failed;
}

Status ReadTabular(const std::string& file, const ImportOptions& options, RowImporter& importer,
                   ImportReport& report, size_t* done, size_t* total) {
  const RecordKind kind = options.kind == ImportKind::kLinks       ? RecordKind::kLink
                          : options.kind == ImportKind::kContracts ? RecordKind::kContract
                                                                   : RecordKind::kSite;
  int used = 0;
  std::string seen;  // the headers of the sheets skipped
  const size_t warnings_before = report.warnings.size();
  ISV_RETURN_IF_ERROR(ForEachTableRow(
      file,
      [&](const TableSheet& sheet) -> Status {
        ISV_RETURN_IF_ERROR(importer.BeginSheet(sheet, kind, Columns(options.kind)));
        if (importer.skipping()) {
          for (const std::string& h : sheet.header) seen += (seen.empty() ? "'" : ", '") + h + "'";
          return Status::Ok();
        }
        ++used;
        if (sheet.rows_estimate > 0) {
          *total += static_cast<size_t>(sheet.rows_estimate);
          importer.Reserve(static_cast<size_t>(sheet.rows_estimate));
        }
        return Status::Ok();
      },
      [&](const TableSheet& sheet, const TableRow& row) {
        if (importer.skipping()) return;
        importer.Row(sheet, row);
        ++report.rows;
        if (options.progress && ++*done % 4096 == 0) {
          options.progress(*done, std::max(*done, *total));
        }
      },
      {.count_rows = static_cast<bool>(options.progress)}));
  if (used > 0 || seen.empty()) return Status::Ok();
  const auto first_pass = static_cast<std::ptrdiff_t>(report.warnings.size());
  ISV_RETURN_IF_ERROR(ReadBelowBanner(file, options, importer, report, kind, &used));
  if (used > 0) {
    // The first pass's "sheet skipped" warnings were about banners, not about the file.
    report.warnings.erase(report.warnings.begin() + static_cast<std::ptrdiff_t>(warnings_before),
                          report.warnings.begin() + first_pass);
    return Status::Ok();
  }
  std::string needed, optional;
  for (const ColumnSpec& spec : Columns(options.kind)) {
    std::string& list = spec.required ? needed : optional;
    list += (list.empty() ? "'" : ", '") + spec.name + "'";
  }
  return Status::InvalidArgument(
      file + ": no " + std::string(ImportKindName(options.kind)) +
      " columns recognised; it needs " + needed + " (optional: " + optional + "); the header has " +
      seen +
      "; say which is which with --map, e.g. --map name=\"Mine Name\",country=\"Country / Area\"");
}

}  // namespace

Result<ImportReport> ImportFiles(graph::ChainGraph& graph, const riskdata::KnowledgeBase& kb,
                                 const std::vector<std::string>& files,
                                 const ImportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const bool owned = options.kind == ImportKind::kLinks || options.kind == ImportKind::kContracts ||
                     options.kind == ImportKind::kCmrt;
  if (owned &&
      (options.organisation.empty() || options.organisation == graph::kPublicOrganisation)) {
    return Status::InvalidArgument(std::string("importing ") + ImportKindName(options.kind) +
                                   " needs the organisation that owns them");
  }
  if (files.empty()) return Status::InvalidArgument("no files to import");
  if (!options.columns.empty() &&
      (options.kind == ImportKind::kCmrt || options.kind == ImportKind::kOcds)) {
    return Status::InvalidArgument(std::string("a column mapping is for tables; ") +
                                   ImportKindName(options.kind) + " files have fixed fields");
  }
  ImportReport report{.kind = options.kind, .files = files};
  ImportOptions effective = options;

  // Files are streamed row by row: only the records to be written stay in memory. Nothing is
  // written before the last row has been read, so a file failing halfway leaves no trace.
  graph::WriteBatch batch;
  // The importer's tables (names, ids and aliases of every row: ~0.2 s to free at 200k rows)
  // are freed on another thread while the batch is checked and written.
  std::jthread freeing;
  {
    auto owned_importer = std::make_unique<RowImporter>(graph, kb, effective, &report);
    RowImporter& importer = *owned_importer;
    size_t done = 0, total = 0;
    for (const std::string& file : files) {
      switch (options.kind) {
        case ImportKind::kCmrt:
          ISV_RETURN_IF_ERROR(ReadCmrt(file, options, kb, importer, report));
          break;
        case ImportKind::kOcds:
          ISV_RETURN_IF_ERROR(ReadOcds(file, &effective, importer, report));
          break;
        default:
          ISV_RETURN_IF_ERROR(ReadTabular(file, options, importer, report, &done, &total));
      }
    }
    if (options.progress) options.progress(done, done);
    batch = importer.Finish();
    freeing = std::jthread([doomed = std::move(owned_importer)]() mutable { doomed.reset(); });
  }
  const std::string& organisation = effective.organisation;
  if (!organisation.empty() && organisation != graph::kPublicOrganisation && batch.size() > 0 &&
      !graph.store().GetOrganisation(organisation)) {
    batch.PutOrganisation({.id = organisation, .name = organisation});
  }
  const size_t records = batch.size();
  if (options.dry_run) {
    report.outcome =
        "dry run: nothing was written (" + std::to_string(records) + " record(s) would be)";
  } else if (!report.rejected.empty() && !options.accept_partial) {
    report.outcome = "nothing was written: " + std::to_string(report.rejected.size()) +
                     " problem(s); fix them or import with --accept-partial";
  } else if (records == 0) {
    report.outcome = "nothing to write";
  } else {
    graph::Author author = options.author;
    if (author == graph::Author{}) {
      author.organisation = organisation == graph::kPublicOrganisation ? "" : organisation;
      // File names only: the journal is read by every organisation, server paths are not theirs.
      author.what = "import of";
      for (const std::string& file : files) {
        author.what += " " + std::filesystem::path(file).filename().string();
      }
    }
    batch.set_author(std::move(author));
    ISV_RETURN_IF_ERROR(graph.Apply(std::move(batch)));
    report.written = true;
    report.outcome = "written: " + std::to_string(records) + " record(s) in one batch";
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

std::vector<MatchAnswer> MatchSites(const graph::ChainGraph& graph,
                                    const riskdata::KnowledgeBase& kb,
                                    const std::vector<graph::Site>& candidates) {
  SiteMatcher matcher(graph.store(), graph.site_names());
  std::vector<MatchAnswer> answers;
  answers.reserve(candidates.size());
  for (const graph::Site& input : candidates) {
    MatchAnswer answer{.rule = "none"};
    graph::Site site = input;
    if (site.name.empty() && site.external_ids.empty() && site.id.empty()) {
      answer.problem = "give a name and country, an id or an external id";
    } else if (auto country = kb.FindCountry(site.country); !country && !site.name.empty()) {
      answer.problem = "'" + site.country + "' is not a known country";
    } else {
      if (country) site.country = country->iso2;
      const SiteMatcher::Match match = matcher.Find(site, matcher.Prepare(site.name));
      if (!match.site_id.empty()) answer = {match.site_id, match.rule, match.score, ""};
    }
    answers.push_back(std::move(answer));
  }
  return answers;
}

std::string ImportReportText(const ImportReport& report) {
  std::ostringstream out;
  out << ImportKindName(report.kind) << " import: " << report.rows << " row(s), " << report.accepted
      << " accepted";
  if (report.created || report.matched || report.links + report.contracts == 0) {
    out << ", " << report.created << " new site(s), " << report.matched << " matched";
  }
  if (report.links) out << ", " << report.links << " link(s)";
  if (report.contracts) out << ", " << report.contracts << " contract(s)";
  if (!report.unknowns.empty()) out << ", " << report.unknowns.size() << " unknown supplier(s)";
  if (report.location_conflicts) {
    out << ", " << report.location_conflicts << " country/coordinate conflict(s)";
  }
  if (!report.differences.empty()) {
    out << ", " << report.differences.size() << " row(s) differing from the registry";
  }
  out << ", " << report.rejected.size() << " problem(s)\n";
  for (const SiteMatch& m : report.matches) {
    if (m.created) continue;
    out << "  matched " << m.file << ":" << m.line << " '" << m.input_name << "' -> " << m.site_id
        << " by " << m.rule << " (score " << m.score << ")\n";
  }
  for (const SiteDifference& d : report.differences) {
    out << "  differs " << d.file << (d.sheet.empty() ? "" : ":" + d.sheet) << ":" << d.line
        << ": registry site " << d.site_id << " has";
    for (size_t i = 0; i < d.fields.size(); ++i) {
      const graph::FieldChange& f = d.fields[i];
      out << (i ? "," : "") << " " << f.field << " '" << f.before << "' where the row says '"
          << f.after << "'";
    }
    out << (d.outcome.empty() ? "" : ": " + d.outcome) << "\n";
  }
  for (const UnknownSupplier& u : report.unknowns) {
    out << "  unknown " << u.file << (u.sheet.empty() ? "" : ":" + u.sheet) << ":" << u.line << ": "
        << u.product << " supplier of " << u.customer_id << ": " << u.reason
        << (u.site_id.empty() ? " (no country: not in the chain)"
                              : " (in the chain as " + u.site_id + ")")
        << "\n";
  }
  // The first rows of a kind, each where it is and why, then how many more there were.
  auto listed = [&](const char* label, const std::vector<LocationFlag>& flags, size_t total,
                    const char* more) {
    for (const LocationFlag& f : flags) {
      out << "  " << label << " " << f.file << (f.sheet.empty() ? "" : ":" + f.sheet) << ":"
          << f.line << " '" << f.input_name << "': " << f.text << "\n";
    }
    if (total > flags.size()) out << "  … and " << total - flags.size() << " more " << more << "\n";
  };
  listed("location", report.location_flags, report.location_conflicts,
         "country/coordinate conflict(s)");
  listed("unknown country", report.unknown_countries, report.unknown_country_rows,
         "site row(s) with an unknown country");
  if (report.countries_from_coordinates) {
    out << "  " << report.countries_from_coordinates
        << " site row(s) without a country got it from their coordinates\n";
  }
  if (report.countries_from_addresses) {
    out << "  " << report.countries_from_addresses
        << " site row(s) without a country got it from their address (a US state and ZIP code, "
           "or a country at its end)\n";
  }
  if (report.regions_from_coordinates) {
    out << "  " << report.regions_from_coordinates
        << " site row(s) without a region got it from their coordinates\n";
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
