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

/// Reads every entry of a zip file (DOCX, PPTX). nullopt with `error` set
/// when it cannot be read.
std::optional<ZipEntries> ReadZip(const std::string& path, std::string* error);

/// Writes entries in the given order, every one stamped with `mtime`, so
/// the same entries always give the same bytes.
bool WriteZip(const std::string& path, const ZipEntries& entries, time_t mtime, std::string* error);

}  // namespace policyc::emit

#endif  // POLICYC_EMIT_ZIP_ARCHIVE_H_
