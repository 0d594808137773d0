// CSPRNG helpers: lengths, alphabet, rough uniformity and uniqueness. The
// statistical bounds are loose enough that a correct generator fails them
// with negligible probability, yet a modulo-biased or constant one does not pass.

#include "crypto/random.h"

#include <QtTest>

#include <array>
#include <bit>
#include <cmath>
#include <set>

using namespace ferry::crypto;

namespace {

bool inBase62(const std::string& text) {
    return text.find_first_not_of(kBase62Alphabet) == std::string::npos;
}

} // namespace

class TestRandom : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void randomBytesHasRequestedLength() {
        for (const std::size_t count : {0u, 1u, 16u, 32u, 1000u}) {
            auto bytes = randomBytes(count);
            QVERIFY(bytes.ok());
            QCOMPARE(bytes.value().size(), count);
        }
    }

    void randomBytesAreBalanced() {
        auto bytes = randomBytes(100000);
        QVERIFY(bytes.ok());
        std::size_t ones = 0;
        for (const unsigned char b : bytes.value())
            ones += static_cast<std::size_t>(std::popcount(b));
        const double fraction = double(ones) / (8.0 * bytes.value().size());
        QVERIFY2(fraction > 0.49 && fraction < 0.51, qPrintable(QString::number(fraction)));
        auto again = randomBytes(32);
        auto other = randomBytes(32);
        QVERIFY(again.ok() && other.ok());
        QVERIFY(again.value() != other.value());
    }

    void passwordHasLengthAndAlphabet() {
        for (int i = 0; i < 200; ++i) {
            auto password = generatePassword();
            QVERIFY(password.ok());
            QCOMPARE(password.value().size(), kPasswordLength);
            QVERIFY(inBase62(password.value()));
        }
    }

    void passwordCarriesAtLeast256Bits() {
        QVERIFY(double(kPasswordLength) * std::log2(double(kBase62Alphabet.size())) >= 256.0);
        QCOMPARE(kBase62Alphabet.size(), std::size_t{62});
        QCOMPARE(std::set<char>(kBase62Alphabet.begin(), kBase62Alphabet.end()).size(),
                 std::size_t{62});
    }

    void base62IsRoughlyUniform() {
        // 62,000 draws: each symbol expected 1,000 times (sd ~ 31).
        auto text = randomBase62(62000);
        QVERIFY(text.ok());
        QCOMPARE(text.value().size(), std::size_t{62000});
        std::array<int, 256> counts{};
        for (const char c : text.value())
            ++counts[static_cast<unsigned char>(c)];
        double entropy = 0;
        for (const char symbol : kBase62Alphabet) {
            const int count = counts[static_cast<unsigned char>(symbol)];
            QVERIFY2(count > 800 && count < 1200,
                     qPrintable(
                         QStringLiteral("symbol %1 seen %2 times").arg(QChar(symbol)).arg(count)));
            const double p = count / 62000.0;
            entropy -= p * std::log2(p);
        }
        QVERIFY2(entropy > 5.95, qPrintable(QString::number(entropy)));
    }

    void passwordsAreUnique() {
        std::set<std::string> seen;
        for (int i = 0; i < 2000; ++i) {
            auto password = generatePassword();
            QVERIFY(password.ok());
            QVERIFY(seen.insert(password.value()).second);
        }
    }

    void randomIdHasLengthAlphabetAndUniqueness() {
        std::set<std::string> seen;
        for (int i = 0; i < 10000; ++i) {
            auto id = randomId();
            QVERIFY(id.ok());
            QCOMPARE(id.value().size(), kRandomIdLength);
            QVERIFY(inBase62(id.value()));
            QVERIFY(seen.insert(id.value()).second);
        }
    }

    void zeroLengthIsEmpty() {
        auto text = randomBase62(0);
        QVERIFY(text.ok());
        QVERIFY(text.value().empty());
    }
};

QTEST_GUILESS_MAIN(TestRandom)
#include "tst_random.moc"
