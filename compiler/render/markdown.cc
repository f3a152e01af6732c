#include "render/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "model/source_model.h"

namespace policyc::render {

namespace {

/// Raw HTML in a source is shown as the text it is, never passed through
/// (that would let a profile inject markup) and never dropped (that would
/// lose what the author wrote, e.g. "Smith & Jones <Ltd>").
void ShowRawHtmlAsText(cmark_node* document) {
  std::vector<cmark_node*> raw;
  cmark_iter* iter = cmark_iter_new(document);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK) raw.push_back(node);
  }
  cmark_iter_free(iter);
  for (cmark_node* node : raw) {
    std::string literal = cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
    while (!literal.empty() && literal.back() == '\n') literal.pop_back();
    cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(text, literal.c_str());
    if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK) {
      cmark_node* paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
      cmark_node_append_child(paragraph, text);
      text = paragraph;
    }
    cmark_node_replace(node, text);
    cmark_node_free(node);
  }
}

/// A picture that is not the pack's own (model::IsPackImage) is shown as
/// its words: resolve reports such a picture at its line, and this keeps
/// one that reaches the renderer any other way (a value, a template) from
/// ever naming a file or an address to Pandoc or WeasyPrint.
void KeepOnlyPackImages(cmark_node* document) {
  std::vector<cmark_node*> foreign;
  cmark_iter* iter = cmark_iter_new(document);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_IMAGE) continue;
    const char* url = cmark_node_get_url(node);
    if (!model::IsPackImage(url ? url : "")) foreign.push_back(node);
  }
  cmark_iter_free(iter);
  for (cmark_node* node : foreign) {
    while (cmark_node* child = cmark_node_first_child(node)) cmark_node_insert_before(node, child);
    cmark_node_free(node);
  }
}

}  // namespace

std::string MarkdownToHtml(std::string_view markdown) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART;
  cmark_parser* parser = cmark_parser_new(options);
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser, ext);
    }
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* document = cmark_parser_finish(parser);
  ShowRawHtmlAsText(document);
  KeepOnlyPackImages(document);
  char* html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser));
  std::string out(html);
  std::free(html);
  cmark_node_free(document);
  cmark_parser_free(parser);
  return out;
}

}  // namespace policyc::render
