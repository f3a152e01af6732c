#ifndef POLICYC_EMIT_ZIP_ARCHIVE_H_
#define POLICYC_EMIT_ZIP_ARCHIVE_H_

#include <ctime>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace policyc::emit {

/// 1980-01-01, the earliest time a zip entry can carry: the stamp of a
/// package with no date of its own (the diff's redline).
constexpr time_t kZipEpoch = 315532800;

/// A zip file's entries in order: name → bytes.
using ZipEntries = std::vector<std::pair<std::string, std::string>>;

/// What a zip may declare before it is refused, unread: an entry's size
/// and all entries' sizes together (a zip bomb declares far more than its
/// file holds). The defaults are far above any DOCX or PPTX Pandoc writes.
struct ZipLimits {
  unsigned long long entry_bytes = 256ull * 1024 * 1024;
  unsigned long long total_bytes = 1024ull * 1024 * 1024;
};

/// Reads every entry of a zip file (DOCX, PPTX). nullopt with `error` set
/// when it cannot be read, or when its declared sizes pass `limits` (then
/// before any entry is decompressed, and `over_limits`, when given, is set).
std::optional<ZipEntries> ReadZip(const std::string& path, std::string* error, const ZipLimits& limits = {},
                                  bool* over_limits = nullptr);

/// Writes entries in the given order, every one stamped with `mtime`, so
/// the same entries always give the same bytes.
bool WriteZip(const std::string& path, const ZipEntries& entries, time_t mtime, std::string* error);

}  // namespace policyc::emit

#endif  // POLICYC_EMIT_ZIP_ARCHIVE_H_
