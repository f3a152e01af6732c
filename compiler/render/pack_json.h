#ifndef POLICYC_RENDER_PACK_JSON_H_
#define POLICYC_RENDER_PACK_JSON_H_

#include <nlohmann/json.hpp>
#include <string>

#include "model/resolved_model.h"

namespace policyc::render {

/// The resolved pack as JSON (pack.json): documents with their numbered
/// sections and statements (controls, roles), parameters and facts with
/// their values, SoA rows, people and roles with holders and duties. Keys
/// are sorted and arrays keep model order, so equal packs give equal bytes.
/// `format_version` lets tools that read it (diff) check what they get.
/// A byte that is not UTF-8 (in a file name) is written as U+FFFD.
std::string PackToJson(const model::ResolvedPack& pack);
/// The same as a JSON value, for readers in the same process (the diff and
/// releases), which then skip writing and parsing the text.
nlohmann::json PackJson(const model::ResolvedPack& pack);

}  // namespace policyc::render

#endif  // POLICYC_RENDER_PACK_JSON_H_
