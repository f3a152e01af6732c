// Facts and parameters: the library's declarations bound once to the
// profile's typed values, which conditions and {{param.NAME}} then read.
#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "base/strings.h"
#include "resolve/resolution.h"
#include "resolve/values.h"

namespace policyc::resolve {

using base::DiagKind;
using base::SourceLoc;
using model::Value;

namespace {

/// A value of the declared type to stand in for one that was reported.
Value Placeholder(const model::Declaration& d) {
  Value v;
  v.type = model::ParseValueType(d.type).value_or(model::ValueType::kString);
  if (v.type == model::ValueType::kDuration) v.duration = {0, "days"};
  return v;
}

void BindValues(Resolution& res, const std::vector<model::Declaration>& declarations,
                const std::vector<model::Setting>& settings, std::map<std::string, Bound>& into,
                const char* what, DiagKind unknown_kind) {
  for (const model::Declaration& d : declarations) {
    std::string problem = CheckDeclaration(d);
    if (!problem.empty()) {
      res.sink.Report(DiagKind::kBadValue, d.loc,
                      std::string(what) + " '" + d.id + "' is declared wrongly: " + problem);
      continue;
    }
    Bound bound{&d, Placeholder(d), false, true};
    if (d.default_value || !d.default_items.empty()) {
      ValueError error;
      bound.value = *ParseTypedValue(d, d.default_value, d.default_items, &error);
    }
    into[d.id] = bound;
  }
  std::map<std::string, SourceLoc> set_at;
  for (const model::Setting& s : settings) {
    auto it = into.find(s.name);
    if (it == into.end()) {
      std::vector<std::string> names;
      for (const auto& d : declarations) names.push_back(d.id);
      res.sink.Report(unknown_kind, s.loc,
                      std::string("unknown ") + what + " '" + s.name + "' (see 'policyc list " +
                          what + "s')" + base::DidYouMean(s.name, names));
      continue;
    }
    auto [previous, first] = set_at.emplace(s.name, s.loc);
    if (!first) {
      res.sink.Report(DiagKind::kDuplicateId, s.loc,
                      std::string(what) + " '" + s.name + "' is set twice; keep one");
      res.sink.AddNote(previous->second, "first set here");
      continue;
    }
    ValueError error;
    auto value = ParseTypedValue(*it->second.declaration, s.value, s.items, &error);
    if (!value) {
      res.sink.Report(error.out_of_range ? DiagKind::kOutOfRange : DiagKind::kBadValue, s.loc,
                      std::string(what) + " '" + s.name + "': " + error.message);
      res.sink.AddNote(it->second.declaration->loc,
                       "declared here as " + it->second.declaration->type);
      it->second.usable = false;
      it->second.from_profile = true;  // reported; not missing as well
      continue;
    }
    it->second.value = *value;
    it->second.from_profile = true;
  }
  for (auto& [id, bound] : into) {
    if (bound.from_profile) continue;
    const auto& d = *bound.declaration;
    if (!d.default_value && d.default_items.empty()) {
      res.sink.Report(DiagKind::kMissingValue, res.profile.loc,
                      std::string(what) + " '" + id +
                          "' has no default and the profile does not set it; add <" + what +
                          " name=\"" + id + "\" value=\"...\"/> under <" + what + "s>");
      res.sink.AddNote(d.loc, "declared here: " + d.description);
      bound.usable = false;
    }
  }
}

}  // namespace

void BindFactsAndParameters(Resolution& res) {
  // The profile's <certification> sets the fact of that name, so that
  // conditions can follow it; its legal form likewise.
  std::vector<model::Setting> facts = res.profile.facts;
  if (res.profile.certification) {
    facts.push_back({model::kCertificationFact,
                     res.profile.certification->status,
                     {},
                     res.profile.certification->loc});
  }
  if (!res.profile.organisation.legal_form.empty()) {
    facts.push_back({model::kLegalFormFact,
                     res.profile.organisation.legal_form,
                     {},
                     res.profile.organisation.loc});
  }
  BindValues(res, res.library.facts, facts, res.facts, "fact", DiagKind::kUnknownFact);
  BindValues(res, res.library.parameters, res.profile.parameters, res.parameters, "parameter",
             DiagKind::kUnknownParameter);
}

/// False when `condition` reads a fact whose value was reported as
/// missing or wrong (its value is only a stand-in).
bool FactsUsable(const Resolution& res, const std::string& condition) {
  std::string word;
  for (size_t i = 0; i <= condition.size(); ++i) {
    const char c = i < condition.size() ? condition[i] : ' ';
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-') {
      word += c;
      continue;
    }
    auto it = res.facts.find(word);
    if (it != res.facts.end() && !it->second.usable) return false;
    word.clear();
  }
  return true;
}

}  // namespace policyc::resolve
