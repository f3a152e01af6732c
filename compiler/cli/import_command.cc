#include "cli/import_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>

#include "import/import.h"
#include "load/source_loader.h"
#include "resolve/resolver.h"

namespace policyc::cli {

namespace {

/// The profile resolved now, for the import to compare with; its
/// warnings are check's business, its errors stop the import.
struct Loaded {
  model::Profile profile;
  resolve::MergedLibrary library;
  model::ResolvedPack pack;
};

std::optional<Loaded> LoadForImport(Session& session, const std::string& path, base::DiagnosticSink& sink) {
  base::DiagnosticSink scratch;
  auto pack = session.Resolve(path, scratch);
  if (!pack || scratch.HasErrors()) {
    for (const base::Diagnostic& d : scratch.diagnostics()) {
      if (d.severity != base::Severity::kError) continue;
      base::Diagnostic& copy = sink.Report(d.kind, d.loc, d.message);
      copy.notes = d.notes;
    }
    return std::nullopt;
  }
  auto profile = load::LoadProfile(session.reader(), session.fs(), path, scratch);
  if (!profile) return std::nullopt;
  std::vector<model::Library> layers = session.BaseLayers(scratch);
  session.AddProfileLibraries(*profile, layers, scratch);
  resolve::MergedLibrary library = resolve::MergeLibraries(layers, profile->overrides, scratch);
  return Loaded{std::move(*profile), std::move(library), std::move(*pack)};
}

}  // namespace

CLI::App* AddImportCommand(CLI::App& app, ImportFlags& flags) {
  CLI::App* command = app.add_subcommand(
      "import", "read a client's edited DOCX of the pack back as profile changes: exit 0 none, 1 some, 2 on error");
  command->add_option("profile", flags.profile, "the profile the DOCX were built from")->required();
  command->add_option("docx", flags.files, "the client's DOCX files")->required();
  static bool accept_tracked = false;  // the default; the flag says so out loud
  CLI::Option* accept =
      command->add_flag("--accept-tracked", accept_tracked, "read tracked changes as accepted (the default)");
  command->add_flag("--reject-tracked", flags.reject_tracked, "read tracked changes as rejected")->excludes(accept);
  command->add_flag("--apply", flags.apply, "edit the profile in place, then check it as check does");
  command->add_option("-o,--output", flags.patch, "write the patch of the profile here (default: print it)")
      ->check([](const std::string& value) { return value.empty() ? std::string("a file name cannot be empty") : ""; });
  return command;
}

ExitCode RunImport(Session& session, base::FileSystem& fs, const ImportFlags& flags) {
  base::DiagnosticSink sink;
  sink.SetWarningsAsErrors(session.options().werror);
  auto loaded = LoadForImport(session, flags.profile, sink);
  if (!loaded) return Conclude(sink);
  const import::ProfileSources sources{loaded->profile, loaded->library, loaded->pack};
  std::vector<import::ClientFile> files;
  for (const std::string& path : flags.files) {
    if (auto file = import::ReadClientFile(session.fs(), path, sources, sink)) files.push_back(std::move(*file));
  }
  // A file that cannot be read leaves the profile untouched, whatever the others say.
  if (files.size() != flags.files.size()) return Conclude(sink);
  import::ImportPlan plan;
  const auto tracked = flags.reject_tracked ? emit::TrackedChanges::kReject : emit::TrackedChanges::kAccept;
  for (const import::ClientFile& file : files) {
    import::CompareClientFile(file, sources, session.fs(), tracked, plan, sink);
  }
  std::fputs(import::ImportReport(loaded->profile.path, flags.files, plan).c_str(), stdout);
  std::string error;
  auto xml = fs.ReadFile(loaded->profile.path, &error);
  if (!xml) {
    sink.Report(base::DiagKind::kIoError, base::SourceLoc{loaded->profile.path}, error);
    return Conclude(sink);
  }
  const import::ProfileEdit edit = import::EditProfile(*xml, loaded->profile, plan);
  if (!flags.patch.empty() && !fs.WriteFile(flags.patch, edit.patch, &error)) {
    sink.Report(base::DiagKind::kOutputError, base::SourceLoc{flags.patch}, "cannot write the patch: " + error);
    return Conclude(sink);
  }
  if (!flags.apply && flags.patch.empty() && !edit.patch.empty()) std::fputs(("\n" + edit.patch).c_str(), stdout);
  if (flags.apply && !edit.patch.empty()) {
    if (!fs.WriteFileAtomically(loaded->profile.path, edit.text, &error)) {
      sink.Report(base::DiagKind::kOutputError, base::SourceLoc{loaded->profile.path},
                  "cannot write the profile: " + error);
      return Conclude(sink);
    }
    std::fprintf(stdout, "\npolicyc import: applied to %s; checking it as policyc check does\n",
                 loaded->profile.path.c_str());
    session.Resolve(loaded->profile.path, sink);
  }
  const ExitCode code = Conclude(sink);
  return code == ExitCode::kOk && !plan.empty() ? ExitCode::kDifferent : code;
}

}  // namespace policyc::cli
