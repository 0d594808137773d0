#pragma once
// A background thread that runs one job every period until it is stopped:
// garbage collection, the scrub, signing-key rotation and the heap trim.
// stop() wakes the thread at once, so a shutdown never waits out a period,
// and waits for a job already running to finish.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace ferry {

class PeriodicTask {
public:
    PeriodicTask() = default;
    ~PeriodicTask() { stop(); }
    PeriodicTask(const PeriodicTask&) = delete;
    PeriodicTask& operator=(const PeriodicTask&) = delete;

    // Runs job every period, the first time one period from now. The job
    // runs without any lock held; an exception from it ends the process, so
    // a job catches and logs its own failures.
    void start(std::chrono::milliseconds period, std::function<void()> job);
    // Idempotent; a task that was never started stops at once.
    void stop();

private:
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace ferry
