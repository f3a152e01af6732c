#ifndef POLICYC_RESOLVE_INCIDENT_PLAN_H_
#define POLICYC_RESOLVE_INCIDENT_PLAN_H_

#include "base/diagnostic.h"
#include "model/resolved_model.h"

namespace policyc::resolve {

/// Adds the incident response plan's tables compiled from the profile: the
/// external contacts, the escalation tree of each severity (each role's
/// holders, then its deputies, with their numbers; a contact step only
/// when the profile lists such a contact) and the processing activities
/// with whom to notify of a breach, each into the section
/// compiled-documents.xml names. The resolver has checked those sections,
/// roles, kinds and parameters; what is missing is skipped here.
void AppendIncidentPlanTables(model::ResolvedPack& pack, base::DiagnosticSink& sink);

}  // namespace policyc::resolve

#endif  // POLICYC_RESOLVE_INCIDENT_PLAN_H_
