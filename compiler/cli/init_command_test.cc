#include "cli/init_command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/file_system.h"
#include "base/strings.h"
#include "init/starter_profile.h"
#include "load/source_loader.h"
#include "support/test_support.h"

namespace policyc::cli {
namespace {

using init::NewProfileSettings;

/// The starter profile, from the templates in the source tree; any
/// diagnostic fails the test.
std::string NewProfileXml(const resolve::MergedLibrary& library, const NewProfileSettings& settings) {
  base::DiskFileSystem fs;
  base::DiagnosticSink sink;
  auto templates = init::LoadStarterTemplates(fs, testing::SourceDir() + "/templates", sink);
  std::optional<std::string> text = templates ? init::NewProfileXml(*templates, library, settings, sink) : std::nullopt;
  EXPECT_EQ(testing::Formatted(sink), "");
  return text.value_or("");
}

model::Declaration Declare(std::string id, std::string type, std::optional<std::string> def,
                           std::string description) {
  model::Declaration d;
  d.id = std::move(id);
  d.type = std::move(type);
  d.default_value = std::move(def);
  d.description = std::move(description);
  d.loc = {"lib/declarations.xml", 1, 0};
  return d;
}

/// A small library with the awkward cases: text that must be escaped, a
/// list default, values without a default, a role everyone holds.
resolve::MergedLibrary AwkwardLibrary() {
  resolve::MergedLibrary library;
  library.facts.push_back(Declare("remote", "boolean", "true", "Staff work -- sometimes -- away."));
  library.facts.push_back(Declare("sector", "enum", std::nullopt, "What kind of organisation."));
  library.facts.back().values = {"private", "public"};
  library.parameters.push_back(
      Declare("motto", "string", "Safe & sound -- \"always\" <b>", "A motto; ends with a dash -"));
  library.parameters.push_back(Declare("methods", "list", std::nullopt, "Methods."));
  library.parameters.back().default_items = {"app & push", "key"};
  library.parameters.push_back(Declare("channels", "list", std::nullopt, "Where to announce."));
  library.parameters.push_back(Declare("contact", "string", std::nullopt, "Where to report."));
  library.parameters.push_back(Declare("length", "integer", "12", "Shortest password."));
  library.parameters.back().unit = "characters";
  library.parameters.back().min = "8";
  library.parameters.back().max = "64";
  library.roles.push_back({"owner", "Policy Owner", false, "Owns the policies.", {}, {}, {}});
  library.roles.push_back({"auditor", "Auditor", false, "Audits.", {}, {}, {}});
  library.roles.push_back({"everyone", "All Staff", true, "Everybody.", {}, {}, {}});
  library.segregations.push_back({"owner", "auditor", "Independence.", {}});
  return library;
}

bool EndsWith(const std::string& text, const std::string& end) {
  return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

/// The profile with every commented-out parameter uncommented.
std::string UncommentParameters(const std::string& text) {
  std::string out;
  for (std::string line : base::Split(text, '\n')) {
    const std::string trimmed = base::Trim(line);
    const bool opens =
        trimmed.rfind("<!-- <parameter", 0) == 0 || trimmed == "<!-- </parameters> -->";
    const bool closes = trimmed.rfind("</parameter> -->", 0) == 0;
    if (opens || closes) {
      line = base::Trim(trimmed.substr(opens ? 5 : 0));
      if (EndsWith(line, " -->")) line.resize(line.size() - 4);
    }
    out += line + "\n";
  }
  return out;
}

TEST(CliInit, ProfileIdComesFromTheFolderName) {
  EXPECT_EQ(ProfileIdFor("clients/acme"), "acme");
  EXPECT_EQ(ProfileIdFor("clients/Acme Widgets Ltd/"), "acme-widgets-ltd");
  EXPECT_EQ(ProfileIdFor("2027 North_Star.co"), "north_star.co");
  EXPECT_EQ(ProfileIdFor("clients/123"), "organisation");
}

TEST(CliInit, NewProfileIsSchemaValidAndReadsBackAsTheDefaults) {
  NewProfileSettings settings{"acme", "2026-11-01", {"../house"}};
  const std::string text = NewProfileXml(AwkwardLibrary(), settings);

  base::MemoryFileSystem fs;
  load::XmlReader reader(fs, testing::SourceDir() + "/schemas");
  base::DiagnosticSink sink;
  fs.Add("new/profile.xml", text);
  auto profile = load::LoadProfile(reader, fs, "new/profile.xml", sink);
  ASSERT_TRUE(profile) << testing::Formatted(sink) << text;
  EXPECT_EQ(testing::Formatted(sink), "");
  EXPECT_EQ(profile->id, "acme");
  EXPECT_EQ(profile->as_of, "2026-11-01");
  ASSERT_EQ(profile->libraries.size(), 1u);
  EXPECT_EQ(profile->libraries[0], "new/../house");

  // Every fact as an element: with its default, or empty when it has none.
  ASSERT_EQ(profile->facts.size(), 2u);
  EXPECT_EQ(profile->facts[0].name, "sector");  // no default: first, to be noticed
  EXPECT_EQ(profile->facts[0].value.value_or("?"), "");
  EXPECT_EQ(profile->facts[1].name, "remote");
  EXPECT_EQ(profile->facts[1].value.value_or("?"), "true");
  // Only the parameters without a default are live; the rest are comments.
  ASSERT_EQ(profile->parameters.size(), 2u);
  EXPECT_EQ(profile->parameters[0].name, "channels");
  EXPECT_TRUE(profile->parameters[0].items.empty());
  EXPECT_EQ(profile->parameters[1].name, "contact");
  EXPECT_EQ(profile->parameters[1].value.value_or("?"), "");
  // One placeholder per role someone must hold; the first approves.
  ASSERT_EQ(profile->people.size(), 2u);
  EXPECT_EQ(profile->people[0].id, "owner-holder");
  EXPECT_EQ(profile->people[0].roles, std::vector<std::string>{"owner"});
  EXPECT_EQ(profile->people[1].id, "auditor-holder");
  EXPECT_EQ(profile->document_control.approver, "owner-holder");

  // Descriptions are in comments, with the type and limits.
  EXPECT_NE(text.find("<!-- length: a whole number of characters from 8 to 64; default 12.\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Staff work - - sometimes - - away."), std::string::npos);
  EXPECT_NE(text.find("REQUIRED: no default"), std::string::npos);
  EXPECT_NE(text.find("owner and auditor"), std::string::npos);

  // Uncommented, each parameter element gives back exactly its default.
  const std::string uncommented = UncommentParameters(text);
  fs.Add("open/profile.xml", uncommented);
  auto opened = load::LoadProfile(reader, fs, "open/profile.xml", sink);
  ASSERT_TRUE(opened) << testing::Formatted(sink) << uncommented;
  EXPECT_EQ(testing::Formatted(sink), "");
  ASSERT_EQ(opened->parameters.size(), 5u);
  EXPECT_EQ(opened->parameters[2].name, "motto");
  EXPECT_EQ(opened->parameters[2].value.value_or("?"), "Safe & sound -- \"always\" <b>");
  EXPECT_EQ(opened->parameters[3].name, "methods");
  EXPECT_EQ(opened->parameters[3].items, (std::vector<std::string>{"app & push", "key"}));
}

TEST(CliInit, ParametersElementIsCommentedOutWhenEveryParameterHasADefault) {
  resolve::MergedLibrary library = AwkwardLibrary();
  library.parameters.erase(library.parameters.begin() + 2, library.parameters.begin() + 4);
  const std::string text = NewProfileXml(library, {"acme", "2026-11-01", {}});
  EXPECT_NE(text.find("  <!-- <parameters> -->\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  <!-- </parameters> -->\n"), std::string::npos);

  base::MemoryFileSystem fs;
  load::XmlReader reader(fs, testing::SourceDir() + "/schemas");
  base::DiagnosticSink sink;
  fs.Add("p/profile.xml", text);
  fs.Add("q/profile.xml", UncommentParameters(text));
  ASSERT_TRUE(load::LoadProfile(reader, fs, "p/profile.xml", sink)) << testing::Formatted(sink);
  auto opened = load::LoadProfile(reader, fs, "q/profile.xml", sink);
  ASSERT_TRUE(opened) << testing::Formatted(sink);
  EXPECT_EQ(opened->parameters.size(), 3u);
  EXPECT_EQ(testing::Formatted(sink), "");
}

/// The shipped library's declarations, merged as policyc merges them.
resolve::MergedLibrary ShippedLibrary(const std::vector<std::string>& extra = {}) {
  static base::DiskFileSystem fs;
  load::XmlReader reader(fs, testing::SourceDir() + "/schemas");
  base::DiagnosticSink sink;
  std::vector<model::Library> layers = {
      load::LoadLibrary(reader, fs, testing::SourceDir() + "/policies", sink)};
  for (const std::string& dir : extra) {
    layers.push_back(load::LoadLibrary(reader, fs, testing::SourceDir() + "/" + dir, sink));
  }
  resolve::MergedLibrary library = resolve::MergeLibraries(layers, {}, sink);
  EXPECT_FALSE(sink.HasErrors()) << testing::Formatted(sink);
  return library;
}

/// A valid value for a declaration that has no default, written into the
/// element init left for it.
std::string FillRequired(std::string text, const resolve::MergedLibrary& library) {
  auto replace = [&text](const std::string& from, const std::string& to) {
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  auto value = [](const model::Declaration& d) -> std::string {
    if (d.type == "integer" || d.type == "duration")
      return d.min.value_or(d.type == "integer" ? "1" : "1 days");
    if (d.type == "boolean") return "true";
    if (d.type == "enum") return d.values.front();
    return "security@example.co.uk";
  };
  for (const model::Declaration& d : library.facts) {
    if (d.default_value || !d.default_items.empty()) continue;
    replace("<fact name=\"" + d.id + "\" value=\"\"/>",
            "<fact name=\"" + d.id + "\" value=\"" + value(d) + "\"/>");
  }
  for (const model::Declaration& d : library.parameters) {
    if (d.default_value || !d.default_items.empty()) continue;
    if (d.type == "list") {
      replace("<parameter name=\"" + d.id + "\"/>",
              "<parameter name=\"" + d.id + "\"><item>one</item></parameter>");
    } else {
      replace("<parameter name=\"" + d.id + "\" value=\"\"/>",
              "<parameter name=\"" + d.id + "\" value=\"" + value(d) + "\"/>");
    }
  }
  return text;
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

/// Runs init into a fresh folder; returns the profile's folder.
std::string RunInitInto(const std::vector<std::string>& options, base::ProcessResult* result) {
  const std::string dir = testing::MakeTempDir() + "/acme";
  std::vector<std::string> args = options;
  args.push_back("init");
  args.push_back(dir);
  *result = testing::RunPolicyc(args, {{"SOURCE_DATE_EPOCH", "1793491200"}});  // 2026-11-01
  return dir;
}

TEST(CliInit, ShippedLibraryProfileNamesEveryDeclarationAndChecksAsDesigned) {
  const resolve::MergedLibrary library = ShippedLibrary();
  base::ProcessResult result;
  const std::string dir = RunInitInto({}, &result);
  ASSERT_EQ(result.exit_code, 0) << result.errors;
  EXPECT_NE(result.errors.find("next steps:"), std::string::npos) << result.errors;
  const std::string path = dir + "/profile.xml";
  const std::string text = testing::ReadFileOrEmpty(path);
  EXPECT_NE(text.find("<profile id=\"acme\" as-of=\"2026-11-01\">"), std::string::npos);

  // Every declared fact is a <fact> element (but the one <certification>
  // sets), every parameter is named (commented out unless it has no
  // default), every role has a holder, every control has a status.
  for (const model::Declaration& d : library.facts) {
    if (model::SetByProfileElement(d.id)) {
      EXPECT_EQ(text.find("<fact name=\"" + d.id + "\""), std::string::npos);
      continue;
    }
    EXPECT_NE(text.find("\n    <fact name=\"" + d.id + "\" value=\""), std::string::npos) << d.id;
  }
  for (const model::Declaration& d : library.parameters) {
    EXPECT_NE(text.find("<parameter name=\"" + d.id + "\""), std::string::npos) << d.id;
    EXPECT_NE(text.find("<!-- " + d.id + ": "), std::string::npos) << d.id;
  }
  for (const model::Role& role : library.roles) {
    if (role.everyone) continue;
    EXPECT_NE(text.find("roles=\"" + role.id + "\""), std::string::npos) << role.id;
  }

  // Schema-valid as written: policyc's own reader, and xmllint where it is installed.
  {
    base::DiskFileSystem fs;
    load::XmlReader reader(fs, testing::SourceDir() + "/schemas");
    base::DiagnosticSink sink;
    EXPECT_TRUE(load::LoadProfile(reader, fs, path, sink));
    EXPECT_EQ(testing::Formatted(sink), "");
  }
  base::ProcessRequest xmllint;
  xmllint.argv = {"xmllint", "--noout", "--schema", testing::SourceDir() + "/schemas/profile.xsd",
                  path};
  base::ProcessResult linted = base::RunProcess(xmllint);
  if (linted.started && linted.exit_code != 127) {
    EXPECT_EQ(linted.exit_code, 0) << linted.errors;
  }

  for (const model::Control& control : library.catalogue.controls) {
    EXPECT_NE(text.find("<status control=\"" + control.id + "\" value=\"not-implemented\"/>"), std::string::npos)
        << control.id;
  }

  // check reports only decisions: each value that has no default, at its
  // own line, each control the default facts leave unimplemented, as a
  // candidate for exclusion, and, as warnings, each applicable control that
  // nothing gives a reason for yet (a new profile has no risks).
  base::ProcessResult check = testing::RunPolicyc({"check", dir});
  EXPECT_EQ(check.exit_code, 1) << check.errors;
  for (const std::string& line : base::Split(check.errors, '\n')) {
    if (line.find(": warning: ") == std::string::npos) continue;
    EXPECT_TRUE(EndsWith(line, "[resolve.unjustified-control]")) << line;
  }
  for (const auto* list : {&library.facts, &library.parameters}) {
    for (const model::Declaration& d : *list) {
      if (d.default_value || !d.default_items.empty()) continue;
      EXPECT_NE(check.errors.find(path + ":"), std::string::npos);
      EXPECT_NE(check.errors.find(" '" + d.id + "': "), std::string::npos) << check.errors;
    }
  }
  std::vector<std::string> candidates;
  for (const std::string& line : base::Split(check.errors, '\n')) {
    if (line.find(": error: ") == std::string::npos) continue;
    const bool required = line.rfind(path + ":", 0) == 0 && EndsWith(line, "[resolve.bad-value]");
    const bool candidate = EndsWith(line, "[resolve.uncovered-control]") &&
                           line.find("candidate for exclusion") != std::string::npos;
    EXPECT_TRUE(required || candidate) << line;
    const size_t at = line.find("<exclude control=\"");
    if (candidate && at != std::string::npos) {
      candidates.push_back(line.substr(at + 18, line.find('"', at + 18) - at - 18));
    }
  }

  // Those decided (candidates excluded, the rest given a status and a
  // reason), it checks with no diagnostic at all.
  std::string filled = FillRequired(text, library);
  for (const std::string& control : candidates) {
    const std::string line = "<status control=\"" + control + "\" value=\"not-implemented\"/>";
    ASSERT_NE(filled.find(line), std::string::npos) << control;
    filled.replace(filled.find(line), line.size(),
                   "<exclude control=\"" + control + "\" reason=\"Not relevant to this test organisation.\"/>");
  }
  for (size_t at; (at = filled.find("value=\"not-implemented\"/>")) != std::string::npos;) {
    filled.replace(at, 26, "value=\"implemented\" reason=\"The test organisation needs it.\"/>");
  }
  WriteText(path, filled);
  check = testing::RunPolicyc({"check", dir});
  EXPECT_EQ(check.exit_code, 0) << check.errors;
  EXPECT_EQ(check.errors, "");
  std::filesystem::remove_all(std::filesystem::path(dir).parent_path());
}

TEST(CliInit, NoPathOfThisMachineInTheProfile) {
  // With the library given by its absolute path, comments still name files
  // as "policies/declarations.xml", never by where they are on this machine.
  base::ProcessResult result;
  const std::string dir = RunInitInto({"--data", testing::SourceDir()}, &result);
  ASSERT_EQ(result.exit_code, 0) << result.errors;
  const std::string text = testing::ReadFileOrEmpty(dir + "/profile.xml");
  EXPECT_EQ(text.find(testing::SourceDir()), std::string::npos);
  EXPECT_EQ(text.find("=== /"), std::string::npos);
  EXPECT_NE(text.find("===== REQUIRED: policies/declarations.xml ====="), std::string::npos) << text.substr(0, 4000);
  std::filesystem::remove_all(std::filesystem::path(dir).parent_path());
}

TEST(CliInit, HouseLibraryIsListedAndItsDeclarationsIncluded) {
  const resolve::MergedLibrary library = ShippedLibrary({"examples/house-library"});
  base::ProcessResult result;
  const std::string dir = RunInitInto({"-L", "examples/house-library"}, &result);
  ASSERT_EQ(result.exit_code, 0) << result.errors;
  const std::string text = testing::ReadFileOrEmpty(dir + "/profile.xml");
  for (const model::Declaration& d : library.parameters) {
    EXPECT_NE(text.find("<parameter name=\"" + d.id + "\""), std::string::npos) << d.id;
  }
  const std::string relative =
      std::filesystem::path(testing::SourceDir() + "/examples/house-library")
          .lexically_relative(dir)
          .string();
  EXPECT_NE(text.find("<library path=\"" + relative + "\"/>"), std::string::npos) << text;

  // The profile names its library, so it checks without -L: only the
  // decisions are reported, as for the shipped library alone.
  WriteText(dir + "/profile.xml", FillRequired(text, library));
  base::ProcessResult check = testing::RunPolicyc({"check", dir});
  for (const std::string& line : base::Split(check.errors, '\n')) {
    if (line.find(": error: ") != std::string::npos) {
      EXPECT_TRUE(EndsWith(line, "[resolve.uncovered-control]")) << line;
    } else if (line.find(": warning: ") != std::string::npos) {
      EXPECT_TRUE(EndsWith(line, "[resolve.unjustified-control]")) << line;
    }
  }
  std::filesystem::remove_all(std::filesystem::path(dir).parent_path());
}

TEST(CliInit, NeverOverwritesAProfile) {
  base::ProcessResult result;
  const std::string dir = RunInitInto({}, &result);
  ASSERT_EQ(result.exit_code, 0) << result.errors;
  WriteText(dir + "/profile.xml", "mine");
  result = testing::RunPolicyc({"init", dir});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.errors, dir + "/profile.xml: error: something is already at this name (a file or a link); "
                                 "init never overwrites a profile: choose a new folder, or delete it "
                                 "[cli.would-overwrite]\npolicyc: 1 error, 0 warnings\n");
  EXPECT_EQ(testing::ReadFileOrEmpty(dir + "/profile.xml"), "mine");
  std::filesystem::remove_all(std::filesystem::path(dir).parent_path());
}

// Issue 14, point 13: init does not write through a symlink planted at profile.xml.
TEST(CliInit, DoesNotWriteThroughASymlinkAtProfileXml) {
  const std::string dir = testing::MakeTempDir();
  std::filesystem::create_directories(dir + "/acme");
  std::filesystem::create_symlink(dir + "/elsewhere.xml", dir + "/acme/profile.xml");  // dangling
  base::ProcessResult result = testing::RunPolicyc({"init", dir + "/acme"});
  EXPECT_EQ(result.exit_code, 2) << result.errors;
  EXPECT_FALSE(std::filesystem::exists(dir + "/elsewhere.xml"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace policyc::cli
