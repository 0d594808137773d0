#pragma once
// Turns Ctrl+C (and SIGTERM on POSIX) into a call on the event loop's
// thread, so that `watch` ends as cleanly as when its --count is reached.

#include <QObject>
#include <functional>
#include <memory>

namespace ferryctl {

class InterruptWatch {
public:
    // onInterrupt runs on context's thread, once per interrupt, while this
    // object lives. One at a time per process.
    InterruptWatch(QObject* context, std::function<void()> onInterrupt);
    ~InterruptWatch();
    InterruptWatch(const InterruptWatch&) = delete;
    InterruptWatch& operator=(const InterruptWatch&) = delete;

private:
    struct Hook;
    std::unique_ptr<Hook> m_hook;
};

} // namespace ferryctl
