#ifndef POLICYC_RENDER_HTML_RENDERER_H_
#define POLICYC_RENDER_HTML_RENDERER_H_

#include <memory>
#include <optional>
#include <utility>
#include <vector>
#include <string>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "model/resolved_model.h"

namespace kainjow::mustache {
template <typename StringType>
class basic_data;
}  // namespace kainjow::mustache

/// The render stage: a resolved pack → HTML, in process.
///
/// Statement text is Markdown turned into HTML by cmark-gfm; page layouts
/// are mustache templates from templates/. Every value from the profile or
/// the library is escaped on the way in. The same body serves the web
/// pages and, through the "print" layout, Pandoc's input for DOCX and PDF.
namespace policyc::render {

/// The layouts and stylesheets, read once from the templates folder.
struct Templates {
  std::string document_page;   ///< html/document.mustache
  std::string index_page;      ///< html/index.mustache
  std::string print_document;  ///< print/document.mustache (Pandoc's input)
  std::string print_css;       ///< print/print.mustache.css (per document, for PDF)
  std::string style_css;       ///< html/style.css
  /// docx/reference/**: the parts of Pandoc's reference DOCX, as mustache
  /// templates (header, footer and styles carry the branding), in zip order.
  std::vector<std::pair<std::string, std::string>> docx_reference;
  /// pptx/reference/**: the parts of Pandoc's reference PPTX (theme, slide
  /// master and layouts carry colour, font and logo), in zip order.
  std::vector<std::pair<std::string, std::string>> pptx_reference;
};

/// Reads the templates; reports a missing file and returns nullopt.
std::optional<Templates> LoadTemplates(const base::FileSystem& fs, const std::string& dir,
                                       base::DiagnosticSink& sink);

/// Which output a print document is made for.
enum class PrintTarget { kDocx, kPdf };

class HtmlRenderer {
 public:
  HtmlRenderer(const Templates& templates, const model::ResolvedPack& pack);
  ~HtmlRenderer();

  /// The pack's index page: organisation, scope, document register, SoA summary.
  std::string IndexPage() const;
  /// One document's web page, with navigation.
  std::string DocumentPage(size_t index) const;
  /// One document as Pandoc's input: no navigation, links to sibling files.
  std::string PrintDocument(size_t index, PrintTarget target) const;
  /// The parts of the reference DOCX for one document: header and footer
  /// with its organisation, title, classification, id and version written
  /// out (visible without updating fields), styles in the brand colour.
  /// A `footer` replaces the id and version in the footer (the redline
  /// names the two sides it compares there).
  std::vector<std::pair<std::string, std::string>> DocxReference(size_t index,
                                                                 const std::string& footer = "") const;
  /// The parts of the reference PPTX for one training deck: the theme's
  /// dk2 and accent1 in the brand colour, its fonts the brand font, and
  /// `logo_png` (the logo as PNG; the caller converts an SVG one, empty for
  /// none) on the slide master and the title slide layout. Pandoc does not
  /// copy a reference's media into its output: the caller adds
  /// "ppt/media/policyc-logo.png" of these parts to the finished deck.
  std::vector<std::pair<std::string, std::string>> PptxReference(size_t index, const std::string& logo_png) const;
  /// A document as slides for Pandoc's PPTX writer (see render::SlideDeckHtml).
  std::string SlidesHtml(size_t index) const;
  /// The stylesheet WeasyPrint uses for one document (running header and footer).
  std::string PrintCss(size_t index) const;
  const std::string& StyleCss() const { return templates_.style_css; }

  /// The pack's logo: its bytes (PNG or SVG, as the profile's branding
  /// says). The print HTML embeds it as a data: URI, so no PDF depends on
  /// where the pack was built. Without a call, no logo is shown.
  void SetLogo(std::string bytes);

 private:
  struct Cache;
  std::string Render(const std::string& layout, const kainjow::mustache::basic_data<std::string>& values) const;

  const Templates& templates_;
  const model::ResolvedPack& pack_;
  std::unique_ptr<Cache> cache_;
  std::string logo_bytes_;

};

}  // namespace policyc::render

#endif  // POLICYC_RENDER_HTML_RENDERER_H_
