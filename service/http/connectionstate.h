#pragma once
// What the server's watchdog knows of one connection: its socket, when it
// must have made progress by, and whether it is between requests (safe to
// close on stop). Shared by the connection and the watchdog.

#include "platform/socket.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace ferry::http {

inline int64_t steadyMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct ConnectionState {
    ConnectionState(platform::NativeSocket socketFd, std::string address, int idleTimeoutSeconds,
                    const std::atomic<bool>& stopping)
        : fd(socketFd)
        , peer(std::move(address))
        , m_timeoutMs(int64_t(idleTimeoutSeconds) * 1000)
        , m_stopping(stopping) {
        touch();
    }
    // Progress was made: push the deadline out by the idle timeout.
    void touch() { deadline = steadyMs() + m_timeoutMs; }
    bool serverStopping() const { return m_stopping.load(); }

    const platform::NativeSocket fd;
    const std::string peer;
    std::atomic<int64_t> deadline{0};
    std::atomic<bool> idle{true};
    // The session ended with request bytes possibly still unread (a refused
    // body, a bad or oversized header): close gracefully (lingering close).
    bool unreadInput = false;
    // The client runs on this machine (a loopback address).
    bool localPeer = false;

private:
    const int64_t m_timeoutMs;
    const std::atomic<bool>& m_stopping;
};

} // namespace ferry::http
