// Links ferryd's service control handler (app/ferryd/windowsservice.cpp)
// on its own for scripts/check-windows.sh: every Win32 call it makes must
// resolve against advapi32. Never run.
#include "windowsservice.h"

int main() {
    ferryd::ServiceHooks hooks;
    hooks.start = [] { return std::optional<std::string>(); };
    hooks.run = [] { return 0; };
    hooks.stop = [] {};
    hooks.reload = [] {};
    hooks.logFile = "ferryd.log";
    return ferryd::runWindowsService(hooks);
}
