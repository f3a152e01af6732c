// Consistency checks that belong to no other concern: what
// compiled-documents.xml names, the file names the pack generates, clause
// coverage, dated sections, the improvement records, the organisation's
// registration and its certification.
#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/strings.h"
#include "resolve/framework_documents.h"
#include "resolve/resolution.h"

namespace policyc::resolve {

using base::DiagKind;
using base::SourceLoc;
using model::ResolvedDocument;

namespace {

/// The clauses among ids that may also be Annex A controls.
std::vector<std::string> ClausesOnly(const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const std::string& id : ids) {
    if (id.rfind("A.", 0) != 0) out.push_back(id);
  }
  return out;
}

}  // namespace

/// What compiled-documents.xml names exists: builders policyc has, roles,
/// parameters, documents and the incident contacts' section.
void CheckCompiled(Resolution& res) {
  const model::CompiledCatalogue& compiled = res.library.compiled;
  std::set<std::string> documents;
  for (const model::Document& doc : res.library.documents) documents.insert(doc.id);
  auto check_document = [&](const std::string& id, const SourceLoc& loc) {
    if (documents.count(id)) return true;
    res.sink.Report(
        DiagKind::kDanglingReference, loc,
        "no document '" + id + "' in the library" +
            base::DidYouMean(id, std::vector<std::string>(documents.begin(), documents.end())));
    return false;
  };
  const std::vector<std::string>& builders = CompiledBuilders();
  for (const model::CompiledDocumentSpec& spec : compiled.documents) {
    if (std::find(builders.begin(), builders.end(), spec.builder) == builders.end()) {
      res.sink.Report(DiagKind::kUnknownBuilder, spec.loc,
                      "unknown builder '" + spec.builder + "'" +
                          base::DidYouMean(spec.builder, builders) + " (the builders are " +
                          base::Join(builders, ", ") + ")");
    }
    res.CheckRoleRef(spec.owner, spec.loc, false);
    res.CheckClauses(ClausesOnly(spec.serves), spec.loc);
    for (const std::string& id : spec.serves) {
      if (id.rfind("A.", 0) != 0 || res.controls.empty() || res.controls.count(id)) continue;
      res.sink.Report(DiagKind::kUnknownControl, spec.loc,
                      "unknown control '" + id + "'" + base::DidYouMean(id, Keys(res.controls)));
    }
    for (const model::CompiledUse& use : spec.uses) {
      if (!use.role.empty()) res.CheckRoleRef(use.role, use.loc, false);
      if (!use.document.empty()) check_document(use.document, use.loc);
      if (!use.parameter.empty() && !res.parameters.count(use.parameter)) {
        res.sink.Report(DiagKind::kUnknownParameter, use.loc,
                        "unknown parameter '" + use.parameter + "'" +
                            base::DidYouMean(use.parameter, Keys(res.parameters)));
      }
    }
  }
  for (const model::TrainingModuleSpec& module : compiled.training_modules) {
    for (const std::string& role : module.roles) res.CheckRoleRef(role, module.loc, false);
  }
  if (const auto& contacts = compiled.incident_contacts) {
    for (const std::string& role : contacts->roles) res.CheckRoleRef(role, contacts->loc, false);
    const std::string doc_id = contacts->section.substr(0, contacts->section.find('#'));
    const bool in_pack = std::any_of(res.pack.documents.begin(), res.pack.documents.end(),
                                     [&](const ResolvedDocument& d) { return d.id == doc_id; });
    if (contacts->section.find('#') == std::string::npos) {
      res.sink.Report(DiagKind::kDanglingReference, contacts->loc,
                      "incident contacts go into a section: write section=\"DOCUMENT#SECTION\"");
    } else if (check_document(doc_id, contacts->loc) && in_pack &&
               !res.targets.count(contacts->section) &&
               !res.excluded_refs.count(contacts->section)) {
      res.sink.Report(DiagKind::kDanglingReference, contacts->loc,
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
void CheckOutputNames(Resolution& res) {
  struct Claim {
    std::string what;
    SourceLoc loc;
  };
  std::map<std::string, Claim> generated;
  auto claim = [&](const std::string& id, const std::string& what, const SourceLoc& loc) {
    auto [it, inserted] = generated.emplace(id, Claim{what, loc});
    if (inserted) return;
    res.sink.Report(DiagKind::kReservedId, loc,
                    what + " has the id '" + id + "', which is already the id of " +
                        it->second.what + "; both would be written to " + id +
                        ".html; give one of them another id");
    if (it->second.loc.known()) res.sink.AddNote(it->second.loc, "the other is declared here");
  };
  claim(std::string(model::kIndexPageId), "the pack's index page", SourceLoc{});
  const model::CompiledCatalogue& compiled = res.library.compiled;
  const model::CompiledDocumentSpec* modules = compiled.Find("training-modules");
  const std::set<const model::CompiledDocumentSpec*> per_framework = {compiled.Find("framework-matrix"),
                                                                     compiled.Find("readiness-checklist")};
  for (const model::CompiledDocumentSpec& spec : compiled.documents) {
    if (&spec == modules) continue;  // its id is only the prefix of the modules' ids
    if (per_framework.count(&spec)) {
      // One document per framework catalogue a profile may choose.
      for (const model::Framework& f : res.library.frameworks) {
        claim(FrameworkDocumentId(spec, f.id),
              "the compiled document '" + spec.title + "' of framework '" + f.id + "' (builder '" + spec.builder + "')",
              spec.loc);
      }
      continue;
    }
    claim(spec.id, "the compiled document '" + spec.title + "' (builder '" + spec.builder + "')",
          spec.loc);
  }
  if (modules) {
    for (const model::TrainingModuleSpec& module : compiled.training_modules) {
      claim(model::TrainingDocumentId(*modules, module),
            "the training module '" + module.title + "'", module.loc);
    }
  }
  for (const model::Document& doc : res.library.documents) {
    auto it = generated.find(doc.id);
    if (it == generated.end()) continue;
    res.sink.Report(DiagKind::kReservedId, doc.loc,
                    "document id '" + doc.id + "' is reserved for " + it->second.what +
                        ", which policyc writes to " + doc.id +
                        ".html; give this document another id");
    if (it->second.loc.known())
      res.sink.AddNote(it->second.loc, "the compiled document is declared here");
  }
}

/// Every leaf clause (4.1 … 10.2) must be addressed by an included
/// statement's clauses= or an included document's clauses= or serves=.
void CheckClauseCoverage(Resolution& res) {
  std::set<std::string> addressed;
  for (const auto& [statement, doc_id] : res.statements) {
    addressed.insert(statement->clauses.begin(), statement->clauses.end());
  }
  for (const auto& [id, doc] : res.sources) {
    addressed.insert(doc->clauses.begin(), doc->clauses.end());
    addressed.insert(doc->serves.begin(), doc->serves.end());
  }
  std::function<void(const std::vector<model::Clause>&)> visit = [&](const auto& clauses) {
    for (const model::Clause& c : clauses) {
      if (!c.children.empty()) {
        visit(c.children);
      } else if (!addressed.count(c.id)) {
        res.sink.Report(DiagKind::kUncoveredClause, c.loc,
                        "clause " + c.id + " " + c.title +
                            " is addressed by no included statement or document; add clauses=\"" +
                            c.id + "\" to the statements that meet it");
      }
    }
  };
  visit(res.library.catalogue.clauses);
}

/// Dated sections: once a document dates one top-level section's review,
/// it dates them all, and each dated section shows its date. A dated
/// section of an included document older than the document's review
/// cycle at the as-of date is due for checking against the law.
void CheckSectionReviews(Resolution& res) {
  for (const model::Document& doc : res.library.documents) {
    if (res.sources.count(doc.id)) {
      const int months = doc.review_months.value_or(res.PolicyReviewMonths());
      for (const model::Section& section : doc.sections) {
        if (section.reviewed.empty() || base::AddMonths(section.reviewed, months) >= res.profile.as_of)
          continue;
        res.sink.Report(
            DiagKind::kSectionReviewOverdue, section.loc,
            "'" + doc.id + "#" + section.id + "' was last reviewed on " + section.reviewed +
                ", more than the document's review cycle of " + std::to_string(months) +
                " months before the pack's as-of date " + res.profile.as_of +
                "; check it against the law in force and update reviewed=\"YYYY-MM-DD\"");
      }
    }
    const bool any = std::any_of(doc.sections.begin(), doc.sections.end(),
                                 [](const model::Section& s) { return !s.reviewed.empty(); });
    if (!any) continue;
    for (const model::Section& section : doc.sections) {
      if (section.reviewed.empty()) {
        res.sink.Report(DiagKind::kSectionReviewDate, section.loc,
                        "section '" + doc.id + "#" + section.id +
                            "' has no reviewed=\"YYYY-MM-DD\", but other sections of '" + doc.id +
                            "' are dated; date every entry the document reviews");
      } else if (!section.intro ||
                 section.intro->markdown.find("{{section.reviewed}}") == std::string::npos) {
        res.sink.Report(
            DiagKind::kSectionReviewDate, section.loc,
            "section '" + doc.id + "#" + section.id + "' is dated " + section.reviewed +
                " but its introduction does not show the date; write {{section.reviewed}} in it");
      }
    }
  }
}

void CheckImprovement(Resolution& res) {
  for (const model::Objective& o : res.profile.objectives) {
    if (model::IsOverdue(o, res.profile.as_of)) {
      res.sink.Report(DiagKind::kObjectiveOverdue, o.loc,
                      "objective " + o.id + " was due on " + o.due +
                          ", before the pack's as-of date " + res.profile.as_of +
                          ", and is still " + o.status +
                          "; record it as achieved or missed, with the result");
    }
  }
  for (const model::Nonconformity& n : res.profile.nonconformities) {
    if (model::IsOverdue(n, res.profile.as_of)) {
      res.sink.Report(
          DiagKind::kCorrectiveActionOverdue, n.loc,
          "the corrective action for nonconformity " + n.id + " was due on " + n.due +
              ", before the pack's as-of date " + res.profile.as_of +
              "; close it (status=\"closed\" closed-on=\"DATE\") or agree a new due date");
    }
  }
  res.pack.objectives = res.profile.objectives;
  res.pack.nonconformities = res.profile.nonconformities;
}

/// The organisation's registration fits its legal form.
void CheckOrganisation(Resolution& res) {
  const model::Organisation& org = res.profile.organisation;
  const std::string form = org.legal_form.empty() ? "company" : org.legal_form;
  const bool companies_house = form == "company" || form == "charitable-company" || form == "llp";
  const bool charity =
      form == "charitable-company" || form == "cio" || form == "unincorporated-charity";
  if (companies_house && org.company_number.empty() && !org.legal_form.empty()) {
    res.sink.Report(
        DiagKind::kOrganisation, org.loc,
        "a " + form +
            " is registered at Companies House, but <organisation> has no company-number; add it, "
            "or set legal-form to what the organisation is (e.g. legal-form=\"cio\")");
  } else if (!companies_house && !org.company_number.empty()) {
    res.sink.Report(DiagKind::kOrganisation, org.loc,
                    "legal-form=\"" + form +
                        "\" has no company number, yet <organisation> gives company-number=\"" +
                        org.company_number + "\"; remove it, or correct legal-form");
  }
  auto sector = res.facts.find("sector");
  if (charity && sector != res.facts.end() &&
      sector->second.value.type == model::ValueType::kEnum &&
      sector->second.value.text != "charity") {
    res.sink.Report(DiagKind::kOrganisation, org.loc,
                    "legal-form=\"" + form + "\" is a charity, but the fact sector is '" +
                        sector->second.value.text +
                        "'; set <fact name=\"sector\" value=\"charity\"/>");
  }
  if (!charity && !org.charity_number.empty()) {
    res.sink.Report(DiagKind::kOrganisation, org.loc,
                    "charity-number is given, but legal-form=\"" + form +
                        "\" is not a charity; set legal-form to cio, charitable-company or "
                        "unincorporated-charity");
  }
}

/// What the profile says about certification holds together.
void CheckCertification(Resolution& res) {
  res.pack.requirements = res.profile.requirements;
  if (!res.profile.certification) return;
  const model::Certification& c = *res.profile.certification;
  if (c.status == "certified") {
    if (c.body.empty() || c.certified_on.empty()) {
      res.sink.Report(DiagKind::kCertification, c.loc,
                      "the ISMS is certified, but the certification body or date is missing; add "
                      "body=\"...\" and "
                      "certified-on=\"YYYY-MM-DD\"");
    }
    if (!c.certified_on.empty() && c.certified_on > res.profile.as_of) {
      res.sink.Report(DiagKind::kCertification, c.loc,
                      "the certificate is dated " + c.certified_on +
                          ", after the pack's as-of date " + res.profile.as_of +
                          "; until then the ISMS is working towards certification "
                          "(status=\"working-towards\")");
    }
    if (!c.expires.empty() && c.expires < res.profile.as_of) {
      res.sink.Report(
          DiagKind::kCertification, c.loc,
          "the certificate expired on " + c.expires + ", before the pack's as-of date " +
              res.profile.as_of +
              "; record the recertification (certified-on, expires) or change the status");
    }
  } else if (c.status == "working-towards" && c.target.empty()) {
    res.sink.Report(DiagKind::kCertification, c.loc,
                    "the ISMS is working towards certification but has no target date; add "
                    "target=\"YYYY-MM-DD\"");
  }
  res.pack.certification = res.profile.certification;
}

}  // namespace policyc::resolve
