#include "jwt.h"

#include "base64url.h"
#include "jsonscan.h"
#include "ossl.h"
#include "securefile.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>

#include <algorithm>
#include <array>
#include <span>
#include <vector>

namespace ferry::crypto {
namespace {

// P-256 scalars are 32 bytes; JWS carries r and s as fixed-width big-endian
// halves (RFC 7518 §3.4), where OpenSSL speaks DER ECDSA-Sig-Value.
constexpr std::size_t kCoordinateBytes = 32;
constexpr std::size_t kRawSignatureBytes = 2 * kCoordinateBytes;
constexpr std::size_t kMaxPemBytes = 16 * 1024;
constexpr std::size_t kKeyIdDigestBytes = 16;

// A daemon must never stop to prompt on a terminal for a passphrase, which is
// what OpenSSL's default callback does for an encrypted PEM.
int refusePassphrase(char*, int, int, void*) {
    return -1;
}

bool isP256(EVP_PKEY* key) {
    if (EVP_PKEY_is_a(key, "EC") != 1)
        return false;
    char group[64] = {};
    std::size_t length = 0;
    if (EVP_PKEY_get_group_name(key, group, sizeof group, &length) != 1)
        return false;
    const std::string_view name(group, length);
    return name == "prime256v1" || name == "P-256";
}

Result<std::string> computeKeyId(EVP_PKEY* key) {
    unsigned char* der = nullptr;
    const int derLength = i2d_PUBKEY(key, &der);
    if (derLength <= 0)
        return detail::opensslError("cannot encode the public key");
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int digestLength = 0;
    const int ok = EVP_Digest(der, static_cast<std::size_t>(derLength), digest.data(),
                              &digestLength, EVP_sha256(), nullptr);
    OPENSSL_free(der);
    if (ok != 1)
        return detail::opensslError("cannot hash the public key");
    return base64UrlEncode(std::span<const unsigned char>(digest.data(), kKeyIdDigestBytes));
}

Result<std::vector<unsigned char>> derToRawSignature(const unsigned char* der, std::size_t length) {
    const unsigned char* cursor = der;
    detail::EcdsaSigPtr signature{d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(length))};
    if (!signature)
        return detail::opensslError("cannot decode the ECDSA signature");
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(signature.get(), &r, &s);
    std::vector<unsigned char> raw(kRawSignatureBytes);
    if (BN_bn2binpad(r, raw.data(), kCoordinateBytes) != static_cast<int>(kCoordinateBytes) ||
        BN_bn2binpad(s, raw.data() + kCoordinateBytes, kCoordinateBytes) !=
            static_cast<int>(kCoordinateBytes))
        return detail::opensslError("ECDSA signature does not fit P-256");
    return raw;
}

Result<std::vector<unsigned char>> rawToDerSignature(const std::vector<unsigned char>& raw) {
    detail::BignumPtr r{BN_bin2bn(raw.data(), kCoordinateBytes, nullptr)};
    detail::BignumPtr s{BN_bin2bn(raw.data() + kCoordinateBytes, kCoordinateBytes, nullptr)};
    detail::EcdsaSigPtr signature{ECDSA_SIG_new()};
    if (!r || !s || !signature)
        return detail::opensslError("out of memory decoding a signature");
    if (ECDSA_SIG_set0(signature.get(), r.get(), s.get()) != 1)
        return detail::opensslError("cannot build the ECDSA signature");
    // set0 took ownership of both numbers.
    (void)r.release();
    (void)s.release();
    unsigned char* der = nullptr;
    const int length = i2d_ECDSA_SIG(signature.get(), &der);
    if (length <= 0)
        return detail::opensslError("cannot encode the ECDSA signature");
    std::vector<unsigned char> out(der, der + length);
    OPENSSL_free(der);
    return out;
}

bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b) {
    return std::ranges::equal(a, b, [](char x, char y) {
        auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
        return lower(x) == lower(y);
    });
}

} // namespace

void SigningKey::PkeyFree::operator()(EVP_PKEY* key) const {
    EVP_PKEY_free(key);
}

SigningKey::SigningKey(KeyPtr key, std::string keyId)
    : m_key(std::move(key))
    , m_keyId(std::move(keyId)) {
    // kid comes from our own base64url output, so it needs no JSON escaping.
    m_encodedHeader = base64UrlEncode(
        std::string_view(R"({"alg":"ES256","typ":"JWT","kid":")" + m_keyId + "\"}"));
}

SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;
SigningKey::~SigningKey() = default;

Result<SigningKey> SigningKey::adopt(KeyPtr key) {
    if (!isP256(key.get())) {
        detail::clearOpensslErrors();
        return Error{"the signing key is not an ECDSA P-256 key"};
    }
    auto keyId = computeKeyId(key.get());
    if (!keyId)
        return std::move(keyId).takeError();
    return SigningKey(std::move(key), std::move(keyId).value());
}

Result<SigningKey> SigningKey::generate() {
    detail::PkeyCtxPtr ctx{EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr)};
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_group_name(ctx.get(), "P-256") != 1)
        return detail::opensslError("cannot set up P-256 key generation");
    EVP_PKEY* generated = nullptr;
    if (EVP_PKEY_generate(ctx.get(), &generated) != 1)
        return detail::opensslError("cannot generate a P-256 key");
    return adopt(KeyPtr(generated));
}

Result<SigningKey> SigningKey::fromPem(std::string_view pem) {
    if (pem.size() > kMaxPemBytes)
        return Error{"the key PEM is unexpectedly large"};
    detail::BioPtr bio{BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))};
    if (!bio)
        return detail::opensslError("out of memory reading a key");
    KeyPtr key{PEM_read_bio_PrivateKey(bio.get(), nullptr, refusePassphrase, nullptr)};
    if (!key)
        return detail::opensslError(
            "cannot read a private key from the PEM (encrypted keys are not supported)");
    return adopt(std::move(key));
}

