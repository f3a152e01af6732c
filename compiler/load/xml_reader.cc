#include "load/xml_reader.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <cstdio>
#include <cstring>
#include <filesystem>

#include "base/strings.h"

namespace policyc::load {

using base::DiagKind;
using base::SourceLoc;

namespace {

/// Collects libxml2's structured errors while one call runs.
struct ErrorCollector {
  std::string path;
  DiagKind kind;
  base::DiagnosticSink* sink;
  int count = 0;
  int last_line = -1;
};

/// libxml2 quotes a value it refuses in full: a name too long by a
/// megabyte would fill the terminal. A quoted value longer than this is
/// cut, and says how long it was.
constexpr size_t kMaxQuoted = 60;

std::string ShortenQuoted(const std::string& message) {
  std::string out;
  size_t pos = 0;
  while (pos < message.size()) {
    const size_t open = message.find('\'', pos);
    if (open == std::string::npos) break;
    // libxml2 cuts its own messages short, sometimes inside the quote.
    const size_t close = message.find('\'', open + 1);
    const size_t end = close == std::string::npos ? message.size() : close;
    out.append(message, pos, open + 1 - pos);
    const size_t length = end - open - 1;
    if (length > kMaxQuoted) {
      // Cut at a character boundary: never inside a UTF-8 sequence.
      size_t cut = open + 1 + kMaxQuoted;
      while (cut > open + 1 && (static_cast<unsigned char>(message[cut]) & 0xc0) == 0x80) --cut;
      out.append(message, open + 1, cut - open - 1);
      out += close == std::string::npos ? "…'" : "… (" + std::to_string(length) + " bytes)'";
    } else {
      out.append(message, open + 1, length);
      if (close != std::string::npos) out += '\'';
    }
    if (close == std::string::npos) return out;
    pos = close + 1;
  }
  out.append(message, std::min(pos, message.size()), std::string::npos);
  return out;
}

std::string CleanMessage(const char* raw) {
  std::string message = raw ? base::Trim(raw) : std::string("unknown XML error");
  while (!message.empty() && (message.back() == '.' || message.back() == '\n')) message.pop_back();
  return ShortenQuoted(message);
}

void CollectError(void* context, xmlErrorPtr error) {
  auto* collector = static_cast<ErrorCollector*>(context);
  if (error == nullptr || error->level == XML_ERR_WARNING) return;
  // The first parse error is the one to fix; what follows is its echo. One
  // schema error per line, for the same reason.
  const bool echo = collector->kind == DiagKind::kMalformedXml
                        ? collector->count > 0
                        : collector->count > 0 && collector->last_line == error->line;
  ++collector->count;
  collector->last_line = error->line;
  if (echo) return;
  SourceLoc loc{collector->path, error->line, error->int2};
  if (collector->kind == DiagKind::kSchemaViolation) loc.column = 0;  // libxml2 has none
  std::string message = CleanMessage(error->message);
  if (collector->kind == DiagKind::kSchemaViolation) {
    // Without "Expected is …", libxml2 says this of an element past its
    // maxOccurs as well as of one out of place.
    static const std::string kUnexpected = "This element is not expected";
    if (message.size() >= kUnexpected.size() &&
        message.compare(message.size() - kUnexpected.size(), kUnexpected.size(), kUnexpected) == 0) {
      message += ": it is out of place, or there are more of them than the schema allows "
                 "(docs/reference lists where each element goes and how many are allowed)";
    }
    message = "schema violation: " + message;
  }
  collector->sink->Report(collector->kind, loc, message);
}

/// Refuses every external resource except our own schema files.
std::string g_schema_dir;
xmlParserInputPtr RefuseExternal(const char* url, const char* id, xmlParserCtxtPtr ctxt) {
  if (url == nullptr || g_schema_dir.empty() || std::strstr(url, "://") != nullptr) return nullptr;
  std::error_code ec;
  const std::string path = std::filesystem::weakly_canonical(url, ec).string();
  if (!ec && path.compare(0, g_schema_dir.size() + 1, g_schema_dir + "/") == 0 &&
      path.size() > 4 && path.compare(path.size() - 4, 4, ".xsd") == 0) {
    return xmlNewInputFromFile(ctxt, url);
  }
  return nullptr;
}

void IgnoreGenericError(void*, const char*, ...) {}

int Depth(const xmlNode* node) {
  int deepest = 0;
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (child->type == XML_ELEMENT_NODE) deepest = std::max(deepest, Depth(child));
  }
  return deepest + 1;
}

/// Where the first DOCTYPE or ENTITY declaration starts, or npos. Anything
/// with one is refused before libxml2 sees it: policyc sources never need
/// one, and it is how XXE and billion-laughs attacks start. Comments,
/// CDATA sections and processing instructions are skipped, since what they
/// hold is not markup: a comment that mentions <!DOCTYPE declares nothing.
/// (A declaration libxml2 would act on can only stand in the prolog, where
/// nothing but comments, processing instructions and blanks can hide it.)
size_t DeclarationAt(const std::string& bytes) {
  struct Skipped {
    const char* open;
    const char* close;
  };
  static const Skipped kSkipped[] = {{"<!--", "-->"}, {"<![CDATA[", "]]>"}, {"<?", "?>"}};
  for (size_t at = bytes.find('<'); at != std::string::npos; at = bytes.find('<', at + 1)) {
    if (bytes.compare(at, 9, "<!DOCTYPE") == 0 || bytes.compare(at, 8, "<!ENTITY") == 0) return at;
    for (const Skipped& skip : kSkipped) {
      const size_t open = std::strlen(skip.open);
      if (bytes.compare(at, open, skip.open) != 0) continue;
      const size_t end = bytes.find(skip.close, at + open);
      if (end == std::string::npos) return std::string::npos;  // unterminated: libxml2 reports it
      at = end;
      break;
    }
  }
  return std::string::npos;
}

/// "U+000D" for the control character that begins `text`.
std::string CodePoint(std::string_view text) {
  unsigned value = static_cast<unsigned char>(text[0]);
  if (base::ControlCharacterAt(text) == 2) value = static_cast<unsigned char>(text[1]);
  char out[8];
  std::snprintf(out, sizeof out, "U+%04X", value);
  return out;
}

/// Reports every attribute under `node` that holds a control character.
/// XML lets an author write one as a character reference (&#10;, &#13;,
/// &#9;) or, for DEL and U+0080..U+009F, as it is; in an attribute it is
/// never text a reader should see, and it is how a value breaks out of a
/// CSS string, a CSV row, a line-based record or the terminal.
bool CheckAttributeText(const xmlNode* node, const std::string& path, base::DiagnosticSink& sink) {
  bool ok = true;
  for (const xmlNode* element = node; element; element = element->next) {
    if (element->type != XML_ELEMENT_NODE) continue;
    for (const xmlAttr* attribute = element->properties; attribute; attribute = attribute->next) {
      const char* name = reinterpret_cast<const char*>(attribute->name);
      xmlChar* raw = xmlNodeListGetString(element->doc, attribute->children, 1);
      const std::string value = raw ? reinterpret_cast<const char*>(raw) : "";
      xmlFree(raw);
      for (size_t i = 0; i < value.size(); ++i) {
        if (base::ControlCharacterAt(std::string_view(value).substr(i)) == 0) continue;
        sink.Report(DiagKind::kControlCharacter, SourceLoc{path, LineOf(element), 0},
                    std::string("attribute '") + name + "' of <" + reinterpret_cast<const char*>(element->name) +
                        "> holds the control character " + CodePoint(std::string_view(value).substr(i)) +
                        "; write the value on one line, without character references such as &#10; or &#13;");
        ok = false;
        break;
      }
    }
    ok = CheckAttributeText(element->children, path, sink) && ok;
  }
  return ok;
}

int LineOfOffset(const std::string& bytes, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < bytes.size(); ++i) line += bytes[i] == '\n';
  return line;
}

}  // namespace

