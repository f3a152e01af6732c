#ifndef POLICYC_RESOLVE_DERIVED_DOCUMENTS_H_
#define POLICYC_RESOLVE_DERIVED_DOCUMENTS_H_

#include <string>
#include <vector>

#include "model/resolved_model.h"

/// Helpers shared by the code that compiles derived documents (derived.cc,
/// training.cc): internal to the resolve stage.
namespace policyc::resolve::derived {

/// A Markdown cross-reference to DOC or DOC#ID, as the resolver writes them.
std::string Link(const std::string& label, const std::string& target);
/// The title of a role, or its id when the catalogue has no such role.
std::string RoleTitle(const model::ResolvedPack& pack, const std::string& id);
/// "Name (Job title)" of a person, or the id.
std::string PersonName(const model::ResolvedPack& pack, const std::string& id);
/// A derived document with the pack's document control.
model::ResolvedDocument NewDocument(const model::ResolvedPack& pack, std::string id, std::string kind,
                                    std::string title, std::string owner, std::vector<std::string> serves,
                                    std::string summary);
model::ResolvedSection Section(std::string id, std::string number, std::string title, std::string intro);
/// A section whose content is a table after an optional introduction.
model::ResolvedSection Section(std::string id, std::string number, std::string title, std::string intro,
                               model::Table table);
/// A table with these columns ({header, weight}); landscape from seven columns on.
model::Table NewTable(std::vector<model::TableColumn> columns, size_t key = 0);

}  // namespace policyc::resolve::derived

#endif  // POLICYC_RESOLVE_DERIVED_DOCUMENTS_H_
