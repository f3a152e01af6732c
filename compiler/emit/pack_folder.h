#ifndef POLICYC_EMIT_PACK_FOLDER_H_
#define POLICYC_EMIT_PACK_FOLDER_H_

#include <memory>
#include <string>

#include "base/diagnostic.h"
#include "base/file_system.h"

namespace policyc::emit {

class PackLock;

/// The folders of one pack's build: OUT/ID (the pack users see), the
/// staging folder beside it that the build writes (with a work folder for
/// the converters' inputs), and OUT/.ID.old, where the previous pack waits
/// during the swap. Holds the pack's lock while it lives: one build of a
/// pack at a time. The staging folder is removed when the object goes,
/// unless it was swapped into place.
class PackFolder {
 public:
  /// Locks the pack, puts back a pack left aside by a killed build, removes
  /// killed builds' staging folders and makes this build's. nullptr with
  /// the problem in `sink` (`shown_out_dir` is the -o folder as the user
  /// wrote it, for the diagnostics).
  static std::unique_ptr<PackFolder> Open(base::FileSystem& fs, const std::string& shown_out_dir,
                                          const std::string& profile_id, base::DiagnosticSink& sink);
  ~PackFolder();
  PackFolder(const PackFolder&) = delete;
  PackFolder& operator=(const PackFolder&) = delete;

  const std::string& staging() const { return staging_; }
  const std::string& work() const { return work_; }
  /// Where the pack goes: the previous build's outputs are read from here.
  const std::string& final_dir() const { return final_dir_; }

  /// Moves the finished staging folder into place; the previous pack is
  /// removed only after. False, with the previous pack back in place and
  /// the problem in `sink`, when a rename fails.
  bool SwapIntoPlace(base::DiagnosticSink& sink);

 private:
  PackFolder(base::FileSystem& fs, std::string shown, std::string out_dir, const std::string& profile_id);

  base::FileSystem& fs_;
  std::string shown_;      ///< OUT/ID as the user wrote OUT
  std::string final_dir_;  ///< absolute
  std::string old_;
  std::string staging_;
  std::string work_;
  std::unique_ptr<PackLock> lock_;
  bool swapped_ = false;
};

/// Writes one file of the pack (creating its folders); an emit.output-error
/// naming the file when it cannot.
bool WritePackFile(base::FileSystem& fs, const std::string& path, const std::string& bytes,
                   base::DiagnosticSink& sink);

}  // namespace policyc::emit

#endif  // POLICYC_EMIT_PACK_FOLDER_H_