struct XmlReader::Schema {
  xmlSchemaPtr schema = nullptr;
  ~Schema() {
    if (schema) xmlSchemaFree(schema);
  }
};

XmlReader::XmlReader(const base::FileSystem& fs, std::string schema_dir, XmlLimits limits)
    : fs_(fs), schema_dir_(std::move(schema_dir)), limits_(limits) {
  xmlInitParser();
  std::error_code ec;
  g_schema_dir = std::filesystem::weakly_canonical(schema_dir_, ec).string();
  xmlSetExternalEntityLoader(RefuseExternal);
}

XmlReader::~XmlReader() = default;

XmlDocPtr XmlReader::Parse(const std::string& path, base::DiagnosticSink& sink) const {
  if (auto size = fs_.FileSize(path); size && *size > limits_.max_file_bytes) {
    sink.Report(DiagKind::kFileTooLarge, SourceLoc{path},
                "file is " + std::to_string(*size) + " bytes; the limit is " +
                    std::to_string(limits_.max_file_bytes) + " bytes; split it into smaller files");
    return nullptr;
  }
  std::string error;
  auto bytes = fs_.ReadFile(path, &error);
  if (!bytes) {
    sink.Report(DiagKind::kIoError, SourceLoc{path}, error);
    return nullptr;
  }
  return ParseBytes(path, *bytes, sink);
}

