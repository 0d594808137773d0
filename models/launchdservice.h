#pragma once
// ferryd as the per-user launchd agent of installer/macos/org.ferry.ferryd.plist
// (label org.ferry.ferryd, domain gui/<uid>, plist in ~/Library/LaunchAgents),
// driven through launchctl(1) with QProcess. One launchctl at a time, in the
// order asked; a refresh asked while one is already waiting is not repeated.
//
// State: `launchctl print gui/<uid>/org.ferry.ferryd`. Exit 113 ("Could not
// find service") means launchd has not loaded the job: Stopped when its plist
// is installed (bootout unloads it, and login loads it again), NotInstalled
// when not.
// Start: `bootstrap gui/<uid> <plist>` when not loaded (RunAtLoad starts it),
// `kickstart gui/<uid>/org.ferry.ferryd` when loaded but not running.
// Stop: `bootout gui/<uid>/org.ferry.ferryd`, not `kill SIGTERM`: the plist's
// KeepAlive SuccessfulExit=false has launchd start the job again whenever it
// ends other than with exit code 0, so a ferryd that a signal stops uncleanly
// (or that launchd has to SIGKILL after its exit timeout) would come straight
// back. bootout unloads the job, which KeepAlive cannot undo; it sends
// SIGTERM, waits for the exit, and leaves the plist for the next login.
//
// Not macOS-specific code: it builds everywhere and is tested on Linux with a
// stand-in launchctl (tests/models/tst_launchdservice).

#include "systemservice.h"

#include <QList>
#include <QStringList>
#include <functional>

class QProcess;

namespace ferry {

class LaunchdService : public SystemService {
    Q_OBJECT
public:
    struct Agent {
        QString label;     // org.ferry.ferryd
        QString domain;    // gui/<uid>
        QString plistPath; // ~/Library/LaunchAgents/org.ferry.ferryd.plist
    };
    // launchctl's exit code for "Could not find service ... in domain".
    static constexpr int kNotLoadedExit = 113;

    LaunchdService(const QString& launchctl, const Agent& agent, QObject* parent = nullptr);
    ~LaunchdService() override;

    static QString defaultLaunchctl(); // /bin/launchctl
    // The agent ferryd's installer describes, for the user running the console.
    static Agent ferrydAgent();

    // How long one launchctl may take before it is killed and reported as an
    // error. bootout waits for ferryd to exit (launchd's ExitTimeOut is 20 s).
    void setCommandTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    Manager manager() const override { return Manager::Launchd; }
    void refresh() override;
    void start() override;
    void stop() override;
    bool isControlPending() const override { return m_controlsPending > 0; }

private:
    struct Result {
        int exitCode = -1; // launchctl's; -1 when it did not run to the end
        QString output;    // stdout
        QString message;   // stderr, or stdout, or why it did not run
    };
    struct Command {
        QStringList arguments;
        std::function<void(const Result&)> done;
        bool isRefresh = false;
    };

    enum class Order {
        Last, // behind everything asked so far
        Next, // the next step of a start, before polls that came meanwhile
    };

    QString serviceTarget() const { return m_agent.domain + QLatin1Char('/') + m_agent.label; }
    void run(const QStringList& arguments, std::function<void(const Result&)> done,
             bool isRefresh = false, Order order = Order::Last);
    void forgetEarlierRefreshes();
    void endControl();
    void runNext();
    void finish(Result result);
    void readState(const Result& result);
    void reportFailure(const QStringList& arguments, const Result& result);

    QString m_launchctl;
    Agent m_agent;
    int m_timeoutMs = 60000;
    QList<Command> m_queue;        // waiting; the front one runs when m_process is set
    QProcess* m_process = nullptr; // the launchctl running now, if any
    bool m_timedOut = false;
    int m_controlsPending = 0; // starts and stops not finished yet
};

} // namespace ferry
