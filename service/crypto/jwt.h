#pragma once

// Short-lived bearer tokens for the Docker token flow (DOMAIN.md "Clients and
// the token flow"): compact JWS (RFC 7515) signed with ES256 (RFC 7518 §3.4).
// The key signs and verifies; verification accepts only tokens that this
// exact key made: alg must be ES256 and kid must match, so "none", HMAC
// confusion and foreign keys are refused before any claim is looked at.
// Claim policy (exp, nbf, aud, scope) belongs to the caller; jwtclaims.h
// offers readers for the numeric and string claims it needs.

#include "result.h"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

typedef struct evp_pkey_st EVP_PKEY;

namespace ferry::crypto {

// Larger tokens are refused unread: a cheap bound against memory abuse, and
// well above any token Ferry issues (scopes are at most a few hundred bytes).
inline constexpr std::size_t kMaxJwtBytes = 8 * 1024;

// sign and verify are const and build their own contexts, so one key may
// serve many threads at once.
class SigningKey {
public:
    // A fresh ECDSA P-256 key.
    static Result<SigningKey> generate();
    // PKCS#8 or SEC1 PEM holding a P-256 private key; other key types are refused.
    static Result<SigningKey> fromPem(std::string_view pem);
    static Result<SigningKey> load(const std::filesystem::path& path);

    // Unencrypted PKCS#8 PEM, written atomically with mode 0600.
    Status save(const std::filesystem::path& path) const;
    Result<std::string> privateKeyPem() const;
    // SubjectPublicKeyInfo PEM, for anyone who must verify without signing.
    Result<std::string> publicKeyPem() const;

    // base64url of the first 16 bytes of SHA-256(DER SubjectPublicKeyInfo):
    // stable across save/load, different for every key.
    const std::string& keyId() const { return m_keyId; }

    // header = {"alg":"ES256","typ":"JWT","kid":<keyId>}. The payload must be
    // a JSON object (checked) that the caller serialised; it is signed as is.
    Result<std::string> sign(std::string_view payloadJson) const;

    // The payload JSON of a token this key signed, or why it is refused.
    Result<std::string> verify(std::string_view token) const;

    SigningKey(SigningKey&&) noexcept;
    SigningKey& operator=(SigningKey&&) noexcept;
    ~SigningKey();

private:
    struct PkeyFree {
        void operator()(EVP_PKEY* key) const;
    };
    using KeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

    SigningKey(KeyPtr key, std::string keyId);
    static Result<SigningKey> adopt(KeyPtr key);

    KeyPtr m_key;
    std::string m_keyId;
    std::string m_encodedHeader;
};

} // namespace ferry::crypto
