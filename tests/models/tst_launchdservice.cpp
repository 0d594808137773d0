// LaunchdService against a stand-in launchctl (tests/support/fakelaunchctl.h):
// the commands it runs and in what order, the states it reads (not installed,
// loaded or not, running, failed), start by bootstrap or kickstart, stop by
// bootout, a failing launchctl reported with its own message, a launchctl
// that never answers, and one that cannot be run at all.

#include "fakelaunchctl.h"
#include "launchdservice.h"

#include <QSignalSpy>
#include <QTest>
#include <unistd.h>

using ferry::LaunchdService;
using State = ferry::SystemService::State;

namespace {
constexpr int kDeadlineMs = 15000;
} // namespace

class TestLaunchdService : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void noPlistAndNotLoadedIsNotInstalled();
    void plistButNotLoadedIsStopped();
    void readsWhatLaunchdSays_data();
    void readsWhatLaunchdSays();
    void startBootstrapsAnUnloadedAgent();
    void startKickstartsALoadedOne();
    void stopBootsOut();
    void stopOfAnUnloadedAgentIsNoError();
    void failedBootstrapShowsLaunchctlsMessage();
    void failedPrintIsAnError();
    void startWithoutPlistIsAnError();
    void pollsWaitingTogetherRunOnce();
    void pollsAroundAStartDoNotUndoIt();
    void hungLaunchctlTimesOut();
    void missingLaunchctlIsAnError();
    void ferrydAgentIsTheInstallersOne();

private:
    std::unique_ptr<LaunchdService> makeService();
    FakeLaunchctl m_launchctl;
};

void TestLaunchdService::initTestCase() {
    QVERIFY(m_launchctl.install());
}

void TestLaunchdService::init() {
    m_launchctl.reset();
    m_launchctl.setJob(QStringLiteral("unloaded"));
    QVERIFY(m_launchctl.installPlist());
}

std::unique_ptr<LaunchdService> TestLaunchdService::makeService() {
    return std::make_unique<LaunchdService>(
        m_launchctl.program(),
        LaunchdService::Agent{m_launchctl.label(), m_launchctl.domain(), m_launchctl.plistPath()});
}

void TestLaunchdService::noPlistAndNotLoadedIsNotInstalled() {
    m_launchctl.removePlist();
    auto service = makeService();
    QCOMPARE(service->manager(), ferry::SystemService::Manager::Launchd);
    QSignalSpy errors(service.get(), &ferry::SystemService::errorOccurred);
    service->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), State::NotInstalled, kDeadlineMs);
    QCOMPARE(service->reason(), m_launchctl.plistPath() + QStringLiteral(" is not installed"));
    QCOMPARE(m_launchctl.calls(), QStringList{QStringLiteral("print gui/501/org.ferry.ferryd")});
    QCOMPARE(errors.count(), 0);
}

void TestLaunchdService::plistButNotLoadedIsStopped() {
    auto service = makeService();
    service->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), State::Stopped, kDeadlineMs);
    QCOMPARE(service->reason(), QStringLiteral("org.ferry.ferryd is not loaded in gui/501"));
}

void TestLaunchdService::readsWhatLaunchdSays_data() {
    QTest::addColumn<QString>("job");
    QTest::addColumn<State>("state");
    QTest::addColumn<QString>("reason");
    QTest::newRow("running") << "running" << State::Running << "running (process 4242)";
    QTest::newRow("exited cleanly") << "stopped" << State::Stopped << "not running";
    QTest::newRow("exit 78") << "failed" << State::Failed
                             << "not running, last exit code 78: EX_CONFIG";
    QTest::newRow("killed") << "killed" << State::Failed << "not running, killed by Killed: 9";
}

void TestLaunchdService::readsWhatLaunchdSays() {
    QFETCH(QString, job);
    QFETCH(State, state);
    QFETCH(QString, reason);
    m_launchctl.setJob(job);
    auto service = makeService();
    QSignalSpy changed(service.get(), &ferry::SystemService::stateChanged);
    service->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kDeadlineMs);
    QCOMPARE(service->state(), state);
    QCOMPARE(service->reason(), reason);
}

