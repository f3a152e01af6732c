#include "diff/redline.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"
#include "diff/report.h"
#include "diff/section_diff.h"

namespace policyc::diff {

using base::LineBreaks;
using base::PlainText;

namespace {

// ---- naming things for a reader ----

/// Something the redline names, with the anchor the HTML redline shows it
/// at ("" when it shows it nowhere of its own).
struct Place {
  std::string text;
  std::string anchor;
};

/// Places under their document's title: "Access Control Policy 3.1 and 3.2".
struct PlaceGroup {
  std::string title;
  std::vector<Place> places;
};

std::string Anchor(const std::string& document, const std::string& item) { return document + "/" + item; }

/// A fact or parameter as a reader knows it: what the library says it is,
/// or its id when the library says nothing.
std::string InWords(const ValueChange& value) { return value.label.empty() ? value.id : value.label; }

/// Names, for a reader, what the diff refers to by id, from the two sides
/// (the new one first).
class Namer {
 public:
  Namer(const PackDiff& diff, const Snapshot& old_pack, const Snapshot& new_pack)
      : old_(old_pack), new_(new_pack) {
    for (const DocumentDiff& d : diff.documents) {
      anchors_.insert(d.id);
      if (d.status != DocumentDiff::Status::kChanged) continue;
      for (const ItemDiff& item : d.items) anchors_.insert(Anchor(d.id, item.id));
    }
  }

  /// Statements ("DOC#ID") by their document's title and number, and
  /// documents ("DOC") by their title.
  std::vector<PlaceGroup> Statements(const std::vector<std::string>& refs) const {
    std::vector<PlaceGroup> groups;
    for (const std::string& ref : refs) {
      const size_t hash = ref.find('#');
      const std::string doc_id = ref.substr(0, hash);
      const Document* doc = new_.FindDocument(doc_id);
      if (!doc) doc = old_.FindDocument(doc_id);
      PlaceGroup& group = GroupFor(groups, doc ? doc->title : doc_id);
      if (hash == std::string::npos) continue;
      const std::string item_id = ref.substr(hash + 1);
      const Item* item = FindItem(doc_id, item_id);
      group.places.push_back({item ? item->number : item_id, Linked(Anchor(doc_id, item_id))});
    }
    return groups;
  }

  /// The derived sections that quote a change, by document.
  std::vector<PlaceGroup> Quotes(const std::vector<Quote>& quotes) const {
    std::vector<PlaceGroup> groups;
    for (const Quote& q : quotes) {
      GroupFor(groups, q.document_title)
          .places.push_back({"section " + q.number + " (" + q.title + ")", Linked(Anchor(q.document, q.section))});
    }
    return groups;
  }

 private:
  static PlaceGroup& GroupFor(std::vector<PlaceGroup>& groups, const std::string& title) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const PlaceGroup& g) { return g.title == title; });
    return it != groups.end() ? *it : groups.emplace_back(PlaceGroup{title, {}});
  }
  const Item* FindItem(const std::string& doc_id, const std::string& item_id) const {
    for (const Snapshot* side : {&new_, &old_}) {
      if (const Document* doc = side->FindDocument(doc_id)) {
        if (const Item* item = doc->Find(item_id)) return item;
      }
    }
    return nullptr;
  }
  std::string Linked(const std::string& anchor) const { return anchors_.count(anchor) ? anchor : ""; }

  const Snapshot& old_;
  const Snapshot& new_;
  std::set<std::string> anchors_;  ///< where the HTML redline has an id
};

/// "Quotes the change to " or "Quotes the changes to ", as `refs` needs.
std::string QuotesLead(const std::vector<std::string>& refs, bool also) {
  return std::string(also ? "Also quotes " : "Quotes ") + (refs.size() == 1 ? "the change to " : "the changes to ");
}

std::string TextPlaces(const std::vector<PlaceGroup>& groups) {
  std::vector<std::string> parts;
  for (const PlaceGroup& g : groups) {
    std::vector<std::string> texts;
    for (const Place& p : g.places) texts.push_back(p.text);
    parts.push_back(g.title + (texts.empty() ? "" : " " + base::JoinEnglish(texts)));
  }
  return base::Join(parts, "; ");
}

/// A document's state on one side: "version 2.0 (approved 2026-11-01)" or
/// "version 2.0 draft (not yet approved)".
std::string VersionWords(const Document& doc) {
  if (doc.draft) {
    return doc.version.empty() ? "a draft (not yet approved)" : "version " + doc.version + " draft (not yet approved)";
  }
  if (doc.version.empty()) return "";
  return "version " + doc.version + (doc.approval_date.empty() ? "" : " (approved " + doc.approval_date + ")");
}

