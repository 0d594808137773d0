// The system service's status bar item and menu (ServiceStatus): on this
// machine as it is (no ferryd.service, and here no systemd at all: "not
// installed", nothing to start or stop), and against a stand-in for systemd on
// a private D-Bus: inactive with Start offered, started and stopped from the
// menu, failed, a start that polkit refuses shown as an error, and a unit that
// does not exist. And over launchd with a stand-in launchctl: the menu's words
// say launchctl, not systemd, and a refused bootstrap shows launchctl's message.
// And over the Windows backend with stand-ins: a consent prompt left open
// longer than the console's patience with a start is still that start's.

#include "fakelaunchctl.h"
#include "fakesystemd.h"
#include "launchdservice.h"
#include "servicestatus.h"
#include "systemdservice.h"
#include "windowsservice.h"

#include <QFile>
#include <QMenu>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

using ferry::SystemdService;
using ferry::SystemService;
using ferry::ui::ServiceStatus;

namespace {
constexpr int kDeadlineMs = 15000;
const QString kUnit = QStringLiteral("ferryd.service");
} // namespace

class TestServiceStatus : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void thisMachineHasNoFerrydService();
    void inactiveUnitOffersStart();
    void startsAndStopsFromTheMenu();
    void refusedStartIsShownAsAnError();
    void failedUnitSaysFailedAndOffersStart();
    void missingUnitIsNotInstalled();
    void systemdWordingOnLinux();
    void launchdAgentFromTheMenu();
    void refusedBootstrapIsShownWithLaunchctlsMessage();
    void consentDeclinedLateIsStillTheStartsRefusal();

private:
    ServiceStatus* makeStatus(const QString& unit = kUnit);
    ServiceStatus* makeLaunchdStatus();
    FakeLaunchctl m_launchctl;
    PrivateBus m_bus;
    FakeSystemd m_systemd;
    std::unique_ptr<ServiceStatus> m_status;
};

void TestServiceStatus::initTestCase() {
    QVERIFY2(m_bus.start(), "dbus-daemon did not start (package dbus)");
    QDBusConnection systemd =
        QDBusConnection::connectToBus(m_bus.address(), QStringLiteral("systemd"));
    QVERIFY(systemd.registerService(QStringLiteral("org.freedesktop.systemd1")));
    QVERIFY(systemd.registerVirtualObject(QStringLiteral("/org/freedesktop/systemd1"), &m_systemd,
                                          QDBusConnection::SubPath));
    QVERIFY(QDBusConnection::connectToBus(m_bus.address(), QStringLiteral("client")).isConnected());
    QVERIFY(m_launchctl.install());
}

void TestServiceStatus::cleanupTestCase() {
    m_status.reset();
    QDBusConnection::disconnectFromBus(QStringLiteral("client"));
    QDBusConnection::disconnectFromBus(QStringLiteral("systemd"));
}

ServiceStatus* TestServiceStatus::makeLaunchdStatus() {
    m_status = std::make_unique<ServiceStatus>(
        new ferry::LaunchdService(m_launchctl.program(), {m_launchctl.label(), m_launchctl.domain(),
                                                          m_launchctl.plistPath()}));
    return m_status.get();
}

void TestServiceStatus::init() {
    m_status.reset();
    m_systemd.activeState.clear();
    m_systemd.refuseStart.clear();
    m_systemd.calls.clear();
}

ServiceStatus* TestServiceStatus::makeStatus(const QString& unit) {
    m_status = std::make_unique<ServiceStatus>(
        new SystemdService(QDBusConnection(QStringLiteral("client")), unit));
    return m_status.get();
}

void TestServiceStatus::thisMachineHasNoFerrydService() {
    // The real system bus, whatever this machine has. The test is only
    // meaningful where ferryd.service is not installed; say so otherwise.
    const bool unitOnDisk =
        QFile::exists(QStringLiteral("/usr/lib/systemd/system/ferryd.service")) ||
        QFile::exists(QStringLiteral("/lib/systemd/system/ferryd.service")) ||
        QFile::exists(QStringLiteral("/etc/systemd/system/ferryd.service"));
    if (unitOnDisk)
        QSKIP("ferryd.service is installed on this machine");
    ServiceStatus status(new SystemdService);
    QTRY_COMPARE_WITH_TIMEOUT(status.service()->state(), SystemService::State::NotInstalled,
                              kDeadlineMs);
    QCOMPARE(status.text(), QStringLiteral("System service: not installed"));
    QVERIFY(!status.toolTip().isEmpty()); // why: no system bus, no systemd, or no unit
    QVERIFY(!status.startAction()->isEnabled());
    QVERIFY(!status.stopAction()->isEnabled());
    QVERIFY(status.checkAction()->isEnabled());
}

