// Training materials compiled from the statements' training hints: one
// module per audience (objectives, rules, scenarios, quiz, answer key), the
// training matrix and the training plan with its evaluation form. Their text
// is Markdown like every other document's; rules link to their statements.
#include "resolve/training.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/strings.h"
#include "resolve/derived_documents.h"
#include "resolve/resolver.h"

namespace policyc::resolve {

using base::EscapeMarkdown;
using base::LineBreaks;
using model::ResolvedDocument;
using model::ResolvedPack;
using model::ResolvedSection;
using model::ResolvedStatement;
using namespace derived;  // NOLINT: the shared helpers of derived documents

namespace {

constexpr int kQuizQuestions = 10;
constexpr int kScenarios = 3;

/// One training hint and the statement it belongs to.
struct TrainingHint {
  const ResolvedDocument* document;
  const ResolvedStatement* statement;
  std::string topic;  ///< the title of the statement's section

  std::string Ref() const { return document->id + "#" + statement->id; }
};

/// A module with its hints in document and statement order.
struct TrainingModule {
  const model::TrainingModuleSpec* spec;
  const model::CompiledDocumentSpec* documents;  ///< the training-modules builder's spec
  std::vector<TrainingHint> hints;

  std::string DocumentId() const { return model::TrainingDocumentId(*documents, *spec); }
  std::string Title() const { return documents->title + ": " + spec->title; }
};


/// Markdown as the body of a list item whose marker is `indent` wide: lines
/// after the first are indented to stay inside the item, so a list in the
/// text stays a list nested in the item. Trailing blank lines go.
std::string ListItem(std::string_view markdown, size_t indent) {
  std::string out;
  const std::string pad(indent, ' ');
  const std::string text = base::Trim(std::string(markdown));
  std::vector<std::string> lines = base::Split(text, '\n');
  // The source is indented as XML: drop the common indentation of the
  // lines after the first.
  size_t common = std::string::npos;
  for (size_t i = 1; i < lines.size(); ++i) {
    const size_t first = lines[i].find_first_not_of(" \t");
    if (first != std::string::npos) common = std::min(common, first);
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string line = lines[i];
    if (i > 0) {
      line = line.find_first_not_of(" \t") == std::string::npos ? "" : pad + line.substr(common);
      out += "\n";
    }
    out += line;
  }
  return out;
}

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }

/// Lower-cases an ordinary first word ("What"), never an acronym ("ISMS").
std::string LowerFirst(std::string text) {
  if (text.size() > 1 && IsAsciiUpper(text[0]) && IsAsciiLower(text[1])) {
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
  }
  return text;
}

std::string WithFullStop(std::string text) {
  while (!text.empty() &&
         (text.back() == '.' || text.back() == ',' || text.back() == ';' || text.back() == ':')) {
    text.pop_back();
  }
  return text + ".";
}

/// How strongly a hint's wording gives a situation to discuss.
enum class SituationKind { kNone, kQuestion, kTask, kCondition };

/// A situation a hint answers, in plain words, when its wording allows one.
struct Situation {
  SituationKind kind = SituationKind::kNone;
  std::string text;
};

/// "If you find X, do Y" → "You find X." (a condition); "How to X" → "You
/// need to X." (a task); "What X, and that Y" → "You are not sure what X."
/// (a question). Other wordings give none.
Situation SituationOf(const std::string& plain) {
  const std::string sentence = base::FirstSentence(plain);
  if (sentence.rfind("If ", 0) == 0) {
    // The condition ends at the first comma that closes a clause of four
    // words or more and is not followed by "or"/"and" (which continue it).
    for (size_t comma = sentence.find(", "); comma != std::string::npos;
         comma = sentence.find(", ", comma + 1)) {
      const std::string condition = sentence.substr(3, comma - 3);
      const std::string rest = sentence.substr(comma + 2);
      if (base::SplitWhitespace(condition).size() < 4) continue;
      if (rest.rfind("or ", 0) == 0 || rest.rfind("and ", 0) == 0) continue;
      return {SituationKind::kCondition, base::CapitaliseFirst(WithFullStop(condition))};
    }
    return {};
  }
  if (sentence.rfind("How to ", 0) == 0) {
    // "How to X, and what Y" is two topics; the task is the first.
    std::string task = sentence.substr(7);
    for (std::string_view next : {", and that ", ", and what ", ", and how ", ", and why ",
                                  ", and when ", ", and where ", ", and who ", ", and which "}) {
      const size_t at = task.find(next);
      if (at != std::string::npos) task.resize(at);
    }
    return {SituationKind::kTask, "You need to " + WithFullStop(task)};
  }
  for (std::string_view word : {"What ", "Which ", "Where ", "Who ", "Why ", "When "}) {
    if (sentence.rfind(word, 0) != 0) continue;
    // "When you join, expect…" is a condition, not a question.
    if (word == "When " && sentence.rfind("When you ", 0) == 0) return {};
    // "…, and that Y" states the answer: the question stops before it.
    std::string question = sentence;
    for (std::string_view answer : {", and that ", " and that "}) {
      const size_t at = question.find(answer);
      if (at != std::string::npos) question.resize(at);
    }
    return {SituationKind::kQuestion, "You are not sure " + LowerFirst(WithFullStop(question))};
  }
  return {};
}

/// "the Clear Desk Policy", escaped for Markdown.
std::string TheTitle(const std::string& title) {
  return (title.rfind("The ", 0) == 0 ? "" : "the ") + EscapeMarkdown(title);
}

std::string Count(size_t n, const std::string& singular) {
  return std::to_string(n) + " " + singular + (n == 1 ? "" : "s");
}





/// The modules that have at least one hint, in the library's order.
std::vector<TrainingModule> CollectModules(const ResolvedPack& pack, const model::CompiledDocumentSpec& documents) {
  std::vector<TrainingModule> modules;
  for (const auto& spec : pack.compiled.training_modules) modules.push_back({&spec, &documents, {}});
  for (const ResolvedDocument& doc : pack.documents) {
    struct Collector : model::DocumentVisitor {
      std::vector<TrainingModule>* modules;
      const ResolvedDocument* doc;
      std::vector<const model::ResolvedSection*> sections;
      void EnterSection(const model::ResolvedSection& section, int) override { sections.push_back(&section); }
      void LeaveSection(const model::ResolvedSection&, int) override { sections.pop_back(); }
      void VisitStatement(const ResolvedStatement& s, int) override {
        if (base::Trim(s.training).empty()) return;
        // A hint that names no audience is for the role that acts, or for
        // everyone when the statement names no role.
        std::vector<std::string> audience = s.training_audience;
        if (audience.empty() && !s.roles.empty()) audience.push_back(s.roles.front());
        for (TrainingModule& module : *modules) {
          const auto& roles = module.spec->roles;
          const bool addressed =
              audience.empty() ? module.spec->everyone
                               : std::any_of(audience.begin(), audience.end(), [&](const std::string& role) {
                                   return std::find(roles.begin(), roles.end(), role) != roles.end();
                                 });
          if (addressed) module.hints.push_back({doc, &s, sections.empty() ? doc->title : sections.back()->title});
        }
      }
    } collector;
    collector.modules = &modules;
    collector.doc = &doc;
    model::WalkDocument(doc, collector);
  }
  std::erase_if(modules, [](const TrainingModule& m) { return m.hints.empty(); });
  return modules;
}

/// The module's source documents in the order their hints come.
std::vector<const ResolvedDocument*> SourceDocuments(const TrainingModule& module) {
  std::vector<const ResolvedDocument*> out;
  for (const TrainingHint& hint : module.hints) {
    if (out.empty() || out.back() != hint.document) out.push_back(hint.document);
  }
  return out;
}

/// Up to `count` of the hints `keep` accepts, taken in turn from each
/// document (the first of each, then the second of each, …), so a short
/// list covers many documents.
template <typename Keep>
std::vector<const TrainingHint*> RoundRobin(const TrainingModule& module, size_t count, Keep keep) {
  std::vector<std::vector<const TrainingHint*>> by_document;
  for (const TrainingHint& hint : module.hints) {
    if (!keep(hint)) continue;
    if (by_document.empty() || by_document.back().front()->document != hint.document)
      by_document.emplace_back();
    by_document.back().push_back(&hint);
  }
  std::vector<const TrainingHint*> out;
  for (size_t round = 0; out.size() < count; ++round) {
    bool any = false;
    for (const auto& hints : by_document) {
      if (round >= hints.size() || out.size() >= count) continue;
      out.push_back(hints[round]);
      any = true;
    }
    if (!any) break;
  }
  return out;
}

/// Scenarios: hints that state a condition ("If you…") first, one per
/// document, then other hints whose wording gives a situation, one per
/// document, then any such hint, then any hint at all (asked about by a new
/// colleague), until there are kScenarios or no hints are left.
View Scenarios(const TrainingModule& module) {
  std::vector<const TrainingHint*> chosen;
  std::set<const TrainingHint*> used;
  std::set<const ResolvedDocument*> documents;
  auto choose = [&](bool one_per_document, SituationKind weakest) {
    for (const TrainingHint& hint : module.hints) {
      if (chosen.size() >= static_cast<size_t>(kScenarios)) return;
      if (used.count(&hint) || (one_per_document && documents.count(hint.document))) continue;
      const std::string plain = base::PlainText(hint.statement->training, LineBreaks::kCollapse);
      if (SituationOf(plain).kind < weakest) continue;
      chosen.push_back(&hint);
      used.insert(&hint);
      documents.insert(hint.document);
    }
  };
  choose(true, SituationKind::kCondition);
  choose(true, SituationKind::kQuestion);
  choose(false, SituationKind::kQuestion);
  choose(false, SituationKind::kNone);
  View scenarios{View::type::list};
  int number = 0;
  for (const TrainingHint* hint : chosen) {
    const Situation situation = SituationOf(base::PlainText(hint->statement->training, LineBreaks::kCollapse));
    View v;
    v.set("number", std::to_string(++number));
    v.set("document", EscapeMarkdown(hint->document->title));
    v.set("the_document", TheTitle(hint->document->title));
    v.set("situation", Opt(situation.kind == SituationKind::kNone ? "" : EscapeMarkdown(situation.text)));
    v.set("topic", EscapeMarkdown(LowerFirst(hint->topic)));
    v.set("statement", hint->statement->number);
    v.set("rule", ListItem(hint->statement->training, 0));
    v.set("link", Link(hint->statement->number, hint->Ref()));
    scenarios.push_back(v);
  }
  return scenarios;
}

/// Adds the learning objectives of one source document in a module to
/// `objectives`: those its hints give, once each, in order. Returns whether
/// there was one.
bool AddObjectives(const TrainingModule& module, const ResolvedDocument* source, View& objectives) {
  std::set<std::string> seen;
  for (const TrainingHint& hint : module.hints) {
    const std::string& objective = hint.statement->training_objective;
    if (hint.document != source || objective.empty() || !seen.insert(objective).second) continue;
    View o;
    const std::string plain = base::PlainText(objective, LineBreaks::kCollapse);
    o.set("objective", EscapeMarkdown(base::CapitaliseFirst(WithFullStop(plain))));
    o.set("link", Link(source->title, source->id));
    objectives.push_back(o);
  }
  return !seen.empty();
}

/// The quiz: a decision with its options when the library gives quiz
/// questions for the module's hints (the right answer placed by the
/// statement's id, so it moves between questions but not between builds);
/// otherwise a question on each of up to kQuizQuestions hints, answered by
/// the hint.
View Quiz(const TrainingModule& module) {
  const bool choices = std::any_of(module.hints.begin(), module.hints.end(),
                                   [](const TrainingHint& h) { return h.statement->quiz.has_value(); });
  View quiz{View::type::list};
  int question = 0;
  for (const TrainingHint* hint : RoundRobin(module, kQuizQuestions, [&](const TrainingHint& h) {
         return !choices || h.statement->quiz.has_value();
       })) {
    const std::string n = std::to_string(++question);
    View q;
    q.set("number", n);
    q.set("the_document", TheTitle(hint->document->title));
    q.set("topic", EscapeMarkdown(LowerFirst(hint->topic)));
    q.set("statement", hint->statement->number);
    q.set("link", Link(hint->statement->number, hint->Ref()));
    if (const auto& decision = hint->statement->quiz) {
      std::vector<std::string> options = decision->wrong;
      size_t right = 0;
      for (char c : hint->statement->id) right += static_cast<unsigned char>(c);
      right %= options.size() + 1;
      options.insert(options.begin() + static_cast<std::ptrdiff_t>(right), decision->answer);
      View list{View::type::list};
      for (size_t i = 0; i < options.size(); ++i) {
        View option;
        option.set("letter", std::string(1, static_cast<char>('a' + i)));
        option.set("text", ListItem(options[i], n.size() + 6));
        list.push_back(option);
      }
      q.set("question", ListItem(decision->question, n.size() + 2));
      q.set("options", list);
      q.set("letter", std::string(1, static_cast<char>('a' + right)));
      q.set("answer", ListItem(decision->answer, n.size() + 2));
    } else {
      q.set("question", Opt(""));
      q.set("options", View{View::type::list});
      q.set("letter", Opt(""));
      q.set("answer", ListItem(hint->statement->training, n.size() + 2));
    }
    quiz.push_back(q);
  }
  return quiz;
}

View ModuleView(const ResolvedPack& pack, const TrainingModule& module) {
  const std::vector<const ResolvedDocument*> sources = SourceDocuments(module);
  View view = BaseView(pack);
  view.set("audience", module.spec->audience);
  view.set("rule_count", Count(module.hints.size(), "rule"));
  view.set("document_count", Count(sources.size(), "document"));
  View source_list{View::type::list};
  View objectives{View::type::list};
  std::vector<std::string> without_objective;
  for (const ResolvedDocument* source : sources) {
    View rules{View::type::list};
    for (const TrainingHint& hint : module.hints) {
      if (hint.document != source) continue;
      View r;
      r.set("rule", ListItem(hint.statement->training, 2));
      r.set("link", Link(hint.statement->number, hint.Ref()));
      rules.push_back(r);
    }
    View v;
    v.set("id", source->id);
    v.set("title", source->title);
    v.set("link", Link(source->title, source->id));
    v.set("prefix_the", Flag(source->title.rfind("The ", 0) != 0));
    v.set("rules", rules);
    if (!AddObjectives(module, source, objectives)) {
      without_objective.push_back((source->title.rfind("The ", 0) == 0 ? "" : "the ") + Link(source->title, source->id));
    }
    source_list.push_back(v);
  }
  view.set("sources", source_list);
  view.set("has_objectives", Flag(!objectives.is_empty_list()));
  view.set("objectives", objectives);
  view.set("without_objective", Opt(base::JoinEnglish(without_objective)));
  view.set("scenarios", Scenarios(module));
  view.set("quiz", Quiz(module));
  return view;
}

/// The refresher interval as a sentence reads it ("12 months"): the
/// parameter the spec uses as "refresher".
std::string RefresherInterval(const ResolvedPack& pack, const model::CompiledDocumentSpec& spec) {
  const std::string id = UsedParameter(spec, "refresher");
  for (const auto& parameter : pack.parameters) {
    if (parameter.id == id) return parameter.value.ToText(parameter.unit);
  }
  return "12 months";
}

/// The roles each person holds, as given in the profile and as bound, by
/// person id: one pass over the roles for everyone, not one per person.
std::map<std::string, std::set<std::string>> HeldRoles(const ResolvedPack& pack) {
  std::map<std::string, std::set<std::string>> held;
  for (const auto& person : pack.people) held[person.id].insert(person.roles.begin(), person.roles.end());
  for (const auto& role : pack.roles) {
    for (const std::string& holder : role.holders) held[holder].insert(role.id);
  }
  return held;
}

bool Requires(const std::set<std::string>& held, const TrainingModule& module) {
  if (module.spec->everyone) return true;
  return std::any_of(module.spec->roles.begin(), module.spec->roles.end(),
                     [&](std::string_view role) { return held.count(std::string(role)) > 0; });
}

View MatrixView(const ResolvedPack& pack, const model::CompiledDocumentSpec& spec,
                const std::vector<TrainingModule>& modules) {
  View view = BaseView(pack);
  view.set("refresher", EscapeMarkdown(RefresherInterval(pack, spec)));
  std::vector<std::string> links;
  View module_list{View::type::list};
  for (const TrainingModule& module : modules) {
    links.push_back(Link(module.Title(), module.DocumentId()));
    View m;
    m.set("title", EscapeMarkdown(module.spec->title));
    module_list.push_back(m);
  }
  view.set("module_links", base::Join(links, "; "));
  view.set("modules", module_list);
  View people{View::type::list};
  const auto held = HeldRoles(pack);
  for (const model::Person& person : pack.people) {
    View required{View::type::list};
    for (const TrainingModule& module : modules) {
      View cell;
      cell.set("required", Flag(Requires(held.at(person.id), module)));
      required.push_back(cell);
    }
    View p;
    p.set("name", EscapeMarkdown(PersonName(pack, person.id)));
    p.set("required", required);
    people.push_back(p);
  }
  view.set("people", people);
  return view;
}

std::string DurationText(size_t rules) {
  const size_t minutes = 10 * ((rules + 4) / 5);
  if (minutes < 60) return std::to_string(minutes) + " minutes";
  std::string text = Count(minutes / 60, "hour");
  return minutes % 60 ? text + " " + std::to_string(minutes % 60) + " minutes" : text;
}

View PlanView(const ResolvedPack& pack, const model::CompiledDocumentSpec& spec,
              const std::vector<TrainingModule>& modules) {
  View view = BaseView(pack);
  const std::string refresher = EscapeMarkdown(RefresherInterval(pack, spec));
  view.set("refresher", refresher);
  view.set("matrix", LinkTo(pack, "training-needs", "the training matrix"));
  view.set("records", EscapeMarkdown(RoleTitle(pack, UsedRole(spec, "records"))));
  const std::string approval =
      pack.documents.empty() ? std::string() : pack.documents.front().approval_date;
  View module_list{View::type::list};
  for (const TrainingModule& module : modules) {
    std::vector<std::string> audience;
    for (const std::string& role : module.spec->roles) audience.push_back(EscapeMarkdown(RoleTitle(pack, role)));
    View m;
    m.set("link", Link(module.Title(), module.DocumentId()));
    m.set("everyone", Flag(module.spec->everyone));
    m.set("audience", base::JoinEnglish(audience));
    m.set("rules", std::to_string(module.hints.size()));
    m.set("length", DurationText(module.hints.size()));
    m.set("first_due", Opt(approval.empty() ? "" : base::AddMonths(approval, 1)));
    m.set("refresher", refresher);
    module_list.push_back(m);
  }
  view.set("modules", module_list);
  return view;
}

}  // namespace

std::vector<ResolvedDocument> TrainingDocuments(const ResolvedPack& pack, base::DiagnosticSink& sink) {
  const model::CompiledDocumentSpec* documents = pack.compiled.Find("training-modules");
  if (!documents) return {};
  const std::vector<TrainingModule> modules = CollectModules(pack, *documents);
  if (modules.empty()) return {};
  std::vector<ResolvedDocument> out;
  auto add = [&](std::optional<ResolvedDocument> doc, bool slides) {
    if (!doc) return;
    doc->slides = slides;
    out.push_back(std::move(*doc));
  };
  for (const TrainingModule& module : modules) {
    add(FromTemplate(pack, *documents, ModuleView(pack, module), sink, module.DocumentId(), module.Title()), true);
  }
  if (const auto* matrix = pack.compiled.Find("training-needs")) {
    add(FromTemplate(pack, *matrix, MatrixView(pack, *matrix, modules), sink), false);
  }
  if (const auto* plan = pack.compiled.Find("training-schedule")) {
    add(FromTemplate(pack, *plan, PlanView(pack, *plan, modules), sink), false);
  }
  return out;
}

}  // namespace policyc::resolve