void TestLaunchdService::startBootstrapsAnUnloadedAgent() {
    auto service = makeService();
    QSignalSpy changed(service.get(), &ferry::SystemService::stateChanged);
    QSignalSpy errors(service.get(), &ferry::SystemService::errorOccurred);
    service->start();
    QCOMPARE(service->state(), State::Starting); // at once, before launchctl answers
    QVERIFY(service->isControlPending());
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), State::Running, kDeadlineMs);
    QVERIFY(!service->isControlPending());
    QCOMPARE(m_launchctl.calls(),
             (QStringList{QStringLiteral("print gui/501/org.ferry.ferryd"),
                          QStringLiteral("bootstrap gui/501 ") + m_launchctl.plistPath(),
                          QStringLiteral("print gui/501/org.ferry.ferryd")}));
    QCOMPARE(errors.count(), 0);
    QCOMPARE(changed.count(), 2); // Starting, Running
}

void TestLaunchdService::startKickstartsALoadedOne() {
    m_launchctl.setJob(QStringLiteral("stopped"));
    auto service = makeService();
    service->start();
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), State::Running, kDeadlineMs);
    QCOMPARE(m_launchctl.calls(), (QStringList{QStringLiteral("print gui/501/org.ferry.ferryd"),
                                               QStringLiteral("kickstart gui/501/org.ferry.ferryd"),
                                               QStringLiteral("print gui/501/org.ferry.ferryd")}));
}

void TestLaunchdService::stopBootsOut() {
    m_launchctl.setJob(QStringLiteral("running"));
    auto service = makeService();
    service->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), State::Running, kDeadlineMs);
    QSignalSpy errors(service.get(), &ferry::SystemService::errorOccurred);
    service->stop();
    QCOMPARE(service->state(), State::Stopping);
    QVERIFY(service->isControlPending());
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), State::Stopped, kDeadlineMs);
    QVERIFY(!service->isControlPending());
    QCOMPARE(m_launchctl.job(), QStringLiteral("unloaded"));
    QCOMPARE(m_launchctl.calls(), (QStringList{QStringLiteral("print gui/501/org.ferry.ferryd"),
                                               QStringLiteral("bootout gui/501/org.ferry.ferryd"),
                                               QStringLiteral("print gui/501/org.ferry.ferryd")}));
    QCOMPARE(errors.count(), 0);
    // And back: the plist is still there, so start loads it again.
    service->start();
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), State::Running, kDeadlineMs);
    QVERIFY(m_launchctl.calls().contains(QStringLiteral("bootstrap gui/501 ") +
                                         m_launchctl.plistPath()));
}

void TestLaunchdService::stopOfAnUnloadedAgentIsNoError() {
    auto service = makeService();
    QSignalSpy errors(service.get(), &ferry::SystemService::errorOccurred);
    service->stop();
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), State::Stopped, kDeadlineMs);
    QCOMPARE(m_launchctl.calls().size(), 2); // bootout (exit 3), print
    QCOMPARE(errors.count(), 0);
}

void TestLaunchdService::failedBootstrapShowsLaunchctlsMessage() {
    // Two lines on stderr, as macOS 12 and later print them: shown as one.
    m_launchctl.failWith(QStringLiteral("bootstrap"), 5,
                         QStringLiteral("Bootstrap failed: 5: Input/output error\\nTry re-running "
                                        "the command as root for richer errors."));
    auto service = makeService();
    QSignalSpy errors(service.get(), &ferry::SystemService::errorOccurred);
    service->start();
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, kDeadlineMs);
    QCOMPARE(
        errors.first().first().toString(),
        QStringLiteral("launchctl bootstrap gui/501 %1 failed (exit code 5): Bootstrap failed: 5: "
                       "Input/output error Try re-running the command as root for richer errors.")
            .arg(m_launchctl.plistPath()));
    // The state is read again afterwards: still not loaded, so Stopped.
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), State::Stopped, kDeadlineMs);
    QVERIFY(!service->isControlPending());
    QCOMPARE(m_launchctl.calls().size(), 3);
    QCOMPARE(m_launchctl.calls().last(), QStringLiteral("print gui/501/org.ferry.ferryd"));
}

void TestLaunchdService::failedPrintIsAnError() {
    m_launchctl.failWith(QStringLiteral("print"), 1, QStringLiteral("Operation not permitted"));
    auto service = makeService();
    QSignalSpy errors(service.get(), &ferry::SystemService::errorOccurred);
    service->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, kDeadlineMs);
    QCOMPARE(errors.first().first().toString(),
             QStringLiteral(
                 "launchctl print gui/501/org.ferry.ferryd failed (exit code 1): Operation not "
                 "permitted"));
    QCOMPARE(service->state(), State::Unknown); // nothing learnt
}