void TestServiceStatus::inactiveUnitOffersStart() {
    m_systemd.activeState.insert(kUnit, QStringLiteral("inactive"));
    ServiceStatus* status = makeStatus();
    QCOMPARE(status->text(), QStringLiteral("System service: checking…"));
    QVERIFY(!status->startAction()->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("System service: inactive"),
                              kDeadlineMs);
    QVERIFY(status->startAction()->isEnabled());
    QVERIFY(!status->stopAction()->isEnabled());
    QVERIFY(status->serviceMenu()->actions().contains(status->startAction()));
    QCOMPARE(status->menu(), status->serviceMenu()); // the button's drop-down
}

void TestServiceStatus::startsAndStopsFromTheMenu() {
    m_systemd.activeState.insert(kUnit, QStringLiteral("inactive"));
    ServiceStatus* status = makeStatus();
    QSignalSpy messages(status, &ServiceStatus::message);
    QTRY_VERIFY_WITH_TIMEOUT(status->startAction()->isEnabled(), kDeadlineMs);
    status->startAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("System service: active"),
                              kDeadlineMs);
    QVERIFY(m_systemd.calls.contains(QStringLiteral("StartUnit")));
    QVERIFY(!status->startAction()->isEnabled());
    QVERIFY(status->stopAction()->isEnabled());
    status->stopAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("System service: inactive"),
                              kDeadlineMs);
    QVERIFY(m_systemd.calls.contains(QStringLiteral("StopUnit")));
    QCOMPARE(messages.count(), 0);

    // Started elsewhere (systemctl start): the poll notices.
    m_systemd.activeState.insert(kUnit, QStringLiteral("active"));
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("System service: active"),
                              kDeadlineMs);
}

void TestServiceStatus::refusedStartIsShownAsAnError() {
    m_systemd.activeState.insert(kUnit, QStringLiteral("inactive"));
    m_systemd.refuseStart.insert(kUnit);
    ServiceStatus* status = makeStatus();
    QSignalSpy messages(status, &ServiceStatus::message);
    QTRY_VERIFY_WITH_TIMEOUT(status->startAction()->isEnabled(), kDeadlineMs);
    status->startAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(messages.count(), 1, kDeadlineMs);
    const QString text = messages.first().at(0).toString();
    QVERIFY2(text.startsWith(QLatin1String("The ferryd system service could not be started: ")),
             qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Interactive authentication required")), qPrintable(text));
    QCOMPARE(messages.first().at(1).toBool(), true);
    QCOMPARE(status->text(), QStringLiteral("System service: inactive"));
    QVERIFY(status->startAction()->isEnabled()); // may be tried again
    // Later polls are no new refusals.
    QTest::qWait(2500);
    QCOMPARE(messages.count(), 1);
}

void TestServiceStatus::failedUnitSaysFailedAndOffersStart() {
    m_systemd.activeState.insert(kUnit, QStringLiteral("failed"));
    ServiceStatus* status = makeStatus();
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("System service: failed"),
                              kDeadlineMs);
    QVERIFY(status->startAction()->isEnabled());
    QVERIFY(!status->stopAction()->isEnabled());
    QVERIFY2(status->toolTip().contains(QLatin1String("failed")), qPrintable(status->toolTip()));
}

void TestServiceStatus::missingUnitIsNotInstalled() {
    ServiceStatus* status = makeStatus(QStringLiteral("ferryd-not-here.service"));
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("System service: not installed"),
                              kDeadlineMs);
    QCOMPARE(status->toolTip(), QStringLiteral("ferryd-not-here.service is not installed"));
    QVERIFY(!status->startAction()->isEnabled());
    QVERIFY(!status->stopAction()->isEnabled());
}

void TestServiceStatus::systemdWordingOnLinux() {
    // The window's own service on this machine is systemd's; its words are
    // the ones Linux had before the other backends.
    ServiceStatus status(SystemService::forThisMachine());
    QCOMPARE(status.service()->manager(), SystemService::Manager::Systemd);
    QCOMPARE(status.startAction()->statusTip(),
             QStringLiteral(
                 "Start ferryd as the machine's system service (systemd may ask for a password)"));
    QCOMPARE(status.stopAction()->statusTip(),
             QStringLiteral(
                 "Stop the machine's ferryd system service (systemd may ask for a password)"));
}

