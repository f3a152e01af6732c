#ifndef POLICYC_BASE_PROCESS_H_
#define POLICYC_BASE_PROCESS_H_

#include <chrono>
#include <memory>
#include <optional>
#include <utility>
#include <string>
#include <vector>

namespace policyc::base {

/// What to run: an argv vector (never a shell command line), an optional
/// working folder and a time limit.
struct ProcessRequest {
  std::vector<std::string> argv;
  std::string working_dir;  ///< empty: inherit
  std::chrono::milliseconds timeout{std::chrono::seconds(120)};
  /// Variables set for the child on top of this process's environment.
  std::vector<std::pair<std::string, std::string>> env;
};

struct ProcessResult {
  bool started = false;    ///< false when the program could not be run at all
  bool timed_out = false;  ///< killed after the timeout
  int exit_code = -1;      ///< valid when started and not timed out
  std::string output;      ///< stdout
  std::string errors;      ///< stderr, capped at 64 KiB
};

/// Runs the program and waits for it. The child gets /dev/null as stdin.
ProcessResult RunProcess(const ProcessRequest& request);

/// A child process kept running and talked to line by line over its
/// standard input and output (stderr is discarded). Used for a renderer
/// that serves many requests, so its start-up is paid once.
class Subprocess {
 public:
  /// Starts the program; nullptr (with `error` set) when it cannot be run.
  static std::unique_ptr<Subprocess> Start(const ProcessRequest& request, std::string* error);
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  bool WriteLine(const std::string& line);
  /// The next line, without its newline; nullopt on end of output or when
  /// `timeout` passes first (then the child is killed).
  std::optional<std::string> ReadLine(std::chrono::milliseconds timeout);
  void Kill();

 private:
  Subprocess(int pid, int in, int out) : pid_(pid), in_(in), out_(out) {}
  int pid_;
  int in_;
  int out_;
  std::string buffer_;
};

/// On SIGINT or SIGTERM: remember it and end every running child started
/// here (their whole process groups), so that a build stops at once and
/// can clean up after itself instead of leaving half-written files.
void InstallInterruptHandler();
/// True once SIGINT or SIGTERM arrived.
bool Interrupted();
/// Ends every running child started here (their whole process groups),
/// as an interrupt does, without counting as one: for a build's deadline.
void StopChildren();

/// The full path of `program` on PATH, or nullopt.
std::optional<std::string> FindProgram(const std::string& program);

}  // namespace policyc::base

#endif  // POLICYC_BASE_PROCESS_H_
