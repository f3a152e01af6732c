#include "import/changes.h"

#include <algorithm>

#include "base/date.h"
#include "base/strings.h"
#include "diff/compare.h"
#include "resolve/values.h"

namespace policyc::import {

using base::DiagKind;
using base::EscapeXml;
using base::XmlPlace;

namespace {

const model::Declaration* FindParameter(const ProfileSources& sources, const std::string& id) {
  for (const model::Declaration& d : sources.library.parameters) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

/// "a, b and c" → {a, b, c}: a list as Value::ToText writes it.
std::vector<std::string> EnglishList(const std::string& text) {
  std::vector<std::string> items;
  std::string rest = text;
  const size_t last_and = rest.rfind(" and ");
  std::string last;
  if (last_and != std::string::npos) {
    last = rest.substr(last_and + 5);
    rest = rest.substr(0, last_and);
  }
  for (const std::string& item : base::Split(rest, ',')) {
    if (!base::Trim(item).empty()) items.push_back(base::Trim(item));
  }
  if (!last.empty()) items.push_back(base::Trim(last));
  return items;
}

/// The value a parameter's slot now reads as, checked against its
/// declaration; nullopt with `error` set when it is refused.
std::optional<model::Value> ReadParameter(const model::Declaration& d, const std::string& before,
                                          std::string text, resolve::ValueError* error) {
  const auto type = model::ParseValueType(d.type).value_or(model::ValueType::kString);
  if (type == model::ValueType::kList) return resolve::ParseTypedValue(d, std::nullopt, EnglishList(text), error);
  if (type == model::ValueType::kInteger && !d.unit.empty()) {
    // "16 characters", or "1 character": the unit the value is shown with.
    std::string singular = d.unit;
    if (singular.size() > 1 && singular.back() == 's') singular.pop_back();
    for (const std::string& unit : {d.unit, singular}) {
      if (text.size() > unit.size() && text.ends_with(" " + unit)) {
        text.resize(text.size() - unit.size() - 1);
        break;
      }
    }
  }
  if (type == model::ValueType::kBoolean) text = text == "yes" ? "true" : text == "no" ? "false" : text;
  auto value = resolve::ParseTypedValue(d, text, {}, error);
  if (!value && std::string_view(before).ends_with("every ")) {
    // "every month" reads a count of one without its number.
    resolve::ValueError again;
    value = resolve::ParseTypedValue(d, "1 " + text, {}, &again);
  }
  return value;
}

SlotEdit ParameterSlot(const std::string& id, const std::string& before, const std::string& old_value,
                       const std::string& new_value, const ProfileSources& sources, const base::SourceLoc& where,
                       base::DiagnosticSink& sink) {
  SlotEdit edit;
  const model::Declaration* d = FindParameter(sources, id);
  if (!d) return edit;  // resolve reported it; the text is all there is
  resolve::ValueError error;
  auto value = ReadParameter(*d, before, new_value, &error);
  if (!value) {
    sink.Report(DiagKind::kImportBadValue, where,
                "the client changed parameter '" + id + "' from \"" + old_value + "\" to \"" + new_value +
                    "\", which it cannot take: " + error.message + "; nothing is changed for it, so agree a value "
                    "with the client and set it under <parameters>");
    sink.AddNote(d->loc, "declared here as " + d->type);
    edit.outcome = SlotEdit::Outcome::kRefused;
    return edit;
  }
  edit.outcome = SlotEdit::Outcome::kProfileValue;
  edit.change.kind = ProfileChange::Kind::kParameter;
  edit.change.target = id;
  edit.change.old_text = old_value;
  edit.change.new_text = new_value;
  edit.change.source = value->ToSource();
  if (value->type == model::ValueType::kList) edit.change.items = value->items;
  return edit;
}

/// {{holders.ROLE}} of a role one person holds: "Name (Job title)".
SlotEdit HolderSlot(const std::string& role, const std::string& new_value, const ProfileSources& sources) {
  SlotEdit edit;
  const model::Person* holder = nullptr;
  for (const model::Person& p : sources.profile.people) {
    if (std::find(p.roles.begin(), p.roles.end(), role) == p.roles.end()) continue;
    if (holder) return edit;  // several holders: which one changed is a guess
    holder = &p;
  }
  if (!holder) return edit;
  std::string name = new_value, job = holder->job_title;
  const size_t open = new_value.rfind(" (");
  if (open != std::string::npos && new_value.ends_with(")")) {
    name = new_value.substr(0, open);
    job = new_value.substr(open + 2, new_value.size() - open - 3);
  }
  const bool name_changed = name != holder->name, job_changed = job != holder->job_title;
  if (name_changed == job_changed) return edit;  // both at once reads as another person: say so in words
  edit.outcome = SlotEdit::Outcome::kProfileValue;
  edit.change.kind = ProfileChange::Kind::kAttribute;
  edit.change.target = "person " + holder->id;
  edit.change.attribute = name_changed ? "name" : "job-title";
  edit.change.line = holder->loc.line;
  edit.change.old_text = name_changed ? holder->name : holder->job_title;
  edit.change.new_text = name_changed ? name : job;
  edit.change.source = edit.change.new_text;
  return edit;
}

/// {{org.FIELD}}: an attribute of <organisation> or <certification>.
SlotEdit OrganisationSlot(const std::string& field, const std::string& old_value, const std::string& new_value,
                          const ProfileSources& sources, const base::SourceLoc& where, base::DiagnosticSink& sink) {
  struct Field {
    const char* element;
    const char* attribute;
    bool date;
  };
  static const std::map<std::string, Field> kFields = {
      {"name", {"organisation", "name", false}},
      {"legal_name", {"organisation", "legal-name", false}},
      {"company_number", {"organisation", "company-number", false}},
      {"charity_number", {"organisation", "charity-number", false}},
      {"registered_office", {"organisation", "registered-office", false}},
      {"ico_registration", {"organisation", "ico-registration", false}},
      {"certification_body", {"certification", "body", false}},
      {"certificate", {"certification", "certificate", false}},
      {"certified_on", {"certification", "certified-on", true}},
      {"certification_expires", {"certification", "expires", true}},
      {"certification_target", {"certification", "target", true}},
  };
  SlotEdit edit;
  auto it = kFields.find(field);
  if (it == kFields.end()) return edit;
  const bool certification = std::string(it->second.element) == "certification";
  if (certification && !sources.profile.certification) return edit;
  if (it->second.date && !base::IsDate(new_value)) {
    sink.Report(DiagKind::kImportBadValue, where,
                "the client changed the date \"" + old_value + "\" ({{org." + field + "}}) to \"" + new_value +
                    "\", which is not a date as YYYY-MM-DD; nothing is changed for it, so agree the date with the "
                    "client and set " + it->second.attribute + " on <" + it->second.element + ">");
    edit.outcome = SlotEdit::Outcome::kRefused;
    return edit;
  }
  edit.outcome = SlotEdit::Outcome::kProfileValue;
  edit.change.kind = ProfileChange::Kind::kAttribute;
  edit.change.target = it->second.element;
  edit.change.attribute = it->second.attribute;
  edit.change.line = certification ? sources.profile.certification->loc.line : sources.profile.organisation.loc.line;
  edit.change.old_text = old_value;
  edit.change.new_text = new_value;
  edit.change.source = new_value;
  return edit;
}

/// The runs of a word diff both texts share: (old offset, new offset, length).
struct EqualRun {
  size_t old_start, new_start, length;
};

std::vector<EqualRun> EqualRuns(const std::string& old_text, const std::string& new_text) {
  std::vector<EqualRun> runs;
  size_t old_at = 0, new_at = 0;
  for (const diff::Segment& s : diff::WordDiff(old_text, new_text)) {
    if (s.op == diff::Op::kEqual) {
      runs.push_back({old_at, new_at, s.text.size()});
      old_at += s.text.size();
      new_at += s.text.size();
    } else {
      (s.op == diff::Op::kDelete ? old_at : new_at) += s.text.size();
    }
  }
  return runs;
}

}  // namespace

SlotEdit ClassifySlot(const std::string& name, const std::string& before, const std::string& old_value,
                      const std::string& new_value, const ProfileSources& sources, const base::SourceLoc& where,
                      base::DiagnosticSink& sink) {
  if (name.starts_with("param.")) {
    return ParameterSlot(name.substr(6), before, old_value, new_value, sources, where, sink);
  }
  if (name.starts_with("holders.")) return HolderSlot(name.substr(8), new_value, sources);
  if (name.starts_with("org.")) return OrganisationSlot(name.substr(4), old_value, new_value, sources, where, sink);
  return {};  // a role's title, a reference, a list of documents: the library's words, not the profile's
}

std::string WordsAsMarkdown(const std::string& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    // Curly quotes back to straight ones, as the library writes them: the
    // renderer curls them again.
    if (words.compare(i, 3, "\u2019") == 0 || words.compare(i, 3, "\u2018") == 0 ||
        words.compare(i, 3, "\u201C") == 0 || words.compare(i, 3, "\u201D") == 0) {
      out += words.compare(i, 3, "\u201C") == 0 || words.compare(i, 3, "\u201D") == 0 ? '"' : '\'';
      i += 2;
      continue;
    }
    const char c = words[i];
    if (c == '{' && i + 1 < words.size() && words[i + 1] == '{') {
      out += "&#123;";  // "{{" would read as a variable; the entity renders as "{"
      continue;
    }
    if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '&') out += '\\';
    out += c;
  }
  // A line that starts like a heading, a quotation or a list item is one.
  if (!out.empty() && (out[0] == '#' || out[0] == '>' || out[0] == '-' || out[0] == '+')) out.insert(0, "\\");
  return out;
}

