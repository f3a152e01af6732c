// The Statement of Applicability: the profile's exclusions, statuses and
// requirements, one row per Annex A control with what implements it, and
// the reasons that justify each applicable control.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/strings.h"
#include "resolve/resolution.h"

namespace policyc::resolve {

using base::DiagKind;
using base::SourceLoc;

namespace {

/// What the profile's <soa> and <requirements> decide, by control.
struct SoaDecisions {
  std::map<std::string, const model::SoaExclusion*> excluded;
  std::map<std::string, const model::SoaStatus*> status;
  std::map<std::string, std::vector<const model::Requirement*>> requirement_controls;
};

void ReadExclusions(Resolution& res, SoaDecisions& d) {
  for (const model::SoaExclusion& e : res.profile.exclusions) {
    if (!res.controls.count(e.control)) {
      res.sink.Report(DiagKind::kUnknownControl, e.loc,
                      "the SoA excludes unknown control '" + e.control + "'" +
                          base::DidYouMean(e.control, Keys(res.controls)));
      continue;
    }
    auto [it, first] = d.excluded.emplace(e.control, &e);
    if (!first) {
      res.sink.Report(DiagKind::kDuplicateSoaDecision, e.loc,
                      "control " + e.control + " is excluded twice; keep one <exclude>");
      res.sink.AddNote(it->second->loc, "first excluded here");
    }
  }
}

void ReadStatuses(Resolution& res, SoaDecisions& d) {
  for (const model::SoaStatus& s : res.profile.statuses) {
    if (!res.controls.count(s.control)) {
      res.sink.Report(DiagKind::kUnknownControl, s.loc,
                      "the SoA gives a status to unknown control '" + s.control + "'" +
                          base::DidYouMean(s.control, Keys(res.controls)));
      continue;
    }
    auto [it, first] = d.status.emplace(s.control, &s);
    if (!first) {
      res.sink.Report(DiagKind::kDuplicateSoaDecision, s.loc,
                      "control " + s.control + " has two statuses; keep one <status>");
      res.sink.AddNote(it->second->loc, "first status here");
      continue;
    }
    if (d.excluded.count(s.control)) {
      res.sink.Report(DiagKind::kDuplicateSoaDecision, s.loc,
                      "control " + s.control +
                          " is excluded, so it cannot have an implementation status; "
                          "remove the <status> or the <exclude>");
      res.sink.AddNote(d.excluded[s.control]->loc, "excluded here");
    }
    if ((s.status == "planned" || s.status == "partial") && s.date.empty()) {
      res.sink.Report(DiagKind::kStatusWithoutDate, s.loc,
                      "control " + s.control + " is " + s.status +
                          " but has no target date; add date=\"YYYY-MM-DD\"");
    }
  }
}

/// The requirements' controls: known, not excluded, and then reasons.
void ReadRequirements(Resolution& res, SoaDecisions& d) {
  std::map<std::string, SourceLoc> requirement_ids;
  for (const model::Requirement& r : res.profile.requirements) {
    auto [it, first] = requirement_ids.emplace(r.id, r.loc);
    if (!first) {
      res.sink.Report(DiagKind::kDuplicateId, r.loc, "requirement '" + r.id + "' is defined twice");
      res.sink.AddNote(it->second, "first defined here");
    }
    for (const std::string& control : r.controls) {
      if (!res.controls.count(control)) {
        res.sink.Report(DiagKind::kUnknownControl, r.loc,
                        "requirement " + r.id + " calls for unknown control '" + control + "'" +
                            base::DidYouMean(control, Keys(res.controls)));
      } else if (d.excluded.count(control)) {
        res.sink.Report(DiagKind::kRequirementExcludedControl, r.loc,
                        "requirement " + r.id + " calls for " + control +
                            ", which the SoA excludes; include the control, or correct the "
                            "requirement's controls");
        res.sink.AddNote(d.excluded[control]->loc, "excluded here");
      } else {
        d.requirement_controls[control].push_back(&r);
      }
    }
  }
}

/// Reports an excluded control that included statements implement.
void CheckExcluded(Resolution& res, const model::Control& control, const model::SoaRow& row,
                   const model::SoaExclusion& exclusion) {
  if (!row.implemented_by.empty()) {
    res.sink.Report(DiagKind::kExcludedControlImplemented, exclusion.loc,
                    "control " + control.id + " is excluded, yet " +
                        std::to_string(row.implemented_by.size()) +
                        " included statement(s) implement it, e.g. " + row.implemented_by[0] +
                        "; remove the exclusion or the statements");
  }
}

/// Reports an applicable control no included statement implements, naming
/// the conditions that left its statements out.
void ReportUncovered(Resolution& res, const model::Control& control) {
  auto because = res.excluded_implementations.find(control.id);
  std::string conditions;
  if (because != res.excluded_implementations.end()) {
    std::vector<std::string> list;
    for (const std::string& c : because->second)
      list.push_back(c.empty() ? "an enclosing condition" : "'" + c + "'");
    conditions = base::JoinEnglish(list);
  }
  res.sink.Report(
      DiagKind::kUncoveredControl, control.loc,
      control.id + " " + control.title + " is applicable but no included statement implements it" +
          (conditions.empty() ? "; add a statement with controls=\"" + control.id +
                                    "\" or exclude it in the profile's <soa> with a reason"
                              : ": its statements apply only when " + conditions +
                                    ", which does not hold for this organisation; it is a "
                                    "candidate for exclusion: "
                                    "add <exclude control=\"" +
                                    control.id + "\" reason=\"...\"/> to the profile's <soa>"));
}

/// One applicable control's row: its owner (the first implementing
/// document's), status and requirements.
void FillApplicable(Resolution& res, const model::Control& control, const SoaDecisions& d,
                    model::SoaRow& row) {
  if (row.implemented_by.empty()) {
    ReportUncovered(res, control);
  } else {
    const std::string first_doc = row.implemented_by[0].substr(0, row.implemented_by[0].find('#'));
    row.owner = res.sources.at(first_doc)->owner;
  }
  auto st = d.status.find(control.id);
  if (st != d.status.end()) {
    row.status = st->second->status;
    row.status_date = st->second->date;
    row.reasons.stated = st->second->reason;
  } else {
    res.sink.Report(
        DiagKind::kStatusMissing, res.profile.soa_loc,
        control.id + " " + control.title +
            " is applicable but its implementation status is not stated; add <status control=\"" +
            control.id +
            "\" value=\"implemented\"/> (or partial, planned or not-implemented) to <soa>");
  }
  auto requirements = d.requirement_controls.find(control.id);
  if (requirements == d.requirement_controls.end()) return;
  for (const model::Requirement* r : requirements->second) {
    row.reasons.requirements.emplace_back(r->kind, r->title);
  }
}

/// "Staff work from home. Treats risks r02 (Phishing of administrators)
/// and r07 (Lost laptops). Needed to meet clause 5.2 (Policy). Legal
/// register: UK GDPR and Data Protection Act 2018; Computer Misuse Act
/// 1990. Contract: Council contracts."
std::string Justification(const model::SoaReasons& reasons) {
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
    sentence("Needed to meet clause" + std::string(clauses.size() > 1 ? "s " : " ") +
             base::JoinEnglish(clauses));
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
    static const std::map<std::string, std::string> kLead = {{"contract", "Contract"},
                                                             {"regulator", "Regulator"},
                                                             {"certification", "Certification"},
                                                             {"insurer", "Insurer"},
                                                             {"other", "Requirement"}};
    auto lead = kLead.find(kind);
    sentence((lead == kLead.end() ? "Requirement" : lead->second) + ": " +
             base::Join(by_kind[kind], "; "));
  }
  return base::Join(sentences, " ");
}

}  // namespace