void TestServiceStatus::launchdAgentFromTheMenu() {
    m_launchctl.reset();
    m_launchctl.setJob(QStringLiteral("unloaded"));
    QVERIFY(m_launchctl.installPlist());
    ServiceStatus* status = makeLaunchdStatus();
    QSignalSpy messages(status, &ServiceStatus::message);
    QCOMPARE(status->startAction()->statusTip(),
             QStringLiteral("Start ferryd as your launchd agent, through launchctl"));
    QVERIFY(!status->stopAction()->statusTip().contains(QLatin1String("systemd")));
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("System service: inactive"),
                              kDeadlineMs);
    QCOMPARE(status->toolTip(), QStringLiteral("org.ferry.ferryd is not loaded in gui/501"));
    status->startAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("System service: active"),
                              kDeadlineMs);
    QCOMPARE(status->toolTip(), QStringLiteral("running (process 4242)"));
    QVERIFY(m_launchctl.calls().contains(QStringLiteral("bootstrap gui/501 ") +
                                         m_launchctl.plistPath()));
    QVERIFY(status->stopAction()->isEnabled());
    status->stopAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("System service: inactive"),
                              kDeadlineMs);
    QVERIFY(m_launchctl.calls().contains(QStringLiteral("bootout gui/501/org.ferry.ferryd")));
    QCOMPARE(messages.count(), 0);
}

void TestServiceStatus::refusedBootstrapIsShownWithLaunchctlsMessage() {
    m_launchctl.reset();
    m_launchctl.setJob(QStringLiteral("unloaded"));
    QVERIFY(m_launchctl.installPlist());
    m_launchctl.failWith(QStringLiteral("bootstrap"), 5,
                         QStringLiteral("Bootstrap failed: 5: Input/output error"));
    ServiceStatus* status = makeLaunchdStatus();
    QSignalSpy messages(status, &ServiceStatus::message);
    QTRY_VERIFY_WITH_TIMEOUT(status->startAction()->isEnabled(), kDeadlineMs);
    status->startAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(messages.count(), 1, kDeadlineMs);
    const QString text = messages.first().at(0).toString();
    QVERIFY2(text.startsWith(QLatin1String("The ferryd system service could not be started: "
                                           "launchctl bootstrap gui/501 ")),
             qPrintable(text));
    QVERIFY2(text.endsWith(
                 QLatin1String("failed (exit code 5): Bootstrap failed: 5: Input/output error")),
             qPrintable(text));
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("System service: inactive"),
                              kDeadlineMs);
    QVERIFY(status->startAction()->isEnabled()); // may be tried again
}

void TestServiceStatus::consentDeclinedLateIsStillTheStartsRefusal() {
    // sc.exe waits on a consent prompt until the test declines it.
    auto prompt = std::make_shared<QSemaphore>();
    ferry::WindowsService::ServiceControl control{[] {
                                                      ferry::winsvc::Query query;
                                                      query.answered = true;
                                                      query.status = ferry::winsvc::Status::Stopped;
                                                      return query;
                                                  },
                                                  [prompt](const std::wstring&) {
                                                      prompt->acquire();
                                                      ferry::winsvc::ElevatedRun declined;
                                                      declined.cancelled = true;
                                                      return declined;
                                                  }};
    {
        ServiceStatus status(new ferry::WindowsService(control, QStringLiteral("Ferry")));
        QSignalSpy messages(&status, &ServiceStatus::message);
        QCOMPARE(status.startAction()->statusTip(),
                 QStringLiteral("Start the Windows service Ferry (Windows asks for an "
                                "administrator's consent)"));
        QTRY_VERIFY_WITH_TIMEOUT(status.startAction()->isEnabled(), kDeadlineMs);
        status.startAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(status.text(), QStringLiteral("System service: starting"),
                                  kDeadlineMs);
        // Far more polls than a start counts as under way (the poll made
        // quick here, rather than waiting half a minute).
        auto* poll = status.findChild<QTimer*>();
        QVERIFY(poll);
        QSignalSpy polls(poll, &QTimer::timeout);
        poll->start(5);
        QTRY_VERIFY_WITH_TIMEOUT(polls.count() > 40, kDeadlineMs);
        QCOMPARE(status.text(), QStringLiteral("System service: starting"));
        prompt->release();
        QTRY_COMPARE_WITH_TIMEOUT(messages.count(), 1, kDeadlineMs);
        QCOMPARE(messages.first().at(0).toString(),
                 QStringLiteral("The ferryd system service could not be started: the "
                                "administrator's consent for sc.exe start Ferry was not given"));
        QTRY_COMPARE_WITH_TIMEOUT(status.text(), QStringLiteral("System service: inactive"),
                                  kDeadlineMs);
        QCOMPARE(status.toolTip(), QStringLiteral("stopped")); // no "could not be read"
    }
    QThreadPool::globalInstance()->waitForDone();
}

QTEST_MAIN(TestServiceStatus)
#include "tst_servicestatus.moc"
