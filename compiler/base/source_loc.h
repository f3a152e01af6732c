#ifndef POLICYC_BASE_SOURCE_LOC_H_
#define POLICYC_BASE_SOURCE_LOC_H_

#include <string>

namespace policyc::base {

/// A place in a source file. line and column are 1-based; 0 means unknown.
/// Every model object carries one so that later stages can point at it.
struct SourceLoc {
  std::string file;
  int line = 0;
  int column = 0;

  bool known() const { return !file.empty(); }
  /// "file:line:col", "file:line" or "file", as GCC prints it.
  std::string ToString() const;
};

}  // namespace policyc::base

#endif  // POLICYC_BASE_SOURCE_LOC_H_
