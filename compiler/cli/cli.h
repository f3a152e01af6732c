#ifndef POLICYC_CLI_CLI_H_
#define POLICYC_CLI_CLI_H_

#include <string>
#include <vector>

/// The command line: the command table, its options and the straight-line
/// driver that runs load → resolve → render → emit, stopping between
/// stages when there were errors.
namespace policyc::cli {

int Main(int argc, char** argv);

}  // namespace policyc::cli

#endif  // POLICYC_CLI_CLI_H_
