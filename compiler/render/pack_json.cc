#include "render/pack_json.h"

#include <nlohmann/json.hpp>

namespace policyc::render {

using nlohmann::json;

namespace {

json TablesJson(const std::vector<model::Table>& tables) {
  json out = json::array();
  for (const model::Table& table : tables) {
    json columns = json::array();
    for (const model::TableColumn& column : table.columns) {
      json c = {{"header", column.header}, {"weight", column.weight}};
      if (column.control) c["control"] = true;
      columns.push_back(c);
    }
    out.push_back({{"columns", columns}, {"key", table.key}, {"landscape", table.landscape}, {"rows", table.rows}});
  }
  return out;
}

/// Adds where the text came from, when a layer holds it.
void AddProvenance(const model::Provenance& provenance, json& out) {
  if (!provenance.known()) return;
  out["provenance"] = {{"layer", provenance.layer}, {"file", provenance.file}, {"line", provenance.line}};
}

json SectionJson(const model::ResolvedSection& section) {
  json items = json::array();
  for (const model::ResolvedItem& item : section.items) {
    if (const auto* s = std::get_if<model::ResolvedStatement>(&item)) {
      json statement = {{"type", "statement"},
                        {"id", s->id},
                        {"number", s->number},
                        {"text", s->text},
                        {"evidence", s->evidence},
                        {"training", s->training},
                        {"training_audience", s->training_audience},
                        {"controls", s->controls},
                        {"clauses", s->clauses},
                        {"roles", s->roles},
                        {"approves", s->approves},
                        {"informed", s->informed},
                        {"variables", s->variables},
                        {"source_hash", s->source_hash}};
      if (!s->frameworks.empty()) statement["frameworks"] = s->frameworks;
      AddProvenance(s->provenance, statement);
      items.push_back(std::move(statement));
    } else {
      json sub = SectionJson(std::get<model::ResolvedSection>(item));
      sub["type"] = "section";
      items.push_back(sub);
    }
  }
  json out = {{"id", section.id},
              {"number", section.number},
              {"title", section.title},
              {"intro", section.intro},
              {"items", items}};
  if (!section.tables.empty()) out["tables"] = TablesJson(section.tables);
  if (section.control) out["control"] = true;
  if (!section.source_hash.empty()) {
    out["source_hash"] = section.source_hash;
    out["variables"] = section.variables;
  }
  AddProvenance(section.provenance, out);
  return out;
}

json ExcludedJson(const std::vector<model::ExcludedItem>& items) {
  json out = json::array();
  for (const auto& e : items) out.push_back({{"id", e.id}, {"condition", e.condition}});
  return out;
}

json ValueJson(const model::ResolvedValue& v) {
  json value;
  switch (v.type) {
    case model::ValueType::kInteger: value = v.value.integer; break;
    case model::ValueType::kBoolean: value = v.value.boolean; break;
    case model::ValueType::kList: value = v.value.items; break;
    default: value = v.value.ToSource(); break;
  }
  return {{"id", v.id},
          {"type", std::string(model::ValueTypeName(v.type))},
          {"value", value},
          {"text", v.value.ToText(v.unit)},
          {"unit", v.unit},
          {"description", v.description},
          {"from_profile", v.from_profile}};
}

json DocumentJson(const model::ResolvedDocument& doc) {
  json sections = json::array();
  for (const auto& section : doc.sections) sections.push_back(SectionJson(section));
  json revisions = json::array();
  for (const auto& r : doc.revisions) {
    revisions.push_back({{"version", r.version}, {"date", r.date}, {"author", r.author}, {"summary", r.summary}});
  }
  return {{"id", doc.id},
                       {"kind", doc.kind},
                       {"derived", doc.derived},
                       {"title", doc.title},
                       {"owner_role", doc.owner_role},
                       {"owner", model::OwnerLabel(doc)},
                       {"approver", doc.approver},
                       {"version", doc.version},
                       {"approval_date", doc.approval_date},
                       {"approved_version", doc.approved_version},
                       {"approved_date", doc.approved_date},
                       {"next_review", doc.next_review},
                       {"classification", doc.classification},
                       {"clauses", doc.clauses},
                       {"serves", doc.serves},
                       {"controls", doc.controls},
                       {"summary", doc.summary},
                       {"review_months", doc.review_months},
                       {"draft", doc.draft},
                       {"revisions", revisions},
                       {"excluded", ExcludedJson(doc.excluded)},
                       {"sections", sections}};
}

json SoaRowJson(const model::SoaRow& row) {
  json risks = json::array(), requirements = json::array(), clauses = json::array();
  for (const auto& [id, title] : row.reasons.risks) risks.push_back(id);
  for (const auto& [kind, title] : row.reasons.requirements) requirements.push_back({{"kind", kind}, {"title", title}});
  for (const auto& [id, title] : row.reasons.clauses) clauses.push_back(id);
  return {{"control", row.control},
                 {"title", row.title},
                 {"theme", row.theme},
                 {"applicable", row.applicable},
                 {"justification", row.justification},
                 {"reasons", {{"stated", row.reasons.stated},
                              {"risks", risks},
                              {"legal", row.reasons.legal},
                              {"requirements", requirements},
                              {"clauses", clauses}}},
                 {"status", row.status},
                 {"status_date", row.status_date},
                 {"implemented_by", row.implemented_by},
                 {"owner", row.owner}};
}

/// The chosen frameworks, each requirement with the statements that meet
/// it (what the diff compares as the crosswalk).
json FrameworksJson(const std::vector<model::ResolvedFramework>& frameworks) {
  json out = json::array();
  for (const model::ResolvedFramework& f : frameworks) {
    json requirements = json::array();
    for (const model::ResolvedRequirement& r : f.requirements) {
      requirements.push_back({{"id", r.id},
                              {"title", r.title},
                              {"group", r.group},
                              {"controls", r.controls},
                              {"statements", r.statements},
                              {"primary", r.primary},
                              {"covered", r.covered()},
                              {"gap", r.gap},
                              {"statement_needed", r.statement_needed}});
    }
    out.push_back({{"id", f.id},
                   {"title", f.title},
                   {"catalogue_title", f.catalogue_title},
                   {"version", f.version},
                   {"level", f.level},
                   {"as", f.as},
                   {"suggested_because", f.suggested_because},
                   {"requirements", requirements}});
  }
  return out;
}

/// The registers: people, processing, contacts, roles, segregations,
/// assets, risks, objectives and nonconformities, added to `out`.
void AddRegisters(const model::ResolvedPack& pack, json& out) {
  json people = json::array();
  for (const auto& p : pack.people) {
    people.push_back({{"id", p.id}, {"name", p.name}, {"job_title", p.job_title},
                      {"email", p.email}, {"phone", p.phone}, {"roles", p.roles}, {"deputy_for", p.deputy_for}});
  }
  json processing = json::array();
  for (const auto& a : pack.processing) {
    processing.push_back({{"name", a.name}, {"role", a.role}, {"controllers", a.controllers},
                          {"notify_within", a.notify_within}});
  }
  json contacts = json::array();
  for (const auto& c : pack.contacts) {
    contacts.push_back({{"kind", c.kind}, {"name", c.name}, {"phone", c.phone}, {"email", c.email}, {"web", c.web},
                        {"reference", c.reference}, {"notes", c.notes}});
  }
  json roles = json::array();
  for (const auto& r : pack.roles) {
    roles.push_back({{"id", r.id}, {"title", r.title}, {"everyone", r.everyone},
                     {"purpose", r.purpose}, {"authorities", r.authorities},
                     {"competences", r.competences}, {"holders", r.holders}, {"duties", r.duties}});
  }
  json segregations = json::array();
  for (const auto& s : pack.segregations) {
    segregations.push_back({{"roles", {s.first_role, s.second_role}}, {"reason", s.reason}, {"conflicts", s.conflicts}});
  }
  json assets = json::array();
  for (const auto& a : pack.assets) {
    assets.push_back({{"id", a.id}, {"name", a.name}, {"owner", a.owner}, {"classification", a.classification},
                      {"location", a.location}, {"confidentiality", a.confidentiality}, {"integrity", a.integrity},
                      {"availability", a.availability}});
  }
  json risks = json::array();
  for (const auto& r : pack.risks) {
    risks.push_back({{"id", r.risk.id}, {"asset", r.risk.asset}, {"threat", r.risk.threat},
                     {"vulnerability", r.risk.vulnerability}, {"likelihood", r.risk.likelihood},
                     {"impact", r.risk.impact}, {"rating", r.inherent}, {"band", r.inherent_band},
                     {"owner", r.risk.owner}, {"treatment", r.risk.treatment}, {"controls", r.risk.controls},
                     {"action", r.risk.action}, {"residual_rating", r.residual}, {"residual_band", r.residual_band},
                     {"due", r.risk.due}, {"done", r.risk.done}, {"overdue", r.overdue},
                     {"accepted_by", r.risk.accepted_by}, {"accepted_on", r.risk.accepted_on}});
  }
  json objectives = json::array();
  for (const auto& o : pack.objectives) {
    objectives.push_back({{"id", o.id}, {"title", o.title}, {"measure", o.measure}, {"target", o.target},
                          {"owner", o.owner}, {"due", o.due}, {"status", o.status}, {"result", o.result}});
  }
  json nonconformities = json::array();
  for (const auto& n : pack.nonconformities) {
    nonconformities.push_back({{"id", n.id}, {"raised", n.raised}, {"source", n.source}, {"finding", n.finding},
                               {"root_cause", n.root_cause}, {"action", n.action}, {"owner", n.owner},
                               {"due", n.due}, {"status", n.status}, {"closed_on", n.closed_on},
                               {"overdue", model::IsOverdue(n, pack.as_of)}});
  }
  out["people"] = people;
  out["processing"] = processing;
  out["contacts"] = contacts;
  out["roles"] = roles;
  out["segregations"] = segregations;
  out["assets"] = assets;
  out["risks"] = risks;
  out["objectives"] = objectives;
  out["nonconformities"] = nonconformities;
}

}  // namespace

std::string PackToJson(const model::ResolvedPack& pack) {
  // A library's file names (provenance) need not be UTF-8; JSON cannot hold
  // such bytes, so each becomes U+FFFD rather than aborting the build.
  return PackJson(pack).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

json PackJson(const model::ResolvedPack& pack) {
  json documents = json::array();
  for (const model::ResolvedDocument& doc : pack.documents) documents.push_back(DocumentJson(doc));
  json facts = json::array(), parameters = json::array();
  for (const auto& f : pack.facts) facts.push_back(ValueJson(f));
  for (const auto& p : pack.parameters) parameters.push_back(ValueJson(p));
  json soa = json::array();
  for (const auto& row : pack.soa) soa.push_back(SoaRowJson(row));
  json org = {{"name", pack.organisation.name},
              {"legal_name", pack.organisation.legal_name},
              {"company_number", pack.organisation.company_number},
              {"registered_office", pack.organisation.registered_office},
              {"ico_registration", pack.organisation.ico_registration},
              {"sector", pack.organisation.sector}};
  json branding = {{"primary_colour", pack.branding.primary_colour}, {"font", pack.branding.font}};
  // The logo by its name in a built pack (the pack writer copies it there),
  // never by where it sits on this machine.
  if (!pack.branding.logo_format.empty()) branding["logo"] = "logo." + pack.branding.logo_format;
  json out = {{"format_version", model::kPackFormatVersion},
              {"profile", pack.profile_id},
              {"as_of", pack.as_of},
              {"organisation", org},
              {"branding", branding},
              {"scope", pack.scope},
              {"documents", documents},
              {"excluded_documents", ExcludedJson(pack.excluded_documents)},
              {"facts", facts},
              {"parameters", parameters},
              {"soa", soa},
              {"frameworks", FrameworksJson(pack.frameworks)},
              {"risk_appetite", pack.risk_appetite}};
  AddRegisters(pack, out);
  return out;
}

}  // namespace policyc::render
