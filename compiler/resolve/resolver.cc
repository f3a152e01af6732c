#include "resolve/resolver.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include "base/sha256.h"
#include "base/strings.h"
#include "resolve/condition.h"
#include "resolve/text.h"
#include "resolve/values.h"

namespace policyc::resolve {

using base::DiagKind;
using base::SourceLoc;
using model::ResolvedDocument;
using model::ResolvedPack;
using model::ResolvedSection;
using model::ResolvedStatement;
using model::Value;

namespace {

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

/// The year, month and day of a date as the schemas' Date type allows it.
bool ReadDate(const std::string& date, int* y, int* m, int* d) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(date[i]))) return false;
  }
  *y = std::stoi(date.substr(0, 4));
  *m = std::stoi(date.substr(5, 2));
  *d = std::stoi(date.substr(8, 2));
  return *y >= 1000 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= DaysInMonth(*y, *m);
}

}  // namespace

bool IsDate(const std::string& date) {
  int y = 0, m = 0, d = 0;
  return ReadDate(date, &y, &m, &d);
}

std::string AddMonths(const std::string& date, int months) {
  int y = 0, m = 0, d = 0;
  if (!ReadDate(date, &y, &m, &d)) return date;
  // Four-digit years plus any int of months cannot overflow 64 bits; a
  // result outside the years a Date holds is clamped to its ends.
  const int64_t total = int64_t{y} * 12 + (m - 1) + months;
  if (total < int64_t{1000} * 12) return "1000-01-01";
  if (total >= int64_t{10000} * 12) return "9999-12-31";
  y = static_cast<int>(total / 12);
  m = static_cast<int>(total % 12) + 1;
  d = std::min(d, DaysInMonth(y, m));
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
  return buffer;
}

namespace {

int KindRank(const std::string& kind) {
  static const std::vector<std::string> kOrder = {"policy", "standard", "procedure", "plan",
                                                  "guide", "register", "record"};
  auto it = std::find(kOrder.begin(), kOrder.end(), kind);
  return static_cast<int>(it - kOrder.begin());
}

struct Bound {
  const model::Declaration* declaration = nullptr;
  Value value;
  bool from_profile = false;
  /// False when the value was reported as wrong or missing: conditions
  /// still see a value of the right type (the default, or zero) so that
  /// one mistake does not cascade, and text using it says nothing more.
  bool usable = true;
};

/// A value of the declared type to stand in for one that was reported.
Value Placeholder(const model::Declaration& d) {
  Value v;
  v.type = model::ParseValueType(d.type).value_or(model::ValueType::kString);
  if (v.type == model::ValueType::kDuration) v.duration = {0, "days"};
  return v;
}

/// What an included item is, for cross-references.
struct Target {
  std::string document_id;
  std::string document_title;
  std::string number;  ///< empty for the document itself
  bool is_statement = false;
};

class Resolver : public VariableResolver {
 public:
  Resolver(const ResolveInput& input, base::DiagnosticSink& sink)
      : input_(input), profile_(input.profile), sink_(sink), layer_map_(input.layers, input.profile.path) {}

  ResolvedPack Run() {
    library_ = MergeLibraries(input_.layers, profile_.overrides, sink_);
    IndexCatalogue();
    // The profile's <certification> sets the fact of that name, so that
    // conditions can follow it.
    std::vector<model::Setting> facts = profile_.facts;
    if (profile_.certification) {
      facts.push_back({model::kCertificationFact, profile_.certification->status, {}, profile_.certification->loc});
    }
    if (!profile_.organisation.legal_form.empty()) {
      facts.push_back({model::kLegalFormFact, profile_.organisation.legal_form, {}, profile_.organisation.loc});
    }
    BindValues(library_.facts, facts, facts_, "fact", DiagKind::kUnknownFact);
    BindValues(library_.parameters, profile_.parameters, parameters_, "parameter",
               DiagKind::kUnknownParameter);
    BindPeople();
    IncludeDocuments();
    CheckCompiled();
    CheckOutputNames();
    CheckClauseCoverage();
    CheckRiskOwners();
    CheckRoles();
    ExpandTexts();
    BuildSoa();
    ResolveRisks();
    JustifySoa();
    CheckCertification();
    CheckOrganisation();
    CheckImprovement();
    CheckIncidentResponse();
    CheckSectionReviews();
    FillPack();
    return std::move(pack_);
  }

  std::optional<std::string> Resolve(std::string_view name, VariableFailure* failure) const override {
    const std::string n(name);
    if (n.rfind("param.", 0) == 0) return ResolveParameter(n.substr(6), failure);
    if (n.rfind("org.", 0) == 0) return ResolveOrganisation(n.substr(4), failure);
    if (n.rfind("role.", 0) == 0 || n.rfind("holders.", 0) == 0) return ResolveRole(n, failure);
    if (n.rfind("ref:", 0) == 0) return ResolveReference(n.substr(4), failure);
    if (n.rfind("documents.", 0) == 0) return ResolveDocumentList(n.substr(10), failure);
    if (n.rfind("contact.", 0) == 0) return ResolveContact(n.substr(8), failure);
    if (n == "section.reviewed") return ResolveSectionReviewed(failure);
    failure->message = "unknown variable {{" + n +
                       "}}; variables are {{param.NAME}}, {{org.FIELD}}, {{role.ID}}, "
                       "{{holders.ID}}, {{contact.KIND}}, {{section.reviewed}}, {{ref:DOCUMENT#ID}} and "
                       "{{documents.KIND}}" +
                       base::DidYouMean(n, {"org.name", "org.legal_name", "org.company_number",
                                            "org.registered_office", "org.ico_registration"});
    return std::nullopt;
  }

 private:
  // ---- catalogue ----
  void IndexClauses(const std::vector<model::Clause>& clauses) {
    for (const model::Clause& c : clauses) {
      clauses_.insert(c.id);
      pack_.clauses.emplace_back(c.id, c.title);
      IndexClauses(c.children);
    }
  }

  void CheckClauses(const std::vector<std::string>& clauses, const SourceLoc& loc) {
    for (const std::string& c : clauses) {
      if (clauses_.empty() || clauses_.count(c)) continue;
      sink_.Report(DiagKind::kUnknownClause, loc,
                   "unknown clause '" + c + "'" +
                       base::DidYouMean(c, std::vector<std::string>(clauses_.begin(), clauses_.end())) +
                       "; clauses are numbered 4 to 10.3 (Annex A controls are written A.5.1 …)");
    }
  }

  void IndexCatalogue() {
    IndexClauses(library_.catalogue.clauses);
    for (const model::Control& c : library_.catalogue.controls) {
      controls_[c.id] = &c;
      CheckClauses(c.supports, c.loc);
    }
    for (const model::Role& r : library_.roles) roles_[r.id] = &r;
  }

  std::vector<std::string> Keys(const auto& map) const {
    std::vector<std::string> out;
    for (const auto& [key, value] : map) out.push_back(key);
    return out;
  }

  // ---- facts and parameters ----
  void BindValues(const std::vector<model::Declaration>& declarations,
                  const std::vector<model::Setting>& settings, std::map<std::string, Bound>& into,
                  const char* what, DiagKind unknown_kind) {
    for (const model::Declaration& d : declarations) {
      std::string problem = CheckDeclaration(d);
      if (!problem.empty()) {
        sink_.Report(DiagKind::kBadValue, d.loc,
                     std::string(what) + " '" + d.id + "' is declared wrongly: " + problem);
        continue;
      }
      Bound bound{&d, Placeholder(d), false, true};
      if (d.default_value || !d.default_items.empty()) {
        ValueError error;
        bound.value = *ParseTypedValue(d, d.default_value, d.default_items, &error);
      }
      into[d.id] = bound;
    }
    std::map<std::string, SourceLoc> set_at;
    for (const model::Setting& s : settings) {
      auto it = into.find(s.name);
      if (it == into.end()) {
        std::vector<std::string> names;
        for (const auto& d : declarations) names.push_back(d.id);
        sink_.Report(unknown_kind, s.loc,
                     std::string("unknown ") + what + " '" + s.name + "' (see 'policyc list " + what +
                         "s')" + base::DidYouMean(s.name, names));
        continue;
      }
      auto [previous, first] = set_at.emplace(s.name, s.loc);
      if (!first) {
        sink_.Report(DiagKind::kDuplicateId, s.loc,
                     std::string(what) + " '" + s.name + "' is set twice; keep one");
        sink_.AddNote(previous->second, "first set here");
        continue;
      }
      ValueError error;
      auto value = ParseTypedValue(*it->second.declaration, s.value, s.items, &error);
      if (!value) {
        sink_.Report(error.out_of_range ? DiagKind::kOutOfRange : DiagKind::kBadValue, s.loc,
                     std::string(what) + " '" + s.name + "': " + error.message);
        sink_.AddNote(it->second.declaration->loc, "declared here as " + it->second.declaration->type);
        it->second.usable = false;
        it->second.from_profile = true;  // reported; not missing as well
        continue;
      }
      it->second.value = *value;
      it->second.from_profile = true;
    }
    for (auto& [id, bound] : into) {
      if (bound.from_profile) continue;
      const auto& d = *bound.declaration;
      if (!d.default_value && d.default_items.empty()) {
        sink_.Report(DiagKind::kMissingValue, profile_.loc,
                     std::string(what) + " '" + id + "' has no default and the profile does not set it; add <" +
                         what + " name=\"" + id + "\" value=\"...\"/> under <" + what + "s>");
        sink_.AddNote(d.loc, "declared here: " + d.description);
        bound.usable = false;
      }
    }
  }

  std::optional<Value> Lookup(const std::string& name, NameKind kind, std::string* suggestion) const {
    if (kind == NameKind::kContact) return LookupContact(name, suggestion);
    const auto& table = kind == NameKind::kParameter ? parameters_ : facts_;
    auto it = table.find(name);
    if (it == table.end()) {
      *suggestion = base::ClosestMatch(name, Keys(table));
      return std::nullopt;
    }
    return it->second.value;
  }

