// A pack.json, as `policyc diff` reads either side: read into a snapshot,
// then compared both ways with a fixed pack (and with itself) and every
// report written: text, JSON, the HTML redline and the DOCX redline's
// Markdown. The JSON report must be JSON.

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "diff/compare.h"
#include "diff/redline.h"
#include "diff/report.h"
#include "diff/snapshot.h"
#include "fuzz_sources.h"

using namespace policyc;

namespace {

/// A small real pack: the mini library built for tests/data/diff/base
/// (tests/fuzz/seeds/pack-json/mini-base.json).
const diff::Snapshot& FixedPack() {
  static const diff::Snapshot* pack = [] {
    base::DiskFileSystem disk;
    std::string error;
    auto text = disk.ReadFile(std::string(POLICYC_SOURCE_DIR) + "/tests/fuzz/seeds/pack-json/mini-base.json", &error);
    auto snapshot = text ? diff::SnapshotFromPackJson(*text, &error) : std::nullopt;
    if (!snapshot) {
      std::fprintf(stderr, "fuzz fixture: %s\n", error.c_str());
      std::abort();
    }
    return new diff::Snapshot(std::move(*snapshot));
  }();
  return *pack;
}

void Report(const diff::Snapshot& old_pack, const diff::Snapshot& new_pack, bool redlines) {
  const diff::PackDiff changes = diff::Compare(old_pack, new_pack);
  (void)diff::TextReport(changes);
  const std::string json = diff::JsonReport(changes);
  if (!nlohmann::json::accept(json)) {
    std::fputs("diff's JSON report is not JSON\n", stderr);
    std::abort();
  }
  if (!redlines) return;
  (void)diff::HtmlRedline(changes, old_pack, new_pack);
  (void)diff::DocxRedlineMarkdown(changes, old_pack, new_pack);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const diff::Snapshot& fixed = FixedPack();
  std::string error;
  auto snapshot = diff::SnapshotFromPackJson(fuzz::Text(data, size), &error);
  if (!snapshot) return 0;
  Report(fixed, *snapshot, true);
  Report(*snapshot, fixed, true);
  Report(*snapshot, *snapshot, false);
  return 0;
}
