#pragma once

// The real `isvgraph serve` as a child process on a free loopback port, for tests that kill it
// or send it signals: started with the given arguments (after `serve`; --listen is added), its
// output to `log_path` ("" = /dev/null), returned once /v1/health answers.

#include <chrono>
#include <fcntl.h>
#include <signal.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "support/http_client.h"

namespace isvgraph::testing {

// The child's pid once /v1/health answers 200, or -1 after 60 s (five ports tried: the free port
// may be taken between the probe and the bind).
inline pid_t StartServeProcess(const std::string& binary, const std::vector<std::string>& args,
                               uint16_t* port, const std::string& log_path = "") {
  for (int attempt = 0; attempt < 5; ++attempt) {
    *port = FreeLoopbackPort();
    std::vector<std::string> argv = {binary, "serve", "--listen",
                                     "127.0.0.1:" + std::to_string(*port)};
    argv.insert(argv.end(), args.begin(), args.end());
    const pid_t child = fork();
    if (child == 0) {
      const int out = log_path.empty()
                          ? ::open("/dev/null", O_WRONLY)
                          : ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      dup2(out, 1);
      dup2(out, 2);
      std::vector<char*> raw;
      for (std::string& arg : argv) raw.push_back(arg.data());
      raw.push_back(nullptr);
      execv(binary.c_str(), raw.data());
      _exit(127);
    }
    for (int i = 0; i < 600; ++i) {
      int status = 0;
      if (waitpid(child, &status, WNOHANG) == child) break;  // the port was taken: try another
      if (HttpRequest(*port, "GET", "/v1/health").status == 200) return child;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
  }
  return -1;
}

}  // namespace isvgraph::testing
