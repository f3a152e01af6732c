#ifndef POLICYC_RESOLVE_COMPILED_TEMPLATE_H_
#define POLICYC_RESOLVE_COMPILED_TEMPLATE_H_

#include <kainjow/mustache.hpp>

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "model/resolved_model.h"

/// Lays a compiled document's template (templates/compiled/BUILDER.xml)
/// over the plain view data its builder makes: the template decides the
/// sections, their wording and their tables; the builder only supplies
/// values (Markdown already escaped, links already made). Nothing rendered
/// is parsed again: the template's structure is read once, from XML.
namespace policyc::resolve {

using View = kainjow::mustache::data;

struct ExpandedTemplate {
  std::string summary;
  std::vector<model::ResolvedSection> sections;  ///< numbered 1, 2, 2.1 …
};

/// Expands `tmpl` over `view`. A section with `each` repeats for every
/// item of that list (its names then resolve in the item first); `when`
/// keeps a section or table only when the value is true, a non-empty
/// string or a non-empty list. A name the template uses that the view does
/// not have is reported (resolve.template-name) at the template's line,
/// never rendered as a blank.
ExpandedTemplate ExpandTemplate(const model::CompiledTemplate& tmpl, const View& view, base::DiagnosticSink& sink);

}  // namespace policyc::resolve

#endif  // POLICYC_RESOLVE_COMPILED_TEMPLATE_H_
