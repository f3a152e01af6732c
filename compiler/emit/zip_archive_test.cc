#include "emit/zip_archive.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.h"

namespace policyc::emit {
namespace {

TEST(EmitZip, RoundTripsEntriesInOrderAndIsReproducible) {
  const std::string dir = testing::MakeTempDir();
  ZipEntries entries = {{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", std::string(5000, 'x')},
                        {"_rels/.rels", "<Relationships/>"}};
  std::string error;
  ASSERT_TRUE(WriteZip(dir + "/a.zip", entries, 1793491200, &error)) << error;
  ASSERT_TRUE(WriteZip(dir + "/b.zip", entries, 1793491200, &error)) << error;
  EXPECT_EQ(testing::ReadFileOrEmpty(dir + "/a.zip"), testing::ReadFileOrEmpty(dir + "/b.zip"));
  auto back = ReadZip(dir + "/a.zip", &error);
  ASSERT_TRUE(back.has_value()) << error;
  EXPECT_EQ(*back, entries);
  EXPECT_FALSE(ReadZip(dir + "/missing.zip", &error).has_value());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace policyc::emit
