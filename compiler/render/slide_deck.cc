#include "render/slide_deck.h"

#include <cctype>
#include <map>
#include <vector>

#include "base/strings.h"
#include "render/links.h"
#include "render/markdown.h"

namespace policyc::render {

using model::ResolvedDocument;
using model::ResolvedSection;

namespace {

// The sections of a training module whose parts are for the facilitator
// (see SlideDeckHtml); compiler/resolve/training.cc gives them these ids.
constexpr std::string_view kQuizSection = "quiz";
constexpr std::string_view kAnswerKeySection = "answer-key";

/// Characters as a reader counts them: UTF-8 code points.
int Characters(std::string_view text) {
  int n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

int WrappedLines(std::string_view text, int chars_per_line) {
  int lines = 0;
  int used = 0;  // characters on the current line
  for (const std::string& word : base::SplitWhitespace(text)) {
    const int length = Characters(word);
    if (used > 0 && used + 1 + length <= chars_per_line) {
      used += 1 + length;
      continue;
    }
    // The word starts a new line (and takes more when it is longer than one).
    lines += (length + chars_per_line - 1) / chars_per_line;
    used = length % chars_per_line == 0 ? chars_per_line : length % chars_per_line;
  }
  return std::max(1, lines);
}

std::string VisibleText(std::string_view html) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < html.size(); ++i) {
    char c = html[i];
    if (c == '<') {
      const size_t close = html.find('>', i);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (c == '&') {
      const size_t semicolon = html.find(';', i);
      if (semicolon != std::string_view::npos && semicolon - i <= 8) {
        i = semicolon;
        c = '?';  // one character, whatever it is
      }
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

namespace {

/// One paragraph or list item of a slide's body.
struct SlideItem {
  enum class Kind { kBullet, kNumbered, kParagraph };
  Kind kind = Kind::kBullet;
  int number = 0;        ///< for kNumbered
  bool nested = false;   ///< a bullet inside the item before it (a quiz question's options)
  std::string markdown;  ///< without its list marker
  int cost = 0;          ///< sixths of a line it takes, the space before it included
  bool label = false;    ///< a short bold heading ("**Scenario 1** (…)") kept with what follows
  std::string notes_markdown;  ///< for the facilitator
  bool keyed = false;          ///< the notes hold its answer from the answer key
};

struct Slide {
  std::string title;
  std::vector<SlideItem> items;
  std::string notes_html;  ///< answers to no question on the slides, besides the items' own notes
};

/// Splits Markdown into items for slides: each list item, and each other
/// paragraph or table, is one item. An indented bullet (a quiz question's
/// option) is an item of its own that keeps two spaces of its indent, so
/// that ParseItem marks it nested; other indented lines after a blank line
/// (a list item's second paragraph) stay with their item.
std::vector<std::string> SplitItems(const std::string& markdown) {
  std::vector<std::string> items;
  std::string current;
  auto flush = [&] {
    const bool nested = current.rfind("  - ", 0) == 0 || current.rfind("  * ", 0) == 0;
    if (!base::Trim(current).empty()) items.push_back((nested ? "  " : "") + base::Trim(current));
    current.clear();
  };
  size_t start = 0;
  bool blank = false;  // a blank line since the last text
  while (start <= markdown.size()) {
    size_t end = markdown.find('\n', start);
    if (end == std::string::npos) end = markdown.size();
    const std::string line = markdown.substr(start, end - start);
    start = end + 1;
    if (base::Trim(line).empty()) {
      blank = true;
      continue;
    }
    const bool bullet = line.rfind("- ", 0) == 0 || line.rfind("* ", 0) == 0 ||
                        (line.size() > 2 && std::isdigit(static_cast<unsigned char>(line[0])) && line.find(". ") < 4);
    const bool indented = line.rfind("  ", 0) == 0;
    const std::string trimmed = base::Trim(line);
    const bool nested_bullet = indented && (trimmed.rfind("- ", 0) == 0 || trimmed.rfind("* ", 0) == 0);
    if (bullet || nested_bullet || (blank && !indented)) flush();
    if (nested_bullet) {
      current = "  " + trimmed + "\n";
    } else {
      if (blank && indented && !current.empty()) current += "\n";
      current += line + "\n";
    }
    blank = false;
  }
  flush();
  return items;
}

/// "*What the rules say:* …": a paragraph that opens with an emphasised
/// label ending in a colon.
bool IsAnswer(std::string_view markdown) {
  if (markdown.size() < 3 || markdown[0] != '*' || markdown[1] == '*' || markdown[1] == ' ') return false;
  const size_t close = markdown.find('*', 1);
  return close != std::string_view::npos && markdown[close - 1] == ':';
}

/// An item from its Markdown: list marker taken off, kind set.
SlideItem ParseItem(const std::string& markdown) {
  SlideItem item;
  if (markdown.rfind("  - ", 0) == 0 || markdown.rfind("  * ", 0) == 0) {
    item.nested = true;
    item.markdown = markdown.substr(4);
    return item;
  }
  if (markdown.rfind("- ", 0) == 0 || markdown.rfind("* ", 0) == 0) {
    item.markdown = markdown.substr(2);
    return item;
  }
  size_t digits = 0;
  while (digits < markdown.size() && std::isdigit(static_cast<unsigned char>(markdown[digits]))) ++digits;
  if (digits > 0 && digits < 4 && markdown.compare(digits, 2, ". ") == 0) {
    item.kind = SlideItem::Kind::kNumbered;
    item.number = std::stoi(markdown.substr(0, digits));
    item.markdown = markdown.substr(digits + 2);
    return item;
  }
  item.kind = SlideItem::Kind::kParagraph;
  item.markdown = markdown;
  return item;
}

class DeckWriter {
 public:
  DeckWriter(const ResolvedDocument& doc, const SlideLayout& layout) : doc_(doc), layout_(layout) {}

  std::string Html() {
    FindAnswerKey(doc_.sections);
    ResolvedSection about;
    about.title = "About this module";
    about.intro = doc_.summary;
    AddSection(about);
    for (const ResolvedSection& section : doc_.sections) AddSection(section);

    std::string html = "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>" +
                       base::EscapeHtml(doc_.title) + "</title></head><body>\n";
    for (const Slide& slide : slides_) html += SlideHtml(slide);
    return html + "</body></html>\n";
  }

 private:
  /// The answers of the answer key by number, when the deck has a quiz to put them under.
  void FindAnswerKey(const std::vector<ResolvedSection>& sections) {
    const ResolvedSection* quiz = nullptr;
    const ResolvedSection* key = nullptr;
    std::vector<const ResolvedSection*> stack;
    for (const ResolvedSection& s : sections) stack.push_back(&s);
    while (!stack.empty()) {
      const ResolvedSection* s = stack.back();
      stack.pop_back();
      if (s->id == kQuizSection) quiz = s;
      if (s->id == kAnswerKeySection) key = s;
      for (const auto& item : s->items) {
        if (const auto* sub = std::get_if<ResolvedSection>(&item)) stack.push_back(sub);
      }
    }
    // Without a quiz that shows on slides, the answer key is shown as it is.
    if (!quiz || !key || SplitItems(quiz->intro).empty()) return;
    answer_key_ = key;
    for (const std::string& markdown : SplitItems(key->intro)) {
      SlideItem item = ParseItem(markdown);
      if (item.kind == SlideItem::Kind::kNumbered) answers_[item.number] = item.markdown;
    }
  }

  /// Sixths of a line: six for each line, one for the space before the paragraph.
  int Cost(const std::string& markdown) const {
    const std::string text = VisibleText(MarkdownToHtml(RewriteLinks(markdown, doc_.id, "")));
    return 6 * WrappedLines(text, layout_.chars_per_line) + 1;
  }

  /// The item as it goes on slides: split at sentence boundaries (at
  /// spaces when one sentence is too long) into parts that each fit.
  std::vector<SlideItem> Fit(SlideItem item) const {
    item.cost = Cost(item.markdown);
    if (item.cost <= layout_.budget_sixths) return {item};
    // Sentences end at ". ", "? " or "! " before a capital letter or an opening bracket.
    std::vector<std::string> pieces;
    size_t start = 0;
    for (size_t i = 0; i + 2 < item.markdown.size(); ++i) {
      const char c = item.markdown[i];
      const unsigned char next = static_cast<unsigned char>(item.markdown[i + 2]);
      if ((c == '.' || c == '?' || c == '!') && item.markdown[i + 1] == ' ' &&
          (std::isupper(next) || next == '(' || next == '[' || next == '*')) {
        pieces.push_back(item.markdown.substr(start, i + 1 - start));
        start = i + 2;
      }
    }
    pieces.push_back(item.markdown.substr(start));
    // A sentence still too long for a slide is split between words.
    std::vector<std::string> parts;
    for (const std::string& sentence : pieces) {
      if (Cost(sentence) <= layout_.budget_sixths) {
        parts.push_back(sentence);
        continue;
      }
      std::string part;
      for (const std::string& word : base::SplitWhitespace(sentence)) {
        const std::string longer = part.empty() ? word : part + " " + word;
        if (!part.empty() && Cost(longer) > layout_.budget_sixths) {
          parts.push_back(part);
          part = word;
        } else {
          part = longer;
        }
      }
      if (!part.empty()) parts.push_back(part);
    }
    // Whole parts go together while they fit.
    std::vector<SlideItem> out;
    for (const std::string& part : parts) {
      if (!out.empty()) {
        const std::string joined = out.back().markdown + " " + part;
        const int cost = Cost(joined);
        if (cost <= layout_.budget_sixths) {
          out.back().markdown = joined;
          out.back().cost = cost;
          continue;
        }
      }
      SlideItem piece = item;
      piece.markdown = part;
      piece.cost = Cost(part);
      if (!out.empty()) {
        piece.kind = SlideItem::Kind::kParagraph;
        piece.notes_markdown.clear();
      }
      out.push_back(std::move(piece));
    }
    // The notes go with the last part, the one the facilitator reaches last.
    if (out.size() > 1) {
      out.back().notes_markdown = out.front().notes_markdown;
      out.front().notes_markdown.clear();
    }
    return out;
  }

  void AddSection(const ResolvedSection& section) {
    if (&section == answer_key_) return;  // its answers are in the quiz's notes
    const bool quiz = section.id == kQuizSection && answer_key_;
    std::vector<std::string> markdown = SplitItems(section.intro);
    for (const auto& item : section.items) {
      if (const auto* s = std::get_if<model::ResolvedStatement>(&item)) markdown.push_back(base::Trim(s->text));
    }
    std::vector<SlideItem> items;
    std::string pending_notes;  // an answer before any item
    std::string label;          // the last label, to say in the notes which question an answer is to
    for (const std::string& text : markdown) {
      if (IsAnswer(text)) {
        std::string note = (label.empty() ? "" : label + "\n\n") + text;
        std::string& notes = items.empty() ? pending_notes : items.back().notes_markdown;
        notes += (notes.empty() ? "" : "\n\n") + note;
        continue;
      }
      SlideItem item = ParseItem(text);
      item.label = !item.nested && item.markdown.rfind("**", 0) == 0 && Cost(item.markdown) <= 6 * 3 + 1;
      if (item.label) label = item.markdown;
      if (quiz && item.kind == SlideItem::Kind::kNumbered) {
        auto answer = answers_.find(item.number);
        if (answer != answers_.end()) {
          item.notes_markdown = std::to_string(item.number) + "\\. " + answer->second;
          item.keyed = true;
          answers_.erase(answer);
        }
      }
      if (!pending_notes.empty()) {
        item.notes_markdown = pending_notes;
        pending_notes.clear();
      }
      for (SlideItem& part : Fit(std::move(item))) items.push_back(std::move(part));
    }

    // Pack the items into slides. A label starts a slide of its own when
    // the slide already has one (a scenario to a slide, its answer alone
    // in the notes), and goes over only with what follows it; an item goes
    // over with its nested items (a question with its options) when they
    // fit on one slide together.
    std::vector<std::vector<SlideItem>> groups;
    int used = 0;
    bool labelled = false;
    for (size_t i = 0; i < items.size(); ++i) {
      int need = items[i].cost + (items[i].label && i + 1 < items.size() ? items[i + 1].cost : 0);
      if (!items[i].nested) {
        int block = items[i].cost;
        for (size_t j = i + 1; j < items.size() && items[j].nested; ++j) block += items[j].cost;
        // A block too big for any slide starts on a fresh one, so that it
        // is split once.
        need = std::max(need, std::min(block, layout_.budget_sixths));
      }
      if (groups.empty() || used + need > layout_.budget_sixths || (items[i].label && labelled)) {
        groups.emplace_back();
        used = 0;
        labelled = false;
      }
      labelled |= items[i].label;
      groups.back().push_back(std::move(items[i]));
      used += groups.back().back().cost;
    }
    for (size_t n = 0; n < groups.size(); ++n) {
      Slide slide;
      slide.title = section.title;
      if (groups.size() > 1) slide.title += " (" + std::to_string(n + 1) + "/" + std::to_string(groups.size()) + ")";
      slide.items = std::move(groups[n]);
      slides_.push_back(std::move(slide));
    }
    if (quiz && !groups.empty()) {
      // Answers to no question on a slide still reach the facilitator.
      std::string rest;
      for (const auto& [number, answer] : answers_) rest += std::to_string(number) + "\\. " + answer + "\n\n";
      slides_.back().notes_html += MarkdownToHtml(RewriteLinks(rest, doc_.id, ""));
      answers_.clear();
    }

    for (const auto& item : section.items) {
      if (const auto* sub = std::get_if<ResolvedSection>(&item)) AddSection(*sub);
    }
  }

  std::string SlideHtml(const Slide& slide) const {
    std::string body;
    std::string notes;
    bool keyed = false;
    for (const SlideItem& item : slide.items) {
      std::string text = item.markdown;
      // Continuation lines stay inside the list item; lines already indented
      // as far as its content (a nested list) keep their indent.
      for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
        if (text.compare(at + 1, 3, "   ") != 0 && at + 1 < text.size() && text[at + 1] != '\n') {
          text.insert(at + 1, "   ");
        }
      }
      switch (item.kind) {
        case SlideItem::Kind::kBullet:
          // Nested under the item before it; a slide that starts with one
          // (its question on the slide before) shows it as a plain bullet.
          body += (item.nested && &item != &slide.items.front() ? "    - " : "- ") + text + "\n";
          break;
        case SlideItem::Kind::kNumbered:
          body += std::to_string(item.number) + ". " + text + "\n";
          break;
        case SlideItem::Kind::kParagraph:  // also the parts of a split item after the first
          body += "\n" + item.markdown + "\n\n";
          break;
      }
      if (!item.notes_markdown.empty()) notes += item.notes_markdown + "\n\n";
      keyed |= item.keyed;
    }
    std::string html = "<h2>" + base::EscapeHtml(slide.title) + "</h2>\n" +
                       MarkdownToHtml(RewriteLinks(body, doc_.id, ""));
    std::string notes_html = MarkdownToHtml(RewriteLinks(notes, doc_.id, "")) + slide.notes_html;
    if ((keyed || !slide.notes_html.empty()) && answer_key_) {
      notes_html = "<p><strong>" + base::EscapeHtml(answer_key_->title) + "</strong></p>\n" + notes_html;
    }
    if (!base::Trim(notes_html).empty()) html += "<div class=\"notes\">\n" + notes_html + "</div>\n";
    return html;
  }

  const ResolvedDocument& doc_;
  const SlideLayout& layout_;
  const ResolvedSection* answer_key_ = nullptr;
  std::map<int, std::string> answers_;
  std::vector<Slide> slides_;
};

}  // namespace

std::string SlideDeckHtml(const ResolvedDocument& doc, const SlideLayout& layout) {
  return DeckWriter(doc, layout).Html();
}

}  // namespace policyc::render
