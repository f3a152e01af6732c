#ifndef POLICYC_CLI_DIFF_COMMAND_H_
#define POLICYC_CLI_DIFF_COMMAND_H_

#include <string>

#include "cli/driver.h"

namespace policyc::cli {

struct DiffFlags {
  std::string old_side;  ///< a pack.json, a built pack's folder, or a profile
  std::string new_side;  ///< the same; with --rev it may be left out (then the old profile as it is now)
  std::string rev;       ///< read the old profile (and its libraries in the repository) at this revision
  std::string formats = "text";
  std::string out = "diff";  ///< where diff.html and diff.docx go
};

/// `policyc diff`: exit 0 when the packs are equal, 1 when they differ,
/// 2 when a side cannot be read.
ExitCode RunDiff(Session& session, const DiffFlags& flags);

}  // namespace policyc::cli

#endif  // POLICYC_CLI_DIFF_COMMAND_H_
