#include "resolve/training.h"

#include "base/file_system.h"
#include "base/strings.h"
#include "load/source_loader.h"
#include "support/test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace policyc::resolve {
namespace {

using model::ResolvedDocument;
using model::ResolvedPack;
using model::ResolvedSection;
using model::ResolvedStatement;

ResolvedStatement Hint(const std::string& id, const std::string& number,
                       const std::string& training, std::vector<std::string> audience) {
  ResolvedStatement s;
  s.id = id;
  s.number = number;
  s.text = "Statement " + id + ".";
  s.training = training;
  s.training_audience = std::move(audience);
  return s;
}

/// The shipped layouts of the compiled documents, read once.
const std::vector<model::CompiledTemplate>& ShippedLayouts() {
  static const std::vector<model::CompiledTemplate> layouts = [] {
    base::DiskFileSystem fs;
    base::DiagnosticSink sink;
    load::XmlReader reader(fs, testing::SourceDir() + "/schemas");
    auto out = load::LoadCompiledTemplates(reader, fs, testing::SourceDir() + "/templates/compiled", sink);
    EXPECT_FALSE(sink.HasErrors()) << testing::Formatted(sink);
    return out;
  }();
  return layouts;
}

/// The training documents of a pack, with no diagnostics expected.
std::vector<ResolvedDocument> Training(const ResolvedPack& pack) {
  base::DiagnosticSink sink;
  auto docs = TrainingDocuments(pack, sink);
  EXPECT_FALSE(sink.HasErrors()) << testing::Formatted(sink);
  return docs;
}

/// Two documents with hints for all staff, developers and incident
/// responders; three people; a refresher interval of 6 months.
ResolvedPack SmallPack() {
  ResolvedPack pack;
  pack.organisation.name = "Smith & Jones Ltd";

  ResolvedDocument use;
  use.id = "acceptable-use";
  use.title = "Acceptable Use Policy";
  use.kind = "policy";
  use.approver = "Ann Smith (Director)";
  use.version = "1.0";
  use.approval_date = "2026-03-15";
  use.next_review = "2027-03-15";
  use.classification = "internal";
  ResolvedSection devices;
  devices.id = "devices";
  devices.number = "1";
  devices.title = "Devices";
  devices.items.emplace_back(
      Hint("lock", "1.1", "Lock your screen every time you step away.", {"all-staff"}));
  devices.items.emplace_back(Hint(
      "malware", "1.2", "If your device warns you about malware, stop and report it at once.", {}));
  devices.items.emplace_back(Hint("secrets", "1.3",
                                  "Where secrets belong, and that a secret in a repository is "
                                  "compromised even after deletion.",
                                  {"developer"}));
  use.sections.push_back(devices);

  ResolvedDocument plan;
  plan.id = "incident-response-plan";
  plan.title = "Incident Response Plan";
  plan.kind = "plan";
  plan.approval_date = "2026-03-15";
  ResolvedSection activation;
  activation.id = "activation";
  activation.number = "2";
  activation.title = "Activation";
  activation.items.emplace_back(
      Hint("triggers", "2.1", "How to decide whether the plan is activated, and who must be told.",
           {"incident-manager"}));
  activation.items.emplace_back(
      Hint("report", "2.2", "Report a suspected incident to the incident manager straight away.",
           {"all-staff"}));
  ResolvedStatement no_hint;
  no_hint.id = "log";
  no_hint.number = "2.3";
  no_hint.text = "Keep a log.";
  activation.items.emplace_back(no_hint);
  plan.sections.push_back(activation);

  pack.documents = {use, plan};

  auto person = [](std::string id, std::string name, std::string job,
                   std::vector<std::string> roles) {
    model::Person p;
    p.id = std::move(id);
    p.name = std::move(name);
    p.job_title = std::move(job);
    p.roles = std::move(roles);
    return p;
  };
  pack.people = {person("ann", "Ann Smith", "Director", {"isms-manager"}),
                 person("dev", "Dev Patel", "Developer", {"developer"}),
                 person("ian", "Ian Jones", "Operations Lead", {"incident-manager"})};
  auto role = [](std::string id, std::string title, std::vector<std::string> holders,
                 bool everyone = false) {
    model::ResolvedRole r;
    r.id = std::move(id);
    r.title = std::move(title);
    r.holders = std::move(holders);
    r.everyone = everyone;
    return r;
  };
  pack.roles = {role("isms-manager", "Information Security Manager", {"ann"}),
                role("hr-manager", "HR Manager", {"ann"}), role("developer", "Developer", {"dev"}),
                role("incident-manager", "Incident Manager", {"ian"}),
                role("all-staff", "All Staff", {"ann", "dev", "ian"}, true)};

  model::ResolvedValue refresher;
  refresher.id = "awareness_refresher_interval";
  refresher.type = model::ValueType::kDuration;
  refresher.value.type = model::ValueType::kDuration;
  refresher.value.duration = {6, "months"};
  pack.parameters.push_back(refresher);
  // What the shipped library's compiled-documents.xml says of training.
  using model::CompiledDocumentSpec;
  using model::CompiledUse;
  const CompiledUse refresher_use{"refresher", "", "awareness_refresher_interval", "", {}};
  pack.compiled.documents = {
      CompiledDocumentSpec{"training-modules", "training", "Security Awareness Training", "guide", "isms-manager",
                           {"7.2", "7.3", "A.6.3"}, {}, {}},
      CompiledDocumentSpec{"training-needs", "training-matrix", "Training Matrix", "record", "hr-manager", {"7.2"},
                           {refresher_use}, {}},
      CompiledDocumentSpec{"training-schedule", "training-plan", "Security Awareness Training Plan", "plan",
                           "isms-manager", {"7.2", "7.3"}, {refresher_use, CompiledUse{"records", "isms-manager", "", "", {}}},
                           {}}};
  pack.compiled.templates = ShippedLayouts();
  pack.compiled.training_modules = {
      {"all-staff", "All Staff", "everyone who works for the organisation", {"all-staff"}, true, {}},
      {"managers", "Managers", "managers", {"line-manager", "top-management", "hr-manager", "supplier-contact"}, false, {}},
      {"technical-staff", "Technical Staff", "technical staff", {"it-manager", "system-administrator"}, false, {}},
      {"developers", "Developers", "developers", {"developer"}, false, {}},
      {"isms-team", "ISMS Team", "the ISMS team", {"isms-manager", "risk-owner", "asset-owner", "internal-auditor", "dpo"},
       false, {}},
      {"incident-responders", "Incident Responders", "incident responders", {"incident-manager"}, false, {}}};
  return pack;
}

const ResolvedDocument& Find(const std::vector<ResolvedDocument>& docs, const std::string& id) {
  auto it =
      std::find_if(docs.begin(), docs.end(), [&](const ResolvedDocument& d) { return d.id == id; });
  EXPECT_NE(it, docs.end()) << "no document " << id;
  return *it;
}

const ResolvedSection& FindSection(const ResolvedDocument& doc, const std::string& id) {
  for (const ResolvedSection& section : doc.sections) {
    if (section.id == id) return section;
    for (const auto& item : section.items) {
      const auto* sub = std::get_if<ResolvedSection>(&item);
      if (sub && sub->id == id) return *sub;
    }
  }
  ADD_FAILURE() << "no section " << id << " in " << doc.id;
  static const ResolvedSection kNone;
  return kNone;
}

/// The lines of `markdown` that start with `prefix`.
std::vector<std::string> LinesStartingWith(const std::string& markdown, const std::string& prefix) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= markdown.size()) {
    size_t end = markdown.find('\n', start);
    if (end == std::string::npos) end = markdown.size();
    std::string line = markdown.substr(start, end - start);
    if (line.rfind(prefix, 0) == 0) out.push_back(line);
    start = end + 1;
  }
  return out;
}

