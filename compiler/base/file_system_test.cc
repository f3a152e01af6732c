#include "base/file_system.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace policyc::base {
namespace {

TEST(BaseFileSystem, PathInsideAFolderAsAListingJoinsIt) {
  EXPECT_EQ(PathInside("lib", "lib/documents/a.xml"), "documents/a.xml");
  EXPECT_EQ(PathInside("lib/", "lib/a.xml"), "a.xml");
  EXPECT_EQ(PathInside("x/../house", "x/../house/overrides.xml"), "overrides.xml");
  EXPECT_EQ(PathInside("/abs/policies", "/abs/policies/roles.xml"), "roles.xml");
  // A folder whose name starts another's is not its parent.
  EXPECT_EQ(PathInside("lib", "library/a.xml"), std::nullopt);
  EXPECT_EQ(PathInside("lib", "lib"), std::nullopt);
  // JoinPath(".", x) is x.
  EXPECT_EQ(PathInside(".", "a.xml"), "a.xml");
  EXPECT_EQ(PathInside(".", "./a.xml"), "a.xml");
  EXPECT_EQ(PathInside(".", "../a.xml"), std::nullopt);
  EXPECT_EQ(PathInside(".", "/a.xml"), std::nullopt);
}

TEST(BaseFileSystem, FolderNameIsTheLastNameWhateverThePath) {
  EXPECT_EQ(FolderName("examples/house-library"), "house-library");
  EXPECT_EQ(FolderName("examples/brightwater/../house-library/"), "house-library");
  EXPECT_EQ(FolderName("/usr/share/policyc/policies"), "policies");
  EXPECT_EQ(FolderName("."), std::filesystem::current_path().filename().string());
  EXPECT_EQ(FolderName(".."), std::filesystem::current_path().parent_path().filename().string());
}

}  // namespace
}  // namespace policyc::base
