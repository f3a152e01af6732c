#include "load/source_loader.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "base/numbers.h"
#include "base/strings.h"

namespace policyc::load {

using base::DiagKind;
using base::SourceLoc;
using base::SplitWhitespace;

namespace {

/// Reads one file's elements into the model. `path_` is the file reported
/// in every SourceLoc.
class SourceReader {
 public:
  explicit SourceReader(std::string path) : path_(std::move(path)) {}

  SourceLoc Loc(const xmlNode* node) const { return SourceLoc{path_, LineOf(node), 0}; }

  model::Text ReadText(const xmlNode* node) const {
    const std::string raw = TextOf(node);
    model::Text text;
    text.markdown = base::Dedent(raw);
    int leading_newlines = 0;
    for (char c : raw) {
      if (c == '\n') ++leading_newlines;
      else if (c != ' ' && c != '\t' && c != '\r') break;
    }
    text.loc = SourceLoc{path_, LineOf(node) + leading_newlines, 0};
    if (leading_newlines > 0 && !text.markdown.empty()) {
      // The first line of Markdown started on a line of its own, so its
      // indentation is the indentation Dedent removed.
      size_t first = raw.find_first_not_of(" \t\r\n");
      size_t line_start = raw.rfind('\n', first);
      text.first_line_indent = static_cast<int>(first - line_start - 1);
    } else {
      text.first_line_indent = -1;  // column unknown: text began on the tag's line
    }
    return text;
  }

  std::optional<model::Text> OptionalText(const xmlNode* parent, const char* name) const {
    const xmlNode* child = FirstChild(parent, name);
    if (child == nullptr) return std::nullopt;
    return ReadText(child);
  }

  std::vector<std::string> ListAttribute(const xmlNode* node, const char* name) const {
    return SplitWhitespace(AttributeOr(node, name, ""));
  }

  model::Declaration ReadDeclaration(const xmlNode* node) const {
    model::Declaration d;
    d.id = AttributeOr(node, "id", "");
    d.type = AttributeOr(node, "type", "string");
    d.default_value = Attribute(node, "default");
    d.unit = AttributeOr(node, "unit", "");
    d.min = Attribute(node, "min");
    d.max = Attribute(node, "max");
    d.values = ListAttribute(node, "values");
    if (const xmlNode* description = FirstChild(node, "description")) {
      d.description = base::Trim(TextOf(description));
    }
    for (const xmlNode* item : ChildElements(node, "item")) {
      d.default_items.push_back(base::Trim(TextOf(item)));
    }
    d.loc = Loc(node);
    return d;
  }

  model::Statement ReadStatement(const xmlNode* node) const {
    model::Statement s;
    s.id = AttributeOr(node, "id", "");
    s.text = ReadText(FirstChild(node, "text"));
    s.evidence = OptionalText(node, "evidence");
    if (const xmlNode* training = FirstChild(node, "training")) {
      s.training = ReadText(training);
      s.training_audience = ListAttribute(training, "audience");
      s.training_situation = AttributeOr(training, "situation", "");
      s.training_to = AttributeOr(training, "to", "");
      s.training_objective = base::Trim(AttributeOr(training, "objective", ""));
    }
    if (const xmlNode* quiz = FirstChild(node, "quiz")) {
      model::Quiz q;
      q.question = ReadText(FirstChild(quiz, "question"));
      q.answer = ReadText(FirstChild(quiz, "answer"));
      for (const xmlNode* wrong : ChildElements(quiz, "wrong")) q.wrong.push_back(ReadText(wrong));
      s.quiz = std::move(q);
    }
    s.controls = ListAttribute(node, "controls");
    s.clauses = ListAttribute(node, "clauses");
    s.frameworks = ListAttribute(node, "frameworks");
    s.roles = ListAttribute(node, "roles");
    s.approves = ListAttribute(node, "approves");
    s.informed = ListAttribute(node, "informed");
    s.condition = Attribute(node, "condition");
    s.loc = Loc(node);
    return s;
  }

  model::Section ReadSection(const xmlNode* node) const {
    model::Section section;
    section.id = AttributeOr(node, "id", "");
    section.title = AttributeOr(node, "title", "");
    section.condition = Attribute(node, "condition");
    section.requires_controls = ListAttribute(node, "requires");
    section.intro = OptionalText(node, "intro");
    section.reviewed = AttributeOr(node, "reviewed", "");
    section.loc = Loc(node);
    for (const xmlNode* child : ChildElements(node)) {
      if (IsElement(child, "statement")) section.items.emplace_back(ReadStatement(child));
      if (IsElement(child, "section")) section.items.emplace_back(ReadSection(child));
    }
    return section;
  }

  model::Document ReadDocument(const xmlNode* node) const {
    model::Document doc;
    doc.id = AttributeOr(node, "id", "");
    doc.kind = AttributeOr(node, "kind", "policy");
    doc.title = AttributeOr(node, "title", "");
    doc.owner = AttributeOr(node, "owner", "");
    doc.clauses = ListAttribute(node, "clauses");
    doc.serves = ListAttribute(node, "serves");
    if (auto months = Attribute(node, "review-months")) {
      // The schema bounds it; what gets past the schema still never throws.
      auto n = base::ParseInt64(*months);
      if (n && *n > 0 && *n <= std::numeric_limits<int>::max()) doc.review_months = static_cast<int>(*n);
    }
    doc.classification = Attribute(node, "classification");
    doc.condition = Attribute(node, "condition");
    doc.summary = ReadText(FirstChild(node, "summary"));
    if (const xmlNode* parameters = FirstChild(node, "parameters")) {
      for (const xmlNode* p : ChildElements(parameters, "parameter")) {
        doc.parameters.push_back(ReadDeclaration(p));
      }
    }
    for (const xmlNode* section : ChildElements(node, "section")) {
      doc.sections.push_back(ReadSection(section));
    }
    doc.loc = Loc(node);
    return doc;
  }