/// Lines of a numbered list: "1. …", "2. …".
std::vector<std::string> NumberedItems(const std::string& markdown) {
  std::vector<std::string> out;
  for (int n = 1;; ++n) {
    auto lines = LinesStartingWith(markdown, std::to_string(n) + ". ");
    if (lines.empty()) return out;
    out.push_back(lines.front());
  }
}

TEST(ResolveTraining, OneModulePerAddressedAudienceThenMatrixAndPlan) {
  const auto docs = Training(SmallPack());
  std::vector<std::string> ids;
  for (const auto& d : docs) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"training-all-staff", "training-developers",
                                           "training-incident-responders", "training-matrix",
                                           "training-plan"}));
  const ResolvedDocument& all = Find(docs, "training-all-staff");
  EXPECT_EQ(all.title, "Security Awareness Training: All Staff");
  EXPECT_EQ(all.kind, "guide");
  EXPECT_EQ(all.owner_role, "isms-manager");
  EXPECT_EQ(all.owner_title, "Information Security Manager");
  EXPECT_EQ(all.owner_names, "Ann Smith (Director)");
  EXPECT_EQ(all.serves, (std::vector<std::string>{"7.2", "7.3", "A.6.3"}));
  EXPECT_EQ(all.approval_date, "2026-03-15");
  EXPECT_EQ(all.next_review, "2027-03-15");
  EXPECT_EQ(all.version, "1.0");
  EXPECT_EQ(all.classification, "internal");
  EXPECT_EQ(
      all.summary,
      "What the information security policies of Smith \\& Jones Ltd ask of everyone who works "
      "for the organisation: 3 rules from 2 documents, with scenarios to discuss, a quiz and its "
      "answer key. The module is compiled from the training notes of the policy statements, so it "
      "changes when they do.");
  std::vector<std::string> titles;
  for (const auto& s : all.sections) titles.push_back(s.number + " " + s.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"1 Learning objectives", "2 The rules", "3 Scenarios",
                                              "4 Quiz", "5 Answer key"}));
}

