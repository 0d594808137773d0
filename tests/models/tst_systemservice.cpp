// SystemService against what this machine has (no systemd: "not installed"),
// against a private D-Bus with no systemd on it, and against a stand-in for
// systemd's Manager API on that private bus, which checks the calls the
// console makes (LoadUnit, GetAll, StartUnit, StopUnit) and how it reads the
// answers: a missing unit, a stopped one, start, stop, a refused start.

#include "systemservice.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusVirtualObject>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using ferry::SystemService;

namespace {

// The part of org.freedesktop.systemd1 the console uses, for units it is told
// about; any other name loads as "not-found", as systemd does.
class FakeSystemd : public QDBusVirtualObject {
public:
    QMap<QString, QString> activeState; // unit -> ActiveState
    QSet<QString> refuseStart;          // units whose start polkit denies
    QStringList calls;

    QString introspect(const QString&) const override { return {}; }

    bool handleMessage(const QDBusMessage& message, const QDBusConnection& connection) override
    {
        calls << message.member();
        const QString unitPrefix = QStringLiteral("/org/freedesktop/systemd1/unit/");
        if (message.member() == QLatin1String("LoadUnit")) {
            const QString unit = message.arguments().value(0).toString();
            QString escaped = unit;
            escaped.replace(u'.', QLatin1String("_2e"));
            return connection.send(message.createReply(QVariant::fromValue(QDBusObjectPath(unitPrefix + escaped))));
        }
        if (message.member() == QLatin1String("GetAll")) {
            QString unit = message.path().mid(unitPrefix.size());
            unit.replace(QLatin1String("_2e"), QLatin1String("."));
            QVariantMap properties;
            const bool known = activeState.contains(unit);
            properties.insert(QStringLiteral("LoadState"), known ? QStringLiteral("loaded") : QStringLiteral("not-found"));
            properties.insert(QStringLiteral("ActiveState"), activeState.value(unit, QStringLiteral("inactive")));
            properties.insert(QStringLiteral("SubState"), QStringLiteral("dead"));
            return connection.send(message.createReply(QVariant::fromValue(properties)));
        }
        if (message.member() == QLatin1String("StartUnit") || message.member() == QLatin1String("StopUnit")) {
            const QString unit = message.arguments().value(0).toString();
            if (!activeState.contains(unit))
                return connection.send(message.createErrorReply(QStringLiteral("org.freedesktop.systemd1.NoSuchUnit"),
                                                                QStringLiteral("Unit %1 not found.").arg(unit)));
            if (message.member() == QLatin1String("StartUnit") && refuseStart.contains(unit))
                return connection.send(message.createErrorReply(
                    QStringLiteral("org.freedesktop.DBus.Error.InteractiveAuthorizationRequired"),
                    QStringLiteral("Interactive authentication required.")));
            activeState[unit] = message.member() == QLatin1String("StartUnit") ? QStringLiteral("active")
                                                                               : QStringLiteral("inactive");
            return connection.send(message.createReply(
                QVariant::fromValue(QDBusObjectPath(QStringLiteral("/org/freedesktop/systemd1/job/1")))));
        }
        return false;
    }
};

} // namespace

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
    QProcess m_daemon;
    QString m_address;
    FakeSystemd m_systemd;
};

void TestSystemService::initTestCase()
{
    // A bus of our own, started like a session bus.
    m_daemon.start(QStringLiteral("dbus-daemon"), {QStringLiteral("--session"), QStringLiteral("--nofork"),
                                                   QStringLiteral("--print-address=1")});
    QVERIFY2(m_daemon.waitForStarted(), "dbus-daemon is not installed (package dbus)");
    QTRY_VERIFY_WITH_TIMEOUT(m_daemon.canReadLine(), 10000);
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    QVERIFY(!m_address.isEmpty());
}

void TestSystemService::cleanupTestCase()
{
    QDBusConnection::disconnectFromBus(QStringLiteral("client"));
    QDBusConnection::disconnectFromBus(QStringLiteral("systemd"));
    m_daemon.terminate();
    m_daemon.waitForFinished();
}

