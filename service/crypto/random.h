#pragma once

// Secrets and identifiers from OpenSSL's CSPRNG (RAND_bytes, which reseeds
// from the OS). Text outputs use base62: no '-', '_', '+' or '/', so a
// double-click in a terminal selects the whole value and shells never need
// quoting.

#include "result.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::crypto {

inline constexpr std::string_view kBase62Alphabet =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// 43 base62 characters carry 43 * log2(62) ~ 256.03 bits.
inline constexpr std::size_t kPasswordLength = 43;
// 22 base62 characters carry ~131 bits: unguessable and collision-free in practice.
inline constexpr std::size_t kRandomIdLength = 22;

Result<std::vector<unsigned char>> randomBytes(std::size_t count);

// Uniform over kBase62Alphabet (rejection sampling, no modulo bias).
Result<std::string> randomBase62(std::size_t length);

// A token password (DOMAIN.md: server-generated, shown once), >= 256 bits.
Result<std::string> generatePassword();

// Upload session ids and JWT "jti" values; URL-safe.
Result<std::string> randomId();

} // namespace ferry::crypto
