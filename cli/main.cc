// isvgraph: the command-line entry point. Parses flags and calls isvgraph::api; nothing else
// lives here (STYLE.md: cli/ holds argument parsing only).

#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <signal.h>
#include <string>
#include <thread>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "audit_command.h"
#include "fail.h"
#include "isvgraph/api/assessment_report.h"
#include "isvgraph/api/backup.h"
#include "isvgraph/api/benchmark.h"
#include "isvgraph/api/chain_report.h"
#include "isvgraph/api/demo.h"
#include "isvgraph/api/export.h"
#include "isvgraph/api/followup.h"
#include "isvgraph/api/heap.h"
#include "isvgraph/api/import_report.h"
#include "isvgraph/api/maps.h"
#include "isvgraph/api/risk_report.h"
#include "isvgraph/api/server.h"
#include "isvgraph/api/service.h"
#include "map_command.h"

namespace {

using isvgraph::Status;

// Splits "HOST:PORT" into its parts. Returns InvalidArgument on anything else.
Status ParseListen(const std::string& listen, isvgraph::api::ServerOptions* options) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) {
    return Status::InvalidArgument("--listen wants HOST:PORT, e.g. 127.0.0.1:8080; got '" + listen +
                                   "'");
  }
  const std::string port = listen.substr(colon + 1);
  if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 ||
      std::stoul(port) == 0 || std::stoul(port) > 65535) {
    return Status::InvalidArgument("--listen port must be 1..65535; got '" + port + "'");
  }
  options->host = listen.substr(0, colon);
  options->port = static_cast<uint16_t>(std::stoul(port));
  return Status::Ok();
}

using isvgraph::cli::Fail;

struct ServeFlags {
  std::string db = "isvgraph-data";
  std::string data = isvgraph::api::DefaultRiskDataDir();
  double flag_threshold = 0.7;
  std::string listen = "127.0.0.1:8080";
  bool allow_remote = false;
  int threads = 4;
  size_t max_body_mib = 32;
  bool quiet = false;
  std::string web;                // web UI directory; "" = the one in the source tree
  std::string backup_dir;         // where POST /v1/backups writes; "" = off
  int idle_trim_seconds = 10;     // 0 = never give freed heap back
  int read_timeout_seconds = 60;  // 0 = none
};

// Serves until SIGINT or SIGTERM, then shuts down cleanly.
// Serves the store until SIGINT or SIGTERM. `prepare` runs on the opened service before the
// server starts (the demo loads its data there).
int RunServe(const ServeFlags& flags,
             const std::function<Status(isvgraph::api::Service&)>& prepare = {}) {
  isvgraph::api::ServerOptions options;
  if (Status s = ParseListen(flags.listen, &options); !s.ok()) return Fail(s);
  options.allow_remote = flags.allow_remote;
  options.threads = flags.threads;
  options.max_body_bytes = flags.max_body_mib << 20;
  options.log_requests = !flags.quiet;
  if (!flags.web.empty()) options.web_dir = flags.web;
  options.backup_dir = flags.backup_dir;
  options.read_timeout = std::chrono::seconds(flags.read_timeout_seconds);

  auto service = isvgraph::api::Service::Open(
      {.db_path = flags.db, .risk_data_dir = flags.data, .flag_threshold = flags.flag_threshold});
  if (!service) return Fail(service.error());
  if (prepare) {
    if (Status s = prepare(**service); !s.ok()) return Fail(s);
  }

  // Block the shutdown signals in every thread (the HTTP pool inherits this mask), then wait
  // for them here.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto server = isvgraph::api::Server::Start(**service, options);
  if (!server) return Fail(server.error());
  std::fprintf(stderr, "isvgraph: serving %s (store %s); web UI at %s/ ; Ctrl-C stops\n",
               (*server)->url().c_str(), flags.db.c_str(), (*server)->url().c_str());
  // Site names per country for matching, read in the background now rather than by the first
  // match of each country (stops with the server).
  std::jthread preload([&names = (*service)->chains().site_names()](std::stop_token stop) {
    names.Preload([&stop] { return stop.stop_requested(); });
  });
  // Freed heap back to the system once the process is idle (at 1M sites ~50 MB freed after the
  // start, ~160 MB after heavy answers). One line per trim, at most one per idle stretch.
  std::optional<isvgraph::api::IdleHeapTrimmer> trimmer;
  if (flags.idle_trim_seconds > 0) {
    trimmer.emplace(
        isvgraph::api::IdleTrimOptions{.interval = std::chrono::seconds(flags.idle_trim_seconds)},
        [](const isvgraph::api::HeapTrim& trim) {
          const auto mb = [](uint64_t bytes) { return static_cast<double>(bytes) / (1 << 20); };
          std::fprintf(stderr,
                       "isvgraph: idle: gave freed heap back to the system, resident %.1f -> "
                       "%.1f MB (the heap held %.1f MB freed)\n",
                       mb(trim.resident_before), mb(trim.resident_after), mb(trim.free_held_bytes));
        });
  }

  int received = 0;
  sigwait(&signals, &received);
  std::fprintf(stderr, "isvgraph: %s received, shutting down\n",
               received == SIGINT ? "SIGINT" : "SIGTERM");
  if (Status s = (*server)->Stop(); !s.ok()) return Fail(s);
  return 0;
}

