// An organisation profile, as `policyc check` reads one: loaded (parse,
// schema, readers), layered over the shipped library and any library it
// names, resolved with every check, and given document control.

#include "fuzz_sources.h"
#include "load/source_loader.h"

using namespace policyc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Beside the examples, so that "../house-library" names the example house library.
  const std::string path = "examples/fuzz/profile.xml";
  fuzz::Sources().Add(path, fuzz::Text(data, size));
  base::DiagnosticSink sink;
  auto profile = load::LoadProfile(fuzz::Reader(), fuzz::Sources(), path, sink);
  if (!profile) return 0;
  fuzz::ResolveAsTheCliDoes({fuzz::ShippedLibrary()}, std::move(*profile), sink);
  return 0;
}
