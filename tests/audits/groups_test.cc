// Audit groups: an organisation may found a group itself, not walk into one; the operator adds
// members; each member sees how many members a group has.

#include "isvgraph/audits/groups.h"

#include "nordic_world.h"

namespace isvgraph::audits {
namespace {

using GroupsTest = NordicWorld;

TEST_F(GroupsTest, MembersAreCountedPerGroup) {
  auto groups = ListAuditGroups(*world_.chains, "skane");
  ASSERT_TRUE(groups) << groups.error().ToString();
  ASSERT_EQ(groups->size(), 1u);
  EXPECT_EQ((*groups)[0].id, kGroup);
  EXPECT_EQ((*groups)[0].members, 3);
  EXPECT_TRUE(ListAuditGroups(*world_.chains, "oslo")->empty());
  EXPECT_EQ(ListAuditGroups(*world_.chains, "nobody").error().code(), StatusCode::kNotFound);
}

TEST_F(GroupsTest, AnOrganisationFoundsANewGroupButCannotWalkIntoAnExistingOne) {
  Status walk_in = FoundAuditGroup(*world_.chains, "oslo", kGroup);
  EXPECT_EQ(walk_in.code(), StatusCode::kPermissionDenied) << walk_in.ToString();
  EXPECT_TRUE(ListAuditGroups(*world_.chains, "oslo")->empty());  // nothing was written

  ASSERT_TRUE(FoundAuditGroup(*world_.chains, "oslo", "no-helse").ok());
  EXPECT_TRUE(FoundAuditGroup(*world_.chains, "oslo", "no-helse").ok());  // already a member
  EXPECT_EQ(FoundAuditGroup(*world_.chains, "skane", "no-helse").code(),
            StatusCode::kPermissionDenied);
  // The operator may add anyone.
  ASSERT_TRUE(JoinAuditGroup(*world_.chains, "skane", "no-helse").ok());
  EXPECT_EQ(ListAuditGroups(*world_.chains, "oslo")->front().members, 2);
  EXPECT_EQ(JoinAuditGroup(*world_.chains, "skane", "bad group!").code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace isvgraph::audits
