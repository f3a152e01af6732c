#ifndef POLICYC_CLI_INIT_COMMAND_H_
#define POLICYC_CLI_INIT_COMMAND_H_

#include <string>
#include <vector>

#include "base/file_system.h"
#include "cli/driver.h"
#include "resolve/resolver.h"

/// `policyc init DIR`: a new profile to fill in, generated from the loaded
/// library (the shipped one and any -L libraries), so it always names
/// every fact, parameter and role the library declares today.
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
namespace policyc::cli {

struct InitFlags {
  std::string dir;  ///< the folder to write profile.xml into (created when missing)
};

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

/// The text of a new profile.xml for `library`: schema-valid as written,
/// with every fact as a <fact> set to its default, every parameter as a
/// commented-out <parameter> (declarations without a default are left
/// uncommented with an empty value, see above), one placeholder person per
/// role, and commented examples of the optional parts (SoA, assets, risks,
/// objectives, nonconformities, branding, overrides). Pure: no I/O.
std::string NewProfileXml(const resolve::MergedLibrary& library,
                          const NewProfileSettings& settings);

/// A profile id made from a folder name: "Acme Ltd/" → "acme-ltd".
std::string ProfileIdFor(const std::string& dir);

/// Writes DIR/profile.xml through `fs` and prints the next steps on
/// stderr. Refuses (exit 2) when DIR/profile.xml exists; never overwrites.
/// The date is $SOURCE_DATE_EPOCH's, or today's.
ExitCode RunInit(Session& session, base::FileSystem& fs, const InitFlags& flags);

}  // namespace policyc::cli

#endif  // POLICYC_CLI_INIT_COMMAND_H_