void TestSystemService::reportsWhatThisMachineHas()
{
    // Installed means a unit file systemd would find; without one the answer
    // must be NotInstalled, whether or not systemd itself runs here.
    const bool unitOnDisk = QFile::exists(QStringLiteral("/usr/lib/systemd/system/ferryd.service")) ||
                            QFile::exists(QStringLiteral("/lib/systemd/system/ferryd.service")) ||
                            QFile::exists(QStringLiteral("/etc/systemd/system/ferryd.service"));
    const bool systemdRuns = QFile::exists(QStringLiteral("/run/systemd/system"));
    SystemService service;
    QSignalSpy changed(&service, &SystemService::stateChanged);
    service.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(service.state() != SystemService::State::Unknown, 15000);
    if (unitOnDisk && systemdRuns)
        QVERIFY2(service.state() != SystemService::State::NotInstalled, qPrintable(service.reason()));
    else
        QVERIFY2(service.state() == SystemService::State::NotInstalled, qPrintable(service.reason()));
    QVERIFY(!service.reason().isEmpty());
    QCOMPARE(changed.count(), 1);
}

void TestSystemService::privateBusWithoutSystemdIsNotInstalled()
{
    const QDBusConnection bus = QDBusConnection::connectToBus(m_address, QStringLiteral("client"));
    QVERIFY(bus.isConnected());
    SystemService service(bus, QStringLiteral("ferryd.service"));
    service.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), SystemService::State::NotInstalled, 15000);
    QVERIFY2(service.reason().contains(QLatin1String("systemd")), qPrintable(service.reason()));
}

void TestSystemService::missingUnitIsNotInstalled()
{
    QDBusConnection systemd = QDBusConnection::connectToBus(m_address, QStringLiteral("systemd"));
    QVERIFY(systemd.registerService(QStringLiteral("org.freedesktop.systemd1")));
    QVERIFY(systemd.registerVirtualObject(QStringLiteral("/org/freedesktop/systemd1"), &m_systemd,
                                          QDBusConnection::SubPath));
    SystemService service(QDBusConnection(QStringLiteral("client")), QStringLiteral("ferryd.service"));
    service.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), SystemService::State::NotInstalled, 15000);
    QCOMPARE(service.reason(), QStringLiteral("ferryd.service is not installed"));
    QCOMPARE(m_systemd.calls, (QStringList{QStringLiteral("LoadUnit"), QStringLiteral("GetAll")}));
}

void TestSystemService::startsAndStopsAnInstalledUnit()
{
    m_systemd.activeState.insert(QStringLiteral("ferryd.service"), QStringLiteral("inactive"));
    SystemService service(QDBusConnection(QStringLiteral("client")), QStringLiteral("ferryd.service"));
    service.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), SystemService::State::Stopped, 15000);
    service.start();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), SystemService::State::Running, 15000);
    QVERIFY(m_systemd.calls.contains(QStringLiteral("StartUnit")));
    service.stop();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), SystemService::State::Stopped, 15000);
    QVERIFY(m_systemd.calls.contains(QStringLiteral("StopUnit")));
}

void TestSystemService::refusedStartIsAnErrorAndStaysStopped()
{
    m_systemd.activeState.insert(QStringLiteral("ferryd.service"), QStringLiteral("inactive"));
    m_systemd.refuseStart.insert(QStringLiteral("ferryd.service"));
    SystemService service(QDBusConnection(QStringLiteral("client")), QStringLiteral("ferryd.service"));
    QSignalSpy errors(&service, &SystemService::errorOccurred);
    service.start();
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 15000);
    QVERIFY(errors.first().first().toString().contains(QLatin1String("authentication")));
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), SystemService::State::Stopped, 15000);
}

QTEST_GUILESS_MAIN(TestSystemService)
#include "tst_systemservice.moc"
