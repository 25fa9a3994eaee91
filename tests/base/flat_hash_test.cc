#include "isvgraph/base/flat_hash.h"

#include <map>
#include <random>
#include <string>

#include <gtest/gtest.h>

namespace isvgraph {
namespace {

using Pair = std::pair<uint32_t, uint32_t>;

TEST(FlatIntMapTest, FindsWhatWasInsertedAndNothingElse) {
  FlatIntMap<uint32_t, Pair> map;
  EXPECT_EQ(map.find(7), nullptr);
  auto [value, made] = map.try_emplace(7, 1, 2);
  EXPECT_TRUE(made);
  EXPECT_EQ(*value, Pair(1, 2));
  auto [again, made_again] = map.try_emplace(7, 9, 9);
  EXPECT_FALSE(made_again);
  EXPECT_EQ(again, value);
  EXPECT_EQ(*again, Pair(1, 2));  // the first value stays
  EXPECT_EQ(map.size(), 1u);
  EXPECT_EQ(map.find(8), nullptr);
  ++map.find(7)->first;
  EXPECT_EQ(map.find(7)->first, 2u);
}

// Against std::map, through many doublings, with keys that collide in the low bits and the
// key 0 (which a sentinel-based table would mistake for an empty slot).
// Inserts `count` keys from key(i) into `map` and std::map side by side (value i), then checks
// that both hold the same.
template <typename Map, typename Key, typename MakeKey>
void InsertAndCompare(Map& map, int count, const MakeKey& key_of) {
  std::map<Key, int> expected;
  for (int i = 0; i < count; ++i) {
    const Key key = key_of(i);
    const auto [value, made] = map.try_emplace(key, i);
    const auto [it, inserted] = expected.try_emplace(key, i);
    ASSERT_EQ(made, inserted) << key;
    ASSERT_EQ(*value, it->second) << key;
  }
  EXPECT_EQ(map.size(), expected.size());
  for (const auto& [key, value] : expected) {
    const auto* found = map.find(key);
    ASSERT_NE(found, nullptr) << key;
    EXPECT_EQ(*found, value);
  }
}

TEST(FlatIntMapTest, AgreesWithStdMapThroughGrowth) {
  FlatIntMap<uint64_t, int> map;
  std::mt19937_64 random(11);
  InsertAndCompare<decltype(map), uint64_t>(
      map, 50000, [&](int i) { return i % 3 == 0 ? (random() % 1000) << 40 : random() % 100000; });
  for (uint64_t key = 100000; key < 101000; ++key) EXPECT_EQ(map.find(key), nullptr);
  map.clear();
  EXPECT_TRUE(map.empty());
  EXPECT_EQ(map.find(0), nullptr);
  EXPECT_TRUE(map.try_emplace(0, 5).second);
  EXPECT_EQ(*map.find(0), 5);
}

TEST(FlatIntMapTest, ReserveKeepsEveryKey) {
  FlatIntMap<uint32_t, uint32_t> map;
  for (uint32_t i = 0; i < 100; ++i) map.try_emplace(i * 7, i);
  map.reserve(10000);
  for (uint32_t i = 0; i < 100; ++i) {
    ASSERT_NE(map.find(i * 7), nullptr);
    EXPECT_EQ(*map.find(i * 7), i);
  }
  EXPECT_EQ(map.size(), 100u);
}

TEST(FlatStringMapTest, AgreesWithStdMapThroughGrowth) {
  FlatStringMap<int> map;
  std::mt19937 random(3);
  // Short and long keys (past the small-string size), empty included, many repeated.
  InsertAndCompare<decltype(map), std::string>(map, 30000, [&](int i) {
    // Appended, not "X" + …: GCC 12 at -O3 warns falsely on that (-Wrestrict).
    std::string key;
    if (random() % 50 != 0) key.append("X").append(std::to_string(random() % 20000));
    if (i % 5 == 0) key += std::string(40, 'y');
    return key;
  });
  EXPECT_FALSE(map.contains("X20001"));
  EXPECT_FALSE(map.contains("X1 "));
  map.clear();
  EXPECT_FALSE(map.contains(""));
  EXPECT_EQ(map.size(), 0u);
}

TEST(FlatStringSetTest, InsertSaysWhetherTheKeyWasNew) {
  FlatStringSet set;
  set.reserve(4, 32);
  EXPECT_TRUE(set.insert("NL-acme"));
  EXPECT_FALSE(set.insert("NL-acme"));
  EXPECT_TRUE(set.insert("NL-acme-2"));
  EXPECT_TRUE(set.contains("NL-acme"));
  EXPECT_FALSE(set.contains("NL-acm"));
  EXPECT_EQ(set.size(), 2u);
}

}  // namespace
}  // namespace isvgraph
