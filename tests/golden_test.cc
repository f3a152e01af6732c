// Golden end-to-end cases: each folder under tests/golden/ holds
//   args             policyc's arguments, whitespace-separated; {case} is the
//                    case folder (relative to the source folder), {out} a
//                    fresh temporary output folder
//   expected_stderr  the exact diagnostics (required)
//   expected_exit    the exit status (required)
//   expected_stdout  (optional) the exact standard output
// policyc runs in the source folder, so paths in diagnostics are stable.
// UPDATE_GOLDEN=1 rewrites the expectations for a reviewer to read in the diff.
// A case's name says how it must end (ExitFor): an expectation rewritten to
// another exit status fails, rather than pass as the new normal.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "base/strings.h"
#include "support/test_support.h"

namespace policyc {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Cases() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fs::path(testing::SourceDir()) / "tests/golden")) {
    if (entry.is_directory() && fs::exists(entry.path() / "args")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

void Replace(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

void WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

/// The exit statuses a case's name allows: ok.* and warn.* succeed,
/// error.* have errors in their sources (1), fail.* are refused for their
/// command line or environment (2), diff.* find the sides equal or not (0
/// or 1), and so do import.* (no change, or changes found). Empty for a
/// name of no known kind.
std::vector<int> ExitFor(const std::string& name) {
  const std::string kind = name.substr(0, name.find('.'));
  if (kind == "ok" || kind == "warn") return {0};
  if (kind == "error") return {1};
  if (kind == "fail") return {2};
  if (kind == "diff" || kind == "import") return {0, 1};
  return {};
}

class GoldenCase : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenCase, MatchesExpectations) {
  const std::string name = GetParam();
  const fs::path dir = fs::path(testing::SourceDir()) / "tests/golden" / name;
  const std::vector<int> allowed = ExitFor(name);
  ASSERT_FALSE(allowed.empty()) << name << ": a case's name starts with ok., warn., error., fail. or diff.";
  if (!std::getenv("UPDATE_GOLDEN")) {
    ASSERT_TRUE(fs::exists(dir / "expected_stderr")) << "missing " << (dir / "expected_stderr");
    ASSERT_TRUE(fs::exists(dir / "expected_exit")) << "missing " << (dir / "expected_exit");
  }
  const std::string out = testing::MakeTempDir();
  std::string args_text = testing::ReadFileOrEmpty((dir / "args").string());
  Replace(args_text, "{case}", "tests/golden/" + name);
  Replace(args_text, "{out}", out);
  base::ProcessResult result = testing::RunPolicyc(base::SplitWhitespace(args_text));
  ASSERT_TRUE(result.started);
  ASSERT_FALSE(result.timed_out);
  std::string stderr_text = result.errors;
  Replace(stderr_text, out, "{out}");
  std::string stdout_text = result.output;
  Replace(stdout_text, out, "{out}");
  fs::remove_all(out);

  if (std::getenv("UPDATE_GOLDEN")) {
    WriteFile(dir / "expected_stderr", stderr_text);
    WriteFile(dir / "expected_exit", std::to_string(result.exit_code) + "\n");
    if (fs::exists(dir / "expected_stdout") || !stdout_text.empty()) {
      WriteFile(dir / "expected_stdout", stdout_text);
    }
    GTEST_SKIP() << "expectations rewritten";
  }
  EXPECT_EQ(stderr_text, testing::ReadFileOrEmpty((dir / "expected_stderr").string()));
  EXPECT_EQ(std::to_string(result.exit_code),
            base::Trim(testing::ReadFileOrEmpty((dir / "expected_exit").string())));
  if (fs::exists(dir / "expected_stdout")) {
    EXPECT_EQ(stdout_text, testing::ReadFileOrEmpty((dir / "expected_stdout").string()));
  }
  EXPECT_NE(std::find(allowed.begin(), allowed.end(), result.exit_code), allowed.end())
      << name << " exited " << result.exit_code << ", which its kind of case does not allow";
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenCase, ::testing::ValuesIn(Cases()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n;
                         });

}  // namespace
}  // namespace policyc
