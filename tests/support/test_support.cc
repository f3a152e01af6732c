#include "support/test_support.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "load/source_loader.h"
#include "resolve/resolver.h"

namespace policyc::testing {

model::ResolvedPack ResolveSources(const base::FileSystem& fs, const std::vector<std::string>& layers,
                                   const std::string& profile_path, base::DiagnosticSink& sink) {
  load::XmlReader reader(fs, SourceDir() + "/schemas");
  resolve::ResolveInput input;
  for (const std::string& dir : layers) input.layers.push_back(load::LoadLibrary(reader, fs, dir, sink));
  auto profile = load::LoadProfile(reader, fs, profile_path, sink);
  EXPECT_TRUE(profile.has_value()) << Formatted(sink);
  if (profile) input.profile = *profile;
  // The shipped layouts, from disk.
  base::DiskFileSystem disk;
  load::XmlReader disk_reader(disk, SourceDir() + "/schemas");
  input.compiled_templates = load::LoadCompiledTemplates(disk_reader, disk, SourceDir() + "/templates/compiled", sink);
  return resolve::ResolvePack(input, sink);
}

std::string Formatted(const base::DiagnosticSink& sink) {
  std::string out;
  for (const base::Diagnostic& d : sink.diagnostics()) out += base::FormatDiagnostic(d);
  return out;
}

std::string SourceDir() { return POLICYC_SOURCE_DIR; }

base::ProcessResult RunPolicyc(const std::vector<std::string>& args,
                               std::vector<std::pair<std::string, std::string>> env) {
  base::ProcessRequest request;
  request.argv.push_back(POLICYC_BINARY);
  request.argv.insert(request.argv.end(), args.begin(), args.end());
  request.working_dir = SourceDir();
  // A cold build of an example in every format takes about a minute on an
  // idle 2-core machine; the margin is for a loaded one, where 300 s was
  // seen to run out. CTest's own TIMEOUT still bounds each test.
  request.timeout = std::chrono::seconds(600);
  request.env = std::move(env);
  return base::RunProcess(request);
}

std::string MakeTempDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp ? tmp : "/tmp") + "/policyc-test-XXXXXX";
  char* made = mkdtemp(pattern.data());
  return made ? std::string(made) : std::string();
}

std::string ReadFileOrEmpty(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace policyc::testing