Result<SigningKey> SigningKey::load(const std::filesystem::path& path) {
    auto pem = readWholeFile(path, kMaxPemBytes);
    if (!pem)
        return std::move(pem).takeError();
    auto key = fromPem(pem.value());
    OPENSSL_cleanse(pem.value().data(), pem.value().size());
    return key;
}

Result<std::string> SigningKey::privateKeyPem() const {
    // The secure-memory BIO clears its buffer when freed.
    detail::BioPtr bio{BIO_new(BIO_s_secmem())};
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr,
                                         nullptr) != 1)
        return detail::opensslError("cannot encode the private key");
    return detail::bioContents(bio.get());
}

Result<std::string> SigningKey::publicKeyPem() const {
    detail::BioPtr bio{BIO_new(BIO_s_mem())};
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), m_key.get()) != 1)
        return detail::opensslError("cannot encode the public key");
    return detail::bioContents(bio.get());
}

Status SigningKey::save(const std::filesystem::path& path) const {
    auto pem = privateKeyPem();
    if (!pem)
        return std::move(pem).takeError();
    Status status = writeFileAtomically(path, pem.value(), 0600);
    OPENSSL_cleanse(pem.value().data(), pem.value().size());
    return status;
}

Result<std::string> SigningKey::sign(std::string_view payloadJson) const {
    if (auto members = detail::scanTopLevelObject(payloadJson); !members)
        return Error{"the token payload is not a JSON object: " + members.error()};

    std::string token = m_encodedHeader;
    token += '.';
    token += base64UrlEncode(payloadJson);
    const std::size_t encodedSignatureBytes = (kRawSignatureBytes * 4 + 2) / 3;
    if (token.size() + 1 + encodedSignatureBytes > kMaxJwtBytes)
        return Error{"the token payload is too large"};

    detail::MdCtxPtr ctx{EVP_MD_CTX_new()};
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1)
        return detail::opensslError("cannot start ES256 signing");
    std::size_t derLength = 0;
    const auto input = asBytes(token);
    if (EVP_DigestSign(ctx.get(), nullptr, &derLength, input.data(), input.size()) != 1)
        return detail::opensslError("cannot size the ES256 signature");
    std::vector<unsigned char> der(derLength);
    if (EVP_DigestSign(ctx.get(), der.data(), &derLength, input.data(), input.size()) != 1)
        return detail::opensslError("ES256 signing failed");

    auto raw = derToRawSignature(der.data(), derLength);
    if (!raw)
        return std::move(raw).takeError();
    token += '.';
    token += base64UrlEncode(raw.value());
    return token;
}

Result<std::string> SigningKey::verify(std::string_view token) const {
    if (token.size() > kMaxJwtBytes)
        return Error{"token is too large"};
    if (std::ranges::count(token, '.') != 2)
        return Error{"token is not a compact JWS (three segments)"};
    const auto firstDot = token.find('.');
    const auto secondDot = token.find('.', firstDot + 1);
    const std::string_view headerText = token.substr(0, firstDot);
    const std::string_view payloadText = token.substr(firstDot + 1, secondDot - firstDot - 1);
    const std::string_view signatureText = token.substr(secondDot + 1);

    // The header is checked before the signature so refusals say why, but
    // nothing from it is trusted beyond deciding to refuse.
    auto header = base64UrlDecode(headerText);
    if (!header)
        return Error{"token header is not base64url"};
    auto members = detail::scanTopLevelObject(
        std::string_view(reinterpret_cast<const char*>(header->data()), header->size()));
    if (!members)
        return Error{"token header is not a JSON object"};
    const detail::JsonMember* alg = detail::findMember(members.value(), "alg");
    if (alg == nullptr || alg->kind != detail::JsonKind::String || alg->stringValue != "ES256")
        return Error{"token algorithm is not ES256"};
    const detail::JsonMember* kid = detail::findMember(members.value(), "kid");
    if (kid == nullptr || kid->kind != detail::JsonKind::String || kid->stringValue != m_keyId)
        return Error{"token was not signed by this key (kid mismatch)"};
    if (const auto* typ = detail::findMember(members.value(), "typ");
        typ != nullptr && (typ->kind != detail::JsonKind::String ||
                           !equalsIgnoringAsciiCase(typ->stringValue, "JWT")))
        return Error{"token type is not JWT"};
    // RFC 7515 §4.1.11: extensions we do not understand must not be ignored.
    if (detail::findMember(members.value(), "crit") != nullptr)
        return Error{"token has critical header extensions"};

    auto signature = base64UrlDecode(signatureText);
    if (!signature || signature->size() != kRawSignatureBytes)
        return Error{"token signature is malformed"};
    auto der = rawToDerSignature(signature.value());
    if (!der)
        return std::move(der).takeError();

    detail::MdCtxPtr ctx{EVP_MD_CTX_new()};
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1)
        return detail::opensslError("cannot start ES256 verification");
    const auto signedPart = asBytes(token.substr(0, secondDot));
    if (EVP_DigestVerify(ctx.get(), der.value().data(), der.value().size(), signedPart.data(),
                         signedPart.size()) != 1) {
        detail::clearOpensslErrors();
        return Error{"token signature is invalid"};
    }

    auto payload = base64UrlDecode(payloadText);
    if (!payload)
        return Error{"token payload is not base64url"};
    std::string payloadJson(payload->begin(), payload->end());
    if (auto claims = detail::scanTopLevelObject(payloadJson); !claims)
        return Error{"token payload is not a JSON object"};
    return payloadJson;
}

} // namespace ferry::crypto
