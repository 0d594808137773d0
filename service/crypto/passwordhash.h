#pragma once

// Token passwords at rest: scrypt (RFC 7914) through OpenSSL 3's EVP_KDF,
// stored as a PHC string "$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>"
// (salt and hash in unpadded standard base64) so the cost can be raised later
// without invalidating stored hashes: verify reads the parameters back from
// the string, and needsRehash tells the caller when to re-hash on next login.

#include "result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::crypto {

struct ScryptParams {
    unsigned logN = 0; // N = 2^logN
    std::uint32_t r = 0;
    std::uint32_t p = 0;

    // Bytes OpenSSL allocates for one evaluation: 128 * r * (N + 2 + p).
    std::uint64_t memoryBytes() const;
    bool operator==(const ScryptParams&) const = default;
};

// N = 2^14, r = 8, p = 1: 16 MiB per verification. On the 2-core build host
// (OpenSSL 3.0, measured in CPU time so that a busy machine does not skew it)
// one verification costs ~48 ms, i.e. ~40 verifications/s on 2 cores; N = 2^15
// (32 MiB) costs ~104 ms, ~19/s on 2 cores, below the 20/s Ferry needs for
// bursts of docker logins. The memory cost is what makes a GPU or ASIC attack
// on a stolen database expensive; with 256-bit generated passwords that is
// defence in depth, so the time cost stays modest. Raise it here: stored
// hashes keep their own parameters, and needsRehash reports the old ones.
inline constexpr ScryptParams kDefaultScryptParams{14, 8, 1};

inline constexpr std::size_t kScryptSaltBytes = 16;
inline constexpr std::size_t kScryptHashBytes = 32;

// Bounds that verify enforces on a stored string, so a corrupted or hostile
// row cannot make one login allocate gigabytes or spin for minutes.
inline constexpr unsigned kScryptMinLogN = 10;
inline constexpr unsigned kScryptMaxLogN = 20;
inline constexpr std::uint64_t kScryptMaxMemoryBytes = 256ull * 1024 * 1024;

Result<std::string> hashPassword(std::string_view password,
                                 const ScryptParams& params = kDefaultScryptParams);

// True only for a well-formed encoding whose hash matches. Malformed or
// out-of-bounds encodings return false (parseScryptHash says why).
bool verifyPassword(std::string_view password, std::string_view encoded);

// Spends the same time and memory as verifying against a real hash, so that
// "no such token" and "wrong password" cannot be told apart by timing.
void verifyPasswordAgainstDummy(std::string_view password);

struct ParsedScryptHash {
    ScryptParams params;
    std::vector<unsigned char> salt;
    std::vector<unsigned char> hash;
};
Result<ParsedScryptHash> parseScryptHash(std::string_view encoded);

// True when the stored hash is malformed or uses parameters other than `wanted`.
bool needsRehash(std::string_view encoded, const ScryptParams& wanted = kDefaultScryptParams);

// Length is not secret (hashes and tokens have fixed public lengths); the
// content comparison takes the same time wherever the first difference is.
bool constantTimeEquals(std::string_view a, std::string_view b);

} // namespace ferry::crypto
