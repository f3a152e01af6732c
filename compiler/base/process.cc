#include "base/process.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>
#include <mutex>

extern char** environ;

namespace policyc::base {

namespace {
constexpr size_t kMaxCapture = 64 * 1024;
/// The longest line a Subprocess reads; a renderer answers in a few hundred bytes.
constexpr size_t kMaxLine = 1024 * 1024;

// Running children, for the interrupt handler (which may only use
// async-signal-safe calls: atomics and kill).
constexpr int kMaxChildren = 256;
std::atomic<pid_t> g_children[kMaxChildren];
std::atomic<bool> g_interrupted{false};

void RegisterChild(pid_t pid) {
  for (auto& slot : g_children) {
    pid_t empty = 0;
    if (slot.compare_exchange_strong(empty, pid)) return;
  }
}

void UnregisterChild(pid_t pid) {
  for (auto& slot : g_children) {
    pid_t expected = pid;
    if (slot.compare_exchange_strong(expected, 0)) return;
  }
}

void OnInterrupt(int) {
  g_interrupted = true;
  for (auto& slot : g_children) {
    pid_t pid = slot.load();
    if (pid > 0) kill(-pid, SIGKILL);
  }
}

/// This process's environment with `overrides` replacing or adding variables.
std::vector<std::string> Environment(const std::vector<std::pair<std::string, std::string>>& overrides) {
  std::vector<std::string> out;
  for (char** e = environ; *e; ++e) {
    std::string entry = *e;
    bool overridden = false;
    for (const auto& [name, value] : overrides) {
      overridden |= entry.compare(0, name.size() + 1, name + "=") == 0;
    }
    if (!overridden) out.push_back(entry);
  }
  for (const auto& [name, value] : overrides) out.push_back(name + "=" + value);
  return out;
}

void Append(std::string* out, const char* data, ssize_t n, size_t cap) {
  if (out->size() >= cap) return;
  out->append(data, std::min(static_cast<size_t>(n), cap - out->size()));
}

/// Held from a child's start until it is registered, so that EndStrays
/// never takes a child just started for one of policyc's own.
std::mutex g_spawn_mutex;

bool IsRegistered(pid_t pid) {
  for (const auto& slot : g_children) {
    if (slot.load() == pid) return true;
  }
  return false;
}

/// A converter's child whose parent ends (a double fork, or `setsid cmd &`
/// then exit) would become init's, outside every tree policyc can end. As a
/// child subreaper policyc inherits such orphans instead, and EndStrays ends
/// them.
void BecomeSubreaper() {
  static std::once_flag once;
  std::call_once(once, [] { prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); });
}

/// Starts request.argv in its own process group (so a timeout or an
/// interrupt ends it and its children) with the given descriptors as its
/// stdin, stdout and stderr (-1: /dev/null). Registers the child. Returns
/// 0 and sets `pid`, or an errno value.
int Spawn(const ProcessRequest& request, int in_fd, int out_fd, int err_fd, pid_t* pid) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (in_fd >= 0) posix_spawn_file_actions_adddup2(&actions, in_fd, 0);
  else posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  if (out_fd >= 0) posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  else posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  if (err_fd >= 0) posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
  else posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  if (!request.working_dir.empty()) {
    posix_spawn_file_actions_addchdir_np(&actions, request.working_dir.c_str());
  }
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // policyc ignores SIGPIPE (IgnoreBrokenPipes); an ignored signal would
  // stay ignored across exec, so the child gets the default back.
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attr, 0);

  std::vector<char*> argv;
  for (const std::string& arg : request.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  std::vector<std::string> env_strings = Environment(request.env);
  std::vector<char*> envp;
  for (std::string& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  BecomeSubreaper();
  std::lock_guard<std::mutex> lock(g_spawn_mutex);
  int rc = posix_spawnp(pid, argv[0], &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc == 0) {
    RegisterChild(*pid);
    if (g_interrupted) kill(-*pid, SIGKILL);
  }
  return rc;
}

/// (pid, parent) of every process, from /proc.
std::vector<std::pair<pid_t, pid_t>> ProcessLinks() {
  std::vector<std::pair<pid_t, pid_t>> links;
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return links;
  while (dirent* entry = readdir(proc)) {
    char* end = nullptr;
    const long pid = std::strtol(entry->d_name, &end, 10);
    if (pid <= 0 || *end != '\0') continue;
    std::ifstream stat(std::string("/proc/") + entry->d_name + "/stat");
    std::string line;
    std::getline(stat, line);
    // "pid (name) state ppid ...": the name may hold spaces and parentheses.
    const size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    char state = 0;
    long parent = 0;
    if (std::sscanf(line.c_str() + close + 1, " %c %ld", &state, &parent) == 2) {
      links.emplace_back(static_cast<pid_t>(pid), static_cast<pid_t>(parent));
    }
  }
  closedir(proc);
  return links;
}

/// The processes descended from `root`, from the parent links in /proc.
std::vector<pid_t> Descendants(pid_t root) {
  const std::vector<std::pair<pid_t, pid_t>> links = ProcessLinks();
  std::vector<pid_t> out = {root};
  for (size_t i = 0; i < out.size(); ++i) {
    for (const auto& [pid, parent] : links) {
      if (parent == out[i]) out.push_back(pid);
    }
  }
  out.erase(out.begin());
  return out;
}

/// Ends `pid`'s process group and every process descended from it: a
/// converter's child that left the group (setsid) is ended too, rather than
/// left running after the timeout.
void KillTree(pid_t pid) {
  const std::vector<pid_t> descendants = Descendants(pid);
  kill(-pid, SIGKILL);
  for (pid_t child : descendants) {
    kill(child, SIGKILL);
    const pid_t group = getpgid(child);
    if (group > 0 && group != getpgrp()) kill(-group, SIGKILL);
  }
}

/// Ends and reaps policyc's children that it did not start itself: the
/// orphans of converters, inherited as their subreaper, whether still
/// running (a daemon left behind, holding the output pipe) or already ended
/// (a zombie to reap).
void EndStrays() {
  std::lock_guard<std::mutex> lock(g_spawn_mutex);
  const pid_t self = getpid();
  for (const auto& [pid, parent] : ProcessLinks()) {
    if (parent != self || IsRegistered(pid)) continue;
    KillTree(pid);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

/// A child that closes its standard input (a crashed or hostile renderer)
/// must make a write fail with EPIPE, which is reported, rather than end
/// policyc with SIGPIPE.
void IgnoreBrokenPipes() {
  static std::once_flag once;
  std::call_once(once, [] { signal(SIGPIPE, SIG_IGN); });
}

}  // namespace

void InstallInterruptHandler() {
  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool Interrupted() { return g_interrupted; }

void StopChildren() {
  for (auto& slot : g_children) {
    const pid_t pid = slot.load();
    if (pid > 0) kill(-pid, SIGKILL);
  }
}

std::optional<std::string> FindProgram(const std::string& program) {
  if (program.find('/') != std::string::npos) {
    return access(program.c_str(), X_OK) == 0 ? std::optional(program) : std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string candidate = dirs.substr(start, end - start) + "/" + program;
    struct stat st;
    if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    start = end + 1;
  }
  return std::nullopt;
}

ProcessResult RunProcess(const ProcessRequest& request) {
  ProcessResult result;
  if (request.argv.empty()) return result;
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) return result;
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    return result;
  }

  pid_t pid = 0;
  int rc = Spawn(request, -1, out_pipe[1], err_pipe[1], &pid);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    result.errors = std::strerror(rc);
    return result;
  }
  result.started = true;

  const auto deadline = std::chrono::steady_clock::now() + request.timeout;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  char buffer[8192];
  int status = 0;
  bool reaped = false;
  while (open_fds > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      break;
    }
    // Once the program has ended, what it wrote is in the pipes: a stray it
    // left behind holding them open must not keep the read going until
    // the timeout.
    int ready = poll(fds, 2, reaped ? 0 : static_cast<int>(std::min<long long>(left.count(), 100)));
    if (ready < 0 && errno != EINTR) break;
    if (ready == 0 && reaped) break;
    if (ready == 0 && !reaped) reaped = waitpid(pid, &status, WNOHANG) == pid;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        Append(i == 0 ? &result.output : &result.errors, buffer, n,
               i == 0 ? 16 * 1024 * 1024 : kMaxCapture);
      } else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  // A program that ended in time finished, whatever its strays did after.
  if (reaped) result.timed_out = false;
  if (result.timed_out) KillTree(pid);
  for (auto& fd : fds) {
    if (fd.fd >= 0) close(fd.fd);
  }
  while (!reaped && waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  UnregisterChild(pid);
  EndStrays();
  if (!result.timed_out) {
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  return result;
}

std::unique_ptr<Subprocess> Subprocess::Start(const ProcessRequest& request, std::string* error) {
  IgnoreBrokenPipes();
  int in_pipe[2], out_pipe[2];
  if (request.argv.empty() || pipe2(in_pipe, O_CLOEXEC) != 0) return nullptr;
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    close(in_pipe[0]);
    close(in_pipe[1]);
    return nullptr;
  }
  pid_t pid = 0;
  int rc = Spawn(request, in_pipe[0], out_pipe[1], -1, &pid);
  close(in_pipe[0]);
  close(out_pipe[1]);
  if (rc != 0) {
    close(in_pipe[1]);
    close(out_pipe[0]);
    *error = std::strerror(rc);
    return nullptr;
  }
  return std::unique_ptr<Subprocess>(new Subprocess(pid, in_pipe[1], out_pipe[0]));
}

