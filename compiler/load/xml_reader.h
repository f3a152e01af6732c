#ifndef POLICYC_LOAD_XML_READER_H_
#define POLICYC_LOAD_XML_READER_H_

#include <libxml/tree.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"

namespace policyc::load {

/// Limits applied to every source file.
struct XmlLimits {
  size_t max_file_bytes = 8 * 1024 * 1024;
  int max_depth = 64;
};

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

/// Parses XML safely and validates it against the schemas in one folder.
///
/// Safe means: no network, no DTD (a DOCTYPE is refused before libxml2 sees
/// the file, so neither external entities nor entity expansion can happen),
/// a size and a depth limit, and line numbers beyond 65535. libxml2's own
/// messages are turned into diagnostics with file:line:col; nothing is
/// printed by libxml2 itself.
class XmlReader {
 public:
  XmlReader(const base::FileSystem& fs, std::string schema_dir, XmlLimits limits = {});
  ~XmlReader();
  XmlReader(const XmlReader&) = delete;
  XmlReader& operator=(const XmlReader&) = delete;

  /// Reads and parses `path`; reports problems into `sink` and returns null.
  XmlDocPtr Parse(const std::string& path, base::DiagnosticSink& sink) const;
  /// Parses bytes already in memory, reported as coming from `path`.
  XmlDocPtr ParseBytes(const std::string& path, const std::string& bytes,
                       base::DiagnosticSink& sink) const;
  /// Validates `doc` against schemas/<kind>.xsd, and checks that no
  /// attribute holds a control character (load.control-character). False
  /// when either fails.
  bool Validate(xmlDoc* doc, const std::string& path, const std::string& kind,
                base::DiagnosticSink& sink) const;

 private:
  struct Schema;
  const Schema* SchemaFor(const std::string& kind, base::DiagnosticSink& sink) const;

  const base::FileSystem& fs_;
  std::string schema_dir_;
  XmlLimits limits_;
  mutable std::map<std::string, std::unique_ptr<Schema>> schemas_;
};

/// Small helpers over libxml2's tree, used by the source loaders.
int LineOf(const xmlNode* node);
std::optional<std::string> Attribute(const xmlNode* node, const char* name);
std::string AttributeOr(const xmlNode* node, const char* name, const std::string& fallback);
std::vector<const xmlNode*> ChildElements(const xmlNode* node, const char* name = nullptr);
const xmlNode* FirstChild(const xmlNode* node, const char* name);
std::string TextOf(const xmlNode* node);
bool IsElement(const xmlNode* node, const char* name);

}  // namespace policyc::load

#endif  // POLICYC_LOAD_XML_READER_H_
