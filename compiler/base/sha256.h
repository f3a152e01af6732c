#ifndef POLICYC_BASE_SHA256_H_
#define POLICYC_BASE_SHA256_H_

#include <string>
#include <string_view>

namespace policyc::base {

/// SHA-256 of `data` as 64 lower-case hex digits. Used for content hashes
/// in the manifest (what determined an output), not for secrecy.
std::string Sha256Hex(std::string_view data);

}  // namespace policyc::base

#endif  // POLICYC_BASE_SHA256_H_
