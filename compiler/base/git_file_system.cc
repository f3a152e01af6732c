#include "base/git_file_system.h"

#include <algorithm>
#include <filesystem>

#include "base/process.h"
#include "base/strings.h"

namespace policyc::base {

namespace {

ProcessResult Git(const std::string& dir, std::vector<std::string> args) {
  ProcessRequest request;
  request.argv = {"git", "-C", dir};
  request.argv.insert(request.argv.end(), args.begin(), args.end());
  request.timeout = std::chrono::seconds(60);
  return RunProcess(request);
}

bool Ok(const ProcessResult& r) { return r.started && !r.timed_out && r.exit_code == 0; }

}  // namespace

std::unique_ptr<GitFileSystem> GitFileSystem::Open(const std::string& path, const std::string& revision,
                                                   const FileSystem& outside, std::string* error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::absolute(path, ec);
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  ProcessResult top = Git(dir.string(), {"rev-parse", "--show-toplevel"});
  if (!top.started) {
    *error = "git is not installed; install it (apt-get install git) to use --rev";
    return nullptr;
  }
  if (!Ok(top)) {
    *error = "'" + path + "' is not in a git repository, so --rev cannot read it";
    return nullptr;
  }
  if (revision.empty() || revision[0] == '-') {
    *error = "'" + revision + "' is not a revision";
    return nullptr;
  }
  ProcessResult commit = Git(dir.string(), {"rev-parse", "--verify", "--quiet", revision + "^{commit}"});
  if (!Ok(commit)) {
    *error = "unknown revision '" + revision + "' in the git repository holding '" + path + "'" +
             "; give a commit, branch or tag that exists (git log --oneline)";
    return nullptr;
  }
  return std::unique_ptr<GitFileSystem>(
      new GitFileSystem(fs::weakly_canonical(Trim(top.output)).string(), revision, Trim(commit.output), outside));
}

std::string GitFileSystem::NameOf(const std::string& path) const {
  if (path.empty()) return path;  // a diagnostic about no file in particular
  auto relative = Inside(path);
  if (!relative) return path;
  return revision_ + ":" + *relative;
}

std::optional<std::string> GitFileSystem::Inside(const std::string& path) const {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path absolute = fs::weakly_canonical(fs::absolute(path, ec), ec);
  const fs::path relative = absolute.lexically_relative(top_);
  if (relative.empty() || *relative.begin() == "..") return std::nullopt;
  return relative == "." ? std::string() : relative.generic_string();
}

std::optional<std::string> GitFileSystem::ObjectType(const std::string& relative) const {
  ProcessResult r = Git(top_, {"cat-file", "-t", commit_ + ":" + relative});
  if (!Ok(r)) return std::nullopt;
  return Trim(r.output);
}

std::optional<std::string> GitFileSystem::ReadFile(const std::string& path, std::string* error) const {
  auto relative = Inside(path);
  if (!relative) return outside_.ReadFile(path, error);
  ProcessResult r = Git(top_, {"show", commit_ + ":" + *relative});
  if (!Ok(r)) {
    *error = "not in revision " + commit_.substr(0, 12);
    return std::nullopt;
  }
  return r.output;
}

std::optional<size_t> GitFileSystem::FileSize(const std::string& path) const {
  auto relative = Inside(path);
  if (!relative) return outside_.FileSize(path);
  ProcessResult r = Git(top_, {"cat-file", "-s", commit_ + ":" + *relative});
  if (!Ok(r)) return std::nullopt;
  return static_cast<size_t>(std::stoull(Trim(r.output)));
}

bool GitFileSystem::IsDirectory(const std::string& path) const {
  auto relative = Inside(path);
  if (!relative) return outside_.IsDirectory(path);
  if (relative->empty()) return true;
  return ObjectType(*relative) == "tree";
}

bool GitFileSystem::Exists(const std::string& path) const {
  auto relative = Inside(path);
  if (!relative) return outside_.Exists(path);
  return relative->empty() || ObjectType(*relative).has_value();
}

std::optional<std::string> GitFileSystem::RealPath(const std::string& path) const {
  auto relative = Inside(path);
  if (!relative) return outside_.RealPath(path);
  if (!Exists(path)) return std::nullopt;
  // git show reads a symbolic link as the name it holds and never follows it.
  return relative->empty() ? top_ : top_ + "/" + *relative;
}

std::vector<std::string> GitFileSystem::ListFiles(const std::string& dir, const std::string& suffix) const {
  auto relative = Inside(dir);
  if (!relative) return outside_.ListFiles(dir, suffix);
  std::vector<std::string> args = {"ls-tree", "-r", "--name-only", "-z", commit_};
  if (!relative->empty()) args.push_back("--"), args.push_back(*relative + "/");
  ProcessResult r = Git(top_, args);
  std::vector<std::string> files;
  if (!Ok(r)) return files;
  const std::string prefix = relative->empty() ? "" : *relative + "/";
  for (const std::string& name : Split(r.output, '\0')) {
    if (name.size() < suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    files.push_back(JoinPath(dir, name.substr(prefix.size())));
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool GitFileSystem::WriteFile(const std::string&, const std::string&, std::string* error) {
  *error = "a revision read with git is read-only";
  return false;
}

bool GitFileSystem::WriteNewFile(const std::string& path, const std::string& bytes, std::string* error,
                                 bool* exists) {
  *exists = false;
  return WriteFile(path, bytes, error);
}

bool GitFileSystem::WriteFileAtomically(const std::string& path, const std::string& bytes, std::string* error) {
  return WriteFile(path, bytes, error);
}

bool GitFileSystem::Rename(const std::string& from, const std::string&, std::string* error) {
  return WriteFile(from, "", error);
}

bool GitFileSystem::Remove(const std::string& path, std::string* error) { return WriteFile(path, "", error); }

std::optional<std::string> GitFileSystem::MakeTemporaryFolder(const std::string& dir, const std::string&,
                                                              std::string* error) {
  WriteFile(dir, "", error);
  return std::nullopt;
}

}  // namespace policyc::base
