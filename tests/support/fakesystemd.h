#pragma once
// A stand-in for the part of systemd's org.freedesktop.systemd1 Manager API
// the console uses (LoadUnit, GetAll, StartUnit, StopUnit), to register on a
// private D-Bus: tests/models/tst_systemservice and tests/ui/tst_servicestatus.
// Header only: only tests that link Qt D-Bus (ferry_systemservice) include it.

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusVirtualObject>
#include <QMap>
#include <QProcess>
#include <QSet>
#include <QStringList>

// The part of org.freedesktop.systemd1 the console uses, for units it is told
// about; any other name loads as "not-found", as systemd does.
class FakeSystemd : public QDBusVirtualObject {
public:
    QMap<QString, QString> activeState; // unit -> ActiveState
    QSet<QString> refuseStart;          // units whose start polkit denies
    QStringList calls;

    QString introspect(const QString&) const override { return {}; }

    bool handleMessage(const QDBusMessage& message, const QDBusConnection& connection) override {
        calls << message.member();
        const QString unitPrefix = QStringLiteral("/org/freedesktop/systemd1/unit/");
        if (message.member() == QLatin1String("LoadUnit")) {
            const QString unit = message.arguments().value(0).toString();
            return connection.send(message.createReply(
                QVariant::fromValue(QDBusObjectPath(unitPrefix + escapeLabel(unit)))));
        }
        if (message.member() == QLatin1String("GetAll")) {
            QString unit = message.path().mid(unitPrefix.size());
            unit = unescapeLabel(unit);
            QVariantMap properties;
            const bool known = activeState.contains(unit);
            properties.insert(QStringLiteral("LoadState"),
                              known ? QStringLiteral("loaded") : QStringLiteral("not-found"));
            properties.insert(QStringLiteral("ActiveState"),
                              activeState.value(unit, QStringLiteral("inactive")));
            properties.insert(QStringLiteral("SubState"), QStringLiteral("dead"));
            return connection.send(message.createReply(QVariant::fromValue(properties)));
        }
        if (message.member() == QLatin1String("StartUnit") ||
            message.member() == QLatin1String("StopUnit")) {
            const QString unit = message.arguments().value(0).toString();
            if (!activeState.contains(unit))
                return connection.send(
                    message.createErrorReply(QStringLiteral("org.freedesktop.systemd1.NoSuchUnit"),
                                             QStringLiteral("Unit %1 not found.").arg(unit)));
            if (message.member() == QLatin1String("StartUnit") && refuseStart.contains(unit))
                return connection.send(message.createErrorReply(
                    QStringLiteral("org.freedesktop.DBus.Error.InteractiveAuthorizationRequired"),
                    QStringLiteral("Interactive authentication required.")));
            activeState[unit] = message.member() == QLatin1String("StartUnit")
                                    ? QStringLiteral("active")
                                    : QStringLiteral("inactive");
            return connection.send(message.createReply(QVariant::fromValue(
                QDBusObjectPath(QStringLiteral("/org/freedesktop/systemd1/job/1")))));
        }
        return false;
    }

    // systemd's object path label: every byte but [A-Za-z0-9] as _XX (hex).
    static QString escapeLabel(const QString& unit) {
        QString escaped;
        for (const char c : unit.toUtf8()) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
                escaped += QLatin1Char(c);
            else
                escaped += QStringLiteral("_%1").arg(uchar(c), 2, 16, QLatin1Char('0'));
        }
        return escaped;
    }
    static QString unescapeLabel(const QString& label) {
        QByteArray unit;
        for (qsizetype i = 0; i < label.size(); ++i) {
            if (label.at(i) == u'_' && i + 2 < label.size()) {
                unit += char(label.mid(i + 1, 2).toUInt(nullptr, 16));
                i += 2;
            } else {
                unit += label.at(i).toLatin1();
            }
        }
        return QString::fromUtf8(unit);
    }
};

// A D-Bus daemon of the test's own, started like a session bus, on which
// FakeSystemd can take systemd's name. Stopped with the object.
class PrivateBus {
public:
    // False when dbus-daemon (package dbus) did not start or print its address.
    bool start(int timeoutMs = 10000) {
        m_daemon.start(QStringLiteral("dbus-daemon"),
                       {QStringLiteral("--session"), QStringLiteral("--nofork"),
                        QStringLiteral("--print-address=1")});
        if (!m_daemon.waitForStarted())
            return false;
        while (!m_daemon.canReadLine() && m_daemon.waitForReadyRead(timeoutMs)) {
        }
        m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
        return !m_address.isEmpty();
    }
    QString address() const { return m_address; }
    ~PrivateBus() {
        m_daemon.terminate();
        m_daemon.waitForFinished();
    }

private:
    QProcess m_daemon;
    QString m_address;
};
