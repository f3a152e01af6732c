#include "emit/zip_archive.h"

#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace policyc::emit {

namespace {

/// Whether every entry's declared size, and their sum, is within `limits`:
/// a zip may declare any size for an entry (a zip bomb), so the sizes are
/// read, all of them, before any bytes are.
bool WithinLimits(zip_t* archive, const std::string& path, const ZipLimits& limits, std::string* error) {
  zip_uint64_t total = 0;
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    if (zip_stat_index(archive, i, 0, &st) != 0) continue;
    total += st.size;
    if (!(st.valid & ZIP_STAT_SIZE) || st.size > limits.entry_bytes || total > limits.total_bytes) {
      *error = "'" + std::string(st.name) + "' in '" + path + "' declares " + std::to_string(st.size) +
               " bytes, more than a document can hold; the zip is damaged or hostile";
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<ZipEntries> ReadZip(const std::string& path, std::string* error, const ZipLimits& limits,
                                  bool* over_limits) {
  int code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (archive == nullptr) {
    zip_error_t e;
    zip_error_init_with_code(&e, code);
    *error = "cannot open '" + path + "' as a zip file: " + zip_error_strerror(&e);
    zip_error_fini(&e);
    return std::nullopt;
  }
  if (!WithinLimits(archive, path, limits, error)) {
    if (over_limits) *over_limits = true;
    zip_discard(archive);
    return std::nullopt;
  }
  ZipEntries entries;
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    if (zip_stat_index(archive, i, 0, &st) != 0) continue;
    zip_file_t* file = zip_fopen_index(archive, i, 0);
    if (file == nullptr) {
      *error = "cannot read '" + std::string(st.name) + "' in '" + path + "'";
      zip_discard(archive);
      return std::nullopt;
    }
    std::string bytes(st.size, '\0');
    zip_int64_t got = zip_fread(file, bytes.data(), st.size);
    zip_fclose(file);
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) {
      *error = "cannot read '" + std::string(st.name) + "' in '" + path + "'";
      zip_discard(archive);
      return std::nullopt;
    }
    entries.emplace_back(st.name, std::move(bytes));
  }
  zip_discard(archive);
  return entries;
}

bool WriteZip(const std::string& path, const ZipEntries& entries, time_t mtime, std::string* error) {
  std::remove(path.c_str());
  int code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (archive == nullptr) {
    *error = "cannot create '" + path + "'";
    return false;
  }
  for (const auto& [name, bytes] : entries) {
    // libzip copies the buffer when it is written at zip_close; keep them alive until then.
    zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    zip_int64_t index = source ? zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (source) zip_source_free(source);
      *error = "cannot add '" + name + "' to '" + path + "': " + zip_strerror(archive);
      zip_discard(archive);
      return false;
    }
    zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), mtime, 0);
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 9);
  }
  if (zip_close(archive) != 0) {
    *error = "cannot write '" + path + "': " + zip_strerror(archive);
    zip_discard(archive);
    return false;
  }
  return true;
}

}  // namespace policyc::emit
