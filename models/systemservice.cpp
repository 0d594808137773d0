#include "systemservice.h"

#if defined(FERRY_HAS_SYSTEMD)
#include "systemdservice.h"
#elif defined(Q_OS_MACOS)
#include "launchdservice.h"
#elif defined(Q_OS_WIN)
#include "windowsservice.h"
#endif

namespace ferry {
namespace {

#if !defined(FERRY_HAS_SYSTEMD) && !defined(Q_OS_MACOS) && !defined(Q_OS_WIN)
// A platform with none of the three service managers: nothing to show but
// why, and nothing to start or stop.
class NoServiceManager : public SystemService {
public:
    using SystemService::SystemService;
    Manager manager() const override { return Manager::None; }
    void refresh() override {
        setState(
            State::NotInstalled,
            SystemService::tr("ferryd runs as a service under systemd, launchd or Windows only"));
    }
    void start() override { refresh(); }
    void stop() override { refresh(); }
};
#endif

} // namespace

SystemService::SystemService(QObject* parent)
    : QObject(parent) {}

void SystemService::setState(State state, const QString& reason) {
    const bool changed = state != m_state || reason != m_reason;
    m_state = state;
    m_reason = reason;
    if (changed)
        Q_EMIT stateChanged(state);
}

SystemService* SystemService::forThisMachine(QObject* parent) {
#if defined(FERRY_HAS_SYSTEMD)
    return new SystemdService(parent);
#elif defined(Q_OS_MACOS)
    return new LaunchdService(LaunchdService::defaultLaunchctl(), LaunchdService::ferrydAgent(),
                              parent);
#elif defined(Q_OS_WIN)
    return new WindowsService(WindowsService::serviceControlManager(WindowsService::kFerrydService),
                              QString::fromWCharArray(WindowsService::kFerrydService), parent);
#else
    return new NoServiceManager(parent);
#endif
}

} // namespace ferry
