// No import may reach the network: a GeoJSON file whose CRS is a link (and other references GDAL
// could follow) is read without GDAL fetching anything. A listener on loopback stands in for the
// address an attacker names; it must receive nothing, and the import must not wait on it.

#include <atomic>
#include <chrono>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include "import_fixture.h"

namespace isvgraph::importers {
namespace {

// Accepts connections on a free loopback port and counts them, until destroyed.
class Listener {
 public:
  Listener() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    listen(fd_, 16);
    thread_ = std::thread([this] {
      while (!stop_) {
        timeval timeout{.tv_sec = 0, .tv_usec = 100000};
        setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        const int client = accept(fd_, nullptr, nullptr);
        if (client >= 0) {
          ++connections_;
          close(client);  // a silent host would hold the fetch: this one says nothing either
        }
      }
    });
  }
  ~Listener() {
    stop_ = true;
    thread_.join();
    close(fd_);
  }
  uint16_t port() const { return port_; }
  int connections() const { return connections_; }

 private:
  int fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

using NetworkTest = ImportTest;

TEST_F(NetworkTest, AGeoJsonLinkToACrsIsNeverFetched) {
  Listener listener;
  const std::string url = "http://127.0.0.1:" + std::to_string(listener.port()) + "/crs";
  for (const std::string& crs :
       {R"({"type":"link","properties":{"href":")" + url + R"(","type":"proj4"}})",
        R"({"type":"name","properties":{"name":")" + url + R"("}})",
        R"({"type":"name","properties":{"name":"/vsicurl/)" + url + R"("}})"}) {
    const std::string file =
        Write("layer.geojson", R"({"type":"FeatureCollection","crs":)" + crs +
                                   R"(,"features":[{"type":"Feature",)"
                                   R"("properties":{"name":"Quarry","country":"IN"},)"
                                   R"("geometry":{"type":"Point","coordinates":[79.9,15.5]}}]})");
    const auto started = std::chrono::steady_clock::now();
    auto report = Import({file}, {.kind = ImportKind::kGeo, .dry_run = true});
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5)) << crs;
    (void)report;  // refused or read without the CRS: either is fine, a fetch is not
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(listener.connections(), 0);
}

}  // namespace
}  // namespace isvgraph::importers
