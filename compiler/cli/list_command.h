#ifndef POLICYC_CLI_LIST_COMMAND_H_
#define POLICYC_CLI_LIST_COMMAND_H_

#include <string>

#include "cli/driver.h"

namespace policyc::cli {

struct ListFlags {
  std::string what;
  std::string profile;  ///< optional: list what applies to this organisation
  std::string format = "text";
  std::string catalogue = "2022";  ///< 2022, 2013 or a framework catalogue's id
  std::string framework;          ///< for coverage: the framework catalogue's id
};

/// `policyc list ...`: prints to stdout in text, CSV or JSON.
ExitCode RunList(Session& session, const ListFlags& flags);

}  // namespace policyc::cli

#endif  // POLICYC_CLI_LIST_COMMAND_H_
