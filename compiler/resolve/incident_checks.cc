// Incident response: the profile's external contacts, processing
// activities and the escalation tree against the library's incident
// response knowledge (compiled-documents.xml) and the facts.
#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/strings.h"
#include "resolve/resolution.h"

namespace policyc::resolve {

using base::DiagKind;
using base::SourceLoc;
using model::Value;

namespace {

/// A parameter a compiled spec names: it must exist and be a duration.
void CheckDurationParameter(Resolution& res, const std::string& id, const SourceLoc& loc) {
  auto it = res.parameters.find(id);
  if (it == res.parameters.end()) {
    res.sink.Report(DiagKind::kUnknownParameter, loc,
                    "unknown parameter '" + id + "'" + base::DidYouMean(id, Keys(res.parameters)));
  } else if (it->second.declaration->type != "duration") {
    res.sink.Report(DiagKind::kBadValue, loc,
                    "parameter '" + id + "' is a " + it->second.declaration->type +
                        "; a deadline here must be a duration");
  }
}

/// A section the compiled tables go into (DOC#SECTION) exists in the library.
void CheckTableSection(Resolution& res, const std::string& section, const SourceLoc& loc,
                       const char* what) {
  if (section.find('#') == std::string::npos) {
    res.sink.Report(DiagKind::kDanglingReference, loc,
                    std::string(what) + " go into a section: write section=\"DOCUMENT#SECTION\"");
  } else if (!res.targets.count(section) && !res.excluded_refs.count(section)) {
    res.sink.Report(DiagKind::kDanglingReference, loc,
                    "no section '" + section + "' for the " + what +
                        base::DidYouMean(section, Keys(res.targets)));
  }
}

/// Every contact is of a declared kind, and the contacts the plan needs
/// (when their condition holds) are there.
void CheckExternalContacts(Resolution& res) {
  const auto* spec = res.ContactsSpec();
  for (const model::ExternalContact& c : res.profile.contacts) {
    if (spec && spec->Kind(c.kind)) continue;
    res.sink.Report(DiagKind::kUnknownContactKind, c.loc,
                    "contact '" + c.name + "' is of unknown kind '" + c.kind + "'" +
                        base::DidYouMean(c.kind, res.ContactKindIds()) +
                        (spec ? " (the kinds are " + base::Join(res.ContactKindIds(), ", ") + ")"
                              : " (the library declares no external contacts)"));
  }
  if (!spec) return;
  CheckTableSection(res, spec->section, spec->loc, "external contacts");
  for (const model::ContactRequirement& rule : spec->requirements) {
    bool known = true;
    for (const std::string& kind : rule.kinds) {
      if (spec->Kind(kind)) continue;
      known = false;
      res.sink.Report(DiagKind::kUnknownContactKind, rule.loc,
                      "required contact kind '" + kind + "' is not declared" +
                          base::DidYouMean(kind, res.ContactKindIds()));
    }
    const std::optional<std::string> when =
        rule.when.empty() ? std::nullopt : std::optional(rule.when);
    if (!known || !res.Holds(when, rule.loc)) continue;
    if (std::any_of(rule.kinds.begin(), rule.kinds.end(),
                    [&](const auto& k) { return res.ListsContact(k); }))
      continue;
    std::vector<std::string> titles, elements;
    for (const std::string& kind : rule.kinds) {
      titles.push_back(spec->Kind(kind)->title + " (kind " + kind + ")");
      elements.push_back("<contact kind=\"" + kind + "\" .../>");
    }
    res.sink.Report(DiagKind::kMissingContact, res.profile.contacts_loc,
                    "the profile's contacts include no " + base::Join(titles, " or ") +
                        ", which the incident response plan needs " + rule.reason + "; add " +
                        base::Join(elements, " or ") + " under <contacts>");
    res.sink.AddNote(rule.loc,
                     rule.when.empty() ? "always required" : "required when " + rule.when);
  }
}

/// The processing activities' roles agree with the facts (controller,
/// processor), and a processor names whom to notify.
void CheckProcessingActivities(Resolution& res) {
  const auto& processing = res.library.compiled.processing_activities;
  if (!processing) return;
  CheckTableSection(res, processing->section, processing->loc, "processing activities");
  CheckDurationParameter(res, processing->deadline, processing->loc);
  const bool controller = res.Holds(processing->controller_when, processing->loc);
  const bool processor = res.Holds(processing->processor_when, processing->loc);
  // A fact already reported as missing or wrong says nothing about the role.
  const bool facts_usable =
      FactsUsable(res, processing->controller_when) && FactsUsable(res, processing->processor_when);
  bool any_processor = false;
  for (const model::ProcessingActivity& activity :
       facts_usable ? res.profile.processing : std::vector<model::ProcessingActivity>{}) {
    const bool as_processor = activity.role == "processor";
    any_processor |= as_processor;
    if (as_processor ? !processor : !controller) {
      res.sink.Report(
          DiagKind::kProcessingRole, activity.loc,
          "'" + activity.name + "' has role=\"" + activity.role +
              "\", but the facts say the organisation is not a " +
              (as_processor ? "processor (" + processing->processor_when + " is false)"
                            : "controller (" + processing->controller_when + " is false)") +
              "; correct the activity's role or the facts");
    }
    if (as_processor && activity.controllers.empty()) {
      res.sink.Report(
          DiagKind::kProcessingRole, activity.loc,
          "'" + activity.name +
              "' is processed for controllers but does not say whom to notify of a breach; "
              "add controllers=\"...\"");
    }
    model::DurationError problem;
    if (!activity.notify_within.empty() && !activity.role.empty() &&
        !model::ParseDuration(activity.notify_within, &problem)) {
      res.sink.Report(DiagKind::kProcessingRole, activity.loc,
                      "notify-within '" + activity.notify_within + "' of '" + activity.name +
                          "' is " +
                          (problem == model::DurationError::kTooLong
                               ? std::string("longer than ") + model::kMaxDurationText +
                                     ", the longest duration policyc reads"
                               : std::string("not a duration")) +
                          "; write e.g. \"24 hours\"");
    } else if (!activity.notify_within.empty() && !as_processor) {
      res.sink.Report(DiagKind::kProcessingRole, activity.loc,
                      "'" + activity.name +
                          "' has notify-within but is not processed for a controller; remove it");
    }
  }
  if (facts_usable && processor && !any_processor) {
    res.sink.Report(
        DiagKind::kMissingContact, res.profile.data_protection_loc,
        "the organisation processes personal data for controllers (" + processing->processor_when +
            "), but the profile names no controller to notify of a breach; list the activities "
            "under "
            "<data-protection> as <processing role=\"processor\" controllers=\"...\"/>");
  }
}

/// The escalation tree calls roles or declared contacts, in time, and a
/// role it calls a deputy for has one.
void CheckEscalation(Resolution& res) {
  const model::CompiledCatalogue& compiled = res.library.compiled;
  const auto* spec = res.ContactsSpec();
  std::set<std::string> warned;
  for (const model::EscalationLevel& level : compiled.escalation) {
    CheckTableSection(res, level.section, level.loc, "escalation tree");
    for (const model::EscalationCall& call : level.calls) {
      if (!call.within.empty()) CheckDurationParameter(res, call.within, call.loc);
      if (!call.contact.empty() && !(spec && spec->Kind(call.contact))) {
        res.sink.Report(DiagKind::kUnknownContactKind, call.loc,
                        "the escalation tree calls unknown contact kind '" + call.contact + "'" +
                            base::DidYouMean(call.contact, res.ContactKindIds()));
      }
      if (call.roles.empty() == call.contact.empty()) {
        res.sink.Report(DiagKind::kDanglingReference, call.loc,
                        "a call names roles or a contact, not both or neither");
      }
      for (const std::string& role : call.roles) {
        res.CheckRoleRef(role, call.loc, true);
        if (!res.roles.count(role) || !call.needs_deputy || !warned.insert(role).second) continue;
        const auto& holders = res.holders[role];
        const bool deputy = std::any_of(
            res.profile.people.begin(), res.profile.people.end(), [&](const model::Person& p) {
              return std::find(p.deputy_for.begin(), p.deputy_for.end(), role) !=
                     p.deputy_for.end();
            });
        if (holders.size() != 1 || deputy) continue;
        const model::Person& holder = *res.people.at(holders.front());
        res.sink.Report(DiagKind::kNoDeputy, holder.loc,
                        holder.name + " is the only " + res.roles.at(role)->title +
                            " and nobody deputises: the escalation tree calls a deputy when the "
                            "holder does not answer; "
                            "add deputy-for=\"" +
                            role + "\" to another <person>");
        res.sink.AddNote(call.loc, "the escalation tree calls the " + role + " here");
      }
    }
  }
}

}  // namespace

std::optional<Value> LookupContact(const Resolution& res, const std::string& kind,
                                   std::string* suggestion) {
  const auto* spec = res.ContactsSpec();
  if (!spec || !spec->Kind(kind)) {
    *suggestion = base::ClosestMatch(kind, res.ContactKindIds());
    return std::nullopt;
  }
  Value v;
  v.type = model::ValueType::kBoolean;
  v.boolean = res.ListsContact(kind);
  return v;
}

void CheckIncidentResponse(Resolution& res) {
  CheckExternalContacts(res);
  CheckProcessingActivities(res);
  CheckEscalation(res);
}

}  // namespace policyc::resolve
