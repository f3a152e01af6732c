#include "cli/init_command.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>

#include "base/strings.h"
#include "cli/cli.h"
#include "init/starter_profile.h"

namespace policyc::cli {

namespace {

/// YYYY-MM-DD of $SOURCE_DATE_EPOCH (UTC), or of today (local time).
std::string Today() {
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  if (epoch && *epoch) {
    now = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
    gmtime_r(&now, &parts);
  } else {
    localtime_r(&now, &parts);
  }
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
  return text;
}

/// `library` as seen from `dir`: "../house-library".
std::string RelativeTo(const std::string& library, const std::string& dir) {
  namespace fs = std::filesystem;
  const fs::path from = fs::absolute(dir).lexically_normal();
  const fs::path to = fs::absolute(library).lexically_normal();
  fs::path relative = to.lexically_relative(from);
  std::string text = relative.empty() ? to.string() : relative.string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

}  // namespace

std::string ProfileIdFor(const std::string& dir) {
  namespace fs = std::filesystem;
  const fs::path path = fs::absolute(fs::path(dir)).lexically_normal();
  std::string name = path.filename().string();
  if (name.empty()) name = path.parent_path().filename().string();  // "acme/" or "."
  std::string id;
  for (char c : name) {
    const unsigned char u = static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(c)));
    const bool allowed = std::isalnum(u) || u == '_' || u == '.' || u == '-';
    if (allowed && u < 0x80) {
      id += static_cast<char>(u);
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && !std::isalpha(static_cast<unsigned char>(id.front()))) id.erase(0, 1);
  if (id.size() > model::kMaxIdLength) id.resize(model::kMaxIdLength);
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id.empty() ? "organisation" : id;
}

ExitCode RunInit(Session& session, base::FileSystem& fs, const InitFlags& flags) {
  const std::string path = base::JoinPath(flags.dir, "profile.xml");
  auto refuse_existing = [&] {
    base::DiagnosticSink refused;
    refused.Report(base::DiagKind::kWouldOverwrite, {path},
                   "something is already at this name (a file or a link); init never overwrites a profile: choose a new folder, or delete it");
    return Conclude(refused);
  };
  std::error_code link_error;
  // A dangling symlink "does not exist", yet writing to it writes wherever
  // it points: anything at the name, link or not, is left alone. Checked
  // here to fail before loading the library, and again by the write itself.
  if (fs.Exists(path) || std::filesystem::is_symlink(std::filesystem::symlink_status(path, link_error))) {
    return refuse_existing();
  }
  base::DiagnosticSink sink;
  const std::vector<model::Library>& layers = session.BaseLayers(sink);
  resolve::MergedLibrary library = resolve::MergeLibraries(layers, {}, sink);
  if (sink.HasErrors()) return Conclude(sink);

  std::optional<init::StarterTemplates> templates = init::LoadStarterTemplates(fs, session.data().templates(), sink);
  if (!templates) return Conclude(sink);

  init::NewProfileSettings settings;
  for (const model::Library& layer : layers) settings.library_roots.push_back(layer.root);
  settings.id = ProfileIdFor(flags.dir);
  settings.date = Today();
  for (const std::string& dir : session.options().libraries) {
    settings.libraries.push_back(RelativeTo(dir, flags.dir));
  }
  std::optional<std::string> text = init::NewProfileXml(*templates, library, settings, sink);
  if (!text) return Conclude(sink);
  std::string error;
  bool exists = false;
  if (!fs.WriteNewFile(path, *text, &error, &exists)) {
    if (exists) return refuse_existing();
    sink.Report(base::DiagKind::kOutputError, {path}, "cannot write the new profile: " + error);
    return Conclude(sink);
  }
  Conclude(sink);  // warnings about the library, if any

  int required = 0;
  for (const auto* list : {&library.facts, &library.parameters}) {
    for (const model::Declaration& d : *list) required += init::HasDefault(d) ? 0 : 1;
  }
  int roles = 0;
  for (const model::Role& role : library.roles) roles += role.everyone ? 0 : 1;
  const size_t facts = std::count_if(library.facts.begin(), library.facts.end(), [](const model::Declaration& d) {
    return !model::SetByProfileElement(d.id);
  });
  std::string options;
  if (!session.data().base_library.empty())
    options = " --base-library " + session.data().base_library;
  std::fprintf(
      stderr,
      "policyc: wrote %s: %zu facts, %zu parameters, %d roles to assign, %d value%s "
      "with no default\n"
      "next steps:\n"
      "  1. edit it: replace every CHANGE ME, set every REQUIRED value, confirm each fact\n"
      "  2. policyc%s check %s    and repeat until it reports no errors\n"
      "  3. policyc%s build %s -o output\n",
      path.c_str(), facts, library.parameters.size(), roles, required,
      required == 1 ? "" : "s", options.c_str(), flags.dir.c_str(), options.c_str(),
      flags.dir.c_str());
  return ExitCode::kOk;
}

}  // namespace policyc::cli
