// Throttle: password guessing slows down after the free attempts (250 ms
// doubling, capped), is refused at the hard limit, and is keyed by client
// address and user name together; a success clears the count.

#include "access/throttle.h"

#include <QtTest>

using namespace ferry::access;
using namespace std::chrono_literals;

namespace {

void failTimes(Throttle& throttle, int count, const std::string& address = "10.0.0.1",
               const std::string& user = "alice") {
    for (int i = 0; i < count; ++i)
        throttle.failed(address, user);
}

} // namespace

class TestThrottle : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void unknownCallerIsFree() {
        Throttle throttle;
        const auto verdict = throttle.before("10.0.0.1", "alice");
        QCOMPARE(verdict.delay.count(), 0);
        QVERIFY(!verdict.refused);
    }

    void delays_data() {
        QTest::addColumn<int>("failures");
        QTest::addColumn<int>("delayMs");
        QTest::newRow("1") << 1 << 0;
        QTest::newRow("2") << 2 << 0;
        QTest::newRow("3 (free attempts used)") << Throttle::kFreeAttempts << 250;
        QTest::newRow("4") << 4 << 500;
        QTest::newRow("5") << 5 << 1000;
        QTest::newRow("6") << 6 << 2000;
        QTest::newRow("7") << 7 << 4000;
        QTest::newRow("8 (cap)") << 8 << 8000;
        QTest::newRow("9 stays capped") << 9 << 8000;
        QTest::newRow("just below the hard limit") << Throttle::kHardLimit - 1 << 8000;
    }

    void delays() {
        QFETCH(int, failures);
        QFETCH(int, delayMs);
        Throttle throttle;
        failTimes(throttle, failures);
        const auto verdict = throttle.before("10.0.0.1", "alice");
        QCOMPARE(int(verdict.delay.count()), delayMs);
        QVERIFY(!verdict.refused);
    }

    void refusedAtHardLimit() {
        Throttle throttle;
        failTimes(throttle, Throttle::kHardLimit);
        const auto verdict = throttle.before("10.0.0.1", "alice");
        QVERIFY(verdict.refused);
        QVERIFY(verdict.retryAfter > 0s);
        QVERIFY(verdict.retryAfter <=
                std::chrono::duration_cast<std::chrono::seconds>(Throttle::kWindow) + 1s);
        // More failures do not lift the refusal.
        failTimes(throttle, 5);
        QVERIFY(throttle.before("10.0.0.1", "alice").refused);
    }

    void successClears() {
        Throttle throttle;
        failTimes(throttle, Throttle::kHardLimit);
        throttle.succeeded("10.0.0.1", "alice");
        auto verdict = throttle.before("10.0.0.1", "alice");
        QVERIFY(!verdict.refused);
        QCOMPARE(verdict.delay.count(), 0);
        // Counting starts over: the free attempts are free again.
        failTimes(throttle, Throttle::kFreeAttempts - 1);
        QCOMPARE(throttle.before("10.0.0.1", "alice").delay.count(), 0);
        throttle.failed("10.0.0.1", "alice");
        QCOMPARE(int(throttle.before("10.0.0.1", "alice").delay.count()), 250);
    }

    void keysSeparateAddressAndUser() {
        Throttle throttle;
        failTimes(throttle, Throttle::kHardLimit, "10.0.0.1", "alice");
        QVERIFY(throttle.before("10.0.0.1", "alice").refused);
        QVERIFY(!throttle.before("10.0.0.2", "alice").refused);
        QCOMPARE(throttle.before("10.0.0.2", "alice").delay.count(), 0);
        QVERIFY(!throttle.before("10.0.0.1", "bob").refused);
        QCOMPARE(throttle.before("10.0.0.1", "bob").delay.count(), 0);
        // Address and user are not simply concatenated into one ambiguous key.
        QVERIFY(!throttle.before("10.0.0.1a", "lice").refused);
        // A success for another key leaves this one alone.
        throttle.succeeded("10.0.0.1", "bob");
        QVERIFY(throttle.before("10.0.0.1", "alice").refused);
    }

    void unknownUsersCountToo() {
        // The same treatment whether the user exists or not: an empty or
        // made-up name is throttled like any other.
        Throttle throttle;
        failTimes(throttle, 4, "10.0.0.1", "");
        QCOMPARE(int(throttle.before("10.0.0.1", "").delay.count()), 500);
    }
};

QTEST_GUILESS_MAIN(TestThrottle)
#include "tst_throttle.moc"
