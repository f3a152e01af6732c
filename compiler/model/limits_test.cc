#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "model/source_model.h"
#include "support/test_support.h"

namespace policyc::model {
namespace {

// The id limit the code uses (init's placeholder ids, ProfileIdFor) is the
// schemas' own: a change to one without the other fails here.
TEST(ModelLimits, TheIdLimitIsTheSchemas) {
  const std::string xsd = testing::ReadFileOrEmpty(testing::SourceDir() + "/schemas/common.xsd");
  std::smatch match;
  const std::regex id_type(R"re(<xs:simpleType name="Id">[\s\S]*?<xs:maxLength value="(\d+)"/>)re");
  ASSERT_TRUE(std::regex_search(xsd, match, id_type)) << "no maxLength in common.xsd's Id type";
  EXPECT_EQ(std::stoul(match[1].str()), kMaxIdLength);
}

}  // namespace
}  // namespace policyc::model
