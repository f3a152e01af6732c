// A release record (profile.release.xml), as `policyc check` and `policyc
// release` read one: loaded, applied to a fixed example's pack as its
// document control, then the next release made from it and written out.
// What release writes must read back: a record that does not is a finding.

#include <cstdio>
#include <cstdlib>

#include "fuzz_sources.h"
#include "load/source_loader.h"
#include "release/release.h"
#include "resolve/resolver.h"

using namespace policyc;

namespace {

constexpr const char* kProfile = "examples/millbrook-befriending/profile.xml";
constexpr const char* kRecord = "examples/millbrook-befriending/profile.release.xml";

/// The example's pack, resolved once, before any document control.
const model::ResolvedPack& FixedPack() {
  static const model::ResolvedPack* pack = [] {
    base::DiagnosticSink sink;
    auto profile = load::LoadProfile(fuzz::Reader(), fuzz::Sources(), kProfile, sink);
    if (!profile) std::abort();
    resolve::ResolveInput input;
    input.layers = {fuzz::ShippedLibrary()};
    input.profile = std::move(*profile);
    input.compiled_templates = fuzz::CompiledTemplates();
    auto* resolved = new model::ResolvedPack(resolve::ResolvePack(input, sink));
    fuzz::RequireClean(sink, kProfile);
    return resolved;
  }();
  return *pack;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const model::ResolvedPack& fixed = FixedPack();
  fuzz::Sources().Add(kRecord, fuzz::Text(data, size));
  base::DiagnosticSink sink;
  auto record = load::LoadReleaseRecord(fuzz::Reader(), kRecord, sink);
  if (!record) return 0;
  model::ResolvedPack pack = fixed;
  diff::Snapshot content = release::ApplyRecord(pack, &*record, sink);
  if (sink.HasErrors()) return 0;  // the release command stops here
  release::ReleaseRequest request{pack.approver, pack.as_of, "", {}};
  auto result = release::Release(pack, content, &*record, request, sink);
  if (!result) return 0;
  const std::string text = release::WriteRecord(result->record);
  base::DiagnosticSink readback;
  load::XmlDocPtr written = fuzz::Reader().ParseBytes(kRecord, text, readback);
  if (!written || !fuzz::Reader().Validate(written.get(), kRecord, "release", readback)) {
    for (const base::Diagnostic& d : readback.diagnostics()) std::fputs(base::FormatDiagnostic(d).c_str(), stderr);
    std::fputs("release wrote a record that does not read back\n", stderr);
    std::abort();
  }
  return 0;
}