// `isvgraph demo`: the demo data in a fresh store, its tokens printed, then served.
int RunDemo(const ServeFlags& flags, bool fresh) {
  namespace fs = std::filesystem;
  if (fs::exists(flags.db + "/CURRENT")) {
    if (!fresh) {
      return Fail(Status::FailedPrecondition("a store exists at " + flags.db +
                                             "; the demo loads into a fresh one (add --fresh to "
                                             "replace it, or give another --db)"));
    }
    std::error_code ec;
    fs::remove_all(flags.db, ec);
    if (ec) return Fail(Status::IoError("cannot remove " + flags.db + ": " + ec.message()));
  }
  return RunServe(flags, [&](isvgraph::api::Service& service) -> Status {
    auto tokens = isvgraph::api::LoadDemo(
        service, isvgraph::api::DefaultDemoDir(),
        [](const std::string& line) { std::fprintf(stderr, "demo: %s\n", line.c_str()); });
    if (!tokens) return tokens.error();
    std::printf("Demo loaded (fictional companies, real places). Paste a token into the web UI.\n");
    std::printf("Read-only training tokens, one per contracting authority:\n");
    for (const auto& [org, token] : tokens->viewers)
      std::printf("  %-10s %s\n", org.c_str(), token.c_str());
    std::printf("Admin token (%s): %s\n", tokens->admin_organisation.c_str(),
                tokens->admin.c_str());
    std::fflush(stdout);
    return Status::Ok();
  });
}

struct RiskFlags {
  std::string data = isvgraph::api::DefaultRiskDataDir();
  double flag_threshold = 0.7;
  bool json = false;
  std::string code;  // country or CPV code
  isvgraph::riskdata::SiteQuery site;
};

// Runs one `isvgraph risk …` question and prints the answer.
int RunRisk(const std::string& question, const RiskFlags& flags) {
  auto kb = isvgraph::api::LoadKnowledgeBase(flags.data, flags.flag_threshold);
  if (!kb) return Fail(kb.error());
  const auto format =
      flags.json ? isvgraph::api::OutputFormat::kJson : isvgraph::api::OutputFormat::kText;
  isvgraph::Result<std::string> answer =
      question == "country" ? isvgraph::api::ReportCountryRisk(**kb, flags.code, format)
      : question == "site"  ? isvgraph::api::ReportSiteRisk(**kb, flags.site, format)
      : question == "cpv"
          ? isvgraph::api::ReportCpv(**kb, flags.code, format)
          : isvgraph::Result<std::string>(isvgraph::api::ReportLayers(**kb, format));
  if (!answer) return Fail(answer.error());
  std::fputs(answer->c_str(), stdout);
  if (!answer->empty() && answer->back() != '\n') std::fputc('\n', stdout);
  return 0;
}

struct TenderFlags {
  std::string data = isvgraph::api::DefaultRiskDataDir();
  std::vector<std::string> cpv, countries;
  std::optional<double> value;
  std::string authority = "central";
  std::string date;
  bool json = false;
};

int RunTender(const TenderFlags& flags) {
  auto kb = isvgraph::api::LoadKnowledgeBase(flags.data);
  if (!kb) return Fail(kb.error());
  auto answer = isvgraph::api::ReportTender(
      **kb,
      {.cpv = flags.cpv,
       .countries = flags.countries,
       .value_eur = flags.value,
       .authority = flags.authority,
       .date = flags.date},
      flags.json ? isvgraph::api::OutputFormat::kJson : isvgraph::api::OutputFormat::kText);
  if (!answer) return Fail(answer.error());
  std::fputs(answer->c_str(), stdout);
  if (!answer->empty() && answer->back() != '\n') std::fputc('\n', stdout);
  return 0;
}

struct AssessFlags {
  std::string db;
  std::string data = isvgraph::api::DefaultRiskDataDir();
  std::string contract;
  std::string organisation;
  std::string html;  // write the printable report here
  bool json = false;
};

