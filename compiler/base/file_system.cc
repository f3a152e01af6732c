#include "base/file_system.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace policyc::base {

namespace fs = std::filesystem;

namespace {

/// What a path that is not a regular file is, for a message.
const char* KindOfNonRegular(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "something else";
}

}  // namespace

std::optional<std::string> DiskFileSystem::ReadFile(const std::string& path,
                                                    std::string* error) const {
  // Opened without blocking and checked before reading: a FIFO would wait
  // for a writer for ever, and /dev/zero never ends, so neither the size
  // limit nor anything else would be reached. Only regular files are read.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    *error = std::string("cannot read this file: ") + std::strerror(errno);
    return std::nullopt;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    *error = std::string("cannot read this file: it is ") + KindOfNonRegular(info.st_mode) +
             ", not a regular file; give the path of a file";
    ::close(fd);
    return std::nullopt;
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  std::string bytes;
  bytes.reserve(static_cast<size_t>(info.st_size));
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error = std::string("cannot read this file: ") + std::strerror(errno);
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return bytes;
}

std::optional<size_t> DiskFileSystem::FileSize(const std::string& path) const {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) return std::nullopt;
  return static_cast<size_t>(size);
}

bool DiskFileSystem::IsDirectory(const std::string& path) const {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

bool DiskFileSystem::Exists(const std::string& path) const {
  std::error_code ec;
  return fs::exists(path, ec);
}

std::optional<std::string> DiskFileSystem::RealPath(const std::string& path) const {
  std::error_code ec;
  fs::path real = fs::canonical(path, ec);
  if (ec) return std::nullopt;
  return real.generic_string();
}

std::vector<std::string> DiskFileSystem::ListFiles(const std::string& dir,
                                                   const std::string& suffix) const {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string path = it->path().generic_string();
    if (path.size() >= suffix.size() &&
        path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(path);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool DiskFileSystem::WriteFile(const std::string& path, const std::string& bytes,
                               std::string* error) {
  std::error_code ec;
  fs::path p(path);
  if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
  if (ec) {
    *error = "cannot create folder for '" + path + "': " + ec.message();
    return false;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) {
    *error = "cannot write '" + path + "'";
    return false;
  }
  return true;
}

bool DiskFileSystem::WriteNewFile(const std::string& path, const std::string& bytes, std::string* error,
                                  bool* exists) {
  *exists = false;
  std::error_code ec;
  fs::path p(path);
  if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
  if (ec) {
    *error = "cannot create folder for '" + path + "': " + ec.message();
    return false;
  }
  // O_EXCL with O_CREAT refuses any name already taken, a symbolic link
  // (dangling or not) included, in the same step as the creation: nothing
  // can be planted between a check and the write.
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    *exists = errno == EEXIST;
    *error = std::strerror(errno);
    return false;
  }
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  const bool written = done == bytes.size() && close(fd) == 0;
  if (!written) {
    *error = "cannot write '" + path + "': " + std::strerror(errno);
    if (done != bytes.size()) close(fd);
    unlink(path.c_str());  // no half-written file left behind
  }
  return written;
}

namespace {

/// Writes all of `bytes` to `fd`, retrying short writes; false on an error.
bool WriteAll(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

/// Creates a file of a name nobody has yet beside `path` (".NAME.PID-N"),
/// with O_EXCL and O_NOFOLLOW, so a link planted at a guessed name is
/// refused rather than written through. Its descriptor, or -1.
int CreateTemporaryBeside(const fs::path& path, std::string* temporary) {
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    *temporary = (path.parent_path() / ("." + path.filename().string() + "." + std::to_string(::getpid()) + "-" +
                                        std::to_string(counter++)))
                     .string();
    const int fd = ::open(temporary->c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}

}  // namespace

bool DiskFileSystem::WriteFileAtomically(const std::string& path, const std::string& bytes, std::string* error) {
  std::error_code ec;
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  if (ec) {
    *error = "cannot create folder for '" + path + "': " + ec.message();
    return false;
  }
  std::string temporary;
  const int fd = CreateTemporaryBeside(target, &temporary);
  if (fd < 0) {
    *error = std::string("cannot create a temporary file beside it: ") + std::strerror(errno);
    return false;
  }
  // Flushed before the rename, so that after a crash the name holds the
  // old bytes or the new ones, never an empty file.
  bool ok = WriteAll(fd, bytes) && ::fsync(fd) == 0;
  const int saved = errno;
  ok = ::close(fd) == 0 && ok;
  if (ok && ::rename(temporary.c_str(), path.c_str()) == 0) return true;
  *error = std::strerror(ok ? errno : saved);
  ::unlink(temporary.c_str());
  return false;
}

bool DiskFileSystem::Rename(const std::string& from, const std::string& to, std::string* error) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) *error = ec.message();
  return !ec;
}

bool DiskFileSystem::Remove(const std::string& path, std::string* error) {
  std::error_code ec;
  fs::remove_all(path, ec);  // a link itself, not what it points to
  if (ec) *error = ec.message();
  return !ec;
}

std::optional<std::string> DiskFileSystem::MakeTemporaryFolder(const std::string& dir, const std::string& prefix,
                                                               std::string* error) {
  std::error_code ec;
  fs::create_directories(dir.empty() ? "." : dir, ec);
  if (ec) {
    *error = "cannot create the folder: " + ec.message();
    return std::nullopt;
  }
  // mkdtemp makes it with a new name and mode 0700.
  std::string name = JoinPath(dir.empty() ? "." : dir, prefix + "XXXXXX");
  if (::mkdtemp(name.data()) == nullptr) {
    *error = std::string("cannot create a temporary folder in it: ") + std::strerror(errno);
    return std::nullopt;
  }
  return name;
}

std::optional<std::string> MemoryFileSystem::ReadFile(const std::string& path,
                                                      std::string* error) const {
  auto it = files_.find(path);
  if (it == files_.end()) {
    *error = "cannot open '" + path + "'";
    return std::nullopt;
  }
  return it->second;
}

std::optional<size_t> MemoryFileSystem::FileSize(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return it->second.size();
}

bool MemoryFileSystem::IsDirectory(const std::string& path) const {
  const std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

bool MemoryFileSystem::Exists(const std::string& path) const {
  return files_.count(path) > 0 || IsDirectory(path);
}

std::optional<std::string> MemoryFileSystem::RealPath(const std::string& path) const {
  if (!Exists(path)) return std::nullopt;
  std::string normal = fs::path("/" + path).lexically_normal().generic_string();
  while (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal;
}

std::vector<std::string> MemoryFileSystem::ListFiles(const std::string& dir,
                                                     const std::string& suffix) const {
  const std::string prefix = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  std::vector<std::string> out;
  for (const auto& [path, bytes] : files_) {
    if (path.compare(0, prefix.size(), prefix) != 0) continue;
    if (path.size() >= suffix.size() &&
        path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(path);
    }
  }
  return out;
}

bool MemoryFileSystem::WriteFile(const std::string& path, const std::string& bytes,
                                 std::string*) {
  files_[path] = bytes;
  return true;
}

bool MemoryFileSystem::WriteNewFile(const std::string& path, const std::string& bytes, std::string* error,
                                    bool* exists) {
  *exists = !files_.emplace(path, bytes).second;
  if (*exists) *error = "File exists";
  return !*exists;
}

bool MemoryFileSystem::WriteFileAtomically(const std::string& path, const std::string& bytes, std::string* error) {
  return WriteFile(path, bytes, error);
}

bool MemoryFileSystem::Rename(const std::string& from, const std::string& to, std::string* error) {
  if (IsDirectory(to) && !files_.count(to)) {
    *error = "Is a directory";
    return false;
  }
  if (auto file = files_.find(from); file != files_.end()) {
    std::string bytes = std::move(file->second);
    files_.erase(file);
    files_[to] = std::move(bytes);
    return true;
  }
  if (!IsDirectory(from)) {
    *error = "No such file or directory";
    return false;
  }
  const std::string prefix = from.back() == '/' ? from : from + "/";
  std::map<std::string, std::string> moved;
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;) {
    moved[JoinPath(to, it->first.substr(prefix.size()))] = std::move(it->second);
    it = files_.erase(it);
  }
  files_.merge(moved);
  return true;
}

bool MemoryFileSystem::Remove(const std::string& path, std::string*) {
  files_.erase(path);
  const std::string prefix = !path.empty() && path.back() == '/' ? path : path + "/";
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;) {
    it = files_.erase(it);
  }
  return true;
}

std::optional<std::string> MemoryFileSystem::MakeTemporaryFolder(const std::string& dir, const std::string& prefix,
                                                                 std::string*) {
  return JoinPath(dir.empty() ? "." : dir, prefix + std::to_string(++temporary_folders_));
}

std::string JoinPath(const std::string& base, const std::string& rel) {
  if (rel.empty()) return base;
  if (rel.front() == '/' || base.empty() || base == ".") return rel;
  if (base.back() == '/') return base + rel;
  return base + "/" + rel;
}

std::string DirName(const std::string& path) {
  auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string FolderName(const std::string& dir) {
  auto last_name = [](const fs::path& path) {
    fs::path normal = path.lexically_normal();
    if (!normal.has_filename()) normal = normal.parent_path();  // "house/" → "house"
    return normal.filename().string();
  };
  std::string name = last_name(dir);
  if (name.empty() || name == "." || name == "..") {
    std::error_code ec;
    name = last_name(fs::absolute(dir, ec));
  }
  return name;
}

std::optional<std::string> PathInside(const std::string& dir, const std::string& file) {
  std::string prefix = dir;
  while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
  if (prefix.empty() || prefix == ".") {
    // JoinPath(".", x) is x: a relative path that does not climb out is inside.
    if (file.rfind("./", 0) == 0) return file.substr(2);
    if (file.empty() || file.front() == '/' || file.rfind("../", 0) == 0) return std::nullopt;
    return file;
  }
  if (prefix == "/") return !file.empty() && file.front() == '/' ? std::optional(file.substr(1)) : std::nullopt;
  if (file.size() <= prefix.size() + 1 || file.compare(0, prefix.size(), prefix) != 0 || file[prefix.size()] != '/') {
    return std::nullopt;
  }
  return file.substr(prefix.size() + 1);
}

}  // namespace policyc::base
