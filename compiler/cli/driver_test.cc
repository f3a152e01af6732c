#include "cli/driver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace policyc::cli {
namespace {

/// "DOC#ID" → "layer file:line" for every statement and section of a pack.json.
std::map<std::string, std::string> Provenance(const nlohmann::json& pack) {
  std::map<std::string, std::string> out;
  std::function<void(const std::string&, const nlohmann::json&)> walk = [&](const std::string& doc,
                                                                             const nlohmann::json& item) {
    if (item.contains("provenance")) {
      const nlohmann::json& p = item.at("provenance");
      out[doc + "#" + item.at("id").get<std::string>()] = p.at("layer").get<std::string>() + " " +
                                                          p.at("file").get<std::string>() + ":" +
                                                          std::to_string(p.at("line").get<int>());
    }
    for (const nlohmann::json& child : item.value("items", nlohmann::json::array())) walk(doc, child);
  };
  for (const nlohmann::json& doc : pack.at("documents")) {
    for (const nlohmann::json& section : doc.at("sections")) walk(doc.at("id").get<std::string>(), section);
  }
  return out;
}

/// The line of `file` (under the source folder) where `element` starts.
int LineOf(const std::string& file, const std::string& element) {
  const std::string text = testing::ReadFileOrEmpty(testing::SourceDir() + "/" + file);
  const size_t at = text.find(element);
  EXPECT_NE(at, std::string::npos) << element << " in " << file;
  return at == std::string::npos ? 0 : 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

/// "layer file:line" for the statement `id` written in `file`, which is `name` in its layer.
std::string Where(const std::string& layer, const std::string& file, const std::string& name, const std::string& id) {
  return layer + " " + name + ":" + std::to_string(LineOf(file, "<statement id=\"" + id + "\""));
}

TEST(CliBuild, PackJsonNamesTheShippedLibraryTheHouseLibraryAndTheProfile) {
  // Brightwater's profile names examples/house-library in <libraries> and
  // has its own <overrides>.
  const std::string out = testing::MakeTempDir();
  ASSERT_FALSE(out.empty());
  base::ProcessResult built = testing::RunPolicyc({"build", "examples/brightwater", "--format", "html", "-o", out});
  ASSERT_EQ(built.exit_code, 0) << built.errors;
  const std::string text = testing::ReadFileOrEmpty(out + "/brightwater/pack.json");
  std::filesystem::remove_all(out);
  const auto provenance = Provenance(nlohmann::json::parse(text));

  const std::string policy = "policies/documents/access-control-policy.xml";
  EXPECT_EQ(provenance.at("access-control-policy#password-length"),
            Where("policyc", policy, policy, "password-length"));
  EXPECT_EQ(provenance.at("access-control-policy#authentication"),
            "policyc " + policy + ":" + std::to_string(LineOf(policy, "<section id=\"authentication\"")));
  EXPECT_EQ(provenance.at("access-control-policy#account-lockout"),
            Where("house-library", "examples/house-library/overrides.xml", "house-library/overrides.xml",
                  "account-lockout"));
  EXPECT_EQ(provenance.at("clear-desk-standard#desks"),
            "house-library house-library/documents/clear-desk-standard.xml:" +
                std::to_string(LineOf("examples/house-library/documents/clear-desk-standard.xml", "<section id=\"desks\"")));
  EXPECT_EQ(provenance.at("information-security-policy#awareness-training"),
            Where("profile", "examples/brightwater/profile.xml", "profile.xml", "awareness-training"));
  // Never a path of the machine that built it.
  EXPECT_EQ(text.find(testing::SourceDir()), std::string::npos);
}

}  // namespace
}  // namespace policyc::cli
