// policyc-docgen: writes the reference documents of docs/reference/ from
// their single sources, so that they cannot drift from the code.
//
//   profile.md      from the xs:documentation annotations of the XSD files
//                   named on the command line (and the files they include)
//   diagnostics.md  from the diagnostic table (base::AllDiagKinds()), with
//                   an example line from the golden tests where one exists
//
// With --check it writes nothing and fails when the files in the output
// folder differ from what it would write; the docs.reference-current test
// runs it that way over the committed docs/reference/.
//
// The schemas are parsed with the same care as policyc's sources: no
// network, no DTD, no entity substitution.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "base/strings.h"

namespace policyc::tools {
namespace {

using base::DiagKind;
using base::SourceLoc;

constexpr const char* kXsNamespace = "http://www.w3.org/2001/XMLSchema";
constexpr int kUnbounded = -1;

/// Thrown for a schema construct this generator does not describe yet, so
/// that the reference is never silently incomplete.
struct Unsupported {
  SourceLoc loc;
  std::string message;
};

// ---------------------------------------------------------------------------
// Small helpers over libxml2's tree

std::string Name(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

bool IsXs(const xmlNode* node, const char* local = nullptr) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && node->ns != nullptr &&
         std::strcmp(reinterpret_cast<const char*>(node->ns->href), kXsNamespace) == 0 &&
         (local == nullptr || Name(node) == local);
}

std::vector<const xmlNode*> XsChildren(const xmlNode* node, const char* local = nullptr) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (IsXs(child, local)) out.push_back(child);
  }
  return out;
}

const xmlNode* XsChild(const xmlNode* node, const char* local) {
  auto children = XsChildren(node, local);
  return children.empty() ? nullptr : children.front();
}

