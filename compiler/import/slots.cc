#include "import/slots.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <mutex>

#include "base/strings.h"

namespace policyc::import {

namespace {

/// A character of Unicode's private use area standing for the variable at
/// `index` while a template's Markdown is rendered: no source uses those
/// characters, and cmark passes them through as text.
std::string Placeholder(size_t index) {
  const unsigned code = 0xE000 + static_cast<unsigned>(index % 0x1000);
  std::string out;
  out += static_cast<char>(0xE0 | (code >> 12));
  out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
  out += static_cast<char>(0x80 | (code & 0x3F));
  return out;
}

/// The literal text of a rendered Markdown tree, blocks separated by spaces.
std::string RenderedText(cmark_node* document) {
  std::string out;
  cmark_iter* iter = cmark_iter_new(document);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    const cmark_node_type type = cmark_node_get_type(node);
    if (ev == CMARK_EVENT_ENTER &&
        (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK)) {
      const char* literal = cmark_node_get_literal(node);
      if (literal) out += literal;
      if (type == CMARK_NODE_CODE_BLOCK) out += ' ';  // a leaf: no exit of its own
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      out += ' ';
    } else if ((type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK && ev != CMARK_EVENT_ENTER) {
      out += ' ';  // paragraphs, list items, table cells: each one the DOCX's own stretch of text
    }
  }
  cmark_iter_free(iter);
  return out;
}

}  // namespace

std::string EvenWords(std::string_view text) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = text[i];
    // U+00A0 and U+202F, the no-break spaces Word puts before units and in names.
    const bool nbsp = (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) ||
                      (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                       static_cast<unsigned char>(text[i + 2]) == 0xAF);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || nbsp) {
      space = true;
      if (nbsp) i += c == 0xC2 ? 1 : 2;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

std::string PlainWords(std::string_view markdown) {
  // As render/markdown.cc parses: smart punctuation, so that "--" and
  // quotes read here as the DOCX shows them, and GitHub's tables, whose
  // cells the DOCX shows without their pipes.
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART);
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser, ext);
    }
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* document = cmark_parser_finish(parser);
  std::string out = RenderedText(document);
  cmark_node_free(document);
  cmark_parser_free(parser);
  return EvenWords(out);
}

std::vector<TemplateToken> TokeniseTemplate(std::string_view markdown) {
  std::vector<TemplateToken> tokens(1);
  std::string marked;  // the Markdown with a placeholder for each variable
  size_t pos = 0;
  while (pos < markdown.size()) {
    const size_t open = markdown.find("{{", pos);
    const size_t close = open == std::string_view::npos ? open : markdown.find("}}", open + 2);
    if (close == std::string_view::npos) {
      tokens.back().markdown += markdown.substr(pos);
      marked += markdown.substr(pos);
      break;
    }
    tokens.back().markdown += markdown.substr(pos, open - pos);
    marked += markdown.substr(pos, open - pos);
    TemplateToken variable{true, std::string(markdown.substr(open, close + 2 - open)),
                           base::Trim(markdown.substr(open + 2, close - open - 2)), ""};
    marked += Placeholder(tokens.size() / 2);
    tokens.push_back(std::move(variable));
    tokens.emplace_back();
    pos = close + 2;
  }
  // The literals' words: the whole text rendered at once (emphasis may
  // span a variable), then cut at the placeholders.
  const std::string plain = PlainWords(marked);
  size_t from = 0;
  for (size_t i = 0; i < tokens.size(); i += 2) {
    const size_t at = i + 2 < tokens.size() ? plain.find(Placeholder(i / 2), from) : plain.size();
    if (at == std::string::npos) break;  // a placeholder lost in rendering: the literal stays empty
    tokens[i].plain = plain.substr(from, at - from);
    from = at + Placeholder(0).size();
  }
  return tokens;
}

std::optional<std::vector<SlotValue>> MatchTemplate(const std::vector<TemplateToken>& tokens,
                                                    std::string_view plain) {
  const std::string& first = tokens.front().plain;
  const std::string& last = tokens.back().plain;
  if (tokens.size() == 1) {
    if (plain != first) return std::nullopt;
    return std::vector<SlotValue>{};
  }
  if (!plain.starts_with(first) || !plain.ends_with(last) || plain.size() < first.size() + last.size()) {
    return std::nullopt;
  }
  const size_t end = plain.size() - last.size();
  std::vector<SlotValue> slots;
  size_t pos = first.size();
  for (size_t i = 2; i + 1 < tokens.size(); i += 2) {
    const std::string& literal = tokens[i].plain;
    if (literal.empty()) return std::nullopt;  // two slots meet: where one ends is unknown
    // A slot is never empty, so its literal starts at least one past it.
    const size_t at = plain.find(literal, pos + 1);
    if (at == std::string_view::npos || at + literal.size() > end) return std::nullopt;
    slots.push_back({pos, at, std::string(plain.substr(pos, at - pos))});
    pos = at + literal.size();
  }
  if (pos >= end) return std::nullopt;
  slots.push_back({pos, end, std::string(plain.substr(pos, end - pos))});
  return slots;
}

}  // namespace policyc::import
