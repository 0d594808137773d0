#include "core/digest.h"

#include <openssl/evp.h>
#include <stdexcept>

namespace ferry {

std::optional<Digest> Digest::parse(std::string_view text) {
    Digest digest;
    size_t expected = 0;
    if (text.starts_with("sha256:")) {
        digest.algorithm = DigestAlgorithm::Sha256;
        expected = 64;
        text.remove_prefix(7);
    } else if (text.starts_with("sha512:")) {
        digest.algorithm = DigestAlgorithm::Sha512;
        expected = 128;
        text.remove_prefix(7);
    } else {
        return std::nullopt;
    }
    if (text.size() != expected)
        return std::nullopt;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return std::nullopt;
    digest.hex = std::string(text);
    return digest;
}

static const EVP_MD* mdFor(DigestAlgorithm algorithm) {
    return algorithm == DigestAlgorithm::Sha256 ? EVP_sha256() : EVP_sha512();
}

Hasher::Hasher(DigestAlgorithm algorithm)
    : m_algorithm(algorithm)
    , m_context(EVP_MD_CTX_new()) {
    if (!m_context)
        throw std::bad_alloc();
    reset();
}

Hasher::~Hasher() {
    EVP_MD_CTX_free(m_context);
}

void Hasher::reset() {
    if (EVP_DigestInit_ex(m_context, mdFor(m_algorithm), nullptr) != 1)
        throw std::runtime_error("EVP_DigestInit_ex failed");
}

void Hasher::update(const void* data, size_t size) {
    EVP_DigestUpdate(m_context, data, size);
}

Digest Hasher::finish() {
    unsigned char raw[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_context, raw, &length);
    static constexpr char kHex[] = "0123456789abcdef";
    Digest digest;
    digest.algorithm = m_algorithm;
    digest.hex.resize(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        digest.hex[2 * i] = kHex[raw[i] >> 4];
        digest.hex[2 * i + 1] = kHex[raw[i] & 15];
    }
    return digest;
}

Digest Hasher::peek() const {
    Hasher copy(m_algorithm);
    EVP_MD_CTX_copy_ex(copy.m_context, m_context);
    return copy.finish();
}

Digest digestOf(std::string_view data, DigestAlgorithm algorithm) {
    Hasher hasher(algorithm);
    hasher.update(data.data(), data.size());
    return hasher.finish();
}

} // namespace ferry
