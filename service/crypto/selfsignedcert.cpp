#include "selfsignedcert.h"

#include "ossl.h"
#include "random.h"
#include "securefile.h"

#include <openssl/crypto.h>
#include <openssl/pem.h>

#include <array>
#include <climits>

namespace ferry::crypto {
namespace {

constexpr std::size_t kSerialBytes = 16;
constexpr std::size_t kMaxCertificatePemBytes = 1024 * 1024;
// RFC 5280 upper bound for a commonName.
constexpr std::size_t kMaxCommonNameLength = 64;
// Clients whose clock runs a little behind must not see "not yet valid".
constexpr long kBackdateSeconds = 5 * 60;

Result<std::string> fingerprintOf(X509* certificate) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (X509_digest(certificate, EVP_sha256(), digest.data(), &length) != 1)
        return detail::opensslError("cannot hash the certificate");
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        if (i > 0)
            out += ':';
        out += kHex[digest[i] >> 4];
        out += kHex[digest[i] & 0xf];
    }
    return out;
}

// DNS names go into the SAN as IA5 strings; anything outside printable ASCII
// (or a comma/space that hints at a caller joining lists) is a caller bug.
bool plausibleDnsName(const std::string& name) {
    if (name.empty() || name.size() > 253)
        return false;
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '*';
        if (!ok)
            return false;
    }
    return true;
}

Result<detail::GeneralNamesPtr> subjectAltNames(const CertificateRequest& request) {
    detail::GeneralNamesPtr names{sk_GENERAL_NAME_new_null()};
    if (!names)
        return detail::opensslError("out of memory building subjectAltName");
    for (const std::string& dns : request.dnsNames) {
        if (!plausibleDnsName(dns))
            return Error{"not a valid DNS name for a certificate: " + dns};
        detail::GeneralNamePtr name{GENERAL_NAME_new()};
        ASN1_IA5STRING* text = ASN1_IA5STRING_new();
        if (!name || text == nullptr ||
            ASN1_STRING_set(text, dns.data(), static_cast<int>(dns.size())) != 1) {
            ASN1_IA5STRING_free(text);
            return detail::opensslError("cannot encode a DNS name");
        }
        GENERAL_NAME_set0_value(name.get(), GEN_DNS, text);
        if (sk_GENERAL_NAME_push(names.get(), name.get()) <= 0)
            return detail::opensslError("out of memory building subjectAltName");
        (void)name.release();
    }
    for (const std::string& ip : request.ipAddresses) {
        detail::Asn1OctetStringPtr address{a2i_IPADDRESS(ip.c_str())};
        if (!address) {
            detail::clearOpensslErrors();
            return Error{"not a valid IP address: " + ip};
        }
        detail::GeneralNamePtr name{GENERAL_NAME_new()};
        if (!name)
            return detail::opensslError("out of memory building subjectAltName");
        GENERAL_NAME_set0_value(name.get(), GEN_IPADD, address.release());
        if (sk_GENERAL_NAME_push(names.get(), name.get()) <= 0)
            return detail::opensslError("out of memory building subjectAltName");
        (void)name.release();
    }
    return names;
}

// Only fixed strings go through the config-string parser; names supplied by
// callers are built as structures above, so they cannot inject extensions.
Status addExtension(X509* certificate, X509V3_CTX* ctx, int nid, const char* value) {
    detail::X509ExtensionPtr extension{X509V3_EXT_nconf_nid(nullptr, ctx, nid, value)};
    if (!extension || X509_add_ext(certificate, extension.get(), -1) != 1)
        return detail::opensslError("cannot add a certificate extension");
    return {};
}

Result<detail::PkeyPtr> generateP256() {
    detail::PkeyCtxPtr ctx{EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr)};
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_group_name(ctx.get(), "P-256") != 1)
        return detail::opensslError("cannot set up P-256 key generation");
    EVP_PKEY* key = nullptr;
    if (EVP_PKEY_generate(ctx.get(), &key) != 1)
        return detail::opensslError("cannot generate a P-256 key");
    return detail::PkeyPtr(key);
}

Status setRandomSerial(X509* certificate) {
    auto bytes = randomBytes(kSerialBytes);
    if (!bytes)
        return std::move(bytes).takeError();
    // RFC 5280 §4.1.2.2: positive and non-zero; the top bit is cleared so
    // DER needs no sign byte, and one bit is forced so it is never zero.
    bytes.value()[0] = static_cast<unsigned char>((bytes.value()[0] & 0x7f) | 0x40);
    detail::BignumPtr number{BN_bin2bn(bytes.value().data(), kSerialBytes, nullptr)};
    if (!number || BN_to_ASN1_INTEGER(number.get(), X509_get_serialNumber(certificate)) == nullptr)
        return detail::opensslError("cannot set the certificate serial number");
    return {};
}

} // namespace

