// The plan written into the profile's own text, line by line, so that a
// reviewer sees exactly what changed and the rest of the file (comments,
// layout, attribute order) stays as its author wrote it.
#include <algorithm>

#include "base/strings.h"
#include "import/changes.h"
#include "import/import.h"

namespace policyc::import {

using base::EscapeXml;
using base::XmlPlace;

namespace {

/// `count` lines from `first` (0-based) replaced by `lines`; count 0 inserts before `first`.
struct LineEdit {
  size_t first = 0;
  size_t count = 0;
  std::vector<std::string> lines;
};

std::string Indentation(const std::string& line) { return line.substr(0, line.find_first_not_of(" \t")); }

std::string Trimmed(const std::string& line) { return base::Trim(line); }

/// The lines of `text`; a final newline gives a last, empty line, so that
/// joining them with newlines gives `text` back.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  lines.push_back(text.substr(start));
  return lines;
}

/// The first line at or after `from` whose text starts with `prefix` (after indentation).
std::optional<size_t> LineStarting(const std::vector<std::string>& lines, const std::string& prefix, size_t from = 0) {
  for (size_t i = from; i < lines.size(); ++i) {
    if (Trimmed(lines[i]).starts_with(prefix)) return i;
  }
  return std::nullopt;
}

/// The first line at or after `from` that holds `text`.
std::optional<size_t> LineHolding(const std::vector<std::string>& lines, const std::string& text, size_t from) {
  for (size_t i = from; i < lines.size(); ++i) {
    if (lines[i].find(text) != std::string::npos) return i;
  }
  return std::nullopt;
}

/// `element` (lines without indentation) indented by `indent`.
std::vector<std::string> Indented(const std::string& element, const std::string& indent) {
  std::vector<std::string> out;
  for (const std::string& line : Lines(element)) out.push_back(indent + line);
  return out;
}

/// Sets attribute `name` in the start tag that begins on line `first`:
/// its value replaced where it is, or the attribute added at the tag's end.
std::optional<LineEdit> SetAttribute(const std::vector<std::string>& lines, size_t first, const std::string& name,
                                     const std::string& value) {
  for (size_t i = first; i < lines.size() && i < first + 20; ++i) {
    std::string line = lines[i];
    const size_t at = line.find(" " + name + "=\"");
    if (at != std::string::npos) {
      const size_t open = at + name.size() + 3;
      const size_t close = line.find('"', open);
      if (close == std::string::npos) return std::nullopt;
      line.replace(open, close - open, EscapeXml(value, XmlPlace::kAttribute));
      return LineEdit{i, 1, {line}};
    }
    const size_t end = line.find('>');
    if (end != std::string::npos) {
      const size_t before = end > 0 && line[end - 1] == '/' ? end - 1 : end;
      line.insert(before, " " + name + "=\"" + EscapeXml(value, XmlPlace::kAttribute) + "\"");
      return LineEdit{i, 1, {line}};
    }
  }
  return std::nullopt;
}

std::string ParameterElement(const ProfileChange& change) {
  if (change.items.empty()) {
    return "<parameter name=\"" + EscapeXml(change.target, XmlPlace::kAttribute) + "\" value=\"" +
           EscapeXml(change.source, XmlPlace::kAttribute) + "\"/>";
  }
  std::string out = "<parameter name=\"" + EscapeXml(change.target, XmlPlace::kAttribute) + "\">";
  for (const std::string& item : change.items) out += "\n  <item>" + EscapeXml(item, XmlPlace::kContent) + "</item>";
  return out + "\n</parameter>";
}

/// The edits of the parameter changes: values replaced on their lines, new
/// ones added at the end of <parameters> (made where the schema puts it).
void EditParameters(const std::vector<std::string>& lines, const model::Profile& profile, const ImportPlan& plan,
                    std::vector<LineEdit>& edits) {
  std::vector<std::string> added;
  for (const ProfileChange& change : plan.changes) {
    if (change.kind != ProfileChange::Kind::kParameter) continue;
    auto setting = std::find_if(profile.parameters.begin(), profile.parameters.end(),
                                [&](const model::Setting& s) { return s.name == change.target; });
    if (setting == profile.parameters.end() || setting->loc.line < 1) {
      added.push_back(ParameterElement(change));
      continue;
    }
    const size_t first = setting->loc.line - 1;
    if (change.items.empty() && setting->value) {
      if (auto edit = SetAttribute(lines, first, "value", change.source)) edits.push_back(*edit);
      continue;
    }
    const size_t last = setting->value ? first : LineHolding(lines, "</parameter>", first).value_or(first);
    edits.push_back({first, last - first + 1, Indented(ParameterElement(change), Indentation(lines[first]))});
  }
  if (added.empty()) return;
  if (auto close = LineStarting(lines, "</parameters>")) {
    LineEdit edit{*close, 0, {}};
    for (const std::string& p : added) {
      for (std::string& line : Indented(p, Indentation(lines[*close]) + "  ")) edit.lines.push_back(line);
    }
    edits.push_back(edit);
    return;
  }
  // No <parameters> yet: before the first element the schema puts after it.
  for (const char* next : {"<requirements", "<soa", "<assets", "<risks", "<objectives", "<nonconformities",
                           "<document-control"}) {
    auto at = LineStarting(lines, next);
    if (!at) continue;
    const std::string indent = Indentation(lines[*at]);
    LineEdit edit{*at, 0, {indent + "<parameters>"}};
    for (const std::string& p : added) {
      for (std::string& line : Indented(p, indent + "  ")) edit.lines.push_back(line);
    }
    edit.lines.push_back(indent + "</parameters>");
    edit.lines.push_back("");
    edits.push_back(edit);
    return;
  }
}

std::string OverrideElement(const ProfileChange& change) {
  const std::string reason = " reason=\"" + EscapeXml(change.reason, XmlPlace::kAttribute) + "\"";
  switch (change.kind) {
    case ProfileChange::Kind::kRemove:
      return "<remove target=\"" + EscapeXml(change.target, XmlPlace::kAttribute) + "\"" + reason + "/>";
    case ProfileChange::Kind::kReplace:
      return "<replace target=\"" + EscapeXml(change.target, XmlPlace::kAttribute) + "\"" + reason + ">\n" +
             base::Join(Indented(change.source, "  "), "\n") + "\n</replace>";
    case ProfileChange::Kind::kAdd:
      return "<add to=\"" + EscapeXml(change.target, XmlPlace::kAttribute) + "\"" +
             (change.after.empty() ? "" : " after=\"" + EscapeXml(change.after, XmlPlace::kAttribute) + "\"") + reason +
             ">\n" + base::Join(Indented(change.source, "  "), "\n") + "\n</add>";
    default:
      return "";
  }
}

/// The edits of the overrides: one that the profile already makes to the
/// same statement is rewritten in place (two overrides of one target in
/// one layer collide); the others go at the end of <overrides>.
void EditOverrides(const std::vector<std::string>& lines, const model::Profile& profile, const ImportPlan& plan,
                   std::vector<LineEdit>& edits) {
  std::vector<std::string> appended;
  for (const ProfileChange& change : plan.changes) {
    const std::string element = OverrideElement(change);
    if (element.empty()) continue;
    auto own = std::find_if(profile.overrides.begin(), profile.overrides.end(), [&](const model::Override& o) {
      return change.kind != ProfileChange::Kind::kAdd && o.op != model::Override::Op::kAdd && o.target == change.target;
    });
    if (own != profile.overrides.end() && own->loc.line >= 1) {
      const size_t first = own->loc.line - 1;
      const bool self_closing = lines[first].find("/>") != std::string::npos;
      const size_t last = self_closing ? first : LineHolding(lines, "</replace>", first).value_or(first);
      edits.push_back({first, last - first + 1, Indented(element, Indentation(lines[first]))});
      continue;
    }
    appended.push_back(element);
  }
  if (appended.empty()) return;
  auto close = LineStarting(lines, "</overrides>");
  if (!close) {
    auto end = LineStarting(lines, "</profile>");
    if (!end) return;
    LineEdit edit{*end, 0, {"  <overrides>"}};
    for (const std::string& o : appended) {
      for (std::string& line : Indented(o, "    ")) edit.lines.push_back(line);
    }
    edit.lines.push_back("  </overrides>");
    edit.lines.push_back("");
    edits.push_back(edit);
    return;
  }
  LineEdit edit{*close, 0, {}};
  for (const std::string& o : appended) {
    for (std::string& line : Indented(o, Indentation(lines[*close]) + "  ")) edit.lines.push_back(line);
  }
  edits.push_back(edit);
}

/// The unified diff that `edits` (sorted, not overlapping) make to `lines`.
std::string Patch(const std::string& path, const std::vector<std::string>& lines, const std::vector<LineEdit>& edits) {
  constexpr size_t kContext = 3;
  std::string out = "--- a/" + path + "\n+++ b/" + path + "\n";
  long shift = 0;  // new line number − old line number before the hunk
  for (size_t e = 0; e < edits.size();) {
    // A hunk: edits whose context runs into each other.
    size_t last = e;
    while (last + 1 < edits.size() &&
           edits[last + 1].first <= edits[last].first + edits[last].count + 2 * kContext) {
      ++last;
    }
    const size_t start = edits[e].first > kContext ? edits[e].first - kContext : 0;
    const size_t stop = std::min(lines.size(), edits[last].first + edits[last].count + kContext);
    std::string body;
    size_t old_count = 0, new_count = 0;
    long hunk_shift = 0;
    size_t at = start;
    for (size_t k = e; k <= last; ++k) {
      for (; at < edits[k].first; ++at, ++old_count, ++new_count) body += " " + lines[at] + "\n";
      for (size_t i = 0; i < edits[k].count; ++i, ++at, ++old_count) body += "-" + lines[at] + "\n";
      for (const std::string& line : edits[k].lines) body += "+" + line + "\n", ++new_count;
      hunk_shift += static_cast<long>(edits[k].lines.size()) - static_cast<long>(edits[k].count);
    }
    for (; at < stop; ++at, ++old_count, ++new_count) body += " " + lines[at] + "\n";
    out += "@@ -" + std::to_string(start + 1) + "," + std::to_string(old_count) + " +" +
           std::to_string(static_cast<long>(start) + 1 + shift) + "," + std::to_string(new_count) + " @@\n" + body;
    shift += hunk_shift;
    e = last + 1;
  }
  return out;
}

}  // namespace

