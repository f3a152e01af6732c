#include "init/starter_profile.h"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include "base/strings.h"
#include "resolve/condition.h"
#include "resolve/values.h"

namespace policyc::init {

namespace {

using View = kainjow::mustache::data;

constexpr size_t kWidth = 100;  ///< comments are wrapped to this column

/// Text safe inside an XML comment: no "--" (which would end it early).
std::string CommentSafe(std::string text) {
  for (size_t at = text.find("--"); at != std::string::npos; at = text.find("--", at)) {
    text.replace(at, 2, "- -");
  }
  return text;
}

/// An attribute value or element text, escaped so that it reads back as
/// `value`, also when the element is written inside a comment and later
/// uncommented: the template's escape for {{name}}.
std::string EscapeXml(const std::string& value) {
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '"') {
      out += "&quot;";
    } else if (c == '-' && i + 1 < value.size() && value[i + 1] == '-') {
      out += "-&#45;";
      ++i;
    } else {
      out += c;
    }
  }
  return out;
}

/// Collapses the whitespace of text written across several source lines.
std::string OneLine(std::string_view text) { return base::Join(base::SplitWhitespace(text), " "); }

/// An XML comment at `indent`, without its final line break. Each
/// paragraph is wrapped to kWidth, a "- " item with a hanging indent; a
/// paragraph starting with a space is kept as it is.
std::string WrapComment(size_t indent, const std::vector<std::string>& paragraphs) {
  const std::string first = std::string(indent, ' ') + "<!-- ";
  const std::string rest(indent + 5, ' ');
  std::vector<std::string> lines;
  for (const std::string& paragraph : paragraphs) {
    if (!paragraph.empty() && paragraph.front() == ' ') {
      lines.push_back(CommentSafe(paragraph));
      continue;
    }
    const std::string hang = paragraph.rfind("- ", 0) == 0 ? "  " : "";
    std::string line;
    for (const std::string& word : base::SplitWhitespace(CommentSafe(paragraph))) {
      if (!line.empty() && rest.size() + line.size() + 1 + word.size() > kWidth) {
        lines.push_back(line);
        line = hang;
      }
      line += (line.empty() || line == hang ? "" : " ") + word;
    }
    lines.push_back(line);
  }
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    out += (i == 0 ? first : (lines[i].empty() ? std::string() : rest)) + lines[i];
    out += i + 1 == lines.size() ? " -->" : "\n";
  }
  return out;
}

/// The comment a template's comment section wrote, wrapped: `text` is
/// INDENT "<!-- " paragraph, then one paragraph a line, " -->". The
/// indent of the comment's text is taken off each later line; a line
/// indented further keeps the rest. nullopt when `text` is not of that form.
std::optional<std::string> WrappedComment(const std::string& text) {
  const size_t indent = text.find_first_not_of(' ');
  const std::string_view close = " -->";
  if (indent == std::string::npos || text.compare(indent, 5, "<!-- ") != 0 || text.size() < indent + 5 + close.size() ||
      text.compare(text.size() - close.size(), close.size(), close) != 0) {
    return std::nullopt;
  }
  std::vector<std::string> paragraphs =
      base::Split(std::string_view(text).substr(indent + 5, text.size() - close.size() - indent - 5), '\n');
  for (size_t i = 1; i < paragraphs.size(); ++i) {
    const size_t spaces = std::min(paragraphs[i].find_first_not_of(' '), paragraphs[i].size());
    paragraphs[i].erase(0, std::min(spaces, indent + 5));
  }
  return WrapComment(indent, paragraphs);
}

/// A list view of `items`, each made by `make`.
template <typename T, typename Make>
View ListOf(const std::vector<T>& items, Make make) {
  View list(View::type::list);
  for (const T& item : items) list.push_back(make(item));
  return list;
}

/// Declarations in runs that come from one source file, in declaration order.
std::vector<std::vector<const model::Declaration*>> ByFile(const std::vector<model::Declaration>& declarations,
                                                           bool with_default) {
  std::vector<std::vector<const model::Declaration*>> groups;
  std::string file;
  for (const model::Declaration& d : declarations) {
    if (HasDefault(d) != with_default) continue;
    if (groups.empty() || d.loc.file != file) groups.emplace_back();
    file = d.loc.file;
    groups.back().push_back(&d);
  }
  return groups;
}

