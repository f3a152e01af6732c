#include "base/process.h"

#include <gtest/gtest.h>

#include <signal.h>

#include <fstream>
#include <string>
#include <thread>

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

// Issue 14, point 6: a worker that closes its stdin makes the write fail;
// it does not end policyc with SIGPIPE (this test would die of it).
TEST(BaseProcess, AWorkerThatClosesItsStdinFailsTheWriteWithoutSigpipe) {
  std::string error;
  auto child = Subprocess::Start({{"sh", "-c", "exec 0<&-; sleep 5"}, {}, {}, {}}, &error);
  ASSERT_NE(child, nullptr) << error;
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(child->WriteLine("{\"html\": \"a\", \"pdf\": \"b\"}"));
}

// policyc ignores SIGPIPE, but the programs it runs get the default back:
// `yes` in a pipeline ends quietly rather than complaining of EPIPE.
TEST(BaseProcess, ChildrenGetTheDefaultSigpipeBack) {
  std::string error;
  auto child = Subprocess::Start({{"true"}, {}, {}, {}}, &error);  // policyc now ignores SIGPIPE
  ASSERT_NE(child, nullptr) << error;
  ProcessResult result = RunProcess({{"sh", "-c", "yes | head -c 1 >/dev/null"}, {}, std::chrono::seconds(10), {}});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.errors, "");
}

// Issue 14, point 13: the worker's read buffer is bounded; a line without
// end is not read into memory for ever.
TEST(BaseProcess, AnEndlessLineFromAWorkerIsCutOff) {
  std::string error;
  auto child = Subprocess::Start({{"sh", "-c", "read x; exec tr -d '\\n' </dev/zero"}, {}, {}, {}}, &error);
  ASSERT_NE(child, nullptr) << error;
  ASSERT_TRUE(child->WriteLine("go"));
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(child->ReadLine(std::chrono::seconds(60)).has_value());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
}

/// Whether `pid` is gone (or a zombie, which runs nothing), waiting up to 5 s.
bool Ended(pid_t pid) {
  for (int i = 0; i < 50; ++i) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return true;
    const size_t close = line.rfind(')');
    if (close != std::string::npos && line.compare(close, 3, ") Z") == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

// Issue 14, point 13: a converter's grandchild that left the process group
// with setsid is ended at the timeout too.
TEST(BaseProcess, ASetsidGrandchildDoesNotSurviveTheTimeout) {
  ProcessResult result = RunProcess(
      {{"sh", "-c", "setsid sleep 300 & echo $!; wait"}, {}, std::chrono::milliseconds(1000), {}});
  ASSERT_TRUE(result.timed_out);
  const pid_t grandchild = static_cast<pid_t>(std::stol(result.output));
  ASSERT_GT(grandchild, 0);
  EXPECT_TRUE(Ended(grandchild));
  if (!Ended(grandchild)) kill(grandchild, SIGKILL);
}

// Issue 14, point 13: a converter's child orphaned before the timeout (its
// parent ended, so it belongs to no tree of the converter's) is ended too,
// and, holding the output pipe, does not keep policyc reading until the
// timeout.
TEST(BaseProcess, AnOrphanedGrandchildIsEndedWhenTheConverterEnds) {
  const auto start = std::chrono::steady_clock::now();
  ProcessResult result = RunProcess(
      {{"sh", "-c", "(setsid sleep 300 & echo $!); exit 0"}, {}, std::chrono::seconds(60), {}});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  ASSERT_FALSE(result.timed_out);
  EXPECT_EQ(result.exit_code, 0);
  const pid_t orphan = static_cast<pid_t>(std::stol(result.output));
  ASSERT_GT(orphan, 0);
  EXPECT_TRUE(Ended(orphan));
  if (!Ended(orphan)) kill(orphan, SIGKILL);
}

TEST(BaseProcess, AnOrphanedGrandchildDoesNotSurviveTheTimeout) {
  ProcessResult result = RunProcess(
      {{"sh", "-c", "(setsid sleep 300 & echo $!); sleep 300"}, {}, std::chrono::milliseconds(1000), {}});
  ASSERT_TRUE(result.timed_out);
  const pid_t orphan = static_cast<pid_t>(std::stol(result.output));
  ASSERT_GT(orphan, 0);
  EXPECT_TRUE(Ended(orphan));
  if (!Ended(orphan)) kill(orphan, SIGKILL);
}

}  // namespace
}  // namespace policyc::base
