#pragma once

// A TLS identity for a ferryd that has none yet: an ECDSA P-256 self-signed
// server certificate. Clients pin it by the SHA-256 fingerprint returned here
// (the console shows it, docker/podman trust it via certs.d).

#include "result.h"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace ferry::crypto {

struct CertificateRequest {
    // The first DNS name (or, if none, the first IP address) becomes the CN.
    std::vector<std::string> dnsNames;
    std::vector<std::string> ipAddresses; // IPv4 or IPv6 literals
    std::chrono::days validity{365};
};

struct SelfSignedCertificate {
    std::string certificatePem;
    std::string privateKeyPem;     // unencrypted PKCS#8; keep it out of logs
    std::string fingerprintSha256; // "AB:CD:..." over the DER certificate
};

// In memory only; useful when the caller decides where things go.
Result<SelfSignedCertificate> makeSelfSignedCertificate(const CertificateRequest& request);

// Generates, then writes the certificate (0644) and key (0600) atomically,
// key first so a certificate on disk always has its key. Returns the
// fingerprint.
Result<std::string> generateSelfSignedCertificate(const CertificateRequest& request,
                                                  const std::filesystem::path& certificatePath,
                                                  const std::filesystem::path& keyPath);

// SHA-256 fingerprint, "AB:CD:...", of the first certificate in a PEM file.
Result<std::string> fingerprintOfPemFile(const std::filesystem::path& path);

} // namespace ferry::crypto
