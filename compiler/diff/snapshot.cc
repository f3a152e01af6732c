#include "diff/snapshot.h"

#include <stdexcept>

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <variant>

#include "base/date.h"
#include "base/sha256.h"
#include "base/strings.h"

namespace policyc::diff {

using nlohmann::json;

namespace {

std::string ShortHash(std::string_view text) { return base::Sha256Hex(text).substr(0, 16); }

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
}

/// pack.json's shape bounds its nesting, so anything deeper is not a pack
/// and is refused while parsing, before it can cost memory or stack. A
/// library nests elements at most 64 deep (load::XmlLimits::max_depth), so
/// no section sits deeper than that; each section level is two JSON levels
/// (the section and its "items"), and the document, tables and rows add a
/// few more.
constexpr int kMaxSectionDepth = 64;
constexpr int kMaxJsonDepth = 2 * kMaxSectionDepth + 16;

/// Thrown by the parser callback to stop at the first level too deep.
struct TooDeep {};

/// What a JSON value is, in words, for a message.
std::string KindOf(const json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "a list";
  if (value.is_string()) return "a text";
  if (value.is_boolean()) return "yes/no";
  return "a number";
}

/// A field that is read as text: a string, or a number, yes/no or a flat
/// list of them (risk ratings, a person's roles), never an object or a
/// nested list, which no pack.json field is.
std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_boolean()) return it->get<bool>() ? "yes" : "no";
  if (it->is_number()) return it->dump();
  if (it->is_array()) {
    std::vector<std::string> parts;
    for (const json& e : *it) {
      if (e.is_structured()) throw std::runtime_error(std::string("\"") + key + "\" is a nested list, not a text");
      parts.push_back(e.is_string() ? e.get<std::string>() : e.dump());
    }
    return base::Join(parts, ", ");
  }
  throw std::runtime_error(std::string("\"") + key + "\" is an object, not a text");
}

/// A field that is a string and nothing else (ids, titles, texts, dates).
std::string Text(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (!it->is_string()) throw std::runtime_error(std::string("\"") + key + "\" is " + KindOf(*it) + ", not a text");
  return it->get<std::string>();
}

/// A list in pack.json, by reference: iterating a copy would copy every
/// subtree once per level of nesting.
const json& List(const json& j, const char* key) {
  static const json kEmpty = json::array();
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return kEmpty;
  if (!it->is_array()) throw std::runtime_error(std::string("\"") + key + "\" is " + KindOf(*it) + ", not a list");
  return *it;
}

/// The library's id pattern, [a-z][a-z0-9_.-]* (schemas/common.xsd).
bool IsId(std::string_view text) {
  if (text.empty() || text[0] < 'a' || text[0] > 'z') return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
}

bool IsDigits(std::string_view text) {
  return !text.empty() && text.size() <= 9 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// N.N, as release writes a version.
bool IsVersion(std::string_view text) {
  const size_t dot = text.find('.');
  return dot != std::string_view::npos && IsDigits(text.substr(0, dot)) && IsDigits(text.substr(dot + 1));
}

/// A field checked against its type: the redlines quote these into HTML
/// and Pandoc Markdown, so one that is not what a build writes is refused
/// rather than passed on. Empty is allowed where a pack may leave it out.
std::string Checked(const json& j, const char* key, bool (*valid)(std::string_view), const char* type) {
  std::string value = Text(j, key);
  if (!value.empty() && !valid(value)) {
    // Quoted in brief and without control characters: it may be anything.
    std::string shown = value.substr(0, 40);
    for (char& c : shown) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    }
    throw std::runtime_error(std::string("\"") + key + "\" is not " + type + ": \"" +
                             base::Join(base::SplitWhitespace(shown), " ") + (value.size() > 40 ? "…" : "") + "\"");
  }
  return value;
}

std::string Id(const json& j, const char* key) { return Checked(j, key, IsId, "an id ([a-z][a-z0-9_.-]*)"); }
std::string Date(const json& j, const char* key) { return Checked(j, key, base::IsDate, "a date (YYYY-MM-DD)"); }

