#ifndef POLICYC_DIFF_REPORT_H_
#define POLICYC_DIFF_REPORT_H_

#include <string>

#include "diff/compare.h"
#include "diff/snapshot.h"

/// The diff written out for people and tools.
namespace policyc::diff {

/// For a terminal: per document +added −removed ~changed with the changed
/// statements word by word ([-old-]{+new+}), then parameters, facts, SoA,
/// roles, risks and people, and a total.
std::string TextReport(const PackDiff& diff);

/// For tools: the same, as JSON (word runs as {"op", "text"} lists).
std::string JsonReport(const PackDiff& diff);

/// A standalone HTML redline: a summary at the top, then each changed
/// document with insertions and deletions marked and unchanged statements
/// folded away (expandable).
std::string HtmlRedline(const PackDiff& diff, const Snapshot& old_pack, const Snapshot& new_pack);

/// Pandoc Markdown whose insertions and deletions are spans Pandoc writes
/// as Word tracked changes (w:ins, w:del) by `author` on `date`
/// (YYYY-MM-DD), so a reviewer can accept or reject each one.
std::string DocxRedlineMarkdown(const PackDiff& diff, const std::string& author, const std::string& date);

/// Statement Markdown as words: links become their labels, escapes go.
std::string PlainText(const std::string& markdown);

}  // namespace policyc::diff

#endif  // POLICYC_DIFF_REPORT_H_