void BuildSoa(Resolution& res) {
  SoaDecisions decisions;
  ReadExclusions(res, decisions);
  ReadStatuses(res, decisions);
  ReadRequirements(res, decisions);
  std::map<std::string, std::vector<std::string>> implemented_by;
  for (const auto& [statement, doc_id] : res.statements) {
    for (const std::string& c : statement->controls)
      implemented_by[c].push_back(doc_id + "#" + statement->id);
  }
  for (const model::Control& control : res.library.catalogue.controls) {
    model::SoaRow row;
    row.control = control.id;
    row.title = control.title;
    row.theme = control.theme;
    row.implemented_by = implemented_by[control.id];
    auto ex = decisions.excluded.find(control.id);
    if (ex != decisions.excluded.end()) {
      row.applicable = false;
      row.justification = ex->second->reason;
      CheckExcluded(res, control, row, *ex->second);
    } else {
      FillApplicable(res, control, decisions, row);
    }
    res.pack.soa.push_back(std::move(row));
  }
}

/// The SoA's reasons for each applicable control, and its justification
/// in words: the organisation's own reason, then the risks that rely on
/// it, then the legal register entries and requirements that call for it.
void JustifySoa(Resolution& res) {
  std::map<std::string, std::vector<const model::ResolvedRisk*>> treats;
  for (const auto& r : res.pack.risks) {
    for (const std::string& c : r.risk.controls) treats[c].push_back(&r);
  }
  for (model::SoaRow& row : res.pack.soa) {
    if (!row.applicable) continue;
    model::SoaReasons& reasons = row.reasons;
    for (const model::ResolvedRisk* r : treats[row.control]) {
      reasons.risks.emplace_back(r->risk.id,
                                 r->risk.title.empty() ? r->risk.threat : r->risk.title);
    }
    reasons.legal = res.required_by[row.control];
    for (const std::string& clause : res.controls.at(row.control)->supports) {
      for (const auto& [id, title] : res.pack.clauses) {
        if (id == clause) reasons.clauses.emplace_back(id, title);
      }
    }
    row.justification = Justification(reasons);
    if (reasons.empty() && !row.implemented_by.empty()) {
      const model::Control& control = *res.controls.at(row.control);
      res.sink.Report(
          DiagKind::kUnjustifiedControl, res.profile.soa_loc,
          control.id + " " + control.title +
              " is applicable, but the SoA has no reason for it: no risk relies on it and no legal "
              "register entry or requirement calls for it; give the organisation's reason with "
              "reason=\"...\" "
              "on its <status>, or name it in a risk's or a requirement's controls");
    }
  }
}

}  // namespace policyc::resolve