int RunAssess(const AssessFlags& flags) {
  if (!std::filesystem::exists(flags.db + "/CURRENT")) {
    return Fail(isvgraph::Status::NotFound("no store at " + flags.db));
  }
  auto service = isvgraph::api::Service::Open({.db_path = flags.db, .risk_data_dir = flags.data});
  if (!service) return Fail(service.error());
  const isvgraph::graph::Viewer viewer{.organisation = flags.organisation,
                                       .all = flags.organisation.empty()};
  auto assessment = isvgraph::api::AssessContract(**service, viewer, flags.contract);
  if (!assessment) return Fail(assessment.error());
  if (!flags.html.empty()) {
    std::ofstream out(flags.html, std::ios::binary);
    const std::string map = isvgraph::api::ChainMapPng(**service, *assessment);
    out << isvgraph::api::ContractAssessmentHtml((*service)->risk(), *assessment, map);
    if (!out) return Fail(isvgraph::Status::IoError("cannot write " + flags.html));
    std::fprintf(stderr, "isvgraph: wrote %s\n", flags.html.c_str());
  }
  const std::string answer =
      flags.json ? isvgraph::api::ContractAssessmentJson((*service)->risk(), *assessment).dump(2)
                 : isvgraph::api::ContractAssessmentText((*service)->risk(), *assessment);
  std::fputs(answer.c_str(), stdout);
  if (!answer.empty() && answer.back() != '\n') std::fputc('\n', stdout);
  return 0;
}

struct FollowUpFlags {
  std::string db;
  std::string data = isvgraph::api::DefaultRiskDataDir();
  std::string organisation, contract, step, date, note;
  int tier = 0;
};

void PrintFollowUp(const isvgraph::graph::Contract& contract) {
  std::printf("ISV follow-up of %s (%zu step(s))\n", contract.id.c_str(), contract.followup.size());
  for (const isvgraph::graph::FollowUpStep& step : contract.followup) {
    std::printf("  %s  %-24s tier %d  %s\n", step.date.c_str(), step.step.c_str(), step.tier,
                step.note.c_str());
  }
  const std::string stage = isvgraph::api::EscalationStage(contract);
  std::printf("escalation stage: %s\n", stage.empty() ? "none" : stage.c_str());
}

int RunFollowUp(const FollowUpFlags& flags, bool add) {
  if (!std::filesystem::exists(flags.db + "/CURRENT")) {
    return Fail(isvgraph::Status::NotFound("no store at " + flags.db));
  }
  auto service = isvgraph::api::Service::Open({.db_path = flags.db, .risk_data_dir = flags.data});
  if (!service) return Fail(service.error());
  if (add) {
    auto contract = isvgraph::api::RecordFollowUp(
        **service, flags.organisation, flags.contract,
        {.step = flags.step, .date = flags.date, .note = flags.note, .tier = flags.tier});
    if (!contract) return Fail(contract.error());
    PrintFollowUp(*contract);
    return 0;
  }
  auto contract =
      (*service)->chains().GetContract({.organisation = flags.organisation}, flags.contract);
  if (!contract) return Fail(contract.error());
  PrintFollowUp(*contract);
  return 0;
}

struct ChainFlags {
  std::string db;
  std::string data = isvgraph::api::DefaultRiskDataDir();
  bool json = false;
  isvgraph::api::ChainReportOptions report;
};

int RunChain(ChainFlags flags) {
  if (!std::filesystem::exists(flags.db + "/CURRENT")) {
    return Fail(isvgraph::Status::NotFound("no store at " + flags.db));
  }
  auto service = isvgraph::api::Service::Open({.db_path = flags.db, .risk_data_dir = flags.data});
  if (!service) return Fail(service.error());
  flags.report.format =
      flags.json ? isvgraph::api::OutputFormat::kJson : isvgraph::api::OutputFormat::kText;
  auto answer = isvgraph::api::ReportChain(**service, flags.report);
  if (!answer) return Fail(answer.error());
  std::puts(answer->c_str());
  return 0;
}

struct TokenFlags {
  std::string db;
  std::string data = isvgraph::api::DefaultRiskDataDir();
  std::string organisation;
  std::string role = "viewer";
  int64_t days = 365;
};

int RunTokenCreate(const TokenFlags& flags) {
  std::optional<isvgraph::api::Role> role = isvgraph::api::RoleFromName(flags.role);
  if (!role) {
    return Fail(
        isvgraph::Status::InvalidArgument("--role must be viewer, buyer, auditor or admin"));
  }
  auto service = isvgraph::api::Service::Open({.db_path = flags.db, .risk_data_dir = flags.data});
  if (!service) return Fail(service.error());
  auto token = (*service)->CreateToken(
      {.organisation = flags.organisation, .role = *role, .valid_seconds = flags.days * 86400});
  if (!token) return Fail(token.error());
  std::printf("%s\n", token->c_str());
  std::fprintf(
      stderr, "isvgraph: token for organisation %s, role %s, valid %s; it is shown only now\n",
      flags.organisation.c_str(), flags.role.c_str(),
      flags.days == 0 ? "without expiry" : ("for " + std::to_string(flags.days) + " days").c_str());
  return 0;
}

