// A stand-in for emit/docx_anchors.cc, which the issue16-anchors branch
// writes: enough for the import stage to link and for its unit tests,
// which build DocxReading values by hand. Deleted when that branch lands.
#include "emit/docx_anchors.h"

namespace policyc::emit {

std::string WordBookmarkName(std::string_view item_id) { return std::string(item_id); }

std::optional<DocxReading> ReadDocxAnchors(const ZipEntries& parts, std::string* error) {
  *error = "this policyc cannot read DOCX anchors yet";
  return std::nullopt;
}

std::string ItemText(const DocxReading& reading, const std::string& bookmark, TrackedChanges tracked) {
  std::string out;
  for (const DocxParagraph& p : reading.paragraphs) {
    if (p.anchors.empty() || p.anchors.back() != bookmark || p.style == "StatementMeta") continue;
    if ((tracked == TrackedChanges::kAccept && p.deleted) || (tracked == TrackedChanges::kReject && p.inserted)) continue;
    std::string text;
    for (const DocxRun& r : p.runs) {
      if (r.kind == (tracked == TrackedChanges::kAccept ? DocxRun::Kind::kDeleted : DocxRun::Kind::kInserted)) continue;
      text += r.text;
    }
    if (text.empty()) continue;
    out += (out.empty() ? "" : "\n\n") + text;
  }
  return out;
}

void AddAnchorBase(ZipEntries& parts, const std::vector<DocxAnchorBase>& items) {}

}  // namespace policyc::emit
