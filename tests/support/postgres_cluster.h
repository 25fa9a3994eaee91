#pragma once

// PostgresCluster: a PostgreSQL cluster of the test binary's own, started on first use with
// Debian's postgresql-15 (initdb and pg_ctl into a directory under /tmp, on a free loopback port,
// no Unix socket) and stopped when the binary exits. Nothing depends on a system service. Run
// as root, the cluster runs as the unprivileged user `nobody` (initdb refuses root). fsync is
// off: the tests check behaviour, not durability across power loss.
//
// Each test asks for a fresh database of its own (NewDatabase). Where PostgreSQL cannot start
// (not installed, no such user), Shared() answers nullptr and SkipReason() says why: tests
// GTEST_SKIP with it.

#include <cstdint>
#include <string>

namespace isvgraph::testing {

class PostgresCluster {
 public:
  // The binary's cluster, started on the first call; nullptr when it cannot start.
  static PostgresCluster* Shared();
  static const std::string& SkipReason();

  // Creates an empty database and answers its connection string (libpq key=value form).
  std::string NewDatabase();
  // A connection string with a password in it, for tests that check it is never shown: the
  // cluster trusts loopback connections, so the password is not checked.
  std::string WithPassword(const std::string& url, const std::string& password) const;

  // Stops the cluster ("fast": connections are closed) or starts it again on the same port.
  bool Stop();
  bool Start();

  uint16_t port() const { return port_; }
  const std::string& data_dir() const { return data_dir_; }

  ~PostgresCluster();

 private:
  PostgresCluster() = default;
  std::string Command(const std::string& tool, const std::string& args) const;

  std::string bin_dir_, data_dir_, run_as_;  // run_as_: "" or "runuser -u nobody --"
  uint16_t port_ = 0;
  int databases_ = 0;
};

}  // namespace isvgraph::testing
