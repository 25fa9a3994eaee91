// Index changes: what a write on a shared store keeps for the servers that follow it, and how a
// follower turns a run of them into one index delta against the store as it is now.

#include "index_change.h"

#include <gtest/gtest.h>

#include "codec.h"
#include "isvgraph/graph/chain_store.h"

namespace isvgraph::graph {
namespace {

IndexChange Decoded(std::string_view encoded) {
  IndexChange change;
  EXPECT_TRUE(codec::DecodeIndexChange(7, encoded, &change).ok());
  return change;
}

TEST(IndexChange, EncodesAndDecodesEveryList) {
  const IndexChange change{
      .kind = IndexChange::Kind::kPatch,
      .tokens = true,
      .sites = {"S1", std::string("S\0two", 5)},
      .links = {{.organisation = "rws", .supplier_id = "Q", .customer_id = "T", .product = "x"}},
      .link_records_added = -3,
      .contracts = {{"rws", "K1"}, {"gemeente-utrecht", "K2"}},
      .organisations = {"rws"}};
  EXPECT_EQ(Decoded(codec::EncodeIndexChange(change)), change);
  EXPECT_EQ(Decoded(codec::EncodeIndexChange({})), IndexChange());
}

TEST(IndexChange, AnEntryWithoutOneRebuildsAndAMalformedOneIsNamed) {
  EXPECT_EQ(Decoded("").kind, IndexChange::Kind::kRebuild);
  IndexChange change;
  std::string encoded =
      codec::EncodeIndexChange({.kind = IndexChange::Kind::kPatch, .sites = {"S1"}});
  const Status cut = codec::DecodeIndexChange(12, encoded.substr(0, encoded.size() - 2), &change);
  EXPECT_EQ(cut.code(), StatusCode::kDataLoss);
  EXPECT_NE(cut.message().find("journal entry 12"), std::string::npos) << cut.message();
  encoded[1] = 9;  // no such kind
  EXPECT_FALSE(codec::DecodeIndexChange(12, encoded, &change).ok());
}

TEST(IndexChange, DescribesWhatABatchChangesInTheIndex) {
  IndexDelta delta{.link_records_added = 1};
  WriteBatch tokens_only;
  tokens_only.PutToken({.hash = "h", .organisation = "rws"});
  const IndexChange none = DescribeIndexChange(tokens_only, &delta);
  EXPECT_EQ(none.kind, IndexChange::Kind::kNone);
  EXPECT_TRUE(none.tokens);

  WriteBatch small;
  small.PutSite({.id = "T", .name = "Trader", .country = "NL"});
  small.PutLink({.organisation = "rws", .supplier_id = "Q", .customer_id = "T", .product = "x"});
  small.DeleteLink({.organisation = "rws", .supplier_id = "R", .customer_id = "T", .product = "y"});
  small.PutContract({.id = "K", .organisation = "rws", .tier1_site_id = "T"});
  small.DeleteContract("rws", "K0");
  small.PutOrganisation({.id = "rws", .name = "Rijkswaterstaat"});
  const IndexChange patch = DescribeIndexChange(small, &delta);
  EXPECT_EQ(patch.kind, IndexChange::Kind::kPatch);
  EXPECT_FALSE(patch.tokens);
  EXPECT_EQ(patch.sites, std::vector<std::string>{"T"});
  ASSERT_EQ(patch.links.size(), 2u);
  EXPECT_EQ(patch.links[1].product, "y");
  EXPECT_EQ(patch.link_records_added, 1);
  EXPECT_EQ(patch.contracts.size(), 2u);
  EXPECT_EQ(patch.organisations, std::vector<std::string>{"rws"});

  // A write the writer itself rebuilds for, or one that deletes sites, asks followers to rebuild.
  EXPECT_EQ(DescribeIndexChange(small, nullptr).kind, IndexChange::Kind::kRebuild);
  small.DeleteSite("OLD");
  EXPECT_EQ(DescribeIndexChange(small, &delta).kind, IndexChange::Kind::kRebuild);
}

TEST(IndexChange, ResolvesARunOfChangesAgainstTheStoreAsItIsNow) {
  std::unique_ptr<ChainStore> store = NewMemoryStore();
  WriteBatch batch;
  batch.PutOrganisation({.id = "rws", .name = "Rijkswaterstaat"});
  batch.PutSite({.id = "T", .name = "Trader", .country = "NL"});
  batch.PutSite({.id = "Q", .name = "Quarry", .country = "IN"});
  batch.PutLink({.organisation = "rws", .supplier_id = "Q", .customer_id = "T", .product = "x"});
  batch.PutContract({.id = "K", .organisation = "rws", .tier1_site_id = "T"});
  ASSERT_TRUE(store->Write(std::move(batch)).ok());

  // One write put a link, a later one deleted another and a contract that is gone now.
  const std::vector<IndexChange> changes = {
      {.kind = IndexChange::Kind::kPatch,
       .sites = {"Q"},
       .links = {{.organisation = "rws", .supplier_id = "Q", .customer_id = "T", .product = "x"}},
       .link_records_added = 1,
       .contracts = {{"rws", "K"}},
       .organisations = {"rws"}},
      {.kind = IndexChange::Kind::kNone, .tokens = true},
      {.kind = IndexChange::Kind::kPatch,
       .sites = {"Q"},
       .links = {{.organisation = "rws", .supplier_id = "Q", .customer_id = "T", .product = "z"}},
       .link_records_added = -1,
       .contracts = {{"rws", "GONE"}}}};
  auto resolved = ResolveIndexChanges(changes, *store, 100);
  ASSERT_TRUE(resolved) << resolved.error().ToString();
  ASSERT_TRUE(resolved->has_value());
  const IndexDelta& delta = **resolved;
  ASSERT_EQ(delta.sites.size(), 1u);  // once, as the store holds it
  EXPECT_EQ(delta.sites[0].name, "Quarry");
  ASSERT_EQ(delta.links_put.size(), 1u);
  EXPECT_EQ(delta.links_put[0].supplier, "Q");
  ASSERT_EQ(delta.links_deleted.size(), 1u);  // product z is not in the store
  EXPECT_EQ(delta.link_records_added, 0);
  ASSERT_EQ(delta.contracts_put.size(), 1u);
  EXPECT_EQ(delta.contracts_put[0].tier1_site_id, "T");
  ASSERT_EQ(delta.contracts_deleted.size(), 1u);
  EXPECT_EQ(delta.contracts_deleted[0].second, "GONE");
  ASSERT_EQ(delta.organisations.size(), 1u);

  // Too many keys, a rebuild among the changes, or a site that is gone: no patch.
  EXPECT_FALSE(ResolveIndexChanges(changes, *store, 3).value().has_value());
  std::vector<IndexChange> with_rebuild = changes;
  with_rebuild.push_back({.kind = IndexChange::Kind::kRebuild});
  EXPECT_FALSE(ResolveIndexChanges(with_rebuild, *store, 100).value().has_value());
  EXPECT_FALSE(
      ResolveIndexChanges({{.kind = IndexChange::Kind::kPatch, .sites = {"DELETED"}}}, *store, 100)
          .value()
          .has_value());
}

}  // namespace
}  // namespace isvgraph::graph