  std::vector<model::Override> ReadOverrides(const xmlNode* node) const {
    std::vector<model::Override> out;
    for (const xmlNode* child : ChildElements(node)) {
      model::Override o;
      o.loc = Loc(child);
      o.reason = base::Trim(AttributeOr(child, "reason", ""));
      if (IsElement(child, "replace")) {
        o.op = model::Override::Op::kReplace;
        o.target = AttributeOr(child, "target", "");
        if (const xmlNode* s = FirstChild(child, "statement")) o.statements.push_back(ReadStatement(s));
        if (const xmlNode* d = FirstChild(child, "document")) o.document = ReadDocument(d);
      } else if (IsElement(child, "remove")) {
        o.op = model::Override::Op::kRemove;
        o.target = AttributeOr(child, "target", "");
      } else if (IsElement(child, "add")) {
        o.op = model::Override::Op::kAdd;
        o.target = AttributeOr(child, "to", "");
        o.after = Attribute(child, "after");
        for (const xmlNode* s : ChildElements(child, "statement")) {
          o.statements.push_back(ReadStatement(s));
        }
      } else {
        continue;
      }
      out.push_back(std::move(o));
    }
    return out;
  }

  model::Clause ReadClause(const xmlNode* node) const {
    model::Clause clause{AttributeOr(node, "id", ""), AttributeOr(node, "title", ""), {}, Loc(node)};
    for (const xmlNode* child : ChildElements(node, "clause")) {
      clause.children.push_back(ReadClause(child));
    }
    return clause;
  }

  void ReadCatalogue(const xmlNode* root, model::Catalogue& catalogue) const {
    for (const xmlNode* clause : ChildElements(root, "clause")) {
      catalogue.clauses.push_back(ReadClause(clause));
    }
    for (const xmlNode* theme : ChildElements(root, "theme")) {
      model::Theme t{AttributeOr(theme, "id", ""), AttributeOr(theme, "number", ""),
                     AttributeOr(theme, "title", "")};
      for (const xmlNode* node : ChildElements(theme, "control")) {
        model::Control c;
        c.id = AttributeOr(node, "id", "");
        c.title = AttributeOr(node, "title", "");
        c.theme = t.id;
        c.types = ListAttribute(node, "type");
        c.properties = ListAttribute(node, "properties");
        c.concepts = ListAttribute(node, "concepts");
        c.capabilities = ListAttribute(node, "capabilities");
        c.domains = ListAttribute(node, "domains");
        c.is_new = AttributeOr(node, "new", "false") == "true";
        c.supports = ListAttribute(node, "supports");
        c.loc = Loc(node);
        catalogue.controls.push_back(std::move(c));
      }
      catalogue.themes.push_back(std::move(t));
    }
    for (const xmlNode* domain : ChildElements(root, "domain")) {
      for (const xmlNode* objective : ChildElements(domain, "objective")) {
        for (const xmlNode* node : ChildElements(objective, "control")) {
          model::Control2013 c;
          c.id = AttributeOr(node, "id", "");
          c.title = AttributeOr(node, "title", "");
          c.domain_id = AttributeOr(domain, "id", "");
          c.domain_title = AttributeOr(domain, "title", "");
          c.objective_id = AttributeOr(objective, "id", "");
          c.objective_title = AttributeOr(objective, "title", "");
          c.maps_to = ListAttribute(node, "maps-to");
          c.loc = Loc(node);
          catalogue.controls_2013.push_back(std::move(c));
        }
      }
    }
  }

  /// A framework catalogue: its document control, mapping sources, levels,
  /// uses and suggestions, then its groups and requirements flattened in
  /// document order.
  model::Framework ReadFramework(const xmlNode* root) const {
    model::Framework f;
    f.id = AttributeOr(root, "id", "");
    f.title = AttributeOr(root, "title", "");
    f.short_title = AttributeOr(root, "short-title", f.title);
    f.version = AttributeOr(root, "version", "");
    f.published = AttributeOr(root, "published", "");
    f.publisher = AttributeOr(root, "publisher", "");
    f.licence = AttributeOr(root, "licence", "");
    f.source = AttributeOr(root, "source", "");
    f.retrieved = AttributeOr(root, "retrieved", "");
    f.attribution = base::Trim(TextOf(FirstChild(root, "attribution")));
    f.loc = Loc(root);
    for (const xmlNode* n : ChildElements(root, "mapping-source")) {
      f.mapping_sources.push_back({AttributeOr(n, "id", ""), AttributeOr(n, "title", ""),
                                   AttributeOr(n, "publisher", ""), AttributeOr(n, "url", ""),
                                   AttributeOr(n, "licence", ""), AttributeOr(n, "retrieved", ""),
                                   base::Trim(TextOf(n))});
    }
    auto variant = [&](const xmlNode* n) {
      return model::FrameworkVariant{AttributeOr(n, "id", ""), AttributeOr(n, "title", ""), base::Trim(TextOf(n)),
                                     Loc(n)};
    };
    for (const xmlNode* n : ChildElements(root, "level")) f.levels.push_back(variant(n));
    for (const xmlNode* n : ChildElements(root, "use-as")) f.uses.push_back(variant(n));
    for (const xmlNode* n : ChildElements(root, "suggested")) {
      f.suggestions.push_back({AttributeOr(n, "when", ""), AttributeOr(n, "level", ""), AttributeOr(n, "as", ""),
                               base::Trim(TextOf(n)), Loc(n)});
    }
    for (const xmlNode* g : ChildElements(root, "group")) ReadFrameworkGroup(g, "", f);
    if (const xmlNode* set = FirstChild(root, "question-set")) f.question_set = ReadQuestionSet(set);
    return f;
  }

