#include "cli/list_command.h"

#include <cctype>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "cli/cli.h"
#include "resolve/frameworks.h"
#include "resolve/resolver.h"

namespace policyc::cli {

using nlohmann::json;


namespace {

/// A table: a header and rows of cells; printed in any of the three formats.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

void Print(const Table& table, const std::string& format) {
  std::string out;
  if (format == "csv") {
    std::vector<std::string> cells;
    for (const auto& h : table.header) cells.push_back(base::CsvField(h));
    out += base::Join(cells, ",") + "\n";
    for (const auto& row : table.rows) {
      cells.clear();
      for (const auto& c : row) cells.push_back(base::CsvField(c));
      out += base::Join(cells, ",") + "\n";
    }
  } else if (format == "json") {
    json array = json::array();
    for (const auto& row : table.rows) {
      json object = json::object();
      for (size_t i = 0; i < table.header.size(); ++i) object[table.header[i]] = row[i];
      array.push_back(object);
    }
    out = array.dump(2) + "\n";
  } else {
    std::vector<std::vector<std::string>> rows = {table.header};
    for (auto& cell : rows[0]) {
      for (char& c : cell) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    rows.insert(rows.end(), table.rows.begin(), table.rows.end());
    std::vector<size_t> width(table.header.size(), 0);
    for (const auto& row : rows) {
      for (size_t i = 0; i + 1 < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
    }
    for (const auto& row : rows) {
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) {
        line += row[i];
        if (i + 1 < row.size()) line += std::string(width[i] - row[i].size() + 2, ' ');
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
  }
  std::fputs(base::TerminalSafe(out).c_str(), stdout);  // titles and values come from the sources
}

Table Controls(const resolve::MergedLibrary& library, const std::string& catalogue,
               const model::ResolvedPack* pack) {
  Table t;
  if (pack && catalogue != "2013") {
    t.header = {"id", "title", "theme", "applicable", "implemented_by"};
    for (const auto& row : pack->soa) {
      t.rows.push_back({row.control, row.title, row.theme, row.applicable ? "yes" : "no",
                        base::Join(row.implemented_by, " ")});
    }
    return t;
  }
  if (catalogue == "2013") {
    t.header = {"id", "title", "theme", "maps_to"};
    for (const auto& c : library.catalogue.controls_2013) {
      t.rows.push_back({c.id, c.title, c.domain_id + " " + c.domain_title, base::Join(c.maps_to, " ")});
    }
  } else {
    t.header = {"id", "title", "theme"};
    for (const auto& c : library.catalogue.controls) t.rows.push_back({c.id, c.title, c.theme});
  }
  return t;
}

/// A framework catalogue: each requirement with its group and mappings.
Table FrameworkCatalogue(const model::Framework& framework) {
  Table t;
  t.header = {"id", "group", "group_title", "title", "mappings", "gap"};
  std::map<std::string, std::string> group_titles;
  for (const auto& g : framework.groups) group_titles[g.id] = g.title;
  for (const auto& r : framework.requirements) {
    t.rows.push_back({r.id, r.group, group_titles[r.group], r.title, resolve::MappingsText(r),
                      !r.gap.empty() ? r.gap : r.statement_needed});
  }
  return t;
}

/// Each requirement of a framework with the statements of the pack that
/// meet it (those that meet it most directly apart), and what the
/// catalogue says is left.
Table Coverage(const model::ResolvedFramework& framework) {
  Table t;
  t.header = {"id", "group", "title", "covered", "primary_statements", "statements", "gap"};
  for (const auto& r : framework.requirements) {
    const std::vector<std::string> primary(r.statements.begin(), r.statements.begin() + static_cast<long>(r.primary));
    t.rows.push_back({r.id, r.group, r.title, r.covered() ? "yes" : "no", base::Join(primary, " "),
                      base::Join(r.statements, " "), !r.gap.empty() ? r.gap : r.statement_needed});
  }
  return t;
}

/// The framework catalogue `id` of the library (of the pack's layers when
/// there is a pack), or nullptr after a usage error naming those there are.
const model::Framework* CatalogueOrUsage(const std::vector<model::Framework>& catalogues, const std::string& id,
                                         const char* option, ExitCode* code) {
  std::vector<std::string> ids;
  for (const auto& f : catalogues) {
    if (f.id == id) return &f;
    ids.push_back(f.id);
  }
  *code = UsageError(std::string(option) + " '" + id + "' is not a framework catalogue of the library" +
                     base::DidYouMean(id, ids) + " (it has " + (ids.empty() ? "none" : base::JoinEnglish(ids)) +
                     (std::string(option) == "--catalogue" ? "; or give 2022 or 2013)" : ")"));
  return nullptr;
}

Table Declarations(const std::vector<model::Declaration>& list,
                   const std::vector<model::ResolvedValue>* values) {
  Table t;
  t.header = {"id", "type", "default"};
  if (values) t.header.push_back("value");
  t.header.push_back("description");
  for (const auto& d : list) {
    std::string def = d.default_value.value_or(base::Join(d.default_items, "; "));
    std::string type = d.type;
    if (!d.values.empty()) type += " (" + base::Join(d.values, " ") + ")";
    if (!d.unit.empty()) type += " [" + d.unit + "]";
    std::vector<std::string> row = {d.id, type, def};
    if (values) {
      std::string value;
      for (const auto& v : *values) {
        if (v.id == d.id) value = v.value.ToSource();
      }
      row.push_back(value);
    }
    row.push_back(d.description);
    t.rows.push_back(row);
  }
  return t;
}

}  // namespace

ExitCode RunList(Session& session, const ListFlags& flags) {
  base::DiagnosticSink sink;
  const auto& layers = session.BaseLayers(sink);
  std::optional<model::ResolvedPack> pack;
  if (!flags.profile.empty()) pack = session.Resolve(flags.profile, sink);
  resolve::MergedLibrary library = resolve::MergeLibraries(layers, {}, sink);
  if (sink.HasErrors()) return Conclude(sink);
  const std::vector<model::Framework>& catalogues = pack ? pack->framework_catalogues : library.frameworks;
  Table table;
  ExitCode usage = ExitCode::kOk;
  if (flags.what == "controls" && flags.catalogue != "2022" && flags.catalogue != "2013") {
    const model::Framework* framework = CatalogueOrUsage(catalogues, flags.catalogue, "--catalogue", &usage);
    if (!framework) return usage;
    table = FrameworkCatalogue(*framework);
  } else if (flags.what == "coverage") {
    if (!pack) return UsageError("list coverage needs a profile: policyc list coverage PROFILE --framework ID");
    if (flags.framework.empty()) return UsageError("list coverage needs --framework ID, e.g. --framework cyber-essentials");
    const model::Framework* framework = CatalogueOrUsage(catalogues, flags.framework, "--framework", &usage);
    if (!framework) return usage;
    // As the pack answers it when the profile chose it; else as its
    // statements would meet it.
    model::ResolvedFramework covered = resolve::CoverFramework(*framework, *pack);
    for (const auto& chosen : pack->frameworks) {
      if (chosen.id == framework->id) covered = chosen;
    }
    table = Coverage(covered);
  } else if (flags.what == "controls") {
    table = Controls(library, flags.catalogue, pack ? &*pack : nullptr);
  } else if (flags.what == "documents") {
    if (pack) {
      table.header = {"id", "title", "kind", "version", "owner", "serves"};
      for (const auto& d : pack->documents) {
        table.rows.push_back({d.id, d.title, d.kind, model::VersionLabel(d), d.owner_role, base::Join(d.serves, " ")});
      }
    } else {
      table.header = {"id", "title", "kind", "owner", "serves"};
      for (const auto& d : library.documents) {
        table.rows.push_back({d.id, d.title, d.kind, d.owner, base::Join(d.serves, " ")});
      }
    }
  } else if (flags.what == "roles") {
    table.header = {"id", "title", "holders"};
    for (const auto& r : library.roles) {
      std::string holders;
      if (pack) {
        for (const auto& rr : pack->roles) {
          if (rr.id == r.id) holders = base::Join(rr.holders, " ");
        }
      }
      table.rows.push_back({r.id, r.title, holders});
    }
  } else if (flags.what == "parameters") {
    table = Declarations(library.parameters, pack ? &pack->parameters : nullptr);
  } else {
    table = Declarations(library.facts, pack ? &pack->facts : nullptr);
  }
  Print(table, flags.format);
  sink.Finish();
  PrintDiagnostics(sink);
  return ExitCode::kOk;
}

}  // namespace policyc::cli
