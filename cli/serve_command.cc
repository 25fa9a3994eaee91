// `isvgraph serve` and `isvgraph demo`: the REST API and the web UI over HTTP, until SIGINT or
// SIGTERM; the demo first loads its data into a fresh store and prints its tokens.

#include <chrono>
#include <filesystem>
#include <functional>
#include <signal.h>

#include "command.h"
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

class ServeCommands final : public CommandFamily {
 public:
  void Add(CLI::App& app) override {
    serve_ = app.add_subcommand("serve", "Serve the REST API (and web UI) over HTTP");
    serve_->add_option("--db", db_, "Store directory; created when missing")->capture_default_str();
    serve_->add_option("--listen", listen_, "HOST:PORT to listen on")->capture_default_str();
    serve_->add_flag("--allow-remote", allow_remote_,
                     "Allow a non-loopback listen address (exposes the data to the network)");
    serve_->add_option("--threads", threads_, "HTTP worker threads")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    serve_->add_option("--max-body-mib", max_body_mib_, "Largest request body, MiB")
        ->check(CLI::Range(1, 4096))
        ->capture_default_str();
    serve_->add_flag("--quiet", quiet_, "Do not log one line per request");
    serve_
        ->add_option("--read-timeout-seconds", read_timeout_seconds_,
                     "Close a connection whose client has sent nothing for this long (0 = never)")
        ->check(CLI::Range(0, 86400))
        ->capture_default_str();
    serve_
        ->add_option("--idle-trim-seconds", idle_trim_seconds_,
                     "Give freed heap memory back to the system after this many idle seconds "
                     "(0 = never)")
        ->check(CLI::Range(0, 86400))
        ->capture_default_str();
    serve_->add_option("--data", data_, "Risk data directory")->capture_default_str();
    serve_
        ->add_option("--flag-threshold", flag_threshold_,
                     "Theme score (0..1) at or above which a site is flagged")
        ->check(CLI::Range(0.01, 1.0))
        ->capture_default_str();
    serve_->add_option(
        "--backup-dir", backup_dir_,
        "Directory where POST /v1/backups (admin) writes checkpoints; off without it");

    demo_ = app.add_subcommand(
        "demo",
        "Load the demo (fictional chains, audit groups, audits) into a fresh store and serve it");
    demo_->add_option("--db", db_, "Store directory for the demo")->capture_default_str();
    demo_->add_option("--listen", listen_, "HOST:PORT to listen on")->capture_default_str();
    demo_->add_flag("--fresh", fresh_, "Replace an existing store at --db");
    demo_->add_flag("--quiet", quiet_, "Do not log one line per request");
    for (CLI::App* server_command : {serve_, demo_}) {
      server_command->add_option(
          "--web", web_,
          "Web UI directory (default: share/isvgraph/web of the install, else web/ "
          "of the source tree)");
    }
  }

  std::optional<int> Run() override {
    if (serve_->parsed()) return Serve();
    if (demo_->parsed()) return Demo();
    return std::nullopt;
  }

 private:
  // Serves the store until SIGINT or SIGTERM. `prepare` runs on the opened service before the
  // server starts (the demo loads its data there).
  int Serve(const std::function<Status(api::Service&)>& prepare = {}) {
    api::ServerOptions options;
    if (Status s = ParseListen(listen_, &options); !s.ok()) return Fail(s);
    options.allow_remote = allow_remote_;
    options.threads = threads_;
    options.max_body_bytes = max_body_mib_ << 20;
    options.log_requests = !quiet_;
    if (!web_.empty()) options.web_dir = web_;
    options.backup_dir = backup_dir_;
    options.read_timeout = std::chrono::seconds(read_timeout_seconds_);
    options.idle_trim_interval = std::chrono::seconds(idle_trim_seconds_);

    auto service = api::Service::Open(
        {.db_path = db_, .risk_data_dir = data_, .flag_threshold = flag_threshold_});
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

    auto server = api::Server::Start(**service, options);
    if (!server) return Fail(server.error());
    std::fprintf(stderr, "isvgraph: serving %s (store %s); web UI at %s/ ; Ctrl-C stops\n",
                 (*server)->url().c_str(), db_.c_str(), (*server)->url().c_str());
    int received = 0;
    sigwait(&signals, &received);
    std::fprintf(stderr, "isvgraph: %s received, shutting down\n",
                 received == SIGINT ? "SIGINT" : "SIGTERM");
    if (Status s = (*server)->Stop(); !s.ok()) return Fail(s);
    return 0;
  }

  // The demo data in a fresh store, its tokens printed, then served.
  int Demo() {
    if (graph::RocksStoreExists(db_)) {
      if (!fresh_) {
        return Fail(Status::FailedPrecondition("a store exists at " + db_ +
                                               "; the demo loads into a fresh one (add --fresh to "
                                               "replace it, or give another --db)"));
      }
      std::error_code ec;
      std::filesystem::remove_all(db_, ec);
      if (ec) return Fail(Status::IoError("cannot remove " + db_ + ": " + ec.message()));
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
      std::fflush(stdout);
      return Status::Ok();
    });
  }

  CLI::App* serve_ = nullptr;
  CLI::App* demo_ = nullptr;
  std::string db_ = "isvgraph-data";
  std::string data_ = api::DefaultRiskDataDir();
  double flag_threshold_ = riskdata::kDefaultFlagThreshold;
  std::string listen_ = "127.0.0.1:8080";
  bool allow_remote_ = false;
  int threads_ = 4;
  size_t max_body_mib_ = 32;
  bool quiet_ = false;
  std::string web_;                // web UI directory; "" = the one in the source tree
  std::string backup_dir_;         // where POST /v1/backups writes; "" = off
  int idle_trim_seconds_ = 10;     // 0 = never give freed heap back
  int read_timeout_seconds_ = 60;  // 0 = none
  bool fresh_ = false;
};

}  // namespace

std::unique_ptr<CommandFamily> NewServeCommands() { return std::make_unique<ServeCommands>(); }

}  // namespace isvgraph::cli
