// Digest parsing (OCI image-spec "Digests") and incremental hashing: the
// streaming Hasher must agree with one-shot hashing and with published vectors.

#include "core/digest.h"

#include <QtTest>

#include <string>

using namespace ferry;

namespace {

const std::string kEmpty256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const std::string kAbc256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const std::string kAbc512 = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

} // namespace

class TestDigest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("algorithm"); // 256 or 512 when valid
        const QString hex64 = QString::fromStdString(kAbc256);
        const QString hex128 = QString::fromStdString(kAbc512);
        QTest::newRow("sha256") << "sha256:" + hex64 << true << 256;
        QTest::newRow("sha512") << "sha512:" + hex128 << true << 512;
        QTest::newRow("sha256 too short") << "sha256:" + hex64.left(63) << false << 0;
        QTest::newRow("sha256 too long") << "sha256:" + hex64 + "0" << false << 0;
        QTest::newRow("sha256 with sha512 length") << "sha256:" + hex128 << false << 0;
        QTest::newRow("sha512 with sha256 length") << "sha512:" + hex64 << false << 0;
        QTest::newRow("upper-case hex") << "sha256:" + hex64.toUpper() << false << 0;
        QTest::newRow("one upper-case digit") << "sha256:B" + hex64.mid(1) << false << 0;
        QTest::newRow("non-hex character") << "sha256:g" + hex64.mid(1) << false << 0;
        QTest::newRow("upper-case algorithm") << "SHA256:" + hex64 << false << 0;
        QTest::newRow("unknown algorithm") << "md5:" + hex64 << false << 0;
        QTest::newRow("sha384") << "sha384:" + hex64 << false << 0;
        QTest::newRow("no algorithm") << hex64 << false << 0;
        QTest::newRow("no colon") << "sha256" + hex64 << false << 0;
        QTest::newRow("algorithm only") << "sha256:" << false << 0;
        QTest::newRow("empty") << "" << false << 0;
        QTest::newRow("trailing newline") << "sha256:" + hex64 + "\n" << false << 0;
    }

    void parse() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(int, algorithm);
        const std::string input = text.toStdString();
        const auto digest = Digest::parse(input);
        QCOMPARE(digest.has_value(), valid);
        if (!valid)
            return;
        QCOMPARE(digest->algorithm,
                 algorithm == 256 ? DigestAlgorithm::Sha256 : DigestAlgorithm::Sha512);
        QCOMPARE(digest->toString(), input);
        QCOMPARE(digest->hex, input.substr(7));
    }

    void knownVectors() {
        QCOMPARE(digestOf("").hex, kEmpty256);
        QCOMPARE(digestOf("abc").hex, kAbc256);
        QCOMPARE(digestOf("abc").toString(), "sha256:" + kAbc256);
        QCOMPARE(digestOf("abc", DigestAlgorithm::Sha512).hex, kAbc512);
        QCOMPARE(digestOf("abc", DigestAlgorithm::Sha512).algorithmName(), std::string("sha512"));
    }

    void freshHasherIsEmptyDigest() {
        Hasher hasher;
        QCOMPARE(hasher.finish().hex, kEmpty256);
    }

    void incrementalEqualsOneShot_data() {
        QTest::addColumn<int>("chunk");
        QTest::newRow("1 byte") << 1;
        QTest::newRow("7 bytes") << 7;
        QTest::newRow("64 bytes") << 64;
        QTest::newRow("whole") << 100000;
    }

    void incrementalEqualsOneShot() {
        QFETCH(int, chunk);
        std::string data;
        for (int i = 0; i < 10007; ++i)
            data += char('a' + (i * 31) % 26);
        for (const auto algorithm : {DigestAlgorithm::Sha256, DigestAlgorithm::Sha512}) {
            Hasher hasher(algorithm);
            for (size_t offset = 0; offset < data.size(); offset += size_t(chunk))
                hasher.update(data.data() + offset, std::min(size_t(chunk), data.size() - offset));
            const Digest streamed = hasher.finish();
            QCOMPARE(streamed.algorithm, algorithm);
            QCOMPARE(streamed.hex, digestOf(data, algorithm).hex);
        }
    }

    void peekLeavesStateRunning() {
        Hasher hasher;
        hasher.update("a", 1);
        QCOMPARE(hasher.peek().hex, digestOf("a").hex);
        // A second peek sees the same state: peeking did not finalise it.
        QCOMPARE(hasher.peek().hex, digestOf("a").hex);
        hasher.update("bc", 2);
        QCOMPARE(hasher.peek().hex, kAbc256);
        QCOMPARE(hasher.finish().hex, kAbc256);
    }

    void resetStartsOver() {
        Hasher hasher;
        hasher.update("xyz", 3);
        hasher.reset();
        hasher.update("abc", 3);
        QCOMPARE(hasher.finish().hex, kAbc256);
    }
};

QTEST_GUILESS_MAIN(TestDigest)
#include "tst_digest.moc"
