#include "emit/manifest.h"

#include <filesystem>
#include <map>
#include <utility>

#include <nlohmann/json.hpp>

#include "base/sha256.h"
#include "emit/pack_folder.h"

namespace policyc::emit {

namespace {

/// An output as a manifest records it: the hash of its inputs and of its bytes.
struct Recorded {
  std::string inputs;
  std::string sha256;
};

/// What the build of the pack in `final_dir` recorded, by output; nothing
/// when there is no manifest or it is not one.
std::map<std::string, Recorded> ReadManifest(base::FileSystem& fs, const std::string& final_dir) {
  std::map<std::string, Recorded> out;
  std::string error;
  auto text = fs.ReadFile(base::JoinPath(final_dir, "manifest.json"), &error);
  if (!text) return out;
  nlohmann::json manifest = nlohmann::json::parse(*text, nullptr, false);
  if (!manifest.is_object() || !manifest.contains("outputs") || !manifest["outputs"].is_object()) return out;
  for (const auto& [name, entry] : manifest["outputs"].items()) {
    if (entry.is_object() && entry.contains("inputs") && entry.contains("sha256") && entry["inputs"].is_string() &&
        entry["sha256"].is_string()) {
      out[name] = {entry["inputs"].get<std::string>(), entry["sha256"].get<std::string>()};
    }
  }
  return out;
}

/// The hash of a file's bytes, or "" when it cannot be read.
std::string FileHash(base::FileSystem& fs, const std::string& path) {
  std::string error;
  auto bytes = fs.ReadFile(path, &error);
  return bytes ? base::Sha256Hex(*bytes) : "";
}

/// Puts the previous pack's file into the new one. A hard link costs
/// nothing; the old pack is removed once the new one is in place.
bool CarryOver(const std::string& old_file, const std::string& new_file) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_hard_link(old_file, new_file, ec);
  if (ec) fs::copy_file(old_file, new_file, fs::copy_options::overwrite_existing, ec);
  return !ec;
}

}  // namespace

void ReuseUnchanged(base::FileSystem& fs, const std::string& final_dir, const std::string& staging,
                    std::vector<ConversionJob>& jobs) {
  const auto previous = ReadManifest(fs, final_dir);
  for (ConversionJob& job : jobs) {
    auto it = previous.find(job.label);
    const std::string old_file = base::JoinPath(final_dir, job.label);
    if (it == previous.end() || it->second.inputs != job.input_hash || !fs.Exists(old_file) ||
        FileHash(fs, old_file) != it->second.sha256) {
      continue;
    }
    job.reused = CarryOver(old_file, base::JoinPath(staging, job.label));
    job.known_sha256 = it->second.sha256;
  }
}

bool WriteManifest(base::FileSystem& fs, const std::string& staging, const std::vector<ConversionJob>& jobs,
                   const std::string& tools, base::DiagnosticSink& sink) {
  std::map<std::string, const ConversionJob*> by_label;
  for (const ConversionJob& job : jobs) by_label[job.label] = &job;
  nlohmann::json outputs = nlohmann::json::object();
  for (const std::string& path : fs.ListFiles(staging, "")) {
    const std::string name = base::PathInside(staging, path).value_or(path);
    auto job = by_label.find(name);
    if (job == by_label.end()) {
      const std::string hash = FileHash(fs, path);
      outputs[name] = {{"inputs", hash}, {"sha256", hash}};
    } else {
      const ConversionJob& j = *job->second;
      outputs[name] = {{"inputs", j.input_hash}, {"sha256", j.reused ? j.known_sha256 : FileHash(fs, path)}};
    }
  }
  nlohmann::json manifest = {{"format_version", 1}, {"tools", tools}, {"outputs", outputs}};
  return WritePackFile(fs, base::JoinPath(staging, "manifest.json"), manifest.dump(2) + "\n", sink);
}

}  // namespace policyc::emit