  /// Evaluates a condition written on an element at `loc`; reports problems there.
  bool Holds(const std::optional<std::string>& condition, const SourceLoc& loc) {
    if (!condition) return true;
    ConditionError parse_error;
    auto parsed = ParseCondition(*condition, &parse_error);
    if (!parsed) {
      sink_.Report(DiagKind::kBadCondition, loc,
                   "condition '" + *condition + "': " + parse_error.message + " (at character " +
                       std::to_string(parse_error.offset + 1) + ")");
      return false;
    }
    std::vector<std::string> errors;
    bool holds = EvaluateCondition(
        *parsed,
        [this](const std::string& name, NameKind kind, std::string* suggestion) {
          return Lookup(name, kind, suggestion);
        },
        &errors);
    for (const std::string& e : errors) {
      bool unknown_fact = e.rfind("unknown fact", 0) == 0;
      bool unknown_param = e.rfind("unknown parameter", 0) == 0;
      bool unknown_contact = e.rfind("unknown contact kind", 0) == 0;
      DiagKind kind = unknown_fact      ? DiagKind::kUnknownFact
                      : unknown_param   ? DiagKind::kUnknownParameter
                      : unknown_contact ? DiagKind::kUnknownContactKind
                                      : DiagKind::kBadCondition;
      sink_.Report(kind, loc, "condition '" + *condition + "': " + e);
    }
    return holds;
  }

  // ---- people ----
  void BindPeople() {
    std::map<std::string, SourceLoc> ids;
    for (const model::Person& person : profile_.people) {
      auto [it, first] = ids.emplace(person.id, person.loc);
      if (!first) {
        sink_.Report(DiagKind::kDuplicateId, person.loc,
                     "person '" + person.id + "' is defined twice; give each person one entry with all their roles");
        sink_.AddNote(it->second, "first defined here");
        continue;
      }
      people_[person.id] = &person;
      for (const std::string& role : person.roles) {
        if (!roles_.count(role)) {
          sink_.Report(DiagKind::kUnknownRole, person.loc,
                       "person '" + person.id + "' holds unknown role '" + role +
                           "' (see 'policyc list roles')" + base::DidYouMean(role, Keys(roles_)));
          continue;
        }
        holders_[role].push_back(person.id);
      }
      for (const std::string& role : person.deputy_for) {
        if (!roles_.count(role)) {
          sink_.Report(DiagKind::kUnknownRole, person.loc,
                       "person '" + person.id + "' deputises for unknown role '" + role +
                           "' (see 'policyc list roles')" + base::DidYouMean(role, Keys(roles_)));
        }
      }
    }
    for (const model::Role& role : library_.roles) {
      if (!role.everyone) continue;
      auto& list = holders_[role.id];
      list.clear();
      for (const model::Person& person : profile_.people) list.push_back(person.id);
    }
    if (!people_.count(profile_.document_control.approver)) {
      sink_.Report(DiagKind::kUnknownPerson, profile_.document_control.approver_loc,
                   "document approver '" + profile_.document_control.approver +
                       "' is not one of the profile's people" +
                       base::DidYouMean(profile_.document_control.approver, Keys(people_)));
    }
    for (const model::Role& role : library_.roles) {
      if (!role.reports_to.empty()) CheckRoleRef(role.reports_to, role.loc, false);
    }
    for (const model::Segregation& seg : library_.segregations) {
      for (const std::string& role : {seg.first_role, seg.second_role}) {
        if (!roles_.count(role)) {
          sink_.Report(DiagKind::kUnknownRole, seg.loc,
                       "segregation names unknown role '" + role + "'" +
                           base::DidYouMean(role, Keys(roles_)));
        }
      }
    }
    for (const model::Person& person : profile_.people) {
      for (const model::Segregation& seg : library_.segregations) {
        auto holds = [&](const std::string& role) {
          return std::find(person.roles.begin(), person.roles.end(), role) != person.roles.end();
        };
        if (holds(seg.first_role) && holds(seg.second_role)) {
          sink_.Report(DiagKind::kSegregationConflict, person.loc,
                       person.name + " holds both '" + seg.first_role + "' and '" + seg.second_role +
                           "', which should be segregated; give one role to someone else, or record a "
                           "compensating control such as independent review of their work");
          sink_.AddNote(seg.loc, "segregation required: " + seg.reason);
        }
        // Standing in for a role is holding it while the holder is away.
        auto deputises = [&](const std::string& role) {
          return std::find(person.deputy_for.begin(), person.deputy_for.end(), role) != person.deputy_for.end();
        };
        for (const auto& [held, covered] : {std::pair{seg.first_role, seg.second_role},
                                            std::pair{seg.second_role, seg.first_role}}) {
          if (!holds(held) || !deputises(covered)) continue;
          sink_.Report(DiagKind::kSegregationConflict, person.loc,
                       person.name + " deputises for '" + covered + "' while holding '" + held +
                           "', which should be segregated; choose another deputy");
          sink_.AddNote(seg.loc, "segregation required: " + seg.reason);
        }
      }
    }
  }

  // ---- conditions and numbering ----
  struct UseSite {
    std::string role;
    SourceLoc loc;
  };

  void CheckRoleRef(const std::string& role, const SourceLoc& loc, bool included) {
    if (!roles_.count(role)) {
      sink_.Report(DiagKind::kUnknownRole, loc,
                   "unknown role '" + role + "' (see 'policyc list roles')" +
                       base::DidYouMean(role, Keys(roles_)));
      return;
    }
    if (included && !role_first_use_.count(role)) role_first_use_[role] = loc;
  }

  /// A role that approves or is informed is one the statement names, and
  /// not the one that acts.
  void CheckRoleCapacities(const model::Statement& s) {
    for (const auto* list : {&s.approves, &s.informed}) {
      for (const std::string& role : *list) {
        const auto at = std::find(s.roles.begin(), s.roles.end(), role);
        if (at != s.roles.begin() && at != s.roles.end()) continue;
        sink_.Report(DiagKind::kRoleCapacity, s.loc,
                     "statement '" + s.id + "' lists role '" + role + "' under " +
                         (list == &s.approves ? "approves" : "informed") +
                         (at == s.roles.end() ? " but not in roles; add it to roles after the acting role"
                                              : " but it is the acting role (the first of roles); put the role "
                                                "that acts first"));
      }
    }
  }

  void CheckControls(const model::Statement& s) {
    for (const std::string& c : s.controls) {
      if (!controls_.count(c)) {
        sink_.Report(DiagKind::kUnknownControl, s.loc,
                     "statement '" + s.id + "' names unknown control '" + c + "'" +
                         base::DidYouMean(c, Keys(controls_)));
      }
    }
  }

  /// Builds the included tree of one section. Conditions of excluded items
  /// are still checked, so a typo never hides behind a false condition.
  std::optional<ResolvedSection> IncludeSection(const model::Section& section,
                                                const std::string& number, bool parent_included,
                                                const std::string& doc_id) {
    bool included = Holds(section.condition, section.loc) && parent_included;
    for (const std::string& control : section.requires_controls) {
      if (!controls_.count(control)) {
        sink_.Report(DiagKind::kUnknownControl, section.loc,
                     "section '" + section.id + "' requires unknown control '" + control + "'" +
                         base::DidYouMean(control, Keys(controls_)));
      } else if (included) {
        required_by_[control].push_back(section.title);
      }
    }
    ResolvedSection out;
    out.id = section.id;
    out.number = number;
    out.title = section.title;
    out.provenance = layer_map_.ProvenanceOf(section.loc);
    out.loc = section.loc;
    int child = 0;
    for (const model::SectionItem& item : section.items) {
      if (const auto* s = std::get_if<model::Statement>(&item)) {
        bool statement_included = Holds(s->condition, s->loc) && included;
        CheckControls(*s);
        CheckClauses(s->clauses, s->loc);
        for (const std::string& role : s->roles) CheckRoleRef(role, s->loc, statement_included);
        CheckRoleCapacities(*s);
        for (const std::string& role : s->training_audience) CheckRoleRef(role, s->loc, false);
        if (!s->training_to.empty()) CheckRoleRef(s->training_to, s->loc, false);
        if (!statement_included) {
          const std::string condition = s->condition ? *s->condition
                                        : section.condition ? *section.condition
                                                            : current_condition_;
          excluded_refs_[doc_id + "#" + s->id] = condition;
          if (excluded_statements_) excluded_statements_->push_back({s->id, condition});
          for (const std::string& c : s->controls) excluded_implementations_[c].insert(condition);
          continue;
        }
        ResolvedStatement rs;
        rs.id = s->id;
        rs.number = number + "." + std::to_string(++child);
        rs.controls = s->controls;
        rs.clauses = s->clauses;
        rs.roles = s->roles;
        rs.approves = s->approves;
        rs.informed = s->informed;
        rs.training_audience = s->training_audience;
        rs.provenance = layer_map_.ProvenanceOf(s->loc);
        rs.loc = s->loc;
        out.items.emplace_back(std::move(rs));
        statements_.push_back({s, doc_id});
      } else {
        const auto& sub = std::get<model::Section>(item);
        auto resolved = IncludeSection(sub, number + "." + std::to_string(child + 1), included, doc_id);
        if (resolved) {
          ++child;
          out.items.emplace_back(std::move(*resolved));
        }
      }
    }
    if (!included) {
      excluded_refs_[doc_id + "#" + section.id] = section.condition.value_or("");
      return std::nullopt;
    }
    return out;
  }

