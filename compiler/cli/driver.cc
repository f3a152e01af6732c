#include "cli/driver.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "load/source_loader.h"
#include "release/release.h"
#include "resolve/resolver.h"

namespace policyc::cli {

namespace {

/// A library folder as a comparable path: absolute, without "." or "..".
std::string Normalised(const std::string& dir) {
  std::error_code ec;
  std::filesystem::path path = std::filesystem::absolute(dir, ec);
  std::string out = path.lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

}  // namespace

Session::Session(const base::FileSystem& fs, DataPaths data, SourceOptions options)
    : fs_(fs), data_(std::move(data)), options_(std::move(options)), reader_(fs, data_.schemas()) {}

const std::vector<model::Library>& Session::BaseLayers(base::DiagnosticSink& sink) {
  if (!base_layers_) {
    const int errors_before = sink.error_count();
    base_layers_.emplace();
    base_layers_->push_back(load::LoadLibrary(reader_, fs_, data_.library(), sink));
    if (data_.base_library.empty()) base_layers_->front().name = model::kShippedLayer;
    base_roots_.push_back(Normalised(data_.library()));
    for (const std::string& dir : options_.libraries) {
      if (std::find(base_roots_.begin(), base_roots_.end(), Normalised(dir)) != base_roots_.end()) {
        sink.Report(base::DiagKind::kLibraryTwice, base::SourceLoc{dir},
                    "library folder '" + dir + "' is named twice on the command line; it is loaded once");
        continue;
      }
      base_roots_.push_back(Normalised(dir));
      base_layers_->push_back(load::LoadLibrary(reader_, fs_, dir, sink));
    }
    compiled_templates_ =
        load::LoadCompiledTemplates(reader_, fs_, base::JoinPath(data_.templates(), "compiled"), sink);
    base_layers_broken_ = sink.error_count() > errors_before;
  }
  return *base_layers_;
}

void Session::AddProfileLibraries(const model::Profile& profile, std::vector<model::Library>& layers,
                                  base::DiagnosticSink& sink) {
  std::vector<std::string> roots = base_roots_;
  for (const std::string& dir : profile.libraries) {
    if (std::find(roots.begin(), roots.end(), Normalised(dir)) != roots.end()) {
      // Already a layer (-L, the shipped library or an earlier entry): its
      // place in the order stays where it was first named.
      sink.Report(base::DiagKind::kLibraryTwice, profile.loc,
                  "the profile's <libraries> names '" + dir +
                      "', which is already loaded (by -L or earlier in the list); it is loaded once, in its "
                      "first place; drop one of the two");
      continue;
    }
    roots.push_back(Normalised(dir));
    layers.push_back(load::LoadLibrary(reader_, fs_, dir, sink));
  }
}

std::optional<model::ResolvedPack> Session::Resolve(const std::string& profile_path,
                                                    base::DiagnosticSink& sink, ReleaseState* release) {
  sink.SetWarningsAsErrors(options_.werror);
  sink.SetKeepDetails(options_.verbose);
  const int errors_before = sink.error_count();
  resolve::ResolveInput input;
  input.layers = BaseLayers(sink);
  input.compiled_templates = compiled_templates_;
  if (base_layers_broken_) return std::nullopt;  // reported once, when they were loaded
  auto profile = load::LoadProfile(reader_, fs_, profile_path, sink);
  if (!profile) return std::nullopt;
  AddProfileLibraries(*profile, input.layers, sink);
  if (sink.error_count() > errors_before) return std::nullopt;  // do not resolve broken sources
  const std::string record_path = release::RecordPath(profile->path);
  input.profile = std::move(*profile);
  model::ResolvedPack pack = resolve::ResolvePack(input, sink);
  ReleaseState state;
  state.record_path = record_path;
  if (fs_.Exists(record_path)) {
    state.record = load::LoadReleaseRecord(reader_, record_path, sink);
    if (!state.record) return std::nullopt;
  }
  // Document control from the record, and the derived documents compiled
  // once; the content is what a release records.
  state.content = release::ApplyRecord(pack, state.record ? &*state.record : nullptr, sink);
  if (release) *release = std::move(state);
  return pack;
}

void PrintDiagnostics(const base::DiagnosticSink& sink) {
  for (const base::Diagnostic& d : sink.diagnostics()) {
    std::fputs(base::FormatDiagnostic(d).c_str(), stderr);
  }
  const int errors = sink.error_count(), warnings = sink.warning_count();
  if (errors || warnings) {
    std::fprintf(stderr, "policyc: %d error%s, %d warning%s\n", errors, errors == 1 ? "" : "s",
                 warnings, warnings == 1 ? "" : "s");
  }
}

ExitCode Conclude(base::DiagnosticSink& sink) {
  sink.Finish();
  PrintDiagnostics(sink);
  if (!sink.HasErrors()) return ExitCode::kOk;
  return sink.HasSourceErrors() ? ExitCode::kSourceErrors : ExitCode::kUsage;
}

ExitCode UsageError(const std::string& message) {
  base::DiagnosticSink sink;
  sink.Report(base::DiagKind::kUsage, {}, message);
  return Conclude(sink);
}

}  // namespace policyc::cli
