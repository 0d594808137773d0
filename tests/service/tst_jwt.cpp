// ES256 compact JWS: round trips and every refusal SigningKey::verify
// promises. Tokens are secrets, so comparisons go through QVERIFY and failure
// messages carry only the verifier's reason.

#include "crypto/base64url.h"
#include "crypto/jwt.h"
#include "crypto/jwtclaims.h"

#include <QtTest>

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <atomic>
#include <random>
#include <sys/stat.h>
#include <thread>

using namespace ferry::crypto;

namespace {

SigningKey mustGenerate() {
    auto key = SigningKey::generate();
    if (!key)
        qFatal("key generation failed: %s", key.error().c_str());
    return std::move(key).value();
}

std::string mustSign(const SigningKey& key, std::string_view payload) {
    auto token = key.sign(payload);
    if (!token)
        qFatal("signing failed: %s", token.error().c_str());
    return std::move(token).value();
}

struct Segments {
    std::string header, payload, signature;
};

Segments split(const std::string& token) {
    const auto a = token.find('.');
    const auto b = token.find('.', a + 1);
    return {token.substr(0, a), token.substr(a + 1, b - a - 1), token.substr(b + 1)};
}

std::string join(const Segments& s) {
    return s.header + "." + s.payload + "." + s.signature;
}

std::string decodeToString(std::string_view text) {
    auto bytes = base64UrlDecode(text);
    return bytes ? std::string(bytes->begin(), bytes->end()) : std::string("<invalid>");
}

// Raw string literals are avoided in this file: Qt 6.4's moc mis-lexes
// some of them and then silently finds no test class.

// A refusal of the token.
bool refused(const SigningKey& key, std::string_view token) {
    return !key.verify(token).ok();
}

constexpr std::string_view kPayload = "{\"sub\":\"alice\",\"exp\":1700000000,\"access\":[]}";

} // namespace

