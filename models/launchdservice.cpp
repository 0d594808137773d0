#include "launchdservice.h"

#include "launchctlprint.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTimer>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

namespace ferry {

LaunchdService::LaunchdService(const QString& launchctl, const Agent& agent, QObject* parent)
    : SystemService(parent)
    , m_launchctl(launchctl)
    , m_agent(agent) {}

LaunchdService::~LaunchdService() {
    // No answer is delivered to a half-destroyed object; QProcess's own
    // destructor ends a launchctl still running.
    if (m_process)
        m_process->disconnect(this);
}

QString LaunchdService::defaultLaunchctl() {
    return QStringLiteral("/bin/launchctl");
}

LaunchdService::Agent LaunchdService::ferrydAgent() {
    Agent agent;
    agent.label = QStringLiteral("org.ferry.ferryd");
#if defined(Q_OS_UNIX)
    agent.domain = QStringLiteral("gui/%1").arg(::getuid());
#endif
    agent.plistPath =
        QDir::homePath() + QStringLiteral("/Library/LaunchAgents/org.ferry.ferryd.plist");
    return agent;
}

void LaunchdService::refresh() {
    run(
        {QStringLiteral("print"), serviceTarget()},
        [this](const Result& result) { readState(result); }, true);
}

void LaunchdService::forgetEarlierRefreshes() {
    // A poll asked before a start or stop answers with the state before it and
    // would replace the "starting" or "stopping" just shown (and the console
    // would take the job as over): the one running now is ignored, the ones
    // waiting are dropped. The start or stop reads the state when it is done.
    for (qsizetype i = m_queue.size() - 1; i >= 0; --i) {
        if (!m_queue.at(i).isRefresh)
            continue;
        if (i == 0 && m_process)
            m_queue[0].done = [](const Result&) {};
        else
            m_queue.removeAt(i);
    }
}

void LaunchdService::start() {
    forgetEarlierRefreshes();
    ++m_controlsPending;
    setState(State::Starting, tr("asking launchd to start %1").arg(m_agent.label));
    // Whether launchd has the job decides between bootstrap and kickstart;
    // the state shown may be older than this answer.
    run({QStringLiteral("print"), serviceTarget()}, [this](const Result& printed) {
        QStringList command;
        if (printed.exitCode == 0) {
            command = {QStringLiteral("kickstart"), serviceTarget()};
        } else if (printed.exitCode == kNotLoadedExit) {
            if (!QFile::exists(m_agent.plistPath)) {
                Q_EMIT errorOccurred(tr("%1 is not installed").arg(m_agent.plistPath));
                endControl();
                return;
            }
            command = {QStringLiteral("bootstrap"), m_agent.domain, m_agent.plistPath};
        } else {
            reportFailure({QStringLiteral("print"), serviceTarget()}, printed);
            endControl();
            return;
        }
        run(
            command,
            [this, command](const Result& result) {
                if (result.exitCode != 0)
                    reportFailure(command, result);
                endControl();
            },
            false, Order::Next);
    });
}

void LaunchdService::stop() {
    forgetEarlierRefreshes();
    ++m_controlsPending;
    setState(State::Stopping, tr("asking launchd to stop %1").arg(m_agent.label));
    const QStringList command{QStringLiteral("bootout"), serviceTarget()};
    run(command, [this, command](const Result& result) {
        // ESRCH (3) or 113: launchd had no such job loaded, so it is stopped
        // already; refresh() says so without an error.
        const bool notLoaded = result.exitCode == 3 || result.exitCode == kNotLoadedExit;
        if (result.exitCode != 0 && !notLoaded)
            reportFailure(command, result);
        endControl();
    });
}

void LaunchdService::endControl() {
    --m_controlsPending;
    refresh();
}

void LaunchdService::readState(const Result& result) {
    if (result.exitCode == kNotLoadedExit) {
        if (QFile::exists(m_agent.plistPath))
            setState(State::Stopped,
                     tr("%1 is not loaded in %2").arg(m_agent.label, m_agent.domain));
        else
            setState(State::NotInstalled, tr("%1 is not installed").arg(m_agent.plistPath));
        return;
    }
    if (result.exitCode != 0) {
        reportFailure({QStringLiteral("print"), serviceTarget()}, result);
        return;
    }
    const LaunchctlJob job = parseLaunchctlPrint(result.output);
    if (!job.valid) {
        Q_EMIT errorOccurred(tr("launchctl print %1 gave output the console does not understand")
                                 .arg(serviceTarget()));
        return;
    }
    const LaunchdState state = launchdState(job);
    setState(state.state, state.reason);
}

void LaunchdService::reportFailure(const QStringList& arguments, const Result& result) {
    const QString command = QStringLiteral("launchctl ") + arguments.join(QLatin1Char(' '));
    if (result.exitCode < 0)
        Q_EMIT errorOccurred(tr("%1 did not finish: %2").arg(command, result.message));
    else
        Q_EMIT errorOccurred(tr("%1 failed (exit code %2): %3")
                                 .arg(command)
                                 .arg(result.exitCode)
                                 .arg(result.message));
}

void LaunchdService::run(const QStringList& arguments, std::function<void(const Result&)> done,
                         bool isRefresh, Order order) {
    // A poll while another poll still waits its turn would read the same state.
    if (isRefresh) {
        for (qsizetype i = m_process ? 1 : 0; i < m_queue.size(); ++i) {
            if (m_queue.at(i).isRefresh)
                return;
        }
    }
    Command command{arguments, std::move(done), isRefresh};
    if (order == Order::Next)
        m_queue.insert(m_process ? 1 : 0, std::move(command));
    else
        m_queue.append(std::move(command));
    if (!m_process)
        runNext();
}

void LaunchdService::runNext() {
    if (m_queue.isEmpty() || m_process)
        return;
    m_process = new QProcess(this);
    m_timedOut = false;
    QProcess* process = m_process;
    connect(process, &QProcess::finished, this,
            [this, process](int exitCode, QProcess::ExitStatus status) {
                if (process != m_process)
                    return;
                Result result;
                result.output = QString::fromLocal8Bit(process->readAllStandardOutput());
                // launchctl's message on one line: it often takes two
                // ("Bootstrap failed: 5: ...", "Try re-running ... as root").
                const QString errors =
                    QString::fromLocal8Bit(process->readAllStandardError()).simplified();
                if (status == QProcess::NormalExit) {
                    result.exitCode = exitCode;
                    result.message = errors.isEmpty() ? result.output.simplified() : errors;
                } else {
                    result.message =
                        m_timedOut ? tr("no answer after %1 s").arg((m_timeoutMs + 999) / 1000)
                                   : process->errorString();
                }
                finish(std::move(result));
            });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        // Only a program that never started has no finished() to follow.
        if (process != m_process || error != QProcess::FailedToStart)
            return;
        Result result;
        result.message = tr("%1 could not be run: %2").arg(m_launchctl, process->errorString());
        finish(std::move(result));
    });
    auto* timeout = new QTimer(process);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, process, [this, process] {
        m_timedOut = true;
        process->kill();
    });
    timeout->start(m_timeoutMs);
    process->start(m_launchctl, m_queue.constFirst().arguments);
}

void LaunchdService::finish(Result result) {
    m_process->disconnect(this);
    m_process->deleteLater();
    m_process = nullptr;
    const Command command = m_queue.takeFirst();
    // done() may queue more; it runs after this one is off the queue.
    command.done(result);
    runNext();
}

} // namespace ferry