std::string ClientSource(const std::vector<TemplateToken>& tokens, const std::string& base_plain,
                         const std::vector<SlotValue>& base_slots, const std::string& client_plain) {
  const std::vector<EqualRun> runs = EqualRuns(base_plain, client_plain);
  std::string out;
  size_t client_at = 0;
  for (size_t k = 0; k < base_slots.size(); ++k) {
    const SlotValue& slot = base_slots[k];
    for (const EqualRun& run : runs) {
      if (slot.start < run.old_start || slot.end > run.old_start + run.length) continue;
      const size_t start = run.new_start + (slot.start - run.old_start);
      if (start < client_at) break;
      out += WordsAsMarkdown(client_plain.substr(client_at, start - client_at)) + tokens[2 * k + 1].markdown;
      client_at = start + (slot.end - slot.start);
      break;
    }
  }
  return out + WordsAsMarkdown(client_plain.substr(client_at));
}

std::optional<std::string> ReplacementElement(const base::FileSystem& fs, const model::Statement& statement,
                                              const std::string& markdown) {
  std::string error;
  auto bytes = fs.ReadFile(statement.loc.file, &error);
  if (!bytes || statement.loc.line < 1) return std::nullopt;
  const std::vector<std::string> lines = base::Split(*bytes, '\n');
  if (static_cast<size_t>(statement.loc.line) > lines.size()) return std::nullopt;
  const std::string& first = lines[statement.loc.line - 1];
  const size_t indent = first.find_first_not_of(' ');
  if (indent == std::string::npos || first.compare(indent, 10, "<statement") != 0) return std::nullopt;
  std::string element;
  for (size_t i = statement.loc.line - 1; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const size_t own = std::min(indent, line.find_first_not_of(' ') == std::string::npos ? line.size()
                                                                                         : line.find_first_not_of(' '));
    element += line.substr(own);
    if (line.find("</statement>") != std::string::npos) break;
    element += '\n';
  }
  const size_t open = element.find("<text");
  const size_t content = open == std::string::npos ? open : element.find('>', open);
  const size_t close = element.find("</text>");
  if (content == std::string::npos || close == std::string::npos || close < content) return std::nullopt;
  return element.substr(0, content + 1) + EscapeXml(markdown, XmlPlace::kContent) + element.substr(close);
}

std::string AddedElement(const std::string& id, const model::Statement& neighbour, const std::string& markdown) {
  std::string out = "<statement id=\"" + EscapeXml(id, XmlPlace::kAttribute) + "\"";
  auto attribute = [&](const char* name, const std::vector<std::string>& ids) {
    if (!ids.empty())
      out += std::string(" ") + name + "=\"" + EscapeXml(base::Join(ids, " "), XmlPlace::kAttribute) + "\"";
  };
  attribute("controls", neighbour.controls);
  attribute("clauses", neighbour.clauses);
  attribute("roles", neighbour.roles);
  return out + ">\n  <text>" + EscapeXml(markdown, XmlPlace::kContent) + "</text>\n</statement>";
}

}  // namespace policyc::import
