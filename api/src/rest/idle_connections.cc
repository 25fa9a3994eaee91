#include "rest/idle_connections.h"

#include <algorithm>
#include <cstdlib>
#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

#include "rest/periodic_thread.h"

namespace isvgraph::api::rest {
namespace {

// The descriptors open in this process now (their numbers may be reused the moment after).
std::vector<int> OpenDescriptors() {
  std::vector<int> fds;
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return fds;
  const int own = dirfd(dir);
  while (const dirent* entry = readdir(dir)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end != entry->d_name && *end == '\0' && fd != own) fds.push_back(static_cast<int>(fd));
  }
  closedir(dir);
  return fds;
}

uint16_t LocalPort(int fd) {
  sockaddr_storage local{};
  socklen_t length = sizeof(local);
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) != 0) return 0;
  if (local.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in&>(local).sin_port);
  }
  if (local.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6&>(local).sin6_port);
  }
  return 0;
}

// The kernel's identity of the socket behind `fd` (unique while the system runs); 0 when `fd`
// is not a socket.
uint64_t SocketCookie(int fd) {
  uint64_t cookie = 0;
  socklen_t length = sizeof(cookie);
  if (getsockopt(fd, SOL_SOCKET, SO_COOKIE, &cookie, &length) != 0) return 0;
  return cookie;
}

// A TCP connection accepted on `port` (not the listening socket, which has no peer, and not a
// client of that port in this process, whose local port is another) that is established and
// has received no data for `idle_for`.
bool IsIdleConnectionOn(int fd, uint16_t port, std::chrono::milliseconds idle_for) {
  if (LocalPort(fd) != port) return false;
  sockaddr_storage peer{};
  socklen_t length = sizeof(peer);
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &length) != 0) return false;
  tcp_info info{};
  length = sizeof(info);
  if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) != 0) return false;
  return info.tcpi_state == TCP_ESTABLISHED && info.tcpi_last_data_recv >= idle_for.count();
}

}  // namespace

int ShutIdleConnections(uint16_t port, std::chrono::milliseconds idle_for) {
  // Only calls that read or shut a socket touch the descriptors: never dup and close them.
  // Closing any descriptor of a file drops every POSIX lock this process holds on that file,
  // and RocksDB's LOCK file is held with one (an earlier version duplicated each descriptor
  // and let another process open the store while it was served).
  int shut = 0;
  for (int fd : OpenDescriptors()) {
    const uint64_t cookie = SocketCookie(fd);
    if (cookie == 0 || !IsIdleConnectionOn(fd, port, idle_for)) continue;
    // The listener may have closed `fd` and a new connection taken its number since the
    // checks: shut it only if it is still the same socket (the window left is a few
    // instructions wide, and the worst it can do is end one fresh connection).
    if (SocketCookie(fd) == cookie && shutdown(fd, SHUT_RD) == 0) ++shut;
  }
  return shut;
}

IdleConnectionCloser::IdleConnectionCloser(uint16_t port, std::chrono::milliseconds timeout)
    : thread_(std::make_unique<PeriodicThread>(
          std::max<std::chrono::milliseconds>(timeout / 4, std::chrono::milliseconds(50)),
          [port, timeout] { (void)ShutIdleConnections(port, timeout); })) {}

IdleConnectionCloser::~IdleConnectionCloser() = default;

}  // namespace isvgraph::api::rest
