#ifndef POLICYC_EMIT_MANIFEST_H_
#define POLICYC_EMIT_MANIFEST_H_

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "emit/formats.h"

/// manifest.json: for every output of a pack, the hash of what determined
/// it ("inputs") and of the file itself ("sha256"). The next build reads
/// it to reuse what it need not convert again.
namespace policyc::emit {

/// Marks every job whose inputs are unchanged since the pack in
/// `final_dir` was built, and whose file there is still what that build
/// wrote, as reused, and puts that file into `staging` (a hard link, or a
/// copy where links cannot be made).
void ReuseUnchanged(base::FileSystem& fs, const std::string& final_dir, const std::string& staging,
                    std::vector<ConversionJob>& jobs);

/// Writes `staging`/manifest.json for every file in `staging`: a job's
/// output is recorded with the job's input hash, a file rendered in process
/// with its content's hash (the content is all there is to it). `tools`
/// identifies the programs. False with an emit.output-error in `sink`.
bool WriteManifest(base::FileSystem& fs, const std::string& staging, const std::vector<ConversionJob>& jobs,
                   const std::string& tools, base::DiagnosticSink& sink);

}  // namespace policyc::emit

#endif  // POLICYC_EMIT_MANIFEST_H_
