// Self-signed server certificates: read back with OpenSSL and checked field
// by field, and the fingerprint cross-checked with the openssl CLI.

#include "crypto/selfsignedcert.h"

#include <QtTest>

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <set>
#include <sys/stat.h>

using namespace ferry::crypto;

namespace {

struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

X509Ptr loadCertificate(const QString& path) {
    BIO* bio = BIO_new_file(path.toLocal8Bit().constData(), "r");
    if (bio == nullptr)
        return nullptr;
    X509Ptr certificate(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
    BIO_free(bio);
    return certificate;
}

EVP_PKEY* loadKey(const QString& path) {
    BIO* bio = BIO_new_file(path.toLocal8Bit().constData(), "r");
    if (bio == nullptr)
        return nullptr;
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    return key;
}

mode_t modeOf(const QString& path) {
    struct stat info {};
    if (::stat(path.toLocal8Bit().constData(), &info) != 0)
        return 0;
    return info.st_mode & 0777;
}

std::string commonName(X509* certificate) {
    char buffer[256] = {};
    X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName, buffer,
                              sizeof buffer);
    return buffer;
}

struct AltNames {
    std::set<std::string> dns;
    std::set<std::string> ipBytes; // raw 4- or 16-byte addresses
};

AltNames altNamesOf(X509* certificate) {
    AltNames out;
    auto* names = static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
    for (int i = 0; names != nullptr && i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
        int type = 0;
        auto* value = static_cast<ASN1_STRING*>(GENERAL_NAME_get0_value(name, &type));
        const std::string text(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                               std::size_t(ASN1_STRING_length(value)));
        if (type == GEN_DNS)
            out.dns.insert(text);
        else if (type == GEN_IPADD)
            out.ipBytes.insert(text);
    }
    GENERAL_NAMES_free(names);
    return out;
}

} // namespace

