#ifndef POLICYC_RESOLVE_DERIVED_DOCUMENTS_H_
#define POLICYC_RESOLVE_DERIVED_DOCUMENTS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "model/resolved_model.h"
#include "resolve/compiled_template.h"

/// Helpers shared by the code that compiles derived documents (derived.cc,
/// training.cc): internal to the resolve stage.
namespace policyc::resolve::derived {

/// A Markdown cross-reference to DOC or DOC#ID, as the resolver writes them.
std::string Link(const std::string& label, const std::string& target);
/// The title of a role, or its id when the catalogue has no such role.
std::string RoleTitle(const model::ResolvedPack& pack, const std::string& id);
/// "Name (Job title)" of a person, or the id.
std::string PersonName(const model::ResolvedPack& pack, const std::string& id);
/// A derived document with the id, title, kind, owner and serves its spec
/// gives (or this id and title, for one of several documents of a spec),
/// and the pack's document control.
model::ResolvedDocument NewDocument(const model::ResolvedPack& pack, const model::CompiledDocumentSpec& spec,
                                    std::string summary, std::string id = "", std::string title = "");
/// A link to the compiled document of this builder, or the label alone
/// when the library compiles none.
std::string LinkTo(const model::ResolvedPack& pack, const std::string& builder, const std::string& label,
                   const std::string& anchor = "");
/// The role a spec uses under this name, or the spec's owner.
std::string UsedRole(const model::CompiledDocumentSpec& spec, const std::string& name);
/// The parameter a spec uses under this name, or "".
std::string UsedParameter(const model::CompiledDocumentSpec& spec, const std::string& name);
/// A view value that is false when `value` is empty (mustache treats an
/// empty string as true).
View Opt(const std::string& value);
View Flag(bool value);
View ListOf(const std::vector<std::string>& values);
/// The values every compiled document's template may use: org, as_of.
View BaseView(const model::ResolvedPack& pack);
/// A compiled document: the spec's document control and its builder's
/// template laid over `view` (or this id and title, for one of several
/// documents of a spec). nullopt, reported, when the builder has no layout.
std::optional<model::ResolvedDocument> FromTemplate(const model::ResolvedPack& pack,
                                                    const model::CompiledDocumentSpec& spec, const View& view,
                                                    base::DiagnosticSink& sink, std::string id = "",
                                                    std::string title = "");

/// Where a statement is: its document's title and its number, its text
/// and the evidence an auditor asks for.
struct StatementPlace {
  std::string document_title;
  std::string number;
  std::string text;
  std::string evidence;
};
/// Every statement of the pack by "DOC#STATEMENT".
std::map<std::string, StatementPlace> IndexStatements(const model::ResolvedPack& pack);
/// "Access Control Policy 9.1, 9.2; Change Management Procedure 3.1": links
/// to the statements, each document once (in the order of its first
/// statement in `refs`) with its statements in the document's order.
std::string StatementLinks(const std::vector<std::string>& refs, const std::map<std::string, StatementPlace>& places);

}  // namespace policyc::resolve::derived

#endif  // POLICYC_RESOLVE_DERIVED_DOCUMENTS_H_
