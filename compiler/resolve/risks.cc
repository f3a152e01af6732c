// Assets and risks: owners who are one person, ratings and their bands,
// treatments, acceptances and what the risks rely on.
#include "resolve/risks.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/strings.h"
#include "resolve/resolution.h"

namespace policyc::resolve {

using base::DiagKind;
using base::SourceLoc;

RiskBand BandOf(int rating) {
  if (rating <= 4) return RiskBand::kLow;
  if (rating <= 9) return RiskBand::kMedium;
  if (rating <= 16) return RiskBand::kHigh;
  return RiskBand::kCritical;
}

const char* BandName(RiskBand band) {
  switch (band) {
    case RiskBand::kLow:
      return "Low";
    case RiskBand::kMedium:
      return "Medium";
    case RiskBand::kHigh:
      return "High";
    case RiskBand::kCritical:
      return "Critical";
  }
  return "Critical";
}

namespace {

/// An owner that must be one named person: a person's id, or a role that
/// exactly one person holds.
void CheckOwner(Resolution& res, const std::string& owner, const SourceLoc& loc,
                const std::string& what) {
  if (res.people.count(owner)) return;
  if (!res.roles.count(owner)) {
    std::vector<std::string> candidates = Keys(res.roles);
    for (const auto& [id, person] : res.people) candidates.push_back(id);
    res.sink.Report(
        DiagKind::kUnknownRole, loc,
        what + " '" + owner +
            "' is neither one of the profile's people nor a role (see 'policyc list roles')" +
            base::DidYouMean(owner, candidates));
    return;
  }
  res.CheckRoleRef(owner, loc, true);
  const std::vector<std::string>& holders = res.holders[owner];
  if (holders.size() == 1) return;
  if (holders.empty()) return;  // resolve.unheld-role says so
  std::vector<std::string> names;
  for (const std::string& id : holders) names.push_back(res.people.at(id)->name + " (" + id + ")");
  res.sink.Report(DiagKind::kOwnerNotOnePerson, loc,
                  what + " is the role '" + owner + "', which " + std::to_string(holders.size()) +
                      " people hold: " + base::JoinEnglish(names) +
                      "; name the one accountable person, e.g. \"" + holders.front() + "\"");
}

/// A risk acceptance is by someone entitled to accept it (the risk owner,
/// or a holder of the role the risk register names as acceptor: top
/// management in the shipped library), on or before the as-of date.
void CheckAcceptance(Resolution& res, const model::Risk& risk) {
  if (risk.accepted_by.empty() || !res.people.count(risk.accepted_by)) return;
  std::set<std::string> entitled;
  auto add_role = [&](const std::string& role) {
    auto it = res.holders.find(role);
    if (it != res.holders.end()) entitled.insert(it->second.begin(), it->second.end());
  };
  if (res.people.count(risk.owner)) {
    entitled.insert(risk.owner);
  } else {
    add_role(risk.owner);
  }
  std::string acceptor_role;
  if (const model::CompiledDocumentSpec* spec = res.library.compiled.Find("risk-list")) {
    if (const model::CompiledUse* use = spec->Use("acceptor")) acceptor_role = use->role;
  }
  if (!acceptor_role.empty()) add_role(acceptor_role);
  if (!entitled.count(risk.accepted_by)) {
    std::vector<std::string> names;
    for (const std::string& id : entitled)
      names.push_back(res.people.at(id)->name + " (" + id + ")");
    const model::Person& by = *res.people.at(risk.accepted_by);
    res.sink.Report(DiagKind::kRiskAcceptor, risk.loc,
                    "risk " + risk.id + " was accepted by " + by.name + " (" + by.job_title +
                        "), who is neither its owner nor " +
                        (acceptor_role.empty() ? std::string("entitled to accept risks")
                                               : "a holder of '" + acceptor_role + "'") +
                        "; only " +
                        (names.empty() ? std::string("its owner") : base::JoinEnglish(names)) +
                        " may accept it");
  }
  if (risk.accepted_on.empty()) {
    res.sink.Report(DiagKind::kRiskAcceptedLater, risk.loc,
                    "risk " + risk.id + " was accepted by '" + risk.accepted_by +
                        "' on no recorded date; add accepted-on=\"YYYY-MM-DD\"");
  } else if (risk.accepted_on > res.profile.as_of) {
    res.sink.Report(DiagKind::kRiskAcceptedLater, risk.loc,
                    "risk " + risk.id + " is recorded as accepted on " + risk.accepted_on +
                        ", after the pack's as-of date " + res.profile.as_of +
                        "; an acceptance cannot come after the date the pack speaks for: correct "
                        "the date, or move as-of");
  }
}

}  // namespace

void CheckRiskOwners(Resolution& res) {
  std::map<std::string, SourceLoc> ids;
  for (const model::Asset& asset : res.profile.assets) {
    auto [it, first] = ids.emplace(asset.id, asset.loc);
    if (!first) {
      res.sink.Report(DiagKind::kDuplicateId, asset.loc,
                      "asset '" + asset.id + "' is defined twice");
      res.sink.AddNote(it->second, "first defined here");
    }
    CheckOwner(res, asset.owner, asset.loc, "asset " + asset.id + "'s owner");
  }
  ids.clear();
  for (const model::Risk& risk : res.profile.risks) {
    auto [it, first] = ids.emplace(risk.id, risk.loc);
    if (!first) {
      res.sink.Report(DiagKind::kDuplicateId, risk.loc, "risk '" + risk.id + "' is defined twice");
      res.sink.AddNote(it->second, "first defined here");
    }
    CheckOwner(res, risk.owner, risk.loc, "risk " + risk.id + "'s owner");
    if (!risk.treatment_owner.empty()) {
      CheckOwner(res, risk.treatment_owner, risk.loc, "risk " + risk.id + "'s treatment owner");
    }
  }
  for (const model::Objective& o : res.profile.objectives) res.CheckRoleRef(o.owner, o.loc, true);
  for (const model::Nonconformity& n : res.profile.nonconformities)
    res.CheckRoleRef(n.owner, n.loc, true);
}

void ResolveRisks(Resolution& res) {
  auto appetite = res.parameters.find("risk_appetite_threshold");
  if (appetite != res.parameters.end() &&
      appetite->second.value.type == model::ValueType::kInteger) {
    res.pack.risk_appetite = static_cast<int>(appetite->second.value.integer);
  }
  const int limit = res.pack.risk_appetite;
  std::map<std::string, const model::Asset*> assets;
  for (const model::Asset& asset : res.profile.assets) assets[asset.id] = &asset;
  std::set<std::string> excluded;
  for (const model::SoaExclusion& e : res.profile.exclusions) excluded.insert(e.control);
  for (const model::Risk& risk : res.profile.risks) {
    model::ResolvedRisk out;
    out.risk = risk;
    out.inherent = risk.likelihood * risk.impact;
    out.inherent_band = BandName(BandOf(out.inherent));
    if (risk.residual_likelihood > 0 && risk.residual_impact > 0) {
      out.residual = risk.residual_likelihood * risk.residual_impact;
      out.residual_band = BandName(BandOf(out.residual));
    }
    auto asset = assets.find(risk.asset);
    if (asset == assets.end()) {
      res.sink.Report(DiagKind::kDanglingReference, risk.loc,
                      "risk " + risk.id + " is about asset '" + risk.asset +
                          "', which the profile's <assets> does not list" +
                          base::DidYouMean(risk.asset, Keys(assets)));
    } else {
      out.asset_name = asset->second->name;
    }
    const bool accepted = !risk.accepted_by.empty();
    if (accepted && !res.people.count(risk.accepted_by)) {
      res.sink.Report(DiagKind::kUnknownPerson, risk.loc,
                      "risk " + risk.id + " was accepted by '" + risk.accepted_by +
                          "', who is not one of the profile's people" +
                          base::DidYouMean(risk.accepted_by, Keys(res.people)));
    }
    CheckAcceptance(res, risk);
    if (out.inherent > limit && risk.treatment.empty() && !accepted) {
      res.sink.Report(DiagKind::kRiskUntreated, risk.loc,
                      "risk " + risk.id + " is rated " + std::to_string(out.inherent) + " (" +
                          out.inherent_band + "), above the appetite of " + std::to_string(limit) +
                          ", but has no treatment and no recorded acceptance; add "
                          "treatment=\"...\" or accepted-by=\"PERSON\"");
    }
    for (const std::string& control : risk.controls) {
      if (!res.controls.count(control)) {
        res.sink.Report(DiagKind::kUnknownControl, risk.loc,
                        "risk " + risk.id + " relies on unknown control '" + control + "'" +
                            base::DidYouMean(control, Keys(res.controls)));
      } else if (excluded.count(control)) {
        res.sink.Report(
            DiagKind::kRiskExcludedControl, risk.loc,
            "risk " + risk.id + " relies on " + control +
                ", which the SoA excludes; include the control or choose another treatment");
        for (const model::SoaExclusion& e : res.profile.exclusions) {
          if (e.control == control) res.sink.AddNote(e.loc, "excluded here");
        }
      }
    }
    if (out.residual > limit && !accepted) {
      res.sink.Report(DiagKind::kRiskResidualNotAccepted, risk.loc,
                      "risk " + risk.id + " keeps a residual rating of " +
                          std::to_string(out.residual) + " above the appetite of " +
                          std::to_string(limit) +
                          "; its owner must accept it (accepted-by=\"PERSON\" "
                          "accepted-on=\"DATE\") or the treatment must go further");
    }
    if (!risk.due.empty() && !risk.done && risk.due < res.profile.as_of) {
      out.overdue = true;
      res.sink.Report(DiagKind::kRiskOverdue, risk.loc,
                      "the treatment of risk " + risk.id + " was due on " + risk.due +
                          ", before the pack's as-of date " + res.profile.as_of +
                          "; mark it done=\"true\" or set a new due date");
    }
    res.pack.risks.push_back(std::move(out));
  }
  res.pack.assets = res.profile.assets;
}

}  // namespace policyc::resolve
