#pragma once
// Bounds the memory password checks can take. Each scrypt check holds a
// 16 MiB working buffer, so an unbounded number in flight lets one client
// with a stream of wrong passwords exhaust memory (issue 10: 300 concurrent
// wrong sign-ins took ferryd from 31 MiB to 4.8 GiB). The gate runs at most
// one check per core, lets a few more wait briefly, caps what one address
// may hold, and turns everything beyond into "busy" (429 + Retry-After).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace ferry::access {

struct PasswordCheckLimits {
    int running = 0;    // checks at once; 0: one per core
    int waiting = 0;    // checks that may queue; 0: twice `running`
    int perAddress = 0; // running + waiting from one address; 0: `running`
    std::chrono::milliseconds maxWait{1000};
};

class PasswordCheckGate {
public:
    using Limits = PasswordCheckLimits;

    // Held while a check runs; releases its slot on destruction.
    class Pass {
    public:
        Pass() = default;
        Pass(Pass&& other) noexcept;
        Pass& operator=(Pass&&) = delete;
        ~Pass();
        explicit operator bool() const { return m_gate != nullptr; }

    private:
        friend class PasswordCheckGate;
        Pass(PasswordCheckGate* gate, std::string address)
            : m_gate(gate)
            , m_address(std::move(address)) {}
        PasswordCheckGate* m_gate = nullptr;
        std::string m_address;
    };

    PasswordCheckGate()
        : PasswordCheckGate(Limits()) {}
    explicit PasswordCheckGate(Limits limits);

    // A pass to run one check, or an empty one: busy, answer 429.
    Pass enter(const std::string& address);

    int running() const;
    int capacity() const { return m_limits.running; }

private:
    void leave(const std::string& address);

    Limits m_limits;
    mutable std::mutex m_mutex;
    std::condition_variable m_freed;
    int m_running = 0;
    std::deque<uint64_t> m_queue; // tickets of waiting checks, oldest first
    uint64_t m_lastTicket = 0;
    std::unordered_map<std::string, int> m_perAddress;
};

} // namespace ferry::access