  model::QuestionSet ReadQuestionSet(const xmlNode* node) const {
    model::QuestionSet set{AttributeOr(node, "title", ""), AttributeOr(node, "based-on", ""), {}, Loc(node)};
    for (const xmlNode* t : ChildElements(node, "topic")) {
      model::ReadinessTopic topic{AttributeOr(t, "id", ""), AttributeOr(t, "title", ""), {}};
      for (const xmlNode* q : ChildElements(t, "question")) {
        topic.questions.push_back({AttributeOr(q, "id", ""), base::Trim(TextOf(q)), ListAttribute(q, "requirements"),
                                   AttributeOr(q, "parameter", ""), AttributeOr(q, "fact", ""),
                                   AttributeOr(q, "organisation", ""), AttributeOr(q, "client", "false") == "true",
                                   Loc(q)});
      }
      set.topics.push_back(std::move(topic));
    }
    return set;
  }

  void ReadFrameworkGroup(const xmlNode* node, const std::string& parent, model::Framework& f) const {
    const std::string id = AttributeOr(node, "id", "");
    f.groups.push_back({id, AttributeOr(node, "title", ""), parent, Loc(node)});
    for (const xmlNode* g : ChildElements(node, "group")) ReadFrameworkGroup(g, id, f);
    for (const xmlNode* r : ChildElements(node, "requirement")) f.requirements.push_back(ReadRequirement(r, id));
  }

  model::FrameworkRequirement ReadRequirement(const xmlNode* node, const std::string& group) const {
    model::FrameworkRequirement r;
    r.id = AttributeOr(node, "id", "");
    r.title = AttributeOr(node, "title", "");
    r.group = group;
    r.loc = Loc(node);
    using Target = model::FrameworkMapping::Target;
    for (const xmlNode* child : ChildElements(node)) {
      auto mapping = [&](Target target, const char* attribute) {
        r.mappings.push_back({target, AttributeOr(child, attribute, ""), AttributeOr(child, "relationship", ""),
                              AttributeOr(child, "source", ""), Loc(child)});
      };
      if (IsElement(child, "control")) mapping(Target::kControl, "id");
      if (IsElement(child, "clause")) mapping(Target::kClause, "id");
      if (IsElement(child, "statement")) mapping(Target::kStatement, "ref");
      if (IsElement(child, "statement-needed")) r.statement_needed = base::Trim(TextOf(child));
      if (IsElement(child, "gap")) r.gap = base::Trim(TextOf(child));
      if (IsElement(child, "note")) r.note = base::Trim(TextOf(child));
      if (IsElement(child, "limit")) {
        r.limits.push_back({AttributeOr(child, "parameter", ""), AttributeOr(child, "comparison", ""),
                            base::Trim(AttributeOr(child, "value", "")), AttributeOr(child, "condition", ""),
                            base::Trim(TextOf(child)), Loc(child)});
      }
    }
    return r;
  }

  model::TemplateSection ReadTemplateSection(const xmlNode* node) const {
    model::TemplateSection section;
    section.id = AttributeOr(node, "id", "");
    section.title = AttributeOr(node, "title", "");
    section.each = AttributeOr(node, "each", "");
    section.when = AttributeOr(node, "when", "");
    section.control = AttributeOr(node, "control", "false") == "true";
    if (const xmlNode* intro = FirstChild(node, "intro")) section.intro = base::Dedent(TextOf(intro));
    for (const xmlNode* t : ChildElements(node, "table")) {
      model::TemplateTable table;
      table.rows = AttributeOr(t, "rows", "");
      table.key = static_cast<size_t>(std::stoul(AttributeOr(t, "key", "0")));
      if (auto landscape = Attribute(t, "landscape")) table.landscape = *landscape == "true" || *landscape == "1";
      table.when = AttributeOr(t, "when", "");
      for (const xmlNode* c : ChildElements(t, "column")) {
        table.columns.push_back({AttributeOr(c, "header", ""), std::stod(AttributeOr(c, "weight", "1")),
                                 base::Trim(TextOf(c)), AttributeOr(c, "each", ""), AttributeOr(c, "cells", ""),
                                 AttributeOr(c, "control", "false") == "true"});
      }
      for (const xmlNode* r : ChildElements(t, "row")) {
        std::vector<std::string> cells;
        for (const xmlNode* c : ChildElements(r, "cell")) cells.push_back(base::Trim(TextOf(c)));
        table.fixed_rows.push_back(std::move(cells));
      }
      table.loc = Loc(t);
      section.tables.push_back(std::move(table));
    }
    for (const xmlNode* sub : ChildElements(node, "section")) section.sections.push_back(ReadTemplateSection(sub));
    section.loc = Loc(node);
    return section;
  }

