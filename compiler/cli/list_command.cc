#include "cli/list_command.h"

#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "cli/cli.h"
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
  Table table;
  if (flags.what == "controls") {
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
