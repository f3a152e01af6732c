#include "resolve/resolver.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "base/strings.h"
#include "resolve/resolution.h"

namespace policyc::resolve {

using base::DiagKind;
using base::SourceLoc;
using model::ResolvedDocument;
using model::ResolvedPack;
using model::ResolvedStatement;

namespace {

/// The order of kinds in the pack, after the documents written for clauses.
int KindRank(const std::string& kind) {
  static const std::vector<std::string> kOrder = {"policy", "standard", "procedure", "plan",
                                                  "guide",  "register", "record"};
  auto it = std::find(kOrder.begin(), kOrder.end(), kind);
  return static_cast<int>(it - kOrder.begin());
}

/// Document control every document starts with: unreleased until the
/// release record says otherwise (release/), its review cycle, its
/// classification and the controls its statements implement.
void FillDocumentControl(Resolution& res) {
  const model::DocumentControl& dc = res.profile.document_control;
  for (ResolvedDocument& doc : res.pack.documents) {
    const model::Document& source = *res.sources.at(doc.id);
    doc.version = kUnreleasedVersion;
    doc.draft = true;
    doc.review_months = source.review_months.value_or(res.PolicyReviewMonths());
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
}

/// The documents written for clauses first, by clause; then by kind and title.
void SortDocuments(model::ResolvedPack& pack) {
  std::stable_sort(pack.documents.begin(), pack.documents.end(),
                   [](const ResolvedDocument& a, const ResolvedDocument& b) {
                     bool ac = !a.clauses.empty(), bc = !b.clauses.empty();
                     if (ac != bc) return ac;
                     if (ac && a.clauses[0] != b.clauses[0])
                       return base::NaturalLess(a.clauses[0], b.clauses[0]);
                     if (KindRank(a.kind) != KindRank(b.kind))
                       return KindRank(a.kind) < KindRank(b.kind);
                     return a.title < b.title;
                   });
}

/// What the pack carries over from the library and the profile as it is.
void CopyIntoPack(Resolution& res) {
  res.pack.compiled = res.library.compiled;
  res.pack.compiled.templates = res.input.compiled_templates;
  res.pack.themes = res.library.catalogue.themes;
  res.pack.profile_id = res.profile.id;
  res.pack.as_of = res.profile.as_of;
  res.pack.approver = res.profile.document_control.approver;
  res.pack.organisation = res.profile.organisation;
  res.pack.sites = res.profile.sites;
  res.pack.branding = res.profile.branding;
}

void FillValues(Resolution& res) {
  for (const auto* table : {&res.facts, &res.parameters}) {
    auto& into = table == &res.facts ? res.pack.facts : res.pack.parameters;
    for (const auto& [id, bound] : *table) {
      into.push_back({id, bound.value.type, bound.value, bound.declaration->unit,
                      bound.declaration->description, bound.from_profile});
    }
  }
  res.pack.people = res.profile.people;
  res.pack.IndexPeople();
  res.pack.processing = res.profile.processing;
  res.pack.contacts = res.profile.contacts;
}

/// The stages of a resolution, in order: each reads what earlier ones
/// filled in, and diagnostics come out in this order.
ResolvedPack Run(Resolution& res) {
  res.library = MergeLibraries(res.input.layers, res.profile.overrides, res.sink);
  IndexCatalogue(res);
  BindFactsAndParameters(res);
  IndexFrameworks(res);
  ChooseFrameworks(res);
  BindPeople(res);
  IncludeDocuments(res);
  CheckCompiled(res);
  CheckOutputNames(res);
  CheckClauseCoverage(res);
  CheckRiskOwners(res);
  CheckRoles(res);
  ExpandTexts(res);
  BuildSoa(res);
  ResolveRisks(res);
  JustifySoa(res);
  CheckCertification(res);
  CheckOrganisation(res);
  CheckImprovement(res);
  CheckIncidentResponse(res);
  CheckSectionReviews(res);
  ResolveFrameworks(res);
  CopyIntoPack(res);
  FillDocumentOwners(res);
  FillDocumentControl(res);
  SortDocuments(res.pack);
  FillValues(res);
  FillRoles(res);
  return std::move(res.pack);
}

}  // namespace

ResolvedPack ResolvePack(const ResolveInput& input, base::DiagnosticSink& sink) {
  Resolution res(input, sink);
  ResolvedPack pack = Run(res);
  AddContacts(pack, sink);
  return pack;
}

}  // namespace policyc::resolve