void TestLaunchdService::startWithoutPlistIsAnError() {
    m_launchctl.removePlist();
    auto service = makeService();
    QSignalSpy errors(service.get(), &ferry::SystemService::errorOccurred);
    service->start();
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), State::NotInstalled, kDeadlineMs);
    QVERIFY(!service->isControlPending());
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.first().first().toString(),
             m_launchctl.plistPath() + QStringLiteral(" is not installed"));
    // Nothing bootstrapped: print, then print again.
    QCOMPARE(m_launchctl.calls(), (QStringList{QStringLiteral("print gui/501/org.ferry.ferryd"),
                                               QStringLiteral("print gui/501/org.ferry.ferryd")}));
}

void TestLaunchdService::pollsWaitingTogetherRunOnce() {
    // A stop with five polls behind it: the polls that wait together are one
    // launchctl print, run after the bootout.
    m_launchctl.setJob(QStringLiteral("running"));
    auto service = makeService();
    service->stop();
    for (int i = 0; i < 5; ++i)
        service->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), State::Stopped, kDeadlineMs);
    QTest::qWait(300); // a wrongly queued extra print would have run by now
    QCOMPARE(m_launchctl.calls(), (QStringList{QStringLiteral("bootout gui/501/org.ferry.ferryd"),
                                               QStringLiteral("print gui/501/org.ferry.ferryd")}));
}

void TestLaunchdService::pollsAroundAStartDoNotUndoIt() {
    // A poll running when the operator starts the agent, and one asked
    // while start's print runs: neither may show "inactive" between
    // "starting" and "active" (the console would take the start as over),
    // and bootstrap runs before the later poll.
    auto service = makeService();
    QList<State> states;
    connect(service.get(), &ferry::SystemService::stateChanged, this,
            [&states](State state) { states << state; });
    service->refresh();
    service->start();
    service->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), State::Running, kDeadlineMs);
    QCOMPARE(states, (QList<State>{State::Starting, State::Running}));
    QCOMPARE(m_launchctl.calls(),
             (QStringList{QStringLiteral("print gui/501/org.ferry.ferryd"),
                          QStringLiteral("print gui/501/org.ferry.ferryd"),
                          QStringLiteral("bootstrap gui/501 ") + m_launchctl.plistPath(),
                          QStringLiteral("print gui/501/org.ferry.ferryd")}));
}

void TestLaunchdService::hungLaunchctlTimesOut() {
    m_launchctl.hang(QStringLiteral("print"));
    auto service = makeService();
    service->setCommandTimeout(500);
    QSignalSpy errors(service.get(), &ferry::SystemService::errorOccurred);
    service->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, kDeadlineMs);
    QCOMPARE(errors.first().first().toString(),
             QStringLiteral(
                 "launchctl print gui/501/org.ferry.ferryd did not finish: no answer after 1 s"));
    // The queue moves on: the next command runs.
    m_launchctl.reset();
    m_launchctl.setJob(QStringLiteral("running"));
    service->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), State::Running, kDeadlineMs);
}

void TestLaunchdService::missingLaunchctlIsAnError() {
    LaunchdService service(m_launchctl.plistPath() + QStringLiteral(".no-such-launchctl"),
                           {m_launchctl.label(), m_launchctl.domain(), m_launchctl.plistPath()});
    QSignalSpy errors(&service, &ferry::SystemService::errorOccurred);
    service.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, kDeadlineMs);
    const QString message = errors.first().first().toString();
    QVERIFY2(message.startsWith(
                 QStringLiteral("launchctl print gui/501/org.ferry.ferryd did not finish: ")),
             qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("could not be run")), qPrintable(message));
}

void TestLaunchdService::ferrydAgentIsTheInstallersOne() {
    const LaunchdService::Agent agent = LaunchdService::ferrydAgent();
    QCOMPARE(agent.label, QStringLiteral("org.ferry.ferryd"));
    QCOMPARE(agent.domain, QStringLiteral("gui/%1").arg(::getuid()));
    QCOMPARE(agent.plistPath,
             QDir::homePath() + QStringLiteral("/Library/LaunchAgents/org.ferry.ferryd.plist"));
    // The label is the one in the installer's plist.
    QFile plist(QStringLiteral(FERRY_SOURCE_DIR "/installer/macos/org.ferry.ferryd.plist"));
    QVERIFY(plist.open(QIODevice::ReadOnly));
    QVERIFY(plist.readAll().contains("<key>Label</key>\n  <string>org.ferry.ferryd</string>"));
}

QTEST_GUILESS_MAIN(TestLaunchdService)
#include "tst_launchdservice.moc"
