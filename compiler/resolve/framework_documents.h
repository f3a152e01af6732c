#ifndef POLICYC_RESOLVE_FRAMEWORK_DOCUMENTS_H_
#define POLICYC_RESOLVE_FRAMEWORK_DOCUMENTS_H_

#include <map>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "model/resolved_model.h"
#include "resolve/derived_documents.h"

/// The documents compiled for the frameworks a pack answers besides ISO/IEC
/// 27001: internal to the resolve stage (derived.cc adds them).
namespace policyc::resolve {

/// For each chosen framework, its compliance matrix (builder
/// framework-matrix) and, where its catalogue has a question set, its
/// readiness checklist (builder readiness-checklist), as
/// compiled-documents.xml names them; none when it names neither builder.
std::vector<model::ResolvedDocument> FrameworkDocuments(const model::ResolvedPack& pack,
                                                        const std::map<std::string, derived::StatementPlace>& places,
                                                        base::DiagnosticSink& sink);

/// The id of the document a per-framework builder makes for one framework:
/// "compliance-matrix-cyber-essentials".
inline std::string FrameworkDocumentId(const model::CompiledDocumentSpec& spec, const std::string& framework) {
  return spec.id + "-" + framework;
}

}  // namespace policyc::resolve

#endif  // POLICYC_RESOLVE_FRAMEWORK_DOCUMENTS_H_
