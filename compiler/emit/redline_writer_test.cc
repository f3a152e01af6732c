#include "emit/redline_writer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "emit/zip_archive.h"
#include "support/fake_converter.h"
#include "support/test_support.h"

namespace policyc::emit {
namespace {

namespace fs = std::filesystem;
using testing::FakeConverter;

DocxRedline SmallRedline() {
  DocxRedline redline;
  redline.markdown = "# Access control\n\n[new]{.insertion author=\"Org\" date=\"2026-11-01\"}\n";
  redline.branding.organisation.name = redline.branding.organisation.legal_name = "Org";
  model::ResolvedDocument doc;
  doc.id = "redline";
  doc.title = "Changes to the pack";
  redline.branding.documents.push_back(doc);
  redline.footer = "Changes: 2026-01-01 → 2026-11-01";
  return redline;
}

/// Whether a temporary folder of the redline is left in `dir`.
bool TemporaryLeft(const std::string& dir) {
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().rfind(".diff-", 0) == 0) return true;
  }
  return false;
}

TEST(EmitRedline, TheDocxRedlineHasItsBrandedReferenceAndEveryChangeNumberedApart) {
  const std::string out = testing::MakeTempDir();
  base::DiagnosticSink sink;
  base::DiskFileSystem disk;
  auto templates = render::LoadTemplates(disk, testing::SourceDir() + "/templates", sink);
  ASSERT_TRUE(templates.has_value()) << testing::Formatted(sink);
  std::string markdown, footer;
  FakeConverter pandoc([&](const ConversionRequest& request) {
    markdown = testing::ReadFileOrEmpty(request.input_path);
    std::string error;
    for (const auto& [name, bytes] : ReadZip(request.reference_doc, &error).value_or(ZipEntries{})) {
      if (name == "word/footer1.xml") footer = bytes;
    }
    EXPECT_EQ(request.from, "markdown");
    EXPECT_EQ(request.to, "docx");
    ConversionResult result;
    result.ok = WriteZip(request.output_path,
                         {{"word/document.xml", "<w:ins w:id=\"0\" /><w:del w:id=\"0\" /><w:ins w:id=\"0\" />"}},
                         0, &result.message);
    return result;
  });
  const auto written = WriteDocxRedline(disk, pandoc, &*templates, SmallRedline(), out, sink);
  ASSERT_TRUE(written.has_value()) << testing::Formatted(sink);
  EXPECT_EQ(*written, out + "/diff.docx");
  EXPECT_EQ(markdown, SmallRedline().markdown);
  EXPECT_NE(footer.find("Changes: 2026-01-01 → 2026-11-01"), std::string::npos) << footer;
  std::string error;
  auto parts = ReadZip(*written, &error);
  ASSERT_TRUE(parts.has_value()) << error;
  EXPECT_EQ((*parts)[0].second, "<w:ins w:id=\"1\" /><w:del w:id=\"2\" /><w:ins w:id=\"3\" />");
  EXPECT_FALSE(TemporaryLeft(out));
  fs::remove_all(out);
}

TEST(EmitRedline, AFailedConversionKeepsThePreviousRedline) {
  const std::string out = testing::MakeTempDir();
  base::DiskFileSystem disk;
  std::string error;
  ASSERT_TRUE(disk.WriteFile(out + "/diff.docx", "the previous redline", &error));
  FakeConverter pandoc(FakeConverter::Fails("pandoc exited with status 64: cannot parse input"));
  base::DiagnosticSink sink;
  EXPECT_FALSE(WriteDocxRedline(disk, pandoc, nullptr, SmallRedline(), out, sink).has_value());
  EXPECT_EQ(testing::Formatted(sink), out + "/diff.docx: error: the DOCX redline: pandoc exited with status 64: "
                                            "cannot parse input [emit.tool-failed]\n");
  EXPECT_EQ(testing::ReadFileOrEmpty(out + "/diff.docx"), "the previous redline");
  EXPECT_FALSE(TemporaryLeft(out));
  fs::remove_all(out);
}

TEST(EmitRedline, AFolderWhereARedlineGoesIsNamedBeforeAnythingIsConverted) {
  const std::string out = testing::MakeTempDir();
  fs::create_directories(out + "/diff.docx/x");
  fs::create_directories(out + "/diff.html/x");
  base::DiskFileSystem disk;
  FakeConverter pandoc(FakeConverter::Writes("never"));
  base::DiagnosticSink sink;
  EXPECT_FALSE(WriteHtmlRedline(disk, out, "<p>redline</p>", sink).has_value());
  EXPECT_FALSE(WriteDocxRedline(disk, pandoc, nullptr, SmallRedline(), out, sink).has_value());
  EXPECT_EQ(pandoc.conversions(), 0);
  EXPECT_EQ(testing::Formatted(sink),
            out + "/diff.html: error: cannot write the HTML redline: a folder is in the way; remove it or give "
                  "another -o [emit.output-error]\n" +
                out + "/diff.docx: error: cannot write the DOCX redline: a folder is in the way; remove it or "
                      "give another -o [emit.output-error]\n");
  EXPECT_FALSE(TemporaryLeft(out));
  fs::remove_all(out);
}

}  // namespace
}  // namespace policyc::emit
