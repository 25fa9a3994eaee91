// isvgraph: the command-line entry point. Parses flags and calls isvgraph::api; nothing else
// lives here (STYLE.md: cli/ holds argument parsing only).

#include <cstdio>
#include <exception>
#include <iostream>
#include <signal.h>
#include <string>

#include <CLI/CLI.hpp>

#include "isvgraph/api/server.h"
#include "isvgraph/api/service.h"

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

int Fail(const Status& status) {
  std::fprintf(stderr, "isvgraph: %s\n", status.ToString().c_str());
  return status.code() == isvgraph::StatusCode::kInvalidArgument ? 2 : 1;
}

struct ServeFlags {
  std::string db = "isvgraph-data";
  std::string listen = "127.0.0.1:8080";
  bool allow_remote = false;
  int threads = 4;
  size_t max_body_mib = 32;
  bool quiet = false;
};

// Serves until SIGINT or SIGTERM, then shuts down cleanly.
int RunServe(const ServeFlags& flags) {
  isvgraph::api::ServerOptions options;
  if (Status s = ParseListen(flags.listen, &options); !s.ok()) return Fail(s);
  options.allow_remote = flags.allow_remote;
  options.threads = flags.threads;
  options.max_body_bytes = flags.max_body_mib << 20;
  options.log_requests = !flags.quiet;

  auto service = isvgraph::api::Service::Open({.db_path = flags.db});
  if (!service) return Fail(service.error());

  // Block the shutdown signals in every thread (the HTTP pool inherits this mask), then wait
  // for them here.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto server = isvgraph::api::Server::Start(**service, options);
  if (!server) return Fail(server.error());
  std::fprintf(stderr, "isvgraph: serving %s (store %s); Ctrl-C stops\n", (*server)->url().c_str(),
               flags.db.c_str());

  int received = 0;
  sigwait(&signals, &received);
  std::fprintf(stderr, "isvgraph: %s received, shutting down\n",
               received == SIGINT ? "SIGINT" : "SIGTERM");
  if (Status s = (*server)->Stop(); !s.ok()) return Fail(s);
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

  CLI11_PARSE(app, argc, argv);

  if (show_version) {
    const isvgraph::api::BuildInfo build = isvgraph::api::CurrentBuild();
    std::printf("%s %s (commit %s, %s, %s%s)\n", build.name.c_str(), build.version.c_str(),
                build.git_commit.c_str(), build.build_type.c_str(), build.compiler.c_str(),
                build.sanitizers ? ", ASan+UBSan" : "");
    return 0;
  }
  if (serve->parsed()) return RunServe(serve_flags);
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
