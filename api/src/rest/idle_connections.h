#pragma once
// The read timeout that cpprestsdk's listener lacks (2.10.18, Debian 12: its asio server waits
// for a request's next byte without a deadline): a client that has sent
// nothing for a while — a silent or stalled client, a half-sent request, a keep-alive connection
// left open — loses its connection, so that such clients cannot pile up until the process runs
// out of file descriptors.
//
// How, from outside the library: the process's own file descriptors are swept for TCP
// connections accepted on the server's port (local port = the port, with a peer), and the
// kernel's TCP_INFO says how long ago each last received data. For one idle longer than the
// timeout, the reading side is shut (shutdown SHUT_RD): the listener's pending read ends as if
// the client had closed, and it closes the connection. Writing is untouched, so a request that
// is still being answered (a long import, a large report) gets its whole answer first; only the
// connection is not reused after it.
//
// Not caught: a client that trickles a byte now and then. A server that others than this
// machine can reach still belongs behind a reverse proxy with its own timeouts (README).
//
// Linux only (TCP_INFO, SO_COOKIE, /proc/self/fd). Thread-safe. A sweep never duplicates or
// closes a descriptor (closing one of a file would drop this process's POSIX locks on it, such
// as RocksDB's LOCK); it checks that a descriptor still names the same socket (its cookie)
// right before shutting it, since the listener may close it and its number be reused.

#include <chrono>
#include <cstdint>
#include <memory>

namespace isvgraph::api {
class PeriodicThread;
}

namespace isvgraph::api::rest {

// One sweep. Returns how many connections had their reading side shut.
int ShutIdleConnections(uint16_t port, std::chrono::milliseconds idle_for);

// Sweeps every max(timeout / 4, 50 ms) on a thread of its own, from construction until
// destruction (which stops it at once).
class IdleConnectionCloser {
 public:
  IdleConnectionCloser(uint16_t port, std::chrono::milliseconds timeout);
  ~IdleConnectionCloser();
  IdleConnectionCloser(const IdleConnectionCloser&) = delete;
  IdleConnectionCloser& operator=(const IdleConnectionCloser&) = delete;

 private:
  std::unique_ptr<PeriodicThread> thread_;
};

}  // namespace isvgraph::api::rest
