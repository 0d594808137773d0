#pragma once
// ferryd as the Windows service "Ferry" that installer/windows/
// ferryd-service.xml registers. The state comes from QueryServiceStatusEx,
// which any user may call. Starting and stopping need an administrator, so
// they run `sc.exe start Ferry` / `sc.exe stop Ferry` elevated (the UAC
// consent prompt, as an operator expects). Both block, so both run on
// QThreadPool's threads; the answer comes back queued to the UI thread and is
// dropped if this object is gone by then.
//
// The Win32 calls are in windowsservicecontrol.cpp (Qt-free, Windows only);
// this class only sees them through ServiceControl, so it builds everywhere
// and is tested on Linux with stand-ins (tests/models/tst_windowsservice).

#include "systemservice.h"
#include "windowsservicecontrol.h"

#include <functional>

namespace ferry {

class WindowsService : public SystemService {
    Q_OBJECT
public:
    // The blocking calls, each run on a pool thread.
    struct ServiceControl {
        std::function<winsvc::Query()> query;
        // "start" or "stop", run elevated.
        std::function<winsvc::ElevatedRun(const std::wstring& verb)> control;
    };
    static constexpr const wchar_t* kFerrydService = L"Ferry";
    // How long sc.exe may take, the consent prompt included.
    static constexpr unsigned long kControlTimeoutMs = 120000;

    WindowsService(ServiceControl control, const QString& serviceName, QObject* parent = nullptr);

#if defined(Q_OS_WIN)
    // The real service control manager, for the named service.
    static ServiceControl serviceControlManager(const std::wstring& serviceName);
#endif

    Manager manager() const override {
        return Manager::WindowsServiceManager;
    }
    void refresh() override;
    void start() override;
    void stop() override;
    bool isControlPending() const override {
        return m_controlRunning;
    }

private:
    void control(bool start);
    void readQuery(const winsvc::Query& query);
    void readControl(bool start, const winsvc::ElevatedRun& run);

    ServiceControl m_control;
    QString m_name;
    bool m_queryRunning = false;
    bool m_queryAgain = false; // a refresh asked while one was running
    bool m_controlRunning = false;
    int m_controls = 0; // starts and stops so far: a query from before one is stale
};

} // namespace ferry
