#pragma once
// ferryd installed as a system service, seen from the console: whether it is
// installed, its state, and starting and stopping it. On Linux this talks to
// systemd over the system D-Bus (org.freedesktop.systemd1); starting and
// stopping then go through polkit, which may ask for a password. Every call
// is asynchronous: results arrive as stateChanged() or errorOccurred().
// Other platforms report NotInstalled for now (see docs/installing.md).

#include <QDBusConnection>
#include <QObject>
#include <QString>
#include <functional>

namespace ferry {

class SystemService : public QObject {
    Q_OBJECT
public:
    enum class State {
        Unknown,      // not asked yet, or the answer is pending
        NotInstalled, // no such unit, or no service manager to ask (reason())
        Stopped,      // installed, inactive
        Starting,
        Running,
        Stopping,
        Failed,
    };
    Q_ENUM(State)

    // The unit on the machine's system bus.
    explicit SystemService(QObject* parent = nullptr);
    // The unit on a given bus (tests use a private one).
    SystemService(const QDBusConnection& bus, const QString& unit, QObject* parent = nullptr);

    static constexpr const char* kDefaultUnit = "ferryd.service";

    State state() const { return m_state; }
    // Why the state is what it is, for a person: "no system bus", systemd's
    // ActiveState and SubState, ... Never a secret.
    QString reason() const { return m_reason; }

    void refresh();
    void start();
    void stop();

Q_SIGNALS:
    void stateChanged(ferry::SystemService::State state);
    // A start or stop refused (not authorised, unit failed) or a bus error.
    void errorOccurred(const QString& message);

private:
    void callManager(const QString& method, const QVariantList& arguments, bool interactive,
                     const std::function<void(const QDBusMessage&)>& onReply);
    void readUnit(const QString& path);
    void queueJob(const QString& method);
    void setState(State state, const QString& reason);

    QDBusConnection m_bus;
    QString m_unit;
    State m_state = State::Unknown;
    QString m_reason;
};

} // namespace ferry
