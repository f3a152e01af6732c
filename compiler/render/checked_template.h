#ifndef POLICYC_RENDER_CHECKED_TEMPLATE_H_
#define POLICYC_RENDER_CHECKED_TEMPLATE_H_

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "base/diagnostic.h"

namespace kainjow::mustache {
template <typename StringType>
class basic_data;
}  // namespace kainjow::mustache

/// A template under templates/ that is wrong is a diagnostic, never a blank:
/// kainjow renders a template it cannot parse as nothing, and a name the
/// view lacks as "". These check both and report render.template-error at
/// the template's line and column.
namespace policyc::render {

/// One mustache template and the file it was read from (for diagnostics).
struct TemplateFile {
  std::string path;
  std::string text;
};

/// Where byte `offset` of `file`'s text is: its path, line and column.
base::SourceLoc LocationIn(const TemplateFile& file, size_t offset);

/// Reports a template kainjow cannot parse, at the line and column of the
/// offset its message ends with ("Unclosed tag at 1234"). False when it was
/// reported.
bool CheckTemplate(const std::string& path, const std::string& text, base::DiagnosticSink& sink);

/// Renders `main` over `view`, `{{>name}}` taken from `partials`; `{{name}}`
/// is escaped by `escape`. Every name the rendering looks up and the view
/// does not have (and every partial not given) is reported at the first
/// tag that uses it, and nothing is returned: a section the view leaves out
/// is not rendered, so its names are not looked up and not reported.
std::optional<std::string> RenderChecked(const TemplateFile& main, const std::map<std::string, TemplateFile>& partials,
                                         const kainjow::mustache::basic_data<std::string>& view,
                                         const std::function<std::string(const std::string&)>& escape,
                                         base::DiagnosticSink& sink);

}  // namespace policyc::render

#endif  // POLICYC_RENDER_CHECKED_TEMPLATE_H_
