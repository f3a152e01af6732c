// Roles: the catalogue's index, people bound to roles, segregation of
// duties (Annex A 5.3) and the roles as the pack records them.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "base/strings.h"
#include "resolve/resolution.h"

namespace policyc::resolve {

using base::DiagKind;
using base::SourceLoc;
using model::ResolvedDocument;
using model::ResolvedStatement;

namespace {

void IndexClauses(Resolution& res, const std::vector<model::Clause>& clauses) {
  for (const model::Clause& c : clauses) {
    res.clauses.insert(c.id);
    res.pack.clauses.emplace_back(c.id, c.title);
    IndexClauses(res, c.children);
  }
}

/// Whether `person` holds `role` (deputising for it is not holding it).
bool HoldsRole(const model::Person& person, const std::string& role) {
  return std::find(person.roles.begin(), person.roles.end(), role) != person.roles.end();
}

bool DeputisesFor(const model::Person& person, const std::string& role) {
  return std::find(person.deputy_for.begin(), person.deputy_for.end(), role) !=
         person.deputy_for.end();
}

/// The one rule of Annex A 5.3 both the check and the pack's record of
/// conflicts follow: one person holding both roles of a segregation.
bool BreaksSegregation(const model::Person& person, const model::Segregation& seg) {
  return HoldsRole(person, seg.first_role) && HoldsRole(person, seg.second_role);
}

/// Records one person and the roles they hold; reports a second entry
/// for the same id and roles the library does not have.
void BindPerson(Resolution& res, const model::Person& person,
                std::map<std::string, SourceLoc>& ids) {
  auto [it, first] = ids.emplace(person.id, person.loc);
  if (!first) {
    res.sink.Report(DiagKind::kDuplicateId, person.loc,
                    "person '" + person.id +
                        "' is defined twice; give each person one entry with all their roles");
    res.sink.AddNote(it->second, "first defined here");
    return;
  }
  res.people[person.id] = &person;
  for (const std::string& role : person.roles) {
    if (!res.roles.count(role)) {
      res.sink.Report(DiagKind::kUnknownRole, person.loc,
                      "person '" + person.id + "' holds unknown role '" + role +
                          "' (see 'policyc list roles')" + base::DidYouMean(role, Keys(res.roles)));
      continue;
    }
    res.holders[role].push_back(person.id);
  }
  for (const std::string& role : person.deputy_for) {
    if (!res.roles.count(role)) {
      res.sink.Report(DiagKind::kUnknownRole, person.loc,
                      "person '" + person.id + "' deputises for unknown role '" + role +
                          "' (see 'policyc list roles')" + base::DidYouMean(role, Keys(res.roles)));
    }
  }
}

/// A role everyone holds is held by every person in the profile.
void BindEveryoneRoles(Resolution& res) {
  for (const model::Role& role : res.library.roles) {
    if (!role.everyone) continue;
    auto& list = res.holders[role.id];
    list.clear();
    for (const model::Person& person : res.profile.people) list.push_back(person.id);
  }
}

void CheckApproverAndReportingLines(Resolution& res) {
  const model::DocumentControl& dc = res.profile.document_control;
  if (!res.people.count(dc.approver)) {
    res.sink.Report(DiagKind::kUnknownPerson, dc.approver_loc,
                    "document approver '" + dc.approver + "' is not one of the profile's people" +
                        base::DidYouMean(dc.approver, Keys(res.people)));
  }
  for (const model::Role& role : res.library.roles) {
    if (!role.reports_to.empty()) res.CheckRoleRef(role.reports_to, role.loc, false);
  }
}

/// The segregation rules name known roles, and nobody holds both roles of
/// one, or deputises for one while holding the other (standing in for a
/// role is holding it while the holder is away).
void CheckSegregation(Resolution& res) {
  for (const model::Segregation& seg : res.library.segregations) {
    for (const std::string& role : {seg.first_role, seg.second_role}) {
      if (!res.roles.count(role)) {
        res.sink.Report(DiagKind::kUnknownRole, seg.loc,
                        "segregation names unknown role '" + role + "'" +
                            base::DidYouMean(role, Keys(res.roles)));
      }
    }
  }
  for (const model::Person& person : res.profile.people) {
    for (const model::Segregation& seg : res.library.segregations) {
      if (BreaksSegregation(person, seg)) {
        res.sink.Report(
            DiagKind::kSegregationConflict, person.loc,
            person.name + " holds both '" + seg.first_role + "' and '" + seg.second_role +
                "', which should be segregated; give one role to someone else, or record a "
                "compensating control such as independent review of their work");
        res.sink.AddNote(seg.loc, "segregation required: " + seg.reason);
      }
      for (const auto& [held, covered] : {std::pair{seg.first_role, seg.second_role},
                                          std::pair{seg.second_role, seg.first_role}}) {
        if (!HoldsRole(person, held) || !DeputisesFor(person, covered)) continue;
        res.sink.Report(DiagKind::kSegregationConflict, person.loc,
                        person.name + " deputises for '" + covered + "' while holding '" + held +
                            "', which should be segregated; choose another deputy");
        res.sink.AddNote(seg.loc, "segregation required: " + seg.reason);
      }
    }
  }
}

std::string PersonLabel(const Resolution& res, const std::string& id) {
  auto it = res.people.find(id);
  return it == res.people.end() ? id : it->second->name + " (" + it->second->job_title + ")";
}

/// Each role's duties: the statements in which it is the role that acts
/// (the others are only named).
std::map<std::string, std::vector<std::string>> CollectDuties(const model::ResolvedPack& pack) {
  std::map<std::string, std::vector<std::string>> duties;
  for (const ResolvedDocument& doc : pack.documents) {
    struct DutyCollector : model::DocumentVisitor {
      std::map<std::string, std::vector<std::string>>* duties;
      std::string doc_id;
      void VisitStatement(const ResolvedStatement& s, int) override {
        if (!s.roles.empty()) (*duties)[s.roles.front()].push_back(doc_id + "#" + s.id);
      }
    } collector;
    collector.duties = &duties;
    collector.doc_id = doc.id;
    model::WalkDocument(doc, collector);
  }
  return duties;
}

}  // namespace

void IndexCatalogue(Resolution& res) {
  IndexClauses(res, res.library.catalogue.clauses);
  for (const model::Control& c : res.library.catalogue.controls) {
    res.controls[c.id] = &c;
    res.CheckClauses(c.supports, c.loc);
  }
  for (const model::Role& r : res.library.roles) res.roles[r.id] = &r;
}

void CheckRoles(Resolution& res) {
  for (const auto& [role, loc] : res.role_first_use) {
    if (res.holders.count(role) && !res.holders[role].empty()) continue;
    res.sink.Report(DiagKind::kUnheldRole, loc,
                    "role '" + role +
                        "' is given duties here but nobody in the profile holds it; add '" + role +
                        "' to the roles of a <person>");
    res.sink.AddNote(res.profile.loc, "people are listed in this profile");
  }
}
void BindPeople(Resolution& res) {
  std::map<std::string, SourceLoc> ids;
  for (const model::Person& person : res.profile.people) BindPerson(res, person, ids);
  BindEveryoneRoles(res);
  CheckApproverAndReportingLines(res);
  CheckSegregation(res);
}

void FillRoles(Resolution& res) {
  for (const model::Segregation& seg : res.library.segregations) {
    model::ResolvedSegregation out{seg.first_role, seg.second_role, seg.reason, {}};
    for (const model::Person& person : res.profile.people) {
      if (BreaksSegregation(person, seg)) out.conflicts.push_back(person.id);
    }
    res.pack.segregations.push_back(std::move(out));
  }
  std::map<std::string, std::vector<std::string>> duties = CollectDuties(res.pack);
  for (const model::Role& role : res.library.roles) {
    res.pack.roles.push_back({role.id, role.title, role.everyone, role.purpose, role.reports_to,
                              role.authorities, role.competences, res.holders[role.id],
                              duties[role.id]});
  }
}

void FillDocumentOwners(Resolution& res) {
  const std::string approver = PersonLabel(res, res.profile.document_control.approver);
  for (ResolvedDocument& doc : res.pack.documents) {
    auto role = res.roles.find(doc.owner_role);
    doc.owner_title = role != res.roles.end() ? role->second->title : doc.owner_role;
    std::vector<std::string> owners;
    for (const std::string& person : res.holders[doc.owner_role])
      owners.push_back(PersonLabel(res, person));
    doc.owner_names = base::JoinEnglish(owners);
    doc.approver = approver;
  }
}

}  // namespace policyc::resolve
