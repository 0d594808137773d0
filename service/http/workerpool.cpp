#include "http/workerpool.h"

#include "core/log.h"

#include <chrono>
#include <thread>

namespace ferry::http {

// An idle thread leaves after this long; a burst of requests then does not
// keep hundreds of stacks around.
static constexpr auto kIdleLifetime = std::chrono::seconds(30);

WorkerPool::WorkerPool(size_t maxThreads)
    : m_maxThreads(maxThreads == 0 ? 1 : maxThreads) {}

WorkerPool::~WorkerPool() {
    std::unique_lock lock(m_mutex);
    m_closing = true;
    m_jobs.clear();
    m_wake.notify_all();
    m_left.wait(lock, [this] { return m_threads == 0; });
}

void WorkerPool::post(std::function<void()> job) {
    std::lock_guard lock(m_mutex);
    m_jobs.push_back(std::move(job));
    // Each queued job is matched to its own thread: an idle one not yet
    // claimed by a job posted just before (woken, but not yet running), or
    // a new one. Otherwise two quick posts could both wake the same single
    // idle thread and the second job would wait for the first to finish.
    if (m_idle >= m_jobs.size()) {
        m_wake.notify_one();
        return;
    }
    if (m_threads >= m_maxThreads)
        return; // queued: the next thread to finish takes it
    ++m_threads;
    try {
        std::thread([this] { work(); }).detach();
    } catch (const std::system_error& failure) {
        --m_threads;
        log::warning("cannot start a request thread: ", failure.what());
    }
}

void WorkerPool::work() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (m_jobs.empty()) {
            ++m_idle;
            const bool woken = m_wake.wait_for(lock, kIdleLifetime,
                                               [this] { return m_closing || !m_jobs.empty(); });
            --m_idle;
            if (!woken || m_closing)
                break;
        }
        auto job = std::move(m_jobs.front());
        m_jobs.pop_front();
        lock.unlock();
        try {
            job();
        } catch (const std::exception& failure) {
            log::error("request thread: ", failure.what());
        }
        job = nullptr; // release what the job holds before taking the lock
        lock.lock();
    }
    --m_threads;
    m_left.notify_all();
}

} // namespace ferry::http
