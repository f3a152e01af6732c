// Frameworks besides ISO/IEC 27001: what the catalogues name is checked,
// the profile chooses frameworks (or the library suggests them for its
// facts), each chosen framework's requirements are met by the pack's
// statements, and its hard limits are held against the parameters.
#include "resolve/frameworks.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "base/strings.h"
#include "resolve/resolution.h"
#include "resolve/values.h"

namespace policyc::resolve {

using base::DiagKind;
using base::SourceLoc;
using model::Framework;
using model::FrameworkLimit;
using model::FrameworkMapping;
using model::FrameworkRequirement;

namespace {

/// Every DOC#STATEMENT of the merged library, whatever conditions later
/// include or overrides removed: a catalogue may name a statement another
/// profile includes.
std::set<std::string> LibraryStatements(const MergedLibrary& library) {
  std::set<std::string> out;
  for (const std::string& removed : library.removed) {
    if (removed.find('#') != std::string::npos) out.insert(removed);
  }
  std::function<void(const std::string&, const std::vector<model::SectionItem>&)> visit =
      [&](const std::string& doc, const std::vector<model::SectionItem>& items) {
        for (const model::SectionItem& item : items) {
          if (const auto* s = std::get_if<model::Statement>(&item)) {
            out.insert(doc + "#" + s->id);
          } else {
            visit(doc, std::get<model::Section>(item).items);
          }
        }
      };
  for (const model::Document& doc : library.documents) {
    for (const model::Section& section : doc.sections) visit(doc.id, section.items);
  }
  return out;
}

/// Reports a mapping to a control, clause or statement the library lacks.
void CheckMappings(Resolution& res, const Framework& framework, const std::set<std::string>& statements) {
  for (const FrameworkRequirement& r : framework.requirements) {
    for (const FrameworkMapping& m : r.mappings) {
      const std::string what = framework.id + " " + r.id + " maps to ";
      if (m.target == FrameworkMapping::Target::kControl && !res.controls.count(m.id)) {
        res.sink.Report(DiagKind::kUnknownControl, m.loc,
                        what + "unknown control '" + m.id + "'" + base::DidYouMean(m.id, Keys(res.controls)));
      } else if (m.target == FrameworkMapping::Target::kClause && !res.clauses.count(m.id)) {
        res.sink.Report(DiagKind::kUnknownClause, m.loc,
                        what + "unknown clause '" + m.id + "'" +
                            base::DidYouMean(m.id, std::vector<std::string>(res.clauses.begin(), res.clauses.end())));
      } else if (m.target == FrameworkMapping::Target::kStatement && !statements.count(m.id) &&
                 !res.library.removed.count(m.id.substr(0, m.id.find('#')))) {  // nor a document removed whole
        res.sink.Report(
            DiagKind::kDanglingReference, m.loc,
            what + "statement '" + m.id + "', which no document of the library has" +
                base::DidYouMean(m.id, std::vector<std::string>(statements.begin(), statements.end())));
      }
    }
  }
}

/// The parameter's declaration without its range: a limit may lie anywhere
/// the type allows, and says nothing about the declared range.
model::Declaration Unbounded(const model::Declaration& declaration) {
  model::Declaration out = declaration;
  out.min.reset();
  out.max.reset();
  return out;
}

/// Why a limit cannot be held against its parameter (a comparison its
/// type has not, or a value not of its type), or "" when it can.
std::string LimitProblem(const model::Declaration& declaration, const FrameworkLimit& limit) {
  const auto type = model::ParseValueType(declaration.type);
  const bool ordered = type == model::ValueType::kInteger || type == model::ValueType::kDuration;
  if (limit.comparison == "one-of" ? type != model::ValueType::kEnum : !ordered) {
    return "comparison " + limit.comparison + " does not suit parameter '" + limit.parameter + "', which is " +
           declaration.type + (limit.comparison == "one-of" ? "; one-of needs an enum"
                                                            : "; at-most and at-least need an integer or duration");
  }
  const std::vector<std::string> values =
      limit.comparison == "one-of" ? base::SplitWhitespace(limit.value) : std::vector<std::string>{limit.value};
  for (const std::string& value : values) {
    ValueError error;
    if (!ParseTypedValue(Unbounded(declaration), value, {}, &error)) {
      return "limit value '" + value + "' does not suit parameter '" + limit.parameter + "': " + error.message;
    }
  }
  return "";
}

/// Reports limits on parameters the library does not declare, or that do
/// not suit the parameter's type.
void CheckLimits(Resolution& res, const Framework& framework) {
  for (const FrameworkRequirement& r : framework.requirements) {
    for (const FrameworkLimit& limit : r.limits) {
      auto it = res.parameters.find(limit.parameter);
      if (it == res.parameters.end()) {
        res.sink.Report(DiagKind::kUnknownParameter, limit.loc,
                        framework.id + " " + r.id + " limits unknown parameter '" + limit.parameter + "'" +
                            base::DidYouMean(limit.parameter, Keys(res.parameters)));
        continue;
      }
      if (const std::string problem = LimitProblem(*it->second.declaration, limit); !problem.empty()) {
        res.sink.Report(DiagKind::kBadValue, limit.loc, framework.id + " " + r.id + ": " + problem);
      }
    }
  }
}

/// Reports what a readiness question names that the framework or the
/// library lacks: a requirement, a parameter or a fact.
void CheckQuestionSet(Resolution& res, const Framework& framework) {
  if (!framework.question_set) return;
  std::vector<std::string> ids;
  for (const FrameworkRequirement& r : framework.requirements) ids.push_back(r.id);
  for (const model::ReadinessTopic& topic : framework.question_set->topics) {
    for (const model::ReadinessQuestion& q : topic.questions) {
      const std::string what = framework.id + " question " + q.id;
      for (const std::string& r : q.requirements) {
        if (framework.Find(r)) continue;
        res.sink.Report(DiagKind::kUnknownFramework, q.loc,
                        what + " checks requirement '" + r + "', which the framework does not have" +
                            base::DidYouMean(r, ids));
      }
      if (!q.parameter.empty() && !res.parameters.count(q.parameter)) {
        res.sink.Report(DiagKind::kUnknownParameter, q.loc,
                        what + " is answered by unknown parameter '" + q.parameter + "'" +
                            base::DidYouMean(q.parameter, Keys(res.parameters)));
      }
      if (!q.fact.empty() && !res.facts.count(q.fact)) {
        res.sink.Report(DiagKind::kUnknownFact, q.loc,
                        what + " is answered by unknown fact '" + q.fact + "'" + base::DidYouMean(q.fact, Keys(res.facts)));
      }
      // An enum's value is a keyword of the library ("privileged"), not an
      // answer an assessor can read; the statements it selects say it.
      for (const auto& [kind, id, values] : {std::tuple{"parameter", &q.parameter, &res.parameters},
                                              std::tuple{"fact", &q.fact, &res.facts}}) {
        auto it = id->empty() ? values->end() : values->find(*id);
        if (it == values->end() || !it->second.declaration || it->second.declaration->type != "enum") continue;
        res.sink.Report(DiagKind::kBadValue, q.loc,
                        what + " is answered by " + kind + " '" + *id + "', whose values (" +
                            base::Join(it->second.declaration->values, ", ") +
                            ") are the library's keywords, not answers; drop " + kind +
                            "= and let the statements of its requirements answer it");
      }
    }
  }
}

std::vector<std::string> VariantIds(const std::vector<model::FrameworkVariant>& variants) {
  std::vector<std::string> ids;
  for (const auto& v : variants) ids.push_back(v.id);
  return ids;
}

/// The variant (level or use) of this id, or nullptr.
const model::FrameworkVariant* FindVariant(const std::vector<model::FrameworkVariant>& variants,
                                           const std::string& id) {
  for (const auto& v : variants) {
    if (v.id == id) return &v;
  }
  return nullptr;
}

/// Reports a level or use (`what`) the framework does not declare; true
/// when `id` is empty or declared.
bool CheckVariant(Resolution& res, const Framework& framework, const std::string& id,
                  const std::vector<model::FrameworkVariant>& variants, const char* what, const SourceLoc& loc) {
  if (id.empty() || FindVariant(variants, id)) return true;
  const std::vector<std::string> ids = VariantIds(variants);
  res.sink.Report(DiagKind::kUnknownFramework, loc,
                  "framework '" + framework.id + "' has no " + what + " '" + id + "'" + base::DidYouMean(id, ids) +
                      (ids.empty() ? "; it declares none" : " (it declares " + base::JoinEnglish(ids) + ")"));
  return false;
}

/// The profile's own <frameworks>: each known, once, at a level and use
/// its catalogue declares.
void ChooseListed(Resolution& res) {
  std::map<std::string, SourceLoc> seen;
  for (const model::FrameworkChoice& choice : *res.profile.frameworks) {
    auto it = res.frameworks.find(choice.id);
    if (it == res.frameworks.end()) {
      res.sink.Report(DiagKind::kUnknownFramework, choice.loc,
                      "unknown framework '" + choice.id + "'" + base::DidYouMean(choice.id, Keys(res.frameworks)) +
                          (res.frameworks.empty() ? "; the library has no framework catalogues"
                                                  : " (the library has " + base::JoinEnglish(Keys(res.frameworks)) +
                                                        "; see policyc list controls --catalogue ID)"));
      continue;
    }
    if (auto [first, inserted] = seen.emplace(choice.id, choice.loc); !inserted) {
      res.sink.Report(DiagKind::kDuplicateId, choice.loc,
                      "framework '" + choice.id + "' is chosen twice; keep one <framework>");
      res.sink.AddNote(first->second, "first chosen here");
      continue;
    }
    const Framework& framework = *it->second;
    const bool level_known = CheckVariant(res, framework, choice.level, framework.levels, "level", choice.loc);
    const bool use_known = CheckVariant(res, framework, choice.as, framework.uses, "use", choice.loc);
    if (level_known && use_known) res.chosen_frameworks.push_back({&framework, choice, ""});
  }
}

/// The name a choice gives its framework: the level's or use's title, or
/// the catalogue's short title.
std::string ChosenTitle(const Framework& framework, const model::FrameworkChoice& choice) {
  if (const auto* level = FindVariant(framework.levels, choice.level)) return level->title;
  if (const auto* use = FindVariant(framework.uses, choice.as)) return use->title;
  return framework.short_title;
}

/// Without <frameworks>, the first suggestion of each catalogue that holds
/// for the profile's facts chooses it, and a note says so.
void SuggestFrameworks(Resolution& res) {
  for (const Framework& framework : res.library.frameworks) {
    for (const model::FrameworkSuggestion& suggestion : framework.suggestions) {
      if (!CheckVariant(res, framework, suggestion.level, framework.levels, "level", suggestion.loc) ||
          !CheckVariant(res, framework, suggestion.as, framework.uses, "use", suggestion.loc) ||
          !FactsUsable(res, suggestion.when) || !res.Holds(suggestion.when, suggestion.loc)) {
        continue;
      }
      const model::FrameworkChoice choice{framework.id, suggestion.level, suggestion.as, res.profile.frameworks_loc};
      res.chosen_frameworks.push_back({&framework, choice, suggestion.reason});
      std::string attributes = "id=\"" + framework.id + "\"";
      if (!choice.level.empty()) attributes += " level=\"" + choice.level + "\"";
      if (!choice.as.empty()) attributes += " as=\"" + choice.as + "\"";
      res.sink.Report(DiagKind::kFrameworkSuggested, choice.loc,
                      "the profile lists no <frameworks>, so the pack answers " + ChosenTitle(framework, choice) +
                          " (<framework " + attributes + "/>), as the library suggests when " + suggestion.when +
                          ": " + suggestion.reason +
                          " List the frameworks the organisation wants under <frameworks>; an empty <frameworks/> "
                          "chooses none");
      res.sink.AddNote(suggestion.loc, "suggested here");
      break;
    }
  }
}

/// The library's statements of a pack indexed by what they meet.
struct StatementIndex {
  std::set<std::string> refs;  ///< every DOC#STATEMENT included
  std::map<std::string, std::vector<std::string>> by_control;
  std::map<std::string, std::vector<std::string>> by_clause;  ///< a clause and each clause above it
  std::map<std::string, std::vector<std::string>> by_requirement;  ///< frameworks= of this framework
};

StatementIndex IndexPack(const model::ResolvedPack& pack, const std::string& framework) {
  struct Indexer : model::DocumentVisitor {
    StatementIndex* index;
    const std::string* doc;
    const std::string* prefix;
    void VisitStatement(const model::ResolvedStatement& s, int) override {
      const std::string ref = *doc + "#" + s.id;
      index->refs.insert(ref);
      for (const std::string& c : s.controls) index->by_control[c].push_back(ref);
      for (std::string clause : s.clauses) {
        // 9.2.1 addresses 9.2 and 9 as well.
        while (true) {
          index->by_clause[clause].push_back(ref);
          const size_t dot = clause.rfind('.');
          if (dot == std::string::npos) break;
          clause.resize(dot);
        }
      }
      for (const std::string& f : s.frameworks) {
        if (f.starts_with(*prefix)) index->by_requirement[f.substr(prefix->size())].push_back(ref);
      }
    }
  };
  StatementIndex index;
  const std::string prefix = framework + ":";
  for (const model::ResolvedDocument& doc : pack.documents) {
    if (doc.derived) continue;
    Indexer indexer;
    indexer.index = &index;
    indexer.doc = &doc.id;
    indexer.prefix = &prefix;
    model::WalkDocument(doc, indexer);
  }
  return index;
}

model::ResolvedRequirement CoverRequirement(const FrameworkRequirement& r, const StatementIndex& index) {
  model::ResolvedRequirement out;
  out.id = r.id;
  out.title = r.title;
  out.group = r.group;
  out.gap = r.gap;
  out.statement_needed = r.statement_needed;
  out.loc = r.loc;
  // The tiers: named directly (the catalogue's statements, then
  // statements' frameworks=), through a control or clause that meets it
  // in whole or in part, through a related one.
  std::vector<std::string> tiers[3];
  std::set<std::string> seen;
  std::map<std::string, int> hits;  // how many of the requirement's mappings reach each statement
  auto add = [&](int tier, const std::string& ref) {
    ++hits[ref];
    if (seen.insert(ref).second) tiers[tier].push_back(ref);
  };
  auto add_all = [&](int tier, const std::map<std::string, std::vector<std::string>>& by, const std::string& key) {
    auto it = by.find(key);
    if (it == by.end()) return;
    for (const std::string& ref : it->second) add(tier, ref);
  };
  using Target = FrameworkMapping::Target;
  for (const FrameworkMapping& m : r.mappings) {
    if (m.target == Target::kStatement && index.refs.count(m.id)) add(0, m.id);
  }
  add_all(0, index.by_requirement, r.id);
  for (int pass : {1, 2}) {
    for (const FrameworkMapping& m : r.mappings) {
      if ((m.relationship == "related") != (pass == 2) || m.target == Target::kStatement) continue;
      add_all(pass, m.target == Target::kControl ? index.by_control : index.by_clause, m.id);
    }
  }
  for (const FrameworkMapping& m : r.mappings) {
    if (m.target == Target::kStatement) continue;
    out.maps_to.push_back(m.id + " (" + m.relationship + ")");
    const bool listed = std::find(out.controls.begin(), out.controls.end(), m.id) != out.controls.end();
    if (m.target == Target::kControl && !listed) out.controls.push_back(m.id);
  }
  // Within a tier, a statement reached through more of the requirement's
  // controls and clauses meets it more fully, so it comes first; ties
  // keep the catalogue's mapping order, then the pack's.
  for (auto& tier : tiers) {
    std::stable_sort(tier.begin(), tier.end(),
                     [&](const std::string& a, const std::string& b) { return hits[a] > hits[b]; });
  }
  for (const auto& tier : tiers) {
    if (out.primary == 0) out.primary = tier.size();
    out.statements.insert(out.statements.end(), tier.begin(), tier.end());
  }
  return out;
}

/// Reports each requirement of a chosen framework that no statement of
/// the pack meets: a note when its catalogue says why, else a warning.
void ReportUncovered(Resolution& res, const ChosenFramework& chosen, const model::ResolvedFramework& resolved) {
  const Framework& framework = *chosen.framework;
  for (size_t i = 0; i < resolved.requirements.size(); ++i) {
    const model::ResolvedRequirement& r = resolved.requirements[i];
    if (r.covered()) continue;
    const FrameworkRequirement& source = framework.requirements[i];
    const std::string name = resolved.title + " " + r.id + " (" + r.title + ") is met by no statement of this pack";
    const std::string attribute = "frameworks=\"" + framework.id + ":" + r.id + "\"";
    if (!r.gap.empty()) {
      res.sink.Report(DiagKind::kFrameworkGap, r.loc,
                      name + "; the client answers it: " + r.gap + " The compliance matrix lists it as a gap");
    } else if (!r.statement_needed.empty()) {
      res.sink.Report(DiagKind::kFrameworkGap, r.loc,
                      name + "; the library lacks a statement for it: " + r.statement_needed +
                          " The compliance matrix lists it as a gap until a statement with " + attribute +
                          " meets it (in a house library or the profile's <overrides>)");
    } else {
      std::vector<std::string> targets;
      for (const FrameworkMapping& m : source.mappings) targets.push_back(m.id);
      res.sink.Report(DiagKind::kFrameworkUncovered, r.loc,
                      name + ": no included statement implements what it maps to (" + base::JoinEnglish(targets) +
                          "); include one, or add a statement with " + attribute +
                          " in a house library or the profile's <overrides>");
    }
    res.sink.AddNote(chosen.choice.loc, chosen.suggested_because.empty() ? "chosen here"
                                                                        : "suggested for the profile's facts");
  }
}

/// Whether `value` meets `limit` (read as `declaration`'s type reads it).
bool Meets(const model::Value& value, const model::Declaration& declaration, const FrameworkLimit& limit) {
  if (limit.comparison == "one-of") {
    const std::vector<std::string> allowed = base::SplitWhitespace(limit.value);
    return std::find(allowed.begin(), allowed.end(), value.text) != allowed.end();
  }
  ValueError error;
  const auto bound = ParseTypedValue(Unbounded(declaration), limit.value, {}, &error);
  if (!bound) return true;  // reported with the catalogue
  const int64_t have = value.type == model::ValueType::kDuration ? value.duration.ApproxMinutes() : value.integer;
  const int64_t want = bound->type == model::ValueType::kDuration ? bound->duration.ApproxMinutes() : bound->integer;
  return limit.comparison == "at-most" ? have <= want : have >= want;
}

/// "at most 14 days", "at least 6 digits", "only all".
std::string LimitWords(const model::Declaration& declaration, const FrameworkLimit& limit) {
  if (limit.comparison == "one-of") return "only " + base::JoinEnglish(base::SplitWhitespace(limit.value));
  ValueError error;
  const auto bound = ParseTypedValue(Unbounded(declaration), limit.value, {}, &error);
  const std::string value = bound ? bound->ToText(declaration.unit) : limit.value;
  return (limit.comparison == "at-most" ? "at most " : "at least ") + value;
}

/// Reports a parameter whose value breaks a limit of a chosen framework,
/// at the profile's value, or at the choice when the default breaks it.
void CheckLimit(Resolution& res, const ChosenFramework& chosen, const std::string& title,
                const FrameworkRequirement& r, const FrameworkLimit& limit) {
  auto it = res.parameters.find(limit.parameter);
  if (it == res.parameters.end() || !it->second.usable) return;
  const Bound& bound = it->second;
  if (!LimitProblem(*bound.declaration, limit).empty()) return;  // reported with the catalogue
  if (!limit.condition.empty() && (!FactsUsable(res, limit.condition) || !res.Holds(limit.condition, limit.loc))) {
    return;
  }
  if (Meets(bound.value, *bound.declaration, limit)) return;
  const model::Declaration& declaration = *bound.declaration;
  const std::string framework = chosen.framework->id;
  SourceLoc at = chosen.choice.loc;
  for (const model::Setting& setting : res.profile.parameters) {
    if (bound.from_profile && setting.name == limit.parameter) at = setting.loc;
  }
  const std::string value = bound.value.ToText(declaration.unit);
  res.sink.Report(DiagKind::kFrameworkContradiction, at,
                  "parameter '" + limit.parameter + "' is " + value +
                      (bound.from_profile ? "" : " (the library's default)") + ", but " + title + " requirement " +
                      r.id + " (" + r.title + ") allows " + LimitWords(declaration, limit) + "; " +
                      (bound.from_profile ? "change the value" : "set the parameter under <parameters>") +
                      " to meet it, or take " + framework + " out of <frameworks>");
  res.sink.AddNote(limit.loc, limit.text);
}

}  // namespace

void IndexFrameworks(Resolution& res) {
  const std::set<std::string> statements = LibraryStatements(res.library);
  for (const Framework& framework : res.library.frameworks) {
    res.frameworks[framework.id] = &framework;
    CheckMappings(res, framework, statements);
    CheckLimits(res, framework);
    CheckQuestionSet(res, framework);
  }
}

void CheckFrameworkRefs(Resolution& res, const model::Statement& s) {
  for (const std::string& ref : s.frameworks) {
    const size_t colon = ref.find(':');
    const std::string id = ref.substr(0, colon);
    const std::string requirement = ref.substr(colon + 1);
    auto it = res.frameworks.find(id);
    if (it == res.frameworks.end()) {
      res.sink.Report(DiagKind::kUnknownFramework, s.loc,
                      "statement '" + s.id + "' meets '" + ref + "', but the library has no framework '" + id + "'" +
                          base::DidYouMean(id, Keys(res.frameworks)));
      continue;
    }
    if (it->second->Find(requirement)) continue;
    std::vector<std::string> ids;
    for (const FrameworkRequirement& r : it->second->requirements) ids.push_back(r.id);
    res.sink.Report(DiagKind::kUnknownFramework, s.loc,
                    "statement '" + s.id + "' meets '" + ref + "', but framework '" + id + "' has no requirement '" +
                        requirement + "'" + base::DidYouMean(requirement, ids));
  }
}

void ChooseFrameworks(Resolution& res) {
  if (res.profile.frameworks) {
    ChooseListed(res);
  } else {
    SuggestFrameworks(res);
  }
}

void ResolveFrameworks(Resolution& res) {
  res.pack.framework_catalogues = res.library.frameworks;
  for (const ChosenFramework& chosen : res.chosen_frameworks) {
    const Framework& framework = *chosen.framework;
    model::ResolvedFramework resolved = CoverFramework(framework, res.pack);
    resolved.title = ChosenTitle(framework, chosen.choice);
    resolved.level = chosen.choice.level;
    resolved.as = chosen.choice.as;
    if (const auto* level = FindVariant(framework.levels, chosen.choice.level)) resolved.variant_text = level->text;
    if (const auto* use = FindVariant(framework.uses, chosen.choice.as)) {
      resolved.variant_text += (resolved.variant_text.empty() ? "" : " ") + use->text;
    }
    resolved.suggested_because = chosen.suggested_because;
    ReportUncovered(res, chosen, resolved);
    for (const FrameworkRequirement& r : framework.requirements) {
      for (const FrameworkLimit& limit : r.limits) CheckLimit(res, chosen, resolved.title, r, limit);
    }
    res.pack.frameworks.push_back(std::move(resolved));
  }
}

model::ResolvedFramework CoverFramework(const Framework& framework, const model::ResolvedPack& pack) {
  model::ResolvedFramework out;
  out.id = framework.id;
  out.title = framework.short_title;
  out.catalogue_title = framework.title;
  out.version = framework.version;
  out.publisher = framework.publisher;
  out.licence = framework.licence;
  out.source = framework.source;
  out.attribution = framework.attribution;
  out.groups = framework.groups;
  out.mapping_sources = framework.mapping_sources;
  const StatementIndex index = IndexPack(pack, framework.id);
  for (const FrameworkRequirement& r : framework.requirements) {
    out.requirements.push_back(CoverRequirement(r, index));
  }
  return out;
}

std::string MappingsText(const FrameworkRequirement& requirement) {
  std::vector<std::string> out;
  for (const FrameworkMapping& m : requirement.mappings) out.push_back(m.id + " (" + m.relationship + ")");
  return base::Join(out, "; ");
}

const Framework* FindCatalogue(const model::ResolvedPack& pack, const std::string& id) {
  for (const Framework& f : pack.framework_catalogues) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

}  // namespace policyc::resolve