  void IncludeDocuments() {
    for (const model::Document& doc : library_.documents) {
      bool included = Holds(doc.condition, doc.loc);
      current_condition_ = doc.condition.value_or("");
      CheckRoleRef(doc.owner, doc.loc, included);
      CheckClauses(doc.clauses, doc.loc);
      for (const std::string& item : doc.serves) {
        if (item.rfind("A.", 0) == 0) {
          if (!controls_.count(item)) {
            sink_.Report(DiagKind::kUnknownControl, doc.loc,
                         "document '" + doc.id + "' serves unknown control '" + item + "'" +
                             base::DidYouMean(item, Keys(controls_)));
          }
        } else {
          CheckClauses({item}, doc.loc);
        }
      }
      ResolvedDocument out;
      excluded_statements_ = &out.excluded;
      out.id = doc.id;
      out.kind = doc.kind;
      out.title = doc.title;
      out.owner_role = doc.owner;
      out.clauses = doc.clauses;
      out.serves = doc.serves;
      out.loc = doc.loc;
      int number = 0;
      for (const model::Section& section : doc.sections) {
        auto resolved = IncludeSection(section, std::to_string(number + 1), included, doc.id);
        if (resolved) {
          ++number;
          out.sections.push_back(std::move(*resolved));
        }
      }
      excluded_statements_ = nullptr;
      if (!included) {
        excluded_refs_[doc.id] = doc.condition.value_or("");
        pack_.excluded_documents.push_back({doc.id, doc.condition.value_or("")});
        continue;
      }
      // A statement is only "excluded" when its document is in the pack.
      sources_[doc.id] = &doc;
      pack_.documents.push_back(std::move(out));
    }
    // Index every included item for cross-references.
    for (const ResolvedDocument& doc : pack_.documents) {
      targets_[doc.id] = Target{doc.id, doc.title, "", false};
      struct Indexer : model::DocumentVisitor {
        std::map<std::string, Target>* targets;
        const ResolvedDocument* doc;
        void EnterSection(const ResolvedSection& s, int) override {
          (*targets)[doc->id + "#" + s.id] = Target{doc->id, doc->title, s.number, false};
        }
        void VisitStatement(const ResolvedStatement& s, int) override {
          (*targets)[doc->id + "#" + s.id] = Target{doc->id, doc->title, s.number, true};
        }
      } indexer;
      indexer.targets = &targets_;
      indexer.doc = &doc;
      model::WalkDocument(doc, indexer);
    }
    // Compiled documents that every pack has can be referred to as a whole.
    for (const model::CompiledDocumentSpec& spec : library_.compiled.documents) {
      static const std::set<std::string> kAlways = {"soa", "role-summaries", "duty-index", "objective-list",
                                                    "nonconformity-list", "internal-audits", "document-index"};
      if (kAlways.count(spec.builder) && !targets_.count(spec.id)) {
        targets_[spec.id] = Target{spec.id, spec.title, "", false};
      }
    }
  }

  /// What compiled-documents.xml names exists: builders policyc has, roles,
  /// parameters, documents and the incident contacts' section.
  void CheckCompiled() {
    const model::CompiledCatalogue& compiled = library_.compiled;
    std::set<std::string> documents;
    for (const model::Document& doc : library_.documents) documents.insert(doc.id);
    auto check_document = [&](const std::string& id, const SourceLoc& loc) {
      if (documents.count(id)) return true;
      sink_.Report(DiagKind::kDanglingReference, loc,
                   "no document '" + id + "' in the library" +
                       base::DidYouMean(id, std::vector<std::string>(documents.begin(), documents.end())));
      return false;
    };
    const std::vector<std::string>& builders = CompiledBuilders();
    for (const model::CompiledDocumentSpec& spec : compiled.documents) {
      if (std::find(builders.begin(), builders.end(), spec.builder) == builders.end()) {
        sink_.Report(DiagKind::kUnknownBuilder, spec.loc,
                     "unknown builder '" + spec.builder + "'" + base::DidYouMean(spec.builder, builders) +
                         " (the builders are " + base::Join(builders, ", ") + ")");
      }
      CheckRoleRef(spec.owner, spec.loc, false);
      CheckClauses(ClausesOnly(spec.serves), spec.loc);
      for (const std::string& id : spec.serves) {
        if (id.rfind("A.", 0) != 0 || controls_.empty() || controls_.count(id)) continue;
        sink_.Report(DiagKind::kUnknownControl, spec.loc,
                     "unknown control '" + id + "'" + base::DidYouMean(id, Keys(controls_)));
      }
      for (const model::CompiledUse& use : spec.uses) {
        if (!use.role.empty()) CheckRoleRef(use.role, use.loc, false);
        if (!use.document.empty()) check_document(use.document, use.loc);
        if (!use.parameter.empty() && !parameters_.count(use.parameter)) {
          sink_.Report(DiagKind::kUnknownParameter, use.loc,
                       "unknown parameter '" + use.parameter + "'" + base::DidYouMean(use.parameter, Keys(parameters_)));
        }
      }
    }
    for (const model::TrainingModuleSpec& module : compiled.training_modules) {
      for (const std::string& role : module.roles) CheckRoleRef(role, module.loc, false);
    }
    if (const auto& contacts = compiled.incident_contacts) {
      for (const std::string& role : contacts->roles) CheckRoleRef(role, contacts->loc, false);
      const std::string doc_id = contacts->section.substr(0, contacts->section.find('#'));
      const bool in_pack = std::any_of(pack_.documents.begin(), pack_.documents.end(),
                                       [&](const ResolvedDocument& d) { return d.id == doc_id; });
      if (contacts->section.find('#') == std::string::npos) {
        sink_.Report(DiagKind::kDanglingReference, contacts->loc,
                     "incident contacts go into a section: write section=\"DOCUMENT#SECTION\"");
      } else if (check_document(doc_id, contacts->loc) && in_pack && !targets_.count(contacts->section) &&
                 !excluded_refs_.count(contacts->section)) {
        sink_.Report(DiagKind::kDanglingReference, contacts->loc,
                     "no section '" + contacts->section + "' for the incident contacts");
      }
    }
  }

  /// Every document becomes a file named by its id (ID.html, docx/ID.docx,
  /// …), so the ids the pack generates are reserved: the index page's and
  /// those of the documents policyc compiles. A library document that
  /// takes one, or two compiled documents that share one, would make one
  /// output replace the other. Checked on the library, whatever the
  /// profile includes, so that no profile meets it later.
  void CheckOutputNames() {
    struct Claim {
      std::string what;
      SourceLoc loc;
    };
    std::map<std::string, Claim> generated;
    auto claim = [&](const std::string& id, const std::string& what, const SourceLoc& loc) {
      auto [it, inserted] = generated.emplace(id, Claim{what, loc});
      if (inserted) return;
      sink_.Report(DiagKind::kReservedId, loc,
                   what + " has the id '" + id + "', which is already the id of " + it->second.what +
                       "; both would be written to " + id + ".html; give one of them another id");
      if (it->second.loc.known()) sink_.AddNote(it->second.loc, "the other is declared here");
    };
    claim(std::string(model::kIndexPageId), "the pack's index page", SourceLoc{});
    const model::CompiledCatalogue& compiled = library_.compiled;
    const model::CompiledDocumentSpec* modules = compiled.Find("training-modules");
    for (const model::CompiledDocumentSpec& spec : compiled.documents) {
      if (&spec == modules) continue;  // its id is only the prefix of the modules' ids
      claim(spec.id, "the compiled document '" + spec.title + "' (builder '" + spec.builder + "')", spec.loc);
    }
    if (modules) {
      for (const model::TrainingModuleSpec& module : compiled.training_modules) {
        claim(model::TrainingDocumentId(*modules, module), "the training module '" + module.title + "'", module.loc);
      }
    }
    for (const model::Document& doc : library_.documents) {
      auto it = generated.find(doc.id);
      if (it == generated.end()) continue;
      sink_.Report(DiagKind::kReservedId, doc.loc,
                   "document id '" + doc.id + "' is reserved for " + it->second.what +
                       ", which policyc writes to " + doc.id + ".html; give this document another id");
      if (it->second.loc.known()) sink_.AddNote(it->second.loc, "the compiled document is declared here");
    }
  }

  /// The clauses among ids that may also be Annex A controls.
  static std::vector<std::string> ClausesOnly(const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    for (const std::string& id : ids) {
      if (id.rfind("A.", 0) != 0) out.push_back(id);
    }
    return out;
  }

  /// Every leaf clause (4.1 … 10.2) must be addressed by an included
  /// statement's clauses= or an included document's clauses= or serves=.
  void CheckClauseCoverage() {
    std::set<std::string> addressed;
    for (const auto& [statement, doc_id] : statements_) {
      addressed.insert(statement->clauses.begin(), statement->clauses.end());
    }
    for (const auto& [id, doc] : sources_) {
      addressed.insert(doc->clauses.begin(), doc->clauses.end());
      addressed.insert(doc->serves.begin(), doc->serves.end());
    }
    std::function<void(const std::vector<model::Clause>&)> visit = [&](const auto& clauses) {
      for (const model::Clause& c : clauses) {
        if (!c.children.empty()) {
          visit(c.children);
        } else if (!addressed.count(c.id)) {
          sink_.Report(DiagKind::kUncoveredClause, c.loc,
                       "clause " + c.id + " " + c.title +
                           " is addressed by no included statement or document; add clauses=\"" + c.id +
                           "\" to the statements that meet it");
        }
      }
    };
    visit(library_.catalogue.clauses);
  }

  void CheckRoles() {
    for (const auto& [role, loc] : role_first_use_) {
      if (holders_.count(role) && !holders_[role].empty()) continue;
      sink_.Report(DiagKind::kUnheldRole, loc,
                   "role '" + role + "' is given duties here but nobody in the profile holds it; add '" +
                       role + "' to the roles of a <person>");
      sink_.AddNote(profile_.loc, "people are listed in this profile");
    }
  }

  // ---- incident response: external contacts, processing, escalation ----
  const model::ExternalContactsSpec* ContactsSpec() const {
    return library_.compiled.external_contacts ? &*library_.compiled.external_contacts : nullptr;
  }

  std::vector<std::string> ContactKindIds() const {
    std::vector<std::string> ids;
    if (const auto* spec = ContactsSpec()) {
      for (const auto& kind : spec->kinds) ids.push_back(kind.id);
    }
    return ids;
  }

  bool ListsContact(const std::string& kind) const {
    return std::any_of(profile_.contacts.begin(), profile_.contacts.end(),
                       [&](const model::ExternalContact& c) { return c.kind == kind; });
  }

  /// contact.KIND in a condition: whether the profile lists one.
  std::optional<Value> LookupContact(const std::string& kind, std::string* suggestion) const {
    const auto* spec = ContactsSpec();
    if (!spec || !spec->Kind(kind)) {
      *suggestion = base::ClosestMatch(kind, ContactKindIds());
      return std::nullopt;
    }
    Value v;
    v.type = model::ValueType::kBoolean;
    v.boolean = ListsContact(kind);
    return v;
  }