XmlDocPtr XmlReader::ParseBytes(const std::string& path, const std::string& bytes,
                                base::DiagnosticSink& sink) const {
  if (bytes.size() > limits_.max_file_bytes) {
    sink.Report(DiagKind::kFileTooLarge, SourceLoc{path},
                "file is " + std::to_string(bytes.size()) + " bytes; the limit is " +
                    std::to_string(limits_.max_file_bytes) + " bytes; split it into smaller files");
    return nullptr;
  }
  if (const size_t at = DeclarationAt(bytes); at != std::string::npos) {
    sink.Report(DiagKind::kForbiddenDtd, SourceLoc{path, LineOfOffset(bytes, at), 0},
                "DOCTYPE and ENTITY declarations are not allowed in policyc sources; "
                "remove the declaration and write the text out");
    return nullptr;
  }
  // libxml2 stops reading at a NUL byte as if the file ended there, so
  // whatever follows one (junk after the root element, half a document)
  // would pass unseen. XML cannot contain NUL at all.
  if (const size_t nul = bytes.find('\0'); nul != std::string::npos) {
    const size_t line_start = bytes.rfind('\n', nul);
    const int column = static_cast<int>(nul - (line_start == std::string::npos ? 0 : line_start + 1)) + 1;
    sink.Report(DiagKind::kMalformedXml, SourceLoc{path, LineOfOffset(bytes, nul), column},
                "the file contains a NUL byte, which XML does not allow; save it as UTF-8 text "
                "(a file saved as UTF-16 or a binary file has them)");
    return nullptr;
  }
  ErrorCollector collector{path, DiagKind::kMalformedXml, &sink};
  xmlSetStructuredErrorFunc(&collector, CollectError);
  xmlSetGenericErrorFunc(nullptr, IgnoreGenericError);
  // No NOENT (entities stay unexpanded) and no DTDLOAD; NONET forbids the network.
  const int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES;
  xmlDoc* doc = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), path.c_str(),
                              "UTF-8", options);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (doc == nullptr || collector.count > 0) {
    if (doc) xmlFreeDoc(doc);
    if (collector.count == 0) {
      sink.Report(DiagKind::kMalformedXml, SourceLoc{path}, "file is not well-formed XML");
    }
    return nullptr;
  }
  XmlDocPtr owned(doc);
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    sink.Report(DiagKind::kForbiddenDtd, SourceLoc{path, 1, 0},
                "DOCTYPE declarations are not allowed in policyc sources; remove it");
    return nullptr;
  }
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (root != nullptr && Depth(root) > limits_.max_depth) {
    sink.Report(DiagKind::kTooDeep, SourceLoc{path, LineOf(root), 0},
                "elements are nested more than " + std::to_string(limits_.max_depth) +
                    " deep; flatten the structure");
    return nullptr;
  }
  return owned;
}

const XmlReader::Schema* XmlReader::SchemaFor(const std::string& kind,
                                               base::DiagnosticSink& sink) const {
  auto it = schemas_.find(kind);
  if (it != schemas_.end()) return it->second.get();
  const std::string path = base::JoinPath(schema_dir_, kind + ".xsd");
  auto schema = std::make_unique<Schema>();
  ErrorCollector collector{path, DiagKind::kIoError, &sink};
  xmlSetStructuredErrorFunc(&collector, CollectError);
  xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(path.c_str());
  if (parser) {
    xmlSchemaSetParserStructuredErrors(parser, CollectError, &collector);
    schema->schema = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
  }
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (schema->schema == nullptr) {
    if (collector.count == 0) {
      sink.Report(DiagKind::kIoError, SourceLoc{path},
                  "cannot load schema; is the policyc data folder complete?");
    }
    schemas_[kind] = nullptr;
    return nullptr;
  }
  const Schema* result = schema.get();
  schemas_[kind] = std::move(schema);
  return result;
}

bool XmlReader::Validate(xmlDoc* doc, const std::string& path, const std::string& kind,
                         base::DiagnosticSink& sink) const {
  const Schema* schema = SchemaFor(kind, sink);
  if (schema == nullptr) return false;
  ErrorCollector collector{path, DiagKind::kSchemaViolation, &sink};
  xmlSchemaValidCtxtPtr context = xmlSchemaNewValidCtxt(schema->schema);
  xmlSchemaSetValidStructuredErrors(context, CollectError, &collector);
  int rc = xmlSchemaValidateDoc(context, doc);
  xmlSchemaFreeValidCtxt(context);
  if (rc != 0 && collector.count == 0) {
    sink.Report(DiagKind::kSchemaViolation, SourceLoc{path},
                "file does not match " + kind + ".xsd");
  }
  if (rc != 0) return false;
  // One rule for the text of every attribute of every source, which a
  // pattern in each schema would have to repeat for every attribute.
  return CheckAttributeText(xmlDocGetRootElement(doc), path, sink);
}

int LineOf(const xmlNode* node) { return static_cast<int>(xmlGetLineNo(node)); }

std::optional<std::string> Attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

std::string AttributeOr(const xmlNode* node, const char* name, const std::string& fallback) {
  return Attribute(node, name).value_or(fallback);
}

bool IsElement(const xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE &&
         (name == nullptr || std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0);
}

std::vector<const xmlNode*> ChildElements(const xmlNode* node, const char* name) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (IsElement(child, name)) out.push_back(child);
  }
  return out;
}

const xmlNode* FirstChild(const xmlNode* node, const char* name) {
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (IsElement(child, name)) return child;
  }
  return nullptr;
}

std::string TextOf(const xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  if (content == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(content));
  xmlFree(content);
  return out;
}

}  // namespace policyc::load
