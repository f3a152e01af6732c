// One document of a house library (a <catalogue>, <document>, <roles>,
// <declarations>, <overrides> or <compiled-documents>), loaded as a layer
// over the shipped library and resolved for a fixed example profile.

#include <cstdlib>

#include "fuzz_sources.h"
#include "load/source_loader.h"

using namespace policyc;

namespace {

/// The profile every input is resolved for: an example that uses most of
/// the library (risks, assets, suppliers, contacts).
const model::Profile& FixedProfile() {
  static const model::Profile* profile = [] {
    base::DiagnosticSink sink;
    auto loaded = load::LoadProfile(fuzz::Reader(), fuzz::Sources(), "examples/kestrel-civic/profile.xml", sink);
    fuzz::RequireClean(sink, "examples/kestrel-civic/profile.xml");
    if (!loaded) std::abort();
    return new model::Profile(std::move(*loaded));
  }();
  return *profile;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const model::Profile& profile = FixedProfile();
  fuzz::Sources().Add("fuzz-house/input.xml", fuzz::Text(data, size));
  base::DiagnosticSink sink;
  std::vector<model::Library> layers = {fuzz::ShippedLibrary()};
  layers.push_back(load::LoadLibrary(fuzz::Reader(), fuzz::Sources(), "fuzz-house", sink));
  if (sink.HasErrors()) return 0;  // the driver resolves nothing after a load error
  fuzz::ResolveAsTheCliDoes(std::move(layers), profile, sink);
  return 0;
}
