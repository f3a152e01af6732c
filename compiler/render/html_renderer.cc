#include "render/html_renderer.h"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <utility>

#include "base/strings.h"
#include "render/checked_template.h"
#include "render/links.h"
#include "render/markdown.h"
#include "render/page_geometry.h"
#include "render/table_layout.h"
#include "render/slide_deck.h"

namespace policyc::render {

using base::EscapeHtml;
using kainjow::mustache::data;
using kainjow::mustache::mustache;
using model::ResolvedDocument;
using model::ResolvedSection;
using model::ResolvedStatement;

std::optional<Templates> LoadTemplates(const base::FileSystem& fs, const std::string& dir,
                                       base::DiagnosticSink& sink) {
  Templates t;
  bool ok = true;
  auto read = [&](const char* name, std::string* into) {
    std::string error;
    auto bytes = fs.ReadFile(base::JoinPath(dir, name), &error);
    if (!bytes) {
      sink.Report(base::DiagKind::kIoError, base::SourceLoc{base::JoinPath(dir, name)},
                  "cannot read template: " + error);
      ok = false;
      return;
    }
    *into = std::move(*bytes);
  };
  read("html/document.mustache", &t.document_page);
  read("html/index.mustache", &t.index_page);
  read("html/style.css", &t.style_css);
  read("print/document.mustache", &t.print_document);
  read("print/print.mustache.css", &t.print_css);
  for (const auto& [name, text] : {std::pair{"html/document.mustache", &t.document_page},
                                   std::pair{"html/index.mustache", &t.index_page},
                                   std::pair{"print/document.mustache", &t.print_document},
                                   std::pair{"print/print.mustache.css", &t.print_css}}) {
    ok &= text->empty() || CheckTemplate(base::JoinPath(dir, name), *text, sink);
  }
  // The parts of a reference document: [Content_Types].xml first, as Word
  // and PowerPoint expect; the rest sorted.
  auto read_parts = [&](const char* folder, const char* what,
                        std::vector<std::pair<std::string, std::string>>* into) {
    const std::string reference = base::JoinPath(dir, folder);
    std::vector<std::string> parts = fs.ListFiles(reference, "");
    std::stable_partition(parts.begin(), parts.end(),
                          [](const std::string& p) { return p.find("[Content_Types].xml") != std::string::npos; });
    for (const std::string& part : parts) {
      std::string error;
      auto bytes = fs.ReadFile(part, &error);
      if (!bytes) {
        sink.Report(base::DiagKind::kIoError, base::SourceLoc{part}, "cannot read template: " + error);
        ok = false;
        continue;
      }
      into->emplace_back(part.substr(reference.size() + 1), std::move(*bytes));
    }
    if (into->empty()) {
      sink.Report(base::DiagKind::kIoError, base::SourceLoc{reference},
                  std::string("the reference ") + what + " parts are missing; is the templates folder complete?");
      ok = false;
    }
  };
  read_parts("docx/reference", "DOCX", &t.docx_reference);
  read_parts("pptx/reference", "PPTX", &t.pptx_reference);
  if (!ok) return std::nullopt;
  return t;
}

namespace {

/// Text for a CSS string literal, safe in a stylesheet and inside an HTML
/// <style> element: quotes and backslashes escaped, and every control
/// character (a line feed, carriage return or form feed would end the
/// string and let the rest of the text be read as rules) and '<' (which
/// could close the <style> element) written as a hexadecimal escape.
std::string CssString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F || c == '<') {
      static constexpr char kHex[] = "0123456789abcdef";
      out += '\\';
      if (byte >= 0x10) out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
      out += ' ';
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// True when a section holds a table laid out on landscape pages: such a
/// document is landscape in DOCX and PDF.
bool HasWideTable(const ResolvedDocument& doc) {
  std::function<bool(const ResolvedSection&)> wide = [&](const ResolvedSection& s) {
    for (const model::Table& table : s.tables) {
      if (table.landscape) return true;
    }
    for (const auto& item : s.items) {
      if (const auto* sub = std::get_if<ResolvedSection>(&item); sub && wide(*sub)) return true;
    }
    return false;
  };
  return std::any_of(doc.sections.begin(), doc.sections.end(), wide);
}

/// Puts the statement number inside the statement's first paragraph.
std::string NumberedHtml(const std::string& html, const std::string& number) {
  const std::string badge = "<span class=\"stmt-no\">" + EscapeHtml(number) + "</span> ";
  if (html.rfind("<p>", 0) == 0) return "<p>" + badge + html.substr(3);
  return "<p class=\"stmt-no-line\">" + badge + "</p>\n" + html;
}

/// Which page a BodyWriter writes: a web page, or Pandoc's input for a
/// DOCX or a PDF.
enum class BodyFor { kWeb, kDocx, kPdf };

/// Writes a document's sections and statements as HTML.
class BodyWriter : public model::DocumentVisitor {
 public:
  BodyWriter(const model::ResolvedPack& pack, const ResolvedDocument& doc, BodyFor page)
      : pack_(pack),
        doc_(doc),
        extension_(page == BodyFor::kWeb ? "html" : page == BodyFor::kDocx ? "docx" : ""),
        web_(page == BodyFor::kWeb),
        docx_(page == BodyFor::kDocx) {
    for (const auto& role : pack.roles) role_titles_[role.id] = role.title;
  }

  /// A section's or statement's anchor: in a DOCX a bookmark name Word
  /// accepts (the target of the document's own links, see RewriteLinks).
  std::string ItemAnchor(const std::string& id) const { return docx_ ? WordBookmarkName(id) : Anchor(id); }

  void EnterSection(const ResolvedSection& s, int depth) override {
    const int level = std::min(depth + 1, 6);
    html_ += "<section class=\"doc-section\" id=\"" + EscapeHtml(ItemAnchor(s.id)) + "\">\n";
    html_ += "<h" + std::to_string(level) + "><span class=\"secno\">" + EscapeHtml(s.number) +
             "</span> " + EscapeHtml(s.title) + "</h" + std::to_string(level) + ">\n";
    if (!s.intro.empty()) html_ += Markdown(s.intro);
    for (const model::Table& table : s.tables) {
      if (web_) {
        html_ += TableHtml(table, PageFor(HasWideTable(doc_)));
        continue;
      }
      for (const model::Table& part : SplitToFit(table, PageFor(HasWideTable(doc_)))) {
        html_ += TableHtml(part, PageFor(HasWideTable(doc_)));
      }
    }
  }

  /// A table with its column widths; on the web each cell also carries its
  /// header, which a narrow screen shows above the cell's text.
  std::string TableHtml(const model::Table& table, const TablePage& page) const {
    const std::vector<double> widths = ColumnWidths(table, page);
    // On a phone a table of four or more columns becomes one card per row.
    std::string out = table.columns.size() >= 4 ? "<table class=\"data cards\">\n<colgroup>"
                                                : "<table class=\"data\">\n<colgroup>";
    for (double w : widths) {
      char percent[16];
      std::snprintf(percent, sizeof percent, "%.1f%%", w * 100);
      out += "<col style=\"width: " + std::string(percent) + "\" />";
    }
    out += "</colgroup>\n<thead>\n<tr>";
    for (const model::TableColumn& column : table.columns) out += "<th>" + EscapeHtml(column.header) + "</th>";
    out += "</tr>\n</thead>\n<tbody>\n";
    for (const auto& row : table.rows) {
      out += "<tr>";
      for (size_t i = 0; i < row.size() && i < table.columns.size(); ++i) {
        out += web_ ? "<td data-label=\"" + EscapeHtml(table.columns[i].header) + "\">" : std::string("<td>");
        out += CellHtml(row[i]) + "</td>";
      }
      out += "</tr>\n";
    }
    return out + "</tbody>\n</table>\n";
  }

  /// A cell's Markdown; a single paragraph without its <p>, so the cell is compact.
  std::string CellHtml(const std::string& markdown) const {
    std::string html = Markdown(markdown);
    while (!html.empty() && html.back() == '\n') html.pop_back();
    if (html.rfind("<p>", 0) == 0 && html.find("<p>", 3) == std::string::npos && html.size() >= 7 &&
        html.compare(html.size() - 4, 4, "</p>") == 0) {
      html = html.substr(3, html.size() - 7);
    }
    return html;
  }

  void LeaveSection(const ResolvedSection&, int) override { html_ += "</section>\n"; }

  void VisitStatement(const ResolvedStatement& s, int) override {
    html_ += "<div class=\"statement\" id=\"" + EscapeHtml(ItemAnchor(s.id)) + "\">\n";
    html_ += NumberedHtml(Markdown(s.text), s.number);
    std::vector<std::string> meta;
    if (!s.roles.empty()) {
      std::vector<std::string> roles;
      for (const std::string& r : s.roles) {
        auto it = role_titles_.find(r);
        roles.push_back(EscapeHtml(it == role_titles_.end() ? r : it->second));
      }
      // The first role acts; the others approve, are consulted or informed.
      std::vector<std::string> approves, consulted, informed;
      for (size_t i = 1; i < s.roles.size(); ++i) {
        const bool approving = std::find(s.approves.begin(), s.approves.end(), s.roles[i]) != s.approves.end();
        const bool told = std::find(s.informed.begin(), s.informed.end(), s.roles[i]) != s.informed.end();
        (approving ? approves : told ? informed : consulted).push_back(roles[i]);
      }
      meta.push_back("Responsible: " + roles.front());
      if (!approves.empty()) meta.push_back("Approves: " + base::Join(approves, ", "));
      if (!consulted.empty()) meta.push_back("Consulted: " + base::Join(consulted, ", "));
      if (!informed.empty()) meta.push_back("Informed: " + base::Join(informed, ", "));
    }
    if (!s.controls.empty()) {
      std::vector<std::string> controls;
      for (const std::string& c : s.controls) {
        controls.push_back(web_ ? "<a href=\"index.html#soa-" + EscapeHtml(c) + "\">" + EscapeHtml(c) + "</a>"
                                : EscapeHtml(c));
      }
      meta.push_back("Annex A: " + base::Join(controls, ", "));
    }
    if (meta.empty()) {
      html_ += "</div>\n";
      return;
    }
    const std::string line = "<p class=\"statement-meta\">" + base::Join(meta, " · ") + "</p>\n";
    // In Word the compiled line has a paragraph style of its own, which
    // tells a reader (and policyc import) it from the statement's text.
    html_ += docx_ ? "<div data-custom-style=\"Statement Meta\">\n" + line + "</div>\n" : line;
    html_ += "</div>\n";
  }

  std::string Markdown(const std::string& md) const {
    return Images(MarkdownToHtml(RewriteLinks(md, doc_.id, extension_)));
  }

  /// Pictures the pack draws ("policyc-image:NAME"): a file beside the page
  /// on the web, a data: URI for Pandoc (so no output depends on a path).
  std::string Images(std::string html) const {
    static const std::string kScheme = "src=\"policyc-image:";
    for (size_t at = html.find(kScheme); at != std::string::npos; at = html.find(kScheme, at + 1)) {
      const size_t start = at + kScheme.size();
      const size_t end = html.find('"', start);
      const std::string name = html.substr(start, end - start);
      auto image = pack_.images.find(name);
      std::string src = web_ ? name + ".svg"
                             : "data:image/svg+xml;base64," + base::Base64(image == pack_.images.end() ? "" : image->second);
      html.replace(at + 5, end - at - 5, src);
      // On paper a picture is sized to fit the smallest page it can be on
      // (A4 landscape leaves 15.9 cm of height) with its heading and legend.
      if (!web_) html.insert(at, "width=\"11cm\" ");
    }
    return html;
  }

  const std::string& html() const { return html_; }

 private:
  const model::ResolvedPack& pack_;
  const ResolvedDocument& doc_;
  std::string extension_;
  bool web_;
  bool docx_;
  std::map<std::string, std::string> role_titles_;
  std::string html_;
};

data Toc(const ResolvedDocument& doc) {
  struct TocWriter : model::DocumentVisitor {
    data list{data::type::list};
    void EnterSection(const ResolvedSection& s, int depth) override {
      if (depth > 2) return;
      data entry;
      entry.set("number", s.number);
      entry.set("title", s.title);
      entry.set("anchor", Anchor(s.id));
      entry.set("depth", std::to_string(depth));
      list.push_back(entry);
    }
  } writer;
  model::WalkDocument(doc, writer);
  return writer.list;
}


}  // namespace

/// Parsed templates, keyed by the layout text they came from; parsing is
/// most of the cost of rendering, and every document reuses the layouts.
struct HtmlRenderer::Cache {
  std::map<const std::string*, std::unique_ptr<mustache>> parsed;
};

std::string HtmlRenderer::Render(const std::string& layout, const data& values) const {
  auto& slot = cache_->parsed[&layout];
  if (!slot) slot = std::make_unique<mustache>(layout);
  // LoadTemplates refuses a template that does not parse (render.template-error),
  // so this is a guard against a layout that did not come through it.
  if (!slot->is_valid()) return "<!-- template error: " + EscapeHtml(slot->error_message()) + " -->";
  return slot->render(values);
}

HtmlRenderer::HtmlRenderer(const Templates& templates, const model::ResolvedPack& pack)
    : templates_(templates), pack_(pack), cache_(std::make_unique<Cache>()) {}

HtmlRenderer::~HtmlRenderer() = default;

namespace {

data PackData(const model::ResolvedPack& pack) {
  data d;
  d.set("org_name", pack.organisation.name);
  d.set("org_legal_name", pack.organisation.legal_name);
  // Absent, not "": an empty string is a true section in mustache.
  auto optional = [](const std::string& text) { return text.empty() ? data(false) : data(text); };
  d.set("company_number", optional(pack.organisation.company_number));
  d.set("charity_number", optional(pack.organisation.charity_number));
  d.set("registered_office", optional(pack.organisation.registered_office));
  d.set("primary_colour", pack.branding.primary_colour);
  d.set("as_of", pack.as_of);
  d.set("css_font", CssString(pack.branding.font));
  d.set("has_font", pack.branding.font.empty() ? data(false) : data(true));
  if (!pack.branding.logo_format.empty()) d.set("logo_href", "logo." + pack.branding.logo_format);
  return d;
}

std::string ApprovalLabel(const ResolvedDocument& doc) {
  return doc.approval_date.empty() ? "not yet approved" : doc.approval_date;
}

/// A draft is not approved: it names who is to approve it, not who
/// approved an earlier text.
std::string ApproverLabel(const ResolvedDocument& doc) {
  if (!doc.draft) return doc.approver.empty() ? std::string("—") : doc.approver;
  return doc.approver.empty() ? std::string("Not yet approved") : "Not yet approved; to be approved by " + doc.approver;
}

std::string NextReviewLabel(const ResolvedDocument& doc) {
  if (doc.draft) return std::to_string(doc.review_months) + " months after approval";
  return doc.next_review.empty() ? std::string("—") : doc.next_review;
}

data DocumentData(const model::ResolvedPack& pack, const ResolvedDocument& doc) {
  data d = PackData(pack);
  d.set("id", doc.id);
  d.set("title", doc.title);
  d.set("kind", base::CapitaliseFirst(doc.kind));
  d.set("version", model::VersionLabel(doc));
  d.set("draft", doc.draft ? data(true) : data(false));
  d.set("proposed_version", doc.version);
  d.set("approved_version", doc.approved_version.empty() ? data(false) : data(doc.approved_version));
  d.set("approved_date", doc.approved_date);
  d.set("last_approved", doc.draft ? data(model::LastApprovedLabel(doc)) : data(false));
  d.set("owner", model::OwnerLabel(doc));
  d.set("approver", ApproverLabel(doc));
  d.set("approval_date", doc.draft ? std::string("—") : ApprovalLabel(doc));
  d.set("next_review", NextReviewLabel(doc));
  d.set("classification", base::CapitaliseFirst(doc.classification));
  d.set("clauses", base::Join(doc.clauses, ", "));
  d.set("has_clauses", doc.clauses.empty() ? data(false) : data(true));
  d.set("serves", base::Join(doc.serves, ", "));
  d.set("has_serves", doc.serves.empty() ? data(false) : data(true));
  d.set("controls", base::Join(doc.controls, ", "));
  d.set("has_controls", doc.controls.empty() ? data(false) : data(true));
  data revisions{data::type::list};
  for (const auto& r : doc.revisions) {
    data row;
    row.set("version", r.version);
    row.set("date", r.date);
    row.set("author", r.author);
    row.set("summary", r.summary);
    revisions.push_back(row);
  }
  if (doc.draft) {
    // The change waiting for approval, under the version it would take.
    data row;
    row.set("version", model::VersionLabel(doc));
    row.set("date", "—");
    row.set("author", "Not yet approved");
    row.set("summary", doc.pending_summary.empty() ? std::string("First issue.") : doc.pending_summary);
    revisions.push_back(row);
  }
  d.set("revisions", revisions);
  d.set("toc", Toc(doc));
  return d;
}

}  // namespace

std::string HtmlRenderer::IndexPage() const {
  data d = PackData(pack_);
  d.set("scope_html", MarkdownToHtml(RewriteLinks(pack_.scope, "", "html")));
  data documents{data::type::list};
  for (const ResolvedDocument& doc : pack_.documents) {
    data row;
    row.set("id", doc.id);
    row.set("title", doc.title);
    row.set("kind", base::CapitaliseFirst(doc.kind));
    row.set("version", model::VersionLabel(doc));
    row.set("owner", doc.owner_title);
    row.set("approval_date", ApprovalLabel(doc));
    row.set("next_review", doc.next_review.empty() ? std::string("—") : doc.next_review);
    row.set("classification", base::CapitaliseFirst(doc.classification));
    documents.push_back(row);
  }
  d.set("documents", documents);
  data sites{data::type::list};
  for (const auto& site : pack_.sites) {
    data row;
    row.set("name", site.name);
    row.set("address", site.address);
    row.set("in_scope", site.in_scope ? "In scope" : "Out of scope");
    sites.push_back(row);
  }
  d.set("sites", sites);
  d.set("has_sites", pack_.sites.empty() ? data(false) : data(true));
  int applicable = 0, excluded = 0, covered = 0;
  data soa{data::type::list};
  for (const model::SoaRow& row : pack_.soa) {
    applicable += row.applicable;
    excluded += !row.applicable;
    covered += row.applicable && !row.implemented_by.empty();
    data r;
    r.set("control", row.control);
    r.set("title", row.title);
    r.set("applicable", row.applicable ? "Yes" : "No");
    r.set("justification", row.justification.empty() ? std::string("No reason recorded") : row.justification);
    std::string status = base::CapitaliseFirst(row.status);
    std::replace(status.begin(), status.end(), '-', ' ');  // "Not implemented"
    r.set("status", !row.applicable    ? std::string("Excluded")
                    : status.empty() ? std::string("Not stated")
                                     : status + (row.status_date.empty() ? "" : " (" + row.status_date + ")"));
    data impl{data::type::list};
    for (const std::string& ref : row.implemented_by) {
      auto hash = ref.find('#');
      data link;
      link.set("href", ref.substr(0, hash) + ".html#" + ref.substr(hash + 1));
      link.set("label", ref);
      impl.push_back(link);
    }
    r.set("implemented_by", impl);
    r.set("row_class", row.applicable ? (row.implemented_by.empty() ? "gap" : "ok") : "excluded");
    soa.push_back(r);
  }
  d.set("soa", soa);
  d.set("soa_total", std::to_string(pack_.soa.size()));
  d.set("soa_applicable", std::to_string(applicable));
  d.set("soa_excluded", std::to_string(excluded));
  d.set("soa_covered", std::to_string(covered));
  d.set("soa_gaps", std::to_string(applicable - covered));
  return Render(templates_.index_page, d);
}

std::string HtmlRenderer::DocumentPage(size_t index) const {
  const ResolvedDocument& doc = pack_.documents.at(index);
  data d = DocumentData(pack_, doc);
  BodyWriter body(pack_, doc, BodyFor::kWeb);
  model::WalkDocument(doc, body);
  d.set("summary_html", body.Markdown(doc.summary));
  d.set("body_html", body.html());
  if (index > 0) {
    d.set("prev_href", pack_.documents[index - 1].id + ".html");
    d.set("prev_title", pack_.documents[index - 1].title);
  }
  if (index + 1 < pack_.documents.size()) {
    d.set("next_href", pack_.documents[index + 1].id + ".html");
    d.set("next_title", pack_.documents[index + 1].title);
  }
  return Render(templates_.document_page, d);
}

std::string HtmlRenderer::PrintDocument(size_t index, PrintTarget target) const {
  const ResolvedDocument& doc = pack_.documents.at(index);
  data d = DocumentData(pack_, doc);
  BodyWriter body(pack_, doc, target == PrintTarget::kDocx ? BodyFor::kDocx : BodyFor::kPdf);
  model::WalkDocument(doc, body);
  d.set("summary_html", body.Markdown(doc.summary));
  d.set("body_html", body.html());
  d.set("pdf", target == PrintTarget::kPdf ? data(true) : data(false));
  if (!logo_bytes_.empty()) {
    const std::string type = pack_.branding.logo_format == "svg" ? "image/svg+xml" : "image/png";
    d.set("logo_path", "data:" + type + ";base64," + base::Base64(logo_bytes_));
  }
  return Render(templates_.print_document, d);
}

void HtmlRenderer::SetLogo(std::string bytes) { logo_bytes_ = std::move(bytes); }

namespace {
/// Width and height of a PNG, from its IHDR chunk; {0, 0} when it is not one.
std::pair<uint32_t, uint32_t> PngSize(const std::string& png) {
  if (png.size() < 24) return {0, 0};
  auto word = [&](size_t at) {
    return (uint32_t(uint8_t(png[at])) << 24) | (uint32_t(uint8_t(png[at + 1])) << 16) |
           (uint32_t(uint8_t(png[at + 2])) << 8) | uint32_t(uint8_t(png[at + 3]));
  };
  return {word(16), word(20)};
}
/// What the reference DOCX and PPTX take from the branding: the colour as
/// OOXML writes it ("1F4E79"), the font, the organisation and the title.
data BrandData(const model::ResolvedPack& pack, const ResolvedDocument& doc) {
  data d;
  std::string colour = pack.branding.primary_colour.substr(pack.branding.primary_colour.empty() ? 0 : 1);
  for (char& c : colour) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  d.set("colour", colour.empty() ? std::string("1F4E79") : colour);
  d.set("font", pack.branding.font.empty() ? std::string("Arial") : pack.branding.font);
  d.set("org_name", pack.organisation.name);
  d.set("title", doc.title);
  return d;
}
}  // namespace

std::vector<std::pair<std::string, std::string>> HtmlRenderer::DocxReference(size_t index,
                                                                           const std::string& footer) const {
  const ResolvedDocument& doc = pack_.documents.at(index);
  data d = BrandData(pack_, doc);
  d.set("footer", footer.empty() ? data(false) : data(footer));
  d.set("classification", base::CapitaliseFirst(doc.classification));
  d.set("id", doc.id);
  d.set("version", model::VersionLabel(doc));
  d.set("draft", doc.draft ? data(true) : data(false));
  const bool landscape = HasWideTable(doc);
  d.set("landscape", landscape ? data(true) : data(false));
  d.set("page_width", std::to_string(PageWidthTwips(landscape)));
  d.set("page_height", std::to_string(PageHeightTwips(landscape)));
  d.set("side_margin", std::to_string(kSideMarginTwips));
  // Tab stops at the centre and right edge of the text area.
  d.set("tab_centre", std::to_string(TextWidthTwips(landscape) / 2));
  d.set("tab_right", std::to_string(TextWidthTwips(landscape)));
  // A PNG logo goes into the header, 0.8 cm high (Word cannot show SVG on its own).
  const auto [logo_w, logo_h] = pack_.branding.logo_format == "png" ? PngSize(logo_bytes_) : std::pair<uint32_t, uint32_t>{0, 0};
  const bool logo = logo_w > 0 && logo_h > 0;
  if (logo) {
    constexpr long long kHeightEmu = 288000;
    d.set("logo_cy", std::to_string(kHeightEmu));
    d.set("logo_cx", std::to_string(kHeightEmu * logo_w / logo_h));
  }
  std::vector<std::pair<std::string, std::string>> parts;
  for (const auto& [name, content] : templates_.docx_reference) {
    const bool xml = name.size() > 4 && (name.compare(name.size() - 4, 4, ".xml") == 0 ||
                                         name.compare(name.size() - 5, 5, ".rels") == 0);
    const bool templated = xml && content.find("{{") != std::string::npos;
    parts.emplace_back(name, templated ? Render(content, d) : content);
  }
  if (logo) {
    parts.emplace_back("word/media/policyc-logo.png", logo_bytes_);
    parts.emplace_back("word/_rels/header1.xml.rels",
                       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                       "<Relationship Id=\"rIdPcLogo\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
                       "Target=\"media/policyc-logo.png\"/></Relationships>");
  }
  return parts;
}

std::vector<std::pair<std::string, std::string>> HtmlRenderer::PptxReference(size_t index,
                                                                          const std::string& logo_png) const {
  const ResolvedDocument& doc = pack_.documents.at(index);
  data d = BrandData(pack_, doc);
  // The logo keeps its proportions: 0.3 inch high (at most 1.6 inches wide)
  // in the bottom right corner of every slide, 0.6 inch high (at most 4
  // inches wide) centred above the title on the title slide. Slides are
  // 10 × 5.625 inches; 914400 EMU to the inch.
  const auto [logo_w, logo_h] = PngSize(logo_png);
  const bool logo = logo_w > 0 && logo_h > 0;
  d.set("logo", logo ? data(true) : data(false));
  if (logo) {
    auto fit = [&](long long height, long long max_width) {
      long long width = height * logo_w / logo_h;
      if (width > max_width) {
        height = height * max_width / width;
        width = max_width;
      }
      return std::pair<long long, long long>{width, height};
    };
    constexpr long long kSlideWidth = 9144000, kSlideHeight = 5143500, kMargin = 457200;
    const auto [cx, cy] = fit(274320, 1463040);
    d.set("logo_cx", std::to_string(cx));
    d.set("logo_cy", std::to_string(cy));
    d.set("logo_x", std::to_string(kSlideWidth - kMargin - cx));
    d.set("logo_y", std::to_string(kSlideHeight - 91440 - cy));
    const auto [title_cx, title_cy] = fit(548640, 3657600);
    d.set("title_logo_cx", std::to_string(title_cx));
    d.set("title_logo_cy", std::to_string(title_cy));
    d.set("title_logo_x", std::to_string((kSlideWidth - title_cx) / 2));
    d.set("title_logo_y", std::to_string(548640 + (548640 - title_cy) / 2));
  }
  std::vector<std::pair<std::string, std::string>> parts;
  for (const auto& [name, content] : templates_.pptx_reference) {
    const bool templated = content.find("{{") != std::string::npos;
    parts.emplace_back(name, templated ? Render(content, d) : content);
  }
  if (logo) parts.emplace_back("ppt/media/policyc-logo.png", logo_png);
  return parts;
}

std::string HtmlRenderer::SlidesHtml(size_t index) const { return SlideDeckHtml(pack_.documents.at(index)); }

std::string HtmlRenderer::PrintCss(size_t index) const {
  const ResolvedDocument& doc = pack_.documents.at(index);
  data d = PackData(pack_);
  d.set("css_org", CssString(pack_.organisation.name));
  d.set("css_title", CssString(doc.title));
  d.set("css_classification", CssString(base::CapitaliseFirst(doc.classification)));
  d.set("css_reference", CssString(doc.id + " · version " + model::VersionLabel(doc)));
  d.set("draft", doc.draft ? data(true) : data(false));
  d.set("landscape", HasWideTable(doc) ? data(true) : data(false));
  return Render(templates_.print_css, d);
}

}  // namespace policyc::render
