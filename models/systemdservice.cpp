#include "systemdservice.h"

#include <QDBusArgument>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>

namespace ferry {
namespace {

const QString kSystemd = QStringLiteral("org.freedesktop.systemd1");
const QString kManagerPath = QStringLiteral("/org/freedesktop/systemd1");
const QString kManager = QStringLiteral("org.freedesktop.systemd1.Manager");
const QString kUnit = QStringLiteral("org.freedesktop.systemd1.Unit");
const QString kProperties = QStringLiteral("org.freedesktop.DBus.Properties");

// systemd's ActiveState (org.freedesktop.systemd1(5)) in the console's terms.
SystemService::State fromActiveState(const QString& active) {
    if (active == QLatin1String("active") || active == QLatin1String("reloading"))
        return SystemService::State::Running;
    if (active == QLatin1String("activating"))
        return SystemService::State::Starting;
    if (active == QLatin1String("deactivating"))
        return SystemService::State::Stopping;
    if (active == QLatin1String("failed"))
        return SystemService::State::Failed;
    return SystemService::State::Stopped;
}

} // namespace

SystemdService::SystemdService(QObject* parent)
    : SystemdService(QDBusConnection::systemBus(), QString::fromLatin1(kDefaultUnit), parent) {}

SystemdService::SystemdService(const QDBusConnection& bus, const QString& unit, QObject* parent)
    : SystemService(parent)
    , m_bus(bus)
    , m_unit(unit) {}

void SystemdService::callManager(const QString& method, const QVariantList& arguments,
                                 bool interactive,
                                 const std::function<void(const QDBusMessage&)>& onReply) {
    QDBusMessage call = QDBusMessage::createMethodCall(kSystemd, kManagerPath, kManager, method);
    call.setArguments(arguments);
    // systemd is PID 1, never started by the bus: without it the answer is
    // ServiceUnknown at once, not a bus-activation attempt.
    call.setAutoStartService(false);
    // Start and stop need polkit's consent, which may mean a password dialog.
    call.setInteractiveAuthorizationAllowed(interactive);
    auto* watcher =
        new QDBusPendingCallWatcher(m_bus.asyncCall(call, interactive ? 120000 : 10000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [watcher, onReply] {
        watcher->deleteLater();
        onReply(watcher->reply());
    });
}

void SystemdService::refresh() {
    if (!m_bus.isConnected()) {
        setState(State::NotInstalled,
                 tr("no system bus, so no systemd to run ferryd as a service"));
        return;
    }
    // LoadUnit answers for any name; a unit that does not exist comes back
    // with LoadState "not-found".
    callManager(QStringLiteral("LoadUnit"), {m_unit}, false, [this](const QDBusMessage& reply) {
        if (reply.type() == QDBusMessage::ErrorMessage) {
            if (reply.errorName() == QLatin1String("org.freedesktop.DBus.Error.ServiceUnknown") ||
                reply.errorName() == QLatin1String("org.freedesktop.DBus.Error.NameHasNoOwner"))
                setState(State::NotInstalled, tr("systemd is not running on this machine"));
            else if (reply.errorName() == QLatin1String("org.freedesktop.systemd1.NoSuchUnit"))
                setState(State::NotInstalled, tr("%1 is not installed").arg(m_unit));
            else
                Q_EMIT errorOccurred(reply.errorMessage());
            return;
        }
        readUnit(qvariant_cast<QDBusObjectPath>(reply.arguments().value(0)).path());
    });
}

void SystemdService::readUnit(const QString& path) {
    QDBusMessage call =
        QDBusMessage::createMethodCall(kSystemd, path, kProperties, QStringLiteral("GetAll"));
    call.setArguments({kUnit});
    call.setAutoStartService(false);
    auto* watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, 10000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QDBusPendingReply<QVariantMap> reply = *watcher;
        if (reply.isError()) {
            Q_EMIT errorOccurred(reply.error().message());
            return;
        }
        const QVariantMap properties = reply.value();
        const QString load = properties.value(QStringLiteral("LoadState")).toString();
        const QString active = properties.value(QStringLiteral("ActiveState")).toString();
        const QString sub = properties.value(QStringLiteral("SubState")).toString();
        if (load == QLatin1String("not-found") ||
            (load == QLatin1String("masked") && active != QLatin1String("active")))
            setState(State::NotInstalled, load == QLatin1String("masked")
                                              ? tr("%1 is masked").arg(m_unit)
                                              : tr("%1 is not installed").arg(m_unit));
        else
            setState(fromActiveState(active), QStringLiteral("%1 (%2)").arg(active, sub));
    });
}

void SystemdService::start() {
    queueJob(QStringLiteral("StartUnit"));
}

void SystemdService::stop() {
    queueJob(QStringLiteral("StopUnit"));
}

void SystemdService::queueJob(const QString& method) {
    // "replace": this job supersedes a conflicting one already queued, as
    // systemctl does. The state is read again either way.
    callManager(method, {m_unit, QStringLiteral("replace")}, true,
                [this](const QDBusMessage& reply) {
                    if (reply.type() == QDBusMessage::ErrorMessage)
                        Q_EMIT errorOccurred(reply.errorMessage());
                    refresh();
                });
}

} // namespace ferry
