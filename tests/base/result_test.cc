#include "isvgraph/base/result.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace isvgraph {
namespace {

Result<int> ParsePositive(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::InvalidArgument("not a number: '" + text + "'");
  }
  return std::stoi(text);
}

Status Doubled(const std::string& text, int* out) {
  Result<int> parsed = ParsePositive(text);
  ISV_RETURN_IF_ERROR(parsed.status());
  *out = *parsed * 2;
  return Status::Ok();
}

TEST(Result, HoldsAValue) {
  Result<int> r = ParsePositive("21");
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(*r, 21);
  EXPECT_TRUE(r.status().ok());
}

TEST(Result, HoldsAnError) {
  Result<int> r = ParsePositive("x1");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.error().message(), "not a number: 'x1'");
}

TEST(Result, MovesOutMoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  std::unique_ptr<int> owned = std::move(r).value();
  ASSERT_NE(owned, nullptr);
  EXPECT_EQ(*owned, 7);
}

TEST(Result, ReturnIfErrorPropagates) {
  int out = 0;
  EXPECT_TRUE(Doubled("4", &out).ok());
  EXPECT_EQ(out, 8);
  Status s = Doubled("four", &out);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(out, 8);
}

TEST(ResultDeathTest, ValueOfAnErrorAborts) {
  Result<int> r = ParsePositive("");
  EXPECT_DEATH((void)r.value(), "ISV_CHECK failed");
}

}  // namespace
}  // namespace isvgraph
