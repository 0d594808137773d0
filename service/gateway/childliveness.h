#pragma once
// The parent's view of its children's liveness (docs/sync-protocol.md
// "Liveness"). Every gateway request from a child counts as a sign of life;
// a child silent for longer than `offlineAfter` is marked Offline, together
// with everything below it, since nothing below can report through it.

#include "access/accessstore.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace ferry::gateway {

class ChildLiveness {
public:
    ChildLiveness(access::AccessStore& store, std::chrono::seconds offlineAfter);
    ~ChildLiveness();

    void heard(const QString& child);
    std::chrono::seconds offlineAfter() const { return m_offlineAfter; }
    // Seconds since the child was last heard from; -1 when never (metrics).
    double secondsSinceHeard(const QString& child) const;

private:
    void watch();
    void markSilentChildrenOffline();

    access::AccessStore& m_store;
    const std::chrono::seconds m_offlineAfter;
    const std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::unordered_map<std::string, std::chrono::steady_clock::time_point> m_lastHeard;
    std::thread m_thread;
};

} // namespace ferry::gateway
