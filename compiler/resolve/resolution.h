#ifndef POLICYC_RESOLVE_RESOLUTION_H_
#define POLICYC_RESOLVE_RESOLUTION_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostic.h"
#include "model/resolved_model.h"
#include "model/source_model.h"
#include "resolve/condition.h"
#include "resolve/resolver.h"
#include "resolve/text.h"

/// What the concerns of one resolution share, internal to the resolve
/// stage. ResolvePack runs the concerns in order (resolver.cc); each is a
/// function over a Resolution that reads the tables earlier ones filled and
/// fills its own. The tables are indexes built once; nothing here says
/// "the document being worked on": a concern that needs that takes it as a
/// parameter (DocumentInclusion, TextPlace).
namespace policyc::resolve {

/// A fact or parameter bound to its value.
struct Bound {
  const model::Declaration* declaration = nullptr;
  model::Value value;
  bool from_profile = false;
  /// False when the value was reported as wrong or missing: conditions
  /// still see a value of the right type (the default, or zero) so that
  /// one mistake does not cascade, and text using it says nothing more.
  bool usable = true;
};

/// What an included item is, for cross-references.
struct Target {
  std::string document_id;
  std::string document_title;
  std::string number;  ///< empty for the document itself
  bool is_statement = false;
};

/// A framework the pack answers: the profile's choice, or the library's
/// suggestion for its facts.
struct ChosenFramework {
  const model::Framework* framework = nullptr;
  model::FrameworkChoice choice;  ///< for a suggestion: its level and use, at the profile
  std::string suggested_because;  ///< the suggestion's reason, or "" when the profile chose it
};

/// The keys of a map, for did-you-mean.
std::vector<std::string> Keys(const auto& map) {
  std::vector<std::string> out;
  for (const auto& [key, value] : map) out.push_back(key);
  return out;
}

struct Resolution {
  Resolution(const ResolveInput& input, base::DiagnosticSink& sink)
      : input(input),
        profile(input.profile),
        sink(sink),
        layer_map(input.layers, input.profile.path) {}

  // ---- checks every concern shares ----
  /// Reports clauses the catalogue does not have.
  void CheckClauses(const std::vector<std::string>& ids, const base::SourceLoc& loc);
  /// Reports an unknown role; an included use of a known one is recorded
  /// for the unheld-role check.
  void CheckRoleRef(const std::string& role, const base::SourceLoc& loc, bool included);
  /// Evaluates a condition written on an element at `loc`; reports problems there.
  bool Holds(const std::optional<std::string>& condition, const base::SourceLoc& loc);
  /// The review cycle of a document that sets none: the
  /// policy_review_interval parameter in whole months (at least 1), or 12.
  int PolicyReviewMonths() const;

  // ---- incident contacts, which conditions and variables both read ----
  const model::ExternalContactsSpec* ContactsSpec() const;
  std::vector<std::string> ContactKindIds() const;
  /// Whether the profile lists a contact of this kind.
  bool ListsContact(const std::string& kind) const;

  const ResolveInput& input;
  const model::Profile& profile;
  base::DiagnosticSink& sink;
  const LayerMap layer_map;
  MergedLibrary library;
  model::ResolvedPack pack;

  // The catalogue (IndexCatalogue).
  std::map<std::string, const model::Control*> controls;
  std::set<std::string> clauses;
  std::map<std::string, const model::Role*> roles;
  // Values (BindFactsAndParameters).
  std::map<std::string, Bound> facts, parameters;
  // People (BindPeople); role_first_use grows as roles are met.
  std::map<std::string, const model::Person*> people;
  std::map<std::string, std::vector<std::string>> holders;
  std::map<std::string, base::SourceLoc> role_first_use;
  // Included documents (IncludeDocuments).
  std::map<std::string, const model::Document*> sources;
  std::map<std::string, Target> targets;
  std::map<std::string, std::string> excluded_refs;  ///< target → the condition that excluded it
  std::map<std::string, std::set<std::string>>
      excluded_implementations;  ///< control → conditions of its excluded statements
  std::map<std::string, std::vector<std::string>>
      required_by;  ///< control → titles of included sections that require it
  std::vector<std::pair<const model::Statement*, std::string>>
      statements;  ///< included, with doc id
  // Framework catalogues (IndexFrameworks) and the chosen ones (ChooseFrameworks).
  std::map<std::string, const model::Framework*> frameworks;
  std::vector<ChosenFramework> chosen_frameworks;
  // Text (ExpandTexts).
  size_t text_budget = kPackTextBudget;  ///< what the pack's expanded texts may still take

 private:
  std::optional<model::Value> Lookup(const std::string& name, NameKind kind,
                                     std::string* suggestion) const;
};

// bound_values.cc
/// Binds the library's facts (with the profile's certification and legal
/// form as facts) and parameters to the profile's values.
void BindFactsAndParameters(Resolution& res);
/// False when `condition` reads a fact whose value was reported as
/// missing or wrong (its value is only a stand-in).
bool FactsUsable(const Resolution& res, const std::string& condition);

// roles.cc
void IndexCatalogue(Resolution& res);
void BindPeople(Resolution& res);
void CheckRoles(Resolution& res);
/// Each document's owner (the role's title and its holders) and approver.
void FillDocumentOwners(Resolution& res);
/// The pack's roles with their holders and duties, and the segregation
/// rules with the people who break them.
void FillRoles(Resolution& res);

// inclusion.cc
void IncludeDocuments(Resolution& res);

// checks.cc
void CheckCompiled(Resolution& res);
void CheckOutputNames(Resolution& res);
void CheckClauseCoverage(Resolution& res);
void CheckCertification(Resolution& res);
void CheckOrganisation(Resolution& res);
void CheckImprovement(Resolution& res);
void CheckSectionReviews(Resolution& res);

// incident_checks.cc
/// contact.KIND in a condition: whether the profile lists one.
std::optional<model::Value> LookupContact(const Resolution& res, const std::string& kind,
                                          std::string* suggestion);
void CheckIncidentResponse(Resolution& res);

// variables.cc
void ExpandTexts(Resolution& res);

// soa.cc
void BuildSoa(Resolution& res);
void JustifySoa(Resolution& res);

// frameworks.cc
/// Indexes the framework catalogues and checks what they name: controls,
/// clauses, statements and limits on declared parameters.
void IndexFrameworks(Resolution& res);
/// Checks a statement's frameworks= against the catalogues.
void CheckFrameworkRefs(Resolution& res, const model::Statement& s);
/// The profile's <frameworks>, or the library's suggestions for its facts.
void ChooseFrameworks(Resolution& res);
/// Each chosen framework as the pack meets it; warns of requirements no
/// statement meets and reports parameters that break a framework's limits.
void ResolveFrameworks(Resolution& res);

// risks.cc
void CheckRiskOwners(Resolution& res);
void ResolveRisks(Resolution& res);

}  // namespace policyc::resolve

#endif  // POLICYC_RESOLVE_RESOLUTION_H_