  /// {{contact.KIND}}: the names of the profile's contacts of that kind.
  std::optional<std::string> ResolveContact(const std::string& kind, VariableFailure* failure) const {
    const auto* spec = ContactsSpec();
    if (!spec || !spec->Kind(kind)) {
      failure->kind = DiagKind::kUnknownContactKind;
      failure->message = "unknown contact kind '" + kind + "' in {{contact." + kind + "}}" +
                         base::DidYouMean(kind, ContactKindIds());
      return std::nullopt;
    }
    std::vector<std::string> names;
    for (const model::ExternalContact& c : profile_.contacts) {
      if (c.kind == kind) names.push_back(c.name);
    }
    if (names.empty()) {
      failure->kind = DiagKind::kMissingValue;
      failure->message = "{{contact." + kind + "}} names nobody: the profile lists no contact of kind '" + kind +
                         "'; give the text condition=\"contact." + kind + "\", or add <contact kind=\"" + kind +
                         "\" .../> under <contacts>";
      return std::nullopt;
    }
    return base::EscapeMarkdown(base::JoinEnglish(names));
  }

  std::optional<std::string> ResolveSectionReviewed(VariableFailure* failure) const {
    if (current_reviewed_.empty()) {
      failure->kind = DiagKind::kSectionReviewDate;
      failure->message = "{{section.reviewed}} is used, but neither this section nor one around it has "
                         "reviewed=\"YYYY-MM-DD\"";
      return std::nullopt;
    }
    return current_reviewed_;
  }

  /// False when `condition` reads a fact whose value was reported as
  /// missing or wrong (its value is only a stand-in).
  bool FactsUsable(const std::string& condition) const {
    std::string word;
    for (size_t i = 0; i <= condition.size(); ++i) {
      const char c = i < condition.size() ? condition[i] : ' ';
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-') {
        word += c;
        continue;
      }
      auto it = facts_.find(word);
      if (it != facts_.end() && !it->second.usable) return false;
      word.clear();
    }
    return true;
  }

  /// A parameter a compiled spec names: it must exist and be a duration.
  void CheckDurationParameter(const std::string& id, const SourceLoc& loc) {
    auto it = parameters_.find(id);
    if (it == parameters_.end()) {
      sink_.Report(DiagKind::kUnknownParameter, loc,
                   "unknown parameter '" + id + "'" + base::DidYouMean(id, Keys(parameters_)));
    } else if (it->second.declaration->type != "duration") {
      sink_.Report(DiagKind::kBadValue, loc, "parameter '" + id + "' is a " + it->second.declaration->type +
                                                 "; a deadline here must be a duration");
    }
  }

  /// A section the compiled tables go into (DOC#SECTION) exists in the library.
  void CheckTableSection(const std::string& section, const SourceLoc& loc, const char* what) {
    if (section.find('#') == std::string::npos) {
      sink_.Report(DiagKind::kDanglingReference, loc,
                   std::string(what) + " go into a section: write section=\"DOCUMENT#SECTION\"");
    } else if (!targets_.count(section) && !excluded_refs_.count(section)) {
      sink_.Report(DiagKind::kDanglingReference, loc,
                   "no section '" + section + "' for the " + what + base::DidYouMean(section, Keys(targets_)));
    }
  }

  /// The profile's external contacts, processing activities and the
  /// escalation tree against the library's incident response knowledge
  /// (compiled-documents.xml) and the facts.
  void CheckIncidentResponse() {
    const model::CompiledCatalogue& compiled = library_.compiled;
    const auto* spec = ContactsSpec();
    for (const model::ExternalContact& c : profile_.contacts) {
      if (spec && spec->Kind(c.kind)) continue;
      sink_.Report(DiagKind::kUnknownContactKind, c.loc,
                   "contact '" + c.name + "' is of unknown kind '" + c.kind + "'" +
                       base::DidYouMean(c.kind, ContactKindIds()) +
                       (spec ? " (the kinds are " + base::Join(ContactKindIds(), ", ") + ")"
                             : " (the library declares no external contacts)"));
    }
    if (spec) {
      CheckTableSection(spec->section, spec->loc, "external contacts");
      for (const model::ContactRequirement& rule : spec->requirements) {
        bool known = true;
        for (const std::string& kind : rule.kinds) {
          if (spec->Kind(kind)) continue;
          known = false;
          sink_.Report(DiagKind::kUnknownContactKind, rule.loc,
                       "required contact kind '" + kind + "' is not declared" + base::DidYouMean(kind, ContactKindIds()));
        }
        const std::optional<std::string> when = rule.when.empty() ? std::nullopt : std::optional(rule.when);
        if (!known || !Holds(when, rule.loc)) continue;
        if (std::any_of(rule.kinds.begin(), rule.kinds.end(), [&](const auto& k) { return ListsContact(k); })) continue;
        std::vector<std::string> titles, elements;
        for (const std::string& kind : rule.kinds) {
          titles.push_back(spec->Kind(kind)->title + " (kind " + kind + ")");
          elements.push_back("<contact kind=\"" + kind + "\" .../>");
        }
        sink_.Report(DiagKind::kMissingContact, profile_.contacts_loc,
                     "the profile's contacts include no " + base::Join(titles, " or ") +
                         ", which the incident response plan needs " + rule.reason + "; add " +
                         base::Join(elements, " or ") + " under <contacts>");
        sink_.AddNote(rule.loc, rule.when.empty() ? "always required" : "required when " + rule.when);
      }
    }
    if (const auto& processing = compiled.processing_activities) {
      CheckTableSection(processing->section, processing->loc, "processing activities");
      CheckDurationParameter(processing->deadline, processing->loc);
      const bool controller = Holds(processing->controller_when, processing->loc);
      const bool processor = Holds(processing->processor_when, processing->loc);
      // A fact already reported as missing or wrong says nothing about the role.
      const bool facts_usable = FactsUsable(processing->controller_when) && FactsUsable(processing->processor_when);
      bool any_processor = false;
      for (const model::ProcessingActivity& activity : facts_usable ? profile_.processing
                                                                    : std::vector<model::ProcessingActivity>{}) {
        const bool as_processor = activity.role == "processor";
        any_processor |= as_processor;
        if (as_processor ? !processor : !controller) {
          sink_.Report(DiagKind::kProcessingRole, activity.loc,
                       "'" + activity.name + "' has role=\"" + activity.role + "\", but the facts say the organisation is not a " +
                           (as_processor ? "processor (" + processing->processor_when + " is false)"
                                         : "controller (" + processing->controller_when + " is false)") +
                           "; correct the activity's role or the facts");
        }
        if (as_processor && activity.controllers.empty()) {
          sink_.Report(DiagKind::kProcessingRole, activity.loc,
                       "'" + activity.name + "' is processed for controllers but does not say whom to notify of a breach; "
                       "add controllers=\"...\"");
        }
        model::DurationError problem;
        if (!activity.notify_within.empty() && !activity.role.empty() &&
            !model::ParseDuration(activity.notify_within, &problem)) {
          sink_.Report(DiagKind::kProcessingRole, activity.loc,
                       "notify-within '" + activity.notify_within + "' of '" + activity.name + "' is " +
                           (problem == model::DurationError::kTooLong
                                ? std::string("longer than ") + model::kMaxDurationText + ", the longest duration policyc reads"
                                : std::string("not a duration")) +
                           "; write e.g. \"24 hours\"");
        } else if (!activity.notify_within.empty() && !as_processor) {
          sink_.Report(DiagKind::kProcessingRole, activity.loc,
                       "'" + activity.name + "' has notify-within but is not processed for a controller; remove it");
        }
      }
      if (facts_usable && processor && !any_processor) {
        sink_.Report(DiagKind::kMissingContact, profile_.data_protection_loc,
                     "the organisation processes personal data for controllers (" + processing->processor_when +
                         "), but the profile names no controller to notify of a breach; list the activities under "
                         "<data-protection> as <processing role=\"processor\" controllers=\"...\"/>");
      }
    }
    std::set<std::string> warned;
    for (const model::EscalationLevel& level : compiled.escalation) {
      CheckTableSection(level.section, level.loc, "escalation tree");
      for (const model::EscalationCall& call : level.calls) {
        if (!call.within.empty()) CheckDurationParameter(call.within, call.loc);
        if (!call.contact.empty() && !(spec && spec->Kind(call.contact))) {
          sink_.Report(DiagKind::kUnknownContactKind, call.loc,
                       "the escalation tree calls unknown contact kind '" + call.contact + "'" +
                           base::DidYouMean(call.contact, ContactKindIds()));
        }
        if (call.roles.empty() == call.contact.empty()) {
          sink_.Report(DiagKind::kDanglingReference, call.loc, "a call names roles or a contact, not both or neither");
        }
        for (const std::string& role : call.roles) {
          CheckRoleRef(role, call.loc, true);
          if (!roles_.count(role) || !call.needs_deputy || !warned.insert(role).second) continue;
          const auto& holders = holders_[role];
          const bool deputy = std::any_of(profile_.people.begin(), profile_.people.end(), [&](const model::Person& p) {
            return std::find(p.deputy_for.begin(), p.deputy_for.end(), role) != p.deputy_for.end();
          });
          if (holders.size() != 1 || deputy) continue;
          const model::Person& holder = *people_.at(holders.front());
          sink_.Report(DiagKind::kNoDeputy, holder.loc,
                       holder.name + " is the only " + roles_.at(role)->title +
                           " and nobody deputises: the escalation tree calls a deputy when the holder does not answer; "
                           "add deputy-for=\"" + role + "\" to another <person>");
          sink_.AddNote(call.loc, "the escalation tree calls the " + role + " here");
        }
      }
    }
  }

