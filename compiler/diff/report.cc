#include "diff/report.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/strings.h"

namespace policyc::diff {

using nlohmann::json;

namespace {

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

std::string Number(const ItemDiff& item) {
  return item.change == ItemChange::kRemoved || item.new_number.empty() ? item.old_number : item.new_number;
}

/// Why an item changed, in words: "(password_min_length 12 → 14)".
std::string Because(const ItemDiff& item) {
  std::vector<std::string> reasons;
  for (const ValueChange& p : item.parameters) {
    reasons.push_back(p.id + " " + Shown(p.old_value) + " → " + Shown(p.new_value));
  }
  if (item.by_condition) {
    reasons.push_back("condition '" + item.condition +
                      (item.change == ItemChange::kAdded ? "' now holds" : "' no longer holds"));
  }
  if (item.moved && item.change != ItemChange::kMoved) reasons.push_back("and moved from " + item.old_number);
  if (item.change == ItemChange::kMoved) reasons.push_back("from " + item.old_number);
  if (item.change == ItemChange::kEdited && item.kind == Item::Kind::kStatement) {
    reasons.push_back("names or references only");
  }
  return reasons.empty() ? "" : " (" + base::Join(reasons, "; ") + ")";
}

std::string StatementsLine(const DocumentDiff& d) {
  if (d.added + d.removed + d.changed == 0 && !d.items.empty()) {
    // Derived documents are tables in sections: count those.
    return "~" + std::to_string(d.items.size()) + (d.items.size() == 1 ? " section" : " sections");
  }
  return "+" + std::to_string(d.added) + " −" + std::to_string(d.removed) + " ~" + std::to_string(d.changed);
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
  count(diff.roles.size(), "role", "roles");
  count(diff.risks.size(), "risk", "risks");
  count(diff.people.size(), "person", "people");
  return base::Join(parts, ", ");
}

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

json ValueJson(const ValueChange& v) { return {{"id", v.id}, {"old", v.old_value}, {"new", v.new_value}}; }

json RowsJson(const std::vector<RowChange>& rows) {
  json out = json::array();
  for (const RowChange& r : rows) {
    json fields = json::array();
    for (const ValueChange& f : r.fields) fields.push_back({{"field", f.id}, {"old", f.old_value}, {"new", f.new_value}});
    out.push_back({{"id", r.id}, {"title", r.title}, {"status", RowStatusName(r.status)}, {"fields", fields}});
  }
  return out;
}

// ---- HTML ----

std::string H(const std::string& text) { return base::EscapeHtml(text); }

std::string HtmlSegments(const std::vector<Segment>& segments) {
  std::string out;
  for (const Segment& s : segments) {
    switch (s.op) {
      case Op::kEqual: out += H(s.text); break;
      case Op::kDelete: out += "<del>" + H(s.text) + "</del>"; break;
      case Op::kInsert: out += "<ins>" + H(s.text) + "</ins>"; break;
    }
  }
  return out;
}

// ---- section texts: prose lines and tables ----

/// A row of a section's table, compared cell by cell.
struct TableRow {
  Op op = Op::kEqual;  ///< kEqual (unchanged or changed), kDelete, kInsert
  bool changed = false;
  std::vector<std::string> cells;
  std::vector<std::vector<Segment>> words;  ///< per cell, when changed
};

/// A run of a section's text: prose lines, or one table.
struct Block {
  bool table = false;
  std::vector<LineChange> lines;  ///< prose
  std::vector<std::string> header;
  std::vector<TableRow> rows;
};

std::vector<std::string> PlainCells(const std::vector<std::string>& cells) {
  std::vector<std::string> out;
  for (const std::string& cell : cells) out.push_back(PlainText(cell));
  return out;
}

/// The rows of two versions of a table, paired by their key cell (the n-th
/// row with a key pairs with the n-th of the same key), in the new table's
/// order with each removed row where it stood among the old ones.
Block TableBlock(const model::Table* old_table, const model::Table* new_table) {
  static const model::Table kNone;
  const model::Table& before = old_table ? *old_table : kNone;
  const model::Table& after = new_table ? *new_table : kNone;
  Block block;
  block.table = true;
  for (const auto& column : (new_table ? after : before).columns) block.header.push_back(column.header);
  auto keys = [](const model::Table& t) {
    std::vector<std::string> out;
    std::map<std::string, int> seen;
    for (const auto& row : t.rows) {
      const std::string key = t.key < row.size() ? PlainText(row[t.key]) : std::string();
      out.push_back(key + '\0' + std::to_string(seen[key]++));
    }
    return out;
  };
  const std::vector<std::string> old_keys = keys(before), new_keys = keys(after);
  std::map<std::string, size_t> old_at;
  for (size_t i = 0; i < old_keys.size(); ++i) old_at[old_keys[i]] = i;
  std::set<std::string> in_new(new_keys.begin(), new_keys.end());
  size_t next_old = 0;  // old rows before this one have been placed
  auto flush_removed = [&](size_t until) {
    for (; next_old < until; ++next_old) {
      if (!in_new.count(old_keys[next_old])) {
        block.rows.push_back({Op::kDelete, false, PlainCells(before.rows[next_old]), {}});
      }
    }
  };
  const bool same_columns = model::TableText({before.columns, {}, 0, false}) ==
                            model::TableText({after.columns, {}, 0, false});
  for (size_t j = 0; j < new_keys.size(); ++j) {
    std::vector<std::string> cells = PlainCells(after.rows[j]);
    auto match = old_at.find(new_keys[j]);
    if (match == old_at.end() || !same_columns) {
      block.rows.push_back({Op::kInsert, false, std::move(cells), {}});
      continue;
    }
    if (match->second >= next_old) flush_removed(match->second + 1);
    std::vector<std::string> old_cells = PlainCells(before.rows[match->second]);
    if (old_cells == cells) {
      block.rows.push_back({Op::kEqual, false, std::move(cells), {}});
      continue;
    }
    TableRow row{Op::kEqual, true, cells, {}};
    for (size_t i = 0; i < cells.size(); ++i) row.words.push_back(WordDiff(old_cells[i], cells[i]));
    block.rows.push_back(std::move(row));
  }
  if (same_columns) {
    flush_removed(old_keys.size());
  } else {
    for (const auto& row : before.rows) block.rows.push_back({Op::kDelete, false, PlainCells(row), {}});
  }
  return block;
}

/// A section's introduction line by line, then its tables row by row (the
/// n-th table of the old version with the n-th of the new).
std::vector<Block> SectionBlocks(const ItemDiff& item) {
  std::vector<Block> blocks;
  Block prose;
  for (LineChange& line : LineDiff(PlainText(item.old_text), PlainText(item.new_text))) {
    prose.lines.push_back(std::move(line));
  }
  if (!prose.lines.empty()) blocks.push_back(std::move(prose));
  const size_t tables = std::max(item.old_tables.size(), item.new_tables.size());
  for (size_t i = 0; i < tables; ++i) {
    blocks.push_back(TableBlock(i < item.old_tables.size() ? &item.old_tables[i] : nullptr,
                                i < item.new_tables.size() ? &item.new_tables[i] : nullptr));
  }
  return blocks;
}

std::string HtmlTable(const Block& block) {
  std::string out = "<table class=\"redline\">\n<tr>";
  for (const std::string& h : block.header) out += "<th>" + H(h) + "</th>";
  out += "</tr>\n";
  const size_t columns = std::max<size_t>(1, block.header.size());
  size_t k = 0;
  while (k < block.rows.size()) {
    const TableRow& row = block.rows[k];
    if (row.op == Op::kEqual && !row.changed) {
      size_t end = k;
      while (end < block.rows.size() && block.rows[end].op == Op::kEqual && !block.rows[end].changed) ++end;
      out += "<tr class=\"fold\"><td colspan=\"" + std::to_string(columns) + "\">⋯ " + std::to_string(end - k) +
             (end - k == 1 ? " unchanged row" : " unchanged rows") + "</td></tr>\n";
      k = end;
      continue;
    }
    out += "<tr>";
    for (size_t i = 0; i < row.cells.size(); ++i) {
      if (row.changed) {
        out += "<td>" + HtmlSegments(row.words[i]) + "</td>";
      } else {
        const char* tag = row.op == Op::kDelete ? "del" : "ins";
        out += std::string("<td><") + tag + ">" + H(row.cells[i]) + "</" + tag + "></td>";
      }
    }
    out += "</tr>\n";
    ++k;
  }
  return out + "</table>\n";
}

/// A section's text (prose or tables) with the changes marked and runs of
/// unchanged lines and rows folded.
std::string HtmlLines(const ItemDiff& item) {
  std::string out;
  for (const Block& block : SectionBlocks(item)) {
    if (block.table) {
      out += HtmlTable(block);
      continue;
    }
    const auto& lines = block.lines;
    std::string prose;
    size_t k = 0;
    while (k < lines.size()) {
      if (lines[k].op == Op::kEqual && !lines[k].changed) {
        size_t end = k;
        while (end < lines.size() && lines[end].op == Op::kEqual && !lines[end].changed) ++end;
        const size_t run = end - k;
        if (run > 2) {
          prose += "<details class=\"fold\"><summary>" + std::to_string(run) + " unchanged lines</summary>\n";
          for (size_t i = k; i < end; ++i) prose += "<div class=\"line\">" + H(lines[i].text) + "</div>\n";
          prose += "</details>\n";
        } else {
          for (size_t i = k; i < end; ++i) prose += "<div class=\"line\">" + H(lines[i].text) + "</div>\n";
        }
        k = end;
        continue;
      }
      const LineChange& line = lines[k++];
      if (line.changed) {
        prose += "<div class=\"line changed\">" + HtmlSegments(line.words) + "</div>\n";
      } else if (line.op == Op::kDelete) {
        prose += "<div class=\"line\"><del>" + H(line.text) + "</del></div>\n";
      } else {
        prose += "<div class=\"line\"><ins>" + H(line.text) + "</ins></div>\n";
      }
    }
    if (!base::Trim(prose).empty()) out += "<div class=\"lines\">\n" + prose + "</div>\n";
  }
  return out;
}

std::string HtmlStatement(const std::string& number, const std::string& body, const std::string& css,
                          const std::string& note) {
  return "<div class=\"st " + css + "\"><span class=\"no\">" + H(number) + "</span><div class=\"body\">" + body +
         (note.empty() ? "" : "<div class=\"why\">" + H(note) + "</div>") + "</div></div>\n";
}

std::string HtmlItem(const ItemDiff& item) {
  const std::string why = std::string(ItemChangeName(item)) + Because(item);
  if (item.kind == Item::Kind::kSection) {
    std::string head = "<h4 class=\"section " + std::string(ChangeName(item.change)) + "\">" + H(Number(item)) +
                       " " + H(item.title) + " <small>section " + H(why) + "</small></h4>\n";
    if (item.old_text == item.new_text && item.change != ItemChange::kAdded &&
        item.change != ItemChange::kRemoved && SameTables(item.old_tables, item.new_tables)) {
      return head;
    }
    return head + HtmlLines(item);
  }
  const std::string number = Number(item);
  switch (item.change) {
    case ItemChange::kAdded:
      return HtmlStatement(number, "<ins>" + H(PlainText(item.new_text)) + "</ins>", "added", why);
    case ItemChange::kRemoved:
      return HtmlStatement(number, "<del>" + H(PlainText(item.old_text)) + "</del>", "removed", why);
    case ItemChange::kMoved:
      return HtmlStatement(number, H(PlainText(item.new_text)), "moved", why);
    default:
      return HtmlStatement(number, HtmlSegments(WordDiff(PlainText(item.old_text), PlainText(item.new_text))),
                           "changed", why);
  }
}

constexpr const char* kCss = R"(body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:2px solid #1F4E79;padding-bottom:.2rem;margin-top:2rem}
.sub{color:#555;margin-top:0}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#eef3f8}
ins{background:#d7f5dd;color:#0b4d1a;text-decoration:underline}del{background:#fbe0e0;color:#7a1010}
.st{display:flex;gap:.8rem;margin:.5rem 0;padding:.4rem .6rem;border-left:4px solid #ccc}
.st.added{border-color:#2e9e4f}.st.removed{border-color:#c0392b}.st.changed{border-color:#d68910}.st.moved{border-color:#7d8ca3}
.st.context{border-color:#eee;color:#555}.no{font-weight:bold;min-width:3rem}.body{white-space:pre-wrap}.why{white-space:normal}.why{font-size:.85rem;color:#555;margin-top:.2rem}
.lines{font-family:"DejaVu Sans Mono",monospace;font-size:.8rem;white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:.4rem}
.line.changed{background:#fff8e6}details.fold summary{color:#555;cursor:pointer;font-family:"DejaVu Sans",sans-serif}
.badge{display:inline-block;border-radius:.3rem;padding:0 .4rem;font-size:.8rem;color:#fff;background:#7d8ca3}
.badge.added{background:#2e9e4f}.badge.removed{background:#c0392b}.badge.changed{background:#d68910}
table.redline td{font-size:.85rem}tr.fold td{color:#555;background:#fafafa;font-style:italic}
h4.section{margin:.8rem 0 .3rem}h4 small{font-weight:normal;color:#555}
@media print{details.fold{display:none}}
)";

std::string RowsTable(const std::vector<RowChange>& rows) {
  std::string out = "<table><tr><th>Id</th><th>Title</th><th>Change</th></tr>\n";
  for (const RowChange& r : rows) {
    std::string change;
    if (r.status != RowChange::Status::kChanged) {
      change = RowStatusName(r.status);
    } else {
      for (const ValueChange& f : r.fields) {
        change += "<div><b>" + H(f.id) + "</b>: " +
                  HtmlSegments(WordDiff(PlainText(f.old_value), PlainText(f.new_value))) + "</div>";
      }
    }
    out += "<tr><td>" + H(r.id) + "</td><td>" + H(PlainText(r.title)) + "</td><td>" + change + "</td></tr>\n";
  }
  return out + "</table>\n";
}

// ---- Pandoc Markdown ----

/// Escapes every ASCII punctuation character, which Pandoc's Markdown
/// allows, so that text is never read as markup.
std::string EscapePandoc(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += ' ';
    } else if (std::ispunct(static_cast<unsigned char>(c))) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

class Tracked {
 public:
  Tracked(const std::string& author, const std::string& date)
      : attributes_(" author=\"" + author + "\" date=\"" + date + "T00:00:00Z\"") {}
  std::string Insert(const std::string& text) const { return Span(text, "insertion"); }
  std::string Delete(const std::string& text) const { return Span(text, "deletion"); }
  std::string Segments(const std::vector<Segment>& segments) const {
    std::string out;
    for (const Segment& s : segments) {
      switch (s.op) {
        case Op::kEqual: out += EscapePandoc(s.text); break;
        case Op::kDelete: out += Delete(s.text); break;
        case Op::kInsert: out += Insert(s.text); break;
      }
    }
    return out;
  }

 private:
  std::string Span(const std::string& text, const char* cls) const {
    if (text.empty()) return "";
    // Spaces at the edges go outside the span, which must not start or end with one.
    size_t start = text.find_first_not_of(" \n"), end = text.find_last_not_of(" \n");
    if (start == std::string::npos) return " ";
    return std::string(start > 0 ? " " : "") + "[" + EscapePandoc(text.substr(start, end - start + 1)) + "]{." +
           cls + attributes_ + "}" + (end + 1 < text.size() ? " " : "");
  }
  std::string attributes_;
};

/// The changed rows of a table, one paragraph each: the row's key (its
/// first cells) and then only the cells that changed, by column name, with
/// tracked changes. A page is too narrow for the whole of a wide table.
std::string DocxTable(const Block& block, const Tracked& tracked) {
  std::string out;
  size_t unchanged = 0;
  auto label = [&](const std::vector<std::string>& cells) {
    if (cells.empty()) return std::string();
    // An id in the first column reads better with the title after it.
    std::string key = cells[0];
    if (cells.size() > 1 && cells[0].size() <= 12) key += " " + cells[1];
    return "**" + EscapePandoc(key) + "**";
  };
  auto column = [&](size_t i) {
    return i < block.header.size() && !block.header[i].empty() ? block.header[i] : "column " + std::to_string(i + 1);
  };
  for (const TableRow& row : block.rows) {
    if (row.op == Op::kEqual && !row.changed) {
      ++unchanged;
      continue;
    }
    if (!row.changed) {
      std::vector<std::string> fields;
      for (size_t i = 0; i < row.cells.size(); ++i) {
        if (!row.cells[i].empty()) fields.push_back(column(i) + ": " + row.cells[i]);
      }
      const std::string text = base::Join(fields, "; ");
      out += "- " + (row.op == Op::kDelete ? tracked.Delete(text) : tracked.Insert(text)) + "\n";
      continue;
    }
    out += "- " + label(row.cells);
    for (size_t i = 0; i < row.cells.size(); ++i) {
      const bool differs = std::any_of(row.words[i].begin(), row.words[i].end(),
                                       [](const Segment& w) { return w.op != Op::kEqual; });
      if (differs) out += "\\\n  *" + EscapePandoc(column(i)) + ":* " + tracked.Segments(row.words[i]);
    }
    out += "\n";
  }
  if (out.empty()) return "";
  out += "\n";
  if (unchanged > 0) {
    out += "*" + EscapePandoc(std::to_string(unchanged) + (unchanged == 1 ? " unchanged row" : " unchanged rows") +
                              " not shown.") + "*\n\n";
  }
  return out;
}

}  // namespace

std::string PlainText(const std::string& markdown) {
  std::string out;
  for (size_t i = 0; i < markdown.size(); ++i) {
    const char c = markdown[i];
    if (c == '\\' && i + 1 < markdown.size() && std::ispunct(static_cast<unsigned char>(markdown[i + 1]))) {
      out += markdown[++i];
    } else if (c == '[') {
      // [label](target) → label
      size_t close = markdown.find("](", i);
      size_t end = close == std::string::npos ? std::string::npos : markdown.find(')', close);
      size_t newline = markdown.find('\n', i);
      if (close != std::string::npos && end != std::string::npos && (newline == std::string::npos || end < newline)) {
        out += PlainText(markdown.substr(i + 1, close - i - 1));
        i = end;
      } else {
        out += c;
      }
    } else if (c == '*' && i + 1 < markdown.size() && markdown[i + 1] == '*') {
      ++i;  // bold markers
    } else {
      out += c;
    }
  }
  return out;
}

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
          out += "      section " + Number(item) + " \"" + item.title + "\" " + ItemChangeName(item) + Because(item) +
                 "\n";
          continue;
        }
        out += "      " + Number(item) + " " + ChangeName(item.change) + Because(item) + "\n";
        if (item.change == ItemChange::kAdded) {
          out += Indent(PlainText(item.new_text), "          + ") + "\n";
        } else if (item.change == ItemChange::kRemoved) {
          out += Indent(PlainText(item.old_text), "          - ") + "\n";
        } else if (item.change != ItemChange::kMoved && item.has_text) {
          out += Indent(Wdiff(WordDiff(PlainText(item.old_text), PlainText(item.new_text))), "          ") + "\n";
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
      out += "  " + r.id + " " + PlainText(r.title) + ": " + RowStatusName(r.status) + "\n";
      for (const ValueChange& f : r.fields) {
        out += "      " + f.id + ": " + Shown(PlainText(f.old_value)) + " → " + Shown(PlainText(f.new_value)) + "\n";
      }
    }
  };
  rows("Statement of Applicability", diff.soa);
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
  json out = {{"old", diff.old_label},       {"new", diff.new_label},          {"equal", diff.Empty()},
              {"documents", documents},      {"parameters", parameters},       {"facts", facts},
              {"soa", RowsJson(diff.soa)},   {"roles", roles},                 {"risks", RowsJson(diff.risks)},
              {"people", RowsJson(diff.people)}, {"provenance", provenance}};
  return out.dump(2) + "\n";
}

std::string HtmlRedline(const PackDiff& diff, const Snapshot& old_pack, const Snapshot& new_pack) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Changes: " +
                    H(diff.organisation) + "</title>\n<style>\n" + kCss + "</style>\n</head>\n<body>\n";
  out += "<h1>Changes to the " + H(diff.organisation.empty() ? "document" : diff.organisation) + " pack</h1>\n";
  out += "<p class=\"sub\">" + H(diff.old_label) + " (as of " + H(old_pack.as_of) + ") → " + H(diff.new_label) +
         " (as of " + H(new_pack.as_of) + ")</p>\n";
  out += "<h2>Summary</h2>\n<p>" + H(diff.Empty() ? std::string("No difference.") : Totals(diff) + ".") + "</p>\n";
  if (!diff.documents.empty()) {
    out += "<table><tr><th>Document</th><th>Change</th><th>Statements</th><th>Summary</th></tr>\n";
    for (const DocumentDiff& d : diff.documents) {
      const std::string status = StatusName(d.status);
      out += "<tr><td><a href=\"#" + H(d.id) + "\">" + H(d.new_title) + "</a>" + (d.derived ? " <small>(derived)</small>" : "") +
             "</td><td><span class=\"badge " + status + "\">" + status + "</span>" +
             (d.status == DocumentDiff::Status::kChanged && !d.obligations_changed ? " editorial" : "") +
             "</td><td>" + H(StatementsLine(d)) + "</td><td>" + H(d.Summary()) + "</td></tr>\n";
    }
    out += "</table>\n";
  }
  if (!diff.parameters.empty()) {
    out += "<h3>Parameters</h3>\n<table><tr><th>Parameter</th><th>Was</th><th>Now</th><th>Statements reworded</th></tr>\n";
    for (const ParameterChange& p : diff.parameters) {
      out += "<tr><td>" + H(p.value.id) + "</td><td><del>" + H(Shown(p.value.old_value)) + "</del></td><td><ins>" +
             H(Shown(p.value.new_value)) + "</ins></td><td>" + H(base::Join(p.statements, ", ")) + "</td></tr>\n";
    }
    out += "</table>\n";
  }
  if (!diff.facts.empty()) {
    out += "<h3>Facts</h3>\n<table><tr><th>Fact</th><th>Was</th><th>Now</th><th>Now included</th><th>Now left out</th></tr>\n";
    for (const FactChange& f : diff.facts) {
      out += "<tr><td>" + H(f.value.id) + "</td><td><del>" + H(Shown(f.value.old_value)) + "</del></td><td><ins>" +
             H(Shown(f.value.new_value)) + "</ins></td><td>" + H(base::Join(f.included, ", ")) + "</td><td>" +
             H(base::Join(f.excluded, ", ")) + "</td></tr>\n";
    }
    out += "</table>\n";
  }
  if (!diff.soa.empty()) out += "<h3>Statement of Applicability</h3>\n" + RowsTable(diff.soa);
  if (!diff.roles.empty()) {
    out += "<h3>Roles</h3>\n<table><tr><th>Role</th><th>Duties gained</th><th>Duties lost</th><th>Holders</th></tr>\n";
    for (const RoleChange& r : diff.roles) {
      out += "<tr><td>" + H(r.title) + "</td><td>" + H(base::Join(r.gained, ", ")) + "</td><td>" +
             H(base::Join(r.lost, ", ")) + "</td><td>" +
             (r.old_holders == r.new_holders ? ""
                                             : "<del>" + H(base::JoinEnglish(r.old_holders)) + "</del> <ins>" +
                                                   H(base::JoinEnglish(r.new_holders)) + "</ins>") +
             "</td></tr>\n";
    }
    out += "</table>\n";
  }
  if (!diff.risks.empty()) out += "<h3>Risks</h3>\n" + RowsTable(diff.risks);
  if (!diff.people.empty()) out += "<h3>People</h3>\n" + RowsTable(diff.people);

  for (const DocumentDiff& d : diff.documents) {
    out += "<h2 id=\"" + H(d.id) + "\">" + H(d.new_title) + " <small>(" + H(d.id) + ")</small></h2>\n";
    if (d.old_title != d.new_title) out += "<p>Retitled: <del>" + H(d.old_title) + "</del> <ins>" + H(d.new_title) + "</ins></p>\n";
    out += "<p class=\"sub\">" + H(d.Summary()) + "</p>\n";
    for (const ValueChange& c : d.control) {
      out += "<p>Document control, " + H(c.id) + ": <del>" + H(c.old_value) + "</del> <ins>" + H(c.new_value) +
             "</ins></p>\n";
    }
    if (d.status != DocumentDiff::Status::kChanged) continue;
    // Every item in the new order, the changed ones marked and the runs of
    // unchanged statements folded; removed items where they stood.
    const Document* now = new_pack.FindDocument(d.id);
    const Document* before = old_pack.FindDocument(d.id);
    std::map<std::string, const ItemDiff*> changed;
    std::map<std::string, std::vector<const ItemDiff*>> removed_after;  // previous old item id → removed
    for (const ItemDiff& item : d.items) changed[item.id] = &item;
    if (before) {
      std::string previous;
      for (const Item& item : before->items) {
        auto it = changed.find(item.id);
        if (it != changed.end() && it->second->change == ItemChange::kRemoved) {
          removed_after[previous].push_back(it->second);
        } else {
          previous = item.id;
        }
      }
    }
    std::vector<const Item*> context;
    auto flush = [&] {
      if (context.empty()) return;
      out += "<details class=\"fold\"><summary>" + std::to_string(context.size()) + " unchanged " +
             (context.size() == 1 ? "item" : "items") + "</summary>\n";
      for (const Item* item : context) {
        if (item->kind == Item::Kind::kSection) {
          out += "<h4 class=\"section\">" + H(item->number) + " " + H(item->title) + "</h4>\n";
        } else {
          out += HtmlStatement(item->number, H(PlainText(item->text)), "context", "");
        }
      }
      out += "</details>\n";
      context.clear();
    };
    auto emit_removed = [&](const std::string& after) {
      auto it = removed_after.find(after);
      if (it == removed_after.end()) return;
      flush();
      for (const ItemDiff* r : it->second) out += HtmlItem(*r);
    };
    emit_removed("");
    for (const Item& item : now->items) {
      auto it = changed.find(item.id);
      if (it == changed.end()) {
        context.push_back(&item);
      } else {
        flush();
        out += HtmlItem(*it->second);
      }
      emit_removed(item.id);
    }
    flush();
  }
  out += "</body>\n</html>\n";
  return out;
}

std::string DocxRedlineMarkdown(const PackDiff& diff, const std::string& author, const std::string& date) {
  const Tracked tracked(author, date);
  // No YAML metadata block: titles go in as text, escaped like the rest.
  std::string out = "# " + EscapePandoc("Changes to the " + diff.organisation + " pack") + "\n\n*" +
                    EscapePandoc(diff.old_label + " → " + diff.new_label) + "*\n\n";
  out += EscapePandoc(diff.Empty() ? std::string("No difference.") : Totals(diff) + ".") + "\n\n";
  out += EscapePandoc("Each change below is a tracked change: accept or reject it in Word or LibreOffice "
                      "(Review → Track Changes).") + "\n\n";
  for (const ParameterChange& p : diff.parameters) {
    out += "- " + EscapePandoc("Parameter " + p.value.id + ": ") +
           tracked.Delete(Shown(p.value.old_value)) + " " + tracked.Insert(Shown(p.value.new_value)) + "\n";
  }
  for (const FactChange& f : diff.facts) {
    out += "- " + EscapePandoc("Fact " + f.value.id + ": ") + tracked.Delete(Shown(f.value.old_value)) + " " +
           tracked.Insert(Shown(f.value.new_value)) + "\n";
  }
  out += "\n";
  for (const DocumentDiff& d : diff.documents) {
    out += "## " + EscapePandoc(d.new_title) + "\n\n*" + EscapePandoc(d.id + ": " + d.Summary()) + "*\n\n";
    if (d.status != DocumentDiff::Status::kChanged) continue;
    if (d.old_title != d.new_title) out += EscapePandoc("Title: ") + tracked.Delete(d.old_title) + " " + tracked.Insert(d.new_title) + "\n\n";
    for (const ValueChange& c : d.control) {
      out += EscapePandoc("Document control, " + c.id + ": ") + tracked.Delete(c.old_value) + " " +
             tracked.Insert(c.new_value) + "\n\n";
    }
    for (const ItemDiff& item : d.items) {
      const std::string number = "**" + EscapePandoc(Number(item)) + "** ";
      if (item.kind == Item::Kind::kSection) {
        out += "### " + EscapePandoc(Number(item) + " " + item.title) + "\n\n";
        for (const Block& block : SectionBlocks(item)) {
          if (block.table) {
            out += DocxTable(block, tracked);
            continue;
          }
          for (const LineChange& line : block.lines) {
            if (line.changed) {
              out += tracked.Segments(line.words) + "\n\n";
            } else if (line.op == Op::kDelete && !base::Trim(line.text).empty()) {
              out += tracked.Delete(line.text) + "\n\n";
            } else if (line.op == Op::kInsert && !base::Trim(line.text).empty()) {
              out += tracked.Insert(line.text) + "\n\n";
            }
          }
        }
        continue;
      }
      switch (item.change) {
        case ItemChange::kAdded: out += number + tracked.Insert(PlainText(item.new_text)); break;
        case ItemChange::kRemoved: out += number + tracked.Delete(PlainText(item.old_text)); break;
        case ItemChange::kMoved: out += number + EscapePandoc(PlainText(item.new_text)); break;
        default: out += number + tracked.Segments(WordDiff(PlainText(item.old_text), PlainText(item.new_text))); break;
      }
      const std::string why = base::Trim(Because(item));
      out += (why.empty() ? "" : " *" + EscapePandoc(why) + "*") + "\n\n";
    }
  }
  return out;
}

}  // namespace policyc::diff