class TestJwt : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void base64UrlKnownVectors() {
        const std::pair<std::string_view, std::string_view> vectors[] = {
            {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},         {"foo", "Zm9v"},
            {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}};
        for (const auto& [plain, encoded] : vectors) {
            QCOMPARE(base64UrlEncode(plain), std::string(encoded));
            auto decoded = base64UrlDecode(encoded);
            QVERIFY(decoded.has_value());
            QCOMPARE(std::string(decoded->begin(), decoded->end()), std::string(plain));
        }
        const unsigned char special[] = {0xfb, 0xff, 0xbf};
        QCOMPARE(base64UrlEncode(std::span<const unsigned char>(special)), std::string("-_-_"));
        QCOMPARE(base64UnpaddedEncode(std::span<const unsigned char>(special)),
                 std::string("+/+/"));
    }

    void base64UrlDecodeIsStrict() {
        for (const std::string_view bad :
             {"Zg==", "Zg=", "Z", "Zh", "Zm9=", "Zm 9v", "Zm9v\n", "+/+/", "Zm9vY", "Zm9vYh"})
            QVERIFY2(!base64UrlDecode(bad).has_value(), std::string(bad).c_str());
        QVERIFY(!base64UnpaddedDecode("-_-_").has_value());
        QVERIFY(base64UnpaddedDecode("+/+/").has_value());
    }

    void signThenVerify() {
        const SigningKey key = mustGenerate();
        const std::string token = mustSign(key, kPayload);
        auto payload = key.verify(token);
        QVERIFY2(payload.ok(), payload.ok() ? "" : payload.error().c_str());
        QVERIFY(payload.value() == kPayload);
    }

    void headerIsEs256WithKeyId() {
        const SigningKey key = mustGenerate();
        const Segments s = split(mustSign(key, kPayload));
        QCOMPARE(decodeToString(s.header),
                 "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + key.keyId() + "\"}");
        QCOMPARE(key.keyId().size(), std::size_t{22});
        QVERIFY(base64UrlDecode(key.keyId()).has_value());
        // JWS carries the raw r||s pair, not DER.
        auto signature = base64UrlDecode(s.signature);
        QVERIFY(signature.has_value());
        QCOMPARE(signature->size(), std::size_t{64});
    }

    // Checks the r||s conversion independently of the verifier under test.
    void signatureVerifiesWithPlainOpenSsl() {
        const SigningKey key = mustGenerate();
        const std::string token = mustSign(key, kPayload);
        const Segments s = split(token);
        auto raw = base64UrlDecode(s.signature);
        QVERIFY(raw.has_value());

        ECDSA_SIG* sig = ECDSA_SIG_new();
        ECDSA_SIG_set0(sig, BN_bin2bn(raw->data(), 32, nullptr),
                       BN_bin2bn(raw->data() + 32, 32, nullptr));
        unsigned char* der = nullptr;
        const int derLength = i2d_ECDSA_SIG(sig, &der);
        ECDSA_SIG_free(sig);
        QVERIFY(derLength > 0);

        auto publicPem = key.publicKeyPem();
        QVERIFY(publicPem.ok());
        BIO* bio = BIO_new_mem_buf(publicPem.value().data(), int(publicPem.value().size()));
        EVP_PKEY* publicKey = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
        BIO_free(bio);
        QVERIFY(publicKey != nullptr);
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        const std::string signedPart = s.header + "." + s.payload;
        int result = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, publicKey);
        if (result == 1)
            result = EVP_DigestVerify(ctx, der, std::size_t(derLength),
                                      reinterpret_cast<const unsigned char*>(signedPart.data()),
                                      signedPart.size());
        EVP_MD_CTX_free(ctx);
        EVP_PKEY_free(publicKey);
        OPENSSL_free(der);
        QCOMPARE(result, 1);
    }

    void saveAndLoadKeepTheKey() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path path = dir.filePath("jwt-signing.pem").toStdString();
        const SigningKey original = mustGenerate();
        auto saved = original.save(path);
        QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().c_str());

        struct stat info {};
        QCOMPARE(::stat(path.c_str(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);

        auto loaded = SigningKey::load(path);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().c_str());
        QCOMPARE(loaded.value().keyId(), original.keyId());
        QVERIFY(loaded.value().verify(mustSign(original, kPayload)).ok());
        QVERIFY(original.verify(mustSign(loaded.value(), kPayload)).ok());

        // Saving again replaces the file atomically.
        const SigningKey replacement = mustGenerate();
        QVERIFY(replacement.save(path).ok());
        auto reloaded = SigningKey::load(path);
        QVERIFY(reloaded.ok());
        QCOMPARE(reloaded.value().keyId(), replacement.keyId());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void loadRefusesWrongKeysAndGarbage() {
        QVERIFY(!SigningKey::load("/nonexistent/key.pem").ok());
        QVERIFY(!SigningKey::fromPem("").ok());
        QVERIFY(
            !SigningKey::fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
                 .ok());

        // A P-384 key is a valid key, but not one ES256 can use.
        EVP_PKEY* p384 = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", const_cast<char*>("P-384"));
        QVERIFY(p384 != nullptr);
        BIO* bio = BIO_new(BIO_s_mem());
        QCOMPARE(PEM_write_bio_PrivateKey(bio, p384, nullptr, nullptr, 0, nullptr, nullptr), 1);
        char* data = nullptr;
        const long length = BIO_get_mem_data(bio, &data);
        const std::string p384Pem(data, std::size_t(length));
        BIO_free(bio);
        QVERIFY(!SigningKey::fromPem(p384Pem).ok());

        // An encrypted key must fail, not prompt on a terminal.
        auto p256 = SigningKey::generate();
        QVERIFY(p256.ok());
        auto plainPem = p256.value().privateKeyPem();
        QVERIFY(plainPem.ok());
        BIO* in = BIO_new_mem_buf(plainPem.value().data(), int(plainPem.value().size()));
        EVP_PKEY* plainKey = PEM_read_bio_PrivateKey(in, nullptr, nullptr, nullptr);
        BIO_free(in);
        QVERIFY(plainKey != nullptr);
        BIO* out = BIO_new(BIO_s_mem());
        char passphrase[] = "passphrase";
        QCOMPARE(PEM_write_bio_PrivateKey(out, plainKey, EVP_aes_256_cbc(),
                                          reinterpret_cast<unsigned char*>(passphrase),
                                          int(sizeof passphrase - 1), nullptr, nullptr),
                 1);
        const long encryptedLength = BIO_get_mem_data(out, &data);
        const std::string encryptedPem(data, std::size_t(encryptedLength));
        BIO_free(out);
        EVP_PKEY_free(plainKey);
        EVP_PKEY_free(p384);
        QVERIFY(encryptedPem.find("ENCRYPTED") != std::string::npos);
        QVERIFY(!SigningKey::fromPem(encryptedPem).ok());
    }

    void keyIdsDiffer() { QVERIFY(mustGenerate().keyId() != mustGenerate().keyId()); }

    void tamperedPayloadIsRefused() {
        const SigningKey key = mustGenerate();
        Segments s = split(mustSign(key, kPayload));
        s.payload = base64UrlEncode(
            std::string_view("{\"sub\":\"mallory\",\"exp\":1700000000,\"access\":[]}"));
        QVERIFY(refused(key, join(s)));

        Segments flipped = split(mustSign(key, kPayload));
        flipped.payload[5] = flipped.payload[5] == 'A' ? 'B' : 'A';
        QVERIFY(refused(key, join(flipped)));
    }

    void tamperedSignatureIsRefused() {
        const SigningKey key = mustGenerate();
        const Segments original = split(mustSign(key, kPayload));
        auto raw = base64UrlDecode(original.signature);
        QVERIFY(raw.has_value());
        for (const std::size_t index :
             {std::size_t{0}, std::size_t{31}, std::size_t{32}, std::size_t{63}}) {
            auto changed = *raw;
            changed[index] ^= 0x01;
            Segments s = original;
            s.signature = base64UrlEncode(changed);
            QVERIFY(refused(key, join(s)));
        }
        Segments s = original;
        s.signature = base64UrlEncode(std::span<const unsigned char>(raw->data(), 63));
        QVERIFY(refused(key, join(s)));
        s.signature = base64UrlEncode(std::vector<unsigned char>(64, 0));
        QVERIFY(refused(key, join(s)));
        s.signature = base64UrlEncode(std::vector<unsigned char>(64, 0xff));
        QVERIFY(refused(key, join(s)));
        s.signature.clear();
        QVERIFY(refused(key, join(s)));

        // A DER signature where JWS wants r||s.
        Segments der = original;
        std::vector<unsigned char> derBytes{0x30, 0x44, 0x02, 0x20};
        derBytes.insert(derBytes.end(), raw->begin(), raw->begin() + 32);
        derBytes.insert(derBytes.end(), {0x02, 0x20});
        derBytes.insert(derBytes.end(), raw->begin() + 32, raw->end());
        der.signature = base64UrlEncode(derBytes);
        QVERIFY(refused(key, join(der)));
    }

    void tamperedHeaderIsRefused() {
        const SigningKey key = mustGenerate();
        const Segments original = split(mustSign(key, kPayload));
        const std::string kid = key.keyId();
        const std::string headers[] = {
            "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\",\"x\":1}",
            "{\"typ\":\"JWT\",\"alg\":\"ES256\",\"kid\":\"" + kid + "\"}",
            "{\"alg\":\"ES256\",\"kid\":\"" + kid + "\"}",
        };
        for (const std::string& header : headers) {
            Segments s = original;
            s.header = base64UrlEncode(std::string_view(header));
            QVERIFY(refused(key, join(s)));
        }
    }

    void unacceptableHeadersAreRefused_data() {
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("alg none") << QByteArray(
            "{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"KID\"}");
        QTest::newRow("alg NONE") << QByteArray("{\"alg\":\"NONE\",\"kid\":\"KID\"}");
        QTest::newRow("alg HS256")
            << QByteArray("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"KID\"}");
        QTest::newRow("alg RS256") << QByteArray("{\"alg\":\"RS256\",\"kid\":\"KID\"}");
        QTest::newRow("alg es256") << QByteArray("{\"alg\":\"es256\",\"kid\":\"KID\"}");
        QTest::newRow("alg missing") << QByteArray("{\"typ\":\"JWT\",\"kid\":\"KID\"}");
        QTest::newRow("alg not string") << QByteArray("{\"alg\":256,\"kid\":\"KID\"}");
        QTest::newRow("duplicate alg")
            << QByteArray("{\"alg\":\"ES256\",\"alg\":\"none\",\"kid\":\"KID\"}");
        QTest::newRow("kid missing") << QByteArray("{\"alg\":\"ES256\",\"typ\":\"JWT\"}");
        QTest::newRow("kid wrong") << QByteArray("{\"alg\":\"ES256\",\"kid\":\"someone-else\"}");
        QTest::newRow("kid array") << QByteArray("{\"alg\":\"ES256\",\"kid\":[\"KID\"]}");
        QTest::newRow("typ other")
            << QByteArray("{\"alg\":\"ES256\",\"typ\":\"JWE\",\"kid\":\"KID\"}");
        QTest::newRow("crit") << QByteArray(
            "{\"alg\":\"ES256\",\"kid\":\"KID\",\"crit\":[\"exp\"]}");
        QTest::newRow("not an object") << QByteArray("[\"ES256\"]");
        QTest::newRow("trailing junk") << QByteArray("{\"alg\":\"ES256\",\"kid\":\"KID\"}x");
        QTest::newRow("unterminated") << QByteArray("{\"alg\":\"ES256\",\"kid\":\"KID\"");
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("deep nesting") << QByteArray("{\"alg\":\"ES256\",\"kid\":\"KID\",\"x\":") +
                                             QByteArray(1000, '[') + QByteArray(1000, ']') +
                                             QByteArray("}");
    }

    // Each header is re-signed with the right key, so only the header check
    // stands between it and acceptance.
    void unacceptableHeadersAreRefused() {
        QFETCH(QByteArray, header);
        const SigningKey key = mustGenerate();
        const std::string headerJson =
            header.replace("KID", QByteArray::fromStdString(key.keyId())).toStdString();
        const std::string signingInput =
            base64UrlEncode(std::string_view(headerJson)) + "." + base64UrlEncode(kPayload);
        // Borrow a real ES256 signature over this input by signing through
        // OpenSSL with the same key.
        auto pem = key.privateKeyPem();
        QVERIFY(pem.ok());
        BIO* bio = BIO_new_mem_buf(pem.value().data(), int(pem.value().size()));
        EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
        BIO_free(bio);
        QVERIFY(pkey != nullptr);
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        std::size_t derLength = 128;
        std::vector<unsigned char> der(derLength);
        QCOMPARE(EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, pkey), 1);
        QCOMPARE(EVP_DigestSign(ctx, der.data(), &derLength,
                                reinterpret_cast<const unsigned char*>(signingInput.data()),
                                signingInput.size()),
                 1);
        EVP_MD_CTX_free(ctx);
        EVP_PKEY_free(pkey);
        const unsigned char* cursor = der.data();
        ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &cursor, long(derLength));
        QVERIFY(sig != nullptr);
        std::vector<unsigned char> raw(64);
        BN_bn2binpad(ECDSA_SIG_get0_r(sig), raw.data(), 32);
        BN_bn2binpad(ECDSA_SIG_get0_s(sig), raw.data() + 32, 32);
        ECDSA_SIG_free(sig);

        QVERIFY(refused(key, signingInput + "." + base64UrlEncode(raw)));
        QVERIFY(refused(key, signingInput + "."));
    }

    void algNoneIsRefused() {
        const SigningKey key = mustGenerate();
        const Segments original = split(mustSign(key, kPayload));
        Segments s = original;
        s.header = base64UrlEncode(
            std::string_view("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + key.keyId() + "\"}"));
        s.signature.clear();
        QVERIFY(refused(key, join(s)));
        s.signature = original.signature;
        QVERIFY(refused(key, join(s)));
        QVERIFY(refused(key, s.header + "." + s.payload));
    }

    // The classic confusion: an HMAC keyed with the public key.
    void hmacWithPublicKeyIsRefused() {
        const SigningKey key = mustGenerate();
        auto publicPem = key.publicKeyPem();
        QVERIFY(publicPem.ok());
        const std::string signingInput =
            base64UrlEncode(std::string_view("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" +
                                             key.keyId() + "\"}")) +
            "." + base64UrlEncode(kPayload);
        unsigned char mac[EVP_MAX_MD_SIZE];
        unsigned int macLength = 0;
        HMAC(EVP_sha256(), publicPem.value().data(), int(publicPem.value().size()),
             reinterpret_cast<const unsigned char*>(signingInput.data()), signingInput.size(), mac,
             &macLength);
        QVERIFY(refused(key, signingInput + "." +
                                 base64UrlEncode(std::span<const unsigned char>(mac, macLength))));
    }

    void otherKeysTokensAreRefused() {
        const SigningKey mine = mustGenerate();
        const SigningKey theirs = mustGenerate();
        const std::string foreign = mustSign(theirs, kPayload);
        QVERIFY(refused(mine, foreign));
        auto reason = mine.verify(foreign);
        QVERIFY(!reason.ok() && reason.error().find("kid") != std::string::npos);

        // Same header as mine, signature from theirs.
        Segments s = split(mustSign(mine, kPayload));
        s.signature = split(foreign).signature;
        QVERIFY(refused(mine, join(s)));
    }

    void garbageTokensAreRefused_data() {
        QTest::addColumn<QByteArray>("token");
        for (const char* text : {"", ".", "..", "...", "a", "a.b", "a.b.c", "a.b.c.d",
                                 "!!!.@@@.###", "eyJhbGciOiJFUzI1NiJ9", "eyJhbGciOiJFUzI1NiJ9..",
                                 " . . ", "eyJ.eyJ.eyJ", "Bearer x.y.z"})
            QTest::addRow("text %s", text) << QByteArray(text);
        QTest::newRow("nul bytes") << QByteArray("a\0b.c\0d.e\0f", 11);
        QTest::newRow("high bytes") << QByteArray("\xff\xfe.\x80\x81.\xc0\xc1");
    }

    void garbageTokensAreRefused() {
        QFETCH(QByteArray, token);
        const SigningKey key = mustGenerate();
        QVERIFY(refused(key, std::string_view(token.constData(), std::size_t(token.size()))));
    }

    void randomMutationsAreRefused() {
        const SigningKey key = mustGenerate();
        const std::string token = mustSign(key, kPayload);
        std::mt19937 rng(12345);
        static constexpr char kChars[] =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \0";
        const std::string_view alphabet(kChars, sizeof kChars - 1);
        int accepted = 0;
        for (int i = 0; i < 3000; ++i) {
            std::string mutated = token;
            switch (i % 4) {
            case 0:
                mutated[rng() % mutated.size()] = alphabet[rng() % alphabet.size()];
                break;
            case 1:
                mutated.resize(rng() % mutated.size());
                break;
            case 2:
                mutated.insert(rng() % mutated.size(), 1, alphabet[rng() % alphabet.size()]);
                break;
            case 3:
                mutated.erase(rng() % mutated.size(), 1 + rng() % 4);
                break;
            }
            if (mutated != token && key.verify(mutated).ok())
                ++accepted;
        }
        QCOMPARE(accepted, 0);
        QVERIFY(key.verify(token).ok());
    }

    void oversizeIsRefused() {
        const SigningKey key = mustGenerate();
        const std::string bigPayload = "{\"pad\":\"" + std::string(9000, 'x') + "\"}";
        QVERIFY(!key.sign(bigPayload).ok());

        // Largest payload that still fits is signed and verified.
        std::string fits;
        for (std::size_t pad = 5000; pad < 7000; ++pad) {
            const std::string candidate = "{\"pad\":\"" + std::string(pad, 'x') + "\"}";
            auto token = key.sign(candidate);
            if (!token.ok())
                break;
            QVERIFY(token.value().size() <= kMaxJwtBytes);
            fits = std::move(token).value();
        }
        QVERIFY(fits.size() > kMaxJwtBytes - 4);
        QVERIFY(key.verify(fits).ok());

        const Segments s = split(mustSign(key, kPayload));
        const std::string oversized =
            s.header + "." + base64UrlEncode(std::string_view(bigPayload)) + "." + s.signature;
        QVERIFY(oversized.size() > kMaxJwtBytes);
        auto result = key.verify(oversized);
        QVERIFY(!result.ok() && result.error().find("large") != std::string::npos);
        QVERIFY(refused(key, std::string(kMaxJwtBytes + 1, 'A')));
    }

    void signRefusesNonObjectPayloads() {
        const SigningKey key = mustGenerate();
        for (const char* payload : {"", "null", "[]", "\"exp\"", "{", "{}x", "{\"a\":1,\"a\":2}"})
            QVERIFY2(!key.sign(payload).ok(), payload);
        QVERIFY(key.sign("{}").ok());
        QVERIFY(key.sign(" { \"a\" : [1, {\"b\": null}] } ").ok());
    }

    void concurrentUseOfOneKey() {
        const SigningKey key = mustGenerate();
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 200; ++i) {
                    auto token = key.sign(kPayload);
                    if (!token || !key.verify(token.value()).ok())
                        ++failures;
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
    }

    void numericClaimsAreRead() {
        auto exp = numericClaim(kPayload, "exp");
        QVERIFY(exp.ok());
        QVERIFY(exp.value().has_value());
        QCOMPARE(*exp.value(), std::int64_t{1700000000});

        auto nbf = numericClaim(kPayload, "nbf");
        QVERIFY(nbf.ok());
        QVERIFY(!nbf.value().has_value());

        auto escaped = numericClaim("{\"\\u0065xp\":42}", "exp");
        QVERIFY(escaped.ok() && escaped.value() == std::int64_t{42});

        auto nested = numericClaim("{\"inner\":{\"exp\":1},\"x\":[{\"exp\":2}]}", "exp");
        QVERIFY(nested.ok() && !nested.value().has_value());

        auto negative = numericClaim("{\"nbf\":-5}", "nbf");
        QVERIFY(negative.ok() && negative.value() == std::int64_t{-5});

        for (const char* bad : {"{\"exp\":\"1700000000\"}", "{\"exp\":1.5}", "{\"exp\":1e9}",
                                "{\"exp\":99999999999999999999}", "{\"exp\":true}",
                                "{\"exp\":1,\"exp\":2}", "{\"exp\":01}", "not json", "{"})
            QVERIFY2(!numericClaim(bad, "exp").ok(), bad);
    }

    void stringClaimsAreRead() {
        auto sub = stringClaim(kPayload, "sub");
        QVERIFY(sub.ok() && sub.value() == std::string("alice"));
        auto missing = stringClaim(kPayload, "aud");
        QVERIFY(missing.ok() && !missing.value().has_value());
        QVERIFY(!stringClaim(kPayload, "exp").ok());
        auto unicode = stringClaim("{\"sub\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\"\"}", "sub");
        QVERIFY(unicode.ok() && unicode.value() == std::string("café 😀 \"q\""));
        QVERIFY(!stringClaim("{\"sub\":\"\\ud83d\"}", "sub").ok());
        QVERIFY(!stringClaim("{\"sub\":\"a\nb\"}", "sub").ok());
    }
};

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_jwt.moc"
