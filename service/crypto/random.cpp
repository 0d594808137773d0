#include "random.h"

#include "ossl.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <climits>

namespace ferry::crypto {

Result<std::vector<unsigned char>> randomBytes(std::size_t count) {
    std::vector<unsigned char> bytes(count);
    if (count == 0)
        return bytes;
    if (count > static_cast<std::size_t>(INT_MAX))
        return Error{"random byte request too large"};
    if (RAND_bytes(bytes.data(), static_cast<int>(count)) != 1)
        return detail::opensslError("the random generator failed");
    return bytes;
}

Result<std::string> randomBase62(std::size_t length) {
    // 248 = 4 * 62: bytes at or above it are discarded so every character is
    // equally likely. About 3% are rejected, so draw a little extra each round.
    constexpr unsigned kLimit = 248;
    std::string out;
    out.reserve(length);
    while (out.size() < length) {
        const std::size_t missing = length - out.size();
        auto bytes = randomBytes(missing + missing / 8 + 8);
        if (!bytes)
            return std::move(bytes).takeError();
        for (const unsigned char b : bytes.value()) {
            if (b >= kLimit)
                continue;
            out += kBase62Alphabet[b % 62];
            if (out.size() == length)
                break;
        }
        OPENSSL_cleanse(bytes.value().data(), bytes.value().size());
    }
    return out;
}

Result<std::string> generatePassword() {
    return randomBase62(kPasswordLength);
}

Result<std::string> randomId() {
    return randomBase62(kRandomIdLength);
}

} // namespace ferry::crypto