std::vector<std::string> Strings(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const json& e : *it) {
    if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

/// Texts are hashed twice: as they are (bar the as-of date, whose change
/// alone is no difference), and with the names of people and of the
/// organisation replaced, so that a renamed person is an editorial change.
class Hasher {
 public:
  Hasher(std::string as_of, std::vector<std::pair<std::string, std::string>> names) : as_of_(std::move(as_of)) {
    // Longest first, so that "Jane Smith" goes before "Jane"; where two
    // people share a job title, the first in this order names it.
    std::sort(names.begin(), names.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    for (auto& [name, token] : names) {
      if (tokens_.emplace(name, token).second) sorted_.push_back(name);
    }
    std::sort(sorted_.begin(), sorted_.end());
    for (const std::string& name : sorted_) starts_[Pair(name, 0)] = true;
  }
  std::string Plain(std::string text) const {
    ReplaceAll(text, as_of_, "\x01as-of\x01");
    return ShortHash(text);
  }
  std::string Neutral(std::string text) const {
    ReplaceAll(text, as_of_, "\x01as-of\x01");
    return ShortHash(ReplaceNames(text));
  }

 private:
  static uint16_t Pair(std::string_view text, size_t at) {
    return static_cast<uint16_t>(static_cast<unsigned char>(text[at]) << 8 | static_cast<unsigned char>(text[at + 1]));
  }

  /// The longest name `text` begins with, or null.
  const std::string* LongestNameAt(std::string_view text) const {
    // The longest name that is a prefix of `text` is the last name sorting
    // at or before it, or else one no longer than their common part.
    std::string_view probe = text;
    while (!probe.empty()) {
      auto it = std::upper_bound(sorted_.begin(), sorted_.end(), probe,
                                 [](std::string_view p, const std::string& name) { return p < name; });
      if (it == sorted_.begin()) return nullptr;
      const std::string& name = *--it;
      size_t common = 0;
      while (common < name.size() && common < probe.size() && name[common] == probe[common]) ++common;
      if (common == name.size()) return &name;
      probe = probe.substr(0, common);
    }
    return nullptr;
  }

  /// Every name replaced by its token in one pass, the longest name at each
  /// place and left to right: a pass per name made a pack naming n people
  /// take n passes over every text, which grew with n as well.
  std::string ReplaceNames(const std::string& text) const {
    std::string out;
    out.reserve(text.size());
    size_t at = 0;
    while (at < text.size()) {
      if (at + 1 < text.size() && starts_[Pair(text, at)]) {
        if (const std::string* name = LongestNameAt(std::string_view(text).substr(at))) {
          out += tokens_.at(*name);
          at += name->size();
          continue;
        }
      }
      out += text[at++];
    }
    return out;
  }

  std::string as_of_;
  std::unordered_map<std::string, std::string> tokens_;  ///< name → token
  std::vector<std::string> sorted_;                      ///< the names, in byte order
  std::vector<bool> starts_ = std::vector<bool>(1 << 16);  ///< the first two bytes of some name
};

/// The hasher for one pack: its as-of date, and the names of its people
/// (name and job title) and of the organisation, each given a token.
Hasher MakeHasher(const std::string& as_of,
                  const std::vector<std::tuple<std::string, std::string, std::string>>& people,
                  const std::string& org_name, const std::string& org_legal_name) {
  std::vector<std::pair<std::string, std::string>> names;
  for (const auto& [id, name, job_title] : people) {
    if (name.size() >= 3) names.emplace_back(name, "\x01person:" + id + "\x01");
    if (job_title.size() >= 3) names.emplace_back(job_title, "\x01title:" + id + "\x01");
  }
  if (org_name.size() >= 3) names.emplace_back(org_name, "\x01org:name\x01");
  if (org_legal_name.size() >= 3) names.emplace_back(org_legal_name, "\x01org:legal_name\x01");
  return Hasher(as_of, std::move(names));
}

/// Records in `doc` the value of each parameter the variables name.
void UseParameters(const std::vector<std::string>& variables, const std::map<std::string, std::string>& parameters,
                   Document* doc) {
  for (const std::string& v : variables) {
    if (v.rfind("param.", 0) != 0) continue;
    auto p = parameters.find(v.substr(6));
    if (p != parameters.end()) doc->parameters[p->first] = p->second;
  }
}

/// A section's tables as pack.json writes them (render/pack_json.cc).
std::vector<model::Table> Tables(const json& section) {
  std::vector<model::Table> out;
  for (const json& t : List(section, "tables")) {
    model::Table table;
    for (const json& column : List(t, "columns")) {
      table.columns.push_back({Str(column, "header"), column.value("weight", 1.0), column.value("control", false)});
    }
    table.key = t.value("key", size_t{0});
    table.landscape = t.value("landscape", false);
    for (const json& row : List(t, "rows")) {
      std::vector<std::string> cells;
      for (const json& cell : row) cells.push_back(cell.get<std::string>());
      if (cells.size() != table.columns.size()) throw std::runtime_error("a table row has the wrong number of cells");
      table.rows.push_back(std::move(cells));
    }
    if (table.key >= table.columns.size() && !table.columns.empty()) throw std::runtime_error("a table's key column is out of range");
    out.push_back(std::move(table));
  }
  return out;
}

/// The two kinds of item, built alike from pack.json and from a pack in
/// memory, so that both give the same hashes.
Item SectionItem(std::string id, std::string parent, std::string number, std::string title, std::string intro,
                 std::vector<model::Table> tables, std::string source_hash, std::vector<std::string> variables,
                 const Hasher& hasher, const std::map<std::string, std::string>& parameters, Document* doc) {
  Item s;
  s.kind = Item::Kind::kSection;
  s.id = std::move(id);
  s.parent = std::move(parent);
  s.number = std::move(number);
  s.title = std::move(title);
  s.text = std::move(intro);
  s.tables = std::move(tables);
  s.has_text = true;
  std::string all = s.title + "\n" + s.text;
  for (const model::Table& table : s.tables) all += "\n" + model::TableText(table);
  s.text_hash = hasher.Plain(all);
  s.neutral_hash = hasher.Neutral(all);
  s.source_hash = std::move(source_hash);
  s.variables = std::move(variables);
  UseParameters(s.variables, parameters, doc);
  return s;
}

Item StatementItem(std::string id, std::string parent, std::string number, std::string text,
                   std::string source_hash, std::vector<std::string> variables, const Hasher& hasher,
                   const std::map<std::string, std::string>& parameters, Document* doc) {
  Item st;
  st.kind = Item::Kind::kStatement;
  st.id = std::move(id);
  st.parent = std::move(parent);
  st.number = std::move(number);
  st.text = std::move(text);
  st.has_text = true;
  st.text_hash = hasher.Plain(st.text);
  st.source_hash = std::move(source_hash);
  // The source hash tells an editorial change from a reworded one; the
  // neutral hash is only needed where there is none.
  if (st.source_hash.empty()) st.neutral_hash = hasher.Neutral(st.text);
  st.variables = std::move(variables);
  UseParameters(st.variables, parameters, doc);
  return st;
}

/// A statement's or section's "provenance" in pack.json; unknown when absent.
model::Provenance ProvenanceOf(const json& item) {
  auto it = item.find("provenance");
  if (it == item.end() || !it->is_object()) return {};
  return {Str(*it, "layer"), Str(*it, "file"), it->value("line", 0)};
}

void AddSection(const json& section, const std::string& parent, int depth, const Hasher& hasher,
                const std::map<std::string, std::string>& parameters, Document* doc) {
  if (depth > kMaxSectionDepth) {
    throw std::runtime_error("sections nest more than " + std::to_string(kMaxSectionDepth) +
                             " deep, which no library allows");
  }
  if (section.value("control", false)) return;  // document control, not content
  const std::string section_id = Id(section, "id");
  doc->items.push_back(SectionItem(section_id, parent, Text(section, "number"), Text(section, "title"),
                                   Text(section, "intro"), Tables(section), Text(section, "source_hash"),
                                   Strings(section, "variables"), hasher, parameters, doc));
  doc->items.back().provenance = ProvenanceOf(section);
  for (const json& item : List(section, "items")) {
    if (Text(item, "type") == "section") {
      AddSection(item, section_id, depth + 1, hasher, parameters, doc);
      continue;
    }
    doc->items.push_back(StatementItem(Id(item, "id"), section_id, Text(item, "number"), Text(item, "text"),
                                       Text(item, "source_hash"), Strings(item, "variables"), hasher, parameters,
                                       doc));
    doc->items.back().provenance = ProvenanceOf(item);
  }
}

void AddSection(const model::ResolvedSection& section, const std::string& parent, const Hasher& hasher,
                const std::map<std::string, std::string>& parameters, Document* doc) {
  if (section.control) return;  // document control, not content
  doc->items.push_back(SectionItem(section.id, parent, section.number, section.title, section.intro,
                                   section.tables, section.source_hash, section.variables, hasher, parameters, doc));
  doc->items.back().provenance = section.provenance;
  for (const model::ResolvedItem& item : section.items) {
    if (const auto* sub = std::get_if<model::ResolvedSection>(&item)) {
      AddSection(*sub, section.id, hasher, parameters, doc);
      continue;
    }
    const auto& st = std::get<model::ResolvedStatement>(item);
    doc->items.push_back(
        StatementItem(st.id, section.id, st.number, st.text, st.source_hash, st.variables, hasher, parameters, doc));
    doc->items.back().provenance = st.provenance;
  }
}

/// What a reader sees in a document's document control and title page
/// besides what a release writes, in the order records keep it.
struct ControlView {
  std::string organisation, kind, owner, classification, review_months, serves, clauses, controls, summary;
};

std::vector<ControlField> ControlFields(const ControlView& v, const Hasher& hasher) {
  std::vector<ControlField> out;
  for (const auto& [name, text] : std::initializer_list<std::pair<const char*, const std::string*>>{
           {"organisation", &v.organisation},
           {"kind", &v.kind},
           {"owner", &v.owner},
           {"classification", &v.classification},
           {"review-cycle", &v.review_months},
           {"serves", &v.serves},
           {"clauses", &v.clauses},
           {"controls", &v.controls},
           {"summary", &v.summary}}) {
    out.push_back({name, *text, hasher.Plain(*text)});
  }
  return out;
}

std::string OrganisationLine(const std::string& name, const std::string& legal_name) {
  return name + " · " + legal_name;
}

std::string ReviewCycle(int months) { return std::to_string(months) + " months"; }

Row MakeRow(std::string id, std::string title, const json& j,
            const std::vector<std::pair<const char*, const char*>>& fields) {
  Row row{std::move(id), std::move(title), {}};
  for (const auto& [label, key] : fields) row.fields.emplace_back(label, Str(j, key));
  return row;
}

/// One document of a pack.json, its fields checked against their types.
Document ReadDocument(const json& d, const Snapshot& snap, const Hasher& hasher) {
  Document doc;
  doc.id = Id(d, "id");
  doc.title = Text(d, "title");
  doc.kind = Text(d, "kind");
  doc.version = Checked(d, "version", IsVersion, "a version (N.N)");
  // A draft's approval date is empty: its last release is the approved
  // version's ("approved_date").
  doc.approval_date = Date(d, "approval_date").empty() ? Date(d, "approved_date") : Date(d, "approval_date");
  doc.draft = d.value("draft", false);
  doc.derived = d.value("derived", false);
  for (const json& e : List(d, "excluded")) doc.excluded[Id(e, "id")] = Str(e, "condition");
  for (const json& section : List(d, "sections")) {
    AddSection(section, "", 0, hasher, snap.parameters, &doc);
  }
  if (d.contains("owner")) {  // pack.json written before document control was content has none
    doc.control = ControlFields({OrganisationLine(snap.organisation, snap.legal_name), doc.kind, Str(d, "owner"),
                                 Str(d, "classification"), ReviewCycle(d.value("review_months", model::kDefaultReviewMonths)),
                                 Str(d, "serves"), Str(d, "clauses"), Str(d, "controls"), Str(d, "summary")},
                                hasher);
  }
  return doc;
}

}  // namespace

const Item* Document::Find(const std::string& item_id) const {
  for (const Item& item : items) {
    if (item.id == item_id) return &item;
  }
  return nullptr;
}

int Document::Depth(const Item& item) const {
  int depth = 0;
  // Bounded: a parent chain longer than the document is a broken pack.json.
  for (const Item* at = &item; !at->parent.empty() && depth < static_cast<int>(items.size()); ++depth) {
    at = Find(at->parent);
    if (!at) break;
  }
  return depth;
}

const Document* Snapshot::FindDocument(const std::string& document_id) const {
  for (const Document& doc : documents) {
    if (doc.id == document_id) return &doc;
  }
  return nullptr;
}

std::string ControlHash(const Document& document) {
  if (document.control.empty()) return "";
  std::string all;
  for (const ControlField& field : document.control) all += field.name + " " + field.hash + "\n";
  return base::Sha256Hex(all).substr(0, 32);
}

std::string Snapshot::LastReleaseDate() const {
  std::string latest;
  for (const Document& doc : documents) latest = std::max(latest, doc.approval_date);
  return latest;
}

bool Snapshot::Released() const {
  return !documents.empty() &&
         std::none_of(documents.begin(), documents.end(), [](const Document& d) { return d.draft; });
}

std::string SideName(const Snapshot& side) {
  std::string name = side.organisation.empty() ? side.profile : side.organisation;
  if (!side.revision.empty()) name += " at " + side.revision;
  const std::string last = side.LastReleaseDate();
  if (side.Released() && !last.empty()) return name + ", released " + last;
  return name + ", draft as of " + side.as_of + (last.empty() ? " (never released)" : " (last released " + last + ")");
}

std::string SideDate(const Snapshot& side) {
  const std::string at = side.revision.empty() ? "" : side.revision + ", ";
  const std::string last = side.LastReleaseDate();
  if (side.Released() && !last.empty()) return at + "released " + last;
  return at + "draft as of " + side.as_of;
}

std::string DescriptionLabel(const std::string& description) {
  std::string label = base::FirstSentence(base::Join(base::SplitWhitespace(description), " "));
  // A label is the sentence's first clause: what a colon or semicolon
  // introduces ("staff may use: an app or a key") is more than a name.
  for (std::string_view clause : {": ", "; "}) {
    if (const size_t at = label.find(clause); at != std::string::npos) label.resize(at);
  }
  if (!label.empty() && label.back() == '.') label.pop_back();
  return label;
}

std::string DocumentHash(const Document& document) {
  std::string all = document.title + "\n";
  for (const Item& item : document.items) all += item.id + " " + item.text_hash + "\n";
  return base::Sha256Hex(all).substr(0, 32);
}

Snapshot ContentFromPack(const model::ResolvedPack& pack, size_t from) {
  Snapshot snap;
  snap.profile = pack.profile_id;
  snap.as_of = pack.as_of;
  snap.organisation = pack.organisation.name;
  snap.legal_name = pack.organisation.legal_name;
  std::vector<std::tuple<std::string, std::string, std::string>> people;
  for (const model::Person& p : pack.people) people.emplace_back(p.id, p.name, p.job_title);
  const Hasher hasher = MakeHasher(pack.as_of, people, pack.organisation.name, pack.organisation.legal_name);
  for (const model::ResolvedValue& v : pack.parameters) snap.parameters[v.id] = v.value.ToText(v.unit);
  // What each fact and parameter is, as SnapshotFromJson reads it, so that
  // a release's summaries name them in words.
  for (const auto* values : {&pack.facts, &pack.parameters}) {
    for (const model::ResolvedValue& v : *values) {
      if (const std::string label = DescriptionLabel(v.description); !label.empty()) snap.labels[v.id] = label;
    }
  }
  for (const model::ExcludedItem& e : pack.excluded_documents) snap.excluded_documents[e.id] = e.condition;
  for (size_t i = from; i < pack.documents.size(); ++i) {
    const model::ResolvedDocument& d = pack.documents[i];
    Document doc;
    doc.id = d.id;
    doc.title = d.title;
    doc.kind = d.kind;
    doc.version = d.version;
    doc.derived = d.derived;
    for (const model::ExcludedItem& e : d.excluded) doc.excluded[e.id] = e.condition;
    for (const model::ResolvedSection& section : d.sections) AddSection(section, "", hasher, snap.parameters, &doc);
    doc.control = ControlFields({OrganisationLine(pack.organisation.name, pack.organisation.legal_name), d.kind,
                                 model::OwnerLabel(d), d.classification, ReviewCycle(d.review_months),
                                 base::Join(d.serves, ", "), base::Join(d.clauses, ", "),
                                 base::Join(d.controls, ", "), d.summary},
                                hasher);
    snap.documents.push_back(std::move(doc));
  }
  return snap;
}

std::optional<Snapshot> SnapshotFromPackJson(const std::string& text, std::string* error) {
  json pack;
  try {
    pack = json::parse(
        text,
        [](int depth, json::parse_event_t, json&) {
          if (depth > kMaxJsonDepth) throw TooDeep{};
          return true;
        },
        /*allow_exceptions=*/false);
  } catch (const TooDeep&) {
    *error = "not a pack.json: it nests more than " + std::to_string(kMaxJsonDepth) +
             " levels deep, and no pack does (sections nest at most " + std::to_string(kMaxSectionDepth) + " deep)";
    return std::nullopt;
  }
  if (pack.is_discarded() || !pack.is_object()) {
    *error = "not a pack.json: it is not a JSON object";
    return std::nullopt;
  }
  return SnapshotFromJson(pack, error);
}

std::optional<Snapshot> SnapshotFromJson(const json& pack, std::string* error) {
  if (!pack.contains("format_version") || !pack.at("format_version").is_number_integer()) {
    *error = "not a pack.json: it has no format_version";
    return std::nullopt;
  }
  if (pack.at("format_version").get<int>() != model::kPackFormatVersion) {
    *error = "pack.json format_version " + pack.at("format_version").dump() + " is not the one this policyc reads (" +
             std::to_string(model::kPackFormatVersion) + "); rebuild the pack with this policyc";
    return std::nullopt;
  }
  try {
    Snapshot snap;
    snap.profile = Id(pack, "profile");
    snap.as_of = Date(pack, "as_of");
    static const json kNone = json::object();
    const json& organisation = pack.contains("organisation") ? pack.at("organisation") : kNone;
    snap.organisation = Str(organisation, "name");
    snap.legal_name = Str(organisation, "legal_name");
    const json& branding = pack.contains("branding") ? pack.at("branding") : kNone;
    snap.primary_colour = Text(branding, "primary_colour");
    snap.font = Text(branding, "font");
    snap.logo_file = Text(branding, "logo");

    std::vector<std::tuple<std::string, std::string, std::string>> people;
    std::map<std::string, std::string> person_names;
    for (const json& p : List(pack, "people")) {
      const std::string id = Id(p, "id");
      person_names[id] = Str(p, "name");
      people.emplace_back(id, Str(p, "name"), Str(p, "job_title"));
      snap.people.push_back(MakeRow(id, Str(p, "name"), p,
                                    {{"name", "name"}, {"job title", "job_title"}, {"email", "email"},
                                     {"phone", "phone"}, {"roles", "roles"}}));
    }
    const Hasher hasher =
        MakeHasher(snap.as_of, people, Str(organisation, "name"), Str(organisation, "legal_name"));

    for (const json& f : List(pack, "facts")) snap.facts[Id(f, "id")] = Str(f, "text");
    for (const json& p : List(pack, "parameters")) snap.parameters[Id(p, "id")] = Str(p, "text");
    for (const char* kind : {"facts", "parameters"}) {
      for (const json& v : List(pack, kind)) {
        if (const std::string label = DescriptionLabel(Str(v, "description")); !label.empty()) {
          snap.labels[Str(v, "id")] = label;
        }
      }
    }
    for (const json& e : List(pack, "excluded_documents")) {
      snap.excluded_documents[Id(e, "id")] = Str(e, "condition");
    }
    std::set<std::string> document_ids;
    for (const json& d : List(pack, "documents")) {
      Document doc;
      try {
        doc = ReadDocument(d, snap, hasher);
      } catch (const std::exception& e) {
        const std::string id = d.is_object() ? d.value("id", json()).is_string() ? d.at("id").get<std::string>() : "" : "";
        throw std::runtime_error("document " + (IsId(id) ? "\"" + id + "\"" : std::to_string(document_ids.size() + 1)) +
                                 ": " + e.what());
      }
      // Two documents with one id would compare as one, hiding the other.
      if (!document_ids.insert(doc.id).second) {
        throw std::runtime_error("document \"" + doc.id + "\" appears twice; each document id is unique in a pack");
      }
      snap.documents.push_back(std::move(doc));
    }
    for (const json& r : List(pack, "soa")) {
      Row row = MakeRow(Str(r, "control"), Str(r, "title"), r,
                        {{"justification", "justification"}, {"status", "status"}, {"status date", "status_date"}});
      row.fields.insert(row.fields.begin(),
                        {"applicable", r.value("applicable", true) ? "applicable" : "excluded"});
      snap.soa.push_back(std::move(row));
    }
    for (const json& f : List(pack, "frameworks")) {
      const std::string framework = Id(f, "id");
      for (const json& r : List(f, "requirements")) {
        Row row = MakeRow(framework + ":" + Str(r, "id"), Str(f, "title") + ": " + Str(r, "title"), r, {});
        row.fields.emplace_back("met", r.value("covered", false) ? "met" : "not met");
        // The statements that meet it most directly: a statement added to a
        // related control elsewhere is no change to the crosswalk.
        std::vector<std::string> statements = Strings(r, "statements");
        statements.resize(std::min<size_t>(statements.size(), r.value("primary", statements.size())));
        row.fields.emplace_back("statements", base::Join(statements, ", "));
        snap.crosswalk.push_back(std::move(row));
      }
    }
    for (const json& r : List(pack, "roles")) {
      Role role{Id(r, "id"), Str(r, "title"), Strings(r, "duties"), {}, r.value("everyone", false)};
      for (const std::string& holder : Strings(r, "holders")) {
        auto it = person_names.find(holder);
        role.holders.push_back(it != person_names.end() ? it->second : holder);
      }
      snap.roles.push_back(std::move(role));
    }
    for (const json& r : List(pack, "risks")) {
      // Not "overdue": it follows from the due date and the as-of date.
      snap.risks.push_back(MakeRow(
          Id(r, "id"), Str(r, "threat"), r,
          {{"asset", "asset"}, {"threat", "threat"}, {"vulnerability", "vulnerability"},
           {"likelihood", "likelihood"}, {"impact", "impact"}, {"rating", "rating"}, {"band", "band"},
           {"owner", "owner"}, {"treatment", "treatment"}, {"controls", "controls"}, {"action", "action"},
           {"residual rating", "residual_rating"}, {"residual band", "residual_band"}, {"due", "due"},
           {"done", "done"}, {"accepted by", "accepted_by"}, {"accepted on", "accepted_on"}}));
    }
    return snap;
  } catch (const json::exception& e) {
    *error = std::string("not a pack.json this policyc understands: ") + e.what();
    return std::nullopt;
  } catch (const std::runtime_error& e) {
    *error = std::string("not a pack.json this policyc understands: ") + e.what();
    return std::nullopt;
  }
}

}  // namespace policyc::diff
