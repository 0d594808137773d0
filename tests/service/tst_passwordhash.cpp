// scrypt password hashes: round trips, salting, the PHC encoding and its
// parser's refusals, plus a throughput measurement for the chosen cost.
// Secrets are only ever compared through QVERIFY, so a failure prints no hash.

#include "crypto/passwordhash.h"

#include <QtTest>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <thread>
#include <vector>

using namespace ferry::crypto;

namespace {

// Cheap parameters for the many functional checks; the default cost is
// exercised separately.
constexpr ScryptParams kFast{10, 8, 1};

std::string mustHash(std::string_view password, const ScryptParams& params = kFast) {
    auto encoded = hashPassword(password, params);
    if (!encoded)
        qFatal("hashPassword failed: %s", encoded.error().c_str());
    return std::move(encoded).value();
}

// Verifications per second of wall time with `threads` threads busy for
// ~2 seconds. Sensitive to whatever else the machine is doing.
double measureWallRate(const ScryptParams& params, int threads) {
    const std::string encoded = mustHash("benchmark-password", params);
    std::atomic<int> done{0};
    std::atomic<bool> stop{false};
    std::atomic<bool> allMatched{true};
    QElapsedTimer timer;
    timer.start();
    std::vector<std::thread> workers;
    for (int i = 0; i < threads; ++i) {
        workers.emplace_back([&] {
            while (!stop.load()) {
                if (!verifyPassword("benchmark-password", encoded))
                    allMatched = false;
                ++done;
            }
        });
    }
    while (timer.elapsed() < 2000)
        QThread::msleep(20);
    stop = true;
    for (auto& worker : workers)
        worker.join();
    const double seconds = timer.nsecsElapsed() / 1e9;
    return allMatched ? done.load() / seconds : 0;
}

double threadCpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + now.tv_nsec / 1e9;
}

// CPU seconds one verification takes: unlike wall time, barely affected by
// other processes competing for the cores.
double cpuSecondsPerVerification(const ScryptParams& params) {
    const std::string encoded = mustHash("benchmark-password", params);
    constexpr int kRounds = 10;
    bool allMatched = true;
    const double start = threadCpuSeconds();
    for (int i = 0; i < kRounds; ++i)
        allMatched = verifyPassword("benchmark-password", encoded) && allMatched;
    return allMatched ? (threadCpuSeconds() - start) / kRounds : 1e9;
}

} // namespace