  model::CompiledTemplate ReadCompiledTemplate(const xmlNode* root) const {
    model::CompiledTemplate out;
    out.builder = AttributeOr(root, "builder", "");
    out.summary = base::Dedent(TextOf(FirstChild(root, "summary")));
    for (const xmlNode* node : ChildElements(root, "section")) out.sections.push_back(ReadTemplateSection(node));
    out.loc = Loc(root);
    return out;
  }

  void ReadCompiled(const xmlNode* root, model::CompiledCatalogue& compiled) const {
    for (const xmlNode* node : ChildElements(root, "compiled")) {
      model::CompiledDocumentSpec spec;
      spec.builder = AttributeOr(node, "builder", "");
      spec.id = AttributeOr(node, "id", "");
      spec.title = AttributeOr(node, "title", "");
      spec.kind = AttributeOr(node, "kind", "");
      spec.owner = AttributeOr(node, "owner", "");
      spec.serves = ListAttribute(node, "serves");
      for (const xmlNode* use : ChildElements(node, "uses")) {
        spec.uses.push_back({AttributeOr(use, "name", ""), AttributeOr(use, "role", ""),
                             AttributeOr(use, "parameter", ""), AttributeOr(use, "document", ""), Loc(use)});
      }
      spec.loc = Loc(node);
      compiled.documents.push_back(std::move(spec));
    }
    for (const xmlNode* node : ChildElements(root, "training-module")) {
      compiled.training_modules.push_back({AttributeOr(node, "id", ""), AttributeOr(node, "title", ""),
                                           AttributeOr(node, "audience", ""), ListAttribute(node, "roles"),
                                           AttributeOr(node, "everyone", "false") == "true", Loc(node)});
    }
    if (const xmlNode* node = FirstChild(root, "incident-contacts")) {
      compiled.incident_contacts =
          model::IncidentContactsSpec{AttributeOr(node, "section", ""), ListAttribute(node, "roles"), Loc(node)};
    }
    if (const xmlNode* node = FirstChild(root, "external-contacts")) {
      model::ExternalContactsSpec spec;
      spec.section = AttributeOr(node, "section", "");
      for (const xmlNode* kind : ChildElements(node, "kind")) {
        spec.kinds.push_back({AttributeOr(kind, "id", ""), AttributeOr(kind, "title", ""), Loc(kind)});
      }
      for (const xmlNode* rule : ChildElements(node, "require")) {
        spec.requirements.push_back({ListAttribute(rule, "kinds"), AttributeOr(rule, "when", ""),
                                     base::Trim(AttributeOr(rule, "reason", "")), Loc(rule)});
      }
      spec.loc = Loc(node);
      compiled.external_contacts = std::move(spec);
    }
    for (const xmlNode* node : ChildElements(root, "escalation")) {
      model::EscalationLevel level;
      level.section = AttributeOr(node, "section", "");
      for (const xmlNode* call : ChildElements(node, "call")) {
        level.calls.push_back({ListAttribute(call, "roles"), AttributeOr(call, "contact", ""),
                               AttributeOr(call, "within", ""), base::Trim(AttributeOr(call, "note", "")),
                               AttributeOr(call, "needs-deputy", "false") == "true", Loc(call)});
      }
      level.loc = Loc(node);
      compiled.escalation.push_back(std::move(level));
    }
    if (const xmlNode* node = FirstChild(root, "processing-activities")) {
      compiled.processing_activities = model::ProcessingActivitiesSpec{
          AttributeOr(node, "section", ""), AttributeOr(node, "controller-when", ""),
          AttributeOr(node, "processor-when", ""), AttributeOr(node, "deadline", ""), Loc(node)};
    }
  }

  void ReadRoles(const xmlNode* root, model::Library& library) const {
    for (const xmlNode* node : ChildElements(root, "role")) {
      model::Role role;
      role.id = AttributeOr(node, "id", "");
      role.title = AttributeOr(node, "title", "");
      role.everyone = AttributeOr(node, "everyone", "false") == "true";
      role.reports_to = AttributeOr(node, "reports-to", "");
      role.when = AttributeOr(node, "when", "");
      if (const xmlNode* purpose = FirstChild(node, "purpose")) role.purpose = base::Trim(TextOf(purpose));
      for (const xmlNode* a : ChildElements(node, "authority")) role.authorities.push_back(base::Trim(TextOf(a)));
      for (const xmlNode* c : ChildElements(node, "competence")) role.competences.push_back(base::Trim(TextOf(c)));
      role.loc = Loc(node);
      library.roles.push_back(std::move(role));
    }
    for (const xmlNode* node : ChildElements(root, "segregate")) {
      auto roles = ListAttribute(node, "roles");
      if (roles.size() != 2) continue;  // the schema requires two
      library.segregations.push_back(
          {roles[0], roles[1], base::Trim(AttributeOr(node, "reason", "")), Loc(node)});
    }
  }

