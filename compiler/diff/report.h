#ifndef POLICYC_DIFF_REPORT_H_
#define POLICYC_DIFF_REPORT_H_

#include <string>

#include "diff/compare.h"
#include "diff/snapshot.h"

/// The diff written out for people and tools.
namespace policyc::diff {

/// Words the reports share.
const char* ChangeName(ItemChange change);
/// A section's text "changed" (it holds no obligation to be "reworded").
const char* ItemChangeName(const ItemDiff& item);
const char* StatusName(DocumentDiff::Status status);
const char* RowStatusName(RowChange::Status status);
/// A value, or "(none)" for an empty one.
std::string Shown(const std::string& value);
/// The item's number in the new version, or in the old one when removed.
std::string ItemNumber(const ItemDiff& item);
/// "+1 −0 ~2" statements, or "~3 sections" for a derived document.
std::string StatementsLine(const DocumentDiff& d);
/// Why an item changed, in parentheses with a leading space, or "".
std::string Because(const ItemDiff& item, Wording wording);
/// "3 documents changed (statements +0 −0 ~1), 1 parameter".
std::string Totals(const PackDiff& diff);

/// For a terminal: per document +added −removed ~changed with the changed
/// statements word by word ([-old-]{+new+}), then parameters, facts, SoA,
/// roles, risks and people, and a total.
std::string TextReport(const PackDiff& diff);

/// For tools: the same, as JSON (word runs as {"op", "text"} lists). A
/// byte that is not UTF-8 (in a side's path) is written as U+FFFD.
std::string JsonReport(const PackDiff& diff);

}  // namespace policyc::diff

#endif  // POLICYC_DIFF_REPORT_H_
