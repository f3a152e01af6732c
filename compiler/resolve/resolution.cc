// The checks and look-ups every concern of a resolution shares.
#include "resolve/resolution.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "base/strings.h"

namespace policyc::resolve {

using base::DiagKind;
using base::SourceLoc;
using model::Value;

void Resolution::CheckClauses(const std::vector<std::string>& ids, const SourceLoc& loc) {
  for (const std::string& c : ids) {
    if (clauses.empty() || clauses.count(c)) continue;
    sink.Report(DiagKind::kUnknownClause, loc,
                "unknown clause '" + c + "'" +
                    base::DidYouMean(c, std::vector<std::string>(clauses.begin(), clauses.end())) +
                    "; clauses are numbered 4 to 10.3 (Annex A controls are written A.5.1 …)");
  }
}

void Resolution::CheckRoleRef(const std::string& role, const SourceLoc& loc, bool included) {
  if (!roles.count(role)) {
    sink.Report(DiagKind::kUnknownRole, loc,
                "unknown role '" + role + "' (see 'policyc list roles')" +
                    base::DidYouMean(role, Keys(roles)));
    return;
  }
  if (included && !role_first_use.count(role)) role_first_use[role] = loc;
}

std::optional<Value> Resolution::Lookup(const std::string& name, NameKind kind,
                                        std::string* suggestion) const {
  if (kind == NameKind::kContact) return LookupContact(*this, name, suggestion);
  const auto& table = kind == NameKind::kParameter ? parameters : facts;
  auto it = table.find(name);
  if (it == table.end()) {
    *suggestion = base::ClosestMatch(name, Keys(table));
    return std::nullopt;
  }
  return it->second.value;
}

bool Resolution::Holds(const std::optional<std::string>& condition, const SourceLoc& loc) {
  if (!condition) return true;
  ConditionError parse_error;
  auto parsed = ParseCondition(*condition, &parse_error);
  if (!parsed) {
    sink.Report(DiagKind::kBadCondition, loc,
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
    sink.Report(kind, loc, "condition '" + *condition + "': " + e);
  }
  return holds;
}

int Resolution::PolicyReviewMonths() const {
  auto it = parameters.find("policy_review_interval");
  if (it == parameters.end() || it->second.value.type != model::ValueType::kDuration) return 12;
  return it->second.value.duration.CycleMonths();
}

const model::ExternalContactsSpec* Resolution::ContactsSpec() const {
  return library.compiled.external_contacts ? &*library.compiled.external_contacts : nullptr;
}

std::vector<std::string> Resolution::ContactKindIds() const {
  std::vector<std::string> ids;
  if (const auto* spec = ContactsSpec()) {
    for (const auto& kind : spec->kinds) ids.push_back(kind.id);
  }
  return ids;
}

bool Resolution::ListsContact(const std::string& kind) const {
  return std::any_of(profile.contacts.begin(), profile.contacts.end(),
                     [&](const model::ExternalContact& c) { return c.kind == kind; });
}

}  // namespace policyc::resolve
