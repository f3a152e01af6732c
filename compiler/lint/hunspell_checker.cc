#include "lint/hunspell_checker.h"

#include <hunspell/hunspell.hxx>
#include <unistd.h>

#include <sstream>

#include "base/strings.h"

namespace policyc::lint {

std::unique_ptr<HunspellChecker> HunspellChecker::Open(const std::string& affix,
                                                       const std::string& dictionary) {
  if (access(affix.c_str(), R_OK) != 0 || access(dictionary.c_str(), R_OK) != 0) return nullptr;
  return std::unique_ptr<HunspellChecker>(
      new HunspellChecker(std::make_unique<Hunspell>(affix.c_str(), dictionary.c_str())));
}

HunspellChecker::HunspellChecker(std::unique_ptr<Hunspell> hunspell) : hunspell_(std::move(hunspell)) {}
HunspellChecker::~HunspellChecker() = default;

void HunspellChecker::AddWords(const std::string& list) {
  std::istringstream in(list);
  std::string line;
  while (std::getline(in, line)) {
    line = base::Trim(line.substr(0, line.find('#')));
    if (!line.empty()) hunspell_->add(line);
  }
}

bool HunspellChecker::Correct(const std::string& word) const {
  // Curly apostrophes read as straight ones.
  std::string w = word;
  for (size_t at = w.find("\xE2\x80\x99"); at != std::string::npos; at = w.find("\xE2\x80\x99")) {
    w.replace(at, 3, "'");
  }
  return hunspell_->spell(w);
}

std::string HunspellChecker::Suggest(const std::string& word) const {
  auto suggestions = hunspell_->suggest(word);
  return suggestions.empty() ? "" : suggestions.front();
}

}  // namespace policyc::lint
