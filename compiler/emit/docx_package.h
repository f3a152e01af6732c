#ifndef POLICYC_EMIT_DOCX_PACKAGE_H_
#define POLICYC_EMIT_DOCX_PACKAGE_H_

#include <ctime>
#include <string>

#include "emit/zip_archive.h"

/// What policyc changes in a DOCX after Pandoc wrote it, so that the file
/// opens in Word and LibreOffice as it will be read: no prompt, nothing
/// that shows only after fields are updated.
namespace policyc::emit {

/// Finishes the parts of a pack document's DOCX, keeping every other part
/// as Pandoc wrote it:
/// - the Contents field's result is a list of the Heading 1 and 2 texts,
///   each a link to a bookmark around its heading, and the document proper
///   starts on a new page after it. The list has no page numbers: Word and
///   LibreOffice paginate differently (and both differently from the PDF),
///   so any number written here could be wrong; updating the field (F9 in
///   Word, Update Index in LibreOffice) adds them.
/// - nothing asks Word to update fields on open (w:updateFields in the
///   settings, w:dirty on a field), which made it prompt every time.
/// - a picture's description is its alt text: Pandoc gives the inner
///   picture its source as description, which for the pack's pictures is
///   the whole image as a data: URI.
/// - tables fill the page's text width with the column proportions the
///   print HTML gave, and no row breaks across pages.
void FinishDocxParts(ZipEntries& parts);

/// FinishDocxParts on the DOCX at `path`, rewritten with every entry
/// stamped with `mtime`. False with `error` set when it cannot be read or
/// written.
bool FinishDocx(const std::string& path, time_t mtime, std::string* error);

}  // namespace policyc::emit

#endif  // POLICYC_EMIT_DOCX_PACKAGE_H_
