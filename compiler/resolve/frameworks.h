#ifndef POLICYC_RESOLVE_FRAMEWORKS_H_
#define POLICYC_RESOLVE_FRAMEWORKS_H_

#include <string>

#include "model/resolved_model.h"
#include "model/source_model.h"

/// Frameworks besides ISO/IEC 27001 (Cyber Essentials, the NCSC CAF, NIST
/// CSF 2.0, SOC 2): which statements of a pack meet each requirement of a
/// framework catalogue. ResolvePack does this for the frameworks the
/// profile chooses; `list coverage` does it for any catalogue.
namespace policyc::resolve {

/// The requirements of `framework` as the statements of `pack`'s library
/// documents meet them (compiled documents have no statements of their
/// own). A statement meets a requirement when the catalogue names it, when
/// it names the requirement in its frameworks=, or when it implements a
/// mapped control or addresses a mapped clause (or a sub-clause of one).
/// The result has the catalogue's title and no level or use: the caller
/// says how the pack chose it.
model::ResolvedFramework CoverFramework(const model::Framework& framework, const model::ResolvedPack& pack);

/// "A.8.8 (related); vulnerability-and-patch-management-policy#patch-critical
/// (equivalent)": a requirement's mappings in a line, for tools.
std::string MappingsText(const model::FrameworkRequirement& requirement);

/// The framework catalogue with this id among the pack's, or nullptr.
const model::Framework* FindCatalogue(const model::ResolvedPack& pack, const std::string& id);

}  // namespace policyc::resolve

#endif  // POLICYC_RESOLVE_FRAMEWORKS_H_