 private:
  std::string path_;
};

/// The schema each root element is validated against.
const char* SchemaKindOf(const xmlNode* root) {
  for (const char* kind :
       {"catalogue", "document", "roles", "declarations", "overrides", "compiled-documents", "framework"}) {
    if (IsElement(root, kind)) return kind;
  }
  return nullptr;
}

/// True for a font family's name as CSS and Word take it, quoted: letters,
/// digits, spaces, hyphens, underscores, full stops and plus signs. Nothing
/// else is in the names of installable fonts, and the rest could end the
/// CSS string the name goes into.
bool IsFontFamilyName(std::string_view name) {
  if (name.empty() || !std::isalnum(static_cast<unsigned char>(name.front()))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view(" -_.+").find(c) != std::string_view::npos;
  });
}

/// True when `bytes` begin as an SVG document: after an optional byte
/// order mark, XML declaration, comments and DOCTYPE (without an internal
/// subset), the root element is <svg>.
bool StartsAsSvg(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  while (true) {
    const size_t start = bytes.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return false;
    bytes.remove_prefix(start);
    std::string_view close;
    if (bytes.starts_with("<!--")) {
      close = "-->";
    } else if (bytes.starts_with("<?")) {
      close = "?>";
    } else if (bytes.starts_with("<!DOCTYPE")) {
      close = ">";
    } else {
      break;
    }
    const size_t end = bytes.find(close);
    if (end == std::string_view::npos) return false;
    if (close == ">" && bytes.substr(0, end).find('[') != std::string_view::npos) return false;  // entities
    bytes.remove_prefix(end + close.size());
  }
  return bytes.starts_with("<svg") && bytes.size() > 4 &&
         std::string_view(" \t\r\n>").find(bytes[4]) != std::string_view::npos;
}

/// "png" or "svg" for a usable logo; otherwise reports why and returns "".
/// The logo must lie in the profile's folder or below it (after following
/// links): a profile from someone else must not copy any other file of
/// this machine into the pack.
std::string CheckLogo(const base::FileSystem& fs, const std::string& path, const std::string& profile_dir,
                      const SourceLoc& loc, base::DiagnosticSink& sink) {
  constexpr size_t kMaxLogoBytes = 2 * 1024 * 1024;
  auto size = fs.FileSize(path);
  if (!size) {
    sink.Report(DiagKind::kIoError, loc, "logo '" + path + "' does not exist; give a PNG or SVG file relative to the profile");
    return "";
  }
  const auto real = fs.RealPath(path);
  const auto folder = fs.RealPath(profile_dir);
  if (!real || !folder || !real->starts_with(*folder == "/" ? *folder : *folder + "/")) {
    sink.Report(DiagKind::kBadValue, loc,
                "logo '" + path + "' is outside the profile's folder; copy the file into the folder of the "
                "profile (or a folder below it) and name it relative to the profile, e.g. logo=\"logo.png\"");
    return "";
  }
  if (*size > kMaxLogoBytes) {
    sink.Report(DiagKind::kFileTooLarge, loc, "logo '" + path + "' is " + std::to_string(*size) +
                                                  " bytes; keep it under 2 MiB");
    return "";
  }
  std::string error;
  auto bytes = fs.ReadFile(path, &error);
  if (bytes && bytes->compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) return "png";
  if (bytes && StartsAsSvg(*bytes) && bytes->find("<!ENTITY") == std::string::npos) return "svg";
  sink.Report(DiagKind::kBadValue, loc, "logo '" + path + "' is neither a PNG nor an SVG file");
  return "";
}

}  // namespace

std::vector<model::CompiledTemplate> LoadCompiledTemplates(const XmlReader& reader, const base::FileSystem& fs,
                                                           const std::string& dir, base::DiagnosticSink& sink) {
  std::vector<model::CompiledTemplate> out;
  for (const std::string& path : fs.ListFiles(dir, ".xml")) {
    XmlDocPtr doc = reader.Parse(path, sink);
    if (!doc) continue;
    const xmlNode* node = xmlDocGetRootElement(doc.get());
    if (!reader.Validate(doc.get(), path, "compiled-template", sink)) continue;
    out.push_back(SourceReader(path).ReadCompiledTemplate(node));
  }
  return out;
}

model::Library LoadLibrary(const XmlReader& reader, const base::FileSystem& fs,
                           const std::string& root, base::DiagnosticSink& sink) {
  model::Library library;
  library.root = root;
  library.name = base::FolderName(root);
  if (!fs.IsDirectory(root)) {
    sink.Report(DiagKind::kIoError, SourceLoc{root},
                "library folder does not exist or is not a folder");
    return library;
  }
  for (const std::string& path : fs.ListFiles(root, ".xml")) {
    XmlDocPtr doc = reader.Parse(path, sink);
    if (!doc) continue;
    const xmlNode* node = xmlDocGetRootElement(doc.get());
    const char* kind = node ? SchemaKindOf(node) : nullptr;
    if (kind == nullptr) {
      sink.Report(DiagKind::kUnknownRoot, SourceLoc{path, node ? LineOf(node) : 1, 0},
                  std::string("root element <") +
                      (node ? reinterpret_cast<const char*>(node->name) : "") +
                      "> is not a library source; expected <document>, <roles>, "
                      "<declarations>, <overrides>, <compiled-documents>, <catalogue> or <framework>");
      continue;
    }
    if (!reader.Validate(doc.get(), path, kind, sink)) continue;
    SourceReader in(path);
    if (std::strcmp(kind, "framework") == 0) {
      library.frameworks.push_back(in.ReadFramework(node));
    } else if (std::strcmp(kind, "catalogue") == 0) {
      in.ReadCatalogue(node, library.catalogue);
    } else if (std::strcmp(kind, "document") == 0) {
      library.documents.push_back(in.ReadDocument(node));
    } else if (std::strcmp(kind, "roles") == 0) {
      in.ReadRoles(node, library);
    } else if (std::strcmp(kind, "compiled-documents") == 0) {
      in.ReadCompiled(node, library.compiled);
    } else if (std::strcmp(kind, "declarations") == 0) {
      for (const xmlNode* child : ChildElements(node)) {
        auto& into = IsElement(child, "fact") ? library.facts : library.parameters;
        into.push_back(in.ReadDeclaration(child));
      }
    } else {
      auto overrides = in.ReadOverrides(node);
      library.overrides.insert(library.overrides.end(), overrides.begin(), overrides.end());
    }
  }
  return library;
}

