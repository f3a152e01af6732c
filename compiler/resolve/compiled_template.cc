#include "resolve/compiled_template.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "base/strings.h"
#include "resolve/text.h"

namespace policyc::resolve {

namespace {

using base::SourceLoc;
using kainjow::mustache::context;
using kainjow::mustache::mustache;

/// Around each value mustache substitutes, so that it can be read as
/// ReadsAfter the text before it. XML cannot carry these characters, so no
/// value contains them.
constexpr char kValueStart = '\x02';
constexpr char kValueEnd = '\x03';

/// `rendered` without its value marks, each value as it reads after the
/// text before it ("every 1 month" reads "every month").
std::string Substituted(const std::string& rendered) {
  std::string out;
  size_t pos = 0;
  while (pos < rendered.size()) {
    const size_t start = rendered.find(kValueStart, pos);
    if (start == std::string::npos) {
      out.append(rendered, pos, std::string::npos);
      break;
    }
    out.append(rendered, pos, start - pos);
    size_t end = rendered.find(kValueEnd, start + 1);
    if (end == std::string::npos) end = rendered.size();
    out += ReadsAfter(out, std::string_view(rendered).substr(start + 1, end - start - 1));
    pos = end + 1;
  }
  return out;
}

/// Markdown with at most one blank line in a row: a section the template
/// leaves out takes its blank lines with it.
std::string Tidy(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' && out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') continue;
    out += c;
  }
  return out;
}

class Expander {
 public:
  Expander(const model::CompiledTemplate& tmpl, const View& view, base::DiagnosticSink& sink)
      : tmpl_(tmpl), sink_(sink) {
    context_.push(&view);
  }

  ExpandedTemplate Run() {
    ExpandedTemplate out;
    out.summary = Render(tmpl_.summary, tmpl_.loc);
    AddSections(tmpl_.sections, "", out.sections);
    return out;
  }

 private:
  /// `sections` expanded into `into`, numbered after `prefix` ("" at the top).
  void AddSections(const std::vector<model::TemplateSection>& sections, const std::string& prefix,
                   std::vector<model::ResolvedSection>& into) {
    int number = 0;
    auto next = [&] { return prefix + std::to_string(++number); };
    for (const model::TemplateSection& s : sections) {
      if (!s.when.empty() && !Holds(s.when, s.loc)) continue;
      if (s.each.empty()) {
        into.push_back(Section(s, next()));
        continue;
      }
      const View* list = List(s.each, s.loc);
      if (!list) continue;
      for (const View& item : list->list_value()) {
        context_.push(&item);
        into.push_back(Section(s, next()));
        context_.pop();
      }
    }
  }

  model::ResolvedSection Section(const model::TemplateSection& s, const std::string& number) {
    model::ResolvedSection out;
    out.id = Render(s.id, s.loc);
    out.number = number;
    out.title = RenderPlain(s.title, s.loc);
    out.control = s.control;
    out.intro = Tidy(Render(s.intro, s.loc));
    out.loc = s.loc;
    for (const model::TemplateTable& t : s.tables) {
      if (!t.when.empty() && !Holds(t.when, t.loc)) continue;
      out.tables.push_back(Table(t));
    }
    std::vector<model::ResolvedSection> subsections;
    AddSections(s.sections, number + ".", subsections);
    for (auto& sub : subsections) out.items.emplace_back(std::move(sub));
    return out;
  }

  model::Table Table(const model::TemplateTable& t) {
    model::Table table;
    table.key = t.key;
    for (const model::TemplateColumn& c : t.columns) {
      if (c.each.empty()) {
        table.columns.push_back({RenderPlain(c.header, t.loc), c.weight, c.control});
        continue;
      }
      if (const View* list = List(c.each, t.loc)) {
        for (const View& item : list->list_value()) {
          context_.push(&item);
          table.columns.push_back({RenderPlain(c.header, t.loc), c.weight, c.control});
          context_.pop();
        }
      }
    }
    table.landscape = t.landscape.value_or(table.columns.size() >= 7);
    if (t.rows.empty()) {
      for (const auto& fixed : t.fixed_rows) {
        std::vector<std::string> cells;
        for (const std::string& cell : fixed) cells.push_back(Render(cell, t.loc));
        cells.resize(table.columns.size());
        table.rows.push_back(std::move(cells));
      }
      return table;
    }
    const View* rows = List(t.rows, t.loc);
    if (!rows) return table;
    for (const View& item : rows->list_value()) {
      context_.push(&item);
      std::vector<std::string> cells;
      for (const model::TemplateColumn& c : t.columns) {
        if (c.each.empty()) {
          cells.push_back(Render(c.cell, t.loc));
          continue;
        }
        const View* own = List(c.cells, t.loc);
        if (!own) continue;
        for (const View& cell : own->list_value()) {
          if (c.cell.empty()) {
            cells.push_back(cell.is_string() ? cell.string_value() : "");
            continue;
          }
          // The column's own cell template, over the cell's values.
          context_.push(&cell);
          cells.push_back(Render(c.cell, t.loc));
          context_.pop();
        }
      }
      context_.pop();
      cells.resize(table.columns.size());
      table.rows.push_back(std::move(cells));
    }
    return table;
  }

