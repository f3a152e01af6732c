#ifndef POLICYC_BASE_GIT_FILE_SYSTEM_H_
#define POLICYC_BASE_GIT_FILE_SYSTEM_H_

#include <memory>
#include <string>

#include "base/file_system.h"

namespace policyc::base {

/// The files of one git repository as they were at a revision, read with
/// git (`git show REV:path`), never touching the working tree. Paths
/// outside the repository are read from `outside` (the disk), so the
/// shipped library of an installed policyc still comes from the install.
/// Read-only.
class GitFileSystem : public FileSystem {
 public:
  /// The repository holding `path` at `revision`; nullptr with `error` set
  /// when `path` is not in a git repository or the revision is unknown.
  static std::unique_ptr<GitFileSystem> Open(const std::string& path, const std::string& revision,
                                             const FileSystem& outside, std::string* error);

  std::optional<std::string> ReadFile(const std::string& path, std::string* error) const override;
  std::optional<size_t> FileSize(const std::string& path) const override;
  bool IsDirectory(const std::string& path) const override;
  bool Exists(const std::string& path) const override;
  std::optional<std::string> RealPath(const std::string& path) const override;
  std::vector<std::string> ListFiles(const std::string& dir, const std::string& suffix) const override;
  bool WriteFile(const std::string& path, const std::string& bytes, std::string* error) override;
  bool WriteNewFile(const std::string& path, const std::string& bytes, std::string* error, bool* exists) override;
  bool WriteFileAtomically(const std::string& path, const std::string& bytes, std::string* error) override;
  bool Rename(const std::string& from, const std::string& to, std::string* error) override;
  bool Remove(const std::string& path, std::string* error) override;
  std::optional<std::string> MakeTemporaryFolder(const std::string& dir, const std::string& prefix,
                                                 std::string* error) override;

  const std::string& commit() const { return commit_; }

  /// How a diagnostic names a file read through this: "REV:PATH" (the
  /// revision as given, the path inside the repository, as `git show`
  /// takes them) for a file of the revision; the path as it is for one
  /// read from outside the repository.
  std::string NameOf(const std::string& path) const;

 private:
  GitFileSystem(std::string top, std::string revision, std::string commit, const FileSystem& outside)
      : top_(std::move(top)), revision_(std::move(revision)), commit_(std::move(commit)), outside_(outside) {}
  /// The path relative to the repository, or nullopt when outside it.
  std::optional<std::string> Inside(const std::string& path) const;
  std::optional<std::string> ObjectType(const std::string& relative) const;

  std::string top_;
  std::string revision_;  ///< as the user gave it ("HEAD~1", a tag)
  std::string commit_;
  const FileSystem& outside_;
};

}  // namespace policyc::base

#endif  // POLICYC_BASE_GIT_FILE_SYSTEM_H_
