#ifndef POLICYC_CLI_IMPORT_COMMAND_H_
#define POLICYC_CLI_IMPORT_COMMAND_H_

#include <string>
#include <vector>

#include "cli/driver.h"

namespace CLI {
class App;
}

namespace policyc::cli {

struct ImportFlags {
  std::string profile;
  std::vector<std::string> files;  ///< the client's DOCX
  bool reject_tracked = false;     ///< read tracked changes as rejected (default: accepted)
  bool apply = false;              ///< edit the profile in place, then check it
  std::string patch;               ///< write the patch here (default: print it)
};

/// Adds the import command and its options to `app`, filling `flags`.
CLI::App* AddImportCommand(CLI::App& app, ImportFlags& flags);

/// `policyc import`: a client's edited DOCX of the profile's pack → the
/// profile changes they call for, printed (and the patch written), or
/// made with --apply. Exit 0 when the files change nothing, 1 when they
/// do (or the applied profile has errors), 2 when a file or the profile
/// cannot be read.
ExitCode RunImport(Session& session, base::FileSystem& fs, const ImportFlags& flags);

}  // namespace policyc::cli

#endif  // POLICYC_CLI_IMPORT_COMMAND_H_
