#pragma once

// Runs a shell command for a test and keeps its exit code and output: the real binary as a user
// runs it, or a system tool (systemd-analyze, promtool). Append " 2>&1" to the command to read
// stderr as well.

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace isvgraph::testing {

struct ShellRun {
  int exit_code = -1;  // -1 when the command could not run or did not exit normally
  std::string output;  // what it wrote on standard output
};

inline ShellRun RunShell(const std::string& command) {
  ShellRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer;
  while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) {
    run.output.append(buffer.data(), n);
  }
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace isvgraph::testing
