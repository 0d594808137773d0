#pragma once
// What `launchctl print <domain>/<label>` says about one launchd job, and what
// that means for the console. launchctl(1) calls this output "not API": it is
// read loosely, key by key, and anything unknown is shown as it is.

#include "systemservice.h"

#include <QString>
#include <optional>

namespace ferry {

struct LaunchctlJob {
    bool valid = false; // the output looked like a job ("<target> = {" ... "}")
    QString state;      // "running", "not running", "spawn scheduled", ...
    std::optional<qint64> pid;
    QString lastExitCode; // "0", "78: EX_CONFIG", "(never exited)"; empty if absent
    QString lastSignal;   // "last terminating signal", e.g. "Killed: 9"
    QString path;         // the plist launchd loaded it from
};

// Reads the job's own top-level keys; nested blocks (arguments, environment,
// endpoints, ...) are skipped, since some of them repeat key names.
LaunchctlJob parseLaunchctlPrint(const QString& output);

struct LaunchdState {
    SystemService::State state;
    QString reason; // for a person: launchd's state, pid, last exit
};

// The console's state for a job launchd has loaded. A job that is loaded but
// not running after a non-zero exit or a kill is Failed: with KeepAlive
// SuccessfulExit=false launchd restarts it, so it is failing repeatedly or
// throttled. A clean exit (0, or SIGTERM) is Stopped.
LaunchdState launchdState(const LaunchctlJob& job);

} // namespace ferry