  /// Is the named value true, a non-empty string or a non-empty list?
  bool Holds(const std::string& name, const SourceLoc& loc) {
    const View* v = Get(name, loc);
    if (!v) return false;
    return v->is_true() || v->is_non_empty_list() || v->is_non_empty_object() ||
           (v->is_string() && !v->string_value().empty());
  }

  const View* List(const std::string& name, const SourceLoc& loc) {
    const View* v = Get(name, loc);
    if (v && !v->is_list()) {
      Report(loc, "'" + name + "' is not a list in the view of builder '" + tmpl_.builder + "'");
      return nullptr;
    }
    return v;
  }

  const View* Get(const std::string& name, const SourceLoc& loc) {
    const View* v = context_.get(name);
    if (!v) Report(loc, "the view of builder '" + tmpl_.builder + "' has no '" + name + "'");
    return v;
  }

  /// The mustache text over the current context, with its names checked.
  std::string Render(const std::string& text, const SourceLoc& loc) {
    if (text.find("{{") == std::string::npos) return text;
    // Each template text is parsed and its names checked once per
    // expansion (a table's cell template serves every row, whose views all
    // have the same names); the texts live as long as the template.
    auto [it, added] = parsed_.try_emplace(&text, nullptr);
    if (added) {
      CheckNames(text, loc);
      it->second = std::make_unique<mustache>(text);
      // Values are Markdown already escaped by the builder; they are only
      // marked, to be read after their preceding text (Substituted).
      it->second->set_custom_escape(
          [](const std::string& s) { return kValueStart + s + kValueEnd; });
    }
    mustache& m = *it->second;
    if (!m.is_valid()) {
      Report(loc, "mustache error: " + m.error_message());
      return "";
    }
    return Substituted(m.render(context_));
  }

  /// Render for a text that is not Markdown (a section title, a column
  /// header), which every writer prints as it is: the values' Markdown
  /// escapes, right in a cell, would be seen there ("IT \& Ops \| Team").
  std::string RenderPlain(const std::string& text, const SourceLoc& loc) {
    return base::PlainText(Render(text, loc), base::LineBreaks::kCollapse);
  }

  /// Every {{name}} resolves in the context or, inside {{#list}}…{{/list}},
  /// in the list's first item. Inside an empty list there is no item to
  /// look in (and nothing is rendered), so its names go unchecked.
  void CheckNames(const std::string& text, const SourceLoc& loc) {
    std::vector<const View*> pushed;
    std::vector<bool> empty_list;  ///< per open section: an empty list's?
    size_t at = 0;
    while ((at = text.find("{{", at)) != std::string::npos) {
      const size_t end = text.find("}}", at);
      if (end == std::string::npos) return;  // mustache reports it
      std::string tag = base::Trim(text.substr(at + 2, end - at - 2));
      at = end + 2;
      if (tag.empty() || tag[0] == '!') continue;
      const char sigil = tag[0];
      if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '&' || sigil == '{') tag = base::Trim(tag.substr(1));
      if (!tag.empty() && tag.back() == '}') tag.pop_back();
      if (tag == ".") continue;
      if (sigil == '/') {
        if (!pushed.empty()) {
          if (pushed.back()) context_.pop();
          pushed.pop_back();
          empty_list.pop_back();
        }
        continue;
      }
      const bool unchecked = std::find(empty_list.begin(), empty_list.end(), true) != empty_list.end();
      const View* v = context_.get(tag);
      if (!v && unchecked) {
        if (sigil == '#' || sigil == '^') {
          pushed.push_back(nullptr);
          empty_list.push_back(true);
        }
        continue;
      }
      if (!v) {
        Report(loc, "the view of builder '" + tmpl_.builder + "' has no '" + tag + "'");
        continue;
      }
      if (sigil == '#' || sigil == '^') {
        const View* first = v->is_non_empty_list() ? &v->list_value().front() : nullptr;
        if (first) context_.push(first);
        pushed.push_back(first);
        empty_list.push_back(sigil == '#' && v->is_list() && !first);
      }
    }
    for (const View* p : pushed) {
      if (p) context_.pop();
    }
  }

  void Report(const SourceLoc& loc, const std::string& message) {
    if (reported_.insert(message).second) sink_.Report(base::DiagKind::kTemplateName, loc, message);
  }

  const model::CompiledTemplate& tmpl_;
  base::DiagnosticSink& sink_;
  context<std::string> context_;
  std::set<std::string> reported_;
  std::map<const std::string*, std::unique_ptr<mustache>> parsed_;
};

}  // namespace

ExpandedTemplate ExpandTemplate(const model::CompiledTemplate& tmpl, const View& view, base::DiagnosticSink& sink) {
  return Expander(tmpl, view, sink).Run();
}

}  // namespace policyc::resolve