ProfileEdit EditProfile(const std::string& xml, const model::Profile& profile, const ImportPlan& plan) {
  const std::vector<std::string> lines = Lines(xml);
  std::vector<LineEdit> edits;
  EditParameters(lines, profile, plan, edits);
  // Attributes one after another on a working copy, so that two on one
  // line (a person's name and job title) both land.
  std::vector<std::string> working = lines;
  std::vector<size_t> touched;
  for (const ProfileChange& change : plan.changes) {
    if (change.kind != ProfileChange::Kind::kAttribute || change.line < 1) continue;
    auto edit = SetAttribute(working, change.line - 1, change.attribute, change.source);
    if (!edit) continue;
    working[edit->first] = edit->lines[0];
    if (std::find(touched.begin(), touched.end(), edit->first) == touched.end()) touched.push_back(edit->first);
  }
  for (size_t line : touched) edits.push_back({line, 1, {working[line]}});
  EditOverrides(lines, profile, plan, edits);
  if (edits.empty()) return {xml, ""};
  // Inserts before one line keep the order they were made in.
  std::stable_sort(edits.begin(), edits.end(), [](const LineEdit& a, const LineEdit& b) {
    return a.first < b.first || (a.first == b.first && a.count < b.count);
  });
  std::vector<LineEdit> merged;
  for (LineEdit& edit : edits) {
    if (!merged.empty() && merged.back().count == 0 && edit.count == 0 && merged.back().first == edit.first) {
      for (std::string& line : edit.lines) merged.back().lines.push_back(std::move(line));
      continue;
    }
    if (!merged.empty() && edit.first < merged.back().first + merged.back().count) continue;  // overlaps: the first wins
    merged.push_back(std::move(edit));
  }
  std::vector<std::string> out;
  size_t at = 0;
  for (const LineEdit& edit : merged) {
    for (; at < edit.first; ++at) out.push_back(lines[at]);
    for (const std::string& line : edit.lines) out.push_back(line);
    at += edit.count;
  }
  for (; at < lines.size(); ++at) out.push_back(lines[at]);
  return {base::Join(out, "\n"), Patch(profile.path, lines, merged)};
}

}  // namespace policyc::import
