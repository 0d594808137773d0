// PeriodicTask: the job runs each period, not before the first one, and
// stop() returns at once instead of waiting out a period (ferryd's
// shutdown stops four of them).

#include "core/periodictask.h"

#include <QElapsedTimer>
#include <QtTest>
#include <atomic>

using ferry::PeriodicTask;
using namespace std::chrono_literals;

class TestPeriodicTask : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void runsEachPeriod() {
        std::atomic<int> runs{0};
        PeriodicTask task;
        task.start(20ms, [&runs] { ++runs; });
        QTRY_VERIFY_WITH_TIMEOUT(runs.load() >= 3, 5000);
        task.stop();
        const int stopped = runs.load();
        QTest::qWait(100);
        QCOMPARE(runs.load(), stopped); // nothing runs after stop()
    }

    void firstRunIsOnePeriodAway() {
        std::atomic<int> runs{0};
        PeriodicTask task;
        task.start(1h, [&runs] { ++runs; });
        QTest::qWait(50);
        QCOMPARE(runs.load(), 0);
    }

    void stopDoesNotWaitOutThePeriod() {
        PeriodicTask task;
        task.start(1h, [] {});
        QElapsedTimer timer;
        timer.start();
        task.stop();
        QVERIFY2(timer.elapsed() < 1000, "stop() waited for the period");
    }

    void stopWaitsForARunningJob() {
        std::atomic<bool> started{false};
        std::atomic<bool> finished{false};
        PeriodicTask task;
        task.start(1ms, [&] {
            started = true;
            std::this_thread::sleep_for(200ms);
            finished = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(started.load(), 5000);
        task.stop();
        QVERIFY(finished.load());
    }

    void stopWithoutStartAndTwice() {
        PeriodicTask never;
        never.stop();
        PeriodicTask twice;
        twice.start(1h, [] {});
        twice.stop();
        twice.stop();
    }
};

QTEST_GUILESS_MAIN(TestPeriodicTask)
#include "tst_periodictask.moc"
