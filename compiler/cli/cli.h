#ifndef POLICYC_CLI_CLI_H_
#define POLICYC_CLI_CLI_H_

#include <string>
#include <vector>

/// The command line: the command table, its options and the straight-line
/// driver that runs load → resolve → render → emit, stopping between
/// stages when there were errors.
namespace policyc::cli {

/// The one table of exit codes (also in the README).
enum class ExitCode {
  kOk = 0,            ///< success
  kSourceErrors = 1,  ///< diagnostics with errors in the sources
  kUsage = 2,         ///< usage or environment (e.g. Pandoc missing for DOCX)
};

int Main(int argc, char** argv);

}  // namespace policyc::cli

#endif  // POLICYC_CLI_CLI_H_
