// A tiny Windows program over models/windowsservicecontrol.cpp, for
// scripts/check-windows.sh: linking it proves that every Win32 function the
// file calls resolves against the import libraries named there. Run on
// Windows, it prints the "Ferry" service's status, or starts or stops it.
//   servicecontrol_driver.exe [start|stop]
#include "windowsservicecontrol.h"

#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
    using namespace ferry::winsvc;
    if (argc > 1 && (std::strcmp(argv[1], "start") == 0 || std::strcmp(argv[1], "stop") == 0)) {
        const std::wstring verb = std::strcmp(argv[1], "start") == 0 ? L"start" : L"stop";
        const ElevatedRun run = runServiceControl(verb + L" Ferry", 120000);
        std::printf("launched=%d cancelled=%d finished=%d exit=%lu error=%lu %ls\n", run.launched,
                    run.cancelled, run.finished, run.exitCode, run.error, run.message.c_str());
        return run.finished && run.exitCode == 0 ? 0 : 1;
    }
    const Query query = queryService(L"Ferry");
    std::printf("answered=%d status=%d exit=%lu specific=%d pid=%lu error=%lu %ls\n",
                query.answered, static_cast<int>(query.status), query.exitCode,
                query.serviceSpecific, query.processId, query.error, query.message.c_str());
    return query.answered ? 0 : 1;
}
