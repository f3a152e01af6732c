#ifndef POLICYC_BASE_FILE_SYSTEM_H_
#define POLICYC_BASE_FILE_SYSTEM_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace policyc::base {

/// Everything that reads or writes the disk goes through this, so that unit
/// tests can run in memory. Paths are plain strings with '/' separators.
class FileSystem {
 public:
  virtual ~FileSystem() = default;

  /// The file's bytes, or nullopt (with `error` set) when it cannot be read.
  virtual std::optional<std::string> ReadFile(const std::string& path,
                                              std::string* error) const = 0;
  virtual std::optional<size_t> FileSize(const std::string& path) const = 0;
  virtual bool IsDirectory(const std::string& path) const = 0;
  virtual bool Exists(const std::string& path) const = 0;
  /// The path as the system finds it: absolute, symbolic links followed,
  /// no "." or ".."; nullopt when it does not exist. What a path names
  /// really lies under a folder when its real path begins with the
  /// folder's.
  virtual std::optional<std::string> RealPath(const std::string& path) const = 0;
  /// Regular files under `dir` (recursively) whose names end in `suffix`,
  /// sorted, so that every run sees them in the same order.
  virtual std::vector<std::string> ListFiles(const std::string& dir,
                                             const std::string& suffix) const = 0;
  /// Writes the file, creating parent folders. Returns false with `error` set.
  virtual bool WriteFile(const std::string& path, const std::string& bytes,
                         std::string* error) = 0;
  /// Writes a file that must not exist yet, not even as a symbolic link
  /// (which would send the bytes wherever it points), creating parent
  /// folders. Returns false with `error` set, and `exists` true when
  /// something was already at the name.
  virtual bool WriteNewFile(const std::string& path, const std::string& bytes, std::string* error,
                            bool* exists) = 0;
  /// Replaces the file at `path` whole or not at all: the bytes go to a
  /// fresh temporary file beside it (a new name, so nothing planted at a
  /// fixed name can redirect them), which is then renamed over `path`. A
  /// failed or interrupted write leaves the previous file as it was, and no
  /// temporary file. Creates parent folders. False with `error` set.
  virtual bool WriteFileAtomically(const std::string& path, const std::string& bytes, std::string* error) = 0;
  /// Renames a file or folder in one step (rename(2)), replacing a file at
  /// `to`; both names must be on one file system. False with `error` set.
  virtual bool Rename(const std::string& from, const std::string& to, std::string* error) = 0;
  /// Removes a file, or a folder with everything in it; a symbolic link is
  /// removed, never followed. Nothing there is not an error. False with
  /// `error` set.
  virtual bool Remove(const std::string& path, std::string* error) = 0;
  /// A new folder inside `dir` (created if need be) named `prefix` and a
  /// unique suffix, readable by its owner only: no one can have planted a
  /// link at a name in it. Its path, or nullopt with `error` set.
  virtual std::optional<std::string> MakeTemporaryFolder(const std::string& dir, const std::string& prefix,
                                                         std::string* error) = 0;
};

/// The real disk.
class DiskFileSystem : public FileSystem {
 public:
  std::optional<std::string> ReadFile(const std::string& path,
                                      std::string* error) const override;
  std::optional<size_t> FileSize(const std::string& path) const override;
  bool IsDirectory(const std::string& path) const override;
  bool Exists(const std::string& path) const override;
  std::optional<std::string> RealPath(const std::string& path) const override;
  std::vector<std::string> ListFiles(const std::string& dir,
                                     const std::string& suffix) const override;
  bool WriteFile(const std::string& path, const std::string& bytes,
                 std::string* error) override;
  bool WriteNewFile(const std::string& path, const std::string& bytes, std::string* error,
                    bool* exists) override;
  bool WriteFileAtomically(const std::string& path, const std::string& bytes, std::string* error) override;
  bool Rename(const std::string& from, const std::string& to, std::string* error) override;
  bool Remove(const std::string& path, std::string* error) override;
  std::optional<std::string> MakeTemporaryFolder(const std::string& dir, const std::string& prefix,
                                                 std::string* error) override;
};

/// Files held in a map, for tests. Folders exist implicitly.
class MemoryFileSystem : public FileSystem {
 public:
  void Add(const std::string& path, std::string bytes) { files_[path] = std::move(bytes); }
  const std::map<std::string, std::string>& files() const { return files_; }

  std::optional<std::string> ReadFile(const std::string& path,
                                      std::string* error) const override;
  std::optional<size_t> FileSize(const std::string& path) const override;
  bool IsDirectory(const std::string& path) const override;
  bool Exists(const std::string& path) const override;
  /// "/" + the path made lexically normal: a memory file system has no links.
  std::optional<std::string> RealPath(const std::string& path) const override;
  std::vector<std::string> ListFiles(const std::string& dir,
                                     const std::string& suffix) const override;
  bool WriteFile(const std::string& path, const std::string& bytes,
                 std::string* error) override;
  bool WriteNewFile(const std::string& path, const std::string& bytes, std::string* error,
                    bool* exists) override;
  bool WriteFileAtomically(const std::string& path, const std::string& bytes, std::string* error) override;
  bool Rename(const std::string& from, const std::string& to, std::string* error) override;
  bool Remove(const std::string& path, std::string* error) override;
  std::optional<std::string> MakeTemporaryFolder(const std::string& dir, const std::string& prefix,
                                                 std::string* error) override;

 private:
  std::map<std::string, std::string> files_;
  int temporary_folders_ = 0;
};

/// "a/b" + "c" → "a/b/c"; an absolute `rel` is returned as is.
std::string JoinPath(const std::string& base, const std::string& rel);
/// The folder part of a path ("a/b/c.xml" → "a/b"; "c.xml" → ".").
std::string DirName(const std::string& path);
/// The last name of a folder's path ("x/../house-library/" → "house-library";
/// "." → the name of the working folder), whatever path it was given by.
std::string FolderName(const std::string& dir);
/// `file`'s path inside `dir` ("lib/documents/a.xml" in "lib" → "documents/a.xml"),
/// or nullopt when `file`, as written, is not under `dir`. Paths are compared
/// as written, as a FileSystem's listing joins them.
std::optional<std::string> PathInside(const std::string& dir, const std::string& file);

}  // namespace policyc::base

#endif  // POLICYC_BASE_FILE_SYSTEM_H_
