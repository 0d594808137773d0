#pragma once
// Threads that run requests once their head has arrived. Connections waiting
// for a request head hold no thread (the server reads heads asynchronously),
// so idle and half-open connections stay cheap; a thread is taken only while
// a request is being handled. Threads start on demand up to a maximum and
// leave after a while without work.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>

namespace ferry::http {

class WorkerPool {
public:
    explicit WorkerPool(size_t maxThreads);
    // Waits for every thread to leave; jobs still queued are dropped.
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    void post(std::function<void()> job);

private:
    void work();

    const size_t m_maxThreads;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_left;
    std::deque<std::function<void()>> m_jobs;
    size_t m_threads = 0;
    size_t m_idle = 0;
    bool m_closing = false;
};

} // namespace ferry::http
