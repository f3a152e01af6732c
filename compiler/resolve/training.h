#ifndef POLICYC_RESOLVE_TRAINING_H_
#define POLICYC_RESOLVE_TRAINING_H_

#include <vector>

#include "base/diagnostic.h"
#include "model/resolved_model.h"

namespace policyc::resolve {

/// Training materials compiled from the statements' training hints (7.2, 7.3):
/// one module per audience, a training matrix and a plan. Pure: same pack, same output.
///
/// The audiences are the library's training modules (compiled-documents.xml).
/// A hint is for the roles its audience= names or, when it names none, for
/// the first role its statement assigns; it goes to every module whose roles
/// include one of them. A hint with neither goes to the modules marked
/// everyone="true", and a hint for roles that no module lists goes nowhere.
/// A module exists only when a hint goes to it. Each module is a document of
/// the "training-modules" builder (id PREFIX-MODULE: learning objectives, the
/// rules with links to their statements, scenarios, a quiz and its answer
/// key), made as slides too; then the "training-needs" matrix (people ×
/// modules: a module is required of everyone when it is marked so, otherwise
/// of each person who holds one of its roles) and the "training-schedule"
/// plan (each module's audience, delivery and length, first due a month
/// after the approval date of the pack's first document, then refreshed at
/// the interval of the parameter the spec uses as "refresher", 12 months
/// without one; and an effectiveness evaluation form), each when the library
/// names its builder.
/// Document control is copied from the pack's first document. The documents
/// are returned, not added: the caller appends them to `pack.documents`.
std::vector<model::ResolvedDocument> TrainingDocuments(const model::ResolvedPack& pack, base::DiagnosticSink& sink);

}  // namespace policyc::resolve

#endif  // POLICYC_RESOLVE_TRAINING_H_
