// What an Authorization header carries: base64 (Basic) and JWTs (Bearer),
// verified against a real signing key, and the Docker token endpoint's
// scope grammar ("repository:name:pull,push", one per line here).
#include "access/grants.h"
#include "crypto/base64url.h"
#include "crypto/jwt.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const ferry::crypto::SigningKey key = [] {
        auto generated = ferry::crypto::SigningKey::generate();
        if (!generated)
            std::abort();
        return std::move(generated).value();
    }();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    ferry::crypto::base64UnpaddedDecode(text);
    ferry::crypto::base64UrlDecode(text);
    // A foreign key's token must never verify.
    if (text.size() <= ferry::crypto::kMaxJwtBytes && key.verify(text))
        std::abort();
    std::vector<std::string> scopes;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t newline = text.find('\n', start);
        scopes.emplace_back(text.substr(
            start, newline == std::string_view::npos ? std::string_view::npos : newline - start));
        if (newline == std::string_view::npos)
            break;
        start = newline + 1;
    }
    ferry::access::parseScopes(scopes);
    return 0;
}
