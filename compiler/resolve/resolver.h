#ifndef POLICYC_RESOLVE_RESOLVER_H_
#define POLICYC_RESOLVE_RESOLVER_H_

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "model/resolved_model.h"
#include "model/source_model.h"

/// The resolve stage: library layers + one profile → one ResolvedPack.
///
/// Layers are applied in order (shipped library, house libraries, then the
/// profile's own overrides); later layers may replace, remove or add
/// statements and documents, each with a reason. Then facts and parameters
/// are bound to typed values, conditions decide what is included, sections
/// and statements are numbered, text variables and cross-references are
/// substituted, roles are bound to people and every consistency check runs.
/// Resolution is pure: the same inputs give the same pack and the same
/// diagnostics, in the same order. Problems go to the sink; the pack is
/// still returned (as complete as it could be made) so that one run
/// reports as much as possible, but a caller must not emit it when the
/// sink has errors.
namespace policyc::resolve {

struct ResolveInput {
  std::vector<model::Library> layers;  ///< the shipped library first
  model::Profile profile;
  /// The compiled documents' layouts (templates/compiled); a builder
  /// without one compiles nothing.
  std::vector<model::CompiledTemplate> compiled_templates;
};

/// The version of a document never released: the version its first
/// release gives it, shown as "1.0 draft", with no approval date, next
/// review or revision history until the release record gives them.
inline constexpr const char* kUnreleasedVersion = "1.0";

model::ResolvedPack ResolvePack(const ResolveInput& input, base::DiagnosticSink& sink);

/// The layers merged in order, then `last_layer` (the profile's overrides)
/// applied on top. No conditions are evaluated here.
struct MergedLibrary {
  model::Catalogue catalogue;
  std::vector<model::Document> documents;
  std::vector<model::Role> roles;
  std::vector<model::Segregation> segregations;
  std::vector<model::Declaration> facts;
  std::vector<model::Declaration> parameters;  ///< including documents' own
  /// The compiled documents and what they draw on; a later layer's builder,
  /// training module or incident contacts replaces an earlier layer's.
  model::CompiledCatalogue compiled;
  /// The framework catalogues; a later layer's catalogue of the same id
  /// replaces an earlier layer's.
  std::vector<model::Framework> frameworks;
  /// What an override removed (DOC, or DOC#ITEM): still the library's, so
  /// a catalogue may name it, but in no pack of this profile.
  std::set<std::string> removed;
};
MergedLibrary MergeLibraries(const std::vector<model::Library>& layers,
                             const std::vector<model::Override>& last_layer,
                             base::DiagnosticSink& sink);

/// Which layer holds a source file, for pack.json's provenance and lint's
/// word lists. A library's files are those under its folder (the deepest
/// folder when one layer sits inside another); the profile's are its file.
class LayerMap {
 public:
  /// `profile_path`: the profile whose <overrides> are the last layer, or "".
  LayerMap(const std::vector<model::Library>& layers, std::string profile_path);

  /// The layer holding `loc`'s file and the file's name inside it
  /// ("policies/documents/access-control-policy.xml", "profile.xml");
  /// empty when no layer holds it (a template of a compiled document).
  model::Provenance ProvenanceOf(const base::SourceLoc& loc) const;

  /// The folder of the layer holding `file` (for the profile, the profile's
  /// folder), or nullopt.
  std::optional<std::string> FolderOf(const std::string& file) const;

 private:
  struct Layer {
    std::string name;
    std::string folder;
    std::string folder_name;  ///< what pack.json puts before a file's path inside the folder
  };
  /// The layer holding `file`, and the path inside its folder.
  const Layer* Find(const std::string& file, std::string* inside) const;

  std::vector<Layer> libraries_;
  Layer profile_;
  std::string profile_path_;
};

/// The builders of compiled documents policyc has, by name, as
/// compiled-documents.xml names them.
const std::vector<std::string>& CompiledBuilders();

/// Adds the documents compiled from the rest of the pack, so they can
/// never drift from it: the Statement of Applicability, role descriptions,
/// registers, risk documents, audit programme, training and the register of
/// documented information, as compiled-documents.xml and their templates say.
/// Called once, after the library's documents have their document control
/// (release::ApplyRecord): every derived document but the register of
/// documented information, then `before_register` (which gives them their
/// document control), then the register, which lists every other
/// document's control as it then stands.
void AddDerivedDocuments(model::ResolvedPack& pack, base::DiagnosticSink& sink,
                         const std::function<void()>& before_register = {});

/// Fills the incident response plan's contacts table (ResolvePack does).
void AddContacts(model::ResolvedPack& pack, base::DiagnosticSink& sink);

}  // namespace policyc::resolve

#endif  // POLICYC_RESOLVE_RESOLVER_H_
