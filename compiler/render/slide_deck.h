#ifndef POLICYC_RENDER_SLIDE_DECK_H_
#define POLICYC_RENDER_SLIDE_DECK_H_

#include <string>
#include <string_view>

#include "model/resolved_model.h"

namespace policyc::render {

/// How much body text one "Title and Content" slide of
/// templates/pptx/reference holds: 20 pt text at 24 pt a line, 4 pt before
/// each paragraph, in a box 260 pt high and 599 pt wide after the bullet's
/// indent, so n lines in p paragraphs fit while 6n + p <= 65. Measured by
/// rendering decks with LibreOffice, whose stand-in for Arial and Calibri
/// here is DejaVu Sans: a wider face, so what fits there fits in
/// PowerPoint. A bulleted line held 52–59 characters of running text.
struct SlideLayout {
  int chars_per_line = 54;  ///< wrap width for the estimate, under the measured 58 for wide words and capitals
  /// What one slide holds, in sixths of a line (a paragraph's space before
  /// it is one sixth): 10.5 lines, leaving a third of a line spare.
  int budget_sixths = 63;
};

/// Lines `text` (plain visible text) takes when wrapped greedily at spaces
/// to `chars_per_line`; a word longer than a line takes as many as it needs.
/// At least 1.
int WrappedLines(std::string_view text, int chars_per_line);

/// The visible text of a fragment of HTML: tags dropped, entities counted
/// as one character, runs of white space as one space.
std::string VisibleText(std::string_view html);

/// A document as slides for Pandoc's PPTX writer (slide level 2): an "About
/// this module" slide from the summary, then each section's introduction
/// and statements, list items as bullets and other paragraphs as they are
/// (the parts of a split item after the first as paragraphs), packed into as few slides as the layout's
/// line budget allows (titles numbered "(2/3)" when a section spans
/// several). An item too long for one slide is split at sentence
/// boundaries, never cut. What is for the facilitator goes into the
/// slide's speaker notes (`<div class="notes">`), not onto the slide:
///  - a paragraph that opens with an emphasised label ending in a colon
///    ("*What the rules say:* …", the answer to a scenario) goes into the
///    notes of the slide holding the item before it;
///  - the items of the section with id "answer-key" go into the notes of
///    the slide of section "quiz" that asks the question of the same
///    number, and that section is not shown as slides.
std::string SlideDeckHtml(const model::ResolvedDocument& doc, const SlideLayout& layout = {});

}  // namespace policyc::render

#endif  // POLICYC_RENDER_SLIDE_DECK_H_
