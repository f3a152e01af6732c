#ifndef POLICYC_LOAD_SOURCE_LOADER_H_
#define POLICYC_LOAD_SOURCE_LOADER_H_

#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "load/xml_reader.h"
#include "model/source_model.h"

/// The load stage: XML sources → source model.
///
/// Every file is parsed safely and validated against its schema before a
/// single value is read from it, so the readers here may trust the
/// structure the XSD promises. A file that fails either step is reported
/// and skipped; loading goes on with the rest so one run shows every
/// broken file. Nothing here checks meaning (ids that refer to other
/// things, conditions, values): that is the resolver's job.
namespace policyc::load {

/// Loads every *.xml file under `root`. The root element says what a file
/// is: <catalogue>, <document>, <roles>, <declarations> or <overrides>.
/// The library is named after its folder (the caller renames the shipped one).
model::Library LoadLibrary(const XmlReader& reader, const base::FileSystem& fs,
                           const std::string& root, base::DiagnosticSink& sink);

/// Loads the compiled documents' layouts: every templates/compiled/*.xml,
/// a <compiled-template> each (schemas/compiled-template.xsd).
std::vector<model::CompiledTemplate> LoadCompiledTemplates(const XmlReader& reader, const base::FileSystem& fs,
                                                           const std::string& dir, base::DiagnosticSink& sink);

/// Loads an organisation profile. `path` may be the profile file or the
/// folder holding profile.xml. Library paths in the profile are resolved
/// against the profile's folder.
std::optional<model::Profile> LoadProfile(const XmlReader& reader, const base::FileSystem& fs,
                                          const std::string& path, base::DiagnosticSink& sink);

/// Loads a release record (schemas/release.xsd). nullopt after reporting
/// when it cannot be read or does not match its schema.
std::optional<model::ReleaseRecord> LoadReleaseRecord(const XmlReader& reader, const std::string& path,
                                                      base::DiagnosticSink& sink);

/// "examples/acme" → "examples/acme/profile.xml"; a file path is returned as is.
std::string ProfilePath(const base::FileSystem& fs, const std::string& path);

}  // namespace policyc::load

#endif  // POLICYC_LOAD_SOURCE_LOADER_H_
