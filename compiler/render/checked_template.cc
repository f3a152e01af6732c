#include "render/checked_template.h"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <set>
#include <vector>

#include "base/strings.h"

namespace policyc::render {

namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

/// The offset of the first tag of `text` that names `name`, whatever its
/// kind ({{name}}, {{{name}}}, {{#name}}, {{>name}} …), or npos.
size_t FirstTagNaming(const std::string& text, const std::string& name) {
  for (size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at + 2)) {
    const size_t end = text.find("}}", at + 2);
    if (end == std::string::npos) break;
    std::string tag = base::Trim(text.substr(at + 2, end - at - 2));
    if (!tag.empty() && std::string_view("#^/&{>").find(tag.front()) != std::string_view::npos) {
      tag = base::Trim(tag.substr(1));
    }
    if (tag == name) return at;
  }
  return std::string::npos;
}

/// kainjow's context, noting each name it is asked for and cannot find
/// (kainjow itself renders such a name as ""), and serving the partials.
class CheckedContext : public kainjow::mustache::context<std::string> {
 public:
  CheckedContext(const data* view, const std::map<std::string, TemplateFile>& partials) : context(view) {
    for (const auto& [name, file] : partials) partials_.emplace(name, data(file.text));
  }

  const data* get(const std::string& name) const override {
    const data* found = context::get(name);
    if (!found) Note(name, &missing_names_);
    return found;
  }

  const data* get_partial(const std::string& name) const override {
    auto it = partials_.find(name);
    if (it != partials_.end()) return &it->second;
    Note(name, &missing_partials_);
    return nullptr;
  }

  const std::vector<std::string>& missing_names() const { return missing_names_; }
  const std::vector<std::string>& missing_partials() const { return missing_partials_; }

 private:
  void Note(const std::string& name, std::vector<std::string>* into) const {
    if (std::find(into->begin(), into->end(), name) == into->end()) into->push_back(name);
  }

  std::map<std::string, data> partials_;
  mutable std::vector<std::string> missing_names_, missing_partials_;
};

/// Where `name` is first used: in `main`, else in the first partial using it.
base::SourceLoc FirstUse(const std::string& name, const TemplateFile& main,
                         const std::map<std::string, TemplateFile>& partials) {
  if (size_t at = FirstTagNaming(main.text, name); at != std::string::npos) return LocationIn(main, at);
  for (const auto& [partial_name, file] : partials) {
    if (size_t at = FirstTagNaming(file.text, name); at != std::string::npos) return LocationIn(file, at);
  }
  return base::SourceLoc{main.path};
}

}  // namespace

base::SourceLoc LocationIn(const TemplateFile& file, size_t offset) {
  const std::string& text = file.text;
  base::SourceLoc loc{file.path};
  offset = std::min(offset, text.size());
  loc.line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
  const size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  loc.column = 1 + static_cast<int>(offset - (line_start == std::string::npos || offset == 0 ? 0 : line_start + 1));
  return loc;
}

bool CheckTemplate(const std::string& path, const std::string& text, base::DiagnosticSink& sink) {
  mustache parsed(text);
  if (parsed.is_valid()) return true;
  std::string message = parsed.error_message();
  base::SourceLoc loc{path};
  const size_t at = message.rfind(" at ");
  if (at != std::string::npos && message.find_first_not_of("0123456789", at + 4) == std::string::npos &&
      at + 4 < message.size()) {
    loc = LocationIn({path, text}, std::stoull(message.substr(at + 4)));
    message.erase(at);
  }
  sink.Report(base::DiagKind::kTemplateError, loc,
              "not valid mustache: " + message +
                  "; every {{#section}} and {{^section}} needs its {{/section}}, and every tag its }}");
  return false;
}

std::optional<std::string> RenderChecked(const TemplateFile& main, const std::map<std::string, TemplateFile>& partials,
                                         const data& view, const std::function<std::string(const std::string&)>& escape,
                                         base::DiagnosticSink& sink) {
  bool valid = CheckTemplate(main.path, main.text, sink);
  for (const auto& [name, file] : partials) valid &= CheckTemplate(file.path, file.text, sink);
  if (!valid) return std::nullopt;
  mustache parsed(main.text);
  parsed.set_custom_escape(escape);
  CheckedContext context(&view, partials);
  std::string text = parsed.render(context);
  if (!parsed.is_valid()) {  // a partial or a lambda's text that failed as it was rendered
    sink.Report(base::DiagKind::kTemplateError, base::SourceLoc{main.path},
                "cannot render: " + parsed.error_message());
    return std::nullopt;
  }
  for (const std::string& name : context.missing_names()) {
    sink.Report(base::DiagKind::kTemplateError, FirstUse(name, main, partials),
                "'" + name + "' is not a name this template's view has; correct the tag, or remove it");
  }
  for (const std::string& name : context.missing_partials()) {
    sink.Report(base::DiagKind::kTemplateError, FirstUse(name, main, partials),
                "there is no partial '" + name + "' for this template; correct the tag, or remove it");
  }
  if (!context.missing_names().empty() || !context.missing_partials().empty()) return std::nullopt;
  return text;
}

}  // namespace policyc::render