std::optional<std::string> Attr(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

std::string AttrOr(const xmlNode* node, const char* name, const std::string& fallback = "") {
  return Attr(node, name).value_or(fallback);
}

/// Runs of white space (the indentation of annotations) become one space.
std::string Collapse(std::string_view text) { return base::Join(base::SplitWhitespace(text), " "); }

std::string TextOf(const xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  std::string out = content ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return out;
}

/// The xs:documentation of a declaration, as one paragraph.
std::string Documentation(const xmlNode* node) {
  std::vector<std::string> parts;
  if (const xmlNode* annotation = XsChild(node, "annotation")) {
    for (const xmlNode* doc : XsChildren(annotation, "documentation")) {
      parts.push_back(Collapse(TextOf(doc)));
    }
  }
  return base::Join(parts, " ");
}

/// Text for a Markdown table cell: no pipes, no line breaks.
std::string Cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string Code(const std::string& text) { return "`" + text + "`"; }
std::string Tag(const std::string& name) { return "`<" + name + ">`"; }

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// ---------------------------------------------------------------------------
// Loading the schema files

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

struct SchemaFile {
  std::string display_path;  ///< relative to the source folder, e.g. schemas/profile.xsd
  std::unique_ptr<xmlDoc, XmlDocDeleter> doc;
  std::string summary;  ///< the comment before <xs:schema>, if any
  bool listed = false;  ///< named on the command line (not only included)
};

struct ErrorCollector {
  std::string path;
  base::DiagnosticSink* sink;
  int count = 0;
};

void CollectError(void* context, xmlErrorPtr error) {
  auto* collector = static_cast<ErrorCollector*>(context);
  if (error == nullptr || error->level == XML_ERR_WARNING) return;
  if (collector->count++ > 0) return;  // the first error is the one to fix
  std::string message = error->message ? base::Trim(error->message) : "not well-formed XML";
  collector->sink->Report(DiagKind::kMalformedXml,
                          SourceLoc{collector->path, error->line, error->int2}, message);
}

void IgnoreGenericError(void*, const char*, ...) {}

/// Every XSD named on the command line, the files they include, and their
/// named declarations.
class SchemaSet {
 public:
  SchemaSet(const base::FileSystem& fs, std::string source_dir, base::DiagnosticSink& sink)
      : fs_(fs), source_dir_(std::move(source_dir)), sink_(sink) {}

  void Load(const std::string& path, bool listed) {
    std::error_code ec;
    const std::string canonical = std::filesystem::weakly_canonical(path, ec).string();
    for (SchemaFile& file : files_) {
      if (file.display_path == Display(canonical)) {
        file.listed = file.listed || listed;
        return;
      }
    }
    SchemaFile file;
    file.display_path = Display(canonical);
    file.listed = listed;
    std::string error;
    auto bytes = fs_.ReadFile(canonical, &error);
    if (!bytes) {
      sink_.Report(DiagKind::kIoError, SourceLoc{file.display_path}, error);
      return;
    }
    if (bytes->find("<!DOCTYPE") != std::string::npos ||
        bytes->find("<!ENTITY") != std::string::npos) {
      sink_.Report(DiagKind::kForbiddenDtd, SourceLoc{file.display_path},
                   "DOCTYPE and ENTITY declarations are not allowed in policyc schemas");
      return;
    }
    ErrorCollector collector{file.display_path, &sink_};
    xmlSetStructuredErrorFunc(&collector, CollectError);
    xmlSetGenericErrorFunc(nullptr, IgnoreGenericError);
    // No NOENT (entities stay unexpanded) and no DTDLOAD; NONET forbids the network.
    xmlDoc* doc = xmlReadMemory(bytes->data(), static_cast<int>(bytes->size()), canonical.c_str(),
                                "UTF-8", XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    file.doc.reset(doc);
    if (doc == nullptr || collector.count > 0) {
      if (collector.count == 0) {
        sink_.Report(DiagKind::kMalformedXml, SourceLoc{file.display_path}, "not well-formed XML");
      }
      return;
    }
    const xmlNode* root = xmlDocGetRootElement(doc);
    if (!IsXs(root, "schema")) {
      sink_.Report(DiagKind::kUnknownRoot, SourceLoc{file.display_path, LineOf(root), 0},
                   "the root element is not xs:schema");
      return;
    }
    for (const xmlNode* n = doc->children; n && n != root; n = n->next) {
      if (n->type == XML_COMMENT_NODE && file.summary.empty()) file.summary = Collapse(TextOf(n));
    }
    for (const xmlNode* child : XsChildren(root)) {
      const std::string kind = Name(child);
      const std::string name = AttrOr(child, "name");
      // The first definition of a name wins; schemas that define a type
      // twice (profile.xsd and release.xsd both have Date) define it alike.
      if (kind == "simpleType") simple_types_.emplace(name, child);
      if (kind == "complexType") complex_types_.emplace(name, child);
      if (kind == "element") {
        elements_.emplace(name, child);
        if (listed) roots_.push_back(child);
      }
    }
    std::vector<std::string> includes;
    for (const xmlNode* include : XsChildren(root, "include")) {
      includes.push_back(
          base::JoinPath(base::DirName(canonical), AttrOr(include, "schemaLocation")));
    }
    files_.push_back(std::move(file));
    for (const std::string& include : includes) Load(include, false);
  }

  const std::vector<SchemaFile>& files() const { return files_; }
  const std::vector<const xmlNode*>& roots() const { return roots_; }

  const xmlNode* SimpleType(const std::string& name) const { return Find(simple_types_, name); }
  const xmlNode* ComplexType(const std::string& name) const { return Find(complex_types_, name); }
  const xmlNode* Element(const std::string& name) const { return Find(elements_, name); }

  /// The file a node comes from, as shown in the reference.
  std::string FileOf(const xmlNode* node) const {
    for (const SchemaFile& file : files_) {
      if (file.doc.get() == node->doc) return file.display_path;
    }
    return "";
  }
  SourceLoc Loc(const xmlNode* node) const { return SourceLoc{FileOf(node), LineOf(node), 0}; }

  static int LineOf(const xmlNode* node) { return node ? static_cast<int>(xmlGetLineNo(node)) : 0; }

 private:
  static const xmlNode* Find(const std::map<std::string, const xmlNode*>& map,
                             const std::string& name) {
    auto it = map.find(name);
    return it == map.end() ? nullptr : it->second;
  }

  std::string Display(const std::string& canonical) const {
    std::error_code ec;
    auto root = std::filesystem::weakly_canonical(source_dir_, ec);
    auto relative = std::filesystem::relative(canonical, root, ec);
    if (ec || relative.empty() || relative.string().rfind("..", 0) == 0) return canonical;
    return relative.string();
  }

  const base::FileSystem& fs_;
  std::string source_dir_;
  base::DiagnosticSink& sink_;
  std::vector<SchemaFile> files_;
  std::map<std::string, const xmlNode*> simple_types_, complex_types_, elements_;
  std::vector<const xmlNode*> roots_;
};

// ---------------------------------------------------------------------------
// The content model of a complex type

struct Occurs {
  int min = 1;
  int max = 1;  ///< kUnbounded for "unbounded"
};

Occurs OccursOf(const xmlNode* node) {
  Occurs o;
  o.min = std::stoi(AttrOr(node, "minOccurs", "1"));
  const std::string max = AttrOr(node, "maxOccurs", "1");
  o.max = max == "unbounded" ? kUnbounded : std::stoi(max);
  return o;
}

Occurs Times(Occurs a, Occurs b) {
  return {a.min * b.min, a.max == kUnbounded || b.max == kUnbounded ? kUnbounded : a.max * b.max};
}

std::string HowMany(Occurs o) {
  if (o.min == 1 && o.max == 1) return "1";
  if (o.min == 0 && o.max == 1) return "optional";
  if (o.min == 0 && o.max == kUnbounded) return "any number";
  if (o.max == kUnbounded) return std::to_string(o.min) + " or more";
  if (o.min == o.max) return std::to_string(o.min);
  return std::to_string(o.min) + " to " + std::to_string(o.max);
}

/// One node of a content model: an element or a group of particles.
struct Particle {
  enum class Kind { kElement, kSequence, kChoice, kAll } kind;
  const xmlNode* node;  ///< the xs:element (after following ref=) or the group
  Occurs occurs;
  std::vector<Particle> children;
};

/// A complex type flattened: attributes, the content model (if any) and
/// the type of its text content (if any).
struct ContentModel {
  std::vector<const xmlNode*> attributes;
  std::optional<Particle> group;
  std::optional<std::string> text_type;  ///< for simple content: the base type
};

class Describer {
 public:
  explicit Describer(const SchemaSet& schemas) : schemas_(schemas) {}

  ContentModel Model(const xmlNode* complex_type) const {
    ContentModel model;
    AddModel(complex_type, model);
    return model;
  }

  /// The complex type of an element: its inline type, its named type, or null.
  const xmlNode* ComplexTypeOf(const xmlNode* element) const {
    if (const xmlNode* inline_type = XsChild(element, "complexType")) return inline_type;
    auto type = Attr(element, "type");
    if (!type || Builtin(element, *type)) return nullptr;
    return schemas_.ComplexType(LocalName(*type));
  }

  /// The name of an element's named complex type, or "".
  std::string NamedComplexType(const xmlNode* element) const {
    auto type = Attr(element, "type");
    if (!type || Builtin(element, *type) || !schemas_.ComplexType(LocalName(*type))) return "";
    return LocalName(*type);
  }

  /// What values a simple type allows, in words (Markdown). A named type is
  /// linked to its entry under "Value types", with its values when short.
  std::string SimpleType(const xmlNode* context, const std::string& qname) const {
    if (auto builtin = Builtin(context, qname)) return BuiltinWords(*builtin);
    const std::string name = LocalName(qname);
    const xmlNode* named = schemas_.SimpleType(name);
    if (named == nullptr) {
      throw Unsupported{schemas_.Loc(context), "unknown simple type '" + qname + "'"};
    }
    used_simple_types_.insert(name);
    std::string out = "[" + Code(name) + "](#" + ValueAnchor(name) + ")";
    const std::string brief = Brief(named);
    if (!brief.empty()) out += ": " + brief;
    return out;
  }

  /// A simple type's definition in words (for an inline xs:simpleType or
  /// the value types section).
  std::string Definition(const xmlNode* simple_type) const {
    if (const xmlNode* restriction = XsChild(simple_type, "restriction")) {
      return Restriction(restriction);
    }
    if (const xmlNode* list = XsChild(simple_type, "list")) {
      std::string item;
      if (auto item_type = Attr(list, "itemType"))
        item = SimpleType(list, *item_type);
      else if (const xmlNode* inline_item = XsChild(list, "simpleType"))
        item = Definition(inline_item);
      return "a space-separated list, each item " + item;
    }
    if (const xmlNode* u = XsChild(simple_type, "union")) {
      std::vector<std::string> members;
      for (const std::string& m : base::SplitWhitespace(AttrOr(u, "memberTypes"))) {
        members.push_back(SimpleType(u, m));
      }
      for (const xmlNode* inline_member : XsChildren(u, "simpleType")) {
        members.push_back(Definition(inline_member));
      }
      return base::Join(members, " or ");
    }
    throw Unsupported{schemas_.Loc(simple_type),
                      "a simple type that is neither a restriction, a list nor a union"};
  }

  /// The type of an attribute or of an element's text, in words.
  std::string TypeOf(const xmlNode* declaration) const {
    if (auto type = Attr(declaration, "type")) return SimpleType(declaration, *type);
    if (const xmlNode* inline_type = XsChild(declaration, "simpleType"))
      return Definition(inline_type);
    return "text";
  }

  const std::set<std::string>& used_simple_types() const { return used_simple_types_; }

  static std::string ValueAnchor(const std::string& name) { return "value-" + Lower(name); }

 private:
  /// The local name of a builtin XSD type, or nullopt for one of ours.
  static std::optional<std::string> Builtin(const xmlNode* context, const std::string& qname) {
    const size_t colon = qname.find(':');
    if (colon == std::string::npos) return std::nullopt;
    const std::string prefix = qname.substr(0, colon);
    xmlNs* ns = xmlSearchNs(context->doc, const_cast<xmlNode*>(context),
                            reinterpret_cast<const xmlChar*>(prefix.c_str()));
    if (ns == nullptr || std::strcmp(reinterpret_cast<const char*>(ns->href), kXsNamespace) != 0) {
      return std::nullopt;
    }
    return qname.substr(colon + 1);
  }

  static std::string LocalName(const std::string& qname) {
    const size_t colon = qname.find(':');
    return colon == std::string::npos ? qname : qname.substr(colon + 1);
  }

  static std::string BuiltinWords(const std::string& name) {
    static const std::map<std::string, std::string> kWords = {
        {"string", "text"},
        {"normalizedString", "text"},
        {"token", "text"},
        {"boolean", "`true` or `false`"},
        {"integer", "a whole number"},
        {"int", "a whole number"},
        {"positiveInteger", "a whole number, 1 or more"},
        {"nonNegativeInteger", "a whole number, 0 or more"},
        {"decimal", "a number"},
        {"date", "a date, YYYY-MM-DD"},
        {"dateTime", "a date and time, YYYY-MM-DDThh:mm:ss"},
        {"anyURI", "a URI"},
    };
    auto it = kWords.find(name);
    return it == kWords.end() ? Code("xs:" + name) : it->second;
  }

  /// For the attribute tables: the allowed values of a named type when they
  /// read better inline than behind a link (enumerations, ranges).
  std::string Brief(const xmlNode* simple_type) const {
    const xmlNode* restriction = XsChild(simple_type, "restriction");
    if (restriction == nullptr) return "";
    if (!XsChildren(restriction, "enumeration").empty()) return Restriction(restriction);
    if (XsChild(restriction, "minInclusive") || XsChild(restriction, "maxInclusive")) {
      return Restriction(restriction);
    }
    return "";
  }

  std::string Restriction(const xmlNode* restriction) const {
    std::vector<std::string> values;
    for (const xmlNode* e : XsChildren(restriction, "enumeration")) {
      values.push_back(Code(AttrOr(e, "value")));
    }
    if (!values.empty()) return "one of " + base::Join(values, ", ");
    std::string base;
    if (auto base_type = Attr(restriction, "base"))
      base = SimpleType(restriction, *base_type);
    else if (const xmlNode* inline_base = XsChild(restriction, "simpleType"))
      base = Definition(inline_base);
    std::vector<std::string> facets;
    auto facet = [&](const char* name) { return XsChild(restriction, name); };
    if (const xmlNode* p = facet("pattern"))
      facets.push_back("matching the pattern " + Code(AttrOr(p, "value")));
    const xmlNode* lo = facet("minInclusive");
    const xmlNode* hi = facet("maxInclusive");
    if (lo && hi)
      facets.push_back("from " + AttrOr(lo, "value") + " to " + AttrOr(hi, "value"));
    else if (lo)
      facets.push_back("at least " + AttrOr(lo, "value"));
    else if (hi)
      facets.push_back("at most " + AttrOr(hi, "value"));
    auto count = [&](const xmlNode* n) {
      const std::string value = AttrOr(n, "value");
      const std::string unit = IsList(restriction) ? " item" : " character";
      return value + unit + (value == "1" ? "" : "s");
    };
    if (const xmlNode* n = facet("length")) facets.push_back("exactly " + count(n));
    if (const xmlNode* n = facet("minLength")) facets.push_back("at least " + count(n));
    if (const xmlNode* n = facet("maxLength")) facets.push_back("at most " + count(n));
    if (facets.empty()) return base;
    return base + ", " + base::JoinEnglish(facets);
  }

  /// Whether a restriction restricts a list type (its length facets count items).
  bool IsList(const xmlNode* restriction) const {
    if (const xmlNode* inline_base = XsChild(restriction, "simpleType")) {
      return XsChild(inline_base, "list") != nullptr;
    }
    auto base = Attr(restriction, "base");
    if (!base || Builtin(restriction, *base)) return false;
    const xmlNode* named = schemas_.SimpleType(LocalName(*base));
    if (named == nullptr) return false;
    if (XsChild(named, "list")) return true;
    const xmlNode* inner = XsChild(named, "restriction");
    return inner != nullptr && IsList(inner);
  }

  void AddModel(const xmlNode* type, ContentModel& model) const {
    for (const xmlNode* child : XsChildren(type)) {
      const std::string kind = Name(child);
      if (kind == "annotation") continue;
      if (kind == "attribute") {
        model.attributes.push_back(child);
      } else if (kind == "sequence" || kind == "choice" || kind == "all") {
        model.group = Group(child);
      } else if (kind == "simpleContent" || kind == "complexContent") {
        const xmlNode* derivation = XsChild(child, "extension");
        if (derivation == nullptr) {
          throw Unsupported{schemas_.Loc(child), "xs:" + kind + " without xs:extension"};
        }
        const std::string base = AttrOr(derivation, "base");
        if (kind == "simpleContent") {
          model.text_type = SimpleType(derivation, base);
        } else if (const xmlNode* base_type = schemas_.ComplexType(LocalName(base))) {
          AddModel(base_type, model);
        } else {
          throw Unsupported{schemas_.Loc(derivation), "unknown base type '" + base + "'"};
        }
        AddModel(derivation, model);
      } else {
        throw Unsupported{
            schemas_.Loc(child),
            "xs:" + kind + " is not described by policyc-docgen; extend compiler/tools/docgen.cc"};
      }
    }
  }

  Particle Group(const xmlNode* node) const {
    const std::string kind = Name(node);
    Particle p{kind == "sequence" ? Particle::Kind::kSequence
               : kind == "choice" ? Particle::Kind::kChoice
                                  : Particle::Kind::kAll,
               node,
               OccursOf(node),
               {}};
    for (const xmlNode* child : XsChildren(node)) {
      const std::string child_kind = Name(child);
      if (child_kind == "annotation") continue;
      if (child_kind == "element") {
        const xmlNode* element = child;
        if (auto ref = Attr(child, "ref")) {
          element = schemas_.Element(LocalName(*ref));
          if (element == nullptr)
            throw Unsupported{schemas_.Loc(child), "unknown element '" + *ref + "'"};
        }
        p.children.push_back(Particle{Particle::Kind::kElement, element, OccursOf(child), {}});
      } else if (child_kind == "sequence" || child_kind == "choice" || child_kind == "all") {
        p.children.push_back(Group(child));
      } else {
        throw Unsupported{
            schemas_.Loc(child),
            "xs:" + child_kind +
                " is not described by policyc-docgen; extend compiler/tools/docgen.cc"};
      }
    }
    return p;
  }

  const SchemaSet& schemas_;
  mutable std::set<std::string> used_simple_types_;
};

// ---------------------------------------------------------------------------
// profile.md

/// One element as it appears in the reference: where it goes and how often.
struct ElementEntry {
  const xmlNode* node;  ///< the xs:element, or the xs:complexType of a shared type
  std::string path;     ///< profile/risks/risk, or Statement/text inside a shared type
  std::string anchor;
  std::string how_many;     ///< in the parent, e.g. "1 or more"
  std::string parent_link;  ///< Markdown: "[`<risks>`](#profile-risks)"
};

class SchemaReference {
 public:
  explicit SchemaReference(const SchemaSet& schemas) : schemas_(schemas), describe_(schemas) {}

  std::string Render() {
    CountTypeUses();
    std::string body;
    std::string contents;
    for (const xmlNode* root : schemas_.roots()) {
      const std::string name = AttrOr(root, "name");
      const ElementEntry entry{root, name, Lower(name), "1", ""};
      contents += "- [" + Tag(name) + "](#" + entry.anchor + ")\n";
      body += "<a id=\"" + entry.anchor + "\"></a>\n\n## " + Tag(name) + "\n\n";
      const std::string summary = FileSummary(root);
      if (!summary.empty()) body += summary + "\n\n";
      body += "The root element of the file; schema " + Code(schemas_.FileOf(root)) + ".\n\n";
      body += ElementBody(entry, /*is_root=*/true);
      body += Descendants(entry, "###", contents, "  ");
    }
    std::string types;
    if (!shared_.empty()) {
      contents += "- [Shared types](#shared-types)\n";
      types +=
          "<a id=\"shared-types\"></a>\n\n## Shared types\n\n"
          "These types are used in more than one place, or inside themselves, so they are "
          "described once here. The path of an element inside a shared type starts with "
          "the type's name.\n\n";
      for (const std::string& name : shared_order_) {
        const xmlNode* type = schemas_.ComplexType(name);
        const std::string anchor = TypeAnchor(name);
        contents += "  - [" + Code(name) + "](#" + anchor + ")\n";
        types += "<a id=\"" + anchor + "\"></a>\n\n### " + Code(name) + "\n\n";
        types += "Used by: " + UsedBy(name) + ". Schema: " + Code(schemas_.FileOf(type)) + ".\n\n";
        const std::string doc = Documentation(type);
        if (!doc.empty()) types += doc + "\n\n";
        const ElementEntry entry{type, name, anchor, "1", ""};
        types += TypeBody(type, entry);
        types += Descendants(entry, "####", contents, "    ");
      }
    }
    std::string values = ValueTypes(contents);

    std::string out;
    out += "<!-- Generated by policyc-docgen from ";
    std::vector<std::string> sources;
    for (const SchemaFile& file : schemas_.files()) sources.push_back(file.display_path);
    out += base::Join(sources, ", ");
    out +=
        ". Do not edit: change the xs:documentation annotations in the schemas and run "
        "scripts/update-docs.sh. -->\n\n";
    out += "# Profile reference\n\n";
    out +=
        "An organisation profile is one XML file, usually `examples/<org-id>/profile.xml` or "
        "a folder of your own holding `profile.xml`. It says who the organisation is, which "
        "facts hold for it, who holds which role, the values of the library's parameters, the "
        "Statement of Applicability decisions, the asset and risk registers, objectives, "
        "nonconformities, document control and branding. `policyc init DIR` writes a new one "
        "to fill in.\n\n";
    out +=
        "The file is checked against the XSD schemas in `schemas/` before anything else "
        "happens. An XML editor that knows XSD (for example VS Code with the Red Hat XML "
        "extension, or oXygen) completes and validates the file as you type once you associate "
        "it with `schemas/profile.xsd`, and `policyc check "
        "PROFILE` reports every problem as `file:line: error: ... [load.schema-violation]`. "
        "Where a table says \"in this order\", the elements must come in that order; "
        "attributes may come in any order.\n\n";
    if (schemas_.roots().size() > 1) {
      std::vector<std::string> others;
      for (size_t i = 1; i < schemas_.roots().size(); ++i) {
        const std::string name = AttrOr(schemas_.roots()[i], "name");
        others.push_back("[" + Tag(name) + "](#" + Lower(name) + ")");
      }
      out += others.size() == 1 ? "This page also describes the root element of another file: "
                                : "This page also describes the root elements of other files: ";
      out += base::JoinEnglish(others) + ".\n\n";
    }
    out +=
        "This page is generated from the annotations in the schemas, so it always matches "
        "what `policyc` accepts. For each element it gives its path from the root, how many "
        "times it may appear, its attributes (with their type, whether they are required and "
        "their default) and what it contains. The facts and parameters you can set depend on "
        "the libraries: list them with `policyc list facts PROFILE` and `policyc list "
        "parameters PROFILE`. The meaning of each diagnostic is in "
        "[diagnostics.md](diagnostics.md).\n\n";
    out += "## Contents\n\n" + contents + "\n";
    out += body + types + values;
    while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
      out.pop_back();
    return out;
  }

 private:
  static std::string ChildAnchor(const std::string& parent_anchor, const std::string& name) {
    return parent_anchor + "-" + Lower(name);
  }
  static std::string TypeAnchor(const std::string& name) { return "type-" + Lower(name); }

  std::string FileSummary(const xmlNode* root) const {
    for (const SchemaFile& file : schemas_.files()) {
      if (file.doc.get() == root->doc) return file.summary;
    }
    return "";
  }

  /// Walks the tree from the roots once to find the named complex types
  /// used in more than one place or inside themselves.
  void CountTypeUses() {
    std::vector<std::string> stack;
    std::set<std::string> walked;
    std::function<void(const xmlNode*, const std::string&)> walk = [&](const xmlNode* type,
                                                                       const std::string& path) {
      ContentModel model = describe_.Model(type);
      if (!model.group) return;
      std::function<void(const Particle&)> visit = [&](const Particle& p) {
        if (p.kind != Particle::Kind::kElement) {
          for (const Particle& c : p.children) visit(c);
          return;
        }
        const std::string child_path = path + "/" + AttrOr(p.node, "name");
        const std::string named = describe_.NamedComplexType(p.node);
        if (named.empty()) {
          if (const xmlNode* inline_type = XsChild(p.node, "complexType"))
            walk(inline_type, child_path);
          return;
        }
        uses_[named].push_back(child_path);
        if (std::find(stack.begin(), stack.end(), named) != stack.end()) {
          recursive_.insert(named);
          return;
        }
        if (!walked.insert(named).second) return;
        stack.push_back(named);
        walk(schemas_.ComplexType(named), child_path);
        stack.pop_back();
      };
      visit(*model.group);
    };
    for (const xmlNode* root : schemas_.roots()) {
      const std::string name = AttrOr(root, "name");
      const std::string named = describe_.NamedComplexType(root);
      if (!named.empty()) uses_[named].push_back(name);
      if (const xmlNode* type = describe_.ComplexTypeOf(root)) {
        if (!named.empty()) {
          walked.insert(named);
          stack.push_back(named);
        }
        walk(type, name);
        stack.clear();
      }
    }
    // Shared types in the order they are first met.
    std::function<void(const xmlNode*, std::set<const xmlNode*>&)> order =
        [&](const xmlNode* type, std::set<const xmlNode*>& seen) {
          if (!seen.insert(type).second) return;
          ContentModel model = describe_.Model(type);
          if (!model.group) return;
          std::function<void(const Particle&)> visit = [&](const Particle& p) {
            if (p.kind != Particle::Kind::kElement) {
              for (const Particle& c : p.children) visit(c);
              return;
            }
            const std::string named = describe_.NamedComplexType(p.node);
            if (!named.empty() && IsShared(named) && shared_.insert(named).second) {
              shared_order_.push_back(named);
            }
            if (const xmlNode* t = describe_.ComplexTypeOf(p.node)) order(t, seen);
          };
          visit(*model.group);
        };
    std::set<const xmlNode*> seen;
    for (const xmlNode* root : schemas_.roots()) {
      if (const xmlNode* type = describe_.ComplexTypeOf(root)) order(type, seen);
    }
  }

  /// An element's documentation, or else that of its named type.
  std::string ElementDoc(const xmlNode* element) const {
    std::string doc = Documentation(element);
    if (doc.empty()) {
      if (const xmlNode* type = describe_.ComplexTypeOf(element)) doc = Documentation(type);
    }
    return doc;
  }

  bool IsShared(const std::string& type) const {
    auto it = uses_.find(type);
    return recursive_.count(type) > 0 || (it != uses_.end() && it->second.size() > 1);
  }

  std::string UsedBy(const std::string& type) const {
    std::vector<std::string> paths;
    auto it = uses_.find(type);
    if (it != uses_.end()) {
      for (const std::string& p : it->second) paths.push_back(Code(p));
    }
    return base::JoinEnglish(paths);
  }

  /// The entry for one element: where it goes, what it means, attributes
  /// and content.
  std::string ElementBody(const ElementEntry& entry, bool is_root) {
    std::string out;
    if (!is_root) {
      out += "Path: " + Code(entry.path) + " — " + HowManyIn(entry) + ".\n\n";
    }
    const std::string doc = Documentation(entry.node);
    if (!doc.empty()) out += doc + "\n\n";
    const std::string named = describe_.NamedComplexType(entry.node);
    if (!named.empty() && shared_.count(named)) {
      out += "Its attributes and content are those of the shared type [" + Code(named) + "](#" +
             TypeAnchor(named) + ").\n\n";
      return out;
    }
    if (const xmlNode* type = describe_.ComplexTypeOf(entry.node)) {
      if (!named.empty()) {
        const std::string type_doc = Documentation(type);
        if (!type_doc.empty() && type_doc != doc) out += type_doc + "\n\n";
      }
      return out + TypeBody(type, entry);
    }
    return out + "Content: " + describe_.TypeOf(entry.node) + ".\n\n";
  }

  std::string HowManyIn(const ElementEntry& entry) const {
    const std::string how = entry.how_many == "1" ? "exactly one" : entry.how_many;
    return how + " in " + entry.parent_link;
  }

  std::string TypeBody(const xmlNode* type, const ElementEntry& entry) {
    ContentModel model = describe_.Model(type);
    std::string out;
    if (!model.attributes.empty()) {
      out += "| attribute | type | required | default | meaning |\n|---|---|---|---|---|\n";
      for (const xmlNode* a : model.attributes) {
        const std::string use = AttrOr(a, "use", "optional");
        std::string def = Attr(a, "default") ? Code(*Attr(a, "default")) : "";
        if (auto fixed = Attr(a, "fixed")) def = Code(*fixed) + " (fixed)";
        const std::string doc = Documentation(a);
        out += "| " + Code(AttrOr(a, "name")) + " | " + Cell(describe_.TypeOf(a)) + " | " +
               (use == "required" ? "required" : "optional") + " | " + Cell(def) + " | " +
               Cell(doc) + " |\n";
      }
      out += "\n";
    }
    if (model.text_type) out += "Text content: " + *model.text_type + ".\n\n";
    if (model.group) {
      out += ContentTable(*model.group, entry);
    } else if (!model.text_type) {
      out +=
          model.attributes.empty() ? "An empty element.\n\n" : "No content: attributes only.\n\n";
    }
    return out;
  }

  std::string ContentTable(const Particle& group, const ElementEntry& parent) {
    std::string lead;
    switch (group.kind) {
      case Particle::Kind::kSequence:
        lead = "Contains, in this order:";
        break;
      case Particle::Kind::kAll:
        lead = "Contains, in any order:";
        break;
      case Particle::Kind::kChoice:
        if (group.occurs.max == 1)
          lead = group.occurs.min == 0 ? "May contain one of:" : "Contains one of:";
        else if (group.occurs.min == 0)
          lead = "Contains any number of these, in any order:";
        else
          lead = "Contains one or more of these, in any order:";
        break;
      case Particle::Kind::kElement:
        break;
    }
    std::string out = lead + "\n\n| element | how many | meaning |\n|---|---|---|\n";
    for (const Row& row : Rows(group, /*top=*/true)) {
      const std::string name = AttrOr(row.element->node, "name");
      out += "| [" + Tag(name) + "](#" + ChildAnchor(parent.anchor, name) + ") | " +
             Cell(row.how_many) + " | " + Cell(base::FirstSentence(ElementDoc(row.element->node))) +
             " |\n";
    }
    return out + "\n";
  }

  struct Row {
    const Particle* element;
    std::string how_many;
  };

  /// The elements of a content model with how often each may appear,
  /// nested groups folded in.
  std::vector<Row> Rows(const Particle& group, bool top) {
    std::vector<Row> rows;
    for (const Particle& p : group.children) {
      if (p.kind != Particle::Kind::kElement) {
        for (const Row& r : Rows(p, false)) rows.push_back(r);
        continue;
      }
      std::vector<std::string> others;
      for (const Particle& q : group.children) {
        if (q.kind == Particle::Kind::kElement && &q != &p)
          others.push_back(Tag(AttrOr(q.node, "name")));
      }
      const bool choice = group.kind == Particle::Kind::kChoice;
      const bool repeating = group.occurs.max != 1;
      std::string how;
      if (top) {
        // The lead sentence of the table says how the group repeats.
        how = choice && repeating && p.occurs.max == 1 ? "any number" : HowMany(p.occurs);
      } else if (choice && repeating) {
        how = "any number";
        if (!others.empty()) how += ", mixed in any order with " + base::JoinEnglish(others);
      } else {
        how = HowMany(Times(p.occurs, group.occurs));
        if (choice && !others.empty()) how += ", or instead " + base::JoinEnglish(others);
      }
      rows.push_back({&p, how});
    }
    return rows;
  }

  /// Entries for every element below `parent`, depth first, and their
  /// lines in the contents.
  std::string Descendants(const ElementEntry& parent, const std::string& heading,
                          std::string& contents, const std::string& indent) {
    const xmlNode* type = parent.node && IsXs(parent.node, "complexType")
                              ? parent.node
                              : describe_.ComplexTypeOf(parent.node);
    if (type == nullptr) return "";
    const std::string named =
        IsXs(parent.node, "element") ? describe_.NamedComplexType(parent.node) : "";
    if (!named.empty() && shared_.count(named)) return "";
    ContentModel model = describe_.Model(type);
    if (!model.group) return "";
    std::string out;
    for (const Row& row : Rows(*model.group, true)) {
      const std::string name = AttrOr(row.element->node, "name");
      const std::string parent_link =
          IsXs(parent.node, "complexType")
              ? "the type [" + Code(parent.path) + "](#" + parent.anchor + ")"
              : "[" + Tag(AttrOr(parent.node, "name")) + "](#" + parent.anchor + ")";
      const ElementEntry entry{row.element->node, parent.path + "/" + name,
                               ChildAnchor(parent.anchor, name), row.how_many, parent_link};
      const std::string child_named = describe_.NamedComplexType(entry.node);
      const bool shared = !child_named.empty() && shared_.count(child_named);
      contents +=
          indent + "- [" + Tag(name) + "](#" + entry.anchor + ")" +
          (shared ? " (type [" + Code(child_named) + "](#" + TypeAnchor(child_named) + "))" : "") +
          "\n";
      out += "<a id=\"" + entry.anchor + "\"></a>\n\n" + heading + " " + Tag(name) + "\n\n";
      out += ElementBody(entry, false);
      out += Descendants(entry, heading, contents, indent + "  ");
    }
    return out;
  }

  /// The named simple types met so far, with their definitions.
  std::string ValueTypes(std::string& contents) {
    // Describing a type may use further named types; repeat until none is new.
    std::map<std::string, std::string> definitions;
    for (bool grew = true; grew;) {
      grew = false;
      const std::set<std::string> used = describe_.used_simple_types();
      for (const std::string& name : used) {
        if (definitions.count(name)) continue;
        definitions[name] = describe_.Definition(schemas_.SimpleType(name));
        grew = true;
      }
    }
    if (definitions.empty()) return "";
    contents += "- [Value types](#value-types)\n";
    std::string out =
        "<a id=\"value-types\"></a>\n\n## Value types\n\n"
        "The named types of attribute values used above.\n\n";
    for (const auto& [name, definition] : definitions) {
      const xmlNode* type = schemas_.SimpleType(name);
      out += "<a id=\"" + Describer::ValueAnchor(name) + "\"></a>\n\n### " + Code(name) + "\n\n";
      const std::string doc = Documentation(type);
      if (!doc.empty()) out += doc + "\n\n";
      out += "Allowed values: " + definition + ". Schema: " + Code(schemas_.FileOf(type)) + ".\n\n";
    }
    return out;
  }

  const SchemaSet& schemas_;
  Describer describe_;
  std::map<std::string, std::vector<std::string>> uses_;
  std::set<std::string> recursive_;
  std::set<std::string> shared_;
  std::vector<std::string> shared_order_;
};

// ---------------------------------------------------------------------------
// diagnostics.md

struct Stage {
  std::string_view prefix;
  std::string_view title;
  std::string_view description;
};

/// Stages in pipeline order. A code whose prefix is not listed here still
/// appears, under its prefix, at the end.
constexpr Stage kStages[] = {
    {"load", "Loading the sources",
     "Reading each source file, parsing it as XML with a safe parser (no network, no DTD, size "
     "and depth limits) and validating it against its schema in `schemas/`. A file with a load "
     "error is not used further, so fix these first."},
    {"resolve", "Resolving library and profile",
     "Merging the library layers and applying overrides, binding facts and parameters, "
     "evaluating conditions, expanding `{{variables}}` and cross-references, binding roles to "
     "people, and every consistency check: coverage of clauses and Annex A controls, the "
     "Statement of Applicability, risks, objectives and corrective actions."},
    {"release", "Releases",
     "The release record beside a profile (`<profile-stem>.release.xml`, written by "
     "`policyc release`): document versions, approval and review dates."},
    {"diff", "Comparing packs", "Reading the two sides given to `policyc diff`."},
    {"import", "Importing a client's edits",
     "`policyc import` reading a client's edited DOCX back as profile changes. A file that cannot "
     "be read, or is not of this profile's pack, is an error that exits with code 2 and leaves the "
     "profile untouched; what the client changed that cannot become a profile change as it stands "
     "is a warning naming what to do instead."},
    {"lint", "Lint: the library's writing",
     "`policyc lint` checks how the library is written, whatever a profile's facts: wording an "
     "auditor cannot check, spelling that is not UK English, unused declarations, duplicates, "
     "statements without a control, a role or evidence, and the editorial slips that make a pack "
     "look generated once values are substituted (a count of one, a word doubled by a unit or a "
     "name, the possessive of a name, a metric target without its period). Given a profile, it "
     "also checks the organisation's own names. Every lint diagnostic is a warning; `--werror` "
     "makes lint a gate."},
    {"cli", "The command line",
     "A command line that cannot be run as given, or a data folder policyc cannot find. Like every "
     "other problem these are diagnostics, counted in the summary; they exit with code 2."},
    {"render", "Rendering", "Turning the resolved pack into pages with the templates under `templates/`."},
    {"emit", "Writing the pack",
     "Writing the pack: HTML in-process; DOCX, PDF and PPTX through Pandoc and WeasyPrint. "
     "These are problems of the environment, not of the sources: they exit with code 2 unless "
     "the sources have errors too."},
    {"base", "Reporting", "Diagnostics about the diagnostics themselves."},
};

std::string_view SeverityName(base::Severity s) {
  switch (s) {
    case base::Severity::kNote:
      return "note";
    case base::Severity::kWarning:
      return "warning";
    case base::Severity::kError:
      return "error";
  }
  return "error";
}

/// "note", or "note (--verbose)" for a detail, which only --verbose prints;
/// "error (exit 2)" for an error of the command line or the environment.
std::string Severity(const base::DiagKindInfo& info) {
  const bool exit_two = info.severity == base::Severity::kError && info.category != base::Category::kSource;
  return std::string(SeverityName(info.severity)) + (info.detail ? " (--verbose)" : "") +
         (exit_two ? " (exit 2)" : "");
}

std::string CodeAnchor(std::string_view code) {
  std::string out = "code-";
  for (char c : code) out += c == '.' ? '-' : c;
  return out;
}

/// An example of one diagnostic code: the first line that reports it in a
/// golden test's expected stderr, with the notes that follow it.
struct Example {
  std::string golden_case;
  std::string lines;
};

std::map<std::string, Example> GoldenExamples(const base::FileSystem& fs,
                                              const std::string& golden_dir,
                                              const std::string& display_dir) {
  std::map<std::string, Example> examples;
  if (golden_dir.empty()) return examples;
  std::map<std::string, Example> by_name;  // from a case named after the code
  for (const std::string& path : fs.ListFiles(golden_dir, "/expected_stderr")) {
    std::string error;
    auto text = fs.ReadFile(path, &error);
    if (!text) continue;
    const std::string case_dir = base::DirName(path);
    const std::string case_name = std::filesystem::path(case_dir).filename().string();
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < text->size()) {
      size_t end = text->find('\n', start);
      if (end == std::string::npos) end = text->size();
      lines.push_back(text->substr(start, end - start));
      start = end + 1;
    }
    for (size_t i = 0; i < lines.size(); ++i) {
      const std::string& line = lines[i];
      if (line.empty() || line.back() != ']') continue;
      const size_t open = line.rfind(" [");
      if (open == std::string::npos) continue;
      const std::string code = line.substr(open + 2, line.size() - open - 3);
      Example example{display_dir + "/" + case_name, line + "\n"};
      for (size_t j = i + 1; j < lines.size() && lines[j].find(": note: ") != std::string::npos;
           ++j) {
        example.lines += lines[j] + "\n";
      }
      const size_t dot = code.find('.');
      const std::string short_name = dot == std::string::npos ? code : code.substr(dot + 1);
      const size_t case_dot = case_name.find('.');
      const std::string case_short =
          case_dot == std::string::npos ? case_name : case_name.substr(case_dot + 1);
      if (case_short == short_name && !by_name.count(code)) by_name[code] = example;
      if (!examples.count(code)) examples[code] = example;
    }
  }
  for (auto& [code, example] : by_name) examples[code] = example;
  return examples;
}

std::string DiagnosticReference(const std::map<std::string, Example>& examples) {
  std::string out =
      "<!-- Generated by policyc-docgen from the diagnostic table in compiler/base/diagnostic.cc "
      "and the golden tests in tests/golden/. Do not edit: change the table and run "
      "scripts/update-docs.sh. -->\n\n"
      "# Diagnostic reference\n\n"
      "policyc reports every problem it finds as a diagnostic and keeps going, so that one run "
      "shows as many problems as it can. Diagnostics go to stderr, one per line, in the form "
      "GCC uses, which editors and CI annotators understand:\n\n"
      "    FILE:LINE:COLUMN: SEVERITY: MESSAGE [CODE]\n\n"
      "for example\n\n";
  base::Diagnostic sample{
      DiagKind::kUnknownParameter,
      base::Severity::kError,
      SourceLoc{"examples/acme/profile.xml", 42, 7},
      "unknown parameter 'pasword_min_length'; did you mean 'password_min_length'?",
      {}};
  out += "    " + base::FormatDiagnostic(sample) + "\n";
  out +=
      "- `FILE:LINE:COLUMN` is where the problem is. The column, or the line, is left out when it "
      "is not known, and a problem that belongs to no file starts with `policyc:`.\n"
      "- `SEVERITY` is `error` (nothing is written; fix it), `warning` (the pack is still "
      "written; `--werror` turns every warning into an error) or `note` (information; a note "
      "marked *(--verbose)* below is printed only by `check`, `build` or `lint` with `--verbose`).\n"
      "- `MESSAGE` says what is wrong and, wherever it can, how to fix it.\n"
      "- `CODE` is stable: it never changes once released, so scripts and CI may match on it. "
      "It is the heading under which the diagnostic is explained below.\n\n"
      "A diagnostic may be followed by note lines that point at a related place, such as the "
      "first definition of a duplicate id:\n\n"
      "    FILE:LINE: note: MESSAGE\n\n"
      "After 20 diagnostics of one code, further ones are counted rather than shown "
      "(`base.too-many`). The run ends with a summary line such as `policyc: 1 error, 0 "
      "warnings`.\n\n"
      "## Exit codes\n\n"
      "| code | meaning |\n|---|---|\n"
      "| 0 | success; warnings may have been printed (for `policyc diff`: the two sides are "
      "equal) |\n"
      "| 1 | the sources have errors and nothing was written (for `policyc diff`: the two sides "
      "differ); 1 wins when errors of both kinds were reported |\n"
      "| 2 | usage or environment problem: a bad option, an output folder that cannot be "
      "written, Pandoc or WeasyPrint missing, too old, failing or hanging (HTML is still "
      "built); the codes marked *(exit 2)* below (for `policyc diff`: any error) |\n"
      "| 130 | interrupted (Ctrl-C or SIGTERM): running conversions are ended and the previous "
      "pack is left as it was |\n\n";

  std::map<std::string, std::vector<const base::DiagKindInfo*>> by_stage;
  std::vector<std::string> order;
  for (const Stage& stage : kStages) order.emplace_back(stage.prefix);
  for (const base::DiagKindInfo& info : base::AllDiagKinds()) {
    const std::string prefix(info.code.substr(0, info.code.find('.')));
    if (std::find(order.begin(), order.end(), prefix) == order.end()) order.push_back(prefix);
    by_stage[prefix].push_back(&info);
  }

  out += "## Codes by stage\n\n";
  for (const std::string& prefix : order) {
    if (!by_stage.count(prefix)) continue;
    std::string title = Code(prefix);
    for (const Stage& stage : kStages) {
      if (stage.prefix == prefix) title = std::string(stage.title);
    }
    out += "- [" + title + "](#stage-" + prefix + "): " + std::to_string(by_stage[prefix].size()) +
           (by_stage[prefix].size() == 1 ? " code" : " codes") + "\n";
  }
  out += "\n";

  for (const std::string& prefix : order) {
    if (!by_stage.count(prefix)) continue;
    std::string title = Code(prefix) + " diagnostics";
    std::string description;
    for (const Stage& stage : kStages) {
      if (stage.prefix == prefix) {
        title = std::string(stage.title) + " (" + Code(prefix + ".*") + ")";
        description = stage.description;
      }
    }
    out += "<a id=\"stage-" + prefix + "\"></a>\n\n## " + title + "\n\n";
    if (!description.empty()) out += description + "\n\n";
    out += "| code | severity | meaning |\n|---|---|---|\n";
    for (const base::DiagKindInfo* info : by_stage[prefix]) {
      out += "| [" + Code(std::string(info->code)) + "](#" + CodeAnchor(info->code) + ") | " +
             Severity(*info) + " | " + Cell(std::string(info->summary)) +
             " |\n";
    }
    out += "\n";
    for (const base::DiagKindInfo* info : by_stage[prefix]) {
      const std::string code(info->code);
      out += "<a id=\"" + CodeAnchor(code) + "\"></a>\n\n### " + Code(code) + "\n\n";
      const std::string summary = base::CapitaliseFirst(std::string(info->summary));
      out += "**" + Severity(*info) + "**: " + summary + ".\n\n";
      auto example = examples.find(code);
      if (example != examples.end()) {
        out += "Example, from " + Code(example->second.golden_case) + ":\n\n```text\n" +
               example->second.lines + "```\n\n";
      }
    }
  }
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
    out.pop_back();
  return out;
}

// ---------------------------------------------------------------------------
// The command line

/// The facts and roles of the shipped library, which a profile sets and
/// assigns: read from policies/declarations.xml and policies/roles.xml (no
/// validation here; policyc lint and the tests check those files).
std::string LibraryReference(const base::FileSystem& fs, const std::string& source_dir, base::DiagnosticSink& sink) {
  auto parse = [&](const std::string& relative) -> std::unique_ptr<xmlDoc, XmlDocDeleter> {
    std::string error;
    auto bytes = fs.ReadFile(base::JoinPath(source_dir, relative), &error);
    if (!bytes) {
      sink.Report(DiagKind::kIoError, SourceLoc{relative}, error);
      return nullptr;
    }
    ErrorCollector collector{relative, &sink};
    xmlSetStructuredErrorFunc(&collector, CollectError);
    xmlDoc* doc = xmlReadMemory(bytes->data(), static_cast<int>(bytes->size()), relative.c_str(), "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    if (doc == nullptr && collector.count == 0) sink.Report(DiagKind::kMalformedXml, SourceLoc{relative}, "not well-formed XML");
    return std::unique_ptr<xmlDoc, XmlDocDeleter>(doc);
  };
  auto elements = [](const xmlNode* parent, const char* name) {
    std::vector<const xmlNode*> out;
    for (const xmlNode* n = parent ? parent->children : nullptr; n; n = n->next) {
      if (n->type == XML_ELEMENT_NODE && Name(n) == name) out.push_back(n);
    }
    return out;
  };
  auto child_text = [&](const xmlNode* node, const char* name) {
    auto found = elements(node, name);
    return found.empty() ? std::string() : Collapse(TextOf(found.front()));
  };
  std::string out =
      "## Facts and roles of the shipped library\n\n"
      "A profile sets these facts under `<facts>` (except `certification` and `legal_form`, which "
      "`<certification>` and `<organisation legal-form>` set) and gives these roles to people under "
      "`<people>`. A house library may declare more; `policyc list facts` and `policyc list roles` show "
      "those of a profile's own libraries.\n\n"
      "### Facts\n\n| fact | type | default | meaning |\n|---|---|---|---|\n";
  if (auto doc = parse("policies/declarations.xml")) {
    for (const xmlNode* fact : elements(xmlDocGetRootElement(doc.get()), "fact")) {
      std::string type = AttrOr(fact, "type");
      if (type == "enum") type = "one of " + base::Join(base::SplitWhitespace(AttrOr(fact, "values")), ", ");
      out += "| " + Code(AttrOr(fact, "id")) + " | " + Cell(type) + " | " +
             Cell(Attr(fact, "default") ? Code(*Attr(fact, "default")) : "none: set it") + " | " +
             Cell(child_text(fact, "description")) + " |\n";
    }
  }
  out += "\n### Roles\n\n| role | title | needed when | purpose |\n|---|---|---|---|\n";
  if (auto doc = parse("policies/roles.xml")) {
    for (const xmlNode* role : elements(xmlDocGetRootElement(doc.get()), "role")) {
      const std::string when = AttrOr(role, "everyone") == "true" ? "everyone holds it" : AttrOr(role, "when", "always");
      out += "| " + Code(AttrOr(role, "id")) + " | " + Cell(AttrOr(role, "title")) + " | " + Cell(when) + " | " +
             Cell(child_text(role, "purpose")) + " |\n";
    }
  }
  return out;
}

constexpr const char* kUsage =
    "usage: policyc-docgen [--check] --source-dir DIR --output-dir DIR [--golden-dir DIR] "
    "SCHEMA...\n"
    "Writes DIR/profile.md (from the SCHEMA files' annotations) and DIR/diagnostics.md (from the\n"
    "diagnostic table and the golden tests). With --check, writes nothing and fails when the\n"
    "files in the output folder are not what it would write.\n";

std::string Relative(const std::string& path, const std::string& root) {
  std::error_code ec;
  auto relative = std::filesystem::relative(std::filesystem::weakly_canonical(path, ec),
                                            std::filesystem::weakly_canonical(root, ec), ec);
  if (ec || relative.empty() || relative.string().rfind("..", 0) == 0) return path;
  return relative.string();
}

int FirstDifferentLine(const std::string& a, const std::string& b) {
  int line = 1;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] != b[i]) return line;
    line += a[i] == '\n';
  }
  return line;
}

