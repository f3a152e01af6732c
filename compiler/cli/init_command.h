#ifndef POLICYC_CLI_INIT_COMMAND_H_
#define POLICYC_CLI_INIT_COMMAND_H_

#include <string>

#include "base/file_system.h"
#include "cli/driver.h"

/// `policyc init DIR`: a new profile to fill in, generated from the loaded
/// library (the shipped one and any -L libraries), so it always names
/// every fact, parameter and role the library declares today. The profile
/// itself is the init stage's (init/starter_profile.h): this command makes
/// its settings from the arguments, loads the library and the templates,
/// and writes the result.
namespace policyc::cli {

struct InitFlags {
  std::string dir;  ///< the folder to write profile.xml into (created when missing)
};

/// A profile id made from a folder name: "Acme Ltd/" → "acme-ltd".
std::string ProfileIdFor(const std::string& dir);

/// Writes DIR/profile.xml through `fs` and prints the next steps on
/// stderr. Refuses (exit 2) when DIR/profile.xml exists; never overwrites.
/// The date is $SOURCE_DATE_EPOCH's, or today's.
ExitCode RunInit(Session& session, base::FileSystem& fs, const InitFlags& flags);

}  // namespace policyc::cli

#endif  // POLICYC_CLI_INIT_COMMAND_H_