/// What templates/init/declaration.mustache says about a fact or
/// parameter: its type, unit, range and default, and its description.
View DeclarationView(const model::Declaration& d) {
  View v;
  v.set("id", d.id);
  bool known = false;
  for (const char* type : {"boolean", "enum", "string", "list", "duration", "integer"}) {
    v.set(std::string("is_") + type, d.type == type);
    known |= d.type == type;
  }
  v.set("is_other", !known);
  v.set("type", d.type);
  v.set("values", base::Join(d.values, ", "));
  v.set("has_unit", !d.unit.empty());
  v.set("unit", d.unit);
  v.set("min", d.min.value_or(""));
  v.set("max", d.max.value_or(""));
  v.set("has_range", d.min && d.max);
  v.set("min_only", d.min && !d.max);
  v.set("max_only", !d.min && d.max);
  v.set("has_default_value", d.default_value.has_value());
  v.set("default_value", d.default_value.value_or(""));
  v.set("has_default_items", !d.default_value && !d.default_items.empty());
  v.set("default_items", base::Join(d.default_items, "; "));
  v.set("required", !HasDefault(d));
  v.set("description", OneLine(d.description));
  return v;
}

/// The first statement id of a document, or "".
std::string FirstStatement(const std::vector<model::SectionItem>& items) {
  for (const model::SectionItem& item : items) {
    if (const auto* s = std::get_if<model::Statement>(&item)) return s->id;
    std::string inner = FirstStatement(std::get<model::Section>(item).items);
    if (!inner.empty()) return inner;
  }
  return "";
}

/// A placeholder person's id: the role's id and `suffix`, within the id limit.
std::string PersonId(const std::string& role_id, const std::string& suffix) {
  return role_id.substr(0, model::kMaxIdLength - suffix.size()) + suffix;
}

/// Builds the view of profile.xml.mustache from the library.
class StarterView {
 public:
  StarterView(const resolve::MergedLibrary& library, const NewProfileSettings& settings)
      : library_(library), settings_(settings) {
    for (const model::Role& role : library_.roles) {
      if (!role.everyone) roles_.push_back(&role);
    }
    for (const model::Document& doc : library_.documents) {
      for (const model::Declaration& p : doc.parameters) parameter_document_[p.id] = &doc;
    }
  }

  View Build() const {
    View view;
    view.set("id", settings_.id);
    view.set("date", settings_.date);
    view.set("has_libraries", !settings_.libraries.empty());
    view.set("libraries", ListOf(settings_.libraries, [](const std::string& path) { return View("path", path); }));
    AddFacts(view);
    AddPeople(view);
    AddContacts(view);
    AddParameters(view);
    AddExamples(view);
    return view;
  }

 private:
  void AddFacts(View& view) const {
    view.set("has_facts", !library_.facts.empty());
    View groups(View::type::list);
    for (bool with_default : {false, true}) {
      for (const auto& group : ByFile(library_.facts, with_default)) {
        View g;
        g.set("first", groups.list_value().empty());
        g.set("required", !with_default);
        g.set("source", SourceName(group.front()->loc.file));
        View facts(View::type::list);
        for (const model::Declaration* d : group) {
          if (model::SetByProfileElement(d->id)) continue;  // <certification>, <organisation> set it
          View fact = DeclarationView(*d);
          fact.set("value", d->default_value.value_or(base::Join(d->default_items, " ")));
          // A fact's value cannot hold items with spaces: such a default is left commented out.
          fact.set("listable", std::none_of(d->default_items.begin(), d->default_items.end(), [](const std::string& item) {
                     return base::SplitWhitespace(item).size() != 1;
                   }));
          facts.push_back(fact);
        }
        g.set("facts", facts);
        groups.push_back(g);
      }
    }
    view.set("fact_groups", groups);
  }

  void AddPeople(View& view) const {
    view.set("has_roles", !roles_.empty());
    view.set("roles", ListOf(roles_, [](const model::Role* role) {
               View v;
               v.set("id", role->id);
               v.set("title", role->title);
               v.set("has_purpose", !role->purpose.empty());
               v.set("purpose", OneLine(role->purpose));
               v.set("conditional", !role->when.empty());
               v.set("when", role->when);
               v.set("person_id", PersonId(role->id, "-holder"));
               return v;
             }));
    view.set("has_segregations", !library_.segregations.empty());
    view.set("segregations", ListOf(library_.segregations, [](const model::Segregation& s) {
               View v;
               v.set("first_role", s.first_role);
               v.set("second_role", s.second_role);
               return v;
             }));
    std::vector<std::string> everyone;
    for (const model::Role& role : library_.roles) {
      if (role.everyone) everyone.push_back(role.id);
    }
    view.set("has_everyone", !everyone.empty());
    view.set("everyone", base::Join(everyone, ", "));
    view.set("deputies", Deputies());
  }