TEST(ResolveTraining, NoHintsNoDocuments) {
  ResolvedPack pack = SmallPack();
  pack.documents.resize(1);
  pack.documents[0].sections.clear();
  EXPECT_TRUE(Training(pack).empty());
}

/// The statement `id` of the small pack.
ResolvedStatement& StatementOf(ResolvedPack& pack, const std::string& id) {
  for (auto& doc : pack.documents) {
    for (auto& item : doc.sections[0].items) {
      if (auto* s = std::get_if<ResolvedStatement>(&item); s && s->id == id) return *s;
    }
  }
  ADD_FAILURE() << "no statement " << id;
  static ResolvedStatement none;
  return none;
}

TEST(ResolveTraining, ObjectivesAndRulesLinkToTheirSources) {
  ResolvedPack pack = SmallPack();
  StatementOf(pack, "lock").training_objective = "leave your screen locked whenever you are away from it";
  StatementOf(pack, "malware").training_objective = "leave your screen locked whenever you are away from it";
  const auto docs = Training(pack);
  const ResolvedDocument& all = Find(docs, "training-all-staff");
  // An objective says what the learner can do, once however many hints
  // give it; a document with none is named, not given an empty objective.
  EXPECT_EQ(FindSection(all, "learning-objectives").intro,
            "By the end of this module you will be able to:\n\n"
            "- Leave your screen locked whenever you are away from it. "
            "([Acceptable Use Policy](policyc:acceptable-use))\n\n"
            "The module also gives the rules of the [Incident Response Plan](policyc:incident-response-plan): "
            "each is listed under the rules below.");
  const ResolvedSection& rules = FindSection(all, "rules-acceptable-use");
  EXPECT_EQ(rules.number, "2.1");
  EXPECT_EQ(rules.title, "Acceptable Use Policy");
  // The hint without an audience is for all staff; the developer's is not.
  EXPECT_EQ(rules.intro,
            "- Lock your screen every time you step away. ([1.1](policyc:acceptable-use#lock))\n"
            "- If your device warns you about malware, stop and report it at once. "
            "([1.2](policyc:acceptable-use#malware))\n");
  EXPECT_EQ(FindSection(all, "rules-incident-response-plan").intro,
            "- Report a suspected incident to the incident manager straight away. "
            "([2.2](policyc:incident-response-plan#report))\n");
}

