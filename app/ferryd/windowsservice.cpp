// The SCM side of `ferryd serve --service`; see windowsservice.h. Built on
// Windows only: the Linux build compiles this file to nothing.
#ifdef _WIN32

#include "windowsservice.h"

#include <windows.h>

#include <cstdio>
#include <mutex>

namespace ferryd {
namespace {

// ServiceMain has no context argument, and a process registered as
// SERVICE_WIN32_OWN_PROCESS runs exactly one service: one set of globals.
ServiceHooks* g_hooks = nullptr;
int g_exitCode = 0;
SERVICE_STATUS_HANDLE g_statusHandle = nullptr;
// ServiceMain's thread and the handler thread both report.
std::mutex g_statusMutex;
SERVICE_STATUS g_status{};

// Tells the SCM where the service is. Pending states carry a rising check
// point and a wait hint, so the SCM waits instead of declaring it hung; a
// non-zero exit code is reported as a service-specific error, which
// services.msc and `sc query` show.
void report(DWORD state, DWORD waitHintMs = 0, int exitCode = 0) {
    const std::lock_guard lock(g_statusMutex);
    static DWORD checkPoint = 1;
    g_status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    g_status.dwCurrentState = state;
    g_status.dwControlsAccepted =
        state == SERVICE_RUNNING
            ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN | SERVICE_ACCEPT_PARAMCHANGE
            : 0;
    g_status.dwWin32ExitCode = exitCode == 0 ? NO_ERROR : ERROR_SERVICE_SPECIFIC_ERROR;
    g_status.dwServiceSpecificExitCode = DWORD(exitCode);
    g_status.dwWaitHint = waitHintMs;
    g_status.dwCheckPoint = state == SERVICE_RUNNING || state == SERVICE_STOPPED ? 0 : checkPoint++;
    SetServiceStatus(g_statusHandle, &g_status);
}

DWORD WINAPI handleControl(DWORD control, DWORD /*eventType*/, LPVOID /*eventData*/,
                           LPVOID /*context*/) {
    switch (control) {
    case SERVICE_CONTROL_STOP:
    case SERVICE_CONTROL_SHUTDOWN:
        // Finishing the requests in flight may take a while: 30 s of grace
        // before the SCM may give up on us.
        report(SERVICE_STOP_PENDING, 30000);
        g_hooks->stop();
        return NO_ERROR;
    case SERVICE_CONTROL_PARAMCHANGE:
        g_hooks->reload();
        return NO_ERROR;
    case SERVICE_CONTROL_INTERROGATE:
        return NO_ERROR;
    default:
        return ERROR_CALL_NOT_IMPLEMENTED;
    }
}

void WINAPI serviceMain(DWORD /*argc*/, LPWSTR* /*argv*/) {
    g_statusHandle = RegisterServiceCtrlHandlerExW(kWindowsServiceName, handleControl, nullptr);
    if (!g_statusHandle) {
        g_exitCode = 1;
        return;
    }
    if (!g_hooks->logFile.empty() && !_wfreopen(g_hooks->logFile.c_str(), L"a", stderr))
        g_hooks->logFile.clear();
    report(SERVICE_START_PENDING, 30000);
    if (auto failure = g_hooks->start()) {
        std::fprintf(stderr, "ferryd: %s\n", failure->c_str());
        std::fflush(stderr);
        g_exitCode = 2;
        report(SERVICE_STOPPED, 0, g_exitCode);
        return;
    }
    report(SERVICE_RUNNING);
    g_exitCode = g_hooks->run();
    std::fflush(stderr);
    // The SCM may end the process once it reads STOPPED: report it last,
    // after run() has closed the store.
    report(SERVICE_STOPPED, 0, g_exitCode);
}

} // namespace

int runWindowsService(ServiceHooks hooks) {
    g_hooks = &hooks;
    SERVICE_TABLE_ENTRYW table[] = {
        {const_cast<LPWSTR>(kWindowsServiceName), serviceMain},
        {nullptr, nullptr},
    };
    // Blocks until the service has stopped.
    if (StartServiceCtrlDispatcherW(table))
        return g_exitCode;
    const DWORD error = GetLastError();
    if (error == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT)
        std::fprintf(stderr,
                     "ferryd: --service is for the Windows service manager; start the service with "
                     "'sc start Ferry', or run 'ferryd serve' without --service in a console\n");
    else
        std::fprintf(stderr, "ferryd: cannot reach the Windows service manager (error %lu)\n",
                     static_cast<unsigned long>(error));
    return 2;
}

} // namespace ferryd

#endif // _WIN32
