#include "windowsservice.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

namespace ferry {
namespace {

// Runs work() on a pool thread and done(result) on the UI thread, unless
// target is destroyed first. The QPointer is only read on the UI thread; the
// application object receives the queued call because it outlives the pool
// (QCoreApplication waits for the global pool when it ends).
template <typename Result>
void runOffThread(QObject* target, std::function<Result()> work,
                  std::function<void(const Result&)> done) {
    QPointer<QObject> guard(target);
    QThreadPool::globalInstance()->start([guard, work = std::move(work), done = std::move(done)] {
        Result result = work();
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, done, result = std::move(result)] {
                if (guard)
                    done(result);
            },
            Qt::QueuedConnection);
    });
}

QString text(const std::wstring& message) {
    return QString::fromStdWString(message);
}

} // namespace

WindowsService::WindowsService(ServiceControl control, const QString& serviceName, QObject* parent)
    : SystemService(parent)
    , m_control(std::move(control))
    , m_name(serviceName) {}

#if defined(Q_OS_WIN)
WindowsService::ServiceControl
WindowsService::serviceControlManager(const std::wstring& serviceName) {
    return {[serviceName] { return winsvc::queryService(serviceName); },
            [serviceName](const std::wstring& verb) {
                return winsvc::runServiceControl(verb + L" \"" + serviceName + L"\"",
                                                 kControlTimeoutMs);
            }};
}
#endif

void WindowsService::refresh() {
    // While sc.exe waits for consent the state stays "starting" or
    // "stopping"; the control's answer asks again.
    if (m_controlRunning)
        return;
    if (m_queryRunning) {
        m_queryAgain = true; // the state may change while this query runs
        return;
    }
    m_queryRunning = true;
    const int controls = m_controls;
    runOffThread<winsvc::Query>(this, m_control.query,
                                [this, controls](const winsvc::Query& query) {
                                    m_queryRunning = false;
                                    // Asked before a start or stop: the answer is older than the
                                    // "starting" or "stopping" shown, and would end it early. The
                                    // control's end asks again.
                                    if (controls == m_controls)
                                        readQuery(query);
                                    if (m_queryAgain) {
                                        m_queryAgain = false;
                                        refresh();
                                    }
                                });
}

void WindowsService::start() {
    control(true);
}

void WindowsService::stop() {
    control(false);
}

void WindowsService::control(bool start) {
    if (m_controlRunning) {
        Q_EMIT errorOccurred(
            tr("a start or stop of the Windows service %1 is already waiting for an answer")
                .arg(m_name));
        return;
    }
    m_controlRunning = true;
    ++m_controls;
    setState(start ? State::Starting : State::Stopping,
             tr("waiting for an administrator's consent"));
    const std::wstring verb = start ? L"start" : L"stop";
    auto control = m_control.control;
    runOffThread<winsvc::ElevatedRun>(
        this, [control, verb] { return control(verb); },
        [this, start](const winsvc::ElevatedRun& run) {
            m_controlRunning = false;
            readControl(start, run);
            refresh();
        });
}

void WindowsService::readControl(bool start, const winsvc::ElevatedRun& run) {
    const QString command =
        QStringLiteral("sc.exe %1 %2")
            .arg(start ? QStringLiteral("start") : QStringLiteral("stop"), m_name);
    if (run.cancelled)
        Q_EMIT errorOccurred(tr("the administrator's consent for %1 was not given").arg(command));
    else if (!run.launched)
        Q_EMIT errorOccurred(tr("%1 could not be run: %2").arg(command, text(run.message)));
    else if (!run.finished)
        Q_EMIT errorOccurred(
            tr("%1 did not finish within %2 s").arg(command).arg(kControlTimeoutMs / 1000));
    else if (run.exitCode != 0)
        Q_EMIT errorOccurred(
            tr("%1 failed (error %2): %3").arg(command).arg(run.exitCode).arg(text(run.message)));
}

void WindowsService::readQuery(const winsvc::Query& query) {
    using winsvc::Status;
    if (!query.answered) {
        Q_EMIT errorOccurred(tr("the service control manager could not be asked about %1: %2")
                                 .arg(m_name, text(query.message)));
        return;
    }
    const QString process = tr("process %1").arg(query.processId);
    switch (query.status) {
    case Status::NotInstalled:
        setState(State::NotInstalled, tr("the Windows service %1 is not installed").arg(m_name));
        return;
    case Status::Running:
    case Status::ContinuePending:
        setState(State::Running, tr("running (%1)").arg(process));
        return;
    case Status::Paused:
    case Status::PausePending:
        setState(State::Running, tr("paused (%1)").arg(process));
        return;
    case Status::StartPending:
        setState(State::Starting, tr("start pending"));
        return;
    case Status::StopPending:
        setState(State::Stopping, tr("stop pending"));
        return;
    case Status::Stopped:
        break;
    }
    // 1077 (ERROR_SERVICE_NEVER_STARTED) is a service that never ran, not a failure.
    constexpr unsigned long kNeverStarted = 1077;
    if (query.exitCode == 0 || (!query.serviceSpecific && query.exitCode == kNeverStarted))
        setState(State::Stopped, tr("stopped"));
    else if (query.serviceSpecific)
        setState(State::Failed, tr("stopped, ferryd's exit code %1").arg(query.exitCode));
    else
        setState(State::Failed,
                 tr("stopped, error %1: %2").arg(query.exitCode).arg(text(query.message)));
}

} // namespace ferry
