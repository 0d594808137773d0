#pragma once
// The Windows service control manager, without Qt: plain C++ and std::wstring,
// so that scripts/check-windows.sh can compile it with MinGW-w64 on Linux.
// The declarations build everywhere (WindowsService and its tests use the
// types); the definitions in windowsservicecontrol.cpp exist on Windows only.
// Every function blocks: callers run them off the UI thread.

#include <string>

namespace ferry::winsvc {

enum class Status {
    NotInstalled, // the service control manager has no such service
    Stopped,
    StartPending,
    StopPending,
    Running,
    ContinuePending,
    PausePending,
    Paused,
};

struct Query {
    bool answered = false; // false: the manager could not be asked (error, message)
    Status status = Status::NotInstalled;
    unsigned long exitCode = 0;   // the service's last exit: a Win32 error code, or its own
    bool serviceSpecific = false; // exitCode is the service's own, not a Win32 error
    unsigned long processId = 0;
    unsigned long error = 0; // GetLastError() when !answered
    std::wstring message;    // the system's text for error, or for a Win32 exitCode
};

struct ElevatedRun {
    bool launched = false;  // the program ran (the administrator consented)
    bool cancelled = false; // the consent prompt was declined
    bool finished = false;  // it ended within the time allowed, with exitCode
    unsigned long exitCode = 0;
    unsigned long error = 0; // GetLastError() when !launched
    std::wstring message;    // the system's text for error, or for a non-zero exitCode
};

// QueryServiceStatusEx on the named service; needs no administrator rights.
Query queryService(const std::wstring& serviceName);

// Runs %SystemRoot%\System32\sc.exe with the given parameters ("start Ferry")
// as administrator: ShellExecuteExW with the "runas" verb, which shows the
// UAC consent prompt; waits up to timeoutMs for it to end.
ElevatedRun runServiceControl(const std::wstring& parameters, unsigned long timeoutMs);

// The system's message for a Win32 error code, without the trailing newline.
std::wstring systemMessage(unsigned long code);

} // namespace ferry::winsvc
