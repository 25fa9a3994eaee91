// `isvgraph serve` and `isvgraph demo`: the REST API and the web UI over HTTP, until SIGINT or
// SIGTERM; SIGHUP switches to the risk data directory as it is on disk now. The demo first loads
// its data into a fresh store and prints its tokens.

#include <chrono>
#include <filesystem>
#include <functional>
#include <signal.h>
#include <string>
#include <vector>

#include "command.h"
#include "isvgraph/api/data_diff.h"
#include "isvgraph/api/demo.h"
#include "isvgraph/api/server.h"

namespace isvgraph::cli {
namespace {

// Splits "HOST:PORT" into its parts. Returns InvalidArgument on anything else.
Status ParseListen(const std::string& listen, api::ServerOptions* options) {
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

// Everything `serve` takes, on its command line or from the configuration file's [serve]
// section (`isvgraph --config FILE serve`; flags on the command line win).
struct ServeFlags {
  std::string db = "isvgraph-data";
  std::string data = api::DefaultRiskDataDir();
  double flag_threshold = riskdata::kDefaultFlagThreshold;
  std::string listen = "127.0.0.1:8080";
  bool allow_remote = false;
  int threads = 4;
  size_t max_body_mib = 32;
  bool quiet = false;
  std::string log_format = "text";  // text | json
  std::string web;                  // web UI directory; "" = the default (DefaultWebDir)
  std::string backup_dir;           // where POST /v1/backups writes; "" = off
  int idle_trim_seconds = 10;       // 0 = never give freed heap back
  int read_timeout_seconds = 60;    // 0 = none
};

void AddServeOptions(CLI::App* serve, ServeFlags* f) {
  serve
      ->add_option("--db,--store", f->db,
                   "Store: a directory (RocksDB; created when missing) or a PostgreSQL "
                   "connection string (postgresql://user@host/db; schema created when missing)")
      ->capture_default_str();
  serve->add_option("--listen", f->listen, "HOST:PORT to listen on")->capture_default_str();
  serve->add_flag("--allow-remote", f->allow_remote,
                  "Allow a non-loopback listen address (exposes the data to the network)");
  serve->add_option("--threads", f->threads, "HTTP worker threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve->add_option("--max-body-mib", f->max_body_mib, "Largest request body, MiB")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  serve->add_flag("--quiet", f->quiet, "Do not log one line per request");
  serve
      ->add_option("--log-format", f->log_format,
                   "Request log lines as text, or as one JSON object per line (time, request_id, "
                   "method, target, route, status, duration_ms, organisation, token_id)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  serve
      ->add_option("--read-timeout-seconds", f->read_timeout_seconds,
                   "Close a connection whose client has sent nothing for this long (0 = never)")
      ->check(CLI::Range(0, 86400))
      ->capture_default_str();
  serve
      ->add_option("--idle-trim-seconds", f->idle_trim_seconds,
                   "Give freed heap memory back to the system after this many idle seconds "
                   "(0 = never)")
      ->check(CLI::Range(0, 86400))
      ->capture_default_str();
  serve->add_option("--data", f->data, "Risk data directory")->capture_default_str();
  serve
      ->add_option("--flag-threshold", f->flag_threshold,
                   "Theme score (0..1) at or above which a site is flagged")
      ->check(CLI::Range(0.01, 1.0))
      ->capture_default_str();
  serve->add_option("--backup-dir", f->backup_dir,
                    "Directory where POST /v1/backups (admin) writes checkpoints; off without it");
}

// The configuration file as `serve` would read it: CLI11's own parser, with serve's options and
// checks, and unknown keys refused.
Result<ServeFlags> ReadServeConfig(const std::string& path) {
  ServeFlags flags;
  CLI::App app{"isvgraph"};
  app.set_config("--config", "", "", /*config_required=*/true);
  app.allow_config_extras(CLI::config_extras_mode::error);
  AddServeOptions(app.add_subcommand("serve"), &flags);
  try {
    app.parse(std::vector<std::string>{"serve", path, "--config"});  // CLI11 reads it reversed
  } catch (const CLI::ConfigError& e) {
    // CLI11 says "INI was not able to parse serve.dbb": name the key and the ones there are.
    std::string known;
    for (const CLI::Option* option : app.get_subcommand("serve")->get_options()) {
      if (option->get_lnames().empty() || option->get_lnames()[0] == "help") continue;
      known += (known.empty() ? "" : ", ") + option->get_lnames()[0];
    }
    return Status::InvalidArgument(path + ": " + e.what() +
                                   " (an unknown key, or one outside [serve]; [serve] takes " +
                                   known + ")");
  } catch (const CLI::ParseError& e) {
    return Status::InvalidArgument(path + ": " + e.what());
  }
  return flags;
}

// What `serve` with these flags would meet before it could answer: each problem one sentence.
std::vector<std::string> CheckServeFlags(const ServeFlags& f) {
  std::vector<std::string> problems;
  api::ServerOptions options;
  if (Status s = ParseListen(f.listen, &options); !s.ok()) {
    problems.push_back(s.message());
  } else if (!f.allow_remote && !api::IsLoopbackHost(options.host)) {
    problems.push_back("listen " + f.listen +
                       " is not a loopback address: serve refuses it without allow-remote = true "
                       "(put a reverse proxy in front instead; docs/operations.md)");
  }
  std::error_code ec;
  namespace fs = std::filesystem;
  const fs::path db(f.db);
  if (graph::IsPostgresUrl(f.db)) {
    // Connects and checks the schema's version; writes nothing.
    auto store = graph::OpenPostgresStore(
        {.url = f.db, .create_if_missing = false, .connections = 1, .exclusive = false});
    if (!store && store.error().code() != StatusCode::kNotFound) {
      problems.push_back("db: " + store.error().message());
    }
  } else if (fs::exists(db, ec) && !graph::RocksStoreExists(f.db)) {
    problems.push_back("db " + f.db + " exists but is not an isvgraph store");
  } else if (!fs::exists(db, ec) && !fs::is_directory(fs::absolute(db).parent_path(), ec)) {
    problems.push_back("db " + f.db + " cannot be created: its parent directory does not exist");
  }
  if (auto kb = api::LoadKnowledgeBase(f.data, f.flag_threshold); !kb) {
    problems.push_back("data " + f.data + ": " + kb.error().message());
  }
  const std::string web = f.web.empty() ? api::DefaultWebDir() : f.web;
  if (!fs::is_regular_file(fs::path(web) / "index.html", ec)) {
    problems.push_back("web " + web + " has no index.html");
  }
  if (!f.backup_dir.empty() && !fs::is_directory(f.backup_dir, ec)) {
    problems.push_back("backup-dir " + f.backup_dir + " is not a directory");
  }
  return problems;
}

class ServeCommands final : public CommandFamily {
 public:
  void Add(CLI::App& app) override {
    app.set_config("--config", "",
                   "Configuration file: a [serve] section with serve's options, one per line "
                   "(db = \"/var/lib/isvgraph/store\"); flags on the command line win");
    app.allow_config_extras(CLI::config_extras_mode::error);
    serve_ = app.add_subcommand("serve", "Serve the REST API (and web UI) over HTTP");
    AddServeOptions(serve_, &flags_);
    config_ = app.add_subcommand("config", "Check a configuration file before serving with it");
    config_->require_subcommand(1);
    check_ = config_->add_subcommand(
        "check", "Read FILE as serve would and check its store, data, web and listen address");
    check_->add_option("file", config_file_, "The configuration file")->required();

    demo_ = app.add_subcommand(
        "demo",
        "Load the demo (fictional chains, audit groups, audits) into a fresh store and serve it");
    demo_->add_option("--db", flags_.db, "Store directory for the demo")->capture_default_str();
    demo_->add_option("--listen", flags_.listen, "HOST:PORT to listen on")->capture_default_str();
    demo_->add_flag("--fresh", fresh_, "Replace an existing store at --db");
    demo_->add_flag("--quiet", flags_.quiet, "Do not log one line per request");
    for (CLI::App* server_command : {serve_, demo_}) {
      server_command->add_option(
          "--web", flags_.web,
          "Web UI directory (default: share/isvgraph/web of the install, else web/ "
          "of the source tree)");
    }
  }

  std::optional<int> Run() override {
    if (serve_->parsed()) return Serve();
    if (demo_->parsed()) return Demo();
    if (check_->parsed()) return CheckConfig();
    return std::nullopt;
  }

 private:
  // Serves the store until SIGINT or SIGTERM. `prepare` runs on the opened service before the
  // server starts (the demo loads its data there).
  int Serve(const std::function<Status(api::Service&)>& prepare = {}) {
    api::ServerOptions options;
    const ServeFlags& f = flags_;
    if (Status s = ParseListen(f.listen, &options); !s.ok()) return Fail(s);
    options.allow_remote = f.allow_remote;
    options.threads = f.threads;
    options.max_body_bytes = f.max_body_mib << 20;
    options.log_requests = !f.quiet;
    options.log_format = f.log_format == "json" ? api::LogFormat::kJson : api::LogFormat::kText;
    if (!f.web.empty()) options.web_dir = f.web;
    options.backup_dir = f.backup_dir;
    options.read_timeout = std::chrono::seconds(f.read_timeout_seconds);
    options.idle_trim_interval = std::chrono::seconds(f.idle_trim_seconds);

    // Block the signals before any thread starts — the store's background threads, the HTTP
    // pool — so that every thread inherits the mask and only sigwait below receives them. A
    // thread that left them open would take SIGHUP's default action and end the process. A
    // signal that comes while the store opens waits for sigwait: the server then stops (or
    // reloads) as soon as it is up.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto service = api::Service::Open({.db_path = f.db,
                                       .risk_data_dir = f.data,
                                       .flag_threshold = f.flag_threshold,
                                       .follow_store = true});
    if (!service) return Fail(service.error());
    if (prepare) {
      if (Status s = prepare(**service); !s.ok()) return Fail(s);
      options.demo_sign_ins = demo_sign_ins_;
    }
    auto server = api::Server::Start(**service, options);
    if (!server) return Fail(server.error());
    std::fprintf(stderr, "isvgraph: serving %s (store %s); web UI at %s/ ; Ctrl-C stops\n",
                 (*server)->url().c_str(), (*service)->Health().store_path.c_str(),
                 (*server)->url().c_str());
    int received = 0;
    while (sigwait(&signals, &received) == 0 && received == SIGHUP) ReloadRiskData(**service);
    std::fprintf(stderr, "isvgraph: %s received, shutting down\n",
                 received == SIGINT ? "SIGINT" : "SIGTERM");
    if (Status s = (*server)->Stop(); !s.ok()) return Fail(s);
    return 0;
  }

  // SIGHUP: the risk data directory again, and in the log what changed or why nothing did.
  static void ReloadRiskData(api::Service& service) {
    auto reload = service.ReloadRiskData();
    if (!reload) {
      std::fprintf(stderr, "isvgraph: SIGHUP: %s\n", reload.error().message().c_str());
      return;
    }
    std::string layers;
    for (const api::LayerChange& layer : api::CompareLayers(*reload->before, *reload->after)) {
      layers += "; " + layer.layer + ": " + layer.before + " -> " + layer.after;
    }
    std::fprintf(stderr,
                 "isvgraph: SIGHUP: risk data reloaded from %s (read in %.2f s, sites rescored in "
                 "%.2f s)%s\n",
                 service.risk_data_dir().c_str(), reload->load_ms / 1000, reload->rescore_ms / 1000,
                 layers.empty() ? "; no layer's edition or rows changed" : layers.c_str());
  }

  // `isvgraph config check FILE`: 0 when serve would start with it, 1 with each problem.
  int CheckConfig() {
    auto flags = ReadServeConfig(config_file_);
    if (!flags) return Fail(flags.error());
    const std::vector<std::string> problems = CheckServeFlags(*flags);
    for (const std::string& problem : problems) {
      std::fprintf(stderr, "isvgraph: %s: %s\n", config_file_.c_str(), problem.c_str());
    }
    if (!problems.empty()) return 1;
    std::printf(
        "%s: serve would listen on %s with the store %s, risk data %s, web UI %s%s%s\n",
        config_file_.c_str(), flags->listen.c_str(),
        (graph::IsPostgresUrl(flags->db) ? graph::RedactPostgresUrl(flags->db) : flags->db).c_str(),
        flags->data.c_str(), (flags->web.empty() ? api::DefaultWebDir() : flags->web).c_str(),
        flags->backup_dir.empty() ? "" : ", backups in ", flags->backup_dir.c_str());
    return 0;
  }

  // The demo data in a fresh store, its tokens printed, then served.
  int Demo() {
    const std::string& db = flags_.db;
    if (graph::RocksStoreExists(db)) {
      if (!fresh_) {
        return Fail(Status::FailedPrecondition("a store exists at " + db +
                                               "; the demo loads into a fresh one (add --fresh to "
                                               "replace it, or give another --db)"));
      }
      std::error_code ec;
      std::filesystem::remove_all(db, ec);
      if (ec) return Fail(Status::IoError("cannot remove " + db + ": " + ec.message()));
    }
    return Serve([&](api::Service& service) -> Status {
      auto tokens = api::LoadDemo(service, api::DefaultDemoDir(), [](const std::string& line) {
        std::fprintf(stderr, "demo: %s\n", line.c_str());
      });
      if (!tokens) return tokens.error();
      std::printf(
          "Demo loaded (fictional companies, real places). Paste a token into the web UI.\n");
      std::printf("Read-only training tokens, one per contracting authority:\n");
      for (const auto& [org, token] : tokens->viewers)
        std::printf("  %-10s %s\n", org.c_str(), token.c_str());
      std::printf("Admin token (%s): %s\n", tokens->admin_organisation.c_str(),
                  tokens->admin.c_str());
      std::printf("Or open the web UI and choose \"Sign in as a trainee\".\n");
      demo_sign_ins_ = tokens->viewers;  // offered by the UI's trainee sign-in
      std::fflush(stdout);
      return Status::Ok();
    });
  }

  CLI::App* serve_ = nullptr;
  CLI::App* demo_ = nullptr;
  CLI::App* config_ = nullptr;
  CLI::App* check_ = nullptr;
  ServeFlags flags_;
  std::string config_file_;
  bool fresh_ = false;
  std::vector<std::pair<std::string, std::string>> demo_sign_ins_;  // demo only
};

}  // namespace

std::unique_ptr<CommandFamily> NewServeCommands() { return std::make_unique<ServeCommands>(); }

}  // namespace isvgraph::cli
