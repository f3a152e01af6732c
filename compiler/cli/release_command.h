#ifndef POLICYC_CLI_RELEASE_COMMAND_H_
#define POLICYC_CLI_RELEASE_COMMAND_H_

#include <string>

#include "cli/driver.h"

namespace policyc::cli {

struct ReleaseFlags {
  std::string profile;
  std::string approver;  ///< person id; default the profile's <document-control approver>
  std::string date;      ///< default the profile's as-of date
  std::string message;
  std::vector<std::string> documents;  ///< release only these
  bool dry_run = false;                ///< say what would be released; write nothing
};

/// `policyc release`: approves every document changed since the last
/// release, in the record beside the profile.
ExitCode RunRelease(Session& session, const ReleaseFlags& flags);

}  // namespace policyc::cli

#endif  // POLICYC_CLI_RELEASE_COMMAND_H_
