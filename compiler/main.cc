#include "cli/cli.h"

int main(int argc, char** argv) { return policyc::cli::Main(argc, argv); }
