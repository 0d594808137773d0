#pragma once

// Readers for the claims a caller checks after SigningKey::verify. They only
// read; deciding what "expired" means (clock, leeway) stays with the caller.

#include "result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ferry::crypto {

// A NumericDate such as "exp", "nbf" or "iat" (RFC 7519 §2). nullopt when the
// claim is absent; an error when the payload is not a JSON object, has
// duplicate members, or the claim is not an integer in int64 range
// (Ferry issues whole seconds, so fractions are refused rather than rounded).
Result<std::optional<std::int64_t>> numericClaim(std::string_view payloadJson,
                                                 std::string_view name);

// A string claim such as "sub", "aud" (single-valued form) or "jti".
// nullopt when absent; an error when present but not a string.
Result<std::optional<std::string>> stringClaim(std::string_view payloadJson, std::string_view name);

} // namespace ferry::crypto
