#include "render/slide_deck.h"

#include <gtest/gtest.h>

#include "base/strings.h"
#include "render/markdown.h"

namespace policyc::render {
namespace {

using model::ResolvedDocument;
using model::ResolvedSection;
using model::ResolvedStatement;

ResolvedSection Section(std::string id, std::string title, std::string intro) {
  ResolvedSection s;
  s.id = std::move(id);
  s.title = std::move(title);
  s.intro = std::move(intro);
  return s;
}

ResolvedDocument Deck(std::vector<ResolvedSection> sections) {
  ResolvedDocument doc;
  doc.id = "training-all-staff";
  doc.title = "Security Awareness Training: All Staff";
  doc.summary = "What the policies ask of all staff.";
  doc.sections = std::move(sections);
  return doc;
}

struct ParsedSlide {
  std::string title;
  std::string body;   ///< the HTML between the heading and the notes
  std::string notes;  ///< the notes' HTML, "" for none
};

std::vector<ParsedSlide> Slides(const std::string& html) {
  std::vector<ParsedSlide> out;
  for (size_t at = html.find("<h2>"); at != std::string::npos;) {
    const size_t title_end = html.find("</h2>", at);
    const size_t next = html.find("<h2>", title_end);
    std::string rest = html.substr(title_end + 5, (next == std::string::npos ? html.find("</body>") : next) - title_end - 5);
    ParsedSlide slide;
    slide.title = html.substr(at + 4, title_end - at - 4);
    const size_t notes = rest.find("<div class=\"notes\">");
    slide.body = rest.substr(0, notes);
    if (notes != std::string::npos) slide.notes = rest.substr(notes);
    out.push_back(slide);
    at = next;
  }
  return out;
}

/// A slide's body as the layout measures it: sixths of a line.
int Cost(const std::string& body, const SlideLayout& layout) {
  int cost = 0;
  for (size_t at = body.find("<li>"); at != std::string::npos; at = body.find("<li>", at + 1)) {
    const std::string item = body.substr(at, body.find("</li>", at) - at);
    cost += 6 * WrappedLines(VisibleText(item), layout.chars_per_line) + 1;
  }
  // Paragraphs outside lists (the parts of a split item after the first).
  std::string outside = body;
  for (size_t at = outside.find("<ul>"); at != std::string::npos; at = outside.find("<ul>")) outside.erase(at, outside.find("</ul>", at) + 5 - at);
  for (size_t at = outside.find("<ol"); at != std::string::npos; at = outside.find("<ol")) outside.erase(at, outside.find("</ol>", at) + 5 - at);
  for (size_t at = outside.find("<p>"); at != std::string::npos; at = outside.find("<p>", at + 1)) {
    cost += 6 * WrappedLines(VisibleText(outside.substr(at, outside.find("</p>", at) - at)), layout.chars_per_line) + 1;
  }
  return cost;
}

TEST(RenderSlideDeck, WrapsAtSpacesAndCountsCodePoints) {
  EXPECT_EQ(WrappedLines("", 10), 1);
  EXPECT_EQ(WrappedLines("aaaa bbbb", 10), 1);
  EXPECT_EQ(WrappedLines("aaaa bbbbbb", 10), 2) << "the second word does not fit after the first";
  EXPECT_EQ(WrappedLines("aaaaaaaaaaaaaaaaaaaaaaaaa", 10), 3) << "a word longer than a line";
  EXPECT_EQ(WrappedLines("‘aaaaaaaa’", 10), 1) << "quotes are one character each, not three bytes";
  EXPECT_EQ(VisibleText("<ul>\n<li>Tom &amp; <em>Jerry</em></li>\n</ul>"), "Tom ? Jerry");
}

TEST(RenderSlideDeck, PacksItemsByLinesAndNumbersTheSlidesOfASection) {
  ResolvedSection rules = Section("rules-x", "Access Control Policy", "");
  for (int i = 0; i < 30; ++i) {
    ResolvedStatement s;
    s.text = "Rule " + std::to_string(i) + ": lock your screen when you leave your desk, even for a moment.";
    rules.items.emplace_back(s);
  }
  const SlideLayout layout;
  const std::vector<ParsedSlide> slides = Slides(SlideDeckHtml(Deck({rules}), layout));
  ASSERT_GE(slides.size(), 4u);
  EXPECT_EQ(slides[0].title, "About this module");
  EXPECT_EQ(slides[1].title, "Access Control Policy (1/" + std::to_string(slides.size() - 1) + ")");
  int rules_seen = 0;
  for (const ParsedSlide& slide : slides) {
    EXPECT_LE(Cost(slide.body, layout), layout.budget_sixths) << slide.title << slide.body;
    for (size_t at = slide.body.find("Rule "); at != std::string::npos; at = slide.body.find("Rule ", at + 1)) ++rules_seen;
  }
  EXPECT_EQ(rules_seen, 30);
  // Two-line rules (6 × 2 + 1 sixths each): four to a slide of 63 sixths.
  EXPECT_EQ(slides.size(), 1u + 8u);
}

TEST(RenderSlideDeck, SplitsAnItemTooLongForASlideAtSentencesWithoutLosingAWord) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Sentence " + std::to_string(i) + " says what staff must do about it. ";
  ResolvedSection section = Section("rules-x", "Long", "");
  ResolvedStatement s;
  s.text = base::Trim(text);
  section.items.emplace_back(s);
  const SlideLayout layout;
  const std::vector<ParsedSlide> slides = Slides(SlideDeckHtml(Deck({section}), layout));
  ASSERT_GE(slides.size(), 4u);
  std::string shown;
  for (size_t i = 1; i < slides.size(); ++i) {
    EXPECT_LE(Cost(slides[i].body, layout), layout.budget_sixths) << slides[i].body;
    shown += VisibleText(slides[i].body) + " ";
    // Each part ends at the end of a sentence.
    EXPECT_EQ(base::Trim(VisibleText(slides[i].body)).back(), '.') << slides[i].body;
  }
  EXPECT_EQ(base::Trim(shown), base::Trim(text));
}

TEST(RenderSlideDeck, ScenarioAnswersAndTheAnswerKeyGoToTheNotes) {
  ResolvedSection scenarios = Section(
      "scenarios", "Scenarios",
      "Discuss each situation.\n\n"
      "**Scenario 1** (Clear Desk Policy)\n\nYou find papers left out. What do you do?\n\n"
      "*What the rules say:* Secure them and tell the owner's manager. (4.2)\n\n"
      "**Scenario 2** (Remote Working Policy)\n\nYou work in a café. What do you do?\n\n"
      "*What the rules say:* Sit where nobody reads your screen. (3.1)\n");
  ResolvedSection quiz = Section("quiz", "Quiz", "Answer in your own words.\n\n1. What about papers?\n2. What about cafés?\n");
  ResolvedSection key = Section("answer-key", "Answer key", "1. Secure them. (4.2)\n2. Guard your screen. (3.1)\n");
  const std::vector<ParsedSlide> slides = Slides(SlideDeckHtml(Deck({scenarios, quiz, key})));
  std::vector<std::string> titles;
  for (const ParsedSlide& slide : slides) titles.push_back(slide.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"About this module", "Scenarios (1/2)", "Scenarios (2/2)", "Quiz"}))
      << "one scenario to a slide; no slide for the answer key";
  for (const ParsedSlide& slide : slides) {
    EXPECT_EQ(slide.body.find("rules say"), std::string::npos) << slide.body;
    EXPECT_EQ(slide.body.find("Secure them"), std::string::npos) << slide.body;
  }
  EXPECT_NE(slides[1].body.find("You find papers left out."), std::string::npos);
  EXPECT_NE(slides[1].notes.find("Secure them and tell"), std::string::npos) << slides[1].notes;
  EXPECT_EQ(slides[1].notes.find("Sit where"), std::string::npos) << "each scenario's answer on its own slide";
  EXPECT_NE(slides[2].notes.find("<strong>Scenario 2</strong>"), std::string::npos) << slides[2].notes;
  EXPECT_NE(slides[2].notes.find("Sit where nobody reads your screen."), std::string::npos);
  EXPECT_EQ(slides[3].notes,
            "<div class=\"notes\">\n<p><strong>Answer key</strong></p>\n<p>1. Secure them. (4.2)</p>\n"
            "<p>2. Guard your screen. (3.1)</p>\n</div>\n");
}

