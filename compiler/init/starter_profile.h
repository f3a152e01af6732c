#ifndef POLICYC_INIT_STARTER_PROFILE_H_
#define POLICYC_INIT_STARTER_PROFILE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "model/source_model.h"
#include "render/checked_template.h"
#include "resolve/resolver.h"

/// The init stage: the starter profile `policyc init` writes, a view of the
/// merged library laid over templates/init/profile.xml.mustache. The
/// template holds the wording and the layout; this stage only supplies the
/// library's declarations, roles, contacts and controls as plain view data,
/// and wraps the comments that quote them.
///
/// What `policyc check` says about a new profile is decided here. Every
/// placeholder for something only the user can know (the organisation,
/// scope, site, people) reads "CHANGE ME" and is a valid value, and every
/// fact and parameter with a library default is set to that default. So
/// the errors of the first `check` are exactly the decisions nobody can
/// take for the user: the facts and parameters the library declares
/// without a default (written with an empty value, so each is reported at
/// its own line, with a note saying what it means), and the Annex A
/// controls that, with the facts as they stand, no statement implements
/// (each named as a candidate for exclusion). Once those are settled the
/// profile checks cleanly and builds, so a consultant can show the client
/// a first pack early, with "CHANGE ME" visible wherever a placeholder is
/// left. We chose this over making every placeholder an error: the
/// resolver cannot tell a placeholder name from a real one, and a profile
/// that fails until every field is perfect buries the diagnostics that
/// matter (uncovered controls, unheld roles) under noise.
namespace policyc::init {

/// What goes into a new profile besides the library's declarations.
struct NewProfileSettings {
  std::string id;    ///< the profile id; names the pack folder
  std::string date;  ///< YYYY-MM-DD: the as-of and approval dates
  /// <library path="..."/> entries, relative to the profile's folder.
  std::vector<std::string> libraries;
  /// The folders of the libraries it was written from: comments name a
  /// source file by its library folder's name and its path inside it
  /// ("policies/declarations.xml"), never by a path on this machine.
  std::vector<std::string> library_roots;
};

/// templates/init/: profile.xml.mustache and the partials it includes
/// (declaration.mustache, the comment above each fact and parameter).
struct StarterTemplates {
  render::TemplateFile profile;
  std::map<std::string, render::TemplateFile> partials;  ///< by the name {{>name}} uses
};

/// Reads templates/init/ under `templates_dir`; reports a file it cannot
/// read (load.io-error) and returns nullopt.
std::optional<StarterTemplates> LoadStarterTemplates(const base::FileSystem& fs, const std::string& templates_dir,
                                                     base::DiagnosticSink& sink);

/// The text of a new profile.xml for `library`: schema-valid as written,
/// with every fact as a <fact> set to its default, every parameter as a
/// commented-out <parameter> (declarations without a default are left
/// uncommented with an empty value, see above), one placeholder person per
/// role, and commented examples of the optional parts (SoA, assets, risks,
/// objectives, nonconformities, branding, overrides). Pure: no I/O. A
/// template that does not parse, or uses a name the view does not have, is
/// reported (render.template-error) and gives nullopt.
std::optional<std::string> NewProfileXml(const StarterTemplates& templates, const resolve::MergedLibrary& library,
                                         const NewProfileSettings& settings, base::DiagnosticSink& sink);

/// Whether the library gives `d` a value (a default, or default items);
/// one without is REQUIRED in a new profile.
bool HasDefault(const model::Declaration& d);

}  // namespace policyc::init

#endif  // POLICYC_INIT_STARTER_PROFILE_H_
