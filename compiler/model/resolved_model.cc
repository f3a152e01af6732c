#include "model/resolved_model.h"

namespace policyc::model {

namespace {
void WalkSection(const ResolvedSection& section, int depth, DocumentVisitor& visitor) {
  visitor.EnterSection(section, depth);
  for (const ResolvedItem& item : section.items) {
    if (const auto* statement = std::get_if<ResolvedStatement>(&item)) {
      visitor.VisitStatement(*statement, depth + 1);
    } else {
      WalkSection(std::get<ResolvedSection>(item), depth + 1, visitor);
    }
  }
  visitor.LeaveSection(section, depth);
}
}  // namespace

void WalkDocument(const ResolvedDocument& document, DocumentVisitor& visitor) {
  for (const ResolvedSection& section : document.sections) WalkSection(section, 1, visitor);
}

}  // namespace policyc::model
