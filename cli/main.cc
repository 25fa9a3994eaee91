// isvgraph: the command-line entry point. Wires the command families (one file each) into one
// application; the families parse flags and call the api's service (docs/architecture.md).

#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <vector>

#include <CLI/CLI.hpp>

#include "command.h"

namespace {

int Run(int argc, char** argv) {
  CLI::App app{"isvgraph — supply-chain due diligence for public procurement"};
  app.require_subcommand(0, 1);
  bool show_version = false;
  app.add_flag("--version", show_version, "Print the version and build, then exit");

  std::vector<std::unique_ptr<isvgraph::cli::CommandFamily>> families;
  families.push_back(isvgraph::cli::NewServeCommands());
  families.push_back(isvgraph::cli::NewStoreCommands());
  families.push_back(isvgraph::cli::NewImportCommands());
  families.push_back(isvgraph::cli::NewContractCommands());
  families.push_back(isvgraph::cli::NewRiskCommands());
  families.push_back(isvgraph::cli::NewAuditCommands());
  families.push_back(isvgraph::cli::NewMapCommands());
  families.push_back(isvgraph::cli::NewBenchCommands());
  families.push_back(isvgraph::cli::NewDataCommands());
  for (auto& family : families) family->Add(app);

  CLI11_PARSE(app, argc, argv);

  if (show_version) {
    const isvgraph::api::BuildInfo build = isvgraph::api::CurrentBuild();
    std::printf("%s %s (commit %s, %s, %s%s)\n", build.name.c_str(), build.version.c_str(),
                build.git_commit.c_str(), build.build_type.c_str(), build.compiler.c_str(),
                build.sanitizers ? ", sanitizers" : "");
    return 0;
  }
  for (auto& family : families) {
    if (auto code = family->Run()) return *code;
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
