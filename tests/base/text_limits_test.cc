#include <string>

#include <gtest/gtest.h>

#include "isvgraph/base/json_depth.h"
#include "isvgraph/base/utf8.h"

namespace isvgraph {
namespace {

TEST(Utf8, AcceptsRfc3629AndNothingElse) {
  EXPECT_TRUE(IsUtf8(""));
  EXPECT_TRUE(IsUtf8("Sialkot, Pakistan"));
  EXPECT_TRUE(IsUtf8("Côte d’Ivoire — 東莞 — 𝄞"));  // 2-, 3- and 4-byte forms
  EXPECT_TRUE(IsUtf8("\xF4\x8F\xBF\xBF"));          // U+10FFFF, the last code point
  EXPECT_FALSE(IsUtf8("caf\xE9"));                  // Latin-1
  EXPECT_FALSE(IsUtf8("\xC0\xAF"));                 // overlong '/'
  EXPECT_FALSE(IsUtf8("\xE0\x80\xAF"));             // overlong, 3 bytes
  EXPECT_FALSE(IsUtf8("\xED\xA0\x80"));             // a surrogate (U+D800)
  EXPECT_FALSE(IsUtf8("\xF4\x90\x80\x80"));         // past U+10FFFF
  EXPECT_FALSE(IsUtf8("\xE2\x82"));                 // cut off at the end
  EXPECT_FALSE(IsUtf8("\xE2\x28\xA1"));             // a continuation byte missing
}

TEST(Utf8, PrefixesEndOnACharacter) {
  EXPECT_EQ(Utf8Prefix("Construção", 9), "Construç");
  EXPECT_EQ(Utf8Prefix("Construção", 10), "Construç");  // the cut falls inside 'ã'
  EXPECT_EQ(Utf8Prefix("Construção", 11), "Construçã");
  EXPECT_EQ(Utf8Prefix("𝄞x", 3), "");
  EXPECT_EQ(Utf8Prefix("abc", 48), "abc");
  for (size_t n = 0; n <= 12; ++n) EXPECT_TRUE(IsUtf8(Utf8Prefix("Côte d’Ivoire", n))) << n;
}

TEST(Utf8, InvalidBytesBecomeReplacementCharacters) {
  EXPECT_EQ(ToValidUtf8("Côte"), "Côte");
  EXPECT_EQ(ToValidUtf8("cou\xF0\xB0r"), "cou\uFFFD\uFFFDr");
  EXPECT_EQ(ToValidUtf8("caf\xE9"), "caf\uFFFD");
  EXPECT_TRUE(IsUtf8(ToValidUtf8("\xE2\x82 \xED\xA0\x80 𝄞")));
}

TEST(JsonDepth, CountsBracketsOutsideStrings) {
  EXPECT_FALSE(JsonNestsDeeperThan("{}", 1));
  EXPECT_TRUE(JsonNestsDeeperThan("[{}]", 1));
  EXPECT_FALSE(JsonNestsDeeperThan(R"({"a": "[[[[", "b": "\"{{{{"})", 1));
  EXPECT_FALSE(JsonNestsDeeperThan(std::string(64, '[') + std::string(64, ']')));
  EXPECT_TRUE(JsonNestsDeeperThan(std::string(65, '[')));
  EXPECT_FALSE(JsonNestsDeeperThan("]]]][", 1));  // malformed: left to the parser
}

}  // namespace
}  // namespace isvgraph
