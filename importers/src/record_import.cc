#include "isvgraph/importers/record_import.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <sstream>
#include <thread>

#include "cmrt_reader.h"
#include "isvgraph/i18n/say.h"
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
          report.warnings.push_back(
              i18n::Say(i18n::Msg::kImportBanner,
                        {{"where", file + (sheet.name.empty() ? "" : ":" + sheet.name)},
                         {"line", std::to_string(row.line)},
                         {"count", std::to_string(looked - 1)}}));
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
        i18n::Say(i18n::Msg::kImportOutcomeDryRun, {{"count", std::to_string(records)}});
  } else if (!report.rejected.empty() && !options.accept_partial) {
    report.outcome = i18n::Say(i18n::Msg::kImportOutcomeRefused,
                               {{"count", std::to_string(report.rejected.size())}});
  } else if (records == 0) {
    report.outcome = i18n::Say(i18n::Msg::kImportOutcomeNothing);
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
    report.outcome =
        i18n::Say(i18n::Msg::kImportOutcomeWritten, {{"count", std::to_string(records)}});
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
      answer.problem = i18n::Say(i18n::Msg::kImportMatchNeeds);
    } else if (auto country = kb.FindCountry(site.country); !country && !site.name.empty()) {
      answer.problem = i18n::Say(i18n::Msg::kImportCountryUnknown, {{"text", site.country}});
    } else {
      if (country) site.country = country->iso2;
      const SiteMatcher::Match match = matcher.Find(site, matcher.Prepare(site.name));
      if (!match.site_id.empty())
        answer = {.site_id = match.site_id, .rule = match.rule, .score = match.score};
    }
    answers.push_back(std::move(answer));
  }
  return answers;
}

std::string ImportReportText(const ImportReport& report, i18n::Language language) {
  using i18n::Msg;
  auto say = [language](Msg message, std::initializer_list<i18n::Arg> args) {
    return i18n::SayIn(language, message, args);
  };
  auto count = [&](Msg message, size_t n) { return say(message, {{"count", std::to_string(n)}}); };
  auto where = [](const std::string& file, const std::string& sheet, int line) {
    return file + (sheet.empty() ? "" : ":" + sheet) + ":" + std::to_string(line);
  };
  // The summary: clauses joined with ", ".
  std::vector<std::string> clauses = {
      say(Msg::kReportImportHead, {{"kind", std::string(ImportKindName(report.kind))},
                                   {"rows", std::to_string(report.rows)}}),
      count(Msg::kReportAccepted, report.accepted)};
  if (report.created || report.matched || report.links + report.contracts == 0) {
    clauses.push_back(count(Msg::kReportNewSites, report.created));
    clauses.push_back(count(Msg::kReportMatched, report.matched));
  }
  if (report.links) clauses.push_back(count(Msg::kReportLinks, report.links));
  if (report.contracts) clauses.push_back(count(Msg::kReportContracts, report.contracts));
  if (!report.unknowns.empty()) {
    clauses.push_back(count(Msg::kReportUnknownSuppliers, report.unknowns.size()));
  }
  if (report.location_conflicts) {
    clauses.push_back(count(Msg::kReportLocationConflicts, report.location_conflicts));
  }
  if (!report.differences.empty()) {
    clauses.push_back(count(Msg::kReportDifferingRows, report.differences.size()));
  }
  clauses.push_back(count(Msg::kReportProblems, report.rejected.size()));
  std::ostringstream out;
  for (size_t i = 0; i < clauses.size(); ++i) out << (i ? ", " : "") << clauses[i];
  out << "\n";
  for (const SiteMatch& m : report.matches) {
    if (m.created) continue;
    std::ostringstream score;
    score << m.score;
    out << "  "
        << say(Msg::kReportMatchedLine, {{"where", m.file + ":" + std::to_string(m.line)},
                                         {"name", m.input_name},
                                         {"site", m.site_id},
                                         {"rule", m.rule},
                                         {"score", score.str()}})
        << "\n";
  }
  for (const SiteDifference& d : report.differences) {
    std::string fields;
    for (const graph::FieldChange& f : d.fields) {
      fields += (fields.empty() ? "" : ", ") +
                say(Msg::kReportDiffersField,
                    {{"field", f.field}, {"before", f.before}, {"after", f.after}});
    }
    out << "  "
        << say(Msg::kReportDiffersLine,
               {{"where", where(d.file, d.sheet, d.line)}, {"site", d.site_id}, {"fields", fields}})
        << (d.outcome.empty() ? "" : ": " + d.outcome.In(language)) << "\n";
  }
  for (const UnknownSupplier& u : report.unknowns) {
    out << "  "
        << say(u.site_id.empty() ? Msg::kReportUnknownLineUnplaced : Msg::kReportUnknownLinePlaced,
               {{"where", where(u.file, u.sheet, u.line)},
                {"product", u.product},
                {"customer", u.customer_id},
                {"reason", u.reason.In(language)},
                {"site", u.site_id}})
        << "\n";
  }
  // The first rows of a kind, each where it is and why, then how many more there were.
  auto listed = [&](Msg line, const std::vector<LocationFlag>& flags, size_t total, Msg more) {
    for (const LocationFlag& f : flags) {
      out << "  "
          << say(line, {{"where", where(f.file, f.sheet, f.line)},
                        {"name", f.input_name},
                        {"text", f.text.In(language)}})
          << "\n";
    }
    if (total > flags.size()) out << "  " << count(more, total - flags.size()) << "\n";
  };
  listed(Msg::kReportLocationLine, report.location_flags, report.location_conflicts,
         Msg::kReportMoreConflicts);
  listed(Msg::kReportUnknownCountryLine, report.unknown_countries, report.unknown_country_rows,
         Msg::kReportMoreUnknownCountries);
  if (report.countries_from_coordinates) {
    out << "  " << count(Msg::kReportCountriesFromCoordinates, report.countries_from_coordinates)
        << "\n";
  }
  if (report.countries_from_addresses) {
    out << "  " << count(Msg::kReportCountriesFromAddresses, report.countries_from_addresses)
        << "\n";
  }
  if (report.regions_from_coordinates) {
    out << "  " << count(Msg::kReportRegionsFromCoordinates, report.regions_from_coordinates)
        << "\n";
  }
  for (const RejectedRow& r : report.rejected) {
    out << "  "
        << say(Msg::kReportRejectedLine,
               {{"where", where(r.file, r.sheet, r.line)},
                {"reason", (r.column.empty() ? "" : r.column + ": ") + r.reason.In(language)}})
        << "\n";
  }
  for (const i18n::Text& w : report.warnings) {
    out << "  " << say(Msg::kReportWarningLine, {{"text", w.In(language)}}) << "\n";
  }
  out << report.outcome.In(language) << "\n";
  return out.str();
}

}  // namespace isvgraph::importers
