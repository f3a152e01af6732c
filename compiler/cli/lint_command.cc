#include "cli/lint_command.h"

#include <cstdio>
#include <optional>

#include "lint/hunspell_checker.h"
#include "lint/lint.h"
#include "load/source_loader.h"

namespace policyc::cli {

ExitCode RunLint(Session& session, const LintFlags& flags) {
  base::DiagnosticSink sink;
  sink.SetWarningsAsErrors(session.options().werror);
  sink.SetKeepDetails(session.options().verbose);
  std::vector<model::Library> layers = session.BaseLayers(sink);
  std::vector<model::Override> profile_overrides;
  std::optional<model::Organisation> organisation;
  std::string profile_path;  // its folder's word list is the profile's own
  if (!flags.profile.empty()) {
    auto profile = load::LoadProfile(session.reader(), session.fs(), flags.profile, sink);
    if (profile) {
      organisation = profile->organisation;
      profile_path = profile->path;
      session.AddProfileLibraries(*profile, layers, sink);
      profile_overrides = profile->overrides;
    }
  }
  if (sink.HasErrors()) return Conclude(sink);
  std::unique_ptr<lint::HunspellChecker> spelling;
  if (!flags.no_spelling) {
    spelling = lint::HunspellChecker::Open(flags.dictionary + ".aff", flags.dictionary + ".dic");
    if (!spelling) {
      sink.Report(base::DiagKind::kToolMissing, {},
                  "no Hunspell dictionary at " + flags.dictionary +
                      ".aff/.dic; install hunspell-en-gb or run lint with --no-spelling");
      return Conclude(sink);
    }
    for (const std::string& list : lint::WordLists(layers, profile_path)) {
      std::string error;
      if (!session.fs().Exists(list)) continue;
      if (auto words = session.fs().ReadFile(list, &error)) {
        spelling->AddWords(*words);
      } else {
        sink.Report(base::DiagKind::kIoError, base::SourceLoc{list}, error);
      }
    }
  }
  lint::LintLibrary(layers, profile_overrides, spelling.get(), sink,
                    organisation ? &*organisation : nullptr, profile_path);
  return Conclude(sink);
}

}  // namespace policyc::cli
