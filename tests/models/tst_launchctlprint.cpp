// parseLaunchctlPrint and launchdState: `launchctl print` output for a loaded
// job read key by key at the top level only, and what each launchd state
// means for the console (running, starting, stopped, failed after a non-zero
// exit or a kill), and output that is not a job at all.

#include "launchctlprint.h"

#include <QTest>

using ferry::LaunchctlJob;
using ferry::SystemService;
using State = SystemService::State;

namespace {

// A loaded agent's block, with the job's own lines spliced in.
QString job(const QString& ownLines) {
    return QStringLiteral(
               "gui/501/org.ferry.ferryd = {\n"
               "\tactive count = 1\n"
               "\tpath = /Users/op/Library/LaunchAgents/org.ferry.ferryd.plist\n"
               "\ttype = LaunchAgent\n"
               "%1"
               "\targuments = {\n"
               "\t\t/bin/sh\n"
               "\t\t-c\n"
               "\t}\n"
               "\tevent triggers = {\n"
               "\t\ttrigger = {\n"
               "\t\t\tstate = 0\n"
               "\t\t\tpid = 1\n"
               "\t\t}\n"
               "\t}\n"
               "\tdomain = gui/501 [100005]\n"
               "\tproperties = partial import | keepalive | runatload | inferred program\n"
               "}\n")
        .arg(ownLines);
}

} // namespace

class TestLaunchctlPrint : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsTheJob_data();
    void readsTheJob();
    void nestedKeysAreNotTheJobs();
    void notAJobIsInvalid_data();
    void notAJobIsInvalid();
};

void TestLaunchctlPrint::readsTheJob_data() {
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("launchdState");
    QTest::addColumn<qint64>("pid"); // 0: none
    QTest::addColumn<State>("state");
    QTest::addColumn<QString>("reason");

    QTest::newRow("running")
        << job("\tstate = running\n\tpid = 4242\n\tlast exit code = (never exited)\n") << "running"
        << qint64(4242) << State::Running << "running (process 4242)";
    QTest::newRow("running, no pid line")
        << job("\tstate = running\n") << "running" << qint64(0) << State::Running << "running";
    QTest::newRow("spawn scheduled")
        << job("\tstate = spawn scheduled\n\tlast exit code = 1\n") << "spawn scheduled"
        << qint64(0) << State::Starting << "spawn scheduled";
    QTest::newRow("spawning") << job("\tstate = spawning\n") << "spawning" << qint64(0)
                              << State::Starting << "spawning";
    QTest::newRow("never ran") << job("\tstate = not running\n\tlast exit code = (never exited)\n")
                               << "not running" << qint64(0) << State::Stopped << "not running";
    QTest::newRow("exited cleanly")
        << job("\tstate = not running\n\tlast exit code = 0\n") << "not running" << qint64(0)
        << State::Stopped << "not running";
    QTest::newRow("SIGTERM is a clean stop")
        << job("\tstate = not running\n\tlast terminating signal = Terminated: 15\n")
        << "not running" << qint64(0) << State::Stopped << "not running";
    QTest::newRow("exit 78") << job("\tstate = not running\n\tlast exit code = 78: EX_CONFIG\n")
                             << "not running" << qint64(0) << State::Failed
                             << "not running, last exit code 78: EX_CONFIG";
    QTest::newRow("exit 1") << job("\tstate = not running\n\tlast exit code = 1\n") << "not running"
                            << qint64(0) << State::Failed << "not running, last exit code 1";
    QTest::newRow("SIGKILL")
        << job("\tstate = not running\n\tlast terminating signal = Killed: 9\n") << "not running"
        << qint64(0) << State::Failed << "not running, killed by Killed: 9";
    QTest::newRow("waiting (an unknown state)")
        << job("\tstate = waiting\n") << "waiting" << qint64(0) << State::Stopped << "waiting";
}

void TestLaunchctlPrint::readsTheJob() {
    QFETCH(QString, output);
    QFETCH(QString, launchdState);
    QFETCH(qint64, pid);
    QFETCH(State, state);
    QFETCH(QString, reason);
    const LaunchctlJob parsed = ferry::parseLaunchctlPrint(output);
    QVERIFY(parsed.valid);
    QCOMPARE(parsed.state, launchdState);
    QCOMPARE(parsed.pid.value_or(0), pid);
    QCOMPARE(parsed.path, QStringLiteral("/Users/op/Library/LaunchAgents/org.ferry.ferryd.plist"));
    const ferry::LaunchdState mapped = ferry::launchdState(parsed);
    QCOMPARE(mapped.state, state);
    QCOMPARE(mapped.reason, reason);
}

void TestLaunchctlPrint::nestedKeysAreNotTheJobs() {
    // "state = 0" and "pid = 1" inside "event triggers" belong to the
    // trigger; the job itself says nothing of a pid here.
    const LaunchctlJob parsed = ferry::parseLaunchctlPrint(job("\tstate = not running\n"));
    QCOMPARE(parsed.state, QStringLiteral("not running"));
    QVERIFY(!parsed.pid);
    // The job's own state after the nested block still counts.
    const LaunchctlJob late = ferry::parseLaunchctlPrint(
        QStringLiteral("gui/501/x = {\n\ta = {\n\t\tstate = 0\n\t}\n\tstate = running\n}\n"));
    QVERIFY(late.valid);
    QCOMPARE(late.state, QStringLiteral("running"));
}

void TestLaunchctlPrint::notAJobIsInvalid_data() {
    QTest::addColumn<QString>("output");
    QTest::newRow("empty") << QString();
    QTest::newRow("not found message") << QStringLiteral(
        "Bad request.\nCould not find service \"org.ferry.ferryd\" in domain for user gui: 501\n");
    QTest::newRow("cut short") << QStringLiteral(
        "gui/501/org.ferry.ferryd = {\n\tstate = running\n");
    QTest::newRow("no state") << QStringLiteral("gui/501/org.ferry.ferryd = {\n\tpid = 12\n}\n");
    QTest::newRow("too many closing braces")
        << QStringLiteral("gui/501/org.ferry.ferryd = {\n\tstate = running\n}\n}\n");
    QTest::newRow("only a nested state")
        << QStringLiteral("x = {\n\ta = {\n\t\tstate = running\n\t}\n}\n");
}

void TestLaunchctlPrint::notAJobIsInvalid() {
    QFETCH(QString, output);
    QVERIFY(!ferry::parseLaunchctlPrint(output).valid);
}

QTEST_GUILESS_MAIN(TestLaunchctlPrint)
#include "tst_launchctlprint.moc"
