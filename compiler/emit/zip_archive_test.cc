#include "emit/zip_archive.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>

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

TEST(EmitZip, RefusesUnreadAZipWhoseSizesPassTheCallersLimits) {
  const std::string dir = testing::MakeTempDir();
  ZipEntries entries = {{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", std::string(5000, 'x')}};
  std::string error;
  ASSERT_TRUE(WriteZip(dir + "/a.docx", entries, 1793491200, &error)) << error;
  bool over = false;
  EXPECT_FALSE(ReadZip(dir + "/a.docx", &error, ZipLimits{4096, 1 << 20}, &over).has_value());
  EXPECT_TRUE(over);
  EXPECT_NE(error.find("'word/document.xml' in '" + dir + "/a.docx' declares 5000 bytes"), std::string::npos) << error;
  over = false;
  EXPECT_FALSE(ReadZip(dir + "/a.docx", &error, ZipLimits{8192, 4096}, &over).has_value());
  EXPECT_TRUE(over);  // each entry within its limit, but not all of them together
  EXPECT_TRUE(ReadZip(dir + "/a.docx", &error, ZipLimits{8192, 8192}, &over).has_value());
  std::filesystem::remove_all(dir);
}

/// Little-endian bytes of `value`, `width` of them.
std::string Le(uint64_t value, int width) {
  std::string out;
  for (int i = 0; i < width; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
  return out;
}

/// A zip of one stored entry "word/document.xml" whose Zip64 sizes declare
/// `declared` bytes while it holds five: what a zip bomb looks like to a reader.
std::string ZipDeclaring(uint64_t declared) {
  const std::string name = "word/document.xml";
  const std::string zip64 = Le(1, 2) + Le(16, 2) + Le(declared, 8) + Le(5, 8);
  const std::string local = Le(0x04034b50, 4) + Le(45, 2) + Le(0, 2) + Le(0, 2) + Le(0, 4) + Le(0, 4) +
                            Le(0xffffffff, 4) + Le(0xffffffff, 4) + Le(name.size(), 2) + Le(zip64.size(), 2) +
                            name + zip64 + "hello";
  const std::string central = Le(0x02014b50, 4) + Le(45, 2) + Le(45, 2) + Le(0, 2) + Le(0, 2) + Le(0, 4) +
                              Le(0, 4) + Le(0xffffffff, 4) + Le(0xffffffff, 4) + Le(name.size(), 2) +
                              Le(zip64.size(), 2) + Le(0, 2) + Le(0, 2) + Le(0, 2) + Le(0, 4) + Le(0, 4) + name +
                              zip64;
  const std::string end = Le(0x06054b50, 4) + Le(0, 2) + Le(0, 2) + Le(1, 2) + Le(1, 2) + Le(central.size(), 4) +
                          Le(local.size(), 4) + Le(0, 2);
  return local + central + end;
}

// Issue 14, point 6: a zip bomb (an entry declaring 6 GiB) is rejected, not read.
TEST(EmitZip, AZipBombEntryDeclaringSixGibIsRejected) {
  const std::string dir = testing::MakeTempDir();
  std::ofstream(dir + "/bomb.docx", std::ios::binary) << ZipDeclaring(6ull << 30);
  std::string error;
  EXPECT_FALSE(ReadZip(dir + "/bomb.docx", &error).has_value());
  EXPECT_EQ(error, "'word/document.xml' in '" + dir + "/bomb.docx' declares 6442450944 bytes, more than a "
                   "document can hold; the zip is damaged or hostile");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace policyc::emit
