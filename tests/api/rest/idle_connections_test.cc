// The read timeout from outside the HTTP library: a sweep shuts the reading side of connections
// accepted on one port that have received nothing for a while, and touches nothing else — not a
// recently active connection, not another port's, not the clients' own sockets, not writing.

#include "rest/idle_connections.h"

#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace isvgraph::api::rest {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

// A listening socket on 127.0.0.1 and an ephemeral port, one client connected to it and the
// server's side of that connection.
struct Connection {
  int listener = -1, client = -1, accepted = -1;
  uint16_t port = 0;

  Connection() {
    listener = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{.sin_family = AF_INET, .sin_port = 0, .sin_addr = {htonl(INADDR_LOOPBACK)}};
    socklen_t length = sizeof(address);
    if (bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        listen(listener, 4) != 0 ||
        getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      return;
    }
    port = ntohs(address.sin_port);
    client = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(client, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) return;
    accepted = accept(listener, nullptr, nullptr);
  }
  ~Connection() {
    for (int fd : {listener, client, accepted}) {
      if (fd >= 0) close(fd);
    }
  }
  bool ok() const { return accepted >= 0; }

  // What a read on the server's side finds now, without waiting: "eof", "nothing" or the data.
  std::string ServerReads() const {
    char buffer[64];
    const ssize_t n = recv(accepted, buffer, sizeof(buffer), MSG_DONTWAIT);
    if (n == 0) return "eof";
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK ? "nothing" : "error";
    return std::string(buffer, static_cast<size_t>(n));
  }
};

TEST(IdleConnections, AnIdleAcceptedConnectionReadsAsClosed) {
  Connection c;
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.ServerReads(), "nothing");
  // Idle for at least 0 ms: every established connection on the port, and only the accepted
  // one (the listening socket has no peer, the client's local port is another).
  EXPECT_EQ(ShutIdleConnections(c.port, milliseconds(0)), 1);
  EXPECT_EQ(c.ServerReads(), "eof");
}

TEST(IdleConnections, AConnectionThatSentLatelyIsKept) {
  Connection c;
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(send(c.client, "GET /", 5, 0), 5);
  EXPECT_EQ(ShutIdleConnections(c.port, hours(1)), 0);
  EXPECT_EQ(c.ServerReads(), "GET /");
  EXPECT_EQ(c.ServerReads(), "nothing");
}

TEST(IdleConnections, OtherPortsAreLeftAlone) {
  Connection swept, other;
  ASSERT_TRUE(swept.ok());
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(ShutIdleConnections(swept.port, milliseconds(0)), 1);
  EXPECT_EQ(swept.ServerReads(), "eof");
  EXPECT_EQ(other.ServerReads(), "nothing");
}

TEST(IdleConnections, AnAnswerCanStillBeWrittenAfterTheShut) {
  Connection c;
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(ShutIdleConnections(c.port, milliseconds(0)), 1);
  ASSERT_EQ(send(c.accepted, "answer", 6, 0), 6);
  char buffer[16];
  const ssize_t n = recv(c.client, buffer, sizeof(buffer), 0);
  EXPECT_EQ(std::string(buffer, n > 0 ? static_cast<size_t>(n) : 0), "answer");
}

// Whether another process can take a write lock on `path` now (a forked child tries).
bool AnotherProcessCanLock(const std::string& path) {
  const pid_t child = fork();
  if (child == 0) {
    const int fd = open(path.c_str(), O_RDWR);
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    _exit(fd >= 0 && fcntl(fd, F_SETLK, &lock) == 0 ? 0 : 1);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

TEST(IdleConnections, ASweepKeepsThisProcesssFileLocks) {
  // RocksDB holds its store's LOCK file with a POSIX lock, which closing *any* descriptor of
  // the file in this process would drop: a sweep must not duplicate and close descriptors.
  isvgraph::testing::TempDir dir;
  const std::string path = dir.Sub("LOCK");
  const int fd = open(path.c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  ASSERT_EQ(fcntl(fd, F_SETLK, &lock), 0);
  ASSERT_FALSE(AnotherProcessCanLock(path));
  Connection c;
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(ShutIdleConnections(c.port, milliseconds(0)), 1);
  EXPECT_FALSE(AnotherProcessCanLock(path)) << "the sweep dropped this process's lock";
  close(fd);
}

TEST(IdleConnections, TheCloserSweepsUntilItIsDestroyed) {
  Connection c;
  ASSERT_TRUE(c.ok());
  {
    IdleConnectionCloser closer(c.port, milliseconds(100));  // sweeps every 50 ms
    for (int i = 0; i < 200 && c.ServerReads() == "nothing"; ++i) {
      usleep(50'000);
    }
  }
  EXPECT_EQ(c.ServerReads(), "eof");
}

}  // namespace
}  // namespace isvgraph::api::rest
