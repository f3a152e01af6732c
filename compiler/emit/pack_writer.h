#ifndef POLICYC_EMIT_PACK_WRITER_H_
#define POLICYC_EMIT_PACK_WRITER_H_

#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "base/diagnostic.h"
#include "emit/converter.h"
#include "emit/formats.h"
#include "model/resolved_model.h"
#include "render/html_renderer.h"

/// The emit stage: writes one organisation's pack to OUT/<profile-id>/.
///
/// Everything is written into a staging folder beside the pack first; the
/// staging folder replaces the old pack only when every output succeeded,
/// so a failed or interrupted build leaves what the user had untouched.
/// Output file names come from ids the schemas restrict to [a-z0-9_.-],
/// so no path can leave the output folder.
namespace policyc::emit {

struct BuildOptions {
  std::string out_dir = "output";
  std::set<Format> formats = {Format::kHtml, Format::kDocx, Format::kPdf, Format::kPptx};
  int jobs = 2;
  bool verbose = false;
  std::string templates_dir;
  /// When set, no conversion starts after this moment and those running
  /// then are stopped: the build fails rather than run on (build --deadline).
  std::optional<std::chrono::steady_clock::time_point> deadline;
  /// Called after each external conversion (done, total, what) for progress.
  std::function<void(int, int, const std::string&)> progress;
};

/// What a build did.
struct BuildStats {
  int converted = 0;  ///< outputs made by an external program
  int reused = 0;     ///< outputs copied from the previous pack, inputs unchanged
};

/// Writes the pack, with manifest.json recording for every output the
/// hash of what determined it. Outputs whose inputs are unchanged since
/// the previous pack are copied from it, not converted again; the others
/// are made with `converter`. Returns false (with diagnostics) when
/// nothing was moved into place.
///
/// The steps, each its own function: open the pack's folders
/// (pack_folder.h) and write what is rendered in process; plan a
/// conversion job per document and format (formats.h); reuse the
/// unchanged outputs (manifest.h); convert the rest (conversions.h);
/// write the manifest; swap the staging folder into place.
bool WritePack(const model::ResolvedPack& pack, const render::Templates& templates,
               const BuildOptions& options, const Converter& converter,
               base::DiagnosticSink& sink, BuildStats* stats = nullptr);

/// Seconds since 1970 for a YYYY-MM-DD date, as SOURCE_DATE_EPOCH wants it.
std::string EpochOf(const std::string& date);

}  // namespace policyc::emit

#endif  // POLICYC_EMIT_PACK_WRITER_H_