Result<SelfSignedCertificate> makeSelfSignedCertificate(const CertificateRequest& request) {
    if (request.dnsNames.empty() && request.ipAddresses.empty())
        return Error{"a certificate needs at least one DNS name or IP address"};
    if (request.validity.count() < 1 || request.validity.count() > 3650)
        return Error{"certificate validity must be between 1 day and 10 years"};
    const std::string& commonName =
        request.dnsNames.empty() ? request.ipAddresses.front() : request.dnsNames.front();
    if (commonName.size() > kMaxCommonNameLength)
        return Error{"the first host name is too long for a certificate common name"};

    auto sans = subjectAltNames(request);
    if (!sans)
        return std::move(sans).takeError();
    auto key = generateP256();
    if (!key)
        return std::move(key).takeError();

    detail::X509Ptr certificate{X509_new()};
    if (!certificate || X509_set_version(certificate.get(), X509_VERSION_3) != 1)
        return detail::opensslError("cannot create a certificate");
    if (auto status = setRandomSerial(certificate.get()); !status)
        return std::move(status).takeError();

    const long validitySeconds = static_cast<long>(request.validity.count()) * 24 * 60 * 60;
    if (X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -kBackdateSeconds) == nullptr ||
        X509_gmtime_adj(X509_getm_notAfter(certificate.get()), validitySeconds) == nullptr)
        return detail::opensslError("cannot set the certificate validity");

    X509_NAME* subject = X509_get_subject_name(certificate.get());
    if (X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(commonName.c_str()), -1,
                                   -1, 0) != 1 ||
        X509_set_issuer_name(certificate.get(), subject) != 1 ||
        X509_set_pubkey(certificate.get(), key.value().get()) != 1)
        return detail::opensslError("cannot set the certificate names or key");

    if (X509_add1_ext_i2d(certificate.get(), NID_subject_alt_name, sans.value().get(), 0,
                          X509V3_ADD_DEFAULT) != 1)
        return detail::opensslError("cannot add subjectAltName");

    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, certificate.get(), certificate.get(), nullptr, nullptr, 0);
    for (const auto& [nid, value] : {std::pair{NID_basic_constraints, "critical,CA:FALSE"},
                                     std::pair{NID_key_usage, "critical,digitalSignature"},
                                     std::pair{NID_ext_key_usage, "serverAuth"},
                                     std::pair{NID_subject_key_identifier, "hash"}}) {
        if (auto status = addExtension(certificate.get(), &ctx, nid, value); !status)
            return std::move(status).takeError();
    }

    if (X509_sign(certificate.get(), key.value().get(), EVP_sha256()) <= 0)
        return detail::opensslError("cannot sign the certificate");

    SelfSignedCertificate out;
    detail::BioPtr certificateBio{BIO_new(BIO_s_mem())};
    if (!certificateBio || PEM_write_bio_X509(certificateBio.get(), certificate.get()) != 1)
        return detail::opensslError("cannot encode the certificate");
    out.certificatePem = detail::bioContents(certificateBio.get());

    detail::BioPtr keyBio{BIO_new(BIO_s_secmem())};
    if (!keyBio || PEM_write_bio_PrivateKey(keyBio.get(), key.value().get(), nullptr, nullptr, 0,
                                            nullptr, nullptr) != 1)
        return detail::opensslError("cannot encode the private key");
    out.privateKeyPem = detail::bioContents(keyBio.get());

    auto fingerprint = fingerprintOf(certificate.get());
    if (!fingerprint)
        return std::move(fingerprint).takeError();
    out.fingerprintSha256 = std::move(fingerprint).value();
    return out;
}

Result<std::string> generateSelfSignedCertificate(const CertificateRequest& request,
                                                  const std::filesystem::path& certificatePath,
                                                  const std::filesystem::path& keyPath) {
    auto made = makeSelfSignedCertificate(request);
    if (!made)
        return std::move(made).takeError();
    SelfSignedCertificate& generated = made.value();
    Status keyWritten = writeFileAtomically(keyPath, generated.privateKeyPem, 0600);
    OPENSSL_cleanse(generated.privateKeyPem.data(), generated.privateKeyPem.size());
    if (!keyWritten)
        return std::move(keyWritten).takeError();
    if (auto status = writeFileAtomically(certificatePath, generated.certificatePem, 0644); !status)
        return std::move(status).takeError();
    return std::move(generated.fingerprintSha256);
}

Result<std::string> fingerprintOfPemFile(const std::filesystem::path& path) {
    auto pem = readWholeFile(path, kMaxCertificatePemBytes);
    if (!pem)
        return std::move(pem).takeError();
    detail::BioPtr bio{BIO_new_mem_buf(pem.value().data(), static_cast<int>(pem.value().size()))};
    if (!bio)
        return detail::opensslError("out of memory reading a certificate");
    detail::X509Ptr certificate{PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)};
    if (!certificate)
        return detail::opensslError("no PEM certificate in " + path.string());
    return fingerprintOf(certificate.get());
}

} // namespace ferry::crypto
