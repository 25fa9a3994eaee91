// The token cache under concurrency: many threads authenticate (the same and other tokens)
// while tokens are created and revoked; a revoked token is refused from the next request on,
// and no thread ever sees another token's principal. Run under ThreadSanitizer by `make tsan`.

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "isvgraph/api/service.h"
#include "support/temp_dir.h"

namespace isvgraph::api {
namespace {

TEST(Tokens, AuthenticateOnManyThreadsWhileTokensAreCreatedAndRevoked) {
  isvgraph::testing::TempDir dir;
  auto service = Service::Open({.db_path = dir.Sub("db")});
  ASSERT_TRUE(service) << service.error().ToString();
  const std::string buyer =
      (*service)->CreateToken({.organisation = "rws", .role = Role::kBuyer}).value();
  const std::string viewer =
      (*service)->CreateToken({.organisation = "bzk", .role = Role::kViewer}).value();
  std::atomic<bool> done{false};
  std::atomic<int> wrong{0}, asked{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&, t] {
      while (!done) {
        auto who = (*service)->Authenticate(t % 2 ? buyer : viewer);
        if (!who || who->organisation != (t % 2 ? "rws" : "bzk")) ++wrong;
        if ((*service)->Authenticate("isv_" + std::string(64, '0'))) ++wrong;  // unknown
        ++asked;
      }
    });
  }
  // Tokens change once the clients are asking (on a busy machine they might start after).
  while (asked == 0) std::this_thread::yield();
  std::vector<std::string> extra;
  for (int i = 0; i < 20; ++i) {
    auto token = (*service)->CreateToken({.organisation = "utrecht", .role = Role::kAuditor});
    ASSERT_TRUE(token);
    extra.push_back(*token);
  }
  auto tokens = (*service)->ListTokens("utrecht");
  ASSERT_TRUE(tokens);
  for (const graph::AccessToken& token : *tokens) {
    ASSERT_TRUE((*service)->RevokeToken("utrecht", token.hash.substr(0, 12)).ok());
  }
  done = true;
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(wrong, 0);
  EXPECT_GT(asked, 0);
  for (const std::string& token : extra) EXPECT_FALSE((*service)->Authenticate(token));
  EXPECT_TRUE((*service)->Authenticate(buyer));
}

}  // namespace
}  // namespace isvgraph::api
