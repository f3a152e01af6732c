#include "base/process.h"

#include <gtest/gtest.h>

namespace policyc::base {
namespace {

TEST(BaseProcess, CapturesOutputErrorsAndStatusWithoutAShell) {
  ProcessRequest request{{"sh", "-c", "echo out; echo err >&2; exit 3"}, {}, std::chrono::seconds(10), {}};
  ProcessResult result = RunProcess(request);
  ASSERT_TRUE(result.started);
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.output, "out\n");
  EXPECT_EQ(result.errors, "err\n");
}

TEST(BaseProcess, ArgumentsAreNeverInterpretedByAShell) {
  ProcessRequest request{{"echo", "$(id) ; rm -rf /"}, {}, std::chrono::seconds(10), {}};
  ProcessResult result = RunProcess(request);
  EXPECT_EQ(result.output, "$(id) ; rm -rf /\n");
}

TEST(BaseProcess, KillsAProgramThatRunsTooLong) {
  ProcessRequest request{{"sleep", "30"}, {}, std::chrono::milliseconds(200), {}};
  auto start = std::chrono::steady_clock::now();
  ProcessResult result = RunProcess(request);
  EXPECT_TRUE(result.timed_out);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(BaseProcess, ReportsAMissingProgram) {
  ProcessResult result = RunProcess({{"policyc-no-such-program"}, {}, std::chrono::seconds(5), {}});
  EXPECT_FALSE(result.started);
  EXPECT_FALSE(FindProgram("policyc-no-such-program").has_value());
  EXPECT_TRUE(FindProgram("sh").has_value());
}

TEST(BaseProcess, PassesExtraEnvironment) {
  ProcessRequest request{{"sh", "-c", "echo $SOURCE_DATE_EPOCH"}, {}, std::chrono::seconds(10),
                         {{"SOURCE_DATE_EPOCH", "1700000000"}}};
  EXPECT_EQ(RunProcess(request).output, "1700000000\n");
}

TEST(BaseProcess, ASubprocessServesManyRequestsLineByLine) {
  std::string error;
  auto child = Subprocess::Start({{"sh", "-c", "while read x; do echo \"got $x\"; done"}, {}, {}, {}}, &error);
  ASSERT_NE(child, nullptr) << error;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(child->WriteLine("line " + std::to_string(i)));
    EXPECT_EQ(child->ReadLine(std::chrono::seconds(5)), "got line " + std::to_string(i));
  }
}

TEST(BaseProcess, ASubprocessThatHangsIsKilledAtTheTimeout) {
  std::string error;
  auto child = Subprocess::Start({{"sleep", "30"}, {}, {}, {}}, &error);
  ASSERT_NE(child, nullptr);
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(child->ReadLine(std::chrono::milliseconds(200)).has_value());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace policyc::base