TEST(ResolveTraining, AModuleWithoutObjectivesPromisesNone) {
  const auto docs = Training(SmallPack());
  EXPECT_EQ(base::Trim(FindSection(Find(docs, "training-all-staff"), "learning-objectives").intro),
            "The module gives the rules of the [Acceptable Use Policy](policyc:acceptable-use) and the "
            "[Incident Response Plan](policyc:incident-response-plan): each is listed under the rules below.");
}

TEST(ResolveTraining, ScenariosComeFromTheHints) {
  const auto docs = Training(SmallPack());
  const std::string& all = FindSection(Find(docs, "training-all-staff"), "scenarios").intro;
  EXPECT_EQ(LinesStartingWith(all, "**Scenario ").size(), 3u);
  EXPECT_NE(all.find("**Scenario 1** (Acceptable Use Policy)\n\n"
                     "Your device warns you about malware. What do you do?\n\n"
                     "*What the rules say:* If your device warns you about malware, stop and "
                     "report it at once. ([1.2](policyc:acceptable-use#malware))\n\n"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("A new colleague asks you what the Incident Response Plan expects of them "
                     "on activation (statement 2.2). What do you tell them?"),
            std::string::npos)
      << all;
  const std::string& developers = FindSection(Find(docs, "training-developers"), "scenarios").intro;
  // The question stops before "and that", which states the answer.
  EXPECT_NE(developers.find("You are not sure where secrets belong. What do you do?"),
            std::string::npos)
      << developers;
  const std::string& responders =
      FindSection(Find(docs, "training-incident-responders"), "scenarios").intro;
  EXPECT_NE(responders.find("You need to decide whether the plan is activated. What do you do?"),
            std::string::npos)
      << responders;
}

TEST(ResolveTraining, QuizAndAnswerKeyMatch) {
  const auto docs = Training(SmallPack());
  const ResolvedDocument& all = Find(docs, "training-all-staff");
  const auto questions = NumberedItems(FindSection(all, "quiz").intro);
  const auto answers = NumberedItems(FindSection(all, "answer-key").intro);
  ASSERT_EQ(questions.size(), 3u);
  EXPECT_EQ(answers.size(), questions.size());
  // One hint of each document in turn.
  // Each question names the statement and its topic; nothing is cut short.
  EXPECT_EQ(questions[0],
            "1. What does the Acceptable Use Policy ask of you on devices (statement 1.1)? Answer in your own words.");
  EXPECT_EQ(questions[1],
            "2. What does the Incident Response Plan ask of you on activation (statement 2.2)? Answer in your own "
            "words.");
  for (const std::string& q : questions) EXPECT_EQ(q.find("…"), std::string::npos) << q;
  EXPECT_EQ(answers[1],
            "2. Report a suspected incident to the incident manager straight away. "
            "([2.2](policyc:incident-response-plan#report))");
}

TEST(ResolveTraining, QuizAsksForADecisionWhenTheLibraryGivesOne) {
  ResolvedPack pack = SmallPack();
  StatementOf(pack, "lock").quiz = ResolvedStatement::Quiz{
      "You are called away from your desk. What do you do?", "Lock the screen first.",
      {"Leave it: it locks itself.", "Ask a colleague to watch it."}};
  const auto docs = Training(pack);
  const ResolvedDocument& all = Find(docs, "training-all-staff");
  // Only the hints with a quiz question are asked about, with every option.
  const std::string& quiz = FindSection(all, "quiz").intro;
  EXPECT_EQ(NumberedItems(quiz),
            std::vector<std::string>{"1. You are called away from your desk. What do you do?"});
  EXPECT_EQ(LinesStartingWith(quiz, "    - ").size(), 3u) << quiz;
  // The right answer's place is fixed by the statement id (the sum of the
  // characters of "lock", 425, modulo the 3 options: the third).
  EXPECT_NE(quiz.find("    - **(a)** Leave it: it locks itself.\n"), std::string::npos) << quiz;
  EXPECT_NE(quiz.find("    - **(c)** Lock the screen first.\n"), std::string::npos) << quiz;
  EXPECT_EQ(NumberedItems(FindSection(all, "answer-key").intro),
            std::vector<std::string>{
                "1. **(c)** Lock the screen first. ([1.1](policyc:acceptable-use#lock))"});
}

TEST(ResolveTraining, QuizStopsAtTenQuestions) {
  ResolvedPack pack = SmallPack();
  auto& items = pack.documents[0].sections[0].items;
  for (int i = 0; i < 12; ++i) {
    items.emplace_back(Hint("extra" + std::to_string(i), "1." + std::to_string(4 + i),
                            "Rule number " + std::to_string(i) + ".", {"all-staff"}));
  }
  const auto docs = Training(pack);
  const ResolvedDocument& all = Find(docs, "training-all-staff");
  EXPECT_EQ(NumberedItems(FindSection(all, "quiz").intro).size(), 10u);
  EXPECT_EQ(NumberedItems(FindSection(all, "answer-key").intro).size(), 10u);
}

TEST(ResolveTraining, MatrixRequiresModulesByRole) {
  const auto docs = Training(SmallPack());
  const ResolvedDocument& matrix = Find(docs, "training-matrix");
  EXPECT_EQ(matrix.kind, "record");
  EXPECT_EQ(matrix.owner_role, "hr-manager");
  EXPECT_EQ(matrix.serves, (std::vector<std::string>{"7.2"}));
  const ResolvedSection& required = FindSection(matrix, "required-training");
  ASSERT_EQ(required.tables.size(), 1u);
  EXPECT_EQ(model::TableText(required.tables[0]),
            "Person | All Staff | Developers | Incident Responders\n"
            "Ann Smith (Director) | Required | — | —\n"
            "Dev Patel (Developer) | Required | Required | —\n"
            "Ian Jones (Operations Lead) | Required | — | Required\n");
  EXPECT_NE(required.intro.find("[Security Awareness Training: Developers](policyc:training-developers)"),
            std::string::npos);
  EXPECT_EQ(FindSection(matrix, "refresher").intro,
            "Every required module is completed again every 6 months. A person who takes on a "
            "role completes its module before acting in it.");
}

TEST(ResolveTraining, RefresherFallsBackToTwelveMonths) {
  ResolvedPack pack = SmallPack();
  pack.parameters.clear();
  const auto docs = Training(pack);
  EXPECT_NE(FindSection(Find(docs, "training-matrix"), "refresher").intro.find("every 12 months."),
            std::string::npos);
}

TEST(ResolveTraining, PlanIsDueAMonthAfterApproval) {
  const auto docs = Training(SmallPack());
  const ResolvedDocument& plan = Find(docs, "training-plan");
  EXPECT_EQ(plan.kind, "plan");
  EXPECT_EQ(plan.owner_role, "isms-manager");
  EXPECT_EQ(plan.serves, (std::vector<std::string>{"7.2", "7.3"}));
  const model::Table& modules = FindSection(plan, "modules").tables.at(0);
  EXPECT_EQ(modules.rows,
            (std::vector<std::vector<std::string>>{
                {"[Security Awareness Training: All Staff](policyc:training-all-staff)", "Everyone", "E-learning",
                 "3", "10 minutes", "2026-04-15", "Every 6 months"},
                {"[Security Awareness Training: Developers](policyc:training-developers)", "Developer", "Workshop",
                 "1", "10 minutes", "2026-04-15", "Every 6 months"},
                {"[Security Awareness Training: Incident Responders](policyc:training-incident-responders)",
                 "Incident Manager", "Workshop", "1", "10 minutes", "2026-04-15", "Every 6 months"}}));
  const ResolvedSection& evaluation = FindSection(plan, "effectiveness-evaluation");
  const std::string& form = evaluation.intro;
  EXPECT_NE(model::TableText(evaluation.tables.at(0)).find("Quiz score (correct answers out of questions asked) | \n"),
            std::string::npos);
  EXPECT_NE(form.find("(7.2 d))"), std::string::npos);
  EXPECT_NE(form.find("(9.1)"), std::string::npos);
}

TEST(ResolveTraining, LengthIsTenMinutesPerFiveRules) {
  ResolvedPack pack = SmallPack();
  auto& items = pack.documents[0].sections[0].items;
  for (int i = 0; i < 30; ++i) {
    items.emplace_back(
        Hint("extra" + std::to_string(i), "1." + std::to_string(4 + i), "Rule.", {"all-staff"}));
  }
  // 33 rules for all staff: 7 blocks of 5, 70 minutes.
  const auto docs = Training(pack);
  EXPECT_NE(model::TableText(FindSection(Find(docs, "training-plan"), "modules").tables.at(0))
                .find("| 33 | 1 hour 10 minutes |"),
            std::string::npos);
}

TEST(ResolveTraining, AHintWithoutAudienceIsForTheRoleThatActs) {
  ResolvedPack pack = SmallPack();
  ResolvedStatement acted = Hint("review-code", "1.9", "Review every change before it is merged.", {});
  acted.roles = {"developer", "it-manager"};
  ResolvedStatement nobody = Hint("tidy", "1.10", "Keep your desk clear.", {});
  ResolvedStatement unlisted = Hint("visitors", "1.11", "Sign every visitor in.", {"receptionist"});
  pack.documents[0].sections[0].items.emplace_back(acted);
  pack.documents[0].sections[0].items.emplace_back(nobody);
  pack.documents[0].sections[0].items.emplace_back(unlisted);
  const auto docs = Training(pack);
  auto teaches = [&](const std::string& module, const std::string& rule) {
    for (const auto& doc : docs) {
      if (doc.id != module) continue;
      for (const auto& section : doc.sections) {
        for (const auto& item : section.items) {
          const auto* sub = std::get_if<ResolvedSection>(&item);
          if (sub && sub->intro.find(rule) != std::string::npos) return true;
        }
      }
    }
    return false;
  };
  EXPECT_TRUE(teaches("training-developers", "Review every change"));
  // The statement's first role only: the IT Manager's module does not get it.
  EXPECT_FALSE(teaches("training-technical-staff", "Review every change"));
  EXPECT_FALSE(teaches("training-all-staff", "Review every change"));
  EXPECT_TRUE(teaches("training-all-staff", "Keep your desk clear"));
  // A hint for a role that no module lists is in no module.
  for (const auto& doc : docs) EXPECT_FALSE(teaches(doc.id, "Sign every visitor in")) << doc.id;
}

TEST(ResolveTraining, SameInputSameOutput) {
  const auto first = Training(SmallPack());
  const auto second = Training(SmallPack());
  ASSERT_EQ(first.size(), second.size());
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].id, second[i].id);
    ASSERT_EQ(first[i].sections.size(), second[i].sections.size());
    for (size_t j = 0; j < first[i].sections.size(); ++j) {
      EXPECT_EQ(first[i].sections[j].intro, second[i].sections[j].intro);
    }
  }
}

}  // namespace
}  // namespace policyc::resolve
