#pragma once
// ferryd under the Windows service control manager (SCM): what
// `ferryd serve --service` does, the command line the MSI registers
// (installer/windows/ferryd-service.xml). The SCM starts the process, which
// must connect back to it within 30 seconds, report its state as it starts
// and stops, and answer the SCM's controls. Stop and shutdown do what
// SIGTERM does on POSIX; "paramchange" (`sc control Ferry paramchange`) does
// what SIGHUP does.
//
// This file knows nothing of ferryd beyond these hooks and uses no Qt, so it
// can be compiled and linked on Linux with mingw (scripts/check-windows.sh).

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace ferryd {

struct ServiceHooks {
    // Binds the listeners; a message means ferryd cannot serve.
    std::function<std::optional<std::string>()> start;
    // Serves until stop(); returns ferryd's exit code.
    std::function<int()> run;
    // Makes run() return after the requests in flight; called on the SCM's
    // handler thread, so it must only ask, not wait.
    std::function<void()> stop;
    // Reads the log level and the TLS certificate again.
    std::function<void()> reload;
    // A service has no console: stderr (ferryd's log) is appended here.
    std::filesystem::path logFile;
};

// The name the MSI gives the service ("sc start Ferry").
inline constexpr const wchar_t* kWindowsServiceName = L"Ferry";

#ifdef _WIN32
// Hands the process to the SCM and returns ferryd's exit code once the
// service has stopped. Started from a console instead of by the SCM, it
// prints how to start the service and returns 2.
int runWindowsService(ServiceHooks hooks);
#endif

} // namespace ferryd
