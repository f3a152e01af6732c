#include "diff/compare.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "base/strings.h"
#include "diff/section_diff.h"

namespace policyc::diff {

bool SameTables(const std::vector<model::Table>& a, const std::vector<model::Table>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (model::TableText(a[i]) != model::TableText(b[i])) return false;
  }
  return true;
}

namespace {

/// Longest common subsequence of two sequences: the matched index pairs,
/// in order. Common ends are matched first; a middle too large for the
/// table (more than 4 million cells) is treated as all changed.
template <typename T>
std::vector<std::pair<size_t, size_t>> Lcs(const std::vector<T>& a, const std::vector<T>& b) {
  std::vector<std::pair<size_t, size_t>> matches;
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
    matches.emplace_back(prefix, prefix);
    ++prefix;
  }
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const size_t n = a.size() - prefix - suffix, m = b.size() - prefix - suffix;
  if (n > 0 && m > 0 && n * m <= 4'000'000) {
    // table[i][j]: LCS length of a[prefix+i..] and b[prefix+j..]
    std::vector<uint32_t> table((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint32_t& { return table[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        at(i, j) = a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    size_t i = 0, j = 0;
    while (i < n && j < m) {
      if (a[prefix + i] == b[prefix + j]) {
        matches.emplace_back(prefix + i, prefix + j);
        ++i, ++j;
      } else if (at(i + 1, j) >= at(i, j + 1)) {
        ++i;
      } else {
        ++j;
      }
    }
  }
  for (size_t k = 0; k < suffix; ++k) {
    matches.emplace_back(a.size() - suffix + k, b.size() - suffix + k);
  }
  return matches;
}

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c == '_' || c == '\'' || c >= 0x80; }

std::vector<std::string> Tokens(const std::string& text) {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i + 1;
    const unsigned char c = text[i];
    if (IsWordByte(c)) {
      // "4.2" and "A.5.15" are one word: a renumbered reference reads as one change.
      auto dotted = [&](size_t k) {
        return text[k] == '.' && k + 1 < text.size() && std::isalnum(static_cast<unsigned char>(text[k - 1])) &&
               std::isdigit(static_cast<unsigned char>(text[k + 1]));
      };
      while (j < text.size() && (IsWordByte(text[j]) || dotted(j))) ++j;
    } else if (std::isspace(c)) {
      while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
    }
    tokens.push_back(text.substr(i, j - i));
    i = j;
  }
  return tokens;
}

bool IsBlank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

/// Turns a token-level edit script into readable runs: the spaces between
/// two changed words belong to the change, and each run of changes reads
/// as one deletion followed by one insertion.
std::vector<Segment> Tidy(const std::vector<Segment>& raw) {
  std::vector<Segment> out;
  std::string deleted, inserted;
  auto flush = [&] {
    if (!deleted.empty()) out.push_back({Op::kDelete, deleted});
    if (!inserted.empty()) out.push_back({Op::kInsert, inserted});
    deleted.clear();
    inserted.clear();
  };
  for (size_t k = 0; k < raw.size(); ++k) {
    const Segment& s = raw[k];
    const bool in_change = !deleted.empty() || !inserted.empty();
    const bool next_changes = k + 1 < raw.size() && raw[k + 1].op != Op::kEqual;
    if (s.op == Op::kEqual && in_change && next_changes && IsBlank(s.text)) {
      deleted += s.text;
      inserted += s.text;
    } else if (s.op == Op::kEqual) {
      flush();
      if (!out.empty() && out.back().op == Op::kEqual) {
        out.back().text += s.text;
      } else {
        out.push_back(s);
      }
    } else {
      (s.op == Op::kDelete ? deleted : inserted) += s.text;
    }
  }
  flush();
  return out;
}

template <typename T>
std::vector<Segment> Script(const std::vector<T>& a, const std::vector<T>& b,
                            const std::vector<std::pair<size_t, size_t>>& matches) {
  std::vector<Segment> raw;
  size_t i = 0, j = 0;
  for (const auto& [mi, mj] : matches) {
    for (; i < mi; ++i) raw.push_back({Op::kDelete, a[i]});
    for (; j < mj; ++j) raw.push_back({Op::kInsert, b[j]});
    raw.push_back({Op::kEqual, a[i]});
    ++i, ++j;
  }
  for (; i < a.size(); ++i) raw.push_back({Op::kDelete, a[i]});
  for (; j < b.size(); ++j) raw.push_back({Op::kInsert, b[j]});
  return raw;
}

const std::string& Or(const std::string& a, const std::string& b) { return a.empty() ? b : a; }

std::string Ref(const std::string& doc, const std::string& id) { return doc + "#" + id; }

/// What a fact or parameter is, in words, from whichever side knows it.
std::string LabelOf(const std::string& id, const Snapshot& old_pack, const Snapshot& new_pack) {
  for (const Snapshot* side : {&new_pack, &old_pack}) {
    if (auto it = side->labels.find(id); it != side->labels.end()) return it->second;
  }
  return "";
}

/// Parameters used by both versions of a statement whose value changed.
std::vector<ValueChange> ChangedParameters(const Item& old_item, const Item& new_item, const Document& old_doc,
                                           const Document& new_doc, const Snapshot& old_pack,
                                           const Snapshot& new_pack) {
  std::vector<ValueChange> out;
  for (const std::string& v : new_item.variables) {
    if (v.rfind("param.", 0) != 0) continue;
    const std::string id = v.substr(6);
    auto o = old_doc.parameters.find(id);
    auto n = new_doc.parameters.find(id);
    if (o == old_doc.parameters.end() || n == new_doc.parameters.end()) continue;
    if (o->second != n->second) out.push_back({id, o->second, n->second, LabelOf(id, old_pack, new_pack)});
  }
  return out;
}

/// Statement ids whose relative order changed (not in the longest run of
/// statements that kept their order).
std::set<std::string> Reordered(const Document& old_doc, const Document& new_doc) {
  std::vector<std::string> a, b;
  std::set<std::string> in_new;
  for (const Item& item : new_doc.items) in_new.insert(item.id);
  for (const Item& item : old_doc.items) {
    if (in_new.count(item.id)) a.push_back(item.id);
  }
  for (const Item& item : new_doc.items) {
    if (old_doc.Find(item.id)) b.push_back(item.id);
  }
  std::set<std::string> kept;
  for (const auto& [i, j] : Lcs(a, b)) kept.insert(a[i]);
  std::set<std::string> moved;
  for (const std::string& id : b) {
    if (!kept.count(id)) moved.insert(id);
  }
  return moved;
}

std::string Plural(size_t n, const std::string& one, const std::string& many) { return n == 1 ? one : many; }

std::string NumberList(const std::vector<std::string>& numbers) {
  if (numbers.size() <= 6) return base::JoinEnglish(numbers);
  std::vector<std::string> first(numbers.begin(), numbers.begin() + 5);
  return base::Join(first, ", ") + " and " + std::to_string(numbers.size() - 5) + " more";
}

std::vector<RowChange> CompareRows(const std::vector<Row>& old_rows, const std::vector<Row>& new_rows) {
  std::vector<RowChange> out;
  std::map<std::string, const Row*> old_by_id;
  for (const Row& r : old_rows) old_by_id[r.id] = &r;
  std::set<std::string> seen;
  for (const Row& r : new_rows) {
    seen.insert(r.id);
    auto it = old_by_id.find(r.id);
    if (it == old_by_id.end()) {
      out.push_back({RowChange::Status::kAdded, r.id, r.title, {}});
      continue;
    }
    RowChange change{RowChange::Status::kChanged, r.id, r.title, {}};
    for (size_t k = 0; k < r.fields.size(); ++k) {
      const auto& [name, value] = r.fields[k];
      std::string before;
      for (const auto& [old_name, old_value] : it->second->fields) {
        if (old_name == name) before = old_value;
      }
      if (before != value) change.fields.push_back({name, before, value});
    }
    if (!change.fields.empty()) out.push_back(std::move(change));
  }
  for (const Row& r : old_rows) {
    if (!seen.count(r.id)) out.push_back({RowChange::Status::kRemoved, r.id, r.title, {}});
  }
  return out;
}

/// Does the condition text mention this fact (as a whole word)?
bool Mentions(const std::string& condition, const std::string& fact) {
  size_t pos = 0;
  while ((pos = condition.find(fact, pos)) != std::string::npos) {
    const bool start = pos == 0 || !IsWordByte(condition[pos - 1]);
    const size_t end = pos + fact.size();
    const bool stop = end >= condition.size() || !IsWordByte(condition[end]);
    if (start && stop) return true;
    pos = end;
  }
  return false;
}

/// Statements in both packs whose text comes from another layer or file, in
/// the new pack's order. A line that moved within the same file is no
/// change; sections follow their statements (only a whole replaced document
/// moves them) and are left out.
std::vector<ProvenanceChange> CompareProvenance(const Snapshot& old_pack, const Snapshot& new_pack) {
  std::vector<ProvenanceChange> out;
  for (const Document& doc : new_pack.documents) {
    const Document* before = old_pack.FindDocument(doc.id);
    if (before == nullptr) continue;
    for (const Item& item : doc.items) {
      const Item* old_item = before->Find(item.id);
      if (item.kind != Item::Kind::kStatement || old_item == nullptr || !old_item->provenance.known() || !item.provenance.known()) continue;
      const model::Provenance &was = old_item->provenance, &now = item.provenance;
      if (was.layer == now.layer && was.file == now.file) continue;
      out.push_back({doc.id, item.id, item.number, was, now});
    }
  }
  return out;
}

}  // namespace

std::vector<Segment> WordDiff(const std::string& old_text, const std::string& new_text) {
  const auto a = Tokens(old_text), b = Tokens(new_text);
  return Tidy(Script(a, b, Lcs(a, b)));
}

std::vector<LineChange> LineDiff(const std::string& old_text, const std::string& new_text) {
  const auto a = base::Split(old_text, '\n'), b = base::Split(new_text, '\n');
  std::vector<LineChange> out;
  std::vector<std::string> deleted, inserted;
  auto flush = [&] {
    // Changed lines pair up in order; the rest are plain deletions or insertions.
    const size_t pairs = std::min(deleted.size(), inserted.size());
    for (size_t k = 0; k < pairs; ++k) {
      out.push_back({Op::kEqual, inserted[k], true, WordDiff(deleted[k], inserted[k]), deleted[k]});
    }
    for (size_t k = pairs; k < deleted.size(); ++k) out.push_back({Op::kDelete, deleted[k], false, {}, {}});
    for (size_t k = pairs; k < inserted.size(); ++k) out.push_back({Op::kInsert, inserted[k], false, {}, {}});
    deleted.clear();
    inserted.clear();
  };
  for (const Segment& s : Script(a, b, Lcs(a, b))) {
    if (s.op == Op::kEqual) {
      flush();
      out.push_back({Op::kEqual, s.text, false, {}, {}});
    } else {
      (s.op == Op::kDelete ? deleted : inserted).push_back(s.text);
    }
  }
  flush();
  return out;
}

namespace {

/// A control field's name as a reader knows it.
std::string ControlLabel(const std::string& name) {
  static const std::map<std::string, std::string> kLabels = {
      {"organisation", "organisation's name"},   {"kind", "kind of document"},
      {"owner", "owner"},                        {"classification", "classification"},
      {"review-cycle", "review cycle"},          {"serves", "documented information for"},
      {"clauses", "ISO/IEC 27001 clauses"},      {"controls", "Annex A controls"},
      {"summary", "summary"}};
  auto it = kLabels.find(name);
  return it != kLabels.end() ? it->second : name;
}

/// The fields of document control whose hashes differ. None when either
/// side has none (a record or pack.json older than them).
std::vector<ValueChange> ControlChanges(const Document& old_doc, const Document& new_doc) {
  std::vector<ValueChange> out;
  if (old_doc.control.empty() || new_doc.control.empty()) return out;
  for (const ControlField& now : new_doc.control) {
    auto before = std::find_if(old_doc.control.begin(), old_doc.control.end(),
                               [&](const ControlField& f) { return f.name == now.name; });
    if (before != old_doc.control.end() && before->hash == now.hash) continue;
    out.push_back({ControlLabel(now.name), before != old_doc.control.end() ? before->text : "", now.text});
  }
  return out;
}

/// "owner now 'IT Manager — Callum Reed'", or the field's label alone
/// where its value is long (a summary, a list of controls).
std::string ControlChangeText(const ValueChange& change) {
  const bool short_value = !change.new_value.empty() && change.new_value.size() <= 80;
  return short_value ? change.id + " now '" + change.new_value + "'" : change.id;
}

/// A parameter's change as a reason: "password_min_length 12 → 14", or for
/// a reader "the minimum length of a user-chosen password: 12 → 14".
std::string ParameterReason(const ValueChange& p, Wording wording) {
  if (wording == Wording::kIds || p.label.empty()) return p.id + " " + p.old_value + " → " + p.new_value;
  std::string label = p.label;
  // "The minimum length …" reads on inside a sentence; "NHS …" keeps its capitals.
  if (label.size() > 1 && std::isupper(static_cast<unsigned char>(label[0])) &&
      std::islower(static_cast<unsigned char>(label[1]))) {
    label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
  }
  return label + ": " + p.old_value + " → " + p.new_value;
}

std::string SummaryIn(const DocumentDiff& d, Wording wording) {
  using Status = DocumentDiff::Status;
  const bool reader = wording == Wording::kReader;
  if (d.status == Status::kAdded) {
    if (!d.by_condition) return "First issue.";
    return reader ? "Now part of the pack: the organisation's facts now call for it."
                  : "Now part of the pack: its condition '" + d.condition + "' holds.";
  }
  if (d.status == Status::kRemoved) {
    if (!d.by_condition) return "Withdrawn.";
    return reader ? "Withdrawn: the organisation's facts no longer call for it."
                  : "Withdrawn: its condition '" + d.condition + "' no longer holds.";
  }
  std::vector<std::string> parts;
  if (d.old_title != d.new_title) parts.push_back("Retitled from '" + d.old_title + "'");
  // Statements first, by kind of change; sections after.
  struct Group {
    ItemChange change;
    const char* verb;
  };
  for (Item::Kind kind : {Item::Kind::kStatement, Item::Kind::kSection}) {
    const bool statements = kind == Item::Kind::kStatement;
    for (const Group& group : {Group{ItemChange::kAdded, "added"}, Group{ItemChange::kRemoved, "removed"},
                               Group{ItemChange::kReworded, statements ? "reworded" : "changed"},
                               Group{ItemChange::kEdited, "edited (names, titles or references)"},
                               Group{ItemChange::kMoved, "moved"}}) {
      // Items changed for the same reason are named together.
      std::vector<std::pair<std::string, std::vector<std::string>>> buckets;  // reason → numbers
      for (const ItemDiff& item : d.items) {
        if (item.kind != kind || item.change != group.change) continue;
        const std::string& number =
            item.change == ItemChange::kRemoved ? item.old_number : Or(item.new_number, item.old_number);
        const std::string reason = base::Join(ItemReasons(item, wording), "; ");
        auto bucket = std::find_if(buckets.begin(), buckets.end(), [&](const auto& b) { return b.first == reason; });
        if (bucket == buckets.end()) bucket = buckets.insert(buckets.end(), {reason, {}});
        bucket->second.push_back(statements ? number : number + " '" + item.title + "'");
      }
      for (const auto& [reason, numbers] : buckets) {
        std::string part = std::string(statements ? Plural(numbers.size(), "Statement ", "Statements ")
                                                  : Plural(numbers.size(), "Section ", "Sections ")) +
                           NumberList(numbers) + " " + group.verb;
        if (!reason.empty()) part += " (" + reason + ")";
        parts.push_back(part);
      }
    }
  }
  std::vector<std::string> fields;
  for (const ValueChange& c : d.control) {
    // The controls a document implements follow from its statements: with
    // statements changed, naming them again says nothing new.
    if (c.id == ControlLabel("controls") && !d.items.empty()) continue;
    fields.push_back(ControlChangeText(c));
  }
  if (!fields.empty()) parts.push_back("Document control changed: " + base::JoinEnglish(fields));
  if (parts.empty()) return "No change.";
  for (size_t k = 1; k < parts.size(); ++k) {
    if (parts[k].rfind("Statement", 0) == 0 || parts[k].rfind("Section", 0) == 0 ||
        parts[k].rfind("Document control", 0) == 0) {
      parts[k][0] += 'a' - 'A';
    }
  }
  return base::Join(parts, "; ") + ".";
}

/// Marks where derived documents only quote a statement's change: on the
/// statement (quoted_in) and on the derived section (quotes, quotes_only).
/// The statement, in the document where it lives, is where the change is
/// shown; the derived documents refer to it.
void MarkQuotes(PackDiff& diff) {
  const Quotations quotations(diff);
  std::map<std::string, std::vector<Quote>> quoted_in;  // "DOC#ID" → places
  std::map<std::string, size_t> rank;                    // "DOC#ID" → its place in the diff, to list in order
  for (const DocumentDiff& d : diff.documents) {
    for (const ItemDiff& item : d.items) rank.emplace(Ref(d.id, item.id), rank.size());
  }
  for (DocumentDiff& d : diff.documents) {
    if (!d.derived || d.status != DocumentDiff::Status::kChanged) continue;
    for (ItemDiff& item : d.items) {
      if (item.kind != Item::Kind::kSection || !item.has_text) continue;
      if (item.change != ItemChange::kReworded && item.change != ItemChange::kEdited) continue;
      std::set<std::string> refs;
      bool all = true;
      for (const Block& block : SectionBlocks(item, &quotations)) {
        for (size_t k = 0; k < block.lines.size(); ++k) {
          const LineChange& line = block.lines[k];
          if (line.op == Op::kEqual && !line.changed) continue;
          all = all && !block.line_quotes[k].empty();
          refs.insert(block.line_quotes[k].begin(), block.line_quotes[k].end());
        }
        for (const TableRow& row : block.rows) {
          if (row.op == Op::kEqual && !row.changed) continue;
          all = all && !row.quotes.empty();
          refs.insert(row.quotes.begin(), row.quotes.end());
        }
      }
      // A new title is a change of its own.
      all = all && item.old_title == item.title && !item.moved;
      item.quotes.assign(refs.begin(), refs.end());
      std::sort(item.quotes.begin(), item.quotes.end(),
                [&](const std::string& a, const std::string& b) { return rank[a] < rank[b]; });
      item.quotes_only = all && !refs.empty();
      for (const std::string& ref : item.quotes) {
        quoted_in[ref].push_back({d.id, d.new_title, item.id, Or(item.new_number, item.old_number), item.title});
      }
    }
  }
  for (DocumentDiff& d : diff.documents) {
    for (ItemDiff& item : d.items) {
      if (auto it = quoted_in.find(Ref(d.id, item.id)); it != quoted_in.end()) item.quoted_in = it->second;
    }
  }
}

}  // namespace

std::vector<std::string> ItemReasons(const ItemDiff& item, Wording wording) {
  std::vector<std::string> reasons;
  for (const ValueChange& p : item.parameters) reasons.push_back(ParameterReason(p, wording));
  if (!item.by_condition) return reasons;
  const bool now_holds = item.change == ItemChange::kAdded;
  if (wording == Wording::kReader) {
    reasons.push_back(now_holds ? "it now applies" : "it no longer applies");
  } else {
    reasons.push_back("condition '" + item.condition + (now_holds ? "' now holds" : "' no longer holds"));
  }
  return reasons;
}

std::string DocumentDiff::Summary(Wording wording) const { return SummaryIn(*this, wording); }

namespace {

/// A document on one side only: added or removed whole (or by a condition).
DocumentDiff OneSided(const Document* old_doc, const Document* new_doc, const Snapshot& old_pack,
                      const Snapshot& new_pack) {
  DocumentDiff diff;
  const Document& doc = old_doc ? *old_doc : *new_doc;
  diff.status = old_doc ? DocumentDiff::Status::kRemoved : DocumentDiff::Status::kAdded;
  diff.id = doc.id;
  diff.old_title = diff.new_title = doc.title;
  diff.kind = doc.kind;
  diff.derived = doc.derived;
  const auto& excluded = old_doc ? new_pack.excluded_documents : old_pack.excluded_documents;
  if (auto it = excluded.find(doc.id); it != excluded.end()) {
    diff.by_condition = true;
    diff.condition = it->second;
  }
  diff.obligations_changed = true;
  for (const Item& item : doc.items) {
    if (item.kind == Item::Kind::kStatement) ++(old_doc ? diff.removed : diff.added);
  }
  return diff;
}

/// How an item found on both sides changed: nothing (false, when it is
/// neither changed nor moved), moved, reworded (an obligation changed) or
/// edited (names, titles, labels).
bool ClassifyChange(const Item& before, const Item& item, const Document& old_doc, const Document& new_doc,
                    const Snapshot& old_pack, const Snapshot& new_pack, ItemDiff& d) {
  // Hashes leave the as-of date out; equal texts are equal even when a
  // date in them happens to be the old as-of date.
  const bool same_text = before.has_text && item.has_text && before.text == item.text &&
                         before.title == item.title && SameTables(before.tables, item.tables);
  if (before.text_hash == item.text_hash || same_text) {
    if (!d.moved) return false;
    d.change = ItemChange::kMoved;
  } else if (item.kind == Item::Kind::kStatement) {
    d.parameters = ChangedParameters(before, item, old_doc, new_doc, old_pack, new_pack);
    const bool reworded = before.source_hash.empty() || item.source_hash.empty()
                              ? before.neutral_hash != item.neutral_hash
                              : before.source_hash != item.source_hash;
    d.change = reworded || !d.parameters.empty() ? ItemChange::kReworded : ItemChange::kEdited;
  } else if (!before.source_hash.empty() && !item.source_hash.empty()) {
    // A section of the library: as for a statement, its source or a
    // parameter decides; a new title, names or reference labels are editorial.
    d.parameters = ChangedParameters(before, item, old_doc, new_doc, old_pack, new_pack);
    d.change = before.source_hash != item.source_hash || !d.parameters.empty() ? ItemChange::kReworded
                                                                                : ItemChange::kEdited;
  } else {
    // A derived section: a new title alone, or names in its text, are editorial.
    const bool same_words = before.neutral_hash == item.neutral_hash;
    const bool same_intro =
        before.text == item.text && before.has_text && SameTables(before.tables, item.tables);
    d.change = same_words || same_intro ? ItemChange::kEdited : ItemChange::kReworded;
  }
  return true;
}

/// The statements added, removed and changed, and whether any obligation changed.
void Tally(DocumentDiff& diff) {
  for (const ItemDiff& d : diff.items) {
    const bool statement = d.kind == Item::Kind::kStatement;
    switch (d.change) {
      case ItemChange::kAdded:
        diff.added += statement;
        diff.obligations_changed |= statement || !d.new_text.empty() || !d.new_tables.empty();
        break;
      case ItemChange::kRemoved:
        diff.removed += statement;
        diff.obligations_changed |= statement || !d.old_text.empty() || !d.old_tables.empty();
        break;
      case ItemChange::kReworded:
        diff.changed += statement;
        diff.obligations_changed = true;
        break;
      case ItemChange::kEdited:
      case ItemChange::kMoved:
        diff.changed += statement;
        break;
    }
  }
}

}  // namespace

std::optional<DocumentDiff> CompareDocuments(const Document* old_doc, const Document* new_doc,
                                             const Snapshot& old_pack, const Snapshot& new_pack) {
  DocumentDiff diff;
  if (!old_doc && !new_doc) return std::nullopt;
  if (!old_doc || !new_doc) return OneSided(old_doc, new_doc, old_pack, new_pack);
  diff.id = new_doc->id;
  diff.old_title = old_doc->title;
  diff.new_title = new_doc->title;
  diff.kind = new_doc->kind;
  diff.derived = new_doc->derived;
  const std::set<std::string> reordered = Reordered(*old_doc, *new_doc);
  std::set<std::string> in_new;
  for (const Item& item : new_doc->items) {
    in_new.insert(item.id);
    const Item* before = old_doc->Find(item.id);
    ItemDiff d;
    d.kind = item.kind;
    d.id = item.id;
    d.new_number = item.number;
    d.depth = new_doc->Depth(item);
    d.title = item.title;
    d.new_text = item.text;
    d.new_tables = item.tables;
    if (!before) {
      d.change = ItemChange::kAdded;
      if (auto it = old_doc->excluded.find(item.id); it != old_doc->excluded.end()) {
        d.by_condition = true;
        d.condition = it->second;
      }
      diff.items.push_back(std::move(d));
      continue;
    }
    d.old_number = before->number;
    d.old_title = before->title;
    d.old_text = before->text;
    d.old_tables = before->tables;
    d.has_text = before->has_text && item.has_text;
    d.moved = reordered.count(item.id) > 0 || before->parent != item.parent;
    if (!ClassifyChange(*before, item, *old_doc, *new_doc, old_pack, new_pack, d)) continue;
    diff.items.push_back(std::move(d));
  }
  for (const Item& item : old_doc->items) {
    if (in_new.count(item.id)) continue;
    ItemDiff d;
    d.change = ItemChange::kRemoved;
    d.kind = item.kind;
    d.id = item.id;
    d.old_number = item.number;
    d.depth = old_doc->Depth(item);
    d.title = item.title;
    d.old_text = item.text;
    d.old_tables = item.tables;
    if (auto it = new_doc->excluded.find(item.id); it != new_doc->excluded.end()) {
      d.by_condition = true;
      d.condition = it->second;
    }
    diff.items.push_back(std::move(d));
  }
  Tally(diff);
  diff.control = ControlChanges(*old_doc, *new_doc);
  if (diff.items.empty() && diff.old_title == diff.new_title && diff.control.empty()) return std::nullopt;
  return diff;
}

PackDiff Compare(const Snapshot& old_pack, const Snapshot& new_pack) {
  PackDiff out;
  out.organisation = new_pack.organisation;
  out.old_name = SideName(old_pack);
  out.new_name = SideName(new_pack);
  for (const Document& doc : new_pack.documents) {
    if (auto d = CompareDocuments(old_pack.FindDocument(doc.id), &doc, old_pack, new_pack)) {
      out.documents.push_back(std::move(*d));
    }
  }
  for (const Document& doc : old_pack.documents) {
    if (new_pack.FindDocument(doc.id)) continue;
    if (auto d = CompareDocuments(&doc, nullptr, old_pack, new_pack)) out.documents.push_back(std::move(*d));
  }

  // Parameters, with the statements their new value reworded.
  std::set<std::string> parameter_ids;
  for (const auto& [id, v] : old_pack.parameters) parameter_ids.insert(id);
  for (const auto& [id, v] : new_pack.parameters) parameter_ids.insert(id);
  for (const std::string& id : parameter_ids) {
    auto o = old_pack.parameters.find(id);
    auto n = new_pack.parameters.find(id);
    const std::string before = o == old_pack.parameters.end() ? "" : o->second;
    const std::string after = n == new_pack.parameters.end() ? "" : n->second;
    if (before == after) continue;
    ParameterChange change{{id, before, after, LabelOf(id, old_pack, new_pack)}, {}};
    for (const DocumentDiff& d : out.documents) {
      for (const ItemDiff& item : d.items) {
        for (const ValueChange& p : item.parameters) {
          if (p.id == id) change.statements.push_back(Ref(d.id, item.id));
        }
      }
    }
    out.parameters.push_back(std::move(change));
  }

  // Facts, with what their conditions now include or leave out.
  std::set<std::string> fact_ids;
  for (const auto& [id, v] : old_pack.facts) fact_ids.insert(id);
  for (const auto& [id, v] : new_pack.facts) fact_ids.insert(id);
  for (const std::string& id : fact_ids) {
    auto o = old_pack.facts.find(id);
    auto n = new_pack.facts.find(id);
    const std::string before = o == old_pack.facts.end() ? "" : o->second;
    const std::string after = n == new_pack.facts.end() ? "" : n->second;
    if (before == after) continue;
    FactChange change{{id, before, after, LabelOf(id, old_pack, new_pack)}, {}, {}};
    for (const DocumentDiff& d : out.documents) {
      if (d.by_condition && Mentions(d.condition, id)) {
        (d.status == DocumentDiff::Status::kAdded ? change.included : change.excluded).push_back(d.id);
      }
      for (const ItemDiff& item : d.items) {
        if (!item.by_condition || !Mentions(item.condition, id)) continue;
        (item.change == ItemChange::kAdded ? change.included : change.excluded).push_back(Ref(d.id, item.id));
      }
    }
    out.facts.push_back(std::move(change));
  }

  out.provenance = CompareProvenance(old_pack, new_pack);
  out.soa = CompareRows(old_pack.soa, new_pack.soa);
  out.crosswalk = CompareRows(old_pack.crosswalk, new_pack.crosswalk);
  out.risks = CompareRows(old_pack.risks, new_pack.risks);
  out.people = CompareRows(old_pack.people, new_pack.people);

  std::map<std::string, const Role*> old_roles;
  for (const Role& r : old_pack.roles) old_roles[r.id] = &r;
  for (const Role& r : new_pack.roles) {
    static const Role kNone;
    auto it = old_roles.find(r.id);
    const Role& before = it == old_roles.end() ? kNone : *it->second;
    RoleChange change{r.id, r.title, {}, {}, {}, {}};
    const std::set<std::string> old_duties(before.duties.begin(), before.duties.end());
    const std::set<std::string> new_duties(r.duties.begin(), r.duties.end());
    for (const std::string& d : r.duties) {
      if (!old_duties.count(d)) change.gained.push_back(d);
    }
    for (const std::string& d : before.duties) {
      if (!new_duties.count(d)) change.lost.push_back(d);
    }
    // A role everyone holds changes holders with the people list, which is
    // compared on its own.
    const bool holders_changed = !r.everyone && before.holders != r.holders;
    if (holders_changed) {
      change.old_holders = before.holders;
      change.new_holders = r.holders;
    }
    if (!change.gained.empty() || !change.lost.empty() || holders_changed) {
      out.roles.push_back(std::move(change));
    }
  }
  MarkQuotes(out);
  return out;
}

}  // namespace policyc::diff