int Main(int argc, char** argv) {
  bool check = false;
  std::string source_dir, output_dir, golden_dir;
  std::vector<std::string> schema_paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--check")
      check = true;
    else if (arg == "--source-dir")
      source_dir = value();
    else if (arg == "--output-dir")
      output_dir = value();
    else if (arg == "--golden-dir")
      golden_dir = value();
    else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (!arg.empty() && arg[0] == '-') {
      std::cerr << "policyc-docgen: unknown option '" << arg << "'\n" << kUsage;
      return 2;
    } else {
      schema_paths.push_back(arg);
    }
  }
  if (source_dir.empty() || output_dir.empty() || schema_paths.empty()) {
    std::cerr << kUsage;
    return 2;
  }

  xmlInitParser();
  base::DiskFileSystem fs;
  base::DiagnosticSink sink;
  SchemaSet schemas(fs, source_dir, sink);
  for (const std::string& path : schema_paths) schemas.Load(path, true);
  std::map<std::string, std::string> outputs;
  if (!sink.HasErrors()) {
    try {
      SchemaReference reference(schemas);
      outputs["profile.md"] = reference.Render() + "\n\n" + LibraryReference(fs, source_dir, sink);
    } catch (const Unsupported& problem) {
      sink.Report(DiagKind::kSchemaViolation, problem.loc, problem.message);
    }
  }
  outputs["diagnostics.md"] =
      DiagnosticReference(GoldenExamples(fs, golden_dir, Relative(golden_dir, source_dir))) + "\n";
  sink.Finish();
  for (const base::Diagnostic& d : sink.diagnostics()) std::cerr << base::FormatDiagnostic(d);
  if (sink.HasErrors()) return 1;

  const std::string shown_dir = Relative(output_dir, source_dir);
  int stale = 0;
  for (const auto& [name, text] : outputs) {
    const std::string path = base::JoinPath(output_dir, name);
    if (check) {
      std::string error;
      auto current = fs.ReadFile(path, &error);
      if (!current) {
        std::cerr << shown_dir << "/" << name << " is missing; run scripts/update-docs.sh\n";
        ++stale;
      } else if (*current != text) {
        std::cerr << shown_dir << "/" << name
                  << " is stale; run scripts/update-docs.sh (first difference at line "
                  << FirstDifferentLine(*current, text) << ")\n";
        ++stale;
      }
    } else {
      std::string error;
      if (!fs.WriteFile(path, text, &error)) {
        std::cerr << path << ": error: " << error << "\n";
        return 2;
      }
    }
  }
  return stale > 0 ? 1 : 0;
}

}  // namespace
}  // namespace policyc::tools

int main(int argc, char** argv) { return policyc::tools::Main(argc, argv); }
