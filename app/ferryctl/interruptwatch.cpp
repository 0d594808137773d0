#include "interruptwatch.h"

#include <QMetaObject>
#include <QPointer>

#if defined(Q_OS_WIN)
#include <windows.h>
#else
#include <QSocketNotifier>
#include <csignal>
#include <unistd.h>
#endif

namespace ferryctl {

#if defined(Q_OS_WIN)

namespace {
// Read by the handler thread the system starts for each Ctrl+C.
QPointer<QObject> g_context;
std::function<void()> g_onInterrupt;

// Ctrl+C, Ctrl+Break and closing the console arrive on a thread of their
// own: a queued call hands them to the context's thread.
BOOL WINAPI onConsoleControl(DWORD event) {
    if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT && event != CTRL_CLOSE_EVENT)
        return FALSE;
    if (QObject* context = g_context.data())
        QMetaObject::invokeMethod(
            context, [] { g_onInterrupt(); }, Qt::QueuedConnection);
    return TRUE;
}
} // namespace

struct InterruptWatch::Hook {};

InterruptWatch::InterruptWatch(QObject* context, std::function<void()> onInterrupt)
    : m_hook(std::make_unique<Hook>()) {
    g_onInterrupt = std::move(onInterrupt);
    g_context = context;
    ::SetConsoleCtrlHandler(onConsoleControl, TRUE);
}

InterruptWatch::~InterruptWatch() {
    ::SetConsoleCtrlHandler(onConsoleControl, FALSE);
    g_context = nullptr;
}

#else

namespace {
// A signal handler may only do async-signal-safe things: it writes a byte,
// and the event loop, watching the other end, runs the callback.
int g_pipe[2] = {-1, -1};

extern "C" void onStopSignal(int) {
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_pipe[1], &byte, 1);
}
} // namespace

struct InterruptWatch::Hook {
    std::unique_ptr<QSocketNotifier> notifier;
    struct sigaction previousInt = {};
    struct sigaction previousTerm = {};
};

InterruptWatch::InterruptWatch(QObject* context, std::function<void()> onInterrupt)
    : m_hook(std::make_unique<Hook>()) {
    if (::pipe(g_pipe) != 0)
        return; // no pipe: Ctrl+C ends the process the default way
    m_hook->notifier = std::make_unique<QSocketNotifier>(g_pipe[0], QSocketNotifier::Read);
    QObject::connect(m_hook->notifier.get(), &QSocketNotifier::activated, context,
                     [callback = std::move(onInterrupt)] {
                         char drained[16];
                         [[maybe_unused]] const auto got = ::read(g_pipe[0], drained, 16);
                         callback();
                     });
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, &m_hook->previousInt);
    ::sigaction(SIGTERM, &action, &m_hook->previousTerm);
}

InterruptWatch::~InterruptWatch() {
    if (!m_hook->notifier)
        return;
    ::sigaction(SIGINT, &m_hook->previousInt, nullptr);
    ::sigaction(SIGTERM, &m_hook->previousTerm, nullptr);
    m_hook->notifier.reset();
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
}

#endif

} // namespace ferryctl
