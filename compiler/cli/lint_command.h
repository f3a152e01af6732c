#ifndef POLICYC_CLI_LINT_COMMAND_H_
#define POLICYC_CLI_LINT_COMMAND_H_

#include <string>

#include "cli/driver.h"

namespace policyc::cli {

struct LintFlags {
  std::string profile;     ///< optional: lint the layers this profile uses, with its overrides
  std::string dictionary = "/usr/share/hunspell/en_GB";  ///< .aff and .dic
  bool no_spelling = false;
};

/// `policyc lint`: the library's writing (vague wording, spelling,
/// unused declarations, duplicates, statements without control, role or evidence).
ExitCode RunLint(Session& session, const LintFlags& flags);

}  // namespace policyc::cli

#endif  // POLICYC_CLI_LINT_COMMAND_H_
