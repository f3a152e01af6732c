#ifndef POLICYC_TESTS_FUZZ_FUZZ_SOURCES_H_
#define POLICYC_TESTS_FUZZ_FUZZ_SOURCES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "load/xml_reader.h"
#include "model/resolved_model.h"
#include "model/source_model.h"

/// What every fuzz target shares: the source tree held in memory, so that
/// nothing a fuzz input names can reach the disk, and the shipped library
/// loaded once (the targets resolve against it thousands of times).
namespace policyc::fuzz {

/// policies/, templates/compiled/, examples/ and tests/data/, read once from the source folder into memory under their relative
/// names ("policies/catalogue/annex-a.xml"). A target adds its input as
/// one more file; later inputs overwrite it.
base::MemoryFileSystem& Sources();

/// A reader over Sources(), with the source folder's schemas (which
/// libxml2 reads from the disk itself); each is compiled once.
const load::XmlReader& Reader();

/// The shipped library (policies/), named as the CLI names it, and the
/// compiled documents' layouts. Loading them must not fail.
const model::Library& ShippedLibrary();
const std::vector<model::CompiledTemplate>& CompiledTemplates();

/// The input's bytes as a string.
inline std::string Text(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

/// Loads and resolves `profile` as the CLI's Session::Resolve does: the
/// profile's own <libraries> layered after `layers` (each folder once), no
/// resolving when loading reported errors, then document control without a
/// release record, which also compiles the derived documents.
void ResolveAsTheCliDoes(std::vector<model::Library> layers, model::Profile profile,
                         base::DiagnosticSink& sink);

/// Aborts (a finding) when a fixture that must load did not, printing why.
void RequireClean(const base::DiagnosticSink& sink, const char* what);

}  // namespace policyc::fuzz

#endif  // POLICYC_TESTS_FUZZ_FUZZ_SOURCES_H_
