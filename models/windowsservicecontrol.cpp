// The Win32 half of WindowsService; see windowsservicecontrol.h. Compiled on
// Windows only, and on Linux by scripts/check-windows.sh with MinGW-w64.
#ifdef _WIN32

#include "windowsservicecontrol.h"

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <objbase.h>
#include <shellapi.h>
#include <winsvc.h>

namespace ferry::winsvc {
namespace {

// Service handles closed on every path out.
class ScHandle {
public:
    explicit ScHandle(SC_HANDLE handle)
        : m_handle(handle) {}
    ~ScHandle() {
        if (m_handle)
            CloseServiceHandle(m_handle);
    }
    ScHandle(const ScHandle&) = delete;
    ScHandle& operator=(const ScHandle&) = delete;
    SC_HANDLE get() const { return m_handle; }
    explicit operator bool() const { return m_handle != nullptr; }

private:
    SC_HANDLE m_handle;
};

Status fromCurrentState(DWORD state) {
    switch (state) {
    case SERVICE_STOPPED:
        return Status::Stopped;
    case SERVICE_START_PENDING:
        return Status::StartPending;
    case SERVICE_STOP_PENDING:
        return Status::StopPending;
    case SERVICE_RUNNING:
        return Status::Running;
    case SERVICE_CONTINUE_PENDING:
        return Status::ContinuePending;
    case SERVICE_PAUSE_PENDING:
        return Status::PausePending;
    case SERVICE_PAUSED:
        return Status::Paused;
    default:
        return Status::Stopped;
    }
}

Query failedQuery(DWORD error) {
    Query query;
    query.error = error;
    query.message = systemMessage(error);
    return query;
}

std::wstring systemFolderProgram(const wchar_t* name) {
    wchar_t folder[MAX_PATH];
    const UINT length = GetSystemDirectoryW(folder, MAX_PATH);
    if (length == 0 || length >= MAX_PATH)
        return name; // let the search path find it
    return std::wstring(folder, length) + L"\\" + name;
}

} // namespace

std::wstring systemMessage(unsigned long code) {
    wchar_t* buffer = nullptr;
    const DWORD length = FormatMessageW(
        FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
        nullptr, code, 0, reinterpret_cast<wchar_t*>(&buffer), 0, nullptr);
    std::wstring text;
    if (length > 0 && buffer)
        text.assign(buffer, length);
    if (buffer)
        LocalFree(buffer);
    while (!text.empty() && (text.back() == L'\n' || text.back() == L'\r' || text.back() == L' '))
        text.pop_back();
    if (text.empty())
        text = L"error " + std::to_wstring(code);
    return text;
}

Query queryService(const std::wstring& serviceName) {
    const ScHandle manager(OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT));
    if (!manager)
        return failedQuery(GetLastError());
    const ScHandle service(OpenServiceW(manager.get(), serviceName.c_str(), SERVICE_QUERY_STATUS));
    if (!service) {
        const DWORD error = GetLastError();
        if (error == ERROR_SERVICE_DOES_NOT_EXIST) {
            Query query;
            query.answered = true;
            query.status = Status::NotInstalled;
            return query;
        }
        return failedQuery(error);
    }
    SERVICE_STATUS_PROCESS status{};
    DWORD needed = 0;
    if (!QueryServiceStatusEx(service.get(), SC_STATUS_PROCESS_INFO,
                              reinterpret_cast<LPBYTE>(&status), sizeof status, &needed))
        return failedQuery(GetLastError());
    Query query;
    query.answered = true;
    query.status = fromCurrentState(status.dwCurrentState);
    query.processId = status.dwProcessId;
    query.serviceSpecific = status.dwWin32ExitCode == ERROR_SERVICE_SPECIFIC_ERROR;
    query.exitCode =
        query.serviceSpecific ? status.dwServiceSpecificExitCode : status.dwWin32ExitCode;
    if (query.exitCode != 0 && !query.serviceSpecific)
        query.message = systemMessage(query.exitCode);
    return query;
}

ElevatedRun runServiceControl(const std::wstring& parameters, unsigned long timeoutMs) {
    // ShellExecuteEx may use COM (shell extensions); Microsoft asks callers to
    // initialise it, apartment-threaded, on the calling thread.
    const HRESULT com = CoInitializeEx(nullptr, COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE);
    const std::wstring program = systemFolderProgram(L"sc.exe");
    SHELLEXECUTEINFOW info{};
    info.cbSize = sizeof info;
    // NOCLOSEPROCESS: the process handle, to wait for sc.exe and read its
    // exit code. NOASYNC: this thread may end soon after (a pool thread).
    info.fMask = SEE_MASK_NOCLOSEPROCESS | SEE_MASK_NOASYNC;
    info.lpVerb = L"runas";
    info.lpFile = program.c_str();
    info.lpParameters = parameters.c_str();
    info.nShow = SW_HIDE;
    ElevatedRun run;
    if (!ShellExecuteExW(&info)) {
        run.error = GetLastError();
        run.cancelled = run.error == ERROR_CANCELLED;
        run.message = systemMessage(run.error);
    } else {
        run.launched = true;
        if (info.hProcess) {
            if (WaitForSingleObject(info.hProcess, timeoutMs) == WAIT_OBJECT_0) {
                DWORD exitCode = 0;
                if (GetExitCodeProcess(info.hProcess, &exitCode)) {
                    run.finished = true;
                    run.exitCode = exitCode;
                    // sc.exe exits with the Win32 error of the failed call
                    // (1056: already running, 1062: not started, ...).
                    if (exitCode != 0)
                        run.message = systemMessage(exitCode);
                }
            }
            CloseHandle(info.hProcess);
        }
    }
    if (SUCCEEDED(com))
        CoUninitialize();
    return run;
}

} // namespace ferry::winsvc

#endif // _WIN32
