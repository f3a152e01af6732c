// policyc diff end to end: the redlines a client reads (no file paths, no
// parameter ids, an HTML outline that never skips a level) and the
// messages a user reads (the old side's files named by revision, problems
// before the result line).
#include "cli/diff_command.h"

#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "base/process.h"
#include "base/strings.h"
#include "support/test_support.h"

namespace policyc::cli {
namespace {

namespace fs = std::filesystem;

void WriteText(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

/// Replaces `from` by `to` in a file; fails the test when `from` is not there.
void Edit(const std::string& path, const std::string& from, const std::string& to) {
  std::string text = testing::ReadFileOrEmpty(path);
  const size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from << " not in " << path;
  text.replace(at, from.size(), to);
  WriteText(path, text);
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

/// Two versions of an example in a temporary folder, `dir`/v1 as shipped
/// and `dir`/v2 with a longer password and a person renamed: the change a
/// client meets most, quoted by the registers and checklists.
void TwoVersions(const std::string& example, const std::string& dir, const std::string& old_name,
                 const std::string& new_name) {
  for (const char* side : {"v1", "v2"}) {
    fs::copy(testing::SourceDir() + "/examples/" + example, dir + "/" + side, fs::copy_options::recursive);
  }
  // Some examples layer the house library beside them.
  fs::copy(testing::SourceDir() + "/examples/house-library", dir + "/house-library", fs::copy_options::recursive);
  const std::string profile = dir + "/v2/profile.xml";
  Edit(profile, "name=\"" + old_name + "\"", "name=\"" + new_name + "\"");
  const std::string text = testing::ReadFileOrEmpty(profile);
  const std::regex length("<parameter name=\"password_min_length\" value=\"[0-9]+\"/>");
  const std::string longer = "<parameter name=\"password_min_length\" value=\"15\"/>";
  WriteText(profile, std::regex_search(text, length) ? std::regex_replace(text, length, longer)
                                                      : std::regex_replace(text, std::regex("<parameters>"),
                                                                           "<parameters>\n    " + longer));
}

/// The ids of every parameter the example's library declares.
std::vector<std::string> ParameterIds(const std::string& profile) {
  const base::ProcessResult list = testing::RunPolicyc({"list", "parameters", profile, "--format", "csv"});
  std::vector<std::string> ids;
  for (const std::string& line : base::Split(list.output, '\n')) {
    const std::string id = line.substr(0, line.find(','));
    if (!id.empty() && id != "id") ids.push_back(id);
  }
  return ids;
}

/// What a reader must never meet in a redline: a path of this machine or a
/// parameter's id.
void ExpectNoPathsOrIds(const std::string& text, const std::string& dir, const std::vector<std::string>& ids) {
  EXPECT_EQ(text.find(dir), std::string::npos);
  EXPECT_EQ(text.find("profile.xml"), std::string::npos);
  EXPECT_EQ(text.find(testing::SourceDir()), std::string::npos);
  for (const std::string& id : ids) EXPECT_EQ(text.find(id), std::string::npos) << id;
}

struct Outline {
  std::vector<int> headings;  ///< levels, in document order
  std::map<std::string, int> ids;
  std::set<std::string> links;  ///< "#…" targets
  std::string text;
};

void Walk(xmlNode* node, Outline& outline) {
  for (xmlNode* n = node; n; n = n->next) {
    if (n->type == XML_TEXT_NODE && n->content) outline.text += reinterpret_cast<const char*>(n->content);
    if (n->type != XML_ELEMENT_NODE) continue;
    const std::string name = reinterpret_cast<const char*>(n->name);
    if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') outline.headings.push_back(name[1] - '0');
    if (xmlChar* id = xmlGetProp(n, BAD_CAST "id")) {
      ++outline.ids[reinterpret_cast<const char*>(id)];
      xmlFree(id);
    }
    if (xmlChar* href = xmlGetProp(n, BAD_CAST "href")) {
      const std::string target = reinterpret_cast<const char*>(href);
      if (target.rfind("#", 0) == 0) outline.links.insert(target.substr(1));
      xmlFree(href);
    }
    Walk(n->children, outline);
  }
}

Outline ParseHtml(const std::string& html) {
  Outline outline;
  htmlDocPtr doc = htmlReadMemory(html.data(), static_cast<int>(html.size()), "diff.html", "utf-8",
                                  HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (!doc) return outline;
  Walk(xmlDocGetRootElement(doc), outline);
  xmlFreeDoc(doc);
  return outline;
}

TEST(CliDiffRedline, HtmlIsForTheClientAndItsOutlineNeverSkipsALevel) {
  const std::string dir = testing::MakeTempDir();
  TwoVersions("lantern-carers", dir, "Joanna Pike", "Joanna Pike-Harris");
  const base::ProcessResult r = testing::RunPolicyc({"diff", dir + "/v1", dir + "/v2", "--format", "html", "-o", dir});
  ASSERT_EQ(r.exit_code, 1) << r.errors;
  const std::string html = testing::ReadFileOrEmpty(dir + "/diff.html");
  const Outline outline = ParseHtml(html);
  ASSERT_FALSE(outline.headings.empty());

  // What the Nu HTML checker asks of the outline, kept without it: one h1
  // first, no heading more than one level below the one before; ids unique,
  // and every link inside the page lands on one.
  EXPECT_EQ(outline.headings.front(), 1);
  for (size_t i = 1; i < outline.headings.size(); ++i) {
    EXPECT_LE(outline.headings[i], outline.headings[i - 1] + 1) << "heading " << i;
  }
  for (const auto& [id, count] : outline.ids) EXPECT_EQ(count, 1) << id;
  for (const std::string& link : outline.links) EXPECT_TRUE(outline.ids.count(link)) << link;

  // Sides by name and release, parameters by what they are.
  ExpectNoPathsOrIds(outline.text, dir, ParameterIds(dir + "/v1"));
  EXPECT_NE(outline.text.find("Lantern Carers Trust, released "), std::string::npos);
  EXPECT_NE(outline.text.find("The minimum length of a user-chosen password or passphrase"), std::string::npos);
  // Each statement change once: the three statements that quote the length,
  // not again in the register of duties and the audit checklists.
  EXPECT_EQ(Count(html, "<del>12</del><ins>15</ins>"), 3u);
  EXPECT_NE(html.find("Also appears in Register of Duties"), std::string::npos);
  // The pack's branding.
  EXPECT_NE(html.find("--brand:#C46A12"), std::string::npos);
  fs::remove_all(dir);
}

TEST(CliDiff, ProblemsComeBeforeTheResultLine) {
  const std::string dir = testing::MakeTempDir();
  const base::ProcessResult r =
      testing::RunPolicyc({"--base-library", "tests/data/mini", "diff", "tests/data/diff/base",
                           "tests/golden/diff.parameter", "--format", "html,docx", "-o", dir},
                          {{"PATH", "/nonexistent"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.errors,
            "policyc: error: Pandoc is not installed, so docx cannot be made; install it "
            "(apt-get install pandoc) or build with --format html [emit.tool-missing]\n"
            "policyc: 1 error, 0 warnings\n"
            "policyc: wrote " + dir + "/diff.html\n");
  fs::remove_all(dir);
}

TEST(CliDiff, WritesNothingThroughALinkPlantedAtATemporaryName) {
  const std::string dir = testing::MakeTempDir();
  const std::string victim = dir + "/victim";
  WriteText(victim, "untouched");
  fs::create_directory(dir + "/out");
  // Every temporary name diff has used, and the redline's own name.
  for (const char* name : {"diff.html.tmp", "diff.docx.tmp", ".diff.md", ".diff.reference.docx"}) {
    fs::create_symlink(victim, dir + "/out/" + name);
  }
  const base::ProcessResult r = testing::RunPolicyc({"--base-library", "tests/data/mini", "diff", "tests/data/diff/base",
                                                     "tests/golden/diff.parameter", "--format", "html", "-o",
                                                     dir + "/out"});
  EXPECT_EQ(r.exit_code, 1) << r.errors;
  EXPECT_EQ(testing::ReadFileOrEmpty(victim), "untouched");
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(dir + "/out/diff.html")));
  for (const auto& entry : fs::directory_iterator(dir + "/out")) {  // no temporary folder left behind
    EXPECT_NE(entry.path().filename().string().rfind(".diff-", 0), 0u) << entry.path();
  }
  fs::remove_all(dir);
}

TEST(CliDiff, AFolderWhereTheRedlineGoesIsAClearError) {
  const std::string dir = testing::MakeTempDir();
  fs::create_directories(dir + "/diff.html/x");
  const base::ProcessResult r = testing::RunPolicyc({"--base-library", "tests/data/mini", "diff", "tests/data/diff/base",
                                                     "tests/golden/diff.parameter", "--format", "html", "-o", dir});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.errors, dir + "/diff.html: error: cannot write the HTML redline: a folder is in the way; remove it "
                            "or give another -o [emit.output-error]\npolicyc: 1 error, 0 warnings\n");
  EXPECT_TRUE(fs::exists(dir + "/diff.html/x"));
  fs::remove_all(dir);
}

base::ProcessResult Git(const std::string& dir, std::vector<std::string> args) {
  args.insert(args.begin(), {"git", "-c", "user.name=Test", "-c", "user.email=test@example.org"});
  return base::RunProcess({args, dir, std::chrono::seconds(60), {}});
}

TEST(CliDiff, TheOldSidesDiagnosticsNameTheRevision) {
  if (!base::FindProgram("git")) GTEST_SKIP() << "git is not installed";
  // A repository whose last commit has a profile with an error and a
  // warning, fixed in the working copy since.
  const std::string dir = testing::MakeTempDir();
  fs::copy(testing::SourceDir() + "/tests/data/diff/library", dir + "/library", fs::copy_options::recursive);
  fs::create_directories(dir + "/org");
  const std::string profile = dir + "/org/profile.xml";
  const std::string good = testing::ReadFileOrEmpty(testing::SourceDir() + "/tests/data/diff/base/profile.xml");
  WriteText(profile, good);
  Edit(profile, "<parameter name=\"contact_email\"", "<parameter name=\"no_such_parameter\" value=\"1\"/>\n    <parameter name=\"contact_email\"");
  Edit(profile, "<status control=\"A.8.20\" value=\"implemented\" reason=\"The London office network carries the customer files\"/>", "");
  ASSERT_EQ(Git(dir, {"init", "-q"}).exit_code, 0);
  ASSERT_EQ(Git(dir, {"add", "-A"}).exit_code, 0);
  ASSERT_EQ(Git(dir, {"commit", "-qm", "a broken profile"}).exit_code, 0);
  WriteText(profile, good);

  const base::ProcessResult r =
      testing::RunPolicyc({"--base-library", "tests/data/mini", "diff", "--rev", "HEAD", dir + "/org"});
  EXPECT_EQ(r.exit_code, 2);
  // Every line about a file says which one: the profile as it was at HEAD,
  // with the line numbers of that version; the working copy is not wrong.
  const std::vector<std::string> lines = base::Split(r.errors, '\n');
  ASSERT_GE(lines.size(), 4u) << r.errors;
  EXPECT_EQ(lines[0].rfind("HEAD:org/profile.xml:17: error: unknown parameter 'no_such_parameter'", 0), 0u) << r.errors;
  EXPECT_EQ(lines[1].rfind("HEAD:org/profile.xml:", 0), 0u) << r.errors;
  EXPECT_NE(lines[1].find(": warning: A.8.20 Networks security is applicable"), std::string::npos) << r.errors;
  EXPECT_EQ(r.errors.find(profile), std::string::npos) << r.errors;
  EXPECT_TRUE(r.errors.ends_with("\npolicyc: 1 error, 2 warnings\n")) << r.errors;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace policyc::cli

namespace policyc {
namespace {

// The DOCX redline needs Pandoc: these run where it is installed.
TEST(PackRedline, AFolderWhereDiffDocxGoesIsAClearError) {
  if (!base::FindProgram("pandoc")) GTEST_SKIP() << "Pandoc is not installed";
  const std::string dir = testing::MakeTempDir();
  std::filesystem::create_directories(dir + "/diff.docx");
  const base::ProcessResult r = testing::RunPolicyc({"--base-library", "tests/data/mini", "diff", "tests/data/diff/base",
                                                     "tests/golden/diff.parameter", "--format", "docx", "-o", dir});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.errors, dir + "/diff.docx: error: cannot write the DOCX redline: a folder is in the way; remove it "
                            "or give another -o [emit.output-error]\npolicyc: 1 error, 0 warnings\n");
  std::filesystem::remove_all(dir);
}

TEST(PackRedline, DocxIsForTheClientInItsBrandingAndDatedByRelease) {
  if (!base::FindProgram("pandoc")) GTEST_SKIP() << "pandoc is not installed";
  const std::string dir = testing::MakeTempDir();
  cli::TwoVersions("brightwater", dir, "Amara Okafor", "Amara Okafor-Reid");
  // The new side released on its own date: its changes take effect then.
  base::ProcessResult r = testing::RunPolicyc({"release", dir + "/v2", "--date", "2027-02-01"});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  r = testing::RunPolicyc({"diff", dir + "/v1", dir + "/v2", "--format", "docx", "-o", dir});
  ASSERT_EQ(r.exit_code, 1) << r.errors;
  const std::string docx = dir + "/diff.docx";
  auto part = [&](const char* name) {
    return base::RunProcess({{"unzip", "-p", docx, name}, "", std::chrono::seconds(60), {}}).output;
  };
  const std::string body = part("word/document.xml");
  ASSERT_NE(body.find("<w:ins "), std::string::npos);
  // Only words: strip the markup, then look for paths and parameter ids.
  const std::string words = std::regex_replace(body, std::regex("<[^>]*>"), "");
  cli::ExpectNoPathsOrIds(words, dir, cli::ParameterIds(dir + "/v1"));
  EXPECT_NE(words.find("Brightwater Analytics, released 2027-02-01"), std::string::npos) << words;
  EXPECT_NE(words.find("The minimum length of a user-chosen password or passphrase"), std::string::npos);
  // Every tracked change is the organisation's, dated by the release that
  // approved it, never by the as-of date.
  const std::regex tracked("<w:(ins|del) [^>]*w:author=\"([^\"]*)\"[^>]*w:date=\"([^\"]*)\"");
  size_t changes = 0;
  for (auto it = std::sregex_iterator(body.begin(), body.end(), tracked); it != std::sregex_iterator(); ++it) {
    EXPECT_EQ((*it)[2].str(), "Brightwater Analytics");
    EXPECT_EQ((*it)[3].str(), "2027-02-01T00:00:00Z");
    ++changes;
  }
  EXPECT_GT(changes, 4u);
  // The client's branding: the logo in the header, the two sides in the footer.
  EXPECT_NE(part("word/_rels/header1.xml.rels").find("media/policyc-logo.png"), std::string::npos);
  EXPECT_NE(part("word/footer1.xml").find("Changes: released "), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace policyc
