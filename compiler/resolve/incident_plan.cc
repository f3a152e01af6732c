// The incident response plan's tables compiled from the profile: the
// external contacts, the escalation tree of each severity (holders, then
// deputies, with their numbers) and the processing activities with whom to
// notify of a personal data breach. compiled-documents.xml says which
// section each table goes into; templates/compiled/*.xml lay them out.
#include <algorithm>
#include <set>

#include "base/strings.h"
#include "resolve/compiled_template.h"
#include "resolve/derived_documents.h"
#include "resolve/incident_plan.h"

namespace policyc::resolve {

using base::EscapeMarkdown;
using model::ResolvedPack;
using namespace derived;  // NOLINT: the shared helpers of derived documents

namespace {

/// The layout of `builder`, or nullptr after reporting that it is missing.
const model::CompiledTemplate* Layout(const ResolvedPack& pack, const std::string& builder, const base::SourceLoc& loc,
                                      base::DiagnosticSink& sink) {
  const model::CompiledTemplate* layout = pack.compiled.Template(builder);
  if (!layout) {
    sink.Report(base::DiagKind::kTemplateName, loc,
                "the " + builder + " table has no layout; add templates/compiled/" + builder + ".xml");
  }
  return layout;
}

/// Puts the tables `layout` lays out over `view` into the section
/// `target` (DOC#SECTION), which keeps its number and cross-references.
void PutTables(ResolvedPack& pack, const std::string& target, const model::CompiledTemplate& layout, const View& view,
               base::DiagnosticSink& sink) {
  const size_t hash = target.find('#');
  if (hash == std::string::npos) return;  // reported by the resolver
  ExpandedTemplate expanded = ExpandTemplate(layout, view, sink);
  const std::string doc_id = target.substr(0, hash);
  const std::string section_id = target.substr(hash + 1);
  struct Finder {
    static model::ResolvedSection* In(std::vector<model::ResolvedItem>& items, const std::string& id) {
      for (auto& item : items) {
        if (auto* s = std::get_if<model::ResolvedSection>(&item)) {
          if (s->id == id) return s;
          if (auto* found = In(s->items, id)) return found;
        }
      }
      return nullptr;
    }
  };
  for (model::ResolvedDocument& doc : pack.documents) {
    if (doc.id != doc_id) continue;
    for (model::ResolvedSection& top : doc.sections) {
      model::ResolvedSection* section = top.id == section_id ? &top : Finder::In(top.items, section_id);
      if (!section) continue;
      for (const model::ResolvedSection& laid_out : expanded.sections) {
        section->tables.insert(section->tables.end(), laid_out.tables.begin(), laid_out.tables.end());
      }
      return;
    }
  }
}

View PersonView(const model::Person& person, bool deputy) {
  View v;
  v.set("name", EscapeMarkdown(person.name));
  v.set("job_title", EscapeMarkdown(person.job_title));
  v.set("phone", Opt(EscapeMarkdown(person.phone)));
  v.set("email", Opt(EscapeMarkdown(person.email)));
  v.set("deputy", Flag(deputy));
  return v;
}

/// "1 hour" for a duration parameter, or "" when the pack has none.
std::string ParameterText(const ResolvedPack& pack, const std::string& id) {
  for (const model::ResolvedValue& p : pack.parameters) {
    if (p.id == id) return base::EscapeMarkdownLiteral(p.value.ToText(p.unit));
  }
  return "";
}

/// A view list of `items`, each but the last marked `more`, so that a
/// template can separate them.
View ListWithMore(std::vector<View> items) {
  View list{View::type::list};
  for (size_t i = 0; i < items.size(); ++i) {
    items[i].set("more", Flag(i + 1 < items.size()));
    list.push_back(items[i]);
  }
  return list;
}

void AppendExternalContacts(ResolvedPack& pack, base::DiagnosticSink& sink) {
  if (!pack.compiled.external_contacts) return;
  const model::ExternalContactsSpec& spec = *pack.compiled.external_contacts;
  const model::CompiledTemplate* layout = Layout(pack, "external-contacts", spec.loc, sink);
  if (!layout) return;
  View rows{View::type::list};
  for (const model::ContactKindSpec& kind : spec.kinds) {
    for (const model::ExternalContact& c : pack.contacts) {
      if (c.kind != kind.id) continue;
      View r;
      r.set("kind", EscapeMarkdown(kind.title));
      r.set("name", EscapeMarkdown(c.name));
      r.set("phone", Opt(EscapeMarkdown(c.phone)));
      r.set("email", Opt(EscapeMarkdown(c.email)));
      r.set("web", Opt(EscapeMarkdown(c.web)));
      r.set("reference", Opt(EscapeMarkdown(c.reference)));
      r.set("notes", Opt(EscapeMarkdown(c.notes)));
      rows.push_back(r);
    }
  }
  View view = BaseView(pack);
  view.set("contacts", rows);
  PutTables(pack, spec.section, *layout, view, sink);
}

void AppendEscalation(ResolvedPack& pack, base::DiagnosticSink& sink) {
  if (pack.compiled.escalation.empty()) return;
  const model::CompiledTemplate* layout = Layout(pack, "escalation", pack.compiled.escalation.front().loc, sink);
  if (!layout) return;
  const model::ExternalContactsSpec* contacts_spec =
      pack.compiled.external_contacts ? &*pack.compiled.external_contacts : nullptr;
  for (const model::EscalationLevel& level : pack.compiled.escalation) {
    View steps{View::type::list};
    int number = 0;
    for (const model::EscalationCall& call : level.calls) {
      std::vector<View> people;
      std::vector<std::string> titles;
      if (!call.contact.empty()) {
        const model::ContactKindSpec* kind = contacts_spec ? contacts_spec->Kind(call.contact) : nullptr;
        titles.push_back(kind ? kind->title : call.contact);
        for (const model::ExternalContact& c : pack.contacts) {
          if (c.kind != call.contact) continue;
          model::Person as_person{c.kind, c.name, c.reference, "", c.phone, {}, {}, c.loc};
          people.push_back(PersonView(as_person, false));
        }
        if (people.empty()) continue;  // the profile lists none: nobody to call
      }
      // Everyone who holds one of the roles, then whoever deputises for
      // one of them, each person once.
      std::set<std::string> listed;
      auto add = [&](const model::Person& person, bool deputy) {
        if (!listed.insert(person.id).second) return;
        people.push_back(PersonView(person, deputy));
      };
      for (const std::string& role_id : call.roles) {
        titles.push_back(RoleTitle(pack, role_id));
        for (const model::ResolvedRole& role : pack.roles) {
          if (role.id != role_id) continue;
          for (const std::string& holder : role.holders) {
            if (const model::Person* person = pack.FindPerson(holder)) add(*person, false);
          }
        }
      }
      for (const std::string& role_id : call.roles) {
        for (const model::Person& person : pack.people) {
          if (std::find(person.deputy_for.begin(), person.deputy_for.end(), role_id) != person.deputy_for.end()) {
            add(person, true);
          }
        }
      }
      View step;
      step.set("number", std::to_string(++number));
      step.set("call", EscapeMarkdown(base::JoinEnglish(titles)));
      step.set("people", ListWithMore(std::move(people)));
      step.set("within", Opt(call.within.empty() ? "" : ParameterText(pack, call.within)));
      step.set("note", Opt(call.note));
      steps.push_back(step);
    }
    View view = BaseView(pack);
    view.set("steps", steps);
    PutTables(pack, level.section, *layout, view, sink);
  }
}

void AppendProcessing(ResolvedPack& pack, base::DiagnosticSink& sink) {
  if (!pack.compiled.processing_activities || pack.processing.empty()) return;
  const model::ProcessingActivitiesSpec& spec = *pack.compiled.processing_activities;
  const model::CompiledTemplate* layout = Layout(pack, "processing-activities", spec.loc, sink);
  if (!layout) return;
  const std::string default_deadline = ParameterText(pack, spec.deadline);
  View rows{View::type::list};
  for (const model::ProcessingActivity& activity : pack.processing) {
    View r;
    r.set("name", EscapeMarkdown(activity.name));
    r.set("controller", Flag(activity.role == "controller"));
    r.set("joint_controller", Flag(activity.role == "joint-controller"));
    r.set("processor", Flag(activity.role == "processor"));
    r.set("controllers", Opt(EscapeMarkdown(activity.controllers)));
    r.set("notify_within", EscapeMarkdown(activity.notify_within.empty() ? default_deadline : activity.notify_within));
    r.set("contractual", Flag(!activity.notify_within.empty()));
    rows.push_back(r);
  }
  View view = BaseView(pack);
  view.set("activities", rows);
  PutTables(pack, spec.section, *layout, view, sink);
}

}  // namespace

void AppendIncidentPlanTables(ResolvedPack& pack, base::DiagnosticSink& sink) {
  AppendExternalContacts(pack, sink);
  AppendEscalation(pack, sink);
  AppendProcessing(pack, sink);
}

}  // namespace policyc::resolve
