#ifndef POLICYC_RESOLVE_TRAINING_H_
#define POLICYC_RESOLVE_TRAINING_H_

#include <vector>

#include "model/resolved_model.h"

namespace policyc::resolve {

/// Training materials compiled from the statements' training hints (7.2, 7.3):
/// one module per audience, a training matrix and a plan. Pure: same pack, same output.
///
/// A hint's audience (role ids) decides its modules, in this order: all staff
/// ("all-staff", or no audience), managers (line-manager, top-management),
/// technical staff (it-manager, system-administrator), developers (developer),
/// the ISMS team (isms-manager, risk-owner, asset-owner, internal-auditor,
/// dpo) and incident responders (incident-manager). A module exists only when
/// a hint is addressed to it; a role in no module (hr-manager,
/// supplier-contact) adds no hint. Each module is a "guide" with id
/// "training-MODULE" (learning objectives, the rules with links to their
/// statements, scenarios, a quiz and its answer key); then the
/// "training-matrix" record (people × modules) and the "training-plan"
/// (delivery, length, due dates from the awareness_refresher_interval
/// parameter, and an effectiveness evaluation form). Document control is
/// copied from the pack's first document. Returns nothing when no statement
/// carries a training hint. The documents are returned, not added: the
/// caller appends them to `pack.documents`.
std::vector<model::ResolvedDocument> TrainingDocuments(const model::ResolvedPack& pack);

}  // namespace policyc::resolve

#endif  // POLICYC_RESOLVE_TRAINING_H_
