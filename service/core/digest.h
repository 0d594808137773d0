#pragma once
// OCI content digests: parsing "algorithm:hex" and incremental hashing through
// OpenSSL's EVP interface, so blobs are hashed as they stream in.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace ferry {

enum class DigestAlgorithm { Sha256, Sha512 };

// A syntactically valid digest (OCI image-spec "Digests"): sha256 with 64 or
// sha512 with 128 lower-case hex characters.
struct Digest {
    DigestAlgorithm algorithm = DigestAlgorithm::Sha256;
    std::string hex;

    std::string algorithmName() const {
        return algorithm == DigestAlgorithm::Sha256 ? "sha256" : "sha512";
    }
    std::string toString() const { return algorithmName() + ':' + hex; }
    static std::optional<Digest> parse(std::string_view text);
};

class Hasher {
public:
    explicit Hasher(DigestAlgorithm algorithm = DigestAlgorithm::Sha256);
    ~Hasher();
    Hasher(const Hasher&) = delete;
    Hasher& operator=(const Hasher&) = delete;

    void update(const void* data, size_t size);
    // The digest of everything fed so far. The hasher can be reset afterwards.
    Digest finish();
    // The digest so far, leaving the running state untouched (hashes a copy).
    Digest peek() const;
    void reset();
    DigestAlgorithm algorithm() const { return m_algorithm; }

private:
    DigestAlgorithm m_algorithm;
    evp_md_ctx_st* m_context;
};

Digest digestOf(std::string_view data, DigestAlgorithm algorithm = DigestAlgorithm::Sha256);

} // namespace ferry