namespace {

/// Parses `path`, checks that its root is <root> and validates it against
/// schemas/<schema>.xsd; null after reporting when any of that fails.
XmlDocPtr ParseValidated(const XmlReader& reader, const std::string& path, const char* root_name,
                         const char* what, const char* schema, base::DiagnosticSink& sink) {
  XmlDocPtr doc = reader.Parse(path, sink);
  if (!doc) return nullptr;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || !IsElement(root, root_name)) {
    sink.Report(DiagKind::kUnknownRoot, SourceLoc{path, root ? LineOf(root) : 1, 0},
                std::string("expected a <") + root_name + "> root element in " + what);
    return nullptr;
  }
  if (!reader.Validate(doc.get(), path, schema, sink)) return nullptr;
  return doc;
}

}  // namespace

std::string ProfilePath(const base::FileSystem& fs, const std::string& path) {
  return fs.IsDirectory(path) ? base::JoinPath(path, "profile.xml") : path;
}

std::optional<model::ReleaseRecord> LoadReleaseRecord(const XmlReader& reader, const std::string& path,
                                                      base::DiagnosticSink& sink) {
  XmlDocPtr doc = ParseValidated(reader, path, "release-record", "a release record", "release", sink);
  if (!doc) return std::nullopt;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  SourceReader in(path);
  model::ReleaseRecord record;
  record.path = path;
  record.profile = AttributeOr(root, "profile", "");
  record.loc = in.Loc(root);
  for (const xmlNode* d : ChildElements(root, "document")) {
    model::ReleasedDocument released;
    released.id = AttributeOr(d, "id", "");
    released.title = AttributeOr(d, "title", "");
    released.version = AttributeOr(d, "version", "");
    released.hash = AttributeOr(d, "hash", "");
    released.control_hash = AttributeOr(d, "control", "");
    released.withdrawn = AttributeOr(d, "withdrawn", "");
    released.loc = in.Loc(d);
    for (const xmlNode* r : ChildElements(d, "revision")) {
      released.revisions.push_back({AttributeOr(r, "version", ""), AttributeOr(r, "date", ""),
                                    AttributeOr(r, "approver", ""), base::Trim(TextOf(r)), in.Loc(r)});
    }
    if (const xmlNode* f = FirstChild(d, "fingerprint")) released.fingerprint = TextOf(f);
    record.documents.push_back(std::move(released));
  }
  return record;
}

