#pragma once
// ferryd installed as a service of this machine, seen from the console:
// whether it is installed, its state, and starting and stopping it. One
// interface, one backend per service manager: systemd over D-Bus on Linux
// (SystemdService), launchctl on macOS (LaunchdService), the service control
// manager on Windows (WindowsService). Every call is asynchronous, the UI
// thread never waits: results arrive as stateChanged() or errorOccurred().

#include <QObject>
#include <QString>

namespace ferry {

class SystemService : public QObject {
    Q_OBJECT
public:
    enum class State {
        Unknown,      // not asked yet, or the answer is pending
        NotInstalled, // no such service, or no service manager to ask (reason())
        Stopped,      // installed, not running
        Starting,
        Running,
        Stopping,
        Failed,
    };
    Q_ENUM(State)

    // Who runs the service, so that the console can say what starting and
    // stopping will involve (a password, an administrator's consent, none).
    enum class Manager {
        None, // this platform has no backend: always NotInstalled
        Systemd,
        Launchd,
        WindowsServiceManager,
    };
    Q_ENUM(Manager)

    // ferryd's service on this machine, with the backend for its platform.
    static SystemService* forThisMachine(QObject* parent = nullptr);

    virtual Manager manager() const = 0;
    State state() const { return m_state; }
    // Why the state is what it is, for a person: "no system bus", systemd's
    // ActiveState and SubState, launchd's state, ... Never a secret.
    QString reason() const { return m_reason; }

    virtual void refresh() = 0;
    virtual void start() = 0;
    virtual void stop() = 0;
    // A start or stop the service manager has not answered yet: launchctl
    // still running, or Windows' consent prompt still up. systemd answers a
    // start or stop at once (the job runs on), so its backend never says so.
    virtual bool isControlPending() const { return false; }

Q_SIGNALS:
    void stateChanged(ferry::SystemService::State state);
    // A start or stop refused (not authorised, failed) or a query that failed.
    void errorOccurred(const QString& message);

protected:
    explicit SystemService(QObject* parent = nullptr);
    // Emits stateChanged() when the state or its reason changed.
    void setState(State state, const QString& reason);

private:
    State m_state = State::Unknown;
    QString m_reason;
};

} // namespace ferry
