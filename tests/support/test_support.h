#ifndef POLICYC_TESTS_SUPPORT_TEST_SUPPORT_H_
#define POLICYC_TESTS_SUPPORT_TEST_SUPPORT_H_

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "base/process.h"
#include "model/resolved_model.h"

namespace policyc::testing {

/// Loads the library folders `layers` (in order) and the profile at
/// `profile_path` from `fs` (usually in memory), the shipped compiled
/// document templates from disk, and resolves them. Expects the profile to
/// load; problems go to `sink`. Derived documents are not compiled.
model::ResolvedPack ResolveSources(const base::FileSystem& fs, const std::vector<std::string>& layers,
                                   const std::string& profile_path, base::DiagnosticSink& sink);

/// Every diagnostic in the sink, formatted as the CLI prints it.
std::string Formatted(const base::DiagnosticSink& sink);

/// Runs the built policyc with `args`, in the source folder.
base::ProcessResult RunPolicyc(const std::vector<std::string>& args,
                               std::vector<std::pair<std::string, std::string>> env = {});

/// The source folder (where schemas/, policies/ and tests/ are).
std::string SourceDir();

/// A fresh empty folder under the system temp folder.
std::string MakeTempDir();

std::string ReadFileOrEmpty(const std::string& path);

}  // namespace policyc::testing

#endif  // POLICYC_TESTS_SUPPORT_TEST_SUPPORT_H_
