#include "emit/pack_folder.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

namespace policyc::emit {

namespace fs = std::filesystem;
using base::DiagKind;
using base::SourceLoc;

/// An exclusive flock on a lock file beside the pack, held while the
/// object lives; the kernel drops it when the process ends, however it ends.
/// The holder removes the file when done, so a pack folder keeps no stray
/// file: a build that locked a file since removed locks the new one instead.
class PackLock {
 public:
  explicit PackLock(const fs::path& path) : path_(path) {
    for (int attempt = 0; attempt < 10 && fd_ < 0; ++attempt) {
      fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
      if (fd_ < 0) {
        error_ = std::error_code(errno, std::generic_category());
        return;
      }
      struct stat locked {}, named {};
      if (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        busy_ = errno == EWOULDBLOCK;
        error_ = std::error_code(errno, std::generic_category());
        close(fd_);
        fd_ = -1;
        return;
      }
      if (fstat(fd_, &locked) != 0 || lstat(path.c_str(), &named) != 0 || locked.st_ino != named.st_ino ||
          locked.st_dev != named.st_dev) {
        close(fd_);  // the file was removed by the build before: lock its successor
        fd_ = -1;
      }
    }
  }
  ~PackLock() {
    if (fd_ < 0) return;
    unlink(path_.c_str());
    close(fd_);
  }
  PackLock(const PackLock&) = delete;
  PackLock& operator=(const PackLock&) = delete;
  bool held() const { return fd_ >= 0; }
  /// Not held because another build holds it (else `error` says why).
  bool busy() const { return busy_; }
  std::error_code error() const { return error_; }

 private:
  fs::path path_;
  int fd_ = -1;
  bool busy_ = false;
  std::error_code error_;
};

namespace {

/// Under the pack's lock, before a build: a build killed between the two
/// renames of the swap left the previous pack at .ID.old and none at ID,
/// so put it back; remove the staging folders of killed builds. A regular
/// file (or anything but a folder) where the pack goes is the user's, not
/// a pack: refuse rather than delete it.
bool RecoverAndClean(base::FileSystem& files, const fs::path& out_dir, const std::string& id,
                     const std::string& shown, base::DiagnosticSink& sink) {
  std::error_code ec;
  std::string ignored;
  const fs::path final_dir = out_dir / id;
  const fs::path old = out_dir / ("." + id + ".old");
  const auto status = fs::symlink_status(final_dir, ec);
  if (fs::exists(status) && !fs::is_directory(status)) {
    sink.Report(DiagKind::kOutputError, SourceLoc{shown},
                "this is a file, not a pack folder; policyc will not replace it. Move it away or build "
                "into another folder with -o");
    return false;
  }
  if (!fs::exists(status) && fs::is_directory(fs::symlink_status(old, ec))) {
    files.Rename(old.string(), final_dir.string(), &ignored);
  }
  for (const auto& entry : fs::directory_iterator(out_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("." + id + ".staging", 0) == 0) files.Remove(entry.path().string(), &ignored);
  }
  return true;
}

}  // namespace

PackFolder::PackFolder(base::FileSystem& fs, std::string shown, std::string out_dir, const std::string& profile_id)
    : fs_(fs),
      shown_(std::move(shown)),
      final_dir_(base::JoinPath(out_dir, profile_id)),
      old_(base::JoinPath(out_dir, "." + profile_id + ".old")),
      // Unique per build, so even a build that ignored the lock could not write into this one's files.
      staging_(base::JoinPath(out_dir, "." + profile_id + ".staging-" + std::to_string(getpid()))),
      work_(base::JoinPath(staging_, ".work")) {}

PackFolder::~PackFolder() {
  std::string ignored;
  if (!swapped_ && lock_) fs_.Remove(staging_, &ignored);
}

std::unique_ptr<PackFolder> PackFolder::Open(base::FileSystem& files, const std::string& shown_out_dir,
                                             const std::string& profile_id, base::DiagnosticSink& sink) {
  if (shown_out_dir.empty()) {
    sink.Report(DiagKind::kOutputError, SourceLoc{}, "the output folder is empty; name one with -o");
    return nullptr;
  }
  std::error_code ec;
  const fs::path out_dir = fs::absolute(shown_out_dir, ec);
  fs::create_directories(out_dir, ec);
  std::unique_ptr<PackFolder> folder(
      new PackFolder(files, base::JoinPath(shown_out_dir, profile_id), out_dir.string(), profile_id));
  // One build of a pack at a time: a second build into the same folder
  // fails at once rather than waiting (it could wait for hours behind a
  // slow conversion) or mixing its files with the first's (issue 14, point 8).
  auto lock = std::make_unique<PackLock>(out_dir / ("." + profile_id + ".lock"));
  if (!lock->held() && !lock->busy()) {
    sink.Report(DiagKind::kOutputError, SourceLoc{shown_out_dir},
                "cannot create the pack's staging folder here (" + lock->error().message() +
                    "); choose an output folder you can write with -o");
    return nullptr;
  }
  if (!lock->held()) {
    sink.Report(DiagKind::kOutputError, SourceLoc{folder->shown_},
                "another policyc build is writing this pack now; wait for it to finish, or build into "
                "another folder with -o");
    return nullptr;
  }
  if (!RecoverAndClean(files, out_dir, profile_id, folder->shown_, sink)) return nullptr;
  folder->lock_ = std::move(lock);
  fs::create_directories(folder->work_, ec);
  if (ec) {
    sink.Report(DiagKind::kOutputError, SourceLoc{shown_out_dir},
                "cannot create the pack's staging folder here (" + ec.message() +
                    "); choose an output folder you can write with -o");
    return nullptr;
  }
  return folder;
}

bool PackFolder::SwapIntoPlace(base::DiagnosticSink& sink) {
  std::string error, ignored;
  fs_.Remove(old_, &ignored);
  if (fs_.Exists(final_dir_) && !fs_.Rename(final_dir_, old_, &error)) {
    sink.Report(DiagKind::kOutputError, SourceLoc{shown_}, "cannot move the previous pack aside: " + error);
    return false;
  }
  if (!fs_.Rename(staging_, final_dir_, &error)) {
    sink.Report(DiagKind::kOutputError, SourceLoc{shown_}, "cannot move the new pack into place: " + error);
    fs_.Rename(old_, final_dir_, &ignored);
    return false;
  }
  swapped_ = true;
  fs_.Remove(old_, &ignored);
  return true;
}

bool WritePackFile(base::FileSystem& fs, const std::string& path, const std::string& bytes,
                   base::DiagnosticSink& sink) {
  std::string error;
  if (fs.WriteFile(path, bytes, &error)) return true;
  sink.Report(DiagKind::kOutputError, SourceLoc{fs::path(path).filename().string()},
              "cannot write this file of the pack");
  return false;
}

}  // namespace policyc::emit