  /// The roles the escalation tree calls a deputy for, each once.
  View Deputies() const {
    View deputies(View::type::list);
    std::set<std::string> deputised;
    for (const model::EscalationLevel& level : library_.compiled.escalation) {
      for (const model::EscalationCall& call : level.calls) {
        if (!call.needs_deputy) continue;
        for (const std::string& role_id : call.roles) {
          const model::Role* role = FindRole(role_id);
          if (!role || !deputised.insert(role_id).second) continue;
          View v;
          v.set("role_id", role_id);
          v.set("title", role->title);
          v.set("person_id", PersonId(role_id, "-deputy"));
          deputies.push_back(v);
        }
      }
    }
    return deputies;
  }

  const model::Role* FindRole(const std::string& id) const {
    for (const model::Role* role : roles_) {
      if (role->id == id) return role;
    }
    return nullptr;
  }

  /// Whether `when` holds with every fact at its default (false when a
  /// fact it reads has none).
  bool HoldsByDefault(const std::string& when) const {
    if (when.empty()) return true;
    resolve::ConditionError error;
    auto condition = resolve::ParseCondition(when, &error);
    if (!condition) return false;
    std::vector<resolve::EvaluationError> errors;
    return resolve::EvaluateCondition(
        *condition,
        [this](const std::string& name, resolve::NameKind kind, std::string*) -> std::optional<model::Value> {
          if (kind != resolve::NameKind::kFact) return std::nullopt;
          for (const model::Declaration& d : library_.facts) {
            if (d.id != name || !d.default_value) continue;
            resolve::ValueError value_error;
            return resolve::ParseTypedValue(d, d.default_value, d.default_items, &value_error);
          }
          return std::nullopt;
        },
        &errors);
  }

  /// The contact kinds, and those the default facts make necessary (the
  /// first kind when none is).
  void AddContacts(View& view) const {
    view.set("has_processing_activities", library_.compiled.processing_activities.has_value());
    const auto& spec = library_.compiled.external_contacts;
    view.set("has_contacts", spec.has_value());
    std::vector<model::ContactKindSpec> kinds, needed_kinds;
    if (spec) {
      kinds = spec->kinds;
      std::set<std::string> needed;
      for (const model::ContactRequirement& rule : spec->requirements) {
        if (!rule.kinds.empty() && HoldsByDefault(rule.when)) needed.insert(rule.kinds.front());
      }
      if (needed.empty() && !kinds.empty()) needed.insert(kinds.front().id);
      for (const model::ContactKindSpec& kind : kinds) {
        if (needed.count(kind.id)) needed_kinds.push_back(kind);
      }
    }
    auto kind_view = [](const model::ContactKindSpec& kind) {
      View v;
      v.set("id", kind.id);
      v.set("title", kind.title);
      return v;
    };
    view.set("contact_kinds", ListOf(kinds, kind_view));
    view.set("needed_contacts", ListOf(needed_kinds, kind_view));
  }

  /// Parameters without a default first (live, with an empty value), then
  /// the rest (to be written commented out, with their default).
  void AddParameters(View& view) const {
    const auto required = ByFile(library_.parameters, false);
    view.set("has_parameters", !library_.parameters.empty());
    view.set("has_required_parameters", !required.empty());
    View groups(View::type::list);
    for (bool with_default : {false, true}) {
      for (const auto& group : with_default ? ByFile(library_.parameters, true) : required) {
        View g;
        g.set("first", groups.list_value().empty());
        g.set("required", !with_default);
        g.set("source", Origin(*group.front()));
        View parameters(View::type::list);
        for (const model::Declaration* d : group) {
          View parameter = DeclarationView(*d);
          parameter.set("value", d->default_value.value_or(""));
          parameter.set("has_items", !d->default_items.empty());
          parameter.set("items", ListOf(d->default_items, [](const std::string& item) { return View(item); }));
          parameters.push_back(parameter);
        }
        g.set("parameters", parameters);
        groups.push_back(g);
      }
    }
    view.set("parameter_groups", groups);
  }

