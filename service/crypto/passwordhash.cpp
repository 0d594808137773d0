#include "passwordhash.h"

#include "base64url.h"
#include "ossl.h"
#include "random.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/params.h>

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace ferry::crypto {
namespace {

constexpr std::string_view kPrefix = "$scrypt$";
constexpr std::uint32_t kMaxR = 32;
constexpr std::uint32_t kMaxP = 16;
constexpr std::size_t kMinSaltBytes = 8;
constexpr std::size_t kMaxSaltBytes = 64;
constexpr std::size_t kMinHashBytes = 16;
constexpr std::size_t kMaxHashBytes = 64;

bool paramsWithinBounds(const ScryptParams& params) {
    return params.logN >= kScryptMinLogN && params.logN <= kScryptMaxLogN && params.r >= 1 &&
           params.r <= kMaxR && params.p >= 1 && params.p <= kMaxP &&
           params.memoryBytes() <= kScryptMaxMemoryBytes;
}

// The algorithm object is immutable once fetched and safe to share between
// threads; fetching it per call would repeat a provider lookup on every login.
EVP_KDF* scryptAlgorithm() {
    static detail::KdfPtr kdf{EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_SCRYPT, nullptr)};
    return kdf.get();
}

Status deriveScrypt(std::string_view password, const std::vector<unsigned char>& salt,
                    const ScryptParams& params, std::vector<unsigned char>& out) {
    EVP_KDF* kdf = scryptAlgorithm();
    if (kdf == nullptr)
        return detail::opensslError("scrypt is not available in this OpenSSL");
    detail::KdfCtxPtr ctx{EVP_KDF_CTX_new(kdf)};
    if (!ctx)
        return detail::opensslError("cannot create an scrypt context");

    // OpenSSL wants a non-null buffer even for an empty password.
    static const char kEmpty = 0;
    const char* passwordData = password.empty() ? &kEmpty : password.data();
    std::uint64_t n = std::uint64_t{1} << params.logN;
    std::uint32_t r = params.r;
    std::uint32_t p = params.p;
    std::uint64_t maxMemory = params.memoryBytes();

    const OSSL_PARAM ossl[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, const_cast<char*>(passwordData),
                                          password.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
                                          const_cast<unsigned char*>(salt.data()), salt.size()),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxMemory),
        OSSL_PARAM_construct_end(),
    };
    if (EVP_KDF_derive(ctx.get(), out.data(), out.size(), ossl) != 1)
        return detail::opensslError("scrypt derivation failed");
    return {};
}

// Strict decimal: no sign, no leading zeros, no trailing junk.
template <typename T> bool parseDecimal(std::string_view text, T& value) {
    if (text.empty() || (text.size() > 1 && text[0] == '0'))
        return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc{} && end == text.data() + text.size();
}

bool consume(std::string_view& text, std::string_view prefix) {
    if (!text.starts_with(prefix))
        return false;
    text.remove_prefix(prefix.size());
    return true;
}

// Splits off text up to `separator` (exclusive), or all of it when absent.
std::string_view takeUntil(std::string_view& text, char separator) {
    const auto position = text.find(separator);
    const std::string_view head = text.substr(0, position);
    text.remove_prefix(position == std::string_view::npos ? text.size() : position + 1);
    return head;
}

// New hashes (token passwords, sync-token passwords, the admin password) are
// made only for signed-in admins, but each holds scrypt's 16 MiB while it
// runs, and 64 admin clients creating tokens at once took ferryd to 691 MiB
// (docs/performance.md, "Soak"). Sign-in checks have their own gate
// (access/passwordgate.h); this bounds the making of new hashes to two per
// core. The work is CPU-bound, so more at once would not finish sooner.
// Turns are served first come, first served: ticket t runs once fewer than
// `limit` of the tickets before it are still running, so a steady stream of
// new requests cannot starve one that is already waiting. A waiting request
// holds only its own thread; verification never waits here.
class HashingTurns {
public:
    HashingTurns()
        : m_limit(2 * std::clamp(std::thread::hardware_concurrency(), 1u, 32u)) {}
    class Turn {
    public:
        explicit Turn(HashingTurns& turns)
            : m_turns(turns) {
            std::unique_lock lock(m_turns.m_mutex);
            const std::uint64_t ticket = m_turns.m_issued++;
            m_turns.m_changed.wait(lock,
                                   [&] { return ticket < m_turns.m_finished + m_turns.m_limit; });
        }
        ~Turn() {
            {
                std::lock_guard lock(m_turns.m_mutex);
                ++m_turns.m_finished;
            }
            m_turns.m_changed.notify_all();
        }
        Turn(const Turn&) = delete;
        Turn& operator=(const Turn&) = delete;

