// The service an IT department installs: the systemd unit passes `systemd-analyze verify` and
// keeps its hardening, and `cmake --install` gives a relocatable tree whose binary answers from
// its own share/isvgraph, not from the source tree.

#include <fstream>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "support/shell.h"
#include "support/temp_dir.h"

namespace isvgraph {
using testing::RunShell;
using testing::ShellRun;
using testing::TempDir;
namespace {

// The command's exit code and everything it wrote, stdout and stderr together.
ShellRun Shell(const std::string& command) { return RunShell(command + " 2>&1"); }

std::string Read(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

constexpr char kUnit[] = ISVGRAPH_SOURCE_DIR "/deploy/systemd/isvgraph.service";

TEST(ServiceUnit, VerifiesAndStaysHardened) {
  if (Shell("command -v systemd-analyze").exit_code != 0) {
    GTEST_SKIP() << "systemd-analyze is not installed (package systemd)";
  }
  const std::string unit = Read(kUnit);
  ASSERT_FALSE(unit.empty()) << kUnit;
  for (const char* line :
       {"User=isvgraph", "ProtectSystem=strict", "NoNewPrivileges=yes",
        "ReadWritePaths=/var/lib/isvgraph", "PrivateTmp=yes", "CapabilityBoundingSet=\n",
        "--config /etc/isvgraph/isvgraph.conf serve"}) {
    EXPECT_NE(unit.find(line), std::string::npos) << line;
  }
  // verify checks that ExecStart's binary exists: point it at the one just built.
  TempDir dir;
  const std::string copy = dir.Sub("isvgraph.service");
  std::ofstream(copy) << std::regex_replace(unit, std::regex("/usr/bin/isvgraph"),
                                            std::string(ISVGRAPH_BINARY));
  const ShellRun verify = Shell("systemd-analyze verify " + copy);
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_EQ(verify.output, "");
  // systemd's own exposure score (0 = locked down, 10 = exposed); "OK" is below 4.
  const ShellRun security = Shell("systemd-analyze security --offline=yes " + copy);
  std::smatch level;
  ASSERT_TRUE(std::regex_search(security.output, level,
                                std::regex(R"(Overall exposure level for \S+: ([0-9.]+))")))
      << security.output;
  EXPECT_LT(std::stod(level[1]), 2.5) << security.output;
}

TEST(ServiceConfig, TheShippedFileIsWhatServeReads) {
  TempDir dir;
  // The shipped file with its /var/lib paths moved into a temporary directory.
  const std::string config = dir.Sub("isvgraph.conf");
  std::ofstream(config) << std::regex_replace(Read(ISVGRAPH_SOURCE_DIR "/deploy/etc/isvgraph.conf"),
                                              std::regex("/var/lib/isvgraph"), dir.path());
  ASSERT_EQ(Shell("mkdir -p " + dir.Sub("backups")).exit_code, 0);
  const ShellRun check = Shell(std::string(ISVGRAPH_BINARY) + " config check " + config);
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_NE(
      check.output.find("serve would listen on 127.0.0.1:8080 with the store " + dir.Sub("store")),
      std::string::npos)
      << check.output;
  // A misspelt key, a value out of range and a public address are each refused in one line.
  std::ofstream(dir.Sub("typo.conf")) << "[serve]\ndbb = \"x\"\n";
  const ShellRun typo =
      Shell(std::string(ISVGRAPH_BINARY) + " config check " + dir.Sub("typo.conf"));
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.output.find("serve.dbb (an unknown key"), std::string::npos) << typo.output;
  std::ofstream(dir.Sub("range.conf")) << "[serve]\nthreads = 999\n";
  EXPECT_NE(Shell(std::string(ISVGRAPH_BINARY) + " config check " + dir.Sub("range.conf"))
                .output.find("--threads: Value 999 not in range 1 to 256"),
            std::string::npos);
  std::ofstream(dir.Sub("public.conf"))
      << "[serve]\nlisten = \"0.0.0.0:8080\"\ndb = \"" << dir.Sub("store") << "\"\n";
  const ShellRun open =
      Shell(std::string(ISVGRAPH_BINARY) + " config check " + dir.Sub("public.conf"));
  EXPECT_EQ(open.exit_code, 1);
  EXPECT_NE(open.output.find("is not a loopback address"), std::string::npos) << open.output;
}

TEST(Install, TheInstalledBinaryAnswersFromItsOwnShareDirectory) {
  TempDir dir;
  const std::string prefix = dir.Sub("prefix");
  const ShellRun install = Shell("cmake --install " + std::string(ISVGRAPH_BUILD_DIR) +
                                 " --prefix " + prefix + " --component runtime");
  ASSERT_EQ(install.exit_code, 0) << install.output;
  const std::string binary = prefix + "/bin/isvgraph";
  // The defaults point into the install, not into the source tree.
  const ShellRun help = Shell(binary + " serve --help");
  EXPECT_NE(help.output.find("--data TEXT=" + prefix + "/share/isvgraph/riskdata"),
            std::string::npos)
      << help.output;
  const ShellRun tender =
      Shell("LANG=C " + binary + " tender --cpv 18100000-0 --countries BD --value 500000");
  EXPECT_EQ(tender.exit_code, 0) << tender.output;
  EXPECT_NE(tender.output.find("ISV clause: MANDATORY"), std::string::npos) << tender.output;
  for (const char* file :
       {"/share/isvgraph/mapdata/ne_50m_admin0_countries.geojson", "/share/isvgraph/web/index.html",
        "/share/isvgraph/examples/demo", "/lib/systemd/system/isvgraph.service",
        "/share/doc/isvgraph/operations.md"}) {
    EXPECT_EQ(Shell("test -e " + prefix + file).exit_code, 0) << file;
  }
}

}  // namespace
}  // namespace isvgraph