int RunTokenList(const TokenFlags& flags) {
  auto service = isvgraph::api::Service::Open({.db_path = flags.db, .risk_data_dir = flags.data});
  if (!service) return Fail(service.error());
  auto tokens = (*service)->ListTokens(flags.organisation);
  if (!tokens) return Fail(tokens.error());
  std::printf("%-14s %-8s %-12s %-12s %s\n", "id", "role", "created", "expires", "state");
  for (const isvgraph::graph::AccessToken& t : *tokens) {
    std::printf("%-14s %-8s %-12lld %-12lld %s\n", t.hash.substr(0, 12).c_str(), t.role.c_str(),
                static_cast<long long>(t.created_unix), static_cast<long long>(t.expires_unix),
                t.revoked ? "revoked" : "active");
  }
  return 0;
}

int RunTokenRevoke(const TokenFlags& flags, const std::string& id) {
  auto service = isvgraph::api::Service::Open({.db_path = flags.db, .risk_data_dir = flags.data});
  if (!service) return Fail(service.error());
  if (isvgraph::Status s = (*service)->RevokeToken(flags.organisation, id); !s.ok()) {
    return Fail(s);
  }
  std::fprintf(stderr, "isvgraph: token %s of %s revoked\n", id.c_str(),
               flags.organisation.c_str());
  return 0;
}

int RunGroupJoin(const TokenFlags& flags, const std::string& group) {
  auto service = isvgraph::api::Service::Open({.db_path = flags.db, .risk_data_dir = flags.data});
  if (!service) return Fail(service.error());
  if (isvgraph::Status s = (*service)->JoinAuditGroup(flags.organisation, group); !s.ok()) {
    return Fail(s);
  }
  std::fprintf(stderr, "isvgraph: %s is a member of audit group %s\n", flags.organisation.c_str(),
               group.c_str());
  return 0;
}

struct ImportFlags {
  std::string db;
  std::string data = isvgraph::api::DefaultRiskDataDir();
  std::string organisation;
  std::string kind;
  std::string declaring_site;
  std::vector<std::string> files;
  bool dry_run = false;
  bool accept_partial = false;
  bool json = false;
};

// A progress bar on a terminal (rows, rows/s, ETA); nothing when stderr is not a terminal.
std::function<void(size_t, size_t)> ImportProgress() {
  if (!isatty(STDERR_FILENO)) return {};
  const auto start = std::chrono::steady_clock::now();
  return [start](size_t done, size_t total) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double rate = seconds > 0 ? done / seconds : 0;
    const int width = 30;
    const int filled = total ? static_cast<int>(width * done / total) : width;
    std::fprintf(stderr, "\r[%s%s] %zu/%zu rows  %.0f rows/s  ETA %.0f s ",
                 std::string(filled, '#').c_str(), std::string(width - filled, '.').c_str(), done,
                 total, rate, rate > 0 ? (total - done) / rate : 0.0);
    if (done == total) std::fputc('\n', stderr);
  };
}

int RunImport(const ImportFlags& flags) {
  auto kind = isvgraph::importers::ImportKindFromName(flags.kind);
  if (!kind) return Fail(kind.error());
  auto service = isvgraph::api::Service::Open({.db_path = flags.db, .risk_data_dir = flags.data});
  if (!service) return Fail(service.error());
  auto report = (*service)->Import(flags.files, {.kind = *kind,
                                                 .organisation = flags.organisation,
                                                 .declaring_site = flags.declaring_site,
                                                 .dry_run = flags.dry_run,
                                                 .accept_partial = flags.accept_partial,
                                                 .progress = ImportProgress()});
  if (!report) return Fail(report.error());
  if (flags.json) {
    std::printf("%s\n", isvgraph::api::ImportReportJson(*report).c_str());
  } else {
    std::fputs(isvgraph::importers::ImportReportText(*report).c_str(), stdout);
  }
  // 0 when written or a clean dry run; 2 when rows were rejected (nothing or part written).
  return report->rejected.empty() ? 0 : 2;
}

int RunImportTemplate(const std::string& kind_name, const std::string& xlsx) {
  auto kind = isvgraph::importers::ImportKindFromName(kind_name);
  if (!kind) return Fail(kind.error());
  if (!xlsx.empty()) {
    if (isvgraph::Status s = isvgraph::importers::WriteTemplateXlsx(*kind, xlsx); !s.ok()) {
      return Fail(s);
    }
    std::fprintf(stderr, "isvgraph: wrote %s\n", xlsx.c_str());
    return 0;
  }
  auto csv = isvgraph::importers::TemplateCsv(*kind);
  if (!csv) return Fail(csv.error());
  std::fputs(csv->c_str(), stdout);
  return 0;
}