  /// The values the commented examples use, and the SoA's controls.
  void AddExamples(View& view) const {
    const auto& controls = library_.catalogue.controls;
    view.set("first_control", controls.empty() ? "A.5.1" : controls.front().id);
    view.set("first_role", roles_.empty() ? "owner" : roles_.front()->id);
    // The first role's placeholder person; with no roles, the template's own placeholder.
    view.set("approver", roles_.empty() ? "" : PersonId(roles_.front()->id, "-holder"));
    view.set("has_controls", !controls.empty());
    view.set("controls", ListOf(controls, [](const model::Control& control) {
               View v;
               v.set("id", control.id);
               v.set("title", control.title);
               return v;
             }));
    std::string target = "DOCUMENT#STATEMENT";
    if (!library_.documents.empty()) {
      const model::Document& doc = library_.documents.front();
      std::vector<model::SectionItem> items(doc.sections.begin(), doc.sections.end());
      const std::string statement = FirstStatement(items);
      target = statement.empty() ? doc.id : doc.id + "#" + statement;
    }
    view.set("override_target", target);
  }

  /// "Access Control Policy: policies/documents/access-control-policy.xml".
  std::string Origin(const model::Declaration& d) const {
    auto it = parameter_document_.find(d.id);
    if (it == parameter_document_.end()) return SourceName(d.loc.file);
    return it->second->title + ": " + SourceName(d.loc.file);
  }

  /// "policies/documents/access-control-policy.xml": a library file by its
  /// library folder's name and its path inside it, whatever folder the
  /// library was loaded from.
  std::string SourceName(const std::string& file) const {
    std::optional<std::string> inside;
    std::string root;
    for (const std::string& candidate : settings_.library_roots) {
      auto path = base::PathInside(candidate, file);
      if (path && (!inside || path->size() < inside->size())) inside = path, root = candidate;
    }
    if (!inside) return std::filesystem::path(file).filename().string();
    return base::FolderName(root) + "/" + *inside;
  }

  const resolve::MergedLibrary& library_;
  const NewProfileSettings& settings_;
  std::vector<const model::Role*> roles_;  ///< those someone must hold
  std::map<std::string, const model::Document*> parameter_document_;
};

/// Where a section's `text` was written: in the profile template or a partial.
base::SourceLoc WhereWritten(const StarterTemplates& templates, const std::string& text) {
  if (size_t at = templates.profile.text.find(text); at != std::string::npos) {
    return render::LocationIn(templates.profile, at);
  }
  for (const auto& [name, partial] : templates.partials) {
    if (size_t at = partial.text.find(text); at != std::string::npos) return render::LocationIn(partial, at);
  }
  return base::SourceLoc{templates.profile.path};
}

}  // namespace

bool HasDefault(const model::Declaration& d) { return d.default_value.has_value() || !d.default_items.empty(); }

std::optional<StarterTemplates> LoadStarterTemplates(const base::FileSystem& fs, const std::string& templates_dir,
                                                     base::DiagnosticSink& sink) {
  auto read = [&](const std::string& name) -> std::optional<render::TemplateFile> {
    const std::string path = base::JoinPath(base::JoinPath(templates_dir, "init"), name);
    std::string error;
    auto text = fs.ReadFile(path, &error);
    if (!text) {
      sink.Report(base::DiagKind::kIoError, base::SourceLoc{path}, "cannot read template: " + error);
      return std::nullopt;
    }
    return render::TemplateFile{path, std::move(*text)};
  };
  auto profile = read("profile.xml.mustache");
  auto declaration = read("declaration.mustache");
  if (!profile || !declaration) return std::nullopt;
  return StarterTemplates{std::move(*profile), {{"declaration", std::move(*declaration)}}};
}

std::optional<std::string> NewProfileXml(const StarterTemplates& templates, const resolve::MergedLibrary& library,
                                         const NewProfileSettings& settings, base::DiagnosticSink& sink) {
  View view = StarterView(library, settings).Build();
  bool malformed = false;
  view.set("comment", kainjow::mustache::lambda2([&](const std::string& text, const kainjow::mustache::renderer& render) {
             const std::string rendered = render(text);
             std::optional<std::string> wrapped = WrappedComment(rendered);
             if (!wrapped && !malformed) {
               malformed = true;
               sink.Report(base::DiagKind::kTemplateError, WhereWritten(templates, text),
                           "a comment section must hold one XML comment, '<!-- ' to ' -->', after its indent; "
                           "this one renders as: " + rendered.substr(0, 80));
             }
             return wrapped.value_or(rendered);
           }));
  view.set("in_comment", kainjow::mustache::lambda2([](const std::string& text, const kainjow::mustache::renderer& render) {
             return CommentSafe(render(text));
           }));
  std::optional<std::string> text = render::RenderChecked(templates.profile, templates.partials, view, EscapeXml, sink);
  if (malformed) return std::nullopt;
  return text;
}

}  // namespace policyc::init