class TestSelfSignedCert : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void generatesAServerCertificate() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString certPath = dir.filePath("tls.crt");
        const QString keyPath = dir.filePath("tls.key");
        CertificateRequest request;
        request.dnsNames = {"registry.example.internal", "localhost"};
        request.ipAddresses = {"127.0.0.1", "::1", "192.168.10.20"};
        auto fingerprint =
            generateSelfSignedCertificate(request, certPath.toStdString(), keyPath.toStdString());
        QVERIFY2(fingerprint.ok(), fingerprint.ok() ? "" : fingerprint.error().c_str());

        QCOMPARE(modeOf(keyPath), mode_t(0600));
        QCOMPARE(modeOf(certPath), mode_t(0644));
        // Atomic writes leave no temporary files behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);

        X509Ptr certificate = loadCertificate(certPath);
        QVERIFY(certificate);
        QCOMPARE(commonName(certificate.get()), std::string("registry.example.internal"));
        QCOMPARE(X509_get_version(certificate.get()), long(X509_VERSION_3));

        const AltNames names = altNamesOf(certificate.get());
        QCOMPARE(names.dns, (std::set<std::string>{"registry.example.internal", "localhost"}));
        QCOMPARE(names.ipBytes.size(), std::size_t{3});
        QVERIFY(names.ipBytes.count(std::string("\x7f\x00\x00\x01", 4)) == 1);
        QVERIFY(names.ipBytes.count(std::string(
                    "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01", 16)) == 1);
        QVERIFY(names.ipBytes.count(std::string("\xc0\xa8\x0a\x14", 4)) == 1);
        QCOMPARE(X509_check_host(certificate.get(), "localhost", 0, 0, nullptr), 1);
        QCOMPARE(X509_check_ip_asc(certificate.get(), "::1", 0), 1);
        QCOMPARE(X509_check_host(certificate.get(), "evil.example", 0, 0, nullptr), 0);

        // ECDSA P-256, and the key file holds the matching private key.
        EVP_PKEY* publicKey = X509_get0_pubkey(certificate.get());
        QVERIFY(publicKey != nullptr);
        QCOMPARE(EVP_PKEY_is_a(publicKey, "EC"), 1);
        char group[64] = {};
        std::size_t groupLength = 0;
        QCOMPARE(EVP_PKEY_get_group_name(publicKey, group, sizeof group, &groupLength), 1);
        QCOMPARE(std::string(group), std::string("prime256v1"));
        EVP_PKEY* privateKey = loadKey(keyPath);
        QVERIFY(privateKey != nullptr);
        QCOMPARE(X509_check_private_key(certificate.get(), privateKey), 1);
        EVP_PKEY_free(privateKey);

        // Self-signed, a leaf, for TLS servers only.
        QCOMPARE(X509_verify(certificate.get(), publicKey), 1);
        QCOMPARE(X509_NAME_cmp(X509_get_issuer_name(certificate.get()),
                               X509_get_subject_name(certificate.get())),
                 0);
        QCOMPARE(X509_check_ca(certificate.get()), 0);
        const uint32_t flags = X509_get_extension_flags(certificate.get());
        QVERIFY((flags & EXFLAG_BCONS) != 0);
        QVERIFY((flags & EXFLAG_CA) == 0);
        QCOMPARE(X509_get_key_usage(certificate.get()), uint32_t(KU_DIGITAL_SIGNATURE));
        QCOMPARE(X509_get_extended_key_usage(certificate.get()), uint32_t(XKU_SSL_SERVER));
        QCOMPARE(X509_get_signature_nid(certificate.get()), NID_ecdsa_with_SHA256);

        // Validity: about a year from (just before) now.
        int days = 0;
        int seconds = 0;
        QCOMPARE(ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(certificate.get()),
                                X509_get0_notAfter(certificate.get())),
                 1);
        QCOMPARE(days, 365);
        QVERIFY(X509_cmp_current_time(X509_get0_notBefore(certificate.get())) < 0);
        QVERIFY(X509_cmp_current_time(X509_get0_notAfter(certificate.get())) > 0);

        // Serial: positive, random-sized (up to 16 bytes).
        const ASN1_INTEGER* serial = X509_get0_serialNumber(certificate.get());
        QVERIFY(serial != nullptr);
        BIGNUM* serialNumber = ASN1_INTEGER_to_BN(serial, nullptr);
        QVERIFY(!BN_is_negative(serialNumber) && !BN_is_zero(serialNumber));
        QVERIFY(BN_num_bytes(serialNumber) == 16);
        BN_free(serialNumber);

        // Fingerprint: format, and agreement with reading the file back.
        static const QRegularExpression format("^([0-9A-F]{2}:){31}[0-9A-F]{2}$");
        QVERIFY(format.match(QString::fromStdString(fingerprint.value())).hasMatch());
        auto fromFile = fingerprintOfPemFile(certPath.toStdString());
        QVERIFY(fromFile.ok());
        QCOMPARE(fromFile.value(), fingerprint.value());
    }

    // What a client does when told to trust this certificate (docker's
    // certs.d/ca.crt, curl --cacert): it must verify as its own anchor.
    void verifiesAsItsOwnTrustAnchor() {
        CertificateRequest request;
        request.dnsNames = {"registry.example.internal"};
        request.ipAddresses = {"127.0.0.1"};
        auto made = makeSelfSignedCertificate(request);
        QVERIFY(made.ok());
        BIO* bio = BIO_new_mem_buf(made.value().certificatePem.data(),
                                   int(made.value().certificatePem.size()));
        X509Ptr certificate(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
        BIO_free(bio);
        QVERIFY(certificate);

        auto verifyFor = [&](const char* host, const char* ip) {
            X509_STORE* store = X509_STORE_new();
            X509_STORE_add_cert(store, certificate.get());
            X509_STORE_CTX* ctx = X509_STORE_CTX_new();
            X509_STORE_CTX_init(ctx, store, certificate.get(), nullptr);
            X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER);
            X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx);
            if (host != nullptr)
                X509_VERIFY_PARAM_set1_host(param, host, 0);
            if (ip != nullptr)
                X509_VERIFY_PARAM_set1_ip_asc(param, ip);
            const int ok = X509_verify_cert(ctx);
            X509_STORE_CTX_free(ctx);
            X509_STORE_free(store);
            return ok == 1;
        };
        QVERIFY(verifyFor("registry.example.internal", nullptr));
        QVERIFY(verifyFor(nullptr, "127.0.0.1"));
        QVERIFY(!verifyFor("other.example", nullptr));
        QVERIFY(!verifyFor(nullptr, "127.0.0.2"));
    }

    void fingerprintMatchesOpensslCli() {
        const QString openssl = QStandardPaths::findExecutable("openssl");
        if (openssl.isEmpty())
            QSKIP("openssl CLI not installed");
        QTemporaryDir dir;
        const QString certPath = dir.filePath("tls.crt");
        CertificateRequest request;
        request.dnsNames = {"localhost"};
        auto fingerprint = generateSelfSignedCertificate(request, certPath.toStdString(),
                                                         dir.filePath("tls.key").toStdString());
        QVERIFY(fingerprint.ok());

        QProcess process;
        process.start(openssl, {"x509", "-in", certPath, "-noout", "-fingerprint", "-sha256"});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        // e.g. "sha256 Fingerprint=AB:CD:..." (the prefix's case varies by version)
        const QString output = QString::fromLatin1(process.readAllStandardOutput()).trimmed();
        const QString cliFingerprint = output.section('=', 1);
        QCOMPARE(cliFingerprint, QString::fromStdString(fingerprint.value()));

        // And the CLI parses the SANs the same way.
        QProcess text;
        text.start(openssl, {"x509", "-in", certPath, "-noout", "-ext",
                             "subjectAltName,basicConstraints,keyUsage,extendedKeyUsage"});
        QVERIFY(text.waitForFinished(30000));
        const QString extensions = QString::fromLatin1(text.readAllStandardOutput());
        QVERIFY2(extensions.contains("DNS:localhost"), qPrintable(extensions));
        QVERIFY2(extensions.contains("CA:FALSE"), qPrintable(extensions));
        QVERIFY2(extensions.contains("Digital Signature"), qPrintable(extensions));
        QVERIFY2(extensions.contains("TLS Web Server Authentication"), qPrintable(extensions));
    }

    void ipOnlyCertificateAndCustomValidity() {
        CertificateRequest request;
        request.ipAddresses = {"10.0.0.7"};
        request.validity = std::chrono::days(30);
        auto made = makeSelfSignedCertificate(request);
        QVERIFY2(made.ok(), made.ok() ? "" : made.error().c_str());
        QVERIFY(made.value().privateKeyPem.find("BEGIN PRIVATE KEY") != std::string::npos);
        BIO* bio = BIO_new_mem_buf(made.value().certificatePem.data(),
                                   int(made.value().certificatePem.size()));
        X509Ptr certificate(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
        BIO_free(bio);
        QVERIFY(certificate);
        QCOMPARE(commonName(certificate.get()), std::string("10.0.0.7"));
        QCOMPARE(X509_check_ip_asc(certificate.get(), "10.0.0.7", 0), 1);
        int days = 0;
        int seconds = 0;
        QCOMPARE(ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(certificate.get()),
                                X509_get0_notAfter(certificate.get())),
                 1);
        QCOMPARE(days, 30);
    }

    void regeneratingReplacesFilesAndChangesEverything() {
        QTemporaryDir dir;
        const std::string certPath = dir.filePath("tls.crt").toStdString();
        const std::string keyPath = dir.filePath("tls.key").toStdString();
        CertificateRequest request;
        request.dnsNames = {"localhost"};
        auto first = generateSelfSignedCertificate(request, certPath, keyPath);
        auto second = generateSelfSignedCertificate(request, certPath, keyPath);
        QVERIFY(first.ok() && second.ok());
        QVERIFY(first.value() != second.value());
        auto onDisk = fingerprintOfPemFile(certPath);
        QVERIFY(onDisk.ok());
        QCOMPARE(onDisk.value(), second.value());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);
        QCOMPARE(modeOf(QString::fromStdString(keyPath)), mode_t(0600));
    }

    void badRequestsAreRefused_data() {
        QTest::addColumn<QStringList>("dns");
        QTest::addColumn<QStringList>("ips");
        QTest::addColumn<int>("days");
        QTest::newRow("no names") << QStringList{} << QStringList{} << 365;
        QTest::newRow("bad ip") << QStringList{} << QStringList{"300.1.1.1"} << 365;
        QTest::newRow("ip with port") << QStringList{} << QStringList{"127.0.0.1:5000"} << 365;
        QTest::newRow("dns with comma")
            << QStringList{"a.example,IP:1.2.3.4"} << QStringList{} << 365;
        QTest::newRow("dns with space") << QStringList{"a example"} << QStringList{} << 365;
        QTest::newRow("empty dns") << QStringList{""} << QStringList{} << 365;
        QTest::newRow("cn too long") << QStringList{QString(70, 'a')} << QStringList{} << 365;
        QTest::newRow("zero validity") << QStringList{"localhost"} << QStringList{} << 0;
        QTest::newRow("negative validity") << QStringList{"localhost"} << QStringList{} << -1;
    }

    void badRequestsAreRefused() {
        QFETCH(QStringList, dns);
        QFETCH(QStringList, ips);
        QFETCH(int, days);
        CertificateRequest request;
        for (const QString& name : dns)
            request.dnsNames.push_back(name.toStdString());
        for (const QString& ip : ips)
            request.ipAddresses.push_back(ip.toStdString());
        request.validity = std::chrono::days(days);
        QTemporaryDir dir;
        const QString certPath = dir.filePath("tls.crt");
        auto result = generateSelfSignedCertificate(request, certPath.toStdString(),
                                                    dir.filePath("tls.key").toStdString());
        QVERIFY(!result.ok());
        QVERIFY(!result.error().empty());
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }

    void fingerprintOfBadFilesFails() {
        QVERIFY(!fingerprintOfPemFile("/nonexistent/tls.crt").ok());
        QTemporaryDir dir;
        QFile garbage(dir.filePath("garbage.pem"));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(
            "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
        garbage.close();
        QVERIFY(!fingerprintOfPemFile(garbage.fileName().toStdString()).ok());
        QVERIFY(!fingerprintOfPemFile(dir.path().toStdString()).ok());
    }

    void keyFileCannotBeWrittenIntoAMissingDirectory() {
        CertificateRequest request;
        request.dnsNames = {"localhost"};
        auto result = generateSelfSignedCertificate(request, "/nonexistent/dir/tls.crt",
                                                    "/nonexistent/dir/tls.key");
        QVERIFY(!result.ok());
    }
};

QTEST_GUILESS_MAIN(TestSelfSignedCert)
#include "tst_selfsignedcert.moc"