  /// Dated sections: once a document dates one top-level section's review,
  /// it dates them all, and each dated section shows its date. A dated
  /// section of an included document older than the document's review
  /// cycle at the as-of date is due for checking against the law.
  void CheckSectionReviews() {
    for (const model::Document& doc : library_.documents) {
      if (sources_.count(doc.id)) {
        const int months = doc.review_months.value_or(PolicyReviewMonths());
        for (const model::Section& section : doc.sections) {
          if (section.reviewed.empty() || AddMonths(section.reviewed, months) >= profile_.as_of) continue;
          sink_.Report(DiagKind::kSectionReviewOverdue, section.loc,
                       "'" + doc.id + "#" + section.id + "' was last reviewed on " + section.reviewed +
                           ", more than the document's review cycle of " + std::to_string(months) +
                           " months before the pack's as-of date " + profile_.as_of +
                           "; check it against the law in force and update reviewed=\"YYYY-MM-DD\"");
        }
      }
      const bool any = std::any_of(doc.sections.begin(), doc.sections.end(),
                                   [](const model::Section& s) { return !s.reviewed.empty(); });
      if (!any) continue;
      for (const model::Section& section : doc.sections) {
        if (section.reviewed.empty()) {
          sink_.Report(DiagKind::kSectionReviewDate, section.loc,
                       "section '" + doc.id + "#" + section.id + "' has no reviewed=\"YYYY-MM-DD\", but other sections of '" +
                           doc.id + "' are dated; date every entry the document reviews");
        } else if (!section.intro || section.intro->markdown.find("{{section.reviewed}}") == std::string::npos) {
          sink_.Report(DiagKind::kSectionReviewDate, section.loc,
                       "section '" + doc.id + "#" + section.id + "' is dated " + section.reviewed +
                           " but its introduction does not show the date; write {{section.reviewed}} in it");
        }
      }
    }
  }

  // ---- variables ----
  std::optional<std::string> ResolveParameter(const std::string& name, VariableFailure* failure) const {
    auto it = parameters_.find(name);
    if (it == parameters_.end()) {
      failure->kind = DiagKind::kUnknownParameter;
      failure->message = "unknown parameter '" + name + "' (see 'policyc list parameters')" +
                         base::DidYouMean(name, Keys(parameters_));
      return std::nullopt;
    }
    if (!it->second.usable) {
      failure->already_reported = true;  // its value was reported
      return std::nullopt;
    }
    // A value reads exactly as the profile gives it: "--all" stays "--all".
    return base::EscapeMarkdownLiteral(it->second.value.ToText(it->second.declaration->unit));
  }

  std::optional<std::string> ResolveOrganisation(const std::string& field, VariableFailure* failure) const {
    if (field == "scope") return ResolveScope(failure);
    const model::Organisation& org = profile_.organisation;
    const model::Certification none;
    const model::Certification& cert = profile_.certification ? *profile_.certification : none;
    struct Field {
      std::string value;
      const char* attribute;
      const char* element = "organisation";
    };
    const std::map<std::string, Field> fields = {
        {"name", {org.name, "name"}},
        {"legal_name", {org.legal_name, "legal-name"}},
        {"company_number", {org.company_number, "company-number"}},
        {"charity_number", {org.charity_number, "charity-number"}},
        {"registered_office", {org.registered_office, "registered-office"}},
        {"ico_registration", {org.ico_registration, "ico-registration"}},
        {"sector", {org.sector, "sector"}},
        {"certification_body", {cert.body, "body", "certification"}},
        {"certificate", {cert.certificate, "certificate", "certification"}},
        {"certified_on", {cert.certified_on, "certified-on", "certification"}},
        {"certification_expires", {cert.expires, "expires", "certification"}},
        {"certification_target", {cert.target, "target", "certification"}},
    };
    auto it = fields.find(field);
    if (it == fields.end()) {
      std::vector<std::string> names = {"{{org.scope}}"};
      for (const auto& [key, value] : fields) names.push_back("{{org." + key + "}}");
      failure->message = "unknown variable {{org." + field + "}}" +
                         base::DidYouMean("{{org." + field + "}}", names);
      return std::nullopt;
    }
    const Field& f = it->second;
    if (f.value.empty()) {
      failure->kind = DiagKind::kMissingValue;
      failure->message = "{{org." + field + "}} is used but the profile's <" + f.element + "> has no " +
                         f.attribute + "; add " + f.attribute + "=\"...\"";
      return std::nullopt;
    }
    return base::EscapeMarkdown(f.value);
  }

  /// The profile's scope statement, its own variables expanded: Markdown
  /// as the profile writes it, so that a document prints it whole.
  std::optional<std::string> ResolveScope(VariableFailure* failure) const {
    if (expanding_scope_) {
      failure->message = "{{org.scope}} is used inside the scope statement itself; remove it";
      return std::nullopt;
    }
    if (base::Trim(pack_.scope).empty()) {
      failure->kind = DiagKind::kMissingValue;
      failure->message = "{{org.scope}} is used but the profile's <scope> is empty; write the ISMS scope statement there";
      return std::nullopt;
    }
    return pack_.scope;
  }

  std::optional<std::string> ResolveRole(const std::string& name, VariableFailure* failure) const {
    bool holders = name.rfind("holders.", 0) == 0;
    const std::string id = name.substr(holders ? 8 : 5);
    auto role = roles_.find(id);
    if (role == roles_.end()) {
      failure->kind = DiagKind::kUnknownRole;
      failure->message = "unknown role '" + id + "'" + base::DidYouMean(id, Keys(roles_));
      return std::nullopt;
    }
    if (!holders) return base::EscapeMarkdown(role->second->title);
    auto it = holders_.find(id);
    if (it == holders_.end() || it->second.empty()) {
      failure->kind = DiagKind::kUnheldRole;
      failure->message = "{{holders." + id + "}} names nobody: no person in the profile holds '" + id +
                         "'; add it to the roles of a <person>";
      return std::nullopt;
    }
    std::vector<std::string> names;
    for (const std::string& person : it->second) {
      names.push_back(people_.at(person)->name + " (" + people_.at(person)->job_title + ")");
    }
    return base::EscapeMarkdown(base::JoinEnglish(names));
  }

  std::optional<std::string> ResolveReference(const std::string& target, VariableFailure* failure) const {
    auto it = targets_.find(target);
    if (it == targets_.end()) {
      failure->kind = DiagKind::kDanglingReference;
      auto excluded = excluded_refs_.find(target);
      if (excluded != excluded_refs_.end()) {
        failure->message = "reference to '" + target + "', which is not included for this organisation" +
                           (excluded->second.empty() ? std::string(" (an enclosing condition is false)")
                                                     : " (its condition '" + excluded->second + "' is false)") +
                           "; give this statement the same condition, or refer to something that applies";
      } else {
        failure->message = "reference to '" + target + "', which does not exist" +
                           base::DidYouMean(target, Keys(targets_));
      }
      return std::nullopt;
    }
    const Target& t = it->second;
    std::string label;
    if (t.number.empty()) {
      label = t.document_title;
    } else {
      label = (t.document_id == current_document_ ? "" : t.document_title + ", ") +
              (t.is_statement ? "statement " : "section ") + t.number;
    }
    return "[" + base::EscapeMarkdown(label) + "](policyc:" + target + ")";
  }

