#include "diff/report.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/strings.h"
#include "diff/section_diff.h"

namespace policyc::diff {

using base::LineBreaks;
using base::PlainText;

using nlohmann::json;

const char* ChangeName(ItemChange change) {
  switch (change) {
    case ItemChange::kAdded: return "added";
    case ItemChange::kRemoved: return "removed";
    case ItemChange::kMoved: return "moved";
    case ItemChange::kReworded: return "reworded";
    case ItemChange::kEdited: return "edited";
  }
  return "changed";
}

/// How an item's change reads: a section's text "changed" (it holds no
/// obligation of its own to be "reworded").
const char* ItemChangeName(const ItemDiff& item) {
  if (item.kind == Item::Kind::kSection && item.change == ItemChange::kReworded) return "changed";
  return ChangeName(item.change);
}

const char* StatusName(DocumentDiff::Status s) {
  switch (s) {
    case DocumentDiff::Status::kAdded: return "added";
    case DocumentDiff::Status::kRemoved: return "removed";
    case DocumentDiff::Status::kChanged: return "changed";
  }
  return "changed";
}

const char* RowStatusName(RowChange::Status s) {
  switch (s) {
    case RowChange::Status::kAdded: return "added";
    case RowChange::Status::kRemoved: return "removed";
    case RowChange::Status::kChanged: return "changed";
  }
  return "changed";
}

std::string Shown(const std::string& value) { return value.empty() ? "(none)" : value; }

std::string ItemNumber(const ItemDiff& item) {
  return item.change == ItemChange::kRemoved || item.new_number.empty() ? item.old_number : item.new_number;
}

std::string StatementsLine(const DocumentDiff& d) {
  if (d.added + d.removed + d.changed == 0 && !d.items.empty()) {
    // Derived documents are tables in sections: count those.
    return "~" + std::to_string(d.items.size()) + (d.items.size() == 1 ? " section" : " sections");
  }
  return "+" + std::to_string(d.added) + " −" + std::to_string(d.removed) + " ~" + std::to_string(d.changed);
}

std::string Because(const ItemDiff& item, Wording wording) {
  std::vector<std::string> reasons = ItemReasons(item, wording);
  if (item.moved && item.change != ItemChange::kMoved) reasons.push_back("and moved from " + item.old_number);
  if (item.change == ItemChange::kMoved) reasons.push_back("from " + item.old_number);
  if (item.change == ItemChange::kEdited && item.kind == Item::Kind::kStatement) {
    reasons.push_back("names or references only");
  }
  return reasons.empty() ? "" : " (" + base::Join(reasons, "; ") + ")";
}

std::string Totals(const PackDiff& diff) {
  int added = 0, removed = 0, changed = 0;
  for (const DocumentDiff& d : diff.documents) added += d.added, removed += d.removed, changed += d.changed;
  std::vector<std::string> parts;
  auto count = [&](size_t n, const char* one, const char* many) {
    if (n) parts.push_back(std::to_string(n) + " " + (n == 1 ? one : many));
  };
  std::string docs = std::to_string(diff.documents.size()) +
                     (diff.documents.size() == 1 ? " document changed" : " documents changed");
  if (!diff.documents.empty()) {
    docs += " (statements +" + std::to_string(added) + " −" + std::to_string(removed) + " ~" +
            std::to_string(changed) + ")";
  }
  parts.push_back(docs);
  count(diff.parameters.size(), "parameter", "parameters");
  count(diff.facts.size(), "fact", "facts");
  count(diff.soa.size(), "SoA row", "SoA rows");
  count(diff.crosswalk.size(), "framework requirement", "framework requirements");
  count(diff.roles.size(), "role", "roles");
  count(diff.risks.size(), "risk", "risks");
  count(diff.people.size(), "person", "people");
  return base::Join(parts, ", ");
}

namespace {

std::string Wdiff(const std::vector<Segment>& segments) {
  std::string out;
  for (const Segment& s : segments) {
    switch (s.op) {
      case Op::kEqual: out += s.text; break;
      case Op::kDelete: out += "[-" + s.text + "-]"; break;
      case Op::kInsert: out += "{+" + s.text + "+}"; break;
    }
  }
  return out;
}

std::string Indent(const std::string& text, const std::string& prefix) {
  std::string out = prefix;
  for (char c : text) {
    out += c;
    if (c == '\n') out += prefix;
  }
  return out;
}

json SegmentsJson(const std::vector<Segment>& segments) {
  json out = json::array();
  for (const Segment& s : segments) {
    out.push_back({{"op", s.op == Op::kEqual ? "equal" : s.op == Op::kInsert ? "insert" : "delete"},
                   {"text", s.text}});
  }
  return out;
}

json ValueJson(const ValueChange& v) {
  json out = {{"id", v.id}, {"old", v.old_value}, {"new", v.new_value}};
  if (!v.label.empty()) out["label"] = v.label;
  return out;
}

json RowsJson(const std::vector<RowChange>& rows) {
  json out = json::array();
  for (const RowChange& r : rows) {
    json fields = json::array();
    for (const ValueChange& f : r.fields) fields.push_back({{"field", f.id}, {"old", f.old_value}, {"new", f.new_value}});
    out.push_back({{"id", r.id}, {"title", r.title}, {"status", RowStatusName(r.status)}, {"fields", fields}});
  }
  return out;
}

}  // namespace


namespace {

/// "the house-library layer (house-library/overrides.xml:8)"
std::string SourceName(const model::Provenance& p) {
  const std::string layer = p.layer == model::kShippedLayer   ? "the shipped library"
                            : p.layer == model::kProfileLayer ? "the profile"
                                                              : "the " + p.layer + " layer";
  return layer + " (" + p.file + ":" + std::to_string(p.line) + ")";
}

/// The statements whose text now comes from another layer or file:
/// low-key, at the end, since it says where text comes from, not what the
/// documents say.
std::string ProvenanceText(const PackDiff& diff) {
  if (diff.provenance.empty()) return "";
  std::string out = "\nSources (statements whose text now comes from another layer or file)\n";
  for (const ProvenanceChange& p : diff.provenance) {
    out += "  " + p.document + "#" + p.id + " (" + p.number + "): now from " + SourceName(p.new_source) +
           ", was from " + SourceName(p.old_source) + "\n";
  }
  return out;
}

json ProvenanceJson(const model::Provenance& p) {
  return {{"layer", p.layer}, {"file", p.file}, {"line", p.line}};
}

}  // namespace

std::string TextReport(const PackDiff& diff) {
  std::string out = "policyc diff: " + diff.old_label + " → " + diff.new_label + "\n";
  if (diff.Empty()) return out + "no difference\n" + ProvenanceText(diff);
  out += (diff.organisation.empty() ? "" : diff.organisation + ": ") + Totals(diff) + "\n";
  if (!diff.documents.empty()) {
    out += "\nDocuments\n";
    for (const DocumentDiff& d : diff.documents) {
      const char mark = d.status == DocumentDiff::Status::kAdded     ? '+'
                        : d.status == DocumentDiff::Status::kRemoved ? '-'
                                                                     : '~';
      out += std::string("  ") + mark + " " + d.id + " \"" + d.new_title + "\"" + (d.derived ? " (derived)" : "");
      if (d.status != DocumentDiff::Status::kChanged) {
        out += ": " + std::string(StatusName(d.status)) +
               (d.by_condition ? std::string(" (condition '") + d.condition +
                                     (d.status == DocumentDiff::Status::kAdded ? "' now holds)" : "' no longer holds)")
                               : "") +
               "\n";
        continue;
      }
      out += ": " + StatementsLine(d) + (d.obligations_changed ? "" : " (editorial)") + "\n";
      if (d.old_title != d.new_title) out += "      retitled from \"" + d.old_title + "\"\n";
      for (const ValueChange& c : d.control) {
        // A long value (a summary) reads better as the words that changed.
        const bool long_value = c.old_value.size() > 80 || c.new_value.size() > 80;
        out += "      document control: " + c.id +
               (long_value ? ": " + Wdiff(WordDiff(c.old_value, c.new_value))
                           : " \"" + c.old_value + "\" → \"" + c.new_value + "\"") +
               "\n";
      }
      for (const ItemDiff& item : d.items) {
        if (item.kind == Item::Kind::kSection) {
          out += "      section " + ItemNumber(item) + " \"" + item.title + "\" " + ItemChangeName(item) + Because(item, Wording::kIds) +
                 "\n";
          continue;
        }
        out += "      " + ItemNumber(item) + " " + ChangeName(item.change) + Because(item, Wording::kIds) + "\n";
        if (item.change == ItemChange::kAdded) {
          out += Indent(PlainText(item.new_text, LineBreaks::kKeep), "          + ") + "\n";
        } else if (item.change == ItemChange::kRemoved) {
          out += Indent(PlainText(item.old_text, LineBreaks::kKeep), "          - ") + "\n";
        } else if (item.change != ItemChange::kMoved && item.has_text) {
          out += Indent(Wdiff(WordDiff(PlainText(item.old_text, LineBreaks::kKeep),
                                       PlainText(item.new_text, LineBreaks::kKeep))),
                        "          ") +
                 "\n";
        }
      }
    }
  }
  if (!diff.parameters.empty()) {
    out += "\nParameters\n";
    for (const ParameterChange& p : diff.parameters) {
      out += "  " + p.value.id + ": " + Shown(p.value.old_value) + " → " + Shown(p.value.new_value);
      if (!p.statements.empty()) out += "; rewords " + base::Join(p.statements, ", ");
      out += "\n";
    }
  }
  if (!diff.facts.empty()) {
    out += "\nFacts\n";
    for (const FactChange& f : diff.facts) {
      out += "  " + f.value.id + ": " + Shown(f.value.old_value) + " → " + Shown(f.value.new_value);
      if (!f.included.empty()) out += "; now includes " + base::Join(f.included, ", ");
      if (!f.excluded.empty()) out += "; now leaves out " + base::Join(f.excluded, ", ");
      out += "\n";
    }
  }
  auto rows = [&](const char* heading, const std::vector<RowChange>& list) {
    if (list.empty()) return;
    out += std::string("\n") + heading + "\n";
    for (const RowChange& r : list) {
      out += "  " + r.id + " " + PlainText(r.title, LineBreaks::kKeep) + ": " +
             RowStatusName(r.status) + "\n";
      for (const ValueChange& f : r.fields) {
        out += "      " + f.id + ": " + Shown(PlainText(f.old_value, LineBreaks::kKeep)) + " → " +
               Shown(PlainText(f.new_value, LineBreaks::kKeep)) + "\n";
      }
    }
  };
  rows("Statement of Applicability", diff.soa);
  rows("Framework crosswalk", diff.crosswalk);
  if (!diff.roles.empty()) {
    out += "\nRoles\n";
    for (const RoleChange& r : diff.roles) {
      out += "  " + r.id + " \"" + r.title + "\"\n";
      if (!r.gained.empty()) out += "      gains " + base::Join(r.gained, ", ") + "\n";
      if (!r.lost.empty()) out += "      loses " + base::Join(r.lost, ", ") + "\n";
      if (r.old_holders != r.new_holders) {
        out += "      held by " + Shown(base::JoinEnglish(r.old_holders)) + " → " +
               Shown(base::JoinEnglish(r.new_holders)) + "\n";
      }
    }
  }
  rows("Risks", diff.risks);
  rows("People", diff.people);
  return out + ProvenanceText(diff);
}

std::string JsonReport(const PackDiff& diff) {
  json documents = json::array();
  for (const DocumentDiff& d : diff.documents) {
    json items = json::array();
    for (const ItemDiff& item : d.items) {
      json j = {{"kind", item.kind == Item::Kind::kStatement ? "statement" : "section"},
                {"id", item.id},
                {"change", ChangeName(item.change)},
                {"old_number", item.old_number},
                {"new_number", item.new_number},
                {"moved", item.moved}};
      if (item.kind == Item::Kind::kSection) j["title"] = item.title;
      json params = json::array();
      for (const ValueChange& p : item.parameters) params.push_back(ValueJson(p));
      j["parameters"] = params;
      if (item.by_condition) j["condition"] = item.condition;
      if (!item.quotes.empty()) {
        j["quotes"] = item.quotes;
        j["quotes_only"] = item.quotes_only;
      }
      if (!item.quoted_in.empty()) {
        json places = json::array();
        for (const Quote& q : item.quoted_in) places.push_back({{"document", q.document}, {"section", q.section}});
        j["quoted_in"] = places;
      }
      if (item.change == ItemChange::kAdded) j["text"] = item.new_text;
      if (item.change == ItemChange::kRemoved) j["text"] = item.old_text;
      if ((item.change == ItemChange::kReworded || item.change == ItemChange::kEdited) && item.has_text) {
        j["words"] = SegmentsJson(WordDiff(item.old_text, item.new_text));
      }
      items.push_back(j);
    }
    json doc = {{"id", d.id},
                {"status", StatusName(d.status)},
                {"title", d.new_title},
                {"kind", d.kind},
                {"derived", d.derived},
                {"added", d.added},
                {"removed", d.removed},
                {"changed", d.changed},
                {"obligations_changed", d.obligations_changed},
                {"summary", d.Summary()},
                {"items", items}};
    if (d.old_title != d.new_title) doc["old_title"] = d.old_title;
    if (!d.control.empty()) {
      json control = json::array();
      for (const ValueChange& c : d.control) control.push_back(ValueJson(c));
      doc["control"] = control;
    }
    if (d.by_condition) doc["condition"] = d.condition;
    documents.push_back(doc);
  }
  json parameters = json::array();
  for (const ParameterChange& p : diff.parameters) {
    json j = ValueJson(p.value);
    j["statements"] = p.statements;
    parameters.push_back(j);
  }
  json facts = json::array();
  for (const FactChange& f : diff.facts) {
    json j = ValueJson(f.value);
    j["included"] = f.included;
    j["excluded"] = f.excluded;
    facts.push_back(j);
  }
  json roles = json::array();
  for (const RoleChange& r : diff.roles) {
    roles.push_back({{"id", r.id}, {"title", r.title}, {"gained", r.gained}, {"lost", r.lost},
                     {"old_holders", r.old_holders}, {"new_holders", r.new_holders}});
  }
  json provenance = json::array();
  for (const ProvenanceChange& p : diff.provenance) {
    provenance.push_back({{"document", p.document}, {"id", p.id}, {"number", p.number},
                          {"old", ProvenanceJson(p.old_source)}, {"new", ProvenanceJson(p.new_source)}});
  }
  json out = {{"old", diff.old_label},       {"new", diff.new_label},          {"old_name", diff.old_name},
              {"new_name", diff.new_name},   {"equal", diff.Empty()},
              {"documents", documents},      {"parameters", parameters},       {"facts", facts},
              {"soa", RowsJson(diff.soa)},   {"crosswalk", RowsJson(diff.crosswalk)}, {"roles", roles},                 {"risks", RowsJson(diff.risks)},
              {"people", RowsJson(diff.people)}, {"provenance", provenance}};
  // The sides' labels are paths as given, which need not be UTF-8; JSON
  // cannot hold such bytes, so each becomes U+FFFD rather than aborting.
  return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace policyc::diff