namespace {

/// <organisation>, <scope>, <sites>, <certification> and <libraries>.
void ReadOrganisation(const xmlNode* root, const SourceReader& in, const std::string& dir, model::Profile& p) {
  if (const xmlNode* org = FirstChild(root, "organisation")) {
    p.organisation.name = AttributeOr(org, "name", "");
    p.organisation.legal_name = AttributeOr(org, "legal-name", p.organisation.name);
    p.organisation.legal_form = AttributeOr(org, "legal-form", "");
    p.organisation.company_number = AttributeOr(org, "company-number", "");
    p.organisation.charity_number = AttributeOr(org, "charity-number", "");
    p.organisation.loc = in.Loc(org);
    p.organisation.registered_office = AttributeOr(org, "registered-office", "");
    p.organisation.ico_registration = AttributeOr(org, "ico-registration", "");
    p.organisation.sector = AttributeOr(org, "sector", "");
  }
  p.scope = in.ReadText(FirstChild(root, "scope"));
  if (const xmlNode* sites = FirstChild(root, "sites")) {
    for (const xmlNode* s : ChildElements(sites, "site")) {
      p.sites.push_back({AttributeOr(s, "id", ""), AttributeOr(s, "name", ""),
                         AttributeOr(s, "address", ""), AttributeOr(s, "in-scope", "true") == "true"});
    }
  }
  if (const xmlNode* c = FirstChild(root, "certification")) {
    p.certification = model::Certification{AttributeOr(c, "status", ""),      AttributeOr(c, "body", ""),
                                            AttributeOr(c, "certificate", ""), AttributeOr(c, "certified-on", ""),
                                            AttributeOr(c, "expires", ""),     AttributeOr(c, "target", ""),
                                            in.Loc(c)};
  }
  if (const xmlNode* libraries = FirstChild(root, "libraries")) {
    for (const xmlNode* l : ChildElements(libraries, "library")) {
      p.libraries.push_back(base::JoinPath(dir, AttributeOr(l, "path", "")));
    }
  }
}

/// <people>, <data-protection> and <contacts>.
void ReadPeople(const xmlNode* root, const SourceReader& in, model::Profile& p) {
  if (const xmlNode* people = FirstChild(root, "people")) {
    for (const xmlNode* node : ChildElements(people, "person")) {
      p.people.push_back({AttributeOr(node, "id", ""), AttributeOr(node, "name", ""),
                          AttributeOr(node, "job-title", ""), AttributeOr(node, "email", ""),
                          AttributeOr(node, "phone", ""), in.ListAttribute(node, "roles"),
                          in.ListAttribute(node, "deputy-for"), in.Loc(node)});
    }
  }
  p.data_protection_loc = p.loc;
  if (const xmlNode* dp = FirstChild(root, "data-protection")) {
    p.data_protection_loc = in.Loc(dp);
    for (const xmlNode* node : ChildElements(dp, "processing")) {
      p.processing.push_back({base::Trim(AttributeOr(node, "name", "")), AttributeOr(node, "role", ""),
                              base::Trim(AttributeOr(node, "controllers", "")),
                              base::Trim(AttributeOr(node, "notify-within", "")), in.Loc(node)});
    }
  }
  p.contacts_loc = p.loc;
  if (const xmlNode* contacts = FirstChild(root, "contacts")) {
    p.contacts_loc = in.Loc(contacts);
    for (const xmlNode* node : ChildElements(contacts, "contact")) {
      p.contacts.push_back({AttributeOr(node, "kind", ""), base::Trim(AttributeOr(node, "name", "")),
                            base::Trim(AttributeOr(node, "phone", "")), base::Trim(AttributeOr(node, "email", "")),
                            base::Trim(AttributeOr(node, "web", "")), base::Trim(AttributeOr(node, "reference", "")),
                            base::Trim(AttributeOr(node, "notes", "")), in.Loc(node)});
    }
  }
}

/// <requirements>, <frameworks> and the <soa> decisions.
void ReadSoa(const xmlNode* root, const SourceReader& in, model::Profile& p) {
  if (const xmlNode* requirements = FirstChild(root, "requirements")) {
    for (const xmlNode* node : ChildElements(requirements, "requirement")) {
      p.requirements.push_back({AttributeOr(node, "id", ""), AttributeOr(node, "kind", ""),
                                base::Trim(AttributeOr(node, "title", "")), in.ListAttribute(node, "controls"),
                                in.Loc(node)});
    }
  }
  p.frameworks_loc = p.loc;
  if (const xmlNode* frameworks = FirstChild(root, "frameworks")) {
    p.frameworks_loc = in.Loc(frameworks);
    p.frameworks.emplace();
    for (const xmlNode* node : ChildElements(frameworks, "framework")) {
      p.frameworks->push_back({AttributeOr(node, "id", ""), AttributeOr(node, "level", ""),
                               AttributeOr(node, "as", ""), in.Loc(node)});
    }
  }
  p.soa_loc = p.loc;
  if (const xmlNode* soa = FirstChild(root, "soa")) {
    p.soa_loc = in.Loc(soa);
    for (const xmlNode* node : ChildElements(soa)) {
      if (IsElement(node, "exclude")) {
        p.exclusions.push_back({AttributeOr(node, "control", ""),
                                base::Trim(AttributeOr(node, "reason", "")), in.Loc(node)});
      } else if (IsElement(node, "status")) {
        p.statuses.push_back({AttributeOr(node, "control", ""), AttributeOr(node, "value", ""),
                              AttributeOr(node, "date", ""),
                              base::Trim(AttributeOr(node, "reason", "")), in.Loc(node)});
      }
    }
  }
}

/// The registers: <assets>, <risks>, <objectives> and <nonconformities>.
void ReadRegisters(const xmlNode* root, const SourceReader& in, model::Profile& p) {
  auto rating = [](const xmlNode* node, const char* name) {
    return std::atoi(AttributeOr(node, name, "0").c_str());
  };
  if (const xmlNode* assets = FirstChild(root, "assets")) {
    for (const xmlNode* node : ChildElements(assets, "asset")) {
      p.assets.push_back({AttributeOr(node, "id", ""), AttributeOr(node, "name", ""), AttributeOr(node, "owner", ""),
                          AttributeOr(node, "classification", ""), AttributeOr(node, "location", ""),
                          rating(node, "confidentiality"), rating(node, "integrity"), rating(node, "availability"),
                          in.Loc(node)});
    }
  }
  if (const xmlNode* risks = FirstChild(root, "risks")) {
    for (const xmlNode* node : ChildElements(risks, "risk")) {
      model::Risk r;
      r.id = AttributeOr(node, "id", "");
      r.asset = AttributeOr(node, "asset", "");
      r.title = base::Trim(AttributeOr(node, "title", ""));
      r.threat = AttributeOr(node, "threat", "");
      r.vulnerability = AttributeOr(node, "vulnerability", "");
      r.likelihood = rating(node, "likelihood");
      r.impact = rating(node, "impact");
      r.owner = AttributeOr(node, "owner", "");
      r.treatment = AttributeOr(node, "treatment", "");
      r.treatment_owner = AttributeOr(node, "treatment-owner", "");
      r.controls = in.ListAttribute(node, "controls");
      r.action = AttributeOr(node, "action", "");
      r.residual_likelihood = rating(node, "residual-likelihood");
      r.residual_impact = rating(node, "residual-impact");
      r.due = AttributeOr(node, "due", "");
      r.done = AttributeOr(node, "done", "false") == "true";
      r.accepted_by = AttributeOr(node, "accepted-by", "");
      r.accepted_on = AttributeOr(node, "accepted-on", "");
      r.loc = in.Loc(node);
      p.risks.push_back(std::move(r));
    }
  }
  if (const xmlNode* objectives = FirstChild(root, "objectives")) {
    for (const xmlNode* node : ChildElements(objectives, "objective")) {
      p.objectives.push_back({AttributeOr(node, "id", ""), AttributeOr(node, "title", ""),
                              AttributeOr(node, "measure", ""), AttributeOr(node, "target", ""),
                              AttributeOr(node, "owner", ""), AttributeOr(node, "due", ""),
                              AttributeOr(node, "status", "on-track"), AttributeOr(node, "result", ""), in.Loc(node)});
    }
  }
  if (const xmlNode* ncs = FirstChild(root, "nonconformities")) {
    for (const xmlNode* node : ChildElements(ncs, "nonconformity")) {
      p.nonconformities.push_back({AttributeOr(node, "id", ""), AttributeOr(node, "raised", ""),
                                   AttributeOr(node, "source", ""), AttributeOr(node, "finding", ""),
                                   AttributeOr(node, "root-cause", ""), AttributeOr(node, "action", ""),
                                   AttributeOr(node, "owner", ""), AttributeOr(node, "due", ""),
                                   AttributeOr(node, "status", "open"), AttributeOr(node, "closed-on", ""), in.Loc(node)});
    }
  }
}

/// <document-control> and <branding>, with their checks.
void ReadControlAndBranding(const xmlNode* root, const SourceReader& in, const base::FileSystem& fs,
                            const std::string& dir, model::Profile& p, base::DiagnosticSink& sink) {
  if (const xmlNode* dc = FirstChild(root, "document-control")) {
    p.document_control.approver = AttributeOr(dc, "approver", "");
    p.document_control.approver_loc = in.Loc(dc);
    p.document_control.classification = AttributeOr(dc, "classification", "internal");
    for (const char* gone : {"approval-date", "version"}) {
      if (Attribute(dc, gone)) {
        sink.Report(DiagKind::kDeprecated, in.Loc(dc),
                    std::string("<document-control ") + gone +
                        "=...> is no longer used: versions and approval dates come from the release record "
                        "beside the profile, which 'policyc release' writes; remove the attribute");
      }
    }
  }
  if (const xmlNode* branding = FirstChild(root, "branding")) {
    p.branding.primary_colour = AttributeOr(branding, "primary-colour", p.branding.primary_colour);
    if (auto logo = Attribute(branding, "logo")) {
      p.branding.logo = base::JoinPath(dir, *logo);
      p.branding.logo_format = CheckLogo(fs, p.branding.logo, dir, in.Loc(branding), sink);
      if (p.branding.logo_format.empty()) p.branding.logo.clear();
    }
    p.branding.font = AttributeOr(branding, "font", "");
    if (!p.branding.font.empty() && !IsFontFamilyName(p.branding.font)) {
      sink.Report(DiagKind::kBadValue, in.Loc(branding),
                  "font '" + p.branding.font + "' is not the name of a font family; write the family's name "
                  "alone, in letters, digits, spaces and the characters - _ . +, e.g. font=\"Source Sans 3\"");
      p.branding.font.clear();
    }
  }
}

}  // namespace