    private:
        HashingTurns& m_turns;
    };

private:
    const std::uint64_t m_limit;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::uint64_t m_issued = 0;
    std::uint64_t m_finished = 0;
};

HashingTurns& hashingTurns() {
    static HashingTurns turns;
    return turns;
}

} // namespace

std::uint64_t ScryptParams::memoryBytes() const {
    // Saturates instead of wrapping, so absurd parameters read as "too big"
    // rather than slipping under the bound.
    if (logN >= 48 || r == 0)
        return r == 0 ? 0 : UINT64_MAX;
    const std::uint64_t blocks = (std::uint64_t{1} << logN) + 2 + p;
    if (blocks > UINT64_MAX / 128 / r)
        return UINT64_MAX;
    return std::uint64_t{128} * r * blocks;
}

Result<std::string> hashPassword(std::string_view password, const ScryptParams& params) {
    if (!paramsWithinBounds(params))
        return Error{"scrypt parameters are out of the supported range"};
    auto salt = randomBytes(kScryptSaltBytes);
    if (!salt)
        return std::move(salt).takeError();
    std::vector<unsigned char> derived(kScryptHashBytes);
    {
        const HashingTurns::Turn turn(hashingTurns());
        if (auto status = deriveScrypt(password, salt.value(), params, derived); !status)
            return std::move(status).takeError();
    }

    std::string encoded{kPrefix};
    encoded += "ln=" + std::to_string(params.logN) + ",r=" + std::to_string(params.r) +
               ",p=" + std::to_string(params.p) + "$";
    encoded += base64UnpaddedEncode(salt.value());
    encoded += '$';
    encoded += base64UnpaddedEncode(derived);
    OPENSSL_cleanse(derived.data(), derived.size());
    return encoded;
}

Result<ParsedScryptHash> parseScryptHash(std::string_view encoded) {
    const Error malformed{"not a valid $scrypt$ password hash"};
    std::string_view rest = encoded;
    if (!consume(rest, kPrefix))
        return malformed;

    // Exactly "ln=..,r=..,p=.." in this order: one canonical spelling per
    // parameter set keeps needsRehash and comparisons trivial.
    std::string_view paramText = takeUntil(rest, '$');
    ScryptParams params;
    if (!consume(paramText, "ln=") || !parseDecimal(takeUntil(paramText, ','), params.logN) ||
        !consume(paramText, "r=") || !parseDecimal(takeUntil(paramText, ','), params.r) ||
        !consume(paramText, "p=") || !parseDecimal(paramText, params.p))
        return malformed;
    if (!paramsWithinBounds(params))
        return Error{"scrypt parameters in the stored hash are out of the supported range"};

    const std::string_view saltText = takeUntil(rest, '$');
    const std::string_view hashText = rest;
    if (hashText.find('$') != std::string_view::npos)
        return malformed;
    auto salt = base64UnpaddedDecode(saltText);
    auto hash = base64UnpaddedDecode(hashText);
    if (!salt || !hash)
        return malformed;
    if (salt->size() < kMinSaltBytes || salt->size() > kMaxSaltBytes ||
        hash->size() < kMinHashBytes || hash->size() > kMaxHashBytes)
        return malformed;
    return ParsedScryptHash{params, std::move(*salt), std::move(*hash)};
}

bool verifyPassword(std::string_view password, std::string_view encoded) {
    auto parsed = parseScryptHash(encoded);
    if (!parsed)
        return false;
    const ParsedScryptHash& stored = parsed.value();
    std::vector<unsigned char> derived(stored.hash.size());
    if (!deriveScrypt(password, stored.salt, stored.params, derived))
        return false;
    const bool match = CRYPTO_memcmp(derived.data(), stored.hash.data(), derived.size()) == 0;
    OPENSSL_cleanse(derived.data(), derived.size());
    return match;
}

void verifyPasswordAgainstDummy(std::string_view password) {
    // One fixed hash at the default cost, made once per process. Its secret is
    // random and discarded, so nothing can ever match it.
    static const std::string dummy = [] {
        auto secret = randomBase62(kPasswordLength);
        auto encoded = hashPassword(secret ? secret.value() : std::string("unused"));
        return encoded ? std::move(encoded).value() : std::string{};
    }();
    (void)verifyPassword(password, dummy);
}

bool needsRehash(std::string_view encoded, const ScryptParams& wanted) {
    auto parsed = parseScryptHash(encoded);
    return !parsed || parsed.value().params != wanted ||
           parsed.value().salt.size() != kScryptSaltBytes ||
           parsed.value().hash.size() != kScryptHashBytes;
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    if (a.empty())
        return true;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace ferry::crypto