/// "From version 1.0 (approved 2026-11-01) to a draft (not yet approved)."
std::string VersionLine(const Document* before, const Document* now) {
  const std::string was = before ? VersionWords(*before) : "", is = now ? VersionWords(*now) : "";
  if (before && now && before->draft && now->draft) return "Not yet approved on either side.";
  if (!was.empty() && !is.empty()) return "From " + was + " to " + is + ".";
  if (!is.empty()) return "Now " + is + ".";
  if (!was.empty()) return "Was " + was + ".";
  return "";
}

/// Why a reader sees an item here: "reworded (the minimum length …: 12 → 14)".
std::string Why(const ItemDiff& item) { return std::string(ItemChangeName(item)) + Because(item, Wording::kReader); }

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

std::string HtmlPlaces(const std::vector<PlaceGroup>& groups) {
  std::vector<std::string> parts;
  for (const PlaceGroup& g : groups) {
    std::vector<std::string> links;
    for (const Place& p : g.places) {
      links.push_back(p.anchor.empty() ? H(p.text) : "<a href=\"#" + H(p.anchor) + "\">" + H(p.text) + "</a>");
    }
    parts.push_back(H(g.title) + (links.empty() ? "" : " " + base::JoinEnglish(links)));
  }
  return base::Join(parts, "; ");
}

/// A heading for an item at `depth` under a document's h2: h3 at the top,
/// one level deeper for each section it sits in (h6 at most), so that the
/// outline never skips a level.
std::string HeadingTag(int depth) { return "h" + std::to_string(std::min(6, 3 + depth)); }

/// A run of rows not shown: unchanged ones, or ones that only quote a
/// statement's change (shown with the statement).
std::string FoldRow(size_t columns, size_t count, bool quoted) {
  const std::string what = quoted ? (count == 1 ? " row quotes a change shown with its statement"
                                                : " rows quote changes shown with their statements")
                                  : (count == 1 ? " unchanged row" : " unchanged rows");
  return "<tr class=\"fold\"><td colspan=\"" + std::to_string(columns) + "\">⋯ " + std::to_string(count) + what +
         "</td></tr>\n";
}

