#include "core/periodictask.h"

namespace ferry {

void PeriodicTask::start(std::chrono::milliseconds period, std::function<void()> job) {
    m_thread = std::thread([this, period, job = std::move(job)] {
        std::unique_lock lock(m_mutex);
        while (!m_wake.wait_for(lock, period, [this] { return m_stopping; })) {
            lock.unlock();
            job();
            lock.lock();
        }
    });
}

void PeriodicTask::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace ferry