Subprocess::~Subprocess() {
  if (in_ >= 0) close(in_);  // end of input: the child finishes and exits
  if (out_ >= 0) {
    // Give it a moment to exit on its own, then make sure it is gone.
    pollfd fd{out_, POLLIN, 0};
    char drain[256];
    for (int i = 0; i < 50 && poll(&fd, 1, 100) > 0 && read(out_, drain, sizeof drain) > 0; ++i) {
    }
    close(out_);
  }
  if (pid_ > 0) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == 0) {
      KillTree(pid_);
      waitpid(pid_, &status, 0);
    }
    UnregisterChild(pid_);
    EndStrays();
  }
}

bool Subprocess::WriteLine(const std::string& line) {
  std::string data = line + "\n";
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(in_, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

std::optional<std::string> Subprocess::ReadLine(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    size_t newline = buffer_.find('\n');
    if (newline != std::string::npos) {
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      return line;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      Kill();
      return std::nullopt;
    }
    pollfd fd{out_, POLLIN, 0};
    int ready = poll(&fd, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) return std::nullopt;
    if (ready <= 0) continue;
    char chunk[4096];
    ssize_t n = read(out_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;
    buffer_.append(chunk, static_cast<size_t>(n));
    if (buffer_.size() > kMaxLine && buffer_.find('\n') == std::string::npos) {
      // A line this long is no answer of the protocol: stop reading, not growing.
      Kill();
      return std::nullopt;
    }
  }
}

void Subprocess::Kill() {
  if (pid_ > 0) KillTree(pid_);
}

}  // namespace policyc::base
