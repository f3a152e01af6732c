#ifndef POLICYC_DIFF_REDLINE_H_
#define POLICYC_DIFF_REDLINE_H_

#include <string>

#include "diff/compare.h"
#include "diff/snapshot.h"
#include "model/resolved_model.h"

/// The redlines, HTML and DOCX, are for the client, not for us: sides by
/// name (PackDiff::old_name and new_name), facts and parameters by what
/// they are, statements by their document's title and number; never a
/// file path or a parameter id. Each statement change is shown once, where
/// the statement lives, with the derived documents that quote it ("also
/// appears in"); a derived section that only quotes changes refers to
/// them. Both are in the new side's branding (colour, font, logo,
/// organisation).
namespace policyc::diff {

/// A standalone HTML redline: a summary at the top, then each changed
/// document with insertions and deletions marked and unchanged statements
/// folded away (expandable). Headings never skip a level and every id is
/// unique.
std::string HtmlRedline(const PackDiff& diff, const Snapshot& old_pack, const Snapshot& new_pack);

/// When the changes of a document of the new side took effect, as the
/// tracked changes in the DOCX redline are dated (YYYY-MM-DD): its approval
/// date when the new side's document is released as it is; otherwise (a
/// draft) the new side's as-of date, the date the draft speaks for. With an
/// empty `document` (or one the new side no longer has), the pack's own
/// changes: the date of the last release when every document is released,
/// else the as-of date.
std::string ChangeDate(const Snapshot& new_pack, const std::string& document);

/// Pandoc Markdown whose insertions and deletions are spans Pandoc writes
/// as Word tracked changes (w:ins, w:del) by the new side's organisation,
/// dated by ChangeDate, so a reviewer can accept or reject each one.
std::string DocxRedlineMarkdown(const PackDiff& diff, const Snapshot& old_pack, const Snapshot& new_pack);

/// The DOCX redline's reference document, as a pack of one document
/// ("Changes to the pack") in the branding of `pack` (the new side): its
/// organisation, colour, font and logo format, as its own documents have
/// them. The emit stage renders its reference DOCX from it.
model::ResolvedPack RedlineBranding(const Snapshot& pack);

/// The DOCX redline's footer, where a document's id and version would be:
/// the two sides it compares.
std::string RedlineFooter(const Snapshot& old_pack, const Snapshot& new_pack);

}  // namespace policyc::diff

#endif  // POLICYC_DIFF_REDLINE_H_
