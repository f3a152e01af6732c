#include "cli/release_command.h"

#include <cstdio>

#include "base/strings.h"
#include "load/xml_reader.h"
#include "release/release.h"

namespace policyc::cli {

ExitCode RunRelease(Session& session, const ReleaseFlags& flags) {
  base::DiagnosticSink sink;
  Session::ReleaseState state;
  auto pack = session.Resolve(flags.profile, sink, &state);
  if (!pack || sink.HasErrors()) return Conclude(sink);  // never release a pack with errors
  // Drafts are what a release approves: their warnings are not news here.
  base::DiagnosticSink quiet;
  for (const base::Diagnostic& d : sink.diagnostics()) {
    if (d.kind != base::DiagKind::kDraftDocument) quiet.Report(d.kind, d.loc, d.message);
  }
  release::ReleaseRequest request{flags.approver.empty() ? pack->approver : flags.approver,
                                  flags.date.empty() ? pack->as_of : flags.date, flags.message, flags.documents};
  auto result = release::Release(*pack, state.content, state.record ? &*state.record : nullptr, request, quiet);
  const ExitCode checked = Conclude(quiet);
  if (!result) return checked == ExitCode::kOk ? ExitCode::kSourceErrors : checked;
  if (result->changes.empty() && result->held_back == 0 && result->control_recorded == 0) {
    std::fprintf(stderr, "policyc: nothing to release: all %d documents are as released in %s\n", result->unchanged,
                 state.record_path.c_str());
    return ExitCode::kOk;
  }
  // What 'release' writes, the next run must read: a record that does not
  // parse or match its schema is a defect here, and is not written.
  const std::string text = release::WriteRecord(result->record);
  base::DiagnosticSink readback;
  load::XmlDocPtr written = session.reader().ParseBytes(state.record_path, text, readback);
  if (!written || !session.reader().Validate(written.get(), state.record_path, "release", readback)) {
    // policyc's own defect, not the sources': an output it must not write.
    readback.Report(base::DiagKind::kOutputError, {state.record_path},
                    "the new release record would not read back (see above), so it was not written; please "
                    "report this");
    return Conclude(readback);
  }
  base::DiskFileSystem disk;
  std::string error;
  if (!flags.dry_run && !disk.WriteFileAtomically(state.record_path, text, &error)) {
    base::DiagnosticSink output;
    output.Report(base::DiagKind::kOutputError, {state.record_path}, "cannot write the release record: " + error);
    return Conclude(output);
  }
  int released = 0, withdrawn = 0;
  for (const release::ReleasedChange& c : result->changes) {
    if (c.withdrawn) {
      ++withdrawn;
      std::printf("%-40s %s → withdrawn\n", c.id.c_str(), c.old_version.c_str());
      continue;
    }
    ++released;
    std::printf("%-40s %s → %s  %s\n", c.id.c_str(), c.old_version.empty() ? "new" : c.old_version.c_str(),
                c.new_version.c_str(), base::TerminalSafe(c.summary).c_str());
  }
  std::string others = std::to_string(result->unchanged) + " unchanged";
  if (result->control_recorded) {
    others += ", of which " + std::to_string(result->control_recorded) +
              " had their document control recorded for the first time";
  }
  if (withdrawn) others += ", " + std::to_string(withdrawn) + " withdrawn";
  if (result->held_back) others += ", " + std::to_string(result->held_back) + " changed but held back as drafts";
  std::fprintf(stderr, "policyc: %s %d document%s (%s), approved by %s on %s; %s %s\n",
               flags.dry_run ? "would release" : "released", released, released == 1 ? "" : "s", others.c_str(),
               base::TerminalSafe(request.approver).c_str(), request.date.c_str(), flags.dry_run ? "nothing written to" : "wrote",
               state.record_path.c_str());
  return ExitCode::kOk;
}

}  // namespace policyc::cli