TEST(RenderSlideDeck, AQuestionKeepsItsOptionsAsANestedListOnItsSlide) {
  ResolvedSection quiz = Section("quiz", "Quiz",
                                 "Choose one answer.\n\n1. A stranger tailgates you. What do you do?\n\n"
                                 "    - **(a)** Hold the door.\n    - **(b)** Ask them to badge in.\n\n"
                                 "2. You find a USB stick. What do you do?\n\n"
                                 "    - **(a)** Plug it in.\n    - **(b)** Hand it to IT.\n");
  ResolvedSection key = Section("answer-key", "Answer key", "1. **(b)** Ask them. (2.1)\n2. **(b)** Hand it in. (3.4)\n");
  const std::vector<ParsedSlide> slides = Slides(SlideDeckHtml(Deck({quiz, key})));
  std::string quiz_bodies;
  int quiz_slides = 0;
  for (const ParsedSlide& slide : slides) {
    if (slide.title.rfind("Quiz", 0) != 0) continue;
    ++quiz_slides;
    quiz_bodies += slide.body;
    // Each option is its own list item inside its question's item, never run into one line.
    EXPECT_EQ(slide.body.find(" - <strong>"), std::string::npos) << slide.body;
  }
  EXPECT_LE(quiz_slides, 2) << "the options stay with their question";
  EXPECT_NE(quiz_bodies.find("<li><strong>(a)</strong> Hold the door.</li>"), std::string::npos) << quiz_bodies;
  EXPECT_NE(quiz_bodies.find("<li><strong>(b)</strong> Hand it to IT.</li>"), std::string::npos) << quiz_bodies;
}

TEST(RenderSlideDeck, WithoutAQuizTheAnswerKeyIsShownAsSlides) {
  ResolvedSection key = Section("answer-key", "Answer key", "1. Secure them.\n");
  const std::vector<ParsedSlide> slides = Slides(SlideDeckHtml(Deck({key})));
  ASSERT_EQ(slides.size(), 2u);
  EXPECT_EQ(slides[1].title, "Answer key");
  EXPECT_NE(slides[1].body.find("Secure them."), std::string::npos);
}

}  // namespace
}  // namespace policyc::render