int RunBench(isvgraph::api::BenchmarkOptions options) {
  options.progress = [](const std::string& line) {
    std::fprintf(stderr, "isvgraph bench: %s\n", line.c_str());
  };
  auto report = isvgraph::api::RunBenchmark(options);
  if (!report) return Fail(report.error());
  if (options.load_only) {
    std::printf("loaded %s into %s in %.1f s (%zu edge rows)\n", options.data_dir.c_str(),
                options.db_dir.c_str(), report->import_s, report->edge_rows);
    return 0;
  }
  std::fputs(isvgraph::api::BenchmarkTable(*report).c_str(), stdout);
  std::printf("%s\n", isvgraph::api::BenchmarkJson(*report).c_str());
  return 0;
}

int Run(int argc, char** argv) {
  CLI::App app{"isvgraph — supply-chain due diligence for public procurement"};
  app.require_subcommand(0, 1);
  bool show_version = false;
  app.add_flag("--version", show_version, "Print the version and build, then exit");

  ServeFlags serve_flags;
  CLI::App* serve = app.add_subcommand("serve", "Serve the REST API (and web UI) over HTTP");
  serve->add_option("--db", serve_flags.db, "Store directory; created when missing")
      ->capture_default_str();
  serve->add_option("--listen", serve_flags.listen, "HOST:PORT to listen on")
      ->capture_default_str();
  serve->add_flag("--allow-remote", serve_flags.allow_remote,
                  "Allow a non-loopback listen address (exposes the data to the network)");
  serve->add_option("--threads", serve_flags.threads, "HTTP worker threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve->add_option("--max-body-mib", serve_flags.max_body_mib, "Largest request body, MiB")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  serve->add_flag("--quiet", serve_flags.quiet, "Do not log one line per request");
  serve
      ->add_option("--read-timeout-seconds", serve_flags.read_timeout_seconds,
                   "Close a connection whose client has sent nothing for this long (0 = never)")
      ->check(CLI::Range(0, 86400))
      ->capture_default_str();
  serve
      ->add_option("--idle-trim-seconds", serve_flags.idle_trim_seconds,
                   "Give freed heap memory back to the system after this many idle seconds "
                   "(0 = never)")
      ->check(CLI::Range(0, 86400))
      ->capture_default_str();
  serve->add_option("--data", serve_flags.data, "Risk data directory")->capture_default_str();
  serve
      ->add_option("--flag-threshold", serve_flags.flag_threshold,
                   "Theme score (0..1) at or above which a site is flagged")
      ->check(CLI::Range(0.01, 1.0))
      ->capture_default_str();

  bool demo_fresh = false;
  CLI::App* demo = app.add_subcommand(
      "demo",
      "Load the demo (fictional chains, audit groups, audits) into a fresh store and serve it");
  for (CLI::App* server_command : {serve, demo}) {
    server_command->add_option("--web", serve_flags.web,
                               "Web UI directory (default: web/ of the source tree)");
  }
  demo->add_option("--db", serve_flags.db, "Store directory for the demo")->capture_default_str();
  demo->add_option("--listen", serve_flags.listen, "HOST:PORT to listen on")->capture_default_str();
  demo->add_flag("--fresh", demo_fresh, "Replace an existing store at --db");
  demo->add_flag("--quiet", serve_flags.quiet, "Do not log one line per request");

  serve->add_option("--backup-dir", serve_flags.backup_dir,
                    "Directory where POST /v1/backups (admin) writes checkpoints; off without it");
  std::string backup_from, backup_to;
  CLI::App* backup = app.add_subcommand(
      "backup",
      "A consistent checkpoint of a store nobody serves (while serving: POST /v1/backups)");
  backup->add_option("--db", serve_flags.db, "Store directory")->required();
  backup->add_option("--to", backup_to, "New directory for the backup")->required();
  isvgraph::api::ExportOptions export_options;
  CLI::App* export_command = app.add_subcommand("export",
                                                "Sites, links and contracts as the CSV files "
                                                "`isvgraph import` reads (examples/demo's layout)");
  export_command->add_option("--db", serve_flags.db, "Store directory")->required();
  export_command->add_option("--out", export_options.out_dir, "Directory for the files")
      ->required();
  export_command->add_option("--org", export_options.organisation,
                             "Only this organisation's links and contracts (default: all)");
  CLI::App* restore = app.add_subcommand("restore", "Restore a backup into a new store directory");
  restore->add_option("--from", backup_from, "The backup directory")->required();
  restore->add_option("--db", serve_flags.db, "New store directory")->required();

  RiskFlags risk_flags;
  CLI::App* risk = app.add_subcommand("risk", "Ask the risk knowledge base (no store needed)");
  risk->require_subcommand(1);
  risk->add_option("--data", risk_flags.data, "Risk data directory")->capture_default_str();
  risk->add_option("--flag-threshold", risk_flags.flag_threshold,
                   "Theme score (0..1) at or above which a site is flagged")
      ->check(CLI::Range(0.01, 1.0))
      ->capture_default_str();
  risk->add_flag("--json", risk_flags.json, "Print JSON (the REST API's document) instead of text");
  CLI::App* risk_country =
      risk->add_subcommand("country", "Risk of a country per theme, with every indicator");
  risk_country->add_option("code", risk_flags.code, "ISO alpha-2/alpha-3 code or English name")
      ->required();
  CLI::App* risk_site = risk->add_subcommand(
      "site", "Inherent risk of a site from its country, region, sector and product");
  risk_site->add_option("--country", risk_flags.site.country, "ISO code or name")->required();
  risk_site->add_option("--region", risk_flags.site.region, "ISO 3166-2 region, e.g. CN-XJ");
  risk_site->add_option("--sector", risk_flags.site.sector, "Sector id (see GET /v1/risk/sectors)");
  risk_site->add_option("--product", risk_flags.site.product, "Product id, DOL good or HS code");
  risk_site->add_option("--name", risk_flags.site.name, "Site or company name (UFLPA check)");
  CLI::App* risk_cpv = risk->add_subcommand(
      "cpv", "A CPV code: description (EN/NL), ancestors, product group, ISV category");
  risk_cpv->add_option("code", risk_flags.code, "CPV code, e.g. 18100000-0 or 44912100")
      ->required();
  CLI::App* risk_layers = risk->add_subcommand("layers", "The risk layers: edition, licence, rows");

  ChainFlags chain_flags;
  CLI::App* chain = app.add_subcommand(
      "chain", "Chain exposure of a contract: reach, tiers, flags, worst paths, reasons");
  chain->add_option("--db", chain_flags.db, "Store directory")->required();
  chain->add_option("--contract", chain_flags.report.contract_id, "Contract id")->required();
  chain->add_option("--org", chain_flags.report.organisation,
                    "Organisation whose contract it is (its own and public links only); "
                    "default: the administrative view of every organisation's links");
  chain->add_option("--data", chain_flags.data, "Risk data directory")->capture_default_str();
  chain->add_flag("--all-sites", chain_flags.report.all_sites,
                  "List every reached site, not only the flagged ones");
  chain->add_flag("--json", chain_flags.json, "Print JSON instead of text");

  TokenFlags token_flags;
  CLI::App* token = app.add_subcommand("token", "Bearer tokens of organisations");
  token->require_subcommand(1);
  CLI::App* token_create = token->add_subcommand(
      "create", "Create a token (and the organisation, if new); prints it once");
  token_create->add_option("--db", token_flags.db, "Store directory")->required();
  token_create->add_option("--org", token_flags.organisation, "Organisation id")->required();
  token_create->add_option("--role", token_flags.role, "viewer, buyer, auditor or admin")
      ->capture_default_str();
  token_create->add_option("--days", token_flags.days, "Days of validity; 0 = no expiry")
      ->check(CLI::Range(0, 3650))
      ->capture_default_str();
  token_create->add_option("--data", token_flags.data, "Risk data directory")
      ->capture_default_str();

  CLI::App* token_list = token->add_subcommand("list", "The tokens of an organisation");
  token_list->add_option("--db", token_flags.db, "Store directory")->required();
  token_list->add_option("--org", token_flags.organisation, "Organisation id")->required();
  std::string revoke_id;
  CLI::App* token_revoke = token->add_subcommand("revoke", "Revoke a token by its id");
  token_revoke->add_option("--db", token_flags.db, "Store directory")->required();
  token_revoke->add_option("--org", token_flags.organisation, "Organisation id")->required();
  token_revoke->add_option("--id", revoke_id, "Token id (from `token list`), 8+ hex digits")
      ->required();

  ImportFlags import_flags;
  CLI::App* import = app.add_subcommand(
      "import",
      "Import sites, links or contracts (CSV, XLSX, ODS), Open Supply Hub lists, GeoJSON or "
      "GeoPackage sites, CMRT workbooks or OCDS files (one atomic write)");
  import->add_option("--db", import_flags.db, "Store directory");
  import->add_option("--org", import_flags.organisation,
                     "Organisation that owns the links or contracts (ocds: default the buyer)");
  import->add_option("--kind", import_flags.kind,
                     "sites, links, contracts, osh, geo (GeoJSON/GeoPackage), cmrt or ocds");
  import->add_option("--declaring-site", import_flags.declaring_site,
                     "cmrt: the registry site that sent the workbook (default: the "
                     "Declaration's company, by name and the country of its address)");
  import->add_option("--data", import_flags.data, "Risk data directory")->capture_default_str();
  import->add_flag("--dry-run", import_flags.dry_run,
                   "Report what would be created, matched and rejected; write nothing");
  import->add_flag("--accept-partial", import_flags.accept_partial,
                   "Write the good rows even when some are rejected");
  import->add_flag("--json", import_flags.json, "Print the report as JSON");
  import->add_option("files", import_flags.files, "Files to import");
  std::string template_kind, template_xlsx;
  CLI::App* import_template = import->add_subcommand(
      "template", "Print the CSV template of a kind: its columns and an example row");
  import_template->add_option("kind", template_kind, "sites, links, contracts, osh or geo")
      ->required();
  import_template->add_option("--xlsx", template_xlsx,
                              "Write an XLSX workbook (template and column descriptions) instead");

  AssessFlags assess_flags;
  CLI::App* assess = app.add_subcommand(
      "assess", "Assess a contract's chain: risk per theme, assumed tiers, ISV flags");
  assess->add_option("--db", assess_flags.db, "Store directory")->required();
  assess->add_option("--contract", assess_flags.contract, "Contract id")->required();
  assess->add_option("--org", assess_flags.organisation,
                     "The organisation whose contract it is (default: administrative view)");
  assess->add_option("--data", assess_flags.data, "Risk data directory")->capture_default_str();
  assess->add_flag("--json", assess_flags.json, "Print the assessment as JSON");
  assess->add_option("--html", assess_flags.html,
                     "Also write the printable, self-contained HTML report to this file");

  FollowUpFlags followup_flags;
  CLI::App* followup = app.add_subcommand("followup", "The ISV follow-up of a contract");
  followup->require_subcommand(1);
  CLI::App* followup_add = followup->add_subcommand(
      "add", "Record a step: a deliverable or a step of the escalation ladder");
  CLI::App* followup_list = followup->add_subcommand("list", "Show the steps recorded");
  for (CLI::App* sub : {followup_add, followup_list}) {
    sub->add_option("--db", followup_flags.db, "Store directory")->required();
    sub->add_option("--org", followup_flags.organisation, "The organisation")->required();
    sub->add_option("--contract", followup_flags.contract, "Contract id")->required();
    sub->add_option("--data", followup_flags.data, "Risk data directory")->capture_default_str();
  }
  followup_add
      ->add_option("--step", followup_flags.step,
                   "risk_analysis_received, plan_agreed, annual_report, talks, external_advice, "
                   "investigation, default_notice, fine or termination")
      ->required();
  followup_add->add_option("--date", followup_flags.date, "YYYY-MM-DD")->required();
  followup_add->add_option("--note", followup_flags.note, "What happened");
  followup_add->add_option("--tier", followup_flags.tier,
                           "Whose conduct: 0 the contractor, 1 its tier-1 supplier, 2 further up");

  TenderFlags tender_flags;
  CLI::App* tender = app.add_subcommand(
      "tender", "Tender check before suppliers are known: salient themes, ISV clause, questions");
  tender->add_option("--cpv", tender_flags.cpv, "CPV code(s), e.g. 18100000-0")
      ->required()
      ->delimiter(',');
  tender->add_option("--countries", tender_flags.countries, "Expected source countries, e.g. BD,CN")
      ->delimiter(',');
  tender->add_option("--value", tender_flags.value, "Estimated contract value in euro");
  tender->add_option("--authority", tender_flags.authority, "central or sub_central")
      ->capture_default_str();
  tender->add_option("--date", tender_flags.date, "Tender date YYYY-MM-DD (default today)");
  tender->add_option("--data", tender_flags.data, "Risk data directory")->capture_default_str();
  tender->add_flag("--json", tender_flags.json, "Print the advice as JSON");

  std::string group_id;
  CLI::App* group = app.add_subcommand("group", "Audit groups (Swedish model)");
  group->require_subcommand(1);
  CLI::App* group_join = group->add_subcommand(
      "join", "Add an organisation to an audit group: members see shared joint-audit candidates");
  group_join->add_option("--db", token_flags.db, "Store directory")->required();
  group_join->add_option("--org", token_flags.organisation, "Organisation id")->required();
  group_join->add_option("--group", group_id, "Audit group id")->required();

  isvgraph::api::BenchmarkOptions bench_options;
  CLI::App* bench = app.add_subcommand(
      "bench", "Run the WORKLOAD.md benchmark on generator output: import, reopen, Q1, Q2, Q3");
  bench->add_option("--data", bench_options.data_dir, "Generator output directory")->required();
  bench->add_option("--db", bench_options.db_dir, "Fresh store directory (must not exist)")
      ->required();
  bench->add_option("--out", bench_options.out_dir, "Where q1/q2/q3.jsonl are written")->required();
  bench->add_flag("--load-only", bench_options.load_only,
                  "Only import into --db (a store to serve, e.g. for scripts/load-test.sh)");
  bench->add_option("--threads", bench_options.threads, "Threads for Q2 and Q3")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();

  isvgraph::cli::MapFlags map_flags;
  isvgraph::cli::AddMapCommand(app, map_flags);
  isvgraph::cli::AuditFlags audit_flags;
  isvgraph::cli::AddAuditCommands(app, audit_flags);

  // `isvgraph risk site … --json` as well as `isvgraph risk --json site …`.
  for (CLI::App* question : {risk_country, risk_site, risk_cpv, risk_layers}) {
    question->fallthrough();
  }

  CLI11_PARSE(app, argc, argv);

  if (show_version) {
    const isvgraph::api::BuildInfo build = isvgraph::api::CurrentBuild();
    std::printf("%s %s (commit %s, %s, %s%s)\n", build.name.c_str(), build.version.c_str(),
                build.git_commit.c_str(), build.build_type.c_str(), build.compiler.c_str(),
                build.sanitizers ? ", ASan+UBSan" : "");
    return 0;
  }
  if (serve->parsed()) return RunServe(serve_flags);
  if (demo->parsed()) return RunDemo(serve_flags, demo_fresh);
  if (backup->parsed() || restore->parsed()) {
    isvgraph::Result<isvgraph::api::BackupInfo> info = Status::Internal("unreachable");
    if (backup->parsed()) {
      auto service = isvgraph::api::Service::Open({.db_path = serve_flags.db});
      if (!service) return Fail(service.error());
      info = isvgraph::api::BackupStore(**service, backup_to);
    } else {
      info = isvgraph::api::RestoreBackup(backup_from, serve_flags.db);
    }
    if (!info) return Fail(info.error());
    std::printf(
        "%s: %zu site(s), %zu link(s), %zu contract(s); %zu file(s), %llu bytes; format %u\n",
        info->path.c_str(), info->sites, info->links, info->contracts, info->files,
        static_cast<unsigned long long>(info->bytes), info->format);
    return 0;
  }
  if (export_command->parsed()) {
    if (!std::filesystem::is_directory(serve_flags.db)) {
      return Fail(isvgraph::Status::NotFound("no store at " + serve_flags.db));
    }
    auto service = isvgraph::api::Service::Open({.db_path = serve_flags.db});
    if (!service) return Fail(service.error());
    auto exported = isvgraph::api::ExportChainData(**service, export_options);
    if (!exported) return Fail(exported.error());
    for (const std::string& file : exported->files) std::printf("%s\n", file.c_str());
    std::fprintf(stderr, "exported %zu site(s), %zu link(s), %zu contract(s)\n", exported->sites,
                 exported->links, exported->contracts);
    return 0;
  }
  if (auto code = isvgraph::cli::RunMap(app, map_flags)) return *code;
  if (auto code = isvgraph::cli::RunAuditCommands(app, audit_flags)) return *code;
  if (bench->parsed()) return RunBench(bench_options);
  if (chain->parsed()) return RunChain(chain_flags);
  if (token_create->parsed()) return RunTokenCreate(token_flags);
  if (token_list->parsed()) return RunTokenList(token_flags);
  if (token_revoke->parsed()) return RunTokenRevoke(token_flags, revoke_id);
  if (group_join->parsed()) return RunGroupJoin(token_flags, group_id);
  if (tender->parsed()) return RunTender(tender_flags);
  if (assess->parsed()) return RunAssess(assess_flags);
  if (followup_add->parsed()) return RunFollowUp(followup_flags, true);
  if (followup_list->parsed()) return RunFollowUp(followup_flags, false);
  if (import_template->parsed()) return RunImportTemplate(template_kind, template_xlsx);
  if (import->parsed()) {
    if (import_flags.db.empty() || import_flags.kind.empty() || import_flags.files.empty()) {
      return Fail(isvgraph::Status::InvalidArgument(
          "import needs --db DIR --kind KIND and at least one file"));
    }
    return RunImport(import_flags);
  }
  for (CLI::App* question : {risk_country, risk_site, risk_cpv, risk_layers}) {
    if (question->parsed()) return RunRisk(question->get_name(), risk_flags);
  }
  std::cout << app.help();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "isvgraph: internal error: %s\n", e.what());
    return 1;
  }
}
