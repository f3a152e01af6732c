#include "base/file_system.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
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

/// The names in a folder, sorted.
std::vector<std::string> NamesIn(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(BaseFileSystem, AnAtomicWriteReplacesTheFileAndLeavesNoTemporary) {
  const std::string dir = testing::MakeTempDir();
  DiskFileSystem disk;
  std::string error;
  ASSERT_TRUE(disk.WriteFileAtomically(dir + "/record.xml", "old\n", &error)) << error;
  ASSERT_TRUE(disk.WriteFileAtomically(dir + "/record.xml", "new\n", &error)) << error;
  EXPECT_EQ(testing::ReadFileOrEmpty(dir + "/record.xml"), "new\n");
  EXPECT_EQ(NamesIn(dir), std::vector<std::string>{"record.xml"});
  std::filesystem::remove_all(dir);
}

TEST(BaseFileSystem, AnAtomicWriteReplacesALinkInsteadOfWritingThroughIt) {
  const std::string dir = testing::MakeTempDir();
  DiskFileSystem disk;
  std::string error;
  ASSERT_TRUE(disk.WriteFile(dir + "/victim.txt", "keep me\n", &error)) << error;
  std::filesystem::create_symlink(dir + "/victim.txt", dir + "/diff.html");
  ASSERT_TRUE(disk.WriteFileAtomically(dir + "/diff.html", "<p>redline</p>\n", &error)) << error;
  EXPECT_EQ(testing::ReadFileOrEmpty(dir + "/victim.txt"), "keep me\n");
  EXPECT_FALSE(std::filesystem::is_symlink(dir + "/diff.html"));
  EXPECT_EQ(testing::ReadFileOrEmpty(dir + "/diff.html"), "<p>redline</p>\n");
  std::filesystem::remove_all(dir);
}

TEST(BaseFileSystem, AnAtomicWriteOverAFolderFailsAndLeavesNoTemporary) {
  const std::string dir = testing::MakeTempDir();
  std::filesystem::create_directories(dir + "/diff.html/inside");
  DiskFileSystem disk;
  std::string error;
  EXPECT_FALSE(disk.WriteFileAtomically(dir + "/diff.html", "x", &error));
  EXPECT_EQ(error, "Is a directory");
  EXPECT_EQ(NamesIn(dir), std::vector<std::string>{"diff.html"});
  std::filesystem::remove_all(dir);
}

TEST(BaseFileSystem, RemoveTakesAFolderWithItsFilesButNotWhatALinkPointsTo) {
  const std::string dir = testing::MakeTempDir();
  DiskFileSystem disk;
  std::string error;
  ASSERT_TRUE(disk.WriteFile(dir + "/kept/file.txt", "kept", &error)) << error;
  ASSERT_TRUE(disk.WriteFile(dir + "/gone/a/b.txt", "gone", &error)) << error;
  std::filesystem::create_symlink(dir + "/kept", dir + "/gone/link");
  EXPECT_TRUE(disk.Remove(dir + "/gone", &error)) << error;
  EXPECT_TRUE(disk.Remove(dir + "/never-there", &error)) << error;
  EXPECT_EQ(NamesIn(dir), std::vector<std::string>{"kept"});
  EXPECT_EQ(testing::ReadFileOrEmpty(dir + "/kept/file.txt"), "kept");
  std::filesystem::remove_all(dir);
}

TEST(BaseFileSystem, ATemporaryFolderIsNewAndPrivate) {
  const std::string dir = testing::MakeTempDir();
  DiskFileSystem disk;
  std::string error;
  auto first = disk.MakeTemporaryFolder(dir + "/out", ".diff-", &error);
  auto second = disk.MakeTemporaryFolder(dir + "/out", ".diff-", &error);
  ASSERT_TRUE(first && second) << error;
  EXPECT_NE(*first, *second);
  EXPECT_EQ(first->rfind(dir + "/out/.diff-", 0), 0u) << *first;
  EXPECT_EQ(std::filesystem::status(*first).permissions(), std::filesystem::perms::owner_all);
  EXPECT_TRUE(disk.Rename(*first, dir + "/out/renamed", &error)) << error;
  EXPECT_TRUE(std::filesystem::is_directory(dir + "/out/renamed"));
  EXPECT_FALSE(disk.Rename(dir + "/out/missing", dir + "/out/x", &error));
  EXPECT_EQ(error, "No such file or directory");
  std::filesystem::remove_all(dir);
}

TEST(BaseFileSystem, InMemoryRenameAndRemoveTakeAFolderWhole) {
  MemoryFileSystem memory;
  memory.Add("out/.staging/docx/a.docx", "a");
  memory.Add("out/.staging/index.html", "i");
  memory.Add("out/.staging-other/x", "x");
  std::string error;
  ASSERT_TRUE(memory.Rename("out/.staging", "out/org", &error)) << error;
  EXPECT_EQ(memory.files(), (std::map<std::string, std::string>{
                                {"out/.staging-other/x", "x"}, {"out/org/docx/a.docx", "a"}, {"out/org/index.html", "i"}}));
  EXPECT_FALSE(memory.Rename("out/nothing", "out/y", &error));
  ASSERT_TRUE(memory.Remove("out/org", &error));
  EXPECT_EQ(memory.files(), (std::map<std::string, std::string>{{"out/.staging-other/x", "x"}}));
  ASSERT_TRUE(memory.WriteFileAtomically("out/r.xml", "r", &error));
  EXPECT_EQ(memory.ReadFile("out/r.xml", &error), "r");
}

}  // namespace
}  // namespace policyc::base
