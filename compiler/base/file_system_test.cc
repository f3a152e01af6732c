#include "base/file_system.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <future>

#include "support/test_support.h"

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

TEST(BaseFileSystem, ReadsRegularFilesOnly) {
  const std::string dir = testing::MakeTempDir();
  const std::string file = dir + "/profile.xml";
  DiskFileSystem disk;
  std::string error;
  ASSERT_TRUE(disk.WriteFile(file, "<profile/>\n", &error)) << error;
  EXPECT_EQ(disk.ReadFile(file, &error), "<profile/>\n");
  EXPECT_FALSE(disk.ReadFile(dir, &error));
  EXPECT_EQ(error, "cannot read this file: it is a folder, not a regular file; give the path of a file");
  std::filesystem::remove_all(dir);
}

// Issue 14, point 13: init writes its profile only where nothing is, so a
// symbolic link planted at the name, even after init checked, sends nothing
// to where it points.
TEST(BaseFileSystem, ANewFileIsNeverWrittenThroughASymlink) {
  const std::string dir = testing::MakeTempDir();
  const std::string victim = dir + "/victim.txt";
  const std::string dangling = dir + "/not-yet.txt";
  DiskFileSystem disk;
  std::string error;
  bool exists = false;
  ASSERT_TRUE(disk.WriteFile(victim, "keep me\n", &error)) << error;
  std::filesystem::create_symlink(victim, dir + "/profile.xml");
  EXPECT_FALSE(disk.WriteNewFile(dir + "/profile.xml", "<profile/>\n", &error, &exists));
  EXPECT_TRUE(exists);
  EXPECT_EQ(testing::ReadFileOrEmpty(victim), "keep me\n");
  std::filesystem::create_symlink(dangling, dir + "/other.xml");
  EXPECT_FALSE(disk.WriteNewFile(dir + "/other.xml", "<profile/>\n", &error, &exists));
  EXPECT_TRUE(exists);
  EXPECT_FALSE(std::filesystem::exists(dangling));
  EXPECT_TRUE(disk.WriteNewFile(dir + "/new/profile.xml", "<profile/>\n", &error, &exists)) << error;
  EXPECT_EQ(testing::ReadFileOrEmpty(dir + "/new/profile.xml"), "<profile/>\n");
  std::filesystem::remove_all(dir);
}

TEST(BaseFileSystem, DevZeroIsRefusedNotReadForEver) {
  DiskFileSystem disk;
  std::string error;
  EXPECT_FALSE(disk.ReadFile("/dev/zero", &error));
  EXPECT_EQ(error, "cannot read this file: it is a device, not a regular file; give the path of a file");
}

TEST(BaseFileSystem, FifoIsRefusedWithoutWaitingForAWriter) {
  const std::string dir = testing::MakeTempDir();
  const std::string fifo = dir + "/profile.xml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  DiskFileSystem disk;
  std::string error;
  auto read = std::async(std::launch::async, [&] { return disk.ReadFile(fifo, &error); });
  const bool returned = read.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  if (!returned) {
    // Release the blocked reader so that the test ends and reports.
    const int writer = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    if (writer >= 0) ::close(writer);
  }
  EXPECT_TRUE(returned) << "ReadFile blocked on a FIFO";
  EXPECT_FALSE(read.get());
  EXPECT_EQ(error, "cannot read this file: it is a named pipe (FIFO), not a regular file; give the path of a file");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace policyc::base
