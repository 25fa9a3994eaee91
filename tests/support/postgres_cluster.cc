#include "support/postgres_cluster.h"

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <pwd.h>
#include <unistd.h>

#include "support/http_client.h"
#include "support/shell.h"

namespace isvgraph::testing {
namespace {

constexpr const char* kBinDir = "/usr/lib/postgresql/15/bin";

std::string& Reason() {
  static std::string reason;
  return reason;
}

}  // namespace

const std::string& PostgresCluster::SkipReason() { return Reason(); }

std::string PostgresCluster::Command(const std::string& tool, const std::string& args) const {
  return run_as_ + " " + bin_dir_ + "/" + tool + " " + args + " 2>&1";
}

PostgresCluster* PostgresCluster::Shared() {
  static std::unique_ptr<PostgresCluster> cluster = []() -> std::unique_ptr<PostgresCluster> {
    if (!std::filesystem::exists(std::string(kBinDir) + "/initdb")) {
      Reason() = std::string("PostgreSQL is not installed (no ") + kBinDir +
                 "/initdb; scripts/bootstrap.sh installs postgresql-15)";
      return nullptr;
    }
    std::unique_ptr<PostgresCluster> c(new PostgresCluster());
    c->bin_dir_ = kBinDir;
    char pattern[] = "/tmp/isvgraph-pg-XXXXXX";
    if (!mkdtemp(pattern)) {
      Reason() = "cannot make a directory under /tmp for the cluster";
      return nullptr;
    }
    c->data_dir_ = std::string(pattern) + "/data";
    if (geteuid() == 0) {
      const passwd* nobody = getpwnam("nobody");
      if (!nobody || chown(pattern, nobody->pw_uid, nobody->pw_gid) != 0) {
        Reason() = "running as root, and the cluster's directory cannot be given to 'nobody'";
        return nullptr;
      }
      c->run_as_ = "runuser -u nobody --";
    }
    const ShellRun init =
        RunShell(c->Command("initdb", "-D " + c->data_dir_ +
                                          " -U isvgraph --auth=trust -E UTF8 --locale=C.UTF-8 "
                                          "--no-sync --no-instructions"));
    if (init.exit_code != 0) {
      Reason() = "initdb failed: " + init.output;
      return nullptr;
    }
    c->port_ = FreeLoopbackPort();
    if (!c->Start()) {
      Reason() = "pg_ctl start failed; see " + c->data_dir_ + "/server.log";
      return nullptr;
    }
    return c;
  }();
  return cluster.get();
}

bool PostgresCluster::Start() {
  const std::string options = "-c listen_addresses=127.0.0.1 -p " + std::to_string(port_) +
                              " -c unix_socket_directories= -c fsync=off -c max_connections=200";
  return RunShell(Command("pg_ctl", "-D " + data_dir_ + " -l " + data_dir_ +
                                        "/server.log -w -t 60 -o '" + options + "' start"))
             .exit_code == 0;
}

bool PostgresCluster::Stop() {
  return RunShell(Command("pg_ctl", "-D " + data_dir_ + " -m fast -w stop")).exit_code == 0;
}

PostgresCluster::~PostgresCluster() {
  RunShell(Command("pg_ctl", "-D " + data_dir_ + " -m immediate -w stop"));
  std::error_code ignored;
  std::filesystem::remove_all(std::filesystem::path(data_dir_).parent_path(), ignored);
}

std::string PostgresCluster::NewDatabase() {
  const std::string name =
      "isvgraph_test_" + std::to_string(getpid()) + "_" + std::to_string(++databases_);
  RunShell(Command("psql", "-h 127.0.0.1 -p " + std::to_string(port_) +
                               " -U isvgraph -d postgres -q -c 'CREATE DATABASE " + name + "'"));
  return "host=127.0.0.1 port=" + std::to_string(port_) + " user=isvgraph dbname=" + name;
}

std::string PostgresCluster::WithPassword(const std::string& url,
                                          const std::string& password) const {
  return url + " password=" + password;
}

}  // namespace isvgraph::testing