std::string HtmlTable(const Block& block) {
  std::string out = "<table class=\"redline\">\n<tr>";
  for (const std::string& h : block.header) out += "<th>" + H(h) + "</th>";
  out += "</tr>\n";
  const size_t columns = std::max<size_t>(1, block.header.size());
  auto unchanged = [&](size_t k) { return block.rows[k].op == Op::kEqual && !block.rows[k].changed; };
  auto quoted = [&](size_t k) { return !block.rows[k].quotes.empty(); };
  size_t k = 0;
  while (k < block.rows.size()) {
    if (unchanged(k) || quoted(k)) {
      const bool is_quote = quoted(k);
      size_t end = k;
      while (end < block.rows.size() && (is_quote ? quoted(end) : unchanged(end))) ++end;
      out += FoldRow(columns, end - k, is_quote);
      k = end;
      continue;
    }
    const TableRow& row = block.rows[k];
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

/// A section's prose with the changes marked, runs of unchanged lines
/// folded and lines that only quote a statement's change left to it.
std::string HtmlProse(const Block& block) {
  const auto& lines = block.lines;
  std::string prose;
  size_t k = 0;
  while (k < lines.size()) {
    if (lines[k].op == Op::kEqual && !lines[k].changed) {
      size_t end = k;
      while (end < lines.size() && lines[end].op == Op::kEqual && !lines[end].changed) ++end;
      const size_t run = end - k;
      if (run > 2) prose += "<details class=\"fold\"><summary>" + std::to_string(run) + " unchanged lines</summary>\n";
      for (size_t i = k; i < end; ++i) prose += "<div class=\"line\">" + H(lines[i].text) + "</div>\n";
      if (run > 2) prose += "</details>\n";
      k = end;
      continue;
    }
    const LineChange& line = lines[k];
    if (!block.line_quotes[k].empty()) {
      prose += "<div class=\"line quoted\">⋯ quotes a change shown with its statement</div>\n";
    } else if (line.changed) {
      prose += "<div class=\"line changed\">" + HtmlSegments(line.words) + "</div>\n";
    } else if (line.op == Op::kDelete) {
      prose += "<div class=\"line\"><del>" + H(line.text) + "</del></div>\n";
    } else {
      prose += "<div class=\"line\"><ins>" + H(line.text) + "</ins></div>\n";
    }
    ++k;
  }
  return base::Trim(prose).empty() ? "" : "<div class=\"lines\">\n" + prose + "</div>\n";
}

/// Writes the HTML redline; holds what every part of it needs.
class HtmlWriter {
 public:
  HtmlWriter(const PackDiff& diff, const Snapshot& old_pack, const Snapshot& new_pack)
      : diff_(diff), old_(old_pack), new_(new_pack), namer_(diff, old_pack, new_pack), quotations_(diff) {}

  std::string Page() const;

 private:
  std::string Head() const;
  std::string Summary() const;
  std::string RowsTable(const std::vector<RowChange>& rows, const char* id_header, const char* title_header) const;
  std::string DocumentPart(const DocumentDiff& d) const;
  std::string Statement(const DocumentDiff& d, const ItemDiff& item) const;
  std::string Section(const DocumentDiff& d, const ItemDiff& item) const;

  const PackDiff& diff_;
  const Snapshot& old_;
  const Snapshot& new_;
  Namer namer_;
  Quotations quotations_;
};

constexpr const char* kCss = R"(body{font-family:var(--font);max-width:60rem;margin:0 auto;padding:0 1rem 2rem;color:#1b1b1b;line-height:1.45}
.site-header{display:flex;justify-content:space-between;align-items:center;background:var(--brand);color:#fff;padding:.6rem 1rem;margin:0 -1rem}
.site-header .org{font-weight:bold;display:inline-flex;align-items:center;gap:.6rem}.site-header .logo{height:2rem;background:#fff;padding:.15rem;border-radius:3px}
.site-header .kind{text-transform:uppercase;letter-spacing:.06em;font-size:.78rem;border:1px solid currentColor;padding:.1rem .45rem;border-radius:3px}
h1{font-size:1.6rem;margin:1.5rem 0 .4rem;color:var(--brand)}h2{border-bottom:2px solid var(--brand);padding-bottom:.2rem;margin-top:2rem}
.sub{color:#555;margin-top:0}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
table.sides{width:auto}table.sides th{background:none;border:0;padding-left:0}table.sides td{border:0}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#eef3f8}
a{color:var(--brand)}
ins{background:#d7f5dd;color:#0b4d1a;text-decoration:underline}del{background:#fbe0e0;color:#7a1010}
.st{display:flex;gap:.8rem;margin:.5rem 0;padding:.4rem .6rem;border-left:4px solid #ccc}
.st.added{border-color:#2e9e4f}.st.removed{border-color:#c0392b}.st.changed{border-color:#d68910}.st.moved{border-color:#7d8ca3}
.st.context{border-color:#eee;color:#555}.no{font-weight:bold;min-width:3rem}.body{white-space:pre-wrap}.why,.also{white-space:normal;font-size:.85rem;color:#555;margin-top:.2rem}
.quotes{font-size:.9rem;color:#555;font-style:italic;margin:.2rem 0 .8rem}
.lines{font-family:"DejaVu Sans Mono",monospace;font-size:.8rem;white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:.4rem}
.line.changed{background:#fff8e6}.line.quoted{color:#555;font-style:italic}details.fold summary{color:#555;cursor:pointer;font-family:var(--font)}
.badge{display:inline-block;border-radius:.3rem;padding:0 .4rem;font-size:.8rem;color:#fff;background:#7d8ca3}
.badge.added{background:#2e9e4f}.badge.removed{background:#c0392b}.badge.changed{background:#d68910}
table.redline td{font-size:.85rem}tr.fold td{color:#555;background:#fafafa;font-style:italic}
.section{margin:.8rem 0 .3rem}.section small{font-weight:normal;color:#555}
@media print{details.fold{display:none}.site-header{margin:0;background:none;color:var(--brand);border-bottom:2px solid var(--brand)}}
)";

/// Text fit to go inside a CSS string or value: no quotes, escapes or
/// anything that could end the rule.
std::string CssSafe(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\"'\\<>;{}").find(c) == std::string_view::npos) out += c;
  }
  return out;
}

std::string HtmlWriter::Head() const {
  const std::string organisation = new_.organisation.empty() ? new_.profile : new_.organisation;
  std::string out = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Changes to the " +
                    H(organisation) + " pack</title>\n";
  // The pack's branding, as its own pages have it.
  const std::string colour = CssSafe(new_.primary_colour.empty() ? "#1F4E79" : new_.primary_colour);
  const std::string font = CssSafe(new_.font);
  out += "<style>\n:root{--brand:" + colour + ";--font:" + (font.empty() ? "" : "\"" + font + "\",") +
         "\"DejaVu Sans\",Arial,sans-serif}\n" + kCss + "</style>\n</head>\n<body>\n";
  out += "<header class=\"site-header\"><span class=\"org\">";
  if (!new_.logo.empty()) {
    const std::string type = new_.logo_format == "svg" ? "image/svg+xml" : "image/png";
    out += "<img class=\"logo\" src=\"data:" + type + ";base64," + base::Base64(new_.logo) + "\" alt=\"\">";
  }
  out += H(organisation) + "</span><span class=\"kind\">Changes</span></header>\n<main>\n";
  out += "<h1>Changes to the " + H(organisation) + " pack</h1>\n";
  out += "<table class=\"sides\"><tr><th scope=\"row\">From</th><td>" + H(diff_.old_name) +
         "</td></tr>\n<tr><th scope=\"row\">To</th><td>" + H(diff_.new_name) + "</td></tr></table>\n";
  return out;
}

std::string HtmlWriter::RowsTable(const std::vector<RowChange>& rows, const char* id_header,
                                  const char* title_header) const {
  const bool ids = id_header[0] != '\0';
  std::string out = "<table><tr>" + (ids ? "<th>" + std::string(id_header) + "</th>" : "") + "<th>" + title_header +
                    "</th><th>Change</th></tr>\n";
  for (const RowChange& r : rows) {
    std::string change;
    if (r.status != RowChange::Status::kChanged) {
      change = RowStatusName(r.status);
    } else {
      for (const ValueChange& f : r.fields) {
        change += "<div><b>" + H(f.id) + "</b>: " +
                  HtmlSegments(WordDiff(PlainText(f.old_value, LineBreaks::kKeep),
                                        PlainText(f.new_value, LineBreaks::kKeep))) +
                  "</div>";
      }
    }
    out += "<tr>" + (ids ? "<td>" + H(r.id) + "</td>" : "") + "<td>" +
           H(PlainText(r.title, LineBreaks::kKeep)) + "</td><td>" + change + "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string HtmlWriter::Summary() const {
  std::string out =
      "<h2>Summary</h2>\n<p>" + H(diff_.Empty() ? std::string("No difference.") : Totals(diff_) + ".") + "</p>\n";
  if (!diff_.documents.empty()) {
    out += "<table><tr><th>Document</th><th>Change</th><th>Statements</th><th>Summary</th></tr>\n";
    for (const DocumentDiff& d : diff_.documents) {
      const std::string status = StatusName(d.status);
      out += "<tr><td><a href=\"#" + H(d.id) + "\">" + H(d.new_title) + "</a>" +
             (d.derived ? " <small>(derived)</small>" : "") + "</td><td><span class=\"badge " + status + "\">" +
             status + "</span>" +
             (d.status == DocumentDiff::Status::kChanged && !d.obligations_changed ? " editorial" : "") +
             "</td><td>" + H(StatementsLine(d)) + "</td><td>" + H(d.Summary(Wording::kReader)) + "</td></tr>\n";
    }
    out += "</table>\n";
  }
  if (!diff_.parameters.empty()) {
    out += "<h3>Parameters</h3>\n<table><tr><th>Parameter</th><th>Was</th><th>Now</th><th>Statements reworded</th></tr>\n";
    for (const ParameterChange& p : diff_.parameters) {
      out += "<tr><td>" + H(InWords(p.value)) + "</td><td><del>" + H(Shown(p.value.old_value)) + "</del></td><td><ins>" +
             H(Shown(p.value.new_value)) + "</ins></td><td>" + HtmlPlaces(namer_.Statements(p.statements)) +
             "</td></tr>\n";
    }
    out += "</table>\n";
  }
  if (!diff_.facts.empty()) {
    out += "<h3>Facts</h3>\n<table><tr><th>Fact</th><th>Was</th><th>Now</th><th>Now included</th><th>Now left out</th></tr>\n";
    for (const FactChange& f : diff_.facts) {
      out += "<tr><td>" + H(InWords(f.value)) + "</td><td><del>" + H(Shown(f.value.old_value)) + "</del></td><td><ins>" +
             H(Shown(f.value.new_value)) + "</ins></td><td>" + HtmlPlaces(namer_.Statements(f.included)) +
             "</td><td>" + HtmlPlaces(namer_.Statements(f.excluded)) + "</td></tr>\n";
    }
    out += "</table>\n";
  }
  if (!diff_.soa.empty()) out += "<h3>Statement of Applicability</h3>\n" + RowsTable(diff_.soa, "Control", "Title");
  if (!diff_.crosswalk.empty()) {
    out += "<h3>Framework crosswalk</h3>\n" + RowsTable(diff_.crosswalk, "Requirement", "Title");
  }
  if (!diff_.roles.empty()) {
    out += "<h3>Roles</h3>\n<table><tr><th>Role</th><th>Duties gained</th><th>Duties lost</th><th>Holders</th></tr>\n";
    for (const RoleChange& r : diff_.roles) {
      out += "<tr><td>" + H(r.title) + "</td><td>" + HtmlPlaces(namer_.Statements(r.gained)) + "</td><td>" +
             HtmlPlaces(namer_.Statements(r.lost)) + "</td><td>" +
             (r.old_holders == r.new_holders ? ""
                                             : "<del>" + H(base::JoinEnglish(r.old_holders)) + "</del> <ins>" +
                                                   H(base::JoinEnglish(r.new_holders)) + "</ins>") +
             "</td></tr>\n";
    }
    out += "</table>\n";
  }
  if (!diff_.risks.empty()) out += "<h3>Risks</h3>\n" + RowsTable(diff_.risks, "Risk", "Threat");
  // People by name: their ids are the profile's business.
  if (!diff_.people.empty()) out += "<h3>People</h3>\n" + RowsTable(diff_.people, "", "Person");
  return out;
}

std::string HtmlWriter::Statement(const DocumentDiff& d, const ItemDiff& item) const {
  const std::string old_text = PlainText(item.old_text, LineBreaks::kKeep);
  const std::string new_text = PlainText(item.new_text, LineBreaks::kKeep);
  std::string body, css;
  switch (item.change) {
    case ItemChange::kAdded: body = "<ins>" + H(new_text) + "</ins>", css = "added"; break;
    case ItemChange::kRemoved: body = "<del>" + H(old_text) + "</del>", css = "removed"; break;
    case ItemChange::kMoved: body = H(new_text), css = "moved"; break;
    default: body = HtmlSegments(WordDiff(old_text, new_text)), css = "changed"; break;
  }
  std::string notes = "<div class=\"why\">" + H(Why(item)) + "</div>";
  if (!item.quoted_in.empty()) {
    notes += "<div class=\"also\">Also appears in " + HtmlPlaces(namer_.Quotes(item.quoted_in)) + ".</div>";
  }
  return "<div class=\"st " + css + "\" id=\"" + H(Anchor(d.id, item.id)) + "\"><span class=\"no\">" +
         H(ItemNumber(item)) + "</span><div class=\"body\">" + body + notes + "</div></div>\n";
}

std::string HtmlWriter::Section(const DocumentDiff& d, const ItemDiff& item) const {
  const std::string tag = HeadingTag(item.depth);
  std::string out = "<" + tag + " class=\"section " + ChangeName(item.change) + "\" id=\"" +
                    H(Anchor(d.id, item.id)) + "\">" + H(ItemNumber(item)) + " " + H(item.title) +
                    " <small>section " + H(Why(item)) + "</small></" + tag + ">\n";
  const std::string quotes = HtmlPlaces(namer_.Statements(item.quotes));
  if (item.quotes_only) return out + "<p class=\"quotes\">" + QuotesLead(item.quotes, false) + quotes + ", shown there.</p>\n";
  if (item.old_text == item.new_text && item.change != ItemChange::kAdded && item.change != ItemChange::kRemoved &&
      SameTables(item.old_tables, item.new_tables)) {
    return out;
  }
  for (const Block& block : SectionBlocks(item, &quotations_)) out += block.table ? HtmlTable(block) : HtmlProse(block);
  if (!item.quotes.empty()) out += "<p class=\"quotes\">" + QuotesLead(item.quotes, true) + quotes + ", shown there.</p>\n";
  return out;
}

std::string HtmlWriter::DocumentPart(const DocumentDiff& d) const {
  const Document* now = new_.FindDocument(d.id);
  const Document* before = old_.FindDocument(d.id);
  std::string out = "<h2 id=\"" + H(d.id) + "\">" + H(d.new_title) + " <small>(" + H(d.id) + ")</small></h2>\n";
  if (const std::string versions = VersionLine(before, now); !versions.empty()) {
    out += "<p class=\"sub\">" + H(versions) + "</p>\n";
  }
  if (d.old_title != d.new_title) {
    out += "<p>Retitled: <del>" + H(d.old_title) + "</del> <ins>" + H(d.new_title) + "</ins></p>\n";
  }
  for (const ValueChange& c : d.control) {
    out += "<p>Document control, " + H(c.id) + ": " + HtmlSegments(WordDiff(c.old_value, c.new_value)) + "</p>\n";
  }
  out += "<p class=\"sub\">" + H(d.Summary(Wording::kReader)) + "</p>\n";
  if (d.status != DocumentDiff::Status::kChanged || !now) return out;
  // Every item in the new order, the changed ones marked and the runs of
  // unchanged statements folded; removed items where they stood.
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
  auto item_html = [&](const ItemDiff& item) {
    return item.kind == Item::Kind::kSection ? Section(d, item) : Statement(d, item);
  };
  std::vector<const Item*> context;
  auto flush = [&] {
    if (context.empty()) return;
    out += "<details class=\"fold\"><summary>" + std::to_string(context.size()) + " unchanged " +
           (context.size() == 1 ? "item" : "items") + "</summary>\n";
    for (const Item* item : context) {
      if (item->kind == Item::Kind::kSection) {
        const std::string tag = HeadingTag(now->Depth(*item));
        out += "<" + tag + " class=\"section\">" + H(item->number) + " " + H(item->title) + "</" + tag + ">\n";
      } else {
        out += "<div class=\"st context\"><span class=\"no\">" + H(item->number) +
               "</span><div class=\"body\">" + H(PlainText(item->text, LineBreaks::kKeep)) +
               "</div></div>\n";
      }
    }
    out += "</details>\n";
    context.clear();
  };
  auto emit_removed = [&](const std::string& after) {
    auto it = removed_after.find(after);
    if (it == removed_after.end()) return;
    flush();
    for (const ItemDiff* r : it->second) out += item_html(*r);
  };
  emit_removed("");
  for (const Item& item : now->items) {
    auto it = changed.find(item.id);
    if (it == changed.end()) {
      context.push_back(&item);
    } else {
      flush();
      out += item_html(*it->second);
    }
    emit_removed(item.id);
  }
  flush();
  return out;
}

std::string HtmlWriter::Page() const {
  std::string out = Head() + Summary();
  for (const DocumentDiff& d : diff_.documents) out += DocumentPart(d);
  return out + "</main>\n</body>\n</html>\n";
}

// ---- Pandoc Markdown ----

/// Escapes every ASCII punctuation character, which Pandoc's Markdown
/// allows, so that text is never read as markup.
std::string EscapePandoc(const std::string& text) {
  std::string out;
  for (char c : text) {
    // Any line break (Pandoc reads CR as one too) would let a quoted line
    // start a block of its own, such as a raw ```{=openxml} block.
    if (c == '\n' || c == '\r') {
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

/// Insertions and deletions as Pandoc spans that become Word tracked
/// changes by one author on one date.
class Tracked {
 public:
  Tracked(const std::string& author, const std::string& date)
      : attributes_(" author=\"" + AttributeSafe(author) + "\" date=\"" + AttributeSafe(date) + "T00:00:00Z\"") {}
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
  /// A quoted attribute value ends at a quote, and a backslash or a line
  /// break could end it early: none of them goes in, nor any control
  /// character. SnapshotFromJson checks the dates already; this holds for
  /// whatever reaches here.
  static std::string AttributeSafe(const std::string& text) {
    std::string out;
    for (char c : text) {
      if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
    }
    return out;
  }
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
/// Rows that only quote a statement's change are left to the statement.
std::string DocxTable(const Block& block, const Tracked& tracked) {
  std::string out;
  size_t unchanged = 0, quoted = 0;
  auto label = [&](const std::vector<std::string>& cells) {
    // An id in the first column reads better with the title after it; an
    // empty first cell (a register repeats no document title) gives way.
    std::vector<std::string> key;
    for (size_t i = 0; i < std::min<size_t>(2, cells.size()); ++i) {
      if (!base::Trim(cells[i]).empty()) key.push_back(std::string(base::Trim(cells[i])));
      if (i == 0 && !key.empty() && cells[0].size() > 12) break;
    }
    return key.empty() ? std::string() : "**" + EscapePandoc(base::Join(key, " ")) + "**";
  };
  auto column = [&](size_t i) {
    return i < block.header.size() && !block.header[i].empty() ? block.header[i] : "column " + std::to_string(i + 1);
  };
  for (const TableRow& row : block.rows) {
    if (row.op == Op::kEqual && !row.changed) {
      ++unchanged;
      continue;
    }
    if (!row.quotes.empty()) {
      ++quoted;
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
  std::vector<std::string> not_shown;
  if (unchanged > 0) not_shown.push_back(std::to_string(unchanged) + (unchanged == 1 ? " unchanged row" : " unchanged rows"));
  if (quoted > 0) {
    not_shown.push_back(std::to_string(quoted) + (quoted == 1 ? " row quoting a change shown with its statement"
                                                              : " rows quoting changes shown with their statements"));
  }
  if (!not_shown.empty()) out += "*" + EscapePandoc(base::JoinEnglish(not_shown) + " not shown.") + "*\n\n";
  return out;
}

/// Writes the DOCX redline's Markdown; holds what every part of it needs.
class DocxWriter {
 public:
  DocxWriter(const PackDiff& diff, const Snapshot& old_pack, const Snapshot& new_pack)
      : diff_(diff),
        old_(old_pack),
        new_(new_pack),
        namer_(diff, old_pack, new_pack),
        quotations_(diff),
        author_(new_pack.organisation.empty() ? new_pack.profile : new_pack.organisation) {}

  std::string Markdown() const;

 private:
  std::string PackChanges() const;
  std::string Rows(const char* heading, const std::vector<RowChange>& rows, bool ids, const Tracked& tracked) const;
  std::string DocumentPart(const DocumentDiff& d) const;
  std::string SectionPart(const ItemDiff& item, const Tracked& tracked) const;

  const PackDiff& diff_;
  const Snapshot& old_;
  const Snapshot& new_;
  Namer namer_;
  Quotations quotations_;
  std::string author_;
};

std::string DocxWriter::Rows(const char* heading, const std::vector<RowChange>& rows, bool ids,
                             const Tracked& tracked) const {
  if (rows.empty()) return "";
  std::string out = std::string("## ") + heading + "\n\n";
  for (const RowChange& r : rows) {
    const std::string name = (ids ? r.id + " " : "") + PlainText(r.title, LineBreaks::kKeep);
    out += "- **" + EscapePandoc(name) + "**";
    if (r.status == RowChange::Status::kAdded) out += " " + tracked.Insert("added");
    if (r.status == RowChange::Status::kRemoved) out += " " + tracked.Delete("removed");
    for (const ValueChange& f : r.fields) {
      out += "\\\n  *" + EscapePandoc(f.id) + ":* " +
             tracked.Segments(WordDiff(PlainText(f.old_value, LineBreaks::kKeep),
                                       PlainText(f.new_value, LineBreaks::kKeep)));
    }
    out += "\n";
  }
  return out + "\n";
}

std::string DocxWriter::PackChanges() const {
  const Tracked tracked(author_, ChangeDate(new_, ""));
  std::string out;
  if (!diff_.parameters.empty()) {
    out += "## Parameters\n\n";
    for (const ParameterChange& p : diff_.parameters) {
      out += "- " + EscapePandoc(InWords(p.value) + ": ") + tracked.Delete(Shown(p.value.old_value)) + " " +
             tracked.Insert(Shown(p.value.new_value));
      if (!p.statements.empty()) out += EscapePandoc("; rewords " + TextPlaces(namer_.Statements(p.statements)));
      out += "\n";
    }
    out += "\n";
  }
  if (!diff_.facts.empty()) {
    out += "## Facts\n\n";
    for (const FactChange& f : diff_.facts) {
      out += "- " + EscapePandoc(InWords(f.value) + ": ") + tracked.Delete(Shown(f.value.old_value)) + " " +
             tracked.Insert(Shown(f.value.new_value)) + "\n";
    }
    out += "\n";
  }
  out += Rows("Statement of Applicability", diff_.soa, true, tracked);
  out += Rows("Framework crosswalk", diff_.crosswalk, true, tracked);
  if (!diff_.roles.empty()) {
    out += "## Roles\n\n";
    for (const RoleChange& r : diff_.roles) {
      out += "- **" + EscapePandoc(r.title) + "**";
      if (r.old_holders != r.new_holders) {
        out += "\\\n  *held by:* " + tracked.Delete(Shown(base::JoinEnglish(r.old_holders))) + " " +
               tracked.Insert(Shown(base::JoinEnglish(r.new_holders)));
      }
      if (!r.gained.empty()) out += "\\\n  *" + EscapePandoc("gains duties in: " + TextPlaces(namer_.Statements(r.gained))) + "*";
      if (!r.lost.empty()) out += "\\\n  *" + EscapePandoc("loses duties in: " + TextPlaces(namer_.Statements(r.lost))) + "*";
      out += "\n";
    }
    out += "\n";
  }
  out += Rows("Risks", diff_.risks, true, tracked);
  out += Rows("People", diff_.people, false, tracked);
  return out;
}

std::string DocxWriter::SectionPart(const ItemDiff& item, const Tracked& tracked) const {
  std::string out = std::string(static_cast<size_t>(std::min(6, 3 + item.depth)), '#') + " " +
                    EscapePandoc(ItemNumber(item) + " " + item.title) + "\n\n";
  const std::string quotes = TextPlaces(namer_.Statements(item.quotes));
  if (item.quotes_only) return out + "*" + EscapePandoc(QuotesLead(item.quotes, false) + quotes + ", shown there.") + "*\n\n";
  for (const Block& block : SectionBlocks(item, &quotations_)) {
    if (block.table) {
      out += DocxTable(block, tracked);
      continue;
    }
    for (size_t k = 0; k < block.lines.size(); ++k) {
      const LineChange& line = block.lines[k];
      if (!block.line_quotes[k].empty()) continue;  // shown with its statement
      if (line.changed) {
        out += tracked.Segments(line.words) + "\n\n";
      } else if (line.op == Op::kDelete && !base::Trim(line.text).empty()) {
        out += tracked.Delete(line.text) + "\n\n";
      } else if (line.op == Op::kInsert && !base::Trim(line.text).empty()) {
        out += tracked.Insert(line.text) + "\n\n";
      }
    }
  }
  if (!item.quotes.empty()) out += "*" + EscapePandoc(QuotesLead(item.quotes, true) + quotes + ", shown there.") + "*\n\n";
  return out;
}

std::string DocxWriter::DocumentPart(const DocumentDiff& d) const {
  const Tracked tracked(author_, ChangeDate(new_, d.id));
  std::string out = "## " + EscapePandoc(d.new_title) + "\n\n";
  const std::string versions = VersionLine(old_.FindDocument(d.id), new_.FindDocument(d.id));
  out += "*" + EscapePandoc((versions.empty() ? "" : versions + " ") + d.Summary(Wording::kReader)) + "*\n\n";
  if (d.status != DocumentDiff::Status::kChanged) return out;
  if (d.old_title != d.new_title) {
    out += EscapePandoc("Title: ") + tracked.Delete(d.old_title) + " " + tracked.Insert(d.new_title) + "\n\n";
  }
  for (const ValueChange& c : d.control) {
    out += EscapePandoc("Document control, " + c.id + ": ") + tracked.Segments(WordDiff(c.old_value, c.new_value)) +
           "\n\n";
  }
  for (const ItemDiff& item : d.items) {
    if (item.kind == Item::Kind::kSection) {
      out += SectionPart(item, tracked);
      continue;
    }
    out += "**" + EscapePandoc(ItemNumber(item)) + "** ";
    const std::string old_text = PlainText(item.old_text, LineBreaks::kKeep);
    const std::string new_text = PlainText(item.new_text, LineBreaks::kKeep);
    switch (item.change) {
      case ItemChange::kAdded: out += tracked.Insert(new_text); break;
      case ItemChange::kRemoved: out += tracked.Delete(old_text); break;
      case ItemChange::kMoved: out += EscapePandoc(new_text); break;
      default: out += tracked.Segments(WordDiff(old_text, new_text)); break;
    }
    const std::string why = base::Trim(Because(item, Wording::kReader));
    out += (why.empty() ? "" : " *" + EscapePandoc(why) + "*") + "\n\n";
    if (!item.quoted_in.empty()) {
      out += "*" + EscapePandoc("Also appears in " + TextPlaces(namer_.Quotes(item.quoted_in)) + ".") + "*\n\n";
    }
  }
  return out;
}

std::string DocxWriter::Markdown() const {
  // No YAML metadata block: titles go in as text, escaped like the rest.
  std::string out = "# " + EscapePandoc("Changes to the " + author_ + " pack") + "\n\n";
  out += "**From:** " + EscapePandoc(diff_.old_name) + "\\\n**To:** " + EscapePandoc(diff_.new_name) + "\n\n";
  out += EscapePandoc(diff_.Empty() ? std::string("No difference.") : Totals(diff_) + ".") + "\n\n";
  out += EscapePandoc("Each change below is a tracked change: accept or reject it in Word or LibreOffice "
                      "(Review → Track Changes). A change a derived document only quotes is shown once, with "
                      "the statement it quotes.") +
         "\n\n";
  out += PackChanges();
  for (const DocumentDiff& d : diff_.documents) out += DocumentPart(d);
  return out;
}

}  // namespace

std::string ChangeDate(const Snapshot& new_pack, const std::string& document) {
  if (const Document* doc = document.empty() ? nullptr : new_pack.FindDocument(document)) {
    if (!doc->draft && !doc->approval_date.empty()) return doc->approval_date;
    return new_pack.as_of.empty() ? "2000-01-01" : new_pack.as_of;
  }
  const std::string last = new_pack.LastReleaseDate();
  if (new_pack.Released() && !last.empty()) return last;
  return new_pack.as_of.empty() ? "2000-01-01" : new_pack.as_of;
}

std::string HtmlRedline(const PackDiff& diff, const Snapshot& old_pack, const Snapshot& new_pack) {
  return HtmlWriter(diff, old_pack, new_pack).Page();
}

std::string DocxRedlineMarkdown(const PackDiff& diff, const Snapshot& old_pack, const Snapshot& new_pack) {
  return DocxWriter(diff, old_pack, new_pack).Markdown();
}

model::ResolvedPack RedlineBranding(const Snapshot& pack) {
  model::ResolvedPack shell;
  shell.organisation.name = pack.organisation;
  shell.organisation.legal_name = pack.legal_name.empty() ? pack.organisation : pack.legal_name;
  if (!pack.primary_colour.empty()) shell.branding.primary_colour = pack.primary_colour;
  shell.branding.font = pack.font;
  shell.branding.logo_format = pack.logo_format;
  model::ResolvedDocument doc;
  doc.id = "redline";
  doc.title = "Changes to the pack";
  doc.version = pack.as_of;
  doc.classification = "internal";
  doc.draft = false;
  shell.documents.push_back(doc);
  return shell;
}

std::string RedlineFooter(const Snapshot& old_pack, const Snapshot& new_pack) {
  return "Changes: " + SideDate(old_pack) + " → " + SideDate(new_pack);
}

}  // namespace policyc::diff