std::optional<model::Profile> LoadProfile(const XmlReader& reader, const base::FileSystem& fs,
                                          const std::string& given, base::DiagnosticSink& sink) {
  const std::string path = ProfilePath(fs, given);
  XmlDocPtr doc = ParseValidated(reader, path, "profile", "an organisation profile", "profile", sink);
  if (!doc) return std::nullopt;
  const xmlNode* root = xmlDocGetRootElement(doc.get());

  SourceReader in(path);
  const std::string dir = base::DirName(path);
  model::Profile p;
  p.path = path;
  p.id = AttributeOr(root, "id", "");
  p.as_of = AttributeOr(root, "as-of", "");
  p.loc = in.Loc(root);
  ReadOrganisation(root, in, dir, p);
  auto read_settings = [&](const char* group, const char* item) {
    std::vector<model::Setting> out;
    if (const xmlNode* node = FirstChild(root, group)) {
      for (const xmlNode* s : ChildElements(node, item)) {
        model::Setting setting{AttributeOr(s, "name", ""), Attribute(s, "value"), {}, in.Loc(s)};
        for (const xmlNode* i : ChildElements(s, "item")) setting.items.push_back(base::Trim(TextOf(i)));
        out.push_back(std::move(setting));
      }
    }
    return out;
  };
  p.facts = read_settings("facts", "fact");
  p.parameters = read_settings("parameters", "parameter");
  ReadPeople(root, in, p);
  ReadSoa(root, in, p);
  ReadRegisters(root, in, p);
  ReadControlAndBranding(root, in, fs, dir, p, sink);
  if (const xmlNode* overrides = FirstChild(root, "overrides")) {
    p.overrides = in.ReadOverrides(overrides);
  }
  return p;
}

}  // namespace policyc::load