class TestPasswordHash : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hashThenVerify() {
        const std::string encoded = mustHash("correct horse battery staple");
        QVERIFY(verifyPassword("correct horse battery staple", encoded));
    }

    void defaultParametersRoundTrip() {
        auto encoded = hashPassword("default cost");
        QVERIFY(encoded.ok());
        QVERIFY(encoded.value().starts_with("$scrypt$ln=14,r=8,p=1$"));
        QVERIFY(verifyPassword("default cost", encoded.value()));
        QVERIFY(!verifyPassword("default cosT", encoded.value()));
        QVERIFY(!needsRehash(encoded.value()));
    }

    void wrongPasswordIsRefused() {
        const std::string encoded = mustHash("secret-one");
        QVERIFY(!verifyPassword("secret-two", encoded));
        QVERIFY(!verifyPassword("secret-on", encoded));
        QVERIFY(!verifyPassword("secret-one ", encoded));
        QVERIFY(!verifyPassword("", encoded));
    }

    void unusualPasswordsWork() {
        const std::string withNul("a\0b", 3);
        const std::string encoded = mustHash(withNul);
        QVERIFY(verifyPassword(withNul, encoded));
        QVERIFY(!verifyPassword("a", encoded));

        const std::string empty = mustHash("");
        QVERIFY(verifyPassword("", empty));
        QVERIFY(!verifyPassword("x", empty));

        const std::string unicode = mustHash("pässwörd-パスワード");
        QVERIFY(verifyPassword("pässwörd-パスワード", unicode));

        const std::string longPassword(10000, 'z');
        QVERIFY(verifyPassword(longPassword, mustHash(longPassword)));
    }

    void saltMakesHashesDiffer() {
        const std::string first = mustHash("same password");
        const std::string second = mustHash("same password");
        QVERIFY(first != second);
        auto a = parseScryptHash(first);
        auto b = parseScryptHash(second);
        QVERIFY(a.ok() && b.ok());
        QVERIFY(a.value().salt != b.value().salt);
        QVERIFY(a.value().hash != b.value().hash);
        QVERIFY(verifyPassword("same password", first));
        QVERIFY(verifyPassword("same password", second));
    }

    void parametersParseBack() {
        const ScryptParams custom{12, 4, 2};
        const std::string encoded = mustHash("p", custom);
        QVERIFY(encoded.starts_with("$scrypt$ln=12,r=4,p=2$"));
        auto parsed = parseScryptHash(encoded);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().c_str());
        QCOMPARE(parsed.value().params.logN, 12u);
        QCOMPARE(parsed.value().params.r, 4u);
        QCOMPARE(parsed.value().params.p, 2u);
        QCOMPARE(parsed.value().salt.size(), kScryptSaltBytes);
        QCOMPARE(parsed.value().hash.size(), kScryptHashBytes);
        QVERIFY(verifyPassword("p", encoded));
        QVERIFY(needsRehash(encoded));
        QVERIFY(!needsRehash(encoded, custom));
    }

    void defaultCostIsInTheMemoryBudget() {
        const std::uint64_t mib = kDefaultScryptParams.memoryBytes() / (1024 * 1024);
        QVERIFY(mib >= 16 && mib <= 64);
        QCOMPARE(mib, std::uint64_t{16});
    }

    void outOfRangeParametersAreRefused() {
        QVERIFY(!hashPassword("x", ScryptParams{21, 8, 1}).ok());
        QVERIFY(!hashPassword("x", ScryptParams{9, 8, 1}).ok());
        QVERIFY(!hashPassword("x", ScryptParams{14, 0, 1}).ok());
        QVERIFY(!hashPassword("x", ScryptParams{14, 8, 0}).ok());
        QVERIFY(!hashPassword("x", ScryptParams{20, 32, 1}).ok()); // 4 GiB
        // Huge values must saturate, not wrap around under the memory bound.
        const ScryptParams absurd{39, UINT32_MAX, UINT32_MAX};
        QCOMPARE(absurd.memoryBytes(), UINT64_MAX);
        QVERIFY(!hashPassword("x", absurd).ok());
        QVERIFY(!parseScryptHash("$scrypt$ln=39,r=4294967295,p=4294967295$AAAAAAAAAAAAAAAAAAAAAA$"
                                 "AAAAAAAAAAAAAAAAAAAAAA")
                     .ok());
    }

    void malformedEncodings_data() {
        QTest::addColumn<QByteArray>("encoded");
        const std::string valid = mustHash("pw");
        const auto lastDollar = valid.rfind('$');
        const std::string salt =
            valid.substr(valid.find('$', 8) + 1, lastDollar - valid.find('$', 8) - 1);
        const std::string hash = valid.substr(lastDollar + 1);
        auto row = [](const char* name, const std::string& text) {
            QTest::newRow(name) << QByteArray::fromStdString(text);
        };
        row("empty", "");
        row("prefix only", "$scrypt$");
        row("other algorithm", "$argon2id$v=19$m=65536,t=3,p=4$" + salt + "$" + hash);
        row("no params", "$scrypt$$" + salt + "$" + hash);
        row("missing hash", "$scrypt$ln=10,r=8,p=1$" + salt);
        row("empty hash", "$scrypt$ln=10,r=8,p=1$" + salt + "$");
        row("extra segment", "$scrypt$ln=10,r=8,p=1$" + salt + "$" + hash + "$" + hash);
        row("reordered params", "$scrypt$r=8,ln=10,p=1$" + salt + "$" + hash);
        row("leading zero", "$scrypt$ln=010,r=8,p=1$" + salt + "$" + hash);
        row("signed", "$scrypt$ln=+10,r=8,p=1$" + salt + "$" + hash);
        row("negative", "$scrypt$ln=-10,r=8,p=1$" + salt + "$" + hash);
        row("overflow", "$scrypt$ln=99999999999999999999,r=8,p=1$" + salt + "$" + hash);
        row("ln too big", "$scrypt$ln=40,r=8,p=1$" + salt + "$" + hash);
        row("ln too small", "$scrypt$ln=1,r=8,p=1$" + salt + "$" + hash);
        row("r zero", "$scrypt$ln=10,r=0,p=1$" + salt + "$" + hash);
        row("p huge", "$scrypt$ln=10,r=8,p=4000000000$" + salt + "$" + hash);
        row("memory bomb", "$scrypt$ln=20,r=32,p=16$" + salt + "$" + hash);
        row("trailing comma", "$scrypt$ln=10,r=8,p=1,$" + salt + "$" + hash);
        row("unknown param", "$scrypt$ln=10,r=8,p=1,x=2$" + salt + "$" + hash);
        row("padded salt", "$scrypt$ln=10,r=8,p=1$" + salt + "==$" + hash);
        row("bad base64", "$scrypt$ln=10,r=8,p=1$" + salt + "$" + hash.substr(1) + "!");
        row("url alphabet", "$scrypt$ln=10,r=8,p=1$-_-_-_-_-_-_-_-_-_-_-_$" + hash);
        row("short salt", "$scrypt$ln=10,r=8,p=1$AAAA$" + hash);
        row("short hash", "$scrypt$ln=10,r=8,p=1$" + salt + "$AAAA");
        row("whitespace", " " + valid);
        row("nul inside", valid.substr(0, 20) + std::string(1, '\0') + valid.substr(21));
        row("truncated", valid.substr(0, valid.size() - 2)); // 41 chars: never whole bytes
    }

    void malformedEncodings() {
        QFETCH(QByteArray, encoded);
        const std::string text = encoded.toStdString();
        QVERIFY(!parseScryptHash(text).ok());
        QVERIFY(!verifyPassword("pw", text));
        QVERIFY(needsRehash(text));
    }

    void constantTimeEqualsCompares() {
        QVERIFY(constantTimeEquals("", ""));
        QVERIFY(constantTimeEquals("abc", "abc"));
        QVERIFY(!constantTimeEquals("abc", "abd"));
        QVERIFY(!constantTimeEquals("abc", "ab"));
        QVERIFY(!constantTimeEquals("", "a"));
        QVERIFY(constantTimeEquals(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
        QVERIFY(!constantTimeEquals(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
    }

    void dummyVerificationCostsAboutAsMuchAsARealOne() {
        const std::string encoded = mustHash("pw", kDefaultScryptParams);
        verifyPasswordAgainstDummy("warm-up"); // builds the dummy hash once
        // Best of three in CPU time, so other processes do not decide the result.
        double real = 1e9;
        double dummy = 1e9;
        for (int i = 0; i < 3; ++i) {
            double start = threadCpuSeconds();
            QVERIFY(!verifyPassword("wrong", encoded));
            real = std::min(real, threadCpuSeconds() - start);
            start = threadCpuSeconds();
            verifyPasswordAgainstDummy("wrong");
            dummy = std::min(dummy, threadCpuSeconds() - start);
        }
        QVERIFY2(
            dummy > real / 2 && dummy < real * 2,
            qPrintable(QStringLiteral("real %1 ms, dummy %2 ms").arg(real * 1e3).arg(dummy * 1e3)));
    }

    // Documents the cost decision in passwordhash.h: the default must allow
    // 20 verifications/s on 2 cores. The assertion uses CPU time so a busy
    // CI host does not fail it; wall-clock rates are printed for the record.
    void verificationThroughput() {
        for (const ScryptParams& params : {ScryptParams{14, 8, 1}, ScryptParams{15, 8, 1}}) {
            const double cpu = cpuSecondsPerVerification(params);
            const double single = measureWallRate(params, 1);
            const double two = measureWallRate(params, 2);
            qInfo("scrypt ln=%u r=%u p=%u (%llu MiB): %.1f ms CPU per verification (=> %.1f/s "
                  "on 2 idle cores); wall clock now: %.1f/s on 1 thread, %.1f/s on 2 threads "
                  "(%u hardware threads)",
                  params.logN, params.r, params.p,
                  static_cast<unsigned long long>(params.memoryBytes() >> 20), cpu * 1e3, 2 / cpu,
                  single, two, std::thread::hardware_concurrency());
            QVERIFY(single > 0 && two > 0);
            if (params == kDefaultScryptParams)
                QVERIFY2(2 / cpu >= 20, "the default scrypt cost allows fewer than 20 "
                                        "verifications/s on 2 cores");
        }
    }

    void benchmarkDefaultVerification() {
        const std::string encoded = mustHash("pw", kDefaultScryptParams);
        bool ok = true;
        QBENCHMARK {
            ok = ok && verifyPassword("pw", encoded);
        }
        QVERIFY(ok);
    }
};

QTEST_GUILESS_MAIN(TestPasswordHash)
#include "tst_passwordhash.moc"
