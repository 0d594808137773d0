// SystemService against what this machine has (no systemd: "not installed"),
// against a private D-Bus with no systemd on it, and against a stand-in for
// systemd's Manager API on that private bus, which checks the calls the
// console makes (LoadUnit, GetAll, StartUnit, StopUnit) and how it reads the
// answers: a missing unit, a stopped one, start, stop, a refused start.

#include "fakesystemd.h"
#include "systemdservice.h"

#include <QDBusConnection>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using ferry::SystemdService;
using ferry::SystemService;

class TestSystemService : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void reportsWhatThisMachineHas();
    void privateBusWithoutSystemdIsNotInstalled();
    void missingUnitIsNotInstalled();
    void startsAndStopsAnInstalledUnit();
    void refusedStartIsAnErrorAndStaysStopped();

private:
    PrivateBus m_bus;
    QString m_address;
    FakeSystemd m_systemd;
};

void TestSystemService::initTestCase() {
    QVERIFY2(m_bus.start(), "dbus-daemon did not start (package dbus)");
    m_address = m_bus.address();
}

void TestSystemService::cleanupTestCase() {
    QDBusConnection::disconnectFromBus(QStringLiteral("client"));
    QDBusConnection::disconnectFromBus(QStringLiteral("systemd"));
}

void TestSystemService::reportsWhatThisMachineHas() {
    // Installed means a unit file systemd would find; without one the answer
    // must be NotInstalled, whether or not systemd itself runs here.
    const bool unitOnDisk =
        QFile::exists(QStringLiteral("/usr/lib/systemd/system/ferryd.service")) ||
        QFile::exists(QStringLiteral("/lib/systemd/system/ferryd.service")) ||
        QFile::exists(QStringLiteral("/etc/systemd/system/ferryd.service"));
    const bool systemdRuns = QFile::exists(QStringLiteral("/run/systemd/system"));
    SystemdService service;
    QSignalSpy changed(&service, &SystemService::stateChanged);
    service.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(service.state() != SystemService::State::Unknown, 15000);
    if (unitOnDisk && systemdRuns)
        QVERIFY2(service.state() != SystemService::State::NotInstalled,
                 qPrintable(service.reason()));
    else
        QVERIFY2(service.state() == SystemService::State::NotInstalled,
                 qPrintable(service.reason()));
    QVERIFY(!service.reason().isEmpty());
    QCOMPARE(changed.count(), 1);
}

void TestSystemService::privateBusWithoutSystemdIsNotInstalled() {
    const QDBusConnection bus = QDBusConnection::connectToBus(m_address, QStringLiteral("client"));
    QVERIFY(bus.isConnected());
    SystemdService service(bus, QStringLiteral("ferryd.service"));
    service.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), SystemService::State::NotInstalled, 15000);
    QVERIFY2(service.reason().contains(QLatin1String("systemd")), qPrintable(service.reason()));
}

void TestSystemService::missingUnitIsNotInstalled() {
    QDBusConnection systemd = QDBusConnection::connectToBus(m_address, QStringLiteral("systemd"));
    QVERIFY(systemd.registerService(QStringLiteral("org.freedesktop.systemd1")));
    QVERIFY(systemd.registerVirtualObject(QStringLiteral("/org/freedesktop/systemd1"), &m_systemd,
                                          QDBusConnection::SubPath));
    SystemdService service(QDBusConnection(QStringLiteral("client")),
                           QStringLiteral("ferryd.service"));
    service.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), SystemService::State::NotInstalled, 15000);
    QCOMPARE(service.reason(), QStringLiteral("ferryd.service is not installed"));
    QCOMPARE(m_systemd.calls, (QStringList{QStringLiteral("LoadUnit"), QStringLiteral("GetAll")}));
}

void TestSystemService::startsAndStopsAnInstalledUnit() {
    m_systemd.activeState.insert(QStringLiteral("ferryd.service"), QStringLiteral("inactive"));
    SystemdService service(QDBusConnection(QStringLiteral("client")),
                           QStringLiteral("ferryd.service"));
    service.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), SystemService::State::Stopped, 15000);
    service.start();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), SystemService::State::Running, 15000);
    QVERIFY(m_systemd.calls.contains(QStringLiteral("StartUnit")));
    service.stop();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), SystemService::State::Stopped, 15000);
    QVERIFY(m_systemd.calls.contains(QStringLiteral("StopUnit")));
}

void TestSystemService::refusedStartIsAnErrorAndStaysStopped() {
    m_systemd.activeState.insert(QStringLiteral("ferryd.service"), QStringLiteral("inactive"));
    m_systemd.refuseStart.insert(QStringLiteral("ferryd.service"));
    SystemdService service(QDBusConnection(QStringLiteral("client")),
                           QStringLiteral("ferryd.service"));
    QSignalSpy errors(&service, &SystemService::errorOccurred);
    service.start();
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 15000);
    QVERIFY(errors.first().first().toString().contains(QLatin1String("authentication")));
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), SystemService::State::Stopped, 15000);
}

QTEST_GUILESS_MAIN(TestSystemService)
#include "tst_systemservice.moc"
