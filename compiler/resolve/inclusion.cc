// Inclusion: which documents, sections and statements a profile's
// conditions include, numbered, with every reference in them checked
// whether or not it is included, and an index of what a cross-reference
// may point at.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/strings.h"
#include "resolve/resolution.h"

namespace policyc::resolve {

using base::DiagKind;
using model::ResolvedDocument;
using model::ResolvedSection;
using model::ResolvedStatement;

namespace {

/// The document being included, passed down its sections.
struct DocumentInclusion {
  const model::Document& source;
  /// Where the document's excluded statements are listed (pack.json's "excluded").
  std::vector<model::ExcludedItem>& excluded;
};

void CheckControls(Resolution& res, const model::Statement& s) {
  for (const std::string& c : s.controls) {
    if (!res.controls.count(c)) {
      res.sink.Report(DiagKind::kUnknownControl, s.loc,
                      "statement '" + s.id + "' names unknown control '" + c + "'" +
                          base::DidYouMean(c, Keys(res.controls)));
    }
  }
}

/// A role that approves or is informed is one the statement names, and
/// not the one that acts.
void CheckRoleCapacities(Resolution& res, const model::Statement& s) {
  for (const auto* list : {&s.approves, &s.informed}) {
    for (const std::string& role : *list) {
      const auto at = std::find(s.roles.begin(), s.roles.end(), role);
      if (at != s.roles.begin() && at != s.roles.end()) continue;
      res.sink.Report(DiagKind::kRoleCapacity, s.loc,
                      "statement '" + s.id + "' lists role '" + role + "' under " +
                          (list == &s.approves ? "approves" : "informed") +
                          (at == s.roles.end()
                               ? " but not in roles; add it to roles after the acting role"
                               : " but it is the acting role (the first of roles); put the role "
                                 "that acts first"));
    }
  }
}

/// What a statement names exists, whether or not it is included.
void CheckStatement(Resolution& res, const model::Statement& s, bool included) {
  CheckControls(res, s);
  res.CheckClauses(s.clauses, s.loc);
  CheckFrameworkRefs(res, s);
  for (const std::string& role : s.roles) res.CheckRoleRef(role, s.loc, included);
  CheckRoleCapacities(res, s);
  for (const std::string& role : s.training_audience) res.CheckRoleRef(role, s.loc, false);
  if (!s.training_to.empty()) res.CheckRoleRef(s.training_to, s.loc, false);
}

/// Records why a statement of `section` is left out: its own condition,
/// else its section's, else its document's.
void ExcludeStatement(Resolution& res, const model::Statement& s, const model::Section& section,
                      const DocumentInclusion& doc) {
  const std::string condition = s.condition         ? *s.condition
                                : section.condition ? *section.condition
                                                    : doc.source.condition.value_or("");
  res.excluded_refs[doc.source.id + "#" + s.id] = condition;
  doc.excluded.push_back({s.id, condition});
  for (const std::string& c : s.controls) res.excluded_implementations[c].insert(condition);
}

ResolvedStatement IncludeStatement(Resolution& res, const model::Statement& s, std::string number,
                                   const DocumentInclusion& doc) {
  ResolvedStatement rs;
  rs.id = s.id;
  rs.number = std::move(number);
  rs.controls = s.controls;
  rs.clauses = s.clauses;
  rs.frameworks = s.frameworks;
  rs.roles = s.roles;
  rs.approves = s.approves;
  rs.informed = s.informed;
  rs.training_audience = s.training_audience;
  rs.provenance = res.layer_map.ProvenanceOf(s.loc);
  rs.loc = s.loc;
  res.statements.push_back({&s, doc.source.id});
  return rs;
}

/// Builds the included tree of one section. Conditions of excluded items
/// are still checked, so a typo never hides behind a false condition.
std::optional<ResolvedSection> IncludeSection(Resolution& res, const model::Section& section,
                                              const std::string& number, bool parent_included,
                                              const DocumentInclusion& doc) {
  const bool included = res.Holds(section.condition, section.loc) && parent_included;
  for (const std::string& control : section.requires_controls) {
    if (!res.controls.count(control)) {
      res.sink.Report(DiagKind::kUnknownControl, section.loc,
                      "section '" + section.id + "' requires unknown control '" + control + "'" +
                          base::DidYouMean(control, Keys(res.controls)));
    } else if (included) {
      res.required_by[control].push_back(section.title);
    }
  }
  ResolvedSection out;
  out.id = section.id;
  out.number = number;
  out.title = section.title;
  out.provenance = res.layer_map.ProvenanceOf(section.loc);
  out.loc = section.loc;
  int child = 0;
  for (const model::SectionItem& item : section.items) {
    if (const auto* s = std::get_if<model::Statement>(&item)) {
      const bool statement_included = res.Holds(s->condition, s->loc) && included;
      CheckStatement(res, *s, statement_included);
      if (!statement_included) {
        ExcludeStatement(res, *s, section, doc);
        continue;
      }
      out.items.emplace_back(
          IncludeStatement(res, *s, number + "." + std::to_string(++child), doc));
    } else {
      const auto& sub = std::get<model::Section>(item);
      auto resolved =
          IncludeSection(res, sub, number + "." + std::to_string(child + 1), included, doc);
      if (resolved) {
        ++child;
        out.items.emplace_back(std::move(*resolved));
      }
    }
  }
  if (!included) {
    res.excluded_refs[doc.source.id + "#" + section.id] = section.condition.value_or("");
    return std::nullopt;
  }
  return out;
}

/// What a document's header names exists.
void CheckDocumentHeader(Resolution& res, const model::Document& doc, bool included) {
  res.CheckRoleRef(doc.owner, doc.loc, included);
  res.CheckClauses(doc.clauses, doc.loc);
  for (const std::string& item : doc.serves) {
    if (item.rfind("A.", 0) != 0) {
      res.CheckClauses({item}, doc.loc);
    } else if (!res.controls.count(item)) {
      res.sink.Report(DiagKind::kUnknownControl, doc.loc,
                      "document '" + doc.id + "' serves unknown control '" + item + "'" +
                          base::DidYouMean(item, Keys(res.controls)));
    }
  }
}

void IncludeDocument(Resolution& res, const model::Document& doc) {
  const bool included = res.Holds(doc.condition, doc.loc);
  CheckDocumentHeader(res, doc, included);
  ResolvedDocument out;
  out.id = doc.id;
  out.kind = doc.kind;
  out.title = doc.title;
  out.owner_role = doc.owner;
  out.clauses = doc.clauses;
  out.serves = doc.serves;
  out.loc = doc.loc;
  const DocumentInclusion inclusion{doc, out.excluded};
  int number = 0;
  for (const model::Section& section : doc.sections) {
    auto resolved = IncludeSection(res, section, std::to_string(number + 1), included, inclusion);
    if (resolved) {
      ++number;
      out.sections.push_back(std::move(*resolved));
    }
  }
  if (!included) {
    res.excluded_refs[doc.id] = doc.condition.value_or("");
    res.pack.excluded_documents.push_back({doc.id, doc.condition.value_or("")});
    return;
  }
  // A statement is only "excluded" when its document is in the pack.
  res.sources[doc.id] = &doc;
  res.pack.documents.push_back(std::move(out));
}

/// Indexes every included item for cross-references, and the compiled
/// documents every pack has, which can be referred to as a whole.
void IndexTargets(Resolution& res) {
  for (const ResolvedDocument& doc : res.pack.documents) {
    res.targets[doc.id] = Target{doc.id, doc.title, "", false};
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
    indexer.targets = &res.targets;
    indexer.doc = &doc;
    model::WalkDocument(doc, indexer);
  }
  static const std::set<std::string> kAlways = {"soa",
                                                "role-summaries",
                                                "duty-index",
                                                "objective-list",
                                                "nonconformity-list",
                                                "internal-audits",
                                                "document-index"};
  for (const model::CompiledDocumentSpec& spec : res.library.compiled.documents) {
    if (kAlways.count(spec.builder) && !res.targets.count(spec.id)) {
      res.targets[spec.id] = Target{spec.id, spec.title, "", false};
    }
  }
}

}  // namespace

void IncludeDocuments(Resolution& res) {
  for (const model::Document& doc : res.library.documents) IncludeDocument(res, doc);
  IndexTargets(res);
}

}  // namespace policyc::resolve
