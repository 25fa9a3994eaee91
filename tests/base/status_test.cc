#include "isvgraph/base/status.h"

#include <gtest/gtest.h>

namespace isvgraph {
namespace {

TEST(Status, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(Status, CarriesCodeAndMessage) {
  Status s = Status::NotFound("contract 12 does not exist");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "contract 12 does not exist");
  EXPECT_EQ(s.ToString(), "not_found: contract 12 does not exist");
}

TEST(Status, EveryCodeHasADistinctName) {
  const StatusCode codes[] = {StatusCode::kOk,
                              StatusCode::kInvalidArgument,
                              StatusCode::kNotFound,
                              StatusCode::kAlreadyExists,
                              StatusCode::kFailedPrecondition,
                              StatusCode::kDataLoss,
                              StatusCode::kIoError,
                              StatusCode::kInternal};
  for (StatusCode a : codes) {
    for (StatusCode b : codes) {
      if (a != b) {
        EXPECT_NE(StatusCodeName(a), StatusCodeName(b));
      }
    }
  }
  EXPECT_EQ(StatusCodeName(StatusCode::kFailedPrecondition), "failed_precondition");
}

}  // namespace
}  // namespace isvgraph
