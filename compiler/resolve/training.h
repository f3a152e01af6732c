#ifndef POLICYC_RESOLVE_TRAINING_H_
#define POLICYC_RESOLVE_TRAINING_H_

#include <vector>

#include "base/diagnostic.h"
#include "model/resolved_model.h"

namespace policyc::resolve {

/// Training materials compiled from the statements' training hints (7.2, 7.3):
/// one module per audience, a training matrix and a plan. Pure: same pack, same output.
///
/// The audiences are the library's training modules (compiled-documents.xml):
/// a hint goes to every module whose roles include one of its audience's
/// roles; a hint with no audience is for the role that acts in its
/// statement (everyone when it names none). A
/// module exists only when a hint is addressed to it. Each module is a
/// document of the "training-modules" builder (id PREFIX-MODULE: learning
/// objectives, the rules with links to their statements, scenarios, a quiz and
/// its answer key), made as slides too; then the "training-needs" matrix
/// (people × modules) and the "training-schedule" plan (delivery, length, due
/// dates from the refresher parameter the specs use, and an effectiveness
/// evaluation form), each when the library names its builder. Document control
/// is copied from the pack's first document. The documents are returned, not
/// added: the caller appends them to `pack.documents`.
std::vector<model::ResolvedDocument> TrainingDocuments(const model::ResolvedPack& pack, base::DiagnosticSink& sink);

}  // namespace policyc::resolve

#endif  // POLICYC_RESOLVE_TRAINING_H_