  /// {{documents.policy}}: a Markdown list of links to the topic-specific
  /// documents of that kind in the pack (those not written for clauses 4 to
  /// 10), by title, other than the one being written.
  std::optional<std::string> ResolveDocumentList(const std::string& kind, VariableFailure* failure) const {
    static const std::vector<std::string> kKinds = {"policy", "standard", "procedure", "plan",
                                                    "guide", "register", "record"};
    if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end()) {
      failure->message = "unknown document kind in {{documents." + kind + "}}; kinds are " +
                         base::Join(kKinds, ", ") + base::DidYouMean(kind, kKinds);
      return std::nullopt;
    }
    std::vector<std::pair<std::string, std::string>> listed;
    for (const ResolvedDocument& doc : pack_.documents) {
      if (doc.kind == kind && doc.clauses.empty() && doc.id != current_document_) {
        listed.emplace_back(doc.title, doc.id);
      }
    }
    std::sort(listed.begin(), listed.end());
    std::vector<std::string> lines;
    for (const auto& [title, id] : listed) {
      lines.push_back("- [" + base::EscapeMarkdown(title) + "](policyc:" + id + ")");
    }
    if (lines.empty()) return std::string("- none");
    return base::Join(lines, "\n");
  }

  // ---- text ----
  void ExpandTexts() {
    // Runs after every document is numbered, so that a reference to a
    // later document already knows its numbers. The scope statement comes
    // first: documents may print it ({{org.scope}}).
    expanding_scope_ = true;
    pack_.scope = ExpandText(profile_.scope, *this, sink_, &text_budget_);
    expanding_scope_ = false;
    for (ResolvedDocument& doc : pack_.documents) {
      const model::Document& source = *sources_.at(doc.id);
      current_document_ = doc.id;
      doc.summary = ExpandText(source.summary, *this, sink_, &text_budget_);
      std::map<std::string, const model::Statement*> statements;
      std::map<std::string, const model::Section*> sections;
      IndexSource(source, statements, sections);
      ExpandSections(doc.sections, statements, sections);
    }
    current_document_.clear();
  }

  static void IndexItems(const std::vector<model::SectionItem>& items,
                         std::map<std::string, const model::Statement*>& statements,
                         std::map<std::string, const model::Section*>& sections) {
    for (const auto& item : items) {
      if (const auto* s = std::get_if<model::Statement>(&item)) {
        statements[s->id] = s;
      } else {
        const auto& section = std::get<model::Section>(item);
        sections[section.id] = &section;
        IndexItems(section.items, statements, sections);
      }
    }
  }

  static void IndexSource(const model::Document& doc,
                          std::map<std::string, const model::Statement*>& statements,
                          std::map<std::string, const model::Section*>& sections) {
    for (const model::Section& section : doc.sections) {
      sections[section.id] = &section;
      IndexItems(section.items, statements, sections);
    }
  }

  void ExpandSections(std::vector<ResolvedSection>& list,
                      const std::map<std::string, const model::Statement*>& statements,
                      const std::map<std::string, const model::Section*>& sections) {
    for (ResolvedSection& section : list) ExpandSection(section, statements, sections);
  }

  void ExpandSection(ResolvedSection& section,
                     const std::map<std::string, const model::Statement*>& statements,
                     const std::map<std::string, const model::Section*>& sections) {
    const model::Section* source = sections.at(section.id);
    // {{section.reviewed}} reads the nearest enclosing dated section.
    const std::string enclosing_reviewed = current_reviewed_;
    if (!source->reviewed.empty()) current_reviewed_ = source->reviewed;
    if (source->intro) {
      section.intro = ExpandText(*source->intro, *this, sink_, &text_budget_);
      section.variables = VariableNames(source->intro->markdown);
      section.source_hash = base::Sha256Hex(source->intro->markdown).substr(0, 16);
    }
    for (model::ResolvedItem& item : section.items) {
      if (auto* rs = std::get_if<ResolvedStatement>(&item)) {
        const model::Statement* s = statements.at(rs->id);
        rs->text = ExpandText(s->text, *this, sink_, &text_budget_);
        rs->variables = VariableNames(s->text.markdown);
        rs->source_hash = base::Sha256Hex(s->text.markdown).substr(0, 16);
        if (s->evidence) rs->evidence = ExpandText(*s->evidence, *this, sink_, &text_budget_);
        if (s->training) rs->training = ExpandText(*s->training, *this, sink_, &text_budget_);
        if (!s->training_objective.empty()) {
          rs->training_objective = ExpandText(model::Text{s->training_objective, s->loc}, *this, sink_, &text_budget_);
        }
        if (s->quiz) {
          rs->quiz.emplace();
          rs->quiz->question = ExpandText(s->quiz->question, *this, sink_, &text_budget_);
          rs->quiz->answer = ExpandText(s->quiz->answer, *this, sink_, &text_budget_);
          for (const model::Text& wrong : s->quiz->wrong) rs->quiz->wrong.push_back(ExpandText(wrong, *this, sink_, &text_budget_));
        }
      } else {
        ExpandSection(std::get<ResolvedSection>(item), statements, sections);
      }
    }
    current_reviewed_ = enclosing_reviewed;
  }

  // ---- SoA ----
  void BuildSoa() {
    std::map<std::string, const model::SoaExclusion*> excluded;
    std::map<std::string, const model::SoaStatus*> status;
    for (const model::SoaExclusion& e : profile_.exclusions) {
      if (!controls_.count(e.control)) {
        sink_.Report(DiagKind::kUnknownControl, e.loc,
                     "the SoA excludes unknown control '" + e.control + "'" +
                         base::DidYouMean(e.control, Keys(controls_)));
        continue;
      }
      auto [it, first] = excluded.emplace(e.control, &e);
      if (!first) {
        sink_.Report(DiagKind::kDuplicateSoaDecision, e.loc,
                     "control " + e.control + " is excluded twice; keep one <exclude>");
        sink_.AddNote(it->second->loc, "first excluded here");
      }
    }
    for (const model::SoaStatus& s : profile_.statuses) {
      if (!controls_.count(s.control)) {
        sink_.Report(DiagKind::kUnknownControl, s.loc,
                     "the SoA gives a status to unknown control '" + s.control + "'" +
                         base::DidYouMean(s.control, Keys(controls_)));
        continue;
      }
      auto [it, first] = status.emplace(s.control, &s);
      if (!first) {
        sink_.Report(DiagKind::kDuplicateSoaDecision, s.loc,
                     "control " + s.control + " has two statuses; keep one <status>");
        sink_.AddNote(it->second->loc, "first status here");
        continue;
      }
      if (excluded.count(s.control)) {
        sink_.Report(DiagKind::kDuplicateSoaDecision, s.loc,
                     "control " + s.control + " is excluded, so it cannot have an implementation status; "
                     "remove the <status> or the <exclude>");
        sink_.AddNote(excluded[s.control]->loc, "excluded here");
      }
      if ((s.status == "planned" || s.status == "partial") && s.date.empty()) {
        sink_.Report(DiagKind::kStatusWithoutDate, s.loc,
                     "control " + s.control + " is " + s.status +
                         " but has no target date; add date=\"YYYY-MM-DD\"");
      }
    }
    std::map<std::string, std::vector<const model::Requirement*>> requirement_controls;
    std::map<std::string, SourceLoc> requirement_ids;
    for (const model::Requirement& r : profile_.requirements) {
      auto [it, first] = requirement_ids.emplace(r.id, r.loc);
      if (!first) {
        sink_.Report(DiagKind::kDuplicateId, r.loc, "requirement '" + r.id + "' is defined twice");
        sink_.AddNote(it->second, "first defined here");
      }
      for (const std::string& control : r.controls) {
        if (!controls_.count(control)) {
          sink_.Report(DiagKind::kUnknownControl, r.loc,
                       "requirement " + r.id + " calls for unknown control '" + control + "'" +
                           base::DidYouMean(control, Keys(controls_)));
        } else if (excluded.count(control)) {
          sink_.Report(DiagKind::kRequirementExcludedControl, r.loc,
                       "requirement " + r.id + " calls for " + control +
                           ", which the SoA excludes; include the control, or correct the requirement's controls");
          sink_.AddNote(excluded[control]->loc, "excluded here");
        } else {
          requirement_controls[control].push_back(&r);
        }
      }
    }
    std::map<std::string, std::vector<std::string>> implemented_by;
    std::map<std::string, std::set<std::string>> implementing_docs;
    for (const auto& [statement, doc_id] : statements_) {
      for (const std::string& c : statement->controls) {
        implemented_by[c].push_back(doc_id + "#" + statement->id);
        implementing_docs[c].insert(doc_id);
      }
    }
    for (const model::Control& control : library_.catalogue.controls) {
      model::SoaRow row;
      row.control = control.id;
      row.title = control.title;
      row.theme = control.theme;
      row.implemented_by = implemented_by[control.id];
      auto ex = excluded.find(control.id);
      if (ex != excluded.end()) {
        row.applicable = false;
        row.justification = ex->second->reason;
        if (!row.implemented_by.empty()) {
          sink_.Report(DiagKind::kExcludedControlImplemented, ex->second->loc,
                       "control " + control.id + " is excluded, yet " +
                           std::to_string(row.implemented_by.size()) +
                           " included statement(s) implement it, e.g. " + row.implemented_by[0] +
                           "; remove the exclusion or the statements");
        }
      } else {
        if (row.implemented_by.empty()) {
          auto because = excluded_implementations_.find(control.id);
          std::string conditions;
          if (because != excluded_implementations_.end()) {
            std::vector<std::string> list;
            for (const std::string& c : because->second) list.push_back(c.empty() ? "an enclosing condition" : "'" + c + "'");
            conditions = base::JoinEnglish(list);
          }
          sink_.Report(DiagKind::kUncoveredControl, control.loc,
                       control.id + " " + control.title + " is applicable but no included statement implements it" +
                           (conditions.empty()
                                ? "; add a statement with controls=\"" + control.id +
                                      "\" or exclude it in the profile's <soa> with a reason"
                                : ": its statements apply only when " + conditions +
                                      ", which does not hold for this organisation; it is a candidate for exclusion: "
                                      "add <exclude control=\"" + control.id + "\" reason=\"...\"/> to the profile's <soa>"));
        } else {
          std::vector<std::string> titles;
          for (const std::string& doc_id : implementing_docs[control.id]) {
            titles.push_back(sources_.at(doc_id)->title);
          }
          const std::string first_doc = row.implemented_by[0].substr(0, row.implemented_by[0].find('#'));
          row.owner = sources_.at(first_doc)->owner;
        }
        auto st = status.find(control.id);
        if (st != status.end()) {
          row.status = st->second->status;
          row.status_date = st->second->date;
          row.reasons.stated = st->second->reason;
        } else {
          sink_.Report(DiagKind::kStatusMissing, profile_.soa_loc,
                       control.id + " " + control.title +
                           " is applicable but its implementation status is not stated; add <status control=\"" +
                           control.id + "\" value=\"implemented\"/> (or partial, planned or not-implemented) to <soa>");
        }
        for (const model::Requirement* r : requirement_controls[control.id]) {
          row.reasons.requirements.emplace_back(r->kind, r->title);
        }
      }
      pack_.soa.push_back(std::move(row));
    }
  }

  // ---- assets and risks ----
  void CheckRiskOwners() {
    std::map<std::string, SourceLoc> ids;
    for (const model::Asset& asset : profile_.assets) {
      auto [it, first] = ids.emplace(asset.id, asset.loc);
      if (!first) {
        sink_.Report(DiagKind::kDuplicateId, asset.loc, "asset '" + asset.id + "' is defined twice");
        sink_.AddNote(it->second, "first defined here");
      }
      CheckOwner(asset.owner, asset.loc, "asset " + asset.id + "'s owner");
    }
    ids.clear();
    for (const model::Risk& risk : profile_.risks) {
      auto [it, first] = ids.emplace(risk.id, risk.loc);
      if (!first) {
        sink_.Report(DiagKind::kDuplicateId, risk.loc, "risk '" + risk.id + "' is defined twice");
        sink_.AddNote(it->second, "first defined here");
      }
      CheckOwner(risk.owner, risk.loc, "risk " + risk.id + "'s owner");
      if (!risk.treatment_owner.empty()) {
        CheckOwner(risk.treatment_owner, risk.loc, "risk " + risk.id + "'s treatment owner");
      }
    }
    for (const model::Objective& o : profile_.objectives) CheckRoleRef(o.owner, o.loc, true);
    for (const model::Nonconformity& n : profile_.nonconformities) CheckRoleRef(n.owner, n.loc, true);
  }

  /// An owner that must be one named person: a person's id, or a role that
  /// exactly one person holds.
  void CheckOwner(const std::string& owner, const SourceLoc& loc, const std::string& what) {
    if (people_.count(owner)) return;
    if (!roles_.count(owner)) {
      std::vector<std::string> candidates = Keys(roles_);
      for (const auto& [id, person] : people_) candidates.push_back(id);
      sink_.Report(DiagKind::kUnknownRole, loc,
                   what + " '" + owner + "' is neither one of the profile's people nor a role (see 'policyc list roles')" +
                       base::DidYouMean(owner, candidates));
      return;
    }
    CheckRoleRef(owner, loc, true);
    const std::vector<std::string>& holders = holders_[owner];
    if (holders.size() == 1) return;
    if (holders.empty()) return;  // resolve.unheld-role says so
    std::vector<std::string> names;
    for (const std::string& id : holders) names.push_back(people_.at(id)->name + " (" + id + ")");
    sink_.Report(DiagKind::kOwnerNotOnePerson, loc,
                 what + " is the role '" + owner + "', which " + std::to_string(holders.size()) +
                     " people hold: " + base::JoinEnglish(names) + "; name the one accountable person, e.g. \"" +
                     holders.front() + "\"");
  }

  /// The person an owner names: the person, or the one holder of the role.
  std::string OwnerPerson(const std::string& owner) const {
    if (people_.count(owner)) return owner;
    auto it = holders_.find(owner);
    return it != holders_.end() && it->second.size() == 1 ? it->second.front() : "";
  }

  /// A risk acceptance is by someone entitled to accept it (the risk owner,
  /// or a holder of the role the risk register names as acceptor: top
  /// management in the shipped library), on or before the as-of date.
  void CheckAcceptance(const model::Risk& risk) {
    if (risk.accepted_by.empty() || !people_.count(risk.accepted_by)) return;
    std::set<std::string> entitled;
    auto add_role = [&](const std::string& role) {
      auto it = holders_.find(role);
      if (it != holders_.end()) entitled.insert(it->second.begin(), it->second.end());
    };
    if (people_.count(risk.owner)) {
      entitled.insert(risk.owner);
    } else {
      add_role(risk.owner);
    }
    std::string acceptor_role;
    if (const model::CompiledDocumentSpec* spec = library_.compiled.Find("risk-list")) {
      if (const model::CompiledUse* use = spec->Use("acceptor")) acceptor_role = use->role;
    }
    if (!acceptor_role.empty()) add_role(acceptor_role);
    if (!entitled.count(risk.accepted_by)) {
      std::vector<std::string> names;
      for (const std::string& id : entitled) names.push_back(people_.at(id)->name + " (" + id + ")");
      const model::Person& by = *people_.at(risk.accepted_by);
      sink_.Report(DiagKind::kRiskAcceptor, risk.loc,
                   "risk " + risk.id + " was accepted by " + by.name + " (" + by.job_title +
                       "), who is neither its owner nor " +
                       (acceptor_role.empty() ? std::string("entitled to accept risks") : "a holder of '" + acceptor_role + "'") +
                       "; only " + (names.empty() ? std::string("its owner") : base::JoinEnglish(names)) +
                       " may accept it");
    }
    if (risk.accepted_on.empty()) {
      sink_.Report(DiagKind::kRiskAcceptedLater, risk.loc,
                   "risk " + risk.id + " was accepted by '" + risk.accepted_by +
                       "' on no recorded date; add accepted-on=\"YYYY-MM-DD\"");
    } else if (risk.accepted_on > profile_.as_of) {
      sink_.Report(DiagKind::kRiskAcceptedLater, risk.loc,
                   "risk " + risk.id + " is recorded as accepted on " + risk.accepted_on +
                       ", after the pack's as-of date " + profile_.as_of +
                       "; an acceptance cannot come after the date the pack speaks for: correct the date, or move as-of");
    }
  }

  void CheckImprovement() {
    for (const model::Objective& o : profile_.objectives) {
      if (o.due < profile_.as_of && (o.status == "on-track" || o.status == "at-risk")) {
        sink_.Report(DiagKind::kObjectiveOverdue, o.loc,
                     "objective " + o.id + " was due on " + o.due + ", before the pack's as-of date " + profile_.as_of +
                         ", and is still " + o.status + "; record it as achieved or missed, with the result");
      }
    }
    for (const model::Nonconformity& n : profile_.nonconformities) {
      if (n.status == "open" && n.due < profile_.as_of) {
        sink_.Report(DiagKind::kCorrectiveActionOverdue, n.loc,
                     "the corrective action for nonconformity " + n.id + " was due on " + n.due +
                         ", before the pack's as-of date " + profile_.as_of +
                         "; close it (status=\"closed\" closed-on=\"DATE\") or agree a new due date");
      }
    }
    pack_.objectives = profile_.objectives;
    pack_.nonconformities = profile_.nonconformities;
  }

  static std::string Band(int rating) {
    if (rating <= 4) return "Low";
    if (rating <= 9) return "Medium";
    if (rating <= 16) return "High";
    return "Critical";
  }

  void ResolveRisks() {
    auto appetite = parameters_.find("risk_appetite_threshold");
    if (appetite != parameters_.end() && appetite->second.value.type == model::ValueType::kInteger) {
      pack_.risk_appetite = static_cast<int>(appetite->second.value.integer);
    }
    const int limit = pack_.risk_appetite;
    std::map<std::string, const model::Asset*> assets;
    for (const model::Asset& asset : profile_.assets) assets[asset.id] = &asset;
    std::set<std::string> excluded;
    for (const model::SoaExclusion& e : profile_.exclusions) excluded.insert(e.control);
    for (const model::Risk& risk : profile_.risks) {
      model::ResolvedRisk out;
      out.risk = risk;
      out.inherent = risk.likelihood * risk.impact;
      out.inherent_band = Band(out.inherent);
      if (risk.residual_likelihood > 0 && risk.residual_impact > 0) {
        out.residual = risk.residual_likelihood * risk.residual_impact;
        out.residual_band = Band(out.residual);
      }
      auto asset = assets.find(risk.asset);
      if (asset == assets.end()) {
        sink_.Report(DiagKind::kDanglingReference, risk.loc,
                     "risk " + risk.id + " is about asset '" + risk.asset + "', which the profile's <assets> does not list" +
                         base::DidYouMean(risk.asset, Keys(assets)));
      } else {
        out.asset_name = asset->second->name;
      }
      const bool accepted = !risk.accepted_by.empty();
      if (accepted && !people_.count(risk.accepted_by)) {
        sink_.Report(DiagKind::kUnknownPerson, risk.loc,
                     "risk " + risk.id + " was accepted by '" + risk.accepted_by + "', who is not one of the profile's people" +
                         base::DidYouMean(risk.accepted_by, Keys(people_)));
      }
      CheckAcceptance(risk);
      if (out.inherent > limit && risk.treatment.empty() && !accepted) {
        sink_.Report(DiagKind::kRiskUntreated, risk.loc,
                     "risk " + risk.id + " is rated " + std::to_string(out.inherent) + " (" + out.inherent_band +
                         "), above the appetite of " + std::to_string(limit) +
                         ", but has no treatment and no recorded acceptance; add treatment=\"...\" or accepted-by=\"PERSON\"");
      }
      for (const std::string& control : risk.controls) {
        if (!controls_.count(control)) {
          sink_.Report(DiagKind::kUnknownControl, risk.loc,
                       "risk " + risk.id + " relies on unknown control '" + control + "'" + base::DidYouMean(control, Keys(controls_)));
        } else if (excluded.count(control)) {
          sink_.Report(DiagKind::kRiskExcludedControl, risk.loc,
                       "risk " + risk.id + " relies on " + control +
                           ", which the SoA excludes; include the control or choose another treatment");
          for (const model::SoaExclusion& e : profile_.exclusions) {
            if (e.control == control) sink_.AddNote(e.loc, "excluded here");
          }
        }
      }
      if (out.residual > limit && !accepted) {
        sink_.Report(DiagKind::kRiskResidualNotAccepted, risk.loc,
                     "risk " + risk.id + " keeps a residual rating of " + std::to_string(out.residual) +
                         " above the appetite of " + std::to_string(limit) +
                         "; its owner must accept it (accepted-by=\"PERSON\" accepted-on=\"DATE\") or the treatment must go further");
      }
      if (!risk.due.empty() && !risk.done && risk.due < profile_.as_of) {
        out.overdue = true;
        sink_.Report(DiagKind::kRiskOverdue, risk.loc,
                     "the treatment of risk " + risk.id + " was due on " + risk.due + ", before the pack's as-of date " +
                         profile_.as_of + "; mark it done=\"true\" or set a new due date");
      }
      pack_.risks.push_back(std::move(out));
    }
    pack_.assets = profile_.assets;
  }

  /// The SoA's reasons for each applicable control, and its justification
  /// in words: the organisation's own reason, then the risks that rely on
  /// it, then the legal register entries and requirements that call for it.
  void JustifySoa() {
    std::map<std::string, std::vector<const model::ResolvedRisk*>> treats;
    for (const auto& r : pack_.risks) {
      for (const std::string& c : r.risk.controls) treats[c].push_back(&r);
    }
    for (model::SoaRow& row : pack_.soa) {
      if (!row.applicable) continue;
      model::SoaReasons& reasons = row.reasons;
      for (const model::ResolvedRisk* r : treats[row.control]) {
        reasons.risks.emplace_back(r->risk.id, r->risk.title.empty() ? r->risk.threat : r->risk.title);
      }
      reasons.legal = required_by_[row.control];
      for (const std::string& clause : controls_.at(row.control)->supports) {
        for (const auto& [id, title] : pack_.clauses) {
          if (id == clause) reasons.clauses.emplace_back(id, title);
        }
      }
      row.justification = Justification(reasons);
      if (reasons.empty() && !row.implemented_by.empty()) {
        const model::Control& control = *controls_.at(row.control);
        sink_.Report(DiagKind::kUnjustifiedControl, profile_.soa_loc,
                     control.id + " " + control.title +
                         " is applicable, but the SoA has no reason for it: no risk relies on it and no legal "
                         "register entry or requirement calls for it; give the organisation's reason with reason=\"...\" "
                         "on its <status>, or name it in a risk's or a requirement's controls");
      }
    }
  }

  /// "Staff work from home. Treats risks r02 (Phishing of administrators)
  /// and r07 (Lost laptops). Needed to meet clause 5.2 (Policy). Legal
  /// register: UK GDPR and Data Protection Act 2018; Computer Misuse Act
  /// 1990. Contract: Council contracts."
  static std::string Justification(const model::SoaReasons& reasons) {
    std::vector<std::string> sentences;
    auto sentence = [&](std::string text) {
      if (text.empty()) return;
      if (text.back() != '.' && text.back() != '!' && text.back() != '?') text += '.';
      sentences.push_back(std::move(text));
    };
    sentence(reasons.stated);
    if (!reasons.risks.empty()) {
      std::vector<std::string> risks;
      for (const auto& [id, title] : reasons.risks) risks.push_back(id + " (" + title + ")");
      sentence("Treats risk" + std::string(risks.size() > 1 ? "s " : " ") + base::JoinEnglish(risks));
    }
    if (!reasons.clauses.empty()) {
      std::vector<std::string> clauses;
      for (const auto& [id, title] : reasons.clauses) clauses.push_back(id + " (" + title + ")");
      sentence("Needed to meet clause" + std::string(clauses.size() > 1 ? "s " : " ") + base::JoinEnglish(clauses));
    }
    if (!reasons.legal.empty()) {
      sentence("Legal register: " + base::Join(reasons.legal, "; "));
    }
    std::map<std::string, std::vector<std::string>> by_kind;
    std::vector<std::string> kinds;
    for (const auto& [kind, title] : reasons.requirements) {
      if (!by_kind.count(kind)) kinds.push_back(kind);
      by_kind[kind].push_back(title);
    }
    for (const std::string& kind : kinds) {
      static const std::map<std::string, std::string> kLead = {
          {"contract", "Contract"}, {"regulator", "Regulator"}, {"certification", "Certification"},
          {"insurer", "Insurer"}, {"other", "Requirement"}};
      auto lead = kLead.find(kind);
      sentence((lead == kLead.end() ? "Requirement" : lead->second) + ": " + base::Join(by_kind[kind], "; "));
    }
    return base::Join(sentences, " ");
  }

  /// The organisation's registration fits its legal form.
  void CheckOrganisation() {
    const model::Organisation& org = profile_.organisation;
    const std::string form = org.legal_form.empty() ? "company" : org.legal_form;
    const bool companies_house = form == "company" || form == "charitable-company" || form == "llp";
    const bool charity = form == "charitable-company" || form == "cio" || form == "unincorporated-charity";
    if (companies_house && org.company_number.empty() && !org.legal_form.empty()) {
      sink_.Report(DiagKind::kOrganisation, org.loc,
                   "a " + form + " is registered at Companies House, but <organisation> has no company-number; add it, "
                   "or set legal-form to what the organisation is (e.g. legal-form=\"cio\")");
    } else if (!companies_house && !org.company_number.empty()) {
      sink_.Report(DiagKind::kOrganisation, org.loc,
                   "legal-form=\"" + form + "\" has no company number, yet <organisation> gives company-number=\"" +
                       org.company_number + "\"; remove it, or correct legal-form");
    }
    auto sector = facts_.find("sector");
    if (charity && sector != facts_.end() && sector->second.value.type == model::ValueType::kEnum &&
        sector->second.value.text != "charity") {
      sink_.Report(DiagKind::kOrganisation, org.loc,
                   "legal-form=\"" + form + "\" is a charity, but the fact sector is '" + sector->second.value.text +
                       "'; set <fact name=\"sector\" value=\"charity\"/>");
    }
    if (!charity && !org.charity_number.empty()) {
      sink_.Report(DiagKind::kOrganisation, org.loc,
                   "charity-number is given, but legal-form=\"" + form +
                       "\" is not a charity; set legal-form to cio, charitable-company or unincorporated-charity");
    }
  }

  /// What the profile says about certification holds together.
  void CheckCertification() {
    pack_.requirements = profile_.requirements;
    if (!profile_.certification) return;
    const model::Certification& c = *profile_.certification;
    if (c.status == "certified") {
      if (c.body.empty() || c.certified_on.empty()) {
        sink_.Report(DiagKind::kCertification, c.loc,
                     "the ISMS is certified, but the certification body or date is missing; add body=\"...\" and "
                     "certified-on=\"YYYY-MM-DD\"");
      }
      if (!c.certified_on.empty() && c.certified_on > profile_.as_of) {
        sink_.Report(DiagKind::kCertification, c.loc,
                     "the certificate is dated " + c.certified_on + ", after the pack's as-of date " + profile_.as_of +
                         "; until then the ISMS is working towards certification (status=\"working-towards\")");
      }
      if (!c.expires.empty() && c.expires < profile_.as_of) {
        sink_.Report(DiagKind::kCertification, c.loc,
                     "the certificate expired on " + c.expires + ", before the pack's as-of date " + profile_.as_of +
                         "; record the recertification (certified-on, expires) or change the status");
      }
    } else if (c.status == "working-towards" && c.target.empty()) {
      sink_.Report(DiagKind::kCertification, c.loc,
                   "the ISMS is working towards certification but has no target date; add target=\"YYYY-MM-DD\"");
    }
    pack_.certification = profile_.certification;
  }

  // ---- the pack ----
  std::string PersonLabel(const std::string& id) const {
    auto it = people_.find(id);
    return it == people_.end() ? id : it->second->name + " (" + it->second->job_title + ")";
  }

  /// The review cycle of a document that sets none: the
  /// policy_review_interval parameter in whole months (at least 1), or 12.
  int PolicyReviewMonths() const {
    auto it = parameters_.find("policy_review_interval");
    if (it == parameters_.end() || it->second.value.type != model::ValueType::kDuration) return 12;
    return it->second.value.duration.CycleMonths();
  }

  void FillPack() {
    pack_.compiled = library_.compiled;
    pack_.compiled.templates = input_.compiled_templates;
    pack_.themes = library_.catalogue.themes;
    pack_.profile_id = profile_.id;
    pack_.as_of = profile_.as_of;
    pack_.approver = profile_.document_control.approver;
    pack_.organisation = profile_.organisation;
    pack_.sites = profile_.sites;
    pack_.branding = profile_.branding;
    const model::DocumentControl& dc = profile_.document_control;
    for (ResolvedDocument& doc : pack_.documents) {
      const model::Document& source = *sources_.at(doc.id);
      auto role = roles_.find(doc.owner_role);
      doc.owner_title = role != roles_.end() ? role->second->title : doc.owner_role;
      std::vector<std::string> owners;
      for (const std::string& person : holders_[doc.owner_role]) owners.push_back(PersonLabel(person));
      doc.owner_names = base::JoinEnglish(owners);
      doc.approver = PersonLabel(dc.approver);
      // Unreleased until the release record says otherwise (release/).
      doc.version = kUnreleasedVersion;
      doc.draft = true;
      doc.review_months = source.review_months.value_or(PolicyReviewMonths());
      doc.classification = source.classification.value_or(dc.classification);
      using NaturalSet = std::set<std::string, decltype(&base::NaturalLess)>;
      NaturalSet controls(&base::NaturalLess);
      struct Collector : model::DocumentVisitor {
        NaturalSet* controls;
        void VisitStatement(const ResolvedStatement& s, int) override {
          controls->insert(s.controls.begin(), s.controls.end());
        }
      } collector;
      collector.controls = &controls;
      model::WalkDocument(doc, collector);
      doc.controls.assign(controls.begin(), controls.end());
    }
    std::stable_sort(pack_.documents.begin(), pack_.documents.end(),
                     [](const ResolvedDocument& a, const ResolvedDocument& b) {
                       bool ac = !a.clauses.empty(), bc = !b.clauses.empty();
                       if (ac != bc) return ac;
                       if (ac && a.clauses[0] != b.clauses[0]) return base::NaturalLess(a.clauses[0], b.clauses[0]);
                       if (KindRank(a.kind) != KindRank(b.kind)) return KindRank(a.kind) < KindRank(b.kind);
                       return a.title < b.title;
                     });
    for (const auto* table : {&facts_, &parameters_}) {
      auto& into = table == &facts_ ? pack_.facts : pack_.parameters;
      for (const auto& [id, bound] : *table) {
        into.push_back({id, bound.value.type, bound.value, bound.declaration->unit,
                        bound.declaration->description, bound.from_profile});
      }
    }
    pack_.people = profile_.people;
    pack_.IndexPeople();
    pack_.processing = profile_.processing;
    pack_.contacts = profile_.contacts;
    std::map<std::string, std::vector<std::string>> duties;
    for (const ResolvedDocument& doc : pack_.documents) {
      struct DutyCollector : model::DocumentVisitor {
        std::map<std::string, std::vector<std::string>>* duties;
        std::string doc_id;
        void VisitStatement(const ResolvedStatement& s, int) override {
          // A duty of the role that acts; the others are only named.
          if (!s.roles.empty()) (*duties)[s.roles.front()].push_back(doc_id + "#" + s.id);
        }
      } collector;
      collector.duties = &duties;
      collector.doc_id = doc.id;
      model::WalkDocument(doc, collector);
    }
    for (const model::Segregation& seg : library_.segregations) {
      model::ResolvedSegregation out{seg.first_role, seg.second_role, seg.reason, {}};
      for (const model::Person& person : profile_.people) {
        auto holds = [&](const std::string& role) {
          return std::find(person.roles.begin(), person.roles.end(), role) != person.roles.end();
        };
        if (holds(seg.first_role) && holds(seg.second_role)) out.conflicts.push_back(person.id);
      }
      pack_.segregations.push_back(std::move(out));
    }
    for (const model::Role& role : library_.roles) {
      pack_.roles.push_back({role.id, role.title, role.everyone, role.purpose, role.reports_to, role.authorities,
                             role.competences, holders_[role.id], duties[role.id]});
    }
  }

  const ResolveInput& input_;
  const model::Profile& profile_;
  base::DiagnosticSink& sink_;
  const LayerMap layer_map_;
  MergedLibrary library_;
  ResolvedPack pack_;
  std::map<std::string, const model::Control*> controls_;
  std::set<std::string> clauses_;
  std::map<std::string, const model::Role*> roles_;
  std::map<std::string, const model::Person*> people_;
  std::map<std::string, std::vector<std::string>> holders_;
  std::map<std::string, Bound> facts_, parameters_;
  std::map<std::string, SourceLoc> role_first_use_;
  std::map<std::string, const model::Document*> sources_;
  std::map<std::string, Target> targets_;
  std::vector<model::ExcludedItem>* excluded_statements_ = nullptr;  ///< of the document being included
  std::map<std::string, std::string> excluded_refs_;  ///< target → the condition that excluded it
  std::map<std::string, std::set<std::string>> excluded_implementations_;  ///< control → conditions of its excluded statements
  std::map<std::string, std::vector<std::string>> required_by_;  ///< control → titles of included sections that require it
  std::string current_condition_;  ///< the condition of the document being included
  std::vector<std::pair<const model::Statement*, std::string>> statements_;  ///< included, with doc id
  std::string current_document_;
  bool expanding_scope_ = false;  ///< {{org.scope}} cannot print itself
  size_t text_budget_ = kPackTextBudget;  ///< what the pack's expanded texts may still take
  std::string current_reviewed_;  ///< the review date {{section.reviewed}} gives, or ""
};

}  // namespace

ResolvedPack ResolvePack(const ResolveInput& input, base::DiagnosticSink& sink) {
  ResolvedPack pack = Resolver(input, sink).Run();
  AddContacts(pack, sink);
  return pack;
}

}  // namespace policyc::resolve
