#include "fuzz_sources.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "load/source_loader.h"
#include "release/release.h"
#include "resolve/resolver.h"

namespace policyc::fuzz {

namespace {

/// The folders copied into memory; nothing else exists for a fuzz input.
constexpr const char* kTrees[] = {"policies", "templates/compiled", "examples", "tests/data"};

/// A library folder as the driver compares them: without "." or "..".
std::string Normalised(const std::string& dir) {
  std::string out = std::filesystem::path(dir).lexically_normal().generic_string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

}  // namespace

base::MemoryFileSystem& Sources() {
  static base::MemoryFileSystem* sources = [] {
    auto* fs = new base::MemoryFileSystem;
    base::DiskFileSystem disk;
    const std::string root = POLICYC_SOURCE_DIR;
    for (const char* tree : kTrees) {
      for (const char* suffix : {".xml", ".xsd", ".png", ".svg"}) {
        for (const std::string& path : disk.ListFiles(base::JoinPath(root, tree), suffix)) {
          std::string error;
          auto bytes = disk.ReadFile(path, &error);
          if (bytes) fs->Add(path.substr(root.size() + 1), std::move(*bytes));
        }
      }
    }
    return fs;
  }();
  return *sources;
}

const load::XmlReader& Reader() {
  // libxml2 reads the schemas itself, from the disk, wherever the fuzzer runs.
  static const load::XmlReader* reader =
      new load::XmlReader(Sources(), base::JoinPath(POLICYC_SOURCE_DIR, "schemas"));
  return *reader;
}

void RequireClean(const base::DiagnosticSink& sink, const char* what) {
  if (!sink.HasErrors()) return;
  for (const base::Diagnostic& d : sink.diagnostics()) std::fputs(base::FormatDiagnostic(d).c_str(), stderr);
  std::fprintf(stderr, "fuzz fixture: %s did not load cleanly\n", what);
  std::abort();
}

const model::Library& ShippedLibrary() {
  static const model::Library* library = [] {
    base::DiagnosticSink sink;
    auto* lib = new model::Library(load::LoadLibrary(Reader(), Sources(), "policies", sink));
    lib->name = model::kShippedLayer;
    RequireClean(sink, "policies/");
    return lib;
  }();
  return *library;
}

const std::vector<model::CompiledTemplate>& CompiledTemplates() {
  static const auto* templates = [] {
    base::DiagnosticSink sink;
    auto* loaded = new std::vector<model::CompiledTemplate>(
        load::LoadCompiledTemplates(Reader(), Sources(), "templates/compiled", sink));
    RequireClean(sink, "templates/compiled/");
    return loaded;
  }();
  return *templates;
}

void ResolveAsTheCliDoes(std::vector<model::Library> layers, model::Profile profile, base::DiagnosticSink& sink) {
  const int errors_before = sink.error_count();
  std::vector<std::string> roots = {"policies"};
  for (const std::string& dir : profile.libraries) {
    const std::string root = Normalised(dir);
    if (std::find(roots.begin(), roots.end(), root) != roots.end()) continue;
    roots.push_back(root);
    layers.push_back(load::LoadLibrary(Reader(), Sources(), root, sink));
  }
  if (sink.error_count() > errors_before) return;
  resolve::ResolveInput input;
  input.layers = std::move(layers);
  input.profile = std::move(profile);
  input.compiled_templates = CompiledTemplates();
  model::ResolvedPack pack = resolve::ResolvePack(input, sink);
  release::ApplyRecord(pack, nullptr, sink);
}

}  // namespace policyc::fuzz
